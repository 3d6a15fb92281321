/*
 * key.h - public keys for verification.
 *
 * A struct key holds one public key: RSA (2048 to 8192 bits), EC P-256,
 * EC P-384 or Ed25519.  It is loaded from PEM (SPKI "PUBLIC KEY", PKCS#1
 * "RSA PUBLIC KEY", Ed25519 SPKI), from a JWK or a JWKS, from a Multikey
 * / did:key string, or from a verification method object, and it is
 * written back as JWK, PEM, Multikey or an RFC 7638 thumbprint.  The key
 * material and the arithmetic are sig.h's; signing keys are sign.h's.
 *
 * Loading prepares the key for fast, lock-free verification: RSA keys
 * get their Montgomery constant, EC keys their fixed-point (comb) table
 * for the generator.  After loading, a struct key is read-only, so any
 * number of threads may verify with it at once (key_verify and
 * jws_verify), provided the key was loaded before they started.
 * Loading costs about 20 us for RSA-2048 and 0.7 ms for P-256 (the
 * table: most of an ES256 verification); a caller that meets the same
 * key many times (a JWK in every token header) should load it once and
 * find it again by key_thumbprint.
 *
 * Messages name the key source given by the caller (`name'), e.g.
 * "keys/issuer.pem" or "simple.jwt: header jwk".
 */
#ifndef BADGEGEN_KEY_H
#define BADGEGEN_KEY_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "json.h"
#include "sig.h"

#define KEY_THUMBPRINT_LEN	43	/* base64url of a SHA-256 digest */
#define KEY_JWKS_MAX		1000	/* keys in a JWK set */

struct key {
	enum key_type	 type;
	char		*kid;	/* "kid" of the JWK it came from, or NULL */
	enum sig_alg	 alg;	/* "alg" of the JWK it came from, or SIG_NONE */
	struct sig_pub	*pub;	/* RSA, EC: the key, prepared */
	unsigned char	 ed25519[KEY_ED25519_LEN];	/* ED25519: raw key */
};

/* "RSA", "P-256", "P-384", "Ed25519". */
const char *key_type_name(enum key_type t);
/* "RS256", ..., "EdDSA"; "none" for SIG_NONE. */
const char *sig_alg_name(enum sig_alg a);
/* The algorithm named s (case-sensitive, as JWA), or SIG_NONE. */
enum sig_alg sig_alg_from_name(const char *s);
/* The key type an algorithm needs (RS* and PS*: KEY_RSA; ES256: P-256). */
enum key_type sig_alg_key_type(enum sig_alg a);

/*
 * Loaders.  Each returns 0 and sets *out to a new key (free it with
 * key_free), or reports through d and returns -1.
 */

/*
 * From one PEM block: "PUBLIC KEY" (SPKI: RSA, EC P-256/P-384, Ed25519)
 * or "RSA PUBLIC KEY" (PKCS#1).  Whitespace may surround the block;
 * private keys and certificates are refused.
 */
int	 key_from_pem(struct key **out, const char *pem, size_t len,
	    const char *name, struct diag *d);
/*
 * From a JWK object: kty "RSA" (n, e), "EC" (crv P-256/P-384, x, y),
 * "OKP" (crv Ed25519, x).  A JWK holding private members ("d", ...) or a
 * symmetric key is refused; "use" other than "sig" and "key_ops"
 * without "verify" are refused; "kid" and "alg" are kept.
 */
int	 key_from_jwk(struct key **out, const struct json *jwk,
	    const char *name, struct diag *d);
/*
 * From a JWK Set ({"keys": [...]}): the key whose "kid" is kid.  With
 * kid NULL the set must hold exactly one key.  Duplicate kids in the
 * set and sets of more than KEY_JWKS_MAX keys are refused.
 */
int	 key_from_jwks(struct key **out, const struct json *jwks,
	    const char *kid, const char *name, struct diag *d);
/*
 * From a Multikey value (multibase 'z' or 'u' of a multicodec key):
 * 0xed01 Ed25519 (z6Mk...), 0x8024 P-256 compressed (zDn...), 0x8124
 * P-384 compressed (z82...), 0x8524 RSA PKCS#1 DER.
 */
int	 key_from_multikey(struct key **out, const char *mb, size_t len,
	    const char *name, struct diag *d);
/*
 * From "did:key:<mb>" or a verification method id "did:key:<mb>#<mb>"
 * (the fragment, when present, must repeat <mb>).
 */
int	 key_from_did_key(struct key **out, const char *did,
	    const char *name, struct diag *d);
/*
 * From a verification method or key document object: "publicKeyMultibase"
 * (Multikey, Ed25519VerificationKey2020), "publicKeyJwk" (JsonWebKey2020),
 * "publicKeyPem" (OB 2.0 CryptographicKey) or "publicKeyBase58"
 * (Ed25519VerificationKey2018).  Exactly one of them must be present.
 */
