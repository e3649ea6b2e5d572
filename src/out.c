/*
 * out.c: all writing, and the escaping of bytes that came from outside.
 * Write errors are not checked here one by one: stdout's error flag is
 * sticky, and main() checks it once before exiting.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "term.h"

/* Text output on a terminal goes through term_line() one line at a time:
 * out_term_start() turns it on; until then, and for every other format,
 * bytes go straight to stdout. */
static const struct term *out_term;
static char line_buf[16384];
static size_t line_len;
static int line_raw;            /* the current line overflowed: unwrapped */

static void
emit_stdout(const char *s, size_t n)
{
	fwrite(s, 1, n, stdout);
}

void
out_term_start(const struct term *t)
{
	out_term = t;
	line_len = 0;
	line_raw = 0;
}

/* Hand the complete lines held in line_buf[0..line_len) to term_line and
 * keep the rest. */
static void
drain(size_t from)
{
	size_t start = 0, i;

	for (i = from; i < line_len; i++) {
		if (line_buf[i] != '\n')
			continue;
		if (line_raw)
			fwrite(line_buf + start, 1, i + 1 - start, stdout);
		else
			term_line(out_term, line_buf + start, i - start, emit_stdout);
		line_raw = 0;
		start = i + 1;
	}
	memmove(line_buf, line_buf + start, line_len - start);
	line_len -= start;
}

static void
put(const char *s, size_t n)
{
	size_t k;

	if (out_term == NULL) {
		fwrite(s, 1, n, stdout);
		return;
	}
	while (n > 0) {
		k = sizeof line_buf - line_len;
		if (k == 0) {
			/* A line longer than the buffer: written unwrapped. */
			fwrite(line_buf, 1, line_len, stdout);
			line_len = 0;
			line_raw = 1;
			continue;
		}
		if (k > n)
			k = n;
		memcpy(line_buf + line_len, s, k);
		line_len += k;
		drain(line_len - k);
		s += k;
		n -= k;
	}
}

/* Whatever is held of an unfinished line, as it is. */
void
out_flush(void)
{
	if (out_term != NULL && line_len > 0)
		fwrite(line_buf, 1, line_len, stdout);
	line_len = 0;
}

void
out_str(const char *s)
{
	put(s, strlen(s));
}

void
out_mem(const char *s, size_t n)
{
	put(s, n);
}

void
out_char(char c)
{
	put(&c, 1);
}

void
out_printf(const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	if (out_term == NULL) {
		vfprintf(stdout, fmt, ap);
	} else {
		n = vsnprintf(buf, sizeof buf, fmt, ap);
		if (n > 0)
			put(buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
	}
	va_end(ap);
}

/*
 * Length of the well-formed multi-byte UTF-8 sequence at s (RFC 3629: no
 * overlongs, no surrogates, nothing past U+10FFFF), or 0.
 */
size_t
utf8_len(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] >= 0xc2 && s[0] <= 0xdf && (s[1] & 0xc0) == 0x80)
		return 2;
	if (n >= 3 && (s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		if (s[0] == 0xe0 && s[1] < 0xa0)
			return 0;
		if (s[0] == 0xed && s[1] >= 0xa0)
			return 0;
		return 3;
	}
	if (n >= 4 && s[0] >= 0xf0 && s[0] <= 0xf4 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80) {
		if (s[0] == 0xf0 && s[1] < 0x90)
			return 0;
		if (s[0] == 0xf4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

/* As utf8_len, but C1 controls (U+0080 to U+009F) count as not
 * printable (U+009B is a terminal's CSI), and so do the bidirectional
 * controls (U+061C, U+200E-200F, U+202A-202E, U+2066-2069), with which a
 * hostile reply could make what a terminal shows read differently. */
static size_t
utf8_printable(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xc2 && s[1] < 0xa0)
		return 0;
	if (n >= 2 && s[0] == 0xd8 && s[1] == 0x9c)
		return 0;
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 &&
	    (s[2] == 0x8e || s[2] == 0x8f || (s[2] >= 0xaa && s[2] <= 0xae)))
		return 0;
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
		return 0;
	return utf8_len(s, n);
}

/* Escape into a caller's buffer; returns bytes needed (like snprintf). */
static size_t
escape_into(const char *s, size_t n, char *buf, size_t bufsize)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0, w = 0, k;
	char tmp[5];

	while (i < n) {
		const char *piece = tmp;
		size_t plen;

		if (u[i] >= 0x20 && u[i] < 0x7f && u[i] != '\\') {
			tmp[0] = (char)u[i];
			plen = 1;
			i++;
		} else if (u[i] >= 0x80 && (k = utf8_printable(u + i, n - i)) > 0) {
			piece = s + i;
			plen = k;
			i += k;
		} else {
			switch (u[i]) {
			case '\\': memcpy(tmp, "\\\\", 2); plen = 2; break;
			case '\t': memcpy(tmp, "\\t", 2); plen = 2; break;
			case '\n': memcpy(tmp, "\\n", 2); plen = 2; break;
			case '\r': memcpy(tmp, "\\r", 2); plen = 2; break;
			default:
				snprintf(tmp, sizeof tmp, "\\x%02X", u[i]);
				plen = 4;
			}
			i++;
		}
		/* Once a piece does not fit, nothing after it is written, so
		 * the buffer always holds a whole prefix. */
		if (w == o && o + plen < bufsize) {
			memcpy(buf + o, piece, plen);
			w += plen;
		}
		o += plen;
	}
	if (bufsize > 0)
		buf[w] = '\0';
	return o;
}

void
out_escaped(const char *s, size_t n)
{
	char buf[512];
	size_t chunk;

	/* Chunks on byte boundaries could split a UTF-8 sequence; cut only
	 * where the next byte starts a character. */
	while (n > 0) {
		chunk = n < 120 ? n : 120;
		while (chunk < n && ((unsigned char)s[chunk] & 0xc0) == 0x80 &&
		    chunk < 124)
			chunk++;
		escape_into(s, chunk, buf, sizeof buf);
		put(buf, strlen(buf));
		s += chunk;
		n -= chunk;
	}
}

const char *
quote_arg(const char *s, size_t n, char *buf, size_t bufsize)
{
	size_t keep = n, need;
	const size_t tail_max = 48; /* room for "... (N bytes)", any N */

	/* Long arguments are cut, on a character boundary, so a message
	 * stays one readable line. */
	if (keep > 60) {
		keep = 60;
		while (keep > 0 && ((unsigned char)s[keep] & 0xc0) == 0x80)
			keep--;
	}
	need = escape_into(s, keep, buf, bufsize);
	if (keep < n && need + tail_max < bufsize) {
		/* escape_into wrote all of it: buf holds need bytes and a NUL. */
		snprintf(buf + need, bufsize - need, "... (%zu bytes)", n);
	}
	return buf;
}

void
warnx_(const char *fmt, ...)
{
	va_list ap;

	out_flush();
	fflush(stdout);
	fputs("smtpcode: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
