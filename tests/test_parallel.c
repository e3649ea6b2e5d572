/*
 * test_parallel.c: the command's two-thread scan of a big file
 * (parallel.c) against one scanner reading it whole: the same hits, at
 * the same lines, in the same order; the helper's pieces kept where the
 * cut falls between log lines, scanned again where it falls inside a DSN
 * group or a line longer than a piece.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "hit_digest.h"
#include "parallel.h"

/* Each side keeps the list of its hits' digests, in order; the helper's
 * are appended to the main thread's when its piece is kept. */
struct list {
	unsigned long long *x;
	size_t n, cap;
};

static void
list_hit(const struct smtpcode_hit *h, void *arg)
{
	struct list *l = arg;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4096;
		l->x = realloc(l->x, l->cap * sizeof *l->x);
		assert_non_null(l->x);
	}
	l->x[l->n++] = hit_digest(h);
}

static int
keep_list(void *main_arg, void *helper_arg)
{
	struct list *m = main_arg, *h = helper_arg;
	size_t i;

	for (i = 0; i < h->n; i++) {
		if (m->n == m->cap) {
			m->cap = m->cap ? m->cap * 2 : 4096;
			m->x = realloc(m->x, m->cap * sizeof *m->x);
			assert_non_null(m->x);
		}
		m->x[m->n++] = h->x[i];
	}
	h->n = 0;
	return 1;
}

static void
drop_list(void *helper_arg)
{
	((struct list *)helper_arg)->n = 0;
}

static const char dsn[] =
    "Final-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.1.1\n"
    "Diagnostic-Code: smtp; 550 5.1.1 The email account that you tried\n"
    "    to reach does not exist\n\n";

/* A log of about size bytes: Postfix lines, each followed by groups DSN
 * groups (pasted bounces), and a line of 1.5 MiB in the middle if
 * long_line. */
static FILE *
make_log(size_t size, int groups, int long_line)
{
	FILE *f = tmpfile();
	size_t n = 0, i = 0;

	assert_non_null(f);
	while (n < size) {
		int k;

		k = fprintf(f, "Nov 29 06:%02zu:%02zu mx postfix/smtp[%zu]: 4F1A%zu: "
		    "to=<u%zu@b.example>, relay=mx.b.example[192.0.2.4]:25, dsn=%s, "
		    "status=%s (%s)\n", i / 60 % 60, i % 60, 1000 + i % 9000, i, i,
		    i % 3 ? "2.0.0" : "5.1.1", i % 3 ? "sent" : "bounced",
		    i % 3 ? "250 2.0.0 Ok: queued as 9A" : "host mx.b.example[192.0.2.4] said: "
		    "550 5.1.1 <u@b.example>: Recipient address rejected: User unknown");
		assert_true(k > 0);
		n += (size_t)k;
		for (k = 0; k < groups; k++) {
			fputs(dsn, f);
			n += sizeof dsn - 1;
		}
		if (long_line && i == 1000) {
			size_t j;

			fputs("550 5.1.1 ", f);
			for (j = 0; j < (3u << 19); j++)
				putc('x', f);
			fputs(" 550 5.1.1 after\n", f);
			n += (3u << 19) + 28;
		}
		i++;
	}
	fflush(f);
	return f;
}

/* Scan f with one scanner, then with scan_parallel; both lists must be
 * the same. The helper's counts of kept and redone pieces in *kept and
 * *redone. */
static void
compare(FILE *f, unsigned long long *kept, unsigned long long *redone)
{
	struct list one = { NULL, 0, 0 }, two = { NULL, 0, 0 }, help = { NULL, 0, 0 };
	struct scan_helper h;
	struct source_reader r;
	char buf[1 << 16];
	size_t got;
	long long size;
	struct smtpcode_scanner *s = smtpcode_scanner_new();

	assert_non_null(s);
	rewind(f);
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		smtpcode_scan_feed(s, buf, got, list_hit, &one);
	smtpcode_scan_finish(s, list_hit, &one);
	size = ftell(f);

	memset(&h, 0, sizeof h);
	h.scanner = smtpcode_scanner_new();
	assert_non_null(h.scanner);
	h.arg = &help;
	h.keep = keep_list;
	h.drop = drop_list;
	memset(&r, 0, sizeof r);
	r.scanner = s;
	r.cb = list_hit;
	r.arg = &two;
	r.source = "test";
	r.helper = &h;
	rewind(f);      /* it reads from the file's offset */
	assert_int_equal(scan_parallel(&r, fileno(f), size), 0);
	assert_int_equal(lseek(fileno(f), 0, SEEK_CUR), size);
	assert_int_equal(two.n, one.n);
	assert_memory_equal(two.x, one.x, one.n * sizeof *one.x);
	assert_true(one.n > 1000);
	*kept = h.kept;
	*redone = h.redone;
	smtpcode_scanner_free(h.scanner);
	smtpcode_scanner_free(s);
	free(one.x);
	free(two.x);
	free(help.x);
}

static void
test_plain_log_pieces_kept(void **state)
{
	FILE *f = make_log(9u << 20, 0, 0);
	unsigned long long kept, redone;

	(void)state;
	compare(f, &kept, &redone);
	fclose(f);
	/* Nine pieces or so, every other one the helper's. */
	assert_true(kept >= 3);
	assert_int_equal(redone, 0);
}

static void
test_groups_and_long_lines_scanned_again(void **state)
{
	FILE *f = make_log(12u << 20, 8, 1);
	unsigned long long kept, redone;

	(void)state;
	compare(f, &kept, &redone);
	fclose(f);
	/* Eight DSN groups after every log line: most cuts fall inside one,
	 * and the long line ends a piece without a newline. */
	assert_true(redone >= 2);
	assert_true(kept >= 1);
}

static void
test_small_file_not_split(void **state)
{
	FILE *f = make_log(1u << 20, 0, 0);
	struct source_reader r;
	struct scan_helper h;

	(void)state;
	memset(&r, 0, sizeof r);
	memset(&h, 0, sizeof h);
	r.helper = &h;
	assert_int_equal(scan_parallel(&r, fileno(f), 1 << 20), 1);
	r.helper = NULL;
	assert_int_equal(scan_parallel(&r, fileno(f), 64LL << 20), 1);
	fclose(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_log_pieces_kept),
		cmocka_unit_test(test_groups_and_long_lines_scanned_again),
		cmocka_unit_test(test_small_file_not_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
