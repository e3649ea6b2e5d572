/*
 * parallel.c: --scan of a big log file by two threads. The file is read
 * in pieces that end at a newline, each thread reading its own with
 * pread(2). While the main thread scans a piece with the scanner that has
 * read everything before it, a helper thread reads the next piece,
 * counts the main thread's lines, and scans its piece with a second
 * scanner resumed at that line count, its output kept aside. The main
 * thread's next piece is read by whichever of the two is free first.
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
 * Memory: three pieces, and what the helper writes for two (one being
 * written out while it fills the other).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parallel.h"

#if !defined(__STDC_NO_THREADS__)
#include <threads.h>

/* Big enough that a handover (two signals, one write) costs nothing
 * against scanning it, small enough that memory stays low. */
#define PIECE (1u << 20)

/* A piece of the file: len bytes read at off, which end at a newline
 * unless the file ends there (eof) or no newline came in PIECE bytes. */
struct piece {
	char *buf;
	long long off;
	size_t len;
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
	int fd;
	long long start;                /* the file's offset when given */
	struct piece *piece;            /* its off set: the helper reads it */
	struct piece *next;             /* and the main thread's next one */
	int read_errno;                 /* reading piece failed: why */
	int next_errno;                 /* reading next failed: why */
	/* Who reads next: whichever thread is free first once piece is
	 * read (the main thread when scanning is quick, as in --count; the
	 * helper when writing the output keeps the main thread busy). */
	int piece_read;                 /* piece read (or failed) */
	int next_by;                    /* 0: not yet; 1: helper; 2: main */
	struct smtpcode_scanner *scanner;
	smtpcode_scan_cb cb;
	void *arg;
	struct out_capture out[2];      /* by turns: one being written */
	int cur;                        /* the one the helper fills */
	unsigned long long resumed_at;
};

/* The newlines in p[0, n): sixteen bytes at a time where the compiler
 * has vector types (as in out.c), a line at a time with memchr else. */
static unsigned long long
count_lines(const char *p, size_t n)
{
	const char *end = p + n, *nl;
	unsigned long long lines = 0;

#if defined(__GNUC__) && !defined(SMTPCODE_NO_VECTOR)
	typedef unsigned char bytes16 __attribute__((vector_size(16)));

	for (; end - p >= 16; p += 16) {
		bytes16 v;
		uint64_t half[2];

		memcpy(&v, p, sizeof v);
		v = (bytes16)(v == '\n');
		memcpy(half, &v, sizeof half);
		lines += (unsigned)(__builtin_popcountll(half[0]) +
		    __builtin_popcountll(half[1])) / 8;
	}
#endif
	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		lines++;
		p = nl + 1;
	}
	return lines;
}

/* Read the piece that starts at p->off and cut it after its last
 * newline. 0, or -1 with errno set. */
