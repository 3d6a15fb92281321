/* t_jws.c - compact JWS: parsing, verification, refusals, signing. */
#include <pthread.h>

#include <mbedtls/md.h>

#include "b64.h"
#include "jws.h"
#include "model.h"
#include "sign.h"
#include "harness.h"
#include "keyfiles.h"

/* Third-party vectors other tests use too, in tests/data/vectors/ (paths
 * relative to tests/data/jws/). */
#define OB20	"../vectors/1edtech-dcpv/ob20/"
#define ASSETS	OB20 "assets/"
#define DERIVED	"../vectors/derived/"
#define MOZ	"../vectors/mozilla-openbadges-validator/"


/* A public key from a PEM file, or from the publicKeyPem of a JSON file. */
static struct key *
key_file(const char *name)
{
	struct arena a = ARENA_INIT;
	struct buf b = BUF_INIT;
	struct json *v;
	struct key *k = NULL;

	if (slurp(&b, name) < 0)
		goto out;
	if (strstr(name, ".json") != NULL) {
		if (json_parse(&v, &a, name, b.data, b.len, NULL) == 0)
			(void)key_from_method(&k, v, name, NULL);
	} else if (strstr(name, ".jwk") != NULL) {
		if (json_parse(&v, &a, name, b.data, b.len, NULL) == 0)
			(void)key_from_jwk(&k, v, name, NULL);
	} else
		(void)key_from_pem(&k, b.data, b.len, name, NULL);
out:
	if (k == NULL)
		FAIL_AT("cannot load key %s", name);
	buf_release(&b);
	arena_release(&a);
	return k;
}

static struct privkey *
privkey_file(const char *name)
{
	struct buf b = BUF_INIT;
	struct privkey *k = NULL;

	if (slurp(&b, name) == 0 &&
	    privkey_from_pem(&k, b.data, b.len, name, NULL) < 0)
		k = NULL;
	if (k == NULL)
		FAIL_AT("cannot load private key %s", name);
	buf_release(&b);
	return k;
}

/*
 * Parses the JWS file jws and verifies it with the key file key;
 * returns what jws_verify returned, or 99 when parsing failed.  The
 * messages go to m.
 */
static int
check(const char *jws, const char *key, struct buf *m)
{
	struct buf b = BUF_INIT;
	struct jws j;
	struct diag d = capture(m);
	struct key *k;
	int rc = 99;

	if (slurp(&b, jws) < 0)
		return 99;
	k = key_file(key);
	/* Messages name the file without its folder. */
	if (strrchr(jws, '/') != NULL)
		jws = strrchr(jws, '/') + 1;
	if (k != NULL && jws_parse(&j, jws, b.data, b.len, &d) == 0) {
		rc = jws_verify(&j, k, &d);
		jws_release(&j);
	}
	key_free(k);
	buf_release(&b);
	return rc;
}

/* Parses s; returns 0 or -1 with the message in m. */
static int
parse_text(const char *s, size_t len, struct buf *m)
{
	struct diag d = capture(m);
	struct jws j;
	int rc;

	rc = jws_parse(&j, "t.jws", s, len, &d);
	jws_release(&j);
	return rc;
}

/* The compact JWS b64url(header).b64url(payload).sig64 into out. */
static void
build(struct buf *out, const char *header, const char *payload,
    const char *sig64)
{
	buf_reset(out);
	b64url_encode(out, header, strlen(header));
	buf_putc(out, '.');
	b64url_encode(out, payload, strlen(payload));
	buf_putc(out, '.');
	buf_puts(out, sig64);
}

static void
test_jws__ob20_vectors(void)
{
	struct buf m = BUF_INIT;

	/* DCPV: simple.jwt is signed by key1 (and only key1). */
	INT_EQ(check(OB20 "simple.jwt", ASSETS "key1.json", &m), 0);
	INT_EQ(m.len, 0);
	INT_EQ(check(OB20 "simple.jwt", ASSETS "key2.json", &m), KEY_EBADSIG);
	OK(strstr(m.data, "error: simple.jwt: RS256 signature does not verify "
	    "with the RSA key") == m.data);
	INT_EQ(check(OB20 "simple.jwt", ASSETS "key3.json", &m), KEY_EBADSIG);
	/* Revoked, but the signature is fine (revocation is not ours). */
	INT_EQ(check(OB20 "simple-revoked.jwt", ASSETS "key3.json", &m), 0);
	INT_EQ(check(OB20 "simple-revoked.jwt", ASSETS "key1.json", &m), KEY_EBADSIG);
	INT_EQ(check(OB20 "simple-not-revoked.jwt", ASSETS "key2.json", &m), 0);
	/* Payload changed, signature of simple.jwt kept. */
	INT_EQ(check(DERIVED "ob20-simple-jwt-payload-tampered.jwt", ASSETS "key1.json", &m),
	    KEY_EBADSIG);
	/* Mozilla's test key is none of them. */
	INT_EQ(check(OB20 "simple.jwt", MOZ "rsa-public.pem", &m), KEY_EBADSIG);
	buf_release(&m);
}

