/*
 * match.c: one pass of the pattern automaton over a reply's text.
 *
 * The text is folded as the patterns were: ASCII letters lower-cased,
 * every run of blanks (space, tab, CR, LF) one space. Each folded byte is
 * one step of the automaton, so the cost is proportional to the text, not
 * to the number of patterns. A pattern that starts (ends) with a letter or
 * digit only counts where the text has no letter or digit just before
 * (after) it: "user unknown" must not match inside "superuser unknowns".
 */
#include <string.h>

#include "match.h"

void
smtpcode__match_init(struct matcher *m)
{
	m->state = 0;
	m->blank = 1;
	m->pos = 0;
	m->piece = 0;
	m->nfound = 0;
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The state after reading c in state s. */
static uint16_t
step(uint16_t s, unsigned char c)
{
	for (;;) {
		uint16_t lo, hi;

		if (s == 0)
			return smtpcode__ac_root[c];
		lo = smtpcode__ac_first[s];
		hi = (uint16_t)(lo + smtpcode__ac_nchild[s]);
		/* The children are numbered in the order of their bytes. */
		while (lo < hi) {
			uint16_t mid = (uint16_t)(lo + (hi - lo) / 2);
			unsigned char l = smtpcode__ac_label[mid];
			if (l == c)
				return mid;
			if (l < c)
				lo = (uint16_t)(mid + 1);
			else
				hi = mid;
		}
		s = smtpcode__ac_fail[s];
	}
}

static void
record(struct matcher *m, uint16_t p, const char *end)
{
	const struct ac_pattern *pat = &smtpcode__ac_pattern[p];
	size_t i, at = m->pos - pat->len, first = at % MATCH_RING;
	struct match *f;

	if ((pat->flags & AC_WORD_START) && at > 0 &&
	    is_alnum(m->ring[(at - 1) % MATCH_RING]))
		return;
	for (i = 0; i < m->nfound; i++)
		if (m->found[i].pattern == p)
			return;
	if (m->nfound == MATCH_MAX)
		return;
	f = &m->found[m->nfound++];
	f->pattern = p;
	f->at = at;
	f->start = m->src[first];
	f->len = 0;
	if (f->start != NULL && m->src_piece[first] == m->piece)
		f->len = (size_t)(end - f->start) + 1;
}

/* Fold and read one byte; next is the raw byte after it, or -1 at the end
 * of the piece. */
static void
feed_byte(struct matcher *m, const char *at, unsigned char c, int next)
{
	size_t slot = m->pos % MATCH_RING;
	uint16_t t;

	m->state = step(m->state, c);
	m->ring[slot] = c;
	m->src[slot] = at;
	m->src_piece[slot] = m->piece;
	m->pos++;
	t = smtpcode__ac_out_n[m->state] ? m->state : smtpcode__ac_dict[m->state];
	for (; t != 0; t = smtpcode__ac_dict[t]) {
		uint16_t k, first = smtpcode__ac_out[t];
		for (k = 0; k < smtpcode__ac_out_n[t]; k++) {
			uint16_t p = smtpcode__ac_outs[first + k];
			/* A word's end needs no letter or digit after it. */
			if ((smtpcode__ac_pattern[p].flags & AC_WORD_END) &&
			    next >= 0 && is_alnum(next))
				continue;
			record(m, p, at);
		}
	}
}

void
smtpcode__match_feed(struct matcher *m, const char *s, size_t n)
{
	size_t i;

	m->piece++;
	/* Pieces are apart: as if a blank stood between them. */
	if (!m->blank) {
		feed_byte(m, NULL, ' ', -1);
		m->blank = 1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int next;

		if (is_space(c)) {
			if (m->blank)
				continue;
			c = ' ';
			m->blank = 1;
		} else {
			c = (unsigned char)to_lower(c);
			m->blank = 0;
		}
		next = i + 1 < n ? (unsigned char)s[i + 1] : -1;
		feed_byte(m, s + i, c, next);
	}
}
