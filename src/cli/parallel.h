/*
 * parallel.h: --scan of a big log file by two threads (parallel.c).
 */
#ifndef SMTPCODE_PARALLEL_H
#define SMTPCODE_PARALLEL_H

#include "sources.h"

/* Scan the open regular file fd of size bytes, from its offset to its
 * end, with r's helper, as read_fd would without one, and leave the
 * offset at the end. 1 if it is not done that way (no helper, less than
 * 4 MiB to read, output to a terminal, no threads) and nothing was read;
 * else 0, or -1 with errno set. */
int scan_parallel(struct source_reader *r, int fd, long long size);

#endif
