/*
 * test_corpus.c: every reply in corpus/replies.tsv, published by real mail
 * software and labelled by hand, parses to exactly its labels.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtpcode.h"

static void
test_every_reply_parses_to_its_labels(void **state)
{
	FILE *f = fopen(TESTS_DIR "/corpus/replies.tsv", "r");
	char line[4096];
	int rows = 0, bad = 0;

	(void)state;
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f)); /* header */
	while (fgets(line, sizeof line, f)) {
		char *reply = line, *basic, *enh, *end;
		struct smtpcode_arg a = { .size = sizeof a };
		char got[16] = "";
		enum smtpcode_parse_error err;

		line[strcspn(line, "\n")] = '\0';
		if ((basic = strchr(reply, '\t')) == NULL)
			fail_msg("row %d has no basic column", rows + 2);
		*basic++ = '\0';
		if ((enh = strchr(basic, '\t')) == NULL)
			fail_msg("row %d has no enhanced column", rows + 2);
		*enh++ = '\0';
		if ((end = strchr(enh, '\t')) != NULL)
			*end = '\0';
		rows++;

		err = smtpcode_parse_arg(reply, strlen(reply), &a);
		if (err != SMTPCODE_PARSE_OK || a.kind != SMTPCODE_ARG_REPLY) {
			print_error("not a reply: %s (%s)\n", reply,
			    smtpcode_parse_strerror(err));
			bad++;
			continue;
		}
		if (a.reply.has_enhanced)
			snprintf(got, sizeof got, "%d.%d.%d", a.reply.enhanced.cls,
			    a.reply.enhanced.subject, a.reply.enhanced.detail);
		if (a.reply.code != atoi(basic) || strcmp(got, enh) != 0) {
			print_error("%s\n  expected %s %s, got %d %s\n", reply,
			    basic, enh, a.reply.code, got);
			bad++;
		}
	}
	fclose(f);
	print_message("%d replies from the corpus, %d wrong\n", rows, bad);
	assert_int_equal(rows, 336);
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_reply_parses_to_its_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
