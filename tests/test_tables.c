/*
 * test_tables.c: the tables as a whole: every entry found by lookup, in
 * order, complete, and the codes the RFCs define all present.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

/* Every basic code an RFC defines (RFC 5321 §4.2.3 and the extension
 * RFCs: 1845, 1985, 2645, 3207, 4954, 7504). */
static const int rfc_codes[] = {
	211, 214, 220, 221, 235, 250, 251, 252, 253, 334, 354, 355,
	421, 432, 450, 451, 452, 453, 454, 455, 458, 459,
	500, 501, 502, 503, 504, 521, 530, 534, 535, 538,
	550, 551, 552, 553, 554, 555, 556
};

/* Non-standard codes real servers send or reference pages list. */
static const int other_codes[] = {
	101, 111, 400, 412, 417, 420, 422, 430, 431, 441, 442, 446, 447, 449,
	456, 471, 510, 511, 512, 513, 515, 517, 520, 523, 524, 525, 533, 541,
	571
};

static void
test_table_is_strictly_ascending(void **state)
{
	struct smtpcode_enhanced_code a, b;
	size_t i;

	(void)state;
	assert_true(smtpcode_basic_count() > 0);
	for (i = 1; i < smtpcode_basic_count(); i++)
		assert_true(smtpcode_basic_code(i - 1) < smtpcode_basic_code(i));
	for (i = 1; i < smtpcode_enhanced_count(); i++) {
		assert_true(smtpcode_enhanced_entry(i - 1, &a, NULL));
		assert_true(smtpcode_enhanced_entry(i, &b, NULL));
		assert_true(a.subject < b.subject ||
		    (a.subject == b.subject && a.detail < b.detail));
		assert_int_equal(a.cls, 0);
	}
	assert_int_equal(smtpcode_basic_code(smtpcode_basic_count()), -1);
	assert_false(smtpcode_enhanced_entry(smtpcode_enhanced_count(), &a, NULL));
}

static void
test_every_entry_is_found_by_lookup(void **state)
{
	struct basic_entry b, f;
	struct enhanced_entry e, g;
	size_t i;

	(void)state;
	for (i = 0; smtpcode__basic_get(i, &b); i++) {
		assert_true(smtpcode__basic_find(b.code, &f));
		assert_ptr_equal(f.name, b.name);
		assert_ptr_equal(f.fix, b.fix);
	}
	assert_int_equal(i, smtpcode_basic_count());
	for (i = 0; smtpcode__enhanced_get(i, &e); i++) {
		assert_true(smtpcode__enhanced_find(e.subject, e.detail, &g));
		assert_ptr_equal(g.name, e.name);
		assert_ptr_equal(g.permanent, e.permanent);
	}
	assert_int_equal(i, smtpcode_enhanced_count());
}

static void
test_lookup_misses_return_nothing(void **state)
{
	struct basic_entry b;
	struct enhanced_entry e;

	(void)state;
	assert_false(smtpcode__basic_find(299, &b));
	assert_false(smtpcode__basic_find(-1, &b));
	assert_false(smtpcode__basic_find(1000, &b));
	assert_false(smtpcode__basic_find(0, &b));
	assert_false(smtpcode__enhanced_find(9, 9, &e));
	assert_false(smtpcode__enhanced_find(1, 999, &e));
	assert_false(smtpcode__enhanced_find(-1, 0, &e));
	assert_false(smtpcode__enhanced_find(7, 1000, &e));
}

/* The strings come from one pool: every text of every row lies inside it
 * and ends where the next begins, so no row points outside its table. */
static void
test_strings_are_whole(void **state)
{
	struct basic_entry b;
	size_t i;

	(void)state;
	for (i = 0; smtpcode__basic_get(i, &b); i++) {
		assert_true(b.reference == b.name + strlen(b.name) + 1);
		assert_true(b.rfc_text == b.reference + strlen(b.reference) + 1);
	}
}

static int
ends_in_full_stop(const char *s)
{
	size_t n = strlen(s);
	return n > 1 && s[n - 1] == '.';
}

static void
test_every_basic_entry_is_complete(void **state)
{
	size_t i;

	(void)state;
	struct basic_entry e, *b = &e;

	for (i = 0; smtpcode__basic_get(i, b); i++) {
		assert_true(b->name[0] >= 'A' && b->name[0] <= 'Z');
		assert_true(strlen(b->reference) > 3);
		assert_true(strlen(b->seen_after) > 2);
		assert_true(ends_in_full_stop(b->retry_text));
		assert_true(ends_in_full_stop(b->description));
		assert_true(ends_in_full_stop(b->when));
		assert_true(ends_in_full_stop(b->fix));
		assert_null(strstr(b->when, "when when"));
		assert_true((b->who & ~SMTPCODE_WHO_ALL) == 0);
	}
}

static void
test_rfc_codes_are_present_and_standard(void **state)
{
	size_t i;

	(void)state;
	struct basic_entry e, *b = &e;

	for (i = 0; i < sizeof rfc_codes / sizeof rfc_codes[0]; i++) {
		if (!smtpcode__basic_find(rfc_codes[i], b))
			fail_msg("RFC code %d is missing", rfc_codes[i]);
		if (b->origin != SMTPCODE_ORIGIN_RFC)
			fail_msg("%d is not marked as RFC-defined", b->code);
		assert_int_equal(strncmp(b->reference, "RFC ", 4), 0);
	}
}

