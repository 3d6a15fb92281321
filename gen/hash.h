/*
 * hash.h - message digests (mbedTLS) and Open Badges identity hashes.
 */
#ifndef BADGEGEN_HASH_H
#define BADGEGEN_HASH_H

#include <stddef.h>

#include "diag.h"

#define SHA256_LEN	32
#define SHA384_LEN	48
#define SHA512_LEN	64
#define MD5_LEN		16

/* Writes the SHA-256 (-384, -512) digest of p[0..n) to out. */
void	 sha256(unsigned char out[SHA256_LEN], const void *p, size_t n);
void	 sha384(unsigned char out[SHA384_LEN], const void *p, size_t n);
void	 sha512(unsigned char out[SHA512_LEN], const void *p, size_t n);
/* Writes the MD5 digest of p[0..n) to out: legacy identity hashes only. */
void	 md5(unsigned char out[MD5_LEN], const void *p, size_t n);

/*
 * Whether an Open Badges identity hash matches a plaintext identity.
 * hash is "sha256$<hex>" or "md5$<hex>" (algorithm and hex digits in any
 * case); the digest is taken over plaintext followed by salt (NULL: no
 * salt), both as given.  Returns 1 on a match, 0 on a mismatch, and -1
 * after reporting through d when hash is malformed.
 */
int	 identity_hash_match(const char *hash, const char *plaintext,
	    const char *salt, struct diag *d);

#endif
