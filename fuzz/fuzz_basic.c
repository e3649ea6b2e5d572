/*
 * fuzz_basic.c: libFuzzer target for smtpcode_parse_basic.
 *
 * Invariants: an accepted code is 0..999, and the input holds three ASCII
 * digits spelling it; a rejection leaves no claim on *code. The error
 * phrase exists for every result.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "smtpcode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	int code = -1;
	enum smtpcode_parse_error e = smtpcode_parse_basic(s, size, &code);
	const char *msg = smtpcode_parse_strerror(e);

	if (msg == NULL)
		__builtin_trap();
	if (e == SMTPCODE_PARSE_OK) {
		size_t i = 0, j;
		if (code < 0 || code > 999)
			__builtin_trap();
		/* Blanks, three digits, blanks: nothing else. */
		while (i < size && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (size - i < 3)
			__builtin_trap();
		for (j = 0; j < 3; j++)
			if (s[i + j] < '0' || s[i + j] > '9')
				__builtin_trap();
		if ((s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0') != code)
			__builtin_trap();
		for (i += 3; i < size; i++)
			if (s[i] != ' ' && s[i] != '\t')
				__builtin_trap();
		/* Every accepted code has a view, registered or not. */
		{
			struct smtpcode_view v = { .size = sizeof v };
			int reg = smtpcode_view_basic(code, &v) == SMTPCODE_REGISTERED;
			if (reg != v.registered || v.kind != SMTPCODE_KIND_BASIC)
				__builtin_trap();
			if (memchr(v.code, '\0', sizeof v.code) == NULL)
				__builtin_trap();
			if (smtpcode_view_diff(&v, &v) != 0)
				__builtin_trap();
		}
	}
	return 0;
}
