/*
 * proof.h - Data Integrity proofs (https://www.w3.org/TR/vc-di-eddsa/)
 * of Open Badges 3.0 credentials: eddsa-rdfc-2022 (also under its old
 * name eddsa-2022), eddsa-jcs-2022 and the legacy Ed25519Signature2020.
 *
 * For a proof P of a document D (OPEN-BADGES.md 2.6):
 *	unsecured   = D without its "proof" member
 *	proofConfig = P without proofValue, with "@context" set to D's
 *	              (a DataIntegrityProof may carry its own @context,
 *	              which D's must start with; it then replaces D's)
 *	hashData    = SHA-256(canon(proofConfig)) || SHA-256(canon(unsecured))
 * (a proof with previousProof, in a proof chain, also covers the proofs
 * it names: they become unsecured's "proof")
 * where canon is RDFC-1.0 of the JSON-LD (jsonld.h, safe mode) or, for
 * eddsa-jcs-2022, JCS (jcs.h).  proofValue is "z" + base58btc of the
 * 64-byte Ed25519 signature of hashData.
 *
 * Finding the key is the caller's business: these functions take the
 * 32-byte Ed25519 public key.  di_did_key_public decodes did:key URLs,
 * which need no network.
 */
#ifndef BADGEGEN_PROOF_H
#define BADGEGEN_PROOF_H

#include "buf.h"
#include "diag.h"
#include "json.h"

enum di_suite {
	DI_EDDSA_RDFC_2022,		/* also cryptosuite "eddsa-2022" */
	DI_EDDSA_JCS_2022,
	DI_ED25519_SIGNATURE_2020
};

/*
 * The suite of proof from its type and cryptosuite.  Returns 0, or -1
 * after reporting "proof: unsupported proof type ..." (or cryptosuite).
 */
int	 di_suite_of(enum di_suite *out, const struct json *proof,
	    struct diag *d);

/*
 * Computes hashData (64 bytes) for proof of doc as described above;
 * proof's proofValue, if any, is ignored.  Returns 0, or -1 after
 * reporting, e.g. "proof: canonicalization failed: jsonld: $.foo: term
 * \"foo\" is not defined by the active context (it would be dropped)".
 */
int	 di_hash_data(unsigned char out[64], const struct json *doc,
	    const struct json *proof, struct diag *d);

/*
 * Verifies one proof of doc (doc is the whole secured document; proof
 * is its "proof" member or one element of it) against the Ed25519
 * public key pub.  The proof must be of a supported suite, have
 * proofPurpose "assertionMethod", a verificationMethod, and a proofValue
 * "z" + base58btc of 64 bytes.  Returns 0 when valid, KEY_EUNSUP when
 * the platform cannot check Ed25519 signatures (sig.h), -1 otherwise;
 * the reason is reported through d ("proof: signature does not match",
 * "proof: canonicalization failed: ...", ...).
 */
int	 di_verify(const struct json *doc, const struct json *proof,
	    const unsigned char pub[32], struct diag *d);

/*
 * Decodes an Ed25519 Multikey "z6Mk..." (multibase base58btc of
 * 0xed 0x01 + 32 bytes) into out.  Returns 0, or -1 after reporting.
 */
int	 di_multikey_decode(unsigned char out[32], const char *multikey,
	    struct diag *d);

/*
 * The Ed25519 key of a did:key verification method: "did:key:z6Mk..."
 * with an optional "#z6Mk..." fragment, which must then repeat the key.
 * Returns 0, or -1 after reporting.
 */
int	 di_did_key_public(unsigned char out[32], const char *vm,
	    struct diag *d);

#endif
