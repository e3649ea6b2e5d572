/*
 * scanmode.c: --scan [FILE]..., --count and --records. The files are read
 * by sources.c; each reply found, each delivery record with --records,
 * or with --count the table of replies by frequency, goes to the
 * renderer. Memory is the same for 10 KB and 10 GB of input.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diagcache.h"
#include "render.h"
#include "sources.h"

/* Distinct replies counted; more than this many distinct pairs (which no
 * real log has) are counted together in one last row. */
#define COUNT_SLOTS 4096

struct scan_ctx {
	const struct renderer *R;
	struct render_ctx rc;
	int quiet;
	int counting;
	struct source_reader in;
	const struct source_reader *reader;  /* the one reading: its source */
	unsigned long long found;
	struct tally *slots;      /* COUNT_SLOTS, or NULL */
	unsigned *order;          /* the helper's: slots in the order taken */
	size_t norder;
	struct diag_cache *cache; /* for rows that show the diagnosis's
	                             fields alone, or NULL */
	unsigned long long other; /* hits that found no slot */
};

static unsigned
slot_of(int basic, int has_enhanced, const struct smtpcode_enhanced_code *e)
{
	unsigned k = (unsigned)basic * 2654435761u;

	if (has_enhanced)
		k ^= ((unsigned)e->cls * 1000003u) ^
		    ((unsigned)e->subject * 7919u) ^ (unsigned)e->detail * 131u;
	return k % COUNT_SLOTS;
}

static int
same(const struct tally *t, int basic, int has_enhanced,
    const struct smtpcode_enhanced_code *e)
{
	return t->basic == basic && t->has_enhanced == has_enhanced &&
	    (!has_enhanced || smtpcode_enhanced_equal(&t->enhanced, e));
}

/* n more of the codes of h (a hit, or a tally's codes). */
static void
count_codes(int basic, int has_enhanced, const struct smtpcode_enhanced_code *e,
    unsigned long long n, struct scan_ctx *x)
{
	unsigned i = slot_of(basic, has_enhanced, e), probes;

	for (probes = 0; probes < COUNT_SLOTS; probes++, i = (i + 1) % COUNT_SLOTS) {
		struct tally *t = &x->slots[i];
		if (t->n == 0) {
			t->basic = basic;
			t->has_enhanced = has_enhanced;
			if (has_enhanced)
				t->enhanced = *e;
			t->n = n;
			if (x->order != NULL)
				x->order[x->norder++] = i;
			return;
		}
		if (same(t, basic, has_enhanced, e)) {
			t->n += n;
			return;
		}
	}
	x->other += n;
}

static void
on_hit(const struct smtpcode_hit *h, void *arg)
{
	struct scan_ctx *x = arg;

	x->found++;
	if (x->counting) {
		count_codes(h->basic, h->has_enhanced, &h->enhanced, 1, x);
	} else if (!x->quiet && x->R->scan_diagnoses) {
		struct smtpcode_diagnosis d;
		int cls = h->has_enhanced ? h->enhanced.cls : h->basic / 100;

		/* A success or an intermediate reply reports no failure:
		 * nothing to diagnose. */
		if (cls == 2 || cls == 3) {
			/* No evidence: the members before it are all there is. */
			memset(&d, 0, offsetof(struct smtpcode_diagnosis, evidence));
			d.size = sizeof d;
			d.detail = d.action = "";
		} else if (x->cache != NULL)
			diag_cache_get(x->cache, h->text, h->text_len, h->basic,
			    h->has_enhanced, &h->enhanced, h->host, h->host_len, &d);
		else
			diagnose_reply(h->text, h->text_len, h->basic,
			    h->has_enhanced, &h->enhanced, h->host, h->host_len, &d);
		x->R->scan_hit(x->reader->source, h, &d, &x->rc);
	} else if (!x->quiet) {
		x->R->scan_hit(x->reader->source, h, NULL, &x->rc);
	}
}

