/*
 * test_view.c: views of registered and unregistered codes, and the
 * differences computed between two of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "smtpcode.h"

static void
test_registered_basic_view(void **state)
{
	struct smtp_view v;

	(void)state;
	assert_true(smtp_view_basic(455, &v));
	assert_string_equal(v.code, "455");
	assert_int_equal(v.kind, SMTP_KIND_BASIC);
	assert_int_equal(v.cls->digit, 4);
	assert_string_equal(v.cls->label, "4xx");
	assert_string_equal(v.category_label, "x5z");
	assert_int_equal(v.retry, SMTP_RETRY_LATER);
	assert_true(v.in_grammar);
	assert_ptr_equal(v.basic, smtp_basic_lookup(455));
}

static void
test_unregistered_basic_is_explained_from_its_digits(void **state)
{
	struct smtp_view v;

	(void)state;
	assert_false(smtp_view_basic(299, &v));
	assert_string_equal(v.code, "299");
	assert_int_equal(v.origin, SMTP_ORIGIN_UNREGISTERED);
	/* outside the grammar (second digit 9): that comes first */
	assert_ptr_equal(v.description, smtp_basic_category(9)->description);
	assert_ptr_equal(v.description_more, smtp_basic_class(2)->description);
	assert_false(v.in_grammar);
	assert_false(smtp_view_basic(239, &v));
	assert_ptr_equal(v.description, smtp_basic_class(2)->description);
	assert_ptr_equal(v.description_more, smtp_basic_category(3)->description);
	assert_false(smtp_view_basic(359, &v));
	assert_true(v.in_grammar);
	assert_false(smtp_view_basic(999, &v));
	assert_false(v.in_grammar);
	assert_false(smtp_view_basic(7, &v));
	assert_string_equal(v.code, "007");
	assert_false(smtp_view_basic(1000, &v));
	assert_false(smtp_view_basic(-5, &v));
}

static void
test_every_registered_code_has_a_full_view(void **state)
{
	size_t i;
	struct smtp_view v;

	(void)state;
	for (i = 0; i < smtp_basic_count(); i++) {
		assert_true(smtp_view_basic(smtp_basic_at(i)->code, &v));
		assert_true(strlen(v.name) && strlen(v.description) &&
		    strlen(v.when) && strlen(v.fix) && strlen(v.retry_text));
	}
	for (i = 0; i < smtp_enhanced_count(); i++) {
		const struct smtp_enhanced *e = smtp_enhanced_at(i);
		int cls;
		for (cls = 2; cls <= 5; cls += (cls == 2 ? 2 : 1)) {
			struct smtp_enhanced_code c = { cls, e->subject, e->detail };
			assert_true(smtp_view_enhanced(&c, &v));
			assert_true(strlen(v.name) && strlen(v.description) &&
			    strlen(v.when) && strlen(v.fix) && strlen(v.retry_text));
			if (cls == 4 && (e->classes & SMTP_CLASS_4))
				assert_ptr_equal(v.description_more, e->transient);
			if (cls == 5 && (e->classes & SMTP_CLASS_5))
				assert_ptr_equal(v.description_more, e->permanent);
		}
	}
}

static void
test_enhanced_views_share_an_entry_across_classes(void **state)
{
	struct smtp_enhanced_code c4 = { 4, 7, 1 }, c5 = { 5, 7, 1 };
	struct smtp_view v4, v5;

	(void)state;
	assert_true(smtp_view_enhanced(&c4, &v4));
	assert_true(smtp_view_enhanced(&c5, &v5));
	assert_ptr_equal(v4.enhanced, v5.enhanced);
	assert_string_equal(v4.code, "4.7.1");
	assert_int_equal(v4.retry, SMTP_RETRY_LATER);
	assert_int_equal(v5.retry, SMTP_RETRY_NEVER);
	assert_string_equal(v5.category_label, "x.7.x");
	assert_true(smtp_view_diff(&v4, &v5) & SMTP_DIFF_CLASS);
	assert_false(smtp_view_diff(&v4, &v5) & SMTP_DIFF_CATEGORY);
}

static void
test_unregistered_enhanced(void **state)
{
	struct smtp_enhanced_code c = { 5, 9, 9 }, d = { 4, 1, 99 };
	struct smtp_view v;

	(void)state;
	assert_false(smtp_view_enhanced(&c, &v));
	assert_string_equal(v.code, "5.9.9");
	assert_string_equal(v.category_label, "x.9.x");
	assert_int_equal(v.origin, SMTP_ORIGIN_UNREGISTERED);
	assert_false(smtp_view_enhanced(&d, &v));
	assert_ptr_equal(v.category, smtp_enhanced_subject(1));
	assert_int_equal(v.retry, SMTP_RETRY_LATER);
}

static void
test_diff_names_what_differs(void **state)
{
	struct smtp_view a, b;
	unsigned d;

	(void)state;
	smtp_view_basic(211, &a);
	smtp_view_basic(455, &b);
	d = smtp_view_diff(&a, &b);
	assert_true(d & SMTP_DIFF_CLASS);
	assert_true(d & SMTP_DIFF_CATEGORY);
	assert_true(d & SMTP_DIFF_RETRY);
	assert_false(d & SMTP_DIFF_KIND);
	assert_int_equal(smtp_view_diff(&a, &a), 0);
	/* same class: something else still differs */
	smtp_view_basic(550, &a);
	smtp_view_basic(500, &b);
	d = smtp_view_diff(&a, &b);
	assert_false(d & SMTP_DIFF_CLASS);
	assert_true(d & SMTP_DIFF_CATEGORY);
}

static void
test_search_matches_all_words_case_insensitively(void **state)
{
	struct smtp_view v;
	const char *w1[] = { "RELAY", "denied" };
	const char *w2[] = { "mailbox" };
	const char *w3[] = { "zzzzqqq" };

	(void)state;
	smtp_view_basic(550, &v);
	assert_int_equal(smtp_view_match(&v, w3, 1), 0);
	assert_true(smtp_view_match(&v, w2, 1) > 0);
	smtp_view_basic(211, &v);
	assert_int_equal(smtp_view_match(&v, w1, 2), 0);
	assert_int_equal(smtp_view_match(&v, NULL, 0), 1);
}

static void
test_enum_names(void **state)
{
	(void)state;
	assert_string_equal(smtp_origin_name(SMTP_ORIGIN_VENDOR), "vendor");
	assert_string_equal(smtp_retry_name(SMTP_RETRY_LATER), "later");
	assert_string_equal(smtp_who_name(SMTP_WHO_RECIPIENT_ADMIN), "recipient_admin");
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
