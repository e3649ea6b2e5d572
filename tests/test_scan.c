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
#include "hit_digest.h"

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

/*
 * The shared corpus lists Postfix's and Sendmail's dsn= field as an item
 * of its own ("5.7.1, 550 5.7.1"); the scanner reports the field and the
 * reply it belongs to as one reply, with the reply's own codes. Read the
 * labels that way: a leading dsn= item with a reply after it goes.
 */
static void
merge_dsn(const char *line, char *codes)
{
	char *comma = strchr(codes, ',');

	if (strstr(line, "dsn=") == NULL || comma == NULL ||
	    codes[1] != '.' || strchr(comma, ' ') == NULL ||
	    strchr(comma + 2, ' ') == NULL)
		return;
	memmove(codes, comma + 2, strlen(comma + 2) + 1);
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
		merge_dsn(line, codes);
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
	assert_int_equal(fn, 0);
}

/*
 * Real lines gathered from issue threads, documentation and the tests of
 * mail software (tests/corpus/scan-real.tsv: Python smtplib, PHP and Node
 * mailers, Java, Go, Ruby, OpenSMTPD, Exim, Postfix, vendor reports, ...),
 * each with its source. Precision 100%, recall at least 98%.
 */
static void
test_real_lines(void **state)
{
	int tp = 0, fp = 0, fn = 0, lines = 0;
	double precision, recall;

	(void)state;
	run_corpus(TESTS_DIR "/corpus/scan-real.tsv", &tp, &fp, &fn, &lines);
	precision = tp + fp ? (double)tp / (tp + fp) : 1.0;
	recall = tp + fn ? (double)tp / (tp + fn) : 1.0;
	print_message("real lines: %d lines, %d replies found right, %d false, %d missed: precision %.3f, recall %.3f\n",
	    lines, tp, fp, fn, precision, recall);
	assert_true(lines >= 150);
	assert_int_equal(fp, 0);
	assert_true(recall >= 0.98);
}

/* Scan a whole file with a streaming scanner. */
static void
scan_file(const char *path, struct items *it)
{
	struct smtpcode_scanner *s = smtpcode_scanner_new();
	FILE *f = fopen(path, "rb");
	char buf[4096];
	size_t n;

	assert_non_null(s);
	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		smtpcode_scan_feed(s, buf, n, collect, it);
	smtpcode_scan_finish(s, collect, it);
	fclose(f);
	smtpcode_scanner_free(s);
}

/*
 * Real bounce emails (tests/corpus/bounces/, listed with their labels and
 * sources in bounces.tsv): read as emails, quoted-printable and base64
 * decoded, a DSN's Status and Diagnostic-Code one reply, no code taken
 * from a header field.
 */
