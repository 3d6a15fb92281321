/*
 * sign.c - signing keys on mbedTLS and libsodium (see sign.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/bignum.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/rsa.h>
#include <sodium.h>

#include "b64.h"
#include "proof.h"
#include "sig_mbedtls.h"
#include "sign.h"

#define DER_MAX		(8u * 1024)	/* an RSA-8192 private key fits */

#define VC2_CONTEXT	"https://www.w3.org/ns/credentials/v2"
#define DI1_CONTEXT	"https://w3id.org/security/data-integrity/v1"
#define DI2_CONTEXT	"https://w3id.org/security/data-integrity/v2"
#define ED2020_CONTEXT	"https://w3id.org/security/suites/ed25519-2020/v1"

/* The PKCS#8 prefix of an Ed25519 private key (RFC 8410). */
static const unsigned char ed25519_pkcs8[16] = {
	0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
	0x04, 0x22, 0x04, 0x20
};

/* PKCS#8 AlgorithmIdentifiers. */
static const unsigned char algid_rsa[] = {
	0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01,
	0x01, 0x05, 0x00
};
static const unsigned char algid_p256[] = {
	0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06,
	0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07
};
static const unsigned char algid_p384[] = {
	0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06,
	0x05, 0x2b, 0x81, 0x04, 0x00, 0x22
};

/* The size of a coordinate of the curve of t. */
static size_t
ec_coord_len(enum key_type t)
{
	return t == KEY_EC_P384 ? 48 : 32;
}

struct drbg {
	mbedtls_entropy_context	 ent;
	mbedtls_ctr_drbg_context ctr;
};

static int
drbg_init(struct drbg *g, const char *what, struct diag *d)
{
	static const char pers[] = "badgegen key generation";
	char eb[100];
	int ret;

	mbedtls_entropy_init(&g->ent);
	mbedtls_ctr_drbg_init(&g->ctr);
	if ((ret = mbedtls_ctr_drbg_seed(&g->ctr, mbedtls_entropy_func,
	    &g->ent, (const unsigned char *)pers, sizeof(pers) - 1)) != 0)
		return diag_err(d, "%s: cannot seed the random generator: %s",
		    what, sig_mbedtls_err(ret, eb, sizeof(eb)));
	return 0;
}

static void
drbg_free(struct drbg *g)
{
	if (g == NULL)
		return;
	mbedtls_ctr_drbg_free(&g->ctr);
	mbedtls_entropy_free(&g->ent);
}

static struct privkey *
privkey_new(enum key_type type)
{
	struct privkey *k = xcalloc(1, sizeof(*k));

	k->type = type;
	mbedtls_pk_init(&k->pk);
	return k;
}

void
privkey_free(struct privkey *k)
{
	if (k == NULL)
		return;
	mbedtls_pk_free(&k->pk);
	sodium_memzero(k->ed25519, sizeof(k->ed25519));
	free(k);
}

/* Checks a parsed RSA/EC private key and prepares it; sets k->type. */
static int
privkey_prepare(struct privkey *k, const char *name, struct diag *d)
{
	mbedtls_ecp_keypair *ec;
	size_t bits;
	char eb[100];
	int ret;

	switch (mbedtls_pk_get_type(&k->pk)) {
	case MBEDTLS_PK_RSA:
		k->type = KEY_RSA;
		bits = mbedtls_pk_get_bitlen(&k->pk);
		if (bits < KEY_RSA_MIN_BITS || bits > KEY_RSA_MAX_BITS)
			return diag_err(d, "%s: RSA key of %zu bits (allowed: "
			    "%d to %d)", name, bits, KEY_RSA_MIN_BITS,
			    KEY_RSA_MAX_BITS);
		if ((ret = mbedtls_rsa_check_privkey(mbedtls_pk_rsa(k->pk)))
		    != 0)
			return diag_err(d, "%s: invalid RSA private key: %s",
			    name, sig_mbedtls_err(ret, eb, sizeof(eb)));
		return 0;
	case MBEDTLS_PK_ECKEY:
		ec = mbedtls_pk_ec(k->pk);
		if (ec->grp.id == MBEDTLS_ECP_DP_SECP256R1)
			k->type = KEY_EC_P256;
		else if (ec->grp.id == MBEDTLS_ECP_DP_SECP384R1)
			k->type = KEY_EC_P384;
		else
			return diag_err(d, "%s: unsupported elliptic curve "
			    "(only P-256 and P-384)", name);
		if ((ret = mbedtls_ecp_check_privkey(&ec->grp, &ec->d)) != 0 ||
		    (ret = mbedtls_ecp_check_pubkey(&ec->grp, &ec->Q)) != 0)
			return diag_err(d, "%s: invalid EC private key: %s",
			    name, sig_mbedtls_err(ret, eb, sizeof(eb)));
		return sig_mbedtls_ec_warm(&ec->grp, name, d);
	default:
		return diag_err(d, "%s: unsupported private key type %s", name,
		    mbedtls_pk_get_name(&k->pk));
	}
}

