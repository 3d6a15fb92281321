/*
 * pngchunk.c - one PNG chunk: length, type, data, CRC (ISO 3309, as
 * GZIP's: inflate_crc32).
 */
#include <stdint.h>
#include <string.h>

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

static uint32_t
be32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 |
	    (uint32_t)u[2] << 8 | u[3];
}

int
pngchunk_next(struct pngchunk *c, const char *data, size_t len, size_t *pos)
{
	if (*pos == len)
		return 1;
	if (len - *pos < 12)
		return -1;
	c->start = *pos;
	c->len = be32(data + *pos);
	c->type = data + *pos + 4;
	if (c->len > len - *pos - 12)
		return -1;
	c->data = data + *pos + 8;
	c->end = *pos + 12 + c->len;
	*pos = c->end;
	return 0;
}

bool
pngchunk_whole(const char *data, size_t len)
{
	struct pngchunk c;
	size_t pos = 8;
	int r;

	if (len < 8 || memcmp(data, "\x89PNG\r\n\x1a\n", 8) != 0)
		return false;
	while ((r = pngchunk_next(&c, data, len, &pos)) == 0)
		continue;
	return r == 1;
}
