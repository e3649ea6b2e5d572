/*
 * smtpcode.h: look up, parse and compare SMTP reply codes.
 *
 * The one public header of libsmtpcode. Every string the library returns
 * points into static, read-only storage: the caller never frees it, and it
 * stays valid for the life of the program. No function allocates memory or
 * keeps state between calls, so all of them may be called from any thread.
 */
#ifndef SMTPCODE_H
#define SMTPCODE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where a code comes from. */
enum smtp_origin {
	SMTP_ORIGIN_RFC,          /* defined by an RFC */
	SMTP_ORIGIN_REGISTRY,     /* only named in the IANA enhanced-code registry */
	SMTP_ORIGIN_DRAFT,        /* proposed in an Internet-Draft */
	SMTP_ORIGIN_VENDOR,       /* non-standard: particular software or folklore */
	SMTP_ORIGIN_UNREGISTERED  /* in no table: explained from its digits */
};

/* Whether sending the same command again can help. */
enum smtp_retry {
	SMTP_RETRY_NONE,      /* success: there is nothing to retry */
	SMTP_RETRY_CONTINUE,  /* intermediate: carry on with the dialogue */
	SMTP_RETRY_LATER,     /* transient: the same command may succeed later */
	SMTP_RETRY_NEVER,     /* permanent: unchanged, it fails again */
	SMTP_RETRY_BY_CLASS   /* an enhanced entry without its class: depends */
};

/* Who has to act, as flags. */
enum smtp_who {
	SMTP_WHO_NOBODY          = 0,
	SMTP_WHO_CLIENT          = 1 << 0, /* the SMTP client program */
	SMTP_WHO_SENDER          = 1 << 1, /* the person who sent the message */
	SMTP_WHO_SENDER_ADMIN    = 1 << 2, /* the sending server's administrator */
	SMTP_WHO_RECIPIENT_ADMIN = 1 << 3  /* the receiving side's administrator */
};
#define SMTP_WHO_ALL 0xfu

/* Classes an enhanced code is used with, as flags. */
enum smtp_class_flag {
	SMTP_CLASS_2 = 1 << 0,
	SMTP_CLASS_4 = 1 << 1,
	SMTP_CLASS_5 = 1 << 2
};

/* One basic (three-digit) reply code: a row of data/codes.def. */
struct smtp_basic {
	int code;
	const char *name;
	enum smtp_origin origin;
	const char *reference;   /* RFC and section, or who sends it */
	const char *rfc_text;    /* the RFC's suggested reply text, or "" */
	const char *seen_after;  /* commands after which it is seen */
	enum smtp_retry retry;
	const char *retry_text;
	unsigned who;            /* enum smtp_who flags */
	const char *description;
	const char *when;
	const char *fix;
};

/* One enhanced status code entry: a row of data/enhanced.def. */
struct smtp_enhanced {
	int subject;
	int detail;
	const char *name;        /* the registry's name */
	const char *reference;
	const char *basic_codes; /* the registry's associated basic codes */
	unsigned classes;        /* enum smtp_class_flag flags */
	unsigned who;
	const char *description;
	const char *when;
	const char *fix;
	const char *transient;   /* added for class 4, or "" */
	const char *permanent;   /* added for class 5, or "" */
};

/* A digit of meaning: a basic class (first digit), a basic category
 * (second digit), an enhanced class or an enhanced subject. */
struct smtp_digit {
	int digit;
	const char *label;       /* "4xx", "x5z", "5.x.x", "x.7.x" */
	const char *name;
	const char *reference;
	const char *description;
	const char *when;        /* "" for basic categories */
	const char *fix;         /* "" for basic categories */
	enum smtp_retry retry;   /* classes only */
	const char *retry_text;  /* classes only, else "" */
	unsigned who;            /* classes only */
	int in_grammar;          /* 0: outside RFC 5321 §4.2 / RFC 3463 §2 */
};

/* --- The tables ------------------------------------------------------ */

size_t smtp_basic_count(void);
const struct smtp_basic *smtp_basic_at(size_t i);          /* NULL past the end */
const struct smtp_basic *smtp_basic_lookup(int code);      /* NULL if unknown */

size_t smtp_enhanced_count(void);
const struct smtp_enhanced *smtp_enhanced_at(size_t i);
const struct smtp_enhanced *smtp_enhanced_lookup(int subject, int detail);

/* Digit meanings. A digit outside the grammar gets a row that says so
 * (in_grammar == 0); NULL only for a basic digit outside 0-9 or an
 * enhanced class other than 2, 4, 5. Subjects above 7 share one row. */
