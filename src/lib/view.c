/*
 * view.c: one shape for every code, registered or not, basic or enhanced,
 * so that explaining, comparing and searching need not care which it is.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* The first version of struct smtpcode_view ends with fix. */
#define VIEW_SIZE_V1 (offsetof(struct smtpcode_view, fix) + sizeof(const char *))

/* Hand the filled view to the caller, as much of it as the caller's
 * structure has room for. */
static enum smtpcode_found
deliver(struct smtpcode_view *out, struct smtpcode_view *v,
    enum smtpcode_found found)
{
	size_t n = out->size < sizeof *v ? out->size : sizeof *v;

	v->size = n;
	memcpy(out, v, n);
	return found;
}

static void
empty(struct smtpcode_view *v)
{
	size_t size = v->size;

	memset(v, 0, sizeof *v);
	v->size = size;
	v->class_name = v->category_name = v->name = v->reference = "";
	v->rfc_text = v->seen_after = v->basic_codes = v->retry_text = "";
	v->description = v->description_more = v->when = v->fix = "";
	v->registry_name = "";
}

enum smtpcode_found
smtpcode_view_basic(int code, struct smtpcode_view *out)
{
	struct smtpcode_view v;
	struct digit_entry cls, cat;
	struct basic_entry b;

	if (out->size < VIEW_SIZE_V1)
		return SMTPCODE_INVALID;
	v.size = out->size;
	empty(&v);
	if (code < 0 || code > 999)
		return deliver(out, &v, SMTPCODE_INVALID);
	smtpcode__basic_class(code / 100, &cls);
	smtpcode__basic_category(code / 10 % 10, &cat);
	v.kind = SMTPCODE_KIND_BASIC;
	v.code[0] = (char)('0' + code / 100);
	v.code[1] = (char)('0' + code / 10 % 10);
	v.code[2] = (char)('0' + code % 10);
	v.in_grammar = cls.in_grammar && cat.in_grammar;
	v.class_digit = cls.digit;
	memcpy(v.class_label, "?xx", 4);
	v.class_label[0] = v.code[0];
	v.class_name = cls.name;
	v.category_digit = cat.digit;
	memcpy(v.category_label, "x?z", 4);
	v.category_label[1] = v.code[1];
	v.category_name = cat.name;

	if (!smtpcode__basic_find(code, &b)) {
		/* Explained from its digits (RFC 5321 §4.2.1). Outside the
		 * grammar, say so first: what the first digit means only
		 * matters to a client that reads it anyway. */
		v.name = "Unregistered Code";
		v.origin = SMTPCODE_ORIGIN_UNREGISTERED;
		v.reference = "RFC 5321 §4.2.1";
		v.retry = cls.retry;
		v.retry_text = cls.retry_text;
		v.who = cls.who;
		v.description = cat.in_grammar ? cls.description : cat.description;
		v.description_more = cat.in_grammar ? cat.description : cls.description;
		v.when = cls.when;
		v.fix = cls.fix;
		return deliver(out, &v, SMTPCODE_UNREGISTERED);
	}
	v.registered = 1;
	v.name = b.name;
	v.origin = b.origin;
	v.reference = b.reference;
	v.rfc_text = b.rfc_text;
	v.seen_after = b.seen_after;
	v.retry = b.retry;
	v.retry_text = b.retry_text;
	v.who = b.who;
	v.description = b.description;
	v.when = b.when;
	v.fix = b.fix;
	return deliver(out, &v, SMTPCODE_REGISTERED);
}

enum smtpcode_found
smtpcode_view_enhanced(const struct smtpcode_enhanced_code *c,
    struct smtpcode_view *out)
{
	return smtpcode_view_enhanced_by(0, c, out);
}

/* A provider's own meaning of a code: its texts, the class's retry, and
 * who acts as its reason says. */
static void
provider_view(struct smtpcode_view *v, const struct pcode_entry *pc,
    const struct enhanced_entry *registry)
{
	struct smtpcode_reason_info r = { .size = sizeof r };

	v->registered = 1;
	v->provider = pc->provider;
	v->name = pc->name;
	v->origin = SMTPCODE_ORIGIN_VENDOR;
	v->reference = pc->reference;
	v->basic_codes = "";
	if (smtpcode_reason_info(pc->reason, &r))
		v->who = r.who;
	v->description = pc->description;
	v->description_more = "";
	v->when = pc->when;
	v->fix = pc->fix;
	v->registry_name = registry ? registry->name : "";
}

enum smtpcode_found
smtpcode_view_enhanced_by(int provider, const struct smtpcode_enhanced_code *c,
    struct smtpcode_view *out)
{
	struct pcode_entry pc;
	int have_pc, in_registry;
	struct smtpcode_view v;
	struct digit_entry cls, subj, basic_cls;
	struct enhanced_entry e;

	if (out->size < VIEW_SIZE_V1)
		return SMTPCODE_INVALID;
	v.size = out->size;
	empty(&v);
	if (c->subject < 0 || c->subject > 999 || c->detail < 0 ||
	    c->detail > 999)
		return deliver(out, &v, SMTPCODE_INVALID);
	if (c->cls == 0)
		smtpcode__enhanced_any_class(&cls);
	else if (!smtpcode__enhanced_class(c->cls, &cls))
		return deliver(out, &v, SMTPCODE_INVALID);
	if (!smtpcode__enhanced_subject(c->subject, &subj))
		smtpcode__enhanced_unassigned_subject(c->subject, &subj);
	smtpcode__basic_class(c->cls, &basic_cls);

