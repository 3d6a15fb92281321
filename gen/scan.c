/*
 * scan.c - scanning what a built site holds: HTML pages for their ids
 * and references, SVG images for well-formedness, PNG images by
 * decoding them (libpng).  See scan.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <png.h>

#include "bake.h"
#include "pngchunk.h"
#include "scan.h"
#include "utf8.h"

#define PNG_MAX_PIXELS	(64u * 1024 * 1024)
#define SVG_MAX_DEPTH	256

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool
check_png(const char *data, size_t len, struct buf *why)
{
	png_image img;
	void *px;
	bool ok;

	/* libpng sizes a chunk's buffer from its length field. */
	if (!pngchunk_whole(data, len)) {
		BUF_PUTSL(why, "not a PNG made of whole chunks");
		return false;
	}
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, data, len)) {
		buf_puts(why, img.message);
		png_image_free(&img);
		return false;
	}
	img.format = PNG_FORMAT_RGBA;
	if ((size_t)img.width * img.height > PNG_MAX_PIXELS) {
		buf_printf(why, "%ux%u pixels is too large", img.width,
		    img.height);
		png_image_free(&img);
		return false;
	}
	px = xmalloc(PNG_IMAGE_SIZE(img) + 1);
	ok = png_image_finish_read(&img, NULL, px, 0, NULL) != 0;
	if (!ok)
		buf_puts(why, img.message);
	png_image_free(&img);
	free(px);
	return ok;
}

/* Skips to just after the string end; returns NULL when absent. */
static const char *
skip_past(const char *p, const char *e, const char *end)
{
	size_t n = strlen(end);

	for (; (size_t)(e - p) >= n; p++)
		if (memcmp(p, end, n) == 0)
			return p + n;
	return NULL;
}

static bool
name_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' ||
	    c == '.' || (unsigned char)c >= 0x80;
}

