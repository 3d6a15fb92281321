/*
 * inflate.c - DEFLATE (RFC 1951) in zlib (RFC 1950) or GZIP (RFC 1952)
 * wrapping, bounded, in plain C (see inflate.h).
 *
 * The same code runs in badgegen and in the WebAssembly verifier, where
 * zlib is not at hand.  It accepts what zlib's inflate() accepts with a
 * 32 KB window (windowBits 15, or 31 for GZIP) and refuses the rest
 * with zlib's reasons: a reserved block type, stored lengths that do
 * not match, over-subscribed or incomplete codes (a code of a single
 * one-bit length excepted, as zlib does), missing end-of-block codes,
 * distances before the start, bad header checks, flags, header CRC,
 * CRC-32, Adler-32 or length.  Decoding is puff's (zlib's contrib/puff):
 * canonical codes read one bit at a time, which is slower than zlib's
 * tables and fast enough for status lists and baked text.
 */
#include <stdint.h>
#include <string.h>

#include "inflate.h"

#define MAXBITS		15	/* longest code */
#define MAXLCODES	286	/* literal/length codes of a dynamic block */
#define MAXDCODES	30	/* distance codes of a dynamic block */
#define FIXLCODES	288	/* literal/length codes of the fixed code */

/* A canonical Huffman code: codes per length, symbols in code order. */
struct huff {
	short	 count[MAXBITS + 1];
	short	 symbol[FIXLCODES];
};

struct state {
	const unsigned char *in;
	size_t		 len, pos;	/* input and the next byte of it */
	uint32_t	 bitbuf;	/* bits not used yet, LSB first */
	int		 bitcnt;
	struct buf	*out;
	size_t		 start;		/* where this stream's output starts */
	size_t		 max;		/* the bound on it */
};

