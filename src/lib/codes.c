/*
 * codes.c: the table of basic reply codes, expanded from data/codes.def:
 * an enumerator per code (a code listed twice is a compile error), checks
 * per row, the string pool, the rows of offsets and an index by code.
 */
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

enum basic_index {
#define SMTP_CODE(c, n, o, r, rt, sa, re, rtx, w, d, wh, f) BASIC_IDX_##c,
#include "codes.def"
	BASIC_COUNT
};

#define SMTP_CODE(c, n, o, r, rt, sa, re, rtx, w, d, wh, f)                   \
	_Static_assert((c) >= 100 && (c) <= 599, "code out of range: " #c);   \
	_Static_assert(((w) & ~SMTPCODE_WHO_ALL) == 0, "bad WHO flags: " #c); \
	NONEMPTY_(n); NONEMPTY_(r); NONEMPTY_(sa); NONEMPTY_(rtx);            \
	NONEMPTY_(d); NONEMPTY_(wh); NONEMPTY_(f);
#include "codes.def"

static const struct basic_pool {
#define SMTP_CODE(c, n, o, r, rt, sa, re, rtx, w, d, wh, f)                   \
	struct {                                                              \
		POOL_MEMBER(n_, n) POOL_MEMBER(r_, r) POOL_MEMBER(rt_, rt)    \
		POOL_MEMBER(sa_, sa) POOL_MEMBER(rtx_, rtx)                   \
		POOL_MEMBER(d_, d) POOL_MEMBER(wh_, wh) POOL_MEMBER(f_, f)    \
	} k_##c;
#include "codes.def"
} pool = {
#define SMTP_CODE(c, n, o, r, rt, sa, re, rtx, w, d, wh, f)                   \
	{ n, r, rt, sa, rtx, d, wh, f },
#include "codes.def"
};

struct basic_row {
	uint16_t code;
	uint8_t origin, retry, who;
	uint32_t name, reference, rfc_text, seen_after, retry_text,
	    description, when, fix;
};

#define OFF_(c, m) offsetof(struct basic_pool, k_##c.m) /* NOLINT(bugprone-macro-parentheses): a member designator */
static const struct basic_row rows[] = {
#define SMTP_CODE(c, n, o, r, rt, sa, re, rtx, w, d, wh, f)                   \
	{ c, ORIGIN_(o), RETRY_(re), w, OFF_(c, n_), OFF_(c, r_),             \
	  OFF_(c, rt_), OFF_(c, sa_), OFF_(c, rtx_), OFF_(c, d_),             \
	  OFF_(c, wh_), OFF_(c, f_) },
#include "codes.def"
};
#undef OFF_

_Static_assert(sizeof rows / sizeof rows[0] == BASIC_COUNT,
    "table and index disagree");
_Static_assert(BASIC_COUNT < 255, "index needs a wider type");
_Static_assert(sizeof pool < UINT32_MAX, /* NOLINT(bugprone-sizeof-expression) */
    "offsets need a wider type");

/* code -> row + 1 (0: not in the table), so a lookup is one load. */
static const unsigned char by_code[1000] = {
#define SMTP_CODE(c, n, o, r, rt, sa, re, rtx, w, d, wh, f)                   \
	[c] = BASIC_IDX_##c + 1,
#include "codes.def"
};

static void
expand(const struct basic_row *r, struct basic_entry *e)
{
	e->code = r->code;
	e->origin = (enum smtpcode_origin)r->origin;
	e->retry = (enum smtpcode_retry)r->retry;
	e->who = r->who;
	e->name = POOL_STR(pool, r->name);
	e->reference = POOL_STR(pool, r->reference);
	e->rfc_text = POOL_STR(pool, r->rfc_text);
	e->seen_after = POOL_STR(pool, r->seen_after);
	e->retry_text = POOL_STR(pool, r->retry_text);
	e->description = POOL_STR(pool, r->description);
	e->when = POOL_STR(pool, r->when);
	e->fix = POOL_STR(pool, r->fix);
}

int
smtpcode__basic_get(size_t i, struct basic_entry *e)
{
	if (i >= BASIC_COUNT)
		return 0;
	expand(&rows[i], e);
	return 1;
}

int
smtpcode__basic_find(int code, struct basic_entry *e)
{
	if (code < 0 || code > 999 || by_code[code] == 0)
		return 0;
	expand(&rows[by_code[code] - 1], e);
	return 1;
}

size_t
smtpcode_basic_count(void)
{
	return BASIC_COUNT;
}

int
smtpcode_basic_code(size_t i)
{
	return i < BASIC_COUNT ? rows[i].code : -1;
}
