/*
 * test_records.c: smtpcode_record_line() against the hand-labelled logs
 * of tests/corpus/records/ (Postfix, Exim, Sendmail, OpenSMTPD; their
 * sources and labelling rules are in tests/corpus/README.md), and on
 * hostile input: cut lines, NULs, long lines, invalid UTF-8, a caller's
 * smaller structure.
 *
 * A line knows only itself, and three rules of the fixtures join lines,
 * so the test does what a report must do with the records:
 *   - an expiry carries the relay and codes of the recipient's last
 *     deferral, and one that names no recipient (Postfix's qmgr,
 *     Sendmail's give-up) expires every recipient of its queue id still
 *     pending;
 *   - an OpenSMTPD refusal's client is the host= of its session's "smtp
 *     connected" line;
 *   - a Sendmail to= that lists several addresses is one record, for the
 *     first; the others are read from the list after it.
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

#define COLS 8                  /* queue_id ... enhanced */
#define FIELD 160

/* A record as the fixtures write it: the line number, then queue_id,
 * direction, status, recipient, domain, relay, basic, enhanced. */
struct row {
	unsigned long long line;
	char f[COLS][FIELD];
	int used;
};

struct rows {
	struct row *v;
	size_t n, cap;
};

static struct row *
add_row(struct rows *rs)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->v = realloc(rs->v, rs->cap * sizeof *rs->v);
		assert_non_null(rs->v);
	}
	memset(&rs->v[rs->n], 0, sizeof rs->v[rs->n]);
	return &rs->v[rs->n++];
}

static void
put(char *dst, const char *s, size_t n, int lower)
{
	size_t i;

	if (n >= FIELD)
		n = FIELD - 1;
	for (i = 0; i < n; i++)
		dst[i] = (char)(lower && s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	dst[n] = '\0';
}

static void
enhanced_str(char *dst, int has, const struct smtpcode_enhanced_code *c)
{
	if (has)
		snprintf(dst, FIELD, "%d.%d.%d", c->cls, c->subject, c->detail);
	else
		dst[0] = '\0';
}

/* Every string of a record is set, and lies inside the line. */
static void
check_bounds(const char *line, size_t len, const struct smtpcode_record *r)
{
	const char *s[] = { r->queue_id, r->recipient, r->domain, r->relay,
	    r->client, r->text };
	size_t n[] = { r->queue_id_len, r->recipient_len, r->domain_len,
	    r->relay_len, r->client_len, r->text_len };
	size_t k;

	for (k = 0; k < sizeof s / sizeof s[0]; k++) {
		assert_non_null(s[k]);
		if (n[k] == 0)
			continue;
		assert_true(s[k] >= line && s[k] + n[k] <= line + len);
	}
	assert_true(r->domain_len <= r->recipient_len);
}

static void
to_row(const struct smtpcode_record *r, struct row *w)
{
	int in = r->direction == SMTPCODE_DIRECTION_IN;

	memset(w, 0, sizeof *w);
	w->line = r->line;
	put(w->f[0], r->queue_id, r->queue_id_len, 0);
	snprintf(w->f[1], FIELD, "%s", smtpcode_direction_name(r->direction));
	snprintf(w->f[2], FIELD, "%s", smtpcode_status_name(r->status));
	/* The fixtures write addresses in lower case; the record keeps
	 * them as written. */
	put(w->f[3], r->recipient, r->recipient_len, 1);
	put(w->f[4], r->domain, r->domain_len, 1);
	/* Their relay column names the client of an inbound reject. */
	if (in)
		put(w->f[5], r->client, r->client_len, 0);
	else
		put(w->f[5], r->relay, r->relay_len, 0);
	if (r->basic)
		snprintf(w->f[6], FIELD, "%d", r->basic);
	enhanced_str(w->f[7], r->has_enhanced, &r->enhanced);
}

/* --- The fixtures ---------------------------------------------------- */

struct log {
	char **line;            /* each an allocation of exactly its length */
	size_t *len;
	size_t n;
};

static void
read_log(const char *path, struct log *lg)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0;
	ssize_t got;

	assert_non_null(f);
	memset(lg, 0, sizeof *lg);
	while ((got = getline(&buf, &cap, f)) != -1) {
		size_t n = (size_t)got;
		if (n > 0 && buf[n - 1] == '\n')
			n--;
		lg->line = realloc(lg->line, (lg->n + 1) * sizeof *lg->line);
		lg->len = realloc(lg->len, (lg->n + 1) * sizeof *lg->len);
		assert_non_null(lg->line);
		assert_non_null(lg->len);
		lg->line[lg->n] = malloc(n ? n : 1);
		assert_non_null(lg->line[lg->n]);
		memcpy(lg->line[lg->n], buf, n);
		lg->len[lg->n] = n;
		lg->n++;
	}
	free(buf);
	fclose(f);
}

static void
free_log(struct log *lg)
{
	size_t i;

	for (i = 0; i < lg->n; i++)
		free(lg->line[i]);
	free(lg->line);
	free(lg->len);
}

/* NAME.records.tsv: a header, then line and the eight columns (the
 * reason after them is not the library's business). */
