/*
 * bake.h - badges baked into images: PNG iTXt chunks and SVG elements.
 *
 * Open Badges 2.0 (baking/index.md): PNG iTXt keyword "openbadges",
 * uncompressed; SVG <openbadges:assertion> in the namespace
 * http://openbadges.org.  Open Badges 3.0 (docformat.md "Baked Badge"):
 * PNG iTXt keyword "openbadgecredential"; SVG <openbadges:credential> in
 * the namespace https://purl.imsglobal.org/ob/v3p0.  The text is a
 * compact JWS or the award's JSON; for SVG a JWS goes in the verify
 * attribute and JSON in a CDATA body.  A legacy PNG tEXt chunk
 * "openbadges" holding a URL is read too.
 */
#ifndef BADGEGEN_BAKE_H
#define BADGEGEN_BAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

#define BAKE_MAX_TEXT	(8u * 1024 * 1024)

/* Whether the bytes are a PNG or an SVG image. */
bool	 bake_is_png(const char *data, size_t len);
bool	 bake_is_svg(const char *data, size_t len);

/*
 * Extracts the award baked into the PNG or SVG image data (named name in
 * messages) into out: a compact JWS, JSON text or (legacy) a URL.
 * Returns 0, or -1 after reporting ("no baked badge", two of them, a
 * broken chunk).
 */
int	 unbake(struct buf *out, const char *data, size_t len,
	    const char *name, struct diag *d);

/*
 * Takes the award out of the bytes of a file given to be verified, file
 * (its name): an image holds it baked in, and data is replaced by the
 * award's text.  Sets name to the file name the model should see, whose
 * extension tells JSON from JWS: file itself, or file with ".json" or
 * ".jws" appended.  Returns 0, or -1 after reporting (the image holds
 * no award, or only the URL of a hosted badge).
 */
int	 unbake_award(struct buf *data, struct buf *name, const char *file,
	    struct diag *d);

/*
 * Appends to out the image data with the award text baked in, replacing
 * any badge baked in before; ob3 selects the Open Badges 3.0 names.
 * Returns 0, or -1 after reporting.
 */
int	 bake(struct buf *out, const char *data, size_t len, const char *text,
	    size_t textlen, bool ob3, const char *name, struct diag *d);

#endif
