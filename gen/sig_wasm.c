/*
 * sig_wasm.c - the crypto of verification in the WebAssembly verifier
 * (assets/verifier.wasm), in place of sig.c (see sig.h).  Compiled for
 * wasm32 only.
 *
 * Digests (digest.c), key checks (ecpt.c, and the DER of keys here) are
 * plain C and answer at once, as mbedTLS and libsodium answer badgegen.
 * Signatures are checked by the browser's WebCrypto (crypto.subtle),
 * through the host function badgegen.verify.  WebCrypto answers later
 * and a WebAssembly call must answer now, so verification is run as a
 * pure function, more than once: the host answers a request it has
 * computed, and records any other and answers "pending" (taken here as
 * KEY_EUNSUP, "cannot be checked"); the script computes the requests
 * with crypto.subtle and runs the verification again, which asks the
 * same questions, until nothing is pending (main_wasm.c,
 * assets/verify-worker.js).
 *
 * What the libraries would refuse before computing is refused here
 * too, so that the answers are badgegen's: RSA keys as
 * mbedtls_rsa_check_pubkey checks them, EC points off their curve,
 * Ed25519 keys libsodium finds invalid and signatures whose R is of
 * small order, which libsodium refuses and WebCrypto may not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "ecpt.h"
#include "sig.h"

#define DER_MAX		(8u * 1024)

/* Host answers to a signature request. */
enum host_answer {
	HOST_VALID = 0,
	HOST_INVALID = 1,
	HOST_PENDING = 2,	/* asked; run again once it is answered */
	HOST_UNSUPPORTED = 3	/* this browser cannot check it */
};

/*
 * The page's script: checks the signature described by the request
 * req[0..len) (see request() below), whose SHA-256 is id.
 */
__attribute__((import_module("badgegen"), import_name("verify")))
int	 host_verify(const unsigned char *req, size_t len,
	    const unsigned char *id);

struct sig_pub {
	enum key_type	 type;
	struct buf	 a;	/* RSA: n; EC: x (big-endian) */
	struct buf	 b;	/* RSA: e; EC: y */
};

_Static_assert(sizeof(struct digest512) <= SIG_HASH_STATE &&
    sizeof(struct digest256) <= SIG_HASH_STATE,
    "SIG_HASH_STATE holds a digest state");

void
sha256(unsigned char out[SHA256_LEN], const void *p, size_t n)
{
	digest_sha256(out, p, n);
}

void
sha384(unsigned char out[SHA384_LEN], const void *p, size_t n)
{
	digest_sha384(out, p, n);
}

void
sha512(unsigned char out[SHA512_LEN], const void *p, size_t n)
{
	digest_sha512(out, p, n);
}

void
md5(unsigned char out[MD5_LEN], const void *p, size_t n)
{
	digest_md5(out, p, n);
}

void
sig_hash_init(struct sig_hash *h, enum sig_hash_alg alg)
{
	h->alg = alg;
	if (alg == SIG_HASH_SHA384)
		digest512_init((struct digest512 *)(void *)h->state, 48);
	else
		digest256_init((struct digest256 *)(void *)h->state);
}

void
sig_hash_update(struct sig_hash *h, const void *p, size_t n)
{
	if (h->alg == SIG_HASH_SHA384)
		digest512_update((struct digest512 *)(void *)h->state, p, n);
	else
		digest256_update((struct digest256 *)(void *)h->state, p, n);
}

size_t
sig_hash_final(struct sig_hash *h, unsigned char out[SHA384_LEN])
{
	if (h->alg == SIG_HASH_SHA384) {
		digest512_final((struct digest512 *)(void *)h->state, out);
		return SHA384_LEN;
	}
	digest256_final((struct digest256 *)(void *)h->state, out);
	return SHA256_LEN;
}

void
sig_wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n-- > 0)
		*v++ = 0;
}

int
sig_init(const char *name, struct diag *d)
{
	(void)name;
	(void)d;
	return 0;
}

static struct sig_pub *
pub_new(enum key_type type)
{
	struct sig_pub *p = xcalloc(1, sizeof(*p));

	p->type = type;
	p->a = (struct buf)BUF_INIT;
	p->b = (struct buf)BUF_INIT;
	return p;
}

