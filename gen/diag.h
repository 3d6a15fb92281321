/*
 * diag.h - the one place where messages for the user are printed.
 *
 * Messages name the problem first, start in lower case and have no
 * final full stop: "content/badges/ai.json:12:7: $.name: expected string".
 * diag_err returns -1 so that a caller can write
 *	return diag_err(d, "%s: cannot open: %s", path, strerror(errno));
 * An error is reported once, where it is found; callers pass the -1 up.
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

/* Prints "<msg>" with no prefix and no counting (notes, progress). */
void	 diag_note(struct diag *d, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