/* OB 3.0 VC-JWT: the key rides in the header's jwk. */
static int
check_header_jwk(const char *name, struct buf *m)
{
	struct buf b = BUF_INIT;
	struct diag d = capture(m);
	struct jws j;
	struct key *k = NULL;
	int rc = 99;

	slurp(&b, name);
	if (jws_parse(&j, name, b.data, b.len, &d) == 0) {
		OK(j.jwk != NULL);
		OK(j.alg == SIG_RS256);
		OK(j.kid == NULL);
		OK(json_get_str(j.body, "iss") != NULL);
		if (key_from_jwk(&k, j.jwk, "header jwk", &d) == 0)
			rc = jws_verify(&j, k, &d);
		key_free(k);
		jws_release(&j);
	}
	buf_release(&b);
	return rc;
}

static void
test_jws__ob30_vectors(void)
{
	struct buf m = BUF_INIT;

	INT_EQ(check_header_jwk(DERIVED "extracted-from-1edtech-ob30-simple-jwt.png.jws",
	    &m), 0);
	INT_EQ(check_header_jwk(
	    DERIVED "extracted-from-1edtech-ob30-simple-jwt_v1.png.jws", &m), 0);
	INT_EQ(check_header_jwk(DERIVED "ob30-vcjwt-payload-tampered.jws", &m),
	    KEY_EBADSIG);
	buf_release(&m);
}

/* Signed by python-cryptography (OpenSSL): see make-vectors.py. */
static void
test_jws__independent_vectors(void)
{
	struct buf m = BUF_INIT;

	INT_EQ(check("rs256.jws", MOZ "rsa-public.pem", &m), 0);
	INT_EQ(check("rs384.jws", MOZ "rsa-public.pem", &m), 0);
	INT_EQ(check("rs512.jws", MOZ "rsa-public.pem", &m), 0);
	INT_EQ(check("rs256.jws", "rsa-public-pkcs1.pem", &m), 0);
	INT_EQ(check("rs256.jws", MOZ "rsa-wrong-public.pem", &m), KEY_EBADSIG);
	INT_EQ(check("ps256.jws", MOZ "rsa-public.pem", &m), 0);
	INT_EQ(check("ps384.jws", MOZ "rsa-public.pem", &m), 0);
	INT_EQ(check("ps512.jws", MOZ "rsa-public.pem", &m), 0);
	INT_EQ(check("ps256.jws", MOZ "rsa-wrong-public.pem", &m), KEY_EBADSIG);
	/* JWA: the PSS salt is as long as the hash. */
	INT_EQ(check("ps256-maxsalt.jws", MOZ "rsa-public.pem", &m), KEY_EBADSIG);
	INT_EQ(check("es256.jws", "p256-public.pem", &m), 0);
	INT_EQ(check("es256.jws", "p256-public.jwk", &m), 0);
	INT_EQ(check("es384.jws", "p384-public.pem", &m), 0);
	INT_EQ(check("eddsa.jws", "ed25519-public.pem", &m), 0);
	INT_EQ(check("eddsa.jws", "ed25519-public.jwk", &m), 0);
	buf_release(&m);
}

static void
test_jws__alg_none(void)
{
	struct buf m = BUF_INIT, t = BUF_INIT;
	static const char *const algs[] = { "none", "None", "NONE" };
	size_t i;

	for (i = 0; i < 3; i++) {
		buf_reset(&m);
		buf_printf(&m, "{\"alg\":\"%s\"}", algs[i]);
		build(&t, m.data, "{\"iss\":\"x\"}", "c2ln");
		INT_EQ(parse_text(t.data, t.len, &m), -1);
		OK(strstr(m.data, "(an unsigned JWS) is refused") != NULL);
	}
	/* The usual form: an empty signature. */
	build(&t, "{\"alg\":\"none\"}", "{\"iss\":\"x\"}", "");
	INT_EQ(parse_text(t.data, t.len, &m), -1);
	OK(strstr(m.data, "signature segment is empty") != NULL);
	build(&t, "{\"alg\":\"RS256\"}", "{\"iss\":\"x\"}", "");
	INT_EQ(parse_text(t.data, t.len, &m), -1);
	OK(strstr(m.data, "signature segment is empty") != NULL);
	/* No alg at all. */
	build(&t, "{\"typ\":\"JWT\"}", "{}", "c2ln");
	INT_EQ(parse_text(t.data, t.len, &m), -1);
	OK(strstr(m.data, "t.jws: header: missing \"alg\"") != NULL);
	build(&t, "{\"alg\":null}", "{}", "c2ln");
	INT_EQ(parse_text(t.data, t.len, &m), -1);
	OK(strstr(m.data, "\"alg\": expected string, found null") != NULL);
	buf_release(&m);
	buf_release(&t);
}

