/*
 * bake.c - baking awards into PNG and SVG images, and taking them out.
 */
#include <stdint.h>
#include <string.h>

#include "bake.h"
#include "inflate.h"
#include "pngchunk.h"

static const char png_sig[8] = "\x89PNG\r\n\x1a\n";

bool
bake_is_png(const char *data, size_t len)
{
	return len >= 8 && memcmp(data, png_sig, 8) == 0;
}

bool
bake_is_svg(const char *data, size_t len)
{
	size_t i, n = len < 4096 ? len : 4096;

	for (i = 0; i + 4 <= n; i++)
		if (memcmp(data + i, "<svg", 4) == 0)
			return true;
	return false;
}

/* The first place of needle in hay, or NULL. */
static const char *
find_bytes(const char *hay, size_t n, const char *needle, size_t k)
{
	size_t i;

	for (i = 0; k <= n && i <= n - k; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* Whether a chunk is a baked badge: iTXt/tEXt with our keywords. */
static bool
is_badge_chunk(const struct pngchunk *c, bool *ob3)
{
	if (memcmp(c->type, "iTXt", 4) != 0 && memcmp(c->type, "tEXt", 4) != 0)
		return false;
	if (c->len >= 11 && memcmp(c->data, "openbadges\0", 11) == 0) {
		*ob3 = false;
		return true;
	}
	if (c->len >= 20 && memcmp(c->data, "openbadgecredential\0", 20) == 0) {
		*ob3 = true;
		return true;
	}
	return false;
}

/* The text of an iTXt chunk after its keyword (inflated if need be). */
static int
itxt_text(struct buf *out, const struct pngchunk *c, size_t kwlen,
    const char *name, struct diag *d)
{
	const char *p = c->data + kwlen + 1, *end = c->data + c->len, *z;
	int flag;

	if (end - p < 2)
		return diag_err(d, "%s: broken iTXt chunk", name);
	flag = p[0];
	p += 2;
	/* Language tag and translated keyword, both NUL-terminated. */
	if ((z = memchr(p, '\0', (size_t)(end - p))) == NULL ||
	    (z = memchr(z + 1, '\0', (size_t)(end - z - 1))) == NULL)
		return diag_err(d, "%s: broken iTXt chunk", name);
	p = z + 1;
	if (flag == 0) {
		out->max = BAKE_MAX_TEXT;
		buf_put(out, p, (size_t)(end - p));
		return out->over ? diag_err(d, "%s: baked text too large",
		    name) : 0;
	}
	if (inflate_bounded(out, p, (size_t)(end - p), BAKE_MAX_TEXT,
	    INFLATE_ZLIB) < 0)
		return diag_err(d, "%s: the compressed iTXt text is broken or "
		    "too large", name);
	return 0;
}

static int
unbake_png(struct buf *out, const char *data, size_t len, const char *name,
    struct diag *d)
{
	struct pngchunk c, found;
	size_t pos = 8;
	bool ob3, have = false;
	int r;

	while ((r = pngchunk_next(&c, data, len, &pos)) == 0) {
		if (!is_badge_chunk(&c, &ob3))
			continue;
		if (have)
			return diag_err(d, "%s: more than one baked badge "
			    "(the specification allows one)", name);
		found = c;
		have = true;
	}
	if (r < 0)
		return diag_err(d, "%s: broken PNG chunk at byte %zu", name,
		    pos);
	if (!have)
		return diag_err(d, "%s: no baked badge (no iTXt chunk "
		    "\"openbadges\" or \"openbadgecredential\")", name);
	ob3 = found.len >= 20 && found.data[10] != '\0';
	if (memcmp(found.type, "tEXt", 4) == 0) {
		buf_put(out, found.data + 11, found.len - 11);
		return 0;
	}
	return itxt_text(out, &found, ob3 ? 19 : 10, name, d);
}

/* Decodes the XML entities of an attribute value. */
static void
xml_unescape(struct buf *out, const char *s, size_t n)
{
	static const struct { const char *e; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&apos;", '\'' },
	};
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (s[i] == '&')
			for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++)
				if (strncmp(s + i, ents[k].e,
				    strlen(ents[k].e)) == 0) {
					buf_putc(out, ents[k].c);
					i += strlen(ents[k].e) - 1;
					goto next;
				}
		buf_putc(out, s[i]);
next:
		;
	}
}

