/*
 * test_term.c: the terminal filter (src/term.c): wrapping by columns, not
 * bytes, in every script the labels use; hanging indents; colour that is
 * never counted, never cut and always reset; width and colour from the
 * environment.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "term.h"

static char got[16384];
static size_t got_len;

static void
capture(const char *s, size_t n)
{
	assert_true(got_len + n < sizeof got);
	memcpy(got + got_len, s, n);
	got_len += n;
	got[got_len] = '\0';
}

/* term_line on a NUL-terminated line; what it wrote, NUL-terminated. */
static const char *
run(int width, int color, const char *class_label, const char *line)
{
	struct term t;

	t.width = width;
	t.color = color;
	t.class_label = class_label;
	got_len = 0;
	got[0] = '\0';
	term_line(&t, line, strlen(line), capture);
	return got;
}

static const char *
plain(int width, const char *line)
{
	return run(width, 0, "Class", line);
}

/* --- Helpers for properties of the output ----------------------------- */

/* Length of the well-formed UTF-8 sequence at s, or 0. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return 1;
	if (n >= 2 && s[0] >= 0xc2 && s[0] <= 0xdf && (s[1] & 0xc0) == 0x80)
		return 2;
	if (n >= 3 && (s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && !(s[0] == 0xe0 && s[1] < 0xa0) &&
	    !(s[0] == 0xed && s[1] >= 0xa0))
		return 3;
	if (n >= 4 && s[0] >= 0xf0 && s[0] <= 0xf4 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80 &&
	    !(s[0] == 0xf0 && s[1] < 0x90) && !(s[0] == 0xf4 && s[1] >= 0x90))
		return 4;
	return 0;
}

static unsigned
code_point(const unsigned char *s, size_t k)
{
	switch (k) {
	case 1: return s[0];
	case 2: return (s[0] & 0x1fu) << 6 | (s[1] & 0x3fu);
	case 3: return (s[0] & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3fu);
	default: return (s[0] & 0x07u) << 18 | (s[1] & 0x3fu) << 12 |
		    (s[2] & 0x3fu) << 6 | (s[3] & 0x3fu);
	}
}

/* The marks the tests' texts use: they must never begin a row. */
static int
is_mark(unsigned cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x064B && cp <= 0x065F) ||
	    cp == 0x0670 || (cp >= 0x0900 && cp <= 0x0903) ||
	    (cp >= 0x093A && cp <= 0x094F) || (cp >= 0x0962 && cp <= 0x0963);
}

static int
is_wide(unsigned cp)
{
	return (cp >= 0x3000 && cp <= 0x303E) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xFF01 && cp <= 0xFF60);
}

/* Every row of out: valid UTF-8, ends in '\n', at most width columns
 * (escapes not counted), starts with no mark, and every escape on it is
 * reset before its end. */
static void
check_rows(const char *out, int width)
{
	const unsigned char *s = (const unsigned char *)out;
	size_t n = strlen(out), i = 0;

	assert_true(n > 0 && out[n - 1] == '\n');
	while (i < n) {
		int cols = 0, first = 1, open = 0;

		while (s[i] != '\n') {
			size_t k;
			unsigned cp;

			if (s[i] == 0x1b) {
				assert_int_equal(s[i + 1], '[');
				for (k = i + 2; s[k] >= 0x20 && s[k] <= 0x3f; k++)
					;
				assert_int_equal(s[k], 'm');
				open = !(k == i + 3 && s[i + 2] == '0');
				i = k + 1;
				continue;
			}
			k = utf8_seq(s + i, n - i);
			assert_true(k > 0);
			cp = code_point(s + i, k);
			if (first)
				assert_false(is_mark(cp));
			first = 0;
			if (is_wide(cp))
				cols += 2;
			else if (!is_mark(cp) || (cp >= 0x093E && cp <= 0x0940) ||
			    (cp >= 0x0949 && cp <= 0x094C) || cp == 0x0903)
				cols += 1;
			i += k;
		}
		assert_false(open);
		assert_true(cols <= width);
		i++;
	}
}

