/*
 * render_json.c: --format=json. One object for explain, compare and a
 * reply; JSON Lines for lists and scans. Field names are fixed and never
 * localized; the man page documents them.
 */
#include <string.h>

#include "render.h"
#include "report.h"

/* A JSON string of bytes from anywhere: control characters escaped, and
 * each byte that is not part of well-formed UTF-8 replaced by U+FFFD, so
 * the document is valid whatever the input was (RFC 8259 §8.1). */
static void
json_chars(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;
	unsigned cp;

	while (i < n) {
		unsigned char c = u[i];
		if (c == '"' || c == '\\') {
			out_char('\\');
			out_char((char)c);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			switch (c) {
			case '\n': out_str("\\n"); break;
			case '\t': out_str("\\t"); break;
			case '\r': out_str("\\r"); break;
			default: out_printf("\\u%04x", c);
			}
			i++;
		} else if (c < 0x80) {
			out_char((char)c);
			i++;
		} else if ((k = utf8_decode(u + i, n - i, &cp)) > 0) {
			out_mem(s + i, k);
			i += k;
		} else {
			out_str("\\ufffd");
			i++;
		}
	}
}

static void
json_string(const char *s, size_t n)
{
	out_char('"');
	json_chars(s, n);
	out_char('"');
}

static void
json_cstr(const char *s)
{
	json_string(s, strlen(s));
}

static void
key(const char *k, int first)
{
	if (!first)
		out_char(',');
	json_cstr(k);
	out_char(':');
}

static void
str_field(const char *k, const char *v)
{
	key(k, 0);
	json_cstr(v);
}

/* "key":{"digit":4,"label":"4xx","name":"..."} */
static void
digit_object(const char *k, int digit, const char *label, const char *name)
{
	key(k, 0);
	out_printf("{\"digit\":%d", digit);
	str_field("label", label);
	str_field("name", name);
	out_char('}');
}

/* No text field is ever null: an absent text is an empty string. */
static void
json_code(const struct smtpcode_view *v)
{
	unsigned w;
	int first = 1;

	out_char('{');
	key("code", 1);
	json_cstr(v->code);
	str_field("kind", v->kind == SMTPCODE_KIND_BASIC ? "basic" : "enhanced");
	key("registered", 0);
	out_str(v->registered ? "true" : "false");
	str_field("name", v->name);
	digit_object("class", v->class_digit, v->class_label, v->class_name);
	digit_object("category", v->category_digit, v->category_label,
	    v->category_name);
	key("in_grammar", 0);
	out_str(v->in_grammar ? "true" : "false");
	key("standard", 0);
	out_str(v->origin == SMTPCODE_ORIGIN_RFC ? "true" : "false");
	str_field("origin", smtpcode_origin_name(v->origin));
	str_field("reference", v->reference);
	str_field("rfc_text", v->rfc_text);
	str_field("seen_after", v->seen_after);
	str_field("basic_codes", v->basic_codes);
	str_field("retry", smtpcode_retry_name(v->retry));
	str_field("retry_text", v->retry_text);
	key("who", 0);
	out_char('[');
	for (w = 0; w < SMTPCODE_WHO_COUNT; w++) {
		if (!(v->who & (1u << w)))
			continue;
		if (!first)
			out_char(',');
		json_cstr(smtpcode_who_name((enum smtpcode_who_bit)w));
		first = 0;
	}
	out_char(']');
	/* One description, as the text output shows it. */
	key("description", 0);
	out_char('"');
	json_chars(v->description, strlen(v->description));
	if (v->description_more[0]) {
		out_char(' ');
		json_chars(v->description_more, strlen(v->description_more));
	}
	out_char('"');
	str_field("when", v->when);
	str_field("fix", v->fix);
	out_char('}');
}

static void
json_explain(const struct smtpcode_view *v, const struct render_ctx *c)
{
	(void)c;
	json_code(v);
	out_char('\n');
}

static void
json_compare(const struct smtpcode_view *a, const struct smtpcode_view *b,
    const struct render_ctx *c)
{
	unsigned d = smtpcode_view_diff(a, b), i;
	int first = 1;

	(void)c;
	out_str("{\"compare\":[");
	json_code(a);
	out_char(',');
	json_code(b);
	out_str("],\"differences\":[");
	for (i = 0; i < SMTPCODE_DIFF_COUNT; i++) {
		if (!(d & (1u << i)))
			continue;
		if (!first)
			out_char(',');
		json_cstr(smtpcode_diff_name((enum smtpcode_diff_bit)i));
		first = 0;
	}
	out_str("]}\n");
}

