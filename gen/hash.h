/*
 * hash.h - Open Badges identity hashes, hex, and the output keys of a
 * build.  The digests themselves are sig.h's.
 */
#ifndef BADGEGEN_HASH_H
#define BADGEGEN_HASH_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "diag.h"
#include "sig.h"

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

/*
 * Output keys: a 128-bit BLAKE2b digest of everything an output file is
 * made from, so that a build can tell that a file of the previous build
 * is still what it would make.  Every item is added with its length, so
 * that no two different sequences of items give the same key.
 */
#define OKEY_LEN	16

struct okey {
	unsigned char	 b[OKEY_LEN];
};

struct okey_state {
	crypto_generichash_state st;
};

/* Starts a key; purpose names what it is the key of ("award-page"). */
void	 okey_init(struct okey_state *k, const char *purpose);
void	 okey_add(struct okey_state *k, const void *p, size_t n);
/* A string; NULL is an item of its own, different from "". */
void	 okey_str(struct okey_state *k, const char *s);
void	 okey_u64(struct okey_state *k, uint64_t v);
void	 okey_key(struct okey_state *k, const struct okey *o);
void	 okey_final(struct okey_state *k, struct okey *out);

#endif
