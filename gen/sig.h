/*
 * sig.h - the cryptographic primitives of verification: message
 * digests, public keys and signature checks.
 *
 * Every call that verifying an award makes into a crypto library goes
 * through this module (sig.c: mbedTLS and libsodium); the modules above
 * it (key, jws, proof, rdfc, hash, verify) see bytes, key types and
 * algorithms only.  A build of the verification logic on another crypto
 * library (WebAssembly with the platform's WebCrypto, say) supplies
 * another sig.c and keeps everything else.  Signing is not here: see
 * sign.h.
 *
 * A struct sig_pub is an RSA or EC public key prepared for fast,
 * lock-free verification (see sig.c); Ed25519 keys are their 32 raw
 * bytes.  Messages name the key source given by the caller (`name').
 */
#ifndef BADGEGEN_SIG_H
#define BADGEGEN_SIG_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

#define SHA256_LEN	32
#define SHA384_LEN	48
#define SHA512_LEN	64
#define MD5_LEN		16

enum key_type {
	KEY_RSA = 1,
	KEY_EC_P256,
	KEY_EC_P384,
	KEY_ED25519
};

/* Signature algorithms, named as in JWA (RFC 7518, RFC 8037). */
enum sig_alg {
	SIG_NONE = 0,	/* unknown or not given */
	SIG_RS256,	/* RSASSA-PKCS1-v1_5, SHA-256 */
	SIG_RS384,
	SIG_RS512,
	SIG_PS256,	/* RSASSA-PSS, MGF1 with the same hash, salt = hash size */
	SIG_PS384,
	SIG_PS512,
	SIG_ES256,	/* ECDSA P-256, SHA-256, raw R||S (64 bytes) */
	SIG_ES384,	/* ECDSA P-384, SHA-384, raw R||S (96 bytes) */
	SIG_EDDSA	/* Ed25519 (RFC 8032), 64 bytes */
};

#define KEY_ED25519_LEN		32
#define KEY_RSA_MIN_BITS	2048
#define KEY_RSA_MAX_BITS	8192

/* sig_verify (and key_verify, jws_verify) return this for a wrong signature. */
#define KEY_EBADSIG	(-2)
/*
 * ... and this when the platform cannot check the signature: the
 * WebAssembly verifier's (sig_wasm.c) when the browser's WebCrypto
 * lacks the algorithm.  Verification reports it as "could not be
 * checked", never as a pass or a failure.
 */
#define KEY_EUNSUP	(-3)

/* Writes the SHA-256 (-384, -512) digest of p[0..n) to out. */
void	 sha256(unsigned char out[SHA256_LEN], const void *p, size_t n);
void	 sha384(unsigned char out[SHA384_LEN], const void *p, size_t n);
void	 sha512(unsigned char out[SHA512_LEN], const void *p, size_t n);
/* Writes the MD5 digest of p[0..n) to out: legacy identity hashes only. */
void	 md5(unsigned char out[MD5_LEN], const void *p, size_t n);

/*
 * A digest computed piece by piece: SHA-256 or SHA-384.  The state is
 * the caller's (on the stack, say); its bytes are the library's.
 */
enum sig_hash_alg {
	SIG_HASH_SHA256,
	SIG_HASH_SHA384
};

#define SIG_HASH_STATE	384	/* bytes: room for either library state */

struct sig_hash {
	enum sig_hash_alg alg;
	_Alignas(64) unsigned char state[SIG_HASH_STATE];
};

void	 sig_hash_init(struct sig_hash *h, enum sig_hash_alg alg);
void	 sig_hash_update(struct sig_hash *h, const void *p, size_t n);
/* Writes the digest to out and returns its length; h is spent. */
size_t	 sig_hash_final(struct sig_hash *h, unsigned char out[SHA384_LEN]);

/*
 * Overwrites n bytes at p with zeros, in a way the compiler keeps: for
 * secrets on their way (a private key read where a public one was
 * expected, decoded key text).
 */
void	 sig_wipe(void *p, size_t n);

