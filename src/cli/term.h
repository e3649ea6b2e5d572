/*
 * term.h: text output for a terminal: lines wrapped to its width with a
 * hanging indent, labels in bold, the class coloured. A filter on whole
 * lines; out.c feeds it one line at a time (see term.c).
 */
#ifndef SMTPCODE_TERM_H
#define SMTPCODE_TERM_H

#include <stddef.h>

struct term {
	int width;                  /* columns; 0 or less: never wrap */
	int color;                  /* add SGR escapes */
	const char *class_label;    /* "Class", "Класс", ...: the line whose
	                               value's class token is coloured; NULL:
	                               none */
};

/* COLUMNS if it is a positive number (at most 1000), else the width of
 * the terminal on stdout, else 80. */
int term_width(void);

/* Whether to colour: mode "never" 0, "always" 1; "auto" or NULL (or
 * anything else: main.c checks the option's value) 1 only if is_tty and
 * NO_COLOR is unset or empty (https://no-color.org). */
int term_color_wanted(const char *mode, int is_tty);

/* The columns a terminal gives n bytes of UTF-8 (wide and combining
 * characters counted as such). */
size_t term_columns(const char *s, size_t n);

/* Write one logical line (len bytes, no '\n' in it) to emit, wrapped and
 * coloured as t says, then '\n'. A line that fits is written unchanged
 * (with color 0, byte for byte). No allocation; emit is called with
 * pieces of line and with constant strings. */
void term_line(const struct term *t, const char *line, size_t len,
    void (*emit)(const char *, size_t));

#endif
