/*
 * jws.h - JSON Web Signatures (RFC 7515), compact serialization only.
 *
 * jws_parse splits "header.payload.signature", decodes each segment
 * (strict base64url) and parses header and payload with the strict JSON
 * parser (no duplicate members).  It refuses what no verifier here
 * should accept: alg "none" and HMAC algorithms (HS*), unknown
 * algorithms, a "crit" header (we implement no extension), "b64": false
 * (RFC 7797), an empty signature, segments over JWS_MAX_SEGMENT bytes, a
 * payload that is not a JSON object.  Every refusal has its own message
 * naming the input and the segment.
 *
 * jws_verify checks the signature with a struct key; the algorithm must
 * fit the key (RS* and PS* an RSA key, ES256 a P-256 key, ES384 a P-384
 * key, EdDSA an Ed25519 key) and the JWK "alg" the key came with, if any.
 * ES256/ES384 signatures are raw R||S, as JWA requires; DER is refused.
 *
 * Policy stays with the caller: which header members are allowed
 * (OB 3.0 allows alg, kid, jwk, typ), where the key comes from, claims.
 */
#ifndef BADGEGEN_JWS_H
#define BADGEGEN_JWS_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "json.h"
#include "key.h"

#define JWS_MAX_SEGMENT	(1024u * 1024)	/* decoded header or payload bytes */
#define JWS_MAX_SIG	1024u		/* decoded signature bytes */

struct jws {
	struct arena	 arena;		/* owns all that follows (jws_parse) */
	const char	*name;		/* the input's name, for messages */
	const char	*input;		/* "header.payload": the signing input */
	size_t		 input_len;
	const char	*header;	/* decoded header (JSON text);
					   NULL after jws_parse_in */
	size_t		 header_len;
	const char	*payload;	/* decoded payload, NUL-terminated;
					   NULL after jws_parse_in until
					   jws_keep_payload */
	size_t		 payload_len;
	const unsigned char *sig;	/* decoded signature; NULL after
					   jws_parse_in (jws_verify decodes
					   sig64 when it needs it) */
	size_t		 sig_len;	/* bytes of the decoded signature */
	const char	*sig64;		/* the signature segment as written */
	size_t		 sig64_len;
	const struct json *hdr;		/* the header object */
	const struct json *body;	/* the payload object */
	enum sig_alg	 alg;		/* header "alg" */
	const char	*kid;		/* header "kid", or NULL */
	const struct json *jwk;		/* header "jwk", or NULL */
	const char	*typ;		/* header "typ", or NULL */
};

/*
 * Parses the compact JWS s[0..len), named name in messages; ASCII
 * whitespace around it (a final newline) is ignored, inside it refused.
 * Returns 0 with *out filled (release it with jws_release), or reports
 * the problem through d and returns -1 (*out then needs no release, but
 * jws_release on it is harmless).
 */
int	 jws_parse(struct jws *out, const char *name, const char *s,
	    size_t len, struct diag *d);

/*
 * Like jws_parse, but everything is allocated in a (out->arena stays
 * empty), the trees' strings come from tab when it is not NULL
 * (json_parse_shared), and name and s are not copied: the result points
 * into them, so both must live as long as it.  The decoded texts are
 * not kept: header and payload are NULL (hdr and body hold their trees)
 * until jws_keep_payload, and sig is NULL (sig64 points at the
 * segment, decoded again by jws_verify).  For a model that keeps the file's bytes
 * anyway.  On failure what was allocated stays in a.
 */
int	 jws_parse_in(struct jws *out, struct arena *a,
	    struct json_strtab *tab, const char *name, const char *s,
	    size_t len, struct diag *d);

/*
 * Sets j->payload (NUL-terminated) and j->payload_len from the payload
 * segment of a JWS parsed by jws_parse_in, decoded into a; does nothing
 * when the payload is there already.
 */
void	 jws_keep_payload(struct jws *j, struct arena *a);

/*
 * Verifies the signature of j with k.  Returns 0 when it is valid,
 * KEY_EBADSIG when it is not, -1 when it cannot be checked (the
 * algorithm does not fit the key, the signature has the wrong size),
 * KEY_EUNSUP when the platform cannot check the algorithm (sig.h); all
 * failures are reported through d.  Thread-safe on a shared key.
 */
int	 jws_verify(const struct jws *j, const struct key *k,
	    struct diag *d);

/* Frees what jws_parse allocated; accepts a zeroed or failed jws. */
void	 jws_release(struct jws *j);

#endif
