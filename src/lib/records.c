/*
 * records.c: the delivery record one line of an MTA's log holds.
 *
 * A record says what happened to a message for one recipient: sent,
 * deferred, bounced, expired, or rejected while it was being received.
 * Each MTA writes it its own way (see tests/corpus/records/ for real
 * lines of each); this file reads
 *   - Postfix: "QID: to=<r>, relay=, dsn=, status=" lines of any delivery
 *     agent, qmgr's "status=expired", and the rejects of smtpd,
 *     postscreen and cleanup ("reject:", "milter-reject:");
 *   - Exim's main log: "=>", "->", ">>", "==", "**" and "H=... rejected";
 *   - Sendmail: "to=, dsn=, stat=", "ruleset=..., reject=", "<r>... User
 *     unknown" and the give-up "Cannot send message for N days";
 *   - OpenSMTPD: "mta|mda delivery", "smtp failed-command", and the
 *     "relay:", "delivery:" and "smtp-in: Failed command" lines of 5.x.
 *
 * One line is one record: a line cannot know what earlier lines said, so
 * an expiry that names no recipient (Postfix's qmgr, Sendmail's give-up)
 * gives a record with an empty recipient, for the caller to match with
 * the recipients still pending under its queue id; a Sendmail "to=" that
 * lists several addresses gives the first. Nothing is allocated, nothing
 * is read past len, and any bytes are safe: every string of the record
 * points into the line.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

#define NPOS ((size_t)-1)

/* --- Spans of the line ----------------------------------------------- */

/* Does s, n bytes, start at l[i]? at() takes a string literal, whose
 * length the compiler knows; the bytes are compared in a loop it unrolls,
 * not by a call to memcmp(). */
static int
at_n(const char *l, size_t len, size_t i, const char *s, size_t n)
{
	size_t k;

	if (i > len || len - i < n)
		return 0;
	for (k = 0; k < n; k++)
		if (l[i + k] != s[k])
			return 0;
	return 1;
}
#define at(l, len, i, lit) at_n((l), (len), (i), (lit), sizeof(lit) - 1)

/* The first s at or after from, or NPOS. */
static size_t
find(const char *l, size_t len, size_t from, const char *s)
{
	size_t n = strlen(s);
	const char *p;

	while (from < len && len - from >= n) {
		p = memchr(l + from, s[0], len - from - n + 1);
		if (p == NULL)
			return NPOS;
		from = (size_t)(p - l);
		if (memcmp(p, s, n) == 0)
			return from;
		from++;
	}
	return NPOS;
}

/* The last s that starts at or after from, or NPOS. */
static size_t
find_last(const char *l, size_t len, size_t from, const char *s)
{
	size_t i, last = NPOS;

	while ((i = find(l, len, from, s)) != NPOS) {
		last = i;
		from = i + 1;
	}
	return last;
}

/* The first of the bytes of stop at or after i, or len. */
static size_t
span_to(const char *l, size_t len, size_t i, const char *stop)
{
	uint32_t stops[8] = { 0 };
	const unsigned char *s;

	if (i >= len)
		return i;
	if (stop[0] == '\0')
		return len;
	/* One byte: memchr's speed. More: a bit a byte. */
	if (stop[1] == '\0') {
		const char *p = memchr(l + i, stop[0], len - i);
		return p != NULL ? (size_t)(p - l) : len;
	}
	for (s = (const unsigned char *)stop; *s != '\0'; s++)
		stops[*s >> 5] |= 1u << (*s & 31);
	while (i < len && !(stops[(unsigned char)l[i] >> 5] >> ((unsigned char)l[i] & 31) & 1))
		i++;
	return i;
}

static size_t
skip_blanks(const char *l, size_t len, size_t i)
{
	while (i < len && is_blank((unsigned char)l[i]))
		i++;
	return i;
}

/* The end of the word at i: the next blank, or len. */
static size_t
word_end(const char *l, size_t len, size_t i)
{
	while (i < len && !is_blank((unsigned char)l[i]))
		i++;
	return i;
}

/* The bytes of a host or program name in a syslog tag: 1, or 2 for a
 * letter or digit. */