static void
test_real_bounces(void **state)
{
	FILE *f = fopen(TESTS_DIR "/corpus/bounces.tsv", "r");
	char line[8192];
	int tp = 0, fp = 0, fn = 0, files = 0;
	double precision, recall;

	(void)state;
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	while (fgets(line, sizeof line, f)) {
		char *codes, *end, path[sizeof line + 128];
		struct items it = { "", 0, 0 };
		int c;

		line[strcspn(line, "\n")] = '\0';
		codes = strchr(line, '\t');
		assert_non_null(codes);
		*codes++ = '\0';
		if ((end = strchr(codes, '\t')) != NULL)
			*end = '\0';
		snprintf(path, sizeof path, "%s/corpus/bounces/%s", TESTS_DIR, line);
		scan_file(path, &it);
		c = common(it.buf, codes);
		tp += c;
		fp += it.count - c;
		fn += count_items(codes) - c;
		if (c != it.count || c != count_items(codes))
			print_message("  %s\n    expected [%s] found [%s]\n",
			    line, codes, it.buf);
		files++;
	}
	fclose(f);
	precision = tp + fp ? (double)tp / (tp + fp) : 1.0;
	recall = tp + fn ? (double)tp / (tp + fn) : 1.0;
	print_message("real bounces: %d emails, %d replies found right, %d false, %d missed: precision %.3f, recall %.3f\n",
	    files, tp, fp, fn, precision, recall);
	assert_true(files >= 30);
	assert_int_equal(fp, 0);
	assert_true(recall >= 0.98);
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
	assert_string_equal(whole.buf, "554 5.7.1, 550 5.2.1");
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
		"{\"statusCode\": 550, \"x\": 1}",
		"statusCode: 550",
		"http_code=421 exit_code: 451",
		"msmtpd --interface=0.0.0.0 --port=1025 --cmd-err-code=451",
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

/*
 * Header fields that never carry a reply yield nothing, each one the
 * old scanner took a code from: Content-Length, X-Mailman-Version,
 * X-UIDL, a folded Received line's "(256 bits)"; and in the text, a
 * "Size (in bytes): 222" field. Each is tried alone in an email's
 * header, and all together with a reply in the body that must be found.
 */
static void
test_header_fields_yield_nothing(void **state)
{
	static const char *const fields[] = {
		"Content-Length: 530\n",
		"X-Mailman-Version: 2.1.15\n",
		"X-UIDL: 518\n",
		"Received: from mail.example.org (mail.example.org [192.0.2.7])\n"
		"\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384\n"
		"\t(256/256 bits)) (No client certificate requested)\n"
		"\tby mx.example.net (Postfix) with ESMTPS id 4F1A2\n",
		"Received: by mx.example.net; 250 bits\n 421 hops\n",
		"Subject: Undelivered Mail Returned to Sender 550 5.1.1\n",
		"X-Spam-Score: 550\n",
	};
	static const char body[] =
	    "\n"
	    "Size (in bytes): 222\n"
	    "<bob@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1\n"
	    "    <bob@example.net>: Recipient address rejected: User unknown (in\n"
	    "    reply to RCPT TO command)\n";
	char mail[2048];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		struct items it = { "", 0, 0 };
		struct smtpcode_scanner *s = smtpcode_scanner_new();

		assert_non_null(s);
		snprintf(mail, sizeof mail, "Return-Path: <>\n%sFrom: MAILER-DAEMON\n\nno reply here\n",
		    fields[i]);
		smtpcode_scan_feed(s, mail, strlen(mail), collect, &it);
		smtpcode_scan_finish(s, collect, &it);
		smtpcode_scanner_free(s);
		if (it.count != 0)
			fail_msg("found [%s] in: %s", it.buf, fields[i]);
	}
	{
		struct items it = { "", 0, 0 };
		struct smtpcode_scanner *s = smtpcode_scanner_new();
		size_t n = 0;

		assert_non_null(s);
		n += (size_t)snprintf(mail + n, sizeof mail - n, "Return-Path: <>\n");
		for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
			n += (size_t)snprintf(mail + n, sizeof mail - n, "%s", fields[i]);
		n += (size_t)snprintf(mail + n, sizeof mail - n, "%s", body);
		assert_true(n < sizeof mail);
		smtpcode_scan_feed(s, mail, n, collect, &it);
		smtpcode_scan_finish(s, collect, &it);
		smtpcode_scanner_free(s);
		assert_string_equal(it.buf, "550 5.1.1");
	}
}

/* The returned message and its headers are not the bounce: a
 * message/rfc822 part and a text/rfc822-headers part yield nothing, a
 * base64 text part is decoded, and a DSN's Status and Diagnostic-Code
 * are one reply with the Status's code when the reply has none. */
