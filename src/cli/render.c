/*
 * render.c: the choice of a renderer, and the little the renderers share.
 */
#include <stdio.h>
#include <string.h>

#include "render.h"

const struct renderer *
renderer_find(const char *name)
{
	if (strcmp(name, render_text.name) == 0)
		return &render_text;
	if (strcmp(name, render_json.name) == 0)
		return &render_json;
	if (strcmp(name, render_tsv.name) == 0)
		return &render_tsv;
	return NULL;
}

const char *
basic_name(int code)
{
	struct smtpcode_view v = { .size = sizeof v };

	smtpcode_view_basic(code, &v);
	return v.name;
}

const char *
enhanced_name(const struct smtpcode_enhanced_code *c)
{
	struct smtpcode_view v = { .size = sizeof v };

	smtpcode_view_enhanced(c, &v);
	return v.name;
}

const char *
basic_string(int code, char buf[4])
{
	if (code <= 0 || code > 999)
		buf[0] = '\0';
	else
		snprintf(buf, 4, "%03d", code);
	return buf;
}

const char *
enhanced_string(int has, const struct smtpcode_enhanced_code *c, char buf[12])
{
	buf[0] = '\0';
	if (has)
		smtpcode_enhanced_string(c, buf, 12);
	return buf;
}

int
reply_piece(const struct reply_in *in, size_t *pos, const char **piece,
    size_t *len)
{
	if (in->reply != NULL)
		return smtpcode_reply_line(in->arg, in->len, in->reply, pos,
		    piece, len);
	return smtpcode_text_piece(in->text, in->text_len, in->basic,
	    in->has_enhanced ? &in->enhanced : NULL, pos, piece, len);
}

int
reply_views(const struct reply_in *in, struct smtpcode_view *basic,
    struct smtpcode_view *enhanced)
{
	int n = 0;

	if (in->basic > 0) {
		smtpcode_view_basic(in->basic, basic);
		n |= 1;
	}
	if (in->has_enhanced) {
		smtpcode_view_enhanced_by(in->diag.provider, &in->enhanced,
		    enhanced);
		n |= 2;
	}
	return n;
}

const char *
provider_name(int provider)
{
	struct smtpcode_provider_info p = { .size = sizeof p };

	return smtpcode_provider_info(provider, &p) ? p.name : "";
}

const char *
provider_id(int provider)
{
	struct smtpcode_provider_info p = { .size = sizeof p };

	return smtpcode_provider_info(provider, &p) ? p.id : "";
}

const char *
evidence_string(const struct smtpcode_evidence *e, char *buf, size_t size)
{
	char code[12];
	int n;

	switch (e->kind) {
	case SMTPCODE_EVIDENCE_PROVIDER_CODE:
		smtpcode_enhanced_string(&e->enhanced, code, sizeof code);
		n = snprintf(buf, size, "%s (%s code)", code, provider_name(e->provider));
		break;
	case SMTPCODE_EVIDENCE_ENHANCED:
		smtpcode_enhanced_string(&e->enhanced, code, sizeof code);
		n = snprintf(buf, size, "%s", code);
		break;
	case SMTPCODE_EVIDENCE_BASIC:
		n = snprintf(buf, size, "%03d", e->basic);
		break;
	case SMTPCODE_EVIDENCE_TAG:
		n = snprintf(buf, size, "%.*s (%s tag)", (int)e->len, e->text,
		    provider_name(e->provider));
		break;
	default:
		n = snprintf(buf, size, "\"%.*s\"", (int)e->len, e->text);
		break;
	}
	if (n < 0)
		buf[0] = '\0';
	return buf;
}
