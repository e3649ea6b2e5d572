/*
 * scan_mail.c: read a bounce message as an email, and a DSN's fields as
 * one reply.
 *
 * A bounce is not a log: its header block is full of numbers that look
 * like codes (Received: lines with ports and versions, Content-Length,
 * X-Mailman-Version, X-UIDL), its text may be quoted-printable or base64,
 * its lines are folded and wrapped, and the returned message repeats the
 * headers of the mail that failed. So, in an email:
 *   - header fields yield nothing, except the DSN fields that carry a
 *     reply (Status, Diagnostic-Code) when a pasted DSN starts the input;
 *   - MIME parts are followed (RFC 2046) to MIME_DEPTH; text parts are
 *     decoded (quoted-printable, base64) and read line by line, an
 *     indented line joined to the one before it (a wrapped diagnostic, an
 *     Exim report), HTML without its tags and only where no plain text
 *     stands beside it;
 *   - the returned message, its headers, and non-text parts are skipped;
 *   - in a message/delivery-status part, and wherever Status: and
 *     Diagnostic-Code: lines stand together, a recipient's Status and
 *     Diagnostic-Code are one reply with both codes (RFC 3464).
 * Line numbers are those of the input where a field or decoded line
 * starts; columns count in the decoded, joined text.
 */
#include <string.h>

#include "scanner.h"

/* --- Fields ---------------------------------------------------------- */

/* A header field's name and where its value starts: a letter, then
 * letters, digits and '-', then ':'. 0 if the line is not a field. */
static size_t
field(const char *l, size_t len, size_t *name_len)
{
	size_t n = 0, v;

	if (len == 0 || !((l[0] >= 'a' && l[0] <= 'z') || (l[0] >= 'A' && l[0] <= 'Z')))
		return 0;
	while (n < len && (is_alnum((unsigned char)l[n]) || l[n] == '-'))
		n++;
	v = n;
	while (v < len && is_blank((unsigned char)l[v]))
		v++;
	if (v >= len || l[v] != ':')
		return 0;
	v++;
	while (v < len && (is_blank((unsigned char)l[v]) || l[v] == '\n'))
		v++;
	*name_len = n;
	return v;
}

/* ASCII case-insensitive: is the name, of length n, this one? */
static int
named(const char *l, size_t n, const char *name)
{
	size_t k;

	if (strlen(name) != n)
		return 0;
	for (k = 0; k < n; k++)
		if (to_lower((unsigned char)l[k]) != name[k])
			return 0;
	return 1;
}

/* Does the name, of length n, start with this prefix? */
static int
named_prefix(const char *l, size_t n, const char *prefix)
{
	size_t k, p = strlen(prefix);

	if (n < p)
		return 0;
	for (k = 0; k < p; k++)
		if (to_lower((unsigned char)l[k]) != prefix[k])
			return 0;
	return 1;
}

enum dsn_field { NOT_DSN, DSN_STATUS, DSN_DIAG };

/* A field the scanner reads in any text (see dsn_start()). */
static int
dsn_name(const char *l, size_t n)
{
	return named(l, n, "status") || named(l, n, "diagnostic-code") ||
	    named(l, n, "remote-mta") || named(l, n, "final-recipient") ||
	    named(l, n, "original-recipient") || named(l, n, "action");
}

/* Does a line hold a reply? A line with one ends a DSN group before it
 * is scanned, so that the group's reply comes first, in the order of the
 * lines. */
static int
holds_reply(const char *l, size_t len)
{
	struct smtpcode_hit h;

	h.size = sizeof h;
	return smtpcode_find_reply(l, len, &h);
}

static int
group_open(const struct dsn_group *g)
{
	return g->has_status || g->has_diag || g->recipient_len > 0 ||
	    g->action != ACTION_NONE;
}

static enum dsn_field
dsn_field_of(const char *l, size_t n)
{
	if (named(l, n, "status"))
		return DSN_STATUS;
	if (named(l, n, "diagnostic-code"))
		return DSN_DIAG;
	return NOT_DSN;
}

/*
 * Does the first line make the input an email? 2 for an mbox "From "
 * line, 1 for a header field that messages and DSNs start with, else 0:
 * a log line ("Jul 12 07:47:48 host postfix/smtpd[8738]: ...") has a
 * blank or a bracket before its first ':'.
 */
int
smtpcode__mail_starts(const char *l, size_t len)
{
	static const char names[][28] = {
		"return-path", "received", "from", "to", "cc", "subject", "date",
		"message-id", "mime-version", "delivered-to", "reply-to",
		"sender", "content-type", "content-transfer-encoding",
		"envelope-to", "authentication-results", "dkim-signature",
		"arc-seal", "received-spf", "in-reply-to", "references",
		"user-agent", "precedence", "auto-submitted", "thread-topic",
		"reporting-mta", "final-recipient", "original-recipient",
		"action", "status", "diagnostic-code", "remote-mta",
		"arrival-date", "last-attempt-date", "original-envelope-id"
	};
	size_t n, k;

	if (len > 5 && memcmp(l, "From ", 5) == 0 && !is_blank((unsigned char)l[5]))
		return 2;
	if (field(l, len, &n) == 0)
		return 0;
	if (named_prefix(l, n, "x-"))
		return 1;
	for (k = 0; k < sizeof names / sizeof names[0]; k++)
		if (named(l, n, names[k]))
			return 1;
	return 0;
}