static void
test_mime_parts(void **state)
{
	static const char mail[] =
	    "From: MAILER-DAEMON@example.net\r\n"
	    "Content-Type: multipart/report; report-type=delivery-status;\r\n"
	    "\tboundary=\"b1\"\r\n"
	    "\r\n"
	    "--b1\r\n"
	    "Content-Type: text/plain\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "\r\n"
	    /* "Remote host said: 552 Mailbox full\n" */
	    "UmVtb3RlIGhvc3Qgc2FpZDogNTUyIE1haWxib3ggZnVsbAo=\r\n"
	    "--b1\r\n"
	    "Content-Type: message/delivery-status\r\n"
	    "\r\n"
	    "Reporting-MTA: dns; mx.example.net\r\n"
	    "\r\n"
	    "Final-Recipient: rfc822; bob@example.org\r\n"
	    "Action: failed\r\n"
	    "Status: 5.2.2\r\n"
	    "Remote-MTA: dns; mx.example.org\r\n"
	    "Diagnostic-Code: smtp; 552 Mailbox\r\n"
	    "    full\r\n"
	    "\r\n"
	    "--b1\r\n"
	    "Content-Type: text/rfc822-headers\r\n"
	    "\r\n"
	    "Received: from x (x [192.0.2.9]) by y; 250 ok 421\r\n"
	    "--b1\r\n"
	    "Content-Type: message/rfc822\r\n"
	    "\r\n"
	    "Subject: test\r\n"
	    "\r\n"
	    "550 5.1.1 quoted in the returned message\r\n"
	    "--b1--\r\n";
	struct items it = { "", 0, 0 };
	struct smtpcode_scanner *s = smtpcode_scanner_new();

	(void)state;
	assert_non_null(s);
	smtpcode_scan_feed(s, mail, sizeof mail - 1, collect, &it);
	smtpcode_scan_finish(s, collect, &it);
	smtpcode_scanner_free(s);
	assert_string_equal(it.buf, "552, 552 5.2.2");
	{
		/* HTML alone in an alternative is read, without its tags;
		 * after a plain part it is not read again. */
		static const char html[] =
		    "From: a\nContent-Type: multipart/alternative; boundary=\"b\"\n\n"
		    "--b\nContent-Type: text/html\n\n"
		    "<p>host x.example.com[192.0.2.1] said: 550 5.1.1 &lt;a@b&gt; User unknown</p>\n"
		    "--b--\n";
		static const char both[] =
		    "From: a\nContent-Type: multipart/alternative; boundary=\"b\"\n\n"
		    "--b\nContent-Type: text/plain\n\nsaid: 550 5.1.1 User unknown\n"
		    "--b\nContent-Type: text/html\n\n<p>said: 550 5.1.1 User unknown</p>\n"
		    "--b--\n";
		struct items a = { "", 0, 0 }, b = { "", 0, 0 };

		s = smtpcode_scanner_new();
		assert_non_null(s);
		smtpcode_scan_feed(s, html, sizeof html - 1, collect, &a);
		smtpcode_scan_finish(s, collect, &a);
		smtpcode_scanner_reset(s);
		smtpcode_scan_feed(s, both, sizeof both - 1, collect, &b);
		smtpcode_scan_finish(s, collect, &b);
		smtpcode_scanner_free(s);
		assert_string_equal(a.buf, "550 5.1.1");
		assert_string_equal(b.buf, "550 5.1.1");
	}
}

/* A digest of every hit: place, codes, text and host, order-sensitive. */
struct digest {
	unsigned long long sum;
	unsigned long long hits;
};

static void
digest_hit(const struct smtpcode_hit *h, void *arg)
{
	struct digest *d = arg;

	d->sum = d->sum * 1099511628211ULL + hit_digest(h);
	d->hits++;
}

/*
 * The scanner skips whole lines that cannot hold a reply when they sit
 * inside the block it is given, and reads each line alone otherwise:
 * both ways must find the same replies at the same places. Every real
 * line of the corpora, fed whole and in blocks of many sizes.
 */