/*
 * Starts the libraries (once per process; any thread may call it).
 * Returns 0, or -1 after reporting, naming `name'.
 */
int	 sig_init(const char *name, struct diag *d);

struct sig_pub;

/*
 * Public keys.  Each constructor returns 0 and sets *out (free it with
 * sig_pub_free), or reports through d and returns -1.
 *
 * RSA from the big-endian modulus n and exponent e (leading zeros
 * allowed): KEY_RSA_MIN_BITS to KEY_RSA_MAX_BITS bits, an exponent of at
 * most 256 bits.
 */
int	 sig_pub_rsa(struct sig_pub **out, const unsigned char *n,
	    size_t nlen, const unsigned char *e, size_t elen,
	    const char *name, struct diag *d);
/* EC of curve t (KEY_EC_P256 or KEY_EC_P384) from 04 || x || y. */
int	 sig_pub_ec(struct sig_pub **out, enum key_type t,
	    const unsigned char *pt, size_t ptlen, const char *name,
	    struct diag *d);
/*
 * From a DER SubjectPublicKeyInfo of an RSA or EC (P-256, P-384) key,
 * whose type goes to *type.  (Ed25519 SPKI is a fixed prefix and the
 * raw key: the caller's.)
 */
int	 sig_pub_spki(struct sig_pub **out, enum key_type *type,
	    const unsigned char *der, size_t n, const char *name,
	    struct diag *d);
/* From a DER PKCS#1 RSAPublicKey. */
int	 sig_pub_pkcs1(struct sig_pub **out, const unsigned char *der,
	    size_t n, const char *name, struct diag *d);
/* Frees a key; accepts NULL. */
void	 sig_pub_free(struct sig_pub *p);

/* Whether a and b are the same key (both may be NULL: false). */
bool	 sig_pub_equal(const struct sig_pub *a, const struct sig_pub *b);
/* The bit size of the key: the modulus for RSA, the curve for EC. */
size_t	 sig_pub_bits(const struct sig_pub *p);
/*
 * Appends the key's numbers: RSA n to a and e to b, big-endian without
 * leading zeros; EC x to a and y to b, each as long as the curve's
 * coordinates.
 */
void	 sig_pub_numbers(const struct sig_pub *p, struct buf *a,
	    struct buf *b);
/*
 * Appends the key in DER: a SubjectPublicKeyInfo, or (pkcs1, RSA keys
 * only) a PKCS#1 RSAPublicKey.  Returns 0, or -1 after reporting.
 */
int	 sig_pub_der(const struct sig_pub *p, bool pkcs1, struct buf *out,
	    struct diag *d);

/*
 * Expands a compressed point (02/03 || x) of curve t into 04 || x || y
 * at out (1 + 2 * 48 bytes at most).  Returns 0, or -1 after reporting
 * that it is malformed or not on the curve.
 */
int	 sig_ec_decompress(unsigned char *out, enum key_type t,
	    const unsigned char *in, size_t inlen, const char *name,
	    struct diag *d);
/* Whether pub is a canonical Ed25519 point of the main subgroup. */
bool	 sig_ed25519_valid(const unsigned char pub[KEY_ED25519_LEN]);

/*
 * Verifies sig over msg[0..len) with p and alg (RS*, PS*: an RSA key;
 * ES256, ES384: EC, raw R||S).  The caller has checked that alg fits p
 * and that siglen is the size alg needs.  Returns 0 when the signature
 * is valid, KEY_EBADSIG when it is not, -1 when the RSA key is too
 * small for the digest, KEY_EUNSUP when the platform cannot check it.
 * Thread-safe on a shared key.
 */
int	 sig_verify(const struct sig_pub *p, enum sig_alg alg,
	    const void *msg, size_t len, const unsigned char *sig,
	    size_t siglen);
/* Verifies a 64-byte Ed25519 signature; 0, KEY_EBADSIG or KEY_EUNSUP. */
int	 sig_verify_ed25519(const unsigned char pub[KEY_ED25519_LEN],
	    const void *msg, size_t len, const unsigned char sig[64]);

#endif
