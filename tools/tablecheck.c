/*
 * tablecheck.c: run by the build after the library is compiled; fails the
 * build when a table breaks a rule that the compiler cannot check:
 * order, texts that end in a full stop, doubled words, retry advice that
 * contradicts the class, references of the right kind, and sentences that
 * two entries share (a comparison of the two would print them twice).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static int problems;

static void
problem(const char *where, const char *what, const char *text)
{
	fprintf(stderr, "tablecheck: %s: %s%s%.70s%s\n", where, what,
	    text ? ": \"" : "", text ? text : "", text ? "\"" : "");
	problems++;
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
				if (to_lower((unsigned char)a[i]) != to_lower((unsigned char)b[i]))
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
	char owner[48];
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
				char where[100];
				snprintf(where, sizeof where, "%s and %s",
				    sentences[i].owner, sentences[j].owner);
				problem(where, "share a sentence", sentences[i].p);
			}
		}
}

static enum smtpcode_retry
class_retry(int digit)
{
	switch (digit) {
	case 2: return SMTPCODE_RETRY_NONE;
	case 3: return SMTPCODE_RETRY_CONTINUE;
	case 4: return SMTPCODE_RETRY_LATER;
	default: return SMTPCODE_RETRY_NEVER;
	}
}

/* Retry advice starts with its verdict, and the verdict agrees with the
 * flag: "Yes" for LATER, "No" for NEVER, "Not needed" for NONE and
 * CONTINUE. */
static void
check_retry(const char *where, enum smtpcode_retry r, const char *text)
{
	int yes = strncmp(text, "Yes", 3) == 0;
	int not_needed = strncmp(text, "Not needed", 10) == 0;
	int no = !not_needed && strncmp(text, "No", 2) == 0;

	if (!yes && !no && !not_needed)
		problem(where, "retry advice must start with a verdict (Yes, No, Not needed)", text);
	else if ((r == SMTPCODE_RETRY_LATER && !yes) ||
	    (r == SMTPCODE_RETRY_NEVER && !no) ||
	    ((r == SMTPCODE_RETRY_NONE || r == SMTPCODE_RETRY_CONTINUE) && !not_needed))
		problem(where, "retry advice contradicts the retry flag", text);
	check_text(where, "retry", text, 0);
}

static void
check_basic(void)
{
	struct basic_entry b, again;
	size_t i;
	int prev = -1;

	for (i = 0; smtpcode__basic_get(i, &b); i++) {
		char where[16];
		int d1 = b.code / 100;

		snprintf(where, sizeof where, "%03d", b.code);
		if (b.code <= prev)
			problem(where, "out of order", NULL);
		prev = b.code;
		if (!smtpcode__basic_find(b.code, &again) || again.name != b.name ||
		    smtpcode_basic_code(i) != b.code)
			problem(where, "lookup does not find it", NULL);
		check_name(where, b.name);
		if (b.origin == SMTPCODE_ORIGIN_RFC && strncmp(b.reference, "RFC ", 4) != 0)
			problem(where, "an RFC code's reference must start with \"RFC \"", b.reference);
		if (b.origin != SMTPCODE_ORIGIN_RFC && b.rfc_text[0] != '\0')
			problem(where, "only an RFC code has an RFC text", b.rfc_text);
		if (d1 >= 2 && d1 <= 5 && b.retry != class_retry(d1))
			problem(where, "retry contradicts the class digit", NULL);
		if (b.retry == SMTPCODE_RETRY_NONE && b.who != WHO_NOBODY &&
		    b.who != WHO_CLIENT)
			problem(where, "a success needs nobody to act but the client", NULL);
		check_retry(where, b.retry, b.retry_text);
		check_text(where, "description", b.description, 0);
		check_text(where, "when", b.when, 0);
		check_text(where, "fix", b.fix, 0);
		collect(where, b.description);
		collect(where, b.when);
		collect(where, b.fix);
	}
}

static void
check_row(const char *where, const struct digit_entry *d, int texts)
{
	check_name(where, d->name);
	check_text(where, "description", d->description, 0);
	if (texts) {
		check_text(where, "when", d->when, 0);
		check_text(where, "fix", d->fix, 0);
	}
	collect(where, d->description);
	collect(where, d->when);
	collect(where, d->fix);
}

