/*
 * ecpt.c - elliptic-curve points in plain C (see ecpt.h).
 *
 * Field elements are little-endian arrays of 32-bit limbs, multiplied
 * in Montgomery form (CIOS) modulo any odd prime of up to 384 bits; the
 * few exponentiations (square roots, inverses) and the one scalar
 * multiplication by the group order are plain square-and-multiply and
 * double-and-add.
 */
#include <stdint.h>
#include <string.h>

#include "ecpt.h"

#define LIMBS	12		/* 384 bits */

typedef uint32_t fe[LIMBS];

struct field {
	int		 n;		/* limbs used */
	fe		 p;
	fe		 r2;		/* R^2 mod p, R = 2^(32n) */
	uint32_t	 pinv;		/* -p^-1 mod 2^32 */
};

static const unsigned char p256_p[32] = {
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};
static const unsigned char p256_b[32] = {
	0x5a, 0xc6, 0x35, 0xd8, 0xaa, 0x3a, 0x93, 0xe7, 0xb3, 0xeb, 0xbd, 0x55,
	0x76, 0x98, 0x86, 0xbc, 0x65, 0x1d, 0x06, 0xb0, 0xcc, 0x53, 0xb0, 0xf6,
	0x3b, 0xce, 0x3c, 0x3e, 0x27, 0xd2, 0x60, 0x4b
};
static const unsigned char p384_p[48] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff
};
static const unsigned char p384_b[48] = {
	0xb3, 0x31, 0x2f, 0xa7, 0xe2, 0x3e, 0xe7, 0xe4, 0x98, 0x8e, 0x05, 0x6b,
	0xe3, 0xf8, 0x2d, 0x19, 0x18, 0x1d, 0x9c, 0x6e, 0xfe, 0x81, 0x41, 0x12,
	0x03, 0x14, 0x08, 0x8f, 0x50, 0x13, 0x87, 0x5a, 0xc6, 0x56, 0x39, 0x8d,
	0x8a, 0x2e, 0xd1, 0x9d, 0x2a, 0x85, 0xc8, 0xed, 0xd3, 0xec, 0x2a, 0xef
};
/* Ed25519 (RFC 8032), big-endian: p = 2^255 - 19, d, sqrt(-1), L. */
static const unsigned char ed_p[32] = {
	0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xed
};
static const unsigned char ed_d[32] = {
	0x52, 0x03, 0x6c, 0xee, 0x2b, 0x6f, 0xfe, 0x73, 0x8c, 0xc7, 0x40, 0x79,
	0x77, 0x79, 0xe8, 0x98, 0x00, 0x70, 0x0a, 0x4d, 0x41, 0x41, 0xd8, 0xab,
	0x75, 0xeb, 0x4d, 0xca, 0x13, 0x59, 0x78, 0xa3
};
static const unsigned char ed_sqrtm1[32] = {
	0x2b, 0x83, 0x24, 0x80, 0x4f, 0xc1, 0xdf, 0x0b, 0x2b, 0x4d, 0x00, 0x99,
	0x3d, 0xfb, 0xd7, 0xa7, 0x2f, 0x43, 0x18, 0x06, 0xad, 0x2f, 0xe4, 0x78,
	0xc4, 0xee, 0x1b, 0x27, 0x4a, 0x0e, 0xa0, 0xb0
};
static const unsigned char ed_l[32] = {
	0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x14, 0xde, 0xf9, 0xde, 0xa2, 0xf7, 0x9c, 0xd6,
	0x58, 0x12, 0x63, 0x1a, 0x5c, 0xf5, 0xd3, 0xed
};

/* Reads a big-endian number of n limbs. */
static void
from_be(fe out, const unsigned char *b, int n)
{
	int i;

	memset(out, 0, sizeof(fe));
	for (i = 0; i < 4 * n; i++)
		out[i / 4] |= (uint32_t)b[4 * n - 1 - i] << (8 * (i % 4));
}

static void
to_be(unsigned char *b, const fe a, int n)
{
	int i;

	for (i = 0; i < 4 * n; i++)
		b[4 * n - 1 - i] = (unsigned char)(a[i / 4] >> (8 * (i % 4)));
}