/* --- DSN groups ------------------------------------------------------ */

struct group_emit {
	struct smtpcode_scanner *s;
	size_t count;
	struct smtpcode_hit first;      /* the group's reply */
};

/* A hit of a Diagnostic-Code: with the group's Status and Remote-MTA. */
static void
group_hit(const struct smtpcode_hit *h, void *arg)
{
	struct group_emit *e = arg;
	struct dsn_group *g = &e->s->group;
	struct smtpcode_hit out = *h;

	if (e->count == 0 && !out.has_enhanced && g->has_status &&
	    out.basic / 100 == g->status.cls) {
		out.has_enhanced = 1;
		out.enhanced = g->status;
	}
	if (out.host == NULL && g->host_len > 0) {
		out.host = g->host;
		out.host_len = g->host_len;
	}
	if (e->count++ == 0)
		e->first = out;
	if (e->s->cb != NULL)
		e->s->cb(&out, e->s->arg);
}

/* The '@' before an address's domain: the last one ("a@b"@c.example). */
static const char *
last_at(const char *a, size_t n)
{
	while (n > 0 && a[n - 1] != '@')
		n--;
	return n > 0 ? a + n - 1 : NULL;
}

/* A recipient's record: what its Action says, or else its codes. */
static void
group_record(struct smtpcode_scanner *s, const struct smtpcode_hit *h)
{
	struct dsn_group *g = &s->group;
	struct smtpcode_record r;
	const char *at;
	int cls = h->has_enhanced ? h->enhanced.cls : h->basic / 100;

	memset(&r, 0, sizeof r);
	r.size = sizeof r;
	r.line = h->line;
	r.direction = SMTPCODE_DIRECTION_OUT;
	r.time.year = r.time.month = r.time.day = -1;
	r.time.hour = r.time.minute = r.time.second = -1;
	switch (g->action) {
	case ACTION_FAILED:    r.status = SMTPCODE_STATUS_BOUNCED; break;
	case ACTION_DELAYED:   r.status = SMTPCODE_STATUS_DEFERRED; break;
	case ACTION_DELIVERED: r.status = SMTPCODE_STATUS_SENT; break;
	default:
		r.status = cls == 2 ? SMTPCODE_STATUS_SENT : cls == 4 ?
		    SMTPCODE_STATUS_DEFERRED : SMTPCODE_STATUS_BOUNCED;
	}
	r.queue_id = "";
	r.recipient = g->recipient;
	r.recipient_len = g->recipient_len;
	at = last_at(g->recipient, g->recipient_len);
	r.domain = at != NULL ? at + 1 : "";
	r.domain_len = at != NULL ? g->recipient_len - (size_t)(at + 1 - g->recipient) : 0;
	r.relay = h->host != NULL ? h->host : "";
	r.relay_len = h->host != NULL ? h->host_len : 0;
	r.client = "";
	r.basic = h->basic;
	r.has_enhanced = h->has_enhanced;
	r.enhanced = h->enhanced;
	r.text = h->text;
	r.text_len = h->text_len;
	s->dsn_records++;
	s->rcb(&r, s->rarg);
}

/* A recipient's group ends: its one reply. A Diagnostic-Code's reply
 * carries the Status's code if it has no enhanced code of its own; a
 * Status without a reply beside it is reported alone, with the
 * diagnostic's text if there is one ("X-Postfix; connect to ...:
 * Connection refused"). With records asked for, the group is also one
 * record: its recipient, its Action, that reply. */
static void
close_group(struct smtpcode_scanner *s)
{
	struct dsn_group *g = &s->group;
	struct group_emit e;

	memset(&e, 0, sizeof e);
	e.s = s;
	if (g->has_diag)
		smtpcode__scan_joined(g->diag, g->diag_len, g->diag_line, group_hit, &e);
	if (e.count == 0 && g->has_status) {
		struct smtpcode_hit *h = &e.first;
		size_t n, v = 0;

		h->size = sizeof *h;
		h->line = g->status_line;
		h->column = g->status_column;
		h->has_enhanced = 1;
		h->enhanced = g->status;
		h->text = "";
		if (g->has_diag && (v = field(g->diag, g->diag_len, &n)) > 0) {
			const char *semi = memchr(g->diag + v, ';', g->diag_len - v);

			if (semi != NULL)
				v = (size_t)(semi - g->diag) + 1;
			while (v < g->diag_len && is_blank((unsigned char)g->diag[v]))
				v++;
			h->text = g->diag + v;
			h->text_len = g->diag_len - v;
		}
		if (g->host_len > 0) {
			h->host = g->host;
			h->host_len = g->host_len;
		}
		e.count = 1;
		if (s->cb != NULL)
			s->cb(h, s->arg);
	}
	if (s->rcb != NULL && e.count > 0)
		group_record(s, &e.first);
	g->has_status = 0;
	g->has_diag = 0;
	g->host_len = 0;
	g->recipient_len = 0;
	g->action = ACTION_NONE;
}

