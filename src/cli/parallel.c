/*
 * parallel.c: --scan of a big log file by two threads. The file is read
 * in pieces that end at a newline. While the main thread scans a piece
 * with the scanner that has read everything before it, a helper thread
 * counts that piece's lines and scans the next piece with a second
 * scanner resumed at that line count, its output kept aside.
 *
 * The helper's guess is that nothing is pending where its piece starts.
 * When the main thread is done, its scanner says whether that is so
 * (smtpcode_scanner_idle): if it is, the helper's output is written after
 * the main thread's and its scanner carries on as the one that has read
 * everything; if not (a DSN group or a folded field across the cut, a
 * line longer than a piece, an email), its work is dropped and the main
 * thread scans the piece itself. Either way the output is byte for byte
 * what one thread gives; on a log, the guess is almost always right.
 *
 * Memory: two pieces, and what the helper writes for two (one being
 * written out while it fills the other).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parallel.h"

#if !defined(__STDC_NO_THREADS__)
#include <threads.h>

/* Big enough that a handover (two signals, one write) costs nothing
 * against scanning it, small enough that memory stays low. */
#define PIECE (1u << 20)

/* A buffer of the file: [0, len) holds a piece that ends at a newline
 * (or at the end of the file), [len, len + carry) the start of the line
 * after it, which is moved to the next buffer. */
struct piece {
	char *buf;
	size_t len, carry;
	int eof;
};

struct helper {
	thrd_t thread;
	mtx_t mu;
	cnd_t posted, finished;         /* job set; done set */
	int job, done, quit;
	/* The job: the piece the main thread scans (its lines counted to
	 * know where the helper's starts) and the helper's own. */
	const char *before;
	size_t before_len;
	unsigned long long lines_before;
	const char *buf;
	size_t len;
	struct smtpcode_scanner *scanner;
	smtpcode_scan_cb cb;
	void *arg;
	struct out_capture out[2];      /* by turns: one being written */
	int cur;                        /* the one the helper fills */
	unsigned long long resumed_at;
};

static unsigned long long
count_lines(const char *p, size_t n)
{
	const char *end = p + n, *nl;
	unsigned long long lines = 0;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		lines++;
		p = nl + 1;
	}
	return lines;
}

static int
helper_main(void *arg)
{
	struct helper *h = arg;

	for (;;) {
		mtx_lock(&h->mu);
		while (!h->job && !h->quit)
			cnd_wait(&h->posted, &h->mu);
		if (h->quit) {
			mtx_unlock(&h->mu);
			return 0;
		}
		h->job = 0;
		mtx_unlock(&h->mu);

		h->resumed_at = h->lines_before + count_lines(h->before, h->before_len);
		smtpcode_scanner_resume(h->scanner, h->resumed_at);
		out_capture_start(&h->out[h->cur]);
		smtpcode_scan_feed(h->scanner, h->buf, h->len, h->cb, h->arg);
		out_capture_end();

		mtx_lock(&h->mu);
		h->done = 1;
		cnd_signal(&h->finished);
		mtx_unlock(&h->mu);
	}
}

static void
helper_post(struct helper *h)
{
	mtx_lock(&h->mu);
	h->job = 1;
	h->done = 0;
	cnd_signal(&h->posted);
	mtx_unlock(&h->mu);
}

static void
helper_wait(struct helper *h)
{
	mtx_lock(&h->mu);
	while (!h->done)
		cnd_wait(&h->finished, &h->mu);
	mtx_unlock(&h->mu);
}

/* Fill p after the carry of the piece before it (from, may be NULL) and
 * cut it after its last newline. 0, or -1 with errno set. */
static int
fill(int fd, struct piece *p, const struct piece *from)
{
	size_t have = 0;
	const char *nl;

	if (from != NULL && from->carry > 0) {
		memcpy(p->buf, from->buf + from->len, from->carry);
		have = from->carry;
	}
	p->eof = 0;
	while (have < PIECE) {
		ssize_t n = read(fd, p->buf + have, PIECE - have);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			p->eof = 1;
			break;
		}
		have += (size_t)n;
	}
	p->len = have;
	p->carry = 0;
	/* A line longer than a piece is cut anywhere: the next piece's
	 * guess then fails and the main thread reads on. */
	if (!p->eof) {
		for (nl = p->buf + have; nl > p->buf && nl[-1] != '\n'; nl--)
			;
		if (nl > p->buf) {
			p->len = (size_t)(nl - p->buf);
			p->carry = have - p->len;
		}
	}
	return 0;
}

