/*
 * sign.h - signing keys: generated, read from and written as PEM, and
 * used to sign.
 *
 * A struct privkey holds a signing key: RSA, EC P-256 / P-384 or
 * Ed25519.  It is generated, read from PEM and written as PKCS#8 PEM.
 * Signing with one struct privkey from several threads at once is safe
 * (mbedTLS locks the RSA context; the EC table is filled at load).
 *
 * It also makes the signatures of awards: compact JWS (jws_sign) and
 * Data Integrity proofs (di_sign).  Verification never needs this
 * module (see sig.h): only issuing, keygen and init do.
 */
#ifndef BADGEGEN_SIGN_H
#define BADGEGEN_SIGN_H

#include <stddef.h>

#include <mbedtls/pk.h>

#include "buf.h"
#include "diag.h"
#include "key.h"

struct privkey {
	enum key_type	 type;
	mbedtls_pk_context pk;	/* RSA, EC */
	unsigned char	 ed25519[64];	/* ED25519: seed || public key */
};

/*
 * Generates a signing key: KEY_RSA with bits 2048, 3072 or 4096
 * (0: 2048), KEY_EC_P256, KEY_EC_P384 or KEY_ED25519 (bits ignored).
 * Randomness comes from mbedtls_entropy through a CTR-DRBG (libsodium's
 * randombytes for Ed25519).  Returns 0 and sets *out (free with
 * privkey_free), or -1 after reporting.
 */
int	 privkey_generate(struct privkey **out, enum key_type type,
	    unsigned bits, struct diag *d);
/*
 * Reads an unencrypted private key PEM: "PRIVATE KEY" (PKCS#8: RSA, EC,
 * Ed25519), "RSA PRIVATE KEY" (PKCS#1) or "EC PRIVATE KEY" (SEC 1).
 * Returns 0 and sets *out, or -1 after reporting.
 */
int	 privkey_from_pem(struct privkey **out, const char *pem, size_t len,
	    const char *name, struct diag *d);
/*
 * The Ed25519 key of a 32-byte seed.  Returns 0 and sets *out, or -1
 * after reporting.
 */
int	 privkey_from_seed(struct privkey **out, const unsigned char seed[32],
	    struct diag *d);
/* Appends the PKCS#8 "PRIVATE KEY" PEM.  Returns 0 or -1 (reported). */
int	 privkey_to_pem(struct buf *out, const struct privkey *k,
	    struct diag *d);
/* Sets *out to a new struct key holding the public half (key_free). */
int	 privkey_public(struct key **out, const struct privkey *k,
	    struct diag *d);
/*
 * Appends the signature of msg[0..len) with alg to out: RS256/384/512
 * and EdDSA are deterministic, ES256/ES384 use RFC 6979 nonces (so are
 * deterministic too) and give raw R||S.  PS* is not offered.  Returns 0
 * or -1 after reporting.
 */
int	 privkey_sign(struct buf *out, const struct privkey *k,
	    enum sig_alg alg, const void *msg, size_t len, struct diag *d);
/* Frees a private key, wiping its secrets; accepts NULL. */
void	 privkey_free(struct privkey *k);

/*
 * Appends a compact JWS of payload[0..len) signed with k to out.
 * header_json is the protected header as JSON text (an object with an
 * "alg" that fits k; it is encoded byte for byte) or NULL for
 * {"alg":"<RS256|ES256|ES384|EdDSA>"} by key type.  RS*, ES* and EdDSA
 * signatures are deterministic.  Returns 0 or -1 after reporting.
 */
int	 jws_sign(struct buf *out, const char *header_json,
	    const char *payload, size_t len, const struct privkey *k,
	    struct diag *d);

/*
 * Signs doc: adds a proof of the given suite ("eddsa-rdfc-2022",
 * "eddsa-jcs-2022" or "Ed25519Signature2020") with verificationMethod
 * vm, proofPurpose assertionMethod and the given created time
 * ("2024-01-01T00:00:00Z"), made with the Ed25519 key whose 32-byte
 * seed is given.  An existing proof is kept (the result is a proof
 * set).  When doc's @context lacks the context that defines the proof
 * (VCDM 2.0 or Data Integrity, or the Ed25519Signature2020 suite's), it
 * is appended, as jsonld-signatures does.  Appends the signed document,
 * pretty-printed, to out_json.
 * Returns 0, or -1 after reporting.
 */
int	 di_sign(struct buf *out_json, const struct json *doc,
	    const char *suite, const char *verification_method,
	    const char *created, const unsigned char seed[32],
	    struct diag *d);

#endif