static void
check_enhanced(void)
{
	struct enhanced_entry e, again;
	struct digit_entry d;
	size_t i;
	int prev = -1, cls;

	for (cls = 0; cls <= 9; cls++) {
		char where[16];
		int want = cls == 2 || cls == 4 || cls == 5;

		snprintf(where, sizeof where, "%d.x.x", cls);
		if (smtpcode__enhanced_class(cls, &d) != want)
			problem(where, want ? "class row missing" :
			    "RFC 3463 has no such class", NULL);
		else if (want)
			check_row(where, &d, 1);
	}
	for (cls = 0; cls <= 7; cls++) {
		char where[16];

		snprintf(where, sizeof where, "x.%d.x", cls);
		if (!smtpcode__enhanced_subject(cls, &d) || d.digit != cls)
			problem(where, "subject row missing or out of order", NULL);
		else
			check_row(where, &d, 1);
	}
	for (i = 0; smtpcode__enhanced_get(i, &e); i++) {
		char where[16];
		int key = e.subject * 1000 + e.detail;

		snprintf(where, sizeof where, "x.%d.%d", e.subject, e.detail);
		if (key <= prev)
			problem(where, "out of order", NULL);
		prev = key;
		if (!smtpcode__enhanced_find(e.subject, e.detail, &again) ||
		    again.name != e.name)
			problem(where, "lookup does not find it", NULL);
		check_name(where, e.name);
		check_text(where, "description", e.description, 0);
		check_text(where, "when", e.when, 0);
		check_text(where, "fix", e.fix, 0);
		check_text(where, "transient", e.transient, !(e.classes & CLS_4));
		check_text(where, "permanent", e.permanent, !(e.classes & CLS_5));
		collect(where, e.description);
		collect(where, e.when);
		collect(where, e.fix);
		collect(where, e.transient);
		collect(where, e.permanent);
	}
}

/* data/digits.def, as the other tables: texts, names, retry verdicts, and
 * no sentence shared with another row. */
static void
check_digits(void)
{
	struct digit_entry c, g;
	int d;

	for (d = 0; d <= 9; d++) {
		char where[16];

		if (!smtpcode__basic_class(d, &c) || !smtpcode__basic_category(d, &g) ||
		    g.digit != d) {
			problem("digits.def", "a digit row is missing or out of order", NULL);
			continue;
		}
		/* 0 and 6-9 share one row: check it once. */
		if (d <= 5) {
			snprintf(where, sizeof where, "%dxx", d == 0 ? 0 : d);
			check_row(where, &c, 1);
			check_retry(where, c.retry, c.retry_text);
			if (d >= 2 && c.retry != class_retry(d))
				problem(where, "retry contradicts the class digit", NULL);
		}
		snprintf(where, sizeof where, "x%dz", d);
		check_row(where, &g, 0);
	}
	smtpcode__enhanced_any_class(&c);
	check_name("X.x.x", c.name);
	check_text("X.x.x", "description", c.description, 0);
	check_text("X.x.x", "retry", c.retry_text, 0);
	smtpcode__enhanced_unassigned_subject(8, &c);
	check_row("x.8.x", &c, 1);
}

static void
check_url(const char *where, const char *url)
{
	if (url[0] != '\0' && strncmp(url, "https://", 8) != 0 &&
	    strncmp(url, "http://", 7) != 0)
		problem(where, "a URL must start with http:// or https://", url);
}

/* Lower case letters, digits, '.', '-': what scripts match on. */
static void
check_id(const char *where, const char *id)
{
	const char *p;

	for (p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || is_digit(*p) || *p == '.' || *p == '-'))
			problem(where, "an id is lower case letters, digits, '.' and '-'", id);
}

/* The diagnosis data: reasons, providers, block lists, provider codes
 * and tags. */
