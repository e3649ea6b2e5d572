/*
 * scan.c: the streaming scanner. It cuts any stream of bytes into lines of
 * bounded length and hands each on: to the line recognizer (scan_line.c)
 * for a log or pasted text, or to the email reader (scan_mail.c) when the
 * input is a bounce message. Memory stays flat whatever the input.
 */
#include <stdlib.h>
#include <string.h>

#include "scanner.h"

struct smtpcode_scanner *
smtpcode_scanner_new(void)
{
	struct smtpcode_scanner *s = malloc(sizeof *s);

	if (s != NULL) {
		s->flags = 0;
		s->rcb = NULL;
		s->dcb = NULL;
		s->rarg = NULL;
		smtpcode_scanner_reset(s);
	}
	return s;
}

void
smtpcode_scanner_set_records(struct smtpcode_scanner *s, smtpcode_record_cb rcb,
    smtpcode_done_cb dcb, void *arg)
{
	s->rcb = rcb;
	s->dcb = rcb != NULL ? dcb : NULL;
	s->rarg = arg;
}

void
smtpcode_scanner_set_flags(struct smtpcode_scanner *s, unsigned flags)
{
	s->flags = flags;
}

void
smtpcode_scanner_free(struct smtpcode_scanner *s)
{
	free(s);
}

void
smtpcode_scanner_reset(struct smtpcode_scanner *s)
{
	s->len = 0;
	s->truncated = 0;
	s->lineno = 0;
	s->prev_blank = 0;
	s->mode = MODE_PLAIN;
	s->mbox = 0;
	s->message_headers = 0;
	s->depth = 0;
	s->ignored_depth = 0;
	s->dec_len = 0;
	s->join_pending = 0;
	s->join_len = 0;
	s->group.has_status = 0;
	s->group.has_diag = 0;
	s->group.host_len = 0;
	s->group.recipient_len = 0;
	s->group.action = ACTION_NONE;
	s->ntrec = 0;
	s->text_addr_len = 0;
	s->dsn_records = 0;
}

int
smtpcode_scanner_idle(const struct smtpcode_scanner *s)
{
	/* In a log, only a folded field or a DSN group waits for later
	 * lines; an email's state (its parts, its records) always may. */
	return s->mode == MODE_PLAIN && s->len == 0 && !s->truncated &&
	    !s->join_pending && !s->group.has_status && !s->group.has_diag &&
	    s->group.recipient_len == 0 && s->group.action == ACTION_NONE;
}

unsigned long long
smtpcode_scanner_lines(const struct smtpcode_scanner *s)
{
	return s->lineno;
}

void
smtpcode_scanner_resume(struct smtpcode_scanner *s, unsigned long long lines)
{
	smtpcode_scanner_reset(s);
	s->lineno = lines;
}

/* A whole line (its newline and carriage return removed). */
static void
take_line(struct smtpcode_scanner *s, const char *l, size_t len)
{
	s->lineno++;
	if (s->mode == MODE_PLAIN) {
		int starts = s->lineno == 1 ? smtpcode__mail_starts(l, len) : 0;

		if (starts == 0) {
			smtpcode__plain_line(s, l, len);
		} else {
			smtpcode__mail_start(s);
			if (starts == 2)
				s->mbox = 1;    /* the "From " line itself */
			else
				smtpcode__mail_line(s, l, len);
		}
	} else {
		smtpcode__mail_line(s, l, len);
	}
	s->prev_blank = len == 0;
}

static void
end_line(struct smtpcode_scanner *s)
{
	size_t len = s->len;

	if (!s->truncated && len > 0 && s->line[len - 1] == '\r')
		len--;
	s->padded = 0;
	s->hint = 0;
	take_line(s, s->line, len);
	s->len = 0;
	s->truncated = 0;
}

void
smtpcode_scan_feed(struct smtpcode_scanner *s, const char *buf, size_t len,
    smtpcode_scan_cb cb, void *arg)
{
	const char *start = buf, *end = buf + len;

	s->cb = cb;
	s->arg = arg;
	while (len > 0) {
		const char *nl;
		size_t take, room = sizeof s->line - s->len;

		s->hint = 0;
		/* A log, read line by line with nothing pending: skip the
		 * lines that cannot hold a reply without handing them on. */
		if (s->mode == MODE_PLAIN && s->len == 0 && !s->truncated &&
		    buf - start >= 2 && s->lineno > 0 && !s->join_pending &&
		    s->rcb == NULL && !s->group.has_status && !s->group.has_diag &&
		    s->group.recipient_len == 0 && s->group.action == 0) {
			unsigned long long lines;
			size_t skip = smtpcode__quiet_lines(buf, len, &lines, &s->hint);

			s->lineno += lines;
			buf += skip;
			len -= skip;
			if (len == 0)
				break;
		}
		/* (quiet_lines found no newline before the hint) */
		nl = memchr(buf + s->hint, '\n', len - s->hint);
		take = nl ? (size_t)(nl - buf) : len;

		/* A whole line inside the block: read it where it is. */
		if (nl != NULL && s->len == 0 && !s->truncated) {
			size_t n = take > SCAN_MAX ? SCAN_MAX : take;

			if (n == take && n > 0 && buf[n - 1] == '\r')
				n--;
			/* A newline before and after it, and more bytes of
			 * the block after: the line can be read past its
			 * ends. */
			s->padded = buf - start >= 2 && n == take &&
			    end - (buf + n) >= 19;
			take_line(s, buf, n);
			buf = nl + 1;
			len -= take + 1;
			continue;
		}

		if (take > room) {
			s->truncated = 1;
			memcpy(s->line + s->len, buf, room);
			s->len += room;
		} else {
			memcpy(s->line + s->len, buf, take);
			s->len += take;
		}
		if (nl == NULL)
			return;
		end_line(s);
		buf = nl + 1;
		len -= take + 1;
	}
}

void
smtpcode_scan_finish(struct smtpcode_scanner *s, smtpcode_scan_cb cb, void *arg)
{
	s->cb = cb;
	s->arg = arg;
	if (s->len > 0 || s->truncated)
		end_line(s);
	smtpcode__mail_end(s);
}
