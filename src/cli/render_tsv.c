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
tsv_code(const struct smtpcode_view *v)
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
	struct smtpcode_view v = { .size = sizeof v };

	(void)c;
	smtpcode_view_basic(in->reply->code, &v);
	tsv_code(&v);
	if (in->reply->has_enhanced) {
		smtpcode_view_enhanced(&in->reply->enhanced, &v);
		tsv_code(&v);
	}
}

static void
tsv_separator(const struct render_ctx *c)
{
	(void)c;
}

static void
tsv_scan_hit(const char *source, const struct smtpcode_hit *h,
    const struct render_ctx *c)
{
	char b[4], x[12];

	(void)c;
	field(source);
	out_printf("\t%llu\t%s\t%s\t", h->line, basic_string(h->basic, b),
	    enhanced_string(h->has_enhanced, &h->enhanced, x));
	out_escaped(h->text, h->text_len);
	out_char('\n');
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
	.list_item = tsv_explain,
	.scan_hit = tsv_scan_hit,
	.count_row = tsv_count_row,
	.count_other = tsv_count_other,
};
