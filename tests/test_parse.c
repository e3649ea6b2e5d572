/*
 * test_parse.c: the parsers' edge cases: what is a code, what is not, and
 * why not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtpcode.h"

static enum smtpcode_parse_error
basic(const char *s, int *code)
{
	return smtpcode_parse_basic(s, strlen(s), code);
}

static void
test_basic_accepts_three_digits_and_blanks(void **state)
{
	int code = -1;

	(void)state;
	assert_int_equal(basic("455", &code), SMTPCODE_PARSE_OK);
	assert_int_equal(code, 455);
	assert_int_equal(basic("  550\t", &code), SMTPCODE_PARSE_OK);
	assert_int_equal(code, 550);
	assert_int_equal(basic("000", &code), SMTPCODE_PARSE_OK);
	assert_int_equal(code, 0);
	assert_int_equal(basic("999", &code), SMTPCODE_PARSE_OK);
	assert_int_equal(code, 999);
}

static void
test_basic_rejects_everything_else(void **state)
{
	int code = -1;

	(void)state;
	assert_int_equal(basic("", &code), SMTPCODE_PARSE_EMPTY);
	assert_int_equal(basic("   ", &code), SMTPCODE_PARSE_EMPTY);
	assert_int_equal(basic("+455", &code), SMTPCODE_PARSE_SIGN);
	assert_int_equal(basic("-455", &code), SMTPCODE_PARSE_SIGN);
	assert_int_equal(basic("45", &code), SMTPCODE_PARSE_TOO_FEW_DIGITS);
	assert_int_equal(basic("4", &code), SMTPCODE_PARSE_TOO_FEW_DIGITS);
	assert_int_equal(basic("4555", &code), SMTPCODE_PARSE_TOO_MANY_DIGITS);
	assert_int_equal(basic("0455", &code), SMTPCODE_PARSE_TOO_MANY_DIGITS);
	assert_int_equal(basic("0x1c7", &code), SMTPCODE_PARSE_NOT_A_CODE);
	assert_int_equal(basic("abc", &code), SMTPCODE_PARSE_NOT_A_CODE);
	assert_int_equal(basic("455abc", &code), SMTPCODE_PARSE_TRAILING);
	assert_int_equal(basic("4 55", &code), SMTPCODE_PARSE_NOT_A_CODE);
	assert_int_equal(basic("455\n", &code), SMTPCODE_PARSE_TRAILING);
	/* fullwidth ４５５ and Arabic-Indic ٤٥٥ */
	assert_int_equal(basic("\xef\xbc\x94\xef\xbc\x95\xef\xbc\x95", &code),
	    SMTPCODE_PARSE_NON_ASCII_DIGIT);
	assert_int_equal(basic("\xd9\xa4\xd9\xa5\xd9\xa5", &code),
	    SMTPCODE_PARSE_NON_ASCII_DIGIT);
	assert_int_equal(code, -1);
}

static void
test_basic_survives_very_long_input(void **state)
{
	size_t n = 1u << 20;
	char *s = malloc(n);
	int code = -1;

	(void)state;
	assert_non_null(s);
	memset(s, '5', n);
	assert_int_equal(smtpcode_parse_basic(s, n, &code), SMTPCODE_PARSE_TOO_MANY_DIGITS);
	memset(s, ' ', n);
	assert_int_equal(smtpcode_parse_basic(s, n, &code), SMTPCODE_PARSE_EMPTY);
	/* A NUL inside is just a byte that is not a digit. */
	assert_int_equal(smtpcode_parse_basic("45\0" "5", 4, &code), SMTPCODE_PARSE_NOT_A_CODE);
	free(s);
}

static enum smtpcode_parse_error
enh(const char *s, struct smtpcode_enhanced_code *c)
{
	return smtpcode_parse_enhanced(s, strlen(s), c);
}

