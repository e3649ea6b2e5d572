/*
 * operands.c: the operands of the command, explained or compared.
 *
 * An operand is a code (455, 5.7.1, X.7.1), a reply as a server sent it
 * ("550 5.1.1 ..."), or any text that holds a reply (a log line, a line of
 * a bounce, "host mx.example.com[192.0.2.1] said: 550 ..."), which is
 * found the way --scan finds replies. "-" reads one reply from standard
 * input. Only an operand with no reply in it is malformed. Every operand
 * is read before anything is printed, so a script never gets half an
 * answer with status 2.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render.h"

/* Standard input read as one reply: more than this is not a reply. */
#define STDIN_MAX (1u << 20)

struct operand {
	const char *s;
	size_t len;
	struct smtpcode_arg q;
	int from_stdin;            /* "-" */
	int is_reply;              /* a reply, typed or found: in */
	struct reply_in in;
};

static const char *
quote(const struct operand *op, char *buf, size_t size)
{
	return quote_arg(op->s, op->len, buf, size);
}

/* All of standard input, for "-"; NULL after a message. */
static char *
read_stdin(size_t *len)
{
	char *buf = malloc(STDIN_MAX + 1);
	size_t n = 0;

	if (buf == NULL) {
		warnx_("out of memory");
		return NULL;
	}
	for (;;) {
		ssize_t k = read(STDIN_FILENO, buf + n, STDIN_MAX + 1 - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			warnx_("cannot read standard input: %s", strerror(errno));
			free(buf);
			return NULL;
		}
		if (k == 0)
			break;
		n += (size_t)k;
		if (n > STDIN_MAX) {
			warnx_("standard input holds more than %u bytes: not one reply (use --scan for logs)",
			    STDIN_MAX);
			free(buf);
			return NULL;
		}
	}
	*len = n;
	return buf;
}

/* Read one operand; 0, or -1 after saying why it is not one. */
static int
read_operand(struct operand *op, int provider)
{
	struct smtpcode_hit hit = { .size = sizeof hit };
	struct smtpcode_input in = { .size = sizeof in };
	struct reply_in *r = &op->in;
	enum smtpcode_parse_error err;
	char buf[400];

	op->is_reply = 0;
	op->q.size = sizeof op->q;
	err = smtpcode_parse_arg(op->s, op->len, &op->q);
	memset(r, 0, sizeof *r);
	r->diag.size = sizeof r->diag;
	r->arg = op->s;
	r->len = op->len;
	if (err == SMTPCODE_PARSE_OK && op->q.kind == SMTPCODE_ARG_REPLY) {
		r->reply = &op->q.reply;
		r->basic = op->q.reply.code;
		r->has_enhanced = op->q.reply.has_enhanced;
		r->enhanced = op->q.reply.enhanced;
		in.text = op->s;
		in.text_len = op->len;
	} else if (err == SMTPCODE_PARSE_OK) {
		return 0;
	} else if (smtpcode_find_reply(op->s, op->len, &hit)) {
		/* Not a code, but it holds a reply. */
		r->basic = hit.basic;
		r->has_enhanced = hit.has_enhanced;
		r->enhanced = hit.enhanced;
		r->text = hit.text;
		r->text_len = hit.text_len;
		in.text = hit.text;
		in.text_len = hit.text_len;
		in.host = hit.host;
		in.host_len = hit.host_len;
	} else if (op->from_stdin) {
		if (op->len == 0)
			warnx_("standard input is empty: no reply to explain");
		else
			warnx_("no reply on standard input: %s",
			    smtpcode_parse_strerror(err));
		return -1;
	} else {
		warnx_("invalid code '%s': %s", quote(op, buf, sizeof buf),
		    smtpcode_parse_strerror(err));
		return -1;
	}
	op->is_reply = 1;
	in.basic = r->basic;
	in.has_enhanced = r->has_enhanced;
	in.enhanced = r->enhanced;
	in.provider = provider;
	smtpcode_diagnose(&in, &r->diag);
	return 0;
}

