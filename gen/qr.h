/*
 * qr.h - a QR code as inline SVG (libqrencode).
 */
#ifndef BADGEGEN_QR_H
#define BADGEGEN_QR_H

#include "buf.h"

/*
 * Appends to out a QR code of text (error correction level M, 8-bit
 * mode, case-sensitive) as one compact <svg> element: a viewBox of the
 * symbol plus a quiet zone of 4 modules on each side, role="img",
 * aria-label="label" (escaped; label is the caller's words, e.g. "QR code
 * of this page"), a white <rect> behind and a single <path> of the dark
 * modules in black, one "h" run
 * per horizontal stretch.  Appends nothing when text cannot be encoded
 * (too long for a QR code, or libqrencode fails); the caller checks
 * out->len.  The caller owns out.
 */
void	 qr_svg(struct buf *out, const char *text, const char *label);

#endif
