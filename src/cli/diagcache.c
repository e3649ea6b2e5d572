/*
 * diagcache.c: see diagcache.h.
 */
#include <stdlib.h>
#include <string.h>

#include "diagcache.h"

#define DIAG_CACHE 4096

struct diag_entry {
	unsigned long long h1, h2;      /* of codes, host and text; 0: free */
	unsigned char reason, provider, blocklist, hard, blocklist_failed;
};

struct diag_cache {
	struct diag_entry e[DIAG_CACHE];
};

struct diag_cache *
diag_cache_new(void)
{
	return calloc(1, sizeof(struct diag_cache));
}

void
diag_cache_free(struct diag_cache *c)
{
	free(c);
}

static void
mix(unsigned long long *a, unsigned long long *b, const unsigned char *s,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		*a = (*a ^ s[i]) * 1099511628211ULL;
		*b = (*b ^ s[i]) * 1099511628211ULL;
	}
}

/* Two FNV-1a hashes from different starts: a false match of both is not
 * to be expected in any log. */
void
diag_cache_get(struct diag_cache *c, const char *text, size_t text_len,
    int basic, int has_enhanced, const struct smtpcode_enhanced_code *e,
    const char *host, size_t host_len, struct smtpcode_diagnosis *d)
{
	unsigned long long a = 1469598103934665603ULL, b = 0x84222325cbf29ce4ULL;
	unsigned char head[12];
	struct diag_entry *x;

	memset(head, 0, sizeof head);
	head[0] = (unsigned char)(basic / 100);
	head[1] = (unsigned char)(basic % 100);
	head[2] = (unsigned char)has_enhanced;
	if (has_enhanced) {
		head[3] = (unsigned char)e->cls;
		head[4] = (unsigned char)e->subject;
		head[5] = (unsigned char)(e->subject >> 8);
		head[6] = (unsigned char)e->detail;
		head[7] = (unsigned char)(e->detail >> 8);
	}
	head[8] = (unsigned char)host_len;
	head[9] = (unsigned char)(host_len >> 8);
	mix(&a, &b, head, sizeof head);
	mix(&a, &b, (const unsigned char *)host, host_len);
	mix(&a, &b, (const unsigned char *)text, text_len);
	if (a == 0)
		a = 1;
	x = &c->e[a % DIAG_CACHE];
	if (x->h1 == a && x->h2 == b) {
		memset(d, 0, sizeof *d);
		d->size = sizeof *d;
		d->reason = x->reason;
		d->provider = x->provider;
		d->blocklist = x->blocklist;
		d->hard = x->hard;
		d->blocklist_failed = x->blocklist_failed;
		d->detail = d->action = "";
		return;
	}
	diagnose_reply(text, text_len, basic, has_enhanced, e, host, host_len, d);
	x->h1 = a;
	x->h2 = b;
	x->reason = (unsigned char)d->reason;
	x->provider = (unsigned char)d->provider;
	x->blocklist = (unsigned char)d->blocklist;
	x->hard = (unsigned char)(d->hard != 0);
	x->blocklist_failed = (unsigned char)(d->blocklist_failed != 0);
}