static void
bool_field(const char *k, int v)
{
	key(k, 0);
	out_str(v ? "true" : "false");
}

/* "diagnosis":{...}; absent values are "", false or []. */
static void
json_diagnosis(const struct smtpcode_diagnosis *d)
{
	struct smtpcode_reason_info r = { .size = sizeof r };
	struct smtpcode_blocklist_info b = { .size = sizeof b };
	size_t i;

	if (!smtpcode_reason_info(d->reason, &r))
		r.name = r.gloss = "";
	if (!smtpcode_blocklist_info(d->blocklist, &b))
		b.id = b.name = b.lookup_url = b.delist_url = "";
	out_str(",\"diagnosis\":{");
	key("provider", 1);
	json_cstr(provider_id(d->provider));
	str_field("provider_name", provider_name(d->provider));
	str_field("reason", r.name);
	str_field("reason_text", r.gloss);
	bool_field("hard", d->hard);
	str_field("blocklist", b.id);
	str_field("blocklist_name", b.name);
	str_field("lookup_url", b.lookup_url);
	str_field("delist_url", b.delist_url);
	bool_field("blocklist_query_failed", d->blocklist_failed);
	str_field("basis", d->reason ? smtpcode_evidence_name(d->basis) : "");
	str_field("action", d->action);
	key("evidence", 0);
	out_char('[');
	for (i = 0; i < d->nevidence; i++) {
		char buf[320];
		if (i > 0)
			out_char(',');
		json_cstr(evidence_string(&d->evidence[i], buf, sizeof buf));
	}
	out_str("]}");
}

static void
json_reply(const struct reply_in *in, const struct render_ctx *c)
{
	struct smtpcode_view basic = { .size = sizeof basic };
	struct smtpcode_view enh = { .size = sizeof enh };
	const char *t;
	size_t tlen, pos = 0;
	int first = 1, have;

	(void)c;
	have = reply_views(in, &basic, &enh);
	out_str("{\"reply\":{\"code\":");
	json_cstr(have & 1 ? basic.code : "");
	out_str(",\"enhanced\":");
	json_cstr(have & 2 ? enh.code : "");
	out_str(",\"lines\":[");
	while (reply_piece(in, &pos, &t, &tlen)) {
		if (!first)
			out_char(',');
		json_string(t, tlen);
		first = 0;
	}
	out_printf("],\"mixed_codes\":%s,\"classes_agree\":%s}",
	    in->reply != NULL && in->reply->mixed ? "true" : "false",
	    have != 3 || in->enhanced.cls == in->basic / 100 ? "true" : "false");
	json_diagnosis(&in->diag);
	out_str(",\"basic\":");
	if (have & 1)
		json_code(&basic);
	else
		out_str("null");
	out_str(",\"enhanced\":");
	if (have & 2)
		json_code(&enh);
	else
		out_str("null");
	out_str("}\n");
}

static void
json_separator(const struct render_ctx *c)
{
	(void)c;
}

/* "basic":"550","enhanced":"5.1.1","basic_name":...,"enhanced_name":...,
 * an absent code and its name as "" */
static void
json_codes(int basic, int has_enhanced, const struct smtpcode_enhanced_code *e)
{
	char b[4], x[12];

	str_field("basic", basic_string(basic, b));
	str_field("enhanced", enhanced_string(has_enhanced, e, x));
}

static void
json_names(int basic, int has_enhanced, const struct smtpcode_enhanced_code *e)
{
	str_field("basic_name", basic ? basic_name(basic) : "");
	str_field("enhanced_name", has_enhanced ? enhanced_name(e) : "");
}

static void
json_scan_hit(const char *source, const struct smtpcode_hit *h,
    const struct smtpcode_diagnosis *d, const struct render_ctx *c)
{
	(void)c;
	out_str("{\"source\":");
	json_cstr(source);
	out_printf(",\"line\":%llu,\"column\":%zu", h->line, h->column);
	json_codes(h->basic, h->has_enhanced, &h->enhanced);
	key("text", 0);
	json_string(h->text, h->text_len);
	json_names(h->basic, h->has_enhanced, &h->enhanced);
	json_diagnosis(d);
	out_str("}\n");
}

static void
json_count_row(const struct tally *t, const struct render_ctx *c)
{
	(void)c;
	out_printf("{\"count\":%llu", t->n);
	json_codes(t->basic, t->has_enhanced, &t->enhanced);
	json_names(t->basic, t->has_enhanced, &t->enhanced);
	out_str("}\n");
}

