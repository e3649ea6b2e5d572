/*
 * reportmode.c: --report [FILE|DIR]... and --report=hard. Reads the
 * delivery records of mail logs and bounce emails (sources.c and the
 * library's scanner), diagnoses each failure, and keeps counts
 * (report.c); the renderer prints the tables at the end. --report=hard
 * prints each hard-bounced address as it is found instead.
 */
#include <stdlib.h>
#include <string.h>

#include "diagcache.h"
#include "render.h"
#include "report.h"
#include "sources.h"

/* Hard-bounced addresses already printed, by hash: a fixed table, so a
 * list of millions may repeat an address after it fills (sort -u). */
#define HARD_SEEN 65536

struct report_ctx {
	const struct renderer *R;
	struct render_ctx rc;
	struct report *rep;
	struct source_reader in;
	int hard_only;
	int quiet;
	unsigned long long *seen;       /* HARD_SEEN hashes, or NULL */
	size_t nseen;
	unsigned long long found;
	struct diag_cache *cache;
};

/* 1 the first time an address is seen. */
static int
first_time(struct report_ctx *x, const char *a, size_t n)
{
	unsigned long long h = hash_bytes(a, n, 1);
	size_t i = (size_t)(h % HARD_SEEN), probes;

	if (x->nseen >= HARD_SEEN - HARD_SEEN / 4) {
		memset(x->seen, 0, HARD_SEEN * sizeof *x->seen);
		x->nseen = 0;
	}
	for (probes = 0; probes < HARD_SEEN; probes++, i = (i + 1) % HARD_SEEN) {
		if (x->seen[i] == h)
			return 0;
		if (x->seen[i] == 0) {
			x->seen[i] = h;
			x->nseen++;
			return 1;
		}
	}
	return 0;
}

/* The diagnosis of a record's reply, as much of it as a report counts;
 * all of it (the evidence) for a format that shows it. A delivery's is
 * only who received it, from the relay's name. */
static void
report_diagnosis(struct report_ctx *x, const struct smtpcode_record *r,
    struct smtpcode_diagnosis *d)
{
	if (r->status == SMTPCODE_STATUS_SENT)
		diag_cache_get(x->cache, "", 0, r->basic, r->has_enhanced,
		    &r->enhanced, r->relay, r->relay_len, d);
	else if (x->hard_only && x->R->scan_diagnoses == SCAN_DIAGNOSIS_FULL)
		diagnose_reply(r->text, r->text_len, r->basic, r->has_enhanced,
		    &r->enhanced, r->relay, r->relay_len, d);
	else
		diag_cache_get(x->cache, r->text, r->text_len, r->basic,
		    r->has_enhanced, &r->enhanced, r->relay, r->relay_len, d);
}

static void
on_record(const struct smtpcode_record *r, void *arg)
{
	struct report_ctx *x = arg;
	struct smtpcode_diagnosis d;
	int sent = r->status == SMTPCODE_STATUS_SENT;

	if (!x->hard_only || !sent)
		report_diagnosis(x, r, &d);
	if (x->hard_only) {
		if (!sent && d.hard && r->status == SMTPCODE_STATUS_BOUNCED &&
		    r->recipient_len > 0 && first_time(x, r->recipient,
		    r->recipient_len)) {
			x->found++;
			if (!x->quiet)
				x->R->hard_address(x->in.source, r, &d, &x->rc);
		}
		return;
	}
	x->found++;
	report_add(x->rep, r, &d);
}

static void
on_done(const char *qid, size_t len, void *arg)
{
	struct report_ctx *x = arg;

	if (!x->hard_only)
		report_done(x->rep, qid, len);
}

int
run_report(int argc, char **argv, const struct renderer *R,
    const struct render_ctx *c, int quiet, int hard_only)
{
	struct report_ctx x;
	int trouble;

	memset(&x, 0, sizeof x);
	x.R = R;
	x.rc = *c;
	x.quiet = quiet;
	x.hard_only = hard_only;
	x.in.scanner = smtpcode_scanner_new();
	x.in.dirs = 1;
	x.in.follow = hard_only && !quiet;
	if (hard_only)
		x.seen = calloc(HARD_SEEN, sizeof *x.seen);
	else
		x.rep = malloc(sizeof *x.rep);
	x.cache = diag_cache_new();
	if (x.in.scanner == NULL || x.cache == NULL ||
	    (hard_only ? x.seen == NULL : x.rep == NULL)) {
		warnx_("out of memory");
		smtpcode_scanner_free(x.in.scanner);
		free(x.seen);
		free(x.rep);
		diag_cache_free(x.cache);
		return EXIT_TROUBLE;
	}
	if (x.rep != NULL)
		report_init(x.rep);
	smtpcode_scanner_set_records(x.in.scanner, on_record, on_done, &x);
	trouble = read_sources(&x.in, argc, argv) < 0;
	if (!hard_only && !quiet)
		R->report(x.rep, &x.rc);
	smtpcode_scanner_free(x.in.scanner);
	free(x.seen);
	free(x.rep);
	diag_cache_free(x.cache);
	if (trouble)
		return EXIT_TROUBLE;
	return x.found > 0 ? EXIT_KNOWN : EXIT_UNKNOWN;
}