static void
read_rows(const char *path, struct rows *rs)
{
	FILE *f = fopen(path, "r");
	char buf[2048];
	int header = 1;

	assert_non_null(f);
	while (fgets(buf, sizeof buf, f) != NULL) {
		char *p = buf, *tab;
		struct row *w;
		int c;

		buf[strcspn(buf, "\r\n")] = '\0';
		if (header) {
			assert_true(strncmp(buf, "line\tqueue_id\tdirection\tstatus\t", 31) == 0);
			header = 0;
			continue;
		}
		w = add_row(rs);
		w->line = strtoull(p, &p, 10);
		for (c = 0; c < COLS; c++) {
			assert_int_equal(*p, '\t');
			p++;
			tab = strchr(p, '\t');
			put(w->f[c], p, tab ? (size_t)(tab - p) : strlen(p), 0);
			p = tab ? tab : p + strlen(p);
		}
	}
	fclose(f);
}

/* --- What a report does with the records ------------------------------ */

struct pending {
	char queue_id[FIELD], recipient[FIELD], domain[FIELD];
	char relay[FIELD], basic[FIELD], enhanced[FIELD];
	int live;
};

struct join {
	struct pending p[256];
	size_t np;
	char session[64][2][FIELD];     /* OpenSMTPD: session id, host */
	size_t nsession;
	int list_rows;          /* rows read from a to= list after the first */
};

static struct pending *
pending_find(struct join *j, const char *qid, const char *rcpt)
{
	size_t k;

	for (k = 0; k < j->np; k++)
		if (j->p[k].live && strcmp(j->p[k].queue_id, qid) == 0 &&
		    strcmp(j->p[k].recipient, rcpt) == 0)
			return &j->p[k];
	return NULL;
}

static void
carry(struct row *w, const struct pending *p)
{
	snprintf(w->f[5], FIELD, "%s", p->relay);
	snprintf(w->f[6], FIELD, "%s", p->basic);
	snprintf(w->f[7], FIELD, "%s", p->enhanced);
}

/* Deferrals wait; a later outcome for the same recipient ends them. */
static void
track(struct join *j, const struct row *w)
{
	struct pending *p = pending_find(j, w->f[0], w->f[3]);

	if (strcmp(w->f[1], "out") != 0)
		return;
	if (strcmp(w->f[2], "deferred") != 0) {
		if (p != NULL)
			p->live = 0;
		return;
	}
	if (p == NULL) {
		assert_true(j->np < sizeof j->p / sizeof j->p[0]);
		p = &j->p[j->np++];
		p->live = 1;
		snprintf(p->queue_id, FIELD, "%s", w->f[0]);
		snprintf(p->recipient, FIELD, "%s", w->f[3]);
		snprintf(p->domain, FIELD, "%s", w->f[4]);
	}
	snprintf(p->relay, FIELD, "%s", w->f[5]);
	snprintf(p->basic, FIELD, "%s", w->f[6]);
	snprintf(p->enhanced, FIELD, "%s", w->f[7]);
}

/* OpenSMTPD: "ID smtp connected address=A host=H". */
static void
note_session(struct join *j, const char *line, size_t len)
{
	char buf[1024], *s, *h;
	size_t n = len < sizeof buf - 1 ? len : sizeof buf - 1;

	memcpy(buf, line, n);
	buf[n] = '\0';
	if ((s = strstr(buf, " smtp connected ")) == NULL ||
	    (h = strstr(s, " host=")) == NULL)
		return;
	*s = '\0';
	s = strrchr(buf, ' ');
	assert_non_null(s);
	h += 6;
	h[strcspn(h, " ")] = '\0';
	assert_true(j->nsession < sizeof j->session / sizeof j->session[0]);
	snprintf(j->session[j->nsession][0], FIELD, "%s", s + 1);
	snprintf(j->session[j->nsession][1], FIELD, "%s",
	    strcmp(h, "<unknown>") == 0 ? "" : h);
	j->nsession++;
}

/* The rest of a Sendmail list "to=<a>,<b>,<c>," after the record's
 * first address. */
static void
list_rest(struct join *j, const char *line, size_t len,
    const struct smtpcode_record *r, const struct row *first, struct rows *got)
{
	size_t i = (size_t)(r->recipient - line) + r->recipient_len;

	while (i + 2 < len && line[i] == '>' && line[i + 1] == ',' &&
	    line[i + 2] == '<') {
		size_t a = i + 3, e = a;
		struct row *w;
		const char *at;

		while (e < len && line[e] != '>')
			e++;
		if (e == len)
			break;
		w = add_row(got);
		*w = *first;
		put(w->f[3], line + a, e - a, 1);
		at = memchr(line + a, '@', e - a);
		put(w->f[4], at ? at + 1 : "", at ? (size_t)(line + e - at - 1) : 0, 1);
		track(j, w);
		j->list_rows++;
		i = e;
	}
}

static void
join_record(struct join *j, const char *line, size_t len,
    const struct smtpcode_record *r, struct rows *got)
{
	struct row w;
	size_t k;

	to_row(r, &w);
	if (strcmp(w.f[2], "expired") == 0 && w.f[3][0] == '\0') {
		for (k = 0; k < j->np; k++) {
			struct row *x;
			if (!j->p[k].live || strcmp(j->p[k].queue_id, w.f[0]) != 0)
				continue;
			x = add_row(got);
			*x = w;
			snprintf(x->f[3], FIELD, "%s", j->p[k].recipient);
			snprintf(x->f[4], FIELD, "%s", j->p[k].domain);
			carry(x, &j->p[k]);
			j->p[k].live = 0;
		}
		return;
	}
	if (strcmp(w.f[2], "expired") == 0) {
		struct pending *p = pending_find(j, w.f[0], w.f[3]);
		if (p != NULL)
			carry(&w, p);
	}
	if (strcmp(w.f[1], "in") == 0 && w.f[5][0] == '\0')
		for (k = 0; k < j->nsession; k++)
			if (strcmp(j->session[k][0], w.f[0]) == 0)
				snprintf(w.f[5], FIELD, "%s", j->session[k][1]);
	track(j, &w);
	*add_row(got) = w;
	list_rest(j, line, len, r, &w, got);
}