static void
test_block_sizes_find_the_same(void **state)
{
	static const char *const files[] = {
		"/corpus/scan-real.tsv", "/corpus/loglines.tsv",
		"/corpus/bouncelines.tsv", "/corpus/scan-fixtures.tsv"
	};
	static const size_t blocks[] = { 1, 2, 7, 19, 20, 64, 333, 4096, 65536 };
	static char text[1 << 20];
	size_t n = 0, i, b;
	struct digest whole = { 0, 0 };

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		char path[512], line[16384];
		FILE *f;

		snprintf(path, sizeof path, "%s%s", TESTS_DIR, files[i]);
		f = fopen(path, "r");
		assert_non_null(f);
		while (fgets(line, sizeof line, f) != NULL) {
			size_t k = strcspn(line, "\t");
			if (n + k + 1 >= sizeof text)
				break;
			memcpy(text + n, line, k);
			n += k;
			text[n++] = '\n';
		}
		fclose(f);
	}
	{
		struct smtpcode_scanner *s = smtpcode_scanner_new();
		assert_non_null(s);
		smtpcode_scan_feed(s, text, n, digest_hit, &whole);
		smtpcode_scan_finish(s, digest_hit, &whole);
		smtpcode_scanner_free(s);
	}
	assert_true(whole.hits > 300);
	for (b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
		struct digest d = { 0, 0 };
		struct smtpcode_scanner *s = smtpcode_scanner_new();
		size_t off;

		assert_non_null(s);
		for (off = 0; off < n; off += blocks[b])
			smtpcode_scan_feed(s, text + off,
			    n - off < blocks[b] ? n - off : blocks[b], digest_hit, &d);
		smtpcode_scan_finish(s, digest_hit, &d);
		smtpcode_scanner_free(s);
		if (d.hits != whole.hits || d.sum != whole.sum)
			fail_msg("blocks of %zu: %llu hits, %llu whole", blocks[b],
			    d.hits, whole.hits);
	}
}

static void
keep_host_of_first(const struct smtpcode_hit *h, void *arg)
{
	char *out = arg;

	if (out[0] == '\0')
		snprintf(out, 128, "%.*s", h->host ? (int)h->host_len : 6,
		    h->host ? h->host : "(none)");
}

/*
 * A big log is scanned in pieces by two threads: where a scanner is idle
 * after a line, a scanner resumed at its line count must give, for the
 * rest, exactly what it would have given. Checked at every line of real
 * lines mixed with DSN groups and folded fields, which are not idle.
 */
