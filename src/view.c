/*
 * view.c: one shape for every code, registered or not, basic or enhanced,
 * so that explaining, comparing and searching need not care which it is.
 */
#include <stdio.h>
#include <string.h>

#include "smtpcode.h"

static const char unregistered_basic_name[] = "Unregistered Code";
static const char unregistered_enh_name[] = "Unregistered Enhanced Code";

int
smtp_view_basic(int code, struct smtp_view *v)
{
	const struct smtp_basic *b;
	int d1, d2;

	memset(v, 0, sizeof *v);
	if (code < 0 || code > 999)
		return 0;
	d1 = code / 100;
	d2 = code / 10 % 10;
	v->kind = SMTP_KIND_BASIC;
	snprintf(v->code, sizeof v->code, "%03d", code);
	v->cls = smtp_basic_class(d1);
	v->category = smtp_basic_category(d2);
	v->in_grammar = v->cls->in_grammar && v->category->in_grammar;
	snprintf(v->category_label, sizeof v->category_label, "%s",
	    v->category->label);
	v->category_digit = d2;
	v->basic_codes = "";
	v->description_more = "";

	b = smtp_basic_lookup(code);
	if (b == NULL) {
		/* Explained from its digits (RFC 5321 §4.2.1). */
		v->name = unregistered_basic_name;
		v->origin = SMTP_ORIGIN_UNREGISTERED;
		v->reference = "RFC 5321 §4.2.1";
		v->rfc_text = "";
		v->seen_after = "";
		v->retry = v->cls->retry;
		v->retry_text = v->cls->retry_text;
		v->who = v->cls->who;
		/* Outside the grammar, say so first: what the first digit
		 * means only matters to a client that reads it anyway. */
		v->description = v->category->in_grammar ?
		    v->cls->description : v->category->description;
		v->description_more = v->category->in_grammar ?
		    v->category->description : v->cls->description;
		v->when = v->cls->when;
		v->fix = v->cls->fix;
		return 0;
	}
	v->registered = 1;
	v->basic = b;
	v->name = b->name;
	v->origin = b->origin;
	v->reference = b->reference;
	v->rfc_text = b->rfc_text;
	v->seen_after = b->seen_after;
	v->retry = b->retry;
	v->retry_text = b->retry_text;
	v->who = b->who;
	v->description = b->description;
	v->when = b->when;
	v->fix = b->fix;
	return 1;
}

int
smtp_view_enhanced(const struct smtp_enhanced_code *c, struct smtp_view *v)
{
	const struct smtp_enhanced *e;
	const struct smtp_digit *basic_cls;

	memset(v, 0, sizeof *v);
	v->cls = c->cls == 0 ? smtp_enhanced_any_class() :
	    smtp_enhanced_class(c->cls);
	if (v->cls == NULL || c->subject < 0 || c->subject > 999 ||
	    c->detail < 0 || c->detail > 999)
		return 0;
	v->kind = SMTP_KIND_ENHANCED;
	if (c->cls == 0)
		snprintf(v->code, sizeof v->code, "X.%d.%d", c->subject,
		    c->detail);
	else
		snprintf(v->code, sizeof v->code, "%d.%d.%d", c->cls,
		    c->subject, c->detail);
	v->category = smtp_enhanced_subject(c->subject);
	snprintf(v->category_label, sizeof v->category_label, "x.%d.x",
	    c->subject);
	v->category_digit = c->subject;
	v->in_grammar = 1;
	v->rfc_text = "";
	v->seen_after = "";
	v->description_more = "";
	/* The class digit alone decides retry (RFC 3463 §3.1); its wording is
	 * shared with the basic class of the same digit. */
	basic_cls = smtp_basic_class(c->cls);
	v->retry = c->cls == 0 ? SMTP_RETRY_BY_CLASS : basic_cls->retry;
	v->retry_text = c->cls == 0 ? v->cls->retry_text : basic_cls->retry_text;

	e = smtp_enhanced_lookup(c->subject, c->detail);
	if (e == NULL) {
		v->name = unregistered_enh_name;
		v->origin = SMTP_ORIGIN_UNREGISTERED;
		v->reference = "RFC 3463 §2";
		v->basic_codes = "";
		v->who = basic_cls->who;
		v->description = v->cls->description;
		v->description_more = v->category->description;
		v->when = v->category->when;
		v->fix = v->category->fix;
		return 0;
	}
	v->registered = 1;
	v->enhanced = e;
	v->name = e->name;
	v->origin = SMTP_ORIGIN_RFC;
	v->reference = e->reference;
	v->basic_codes = e->basic_codes;
	v->who = e->who;
	v->description = e->description;
	if (c->cls == 4)
		v->description_more = e->transient;
	else if (c->cls == 5)
		v->description_more = e->permanent;
	v->when = e->when;
	v->fix = e->fix;
	return 1;
}

