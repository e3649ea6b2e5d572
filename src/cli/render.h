/*
 * render.h: one renderer per output format. Every kind of result the
 * command prints has a function here; each format implements all of them
 * in its own file (render_text.c, render_json.c, render_tsv.c), and the
 * format is chosen once, in main.c, with renderer_find().
 */
#ifndef SMTPCODE_RENDER_H
#define SMTPCODE_RENDER_H

#include "cli.h"

/* What every renderer may need besides the result. */
struct render_ctx {
	const struct labels *L;     /* text: the language */
	int code_width;             /* list text: width of the code column */
};

/* A pasted reply: the operand as typed and what the library parsed. */
struct reply_in {
	const char *arg;
	size_t len;
	const struct smtpcode_reply *reply;
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
	/* a row of --list or --search */
	void (*list_item)(const struct smtpcode_view *v,
	    const struct render_ctx *c);
	/* a reply found by --scan in the file named source */
	void (*scan_hit)(const char *source, const struct smtpcode_hit *h,
	    const struct render_ctx *c);
	/* --count: a row, and the one row for the codes past the table's
	 * room (more than slots distinct codes) */
	void (*count_row)(const struct tally *t, const struct render_ctx *c);
	void (*count_other)(unsigned long long n, size_t slots,
	    const struct render_ctx *c);
};

extern const struct renderer render_text, render_json, render_tsv;

/* The renderer for a --format value, or NULL. */
const struct renderer *renderer_find(const char *name);

/* Helpers the renderers share (render.c). */
/* The name of a basic code or of an enhanced code, registered or not. */
const char *basic_name(int code);
const char *enhanced_name(const struct smtpcode_enhanced_code *c);
/* "550", "5.1.1" in buf; "" for an absent code (0, or !has). */
const char *basic_string(int code, char buf[4]);
const char *enhanced_string(int has, const struct smtpcode_enhanced_code *c,
    char buf[12]);

#endif