/*
 * The classic confusion: HS256 keyed with the issuer's public key PEM,
 * which an attacker knows.
 */
static void
test_jws__hs256_confusion(void)
{
	struct buf m = BUF_INIT, t = BUF_INIT, pem = BUF_INIT;
	unsigned char mac[32];
	static const char *const algs[] = { "HS256", "HS384", "HS512" };
	size_t i, dot;

	slurp(&pem, MOZ "rsa-public.pem");
	build(&t, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"iss\":\"x\"}", "");
	dot = t.len - 1;
	OK(mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256),
	    (unsigned char *)pem.data, pem.len, (unsigned char *)t.data, dot,
	    mac) == 0);
	b64url_encode(&t, mac, sizeof(mac));
	INT_EQ(parse_text(t.data, t.len, &m), -1);
	OK(strstr(m.data, "alg \"HS256\" (HMAC with a shared secret) is "
	    "refused") != NULL);
	for (i = 0; i < 3; i++) {
		buf_reset(&m);
		buf_printf(&m, "{\"alg\":\"%s\"}", algs[i]);
		build(&t, m.data, "{}", "c2ln");
		INT_EQ(parse_text(t.data, t.len, &m), -1);
		OK(strstr(m.data, "HMAC") != NULL);
	}
	/* Unknown algorithms, and case matters. */
	build(&t, "{\"alg\":\"rs256\"}", "{}", "c2ln");
	INT_EQ(parse_text(t.data, t.len, &m), -1);
	OK(strstr(m.data, "unsupported alg \"rs256\"") != NULL);
	build(&t, "{\"alg\":\"ES256K\"}", "{}", "c2ln");
	INT_EQ(parse_text(t.data, t.len, &m), -1);
	OK(strstr(m.data, "unsupported alg \"ES256K\"") != NULL);
	buf_release(&m);
	buf_release(&t);
	buf_release(&pem);
}

static void
test_jws__alg_key_mismatch(void)
{
	struct buf m = BUF_INIT;
	struct buf b = BUF_INIT, t = BUF_INIT;
	struct diag d;
	struct jws j;
	struct key *k;

	INT_EQ(check("rs256.jws", "ed25519-public.pem", &m), -1);
	OK(strstr(m.data, "rs256.jws: algorithm RS256 does not fit the Ed25519 "
	    "key") != NULL);
	INT_EQ(check("rs256.jws", "p256-public.pem", &m), -1);
	OK(strstr(m.data, "algorithm RS256 does not fit the P-256 key") != NULL);
	INT_EQ(check("ps256.jws", "p384-public.pem", &m), -1);
	INT_EQ(check("es256.jws", "p384-public.pem", &m), -1);
	OK(strstr(m.data, "algorithm ES256 does not fit the P-384 key") != NULL);
	INT_EQ(check("es384.jws", "p256-public.pem", &m), -1);
	INT_EQ(check("es256.jws", MOZ "rsa-public.pem", &m), -1);
	INT_EQ(check("eddsa.jws", MOZ "rsa-public.pem", &m), -1);
	INT_EQ(check("eddsa.jws", "p256-public.pem", &m), -1);
	/* A JWK "alg" binds the key to one algorithm. */
	d = capture(&m);
	slurp(&b, "es256.jws");
	OK(jws_parse(&j, "es256.jws", b.data, b.len, &d) == 0);
	k = NULL;
	{
		struct arena a = ARENA_INIT;
		struct json *v = NULL;

		slurp(&t, "p256-public.jwk");
		buf_truncate(&t, (size_t)(strrchr(t.data, '}') - t.data));
		BUF_PUTSL(&t, ",\"alg\":\"ES384\"}");
		OK(json_parse(&v, &a, "jwk", t.data, t.len, &d) == 0);
		/* ES384 on a P-256 JWK is refused at load... */
		OK(key_from_jwk(&k, v, "jwk", &d) < 0);
		arena_release(&a);
	}
	jws_release(&j);
	/* ...and an ES256 JWK will not verify another algorithm. */
	{
		struct arena a = ARENA_INIT;
		struct json *v = NULL;

		slurp(&t, "ed25519-public.jwk");
		buf_truncate(&t, (size_t)(strrchr(t.data, '}') - t.data));
		BUF_PUTSL(&t, ",\"alg\":\"EdDSA\"}");
		OK(json_parse(&v, &a, "jwk", t.data, t.len, &d) == 0);
		OK(key_from_jwk(&k, v, "jwk", &d) == 0);
		arena_release(&a);
		slurp(&b, "eddsa.jws");
		OK(jws_parse(&j, "eddsa.jws", b.data, b.len, &d) == 0);
		INT_EQ(jws_verify(&j, k, &d), 0);
		/* Pretend the header said something else. */
		j.alg = SIG_ES256;
		INT_EQ(jws_verify(&j, k, &d), -1);
		jws_release(&j);
		key_free(k);
	}
	buf_release(&m);
	buf_release(&b);
	buf_release(&t);
}

