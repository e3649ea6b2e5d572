/*
 * cli.h: what the parts of the smtpcode command share. Not installed; the
 * library's interface is include/smtpcode.h alone.
 */
#ifndef SMTPCODE_CLI_H
#define SMTPCODE_CLI_H

#include <stdio.h>

#include "smtpcode.h"

enum exit_status {
	EXIT_KNOWN = 0,     /* every code registered, or something found */
	EXIT_UNKNOWN = 1,   /* a well-formed code not registered, or nothing found */
	EXIT_TROUBLE = 2    /* usage, malformed input, I/O error */
};

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_TSV };

/* The headings and labels of text output, in one language: a row of
 * data/lang.def. */
#define LABEL_FIELDS(X)                                                       \
	X(vs) X(summary) X(class_) X(category) X(standard) X(rfc_text)        \
	X(seen_after) X(basic_codes) X(retry) X(who_acts) X(description)      \
	X(when) X(fix) X(key_differences) X(when_to_use) X(server_text)       \
	X(note) X(not_smtp) X(positive_preliminary) X(positive_completion)    \
	X(positive_intermediate) X(transient_negative) X(permanent_negative)  \
	X(enh_success) X(enh_transient) X(enh_permanent)

struct labels {
	const char *tag;        /* "en", "ru", ... */
	const char *name;       /* the language's own name */
#define LABEL_MEMBER(f) const char *f;
	LABEL_FIELDS(LABEL_MEMBER)
#undef LABEL_MEMBER
};

const struct labels *labels_english(void);
/* The language for a tag as users type it (ru, ru_RU.UTF-8, pt-BR,
 * zh-Hans), or NULL. */
const struct labels *labels_find(const char *tag);
/* The language the environment asks for: LC_ALL, else LC_MESSAGES, else
 * LANG, the first that is set and not empty (gettext's order). C, POSIX
 * and anything unknown mean English. */
const struct labels *labels_from_env(void);
/* Every known tag, in order, for messages and --help. */
size_t labels_count(void);
const struct labels *labels_at(size_t i);

/* Output: everything goes through these, so escaping is in one place. */
void out_str(const char *s);
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
/* Text for a terminal: each line through term_line() (term.h). */
struct term;
void out_term_start(const struct term *t);
void out_flush(void);

/* Length of the well-formed multi-byte UTF-8 sequence at s, or 0. */
size_t utf8_len(const unsigned char *s, size_t n);

/* Diagnostics on stderr, "smtpcode: ..." */
void warnx_(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* Write an argument into buf for a message: escaped, and cut short with
 * its size when it is long. */
const char *quote_arg(const char *s, size_t n, char *buf, size_t bufsize);

/* Text renderers (text.c). */
void text_explain(const struct smtp_view *v, const struct labels *L);
void text_compare(const struct smtp_view *a, const struct smtp_view *b,
    const struct labels *L);
void text_reply(const char *arg, size_t len, const struct smtp_arg *q,
    const struct labels *L);

/* JSON renderers (json.c). */
void json_string(const char *s, size_t n);
void json_code(const struct smtp_view *v);
void json_explain(const struct smtp_view *v);
void json_compare(const struct smtp_view *a, const struct smtp_view *b);
void json_reply(const char *arg, size_t len, const struct smtp_arg *q);

/* TSV renderers (tsv.c). */
void tsv_field(const char *s, size_t n);
void tsv_code(const struct smtp_view *v);
void tsv_reply(const struct smtp_arg *q);

/* --list and --search (list.c). */
struct list_filter {
	int basic, enhanced;    /* which kinds */
	int cls;                /* 0: any; else the class digit */
	int second;             /* -1: any; else a basic code's second digit */
	int subject;            /* -1: any; else an enhanced subject */
};
int list_filter_parse(const char *s, struct list_filter *f);
size_t list_codes(const struct list_filter *f, enum format format, int quiet);
size_t search_codes(const char *const *words, size_t nwords,
    enum format format, int quiet);

/* --scan [FILE]... and --count (scanmode.c); returns the exit status. */
int run_scan(int argc, char **argv, enum format format, int quiet,
    int counting);

#endif
