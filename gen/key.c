/*
 * key.c - public and private keys (see key.h).
 *
 * RSA and EC keys live in an mbedtls_pk_context; Ed25519 keys are raw
 * bytes for libsodium, because mbedTLS 2.28 knows nothing of Ed25519
 * (its DER forms are fixed prefixes, handled here).
 *
 * Why verification bypasses mbedtls_pk_verify:
 *  - EC: pk_verify copies the key into a fresh context on every call,
 *    so the generator's comb table is rebuilt each time (about 30% of an
 *    ES256 verify).  We keep one long-lived keypair per key, fill its
 *    table at load (mbedTLS fills it lazily and without a lock) and call
 *    mbedtls_ecdsa_verify on it.
 *  - RSA: mbedtls_rsa_public takes the context's mutex for each
 *    operation (to fill the Montgomery constant lazily), which would
 *    serialise all threads verifying with one issuer key.  We fill the
 *    constant at load and do the public operation with
 *    mbedtls_mpi_exp_mod, which then only reads it; the PKCS#1 v1.5
 *    check is RFC 8017's: encode the expected block and compare it whole.
 *    PSS, rare in practice, goes through mbedTLS (and its mutex).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/bignum.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/rsa.h>
#include <sodium.h>

#include "b64.h"
#include "hash.h"
#include "key.h"

#define PEM_MAX		(64u * 1024)
#define DER_MAX		(8u * 1024)	/* an RSA-8192 private key fits */

/* DER prefixes of the fixed-size Ed25519 forms (RFC 8410). */
static const unsigned char ed25519_spki[12] = {
	0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
};
static const unsigned char ed25519_pkcs8[16] = {
	0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
	0x04, 0x22, 0x04, 0x20
};
static const unsigned char oid_ed25519[] = { 0x06, 0x03, 0x2b, 0x65, 0x70 };
static const unsigned char oid_x25519[] = { 0x06, 0x03, 0x2b, 0x65, 0x6e };
static const unsigned char oid_ed448[] = { 0x06, 0x03, 0x2b, 0x65, 0x71 };

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

/* DigestInfo prefixes for EMSA-PKCS1-v1_5 (RFC 8017 section 9.2). */
static const unsigned char di_sha256[] = {
	0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
	0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20
};
static const unsigned char di_sha384[] = {
	0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
	0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30
};
static const unsigned char di_sha512[] = {
	0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
	0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40
};

/* Multicodec prefixes (unsigned varints) of Multikey values. */
#define MC_ED25519	0xed
#define MC_P256		0x1200
#define MC_P384		0x1201
#define MC_RSA		0x1205

static const struct {
	const char	*name;
	enum sig_alg	 alg;
} alg_names[] = {
	{ "RS256", SIG_RS256 }, { "RS384", SIG_RS384 }, { "RS512", SIG_RS512 },
	{ "PS256", SIG_PS256 }, { "PS384", SIG_PS384 }, { "PS512", SIG_PS512 },
	{ "ES256", SIG_ES256 }, { "ES384", SIG_ES384 }, { "EdDSA", SIG_EDDSA },
};

const char *
key_type_name(enum key_type t)
{
	switch (t) {
	case KEY_RSA:
		return "RSA";
	case KEY_EC_P256:
		return "P-256";
	case KEY_EC_P384:
		return "P-384";
	case KEY_ED25519:
		return "Ed25519";
	}
	return "unknown";
}

const char *
sig_alg_name(enum sig_alg a)
{
	size_t i;

	for (i = 0; i < sizeof(alg_names) / sizeof(alg_names[0]); i++)
		if (alg_names[i].alg == a)
			return alg_names[i].name;
	return "none";
}

enum sig_alg
sig_alg_from_name(const char *s)
{
	size_t i;

	if (s == NULL)
		return SIG_NONE;
	for (i = 0; i < sizeof(alg_names) / sizeof(alg_names[0]); i++)
		if (strcmp(alg_names[i].name, s) == 0)
			return alg_names[i].alg;
	return SIG_NONE;
}

enum key_type
sig_alg_key_type(enum sig_alg a)
{
	switch (a) {
	case SIG_ES256:
		return KEY_EC_P256;
	case SIG_ES384:
		return KEY_EC_P384;
	case SIG_EDDSA:
		return KEY_ED25519;
	default:
		return KEY_RSA;
	}
}

/* The digest an algorithm signs, its size and its mbedTLS id. */
static mbedtls_md_type_t
alg_hash(enum sig_alg a, const void *msg, size_t len,
    unsigned char out[SHA512_LEN], size_t *hlen)
{
	switch (a) {
	case SIG_RS256:
	case SIG_PS256:
	case SIG_ES256:
		sha256(out, msg, len);
		*hlen = SHA256_LEN;
		return MBEDTLS_MD_SHA256;
	case SIG_RS384:
	case SIG_PS384:
	case SIG_ES384:
		sha384(out, msg, len);
		*hlen = SHA384_LEN;
		return MBEDTLS_MD_SHA384;
	case SIG_RS512:
	case SIG_PS512:
		sha512(out, msg, len);
		*hlen = SHA512_LEN;
		return MBEDTLS_MD_SHA512;
	default:
		*hlen = 0;
		return MBEDTLS_MD_NONE;
	}
}

/* mbedTLS's text for ret, written to b (a short buffer). */
static const char *
mberr(int ret, char *b, size_t n)
{
	mbedtls_strerror(ret, b, n);
	return b;
}

/* An RNG for blinding and table warming: libsodium, stateless. */
static int
rng_sodium(void *ctx, unsigned char *out, size_t len)
{
	(void)ctx;
	randombytes_buf(out, len);
	return 0;
}

static int
sodium_ready(const char *name, struct diag *d)
{
	if (sodium_init() < 0)
		return diag_err(d, "%s: libsodium failed to initialise", name);
	return 0;
}

static struct key *
key_new(enum key_type type)
{
	struct key *k = xcalloc(1, sizeof(*k));

	k->type = type;
	mbedtls_pk_init(&k->pk);
	return k;
}

void
key_free(struct key *k)
{
	if (k == NULL)
		return;
	mbedtls_pk_free(&k->pk);
	free(k->kid);
	free(k);
}

/*
 * Sets k to the Ed25519 key p[0..32), which must be a canonical point of
 * the main subgroup (libsodium would refuse any signature otherwise).
 */
static int
key_set_ed25519(struct key *k, const void *p, const char *name,
    struct diag *d)
{
	if (!crypto_core_ed25519_is_valid_point(p))
		return diag_err(d, "%s: invalid Ed25519 public key (not a "
		    "valid curve point)", name);
	k->type = KEY_ED25519;
	memcpy(k->ed25519, p, KEY_ED25519_LEN);
	return 0;
}

/*
 * Fills the fixed-point table for the generator of grp, which mbedTLS
 * would otherwise build, without a lock, inside the first ECDSA
 * operation that needs it.
 */
