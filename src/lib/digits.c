/*
 * digits.c: the meaning of each digit of a code that no table lists,
 * expanded from data/digits.def.
 */
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

#define ROW_MEMBERS_(n, rtx, d, w, f)                                         \
	POOL_MEMBER(n_, n) POOL_MEMBER(rtx_, rtx) POOL_MEMBER(d_, d)          \
	POOL_MEMBER(w_, w) POOL_MEMBER(f_, f)

static const struct digits_pool {
#define SMTP_BASIC_CLASS(dg, n, g, re, rtx, who, d, w, f)                     \
	struct { ROW_MEMBERS_(n, rtx, d, w, f) } class##dg;
#define SMTP_BASIC_CLASS_OUTSIDE(n, re, rtx, who, d, w, f)                    \
	struct { ROW_MEMBERS_(n, rtx, d, w, f) } outside;
#define SMTP_BASIC_CATEGORY(dg, n, g, d)                                      \
	struct { ROW_MEMBERS_(n, "", d, "", "") } category##dg;
#define SMTP_ENH_ANY_CLASS(n, rtx, d)                                         \
	struct { ROW_MEMBERS_(n, rtx, d, "", "") } any_class;
#define SMTP_ENH_SUBJECT_UNASSIGNED(n, d, w, f)                               \
	struct { ROW_MEMBERS_(n, "", d, w, f) } unassigned;
#include "digits.def"
} pool = {
#define SMTP_BASIC_CLASS(dg, n, g, re, rtx, who, d, w, f) { n, rtx, d, w, f },
#define SMTP_BASIC_CLASS_OUTSIDE(n, re, rtx, who, d, w, f) { n, rtx, d, w, f },
#define SMTP_BASIC_CATEGORY(dg, n, g, d) { n, "", d, "", "" },
#define SMTP_ENH_ANY_CLASS(n, rtx, d) { n, rtx, d, "", "" },
#define SMTP_ENH_SUBJECT_UNASSIGNED(n, d, w, f) { n, "", d, w, f },
#include "digits.def"
};

struct digit_row {
	int8_t digit;
	uint8_t in_grammar, retry, who;
	uint32_t name, retry_text, description, when, fix;
};

/* k is a member designator, which cannot be parenthesized. */
/* NOLINTBEGIN(bugprone-macro-parentheses) */
#define ROW_(dg, g, re, who, k)                                               \
	{ dg, g, re, who, offsetof(struct digits_pool, k.n_),                 \
	  offsetof(struct digits_pool, k.rtx_),                               \
	  offsetof(struct digits_pool, k.d_),                                 \
	  offsetof(struct digits_pool, k.w_),                                 \
	  offsetof(struct digits_pool, k.f_) }
/* NOLINTEND(bugprone-macro-parentheses) */

/* Classes 1-5, in order, then the one row for 0 and 6-9. */
static const struct digit_row class_rows[] = {
#define SMTP_BASIC_CLASS(dg, n, g, re, rtx, who, d, w, f)                     \
	ROW_(dg, g, RETRY_(re), who, class##dg),
#define SMTP_BASIC_CLASS_OUTSIDE(n, re, rtx, who, d, w, f)                    \
	ROW_(-1, 0, RETRY_(re), who, outside),
#include "digits.def"
};

static const struct digit_row category_rows[] = {
#define SMTP_BASIC_CATEGORY(dg, n, g, d)                                      \
	ROW_(dg, g, SMTPCODE_RETRY_NONE, 0, category##dg),
#include "digits.def"
};

static const struct digit_row any_class_row =
#define SMTP_ENH_ANY_CLASS(n, rtx, d)                                         \
	ROW_(0, 1, SMTPCODE_RETRY_BY_CLASS, 0, any_class);
#include "digits.def"

static const struct digit_row unassigned_row =
#define SMTP_ENH_SUBJECT_UNASSIGNED(n, d, w, f)                               \
	ROW_(-1, 0, SMTPCODE_RETRY_NONE, 0, unassigned);
#include "digits.def"
#undef ROW_

_Static_assert(sizeof class_rows / sizeof class_rows[0] == 6,
    "digits.def needs classes 1-5 and the one outside row");
_Static_assert(sizeof category_rows / sizeof category_rows[0] == 10,
    "digits.def needs a category row for every digit");

static void
expand(const struct digit_row *r, int digit, const char *reference,
    struct digit_entry *d)
{
	d->digit = digit;
	d->in_grammar = r->in_grammar;
	d->retry = (enum smtpcode_retry)r->retry;
	d->who = r->who;
	d->name = POOL_STR(pool, r->name);
	d->reference = reference;
	d->retry_text = POOL_STR(pool, r->retry_text);
	d->description = POOL_STR(pool, r->description);
	d->when = POOL_STR(pool, r->when);
	d->fix = POOL_STR(pool, r->fix);
}

int
smtpcode__basic_class(int digit, struct digit_entry *d)
{
	size_t i;

	if (digit < 0 || digit > 9)
		return 0;
	for (i = 0; class_rows[i].digit >= 0 && class_rows[i].digit != digit; i++)
		;
	expand(&class_rows[i], digit, "RFC 5321 §4.2.1", d);
	return 1;
}

int
smtpcode__basic_category(int digit, struct digit_entry *d)
{
	if (digit < 0 || digit > 9)
		return 0;
	expand(&category_rows[digit], digit, "RFC 5321 §4.2.1", d);
	return 1;
}

void
smtpcode__enhanced_any_class(struct digit_entry *d)
{
	expand(&any_class_row, 0, "RFC 3463 §2", d);
}

void
smtpcode__enhanced_unassigned_subject(int subject, struct digit_entry *d)
{
	expand(&unassigned_row, subject, "RFC 3463 §2", d);
}
