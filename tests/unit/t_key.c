/* t_key.c - public keys: loading, export and raw signature checks. */
#include <stdint.h>

#include <mbedtls/ecp.h>
#include <mbedtls/rsa.h>

#include "b64.h"
#include "key.h"
#include "harness.h"
#include "keyfiles.h"
#include "sig_mbedtls.h"
#include "sign.h"

/* Third-party vectors other tests use too, in tests/data/vectors/ (paths
 * relative to tests/data/jws/). */
#define OB20	"../vectors/1edtech-dcpv/ob20/"
#define ASSETS	OB20 "assets/"
#define MOZ	"../vectors/mozilla-openbadges-validator/"


/* Parses tests/data/jws/<name> as JSON into a. */
static struct json *
load_json(struct arena *a, const char *name)
{
	struct buf b = BUF_INIT;
	struct json *v = NULL;

	if (slurp(&b, name) == 0 &&
	    json_parse(&v, a, name, b.data, b.len, NULL) < 0)
		v = NULL;
	buf_release(&b);
	return v;
}

static struct json *
parse(struct arena *a, const char *s)
{
	struct json *v = NULL;

	if (json_parse(&v, a, "t", s, strlen(s), NULL) < 0)
		return NULL;
	return v;
}

static struct key *
jwk_text(const char *s, struct buf *m)
{
	struct arena a = ARENA_INIT;
	struct diag d = capture(m);
	struct key *k = NULL;

	if (key_from_jwk(&k, parse(&a, s), "jwk", &d) < 0)
		k = NULL;
	arena_release(&a);
	return k;
}

static void
test_key__pem_rsa(void)
{
	struct arena a = ARENA_INIT;
	struct buf m = BUF_INIT;
	struct diag d = capture(&m);
	struct key *k1 = NULL, *k2 = NULL, *spki, *pkcs1;
	const mbedtls_rsa_context *rsa;

	/* OB 2.0 CryptographicKey documents (DCPV vectors). */
	INT_EQ(key_from_method(&k1, load_json(&a, ASSETS "key1.json"), "key1", &d),
	    0);
	INT_EQ(key_from_method(&k2, load_json(&a, ASSETS "key2.json"), "key2", &d),
	    0);
	OK(k1 != NULL && k1->type == KEY_RSA && key_bits(k1) == 2048);
	OK(k2 != NULL && !key_equal(k1, k2));
	/* SPKI and PKCS#1 of one key. */
	spki = pem_file(MOZ "rsa-public.pem");
	pkcs1 = pem_file("rsa-public-pkcs1.pem");
	OK(spki != NULL && pkcs1 != NULL);
	OK(key_equal(spki, pkcs1));
	OK(!key_equal(spki, k1));
	/* Prepared for lock-free verification. */
	rsa = mbedtls_pk_rsa(*sig_mbedtls_pk(spki->pub));
	OK(rsa->RN.p != NULL);
	rsa = mbedtls_pk_rsa(*sig_mbedtls_pk(pkcs1->pub));
	OK(rsa->RN.p != NULL);
	key_free(k1);
	key_free(k2);
	key_free(spki);
	key_free(pkcs1);
	buf_release(&m);
	arena_release(&a);
}

static void
test_key__pem_other(void)
{
	struct key *ed, *edj, *p256, *p384;
	struct arena a = ARENA_INIT;
	struct buf m = BUF_INIT;
	struct diag d = capture(&m);
	const mbedtls_ecp_keypair *ec;

	ed = pem_file("ed25519-public.pem");
	OK(ed != NULL && ed->type == KEY_ED25519);
	OK(key_from_jwk(&edj, load_json(&a, "ed25519-public.jwk"), "jwk",
	    &d) == 0);
	OK(key_equal(ed, edj));
	p256 = pem_file("p256-public.pem");
	OK(p256 != NULL && p256->type == KEY_EC_P256);
	/* The generator's comb table is built at load, not lazily. */
	ec = mbedtls_pk_ec(*sig_mbedtls_pk(p256->pub));
	OK(ec->grp.T != NULL && ec->grp.T_size > 0);
	p384 = pem_file("p384-public.pem");
	OK(p384 != NULL && p384->type == KEY_EC_P384 && key_bits(p384) == 384);
	ec = mbedtls_pk_ec(*sig_mbedtls_pk(p384->pub));
	OK(ec->grp.T != NULL);
	OK(!key_equal(p256, p384));
	key_free(ed);
	key_free(edj);
	key_free(p256);
	key_free(p384);
	buf_release(&m);
	arena_release(&a);
}

