/* A program outside the project that uses the installed library. */
#include <stdio.h>
#include <string.h>

#include <smtpcode.h>

int
main(void)
{
	struct smtp_arg a;
	struct smtp_view v;
	const char *reply = "550 5.1.1 <a@example.org>: User unknown";

	if (smtp_parse_arg(reply, strlen(reply), &a) != SMTP_PARSE_OK ||
	    a.kind != SMTP_ARG_REPLY)
		return 1;
	if (!smtp_view_enhanced(&a.reply.enhanced, &v))
		return 1;
	printf("%d %s: %s\n", a.reply.code, v.code, v.name);
	return 0;
}
