/*
 * text.c: the default output, one "Label: value" per line (SPEC.md, "Text
 * output"). Labels come from the chosen language; the body stays English.
 */
#include <string.h>

#include "cli.h"

static const char *const who_words[] = {
	"the client program",
	"the sender",
	"the sending server's administrator",
	"the recipient's administrator"
};

/* "the sender and the recipient's administrator" */
static void
out_who(unsigned who)
{
	size_t i, n = 0, total = 0;

	for (i = 0; i < 4; i++)
		if (who & (1u << i))
			total++;
	if (total == 0) {
		out_str("nobody");
		return;
	}
	for (i = 0; i < 4; i++) {
		if (!(who & (1u << i)))
			continue;
		if (n > 0)
			out_str(n + 1 == total ? " and " : ", ");
		out_str(who_words[i]);
		n++;
	}
}

/* The class name in the reader's language. */
static const char *
class_name(const struct smtp_view *v, const struct labels *L)
{
	if (v->kind == SMTP_KIND_ENHANCED) {
		switch (v->cls->digit) {
		case 2: return L->enh_success;
		case 4: return L->enh_transient;
		case 5: return L->enh_permanent;
		default: return v->cls->name;     /* X: any class */
		}
	}
	switch (v->cls->digit) {
	case 1: return L->positive_preliminary;
	case 2: return L->positive_completion;
	case 3: return L->positive_intermediate;
	case 4: return L->transient_negative;
	case 5: return L->permanent_negative;
	default: return L->not_smtp;
	}
}

static void
field(const char *label, const char *value)
{
	out_str(label);
	out_str(": ");
	out_str(value);
	out_char('\n');
}

static void
out_standard(const struct smtp_view *v)
{
	switch (v->origin) {
	case SMTP_ORIGIN_RFC:
		out_str(v->reference);
		break;
	case SMTP_ORIGIN_UNREGISTERED:
		if (v->kind == SMTP_KIND_BASIC)
			out_printf("Not registered: no RFC, registry or known server defines %s; explained from its digits (%s)",
			    v->code, v->reference);
		else
			out_printf("Not registered: the IANA registry has no x.%s; explained from its class and subject (%s)",
			    v->code + 2, v->reference);
		break;
	default:
		out_str("Non-standard: ");
		out_str(v->reference);
	}
}

/* In a comparison, a text the second code shares with the first is not
 * printed twice: the reader is pointed back to it instead. */
static void
text_or_same(const char *label, const char *text, const char *prev_text,
    const char *prev_code, const char *same_phrase)
{
	out_str(label);
	out_str(": ");
	if (prev_text != NULL && strcmp(text, prev_text) == 0)
		out_printf("%s %s above.", same_phrase, prev_code);
	else
		out_str(text);
	out_char('\n');
}

static void
explain(const struct smtp_view *v, const struct smtp_view *prev,
    const struct labels *L)
{
	const char *pc = prev ? prev->code : "";

	out_printf("SMTP %s %s\n", v->code, v->name);
	out_printf("%s: %s %s\n", L->class_, v->cls->label, class_name(v, L));
	out_printf("%s: %s %s\n", L->category, v->category_label, v->category->name);

	out_str(L->standard);
	out_str(": ");
	out_standard(v);
	out_char('\n');

	if (v->kind == SMTP_KIND_BASIC) {
		field(L->rfc_text, v->rfc_text[0] ? v->rfc_text : "none");
		if (v->registered)
			field(L->seen_after, v->seen_after);
	} else if (v->registered) {
		field(L->basic_codes, v->basic_codes);
	}
	text_or_same(L->retry, v->retry_text, prev ? prev->retry_text : NULL,
	    pc, "The same advice as for");

	out_str(L->who_acts);
	out_str(": ");
	out_who(v->who);
	out_char('\n');

	out_printf("%s: ", L->description);
	if (prev && strcmp(v->description, prev->description) == 0) {
		if (v->description_more[0] &&
		    strcmp(v->description_more, prev->description_more) != 0)
			out_printf("In its class, as for %s above. %s", pc,
			    v->description_more);
		else
			out_printf("The same meaning as %s above.", pc);
	} else {
		out_str(v->description);
		if (v->description_more[0] && prev &&
		    strcmp(v->description_more, prev->description_more) == 0)
			out_printf(" The rest is as for %s above.", pc);
		else if (v->description_more[0])
			out_printf(" %s", v->description_more);
	}
	out_char('\n');
	text_or_same(L->when, v->when, prev ? prev->when : NULL, pc,
	    "In the same situations as");
	text_or_same(L->fix, v->fix, prev ? prev->fix : NULL, pc,
	    "The same steps as for");
}