static void
test_jws__es256_der(void)
{
	struct buf m = BUF_INIT;

	INT_EQ(check("es256-der.jws", "p256-public.pem", &m), -1);
	OK(strstr(m.data, "ES256 signature is") != NULL);
	OK(strstr(m.data, "not 64 (raw R||S): looks DER-encoded") != NULL);
	buf_release(&m);
}

struct reject {
	const char	*in;
	const char	*msg;
};

static void
test_jws__malformed(void)
{
	static const struct reject r[] = {
		{ "", "t.jws: empty JWS" },
		{ " \n", "empty JWS" },
		{ "abc", "expected 3 segments separated by '.', found 1" },
		{ "a.b", "found 2" },
		{ "a.b.c.d", "found 4" },
		{ "a.b.c.d.e", "a JWE (5 segments)" },
		{ ".e30.c2ln", "header segment is empty" },
		{ "eyJhbGciOiJSUzI1NiJ9.e30.", "signature segment is empty" },
		/* base64url segments, each named. */
		{ "eyJhbGciOiJSUzI1NiJ9=.e30.c2ln",
		  "t.jws: header: invalid base64url: padding '='" },
		{ "eyJhbGciOiJSUzI1NiJ9.e30=.c2ln",
		  "t.jws: payload: invalid base64url: padding '='" },
		{ "eyJhbGciOiJSUzI1NiJ9.e30.c2ln=",
		  "t.jws: signature: invalid base64url: padding '='" },
		{ "eyJhbGciOiJSUzI1NiJ9.e3+.c2ln",
		  "payload: invalid base64url: '+'" },
		{ "eyJhbGciOiJSUzI1NiJ9.e30.c2l/",
		  "signature: invalid base64url: '/'" },
		{ "eyJhbGciOiJSUzI1NiJ9.e30.c2 ln",
		  "signature: invalid base64url: whitespace" },
		{ "eyJhbGciOiJSUzI1NiJ9\n.e30.c2ln",
		  "header: invalid base64url: whitespace" },
		{ "eyJhbGciOiJSUzI1NiJ9.e31.c2ln",
		  "payload: invalid base64url: non-zero bits" },
		{ "eyJhbGciOiJSUzI1NiJ9.e30.c2lu1",
		  "signature: invalid base64url: impossible length 5" },
		/* JSON. */
		{ "eyJhbGciOiJSUzI1NiJ9.W10.c2ln",
		  "t.jws: payload: expected a JSON object, found array" },
		{ "eyJhbGciOiJSUzI1NiJ9.eyJhIjox.c2ln", "t.jws: payload:" },
		{ "WyJSUzI1NiJd.e30.c2ln",
		  "t.jws: header: expected a JSON object, found array" },
		{ "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "t.jws: payload:" },
	};
	struct buf m = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		if (parse_text(r[i].in, strlen(r[i].in), &m) == 0)
			FAIL_AT("accepted \"%s\"", r[i].in);
		else if (strstr(m.data, r[i].msg) == NULL)
			FAIL_AT("\"%s\": \"%s\" lacks \"%s\"", r[i].in, m.data,
			    r[i].msg);
	}
	/* Surrounding whitespace (a final newline) is fine. */
	INT_EQ(parse_text(" eyJhbGciOiJSUzI1NiJ9.e30.c2ln\r\n", 31, &m), 0);
	buf_release(&m);
}