static void
test_enhanced_accepts_rfc3463_codes(void **state)
{
	struct smtpcode_enhanced_code c;

	(void)state;
	assert_int_equal(enh("5.7.1", &c), SMTPCODE_PARSE_OK);
	assert_int_equal(c.cls, 5);
	assert_int_equal(c.subject, 7);
	assert_int_equal(c.detail, 1);
	assert_int_equal(enh(" 4.7.26 ", &c), SMTPCODE_PARSE_OK);
	assert_int_equal(c.detail, 26);
	assert_int_equal(enh("2.0.0", &c), SMTPCODE_PARSE_OK);
	assert_int_equal(enh("5.999.999", &c), SMTPCODE_PARSE_OK);
	assert_int_equal(c.subject, 999);
	assert_int_equal(c.detail, 999);
}

static void
test_enhanced_rejects_malformed(void **state)
{
	struct smtpcode_enhanced_code c;

	(void)state;
	assert_int_equal(enh("5.7", &c), SMTPCODE_PARSE_ENH_PARTS);
	assert_int_equal(enh("5.7.1.2", &c), SMTPCODE_PARSE_ENH_PARTS);
	assert_int_equal(enh("5..1", &c), SMTPCODE_PARSE_ENH_EMPTY_PART);
	assert_int_equal(enh("5.7.", &c), SMTPCODE_PARSE_ENH_EMPTY_PART);
	assert_int_equal(enh(".7.1", &c), SMTPCODE_PARSE_ENH_EMPTY_PART);
	assert_int_equal(enh("5.07.1", &c), SMTPCODE_PARSE_ENH_LEADING_ZERO);
	assert_int_equal(enh("5.7.01", &c), SMTPCODE_PARSE_ENH_LEADING_ZERO);
	assert_int_equal(enh("6.1.1", &c), SMTPCODE_PARSE_ENH_CLASS);
	assert_int_equal(enh("3.1.1", &c), SMTPCODE_PARSE_ENH_CLASS);
	assert_int_equal(enh("55.1.1", &c), SMTPCODE_PARSE_ENH_CLASS);
	assert_int_equal(enh("5.1234.1", &c), SMTPCODE_PARSE_ENH_LONG_PART);
	assert_int_equal(enh("5.7.a", &c), SMTPCODE_PARSE_NOT_A_CODE);
	assert_int_equal(enh("+5.7.1", &c), SMTPCODE_PARSE_SIGN);
	assert_int_equal(enh("", &c), SMTPCODE_PARSE_EMPTY);
	assert_int_equal(enh("\xef\xbc\x95.7.1", &c), SMTPCODE_PARSE_NON_ASCII_DIGIT);
}

static void
test_match_enhanced_in_text(void **state)
{
	struct smtpcode_enhanced_code c;

	(void)state;
	assert_int_equal(smtpcode_match_enhanced("5.1.1 User", 10, &c), 5);
	assert_int_equal(smtpcode_match_enhanced("4.7.25", 6, &c), 6);
	assert_int_equal(c.detail, 25);
	/* an IP address, a version, a longer dotted number */
	assert_int_equal(smtpcode_match_enhanced("2.115.207.21", 12, &c), 0);
	assert_int_equal(smtpcode_match_enhanced("5.1.1.2", 7, &c), 0);
	assert_int_equal(smtpcode_match_enhanced("6.1.2", 5, &c), 0);
	assert_int_equal(smtpcode_match_enhanced("5.1", 3, &c), 0);
	assert_int_equal(smtpcode_match_enhanced("5.1.1234", 8, &c), 0);
	/* a sentence that ends after the code is fine */
	assert_int_equal(smtpcode_match_enhanced("5.1.1.", 6, &c), 5);
}

static enum smtpcode_parse_error
reply(const char *s, struct smtpcode_reply *r)
{
	return smtpcode_parse_reply(s, strlen(s), r);
}

