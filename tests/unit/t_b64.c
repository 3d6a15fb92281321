/* t_b64.c - base64, base64url, base58btc and multibase. */
#include <stdint.h>

#include "b64.h"
#include "harness.h"

struct vec {
	const char	*raw;
	size_t		 len;
	const char	*enc;
};

/* RFC 4648 section 10. */
static const struct vec rfc4648[] = {
	{ "", 0, "" }, { "f", 1, "Zg" }, { "fo", 2, "Zm8" },
	{ "foo", 3, "Zm9v" }, { "foob", 4, "Zm9vYg" },
	{ "fooba", 5, "Zm9vYmE" }, { "foobar", 6, "Zm9vYmFy" },
};

/* Decodes s as base64url; returns 0/-1 and leaves the message in msg. */
static int
url(struct buf *out, const char *s, struct buf *msg)
{
	struct diag d = DIAG_INIT;

	buf_reset(out);
	buf_reset(msg);
	d.quiet = true;
	d.capture = msg;
	return b64url_decode(out, s, strlen(s), "t", &d);
}

static int
std64(struct buf *out, const char *s, int flags, struct buf *msg)
{
	struct diag d = DIAG_INIT;

	buf_reset(out);
	buf_reset(msg);
	d.quiet = true;
	d.capture = msg;
	return b64_decode(out, s, strlen(s), flags, "t", &d);
}

static int
b58(struct buf *out, const char *s, struct buf *msg)
{
	struct diag d = DIAG_INIT;

	buf_reset(out);
	buf_reset(msg);
	d.quiet = true;
	d.capture = msg;
	return b58_decode(out, s, strlen(s), "t", &d);
}

static void
test_b64__rfc4648(void)
{
	struct buf o = BUF_INIT, m = BUF_INIT, e = BUF_INIT;
	static const char *padded[] = {
		"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"
	};
	size_t i;

	for (i = 0; i < sizeof(rfc4648) / sizeof(rfc4648[0]); i++) {
		buf_reset(&e);
		b64url_encode(&e, rfc4648[i].raw, rfc4648[i].len);
		STR_EQ(e.data, rfc4648[i].enc);
		INT_EQ(url(&o, rfc4648[i].enc, &m), 0);
		INT_EQ(o.len, rfc4648[i].len);
		MEM_EQ(o.data, rfc4648[i].raw, rfc4648[i].len);
		INT_EQ(b64url_decoded_len(strlen(rfc4648[i].enc)),
		    rfc4648[i].len);
		buf_reset(&e);
		b64_encode(&e, rfc4648[i].raw, rfc4648[i].len);
		STR_EQ(e.data, padded[i]);
		INT_EQ(std64(&o, padded[i], 0, &m), 0);
		INT_EQ(o.len, rfc4648[i].len);
		MEM_EQ(o.data, rfc4648[i].raw, rfc4648[i].len);
	}
	buf_release(&o);
	buf_release(&m);
	buf_release(&e);
}

static void
test_b64__alphabets(void)
{
	struct buf o = BUF_INIT, m = BUF_INIT, e = BUF_INIT;
	static const unsigned char raw[] = { 0xfb, 0xff, 0xbf };

	b64url_encode(&e, raw, 3);
	STR_EQ(e.data, "-_-_");
	buf_reset(&e);
	b64_encode(&e, raw, 3);
	STR_EQ(e.data, "+/+/");
	INT_EQ(url(&o, "-_-_", &m), 0);
	MEM_EQ(o.data, raw, 3);
	INT_EQ(std64(&o, "+/+/", 0, &m), 0);
	MEM_EQ(o.data, raw, 3);
	buf_release(&o);
	buf_release(&m);
	buf_release(&e);
}

struct reject {
	const char	*in;
	const char	*msg;
};