void
text_explain(const struct smtp_view *v, const struct labels *L)
{
	explain(v, NULL, L);
}

/* What a class says in a few words, for sentences about two codes. */
static const char *
class_gist(const struct smtp_view *v)
{
	switch (v->cls->digit) {
	case 2: return "reports success";
	case 3: return "asks the client to go on with the next step";
	case 4: return "reports a temporary failure";
	case 5: return "reports a permanent failure";
	default: return "is not a valid SMTP reply class";
	}
}

static const char *
retry_gist(enum smtp_retry r)
{
	switch (r) {
	case SMTP_RETRY_NONE:     return "there is nothing to retry";
	case SMTP_RETRY_CONTINUE: return "the client carries on with the dialogue";
	case SMTP_RETRY_LATER:    return "sending the same command later may succeed";
	case SMTP_RETRY_NEVER:    return "sending it again unchanged fails again";
	case SMTP_RETRY_BY_CLASS: return "it depends on the class digit";
	}
	return "";
}

static const char *
action_gist(enum smtp_retry r)
{
	switch (r) {
	case SMTP_RETRY_NONE:     return "nothing needs doing";
	case SMTP_RETRY_CONTINUE: return "the client sends what the server asked for";
	case SMTP_RETRY_LATER:    return "let the sending server retry; if it persists, it is for ";
	case SMTP_RETRY_NEVER:    return "correct the cause before sending again, which is for ";
	case SMTP_RETRY_BY_CLASS: return "act on the class digit of the reply";
	}
	return "";
}

static const char *
origin_gist(const struct smtp_view *v)
{
	switch (v->origin) {
	case SMTP_ORIGIN_RFC:          return "is standard";
	case SMTP_ORIGIN_REGISTRY:     return "is only named in the IANA registry";
	case SMTP_ORIGIN_DRAFT:        return "comes from an Internet-Draft that never became a standard";
	case SMTP_ORIGIN_VENDOR:       return "is non-standard";
	case SMTP_ORIGIN_UNREGISTERED: return "is not registered anywhere";
	}
	return "";
}

static void
summary(const struct smtp_view *a, const struct smtp_view *b,
    const struct labels *L)
{
	/* The sentence is body text, so English, class names included. */
	const struct labels *E = labels_english();

	out_printf("%s: ", L->summary);
	if (a->cls->digit != b->cls->digit || a->kind != b->kind)
		out_printf("%s (%s) is a %s %s reply, while %s (%s) is a %s %s reply.\n",
		    a->code, a->name, a->cls->label, class_name(a, E),
		    b->code, b->name, b->cls->label, class_name(b, E));
	else
		out_printf("%s (%s) and %s (%s) are both %s %s replies, so the difference lies in what each one is about.\n",
		    a->code, a->name, b->code, b->name, a->cls->label,
		    class_name(a, E));
}