static void
test_resume_where_idle(void **state)
{
	static const char *const dsn[] = {
		"Final-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.1.1\n"
		"Diagnostic-Code: smtp; 550 5.1.1 The email account that you\n"
		"    tried to reach does not exist\n\n",
		"Status: 4.2.2\nRemote-MTA: dns; mx.b.example\n\n",
	};
	static char text[1 << 17];
	size_t n = 0, i, k = 0, idle = 0, busy = 0;
	struct digest whole = { 0, 0 };
	char path[512], line[16384];
	FILE *f;
	struct smtpcode_scanner *s = smtpcode_scanner_new(), *t = smtpcode_scanner_new();

	(void)state;
	assert_non_null(s);
	assert_non_null(t);
	snprintf(path, sizeof path, "%s/corpus/scan-real.tsv", TESTS_DIR);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL && n + sizeof line < sizeof text) {
		size_t len = strcspn(line, "\t");

		memcpy(text + n, line, len);
		n += len;
		text[n++] = '\n';
		if (++k % 20 == 0) {
			const char *g = dsn[k / 20 % 2];
			memcpy(text + n, g, strlen(g));
			n += strlen(g);
		}
	}
	fclose(f);
	smtpcode_scan_feed(s, text, n, digest_hit, &whole);
	smtpcode_scan_finish(s, digest_hit, &whole);
	assert_true(whole.hits > 250);
	for (i = 0; i < n; i++) {
		struct digest d = { 0, 0 };

		if (i > 0 && text[i - 1] != '\n')
			continue;
		smtpcode_scanner_reset(s);
		smtpcode_scan_feed(s, text, i, digest_hit, &d);
		if (!smtpcode_scanner_idle(s)) {
			busy++;
			continue;
		}
		idle++;
		smtpcode_scanner_resume(t, smtpcode_scanner_lines(s));
		smtpcode_scan_feed(t, text + i, n - i, digest_hit, &d);
		smtpcode_scan_finish(t, digest_hit, &d);
		if (d.hits != whole.hits || d.sum != whole.sum)
			fail_msg("resumed after byte %zu (line %llu): %llu hits, %llu whole",
			    i, smtpcode_scanner_lines(s), d.hits, whole.hits);
	}
	/* Inside a DSN group, a folded field, a line: not idle. */
	assert_true(idle > 300);
	assert_true(busy >= k / 20 * 3);
	smtpcode_scanner_reset(s);
	smtpcode_scan_feed(s, "a log\nStatus: 5.1.1\n", 20, digest_hit, &whole);
	assert_false(smtpcode_scanner_idle(s));
	smtpcode_scan_feed(s, "\n550 5.1.1", 10, digest_hit, &whole);
	assert_false(smtpcode_scanner_idle(s));
	smtpcode_scan_feed(s, " x\n", 3, digest_hit, &whole);
	assert_true(smtpcode_scanner_idle(s));
	assert_int_equal(smtpcode_scanner_lines(s), 4);
	/* An email is never idle: its parts and records span it. */
	smtpcode_scanner_reset(s);
	smtpcode_scan_feed(s, "From: MAILER-DAEMON@b.example\nSubject: x\n\n",
	    43, digest_hit, &whole);
	assert_false(smtpcode_scanner_idle(s));
	/* A resumed scanner does not take its first line for an email's. */
	smtpcode_scanner_resume(t, 7);
	smtpcode_scan_feed(t, "From: a@b.example\n", 18, digest_hit, &whole);
	assert_true(smtpcode_scanner_idle(t));
	assert_int_equal(smtpcode_scanner_lines(t), 8);
	smtpcode_scanner_free(s);
	smtpcode_scanner_free(t);
}

/* SMTPCODE_SCAN_FAILURE_HOST: the host of a failure, none for a success
 * (on a line inside the block, where the flags apply). */
static void
test_failure_host(void **state)
{
	static const char *const lines[] = {
		"postfix/smtp[1]: 4F1A2: to=<a@b.example>, relay=mx1.b.example[192.0.2.4]:25, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
		"postfix/smtp[1]: 4F1A2: host mx.b.example[192.0.2.4] said: 550 5.1.1 User unknown (in reply to RCPT TO command)",
	};
	static const char *const want[][2] = {
		{ "(none)", "mx1.b.example" },
		{ "mx.b.example", "mx.b.example" },
	};
	size_t i, f;

	(void)state;
	for (f = 0; f < 2; f++) {
		for (i = 0; i < 2; i++) {
			char in[512], host[128] = "";
			struct smtpcode_scanner *s = smtpcode_scanner_new();

			assert_non_null(s);
			smtpcode_scanner_set_flags(s, f == 0 ? SMTPCODE_SCAN_FAILURE_HOST : 0);
			snprintf(in, sizeof in, "a first line\n%s\nand one after it, to pad\n",
			    lines[i]);
			smtpcode_scan_feed(s, in, strlen(in), keep_host_of_first, host);
			smtpcode_scanner_free(s);
			if (strcmp(host, want[i][f]) != 0)
				fail_msg("flags %zu, line %zu: host [%s], expected [%s]",
				    f, i, host, want[i][f]);
		}
	}
}

static void
keep_host(const struct smtpcode_hit *h, void *arg)
{
	char *out = arg;

	if (out[0] == '\0')
		snprintf(out, 128, "%.*s", (int)h->host_len, h->host ? h->host : "");
}

/* The host that sent a reply, as each MTA's log line names it, near the
 * reply or far before it. */