/* Truncated and oversized segments of a real token. */
static void
test_jws__sizes(void)
{
	struct buf m = BUF_INIT, b = BUF_INIT, t = BUF_INIT;
	struct diag d;
	struct jws j;
	struct key *k;
	size_t n;

	k = key_file(MOZ "rsa-public.pem");
	slurp(&b, "rs256.jws");
	while (b.len > 0 && b.data[b.len - 1] == '\n')
		b.len--;
	/* One character less: impossible length; two less: 255 bytes. */
	INT_EQ(parse_text(b.data, b.len - 1, &m), -1);
	OK(strstr(m.data, "signature: invalid base64url: impossible length")
	    != NULL);
	d = capture(&m);
	OK(jws_parse(&j, "t.jws", b.data, b.len - 2, &d) == 0);
	INT_EQ(jws_verify(&j, k, &d), -1);
	OK(strstr(m.data, "t.jws: RS256 signature is 255 bytes, the 2048-bit "
	    "key needs 256") != NULL);
	jws_release(&j);
	/* Cut into the payload. */
	n = (size_t)(strchr(b.data, '.') - b.data);
	buf_reset(&t);
	buf_put(&t, b.data, n + 20);
	buf_puts(&t, strrchr(b.data, '.'));
	INT_EQ(parse_text(t.data, t.len, &m), -1);
	OK(strstr(m.data, "t.jws: payload:") != NULL);
	/* A signature of more than JWS_MAX_SIG bytes. */
	buf_reset(&t);
	buf_put(&t, b.data, (size_t)(strrchr(b.data, '.') - b.data) + 1);
	for (n = 0; n < 1400; n++)
		buf_putc(&t, 'A');
	INT_EQ(parse_text(t.data, t.len, &m), -1);
	OK(strstr(m.data, "signature segment too large") != NULL);
	/* A payload over 1 MiB, and one just under. */
	buf_reset(&t);
	build(&t, "{\"alg\":\"RS256\"}", "", "c2ln");
	buf_truncate(&t, (size_t)(strchr(t.data, '.') - t.data) + 1);
	{
		struct buf p = BUF_INIT;

		buf_putc(&p, '{');
		buf_puts(&p, "\"a\":\"");
		while (p.len < JWS_MAX_SEGMENT - 2)
			buf_putc(&p, 'x');
		buf_puts(&p, "\"}");
		b64url_encode(&t, p.data, p.len);
		BUF_PUTSL(&t, ".c2ln");
		INT_EQ(parse_text(t.data, t.len, &m), 0);
		buf_truncate(&t, (size_t)(strchr(t.data, '.') - t.data) + 1);
		buf_truncate(&p, p.len - 2);
		buf_puts(&p, "xx\"}");
		b64url_encode(&t, p.data, p.len);
		BUF_PUTSL(&t, ".c2ln");
		INT_EQ(parse_text(t.data, t.len, &m), -1);
		OK(strstr(m.data, "payload segment too large") != NULL);
		/* The same size in the header. */
		buf_reset(&t);
		b64url_encode(&t, p.data, p.len);
		BUF_PUTSL(&t, ".e30.c2ln");
		INT_EQ(parse_text(t.data, t.len, &m), -1);
		OK(strstr(m.data, "header segment too large") != NULL);
		buf_release(&p);
	}
	key_free(k);
	buf_release(&m);
	buf_release(&b);
	buf_release(&t);
}