/* The CRC-32 table of ISO 3309 (polynomial 0xedb88320, reflected). */
static const uint32_t crc_table[256] = {
	0x00000000, 0x77073096, 0xee0e612c, 0x990951ba, 0x076dc419, 0x706af48f,
	0xe963a535, 0x9e6495a3, 0x0edb8832, 0x79dcb8a4, 0xe0d5e91e, 0x97d2d988,
	0x09b64c2b, 0x7eb17cbd, 0xe7b82d07, 0x90bf1d91, 0x1db71064, 0x6ab020f2,
	0xf3b97148, 0x84be41de, 0x1adad47d, 0x6ddde4eb, 0xf4d4b551, 0x83d385c7,
	0x136c9856, 0x646ba8c0, 0xfd62f97a, 0x8a65c9ec, 0x14015c4f, 0x63066cd9,
	0xfa0f3d63, 0x8d080df5, 0x3b6e20c8, 0x4c69105e, 0xd56041e4, 0xa2677172,
	0x3c03e4d1, 0x4b04d447, 0xd20d85fd, 0xa50ab56b, 0x35b5a8fa, 0x42b2986c,
	0xdbbbc9d6, 0xacbcf940, 0x32d86ce3, 0x45df5c75, 0xdcd60dcf, 0xabd13d59,
	0x26d930ac, 0x51de003a, 0xc8d75180, 0xbfd06116, 0x21b4f4b5, 0x56b3c423,
	0xcfba9599, 0xb8bda50f, 0x2802b89e, 0x5f058808, 0xc60cd9b2, 0xb10be924,
	0x2f6f7c87, 0x58684c11, 0xc1611dab, 0xb6662d3d, 0x76dc4190, 0x01db7106,
	0x98d220bc, 0xefd5102a, 0x71b18589, 0x06b6b51f, 0x9fbfe4a5, 0xe8b8d433,
	0x7807c9a2, 0x0f00f934, 0x9609a88e, 0xe10e9818, 0x7f6a0dbb, 0x086d3d2d,
	0x91646c97, 0xe6635c01, 0x6b6b51f4, 0x1c6c6162, 0x856530d8, 0xf262004e,
	0x6c0695ed, 0x1b01a57b, 0x8208f4c1, 0xf50fc457, 0x65b0d9c6, 0x12b7e950,
	0x8bbeb8ea, 0xfcb9887c, 0x62dd1ddf, 0x15da2d49, 0x8cd37cf3, 0xfbd44c65,
	0x4db26158, 0x3ab551ce, 0xa3bc0074, 0xd4bb30e2, 0x4adfa541, 0x3dd895d7,
	0xa4d1c46d, 0xd3d6f4fb, 0x4369e96a, 0x346ed9fc, 0xad678846, 0xda60b8d0,
	0x44042d73, 0x33031de5, 0xaa0a4c5f, 0xdd0d7cc9, 0x5005713c, 0x270241aa,
	0xbe0b1010, 0xc90c2086, 0x5768b525, 0x206f85b3, 0xb966d409, 0xce61e49f,
	0x5edef90e, 0x29d9c998, 0xb0d09822, 0xc7d7a8b4, 0x59b33d17, 0x2eb40d81,
	0xb7bd5c3b, 0xc0ba6cad, 0xedb88320, 0x9abfb3b6, 0x03b6e20c, 0x74b1d29a,
	0xead54739, 0x9dd277af, 0x04db2615, 0x73dc1683, 0xe3630b12, 0x94643b84,
	0x0d6d6a3e, 0x7a6a5aa8, 0xe40ecf0b, 0x9309ff9d, 0x0a00ae27, 0x7d079eb1,
	0xf00f9344, 0x8708a3d2, 0x1e01f268, 0x6906c2fe, 0xf762575d, 0x806567cb,
	0x196c3671, 0x6e6b06e7, 0xfed41b76, 0x89d32be0, 0x10da7a5a, 0x67dd4acc,
	0xf9b9df6f, 0x8ebeeff9, 0x17b7be43, 0x60b08ed5, 0xd6d6a3e8, 0xa1d1937e,
	0x38d8c2c4, 0x4fdff252, 0xd1bb67f1, 0xa6bc5767, 0x3fb506dd, 0x48b2364b,
	0xd80d2bda, 0xaf0a1b4c, 0x36034af6, 0x41047a60, 0xdf60efc3, 0xa867df55,
	0x316e8eef, 0x4669be79, 0xcb61b38c, 0xbc66831a, 0x256fd2a0, 0x5268e236,
	0xcc0c7795, 0xbb0b4703, 0x220216b9, 0x5505262f, 0xc5ba3bbe, 0xb2bd0b28,
	0x2bb45a92, 0x5cb36a04, 0xc2d7ffa7, 0xb5d0cf31, 0x2cd99e8b, 0x5bdeae1d,
	0x9b64c2b0, 0xec63f226, 0x756aa39c, 0x026d930a, 0x9c0906a9, 0xeb0e363f,
	0x72076785, 0x05005713, 0x95bf4a82, 0xe2b87a14, 0x7bb12bae, 0x0cb61b38,
	0x92d28e9b, 0xe5d5be0d, 0x7cdcefb7, 0x0bdbdf21, 0x86d3d2d4, 0xf1d4e242,
	0x68ddb3f8, 0x1fda836e, 0x81be16cd, 0xf6b9265b, 0x6fb077e1, 0x18b74777,
	0x88085ae6, 0xff0f6a70, 0x66063bca, 0x11010b5c, 0x8f659eff, 0xf862ae69,
	0x616bffd3, 0x166ccf45, 0xa00ae278, 0xd70dd2ee, 0x4e048354, 0x3903b3c2,
	0xa7672661, 0xd06016f7, 0x4969474d, 0x3e6e77db, 0xaed16a4a, 0xd9d65adc,
	0x40df0b66, 0x37d83bf0, 0xa9bcae53, 0xdebb9ec5, 0x47b2cf7f, 0x30b5ffe9,
	0xbdbdf21c, 0xcabac28a, 0x53b39330, 0x24b4a3a6, 0xbad03605, 0xcdd70693,
	0x54de5729, 0x23d967bf, 0xb3667a2e, 0xc4614ab8, 0x5d681b02, 0x2a6f2b94,
	0xb40bbe37, 0xc30c8ea1, 0x5a05df1b, 0x2d02ef8d
};

