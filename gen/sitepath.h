/*
 * sitepath.h - the site path of a URL, the URL of a site path, and the
 * names badgegen keeps for its own files.
 *
 * A site path names a file or folder of the built site relative to its
 * root, as a web server maps a request to a file: the part of the URL
 * after base_url, percent-decoded (RFC 3986 2.1) into UTF-8 bytes.  The
 * document whose id is https://h/badges/%E3%81%82.json (or the IRI
 * https://h/badges/あ.json) is the file badges/あ.json: nginx, Apache
 * and the static hosts decode the request path before they look for
 * the file.  A path a server could not map back (an encoded '/', "..",
 * NUL, control characters, bytes that are not UTF-8) is refused.
 *
 * The other way, a site path becomes a URL path by percent-encoding
 * every byte that is not allowed as it is in a path segment (UTF-8
 * bytes, spaces, '%', '?', '#'), and an IRI from a document becomes a
 * URI as RFC 3987 3.1 says; both are what pages, sitemaps and messages
 * link to.
 */
#ifndef BADGEGEN_SITEPATH_H
#define BADGEGEN_SITEPATH_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * The site path of url under base_url (which ends with '/'), into out:
 * 1 when url is a path of the site (decoded; "" for base_url itself;
 * a final '/' kept: a folder); 0 when it is not (another site, or a
 * query or fragment); -1 when it is under base_url but names no file a
 * server maps it to: *why says why.
 */
int	 sitepath_of_url(struct buf *out, const char *base_url,
	    const char *url, const char **why);

/*
 * Why path (a site path without a leading '/', "" or ending with '/'
 * for a folder) cannot be a file of the site, or NULL: an empty, "."
 * or ".." segment, a NUL, control character (C0, DEL or C1), a
 * backslash, or bytes that are not UTF-8.
 */
const char *sitepath_problem(const char *path, size_t len);

/* The file a document at site path p is served from: p, or p +
 * "index.json" for a folder.  Appended to out. */
void	 sitepath_doc_file(struct buf *out, const char *p);

/*
 * The file of the page at site path p ("x/" or "x.html"): p +
 * "index.html" for a folder, else p.  Appended to out.
 */
void	 sitepath_page_file(struct buf *out, const char *p);

/*
 * The length of the stem of the page path p: "x/" and "x.html" both
 * have the stem "x", beside which its derived files go ("x.png").
 */
size_t	 sitepath_stem_len(const char *p);

/*
 * Appends the URL path of site path p: every byte but the unreserved
 * characters, the sub-delimiters, ':', '@' and '/' percent-encoded.
 */
void	 sitepath_to_url(struct buf *out, const char *p);

/*
 * Appends iri as a URI (RFC 3987 3.1): the bytes of non-ASCII
 * characters, spaces, control characters and the characters URIs never
 * hold as they are (" < > \ ^ ` { | }) percent-encoded, a '%' that is
 * not the start of an escape as %25; valid escapes and everything else
 * kept.
 */
void	 uri_from_iri(struct buf *out, const char *iri);

/*
 * Why s is not a valid URI reference as it is written, or NULL: a
 * space, a control character, a non-ASCII byte, one of " < > \ ^ ` { |
 * }, or a '%' that does not start an escape.
 */
const char *uri_problem(const char *s);

/*
 * What badgegen itself writes at site path p, or NULL: its own files
 * (index.html, 404.html, sitemap.xml, robots.txt, feed.xml) and folders
 * (assets/, .badgegen/, verify/, and <lang>/ for each of the nlangs
 * further languages langs), a folder's name taken as the folder.  The
 * text names it for messages: "the home page".
 */
const char *sitepath_reserved(const char *p, char *const *langs,
	    size_t nlangs);

/*
 * The authority ("host" or "host:port") of an http or https URL: where
 * it starts in url, its length in *len; NULL for another scheme.
 */
const char *url_authority(const char *url, size_t *len);

/* Whether the last segment of p ends with ".html" (any case): a page. */
bool	 sitepath_is_html(const char *p);

#endif
