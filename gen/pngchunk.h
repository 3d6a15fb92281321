/*
 * pngchunk.h - writing the chunks of a PNG file (ISO/IEC 15948, 5.3):
 * the share card, the badge image of a new site and baked badges are
 * all put together from chunks written here.
 */
#ifndef BADGEGEN_PNGCHUNK_H
#define BADGEGEN_PNGCHUNK_H

#include <stddef.h>

#include "buf.h"

/*
 * Appends one chunk to out: the length of data (4 bytes, big-endian),
 * the four letters of type, len bytes of data (data may be NULL when
 * len is 0) and the CRC-32 of type and data.
 */
void	 pngchunk_put(struct buf *out, const char *type, const void *data,
	    size_t len);

#endif
