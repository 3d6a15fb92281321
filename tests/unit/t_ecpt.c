/*
 * t_ecpt.c - the plain C point checks of the WebAssembly verifier give
 * badgegen's answers: P-256 and P-384 points expanded and checked as
 * mbedTLS does (sig_ec_decompress, sig_pub_ec), Ed25519 points judged
 * as libsodium does (sig_ed25519_valid), on real keys, on every point
 * of small order in every encoding, and on many made-up ones.
 */
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "ecpt.h"
#include "sig.h"
#include "harness.h"

/* A small deterministic generator (xorshift). */
static uint32_t
next_rand(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Whether mbedTLS takes 04 || x || y as a point of the curve. */
static bool
mbedtls_takes(enum key_type t, const unsigned char *pt, size_t n)
{
	struct diag d = DIAG_INIT;
	struct sig_pub *p = NULL;
	bool ok;

	d.quiet = true;
	ok = sig_pub_ec(&p, t, pt, n, "test", &d) == 0;
	sig_pub_free(p);
	return ok;
}

static void
nist_case(enum key_type t, const unsigned char *comp, bool *expanded)
{
	size_t coord = t == KEY_EC_P384 ? 48 : 32;
	unsigned char a[1 + 2 * ECPT_COORD_MAX], b[1 + 2 * ECPT_COORD_MAX];
	struct diag d = DIAG_INIT;
	int ra, rb;

	d.quiet = true;
	ra = sig_ec_decompress(a, t, comp, coord + 1, "test", &d);
	rb = ecpt_nist_decompress(b, coord, comp, coord + 1);
	if (ra != rb)
		FAIL_AT("decompress: mbedTLS %d, ecpt %d", ra, rb);
	else if (ra == 0 && memcmp(a, b, 1 + 2 * coord) != 0)
		FAIL_AT("decompress: different y");
	if (ra != 0)
		return;
	*expanded = true;
	if (!ecpt_nist_on_curve(coord, b + 1, b + 1 + coord) ||
	    !mbedtls_takes(t, b, 1 + 2 * coord))
		FAIL_AT("an expanded point is not on the curve");
	/* One bit of y changed: off the curve for both. */
	b[1 + 2 * coord - 1] ^= 1;
	if (ecpt_nist_on_curve(coord, b + 1, b + 1 + coord) !=
	    mbedtls_takes(t, b, 1 + 2 * coord))
		FAIL_AT("a changed point: ecpt and mbedTLS disagree");
}

static void
test_ecpt__nist_as_mbedtls(void)
{
	static const enum key_type ts[] = { KEY_EC_P256, KEY_EC_P384 };
	unsigned char comp[1 + ECPT_COORD_MAX], pt[1 + 2 * ECPT_COORD_MAX];
	uint32_t x = 88172645u;
	size_t k, i, coord;
	int n, good;
	bool expanded;

	for (k = 0; k < 2; k++) {
		coord = ts[k] == KEY_EC_P384 ? 48 : 32;
		good = 0;
		for (n = 0; n < 300; n++) {
			comp[0] = (unsigned char)(2 + n % 2);
			for (i = 1; i <= coord; i++)
				comp[i] = (unsigned char)next_rand(&x);
			/* Near and above the prime too. */
			if (n % 10 == 0)
				memset(comp + 1, 0xff, coord - 1);
			expanded = false;
			nist_case(ts[k], comp, &expanded);
			good += expanded;
		}
		/* About half of all x are abscissas. */
		OK(good > 100 && good < 200);
		/* x = 0, and a point of the wrong size or prefix. */
		memset(comp + 1, 0, coord);
		expanded = false;
		nist_case(ts[k], comp, &expanded);
		comp[0] = 4;
		OK(ecpt_nist_decompress(pt, coord, comp, coord + 1) < 0);
		OK(ecpt_nist_decompress(pt, coord, comp, coord) < 0);
		OK(!ecpt_nist_on_curve(31, comp, comp));
	}
}

/* An Ed25519 point of order 8 (y, little-endian). */
static const unsigned char ord8[32] = {
	0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89,
	0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39,
	0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05
};

/* Ed25519: ecpt and libsodium on one encoding. */
static void
ed_case(const unsigned char *p, int *valid)
{
	bool a = sig_ed25519_valid(p), b = ecpt_ed25519_valid(p);

	if (a != b)
		FAIL_AT("Ed25519 %02x%02x..%02x: libsodium %d, ecpt %d", p[0],
		    p[1], p[31], a, b);
	*valid += a;
}

static void
test_ecpt__ed25519_as_libsodium(void)
{
	unsigned char pk[32], sk[64], p[32], scalar[32];
	uint32_t x = 2463534242u;
	int n, i, k, valid = 0, before;

	OK(sodium_init() >= 0);
	/* Real keys, and each with its sign bit flipped. */
	for (n = 0; n < 40; n++) {
		memset(scalar, 0, sizeof(scalar));
		scalar[0] = (unsigned char)n;
		crypto_sign_seed_keypair(pk, sk, scalar);
		before = valid;
		ed_case(pk, &valid);
		if (valid != before + 1)
			FAIL_AT("a real key is not valid");
		pk[31] ^= 0x80;
		ed_case(pk, &valid);
	}
	/* Small y in every encoding: 0, 1, 2, p - 1, p, p + 1, 2^255 - 1. */
	for (n = 0; n < 8; n++) {
		for (k = 0; k < 2; k++) {
			memset(p, n < 4 ? 0 : 0xff, sizeof(p));
			if (n < 4) {
				p[0] = (unsigned char)n;
			} else {
				p[0] = (unsigned char)(0xec + n - 4);
				p[31] = 0x7f;
			}
			if (k)
				p[31] ^= 0x80;
			ed_case(p, &valid);
		}
	}
	/* The points of order 8 and their negatives, both signs. */
	for (k = 0; k < 4; k++) {
		unsigned int borrow = 0;

		memcpy(p, ord8, sizeof(p));
		if (k & 1) {
			/* p - y: 2^255 - 19 - y, little-endian. */
			for (i = 0; i < 32; i++) {
				int v = (i == 0 ? 0xed : i == 31 ? 0x7f :
				    0xff) - ord8[i] - (int)borrow;

				borrow = v < 0;
				p[i] = (unsigned char)(v + (v < 0 ? 256 : 0));
			}
		}
		if (k & 2)
			p[31] ^= 0x80;
		ed_case(p, &valid);
	}
	/* Random encodings: some are points, few in the subgroup. */
	for (n = 0; n < 400; n++) {
		for (i = 0; i < 32; i++)
			p[i] = (unsigned char)next_rand(&x);
		ed_case(p, &valid);
	}
	/*
	 * Real keys plus a point of small order: on the curve, outside the
	 * subgroup.
	 */
	for (n = 0; n < 20; n++) {
		memset(scalar, 0, sizeof(scalar));
		scalar[0] = (unsigned char)(n + 100);
		crypto_sign_seed_keypair(pk, sk, scalar);
		if (crypto_core_ed25519_add(p, pk, ord8) == 0)
			ed_case(p, &valid);
	}
	OK(valid >= 80);
}

/*
 * The encodings libsodium takes for points of small order (its
 * blacklist: y = 0, 1, the two of order 8, p - 1, p, p + 1, either
 * sign), which make it refuse a signature whose R is one.
 */
static void
test_ecpt__ed25519_small_order(void)
{
	unsigned char p[32], pk[32], sk[64], seed[32];
	int k, n = 0;

	for (k = 0; k < 2; k++) {
		memset(p, 0, sizeof(p));
		p[31] = (unsigned char)(k ? 0x80 : 0);
		n += ecpt_ed25519_small_order(p);
		p[0] = 1;
		n += ecpt_ed25519_small_order(p);
		p[0] = 2;
		n += !ecpt_ed25519_small_order(p);
		memcpy(p, ord8, sizeof(p));
		p[31] |= (unsigned char)(k ? 0x80 : 0);
		n += ecpt_ed25519_small_order(p);
		memset(p, 0xff, sizeof(p));
		p[31] = (unsigned char)(k ? 0xff : 0x7f);
		p[0] = 0xec;
		n += ecpt_ed25519_small_order(p);
		p[0] = 0xed;
		n += ecpt_ed25519_small_order(p);
		p[0] = 0xee;
		n += ecpt_ed25519_small_order(p);
		p[0] = 0xef;
		n += !ecpt_ed25519_small_order(p);
	}
	INT_EQ(n, 16);
	memset(seed, 7, sizeof(seed));
	crypto_sign_seed_keypair(pk, sk, seed);
	OK(!ecpt_ed25519_small_order(pk));
}

TESTS(T(test_ecpt__nist_as_mbedtls), T(test_ecpt__ed25519_as_libsodium),
    T(test_ecpt__ed25519_small_order))