uint32_t
inflate_crc32(uint32_t crc, const void *p, size_t n)
{
	const unsigned char *b = p;

	crc = ~crc;
	while (n-- > 0)
		crc = crc_table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static uint32_t
adler32(const unsigned char *p, size_t n)
{
	uint32_t a = 1, b = 0;
	size_t k;

	while (n > 0) {
		/* 5552 bytes keep b below 2^32 before the modulo (zlib). */
		k = n < 5552 ? n : 5552;
		n -= k;
		while (k-- > 0) {
			a += *p++;
			b += a;
		}
		a %= 65521;
		b %= 65521;
	}
	return b << 16 | a;
}

/* Sets *v to the next n bits (n <= 16), LSB first. */
static int
bits(struct state *s, int n, unsigned *v)
{
	while (s->bitcnt < n) {
		if (s->pos == s->len)
			return INFLATE_ETRUNC;
		s->bitbuf |= (uint32_t)s->in[s->pos++] << s->bitcnt;
		s->bitcnt += 8;
	}
	*v = s->bitbuf & ((1u << n) - 1);
	s->bitbuf >>= n;
	s->bitcnt -= n;
	return 0;
}

/* The next byte of a header or trailer (whole bytes: no bits pending). */
static int
byte(struct state *s, unsigned *v)
{
	if (s->pos == s->len)
		return INFLATE_ETRUNC;
	*v = s->in[s->pos++];
	return 0;
}

/* Appends n bytes at p, within the bound. */
static int
emit(struct state *s, const void *p, size_t n)
{
	if (s->out->len - s->start + n > s->max)
		return INFLATE_ELIMIT;
	buf_put(s->out, p, n);
	return 0;
}

/*
 * Builds the code of lengths length[0..n).  Returns 0, or
 * INFLATE_EDATA for an over-subscribed code or an incomplete one that
 * zlib refuses (all but a single code of length 1, unless lencodes).
 * A code without symbols is accepted: decoding it fails.
 */
static int
construct(struct huff *h, const short *length, int n, bool lencodes)
{
	short offs[MAXBITS + 1];
	int sym, len, left, max = 0;

	memset(h->count, 0, sizeof(h->count));
	for (sym = 0; sym < n; sym++)
		h->count[length[sym]]++;
	for (len = 1; len <= MAXBITS; len++)
		if (h->count[len] != 0)
			max = len;
	if (max == 0)
		return 0;
	left = 1;
	for (len = 1; len <= MAXBITS; len++) {
		left <<= 1;
		left -= h->count[len];
		if (left < 0)
			return INFLATE_EDATA;
	}
	if (left > 0 && (lencodes || max != 1))
		return INFLATE_EDATA;
	offs[1] = 0;
	for (len = 1; len < MAXBITS; len++)
		offs[len + 1] = (short)(offs[len] + h->count[len]);
	for (sym = 0; sym < n; sym++)
		if (length[sym] != 0)
			h->symbol[offs[length[sym]]++] = (short)sym;
	return 0;
}

/* Decodes one symbol of code h into *sym. */
static int
decode(struct state *s, const struct huff *h, int *sym)
{
	int code = 0, first = 0, index = 0, len, count, rc;
	unsigned b;

	for (len = 1; len <= MAXBITS; len++) {
		if ((rc = bits(s, 1, &b)) != 0)
			return rc;
		code |= (int)b;
		count = h->count[len];
		if (code - count < first) {
			*sym = h->symbol[index + (code - first)];
			return 0;
		}
		index += count;
		first += count;
		first <<= 1;
		code <<= 1;
	}
	return INFLATE_EDATA;	/* a code the (incomplete) code lacks */
}

static const short len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258
};
static const short len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
};
static const short dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577
};
static const short dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
};

/* The literals and matches of a block, up to its end-of-block code. */
static int
codes(struct state *s, const struct huff *lencode, const struct huff *distcode)
{
	unsigned char lit;
	unsigned v;
	size_t dist, len, have, i;
	int sym, rc;

	for (;;) {
		if ((rc = decode(s, lencode, &sym)) != 0)
			return rc;
		if (sym < 256) {
			lit = (unsigned char)sym;
			if ((rc = emit(s, &lit, 1)) != 0)
				return rc;
			continue;
		}
		if (sym == 256)
			return 0;
		sym -= 257;
		if (sym >= 29)
			return INFLATE_EDATA;	/* 286 and 287 of the fixed code */
		if ((rc = bits(s, len_extra[sym], &v)) != 0)
			return rc;
		len = (size_t)len_base[sym] + v;
		if ((rc = decode(s, distcode, &sym)) != 0)
			return rc;
		if (sym >= 30)
			return INFLATE_EDATA;	/* 30 and 31 of the fixed code */
		if ((rc = bits(s, dist_extra[sym], &v)) != 0)
			return rc;
		dist = (size_t)dist_base[sym] + v;
		have = s->out->len - s->start;
		if (dist > have)
			return INFLATE_EDATA;	/* before the start */
		if (have + len > s->max)
			return INFLATE_ELIMIT;
		buf_grow(s->out, len);
		/* Byte by byte: the copy may overlap what it makes. */
		for (i = 0; i < len; i++)
			s->out->data[s->out->len + i] =
			    s->out->data[s->out->len + i - dist];
		s->out->len += len;
		s->out->data[s->out->len] = '\0';
	}
}

