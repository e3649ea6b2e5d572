/*
 * main.c: the smtpcode command. Parses options, chooses the renderer,
 * hands each operand to the library, and exits with the status the man
 * page promises (0 known, 1 unknown or nothing found, 2 trouble).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "render.h"
#include "term.h"

static void
usage_hint(void)
{
	fputs("Try 'smtpcode --help' for more information.\n", stderr);
}

/* "ar de en ..." in alphabetical order, for --help and messages. */
static const char *
language_list(void)
{
	static char buf[256];
	size_t i, j, n = labels_count(), len = 0;
	const char *tags[64];

	for (i = 0; i < n && i < 64; i++)
		tags[i] = labels_tag(i);
	for (i = 1; i < n && i < 64; i++)
		for (j = i; j > 0 && strcmp(tags[j - 1], tags[j]) > 0; j--) {
			const char *t = tags[j];
			tags[j] = tags[j - 1];
			tags[j - 1] = t;
		}
	buf[0] = '\0';
	for (i = 0; i < n && i < 64 && len + 8 < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
		    i ? " " : "", tags[i]);
	return buf;
}

/* "apple barracuda ..." in the order of the data, for messages. */
static const char *
provider_list(void)
{
	static char buf[768];
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 1; i <= smtpcode_provider_count() && len + 24 < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
		    i > 1 ? " " : "", provider_id((int)i));
	return buf;
}

static void
help(void)
{
	out_printf(
"Usage: smtpcode [OPTION]... CODE [CODE]...\n"
"  or:  smtpcode [OPTION]... 'REPLY' | -\n"
"  or:  smtpcode [OPTION]... --list [FILTER]\n"
"  or:  smtpcode [OPTION]... --search WORD...\n"
"  or:  smtpcode [OPTION]... --scan [--count|--records] [FILE]...\n"
"  or:  smtpcode [OPTION]... --report[=hard] [FILE|DIR]...\n"
"Explain SMTP reply codes: what a code means, whether a retry helps, who has\n"
"to act and how to fix it. Two codes are compared side by side. A reply is\n"
"diagnosed: who sent it, why it failed, hard or soft, the block list.\n"
"\n"
"  CODE is a basic reply code (550), an enhanced status code (5.7.1), or a\n"
"  provider's code (5.7.606). REPLY is a reply as a server sent it ('550\n"
"  5.1.1 <a@b>: User unknown'), or any text that holds one (a log line,\n"
"  a bounce's line); - reads one reply from standard input. One CODE is\n"
"  explained; two codes are compared; three or more, or any reply among\n"
"  several operands, are explained one after another.\n"
"\n"
"Options:\n"
"  -f, --format=FORMAT  text (the default), json or tsv; html for --report\n"
"  -l, --list           list the codes, one a line; FILTER is one of\n"
"                       4, 4xx, 45x, 5.7, x.7.x, basic, enhanced\n"
"  -b, --brief          for a reply, only its diagnosis\n"
"  -P, --provider=NAME  the provider that sent the reply or uses the code\n"
"                       (gmail, microsoft, yahoo, ...): its own meaning\n"
"  -s, --search         list the codes whose name or texts contain every\n"
"                       WORD (case-insensitive), name matches first\n"
"  -L, --lang=LANG      headings and labels of text output in LANG; the\n"
"                       default comes from LC_ALL, LC_MESSAGES or LANG\n"
"                       (C and POSIX: English). Languages:\n"
"                       %s\n"
"      --scan           find reply codes in mail logs, bounce messages and\n"
"                       SMTP transcripts (FILE '-' or none: standard\n"
"                       input); one line per code: FILE:LINE: codes, text,\n"
"                       names\n"
"      --count          with --scan: how often each code occurs, most\n"
"                       frequent first\n"
"      --records        with --scan: one line per delivery (sent, deferred,\n"
"                       bounced, expired, rejected) with its diagnosis;\n"
"                       a DIR means its files (a Maildir of bounces)\n"
"      --report[=hard]  what happened to the mail: deliveries by status,\n"
"                       failures by reason, domain and provider, block\n"
"                       lists; =hard: the addresses that bounced hard\n"
"      --color=WHEN     colour and wrap text output: auto (on a terminal,\n"
"                       unless NO_COLOR is set), always, never\n"
"  -q, --quiet          print nothing; only the exit status tells\n"
"  -h, --help           show this help and exit\n"
"  -V, --version        show the version and the data's sources and exit\n"
"\n"
"Exit status:\n"
"  0  every code is registered; --list, --search, --scan: something found\n"
"  1  a well-formed code is not registered (it is still explained), or\n"
"     --list, --search, --scan found nothing\n"
"  2  usage error, malformed code, unreadable file, or an output error\n"
"\n"
"Examples:\n"
"  smtpcode 455                 explain one code\n"
"  smtpcode 211 455             compare two codes\n"
"  smtpcode 5.7.1               explain an enhanced status code\n"
"  smtpcode '550-5.1.1 The email account that you tried to reach does not exist.'\n"
"  smtpcode -b 'host mx.example.com[192.0.2.1] said: 554 5.7.1 ... blocked using zen.spamhaus.org'\n"
"  smtpcode -P gmail 4.7.28\n"
"  smtpcode --format=json 455 | jq -r .class.name\n"
"  smtpcode --format=tsv --list 5xx | cut -f1,4\n"
"  smtpcode --search relay denied\n"
"  smtpcode --scan /var/log/mail.log\n"
"  tail -f /var/log/mail.log | smtpcode --scan\n"
"  smtpcode --scan --count /var/log/mail.log\n"
"  smtpcode --report /var/log/mail.log\n"
"  smtpcode --report=hard ~/Maildir/.bounces >remove.txt\n"
"  smtpcode -q 451 && echo known\n", language_list());
}