/* Finds "<tag" followed by a space, '/' or '>'; returns its offset. */
static const char *
find_tag(const char *s, const char *end, const char *tag)
{
	size_t n = strlen(tag);
	const char *p;

	for (p = s; p + n < end; p++)
		if (memcmp(p, tag, n) == 0 && (p[n] == ' ' || p[n] == '\t' ||
		    p[n] == '\n' || p[n] == '\r' || p[n] == '/' ||
		    p[n] == '>'))
			return p;
	return NULL;
}

static int
unbake_svg(struct buf *out, const char *data, size_t len, const char *name,
    struct diag *d)
{
	const char *end = data + len, *el, *el2, *gt, *v, *q, *cd, *cde;
	const char *tag = "<openbadges:assertion";

	if ((el = find_tag(data, end, tag)) == NULL) {
		tag = "<openbadges:credential";
		el = find_tag(data, end, tag);
	}
	if (el == NULL)
		return diag_err(d, "%s: no baked badge (no "
		    "<openbadges:assertion> or <openbadges:credential>)", name);
	if ((el2 = find_tag(el + 1, end, tag)) != NULL)
		return diag_err(d, "%s: more than one baked badge", name);
	if ((gt = memchr(el, '>', (size_t)(end - el))) == NULL)
		return diag_err(d, "%s: unclosed %s element", name, tag + 1);
	/* The body: JSON in CDATA, for embedded-proof and hosted badges. */
	for (cd = gt[-1] == '/' ? NULL : gt; cd != NULL && cd + 9 < end; cd++) {
		if (memcmp(cd, "<![CDATA[", 9) == 0)
			break;
		if (*cd == '<' && cd[1] == '/') {
			cd = NULL;
			break;
		}
	}
	if (cd != NULL && cd + 9 < end) {
		cd += 9;
		for (cde = cd; cde + 3 <= end && memcmp(cde, "]]>", 3) != 0;
		    cde++)
			continue;
		if (cde + 3 > end)
			return diag_err(d, "%s: unclosed CDATA section", name);
		for (q = cd; q < cde && (*q == ' ' || *q == '\n' ||
		    *q == '\r' || *q == '\t'); q++)
			continue;
		if (q < cde) {
			buf_put(out, q, (size_t)(cde - q));
			return 0;
		}
	}
	/* The verify attribute: a JWS (signed) or the assertion URL. */
	for (v = el; v + 8 < gt; v++)
		if (memcmp(v, "verify=", 7) == 0 && (v[-1] == ' ' ||
		    v[-1] == '\n' || v[-1] == '\t' || v[-1] == '\r'))
			break;
	if (v + 8 >= gt || (v[7] != '"' && v[7] != '\''))
		return diag_err(d, "%s: the baked badge has neither a verify "
		    "attribute nor a CDATA body", name);
	if ((q = memchr(v + 8, v[7], (size_t)(gt - v - 8))) == NULL)
		return diag_err(d, "%s: unclosed verify attribute", name);
	xml_unescape(out, v + 8, (size_t)(q - v - 8));
	return 0;
}

int
unbake(struct buf *out, const char *data, size_t len, const char *name,
    struct diag *d)
{
	if (bake_is_png(data, len))
		return unbake_png(out, data, len, name, d);
	if (bake_is_svg(data, len))
		return unbake_svg(out, data, len, name, d);
	return diag_err(d, "%s: neither a PNG nor an SVG image", name);
}