/* out without its escape sequences, in a static buffer. */
static const char *
strip(const char *out)
{
	static char buf[16384];
	size_t o = 0;

	while (*out) {
		if (*out == '\033') {
			while (*out && *out != 'm')
				out++;
			if (*out)
				out++;
			continue;
		}
		buf[o++] = *out++;
	}
	buf[o] = '\0';
	return buf;
}

/* --- Wrapping --------------------------------------------------------- */

static void
wraps_english_with_hanging_indent(void **state)
{
	(void)state;
	assert_string_equal(plain(40,
	    "Retry: Yes: the same command with the same parameters may be accepted later, so a mail server keeps the message queued and tries again."),
	    "Retry: Yes: the same command with the\n"
	    "       same parameters may be accepted\n"
	    "       later, so a mail server keeps the\n"
	    "       message queued and tries again.\n");
	assert_string_equal(plain(40,
	    "Who acts: the sending server's administrator and the recipient's administrator"),
	    "Who acts: the sending server's\n"
	    "          administrator and the\n"
	    "          recipient's administrator\n");
	/* A row may end exactly at the width. */
	assert_string_equal(plain(40,
	    "Note: aaaa bbbb cccc dddd eeee ffff gggg hhhh"),
	    "Note: aaaa bbbb cccc dddd eeee ffff gggg\n"
	    "      hhhh\n");
	check_rows(plain(40,
	    "Description: The server understood the extension parameters given on MAIL FROM or RCPT TO but cannot honour them at the moment."), 40);
}

static void
wraps_bullets_and_titles(void **state)
{
	(void)state;
	assert_string_equal(plain(40,
	    "- Class: 211 reports success, while 455 reports a temporary failure."),
	    "- Class: 211 reports success, while 455\n"
	    "  reports a temporary failure.\n");
	/* The title has no label and no indent. */
	assert_string_equal(plain(20, "SMTP 455 Server Unable to Accommodate"),
	    "SMTP 455 Server\n"
	    "Unable to\n"
	    "Accommodate\n");
	/* A ": " past 40 columns is no label. */
	assert_string_equal(plain(50,
	    "  0  every code is registered; --list, --search: something was found"),
	    "  0  every code is registered; --list, --search:\n"
	    "something was found\n");
	/* A heading alone on its line. */
	assert_string_equal(plain(40, "Key differences:"), "Key differences:\n");
}

static void
indent_is_capped_at_half_the_width(void **state)
{
	(void)state;
	/* "Category: " is 10 columns; at width 16 the indent is 8. */
	assert_string_equal(plain(16, "Category: x5z Mail system"),
	    "Category: x5z\n"
	    "        Mail\n"
	    "        system\n");
}

static void
russian_label_counts_characters(void **state)
{
	const char *out;

	(void)state;
	/* The label is 22 characters but 42 bytes: the indent is 24. */
	out = plain(50,
	    "Кто должен действовать: the sending server's administrator and the recipient's administrator");
	assert_string_equal(out,
	    "Кто должен действовать: the sending server's\n"
	    "                        administrator and the\n"
	    "                        recipient's administrator\n");
	check_rows(out, 50);
	/* Cyrillic that fits in 50 columns (but not 50 bytes) is unchanged. */
	assert_string_equal(plain(50, "Класс: 4xx Временное отрицательное завершение"),
	    "Класс: 4xx Временное отрицательное завершение\n");
}

static void
chinese_wide_characters(void **state)
{
	const char *out;

	(void)state;
	/* "类别: " is 6 columns; the value's characters take 2 each. A run
	 * of them with no space is cut between characters. */
	out = plain(20, "类别: 4xx 暂时否定完成应答");
	assert_string_equal(out,
	    "类别: 4xx 暂时否定完\n"
	    "      成应答\n");
	check_rows(out, 20);
	/* A wide character never takes the last column alone. */
	out = plain(20, "类别: 4xxxxx 暂时否定完成应答");
	assert_string_equal(out,
	    "类别: 4xxxxx 暂时否\n"
	    "      定完成应答\n");
	check_rows(out, 20);
	/* The label "RFC 应答文本" is 12 columns: the indent, 14, is capped
	 * at 11. */
	out = plain(22, "RFC 应答文本: Server unable to accommodate parameters");
	assert_string_equal(out,
	    "RFC 应答文本: Server\n"
	    "           unable to\n"
	    "           accommodate\n"
	    "           parameters\n");
	check_rows(out, 22);
	/* Fits in 20 columns though it is 26 bytes. */
	assert_string_equal(plain(20, "标准: RFC 5321"), "标准: RFC 5321\n");
}

