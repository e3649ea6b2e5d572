/*
 * hit_digest.h: a hit as one number, for tests that compare two ways of
 * scanning the same input (test_scan.c, test_parallel.c).
 */
#ifndef SMTPCODE_TESTS_HIT_DIGEST_H
#define SMTPCODE_TESTS_HIT_DIGEST_H

#include "smtpcode.h"

/* Its place, codes, text and host. */
static unsigned long long
hit_digest(const struct smtpcode_hit *h)
{
	unsigned long long x = h->line * 1000003ULL + h->column * 131ULL +
	    (unsigned long long)h->basic * 7919ULL;
	size_t i;

	if (h->has_enhanced)
		x ^= (unsigned long long)(h->enhanced.cls * 1000000 +
		    h->enhanced.subject * 1000 + h->enhanced.detail) << 20;
	for (i = 0; i < h->text_len; i++)
		x = x * 31 + (unsigned char)h->text[i];
	for (i = 0; i < h->host_len; i++)
		x = x * 37 + (unsigned char)h->host[i];
	return x;
}

#endif
