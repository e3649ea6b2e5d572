/*
 * scanmode.c: --scan [FILE]... and --count. Reads each file (or standard
 * input) in blocks with read(2), so 'tail -f log | smtpcode --scan'
 * answers as lines arrive, feeds the library's scanner, and prints a line
 * per code found, or, with --count, a table of codes by frequency. Memory
 * is the same for 10 KB and 10 GB of input.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Distinct codes counted; more than this many distinct pairs (which no
 * real log has) are counted together in the last row. */
#define COUNT_SLOTS 4096

struct tally {
	int basic;
	int has_enhanced;
	struct smtp_enhanced_code enhanced;
	unsigned long long n;
};

struct scan_ctx {
	enum format format;
	int quiet;
	int counting;
	const char *source;
	unsigned long long found;
	struct tally *slots;      /* COUNT_SLOTS + 1 (overflow), or NULL */
	size_t used;
};

static const char *
basic_name(int code)
{
	const struct smtp_basic *b = smtp_basic_lookup(code);
	return b ? b->name : "Unregistered Code";
}

static const char *
enhanced_name(const struct smtp_enhanced_code *c)
{
	const struct smtp_enhanced *e = smtp_enhanced_lookup(c->subject, c->detail);
	return e ? e->name : "Unregistered Enhanced Code";
}

/* "550 5.1.1", "550" or "5.1.1" */
static void
out_codes(int basic, int has_enhanced, const struct smtp_enhanced_code *c,
    const char *between)
{
	if (basic)
		out_printf("%03d", basic);
	if (basic && has_enhanced)
		out_str(between);
	if (has_enhanced)
		out_printf("%d.%d.%d", c->cls, c->subject, c->detail);
}

static void
out_names(int basic, int has_enhanced, const struct smtp_enhanced_code *c)
{
	if (basic)
		out_str(basic_name(basic));
	if (basic && has_enhanced)
		out_str("; ");
	if (has_enhanced)
		out_str(enhanced_name(c));
}

/* "basic":"550","enhanced":"5.1.1", an absent code as "" */
static void
json_codes(int basic, int has_enhanced, const struct smtp_enhanced_code *c)
{
	char code[16] = "";

	out_str("\"basic\":");
	if (basic)
		snprintf(code, sizeof code, "%03d", basic);
	json_string(code, strlen(code));
	out_str(",\"enhanced\":");
	code[0] = '\0';
	if (has_enhanced)
		snprintf(code, sizeof code, "%d.%d.%d", c->cls, c->subject, c->detail);
	json_string(code, strlen(code));
}

/* "basic_name":...,"enhanced_name":..., an absent code's name as "" */
static void
json_names(int basic, int has_enhanced, const struct smtp_enhanced_code *c)
{
	const char *b = basic ? basic_name(basic) : "";
	const char *e = has_enhanced ? enhanced_name(c) : "";

	out_str("\"basic_name\":");
	json_string(b, strlen(b));
	out_str(",\"enhanced_name\":");
	json_string(e, strlen(e));
}

/* The reply text shown in a text line: at most about 80 bytes, cut on a
 * character boundary. */
static void
out_short_text(const char *t, size_t n)
{
	size_t keep = n;

	while (keep > 0 && (t[keep - 1] == ' ' || t[keep - 1] == '\t'))
		keep--;
	if (keep > 80) {
		keep = 80;
		while (keep > 0 && ((unsigned char)t[keep] & 0xc0) == 0x80)
			keep--;
		out_escaped(t, keep);
		out_str("...");
		return;
	}
	out_escaped(t, keep);
}