static int
stored(struct state *s)
{
	unsigned lo, hi, nlo, nhi;
	size_t n;
	int rc;

	s->bitbuf = 0;
	s->bitcnt = 0;
	if ((rc = byte(s, &lo)) != 0 || (rc = byte(s, &hi)) != 0 ||
	    (rc = byte(s, &nlo)) != 0 || (rc = byte(s, &nhi)) != 0)
		return rc;
	if ((lo ^ nlo) != 0xff || (hi ^ nhi) != 0xff)
		return INFLATE_EDATA;
	n = lo | hi << 8;
	if (s->len - s->pos < n) {
		/* What there is comes out, as zlib gives it. */
		if ((rc = emit(s, s->in + s->pos, s->len - s->pos)) != 0)
			return rc;
		s->pos = s->len;
		return INFLATE_ETRUNC;
	}
	if ((rc = emit(s, s->in + s->pos, n)) != 0)
		return rc;
	s->pos += n;
	return 0;
}

static int
fixed(struct state *s)
{
	short lengths[FIXLCODES];
	struct huff lencode, distcode;
	int sym;

	for (sym = 0; sym < 144; sym++)
		lengths[sym] = 8;
	for (; sym < 256; sym++)
		lengths[sym] = 9;
	for (; sym < 280; sym++)
		lengths[sym] = 7;
	for (; sym < FIXLCODES; sym++)
		lengths[sym] = 8;
	construct(&lencode, lengths, FIXLCODES, false);
	for (sym = 0; sym < 32; sym++)
		lengths[sym] = 5;
	construct(&distcode, lengths, 32, false);
	return codes(s, &lencode, &distcode);
}

static int
dynamic(struct state *s)
{
	static const short order[19] = {
		16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
	};
	short lengths[MAXLCODES + MAXDCODES];
	struct huff lencode, distcode;
	unsigned nlen, ndist, ncode, v;
	int index, sym, len, rc;

	if ((rc = bits(s, 5, &nlen)) != 0 || (rc = bits(s, 5, &ndist)) != 0 ||
	    (rc = bits(s, 4, &ncode)) != 0)
		return rc;
	nlen += 257;
	ndist += 1;
	ncode += 4;
	if (nlen > MAXLCODES || ndist > MAXDCODES)
		return INFLATE_EDATA;
	for (index = 0; index < (int)ncode; index++) {
		if ((rc = bits(s, 3, &v)) != 0)
			return rc;
		lengths[order[index]] = (short)v;
	}
	for (; index < 19; index++)
		lengths[order[index]] = 0;
	if ((rc = construct(&lencode, lengths, 19, true)) != 0)
		return rc;
	for (index = 0; index < (int)(nlen + ndist);) {
		if ((rc = decode(s, &lencode, &sym)) != 0)
			return rc;
		if (sym < 16) {
			lengths[index++] = (short)sym;
			continue;
		}
		len = 0;
		if (sym == 16) {
			if (index == 0)
				return INFLATE_EDATA;	/* nothing to repeat */
			len = lengths[index - 1];
			if ((rc = bits(s, 2, &v)) != 0)
				return rc;
			sym = 3 + (int)v;
		} else if (sym == 17) {
			if ((rc = bits(s, 3, &v)) != 0)
				return rc;
			sym = 3 + (int)v;
		} else {
			if ((rc = bits(s, 7, &v)) != 0)
				return rc;
			sym = 11 + (int)v;
		}
		if (index + sym > (int)(nlen + ndist))
			return INFLATE_EDATA;
		while (sym-- > 0)
			lengths[index++] = (short)len;
	}
	if (lengths[256] == 0)
		return INFLATE_EDATA;	/* no end-of-block code */
	if ((rc = construct(&lencode, lengths, (int)nlen, false)) != 0 ||
	    (rc = construct(&distcode, lengths + nlen, (int)ndist, false)) != 0)
		return rc;
	return codes(s, &lencode, &distcode);
}

/* The DEFLATE blocks, to the last one; whole bytes are left after. */
static int
blocks(struct state *s)
{
	unsigned last, type;
	int rc;

	do {
		if ((rc = bits(s, 1, &last)) != 0 ||
		    (rc = bits(s, 2, &type)) != 0)
			return rc;
		if (type == 0)
			rc = stored(s);
		else if (type == 1)
			rc = fixed(s);
		else if (type == 2)
			rc = dynamic(s);
		else
			rc = INFLATE_EDATA;
		if (rc != 0)
			return rc;
	} while (!last);
	s->bitbuf = 0;
	s->bitcnt = 0;
	return 0;
}

