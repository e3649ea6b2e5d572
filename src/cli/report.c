/*
 * report.c: the counts --report keeps, one record at a time.
 *
 * Every table has a fixed size (report.h): the memory of a report is the
 * same for a day's log and a year's. What needs the history of a message
 * (a deferred message counts once, however many attempts; an expiry that
 * names no recipient is the failure of the recipients deferred before)
 * is kept per message only while the message is in the queue: the MTA's
 * "removed"/"Completed" line forgets it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "report.h"

unsigned long long
hash_bytes(const char *s, size_t n, int fold)
{
	unsigned long long h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (fold && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 1099511628211ULL;
	}
	return h == 0 ? 1 : h;
}

void
report_init(struct report *r)
{
	memset(r, 0, sizeof *r);
	r->first = r->last = -1;
	r->bucket_width = 3600;
}

/* --- Top lists -------------------------------------------------------- */

static void
top_add(struct top *t, const char *key, size_t n)
{
	size_t i, least = 0;

	if (n >= REPORT_DOMAIN_MAX)
		n = REPORT_DOMAIN_MAX - 1;
	for (i = 0; i < t->used; i++) {
		if (strlen(t->item[i].key) == n && memcmp(t->item[i].key, key, n) == 0) {
			t->item[i].n++;
			return;
		}
		if (t->item[i].n < t->item[least].n)
			least = i;
	}
	if (t->used < REPORT_TOP)
		least = t->used++;
	else
		t->item[least].n++;     /* space-saving: inherit the count */
	memcpy(t->item[least].key, key, n);
	t->item[least].key[n] = '\0';
	if (t->used <= REPORT_TOP && t->item[least].n == 0)
		t->item[least].n = 1;
}

static int
by_top(const void *a, const void *b)
{
	const struct top_item *x = *(const struct top_item *const *)a;
	const struct top_item *y = *(const struct top_item *const *)b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->key, y->key);
}

size_t
top_sorted(const struct top *t, const struct top_item **out, size_t max)
{
	size_t i, n = t->used < max ? t->used : max;
	const struct top_item *all[REPORT_TOP] = { NULL };

	for (i = 0; i < t->used; i++)
		all[i] = &t->item[i];
	qsort(all, t->used, sizeof(const struct top_item *), by_top);
	for (i = 0; i < n; i++)
		out[i] = all[i];
	return n;
}

/* --- Domains ---------------------------------------------------------- */

/* The row of a domain (lower-cased), or the others row. Open addressing
 * over the fixed table; names are compared whole. */
static struct domain_row *
domain_row(struct report *r, const char *name, size_t n, int *index)
{
	size_t i, k, probes;
	char low[REPORT_DOMAIN_MAX];

	if (n >= REPORT_DOMAIN_MAX)
		n = REPORT_DOMAIN_MAX - 1;
	for (k = 0; k < n; k++)
		low[k] = (char)(name[k] >= 'A' && name[k] <= 'Z' ?
		    name[k] - 'A' + 'a' : name[k]);
	low[n] = '\0';
	i = (size_t)(hash_bytes(low, n, 0) % REPORT_DOMAINS);
	for (probes = 0; probes < REPORT_DOMAINS; probes++, i = (i + 1) % REPORT_DOMAINS) {
		struct domain_row *d = &r->domain[i];
		if (!d->used) {
			/* Keep a quarter free: probes stay short. */
			if (r->ndomains >= REPORT_DOMAINS - REPORT_DOMAINS / 4)
				break;
			d->used = 1;
			memcpy(d->name, low, n + 1);
			r->ndomains++;
			*index = (int)i;
			return d;
		}
		if (strcmp(d->name, low) == 0) {
			*index = (int)i;
			return d;
		}
	}
	*index = -1;
	return &r->others;
}

unsigned long long
domain_failures(const struct domain_row *d)
{
	return d->status[SMTPCODE_STATUS_DEFERRED] +
	    d->status[SMTPCODE_STATUS_BOUNCED] + d->status[SMTPCODE_STATUS_EXPIRED];
}

int
top_provider(const unsigned long long *by_provider)
{
	int p, best = 0;

	for (p = 1; p < REPORT_PROVIDERS; p++)
		if (by_provider[p] > by_provider[best])
			best = p;
	return best;
}

