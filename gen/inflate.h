/*
 * inflate.h - inflating compressed data (zlib, RFC 1950, or GZIP, RFC
 * 1952) with a bound on what it inflates to, for data from content: a
 * small input must not become gigabytes in memory.
 */
#ifndef BADGEGEN_INFLATE_H
#define BADGEGEN_INFLATE_H

#include <stddef.h>

#include "buf.h"

enum inflate_format {
	INFLATE_ZLIB,
	INFLATE_GZIP
};

/* Why inflating failed. */
enum inflate_error {
	INFLATE_EINIT = -1,	/* zlib does not start */
	INFLATE_EDATA = -2,	/* not data of the format */
	INFLATE_ETRUNC = -3,	/* the data ends too early */
	INFLATE_ELIMIT = -4	/* it inflates to more than the bound */
};

/*
 * Inflates the len bytes at in, of format f, appending at most max
 * bytes to out.  Returns 0, or an enum inflate_error (negative); out
 * then holds what was inflated so far.  The caller words the message.
 */
int	 inflate_bounded(struct buf *out, const void *in, size_t len,
	    size_t max, enum inflate_format f);

/*
 * Compresses the len bytes at in (zlib level 9) in format f, appending
 * them to out; a GZIP header names no file and no time, so the result
 * depends on the bytes alone.  Returns 0, or INFLATE_EINIT when zlib
 * cannot compress.
 */
int	 deflate_all(struct buf *out, const void *in, size_t len,
	    enum inflate_format f);

#endif
