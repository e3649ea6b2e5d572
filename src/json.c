/*
 * json.c: --format=json. One object for explain, compare and a reply;
 * JSON Lines for lists. Field names are fixed and never localized; they
 * are documented in README.md ("JSON fields").
 */
#include <string.h>

#include "cli.h"

/* A JSON string of bytes from anywhere: control characters escaped, and
 * each byte that is not part of well-formed UTF-8 replaced by U+FFFD, so
 * the document is valid whatever the input was (RFC 8259 §8.1). */
static void
json_chars(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

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
		} else if ((k = utf8_len(u + i, n - i)) > 0) {
			out_mem(s + i, k);
			i += k;
		} else {
			out_str("\\ufffd");
			i++;
		}
	}
}

void
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

/* No text field is ever null: an absent text is an empty string. */
void
json_code(const struct smtp_view *v)
{
	unsigned w;
	int first = 1;

	out_char('{');
	key("code", 1);
	json_cstr(v->code);
	str_field("kind", v->kind == SMTP_KIND_BASIC ? "basic" : "enhanced");
	key("registered", 0);
	out_str(v->registered ? "true" : "false");
	str_field("name", v->name);
	key("class", 0);
	out_printf("{\"digit\":%d", v->cls->digit);
	str_field("label", v->cls->label);
	out_str(",\"name\":");
	json_cstr(v->cls->name);
	out_char('}');
	key("category", 0);
	out_printf("{\"digit\":%d", v->category_digit);
	str_field("label", v->category_label);
	out_str(",\"name\":");
	json_cstr(v->category->name);
	out_char('}');
	key("in_grammar", 0);
	out_str(v->in_grammar ? "true" : "false");
	key("standard", 0);
	out_str(v->origin == SMTP_ORIGIN_RFC ? "true" : "false");
	str_field("origin", smtp_origin_name(v->origin));
	str_field("reference", v->reference);
	str_field("rfc_text", v->rfc_text);
	str_field("seen_after", v->seen_after);
	str_field("basic_codes", v->basic_codes);
	str_field("retry", smtp_retry_name(v->retry));
	str_field("retry_text", v->retry_text);
	key("who", 0);
	out_char('[');
	for (w = 1; w <= SMTP_WHO_RECIPIENT_ADMIN; w <<= 1) {
		if (!(v->who & w))
			continue;
		if (!first)
			out_char(',');
		json_cstr(smtp_who_name((enum smtp_who)w));
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

void
json_explain(const struct smtp_view *v)
{
	json_code(v);
	out_char('\n');
}

void
json_compare(const struct smtp_view *a, const struct smtp_view *b)
{
	unsigned d = smtp_view_diff(a, b);
	static const struct { unsigned flag; const char *name; } names[] = {
		{ SMTP_DIFF_KIND, "kind" },
		{ SMTP_DIFF_CLASS, "class" },
		{ SMTP_DIFF_CATEGORY, "category" },
		{ SMTP_DIFF_RETRY, "retry" },
		{ SMTP_DIFF_WHO, "who" },
		{ SMTP_DIFF_SEEN, "seen_after" },
		{ SMTP_DIFF_ORIGIN, "origin" },
	};
	size_t i;
	int first = 1;

	out_str("{\"compare\":[");
	json_code(a);
	out_char(',');
	json_code(b);
	out_str("],\"differences\":[");
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!(d & names[i].flag))
			continue;
		if (!first)
			out_char(',');
		json_cstr(names[i].name);
		first = 0;
	}
	out_str("]}\n");
}

void
json_reply(const char *arg, size_t len, const struct smtp_arg *q)
{
	const struct smtp_reply *r = &q->reply;
	struct smtp_view basic, enh;
	const char *t;
	size_t tlen, i;

	smtp_view_basic(r->code, &basic);
	out_str("{\"reply\":{\"code\":");
	json_cstr(basic.code);
	out_str(",\"enhanced\":");
	if (r->has_enhanced) {
		smtp_view_enhanced(&r->enhanced, &enh);
		json_cstr(enh.code);
	} else {
		out_str("\"\"");
	}
	out_str(",\"lines\":[");
	for (i = 0; smtp_reply_line_text(arg, len, r, i, &t, &tlen); i++) {
		if (i > 0)
			out_char(',');
		json_string(t, tlen);
	}
	out_printf("],\"mixed_codes\":%s,\"classes_agree\":%s},\"basic\":",
	    r->mixed ? "true" : "false",
	    !r->has_enhanced || r->enhanced.cls == r->code / 100 ? "true" : "false");
	json_code(&basic);
	out_str(",\"enhanced\":");
	if (r->has_enhanced)
		json_code(&enh);
	else
		out_str("null");
	out_str("}\n");
}