static void
arabic_marks_stay_with_their_letters(void **state)
{
	const char *out;
	int w;

	(void)state;
	/* Harakat (U+064B to U+065F) take no column. */
	assert_string_equal(plain(20, "مرحبا: بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ"),
	    "مرحبا: بِسْمِ اللَّهِ\n"
	    "       الرَّحْمَٰنِ الرَّحِيمِ\n");
	assert_string_equal(plain(20, "الفئة: 4xx إتمام سلبي مؤقت"),
	    "الفئة: 4xx إتمام\n"
	    "       سلبي مؤقت\n");
	/* A word too long for any row is cut, but not inside a letter and
	 * not between a letter and its marks. */
	for (w = 6; w <= 24; w++) {
		out = plain(w, "الوصف: مُسْتَشْفَيَاتُنَا الرَّحْمَٰنِ مُسْتَشْفَيَاتُنَا");
		check_rows(out, w);
	}
	assert_string_equal(plain(12, "الوصف: مُسْتَشْفَيَاتُنَا"),
	    "الوصف: مُسْتَشْفَ\n"
	    "      يَاتُنَا\n");
}

static void
hindi_is_not_cut_inside_a_character(void **state)
{
	const char *out;
	int w;

	(void)state;
	/* The virama (U+094D) takes no column; the spacing vowel signs
	 * (U+093E to U+0940) take one, as wcwidth() counts them. "वर्ग" is
	 * 3 columns, so the indent is 5. */
	out = plain(20, "वर्ग: 4xx अस्थायी नकारात्मक पूर्णता");
	assert_string_equal(out,
	    "वर्ग: 4xx अस्थायी\n"
	    "     नकारात्मक पूर्णता\n");
	check_rows(out, 20);
	/* Cut in a long word: never between a consonant and its sign, nor
	 * inside a conjunct (consonant, virama, consonant). */
	out = plain(12, "विवरण: अस्थायीनकारात्मकपूर्णता");
	assert_string_equal(out,
	    "विवरण: अस्था\n"
	    "      यीनका\n"
	    "      रात्मकपू\n"
	    "      र्णता\n");
	check_rows(out, 12);
	for (w = 8; w <= 30; w++)
		check_rows(plain(w, "विवरण: अस्थायीनकारात्मकपूर्णता वर्ग नकारात्मक"), w);
}

static void
long_word_is_cut(void **state)
{
	const char *out;

	(void)state;
	/* Too long for a row: it starts where it is and goes on, cut at the
	 * width, under the indent. */
	out = plain(30,
	    "Server text: 550 <averyveryveryverylongmailboxname@example.com> unknown");
	assert_string_equal(out,
	    "Server text: 550 <averyveryver\n"
	    "             yverylongmailboxn\n"
	    "             ame@example.com>\n"
	    "             unknown\n");
	check_rows(out, 30);
	/* No label, no indent. */
	assert_string_equal(plain(10, "abcdefghijklmnopqrstuvwxyz"),
	    "abcdefghij\nklmnopqrst\nuvwxyz\n");
	/* Bytes that are not UTF-8 count one column each and are cut on
	 * their own. */
	assert_string_equal(plain(5, "abc\xff\xfe" "def"),
	    "abc\xff\xfe\ndef\n");
	/* A width of 1 still makes progress with wide characters. */
	assert_string_equal(plain(1, "中文"), "中\n文\n");
	/* Width 0: no wrapping. */
	assert_string_equal(plain(0, "Retry: a b c d e f g h i j k l m n o p"),
	    "Retry: a b c d e f g h i j k l m n o p\n");
}

