/*
 * sig_mbedtls.h - the mbedTLS side of sig.c that the signing module
 * (sign.c) shares, and that tests and benchmarks look into.  Code of
 * the verification stages never includes it: they see sig.h only.
 */
#ifndef BADGEGEN_SIG_MBEDTLS_H
#define BADGEGEN_SIG_MBEDTLS_H

#include <mbedtls/ecp.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>

#include "sig.h"

/* mbedTLS's text for error ret, written to b (n bytes); returns b. */
const char *sig_mbedtls_err(int ret, char *b, size_t n);

/* A random generator for mbedTLS (blinding, nonces): libsodium's. */
int	 sig_mbedtls_rng(void *ctx, unsigned char *out, size_t len);

/* The mbedTLS group of curve t (KEY_EC_P256 or KEY_EC_P384). */
mbedtls_ecp_group_id sig_mbedtls_group(enum key_type t);

/*
 * Fills the fixed-point table for the generator of grp, which mbedTLS
 * would otherwise build, without a lock, inside the first operation
 * that needs it.  Returns 0, or -1 after reporting.
 */
int	 sig_mbedtls_ec_warm(mbedtls_ecp_group *grp, const char *name,
	    struct diag *d);

/*
 * Writes the digest alg signs (SHA-256, -384 or -512) of msg[0..len) to
 * out and its length to *hlen; returns its mbedTLS id
 * (MBEDTLS_MD_NONE, *hlen 0, for EdDSA and SIG_NONE).
 */
mbedtls_md_type_t sig_mbedtls_digest(enum sig_alg alg, const void *msg,
	    size_t len, unsigned char out[SHA512_LEN], size_t *hlen);

/* The mbedTLS context of an RSA or EC key (read-only). */
const mbedtls_pk_context *sig_mbedtls_pk(const struct sig_pub *p);

#endif
