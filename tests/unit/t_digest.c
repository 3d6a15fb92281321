/*
 * t_digest.c - the plain C digests of the WebAssembly verifier: the
 * FIPS 180-4 and RFC 1321 examples, and the same digests as badgegen's
 * (sig.h: mbedTLS and libsodium) for every length around the block
 * boundaries and for data given in pieces.
 */
#include <stdio.h>
#include <string.h>

#include "digest.h"
#include "hash.h"
#include "sig.h"
#include "harness.h"

static void
hex_of(char *out, const unsigned char *p, size_t n)
{
	hex_encode(out, p, n);
	out[2 * n] = '\0';
}

static void
test_digest__published_examples(void)
{
	static const char million[] = "a";
	unsigned char d[64];
	char hex[129];
	struct digest256 s;
	struct digest512 t;
	int i;

	digest_sha256(d, "abc", 3);
	hex_of(hex, d, 32);
	STR_EQ(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff6"
	    "1f20015ad");
	digest_sha256(d, "", 0);
	hex_of(hex, d, 32);
	STR_EQ(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991"
	    "b7852b855");
	digest_sha256(d, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnop"
	    "nopq", 56);
	hex_of(hex, d, 32);
	STR_EQ(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd"
	    "419db06c1");
	digest_sha384(d, "abc", 3);
	hex_of(hex, d, 48);
	STR_EQ(hex, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605"
	    "a43ff5bed8086072ba1e7cc2358baeca134c825a7");
	digest_sha512(d, "abc", 3);
	hex_of(hex, d, 64);
	STR_EQ(hex, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee"
	    "64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac9"
	    "4fa54ca49f");
	digest_md5(d, "", 0);
	hex_of(hex, d, 16);
	STR_EQ(hex, "d41d8cd98f00b204e9800998ecf8427e");
	digest_md5(d, "message digest", 14);
	hex_of(hex, d, 16);
	STR_EQ(hex, "f96b697d7cb7938d525a2f31aaf161d0");
	/* A million times "a", one byte at a time. */
	digest256_init(&s);
	digest512_init(&t, 64);
	for (i = 0; i < 1000000; i++) {
		digest256_update(&s, million, 1);
		digest512_update(&t, million, 1);
	}
	digest256_final(&s, d);
	hex_of(hex, d, 32);
	STR_EQ(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39c"
	    "cc7112cd0");
	digest512_final(&t, d);
	hex_of(hex, d, 64);
	STR_EQ(hex, "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a80"
	    "3afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb2"
	    "17ad8cc09b");
}

/* Every length from 0 to 600 bytes, whole and in two pieces. */
static void
test_digest__as_badgegen(void)
{
	unsigned char data[600], a[64], b[64];
	struct digest256 s;
	struct digest512 t;
	size_t n, cut;

	for (n = 0; n < sizeof(data); n++)
		data[n] = (unsigned char)(n * 131 + 17);
	for (n = 0; n <= sizeof(data); n++) {
		cut = n * 7 / 11;
		sha256(a, data, n);
		digest_sha256(b, data, n);
		if (memcmp(a, b, 32) != 0)
			FAIL_AT("SHA-256 of %zu bytes differs", n);
		digest256_init(&s);
		digest256_update(&s, data, cut);
		digest256_update(&s, data + cut, n - cut);
		digest256_final(&s, b);
		if (memcmp(a, b, 32) != 0)
			FAIL_AT("SHA-256 of %zu bytes in pieces differs", n);
		sha384(a, data, n);
		digest512_init(&t, 48);
		digest512_update(&t, data, cut);
		digest512_update(&t, data + cut, n - cut);
		digest512_final(&t, b);
		if (memcmp(a, b, 48) != 0)
			FAIL_AT("SHA-384 of %zu bytes differs", n);
		sha512(a, data, n);
		digest_sha512(b, data, n);
		if (memcmp(a, b, 64) != 0)
			FAIL_AT("SHA-512 of %zu bytes differs", n);
		md5(a, data, n);
		digest_md5(b, data, n);
		if (memcmp(a, b, 16) != 0)
			FAIL_AT("MD5 of %zu bytes differs", n);
	}
}

TESTS(T(test_digest__published_examples), T(test_digest__as_badgegen))
