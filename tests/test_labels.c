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

/* The tag of the language a tag, as users type it, chooses; "" for none. */
static const char *
tag_of(const char *typed)
{
	const struct labels *L = labels_find(typed);

	return L ? L->tag : "";
}

static const char *
env_tag(void)
{
	return labels_from_env()->tag;
}

static void
test_every_language_is_complete(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(labels_count(), 15);
	for (i = 0; i < labels_count(); i++) {
		const struct labels *L = labels_find(labels_tag(i));
		int english = i == 0;

		assert_non_null(L);
		assert_string_equal(L->tag, labels_tag(i));
#define CHECK_LABEL(a, f)                                                     \
		if (L->f == NULL || L->f[0] == '\0')                          \
			fail_msg("%s: label %s is missing", L->tag, #f);       \
		if (strchr(L->f, ':') != NULL)                                 \
			fail_msg("%s: label %s has a colon", L->tag, #f);
		LABEL_FIELDS(CHECK_LABEL, _)
#undef CHECK_LABEL
		/* English names come from the library; every other language
		 * translates each of them. */
#define CHECK_NAME(a, f)                                                      \
		if (english ? L->f != NULL : (L->f == NULL || L->f[0] == '\0')) \
			fail_msg("%s: name %s is wrong", L->tag, #f);
		NAME_FIELDS(CHECK_NAME, _)
#undef CHECK_NAME
	}
}

/* Every fixed word of text output is in the reader's language: class,
 * category and subject names, who acts, "none". */
static void
test_fixed_words_are_translated(void **state)
{
	struct smtpcode_view v = { .size = sizeof v };
	const struct labels *L = labels_find("ru");

	(void)state;
	smtpcode_view_basic(455, &v);
	assert_string_equal(label_class(L, &v), "Временное отрицательное завершение");
	assert_string_not_equal(label_category(L, &v), v.category_name);
	assert_string_equal(L->nobody, "никто");
	smtpcode_view_basic(455, &v);
	L = labels_english();
	assert_string_equal(label_class(L, &v), "Transient Negative Completion");
	assert_string_equal(label_category(L, &v), "Mail system");
	assert_string_equal(L->who_sender, "the sender");
}

static void
test_seed_page_headings(void **state)
{
	const struct labels *L;

	(void)state;
	L = labels_find("ru");
	assert_string_equal(L->description, "Описание");
	assert_string_equal(L->when, "Когда вы это видите");
	assert_string_equal(L->fix, "Как исправить");
	assert_string_equal(L->key_differences, "Ключевые различия");
	assert_string_equal(L->when_to_use, "Когда что использовать");
	L = labels_find("vi");
	assert_string_equal(L->description, "Mô tả");
	assert_string_equal(L->when, "Khi bạn thấy mã này");
	assert_string_equal(L->fix, "Cách khắc phục");
	assert_string_equal(L->key_differences, "Sự khác biệt chính");
	assert_string_equal(L->when_to_use, "Khi nào dùng cái nào");
}

static void
test_tags_as_users_type_them(void **state)
{
	(void)state;
	assert_string_equal(tag_of("ru_RU.UTF-8"), "ru");
	assert_string_equal(tag_of("RU"), "ru");
	assert_string_equal(tag_of("pt-BR"), "pt");
	assert_string_equal(tag_of("zh-Hans"), "zh");
	assert_string_equal(tag_of("zh_CN.GB18030"), "zh");
	assert_string_equal(tag_of("zh_SG"), "zh");
	/* Traditional Chinese, by script or by region */
	assert_string_equal(tag_of("zh-Hant"), "zh-Hant");
	assert_string_equal(tag_of("zh_TW.UTF-8"), "zh-Hant");
	assert_string_equal(tag_of("zh_HK"), "zh-Hant");
	assert_string_equal(tag_of("zh-Hant-HK"), "zh-Hant");
	assert_string_equal(tag_of("ZH_tw"), "zh-Hant");
	assert_string_equal(tag_of("zh_MO.Big5"), "zh-Hant");
	assert_string_equal(tag_of("sr@latin"), "");
	assert_string_equal(tag_of("C"), "");
	assert_string_equal(tag_of("POSIX"), "");
	assert_string_equal(tag_of(""), "");
	assert_string_equal(tag_of("xx"), "");
	assert_string_equal(tag_of("averyveryverylongtag"), "");
}

static void
test_environment_precedence(void **state)
{
	(void)state;
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	assert_string_equal(env_tag(), "en");
	setenv("LANG", "vi_VN.UTF-8", 1);
	assert_string_equal(env_tag(), "vi");
	setenv("LC_MESSAGES", "de_DE.UTF-8", 1);
	assert_string_equal(env_tag(), "de");
	setenv("LC_ALL", "ru_RU.UTF-8", 1);
	assert_string_equal(env_tag(), "ru");
	setenv("LC_ALL", "C", 1);
	assert_string_equal(env_tag(), "en");
	setenv("LC_ALL", "", 1);  /* empty counts as unset */
	assert_string_equal(env_tag(), "de");
	setenv("LC_MESSAGES", "xx_YY", 1);
	assert_string_equal(env_tag(), "en");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_language_is_complete),
		cmocka_unit_test(test_fixed_words_are_translated),
		cmocka_unit_test(test_seed_page_headings),
		cmocka_unit_test(test_tags_as_users_type_them),
		cmocka_unit_test(test_environment_precedence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
