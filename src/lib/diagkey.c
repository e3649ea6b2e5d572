/*
 * diagkey.c: a key for a cache of diagnoses.
 *
 * A log says the same reply again and again with only its numbers
 * changed: an address, a user number, a queue id, a count of seconds. The
 * key hashes the input with such a digit run written as 77 (for two or
 * three digits) or 7777 (for four or more), and the diagnosis of the text
 * so written is the diagnosis of the text, because of what reads digits:
 *
 * - The matcher (match.c). A digit run inside a pattern is bounded by the
 *   pattern's own bytes, or sits at its start or end where the text may
 *   have no digit next to the match: so it matches a whole digit run of
 *   the text, equal to it. A run of the text equal to no pattern's run
 *   (smtpcode__ac_runs), and 77 or 7777 (mkmatcher checks that no
 *   pattern holds them), is part of no match; a digit stays a digit, so
 *   no boundary changes. Positions move, but their order does not, and
 *   order is all diagnose.c compares them for (a block list's name inside
 *   a longer one).
 * - The code readers of diagnose.c: a code at the start of a line
 *   (leading_code), a repeat of the basic code inside a line, and the
 *   enhanced code after either (smtpcode_text_piece). They read digits by
 *   value only there, and those runs are kept as written: a run at the
 *   start of a line, a run of three digits equal to the basic code, and a
 *   run of one to three digits where an enhanced code's subject or detail
 *   stands (after "2.", "4." or "5." and before a dot and a digit, or
 *   after such a subject and a dot).
 *   Elsewhere they ask only whether a run has three digits, with the
 *   basic code's value (77 has not, as no run that is left out had), or
 *   more than three (7777 keeps that).
 * - A single digit is always kept; the codes, the provider and the
 *   lengths of the parts are hashed as they are.
 *
 * Whoever changes what diagnose.c reads must change this file with it;
 * unit.diagnose diagnoses real replies with their numbers changed.
 */
#include <string.h>

#include "match.h"

/* Two 64-bit hashes, eight bytes a step: each word is mixed into both
 * with a multiplication by a different odd constant and a rotation. A
 * false match of both is not to be expected in any log. */
struct mixer {
	uint64_t a, b;
	unsigned char word[8];  /* the bytes of a word not yet full */
	size_t fill;
	size_t part;            /* bytes of the current part so far */
};

static uint64_t
rotl(uint64_t x, int k)
{
	return x << k | x >> (64 - k);
}

static void
mix_word(struct mixer *m, uint64_t w)
{
	m->a = rotl((m->a ^ w) * 0x9e3779b97f4a7c15ULL, 29);
	m->b = rotl((m->b ^ w) * 0xc2b2ae3d27d4eb4fULL, 31);
}

static void
put(struct mixer *m, const char *s, size_t n)
{
	uint64_t w;

	m->part += n;
	if (m->fill > 0) {
		size_t k = 8 - m->fill < n ? 8 - m->fill : n;
		memcpy(m->word + m->fill, s, k);
		m->fill += k;
		s += k;
		n -= k;
		if (m->fill < 8)
			return;
		memcpy(&w, m->word, 8);
		mix_word(m, w);
		m->fill = 0;
	}
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		mix_word(m, w);
	}
	memcpy(m->word, s, n);
	m->fill = n;
}

/* The end of a part: what is left, padded with zeros, then its length,
 * so that no two different sequences of parts hash alike by design. */
static void
end_part(struct mixer *m)
{
	uint64_t w = 0;

	memcpy(&w, m->word, m->fill);
	mix_word(m, w);
	mix_word(m, (uint64_t)m->part);
	m->fill = 0;
	m->part = 0;
}

