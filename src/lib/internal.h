/*
 * internal.h: what the library's files share and do not export.
 *
 * The tables keep their texts the way musl keeps strerror's: every string
 * of a table is a member of one constant structure, and a row holds the
 * offsets of its strings in it, not pointers. A position-independent
 * program or shared library then needs no relocation at start-up for the
 * tables; a pointer is made from an offset only when a string is asked
 * for. The structures are generated from the same data files as the rows:
 *
 *   struct pool {                                  one member per entry,
 *   #define ROW(k, a, b) struct { char a_[sizeof a], b_[sizeof b]; } k;
 *   #include "table.def"                           one array per string
 *   };
 *   static const struct pool pool = {
 *   #define ROW(k, a, b) { a, b },
 *   #include "table.def"
 *   };
 *   ... offsetof(struct pool, k.a_) ...
 */
#ifndef SMTPCODE_INTERNAL_H
#define SMTPCODE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "smtpcode.h"

/* The string at offset off of a pool. */
#define POOL_STR(pool, off) ((const char *)&(pool) + (off))
/* A member of a pool's entry, for a string literal s. */
#define POOL_MEMBER(name, s) char name[sizeof(s)];

/* The bare words the data files use, mapped onto the public enums. */
#define ORIGIN_(o) SMTPCODE_ORIGIN_##o
#define RETRY_(r)  SMTPCODE_RETRY_##r
#define WHO_NOBODY          0u
#define WHO_CLIENT          SMTPCODE_WHO(CLIENT)
#define WHO_SENDER          SMTPCODE_WHO(SENDER)
#define WHO_SENDER_ADMIN    SMTPCODE_WHO(SENDER_ADMIN)
#define WHO_RECIPIENT_ADMIN SMTPCODE_WHO(RECIPIENT_ADMIN)
#define CLS_2 (1u << 2)
#define CLS_4 (1u << 4)
#define CLS_5 (1u << 5)

/* A text field must be a non-empty string literal; sizeof catches an
 * empty one at compile time. Whether it ends in a full stop is checked by
 * tablecheck when the library is built. */
#define NONEMPTY_(s) _Static_assert(sizeof(s) > 1, "empty text: " #s)

static inline int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

static inline int
to_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static inline int
is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Can a line that starts with a, b be one of the DSN fields the scanner
 * reads in any text: Status, Diagnostic-Code, Remote-MTA,
 * Final-Recipient, Original-Recipient, Action? */
static inline int
dsn_start(int a, int b)
{
	a = to_lower(a);
	b = to_lower(b);
	return (a == 's' && b == 't') || (a == 'd' && b == 'i') ||
	    (a == 'r' && b == 'e') || (a == 'f' && b == 'i') ||
	    (a == 'o' && b == 'r') || (a == 'a' && b == 'c');
}

/* --- The tables, with their strings as pointers ---------------------- */

/* A row of data/codes.def. */
struct basic_entry {
	int code;
	enum smtpcode_origin origin;
	enum smtpcode_retry retry;
	unsigned who;
	const char *name, *reference, *rfc_text, *seen_after, *retry_text,
	    *description, *when, *fix;
};

/* A row of data/enhanced.def. forms is the transient and the permanent
 * sentence together, for the class-neutral view. */
struct enhanced_entry {
	int subject, detail;
	unsigned classes;        /* CLS_ mask */
	unsigned who;
	const char *name, *reference, *basic_codes, *description, *when, *fix,
	    *transient, *permanent, *forms;
};

/* A digit's meaning: a basic class or category, an enhanced class or
 * subject. Fields a kind of row does not have are "" or 0. */
struct digit_entry {
	int digit;
	int in_grammar;
	enum smtpcode_retry retry;
	unsigned who;
	const char *name, *reference, *retry_text, *description, *when, *fix;
};

/* Internal functions are named smtpcode__* (two underscores): hidden in
 * the shared library, and out of a static linker's way. 0 when there is no
 * such row. */
int smtpcode__basic_find(int code, struct basic_entry *e);
int smtpcode__basic_get(size_t i, struct basic_entry *e);
int smtpcode__enhanced_find(int subject, int detail, struct enhanced_entry *e);
int smtpcode__enhanced_get(size_t i, struct enhanced_entry *e);

/* Digit rows: every digit 0-9 has a basic class and a category row (the
 * classes outside the grammar share one); the enhanced classes are 2, 4
 * and 5, the assigned subjects 0-7. The other subjects share the
 * unassigned row, and "X.1.1" has the any-class row. */