static void
check_diagnosis(void)
{
	struct pcode_entry pc, other;
	struct ptag_entry tag;
	size_t i, j;
	int k;

	for (k = 1; k <= (int)smtpcode_reason_count(); k++) {
		struct smtpcode_reason_info r = { .size = sizeof r };
		char where[48];

		smtpcode_reason_info(k, &r);
		snprintf(where, sizeof where, "reason %s", r.name);
		if (smtpcode_reason_find(r.name, strlen(r.name)) != k)
			problem(where, "two reasons share a name", NULL);
		if (r.gloss[0] < 'a' || r.gloss[0] > 'z' ||
		    r.gloss[strlen(r.gloss) - 1] == '.')
			problem(where, "a gloss starts in lower case and has no full stop", r.gloss);
		check_text(where, "action", r.action, 0);
		collect(where, r.action);
	}
	for (k = 1; k <= (int)smtpcode_provider_count(); k++) {
		struct smtpcode_provider_info p = { .size = sizeof p };
		char where[48];

		smtpcode_provider_info(k, &p);
		snprintf(where, sizeof where, "provider %s", p.id);
		check_id(where, p.id);
		if (smtpcode_provider_find(p.id, strlen(p.id)) != k)
			problem(where, "two providers share an id", NULL);
		check_url(where, p.url);
	}
	for (k = 1; k <= (int)smtpcode_blocklist_count(); k++) {
		struct smtpcode_blocklist_info b = { .size = sizeof b };
		char where[48];

		smtpcode_blocklist_info(k, &b);
		snprintf(where, sizeof where, "block list %s", b.id);
		check_id(where, b.id);
		if (smtpcode_blocklist_find(b.id, strlen(b.id)) != k)
			problem(where, "two block lists share an id", NULL);
		check_url(where, b.lookup_url);
		check_url(where, b.delist_url);
		check_text(where, "action", b.action, 0);
		collect(where, b.action);
	}
	for (i = 0; smtpcode__pcode_get(i, &pc); i++) {
		char where[48], code[12];
		struct enhanced_entry e;
		int d, in_registry = 0;

		smtpcode_enhanced_string(&pc.code, code, sizeof code);
		snprintf(where, sizeof where, "provider code %s", code);
		check_name(where, pc.name);
		check_text(where, "description", pc.description, 0);
		check_text(where, "when", pc.when, 0);
		check_text(where, "fix", pc.fix, 0);
		collect(where, pc.description);
		collect(where, pc.when);
		collect(where, pc.fix);
		for (d = pc.code.detail; d <= pc.last; d++)
			in_registry |= smtpcode__enhanced_find(pc.code.subject, d, &e);
		/* OWN: the code alone names the provider, which is only true
		 * where the registry leaves it free. */
		if (pc.own == in_registry)
			problem(where, pc.own ? "OWN, but the IANA registry defines it" :
			    "SHARED, but the IANA registry does not define it", NULL);
		for (j = 0; pc.own && smtpcode__pcode_get(j, &other); j++)
			if (j != i && other.own && other.provider != pc.provider &&
			    other.code.cls == pc.code.cls &&
			    other.code.subject == pc.code.subject &&
			    other.code.detail <= pc.last && pc.code.detail <= other.last)
				problem(where, "OWN by two providers", NULL);
	}
	for (i = 0; smtpcode__ptag_get(i, &tag); i++) {
		char where[48];

		snprintf(where, sizeof where, "provider tag %s", tag.tag);
		check_name(where, tag.name);
		check_text(where, "description", tag.description, 0);
		check_text(where, "when", tag.when, 0);
		check_text(where, "fix", tag.fix, 0);
		collect(where, tag.description);
		collect(where, tag.when);
		collect(where, tag.fix);
	}
}

int
main(void)
{
	check_basic();
	check_enhanced();
	check_digits();
	check_diagnosis();
	check_shared_sentences();
	if (problems > 0) {
		fprintf(stderr, "tablecheck: %d problem%s in the code tables\n",
		    problems, problems == 1 ? "" : "s");
		return 1;
	}
	printf("tablecheck: %zu basic and %zu enhanced codes, %zu reasons, %zu providers and %zu block lists are in order\n",
	    smtpcode_basic_count(), smtpcode_enhanced_count(),
	    smtpcode_reason_count(), smtpcode_provider_count(),
	    smtpcode_blocklist_count());
	return 0;
}