static void
spaces_at_a_break_are_dropped(void **state)
{
	(void)state;
	assert_string_equal(plain(10, "Note: aaa    bbbb   cccc  "),
	    "Note: aaa\n"
	    "     bbbb\n"
	    "     cccc\n");
	/* Leading spaces of the line stay. */
	assert_string_equal(plain(12, "    abc def ghi"),
	    "    abc def\nghi\n");
}

/* --- Colour ------------------------------------------------------------ */

static void
color_off_and_fitting_is_unchanged(void **state)
{
	static const char *const lines[] = {
		"SMTP 455 Server Unable to Accommodate",
		"Class: 4xx Transient Negative Completion",
		"Когда вы это видите: You see it",
		"类别: 4xx 暂时否定完成应答",
		"- Class: 211 reports success",
		"Key differences:",
		"",
		"  or:  smtpcode [OPTION]... --list [FILTER]",
		"bad \xff\xfe bytes \xc3",
		"tabs\\t and \\x1B escaped by out.c",
	};
	size_t i;
	char want[512];

	(void)state;
	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		snprintf(want, sizeof want, "%s\n", lines[i]);
		assert_string_equal(plain(80, lines[i]), want);
		assert_string_equal(plain(0, lines[i]), want);
	}
}

static void
color_bold_labels_and_titles(void **state)
{
	const char *out;

	(void)state;
	assert_string_equal(run(80, 1, "Class", "SMTP 455 Server Unable to Accommodate"),
	    "\033[1mSMTP 455 Server Unable to Accommodate\033[0m\n");
	assert_string_equal(run(80, 1, "Class", "Seen after: MAIL, RCPT"),
	    "\033[1mSeen after:\033[0m MAIL, RCPT\n");
	assert_string_equal(run(80, 1, "Класс", "Когда вы это видите: You see it"),
	    "\033[1mКогда вы это видите:\033[0m You see it\n");
	assert_string_equal(run(80, 1, "Class", "- Class: 211 reports success"),
	    "- \033[1mClass:\033[0m 211 reports success\n");
	/* No label: nothing added. */
	assert_string_equal(run(80, 1, "Class", "Key differences:"),
	    "Key differences:\n");
	assert_string_equal(run(80, 1, "Class", ""), "\n");

	/* Wrapped: the escapes are not counted, the text is what it is
	 * without colour, and each row ends reset. */
	out = run(40, 1, "Class",
	    "Retry: Yes: the same command with the same parameters may be accepted later, so a mail server keeps the message queued and tries again.");
	assert_string_equal(out,
	    "\033[1mRetry:\033[0m Yes: the same command with the\n"
	    "       same parameters may be accepted\n"
	    "       later, so a mail server keeps the\n"
	    "       message queued and tries again.\n");
	/* A bold title cut in two is bold again on its second row. */
	out = run(20, 1, "Class", "SMTP 455 Server Unable to Accommodate");
	assert_string_equal(out,
	    "\033[1mSMTP 455 Server\033[0m\n"
	    "\033[1mUnable to\033[0m\n"
	    "\033[1mAccommodate\033[0m\n");
	check_rows(out, 20);
	/* A label wider than a row is cut, and stays bold on both rows. */
	out = run(8, 1, "Class", "Whoacts: x");
	assert_string_equal(out, "\033[1mWhoacts:\033[0m\n    x\n");
	out = run(6, 1, "Class", "Whoacts: x");
	assert_string_equal(out,
	    "\033[1mWhoact\033[0m\n   \033[1ms:\033[0m\n   x\n");
	check_rows(out, 6);
}

