/*
 * pngchunk.h - writing the chunks of a PNG file (ISO/IEC 15948, 5.3):
 * the share card, the badge image of a new site and baked badges are
 * all put together from chunks written here.
 */
#ifndef BADGEGEN_PNGCHUNK_H
#define BADGEGEN_PNGCHUNK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * Appends one chunk to out: the length of data (4 bytes, big-endian),
 * the four letters of type, len bytes of data (data may be NULL when
 * len is 0) and the CRC-32 of type and data.
 */
void	 pngchunk_put(struct buf *out, const char *type, const void *data,
	    size_t len);

/* A chunk of a PNG file held in memory, as pngchunk_next finds it. */
struct pngchunk {
	const char	*type;		/* 4 bytes */
	const char	*data;
	uint32_t	 len;
	size_t		 start;		/* offset of the length field */
	size_t		 end;		/* offset after the CRC */
};

/*
 * Reads the chunk at *pos of the len bytes at data (the first one is at
 * 8, after the signature) into c and moves *pos past it.  Returns 0, 1
 * at the end of the data, or -1 when what is left is not a whole chunk
 * (a length that runs past the end included).  The CRC is not checked.
 */
int	 pngchunk_next(struct pngchunk *c, const char *data, size_t len,
	    size_t *pos);

/*
 * Whether data[0..len) is a PNG signature followed by whole chunks and
 * nothing else: what a decoder can be given without trusting a chunk
 * length to size an allocation.
 */
bool	 pngchunk_whole(const char *data, size_t len);

#endif
