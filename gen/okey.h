/*
 * okey.h - output keys: a 128-bit BLAKE2b digest of everything an
 * output file is made from, so that a build can tell that a file of the
 * previous build is still what it would make.  Every item is added with
 * its length, so that no two different sequences of items give the same
 * key.
 */
#ifndef BADGEGEN_OKEY_H
#define BADGEGEN_OKEY_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

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
