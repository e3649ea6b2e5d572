/*
 * test_diagkey.c: smtpcode_diagnosis_key() never gives one key to two
 * replies diagnosed differently, and gives one key to a reply said again
 * with other numbers.
 *
 * Every reply of the corpus (the replies as typed, and every hit of the
 * scanner in the logs, bounce lines and emails) is said again with its
 * digit runs changed at random, many times: wherever the key stays the
 * same, the whole diagnosis must stay the same, evidence included. The
 * test prints how many changed replies kept their key, and fails if too
 * few did (a key that changes with every number would pass the first
 * check and save nothing). Small cases then pin each rule: the digits the
 * diagnosis reads by value change the key.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtpcode.h"

#define VARIANTS 12

struct stats {
	unsigned long replies, variants, same_key;
	uint64_t rng;
};

static unsigned
rnd(struct stats *st, unsigned n)
{
	/* xorshift64: the same runs on every machine. */
	st->rng ^= st->rng << 13;
	st->rng ^= st->rng >> 7;
	st->rng ^= st->rng << 17;
	return (unsigned)(st->rng % n);
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* s with digit runs changed: each run of two digits or more (or, when
 * any_run, of any length) with a chance of one in two, to digits of the
 * same length or of a length from 1 to 7. Returns the new length. */
static size_t
vary(struct stats *st, const char *s, size_t n, char *out, size_t cap, int any_run)
{
	size_t i = 0, o = 0;

	while (i < n && o + 8 < cap) {
		size_t at = i, len, k, newlen;

		if (!is_digit(s[i])) {
			out[o++] = s[i++];
			continue;
		}
		while (i < n && is_digit(s[i]))
			i++;
		len = i - at;
		if ((len < 2 && !any_run) || rnd(st, 2) == 0) {
			memcpy(out + o, s + at, len < cap - o ? len : cap - o);
			o += len < cap - o ? len : cap - o;
			continue;
		}
		newlen = rnd(st, 2) ? len : 1 + rnd(st, 7);
		for (k = 0; k < newlen && o < cap; k++)
			out[o++] = (char)('0' + rnd(st, 10));
	}
	return o;
}

static void
same_diagnosis(const struct smtpcode_diagnosis *a,
    const struct smtpcode_diagnosis *b, const char *text, size_t len,
    const char *vtext, size_t vlen)
{
	size_t i;
	int same = a->reason == b->reason && a->hard == b->hard &&
	    a->provider == b->provider && a->blocklist == b->blocklist &&
	    a->blocklist_failed == b->blocklist_failed && a->basis == b->basis &&
	    strcmp(a->detail, b->detail) == 0 &&
	    strcmp(a->action, b->action) == 0 && a->nevidence == b->nevidence;

	for (i = 0; same && i < a->nevidence; i++) {
		const struct smtpcode_evidence *x = &a->evidence[i], *y = &b->evidence[i];
		same = x->kind == y->kind && x->provider == y->provider &&
		    x->basic == y->basic && x->len == y->len &&
		    memcmp(&x->enhanced, &y->enhanced, sizeof x->enhanced) == 0 &&
		    memcmp(x->text, y->text, x->len) == 0;
	}
	if (!same)
		print_message("same key, diagnosed apart:\n  %.*s\n  %.*s\n",
		    (int)len, text, (int)vlen, vtext);
	assert_true(same);
}

/* The reply, then its variants. */
static void
check_input(const struct smtpcode_input *in, struct stats *st)
{
	static char text[1 << 16], host[1024];
	struct smtpcode_diagnosis d = { .size = sizeof d };
	struct smtpcode_diagnosis_key k;
	int v;

	assert_int_equal(smtpcode_diagnosis_key(in, &k), 0);
	smtpcode_diagnose(in, &d);
	st->replies++;
	for (v = 0; v < VARIANTS; v++) {
		struct smtpcode_input w = *in;
		struct smtpcode_diagnosis e = { .size = sizeof e };
		struct smtpcode_diagnosis_key kw;

		w.text_len = vary(st, in->text, in->text_len, text, sizeof text, v % 3 == 2);
		w.text = text;
		if (in->host != NULL) {
			w.host_len = vary(st, in->host, in->host_len, host, sizeof host, 0);
			w.host = host;
		}
		smtpcode_diagnosis_key(&w, &kw);
		st->variants++;
		if (kw.h1 != k.h1 || kw.h2 != k.h2)
			continue;
		st->same_key++;
		smtpcode_diagnose(&w, &e);
		same_diagnosis(&d, &e, in->text, in->text_len, w.text, w.text_len);
	}
}

