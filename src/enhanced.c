/*
 * enhanced.c: the table of enhanced status codes (RFC 3463 and the IANA
 * registry), expanded from data/enhanced.def.
 */
#include <stddef.h>

#include "smtpcode.h"
#include "tokens.h"

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
	_Static_assert((c) != 0 && ((c) & ~7) == 0, "classes: " #s "." #t);   \
	_Static_assert(((who) & ~SMTP_WHO_ALL) == 0, "who: " #s "." #t);      \
	NONEMPTY_(n); NONEMPTY_(r); NONEMPTY_(b);                             \
	NONEMPTY_(d); NONEMPTY_(w); NONEMPTY_(f);
#define SMTP_ENH_CLASS(c, n, r, d, w, f)                                      \
	_Static_assert((c) == 2 || (c) == 4 || (c) == 5, "class: " #c);       \
	NONEMPTY_(n); NONEMPTY_(r); NONEMPTY_(d); NONEMPTY_(w); NONEMPTY_(f);
#define SMTP_ENH_SUBJECT(s, n, r, d, w, f)                                    \
	_Static_assert((s) >= 0 && (s) <= ENH_MAX_SUBJECT, "subject: " #s);   \
	NONEMPTY_(n); NONEMPTY_(r); NONEMPTY_(d); NONEMPTY_(w); NONEMPTY_(f);
#include "enhanced.def"

static const struct smtp_enhanced enh_table[] = {
#define SMTP_ENH(s, t, n, r, b, c, who, d, w, f, tr, pe)                      \
	{ s, t, n, r, b, c, who, d, w, f, tr, pe },
#include "enhanced.def"
};

_Static_assert(sizeof enh_table / sizeof enh_table[0] == ENH_COUNT,
    "table and index disagree");
_Static_assert(ENH_COUNT < 255, "index needs a wider type");

static const unsigned char enh_index[ENH_MAX_SUBJECT + 1][ENH_MAX_DETAIL + 1] = {
#define SMTP_ENH(s, t, n, r, b, c, who, d, w, f, tr, pe)                      \
	[s][t] = ENH_IDX_##s##_##t + 1,
#include "enhanced.def"
};

/* The class rows are looked up by class digit, and the subject rows by
 * subject; both lists are short, and enhanced.def keeps them in order. */
static const struct smtp_digit enh_classes[] = {
#define SMTP_ENH_CLASS(c, n, r, d, w, f)                                      \
	{ c, #c ".x.x", n, r, d, w, f, SMTP_RETRY_NONE, "", 0, 1 },
#include "enhanced.def"
};

static const struct smtp_digit enh_subjects[] = {
#define SMTP_ENH_SUBJECT(s, n, r, d, w, f)                                    \
	{ s, "x." #s ".x", n, r, d, w, f, SMTP_RETRY_NONE, "", 0, 1 },
#include "enhanced.def"
};

_Static_assert(sizeof enh_subjects / sizeof enh_subjects[0] == ENH_MAX_SUBJECT + 1,
    "every subject 0-7 needs a row");

static const struct smtp_digit enh_unassigned_subject = {
#define SMTP_BASIC_CLASS(dg, l, n, g, re, rtx, who, d, w, f)
#define SMTP_BASIC_CATEGORY(dg, l, n, g, d)
#define SMTP_ENH_SUBJECT_UNASSIGNED(n, d, w, f)                               \
	-1, "x.?.x", n, "RFC 3463 §2", d, w, f, SMTP_RETRY_NONE, "", 0, 0
#include "digits.def"
};

static const struct smtp_digit enh_any_class = {
#define SMTP_BASIC_CLASS(dg, l, n, g, re, rtx, who, d, w, f)
#define SMTP_BASIC_CATEGORY(dg, l, n, g, d)
#define SMTP_ENH_SUBJECT_UNASSIGNED(n, d, w, f)
#define SMTP_ENH_ANY_CLASS(n, rtx, d)                                          \
	0, "X.x.x", n, "RFC 3463 §2", d, "", "", SMTP_RETRY_BY_CLASS, rtx, 0, 1
#include "digits.def"
};

const struct smtp_digit *
smtp_enhanced_any_class(void)
{
	return &enh_any_class;
}

size_t
smtp_enhanced_count(void)
{
	return ENH_COUNT;
}

const struct smtp_enhanced *
smtp_enhanced_at(size_t i)
{
	return i < ENH_COUNT ? &enh_table[i] : NULL;
}

const struct smtp_enhanced *
smtp_enhanced_lookup(int subject, int detail)
{
	if (subject < 0 || subject > ENH_MAX_SUBJECT ||
	    detail < 0 || detail > ENH_MAX_DETAIL ||
	    enh_index[subject][detail] == 0)
		return NULL;
	return &enh_table[enh_index[subject][detail] - 1];
}

const struct smtp_digit *
smtp_enhanced_class(int cls)
{
	size_t i;

	for (i = 0; i < sizeof enh_classes / sizeof enh_classes[0]; i++)
		if (enh_classes[i].digit == cls)
			return &enh_classes[i];
	return NULL;
}

const struct smtp_digit *
smtp_enhanced_subject(int subject)
{
	if (subject < 0 || subject > ENH_MAX_SUBJECT)
		return &enh_unassigned_subject;
	return &enh_subjects[subject];
}