int
provider_top_reason(const struct report *r, int provider)
{
	int k, best = 0;

	for (k = 1; k < REPORT_REASONS; k++)
		if (r->provider_reason[provider][k] > r->provider_reason[provider][best])
			best = k;
	return best;
}

int
domain_top_reason(const struct domain_row *d)
{
	int k, best = 0;

	for (k = 1; k < REPORT_REASONS; k++)
		if (d->reason[k] > d->reason[best])
			best = k;
	return d->reason[best] > 0 ? best : 0;
}

/* --- Deferred messages ------------------------------------------------ */

static void pending_remove(struct report *, struct pending *);

/* The table holds at most this many: probes stay short. */
#define PENDING_MAX (REPORT_PENDING - REPORT_PENDING / 4)

static struct pending *
pending_lookup(struct report *r, unsigned long long id, struct pending **free_slot)
{
	size_t i = (size_t)(id % REPORT_PENDING), probes;

	for (probes = 0; probes < REPORT_PENDING; probes++, i = (i + 1) % REPORT_PENDING) {
		struct pending *p = &r->pending[i];
		if (p->id == id)
			return p;
		if (p->id == 0) {
			*free_slot = p;
			return NULL;
		}
	}
	*free_slot = NULL;
	return NULL;
}

static struct pending *
pending_find(struct report *r, unsigned long long id, int insert, int *created)
{
	struct pending *free_slot, *p = pending_lookup(r, id, &free_slot);

	if (p != NULL || !insert)
		return p;
	/* Full: the message deferred longest ago goes (its log has no
	 * "removed" line, or it is still in the queue); a deferral of it
	 * later counts again. */
	while (r->npending >= PENDING_MAX && r->order_len > 0) {
		struct pending *old, *unused;

		old = pending_lookup(r, r->pending_order[r->order_head], &unused);
		r->order_head = (r->order_head + 1) % REPORT_PENDING;
		r->order_len--;
		if (old != NULL) {
			pending_remove(r, old);
			r->pending_evicted++;
		}
	}
	pending_lookup(r, id, &free_slot);
	if (free_slot == NULL)
		return NULL;
	p = free_slot;
	memset(p, 0, sizeof *p);
	p->id = id;
	p->domain = -1;
	r->npending++;
	if (r->order_len == REPORT_PENDING) {
		r->order_head = (r->order_head + 1) % REPORT_PENDING;
		r->order_len--;
	}
	r->pending_order[(r->order_head + r->order_len++) % REPORT_PENDING] = id;
	*created = 1;
	return p;
}

/* Remove an entry, moving the ones after it that probed past it. */
static void
pending_remove(struct report *r, struct pending *p)
{
	size_t i = (size_t)(p - r->pending), j = i, k;

	p->id = 0;
	r->npending--;
	for (;;) {
		j = (j + 1) % REPORT_PENDING;
		if (r->pending[j].id == 0)
			return;
		k = (size_t)(r->pending[j].id % REPORT_PENDING);
		/* Can the entry at j stay, its home k being cyclically in
		 * (i, j]? */
		if ((i <= j) ? (i < k && k <= j) : (i < k || k <= j))
			continue;
		r->pending[i] = r->pending[j];
		r->pending[j].id = 0;
		i = j;
	}
}

void
report_done(struct report *r, const char *qid, size_t len)
{
	int created = 0;
	struct pending *p = pending_find(r, hash_bytes(qid, len, 0), 0, &created);

	if (p != NULL)
		pending_remove(r, p);
}

/* --- Time ------------------------------------------------------------- */

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Seconds of a record's time, or -1. A syslog line has no year: it is
 * placed in the year of the last record that gave one, or in 2000 (a
 * leap year) while none did, and then the report names no year. A log
 * goes forward in time, so a month six or more before the last one
 * (December, then January) is in the next year: a log that crosses New
 * Year keeps January after December. */
