/*
 * test_labels.c: every language of data/lang.def is complete, and tags
 * and locale variables choose the language users expect.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"

static void
test_every_language_is_complete(void **state)
{
	size_t i;

	(void)state;
	assert_true(labels_count() >= 14);
	for (i = 0; i < labels_count(); i++) {
		const struct labels *L = labels_at(i);
#define CHECK_LABEL(f)                                                        \
		if (L->f == NULL || L->f[0] == '\0')                           \
			fail_msg("%s: label %s is missing", L->tag, #f);       \
		if (strchr(L->f, ':') != NULL)                                 \
			fail_msg("%s: label %s has a colon", L->tag, #f);
		LABEL_FIELDS(CHECK_LABEL)
#undef CHECK_LABEL
		assert_ptr_equal(labels_find(L->tag), L);
	}
}

static void
test_seed_page_headings(void **state)
{
	const struct labels *ru = labels_find("ru"), *vi = labels_find("vi");

	(void)state;
	assert_string_equal(ru->description, "Описание");
	assert_string_equal(ru->when, "Когда вы это видите");
	assert_string_equal(ru->fix, "Как исправить");
	assert_string_equal(ru->key_differences, "Ключевые различия");
	assert_string_equal(ru->when_to_use, "Когда что использовать");
	assert_string_equal(vi->description, "Mô tả");
	assert_string_equal(vi->when, "Khi bạn thấy mã này");
	assert_string_equal(vi->fix, "Cách khắc phục");
	assert_string_equal(vi->key_differences, "Sự khác biệt chính");
	assert_string_equal(vi->when_to_use, "Khi nào dùng cái nào");
}

static void
test_tags_as_users_type_them(void **state)
{
	(void)state;
	assert_ptr_equal(labels_find("ru_RU.UTF-8"), labels_find("ru"));
	assert_ptr_equal(labels_find("RU"), labels_find("ru"));
	assert_ptr_equal(labels_find("pt-BR"), labels_find("pt"));
	assert_ptr_equal(labels_find("zh-Hans"), labels_find("zh"));
	assert_ptr_equal(labels_find("zh_CN.GB18030"), labels_find("zh"));
	assert_ptr_equal(labels_find("sr@latin"), NULL);
	assert_null(labels_find("C"));
	assert_null(labels_find("POSIX"));
	assert_null(labels_find(""));
	assert_null(labels_find("xx"));
	assert_null(labels_find("averyveryverylongtag"));
}

static void
test_environment_precedence(void **state)
{
	(void)state;
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	assert_ptr_equal(labels_from_env(), labels_english());
	setenv("LANG", "vi_VN.UTF-8", 1);
	assert_ptr_equal(labels_from_env(), labels_find("vi"));
	setenv("LC_MESSAGES", "de_DE.UTF-8", 1);
	assert_ptr_equal(labels_from_env(), labels_find("de"));
	setenv("LC_ALL", "ru_RU.UTF-8", 1);
	assert_ptr_equal(labels_from_env(), labels_find("ru"));
	setenv("LC_ALL", "C", 1);
	assert_ptr_equal(labels_from_env(), labels_english());
	setenv("LC_ALL", "", 1);  /* empty counts as unset */
	assert_ptr_equal(labels_from_env(), labels_find("de"));
	setenv("LC_MESSAGES", "xx_YY", 1);
	assert_ptr_equal(labels_from_env(), labels_english());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_language_is_complete),
		cmocka_unit_test(test_seed_page_headings),
		cmocka_unit_test(test_tags_as_users_type_them),
		cmocka_unit_test(test_environment_precedence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
