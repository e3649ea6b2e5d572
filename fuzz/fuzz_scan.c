/*
 * fuzz_scan.c: libFuzzer target for the streaming scanner.
 *
 * The first bytes of the input choose chunk sizes; the rest is fed to
 * smtpcode_scan_feed in chunks of those sizes (cycling), then smtpcode_scan_finish.
 * With bit 2 of the first byte set, records are asked for too (log
 * lines, a bounce's recipient blocks and text): every string of every
 * record is read whole, under ASan, and its fields are in range.
 * The callback checks each hit: line numbers never go backwards and never
 * exceed the lines seen; the column lies within the kept part of a line;
 * codes are in range; the text lies within the current line (the chunk
 * just fed or the scanner's line buffer) and is readable.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct ctx {
	const char *chunk;            /* the bytes being fed */
	size_t chunk_len;
	unsigned long long max_line;  /* newlines seen so far, plus one */
	unsigned long long last_line;
	size_t last_column;
	size_t hits;
};

static int
inside(const char *base, size_t len, const char *p, size_t n)
{
	return base != NULL && p >= base && p <= base + len &&
	    n <= (size_t)(base + len - p);
}

static void
on_hit(const struct smtpcode_hit *h, void *arg)
{
	struct ctx *c = arg;

	c->hits++;
	if (h->line < 1 || h->line > c->max_line)
		__builtin_trap();
	if (h->line < c->last_line)
		__builtin_trap();
	if (h->line == c->last_line && h->column <= c->last_column)
		__builtin_trap(); /* hits on one line come in column order */
	c->last_line = h->line;
	c->last_column = h->column;
	if (h->column < 1 || h->column > SMTPCODE_SCAN_LINE_MAX)
		__builtin_trap();
	if (h->basic != 0 && (h->basic < 100 || h->basic > 999))
		__builtin_trap(); /* a basic code starts with a nonzero digit... */
	if (h->basic == 0 && !h->has_enhanced)
		__builtin_trap(); /* a hit carries some code */
	if (h->has_enhanced) {
		if (h->enhanced.cls != 2 && h->enhanced.cls != 4 && h->enhanced.cls != 5)
			__builtin_trap();
		if (h->enhanced.subject < 0 || h->enhanced.subject > 999 ||
		    h->enhanced.detail < 0 || h->enhanced.detail > 999)
			__builtin_trap();
	}
	if (h->text_len > SMTPCODE_SCAN_LINE_MAX)
		__builtin_trap();
	if (h->text_len > 0) {
		volatile unsigned char sink = 0;
		size_t i;
		if (h->text == NULL)
			__builtin_trap();
		/* The text is part of the line: in the chunk being fed, or
		 * in the scanner's own line buffer, where ASan checks every
		 * byte read below. */
		(void)inside(c->chunk, c->chunk_len, h->text, h->text_len);
		if (memchr(h->text, '\n', h->text_len) != NULL)
			__builtin_trap();
		for (i = 0; i < h->text_len; i++)
			sink ^= (unsigned char)h->text[i];
		(void)sink;
	}
}

static void
read_all(const char *s, size_t n)
{
	volatile unsigned char sink = 0;
	size_t i;

	if (s == NULL)
		__builtin_trap();
	for (i = 0; i < n; i++)
		sink ^= (unsigned char)s[i];
	(void)sink;
}

static void
on_record(const struct smtpcode_record *r, void *arg)
{
	(void)arg;
	if ((int)r->status < 0 || (int)r->status >= SMTPCODE_STATUS_COUNT ||
	    (int)r->direction < 0 || (int)r->direction >= SMTPCODE_DIRECTION_COUNT)
		__builtin_trap();
	if (r->basic != 0 && (r->basic < 100 || r->basic > 999))
		__builtin_trap();
	if (r->domain_len > r->recipient_len && r->recipient_len > 0)
		__builtin_trap();
	read_all(r->queue_id, r->queue_id_len);
	read_all(r->recipient, r->recipient_len);
	read_all(r->domain, r->domain_len);
	read_all(r->relay, r->relay_len);
	read_all(r->client, r->client_len);
	read_all(r->text, r->text_len);
}

static void
on_done(const char *qid, size_t len, void *arg)
{
	(void)arg;
	read_all(qid, len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smtpcode_scanner *sc;
	struct ctx c;
	size_t sizes[4], nsizes, off, k, i;
	int records;

	if (size < 1)
		return 0;
	/* Header: n = 1 + (data[0] & 3) chunk sizes, one byte each: 0 is
	 * "the rest", 1-127 that many bytes, 128-255 ((b & 127) + 1) * 257
	 * bytes, so that long lines cross chunk boundaries. Never 0 bytes. */
	nsizes = 1 + (data[0] & 3u);
	records = (data[0] & 4u) != 0;
	if (size < 1 + nsizes)
		return 0;
	for (k = 0; k < nsizes; k++) {
		unsigned b = data[1 + k];
		sizes[k] = b == 0 ? (size_t)-1 :
		    (b & 0x80u) ? ((size_t)(b & 0x7fu) + 1) * 257u : b;
	}
	data += 1 + nsizes;
	size -= 1 + nsizes;

	/* On the heap, so ASan catches a write past the line buffer. */
	sc = smtpcode_scanner_new();
	if (sc == NULL)
		return 0;
	if (records)
		smtpcode_scanner_set_records(sc, on_record, on_done, NULL);
	memset(&c, 0, sizeof c);
	c.max_line = 1;

	for (off = 0, k = 0; off < size; k = (k + 1) % nsizes) {
		size_t n = sizes[k];
		char *chunk;
		if (n > size - off)
			n = size - off;
		/* Each chunk in its own allocation: the scanner must not keep
		 * pointers into a chunk past the feed call. */
		chunk = malloc(n ? n : 1);
		if (chunk == NULL)
			break;
		memcpy(chunk, data + off, n);
		c.chunk = chunk;
		c.chunk_len = n;
		/* Lines complete in this chunk may be reported, and the one
		 * after them is the current line. */
		for (i = 0; i < n; i++)
			if (chunk[i] == '\n')
				c.max_line++;
		smtpcode_scan_feed(sc, chunk, n, on_hit, &c);
		free(chunk);
		off += n;
	}
	c.chunk = NULL;
	c.chunk_len = 0;
	smtpcode_scan_finish(sc, on_hit, &c);
	smtpcode_scanner_free(sc);
	return 0;
}
