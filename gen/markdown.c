/*
 * markdown.c - Markdown through cmark in safe mode, and HTML escaping.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "escape.h"
#include "markdown.h"

/* Whether a link destination in Markdown is allowed (relative is fine). */
static bool
dest_ok(const char *url, bool image)
{
	const char *p;

	if (url == NULL || *url == '\0')
		return true;
	for (p = url; *p != '\0' && *p != '/' && *p != '?' && *p != '#'; p++)
		if (*p == ':') {
			if (image && strncasecmp(url, "mailto:", 7) == 0)
				return false;
			return url_is_safe(url);
		}
	return true;
}

void
md_to_html(struct buf *out, const char *md)
{
	cmark_node *doc, *node, *kid;
	cmark_iter *it;
	cmark_event_type ev;
	char *html;

	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	if (doc == NULL)
		return;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(node) != CMARK_NODE_LINK &&
		    cmark_node_get_type(node) != CMARK_NODE_IMAGE)
			continue;
		if (dest_ok(cmark_node_get_url(node),
		    cmark_node_get_type(node) == CMARK_NODE_IMAGE))
			continue;
		/* Keep the text: an unsafe link becomes its children. */
		if (cmark_node_get_type(node) == CMARK_NODE_LINK) {
			while ((kid = cmark_node_first_child(node)) != NULL)
				cmark_node_insert_before(node, kid);
		}
		cmark_node_set_url(node, "");
	}
	cmark_iter_free(it);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	esc_controls(out, html, strlen(html));
	free(html);
	cmark_node_free(doc);
}

void
text_to_html(struct buf *out, const char *text)
{
	const char *p = text, *nl;

	while (*p != '\0') {
		while (*p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		BUF_PUTSL(out, "<p>");
		for (;;) {
			nl = strchr(p, '\n');
			if (nl == NULL) {
				esc_html(out, p, strlen(p));
				p += strlen(p);
				break;
			}
			esc_html(out, p, (size_t)(nl - p) -
			    (nl > p && nl[-1] == '\r'));
			p = nl + 1;
			if (*p == '\n' || (*p == '\r' && p[1] == '\n') ||
			    *p == '\0')
				break;
			BUF_PUTSL(out, "<br>\n");
		}
		BUF_PUTSL(out, "</p>\n");
	}
}