static int
by_count(const void *a, const void *b)
{
	const struct tally *p = a, *q = b;

	if (p->n != q->n)
		return p->n < q->n ? 1 : -1;
	if (p->basic != q->basic)
		return p->basic - q->basic;
	if (p->has_enhanced != q->has_enhanced)
		return p->has_enhanced - q->has_enhanced;
	if (p->enhanced.cls != q->enhanced.cls)
		return p->enhanced.cls - q->enhanced.cls;
	if (p->enhanced.subject != q->enhanced.subject)
		return p->enhanced.subject - q->enhanced.subject;
	return p->enhanced.detail - q->enhanced.detail;
}

static void
print_counts(struct scan_ctx *x)
{
	size_t i, n = 0;

	/* Gather the used slots at the front and sort them. */
	for (i = 0; i < COUNT_SLOTS; i++)
		if (x->slots[i].n > 0)
			x->slots[n++] = x->slots[i];
	qsort(x->slots, n, sizeof x->slots[0], by_count);
	for (i = 0; i < n; i++)
		x->R->count_row(&x->slots[i], &x->rc);
	if (x->other > 0)
		x->R->count_other(x->other, COUNT_SLOTS, &x->rc);
}

/* The input of a diagnosis, from a reply found by the scanner or in a
 * record. */
void
reply_input(struct smtpcode_input *in, const char *text, size_t text_len,
    int basic, int has_enhanced, const struct smtpcode_enhanced_code *e,
    const char *host, size_t host_len)
{
	memset(in, 0, sizeof *in);
	in->size = sizeof *in;
	in->text = text;
	in->text_len = text_len;
	in->basic = basic;
	in->has_enhanced = has_enhanced;
	if (has_enhanced)
		in->enhanced = *e;
	in->host = host_len > 0 ? host : NULL;
	in->host_len = host_len;
}

/* Diagnose what a reply found by the scanner or in a record says. */
void
diagnose_reply(const char *text, size_t text_len, int basic, int has_enhanced,
    const struct smtpcode_enhanced_code *e, const char *host, size_t host_len,
    struct smtpcode_diagnosis *d)
{
	struct smtpcode_input in;

	reply_input(&in, text, text_len, basic, has_enhanced, e, host, host_len);
	d->size = sizeof *d;
	smtpcode_diagnose(&in, d);
}

/* --records: each delivery record, with the diagnosis of its reply. */
static void
on_record(const struct smtpcode_record *r, void *arg)
{
	struct scan_ctx *x = arg;
	struct smtpcode_diagnosis d;

	x->found++;
	if (x->quiet)
		return;
	diagnose_reply(r->text, r->text_len, r->basic, r->has_enhanced,
	    &r->enhanced, r->relay, r->relay_len, &d);
	x->R->record(x->reader->source, r, &d, &x->rc);
}

static void drop_helper(void *helper_arg);

/* The helper thread's hits of a piece are kept: its counts go to the
 * main thread's table in the order the helper met them, so the table
 * is what one thread would have filled. */
static int
keep_helper(void *main_arg, void *helper_arg)
{
	struct scan_ctx *x = main_arg, *hx = helper_arg;
	size_t k;

	/* The helper's table overflowed: which codes one thread would have
	 * counted apart cannot be told; the main thread scans it again. */
	if (hx->other > 0)
		return 0;
	for (k = 0; k < hx->norder; k++) {
		const struct tally *t = &hx->slots[hx->order[k]];
		count_codes(t->basic, t->has_enhanced, &t->enhanced, t->n, x);
	}
	x->found += hx->found;
	drop_helper(hx);
	return 1;
}

static void
drop_helper(void *helper_arg)
{
	struct scan_ctx *hx = helper_arg;

	while (hx->norder > 0)
		hx->slots[hx->order[--hx->norder]].n = 0;
	hx->found = 0;
	hx->other = 0;
}

/* SMTPCODE_THREADS: 1 scans in one thread; unset or empty, two where the
 * machine has two processors or more. -1 after a message if it is not a
 * number of threads. */
static int
threads_wanted(void)
{
	const char *v = getenv("SMTPCODE_THREADS");
	char *end, buf[400];
	long n;

	if (v == NULL || *v == '\0') {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		return cpus >= 2 ? 2 : 1;
	}
	errno = 0;
	n = strtol(v, &end, 10);
	if (*end != '\0' || errno != 0 || n < 1 || !isdigit((unsigned char)*v)) {
		warnx_("SMTPCODE_THREADS: not a number of threads (1 or more): '%s'",
		    quote_arg(v, strlen(v), buf, sizeof buf));
		return -1;
	}
	return n >= 2 ? 2 : 1;
}