static void
print_hit(const struct smtp_scan_hit *h, struct scan_ctx *x)
{
	switch (x->format) {
	case FORMAT_TEXT:
		out_escaped(x->source, strlen(x->source));
		out_printf(":%llu: ", h->line);
		out_codes(h->basic, h->has_enhanced, &h->enhanced, " ");
		if (h->text_len > 0) {
			out_char(' ');
			out_short_text(h->text, h->text_len);
		}
		out_str(" (");
		out_names(h->basic, h->has_enhanced, &h->enhanced);
		out_str(")\n");
		break;
	case FORMAT_TSV:
		tsv_field(x->source, strlen(x->source));
		out_printf("\t%llu\t", h->line);
		if (h->basic)
			out_printf("%03d", h->basic);
		out_char('\t');
		out_codes(0, h->has_enhanced, &h->enhanced, "");
		out_char('\t');
		tsv_field(h->text, h->text_len);
		out_char('\n');
		break;
	case FORMAT_JSON:
		out_str("{\"source\":");
		json_string(x->source, strlen(x->source));
		out_printf(",\"line\":%llu,\"column\":%zu,", h->line, h->column);
		json_codes(h->basic, h->has_enhanced, &h->enhanced);
		out_str(",\"text\":");
		json_string(h->text, h->text_len);
		out_char(',');
		json_names(h->basic, h->has_enhanced, &h->enhanced);
		out_str("}\n");
		break;
	}
}

static unsigned
slot_of(const struct smtp_scan_hit *h)
{
	unsigned k = (unsigned)h->basic * 2654435761u;

	if (h->has_enhanced)
		k ^= ((unsigned)h->enhanced.cls * 1000003u) ^
		    ((unsigned)h->enhanced.subject * 7919u) ^
		    (unsigned)h->enhanced.detail * 131u;
	return k % COUNT_SLOTS;
}

static int
same(const struct tally *t, const struct smtp_scan_hit *h)
{
	return t->basic == h->basic && t->has_enhanced == h->has_enhanced &&
	    (!h->has_enhanced || (t->enhanced.cls == h->enhanced.cls &&
	    t->enhanced.subject == h->enhanced.subject &&
	    t->enhanced.detail == h->enhanced.detail));
}

static void
count_hit(const struct smtp_scan_hit *h, struct scan_ctx *x)
{
	unsigned i = slot_of(h), probes;

	for (probes = 0; probes < COUNT_SLOTS; probes++, i = (i + 1) % COUNT_SLOTS) {
		struct tally *t = &x->slots[i];
		if (t->n == 0) {
			t->basic = h->basic;
			t->has_enhanced = h->has_enhanced;
			t->enhanced = h->enhanced;
			t->n = 1;
			x->used++;
			return;
		}
		if (same(t, h)) {
			t->n++;
			return;
		}
	}
	x->slots[COUNT_SLOTS].n++;
}

static void
on_hit(const struct smtp_scan_hit *h, void *arg)
{
	struct scan_ctx *x = arg;

	x->found++;
	if (x->counting)
		count_hit(h, x);
	else if (!x->quiet)
		print_hit(h, x);
}

static int
by_count(const void *a, const void *b)
{
	const struct tally *p = a, *q = b;

	if (p->n != q->n)
		return p->n < q->n ? 1 : -1;
	if (p->basic != q->basic)
		return p->basic - q->basic;
	if (p->has_enhanced != q->has_enhanced)
		return p->has_enhanced - q->has_enhanced;
	if (p->enhanced.cls != q->enhanced.cls)
		return p->enhanced.cls - q->enhanced.cls;
	if (p->enhanced.subject != q->enhanced.subject)
		return p->enhanced.subject - q->enhanced.subject;
	return p->enhanced.detail - q->enhanced.detail;
}