static int
cmp(const fe a, const fe b, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

static bool
is_zero(const fe a, int n)
{
	uint32_t x = 0;
	int i;

	for (i = 0; i < n; i++)
		x |= a[i];
	return x == 0;
}

/* r = a - b over n limbs; returns the borrow. */
static uint32_t
sub_raw(fe r, const fe a, const fe b, int n)
{
	uint64_t t, borrow = 0;
	int i;

	for (i = 0; i < n; i++) {
		t = (uint64_t)a[i] - b[i] - borrow;
		r[i] = (uint32_t)t;
		borrow = t >> 63;
	}
	return (uint32_t)borrow;
}

/* r = a + b over n limbs; returns the carry. */
static uint32_t
add_raw(fe r, const fe a, const fe b, int n)
{
	uint64_t t, carry = 0;
	int i;

	for (i = 0; i < n; i++) {
		t = (uint64_t)a[i] + b[i] + carry;
		r[i] = (uint32_t)t;
		carry = t >> 32;
	}
	return (uint32_t)carry;
}

static void
add_mod(const struct field *f, fe r, const fe a, const fe b)
{
	uint32_t c = add_raw(r, a, b, f->n);

	if (c != 0 || cmp(r, f->p, f->n) >= 0)
		sub_raw(r, r, f->p, f->n);
}

static void
sub_mod(const struct field *f, fe r, const fe a, const fe b)
{
	if (sub_raw(r, a, b, f->n) != 0)
		add_raw(r, r, f->p, f->n);
}

/* r = a b R^-1 mod p (CIOS); r may be a or b. */
static void
mont_mul(const struct field *f, fe r, const fe a, const fe b)
{
	uint32_t t[LIMBS + 2], m;
	uint64_t c;
	int i, j, n = f->n;

	memset(t, 0, sizeof(t));
	for (i = 0; i < n; i++) {
		c = 0;
		for (j = 0; j < n; j++) {
			c += (uint64_t)a[j] * b[i] + t[j];
			t[j] = (uint32_t)c;
			c >>= 32;
		}
		c += t[n];
		t[n] = (uint32_t)c;
		t[n + 1] = (uint32_t)(c >> 32);
		m = t[0] * f->pinv;
		c = ((uint64_t)m * f->p[0] + t[0]) >> 32;
		for (j = 1; j < n; j++) {
			c += (uint64_t)m * f->p[j] + t[j];
			t[j - 1] = (uint32_t)c;
			c >>= 32;
		}
		c += t[n];
		t[n - 1] = (uint32_t)c;
		t[n] = t[n + 1] + (uint32_t)(c >> 32);
	}
	if (t[n] != 0 || cmp(t, f->p, n) >= 0)
		sub_raw(t, t, f->p, n);
	memset(r, 0, sizeof(fe));
	memcpy(r, t, (size_t)n * sizeof(uint32_t));
}

/* The field of the big-endian prime p (n limbs). */
static void
field_init(struct field *f, const unsigned char *p, int n)
{
	uint32_t x;
	int i;

	f->n = n;
	from_be(f->p, p, n);
	/* p^-1 mod 2^32 by Newton's iteration; each step doubles the bits. */
	x = f->p[0];
	for (i = 0; i < 5; i++)
		x *= 2 - f->p[0] * x;
	f->pinv = (uint32_t)0 - x;
	/* R^2 mod p: 1 doubled 2 * 32n times. */
	memset(f->r2, 0, sizeof(fe));
	f->r2[0] = 1;
	for (i = 0; i < 64 * n; i++)
		add_mod(f, f->r2, f->r2, f->r2);
}

static void
to_mont(const struct field *f, fe r, const fe a)
{
	mont_mul(f, r, a, f->r2);
}

static void
from_mont(const struct field *f, fe r, const fe a)
{
	fe one;

	memset(one, 0, sizeof(one));
	one[0] = 1;
	mont_mul(f, r, a, one);
}

/* r = a^e (Montgomery form in and out), e an n-limb number. */
static void
pow_mod(const struct field *f, fe r, const fe a, const fe e)
{
	fe acc, base;
	int i;

	memcpy(base, a, sizeof(fe));
	memset(acc, 0, sizeof(fe));
	acc[0] = 1;
	to_mont(f, acc, acc);
	for (i = 32 * f->n - 1; i >= 0; i--) {
		mont_mul(f, acc, acc, acc);
		if ((e[i / 32] >> (i % 32)) & 1)
			mont_mul(f, acc, acc, base);
	}
	memcpy(r, acc, sizeof(fe));
}

/* r = (p + add) >> shift, for the exponents of roots and inverses. */
static void
exponent(const struct field *f, fe r, int32_t add, int shift)
{
	fe k;
	int i;

	memset(k, 0, sizeof(k));
	memset(r, 0, sizeof(fe));
	if (add >= 0) {
		k[0] = (uint32_t)add;
		add_raw(r, f->p, k, f->n);
	} else {
		k[0] = (uint32_t)-add;
		sub_raw(r, f->p, k, f->n);
	}
	for (i = 0; shift > 0 && i < f->n; i++)
		r[i] = r[i] >> shift | (i + 1 < f->n ? r[i + 1] << (32 - shift) :
		    0);
}

/* rhs = x^3 - 3x + b (Montgomery form), x in Montgomery form. */
static void
nist_rhs(const struct field *f, fe rhs, const fe x, const fe b)
{
	fe t;

	mont_mul(f, rhs, x, x);
	mont_mul(f, rhs, rhs, x);
	add_mod(f, t, x, x);
	add_mod(f, t, t, x);
	sub_mod(f, rhs, rhs, t);
	add_mod(f, rhs, rhs, b);
}

/* The field and b of the curve with coordinates of coord bytes. */
static bool
nist_curve(struct field *f, fe b, size_t coord)
{
	if (coord != 32 && coord != 48)
		return false;
	field_init(f, coord == 32 ? p256_p : p384_p, (int)coord / 4);
	from_be(b, coord == 32 ? p256_b : p384_b, f->n);
	to_mont(f, b, b);
	return true;
}

bool
ecpt_nist_on_curve(size_t coord, const unsigned char *x,
    const unsigned char *y)
{
	struct field f;
	fe b, mx, my, lhs, rhs;

	if (!nist_curve(&f, b, coord))
		return false;
	from_be(mx, x, f.n);
	from_be(my, y, f.n);
	if (cmp(mx, f.p, f.n) >= 0 || cmp(my, f.p, f.n) >= 0)
		return false;
	to_mont(&f, mx, mx);
	to_mont(&f, my, my);
	mont_mul(&f, lhs, my, my);
	nist_rhs(&f, rhs, mx, b);
	return cmp(lhs, rhs, f.n) == 0;
}

int
ecpt_nist_decompress(unsigned char *out, size_t coord,
    const unsigned char *in, size_t inlen)
{
	struct field f;
	fe b, x, rhs, y, e, sq;

	if (!nist_curve(&f, b, coord) || inlen != coord + 1 ||
	    (in[0] != 0x02 && in[0] != 0x03))
		return -1;
	from_be(x, in + 1, f.n);
	if (cmp(x, f.p, f.n) >= 0)
		return -1;
	to_mont(&f, x, x);
	nist_rhs(&f, rhs, x, b);
	/* Both primes are 3 mod 4: y = rhs^((p + 1) / 4). */
	exponent(&f, e, 1, 2);
	pow_mod(&f, y, rhs, e);
	mont_mul(&f, sq, y, y);
	if (cmp(sq, rhs, f.n) != 0)
		return -1;
	from_mont(&f, y, y);
	/* The other root, p - y, when the parity differs (sig.c does so). */
	if ((y[0] & 1) != (in[0] & 1u))
		sub_raw(y, f.p, y, f.n);
	out[0] = 0x04;
	memcpy(out + 1, in + 1, coord);
	to_be(out + 1 + coord, y, f.n);
	return 0;
}

/* An Ed25519 point in extended coordinates (Montgomery form). */
struct edpt {
	fe	 x, y, z, t;
};

/*
 * r = p + q on -x^2 + y^2 = 1 + d x^2 y^2 (RFC 8032 5.1.4); complete,
 * so it doubles too.  d2 is 2d.
 */
static void
ed_add(const struct field *f, struct edpt *r, const struct edpt *p,
    const struct edpt *q, const fe d2)
{
	fe a, b, c, d, e, ff, g, h, t;

	sub_mod(f, a, p->y, p->x);
	sub_mod(f, t, q->y, q->x);
	mont_mul(f, a, a, t);
	add_mod(f, b, p->y, p->x);
	add_mod(f, t, q->y, q->x);
	mont_mul(f, b, b, t);
	mont_mul(f, c, p->t, d2);
	mont_mul(f, c, c, q->t);
	mont_mul(f, d, p->z, q->z);
	add_mod(f, d, d, d);
	sub_mod(f, e, b, a);
	sub_mod(f, ff, d, c);
	add_mod(f, g, d, c);
	add_mod(f, h, b, a);
	mont_mul(f, r->x, e, ff);
	mont_mul(f, r->y, g, h);
	mont_mul(f, r->t, e, h);
	mont_mul(f, r->z, ff, g);
}

/* Whether y (32 little-endian bytes, sign bit cleared) is below p. */
static bool
ed_canonical(const unsigned char s[32])
{
	int i;

	if ((s[31] & 0x7f) != 0x7f)
		return true;
	for (i = 30; i > 0; i--)
		if (s[i] != 0xff)
			return true;
	return s[0] < 0xed;
}

/* The y of the points of small order, and p and p + 1 (little-endian). */
static const unsigned char ed_small[7][32] = {
	{ 0 },
	{ 1 },
	{ 0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4,
	  0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6,
	  0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05 },
	{ 0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b,
	  0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39,
	  0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a },
	{ 0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },
	{ 0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },
	{ 0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f }
};

bool
ecpt_ed25519_small_order(const unsigned char s[32])
{
	size_t i;

	for (i = 0; i < sizeof(ed_small) / sizeof(ed_small[0]); i++)
		if (memcmp(s, ed_small[i], 31) == 0 &&
		    (s[31] & 0x7f) == ed_small[i][31])
			return true;
	return false;
}

bool
ecpt_ed25519_valid(const unsigned char s[32])
{
	unsigned char be[32];
	struct field f;
	struct edpt pt, acc;
	fe one, d, d2, sqrtm1, y, u, v, a, e, x, sq, l;
	int i;

	if (!ed_canonical(s))
		return false;
	field_init(&f, ed_p, 8);
	for (i = 0; i < 32; i++)
		be[i] = s[31 - i];
	be[0] &= 0x7f;
	from_be(y, be, 8);
	/* Small order: y is 0, 1, -1 or one of the two of order 8. */
	if (ecpt_ed25519_small_order(s))
		return false;
	memset(one, 0, sizeof(one));
	one[0] = 1;
	/* x^2 = (y^2 - 1) / (d y^2 + 1): a square, or no point. */
	to_mont(&f, one, one);
	from_be(d, ed_d, 8);
	to_mont(&f, d, d);
	add_mod(&f, d2, d, d);
	from_be(sqrtm1, ed_sqrtm1, 8);
	to_mont(&f, sqrtm1, sqrtm1);
	to_mont(&f, y, y);
	mont_mul(&f, u, y, y);
	mont_mul(&f, v, u, d);
	sub_mod(&f, u, u, one);
	add_mod(&f, v, v, one);
	exponent(&f, e, -2, 0);
	pow_mod(&f, v, v, e);
	mont_mul(&f, a, u, v);
	exponent(&f, e, 3, 3);
	pow_mod(&f, x, a, e);
	mont_mul(&f, sq, x, x);
	if (cmp(sq, a, 8) != 0) {
		mont_mul(&f, x, x, sqrtm1);
		mont_mul(&f, sq, x, x);
		if (cmp(sq, a, 8) != 0)
			return false;
	}
	/* In the subgroup of order L: [L]P is the neutral point. */
	memcpy(pt.x, x, sizeof(fe));
	memcpy(pt.y, y, sizeof(fe));
	memcpy(pt.z, one, sizeof(fe));
	mont_mul(&f, pt.t, x, y);
	memset(&acc, 0, sizeof(acc));
	memcpy(acc.y, one, sizeof(fe));
	memcpy(acc.z, one, sizeof(fe));
	from_be(l, ed_l, 8);
	for (i = 252; i >= 0; i--) {
		ed_add(&f, &acc, &acc, &acc, d2);
		if ((l[i / 32] >> (i % 32)) & 1)
			ed_add(&f, &acc, &acc, &pt, d2);
	}
	return is_zero(acc.x, 8) && cmp(acc.y, acc.z, 8) == 0;
}
