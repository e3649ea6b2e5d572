/*
 * cli.h: what the parts of the smtpcode command share. Not installed; the
 * library's interface is include/smtpcode.h alone.
 */
#ifndef SMTPCODE_CLI_H
#define SMTPCODE_CLI_H

#include <stdio.h>

#include "smtpcode.h"

/* A big log is scanned by two threads (parallel.c) where C11 threads
 * exist; what they both use per thread is THREAD_LOCAL. */
#if defined(__STDC_NO_THREADS__)
#define THREAD_LOCAL
#else
#define THREAD_LOCAL _Thread_local
#endif

enum exit_status {
	EXIT_KNOWN = 0,     /* every code registered, or something found */
	EXIT_UNKNOWN = 1,   /* a well-formed code not registered, or nothing found */
	EXIT_TROUBLE = 2    /* usage, malformed input, I/O error */
};

/* --- Languages (labels.c, data/lang.def) ----------------------------- */

/* The headings and labels of text output, in every language. */
#define LABEL_FIELDS(X, a)                                                   \
	X(a, vs) X(a, summary) X(a, class_) X(a, category) X(a, standard)    \
	X(a, rfc_text) X(a, seen_after) X(a, basic_codes) X(a, retry)        \
	X(a, who_acts) X(a, description) X(a, when) X(a, fix)                \
	X(a, key_differences) X(a, when_to_use) X(a, server_text) X(a, note) \
	X(a, none) X(a, nobody) X(a, who_client) X(a, who_sender)            \
	X(a, who_sender_admin) X(a, who_recipient_admin) X(a, and_)          \
	X(a, list_sep) X(a, provider) X(a, reason) X(a, bounce)              \
	X(a, blocklist) X(a, action) X(a, evidence) X(a, rep_title)          \
	X(a, rep_deliveries) X(a, rep_sent) X(a, rep_deferred)               \
	X(a, rep_deferrals) X(a, rep_bounced) X(a, rep_expired)              \
	X(a, rep_rejected) X(a, rep_by_reason) X(a, rep_by_domain)           \
	X(a, rep_by_provider) X(a, rep_blocklists) X(a, rep_inbound)         \
	X(a, rep_hard) X(a, rep_count) X(a, rep_codes) X(a, rep_domains)     \
	X(a, rep_domain) X(a, rep_top_reason) X(a, rep_others)               \
	X(a, rep_lookup) X(a, rep_delist) X(a, rep_nothing)                  \
	X(a, rep_addresses) X(a, rep_over_time) X(a, rep_per_hour)           \
	X(a, rep_per_day) X(a, rep_bounce_rate) X(a, rep_deferral_rate)      \
	X(a, rep_period) X(a, rep_top_domains) X(a, rep_made_by)

/* The library's English names of classes, categories and subjects, in
 * every other language; English takes them from the library. */
#define NAME_FIELDS(X, a)                                                     \
	X(a, not_smtp) X(a, positive_preliminary) X(a, positive_completion)   \
	X(a, positive_intermediate) X(a, transient_negative)                  \
	X(a, permanent_negative) X(a, enh_success) X(a, enh_transient)        \
	X(a, enh_permanent) X(a, enh_any) X(a, cat_syntax)                    \
	X(a, cat_information) X(a, cat_connections) X(a, cat_unspecified)     \
	X(a, cat_mail_system) X(a, cat_outside) X(a, subj_0) X(a, subj_1)     \
	X(a, subj_2) X(a, subj_3) X(a, subj_4) X(a, subj_5) X(a, subj_6)      \
	X(a, subj_7) X(a, subj_unassigned)

struct labels {
	const char *tag;        /* "en", "ru", "zh-Hant", ... */
#define LABEL_MEMBER_(a, f) const char *f;
	LABEL_FIELDS(LABEL_MEMBER_, _)
	NAME_FIELDS(LABEL_MEMBER_, _)   /* NULL in English */
#undef LABEL_MEMBER_
};

const struct labels *labels_english(void);
/* The language for a tag as users type it (ru, ru_RU.UTF-8, pt-BR,
 * zh-Hans, zh_TW), or NULL. */
