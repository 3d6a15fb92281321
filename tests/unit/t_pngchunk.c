/* t_pngchunk.c - PNG chunks: the bytes of one, and a PNG libpng reads. */
#include <string.h>

#include <png.h>
#include <zlib.h>

#include "harness.h"
#include "pngchunk.h"

/* IEND, the chunk every PNG ends with: no data, a known CRC. */
static void
test_pngchunk__iend(void)
{
	static const unsigned char iend[12] = { 0, 0, 0, 0, 'I', 'E', 'N',
	    'D', 0xae, 0x42, 0x60, 0x82 };
	struct buf b = BUF_INIT;

	pngchunk_put(&b, "IEND", NULL, 0);
	INT_EQ(b.len, 12);
	MEM_EQ(b.data, iend, 12);
	buf_release(&b);
}

/* A 2x1 RGB image made of chunks decodes, pixels and all (libpng
 * checks every CRC). */
static void
test_pngchunk__png_reads_back(void)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	static const unsigned char ihdr[13] = { 0, 0, 0, 2, 0, 0, 0, 1, 8, 2,
	    0, 0, 0 };
	static const unsigned char raw[7] = { 0, 0x1f, 0x3a, 0x93, 0xff,
	    0x80, 0x01 };
	unsigned char z[64], px[6];
	uLongf zlen = sizeof(z);
	struct buf b = BUF_INIT;
	png_image img;

	OK(compress2(z, &zlen, raw, sizeof(raw), 9) == Z_OK);
	buf_put(&b, sig, sizeof(sig));
	pngchunk_put(&b, "IHDR", ihdr, sizeof(ihdr));
	pngchunk_put(&b, "IDAT", z, zlen);
	pngchunk_put(&b, "IEND", NULL, 0);
	/* length, type, data, CRC */
	INT_EQ(b.len, 8 + (12 + 13) + (12 + zlen) + 12);
	INT_EQ((unsigned char)b.data[11], 13);
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	OK(png_image_begin_read_from_memory(&img, b.data, b.len) != 0);
	INT_EQ(img.width, 2);
	INT_EQ(img.height, 1);
	img.format = PNG_FORMAT_RGB;
	OK(png_image_finish_read(&img, NULL, px, 0, NULL) != 0);
	MEM_EQ(px, raw + 1, 6);
	png_image_free(&img);
	/* A changed byte of data no longer matches its CRC. */
	b.data[8 + 8 + 2] ^= 1;
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	OK(png_image_begin_read_from_memory(&img, b.data, b.len) == 0);
	png_image_free(&img);
	buf_release(&b);
}

TESTS(T(test_pngchunk__iend), T(test_pngchunk__png_reads_back))
