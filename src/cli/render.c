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
