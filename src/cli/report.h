/*
 * report.h: what --report keeps of a log: counts, not lines. Every table
 * has a fixed size; domains past REPORT_DOMAINS are counted in one
 * "others" row, so memory does not grow with the log.
 */
#ifndef SMTPCODE_REPORT_H
#define SMTPCODE_REPORT_H

#include "cli.h"

#define REPORT_REASONS 40       /* data/reasons.def has 33 */
#define REPORT_PROVIDERS 48     /* providers.def: 32 */
#define REPORT_BLOCKLISTS 48    /* blocklists.def: 35 */
#define REPORT_DOMAINS 2048
#define REPORT_DOMAIN_MAX 96    /* longer names are cut */
#define REPORT_TOP 8            /* candidates kept for a "top" list */
#define REPORT_BUCKETS 512      /* time-series points */
#define REPORT_PENDING 16384    /* deferred messages followed at once */

/* The statuses a report counts, as the library numbers them. */
#define REPORT_STATUSES SMTPCODE_STATUS_COUNT

/* A key and its count among the most frequent, kept by the space-saving
 * algorithm: a new key takes the place of the least counted one, so the
 * top few are right whenever they stand out. */
struct top_item {
	char key[REPORT_DOMAIN_MAX];
	unsigned long long n;
};
struct top {
	struct top_item item[REPORT_TOP];
	size_t used;
};

struct domain_row {
	char name[REPORT_DOMAIN_MAX];
	unsigned long long status[REPORT_STATUSES];
	unsigned long long reason[REPORT_REASONS];
	unsigned long long provider[REPORT_PROVIDERS];
	int used;
};

/* The failures (deferred, bounced, expired) of one reason. */
struct reason_row {
	unsigned long long n, status[REPORT_STATUSES], hard;
	unsigned long long provider[REPORT_PROVIDERS];
	struct top codes, domains;
};

/* A deferred message followed until it leaves the queue: each of its
 * recipients counts once among the deferred, however many attempts. */
struct pending {
	unsigned long long id;          /* hash of the queue id; 0: free */
	unsigned long long rcpt[4];     /* hashes of its deferred recipients, */
	unsigned nrcpt;
	unsigned long long more;        /* and of those past four, a bit each */
	int domain;                     /* the last one's row, or -1 */
	unsigned char reason;
	int basic;
	int has_enhanced;
	struct smtpcode_enhanced_code enhanced;
};

struct bucket {
	long long start;                /* seconds since an epoch, or -1 */
	unsigned long long status[REPORT_STATUSES];
};

struct report {
	unsigned long long records;
	unsigned long long status[REPORT_STATUSES];     /* per record */
	unsigned long long deferred_msgs;   /* distinct messages deferred */
	unsigned long long deferrals;       /* deferred records (attempts) */
	unsigned long long deferred_rcpt;   /* distinct recipients deferred */
	unsigned long long hard;            /* hard bounces */
	struct reason_row reason[REPORT_REASONS];       /* outbound */
	unsigned long long inbound_reason[REPORT_REASONS];
	unsigned long long provider_status[REPORT_PROVIDERS][REPORT_STATUSES];
	unsigned long long provider_reason[REPORT_PROVIDERS][REPORT_REASONS];
	unsigned long long blocklist_out[REPORT_BLOCKLISTS];
	unsigned long long blocklist_in[REPORT_BLOCKLISTS];
	struct domain_row domain[REPORT_DOMAINS];
	struct domain_row others;           /* domains past the table */
	size_t ndomains;
	struct pending pending[REPORT_PENDING];
	size_t npending;
	/* the ids in the order they came, to let the oldest go when the
	 * table is full */
	unsigned long long pending_order[REPORT_PENDING];
	size_t order_head, order_len;
	unsigned long long pending_evicted; /* the table was full */
	/* time: per hour, or wider when the log spans more */
	struct bucket bucket[REPORT_BUCKETS];
	long long bucket_width;             /* seconds */
	long long first, last;              /* record times, -1 if none */
	int year_known;                     /* records gave their year */
	int year_hint;                      /* the last one they gave */
	/* Records without a year: the New Years passed since the last
	 * record with one (December, then January), and the month of the
	 * last such record */
	int year_turns, last_month;
};

void report_init(struct report *r);
/* One record and its diagnosis (NULL for sent). */
void report_add(struct report *r, const struct smtpcode_record *rec,
    const struct smtpcode_diagnosis *d);
/* A message left the queue: forget it. */
void report_done(struct report *r, const char *qid, size_t len);

/* Rows sorted for output (indexes into the report's tables), largest
 * first; returns how many. */
size_t report_reasons(const struct report *r, int *out, size_t max);
size_t report_domains(const struct report *r, int *out, size_t max);
size_t report_providers(const struct report *r, int *out, size_t max);
size_t report_blocklists(const unsigned long long *counts, int *out, size_t max);
/* A top list's items, largest first. */
size_t top_sorted(const struct top *t, const struct top_item **out, size_t max);
/* The failures to a domain (deferred, bounced, expired), and its most
 * frequent reason or 0. */
unsigned long long domain_failures(const struct domain_row *d);
int domain_top_reason(const struct domain_row *d);
/* The provider counted most (0 if none), and a provider's most frequent
 * reason (0 if none). */
int top_provider(const unsigned long long *by_provider);
int provider_top_reason(const struct report *r, int provider);
/* The civil date of a day count since 1970-01-01. */
void civil_from_days(long long z, int *y, int *m, int *d);

/* "1,234,567" */
const char *thousands(unsigned long long n, char buf[32]);
/* FNV-1a of n bytes, ASCII letters lower-cased when fold is set; never
 * 0, which the tables keep for an empty place. */
unsigned long long hash_bytes(const char *s, size_t n, int fold);

#endif
