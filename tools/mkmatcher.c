/*
 * mkmatcher.c: build, when the library is built, the automaton that finds
 * every pattern of the diagnosis data in a reply in one pass, and write it
 * out as C tables (no pointers, so no relocations).
 *
 * usage: mkmatcher OUTPUT.c
 *
 * The patterns are the provider marks and tags, the block list marks and
 * resolver errors, and the reason phrases, taken from the same data files
 * the library expands (data/providers.def, provider_codes.def,
 * blocklists.def, phrases.def), in the same order, so a pattern's target
 * is the index the library's enums give it.
 *
 * The automaton is Aho and Corasick's: a trie of the patterns, lower-cased
 * with every run of blanks made one space, with failure links, so that a
 * text is read once whatever the number of patterns. States are numbered
 * breadth first, so the children of a state are consecutive and sorted by
 * byte: a state stores its first child and how many there are, and each
 * state the byte that leads to it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"

struct pattern {
	const char *text;
	int kind;               /* enum pattern_kind */
	int target;             /* reason, provider, block list or tag index */
	char norm[512];
	size_t len;
};

static struct pattern *pats;
static size_t npats, cap;

static void
add(int kind, int target, const char *text)
{
	struct pattern *p;
	size_t i, n = 0;
	int space = 1;

	if (npats == cap) {
		cap = cap ? cap * 2 : 256;
		pats = realloc(pats, cap * sizeof *pats);
		if (pats == NULL) {
			perror("mkmatcher");
			exit(1);
		}
	}
	p = &pats[npats++];
	p->text = text;
	p->kind = kind;
	p->target = target;
	/* The same folding the matcher applies to the text. */
	for (i = 0; text[i] != '\0'; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			if (space)
				continue;
			c = ' ';
			space = 1;
		} else {
			space = 0;
		}
		if (n + 1 >= sizeof p->norm) {
			fprintf(stderr, "mkmatcher: pattern too long: %.60s\n", text);
			exit(1);
		}
		p->norm[n++] = (char)to_lower(c);
	}
	while (n > 0 && p->norm[n - 1] == ' ')
		n--;
	p->norm[n] = '\0';
	p->len = n;
	if (n == 0) {
		fprintf(stderr, "mkmatcher: empty pattern\n");
		exit(1);
	}
}

/* Every pattern of the data, in the order the library numbers them. */
struct raw {
	int kind;
	int target;
	const char *text;
};

