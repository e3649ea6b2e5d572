/* A program outside the project that uses the installed library. */
#include <stdio.h>
#include <string.h>

#include <smtpcode.h>

#if SMTPCODE_VERSION_MAJOR != 0 || SMTPCODE_VERSION_NUMBER < 0x000200
#error "this program needs libsmtpcode 0.2 or a later 0.x"
#endif

int
main(void)
{
	struct smtpcode_arg a = { .size = sizeof a };
	struct smtpcode_view v = { .size = sizeof v };
	const char *reply = "550 5.1.1 <a@example.org>: User unknown";

	if (strcmp(smtpcode_version(), SMTPCODE_VERSION_STRING) < 0)
		return 1;
	if (smtpcode_parse_arg(reply, strlen(reply), &a) != SMTPCODE_PARSE_OK ||
	    a.kind != SMTPCODE_ARG_REPLY)
		return 1;
	if (smtpcode_view_enhanced(&a.reply.enhanced, &v) != SMTPCODE_REGISTERED)
		return 1;
	printf("%d %s: %s\n", a.reply.code, v.code, v.name);
	return 0;
}