/* Give the helper piece b, after the main thread's piece a. */
static void
post_next(struct helper *h, const struct piece *a, const struct piece *b,
    unsigned long long lines_before, struct smtpcode_scanner *spare)
{
	h->before = a->buf;
	h->before_len = a->len;
	h->lines_before = lines_before;
	h->buf = b->buf;
	h->len = b->len;
	h->scanner = spare;
	h->cur ^= 1;
	helper_post(h);
}

/* Write what the helper kept for the piece before the main thread's. */
static void
write_kept(struct out_capture *c)
{
	if (c->len > 0)
		out_mem(c->buf, c->len);
	c->len = 0;
}

static int
scan_pieces(struct source_reader *r, int fd, struct helper *h,
    struct piece *a, struct piece *b)
{
	struct smtpcode_scanner *mine = r->scanner, *spare = r->helper->scanner;
	struct out_capture *kept = NULL;
	int rc = 0;

	smtpcode_scanner_reset(mine);
	if (fill(fd, a, NULL) < 0 || (!a->eof && fill(fd, b, a) < 0))
		return -1;
	if (!a->eof)
		post_next(h, a, b, 0, spare);
	/* a holds the main thread's next piece; unless it is the last, the
	 * helper is scanning b, the piece after it. */
	for (;;) {
		if (kept != NULL)
			write_kept(kept);
		kept = NULL;
		smtpcode_scan_feed(mine, a->buf, a->len, r->cb, r->arg);
		if (a->eof)
			break;
		helper_wait(h);
		if (!h->out[h->cur].failed && smtpcode_scanner_idle(mine) &&
		    smtpcode_scanner_lines(mine) == h->resumed_at &&
		    r->helper->keep(r->arg, r->helper->arg)) {
			kept = &h->out[h->cur];
			spare = mine;
			mine = h->scanner;
		} else {
			r->helper->drop(r->helper->arg);
			smtpcode_scan_feed(mine, b->buf, b->len, r->cb, r->arg);
		}
		if (b->eof)
			break;
		/* The next two pieces, and the helper on its way, before
		 * the kept output is written: a write to a pipe may wait
		 * for its reader. */
		if (fill(fd, a, b) < 0 || (!a->eof && fill(fd, b, a) < 0)) {
			rc = -1;
			break;
		}
		if (!a->eof)
			post_next(h, a, b, smtpcode_scanner_lines(mine), spare);
	}
	if (kept != NULL) {
		int err = errno;

		write_kept(kept);
		errno = err;
	}
	if (rc == 0)
		smtpcode_scan_finish(mine, r->cb, r->arg);
	return rc;
}

int
scan_parallel(struct source_reader *r, int fd, long long size)
{
	struct helper *h;
	struct piece a, b;
	int rc = 1, err = 0, made = 0;

	if (r->helper == NULL || size < 4LL * PIECE || !out_plain())
		return 1;
	h = calloc(1, sizeof *h);
	a.buf = malloc(PIECE);
	b.buf = malloc(PIECE);
	/* Without the memory or a thread, one thread reads the file. */
	if (h == NULL || a.buf == NULL || b.buf == NULL)
		goto out;
	if (mtx_init(&h->mu, mtx_plain) != thrd_success)
		goto out;
	made++;
	if (cnd_init(&h->posted) != thrd_success)
		goto out;
	made++;
	if (cnd_init(&h->finished) != thrd_success)
		goto out;
	made++;
	h->cb = r->cb;
	h->arg = r->helper->arg;
	if (thrd_create(&h->thread, helper_main, h) != thrd_success)
		goto out;
	rc = scan_pieces(r, fd, h, &a, &b);
	err = errno;
	mtx_lock(&h->mu);
	h->quit = 1;
	cnd_signal(&h->posted);
	mtx_unlock(&h->mu);
	thrd_join(h->thread, NULL);
out:
	if (made > 2)
		cnd_destroy(&h->finished);
	if (made > 1)
		cnd_destroy(&h->posted);
	if (made > 0)
		mtx_destroy(&h->mu);
	if (h != NULL) {
		free(h->out[0].buf);
		free(h->out[1].buf);
	}
	free(h);
	free(a.buf);
	free(b.buf);
	if (rc < 0)
		errno = err;
	return rc;
}

#else

int
scan_parallel(struct source_reader *r, int fd, long long size)
{
	(void)r;
	(void)fd;
	(void)size;
	return 1;
}

#endif