int	 key_from_method(struct key **out, const struct json *vm,
	    const char *name, struct diag *d);

/*
 * The JSON-LD contexts a controller document needs (an issuer profile
 * or DID document that lists verification methods), after its own
 * contexts: verifiers that read it as JSON-LD in safe mode (jsonld.js,
 * @digitalbazaar/vc) reject a document whose contexts do not define
 * verificationMethod, assertionMethod, controller and the method's own
 * terms.  The DID context defines the relationships; the method's type
 * needs its own: Multikey KEY_CONTEXT_MULTIKEY, JsonWebKey
 * KEY_CONTEXT_JWK, Ed25519VerificationKey2020 KEY_CONTEXT_ED25519_2020
 * (KEY_CONTEXT_CID alone defines the relationships, Multikey and
 * JsonWebKey).  Every one is compiled into badgegen (contexts/).
 */
#define KEY_CONTEXT_DID		"https://www.w3.org/ns/did/v1"
#define KEY_CONTEXT_MULTIKEY	"https://w3id.org/security/multikey/v1"
#define KEY_CONTEXT_JWK		"https://w3id.org/security/jwk/v1"
#define KEY_CONTEXT_ED25519_2020 \
	"https://w3id.org/security/suites/ed25519-2020/v1"
/* Controlled Identifiers 1.0: the relationships, Multikey and JsonWebKey. */
#define KEY_CONTEXT_CID		"https://www.w3.org/ns/cid/v1"

/* The context that defines the verification method type, or NULL. */
const char *key_method_context(const char *type);
/*
 * The contexts, in order, that a controller document listing methods
 * of type `type' (NULL: Multikey, what badgegen writes) must have:
 * KEY_CONTEXT_DID and key_method_context(type), NULL-terminated.
 * Static storage for the known types; NULL for an unknown type.
 */
const char *const *key_controller_contexts(const char *type);

/* Frees a key; accepts NULL. */
void	 key_free(struct key *k);

/* Whether a and b hold the same public key (kid and alg not compared). */
bool	 key_equal(const struct key *a, const struct key *b);
/* Whether alg can be used with k (type and curve; the JWK "alg" if any). */
bool	 key_alg_fits(const struct key *k, enum sig_alg alg);
/* The bit size of the key (modulus bits for RSA). */
size_t	 key_bits(const struct key *k);

/*
 * Writes the RFC 7638 JWK thumbprint (SHA-256, base64url, 43 characters
 * and a NUL) to out.  Returns 0.
 */
int	 key_thumbprint(char out[KEY_THUMBPRINT_LEN + 1], const struct key *k);
/* Appends the public JWK, compact, members in RFC 7638 order (+ kid). */
void	 key_to_jwk(struct buf *out, const struct key *k);
/* Appends the SPKI "PUBLIC KEY" PEM.  Returns 0, or -1 after reporting. */
int	 key_to_pem(struct buf *out, const struct key *k, struct diag *d);
/* Appends the Multikey ('z' + base58btc of multicodec + key). */
int	 key_to_multikey(struct buf *out, const struct key *k, struct diag *d);

/*
 * Verifies sig over msg[0..len) with k and alg (ES256/ES384: raw R||S).
 * Returns 0 when the signature is valid, KEY_EBADSIG when it is not,
 * -1 when it cannot be checked (alg does not fit the key, wrong
 * signature size) and KEY_EUNSUP when the platform cannot check alg
 * (sig.h); every failure is reported through d, naming `name'.
 * Thread-safe on a shared key.
 */
int	 key_verify(const struct key *k, enum sig_alg alg, const void *msg,
	    size_t len, const unsigned char *sig, size_t siglen,
	    const char *name, struct diag *d);

/*
 * From the numbers of a key of type t: RSA n (a) and e (b), big-endian;
 * EC the point 04 || x || y (a); Ed25519 the 32 bytes (a).  b is NULL
 * but for RSA.  Returns 0 and sets *out, or -1 after reporting.
 */
int	 key_from_numbers(struct key **out, enum key_type t,
	    const unsigned char *a, size_t alen, const unsigned char *b,
	    size_t blen, const char *name, struct diag *d);

/*
 * The algorithm of RFC 8410 (Ed25519, X25519, Ed448) an SPKI or PKCS#8
 * DER (its first bytes, n of them) names, or NULL.
 */
const char *key_rfc8410_alg(const unsigned char *der, size_t n);

/*
 * Appends the https URL of the DID document of a did:web DID (without
 * fragment; did-method-web "Read"): ':' separates path segments, each
 * percent-decoded; no path gives /.well-known/did.json, else
 * /did.json is appended.  Returns 0, or -1 (nothing appended) when did
 * is not a well-formed did:web DID.
 */
int	 key_did_web_url(struct buf *out, const char *did);

#endif
