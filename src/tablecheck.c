/*
 * tablecheck.c: run by the build after the library is compiled; fails the
 * build when a table breaks a rule that the compiler cannot check:
 * order, texts that end in a full stop, doubled words, retry advice that
 * contradicts the class, references of the right kind, and sentences that
 * two entries share (a comparison of the two would print them twice).
 */
#include <stdio.h>
#include <string.h>

#include "smtpcode.h"

static int problems;

static void
problem(const char *where, const char *what, const char *text)
{
	fprintf(stderr, "tablecheck: %s: %s%s%.70s%s\n", where, what,
	    text ? ": \"" : "", text ? text : "", text ? "\"" : "");
	problems++;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_word_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'';
}

/* "when when", "the the": the same word twice in a row. */
static int
doubled_word(const char *s)
{
	const char *a = s;

	while (*a) {
		const char *ae, *b, *be;
		size_t n;

		while (*a && !is_word_char((unsigned char)*a))
			a++;
		ae = a;
		while (*ae && is_word_char((unsigned char)*ae))
			ae++;
		if (ae == a)
			break;
		b = ae;
		if (*b != ' ')
			goto next;
		b++;
		be = b;
		while (*be && is_word_char((unsigned char)*be))
			be++;
		n = (size_t)(ae - a);
		if ((size_t)(be - b) == n) {
			size_t i;
			for (i = 0; i < n; i++)
				if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
					break;
			if (i == n)
				return 1;
		}
next:
		a = ae;
	}
	return 0;
}

static void
check_text(const char *where, const char *what, const char *s, int may_be_empty)
{
	size_t n = strlen(s);
	char label[64];

	snprintf(label, sizeof label, "%s %s", where, what);
	if (n == 0) {
		if (!may_be_empty)
			problem(label, "empty", NULL);
		return;
	}
	if (s[n - 1] != '.')
		problem(label, "does not end in a full stop", s);
	if (strstr(s, "  ") != NULL)
		problem(label, "has a double space", s);
	if (s[0] == ' ' || s[n - 1] == ' ')
		problem(label, "has a blank at an end", s);
	if (doubled_word(s))
		problem(label, "has a doubled word", s);
	if (strstr(s, "TODO") || strstr(s, "TBD") || strstr(s, "XXX") ||
	    strstr(s, "lorem"))
		problem(label, "has placeholder text", s);
}

static void
check_name(const char *where, const char *s)
{
	if (s[0] < 'A' || s[0] > 'Z')
		problem(where, "name does not start with a capital", s);
	if (s[strlen(s) - 1] == '.' || s[strlen(s) - 1] == ' ')
		problem(where, "name ends in a full stop or blank", s);
}

/* Every sentence of every registered entry, for the duplicate check. */
#define MAX_SENTENCES 4096
static struct sentence {
	const char *p;
	size_t len;
	char owner[16];
} sentences[MAX_SENTENCES];
static size_t nsentences;

static void
collect(const char *owner, const char *s)
{
	const char *start = s, *p;

	for (p = s; ; p++) {
		if (*p == '\0' || (*p == '.' && p[1] == ' ')) {
			size_t len = (size_t)(p - start) + (*p == '.');
			if (len >= 25 && nsentences < MAX_SENTENCES) {
				struct sentence *t = &sentences[nsentences++];
				t->p = start;
				t->len = len;
				snprintf(t->owner, sizeof t->owner, "%s", owner);
			}
			if (*p == '\0')
				break;
			start = p + 2;
		}
	}
}

static void
check_shared_sentences(void)
{
	size_t i, j;

	for (i = 0; i < nsentences; i++)
		for (j = i + 1; j < nsentences; j++) {
			if (sentences[i].len != sentences[j].len ||
			    memcmp(sentences[i].p, sentences[j].p, sentences[i].len) != 0)
				continue;
			if (strcmp(sentences[i].owner, sentences[j].owner) == 0)
				problem(sentences[i].owner, "repeats a sentence within the entry", sentences[i].p);
			else {
				char where[40];
				snprintf(where, sizeof where, "%s and %s",
				    sentences[i].owner, sentences[j].owner);
				problem(where, "share a sentence", sentences[i].p);
			}
		}
}

static enum smtp_retry
class_retry(int digit)
{
	switch (digit) {
	case 2: return SMTP_RETRY_NONE;
	case 3: return SMTP_RETRY_CONTINUE;
	case 4: return SMTP_RETRY_LATER;
	default: return SMTP_RETRY_NEVER;
	}
}

