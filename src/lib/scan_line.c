/*
 * scan_line.c: find the replies in one line of text, where mail software
 * writes them: log lines, bounce bodies, transcripts, application logs.
 *
 * A number is a reply code only in a place where a reply goes. Precision
 * comes first: a false code in a report is worse than a missed one, and a
 * log line is full of numbers that look like codes (IPs, ports, PIDs,
 * sizes, delays, dates, counters, HTTP statuses). A basic code counts when
 * it is in the RFC 5321 grammar (first digit 2-5, second 0-5) and
 *   - an enhanced code of the same class follows it ("550 5.1.1",
 *     "421-4.7.0", "550: 5.2.2"): RFC 2034's form, which nothing else
 *     imitates; or
 *   - it starts a line, or a transcript's server line ("<<< 554-", "S:
 *     250", "<- 220", "Recv: 250-", a "\n" or <CRLF> inside a quoted
 *     reply); or
 *   - it stands where software quotes a reply (": ", "said ", "; ",
 *     "smtp;", Postfix's "status=sent (", Sendmail's "reply=", "reject=",
 *     "stat=", Courier's msg=", Exim's C=", OpenSMTPD's result=", "=> ");
 *   - or it is the value of a field that holds a reply code (responseCode:
 *     535, "code": 550, ERROR_CODE :550, got code "553", (550, b'...') of
 *     Python's smtplib, SMTP Error (535)).
 * A code without an enhanced code must also be one that servers send (in
 * data/codes.def): 200 or 404 in an application log are HTTP, not SMTP.
 * Away from a line's start, a 3yz code, a count ("334 from host") and a
 * quantity ("256 bits") are not replies, nor a code a client expected
 * ("Expected response code 250").
 *
 * An enhanced code alone counts after "dsn=" (Postfix, Sendmail), in
 * qmail's "(#5.7.1)" and "[#4.1.9]", at the start of a line, after ": "
 * ("Status: 5.1.1") and as a status field's value.
 *
 * One reply is reported once: a continuation line's code repeated on a
 * joined line, a dsn= field and the reply it belongs to, a field that only
 * repeats the code of the reply beside it.
 */
#include <stdint.h>
#include <string.h>

#include "internal.h"

#define MAX_HITS SMTPCODE_SCAN_LINE_HITS

/* A blank, or the '\n' that joins the lines of a wrapped or folded text
 * (scan_mail.c): where one line ended, another starts. */