/* --- The fixture test ------------------------------------------------ */

static const char *const status_names[] = {
	"sent", "deferred", "bounced", "expired", "rejected"
};

static int
count_status(const struct rows *rs, const char *st)
{
	size_t k;
	int n = 0;

	for (k = 0; k < rs->n; k++)
		n += strcmp(rs->v[k].f[2], st) == 0;
	return n;
}

static int
total(const char *path, const char *name)
{
	FILE *f = fopen(path, "r");
	char buf[256], key[64];
	int n, v = -1;

	assert_non_null(f);
	while (fgets(buf, sizeof buf, f) != NULL)
		if (sscanf(buf, "%63s %d", key, &n) == 2 && strcmp(key, name) == 0)
			v = n;
	fclose(f);
	assert_int_not_equal(v, -1);
	return v;
}

static int
same_row(const struct row *a, const struct row *b)
{
	int c;

	if (a->line != b->line)
		return 0;
	for (c = 0; c < COLS; c++)
		if (strcmp(a->f[c], b->f[c]) != 0)
			return 0;
	return 1;
}

static void
print_row(const char *what, const struct row *w)
{
	print_message("  %s %llu\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", what, w->line,
	    w->f[0], w->f[1], w->f[2], w->f[3], w->f[4], w->f[5], w->f[6], w->f[7]);
}

static void
run_fixture(const char *name)
{
	char path[512];
	struct log lg;
	struct rows want = { NULL, 0, 0 }, got = { NULL, 0, 0 };
	struct join *j = calloc(1, sizeof *j);
	size_t k, m;
	int missed = 0, extra = 0, lines = 0, s;

	assert_non_null(j);
	snprintf(path, sizeof path, "%s/corpus/records/%s.log", TESTS_DIR, name);
	read_log(path, &lg);
	snprintf(path, sizeof path, "%s/corpus/records/%s.records.tsv", TESTS_DIR, name);
	read_rows(path, &want);

	for (k = 0; k < lg.n; k++) {
		struct smtpcode_record r;

		note_session(j, lg.line[k], lg.len[k]);
		memset(&r, 0xa5, sizeof r);
		r.size = sizeof r;
		if (!smtpcode_record_line(lg.line[k], lg.len[k], k + 1, &r))
			continue;
		lines++;
		assert_int_equal(r.size, sizeof r);
		assert_int_equal(r.line, k + 1);
		check_bounds(lg.line[k], lg.len[k], &r);
		join_record(j, lg.line[k], lg.len[k], &r, &got);
	}

	/* Every expected record found, and nothing else. */
	for (k = 0; k < want.n; k++) {
		for (m = 0; m < got.n; m++)
			if (!got.v[m].used && same_row(&want.v[k], &got.v[m]))
				break;
		if (m < got.n) {
			got.v[m].used = want.v[k].used = 1;
			continue;
		}
		missed++;
		print_row("expected", &want.v[k]);
		for (m = 0; m < got.n; m++)
			if (got.v[m].line == want.v[k].line && !got.v[m].used)
				print_row("   found", &got.v[m]);
	}
	for (m = 0; m < got.n; m++)
		if (!got.v[m].used) {
			extra++;
			print_row("   extra", &got.v[m]);
		}
	print_message("records %s: %zu lines, %zu records expected, %zu found "
	    "(from %d lines, %d read from a to= list), %d missed, %d extra\n",
	    name, lg.n, want.n, got.n, lines, j->list_rows, missed, extra);

	/* The totals: records per status, which for Postfix are
	 * pflogsumm 1.1.5's figures: it counts deferrals per line as
	 * records do, has no expiry count, and misses smtpd's
	 * milter-reject. */
	snprintf(path, sizeof path, "%s/corpus/records/%s.totals.tsv", TESTS_DIR, name);
	print_message("  totals %s:", name);
	for (s = 0; s < SMTPCODE_STATUS_COUNT; s++)
		print_message(" %s %d", status_names[s], count_status(&got, status_names[s]));
	print_message("\n");
	if (strcmp(name, "postfix") == 0) {
		int smtpd_milter = 0;

		for (k = 0; k < lg.n; k++) {
			char buf[256];
			size_t n = lg.len[k] < sizeof buf - 1 ? lg.len[k] : sizeof buf - 1;
			memcpy(buf, lg.line[k], n);
			buf[n] = '\0';
			smtpd_milter += strstr(buf, "/smtpd[") != NULL &&
			    strstr(buf, ": milter-reject: ") != NULL;
		}
		assert_int_equal(count_status(&got, "sent"), total(path, "sent"));
		assert_int_equal(count_status(&got, "bounced"), total(path, "bounced"));
		/* Its "deferred" counts messages, "deferrals" lines. */
		assert_int_equal(count_status(&got, "deferred"), total(path, "deferrals"));
		assert_int_equal(total(path, "expired"), 0);
		assert_int_equal(count_status(&got, "rejected"),
		    total(path, "rejected") + smtpd_milter);
		print_message("  pflogsumm: rejected %d + %d smtpd milter-reject, "
		    "deferred %d messages\n", total(path, "rejected"), smtpd_milter,
		    total(path, "deferred"));
	} else {
		for (s = 0; s < SMTPCODE_STATUS_COUNT; s++)
			assert_int_equal(count_status(&got, status_names[s]),
			    total(path, status_names[s]));
	}

	assert_int_equal(missed, 0);
	assert_int_equal(extra, 0);
	free(want.v);
	free(got.v);
	free(j);
	free_log(&lg);
}