static void
test_b64__url_rejects(void)
{
	static const struct reject r[] = {
		{ "Zg==", "padding '=' at offset 2" },
		{ "Zm8=", "padding '='" },
		{ "+/+/", "'+' at offset 0 (base64url uses '-' and '_')" },
		{ "ab/c", "'/' at offset 2" },
		{ "Zm 9v", "whitespace at offset 2" },
		{ "Zm9v\n", "whitespace at offset 4" },
		{ "Zm9vY", "impossible length 5" },
		{ "Z", "impossible length 1" },
		{ "Zh", "non-zero bits after the last byte" },
		{ "Zm9", "non-zero bits after the last byte" },
		{ "Zm9\xc3", "byte 0xc3 at offset 3" },
		{ "Zm.v", "'.' at offset 2" },
	};
	struct buf o = BUF_INIT, m = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		buf_puts(&o, "keep");
		if (url(&o, r[i].in, &m) == 0)
			FAIL_AT("accepted \"%s\"", r[i].in);
		else if (strstr(m.data, r[i].msg) == NULL)
			FAIL_AT("\"%s\": message \"%s\" lacks \"%s\"",
			    r[i].in, m.data, r[i].msg);
		OK(strstr(m.data, "error: t: invalid base64url") == m.data);
	}
	/* A failed decode leaves what was there. */
	buf_reset(&o);
	buf_puts(&o, "keep");
	buf_reset(&m);
	{
		struct diag d = DIAG_INIT;

		d.quiet = true;
		OK(b64url_decode(&o, "Zg==", 4, "t", &d) < 0);
	}
	STR_EQ(o.data, "keep");
	buf_release(&o);
	buf_release(&m);
}

static void
test_b64__std_rejects(void)
{
	static const struct reject r[] = {
		{ "Zg", "not a multiple of 4" },
		{ "Zg=", "not a multiple of 4" },
		{ "Z===", "misplaced padding" },
		{ "Zm=v", "misplaced padding" },
		{ "Zh==", "non-zero bits" },
		{ "Zm9=", "non-zero bits" },
		{ "-_8=", "'-' at offset 0 (base64 uses '+' and '/')" },
		{ "Zm9v\nYmFy", "whitespace" },
	};
	struct buf o = BUF_INIT, m = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		if (std64(&o, r[i].in, 0, &m) == 0)
			FAIL_AT("accepted \"%s\"", r[i].in);
		else if (strstr(m.data, r[i].msg) == NULL)
			FAIL_AT("\"%s\": message \"%s\" lacks \"%s\"",
			    r[i].in, m.data, r[i].msg);
	}
	INT_EQ(std64(&o, " Zm9v\r\nYmE=\n", B64_WS, &m), 0);
	STR_EQ(o.data, "fooba");
	OK(std64(&o, "Zm9v\nYmE", B64_WS, &m) < 0);
	buf_release(&o);
	buf_release(&m);
}

static void
test_b64__round_trip(void)
{
	struct buf e = BUF_INIT, o = BUF_INIT, m = BUF_INIT;
	unsigned char raw[300];
	uint32_t x = 12345;
	size_t n, i;

	for (n = 0; n < sizeof(raw); n++) {
		for (i = 0; i < n; i++) {
			x = x * 1103515245 + 12345;
			raw[i] = (unsigned char)(x >> 16);
		}
		buf_reset(&e);
		b64url_encode(&e, raw, n);
		OK(strchr(e.data, '=') == NULL);
		if (url(&o, e.data, &m) != 0 || o.len != n ||
		    memcmp(o.data, raw, n) != 0)
			FAIL_AT("base64url round trip of %zu bytes", n);
		buf_reset(&e);
		b64_encode(&e, raw, n);
		if (std64(&o, e.data, 0, &m) != 0 || o.len != n ||
		    memcmp(o.data, raw, n) != 0)
			FAIL_AT("base64 round trip of %zu bytes", n);
		if (n < 64) {
			buf_reset(&e);
			b58_encode(&e, raw, n);
			if (b58(&o, e.data, &m) != 0 || o.len != n ||
			    memcmp(o.data, raw, n) != 0)
				FAIL_AT("base58 round trip of %zu bytes", n);
		}
	}
	buf_release(&e);
	buf_release(&o);
	buf_release(&m);
}