int
privkey_generate(struct privkey **out, enum key_type type, unsigned bits,
    struct diag *d)
{
	struct privkey *k;
	struct drbg g;
	char eb[100];
	int ret, rc = -1;

	*out = NULL;
	if (sig_init("key generation", d) < 0)
		return -1;
	k = privkey_new(type);
	if (type == KEY_ED25519) {
		crypto_sign_keypair(k->ed25519 + 32, k->ed25519);
		*out = k;
		return 0;
	}
	if (drbg_init(&g, "key generation", d) < 0)
		goto out;
	switch (type) {
	case KEY_RSA:
		if (bits == 0)
			bits = 2048;
		if (bits != 2048 && bits != 3072 && bits != 4096) {
			diag_err(d, "key generation: RSA keys are 2048, 3072 "
			    "or 4096 bits, not %u", bits);
			goto out;
		}
		if ((ret = mbedtls_pk_setup(&k->pk,
		    mbedtls_pk_info_from_type(MBEDTLS_PK_RSA))) != 0 ||
		    (ret = mbedtls_rsa_gen_key(mbedtls_pk_rsa(k->pk),
		    mbedtls_ctr_drbg_random, &g.ctr, bits, 65537)) != 0) {
			diag_err(d, "key generation: %s",
			    sig_mbedtls_err(ret, eb, sizeof(eb)));
			goto out;
		}
		break;
	case KEY_EC_P256:
	case KEY_EC_P384:
		if ((ret = mbedtls_pk_setup(&k->pk,
		    mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY))) != 0 ||
		    (ret = mbedtls_ecp_gen_key(sig_mbedtls_group(type),
		    mbedtls_pk_ec(k->pk), mbedtls_ctr_drbg_random,
		    &g.ctr)) != 0) {
			diag_err(d, "key generation: %s",
			    sig_mbedtls_err(ret, eb, sizeof(eb)));
			goto out;
		}
		break;
	default:
		diag_err(d, "key generation: unsupported key type");
		goto out;
	}
	rc = privkey_prepare(k, "key generation", d);
out:
	drbg_free(&g);
	if (rc == 0) {
		*out = k;
		k = NULL;
	}
	privkey_free(k);
	return rc;
}

