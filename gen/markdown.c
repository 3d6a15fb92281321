/*
 * markdown.c - Markdown through cmark-gfm in safe mode, with GitHub's
 * tables, strikethrough and autolinks, and HTML escaping.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/* The extensions of GitHub Flavored Markdown a text may use. */
static const char *const md_extensions[] = {
	"table", "strikethrough", "autolink"
};

/*
 * cmark-gfm registers its extensions in a registry of its own, once per
 * process; its function for that is not safe to call from two threads
 * at a time, and pages are rendered by several.
 */
static pthread_once_t md_registered = PTHREAD_ONCE_INIT;

static void
md_register(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

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
	cmark_parser *parser;
	cmark_syntax_extension *ext;
	cmark_node *doc, *node, *kid;
	cmark_iter *it;
	cmark_event_type ev;
	char *html;
	size_t i;

	pthread_once(&md_registered, md_register);
	parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	if (parser == NULL)
		return;
	for (i = 0; i < sizeof(md_extensions) / sizeof(md_extensions[0]); i++)
		if ((ext = cmark_find_syntax_extension(md_extensions[i])) != NULL)
			cmark_parser_attach_syntax_extension(parser, ext);
	cmark_parser_feed(parser, md, strlen(md));
	doc = cmark_parser_finish(parser);
	if (doc == NULL) {
		cmark_parser_free(parser);
		return;
	}
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
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT,
	    cmark_parser_get_syntax_extensions(parser));
	esc_controls(out, html, strlen(html));
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(parser);
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
