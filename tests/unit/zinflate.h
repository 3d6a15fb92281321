/*
 * zinflate.h - zlib's inflate() as inflate.c's reference, for the tests
 * that compare them (t_inflate.c, tests/fuzz/fuzz_inflate.c): the loop
 * inflate.c ran on zlib before it had an inflater of its own.
 */
#ifndef BADGEGEN_ZINFLATE_H
#define BADGEGEN_ZINFLATE_H

#include <stdint.h>
#include <string.h>

#include <zlib.h>

#include "inflate.h"

/* What zlib makes of the data: 0 and its bytes in out, or -1. */
static int
zlib_inflate(struct buf *out, const void *in, size_t len, size_t max,
    enum inflate_format f)
{
	unsigned char chunk[16384];
	z_stream zs;
	int zr;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, f == INFLATE_GZIP ? 16 + MAX_WBITS :
	    MAX_WBITS) != Z_OK)
		return -1;
	zs.next_in = (Bytef *)(uintptr_t)in;
	zs.avail_in = (uInt)len;
	do {
		zs.next_out = chunk;
		zs.avail_out = sizeof(chunk);
		zr = inflate(&zs, Z_NO_FLUSH);
		if ((zr != Z_OK && zr != Z_STREAM_END) || out->len +
		    (sizeof(chunk) - zs.avail_out) > max) {
			inflateEnd(&zs);
			return -1;
		}
		buf_put(out, chunk, sizeof(chunk) - zs.avail_out);
	} while (zr != Z_STREAM_END);
	inflateEnd(&zs);
	return 0;
}

#endif
