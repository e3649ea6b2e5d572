/*
 * fuzz_reply.c: libFuzzer target for smtpcode_parse_arg (and through it
 * smtpcode_parse_reply), smtpcode_reply_line for every line of a reply, and
 * the views and their difference on whatever parsed.
 *
 * Invariants: the parsed kind's fields are in range; a reply's text and
 * every line's text lie inside the input; smtpcode_reply_line answers
 * for exactly r.lines lines; views are NUL-terminated and a view differs
 * from itself in nothing; the reply with its numbers changed, where its
 * diagnosis key stays the same, is diagnosed the same.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "smtpcode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_enh(const struct smtpcode_enhanced_code *c)
{
	if (c->cls != 2 && c->cls != 4 && c->cls != 5)
		__builtin_trap();
	if (c->subject < 0 || c->subject > 999 || c->detail < 0 || c->detail > 999)
		__builtin_trap();
}

static void
check_inside(const char *s, size_t len, const char *p, size_t n)
{
	if (n == 0)
		return; /* an empty text may point anywhere, even NULL */
	if (p == NULL || p < s || p > s + len || n > (size_t)(s + len - p))
		__builtin_trap();
	/* Touch every byte so ASan sees an out-of-bounds span. */
	{
		volatile unsigned char sink = 0;
		size_t i;
		for (i = 0; i < n; i++)
			sink ^= (unsigned char)p[i];
		(void)sink;
	}
}

static void
check_view(const struct smtpcode_view *v)
{
	if (memchr(v->code, '\0', sizeof v->code) == NULL ||
	    memchr(v->category_label, '\0', sizeof v->category_label) == NULL)
		__builtin_trap();
	if (v->name == NULL || v->description == NULL || v->when == NULL ||
	    v->fix == NULL || v->reference == NULL || v->retry_text == NULL ||
	    v->description_more == NULL)
		__builtin_trap();
	if (v->class_name == NULL || v->category_name == NULL ||
	    memchr(v->class_label, '\0', sizeof v->class_label) == NULL)
		__builtin_trap();
	(void)strlen(v->name);
	(void)strlen(v->description);
	if (smtpcode_view_diff(v, v) != 0)
		__builtin_trap();
}

/* The text with each digit run of two digits or more changed: every
 * digit moved on by one, and (when longer) one more digit at its end. */
static size_t
renumber(const char *s, size_t n, char *out, int longer)
{
	size_t i = 0, o = 0, at;

	while (i < n) {
		if (s[i] < '0' || s[i] > '9') {
			out[o++] = s[i++];
			continue;
		}
		at = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i - at < 2) {
			out[o++] = s[at];
			continue;
		}
		for (; at < i; at++)
			out[o++] = (char)('0' + (s[at] - '0' + 1) % 10);
		if (longer)
			out[o++] = '1';
	}
	return o;
}

/* smtpcode_diagnosis_key(): a reply said again with other numbers, where
 * it keeps its key, keeps its diagnosis. */
static void
check_key(const struct smtpcode_input *in, const struct smtpcode_diagnosis *d)
{
	static char text[2 * 65536];
	struct smtpcode_diagnosis_key k, kv;
	int longer;

	if (in->text_len > 65536 || smtpcode_diagnosis_key(in, &k) != 0)
		__builtin_trap();
	for (longer = 0; longer < 2; longer++) {
		struct smtpcode_input v = *in;
		struct smtpcode_diagnosis e = { .size = sizeof e };

		v.text = text;
		v.text_len = renumber(in->text, in->text_len, text, longer);
		smtpcode_diagnosis_key(&v, &kv);
		if (kv.h1 != k.h1 || kv.h2 != k.h2)
			continue;
		smtpcode_diagnose(&v, &e);
		if (e.reason != d->reason || e.provider != d->provider ||
		    e.blocklist != d->blocklist || e.hard != d->hard ||
		    e.blocklist_failed != d->blocklist_failed || e.basis != d->basis ||
		    e.nevidence != d->nevidence)
			__builtin_trap();
	}
}

/* Diagnose whatever the input holds, as the command does: the reply as
 * typed, or the one found inside. The evidence lies in the input or in
 * the library's data, and the reason is a known one. */
