/*
 * fuzz_inflate.c - inflate_bounded against zlib's inflate().
 *
 * The input is inflated as zlib data and as GZIP data, with a bound of
 * 64 KB, by both; they must accept the same inputs and make the same
 * bytes of them.  Anything else aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "inflate.h"

#define BOUND	65536

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* zlib's verdict on the data: 0 and its bytes in out, or -1. */
static int
by_zlib(struct buf *out, const uint8_t *in, size_t len, int wbits)
{
	unsigned char chunk[16384];
	z_stream zs;
	int zr;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, wbits) != Z_OK)
		abort();
	zs.next_in = (Bytef *)(uintptr_t)in;
	zs.avail_in = (uInt)len;
	do {
		zs.next_out = chunk;
		zs.avail_out = sizeof(chunk);
		zr = inflate(&zs, Z_NO_FLUSH);
		if ((zr != Z_OK && zr != Z_STREAM_END) || out->len +
		    (sizeof(chunk) - zs.avail_out) > BOUND) {
			inflateEnd(&zs);
			return -1;
		}
		buf_put(out, chunk, sizeof(chunk) - zs.avail_out);
	} while (zr != Z_STREAM_END);
	inflateEnd(&zs);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	int k, ra, rb;

	for (k = 0; k < 2; k++) {
		buf_reset(&a);
		buf_reset(&b);
		ra = inflate_bounded(&a, data, size, BOUND, k ? INFLATE_GZIP :
		    INFLATE_ZLIB);
		rb = by_zlib(&b, data, size, k ? 16 + MAX_WBITS : MAX_WBITS);
		if ((ra == 0) != (rb == 0) || (ra == 0 && (a.len != b.len ||
		    memcmp(a.data, b.data, a.len) != 0)))
			abort();
	}
	buf_release(&a);
	buf_release(&b);
	return 0;
}
