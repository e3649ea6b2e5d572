/*
 * test_scan.c: the scanner against real log and bounce lines labelled by
 * hand (tests/corpus/loglines.tsv, bouncelines.tsv), reporting precision
 * and recall, and its streaming: chunking, long lines, NULs, CRLF.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtpcode.h"

/* Hits as the corpus writes them: "550 5.1.1", "550" or "5.1.1",
 * separated by ", ". */
struct items {
	char buf[1024];
	size_t len;
	int count;
};

static void
collect(const struct smtpcode_hit *h, void *arg)
{
	struct items *it = arg;
	char one[32];

	if (h->basic && h->has_enhanced)
		snprintf(one, sizeof one, "%d %d.%d.%d", h->basic, h->enhanced.cls,
		    h->enhanced.subject, h->enhanced.detail);
	else if (h->basic)
		snprintf(one, sizeof one, "%d", h->basic);
	else
		snprintf(one, sizeof one, "%d.%d.%d", h->enhanced.cls,
		    h->enhanced.subject, h->enhanced.detail);
	it->len += (size_t)snprintf(it->buf + it->len, sizeof it->buf - it->len,
	    "%s%s", it->count ? ", " : "", one);
	it->count++;
}

/* How many items of a are also in b (each item of b used once). */
static int
common(const char *a, const char *b)
{
	char bb[1024], *p, *save = NULL, *q;
	char aa[1024];
	int n = 0;

	snprintf(bb, sizeof bb, "%s", b);
	snprintf(aa, sizeof aa, "%s", a);
	for (p = strtok_r(aa, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		while (*p == ' ')
			p++;
		for (q = bb; (q = strstr(q, p)) != NULL; q++) {
			size_t l = strlen(p);
			if ((q == bb || q[-1] == ' ' || q[-1] == ',') &&
			    (q[l] == '\0' || q[l] == ',')) {
				memset(q, '#', l);
				n++;
				break;
			}
		}
	}
	return n;
}

static int
count_items(const char *s)
{
	int n = 0;

	if (*s == '\0')
		return 0;
	for (n = 1; *s; s++)
		n += *s == ',';
	return n;
}

static void
run_corpus(const char *file, int *tp, int *fp, int *fn, int *lines)
{
	FILE *f = fopen(file, "r");
	char line[8192];

	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	while (fgets(line, sizeof line, f)) {
		char *codes, *end;
		struct items it = { "", 0, 0 };
		int c;

		line[strcspn(line, "\n")] = '\0';
		codes = strchr(line, '\t');
		assert_non_null(codes);
		*codes++ = '\0';
		if ((end = strchr(codes, '\t')) != NULL)
			*end = '\0';
		smtpcode_scan_line(line, strlen(line), 1, collect, &it);
		c = common(it.buf, codes);
		*tp += c;
		*fp += it.count - c;
		*fn += count_items(codes) - c;
		if (strcmp(it.buf, codes) != 0)
			print_message("  %s\n    expected [%s] found [%s]\n",
			    line, codes, it.buf);
		(*lines)++;
	}
	fclose(f);
}

static void
test_corpus_precision_and_recall(void **state)
{
	int tp = 0, fp = 0, fn = 0, lines = 0;
	double precision, recall;

	(void)state;
	run_corpus(TESTS_DIR "/corpus/loglines.tsv", &tp, &fp, &fn, &lines);
	run_corpus(TESTS_DIR "/corpus/bouncelines.tsv", &tp, &fp, &fn, &lines);
	/* Our own fixtures, for formats the shared corpus lacks. */
	run_corpus(TESTS_DIR "/corpus/scan-fixtures.tsv", &tp, &fp, &fn, &lines);
	precision = tp + fp ? (double)tp / (tp + fp) : 1.0;
	recall = tp + fn ? (double)tp / (tp + fn) : 1.0;
	print_message("scan corpus: %d lines, %d codes found right, %d false, %d missed: precision %.3f, recall %.3f\n",
	    lines, tp, fp, fn, precision, recall);
	assert_int_equal(lines, 167 + 25 + 28);
	/* A false code is worse than a missed one. */
	assert_int_equal(fp, 0);
	assert_true(recall >= 0.97);
}

static void
test_chunked_feeding_finds_the_same(void **state)
{
	static const char text[] =
	    "Jul 12 07:47:48 saturn postfix/smtpd[8738]: NOQUEUE: reject: RCPT from x[1.2.3.4]: 554 5.7.1 <a@b>: Relay access denied\r\n"
	    "no code here 192.0.2.4 delay=0.55 smtpd[2550]\n"
	    "Diagnostic-Code: smtp; 550 5.2.1 <filtered@example.co.jp>... User Unknown\n"
	    "Status: 5.2.1";
	struct items whole = { "", 0, 0 };
	size_t chunk;

	(void)state;
	{
		struct smtpcode_scanner *s = smtpcode_scanner_new();
		assert_non_null(s);
		smtpcode_scan_feed(s, text, sizeof text - 1, collect, &whole);
		smtpcode_scan_finish(s, collect, &whole);
		smtpcode_scanner_free(s);
	}
	assert_string_equal(whole.buf, "554 5.7.1, 550 5.2.1, 5.2.1");
	for (chunk = 1; chunk < 40; chunk++) {
		struct smtpcode_scanner *s = smtpcode_scanner_new();
		struct items it = { "", 0, 0 };
		size_t off;

		assert_non_null(s);
		for (off = 0; off < sizeof text - 1; off += chunk) {
			size_t n = sizeof text - 1 - off;
			smtpcode_scan_feed(s, text + off, n < chunk ? n : chunk, collect, &it);
		}
		smtpcode_scan_finish(s, collect, &it);
		smtpcode_scanner_free(s);
		assert_string_equal(it.buf, whole.buf);
	}
}

struct where {
	unsigned long long line;
	size_t column;
	int count;
};

static void
locate(const struct smtpcode_hit *h, void *arg)
{
	struct where *w = arg;

	w->line = h->line;
	w->column = h->column;
	w->count++;
	assert_true(h->text_len < SMTPCODE_SCAN_LINE_MAX);
}

static void
test_long_lines_nuls_and_line_numbers(void **state)
{
	struct smtpcode_scanner *s = smtpcode_scanner_new();
	struct where w = { 0, 0, 0 };
	char *big = malloc(100000);

	(void)state;
	assert_non_null(big);
	assert_non_null(s);
	memset(big, 'x', 100000);
	smtpcode_scan_feed(s, "250 OK\n", 7, locate, &w);
	smtpcode_scan_feed(s, big, 100000, locate, &w);      /* a very long line */
	smtpcode_scan_feed(s, "\n\0\0\0" "550 x\n", 10, locate, &w);
	smtpcode_scan_feed(s, "\xff\xfe said: 421 4.3.2 bye\n", 23, locate, &w);
	smtpcode_scan_finish(s, locate, &w);
	assert_int_equal(w.count, 2);
	assert_int_equal((int)w.line, 4);
	assert_int_equal((int)w.column, 10);
	/* the line count starts again after a reset */
	smtpcode_scanner_reset(s);
	smtpcode_scan_feed(s, "x\n550 y\n", 9, locate, &w);
	assert_int_equal((int)w.line, 2);
	smtpcode_scanner_free(s);
	free(big);
}

static void
test_traps_are_not_codes(void **state)
{
	static const char *const traps[] = {
		"connect to mail2.crabruzzo.it[2.115.207.21]:25: No route to host",
		"warning: Message delivery request rate limit exceeded: 334 from spam.example.com[192.0.2.227]",
		"to=<a@b>, relay=none, delay=63495, delays=63350/144/0/0, status=deferred",
		"smtpd[2550]: disconnect from unknown[72.10.165.66] ehlo=2 commands=5/7",
		"2003-04-25 11:17:07 +0100 Start queue run: pid=12762",
		"== marvin@endrest.example R=dnslookup T=smtp defer (146): Connection refused",
		"Trusted TLS connection established to x[74.125.136.26]:25: TLSv1.2 (256/256 bits)",
		"220 mail.example.com SuperSMTP v 6.1.2 Service ready",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof traps / sizeof traps[0]; i++) {
		struct items it = { "", 0, 0 };
		smtpcode_scan_line(traps[i], strlen(traps[i]), 1, collect, &it);
		if (i == 7)
			assert_string_equal(it.buf, "220");
		else if (it.count != 0)
			fail_msg("found [%s] in: %s", it.buf, traps[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_precision_and_recall),
		cmocka_unit_test(test_chunked_feeding_finds_the_same),
		cmocka_unit_test(test_long_lines_nuls_and_line_numbers),
		cmocka_unit_test(test_traps_are_not_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
