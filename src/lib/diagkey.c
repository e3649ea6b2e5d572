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
 *   after such a subject and a dot; the class digit on its own, as the
 *   readers look for an enhanced code only after a blank, '-' or '#', so
 *   that the octets after "45." of an IP address are left out).
 *   Elsewhere they ask only whether a run has three digits, with the
 *   basic code's value (77 has not, as no run that is left out had), or
 *   more than three (7777 keeps that).
 * - A single digit is always kept; the codes, the provider and the
 *   lengths of the parts are hashed as they are.
 *
 * Whoever changes what diagnose.c reads must change this file with it:
 * unit.diagkey diagnoses the corpus's replies with their numbers changed
 * and pins each kept run, and fuzz_reply renumbers what it diagnoses.
 */
#include <string.h>

#include "match.h"

/* Two 64-bit hashes, eight bytes a step: each word is mixed into both
 * with a multiplication by a different odd constant and a rotation. A
 * false match of both is not to be expected in any log. */
struct mixer {
	uint64_t a, b;
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

/* What follows a piece of text: another piece after a run written 77 or
 * 7777, or the end of the part. */
enum after { AFTER_END, AFTER_77, AFTER_7777 };

/* A piece of text, straight from where it lies: a word with its length
 * and what follows it, then its bytes, the last word padded with zeros.
 * The first word says how many follow, so no two sequences of pieces
 * give the same sequence of words. */
static void
mix_piece(struct mixer *m, const char *s, size_t n, enum after after)
{
	uint64_t w;

	mix_word(m, (uint64_t)n << 2 | (uint64_t)after);
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		mix_word(m, w);
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, s, n);
		mix_word(m, w);
	}
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

/* Is t[i] a class digit on its own ("5", not the end of "45")? The
 * readers look for an enhanced code only after a blank, a '-' or a '#'. */
static int
lone_class(const char *t, size_t i)
{
	return is_class((unsigned char)t[i]) &&
	    (i == 0 || !is_digit((unsigned char)t[i - 1]));
}

/* Could the run of n digits at t[at] (of tn bytes) be an enhanced code's
 * subject (after "5.", before a dot and a digit) or detail? */
static int
enhanced_part(const char *t, size_t tn, size_t at, size_t n)
{
	size_t k;

	if (n > 3 || at < 2 || t[at - 1] != '.')
		return 0;
	if (lone_class(t, at - 2))
		return at + n + 1 < tn && t[at + n] == '.' &&
		    is_digit((unsigned char)t[at + n + 1]);
	for (k = 0; k < 3 && at >= k + 3 && is_digit((unsigned char)t[at - 2 - k]); k++)
		;
	return k > 0 && at >= k + 3 && t[at - 2 - k] == '.' &&
	    lone_class(t, at - 3 - k);
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

/* Hash t as a part, the digit runs nothing reads by value as 77 or 7777:
 * the pieces between them, and what stood between. */
static void
mix_text(struct mixer *m, const char *t, size_t n, int basic)
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
		mix_piece(m, t + from, at - from, len > 3 ? AFTER_7777 : AFTER_77);
		from = i;
	}
	mix_piece(m, t + from, n - from, AFTER_END);
}

int
smtpcode_diagnosis_key(const struct smtpcode_input *in,
    struct smtpcode_diagnosis_key *out)
{
	struct mixer m = { 1469598103934665603ULL, 0x84222325cbf29ce4ULL };
	const struct smtpcode_enhanced_code *e = &in->enhanced;
	uint64_t codes = 0;

	if (in->size < offsetof(struct smtpcode_input, provider) + sizeof in->provider)
		return -1;
	/* The codes and the provider, 16 bits each, in two words. */
	if (in->has_enhanced)
		codes = (uint64_t)((unsigned)e->cls & 0xffff) << 48 |
		    (uint64_t)((unsigned)e->subject & 0xffff) << 32 |
		    (uint64_t)((unsigned)e->detail & 0xffff) << 16 | 1;
	mix_word(&m, codes);
	mix_word(&m, (uint64_t)((unsigned)in->basic & 0xffff) << 16 |
	    ((unsigned)in->provider & 0xffff));
	/* No host and an empty one are diagnosed alike. */
	mix_text(&m, in->host != NULL ? in->host : "", in->host != NULL ?
	    in->host_len : 0, in->basic);
	mix_text(&m, in->text != NULL ? in->text : "", in->text != NULL ?
	    in->text_len : 0, in->basic);
	out->h1 = m.a;
	out->h2 = m.b;
	return 0;
}
