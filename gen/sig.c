/*
 * sig.c - digests, public keys and signature checks on mbedTLS and
 * libsodium (see sig.h).
 *
 * RSA and EC keys live in an mbedtls_pk_context; Ed25519 keys are raw
 * bytes for libsodium, because mbedTLS 2.28 knows nothing of Ed25519.
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
#include <mbedtls/ecdsa.h>
#include <mbedtls/error.h>
#include <mbedtls/md5.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>
#include <sodium.h>

#include "sig_mbedtls.h"

#define DER_MAX		(8u * 1024)

struct sig_pub {
	enum key_type	 type;	/* KEY_RSA, KEY_EC_P256, KEY_EC_P384 */
	mbedtls_pk_context pk;	/* the key, prepared */
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

_Static_assert(sizeof(crypto_hash_sha256_state) <= SIG_HASH_STATE &&
    sizeof(mbedtls_sha512_context) <= SIG_HASH_STATE,
    "SIG_HASH_STATE holds a digest state");

/*
 * The one-shot mbedTLS digests fail only on bad parameters or with
 * hardware-accelerated alternatives that report errors; neither applies.
 */
void
sha256(unsigned char out[SHA256_LEN], const void *p, size_t n)
{
	(void)mbedtls_sha256_ret(p, n, out, 0);
}

void
sha384(unsigned char out[SHA384_LEN], const void *p, size_t n)
{
	unsigned char full[SHA512_LEN];	/* the prototype says 64 bytes */

	(void)mbedtls_sha512_ret(p, n, full, 1);
	memcpy(out, full, SHA384_LEN);
}

void
sha512(unsigned char out[SHA512_LEN], const void *p, size_t n)
{
	(void)mbedtls_sha512_ret(p, n, out, 0);
}

void
md5(unsigned char out[MD5_LEN], const void *p, size_t n)
{
	(void)mbedtls_md5_ret(p, n, out);
}

void
sig_hash_init(struct sig_hash *h, enum sig_hash_alg alg)
{
	h->alg = alg;
	if (alg == SIG_HASH_SHA384) {
		mbedtls_sha512_context *c = (void *)h->state;

		mbedtls_sha512_init(c);
		mbedtls_sha512_starts_ret(c, 1);
	} else
		crypto_hash_sha256_init((crypto_hash_sha256_state *)
		    (void *)h->state);
}

void
sig_hash_update(struct sig_hash *h, const void *p, size_t n)
{
	if (h->alg == SIG_HASH_SHA384)
		mbedtls_sha512_update_ret((mbedtls_sha512_context *)
		    (void *)h->state, p, n);
	else
		crypto_hash_sha256_update((crypto_hash_sha256_state *)
		    (void *)h->state, p, n);
}

size_t
sig_hash_final(struct sig_hash *h, unsigned char out[SHA384_LEN])
{
	unsigned char full[SHA512_LEN];

	if (h->alg == SIG_HASH_SHA384) {
		mbedtls_sha512_context *c = (void *)h->state;

		mbedtls_sha512_finish_ret(c, full);
		mbedtls_sha512_free(c);
		memcpy(out, full, SHA384_LEN);
		return SHA384_LEN;
	}
	crypto_hash_sha256_final((crypto_hash_sha256_state *)
	    (void *)h->state, out);
	return SHA256_LEN;
}

void
sig_wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
}

int
sig_init(const char *name, struct diag *d)
{
	if (sodium_init() < 0)
		return diag_err(d, "%s: libsodium failed to initialise", name);
	return 0;
}

const char *
sig_mbedtls_err(int ret, char *b, size_t n)
{
	mbedtls_strerror(ret, b, n);
	return b;
}

/* Stateless: libsodium's generator. */
int
sig_mbedtls_rng(void *ctx, unsigned char *out, size_t len)
{
	(void)ctx;
	randombytes_buf(out, len);
	return 0;
}

mbedtls_ecp_group_id
sig_mbedtls_group(enum key_type t)
{
	return t == KEY_EC_P384 ? MBEDTLS_ECP_DP_SECP384R1 :
	    MBEDTLS_ECP_DP_SECP256R1;
}

/* The size of a coordinate of curve t. */
static size_t
ec_coord_len(enum key_type t)
{
	return t == KEY_EC_P384 ? 48 : 32;
}

int
sig_mbedtls_ec_warm(mbedtls_ecp_group *grp, const char *name,
    struct diag *d)
{
	mbedtls_ecp_point r;
	mbedtls_mpi one;
	char eb[100];
	int ret;