static void
test_postfix(void **state)
{
	(void)state;
	run_fixture("postfix");
}

static void
test_exim(void **state)
{
	(void)state;
	run_fixture("exim");
}

static void
test_sendmail(void **state)
{
	(void)state;
	run_fixture("sendmail");
}

static void
test_opensmtpd(void **state)
{
	(void)state;
	run_fixture("opensmtpd");
}

/* --- Small cases ----------------------------------------------------- */

static int
record(const char *s, size_t len, struct smtpcode_record *r)
{
	char *copy = malloc(len ? len : 1);
	int ok;

	/* An allocation of exactly len bytes, so that a sanitizer sees any
	 * read past it; the record's strings are checked, then re-pointed
	 * at s. */
	assert_non_null(copy);
	memcpy(copy, s, len);
	memset(r, 0, sizeof *r);
	r->size = sizeof *r;
	ok = smtpcode_record_line(copy, len, 7, r);
	if (ok) {
		check_bounds(copy, len, r);
		r->queue_id = s + (r->queue_id_len ? r->queue_id - copy : 0);
		r->recipient = s + (r->recipient_len ? r->recipient - copy : 0);
		r->domain = s + (r->domain_len ? r->domain - copy : 0);
		r->relay = s + (r->relay_len ? r->relay - copy : 0);
		r->client = s + (r->client_len ? r->client - copy : 0);
		r->text = s + (r->text_len ? r->text - copy : 0);
	}
	free(copy);
	return ok;
}

static int
rec_str(const char *s, struct smtpcode_record *r)
{
	return record(s, strlen(s), r);
}

static void
assert_span(const char *p, size_t n, const char *want)
{
	assert_int_equal(n, strlen(want));
	assert_memory_equal(p, want, n);
}

#define PF_DELIVERY "Mar  3 09:14:24 mx1 postfix/smtp[1204]: 3A24217FBE9: " \
	"to=<erin.k@yahoo.com>, relay=mta7.am0.yahoodns.net[67.195.204.72]:25, " \
	"delay=3.1, delays=0.05/0.01/1.5/1.5, dsn=4.7.0, status=deferred " \
	"(host mta7.am0.yahoodns.net[67.195.204.72] said: 421 4.7.0 try later " \
	"(in reply to MAIL FROM command))"
#define PF_REJECT "Mar  3 08:09:03 mx1 postfix/smtpd[1111]: NOQUEUE: reject: " \
	"RCPT from c.example.com[61.238.241.86]: 550 5.1.1 <t@example.org>: " \
	"Recipient address rejected: User unknown; from=<w@example.com> " \
	"to=<t@example.org> proto=ESMTP helo=<ecsolved.com>"

static void
test_postfix_fields(void **state)
{
	struct smtpcode_record r;

	(void)state;
	assert_int_equal(rec_str(PF_DELIVERY, &r), 1);
	assert_int_equal(r.line, 7);
	assert_int_equal(r.status, SMTPCODE_STATUS_DEFERRED);
	assert_int_equal(r.direction, SMTPCODE_DIRECTION_OUT);
	assert_span(r.queue_id, r.queue_id_len, "3A24217FBE9");
	assert_span(r.recipient, r.recipient_len, "erin.k@yahoo.com");
	assert_span(r.domain, r.domain_len, "yahoo.com");
	assert_span(r.relay, r.relay_len, "mta7.am0.yahoodns.net");
	assert_int_equal(r.client_len, 0);
	assert_int_equal(r.basic, 421);
	assert_true(r.has_enhanced);
	assert_int_equal(r.enhanced.cls, 4);
	assert_int_equal(r.enhanced.subject, 7);
	assert_int_equal(r.enhanced.detail, 0);
	/* Postfix's "(in reply to ...)" is not the reply's text. */
	assert_span(r.text, r.text_len, "try later");
	assert_int_equal(r.time.year, -1);
	assert_int_equal(r.time.month, 3);
	assert_int_equal(r.time.day, 3);
	assert_int_equal(r.time.hour, 9);
	assert_int_equal(r.time.minute, 14);
	assert_int_equal(r.time.second, 24);

	assert_int_equal(rec_str(PF_REJECT, &r), 1);
	assert_int_equal(r.direction, SMTPCODE_DIRECTION_IN);
	assert_int_equal(r.status, SMTPCODE_STATUS_REJECTED);
	assert_span(r.queue_id, r.queue_id_len, "NOQUEUE");
	assert_span(r.recipient, r.recipient_len, "t@example.org");
	assert_span(r.client, r.client_len, "c.example.com");
	assert_int_equal(r.relay_len, 0);
	assert_int_equal(r.basic, 550);
	assert_span(r.text, r.text_len,
	    "<t@example.org>: Recipient address rejected: User unknown");
}