/* The codes past the table's room: a row with "other" and no codes. */
static void
json_count_other(unsigned long long n, size_t slots, const struct render_ctx *c)
{
	(void)c;
	(void)slots;
	out_printf("{\"count\":%llu", n);
	json_codes(0, 0, NULL);
	json_names(0, 0, NULL);
	out_str(",\"other\":true}\n");
}

static void
json_record_fields(const char *source, const struct smtpcode_record *r)
{
	char tb[32];

	out_str("{\"source\":");
	json_cstr(source);
	out_str(",\"line\":");
	out_ull(r->line);
	str_field("time", record_time(&r->time, tb));
	key("queue_id", 0);
	json_string(r->queue_id, r->queue_id_len);
	str_field("direction", smtpcode_direction_name(r->direction));
	str_field("status", smtpcode_status_name(r->status));
	key("recipient", 0);
	json_string(r->recipient, r->recipient_len);
	key("domain", 0);
	json_string(r->domain, r->domain_len);
	key("relay", 0);
	json_string(r->relay, r->relay_len);
	key("client", 0);
	json_string(r->client, r->client_len);
	json_codes(r->basic, r->has_enhanced, &r->enhanced);
	key("text", 0);
	json_string(r->text, r->text_len);
}

/* --scan --records: one object a record; "diagnosis" for a failure, null
 * for a delivery. */
static void
json_record(const char *source, const struct smtpcode_record *r,
    const struct smtpcode_diagnosis *d, const struct render_ctx *c)
{
	(void)c;
	json_record_fields(source, r);
	if (r->status == SMTPCODE_STATUS_SENT)
		out_str(",\"diagnosis\":null");
	else
		json_diagnosis(d);
	out_str("}\n");
}

static void
json_hard(const char *source, const struct smtpcode_record *r,
    const struct smtpcode_diagnosis *d, const struct render_ctx *c)
{
	json_record(source, r, d, c);
}

static void
json_counts(const char *k, const unsigned long long *status)
{
	key(k, 0);
	out_str("{\"sent\":");
	out_ull(status[SMTPCODE_STATUS_SENT]);
	out_str(",\"deferred\":");
	out_ull(status[SMTPCODE_STATUS_DEFERRED]);
	out_str(",\"bounced\":");
	out_ull(status[SMTPCODE_STATUS_BOUNCED]);
	out_str(",\"expired\":");
	out_ull(status[SMTPCODE_STATUS_EXPIRED]);
	out_char('}');
}

static void
json_top(const char *k, const char *name, const struct top *t)
{
	const struct top_item *item[REPORT_TOP];
	size_t n = top_sorted(t, item, REPORT_TOP), i;

	key(k, 0);
	out_char('[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			out_char(',');
		out_char('{');
		key(name, 1);
		json_cstr(item[i]->key);
		out_str(",\"count\":");
		out_ull(item[i]->n);
		out_char('}');
	}
	out_char(']');
}

static void
json_blocklists(const char *k, const unsigned long long *counts)
{
	int idx[REPORT_BLOCKLISTS];
	size_t n = report_blocklists(counts, idx, REPORT_BLOCKLISTS), i;

	key(k, 0);
	out_char('[');
	for (i = 0; i < n; i++) {
		struct smtpcode_blocklist_info b = { .size = sizeof b };

		smtpcode_blocklist_info(idx[i], &b);
		if (i > 0)
			out_char(',');
		out_str("{\"blocklist\":");
		json_cstr(b.id);
		str_field("name", b.name);
		out_str(",\"count\":");
		out_ull(counts[idx[i]]);
		str_field("lookup_url", b.lookup_url);
		str_field("delist_url", b.delist_url);
		out_char('}');
	}
	out_char(']');
}

