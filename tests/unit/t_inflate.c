/*
 * t_inflate.c - bounded inflating of zlib and GZIP data, and its
 * agreement with zlib's inflate(): the same streams accepted with the
 * same output, the same refused, over every kind of block zlib writes
 * and over streams with bytes changed and cut short.
 */
#include <stdint.h>
#include <string.h>

#include <zlib.h>

#include "harness.h"
#include "inflate.h"
#include "zinflate.h"

/* Compresses with a level and strategy; GZIP with a full header. */
static void
deflate_with(struct buf *out, const void *p, size_t n, enum inflate_format f,
    int level, int strategy, bool header)
{
	static char extra[] = "xx", fname[] = "list.bin", comment[] = "c";
	gz_header gz;
	unsigned char z[1 << 16];
	z_stream zs;

	memset(&zs, 0, sizeof(zs));
	memset(&gz, 0, sizeof(gz));
	OK(deflateInit2(&zs, level, Z_DEFLATED, f == INFLATE_GZIP ?
	    16 + MAX_WBITS : MAX_WBITS, 8, strategy) == Z_OK);
	if (f == INFLATE_GZIP && header) {
		gz.extra = (Bytef *)extra;
		gz.extra_len = 2;
		gz.name = (Bytef *)fname;
		gz.comment = (Bytef *)comment;
		gz.hcrc = 1;
		OK(deflateSetHeader(&zs, &gz) == Z_OK);
	}
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
		deflate_with(&z, plain, sizeof(plain), fs[k], 9,
		    Z_DEFAULT_STRATEGY, false);
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
	deflate_with(&z, plain, 100, INFLATE_ZLIB, 9, Z_DEFAULT_STRATEGY,
	    false);
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

/* A small deterministic generator (xorshift). */
static uint32_t
next_rand(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Inflates with both; returns whether they agree (noted when not). */
static bool
agree(const void *z, size_t n, size_t max, enum inflate_format f,
    const char *what, int *accepted)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	int ra, rb;
	bool same;

	ra = inflate_bounded(&a, z, n, max, f);
	rb = zlib_inflate(&b, z, n, max, f);
	same = (ra == 0) == (rb == 0) && (ra != 0 || (a.len == b.len &&
	    memcmp(a.data, b.data, a.len) == 0));
	if (!same)
		FAIL_AT("%s: inflate_bounded %d (%zu bytes), zlib %d (%zu bytes)",
		    what, ra, a.len, rb, b.len);
	if (ra == 0)
		(*accepted)++;
	buf_release(&a);
	buf_release(&b);
	return same;
}

/*
 * Every block kind zlib writes (stored, fixed, dynamic, RLE, Huffman
 * only), both wrappings, plain and with a full GZIP header, on text,
 * runs and noise; then each stream with bytes changed and cut short.
 */
static void
test_inflate__agrees_with_zlib(void)
{
	static const int levels[] = { 0, 1, 6, 9 };
	static const int strategies[] = { Z_DEFAULT_STRATEGY, Z_FIXED, Z_RLE,
	    Z_HUFFMAN_ONLY, Z_FILTERED };
	static const enum inflate_format fs[] = { INFLATE_ZLIB, INFLATE_GZIP };
	unsigned char plain[6000];
	struct buf z = BUF_INIT, bad = BUF_INIT;
	uint32_t x = 2463534242u;
	size_t i, n, cut;
	int l, st, k, kind, rounds, accepted = 0, mutated_ok = 0;
	char what[160];

	for (kind = 0; kind < 3; kind++) {
		for (i = 0; i < sizeof(plain); i++)
			plain[i] = kind == 0 ? (unsigned char)"the status list "
			    "of badges "[i % 26] : kind == 1 ? (unsigned char)
			    (i / 700) : (unsigned char)next_rand(&x);
		for (k = 0; k < 2; k++)
		for (l = 0; l < 4; l++)
		for (st = 0; st < 5; st++) {
			n = kind == 2 ? sizeof(plain) : 1 + next_rand(&x) %
			    sizeof(plain);
			buf_reset(&z);
			deflate_with(&z, plain, n, fs[k], levels[l],
			    strategies[st], (st & 1) != 0);
			snprintf(what, sizeof(what), "data %d format %d level "
			    "%d strategy %d", kind, k, levels[l], st);
			agree(z.data, z.len, sizeof(plain), fs[k], what,
			    &accepted);
			for (rounds = 0; rounds < 60; rounds++) {
				buf_reset(&bad);
				buf_put(&bad, z.data, z.len);
				i = next_rand(&x) % bad.len;
				bad.data[i] ^= (char)(1u << (next_rand(&x) %
				    8));
				if (rounds % 3 == 0)
					bad.data[next_rand(&x) % bad.len] =
					    (char)next_rand(&x);
				cut = rounds % 5 == 0 ? next_rand(&x) %
				    bad.len : bad.len;
				snprintf(what, sizeof(what), "data %d format "
				    "%d level %d strategy %d, byte %zu "
				    "changed, %zu bytes", kind, k, levels[l],
				    st, i, cut);
				agree(bad.data, cut, sizeof(plain), fs[k], what,
				    &mutated_ok);
			}
		}
	}
	INT_EQ(accepted, 3 * 2 * 4 * 5);
	/* Some changed streams still inflate (a literal's bits, say). */
	OK(mutated_ok > 0);
	buf_release(&z);
	buf_release(&bad);
}

/* Hand-made streams at the edges of what zlib allows. */
static void
test_inflate__edges(void)
{
	static const struct {
		const char	*name;
		const char	*hex;
		int		 ok;
	} cases[] = {
		/* An empty fixed block; an empty stored block. */
		{ "empty fixed", "789c030000000001", 1 },
		{ "empty stored", "7801010000ffff00000001", 1 },
		{ "stored lengths differ", "7801010000fffe00000001", 0 },
		{ "reserved block type", "789c07", 0 },
		{ "preset dictionary", "78bb030000000001", 0 },
		{ "window too large", "889c030000000001", 0 },
		{ "header check", "789d030000000001", 0 },
		{ "adler-32", "789c030000000002", 0 },
		/* Dynamic block, only end-of-block, one code length of 1. */
		{ "one-code literal set", "7801050000200000000001", 0 },
		{ "distance before the start", "789c63000200000100", 0 },
	};
	struct buf z = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	size_t i, k;
	unsigned v;
	int ra, rb;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&z);
		for (k = 0; cases[i].hex[k] != '\0'; k += 2) {
			sscanf(cases[i].hex + k, "%2x", &v);
			buf_putc(&z, (int)v);
		}
		buf_reset(&a);
		buf_reset(&b);
		ra = inflate_bounded(&a, z.data, z.len, 100, INFLATE_ZLIB);
		rb = zlib_inflate(&b, z.data, z.len, 100, INFLATE_ZLIB);
		if ((ra == 0) != (rb == 0))
			FAIL_AT("%s: inflate_bounded %d, zlib %d", cases[i].name,
			    ra, rb);
		if ((rb == 0) != cases[i].ok)
			FAIL_AT("%s: zlib %d, the case expects %s",
			    cases[i].name, rb, cases[i].ok ? "success" :
			    "refusal");
	}
	buf_release(&z);
	buf_release(&a);
	buf_release(&b);
}

/* inflate_crc32 is zlib's crc32, in one piece and in two. */
static void
test_inflate__crc32(void)
{
	unsigned char data[1000];
	size_t i;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 31 + 7);
	INT_EQ(inflate_crc32(0, "123456789", 9), 0xcbf43926u);
	INT_EQ(inflate_crc32(0, data, sizeof(data)),
	    crc32(0, data, sizeof(data)));
	INT_EQ(inflate_crc32(inflate_crc32(0, data, 300), data + 300, 700),
	    crc32(0, data, sizeof(data)));
	INT_EQ(inflate_crc32(0, "", 0), 0);
}

TESTS(T(test_inflate__round_trip), T(test_inflate__bomb),
    T(test_inflate__agrees_with_zlib), T(test_inflate__edges),
    T(test_inflate__crc32))
