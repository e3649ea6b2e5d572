/*
 * scanmode.c: --scan [FILE]..., --count and --records. The files are read
 * by sources.c; each reply found, each delivery record with --records,
 * or with --count the table of replies by frequency, goes to the
 * renderer. Memory is the same for 10 KB and 10 GB of input.
 */
#include <stdlib.h>
#include <string.h>

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
	unsigned long long found;
	struct tally *slots;      /* COUNT_SLOTS, or NULL */
	struct diag_cache *cache; /* for rows that show the diagnosis's
	                             fields alone, or NULL */
	unsigned long long other; /* hits that found no slot */
};

static unsigned
slot_of(const struct smtpcode_hit *h)
{
	unsigned k = (unsigned)h->basic * 2654435761u;

	if (h->has_enhanced)
		k ^= ((unsigned)h->enhanced.cls * 1000003u) ^
		    ((unsigned)h->enhanced.subject * 7919u) ^
		    (unsigned)h->enhanced.detail * 131u;
	return k % COUNT_SLOTS;
}

static int
same(const struct tally *t, const struct smtpcode_hit *h)
{
	return t->basic == h->basic && t->has_enhanced == h->has_enhanced &&
	    (!h->has_enhanced || smtpcode_enhanced_equal(&t->enhanced, &h->enhanced));
}

static void
count_hit(const struct smtpcode_hit *h, struct scan_ctx *x)
{
	unsigned i = slot_of(h), probes;

	for (probes = 0; probes < COUNT_SLOTS; probes++, i = (i + 1) % COUNT_SLOTS) {
		struct tally *t = &x->slots[i];
		if (t->n == 0) {
			t->basic = h->basic;
			t->has_enhanced = h->has_enhanced;
			t->enhanced = h->enhanced;
			t->n = 1;
			return;
		}
		if (same(t, h)) {
			t->n++;
			return;
		}
	}
	x->other++;
}

static void
on_hit(const struct smtpcode_hit *h, void *arg)
{
	struct scan_ctx *x = arg;

	x->found++;
	if (x->counting) {
		count_hit(h, x);
	} else if (!x->quiet && x->R->scan_diagnoses) {
		struct smtpcode_diagnosis d;
		int cls = h->has_enhanced ? h->enhanced.cls : h->basic / 100;

		/* A success or an intermediate reply reports no failure:
		 * nothing to diagnose. */
		if (cls == 2 || cls == 3) {
			memset(&d, 0, sizeof d);
			d.size = sizeof d;
			d.detail = d.action = "";
		} else if (x->cache != NULL)
			diag_cache_get(x->cache, h->text, h->text_len, h->basic,
			    h->has_enhanced, &h->enhanced, h->host, h->host_len, &d);
		else
			diagnose_reply(h->text, h->text_len, h->basic,
			    h->has_enhanced, &h->enhanced, h->host, h->host_len, &d);
		x->R->scan_hit(x->in.source, h, &d, &x->rc);
	} else if (!x->quiet) {
		x->R->scan_hit(x->in.source, h, NULL, &x->rc);
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

/* Diagnose what a reply found by the scanner or in a record says. */
void
diagnose_reply(const char *text, size_t text_len, int basic, int has_enhanced,
    const struct smtpcode_enhanced_code *e, const char *host, size_t host_len,
    struct smtpcode_diagnosis *d)
{
	struct smtpcode_input in;

	memset(&in, 0, sizeof in);
	in.size = sizeof in;
	in.text = text;
	in.text_len = text_len;
	in.basic = basic;
	in.has_enhanced = has_enhanced;
	if (has_enhanced)
		in.enhanced = *e;
	in.host = host_len > 0 ? host : NULL;
	in.host_len = host_len;
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
	x->R->record(x->in.source, r, &d, &x->rc);
}

int
run_scan(int argc, char **argv, const struct renderer *R,
    const struct labels *L, int quiet, int counting, int records)
{
	struct smtpcode_scanner *scanner;
	struct scan_ctx x;
	int trouble, want_cache;

	memset(&x, 0, sizeof x);
	x.R = R;
	x.rc.L = L;
	x.quiet = quiet;
	x.counting = counting;
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
	if (scanner != NULL && (counting || quiet))
		smtpcode_scanner_set_flags(scanner, SMTPCODE_SCAN_CODES_ONLY);
	else if (scanner != NULL && !R->scan_diagnoses)
		smtpcode_scanner_set_flags(scanner, SMTPCODE_SCAN_NO_HOST);
	if (counting)
		x.slots = calloc(COUNT_SLOTS, sizeof *x.slots);
	/* (the cache: TSV rows show a diagnosis without its evidence) */
	want_cache = !counting && R->scan_diagnoses == SCAN_DIAGNOSIS_FIELDS;
	if (want_cache)
		x.cache = diag_cache_new();
	if (scanner == NULL || (counting && x.slots == NULL) ||
	    (want_cache && x.cache == NULL)) {
		warnx_("out of memory");
		smtpcode_scanner_free(scanner);
		free(x.slots);
		diag_cache_free(x.cache);
		return EXIT_TROUBLE;
	}
	trouble = read_sources(&x.in, argc, argv) < 0;
	if (counting && !quiet)
		print_counts(&x);
	free(x.slots);
	diag_cache_free(x.cache);
	smtpcode_scanner_free(scanner);
	if (trouble)
		return EXIT_TROUBLE;
	return x.found > 0 ? EXIT_KNOWN : EXIT_UNKNOWN;
}