/* "Final-Recipient: rfc822; bob@example.org" starts a recipient's group;
 * "Action: failed" says what became of it. */
static void
recipient_field(struct smtpcode_scanner *s, const char *l, size_t len,
    size_t v, int original)
{
	struct dsn_group *g = &s->group;
	const char *semi = memchr(l + v, ';', len - v);
	size_t n = 0;

	if (original && g->recipient_len > 0)
		return;
	if (!original && (g->recipient_len > 0 || g->has_status || g->has_diag))
		close_group(s);
	if (semi != NULL)
		v = (size_t)(semi - l) + 1;
	while (v < len && (is_blank((unsigned char)l[v]) || l[v] == '\n' || l[v] == '<'))
		v++;
	while (v + n < len && n < HOST_MAX - 1 && !is_blank((unsigned char)l[v + n]) &&
	    l[v + n] != '\n' && l[v + n] != '>')
		n++;
	memcpy(g->recipient, l + v, n);
	g->recipient_len = n;
}

static void
action_field(struct smtpcode_scanner *s, const char *l, size_t len, size_t v)
{
	size_t n = 0;

	while (v + n < len && is_alnum((unsigned char)l[v + n]))
		n++;
	if (named(l + v, n, "failed"))
		s->group.action = ACTION_FAILED;
	else if (named(l + v, n, "delayed"))
		s->group.action = ACTION_DELAYED;
	else if (named(l + v, n, "delivered") || named(l + v, n, "relayed") ||
	    named(l + v, n, "expanded"))
		s->group.action = ACTION_DELIVERED;
}

static void remote_mta(struct smtpcode_scanner *, const char *, size_t, size_t);

/* The DSN fields other than Status and Diagnostic-Code that matter:
 * 1 if the field was one. */
static int
other_dsn_field(struct smtpcode_scanner *s, const char *l, size_t len,
    size_t n, size_t v)
{
	if (named(l, n, "remote-mta"))
		remote_mta(s, l, len, v);
	else if (named(l, n, "final-recipient"))
		recipient_field(s, l, len, v, 0);
	else if (named(l, n, "original-recipient"))
		recipient_field(s, l, len, v, 1);
	else if (named(l, n, "action"))
		action_field(s, l, len, v);
	else
		return 0;
	return 1;
}

/* "Remote-MTA: dns; mx.example.com": the host that answered. */
static void
remote_mta(struct smtpcode_scanner *s, const char *l, size_t len, size_t v)
{
	const char *semi = memchr(l + v, ';', len - v);
	size_t n = 0;

	if (semi != NULL)
		v = (size_t)(semi - l) + 1;
	while (v < len && (is_blank((unsigned char)l[v]) || l[v] == '\n'))
		v++;
	while (v + n < len && n < HOST_MAX && !is_blank((unsigned char)l[v + n]) &&
	    l[v + n] != '\n')
		n++;
	if (n > 0 && n < HOST_MAX && (s->group.host_len == 0 || !s->group.has_diag)) {
		memcpy(s->group.host, l + v, n);
		s->group.host_len = n;
	}
}

/* A Status: or Diagnostic-Code: field (v: where its value starts). */
static void
dsn_field(struct smtpcode_scanner *s, enum dsn_field which, const char *l,
    size_t len, size_t v, unsigned long long lineno)
{
	struct dsn_group *g = &s->group;

	if (which == DSN_STATUS) {
		struct smtpcode_enhanced_code e;
		size_t n = smtpcode_match_enhanced(l + v, len - v, &e);

		/* "Status: 5.1.1", "Status: 5.0.0 (permanent failure)";
		 * anything else is not a DSN's status. */
		if (n == 0 || (v + n < len && !is_blank((unsigned char)l[v + n]) &&
		    l[v + n] != '\n' && l[v + n] != '('))
			return;
		if (g->has_status)
			close_group(s);
		g->has_status = 1;
		g->status = e;
		g->status_line = lineno;
		g->status_column = v + 1;
		return;
	}
	if (g->has_diag)
		close_group(s);
	g->has_diag = 1;
	g->diag_line = lineno;
	g->diag_len = len < sizeof g->diag ? len : sizeof g->diag;
	memcpy(g->diag, l, g->diag_len);
}

/* --- Joined lines ---------------------------------------------------- */

static void header_field(struct smtpcode_scanner *, char *, size_t, unsigned long long);
static void text_logical(struct smtpcode_scanner *, char *, size_t, unsigned long long);
static void dsn_logical(struct smtpcode_scanner *, char *, size_t, unsigned long long);

