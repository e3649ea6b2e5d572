/*
 * out.c: all writing, and the escaping of bytes that came from outside.
 * Output is gathered in a buffer of our own and written to standard
 * output with write(2) in big pieces: most output is many short strings,
 * and stdio would add its own buffer and per-call cost to a program that
 * mostly starts, prints a page and ends. The first write error is kept,
 * later output dropped, and out_finish() reports it before the program
 * exits.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "term.h"

/* Each thread has its own buffer: a helper thread of a scan (parallel.c)
 * gives its own (out_capture_start) and writes from there into its
 * capture, never to stdout. Only a pointer is per thread: thread-local
 * storage is cleared at every start, and the program mostly starts,
 * prints a page and ends. */
static char main_obuf[OUT_BUFFER_SIZE];
static THREAD_LOCAL char *obuf = main_obuf;
static THREAD_LOCAL size_t olen;
static THREAD_LOCAL struct out_capture *capture;
static int write_errno;        /* the first write error, or 0 */

/* Text output on a terminal goes through term_line() one line at a time:
 * out_term_start() turns it on; until then, and for every other format,
 * bytes go straight to the buffer. */
static const struct term *out_term;
static int out_failed;         /* output was lost, already reported */
static char line_buf[16384];
static size_t line_len;
static int line_raw;            /* the current line overflowed: unwrapped */

/* All of s to standard output, unless an earlier write failed. */
static void
write_all(const char *s, size_t n)
{
	while (n > 0 && write_errno == 0) {
		ssize_t k = write(STDOUT_FILENO, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			write_errno = k < 0 ? errno : EIO;
			return;
		}
		s += k;
		n -= (size_t)k;
	}
}

/* Kept in the capture, which grows as needed; if it cannot, the piece's
 * output is lost and the capture says so. (Not inlined: gcc would then
 * take emit_stdout's bytes from line_buf for up to 64 KB of them and
 * warn that line_buf is smaller.) */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void
capture_append(struct out_capture *c, const char *s, size_t n)
{
	if (c->failed || n == 0)
		return;
	if (n > c->cap - c->len) {
		size_t cap = c->cap ? c->cap : 1 << 16;
		char *grown;

		while (n > cap - c->len)
			cap *= 2;
		if ((grown = realloc(c->buf, cap)) == NULL) {
			c->failed = 1;
			return;
		}
		c->buf = grown;
		c->cap = cap;
	}
	memcpy(c->buf + c->len, s, n);
	c->len += n;
}

static void
obuf_flush(void)
{
	if (capture != NULL)
		capture_append(capture, obuf, olen);
	else
		write_all(obuf, olen);
	olen = 0;
}

static void
emit_stdout(const char *s, size_t n)
{
	if (n > OUT_BUFFER_SIZE - olen)
		obuf_flush();
	if (n >= OUT_BUFFER_SIZE) {
		if (capture != NULL)
			capture_append(capture, s, n);
		else
			write_all(s, n);
		return;
	}
	memcpy(obuf + olen, s, n);
	olen += n;
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
			emit_stdout(line_buf + start, i + 1 - start);
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
		emit_stdout(s, n);
		return;
	}
	while (n > 0) {
		k = sizeof line_buf - line_len;
		if (k == 0) {
			/* A line longer than the buffer: written unwrapped. */
			emit_stdout(line_buf, line_len);
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

/* put(), with the common case (a short piece that fits, not for a
 * terminal) without a call: a scan writes a dozen pieces a line. */
static inline void
put_fast(const char *s, size_t n)
{
	if (out_term == NULL && n <= OUT_BUFFER_SIZE - olen) {
		memcpy(obuf + olen, s, n);
		olen += n;
		return;
	}
	put(s, n);
}

/* Whatever is held, an unfinished line as it is, to stdio. */
static void
out_flush(void)
{
	if (out_term != NULL && line_len > 0)
		emit_stdout(line_buf, line_len);
	line_len = 0;
	obuf_flush();
}

void
out_sync(void)
{
	out_flush();
}

int
out_plain(void)
{
	return out_term == NULL;
}

void
out_capture_start(struct out_capture *c)
{
	c->len = 0;
	c->failed = 0;
	capture = c;
	obuf = c->stage;
	olen = 0;
}

void
out_capture_end(void)
{
	obuf_flush();
	capture = NULL;
}

void
out_str(const char *s)
{
	put_fast(s, strlen(s));
}

void
out_join(const char *s, ...)
{
	va_list ap;

	va_start(ap, s);
	for (; s != NULL; s = va_arg(ap, const char *))
		put_fast(s, strlen(s));
	va_end(ap);
}

void
out_mem(const char *s, size_t n)
{
	put_fast(s, n);
}

void
out_char(char c)
{
	if (out_term == NULL && olen < OUT_BUFFER_SIZE)
		obuf[olen++] = c;
	else
		put(&c, 1);
}

void
out_printf(const char *fmt, ...)
{
	char buf[4096], *big;
	va_list ap, again;
	int n;

	va_start(ap, fmt);
	va_copy(again, ap);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	if (n >= 0 && (size_t)n < sizeof buf) {
		put(buf, (size_t)n);
	} else if (n > 0 && (big = malloc((size_t)n + 1)) != NULL) {
		/* Longer than the buffer: format it again, whole. */
		vsnprintf(big, (size_t)n + 1, fmt, again);
		put(big, (size_t)n);
		free(big);
	} else if (n > 0) {
		/* Out of memory: the output is cut, which must not pass
		 * unnoticed. */
		put(buf, sizeof buf - 1);
		warnx_("out of memory: output cut short");
		out_failed = 1;
	}
	va_end(again);
	va_end(ap);
}

size_t
utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	if (n >= 2 && s[0] >= 0xc2 && s[0] <= 0xdf && (s[1] & 0xc0) == 0x80) {
		*cp = (s[0] & 0x1fu) << 6 | (s[1] & 0x3fu);
		return 2;
	}
	if (n >= 3 && (s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0))
			return 0;       /* overlong, or a surrogate */
		*cp = (s[0] & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3fu);
		return 3;
	}
	if (n >= 4 && s[0] >= 0xf0 && s[0] <= 0xf4 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80) {
		if ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
			return 0;       /* overlong, or past U+10FFFF */
		*cp = (s[0] & 0x07u) << 18 | (s[1] & 0x3fu) << 12 |
		    (s[2] & 0x3fu) << 6 | (s[3] & 0x3fu);
		return 4;
	}
	return 0;
}