static void
check_diagnosis(const char *s, size_t size, const struct smtpcode_arg *a)
{
	struct smtpcode_input in = { .size = sizeof in };
	struct smtpcode_diagnosis d = { .size = sizeof d };
	struct smtpcode_hit h = { .size = sizeof h };
	size_t i;

	in.text = s;
	in.text_len = size;
	if (a->kind == SMTPCODE_ARG_REPLY) {
		in.basic = a->reply.code;
		in.has_enhanced = a->reply.has_enhanced;
		in.enhanced = a->reply.enhanced;
	} else if (smtpcode_find_reply(s, size, &h)) {
		check_inside(s, size, h.text, h.text_len);
		if (h.host != NULL)
			check_inside(s, size, h.host, h.host_len);
		in.text = h.text;
		in.text_len = h.text_len;
		in.basic = h.basic;
		in.has_enhanced = h.has_enhanced;
		in.enhanced = h.enhanced;
		in.host = h.host;
		in.host_len = h.host_len;
	}
	if (smtpcode_diagnose(&in, &d) < 0 || d.reason < 0 ||
	    (size_t)d.reason > smtpcode_reason_count() ||
	    d.nevidence > SMTPCODE_EVIDENCE_MAX || d.action == NULL)
		__builtin_trap();
	for (i = 0; i < d.nevidence; i++)
		if (d.evidence[i].text == NULL)
			__builtin_trap();
	check_key(&in, &d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct smtpcode_arg a;
	struct smtpcode_view v1 = { .size = sizeof v1 }, v2 = { .size = sizeof v2 };
	int have1 = 0, have2 = 0;
	enum smtpcode_parse_error e;

	memset(&a, 0, sizeof a);
	a.size = sizeof a;
	e = smtpcode_parse_arg(s, size, &a);
	if (smtpcode_parse_strerror(e) == NULL)
		__builtin_trap();
	check_diagnosis(s, size, &a);
	if (e != SMTPCODE_PARSE_OK)
		return 0;

	switch (a.kind) {
	case SMTPCODE_ARG_BASIC:
		if (a.code < 0 || a.code > 999)
			__builtin_trap();
		smtpcode_view_basic(a.code, &v1);
		have1 = 1;
		break;
	case SMTPCODE_ARG_ENHANCED:
		if (a.enhanced.cls != 0)
			check_enh(&a.enhanced);
		smtpcode_view_enhanced(&a.enhanced, &v1);
		have1 = 1;
		break;
	case SMTPCODE_ARG_REPLY: {
		const struct smtpcode_reply *r = &a.reply;
		size_t i, pos = 0;
		const char *t;
		size_t tl;

		if (r->code < 0 || r->code > 999 || r->lines < 1 || r->lines > size)
			__builtin_trap();
		if (r->mixed != 0 && r->mixed != 1)
			__builtin_trap();
		if (r->has_enhanced)
			check_enh(&r->enhanced);
		check_inside(s, size, r->text, r->text_len);
		/* Every line gives at least one piece, and a line a log
		 * joined gives more; all inside the input. */
		for (i = 0; smtpcode_reply_line(s, size, r, &pos, &t, &tl); i++) {
			check_inside(s, size, t, tl);
			if (i > size)
				__builtin_trap();
		}
		if (i < r->lines)
			__builtin_trap();
		smtpcode_view_basic(r->code, &v1);
		have1 = 1;
		if (r->has_enhanced) {
			smtpcode_view_enhanced(&r->enhanced, &v2);
			have2 = 1;
		}
		break;
	}
	default:
		__builtin_trap();
	}

	if (have1)
		check_view(&v1);
	if (have2) {
		unsigned d;
		check_view(&v2);
		d = smtpcode_view_diff(&v1, &v2);
		if (!(d & SMTPCODE_DIFF(KIND)))
			__builtin_trap(); /* basic against enhanced */
		(void)smtpcode_view_diff(&v2, &v1);
	} else if (have1) {
		/* The class-neutral view of an enhanced entry, against it. */
		struct smtpcode_enhanced_code c = { 0, 1, 1 };
		smtpcode_view_enhanced(&c, &v2);
		check_view(&v2);
		(void)smtpcode_view_diff(&v1, &v2);
	}
	return 0;
}
