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
	m->nfound = 0;
	m->piece_start = NULL;
	m->piece_pos = 0;
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static unsigned
has_out(uint16_t s)
{
	return smtpcode__ac_hasout[s >> 3] >> (s & 7) & 1u;
}

/* The state after reading c in state s, with AC_OUT added where patterns
 * end at it. */
static uint16_t
step(uint16_t s, unsigned char c)
{
	for (;;) {
		uint16_t lo, hi;

		if (s < smtpcode__ac_ndense)
			return smtpcode__ac_dense[(size_t)s * AC_ROW +
			    smtpcode__ac_class[c]];
		const struct ac_state *st = &smtpcode__ac_state[s];

		lo = st->first;
		/* Most states deep in the automaton have one child. */
		if (st->nchild == 1) {
			if (smtpcode__ac_label[lo] == c)
				return (uint16_t)(lo | (has_out(lo) ? AC_OUT : 0));
			s = st->fail;
			continue;
		}
		hi = (uint16_t)(lo + st->nchild);
		/* The children are numbered in the order of their bytes. */
		while (lo < hi) {
			uint16_t mid = (uint16_t)(lo + (hi - lo) / 2);
			unsigned char l = smtpcode__ac_label[mid];
			if (l == c)
				return (uint16_t)(mid | (has_out(mid) ? AC_OUT : 0));
			if (l < c)
				lo = (uint16_t)(mid + 1);
			else
				hi = mid;
		}
		s = st->fail;
	}
}

/* Where a match of n folded bytes that ends at end starts in the text
 * (inside the current piece): back over n folded bytes, a run of blanks
 * being one. */
static const char *
match_start(const struct matcher *m, const char *end, size_t n)
{
	const char *p = end;

	while (--n > 0) {
		p--;
		if (is_space((unsigned char)*p))
			while (p > m->piece_start && is_space((unsigned char)p[-1]))
				p--;
	}
	return p;
}

static void
record(struct matcher *m, uint16_t p, const char *end)
{
	const struct ac_pattern *pat = &smtpcode__ac_pattern[p];
	size_t i, at = m->pos - pat->len;
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
	f->start = NULL;
	f->len = 0;
	/* A match across two pieces is not one span of the text. */
	if (end != NULL && at >= m->piece_pos) {
		f->start = match_start(m, end, pat->len);
		f->len = (size_t)(end - f->start) + 1;
	}
}

/* Record the patterns that end at state s, reached by the folded byte at
 * m->pos - 1; next is the raw byte after it, or -1 at the end of the
 * piece. */
static void
outputs(struct matcher *m, uint16_t s, const char *at, int next)
{
	const struct ac_state *st = &smtpcode__ac_state[s];
	uint16_t t = st->out_n ? s : st->dict;

	for (; t != 0; t = smtpcode__ac_state[t].dict) {
		uint16_t k, first = smtpcode__ac_state[t].out;
		for (k = 0; k < smtpcode__ac_state[t].out_n; k++) {
			uint16_t p = smtpcode__ac_outs[first + k];
			/* A word's end needs no letter or digit after it. */
			if ((smtpcode__ac_pattern[p].flags & AC_WORD_END) &&
			    next >= 0 && is_alnum(next))
				continue;
			record(m, p, at);
		}
	}
}

/* The state, the position and whether the last byte was a blank live in
 * locals for the loop: a step near the root is one lookup, which also
 * says whether a pattern ends there, and the rare step where one does
 * goes to outputs(). */
void
smtpcode__match_feed(struct matcher *m, const char *s, size_t n)
{
	uint16_t state, t;
	size_t i, pos;
	int blank;

	/* Pieces are apart: as if a blank stood between them. */
	if (!m->blank) {
		uint16_t u = step(m->state, ' ');

		m->state = (uint16_t)(u & ~AC_OUT);
		m->ring[m->pos % MATCH_RING] = ' ';
		m->pos++;
		if (u & AC_OUT)
			outputs(m, m->state, NULL, -1);
		m->blank = 1;
	}
	m->piece_start = s;
	m->piece_pos = m->pos;
	state = m->state;
	pos = m->pos;
	blank = m->blank;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_space(c)) {
			if (blank)
				continue;
			c = ' ';
			blank = 1;
		} else {
			c = (unsigned char)to_lower(c);
			blank = 0;
		}
		t = step(state, c);
		state = (uint16_t)(t & ~AC_OUT);
		m->ring[pos % MATCH_RING] = c;
		pos++;
		if (t & AC_OUT) {
			m->state = state;
			m->pos = pos;
			outputs(m, state, s + i,
			    i + 1 < n ? (unsigned char)s[i + 1] : -1);
		}
	}
	m->state = state;
	m->pos = pos;
	m->blank = blank;
}
