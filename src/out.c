/*
 * out.c: all writing, and the escaping of bytes that came from outside.
 * Write errors are not checked here one by one: stdout's error flag is
 * sticky, and main() checks it once before exiting.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

void
out_str(const char *s)
{
	fputs(s, stdout);
}

void
out_mem(const char *s, size_t n)
{
	fwrite(s, 1, n, stdout);
}

void
out_char(char c)
{
	putchar((unsigned char)c);
}

void
out_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
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
 * printable: U+009B is a terminal's CSI. */
static size_t
utf8_printable(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xc2 && s[1] < 0xa0)
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
		fputs(buf, stdout);
		s += chunk;
		n -= chunk;
	}
}

const char *
quote_arg(const char *s, size_t n, char *buf, size_t bufsize)
{
	size_t keep = n, need;
	char tail[48];

	/* Long arguments are cut, on a character boundary, so a message
	 * stays one readable line. */
	if (keep > 60) {
		keep = 60;
		while (keep > 0 && ((unsigned char)s[keep] & 0xc0) == 0x80)
			keep--;
	}
	need = escape_into(s, keep, buf, bufsize);
	if (keep < n && need + sizeof tail < bufsize) {
		snprintf(tail, sizeof tail, "... (%zu bytes)", n);
		strcat(buf, tail);
	}
	return buf;
}

void
warnx_(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("smtpcode: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