static void
version(void)
{
	out_printf("smtpcode %s\n", smtpcode_version());
	out_printf("Data: %zu basic reply codes (RFC 5321 and its extension RFCs, plus non-standard codes\n"
	    "real servers send); %zu enhanced status codes (RFC 3463 and the IANA \"SMTP Enhanced\n"
	    "Status Codes\" registry, as updated 2024-12-06).\n",
	    smtpcode_basic_count(), smtpcode_enhanced_count());
}

/* "smtpcode: BEFORE 'ARG'AFTER" and the hint; ARG escaped, may be NULL. */
static int
usage_error(const char *before, const char *arg, const char *after)
{
	char buf[400];

	if (arg != NULL)
		warnx_("%s '%s'%s", before, quote_arg(arg, strlen(arg), buf,
		    sizeof buf), after);
	else
		warnx_("%s", before);
	usage_hint();
	return EXIT_TROUBLE;
}

int
main(int argc, char *argv[])
{
	enum { OPT_BRIEF = 'b', OPT_HELP = 'h', OPT_LANG = 'L', OPT_LIST = 'l',
	    OPT_FORMAT = 'f', OPT_PROVIDER = 'P', OPT_QUIET = 'q',
	    OPT_SEARCH = 's', OPT_VERSION = 'V', OPT_SCAN = 256, OPT_COUNT,
	    OPT_COLOR, OPT_RECORDS, OPT_REPORT };
	static const char shortopts[] = "bf:hL:lP:qsV";
	static const struct option longopts[] = {
		{ "brief",   no_argument,       NULL, OPT_BRIEF },
		{ "color",   required_argument, NULL, OPT_COLOR },
		{ "count",   no_argument,       NULL, OPT_COUNT },
		{ "format",  required_argument, NULL, OPT_FORMAT },
		{ "help",    no_argument,       NULL, OPT_HELP },
		{ "lang",    required_argument, NULL, OPT_LANG },
		{ "list",    no_argument,       NULL, OPT_LIST },
		{ "provider", required_argument, NULL, OPT_PROVIDER },
		{ "quiet",   no_argument,       NULL, OPT_QUIET },
		{ "records", no_argument,       NULL, OPT_RECORDS },
		{ "report",  optional_argument, NULL, OPT_REPORT },
		{ "scan",    no_argument,       NULL, OPT_SCAN },
		{ "search",  no_argument,       NULL, OPT_SEARCH },
		{ "version", no_argument,       NULL, OPT_VERSION },
		{ NULL,      0,                 NULL, 0 }
	};
	const struct labels *L = labels_from_env();
	const struct renderer *R = &render_text;
	struct render_ctx ctx;
	int ch, list = 0, search = 0, scan = 0, count = 0, quiet = 0, status, tty;
	int brief = 0, provider = 0, records = 0, report = 0, hard = 0;
	const char *color = NULL;
	static struct term term;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		/* (the options that take a value always have one, but
		 * --report's is optional: optarg may be NULL) */
		const char *arg = optarg != NULL ? optarg : "";

		switch (ch) {
		case OPT_COLOR:
			if (strcmp(arg, "auto") != 0 && strcmp(arg, "always") != 0 &&
			    strcmp(arg, "never") != 0)
				return usage_error("invalid --color", arg, ": expected auto, always or never");
			color = arg;
			break;
		case OPT_BRIEF:
			brief = 1;
			break;
		case OPT_PROVIDER:
			if ((provider = smtpcode_provider_find(arg, strlen(arg))) == 0) {
				char msg[1024];
				snprintf(msg, sizeof msg, " (known: %s)", provider_list());
				return usage_error("unknown provider", arg, msg);
			}
			break;
		case OPT_FORMAT:
			if ((R = renderer_find(arg)) == NULL)
				return usage_error("invalid format", arg, ": expected text, json, tsv or html");
			break;
		case OPT_HELP:
			help();
			return out_finish() ? EXIT_TROUBLE : EXIT_KNOWN;
		case OPT_LANG:
			if ((L = labels_find(arg)) == NULL) {
				char msg[320];
				snprintf(msg, sizeof msg, " (known: %s)", language_list());
				return usage_error("unknown language", arg, msg);
			}
			break;
		case OPT_LIST:
			list = 1;
			break;
		case OPT_QUIET:
			quiet = 1;
			break;
		case OPT_SEARCH:
			search = 1;
			break;
		case OPT_SCAN:
			scan = 1;
			break;
		case OPT_COUNT:
			count = 1;
			break;
		case OPT_RECORDS:
			records = 1;
			break;
		case OPT_REPORT:
			if (optarg != NULL && strcmp(optarg, "hard") != 0)
				return usage_error("invalid --report", optarg, ": expected --report or --report=hard");
			report = 1;
			hard = optarg != NULL;
			break;
		case OPT_VERSION:
			version();
			return out_finish() ? EXIT_TROUBLE : EXIT_KNOWN;
		case ':':
			return usage_error("option", argv[optind - 1], " needs a value");
		default:
			/* "--quiet=yes": a long option that takes no value. */
			if (optopt != 0 && strncmp(argv[optind - 1], "--", 2) == 0 &&
			    strchr(argv[optind - 1], '=') != NULL)
				return usage_error("option", argv[optind - 1], " takes no value");
			if (optopt != 0 && strchr(shortopts, optopt) != NULL)
				return usage_error("option", argv[optind - 1], " needs a value");
			if (optopt != 0) {
				char opt[3] = { '-', (char)optopt, '\0' };
				return usage_error("unknown option", opt, "");
			}
			return usage_error(strncmp(argv[optind - 1], "--", 2) == 0 ?
			    "unknown or ambiguous option" : "unknown option",
			    argv[optind - 1], "");
		}
	}
	argc -= optind;
	argv += optind;

	if (list + search + scan + report > 1)
		return usage_error("--list, --search, --scan and --report do not go together", NULL, NULL);
	if (count && !scan)
		return usage_error("--count goes with --scan", NULL, NULL);
	if (records && !scan)
		return usage_error("--records goes with --scan", NULL, NULL);
	if (records && count)
		return usage_error("--records and --count do not go together", NULL, NULL);
	if (R == &render_html && (!report || hard))
		return usage_error("--format=html goes with --report", NULL, NULL);
	ctx.L = L;
	ctx.code_width = 0;
	ctx.brief = brief;
	if (scan) {
		status = run_scan(argc, argv, R, L, quiet, count, records);
	} else if (report) {
		status = run_report(argc, argv, R, &ctx, quiet, hard);
	} else if (list) {
		struct list_filter f;
		if (argc > 1)
			return usage_error("--list takes one FILTER at most, not", argv[1], "");
		if (list_filter_parse(argc ? argv[0] : NULL, &f))
			return usage_error("invalid filter", argv[0], ": expected 4, 4xx, 45x, 5.7, x.7.x, basic or enhanced");
		status = list_codes(&f, R, L, quiet) ? EXIT_KNOWN : EXIT_UNKNOWN;
	} else if (search) {
		if (argc == 0)
			return usage_error("--search needs at least one WORD", NULL, NULL);
		status = search_codes((const char *const *)argv, (size_t)argc,
		    R, L, quiet) ? EXIT_KNOWN : EXIT_UNKNOWN;
	} else {
		if (argc == 0)
			return usage_error("missing code", NULL, NULL);
		tty = isatty(STDOUT_FILENO);
		term.color = term_color_wanted(color, tty);
		term.width = tty ? term_width() : 0;
		term.class_label = L->class_;
		if (R == &render_text && !quiet && (term.color || term.width > 0))
			out_term_start(&term);
		status = run_codes(argc, argv, R, &ctx, provider, quiet);
	}
	if (out_finish())
		return EXIT_TROUBLE;
	return status;
}
