/*
 * diagnose.c: what a reply says beyond its code: who sent it, why it
 * failed, whether the address is dead, which block list, what to do.
 *
 * One pass of the pattern automaton over the reply's text (and over the
 * name of the host that sent it) finds every provider mark and tag, block
 * list name and reason phrase at once; the decision then takes the most
 * specific knowledge that matched, in this order:
 *
 *   1. a provider's own code (from the reply's provider, or one that only
 *      one provider uses) or a provider's tag;
 *   2. a block list the text names (a failed query to the list is the
 *      receiver's fault, not a listing);
 *   3. a STRONG phrase, the earliest reason of data/reasons.def first,
 *      then the longest phrase;
 *   4. the enhanced code where it names a cause (X.1.1, X.2.2, ...);
 *   5. a WEAK phrase;
 *   6. what the enhanced code and then the basic code hint at;
 *   7. "undefined" for a failure nothing explains.
 * A success (2yz) or an intermediate reply (3yz) has no reason.
 */
#include <string.h>

#include "match.h"

/* What matched, sorted by kind. */
struct seen {
	const struct match *tag, *mark, *blocklist, *resolver, *strong, *weak;
	int tag_row;
};

static const struct ac_pattern *
pattern(const struct match *m)
{
	return &smtpcode__ac_pattern[m->pattern];
}

/* Of two phrases, the one with the earlier reason, then the longer. */
static int
better_phrase(const struct match *a, const struct match *b)
{
	const struct ac_pattern *x = pattern(a), *y = pattern(b);

	if (x->target != y->target)
		return x->target < y->target;
	return x->len > y->len;
}

/* Is block list match f a part of a longer block list match? */
static int
inside_longer(const struct matcher *m, const struct match *f)
{
	size_t i, end = f->at + pattern(f)->len;

	for (i = 0; i < m->nfound; i++) {
		const struct match *g = &m->found[i];
		const struct ac_pattern *q = pattern(g);
		if (g != f && q->kind == PAT_BLOCKLIST && q->len > pattern(f)->len &&
		    g->at <= f->at && g->at + q->len >= end)
			return 1;
	}
	return 0;
}

static void
sort_matches(const struct matcher *m, struct seen *s)
{
	size_t i;

	memset(s, 0, sizeof *s);
	for (i = 0; i < m->nfound; i++) {
		const struct match *f = &m->found[i];
		const struct ac_pattern *p = pattern(f);

		switch (p->kind) {
		case PAT_TAG:
			if (s->tag == NULL)
				s->tag = f;
			break;
		case PAT_MARK:
			if (s->mark == NULL)
				s->mark = f;
			break;
		case PAT_BLOCKLIST:
			/* A precise list (a zone) comes before the generic name
			 * of its family in the data, so the lowest wins; but a
			 * name inside a longer one ("spamhaus sbl" inside
			 * "spamhaus sbl-xbl") is only part of it. */
			if (!inside_longer(m, f) && (s->blocklist == NULL ||
			    p->target < pattern(s->blocklist)->target ||
			    (p->target == pattern(s->blocklist)->target &&
			    p->len > pattern(s->blocklist)->len)))
				s->blocklist = f;
			break;
		case PAT_RESOLVER:
			if (s->resolver == NULL)
				s->resolver = f;
			break;
		case PAT_PHRASE_STRONG:
			if (s->strong == NULL || better_phrase(f, s->strong))
				s->strong = f;
			break;
		case PAT_PHRASE_WEAK:
			if (s->weak == NULL || better_phrase(f, s->weak))
				s->weak = f;
			break;
		default:
			break;
		}
	}
}