void
sig_pub_free(struct sig_pub *p)
{
	if (p == NULL)
		return;
	buf_release(&p->a);
	buf_release(&p->b);
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

/* The bit length of a big-endian number without leading zeros. */
static size_t
bitlen(const unsigned char *x, size_t n)
{
	unsigned v;
	size_t bits;

	if (n == 0)
		return 0;
	bits = 8 * (n - 1);
	for (v = x[0]; v != 0; v >>= 1)
		bits++;
	return bits;
}

/* a < b, big-endian numbers without leading zeros. */
static bool
less(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
	if (an != bn)
		return an < bn;
	return memcmp(a, b, an) < 0;
}

/*
 * Sets p from big-endian n and e (leading zeros allowed) after the
 * checks of sig.c: sizes, then mbedtls_rsa_check_pubkey's (n and e odd,
 * 3 <= e < n).
 */
static int
set_rsa(struct sig_pub *p, const unsigned char *n, size_t nlen,
    const unsigned char *e, size_t elen, const char *name, struct diag *d)
{
	size_t bits;

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
	bits = bitlen(n, nlen);
	if (bits < KEY_RSA_MIN_BITS)
		return diag_err(d, "%s: RSA key of %zu bits is too small "
		    "(minimum %d)", name, bits, KEY_RSA_MIN_BITS);
	if (bitlen(e, elen) > 256)
		return diag_err(d, "%s: RSA public exponent is too large "
		    "(%zu bits)", name, bitlen(e, elen));
	if ((n[nlen - 1] & 1) == 0 || (e[elen - 1] & 1) == 0 ||
	    bitlen(e, elen) < 2 || !less(e, elen, n, nlen))
		return diag_err(d, "%s: invalid RSA public key: the modulus "
		    "or the exponent fails the validity check", name);
	p->type = KEY_RSA;
	buf_put(&p->a, n, nlen);
	buf_put(&p->b, e, elen);
	return 0;
}

int
sig_pub_rsa(struct sig_pub **out, const unsigned char *n, size_t nlen,
    const unsigned char *e, size_t elen, const char *name, struct diag *d)
{
	struct sig_pub *p = pub_new(KEY_RSA);

	*out = NULL;
	return pub_done(out, p, set_rsa(p, n, nlen, e, elen, name, d));
}

/* The size of a coordinate of curve t. */
static size_t
ec_coord_len(enum key_type t)
{
	return t == KEY_EC_P384 ? 48 : 32;
}

static const char *
curve_name(enum key_type t)
{
	return t == KEY_EC_P384 ? "P-384" : "P-256";
}

/* Sets p to the uncompressed point pt of curve t, on the curve. */
static int
set_ec(struct sig_pub *p, enum key_type t, const unsigned char *pt,
    size_t ptlen, const char *name, struct diag *d)
{
	size_t n = ec_coord_len(t);

	if (ptlen != 1 + 2 * n || pt[0] != 0x04)
		return diag_err(d, "%s: invalid %s point: not an uncompressed "
		    "point of %zu bytes", name, curve_name(t), 1 + 2 * n);
	if (!ecpt_nist_on_curve(n, pt + 1, pt + 1 + n))
		return diag_err(d, "%s: invalid EC public key: the point is "
		    "not on the %s curve", name, curve_name(t));
	p->type = t;
	buf_put(&p->a, pt + 1, n);
	buf_put(&p->b, pt + 1 + n, n);
	return 0;
}

int
sig_pub_ec(struct sig_pub **out, enum key_type t, const unsigned char *pt,
    size_t ptlen, const char *name, struct diag *d)
{
	struct sig_pub *p = pub_new(t);

	*out = NULL;
	return pub_done(out, p, set_ec(p, t, pt, ptlen, name, d));
}

/* DER being read: the next byte and the end. */
struct der {
	const unsigned char *p, *end;
};

/*
 * Reads an element of tag tag (its length in the forms mbedTLS reads:
 * short, or one to four bytes), setting *body and *len and moving past
 * it.  Returns 0 or -1.
 */
static int
der_get(struct der *r, unsigned tag, const unsigned char **body, size_t *len)
{
	size_t n, k;

	if (r->end - r->p < 2 || *r->p != tag)
		return -1;
	r->p++;
	n = *r->p++;
	if (n & 0x80) {
		k = n & 0x7f;
		if (k == 0 || k > 4 || (size_t)(r->end - r->p) < k)
			return -1;
		for (n = 0; k > 0; k--)
			n = n << 8 | *r->p++;
	}
	if (n > (size_t)(r->end - r->p))
		return -1;
	*body = r->p;
	*len = n;
	r->p += n;
	return 0;
}

#define DER_SEQUENCE	0x30
#define DER_INTEGER	0x02
#define DER_BITSTRING	0x03
#define DER_NULL	0x05
#define DER_OID		0x06

static const unsigned char oid_rsa[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01
};
static const unsigned char oid_ec[] = {
	0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01
};
static const unsigned char oid_p256[] = {
	0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07
};
static const unsigned char oid_p384[] = {
	0x2b, 0x81, 0x04, 0x00, 0x22
};

static bool
oid_is(const unsigned char *oid, size_t n, const unsigned char *want,
    size_t wn)
{
	return n == wn && memcmp(oid, want, n) == 0;
}

/* A PKCS#1 RSAPublicKey filling the whole of der (integers unsigned). */
static int
rsa_from_der(struct sig_pub *p, struct der *r, const char *name,
    struct diag *d)
{
	const unsigned char *seq, *n, *e;
	size_t len, nlen, elen;
	struct der in;

	if (der_get(r, DER_SEQUENCE, &seq, &len) < 0 || r->p != r->end)
		goto bad;
	in.p = seq;
	in.end = seq + len;
	if (der_get(&in, DER_INTEGER, &n, &nlen) < 0 ||
	    der_get(&in, DER_INTEGER, &e, &elen) < 0 || in.p != in.end)
		goto bad;
	return set_rsa(p, n, nlen, e, elen, name, d);
bad:
	return diag_err(d, "%s: cannot read the public key: malformed RSA "
	    "public key", name);
}

int
sig_pub_spki(struct sig_pub **out, enum key_type *type,
    const unsigned char *der, size_t n, const char *name, struct diag *d)
{
	struct sig_pub *p = pub_new(KEY_RSA);
	const unsigned char *seq, *alg, *oid, *par = NULL, *bits;
	size_t len, alen, olen, plen = 0, blen;
	unsigned ptag = 0;
	struct der r, a, k;
	int rc;

	*out = NULL;
	r.p = der;
	r.end = der + n;
	if (der_get(&r, DER_SEQUENCE, &seq, &len) < 0) {
		rc = diag_err(d, "%s: cannot read the public key: not a "
		    "SubjectPublicKeyInfo", name);
		goto out;
	}
	if (r.p != r.end) {
		rc = diag_err(d, "%s: unexpected data after the public key",
		    name);
		goto out;
	}
	r.p = seq;
	r.end = seq + len;
	if (der_get(&r, DER_SEQUENCE, &alg, &alen) < 0) {
		rc = diag_err(d, "%s: cannot read the public key: no "
		    "algorithm", name);
		goto out;
	}
	a.p = alg;
	a.end = alg + alen;
	if (der_get(&a, DER_OID, &oid, &olen) < 0) {
		rc = diag_err(d, "%s: cannot read the public key: no "
		    "algorithm", name);
		goto out;
	}
	if (a.p < a.end) {
		ptag = *a.p;
		if (der_get(&a, ptag, &par, &plen) < 0 || a.p != a.end) {
			rc = diag_err(d, "%s: cannot read the public key: "
			    "malformed algorithm parameters", name);
			goto out;
		}
	}
	if (der_get(&r, DER_BITSTRING, &bits, &blen) < 0 || blen < 1 ||
	    bits[0] != 0 || r.p != r.end) {
		rc = diag_err(d, "%s: cannot read the public key: malformed "
		    "key bits", name);
		goto out;
	}
	k.p = bits + 1;
	k.end = bits + blen;
	if (oid_is(oid, olen, oid_rsa, sizeof(oid_rsa))) {
		if ((par != NULL && ptag != DER_NULL) || plen != 0)
			rc = diag_err(d, "%s: cannot read the public key: RSA "
			    "parameters must be NULL", name);
		else
			rc = rsa_from_der(p, &k, name, d);
	} else if (oid_is(oid, olen, oid_ec, sizeof(oid_ec))) {
		if (par == NULL || ptag != DER_OID)
			rc = diag_err(d, "%s: cannot read the public key: the "
			    "curve is not named", name);
		else if (oid_is(par, plen, oid_p256, sizeof(oid_p256)))
			rc = set_ec(p, KEY_EC_P256, k.p, (size_t)(k.end - k.p),
			    name, d);
		else if (oid_is(par, plen, oid_p384, sizeof(oid_p384)))
			rc = set_ec(p, KEY_EC_P384, k.p, (size_t)(k.end - k.p),
			    name, d);
		else
			rc = diag_err(d, "%s: unsupported elliptic curve (only "
			    "P-256 and P-384)", name);
	} else
		rc = diag_err(d, "%s: unsupported public key type (RSA, "
		    "P-256, P-384)", name);
out:
	*type = p->type;
	return pub_done(out, p, rc);
}

int
sig_pub_pkcs1(struct sig_pub **out, const unsigned char *der, size_t n,
    const char *name, struct diag *d)
{
	const unsigned char *seq, *nn, *e;
	size_t len, nlen, elen;
	struct der r, in;

	*out = NULL;
	r.p = der;
	r.end = der + n;
	if (der_get(&r, DER_SEQUENCE, &seq, &len) < 0 || r.p != r.end)
		goto bad;
	in.p = seq;
	in.end = seq + len;
	if (der_get(&in, DER_INTEGER, &nn, &nlen) < 0 ||
	    der_get(&in, DER_INTEGER, &e, &elen) < 0 || in.p != in.end ||
	    nlen == 0 || elen == 0 || (nn[0] & 0x80) || (e[0] & 0x80))
		goto bad;
	return sig_pub_rsa(out, nn, nlen, e, elen, name, d);
bad:
	return diag_err(d, "%s: malformed PKCS#1 RSA public key", name);
}

bool
sig_pub_equal(const struct sig_pub *a, const struct sig_pub *b)
{
	return a != NULL && b != NULL && a->type == b->type &&
	    a->a.len == b->a.len && a->b.len == b->b.len &&
	    memcmp(a->a.data, b->a.data, a->a.len) == 0 &&
	    memcmp(a->b.data, b->b.data, a->b.len) == 0;
}

size_t
sig_pub_bits(const struct sig_pub *p)
{
	switch (p->type) {
	case KEY_RSA:
		return bitlen((const unsigned char *)p->a.data, p->a.len);
	case KEY_EC_P384:
		return 384;
	default:
		return 256;
	}
}

void
sig_pub_numbers(const struct sig_pub *p, struct buf *a, struct buf *b)
{
	buf_put(a, p->a.data, p->a.len);
	buf_put(b, p->b.data, p->b.len);
}

/* Appends a DER tag and length. */
static void
der_head(struct buf *out, unsigned tag, size_t n)
{
	buf_putc(out, (int)tag);
	if (n < 0x80)
		buf_putc(out, (int)n);
	else if (n < 0x100) {
		buf_putc(out, 0x81);
		buf_putc(out, (int)n);
	} else {
		buf_putc(out, 0x82);
		buf_putc(out, (int)(n >> 8));
		buf_putc(out, (int)(n & 0xff));
	}
}

/* Appends an element whose body is body. */
static void
der_put(struct buf *out, unsigned tag, const void *body, size_t n)
{
	der_head(out, tag, n);
	buf_put(out, body, n);
}

/* Appends a non-negative INTEGER (a 0 first when the top bit is set). */
static void
der_uint(struct buf *out, const struct buf *x)
{
	bool pad = x->len > 0 && ((unsigned char)x->data[0] & 0x80);

	der_head(out, DER_INTEGER, x->len + pad);
	if (pad)
		buf_putc(out, 0);
	buf_put(out, x->data, x->len);
}

int
sig_pub_der(const struct sig_pub *p, bool pkcs1, struct buf *out,
    struct diag *d)
{
	struct buf body = BUF_INIT, seq = BUF_INIT, alg = BUF_INIT;
	int rc = 0;

	if (p->type == KEY_RSA) {
		der_uint(&body, &p->a);
		der_uint(&body, &p->b);
		der_put(&seq, DER_SEQUENCE, body.data, body.len);
		if (pkcs1) {
			buf_put(out, seq.data, seq.len);
			goto out;
		}
		der_put(&alg, DER_OID, oid_rsa, sizeof(oid_rsa));
		der_put(&alg, DER_NULL, "", 0);
	} else if (pkcs1) {
		rc = diag_err(d, "cannot write the RSA key");
		goto out;
	} else {
		buf_putc(&seq, 0x04);
		buf_put(&seq, p->a.data, p->a.len);
		buf_put(&seq, p->b.data, p->b.len);
		der_put(&alg, DER_OID, oid_ec, sizeof(oid_ec));
		if (p->type == KEY_EC_P384)
			der_put(&alg, DER_OID, oid_p384, sizeof(oid_p384));
		else
			der_put(&alg, DER_OID, oid_p256, sizeof(oid_p256));
	}
	/* SEQUENCE { SEQUENCE { algorithm }, BIT STRING { 0, key } } */
	buf_reset(&body);
	der_put(&body, DER_SEQUENCE, alg.data, alg.len);
	der_head(&body, DER_BITSTRING, seq.len + 1);
	buf_putc(&body, 0);
	buf_put(&body, seq.data, seq.len);
	if (body.len > DER_MAX)
		rc = diag_err(d, "cannot write the public key: too large");
	else
		der_put(out, DER_SEQUENCE, body.data, body.len);
out:
	buf_release(&body);
	buf_release(&seq);
	buf_release(&alg);
	return rc;
}

bool
sig_ed25519_valid(const unsigned char pub[KEY_ED25519_LEN])
{
	return ecpt_ed25519_valid(pub);
}

int
sig_ec_decompress(unsigned char *out, enum key_type t,
    const unsigned char *in, size_t inlen, const char *name,
    struct diag *d)
{
	size_t n = ec_coord_len(t);

	if (inlen != n + 1 || (in[0] != 0x02 && in[0] != 0x03))
		return diag_err(d, "%s: malformed compressed %s point", name,
		    curve_name(t));
	if (ecpt_nist_decompress(out, n, in, inlen) < 0)
		return diag_err(d, "%s: the compressed %s point is not on the "
		    "curve", name, curve_name(t));
	return 0;
}

/* Appends a 32-bit length, little-endian, and the bytes. */
static void
put_field(struct buf *b, const void *p, size_t n)
{
	unsigned char len[4];

	len[0] = (unsigned char)n;
	len[1] = (unsigned char)(n >> 8);
	len[2] = (unsigned char)(n >> 16);
	len[3] = (unsigned char)(n >> 24);
	buf_put(b, len, 4);
	buf_put(b, p, n);
}

/*
 * Asks the host: the request is the algorithm (one byte, enum sig_alg),
 * then four fields of a 32-bit little-endian length and bytes: RSA n
 * and e, EC x and y, or the raw Ed25519 key and nothing; the message;
 * the signature.
 */
static int
request(enum sig_alg alg, const void *ka, size_t kalen, const void *kb,
    size_t kblen, const void *msg, size_t len, const unsigned char *sig,
    size_t siglen)
{
	struct buf req = BUF_INIT;
	unsigned char id[SHA256_LEN];
	int answer;

	buf_putc(&req, (int)alg);
	put_field(&req, ka, kalen);
	put_field(&req, kb, kblen);
	put_field(&req, msg, len);
	put_field(&req, sig, siglen);
	digest_sha256(id, req.data, req.len);
	answer = host_verify((const unsigned char *)req.data, req.len, id);
	buf_release(&req);
	switch (answer) {
	case HOST_VALID:
		return 0;
	case HOST_INVALID:
		return KEY_EBADSIG;
	default:
		return KEY_EUNSUP;
	}
}

int
sig_verify(const struct sig_pub *p, enum sig_alg alg, const void *msg,
    size_t len, const unsigned char *sig, size_t siglen)
{
	size_t hlen = alg == SIG_RS384 || alg == SIG_PS384 ? SHA384_LEN :
	    alg == SIG_RS512 || alg == SIG_PS512 ? SHA512_LEN : SHA256_LEN;

	/* sig.c: an RSA key too small for the DigestInfo of the hash. */
	if ((alg == SIG_RS256 || alg == SIG_RS384 || alg == SIG_RS512) &&
	    p->a.len < 19 + hlen + 11)
		return -1;
	return request(alg, p->a.data, p->a.len, p->b.data, p->b.len, msg,
	    len, sig, siglen);
}

int
sig_verify_ed25519(const unsigned char pub[KEY_ED25519_LEN], const void *msg,
    size_t len, const unsigned char sig[64])
{
	/* libsodium refuses an R of small order; WebCrypto may not. */
	if (ecpt_ed25519_small_order(sig))
		return KEY_EBADSIG;
	return request(SIG_EDDSA, pub, KEY_ED25519_LEN, "", 0, msg, len, sig,
	    64);
}