static const unsigned char tag_char[256] = {
	['-'] = 1, ['.'] = 1, ['/'] = 1, ['_'] = 1,
	['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2,
	['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
	['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2,
	['G'] = 2, ['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2,
	['M'] = 2, ['N'] = 2, ['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2,
	['S'] = 2, ['T'] = 2, ['U'] = 2, ['V'] = 2, ['W'] = 2, ['X'] = 2,
	['Y'] = 2, ['Z'] = 2,
	['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2,
	['g'] = 2, ['h'] = 2, ['i'] = 2, ['j'] = 2, ['k'] = 2, ['l'] = 2,
	['m'] = 2, ['n'] = 2, ['o'] = 2, ['p'] = 2, ['q'] = 2, ['r'] = 2,
	['s'] = 2, ['t'] = 2, ['u'] = 2, ['v'] = 2, ['w'] = 2, ['x'] = 2,
	['y'] = 2, ['z'] = 2,
};

static size_t
alnum_end(const char *l, size_t len, size_t i)
{
	/* tag_char without '-', '.', '/' and '_': a table, not three
	 * comparisons, on the hot path of every line */
	while (i < len && tag_char[(unsigned char)l[i]] == 2)
		i++;
	return i;
}

static int
same_word(const char *l, size_t a, size_t b, const char *w)
{
	return b - a == strlen(w) && memcmp(l + a, w, b - a) == 0;
}

/* Does l[a, b) start with s, in any case? Clients write commands as
 * they like ("rcpt to:"). */
static int
starts_nocase(const char *l, size_t a, size_t b, const char *s)
{
	size_t n = strlen(s), k;

	if (b - a < n)
		return 0;
	for (k = 0; k < n; k++)
		if (to_lower((unsigned char)l[a + k]) != to_lower((unsigned char)s[k]))
			return 0;
	return 1;
}

/* The value of key (written with its '=', e.g. "relay=") where it starts
 * a field: at from, or after a blank or a comma. NPOS if absent. */
static size_t
field(const char *l, size_t len, size_t from, const char *key)
{
	size_t i;

	for (i = from; (i = find(l, len, i, key)) != NPOS; i++)
		if (i == from || l[i - 1] == ' ' || l[i - 1] == ',')
			return i + strlen(key);
	return NPOS;
}

/* --- The record being built ------------------------------------------ */

static void
set(const char **p, size_t *n, const char *l, size_t a, size_t b)
{
	*p = l + a;
	*n = b > a ? b - a : 0;
}

/* An address as the log writes it, at i: "<addr>" (up to the '>') or a
 * bare one up to a blank or one of stop. Its end, after any '>', or NPOS
 * when a '<' is never closed (a cut line). */
static size_t
address(const char *l, size_t len, size_t i, const char *stop,
    struct smtpcode_record *r)
{
	size_t e;

	if (i < len && l[i] == '<') {
		e = span_to(l, len, i + 1, ">");
		if (e == len)
			return NPOS;
		set(&r->recipient, &r->recipient_len, l, i + 1, e);
		return e + 1;
	}
	e = word_end(l, span_to(l, len, i, stop), i);
	set(&r->recipient, &r->recipient_len, l, i, e);
	return e;
}

/* The domain is what follows the last '@' of the address. */
static void
set_domain(struct smtpcode_record *r)
{
	size_t i = r->recipient_len;

	while (i > 0 && r->recipient[i - 1] != '@')
		i--;
	if (i > 0) {
		r->domain = r->recipient + i;
		r->domain_len = r->recipient_len - i;
	}
}

/* A host name as logs write it before its address: up to a '[', blank,
 * ',' or ':' ("mx.example.net[192.0.2.1]:25", "mx.example.net. [..]"),
 * without Sendmail's trailing dot. */
static void
host_name(const char *l, size_t len, size_t i, const char **p, size_t *n)
{
	size_t e = span_to(l, len, i, "[ \t,:;");

	if (e > i && l[e - 1] == '.')
		e--;
	set(p, n, l, i, e);
}

/* --- The reply the line quotes --------------------------------------- */

struct reply {
	size_t from;            /* the first column that may hold it */
	int found;
	struct smtpcode_hit hit;
};

static void
keep_reply(const struct smtpcode_hit *h, void *arg)
{
	struct reply *f = arg;

	if (f->found || h->column - 1 < f->from)
		return;
	f->hit = *h;
	f->found = 1;
}

/*
 * The first reply in l[0, end) that starts at or after from, found the way
 * the scanner finds replies (the whole line stays in view, so "(250 ..."
 * and "said: 550" count there). Logs quote the enhanced code of a reply
 * with the scanner's separators, except OpenSMTPD's "250 2.0.0: text":
 * a class-matching code right at the start of the text is taken too.
 */
static int
first_reply(const char *l, size_t end, size_t from, struct smtpcode_hit *hit)
{
	struct reply f;
	struct smtpcode_enhanced_code c;
	size_t n, rest;

	memset(&f, 0, sizeof f);
	f.from = from;
	smtpcode_scan_line(l, end, 0, keep_reply, &f);
	if (!f.found)
		return 0;
	*hit = f.hit;
	if (hit->basic > 0 && !hit->has_enhanced) {
		rest = hit->text_len;
		n = smtpcode_match_enhanced(hit->text, rest, &c);
		if (n > 0 && c.cls == hit->basic / 100 && n < rest &&
		    hit->text[n] == ':') {
			hit->has_enhanced = 1;
			hit->enhanced = c;
			n = n + 1 < rest && hit->text[n + 1] == ' ' ? n + 2 : n + 1;
			hit->text += n;
			hit->text_len -= n;
		}
	}
	return 1;
}

/* A value on its own (OpenSMTPD's stat=451 ..., "=> 451 ..."): a reply at
 * its start counts as at the start of a line. */
static int
value_reply(const char *l, size_t a, size_t b, struct smtpcode_hit *hit)
{
	return b > a && first_reply(l + a, b - a, 0, hit);
}

/* The codes of the record: the reply's, and the enhanced code the MTA
 * gives (dsn=) where the reply has none. */
static void
take_reply(struct smtpcode_record *r, const struct smtpcode_hit *hit,
    const struct smtpcode_enhanced_code *dsn)
{
	if (hit != NULL) {
		r->basic = hit->basic;
		r->has_enhanced = hit->has_enhanced;
		r->enhanced = hit->enhanced;
		r->text = hit->text;
		r->text_len = hit->text_len;
	}
	if (!r->has_enhanced && dsn != NULL && dsn->cls != 0) {
		r->has_enhanced = 1;
		r->enhanced = *dsn;
	}
}

/* --- Time ------------------------------------------------------------ */

static int
digits(const char *l, size_t len, size_t i, size_t n, int *v)
{
	size_t k;

	if (i > len || len - i < n)
		return 0;
	*v = 0;
	for (k = 0; k < n; k++) {
		if (!is_digit((unsigned char)l[i + k]))
			return 0;
		*v = *v * 10 + (l[i + k] - '0');
	}
	return 1;
}

/* "HH:MM:SS" at i. */
static int
clock_at(const char *l, size_t len, size_t i, struct smtpcode_time *t)
{
	return digits(l, len, i, 2, &t->hour) && at(l, len, i + 2, ":") &&
	    digits(l, len, i + 3, 2, &t->minute) && at(l, len, i + 5, ":") &&
	    digits(l, len, i + 6, 2, &t->second) &&
	    t->hour < 24 && t->minute < 60 && t->second <= 60;
}

/* A fraction of a second and a zone ("Z", "+01:00", "+0100"), as ISO
 * stamps may carry them; where they end. */
static size_t
frac_zone(const char *l, size_t len, size_t i)
{
	if (i < len && (l[i] == '.' || l[i] == ','))
		for (i++; i < len && is_digit((unsigned char)l[i]); i++)
			;
	if (i < len && l[i] == 'Z')
		return i + 1;
	if (i < len && (l[i] == '+' || l[i] == '-')) {
		size_t k = i + 1;
		while (k < len && (is_digit((unsigned char)l[k]) || l[k] == ':'))
			k++;
		if (k - i >= 3)
			return k;
	}
	return i;
}

enum stamp { STAMP_NONE, STAMP_SYSLOG, STAMP_ISO, STAMP_EXIM };

/*
 * The time at the start of the line: syslog's "Mar  3 08:00:01" (no
 * year), ISO 8601 as rsyslog's high-precision format writes it
 * ("2024-03-03T08:00:01.123456+01:00"), or Exim's "2024-03-04 06:25:01"
 * (perhaps with milliseconds and a zone). Where the text after it starts.
 */
static size_t
stamp(const char *l, size_t len, struct smtpcode_time *t, enum stamp *kind)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	struct smtpcode_time x = { -1, -1, -1, -1, -1, -1 };
	size_t i, m;
	int zone;

	*kind = STAMP_NONE;
	*t = x;
	if (len >= 16 && l[3] == ' ' && l[6] == ' ') {
		for (m = 0; m < 12; m++)
			if (memcmp(l, months + 3 * m, 3) == 0)
				break;
		if (m < 12 && (l[4] == ' ' || is_digit((unsigned char)l[4])) &&
		    is_digit((unsigned char)l[5]) && clock_at(l, len, 7, &x)) {
			x.month = (int)m + 1;
			x.day = (l[4] == ' ' ? 0 : (l[4] - '0') * 10) + (l[5] - '0');
			i = frac_zone(l, len, 15);
			if (i < len && is_blank((unsigned char)l[i]) && x.day >= 1 &&
			    x.day <= 31) {
				*t = x;
				*kind = STAMP_SYSLOG;
				return skip_blanks(l, len, i);
			}
		}
		x.month = x.day = x.hour = x.minute = x.second = -1;
	}
	if (digits(l, len, 0, 4, &x.year) && at(l, len, 4, "-") &&
	    digits(l, len, 5, 2, &x.month) && at(l, len, 7, "-") &&
	    digits(l, len, 8, 2, &x.day) && len > 10 &&
	    (l[10] == 'T' || l[10] == ' ') && clock_at(l, len, 11, &x) &&
	    x.month >= 1 && x.month <= 12 && x.day >= 1 && x.day <= 31) {
		i = frac_zone(l, len, 19);
		if (i == len || is_blank((unsigned char)l[i])) {
			*kind = l[10] == 'T' ? STAMP_ISO : STAMP_EXIM;
			i = skip_blanks(l, len, i);
			/* Exim's log_timezone: "2024-03-04 06:25:01 +0100". */
			if (*kind == STAMP_EXIM && i < len &&
			    (l[i] == '+' || l[i] == '-') && digits(l, len, i + 1, 4, &zone) &&
			    (i + 5 == len || is_blank((unsigned char)l[i + 5])))
				i = skip_blanks(l, len, i + 5);
			*t = x;
			return i;
		}
	}
	return 0;
}

/*
 * The syslog tag, "program[pid]:" or "program:", as the word at i or,
 * after a host name, the next one. *prog and *prog_len name the program,
 * and the message starts at the return value; 0 if there is no tag.
 */

static size_t
tag(const char *l, size_t len, size_t i, size_t *prog, size_t *prog_len)
{
	int word;

	for (word = 0; word < 2; word++) {
		size_t k = i, e;

		while (k < len && tag_char[(unsigned char)l[k]])
			k++;
		e = k;
		if (k > i && k < len && l[k] == '[') {
			for (k++; k < len && is_digit((unsigned char)l[k]); k++)
				;
			k = k < len && l[k] == ']' ? k + 1 : i;
		}
		if (e > i && k > i && k < len && l[k] == ':' &&
		    (k + 1 == len || l[k + 1] == ' ')) {
			*prog = i;
			*prog_len = e - i;
			return skip_blanks(l, len, k + 1);
		}
		i = skip_blanks(l, len, word_end(l, len, i));
	}
	return 0;
}

/* --- Postfix --------------------------------------------------------- */

/* A client as smtpd writes it, "name[addr]" or postscreen's
 * "[addr]:port": the name, or nothing when it is "unknown" (no reverse
 * DNS) or absent. */
static void
postfix_client(const char *l, size_t len, size_t i, struct smtpcode_record *r)
{
	size_t e = span_to(l, len, i, "[ \t;:");

	if (e == len || l[e] != '[' || same_word(l, i, e, "unknown"))
		return;
	set(&r->client, &r->client_len, l, i, e);
}

/* "to=<r>, [orig_to=<o>,] relay=H[a]:p, ..., dsn=X.Y.Z, status=S (text)" */
static int
postfix_delivery(const char *l, size_t len, size_t i, struct smtpcode_record *r)
{
	struct smtpcode_enhanced_code dsn = { 0, 0, 0 };
	struct smtpcode_hit hit;
	size_t e, v, s, te;

	e = address(l, len, i + 3, ",", r);
	if (e == NPOS)
		return 0;
	set_domain(r);
	s = field(l, len, e, "status=");
	if (s == NPOS)
		return 0;
	v = alnum_end(l, len, s);
	if (same_word(l, s, v, "sent"))
		r->status = SMTPCODE_STATUS_SENT;
	else if (same_word(l, s, v, "deferred"))
		r->status = SMTPCODE_STATUS_DEFERRED;
	else if (same_word(l, s, v, "bounced"))
		r->status = SMTPCODE_STATUS_BOUNCED;
	else if (same_word(l, s, v, "expired"))
		r->status = SMTPCODE_STATUS_EXPIRED;
	else
		return 0;       /* an address probe: deliverable, undeliverable */
	/* relay=none: no host was reached; a transport's name (local,
	 * virtual, dovecot) is kept, and "host[private/dovecot-lmtp]" is the
	 * host. */
	if ((v = field(l, s, e, "relay=")) != NPOS && !at(l, len, v, "none,"))
		host_name(l, s, v, &r->relay, &r->relay_len);
	if ((v = field(l, s, e, "dsn=")) != NPOS)
		smtpcode_match_enhanced(l + v, s - v, &dsn);
	/* The text in parentheses after the status, which Postfix closes at
	 * the end of the line; "(in reply to RCPT TO command)" is Postfix's
	 * note, not the reply's. */
	v = alnum_end(l, len, s);
	if (!at(l, len, v, " (")) {
		take_reply(r, NULL, &dsn);
		return 1;
	}
	v += 2;
	te = len;
	if (len > v && l[len - 1] == ')')
		te = len - 1;
	set(&r->text, &r->text_len, l, v, te);
	if (first_reply(l, te, v, &hit)) {
		size_t n = (size_t)(hit.text - l);
		size_t k = find_last(l, n + hit.text_len, n, " (in reply to ");
		if (k != NPOS)
			hit.text_len = k - n;
		take_reply(r, &hit, &dsn);
	} else {
		take_reply(r, NULL, &dsn);
	}
	return 1;
}

/*
 * smtpd and postscreen: "reject: RCPT from C[a]: 554 5.7.1 text; from=<s>
 * to=<r> proto=ESMTP helo=<h>" (postscreen separates with ", "); cleanup:
 * "milter-reject: END-OF-MESSAGE from C[a]: 5.7.1 text; from=<s> to=<r>
 * ..." and "reject: header Subject: ... from C[a]; from=<s> ...: 5.7.1".
 */
static int
postfix_reject(const char *l, size_t len, size_t i, int cleanup,
    struct smtpcode_record *r)
{
	struct smtpcode_hit hit;
	size_t info, k, end;

	r->direction = SMTPCODE_DIRECTION_IN;
	r->status = SMTPCODE_STATUS_REJECTED;
	/* What Postfix appends about the transaction starts at the last
	 * "; from=<": a reply's text may hold ';', but not after that. */
	info = find_last(l, len, i, "; from=<");
	if (info == NPOS)
		info = find_last(l, len, i, "; proto=");
	end = info == NPOS ? len : info;
	if (cleanup && (at(l, len, i, "header ") || at(l, len, i, "body "))) {
		/* The header's own text may say "from"; the client is named
		 * last, right before the transaction. */
		k = find_last(l, end, i, " from ");
	} else {
		k = find(l, end, i, " from ");
	}
	if (k != NPOS)
		postfix_client(l, end, k + 6, r);
	if (info != NPOS && (k = field(l, len, info + 2, "to=")) != NPOS &&
	    address(l, len, k, ",", r) != NPOS)
		set_domain(r);
	/* cleanup's header and body rejects put the reply after the
	 * transaction: "...; from=<s> to=<r> proto=ESMTP helo=<h>: 5.7.1". */
	if (first_reply(l, end, i, &hit) ||
	    (cleanup && info != NPOS && first_reply(l, len, info, &hit)))
		take_reply(r, &hit, NULL);
	else
		set(&r->text, &r->text_len, l, i, end);
	return 1;
}

static int
postfix(const char *l, size_t len, size_t msg, size_t d, size_t dlen,
    struct smtpcode_record *r)
{
	size_t q = alnum_end(l, len, msg), i;
	int smtpd = same_word(l, d, d + dlen, "smtpd") ||
	    same_word(l, d, d + dlen, "postscreen");
	int cleanup = same_word(l, d, d + dlen, "cleanup");

	/* Postfix before 2.3 wrote its rejects without a queue id. */
	if (at(l, len, msg, "reject: ") || at(l, len, msg, "milter-reject: ")) {
		i = msg;
	} else {
		if (q == msg || !at(l, len, q, ": "))
			return 0;
		set(&r->queue_id, &r->queue_id_len, l, msg, q);
		i = q + 2;
		/* qmgr: the message left the queue */
		if (i + 7 == len && at(l, len, i, "removed") &&
		    same_word(l, d, d + dlen, "qmgr"))
			return 2;
	}
	if (at(l, len, i, "to=<") && !smtpd && !cleanup)
		return postfix_delivery(l, len, i, r);
	/* reject_warning, hold and discard are not rejections: the mail
	 * was accepted. pflogsumm 1.1.5 misses smtpd's milter-reject, whose
	 * word its pattern does not allow; it is a rejection all the same. */
	if ((smtpd || cleanup) && at(l, len, i, "reject: "))
		return postfix_reject(l, len, i + 8, cleanup, r);
	if ((smtpd || cleanup) && at(l, len, i, "milter-reject: "))
		return postfix_reject(l, len, i + 15, cleanup, r);
	/* qmgr gives a message up as a whole and names no recipient:
	 * "QID: from=<s>, status=expired, returned to sender". (Its other
	 * from=< lines, one per message and retry, end otherwise.) */
	if (at(l, len, i, "from=<") && len > 8 && l[len - 1] == 'r' &&
	    (q = find(l, len, i, ", status=expired")) != NPOS) {
		r->status = SMTPCODE_STATUS_EXPIRED;
		set(&r->text, &r->text_len, l, q + 9, len);
		return 1;
	}
	return 0;
}

/* --- Exim ------------------------------------------------------------ */

static int
alnum_run(const char *l, size_t len, size_t i, size_t n)
{
	return alnum_end(l, len, i) - i == n;
}

/* An Exim message id at i: "1d175P-0002Rb-Pn", or since 4.97
 * "1rKvVu-000000003Y8-0VXk"; its length, or 0. */
static size_t
exim_id(const char *l, size_t len, size_t i)
{
	size_t n2, n3;

	if (!alnum_run(l, len, i, 6) || !at(l, len, i + 6, "-"))
		return 0;
	n2 = alnum_end(l, len, i + 7) - (i + 7);
	if ((n2 != 6 && n2 != 11) || !at(l, len, i + 7 + n2, "-"))
		return 0;
	n3 = alnum_end(l, len, i + 8 + n2) - (i + 8 + n2);
	if (n3 != 2 && n3 != 4)
		return 0;
	n3 += 8 + n2;
	return i + n3 == len || is_blank((unsigned char)l[i + n3]) ? n3 : 0;
}

/* "H=name [ip]", "H=name (helo) [ip]": the name; "H=(helo) [ip]" and
 * "H=[ip]" name none. */
static void
exim_host(const char *l, size_t len, size_t i, const char **p, size_t *n)
{
	if (i < len && l[i] != '(' && l[i] != '[')
		host_name(l, len, i, p, n);
}

static int
exim_delivery(const char *l, size_t len, size_t i, enum smtpcode_status st,
    struct smtpcode_record *r)
{
	struct smtpcode_hit hit;
	size_t e = word_end(l, len, i), a, h, msg = NPOS;
	int colon = e > i && l[e - 1] == ':';

	if (e == i)
		return 0;
	/* "=> mathieu <mathieu@example.org>": a local part first, then the
	 * address it came from. "** addr: message" ends the address with a
	 * colon. */
	set(&r->recipient, &r->recipient_len, l, i, colon ? e - 1 : e);
	a = skip_blanks(l, len, e);
	if (!colon && memchr(l + i, '@', e - i) == NULL && at(l, len, a, "<")) {
		size_t b = span_to(l, len, a + 1, "> \t");
		if (b < len && l[b] == '>') {
			set(&r->recipient, &r->recipient_len, l, a + 1, b);
			e = b + 1;
		}
	}
	set_domain(r);
	r->status = st;
	/* Exim gives up with "**" when an address's retry time runs out. */
	if (st == SMTPCODE_STATUS_BOUNCED &&
	    (find(l, len, e, "retry timeout exceeded") != NPOS ||
	    find(l, len, e, "retry time not reached for any host after a long failure period") != NPOS))
		r->status = SMTPCODE_STATUS_EXPIRED;
	/* The host is H=; the older wording names it in the message: "...:
	 * host mx00.gmx.com [74.208.5.90]: 450 ...". */
	if ((h = field(l, len, e, "H=")) != NPOS)
		exim_host(l, len, h, &r->relay, &r->relay_len);
	if (colon)
		msg = skip_blanks(l, len, e);
	else if ((msg = find(l, len, e, ": ")) != NPOS)
		msg += 2;
	if (first_reply(l, len, e, &hit)) {
		take_reply(r, &hit, NULL);
		if (h == NPOS && hit.host != NULL)
			set(&r->relay, &r->relay_len, l, (size_t)(hit.host - l),
			    (size_t)(hit.host - l) + hit.host_len);
	} else if (msg != NPOS) {
		set(&r->text, &r->text_len, l, msg, len);
	}
	return 1;
}

/* "[id] H=host [ip] F=<s> [temporarily ]rejected RCPT <r>: message", and
 * "rejected after DATA: message". */
static int
exim_reject(const char *l, size_t len, size_t h, struct smtpcode_record *r)
{
	struct smtpcode_hit hit;
	size_t k = find(l, len, h, " rejected RCPT "), d, e;

	d = find(l, len, h, " rejected after DATA");
	if (k == NPOS && d == NPOS)
		return 0;
	r->direction = SMTPCODE_DIRECTION_IN;
	r->status = SMTPCODE_STATUS_REJECTED;
	exim_host(l, len, h + 2, &r->client, &r->client_len);
	if (k != NPOS && (d == NPOS || k < d)) {
		e = address(l, len, k + 15, ":", r);
		if (e == NPOS)
			e = len;
		set_domain(r);
	} else {
		e = d + 20;
	}
	if (first_reply(l, len, e, &hit))
		take_reply(r, &hit, NULL);
	else if ((k = find(l, len, e, ": ")) != NPOS)
		set(&r->text, &r->text_len, l, k + 2, len);
	return 1;
}

static int
exim(const char *l, size_t len, size_t i, struct smtpcode_record *r)
{
	size_t n;

	/* log_selector +pid: "[2249] ". */
	if (at(l, len, i, "[")) {
		n = i + 1;
		while (n < len && is_digit((unsigned char)l[n]))
			n++;
		if (n > i + 1 && at(l, len, n, "] "))
			i = skip_blanks(l, len, n + 2);
	}
	if ((n = exim_id(l, len, i)) > 0) {
		set(&r->queue_id, &r->queue_id_len, l, i, i + n);
		i = skip_blanks(l, len, i + n);
		/* the message left the queue */
		if (at(l, len, i, "Completed") && (i + 9 == len || l[i + 9] == ' '))
			return 2;
	}
	if (at(l, len, i, "H="))
		return exim_reject(l, len, i, r);
	if (r->queue_id_len == 0 || i + 3 > len || l[i + 2] != ' ')
		return 0;
	if (at(l, len, i, "=>") || at(l, len, i, "->") || at(l, len, i, ">>"))
		return exim_delivery(l, len, skip_blanks(l, len, i + 3), SMTPCODE_STATUS_SENT, r);
	if (at(l, len, i, "=="))
		return exim_delivery(l, len, skip_blanks(l, len, i + 3), SMTPCODE_STATUS_DEFERRED, r);
	if (at(l, len, i, "**"))
		return exim_delivery(l, len, skip_blanks(l, len, i + 3), SMTPCODE_STATUS_BOUNCED, r);
	return 0;               /* "<=", "*>" (-N), "(=" (fakereject), notes */
}

/* --- Sendmail -------------------------------------------------------- */

/* "to=<r>[,<r2>...], ..., relay=name. [ip], dsn=X.Y.Z, stat=..." */
static int
sendmail_delivery(const char *l, size_t len, size_t i, struct smtpcode_record *r)
{
	struct smtpcode_enhanced_code dsn = { 0, 0, 0 };
	struct smtpcode_hit hit;
	size_t e, s, v, te;
	int sent, deferred;

	/* The submission program may write a full name before the
	 * address: "to=Jo Bloggs <jo@example.org>, ctladdr=...". */
	i += 3;
	e = find(l, len, i, ", ");
	v = span_to(l, e == NPOS ? len : e, i, "<,");
	if (v < len && l[v] == '<')
		i = v;
	e = address(l, len, i, ",", r);
	if (e == NPOS || (s = field(l, len, e, "stat=")) == NPOS)
		return 0;
	set_domain(r);
	if ((v = field(l, s, e, "dsn=")) != NPOS)
		smtpcode_match_enhanced(l + v, s - v, &dsn);
	/* "relay=[127.0.0.1] [127.0.0.1]": a host given as an address. */
	if ((v = field(l, s, e, "relay=")) != NPOS) {
		if (at(l, s, v, "[")) {
			te = span_to(l, s, v + 1, "]");
			set(&r->relay, &r->relay_len, l, v + 1, te);
		} else {
			host_name(l, s, v, &r->relay, &r->relay_len);
		}
	}
	/* Sent and Deferred say it; any other stat is a failure whose
	 * class dsn= gives, and without one Sendmail returned the mail. A
	 * queued message has not been tried yet. */
	if (at(l, len, s, "queued") || at(l, len, s, "Queued"))
		return 0;
	sent = at(l, len, s, "Sent");
	deferred = at(l, len, s, "Deferred");
	if (!sent && !deferred) {
		sent = dsn.cls == 2;
		deferred = dsn.cls == 4;
	}
	r->status = sent ? SMTPCODE_STATUS_SENT : deferred ?
	    SMTPCODE_STATUS_DEFERRED : SMTPCODE_STATUS_BOUNCED;
	/* The text: "Sent (remote text)", "Deferred: reason", "User unknown". */
	v = s;
	te = len;
	if (at(l, len, s, "Sent (")) {
		v = s + 6;
		if (len > v && l[len - 1] == ')')
			te = len - 1;
	} else if (at(l, len, s, "Deferred: ")) {
		v = s + 10;
	}
	set(&r->text, &r->text_len, l, v, te);
	take_reply(r, first_reply(l, te, s, &hit) ? &hit : NULL, &dsn);
	return 1;
}

/* "[qid: ]ruleset=check_rcpt, arg1=<r>, relay=name [ip], reject=550 ..." */
static int
sendmail_ruleset(const char *l, size_t len, size_t i, struct smtpcode_record *r)
{
	struct smtpcode_hit hit;
	size_t rj = field(l, len, i, "reject="), v, e;

	if (rj == NPOS)
		return 0;
	r->direction = SMTPCODE_DIRECTION_IN;
	r->status = SMTPCODE_STATUS_REJECTED;
	/* arg1 is the recipient only for check_rcpt (check_mail: the
	 * sender, check_relay: the client). */
	e = span_to(l, rj, i + 8, ",");
	if (same_word(l, i + 8, e, "check_rcpt") &&
	    (v = field(l, rj, e, "arg1=")) != NPOS &&
	    address(l, rj, v, ",", r) != NPOS)
		set_domain(r);
	/* A client without a name is logged as its bracketed address. */
	if ((v = field(l, rj, e, "relay=")) != NPOS && !at(l, rj, v, "["))
		host_name(l, rj, v, &r->client, &r->client_len);
	if (first_reply(l, len, rj, &hit))
		take_reply(r, &hit, NULL);
	else
		set(&r->text, &r->text_len, l, rj, len);
	return 1;
}

static int
sendmail(const char *l, size_t len, size_t msg, struct smtpcode_record *r)
{
	size_t q = alnum_end(l, len, msg), i, k;

	if (q > msg && at(l, len, q, ": ")) {
		set(&r->queue_id, &r->queue_id_len, l, msg, q);
		i = q + 2;
	} else {
		i = msg;
	}
	if (at(l, len, i, "ruleset="))
		return sendmail_ruleset(l, len, i, r);
	if (r->queue_id_len == 0)
		return 0;
	if (at(l, len, i, "to="))
		return sendmail_delivery(l, len, i, r);
	/* An SMTP-time refusal of one recipient: "<r>... User unknown". */
	if (at(l, len, i, "<") && (k = address(l, len, i, "", r)) != NPOS &&
	    at(l, len, k, "... ")) {
		if (at(l, len, k + 4, "Sent") || at(l, len, k + 4, "Connecting"))
			return 0;
		set_domain(r);
		r->direction = SMTPCODE_DIRECTION_IN;
		r->status = SMTPCODE_STATUS_REJECTED;
		set(&r->text, &r->text_len, l, k + 4, len);
		return 1;
	}
	/* "qid: newqid: sender notify: Cannot send message for 5 days":
	 * the give-up, which names no recipient. The warning after four
	 * hours ("Warning: could not send") is no record. */
	k = alnum_end(l, len, i);
	if (k > i && at(l, len, k, ": ") &&
	    (k = find(l, len, k, ": Cannot send message for ")) != NPOS) {
		r->status = SMTPCODE_STATUS_EXPIRED;
		set(&r->text, &r->text_len, l, k + 2, len);
		return 1;
	}
	return 0;
}

/* --- OpenSMTPD ------------------------------------------------------- */

/* A value written key=value or key="value": its bounds, without the
 * quotes; an unquoted one runs to stop or the end. 0 if the key is
 * absent. */
static int
osmtpd_value(const char *l, size_t len, size_t from, const char *key,
    const char *stop, size_t *a, size_t *b)
{
	size_t v = field(l, len, from, key);

	if (v == NPOS)
		return 0;
	if (v < len && l[v] == '"') {
		*a = v + 1;
		*b = span_to(l, len, v + 1, "\"");
	} else {
		*a = v;
		*b = span_to(l, len, v, stop);
	}
	return 1;
}

/* relay="192.0.2.1 (mx.example.net)": the name in parentheses, which may
 * itself be an address. */
static void
osmtpd_relay(const char *l, size_t a, size_t b, struct smtpcode_record *r)
{
	size_t p = span_to(l, b, a, "(");

	if (p < b) {
		size_t e = span_to(l, b, p + 1, ")");
		set(&r->relay, &r->relay_len, l, p + 1, e);
	} else {
		set(&r->relay, &r->relay_len, l, a, word_end(l, b, a));
	}
}

static int
osmtpd_result(const char *l, size_t a, size_t b, struct smtpcode_record *r)
{
	if (same_word(l, a, b, "Ok"))
		r->status = SMTPCODE_STATUS_SENT;
	else if (same_word(l, a, b, "TempFail"))
		r->status = SMTPCODE_STATUS_DEFERRED;
	else if (same_word(l, a, b, "PermFail") || same_word(l, a, b, "Loop"))
		r->status = SMTPCODE_STATUS_BOUNCED;
	else if (same_word(l, a, b, "Expire"))
		r->status = SMTPCODE_STATUS_EXPIRED;
	else
		return 0;
	return 1;
}

/* The stat of a delivery: the reply it quotes, or OpenSMTPD's words. */
static void
osmtpd_stat(const char *l, size_t a, size_t b, struct smtpcode_record *r)
{
	struct smtpcode_hit hit;

	set(&r->text, &r->text_len, l, a, b);
	if (value_reply(l, a, b, &hit))
		take_reply(r, &hit, NULL);
}

/* "mta delivery evpid=ID from=<s> to=<r> rcpt=<o> source="a" relay="a
 * (name)" delay=1s result="Ok" stat="250 2.0.0: text"", and "mda
 * delivery ... user=u delay=0s result=Ok stat=Delivered" (mta.c,
 * mda.c). */
static int
osmtpd_delivery(const char *l, size_t len, size_t i, int mta,
    struct smtpcode_record *r)
{
	size_t a, b;

	if (!osmtpd_value(l, len, i, "result=", " ", &a, &b) ||
	    !osmtpd_result(l, a, b, r) || r->status == SMTPCODE_STATUS_EXPIRED)
		return 0;
	if (osmtpd_value(l, len, i, "evpid=", " ", &a, &b))
		set(&r->queue_id, &r->queue_id_len, l, a, b);
	if ((a = field(l, len, i, "to=")) == NPOS ||
	    address(l, len, a, "", r) == NPOS)
		return 0;
	set_domain(r);
	if (mta && osmtpd_value(l, len, i, "relay=", " ", &a, &b))
		osmtpd_relay(l, a, b, r);
	/* mda's stat is unquoted and runs to the end of the line. */
	if (osmtpd_value(l, len, i, "stat=", "", &a, &b))
		osmtpd_stat(l, a, b, r);
	return 1;
}

/* The commands whose refusal refuses mail: the connection itself (""),
 * MAIL, RCPT, DATA and its end. A refused AUTH is a login probe. */
static int
osmtpd_mail_command(const char *l, size_t a, size_t b, struct smtpcode_record *r)
{
	size_t k;

	while (b > a && is_blank((unsigned char)l[b - 1]))
		b--;
	if (b == a || (b - a == 4 && starts_nocase(l, a, b, "DATA")) ||
	    same_word(l, a, b, "."))
		return 1;
	if (starts_nocase(l, a, b, "MAIL FROM:"))
		return 1;
	if (!starts_nocase(l, a, b, "RCPT TO:"))
		return 0;
	k = skip_blanks(l, b, a + 8);
	if (address(l, b, k, "", r) != NPOS)
		set_domain(r);
	return 1;
}

/* "smtp failed-command command="RCPT TO:<r> " result="550 ..."" and 5.x's
 * "smtp-in: Failed command on session ID: "RCPT TO:<r>" => 451 ...". */
static int
osmtpd_refusal(const char *l, size_t ca, size_t cb, size_t ra, size_t rb,
    struct smtpcode_record *r)
{
	struct smtpcode_hit hit;

	if (!value_reply(l, ra, rb, &hit) || hit.basic < 400)
		return 0;
	if (!osmtpd_mail_command(l, ca, cb, r))
		return 0;
	r->direction = SMTPCODE_DIRECTION_IN;
	r->status = SMTPCODE_STATUS_REJECTED;
	take_reply(r, &hit, NULL);
	return 1;
}

/* 5.x: "relay: TempFail for ID: [session=S, ]from=<s>, to=<r>, ...,
 * relay=a (name), delay=12s, stat=451 ...", "delivery: Ok for ID: ...",
 * and queue.c's "relay: Expire for ID: ..., stat=Envelope expired". */
static int
osmtpd_old(const char *l, size_t len, size_t i, int relay,
    struct smtpcode_record *r)
{
	size_t w = alnum_end(l, len, i), q, a, b;

	if (!osmtpd_result(l, i, w, r) || !at(l, len, w, " for "))
		return 0;
	q = alnum_end(l, len, w + 5);
	if (q == w + 5 || !at(l, len, q, ": "))
		return 0;
	set(&r->queue_id, &r->queue_id_len, l, w + 5, q);
	if ((a = field(l, len, q + 2, "to=")) == NPOS ||
	    address(l, len, a, ",", r) == NPOS)
		return 0;
	set_domain(r);
	if (relay && (a = field(l, len, q + 2, "relay=")) != NPOS) {
		b = find(l, len, a, ", ");
		osmtpd_relay(l, a, b == NPOS ? len : b, r);
	}
	if ((a = field(l, len, q + 2, "stat=")) != NPOS)
		osmtpd_stat(l, a, len, r);
	return 1;
}

static int
opensmtpd(const char *l, size_t len, size_t msg, struct smtpcode_record *r)
{
	size_t s = alnum_end(l, len, msg), i, ca, cb, ra, rb;

	if (at(l, len, msg, "relay: "))
		return osmtpd_old(l, len, msg + 7, 1, r);
	if (at(l, len, msg, "delivery: "))
		return osmtpd_old(l, len, msg + 10, 0, r);
	if (at(l, len, msg, "smtp-in: Failed command on session ")) {
		i = msg + 35;
		s = alnum_end(l, len, i);
		if (s == i || !at(l, len, s, ": \""))
			return 0;
		set(&r->queue_id, &r->queue_id_len, l, i, s);
		ca = s + 3;
		cb = span_to(l, len, ca, "\"");
		if ((ra = find(l, len, cb, "\" => ")) != cb)
			return 0;
		return osmtpd_refusal(l, ca, cb, ra + 5, len, r);
	}
	/* The brief format: a session id, then what happened. */
	if (s == msg || !at(l, len, s, " "))
		return 0;
	i = s + 1;
	if (at(l, len, i, "mta delivery "))
		return osmtpd_delivery(l, len, i + 13, 1, r);
	if (at(l, len, i, "mda delivery "))
		return osmtpd_delivery(l, len, i + 13, 0, r);
	if (at(l, len, i, "smtp failed-command ") &&
	    osmtpd_value(l, len, i + 20, "command=", " ", &ca, &cb) &&
	    osmtpd_value(l, len, cb, "result=", "", &ra, &rb)) {
		set(&r->queue_id, &r->queue_id_len, l, msg, s);
		return osmtpd_refusal(l, ca, cb, ra, rb, r);
	}
	return 0;
}

/* --- The line -------------------------------------------------------- */

int
smtpcode_record_line(const char *line, size_t len, unsigned long long lineno,
    struct smtpcode_record *r)
{
	const char *q;
	size_t n;

	return smtpcode__record_or_done(line, len, lineno, r, &q, &n) == 1;
}

/* The record a line holds (1, *r filled), or the queue id of a message
 * the line says left the queue (2), or neither (0): one parse of the
 * line for both. */
int
smtpcode__record_or_done(const char *line, size_t len, unsigned long long lineno,
    struct smtpcode_record *r, const char **queue_id, size_t *queue_id_len)
{
	struct smtpcode_record rec;
	enum stamp kind;
	size_t i, msg, p = 0, plen = 0, d;
	int ok = 0;

	memset(&rec, 0, sizeof rec);
	rec.queue_id = rec.recipient = rec.domain = rec.relay = rec.client =
	    rec.text = "";
	rec.line = lineno;
	rec.direction = SMTPCODE_DIRECTION_OUT;
	i = stamp(line, len, &rec.time, &kind);
	msg = tag(line, len, i, &p, &plen);
	if (msg > 0) {
		/* postfix/smtp, postfix/submission/smtpd, postfix-out/lmtp:
		 * the daemon is the last part of the name. */
		for (d = p + plen; d > p && line[d - 1] != '/'; d--)
			;
		if (d > p)
			ok = postfix(line, len, msg, d, p + plen - d, &rec);
		else if (same_word(line, p, p + plen, "smtpd"))
			ok = opensmtpd(line, len, msg, &rec);
		else if (same_word(line, p, p + plen, "sendmail") ||
		    (plen > 3 && memcmp(line + p, "sm-", 3) == 0))
			ok = sendmail(line, len, msg, &rec);
		else if (plen >= 4 && memcmp(line + p, "exim", 4) == 0) {
			/* Exim's own stamp may follow syslog's. */
			struct smtpcode_time t;
			i = stamp(line + msg, len - msg, &t, &kind);
			if (kind == STAMP_EXIM)
				rec.time = t;
			ok = exim(line, len, msg + i, &rec);
		}
	} else if (kind == STAMP_EXIM) {
		ok = exim(line, len, i, &rec);
	}
	if (ok == 2) {
		*queue_id = rec.queue_id;
		*queue_id_len = rec.queue_id_len;
		return 2;
	}
	if (!ok)
		return 0;
	if (rec.direction == SMTPCODE_DIRECTION_IN) {
		rec.relay = "";
		rec.relay_len = 0;
	}
	rec.size = r->size < sizeof rec ? r->size : sizeof rec;
	memcpy(r, &rec, rec.size);
	return 1;
}

/* --- The end of a message -------------------------------------------- */

int
smtpcode_queue_done(const char *line, size_t len, const char **queue_id,
    size_t *queue_id_len)
{
	struct smtpcode_record r;

	r.size = sizeof r;
	return smtpcode__record_or_done(line, len, 0, &r, queue_id,
	    queue_id_len) == 2;
}

/* Sendmail logs a delivery to several recipients on one line,
 * "to=<a>,<b>,<c>,": the record of the line names the first; this gives
 * the next one, r changed in place (its recipient points into line).
 * 1, or 0 when there is no more. */
int
smtpcode__record_next(const char *line, size_t len, struct smtpcode_record *r)
{
	size_t i, a, e;
	const char *at;

	if (r->recipient_len == 0 || r->recipient < line || r->recipient > line + len)
		return 0;
	i = (size_t)(r->recipient - line) + r->recipient_len;
	if (!(i + 2 < len && line[i] == '>' && line[i + 1] == ',' && line[i + 2] == '<'))
		return 0;
	a = e = i + 3;
	while (e < len && line[e] != '>')
		e++;
	if (e == len || e == a)
		return 0;
	r->recipient = line + a;
	r->recipient_len = e - a;
	/* the domain after the last '@', as set_domain() takes it */
	for (at = line + e; at > line + a && at[-1] != '@'; at--)
		;
	at = at > line + a ? at - 1 : NULL;
	r->domain = at != NULL ? at + 1 : "";
	r->domain_len = at != NULL ? (size_t)(line + e - at - 1) : 0;
	return 1;
}