static const struct raw marks[] = {
#define SMTP_PROVIDER_MARK(tok, fragment, source)                             \
	{ PAT_MARK, PROVIDER_##tok, fragment },
#include "providers.def"
#define SMTP_BLOCKLIST_MARK(tok, fragment, source)                            \
	{ PAT_BLOCKLIST, BLOCKLIST_##tok, fragment },
#define SMTP_BLOCKLIST_ERROR(fragment, source)                                \
	{ PAT_RESOLVER, 0, fragment },
#include "blocklists.def"
#define SMTP_PHRASE(reason, strength, phrase, source)                         \
	{ PAT_PHRASE_##strength, REASON_##reason, phrase },
#include "phrases.def"
};

/* A tag's target is its place among the tags, as the library's rows. */
static const char *const tags[] = {
#define SMTP_PTAG(tok, t, reason, n, d, w, f, r) t,
#include "provider_codes.def"
};

static void
collect(void)
{
	size_t i;

	for (i = 0; i < sizeof tags / sizeof tags[0]; i++)
		add(PAT_TAG, (int)i, tags[i]);
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
		add(marks[i].kind, marks[i].target, marks[i].text);
}

/* States this near the root get a full row of transitions. */
#define DENSE_DEPTH 2

/* The trie, built as a tree first, then numbered breadth first. */
struct node {
	unsigned char label;
	int nchild;
	struct node *child[256];
	int id;
	struct node *fail;
	struct node *dict;      /* next node on the failure chain with output */
	int out_first, out_n;   /* into outs[] */
	int depth;
};

static struct node **order;     /* by id */
static size_t nnodes;
static int *outs;               /* pattern ids, grouped by node */
static size_t nouts;

static struct node *
new_node(unsigned char label, int depth)
{
	struct node *n = calloc(1, sizeof *n);

	if (n == NULL) {
		perror("mkmatcher");
		exit(1);
	}
	n->label = label;
	n->depth = depth;
	return n;
}

static struct node *
child(const struct node *n, unsigned char c)
{
	int i;

	for (i = 0; i < n->nchild; i++)
		if (n->child[i]->label == c)
			return n->child[i];
	return NULL;
}

static int
by_label(const void *a, const void *b)
{
	const struct node *x = *(struct node *const *)a;
	const struct node *y = *(struct node *const *)b;

	return (int)x->label - (int)y->label;
}

/* Pattern ids ending at each node, in a list per node. */
struct endlist {
	struct node *node;
	int pat;
};

static int
by_node(const void *a, const void *b)
{
	const struct endlist *x = a, *y = b;

	if (x->node->id != y->node->id)
		return x->node->id - y->node->id;
	return x->pat - y->pat;
}

static struct node *
build(void)
{
	struct node *root = new_node(0, 0);
	struct endlist *ends;
	size_t i, head;

	ends = calloc(npats, sizeof *ends);
	if (ends == NULL) {
		perror("mkmatcher");
		exit(1);
	}
	for (i = 0; i < npats; i++) {
		struct node *n = root;
		size_t k;
		for (k = 0; k < pats[i].len; k++) {
			unsigned char c = (unsigned char)pats[i].norm[k];
			struct node *next = child(n, c);
			if (next == NULL) {
				next = new_node(c, n->depth + 1);
				n->child[n->nchild++] = next;
			}
			n = next;
		}
		ends[i].node = n;
		ends[i].pat = (int)i;
	}
	/* Breadth first: ids, with the children of a node sorted by byte. */
	{
		size_t qcap = 1024;

		order = malloc(qcap * sizeof(struct node *));
		if (order == NULL) {
			perror("mkmatcher");
			exit(1);
		}
		order[nnodes++] = root;
		for (head = 0; head < nnodes; head++) {
			struct node *n = order[head];
			int k;
			qsort(n->child, (size_t)n->nchild, sizeof(struct node *), by_label);
			for (k = 0; k < n->nchild; k++) {
				if (nnodes == qcap) {
					qcap *= 2;
					order = realloc(order, qcap * sizeof(struct node *));
					if (order == NULL) {
						perror("mkmatcher");
						exit(1);
					}
				}
				n->child[k]->id = (int)nnodes;
				order[nnodes++] = n->child[k];
			}
		}
	}
	root->fail = root;
	/* Failure links in breadth-first order: a node's link is known
	 * before its children's. */
	for (head = 0; head < nnodes; head++) {
		struct node *n = order[head];
		int k;
		for (k = 0; k < n->nchild; k++) {
			struct node *c = n->child[k], *f;
			if (n == root) {
				c->fail = root;
				continue;
			}
			f = n->fail;
			while (f != root && child(f, c->label) == NULL)
				f = f->fail;
			c->fail = child(f, c->label);
			if (c->fail == NULL || c->fail == c)
				c->fail = root;
		}
	}
	/* Outputs: each node's own patterns, grouped. */
	qsort(ends, npats, sizeof *ends, by_node);
	outs = calloc(npats, sizeof *outs);
	if (outs == NULL) {
		perror("mkmatcher");
		exit(1);
	}
	for (i = 0; i < nnodes; i++)
		order[i]->out_first = -1;
	for (i = 0; i < npats; i++) {
		struct node *n = ends[i].node;
		if (n->out_first < 0)
			n->out_first = (int)nouts;
		n->out_n++;
		outs[nouts++] = ends[i].pat;
	}
	for (head = 1; head < nnodes; head++) {
		struct node *n = order[head], *f = n->fail;
		while (f != root && f->out_n == 0)
			f = f->fail;
		n->dict = f == root ? NULL : f;
	}
	free(ends);
	return root;
}

/* The separator before the i-th number of an initializer: a line every
 * per numbers. */
#define SEP_(i, per) ((i) == 0 ? "\n\t" : (i) % (per) ? "," : ",\n\t")

static void
emit_u16(FILE *o, const char *name, size_t n, int (*get)(size_t))
{
	size_t i;

	fprintf(o, "const uint16_t %s[%zu] = {", name, n);
	for (i = 0; i < n; i++)
		fprintf(o, "%s%d", SEP_(i, 16), get(i));
	fprintf(o, "\n};\n");
}

static int get_first(size_t i) { return order[i]->nchild ? order[i]->child[0]->id : 0; }
static int get_fail(size_t i) { return order[i]->fail ? order[i]->fail->id : 0; }
static int get_dict(size_t i) { return order[i]->dict ? order[i]->dict->id : 0; }
static int get_out(size_t i) { return order[i]->out_n ? order[i]->out_first : 0xffff; }
static int get_out_n(size_t i) { return order[i]->out_n; }
static int get_nchild(size_t i) { return order[i]->nchild; }
static int get_label(size_t i) { return order[i]->label; }
static int get_outs(size_t i) { return outs[i]; }

/* The digit runs of the patterns, each as its length (top byte) and value:
 * a digit run of a text that is none of them is never part of a match
 * (see diagkey.c). Sorted and without repeats, for a binary search. */
static unsigned long long *runs;
static size_t nruns;

static int
cmp_run(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a,
	    y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

static void
collect_runs(void)
{
	size_t i, k, n, cnt = 0;

	for (i = 0; i < npats; i++)
		for (k = 0; k < pats[i].len; k++)
			if (is_digit((unsigned char)pats[i].norm[k]) &&
			    (k == 0 || !is_digit((unsigned char)pats[i].norm[k - 1])))
				cnt++;
	runs = malloc((cnt + 1) * sizeof *runs);
	if (runs == NULL) {
		perror("mkmatcher");
		exit(1);
	}
	for (i = 0; i < npats; i++) {
		const char *t = pats[i].norm;
		for (k = 0; k < pats[i].len; k += n) {
			unsigned long long v = 0;
			size_t j;
			int sevens = 1;

			for (n = 0; k + n < pats[i].len && is_digit((unsigned char)t[k + n]); n++)
				;
			if (n == 0) {
				n = 1;
				continue;
			}
			if (n > DIGIT_RUN_MAX) {
				fprintf(stderr, "mkmatcher: a digit run longer than %d: %s\n",
				    DIGIT_RUN_MAX, t);
				exit(1);
			}
			for (j = 0; j < n; j++) {
				v = v * 10 + (unsigned long long)(t[k + j] - '0');
				sevens &= t[k + j] == '7';
			}
			/* diagkey.c writes 77 and 7777 for the runs it leaves
			 * out: those must match nothing. */
			if (sevens && (n == 2 || n == 4)) {
				fprintf(stderr, "mkmatcher: a pattern holds %.*s: %s\n",
				    (int)n, t + k, t);
				exit(1);
			}
			runs[nruns++] = DIGIT_RUN_KEY(n, v);
		}
	}
	qsort(runs, nruns, sizeof *runs, cmp_run);
	for (i = k = 0; i < nruns; i++)
		if (k == 0 || runs[k - 1] != runs[i])
			runs[k++] = runs[i];
	nruns = k;
}

int
main(int argc, char **argv)
{
	FILE *o;
	struct node *root;
	size_t i;
	int c;

	if (argc != 2) {
		fprintf(stderr, "usage: mkmatcher OUTPUT.c\n");
		return 2;
	}
	collect();
	root = build();
	/* (a state's number leaves the top bit free for AC_OUT) */
	if (nnodes >= AC_OUT || npats >= 0xffff) {
		fprintf(stderr, "mkmatcher: %zu states, %zu patterns: the tables need wider types\n",
		    nnodes, npats);
		return 1;
	}
	o = fopen(argv[1], "w");
	if (o == NULL) {
		perror(argv[1]);
		return 1;
	}
	fprintf(o, "/* Generated by tools/mkmatcher.c from the data files: do not edit. */\n");
	fprintf(o, "/* %zu patterns, %zu states. */\n", npats, nnodes);
	fprintf(o, "#include \"match.h\"\n\n");
	fprintf(o, "const size_t smtpcode__ac_states = %zu;\n", nnodes);
	fprintf(o, "const size_t smtpcode__ac_patterns = %zu;\n", npats);
	/* The states near the root, where the text spends most of its
	 * steps, have a full row of transitions, failures resolved: one
	 * lookup per byte. Rows are per class of bytes: the bytes of the
	 * patterns each a class, every other byte class 0 (it leads back
	 * to the root from anywhere). Ids are breadth first, so these
	 * states are the first ndense. */
	{
		unsigned char cls[256] = { 0 };
		int nclass = 1, rep[256];
		size_t ndense = 0, k;

		for (i = 0; i < npats; i++)
			for (k = 0; k < pats[i].len; k++) {
				unsigned char b = (unsigned char)pats[i].norm[k];
				if (cls[b] == 0) {
					rep[nclass] = b;
					cls[b] = (unsigned char)nclass++;
				}
			}
		while (ndense < nnodes && order[ndense]->depth <= DENSE_DEPTH)
			ndense++;
		fprintf(o, "const size_t smtpcode__ac_nclass = %d;\n", nclass);
		fprintf(o, "const size_t smtpcode__ac_ndense = %zu;\n", ndense);
		fprintf(o, "const uint8_t smtpcode__ac_class[256] = {");
		for (c = 0; c < 256; c++)
			fprintf(o, "%s%d", SEP_(c, 16), cls[c]);
		fprintf(o, "\n};\n");
		if (nclass > AC_ROW) {
			fprintf(stderr, "mkmatcher: %d classes of bytes, more than AC_ROW\n", nclass);
			return 1;
		}
		fprintf(o, "const uint16_t smtpcode__ac_dense[%zu] = {", ndense * (size_t)AC_ROW);
		for (i = 0; i < ndense; i++) {
			for (c = 0; c < AC_ROW; c++) {
				const struct node *n = order[i], *to = NULL;
				if (c > 0 && c < nclass)
					for (;;) {
						to = child(n, (unsigned char)rep[c]);
						if (to != NULL || n == root)
							break;
						n = n->fail;
					}
				/* (AC_OUT: patterns end at the state) */
				fprintf(o, "%s%u", SEP_(i * (size_t)AC_ROW + (size_t)c, 16),
				    to ? (unsigned)to->id | (get_out_n((size_t)to->id) > 0 ||
				    get_dict((size_t)to->id) != 0 ? AC_OUT : 0u) : 0u);
			}
		}
		fprintf(o, "\n};\n");
	}
	/* Each state's fields side by side: one cache line a step, not
	 * one per field. */
	fprintf(o, "const struct ac_state smtpcode__ac_state[%zu] = {\n", nnodes);
	for (i = 0; i < nnodes; i++)
		fprintf(o, "\t{ %d, %d, %d, %d, %d, %d },\n", get_first(i), get_fail(i),
		    get_dict(i), get_out(i),
		    get_nchild(i) > 255 ? 255 : get_nchild(i),
		    get_out_n(i) > 255 ? 255 : get_out_n(i));
	fprintf(o, "};\n");
	/* One bit a state: does any pattern end there (its own or on its
	 * failure chain)? Most steps end where none does, and this 2 KB
	 * answer stays in the first-level cache where the states do not. */
	fprintf(o, "const uint8_t smtpcode__ac_hasout[%zu] = {", (nnodes + 7) / 8);
	for (i = 0; i < (nnodes + 7) / 8; i++) {
		unsigned bits = 0, b;
		for (b = 0; b < 8 && i * 8 + b < nnodes; b++)
			if (get_out_n(i * 8 + b) > 0 || get_dict(i * 8 + b) != 0)
				bits |= 1u << b;
		fprintf(o, "%s%u", SEP_(i, 16), bits);
	}
	fprintf(o, "\n};\n");
	fprintf(o, "const uint8_t smtpcode__ac_label[%zu] = {", nnodes);
	for (i = 0; i < nnodes; i++)
		fprintf(o, "%s%d", SEP_(i, 16), get_label(i));
	fprintf(o, "\n};\n");
	emit_u16(o, "smtpcode__ac_outs", nouts, get_outs);
	fprintf(o, "const struct ac_pattern smtpcode__ac_pattern[%zu] = {\n", npats);
	for (i = 0; i < npats; i++) {
		const struct pattern *p = &pats[i];
		unsigned flags = 0;
		if (is_alnum((unsigned char)p->norm[0]))
			flags |= AC_WORD_START;
		if (is_alnum((unsigned char)p->norm[p->len - 1]))
			flags |= AC_WORD_END;
		fprintf(o, "\t{ %d, %u, %d, %zu },\n", p->kind, flags, p->target, p->len);
	}
	fprintf(o, "};\n");
	/* The folded patterns, for evidence that spans two pieces of a
	 * text: one string with offsets, as the other tables keep theirs. */
	{
		size_t off = 0;

		fprintf(o, "const uint32_t smtpcode__ac_text_off[%zu] = {", npats);
		for (i = 0; i < npats; i++) {
			fprintf(o, "%s%zu", SEP_(i, 12), off);
			off += pats[i].len + 1;
		}
		/* As numbers: one string literal would pass the length C
		 * compilers must support. */
		fprintf(o, "\n};\nconst char smtpcode__ac_text[%zu] = {", off);
		off = 0;
		for (i = 0; i < npats; i++) {
			size_t k;
			for (k = 0; k <= pats[i].len; k++, off++)
				fprintf(o, "%s%d", SEP_(off, 24),
				    (unsigned char)pats[i].norm[k]);
		}
		fprintf(o, "\n};\n");
	}
	collect_runs();
	fprintf(o, "const size_t smtpcode__ac_nruns = %zu;\n", nruns);
	fprintf(o, "const uint64_t smtpcode__ac_runs[%zu] = {", nruns ? nruns : 1);
	for (i = 0; i < nruns; i++)
		fprintf(o, "%s%lluu", SEP_(i, 4), runs[i]);
	fprintf(o, "\n};\n");
	if (fclose(o) != 0) {
		perror(argv[1]);
		return 1;
	}
	for (i = 0; i < nnodes; i++) {
		if (order[i]->nchild > 255) {
			fprintf(stderr, "mkmatcher: a state with more than 255 children\n");
			return 1;
		}
	}
	return 0;
}
