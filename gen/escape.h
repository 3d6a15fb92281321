/*
 * escape.h - escaping for the contexts where content reaches output.
 *
 * Templates get values escaped by the Mustache engine ({{x}} calls
 * esc_html); JSON for <script> elements comes from json_write with
 * JSON_WRITE_SCRIPT; URLs that become links pass url_is_safe first.
 */
#ifndef BADGEGEN_ESCAPE_H
#define BADGEGEN_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * Appends s escaped for HTML text and quoted attribute values (and XML):
 * & < > " ' become entities, and C0 controls (but tab, newline and
 * carriage return), DEL, C1 controls and the bidi embeddings, overrides
 * and isolates (U+202A..U+202E, U+2066..U+2069), U+FFFE and U+FFFF
 * become U+FFFD, so that content can neither make XML invalid nor
 * reorder the page around it.
 */
void	 esc_html(struct buf *out, const char *s, size_t len);

/*
 * Appends s (HTML already) with what esc_html makes U+FFFD made U+FFFD,
 * and nothing else changed.
 */
void	 esc_controls(struct buf *out, const char *s, size_t len);

/*
 * Whether url may become a link: an absolute http, https or mailto URL
 * (scheme case-insensitive), with no control characters or spaces.
 */
bool	 url_is_safe(const char *url);

/* Appends s percent-encoded for a URL query value (RFC 3986 unreserved kept). */
void	 esc_query(struct buf *out, const char *s);

#endif
