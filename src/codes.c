/*
 * codes.c: the table of basic reply codes, expanded from data/codes.def.
 */
#include <stddef.h>

#include "smtpcode.h"
#include "tokens.h"

/* One enumerator per code: a code listed twice fails to compile as a
 * redeclared enumerator, and the last one counts the rows. */
enum basic_index {
#define SMTP_CODE(c, n, o, r, rt, sa, re, rtx, w, d, wh, f) BASIC_IDX_##c,
#include "codes.def"
	BASIC_COUNT
};

/* Range and presence checks, one set per row. */
#define SMTP_CODE(c, n, o, r, rt, sa, re, rtx, w, d, wh, f)                   \
	_Static_assert((c) >= 100 && (c) <= 599, "code out of range: " #c);   \
	_Static_assert(((w) & ~SMTP_WHO_ALL) == 0, "bad WHO flags: " #c);     \
	NONEMPTY_(n); NONEMPTY_(r); NONEMPTY_(sa); NONEMPTY_(rtx);            \
	NONEMPTY_(d); NONEMPTY_(wh); NONEMPTY_(f);
#include "codes.def"

static const struct smtp_basic basic_table[] = {
#define SMTP_CODE(c, n, o, r, rt, sa, re, rtx, w, d, wh, f)                   \
	{ c, n, ORIGIN_(o), r, rt, sa, RETRY_(re), rtx, w, d, wh, f },
#include "codes.def"
};

_Static_assert(sizeof basic_table / sizeof basic_table[0] == BASIC_COUNT,
    "table and index disagree");
_Static_assert(BASIC_COUNT < 255, "index needs a wider type");

/* code -> row + 1 (0: not in the table), so a lookup is one load. */
static const unsigned char basic_index[1000] = {
#define SMTP_CODE(c, n, o, r, rt, sa, re, rtx, w, d, wh, f)                   \
	[c] = BASIC_IDX_##c + 1,
#include "codes.def"
};

size_t
smtp_basic_count(void)
{
	return BASIC_COUNT;
}

const struct smtp_basic *
smtp_basic_at(size_t i)
{
	return i < BASIC_COUNT ? &basic_table[i] : NULL;
}

const struct smtp_basic *
smtp_basic_lookup(int code)
{
	if (code < 0 || code > 999 || basic_index[code] == 0)
		return NULL;
	return &basic_table[basic_index[code] - 1];
}
