/*
 * render_tsv.c: --format=tsv, for scripts. One row per code, no header,
 * in the columns the man page fixes: code, kind, class, name, description,
 * when, fix. Scan rows: source, line, basic, enhanced, text. Count rows:
 * count, basic, enhanced, names.
 */
#include <string.h>

#include "render.h"

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

/* A reply's rows carry its diagnosis in four more columns: reason, hard
 * (1 or 0), provider, block list. */
static void
tsv_diagnosis(const struct smtpcode_diagnosis *d)
{
	struct smtpcode_reason_info r = { .size = sizeof r };
	struct smtpcode_blocklist_info b = { .size = sizeof b };

	out_char('\t');
	if (smtpcode_reason_info(d->reason, &r))
		field(r.name);
	out_str(d->hard ? "\t1\t" : "\t0\t");
	field(provider_id(d->provider));
	out_char('\t');
	if (smtpcode_blocklist_info(d->blocklist, &b))
		field(b.id);
	out_char('\n');
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
	char b[4], x[12];

	(void)c;
	field(source);
	out_char('\t');
	out_ull(h->line);
	out_join("\t", basic_string(h->basic, b), "\t",
	    enhanced_string(h->has_enhanced, &h->enhanced, x), "\t", (char *)NULL);
	out_escaped(h->text, h->text_len);
	tsv_diagnosis(d);
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

const struct renderer render_tsv = {
	.name = "tsv",
	.separator = tsv_separator,
	.explain = tsv_explain,
	.compare = tsv_compare,
	.reply = tsv_reply,
	.brief_code = NULL,
	.list_item = tsv_explain,
	.scan_hit = tsv_scan_hit,
	.scan_diagnoses = 1,
	.count_row = tsv_count_row,
	.count_other = tsv_count_other,
};