static void
test_reply_finds_the_enhanced_code_where_rfc2034_puts_it(void **state)
{
	struct smtpcode_reply r = { .size = sizeof r };
	const char *t;
	size_t n, pos;

	(void)state;
	assert_int_equal(reply("550 5.1.1 <a@b>: User unknown", &r), SMTPCODE_PARSE_OK);
	assert_int_equal(r.code, 550);
	assert_true(r.has_enhanced);
	assert_int_equal(r.enhanced.subject, 1);
	assert_int_equal((int)r.text_len, (int)strlen("<a@b>: User unknown"));
	assert_int_equal(reply("550-5.1.1 The email account", &r), SMTPCODE_PARSE_OK);
	assert_true(r.has_enhanced);
	assert_int_equal(reply("550 User unknown 5.1.1", &r), SMTPCODE_PARSE_OK);
	assert_false(r.has_enhanced);
	assert_int_equal(reply("220 mail.example.com SuperSMTP v 6.1.2 Service ready", &r), SMTPCODE_PARSE_OK);
	assert_false(r.has_enhanced);
	assert_int_equal(reply("550", &r), SMTPCODE_PARSE_OK);
	assert_false(r.has_enhanced);
	assert_int_equal((int)r.text_len, 0);
	assert_int_equal(reply("550 #5.1.0 Address rejected.", &r), SMTPCODE_PARSE_OK);
	assert_true(r.has_enhanced);
	assert_int_equal(r.enhanced.detail, 0);
	assert_int_equal(reply("503 MAIL first (#5.5.1)", &r), SMTPCODE_PARSE_OK);
	assert_true(r.has_enhanced);
	assert_int_equal(r.enhanced.subject, 5);
	pos = 0;
	assert_int_equal(reply("550 5.1.1 x", &r), SMTPCODE_PARSE_OK);
	assert_true(smtpcode_reply_line("550 5.1.1 x", 11, &r, &pos, &t, &n));
	assert_int_equal((int)n, 1);
	assert_false(smtpcode_reply_line("550 5.1.1 x", 11, &r, &pos, &t, &n));
}

static void
test_reply_multi_line(void **state)
{
	static const char gmail[] =
	    "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
	    "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
	    "550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser\r\n";
	struct smtpcode_reply r = { .size = sizeof r };
	const char *t;
	size_t n, pos = 0, lines = 0;

	(void)state;
	assert_int_equal(smtpcode_parse_reply(gmail, sizeof gmail - 1, &r), SMTPCODE_PARSE_OK);
	assert_int_equal(r.code, 550);
	assert_int_equal((int)r.lines, 3);
	assert_false(r.mixed);
	assert_true(r.has_enhanced);
	assert_true(smtpcode_reply_line(gmail, sizeof gmail - 1, &r, &pos, &t, &n));
	assert_memory_equal(t, "The email account", 17);
	assert_true(smtpcode_reply_line(gmail, sizeof gmail - 1, &r, &pos, &t, &n));
	assert_int_equal((int)n, (int)strlen("double-checking the recipient's email address for typos or"));
	assert_memory_equal(t, "double-checking", 15);
	pos = 0;
	while (smtpcode_reply_line(gmail, sizeof gmail - 1, &r, &pos, &t, &n))
		lines++;
	assert_int_equal((int)lines, 3);
}

static void
test_reply_mixed_codes_take_the_last(void **state)
{
	struct smtpcode_reply r = { .size = sizeof r };

	(void)state;
	assert_int_equal(reply("220-hello\n421 4.3.2 going down", &r), SMTPCODE_PARSE_OK);
	assert_int_equal(r.code, 421);
	assert_true(r.mixed);
	assert_true(r.has_enhanced);
	/* an unfolded header: the whole reply on one continuation line */
	assert_int_equal(reply("220-laposte 421 4.2.1 Service refuse.", &r), SMTPCODE_PARSE_OK);
	assert_int_equal(r.code, 421);
	assert_int_equal(r.enhanced.subject, 2);
	/* but a quoted code without an enhanced code stays text */
	assert_int_equal(reply("550-Response: 550 Unknown", &r), SMTPCODE_PARSE_OK);
	assert_int_equal(r.code, 550);
	assert_false(r.mixed);
}

static void
test_reply_rejects_lines_without_a_code(void **state)
{
	struct smtpcode_reply r = { .size = sizeof r };

	(void)state;
	assert_int_equal(reply("550 ok\nnot a reply", &r), SMTPCODE_PARSE_REPLY_BAD_LINE);
	assert_int_equal(reply("55x ok", &r), SMTPCODE_PARSE_REPLY_BAD_LINE);
	assert_int_equal(reply("5500 ok", &r), SMTPCODE_PARSE_REPLY_BAD_LINE);
	assert_int_equal(reply("\n\n", &r), SMTPCODE_PARSE_EMPTY);
}