static void
evidence_text(struct smtpcode_diagnosis *d, enum smtpcode_evidence_kind kind,
    const struct match *m, int provider)
{
	struct smtpcode_evidence *e;

	if (m == NULL || d->nevidence == SMTPCODE_EVIDENCE_MAX)
		return;
	e = &d->evidence[d->nevidence++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->provider = provider;
	/* A match across two pieces is not one span of the input: the
	 * pattern, as matched, stands for it. */
	if (m->len > 0) {
		e->text = m->start;
		e->len = m->len;
	} else {
		e->text = smtpcode__ac_text + smtpcode__ac_text_off[m->pattern];
		e->len = pattern(m)->len;
	}
}

static void
evidence_code(struct smtpcode_diagnosis *d, enum smtpcode_evidence_kind kind,
    int basic, const struct smtpcode_enhanced_code *c, int provider)
{
	struct smtpcode_evidence *e;

	if (d->nevidence == SMTPCODE_EVIDENCE_MAX)
		return;
	e = &d->evidence[d->nevidence++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->provider = provider;
	e->basic = basic;
	if (c != NULL)
		e->enhanced = *c;
	e->text = "";
}

/* How much of a line its reply code takes ("550-", "550 5.1.1 "), if it
 * starts with one. */
static size_t
leading_code(const char *t, size_t n)
{
	struct smtpcode_enhanced_code c;
	size_t skip;

	if (n < 3 || !is_digit((unsigned char)t[0]) ||
	    !is_digit((unsigned char)t[1]) || !is_digit((unsigned char)t[2]))
		return 0;
	if (n == 3)
		return 3;
	if (t[3] != ' ' && t[3] != '-' && t[3] != '\r')
		return 0;
	skip = 4;
	return skip + smtpcode_match_enhanced(t + skip, n - skip, &c);
}

/* Feed the reply's text without its codes: each line, each piece of a
 * line a log joined. What this reads of digits, and the matcher's rules,
 * decide which digits smtpcode_diagnosis_key() may leave out: change
 * diagkey.c with them. */
static void
feed_text(struct matcher *m, const struct smtpcode_input *in)
{
	const struct smtpcode_enhanced_code *enh =
	    in->has_enhanced ? &in->enhanced : NULL;
	const char *t = in->text, *end = in->text + in->text_len;

	/* The host first: its name is the surest mark of who sent it. */
	if (in->host != NULL && in->host_len > 0)
		smtpcode__match_feed(m, in->host, in->host_len);
	while (t != NULL && t < end) {
		const char *nl = memchr(t, '\n', (size_t)(end - t));
		const char *le = nl ? nl : end, *piece;
		size_t n, pos = 0, plen, skip;

		/* A line that starts with a reply code: skip the code, and the
		 * enhanced code after it. */
		while (t < le && (*t == ' ' || *t == '\t'))
			t++;
		n = (size_t)(le - t);
		skip = leading_code(t, n);
		t += skip;
		n -= skip;
		while (smtpcode_text_piece(t, n, in->basic, enh, &pos, &piece, &plen))
			smtpcode__match_feed(m, piece, plen);
		t = nl ? nl + 1 : end;
	}
}

/* Whether a failure with this reason makes the address bad for good. */
static int
is_hard(int reason, int cls)
{
	struct smtpcode_reason_info r = { .size = sizeof r };

	if (!smtpcode_reason_info(reason, &r))
		return 0;
	return r.hard == SMTPCODE_HARD_ALWAYS ||
	    (r.hard == SMTPCODE_HARD_IF_PERMANENT && cls == 5);
}

static const char *
reason_action(int reason)
{
	struct smtpcode_reason_info r = { .size = sizeof r };

	return smtpcode_reason_info(reason, &r) ? r.action : "";
}

int
smtpcode_diagnose(const struct smtpcode_input *in, struct smtpcode_diagnosis *out)
{
	struct smtpcode_diagnosis d;
	struct matcher m;
	struct seen s;
	struct pcode_entry pc;
	struct ptag_entry tag;
	const struct smtpcode_enhanced_code *enh;
	int cls, specific, code_reason = 0, have_pcode = 0, tag_provider = 0;

	if (in->size < offsetof(struct smtpcode_input, provider) + sizeof in->provider ||
	    out->size < offsetof(struct smtpcode_diagnosis, evidence))
		return -1;
	memset(&d, 0, sizeof d);
	d.detail = "";
	d.action = "";
	enh = in->has_enhanced ? &in->enhanced : NULL;
	cls = enh ? enh->cls : in->basic / 100;

	smtpcode__match_init(&m);
	feed_text(&m, in);
	sort_matches(&m, &s);

	/* Who sent it: the caller's word, a tag, a mark, or a code that
	 * only one provider uses. */
	if (s.tag != NULL && smtpcode__ptag_get(pattern(s.tag)->target, &tag))
		tag_provider = tag.provider;
	d.provider = in->provider;
	if (d.provider == 0)
		d.provider = tag_provider;
	if (d.provider == 0 && s.mark != NULL)
		d.provider = pattern(s.mark)->target;
	if (enh != NULL)
		have_pcode = smtpcode__pcode_find(d.provider, enh, &pc);
	if (d.provider == 0 && have_pcode)
		d.provider = pc.provider;

	if (s.blocklist != NULL) {
		d.blocklist = pattern(s.blocklist)->target;
		d.blocklist_failed = s.resolver != NULL;
	}

	/* Why: the most specific knowledge first. */
	if (enh != NULL && cls != 2 && cls != 3)
		code_reason = smtpcode__code_reason(0, enh, &specific);
	if (code_reason == 0 && cls != 2 && cls != 3)
		code_reason = smtpcode__code_reason(in->basic, NULL, &specific);
	if (cls == 2 || cls == 3) {
		d.reason = 0;
	} else if (have_pcode) {
		d.reason = pc.reason;
		d.basis = SMTPCODE_EVIDENCE_PROVIDER_CODE;
		d.detail = pc.name;
		d.action = pc.fix;
	} else if (s.tag != NULL && tag_provider != 0) {
		d.reason = tag.reason;
		d.basis = SMTPCODE_EVIDENCE_TAG;
		d.detail = tag.name;
		d.action = tag.fix;
	} else if (d.blocklist != 0) {
		struct smtpcode_blocklist_info b = { .size = sizeof b };
		smtpcode_blocklist_info(d.blocklist, &b);
		/* A failed query lists nobody: the receiver's DNS is at
		 * fault. */
		d.reason = d.blocklist_failed ? REASON_systemerror : REASON_blocked;
		d.basis = d.blocklist_failed ? SMTPCODE_EVIDENCE_RESOLVER :
		    SMTPCODE_EVIDENCE_BLOCKLIST;
		d.action = d.blocklist_failed ? reason_action(REASON_systemerror) :
		    b.action;
	} else if (s.strong != NULL) {
		d.reason = pattern(s.strong)->target;
		d.basis = SMTPCODE_EVIDENCE_PHRASE;
	} else if (code_reason != 0 && specific) {
		d.reason = code_reason;
		d.basis = enh ? SMTPCODE_EVIDENCE_ENHANCED : SMTPCODE_EVIDENCE_BASIC;
	} else if (s.weak != NULL) {
		d.reason = pattern(s.weak)->target;
		d.basis = SMTPCODE_EVIDENCE_PHRASE;
	} else if (code_reason != 0) {
		d.reason = code_reason;
		d.basis = enh && smtpcode__code_reason(0, enh, &specific) ?
		    SMTPCODE_EVIDENCE_ENHANCED : SMTPCODE_EVIDENCE_BASIC;
	} else if (s.resolver != NULL) {
		d.reason = REASON_systemerror;
		d.basis = SMTPCODE_EVIDENCE_RESOLVER;
	} else {
		d.reason = REASON_undefined;
		d.basis = enh ? SMTPCODE_EVIDENCE_ENHANCED : SMTPCODE_EVIDENCE_BASIC;
	}
	if (d.reason != 0) {
		d.hard = is_hard(d.reason, cls);
		if (d.action[0] == '\0')
			d.action = reason_action(d.reason);
	}

	/* The evidence, most specific first. */
	if (have_pcode)
		evidence_code(&d, SMTPCODE_EVIDENCE_PROVIDER_CODE, 0, enh, pc.provider);
	if (s.tag != NULL)
		evidence_text(&d, SMTPCODE_EVIDENCE_TAG, s.tag, tag_provider);
	if (s.mark != NULL)
		evidence_text(&d, SMTPCODE_EVIDENCE_MARK, s.mark,
		    pattern(s.mark)->target);
	evidence_text(&d, SMTPCODE_EVIDENCE_BLOCKLIST, s.blocklist, 0);
	evidence_text(&d, SMTPCODE_EVIDENCE_RESOLVER, s.resolver, 0);
	if (d.basis == SMTPCODE_EVIDENCE_PHRASE || s.strong != NULL)
		evidence_text(&d, SMTPCODE_EVIDENCE_PHRASE,
		    s.strong ? s.strong : s.weak, 0);
	if (d.basis == SMTPCODE_EVIDENCE_ENHANCED && !have_pcode)
		evidence_code(&d, SMTPCODE_EVIDENCE_ENHANCED, 0, enh, 0);
	if (d.basis == SMTPCODE_EVIDENCE_BASIC)
		evidence_code(&d, SMTPCODE_EVIDENCE_BASIC, in->basic, NULL, 0);

	d.size = out->size < sizeof d ? out->size : sizeof d;
	memcpy(out, &d, d.size);
	return d.reason;
}
