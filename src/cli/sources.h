/*
 * sources.h: reading the files of --scan and --report (sources.c).
 */
#ifndef SMTPCODE_SOURCES_H
#define SMTPCODE_SOURCES_H

#include "cli.h"

struct source_reader {
	struct smtpcode_scanner *scanner;
	smtpcode_scan_cb cb;    /* hits, or NULL when only records are read */
	void *arg;
	int dirs;               /* a directory means the files in it */
	int follow;             /* show output after each block read */
	const char *source;     /* the file being read: "-" for stdin */
};

/* Read one operand ("-": standard input) into the reader's scanner;
 * 0, or -1 after saying why it could not be read. */
int read_source(struct source_reader *r, const char *name);
/* Read each of the argc operands in turn, standard input when there are
 * none; 0, or -1 if any could not be read (each said why). */
int read_sources(struct source_reader *r, int argc, char **argv);

#endif
