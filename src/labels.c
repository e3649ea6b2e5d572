/*
 * labels.c: the headings and labels of text output in every language of
 * data/lang.def, and the choice of one from --lang or the environment.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct labels languages[] = {
#define SMTP_LANG(t, n, ...) { .tag = #t, .name = n, __VA_ARGS__ },
#include "lang.def"
};

#define NLANG (sizeof languages / sizeof languages[0])

const struct labels *
labels_english(void)
{
	return &languages[0];
}

size_t
labels_count(void)
{
	return NLANG;
}

const struct labels *
labels_at(size_t i)
{
	return i < NLANG ? &languages[i] : NULL;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * The language part of a tag: what comes before '_', '-', '.' or '@'
 * (ru_RU.UTF-8, pt-BR, zh-Hans, sr@latin), lower-cased. Script and region
 * are dropped: every language here has one written form in the table, and
 * a region we do not have falls back to the language (pt-BR to pt).
 */
const struct labels *
labels_find(const char *tag)
{
	char lang[8];
	size_t n = 0, i;

	while (tag[n] && tag[n] != '_' && tag[n] != '-' && tag[n] != '.' &&
	    tag[n] != '@') {
		if (n + 1 >= sizeof lang)
			return NULL;
		lang[n] = (char)lower((unsigned char)tag[n]);
		n++;
	}
	lang[n] = '\0';
	if (n == 0)
		return NULL;
	for (i = 0; i < NLANG; i++)
		if (strcmp(languages[i].tag, lang) == 0)
			return &languages[i];
	return NULL;
}

const struct labels *
labels_from_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const struct labels *L;
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v == NULL || v[0] == '\0')
			continue;
		/* The first variable that is set decides, as in gettext; C,
		 * POSIX and a locale we do not know mean English. */
		L = labels_find(v);
		return L ? L : labels_english();
	}
	return labels_english();
}
