/*
 * fuzz_records.c: libFuzzer target for smtpcode_record_line.
 *
 * The input is one line, any bytes. Where it records a delivery, every
 * string of the record is set and lies within the input, the domain
 * within the recipient, the enums and codes are in range, and the time's
 * parts are -1 or valid. The same line read with a caller's smaller
 * structure writes no more than its size.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
inside(const char *base, size_t len, const char *p, size_t n)
{
	if (p == NULL)
		abort();
	if (n > 0 && (p < base || p > base + len || n > (size_t)(base + len - p)))
		abort();
}

static void
in_range(int v, int lo, int hi)
{
	if (v != -1 && (v < lo || v > hi))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct smtpcode_record r;
	/* As large as the library's structure, for the sanitizer's object
	 * size check; the caller's size says how much of it is its own. */
	unsigned char small[sizeof(struct smtpcode_record) + 8];
	struct smtpcode_record *sr = (struct smtpcode_record *)(void *)small;
	size_t k;

	memset(&r, 0, sizeof r);
	r.size = sizeof r;
	if (smtpcode_record_line(s, size, 1, &r)) {
		inside(s, size, r.queue_id, r.queue_id_len);
		inside(s, size, r.recipient, r.recipient_len);
		inside(s, size, r.domain, r.domain_len);
		inside(r.recipient, r.recipient_len, r.domain, r.domain_len);
		inside(s, size, r.relay, r.relay_len);
		inside(s, size, r.client, r.client_len);
		inside(s, size, r.text, r.text_len);
		if (r.size != sizeof r || r.line != 1 ||
		    smtpcode_status_name(r.status) == NULL ||
		    smtpcode_direction_name(r.direction) == NULL)
			abort();
		if (r.basic != 0 && (r.basic < 200 || r.basic > 599))
			abort();
		if (r.has_enhanced && r.enhanced.cls != 2 && r.enhanced.cls != 4 &&
		    r.enhanced.cls != 5)
			abort();
		in_range(r.time.month, 1, 12);
		in_range(r.time.day, 1, 31);
		in_range(r.time.hour, 0, 23);
		in_range(r.time.minute, 0, 59);
		in_range(r.time.second, 0, 60);
	}

	memset(small, 0x5a, sizeof small);
	sr->size = offsetof(struct smtpcode_record, queue_id);
	smtpcode_record_line(s, size, 1, sr);
	for (k = offsetof(struct smtpcode_record, queue_id); k < sizeof small; k++)
		if (small[k] != 0x5a)
			abort();
	return 0;
}