static void
join_start(struct smtpcode_scanner *s, const char *l, size_t len,
    unsigned long long lineno, enum join_target to)
{
	size_t k = 0;

	while (k < len && is_blank((unsigned char)l[k]))
		k++;
	s->join_len = len < sizeof s->join ? len : sizeof s->join;
	memcpy(s->join, l, s->join_len);
	s->join_pending = 1;
	s->join_to = to;
	s->join_line = lineno;
	s->join_indent = k;
	s->seg[0].offset = 0;
	s->seg[0].line = lineno;
	s->seg[0].indent = 0;
	s->nseg = 1;
}

static size_t
indent_of(const char *l, size_t len)
{
	size_t k = 0;

	while (k < len && is_blank((unsigned char)l[k]))
		k++;
	return k;
}

/* A continuation line: its indentation becomes one '\n'. */
static void
join_append(struct smtpcode_scanner *s, const char *l, size_t len,
    unsigned long long lineno)
{
	size_t k = indent_of(l, len), room;

	if (k == len || s->join_len >= sizeof s->join)
		return;
	s->join[s->join_len++] = '\n';
	if (s->nseg < JOIN_SEGS) {
		s->seg[s->nseg].offset = s->join_len;
		s->seg[s->nseg].line = lineno;
		s->seg[s->nseg].indent = k;
		s->nseg++;
	}
	room = sizeof s->join - s->join_len;
	len -= k;
	if (len > room)
		len = room;
	memcpy(s->join + s->join_len, l + k, len);
	s->join_len += len;
}

static void
join_flush(struct smtpcode_scanner *s)
{
	if (!s->join_pending)
		return;
	s->join_pending = 0;
	switch (s->join_to) {
	case TO_HEADER: header_field(s, s->join, s->join_len, s->join_line); break;
	case TO_DSN:    dsn_logical(s, s->join, s->join_len, s->join_line); break;
	case TO_TEXT:   text_logical(s, s->join, s->join_len, s->join_line); break;
	}
}

/* A line of text or of a DSN part: joined to the one before it if it is
 * indented more (Exim lists each failed address two blanks in and its
 * details four: a new address starts a new text). */
static void
join_push(struct smtpcode_scanner *s, const char *l, size_t len,
    unsigned long long lineno, enum join_target to)
{
	if (len > 0 && is_blank((unsigned char)l[0]) && s->join_pending &&
	    s->join_to == to && indent_of(l, len) > s->join_indent) {
		join_append(s, l, len, lineno);
		return;
	}
	join_flush(s);
	if (len == 0) {
		char none[1];
		if (to == TO_DSN)
			dsn_logical(s, none, 0, lineno);
		else
			text_logical(s, none, 0, lineno);
		return;
	}
	join_start(s, l, len, lineno, to);
}

/* --- Text ------------------------------------------------------------ */

static int
is_address_char(int c)
{
	return is_alnum(c) || c == '.' || c == '-' || c == '_' || c == '+' ||
	    c == '=' || c == '%' || c == '\'' || c == '/' || c == '!' || c == '#' ||
	    c == '$' || c == '&' || c == '*' || c == '?' || c == '^' || c == '`' ||
	    c == '{' || c == '|' || c == '}' || c == '~';
}

/* The address a line of a bounce's text names: the first "<a@b>", or a
 * line that starts with one ("  a@b", "<a@b>:"). */
static int
text_address(const char *l, size_t len, size_t *at, size_t *n)
{
	size_t i, j;

	for (i = 0; i < len; i++) {
		const char *gt;

		if (l[i] != '<')
			continue;
		gt = memchr(l + i + 1, '>', len - i - 1);
		if (gt == NULL)
			break;
		j = (size_t)(gt - l);
		if (j - i - 1 > 2 && j - i - 1 < HOST_MAX &&
		    memchr(l + i + 1, '@', j - i - 1) != NULL) {
			size_t k;
			for (k = i + 1; k < j && (is_address_char((unsigned char)l[k]) ||
			    l[k] == '@'); k++)
				;
			if (k == j) {
				*at = i + 1;
				*n = j - i - 1;
				return 1;
			}
		}
	}
	for (i = 0; i < len && is_blank((unsigned char)l[i]); i++)
		;
	for (j = i; j < len && (is_address_char((unsigned char)l[j]) || l[j] == '@'); j++)
		;
	if (j - i > 2 && j - i < HOST_MAX && memchr(l + i, '@', j - i) != NULL &&
	    (j == len || l[j] == ':' || is_blank((unsigned char)l[j]) || l[j] == '\n')) {
		*at = i;
		*n = j - i;
		return 1;
	}
	return 0;
}

/* A failure in a bounce's text, held as a record of the address named
 * before it. */
static void
hold_text_record(struct smtpcode_scanner *s, const struct smtpcode_hit *h)
{
	struct text_record *t;
	int cls = h->has_enhanced ? h->enhanced.cls : h->basic / 100;
	size_t n;

	if ((cls != 4 && cls != 5) || s->text_addr_len == 0 ||
	    s->ntrec == TEXT_RECORDS)
		return;
	t = &s->trec[s->ntrec++];
	memcpy(t->addr, s->text_addr, s->text_addr_len);
	t->addr_len = s->text_addr_len;
	n = h->text_len < TEXT_RECORD_MAX ? h->text_len : TEXT_RECORD_MAX;
	memcpy(t->text, h->text, n);
	t->text_len = n;
	n = h->host != NULL && h->host_len < HOST_MAX ? h->host_len : 0;
	if (n > 0)
		memcpy(t->host, h->host, n);
	t->host_len = n;
	t->basic = h->basic;
	t->has_enhanced = h->has_enhanced;
	t->enhanced = h->enhanced;
	t->line = h->line;
}

