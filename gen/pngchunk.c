/*
 * pngchunk.c - one PNG chunk: length, type, data, CRC (zlib's crc32).
 */
#include <stdint.h>

#include <zlib.h>

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
	uLong crc;

	put_be32(out, (uint32_t)len);
	buf_put(out, type, 4);
	if (len > 0)
		buf_put(out, data, len);
	crc = crc32(0L, (const Bytef *)type, 4);
	if (len > 0)
		crc = crc32(crc, data, (uInt)len);
	put_be32(out, (uint32_t)crc);
}