static void
on_hit(const struct smtpcode_hit *h, void *arg)
{
	struct smtpcode_input in = { .size = sizeof in };

	in.text = h->text;
	in.text_len = h->text_len;
	in.basic = h->basic;
	in.has_enhanced = h->has_enhanced;
	in.enhanced = h->enhanced;
	in.host = h->host;
	in.host_len = h->host_len;
	check_input(&in, arg);
}

static void
scan_file(const char *path, struct stats *st)
{
	struct smtpcode_scanner *s = smtpcode_scanner_new();
	char buf[8192];
	size_t n;
	FILE *f = fopen(path, "rb");

	assert_non_null(s);
	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		smtpcode_scan_feed(s, buf, n, on_hit, st);
	smtpcode_scan_finish(s, on_hit, st);
	fclose(f);
	smtpcode_scanner_free(s);
}

/* The first column of a corpus file, as the command takes a reply typed
 * in: the whole reply, codes and all. */
static void
typed_replies(const char *path, struct stats *st)
{
	char line[8192];
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		struct smtpcode_arg a = { .size = sizeof a };
		struct smtpcode_input in = { .size = sizeof in };
		char *p, *q;

		line[strcspn(line, "\t\r\n")] = '\0';
		/* A reply of several lines is written with \n. */
		for (p = q = line; *p; p++, q++) {
			if (p[0] == '\\' && p[1] == 'n') {
				*q = '\n';
				p++;
			} else {
				*q = *p;
			}
		}
		*q = '\0';
		if (smtpcode_parse_arg(line, strlen(line), &a) != SMTPCODE_PARSE_OK ||
		    a.kind != SMTPCODE_ARG_REPLY)
			continue;
		in.text = line;
		in.text_len = strlen(line);
		in.basic = a.reply.code;
		in.has_enhanced = a.reply.has_enhanced;
		in.enhanced = a.reply.enhanced;
		check_input(&in, st);
	}
	fclose(f);
}

static void
test_corpus_variants(void **state)
{
	static const char *const files[] = {
		"provider-replies.tsv", "provider-replies-extra.tsv",
		"replies.tsv", "loglines.tsv", "bouncelines.tsv",
		"scan-real.tsv", "scan-fixtures.tsv", "bounces.tsv",
	};
	struct stats st = { .rng = 0x9e3779b97f4a7c15ULL };
	char path[1024];
	size_t i;
	DIR *dir;
	struct dirent *e;
	unsigned long emails = 0;

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/corpus/%s", TESTS_DIR, files[i]);
		scan_file(path, &st);
		typed_replies(path, &st);
	}
	snprintf(path, sizeof path, "%s/corpus/bounces", TESTS_DIR);
	dir = opendir(path);
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/corpus/bounces/%s", TESTS_DIR, e->d_name);
		scan_file(path, &st);
		emails++;
	}
	closedir(dir);
	print_message("%lu replies (%lu emails), %lu changed, %lu of them "
	    "kept their key (%.1f%%), each diagnosed as before\n", st.replies,
	    emails, st.variants, st.same_key, 100.0 * st.same_key / st.variants);
	assert_true(st.replies > 1500);
	assert_true(emails >= 30);
	/* Half the runs of two digits or more change in most variants:
	 * those nothing reads must keep the key in many of them. */
	assert_true(st.same_key * 5 > st.variants);
}

static void
key_of(const char *text, int basic, const char *enhanced, const char *host,
    struct smtpcode_diagnosis_key *k)
{
	struct smtpcode_input in = { .size = sizeof in };

	in.text = text;
	in.text_len = strlen(text);
	in.basic = basic;
	if (enhanced != NULL) {
		in.has_enhanced = 1;
		assert_int_equal(smtpcode_parse_enhanced(enhanced, strlen(enhanced),
		    &in.enhanced), SMTPCODE_PARSE_OK);
	}
	in.host = host;
	in.host_len = host ? strlen(host) : 0;
	assert_int_equal(smtpcode_diagnosis_key(&in, k), 0);
}

static int
same_key(const char *a, const char *b, int basic, const char *enhanced)
{
	struct smtpcode_diagnosis_key x, y;

	key_of(a, basic, enhanced, NULL, &x);
	key_of(b, basic, enhanced, NULL, &y);
	return x.h1 == y.h1 && x.h2 == y.h2;
}

/* Do reply a with codes ba, ea and reply b with codes bb, eb share a key? */
static int
same_key_codes(const char *a, int ba, const char *ea, const char *b, int bb,
    const char *eb)
{
	struct smtpcode_diagnosis_key x, y;

	key_of(a, ba, ea, NULL, &x);
	key_of(b, bb, eb, NULL, &y);
	return x.h1 == y.h1 && x.h2 == y.h2;
}