static void
test_jws__header_rules(void)
{
	static const struct reject r[] = {
		{ "{\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1}",
		  "header: \"crit\" names extensions this verifier does not "
		  "implement (\"exp\"...): refused" },
		{ "{\"alg\":\"RS256\",\"crit\":[\"b64\"],\"b64\":false}",
		  "\"crit\" names extensions" },
		{ "{\"alg\":\"RS256\",\"crit\":[]}", "\"crit\" must be a "
		  "non-empty array" },
		{ "{\"alg\":\"RS256\",\"crit\":\"exp\"}", "\"crit\" must be a "
		  "non-empty array" },
		{ "{\"alg\":\"RS256\",\"crit\":[1]}", "must hold strings" },
		{ "{\"alg\":\"RS256\",\"b64\":false}", "\"b64\": false "
		  "(unencoded payload, RFC 7797) is refused" },
		{ "{\"alg\":\"RS256\",\"b64\":0}", "\"b64\": expected boolean" },
		{ "{\"alg\":\"RS256\",\"alg\":\"none\"}",
		  "t.jws: header:1:22: $: duplicate member \"alg\"" },
		{ "{\"alg\":\"RS256\",\"kid\":7}", "\"kid\": expected string" },
		{ "{\"alg\":\"RS256\",\"jwk\":\"x\"}", "\"jwk\": expected object" },
		{ "{\"alg\":\"RS256\",\"typ\":[]}", "\"typ\": expected string" },
	};
	struct buf m = BUF_INIT, t = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		build(&t, r[i].in, "{}", "c2ln");
		if (parse_text(t.data, t.len, &m) == 0)
			FAIL_AT("accepted %s", r[i].in);
		else if (strstr(m.data, r[i].msg) == NULL)
			FAIL_AT("%s: \"%s\" lacks \"%s\"", r[i].in, m.data,
			    r[i].msg);
	}
	/* Duplicate member in the payload. */
	build(&t, "{\"alg\":\"RS256\"}", "{\"iss\":\"a\",\"iss\":\"b\"}", "c2ln");
	INT_EQ(parse_text(t.data, t.len, &m), -1);
	OK(strstr(m.data, "t.jws: payload:1:18: $: duplicate member \"iss\"")
	    != NULL);
	/* b64: true is plain JWS. */
	build(&t, "{\"alg\":\"RS256\",\"b64\":true}", "{}", "c2ln");
	INT_EQ(parse_text(t.data, t.len, &m), 0);
	buf_release(&m);
	buf_release(&t);
}

/* A JWK with "d" in the header is not a key to verify with. */
static void
test_jws__header_jwk_private(void)
{
	struct buf m = BUF_INIT, t = BUF_INIT;
	struct diag d = capture(&m);
	struct jws j;
	struct key *k = NULL;

	build(&t, "{\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"crv\":"
	    "\"Ed25519\",\"x\":\"S96v3i6ovu-t2MaZtcfgcEz1EVTVLheyC3EzfKBMxaU\","
	    "\"d\":\"YkGkCeZwe7ZAoBQKijK8PRk8M6ZhdHKE1q36TtQYC-Q\"}}", "{}",
	    "c2ln");
	OK(jws_parse(&j, "t.jws", t.data, t.len, &d) == 0);
	OK(key_from_jwk(&k, j.jwk, "t.jws: header jwk", &d) < 0);
	OK(k == NULL);
	OK(strstr(m.data, "t.jws: header jwk: JWK holds private key material "
	    "(\"d\")") != NULL);
	jws_release(&j);
	buf_release(&m);
	buf_release(&t);
}

static void
test_jws__sign_round_trip(void)
{
	static const char *const files[] = {
		MOZ "rsa-private.pem", "p256-private-pkcs8.pem",
		"ed25519-private.pem"
	};
	static const enum key_type gen[] = {
		KEY_EC_P256, KEY_EC_P384, KEY_ED25519
	};
	static const char payload[] = "{\"iss\":\"https://example.org\"}";
	struct buf m = BUF_INIT, t = BUF_INIT, t2 = BUF_INIT;
	struct diag d = capture(&m);
	struct privkey *k;
	struct key *pub;
	struct jws j;
	size_t i;

	for (i = 0; i < 6; i++) {
		k = NULL;
		pub = NULL;
		if (i < 3)
			k = privkey_file(files[i]);
		else
			OK(privkey_generate(&k, gen[i - 3], 0, &d) == 0);
		if (k == NULL)
			continue;
		OK(privkey_public(&pub, k, &d) == 0);
		buf_reset(&t);
		buf_reset(&t2);
		OK(jws_sign(&t, NULL, payload, strlen(payload), k, &d) == 0);
		OK(jws_sign(&t2, NULL, payload, strlen(payload), k, &d) == 0);
		/* RS256, ES256 (RFC 6979) and EdDSA are deterministic. */
		STR_EQ(t.data, t2.data);
		OK(jws_parse(&j, "signed", t.data, t.len, &d) == 0);
		INT_EQ(jws_verify(&j, pub, &d), 0);
		STR_EQ(j.payload, payload);
		if (i == 0) {
			/* Mozilla's pair: the published public key file. */
			struct key *f = key_file(MOZ "rsa-public.pem");

			INT_EQ(jws_verify(&j, f, &d), 0);
			key_free(f);
			f = key_file(MOZ "rsa-wrong-public.pem");
			INT_EQ(jws_verify(&j, f, &d), KEY_EBADSIG);
			key_free(f);
		}
		jws_release(&j);
		/* One changed payload byte breaks it. */
		t.data[strchr(t.data, '.') - t.data + 3] ^= 1;
		if (jws_parse(&j, "changed", t.data, t.len, &d) == 0) {
			INT_EQ(jws_verify(&j, pub, &d), KEY_EBADSIG);
			jws_release(&j);
		}
		privkey_free(k);
		key_free(pub);
	}
	buf_release(&m);
	buf_release(&t);
	buf_release(&t2);
}

