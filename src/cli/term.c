/*
 * term.c: the terminal filter for text output (term.h).
 *
 * A line is read as clusters: a character with the combining marks that
 * follow it, an escape sequence (ESC [ ... final byte) that was already
 * in the input, or one byte that is not UTF-8. Widths are a terminal's:
 * East Asian Wide and Fullwidth characters take 2 columns, nonspacing
 * marks (Mn, Me) and format characters 0, spacing marks (Mc, e.g. most
 * Devanagari vowel signs) 1 as wcwidth() counts them, but they stay
 * with their base; a byte that is not UTF-8 takes 1. Lines break at
 * spaces; a word wider than a whole row is cut between clusters, so never
 * inside a character or an escape sequence.
 *
 * No locale, no allocation: everything works on the caller's line.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "term.h"

#define WIDTH_MAX 1000
#define LABEL_COLUMNS 40     /* a label and its colon fit in these */

#define SGR_RESET "\033[0m"

/* --- Character widths ------------------------------------------------ */

struct range {
	unsigned lo, hi;
};

/* Nonspacing and enclosing marks (Mn, Me) and invisible format
 * characters: width 0. Exact from U+0300 to the end of Devanagari, then
 * the combining blocks that any script may use. Marks of other scripts
 * count as 1, which only makes rows shorter. */
static const struct range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x05BF, 0x05BF }, { 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 },
	{ 0x05C7, 0x05C7 }, { 0x0610, 0x061A }, { 0x064B, 0x065F },
	{ 0x0670, 0x0670 }, { 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 },
	{ 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED }, { 0x0711, 0x0711 },
	{ 0x0730, 0x074A }, { 0x07A6, 0x07B0 }, { 0x07EB, 0x07F3 },
	{ 0x07FD, 0x07FD }, { 0x0816, 0x0819 }, { 0x081B, 0x0823 },
	{ 0x0825, 0x0827 }, { 0x0829, 0x082D }, { 0x0859, 0x085B },
	{ 0x0898, 0x089F }, { 0x08CA, 0x08E1 }, { 0x08E3, 0x0902 },
	{ 0x093A, 0x093A }, { 0x093C, 0x093C }, { 0x0941, 0x0948 },
	{ 0x094D, 0x094D }, { 0x0951, 0x0957 }, { 0x0962, 0x0963 },
	{ 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E },
	{ 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF }, { 0x200B, 0x200F },
	{ 0x2060, 0x2064 }, { 0x20D0, 0x20F0 }, { 0x302A, 0x302D },
	{ 0x3099, 0x309A }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F },
	{ 0xFEFF, 0xFEFF }, { 0xE0100, 0xE01EF }
};

/* Spacing marks that count 1 column but belong to the character before
 * them (Devanagari). */
static const struct range spacing_marks[] = {
	{ 0x0903, 0x0903 }, { 0x093B, 0x093B }, { 0x093E, 0x0940 },
	{ 0x0949, 0x094C }, { 0x094E, 0x094F }
};

/* East Asian Wide and Fullwidth (Unicode 14), marks excepted;
 * unassigned code points inside a range are taken as wide. */