static void
check_basic(void)
{
	size_t i;
	int prev = -1;

	for (i = 0; i < smtp_basic_count(); i++) {
		const struct smtp_basic *b = smtp_basic_at(i);
		char where[16];
		int d1 = b->code / 100;

		snprintf(where, sizeof where, "%03d", b->code);
		if (b->code <= prev)
			problem(where, "out of order", NULL);
		prev = b->code;
		if (smtp_basic_lookup(b->code) != b)
			problem(where, "lookup does not find it", NULL);
		check_name(where, b->name);
		if (b->origin == SMTP_ORIGIN_RFC && strncmp(b->reference, "RFC ", 4) != 0)
			problem(where, "an RFC code's reference must start with \"RFC \"", b->reference);
		if (b->origin != SMTP_ORIGIN_RFC && b->rfc_text[0] != '\0')
			problem(where, "only an RFC code has an RFC text", b->rfc_text);
		if (d1 >= 2 && d1 <= 5 && b->retry != class_retry(d1))
			problem(where, "retry contradicts the class digit", NULL);
		if (strncmp(b->retry_text, "Yes", 3) != 0 &&
		    strncmp(b->retry_text, "No", 2) != 0)
			problem(where, "retry advice must start with a verdict (Yes, No, Not needed)", b->retry_text);
		if (b->retry == SMTP_RETRY_NONE && b->who != SMTP_WHO_NOBODY &&
		    b->who != SMTP_WHO_CLIENT)
			problem(where, "a success needs nobody to act but the client", NULL);
		check_text(where, "retry", b->retry_text, 0);
		check_text(where, "description", b->description, 0);
		check_text(where, "when", b->when, 0);
		check_text(where, "fix", b->fix, 0);
		collect(where, b->description);
		collect(where, b->when);
		collect(where, b->fix);
	}
}

static void
check_enhanced(void)
{
	size_t i;
	int prev = -1, cls;

	for (cls = 2; cls <= 5; cls++) {
		const struct smtp_digit *c = smtp_enhanced_class(cls);
		char where[16];

		if (cls == 3) {
			if (c != NULL)
				problem("3.x.x", "class 3 does not exist in RFC 3463", NULL);
			continue;
		}
		snprintf(where, sizeof where, "%d.x.x", cls);
		if (c == NULL) {
			problem(where, "class row missing", NULL);
			continue;
		}
		check_text(where, "description", c->description, 0);
		check_text(where, "when", c->when, 0);
		check_text(where, "fix", c->fix, 0);
	}
	for (cls = 0; cls <= 7; cls++) {
		const struct smtp_digit *s = smtp_enhanced_subject(cls);
		char where[16];

		snprintf(where, sizeof where, "x.%d.x", cls);
		if (s->digit != cls)
			problem(where, "subject row out of order", NULL);
		check_text(where, "description", s->description, 0);
		check_text(where, "when", s->when, 0);
		check_text(where, "fix", s->fix, 0);
	}
	for (i = 0; i < smtp_enhanced_count(); i++) {
		const struct smtp_enhanced *e = smtp_enhanced_at(i);
		char where[16];
		int key = e->subject * 1000 + e->detail;

		snprintf(where, sizeof where, "x.%d.%d", e->subject, e->detail);
		if (key <= prev)
			problem(where, "out of order", NULL);
		prev = key;
		if (smtp_enhanced_lookup(e->subject, e->detail) != e)
			problem(where, "lookup does not find it", NULL);
		check_name(where, e->name);
		check_text(where, "description", e->description, 0);
		check_text(where, "when", e->when, 0);
		check_text(where, "fix", e->fix, 0);
		check_text(where, "transient", e->transient, !(e->classes & SMTP_CLASS_4));
		check_text(where, "permanent", e->permanent, !(e->classes & SMTP_CLASS_5));
		collect(where, e->description);
		collect(where, e->when);
		collect(where, e->fix);
		collect(where, e->transient);
		collect(where, e->permanent);
	}
}

static void
check_digits(void)
{
	int d;

	for (d = 0; d <= 9; d++) {
		const struct smtp_digit *c = smtp_basic_class(d);
		const struct smtp_digit *g = smtp_basic_category(d);

		if (c == NULL || c->digit != d || g == NULL || g->digit != d) {
			problem("digits.def", "a digit row is missing or out of order", NULL);
			continue;
		}
		check_text(c->label, "description", c->description, 0);
		check_text(c->label, "when", c->when, 0);
		check_text(c->label, "fix", c->fix, 0);
		check_text(c->label, "retry", c->retry_text, 0);
		check_text(g->label, "description", g->description, 0);
	}
}

int
main(void)
{
	check_basic();
	check_enhanced();
	check_digits();
	check_shared_sentences();
	if (problems > 0) {
		fprintf(stderr, "tablecheck: %d problem%s in the code tables\n",
		    problems, problems == 1 ? "" : "s");
		return 1;
	}
	printf("tablecheck: %zu basic and %zu enhanced codes are in order\n",
	    smtp_basic_count(), smtp_enhanced_count());
	return 0;
}