	mbedtls_ecp_point_init(&r);
	mbedtls_mpi_init(&one);
	ret = mbedtls_mpi_lset(&one, 1);
	if (ret == 0)
		ret = mbedtls_ecp_mul(grp, &r, &one, &grp->G, sig_mbedtls_rng,
		    NULL);
	mbedtls_ecp_point_free(&r);
	mbedtls_mpi_free(&one);
	if (ret != 0)
		return diag_err(d, "%s: cannot prepare the EC key: %s", name,
		    sig_mbedtls_err(ret, eb, sizeof(eb)));
	return 0;
}

mbedtls_md_type_t
sig_mbedtls_digest(enum sig_alg a, const void *msg, size_t len,
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

const mbedtls_pk_context *
sig_mbedtls_pk(const struct sig_pub *p)
{
	return &p->pk;
}

static struct sig_pub *
pub_new(enum key_type type)
{
	struct sig_pub *p = xcalloc(1, sizeof(*p));

	p->type = type;
	mbedtls_pk_init(&p->pk);
	return p;
}

void
sig_pub_free(struct sig_pub *p)
{
	if (p == NULL)
		return;
	mbedtls_pk_free(&p->pk);
	free(p);
}

/* Sets *out to p when rc is 0, else frees p; returns rc. */
static int
pub_done(struct sig_pub **out, struct sig_pub *p, int rc)
{
	if (rc == 0)
		*out = p;
	else
		sig_pub_free(p);
	return rc;
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
		    sig_mbedtls_err(ret, eb, sizeof(eb)));
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
		    sig_mbedtls_err(ret, eb, sizeof(eb)));
	return 0;
}

/* Sets p (type KEY_RSA, pk empty) from big-endian n and e. */
static int
set_rsa(struct sig_pub *p, const unsigned char *n, size_t nlen,
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
	if ((ret = mbedtls_pk_setup(&p->pk,
	    mbedtls_pk_info_from_type(MBEDTLS_PK_RSA))) != 0)
		return diag_err(d, "%s: %s", name,
		    sig_mbedtls_err(ret, eb, sizeof(eb)));
	rsa = mbedtls_pk_rsa(p->pk);
	if ((ret = mbedtls_rsa_import_raw(rsa, n, nlen, NULL, 0, NULL, 0,
	    NULL, 0, e, elen)) != 0 ||
	    (ret = mbedtls_rsa_complete(rsa)) != 0)
		return diag_err(d, "%s: invalid RSA public key: %s", name,
		    sig_mbedtls_err(ret, eb, sizeof(eb)));
	return rsa_prepare(rsa, name, d);
}

int
sig_pub_rsa(struct sig_pub **out, const unsigned char *n, size_t nlen,
    const unsigned char *e, size_t elen, const char *name, struct diag *d)
{
	struct sig_pub *p = pub_new(KEY_RSA);

	*out = NULL;
	return pub_done(out, p, set_rsa(p, n, nlen, e, elen, name, d));
}

/* Checks and prepares the EC keypair in p->pk; sets p->type. */
static int
ec_prepare(struct sig_pub *p, const char *name, struct diag *d)
{
	mbedtls_ecp_keypair *ec = mbedtls_pk_ec(p->pk);
	char eb[100];
	int ret;

	switch (ec->grp.id) {
	case MBEDTLS_ECP_DP_SECP256R1:
		p->type = KEY_EC_P256;
		break;
	case MBEDTLS_ECP_DP_SECP384R1:
		p->type = KEY_EC_P384;
		break;
	default:
		return diag_err(d, "%s: unsupported elliptic curve (only "
		    "P-256 and P-384)", name);
	}
	if ((ret = mbedtls_ecp_check_pubkey(&ec->grp, &ec->Q)) != 0)
		return diag_err(d, "%s: invalid EC public key: %s", name,
		    sig_mbedtls_err(ret, eb, sizeof(eb)));
	return sig_mbedtls_ec_warm(&ec->grp, name, d);
}

/* The name of curve t for messages. */
static const char *
curve_name(enum key_type t)
{
	return t == KEY_EC_P384 ? "P-384" : "P-256";
}