int smtpcode__basic_class(int digit, struct digit_entry *d);
int smtpcode__basic_category(int digit, struct digit_entry *d);
int smtpcode__enhanced_class(int cls, struct digit_entry *d);
int smtpcode__enhanced_subject(int subject, struct digit_entry *d);
void smtpcode__enhanced_any_class(struct digit_entry *d);
void smtpcode__enhanced_unassigned_subject(int subject, struct digit_entry *d);

/* Scan a text whose lines were joined with '\n' (scan_line.c); the '\n'
 * become blanks before the hits are passed on. */
void smtpcode__scan_joined(char *l, size_t len, unsigned long long lineno,
    smtpcode_scan_cb cb, void *arg);
/* Scan a line with two readable bytes before it and 19 after it, from
 * offset from; flags: SMTPCODE_SCAN_*. */
void smtpcode__scan_padded(const char *l, size_t len, size_t from,
    unsigned long long lineno, unsigned flags, smtpcode_scan_cb cb, void *arg);
/* A line's record (1) or the queue id of the message it says left the
 * queue (2), or 0 (records.c). */
int smtpcode__record_or_done(const char *line, size_t len,
    unsigned long long lineno, struct smtpcode_record *r,
    const char **queue_id, size_t *queue_id_len);
/* The next recipient of a Sendmail line's list (records.c). */
int smtpcode__record_next(const char *line, size_t len,
    struct smtpcode_record *r);
/* Skip the lines of a log that cannot hold a reply (scan_line.c). */
size_t smtpcode__quiet_lines(const char *buf, size_t len,
    unsigned long long *lines, size_t *hint);

/* --- The diagnosis data --------------------------------------------- */

/* Reasons, providers and block lists are numbered from 1 in the order of
 * their data files; 0 is none. */
enum reason_index {
	REASON_NONE_,
#define SMTP_REASON(r, hard, who, gloss, action) REASON_##r,
#include "reasons.def"
	REASON_END_
};
enum provider_index {
	PROVIDER_NONE_,
#define SMTP_PROVIDER(tok, id, name, services, url, source) PROVIDER_##tok,
#include "providers.def"
	PROVIDER_END_
};
enum blocklist_index {
	BLOCKLIST_NONE_,
#define SMTP_BLOCKLIST(tok, id, name, who, lookup, delist, action, source)    \
	BLOCKLIST_##tok,
#include "blocklists.def"
	BLOCKLIST_END_
};

/* The tokens of the data files. */
#define HARD_NO           SMTPCODE_HARD_NEVER
#define HARD_YES          SMTPCODE_HARD_ALWAYS
#define HARD_IF_PERMANENT SMTPCODE_HARD_IF_PERMANENT
#define SCOPE_OWN    1
#define SCOPE_SHARED 0

/* What a pattern of the matcher stands for. */
enum pattern_kind {
	PAT_MARK,               /* a provider's mark; target: provider */
	PAT_TAG,                /* a provider's tag; target: tag row */
	PAT_BLOCKLIST,          /* a block list's name; target: block list */
	PAT_RESOLVER,           /* a block list query that failed */
	PAT_PHRASE_STRONG,      /* a reason phrase; target: reason */
	PAT_PHRASE_WEAK
};

/* A provider's code (data/provider_codes.def). */
struct pcode_entry {
	int provider;
	struct smtpcode_enhanced_code code;  /* detail: the first one */
	int last;                            /* the last detail */
	int own;                             /* the code alone names it */
	int reason;
	const char *name, *description, *when, *fix, *reference;
};
/* A provider's tag. */
struct ptag_entry {
	int provider;
	int reason;
	const char *tag, *name, *description, *when, *fix, *reference;
};

/* The provider code for code c: the provider's own if provider is not 0,
 * else one that only a single provider uses (OWN). 0 if none. */
int smtpcode__pcode_find(int provider, const struct smtpcode_enhanced_code *c,
    struct pcode_entry *e);
int smtpcode__pcode_get(size_t i, struct pcode_entry *e);
int smtpcode__ptag_get(size_t i, struct ptag_entry *e);
/* The reason a code gives when nothing more specific is known, and
 * whether it is specific (1) or only a hint (0); 0 if none. */
int smtpcode__code_reason(int basic, const struct smtpcode_enhanced_code *c,
    int *specific);

#endif
