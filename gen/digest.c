/*
 * digest.c - SHA-2 (FIPS 180-4) and MD5 (RFC 1321) in plain C (see
 * digest.h).  Straight from the standards: no tables but the constants,
 * no unrolling; what they hash is small (canonical N-Quads, JWS signing
 * inputs, identity hashes).
 */
#include <stdbool.h>
#include <string.h>

#include "digest.h"

static const uint32_t k256[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

static const uint64_t k512[80] = {
	0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL,
	0xe9b5dba58189dbbcULL, 0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL,
	0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL, 0xd807aa98a3030242ULL,
	0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
	0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL,
	0xc19bf174cf692694ULL, 0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL,
	0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL, 0x2de92c6f592b0275ULL,
	0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
	0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL,
	0xbf597fc7beef0ee4ULL, 0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
	0x06ca6351e003826fULL, 0x142929670a0e6e70ULL, 0x27b70a8546d22ffcULL,
	0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
	0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL,
	0x92722c851482353bULL, 0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL,
	0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL, 0xd192e819d6ef5218ULL,
	0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
	0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL,
	0x34b0bcb5e19b48a8ULL, 0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL,
	0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL, 0x748f82ee5defb2fcULL,
	0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
	0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL,
	0xc67178f2e372532bULL, 0xca273eceea26619cULL, 0xd186b8c721c0c207ULL,
	0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL, 0x06f067aa72176fbaULL,
	0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
	0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL,
	0x431d67c49c100d4cULL, 0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL,
	0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL
};

static uint32_t
ror32(uint32_t x, int n)
{
	return x >> n | x << (32 - n);
}

static uint64_t
ror64(uint64_t x, int n)
{
	return x >> n | x << (64 - n);
}

static void
block256(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, k, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 64; i++)
		w[i] = (ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^
		    w[i - 2] >> 10) + w[i - 7] + (ror32(w[i - 15], 7) ^
		    ror32(w[i - 15], 18) ^ w[i - 15] >> 3) + w[i - 16];
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; k = h[7];
	for (i = 0; i < 64; i++) {
		t1 = k + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
		    ((e & f) ^ (~e & g)) + k256[i] + w[i];
		t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
		    ((a & b) ^ (a & c) ^ (b & c));
		k = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void
block512(uint64_t h[8], const unsigned char *p)
{
	uint64_t w[80], a, b, c, d, e, f, g, k, t1, t2;
	int i, j;

	for (i = 0; i < 16; i++)
		for (w[i] = 0, j = 0; j < 8; j++)
			w[i] = w[i] << 8 | p[8 * i + j];
	for (; i < 80; i++)
		w[i] = (ror64(w[i - 2], 19) ^ ror64(w[i - 2], 61) ^
		    w[i - 2] >> 6) + w[i - 7] + (ror64(w[i - 15], 1) ^
		    ror64(w[i - 15], 8) ^ w[i - 15] >> 7) + w[i - 16];
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; k = h[7];
	for (i = 0; i < 80; i++) {
		t1 = k + (ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41)) +
		    ((e & f) ^ (~e & g)) + k512[i] + w[i];
		t2 = (ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39)) +
		    ((a & b) ^ (a & c) ^ (b & c));
		k = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

void
digest256_init(struct digest256 *s)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memcpy(s->h, iv, sizeof(iv));
	s->bytes = 0;
	s->used = 0;
}

/*
 * Feeds n bytes at p into block (size bytes, *used filled), calling fn
 * on h for every block filled.
 */
static void
feed(unsigned char *block, size_t size, size_t *used, const void *p,
    size_t n, void (*fn)(void *, const unsigned char *), void *h)
{
	const unsigned char *b = p;
	size_t k;

	while (n > 0) {
		k = size - *used < n ? size - *used : n;
		memcpy(block + *used, b, k);
		*used += k;
		b += k;
		n -= k;
		if (*used == size) {
			fn(h, block);
			*used = 0;
		}
	}
}

static void
call256(void *h, const unsigned char *p)
{
	block256(h, p);
}

static void
call512(void *h, const unsigned char *p)
{
	block512(h, p);
}

void
digest256_update(struct digest256 *s, const void *p, size_t n)
{
	s->bytes += n;
	feed(s->block, sizeof(s->block), &s->used, p, n, call256, s->h);
}

/* The padding of MD5 and SHA-256: 0x80, zeros, the length in bits. */
static void
pad64(unsigned char block[64], size_t used, uint64_t bits, bool big,
    void (*fn)(void *, const unsigned char *), void *arg)
{
	int i;

	block[used++] = 0x80;
	if (used > 56) {
		memset(block + used, 0, 64 - used);
		fn(arg, block);
		used = 0;
	}
	memset(block + used, 0, 56 - used);
	for (i = 0; i < 8; i++)
		block[56 + i] = (unsigned char)(big ? bits >> (56 - 8 * i) :
		    bits >> (8 * i));
	fn(arg, block);
}

void
digest256_final(struct digest256 *s, unsigned char out[32])
{
	int i;

	pad64(s->block, s->used, s->bytes * 8, true, call256, s->h);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void
digest512_init(struct digest512 *s, size_t outlen)
{
	static const uint64_t iv512[8] = {
		0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL,
		0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
		0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
		0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL
	};
	static const uint64_t iv384[8] = {
		0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL,
		0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
		0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL,
		0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL
	};

	s->outlen = outlen == 48 ? 48 : 64;
	memcpy(s->h, s->outlen == 48 ? iv384 : iv512, sizeof(s->h));
	s->bytes = 0;
	s->used = 0;
}

void
digest512_update(struct digest512 *s, const void *p, size_t n)
{
	s->bytes += n;
	feed(s->block, sizeof(s->block), &s->used, p, n, call512, s->h);
}

void
digest512_final(struct digest512 *s, unsigned char *out)
{
	uint64_t bits = s->bytes * 8;
	size_t i;

	s->block[s->used++] = 0x80;
	if (s->used > 112) {
		memset(s->block + s->used, 0, 128 - s->used);
		block512(s->h, s->block);
		s->used = 0;
	}
	/* A 128-bit length: the upper half holds what 64 bits lose. */
	memset(s->block + s->used, 0, 128 - s->used);
	s->block[119] = (unsigned char)(s->bytes >> 61);
	for (i = 0; i < 8; i++)
		s->block[120 + i] = (unsigned char)(bits >> (56 - 8 * i));
	block512(s->h, s->block);
	for (i = 0; i < s->outlen; i++)
		out[i] = (unsigned char)(s->h[i / 8] >> (56 - 8 * (i % 8)));
}

void
digest_sha256(unsigned char out[32], const void *p, size_t n)
{
	struct digest256 s;

	digest256_init(&s);
	digest256_update(&s, p, n);
	digest256_final(&s, out);
}

void
digest_sha384(unsigned char out[48], const void *p, size_t n)
{
	struct digest512 s;

	digest512_init(&s, 48);
	digest512_update(&s, p, n);
	digest512_final(&s, out);
}

void
digest_sha512(unsigned char out[64], const void *p, size_t n)
{
	struct digest512 s;

	digest512_init(&s, 64);
	digest512_update(&s, p, n);
	digest512_final(&s, out);
}

/* MD5: the four rounds of RFC 1321 over one block. */
static void
block_md5(void *arg, const unsigned char *p)
{
	static const uint32_t t[64] = {
		0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf,
		0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af,
		0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e,
		0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa,
		0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6,
		0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
		0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
		0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
		0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039,
		0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97,
		0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d,
		0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
		0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391
	};
	static const int r[16] = {
		7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21
	};
	uint32_t *h = arg, x[16], a = h[0], b = h[1], c = h[2], d = h[3];
	uint32_t f, tmp;
	int i, g;

	for (i = 0; i < 16; i++)
		x[i] = p[4 * i] | (uint32_t)p[4 * i + 1] << 8 |
		    (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
	for (i = 0; i < 64; i++) {
		if (i < 16) {
			f = (b & c) | (~b & d);
			g = i;
		} else if (i < 32) {
			f = (d & b) | (~d & c);
			g = (5 * i + 1) % 16;
		} else if (i < 48) {
			f = b ^ c ^ d;
			g = (3 * i + 5) % 16;
		} else {
			f = c ^ (b | ~d);
			g = 7 * i % 16;
		}
		tmp = d;
		d = c;
		c = b;
		f += a + t[i] + x[g];
		b += f << r[i / 16 * 4 + i % 4] |
		    f >> (32 - r[i / 16 * 4 + i % 4]);
		a = tmp;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
}

void
digest_md5(unsigned char out[16], const void *p, size_t n)
{
	uint32_t h[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
	const unsigned char *b = p;
	unsigned char block[64];
	size_t left = n;
	int i;

	for (; left >= 64; left -= 64, b += 64)
		block_md5(h, b);
	memcpy(block, b, left);
	pad64(block, left, (uint64_t)n * 8, false, block_md5, h);
	for (i = 0; i < 16; i++)
		out[i] = (unsigned char)(h[i / 4] >> (8 * (i % 4)));
}
