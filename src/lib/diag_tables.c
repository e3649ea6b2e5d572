/*
 * diag_tables.c: the diagnosis data, expanded from data/reasons.def,
 * providers.def, blocklists.def, provider_codes.def and code_reasons.def
 * into string pools and rows of offsets, as codes.c does for the codes.
 *
 * Provider codes and tags have no name of their own to make a pool
 * member of, so each takes the line of its entry in the data file, which
 * is the same in every expansion.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

#define CAT2_(a, b) a##b
#define CAT_(a, b) CAT2_(a, b)
#define LINE_MEMBER_(prefix) CAT_(prefix, __LINE__)

/* Compile-time checks of every row. */
#define SMTP_REASON(r, hard, who, gloss, action)                              \
	NONEMPTY_(gloss); NONEMPTY_(action);                                  \
	_Static_assert(((who) & ~SMTPCODE_WHO_ALL) == 0, "who: " #r);
#include "reasons.def"
#define SMTP_PROVIDER(tok, id, name, services, url, source)                   \
	NONEMPTY_(id); NONEMPTY_(name); NONEMPTY_(source);
#define SMTP_PROVIDER_MARK(tok, fragment, source)                             \
	NONEMPTY_(fragment); NONEMPTY_(source);                               \
	_Static_assert(PROVIDER_##tok > 0, "mark of an unknown provider");
#include "providers.def"
#define SMTP_BLOCKLIST(tok, id, name, who, lookup, delist, action, source)    \
	NONEMPTY_(id); NONEMPTY_(name); NONEMPTY_(action); NONEMPTY_(source); \
	_Static_assert(((who) & ~SMTPCODE_WHO_ALL) == 0, "who: " #tok);
#include "blocklists.def"
#define SMTP_PCODE(tok, cls, s, first, last, scope, reason, n, d, w, f, r)    \
	_Static_assert((cls) == 2 || (cls) == 4 || (cls) == 5, "class");      \
	_Static_assert((s) >= 0 && (s) <= 999 && (first) >= 0 &&              \
	    (first) <= (last) && (last) <= 999, "code range");                \
	_Static_assert(REASON_##reason > 0 && PROVIDER_##tok > 0, "tokens");  \
	NONEMPTY_(n); NONEMPTY_(d); NONEMPTY_(w); NONEMPTY_(f); NONEMPTY_(r);
#define SMTP_PTAG(tok, tag, reason, n, d, w, f, r)                            \
	_Static_assert(REASON_##reason > 0 && PROVIDER_##tok > 0, "tokens");  \
	NONEMPTY_(tag); NONEMPTY_(n); NONEMPTY_(d); NONEMPTY_(w);             \
	NONEMPTY_(f); NONEMPTY_(r);
#include "provider_codes.def"

static const struct diag_pool {
#define SMTP_REASON(r, hard, who, gloss, action)                              \
	struct { POOL_MEMBER(name_, #r) POOL_MEMBER(gloss_, gloss)            \
	    POOL_MEMBER(action_, action) } reason_##r;
#include "reasons.def"
#define SMTP_PROVIDER(tok, id, name, services, url, source)                   \
	struct { POOL_MEMBER(id_, id) POOL_MEMBER(name_, name)                \
	    POOL_MEMBER(services_, services) POOL_MEMBER(url_, url) }         \
	    provider_##tok;
#include "providers.def"
#define SMTP_BLOCKLIST(tok, id, name, who, lookup, delist, action, source)    \
	struct { POOL_MEMBER(id_, id) POOL_MEMBER(name_, name)                \
	    POOL_MEMBER(lookup_, lookup) POOL_MEMBER(delist_, delist)         \
	    POOL_MEMBER(action_, action) } blocklist_##tok;
#include "blocklists.def"
#define SMTP_PCODE(tok, cls, s, first, last, scope, reason, n, d, w, f, r)    \
	struct { POOL_MEMBER(n_, n) POOL_MEMBER(d_, d) POOL_MEMBER(w_, w)     \
	    POOL_MEMBER(f_, f) POOL_MEMBER(r_, r) } LINE_MEMBER_(pcode_);
#define SMTP_PTAG(tok, tag, reason, n, d, w, f, r)                            \
	struct { POOL_MEMBER(t_, tag) POOL_MEMBER(n_, n) POOL_MEMBER(d_, d)   \
	    POOL_MEMBER(w_, w) POOL_MEMBER(f_, f) POOL_MEMBER(r_, r) }        \
	    LINE_MEMBER_(ptag_);
#include "provider_codes.def"
} pool = {
#define SMTP_REASON(r, hard, who, gloss, action) { #r, gloss, action },
#include "reasons.def"
#define SMTP_PROVIDER(tok, id, name, services, url, source)                   \
	{ id, name, services, url },
#include "providers.def"
#define SMTP_BLOCKLIST(tok, id, name, who, lookup, delist, action, source)    \
	{ id, name, lookup, delist, action },
#include "blocklists.def"
#define SMTP_PCODE(tok, cls, s, first, last, scope, reason, n, d, w, f, r)    \
	{ n, d, w, f, r },
#define SMTP_PTAG(tok, tag, reason, n, d, w, f, r) { tag, n, d, w, f, r },
#include "provider_codes.def"
};

_Static_assert(sizeof pool < UINT32_MAX, /* NOLINT(bugprone-sizeof-expression) */
    "offsets need a wider type");

/* NOLINTBEGIN(bugprone-macro-parentheses): member designators */
#define OFF_(m) offsetof(struct diag_pool, m)

static const struct reason_row {
	uint8_t hard, who;
	uint32_t name, gloss, action;
} reasons[] = {
#define SMTP_REASON(r, hard, who, gloss, action)                              \
	{ hard, who, OFF_(reason_##r.name_), OFF_(reason_##r.gloss_),         \
	  OFF_(reason_##r.action_) },
#include "reasons.def"
};

static const struct provider_row {
	uint32_t id, name, services, url;
} providers[] = {
#define SMTP_PROVIDER(tok, id, name, services, url, source)                   \
	{ OFF_(provider_##tok.id_), OFF_(provider_##tok.name_),               \
	  OFF_(provider_##tok.services_), OFF_(provider_##tok.url_) },
#include "providers.def"
};

static const struct blocklist_row {
	uint8_t who;
	uint32_t id, name, lookup, delist, action;
} blocklists[] = {
#define SMTP_BLOCKLIST(tok, id, name, who, lookup, delist, action, source)    \
	{ who, OFF_(blocklist_##tok.id_), OFF_(blocklist_##tok.name_),        \
	  OFF_(blocklist_##tok.lookup_), OFF_(blocklist_##tok.delist_),       \
	  OFF_(blocklist_##tok.action_) },
#include "blocklists.def"
};

static const struct pcode_row {
	uint8_t provider, cls, own, reason;
	uint16_t subject, first, last;
	uint32_t name, description, when, fix, reference;
} pcodes[] = {
#define SMTP_PCODE(tok, cls, s, first, last, scope, reason, n, d, w, f, r)    \
	{ PROVIDER_##tok, cls, SCOPE_##scope, REASON_##reason, s, first, last, \
	  OFF_(LINE_MEMBER_(pcode_).n_), OFF_(LINE_MEMBER_(pcode_).d_),       \
	  OFF_(LINE_MEMBER_(pcode_).w_), OFF_(LINE_MEMBER_(pcode_).f_),       \
	  OFF_(LINE_MEMBER_(pcode_).r_) },
#include "provider_codes.def"
};

/* Each row's class and subject in one number, apart from the rows: the
 * search for a code reads this 142-byte array, not the 28-byte rows. */
#define PCODE_KEY_(cls, s) ((uint16_t)((cls) << 12 | (s)))
static const uint16_t pcode_keys[] = {
#define SMTP_PCODE(tok, cls, s, first, last, scope, reason, n, d, w, f, r)    \
	PCODE_KEY_(cls, s),
#include "provider_codes.def"
};
_Static_assert(sizeof pcode_keys / sizeof pcode_keys[0] ==
    sizeof pcodes / sizeof pcodes[0], "a key for each provider code");

static const struct ptag_row {
	uint8_t provider, reason;
	uint32_t tag, name, description, when, fix, reference;
} ptags[] = {
#define SMTP_PTAG(tok, tag, reason, n, d, w, f, r)                            \
	{ PROVIDER_##tok, REASON_##reason, OFF_(LINE_MEMBER_(ptag_).t_),      \
	  OFF_(LINE_MEMBER_(ptag_).n_), OFF_(LINE_MEMBER_(ptag_).d_),         \
	  OFF_(LINE_MEMBER_(ptag_).w_), OFF_(LINE_MEMBER_(ptag_).f_),         \
	  OFF_(LINE_MEMBER_(ptag_).r_) },
#include "provider_codes.def"
};
/* NOLINTEND(bugprone-macro-parentheses) */

_Static_assert(PROVIDER_END_ < 256 && REASON_END_ < 256, "rows need wider types");

/* What a code says of the reason, indexed by the code itself: a lookup
 * per diagnosis, not a search. A code outside the bounds is a compile
 * error, and so is one given twice (-Woverride-init, in -Wextra). */
#define SPECIFIC 2
#define HINT 1
struct code_reason_cell {
	uint8_t reason, strength;       /* strength 0: no row */
};
#define ENH_SUBJECTS 8
#define ENH_DETAILS 40
static const struct code_reason_cell enh_reasons[ENH_SUBJECTS][ENH_DETAILS] = {
#define SMTP_ENH_REASON(s, d, reason, strength)                               \
	[s][d] = { REASON_##reason, strength },
#define SMTP_BASIC_REASON(code, reason, strength)
#include "code_reasons.def"
};
static const struct code_reason_cell basic_reasons[600] = {
#define SMTP_ENH_REASON(s, d, reason, strength)
#define SMTP_BASIC_REASON(code, reason, strength)                             \
	[code] = { REASON_##reason, strength },
#include "code_reasons.def"
};

#define N_(a) (sizeof (a) / sizeof (a)[0])

/* ASCII case-insensitive equality of a counted string and a C string. */
static int
same_name(const char *s, size_t len, const char *name)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (name[i] == '\0' || to_lower((unsigned char)s[i]) !=
		    to_lower((unsigned char)name[i]))
			return 0;
	return name[len] == '\0';
}

/* Copy what fits of a filled structure to the caller's, whose first
 * member is its size. */
#define DELIVER_(out, tmp)                                                    \
	do {                                                                  \
		size_t n_ = (out)->size < sizeof(tmp) ? (out)->size : sizeof(tmp); \
		(tmp).size = n_;                                              \
		memcpy((out), &(tmp), n_);                                    \
	} while (0)

size_t
smtpcode_reason_count(void)
{
	return N_(reasons);
}

int
smtpcode_reason_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < N_(reasons); i++)
		if (same_name(name, len, POOL_STR(pool, reasons[i].name)))
			return (int)i + 1;
	return 0;
}

int
smtpcode_reason_info(int reason, struct smtpcode_reason_info *out)
{
	struct smtpcode_reason_info r;
	const struct reason_row *row;

	if (reason < 1 || (size_t)reason > N_(reasons) || out->size < sizeof(size_t))
		return 0;
	row = &reasons[reason - 1];
	r.name = POOL_STR(pool, row->name);
	r.gloss = POOL_STR(pool, row->gloss);
	r.action = POOL_STR(pool, row->action);
	r.hard = (enum smtpcode_hard)row->hard;
	r.who = row->who;
	DELIVER_(out, r);
	return 1;
}

size_t
smtpcode_provider_count(void)
{
	return N_(providers);
}

int
smtpcode_provider_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < N_(providers); i++)
		if (same_name(name, len, POOL_STR(pool, providers[i].id)) ||
		    same_name(name, len, POOL_STR(pool, providers[i].name)))
			return (int)i + 1;
	return 0;
}

int
smtpcode_provider_info(int provider, struct smtpcode_provider_info *out)
{
	struct smtpcode_provider_info p;
	const struct provider_row *row;

	if (provider < 1 || (size_t)provider > N_(providers) ||
	    out->size < sizeof(size_t))
		return 0;
	row = &providers[provider - 1];
	p.id = POOL_STR(pool, row->id);
	p.name = POOL_STR(pool, row->name);
	p.services = POOL_STR(pool, row->services);
	p.url = POOL_STR(pool, row->url);
	DELIVER_(out, p);
	return 1;
}

size_t
smtpcode_blocklist_count(void)
{
	return N_(blocklists);
}

int
smtpcode_blocklist_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < N_(blocklists); i++)
		if (same_name(name, len, POOL_STR(pool, blocklists[i].id)) ||
		    same_name(name, len, POOL_STR(pool, blocklists[i].name)))
			return (int)i + 1;
	return 0;
}

int
smtpcode_blocklist_info(int blocklist, struct smtpcode_blocklist_info *out)
{
	struct smtpcode_blocklist_info b;
	const struct blocklist_row *row;

	if (blocklist < 1 || (size_t)blocklist > N_(blocklists) ||
	    out->size < sizeof(size_t))
		return 0;
	row = &blocklists[blocklist - 1];
	b.id = POOL_STR(pool, row->id);
	b.name = POOL_STR(pool, row->name);
	b.lookup_url = POOL_STR(pool, row->lookup);
	b.delist_url = POOL_STR(pool, row->delist);
	b.action = POOL_STR(pool, row->action);
	b.who = row->who;
	DELIVER_(out, b);
	return 1;
}

static void
expand_pcode(const struct pcode_row *r, struct pcode_entry *e)
{
	e->provider = r->provider;
	e->code.cls = r->cls;
	e->code.subject = r->subject;
	e->code.detail = r->first;
	e->last = r->last;
	e->own = r->own;
	e->reason = r->reason;
	e->name = POOL_STR(pool, r->name);
	e->description = POOL_STR(pool, r->description);
	e->when = POOL_STR(pool, r->when);
	e->fix = POOL_STR(pool, r->fix);
	e->reference = POOL_STR(pool, r->reference);
}

int
smtpcode__pcode_get(size_t i, struct pcode_entry *e)
{
	if (i >= N_(pcodes))
		return 0;
	expand_pcode(&pcodes[i], e);
	return 1;
}

int
smtpcode__pcode_find(int provider, const struct smtpcode_enhanced_code *c,
    struct pcode_entry *e)
{
	size_t i;
	uint16_t key;

	/* A subject past 4095 is no provider's: the key would not hold it. */
	if (c->subject < 0 || c->subject > 0xfff)
		return 0;
	key = PCODE_KEY_(c->cls, c->subject);
	for (i = 0; i < N_(pcodes); i++) {
		const struct pcode_row *r = &pcodes[i];
		if (pcode_keys[i] != key || c->detail < r->first || c->detail > r->last)
			continue;
		if (provider ? r->provider == provider : r->own) {
			expand_pcode(r, e);
			return 1;
		}
	}
	return 0;
}

int
smtpcode__ptag_get(size_t i, struct ptag_entry *e)
{
	const struct ptag_row *r;

	if (i >= N_(ptags))
		return 0;
	r = &ptags[i];
	e->provider = r->provider;
	e->reason = r->reason;
	e->tag = POOL_STR(pool, r->tag);
	e->name = POOL_STR(pool, r->name);
	e->description = POOL_STR(pool, r->description);
	e->when = POOL_STR(pool, r->when);
	e->fix = POOL_STR(pool, r->fix);
	e->reference = POOL_STR(pool, r->reference);
	return 1;
}

int
smtpcode__code_reason(int basic, const struct smtpcode_enhanced_code *c,
    int *specific)
{
	const struct code_reason_cell *r = NULL;

	if (c != NULL && c->subject >= 0 && c->subject < ENH_SUBJECTS &&
	    c->detail >= 0 && c->detail < ENH_DETAILS)
		r = &enh_reasons[c->subject][c->detail];
	else if (c == NULL && basic >= 0 && basic < 600)
		r = &basic_reasons[basic];
	if (r == NULL || r->strength == 0) {
		*specific = 0;
		return 0;
	}
	*specific = r->strength == SPECIFIC;
	return r->reason;
}