static void
print_counts(struct scan_ctx *x)
{
	size_t i, n = 0;

	/* Gather the used slots at the front and sort them. */
	for (i = 0; i < COUNT_SLOTS; i++)
		if (x->slots[i].n > 0)
			x->slots[n++] = x->slots[i];
	qsort(x->slots, n, sizeof x->slots[0], by_count);
	for (i = 0; i < n; i++) {
		const struct tally *t = &x->slots[i];

		switch (x->format) {
		case FORMAT_TEXT:
			out_printf("%8llu  ", t->n);
			out_codes(t->basic, t->has_enhanced, &t->enhanced, " ");
			out_str("  ");
			out_names(t->basic, t->has_enhanced, &t->enhanced);
			out_char('\n');
			break;
		case FORMAT_TSV:
			out_printf("%llu\t", t->n);
			if (t->basic)
				out_printf("%03d", t->basic);
			out_char('\t');
			out_codes(0, t->has_enhanced, &t->enhanced, "");
			out_char('\t');
			out_names(t->basic, t->has_enhanced, &t->enhanced);
			out_char('\n');
			break;
		case FORMAT_JSON:
			out_printf("{\"count\":%llu,", t->n);
			json_codes(t->basic, t->has_enhanced, &t->enhanced);
			out_char(',');
			json_names(t->basic, t->has_enhanced, &t->enhanced);
			out_str("}\n");
			break;
		}
	}
	if (x->slots[COUNT_SLOTS].n > 0 && x->format == FORMAT_TEXT)
		out_printf("%8llu  (other codes: more than %d distinct)\n",
		    x->slots[COUNT_SLOTS].n, COUNT_SLOTS);
}

/* Scan one source; returns 0, or -1 after saying why it could not be
 * read. */
static int
scan_fd(int fd, struct scan_ctx *x, struct smtp_scanner *s)
{
	static char buf[1 << 16];
	ssize_t n;

	smtp_scan_init(s);
	for (;;) {
		n = read(fd, buf, sizeof buf);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		smtp_scan_feed(s, buf, (size_t)n, on_hit, x);
		/* A pipe is followed as it grows: show what came so far. */
		if (!x->counting && !x->quiet)
			fflush(stdout);
	}
	smtp_scan_finish(s, on_hit, x);
	return 0;
}

int
run_scan(int argc, char **argv, enum format format, int quiet, int counting)
{
	static struct smtp_scanner scanner;
	static char stdin_name[] = "-";
	static char *stdin_only[] = { stdin_name };
	struct scan_ctx x;
	int i, status = EXIT_UNKNOWN, trouble = 0;

	memset(&x, 0, sizeof x);
	x.format = format;
	x.quiet = quiet;
	x.counting = counting;
	if (counting) {
		x.slots = calloc(COUNT_SLOTS + 1, sizeof *x.slots);
		if (x.slots == NULL) {
			warnx_("out of memory");
			return EXIT_TROUBLE;
		}
	}
	if (argc == 0) {
		argc = 1;
		argv = stdin_only;
	}
	for (i = 0; i < argc; i++) {
		int fd, err = 0;
		struct stat st;
		char buf[400];

		x.source = argv[i];
		if (strcmp(argv[i], "-") == 0) {
			fd = STDIN_FILENO;
		} else if ((fd = open(argv[i], O_RDONLY)) < 0) {
			warnx_("cannot read '%s': %s", quote_arg(argv[i],
			    strlen(argv[i]), buf, sizeof buf), strerror(errno));
			trouble = 1;
			continue;
		}
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			warnx_("cannot read '%s': %s", quote_arg(argv[i],
			    strlen(argv[i]), buf, sizeof buf), strerror(EISDIR));
			trouble = 1;
			if (fd != STDIN_FILENO)
				close(fd);
			continue;
		}
		if (scan_fd(fd, &x, &scanner) < 0) {
			err = errno;
			warnx_("cannot read '%s': %s", quote_arg(argv[i],
			    strlen(argv[i]), buf, sizeof buf), strerror(err));
			trouble = 1;
		}
		if (fd != STDIN_FILENO)
			close(fd);
	}
	if (counting) {
		if (!quiet)
			print_counts(&x);
		free(x.slots);
	}
	if (x.found > 0)
		status = EXIT_KNOWN;
	return trouble ? EXIT_TROUBLE : status;
}
