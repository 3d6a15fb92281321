/*
 * inflate.c - bounded inflating on zlib (see inflate.h).
 */
#include <stdint.h>
#include <string.h>

#include <zlib.h>

#include "inflate.h"

int
inflate_bounded(struct buf *out, const void *in, size_t len, size_t max,
    enum inflate_format f)
{
	unsigned char chunk[65536];
	size_t start = out->len;
	z_stream zs;
	int zr;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, f == INFLATE_GZIP ? 16 + MAX_WBITS :
	    MAX_WBITS) != Z_OK)
		return INFLATE_EINIT;
	zs.next_in = (Bytef *)(uintptr_t)in;
	zs.avail_in = (uInt)len;
	do {
		zs.next_out = chunk;
		zs.avail_out = sizeof(chunk);
		zr = inflate(&zs, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END) {
			inflateEnd(&zs);
			return zr == Z_BUF_ERROR ? INFLATE_ETRUNC :
			    INFLATE_EDATA;
		}
		if (out->len - start + (sizeof(chunk) - zs.avail_out) > max) {
			inflateEnd(&zs);
			return INFLATE_ELIMIT;
		}
		buf_put(out, chunk, sizeof(chunk) - zs.avail_out);
	} while (zr != Z_STREAM_END);
	inflateEnd(&zs);
	return 0;
}

int
deflate_all(struct buf *out, const void *in, size_t len,
    enum inflate_format f)
{
	z_stream zs;
	uLong bound;

	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 9, Z_DEFLATED, f == INFLATE_GZIP ?
	    16 + MAX_WBITS : MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return INFLATE_EINIT;
	bound = deflateBound(&zs, (uLong)len);
	buf_grow(out, (size_t)bound);
	zs.next_in = (Bytef *)(uintptr_t)in;
	zs.avail_in = (uInt)len;
	zs.next_out = (Bytef *)out->data + out->len;
	zs.avail_out = (uInt)bound;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&zs);
		return INFLATE_EINIT;
	}
	out->len += zs.total_out;
	out->data[out->len] = '\0';
	deflateEnd(&zs);
	return 0;
}