/* The message ended: its text's records, if no delivery-status part
 * gave any. */
static void
message_end(struct smtpcode_scanner *s)
{
	size_t i;

	for (i = 0; s->rcb != NULL && s->dsn_records == 0 && i < s->ntrec; i++) {
		struct text_record *t = &s->trec[i];
		struct smtpcode_record r;
		const char *at = last_at(t->addr, t->addr_len);
		int cls = t->has_enhanced ? t->enhanced.cls : t->basic / 100;

		memset(&r, 0, sizeof r);
		r.size = sizeof r;
		r.line = t->line;
		r.status = cls == 4 ? SMTPCODE_STATUS_DEFERRED : SMTPCODE_STATUS_BOUNCED;
		r.direction = SMTPCODE_DIRECTION_OUT;
		r.time.year = r.time.month = r.time.day = -1;
		r.time.hour = r.time.minute = r.time.second = -1;
		r.queue_id = r.client = "";
		r.recipient = t->addr;
		r.recipient_len = t->addr_len;
		r.domain = at != NULL ? at + 1 : "";
		r.domain_len = at != NULL ? t->addr_len - (size_t)(at + 1 - t->addr) : 0;
		r.relay = t->host;
		r.relay_len = t->host_len;
		r.basic = t->basic;
		r.has_enhanced = t->has_enhanced;
		r.enhanced = t->enhanced;
		r.text = t->text;
		r.text_len = t->text_len;
		s->rcb(&r, s->rarg);
	}
	s->ntrec = 0;
	s->text_addr_len = 0;
	s->dsn_records = 0;
}

/* A hit of a bounce's text: to the caller, and held for a record. */
static void
text_hit(const struct smtpcode_hit *h, void *arg)
{
	struct smtpcode_scanner *s = arg;

	if (s->rcb != NULL)
		hold_text_record(s, h);
	if (s->cb != NULL)
		s->cb(h, s->arg);
}

/* A hit of a joined text, given the line of input it is on and its
 * column there. */
static void
placed_hit(const struct smtpcode_hit *h, void *arg)
{
	struct smtpcode_scanner *s = arg;
	struct smtpcode_hit out = *h;
	size_t k = s->nseg, at = h->column - 1;

	while (k > 1 && s->seg[k - 1].offset > at)
		k--;
	out.line = s->seg[k - 1].line;
	out.column = at - s->seg[k - 1].offset + s->seg[k - 1].indent + 1;
	text_hit(&out, s);
}

/* A line of text, whole: a DSN field, or text to scan. */
static void
text_logical(struct smtpcode_scanner *s, char *l, size_t len,
    unsigned long long lineno)
{
	size_t n, v = field(l, len, &n);
	enum dsn_field which = v > 0 ? dsn_field_of(l, n) : NOT_DSN;

	if (which != NOT_DSN) {
		dsn_field(s, which, l, len, v, lineno);
		return;
	}
	if (v > 0 && other_dsn_field(s, l, len, n, v))
		return;
	if (group_open(&s->group) && (v == 0 || holds_reply(l, len)))
		close_group(s);
	/* In a bounce's text, the address a failure is about: the last one
	 * named before it (Gmail names it a paragraph before its reply). */
	if (s->rcb != NULL && s->mode == MODE_BODY) {
		size_t at, an;

		if (text_address(l, len, &at, &an)) {
			memcpy(s->text_addr, l + at, an);
			s->text_addr_len = an;
		}
	}
	if (s->cb == NULL && (s->rcb == NULL || s->mode != MODE_BODY))
		return;
	if (l == s->join && s->nseg > 1)
		smtpcode__scan_joined(l, len, lineno, placed_hit, s);
	else if (s->rcb != NULL && s->mode == MODE_BODY)
		smtpcode__scan_joined(l, len, lineno, text_hit, s);
	else
		smtpcode__scan_joined(l, len, lineno, s->cb, s->arg);
}

/*
 * A line of a log or pasted text. Only a DSN field waits for the lines
 * that continue it; everything else is scanned as it comes, on the fast
 * path of a log.
 */
