/*
 * fuzz_jws.c - JWS parsing and verification, and key loading, on any
 * input.
 *
 * The input is tried as a compact JWS (and, when it parses, its header
 * jwk is loaded and used to verify it), as a JSON JWK / JWK Set /
 * verification method, as a PEM public or private key and as a
 * Multikey / did:key string.  Nothing may crash, leak or read out of
 * bounds; every path must end in 0 or a reported error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jws.h"
#include "sign.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	struct buf s = BUF_INIT, out = BUF_INIT;
	struct privkey *pk = NULL;
	struct key *k = NULL, *k2 = NULL;
	struct json *v;
	struct jws j;
	char tp[KEY_THUMBPRINT_LEN + 1];

	d.quiet = true;
	buf_put(&s, data, size);	/* NUL-terminated copy */

	if (jws_parse(&j, "fuzz", s.data, s.len, &d) == 0) {
		if (j.alg == SIG_NONE || j.sig == NULL || j.body == NULL)
			abort();
		if (j.jwk != NULL && key_from_jwk(&k, j.jwk, "jwk", &d) == 0) {
			(void)jws_verify(&j, k, &d);
			key_free(k);
			k = NULL;
		}
		jws_release(&j);
	}

	if (json_parse(&v, &a, "fuzz", s.data, s.len, &d) == 0) {
		if (key_from_jwk(&k, v, "jwk", &d) == 0) {
			/* What we write must read back as the same key. */
			(void)key_thumbprint(tp, k);
			key_to_jwk(&out, k);
			arena_release(&a);
			if (json_parse(&v, &a, "jwk", out.data, out.len, &d)
			    < 0 || key_from_jwk(&k2, v, "jwk", &d) < 0 ||
			    !key_equal(k, k2))
				abort();
			key_free(k2);
			k2 = NULL;
			buf_reset(&out);
			if (key_to_multikey(&out, k, &d) < 0 ||
			    key_from_multikey(&k2, out.data, out.len, "mk", &d)
			    < 0 || !key_equal(k, k2))
				abort();
			key_free(k);
			key_free(k2);
			k = k2 = NULL;
		} else {
			(void)key_from_jwks(&k, v, NULL, "jwks", &d);
			key_free(k);
			k = NULL;
			(void)key_from_method(&k, v, "vm", &d);
			key_free(k);
			k = NULL;
		}
	}

	if (key_from_pem(&k, s.data, s.len, "pem", &d) == 0) {
		buf_reset(&out);
		if (key_to_pem(&out, k, &d) < 0 ||
		    key_from_pem(&k2, out.data, out.len, "pem", &d) < 0 ||
		    !key_equal(k, k2))
			abort();
		key_free(k);
		key_free(k2);
		k = k2 = NULL;
	}
	if (privkey_from_pem(&pk, s.data, s.len, "pem", &d) == 0)
		privkey_free(pk);

	if (strlen(s.data) == s.len) {
		(void)key_from_did_key(&k, s.data, "did", &d);
		key_free(k);
		k = NULL;
		(void)key_from_multikey(&k, s.data, s.len, "mk", &d);
		key_free(k);
	}
	buf_release(&s);
	buf_release(&out);
	arena_release(&a);
	return 0;
}
