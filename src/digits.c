/*
 * digits.c: the meaning of each digit of a basic reply code, expanded from
 * data/digits.def.
 */
#include <stddef.h>

#include "smtpcode.h"
#include "tokens.h"

static const struct smtp_digit basic_classes[] = {
#define SMTP_BASIC_CLASS(dg, l, n, g, re, rtx, who, d, w, f)                  \
	{ dg, l, n, "RFC 5321 §4.2.1", d, w, f, RETRY_(re), rtx, who, g },
#define SMTP_BASIC_CATEGORY(dg, l, n, g, d)
#define SMTP_ENH_SUBJECT_UNASSIGNED(n, d, w, f)
#include "digits.def"
};

static const struct smtp_digit basic_categories[] = {
#define SMTP_BASIC_CLASS(dg, l, n, g, re, rtx, who, d, w, f)
#define SMTP_BASIC_CATEGORY(dg, l, n, g, d)                                   \
	{ dg, l, n, "RFC 5321 §4.2.1", d, "", "", SMTP_RETRY_NONE, "", 0, g },
#define SMTP_ENH_SUBJECT_UNASSIGNED(n, d, w, f)
#include "digits.def"
};

_Static_assert(sizeof basic_classes / sizeof basic_classes[0] == 10,
    "digits.def needs a class row for every digit");
_Static_assert(sizeof basic_categories / sizeof basic_categories[0] == 10,
    "digits.def needs a category row for every digit");

const struct smtp_digit *
smtp_basic_class(int digit)
{
	return digit >= 0 && digit <= 9 ? &basic_classes[digit] : NULL;
}

const struct smtp_digit *
smtp_basic_category(int digit)
{
	return digit >= 0 && digit <= 9 ? &basic_categories[digit] : NULL;
}
