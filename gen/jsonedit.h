/*
 * jsonedit.h - edits of a JSON document's text that keep the rest of
 * it as it was written: member order, indentation, line breaks,
 * escapes, numbers and a byte order mark.
 *
 * A struct jsonedit holds a document's text and its parsed tree.  Each
 * edit splices the new value into the text, written in the style of
 * the container it goes into (one member or element per line with the
 * indentation of its siblings, or all on one line when the container
 * is written on one line), then parses the text again: nodes taken
 * from e->root before an edit are stale after it.
 */
#ifndef BADGEGEN_JSONEDIT_H
#define BADGEGEN_JSONEDIT_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "json.h"

struct jsonedit {
	struct buf	 text;		/* the document as it is now */
	struct arena	 arena;		/* the tree of the current text */
	struct json	*root;
	const char	*name;		/* for messages; lent */
	size_t		 bias;		/* 3 after a byte order mark, else 0 */
};

/*
 * Parses text[0..len), named name in messages (lent: it must outlive
 * e), into e.  Returns 0, or -1 after reporting (e is then released).
 * Release e with jsonedit_release.
 */
int	 jsonedit_open(struct jsonedit *e, const char *name, const char *text,
	    size_t len, struct diag *d);

/* Frees what e holds; accepts a released or zeroed one. */
void	 jsonedit_release(struct jsonedit *e);

/*
 * Sets the member key of the object obj (a node of e->root) to v: its
 * value is replaced when the member is there, else the member is
 * appended after the last one.  Returns 0, or -1 after reporting.
 */
int	 jsonedit_set(struct jsonedit *e, const struct json *obj,
	    const char *key, const struct json *v, struct diag *d);

/*
 * Appends v to the array arr (a node of e->root).  Returns 0, or -1
 * after reporting.
 */
int	 jsonedit_append(struct jsonedit *e, const struct json *arr,
	    const struct json *v, struct diag *d);

#endif