static void
test_hosts(void **state)
{
	static const char *const cases[][2] = {
		{ "Jul 12 07:47:48 saturn postfix/smtp[8738]: 4F1A2: host mx.b.example[192.0.2.4] said: 550 5.1.1 User unknown", "mx.b.example" },
		{ "postfix/smtp[1]: 4F1A2: to=<a@b.example>, relay=mx1.b.example[192.0.2.4]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.1, status=deferred (450 4.7.1 Try again later)", "mx1.b.example" },
		{ "sm-mta[31427]: 200908EF1F: to=<a@b.example>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120, relay=mx.b.example. [192.0.2.4], dsn=5.1.1, stat=User unknown (550 5.1.1 no such user here, see the documentation)", "mx.b.example" },
		{ "2026-11-25 12:08:16 1r91893-000994-Ab ** a@b.example R=dnslookup T=remote_smtp H=mx.b.example [192.0.2.4]: SMTP error from remote mail server after RCPT TO:<a@b.example>: 550 5.1.1 No such user", "mx.b.example" },
		{ "ghost mx.b.example[192.0.2.4] said: 550 5.1.1 x", "" },
		{ "host x[192.0.2.4] said: 550 5.1.1 x", "" },
		{ "550 5.1.1 host mx.b.example[192.0.2.4]", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char host[128] = "";

		smtpcode_scan_line(cases[i][0], strlen(cases[i][0]), 1, keep_host, host);
		if (strcmp(host, cases[i][1]) != 0)
			fail_msg("host [%s], expected [%s] in: %s", host, cases[i][1], cases[i][0]);
	}
}

static void
keep_text(const struct smtpcode_hit *h, void *arg)
{
	char *out = arg;

	if (out[0] == '\0')
		snprintf(out, 256, "%.*s", (int)h->text_len, h->text);
}

/* A reply's text ends without the blanks after it and without the ')' of
 * a parenthesis it sits in, however long the text and however nested
 * its own parentheses. */
static void
test_text_ends(void **state)
{
	static const char *const cases[][2] = {
		{ "postfix/smtp[1]: 4F1A2: to=<a@b.example>, relay=mx.b.example[192.0.2.4]:25, dsn=5.1.1, status=bounced (host mx.b.example[192.0.2.4] said: 550 5.1.1 User unknown (in reply to RCPT TO command))",
		  "User unknown (in reply to RCPT TO command)" },
		{ "x said: 550 5.1.1 a (b) (c (d)) ((((e)))) (in reply to RCPT TO command))  ",
		  "a (b) (c (d)) ((((e)))) (in reply to RCPT TO command)" },
		{ "(((said: 550 5.1.1 short)))", "short" },
		{ "said: 550 5.1.1 no parenthesis at all, and a long text after the code   ",
		  "no parenthesis at all, and a long text after the code" },
		{ "said: 550 5.1.1 (((((((((((((((((((((nested)))))))))))))))))))))))",
		  "(((((((((((((((((((((nested)))))))))))))))))))))" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[256] = "";

		smtpcode_scan_line(cases[i][0], strlen(cases[i][0]), 1, keep_text, text);
		if (strcmp(text, cases[i][1]) != 0)
			fail_msg("text [%s], expected [%s]", text, cases[i][1]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_precision_and_recall),
		cmocka_unit_test(test_real_lines),
		cmocka_unit_test(test_real_bounces),
		cmocka_unit_test(test_chunked_feeding_finds_the_same),
		cmocka_unit_test(test_long_lines_nuls_and_line_numbers),
		cmocka_unit_test(test_traps_are_not_codes),
		cmocka_unit_test(test_header_fields_yield_nothing),
		cmocka_unit_test(test_mime_parts),
		cmocka_unit_test(test_block_sizes_find_the_same),
		cmocka_unit_test(test_resume_where_idle),
		cmocka_unit_test(test_failure_host),
		cmocka_unit_test(test_hosts),
		cmocka_unit_test(test_text_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