static int
read_piece(int fd, struct piece *p)
{
	size_t have = 0;
	const char *nl;

	p->eof = 0;
	while (have < PIECE) {
		ssize_t n = pread(fd, p->buf + have, PIECE - have, (off_t)(p->off + (long long)have));

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
	/* A line longer than a piece is cut anywhere: the next piece's
	 * guess then fails and the main thread reads on. */
	if (!p->eof) {
		for (nl = p->buf + have; nl > p->buf && nl[-1] != '\n'; nl--)
			;
		if (nl > p->buf)
			p->len = (size_t)(nl - p->buf);
	}
	return 0;
}

/* Whether thread who (1 helper, 2 main) is the one to read the main
 * thread's next piece: the first to ask once the helper's piece is read. */
static int
claim_next(struct helper *h, int who)
{
	int mine;

	mtx_lock(&h->mu);
	if (h->piece_read && h->next_by == 0)
		h->next_by = who;
	mine = h->next_by == who;
	mtx_unlock(&h->mu);
	return mine;
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

		h->read_errno = h->next_errno = 0;
		if (read_piece(h->fd, h->piece) < 0)
			h->read_errno = errno;
		h->next->off = h->piece->off + (long long)h->piece->len;
		mtx_lock(&h->mu);
		h->piece_read = 1;
		mtx_unlock(&h->mu);
		if (h->read_errno == 0) {
			h->resumed_at = h->lines_before +
			    count_lines(h->before, h->before_len);
			smtpcode_scanner_resume(h->scanner, h->resumed_at);
			out_capture_start(&h->out[h->cur]);
			smtpcode_scan_feed(h->scanner, h->piece->buf, h->piece->len,
			    h->cb, h->arg);
			out_capture_end();
			if (!h->piece->eof && claim_next(h, 1) &&
			    read_piece(h->fd, h->next) < 0)
				h->next_errno = errno;
		}

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
	h->piece_read = 0;
	h->next_by = 0;
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

/* Have the helper read and scan piece b, the one after the main
 * thread's piece a. */
static void
post_next(struct helper *h, const struct piece *a, struct piece *b,
    struct piece *c, unsigned long long lines_before,
    struct smtpcode_scanner *spare)
{
	h->before = a->buf;
	h->before_len = a->len;
	h->lines_before = lines_before;
	b->off = a->off + (long long)a->len;
	h->piece = b;
	h->next = c;
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
scan_pieces(struct source_reader *r, struct helper *h, struct piece *a,
    struct piece *b, struct piece *c)
{
	struct smtpcode_scanner *mine = r->scanner, *spare = r->helper->scanner;
	struct out_capture *kept = NULL;
	int rc = 0, err = 0, main_errno = 0;
	long long end;          /* of the pieces scanned */

	smtpcode_scanner_reset(mine);
	a->off = h->start;
	if (read_piece(h->fd, a) < 0)
		return -1;
	/* a holds the main thread's next piece; unless it is the last, the
	 * helper reads and scans b, the piece after it, and reads c, the
	 * main thread's next. */
	for (;;) {
		struct piece *t;

		if (!a->eof)
			post_next(h, a, b, c, smtpcode_scanner_lines(mine), spare);
		if (kept != NULL)
			write_kept(kept);
		kept = NULL;
		smtpcode_scan_feed(mine, a->buf, a->len, r->cb, r->arg);
		end = a->off + (long long)a->len;
		if (a->eof)
			break;
		/* Done first: read the next piece while the helper scans. */
		if (claim_next(h, 2) && h->read_errno == 0 && !b->eof &&
		    read_piece(h->fd, c) < 0)
			main_errno = errno;
		helper_wait(h);
		if (h->read_errno != 0) {
			err = h->read_errno;
			rc = -1;
			break;
		}
		if (!h->out[h->cur].failed && smtpcode_scanner_idle(mine) &&
		    smtpcode_scanner_lines(mine) == h->resumed_at &&
		    r->helper->keep(r->arg, r->helper->arg)) {
			kept = &h->out[h->cur];
			spare = mine;
			mine = h->scanner;
			r->helper->kept++;
		} else {
			r->helper->drop(r->helper->arg);
			r->helper->redone++;
			smtpcode_scan_feed(mine, b->buf, b->len, r->cb, r->arg);
		}
		end = b->off + (long long)b->len;
		if (b->eof)
			break;
		if (h->next_errno != 0 || main_errno != 0) {
			err = h->next_errno != 0 ? h->next_errno : main_errno;
			rc = -1;
			break;
		}
		t = a;
		a = c;
		c = t;
	}
	if (kept != NULL)
		write_kept(kept);
	if (rc == 0) {
		smtpcode_scan_finish(mine, r->cb, r->arg);
		/* Where read(2) would have left it: at the end (standard
		 * input may be read again by the shell's next command). */
		(void)lseek(h->fd, (off_t)end, SEEK_SET);
	}
	errno = err;
	return rc;
}

int
scan_parallel(struct source_reader *r, int fd, long long size)
{
	struct helper *h;
	struct piece a, b, c;
	int rc = 1, err = 0, made = 0;
	off_t start;

	/* (pread's offsets must reach past 2 GiB) From where the file's
	 * offset is: standard input redirected from a file may have been
	 * read in part before. */
	if (r->helper == NULL || !out_plain() || sizeof(off_t) < 8 ||
	    (start = lseek(fd, 0, SEEK_CUR)) < 0 || size - (long long)start < 4LL * PIECE)
		return 1;
	h = calloc(1, sizeof *h);
	a.buf = malloc(PIECE);
	b.buf = malloc(PIECE);
	c.buf = malloc(PIECE);
	/* Without the memory or a thread, one thread reads the file. */
	if (h == NULL || a.buf == NULL || b.buf == NULL || c.buf == NULL)
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
	h->fd = fd;
	h->start = (long long)start;
	if (thrd_create(&h->thread, helper_main, h) != thrd_success)
		goto out;
	rc = scan_pieces(r, h, &a, &b, &c);
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
	free(c.buf);
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