static void
test_b64__base58(void)
{
	/* draft-msporny-base58-03 section 5; Multikey of the OB 3.0 vector. */
	static const struct {
		const char	*hex;
		const char	*enc;
	} v[] = {
		{ "48656c6c6f20576f726c6421", "2NEpo7TZRRrLZSi2U" },
		{ "54686520717569636b2062726f776e20666f78206a756d7073206f76657220"
		  "746865206c617a7920646f672e",
		  "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z" },
		{ "0000287fb4cd", "11233QC4" },
		{ "", "" },
		{ "00", "1" },
		{ "ed014bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca0"
		  "4cc5a5", "6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi" },
	};
	struct buf e = BUF_INIT, o = BUF_INIT, m = BUF_INIT;
	unsigned char raw[64];
	unsigned hi;
	size_t i, j, n;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		n = strlen(v[i].hex) / 2;
		for (j = 0; j < n; j++) {
			sscanf(v[i].hex + 2 * j, "%2x", &hi);
			raw[j] = (unsigned char)hi;
		}
		buf_reset(&e);
		b58_encode(&e, raw, n);
		STR_EQ(e.data, v[i].enc);
		INT_EQ(b58(&o, v[i].enc, &m), 0);
		INT_EQ(o.len, n);
		MEM_EQ(o.data, raw, n);
	}
	buf_release(&e);
	buf_release(&o);
	buf_release(&m);
}

static void
test_b64__base58_rejects(void)
{
	static const struct reject r[] = {
		{ "z0", "'0' at offset 1" },
		{ "O", "'O' at offset 0" },
		{ "abI", "'I' at offset 2" },
		{ "l", "'l' at offset 0" },
		{ "ab+", "'+'" },
		{ "ab ", "byte 0x20 at offset 2" },
		{ "a\xff", "byte 0xff at offset 1" },
	};
	struct buf o = BUF_INIT, m = BUF_INIT, big = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		if (b58(&o, r[i].in, &m) == 0)
			FAIL_AT("accepted \"%s\"", r[i].in);
		else if (strstr(m.data, r[i].msg) == NULL)
			FAIL_AT("\"%s\": message \"%s\" lacks \"%s\"",
			    r[i].in, m.data, r[i].msg);
	}
	for (i = 0; i <= B58_MAX_INPUT; i++)
		buf_putc(&big, 'z');
	OK(b58(&o, big.data, &m) < 0);
	OK(strstr(m.data, "too long") != NULL);
	buf_truncate(&big, B58_MAX_INPUT);
	INT_EQ(b58(&o, big.data, &m), 0);
	buf_release(&o);
	buf_release(&m);
	buf_release(&big);
}

static void
test_b64__multibase(void)
{
	struct buf o = BUF_INIT, m = BUF_INIT, e = BUF_INIT;
	struct diag d = DIAG_INIT;
	static const unsigned char raw[] = { 0x00, 0xfb, 0xff, 0x01 };

	d.quiet = true;
	d.capture = &m;
	multibase_encode(&e, 'z', raw, sizeof(raw));
	STR_EQ(e.data, "z12TeHE");
	OK(multibase_decode(&o, e.data, e.len, "t", &d) == 0);
	INT_EQ(o.len, 4);
	MEM_EQ(o.data, raw, 4);
	buf_reset(&e);
	buf_reset(&o);
	multibase_encode(&e, 'u', raw, sizeof(raw));
	STR_EQ(e.data, "uAPv_AQ");
	OK(multibase_decode(&o, e.data, e.len, "t", &d) == 0);
	MEM_EQ(o.data, raw, 4);
	OK(multibase_decode(&o, "f00fb", 5, "t", &d) < 0);
	OK(strstr(m.data, "unsupported multibase prefix 'f'") != NULL);
	OK(multibase_decode(&o, "", 0, "t", &d) < 0);
	OK(multibase_decode(&o, "uAPv_AQ==", 9, "t", &d) < 0);
	OK(multibase_decode(&o, "z0", 2, "t", &d) < 0);
	buf_release(&o);
	buf_release(&m);
	buf_release(&e);
}

TESTS(T(test_b64__rfc4648), T(test_b64__alphabets),
    T(test_b64__url_rejects), T(test_b64__std_rejects),
    T(test_b64__round_trip), T(test_b64__base58),
    T(test_b64__base58_rejects), T(test_b64__multibase))
