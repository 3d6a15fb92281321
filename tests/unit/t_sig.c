/*
 * t_sig.c - the crypto primitives under verification: digests, public
 * keys from their numbers and DER, and signature checks.
 */
#include <string.h>

#include "harness.h"
#include "keyfiles.h"
#include "sig.h"
#include "sign.h"

static void
test_sig__digests(void)
{
	unsigned char d[SHA512_LEN];
	char h[2 * SHA512_LEN + 1];

	/* FIPS 180-2 "abc" examples; RFC 1321. */
	sha256(d, "abc", 3);
	hex(h, d, SHA256_LEN);
	STR_EQ(h, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	sha384(d, "abc", 3);
	hex(h, d, SHA384_LEN);
	STR_EQ(h, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
	    "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
	sha512(d, "abc", 3);
	hex(h, d, SHA512_LEN);
	STR_EQ(h, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	    "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
	md5(d, "abc", 3);
	hex(h, d, MD5_LEN);
	STR_EQ(h, "900150983cd24fb0d6963f7d28e17f72");
}

/* A digest fed in pieces equals the one-shot digest of the whole. */
static void
test_sig__hash_in_pieces(void)
{
	static const char text[] = "_:c14n0 <http://example.org/p> "
	    "\"a literal\" .\n_:c14n1 <http://example.org/q> _:c14n0 .\n";
	unsigned char one[SHA384_LEN], pieces[SHA384_LEN];
	struct sig_hash h;
	size_t i, n = sizeof(text) - 1;

	sig_hash_init(&h, SIG_HASH_SHA256);
	for (i = 0; i < n; i += 7)
		sig_hash_update(&h, text + i, n - i < 7 ? n - i : 7);
	INT_EQ(sig_hash_final(&h, pieces), SHA256_LEN);
	sha256(one, text, n);
	MEM_EQ(pieces, one, SHA256_LEN);
	sig_hash_init(&h, SIG_HASH_SHA384);
	sig_hash_update(&h, text, 10);
	sig_hash_update(&h, "", 0);
	sig_hash_update(&h, text + 10, n - 10);
	INT_EQ(sig_hash_final(&h, pieces), SHA384_LEN);
	sha384(one, text, n);
	MEM_EQ(pieces, one, SHA384_LEN);
}

/*
 * Keys made by the signing module: their numbers give the same key
 * back, their DER forms read back, and what the private key signs
 * verifies (and nothing else does).
 */
static void
test_sig__keys_and_signatures(void)
{
	static const enum key_type types[] = { KEY_EC_P256, KEY_EC_P384,
	    KEY_RSA };
	static const enum sig_alg algs[] = { SIG_ES256, SIG_ES384, SIG_RS256 };
	struct buf m = BUF_INIT, a = BUF_INIT, b = BUF_INIT, der = BUF_INIT;
	struct buf sig = BUF_INIT, pt = BUF_INIT;
	struct diag d = capture(&m);
	struct privkey *k;
	struct key *pub;
	struct sig_pub *p2, *p3;
	enum key_type t;
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		k = NULL;
		pub = NULL;
		p2 = p3 = NULL;
		buf_reset(&a);
		buf_reset(&b);
		buf_reset(&der);
		buf_reset(&sig);
		buf_reset(&pt);
		if (privkey_generate(&k, types[i], 0, &d) < 0 ||
		    privkey_public(&pub, k, &d) < 0) {
			FAIL_AT("%d: %s", types[i], m.data);
			goto next;
		}
		sig_pub_numbers(pub->pub, &a, &b);
		if (types[i] == KEY_RSA) {
			INT_EQ(sig_pub_bits(pub->pub), 2048);
			INT_EQ(a.len, 256);
			OK(b.len == 3 && memcmp(b.data, "\x01\x00\x01", 3) == 0);
			OK(sig_pub_rsa(&p2, (unsigned char *)a.data, a.len,
			    (unsigned char *)b.data, b.len, "n", &d) == 0);
		} else {
			INT_EQ(a.len, types[i] == KEY_EC_P384 ? 48 : 32);
			INT_EQ(b.len, a.len);
			buf_putc(&pt, 0x04);
			buf_put(&pt, a.data, a.len);
			buf_put(&pt, b.data, b.len);
			OK(sig_pub_ec(&p2, types[i], (unsigned char *)pt.data,
			    pt.len, "pt", &d) == 0);
		}
		OK(sig_pub_equal(pub->pub, p2));
		OK(sig_pub_der(pub->pub, false, &der, &d) == 0);
		OK(sig_pub_spki(&p3, &t, (unsigned char *)der.data, der.len,
		    "spki", &d) == 0);
		INT_EQ(t, types[i]);
		OK(sig_pub_equal(p2, p3));
		OK(privkey_sign(&sig, k, algs[i], "msg", 3, &d) == 0);
		INT_EQ(sig_verify(p3, algs[i], "msg", 3,
		    (unsigned char *)sig.data, sig.len), 0);
		INT_EQ(sig_verify(p3, algs[i], "msG", 3,
		    (unsigned char *)sig.data, sig.len), KEY_EBADSIG);
		sig.data[0] ^= 1;
		INT_EQ(sig_verify(p3, algs[i], "msg", 3,
		    (unsigned char *)sig.data, sig.len), KEY_EBADSIG);
next:
		sig_pub_free(p2);
		sig_pub_free(p3);
		key_free(pub);
		privkey_free(k);
	}
	OK(!sig_pub_equal(NULL, NULL));
	sig_pub_free(NULL);
	buf_release(&m);
	buf_release(&a);
	buf_release(&b);
	buf_release(&der);
	buf_release(&sig);
	buf_release(&pt);
}

/* A compressed point expands to the point the key holds. */
static void
test_sig__ec_decompress(void)
{
	struct buf m = BUF_INIT, x = BUF_INIT, y = BUF_INIT, c = BUF_INIT;
	struct diag d = capture(&m);
	unsigned char out[1 + 2 * 48];
	struct privkey *k = NULL;
	struct key *pub = NULL;

	if (privkey_generate(&k, KEY_EC_P384, 0, &d) < 0 ||
	    privkey_public(&pub, k, &d) < 0) {
		FAIL_AT("%s", m.data);
		goto out;
	}
	sig_pub_numbers(pub->pub, &x, &y);
	buf_putc(&c, 0x02 | (y.data[y.len - 1] & 1));
	buf_put(&c, x.data, x.len);
	OK(sig_ec_decompress(out, KEY_EC_P384, (unsigned char *)c.data,
	    c.len, "c", &d) == 0);
	INT_EQ(out[0], 0x04);
	MEM_EQ(out + 1, x.data, 48);
	MEM_EQ(out + 1 + 48, y.data, 48);
	/* The other y, and a point of the wrong size. */
	c.data[0] ^= 1;
	OK(sig_ec_decompress(out, KEY_EC_P384, (unsigned char *)c.data,
	    c.len, "c", &d) == 0);
	OK(memcmp(out + 1 + 48, y.data, 48) != 0);
	OK(sig_ec_decompress(out, KEY_EC_P256, (unsigned char *)c.data,
	    c.len, "c", &d) < 0);
	OK(strstr(m.data, "c: malformed compressed P-256 point") != NULL);
out:
	key_free(pub);
	privkey_free(k);
	buf_release(&m);
	buf_release(&x);
	buf_release(&y);
	buf_release(&c);
}

/* RFC 8032 7.1, TEST 1: the empty message. */
static void
test_sig__ed25519(void)
{
	static const unsigned char pub[32] = {
		0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b,
		0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3,
		0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07,
		0x51, 0x1a
	};
	static const unsigned char sig[64] = {
		0xe5, 0x56, 0x43, 0x00, 0xc3, 0x60, 0xac, 0x72, 0x90, 0x86,
		0xe2, 0xcc, 0x80, 0x6e, 0x82, 0x8a, 0x84, 0x87, 0x7f, 0x1e,
		0xb8, 0xe5, 0xd9, 0x74, 0xd8, 0x73, 0xe0, 0x65, 0x22, 0x49,
		0x01, 0x55, 0x5f, 0xb8, 0x82, 0x15, 0x90, 0xa3, 0x3b, 0xac,
		0xc6, 0x1e, 0x39, 0x70, 0x1c, 0xf9, 0xb4, 0x6b, 0xd2, 0x5b,
		0xf5, 0xf0, 0x59, 0x5b, 0xbe, 0x24, 0x65, 0x51, 0x41, 0x43,
		0x8e, 0x7a, 0x10, 0x0b
	};
	unsigned char bad[32];

	OK(sig_ed25519_valid(pub));
	INT_EQ(sig_verify_ed25519(pub, "", 0, sig), 0);
	INT_EQ(sig_verify_ed25519(pub, "x", 1, sig), KEY_EBADSIG);
	/* A y coordinate of 2 is no point of the curve. */
	memset(bad, 0, sizeof(bad));
	bad[0] = 2;
	OK(!sig_ed25519_valid(bad));
}

static void
test_sig__wipe(void)
{
	char s[] = "secret";

	sig_wipe(s, sizeof(s) - 1);
	OK(memcmp(s, "\0\0\0\0\0\0", 7) == 0);
}

TESTS(T(test_sig__digests), T(test_sig__hash_in_pieces),
    T(test_sig__keys_and_signatures), T(test_sig__ec_decompress),
    T(test_sig__ed25519), T(test_sig__wipe))