static int
bake_png(struct buf *out, const char *data, size_t len, const char *text,
    size_t textlen, bool ob3, const char *name, struct diag *d)
{
	struct pngchunk c;
	struct buf ch = BUF_INIT;
	const char *kw = ob3 ? "openbadgecredential" : "openbadges";
	size_t pos = 8;
	bool first = true, old;
	int r;

	buf_put(out, data, 8);
	while ((r = pngchunk_next(&c, data, len, &pos)) == 0) {
		if (first && memcmp(c.type, "IHDR", 4) != 0) {
			buf_release(&ch);
			return diag_err(d, "%s: the PNG does not start with "
			    "IHDR", name);
		}
		if (!is_badge_chunk(&c, &old))
			buf_put(out, data + c.start, c.end - c.start);
		if (first) {
			/* iTXt: keyword, 0, flag 0, method 0, "", 0, "", 0, text */
			buf_puts(&ch, kw);
			buf_put(&ch, "\0\0\0\0\0", 5);
			buf_put(&ch, text, textlen);
			pngchunk_put(out, "iTXt", ch.data, ch.len);
			first = false;
		}
	}
	buf_release(&ch);
	if (r < 0 || first)
		return diag_err(d, "%s: broken PNG", name);
	return 0;
}

static void
xml_escape_attr(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&': BUF_PUTSL(out, "&amp;"); break;
		case '<': BUF_PUTSL(out, "&lt;"); break;
		/* unbake ends the start tag at the first '>' */
		case '>': BUF_PUTSL(out, "&gt;"); break;
		case '"': BUF_PUTSL(out, "&quot;"); break;
		default: buf_putc(out, s[i]);
		}
}

/* The first baked element (either name) from p, or NULL. */
static const char *
find_baked(const char *p, const char *end)
{
	const char *a = find_tag(p, end, "<openbadges:assertion");
	const char *c = find_tag(p, end, "<openbadges:credential");

	return a == NULL || (c != NULL && c < a) ? c : a;
}

/*
 * Appends data to out without the elements of badges baked in it,
 * wherever they are; *removed counts them.  Returns 0, or -1 after
 * reporting an unclosed one.
 */
static int
strip_baked(struct buf *out, const char *data, size_t len, size_t *removed,
    const char *name, struct diag *d)
{
	const char *end = data + len, *p = data, *el, *ee, *tag;

	while ((el = find_baked(p, end)) != NULL) {
		buf_put(out, p, (size_t)(el - p));
		tag = el[12] == 'a' ? "</openbadges:assertion>" :
		    "</openbadges:credential>";
		ee = memchr(el, '>', (size_t)(end - el));
		if (ee != NULL && ee[-1] != '/') {
			ee = find_bytes(ee, (size_t)(end - ee), tag,
			    strlen(tag));
			if (ee != NULL)
				ee += strlen(tag) - 1;
		}
		if (ee == NULL)
			return diag_err(d, "%s: unclosed baked element", name);
		p = ee + 1;
		(*removed)++;
	}
	buf_put(out, p, (size_t)(end - p));
	return 0;
}

/*
 * Bakes into an SVG image: every badge baked before is removed (until
 * none is left, as removing one can join the text around it into
 * another), then the new element is put first in the <svg> element.
 * unbake() finds the first baked element anywhere, so this one is then
 * the only one.
 */
