/*
 * names.c: the names of enum values, each generated from its map in
 * smtpcode.h, and the small helpers every user of codes needs.
 */
#include <stdio.h>

#include "internal.h"

#define NAME_CASE_(kind, n, s) case SMTPCODE_##kind##_##n: return s;

const char *
smtpcode_origin_name(enum smtpcode_origin o)
{
	switch (o) {
#define X_(n, s) NAME_CASE_(ORIGIN, n, s)
	SMTPCODE_ORIGIN_MAP(X_)
#undef X_
	}
	return NULL;
}

const char *
smtpcode_retry_name(enum smtpcode_retry r)
{
	switch (r) {
#define X_(n, s) NAME_CASE_(RETRY, n, s)
	SMTPCODE_RETRY_MAP(X_)
#undef X_
	}
	return NULL;
}

const char *
smtpcode_who_name(enum smtpcode_who_bit w)
{
	switch (w) {
#define X_(n, s) NAME_CASE_(WHO, n, s)
	SMTPCODE_WHO_MAP(X_)
#undef X_
	}
	return NULL;
}

const char *
smtpcode_parse_strerror(enum smtpcode_parse_error e)
{
	switch (e) {
#define X_(n, s) NAME_CASE_(PARSE, n, s)
	SMTPCODE_PARSE_MAP(X_)
#undef X_
	}
	return NULL;
}

const char *
smtpcode_diff_name(enum smtpcode_diff_bit d)
{
	switch (d) {
#define X_(n, s) NAME_CASE_(DIFF, n, s)
	SMTPCODE_DIFF_MAP(X_)
#undef X_
	}
	return NULL;
}

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