static const struct range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
	{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
	{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA },
	{ 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
	{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x3029 },
	{ 0x302E, 0x303E }, { 0x3041, 0x3096 }, { 0x309B, 0x3247 },
	{ 0x3250, 0x4DBF }, { 0x4E00, 0xA4C6 }, { 0xA960, 0xA97C },
	{ 0xAC00, 0xD7A3 }, { 0xF900, 0xFAD9 }, { 0xFE10, 0xFE19 },
	{ 0xFE30, 0xFE6B }, { 0xFF01, 0xFF60 }, { 0xFFE0, 0xFFE6 },
	{ 0x16FE0, 0x16FE3 }, { 0x16FF0, 0x1B2FB }, { 0x1F004, 0x1F004 },
	{ 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A },
	{ 0x1F200, 0x1F320 }, { 0x1F32D, 0x1F335 }, { 0x1F337, 0x1F37C },
	{ 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA }, { 0x1F3CF, 0x1F3D3 },
	{ 0x1F3E0, 0x1F3F0 }, { 0x1F3F4, 0x1F3F4 }, { 0x1F3F8, 0x1F43E },
	{ 0x1F440, 0x1F440 }, { 0x1F442, 0x1F4FC }, { 0x1F4FF, 0x1F53D },
	{ 0x1F54B, 0x1F54E }, { 0x1F550, 0x1F567 }, { 0x1F57A, 0x1F57A },
	{ 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 }, { 0x1F5FB, 0x1F64F },
	{ 0x1F680, 0x1F6C5 }, { 0x1F6CC, 0x1F6CC }, { 0x1F6D0, 0x1F6D2 },
	{ 0x1F6D5, 0x1F6DF }, { 0x1F6EB, 0x1F6EC }, { 0x1F6F4, 0x1F6FC },
	{ 0x1F7E0, 0x1F7F0 }, { 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 },
	{ 0x1F947, 0x1F9FF }, { 0x1FA70, 0x1FAF6 }, { 0x20000, 0x3FFFD }
};

static int
in_table(unsigned cp, const struct range *r, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

#define IN(cp, table) in_table((cp), (table), sizeof (table) / sizeof (table)[0])

enum kind {
	K_BYTE,     /* ASCII or a byte that is not UTF-8 */
	K_CHAR,     /* a multi-byte character */
	K_MARK,     /* a mark: joins the cluster before it */
	K_CTRL,     /* a control character: width 0 */
	K_ESC       /* an escape sequence: width 0, never split */
};

struct atom {
	size_t len;
	int width;
	enum kind kind;
	int joins;          /* a virama or ZWJ: the next character joins */
};

/* The smallest piece at s: a character, an escape sequence, a byte. */
static struct atom
next_atom(const unsigned char *s, size_t n)
{
	struct atom a = { 1, 1, K_BYTE, 0 };
	unsigned cp;
	size_t k;

	if (s[0] == 0x1b && n >= 2 && s[1] == '[') {
		/* CSI: parameter and intermediate bytes, then a final byte. */
		for (k = 2; k < n && s[k] >= 0x20 && s[k] <= 0x3f; k++)
			;
		if (k < n && s[k] >= 0x40 && s[k] <= 0x7e) {
			a.len = k + 1;
			a.width = 0;
			a.kind = K_ESC;
			return a;
		}
	}
	if (s[0] < 0x20 || s[0] == 0x7f) {
		a.width = 0;
		a.kind = K_CTRL;
		return a;
	}
	if (s[0] < 0x80 || (k = utf8_decode(s, n, &cp)) == 0)
		return a;                       /* ASCII, or not UTF-8 */
	a.len = k;
	a.kind = K_CHAR;
	if (cp < 0xa0) {
		a.width = 0;                    /* C1 control */
		a.kind = K_CTRL;
	} else if (IN(cp, zero_width)) {
		a.width = 0;
		a.kind = K_MARK;
		a.joins = cp == 0x094D || cp == 0x200D;
	} else if (IN(cp, spacing_marks)) {
		a.kind = K_MARK;
	} else if (IN(cp, wide)) {
		a.width = 2;
	}
	return a;
}

/* A cluster: one atom and the marks after it; after a virama or a
 * zero width joiner, the next character too (a Devanagari conjunct is
 * not cut in two). */
static struct atom
next_cluster(const char *line, size_t len, size_t i)
{
	const unsigned char *s = (const unsigned char *)line;
	struct atom c = next_atom(s + i, len - i), m;
	int joins = c.joins;

	if (c.kind == K_ESC || c.kind == K_CTRL)
		return c;
	while (i + c.len < len) {
		m = next_atom(s + i + c.len, len - i - c.len);
		if (m.kind != K_MARK && !(joins && m.kind == K_CHAR))
			break;
		c.len += m.len;
		c.width += m.width;
		joins = m.joins;
	}
	return c;
}

size_t
term_columns(const char *s, size_t n)
{
	size_t i = 0, w = 0;
	struct atom c;

	while (i < n) {
		c = next_cluster(s, n, i);
		w += (size_t)c.width;
		i += c.len;
	}
	return w;
}

/* --- Width and colour from the environment --------------------------- */

int
term_width(void)
{
	const char *s = getenv("COLUMNS");
	long v = 0;

	if (s != NULL && *s != '\0') {
		for (; *s >= '0' && *s <= '9'; s++)
			if ((v = v * 10 + (*s - '0')) > WIDTH_MAX)
				v = WIDTH_MAX + 1;  /* no overflow */
		if (*s == '\0' && v > 0)
			return v > WIDTH_MAX ? WIDTH_MAX : (int)v;
	}
#ifdef TIOCGWINSZ
	{
		struct winsize ws;

		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
			return ws.ws_col > WIDTH_MAX ? WIDTH_MAX : ws.ws_col;
	}
#endif
	return 80;
}

int
term_color_wanted(const char *mode, int is_tty)
{
	const char *no_color;

	if (mode != NULL && strcmp(mode, "never") == 0)
		return 0;
	if (mode != NULL && strcmp(mode, "always") == 0)
		return 1;
	no_color = getenv("NO_COLOR");
	return is_tty && (no_color == NULL || *no_color == '\0');
}

/* --- Writing --------------------------------------------------------- */

/* A stretch of the line shown in one style. */
struct span {
	size_t start, end;
	const char *sgr;
};

struct writer {
	void (*emit)(const char *, size_t);
	const char *line;
	const struct span *spans;
	int nspans;
	int cur;            /* the span whose style is on, or -1 */
	int raw;            /* an escape from the input went out this row */
	size_t rpos, rlen;  /* bytes of line waiting to go out, one style */
};

static void
flush(struct writer *w)
{
	if (w->rlen > 0)
		w->emit(w->line + w->rpos, w->rlen);
	w->rlen = 0;
}

static int
span_at(const struct writer *w, size_t pos)
{
	int i;

	for (i = 0; i < w->nspans; i++)
		if (pos >= w->spans[i].start && pos < w->spans[i].end)
			return i;
	return -1;
}

/* Line bytes [pos, pos+n), a whole cluster, in the style of where it is. */
static void
put(struct writer *w, size_t pos, size_t n, enum kind kind)
{
	int s = span_at(w, pos);

	if (s != w->cur) {
		flush(w);
		if (w->cur >= 0)
			w->emit(SGR_RESET, sizeof SGR_RESET - 1);
		if (s >= 0)
			w->emit(w->spans[s].sgr, strlen(w->spans[s].sgr));
		w->cur = s;
	}
	if (w->rlen > 0 && w->rpos + w->rlen == pos) {
		w->rlen += n;
	} else {
		flush(w);
		w->rpos = pos;
		w->rlen = n;
	}
	if (kind == K_ESC)
		w->raw = 1;
}

/* End a row: nothing coloured goes past it. */
static void
end_row(struct writer *w)
{
	flush(w);
	if (w->cur >= 0 || w->raw)
		w->emit(SGR_RESET, sizeof SGR_RESET - 1);
	w->cur = -1;
	w->raw = 0;
	w->emit("\n", 1);
}

static void
put_spaces(struct writer *w, int n)
{
	static const char spaces[] = "                                ";

	flush(w);
	while (n > 0) {
		int k = n < (int)sizeof spaces - 1 ? n : (int)sizeof spaces - 1;

		w->emit(spaces, (size_t)k);
		n -= k;
	}
}

static const char *
class_sgr(char digit)
{
	switch (digit) {
	case '2': return "\033[32m";
	case '3': return "\033[36m";
	case '4': return "\033[33m";
	case '5': return "\033[31m";
	default: return NULL;
	}
}

static int
starts(const char *line, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(line, prefix, n) == 0;
}

void
term_line(const struct term *t, const char *line, size_t len,
    void (*emit)(const char *, size_t))
{
	struct span spans[2];
	struct writer w;
	struct atom c;
	size_t i, lstart, lend = 0, total, width;
	int title, bullet, labelled = 0, indent = 0, col, row_used, first_row;

	title = starts(line, len, "SMTP ");
	bullet = starts(line, len, "- ");

	/* The label: before the first ": ", its colon within the first
	 * LABEL_COLUMNS columns; after the "- " of a bullet. */
	lstart = bullet ? 2 : 0;
	if (!title) {
		for (i = lstart; i + 1 < len; i++)
			if (line[i] == ':' && line[i + 1] == ' ')
				break;
		if (i + 1 < len && i > lstart &&
		    term_columns(line + lstart, i - lstart) + 1 <= LABEL_COLUMNS) {
			labelled = 1;
			lend = i;
		}
	}
	total = term_columns(line, len);
	width = t->width > 0 ? (size_t)t->width : 0;

	if (!t->color && (width == 0 || total <= width)) {
		emit(line, len);
		emit("\n", 1);
		return;
	}

	w.emit = emit;
	w.line = line;
	w.spans = spans;
	w.nspans = 0;
	w.cur = -1;
	w.raw = 0;
	w.rpos = w.rlen = 0;
	if (t->color) {
		if (title) {
			spans[w.nspans++] = (struct span){ 0, len, "\033[1m" };
		} else if (labelled) {
			spans[w.nspans++] = (struct span){ lstart, lend + 1, "\033[1m" };
			if (!bullet && t->class_label != NULL &&
			    strlen(t->class_label) == lend &&
			    memcmp(line, t->class_label, lend) == 0 &&
			    lend + 2 < len && class_sgr(line[lend + 2]) != NULL) {
				for (i = lend + 2; i < len && line[i] != ' '; i++)
					;
				spans[w.nspans++] = (struct span){ lend + 2, i,
				    class_sgr(line[lend + 2]) };
			}
		}
	}

	if (width == 0 || total <= width) {
		for (i = 0; i < len; i += c.len) {
			c = next_cluster(line, len, i);
			put(&w, i, c.len, c.kind);
		}
		end_row(&w);
		return;
	}

	/* Hanging indent for the rows after the first. */
	if (bullet)
		indent = 2;
	else if (labelled)
		indent = (int)term_columns(line, lend) + 2;
	if ((size_t)indent > width / 2)
		indent = (int)(width / 2);

	col = 0;
	row_used = 0;       /* a word is on this row */
	first_row = 1;      /* leading spaces of the line are kept */
	i = 0;
	while (i < len) {
		size_t sp = i, wstart, wend, ww = 0, k;
		int pend;

		while (i < len && line[i] == ' ')
			i++;
		pend = (int)(i - sp);
		if (i == len)
			break;          /* spaces at the end: not needed */
		wstart = i;
		for (k = i; k < len && line[k] != ' '; k += c.len) {
			c = next_cluster(line, len, k);
			ww += (size_t)c.width;
		}
		wend = k;
		if (!row_used && !first_row)
			pend = 0;       /* no spaces at the start of a row */

		if ((size_t)col + (size_t)pend + ww <= width) {
			for (k = sp; k < sp + (size_t)pend; k++)
				put(&w, k, 1, K_BYTE);
			col += pend;
		} else if (row_used && ww <= width - (size_t)indent) {
			end_row(&w);
			put_spaces(&w, indent);
			col = indent;
			first_row = 0;
		} else {
			/* Wider than a row: cut it, starting here if the
			 * spaces and one cluster still fit. */
			c = next_cluster(line, len, wstart);
			if ((size_t)col + (size_t)pend + (size_t)c.width <= width) {
				for (k = sp; k < sp + (size_t)pend; k++)
					put(&w, k, 1, K_BYTE);
				col += pend;
			} else if (row_used) {
				end_row(&w);
				put_spaces(&w, indent);
				col = indent;
				first_row = 0;
				row_used = 0;
			}
			for (k = wstart; k < wend; k += c.len) {
				c = next_cluster(line, len, k);
				if (row_used && (size_t)col + (size_t)c.width > width) {
					end_row(&w);
					put_spaces(&w, indent);
					col = indent;
					first_row = 0;
				}
				put(&w, k, c.len, c.kind);
				col += c.width;
				row_used = 1;
			}
			i = wend;
			continue;
		}
		for (k = wstart; k < wend; k += c.len) {
			c = next_cluster(line, len, k);
			put(&w, k, c.len, c.kind);
		}
		col += (int)ww;
		row_used = 1;
		i = wend;
	}
	end_row(&w);
}