static int
bake_svg(struct buf *out, const char *data, size_t len, const char *text,
    size_t textlen, bool ob3, const char *name, struct diag *d)
{
	struct buf a = BUF_INIT, b = BUF_INIT, t;
	const char *end, *svg, *gt, *tag;
	const char *ns = ob3 ? "https://purl.imsglobal.org/ob/v3p0" :
	    "http://openbadges.org";
	bool jws = textlen > 0 && text[0] != '{';
	size_t removed;
	int rc = -1;

	if (find_bytes(text, textlen, "]]>", 3) != NULL)
		return diag_err(d, "%s: the award text holds \"]]>\"", name);
	if (!jws && find_baked(text, text + textlen) != NULL)
		return diag_err(d, "%s: the award text holds a baked badge's "
		    "element", name);
	buf_put(&a, data, len);
	do {
		removed = 0;
		buf_reset(&b);
		if (strip_baked(&b, a.data, a.len, &removed, name, d) < 0)
			goto out;
		t = a;
		a = b;
		b = t;
	} while (removed > 0);
	end = a.data + a.len;
	if ((svg = find_tag(a.data, end, "<svg")) == NULL ||
	    (gt = memchr(svg, '>', (size_t)(end - svg))) == NULL) {
		diag_err(d, "%s: no <svg> element", name);
		goto out;
	}
	buf_put(out, a.data, (size_t)(gt - a.data));
	if (find_bytes(svg, (size_t)(gt - svg), "xmlns:openbadges=", 17) == NULL)
		buf_printf(out, " xmlns:openbadges=\"%s\"", ns);
	buf_putc(out, '>');
	tag = ob3 ? "openbadges:credential" : "openbadges:assertion";
	buf_printf(out, "<%s", tag);
	if (jws) {
		BUF_PUTSL(out, " verify=\"");
		xml_escape_attr(out, text, textlen);
		BUF_PUTSL(out, "\"/>");
	} else {
		buf_printf(out, "><![CDATA[%.*s]]></%s>", (int)textlen, text,
		    tag);
	}
	buf_put(out, gt + 1, (size_t)(end - gt - 1));
	rc = 0;
out:
	buf_release(&a);
	buf_release(&b);
	return rc;
}

int
bake(struct buf *out, const char *data, size_t len, const char *text,
    size_t textlen, bool ob3, const char *name, struct diag *d)
{
	if (textlen > BAKE_MAX_TEXT)
		return diag_err(d, "%s: the award is too large to bake", name);
	if (bake_is_png(data, len))
		return bake_png(out, data, len, text, textlen, ob3, name, d);
	if (bake_is_svg(data, len))
		return bake_svg(out, data, len, text, textlen, ob3, name, d);
	return diag_err(d, "%s: neither a PNG nor an SVG image", name);
}

int
unbake_award(struct buf *data, struct buf *name, const char *file,
    struct diag *d)
{
	struct buf text = BUF_INIT;
	const char *ext;
	size_t i;
	int rc = -1;

	buf_reset(name);
	/* Baked images hold the award; the name keeps the right form. */
	if (bake_is_png(data->data, data->len) || bake_is_svg(data->data,
	    data->len)) {
		if (unbake(&text, data->data, data->len, file, d) < 0)
			goto out;
		buf_reset(data);
		buf_put(data, text.data, text.len);
	}
	/* The model tells JSON from JWS by the name's extension. */
	ext = strrchr(file, '.');
	for (i = 0; i < data->len && strchr(" \t\r\n", data->data[i]); i++)
		continue;
	buf_puts(name, file);
	if (ext == NULL || (strcmp(ext, ".json") != 0 &&
	    strcmp(ext, ".jsonld") != 0 && strcmp(ext, ".jws") != 0 &&
	    strcmp(ext, ".jwt") != 0) || text.len != 0)
		buf_puts(name, i < data->len && data->data[i] == '{' ?
		    ".json" : ".jws");
	if (i < data->len && data->data[i] != '{' && (data->len - i < 8 ||
	    strncmp(data->data + i, "http", 4) == 0)) {
		diag_err(d, "%s: holds the URL %.*s of a hosted badge, not an "
		    "award: verify the assertion served there instead", file,
		    (int)(data->len - i > 200 ? 200 : data->len - i),
		    data->data + i);
		goto out;
	}
	rc = 0;
out:
	buf_release(&text);
	return rc;
}
