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

/*
 * Parses Markdown text md with GitHub's extensions, and takes the URL
 * off every link and image whose URL is not allowed (a link keeps its
 * text).  Returns the document, or NULL; *parserp is the parser, which
 * holds the extensions the document needs, to free after the document.
 */
static cmark_node *
md_parse(const char *md, cmark_parser **parserp)
{
	cmark_parser *parser;
	cmark_syntax_extension *ext;
	cmark_node *doc, *node, *kid;
	cmark_iter *it;
	cmark_event_type ev;
	size_t i;

	*parserp = NULL;
	pthread_once(&md_registered, md_register);
	parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	if (parser == NULL)
		return NULL;
	for (i = 0; i < sizeof(md_extensions) / sizeof(md_extensions[0]); i++)
		if ((ext = cmark_find_syntax_extension(md_extensions[i])) != NULL)
			cmark_parser_attach_syntax_extension(parser, ext);
	cmark_parser_feed(parser, md, strlen(md));
	doc = cmark_parser_finish(parser);
	if (doc == NULL) {
		cmark_parser_free(parser);
		return NULL;
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
	*parserp = parser;
	return doc;
}

void
md_to_html(struct buf *out, const char *md)
{
	cmark_parser *parser;
	cmark_node *doc;
	char *html;

	if ((doc = md_parse(md, &parser)) == NULL)
		return;
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT,
	    cmark_parser_get_syntax_extensions(parser));
	esc_controls(out, html, strlen(html));
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(parser);
}

/* Appends a space to out after position start unless one ends it. */
static void
text_blank(struct buf *out, size_t start)
{
	if (out->len > start && out->data[out->len - 1] != ' ')
		buf_putc(out, ' ');
}

/* Appends text s with line ends and runs of blanks made one space. */
static void
text_put(struct buf *out, size_t start, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			text_blank(out, start);
		else
			buf_putc(out, *s);
	}
}

void
md_to_text(struct buf *out, const char *md)
{
	cmark_parser *parser;
	cmark_node *doc, *node, *skip = NULL, *n;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node_type type;
	size_t start = out->len;
	int k;

	if ((doc = md_parse(md, &parser)) == NULL)
		return;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		type = cmark_node_get_type(node);
		if (skip != NULL) {
			if (node == skip && ev == CMARK_EVENT_EXIT)
				skip = NULL;
			continue;
		}
		if (ev == CMARK_EVENT_EXIT) {
			if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK)
				text_blank(out, start);
			continue;
		}
		switch (type) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			text_put(out, start, cmark_node_get_literal(node));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			text_blank(out, start);
			break;
		case CMARK_NODE_ITEM:
			/* An ordered list keeps its numbers: "1. ". */
			if (cmark_node_get_list_type(cmark_node_parent(node)) !=
			    CMARK_ORDERED_LIST)
				break;
			k = cmark_node_get_list_start(cmark_node_parent(node));
			for (n = cmark_node_previous(node); n != NULL;
			    n = cmark_node_previous(n))
				k++;
			text_blank(out, start);
			buf_printf(out, "%d. ", k);
			break;
		default:
			/* Struck-out text is not part of what is meant. */
			if (strcmp(cmark_node_get_type_string(node),
			    "strikethrough") == 0 && ev == CMARK_EVENT_ENTER)
				skip = node;
			break;
		}
	}
	cmark_iter_free(it);
	/* No blank at the end. */
	if (out->len > start && out->data[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
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
