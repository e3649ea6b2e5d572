/*
 * labels.c: the headings and labels of text output in every language of
 * data/lang.def, and the choice of one from --lang or the environment.
 *
 * The texts sit in one constant pool with offsets beside it, as the
 * library's tables do, so that the program needs no relocation for them;
 * the one language in use is turned into pointers when it is chosen.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct lang_pool {
#define L(f, s) char f[sizeof(s)];
#define SMTP_LANG_BASE(t, tag, ...) struct { char tag_[sizeof tag]; __VA_ARGS__ } t;
#define SMTP_LANG(t, tag, ...) struct { char tag_[sizeof tag]; __VA_ARGS__ } t;
#include "lang.def"
#undef L
} pool = {
#define L(f, s) s,
#define SMTP_LANG_BASE(t, tag, ...) { tag, __VA_ARGS__ },
#define SMTP_LANG(t, tag, ...) { tag, __VA_ARGS__ },
#include "lang.def"
#undef L
};

/* A field listed twice would make a duplicate member; one missing fails
 * offsetof below; these count that nothing else is there. */
#define COUNT_(a, f) + 1 /* NOLINT(bugprone-macro-parentheses): a term of a sum */
enum {
	N_LABELS = 0 LABEL_FIELDS(COUNT_, _),
	N_NAMES = 0 NAME_FIELDS(COUNT_, _)
};
#undef COUNT_
#define L(f, s) + 1 /* NOLINT(bugprone-macro-parentheses): a term of a sum */
#define SMTP_LANG_BASE(t, tag, ...) _Static_assert((0 __VA_ARGS__) == N_LABELS, \
	"lang.def: " #t " has a field that is not a label");
#define SMTP_LANG(t, tag, ...) _Static_assert((0 __VA_ARGS__) == N_LABELS + N_NAMES, \
	"lang.def: " #t " has a field that is not a label or name");
#include "lang.def"
#undef L

struct lang_row {
	uint32_t tag;
	uint32_t label[N_LABELS];
	uint32_t name[N_NAMES];     /* 0: the library's English name */
};

/* NOLINTNEXTLINE(bugprone-macro-parentheses): a member designator */
#define OFF_(t, f) offsetof(struct lang_pool, t.f),
static const struct lang_row rows[] = {
#define SMTP_LANG_BASE(t, tag, ...)                                           \
	{ offsetof(struct lang_pool, t.tag_), { LABEL_FIELDS(OFF_, t) }, { 0 } },
#define SMTP_LANG(t, tag, ...)                                                \
	{ offsetof(struct lang_pool, t.tag_), { LABEL_FIELDS(OFF_, t) },      \
	  { NAME_FIELDS(OFF_, t) } },
#include "lang.def"
};
#undef OFF_

#define NLANG (sizeof rows / sizeof rows[0])

/* Turn row i into pointers. */
static const struct labels *
fill(size_t i, struct labels *dst)
{
	const char *base = (const char *)&pool;
	const char **label = &dst->vs, **name = &dst->not_smtp;
	size_t k;

	/* LABEL_FIELDS and NAME_FIELDS are each a run of const char *
	 * members, in the order of the offsets (checked below). */
	dst->tag = base + rows[i].tag;
	for (k = 0; k < N_LABELS; k++)
		label[k] = base + rows[i].label[k];
	for (k = 0; k < N_NAMES; k++)
		name[k] = rows[i].name[k] ? base + rows[i].name[k] : NULL;
	return dst;
}

_Static_assert(offsetof(struct labels, rep_made_by) - offsetof(struct labels, vs) ==
    (N_LABELS - 1) * sizeof(const char *), "labels: LABEL_FIELDS not contiguous");
_Static_assert(offsetof(struct labels, subj_unassigned) -
    offsetof(struct labels, not_smtp) == (N_NAMES - 1) * sizeof(const char *),
    "labels: NAME_FIELDS not contiguous");

/* The language chosen: one at a time (from the environment, then from
 * --lang). English has its own copy, for the body sentences. */
static const struct labels *
choose(size_t i)
{
	static struct labels chosen;

	return fill(i, &chosen);
}

const struct labels *
labels_english(void)
{
	static struct labels english;

	return english.tag ? &english : fill(0, &english);
}

