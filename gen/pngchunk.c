/*
 * pngchunk.c - one PNG chunk: length, type, data, CRC (ISO 3309, as
 * GZIP's: inflate_crc32).
 */
#include <stdint.h>

#include "inflate.h"
#include "pngchunk.h"

/* Appends v as four bytes, most significant first. */
static void
put_be32(struct buf *out, uint32_t v)
{
	unsigned char b[4];

	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
	buf_put(out, b, 4);
}

void
pngchunk_put(struct buf *out, const char *type, const void *data,
    size_t len)
{
	uint32_t crc;

	put_be32(out, (uint32_t)len);
	buf_put(out, type, 4);
	if (len > 0)
		buf_put(out, data, len);
	crc = inflate_crc32(0, type, 4);
	if (len > 0)
		crc = inflate_crc32(crc, data, len);
	put_be32(out, crc);
}
