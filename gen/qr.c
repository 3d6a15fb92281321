/*
 * qr.c - QR codes as inline SVG.
 */
#include <string.h>

#include <qrencode.h>

#include "escape.h"
#include "qr.h"

#define QUIET	4		/* modules of light margin on each side */

void
qr_svg(struct buf *out, const char *text, const char *label)
{
	QRcode *qr;
	int w, x, y, run, side;

	qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (qr == NULL)
		return;
	w = qr->width;
	side = w + 2 * QUIET;
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"qr\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
	    side, side);
	esc_html(out, label, strlen(label));
	/* Dark on light whatever the page's colours: scanners expect it. */
	buf_printf(out, "\" shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"", side, side);
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x += run > 0 ? run : 1) {
			for (run = 0; x + run < w &&
			    (qr->data[y * w + x + run] & 1); run++)
				continue;
			if (run > 0)
				buf_printf(out, "M%d %dh%dv1h-%dz",
				    x + QUIET, y + QUIET, run, run);
		}
	BUF_PUTSL(out, "\"/></svg>");
	QRcode_free(qr);
}