static long long
seconds(struct report *r, const struct smtpcode_time *t, int *year_known)
{
	int y = t->year;

	if (t->month < 1 || t->month > 12 || t->day < 1 || t->day > 31 ||
	    t->hour < 0 || t->minute < 0 || t->second < 0)
		return -1;
	*year_known = y >= 0;
	if (y >= 0) {
		r->year_hint = y;
		r->year_turns = 0;
	} else {
		if (r->last_month > 0 && t->month + 6 <= r->last_month &&
		    r->year_turns < 100)
			r->year_turns++;
		y = (r->year_hint > 0 ? r->year_hint : 2000) + r->year_turns;
	}
	r->last_month = t->month;
	return days_from_civil(y, t->month, t->day) * 86400 +
	    t->hour * 3600LL + t->minute * 60LL + t->second;
}

/* The civil date of a day count (the inverse of days_from_civil, by
 * the same author). */
void
civil_from_days(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The same date and time, years later (29 February in a common year: 1
 * March). */
static long long
rebase(long long t, int years)
{
	long long days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int oy, m, d;

	civil_from_days(days, &oy, &m, &d);
	return days_from_civil(oy + years, m, d) * 86400 + (t - days * 86400);
}

/* Bucket widths, each a multiple of the one before: hour, 6 hours, day,
 * week, four weeks. */
static long long
wider(long long w)
{
	return w == 3600 ? 6LL * 3600 : w == 6LL * 3600 ? 86400 :
	    w == 86400 ? 7LL * 86400 : w * 4;
}

static long long
floor_to(long long t, long long w)
{
	return t >= 0 ? t - t % w : t - ((t % w) + w) % w;
}

/* Make room for t: wider buckets until the span from the earliest to the
 * latest time fits. */
static void
fit(struct report *r, long long t)
{
	long long lo = r->first < t ? r->first : t;
	long long hi = r->last > t ? r->last : t;
	long long w = r->bucket_width;
	struct bucket old[REPORT_BUCKETS];
	size_t i;

	while (floor_to(hi, w) - floor_to(lo, w) >= w * REPORT_BUCKETS)
		w = wider(w);
	if (w == r->bucket_width && r->bucket[0].start == floor_to(lo, w))
		return;
	memcpy(old, r->bucket, sizeof old);
	memset(r->bucket, 0, sizeof r->bucket);
	r->bucket_width = w;
	for (i = 0; i < REPORT_BUCKETS; i++)
		r->bucket[i].start = floor_to(lo, w) + (long long)i * w;
	for (i = 0; i < REPORT_BUCKETS; i++) {
		size_t k, j;
		unsigned long long n = 0;
		long long at;

		for (k = 0; k < REPORT_STATUSES; k++)
			n += old[i].status[k];
		if (n == 0)
			continue;
		/* (a bucket with counts lies within lo..hi) */
		at = (floor_to(old[i].start, w) - r->bucket[0].start) / w;
		j = at < 0 ? 0 : at >= REPORT_BUCKETS ? REPORT_BUCKETS - 1 : (size_t)at;
		for (k = 0; k < REPORT_STATUSES; k++)
			r->bucket[j].status[k] += old[i].status[k];
	}
}

static void
count_time(struct report *r, const struct smtpcode_record *rec)
{
	int known = 0, turns = r->year_turns;
	long long t = seconds(r, &rec->time, &known), w;
	size_t i;

	if (t < 0)
		return;
	if (known && !r->year_known && r->first >= 0) {
		/* The records so far had no year, and were put in 2000 and
		 * the years after it: move them so that the last of them
		 * are in this record's year, date by date. */
		int shift = rec->time.year - (2000 + turns);
		r->first = rebase(r->first, shift);
		r->last = rebase(r->last, shift);
		for (i = 0; i < REPORT_BUCKETS; i++)
			r->bucket[i].start = rebase(r->bucket[i].start, shift);
	}
	if (known)
		r->year_known = 1;
	if (r->first < 0) {
		r->first = r->last = t;
		w = r->bucket_width;
		for (i = 0; i < REPORT_BUCKETS; i++) {
			r->bucket[i].start = floor_to(t, w) + (long long)i * w;
			memset(r->bucket[i].status, 0, sizeof r->bucket[i].status);
		}
	}
	if (t < r->bucket[0].start ||
	    t >= r->bucket[0].start + r->bucket_width * REPORT_BUCKETS)
		fit(r, t);
	if (t < r->first)
		r->first = t;
	if (t > r->last)
		r->last = t;
	i = (size_t)((t - r->bucket[0].start) / r->bucket_width);
	r->bucket[i].status[rec->status]++;
}

/* --- Records ---------------------------------------------------------- */

static void
code_key(const struct smtpcode_record *rec, char *buf, size_t size)
{
	char b[4], x[12];

	if (rec->basic && rec->has_enhanced)
		snprintf(buf, size, "%s %s", basic_string(rec->basic, b),
		    enhanced_string(1, &rec->enhanced, x));
	else if (rec->basic)
		snprintf(buf, size, "%s", basic_string(rec->basic, b));
	else if (rec->has_enhanced)
		snprintf(buf, size, "%s", enhanced_string(1, &rec->enhanced, x));
	else
		buf[0] = '\0';
}

void
report_add(struct report *r, const struct smtpcode_record *rec,
    const struct smtpcode_diagnosis *d)
{
	int status = (int)rec->status, reason, provider, di = -1;
	struct domain_row *dom = NULL;
	struct pending *p = NULL;
	char key[32];

	if (status < 0 || status >= REPORT_STATUSES)
		return;
	r->records++;
	count_time(r, rec);
	reason = d != NULL && rec->status != SMTPCODE_STATUS_SENT && d->reason > 0 &&
	    d->reason < REPORT_REASONS ? d->reason : 0;
	provider = d != NULL && d->provider > 0 && d->provider < REPORT_PROVIDERS ?
	    d->provider : 0;
	if (rec->status == SMTPCODE_STATUS_REJECTED) {
		r->status[status]++;
		r->inbound_reason[reason]++;
		if (d != NULL && d->blocklist > 0 && d->blocklist < REPORT_BLOCKLISTS)
			r->blocklist_in[d->blocklist]++;
		return;
	}

	/* Deferred: once per recipient of a message, however many
	 * attempts; and once per message for the headline (pflogsumm's
	 * "deferred"). */
	if (rec->status == SMTPCODE_STATUS_DEFERRED) {
		r->deferrals++;
		if (rec->queue_id_len > 0) {
			unsigned long long rh = hash_bytes(rec->recipient,
			    rec->recipient_len, 1);
			unsigned k;
			int created = 0;

			p = pending_find(r, hash_bytes(rec->queue_id,
			    rec->queue_id_len, 0), 1, &created);
			if (created)
				r->deferred_msgs++;
			for (k = 0; k < p->nrcpt && k < 4; k++)
				if (p->rcpt[k] == rh)
					break;
			/* another attempt: remember its reason (past four
			 * recipients, a bit of the hash tells, which two
			 * of them may share) */
			if ((k < p->nrcpt && k < 4) ||
			    (p->nrcpt >= 4 && (p->more >> (rh % 64) & 1))) {
				p->reason = (unsigned char)reason;
				return;
			}
			if (p->nrcpt < 4)
				p->rcpt[p->nrcpt] = rh;
			else
				p->more |= 1ULL << (rh % 64);
			p->nrcpt++;
		} else {
			r->deferred_msgs++;
		}
		r->deferred_rcpt++;
	}

	/* An expiry that names no recipient: the failure of what was
	 * deferred before under its queue id. */
	if (rec->status == SMTPCODE_STATUS_EXPIRED && rec->recipient_len == 0 &&
	    rec->queue_id_len > 0) {
		int created = 0;

		p = pending_find(r, hash_bytes(rec->queue_id, rec->queue_id_len, 0),
		    0, &created);
		if (p != NULL && p->domain >= 0)
			dom = &r->domain[p->domain];
		/* why it kept failing says more than that it expired */
		if (p != NULL && p->reason != 0)
			reason = p->reason;
		p = NULL;
	}
	r->status[status]++;
	if (dom == NULL && rec->domain_len > 0)
		dom = domain_row(r, rec->domain, rec->domain_len, &di);
	else if (dom != NULL)
		di = (int)(dom - r->domain);
	if (dom != NULL) {
		dom->status[status]++;
		if (rec->status != SMTPCODE_STATUS_SENT)
			dom->reason[reason]++;
		dom->provider[provider]++;
	}
	r->provider_status[provider][status]++;
	if (rec->status == SMTPCODE_STATUS_SENT)
		return;
	if (p != NULL && rec->status == SMTPCODE_STATUS_DEFERRED) {
		p->domain = di;
		p->reason = (unsigned char)reason;
		p->basic = rec->basic;
		p->has_enhanced = rec->has_enhanced;
		p->enhanced = rec->enhanced;
	}
	r->provider_reason[provider][reason]++;
	r->reason[reason].n++;
	r->reason[reason].status[status]++;
	r->reason[reason].provider[provider]++;
	if (d != NULL && d->hard && rec->status == SMTPCODE_STATUS_BOUNCED) {
		r->reason[reason].hard++;
		r->hard++;
	}
	code_key(rec, key, sizeof key);
	if (key[0] != '\0')
		top_add(&r->reason[reason].codes, key, strlen(key));
	if (dom != NULL)
		top_add(&r->reason[reason].domains, dom->name, strlen(dom->name));
	if (d != NULL && d->blocklist > 0 && d->blocklist < REPORT_BLOCKLISTS &&
	    !d->blocklist_failed)
		r->blocklist_out[d->blocklist]++;
}

/* --- Sorted views ----------------------------------------------------- */

static const struct report *sort_report_;
static const unsigned long long *sort_counts_;

static int
by_reason(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	unsigned long long p = sort_report_->reason[x].n, q = sort_report_->reason[y].n;

	return p != q ? (p < q ? 1 : -1) : x - y;
}

size_t
report_reasons(const struct report *r, int *out, size_t max)
{
	size_t n = 0;
	int k;

	for (k = 0; k < REPORT_REASONS && n < max; k++)
		if (r->reason[k].n > 0)
			out[n++] = k;
	sort_report_ = r;
	qsort(out, n, sizeof *out, by_reason);
	return n;
}

static unsigned long long
domain_total(const struct domain_row *d)
{
	size_t k;
	unsigned long long n = 0;

	for (k = 0; k < REPORT_STATUSES; k++)
		n += d->status[k];
	return n;
}

static int
by_domain(const void *a, const void *b)
{
	const struct domain_row *x = &sort_report_->domain[*(const int *)a];
	const struct domain_row *y = &sort_report_->domain[*(const int *)b];
	unsigned long long p = domain_failures(x), q = domain_failures(y);

	/* The domains mail fails to first, then the busiest. */
	if (p != q)
		return p < q ? 1 : -1;
	p = domain_total(x);
	q = domain_total(y);
	if (p != q)
		return p < q ? 1 : -1;
	return strcmp(x->name, y->name);
}

size_t
report_domains(const struct report *r, int *out, size_t max)
{
	size_t n = 0;
	int k;

	for (k = 0; k < REPORT_DOMAINS; k++)
		if (r->domain[k].used)
			out[n++] = k;
	sort_report_ = r;
	qsort(out, n, sizeof *out, by_domain);
	return n < max ? n : max;
}

static unsigned long long
provider_total(const struct report *r, int p)
{
	size_t k;
	unsigned long long n = 0;

	for (k = 0; k < REPORT_STATUSES; k++)
		n += r->provider_status[p][k];
	return n;
}

static int
by_provider(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	unsigned long long p = provider_total(sort_report_, x);
	unsigned long long q = provider_total(sort_report_, y);

	return p != q ? (p < q ? 1 : -1) : x - y;
}

size_t
report_providers(const struct report *r, int *out, size_t max)
{
	size_t n = 0;
	int k;

	/* Named providers only: "unknown" is the rest. */
	for (k = 1; k < REPORT_PROVIDERS && n < max; k++)
		if (provider_total(r, k) > 0)
			out[n++] = k;
	sort_report_ = r;
	qsort(out, n, sizeof *out, by_provider);
	return n;
}

static int
by_count(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	unsigned long long p = sort_counts_[x], q = sort_counts_[y];

	return p != q ? (p < q ? 1 : -1) : x - y;
}

size_t
report_blocklists(const unsigned long long *counts, int *out, size_t max)
{
	size_t n = 0;
	int k;

	for (k = 1; k < REPORT_BLOCKLISTS && n < max; k++)
		if (counts[k] > 0)
			out[n++] = k;
	sort_counts_ = counts;
	qsort(out, n, sizeof *out, by_count);
	return n;
}

const char *
thousands(unsigned long long n, char buf[32])
{
	char tmp[32];
	int len = snprintf(tmp, sizeof tmp, "%llu", n), i, o = 0;

	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}