	v.kind = SMTPCODE_KIND_ENHANCED;
	smtpcode_enhanced_string(c, v.code, sizeof v.code);
	v.in_grammar = 1;
	v.class_digit = c->cls;
	if (c->cls == 0)
		snprintf(v.class_label, sizeof v.class_label, "X.x.x");
	else
		snprintf(v.class_label, sizeof v.class_label, "%d.x.x", c->cls);
	v.class_name = cls.name;
	v.category_digit = c->subject;
	snprintf(v.category_label, sizeof v.category_label, "x.%d.x", c->subject);
	v.category_name = subj.name;
	/* The class digit alone decides retry (RFC 3463 §3.1); its wording
	 * is shared with the basic class of the same digit. */
	v.retry = c->cls == 0 ? SMTPCODE_RETRY_BY_CLASS : basic_cls.retry;
	v.retry_text = c->cls == 0 ? cls.retry_text : basic_cls.retry_text;

	/* The provider's meaning where it has one; a code the registry
	 * leaves free and a single provider uses is that provider's. */
	in_registry = smtpcode__enhanced_find(c->subject, c->detail, &e);
	have_pc = c->cls != 0 && (provider != 0 ?
	    smtpcode__pcode_find(provider, c, &pc) :
	    !in_registry && smtpcode__pcode_find(0, c, &pc));
	if (have_pc) {
		provider_view(&v, &pc, in_registry ? &e : NULL);
		return deliver(out, &v, SMTPCODE_REGISTERED);
	}
	if (!in_registry) {
		v.name = "Unregistered Enhanced Code";
		v.origin = SMTPCODE_ORIGIN_UNREGISTERED;
		v.reference = "RFC 3463 §2";
		v.who = basic_cls.who;
		v.description = cls.description;
		v.description_more = subj.description;
		v.when = subj.when;
		v.fix = subj.fix;
		return deliver(out, &v, SMTPCODE_UNREGISTERED);
	}
	v.registered = 1;
	v.name = e.name;
	v.origin = SMTPCODE_ORIGIN_RFC;
	v.reference = e.reference;
	v.basic_codes = e.basic_codes;
	v.who = e.who;
	v.description = e.description;
	v.description_more = c->cls == 4 ? e.transient :
	    c->cls == 5 ? e.permanent : c->cls == 0 ? e.forms : "";
	v.when = e.when;
	v.fix = e.fix;
	return deliver(out, &v, SMTPCODE_REGISTERED);
}

/* Basic categories and enhanced subjects are different scales: x5z and
 * x.5.x share a digit, not a meaning. The subjects above 7 are one
 * unassigned category. */
static int
same_category(const struct smtpcode_view *a, const struct smtpcode_view *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind == SMTPCODE_KIND_ENHANCED && a->category_digit > 7 &&
	    b->category_digit > 7)
		return 1;
	return a->category_digit == b->category_digit;
}

unsigned
smtpcode_view_diff(const struct smtpcode_view *a, const struct smtpcode_view *b)
{
	unsigned d = 0;

	if (a->kind != b->kind)
		d |= SMTPCODE_DIFF(KIND);
	if (a->class_digit != b->class_digit)
		d |= SMTPCODE_DIFF(CLASS);
	if (!same_category(a, b))
		d |= SMTPCODE_DIFF(CATEGORY);
	if (a->retry != b->retry)
		d |= SMTPCODE_DIFF(RETRY);
	if (a->who != b->who)
		d |= SMTPCODE_DIFF(WHO);
	if (a->origin != b->origin)
		d |= SMTPCODE_DIFF(ORIGIN);
	if (strcmp(a->seen_after, b->seen_after) != 0)
		d |= SMTPCODE_DIFF(SEEN);
	return d;
}

/* ASCII case-insensitive substring search; no locale, no allocation. */
static int
contains_word(const char *hay, const char *word)
{
	size_t n = strlen(word), i, j;

	if (n == 0)
		return 1;
	for (i = 0; hay[i] != '\0'; i++) {
		for (j = 0; j < n; j++)
			if (to_lower((unsigned char)hay[i + j]) !=
			    to_lower((unsigned char)word[j]))
				break;
		if (j == n)
			return 1;
	}
	return 0;
}

int
smtpcode_view_match(const struct smtpcode_view *v, const char *const *words,
    size_t nwords)
{
	const char *texts[4];
	size_t i, k;
	int in_name = 0;

	texts[0] = v->description;
	texts[1] = v->description_more;
	texts[2] = v->when;
	texts[3] = v->fix;
	for (i = 0; i < nwords; i++) {
		int found = 0;
		if (contains_word(v->name, words[i]))
			in_name = found = 1;
		for (k = 0; k < 4 && !found; k++)
			found = contains_word(texts[k], words[i]);
		if (!found)
			return 0;
	}
	return in_name ? 2 : 1;
}