size_t
labels_count(void)
{
	return NLANG;
}

const char *
labels_tag(size_t i)
{
	return i < NLANG ? (const char *)&pool + rows[i].tag : NULL;
}

/*
 * The language part of a tag: what comes before '_', '-', '.' or '@'
 * (ru_RU.UTF-8, pt-BR, zh-Hans, sr@latin), lower-cased. A region we do not
 * have falls back to the language (pt-BR to pt). Chinese is the exception:
 * Traditional script (Hant) or a region that writes it (TW, HK, MO) means
 * zh-Hant; anything else means zh, Simplified.
 */
static int
same_word(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int c = (unsigned char)a[i];
		if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != b[i])
			return 0;
	}
	return 1;
}

static int
traditional_chinese(const char *rest)
{
	static const char marks[][5] = { "hant", "tw", "hk", "mo" };
	size_t i, n;

	while (*rest == '_' || *rest == '-') {
		rest++;
		for (n = 0; rest[n] && rest[n] != '_' && rest[n] != '-' &&
		    rest[n] != '.' && rest[n] != '@'; n++)
			;
		for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
			if (n == strlen(marks[i]) && same_word(rest, marks[i], n))
				return 1;
		rest += n;
	}
	return 0;
}

const struct labels *
labels_find(const char *tag)
{
	char lang[8];
	size_t n = 0, i;

	while (tag[n] && tag[n] != '_' && tag[n] != '-' && tag[n] != '.' &&
	    tag[n] != '@') {
		if (n + 1 >= sizeof lang)
			return NULL;
		lang[n] = tag[n] >= 'A' && tag[n] <= 'Z' ? (char)(tag[n] - 'A' + 'a') : tag[n];
		n++;
	}
	lang[n] = '\0';
	if (n == 0)
		return NULL;
	if (strcmp(lang, "zh") == 0 && traditional_chinese(tag + n))
		strcpy(lang, "zh-Hant");
	for (i = 0; i < NLANG; i++)
		if (strcmp(labels_tag(i), lang) == 0)
			return choose(i);
	return NULL;
}

const struct labels *
labels_from_env(void)
{
	static const char vars[][12] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const struct labels *L;
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v == NULL || v[0] == '\0')
			continue;
		/* The first variable that is set decides, as in gettext; C,
		 * POSIX and a locale we do not know mean English. */
		L = labels_find(v);
		return L ? L : choose(0);
	}
	return choose(0);
}

/* The translated name, or the library's English one when L has none. */
static const char *
or_english(const char *translated, const char *english)
{
	return translated ? translated : english;
}

const char *
label_class(const struct labels *L, const struct smtpcode_view *v)
{
	const char *t;

	if (v->kind == SMTPCODE_KIND_ENHANCED) {
		switch (v->class_digit) {
		case 2:  t = L->enh_success; break;
		case 4:  t = L->enh_transient; break;
		case 5:  t = L->enh_permanent; break;
		default: t = L->enh_any; break;
		}
		return or_english(t, v->class_name);
	}
	switch (v->class_digit) {
	case 1:  t = L->positive_preliminary; break;
	case 2:  t = L->positive_completion; break;
	case 3:  t = L->positive_intermediate; break;
	case 4:  t = L->transient_negative; break;
	case 5:  t = L->permanent_negative; break;
	default: t = L->not_smtp; break;
	}
	return or_english(t, v->class_name);
}

const char *
label_category(const struct labels *L, const struct smtpcode_view *v)
{
	const char *const subjects[] = { L->subj_0, L->subj_1, L->subj_2,
	    L->subj_3, L->subj_4, L->subj_5, L->subj_6, L->subj_7 };
	const char *t;
	int d = v->category_digit;

	if (v->kind == SMTPCODE_KIND_ENHANCED)
		t = d >= 0 && d <= 7 ? subjects[d] : L->subj_unassigned;
	else if (d == 0)
		t = L->cat_syntax;
	else if (d == 1)
		t = L->cat_information;
	else if (d == 2)
		t = L->cat_connections;
	else if (d == 3 || d == 4)
		t = L->cat_unspecified;
	else if (d == 5)
		t = L->cat_mail_system;
	else
		t = L->cat_outside;
	return or_english(t, v->category_name);
}