/*
 * RS256 and EdDSA are deterministic, so signing what make-vectors.py
 * signed with OpenSSL must give the same bytes.
 */
static void
test_jws__sign_matches_openssl(void)
{
	static const struct {
		const char *key, *jws, *hdr;
	} v[] = {
		{ MOZ "rsa-private.pem", "rs256.jws",
		  "{\"alg\":\"RS256\",\"typ\":\"JWT\"}" },
		{ MOZ "rsa-private.pem", "rs512.jws",
		  "{\"alg\":\"RS512\",\"typ\":\"JWT\"}" },
		{ "ed25519-private.pem", "eddsa.jws",
		  "{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}" },
	};
	struct buf m = BUF_INIT, want = BUF_INIT, got = BUF_INIT;
	struct diag d = capture(&m);
	struct privkey *k;
	struct jws j;
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		slurp(&want, v[i].jws);
		OK(jws_parse(&j, v[i].jws, want.data, want.len, &d) == 0);
		k = privkey_file(v[i].key);
		buf_reset(&got);
		OK(k != NULL && jws_sign(&got, v[i].hdr, j.payload,
		    j.payload_len, k, &d) == 0);
		buf_putc(&got, '\n');
		STR_EQ(got.data, want.data);
		jws_release(&j);
		privkey_free(k);
	}
	buf_release(&m);
	buf_release(&want);
	buf_release(&got);
}

static void
test_jws__sign_rejects(void)
{
	struct buf m = BUF_INIT, t = BUF_INIT;
	struct diag d = capture(&m);
	struct privkey *k = privkey_file("ed25519-private.pem");

	if (k == NULL)
		return;
	OK(jws_sign(&t, "{\"alg\":\"RS256\"}", "{}", 2, k, &d) < 0);
	OK(strstr(m.data, "alg RS256 does not fit the Ed25519 key") != NULL);
	OK(jws_sign(&t, "{\"alg\":\"none\"}", "{}", 2, k, &d) < 0);
	OK(strstr(m.data, "unsupported alg \"none\"") != NULL);
	OK(jws_sign(&t, "{\"alg\":\"HS256\"}", "{}", 2, k, &d) < 0);
	OK(jws_sign(&t, "{\"typ\":\"JWT\"}", "{}", 2, k, &d) < 0);
	OK(jws_sign(&t, "{\"alg\":\"EdDSA\",\"alg\":\"EdDSA\"}", "{}", 2, k,
	    &d) < 0);
	OK(jws_sign(&t, "{\"alg\":\"EdDSA\",\"b64\":false}", "{}", 2, k, &d)
	    < 0);
	INT_EQ(t.len, 0);
	OK(jws_sign(&t, "{\"alg\":\"EdDSA\",\"kid\":\"k\"}", "{}", 2, k, &d)
	    == 0);
	privkey_free(k);
	buf_release(&m);
	buf_release(&t);
}

struct thread_arg {
	const struct key	*key;
	const char		*jws;
	int			 bad;
};

static void *
verify_loop(void *p)
{
	struct thread_arg *a = p;
	struct diag d = DIAG_INIT;
	struct jws j;
	int i;

	d.quiet = true;
	for (i = 0; i < 20; i++) {
		if (jws_parse(&j, "t", a->jws, strlen(a->jws), &d) < 0 ||
		    jws_verify(&j, a->key, &d) != 0)
			a->bad++;
		jws_release(&j);
	}
	return NULL;
}

/* One shared key, several threads: the key is read-only after loading. */
static void
test_jws__threads(void)
{
	static const char *const pairs[][2] = {
		{ "es256.jws", "p256-public.pem" },
		{ "rs256.jws", MOZ "rsa-public.pem" },
		{ "ps256.jws", MOZ "rsa-public.pem" },
		{ "eddsa.jws", "ed25519-public.pem" },
	};
	struct buf b = BUF_INIT;
	struct thread_arg arg[4];
	pthread_t th[4];
	struct key *k;
	size_t p, i;

	for (p = 0; p < 4; p++) {
		k = key_file(pairs[p][1]);
		slurp(&b, pairs[p][0]);
		for (i = 0; k != NULL && i < 4; i++) {
			arg[i].key = k;
			arg[i].jws = b.data;
			arg[i].bad = 0;
			OK(pthread_create(&th[i], NULL, verify_loop, &arg[i])
			    == 0);
		}
		for (i = 0; k != NULL && i < 4; i++) {
			pthread_join(th[i], NULL);
			INT_EQ(arg[i].bad, 0);
		}
		key_free(k);
	}
	buf_release(&b);
}

