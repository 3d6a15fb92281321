/*
 * card.c - the share card: decode the badge PNG (libpng), scale it,
 * composite it on the background and write an RGB PNG (zlib).
 *
 * Scaling is separable and works on premultiplied alpha, so transparent
 * pixels lend no colour to their neighbours: an area average (box
 * filter) when shrinking, bilinear when enlarging.  Weights are fixed
 * point (they sum to exactly 1 << WBITS per output pixel) and all pixel
 * arithmetic is integer, so the same input gives the same bytes.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <zlib.h>

#include "card.h"
#include "pngchunk.h"

#define MAX_SIDE	4096		/* largest badge image accepted */
#define BOX_W		560		/* the badge fits in BOX_W x BOX_H */
#define BOX_H		400
#define BOX_CX		330		/* centre of that box on the card */
#define BOX_CY		300
#define BAND_H		30		/* the accent band at the bottom */
#define WBITS		14

/* badgegen.css, light palette: --panel and --accent. */
static const unsigned char bg_rgb[3] = { 0xf4, 0xf5, 0xf7 };
static const unsigned char band_rgb[3] = { 0x0b, 0x4f, 0x9c };

/* The source pixels that make one output pixel, with their weights. */
struct taps {
	int	 first;		/* first source index */
	int	 n;		/* how many */
	int32_t	*w;		/* n weights, summing to 1 << WBITS */
};

static void
taps_free(struct taps *t, int n)
{
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < n; i++)
		free(t[i].w);
	free(t);
}

/*
 * Weights for scaling src samples to dst: the overlap of each source
 * pixel with the output pixel's footprint when shrinking, the two
 * nearest pixel centres when enlarging (edges clamped).
 */
static struct taps *
taps_new(int src, int dst)
{
	struct taps *t = xcalloc((size_t)dst, sizeof(*t));
	double s = (double)src / dst, lo, hi, c, f, sum, *dw;
	int32_t isum, best;
	int i, j, k, kbest;

	dw = xcalloc((size_t)src + 2, sizeof(*dw));
	for (i = 0; i < dst; i++) {
		if (s >= 1.0) {
			lo = i * s;
			hi = (i + 1) * s;
			t[i].first = (int)floor(lo);
			k = (int)ceil(hi);
			if (k > src)
				k = src;
			t[i].n = k - t[i].first;
			for (j = 0; j < t[i].n; j++) {
				double a = t[i].first + j, b = a + 1;

				dw[j] = (b < hi ? b : hi) - (a > lo ? a : lo);
				if (dw[j] < 0)
					dw[j] = 0;
			}
		} else {
			c = (i + 0.5) * s - 0.5;
			if (c < 0)
				c = 0;
			if (c > src - 1)
				c = src - 1;
			t[i].first = (int)floor(c);
			f = c - t[i].first;
			if (t[i].first + 1 < src) {
				t[i].n = 2;
				dw[0] = 1 - f;
				dw[1] = f;
			} else {
				t[i].n = 1;
				dw[0] = 1;
			}
		}
		sum = 0;
		for (j = 0; j < t[i].n; j++)
			sum += dw[j];
		t[i].w = xcalloc((size_t)t[i].n, sizeof(*t[i].w));
		isum = 0;
		best = -1;
		kbest = 0;
		for (j = 0; j < t[i].n; j++) {
			t[i].w[j] = (int32_t)lround(dw[j] / sum *
			    (1 << WBITS));
			isum += t[i].w[j];
			if (t[i].w[j] > best) {
				best = t[i].w[j];
				kbest = j;
			}
		}
		t[i].w[kbest] += (1 << WBITS) - isum;
	}
	free(dw);
	return t;
}

/*
 * Scales 8-bit RGBA from sw x sh to dw x dh, premultiplying on the way:
 * the result holds colour * alpha and alpha * 255, all 0..65025.
 * Returns a new array of dw * dh * 4 values; caller frees.
 */
