/*
 * markdown.h - Markdown and plain text to safe HTML.
 */
#ifndef BADGEGEN_MARKDOWN_H
#define BADGEGEN_MARKDOWN_H

#include <stdbool.h>

#include "buf.h"

/*
 * Appends the HTML of Markdown text md to out: CommonMark with GitHub's
 * tables, strikethrough (~~x~~) and autolinks (www.example.org, bare
 * http(s) URLs and addresses).  cmark-gfm renders without
 * CMARK_OPT_UNSAFE, so raw HTML is dropped; links and images whose URL
 * has a scheme other than http, https or mailto (images: http, https)
 * lose their URL and keep their text.
 */
void	 md_to_html(struct buf *out, const char *md);

/*
 * Appends the text of Markdown text md as one line of plain text: no
 * markup, link text without its URL, no raw HTML, struck-out text left
 * out, ordered lists numbered ("1. "), table cells and blocks apart by
 * a space, line ends and runs of blanks made one space.
 */
void	 md_to_text(struct buf *out, const char *md);

/*
 * Appends plain text as HTML: escaped, blank lines split paragraphs,
 * single newlines become <br>.
 */
void	 text_to_html(struct buf *out, const char *text);

#endif