/* Is the run of n digits at s one that a pattern holds? */
static int
pattern_run(const char *s, size_t n)
{
	uint64_t v = 0, key;
	size_t i, lo = 0, hi = smtpcode__ac_nruns;

	if (n > DIGIT_RUN_MAX)
		return 0;
	for (i = 0; i < n; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	key = DIGIT_RUN_KEY(n, v);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (smtpcode__ac_runs[mid] == key)
			return 1;
		if (smtpcode__ac_runs[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int
is_class(int c)
{
	return c == '2' || c == '4' || c == '5';
}

/* Could the run of n digits at t[at] (of tn bytes) be an enhanced code's
 * subject (after "5.", before a dot and a digit) or detail? */
static int
enhanced_part(const char *t, size_t tn, size_t at, size_t n)
{
	size_t k;

	if (n > 3 || at < 2 || t[at - 1] != '.')
		return 0;
	if (is_class((unsigned char)t[at - 2]))
		return at + n + 1 < tn && t[at + n] == '.' &&
		    is_digit((unsigned char)t[at + n + 1]);
	for (k = 0; k < 3 && at >= k + 3 && is_digit((unsigned char)t[at - 2 - k]); k++)
		;
	return k > 0 && at >= k + 3 && t[at - 2 - k] == '.' &&
	    is_class((unsigned char)t[at - 3 - k]);
}

/* Is t[at] the first byte of its line but for blanks? */
static int
line_start(const char *t, size_t at)
{
	while (at > 0 && is_blank((unsigned char)t[at - 1]))
		at--;
	return at == 0 || t[at - 1] == '\n';
}

/* Where the next digit is, from i: eight bytes a step, as most bytes of
 * a reply are not digits. */
static size_t
next_digit(const char *t, size_t i, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;

	for (; i + 8 <= n; i += 8) {
		uint64_t w, x;

		memcpy(&w, t + i, 8);
		/* A digit becomes 0 to 9; the top bit of a byte is then set
		 * where it is 10 or more (no carry leaves a byte). */
		x = w ^ ones * '0';
		if (((((x & ~high) + ones * (0x80 - 10)) | x) & high) != high)
			break;
	}
	while (i < n && !is_digit((unsigned char)t[i]))
		i++;
	return i;
}

/* Hash t as a part, the digit runs nothing reads by value as 77 or 7777. */
static void
put_text(struct mixer *m, const char *t, size_t n, int basic)
{
	size_t i = 0, from = 0;
	char code[3];

	code[0] = (char)('0' + basic / 100 % 10);
	code[1] = (char)('0' + basic / 10 % 10);
	code[2] = (char)('0' + basic % 10);
	while ((i = next_digit(t, i, n)) < n) {
		size_t at = i, len;

		while (i < n && is_digit((unsigned char)t[i]))
			i++;
		len = i - at;
		if (len == 1 || (len == 3 && memcmp(t + at, code, 3) == 0) ||
		    line_start(t, at) || enhanced_part(t, n, at, len) ||
		    pattern_run(t + at, len))
			continue;
		put(m, t + from, at - from);
		put(m, "7777", len > 3 ? 4 : 2);
		from = i;
	}
	put(m, t + from, n - from);
	end_part(m);
}

int
smtpcode_diagnosis_key(const struct smtpcode_input *in,
    struct smtpcode_diagnosis_key *out)
{
	struct mixer m;
	unsigned char head[16];
	const struct smtpcode_enhanced_code *e = &in->enhanced;

	if (in->size < offsetof(struct smtpcode_input, provider) + sizeof in->provider)
		return -1;
	memset(&m, 0, sizeof m);
	m.a = 1469598103934665603ULL;
	m.b = 0x84222325cbf29ce4ULL;
	memset(head, 0, sizeof head);
	head[0] = (unsigned char)((unsigned)in->basic & 0xff);
	head[1] = (unsigned char)((unsigned)in->basic >> 8 & 0xff);
	head[2] = (unsigned char)(in->has_enhanced != 0);
	if (in->has_enhanced) {
		head[3] = (unsigned char)e->cls;
		head[4] = (unsigned char)((unsigned)e->subject & 0xff);
		head[5] = (unsigned char)((unsigned)e->subject >> 8 & 0xff);
		head[6] = (unsigned char)((unsigned)e->detail & 0xff);
		head[7] = (unsigned char)((unsigned)e->detail >> 8 & 0xff);
	}
	head[8] = (unsigned char)((unsigned)in->provider & 0xff);
	head[9] = (unsigned char)((unsigned)in->provider >> 8 & 0xff);
	put(&m, (const char *)head, sizeof head);
	end_part(&m);
	/* No host and an empty one are diagnosed alike. */
	put_text(&m, in->host != NULL ? in->host : "", in->host != NULL ?
	    in->host_len : 0, in->basic);
	put_text(&m, in->text != NULL ? in->text : "", in->text != NULL ?
	    in->text_len : 0, in->basic);
	out->h1 = m.a;
	out->h2 = m.b;
	return 0;
}
