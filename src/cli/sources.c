/*
 * sources.c: the files --scan and --report read. Each file (or standard
 * input) is read in blocks with read(2), so 'tail -f log | smtpcode
 * --scan' answers as lines arrive, and fed to the library's scanner,
 * which starts again at line 1 for each; a big regular file, when the
 * reader has a helper, by two threads (parallel.c). Where directories
 * are allowed, one means the files in it, and for a Maildir those of its
 * cur/ and new/: a folder of bounce emails.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parallel.h"
#include "sources.h"

static int
cannot_read(const char *name, int err)
{
	char buf[400];

	warnx_("cannot read '%s': %s", quote_arg(name, strlen(name), buf,
	    sizeof buf), strerror(err));
	return -1;
}

/* Scan one open file; 0, or -1 with errno set. */
static int
read_fd(struct source_reader *r, int fd)
{
	static char buf[1 << 17];
	ssize_t n;

	smtpcode_scanner_reset(r->scanner);
	for (;;) {
		n = read(fd, buf, sizeof buf);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		smtpcode_scan_feed(r->scanner, buf, (size_t)n, r->cb, r->arg);
		/* A pipe is followed as it grows: show what came so far. */
		if (r->follow)
			out_sync();
	}
	smtpcode_scan_finish(r->scanner, r->cb, r->arg);
	return 0;
}

/* Scan an open file: a big regular one by two threads where the reader
 * has a helper (parallel.c), anything else block by block. */
static int
read_open(struct source_reader *r, int fd, const struct stat *st)
{
	int k = S_ISREG(st->st_mode) ? scan_parallel(r, fd, (long long)st->st_size) : 1;

	return k == 1 ? read_fd(r, fd) : k;
}

static int read_path(struct source_reader *r, const char *name, int depth);

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a directory, sorted, so that a report reads a folder the
 * same way on every file system; names that start with a dot are left
 * out. NULL and errno set on failure; *n names. */
static char **
dir_names(const char *name, size_t *n)
{
	DIR *dir = opendir(name);
	struct dirent *e;
	char **names = NULL, **grown;
	size_t cap = 0;
	int err = 0;

	*n = 0;
	if (dir == NULL)
		return NULL;
	errno = 0;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(names, cap * sizeof *names);
			if (grown == NULL) {
				err = ENOMEM;
				break;
			}
			names = grown;
		}
		if ((names[*n] = strdup(e->d_name)) == NULL) {
			err = ENOMEM;
			break;
		}
		(*n)++;
		errno = 0;
	}
	if (err == 0 && errno != 0)
		err = errno;
	closedir(dir);
	if (err != 0) {
		while (*n > 0)
			free(names[--(*n)]);
		free(names);
		errno = err;
		return NULL;
	}
	if (*n > 0)
		qsort(names, *n, sizeof *names, by_name);
	if (names == NULL)
		names = malloc(1);      /* an empty directory */
	return names;
}

/* The files of a directory, and of a Maildir's cur/ and new/ (tmp/ is
 * not read: mail being written). */
static int
read_dir(struct source_reader *r, const char *name, int depth)
{
	size_t n, i;
	char **names = dir_names(name, &n), path[4096];
	int rc = 0;

	if (names == NULL)
		return cannot_read(name, errno);
	for (i = 0; i < n; i++) {
		struct stat st;

		if ((size_t)snprintf(path, sizeof path, "%s/%s", name, names[i]) >=
		    sizeof path) {
			rc = cannot_read(names[i], ENAMETOOLONG);
			continue;
		}
		if (stat(path, &st) != 0) {
			rc = cannot_read(path, errno);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth == 0 && (strcmp(names[i], "cur") == 0 ||
			    strcmp(names[i], "new") == 0) &&
			    read_dir(r, path, depth + 1) < 0)
				rc = -1;
			continue;
		}
		if (S_ISREG(st.st_mode) && read_path(r, path, depth + 1) < 0)
			rc = -1;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int
read_path(struct source_reader *r, const char *name, int depth)
{
	struct stat st;
	int fd, rc = 0;

	if (strcmp(name, "-") == 0) {
		r->source = name;
		/* (redirected from a big file: read as that file) */
		if (fstat(STDIN_FILENO, &st) != 0)
			memset(&st, 0, sizeof st);
		return read_open(r, STDIN_FILENO, &st) < 0 ? cannot_read(name, errno) : 0;
	}
	if ((fd = open(name, O_RDONLY)) < 0)
		return cannot_read(name, errno);
	if (fstat(fd, &st) != 0)
		memset(&st, 0, sizeof st);      /* read as a stream */
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		if (!r->dirs || depth > 0)
			return cannot_read(name, EISDIR);
		return read_dir(r, name, depth);
	}
	r->source = name;
	if (read_open(r, fd, &st) < 0)
		rc = cannot_read(name, errno);
	close(fd);
	return rc;
}

int
read_source(struct source_reader *r, const char *name)
{
	return read_path(r, name, 0);
}

int
read_sources(struct source_reader *r, int argc, char **argv)
{
	int i, rc = 0;

	if (argc == 0)
		return read_source(r, "-");
	for (i = 0; i < argc; i++)
		if (read_source(r, argv[i]) < 0)
			rc = -1;
	return rc;
}