/* The view of a code operand; whether it is registered. */
static int
view_of(const struct operand *op, int provider, struct smtpcode_view *v)
{
	if (op->q.kind == SMTPCODE_ARG_ENHANCED)
		return smtpcode_view_enhanced_by(provider, &op->q.enhanced, v) ==
		    SMTPCODE_REGISTERED;
	return smtpcode_view_basic(op->q.code, v) == SMTPCODE_REGISTERED;
}

static int
reply_registered(const struct reply_in *r)
{
	struct smtpcode_view v = { .size = sizeof v };

	if (r->basic > 0 && smtpcode_view_basic(r->basic, &v) != SMTPCODE_REGISTERED)
		return 0;
	return !r->has_enhanced || smtpcode_view_enhanced_by(r->diag.provider,
	    &r->enhanced, &v) == SMTPCODE_REGISTERED;
}

/* --brief for a code: what the code alone, with the provider, says. */
static void
code_diagnosis(struct operand *op, int provider)
{
	struct smtpcode_input in = { .size = sizeof in };
	struct reply_in *r = &op->in;

	memset(r, 0, sizeof *r);
	r->diag.size = sizeof r->diag;
	/* X.1.1 too: the subject and detail say the reason, whatever
	 * the class. */
	if (op->q.kind == SMTPCODE_ARG_ENHANCED) {
		r->has_enhanced = 1;
		r->enhanced = op->q.enhanced;
	} else if (op->q.kind == SMTPCODE_ARG_BASIC) {
		r->basic = op->q.code;
	}
	in.basic = r->basic;
	in.has_enhanced = r->has_enhanced;
	in.enhanced = r->enhanced;
	in.provider = provider;
	in.text = "";
	smtpcode_diagnose(&in, &r->diag);
}

static void
release(struct operand *ops, const struct operand *two, char *input)
{
	if (ops != two)
		free(ops);
	free(input);
}

int
run_codes(int argc, char **argv, const struct renderer *R,
    const struct render_ctx *c, int provider, int quiet)
{
	struct operand two[2], *ops;
	struct smtpcode_view va = { .size = sizeof va };
	struct smtpcode_view vb = { .size = sizeof vb };
	char *input = NULL;
	int i, status = EXIT_KNOWN;

	ops = argc <= 2 ? two : calloc((size_t)argc, sizeof *ops);
	if (ops == NULL) {
		warnx_("out of memory");
		return EXIT_TROUBLE;
	}
	for (i = 0; i < argc; i++) {
		ops[i].s = argv[i];
		ops[i].len = strlen(argv[i]);
		ops[i].from_stdin = strcmp(argv[i], "-") == 0;
		if (ops[i].from_stdin) {
			if (input != NULL) {
				warnx_("standard input can be read once: '-' is given twice");
				release(ops, two, input);
				return EXIT_TROUBLE;
			}
			if ((input = read_stdin(&ops[i].len)) == NULL) {
				release(ops, two, input);
				return EXIT_TROUBLE;
			}
			ops[i].s = input;
		}
		if (read_operand(&ops[i], provider) < 0) {
			release(ops, two, input);
			return EXIT_TROUBLE;
		}
	}

	if (argc == 2 && !ops[0].is_reply && !ops[1].is_reply &&
	    !(c->brief && R->brief_code != NULL)) {
		if (!view_of(&ops[0], provider, &va))
			status = EXIT_UNKNOWN;
		if (!view_of(&ops[1], provider, &vb))
			status = EXIT_UNKNOWN;
		if (!quiet)
			R->compare(&va, &vb, c);
		release(ops, two, input);
		return status;
	}
	for (i = 0; i < argc; i++) {
		if (!quiet && i > 0)
			R->separator(c);
		if (ops[i].is_reply) {
			if (!reply_registered(&ops[i].in))
				status = EXIT_UNKNOWN;
			if (!quiet)
				R->reply(&ops[i].in, c);
			continue;
		}
		if (!view_of(&ops[i], provider, &va))
			status = EXIT_UNKNOWN;
		if (quiet)
			continue;
		if (c->brief && R->brief_code != NULL) {
			code_diagnosis(&ops[i], provider);
			R->brief_code(&ops[i].in, c);
		} else {
			R->explain(&va, c);
		}
	}
	release(ops, two, input);
	return status;
}
