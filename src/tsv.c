/*
 * tsv.c: --format=tsv. One row per code, no header, in the columns
 * SPEC.md fixes: code, kind, class, name, description, when, fix.
 */
#include <string.h>

#include "cli.h"

/* Tabs, newlines and backslashes as \t, \n, \\ (SPEC.md); a carriage
 * return as \r, other control bytes and bytes that are not UTF-8 as \xNN,
 * so that every row is one line of valid UTF-8. */
void
tsv_field(const char *s, size_t n)
{
	out_escaped(s, n);
}

static void
tsv_cstr(const char *s)
{
	tsv_field(s, strlen(s));
}

void
tsv_code(const struct smtp_view *v)
{
	tsv_cstr(v->code);
	out_char('\t');
	out_str(v->kind == SMTP_KIND_BASIC ? "basic" : "enhanced");
	out_char('\t');
	tsv_cstr(v->cls->label);
	out_char('\t');
	tsv_cstr(v->name);
	out_char('\t');
	tsv_cstr(v->description);
	if (v->description_more[0]) {
		out_char(' ');
		tsv_cstr(v->description_more);
	}
	out_char('\t');
	tsv_cstr(v->when);
	out_char('\t');
	tsv_cstr(v->fix);
	out_char('\n');
}

void
tsv_reply(const struct smtp_arg *q)
{
	struct smtp_view v;

	smtp_view_basic(q->reply.code, &v);
	tsv_code(&v);
	if (q->reply.has_enhanced) {
		smtp_view_enhanced(&q->reply.enhanced, &v);
		tsv_code(&v);
	}
}