static int
ec_warm(mbedtls_ecp_group *grp, const char *name, struct diag *d)
{
	mbedtls_ecp_point r;
	mbedtls_mpi one;
	char eb[100];
	int ret;

	mbedtls_ecp_point_init(&r);
	mbedtls_mpi_init(&one);
	ret = mbedtls_mpi_lset(&one, 1);
	if (ret == 0)
		ret = mbedtls_ecp_mul(grp, &r, &one, &grp->G, rng_sodium, NULL);
	mbedtls_ecp_point_free(&r);
	mbedtls_mpi_free(&one);
	if (ret != 0)
		return diag_err(d, "%s: cannot prepare the EC key: %s", name,
		    mberr(ret, eb, sizeof(eb)));
	return 0;
}

/*
 * Checks an RSA public key (size, exponent) and fills its Montgomery
 * constant RN, so that later public operations only read the context.
 */
static int
rsa_prepare(mbedtls_rsa_context *rsa, const char *name, struct diag *d)
{
	mbedtls_mpi one, t;
	size_t bits;
	char eb[100];
	int ret;

	bits = mbedtls_mpi_bitlen(&rsa->N);
	if (bits < KEY_RSA_MIN_BITS)
		return diag_err(d, "%s: RSA key of %zu bits is too small "
		    "(minimum %d)", name, bits, KEY_RSA_MIN_BITS);
	if (bits > KEY_RSA_MAX_BITS)
		return diag_err(d, "%s: RSA key of %zu bits is too large "
		    "(maximum %d)", name, bits, KEY_RSA_MAX_BITS);
	if (mbedtls_mpi_bitlen(&rsa->E) > 256)
		return diag_err(d, "%s: RSA public exponent is too large "
		    "(%zu bits)", name, mbedtls_mpi_bitlen(&rsa->E));
	if ((ret = mbedtls_rsa_check_pubkey(rsa)) != 0)
		return diag_err(d, "%s: invalid RSA public key: %s", name,
		    mberr(ret, eb, sizeof(eb)));
	if (rsa->RN.p != NULL)
		return 0;
	/* x^1 mod N: exp_mod stores R^2 mod N in RN on the way. */
	mbedtls_mpi_init(&one);
	mbedtls_mpi_init(&t);
	ret = mbedtls_mpi_lset(&one, 1);
	if (ret == 0)
		ret = mbedtls_mpi_exp_mod(&t, &one, &one, &rsa->N, &rsa->RN);
	mbedtls_mpi_free(&one);
	mbedtls_mpi_free(&t);
	if (ret != 0)
		return diag_err(d, "%s: cannot prepare the RSA key: %s", name,
		    mberr(ret, eb, sizeof(eb)));
	return 0;
}

/* Sets k (type KEY_RSA, pk empty) from big-endian n and e. */
static int
key_set_rsa(struct key *k, const unsigned char *n, size_t nlen,
    const unsigned char *e, size_t elen, const char *name, struct diag *d)
{
	mbedtls_rsa_context *rsa;
	char eb[100];
	int ret;

	while (nlen > 0 && *n == 0) {
		n++;
		nlen--;
	}
	while (elen > 0 && *e == 0) {
		e++;
		elen--;
	}
	if (nlen == 0 || elen == 0)
		return diag_err(d, "%s: RSA key with an empty modulus or "
		    "exponent", name);
	if (nlen > KEY_RSA_MAX_BITS / 8)
		return diag_err(d, "%s: RSA key of %zu bytes is too large "
		    "(maximum %d bits)", name, nlen, KEY_RSA_MAX_BITS);
	if ((ret = mbedtls_pk_setup(&k->pk,
	    mbedtls_pk_info_from_type(MBEDTLS_PK_RSA))) != 0)
		return diag_err(d, "%s: %s", name, mberr(ret, eb, sizeof(eb)));
	rsa = mbedtls_pk_rsa(k->pk);
	if ((ret = mbedtls_rsa_import_raw(rsa, n, nlen, NULL, 0, NULL, 0,
	    NULL, 0, e, elen)) != 0 ||
	    (ret = mbedtls_rsa_complete(rsa)) != 0)
		return diag_err(d, "%s: invalid RSA public key: %s", name,
		    mberr(ret, eb, sizeof(eb)));
	return rsa_prepare(rsa, name, d);
}

static mbedtls_ecp_group_id
ec_group_id(enum key_type t)
{
	return t == KEY_EC_P384 ? MBEDTLS_ECP_DP_SECP384R1 :
	    MBEDTLS_ECP_DP_SECP256R1;
}

static size_t
ec_coord_len(enum key_type t)
{
	return t == KEY_EC_P384 ? 48 : 32;
}

/* Checks and prepares the EC keypair in k->pk; sets k->type. */
static int
ec_prepare(struct key *k, const char *name, struct diag *d)
{
	mbedtls_ecp_keypair *ec = mbedtls_pk_ec(k->pk);
	char eb[100];
	int ret;

	switch (ec->grp.id) {
	case MBEDTLS_ECP_DP_SECP256R1:
		k->type = KEY_EC_P256;
		break;
	case MBEDTLS_ECP_DP_SECP384R1:
		k->type = KEY_EC_P384;
		break;
	default:
		return diag_err(d, "%s: unsupported elliptic curve (only "
		    "P-256 and P-384)", name);
	}
	if ((ret = mbedtls_ecp_check_pubkey(&ec->grp, &ec->Q)) != 0)
		return diag_err(d, "%s: invalid EC public key: %s", name,
		    mberr(ret, eb, sizeof(eb)));
	return ec_warm(&ec->grp, name, d);
}

/* Sets k (pk empty) from an uncompressed point 04 || x || y. */
static int
key_set_ec(struct key *k, enum key_type t, const unsigned char *pt,
    size_t ptlen, const char *name, struct diag *d)
{
	mbedtls_ecp_keypair *ec;
	char eb[100];
	int ret;

	if ((ret = mbedtls_pk_setup(&k->pk,
	    mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY))) != 0)
		return diag_err(d, "%s: %s", name, mberr(ret, eb, sizeof(eb)));
	ec = mbedtls_pk_ec(k->pk);
	if ((ret = mbedtls_ecp_group_load(&ec->grp, ec_group_id(t))) != 0)
		return diag_err(d, "%s: %s", name, mberr(ret, eb, sizeof(eb)));
	if ((ret = mbedtls_ecp_point_read_binary(&ec->grp, &ec->Q, pt,
	    ptlen)) != 0)
		return diag_err(d, "%s: invalid %s point: %s", name,
		    key_type_name(t), mberr(ret, eb, sizeof(eb)));
	return ec_prepare(k, name, d);
}

/*
 * Expands a compressed point (02/03 || x) of t into 04 || x || y: mbedTLS
 * 2.28 reads only uncompressed points.  Both curves have p = 3 mod 4, so
 * y = (x^3 - 3x + b)^((p + 1) / 4) mod p.
 */