const struct smtp_digit *smtp_basic_class(int digit);      /* 0-9 */
const struct smtp_digit *smtp_basic_category(int digit);   /* 0-9 */
const struct smtp_digit *smtp_enhanced_class(int cls);     /* 2, 4, 5 */
const struct smtp_digit *smtp_enhanced_subject(int subject);
/* The row for an enhanced entry shown without a class ("X.1.1"). */
const struct smtp_digit *smtp_enhanced_any_class(void);

/* --- Parsing --------------------------------------------------------- */

enum smtp_parse_error {
	SMTP_PARSE_OK = 0,
	SMTP_PARSE_EMPTY,            /* nothing but blanks */
	SMTP_PARSE_NOT_A_CODE,       /* does not start like any code */
	SMTP_PARSE_SIGN,             /* a + or - sign in front */
	SMTP_PARSE_NON_ASCII_DIGIT,  /* a digit from another script */
	SMTP_PARSE_TOO_FEW_DIGITS,   /* fewer than three digits */
	SMTP_PARSE_TOO_MANY_DIGITS,  /* more than three digits */
	SMTP_PARSE_TRAILING,         /* junk after an otherwise good code */
	SMTP_PARSE_ENH_PARTS,        /* not class.subject.detail */
	SMTP_PARSE_ENH_CLASS,        /* class not 2, 4 or 5 */
	SMTP_PARSE_ENH_EMPTY_PART,   /* an empty subject or detail */
	SMTP_PARSE_ENH_LONG_PART,    /* subject or detail over three digits */
	SMTP_PARSE_ENH_LEADING_ZERO, /* 5.07.1 */
	SMTP_PARSE_REPLY_BAD_LINE    /* a line that does not start with a code */
};

/* A short English phrase for an error, e.g. "a reply code has exactly
 * three digits". */
const char *smtp_parse_strerror(enum smtp_parse_error err);

/* A basic code: exactly three ASCII digits, blanks (space, tab) around
 * them tolerated. Any three digits are accepted (999 too); whether the
 * RFC 5321 grammar allows them is a separate question. */
enum smtp_parse_error smtp_parse_basic(const char *s, size_t len, int *code);

struct smtp_enhanced_code {
	int cls;     /* 2, 4 or 5 */
	int subject; /* 0-999 */
	int detail;  /* 0-999 */
};

/* An enhanced code, RFC 3463 §2: class "." subject "." detail, class 2, 4
 * or 5, subject and detail one to three digits without leading zeros.
 * Blanks around it are tolerated. */
enum smtp_parse_error smtp_parse_enhanced(const char *s, size_t len,
    struct smtp_enhanced_code *out);

/* Scan an enhanced code at the start of s (no blanks skipped); on success
 * returns its length, else 0. Used where the code is embedded in text. */
size_t smtp_match_enhanced(const char *s, size_t len,
    struct smtp_enhanced_code *out);

/* A whole reply, RFC 5321 §4.2: one or more lines "CODE-text" ending with
 * "CODE text" or a bare "CODE", separated by LF or CRLF; every line carries
 * the same code. The enhanced code is taken only right after the basic
 * code (RFC 2034 §4), or from qmail's "(#5.7.1)" trailer. When the lines
 * carry different codes, the last code is the reply the client acts on:
 * code and enhanced code come from the first line that carries it, and
 * mixed is set. */
struct smtp_reply {
	int code;
	int has_enhanced;
	struct smtp_enhanced_code enhanced;
	const char *text;     /* the first line's text, after the code(s) */
	size_t text_len;
	size_t lines;         /* number of lines in the reply */
	int mixed;            /* the lines carry different codes */
};
enum smtp_parse_error smtp_parse_reply(const char *s, size_t len,
    struct smtp_reply *out);

/* The text of line i (0-based) of a reply that smtp_parse_reply accepted:
 * what follows the code, the separator and, on the first line, the
 * enhanced code. Returns 0 past the last line. */
int smtp_reply_line_text(const char *s, size_t len, const struct smtp_reply *r,
    size_t i, const char **text, size_t *text_len);

/* What a command-line argument looks like. */
enum smtp_arg_kind {
	SMTP_ARG_BASIC,
	SMTP_ARG_ENHANCED,
	SMTP_ARG_REPLY
};
struct smtp_arg {
	enum smtp_arg_kind kind;
	int code;                           /* BASIC */
	struct smtp_enhanced_code enhanced; /* ENHANCED */
	struct smtp_reply reply;            /* REPLY */
};
/* Recognise a code, an enhanced code or a reply line by its shape: three
 * digits followed by a space or '-' make a reply line. */
enum smtp_parse_error smtp_parse_arg(const char *s, size_t len,
    struct smtp_arg *out);

/* --- One view of any code -------------------------------------------- */

