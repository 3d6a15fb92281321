/* t_inflate.c - bounded inflating of zlib and GZIP data. */
#include <string.h>

#include <zlib.h>

#include "harness.h"
#include "inflate.h"

/* Compresses n bytes at p into out as zlib or GZIP data. */
static void
deflate_to(struct buf *out, const void *p, size_t n, enum inflate_format f)
{
	unsigned char z[4096];
	z_stream zs;

	memset(&zs, 0, sizeof(zs));
	OK(deflateInit2(&zs, 9, Z_DEFLATED, f == INFLATE_GZIP ?
	    16 + MAX_WBITS : MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
	zs.next_in = (Bytef *)(uintptr_t)p;
	zs.avail_in = (uInt)n;
	zs.next_out = z;
	zs.avail_out = sizeof(z);
	OK(deflate(&zs, Z_FINISH) == Z_STREAM_END);
	buf_put(out, z, sizeof(z) - zs.avail_out);
	deflateEnd(&zs);
}

static void
test_inflate__round_trip(void)
{
	static const enum inflate_format fs[] = { INFLATE_ZLIB, INFLATE_GZIP };
	unsigned char plain[20000];
	struct buf z = BUF_INIT, out = BUF_INIT;
	size_t i, k;

	for (i = 0; i < sizeof(plain); i++)
		plain[i] = (unsigned char)(i * 7 % 251);
	for (k = 0; k < 2; k++) {
		buf_reset(&z);
		buf_reset(&out);
		deflate_to(&z, plain, sizeof(plain), fs[k]);
		/* What is in out already stays and does not count. */
		BUF_PUTSL(&out, "x");
		INT_EQ(inflate_bounded(&out, z.data, z.len, sizeof(plain),
		    fs[k]), 0);
		INT_EQ(out.len, 1 + sizeof(plain));
		MEM_EQ(out.data + 1, plain, sizeof(plain));
		/* One byte under the size: over the bound. */
		buf_reset(&out);
		INT_EQ(inflate_bounded(&out, z.data, z.len, sizeof(plain) - 1,
		    fs[k]), INFLATE_ELIMIT);
		/* Cut short. */
		buf_reset(&out);
		INT_EQ(inflate_bounded(&out, z.data, z.len / 2, sizeof(plain),
		    fs[k]), INFLATE_ETRUNC);
	}
	/* zlib data is not GZIP data, nor text either. */
	buf_reset(&z);
	deflate_to(&z, plain, 100, INFLATE_ZLIB);
	INT_EQ(inflate_bounded(&out, z.data, z.len, 1000, INFLATE_GZIP),
	    INFLATE_EDATA);
	INT_EQ(inflate_bounded(&out, "not compressed", 14, 1000,
	    INFLATE_ZLIB), INFLATE_EDATA);
	buf_release(&z);
	buf_release(&out);
}

/* A bomb: 16 MB of zeros in a few KB stops at the bound. */
static void
test_inflate__bomb(void)
{
	struct buf plain = BUF_INIT, z = BUF_INIT, out = BUF_INIT;
	z_stream zs;
	unsigned char zb[32768];

	buf_grow(&plain, 16u << 20);
	memset(plain.data, 0, 16u << 20);
	memset(&zs, 0, sizeof(zs));
	OK(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY) == Z_OK);
	zs.next_in = (Bytef *)plain.data;
	zs.avail_in = 16u << 20;
	zs.next_out = zb;
	zs.avail_out = sizeof(zb);
	OK(deflate(&zs, Z_FINISH) == Z_STREAM_END);
	buf_put(&z, zb, sizeof(zb) - zs.avail_out);
	deflateEnd(&zs);
	OK(z.len < sizeof(zb));
	INT_EQ(inflate_bounded(&out, z.data, z.len, 1u << 20, INFLATE_GZIP),
	    INFLATE_ELIMIT);
	OK(out.len <= 1u << 20);
	buf_release(&plain);
	buf_release(&z);
	buf_release(&out);
}

TESTS(T(test_inflate__round_trip), T(test_inflate__bomb))