/* --report: one object. */
static void
json_report(const struct report *r, const struct render_ctx *c)
{
	int idx[REPORT_DOMAINS];
	size_t n, i, k;
	char tb[32];

	(void)c;
	out_str("{\"totals\":{\"sent\":");
	out_ull(r->status[SMTPCODE_STATUS_SENT]);
	out_str(",\"deferred\":");
	out_ull(r->deferred_msgs);
	out_str(",\"deferrals\":");
	out_ull(r->deferrals);
	out_str(",\"bounced\":");
	out_ull(r->status[SMTPCODE_STATUS_BOUNCED]);
	out_str(",\"expired\":");
	out_ull(r->status[SMTPCODE_STATUS_EXPIRED]);
	out_str(",\"rejected\":");
	out_ull(r->status[SMTPCODE_STATUS_REJECTED]);
	out_str(",\"hard\":");
	out_ull(r->hard);
	out_str("},\"period\":{");
	key("first", 1);
	json_cstr(r->first >= 0 ? bucket_time(r->first, r->year_known, tb) : "");
	str_field("last", r->last >= 0 ? bucket_time(r->last, r->year_known, tb) : "");
	out_char('}');
	key("reasons", 0);
	out_char('[');
	n = report_reasons(r, idx, REPORT_REASONS);
	for (i = 0; i < n; i++) {
		const struct reason_row *row = &r->reason[idx[i]];
		int best = top_provider(row->provider);

		if (i > 0)
			out_char(',');
		out_str("{\"reason\":");
		json_cstr(idx[i] ? reason_name(idx[i]) : "");
		out_str(",\"count\":");
		out_ull(row->n);
		json_counts("status", row->status);
		out_str(",\"hard\":");
		out_ull(row->hard);
		json_top("codes", "codes", &row->codes);
		json_top("domains", "domain", &row->domains);
		str_field("provider", best ? provider_id(best) : "");
		out_char('}');
	}
	out_char(']');
	key("domains", 0);
	out_char('[');
	n = report_domains(r, idx, REPORT_DOMAINS);
	for (i = 0; i <= n; i++) {
		const struct domain_row *d = i < n ? &r->domain[idx[i]] : &r->others;

		if (i == n && domain_failures(d) + d->status[SMTPCODE_STATUS_SENT] == 0)
			break;
		if (i > 0)
			out_char(',');
		out_str("{\"domain\":");
		json_cstr(i < n ? d->name : "");
		out_str(i < n ? ",\"others\":false" : ",\"others\":true");
		json_counts("status", d->status);
		str_field("top_reason", reason_name(domain_top_reason(d)));
		out_char('}');
	}
	out_char(']');
	key("providers", 0);
	out_char('[');
	n = report_providers(r, idx, REPORT_PROVIDERS);
	for (i = 0; i < n; i++) {
		int best = provider_top_reason(r, idx[i]);

		if (i > 0)
			out_char(',');
		out_str("{\"provider\":");
		json_cstr(provider_id(idx[i]));
		str_field("name", provider_name(idx[i]));
		json_counts("status", r->provider_status[idx[i]]);
		str_field("top_reason", best ? reason_name(best) : "");
		out_char('}');
	}
	out_char(']');
	json_blocklists("blocklists", r->blocklist_out);
	key("inbound", 0);
	out_str("{\"rejected\":");
	out_ull(r->status[SMTPCODE_STATUS_REJECTED]);
	key("reasons", 0);
	out_char('[');
	for (k = 0, n = 0; k < REPORT_REASONS; k++) {
		if (r->inbound_reason[k] == 0)
			continue;
		if (n++ > 0)
			out_char(',');
		out_str("{\"reason\":");
		json_cstr(k ? reason_name((int)k) : "");
		out_str(",\"count\":");
		out_ull(r->inbound_reason[k]);
		out_char('}');
	}
	out_char(']');
	json_blocklists("blocklists", r->blocklist_in);
	out_char('}');
	key("time", 0);
	out_str("{\"bucket_seconds\":");
	out_ull((unsigned long long)r->bucket_width);
	key("buckets", 0);
	out_char('[');
	for (i = 0; r->first >= 0 && i < REPORT_BUCKETS; i++) {
		const struct bucket *bk = &r->bucket[i];
		if (bk->start > r->last)
			break;
		if (i > 0)
			out_char(',');
		out_str("{\"start\":");
		json_cstr(bucket_time(bk->start, r->year_known, tb));
		json_counts("status", bk->status);
		out_str(",\"rejected\":");
		out_ull(bk->status[SMTPCODE_STATUS_REJECTED]);
		out_char('}');
	}
	out_str("]}}\n");
}

const struct renderer render_json = {
	.name = "json",
	.separator = json_separator,
	.explain = json_explain,
	.compare = json_compare,
	.reply = json_reply,
	.brief_code = NULL,
	.list_item = json_explain,
	.scan_hit = json_scan_hit,
	.scan_diagnoses = SCAN_DIAGNOSIS_FULL,
	.count_row = json_count_row,
	.count_other = json_count_other,
	.record = json_record,
	.report = json_report,
	.hard_address = json_hard,
};
