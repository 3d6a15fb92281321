/*
 * hash.h - Open Badges identity hashes, and hex digits.  The digests
 * themselves are sig.h's.
 */
#ifndef BADGEGEN_HASH_H
#define BADGEGEN_HASH_H

#include <stddef.h>

#include "diag.h"
#include "sig.h"

/* The value of hex digit c, or -1. */
int	 hex_value(int c);
/* Writes p[0..n) as 2n lower-case hex digits and a NUL to out. */
void	 hex_encode(char *out, const void *p, size_t n);

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