int
privkey_from_pem(struct privkey **out, const char *pem, size_t len,
    const char *name, struct diag *d)
{
	struct buf der = BUF_INIT;
	struct privkey *k = NULL;
	const char *alg;
	char label[48], eb[100];
	int ret, rc = -1;

	*out = NULL;
	if (sig_init(name, d) < 0)
		return -1;
	buf_grow(&der, len);	/* no reallocation: one copy to wipe */
	if (pem_read(&der, label, sizeof(label), pem, len, name, d) < 0)
		goto out;
	k = privkey_new(KEY_RSA);
	if (strcmp(label, "ENCRYPTED PRIVATE KEY") == 0) {
		diag_err(d, "%s: encrypted private keys are not supported",
		    name);
		goto out;
	}
	if (strcmp(label, "PRIVATE KEY") != 0 &&
	    strcmp(label, "RSA PRIVATE KEY") != 0 &&
	    strcmp(label, "EC PRIVATE KEY") != 0) {
		diag_err(d, "%s: expected a \"PRIVATE KEY\" PEM block, found "
		    "\"%s\"", name, label);
		goto out;
	}
	if (strcmp(label, "PRIVATE KEY") == 0 &&
	    (alg = key_rfc8410_alg((unsigned char *)der.data, der.len)) != NULL) {
		if (strcmp(alg, "Ed25519") != 0) {
			diag_err(d, "%s: %s keys are not supported", name,
			    alg);
			goto out;
		}
		if (der.len != sizeof(ed25519_pkcs8) + 32 ||
		    memcmp(der.data, ed25519_pkcs8, sizeof(ed25519_pkcs8))) {
			diag_err(d, "%s: malformed Ed25519 private key (expected "
			    "the 48-byte PKCS#8 form)", name);
			goto out;
		}
		k->type = KEY_ED25519;
		crypto_sign_seed_keypair(k->ed25519 + 32, k->ed25519,
		    (unsigned char *)der.data + sizeof(ed25519_pkcs8));
		rc = 0;
		goto out;
	}
	if ((ret = mbedtls_pk_parse_key(&k->pk, (unsigned char *)der.data,
	    der.len, NULL, 0)) != 0) {
		diag_err(d, "%s: cannot read the private key: %s", name,
		    sig_mbedtls_err(ret, eb, sizeof(eb)));
		goto out;
	}
	rc = privkey_prepare(k, name, d);
out:
	if (der.cap != 0)
		mbedtls_platform_zeroize(der.data, der.cap);
	buf_release(&der);
	if (rc == 0) {
		*out = k;
		k = NULL;
	}
	privkey_free(k);
	return rc;
}

int
privkey_from_seed(struct privkey **out, const unsigned char seed[32],
    struct diag *d)
{
	struct privkey *k;

	*out = NULL;
	if (sig_init("signing key", d) < 0)
		return -1;
	k = privkey_new(KEY_ED25519);
	crypto_sign_seed_keypair(k->ed25519 + 32, k->ed25519, seed);
	*out = k;
	return 0;
}

/* Writes a DER length at p (room for 4 bytes); returns its size. */
static size_t
der_len(unsigned char *p, size_t n)
{
	if (n < 0x80) {
		p[0] = (unsigned char)n;
		return 1;
	}
	if (n < 0x100) {
		p[0] = 0x81;
		p[1] = (unsigned char)n;
		return 2;
	}
	p[0] = 0x82;
	p[1] = (unsigned char)(n >> 8);
	p[2] = (unsigned char)n;
	return 3;
}

int
privkey_to_pem(struct buf *out, const struct privkey *k, struct diag *d)
{
	unsigned char inner[DER_MAX], der[DER_MAX + 64], *p;
	const unsigned char *algid;
	size_t algidlen, n, octlen, seqlen;
	char eb[100];
	int len, rc = -1;

	if (k->type == KEY_ED25519) {
		memcpy(der, ed25519_pkcs8, sizeof(ed25519_pkcs8));
		memcpy(der + sizeof(ed25519_pkcs8), k->ed25519, 32);
		pem_write(out, "PRIVATE KEY", der, sizeof(ed25519_pkcs8) + 32);
		mbedtls_platform_zeroize(der, sizeof(der));
		return 0;
	}
	/* PKCS#1 RSAPrivateKey or SEC 1 ECPrivateKey, at the end of inner. */
	len = mbedtls_pk_write_key_der((mbedtls_pk_context *)&k->pk, inner,
	    sizeof(inner));
	if (len < 0) {
		diag_err(d, "cannot write the private key: %s",
		    sig_mbedtls_err(len, eb, sizeof(eb)));
		goto out;
	}
	if (k->type == KEY_RSA) {
		algid = algid_rsa;
		algidlen = sizeof(algid_rsa);
	} else if (k->type == KEY_EC_P256) {
		algid = algid_p256;
		algidlen = sizeof(algid_p256);
	} else {
		algid = algid_p384;
		algidlen = sizeof(algid_p384);
	}
	/* PrivateKeyInfo ::= SEQUENCE { 0, AlgorithmIdentifier, OCTET STRING } */
	{
		unsigned char lb[4];

		octlen = 1 + der_len(lb, (size_t)len) + (size_t)len;
		seqlen = 3 + algidlen + octlen;
	}
	p = der;
	*p++ = 0x30;
	p += der_len(p, seqlen);
	*p++ = 0x02;
	*p++ = 0x01;
	*p++ = 0x00;
	memcpy(p, algid, algidlen);
	p += algidlen;
	*p++ = 0x04;
	p += der_len(p, (size_t)len);
	memcpy(p, inner + sizeof(inner) - len, (size_t)len);
	p += len;
	n = (size_t)(p - der);
	pem_write(out, "PRIVATE KEY", der, n);
	rc = 0;
out:
	mbedtls_platform_zeroize(inner, sizeof(inner));
	mbedtls_platform_zeroize(der, sizeof(der));
	return rc;
}