/*
 * jws_parse_in: the same result as jws_parse, in the caller's arena,
 * pointing into the input, without the decoded texts until
 * jws_keep_payload.
 */
static void
test_jws__parse_in(void)
{
	struct arena a = ARENA_INIT;
	struct buf b = BUF_INIT, m = BUF_INIT;
	struct diag d = capture(&m);
	struct jws ref, j;
	struct key *k = key_file(ASSETS "key1.json");

	slurp(&b, OB20 "simple.jwt");
	INT_EQ(jws_parse(&ref, "simple.jwt", b.data, b.len, &d), 0);
	INT_EQ(jws_parse_in(&j, &a, NULL, "simple.jwt", b.data, b.len, &d), 0);
	OK(j.arena.head == NULL);
	OK(j.input == b.data);
	INT_EQ(j.input_len, ref.input_len);
	OK(j.header == NULL);
	OK(j.payload == NULL);
	INT_EQ(j.alg, ref.alg);
	STR_EQ(json_get_str(j.body, "id"), json_get_str(ref.body, "id"));
	STR_EQ(json_get_str(j.hdr, "alg"), "RS256");
	INT_EQ(j.sig_len, ref.sig_len);
	OK(j.sig == NULL);		/* decoded by jws_verify */
	OK(j.sig64 != NULL && j.sig64 == b.data + j.input_len + 1);
	OK(k != NULL && jws_verify(&j, k, &d) == 0);
	jws_keep_payload(&j, &a);
	OK(j.payload != NULL);
	INT_EQ(j.payload_len, ref.payload_len);
	OK(j.payload != NULL && memcmp(j.payload, ref.payload,
	    ref.payload_len) == 0 && j.payload[j.payload_len] == '\0');
	INT_EQ(m.len, 0);
	/* A refusal is the same too. */
	INT_EQ(jws_parse_in(&j, &a, NULL, "x", "a.b", 3, &d), -1);
	OK(strstr(m.data, "x: not a compact JWS") != NULL);
	key_free(k);
	jws_release(&ref);
	arena_release(&a);
	buf_release(&b);
	buf_release(&m);
}

/*
 * The model keeps the decoded payload of a signed award only when the
 * award's id is under base_url, where the payload is published.
 */
static void
test_jws__model_payload(void)
{
	static const char *const bases[] = { "https://example.org/",
	    "https://badges.test.example/" };
	struct buf b = BUF_INIT, m = BUF_INIT;
	struct diag d = capture(&m);
	struct model md;
	struct doc *doc;
	size_t i;

	slurp(&b, OB20 "simple.jwt");
	for (i = 0; i < 2; i++) {
		model_init(&md, bases[i]);
		INT_EQ(model_add_file(&md, "content/awards/a.jws",
		    "0123456789012345678901234567890123456789", b.data, b.len,
		    &d), 0);
		doc = model_lookup(&md,
		    "https://example.org/beths-robotics-badge.json");
		OK(doc != NULL && doc->jws != NULL);
		if (doc != NULL && doc->jws != NULL && i == 0) {
			OK(doc->jws->payload != NULL);
			OK(doc->jws->payload != NULL && strncmp(
			    doc->jws->payload, "{\"@context\":", 12) == 0);
		} else if (doc != NULL && doc->jws != NULL)
			OK(doc->jws->payload == NULL);
		model_release(&md);
	}
	buf_release(&b);
	buf_release(&m);
}

TESTS(T(test_jws__ob20_vectors), T(test_jws__ob30_vectors),
    T(test_jws__independent_vectors), T(test_jws__alg_none),
    T(test_jws__hs256_confusion), T(test_jws__alg_key_mismatch),
    T(test_jws__es256_der), T(test_jws__malformed), T(test_jws__sizes),
    T(test_jws__header_rules), T(test_jws__header_jwk_private),
    T(test_jws__sign_round_trip), T(test_jws__sign_matches_openssl),
    T(test_jws__sign_rejects), T(test_jws__threads),
    T(test_jws__parse_in), T(test_jws__model_payload))
