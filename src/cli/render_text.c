/*
 * render_text.c: the default output, for people: one "Label: value" per
 * line, so that grep '^Class:' works. Labels and fixed words come from
 * the chosen language; the body stays English.
 */
#include <string.h>

#include "render.h"
#include "report.h"
#include "term.h"

/* "the sender and the recipient's administrator", in L's words. */
static void
out_who(unsigned who, const struct labels *L)
{
	const char *words[SMTPCODE_WHO_COUNT];
	size_t i, n = 0, total = 0;

	words[SMTPCODE_WHO_CLIENT] = L->who_client;
	words[SMTPCODE_WHO_SENDER] = L->who_sender;
	words[SMTPCODE_WHO_SENDER_ADMIN] = L->who_sender_admin;
	words[SMTPCODE_WHO_RECIPIENT_ADMIN] = L->who_recipient_admin;
	for (i = 0; i < SMTPCODE_WHO_COUNT; i++)
		if (who & (1u << i))
			total++;
	if (total == 0) {
		out_str(L->nobody);
		return;
	}
	for (i = 0; i < SMTPCODE_WHO_COUNT; i++) {
		if (!(who & (1u << i)))
			continue;
		if (n > 0)
			out_str(n + 1 == total ? L->and_ : L->list_sep);
		out_str(words[i]);
		n++;
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
out_standard(const struct smtpcode_view *v)
{
	switch (v->origin) {
	case SMTPCODE_ORIGIN_RFC:
		out_str(v->reference);
		break;
	case SMTPCODE_ORIGIN_UNREGISTERED:
		if (v->kind == SMTPCODE_KIND_BASIC)
			out_printf("Not registered: no RFC, registry or known server defines %s; explained from its digits (%s)",
			    v->code, v->reference);
		else
			out_printf("Not registered: the IANA registry has no x.%s; explained from its class and subject (%s)",
			    v->code + 2, v->reference);
		break;
	default:
		out_str("Non-standard: ");
		if (v->provider != 0)
			out_join(provider_name(v->provider), "'s own meaning (",
			    (char *)NULL);
		out_str(v->reference);
		if (v->provider != 0)
			out_char(')');
		if (v->registry_name[0] != '\0')
			out_join("; the IANA registry's x.", v->code + 2, " is \"",
			    v->registry_name, "\"", (char *)NULL);
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
explain(const struct smtpcode_view *v, const struct smtpcode_view *prev,
    const struct labels *L)
{
	const char *pc = prev ? prev->code : "";

	out_join("SMTP ", v->code, " ", v->name, "\n", (char *)NULL);
	out_join(L->class_, ": ", v->class_label, " ", label_class(L, v), "\n",
	    (char *)NULL);
	out_join(L->category, ": ", v->category_label, " ",
	    label_category(L, v), "\n", (char *)NULL);

	out_str(L->standard);
	out_str(": ");
	out_standard(v);
	out_char('\n');

	if (v->kind == SMTPCODE_KIND_BASIC) {
		field(L->rfc_text, v->rfc_text[0] ? v->rfc_text : L->none);
		if (v->registered)
			field(L->seen_after, v->seen_after);
	} else if (v->registered && v->basic_codes[0] != '\0') {
		field(L->basic_codes, v->basic_codes);
	}
	text_or_same(L->retry, v->retry_text, prev ? prev->retry_text : NULL,
	    pc, "The same advice as for");

	out_str(L->who_acts);
	out_str(": ");
	out_who(v->who, L);
	out_char('\n');

	out_join(L->description, ": ", (char *)NULL);
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
			out_join(" ", v->description_more, (char *)NULL);
	}
	out_char('\n');
	text_or_same(L->when, v->when, prev ? prev->when : NULL, pc,
	    "In the same situations as");
	text_or_same(L->fix, v->fix, prev ? prev->fix : NULL, pc,
	    "The same steps as for");
}

static void
text_explain(const struct smtpcode_view *v, const struct render_ctx *c)
{
	explain(v, NULL, c->L);
}

/* What a class says in a few words, for sentences about two codes. */
static const char *
class_gist(const struct smtpcode_view *v)
{
	switch (v->class_digit) {
	case 2: return "reports success";
	case 3: return "asks the client to go on with the next step";
	case 4: return "reports a temporary failure";
	case 5: return "reports a permanent failure";
	default: return "is not a valid SMTP reply class";
	}
}

static const char *
retry_gist(enum smtpcode_retry r)
{
	switch (r) {
	case SMTPCODE_RETRY_NONE:     return "there is nothing to retry";
	case SMTPCODE_RETRY_CONTINUE: return "the client carries on with the dialogue";
	case SMTPCODE_RETRY_LATER:    return "sending the same command later may succeed";
	case SMTPCODE_RETRY_NEVER:    return "sending it again unchanged fails again";
	case SMTPCODE_RETRY_BY_CLASS: return "it depends on the class digit";
	}
	return "";
}

static const char *
action_gist(enum smtpcode_retry r)
{
	switch (r) {
	case SMTPCODE_RETRY_NONE:     return "nothing needs doing";
	case SMTPCODE_RETRY_CONTINUE: return "the client sends what the server asked for";
	case SMTPCODE_RETRY_LATER:    return "let the sending server retry; if it persists, it is for ";
	case SMTPCODE_RETRY_NEVER:    return "correct the cause before sending again, which is for ";
	case SMTPCODE_RETRY_BY_CLASS: return "act on the class digit of the reply";
	}
	return "";
}

static const char *
origin_gist(const struct smtpcode_view *v)
{
	switch (v->origin) {
	case SMTPCODE_ORIGIN_RFC:          return "is standard";
	case SMTPCODE_ORIGIN_REGISTRY:     return "is only named in the IANA registry";
	case SMTPCODE_ORIGIN_DRAFT:        return "comes from an Internet-Draft that never became a standard";
	case SMTPCODE_ORIGIN_VENDOR:       return "is non-standard";
	case SMTPCODE_ORIGIN_UNREGISTERED: return "is not registered anywhere";
	}
	return "";
}

static void
summary(const struct smtpcode_view *a, const struct smtpcode_view *b,
    const struct labels *L)
{
	/* The sentence is body text, so English, class names included. */
	const struct labels *E = labels_english();

	out_printf("%s: ", L->summary);
	if (a->class_digit != b->class_digit || a->kind != b->kind)
		out_printf("%s (%s) is a %s %s reply, while %s (%s) is a %s %s reply.\n",
		    a->code, a->name, a->class_label, label_class(E, a),
		    b->code, b->name, b->class_label, label_class(E, b));
	else
		out_printf("%s (%s) and %s (%s) are both %s %s replies, so the difference lies in what each one is about.\n",
		    a->code, a->name, b->code, b->name, a->class_label,
		    label_class(E, a));
}

static void
key_differences(const struct smtpcode_view *a, const struct smtpcode_view *b,
    const struct labels *L)
{
	unsigned d = smtpcode_view_diff(a, b);
	int lines = 0;

	out_printf("%s:\n", L->key_differences);
	if (strcmp(a->code, b->code) == 0) {
		out_printf("- %s: both operands are %s, so nothing differs.\n",
		    L->description, a->code);
		return;
	}
	if (d & SMTPCODE_DIFF(CLASS)) {
		out_printf("- %s: %s %s, while %s %s.\n", L->class_, a->code,
		    class_gist(a), b->code, class_gist(b));
		lines++;
	}
	if (d & SMTPCODE_DIFF(CATEGORY)) {
		out_printf("- %s: %s is in %s %s, %s in %s %s.\n", L->category,
		    a->code, a->category_label, a->category_name, b->code,
		    b->category_label, b->category_name);
		lines++;
	}
	if (d & SMTPCODE_DIFF(RETRY)) {
		out_printf("- %s: for %s %s; for %s %s.\n", L->retry, a->code,
		    retry_gist(a->retry), b->code, retry_gist(b->retry));
		lines++;
	}
	if (d & SMTPCODE_DIFF(WHO)) {
		out_printf("- %s: for %s, ", L->who_acts, a->code);
		out_who(a->who, labels_english());
		out_printf("; for %s, ", b->code);
		out_who(b->who, labels_english());
		out_str(".\n");
		lines++;
	}
	if ((d & SMTPCODE_DIFF(SEEN)) && a->seen_after[0] && b->seen_after[0]) {
		out_printf("- %s: %s comes after %s; %s after %s.\n",
		    L->seen_after, a->code, a->seen_after, b->code,
		    b->seen_after);
		lines++;
	}
	if (d & SMTPCODE_DIFF(ORIGIN)) {
		out_printf("- %s: %s %s (%s), while %s %s (%s).\n", L->standard,
		    a->code, origin_gist(a), a->reference, b->code,
		    origin_gist(b), b->reference);
		lines++;
	}
	if (lines > 0 && !(d & SMTPCODE_DIFF(CLASS)) && strcmp(a->name, b->name) != 0)
		out_printf("- %s: within the same class, %s is about \"%s\" and %s about \"%s\".\n",
		    L->description, a->code, a->name, b->code, b->name);
	if (lines > 0)
		return;
	if (!a->registered && !b->registered)
		out_printf("- %s: neither code is registered and they share class and category; the digit that differs has no general meaning (%s), so both are read by their first digit alone.\n",
		    L->description, a->kind == SMTPCODE_KIND_BASIC ?
		    "RFC 5321 §4.2.1" : "RFC 3463 §2");
	else
		out_printf("- %s: class, category, retry advice, who acts and standing are all the same; only the condition differs: %s is \"%s\" and %s is \"%s\".\n",
		    L->description, a->code, a->name, b->code, b->name);
}

static void
when_to_use(const struct smtpcode_view *v)
{
	out_printf("- %s (%s): ", v->code, v->name);
	if (!v->registered)
		out_printf("no standard or known server defines %s, so act on its first digit: ",
		    v->code);
	else if (v->kind == SMTPCODE_KIND_BASIC)
		out_printf("a server sends it after %s; ", v->seen_after);
	else
		out_printf("a server sends it with the basic code %s; ", v->basic_codes);
	out_str(action_gist(v->retry));
	if (v->retry == SMTPCODE_RETRY_LATER || v->retry == SMTPCODE_RETRY_NEVER) {
		out_who(v->who, labels_english());
		out_str(" to act on");
	}
	out_str(".\n");
}

static void
text_compare(const struct smtpcode_view *a, const struct smtpcode_view *b,
    const struct render_ctx *c)
{
	const struct labels *L = c->L;

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

/* "the sending IP ... (Microsoft 5.7.606: Banned Sending IP)" */
static void
out_reason(const struct smtpcode_diagnosis *d)
{
	struct smtpcode_reason_info r = { .size = sizeof r };

	smtpcode_reason_info(d->reason, &r);
	out_join(r.name, ": ", r.gloss, (char *)NULL);
	if (d->detail[0] != '\0' && d->nevidence > 0) {
		const struct smtpcode_evidence *e = &d->evidence[0];
		char code[12];
		out_join(" (", provider_name(e->provider), " ", (char *)NULL);
		if (e->kind == SMTPCODE_EVIDENCE_PROVIDER_CODE)
			out_str(smtpcode_enhanced_string(&e->enhanced, code,
			    sizeof code) ? code : "");
		else
			out_escaped(e->text, e->len);
		out_join(": ", d->detail, ")", (char *)NULL);
	}
}

static void
out_bounce(const struct smtpcode_diagnosis *d, int cls)
{
	if (d->hard)
		out_str("hard: the address itself will not work; stop mailing it");
	else if (cls == 4)
		out_str("soft: a temporary refusal; the sending server retries, and the address is not at fault");
	else
		out_str("soft: the address is not at fault; this message fails until the cause is fixed");
}

static void
out_blocklist(const struct smtpcode_diagnosis *d)
{
	struct smtpcode_blocklist_info b = { .size = sizeof b };

	smtpcode_blocklist_info(d->blocklist, &b);
	out_str(b.name);
	if (d->blocklist_failed)
		out_str(" (the receiving server's query to the list failed: nothing is listed, and there is nothing to delist)");
	else if (b.lookup_url[0] == '\0')
		out_str(" (no longer runs: the receiving server still queries it)");
	else if (b.delist_url[0] == '\0' || strcmp(b.delist_url, b.lookup_url) == 0)
		out_join(" (lookup and delisting: ", b.lookup_url, ")", (char *)NULL);
	else
		out_join(" (lookup: ", b.lookup_url, "; delisting: ", b.delist_url,
		    ")", (char *)NULL);
}

/* The diagnosis block (everything but the server's text). */
static void
diagnosis(const struct reply_in *in, const struct labels *L)
{
	const struct smtpcode_diagnosis *d = &in->diag;
	struct smtpcode_provider_info p = { .size = sizeof p };
	int cls = in->has_enhanced ? in->enhanced.cls : in->basic / 100;
	size_t i;

	if (smtpcode_provider_info(d->provider, &p)) {
		/* "Microsoft (Outlook.com, ...)"; "Gmail, Google Workspace" */
		if (strncmp(p.services, p.name, strlen(p.name)) == 0)
			out_join(L->provider, ": ", p.services, (char *)NULL);
		else if (p.services[0] != '\0')
			out_join(L->provider, ": ", p.name, " (", p.services, ")",
			    (char *)NULL);
		else
			out_join(L->provider, ": ", p.name, (char *)NULL);
		out_char('\n');
	}
	if (d->reason != 0) {
		out_join(L->reason, ": ", (char *)NULL);
		out_reason(d);
		out_join("\n", L->bounce, ": ", (char *)NULL);
		out_bounce(d, cls);
		out_char('\n');
	}
	if (d->blocklist != 0) {
		out_join(L->blocklist, ": ", (char *)NULL);
		out_blocklist(d);
		out_char('\n');
	}
	if (d->action[0] != '\0')
		out_join(L->action, ": ", d->action, "\n", (char *)NULL);
	if (d->nevidence > 0) {
		out_join(L->evidence, ": ", (char *)NULL);
		for (i = 0; i < d->nevidence; i++) {
			char buf[320];
			const char *e = evidence_string(&d->evidence[i], buf, sizeof buf);
			if (i > 0)
				out_str(", ");
			out_escaped(e, strlen(e));
		}
		out_char('\n');
	}
}

static void
text_reply(const struct reply_in *in, const struct render_ctx *c)
{
	const struct labels *L = c->L, *E = labels_english();
	struct smtpcode_view basic = { .size = sizeof basic };
	struct smtpcode_view enh = { .size = sizeof enh };
	const char *t;
	size_t tlen, pos = 0;
	int first = 1, have;

	out_join(L->server_text, ": ", (char *)NULL);
	while (reply_piece(in, &pos, &t, &tlen)) {
		if (!first)
			out_char(' ');
		out_escaped(t, tlen);
		first = 0;
	}
	out_char('\n');
	diagnosis(in, L);
	if (c->brief)
		return;
	have = reply_views(in, &basic, &enh);
	if (in->reply != NULL && in->reply->mixed)
		out_printf("%s: the lines carry different codes; the last one, %s, is the reply the client acts on.\n",
		    L->note, basic.code);
	if (have == 3 && in->enhanced.cls != in->basic / 100)
		out_printf("%s: the basic code %s and the enhanced code %s disagree (%s versus %s); a client acts on the basic code (RFC 5321 §4.2.1), so treat the reply as a %s %s reply.\n",
		    L->note, basic.code, enh.code, label_class(E, &basic),
		    label_class(E, &enh), basic.class_label,
		    label_class(E, &basic));
	if (have & 1) {
		out_char('\n');
		explain(&basic, NULL, L);
	}
	if (have & 2) {
		out_char('\n');
		explain(&enh, NULL, L);
	}
}

static void
text_brief_code(const struct reply_in *in, const struct render_ctx *c)
{
	struct smtpcode_view v = { .size = sizeof v };

	if (in->has_enhanced)
		smtpcode_view_enhanced_by(in->diag.provider, &in->enhanced, &v);
	else
		smtpcode_view_basic(in->basic, &v);
	out_join("SMTP ", v.code, " ", v.name, "\n", (char *)NULL);
	diagnosis(in, c->L);
}

static void
text_separator(const struct render_ctx *c)
{
	(void)c;
	out_char('\n');
}

static void
text_list_item(const struct smtpcode_view *v, const struct render_ctx *c)
{
	out_printf("%-*s  %s\n", c->code_width, v->code, v->name);
}

/* "550 5.1.1", "550" or "5.1.1" */
static void
out_codes(int basic, int has_enhanced, const struct smtpcode_enhanced_code *e)
{
	char buf[20];

	out_mem(buf, codes_string(basic, has_enhanced, e, buf));
}

static void
out_names(int basic, int has_enhanced, const struct smtpcode_enhanced_code *e)
{
	const char *name;
	size_t len;

	if (basic) {
		name = basic_name_n(basic, &len);
		out_mem(name, len);
	}
	if (basic && has_enhanced)
		out_mem("; ", 2);
	if (has_enhanced) {
		name = enhanced_name_n(e, &len);
		out_mem(name, len);
	}
}

/* The reply text shown in a scan line: at most about 80 bytes, cut on a
 * character boundary. */
static void
out_short_text(const char *t, size_t n)
{
	size_t keep = n;

	while (keep > 0 && (t[keep - 1] == ' ' || t[keep - 1] == '\t'))
		keep--;
	if (keep > 80) {
		keep = 80;
		while (keep > 0 && ((unsigned char)t[keep] & 0xc0) == 0x80)
			keep--;
		out_escaped(t, keep);
		out_str("...");
		return;
	}
	out_escaped(t, keep);
}

static void
text_scan_hit(const char *source, const struct smtpcode_hit *h,
    const struct smtpcode_diagnosis *d, const struct render_ctx *c)
{
	(void)c;
	(void)d;
	out_escaped(source, strlen(source));
	out_char(':');
	out_ull(h->line);
	out_mem(": ", 2);
	out_codes(h->basic, h->has_enhanced, &h->enhanced);
	if (h->text_len > 0) {
		out_char(' ');
		out_short_text(h->text, h->text_len);
	}
	out_mem(" (", 2);
	out_names(h->basic, h->has_enhanced, &h->enhanced);
	out_mem(")\n", 2);
}

static void
text_count_row(const struct tally *t, const struct render_ctx *c)
{
	(void)c;
	out_printf("%8llu  ", t->n);
	out_codes(t->basic, t->has_enhanced, &t->enhanced);
	out_str("  ");
	out_names(t->basic, t->has_enhanced, &t->enhanced);
	out_char('\n');
}

static void
text_count_other(unsigned long long n, size_t slots, const struct render_ctx *c)
{
	(void)c;
	out_printf("%8llu  (other codes: more than %zu distinct)\n", n, slots);
}

/* --scan --records: "mail.log:12: bounced bob@example.net 550 5.1.1 User
 * unknown (userunknown, hard)" */
static void
text_record(const char *source, const struct smtpcode_record *r,
    const struct smtpcode_diagnosis *d, const struct render_ctx *c)
{
	char codes[20];

	(void)c;
	out_escaped(source, strlen(source));
	out_char(':');
	out_ull(r->line);
	out_join(": ", smtpcode_status_name(r->status), " ", (char *)NULL);
	out_escaped(r->recipient_len ? r->recipient : "-",
	    r->recipient_len ? r->recipient_len : 1);
	if (r->direction == SMTPCODE_DIRECTION_IN && r->client_len > 0) {
		out_str(" from ");
		out_escaped(r->client, r->client_len);
	}
	if (record_codes(r, codes)[0] != '\0')
		out_join(" ", codes, (char *)NULL);
	if (r->text_len > 0) {
		out_char(' ');
		out_short_text(r->text, r->text_len);
	}
	if (r->status != SMTPCODE_STATUS_SENT && d->reason > 0)
		out_join(" (", reason_name(d->reason), d->hard ? ", hard)" : ")",
		    (char *)NULL);
	out_char('\n');
}

/* --report=hard: the addresses, one a line, for a mailing list's
 * suppression. */
static void
text_hard(const char *source, const struct smtpcode_record *r,
    const struct smtpcode_diagnosis *d, const struct render_ctx *c)
{
	(void)source;
	(void)d;
	(void)c;
	out_escaped(r->recipient, r->recipient_len);
	out_char('\n');
}

/* A cell of a table: left- or right-aligned to w columns. */
static void
cell(const char *s, size_t w, int right)
{
	size_t n = strlen(s), cols = term_columns(s, n);

	if (right)
		for (; cols < w; cols++)
			out_char(' ');
	out_escaped(s, n);
	if (!right)
		for (; cols < w; cols++)
			out_char(' ');
}

static size_t
cols_of(const char *s)
{
	return term_columns(s, strlen(s));
}

static size_t
max_cols(size_t a, const char *s)
{
	size_t b = cols_of(s);

	return a > b ? a : b;
}

/* "gmail.com 870, googlemail.com 33" */
static const char *
top_text(const struct top *t, size_t max, char *buf, size_t size)
{
	const struct top_item *item[REPORT_TOP];
	size_t n = top_sorted(t, item, max), i, o = 0;
	char num[32];

	buf[0] = '\0';
	for (i = 0; i < n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s %s", i ? ", " : "",
		    item[i]->key, thousands(item[i]->n, num));
	if (t->used > n && o < size)
		snprintf(buf + o, size - o, ", ...");
	return buf;
}

#define TEXT_DOMAINS 20         /* rows of the domain table */

static void
text_report_reasons(const struct report *r, const struct labels *L)
{
	int idx[REPORT_REASONS];
	size_t n = report_reasons(r, idx, REPORT_REASONS), i;
	size_t wn, wr, wc, wd, wp, wh;
	char num[32], codes[200], doms[300];

	if (n == 0)
		return;
	wn = cols_of(L->rep_count);
	wr = cols_of(L->reason);
	wc = cols_of(L->rep_codes);
	wd = cols_of(L->rep_domains);
	wp = cols_of(L->provider);
	wh = cols_of(L->rep_hard);
	for (i = 0; i < n; i++) {
		const struct reason_row *row = &r->reason[idx[i]];
		int p = top_provider(row->provider);
		wp = max_cols(wp, p ? provider_name(p) : "-");
		wn = max_cols(wn, thousands(row->n, num));
		wr = max_cols(wr, idx[i] ? reason_name(idx[i]) : "-");
		wc = max_cols(wc, top_text(&row->codes, 2, codes, sizeof codes));
		wd = max_cols(wd, top_text(&row->domains, 3, doms, sizeof doms));
	}
	out_join("\n", L->rep_by_reason, ":\n  ", (char *)NULL);
	cell(L->rep_count, wn, 1);
	out_str("  ");
	cell(L->reason, wr, 0);
	out_str("  ");
	cell(L->rep_codes, wc, 0);
	out_str("  ");
	cell(L->rep_domains, wd, 0);
	out_str("  ");
	cell(L->provider, wp, 0);
	out_join("  ", L->rep_hard, "\n", (char *)NULL);
	for (i = 0; i < n; i++) {
		const struct reason_row *row = &r->reason[idx[i]];
		int p = top_provider(row->provider);

		out_str("  ");
		cell(thousands(row->n, num), wn, 1);
		out_str("  ");
		cell(idx[i] ? reason_name(idx[i]) : "-", wr, 0);
		out_str("  ");
		cell(top_text(&row->codes, 2, codes, sizeof codes), wc, 0);
		out_str("  ");
		cell(top_text(&row->domains, 3, doms, sizeof doms), wd, 0);
		out_str("  ");
		cell(p ? provider_name(p) : "-", wp, 0);
		out_str("  ");
		cell(row->hard ? thousands(row->hard, num) : "-", wh, 1);
		out_char('\n');
	}
}

/* A table of sent, deferred, bounced and expired counts with a name and
 * a top reason: domains and providers. */
struct status_row {
	const char *name;
	const unsigned long long *status;
	int reason;
};

static void
text_status_table(const char *title, const char *first_col,
    const struct status_row *rows, size_t n, const struct labels *L)
{
	static const enum smtpcode_status order[] = {
		SMTPCODE_STATUS_SENT, SMTPCODE_STATUS_DEFERRED,
		SMTPCODE_STATUS_BOUNCED, SMTPCODE_STATUS_EXPIRED
	};
	const char *heads[4];
	size_t w[5], i, k;
	char num[32];

	if (n == 0)
		return;
	heads[0] = L->rep_sent;
	heads[1] = L->rep_deferred;
	heads[2] = L->rep_bounced;
	heads[3] = L->rep_expired;
	w[0] = cols_of(first_col);
	for (k = 0; k < 4; k++)
		w[k + 1] = cols_of(heads[k]);
	for (i = 0; i < n; i++) {
		w[0] = max_cols(w[0], rows[i].name);
		for (k = 0; k < 4; k++)
			w[k + 1] = max_cols(w[k + 1], thousands(rows[i].status[order[k]], num));
	}
	out_join("\n", title, ":\n  ", (char *)NULL);
	cell(first_col, w[0], 0);
	for (k = 0; k < 4; k++) {
		out_str("  ");
		cell(heads[k], w[k + 1], 1);
	}
	out_join("  ", L->rep_top_reason, "\n", (char *)NULL);
	for (i = 0; i < n; i++) {
		out_str("  ");
		cell(rows[i].name, w[0], 0);
		for (k = 0; k < 4; k++) {
			out_str("  ");
			cell(thousands(rows[i].status[order[k]], num), w[k + 1], 1);
		}
		out_join("  ", rows[i].reason ? reason_name(rows[i].reason) : "-", "\n",
		    (char *)NULL);
	}
}

static void
text_report_domains(const struct report *r, const struct labels *L)
{
	int idx[REPORT_DOMAINS];
	struct status_row rows[TEXT_DOMAINS + 1];
	static unsigned long long rest[SMTPCODE_STATUS_COUNT];
	static struct domain_row others;
	size_t n = report_domains(r, idx, REPORT_DOMAINS), i, k, shown;
	char label[64];

	shown = n < TEXT_DOMAINS ? n : TEXT_DOMAINS;
	/* cppcheck-suppress knownConditionTrueFalse ; cppcheck takes report_domains() to return 0 */
	for (i = 0; i < shown; i++) {
		rows[i].name = r->domain[idx[i]].name;
		rows[i].status = r->domain[idx[i]].status;
		rows[i].reason = domain_top_reason(&r->domain[idx[i]]);
	}
	/* The rest, and the domains past the table, in one row. */
	others = r->others;
	for (i = shown; i < n; i++)
		for (k = 0; k < SMTPCODE_STATUS_COUNT; k++)
			others.status[k] += r->domain[idx[i]].status[k];
	for (i = shown; i < n; i++)
		for (k = 0; k < REPORT_REASONS; k++)
			others.reason[k] += r->domain[idx[i]].reason[k];
	memcpy(rest, others.status, sizeof rest);
	/* cppcheck-suppress knownConditionTrueFalse ; cppcheck takes report_domains() to return 0 */
	if (n > shown || domain_failures(&r->others) + r->others.status[0] > 0) {
		snprintf(label, sizeof label, "(%s)", L->rep_others);
		rows[shown].name = label;
		rows[shown].status = rest;
		rows[shown].reason = domain_top_reason(&others);
		shown++;
	}
	text_status_table(L->rep_by_domain, L->rep_domain, rows, shown, L);
}

static void
text_report_providers(const struct report *r, const struct labels *L)
{
	int idx[REPORT_PROVIDERS];
	struct status_row rows[REPORT_PROVIDERS];
	size_t n = report_providers(r, idx, REPORT_PROVIDERS), i;

	for (i = 0; i < n; i++) {
		rows[i].name = provider_name(idx[i]);
		rows[i].status = r->provider_status[idx[i]];
		rows[i].reason = provider_top_reason(r, idx[i]);
	}
	text_status_table(L->rep_by_provider, L->provider, rows, n, L);
}

static void
text_report_blocklists(const struct report *r, const struct labels *L)
{
	int idx[REPORT_BLOCKLISTS];
	size_t n = report_blocklists(r->blocklist_out, idx, REPORT_BLOCKLISTS), i;
	char num[32];

	size_t w = 0;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		w = max_cols(w, thousands(r->blocklist_out[idx[i]], num));
	out_join("\n", L->rep_blocklists, ":\n", (char *)NULL);
	for (i = 0; i < n; i++) {
		struct smtpcode_blocklist_info b = { .size = sizeof b };

		smtpcode_blocklist_info(idx[i], &b);
		out_str("  ");
		cell(thousands(r->blocklist_out[idx[i]], num), w, 1);
		out_join("  ", b.name, (char *)NULL);
		if (b.lookup_url[0] != '\0')
			out_join("  ", L->rep_lookup, ": ", b.lookup_url, (char *)NULL);
		if (b.delist_url[0] != '\0')
			out_join("  ", L->rep_delist, ": ", b.delist_url, (char *)NULL);
		out_char('\n');
	}
}

static void
text_report_inbound(const struct report *r, const struct labels *L)
{
	int idx[REPORT_BLOCKLISTS], order[REPORT_REASONS];
	size_t k, i, n, j, m = 0, w = 0;
	char num[32];

	if (r->status[SMTPCODE_STATUS_REJECTED] == 0)
		return;
	/* the reasons, most frequent first */
	for (k = 0; k < REPORT_REASONS; k++) {
		if (r->inbound_reason[k] == 0)
			continue;
		for (j = m++; j > 0 && r->inbound_reason[order[j - 1]] < r->inbound_reason[k]; j--)
			order[j] = order[j - 1];
		order[j] = (int)k;
	}
	for (j = 0; j < m; j++)
		w = max_cols(w, thousands(r->inbound_reason[order[j]], num));
	out_join("\n", L->rep_inbound, ":\n", (char *)NULL);
	for (j = 0; j < m; j++) {
		k = (size_t)order[j];
		out_str("  ");
		cell(thousands(r->inbound_reason[k], num), w, 1);
		out_join("  ", k ? reason_name((int)k) : "-", (char *)NULL);
		/* The lists this server's own checks used. */
		if (k == (size_t)smtpcode_reason_find("blocked", 7) &&
		    (n = report_blocklists(r->blocklist_in, idx, REPORT_BLOCKLISTS)) > 0) {
			out_str(" (");
			for (i = 0; i < n; i++)
				out_join(i ? ", " : "", blocklist_name(idx[i]), " ",
				    thousands(r->blocklist_in[idx[i]], num), (char *)NULL);
			out_char(')');
		}
		out_char('\n');
	}
}

/* --report: the totals, then what failed and why, most important
 * first. */
static void
text_report(const struct report *r, const struct render_ctx *c)
{
	const struct labels *L = c->L;
	char n1[32], n2[32], n3[32], n4[32], n5[32], t1[32], t2[32];

	if (r->records == 0) {
		out_join(L->rep_nothing, "\n", (char *)NULL);
		return;
	}
	out_join(L->rep_deliveries, ": ",
	    thousands(r->status[SMTPCODE_STATUS_SENT], n1), " ", L->rep_sent, ", ",
	    thousands(r->deferred_msgs, n2), " ", L->rep_deferred, " (",
	    thousands(r->deferrals, n3), " ", L->rep_deferrals, "), ",
	    thousands(r->status[SMTPCODE_STATUS_BOUNCED], n4), " ", L->rep_bounced, ", ",
	    thousands(r->status[SMTPCODE_STATUS_EXPIRED], n5), " ", L->rep_expired,
	    (char *)NULL);
	out_join("; ", thousands(r->status[SMTPCODE_STATUS_REJECTED], n1), " ",
	    L->rep_rejected, "\n", (char *)NULL);
	if (r->first >= 0)
		out_join(L->rep_period, ": ", bucket_time(r->first, r->year_known, t1),
		    " - ", bucket_time(r->last, r->year_known, t2), "\n", (char *)NULL);
	text_report_reasons(r, L);
	text_report_domains(r, L);
	text_report_providers(r, L);
	text_report_blocklists(r, L);
	text_report_inbound(r, L);
	if (r->hard > 0)
		out_join("\n", L->rep_hard, ": ", thousands(r->hard, n1),
		    " (smtpcode --report=hard)\n", (char *)NULL);
}

const struct renderer render_text = {
	.name = "text",
	.separator = text_separator,
	.explain = text_explain,
	.compare = text_compare,
	.reply = text_reply,
	.brief_code = text_brief_code,
	.list_item = text_list_item,
	.scan_hit = text_scan_hit,
	.count_row = text_count_row,
	.count_other = text_count_other,
	.record = text_record,
	.report = text_report,
	.hard_address = text_hard,
};
