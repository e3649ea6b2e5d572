/*
 * list.c: --list [FILTER] and --search WORD..., over every basic code and
 * every enhanced registry entry, in ascending order.
 */
#include <ctype.h>
#include <string.h>

#include "render.h"

static int
is_digit(char c)
{
	return isdigit((unsigned char)c);
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
    void (*fn)(const struct smtpcode_view *, void *), void *arg)
{
	struct smtpcode_view v = { .size = sizeof v };
	struct smtpcode_enhanced_code c;
	unsigned classes;
	size_t i, count = 0;
	int code;

	for (i = 0; f->basic && (code = smtpcode_basic_code(i)) >= 0; i++) {
		if (f->cls && code / 100 != f->cls)
			continue;
		if (f->second >= 0 && code / 10 % 10 != f->second)
			continue;
		smtpcode_view_basic(code, &v);
		fn(&v, arg);
		count++;
	}
	for (i = 0; f->enhanced && smtpcode_enhanced_entry(i, &c, &classes); i++) {
		if (f->subject >= 0 && c.subject != f->subject)
			continue;
		if (f->cls && !(classes & (1u << f->cls)))
			continue;
		c.cls = f->cls;
		smtpcode_view_enhanced(&c, &v);
		fn(&v, arg);
		count++;
	}
	return count;
}

struct emit {
	const struct renderer *R;
	struct render_ctx ctx;
	const char *const *words;       /* search only */
	size_t nwords;
	int pass;                       /* search: 2 name matches, 1 others */
	size_t found;
};

static void
measure(const struct smtpcode_view *v, void *arg)
{
	struct emit *e = arg;
	int n = (int)strlen(v->code);

	if (e->words && smtpcode_view_match(v, e->words, e->nwords) == 0)
		return;
	if (n > e->ctx.code_width)
		e->ctx.code_width = n;
}

static void
emit(const struct smtpcode_view *v, void *arg)
{
	struct emit *e = arg;

	if (e->words && smtpcode_view_match(v, e->words, e->nwords) != e->pass)
		return;
	e->found++;
	e->R->list_item(v, &e->ctx);
}

size_t
list_codes(const struct list_filter *f, const struct renderer *R,
    const struct labels *L, int quiet)
{
	struct emit e = { R, { L, 0, 0 }, NULL, 0, 0, 0 };

	if (quiet)
		return each_item(f, measure, &e);
	each_item(f, measure, &e);
	return each_item(f, emit, &e);
}

size_t
search_codes(const char *const *words, size_t nwords,
    const struct renderer *R, const struct labels *L, int quiet)
{
	struct list_filter all;
	struct emit e = { R, { L, 0, 0 }, words, nwords, 0, 0 };

	list_filter_parse(NULL, &all);
	each_item(&all, measure, &e);
	if (quiet) {
		/* measure saw every match; a width means there was one */
		return e.ctx.code_width > 0;
	}
	/* Matches in the name first, then the rest, each in code order. */
	e.pass = 2;
	each_item(&all, emit, &e);
	e.pass = 1;
	each_item(&all, emit, &e);
	return e.found;
}
