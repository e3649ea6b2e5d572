/*
 * parse.c: basic codes, enhanced codes and reply lines, strictly.
 *
 * Everything here works on a pointer and a length, never past it, and
 * never on a NUL terminator, so any byte string, NULs included, is safe.
 */
#include <stddef.h>
#include <string.h>

#include "internal.h"

static void
trim_blanks(const char **s, size_t *len)
{
	while (*len > 0 && is_blank((unsigned char)(*s)[0])) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_blank((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/*
 * A decimal digit from another script, in UTF-8: fullwidth (U+FF10-FF19),
 * Arabic-Indic (U+0660-0669), extended Arabic-Indic (U+06F0-06F9),
 * Devanagari (U+0966-096F), Bengali (U+09E6-09EF). People paste these from
 * documents and chat, and they deserve a better message than "not a code".
 */
static int
is_foreign_digit(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len >= 3 && u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99)
		return 1;
	if (len >= 2 && u[0] == 0xd9 && u[1] >= 0xa0 && u[1] <= 0xa9)
		return 1;
	if (len >= 2 && u[0] == 0xdb && u[1] >= 0xb0 && u[1] <= 0xb9)
		return 1;
	if (len >= 3 && u[0] == 0xe0 && u[1] == 0xa5 && u[2] >= 0xa6 && u[2] <= 0xaf)
		return 1;
	if (len >= 3 && u[0] == 0xe0 && u[1] == 0xa7 && u[2] >= 0xa6 && u[2] <= 0xaf)
		return 1;
	return 0;
}

static int
has_foreign_digit(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (is_foreign_digit(s + i, len - i))
			return 1;
	return 0;
}

static size_t
count_digits(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && is_digit((unsigned char)s[n]))
		n++;
	return n;
}

static int
three_digits(const char *s)
{
	return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

/* A basic code already trimmed, with n leading digits counted. */
static enum smtpcode_parse_error
basic_trimmed(const char *s, size_t len, size_t n, int *code)
{
	if (len == 0)
		return SMTPCODE_PARSE_EMPTY;
	if (s[0] == '+' || s[0] == '-')
		return SMTPCODE_PARSE_SIGN;
	if (n < len) {
		if (has_foreign_digit(s, len))
			return SMTPCODE_PARSE_NON_ASCII_DIGIT;
		return n == 3 ? SMTPCODE_PARSE_TRAILING : SMTPCODE_PARSE_NOT_A_CODE;
	}
	if (n < 3)
		return SMTPCODE_PARSE_TOO_FEW_DIGITS;
	if (n > 3)
		return SMTPCODE_PARSE_TOO_MANY_DIGITS;
	*code = three_digits(s);
	return SMTPCODE_PARSE_OK;
}

enum smtpcode_parse_error
smtpcode_parse_basic(const char *s, size_t len, int *code)
{
	trim_blanks(&s, &len);
	return basic_trimmed(s, len, count_digits(s, len), code);
}

/* One part of an enhanced code: 1-3 digits, no leading zero. */
static enum smtpcode_parse_error
enh_part(const char *s, size_t len, int *value)
{
	size_t i;

	if (len == 0)
		return SMTPCODE_PARSE_ENH_EMPTY_PART;
	if (len > 3)
		return SMTPCODE_PARSE_ENH_LONG_PART;
	if (len > 1 && s[0] == '0')
		return SMTPCODE_PARSE_ENH_LEADING_ZERO;
	*value = 0;
	for (i = 0; i < len; i++)
		*value = *value * 10 + (s[i] - '0');
	return SMTPCODE_PARSE_OK;
}

/*
 * An enhanced code already trimmed. With any_class, "X.1.1" (or "x.1.1"),
 * the form listings use for a registry entry, is class 0.
 */
static enum smtpcode_parse_error
enhanced_trimmed(const char *s, size_t len, int any_class,
    struct smtpcode_enhanced_code *out)
{
	const char *part[3];
	size_t plen[3], i, nparts = 0, start = 0, from = 0;
	enum smtpcode_parse_error err;
	struct smtpcode_enhanced_code c;

	if (len == 0)
		return SMTPCODE_PARSE_EMPTY;
	if (s[0] == '+' || s[0] == '-')
		return SMTPCODE_PARSE_SIGN;
	if (any_class && len > 1 && (s[0] == 'X' || s[0] == 'x') && s[1] == '.')
		from = 1;
	for (i = from; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch != '.' && !is_digit(ch))
			return has_foreign_digit(s, len) ?
			    SMTPCODE_PARSE_NON_ASCII_DIGIT : SMTPCODE_PARSE_NOT_A_CODE;
	}
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '.')
			continue;
		if (nparts == 3)
			return SMTPCODE_PARSE_ENH_PARTS;
		part[nparts] = s + start;
		plen[nparts] = i - start;
		nparts++;
		start = i + 1;
	}
	if (nparts != 3)
		return SMTPCODE_PARSE_ENH_PARTS;
	if (plen[0] == 0)
		return SMTPCODE_PARSE_ENH_EMPTY_PART;
	if (from == 1)
		c.cls = 0;
	else if (plen[0] != 1 || (s[0] != '2' && s[0] != '4' && s[0] != '5'))
		return SMTPCODE_PARSE_ENH_CLASS;
	else
		c.cls = s[0] - '0';
	if ((err = enh_part(part[1], plen[1], &c.subject)) != SMTPCODE_PARSE_OK)
		return err;
	if ((err = enh_part(part[2], plen[2], &c.detail)) != SMTPCODE_PARSE_OK)
		return err;
	*out = c;
	return SMTPCODE_PARSE_OK;
}

