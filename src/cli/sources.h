/*
 * sources.h: reading the files of --scan and --report (sources.c).
 */
#ifndef SMTPCODE_SOURCES_H
#define SMTPCODE_SOURCES_H

#include "cli.h"

/* A second thread for --scan's big files (parallel.c): its scanner (with
 * the main one's flags), the callback argument for its hits, and what to
 * do with the hits of a piece it scanned: keep() adds them to the main
 * thread's (0 if it cannot, and then nothing was added), drop() forgets
 * them. kept and redone count the pieces whose hits were kept, and those
 * the main thread scanned again. */
struct scan_helper {
	struct smtpcode_scanner *scanner;
	void *arg;
	int (*keep)(void *main_arg, void *helper_arg);
	void (*drop)(void *helper_arg);
	unsigned long long kept, redone;    /* pieces, for the tests */
};

struct source_reader {
	struct smtpcode_scanner *scanner;
	smtpcode_scan_cb cb;    /* hits, or NULL when only records are read */
	void *arg;
	int dirs;               /* a directory means the files in it */
	int follow;             /* show output after each block read */
	const char *source;     /* the file being read: "-" for stdin */
	struct scan_helper *helper;         /* or NULL */
};

/* Read one operand ("-": standard input) into the reader's scanner;
 * 0, or -1 after saying why it could not be read. */
int read_source(struct source_reader *r, const char *name);
/* Read each of the argc operands in turn, standard input when there are
 * none; 0, or -1 if any could not be read (each said why). */
int read_sources(struct source_reader *r, int argc, char **argv);

#endif