void
smtpcode__plain_line(struct smtpcode_scanner *s, const char *l, size_t len)
{
	size_t n;

	if (s->join_pending) {
		if (len > 0 && is_blank((unsigned char)l[0])) {
			join_append(s, l, len, s->lineno);
			return;
		}
		join_flush(s);
	}
	/* A DSN field (scan_line.c's quiet lines stop at the same two
	 * letters) waits for the lines that continue it. */
	if (len > 1 && dsn_start((unsigned char)l[0], (unsigned char)l[1]) &&
	    field(l, len, &n) > 0 && dsn_name(l, n)) {
		join_start(s, l, len, s->lineno, TO_TEXT);
		return;
	}
	if (group_open(&s->group) && (len == 0 || field(l, len, &n) == 0 ||
	    holds_reply(l, len)))
		close_group(s);
	if (s->rcb != NULL) {
		struct smtpcode_record r;
		const char *q;
		size_t qn;

		r.size = sizeof r;
		switch (smtpcode__record_or_done(l, len, s->lineno, &r, &q, &qn)) {
		case 1:
			/* a record a recipient, however many the line
			 * lists */
			do
				s->rcb(&r, s->rarg);
			while (smtpcode__record_next(l, len, &r));
			break;
		case 2:
			if (s->dcb != NULL)
				s->dcb(q, qn, s->rarg);
			break;
		default:
			break;
		}
	}
	if (s->cb == NULL)
		return;
	if (s->padded)
		smtpcode__scan_padded(l, len, s->hint, s->lineno, s->flags,
		    s->cb, s->arg);
	else
		smtpcode_scan_line(l, len, s->lineno, s->cb, s->arg);
}

/* --- DSN parts ------------------------------------------------------- */

static void
dsn_logical(struct smtpcode_scanner *s, char *l, size_t len,
    unsigned long long lineno)
{
	size_t n, v;
	enum dsn_field which;

	if (len == 0) {
		close_group(s);
		return;
	}
	if ((v = field(l, len, &n)) == 0)
		return;
	which = dsn_field_of(l, n);
	if (which != NOT_DSN)
		dsn_field(s, which, l, len, v, lineno);
	else
		other_dsn_field(s, l, len, n, v);
}

/* --- Decoding -------------------------------------------------------- */

/* Remove HTML tags and decode the entities that matter here, in place;
 * a tag may span lines. Returns the new length. */
static size_t
strip_html(struct smtpcode_scanner *s, char *l, size_t len)
{
	static const struct { const char *name; char c; } entities[] = {
		{ "&lt;", '<' }, { "&gt;", '>' }, { "&amp;", '&' },
		{ "&quot;", '"' }, { "&#39;", '\'' }, { "&apos;", '\'' },
		{ "&nbsp;", ' ' }, { "&#160;", ' ' }
	};
	size_t i, o = 0, k;

	for (i = 0; i < len; i++) {
		if (s->in_tag) {
			if (l[i] == '>')
				s->in_tag = 0;
			continue;
		}
		if (l[i] == '<') {
			s->in_tag = 1;
			continue;
		}
		if (l[i] == '&') {
			for (k = 0; k < sizeof entities / sizeof entities[0]; k++) {
				size_t el = strlen(entities[k].name);
				if (len - i >= el && memcmp(l + i, entities[k].name, el) == 0)
					break;
			}
			if (k < sizeof entities / sizeof entities[0]) {
				l[o++] = entities[k].c;
				i += strlen(entities[k].name) - 1;
				continue;
			}
		}
		l[o++] = l[i];
	}
	return o;
}

/* A decoded line of the current part, whole. */
static void
part_line(struct smtpcode_scanner *s, const char *l, size_t len,
    unsigned long long lineno)
{
	if (s->kind == PART_HTML) {
		char buf[SCAN_MAX];

		memcpy(buf, l, len);
		len = strip_html(s, buf, len);
		/* A line that was only markup is no line at all. */
		if (len > 0)
			join_push(s, buf, len, lineno, TO_TEXT);
		return;
	}
	join_push(s, l, len, lineno, s->kind == PART_DSN ? TO_DSN : TO_TEXT);
}

static void
dec_put(struct smtpcode_scanner *s, char c)
{
	if (s->dec_len < sizeof s->dec)
		s->dec[s->dec_len++] = c;
}

/* The decoded line so far is complete. */
static void
dec_flush(struct smtpcode_scanner *s)
{
	size_t len = s->dec_len;

	if (len > 0 && s->dec[len - 1] == '\r')
		len--;
	s->dec_len = 0;
	s->dec_truncated = 0;
	part_line(s, s->dec, len, s->dec_line);
}

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Quoted-printable (RFC 2045 §6.7): "=XX" is a byte, a '=' at the end of
 * a line joins it to the next. A '=' that is neither stays as it is. */
static void
decode_qp(struct smtpcode_scanner *s, const char *l, size_t len)
{
	size_t i, end = len;
	int soft;

	while (end > 0 && is_blank((unsigned char)l[end - 1]))
		end--;
	soft = end > 0 && l[end - 1] == '=';
	if (soft)
		end--;
	if (s->dec_len == 0)
		s->dec_line = s->lineno;
	for (i = 0; i < end; i++) {
		int hi, lo;

		if (l[i] == '=' && i + 2 < end &&
		    (hi = hex_value((unsigned char)l[i + 1])) >= 0 &&
		    (lo = hex_value((unsigned char)l[i + 2])) >= 0) {
			dec_put(s, (char)(hi * 16 + lo));
			i += 2;
			continue;
		}
		dec_put(s, l[i]);
	}
	if (!soft)
		dec_flush(s);
}

