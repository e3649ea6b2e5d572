/*
 * scan.c: find reply codes where mail software writes them, in logs,
 * bounce messages and pasted transcripts, one line at a time.
 *
 * A number is a reply code only in a place where a reply goes. Precision
 * comes first: a false code in a report is worse than a missed one, and a
 * log line is full of numbers that look like codes (IPs, ports, PIDs,
 * sizes, delays, dates, counters). So a basic code counts when
 *   - an enhanced code of the same class follows it ("550 5.1.1",
 *     "421-4.7.0"): RFC 2034's form, which nothing else imitates; or
 *   - it stands where software quotes a reply: at the start of a line
 *     (transcripts, bounce bodies), after "said ", after ": " (Postfix
 *     "said: 550", "]: 554", Exim ": 535"), after "; " (a DSN's
 *     "Diagnostic-Code: smtp; 550"), after "(" (Postfix "status=sent (250"),
 *     after "reply=" or "reject=" (Sendmail), or inside msg="..." / C="..."
 *     (Courier, Exim) or result="..." / stat="..." (OpenSMTPD);
 * and it is in the RFC 5321 grammar (first digit 2-5, second 0-5), is
 * followed by a blank, a '-' or the end, and, unless at the start of a
 * line, is not an intermediate 3yz or a count ("334 from host").
 * An enhanced code alone counts after "dsn=" (Postfix, Sendmail), in
 * qmail's "(#5.7.1)", at the start of a line (a wrapped bounce), or after
 * ": " ("Status: 5.1.1", a milter's "]: 5.7.1 Blocked").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_HITS SMTPCODE_SCAN_LINE_HITS

struct found {
	size_t column;          /* 0-based */
	int basic;
	int has_enhanced;
	struct smtpcode_enhanced_code enhanced;
	int continued;          /* "421-4.7.0": a line of a multi-line reply */
	size_t text;            /* where its text starts */
};

/* Lookup tables for the hot loop: which bytes are digits, and which may
 * stand right before a code (not a letter, digit, '.', '-', '/', '_', '+'
 * or ':', which make the number part of a word, an address, a time). */
