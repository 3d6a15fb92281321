/* t_card.c - the share card: size, bytes, compositing, bad input. */
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "card.h"
#include "harness.h"

/* A w x h RGBA PNG of one colour, made with libpng. */
static void
make_png(struct buf *out, int w, int h, unsigned char r, unsigned char g,
    unsigned char b, unsigned char a)
{
	png_image img;
	png_alloc_size_t len = 0;
	unsigned char *px = malloc((size_t)w * h * 4);
	int i;

	for (i = 0; i < w * h; i++) {
		px[i * 4] = r;
		px[i * 4 + 1] = g;
		px[i * 4 + 2] = b;
		px[i * 4 + 3] = a;
	}
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)w;
	img.height = (png_uint_32)h;
	img.format = PNG_FORMAT_RGBA;
	png_image_write_get_memory_size(img, len, 0, px, 0, NULL);
	buf_grow(out, len);
	if (png_image_write_to_memory(&img, out->data + out->len, &len, 0,
	    px, 0, NULL))
		out->len += len;
	free(px);
}

/* Decodes a card; returns RGB pixels (caller frees) and its size. */
static unsigned char *
read_card(const struct buf *card, int *w, int *h)
{
	png_image img;
	unsigned char *px;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, card->data, card->len))
		return NULL;
	img.format = PNG_FORMAT_RGB;
	px = malloc(PNG_IMAGE_SIZE(img));
	if (!png_image_finish_read(&img, NULL, px, 0, NULL)) {
		png_image_free(&img);
		free(px);
		return NULL;
	}
	*w = (int)img.width;
	*h = (int)img.height;
	return px;
}

static const unsigned char *
pixel(const unsigned char *px, int x, int y)
{
	return px + ((size_t)y * CARD_WIDTH + x) * 3;
}

static void
test_card__size(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct diag d = DIAG_INIT;
	unsigned char *px;
	int w = 0, h = 0;

	make_png(&in, 64, 48, 200, 30, 30, 255);
	OK(in.len > 0);
	INT_EQ(card_render(&out, in.data, in.len, &d), 0);
	INT_EQ(d.errors, 0);
	px = read_card(&out, &w, &h);
	OK(px != NULL);
	INT_EQ(w, 1200);
	INT_EQ(h, 630);
	/* RGB, 8 bits: no alpha channel in the card. */
	INT_EQ((unsigned char)out.data[24], 8);
	INT_EQ((unsigned char)out.data[25], 2);
	free(px);
	buf_release(&in);
	buf_release(&out);
}

static void
test_card__deterministic(void)
{
	struct buf in = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	size_t i;

	make_png(&in, 300, 300, 10, 120, 200, 180);
	INT_EQ(card_render(&a, in.data, in.len, NULL), 0);
	INT_EQ(card_render(&b, in.data, in.len, NULL), 0);
	INT_EQ(a.len, b.len);
	OK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	/* IHDR, IDAT, IEND and nothing else: no tIME, no text. */
	for (i = 0; i + 4 <= a.len; i++)
		if (memcmp(a.data + i, "tIME", 4) == 0 ||
		    memcmp(a.data + i, "tEXt", 4) == 0)
			FAIL_AT("ancillary chunk at %zu", i);
	OK(memcmp(a.data + 12, "IHDR", 4) == 0);
	OK(memcmp(a.data + a.len - 8, "IEND", 4) == 0);
	buf_release(&in);
	buf_release(&a);
	buf_release(&b);
}

static void
test_card__composite(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	const unsigned char *p;
	unsigned char *px;
	int w, h;

	/* Fully transparent: the card is the plain background. */
	make_png(&in, 100, 100, 255, 0, 0, 0);
	INT_EQ(card_render(&out, in.data, in.len, NULL), 0);
	px = read_card(&out, &w, &h);
	OK(px != NULL);
	if (px != NULL) {
		p = pixel(px, 330, 300);
		INT_EQ(p[0], 0xf4);
		INT_EQ(p[1], 0xf5);
		INT_EQ(p[2], 0xf7);
		p = pixel(px, 600, 629);
		INT_EQ(p[0], 0x0b);
		INT_EQ(p[1], 0x4f);
		INT_EQ(p[2], 0x9c);
	}
	free(px);

	/* Half transparent black: half the background. */
	buf_reset(&in);
	buf_reset(&out);
	make_png(&in, 100, 100, 0, 0, 0, 128);
	INT_EQ(card_render(&out, in.data, in.len, NULL), 0);
	px = read_card(&out, &w, &h);
	OK(px != NULL);
	if (px != NULL) {
		p = pixel(px, 330, 300);
		OK(p[0] >= 0x79 && p[0] <= 0x7b);	/* 0xf4 * 127 / 255 */
		p = pixel(px, 1100, 100);
		INT_EQ(p[0], 0xf4);
	}
	free(px);

	/* Opaque, enlarged to 400 high: solid inside, no fringe colour. */
	buf_reset(&in);
	buf_reset(&out);
	make_png(&in, 50, 50, 255, 0, 0, 255);
	INT_EQ(card_render(&out, in.data, in.len, NULL), 0);
	px = read_card(&out, &w, &h);
	OK(px != NULL);
	if (px != NULL) {
		p = pixel(px, 330, 300);
		INT_EQ(p[0], 255);
		INT_EQ(p[1], 0);
		p = pixel(px, 131, 101);	/* just inside the corner */
		INT_EQ(p[0], 255);
		INT_EQ(p[2], 0);
		p = pixel(px, 129, 99);		/* just outside */
		INT_EQ(p[0], 0xf4);
	}
	free(px);
	buf_release(&in);
	buf_release(&out);
}

static void
test_card__broken(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT, msg = BUF_INIT;
	struct diag d = DIAG_INIT;

	d.quiet = true;
	d.capture = &msg;
	INT_EQ(card_render(&out, "<svg/>", 6, &d), -1);
	INT_EQ(d.errors, 1);
	OK(strstr(msg.data, "not a PNG") != NULL);

	/* A PNG cut short in its pixel data. */
	make_png(&in, 120, 120, 1, 2, 3, 255);
	buf_reset(&msg);
	INT_EQ(card_render(&out, in.data, in.len / 2, &d), -1);
	INT_EQ(d.errors, 2);
	OK(strstr(msg.data, "damaged PNG") != NULL);

	/* A PNG signature and nothing else. */
	buf_reset(&msg);
	INT_EQ(card_render(&out, in.data, 8, &d), -1);
	INT_EQ(d.errors, 3);

	/* Too wide for a badge: refused before decoding the pixels. */
	buf_reset(&in);
	buf_reset(&msg);
	make_png(&in, 4097, 1, 0, 0, 0, 255);
	INT_EQ(card_render(&out, in.data, in.len, &d), -1);
	INT_EQ(d.errors, 4);
	OK(strstr(msg.data, "too large") != NULL);

	/* A very wide badge still fits: 560 wide, 1 high. */
	buf_reset(&in);
	buf_reset(&out);
	make_png(&in, 4096, 1, 0, 0, 0, 255);
	INT_EQ(card_render(&out, in.data, in.len, &d), 0);
	INT_EQ(d.errors, 4);
	buf_release(&in);
	buf_release(&out);
	buf_release(&msg);
}

TESTS(T(test_card__size), T(test_card__deterministic),
    T(test_card__composite), T(test_card__broken))
