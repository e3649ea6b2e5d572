/*
 * fuzz_enhanced.c: libFuzzer target for smtpcode_parse_enhanced and
 * smtpcode_match_enhanced.
 *
 * Invariants: an accepted code has class 2, 4 or 5 and subject and detail
 * 0..999; a match's length is within the input and re-parses to the same
 * code; the two parsers agree on a code that fills the whole input.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "smtpcode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_code(const struct smtpcode_enhanced_code *c)
{
	if (c->cls != 2 && c->cls != 4 && c->cls != 5)
		__builtin_trap();
	if (c->subject < 0 || c->subject > 999)
		__builtin_trap();
	if (c->detail < 0 || c->detail > 999)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct smtpcode_enhanced_code a, b;
	enum smtpcode_parse_error e;
	size_t n, i;

	memset(&a, 0, sizeof a);
	e = smtpcode_parse_enhanced(s, size, &a);
	if (smtpcode_parse_strerror(e) == NULL)
		__builtin_trap();
	if (e == SMTPCODE_PARSE_OK) {
		struct smtpcode_view v = { .size = sizeof v };
		check_code(&a);
		if ((smtpcode_view_enhanced(&a, &v) == SMTPCODE_REGISTERED) != v.registered ||
		    v.kind != SMTPCODE_KIND_ENHANCED)
			__builtin_trap();
		if (memchr(v.code, '\0', sizeof v.code) == NULL ||
		    memchr(v.category_label, '\0', sizeof v.category_label) == NULL)
			__builtin_trap();
	}

	/* Try a match at every offset of a short prefix: embedded codes. */
	for (i = 0; i < size && i < 16; i++) {
		memset(&b, 0, sizeof b);
		n = smtpcode_match_enhanced(s + i, size - i, &b);
		if (n == 0)
			continue;
		if (n < 5 || n > size - i || n > 11)
			__builtin_trap();
		check_code(&b);
		/* What matched is itself a whole enhanced code. */
		{
			struct smtpcode_enhanced_code c;
			if (smtpcode_parse_enhanced(s + i, n, &c) != SMTPCODE_PARSE_OK)
				__builtin_trap();
			if (c.cls != b.cls || c.subject != b.subject ||
			    c.detail != b.detail)
				__builtin_trap();
		}
		/* A match at the start of an input that parses is that code
		 * (when no blanks were skipped). */
		if (i == 0 && e == SMTPCODE_PARSE_OK && n == size &&
		    (a.cls != b.cls || a.subject != b.subject || a.detail != b.detail))
			__builtin_trap();
	}
	return 0;
}