static int
first_digit(const struct smtp_view *v)
{
	return v->cls ? v->cls->digit : -1;
}

unsigned
smtp_view_diff(const struct smtp_view *a, const struct smtp_view *b)
{
	unsigned d = 0;

	if (a->kind != b->kind)
		d |= SMTP_DIFF_KIND;
	if (first_digit(a) != first_digit(b))
		d |= SMTP_DIFF_CLASS;
	/* A basic category and an enhanced subject are different scales:
	 * x5z and x.5.x share a digit, not a meaning. */
	if (a->kind != b->kind || a->category != b->category)
		d |= SMTP_DIFF_CATEGORY;
	if (a->retry != b->retry)
		d |= SMTP_DIFF_RETRY;
	if (a->who != b->who)
		d |= SMTP_DIFF_WHO;
	if (a->origin != b->origin)
		d |= SMTP_DIFF_ORIGIN;
	if (strcmp(a->seen_after, b->seen_after) != 0)
		d |= SMTP_DIFF_SEEN;
	return d;
}

const char *
smtp_origin_name(enum smtp_origin o)
{
	switch (o) {
	case SMTP_ORIGIN_RFC:          return "rfc";
	case SMTP_ORIGIN_REGISTRY:     return "registry";
	case SMTP_ORIGIN_DRAFT:        return "draft";
	case SMTP_ORIGIN_VENDOR:       return "vendor";
	case SMTP_ORIGIN_UNREGISTERED: return "unregistered";
	}
	return "unknown";
}

const char *
smtp_retry_name(enum smtp_retry r)
{
	switch (r) {
	case SMTP_RETRY_NONE:     return "none";
	case SMTP_RETRY_CONTINUE: return "continue";
	case SMTP_RETRY_LATER:    return "later";
	case SMTP_RETRY_NEVER:    return "never";
	case SMTP_RETRY_BY_CLASS: return "by_class";
	}
	return "unknown";
}

const char *
smtp_who_name(enum smtp_who w)
{
	switch (w) {
	case SMTP_WHO_NOBODY:          return "nobody";
	case SMTP_WHO_CLIENT:          return "client";
	case SMTP_WHO_SENDER:          return "sender";
	case SMTP_WHO_SENDER_ADMIN:    return "sender_admin";
	case SMTP_WHO_RECIPIENT_ADMIN: return "recipient_admin";
	}
	return "unknown";
}

/* ASCII case-insensitive substring search; no locale, no allocation. */
static int
contains_word(const char *hay, const char *word)
{
	size_t n = strlen(word), i, j;

	if (n == 0)
		return 1;
	for (i = 0; hay[i] != '\0'; i++) {
		for (j = 0; j < n; j++) {
			unsigned char h = (unsigned char)hay[i + j];
			unsigned char w = (unsigned char)word[j];
			if (h >= 'A' && h <= 'Z')
				h = (unsigned char)(h - 'A' + 'a');
			if (w >= 'A' && w <= 'Z')
				w = (unsigned char)(w - 'A' + 'a');
			if (h != w)
				break;
		}
		if (j == n)
			return 1;
	}
	return 0;
}

int
smtp_view_match(const struct smtp_view *v, const char *const *words,
    size_t nwords)
{
	const char *texts[5];
	size_t i, k;
	int in_name = 0;

	texts[0] = v->name;
	texts[1] = v->description;
	texts[2] = v->description_more;
	texts[3] = v->when;
	texts[4] = v->fix;
	for (i = 0; i < nwords; i++) {
		int found = 0;
		if (contains_word(v->name, words[i]))
			in_name = found = 1;
		for (k = 1; k < 5 && !found; k++)
			found = contains_word(texts[k], words[i]);
		if (!found)
			return 0;
	}
	return in_name ? 2 : 1;
}
