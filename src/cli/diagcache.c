/*
 * diagcache.c: see diagcache.h.
 */
#include <stdlib.h>
#include <string.h>

#include "diagcache.h"

#define DIAG_CACHE 4096

struct diag_entry {
	unsigned long long h1, h2; /* smtpcode_diagnosis_key(); 0: free */
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

void
diag_cache_get(struct diag_cache *c, const char *text, size_t text_len,
    int basic, int has_enhanced, const struct smtpcode_enhanced_code *e,
    const char *host, size_t host_len, struct smtpcode_diagnosis *d)
{
	struct smtpcode_input in;
	struct smtpcode_diagnosis_key k;
	struct diag_entry *x;

	reply_input(&in, text, text_len, basic, has_enhanced, e, host, host_len);
	smtpcode_diagnosis_key(&in, &k);
	if (k.h1 == 0)
		k.h1 = 1;
	x = &c->e[k.h1 % DIAG_CACHE];
	if (x->h1 == k.h1 && x->h2 == k.h2) {
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
	d->size = sizeof *d;
	smtpcode_diagnose(&in, d);
	x->h1 = k.h1;
	x->h2 = k.h2;
	x->reason = (unsigned char)d->reason;
	x->provider = (unsigned char)d->provider;
	x->blocklist = (unsigned char)d->blocklist;
	x->hard = (unsigned char)(d->hard != 0);
	x->blocklist_failed = (unsigned char)(d->blocklist_failed != 0);
}
