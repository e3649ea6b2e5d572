/*
 * diagcache.h: diagnoses of replies met before. A log says the same reply
 * again and again (the same greylisting text, a provider's refusal naming
 * this server's address); where the output needs only the reason, the
 * provider, the block list and hard (a report, TSV rows), a reply seen
 * before, or said again with other numbers in it (an address, a user
 * number: smtpcode_diagnosis_key), is not diagnosed again. A fixed table:
 * its memory does not grow.
 */
#ifndef SMTPCODE_DIAGCACHE_H
#define SMTPCODE_DIAGCACHE_H

#include "cli.h"

struct diag_cache;

struct diag_cache *diag_cache_new(void);
void diag_cache_free(struct diag_cache *c);
/* The diagnosis of a reply: reason, provider, blocklist, blocklist_failed
 * and hard are set; the evidence, action and detail are not, when it
 * comes from the cache. */
void diag_cache_get(struct diag_cache *c, const char *text, size_t text_len,
    int basic, int has_enhanced, const struct smtpcode_enhanced_code *e,
    const char *host, size_t host_len, struct smtpcode_diagnosis *d);

#endif