bool
check_svg(const char *data, size_t len, const char **why)
{
	const char *p = data, *e = data + len, *name, *q;
	const char *stack[SVG_MAX_DEPTH];
	size_t lens[SVG_MAX_DEPTH], depth = 0, n;
	bool root = false, closing, empty;
	char quote;

	if (utf8_check(data, len) != len) {
		*why = "not UTF-8";
		return false;
	}
	if (!bake_is_svg(data, len)) {
		*why = "no <svg> element";
		return false;
	}
	while (p < e) {
		if (*p != '<') {
			if (depth == 0 && root && *p != ' ' && *p != '\n' &&
			    *p != '\r' && *p != '\t') {
				*why = "text after the root element";
				return false;
			}
			p++;
			continue;
		}
		if ((size_t)(e - p) >= 4 && memcmp(p, "<!--", 4) == 0)
			q = skip_past(p + 4, e, "-->");
		else if ((size_t)(e - p) >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
			q = skip_past(p + 9, e, "]]>");
		else if ((size_t)(e - p) >= 2 && p[1] == '?')
			q = skip_past(p + 2, e, "?>");
		else if ((size_t)(e - p) >= 2 && p[1] == '!')
			q = skip_past(p + 2, e, ">");
		else
			q = p;
		if (q == NULL) {
			*why = "unterminated markup";
			return false;
		}
		if (q != p) {
			p = q;
			continue;
		}
		p++;
		closing = p < e && *p == '/';
		if (closing)
			p++;
		name = p;
		while (p < e && name_char(*p))
			p++;
		n = (size_t)(p - name);
		if (n == 0) {
			*why = "a '<' that starts no tag";
			return false;
		}
		quote = 0;
		empty = false;
		for (; p < e; p++) {
			if (quote != 0) {
				if (*p == quote)
					quote = 0;
			} else if (*p == '"' || *p == '\'')
				quote = *p;
			else if (*p == '>')
				break;
			else if (*p == '<') {
				*why = "a '<' inside a tag";
				return false;
			}
		}
		if (p >= e) {
			*why = "unterminated tag";
			return false;
		}
		empty = p[-1] == '/';
		p++;
		if (closing) {
			if (depth == 0 || lens[depth - 1] != n ||
			    memcmp(stack[depth - 1], name, n) != 0) {
				*why = "mismatched end tag";
				return false;
			}
			depth--;
			continue;
		}
		if (depth == 0) {
			if (root) {
				*why = "more than one root element";
				return false;
			}
			if (n != 3 || memcmp(name, "svg", 3) != 0) {
				*why = "the root element is not <svg>";
				return false;
			}
			root = true;
		}
		if (empty)
			continue;
		if (depth == SVG_MAX_DEPTH) {
			*why = "elements nested too deep";
			return false;
		}
		stack[depth] = name;
		lens[depth++] = n;
	}
	if (!root || depth != 0) {
		*why = root ? "unclosed elements" : "no root element";
		return false;
	}
	return true;
}


/* Appends s[0..n) with HTML character references decoded. */
static void
decode_entities(struct buf *out, const char *s, size_t n)
{
	static const struct { const char *name; char c; } named[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' }
	};
	size_t i, j, k;
	unsigned long cp;
	char *endp;
	char num[16];

	for (i = 0; i < n; i++) {
		if (s[i] != '&') {
			buf_putc(out, s[i]);
			continue;
		}
		for (j = 0; j < sizeof(named) / sizeof(named[0]); j++) {
			k = strlen(named[j].name);
			if (n - i - 1 >= k && memcmp(s + i + 1, named[j].name,
			    k) == 0)
				break;
		}
		if (j < sizeof(named) / sizeof(named[0])) {
			buf_putc(out, named[j].c);
			i += strlen(named[j].name);
			continue;
		}
		if (i + 2 < n && s[i + 1] == '#') {
			k = 0;
			for (j = i + 2; j < n && s[j] != ';' && k < 12; j++)
				num[k++] = s[j];
			num[k] = '\0';
			if (j < n && s[j] == ';' && k > 0) {
				if (num[0] == 'x' || num[0] == 'X')
					cp = strtoul(num + 1, &endp, 16);
				else
					cp = strtoul(num, &endp, 10);
				if (*endp == '\0' && cp > 0 && cp <= 0x10ffff) {
					utf8_put(out, (uint32_t)cp);
					i = j;
					continue;
				}
			}
		}
		buf_putc(out, '&');
	}
}

static void
add_id(struct html_page *pg, const char *s, size_t n)
{
	if (pg->nids == pg->capids) {
		pg->capids = pg->capids ? pg->capids * 2 : 16;
		pg->ids = xreallocarray(pg->ids, pg->capids, sizeof(*pg->ids));
	}
	pg->ids[pg->nids++] = xstrndup(s, n);
}

static void
add_ref(struct html_page *pg, const char *s, size_t n, unsigned line,
    bool image, const char *attr)
{
	struct html_ref *rf;

	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (pg->nrefs == pg->caprefs) {
		pg->caprefs = pg->caprefs ? pg->caprefs * 2 : 16;
		pg->refs = xreallocarray(pg->refs, pg->caprefs,
		    sizeof(*pg->refs));
	}
	rf = &pg->refs[pg->nrefs++];
	rf->url = xstrndup(s, n);
	rf->line = line;
	rf->image = image;
	snprintf(rf->attr, sizeof(rf->attr), "%s", attr);
}

/* The line of p, counting on from *mark (at line *line). */
static unsigned
line_at(const char *p, const char **mark, unsigned *line)
{
	for (; *mark < p; (*mark)++)
		if (**mark == '\n')
			(*line)++;
	return *line;
}

/* What a <meta> tag says: its property (or name) and its content. */
struct meta {
	struct buf	 prop;
	struct buf	 content;
	unsigned	 line;
};

/* The <meta> properties whose content is a URL. */
static bool
url_property(const char *p)
{
	static const char *const props[] = {
		"og:url", "og:image", "og:image:url", "og:image:secure_url",
		"og:video", "og:video:url", "og:video:secure_url",
		"og:audio", "og:audio:url", "og:audio:secure_url",
		"twitter:image"
	};
	size_t i;

	for (i = 0; i < sizeof(props) / sizeof(props[0]); i++)
		if (strcasecmp(p, props[i]) == 0)
			return true;
	return false;
}

/* Records one attribute of a tag; mt, when not NULL: of a <meta>. */
static void
html_attr(struct html_page *pg, const char *name, size_t nn, const char *v,
    size_t vn, unsigned line, struct meta *mt)
{
	struct buf val = BUF_INIT;
	const char *p, *e, *c, *w;

	decode_entities(&val, v, vn);
	buf_putc(&val, '\0');
	val.len--;
	if (mt != NULL && ((nn == 8 && strncasecmp(name, "property", 8) == 0) ||
	    (nn == 4 && strncasecmp(name, "name", 4) == 0))) {
		buf_reset(&mt->prop);
		buf_put(&mt->prop, val.data, val.len);
	} else if (mt != NULL && nn == 7 &&
	    strncasecmp(name, "content", 7) == 0) {
		buf_reset(&mt->content);
		buf_put(&mt->content, val.data, val.len);
		mt->line = line;
	} else if (nn == 2 && strncasecmp(name, "id", 2) == 0)
		add_id(pg, val.data, val.len);
	else if (nn == 4 && strncasecmp(name, "href", 4) == 0)
		add_ref(pg, val.data, val.len, line, false, "href");
	else if (nn == 3 && strncasecmp(name, "src", 3) == 0)
		add_ref(pg, val.data, val.len, line, true, "src");
	else if (nn == 6 && strncasecmp(name, "srcset", 6) == 0) {
		p = val.data;
		e = val.data + val.len;
		while (p < e) {
			while (p < e && (*p == ' ' || *p == '\t' ||
			    *p == '\n' || *p == ','))
				p++;
			w = p;
			while (p < e && *p != ' ' && *p != '\t' && *p != '\n')
				p++;
			c = p;
			if (c > w && c[-1] == ',')
				c--;
			if (c > w)
				add_ref(pg, w, (size_t)(c - w), line, true,
				    "srcset");
			while (p < e && *p != ',')
				p++;
		}
	}
	buf_release(&val);
}

void
html_scan(struct html_page *pg, const char *s, size_t len)
{
	const char *p = s, *e = s + len, *mark = s, *name, *an, *av, *q;
	struct meta mt = { BUF_INIT, BUF_INIT, 0 };
	size_t nn, ann, avn;
	unsigned line = 1;
	bool meta;
	char quote;

	while (p < e) {
		if (*p != '<') {
			p++;
			continue;
		}
		if ((size_t)(e - p) >= 4 && memcmp(p, "<!--", 4) == 0) {
			q = skip_past(p + 4, e, "-->");
			p = q != NULL ? q : e;
			continue;
		}
		p++;
		if (p >= e || !((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z')))
			continue;
		name = p;
		while (p < e && name_char(*p))
			p++;
		nn = (size_t)(p - name);
		meta = nn == 4 && strncasecmp(name, "meta", 4) == 0;
		buf_reset(&mt.prop);
		buf_reset(&mt.content);
		for (;;) {
			while (p < e && (*p == ' ' || *p == '\t' ||
			    *p == '\n' || *p == '\r' || *p == '/'))
				p++;
			if (p >= e || *p == '>')
				break;
			an = p;
			while (p < e && *p != '=' && *p != '>' && *p != ' ' &&
			    *p != '\t' && *p != '\n' && *p != '\r' && *p != '/')
				p++;
			ann = (size_t)(p - an);
			if (ann == 0) {
				p++;
				continue;
			}
			while (p < e && (*p == ' ' || *p == '\t' ||
			    *p == '\n' || *p == '\r'))
				p++;
			if (p >= e || *p != '=')
				continue;
			p++;
			while (p < e && (*p == ' ' || *p == '\t' ||
			    *p == '\n' || *p == '\r'))
				p++;
			if (p < e && (*p == '"' || *p == '\'')) {
				quote = *p++;
				av = p;
				while (p < e && *p != quote)
					p++;
				avn = (size_t)(p - av);
				if (p < e)
					p++;
			} else {
				av = p;
				while (p < e && *p != ' ' && *p != '\t' &&
				    *p != '\n' && *p != '\r' && *p != '>')
					p++;
				avn = (size_t)(p - av);
			}
			html_attr(pg, an, ann, av, avn,
			    line_at(an, &mark, &line), meta ? &mt : NULL);
		}
		if (meta && mt.content.len > 0 && url_property(mt.prop.data))
			add_ref(pg, mt.content.data, mt.content.len, mt.line,
			    strncasecmp(mt.prop.data, "og:image", 8) == 0 ||
			    strcasecmp(mt.prop.data, "twitter:image") == 0,
			    mt.prop.data);
		if (p < e)
			p++;
		if ((nn == 6 && strncasecmp(name, "script", 6) == 0) ||
		    (nn == 5 && strncasecmp(name, "style", 5) == 0)) {
			q = skip_past(p, e, nn == 6 ? "</script" : "</style");
			p = q != NULL ? q : e;
		}
	}
	if (pg->nids > 1)
		qsort(pg->ids, pg->nids, sizeof(*pg->ids), cmp_str);
	buf_release(&mt.prop);
	buf_release(&mt.content);
}

void
sitemap_scan(struct html_page *pg, const char *s, size_t len)
{
	const char *p = s, *e = s + len, *mark = s, *end;
	struct buf val = BUF_INIT;
	unsigned line = 1;

	while (p < e && (p = skip_past(p, e, "<loc>")) != NULL) {
		if ((end = skip_past(p, e, "</loc>")) == NULL)
			break;
		buf_reset(&val);
		decode_entities(&val, p, (size_t)(end - 6 - p));
		add_ref(pg, val.data, val.len, line_at(p, &mark, &line),
		    false, "loc");
		p = end;
	}
	buf_release(&val);
}

bool
html_has_id(const struct html_page *pg, const char *id)
{
	return pg->nids > 0 && bsearch(&id, pg->ids, pg->nids,
	    sizeof(*pg->ids), cmp_str) != NULL;
}

void
html_page_release(struct html_page *pg)
{
	size_t i;

	if (pg == NULL)
		return;
	for (i = 0; i < pg->nids; i++)
		free(pg->ids[i]);
	for (i = 0; i < pg->nrefs; i++)
		free(pg->refs[i].url);
	free(pg->ids);
	free(pg->refs);
	memset(pg, 0, sizeof(*pg));
}
