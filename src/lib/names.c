/*
 * names.c: the names of enum values, each generated from its map in
 * smtpcode.h, and the small helpers every user of codes needs.
 */
#include <stdio.h>

#include "internal.h"

/* A function that names the values of a map: a switch with a case per
 * entry, so a value outside the map gives NULL. */
#define NAME_FUNCTION_(fn, type, map, kind)                                   \
	const char *fn(type v)                                                \
	{                                                                     \
		switch (v) {                                                  \
		map(kind)                                                     \
		}                                                             \
		return NULL;                                                  \
	}
#define ORIGIN_CASE_(n, s) case SMTPCODE_ORIGIN_##n: return s;
#define RETRY_CASE_(n, s) case SMTPCODE_RETRY_##n: return s;
#define WHO_CASE_(n, s) case SMTPCODE_WHO_##n: return s;
#define PARSE_CASE_(n, s) case SMTPCODE_PARSE_##n: return s;
#define DIFF_CASE_(n, s) case SMTPCODE_DIFF_##n: return s;
#define HARD_CASE_(n, s) case SMTPCODE_HARD_##n: return s;
#define STATUS_CASE_(n, s) case SMTPCODE_STATUS_##n: return s;
#define DIRECTION_CASE_(n, s) case SMTPCODE_DIRECTION_##n: return s;
#define EVIDENCE_CASE_(n, s) case SMTPCODE_EVIDENCE_##n: return s;

NAME_FUNCTION_(smtpcode_origin_name, enum smtpcode_origin, SMTPCODE_ORIGIN_MAP, ORIGIN_CASE_)
NAME_FUNCTION_(smtpcode_retry_name, enum smtpcode_retry, SMTPCODE_RETRY_MAP, RETRY_CASE_)
NAME_FUNCTION_(smtpcode_who_name, enum smtpcode_who_bit, SMTPCODE_WHO_MAP, WHO_CASE_)
NAME_FUNCTION_(smtpcode_parse_strerror, enum smtpcode_parse_error, SMTPCODE_PARSE_MAP, PARSE_CASE_)
NAME_FUNCTION_(smtpcode_diff_name, enum smtpcode_diff_bit, SMTPCODE_DIFF_MAP, DIFF_CASE_)
NAME_FUNCTION_(smtpcode_hard_name, enum smtpcode_hard, SMTPCODE_HARD_MAP, HARD_CASE_)
NAME_FUNCTION_(smtpcode_status_name, enum smtpcode_status, SMTPCODE_STATUS_MAP, STATUS_CASE_)
NAME_FUNCTION_(smtpcode_direction_name, enum smtpcode_direction, SMTPCODE_DIRECTION_MAP, DIRECTION_CASE_)
NAME_FUNCTION_(smtpcode_evidence_name, enum smtpcode_evidence_kind, SMTPCODE_EVIDENCE_MAP, EVIDENCE_CASE_)

const char *
smtpcode_version(void)
{
	return SMTPCODE_VERSION_STRING;
}

size_t
smtpcode_enhanced_string(const struct smtpcode_enhanced_code *c, char *buf,
    size_t size)
{
	int n;

	if (c->cls == 0)
		n = snprintf(buf, size, "X.%d.%d", c->subject, c->detail);
	else
		n = snprintf(buf, size, "%d.%d.%d", c->cls, c->subject, c->detail);
	return n < 0 ? 0 : (size_t)n;
}

int
smtpcode_enhanced_equal(const struct smtpcode_enhanced_code *a,
    const struct smtpcode_enhanced_code *b)
{
	return a->cls == b->cls && a->subject == b->subject &&
	    a->detail == b->detail;
}