struct reject {
	const char	*in;
	const char	*msg;
};

static void
test_key__pem_rejects(void)
{
	static const struct reject r[] = {
		{ "", "not a PEM block" },
		{ "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxN373P43npgsCdIs4NKp",
		  "not a PEM block" },
		{ "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n",
		  "no \"-----END PUBLIC KEY-----\" line" },
		{ "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n"
		  "-----END PUBLIC KEY-----\ntrailing",
		  "unexpected text after the PEM block" },
		{ "-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\nAAAA\n"
		  "-----END PUBLIC KEY-----\n", "PEM headers" },
		{ "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA-_==\n"
		  "-----END PUBLIC KEY-----\n", "invalid base64: '-'" },
		{ "-----BEGIN PUBLIC KEY-----\n\n-----END PUBLIC KEY-----\n",
		  "empty PEM body" },
		{ "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n"
		  "-----END PUBLIC KEY-----\n", "malformed Ed25519" },
		{ "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
		  "a certificate" },
		{ "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n",
		  "unsupported PEM block \"FOO\"" },
		{ "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
		  "cannot read the public key" },
		{ "-----BEGIN RSA PUBLIC KEY-----\nMAA=\n"
		  "-----END RSA PUBLIC KEY-----\n", "malformed PKCS#1" },
	};
	static const struct reject files[] = {
		{ MOZ "rsa-private.pem", "a private key where a public key" },
		{ "ed25519-private.pem", "a private key where a public key" },
		{ "rsa-1024-public.pem", "RSA key of 1024 bits is too small" },
		{ "x25519-public.pem", "X25519 keys are not supported" },
	};
	struct buf m = BUF_INIT, b = BUF_INIT;
	struct diag d;
	struct key *k;
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		d = capture(&m);
		k = NULL;
		if (key_from_pem(&k, r[i].in, strlen(r[i].in), "t.pem", &d)
		    == 0)
			FAIL_AT("accepted case %zu", i);
		else if (strstr(m.data, r[i].msg) == NULL)
			FAIL_AT("case %zu: \"%s\" lacks \"%s\"", i, m.data,
			    r[i].msg);
		OK(k == NULL);
		OK(strstr(m.data, "error: t.pem: ") == m.data);
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		d = capture(&m);
		slurp(&b, files[i].in);
		if (key_from_pem(&k, b.data, b.len, files[i].in, &d) == 0)
			FAIL_AT("accepted %s", files[i].in);
		else if (strstr(m.data, files[i].msg) == NULL)
			FAIL_AT("%s: \"%s\" lacks \"%s\"", files[i].in, m.data,
			    files[i].msg);
	}
	buf_release(&m);
	buf_release(&b);
}

