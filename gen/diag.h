/*
 * diag.h - the one place where messages for the user are printed.
 *
 * Messages name the problem first, start in lower case and have no
 * final full stop: "content/badges/ai.json:12:7: $.name: expected string".
 * diag_err returns -1 so that a caller can write
 *	return diag_err(d, "%s: cannot open: %s", path, strerror(errno));
 * An error is reported once, where it is found; callers pass the -1 up.
 *
 * Messages quote content, and content is not trusted: every message is
 * printed (and captured) with control characters, C1 controls, the line
 * and paragraph separators and the bidirectional formatting characters
 * written as escapes (diag_put_safe), so an ESC or a U+202E in a
 * document reaches a terminal or a log as the text "\x1b" or "\u202e".
 */
#ifndef BADGEGEN_DIAG_H
#define BADGEGEN_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"

struct diag {
	FILE		*fp;		/* where messages go; NULL: stderr */
	unsigned	 errors;	/* errors reported so far */
	unsigned	 warnings;	/* warnings reported so far */
	bool		 quiet;		/* count, but print nothing */
	bool		 quiet_warnings; /* print errors only */
	struct buf	*capture;	/* when set, messages are appended here too */
	void		(*interrupt)(void *); /* called before a message is
					   printed (erases a progress line) */
	void		*interrupt_arg;
};
#define DIAG_INIT { NULL, 0, 0, false, false, NULL, NULL, NULL }

/* Prints "error: <msg>" and returns -1.  d may be NULL (stderr). */
int	 diag_err(struct diag *d, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Prints "warning: <msg>". */
void	 diag_warn(struct diag *d, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Passes on what another diag (from) captured in text, line by line, and
 * adds its counts to d: messages of a worker thread, in the order the
 * work was given out.
 */
void	 diag_replay(struct diag *d, const struct diag *from,
	    const struct buf *text);

/*
 * Prints "<msg>" with no prefix and no counting (notes, progress); a
 * note may have several lines.
 */
void	 diag_note(struct diag *d, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * Appends n bytes of s to out with what a terminal would act on
 * escaped: C0 controls but tab (and newline, when newlines is set) and
 * DEL as two hex digits ("\x1b" for ESC), bytes that are not part of
 * well-formed UTF-8 the same way ("\xff"), C1 controls, U+061C,
 * U+200E, U+200F, U+2028, U+2029, U+202A to U+202E and U+2066 to
 * U+2069 as four ("\u202e").  A backslash stays as it is, so
 * escaping escaped text changes nothing.
 */
void	 diag_put_safe(struct buf *out, const char *s, size_t n,
	    bool newlines);

/*
 * Formats and prints to fp with diag_put_safe (newlines kept): for the
 * reports a verb prints on stdout that quote content.  Returns 0, or -1
 * when the write failed.
 */
int	 diag_print(FILE *fp, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