static const unsigned char digit_table[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
};
static const unsigned char boundary_table[256] = {
	['\t'] = 1, [' '] = 1, ['!'] = 1, ['"'] = 1, ['#'] = 1, ['$'] = 1,
	['%'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1, ['*'] = 1,
	[','] = 1, [';'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1, ['?'] = 1,
	['@'] = 1, ['['] = 1, ['\\'] = 1, [']'] = 1, ['^'] = 1, ['`'] = 1,
	['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1,
};

/*
 * The offset of the first digit at or after i, or len. Eight bytes at a
 * time where the compiler offers a count-trailing-zeros builtin: the
 * "has between" test of Sean Anderson's Bit Twiddling Hacks sets the high
 * bit of exactly the bytes that lie in '0'..'9' (for bytes below 0x80;
 * a byte with its high bit set never matches, which is right), and the
 * lowest set bit, on a little-endian machine, is the first of them.
 */
#define ONES  UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)
static size_t
next_digit(const char *l, size_t len, size_t i)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (i + 8 <= len) {
		uint64_t w, low7, m;

		memcpy(&w, l + i, 8);
		low7 = w & (ONES * 127);
		m = (ONES * (127 + ('9' + 1)) - low7) & ~w &
		    (low7 + ONES * (127 - ('0' - 1))) & HIGHS;
		if (m != 0)
			return i + (size_t)(__builtin_ctzll(m) >> 3);
		i += 8;
	}
#endif
	while (i < len && !digit_table[(unsigned char)l[i]])
		i++;
	return i;
}


static int
ends_with(const char *l, size_t i, const char *s)
{
	size_t n = strlen(s);
	return i >= n && memcmp(l + i - n, s, n) == 0;
}

/* Only blanks, or a transcript's marker for a server line, before i. */
static int
at_line_start(const char *l, size_t i)
{
	size_t k = 0;

	while (k < i && is_blank((unsigned char)l[k]))
		k++;
	if (k == i)
		return 1;
	if (ends_with(l, i, "S: ") || ends_with(l, i, "<<< ") ||
	    ends_with(l, i, "<- ") || ends_with(l, i, "< ")) {
		size_t p = i - 1;
		while (p > k && l[p - 1] != ' ')
			p--;
		/* the marker is the first thing on the line */
		while (k < p && is_blank((unsigned char)l[k]))
			k++;
		return k == p || (p > 0 && k == p - 1);
	}
	return 0;
}

/* Is position i where software quotes a reply? */
static int
reply_context(const char *l, size_t i)
{
	if (ends_with(l, i, ": ") || ends_with(l, i, "said ") ||
	    ends_with(l, i, "; ") || ends_with(l, i, "(") ||
	    ends_with(l, i, "smtp;") || ends_with(l, i, "SMTP;") ||
	    ends_with(l, i, "reply=") || ends_with(l, i, "reject=") ||
	    ends_with(l, i, "msg=\"") || ends_with(l, i, "C=\"") ||
	    ends_with(l, i, "result=\"") || ends_with(l, i, "stat=\""))
		return 1;
	return 0;
}

static size_t
digits_at(const char *l, size_t len, size_t i)
{
	size_t n = 0;

	while (i + n < len && is_digit((unsigned char)l[i + n]))
		n++;
	return n;
}

/* The enhanced code that follows a basic code's separator at i, as RFC
 * 2034 places it; returns where the text after it starts, or 0. */
static size_t
enhanced_after(const char *l, size_t len, size_t i, int cls,
    struct smtpcode_enhanced_code *c)
{
	size_t n;

	if (i < len && l[i] == '#')
		i++;
	n = smtpcode_match_enhanced(l + i, len - i, c);
	if (n == 0 || c->cls != cls)
		return 0;
	if (i + n < len && !is_blank((unsigned char)l[i + n]) &&
	    l[i + n] != ';' && l[i + n] != ',' && l[i + n] != ')' &&
	    l[i + n] != '\'' && l[i + n] != '"')
		return 0;
	i += n;
	while (i < len && is_blank((unsigned char)l[i]))
		i++;
	return i;
}

/* The word after position i, compared with w. */
static int
next_word_is(const char *l, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);

	while (i < len && is_blank((unsigned char)l[i]))
		i++;
	return i + n <= len && memcmp(l + i, w, n) == 0 &&
	    (i + n == len || !is_alnum((unsigned char)l[i + n]));
}

/* The length of the digit run at i (l[i] is a digit). Runs in logs are
 * short, and only lengths 1 and 3 matter, so the first four bytes are
 * looked at one by one before counting the rest. */
static size_t
run_length(const char *l, size_t len, size_t i)
{
	if (i + 4 <= len) {
		if (!digit_table[(unsigned char)l[i + 1]])
			return 1;
		if (!digit_table[(unsigned char)l[i + 2]])
			return 2;
		if (!digit_table[(unsigned char)l[i + 3]])
			return 3;
		return 3 + digits_at(l, len, i + 3);
	}
	return digits_at(l, len, i);
}

/* A basic code at i (three digits already checked); 1 if it is a hit. */
static int
basic_at(const char *l, size_t len, size_t i, struct found *f)
{
	int code = (l[i] - '0') * 100 + (l[i + 1] - '0') * 10 + (l[i + 2] - '0');
	size_t after = i + 3, t;
	char sep = after < len ? l[after] : '\0';
	int start;

	if (l[i] < '2' || l[i] > '5' || l[i + 1] > '5')
		return 0;
	if (sep != '\0' && sep != ' ' && sep != '-' && sep != '\t' &&
	    sep != '"' && sep != '\'')
		return 0;
	memset(f, 0, sizeof *f);
	f->column = i;
	f->basic = code;
	f->continued = sep == '-';
	f->text = after < len ? after + 1 : len;
	if ((sep == ' ' || sep == '-') &&
	    (t = enhanced_after(l, len, after + 1, code / 100, &f->enhanced)) > 0) {
		f->has_enhanced = 1;
		f->text = t;
		return 1;
	}
	start = at_line_start(l, i);
	if (!start && !reply_context(l, i))
		return 0;
	/* "211-75-6-133.example.net": a host name, not a continuation. */
	if (!start && sep == '-' && after + 1 < len &&
	    is_digit((unsigned char)l[after + 1]))
		return 0;
	if (!start && (code / 100 == 3 || next_word_is(l, len, after, "from")))
		return 0;
	/* A lone number in quotes is a quoted value, not a reply. */
	if (sep == '"' || sep == '\'')
		return ends_with(l, i, "\"") || ends_with(l, i, "'");
	return 1;
}

/* An enhanced code alone at i; 1 if it is a hit. */
static int
enhanced_at(const char *l, size_t len, size_t i, struct found *f)
{
	size_t n = smtpcode_match_enhanced(l + i, len - i, &f->enhanced);
	size_t end = i + n;

	if (n == 0)
		return 0;
	f->column = i;
	f->basic = 0;
	f->has_enhanced = 1;
	f->continued = 0;
	f->text = end < len ? end + 1 : len;
	if (ends_with(l, i, "(#"))
		return end < len && l[end] == ')';
	if (end < len && !is_blank((unsigned char)l[end]) &&
	    !(ends_with(l, i, "dsn=") && l[end] == ','))
		return 0;
	return ends_with(l, i, "dsn=") || at_line_start(l, i) ||
	    ends_with(l, i, ": ");
}

static int
same_reply(const struct found *a, const struct found *b)
{
	return a->basic == b->basic && a->has_enhanced == b->has_enhanced &&
	    (!a->has_enhanced || smtpcode_enhanced_equal(&a->enhanced, &b->enhanced));
}

static int
is_host_char(unsigned char c)
{
	return is_alnum(c) || c == '.' || c == '-' || c == '_';
}

/*
 * The host a log line says sent the reply at column col: Postfix's "host
 * NAME[addr] said:" and "relay=NAME[addr]", Sendmail's "relay=NAME.
 * [addr]", Exim's "H=NAME [addr]". The last one before the reply counts.
 */
static void
host_before(const char *l, size_t col, const char **host, size_t *host_len)
{
	size_t i, kl, n;

	*host = NULL;
	*host_len = 0;
	/* One pass back from the reply, looking only at the bytes that
	 * start a key. */
	for (i = col; i-- > 0;) {
		switch (l[i]) {
		case 'h': kl = col - i >= 5 && memcmp(l + i, "host ", 5) == 0 ? 5 : 0; break;
		case 'r': kl = col - i >= 6 && memcmp(l + i, "relay=", 6) == 0 ? 6 : 0; break;
		case 'H': kl = col - i >= 2 && l[i + 1] == '=' ? 2 : 0; break;
		default: continue;
		}
		if (kl == 0 || (i > 0 && is_alnum((unsigned char)l[i - 1])))
			continue;
		for (n = 0; i + kl + n < col && is_host_char((unsigned char)l[i + kl + n]); n++)
			;
		/* A name with a dot, right before its address or a blank. */
		if (n > 2 && memchr(l + i + kl, '.', n) != NULL && i + kl + n < col &&
		    (l[i + kl + n] == '[' || l[i + kl + n] == ' ')) {
			*host = l + i + kl;
			*host_len = n;
			/* Sendmail writes "relay=mx.example.net." */
			if ((*host)[n - 1] == '.')
				(*host_len)--;
			return;
		}
	}
}

void
smtpcode_scan_line(const char *l, size_t len, unsigned long long lineno,
    smtpcode_scan_cb cb, void *arg)
{
	struct found hits[MAX_HITS];
	size_t n = 0, i = 0, k;
	long open;

	while (n < MAX_HITS) {
		size_t d;

		/* Most bytes of a log line are not digits: skip them fast,
		 * eight at a time, jumping straight to the first digit. */
		i = next_digit(l, len, i);
		if (i >= len)
			break;
		d = run_length(l, len, i);
		if ((d != 3 && d != 1) || (i > 0 && !boundary_table[(unsigned char)l[i - 1]])) {
			i += d;
			continue;
		}
		if (d == 3 && basic_at(l, len, i, &hits[n])) {
			i = hits[n].text > i ? hits[n].text : i + 3;
			n++;
			continue;
		}
		if (d == 1 && i + 1 < len && l[i + 1] == '.' &&
		    enhanced_at(l, len, i, &hits[n])) {
			i = hits[n].text;
			n++;
			continue;
		}
		i += d;
	}

	/* One reply written over several lines that were joined into one
	 * counts once: after a continuation ("421-4.7.0 ..."), the same code
	 * again is the same reply, until a line without '-' ends it; a
	 * different code ("220-host 421 4.2.1 ...") is the final reply, the
	 * one the client acted on, and the continuation gives way to it. */
	for (k = 0, open = -1; k < n; k++) {
		if (hits[k].basic == 0)
			continue;
		if (open >= 0 && same_reply(&hits[open], &hits[k])) {
			hits[k].basic = -1;
			if (!hits[k].continued)
				open = -1;
			continue;
		}
		if (open >= 0)
			hits[open].basic = -1;
		open = hits[k].continued ? (long)k : -1;
	}
	for (k = 0; k < n; k++) {
		struct smtpcode_hit h;

		if (hits[k].basic < 0)
			continue;
		host_before(l, hits[k].column, &h.host, &h.host_len);
		h.size = sizeof h;
		h.line = lineno;
		h.column = hits[k].column + 1;
		h.basic = hits[k].basic;
		h.has_enhanced = hits[k].has_enhanced;
		h.enhanced = hits[k].enhanced;
		h.text = l + hits[k].text;
		h.text_len = len - hits[k].text;
		/* A quoted reply ends at its closing quote: stat="550 ...",
		 * Remote Server returned '550 ...'. */
		if (hits[k].column > 0 && (l[hits[k].column - 1] == '"' ||
		    l[hits[k].column - 1] == '\'')) {
			const char *q = memchr(h.text, l[hits[k].column - 1], h.text_len);
			if (q != NULL)
				h.text_len = (size_t)(q - h.text);
		}
		cb(&h, arg);
	}
}

/* The scanner's whole state: memory stays flat whatever the input. */
struct smtpcode_scanner {
	char line[SMTPCODE_SCAN_LINE_MAX];
	size_t len;                 /* bytes kept of the current line */
	int truncated;              /* the current line was longer */
	unsigned long long lineno;  /* lines completed */
};

struct smtpcode_scanner *
smtpcode_scanner_new(void)
{
	struct smtpcode_scanner *s = malloc(sizeof *s);

	if (s != NULL)
		smtpcode_scanner_reset(s);
	return s;
}

void
smtpcode_scanner_free(struct smtpcode_scanner *s)
{
	free(s);
}

void
smtpcode_scanner_reset(struct smtpcode_scanner *s)
{
	s->len = 0;
	s->truncated = 0;
	s->lineno = 0;
}

static void
end_line(struct smtpcode_scanner *s, smtpcode_scan_cb cb, void *arg)
{
	size_t len = s->len;

	s->lineno++;
	if (!s->truncated && len > 0 && s->line[len - 1] == '\r')
		len--;
	smtpcode_scan_line(s->line, len, s->lineno, cb, arg);
	s->len = 0;
	s->truncated = 0;
}

void
smtpcode_scan_feed(struct smtpcode_scanner *s, const char *buf, size_t len,
    smtpcode_scan_cb cb, void *arg)
{
	while (len > 0) {
		const char *nl = memchr(buf, '\n', len);
		size_t take = nl ? (size_t)(nl - buf) : len;
		size_t room = sizeof s->line - s->len;

		/* A whole line inside the block: scan it where it is. */
		if (nl != NULL && s->len == 0 && !s->truncated) {
			size_t n = take > SMTPCODE_SCAN_LINE_MAX ? SMTPCODE_SCAN_LINE_MAX : take;
			s->lineno++;
			if (n == take && n > 0 && buf[n - 1] == '\r')
				n--;
			smtpcode_scan_line(buf, n, s->lineno, cb, arg);
			buf = nl + 1;
			len -= take + 1;
			continue;
		}

		if (take > room) {
			s->truncated = 1;
			memcpy(s->line + s->len, buf, room);
			s->len += room;
		} else {
			memcpy(s->line + s->len, buf, take);
			s->len += take;
		}
		if (nl == NULL)
			return;
		end_line(s, cb, arg);
		buf = nl + 1;
		len -= take + 1;
	}
}

void
smtpcode_scan_finish(struct smtpcode_scanner *s, smtpcode_scan_cb cb, void *arg)
{
	if (s->len > 0 || s->truncated)
		end_line(s, cb, arg);
}

struct first_hit {
	struct smtpcode_hit *out;
	int found;
};

static void
keep_first(const struct smtpcode_hit *h, void *arg)
{
	struct first_hit *f = arg;
	size_t n;

	if (f->found)
		return;
	n = f->out->size < sizeof *h ? f->out->size : sizeof *h;
	memcpy(f->out, h, n);
	f->out->size = n;
	f->found = 1;
}

int
smtpcode_find_reply(const char *s, size_t len, struct smtpcode_hit *hit)
{
	struct first_hit f = { hit, 0 };
	unsigned long long lineno = 0;

	while (len > 0 && !f.found) {
		const char *nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) : len;
		size_t m = n;

		if (m > 0 && s[m - 1] == '\r')
			m--;
		smtpcode_scan_line(s, m, ++lineno, keep_first, &f);
		s += n;
		len -= n;
		if (len > 0) {
			s++;
			len--;
		}
	}
	return f.found;
}