static void
test_key__jwk(void)
{
	struct buf m = BUF_INIT, out = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct key *k, *pem, *back;
	struct diag d = capture(&m);

	k = jwk_text("{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\","
	    "\"alg\":\"ES256\",\"use\":\"sig\",\"key_ops\":[\"verify\"],"
	    "\"x\":\"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns\","
	    "\"y\":\"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM\"}", &m);
	OK(k != NULL);
	if (k == NULL)
		goto out;
	STR_EQ(k->kid, "k1");
	INT_EQ(k->alg, SIG_ES256);
	OK(key_alg_fits(k, SIG_ES256));
	OK(!key_alg_fits(k, SIG_ES384));
	OK(!key_alg_fits(k, SIG_RS256));
	key_to_jwk(&out, k);
	STR_EQ(out.data, "{\"crv\":\"P-256\",\"kty\":\"EC\","
	    "\"x\":\"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns\","
	    "\"y\":\"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM\","
	    "\"alg\":\"ES256\",\"kid\":\"k1\"}");
	/* JWK -> PEM -> key and JWK -> JWK -> key give the same key. */
	buf_reset(&out);
	OK(key_to_pem(&out, k, &d) == 0);
	OK(strncmp(out.data, "-----BEGIN PUBLIC KEY-----\n", 27) == 0);
	pem = NULL;
	OK(key_from_pem(&pem, out.data, out.len, "pem", &d) == 0);
	OK(key_equal(k, pem));
	buf_reset(&out);
	key_to_jwk(&out, pem);
	back = jwk_text(out.data, &m);
	OK(key_equal(back, k));
	key_free(pem);
	key_free(back);
	key_free(k);
	/* RSA with a leading zero byte in n is the same key. */
	k = pem_file(MOZ "rsa-public.pem");
	buf_reset(&out);
	key_to_jwk(&out, k);
	{
		struct buf n = BUF_INIT, z = BUF_INIT, j = BUF_INIT;
		const char *p = strstr(out.data, "\"n\":\"") + 5;

		OK(b64url_decode(&n, p, strcspn(p, "\""), "n", &d) == 0);
		buf_putc(&z, 0);
		buf_put(&z, n.data, n.len);
		BUF_PUTSL(&j, "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"");
		b64url_encode(&j, z.data, z.len);
		BUF_PUTSL(&j, "\"}");
		back = jwk_text(j.data, &m);
		OK(back != NULL && key_equal(back, k));
		key_free(back);
		buf_release(&n);
		buf_release(&z);
		buf_release(&j);
	}
	key_free(k);
out:
	buf_release(&m);
	buf_release(&out);
	arena_release(&a);
}

static void
test_key__jwk_rejects(void)
{
	static const struct reject r[] = {
		{ "[]", "expected an object" },
		{ "{}", "missing \"kty\"" },
		{ "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}", "symmetric" },
		{ "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"igrFmi0whuihKnj9R3Om"
		  "1SoMph72wUGeFaBbzG2vzns\",\"y\":\"efsX5b10x8yjyrj4ny3pGfLcY7"
		  "Xby1KzgqOdqnsrJIM\",\"d\":\"gPh-VvVS8MbvKQ9LSVVmfnxnKjHn4Tqj"
		  "0bmbpehRlpc\"}", "private key material (\"d\")" },
		{ "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"p\":\"AQAB\"}",
		  "private key material (\"p\")" },
		{ "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"use\":\"enc\","
		  "\"x\":\"S96v3i6ovu-t2MaZtcfgcEz1EVTVLheyC3EzfKBMxaU\"}",
		  "\"use\" is not \"sig\"" },
		{ "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"key_ops\":[\"sign\"],"
		  "\"x\":\"S96v3i6ovu-t2MaZtcfgcEz1EVTVLheyC3EzfKBMxaU\"}",
		  "does not allow \"verify\"" },
		{ "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"alg\":\"RS256\","
		  "\"x\":\"S96v3i6ovu-t2MaZtcfgcEz1EVTVLheyC3EzfKBMxaU\"}",
		  "\"alg\" RS256 does not fit the Ed25519 key" },
		{ "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"alg\":\"HS256\","
		  "\"x\":\"S96v3i6ovu-t2MaZtcfgcEz1EVTVLheyC3EzfKBMxaU\"}",
		  "unsupported \"alg\" \"HS256\"" },
		{ "{\"kty\":\"OKP\",\"crv\":\"X25519\","
		  "\"x\":\"S96v3i6ovu-t2MaZtcfgcEz1EVTVLheyC3EzfKBMxaU\"}",
		  "unsupported OKP curve \"X25519\"" },
		{ "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
		  "\"x\":\"S96v3i6ovu-t2MaZtcfgcEz1EVTVLheyC3EzfKBM\"}",
		  "must be 32 bytes" },
		{ "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
		  "\"x\":\"S96v3i6ovu+t2MaZtcfgcEz1EVTVLheyC3EzfKBMxaU\"}",
		  "jwk: JWK \"x\": invalid base64url: '+'" },
		{ "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":42}",
		  "\"x\": expected string, found number" },
		{ "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
		  "\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
		  "invalid Ed25519 public key" },
		{ "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
		  "\"x\":\"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
		  "invalid Ed25519 public key" },
		{ "{\"kty\":\"EC\",\"crv\":\"P-521\",\"x\":\"AA\",\"y\":\"AA\"}",
		  "unsupported curve \"P-521\"" },
		{ "{\"kty\":\"EC\",\"crv\":\"P-256\","
		  "\"x\":\"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2v\","
		  "\"y\":\"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM\"}",
		  "coordinates must be 32 bytes" },
		{ "{\"kty\":\"EC\",\"crv\":\"P-256\","
		  "\"x\":\"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns\","
		  "\"y\":\"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIA\"}",
		  "invalid EC public key" },
		{ "{\"kty\":\"RSA\",\"e\":\"AQAB\"}", "missing \"n\"" },
		{ "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}",
		  "too small" },
		{ "{\"kty\":\"dsa\"}", "unsupported \"kty\" \"dsa\"" },
	};
	struct buf m = BUF_INIT;
	struct key *k;
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		k = jwk_text(r[i].in, &m);
		if (k != NULL)
			FAIL_AT("accepted case %zu", i);
		else if (strstr(m.data, r[i].msg) == NULL)
			FAIL_AT("case %zu: \"%s\" lacks \"%s\"", i, m.data,
			    r[i].msg);
		key_free(k);
	}
	buf_release(&m);
}