static void
test_not_records(void **state)
{
	static const char *const lines[] = {
		/* The mail was accepted: a warning, a hold, a discard. */
		"Mar  3 08:16:02 mx1 postfix/smtpd[1115]: NOQUEUE: reject_warning: RCPT from example.com[93.184.216.34]: 553 5.7.1 <s@example.com>: Sender address rejected: not owned; from=<s@example.com> to=<r@example.org> proto=ESMTP helo=<example.com>",
		"Mar  3 08:16:02 mx1 postfix/smtpd[1115]: 1234ABC: hold: RCPT from example.com[93.184.216.34]: <r@example.org>: Recipient address triggers HOLD action; from=<s@example.com> to=<r@example.org> proto=ESMTP helo=<example.com>",
		"Mar  3 08:16:02 mx1 postfix/cleanup[1115]: 1234ABC: discard: header Subject: x from example.com[93.184.216.34]; from=<s@example.com> to=<r@example.org> proto=ESMTP helo=<example.com>: spam",
		/* A reject from a daemon that does not reject mail. */
		"Mar  3 08:16:02 mx1 postfix/smtp[1]: NOQUEUE: reject: RCPT from a[1.2.3.4]: 550 5.1.1 x; from=<s@x> to=<r@y> proto=ESMTP helo=<h>",
		/* An address probe, and the per-host lines before a record. */
		"Mar  3 08:16:02 mx1 postfix/smtp[1]: 1234ABC: to=<r@example.org>, relay=mx[1.2.3.4]:25, delay=1, dsn=2.1.5, status=deliverable (250 2.1.5 Ok)",
		"Mar  3 19:27:52 mx1 postfix/smtp[1960]: A0F7BE2AA5: host ironportin-1.example.net[198.51.100.106] refused to talk to me: 554 5.7.1 You are not allowed to connect.",
		"2024-03-04 08:02:34 1d18yh-0006Kd-Ji H=mta7.am0.yahoodns.net [67.195.204.72]: SMTP error from remote mail server after MAIL FROM:<c@example.org> SIZE=2022: 421 4.7.0 busy",
		"2024-03-04 07:10:31 1d175P-0002Rb-Pn <= chai@orange.fr H=smtp05.smtpout.orange.fr [151.78.71.164] P=esmtps S=10710",
		"2024-03-04 07:12:05 H=mx.tillions.com [182.18.24.93] sender verify fail for <buh@caladan.ebay.sun.com>: Unrouteable address",
		"Mar  2 02:46:30 mail sm-mta[12001]: mAO2tx04010773: mB22kUEl012001: sender notify: Warning: could not send message for past 4 hours",
		"Mar  3 19:59:35 mail sm-mta[7425]: l8E3xVpO007423: l8E3xZpO007425: DSN: User unknown",
		"Mar  3 19:59:35 mail sm-mta[7425]: l8E3xVpO007423: to=<a@example.org>, delay=00:00:00, mailer=esmtp, pri=1, stat=queued",
		"Mar  4 07:30:31 mx3 smtpd[75295]: c1a89cb774083905 smtp failed-command command=\"AUTH LOGIN\" result=\"503 5.5.1 Invalid command: Command not supported\"",
		"Mar  4 07:31:02 mx3 smtpd[75295]: c1a89cb8c5b84cbf smtp bad-input result=\"500 5.5.1 Invalid command: Pipelining not supported\"",
		/* Words that look like a record, in another program's line. */
		"Mar  3 08:16:02 mx1 kernel: 1234ABC: to=<r@example.org>, relay=mx[1.2.3.4]:25, status=sent (250 ok)",
		"to=<r@example.org>, relay=mx[1.2.3.4]:25, status=sent (250 ok)",
		"",
	};
	struct smtpcode_record r;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof lines / sizeof lines[0]; k++) {
		if (rec_str(lines[k], &r) != 0)
			fail_msg("a record in: %s", lines[k]);
	}
}

/* Longer than the scanner's 8 KB line: the record is found all the
 * same, the reply too, and a long line of nothing is nothing. */
static void
test_long_line(void **state)
{
	const char *head = "Mar  3 09:14:24 mx1 postfix/smtp[1]: ABC123: to=<a@b.example>, "
	    "relay=mx.b.example[192.0.2.1]:25, delay=1, dsn=5.7.1, status=bounced "
	    "(host mx.b.example[192.0.2.1] said: 550 5.7.1 ";
	size_t hl = strlen(head), n = hl + 20000;
	char *s = malloc(n + 2);
	struct smtpcode_record r;

	(void)state;
	assert_non_null(s);
	memcpy(s, head, hl);
	memset(s + hl, 'x', n - hl);
	s[n] = ')';
	assert_int_equal(record(s, n + 1, &r), 1);
	assert_int_equal(r.status, SMTPCODE_STATUS_BOUNCED);
	assert_int_equal(r.basic, 550);
	assert_int_equal(r.text_len, n - hl);
	memset(s, 'a', n);
	assert_int_equal(record(s, n, &r), 0);
	memset(s, ' ', n);
	assert_int_equal(record(s, n, &r), 0);
	free(s);
}