static void
color_never_counted_or_split(void **state)
{
	static const char *const lines[] = {
		"Кто должен действовать: the sending server's administrator and the recipient's administrator",
		"SMTP 211 System Status vs 455 Server Unable to Accommodate",
		"Class: 4xx Transient Negative Completion",
		"类别: 4xx 暂时否定完成应答",
		"वर्ग: 4xx अस्थायी नकारात्मक पूर्णता",
		"- Who acts: for 211, nobody; for 455, the sending server's administrator",
	};
	char plain_out[4096];
	size_t i;
	int w;

	(void)state;
	for (i = 0; i < sizeof lines / sizeof lines[0]; i++)
		for (w = 8; w <= 60; w++) {
			snprintf(plain_out, sizeof plain_out, "%s", plain(w, lines[i]));
			check_rows(run(w, 1, "Class", lines[i]), w);
			assert_string_equal(strip(got), plain_out);
		}
	/* Escapes already in the input are kept whole, take no column, and
	 * are reset at the end of the row. */
	assert_string_equal(run(6, 1, NULL, "ab\033[31mcdefgh"),
	    "ab\033[31mcdef\033[0m\ngh\n");
	check_rows(got, 6);
}

static void
class_line_colours(void **state)
{
	(void)state;
	assert_string_equal(run(80, 1, "Class", "Class: 2xx Positive Completion"),
	    "\033[1mClass:\033[0m \033[32m2xx\033[0m Positive Completion\n");
	assert_string_equal(run(80, 1, "Class", "Class: 3xx Positive Intermediate"),
	    "\033[1mClass:\033[0m \033[36m3xx\033[0m Positive Intermediate\n");
	assert_string_equal(run(80, 1, "Class", "Class: 4xx Transient Negative Completion"),
	    "\033[1mClass:\033[0m \033[33m4xx\033[0m Transient Negative Completion\n");
	assert_string_equal(run(80, 1, "Class", "Class: 5.x.x Permanent Failure"),
	    "\033[1mClass:\033[0m \033[31m5.x.x\033[0m Permanent Failure\n");
	assert_string_equal(run(80, 1, "Class", "Class: 1xx Positive Preliminary"),
	    "\033[1mClass:\033[0m 1xx Positive Preliminary\n");
	assert_string_equal(run(80, 1, "Class", "Class: 6xx Not an SMTP Class"),
	    "\033[1mClass:\033[0m 6xx Not an SMTP Class\n");
	/* In the reader's language. */
	assert_string_equal(run(80, 1, "Класс", "Класс: 5xx Постоянное отрицательное завершение"),
	    "\033[1mКласс:\033[0m \033[31m5xx\033[0m Постоянное отрицательное завершение\n");
	assert_string_equal(run(80, 1, "类别", "类别: 2xx 肯定完成应答"),
	    "\033[1m类别:\033[0m \033[32m2xx\033[0m 肯定完成应答\n");
	/* Only the class label's line, and not a bullet. */
	assert_string_equal(run(80, 1, "Class", "Category: 4xx looks like a class"),
	    "\033[1mCategory:\033[0m 4xx looks like a class\n");
	assert_string_equal(run(80, 1, "Класс", "Class: 4xx Transient Negative Completion"),
	    "\033[1mClass:\033[0m 4xx Transient Negative Completion\n");
	assert_string_equal(run(80, 1, "Class", "- Class: 455 reports a temporary failure"),
	    "- \033[1mClass:\033[0m 455 reports a temporary failure\n");
	assert_string_equal(run(80, 1, NULL, "Class: 4xx Transient Negative Completion"),
	    "\033[1mClass:\033[0m 4xx Transient Negative Completion\n");
	/* No colour at all with color 0. */
	assert_string_equal(run(80, 0, "Class", "Class: 4xx Transient Negative Completion"),
	    "Class: 4xx Transient Negative Completion\n");
	/* Wrapped: the token keeps its colour and everything is reset
	 * before each newline. */
	assert_string_equal(run(16, 1, "Class", "Class: 4xx Transient"),
	    "\033[1mClass:\033[0m \033[33m4xx\033[0m\n"
	    "       Transient\n");
	assert_string_equal(run(8, 1, "Class", "Class: 4444444444"),
	    "\033[1mClass:\033[0m \033[33m4\033[0m\n"
	    "    \033[33m4444\033[0m\n"
	    "    \033[33m4444\033[0m\n"
	    "    \033[33m4\033[0m\n");
	check_rows(got, 8);
}