static void
test_key__jwks(void)
{
	static const char set[] = "{\"keys\":["
	    "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"a\","
	    "\"x\":\"S96v3i6ovu-t2MaZtcfgcEz1EVTVLheyC3EzfKBMxaU\"},"
	    "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"b\","
	    "\"x\":\"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns\","
	    "\"y\":\"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM\"}]}";
	struct arena a = ARENA_INIT;
	struct buf m = BUF_INIT;
	struct diag d = capture(&m);
	struct key *k = NULL;

	OK(key_from_jwks(&k, parse(&a, set), "b", "jwks", &d) == 0);
	OK(k != NULL && k->type == KEY_EC_P256);
	key_free(k);
	OK(key_from_jwks(&k, parse(&a, set), "a", "jwks", &d) == 0);
	OK(k != NULL && k->type == KEY_ED25519);
	key_free(k);
	OK(key_from_jwks(&k, parse(&a, set), "c", "jwks", &d) < 0);
	OK(strstr(m.data, "no key with kid \"c\"") != NULL);
	OK(key_from_jwks(&k, parse(&a, set), NULL, "jwks", &d) < 0);
	OK(strstr(m.data, "holds 2 keys and no kid") != NULL);
	OK(key_from_jwks(&k, parse(&a, "{\"keys\":[{\"kty\":\"OKP\","
	    "\"crv\":\"Ed25519\",\"kid\":\"a\",\"x\":\"S96v3i6ovu-t2MaZtcfgcEz"
	    "1EVTVLheyC3EzfKBMxaU\"},{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
	    "\"kid\":\"a\",\"x\":\"S96v3i6ovu-t2MaZtcfgcEz1EVTVLheyC3EzfKBMxa"
	    "U\"}]}"), "a", "jwks", &d) < 0);
	OK(strstr(m.data, "duplicate kid \"a\"") != NULL);
	OK(key_from_jwks(&k, parse(&a, "{\"keys\":[{\"kty\":\"OKP\","
	    "\"crv\":\"Ed25519\",\"x\":\"S96v3i6ovu-t2MaZtcfgcEz1EVTVLheyC3Ez"
	    "fKBMxaU\"}]}"), NULL, "jwks", &d) == 0);
	key_free(k);
	OK(key_from_jwks(&k, parse(&a, "{\"keys\":{}}"), NULL, "jwks", &d)
	    < 0);
	OK(strstr(m.data, "\"keys\" array") != NULL);
	/* Messages say which member failed. */
	OK(key_from_jwks(&k, parse(&a, "{\"keys\":[{\"kty\":\"OKP\","
	    "\"crv\":\"Ed25519\",\"kid\":\"z\",\"d\":\"AA\"}]}"), "z", "jwks",
	    &d) < 0);
	OK(strstr(m.data, "jwks: keys[0]: JWK holds private") != NULL);
	buf_release(&m);
	arena_release(&a);
}

