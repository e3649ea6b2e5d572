/*
 * test_escape.c: the command's escaping of bytes from outside (out.c), as
 * TSV and text output use it: every value round-trips through the
 * documented escapes, and nothing a terminal would act on gets through.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"

/* Run out_escaped with standard output sent to a temporary file; return
 * what it wrote, NUL-terminated, in a static buffer. */
static const char *
escaped(const char *s, size_t n)
{
	static char buf[8192];
	FILE *tmp = tmpfile();
	int saved;
	size_t got;

	assert_non_null(tmp);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(tmp), STDOUT_FILENO) >= 0);
	out_escaped(s, n);
	out_sync();
	assert_true(dup2(saved, STDOUT_FILENO) >= 0);
	close(saved);
	rewind(tmp);
	got = fread(buf, 1, sizeof buf - 1, tmp);
	buf[got] = '\0';
	fclose(tmp);
	return buf;
}

/* The inverse of the escapes, as a TSV reader would apply it. */
static size_t
unescape(const char *s, char *out)
{
	size_t o = 0;

	while (*s) {
		if (*s != '\\') {
			out[o++] = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 't': out[o++] = '\t'; s++; break;
		case 'n': out[o++] = '\n'; s++; break;
		case 'r': out[o++] = '\r'; s++; break;
		case '\\': out[o++] = '\\'; s++; break;
		case 'x': {
			char hex[3] = { s[1], s[2], 0 };
			out[o++] = (char)strtol(hex, NULL, 16);
			s += 3;
			break;
		}
		default: fail_msg("unknown escape \\%c", *s);
		}
	}
	return o;
}

static void
test_tab_newline_backslash_round_trip(void **state)
{
	static const char in[] = "a\tb\nc\\d\re";
	char back[64];
	const char *e = escaped(in, sizeof in - 1);

	(void)state;
	assert_string_equal(e, "a\\tb\\nc\\\\d\\re");
	assert_null(strchr(e, '\t'));
	assert_int_equal(unescape(e, back), sizeof in - 1);
	assert_memory_equal(back, in, sizeof in - 1);
}

static void
test_every_byte_round_trips(void **state)
{
	char in[256], back[2048];
	size_t i, n;
	const char *e;

	(void)state;
	for (i = 0; i < 256; i++)
		in[i] = (char)i;
	e = escaped(in, 256);
	for (i = 0; e[i]; i++)
		assert_true((unsigned char)e[i] >= 0x20 && e[i] != 0x7f);
	n = unescape(e, back);
	assert_int_equal(n, 256);
	assert_memory_equal(back, in, 256);
}

/* Printable runs are found sixteen bytes at a time, the last ones in an
 * overlapping load: a byte to escape at any place of a text of any length
 * up to three loads is escaped, and nothing else is. */
static void
test_every_length_and_place(void **state)
{
	char in[64], want[256];
	size_t n, at, k, w;

	(void)state;
	for (n = 1; n <= 48; n++) {
		for (at = 0; at <= n; at++) {
			for (k = 0; k < n; k++)
				in[k] = (char)('a' + k % 26);
			if (at < n)
				in[at] = '\t';
			for (k = w = 0; k < n; k++) {
				if (in[k] == '\t') {
					want[w++] = '\\';
					want[w++] = 't';
				} else {
					want[w++] = in[k];
				}
			}
			want[w] = '\0';
			assert_string_equal(escaped(in, n), want);
		}
	}
}

static void
test_utf8_passes_and_terminal_controls_do_not(void **state)
{
	(void)state;
	assert_string_equal(escaped("Описание", strlen("Описание")), "Описание");
	assert_string_equal(escaped("\x1b[31m", 5), "\\x1B[31m");
	/* U+009B, a one-character CSI, and an overlong slash */
	assert_string_equal(escaped("\xc2\x9b", 2), "\\xC2\\x9B");
	assert_string_equal(escaped("\xc0\xaf", 2), "\\xC0\\xAF");
	/* a surrogate half, and a NUL */
	assert_string_equal(escaped("\xed\xa0\x80", 3), "\\xED\\xA0\\x80");
	assert_string_equal(escaped("a\0b", 3), "a\\x00b");
}

static void
test_quote_arg_cuts_long_arguments(void **state)
{
	char big[100000], buf[400];

	(void)state;
	memset(big, '5', sizeof big);
	quote_arg(big, sizeof big, buf, sizeof buf);
	assert_non_null(strstr(buf, "... (100000 bytes)"));
	assert_true(strlen(buf) < 100);
	quote_arg("\033", 1, buf, sizeof buf);
	assert_string_equal(buf, "\\x1B");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tab_newline_backslash_round_trip),
		cmocka_unit_test(test_every_byte_round_trips),
		cmocka_unit_test(test_every_length_and_place),
		cmocka_unit_test(test_utf8_passes_and_terminal_controls_do_not),
		cmocka_unit_test(test_quote_arg_cuts_long_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