/* As utf8_decode, but C1 controls (U+0080 to U+009F; U+009B is a
 * terminal's CSI) count as not printable, and so do the bidirectional
 * controls (U+061C, U+200E-200F, U+202A-202E, U+2066-2069), with which a
 * hostile reply could make what a terminal shows read differently. */
static size_t
utf8_printable(const unsigned char *s, size_t n)
{
	unsigned cp;
	size_t k = utf8_decode(s, n, &cp);

	if (k == 0 || cp < 0xa0 || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return 0;
	return k;
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

/* How many bytes at u are printable ASCII other than '\\': sixteen at a
 * time where the compiler has vector types (as in the scanner). */
static size_t
printable_run(const unsigned char *u, size_t n)
{
	size_t run = 0;

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !defined(SMTPCODE_NO_VECTOR)
	typedef unsigned char bytes16 __attribute__((vector_size(16)));

	while (run + 16 <= n) {
		bytes16 v, bad;
		uint64_t half[2];

		memcpy(&v, u + run, sizeof v);
		bad = (bytes16)((bytes16)(v - 0x20) >= 0x5f) | (bytes16)(v == '\\');
		memcpy(half, &bad, sizeof half);
		if (half[0] != 0)
			return run + ((size_t)__builtin_ctzll(half[0]) >> 3);
		if (half[1] != 0)
			return run + 8 + ((size_t)__builtin_ctzll(half[1]) >> 3);
		run += 16;
	}
#endif
	while (run < n && u[run] >= 0x20 && u[run] < 0x7f && u[run] != '\\')
		run++;
	return run;
}

void
out_escaped(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	char buf[8];

	/* Runs of printable ASCII, most of any text, go out as they are;
	 * the bytes between them one character at a time. */
	while (n > 0) {
		size_t run = printable_run(u, n), k;

		if (run > 0) {
			put_fast(s, run);
			s += run;
			u += run;
			n -= run;
			continue;
		}
		k = u[0] >= 0x80 ? utf8_printable(u, n) : 0;
		if (k > 0) {
			put(s, k);
		} else {
			k = 1;
			put(buf, escape_into(s, 1, buf, sizeof buf));
		}
		s += k;
		u += k;
		n -= k;
	}
}

void
out_ull(unsigned long long v)
{
	char buf[24];
	size_t i = sizeof buf;

	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	put_fast(buf + i, sizeof buf - i);
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

int
out_finish(void)
{
	out_flush();
	if (write_errno == 0)
		return out_failed ? -1 : 0;
	/* A reader that went away (EPIPE, with SIGPIPE ignored) is not worth
	 * a message. */
	if (write_errno != EPIPE)
		warnx_("write error: %s", strerror(write_errno));
	return -1;
}

void
warnx_(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	/* What is held for stdout goes first, so messages come in order. */
	out_flush();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fputs("smtpcode: ", stderr);
	fputs(msg, stderr);
	fputs("\n", stderr);
}