static int
ec_decompress(unsigned char *out, enum key_type t, const unsigned char *in,
    size_t inlen, const char *name, struct diag *d)
{
	mbedtls_ecp_group grp;
	mbedtls_mpi x, rhs, y, e, t1;
	size_t n = ec_coord_len(t);
	int ret, rc = -1;

	if (inlen != n + 1 || (in[0] != 0x02 && in[0] != 0x03))
		return diag_err(d, "%s: malformed compressed %s point", name,
		    key_type_name(t));
	mbedtls_ecp_group_init(&grp);
	mbedtls_mpi_init(&x);
	mbedtls_mpi_init(&rhs);
	mbedtls_mpi_init(&y);
	mbedtls_mpi_init(&e);
	mbedtls_mpi_init(&t1);
#define CHK(f) do { if ((ret = (f)) != 0) goto fail; } while (0)
	CHK(mbedtls_ecp_group_load(&grp, ec_group_id(t)));
	CHK(mbedtls_mpi_read_binary(&x, in + 1, n));
	if (mbedtls_mpi_cmp_mpi(&x, &grp.P) >= 0)
		goto bad;
	/* rhs = x^3 + a x + b, with a = -3 when grp.A is not set. */
	CHK(mbedtls_mpi_mul_mpi(&rhs, &x, &x));
	CHK(mbedtls_mpi_mod_mpi(&rhs, &rhs, &grp.P));
	CHK(mbedtls_mpi_mul_mpi(&rhs, &rhs, &x));
	if (grp.A.p == NULL) {
		CHK(mbedtls_mpi_mul_int(&t1, &x, 3));
		CHK(mbedtls_mpi_sub_mpi(&rhs, &rhs, &t1));
	} else {
		CHK(mbedtls_mpi_mul_mpi(&t1, &x, &grp.A));
		CHK(mbedtls_mpi_add_mpi(&rhs, &rhs, &t1));
	}
	CHK(mbedtls_mpi_add_mpi(&rhs, &rhs, &grp.B));
	CHK(mbedtls_mpi_mod_mpi(&rhs, &rhs, &grp.P));
	CHK(mbedtls_mpi_add_int(&e, &grp.P, 1));
	CHK(mbedtls_mpi_shift_r(&e, 2));
	CHK(mbedtls_mpi_exp_mod(&y, &rhs, &e, &grp.P, NULL));
	/* No square root: x is not on the curve. */
	CHK(mbedtls_mpi_mul_mpi(&t1, &y, &y));
	CHK(mbedtls_mpi_mod_mpi(&t1, &t1, &grp.P));
	if (mbedtls_mpi_cmp_mpi(&t1, &rhs) != 0)
		goto bad;
	if ((unsigned)mbedtls_mpi_get_bit(&y, 0) != (in[0] & 1u))
		CHK(mbedtls_mpi_sub_mpi(&y, &grp.P, &y));
	out[0] = 0x04;
	memcpy(out + 1, in + 1, n);
	CHK(mbedtls_mpi_write_binary(&y, out + 1 + n, n));
#undef CHK
	rc = 0;
	goto out;
bad:
	diag_err(d, "%s: the compressed %s point is not on the curve", name,
	    key_type_name(t));
	goto out;
fail:
	diag_err(d, "%s: cannot expand the %s point (error -0x%04x)", name,
	    key_type_name(t), (unsigned)-ret);
out:
	mbedtls_ecp_group_free(&grp);
	mbedtls_mpi_free(&x);
	mbedtls_mpi_free(&rhs);
	mbedtls_mpi_free(&y);
	mbedtls_mpi_free(&e);
	mbedtls_mpi_free(&t1);
	return rc;
}

