/*
 * list.c: --list [FILTER] and --search WORD..., over every basic code and
 * every enhanced registry entry, in ascending order.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
list_filter_parse(const char *s, struct list_filter *f)
{
	size_t n = s ? strlen(s) : 0;

	f->basic = f->enhanced = 1;
	f->cls = 0;
	f->second = -1;
	f->subject = -1;
	if (s == NULL)
		return 0;
	if (strcmp(s, "basic") == 0) {
		f->enhanced = 0;
		return 0;
	}
	if (strcmp(s, "enhanced") == 0) {
		f->basic = 0;
		return 0;
	}
	/* 4, 4xx: a class, basic and enhanced */
	if ((n == 1 || (n == 3 && (s[1] == 'x' || s[1] == 'X') &&
	    (s[2] == 'x' || s[2] == 'X'))) && s[0] >= '1' && s[0] <= '5') {
		f->cls = s[0] - '0';
		f->enhanced = f->cls == 2 || f->cls == 4 || f->cls == 5;
		return 0;
	}
	/* 45, 45x: a class and category of basic codes */
	if ((n == 2 || (n == 3 && (s[2] == 'x' || s[2] == 'X'))) &&
	    s[0] >= '1' && s[0] <= '5' && is_digit(s[1])) {
		f->cls = s[0] - '0';
		f->second = s[1] - '0';
		f->enhanced = 0;
		return 0;
	}
	/* 5.7, 5.7.x, x.7, x.7.x: a subject of enhanced codes */
	if (n >= 3 && (s[0] == '2' || s[0] == '4' || s[0] == '5' ||
	    s[0] == 'x' || s[0] == 'X') && s[1] == '.' && is_digit(s[2])) {
		size_t i = 2;
		int subject = 0;
		while (i < n && is_digit(s[i]) && i < 5)
			subject = subject * 10 + (s[i++] - '0');
		if (i < n && strcmp(s + i, ".x") != 0 && strcmp(s + i, ".X") != 0)
			return -1;
		if (i - 2 > 1 && s[2] == '0')
			return -1;
		f->basic = 0;
		f->cls = is_digit(s[0]) ? s[0] - '0' : 0;
		f->subject = subject;
		return 0;
	}
	return -1;
}

/* Visit every item the filter keeps, in order; returns how many. */
static size_t
each_item(const struct list_filter *f,
    void (*fn)(const struct smtp_view *, void *), void *arg)
{
	struct smtp_view v;
	size_t i, count = 0;

	for (i = 0; f->basic && i < smtp_basic_count(); i++) {
		int code = smtp_basic_at(i)->code;
		if (f->cls && code / 100 != f->cls)
			continue;
		if (f->second >= 0 && code / 10 % 10 != f->second)
			continue;
		smtp_view_basic(code, &v);
		fn(&v, arg);
		count++;
	}
	for (i = 0; f->enhanced && i < smtp_enhanced_count(); i++) {
		const struct smtp_enhanced *e = smtp_enhanced_at(i);
		struct smtp_enhanced_code c;
		if (f->subject >= 0 && e->subject != f->subject)
			continue;
		if (f->cls && !(e->classes & (f->cls == 2 ? SMTP_CLASS_2 :
		    f->cls == 4 ? SMTP_CLASS_4 : SMTP_CLASS_5)))
			continue;
		c.cls = f->cls;
		c.subject = e->subject;
		c.detail = e->detail;
		smtp_view_enhanced(&c, &v);
		fn(&v, arg);
		count++;
	}
	return count;
}

struct emit {
	enum format format;
	int width;                      /* text: width of the code column */
	const char *const *words;       /* search only */
	size_t nwords;
	int pass;                       /* search: 2 name matches, 1 others */
	size_t found;
};

static void
measure(const struct smtp_view *v, void *arg)
{
	struct emit *e = arg;
	int n = (int)strlen(v->code);

	if (e->words && smtp_view_match(v, e->words, e->nwords) == 0)
		return;
	if (n > e->width)
		e->width = n;
}

static void
emit(const struct smtp_view *v, void *arg)
{
	struct emit *e = arg;

	if (e->words && smtp_view_match(v, e->words, e->nwords) != e->pass)
		return;
	e->found++;
	switch (e->format) {
	case FORMAT_TEXT:
		out_printf("%-*s  %s\n", e->width, v->code, v->name);
		break;
	case FORMAT_JSON:
		json_explain(v);
		break;
	case FORMAT_TSV:
		tsv_code(v);
		break;
	}
}

size_t
list_codes(const struct list_filter *f, enum format format, int quiet)
{
	struct emit e = { format, 0, NULL, 0, 0, 0 };

	if (quiet)
		return each_item(f, measure, &e);
	each_item(f, measure, &e);
	return each_item(f, emit, &e);
}

size_t
search_codes(const char *const *words, size_t nwords, enum format format,
    int quiet)
{
	struct list_filter all;
	struct emit e = { format, 0, words, nwords, 0, 0 };

	list_filter_parse(NULL, &all);
	each_item(&all, measure, &e);
	if (quiet) {
		/* measure saw every match; width > 0 means there was one */
		return e.width > 0;
	}
	/* Matches in the name first, then the rest, each in code order. */
	e.pass = 2;
	each_item(&all, emit, &e);
	e.pass = 1;
	each_item(&all, emit, &e);
	return e.found;
}
