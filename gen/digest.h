/*
 * digest.h - SHA-256, SHA-384, SHA-512 (FIPS 180-4) and MD5 (RFC 1321)
 * in plain C.
 *
 * The WebAssembly verifier has neither mbedTLS nor libsodium: its
 * crypto module (sig_wasm.c) computes digests here, synchronously,
 * because canonicalization hashes as it goes.  badgegen itself goes
 * through sig.c; t_digest checks that both give the same digests.
 * The states are the caller's (on the stack, say); nothing allocates.
 */
#ifndef BADGEGEN_DIGEST_H
#define BADGEGEN_DIGEST_H

#include <stddef.h>
#include <stdint.h>

struct digest256 {
	uint32_t	 h[8];
	uint64_t	 bytes;		/* hashed so far */
	unsigned char	 block[64];
	size_t		 used;		/* bytes of block filled */
};

struct digest512 {
	uint64_t	 h[8];
	uint64_t	 bytes;
	unsigned char	 block[128];
	size_t		 used;
	size_t		 outlen;	/* 48 for SHA-384, 64 for SHA-512 */
};

/* SHA-256 piece by piece: init, any number of updates, final. */
void	 digest256_init(struct digest256 *s);
void	 digest256_update(struct digest256 *s, const void *p, size_t n);
void	 digest256_final(struct digest256 *s, unsigned char out[32]);

/* SHA-512 (outlen 64) or SHA-384 (outlen 48) piece by piece. */
void	 digest512_init(struct digest512 *s, size_t outlen);
void	 digest512_update(struct digest512 *s, const void *p, size_t n);
/* Writes s->outlen bytes to out. */
void	 digest512_final(struct digest512 *s, unsigned char *out);

/* One-shot digests of p[0..n). */
void	 digest_sha256(unsigned char out[32], const void *p, size_t n);
void	 digest_sha384(unsigned char out[48], const void *p, size_t n);
void	 digest_sha512(unsigned char out[64], const void *p, size_t n);
void	 digest_md5(unsigned char out[16], const void *p, size_t n);

#endif
