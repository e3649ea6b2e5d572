/*
 * render_tsv.c: --format=tsv, for scripts. One row per code, no header,
 * in the columns the man page fixes: code, kind, class, name, description,
 * when, fix. Scan rows: source, line, basic, enhanced, text. Count rows:
 * count, basic, enhanced, names.
 */
#include <string.h>

#include "render.h"
#include "report.h"

/* Tabs, newlines and backslashes as \t, \n, \\; a carriage return as \r,
 * other control bytes and bytes that are not UTF-8 as \xNN, so that every
 * row is one line of valid UTF-8. */
static void
field(const char *s)
{
	out_escaped(s, strlen(s));
}

static void
tsv_code_row(const struct smtpcode_view *v)
{
	field(v->code);
	out_char('\t');
	out_str(v->kind == SMTPCODE_KIND_BASIC ? "basic" : "enhanced");
	out_char('\t');
	field(v->class_label);
	out_char('\t');
	field(v->name);
	out_char('\t');
	field(v->description);
	if (v->description_more[0]) {
		out_char(' ');
		field(v->description_more);
	}
	out_char('\t');
	field(v->when);
	out_char('\t');
	field(v->fix);
}

static void
tsv_code(const struct smtpcode_view *v)
{
	tsv_code_row(v);
	out_char('\n');
}

/* The four columns' values: reason, hard (1 or 0), provider, block list;
 * the library's identifiers, or "". */
static void
diagnosis_parts(const struct smtpcode_diagnosis *d, const char *part[4])
{
	struct smtpcode_reason_info r = { .size = sizeof r };
	struct smtpcode_blocklist_info b = { .size = sizeof b };

	part[0] = smtpcode_reason_info(d->reason, &r) ? r.name : "";
	part[1] = d->hard ? "1" : "0";
	part[2] = provider_id(d->provider);
	part[3] = smtpcode_blocklist_info(d->blocklist, &b) ? b.id : "";
}

static void
tsv_diagnosis(const struct smtpcode_diagnosis *d)
{
	const char *part[4];
	size_t k;

	diagnosis_parts(d, part);
	for (k = 0; k < 4; k++) {
		out_char('\t');
		field(part[k]);
	}
	out_char('\n');
}

/* The same, from a table of the combinations a scan meets, each written
 * out once: a scan writes them on every row. Sets of two, the most recent
 * first: the real lines of the bench meet 138 combinations. The longest
 * row the data can make is 55 bytes; one that does not fit, or with a
 * byte that would need escaping (there is none), is written by
 * tsv_diagnosis. */
#define ROW_SETS 128

struct made_row {
	unsigned key;           /* 0: empty */
	unsigned char len;
	char text[59];
};

static void
tsv_diagnosis_row(const struct smtpcode_diagnosis *d)
{
	static THREAD_LOCAL struct made_row made[ROW_SETS][2];
	struct made_row *set, fresh;
	const char *part[4];
	unsigned key = 1u + ((unsigned)d->reason << 1 | (d->hard != 0)) * 1031u * 1031u +
	    (unsigned)d->provider * 1031u + (unsigned)d->blocklist;
	size_t n = 0, k, i;

	set = made[key % ROW_SETS];
	if (set[0].key == key) {
		out_mem(set[0].text, set[0].len);
		return;
	}
	if (set[1].key == key) {
		fresh = set[1];
		set[1] = set[0];
		set[0] = fresh;
		out_mem(set[0].text, set[0].len);
		return;
	}
	diagnosis_parts(d, part);
	for (k = 0; k < 4; k++) {
		fresh.text[n++] = '\t';
		for (i = 0; part[k][i] != '\0'; i++) {
			unsigned char c = (unsigned char)part[k][i];

			if (n + 2 > sizeof fresh.text || c <= 0x20 || c >= 0x7f ||
			    c == '\\') {
				tsv_diagnosis(d);
				return;
			}
			fresh.text[n++] = (char)c;
		}
	}
	fresh.text[n++] = '\n';
	fresh.len = (unsigned char)n;
	fresh.key = key;
	set[1] = set[0];
	set[0] = fresh;
	out_mem(fresh.text, n);
}

static void
tsv_explain(const struct smtpcode_view *v, const struct render_ctx *c)
{
	(void)c;
	tsv_code(v);
}

static void
tsv_compare(const struct smtpcode_view *a, const struct smtpcode_view *b,
    const struct render_ctx *c)
{
	(void)c;
	tsv_code(a);
	tsv_code(b);
}

static void
tsv_reply(const struct reply_in *in, const struct render_ctx *c)
{
	struct smtpcode_view basic = { .size = sizeof basic };
	struct smtpcode_view enh = { .size = sizeof enh };
	int have = reply_views(in, &basic, &enh);

	(void)c;
	if (have & 1) {
		tsv_code_row(&basic);
		tsv_diagnosis(&in->diag);
	}
	if (have & 2) {
		tsv_code_row(&enh);
		tsv_diagnosis(&in->diag);
	}
}

static void
tsv_separator(const struct render_ctx *c)
{
	(void)c;
}

