/*
 * diagcache.c: see diagcache.h.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diagcache.h"

/* Sets of four, the most recently used first: with one place a key, two
 * replies a log alternates between could take each other's place every
 * time (a file of 637 different failures cost 6,607 diagnoses so). */
#define DIAG_SETS 1024
#define DIAG_WAYS 4

struct diag_entry {
	unsigned long long h1, h2; /* smtpcode_diagnosis_key(); 0: free */
	unsigned char reason, provider, blocklist, hard, blocklist_failed;
};

struct diag_cache {
	struct diag_entry e[DIAG_SETS][DIAG_WAYS];
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

/* A first key, of the reply exactly as written. Most replies a log says
 * again it says byte for byte, and this key, eight bytes a step with
 * nothing to look at, costs a fraction of smtpcode_diagnosis_key(), which
 * is asked for only when it is not found. Its seeds differ from the
 * library's, so the two kinds of keys share the table. */
static uint64_t
rotl(uint64_t x, int k)
{
	return x << k | x >> (64 - k);
}

static void
mix(struct smtpcode_diagnosis_key *k, const char *s, size_t n)
{
	uint64_t w, a = k->h1, b = k->h2;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		a = rotl((a ^ w) * 0x9e3779b97f4a7c15ULL, 29);
		b = rotl((b ^ w) * 0xc2b2ae3d27d4eb4fULL, 31);
	}
	/* The last bytes, and how many they are (a loop: a call to memcpy
	 * for so few would cost more). */
	w = (uint64_t)n << 56;
	while (n-- > 0)
		w |= (uint64_t)(unsigned char)s[n] << (8 * n);
	k->h1 = rotl((a ^ w) * 0x9e3779b97f4a7c15ULL, 29);
	k->h2 = rotl((b ^ w) * 0xc2b2ae3d27d4eb4fULL, 31);
}

static void
exact_key(const struct smtpcode_input *in, struct smtpcode_diagnosis_key *k)
{
	unsigned char codes[8] = { 0 };

	k->h1 = 0x243f6a8885a308d3ULL;
	k->h2 = 0x13198a2e03707344ULL;
	codes[0] = (unsigned char)((unsigned)in->basic & 0xff);
	codes[1] = (unsigned char)((unsigned)in->basic >> 8 & 0xff);
	if (in->has_enhanced) {
		codes[2] = (unsigned char)(in->enhanced.cls | 0x80);
		codes[3] = (unsigned char)((unsigned)in->enhanced.subject & 0xff);
		codes[4] = (unsigned char)((unsigned)in->enhanced.subject >> 8 & 0xff);
		codes[5] = (unsigned char)((unsigned)in->enhanced.detail & 0xff);
		codes[6] = (unsigned char)((unsigned)in->enhanced.detail >> 8 & 0xff);
	}
	mix(k, (const char *)codes, sizeof codes);
	mix(k, in->host != NULL ? in->host : "", in->host_len);
	mix(k, in->text, in->text_len);
	if (k->h1 == 0)
		k->h1 = 1;
}

/* The entry of key k, moved to the front of its set, or NULL. */
static struct diag_entry *
find(struct diag_cache *c, const struct smtpcode_diagnosis_key *k)
{
	struct diag_entry *set = c->e[k->h1 % DIAG_SETS], hit;
	size_t i;

	for (i = 0; i < DIAG_WAYS; i++) {
		if (set[i].h1 == k->h1 && set[i].h2 == k->h2) {
			hit = set[i];
			memmove(set + 1, set, i * sizeof *set);
			set[0] = hit;
			return set;
		}
	}
	return NULL;
}

/* Put the diagnosis d under key k, at the front of its set; the least
 * recently used entry goes. */
static void
store(struct diag_cache *c, const struct smtpcode_diagnosis_key *k,
    const struct smtpcode_diagnosis *d)
{
	struct diag_entry *set = c->e[k->h1 % DIAG_SETS];

	memmove(set + 1, set, (DIAG_WAYS - 1) * sizeof *set);
	set[0].h1 = k->h1;
	set[0].h2 = k->h2;
	set[0].reason = (unsigned char)d->reason;
	set[0].provider = (unsigned char)d->provider;
	set[0].blocklist = (unsigned char)d->blocklist;
	set[0].hard = (unsigned char)(d->hard != 0);
	set[0].blocklist_failed = (unsigned char)(d->blocklist_failed != 0);
}

static void
from_entry(const struct diag_entry *x, struct smtpcode_diagnosis *d)
{
	/* No evidence: the members before it are all there is. */
	memset(d, 0, offsetof(struct smtpcode_diagnosis, evidence));
	d->size = sizeof *d;
	d->reason = x->reason;
	d->provider = x->provider;
	d->blocklist = x->blocklist;
	d->hard = x->hard;
	d->blocklist_failed = x->blocklist_failed;
	d->detail = d->action = "";
}

void
diag_cache_get(struct diag_cache *c, const char *text, size_t text_len,
    int basic, int has_enhanced, const struct smtpcode_enhanced_code *e,
    const char *host, size_t host_len, struct smtpcode_diagnosis *d)
{
	struct smtpcode_input in;
	struct smtpcode_diagnosis_key exact, k;
	const struct diag_entry *x;

	reply_input(&in, text, text_len, basic, has_enhanced, e, host, host_len);
	exact_key(&in, &exact);
	if ((x = find(c, &exact)) != NULL) {
		from_entry(x, d);
		return;
	}
	smtpcode_diagnosis_key(&in, &k);
	if (k.h1 == 0)
		k.h1 = 1;
	if ((x = find(c, &k)) != NULL) {
		from_entry(x, d);
	} else {
		d->size = sizeof *d;
		smtpcode_diagnose(&in, d);
		store(c, &k, d);
	}
	store(c, &exact, d);
}
