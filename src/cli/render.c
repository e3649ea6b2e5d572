/*
 * render.c: the choice of a renderer, and the little the renderers share.
 */
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "report.h"

const struct renderer *
renderer_find(const char *name)
{
	if (strcmp(name, render_text.name) == 0)
		return &render_text;
	if (strcmp(name, render_json.name) == 0)
		return &render_json;
	if (strcmp(name, render_tsv.name) == 0)
		return &render_tsv;
	if (strcmp(name, render_html.name) == 0)
		return &render_html;
	return NULL;
}

const char *
basic_name_n(int code, size_t *len)
{
	/* A scan names the same few codes again and again: each is looked
	 * up once (the names are the library's constant strings), and its
	 * length measured once. Per thread, and small: thread-local storage
	 * is cleared at every start. */
	static THREAD_LOCAL struct {
		const char *name;
		size_t len;
	} names[400];           /* 200 to 599: every code a scan finds */
	struct smtpcode_view v = { .size = sizeof v };
	int in = code >= 200 && code < 600;

	if (in && names[code - 200].name != NULL) {
		*len = names[code - 200].len;
		return names[code - 200].name;
	}
	smtpcode_view_basic(code, &v);
	*len = strlen(v.name);
	if (in) {
		names[code - 200].name = v.name;
		names[code - 200].len = *len;
	}
	return v.name;
}

const char *
basic_name(int code)
{
	size_t len;

	return basic_name_n(code, &len);
}

const char *
enhanced_name_n(const struct smtpcode_enhanced_code *c, size_t *len)
{
	/* As basic_name_n, with a table of the codes seen last: big enough
	 * for the few hundred different codes of a log of many programs.
	 * (An enhanced code's parts are at most 999, a name's length much
	 * less than 65536.) */
	static THREAD_LOCAL struct {
		const char *name;
		unsigned short cls, subject, detail, len;
	} seen[1024];
	unsigned slot = ((unsigned)c->cls * 1000003u + (unsigned)c->subject * 1009u +
	    (unsigned)c->detail) % 1021u;
	struct smtpcode_view v = { .size = sizeof v };

	if (seen[slot].name != NULL && seen[slot].cls == c->cls &&
	    seen[slot].subject == c->subject && seen[slot].detail == c->detail) {
		*len = seen[slot].len;
		return seen[slot].name;
	}
	smtpcode_view_enhanced(c, &v);
	*len = strlen(v.name);
	if (*len < 65536 && c->cls >= 0 && c->cls <= 999 && c->subject >= 0 &&
	    c->subject <= 999 && c->detail >= 0 && c->detail <= 999) {
		seen[slot].name = v.name;
		seen[slot].cls = (unsigned short)c->cls;
		seen[slot].subject = (unsigned short)c->subject;
		seen[slot].detail = (unsigned short)c->detail;
		seen[slot].len = (unsigned short)*len;
	}
	return v.name;
}

const char *
enhanced_name(const struct smtpcode_enhanced_code *c)
{
	size_t len;

	return enhanced_name_n(c, &len);
}

/* n (0-999) in decimal at p, without leading zeros unless width says:
 * a scan writes two or three of these a line, so no loop. */
static char *
decimal(char *p, int n, int width)
{
	if (n >= 100 || width >= 3)
		*p++ = (char)('0' + n / 100);
	if (n >= 10 || width >= 2)
		*p++ = (char)('0' + n / 10 % 10);
	*p++ = (char)('0' + n % 10);
	return p;
}

const char *
basic_string(int code, char buf[4])
{
	if (code <= 0 || code > 999)
		buf[0] = '\0';
	else
		*decimal(buf, code, 3) = '\0';
	return buf;
}

const char *
enhanced_string(int has, const struct smtpcode_enhanced_code *c, char buf[12])
{
	char *p = buf;

	if (has && c->cls >= 1 && c->cls <= 9 && c->subject >= 0 &&
	    c->subject <= 999 && c->detail >= 0 && c->detail <= 999) {
		p = decimal(p, c->cls, 1);
		*p++ = '.';
		p = decimal(p, c->subject, 1);
		*p++ = '.';
		p = decimal(p, c->detail, 1);
	} else if (has) {
		smtpcode_enhanced_string(c, buf, 12);
		return buf;
	}
	*p = '\0';
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

const char *
reason_name(int reason)
{
	struct smtpcode_reason_info r = { .size = sizeof r };

	return smtpcode_reason_info(reason, &r) ? r.name : "";
}

const char *
blocklist_id(int blocklist)
{
	struct smtpcode_blocklist_info b = { .size = sizeof b };

	return smtpcode_blocklist_info(blocklist, &b) ? b.id : "";
}

const char *
blocklist_name(int blocklist)
{
	struct smtpcode_blocklist_info b = { .size = sizeof b };

	return smtpcode_blocklist_info(blocklist, &b) ? b.name : "";
}

const char *
record_time(const struct smtpcode_time *t, char buf[32])
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

	buf[0] = '\0';
	/* (the ranges, also for the compiler's check of the width) */
	if (t->month < 1 || t->month > 12 || t->day < 1 || t->day > 31 ||
	    t->hour < 0 || t->hour > 23 || t->minute < 0 || t->minute > 59 ||
	    t->second < 0 || t->second > 60 || t->year > 9999)
		return buf;
	if (t->year >= 0)
		snprintf(buf, 32, "%04u-%02u-%02u %02u:%02u:%02u",
		    (unsigned)t->year % 10000u, (unsigned)t->month % 100u,
		    (unsigned)t->day % 100u, (unsigned)t->hour % 100u,
		    (unsigned)t->minute % 100u, (unsigned)t->second % 100u);
	else
		snprintf(buf, 32, "%.3s %2u %02u:%02u:%02u",
		    months + 3 * (size_t)(t->month - 1), (unsigned)t->day % 100u,
		    (unsigned)t->hour % 100u, (unsigned)t->minute % 100u,
		    (unsigned)t->second % 100u);
	return buf;
}

size_t
codes_string(int basic, int has_enhanced, const struct smtpcode_enhanced_code *e,
    char buf[20])
{
	char x[12];
	size_t n = strlen(basic_string(basic, buf)), k;

	if (basic && has_enhanced)
		buf[n++] = ' ';
	k = strlen(enhanced_string(has_enhanced, e, x));
	memcpy(buf + n, x, k + 1);
	return n + k;
}

const char *
record_codes(const struct smtpcode_record *r, char buf[20])
{
	codes_string(r->basic, r->has_enhanced, &r->enhanced, buf);
	return buf;
}

const char *
bucket_time(long long t, int year_known, char buf[32])
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	long long days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	long long sec = t - days * 86400;
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	if (year_known)
		snprintf(buf, 32, "%04u-%02u-%02u %02u:%02u",
		    (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u,
		    (unsigned)(sec / 3600) % 100u, (unsigned)(sec % 3600 / 60) % 100u);
	else
		snprintf(buf, 32, "%.3s %2u %02u:%02u",
		    months + 3 * (size_t)((unsigned)(m - 1) % 12u), (unsigned)d % 100u,
		    (unsigned)(sec / 3600) % 100u, (unsigned)(sec % 3600 / 60) % 100u);
	return buf;
}