static int
b64_value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static void
b64_byte(struct smtpcode_scanner *s, char c)
{
	if (s->dec_len == 0 && !s->dec_truncated)
		s->dec_line = s->lineno;
	if (c == '\n') {
		dec_flush(s);
		return;
	}
	if (s->dec_len == sizeof s->dec)
		s->dec_truncated = 1;
	dec_put(s, c);
}

/* Base64 (RFC 2045 §6.8), four characters to three bytes; characters
 * outside the alphabet are ignored, '=' ends a group early. */
static void
decode_base64(struct smtpcode_scanner *s, const char *l, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		int v = b64_value((unsigned char)l[i]);

		if (l[i] == '=') {
			if (s->b64_count == 2)
				b64_byte(s, (char)(s->b64_bits >> 4));
			else if (s->b64_count == 3) {
				b64_byte(s, (char)(s->b64_bits >> 10));
				b64_byte(s, (char)(s->b64_bits >> 2));
			}
			s->b64_count = 0;
			s->b64_bits = 0;
			continue;
		}
		if (v < 0)
			continue;
		s->b64_bits = (s->b64_bits << 6) | (unsigned long)v;
		if (++s->b64_count == 4) {
			b64_byte(s, (char)(s->b64_bits >> 16));
			b64_byte(s, (char)(s->b64_bits >> 8));
			b64_byte(s, (char)s->b64_bits);
			s->b64_count = 0;
			s->b64_bits = 0;
		}
	}
}

/* --- MIME structure -------------------------------------------------- */

static void
part_defaults(struct smtpcode_scanner *s)
{
	s->kind = PART_TEXT;
	s->encoding = ENC_NONE;
	s->multi_alternative = 0;
	s->boundary_len = 0;
	s->dec_len = 0;
	s->dec_truncated = 0;
	s->b64_bits = 0;
	s->b64_count = 0;
	s->in_tag = 0;
}

/* The part ends: what it still holds is complete. */
static void
part_end(struct smtpcode_scanner *s)
{
	if (s->mode == MODE_BODY && s->dec_len > 0 && s->kind != PART_SKIP)
		dec_flush(s);
	join_flush(s);
	close_group(s);
}

/* Content-Type: what the part holds, and a multipart's boundary. */
static void
content_type(struct smtpcode_scanner *s, const char *v, size_t len)
{
	static const struct { const char *prefix; enum part_kind kind; } types[] = {
		{ "multipart/", PART_MULTI },
		{ "message/delivery-status", PART_DSN },
		{ "message/global-delivery-status", PART_DSN },
		{ "text/html", PART_HTML },
		{ "text/rfc822-headers", PART_SKIP },
		{ "text/", PART_TEXT },
		{ "message/", PART_SKIP },      /* rfc822, global, headers */
		{ "image/", PART_SKIP }, { "audio/", PART_SKIP },
		{ "video/", PART_SKIP }, { "application/", PART_SKIP },
		{ "font/", PART_SKIP }, { "model/", PART_SKIP },
	};
	size_t n = 0, k, i;

	while (n < len && v[n] != ';' && !is_blank((unsigned char)v[n]) && v[n] != '\n')
		n++;
	for (k = 0; k < sizeof types / sizeof types[0]; k++)
		if (named_prefix(v, n, types[k].prefix))
			break;
	s->kind = k < sizeof types / sizeof types[0] ? types[k].kind : PART_TEXT;
	s->multi_alternative = named(v, n, "multipart/alternative");
	/* boundary="..." or boundary=token, among the parameters */
	for (i = n; i + 9 <= len; i++) {
		size_t b = 0, start;
		char quote = 0;

		if (!named_prefix(v + i, 9, "boundary=") ||
		    (i > 0 && (is_alnum((unsigned char)v[i - 1]) || v[i - 1] == '-')))
			continue;
		start = i + 9;
		if (start < len && v[start] == '"')
			quote = v[start++];
		while (start + b < len && (quote ? v[start + b] != quote :
		    v[start + b] != ';' && !is_blank((unsigned char)v[start + b]) &&
		    v[start + b] != '\n'))
			b++;
		if (b > 0 && b < BOUNDARY_MAX) {
			memcpy(s->boundary, v + start, b);
			s->boundary_len = b;
		}
		break;
	}
}

static void
transfer_encoding(struct smtpcode_scanner *s, const char *v, size_t len)
{
	size_t n = 0;

	while (n < len && !is_blank((unsigned char)v[n]) && v[n] != ';' && v[n] != '\n')
		n++;
	if (named(v, n, "quoted-printable"))
		s->encoding = ENC_QP;
	else if (named(v, n, "base64"))
		s->encoding = ENC_BASE64;
	else
		s->encoding = ENC_NONE;
}