static int32_t *
scale(const unsigned char *src, int sw, int sh, int dw, int dh)
{
	struct taps *tx = taps_new(sw, dw), *ty = taps_new(sh, dh);
	int32_t *mid = xcalloc((size_t)dw * sh * 4, sizeof(*mid));
	int32_t *dst = xcalloc((size_t)dw * dh * 4, sizeof(*dst));
	const unsigned char *q;
	const int32_t *p;
	int64_t acc[4];
	int x, y, j, c;

	for (y = 0; y < sh; y++)
		for (x = 0; x < dw; x++) {
			memset(acc, 0, sizeof(acc));
			for (j = 0; j < tx[x].n; j++) {
				q = src + ((size_t)y * sw + tx[x].first + j) * 4;
				for (c = 0; c < 3; c++)
					acc[c] += (int64_t)tx[x].w[j] *
					    (q[c] * q[3]);
				acc[3] += (int64_t)tx[x].w[j] * (q[3] * 255);
			}
			for (c = 0; c < 4; c++)
				mid[((size_t)y * dw + x) * 4 + c] = (int32_t)
				    ((acc[c] + (1 << (WBITS - 1))) >> WBITS);
		}
	for (y = 0; y < dh; y++)
		for (x = 0; x < dw; x++) {
			memset(acc, 0, sizeof(acc));
			for (j = 0; j < ty[y].n; j++) {
				p = mid + ((size_t)(ty[y].first + j) * dw + x) * 4;
				for (c = 0; c < 4; c++)
					acc[c] += (int64_t)ty[y].w[j] * p[c];
			}
			for (c = 0; c < 4; c++)
				dst[((size_t)y * dw + x) * 4 + c] = (int32_t)
				    ((acc[c] + (1 << (WBITS - 1))) >> WBITS);
		}
	taps_free(tx, dw);
	taps_free(ty, dh);
	free(mid);
	return dst;
}

/* Decodes a PNG into 8-bit sRGB RGBA.  Returns pixels (caller frees). */
static unsigned char *
decode(const char *png, size_t len, int *w, int *h, struct diag *d)
{
	png_image img;
	unsigned char *px;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (len < 8 || png_sig_cmp((png_const_bytep)png, 0, 8) != 0) {
		diag_err(d, "badge image: not a PNG file");
		return NULL;
	}
	if (!png_image_begin_read_from_memory(&img, png, len)) {
		diag_err(d, "badge image: damaged PNG: %s", img.message);
		png_image_free(&img);
		return NULL;
	}
	if (img.width == 0 || img.height == 0 || img.width > MAX_SIDE ||
	    img.height > MAX_SIDE) {
		diag_err(d, "badge image: %ux%u pixels is too large for a "
		    "share card (at most %dx%d)", (unsigned)img.width,
		    (unsigned)img.height, MAX_SIDE, MAX_SIDE);
		png_image_free(&img);
		return NULL;
	}
	img.format = PNG_FORMAT_RGBA;
	px = xmalloc(PNG_IMAGE_SIZE(img));
	if (!png_image_finish_read(&img, NULL, px, 0, NULL)) {
		diag_err(d, "badge image: damaged PNG: %s", img.message);
		png_image_free(&img);
		free(px);
		return NULL;
	}
	*w = (int)img.width;
	*h = (int)img.height;
	png_image_free(&img);
	return px;
}

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int
paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	if (pa <= pb && pa <= pc)
		return a;
	return pb <= pc ? b : c;
}

/*
 * Filters one row (stride bytes, 3 bytes a pixel) into f (1 + stride
 * bytes) with the filter of least sum of absolute differences, the
 * usual heuristic.
 */
static void
filter_row(unsigned char *f, const unsigned char *row,
    const unsigned char *prev, size_t stride)
{
	unsigned char *cand = xmalloc(stride);
	unsigned long sum, best = ULONG_MAX;
	size_t i;
	int t, a, b, c, v;

	for (t = 0; t < 5; t++) {
		sum = 0;
		for (i = 0; i < stride; i++) {
			a = i >= 3 ? row[i - 3] : 0;
			b = prev != NULL ? prev[i] : 0;
			c = i >= 3 && prev != NULL ? prev[i - 3] : 0;
			switch (t) {
			case 0: v = 0; break;
			case 1: v = a; break;
			case 2: v = b; break;
			case 3: v = (a + b) / 2; break;
			default: v = paeth(a, b, c); break;
			}
			cand[i] = (unsigned char)(row[i] - v);
			sum += cand[i] < 128 ? cand[i] : 256 - cand[i];
		}
		if (sum < best) {
			best = sum;
			f[0] = (unsigned char)t;
			memcpy(f + 1, cand, stride);
		}
	}
	free(cand);
}