static void
test_key__multikey(void)
{
	/* The OB 3.0 Data Integrity test vector key (1EdTech spec). */
	static const char mk[] = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
	struct buf m = BUF_INIT, out = BUF_INIT;
	struct diag d = capture(&m);
	struct key *k = NULL, *k2 = NULL;
	char h[65];

	OK(key_from_multikey(&k, mk, strlen(mk), "mk", &d) == 0);
	if (k == NULL)
		goto out;
	INT_EQ(k->type, KEY_ED25519);
	hex(h, k->ed25519, 32);
	STR_EQ(h, "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5");
	OK(key_to_multikey(&out, k, &d) == 0);
	STR_EQ(out.data, mk);
	OK(key_from_did_key(&k2, "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92"
	    "JmQwXbd5hwi#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
	    "vm", &d) == 0);
	OK(key_equal(k, k2));
	key_free(k2);
	k2 = NULL;
	OK(key_from_did_key(&k2, "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92"
	    "JmQwXbd5hwi", "vm", &d) == 0);
	OK(key_equal(k, k2));
	key_free(k2);
	/* Rejects. */
	OK(key_from_did_key(&k2, "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92"
	    "JmQwXbd5hwi#z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q",
	    "vm", &d) < 0);
	OK(strstr(m.data, "fragment does not repeat the key") != NULL);
	OK(key_from_did_key(&k2, "did:web:example.org", "vm", &d) < 0);
	OK(strstr(m.data, "is not a did:key") != NULL);
	OK(key_from_did_key(&k2, "did:key:uAQID", "vm", &d) < 0);
	OK(strstr(m.data, "base58btc ('z')") != NULL);
	OK(key_from_multikey(&k2, "z2DQUyFVAEfvDjYRPtvHSJtztMsCSrYpntBE51Rxhhk"
	    "qQhb", 47, "mk", &d) < 0);	/* ed01 + 31 bytes */
	OK(strstr(m.data, "not 32") != NULL);
	/* X25519 (0xec) is a key-agreement key. */
	OK(key_from_multikey(&k2, "z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW",
	    48, "mk", &d) < 0);
	OK(strstr(m.data, "unsupported multicodec 0xec") != NULL);
	OK(key_from_multikey(&k2, "zz", 2, "mk", &d) < 0);
out:
	key_free(k);
	buf_release(&m);
	buf_release(&out);
}

/*
 * Every did:key of the W3C CCG Ed25519 vectors: the key, its DID document
 * verification method (publicKeyBase58 or publicKeyJwk) and its seed.
 */
static void
test_key__did_key_ed25519_vectors(void)
{
	static const unsigned char prefix[16] = {
		0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b,
		0x65, 0x70, 0x04, 0x22, 0x04, 0x20
	};
	struct arena a = ARENA_INIT;
	struct buf m = BUF_INIT, mk = BUF_INIT, pem = BUF_INIT;
	struct diag d = capture(&m);
	const struct json *root, *e, *vm;
	struct key *k, *k2, *k3;
	struct privkey *pk;
	unsigned char der[48];
	const char *seed;
	unsigned hi;
	size_t n = 0, i;

	root = load_json(&a, "did-key-ed25519-x25519.json");
	OK(root != NULL);
	for (e = root != NULL ? root->child : NULL; e != NULL; e = e->next) {
		k = k2 = k3 = NULL;
		pk = NULL;
		if (key_from_did_key(&k, e->key, e->key, &d) < 0) {
			FAIL_AT("%s: %s", e->key, m.data);
			continue;
		}
		vm = json_at(json_get(json_get(e, "didDocument"),
		    "verificationMethod"), 0);
		OK(key_from_method(&k2, vm, "vm", &d) == 0);
		OK(key_equal(k, k2));
		buf_reset(&mk);
		OK(key_to_multikey(&mk, k, &d) == 0);
		STR_EQ(mk.data, e->key + 8);
		/* The seed, as PKCS#8, gives the same public key. */
		seed = json_get_str(e, "seed");
		OK(seed != NULL && strlen(seed) == 64);
		memcpy(der, prefix, sizeof(prefix));
		for (i = 0; seed != NULL && i < 32; i++) {
			sscanf(seed + 2 * i, "%2x", &hi);
			der[16 + i] = (unsigned char)hi;
		}
		buf_reset(&pem);
		BUF_PUTSL(&pem, "-----BEGIN PRIVATE KEY-----\n");
		b64_encode(&pem, der, sizeof(der));
		BUF_PUTSL(&pem, "\n-----END PRIVATE KEY-----\n");
		OK(privkey_from_pem(&pk, pem.data, pem.len, "seed", &d) == 0);
		OK(pk != NULL && privkey_public(&k3, pk, &d) == 0);
		OK(key_equal(k, k3));
		key_free(k);
		key_free(k2);
		key_free(k3);
		privkey_free(pk);
		n++;
	}
	INT_EQ(n, 5);
	buf_release(&m);
	buf_release(&mk);
	buf_release(&pem);
	arena_release(&a);
}