/* A header field, whole (its folded lines joined with '\n'). */
static void
header_field(struct smtpcode_scanner *s, char *l, size_t len,
    unsigned long long lineno)
{
	size_t n, v = field(l, len, &n);
	enum dsn_field which;

	if (v == 0)
		return;
	if (named(l, n, "content-type"))
		content_type(s, l + v, len - v);
	else if (named(l, n, "content-transfer-encoding"))
		transfer_encoding(s, l + v, len - v);
	else if ((which = dsn_field_of(l, n)) == NOT_DSN)
		other_dsn_field(s, l, len, n, v);
	else
		dsn_field(s, which, l, len, v, lineno);
}

/* The blank line after a header block: the body begins. */
static void
headers_end(struct smtpcode_scanner *s)
{
	s->mode = MODE_BODY;
	s->message_headers = 0;
	if (s->kind == PART_MULTI) {
		if (s->boundary_len > 0 && s->depth < MIME_DEPTH) {
			struct boundary *b = &s->stack[s->depth++];

			memcpy(b->text, s->boundary, s->boundary_len);
			b->len = s->boundary_len;
			b->alternative = s->multi_alternative;
			b->saw_plain = 0;
		}
		/* The preamble: text that mail software sometimes puts
		 * its report in, before the first part. */
		s->kind = PART_TEXT;
		s->encoding = ENC_NONE;
	} else if (s->kind == PART_HTML && s->depth > 0 &&
	    s->stack[s->depth - 1].alternative && s->stack[s->depth - 1].saw_plain) {
		/* The same text as the plain part before it. */
		s->kind = PART_SKIP;
	} else if (s->kind == PART_TEXT && s->depth > 0 &&
	    s->stack[s->depth - 1].alternative) {
		s->stack[s->depth - 1].saw_plain = 1;
	}
}

/* Is the line a boundary of an open multipart? Its depth + 1, negated if
 * it closes the multipart; 0 if not. */
static long
boundary_of(const struct smtpcode_scanner *s, const char *l, size_t len)
{
	size_t k;

	if (len < 3 || l[0] != '-' || l[1] != '-')
		return 0;
	for (k = s->depth; k-- > 0;) {
		const struct boundary *b = &s->stack[k];
		size_t i = 2 + b->len;
		int closing = 0;

		if (len < i || memcmp(l + 2, b->text, b->len) != 0)
			continue;
		if (len >= i + 2 && l[i] == '-' && l[i + 1] == '-') {
			closing = 1;
			i += 2;
		}
		while (i < len && is_blank((unsigned char)l[i]))
			i++;
		if (i == len)
			return closing ? -(long)(k + 1) : (long)(k + 1);
	}
	return 0;
}

void
smtpcode__mail_start(struct smtpcode_scanner *s)
{
	join_flush(s);
	close_group(s);
	s->ntrec = 0;
	s->text_addr_len = 0;
	s->dsn_records = 0;
	s->mode = MODE_HEADERS;
	s->message_headers = 1;
	s->depth = 0;
	part_defaults(s);
}

void
smtpcode__mail_end(struct smtpcode_scanner *s)
{
	part_end(s);
	if (s->mode != MODE_PLAIN)
		message_end(s);
	s->depth = 0;
}

void
smtpcode__mail_line(struct smtpcode_scanner *s, const char *l, size_t len)
{
	long b;

	/* The next message of a mailbox. */
	if (s->mbox && s->prev_blank && len > 5 && memcmp(l, "From ", 5) == 0) {
		part_end(s);
		message_end(s);
		smtpcode__mail_start(s);
		return;
	}
	if (s->mode == MODE_HEADERS) {
		size_t n;

		if (len > 0 && is_blank((unsigned char)l[0])) {
			if (s->join_pending)
				join_append(s, l, len, s->lineno);
			return;
		}
		join_flush(s);
		if (len == 0) {
			headers_end(s);
			return;
		}
		if (field(l, len, &n) == 0) {
			/* Not a header: the first line only looked like
			 * one, and the input is not an email; or a part
			 * with no blank line after its headers. */
			if (s->message_headers && s->depth == 0) {
				s->mode = MODE_PLAIN;
				s->message_headers = 0;
				smtpcode__plain_line(s, l, len);
				return;
			}
			headers_end(s);
		} else {
			join_start(s, l, len, s->lineno, TO_HEADER);
			return;
		}
	}
	if ((b = boundary_of(s, l, len)) != 0) {
		part_end(s);
		if (b < 0) {
			/* The epilogue after the closing boundary. */
			s->depth = (size_t)(-b - 1);
			part_defaults(s);
		} else {
			s->depth = (size_t)b;
			s->mode = MODE_HEADERS;
			part_defaults(s);
		}
		return;
	}
	switch (s->kind) {
	case PART_SKIP:
		return;
	case PART_TEXT:
	case PART_HTML:
	case PART_DSN:
	case PART_MULTI:
		break;
	}
	switch (s->encoding) {
	case ENC_QP:
		decode_qp(s, l, len);
		break;
	case ENC_BASE64:
		decode_base64(s, l, len);
		break;
	case ENC_NONE:
		part_line(s, l, len, s->lineno);
		break;
	}
}