enum smtp_kind { SMTP_KIND_BASIC, SMTP_KIND_ENHANCED };

/* Everything needed to explain a code, registered or not, filled in from
 * the tables by the functions below. Pointers are static. */
struct smtp_view {
	enum smtp_kind kind;
	char code[12];                  /* "455", "5.7.1", "4.123.456", "X.1.1" */
	int registered;                 /* found in the table */
	int in_grammar;                 /* allowed by the RFC grammar */
	const struct smtp_digit *cls;   /* class row */
	const struct smtp_digit *category; /* category or subject row */
	char category_label[12];        /* "x5z", "x.7.x", "x.12.x" */
	int category_digit;             /* second digit, or the subject */
	const char *name;
	enum smtp_origin origin;
	const char *reference;
	const char *rfc_text;           /* basic: "" if none; enhanced: "" */
	const char *seen_after;         /* basic only, else "" */
	const char *basic_codes;        /* enhanced only, else "" */
	enum smtp_retry retry;
	const char *retry_text;
	unsigned who;
	const char *description;
	const char *description_more;   /* a second part, or "" */
	const char *when;
	const char *fix;
	const struct smtp_basic *basic;       /* the row, or NULL */
	const struct smtp_enhanced *enhanced; /* the row, or NULL */
};

/* Fill *v for a basic code 0-999. Returns v->registered. */
int smtp_view_basic(int code, struct smtp_view *v);
/* Fill *v for an enhanced code. Returns v->registered. A class of 0
 * gives the class-neutral view of a registry entry, "X.1.1", with retry
 * SMTP_RETRY_BY_CLASS, as --list shows it. */
int smtp_view_enhanced(const struct smtp_enhanced_code *c, struct smtp_view *v);

/* What differs between two codes, as flags. */
enum smtp_diff {
	SMTP_DIFF_CLASS    = 1 << 0,
	SMTP_DIFF_CATEGORY = 1 << 1,
	SMTP_DIFF_RETRY    = 1 << 2,
	SMTP_DIFF_WHO      = 1 << 3,
	SMTP_DIFF_ORIGIN   = 1 << 4,
	SMTP_DIFF_KIND     = 1 << 5,
	SMTP_DIFF_SEEN     = 1 << 6
};
unsigned smtp_view_diff(const struct smtp_view *a, const struct smtp_view *b);

/* Names for enum values, for output: "rfc", "later", "sender", ... */
const char *smtp_origin_name(enum smtp_origin o);
const char *smtp_retry_name(enum smtp_retry r);
const char *smtp_who_name(enum smtp_who w);   /* one flag */

/* Case-insensitive search: does every word occur in the view's name or
 * texts? Returns 0 for no, 1 for a match in the texts only, 2 when one of
 * the words is in the name. */
int smtp_view_match(const struct smtp_view *v, const char *const *words,
    size_t nwords);

/* --- Scanning logs and bounce messages ------------------------------- */

/* How much of one line the scanner keeps to look at. Longer lines are
 * still counted and skipped correctly; codes past this many bytes of a
 * line are not reported. */
#define SMTP_SCAN_LINE_MAX 8192

/* One reply code found in the text. */
struct smtp_scan_hit {
	unsigned long long line;    /* 1-based line number */
	size_t column;              /* 1-based byte column of the code */
	int basic;                  /* the basic code, or 0 if none */
	int has_enhanced;
	struct smtp_enhanced_code enhanced;
	const char *text;           /* the reply text after the code(s), as */
	size_t text_len;            /* found; valid only during the callback */
};

typedef void (*smtp_scan_cb)(const struct smtp_scan_hit *hit, void *arg);

/* The scanner's whole state, owned by the caller: memory stays flat
 * whatever the input's size. Fields are private. */
struct smtp_scanner {
	char line[SMTP_SCAN_LINE_MAX];
	size_t len;                 /* bytes kept of the current line */
	int truncated;              /* the current line was longer */
	unsigned long long lineno;  /* lines completed */
};

void smtp_scan_init(struct smtp_scanner *s);
/* Feed any bytes (NULs, invalid UTF-8, CR, any line length): every code
 * found on a completed line is passed to cb, in order. */
void smtp_scan_feed(struct smtp_scanner *s, const char *buf, size_t len,
    smtp_scan_cb cb, void *arg);
/* End of input: the last line, if it had no newline, is scanned. */
void smtp_scan_finish(struct smtp_scanner *s, smtp_scan_cb cb, void *arg);
/* Scan one line on its own (no newline in it). */
void smtp_scan_line(const char *line, size_t len, unsigned long long lineno,
    smtp_scan_cb cb, void *arg);

#ifdef __cplusplus
}
#endif

#endif /* SMTPCODE_H */