int
sig_pub_ec(struct sig_pub **out, enum key_type t, const unsigned char *pt,
    size_t ptlen, const char *name, struct diag *d)
{
	struct sig_pub *p = pub_new(t);
	mbedtls_ecp_keypair *ec;
	char eb[100];
	int ret, rc;

	*out = NULL;
	if ((ret = mbedtls_pk_setup(&p->pk,
	    mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY))) != 0) {
		rc = diag_err(d, "%s: %s", name,
		    sig_mbedtls_err(ret, eb, sizeof(eb)));
		return pub_done(out, p, rc);
	}
	ec = mbedtls_pk_ec(p->pk);
	if ((ret = mbedtls_ecp_group_load(&ec->grp,
	    sig_mbedtls_group(t))) != 0)
		rc = diag_err(d, "%s: %s", name,
		    sig_mbedtls_err(ret, eb, sizeof(eb)));
	else if ((ret = mbedtls_ecp_point_read_binary(&ec->grp, &ec->Q, pt,
	    ptlen)) != 0)
		rc = diag_err(d, "%s: invalid %s point: %s", name,
		    curve_name(t), sig_mbedtls_err(ret, eb, sizeof(eb)));
	else
		rc = ec_prepare(p, name, d);
	return pub_done(out, p, rc);
}

int
sig_pub_spki(struct sig_pub **out, enum key_type *type,
    const unsigned char *der, size_t n, const char *name, struct diag *d)
{
	struct sig_pub *p = pub_new(KEY_RSA);
	unsigned char *c = (unsigned char *)der;
	char eb[100];
	int ret, rc;

	*out = NULL;
	if ((ret = mbedtls_pk_parse_subpubkey(&c, der + n, &p->pk)) != 0)
		rc = diag_err(d, "%s: cannot read the public key: %s", name,
		    sig_mbedtls_err(ret, eb, sizeof(eb)));
	else if (c != der + n)
		rc = diag_err(d, "%s: unexpected data after the public key",
		    name);
	else {
		switch (mbedtls_pk_get_type(&p->pk)) {
		case MBEDTLS_PK_RSA:
			p->type = KEY_RSA;
			rc = rsa_prepare(mbedtls_pk_rsa(p->pk), name, d);
			break;
		case MBEDTLS_PK_ECKEY:
			rc = ec_prepare(p, name, d);
			break;
		default:
			rc = diag_err(d, "%s: unsupported public key type %s",
			    name, mbedtls_pk_get_name(&p->pk));
			break;
		}
	}
	*type = p->type;
	return pub_done(out, p, rc);
}

int
sig_pub_pkcs1(struct sig_pub **out, const unsigned char *der, size_t n,
    const char *name, struct diag *d)
{
	unsigned char *p = (unsigned char *)der, *end = p + n;
	const unsigned char *nn, *e;
	size_t len, nlen, elen;

	*out = NULL;
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
	return sig_pub_rsa(out, nn, nlen, e, elen, name, d);
bad:
	return diag_err(d, "%s: malformed PKCS#1 RSA public key", name);
}

bool
sig_pub_equal(const struct sig_pub *a, const struct sig_pub *b)
{
	const mbedtls_rsa_context *ra, *rb;
	const mbedtls_ecp_keypair *ea, *eb;

	if (a == NULL || b == NULL || a->type != b->type)
		return false;
	if (a->type == KEY_RSA) {
		ra = mbedtls_pk_rsa(a->pk);
		rb = mbedtls_pk_rsa(b->pk);
		return mbedtls_mpi_cmp_mpi(&ra->N, &rb->N) == 0 &&
		    mbedtls_mpi_cmp_mpi(&ra->E, &rb->E) == 0;
	}
	ea = mbedtls_pk_ec(a->pk);
	eb = mbedtls_pk_ec(b->pk);
	return mbedtls_ecp_point_cmp(&ea->Q, &eb->Q) == 0;
}

size_t
sig_pub_bits(const struct sig_pub *p)
{
	switch (p->type) {
	case KEY_RSA:
		return mbedtls_pk_get_bitlen(&p->pk);
	case KEY_EC_P384:
		return 384;
	default:
		return 256;
	}
}

/* Appends x, big-endian: n bytes, or as few as it needs when n is 0. */
static void
put_mpi(struct buf *out, const mbedtls_mpi *x, size_t n)
{
	unsigned char b[KEY_RSA_MAX_BITS / 8];

	if (n == 0)
		n = mbedtls_mpi_size(x);
	if (n == 0 || n > sizeof(b))
		n = 1;
	(void)mbedtls_mpi_write_binary(x, b, n);
	buf_put(out, b, n);
}

void
sig_pub_numbers(const struct sig_pub *p, struct buf *a, struct buf *b)
{
	const mbedtls_rsa_context *rsa;
	const mbedtls_ecp_keypair *ec;

	if (p->type == KEY_RSA) {
		rsa = mbedtls_pk_rsa(p->pk);
		put_mpi(a, &rsa->N, 0);
		put_mpi(b, &rsa->E, 0);
		return;
	}
	ec = mbedtls_pk_ec(p->pk);
	put_mpi(a, &ec->Q.X, ec_coord_len(p->type));
	put_mpi(b, &ec->Q.Y, ec_coord_len(p->type));
}