enum smtpcode_parse_error
smtpcode_parse_enhanced(const char *s, size_t len,
    struct smtpcode_enhanced_code *out)
{
	trim_blanks(&s, &len);
	return enhanced_trimmed(s, len, 0, out);
}

size_t
smtpcode_match_enhanced(const char *s, size_t len, struct smtpcode_enhanced_code *out)
{
	size_t i = 0, n1, n2;
	struct smtpcode_enhanced_code c;

	if (len < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
		return 0;
	i = 2;
	n1 = count_digits(s + i, len - i);
	if (n1 == 0 || n1 > 3 || i + n1 >= len || s[i + n1] != '.')
		return 0;
	if (enh_part(s + i, n1, &c.subject) != SMTPCODE_PARSE_OK)
		return 0;
	i += n1 + 1;
	n2 = count_digits(s + i, len - i);
	if (n2 == 0 || n2 > 3 || enh_part(s + i, n2, &c.detail) != SMTPCODE_PARSE_OK)
		return 0;
	i += n2;
	/* 5.1.1.2 or 2.115.207.21 is something else (a version, an address). */
	if (i < len && (is_digit((unsigned char)s[i]) ||
	    (s[i] == '.' && i + 1 < len && is_digit((unsigned char)s[i + 1]))))
		return 0;
	c.cls = s[0] - '0';
	if (out)
		*out = c;
	return i;
}

/*
 * One physical line of a reply: "CODE", "CODE text" or "CODE-text".
 * Leading blanks are tolerated (pasted replies are often indented).
 */
struct line {
	const char *p;
	size_t len;
	int code;
	int continued;          /* separator was '-' */
	const char *text;       /* after the separator */
	size_t text_len;
};

static int
split_line(const char *p, size_t len, struct line *l)
{
	l->p = p;
	l->len = len;
	trim_blanks(&p, &len);
	if (len < 3 || count_digits(p, len) < 3)
		return 0;
	if (len > 3 && p[3] != ' ' && p[3] != '-')
		return 0;
	l->code = three_digits(p);
	l->continued = len > 3 && p[3] == '-';
	l->text = len > 3 ? p + 4 : p + 3;
	l->text_len = len > 3 ? len - 4 : 0;
	return 1;
}

/* The next line of s from *pos, without its LF or CRLF. */
static int
next_line(const char *s, size_t len, size_t *pos, const char **lp, size_t *llen)
{
	size_t start = *pos, end;
	const char *nl;

	if (start >= len)
		return 0;
	nl = memchr(s + start, '\n', len - start);
	end = nl ? (size_t)(nl - s) : len;
	*pos = nl ? end + 1 : len;
	*lp = s + start;
	*llen = end - start;
	if (*llen > 0 && (*lp)[*llen - 1] == '\r')
		(*llen)--;
	return 1;
}

static int
blank_line(const char *p, size_t len)
{
	trim_blanks(&p, &len);
	return len == 0;
}

/*
 * The enhanced code of a line's text, where RFC 2034 puts it: first thing
 * after the basic code, followed by a blank or the end. Some servers write
 * it "#5.1.0"; qmail instead ends its text with "(#5.7.1)". Returns how
 * much of the text the code and the blank after it take.
 */
static size_t
text_enhanced(const char *t, size_t len, struct smtpcode_enhanced_code *c)
{
	size_t n, skip = 0;

	while (skip < len && t[skip] == ' ')
		skip++;
	if (skip < len && t[skip] == '#')
		skip++;
	n = smtpcode_match_enhanced(t + skip, len - skip, c);
	if (n == 0 || (skip + n < len && !is_blank((unsigned char)t[skip + n])))
		return 0;
	skip += n;
	while (skip < len && is_blank((unsigned char)t[skip]))
		skip++;
	return skip;
}

static int
qmail_trailer(const char *t, size_t len, struct smtpcode_enhanced_code *c)
{
	size_t i;

	trim_blanks(&t, &len);
	if (len < 8 || t[len - 1] != ')')
		return 0;
	for (i = len - 1; i > 0; i--)
		if (t[i - 1] == '(')
			break;
	/* "(#)" is no code: a match of length 0 must not count. */
	if (i == 0 || t[i] != '#' || len - 2 - i == 0)
		return 0;
	return smtpcode_match_enhanced(t + i + 1, len - 2 - i, c) == len - 2 - i;
}

/*
 * A continuation line that holds a whole unfolded reply, as mail headers
 * show it when a multi-line reply is unfolded into one line: "220-host 421
 * 4.2.1 text". The later "CODE X.Y.Z" with matching class is the reply the
 * client acted on.
 */
static int
unfolded_final(const char *t, size_t len, struct line *l)
{
	size_t i;
	struct smtpcode_enhanced_code c;

	for (i = 1; i + 4 < len; i++) {
		if (t[i - 1] != ' ' || count_digits(t + i, len - i) != 3 ||
		    t[i + 3] != ' ')
			continue;
		if (text_enhanced(t + i + 3, len - i - 3, &c) == 0 ||
		    c.cls != t[i] - '0')
			continue;
		return split_line(t + i, len - i, l);
	}
	return 0;
}

static void
take_line(struct smtpcode_reply *r, const struct line *l)
{
	size_t n;

	r->code = l->code;
	r->has_enhanced = 0;
	r->text = l->text;
	r->text_len = l->text_len;
	n = text_enhanced(l->text, l->text_len, &r->enhanced);
	if (n > 0) {
		r->has_enhanced = 1;
		r->text += n;
		r->text_len -= n;
	} else if (qmail_trailer(l->text, l->text_len, &r->enhanced)) {
		r->has_enhanced = 1;
	}
}

enum smtpcode_parse_error
smtpcode_parse_reply(const char *s, size_t len, struct smtpcode_reply *out)
{
	struct smtpcode_reply r;
	struct line l, last;
	size_t pos = 0, lines = 0, llen;
	const char *lp;
	int have_final = 0;

	memset(&r, 0, sizeof r);
	memset(&last, 0, sizeof last);
	while (next_line(s, len, &pos, &lp, &llen)) {
		if (blank_line(lp, llen))
			continue;
		if (!split_line(lp, llen, &l))
			return lines == 0 && has_foreign_digit(lp, llen) ?
			    SMTPCODE_PARSE_NON_ASCII_DIGIT : SMTPCODE_PARSE_REPLY_BAD_LINE;
		/* The reply the client acts on is the last code given; its
		 * first line carries the enhanced code. */
		if (lines > 0 && l.code != last.code)
			r.mixed = 1;
		if (lines == 0 || l.code != last.code)
			take_line(&r, &l);
		last = l;
		lines++;
		have_final = !l.continued;
	}
	if (lines == 0)
		return SMTPCODE_PARSE_EMPTY;
	r.lines = lines;
	/* One line that ends with another reply: a header's unfolded
	 * multi-line reply ("220-host 421 4.2.1 ..."), or a log's joined one
	 * ("550-5.1.1 a 550-5.1.1 b 550 5.1.1 c"), which is one reply. */
	if (!have_final && lines == 1 && unfolded_final(last.text, last.text_len, &l)) {
		struct smtpcode_enhanced_code first = r.enhanced;
		int had = r.has_enhanced, code = r.code;
		take_line(&r, &l);
		r.mixed = r.code != code || r.has_enhanced != had ||
		    (had && !smtpcode_enhanced_equal(&first, &r.enhanced));
	}
	r.size = out->size < sizeof r ? out->size : sizeof r;
	memcpy(out, &r, r.size);
	return SMTPCODE_PARSE_OK;
}

/* A pasted reply may start or end with blank lines, CRs and blanks:
 * smtpcode_parse_arg skips them, and smtpcode_reply_line_text must skip the same. */
static void
trim_arg(const char **s, size_t *len)
{
	const char *t = *s;
	size_t n = *len;

	while (n > 0 && (is_blank((unsigned char)t[n - 1]) ||
	    t[n - 1] == '\n' || t[n - 1] == '\r'))
		n--;
	while (n > 0 && (is_blank((unsigned char)t[0]) || t[0] == '\n' ||
	    t[0] == '\r')) {
		t++;
		n--;
	}
	*s = t;
	*len = n;
}

/*
 * Where a log joined the lines of a reply into one, each line's code comes
 * back in the text: "... this 550-5.7.1 message is ...". At t (a blank
 * before it), the length of such a repeat of code (with its enhanced code,
 * which must be enh if given), or 0: "550-" with or without an enhanced
 * code after it, or "550 5.7.1 " for the last line.
 */
static size_t
repeat_at(const char *t, size_t n, int code, const struct smtpcode_enhanced_code *enh)
{
	struct smtpcode_enhanced_code c;
	size_t k;

	if (n < 4 || count_digits(t, n) != 3 || three_digits(t) != code ||
	    (t[3] != '-' && t[3] != ' '))
		return 0;
	k = text_enhanced(t + 4, n - 4, &c);
	if (k > 0 && enh != NULL && !smtpcode_enhanced_equal(&c, enh))
		return 0;
	if (t[3] == ' ' && (k == 0 || enh == NULL))
		return 0;
	return 4 + k;
}

/* The next piece of one line's text [t, t+n) from *off; 0 at its end. */
static int
next_piece(const char *t, size_t n, size_t *off, int code,
    const struct smtpcode_enhanced_code *enh, const char **p, size_t *plen)
{
	size_t start = *off, i, k = 0;
	/* A repeat starts with the code's first digit: the test that rules
	 * out nearly every byte comes first. */
	char first = (char)('0' + (code / 100) % 10);

	if (start >= n)
		return 0;
	for (i = start + 1; i < n; i++)
		if (t[i] == first && is_blank((unsigned char)t[i - 1]) &&
		    (k = repeat_at(t + i, n - i, code, enh)) > 0)
			break;
	*p = t + start;
	*plen = i - start;
	*off = i < n ? i + k : n;
	trim_blanks(p, plen);
	return 1;
}

int
smtpcode_text_piece(const char *text, size_t len, int code,
    const struct smtpcode_enhanced_code *enhanced, size_t *pos,
    const char **piece, size_t *piece_len)
{
	return next_piece(text, len, pos, code, enhanced, piece, piece_len);
}

/*
 * *pos is where the next piece starts in the trimmed reply: at a line's
 * start, its code is skipped first.
 */
int
smtpcode_reply_line(const char *s, size_t len, const struct smtpcode_reply *r,
    size_t *pos, const char **text, size_t *text_len)
{
	size_t llen, off;
	const char *lp, *eol;
	struct line l;
	struct smtpcode_enhanced_code c;
	const struct smtpcode_enhanced_code *enh = r->has_enhanced ? &r->enhanced : NULL;

	/* Look at what smtpcode_parse_arg parsed: "\r550-a\n550 b\r\r" has
	 * two lines there, and the raw first and last lines are not lines. */
	trim_arg(&s, &len);
	/* Inside a line: its next piece. */
	if (*pos > 0 && *pos < len && s[*pos - 1] != '\n') {
		eol = memchr(s + *pos, '\n', len - *pos);
		llen = eol ? (size_t)(eol - s) : len;
		if (llen > *pos && s[llen - 1] == '\r')
			llen--;
		off = *pos;
		if (next_piece(s, llen, &off, r->code, enh, text, text_len)) {
			*pos = off < llen ? off : (eol ? (size_t)(eol - s) + 1 : len);
			return 1;
		}
		*pos = eol ? (size_t)(eol - s) + 1 : len;
	}
	while (next_line(s, len, pos, &lp, &llen)) {
		size_t start;

		if (blank_line(lp, llen) || !split_line(lp, llen, &l))
			continue;
		start = (size_t)(l.text - s);
		/* Servers repeat the enhanced code on every line; show it once. */
		if (r->has_enhanced && l.code == r->code) {
			size_t k = text_enhanced(l.text, l.text_len, &c);
			if (k > 0 && smtpcode_enhanced_equal(&c, &r->enhanced))
				start += k;
		}
		off = start;
		llen = (size_t)(l.text - s) + l.text_len;
		if (!next_piece(s, llen, &off, r->code, enh, text, text_len)) {
			/* A line with no text, such as a bare "250". */
			*text = s + llen;
			*text_len = 0;
			return 1;
		}
		/* More pieces on this line: come back to them. */
		if (off < llen)
			*pos = off;
		return 1;
	}
	return 0;
}

enum smtpcode_parse_error
smtpcode_parse_arg(const char *s, size_t len, struct smtpcode_arg *out)
{
	size_t size = out->size, n;
	const char *t = s;
	size_t tlen = len;
	struct smtpcode_arg a;
	enum smtpcode_parse_error err;

	memset(&a, 0, sizeof a);
	a.reply.size = sizeof a.reply;
	trim_arg(&t, &tlen);
	n = count_digits(t, tlen);
	if (tlen == 0) {
		err = SMTPCODE_PARSE_EMPTY;
	} else if (n == 3 && tlen > 3 && (t[3] == ' ' || t[3] == '-' ||
	    t[3] == '\r' || t[3] == '\n')) {
		a.kind = SMTPCODE_ARG_REPLY;
		err = smtpcode_parse_reply(t, tlen, &a.reply);
	} else if ((n > 0 && n < tlen && t[n] == '.') ||
	    (tlen > 1 && (t[0] == 'X' || t[0] == 'x') && t[1] == '.')) {
		a.kind = SMTPCODE_ARG_ENHANCED;
		err = enhanced_trimmed(t, tlen, 1, &a.enhanced);
	} else {
		a.kind = SMTPCODE_ARG_BASIC;
		err = basic_trimmed(t, tlen, n, &a.code);
	}
	a.size = size < sizeof a ? size : sizeof a;
	memcpy(out, &a, a.size);
	return err;
}