static void
key_differences(const struct smtp_view *a, const struct smtp_view *b,
    const struct labels *L)
{
	unsigned d = smtp_view_diff(a, b);
	int lines = 0;

	out_printf("%s:\n", L->key_differences);
	if (strcmp(a->code, b->code) == 0) {
		out_printf("- %s: both operands are %s, so nothing differs.\n",
		    L->description, a->code);
		return;
	}
	if (d & SMTP_DIFF_CLASS) {
		out_printf("- %s: %s %s, while %s %s.\n", L->class_, a->code,
		    class_gist(a), b->code, class_gist(b));
		lines++;
	}
	if (d & SMTP_DIFF_CATEGORY) {
		out_printf("- %s: %s is in %s %s, %s in %s %s.\n", L->category,
		    a->code, a->category_label, a->category->name, b->code,
		    b->category_label, b->category->name);
		lines++;
	}
	if (d & SMTP_DIFF_RETRY) {
		out_printf("- %s: for %s %s; for %s %s.\n", L->retry, a->code,
		    retry_gist(a->retry), b->code, retry_gist(b->retry));
		lines++;
	}
	if (d & SMTP_DIFF_WHO) {
		out_printf("- %s: for %s, ", L->who_acts, a->code);
		out_who(a->who);
		out_printf("; for %s, ", b->code);
		out_who(b->who);
		out_str(".\n");
		lines++;
	}
	if ((d & SMTP_DIFF_SEEN) && a->seen_after[0] && b->seen_after[0]) {
		out_printf("- %s: %s comes after %s; %s after %s.\n",
		    L->seen_after, a->code, a->seen_after, b->code,
		    b->seen_after);
		lines++;
	}
	if (d & SMTP_DIFF_ORIGIN) {
		out_printf("- %s: %s %s (%s), while %s %s (%s).\n", L->standard,
		    a->code, origin_gist(a), a->reference, b->code,
		    origin_gist(b), b->reference);
		lines++;
	}
	if (lines > 0 && !(d & SMTP_DIFF_CLASS) && strcmp(a->name, b->name) != 0)
		out_printf("- %s: within the same class, %s is about \"%s\" and %s about \"%s\".\n",
		    L->description, a->code, a->name, b->code, b->name);
	if (lines > 0)
		return;
	if (!a->registered && !b->registered)
		out_printf("- %s: neither code is registered and they share class and category; the digit that differs has no general meaning (%s), so both are read by their first digit alone.\n",
		    L->description, a->kind == SMTP_KIND_BASIC ?
		    "RFC 5321 §4.2.1" : "RFC 3463 §2");
	else
		out_printf("- %s: class, category, retry advice, who acts and standing are all the same; only the condition differs: %s is \"%s\" and %s is \"%s\".\n",
		    L->description, a->code, a->name, b->code, b->name);
}

static void
when_to_use(const struct smtp_view *v)
{
	out_printf("- %s (%s): ", v->code, v->name);
	if (!v->registered)
		out_printf("no standard or known server defines %s, so act on its first digit: ",
		    v->code);
	else if (v->kind == SMTP_KIND_BASIC)
		out_printf("a server sends it after %s; ", v->seen_after);
	else
		out_printf("a server sends it with the basic code %s; ", v->basic_codes);
	out_str(action_gist(v->retry));
	if (v->retry == SMTP_RETRY_LATER || v->retry == SMTP_RETRY_NEVER) {
		out_who(v->who);
		out_str(" to act on");
	}
	out_str(".\n");
}

void
text_compare(const struct smtp_view *a, const struct smtp_view *b,
    const struct labels *L)
{
	out_printf("SMTP %s %s %s %s %s\n", a->code, a->name, L->vs, b->code,
	    b->name);
	summary(a, b, L);
	out_char('\n');
	explain(a, NULL, L);
	out_char('\n');
	explain(b, a, L);
	out_char('\n');
	key_differences(a, b, L);
	out_printf("%s:\n", L->when_to_use);
	when_to_use(a);
	if (strcmp(a->code, b->code) != 0)
		when_to_use(b);
}

void
text_reply(const char *arg, size_t len, const struct smtp_arg *q,
    const struct labels *L)
{
	const struct smtp_reply *r = &q->reply;
	struct smtp_view basic, enh;
	const char *t;
	size_t tlen, i;

	out_printf("%s: ", L->server_text);
	for (i = 0; smtp_reply_line_text(arg, len, r, i, &t, &tlen); i++) {
		if (i > 0)
			out_char(' ');
		out_escaped(t, tlen);
	}
	out_char('\n');
	smtp_view_basic(r->code, &basic);
	if (r->mixed)
		out_printf("%s: the lines carry different codes; the last one, %s, is the reply the client acts on.\n",
		    L->note, basic.code);
	if (r->has_enhanced) {
		smtp_view_enhanced(&r->enhanced, &enh);
		if (r->enhanced.cls != r->code / 100)
			out_printf("%s: the basic code %s and the enhanced code %s disagree (%s versus %s); a client acts on the basic code (RFC 5321 §4.2.1), so treat the reply as a %s %s reply.\n",
			    L->note, basic.code, enh.code, class_name(&basic, labels_english()),
			    class_name(&enh, labels_english()), basic.cls->label, class_name(&basic, labels_english()));
	}
	out_char('\n');
	text_explain(&basic, L);
	if (r->has_enhanced) {
		out_char('\n');
		text_explain(&enh, L);
	}
}