/* n bytes, little-endian (GZIP) or big-endian (zlib), into *v. */
static int
number(struct state *s, int n, bool big, uint32_t *v, struct buf *hdr)
{
	unsigned b;
	int i, rc;

	*v = 0;
	for (i = 0; i < n; i++) {
		if ((rc = byte(s, &b)) != 0)
			return rc;
		if (hdr != NULL)
			buf_putc(hdr, (int)b);
		*v = big ? *v << 8 | b : *v | (uint32_t)b << (8 * i);
	}
	return 0;
}

/* Skips a NUL-terminated header field, keeping its bytes in hdr. */
static int
zstring(struct state *s, struct buf *hdr)
{
	unsigned b;
	int rc;

	do {
		if ((rc = byte(s, &b)) != 0)
			return rc;
		buf_putc(hdr, (int)b);
	} while (b != 0);
	return 0;
}

/* The GZIP header (RFC 1952 section 2.3), kept in hdr for FHCRC. */
static int
gzip_header(struct state *s, struct buf *hdr)
{
	uint32_t v, xlen, crc;
	unsigned flg;
	int rc;

	if ((rc = number(s, 2, false, &v, hdr)) != 0)
		return rc;
	if (v != 0x8b1f)
		return INFLATE_EDATA;
	if ((rc = number(s, 2, false, &v, hdr)) != 0)
		return rc;
	if ((v & 0xff) != 8 || (v >> 8 & 0xe0) != 0)
		return INFLATE_EDATA;	/* method, reserved flags */
	flg = v >> 8;
	if ((rc = number(s, 4, false, &v, hdr)) != 0 ||	/* MTIME */
	    (rc = number(s, 2, false, &v, hdr)) != 0)		/* XFL, OS */
		return rc;
	if (flg & 4) {
		if ((rc = number(s, 2, false, &xlen, hdr)) != 0)
			return rc;
		while (xlen-- > 0)
			if ((rc = number(s, 1, false, &v, hdr)) != 0)
				return rc;
	}
	if ((flg & 8) && (rc = zstring(s, hdr)) != 0)
		return rc;
	if ((flg & 16) && (rc = zstring(s, hdr)) != 0)
		return rc;
	if (flg & 2) {
		crc = inflate_crc32(0, hdr->data, hdr->len);
		if ((rc = number(s, 2, false, &v, NULL)) != 0)
			return rc;
		if (v != (crc & 0xffff))
			return INFLATE_EDATA;
	}
	return 0;
}

/* The zlib header (RFC 1950 section 2.2): no preset dictionary. */
static int
zlib_header(struct state *s)
{
	uint32_t v;
	int rc;

	if ((rc = number(s, 2, true, &v, NULL)) != 0)
		return rc;
	if (v % 31 != 0 || (v >> 8 & 0x0f) != 8 || (v >> 12) > 7 ||
	    (v & 0x20) != 0)
		return INFLATE_EDATA;
	return 0;
}

int
inflate_bounded(struct buf *out, const void *in, size_t len, size_t max,
    enum inflate_format f)
{
	struct buf hdr = BUF_INIT;
	struct state s;
	uint32_t want, size;
	int rc;

	memset(&s, 0, sizeof(s));
	s.in = in;
	s.len = len;
	s.out = out;
	s.start = out->len;
	s.max = max;
	rc = f == INFLATE_GZIP ? gzip_header(&s, &hdr) : zlib_header(&s);
	buf_release(&hdr);
	if (rc == 0)
		rc = blocks(&s);
	if (rc != 0)
		return rc;
	if (f == INFLATE_GZIP) {
		if ((rc = number(&s, 4, false, &want, NULL)) != 0 ||
		    (rc = number(&s, 4, false, &size, NULL)) != 0)
			return rc;
		if (want != inflate_crc32(0, out->data + s.start,
		    out->len - s.start) ||
		    size != (uint32_t)(out->len - s.start))
			return INFLATE_EDATA;
		return 0;
	}
	if ((rc = number(&s, 4, true, &want, NULL)) != 0)
		return rc;
	return want == adler32((const unsigned char *)out->data + s.start,
	    out->len - s.start) ? 0 : INFLATE_EDATA;
}
