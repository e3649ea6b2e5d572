/*
 * render.h: one renderer per output format. Every kind of result the
 * command prints has a function here; each format implements all of them
 * in its own file (render_text.c, render_json.c, render_tsv.c), and the
 * format is chosen once, in main.c, with renderer_find().
 */
#ifndef SMTPCODE_RENDER_H
#define SMTPCODE_RENDER_H

#include "cli.h"

struct report;

#define SCAN_DIAGNOSIS_FIELDS 1
#define SCAN_DIAGNOSIS_FULL 2

/* What every renderer may need besides the result. */
struct render_ctx {
	const struct labels *L;     /* text: the language */
	int code_width;             /* list text: width of the code column */
	int brief;                  /* text: only the diagnosis */
};

/* A reply to explain: typed as a reply (reply set), or found inside an
 * operand (a log line, a bounce's line), and its diagnosis. */
struct reply_in {
	const char *arg;            /* the operand as typed */
	size_t len;
	const struct smtpcode_reply *reply;  /* typed as a reply, or NULL */
	int basic;                  /* 0: found without a basic code */
	int has_enhanced;
	struct smtpcode_enhanced_code enhanced;
	const char *text;           /* found: its text */
	size_t text_len;
	struct smtpcode_diagnosis diag;
};

/* A count row of --scan --count. */
struct tally {
	int basic;
	int has_enhanced;
	struct smtpcode_enhanced_code enhanced;
	unsigned long long n;
};

struct renderer {
	const char *name;           /* as --format takes it */
	/* between the results of several operands */
	void (*separator)(const struct render_ctx *c);
	void (*explain)(const struct smtpcode_view *v, const struct render_ctx *c);
	void (*compare)(const struct smtpcode_view *a,
	    const struct smtpcode_view *b, const struct render_ctx *c);
	void (*reply)(const struct reply_in *r, const struct render_ctx *c);
	/* --brief for a code: its diagnosis alone (text only; NULL where
	 * the format always carries everything) */
	void (*brief_code)(const struct reply_in *r, const struct render_ctx *c);
	/* a row of --list or --search */
	void (*list_item)(const struct smtpcode_view *v,
	    const struct render_ctx *c);
	/* a reply found by --scan in the file named source, and its
	 * diagnosis if the format carries one (NULL if not) */
	void (*scan_hit)(const char *source, const struct smtpcode_hit *h,
	    const struct smtpcode_diagnosis *d, const struct render_ctx *c);
	/* what of the diagnosis scan_hit shows: 0 none, SCAN_DIAGNOSIS_FIELDS
	 * reason, hard, provider and block list, SCAN_DIAGNOSIS_FULL all of
	 * it (the evidence too) */
	int scan_diagnoses;
	/* --count: a row, and the one row for the codes past the table's
	 * room (more than slots distinct codes) */
	void (*count_row)(const struct tally *t, const struct render_ctx *c);
	void (*count_other)(unsigned long long n, size_t slots,
	    const struct render_ctx *c);
	/* --scan --records: a delivery record and its reply's diagnosis */
	void (*record)(const char *source, const struct smtpcode_record *r,
	    const struct smtpcode_diagnosis *d, const struct render_ctx *c);
	/* --report: the tables, at the end */
	void (*report)(const struct report *rep, const struct render_ctx *c);
	/* --report=hard: an address that bounced hard, when first seen */
	void (*hard_address)(const char *source, const struct smtpcode_record *r,
	    const struct smtpcode_diagnosis *d, const struct render_ctx *c);
};

extern const struct renderer render_text, render_json, render_tsv;
/* --report only: one HTML page (render_html.c). */
extern const struct renderer render_html;

/* --report and --report=hard (reportmode.c); the exit status. */
int run_report(int argc, char **argv, const struct renderer *R,
    const struct render_ctx *c, int quiet, int hard_only);

/* Explain or compare the operands (operands.c); the exit status.
 * provider: the -P provider, or 0. */
int run_codes(int argc, char **argv, const struct renderer *R,
    const struct render_ctx *c, int provider, int quiet);

/* The renderer for a --format value, or NULL. */
const struct renderer *renderer_find(const char *name);

/* Helpers the renderers share (render.c). */
/* The pieces of a reply's text, without its codes, in turn (*pos = 0 to
 * start). */
int reply_piece(const struct reply_in *in, size_t *pos, const char **piece,
    size_t *len);
/* The views of a reply's codes, with the meaning of the provider that
 * sent it; 0 for a code the reply does not have. */
int reply_views(const struct reply_in *in, struct smtpcode_view *basic,
    struct smtpcode_view *enhanced);
/* One piece of evidence as words: 5.7.606 (Microsoft code), "gsmtp". It
 * may hold bytes of the input: the caller escapes it. */
const char *evidence_string(const struct smtpcode_evidence *e, char *buf,
    size_t size);
const char *provider_name(int provider);
const char *provider_id(int provider);
/* A reason's name ("userunknown"), a block list's id and name; "" for
 * none. */
const char *reason_name(int reason);
const char *blocklist_id(int blocklist);
const char *blocklist_name(int blocklist);
/* A record's time as "2026-03-04 07:10:31", or "Mar  4 07:10:31" when
 * the log gave no year; "" if none. */
const char *record_time(const struct smtpcode_time *t, char buf[32]);
/* The start of a report's time bucket (seconds, report.c) as
 * "2026-03-04 07:00", or "Mar  4 07:00" when the log gave no year. */
const char *bucket_time(long long t, int year_known, char buf[32]);
/* A record's codes as "550 5.1.1", "550", "5.1.1" or "". */
const char *record_codes(const struct smtpcode_record *r, char buf[20]);
/* "550 5.1.1", "550" or "5.1.1" (or "") in buf; returns its length. */
size_t codes_string(int basic, int has_enhanced,
    const struct smtpcode_enhanced_code *e, char buf[20]);
/* The name of a basic code or of an enhanced code, registered or not. */
const char *basic_name(int code);
const char *enhanced_name(const struct smtpcode_enhanced_code *c);
/* The same, with the name's length in *len. */
const char *basic_name_n(int code, size_t *len);
const char *enhanced_name_n(const struct smtpcode_enhanced_code *c, size_t *len);
/* "550", "5.1.1" in buf; "" for an absent code (0, or !has). */
const char *basic_string(int code, char buf[4]);
const char *enhanced_string(int has, const struct smtpcode_enhanced_code *c,
    char buf[12]);

#endif