/* P-256, P-384 (compressed points) and RSA did:key vectors (W3C CCG). */
static void
test_key__did_key_nist_rsa_vectors(void)
{
	static const char *const files[] = {
		"did-key-nist-curves.json", "did-key-rsa.json"
	};
	struct arena a = ARENA_INIT;
	struct buf m = BUF_INIT, mk = BUF_INIT;
	struct diag d = capture(&m);
	const struct json *root, *e, *vm, *priv;
	struct key *k, *k2;
	size_t f, good = 0, p521 = 0;

	for (f = 0; f < 2; f++) {
		root = load_json(&a, files[f]);
		OK(root != NULL);
		for (e = root != NULL ? root->child : NULL; e != NULL;
		    e = e->next) {
			k = k2 = NULL;
			if (strncmp(e->key, "did:key:z2J9", 12) == 0) {
				/* P-521 (0x1202): not supported. */
				OK(key_from_did_key(&k, e->key, "vm", &d) < 0);
				OK(strstr(m.data, "0x1202") != NULL);
				p521++;
				continue;
			}
			if (key_from_did_key(&k, e->key, "vm", &d) < 0) {
				FAIL_AT("%.40s: %s", e->key, m.data);
				continue;
			}
			/* The DID document's verification method. */
			vm = json_at(json_get(json_get(e, "didDocument"),
			    "verificationMethod"), 0);
			if (key_from_method(&k2, vm, "vm", &d) < 0)
				FAIL_AT("%.40s: %s", e->key, m.data);
			OK(key_equal(k, k2));
			buf_reset(&mk);
			OK(key_to_multikey(&mk, k, &d) == 0);
			STR_EQ(mk.data, e->key + 8);
			/* The key pair of the vector is refused... */
			key_free(k2);
			k2 = NULL;
			vm = json_get(e, "verificationMethod");
			if (vm == NULL)
				vm = e;
			OK(key_from_method(&k2, vm, "vm", &d) < 0);
			OK(strstr(m.data, "holds private key material") != NULL);
			/* ...and so is its private JWK. */
			if ((priv = json_get(vm, "privateKeyJwk")) != NULL) {
				OK(key_from_jwk(&k2, priv, "jwk", &d) < 0);
				OK(strstr(m.data, "private key material "
				    "(\"d\")") != NULL);
			}
			key_free(k);
			good++;
		}
	}
	INT_EQ(good, 7);	/* 3 P-256, 2 P-384, 2 RSA */
	INT_EQ(p521, 2);
	buf_release(&m);
	buf_release(&mk);
	arena_release(&a);
}

static void
test_key__method(void)
{
	struct arena a = ARENA_INIT;
	struct buf m = BUF_INIT;
	struct diag d = capture(&m);
	struct key *k = NULL;

	OK(key_from_method(&k, parse(&a, "{\"type\":\"Multikey\","
	    "\"publicKeyMultibase\":\"z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQ"
	    "wXbd5hwi\"}"), "vm", &d) == 0);
	OK(k != NULL && k->type == KEY_ED25519);
	key_free(k);
	OK(key_from_method(&k, parse(&a, "{\"type\":\"Multikey\"}"), "vm", &d)
	    < 0);
	OK(strstr(m.data, "has no public key") != NULL);
	OK(key_from_method(&k, parse(&a, "{\"publicKeyMultibase\":\"z6Mk\","
	    "\"publicKeyPem\":\"x\"}"), "vm", &d) < 0);
	OK(strstr(m.data, "has both") != NULL);
	OK(key_from_method(&k, parse(&a, "{\"publicKeyMultibase\":7}"), "vm",
	    &d) < 0);
	OK(strstr(m.data, "vm: publicKeyMultibase: expected string") != NULL);
	buf_release(&m);
	arena_release(&a);
}