static int
is_gap(int c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* What a found code is. */
enum found_kind {
	FOUND_REPLY,    /* a reply: its code and text */
	FOUND_VALUE,    /* a field that holds only a code */
	FOUND_STATUS    /* an enhanced code alone: dsn=, Status:, a status */
};

struct found {
	size_t column;          /* 0-based */
	int basic;
	int has_enhanced;
	struct smtpcode_enhanced_code enhanced;
	int continued;          /* "421-4.7.0": a line of a multi-line reply */
	enum found_kind kind;
	size_t text;            /* where its text starts */
	size_t text_end;        /* and ends */
};

/* Lookup tables for the hot loop: which bytes are digits, and which may
 * stand right before a code (not a letter, digit, '.', '-', '/', '_' or
 * '+', which make the number part of a word, an address, a version). A
 * ':' may (times have two digits a field); so may a byte of a multi-byte
 * character ("└──250"). */
/* Sixteen bytes at a time where the compiler has vector types (GCC,
 * Clang); -DSMTPCODE_NO_VECTOR builds the portable loop instead. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !defined(SMTPCODE_NO_VECTOR)
#define VECTOR_SCAN 1
#endif

#ifndef VECTOR_SCAN
static const unsigned char digit_table[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
};
#endif
static const unsigned char boundary_table[256] = {
	['\t'] = 1, [' '] = 1, ['!'] = 1, ['"'] = 1, ['#'] = 1, ['$'] = 1,
	['%'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1, ['*'] = 1,
	[','] = 1, [':'] = 1, [';'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1,
	['?'] = 1, ['@'] = 1, ['['] = 1, ['\\'] = 1, [']'] = 1, ['^'] = 1,
	['`'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1, ['\n'] = 1,
	[0x80] = 1, [0x81] = 1, [0x82] = 1, [0x83] = 1, [0x84] = 1, [0x85] = 1,
	[0x86] = 1, [0x87] = 1, [0x88] = 1, [0x89] = 1, [0x8a] = 1, [0x8b] = 1,
	[0x8c] = 1, [0x8d] = 1, [0x8e] = 1, [0x8f] = 1, [0x90] = 1, [0x91] = 1,
	[0x92] = 1, [0x93] = 1, [0x94] = 1, [0x95] = 1, [0x96] = 1, [0x97] = 1,
	[0x98] = 1, [0x99] = 1, [0x9a] = 1, [0x9b] = 1, [0x9c] = 1, [0x9d] = 1,
	[0x9e] = 1, [0x9f] = 1, [0xa0] = 1, [0xa1] = 1, [0xa2] = 1, [0xa3] = 1,
	[0xa4] = 1, [0xa5] = 1, [0xa6] = 1, [0xa7] = 1, [0xa8] = 1, [0xa9] = 1,
	[0xaa] = 1, [0xab] = 1, [0xac] = 1, [0xad] = 1, [0xae] = 1, [0xaf] = 1,
	[0xb0] = 1, [0xb1] = 1, [0xb2] = 1, [0xb3] = 1, [0xb4] = 1, [0xb5] = 1,
	[0xb6] = 1, [0xb7] = 1, [0xb8] = 1, [0xb9] = 1, [0xba] = 1, [0xbb] = 1,
	[0xbc] = 1, [0xbd] = 1, [0xbe] = 1, [0xbf] = 1,
};


/*
 * The offset of the next place a code can start (candidate_at), or len.
 * Most of a log line cannot hold one, so sixteen places are tested at
 * once where the compiler offers vector types (GCC and Clang, on every
 * target: SSE2 on x86-64, NEON on ARM, plain words elsewhere): the bytes
 * at p-1, p, p+1, p+2 and p+3 are five overlapping loads, and each test
 * is a compare per byte, all-ones where it holds.
 */
#ifdef VECTOR_SCAN
typedef unsigned char bytes16 __attribute__((vector_size(16)));

static bytes16
load16(const unsigned char *p)
{
	bytes16 v;

	memcpy(&v, p, sizeof v);
	return v;
}

static bytes16
is_digit16(bytes16 v)
{
	return (bytes16)((bytes16)(v - '0') < 10);
}

/* The places among the sixteen at p where a code can start, all-ones,
 * as candidate_at() says; p[-1] to p[18] are read. (Testing the byte
 * before for a boundary too costs more than the places it rules out.) */
static inline __attribute__((always_inline)) bytes16
candidates16(const unsigned char *p)
{
	bytes16 v = load16(p), v1 = load16(p + 1), v2 = load16(p + 2);
	bytes16 run3 = is_digit16(v1) & is_digit16(v2) & ~is_digit16(load16(p + 3));
	bytes16 dotted = (bytes16)(v1 == '.') & is_digit16(v2);

	return (bytes16)((bytes16)(v - '2') < 4) & ~is_digit16(load16(p - 1)) &
	    (run3 | dotted);
}

/* The first place set in m, or 16. */
static size_t
first_set16(bytes16 m)
{
	uint64_t lo, hi;

	memcpy(&lo, &m, 8);
	memcpy(&hi, (const unsigned char *)&m + 8, 8);
	if (lo != 0)
		return (size_t)__builtin_ctzll(lo) >> 3;
	if (hi != 0)
		return 8 + ((size_t)__builtin_ctzll(hi) >> 3);
	return 16;
}

static size_t
first16(const unsigned char *p)
{
	return first_set16(candidates16(p));
}
#endif

#ifndef VECTOR_SCAN
/* Can a code start at i? A '2'-'5' after a non-digit, starting either
 * a run of exactly three digits or a digit, a dot and a digit. */
static int
candidate_at(const char *l, size_t len, size_t i)
{
	if (l[i] < '2' || l[i] > '5' || i + 2 >= len ||
	    (i > 0 && digit_table[(unsigned char)l[i - 1]]))
		return 0;
	if (l[i + 1] == '.')
		return digit_table[(unsigned char)l[i + 2]];
	return digit_table[(unsigned char)l[i + 2]] &&
	    digit_table[(unsigned char)l[i + 1]] &&
	    (i + 3 == len || !digit_table[(unsigned char)l[i + 3]]);
}
#endif

/* padded: l[-2], l[-1] and the 19 bytes after the line may be read (the
 * line sits inside a larger buffer, a newline before and after it). */
static size_t
next_candidate(const char *l, size_t len, size_t i, int padded)
{
#ifdef VECTOR_SCAN
	const unsigned char *u = (const unsigned char *)l;

	unsigned char b[2 + 16 + 3];

	while (i < len) {
		const unsigned char *p = u + i;
		size_t k;

		if (!padded && (i < 2 || i + 19 > len)) {
			/* The line's first or last bytes: a copy, with a
			 * blank before and NULs (not digits) after. */
			size_t n = len - i < 19 ? len - i : 19;

			memset(b, 0, sizeof b);
			b[0] = i > 1 ? u[i - 2] : ' ';
			b[1] = i > 0 ? u[i - 1] : ' ';
			memcpy(b + 2, u + i, n);
			p = b + 2;
		}
		k = first16(p);
		if (k < 16)
			return k < len - i ? i + k : len;
		i += 16;
	}
	return len;
#else
	(void)padded;
	while (i < len && !candidate_at(l, len, i))
		i++;
	return i;
#endif
}

/* The same n bytes? A loop the compiler unrolls where n is known, which
 * a call to memcmp() for a few bytes is not. */
static int
same_bytes(const char *a, const char *b, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (a[k] != b[k])
			return 0;
	return 1;
}

/* Does l[0..i) end with the n bytes of s? ends_with() takes a string
 * literal, whose length the compiler knows. */
static int
ends_with_n(const char *l, size_t i, const char *s, size_t n)
{
	return i >= n && same_bytes(l + i - n, s, n);
}
#define ends_with(l, i, lit) ends_with_n((l), (i), (lit), sizeof(lit) - 1)

/* As ends_with, ASCII case-insensitive (s is lower case). */
static int
ends_with_nocase_n(const char *l, size_t i, const char *s, size_t n)
{
	size_t k;

	if (i < n)
		return 0;
	for (k = 0; k < n; k++)
		if (to_lower((unsigned char)l[i - n + k]) != s[k])
			return 0;
	return 1;
}
#define ends_with_nocase(l, i, lit) \
	ends_with_nocase_n((l), (i), (lit), sizeof(lit) - 1)

static size_t
digits_at(const char *l, size_t len, size_t i)
{
	size_t n = 0;

	while (i + n < len && is_digit((unsigned char)l[i + n]))
		n++;
	return n;
}

static int
marker_before(const char *l, size_t i)
{
#define MARKER(s) { s, sizeof(s) - 1 }
	static const struct { char s[15]; unsigned char n; } markers[] = {
		MARKER("<<< "), MARKER("<< "), MARKER("< "), MARKER("<- "),
		MARKER("<-  "), MARKER("S: "), MARKER("s: "), MARKER("Recv: "),
		MARKER("Server: "), MARKER("SMTP<< "),
		MARKER("\xe2\x94\x94\xe2\x94\x80\xe2\x94\x80"),
		MARKER("&lt;&lt;&lt; "), MARKER("\\n"), MARKER("\\r\\n"),
		MARKER("<CRLF>"), MARKER("FROM SERVER:")
	};
#undef MARKER
	size_t k, n;

	/* Every marker ends with one of these. */
	if (i == 0 || (l[i - 1] != ' ' && l[i - 1] != 'n' && l[i - 1] != '>' &&
	    l[i - 1] != ':' && l[i - 1] != '\x80'))
		return 0;
	for (k = 0; k < sizeof markers / sizeof markers[0]; k++) {
		n = markers[k].n;
		if (!ends_with_n(l, i, markers[k].s, n))
			continue;
		/* A marker stands alone: after the line's start, a blank, a
		 * ':' or a quote ("msg=\"...\n250"), or ends with a line
		 * break of its own. */
		if (i == n || l[i - n - 1] == '\n' || markers[k].s[n - 1] == 'n' ||
		    markers[k].s[n - 1] == '>' || markers[k].s[n - 1] == ':' ||
		    is_gap((unsigned char)l[i - n - 1]) || l[i - n - 1] == ':' ||
		    l[i - n - 1] == '"' || l[i - n - 1] == '\'')
			return 1;
	}
	return 0;
}

/* Only blanks before i, or a list's bullet or a quoting mark ("- ",
 * "* ", "> ", "`", "• "), or a transcript's marker. */
static int
at_line_start(const char *l, size_t i)
{
	size_t k = i;

	/* Back over blanks, then a bullet or quoting mark, then blanks, to
	 * the text's start or a '\n' joining two lines. */
	while (k > 0 && (l[k - 1] == ' ' || l[k - 1] == '\t'))
		k--;
	/* a quoting mark, or a bullet with a blank after it */
	if (k > 0 && (l[k - 1] == '`' || l[k - 1] == '"' || (k < i &&
	    (l[k - 1] == '-' || l[k - 1] == '*' || l[k - 1] == '>' ||
	    l[k - 1] == '|'))))
		k--;
	else if (k >= 3 && k < i && same_bytes(l + k - 3, "\xe2\x80\xa2", 3))
		k -= 3;
	while (k > 0 && (l[k - 1] == ' ' || l[k - 1] == '\t'))
		k--;
	return k == 0 || l[k - 1] == '\n' || marker_before(l, i);
}

/* Is position i where software quotes a reply? */
static int
reply_context(const char *l, size_t i)
{
	if (i == 0)
		return 0;
	switch (l[i - 1]) {
	case ' ':
		return ends_with(l, i, ": ") || ends_with(l, i, "said ") ||
		    ends_with(l, i, "; ") || ends_with(l, i, "=> ") ||
		    ends_with(l, i, "received ");
	case ';':
		/* A DSN's Diagnostic-Code: "smtp;550" */
		return ends_with_nocase(l, i, "smtp;");
	case '(':
		/* Postfix: status=sent (250 ...) */
		return ends_with(l, i, "sent (") || ends_with(l, i, "deferred (") ||
		    ends_with(l, i, "bounced (") || ends_with(l, i, "expired (");
	case '=':
		return ends_with(l, i, "reply=") || ends_with(l, i, "reject=") ||
		    ends_with(l, i, "stat=");
	case '"':
		/* Courier, Exim, OpenSMTPD, PHP mailers (also with their
		 * quotes escaped), PHPMailer's debug "$data is \"250-", a
		 * CSV log's field */
		return ends_with(l, i, "msg=\"") || ends_with(l, i, "C=\"") ||
		    ends_with(l, i, "result=\"") || ends_with(l, i, "stat=\"") ||
		    ends_with(l, i, "message \"") || ends_with(l, i, "response: \"") ||
		    ends_with(l, i, "message \\\"") || ends_with(l, i, "$data is \"") ||
		    ends_with(l, i, "\",\"");
	case '\'':
		/* Nodemailer's response: '550 ...', SES's 550-'...',
		 * SwiftMailer's assertResponseCode('250 ...' */
		return ends_with(l, i, "response: '") || ends_with(l, i, "message: '") ||
		    ends_with_nocase(l, i, "responsecode('");
	case ':':
		/* "Diagnostic-Code:550", "Negative SMTP reply:550" */
		return ends_with_nocase(l, i, "diagnostic-code:") ||
		    ends_with_nocase(l, i, "reply:");
	default:
		return 0;
	}
}

/*
 * A field whose value is a reply code: i is where the value starts. The
 * name comes before a separator of blanks, ':', '=' and quotes. Names that
 * say SMTP count whatever their case and spelling (responseCode,
 * smtp_code, ERROR_CODE, smtpstatus); a bare "code" or "status" counts
 * too, unless a client only expected the code ("Expected response code
 * 250"). 1: a code field, 2: a status field (for an enhanced code), -1:
 * a field that holds another kind of code (statusCode, httpCode,
 * exitCode, a command line's --cmd-err-code=, an expected code), which
 * no other rule may take for a reply.
 */
static int
value_context(const char *l, size_t i)
{
	/* bare: a word alone, which may end a longer name */
#define NAME(s, bare) { s, sizeof(s) - 1, bare }
	static const struct { char s[15]; unsigned char n, bare; } names[] = {
		NAME("responsecode", 0), NAME("response_code", 0),
		NAME("response-code", 0), NAME("smtpcode", 0),
		NAME("smtp_code", 0), NAME("smtp code", 0), NAME("replycode", 0),
		NAME("reply_code", 0), NAME("reply code", 0),
		NAME("error_code", 0), NAME("errorcode", 0),
		NAME("smtpstatus", 0), NAME("smtp_status", 0),
		NAME("error no", 0), NAME("code", 1), NAME("status", 1)
	};
#undef NAME
	size_t k = i, sep = 0, n;
	char last;

	/* The separator: at most a few of " :=\"'" ("code\": ", "code =") */
	while (k > 0 && sep < 5 && (l[k - 1] == ' ' || l[k - 1] == ':' ||
	    l[k - 1] == '=' || l[k - 1] == '"' || l[k - 1] == '\'' ||
	    l[k - 1] == '\\')) {
		k--;
		sep++;
	}
	if (sep == 0 || k == 0)
		return 0;
	/* Every name ends with one of these. */
	last = (char)to_lower((unsigned char)l[k - 1]);
	if (last != 'e' && last != 's' && last != 'o')
		return 0;
	for (n = 0; n < sizeof names / sizeof names[0]; n++) {
		size_t nl = names[n].n;
		int bare = names[n].bare;
		if (!ends_with_nocase_n(l, k, names[n].s, nl) ||
		    (k > nl && is_alnum((unsigned char)l[k - nl - 1]) && !bare))
			continue;
		/* "code" inside a longer name: "ResponseCode" yes, but not a
		 * word like "statuscode" (HTTP). */
		if (bare && nl == 4 && k > 4 &&
		    (ends_with_nocase(l, k, "statuscode") ||
		    ends_with_nocase(l, k, "status_code") ||
		    ends_with_nocase(l, k, "httpcode") ||
		    ends_with_nocase(l, k, "http_code") ||
		    ends_with_nocase(l, k, "exitcode") ||
		    ends_with_nocase(l, k, "exit_code") ||
		    (is_alnum((unsigned char)l[k - 5]) &&
		    !ends_with_nocase(l, k, "responsecode") &&
		    !ends_with_nocase(l, k, "smtpcode") &&
		    !ends_with_nocase(l, k, "replycode") &&
		    !ends_with_nocase(l, k, "errorcode"))))
			return -1;
		/* A command line's option ("--cmd-err-code=451") configures a
		 * code, it does not report one. */
		if (k > nl && l[k - nl - 1] == '-')
			return -1;
		/* A code a client expected is not a reply. */
		if (ends_with_nocase(l, k, "expected response code") ||
		    ends_with_nocase(l, k, "expected code"))
			return -1;
		/* A blank alone separates only a one-word name
		 * ("ResponseCode 421"), not "response code 250". */
		if (sep == 1 && l[i - 1] == ' ' && bare)
			return 0;
		return bare && nl == 6 ? 2 : 1;
	}
	return 0;
}

/* "(535)" after a word that says error, in any of the languages mailers
 * print it in: "SMTP Error (535)", "Erreur SMTP (535)", "SMTP Fehler
 * (250)". */
static int
error_parens(const char *l, size_t len, size_t i)
{
	if (i < 2 || l[i - 1] != '(' || l[i - 2] != ' ' || i + 3 >= len ||
	    l[i + 3] != ')')
		return 0;
	return ends_with_nocase(l, i - 2, "error") || ends_with_nocase(l, i - 2, "smtp") ||
	    ends_with_nocase(l, i - 2, "server") ||
	    ends_with_nocase(l, i - 2, "fehler") || ends_with_nocase(l, i - 2, "erreur") ||
	    ends_with_nocase(l, i - 2, "errore");
}

/* Python's smtplib: "(550, b'5.7.1 ...')", "(501, '5.1.5 ...')",
 * "554, b'..." (a tuple printed without its parenthesis, its bytes
 * literal all the same). code is where the code starts, i the separator
 * after it; returns where the text starts, or 0. A JSON field
 * ("statusCode": 550, "x") is not a tuple. */
static size_t
python_tuple(const char *l, size_t len, size_t code, size_t i)
{
	int paren = code > 0 && l[code - 1] == '(', bytes = 0;

	if (i + 3 > len || l[i] != ',' || l[i + 1] != ' ')
		return 0;
	i += 2;                         /* i < len: checked above */
	if (l[i] == 'b' || l[i] == 'u') {
		bytes = 1;
		i++;
	}
	if (i >= len || (l[i] != '\'' && l[i] != '"') || (!paren && !bytes))
		return 0;
	return i + 1;
}

/* The enhanced code that follows a basic code's separator at i, as RFC
 * 2034 places it; returns where the text after it starts, or 0. */
static size_t
enhanced_after(const char *l, size_t len, size_t i, int cls,
    struct smtpcode_enhanced_code *c)
{
	size_t n;

	/* Barracuda names its verdict first: "550 cuda_nsu 5.1.1" */
	if (len - i > 5 && memcmp(l + i, "cuda_", 5) == 0) {
		while (i < len && !is_gap((unsigned char)l[i]))
			i++;
		while (i < len && is_gap((unsigned char)l[i]))
			i++;
	}
	if (i < len && (l[i] == '#' || l[i] == '\'' || l[i] == '<'))
		i++;
	n = smtpcode_match_enhanced(l + i, len - i, c);
	if (n == 0 || c->cls != cls)
		return 0;
	/* What may follow: a blank, punctuation, an escaped line break,
	 * or a quoted-printable soft break ending the line. */
	if (i + n < len && !is_gap((unsigned char)l[i + n]) &&
	    l[i + n] != ';' && l[i + n] != ',' && l[i + n] != ')' &&
	    l[i + n] != '\'' && l[i + n] != '"' && l[i + n] != ':' &&
	    l[i + n] != '\\' && l[i + n] != '>' &&
	    !(l[i + n] == '=' && i + n + 1 == len))
		return 0;
	if (i + n < len && l[i + n] == '>')
		i++;
	i += n;
	if (i < len && l[i] == ':')
		i++;
	while (i < len && is_gap((unsigned char)l[i]))
		i++;
	return i;
}

/* The word after position i: a quantity, not a reply ("256 bits", "334
 * from host", "200 required"). */
static int
unit_after(const char *l, size_t len, size_t i)
{
#define UNIT(s) { s, sizeof(s) - 1 }
	static const struct { char s[11]; unsigned char n; } units[] = {
		UNIT("bits"), UNIT("bytes"), UNIT("from"), UNIT("kb"), UNIT("mb"),
		UNIT("ms"), UNIT("msec"), UNIT("sec"), UNIT("secs"),
		UNIT("seconds"), UNIT("minutes"), UNIT("hours"), UNIT("days"),
		UNIT("required"), UNIT("times"), UNIT("recipients")
	};
#undef UNIT
	size_t k, w;

	while (i < len && is_gap((unsigned char)l[i]))
		i++;
	for (w = 0; i + w < len && is_alnum((unsigned char)l[i + w]); w++)
		;
	for (k = 0; k < sizeof units / sizeof units[0]; k++)
		if (units[k].n == w && same_bytes(l + i, units[k].s, w))
			return 1;
	return 0;
}

/* "211-75-6-133.example.net": after a code and a '-', digits and a '-'
 * make a host name, not a continuation line ("250-8BITMIME",
 * "451-127.0.0.2 is listed" are continuations). */
static int
host_name_after(const char *l, size_t len, size_t i)
{
	size_t n = digits_at(l, len, i);

	return n > 0 && i + n < len && l[i + n] == '-';
}

/* "Port: 465", "Size: 222": a number that ends a line after ": " is the
 * value of a field that counts something. */
static int
count_field(const char *l, size_t i)
{
	static const char names[][8] = {
		"port", "porta", "size", "bytes)", "length", "count", "pid"
	};
	size_t k;

	if (i < 2)
		return 0;
	for (k = 0; k < sizeof names / sizeof names[0]; k++)
		if (ends_with_nocase(l, i - 2, names[k]))
			return 1;
	return 0;
}

/* Is the code one that servers send? A code alone, without an enhanced
 * code, must be. */
static int
known_code(int code)
{
	/* One byte per code, from the table's own data file. */
	static const unsigned char known[600] = {
#define SMTP_CODE(c, n, o, r, rt, sa, re, rtx, w, d, wh, f) [c] = 1,
#include "codes.def"
#undef SMTP_CODE
	};

	return code >= 0 && code < 600 && known[code];
}

/* A basic code at i (three digits already checked); 1 if it is a hit. */
static int
basic_at(const char *l, size_t len, size_t i, struct found *f)
{
	int code = (l[i] - '0') * 100 + (l[i + 1] - '0') * 10 + (l[i + 2] - '0');
	size_t after = i + 3, t;
	char sep = after < len ? l[after] : '\0';
	int start, value;

	if (l[i] < '2' || l[i] > '5' || l[i + 1] > '5')
		return 0;
	/* A code servers do not send counts only with an enhanced code
	 * after it (or Python's tuple around it): most numbers in a log
	 * stop here. */
	if (!known_code(code) && sep != ' ' && sep != '-' && sep != ':' &&
	    sep != '\n' && sep != ',')
		return 0;
	f->has_enhanced = 0;
	f->enhanced.cls = f->enhanced.subject = f->enhanced.detail = 0;
	f->column = i;
	f->basic = code;
	f->continued = sep == '-';
	f->kind = FOUND_REPLY;
	f->text = after < len ? after + 1 : len;
	f->text_end = len;
	/* RFC 2034's form: the enhanced code right after. */
	/* "550-550 5.1.10", "550 550 5.1.1": the code said twice, as some
	 * servers and relays do; the second carries the enhanced code. */
	if ((sep == ' ' || sep == '-') && after + 4 < len &&
	    same_bytes(l + i, l + after + 1, 3) &&
	    (l[after + 4] == ' ' || l[after + 4] == '-')) {
		after += 4;
		sep = l[after];
		f->continued = sep == '-';
	}
	if (sep == '\n')
		sep = ' ';
	if ((sep == ' ' || sep == '-' || sep == ':') &&
	    (t = enhanced_after(l, len, after + 1 + (sep == ':' &&
	    after + 1 < len && l[after + 1] == ' '), code / 100,
	    &f->enhanced)) > 0) {
		f->has_enhanced = 1;
		f->text = t;
		/* A quoted reply ends at its closing quote; so does the
		 * text SES quotes after the code: 550-'5.2.2 ...' */
		if (i > 0 && (l[i - 1] == '"' || l[i - 1] == '\'')) {
			const char *q = memchr(l + t, l[i - 1], len - t);
			if (q != NULL)
				f->text_end = (size_t)(q - l);
		} else if (after + 1 < len && l[after + 1] == '\'') {
			const char *q = memchr(l + t, '\'', len - t);
			if (q != NULL)
				f->text_end = (size_t)(q - l);
		}
		return 1;
	}
	/* Python's smtplib: (550, b'5.7.1 text') */
	if ((t = python_tuple(l, len, i, after)) > 0) {
		size_t e = enhanced_after(l, len, t, code / 100, &f->enhanced);
		const char *q = memchr(l + t, l[t - 1], len - t);

		f->has_enhanced = e > 0;
		f->text = e > 0 ? e : t;
		if (q != NULL && (size_t)(q - l) >= f->text)
			f->text_end = (size_t)(q - l);
		return known_code(code) || f->has_enhanced;
	}
	if (!known_code(code))
		return 0;
	start = at_line_start(l, i);
	if (start && (sep == '\0' || sep == ' ' || sep == '-' || sep == '\t' ||
	    sep == ':' || sep == '\\' || sep == '<'))
		return sep != '-' || !host_name_after(l, len, after + 1);
	if (error_parens(l, len, i)) {
		f->kind = FOUND_VALUE;
		f->text = after + 1;
		return 1;
	}
	/* A field named for a code ("Error Code: 550", "responseCode:
	 * 535") holds a code, whatever the separator. */
	value = value_context(l, i);
	if (value == 1 && (sep == '\0' || !is_alnum((unsigned char)sep)) &&
	    sep != '.' && !unit_after(l, len, after)) {
		f->kind = FOUND_VALUE;
		return 1;
	}
	if (value < 0)
		return 0;
	if (reply_context(l, i) &&
	    (sep == '\0' || sep == ' ' || sep == '-' || sep == '\t' ||
	    sep == '"' || sep == '\'') &&
	    !(sep == '-' && host_name_after(l, len, after + 1)) &&
	    code / 100 != 3 && !unit_after(l, len, after) &&
	    !(sep == '\0' && count_field(l, i))) {
		/* A quoted reply ends at its closing quote. */
		if (l[i - 1] == '"' || l[i - 1] == '\'') {
			const char *q = memchr(l + after, l[i - 1], len - after);
			if (q != NULL)
				f->text_end = (size_t)(q - l);
			if (sep == l[i - 1])
				f->kind = FOUND_VALUE;
		}
		return 1;
	}
	return 0;
}

/* An enhanced code alone at i; 1 if it is a hit. */
static int
enhanced_at(const char *l, size_t len, size_t i, struct found *f)
{
	size_t n = smtpcode_match_enhanced(l + i, len - i, &f->enhanced);
	size_t end = i + n;
	char after;

	if (n == 0)
		return 0;
	after = end < len ? l[end] : '\0';
	f->column = i;
	f->basic = 0;
	f->has_enhanced = 1;
	f->continued = 0;
	f->kind = FOUND_STATUS;
	f->text = end < len ? end + 1 : len;
	f->text_end = len;
	/* qmail: "(#5.7.1)", "(#5.1.1 - chkusr)"; "[#4.1.9]" */
	if (ends_with(l, i, "(#"))
		return after == ')' || after == ' ';
	if (ends_with(l, i, "[#"))
		return after == ']';
	if (ends_with(l, i, "dsn="))
		return after == ',' || after == '\0' || is_gap((unsigned char)after);
	if (after != '\0' && !is_gap((unsigned char)after) && after != ':' &&
	    after != '"' && after != '\'' && after != ',')
		return 0;
	/* A status field's value ("status": "5.1.1"): the code alone, no
	 * text after it. */
	if (value_context(l, i) == 2) {
		f->text = f->text_end = end;
		return 1;
	}
	if (after != '\0' && !is_gap((unsigned char)after) && after != ':')
		return 0;
	return at_line_start(l, i) || ends_with(l, i, ": ") ||
	    ends_with_nocase(l, i, "smtp;") || ends_with_nocase(l, i, "smtp; ");
}

static int
same_reply(const struct found *a, const struct found *b)
{
	return a->basic == b->basic && a->has_enhanced == b->has_enhanced &&
	    (!a->has_enhanced || smtpcode_enhanced_equal(&a->enhanced, &b->enhanced));
}

static int
is_host_char(unsigned char c)
{
	return is_alnum(c) || c == '.' || c == '-' || c == '_';
}

/*
 * The host a log line says sent the reply at column col: Postfix's "host
 * NAME[addr] said:" and "relay=NAME[addr]", Sendmail's "relay=NAME.
 * [addr]", Exim's "H=NAME [addr]". The last one before the reply counts.
 */
/* Does a key start at i ("host ", "relay=", "H=") and name a host
 * before col? Then *host is set. */
static int
host_at(const char *l, size_t col, size_t i, const char **host,
    size_t *host_len)
{
	size_t kl, n;

	switch (l[i]) {
	case 'h': kl = col - i >= 5 && l[i + 1] == 'o' && l[i + 2] == 's' &&
	    l[i + 3] == 't' && l[i + 4] == ' ' ? 5 : 0; break;
	case 'r': kl = col - i >= 6 && l[i + 5] == '=' && l[i + 1] == 'e' &&
	    l[i + 2] == 'l' && l[i + 3] == 'a' && l[i + 4] == 'y' ? 6 : 0; break;
	case 'H': kl = col - i >= 2 && l[i + 1] == '=' ? 2 : 0; break;
	default: return 0;
	}
	if (kl == 0 || (i > 0 && is_alnum((unsigned char)l[i - 1])))
		return 0;
	for (n = 0; i + kl + n < col && is_host_char((unsigned char)l[i + kl + n]); n++)
		;
	/* A name with a dot, right before its address or a blank. */
	if (n > 2 && memchr(l + i + kl, '.', n) != NULL && i + kl + n < col &&
	    (l[i + kl + n] == '[' || l[i + kl + n] == ' ')) {
		*host = l + i + kl;
		*host_len = n;
		/* Sendmail writes "relay=mx.example.net." */
		if ((*host)[n - 1] == '.')
			(*host_len)--;
		return 1;
	}
	return 0;
}

/* Can a key start with c? Most bytes are looked at only so far. */
static int
host_key_start(char c)
{
	return c == 'h' || c == 'r' || c == 'H';
}

static void
host_before(const char *l, size_t col, const char **host, size_t *host_len)
{
	size_t i = col;

	*host = NULL;
	*host_len = 0;
	/* Back from the reply, the last key first. No key a few bytes
	 * before the reply can name a host before it. */
	while (i > 0 && i + 5 > col) {
		i--;
		if (host_key_start(l[i]) && host_at(l, col, i, host, host_len))
			return;
	}
#ifdef VECTOR_SCAN
	/* Sixteen places at a time, where a key's bytes are (the loads
	 * read up to l[i + 4], before col). */
	while (i >= 16) {
		const unsigned char *p = (const unsigned char *)l + i - 16;
		bytes16 v = load16(p), v1 = load16(p + 1);
		bytes16 m = ((bytes16)(v == 'h') & (bytes16)(v1 == 'o') &
		    (bytes16)(load16(p + 4) == ' ')) |
		    ((bytes16)(v == 'r') & (bytes16)(v1 == 'e') &
		    (bytes16)(load16(p + 5) == '=')) |
		    ((bytes16)(v == 'H') & (bytes16)(v1 == '='));
		uint64_t half[2];
		int h;

		memcpy(half, &m, sizeof half);
		for (h = 1; h >= 0; h--) {
			while (half[h] != 0) {
				int top = 63 - __builtin_clzll(half[h]);
				size_t at = i - 16 + (size_t)(h * 8 + top / 8);

				if (host_at(l, col, at, host, host_len))
					return;
				half[h] &= ~(UINT64_C(0xff) << (top & ~7));
			}
		}
		i -= 16;
	}
#endif
	while (i-- > 0)
		if (host_key_start(l[i]) && host_at(l, col, i, host, host_len))
			return;
}

/* Does quoted reply b say again what reply a said, its text a prefix of
 * a's? */
static int
echoes(const char *l, const struct found *a, const struct found *b)
{
	size_t n = b->text_end - b->text;

	while (n > 0 && is_gap((unsigned char)l[b->text + n - 1]))
		n--;
	return n > 0 && a->text_end - a->text >= n &&
	    memcmp(l + a->text, l + b->text, n) == 0;
}

/* One reply once (see the top of this file). */
static void
merge(const char *l, size_t len, struct found *hits, size_t n)
{
	size_t k, j;
	long open;

	/* A multi-line reply joined into one line: after a continuation
	 * ("421-4.7.0 ..."), the same code again is the same reply, until a
	 * line without '-' ends it; a different code ("220-host 421 4.2.1
	 * ...") is the final reply, the one the client acted on, and the
	 * continuation gives way to it. */
	for (k = 0, open = -1; k < n; k++) {
		if (hits[k].basic == 0 || hits[k].kind != FOUND_REPLY)
			continue;
		if (open >= 0 && same_reply(&hits[open], &hits[k])) {
			hits[k].basic = -1;
			if (!hits[k].continued)
				open = -1;
			continue;
		}
		if (open >= 0)
			hits[open].basic = -1;
		open = hits[k].continued ? (long)k : -1;
	}
	for (k = 0; k < n; k++) {
		if (hits[k].basic < 0)
			continue;
		/* A status inside the text of the reply before it ("503 RCPT
		 * first (#5.5.1)", a joined continuation's "\n5.1.3"):
		 * the reply's own enhanced code. */
		if (hits[k].kind == FOUND_STATUS && k > 0) {
			for (j = k; j-- > 0;)
				if (hits[j].basic > 0 && hits[j].kind == FOUND_REPLY)
					break;
			if (j < k && hits[j].basic > 0 && hits[k].column < hits[j].text_end &&
			    hits[j].basic / 100 == hits[k].enhanced.cls &&
			    (!hits[j].has_enhanced ||
			    smtpcode_enhanced_equal(&hits[j].enhanced, &hits[k].enhanced))) {
				if (!hits[j].has_enhanced) {
					size_t g = hits[j].text;
					hits[j].has_enhanced = 1;
					hits[j].enhanced = hits[k].enhanced;
					/* "said: 554\n5.7.1 Your message": the
					 * reply's text is after both codes. */
					while (g < hits[k].column && is_gap((unsigned char)l[g]))
						g++;
					if (g == hits[k].column)
						hits[j].text = hits[k].text;
				}
				hits[k].basic = -1;
				continue;
			}
		}
		/* A status (dsn=, a status field, SES's own code) and the
		 * reply after it on the line: one reply, with the reply's
		 * codes, or the status's enhanced code if it has none. */
		if (hits[k].kind == FOUND_STATUS) {
			for (j = k + 1; j < n; j++)
				if (hits[j].basic > 0 && hits[j].kind != FOUND_STATUS)
					break;
			if (j < n) {
				if (!hits[j].has_enhanced &&
				    hits[j].basic / 100 == hits[k].enhanced.cls) {
					hits[j].has_enhanced = 1;
					hits[j].enhanced = hits[k].enhanced;
				}
				hits[k].basic = -1;
			}
			continue;
		}
	}
	/* An error object that repeats its reply in a quoted field
	 * ("Invalid login: 535 5.7.3 Authentication unsuccessful ...
	 * response: '535 5.7.3 Authentication unsuccessful'"): one reply. */
	for (k = 1; k < n; k++) {
		if (hits[k].basic <= 0 || hits[k].kind != FOUND_REPLY ||
		    hits[k].text_end >= len)
			continue;
		for (j = 0; j < k; j++)
			if (hits[j].basic > 0 && hits[j].kind == FOUND_REPLY &&
			    same_reply(&hits[j], &hits[k]) &&
			    echoes(l, &hits[j], &hits[k]))
				break;
		if (j < k)
			hits[k].basic = -1;
	}
	/* A field that only holds the code of the reply beside it ("got
	 * code \"503\", with message \"503 ...\"", "(code: 451)" after the
	 * reply), or repeats the field before it. From the right, so that
	 * "Error Code: 550 ... got code \"550\" ... \"550 text" is one. */
	for (k = n; k-- > 0;) {
		if (hits[k].kind == FOUND_VALUE && hits[k].basic > 0) {
			size_t p = k, q = k + 1;
			while (p > 0 && hits[p - 1].basic < 0)
				p--;
			while (q < n && hits[q].basic < 0)
				q++;
			if ((p > 0 && hits[p - 1].basic == hits[k].basic) ||
			    (q < n && hits[q].basic == hits[k].basic &&
			    hits[q].kind == FOUND_REPLY))
				hits[k].basic = -1;
		}
	}
}

/*
 * Skip the lines of a log that cannot hold a reply, sixteen bytes at a
 * time, in one pass that finds both where a code can start and where a
 * line ends: the lines are counted, not handed on one by one. buf starts
 * a line. Returns where the first line that needs a
 * closer look starts (one with a place a code can start, at offset *hint
 * in it, or one that may be a DSN field), or where too few bytes remain;
 * *lines: the lines skipped. buf[-2] and buf[-1] are read.
 */
size_t
smtpcode__quiet_lines(const char *buf, size_t len, unsigned long long *lines,
    size_t *hint)
{
	size_t line = 0;

	*lines = 0;
	*hint = 0;
#ifdef VECTOR_SCAN
	{
		const unsigned char *u = (const unsigned char *)buf;
		size_t p = 0;

		while (p + 19 <= len) {
			bytes16 c = candidates16(u + p);
			bytes16 nl = (bytes16)(load16(u + p) == '\n');
			size_t k = first_set16(c | nl), q;

			if (k == 16) {
				p += 16;
				continue;
			}
			q = p + k;
			if (u[q] != '\n') {
				*hint = q - line;
				break;
			}
			(*lines)++;
			line = q + 1;
			if (line + 2 > len || dsn_start(u[line], u[line + 1]))
				break;
			p = line;
		}
	}
#else
	(void)buf;
	(void)len;
#endif
	return line;
}

/* Find the replies of a line, from offset i (no code starts before it);
 * returns how many places were kept (some may be merged away: basic < 0). */
static size_t
find(const char *l, size_t len, int padded, size_t i, struct found *hits)
{
	size_t n = 0;

	while (n < MAX_HITS) {
		size_t d;
		int boundary;

		i = next_candidate(l, len, i, padded);
		if (i >= len)
			break;
		d = l[i + 1] == '.' ? 1 : 3;
		/* ("<CRLF>" ends with '>', a boundary) */
		boundary = i == 0 || boundary_table[(unsigned char)l[i - 1]] ||
		    (l[i - 1] == 'n' && i > 1 && l[i - 2] == '\\');
		if ((d != 3 && d != 1) || !boundary) {
			i += d;
			continue;
		}
		if (d == 3 && basic_at(l, len, i, &hits[n])) {
			i = hits[n].text > i ? hits[n].text : i + 3;
			n++;
			continue;
		}
		if (d == 1 && i + 1 < len && l[i + 1] == '.' &&
		    enhanced_at(l, len, i, &hits[n])) {
			i = hits[n].text;
			n++;
			continue;
		}
		i += d;
	}
	if (n > 1)
		merge(l, len, hits, n);
	return n;
}

/* Where a reply's text ends: without the blanks after it, nor the ')'
 * of a parenthesis the reply sits in (Postfix: "status=bounced (host x
 * said: 550 ... (in reply to RCPT TO command))"). */
static size_t
text_end(const char *l, size_t start, size_t end)
{
	size_t k;
	long depth = 0;

	while (end > start && is_gap((unsigned char)l[end - 1]))
		end--;
	if (end == start || l[end - 1] != ')')
		return end;
	k = start;
#ifdef VECTOR_SCAN
	for (; k + 16 <= end; k += 16) {
		bytes16 v = load16((const unsigned char *)l + k);
		bytes16 open = (bytes16)(v == '('), close = (bytes16)(v == ')');
		/* a one per parenthesis, the bytes summed by a
		 * multiplication (at most 16 of each) */
		bytes16 o1 = open & 1, c1 = close & 1;
		uint64_t o[2], c[2];

		memcpy(o, &o1, sizeof o);
		memcpy(c, &c1, sizeof c);
		depth += (long)(((o[0] + o[1]) * UINT64_C(0x0101010101010101)) >> 56) -
		    (long)(((c[0] + c[1]) * UINT64_C(0x0101010101010101)) >> 56);
	}
#endif
	for (; k < end; k++)
		depth += l[k] == '(' ? 1 : l[k] == ')' ? -1 : 0;
	while (depth < 0 && end > start && l[end - 1] == ')') {
		end--;
		depth++;
	}
	return end;
}

static void
emit(const char *l, size_t len, unsigned long long lineno,
    const struct found *hits, size_t n, unsigned flags, smtpcode_scan_cb cb,
    void *arg)
{
	size_t k;

	for (k = 0; k < n; k++) {
		struct smtpcode_hit h;

		if (hits[k].basic < 0)
			continue;
		h.size = sizeof h;
		h.line = lineno;
		h.column = hits[k].column + 1;
		h.basic = hits[k].basic;
		h.has_enhanced = hits[k].has_enhanced;
		h.enhanced = hits[k].enhanced;
		h.text = l + (hits[k].text < len ? hits[k].text : len);
		h.text_len = 0;
		h.host = NULL;
		h.host_len = 0;
		if (!(flags & SMTPCODE_SCAN_CODES_ONLY)) {
			int cls = h.has_enhanced ? h.enhanced.cls : h.basic / 100;

			if (hits[k].text_end > hits[k].text)
				h.text_len = text_end(l, hits[k].text,
				    hits[k].text_end) - hits[k].text;
			if (!(flags & SMTPCODE_SCAN_NO_HOST) &&
			    (!(flags & SMTPCODE_SCAN_FAILURE_HOST) ||
			    (cls != 2 && cls != 3)))
				host_before(l, hits[k].column, &h.host, &h.host_len);
		}
		cb(&h, arg);
	}
}

void
smtpcode_scan_line(const char *l, size_t len, unsigned long long lineno,
    smtpcode_scan_cb cb, void *arg)
{
	struct found hits[MAX_HITS];
	size_t n = find(l, len, 0, 0, hits);

	emit(l, len, lineno, hits, n, 0, cb, arg);
}

/* A line inside a larger buffer: l[-1] and 19 bytes after it can be
 * read (scan.c), which spares copying its ends. */
void
smtpcode__scan_padded(const char *l, size_t len, size_t from,
    unsigned long long lineno, unsigned flags, smtpcode_scan_cb cb, void *arg)
{
	struct found hits[MAX_HITS];
	size_t n = find(l, len, 1, from < len ? from : len, hits);

	emit(l, len, lineno, hits, n, flags, cb, arg);
}

/* A text whose lines were joined with '\n' (a wrapped paragraph, a
 * folded field): each line's start counts as one, and the hits see the
 * text as one line, joined with blanks. */
void
smtpcode__scan_joined(char *l, size_t len, unsigned long long lineno,
    smtpcode_scan_cb cb, void *arg)
{
	struct found hits[MAX_HITS];
	size_t n = find(l, len, 0, 0, hits), k;

	for (k = 0; k < len; k++)
		if (l[k] == '\n')
			l[k] = ' ';
	emit(l, len, lineno, hits, n, 0, cb, arg);
}

struct first_hit {
	struct smtpcode_hit *out;
	int found;
};

static void
keep_first(const struct smtpcode_hit *h, void *arg)
{
	struct first_hit *f = arg;
	size_t n;

	if (f->found)
		return;
	n = f->out->size < sizeof *h ? f->out->size : sizeof *h;
	memcpy(f->out, h, n);
	f->out->size = n;
	f->found = 1;
}

int
smtpcode_find_reply(const char *s, size_t len, struct smtpcode_hit *hit)
{
	struct first_hit f = { hit, 0 };
	unsigned long long lineno = 0;

	while (len > 0 && !f.found) {
		const char *nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) : len;
		size_t m = n;

		if (m > 0 && s[m - 1] == '\r')
			m--;
		smtpcode_scan_line(s, m, ++lineno, keep_first, &f);
		s += n;
		len -= n;
		if (len > 0) {
			s++;
			len--;
		}
	}
	return f.found;
}