int
privkey_public(struct key **out, const struct privkey *k, struct diag *d)
{
	const mbedtls_rsa_context *rsa;
	const mbedtls_ecp_keypair *ec;
	unsigned char a[KEY_RSA_MAX_BITS / 8], b[KEY_RSA_MAX_BITS / 8];
	size_t alen, blen;

	*out = NULL;
	switch (k->type) {
	case KEY_ED25519:
		return key_from_numbers(out, KEY_ED25519, k->ed25519 + 32,
		    KEY_ED25519_LEN, NULL, 0, "public key", d);
	case KEY_RSA:
		rsa = mbedtls_pk_rsa(k->pk);
		alen = mbedtls_mpi_size(&rsa->N);
		blen = mbedtls_mpi_size(&rsa->E);
		if (alen > sizeof(a) || blen > sizeof(b) ||
		    mbedtls_mpi_write_binary(&rsa->N, a, alen) != 0 ||
		    mbedtls_mpi_write_binary(&rsa->E, b, blen) != 0)
			return diag_err(d, "cannot export the RSA public key");
		return key_from_numbers(out, KEY_RSA, a, alen, b, blen,
		    "public key", d);
	default:
		ec = mbedtls_pk_ec(k->pk);
		if (mbedtls_ecp_point_write_binary(&ec->grp, &ec->Q,
		    MBEDTLS_ECP_PF_UNCOMPRESSED, &alen, a, sizeof(a)) != 0)
			return diag_err(d, "cannot export the EC public key");
		return key_from_numbers(out, k->type, a, alen, NULL, 0,
		    "public key", d);
	}
}

int
privkey_sign(struct buf *out, const struct privkey *k, enum sig_alg alg,
    const void *msg, size_t len, struct diag *d)
{
	unsigned char hash[SHA512_LEN], sig[KEY_RSA_MAX_BITS / 8];
	mbedtls_rsa_context *rsa;
	mbedtls_ecp_keypair *ec;
	mbedtls_md_type_t md;
	mbedtls_mpi r, s;
	size_t hlen, n;
	char eb[100];
	int ret;

	if (alg == SIG_NONE || sig_alg_key_type(alg) != k->type)
		return diag_err(d, "signing: algorithm %s does not fit the %s "
		    "key", sig_alg_name(alg), key_type_name(k->type));
	switch (alg) {
	case SIG_EDDSA:
		crypto_sign_detached(sig, NULL, msg, len, k->ed25519);
		buf_put(out, sig, crypto_sign_BYTES);
		return 0;
	case SIG_RS256:
	case SIG_RS384:
	case SIG_RS512:
		rsa = mbedtls_pk_rsa(k->pk);
		md = sig_mbedtls_digest(alg, msg, len, hash, &hlen);
		if ((ret = mbedtls_rsa_rsassa_pkcs1_v15_sign(rsa, sig_mbedtls_rng,
		    NULL, MBEDTLS_RSA_PRIVATE, md, (unsigned)hlen, hash,
		    sig)) != 0)
			return diag_err(d, "signing: %s",
			    sig_mbedtls_err(ret, eb, sizeof(eb)));
		buf_put(out, sig, rsa->len);
		return 0;
	case SIG_ES256:
	case SIG_ES384:
		ec = mbedtls_pk_ec(k->pk);
		n = ec_coord_len(k->type);
		md = sig_mbedtls_digest(alg, msg, len, hash, &hlen);
		mbedtls_mpi_init(&r);
		mbedtls_mpi_init(&s);
		ret = mbedtls_ecdsa_sign_det_ext(&ec->grp, &r, &s, &ec->d,
		    hash, hlen, md, sig_mbedtls_rng, NULL);
		if (ret == 0)
			ret = mbedtls_mpi_write_binary(&r, sig, n);
		if (ret == 0)
			ret = mbedtls_mpi_write_binary(&s, sig + n, n);
		mbedtls_mpi_free(&r);
		mbedtls_mpi_free(&s);
		if (ret != 0)
			return diag_err(d, "signing: %s",
			    sig_mbedtls_err(ret, eb, sizeof(eb)));
		buf_put(out, sig, 2 * n);
		return 0;
	default:
		return diag_err(d, "signing: %s is not offered (RS256, "
		    "RS384, RS512, ES256, ES384, EdDSA)", sig_alg_name(alg));
	}
}

