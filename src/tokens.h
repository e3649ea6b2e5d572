/*
 * tokens.h: the bare words the data files use, mapped onto the public
 * enums. Only the files that expand the data tables include this.
 */
#ifndef SMTPCODE_TOKENS_H
#define SMTPCODE_TOKENS_H

#include "smtpcode.h"

#define ORIGIN_(o) SMTP_ORIGIN_##o
#define RETRY_(r)  SMTP_RETRY_##r

#define WHO_NOBODY          SMTP_WHO_NOBODY
#define WHO_CLIENT          SMTP_WHO_CLIENT
#define WHO_SENDER          SMTP_WHO_SENDER
#define WHO_SENDER_ADMIN    SMTP_WHO_SENDER_ADMIN
#define WHO_RECIPIENT_ADMIN SMTP_WHO_RECIPIENT_ADMIN

#define CLS_2 SMTP_CLASS_2
#define CLS_4 SMTP_CLASS_4
#define CLS_5 SMTP_CLASS_5

/* A text field must be a non-empty string literal; sizeof catches an
 * empty one at compile time. Whether it ends in a full stop is checked by
 * tablecheck when the library is built. */
#define NONEMPTY_(s) _Static_assert(sizeof(s) > 1, "empty text: " #s)

#endif