/* --- The environment --------------------------------------------------- */

/* term_width with stdout on /dev/null, so no terminal answers. */
static int
width_no_tty(void)
{
	int saved, fd, w;

	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	fd = open("/dev/null", O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
	close(fd);
	w = term_width();
	assert_int_equal(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
	close(saved);
	return w;
}

static void
width_from_columns(void **state)
{
	(void)state;
	setenv("COLUMNS", "72", 1);
	assert_int_equal(width_no_tty(), 72);
	setenv("COLUMNS", "1", 1);
	assert_int_equal(width_no_tty(), 1);
	setenv("COLUMNS", "1000", 1);
	assert_int_equal(width_no_tty(), 1000);
	setenv("COLUMNS", "1001", 1);
	assert_int_equal(width_no_tty(), 1000);
	setenv("COLUMNS", "99999999999999999999999", 1);
	assert_int_equal(width_no_tty(), 1000);
	/* Not a positive number: the terminal's width, here none: 80. */
	setenv("COLUMNS", "0", 1);
	assert_int_equal(width_no_tty(), 80);
	setenv("COLUMNS", "-40", 1);
	assert_int_equal(width_no_tty(), 80);
	setenv("COLUMNS", "60x", 1);
	assert_int_equal(width_no_tty(), 80);
	setenv("COLUMNS", " 60", 1);
	assert_int_equal(width_no_tty(), 80);
	setenv("COLUMNS", "", 1);
	assert_int_equal(width_no_tty(), 80);
	unsetenv("COLUMNS");
	assert_int_equal(width_no_tty(), 80);
}

static void
no_color_handling(void **state)
{
	(void)state;
	unsetenv("NO_COLOR");
	assert_int_equal(term_color_wanted("auto", 1), 1);
	assert_int_equal(term_color_wanted(NULL, 1), 1);
	assert_int_equal(term_color_wanted("auto", 0), 0);
	assert_int_equal(term_color_wanted(NULL, 0), 0);
	assert_int_equal(term_color_wanted("always", 0), 1);
	assert_int_equal(term_color_wanted("never", 1), 0);

	/* Any non-empty value turns auto off, even "0". */
	setenv("NO_COLOR", "1", 1);
	assert_int_equal(term_color_wanted("auto", 1), 0);
	assert_int_equal(term_color_wanted(NULL, 1), 0);
	setenv("NO_COLOR", "0", 1);
	assert_int_equal(term_color_wanted("auto", 1), 0);
	/* always still means always; never, never. */
	assert_int_equal(term_color_wanted("always", 1), 1);
	assert_int_equal(term_color_wanted("always", 0), 1);
	assert_int_equal(term_color_wanted("never", 1), 0);

	/* Empty is as if unset. */
	setenv("NO_COLOR", "", 1);
	assert_int_equal(term_color_wanted("auto", 1), 1);
	assert_int_equal(term_color_wanted("auto", 0), 0);
	unsetenv("NO_COLOR");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wraps_english_with_hanging_indent),
		cmocka_unit_test(wraps_bullets_and_titles),
		cmocka_unit_test(indent_is_capped_at_half_the_width),
		cmocka_unit_test(russian_label_counts_characters),
		cmocka_unit_test(chinese_wide_characters),
		cmocka_unit_test(arabic_marks_stay_with_their_letters),
		cmocka_unit_test(hindi_is_not_cut_inside_a_character),
		cmocka_unit_test(long_word_is_cut),
		cmocka_unit_test(spaces_at_a_break_are_dropped),
		cmocka_unit_test(color_off_and_fitting_is_unchanged),
		cmocka_unit_test(color_bold_labels_and_titles),
		cmocka_unit_test(color_never_counted_or_split),
		cmocka_unit_test(class_line_colours),
		cmocka_unit_test(width_from_columns),
		cmocka_unit_test(no_color_handling),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
