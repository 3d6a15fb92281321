/*
 * card.h - the share card of an award page: a 1200x630 PNG for og:image.
 *
 * Social sites (LinkedIn, X, Facebook) crop link previews to about
 * 1.91:1 and refuse SVG.  The card is a plain background in the default
 * theme's light colours (the --panel background and an --accent band at
 * the bottom, as in templates/static/assets/badgegen.css) with the badge
 * image, scaled to fit 560x400 and alpha-composited, centred in the left
 * half.  It holds no text: the words go in og:title and og:description.
 * Badges given as SVG get no card (there is no rasteriser here); their
 * pages have no og:image.
 *
 * The bytes depend only on the input: RGB, 8 bits, a fixed filter
 * heuristic and zlib level 9, no tIME or other ancillary chunk.
 */
#ifndef BADGEGEN_CARD_H
#define BADGEGEN_CARD_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

#define CARD_WIDTH	1200
#define CARD_HEIGHT	630

/*
 * Appends to out the PNG of the share card for the badge image png (len
 * bytes, a PNG file of at most 4096x4096 pixels).  Returns 0, or -1
 * after reporting through d (not a PNG, a damaged PNG, too large); out
 * may then hold part of a file.  The caller owns out.
 */
int	 card_render(struct buf *out, const char *png, size_t len,
	    struct diag *d);

#endif
