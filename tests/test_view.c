/*
 * test_view.c: views of registered and unregistered codes, and the
 * differences computed between two of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

static void
test_registered_basic_view(void **state)
{
	struct smtpcode_view v = { .size = sizeof v };
	struct basic_entry b;

	(void)state;
	assert_int_equal(smtpcode_view_basic(455, &v), SMTPCODE_REGISTERED);
	assert_string_equal(v.code, "455");
	assert_int_equal(v.kind, SMTPCODE_KIND_BASIC);
	assert_int_equal(v.class_digit, 4);
	assert_string_equal(v.class_label, "4xx");
	assert_string_equal(v.class_name, "Transient Negative Completion");
	assert_string_equal(v.category_label, "x5z");
	assert_int_equal(v.retry, SMTPCODE_RETRY_LATER);
	assert_true(v.in_grammar);
	assert_true(v.registered);
	assert_true(smtpcode__basic_find(455, &b));
	assert_ptr_equal(v.name, b.name);
}

static void
test_unregistered_basic_is_explained_from_its_digits(void **state)
{
	struct smtpcode_view v = { .size = sizeof v };

	(void)state;
	struct digit_entry cls2, cat9, cat3;

	smtpcode__basic_class(2, &cls2);
	smtpcode__basic_category(9, &cat9);
	smtpcode__basic_category(3, &cat3);
	assert_int_equal(smtpcode_view_basic(299, &v), SMTPCODE_UNREGISTERED);
	assert_string_equal(v.code, "299");
	assert_int_equal(v.origin, SMTPCODE_ORIGIN_UNREGISTERED);
	/* outside the grammar (second digit 9): that comes first */
	assert_ptr_equal(v.description, cat9.description);
	assert_ptr_equal(v.description_more, cls2.description);
	assert_false(v.in_grammar);
	assert_int_equal(smtpcode_view_basic(239, &v), SMTPCODE_UNREGISTERED);
	assert_ptr_equal(v.description, cls2.description);
	assert_ptr_equal(v.description_more, cat3.description);
	assert_int_equal(smtpcode_view_basic(359, &v), SMTPCODE_UNREGISTERED);
	assert_true(v.in_grammar);
	assert_int_equal(smtpcode_view_basic(999, &v), SMTPCODE_UNREGISTERED);
	assert_false(v.in_grammar);
	assert_string_equal(v.class_label, "9xx");
	assert_int_equal(smtpcode_view_basic(7, &v), SMTPCODE_UNREGISTERED);
	assert_string_equal(v.code, "007");
	/* Out of range is told apart from unregistered, and the view is
	 * empty but safe to print. */
	assert_int_equal(smtpcode_view_basic(1000, &v), SMTPCODE_INVALID);
	assert_string_equal(v.code, "");
	assert_string_equal(v.name, "");
	assert_int_equal(smtpcode_view_basic(-5, &v), SMTPCODE_INVALID);
}

static void
test_every_registered_code_has_a_full_view(void **state)
{
	size_t i;
	struct smtpcode_view v = { .size = sizeof v };
	struct enhanced_entry entry, *e = &entry;

	(void)state;
	for (i = 0; i < smtpcode_basic_count(); i++) {
		assert_int_equal(smtpcode_view_basic(smtpcode_basic_code(i), &v),
		    SMTPCODE_REGISTERED);
		assert_true(strlen(v.name) && strlen(v.description) &&
		    strlen(v.when) && strlen(v.fix) && strlen(v.retry_text));
	}
	for (i = 0; smtpcode__enhanced_get(i, e); i++) {
		int cls;
		for (cls = 0; cls <= 5; cls += (cls == 0 ? 2 : cls == 2 ? 2 : 1)) {
			struct smtpcode_enhanced_code c = { cls, e->subject, e->detail };
			assert_int_equal(smtpcode_view_enhanced(&c, &v),
			    SMTPCODE_REGISTERED);
			assert_true(strlen(v.name) && strlen(v.description) &&
			    strlen(v.when) && strlen(v.fix) && strlen(v.retry_text));
			if (cls == 4 && (e->classes & CLS_4))
				assert_ptr_equal(v.description_more, e->transient);
			if (cls == 5 && (e->classes & CLS_5))
				assert_ptr_equal(v.description_more, e->permanent);
			/* "X.7.1": both forms, whichever the entry has */
			if (cls == 0 && e->transient[0] && e->permanent[0]) {
				assert_true(strncmp(v.description_more, e->transient,
				    strlen(e->transient)) == 0);
				assert_non_null(strstr(v.description_more, e->permanent));
			}
		}
	}
}

static void
test_enhanced_views_share_an_entry_across_classes(void **state)
{
	struct smtpcode_enhanced_code c4 = { 4, 7, 1 }, c5 = { 5, 7, 1 };
	struct smtpcode_view v4 = { .size = sizeof v4 }, v5 = { .size = sizeof v5 };

	(void)state;
	assert_int_equal(smtpcode_view_enhanced(&c4, &v4), SMTPCODE_REGISTERED);
	assert_int_equal(smtpcode_view_enhanced(&c5, &v5), SMTPCODE_REGISTERED);
	assert_ptr_equal(v4.description, v5.description);
	assert_string_equal(v4.code, "4.7.1");
	assert_int_equal(v4.retry, SMTPCODE_RETRY_LATER);
	assert_int_equal(v5.retry, SMTPCODE_RETRY_NEVER);
	assert_string_equal(v5.category_label, "x.7.x");
	assert_true(smtpcode_view_diff(&v4, &v5) & SMTPCODE_DIFF(CLASS));
	assert_false(smtpcode_view_diff(&v4, &v5) & SMTPCODE_DIFF(CATEGORY));
}