const struct labels *labels_find(const char *tag);
/* The language the environment asks for: LC_ALL, else LC_MESSAGES, else
 * LANG, the first that is set and not empty (gettext's order). C, POSIX
 * and anything unknown mean English. */
const struct labels *labels_from_env(void);
/* Every known tag, in order, for messages and --help. */
size_t labels_count(void);
const char *labels_tag(size_t i);
/* The class and category names of a view in the language of L. */
const char *label_class(const struct labels *L, const struct smtpcode_view *v);
const char *label_category(const struct labels *L, const struct smtpcode_view *v);

/* --- Output (out.c) -------------------------------------------------- */

/* Everything goes through these, so escaping is in one place. Write
 * errors are not checked one by one: stdout's error flag is sticky, and
 * main() checks it before exiting. */
void out_str(const char *s);
/* The strings, one after the other, up to a NULL. */
void out_join(const char *s, ...);
void out_mem(const char *s, size_t n);
void out_char(char c);
void out_printf(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* Bytes from outside (a pasted reply, a log line): control characters and
 * bytes that are not UTF-8 shown as \xNN, \t, \n, \r, \\. */
void out_escaped(const char *s, size_t n);
/* A number in decimal, without printf's cost on a busy scan. */
void out_ull(unsigned long long v);
/* Text for a terminal: each line through term_line() (term.h). */
struct term;
void out_term_start(const struct term *t);
/* Hand what is held to the reader now ('tail -f | smtpcode --scan'). */
void out_sync(void);
/* Output goes straight to the buffer: not through term_line(). */
int out_plain(void);
/* Until out_capture_end(), what this thread writes is kept in c (its
 * buffer grown with realloc, emptied at the start; failed set if it could
 * not grow), for another thread to write out in order; c->stage is the
 * thread's output buffer meanwhile. c->buf and c->cap are the caller's
 * to free, and start as NULL and 0. Not for the main thread. */
/* The output buffer of each thread, in bytes. */
#define OUT_BUFFER_SIZE (1u << 16)
struct out_capture {
	char *buf;
	size_t len, cap;
	int failed;
	char stage[OUT_BUFFER_SIZE];    /* the thread's output buffer meanwhile */
};
void out_capture_start(struct out_capture *c);
void out_capture_end(void);
/* Write what is held back, flush stdout and say whether everything got
 * there (0) or not (-1, after a message); once only, at the end. */
int out_finish(void);

/* Length of the well-formed UTF-8 sequence at s (RFC 3629) that starts
 * with a byte of 0x80 or more, with its code point in *cp; 0 if none. */
size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp);

/* Diagnostics on stderr, "smtpcode: ..." */
void warnx_(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* Write an argument into buf for a message: escaped, and cut short with
 * its size when it is long. */
const char *quote_arg(const char *s, size_t n, char *buf, size_t bufsize);

/* --- Listing and scanning -------------------------------------------- */

struct renderer;

struct list_filter {
	int basic, enhanced;    /* which kinds */
	int cls;                /* 0: any; else the class digit */
	int second;             /* -1: any; else a basic code's second digit */
	int subject;            /* -1: any; else an enhanced subject */
};
int list_filter_parse(const char *s, struct list_filter *f);
/* --list and --search (list.c): how many codes were found. */
size_t list_codes(const struct list_filter *f, const struct renderer *R,
    const struct labels *L, int quiet);
size_t search_codes(const char *const *words, size_t nwords,
    const struct renderer *R, const struct labels *L, int quiet);

/* --scan [FILE]..., --count and --records (scanmode.c); returns the exit
 * status. */
int run_scan(int argc, char **argv, const struct renderer *R,
    const struct labels *L, int quiet, int counting, int records);
/* The input of a diagnosis, and the diagnosis, of a reply found by the
 * scanner or held by a record. */
void reply_input(struct smtpcode_input *in, const char *text,
    size_t text_len, int basic, int has_enhanced,
    const struct smtpcode_enhanced_code *e, const char *host,
    size_t host_len);
void diagnose_reply(const char *text, size_t text_len, int basic,
    int has_enhanced, const struct smtpcode_enhanced_code *e,
    const char *host, size_t host_len, struct smtpcode_diagnosis *d);

#endif