static void
test_nul_bytes(void **state)
{
	static const char with_nul[] = "Mar  3 10:02:13 mx1 postfix/local[1]: 9B2C3D4E5F: "
	    "to=<w\0w@example.org>, relay=local, delay=0.02, dsn=2.0.0, status=sent (deli\0vered)";
	static const char nul_key[] = "Mar  3 10:02:13 mx1 postfix/local[1]: 9B2C3D4E5F:\0"
	    "to=<w@example.org>, relay=local, dsn=2.0.0, status=sent (x)";
	char zeros[600];
	struct smtpcode_record r;

	(void)state;
	assert_int_equal(record(with_nul, sizeof with_nul - 1, &r), 1);
	assert_int_equal(r.status, SMTPCODE_STATUS_SENT);
	assert_int_equal(r.recipient_len, 15);
	assert_memory_equal(r.recipient, "w\0w@example.org", 15);
	assert_span(r.domain, r.domain_len, "example.org");
	assert_int_equal(r.text_len, 10);
	assert_int_equal(record(nul_key, sizeof nul_key - 1, &r), 0);
	memset(zeros, 0, sizeof zeros);
	assert_int_equal(record(zeros, sizeof zeros, &r), 0);
}

static void
test_invalid_utf8(void **state)
{
	static const char s[] = "2024-03-04 09:10:03 1kLq2A-0004Zx-8c ** \xff\xfe@\xc3(.example "
	    "R=dnslookup T=remote_smtp H=mx.\xe2\x82.example [192.0.2.1]: SMTP error from "
	    "remote mail server after RCPT TO:<x>: 550 5.1.1 \xed\xa0\x80 no \xf8\x88";
	struct smtpcode_record r;

	(void)state;
	assert_int_equal(record(s, sizeof s - 1, &r), 1);
	assert_int_equal(r.status, SMTPCODE_STATUS_BOUNCED);
	assert_span(r.recipient, r.recipient_len, "\xff\xfe@\xc3(.example");
	assert_span(r.domain, r.domain_len, "\xc3(.example");
	assert_span(r.relay, r.relay_len, "mx.\xe2\x82.example");
	assert_int_equal(r.basic, 550);
	assert_span(r.text, r.text_len, "\xed\xa0\x80 no \xf8\x88");
}

/* Every prefix of every fixture line: nothing read past its end (the
 * sanitizer build sees to that), and where a cut line still records,
 * its strings lie inside what was given. */
static void
test_cut_lines(void **state)
{
	static const char *const names[] = { "postfix", "exim", "sendmail", "opensmtpd" };
	struct smtpcode_record r;
	size_t f, k, n;
	long calls = 0;

	(void)state;
	for (f = 0; f < sizeof names / sizeof names[0]; f++) {
		char path[512];
		struct log lg;

		snprintf(path, sizeof path, "%s/corpus/records/%s.log", TESTS_DIR, names[f]);
		read_log(path, &lg);
		for (k = 0; k < lg.n; k++)
			for (n = 0; n <= lg.len[k]; n++, calls++)
				record(lg.line[k], n, &r);
		free_log(&lg);
	}
	print_message("records: %ld cut lines read\n", calls);

	/* A delivery cut inside its address is no delivery; a reject cut
	 * there is still a rejection, of an unknown recipient. */
	assert_int_equal(rec_str("Mar  3 09:14:23 mx1 postfix/smtp[1202]: 3A24217FBE9: to=<", &r), 0);
	assert_int_equal(rec_str("Mar  3 09:14:23 mx1 postfix/smtp[1202]: 3A24217FBE9: to=<a@b, relay=x, status=sent (ok)", &r), 0);
	assert_int_equal(rec_str("Mar  1 22:36:15 mail sm-mta[10775]: mAO2tx04010773: to=<", &r), 0);
	assert_int_equal(rec_str("Mar  4 06:01:48 mx3 smtpd[75295]: 5df87c9ffd0e785d mta delivery evpid=f6e94209918f7e7b from=<g@example.org> to=<", &r), 0);
	assert_int_equal(rec_str("2024-03-04 08:02:33 1d18yh-0006Kd-Ji => ", &r), 0);
	assert_int_equal(rec_str("Mar  3 08:09:03 mx1 postfix/smtpd[1111]: NOQUEUE: reject: RCPT from c.example.com[61.238.241.86]: 550 5.1.1 nope; from=<w@example.com> to=<", &r), 1);
	assert_int_equal(r.recipient_len, 0);
	assert_int_equal(r.basic, 550);
	assert_span(r.client, r.client_len, "c.example.com");
	assert_int_equal(rec_str("Mar  4 08:48:47 mx3 smtpd[75295]: 2cd79d8bacbe2c12 smtp failed-command command=\"RCPT TO:<Info@example.org", &r), 0);
}

/* Sendmail's submission program names the recipient as it was given. */
static void
test_sendmail_full_name(void **state)
{
	struct smtpcode_record r;

	(void)state;
	assert_int_equal(rec_str("Sep 29 17:00:19 ubuntu sendmail[21561]: v8T8xJkc021561: to=Sun Nogo <sun@example.com.cn>, ctladdr=www-data (33/33), delay=00:00:01, mailer=relay, pri=32020, relay=[127.0.0.1] [127.0.0.1], dsn=2.0.0, stat=Sent (v8T8xJvo021562 Message accepted for delivery)", &r), 1);
	assert_span(r.recipient, r.recipient_len, "sun@example.com.cn");
	assert_span(r.relay, r.relay_len, "127.0.0.1");
	assert_int_equal(r.status, SMTPCODE_STATUS_SENT);
	assert_int_equal(rec_str("Feb 27 18:58:44 cloud9 sm-mta[6400]: p1RC74q5015493: to=<www-data@cloud9.example.com>, delay=11:51:38, xdelay=00:00:00, mailer=local, pri=6510000, dsn=4.0.0, stat=Deferred: local mailer (/usr/sbin/sensible-mda) exited with EX_TEMPFAIL", &r), 1);
	assert_int_equal(r.status, SMTPCODE_STATUS_DEFERRED);
	assert_int_equal(r.relay_len, 0);
	assert_span(r.text, r.text_len, "local mailer (/usr/sbin/sensible-mda) exited with EX_TEMPFAIL");
}