static void
test_arg_recognises_each_shape(void **state)
{
	struct smtpcode_arg a = { .size = sizeof a };

	(void)state;
	assert_int_equal(smtpcode_parse_arg("455", 3, &a), SMTPCODE_PARSE_OK);
	assert_int_equal(a.kind, SMTPCODE_ARG_BASIC);
	assert_int_equal(smtpcode_parse_arg("5.7.1", 5, &a), SMTPCODE_PARSE_OK);
	assert_int_equal(a.kind, SMTPCODE_ARG_ENHANCED);
	assert_int_equal(smtpcode_parse_arg("550 OK", 6, &a), SMTPCODE_PARSE_OK);
	assert_int_equal(a.kind, SMTPCODE_ARG_REPLY);
	assert_int_equal(smtpcode_parse_arg("550-", 4, &a), SMTPCODE_PARSE_OK);
	assert_int_equal(a.kind, SMTPCODE_ARG_REPLY);
	assert_int_equal(smtpcode_parse_arg("550\n", 4, &a), SMTPCODE_PARSE_OK);
	assert_int_equal(a.code, 550);
	assert_int_equal(smtpcode_parse_arg("5.7", 3, &a), SMTPCODE_PARSE_ENH_PARTS);
	assert_int_equal(smtpcode_parse_arg("6.1.1", 5, &a), SMTPCODE_PARSE_ENH_CLASS);
	assert_int_equal(smtpcode_parse_arg("4555", 4, &a), SMTPCODE_PARSE_TOO_MANY_DIGITS);
	assert_int_equal(smtpcode_parse_arg("abc", 3, &a), SMTPCODE_PARSE_NOT_A_CODE);
	/* what --list prints is accepted back */
	assert_int_equal(smtpcode_parse_arg("X.7.1", 5, &a), SMTPCODE_PARSE_OK);
	assert_int_equal(a.kind, SMTPCODE_ARG_ENHANCED);
	assert_int_equal(a.enhanced.cls, 0);
	assert_int_equal(a.enhanced.subject, 7);
	assert_int_equal(smtpcode_parse_arg("x.1.10", 6, &a), SMTPCODE_PARSE_OK);
	assert_int_equal(a.enhanced.detail, 10);
	assert_int_equal(smtpcode_parse_arg("X.7", 3, &a), SMTPCODE_PARSE_ENH_PARTS);
	assert_int_equal(smtpcode_parse_arg("X.07.1", 6, &a), SMTPCODE_PARSE_ENH_LEADING_ZERO);
	assert_int_equal(smtpcode_parse_arg("Xy.7.1", 6, &a), SMTPCODE_PARSE_NOT_A_CODE);
	/* but the strict parser takes only a real class */
	assert_int_equal(smtpcode_parse_enhanced("X.7.1", 5, &a.enhanced), SMTPCODE_PARSE_NOT_A_CODE);
	assert_int_equal(smtpcode_parse_arg("", 0, &a), SMTPCODE_PARSE_EMPTY);
	assert_int_equal(smtpcode_parse_arg(" \t ", 3, &a), SMTPCODE_PARSE_EMPTY);
}

static void
test_every_error_has_a_message(void **state)
{
	int e;

	(void)state;
	for (e = SMTPCODE_PARSE_OK; e <= SMTPCODE_PARSE_REPLY_BAD_LINE; e++)
		assert_true(strlen(smtpcode_parse_strerror((enum smtpcode_parse_error)e)) > 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic_accepts_three_digits_and_blanks),
		cmocka_unit_test(test_basic_rejects_everything_else),
		cmocka_unit_test(test_basic_survives_very_long_input),
		cmocka_unit_test(test_enhanced_accepts_rfc3463_codes),
		cmocka_unit_test(test_enhanced_rejects_malformed),
		cmocka_unit_test(test_match_enhanced_in_text),
		cmocka_unit_test(test_reply_finds_the_enhanced_code_where_rfc2034_puts_it),
		cmocka_unit_test(test_reply_multi_line),
		cmocka_unit_test(test_reply_mixed_codes_take_the_last),
		cmocka_unit_test(test_reply_rejects_lines_without_a_code),
		cmocka_unit_test(test_arg_recognises_each_shape),
		cmocka_unit_test(test_every_error_has_a_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