int
jws_sign(struct buf *out, const char *header_json, const char *payload,
    size_t len, const struct privkey *k, struct diag *d)
{
	struct arena a = ARENA_INIT;
	struct buf hdr = BUF_INIT, sig = BUF_INIT;
	struct json *h;
	enum sig_alg alg;
	const char *name;
	size_t start = out->len;
	int rc = -1;

	if (header_json == NULL) {
		switch (k->type) {
		case KEY_RSA:
			alg = SIG_RS256;
			break;
		case KEY_EC_P256:
			alg = SIG_ES256;
			break;
		case KEY_EC_P384:
			alg = SIG_ES384;
			break;
		default:
			alg = SIG_EDDSA;
			break;
		}
		buf_printf(&hdr, "{\"alg\":\"%s\"}", sig_alg_name(alg));
	} else {
		buf_puts(&hdr, header_json);
		if (json_parse(&h, &a, "JWS header", hdr.data, hdr.len, d) < 0)
			goto out;
		if (h->type != JSON_OBJECT) {
			diag_err(d, "JWS header: expected a JSON object");
			goto out;
		}
		if ((name = json_get_str(h, "alg")) == NULL) {
			diag_err(d, "JWS header: missing \"alg\"");
			goto out;
		}
		if ((alg = sig_alg_from_name(name)) == SIG_NONE) {
			diag_err(d, "JWS header: unsupported alg \"%.20s\"",
			    name);
			goto out;
		}
		if (json_get(h, "crit") != NULL || json_get(h, "b64") != NULL) {
			diag_err(d, "JWS header: \"crit\" and \"b64\" are not "
			    "produced");
			goto out;
		}
	}
	if (sig_alg_key_type(alg) != k->type) {
		diag_err(d, "JWS header: alg %s does not fit the %s key",
		    sig_alg_name(alg), key_type_name(k->type));
		goto out;
	}
	b64url_encode(out, hdr.data, hdr.len);
	buf_putc(out, '.');
	b64url_encode(out, payload, len);
	if (privkey_sign(&sig, k, alg, out->data + start, out->len - start,
	    d) < 0)
		goto out;
	buf_putc(out, '.');
	b64url_encode(out, sig.data, sig.len);
	rc = 0;
out:
	if (rc != 0)
		buf_truncate(out, start);
	buf_release(&hdr);
	buf_release(&sig);
	arena_release(&a);
	return rc;
}

/* Data Integrity proofs. */

static bool
context_has(const struct json *ctx, const char *url)
{
	const struct json *c;

	for (c = ctx->type == JSON_ARRAY ? ctx->child : ctx; c != NULL;
	    c = ctx->type == JSON_ARRAY ? c->next : NULL)
		if (json_str_eq(c, url))
			return true;
	return false;
}

/*
 * The document to sign: doc itself, or a copy whose @context gains the
 * context that defines the proof's terms when doc's lacks it (as
 * jsonld-signatures and data-integrity add the suite context).
 */