/* The expiries that name no recipient, for the caller to match. */
static void
test_expiries(void **state)
{
	struct smtpcode_record r;

	(void)state;
	assert_int_equal(rec_str("Mar  8 11:20:41 mx1 postfix/qmgr[900]: C93CEB08A046: from=<ina@example.org>, status=expired, returned to sender", &r), 1);
	assert_int_equal(r.status, SMTPCODE_STATUS_EXPIRED);
	assert_span(r.queue_id, r.queue_id_len, "C93CEB08A046");
	assert_int_equal(r.recipient_len, 0);
	assert_span(r.text, r.text_len, "expired, returned to sender");
	assert_int_equal(rec_str("Mar  6 22:36:14 mail sm-mta[4811]: mAO2tx04010773: mB26PuEl004811: sender notify: Cannot send message for 5 days", &r), 1);
	assert_int_equal(r.status, SMTPCODE_STATUS_EXPIRED);
	assert_span(r.queue_id, r.queue_id_len, "mAO2tx04010773");
	assert_int_equal(r.recipient_len, 0);
}

static void
test_times(void **state)
{
	struct smtpcode_record r;
	const char *tail = " mx1 postfix/smtp[1]: ABC123: to=<a@b.example>, relay=none, dsn=4.4.1, status=deferred (connect to b.example[192.0.2.1]:25: Connection timed out)";
	char s[512];

	(void)state;
	snprintf(s, sizeof s, "2024-03-03T08:00:01.123456+01:00%s", tail);
	assert_int_equal(rec_str(s, &r), 1);
	assert_int_equal(r.time.year, 2024);
	assert_int_equal(r.time.month, 3);
	assert_int_equal(r.time.day, 3);
	assert_int_equal(r.time.hour, 8);
	assert_int_equal(r.time.minute, 0);
	assert_int_equal(r.time.second, 1);
	assert_int_equal(r.relay_len, 0);
	assert_span(r.text, r.text_len, "connect to b.example[192.0.2.1]:25: Connection timed out");
	assert_true(r.has_enhanced);
	assert_int_equal(r.basic, 0);

	snprintf(s, sizeof s, "Dec 31 23:59:60%s", tail);
	assert_int_equal(rec_str(s, &r), 1);
	assert_int_equal(r.time.year, -1);
	assert_int_equal(r.time.month, 12);
	assert_int_equal(r.time.second, 60);

	/* journalctl -o cat: no time at all. */
	assert_int_equal(rec_str(tail + 5, &r), 1);
	assert_int_equal(r.time.year, -1);
	assert_int_equal(r.time.month, -1);
	assert_int_equal(r.time.hour, -1);

	/* Exim, with log_timezone and log_selector +pid. */
	assert_int_equal(rec_str("2024-03-04 08:32:43 +0100 [4711] 1d18yh-0006Kd-Ji => j@yahoo.com R=dnslookup T=remote_smtp H=mta6.am0.yahoodns.net [67.195.228.106] C=\"250 ok dirdel\"", &r), 1);
	assert_int_equal(r.time.year, 2024);
	assert_int_equal(r.time.hour, 8);
	assert_int_equal(r.time.second, 43);
	assert_int_equal(r.basic, 250);
	assert_span(r.text, r.text_len, "ok dirdel");
	assert_span(r.relay, r.relay_len, "mta6.am0.yahoodns.net");
	/* Exim 4.97's longer message ids. */
	assert_int_equal(rec_str("2024-03-04 08:32:43 1rKvVu-000000003Y8-0VXk == j@yahoo.com R=dnslookup T=remote_smtp defer (-53): retry time not reached", &r), 1);
	assert_span(r.queue_id, r.queue_id_len, "1rKvVu-000000003Y8-0VXk");
	assert_int_equal(r.status, SMTPCODE_STATUS_DEFERRED);
	/* A month that is none is no time, and the line no log line. */
	assert_int_equal(rec_str("Foo  3 08:00:01 mx1 postfix/smtp[1]: ABC123: to=<a@b.example>, relay=none, dsn=4.4.1, status=deferred (x)", &r), 0);
}

/* A caller compiled with a smaller record gets no more than its size. */
static void
test_smaller_size(void **state)
{
	unsigned char buf[sizeof(struct smtpcode_record) + 16];
	struct smtpcode_record *r = (struct smtpcode_record *)(void *)buf;
	size_t small = offsetof(struct smtpcode_record, queue_id), k;

	(void)state;
	memset(buf, 0xa5, sizeof buf);
	r->size = small;
	assert_int_equal(smtpcode_record_line(PF_DELIVERY, strlen(PF_DELIVERY), 3, r), 1);
	assert_int_equal(r->size, small);
	assert_int_equal(r->line, 3);
	assert_int_equal(r->status, SMTPCODE_STATUS_DEFERRED);
	for (k = small; k < sizeof buf; k++)
		assert_int_equal(buf[k], 0xa5);
}