/* Writes RGB pixels (w x h) as a PNG: IHDR, one IDAT, IEND. */
static int
write_png(struct buf *out, const unsigned char *rgb, int w, int h,
    struct diag *d)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	size_t stride = (size_t)w * 3, rawlen = (size_t)h * (stride + 1);
	unsigned char ihdr[13], *raw, *z = NULL;
	z_stream zs;
	uLong zlen;
	int y, rc = -1;

	raw = xmalloc(rawlen);
	for (y = 0; y < h; y++)
		filter_row(raw + (size_t)y * (stride + 1),
		    rgb + (size_t)y * stride,
		    y > 0 ? rgb + (size_t)(y - 1) * stride : NULL, stride);
	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 9, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK) {
		diag_err(d, "share card: zlib: cannot start compression");
		goto out;
	}
	zlen = deflateBound(&zs, (uLong)rawlen);
	z = xmalloc(zlen);
	zs.next_in = raw;
	zs.avail_in = (uInt)rawlen;
	zs.next_out = z;
	zs.avail_out = (uInt)zlen;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&zs);
		diag_err(d, "share card: zlib: compression failed");
		goto out;
	}
	zlen = zs.total_out;
	deflateEnd(&zs);
	put_be32(ihdr, (uint32_t)w);
	put_be32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;		/* bit depth */
	ihdr[9] = 2;		/* truecolour */
	ihdr[10] = 0;		/* deflate */
	ihdr[11] = 0;		/* adaptive filtering */
	ihdr[12] = 0;		/* no interlace */
	buf_put(out, sig, sizeof(sig));
	pngchunk_put(out, "IHDR", ihdr, sizeof(ihdr));
	pngchunk_put(out, "IDAT", z, zlen);
	pngchunk_put(out, "IEND", NULL, 0);
	rc = 0;
out:
	free(raw);
	free(z);
	return rc;
}

int
card_render(struct buf *out, const char *png, size_t len, struct diag *d)
{
	unsigned char *src, *rgb = NULL, *q;
	int32_t *sc = NULL, *p;
	double f;
	int sw, sh, dw, dh, x0, y0, x, y, c, rc = -1;

	if ((src = decode(png, len, &sw, &sh, d)) == NULL)
		return -1;
	f = (double)BOX_W / sw < (double)BOX_H / sh ? (double)BOX_W / sw :
	    (double)BOX_H / sh;
	dw = (int)lround(sw * f);
	dh = (int)lround(sh * f);
	if (dw < 1)
		dw = 1;
	if (dh < 1)
		dh = 1;
	sc = scale(src, sw, sh, dw, dh);

	rgb = xmalloc((size_t)CARD_WIDTH * CARD_HEIGHT * 3);
	for (y = 0; y < CARD_HEIGHT; y++)
		for (x = 0; x < CARD_WIDTH; x++)
			memcpy(rgb + ((size_t)y * CARD_WIDTH + x) * 3,
			    y >= CARD_HEIGHT - BAND_H ? band_rgb : bg_rgb, 3);
	x0 = BOX_CX - dw / 2;
	y0 = BOX_CY - dh / 2;
	for (y = 0; y < dh; y++)
		for (x = 0; x < dw; x++) {
			p = sc + ((size_t)y * dw + x) * 4;
			q = rgb + ((size_t)(y0 + y) * CARD_WIDTH + x0 + x) * 3;
			/* (colour * alpha * 255 + bg * (65025 - alpha * 255))
			 * / 65025, rounded. */
			for (c = 0; c < 3; c++) {
				int64_t v = (int64_t)p[c] * 255 +
				    (int64_t)q[c] * (65025 - p[3]);

				v = (v + 65025 / 2) / 65025;
				q[c] = (unsigned char)(v < 0 ? 0 :
				    v > 255 ? 255 : v);
			}
		}
	rc = write_png(out, rgb, CARD_WIDTH, CARD_HEIGHT, d);
	free(rgb);
	free(sc);
	free(src);
	return rc;
}