int
sig_pub_der(const struct sig_pub *p, bool pkcs1, struct buf *out,
    struct diag *d)
{
	unsigned char der[DER_MAX], *c;
	char eb[100];
	int n;

	if (pkcs1) {
		/* PKCS#1 RSAPublicKey, written backwards by mbedTLS. */
		c = der + sizeof(der);
		n = p->type == KEY_RSA ? mbedtls_pk_write_pubkey(&c, der,
		    &p->pk) : -1;
		if (n < 0)
			return diag_err(d, "cannot write the RSA key");
		buf_put(out, c, (size_t)n);
		return 0;
	}
	/* Writing does not modify the context. */
	n = mbedtls_pk_write_pubkey_der((mbedtls_pk_context *)&p->pk, der,
	    sizeof(der));
	if (n < 0)
		return diag_err(d, "cannot write the public key: %s",
		    sig_mbedtls_err(n, eb, sizeof(eb)));
	buf_put(out, der + sizeof(der) - n, (size_t)n);
	return 0;
}

bool
sig_ed25519_valid(const unsigned char pub[KEY_ED25519_LEN])
{
	return crypto_core_ed25519_is_valid_point(pub) != 0;
}

/*
 * Both curves have p = 3 mod 4, so y = (x^3 - 3x + b)^((p + 1) / 4)
 * mod p; mbedTLS 2.28 reads only uncompressed points.
 */
int
sig_ec_decompress(unsigned char *out, enum key_type t,
    const unsigned char *in, size_t inlen, const char *name,
    struct diag *d)
{
	mbedtls_ecp_group grp;
	mbedtls_mpi x, rhs, y, e, t1;
	size_t n = ec_coord_len(t);
	int ret, rc = -1;

	if (inlen != n + 1 || (in[0] != 0x02 && in[0] != 0x03))
		return diag_err(d, "%s: malformed compressed %s point", name,
		    curve_name(t));
	mbedtls_ecp_group_init(&grp);
	mbedtls_mpi_init(&x);
	mbedtls_mpi_init(&rhs);
	mbedtls_mpi_init(&y);
	mbedtls_mpi_init(&e);
	mbedtls_mpi_init(&t1);
#define CHK(f) do { if ((ret = (f)) != 0) goto fail; } while (0)
	CHK(mbedtls_ecp_group_load(&grp, sig_mbedtls_group(t)));
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
	    curve_name(t));
	goto out;
fail:
	diag_err(d, "%s: cannot expand the %s point (error -0x%04x)", name,
	    curve_name(t), (unsigned)-ret);
out:
	mbedtls_ecp_group_free(&grp);
	mbedtls_mpi_free(&x);
	mbedtls_mpi_free(&rhs);
	mbedtls_mpi_free(&y);
	mbedtls_mpi_free(&e);
	mbedtls_mpi_free(&t1);
	return rc;
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
sig_verify(const struct sig_pub *p, enum sig_alg alg, const void *msg,
    size_t len, const unsigned char *sig, size_t siglen)
{
	unsigned char hash[SHA512_LEN];
	const mbedtls_rsa_context *rsa;
	mbedtls_ecp_keypair *ec;
	mbedtls_md_type_t md;
	mbedtls_mpi r, s;
	size_t hlen, n;
	int rc;

	md = sig_mbedtls_digest(alg, msg, len, hash, &hlen);
	switch (alg) {
	case SIG_ES256:
	case SIG_ES384:
		n = siglen / 2;
		ec = mbedtls_pk_ec(p->pk);
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
		return rc;
	case SIG_RS256:
	case SIG_RS384:
	case SIG_RS512:
		return rsa_pkcs1_verify(mbedtls_pk_rsa(p->pk), alg, hash, hlen,
		    sig);
	default:
		/* PSS takes the context's mutex: see the top. */
		rsa = mbedtls_pk_rsa(p->pk);
		return mbedtls_rsa_rsassa_pss_verify_ext(
		    (mbedtls_rsa_context *)rsa, NULL, NULL, MBEDTLS_RSA_PUBLIC,
		    md, (unsigned)hlen, hash, md, (int)hlen, sig) == 0 ? 0 :
		    KEY_EBADSIG;
	}
}

int
sig_verify_ed25519(const unsigned char pub[KEY_ED25519_LEN], const void *msg,
    size_t len, const unsigned char sig[64])
{
	return crypto_sign_verify_detached(sig, msg, len, pub) == 0 ? 0 :
	    KEY_EBADSIG;
}