static void
tsv_scan_hit(const char *source, const struct smtpcode_hit *h,
    const struct smtpcode_diagnosis *d, const struct render_ctx *c)
{
	char codes[24], x[12];
	size_t n = 0, k;

	(void)c;
	field(source);
	out_char('\t');
	out_ull(h->line);
	/* "\t550\t5.1.1\t", written at once: a scan writes one a row. */
	codes[n++] = '\t';
	n += strlen(basic_string(h->basic, codes + n));
	codes[n++] = '\t';
	k = strlen(enhanced_string(h->has_enhanced, &h->enhanced, x));
	memcpy(codes + n, x, k);
	n += k;
	codes[n++] = '\t';
	out_mem(codes, n);
	out_escaped(h->text, h->text_len);
	tsv_diagnosis_row(d);
}

static void
tsv_count_row(const struct tally *t, const struct render_ctx *c)
{
	char b[4], x[12];

	(void)c;
	out_printf("%llu\t%s\t%s\t", t->n, basic_string(t->basic, b),
	    enhanced_string(t->has_enhanced, &t->enhanced, x));
	if (t->basic)
		field(basic_name(t->basic));
	if (t->basic && t->has_enhanced)
		out_str("; ");
	if (t->has_enhanced)
		field(enhanced_name(&t->enhanced));
	out_char('\n');
}

/* The codes past the table's room: no codes, and a name that says so. */
static void
tsv_count_other(unsigned long long n, size_t slots, const struct render_ctx *c)
{
	(void)c;
	out_printf("%llu\t\t\tother codes: more than %zu distinct\n", n, slots);
}

/* A field from outside (a log, a bounce): escaped. */
static void
field_n(const char *s, size_t n)
{
	out_escaped(s, n);
}

/* source line queue_id direction status recipient domain relay basic
 * enhanced reason hard provider text */
static void
tsv_record(const char *source, const struct smtpcode_record *r,
    const struct smtpcode_diagnosis *d, const struct render_ctx *c)
{
	char b[4], x[12];
	int failed = r->status != SMTPCODE_STATUS_SENT;

	(void)c;
	field(source);
	out_char('\t');
	out_ull(r->line);
	out_char('\t');
	field_n(r->queue_id, r->queue_id_len);
	out_join("\t", smtpcode_direction_name(r->direction), "\t",
	    smtpcode_status_name(r->status), "\t", (char *)NULL);
	field_n(r->recipient, r->recipient_len);
	out_char('\t');
	field_n(r->domain, r->domain_len);
	out_char('\t');
	/* the other side: the host that answered, or for mail refused
	 * here, the client that sent it */
	if (r->direction == SMTPCODE_DIRECTION_IN)
		field_n(r->client, r->client_len);
	else
		field_n(r->relay, r->relay_len);
	out_join("\t", basic_string(r->basic, b), "\t",
	    enhanced_string(r->has_enhanced, &r->enhanced, x), "\t",
	    failed ? reason_name(d->reason) : "", "\t",
	    failed && d->hard ? "1" : "0", "\t",
	    failed ? provider_id(d->provider) : "", "\t", (char *)NULL);
	field_n(r->text, r->text_len);
	out_char('\n');
}

/* recipient domain reason basic enhanced text */
static void
tsv_hard(const char *source, const struct smtpcode_record *r,
    const struct smtpcode_diagnosis *d, const struct render_ctx *c)
{
	char b[4], x[12];

	(void)source;
	(void)c;
	field_n(r->recipient, r->recipient_len);
	out_char('\t');
	field_n(r->domain, r->domain_len);
	out_join("\t", reason_name(d->reason), "\t", basic_string(r->basic, b),
	    "\t", enhanced_string(r->has_enhanced, &r->enhanced, x), "\t",
	    (char *)NULL);
	field_n(r->text, r->text_len);
	out_char('\n');
}

static void
tsv_counts(const unsigned long long *status)
{
	static const enum smtpcode_status order[] = {
		SMTPCODE_STATUS_SENT, SMTPCODE_STATUS_DEFERRED,
		SMTPCODE_STATUS_BOUNCED, SMTPCODE_STATUS_EXPIRED
	};
	size_t k;

	for (k = 0; k < sizeof order / sizeof order[0]; k++) {
		out_char('\t');
		out_ull(status[order[k]]);
	}
}

static void
tsv_top(const struct top *t)
{
	const struct top_item *item[REPORT_TOP];
	size_t n = top_sorted(t, item, REPORT_TOP), i;

	out_char('\t');
	for (i = 0; i < n; i++) {
		if (i > 0)
			out_str(", ");
		field(item[i]->key);
		out_char(' ');
		out_ull(item[i]->n);
	}
}

/* The report's tables, each row led by its table's name:
 *   total STATUS COUNT
 *   reason REASON COUNT DEFERRED BOUNCED EXPIRED HARD CODES DOMAINS PROVIDER
 *   domain DOMAIN SENT DEFERRED BOUNCED EXPIRED TOP_REASON
 *   provider PROVIDER SENT DEFERRED BOUNCED EXPIRED TOP_REASON
 *   blocklist ID COUNT NAME LOOKUP_URL DELIST_URL
 *   inbound REASON COUNT
 *   inbound_blocklist ID COUNT NAME
 *   time START SENT DEFERRED BOUNCED EXPIRED REJECTED */
