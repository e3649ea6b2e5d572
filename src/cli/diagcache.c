/*
 * diagcache.c: see diagcache.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diagcache.h"

#define DIAG_CACHE 4096

struct diag_entry {
	uint64_t h1, h2;        /* of codes, host and text; 0: free */
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

/* Two 64-bit hashes of s, eight bytes a step (a byte a step cost more
 * than the diagnosis it saved on a text met again): each word is mixed
 * into both with a multiplication by a different odd constant and a
 * rotation, the last word padded with zeros and the length mixed in. */
static uint64_t
rotl(uint64_t x, int k)
{
	return x << k | x >> (64 - k);
}

static void
mix(uint64_t *a, uint64_t *b, const unsigned char *s, size_t n)
{
	uint64_t w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		*a = rotl((*a ^ w) * 0x9e3779b97f4a7c15ULL, 29);
		*b = rotl((*b ^ w) * 0xc2b2ae3d27d4eb4fULL, 31);
	}
	w = (uint64_t)n << 56;
	if (n > 0) {
		uint64_t t = 0;
		memcpy(&t, s, n);
		w ^= t;
	}
	*a = rotl((*a ^ w) * 0x9e3779b97f4a7c15ULL, 29);
	*b = rotl((*b ^ w) * 0xc2b2ae3d27d4eb4fULL, 31);
}

/* Two hashes from different starts and constants: a false match of both
 * is not to be expected in any log. */
void
diag_cache_get(struct diag_cache *c, const char *text, size_t text_len,
    int basic, int has_enhanced, const struct smtpcode_enhanced_code *e,
    const char *host, size_t host_len, struct smtpcode_diagnosis *d)
{
	uint64_t a = 1469598103934665603ULL, b = 0x84222325cbf29ce4ULL;
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
