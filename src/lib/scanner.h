/*
 * scanner.h: the scanner's state, shared by the stream reader (scan.c)
 * and the email reader (scan_mail.c). Internal to the library.
 *
 * Everything is in one fixed-size block: memory stays flat whatever the
 * input, however deep its MIME nesting or long its lines.
 */
#ifndef SMTPCODE_SCANNER_H
#define SMTPCODE_SCANNER_H

#include "internal.h"

#define SCAN_MAX SMTPCODE_SCAN_LINE_MAX
#define MIME_DEPTH 8            /* nested multiparts followed */
#define BOUNDARY_MAX 72         /* RFC 2046: at most 70 characters */
#define HOST_MAX 256
#define JOIN_SEGS 32            /* lines of a joined text placed exactly */
#define TEXT_RECORDS 16         /* records a bounce's text may give */
#define TEXT_RECORD_MAX 512     /* bytes of a reply's text kept for one */

/* How the lines being read are treated. */
enum scan_mode {
	MODE_PLAIN,     /* a log, a transcript, pasted text: line by line */
	MODE_HEADERS,   /* an email's or a MIME part's header block */
	MODE_BODY       /* an email's or a MIME part's body */
};

/* What a MIME part holds, as far as replies are concerned. */
enum part_kind {
	PART_TEXT,      /* text/plain and the like: read as text */
	PART_HTML,      /* text/html: read without its tags */
	PART_DSN,       /* message/delivery-status: DSN fields */
	PART_MULTI,     /* multipart/...: its preamble is text */
	PART_SKIP       /* the returned message, its headers, images, ... */
};

enum part_encoding { ENC_NONE, ENC_QP, ENC_BASE64 };

/* Where a joined (folded or wrapped) line goes when it is complete. */
enum join_target { TO_TEXT, TO_DSN, TO_HEADER };

struct boundary {
	char text[BOUNDARY_MAX];
	size_t len;
	int alternative;        /* multipart/alternative */
	int saw_plain;          /* ... whose text/plain part came */
};

/* A DSN's per-recipient group (RFC 3464): Status and Diagnostic-Code are
 * one reply, reported when the group ends. */
struct dsn_group {
	int has_status;
	struct smtpcode_enhanced_code status;
	unsigned long long status_line;
	size_t status_column;
	int has_diag;
	unsigned long long diag_line;
	size_t diag_len;
	char diag[SCAN_MAX];
	size_t host_len;        /* Remote-MTA */
	char host[HOST_MAX];
	size_t recipient_len;   /* Final-Recipient (or Original-) */
	char recipient[HOST_MAX];
	int action;             /* enum dsn_action */
};

/* A DSN's Action field (RFC 3464 §2.3.3). */
enum dsn_action { ACTION_NONE, ACTION_FAILED, ACTION_DELAYED, ACTION_DELIVERED };

struct smtpcode_scanner {
	/* The raw line being assembled from the input. */
	char line[SCAN_MAX];
	size_t len;
	int truncated;
	unsigned long long lineno;      /* lines completed */
	int prev_blank;                 /* the line before was empty */
	int padded;                     /* the line has bytes around it */
	unsigned flags;                 /* SMTPCODE_SCAN_* */
	size_t hint;                    /* no code starts before this in
	                                   the line (quiet_lines) */

	smtpcode_scan_cb cb;            /* for the current call; NULL: */
	void *arg;                      /* records only */
	smtpcode_record_cb rcb;         /* records, or NULL */
	smtpcode_done_cb dcb;           /* queue ids done, or NULL */
	void *rarg;

	enum scan_mode mode;
	int mbox;                       /* "From " lines separate messages */
	int message_headers;            /* reading a message's own headers */

	/* The part whose headers or body are being read. */
	enum part_kind kind;
	enum part_encoding encoding;
	int multi_alternative;          /* it is multipart/alternative */
	char boundary[BOUNDARY_MAX];    /* its boundary, if multipart */
	size_t boundary_len;
	struct boundary stack[MIME_DEPTH];
	size_t depth;
	size_t ignored_depth;           /* multiparts past MIME_DEPTH */

	/* A decoded line (quoted-printable, base64, HTML) being built. */
	char dec[SCAN_MAX];
	size_t dec_len;
	int dec_truncated;
	unsigned long long dec_line;
	unsigned long b64_bits;
	int b64_count;
	int in_tag;                     /* HTML: inside a tag */

	/* A folded field or wrapped paragraph being joined: its lines, each
	 * where it starts in join[], its line of input and the blanks taken
	 * off its start, to give a hit the place it has in the input. */
	char join[SCAN_MAX];
	size_t join_len;
	int join_pending;
	enum join_target join_to;
	unsigned long long join_line;
	size_t join_indent;             /* of its first line */
	struct join_seg {
		size_t offset;
		unsigned long long line;
		size_t indent;
	} seg[JOIN_SEGS];
	size_t nseg;

	struct dsn_group group;

	/* A bounce without a delivery-status part (Exim's, qmail's) gives
	 * its records from its text: each failure and the address named
	 * before it, held until the message ends, and given only if no
	 * delivery-status part gave records. */
	struct text_record {
		char addr[HOST_MAX];
		size_t addr_len;
		char text[TEXT_RECORD_MAX];
		size_t text_len;
		char host[HOST_MAX];
		size_t host_len;
		int basic, has_enhanced;
		struct smtpcode_enhanced_code enhanced;
		unsigned long long line;
	} trec[TEXT_RECORDS];
	size_t ntrec;
	char text_addr[HOST_MAX];       /* the last address the text named */
	size_t text_addr_len;
	unsigned long long dsn_records; /* of the current message */
};

/* scan_mail.c */
int smtpcode__mail_starts(const char *l, size_t len);
void smtpcode__mail_start(struct smtpcode_scanner *s);
void smtpcode__mail_line(struct smtpcode_scanner *s, const char *l, size_t len);
void smtpcode__plain_line(struct smtpcode_scanner *s, const char *l, size_t len);
void smtpcode__mail_end(struct smtpcode_scanner *s);

#endif