static void
test_other_codes_are_present_and_marked(void **state)
{
	size_t i;

	(void)state;
	struct basic_entry e, *b = &e;

	for (i = 0; i < sizeof other_codes / sizeof other_codes[0]; i++) {
		if (!smtpcode__basic_find(other_codes[i], b))
			fail_msg("non-standard code %d is missing", other_codes[i]);
		if (b->origin == SMTPCODE_ORIGIN_RFC)
			fail_msg("%d is marked as RFC-defined", b->code);
		assert_string_equal(b->rfc_text, "");
	}
}

static void
test_seed_page_names_are_kept(void **state)
{
	struct basic_entry b;

	(void)state;
	assert_true(smtpcode__basic_find(211, &b));
	assert_string_equal(b.name, "System Status");
	assert_true(smtpcode__basic_find(221, &b));
	assert_string_equal(b.name, "Closing Connection");
	assert_true(smtpcode__basic_find(455, &b));
	assert_string_equal(b.name, "Server Unable to Accommodate");
}

static void
test_retry_follows_the_class(void **state)
{
	size_t i;

	(void)state;
	struct basic_entry e, *b = &e;

	for (i = 0; smtpcode__basic_get(i, b); i++) {
		switch (b->code / 100) {
		case 2: assert_int_equal(b->retry, SMTPCODE_RETRY_NONE); break;
		case 3: assert_int_equal(b->retry, SMTPCODE_RETRY_CONTINUE); break;
		case 4: assert_int_equal(b->retry, SMTPCODE_RETRY_LATER); break;
		case 5: assert_int_equal(b->retry, SMTPCODE_RETRY_NEVER); break;
		default: break;
		}
	}
}

/* The IANA registry, as the project received it: every row is in the
 * table under the registry's own name. */
static void
test_every_registry_entry_is_present(void **state)
{
	FILE *f = fopen(TESTS_DIR "/data/enhanced-status-codes.tsv", "r");
	char line[1024];
	int rows = 0;

	(void)state;
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f)); /* header */
	while (fgets(line, sizeof line, f)) {
		int s, d;
		char *name, *tab;
		struct enhanced_entry entry, *e = &entry;

		if (sscanf(line, "X.%d.%d\t", &s, &d) != 2)
			fail_msg("bad registry row: %s", line);
		name = strchr(line, '\t') + 1;
		tab = strchr(name, '\t');
		assert_non_null(tab);
		*tab = '\0';
		if (!smtpcode__enhanced_find(s, d, e))
			fail_msg("X.%d.%d is missing", s, d);
		/* X.6.10 has no registry name; the TSV's is a note of ours. */
		if (!(s == 6 && d == 10))
			assert_string_equal(e->name, name);
		assert_true(ends_in_full_stop(e->description));
		assert_true(ends_in_full_stop(e->when));
		assert_true(ends_in_full_stop(e->fix));
		if (e->classes & CLS_4)
			assert_true(ends_in_full_stop(e->transient));
		if (e->classes & CLS_5)
			assert_true(ends_in_full_stop(e->permanent));
		rows++;
	}
	fclose(f);
	assert_int_equal(rows, 81);
	assert_int_equal((int)smtpcode_enhanced_count(), 81);
}

static void
test_digit_rows_cover_every_digit(void **state)
{
	struct digit_entry c, g;
	int d;

	(void)state;
	for (d = 0; d <= 9; d++) {
		assert_true(smtpcode__basic_class(d, &c));
		assert_true(smtpcode__basic_category(d, &g));
		assert_int_equal(c.digit, d);
		assert_int_equal(g.digit, d);
		assert_int_equal(c.in_grammar, d >= 2 && d <= 5);
		assert_int_equal(g.in_grammar, d <= 5);
	}
	assert_false(smtpcode__basic_class(10, &c));
	assert_false(smtpcode__basic_class(-1, &c));
	assert_true(smtpcode__enhanced_class(2, &c));
	assert_true(smtpcode__enhanced_class(4, &c));
	assert_true(smtpcode__enhanced_class(5, &c));
	assert_false(smtpcode__enhanced_class(3, &c));
	for (d = 0; d <= 7; d++) {
		assert_true(smtpcode__enhanced_subject(d, &g));
		assert_int_equal(g.digit, d);
	}
	assert_false(smtpcode__enhanced_subject(8, &g));
	smtpcode__enhanced_unassigned_subject(999, &g);
	assert_int_equal(g.in_grammar, 0);
	assert_int_equal(g.digit, 999);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_strictly_ascending),
		cmocka_unit_test(test_every_entry_is_found_by_lookup),
		cmocka_unit_test(test_lookup_misses_return_nothing),
		cmocka_unit_test(test_strings_are_whole),
		cmocka_unit_test(test_every_basic_entry_is_complete),
		cmocka_unit_test(test_rfc_codes_are_present_and_standard),
		cmocka_unit_test(test_other_codes_are_present_and_marked),
		cmocka_unit_test(test_seed_page_names_are_kept),
		cmocka_unit_test(test_retry_follows_the_class),
		cmocka_unit_test(test_every_registry_entry_is_present),
		cmocka_unit_test(test_digit_rows_cover_every_digit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