/* The scanner's records: every line of a log fed as a stream (and in
 * small blocks), Sendmail's lists given one record a recipient. The
 * records of each fixture, by status and recipient, are those labelled,
 * whatever the block size; expiries that name no recipient count as one
 * each, as labelled rows of the same line do. */
struct scanned {
	char rows[256][160];
	size_t n;
	unsigned done;
};

static void
scanned_record(const struct smtpcode_record *r, void *arg)
{
	struct scanned *s = arg;
	size_t k;

	if (s->n == sizeof s->rows / sizeof s->rows[0])
		return;
	snprintf(s->rows[s->n], sizeof s->rows[0], "%llu %s %.*s", r->line,
	    smtpcode_status_name(r->status), (int)r->recipient_len, r->recipient);
	for (k = 0; s->rows[s->n][k] != '\0'; k++)
		if (s->rows[s->n][k] >= 'A' && s->rows[s->n][k] <= 'Z')
			s->rows[s->n][k] = (char)(s->rows[s->n][k] - 'A' + 'a');
	s->n++;
}

static void
scanned_done(const char *qid, size_t len, void *arg)
{
	struct scanned *s = arg;

	(void)qid;
	(void)len;
	s->done++;
}

static int
by_string(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static void
scan_fixture(const char *name, size_t block, struct scanned *out)
{
	char path[512], *text;
	FILE *f;
	long size;
	size_t off;
	struct smtpcode_scanner *sc = smtpcode_scanner_new();

	assert_non_null(sc);
	snprintf(path, sizeof path, "%s/corpus/records/%s.log", TESTS_DIR, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size > 0);
	rewind(f);
	text = malloc((size_t)size);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	memset(out, 0, sizeof *out);
	smtpcode_scanner_set_records(sc, scanned_record, scanned_done, out);
	for (off = 0; off < (size_t)size; off += block)
		smtpcode_scan_feed(sc, text + off,
		    (size_t)size - off < block ? (size_t)size - off : block, NULL, NULL);
	smtpcode_scan_finish(sc, NULL, NULL);
	smtpcode_scanner_free(sc);
	free(text);
	qsort(out->rows, out->n, sizeof out->rows[0], by_string);
}

static void
test_scanner_records(void **state)
{
	static const char *const names[] = { "postfix", "exim", "sendmail", "opensmtpd" };
	static const size_t blocks[] = { 1, 7, 100, 1 << 16 };
	size_t i, b;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		static struct scanned want, got;
		char path[512], line[4096];
		FILE *f;

		/* The labels: line, status, recipient of every row. */
		memset(&want, 0, sizeof want);
		snprintf(path, sizeof path, "%s/corpus/records/%s.records.tsv", TESTS_DIR, names[i]);
		f = fopen(path, "r");
		assert_non_null(f);
		assert_non_null(fgets(line, sizeof line, f));
		while (fgets(line, sizeof line, f) != NULL && want.n < 256) {
			char *col[6] = { NULL, NULL, NULL, NULL, NULL, NULL }, *p = line, *q;
			size_t k;

			for (k = 0; k < 6; k++) {
				col[k] = p;
				q = strchr(p, '\t');
				if (q == NULL)
					break;
				*q = '\0';
				p = q + 1;
			}
			assert_int_equal(k, 6);
			/* an expiry joined to its recipients is one row per
			 * recipient in the labels, one record in the log */
			snprintf(want.rows[want.n], sizeof want.rows[0], "%.20s %.20s %.100s",
			    col[0], col[3], col[4]);
			for (k = 0; want.rows[want.n][k] != '\0'; k++)
				if (want.rows[want.n][k] >= 'A' && want.rows[want.n][k] <= 'Z')
					want.rows[want.n][k] = (char)(want.rows[want.n][k] - 'A' + 'a');
			want.n++;
		}
		fclose(f);
		qsort(want.rows, want.n, sizeof want.rows[0], by_string);
		for (b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
			size_t w = 0, g = 0, missing = 0, extra = 0;

			scan_fixture(names[i], blocks[b], &got);
			/* Labelled rows of an expiry that names no recipient
			 * stand for one record with an empty recipient. */
			while (w < want.n || g < got.n) {
				int c = w == want.n ? 1 : g == got.n ? -1 :
				    strcmp(want.rows[w], got.rows[g]);
				if (c == 0) {
					w++;
					g++;
				} else if (c < 0) {
					if (strstr(want.rows[w], " expired ") == NULL) {
						print_message("  %s: missing %s\n", names[i], want.rows[w]);
						missing++;
					}
					w++;
				} else {
					if (strstr(got.rows[g], " expired") == NULL ||
					    got.rows[g][strlen(got.rows[g]) - 1] != ' ') {
						print_message("  %s: extra %s\n", names[i], got.rows[g]);
						extra++;
					}
					g++;
				}
			}
			assert_int_equal(missing, 0);
			assert_int_equal(extra, 0);
		}
		if (strcmp(names[i], "postfix") == 0 || strcmp(names[i], "exim") == 0)
			assert_true(got.done > 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_postfix),
		cmocka_unit_test(test_exim),
		cmocka_unit_test(test_sendmail),
		cmocka_unit_test(test_opensmtpd),
		cmocka_unit_test(test_postfix_fields),
		cmocka_unit_test(test_not_records),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_cut_lines),
		cmocka_unit_test(test_sendmail_full_name),
		cmocka_unit_test(test_expiries),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_smaller_size),
		cmocka_unit_test(test_scanner_records),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