static const struct json *
with_suite_context(struct arena *a, const struct json *doc, const char *suite)
{
	const struct json *ctx = json_get(doc, "@context"), *m, *c;
	struct json *root, *list;
	const char *need;

	if (ctx == NULL)
		return doc;
	if (strcmp(suite, "Ed25519Signature2020") == 0)
		need = context_has(ctx, ED2020_CONTEXT) ? NULL : ED2020_CONTEXT;
	else
		need = context_has(ctx, VC2_CONTEXT) ||
		    context_has(ctx, DI1_CONTEXT) ||
		    context_has(ctx, DI2_CONTEXT) ? NULL : DI2_CONTEXT;
	if (need == NULL)
		return doc;
	root = json_new(a, JSON_OBJECT);
	for (m = doc->child; m != NULL; m = m->next) {
		if (m != ctx) {
			json_add_copy(a, root, m, NULL);
			continue;
		}
		list = json_add_arr(a, root, "@context");
		for (c = ctx->type == JSON_ARRAY ? ctx->child : ctx; c != NULL;
		    c = ctx->type == JSON_ARRAY ? c->next : NULL) {
			json_add_copy(a, list, c, NULL);
			list->last->key = NULL;
			list->last->keylen = 0;
		}
		json_add_str(a, list, NULL, need);
	}
	return root;
}

int
di_sign(struct buf *out_json, const struct json *doc, const char *suite,
    const char *vm, const char *created, const unsigned char seed[32],
    struct diag *d)
{
	struct arena a = ARENA_INIT;
	struct buf pv = BUF_INIT, sig = BUF_INIT;
	struct json *root, *proof, *proofs;
	const struct json *m, *old, *ctx;
	struct privkey *k = NULL;
	unsigned char hash[64];
	int rc = -1;

	if (doc == NULL || doc->type != JSON_OBJECT)
		return diag_err(d, "proof: the document is not an object");
	if (vm == NULL || created == NULL)
		return diag_err(d, "proof: a verificationMethod and a created "
		    "time are needed to sign");
	doc = with_suite_context(&a, doc, suite);
	ctx = json_get(doc, "@context");
	proof = json_new(&a, JSON_OBJECT);
	if (strcmp(suite, "eddsa-rdfc-2022") == 0 ||
	    strcmp(suite, "eddsa-jcs-2022") == 0) {
		json_add_str(&a, proof, "type", "DataIntegrityProof");
		json_add_str(&a, proof, "cryptosuite", suite);
	} else if (strcmp(suite, "Ed25519Signature2020") == 0)
		json_add_str(&a, proof, "type", "Ed25519Signature2020");
	else {
		diag_err(d, "proof: cannot sign with suite \"%s\"", suite);
		goto out;
	}
	json_add_str(&a, proof, "created", created);
	json_add_str(&a, proof, "verificationMethod", vm);
	json_add_str(&a, proof, "proofPurpose", "assertionMethod");
	if (strcmp(suite, "eddsa-jcs-2022") == 0 && ctx != NULL)
		json_add_copy(&a, proof, ctx, NULL);
	if (di_hash_data(hash, doc, proof, d) < 0 ||
	    privkey_from_seed(&k, seed, d) < 0 ||
	    privkey_sign(&sig, k, SIG_EDDSA, hash, sizeof(hash), d) < 0)
		goto out;
	buf_putc(&pv, 'z');
	b58_encode(&pv, sig.data, sig.len);
	json_add_str(&a, proof, "proofValue", pv.data);

	root = json_new(&a, JSON_OBJECT);
	old = json_get(doc, "proof");
	for (m = doc->child; m != NULL; m = m->next)
		if (m != old)
			json_add_copy(&a, root, m, NULL);
	if (old == NULL)
		json_add(&a, root, "proof", proof);
	else {
		proofs = json_add_arr(&a, root, "proof");
		if (old->type == JSON_ARRAY)
			for (m = old->child; m != NULL; m = m->next)
				json_add_copy(&a, proofs, m, NULL);
		else {
			json_add_copy(&a, proofs, old, NULL);
			proofs->last->key = NULL;	/* now an element */
			proofs->last->keylen = 0;
		}
		json_add(&a, proofs, NULL, proof);
	}
	json_write(out_json, root, JSON_WRITE_PRETTY);
	buf_putc(out_json, '\n');
	rc = 0;
out:
	privkey_free(k);
	buf_release(&pv);
	buf_release(&sig);
	arena_release(&a);
	return rc;
}
