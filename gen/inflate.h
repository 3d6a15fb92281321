/*
 * inflate.h - inflating compressed data (zlib, RFC 1950, or GZIP, RFC
 * 1952) with a bound on what it inflates to, for data from content: a
 * small input must not become gigabytes in memory.  Plain C, without
 * zlib, so that the WebAssembly verifier runs the same code; it accepts
 * what zlib's inflate() accepts (see inflate.c).
 */
#ifndef BADGEGEN_INFLATE_H
#define BADGEGEN_INFLATE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

enum inflate_format {
	INFLATE_ZLIB,
	INFLATE_GZIP
};

/* Why inflating failed. */
enum inflate_error {
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
 * The CRC-32 of ISO 3309 (GZIP's and PNG's) of p[0..n), continuing from
 * crc (0 to start).
 */
uint32_t inflate_crc32(uint32_t crc, const void *p, size_t n);

#endif
