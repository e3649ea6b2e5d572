/*
 * enhanced.c: the table of enhanced status codes (RFC 3463 and the IANA
 * registry), expanded from data/enhanced.def as codes.c expands codes.def,
 * with its class and subject rows.
 */
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

#define ENH_MAX_SUBJECT 7
#define ENH_MAX_DETAIL  63

enum enhanced_index {
#define SMTP_ENH(s, t, n, r, b, c, who, d, w, f, tr, pe) ENH_IDX_##s##_##t,
#include "enhanced.def"
	ENH_COUNT
};

#define SMTP_ENH(s, t, n, r, b, c, who, d, w, f, tr, pe)                      \
	_Static_assert((s) >= 0 && (s) <= ENH_MAX_SUBJECT, "subject: " #s);   \
	_Static_assert((t) >= 0 && (t) <= ENH_MAX_DETAIL, "detail: " #t);     \
	_Static_assert((c) != 0 && ((c) & ~(CLS_2 | CLS_4 | CLS_5)) == 0,     \
	    "classes: " #s "." #t);                                           \
	_Static_assert(((who) & ~SMTPCODE_WHO_ALL) == 0, "who: " #s "." #t);  \
	NONEMPTY_(n); NONEMPTY_(r); NONEMPTY_(b);                             \
	NONEMPTY_(d); NONEMPTY_(w); NONEMPTY_(f);
#define SMTP_ENH_CLASS(c, n, r, d, w, f)                                      \
	_Static_assert((c) == 2 || (c) == 4 || (c) == 5, "class: " #c);       \
	NONEMPTY_(n); NONEMPTY_(r); NONEMPTY_(d); NONEMPTY_(w); NONEMPTY_(f);
#define SMTP_ENH_SUBJECT(s, n, r, d, w, f)                                    \
	_Static_assert((s) >= 0 && (s) <= ENH_MAX_SUBJECT, "subject: " #s);   \
	NONEMPTY_(n); NONEMPTY_(r); NONEMPTY_(d); NONEMPTY_(w); NONEMPTY_(f);
#include "enhanced.def"

/* forms: both class sentences in one string, for "X.7.1". */
static const struct enhanced_pool {
#define SMTP_ENH(s, t, n, r, b, c, who, d, w, f, tr, pe)                      \
	struct {                                                              \
		POOL_MEMBER(n_, n) POOL_MEMBER(r_, r) POOL_MEMBER(b_, b)      \
		POOL_MEMBER(d_, d) POOL_MEMBER(w_, w) POOL_MEMBER(f_, f)      \
		POOL_MEMBER(tr_, tr) POOL_MEMBER(pe_, pe)                     \
		POOL_MEMBER(forms_, tr " " pe)                                \
	} e##s##_##t;
#define SMTP_ENH_CLASS(c, n, r, d, w, f)                                      \
	struct {                                                              \
		POOL_MEMBER(n_, n) POOL_MEMBER(r_, r) POOL_MEMBER(d_, d)      \
		POOL_MEMBER(w_, w) POOL_MEMBER(f_, f)                         \
	} cls_##c;
#define SMTP_ENH_SUBJECT(s, n, r, d, w, f)                                    \
	struct {                                                              \
		POOL_MEMBER(n_, n) POOL_MEMBER(r_, r) POOL_MEMBER(d_, d)      \
		POOL_MEMBER(w_, w) POOL_MEMBER(f_, f)                         \
	} subj_##s;
#include "enhanced.def"
} pool = {
#define SMTP_ENH(s, t, n, r, b, c, who, d, w, f, tr, pe)                      \
	{ n, r, b, d, w, f, tr, pe, tr " " pe },
#define SMTP_ENH_CLASS(c, n, r, d, w, f) { n, r, d, w, f },
#define SMTP_ENH_SUBJECT(s, n, r, d, w, f) { n, r, d, w, f },
#include "enhanced.def"
};

struct enhanced_row {
	uint8_t subject, detail, classes, who;
	uint32_t name, reference, basic_codes, description, when, fix,
	    transient, permanent, forms;
};

/* A class or subject row. */
struct digit_row {
	uint16_t digit;
	uint32_t name, reference, description, when, fix;
};

#define OFF_(k, m) offsetof(struct enhanced_pool, k.m) /* NOLINT(bugprone-macro-parentheses): a member designator */
static const struct enhanced_row rows[] = {
#define SMTP_ENH(s, t, n, r, b, c, who, d, w, f, tr, pe)                      \
	{ s, t, c, who, OFF_(e##s##_##t, n_), OFF_(e##s##_##t, r_),           \
	  OFF_(e##s##_##t, b_), OFF_(e##s##_##t, d_), OFF_(e##s##_##t, w_),   \
	  OFF_(e##s##_##t, f_), OFF_(e##s##_##t, tr_), OFF_(e##s##_##t, pe_), \
	  OFF_(e##s##_##t, forms_) },
#include "enhanced.def"
};

static const struct digit_row class_rows[] = {
#define SMTP_ENH_CLASS(c, n, r, d, w, f)                                      \
	{ c, OFF_(cls_##c, n_), OFF_(cls_##c, r_), OFF_(cls_##c, d_), OFF_(cls_##c, w_),  \
	  OFF_(cls_##c, f_) },
#include "enhanced.def"
};

static const struct digit_row subject_rows[] = {
#define SMTP_ENH_SUBJECT(s, n, r, d, w, f)                                    \
	{ s, OFF_(subj_##s, n_), OFF_(subj_##s, r_), OFF_(subj_##s, d_), OFF_(subj_##s, w_),  \
	  OFF_(subj_##s, f_) },
#include "enhanced.def"
};
#undef OFF_

_Static_assert(sizeof rows / sizeof rows[0] == ENH_COUNT,
    "table and index disagree");
_Static_assert(ENH_COUNT < 255, "index needs a wider type");
_Static_assert(sizeof subject_rows / sizeof subject_rows[0] == ENH_MAX_SUBJECT + 1,
    "every subject 0-7 needs a row");
_Static_assert(sizeof pool < UINT32_MAX, /* NOLINT(bugprone-sizeof-expression) */
    "offsets need a wider type");

static const unsigned char by_code[ENH_MAX_SUBJECT + 1][ENH_MAX_DETAIL + 1] = {
#define SMTP_ENH(s, t, n, r, b, c, who, d, w, f, tr, pe)                      \
	[s][t] = ENH_IDX_##s##_##t + 1,
#include "enhanced.def"
};

static void
expand(const struct enhanced_row *r, struct enhanced_entry *e)
{
	const char *tr = POOL_STR(pool, r->transient);
	const char *pe = POOL_STR(pool, r->permanent);

	e->subject = r->subject;
	e->detail = r->detail;
	e->classes = r->classes;
	e->who = r->who;
	e->name = POOL_STR(pool, r->name);
	e->reference = POOL_STR(pool, r->reference);
	e->basic_codes = POOL_STR(pool, r->basic_codes);
	e->description = POOL_STR(pool, r->description);
	e->when = POOL_STR(pool, r->when);
	e->fix = POOL_STR(pool, r->fix);
	e->transient = tr;
	e->permanent = pe;
	/* The joined form only where both halves exist. */
	e->forms = tr[0] == '\0' ? pe : pe[0] == '\0' ? tr :
	    POOL_STR(pool, r->forms);
}

int
smtpcode__enhanced_get(size_t i, struct enhanced_entry *e)
{
	if (i >= ENH_COUNT)
		return 0;
	expand(&rows[i], e);
	return 1;
}

int
smtpcode__enhanced_find(int subject, int detail, struct enhanced_entry *e)
{
	if (subject < 0 || subject > ENH_MAX_SUBJECT ||
	    detail < 0 || detail > ENH_MAX_DETAIL ||
	    by_code[subject][detail] == 0)
		return 0;
	expand(&rows[by_code[subject][detail] - 1], e);
	return 1;
}

static void
expand_digit(const struct digit_row *r, struct digit_entry *d)
{
	d->digit = r->digit;
	d->in_grammar = 1;
	d->retry = SMTPCODE_RETRY_NONE;
	d->who = 0;
	d->name = POOL_STR(pool, r->name);
	d->reference = POOL_STR(pool, r->reference);
	d->retry_text = "";
	d->description = POOL_STR(pool, r->description);
	d->when = POOL_STR(pool, r->when);
	d->fix = POOL_STR(pool, r->fix);
}

int
smtpcode__enhanced_class(int cls, struct digit_entry *d)
{
	size_t i;

	for (i = 0; i < sizeof class_rows / sizeof class_rows[0]; i++)
		if (class_rows[i].digit == cls) {
			expand_digit(&class_rows[i], d);
			return 1;
		}
	return 0;
}

/* The subjects above 7 share the unassigned row (digits.c). */
int
smtpcode__enhanced_subject(int subject, struct digit_entry *d)
{
	if (subject < 0 || subject > ENH_MAX_SUBJECT)
		return 0;
	expand_digit(&subject_rows[subject], d);
	return 1;
}

size_t
smtpcode_enhanced_count(void)
{
	return ENH_COUNT;
}

int
smtpcode_enhanced_entry(size_t i, struct smtpcode_enhanced_code *c,
    unsigned *classes)
{
	if (i >= ENH_COUNT)
		return 0;
	c->cls = 0;
	c->subject = rows[i].subject;
	c->detail = rows[i].detail;
	if (classes != NULL)
		*classes = rows[i].classes;
	return 1;
}