/* Finds needle in hay[0..n); returns its offset or n. */
static size_t
find(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle), i;

	for (i = 0; i + m <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
			return i;
	return n;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Reads the one PEM block in pem[0..len) (whitespace may surround it):
 * its label goes to label, its decoded body is appended to der.
 */
static int
pem_read(struct buf *der, char *label, size_t labelsz, const char *pem,
    size_t len, const char *name, struct diag *d)
{
	struct buf what = BUF_INIT, endl = BUF_INIT;
	size_t i, l0, body, end;
	int rc = -1;

	if (len > PEM_MAX)
		return diag_err(d, "%s: PEM text too long (%zu bytes)", name,
		    len);
	for (i = 0; i < len && is_space(pem[i]); i++)
		continue;
	if (len - i < 11 || memcmp(pem + i, "-----BEGIN ", 11) != 0)
		return diag_err(d, "%s: not a PEM block (expected "
		    "\"-----BEGIN ...\")", name);
	l0 = i + 11;
	for (i = l0; i < len && pem[i] != '-' && pem[i] != '\n'; i++)
		if (!((pem[i] >= 'A' && pem[i] <= 'Z') || pem[i] == ' ' ||
		    (pem[i] >= '0' && pem[i] <= '9')))
			return diag_err(d, "%s: malformed PEM header line",
			    name);
	if (i - l0 == 0 || i - l0 >= labelsz || len - i < 5 ||
	    memcmp(pem + i, "-----", 5) != 0)
		return diag_err(d, "%s: malformed PEM header line", name);
	memcpy(label, pem + l0, i - l0);
	label[i - l0] = '\0';
	body = i + 5;
	buf_printf(&endl, "-----END %s-----", label);
	end = body + find(pem + body, len - body, endl.data);
	if (end == len) {
		diag_err(d, "%s: PEM block has no \"%s\" line", name,
		    endl.data);
		goto out;
	}
	for (i = end + endl.len; i < len; i++)
		if (!is_space(pem[i])) {
			diag_err(d, "%s: unexpected text after the PEM block "
			    "(one key per PEM text)", name);
			goto out;
		}
	if (find(pem + body, end - body, ":") != end - body) {
		diag_err(d, "%s: PEM headers are not supported (an encrypted "
		    "key?)", name);
		goto out;
	}
	buf_printf(&what, "%s: PEM body", name);
	rc = b64_decode(der, pem + body, end - body, B64_WS, what.data, d);
	if (rc == 0 && der->len == 0)
		rc = diag_err(d, "%s: empty PEM body", name);
out:
	buf_release(&what);
	buf_release(&endl);
	return rc;
}

/* Appends a PEM block with label around der to out. */
static void
pem_write(struct buf *out, const char *label, const unsigned char *der,
    size_t n)
{
	struct buf b64 = BUF_INIT;
	size_t i;

	b64_encode(&b64, der, n);
	buf_grow(out, b64.len + b64.len / 64 + 2 * strlen(label) + 40);
	buf_printf(out, "-----BEGIN %s-----\n", label);
	for (i = 0; i < b64.len; i += 64) {
		buf_put(out, b64.data + i, b64.len - i < 64 ? b64.len - i : 64);
		buf_putc(out, '\n');
	}
	buf_printf(out, "-----END %s-----\n", label);
	mbedtls_platform_zeroize(b64.data, b64.len);
	buf_release(&b64);
}

/* Whether der (an SPKI or PKCS#8 prefix) names an algorithm of RFC 8410. */
static const char *
rfc8410_alg(const unsigned char *der, size_t n)
{
	size_t i;

	for (i = 0; i + 5 <= n && i < 12; i++) {
		if (memcmp(der + i, oid_ed25519, 5) == 0)
			return "Ed25519";
		if (memcmp(der + i, oid_x25519, 5) == 0)
			return "X25519";
		if (memcmp(der + i, oid_ed448, 5) == 0)
			return "Ed448";
	}
	return NULL;
}

/* Sets k from a SubjectPublicKeyInfo. */
static int
key_from_spki(struct key *k, const unsigned char *der, size_t n,
    const char *name, struct diag *d)
{
	unsigned char *p = (unsigned char *)der;
	const char *alg;
	char eb[100];
	int ret;

	if ((alg = rfc8410_alg(der, n)) != NULL) {
		if (strcmp(alg, "Ed25519") != 0)
			return diag_err(d, "%s: %s keys are not supported "
			    "(signing keys: RSA, P-256, P-384, Ed25519)", name,
			    alg);
		if (n != sizeof(ed25519_spki) + KEY_ED25519_LEN ||
		    memcmp(der, ed25519_spki, sizeof(ed25519_spki)) != 0)
			return diag_err(d, "%s: malformed Ed25519 public key",
			    name);
		return key_set_ed25519(k, der + sizeof(ed25519_spki), name,
		    d);
	}
	if ((ret = mbedtls_pk_parse_subpubkey(&p, der + n, &k->pk)) != 0)
		return diag_err(d, "%s: cannot read the public key: %s", name,
		    mberr(ret, eb, sizeof(eb)));
	if (p != der + n)
		return diag_err(d, "%s: unexpected data after the public key",
		    name);
	switch (mbedtls_pk_get_type(&k->pk)) {
	case MBEDTLS_PK_RSA:
		k->type = KEY_RSA;
		return rsa_prepare(mbedtls_pk_rsa(k->pk), name, d);
	case MBEDTLS_PK_ECKEY:
		return ec_prepare(k, name, d);
	default:
		return diag_err(d, "%s: unsupported public key type %s", name,
		    mbedtls_pk_get_name(&k->pk));
	}
}

/* Sets k from a PKCS#1 RSAPublicKey. */
static int
key_from_pkcs1(struct key *k, const unsigned char *der, size_t n,
    const char *name, struct diag *d)
{
	unsigned char *p = (unsigned char *)der, *end = p + n;
	const unsigned char *nn, *e;
	size_t len, nlen, elen;

	if (mbedtls_asn1_get_tag(&p, end, &len,
	    MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0 ||
	    p + len != end ||
	    mbedtls_asn1_get_tag(&p, end, &nlen, MBEDTLS_ASN1_INTEGER) != 0)
		goto bad;
	nn = p;
	p += nlen;
	if (mbedtls_asn1_get_tag(&p, end, &elen, MBEDTLS_ASN1_INTEGER) != 0)
		goto bad;
	e = p;
	p += elen;
	if (p != end || nlen == 0 || elen == 0 || (nn[0] & 0x80) ||
	    (e[0] & 0x80))
		goto bad;
	k->type = KEY_RSA;
	return key_set_rsa(k, nn, nlen, e, elen, name, d);
bad:
	return diag_err(d, "%s: malformed PKCS#1 RSA public key", name);
}

int
key_from_pem(struct key **out, const char *pem, size_t len, const char *name,
    struct diag *d)
{
	struct buf der = BUF_INIT;
	struct key *k = NULL;
	char label[48];
	int rc = -1;

	*out = NULL;
	if (sodium_ready(name, d) < 0 ||
	    pem_read(&der, label, sizeof(label), pem, len, name, d) < 0)
		goto out;
	k = key_new(KEY_RSA);
	if (strcmp(label, "PUBLIC KEY") == 0)
		rc = key_from_spki(k, (unsigned char *)der.data, der.len, name,
		    d);
	else if (strcmp(label, "RSA PUBLIC KEY") == 0)
		rc = key_from_pkcs1(k, (unsigned char *)der.data, der.len,
		    name, d);
	else if (strstr(label, "PRIVATE KEY") != NULL)
		rc = diag_err(d, "%s: a private key where a public key is "
		    "expected (publish only the public key)", name);
	else if (strcmp(label, "CERTIFICATE") == 0)
		rc = diag_err(d, "%s: a certificate where a public key is "
		    "expected", name);
	else
		rc = diag_err(d, "%s: unsupported PEM block \"%s\" (expected "
		    "\"PUBLIC KEY\" or \"RSA PUBLIC KEY\")", name, label);
out:
	if (der.cap != 0)
		mbedtls_platform_zeroize(der.data, der.cap);
	buf_release(&der);
	if (rc == 0) {
		*out = k;
		k = NULL;
	}
	key_free(k);
	return rc;
}

/* Decodes the base64url string member m of a JWK into b. */
static int
jwk_bytes(struct buf *b, const struct json *jwk, const char *m,
    const char *name, struct diag *d)
{
	const struct json *v = json_get(jwk, m);
	struct buf what = BUF_INIT;
	int rc;

	if (v == NULL)
		return diag_err(d, "%s: JWK: missing \"%s\"", name, m);
	if (v->type != JSON_STRING)
		return diag_err(d, "%s: JWK: \"%s\": expected string, found %s",
		    name, m, json_type_name(v->type));
	buf_printf(&what, "%s: JWK \"%s\"", name, m);
	rc = b64url_decode(b, v->str, v->len, what.data, d);
	buf_release(&what);
	return rc;
}

/* Checks the members of a JWK that do not carry key material. */
static int
jwk_check(struct key *k, const struct json *jwk, const char *name,
    struct diag *d)
{
	static const char *const private[] = {
		"d", "p", "q", "dp", "dq", "qi", "oth", "k"
	};
	const struct json *v, *e;
	size_t i;

	for (i = 0; i < sizeof(private) / sizeof(private[0]); i++)
		if (json_get(jwk, private[i]) != NULL)
			return diag_err(d, "%s: JWK holds private key material "
			    "(\"%s\"): refusing it; publish only the public "
			    "key", name, private[i]);
	if ((v = json_get(jwk, "use")) != NULL && !json_str_eq(v, "sig"))
		return diag_err(d, "%s: JWK: \"use\" is not \"sig\": not a "
		    "signature key", name);
	if ((v = json_get(jwk, "key_ops")) != NULL) {
		if (v->type != JSON_ARRAY)
			return diag_err(d, "%s: JWK: \"key_ops\": expected "
			    "array", name);
		for (e = v->child; e != NULL; e = e->next)
			if (json_str_eq(e, "verify"))
				break;
		if (e == NULL)
			return diag_err(d, "%s: JWK: \"key_ops\" does not "
			    "allow \"verify\"", name);
	}
	if ((v = json_get(jwk, "kid")) != NULL) {
		if (v->type != JSON_STRING)
			return diag_err(d, "%s: JWK: \"kid\": expected string",
			    name);
		k->kid = xstrdup(v->str);
	}
	if ((v = json_get(jwk, "alg")) != NULL) {
		if (v->type != JSON_STRING)
			return diag_err(d, "%s: JWK: \"alg\": expected string",
			    name);
		if ((k->alg = sig_alg_from_name(v->str)) == SIG_NONE)
			return diag_err(d, "%s: JWK: unsupported \"alg\" "
			    "\"%.40s\"", name, v->str);
	}
	return 0;
}

int
key_from_jwk(struct key **out, const struct json *jwk, const char *name,
    struct diag *d)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct key *k = NULL;
	const char *kty, *crv;
	enum key_type t;
	size_t n;
	int rc = -1;

	*out = NULL;
	if (sodium_ready(name, d) < 0)
		return -1;
	if (jwk == NULL || jwk->type != JSON_OBJECT)
		return diag_err(d, "%s: JWK: expected an object", name);
	if ((kty = json_get_str(jwk, "kty")) == NULL)
		return diag_err(d, "%s: JWK: missing \"kty\"", name);
	k = key_new(KEY_RSA);
	if (strcmp(kty, "oct") == 0) {
		diag_err(d, "%s: JWK: symmetric (\"oct\") keys are refused",
		    name);
		goto out;
	}
	if (jwk_check(k, jwk, name, d) < 0)
		goto out;
	if (strcmp(kty, "RSA") == 0) {
		if (jwk_bytes(&a, jwk, "n", name, d) < 0 ||
		    jwk_bytes(&b, jwk, "e", name, d) < 0)
			goto out;
		if (b.len > 32) {
			diag_err(d, "%s: JWK: RSA exponent too large", name);
			goto out;
		}
		k->type = KEY_RSA;
		rc = key_set_rsa(k, (unsigned char *)a.data, a.len,
		    (unsigned char *)b.data, b.len, name, d);
	} else if (strcmp(kty, "EC") == 0) {
		if ((crv = json_get_str(jwk, "crv")) == NULL) {
			diag_err(d, "%s: JWK: missing \"crv\"", name);
			goto out;
		}
		if (strcmp(crv, "P-256") == 0)
			t = KEY_EC_P256;
		else if (strcmp(crv, "P-384") == 0)
			t = KEY_EC_P384;
		else {
			diag_err(d, "%s: JWK: unsupported curve \"%.20s\" "
			    "(P-256, P-384)", name, crv);
			goto out;
		}
		n = ec_coord_len(t);
		buf_putc(&a, 0x04);
		if (jwk_bytes(&a, jwk, "x", name, d) < 0 ||
		    jwk_bytes(&b, jwk, "y", name, d) < 0)
			goto out;
		if (a.len != n + 1 || b.len != n) {
			diag_err(d, "%s: JWK: %s coordinates must be %zu bytes",
			    name, crv, n);
			goto out;
		}
		buf_put(&a, b.data, b.len);
		rc = key_set_ec(k, t, (unsigned char *)a.data, a.len, name, d);
	} else if (strcmp(kty, "OKP") == 0) {
		if ((crv = json_get_str(jwk, "crv")) == NULL) {
			diag_err(d, "%s: JWK: missing \"crv\"", name);
			goto out;
		}
		if (strcmp(crv, "Ed25519") != 0) {
			diag_err(d, "%s: JWK: unsupported OKP curve \"%.20s\" "
			    "(Ed25519)", name, crv);
			goto out;
		}
		if (jwk_bytes(&a, jwk, "x", name, d) < 0)
			goto out;
		if (a.len != KEY_ED25519_LEN) {
			diag_err(d, "%s: JWK: Ed25519 \"x\" must be 32 bytes",
			    name);
			goto out;
		}
		rc = key_set_ed25519(k, a.data, name, d);
	} else
		diag_err(d, "%s: JWK: unsupported \"kty\" \"%.20s\" (RSA, EC, "
		    "OKP)", name, kty);
	if (rc == 0 && k->alg != SIG_NONE &&
	    sig_alg_key_type(k->alg) != k->type)
		rc = diag_err(d, "%s: JWK: \"alg\" %s does not fit the %s key",
		    name, sig_alg_name(k->alg), key_type_name(k->type));
out:
	buf_release(&a);
	buf_release(&b);
	if (rc == 0) {
		*out = k;
		k = NULL;
	}
	key_free(k);
	return rc;
}

int
key_from_jwks(struct key **out, const struct json *jwks, const char *kid,
    const char *name, struct diag *d)
{
	const struct json *keys, *e, *found = NULL, *f;
	struct buf where = BUF_INIT;
	const char *id;
	size_t i;
	int rc;

	*out = NULL;
	if (jwks == NULL || jwks->type != JSON_OBJECT ||
	    (keys = json_get(jwks, "keys")) == NULL ||
	    keys->type != JSON_ARRAY)
		return diag_err(d, "%s: JWK set: expected an object with a "
		    "\"keys\" array", name);
	if (keys->len > KEY_JWKS_MAX)
		return diag_err(d, "%s: JWK set holds %zu keys (limit %d)",
		    name, (size_t)keys->len, KEY_JWKS_MAX);
	for (e = keys->child; e != NULL; e = e->next) {
		id = json_get_str(e, "kid");
		if (id != NULL)
			for (f = e->next; f != NULL; f = f->next)
				if (json_str_eq(json_get(f, "kid"), id))
					return diag_err(d, "%s: JWK set: "
					    "duplicate kid \"%.80s\"", name,
					    id);
		if (kid == NULL || (id != NULL && strcmp(id, kid) == 0))
			found = found == NULL ? e : found;
	}
	if (kid == NULL && keys->len != 1)
		return diag_err(d, "%s: JWK set holds %zu keys and no kid "
		    "selects one", name, (size_t)keys->len);
	if (found == NULL)
		return diag_err(d, "%s: JWK set has no key with kid \"%.80s\"",
		    name, kid);
	for (i = 0, e = keys->child; e != found; e = e->next)
		i++;
	buf_printf(&where, "%s: keys[%zu]", name, i);
	rc = key_from_jwk(out, found, where.data, d);
	buf_release(&where);
	return rc;
}

/* Reads an unsigned varint (at most 3 bytes) from *p; -1 if malformed. */
static long
varint(const unsigned char **p, const unsigned char *end)
{
	unsigned long v = 0;
	int i;

	for (i = 0; i < 3 && *p < end; i++) {
		v |= (unsigned long)(**p & 0x7f) << (7 * i);
		if ((*(*p)++ & 0x80) == 0)
			return (long)v;
	}
	return -1;
}

int
key_from_multikey(struct key **out, const char *mb, size_t len,
    const char *name, struct diag *d)
{
	struct buf raw = BUF_INIT;
	struct key *k = NULL;
	unsigned char pt[1 + 2 * 48];
	const unsigned char *p, *end;
	enum key_type t;
	long codec;
	int rc = -1;

	*out = NULL;
	if (sodium_ready(name, d) < 0 ||
	    multibase_decode(&raw, mb, len, name, d) < 0)
		goto out;
	p = (const unsigned char *)raw.data;
	end = p + raw.len;
	codec = varint(&p, end);
	k = key_new(KEY_RSA);
	switch (codec) {
	case MC_ED25519:
		if (end - p != KEY_ED25519_LEN) {
			diag_err(d, "%s: Ed25519 Multikey holds %zu bytes, not "
			    "32", name, (size_t)(end - p));
			goto out;
		}
		rc = key_set_ed25519(k, p, name, d);
		break;
	case MC_P256:
	case MC_P384:
		t = codec == MC_P256 ? KEY_EC_P256 : KEY_EC_P384;
		if (ec_decompress(pt, t, p, (size_t)(end - p), name, d) < 0)
			goto out;
		rc = key_set_ec(k, t, pt, 1 + 2 * ec_coord_len(t), name, d);
		break;
	case MC_RSA:
		rc = key_from_pkcs1(k, p, (size_t)(end - p), name, d);
		break;
	default:
		if (codec < 0)
			diag_err(d, "%s: Multikey: malformed multicodec prefix",
			    name);
		else
			diag_err(d, "%s: Multikey: unsupported multicodec "
			    "0x%lx (Ed25519 0xed, P-256 0x1200, P-384 0x1201, "
			    "RSA 0x1205)", name, (unsigned long)codec);
	}
out:
	buf_release(&raw);
	if (rc == 0) {
		*out = k;
		k = NULL;
	}
	key_free(k);
	return rc;
}

int
key_from_did_key(struct key **out, const char *did, const char *name,
    struct diag *d)
{
	const char *mb, *hash;
	size_t len;

	*out = NULL;
	if (strncmp(did, "did:key:", 8) != 0)
		return diag_err(d, "%s: \"%.80s\" is not a did:key", name, did);
	mb = did + 8;
	hash = strchr(mb, '#');
	len = hash != NULL ? (size_t)(hash - mb) : strlen(mb);
	if (hash != NULL && (strlen(hash + 1) != len ||
	    memcmp(hash + 1, mb, len) != 0))
		return diag_err(d, "%s: did:key fragment does not repeat the "
		    "key (\"%.80s\")", name, did);
	if (len == 0 || mb[0] != 'z')
		return diag_err(d, "%s: did:key must hold a base58btc "
		    "('z') Multikey", name);
	return key_from_multikey(out, mb, len, name, d);
}

int
key_from_method(struct key **out, const struct json *vm, const char *name,
    struct diag *d)
{
	static const char *const members[] = {
		"publicKeyMultibase", "publicKeyJwk", "publicKeyPem",
		"publicKeyBase58"
	};
	static const char *const private[] = {
		"privateKeyMultibase", "privateKeyJwk", "privateKeyPem",
		"privateKeyBase58"
	};
	struct buf where = BUF_INIT, raw = BUF_INIT;
	const struct json *v = NULL, *m;
	const char *which = NULL, *type;
	unsigned char pt[1 + 2 * 32];
	struct key *k;
	size_t i;
	int rc = -1;

	*out = NULL;
	if (sodium_ready(name, d) < 0)
		return -1;
	if (vm == NULL || vm->type != JSON_OBJECT)
		return diag_err(d, "%s: verification method: expected an "
		    "object", name);
	for (i = 0; i < sizeof(private) / sizeof(private[0]); i++)
		if (json_get(vm, private[i]) != NULL)
			return diag_err(d, "%s: verification method holds "
			    "private key material (\"%s\"): refusing it",
			    name, private[i]);
	for (i = 0; i < sizeof(members) / sizeof(members[0]); i++)
		if ((m = json_get(vm, members[i])) != NULL) {
			if (v != NULL)
				return diag_err(d, "%s: verification method "
				    "has both \"%s\" and \"%s\"", name, which,
				    members[i]);
			v = m;
			which = members[i];
		}
	if (v == NULL)
		return diag_err(d, "%s: verification method has no public key "
		    "(publicKeyMultibase, publicKeyJwk, publicKeyPem)", name);
	buf_printf(&where, "%s: %s", name, which);
	if (strcmp(which, "publicKeyJwk") == 0) {
		rc = key_from_jwk(out, v, where.data, d);
		goto out;
	}
	if (v->type != JSON_STRING) {
		diag_err(d, "%s: expected string, found %s", where.data,
		    json_type_name(v->type));
		goto out;
	}
	if (strcmp(which, "publicKeyMultibase") == 0)
		rc = key_from_multikey(out, v->str, v->len, where.data, d);
	else if (strcmp(which, "publicKeyPem") == 0)
		rc = key_from_pem(out, v->str, v->len, where.data, d);
	else {
		/*
		 * Raw keys in base58btc: Ed25519VerificationKey2018 (32
		 * bytes), P256Key2021 (a compressed point).
		 */
		type = json_get_str(vm, "type");
		if (b58_decode(&raw, v->str, v->len, where.data, d) < 0)
			goto out;
		if (type != NULL && strcmp(type, "P256Key2021") == 0) {
			if (ec_decompress(pt, KEY_EC_P256,
			    (unsigned char *)raw.data, raw.len, where.data, d)
			    < 0)
				goto out;
			k = key_new(KEY_EC_P256);
			if (key_set_ec(k, KEY_EC_P256, pt, sizeof(pt),
			    where.data, d) < 0) {
				key_free(k);
				goto out;
			}
		} else if (type == NULL ||
		    strcmp(type, "Ed25519VerificationKey2018") == 0) {
			if (raw.len != KEY_ED25519_LEN) {
				diag_err(d, "%s: expected a 32-byte Ed25519 "
				    "key", where.data);
				goto out;
			}
			k = key_new(KEY_ED25519);
			if (key_set_ed25519(k, raw.data, where.data, d) < 0) {
				key_free(k);
				goto out;
			}
		} else {
			diag_err(d, "%s: unsupported key type \"%.40s\" for "
			    "publicKeyBase58", where.data, type);
			goto out;
		}
		*out = k;
		rc = 0;
	}
out:
	buf_release(&where);
	buf_release(&raw);
	return rc;
}

bool
key_equal(const struct key *a, const struct key *b)
{
	const mbedtls_rsa_context *ra, *rb;
	const mbedtls_ecp_keypair *ea, *eb;

	if (a == NULL || b == NULL || a->type != b->type)
		return false;
	switch (a->type) {
	case KEY_RSA:
		ra = mbedtls_pk_rsa(a->pk);
		rb = mbedtls_pk_rsa(b->pk);
		return mbedtls_mpi_cmp_mpi(&ra->N, &rb->N) == 0 &&
		    mbedtls_mpi_cmp_mpi(&ra->E, &rb->E) == 0;
	case KEY_EC_P256:
	case KEY_EC_P384:
		ea = mbedtls_pk_ec(a->pk);
		eb = mbedtls_pk_ec(b->pk);
		return mbedtls_ecp_point_cmp(&ea->Q, &eb->Q) == 0;
	case KEY_ED25519:
		return memcmp(a->ed25519, b->ed25519, KEY_ED25519_LEN) == 0;
	}
	return false;
}

bool
key_alg_fits(const struct key *k, enum sig_alg alg)
{
	if (alg == SIG_NONE || sig_alg_key_type(alg) != k->type)
		return false;
	return k->alg == SIG_NONE || k->alg == alg;
}

size_t
key_bits(const struct key *k)
{
	switch (k->type) {
	case KEY_RSA:
		return mbedtls_pk_get_bitlen(&k->pk);
	case KEY_EC_P384:
		return 384;
	default:
		return 256;
	}
}

/* Appends "name":"<base64url of the mpi, minimal or padded to n>". */
static void
jwk_mpi(struct buf *out, const char *name, const mbedtls_mpi *x, size_t n)
{
	unsigned char b[KEY_RSA_MAX_BITS / 8];

	if (n == 0)
		n = mbedtls_mpi_size(x);
	if (n == 0 || n > sizeof(b))
		n = 1;
	(void)mbedtls_mpi_write_binary(x, b, n);
	buf_printf(out, "\"%s\":\"", name);
	b64url_encode(out, b, n);
	buf_putc(out, '"');
}

/* Appends the RFC 7638 members (in its order) of k as a JSON object body. */
static void
jwk_members(struct buf *out, const struct key *k)
{
	const mbedtls_rsa_context *rsa;
	const mbedtls_ecp_keypair *ec;
	size_t n;

	switch (k->type) {
	case KEY_RSA:
		rsa = mbedtls_pk_rsa(k->pk);
		jwk_mpi(out, "e", &rsa->E, 0);
		BUF_PUTSL(out, ",\"kty\":\"RSA\",");
		jwk_mpi(out, "n", &rsa->N, 0);
		break;
	case KEY_EC_P256:
	case KEY_EC_P384:
		ec = mbedtls_pk_ec(k->pk);
		n = ec_coord_len(k->type);
		buf_printf(out, "\"crv\":\"%s\",\"kty\":\"EC\",",
		    key_type_name(k->type));
		jwk_mpi(out, "x", &ec->Q.X, n);
		buf_putc(out, ',');
		jwk_mpi(out, "y", &ec->Q.Y, n);
		break;
	case KEY_ED25519:
		BUF_PUTSL(out, "\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"");
		b64url_encode(out, k->ed25519, KEY_ED25519_LEN);
		buf_putc(out, '"');
		break;
	}
}

int
key_thumbprint(char out[KEY_THUMBPRINT_LEN + 1], const struct key *k)
{
	struct buf j = BUF_INIT, t = BUF_INIT;
	unsigned char dig[SHA256_LEN];

	buf_putc(&j, '{');
	jwk_members(&j, k);
	buf_putc(&j, '}');
	sha256(dig, j.data, j.len);
	b64url_encode(&t, dig, sizeof(dig));
	memcpy(out, t.data, KEY_THUMBPRINT_LEN);
	out[KEY_THUMBPRINT_LEN] = '\0';
	buf_release(&j);
	buf_release(&t);
	return 0;
}

void
key_to_jwk(struct buf *out, const struct key *k)
{
	buf_putc(out, '{');
	jwk_members(out, k);
	if (k->alg != SIG_NONE)
		buf_printf(out, ",\"alg\":\"%s\"", sig_alg_name(k->alg));
	if (k->kid != NULL) {
		BUF_PUTSL(out, ",\"kid\":");
		json_write_str(out, k->kid, strlen(k->kid), 0);
	}
	buf_putc(out, '}');
}

int
key_to_pem(struct buf *out, const struct key *k, struct diag *d)
{
	unsigned char der[DER_MAX];
	char eb[100];
	int n;

	if (k->type == KEY_ED25519) {
		memcpy(der, ed25519_spki, sizeof(ed25519_spki));
		memcpy(der + sizeof(ed25519_spki), k->ed25519,
		    KEY_ED25519_LEN);
		pem_write(out, "PUBLIC KEY", der,
		    sizeof(ed25519_spki) + KEY_ED25519_LEN);
		return 0;
	}
	/* Writing does not modify the context. */
	n = mbedtls_pk_write_pubkey_der((mbedtls_pk_context *)&k->pk, der,
	    sizeof(der));
	if (n < 0)
		return diag_err(d, "cannot write the public key: %s",
		    mberr(n, eb, sizeof(eb)));
	pem_write(out, "PUBLIC KEY", der + sizeof(der) - n, (size_t)n);
	return 0;
}

/* Appends the multicodec varint c to b. */
static void
put_varint(struct buf *b, unsigned long c)
{
	while (c >= 0x80) {
		buf_putc(b, (int)(c & 0x7f) | 0x80);
		c >>= 7;
	}
	buf_putc(b, (int)c);
}

int
key_to_multikey(struct buf *out, const struct key *k, struct diag *d)
{
	const mbedtls_ecp_keypair *ec;
	struct buf raw = BUF_INIT;
	unsigned char x[48], der[DER_MAX], *p;
	size_t n;
	int len;

	switch (k->type) {
	case KEY_ED25519:
		put_varint(&raw, MC_ED25519);
		buf_put(&raw, k->ed25519, KEY_ED25519_LEN);
		break;
	case KEY_EC_P256:
	case KEY_EC_P384:
		ec = mbedtls_pk_ec(k->pk);
		n = ec_coord_len(k->type);
		put_varint(&raw, k->type == KEY_EC_P256 ? MC_P256 : MC_P384);
		buf_putc(&raw, 0x02 | mbedtls_mpi_get_bit(&ec->Q.Y, 0));
		(void)mbedtls_mpi_write_binary(&ec->Q.X, x, n);
		buf_put(&raw, x, n);
		break;
	case KEY_RSA:
		/* PKCS#1 RSAPublicKey, written backwards by mbedTLS. */
		p = der + sizeof(der);
		len = mbedtls_pk_write_pubkey(&p, der, &k->pk);
		if (len < 0) {
			buf_release(&raw);
			return diag_err(d, "cannot write the RSA key");
		}
		put_varint(&raw, MC_RSA);
		buf_put(&raw, p, (size_t)len);
		break;
	}
	multibase_encode(out, 'z', raw.data, raw.len);
	buf_release(&raw);
	return 0;
}

/*
 * RSASSA-PKCS1-v1_5 verification (RFC 8017 section 8.2.2): s^e mod n
 * must equal the expected encoded block EM = 00 01 FF.. 00 DigestInfo.
 * Uses only read access to the prepared key.
 */
static int
rsa_pkcs1_verify(const mbedtls_rsa_context *rsa, enum sig_alg alg,
    const unsigned char *hash, size_t hlen, const unsigned char *sig)
{
	unsigned char em[KEY_RSA_MAX_BITS / 8], want[KEY_RSA_MAX_BITS / 8];
	const unsigned char *di;
	mbedtls_mpi s, m;
	size_t k = rsa->len, dilen, ps;
	int rc = KEY_EBADSIG;

	switch (alg) {
	case SIG_RS256:
		di = di_sha256;
		dilen = sizeof(di_sha256);
		break;
	case SIG_RS384:
		di = di_sha384;
		dilen = sizeof(di_sha384);
		break;
	default:
		di = di_sha512;
		dilen = sizeof(di_sha512);
		break;
	}
	if (k > sizeof(em) || k < dilen + hlen + 11)
		return -1;
	ps = k - 3 - dilen - hlen;
	want[0] = 0x00;
	want[1] = 0x01;
	memset(want + 2, 0xff, ps);
	want[2 + ps] = 0x00;
	memcpy(want + 3 + ps, di, dilen);
	memcpy(want + 3 + ps + dilen, hash, hlen);
	mbedtls_mpi_init(&s);
	mbedtls_mpi_init(&m);
	if (mbedtls_mpi_read_binary(&s, sig, k) != 0 ||
	    mbedtls_mpi_cmp_mpi(&s, &rsa->N) >= 0)
		goto out;
	/* RN is filled (rsa_prepare), so exp_mod only reads it. */
	if (mbedtls_mpi_exp_mod(&m, &s, &rsa->E, &rsa->N,
	    (mbedtls_mpi *)&rsa->RN) != 0 ||
	    mbedtls_mpi_write_binary(&m, em, k) != 0)
		goto out;
	if (memcmp(em, want, k) == 0)
		rc = 0;
out:
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&m);
	return rc;
}

int
key_verify(const struct key *k, enum sig_alg alg, const void *msg,
    size_t len, const unsigned char *sig, size_t siglen, const char *name,
    struct diag *d)
{
	unsigned char hash[SHA512_LEN];
	const mbedtls_rsa_context *rsa;
	mbedtls_ecp_keypair *ec;
	mbedtls_md_type_t md;
	mbedtls_mpi r, s;
	size_t hlen, n;
	int rc;

	if (alg == SIG_NONE)
		return diag_err(d, "%s: no signature algorithm", name);
	if (sig_alg_key_type(alg) != k->type)
		return diag_err(d, "%s: algorithm %s does not fit the %s key",
		    name, sig_alg_name(alg), key_type_name(k->type));
	if (k->alg != SIG_NONE && k->alg != alg)
		return diag_err(d, "%s: the key is for %s, not %s", name,
		    sig_alg_name(k->alg), sig_alg_name(alg));
	switch (alg) {
	case SIG_EDDSA:
		if (siglen != crypto_sign_BYTES)
			return diag_err(d, "%s: EdDSA signature is %zu bytes, "
			    "not 64", name, siglen);
		rc = crypto_sign_verify_detached(sig, msg, len, k->ed25519) == 0
		    ? 0 : KEY_EBADSIG;
		break;
	case SIG_ES256:
	case SIG_ES384:
		n = ec_coord_len(k->type);
		if (siglen != 2 * n)
			return diag_err(d, "%s: %s signature is %zu bytes, not "
			    "%zu (raw R||S)%s", name, sig_alg_name(alg),
			    siglen, 2 * n, siglen > 2 * n && sig[0] == 0x30 ?
			    ": looks DER-encoded, which JWS does not allow" :
			    "");
		md = alg_hash(alg, msg, len, hash, &hlen);
		(void)md;
		ec = mbedtls_pk_ec(k->pk);
		mbedtls_mpi_init(&r);
		mbedtls_mpi_init(&s);
		rc = KEY_EBADSIG;
		if (mbedtls_mpi_read_binary(&r, sig, n) == 0 &&
		    mbedtls_mpi_read_binary(&s, sig + n, n) == 0 &&
		    mbedtls_ecdsa_verify(&ec->grp, hash, hlen, &ec->Q, &r,
		    &s) == 0)
			rc = 0;
		mbedtls_mpi_free(&r);
		mbedtls_mpi_free(&s);
		break;
	default:
		rsa = mbedtls_pk_rsa(k->pk);
		if (siglen != rsa->len)
			return diag_err(d, "%s: %s signature is %zu bytes, the "
			    "%zu-bit key needs %zu", name, sig_alg_name(alg),
			    siglen, key_bits(k), rsa->len);
		md = alg_hash(alg, msg, len, hash, &hlen);
		if (alg == SIG_RS256 || alg == SIG_RS384 || alg == SIG_RS512)
			rc = rsa_pkcs1_verify(rsa, alg, hash, hlen, sig);
		else
			/* Takes the context's mutex: see the top. */
			rc = mbedtls_rsa_rsassa_pss_verify_ext(
			    (mbedtls_rsa_context *)rsa, NULL, NULL,
			    MBEDTLS_RSA_PUBLIC, md, (unsigned)hlen, hash, md,
			    (int)hlen, sig) == 0 ? 0 : KEY_EBADSIG;
		if (rc == -1)
			return diag_err(d, "%s: the RSA key is too small for "
			    "%s", name, sig_alg_name(alg));
		break;
	}
	if (rc == KEY_EBADSIG)
		diag_err(d, "%s: %s signature does not verify with the %s key",
		    name, sig_alg_name(alg), key_type_name(k->type));
	return rc;
}

/* Private keys. */

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
		    what, mberr(ret, eb, sizeof(eb)));
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
			    name, mberr(ret, eb, sizeof(eb)));
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
			    name, mberr(ret, eb, sizeof(eb)));
		return ec_warm(&ec->grp, name, d);
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
	if (sodium_ready("key generation", d) < 0)
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
			    mberr(ret, eb, sizeof(eb)));
			goto out;
		}
		break;
	case KEY_EC_P256:
	case KEY_EC_P384:
		if ((ret = mbedtls_pk_setup(&k->pk,
		    mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY))) != 0 ||
		    (ret = mbedtls_ecp_gen_key(ec_group_id(type),
		    mbedtls_pk_ec(k->pk), mbedtls_ctr_drbg_random,
		    &g.ctr)) != 0) {
			diag_err(d, "key generation: %s",
			    mberr(ret, eb, sizeof(eb)));
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
	if (sodium_ready(name, d) < 0)
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
	    (alg = rfc8410_alg((unsigned char *)der.data, der.len)) != NULL) {
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
		    mberr(ret, eb, sizeof(eb)));
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
		    mberr(len, eb, sizeof(eb)));
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
	struct key *pub;
	int rc = -1;

	*out = NULL;
	pub = key_new(k->type);
	switch (k->type) {
	case KEY_ED25519:
		memcpy(pub->ed25519, k->ed25519 + 32, KEY_ED25519_LEN);
		rc = 0;
		break;
	case KEY_RSA:
		rsa = mbedtls_pk_rsa(k->pk);
		alen = mbedtls_mpi_size(&rsa->N);
		blen = mbedtls_mpi_size(&rsa->E);
		if (alen > sizeof(a) || blen > sizeof(b) ||
		    mbedtls_mpi_write_binary(&rsa->N, a, alen) != 0 ||
		    mbedtls_mpi_write_binary(&rsa->E, b, blen) != 0) {
			diag_err(d, "cannot export the RSA public key");
			break;
		}
		rc = key_set_rsa(pub, a, alen, b, blen, "public key", d);
		break;
	case KEY_EC_P256:
	case KEY_EC_P384:
		ec = mbedtls_pk_ec(k->pk);
		if (mbedtls_ecp_point_write_binary(&ec->grp, &ec->Q,
		    MBEDTLS_ECP_PF_UNCOMPRESSED, &alen, a, sizeof(a)) != 0) {
			diag_err(d, "cannot export the EC public key");
			break;
		}
		rc = key_set_ec(pub, k->type, a, alen, "public key", d);
		break;
	}
	if (rc == 0)
		*out = pub;
	else
		key_free(pub);
	return rc;
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
		md = alg_hash(alg, msg, len, hash, &hlen);
		if ((ret = mbedtls_rsa_rsassa_pkcs1_v15_sign(rsa, rng_sodium,
		    NULL, MBEDTLS_RSA_PRIVATE, md, (unsigned)hlen, hash,
		    sig)) != 0)
			return diag_err(d, "signing: %s",
			    mberr(ret, eb, sizeof(eb)));
		buf_put(out, sig, rsa->len);
		return 0;
	case SIG_ES256:
	case SIG_ES384:
		ec = mbedtls_pk_ec(k->pk);
		n = ec_coord_len(k->type);
		md = alg_hash(alg, msg, len, hash, &hlen);
		mbedtls_mpi_init(&r);
		mbedtls_mpi_init(&s);
		ret = mbedtls_ecdsa_sign_det_ext(&ec->grp, &r, &s, &ec->d,
		    hash, hlen, md, rng_sodium, NULL);
		if (ret == 0)
			ret = mbedtls_mpi_write_binary(&r, sig, n);
		if (ret == 0)
			ret = mbedtls_mpi_write_binary(&s, sig + n, n);
		mbedtls_mpi_free(&r);
		mbedtls_mpi_free(&s);
		if (ret != 0)
			return diag_err(d, "signing: %s",
			    mberr(ret, eb, sizeof(eb)));
		buf_put(out, sig, 2 * n);
		return 0;
	default:
		return diag_err(d, "signing: %s is not offered (RS256, "
		    "RS384, RS512, ES256, ES384, EdDSA)", sig_alg_name(alg));
	}
}
