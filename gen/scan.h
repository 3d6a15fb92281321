/*
 * scan.h - scanners for the files of a built site: the ids and the
 * references (href, src, srcset, with their lines) of an HTML page,
 * and whether an SVG or a PNG image is sound.  They read bytes and
 * never fail: what they cannot make sense of, they skip or refuse.
 */
#ifndef BADGEGEN_SCAN_H
#define BADGEGEN_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* A reference of an HTML page. */
struct html_ref {
	char		*url;		/* as written, entities decoded */
	unsigned	 line;
	bool		 image;		/* src, srcset, og:image */
	char		 attr[24];	/* where: "href", "src", "srcset",
					   "og:url" (a <meta> property),
					   "loc" (a sitemap's) */
};

/* What an HTML page holds: its ids (sorted) and its references. */
struct html_page {
	char		**ids;
	size_t		 nids, capids;
	struct html_ref	*refs;
	size_t		 nrefs, caprefs;
};

/*
 * Adds the ids (id="...") and references (href, src, each URL of a
 * srcset, the content of a <meta> whose property or name is one that
 * holds a URL: og:url, og:image and the like, twitter:image) of the
 * HTML text s[0..len) to pg (zeroed before the first call), character
 * references decoded; comments, <script> and <style> are skipped.
 */
void	 html_scan(struct html_page *pg, const char *s, size_t len);
/*
 * Adds the URL of each <loc> element of the sitemap XML text s[0..len)
 * to pg's references (attr "loc"), character references decoded.
 */
void	 sitemap_scan(struct html_page *pg, const char *s, size_t len);
/* Whether the page has the id id (after html_scan). */
bool	 html_has_id(const struct html_page *pg, const char *id);
/* Frees what pg holds and zeroes it; accepts NULL and a zeroed page. */
void	 html_page_release(struct html_page *pg);

/*
 * Whether data[0..len) is a well-formed-enough SVG image: UTF-8, an
 * <svg> root, balanced tags.  On false, *why says what is wrong.
 */
bool	 check_svg(const char *data, size_t len, const char **why);

/*
 * Whether data[0..len) decodes as a PNG image (libpng).  On false, the
 * reason is appended to why.
 */
bool	 check_png(const char *data, size_t len, struct buf *why);

#endif