static void
tsv_report(const struct report *r, const struct render_ctx *c)
{
	int idx[REPORT_DOMAINS];
	size_t n, i, k;
	char tb[32];

	(void)c;
	out_str("total\tsent\t"); out_ull(r->status[SMTPCODE_STATUS_SENT]);
	out_str("\ntotal\tdeferred\t"); out_ull(r->deferred_msgs);
	out_str("\ntotal\tdeferrals\t"); out_ull(r->deferrals);
	out_str("\ntotal\tbounced\t"); out_ull(r->status[SMTPCODE_STATUS_BOUNCED]);
	out_str("\ntotal\texpired\t"); out_ull(r->status[SMTPCODE_STATUS_EXPIRED]);
	out_str("\ntotal\trejected\t"); out_ull(r->status[SMTPCODE_STATUS_REJECTED]);
	out_str("\ntotal\thard\t"); out_ull(r->hard);
	out_char('\n');
	n = report_reasons(r, idx, REPORT_REASONS);
	for (i = 0; i < n; i++) {
		const struct reason_row *row = &r->reason[idx[i]];
		int best = top_provider(row->provider);

		out_join("reason\t", idx[i] ? reason_name(idx[i]) : "", "\t",
		    (char *)NULL);
		out_ull(row->n);
		for (k = SMTPCODE_STATUS_DEFERRED; k <= SMTPCODE_STATUS_EXPIRED; k++) {
			out_char('\t');
			out_ull(row->status[k]);
		}
		out_char('\t');
		out_ull(row->hard);
		tsv_top(&row->codes);
		tsv_top(&row->domains);
		out_join("\t", best ? provider_id(best) : "", "\n", (char *)NULL);
	}
	n = report_domains(r, idx, REPORT_DOMAINS);
	for (i = 0; i < n; i++) {
		const struct domain_row *d = &r->domain[idx[i]];

		out_str("domain\t");
		field(d->name);
		tsv_counts(d->status);
		out_join("\t", reason_name(domain_top_reason(d)), "\n", (char *)NULL);
	}
	if (domain_failures(&r->others) + r->others.status[SMTPCODE_STATUS_SENT] > 0) {
		out_str("domain\t(others)");
		tsv_counts(r->others.status);
		out_join("\t", reason_name(domain_top_reason(&r->others)), "\n",
		    (char *)NULL);
	}
	n = report_providers(r, idx, REPORT_PROVIDERS);
	for (i = 0; i < n; i++) {
		int p = idx[i], best = provider_top_reason(r, p);

		out_join("provider\t", provider_id(p), (char *)NULL);
		tsv_counts(r->provider_status[p]);
		out_join("\t", best ? reason_name(best) : "", "\n", (char *)NULL);
	}
	n = report_blocklists(r->blocklist_out, idx, REPORT_BLOCKLISTS);
	for (i = 0; i < n; i++) {
		struct smtpcode_blocklist_info b = { .size = sizeof b };

		smtpcode_blocklist_info(idx[i], &b);
		out_join("blocklist\t", b.id, "\t", (char *)NULL);
		out_ull(r->blocklist_out[idx[i]]);
		out_join("\t", b.name, "\t", b.lookup_url, "\t", b.delist_url, "\n",
		    (char *)NULL);
	}
	for (k = 0; k < REPORT_REASONS; k++) {
		if (r->inbound_reason[k] == 0)
			continue;
		out_join("inbound\t", k ? reason_name((int)k) : "", "\t",
		    (char *)NULL);
		out_ull(r->inbound_reason[k]);
		out_char('\n');
	}
	n = report_blocklists(r->blocklist_in, idx, REPORT_BLOCKLISTS);
	for (i = 0; i < n; i++) {
		out_join("inbound_blocklist\t", blocklist_id(idx[i]), "\t", (char *)NULL);
		out_ull(r->blocklist_in[idx[i]]);
		out_join("\t", blocklist_name(idx[i]), "\n", (char *)NULL);
	}
	for (i = 0; r->first >= 0 && i < REPORT_BUCKETS; i++) {
		const struct bucket *bk = &r->bucket[i];
		if (bk->start > r->last)
			break;
		out_join("time\t", bucket_time(bk->start, r->year_known, tb), (char *)NULL);
		tsv_counts(bk->status);
		out_char('\t');
		out_ull(bk->status[SMTPCODE_STATUS_REJECTED]);
		out_char('\n');
	}
}

const struct renderer render_tsv = {
	.name = "tsv",
	.separator = tsv_separator,
	.explain = tsv_explain,
	.compare = tsv_compare,
	.reply = tsv_reply,
	.brief_code = NULL,
	.list_item = tsv_explain,
	.scan_hit = tsv_scan_hit,
	.scan_diagnoses = SCAN_DIAGNOSIS_FIELDS,
	.count_row = tsv_count_row,
	.count_other = tsv_count_other,
	.record = tsv_record,
	.report = tsv_report,
	.hard_address = tsv_hard,
};