static void
test_numbers_left_out(void **state)
{
	struct smtpcode_diagnosis_key x, y;

	(void)state;
	/* An address, a user number, a count of seconds. */
	assert_true(same_key("Client host [192.0.2.14] blocked using zen.spamhaus.org",
	    "Client host [192.0.2.207] blocked using zen.spamhaus.org", 554, "5.7.1"));
	assert_true(same_key("Client host [198.51.100.24] blocked using zen.spamhaus.org",
	    "Client host [203.113.57.161] blocked using zen.spamhaus.org", 554, "5.7.1"));
	/* An octet that ends in 2, 4 or 5 is no enhanced code's class. */
	assert_true(same_key("The mail server [45.133.73.165] has been rate limited",
	    "The mail server [45.134.78.166] has been rate limited", 451, "4.7.651"));
	assert_true(same_key("<user1234@example.org>: Recipient address rejected",
	    "<user987654@example.org>: Recipient address rejected", 550, "5.1.1"));
	assert_true(same_key("Greylisted, please try again in 300 seconds",
	    "Greylisted, please try again in 60 seconds", 450, "4.2.0"));
	/* The same reply from a host with another number. */
	key_of("Mailbox full", 552, "5.2.2", "mx12.example.net[198.51.100.17]", &x);
	key_of("Mailbox full", 552, "5.2.2", "mx47.example.net[198.51.100.81]", &y);
	assert_true(x.h1 == y.h1 && x.h2 == y.h2);
}

static void
test_numbers_read(void **state)
{
	(void)state;
	/* Everything else. */
	assert_false(same_key("Mailbox full", "Mailbox ful1", 552, "5.2.2"));
	assert_true(same_key_codes("Mailbox full", 552, "5.2.2", "Mailbox full", 552, "5.2.2"));
	assert_false(same_key_codes("Mailbox full", 552, "5.2.2", "Mailbox full", 552, "5.2.1"));
	assert_false(same_key_codes("Mailbox full", 552, "5.2.2", "Mailbox full", 452, "5.2.2"));
	assert_false(same_key_codes("Mailbox full", 552, "5.2.2", "Mailbox full", 552, NULL));
	/* A number a pattern holds: Microsoft's S3140 is a tag, S3141 not. */
	assert_false(same_key("Unfortunately, messages from [192.0.2.1] weren't sent. (S3140)",
	    "Unfortunately, messages from [192.0.2.1] weren't sent. (S3141)", 550, "5.7.1"));
	/* A single digit, even one no pattern holds. */
	assert_false(same_key("try again in 5 minutes", "try again in 6 minutes", 450, NULL));
	assert_false(same_key("try again in 7 minutes", "try again in 77 minutes", 450, NULL));
	/* The basic code said again inside the line ("550-5.1.1" is cut
	 * out of the text, "551-5.1.1" is not). */
	assert_false(same_key("does not exist. Please try 550-5.1.1 double-checking",
	    "does not exist. Please try 551-5.1.1 double-checking", 550, "5.1.1"));
	/* An enhanced code's subject and detail. */
	assert_false(same_key("rejected 550 5.7.12 policy", "rejected 550 5.7.13 policy",
	    550, "5.7.12"));
	assert_false(same_key("rejected 550 5.12.1 policy", "rejected 550 5.13.1 policy",
	    550, "5.7.1"));
	assert_false(same_key("rejected 550 #5.12.1 policy", "rejected 550 #5.13.1 policy",
	    550, "5.7.1"));
	/* A code at the start of a line, read as the line's code. */
	assert_false(same_key("first line\n552 second line", "first line\n553 second line",
	    550, NULL));
	/* Two or three digits are not four or more. */
	assert_false(same_key("user12@example.org rejected", "user1234@example.org rejected",
	    550, "5.1.1"));
	/* The parts do not run into each other: host "ab", text "c" is not
	 * host "a", text "bc". */
	{
		struct smtpcode_diagnosis_key x, y;
		key_of("c", 550, NULL, "ab", &x);
		key_of("bc", 550, NULL, "a", &y);
		assert_false(x.h1 == y.h1 && x.h2 == y.h2);
	}
}

static void
test_size_checked(void **state)
{
	struct smtpcode_input in = { .size = 8 };
	struct smtpcode_diagnosis_key k;

	(void)state;
	assert_int_equal(smtpcode_diagnosis_key(&in, &k), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_variants),
		cmocka_unit_test(test_numbers_left_out),
		cmocka_unit_test(test_numbers_read),
		cmocka_unit_test(test_size_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
