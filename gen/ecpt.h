/*
 * ecpt.h - elliptic-curve points in plain C: what the WebAssembly
 * verifier must know of a public key before it hands the key to the
 * platform's WebCrypto.  P-256 and P-384 points are checked to lie on
 * their curve and compressed ones expanded, as mbedTLS does for
 * badgegen (sig.c); Ed25519 points are valid exactly when libsodium's
 * crypto_core_ed25519_is_valid_point says so.  t_ecpt checks both
 * agreements.  Public data only: nothing here is constant-time.
 */
#ifndef BADGEGEN_ECPT_H
#define BADGEGEN_ECPT_H

#include <stdbool.h>
#include <stddef.h>

/* The largest coordinate: P-384's 48 bytes. */
#define ECPT_COORD_MAX	48

/*
 * Whether x and y (coord bytes each, big-endian; 32 for P-256, 48 for
 * P-384) are below the field prime and satisfy y^2 = x^3 - 3x + b.
 */
bool	 ecpt_nist_on_curve(size_t coord, const unsigned char *x,
	    const unsigned char *y);

/*
 * Expands the compressed point in (02 or 03, then x: 1 + coord bytes)
 * into 04 || x || y at out (1 + 2 * coord bytes).  Returns 0, or -1
 * when in is malformed or x is not the abscissa of a curve point.
 */
int	 ecpt_nist_decompress(unsigned char *out, size_t coord,
	    const unsigned char *in, size_t inlen);

/*
 * Whether the 32 bytes are a canonical encoding of an Ed25519 point of
 * the prime-order subgroup other than one of small order.
 */
bool	 ecpt_ed25519_valid(const unsigned char p[32]);

/*
 * Whether the 32 bytes encode (canonically or not, either sign) a point
 * of small order: libsodium refuses a signature whose R is one.
 */
bool	 ecpt_ed25519_small_order(const unsigned char p[32]);

#endif