static void
test_key__thumbprint(void)
{
	struct buf m = BUF_INIT;
	struct key *k;
	char tp[KEY_THUMBPRINT_LEN + 1];

	/* RFC 7638 section 3.1. */
	k = jwk_text("{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbX"
	    "Eps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRX"
	    "jBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ"
	    "5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5"
	    "hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksI"
	    "NHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\","
	    "\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}", &m);
	OK(k != NULL);
	if (k != NULL) {
		INT_EQ(key_thumbprint(tp, k), 0);
		STR_EQ(tp, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
	}
	key_free(k);
	buf_release(&m);
}

static void
test_key__verify_mismatch(void)
{
	struct buf m = BUF_INIT;
	struct diag d = capture(&m);
	struct key *ed, *rsa, *p256, *p384;
	unsigned char sig[512];

	memset(sig, 0, sizeof(sig));
	ed = pem_file("ed25519-public.pem");
	rsa = pem_file(MOZ "rsa-public.pem");
	p256 = pem_file("p256-public.pem");
	p384 = pem_file("p384-public.pem");
	OK(ed != NULL && rsa != NULL && p256 != NULL && p384 != NULL);
	INT_EQ(key_verify(ed, SIG_RS256, "m", 1, sig, 256, "t", &d), -1);
	OK(strstr(m.data, "algorithm RS256 does not fit the Ed25519 key"));
	INT_EQ(key_verify(p256, SIG_RS256, "m", 1, sig, 256, "t", &d), -1);
	INT_EQ(key_verify(p384, SIG_ES256, "m", 1, sig, 64, "t", &d), -1);
	OK(strstr(m.data, "algorithm ES256 does not fit the P-384 key"));
	INT_EQ(key_verify(p256, SIG_ES384, "m", 1, sig, 96, "t", &d), -1);
	INT_EQ(key_verify(rsa, SIG_EDDSA, "m", 1, sig, 64, "t", &d), -1);
	INT_EQ(key_verify(rsa, SIG_ES256, "m", 1, sig, 64, "t", &d), -1);
	INT_EQ(key_verify(rsa, SIG_NONE, "m", 1, sig, 64, "t", &d), -1);
	/* Sizes. */
	INT_EQ(key_verify(rsa, SIG_RS256, "m", 1, sig, 255, "t", &d), -1);
	OK(strstr(m.data, "RS256 signature is 255 bytes, the 2048-bit key "
	    "needs 256"));
	INT_EQ(key_verify(ed, SIG_EDDSA, "m", 1, sig, 63, "t", &d), -1);
	INT_EQ(key_verify(p256, SIG_ES256, "m", 1, sig, 65, "t", &d), -1);
	/* Zero signatures are well-formed and wrong. */
	INT_EQ(key_verify(rsa, SIG_RS256, "m", 1, sig, 256, "t", &d),
	    KEY_EBADSIG);
	INT_EQ(key_verify(rsa, SIG_PS256, "m", 1, sig, 256, "t", &d),
	    KEY_EBADSIG);
	INT_EQ(key_verify(p256, SIG_ES256, "m", 1, sig, 64, "t", &d),
	    KEY_EBADSIG);
	INT_EQ(key_verify(ed, SIG_EDDSA, "m", 1, sig, 64, "t", &d),
	    KEY_EBADSIG);
	OK(strstr(m.data, "EdDSA signature does not verify with the Ed25519 "
	    "key") != NULL);
	/* A signature >= n is refused, not reduced. */
	memset(sig, 0xff, 256);
	INT_EQ(key_verify(rsa, SIG_RS256, "m", 1, sig, 256, "t", &d),
	    KEY_EBADSIG);
	key_free(ed);
	key_free(rsa);
	key_free(p256);
	key_free(p384);
	buf_release(&m);
}

TESTS(T(test_key__pem_rsa), T(test_key__pem_other), T(test_key__pem_rejects),
    T(test_key__jwk), T(test_key__jwk_rejects), T(test_key__jwks),
    T(test_key__multikey), T(test_key__did_key_ed25519_vectors),
    T(test_key__did_key_nist_rsa_vectors), T(test_key__method),
    T(test_key__thumbprint), T(test_key__verify_mismatch))