static void
test_unregistered_enhanced(void **state)
{
	struct smtpcode_enhanced_code c = { 5, 9, 9 }, d = { 4, 1, 99 };
	struct smtpcode_view v = { .size = sizeof v };
	struct smtpcode_enhanced_code bad = { 3, 1, 1 }, big = { 5, 1000, 1 };

	(void)state;
	assert_int_equal(smtpcode_view_enhanced(&c, &v), SMTPCODE_UNREGISTERED);
	assert_string_equal(v.code, "5.9.9");
	assert_string_equal(v.category_label, "x.9.x");
	assert_int_equal(v.origin, SMTPCODE_ORIGIN_UNREGISTERED);
	assert_int_equal(smtpcode_view_enhanced(&d, &v), SMTPCODE_UNREGISTERED);
	assert_string_equal(v.category_name, "Addressing Status");
	assert_int_equal(v.retry, SMTPCODE_RETRY_LATER);
	/* an invalid class or part is invalid, not "basic" */
	assert_int_equal(smtpcode_view_enhanced(&bad, &v), SMTPCODE_INVALID);
	assert_int_equal(smtpcode_view_enhanced(&big, &v), SMTPCODE_INVALID);
	assert_string_equal(v.code, "");
}

static void
test_diff_names_what_differs(void **state)
{
	struct smtpcode_view a = { .size = sizeof a }, b = { .size = sizeof b };
	unsigned d;

	(void)state;
	smtpcode_view_basic(211, &a);
	smtpcode_view_basic(455, &b);
	d = smtpcode_view_diff(&a, &b);
	assert_true(d & SMTPCODE_DIFF(CLASS));
	assert_true(d & SMTPCODE_DIFF(CATEGORY));
	assert_true(d & SMTPCODE_DIFF(RETRY));
	assert_false(d & SMTPCODE_DIFF(KIND));
	assert_int_equal(smtpcode_view_diff(&a, &a), 0);
	/* same class: something else still differs */
	smtpcode_view_basic(550, &a);
	smtpcode_view_basic(500, &b);
	d = smtpcode_view_diff(&a, &b);
	assert_false(d & SMTPCODE_DIFF(CLASS));
	assert_true(d & SMTPCODE_DIFF(CATEGORY));
}

static void
test_search_matches_all_words_case_insensitively(void **state)
{
	struct smtpcode_view v = { .size = sizeof v };
	const char *w1[] = { "RELAY", "denied" };
	const char *w2[] = { "mailbox" };
	const char *w3[] = { "zzzzqqq" };

	(void)state;
	smtpcode_view_basic(550, &v);
	assert_int_equal(smtpcode_view_match(&v, w3, 1), 0);
	assert_true(smtpcode_view_match(&v, w2, 1) > 0);
	smtpcode_view_basic(211, &v);
	assert_int_equal(smtpcode_view_match(&v, w1, 2), 0);
	assert_int_equal(smtpcode_view_match(&v, NULL, 0), 1);
}

/* The version macros, the version string and the function agree. */
static void
test_version(void **state)
{
	char buf[32];

	(void)state;
	snprintf(buf, sizeof buf, "%d.%d.%d", SMTPCODE_VERSION_MAJOR,
	    SMTPCODE_VERSION_MINOR, SMTPCODE_VERSION_PATCH);
	assert_string_equal(buf, SMTPCODE_VERSION_STRING);
	assert_string_equal(smtpcode_version(), SMTPCODE_VERSION_STRING);
	assert_true(SMTPCODE_VERSION_NUMBER >= 0x000200);
}

/* A caller compiled against a smaller struct gets no more than it has
 * room for; one that forgot the size gets nothing written. */
static void
test_view_respects_the_callers_size(void **state)
{
	struct smtpcode_view v;
	size_t small = offsetof(struct smtpcode_view, fix) + sizeof v.fix;

	(void)state;
	memset(&v, 0x5a, sizeof v);
	v.size = 0;
	assert_int_equal(smtpcode_view_basic(455, &v), SMTPCODE_INVALID);
	assert_int_equal(v.kind, 0x5a5a5a5a);
	v.size = small;
	assert_int_equal(smtpcode_view_basic(455, &v), SMTPCODE_REGISTERED);
	assert_int_equal(v.size, small);
	assert_string_equal(v.code, "455");
}

static void
test_enum_names(void **state)
{
	(void)state;
	assert_string_equal(smtpcode_origin_name(SMTPCODE_ORIGIN_VENDOR), "vendor");
	assert_string_equal(smtpcode_retry_name(SMTPCODE_RETRY_LATER), "later");
	assert_string_equal(smtpcode_who_name(SMTPCODE_WHO_RECIPIENT_ADMIN), "recipient_admin");
	assert_string_equal(smtpcode_diff_name(SMTPCODE_DIFF_SEEN), "seen_after");
	assert_string_equal(smtpcode_parse_strerror(SMTPCODE_PARSE_ENH_CLASS),
	    "the class of an enhanced code is 2, 4 or 5");
	assert_int_equal(SMTPCODE_WHO_COUNT, 4);
	assert_int_equal(SMTPCODE_WHO_ALL, 15);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registered_basic_view),
		cmocka_unit_test(test_unregistered_basic_is_explained_from_its_digits),
		cmocka_unit_test(test_every_registered_code_has_a_full_view),
		cmocka_unit_test(test_enhanced_views_share_an_entry_across_classes),
		cmocka_unit_test(test_unregistered_enhanced),
		cmocka_unit_test(test_diff_names_what_differs),
		cmocka_unit_test(test_search_matches_all_words_case_insensitively),
		cmocka_unit_test(test_enum_names),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_view_respects_the_callers_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
