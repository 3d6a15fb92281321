/* t_sign.c - signing keys: read, written, generated, and their signatures. */
#include <stdint.h>

#include "harness.h"
#include "keyfiles.h"
#include "key.h"
#include "sign.h"

/* Third-party vectors, in tests/data/vectors/ (relative to tests/data/jws/). */
#define MOZ	"../vectors/mozilla-openbadges-validator/"

static void
test_sign__private_files(void)
{
	static const struct {
		const char	*priv, *pub;
		enum key_type	 type;
	} v[] = {
		{ MOZ "rsa-private.pem", MOZ "rsa-public.pem", KEY_RSA },
		{ "ed25519-private.pem", "ed25519-public.pem", KEY_ED25519 },
		{ "p256-private-pkcs8.pem", "p256-public.pem", KEY_EC_P256 },
		{ "p256-private-sec1.pem", "p256-public.pem", KEY_EC_P256 },
	};
	struct buf m = BUF_INIT, b = BUF_INIT, pem = BUF_INIT;
	struct diag d = capture(&m);
	struct privkey *k, *k2;
	struct key *pub, *want, *pub2;
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		k = k2 = NULL;
		pub = pub2 = NULL;
		slurp(&b, v[i].priv);
		if (privkey_from_pem(&k, b.data, b.len, v[i].priv, &d) < 0) {
			FAIL_AT("%s: %s", v[i].priv, m.data);
			continue;
		}
		INT_EQ(k->type, v[i].type);
		want = pem_file(v[i].pub);
		OK(privkey_public(&pub, k, &d) == 0);
		OK(key_equal(pub, want));
		/* Written as PKCS#8 and read back. */
		buf_reset(&pem);
		OK(privkey_to_pem(&pem, k, &d) == 0);
		OK(strncmp(pem.data, "-----BEGIN PRIVATE KEY-----\n", 28) == 0);
		OK(privkey_from_pem(&k2, pem.data, pem.len, "pem", &d) == 0);
		OK(k2 != NULL && privkey_public(&pub2, k2, &d) == 0);
		OK(key_equal(pub2, want));
		privkey_free(k);
		privkey_free(k2);
		key_free(pub);
		key_free(pub2);
		key_free(want);
	}
	/* The Ed25519 PKCS#8 is written byte for byte as OpenSSL does. */
	slurp(&b, "ed25519-private.pem");
	OK(privkey_from_pem(&k, b.data, b.len, "ed", &d) == 0);
	buf_reset(&pem);
	OK(privkey_to_pem(&pem, k, &d) == 0);
	STR_EQ(pem.data, b.data);
	privkey_free(k);
	/* Public keys are not private keys. */
	slurp(&b, MOZ "rsa-public.pem");
	OK(privkey_from_pem(&k, b.data, b.len, "pub", &d) < 0);
	OK(strstr(m.data, "expected a \"PRIVATE KEY\" PEM block, found "
	    "\"PUBLIC KEY\"") != NULL);
	buf_reset(&b);
	buf_puts(&b, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
	    "-----END ENCRYPTED PRIVATE KEY-----\n");
	OK(privkey_from_pem(&k, b.data, b.len, "enc", &d) < 0);
	OK(strstr(m.data, "encrypted private keys are not supported") != NULL);
	buf_release(&m);
	buf_release(&b);
	buf_release(&pem);
}

static void
test_sign__generate(void)
{
	static const enum key_type types[] = {
		KEY_ED25519, KEY_EC_P256, KEY_EC_P384, KEY_RSA
	};
	struct buf m = BUF_INIT, pem = BUF_INIT, sig = BUF_INIT;
	struct diag d = capture(&m);
	struct privkey *k, *k2;
	struct key *pub, *pub2;
	enum sig_alg alg;
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		k = k2 = NULL;
		pub = pub2 = NULL;
		if (privkey_generate(&k, types[i], 0, &d) < 0) {
			FAIL_AT("%s: %s", key_type_name(types[i]), m.data);
			continue;
		}
		INT_EQ(k->type, types[i]);
		OK(privkey_public(&pub, k, &d) == 0);
		if (types[i] == KEY_RSA)
			INT_EQ(key_bits(pub), 2048);
		buf_reset(&pem);
		OK(privkey_to_pem(&pem, k, &d) == 0);
		OK(privkey_from_pem(&k2, pem.data, pem.len, "pem", &d) == 0);
		OK(k2 != NULL && privkey_public(&pub2, k2, &d) == 0);
		OK(key_equal(pub, pub2));
		alg = types[i] == KEY_ED25519 ? SIG_EDDSA : types[i] ==
		    KEY_EC_P256 ? SIG_ES256 : types[i] == KEY_EC_P384 ?
		    SIG_ES384 : SIG_RS256;
		buf_reset(&sig);
		OK(privkey_sign(&sig, k2, alg, "msg", 3, &d) == 0);
		INT_EQ(key_verify(pub, alg, "msg", 3, (unsigned char *)sig.data,
		    sig.len, "t", &d), 0);
		INT_EQ(key_verify(pub, alg, "msG", 3, (unsigned char *)sig.data,
		    sig.len, "t", &d), KEY_EBADSIG);
		privkey_free(k);
		privkey_free(k2);
		key_free(pub);
		key_free(pub2);
	}
	OK(privkey_generate(&k, KEY_RSA, 1024, &d) < 0);
	OK(strstr(m.data, "2048, 3072 or 4096 bits, not 1024") != NULL);
	buf_release(&m);
	buf_release(&pem);
	buf_release(&sig);
}

/* RFC 6979 A.2.5: ECDSA P-256, SHA-256, message "sample". */
static void
test_sign__rfc6979(void)
{
	struct buf m = BUF_INIT, b = BUF_INIT, sig = BUF_INIT, sig2 = BUF_INIT;
	struct diag d = capture(&m);
	struct privkey *k = NULL;
	char h[129];

	slurp(&b, "rfc6979-p256.pem");
	OK(privkey_from_pem(&k, b.data, b.len, "rfc6979", &d) == 0);
	if (k == NULL)
		goto out;
	OK(privkey_sign(&sig, k, SIG_ES256, "sample", 6, &d) == 0);
	INT_EQ(sig.len, 64);
	hex(h, (unsigned char *)sig.data, 64);
	STR_EQ(h, "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
	    "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");
	OK(privkey_sign(&sig2, k, SIG_ES256, "sample", 6, &d) == 0);
	OK(sig.len == sig2.len && memcmp(sig.data, sig2.data, sig.len) == 0);
	/* Wrong algorithm for the key. */
	OK(privkey_sign(&sig, k, SIG_RS256, "sample", 6, &d) < 0);
	OK(strstr(m.data, "algorithm RS256 does not fit the P-256 key") != NULL);
	privkey_free(k);
out:
	buf_release(&m);
	buf_release(&b);
	buf_release(&sig);
	buf_release(&sig2);
}

TESTS(T(test_sign__private_files), T(test_sign__generate),
    T(test_sign__rfc6979))