/* What the helper thread needs: a scanner with the same flags, its own
 * count table and diagnosis cache. 0, or -1 when out of memory. */
static int
helper_new(struct scan_ctx *hx, const struct scan_ctx *x,
    struct scan_helper *help, unsigned flags)
{
	*hx = *x;
	hx->slots = NULL;
	hx->cache = NULL;
	help->arg = hx;
	help->keep = keep_helper;
	help->drop = drop_helper;
	if ((help->scanner = smtpcode_scanner_new()) == NULL)
		return -1;
	smtpcode_scanner_set_flags(help->scanner, flags);
	if (x->counting && ((hx->slots = calloc(COUNT_SLOTS, sizeof *hx->slots)) == NULL ||
	    (hx->order = calloc(COUNT_SLOTS, sizeof *hx->order)) == NULL))
		return -1;
	if (x->cache != NULL && (hx->cache = diag_cache_new()) == NULL)
		return -1;
	return 0;
}

static void
helper_free(struct scan_ctx *hx, struct scan_helper *help)
{
	smtpcode_scanner_free(help->scanner);
	free(hx->slots);
	free(hx->order);
	diag_cache_free(hx->cache);
}

int
run_scan(int argc, char **argv, const struct renderer *R,
    const struct labels *L, int quiet, int counting, int records)
{
	struct smtpcode_scanner *scanner;
	struct scan_ctx x, hx;
	struct scan_helper help;
	unsigned flags = 0;
	int trouble, want_cache, threads = threads_wanted();

	if (threads < 0)
		return EXIT_TROUBLE;
	memset(&x, 0, sizeof x);
	memset(&hx, 0, sizeof hx);
	memset(&help, 0, sizeof help);
	x.R = R;
	x.rc.L = L;
	x.quiet = quiet;
	x.counting = counting;
	x.reader = &x.in;
	scanner = smtpcode_scanner_new();
	x.in.scanner = scanner;
	x.in.cb = records ? NULL : on_hit;
	x.in.arg = &x;
	x.in.dirs = records;
	x.in.follow = !counting && !quiet;
	if (scanner != NULL && records)
		smtpcode_scanner_set_records(scanner, on_record, NULL, &x);
	/* What the output needs of a hit: the codes to count; the host
	 * only for a diagnosis. */
	if (counting || quiet)
		flags = SMTPCODE_SCAN_CODES_ONLY;
	else if (!R->scan_diagnoses)
		flags = SMTPCODE_SCAN_NO_HOST;
	else
		flags = SMTPCODE_SCAN_FAILURE_HOST;
	if (scanner != NULL)
		smtpcode_scanner_set_flags(scanner, flags);
	if (counting)
		x.slots = calloc(COUNT_SLOTS, sizeof *x.slots);
	/* (the cache: TSV rows show a diagnosis without its evidence) */
	want_cache = !counting && R->scan_diagnoses == SCAN_DIAGNOSIS_FIELDS;
	if (want_cache)
		x.cache = diag_cache_new();
	trouble = scanner == NULL || (counting && x.slots == NULL) ||
	    (want_cache && x.cache == NULL);
	/* Records follow a queue across lines: one thread reads them. */
	if (!trouble && threads > 1 && !records) {
		trouble = helper_new(&hx, &x, &help, flags) < 0;
		x.in.helper = &help;
	}
	if (trouble) {
		warnx_("out of memory");
		smtpcode_scanner_free(scanner);
		free(x.slots);
		diag_cache_free(x.cache);
		helper_free(&hx, &help);
		return EXIT_TROUBLE;
	}
	trouble = read_sources(&x.in, argc, argv) < 0;
	if (counting && !quiet)
		print_counts(&x);
	free(x.slots);
	diag_cache_free(x.cache);
	smtpcode_scanner_free(scanner);
	helper_free(&hx, &help);
	if (trouble)
		return EXIT_TROUBLE;
	return x.found > 0 ? EXIT_KNOWN : EXIT_UNKNOWN;
}
