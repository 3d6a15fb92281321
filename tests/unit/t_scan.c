/* t_scan.c - the scanners: HTML ids and references, SVG, PNG. */
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "harness.h"
#include "scan.h"

/* A 3x1 grey PNG, written by libpng into a fixed buffer. */
static void
png_of(struct buf *out)
{
	unsigned char px[12], mem[512];
	png_alloc_size_t n = sizeof(mem);
	png_image img;

	memset(&img, 0, sizeof(img));
	memset(px, 0x40, sizeof(px));
	img.version = PNG_IMAGE_VERSION;
	img.width = 3;
	img.height = 1;
	img.format = PNG_FORMAT_RGBA;
	OK(png_image_write_to_memory(&img, mem, &n, 0, px, 0, NULL));
	buf_put(out, mem, n);
}

static bool
svg_ok(const char *s, const char **why)
{
	return check_svg(s, strlen(s), why);
}

static void
test_scan__svg(void)
{
	const char *why = NULL;

	OK(svg_ok("<svg xmlns=\"http://www.w3.org/2000/svg\"><g><rect/>"
	    "</g><!-- <x> --></svg>\n", &why));
	OK(svg_ok("<?xml version=\"1.0\"?>\n<svg a='>'><![CDATA[<]]></svg>",
	    &why));
	OK(!svg_ok("<svg><g></svg>", &why));
	STR_EQ(why, "mismatched end tag");
	OK(!svg_ok("<svg><g>", &why));
	STR_EQ(why, "unclosed elements");
	OK(!svg_ok("<html/>", &why));
	OK(!svg_ok("<svg></svg><svg></svg>", &why));
	OK(!svg_ok("<svg>\xff</svg>", &why));
	STR_EQ(why, "not UTF-8");
	OK(!svg_ok("<svg><!-- </svg>", &why));
}

static void
test_scan__png(void)
{
	struct buf png = BUF_INIT, why = BUF_INIT;

	png_of(&png);
	OK(check_png(png.data, png.len, &why));
	OK(!check_png(png.data, png.len / 2, &why));
	OK(why.len > 0);
	buf_reset(&why);
	OK(!check_png("\x89PNG\r\n\x1a\nxx", 10, &why));
	/* A chunk whose length runs past the end: refused before libpng
	 * allocates that length. */
	buf_reset(&why);
	png.data[33 + 0] = 0x70;
	OK(!check_png(png.data, png.len, &why));
	STR_EQ(why.data, "not a PNG made of whole chunks");
	buf_release(&png);
	buf_release(&why);
}

/* Ids sorted, references with their lines, entities decoded. */
static void
test_scan__html(void)
{
	static const char page[] =
	    "<!doctype html>\n<html><body id=\"top\">\n"
	    "<a href=\"a.html?x=1&amp;y=2#f\" id=b>x</a><A HREF='  c/  '>\n"
	    "<img src=\"i.png\" srcset=\"s1.png 1x, s2.png 2x\">\n"
	    "<!-- <a href=\"in-comment\"> --><script>'<a href=\"in-script\">'"
	    "</script><style>a { } <a href=x></style>\n"
	    "<p id=\"&#x41;&#66;\">\n";
	struct html_page pg;

	memset(&pg, 0, sizeof(pg));
	html_scan(&pg, page, sizeof(page) - 1);
	INT_EQ(pg.nids, 3);
	STR_EQ(pg.ids[0], "AB");
	STR_EQ(pg.ids[1], "b");
	STR_EQ(pg.ids[2], "top");
	OK(html_has_id(&pg, "b"));
	OK(!html_has_id(&pg, "a"));
	INT_EQ(pg.nrefs, 5);
	STR_EQ(pg.refs[0].url, "a.html?x=1&y=2#f");
	INT_EQ(pg.refs[0].line, 3);
	OK(!pg.refs[0].image);
	STR_EQ(pg.refs[1].url, "c/");
	STR_EQ(pg.refs[2].url, "i.png");
	OK(pg.refs[2].image);
	INT_EQ(pg.refs[2].line, 4);
	STR_EQ(pg.refs[3].url, "s1.png");
	STR_EQ(pg.refs[4].url, "s2.png");
	html_page_release(&pg);
	INT_EQ(pg.nrefs, 0);
	html_page_release(&pg);
	html_page_release(NULL);
}

/* The <meta> properties that hold a URL are references too. */
static void
test_scan__meta(void)
{
	static const char page[] =
	    "<meta property=\"og:title\" content=\"not a URL\">\n"
	    "<meta content=\"https://h.example/x/\" property=\"og:url\">\n"
	    "<META PROPERTY=\"og:image\" CONTENT=\"https://h.example/a&amp;b.png\">\n"
	    "<meta name=\"twitter:image\" content=\"i.png\">\n"
	    "<meta name=\"description\" content=\"https://not.a.ref/\">\n"
	    "<meta property=\"og:image:width\" content=\"1200\">\n"
	    "<link rel=\"canonical\" href=\"https://h.example/x/\">\n";
	struct html_page pg;

	memset(&pg, 0, sizeof(pg));
	html_scan(&pg, page, sizeof(page) - 1);
	INT_EQ(pg.nrefs, 4);
	STR_EQ(pg.refs[0].url, "https://h.example/x/");
	STR_EQ(pg.refs[0].attr, "og:url");
	INT_EQ(pg.refs[0].line, 2);
	OK(!pg.refs[0].image);
	STR_EQ(pg.refs[1].url, "https://h.example/a&b.png");
	STR_EQ(pg.refs[1].attr, "og:image");
	OK(pg.refs[1].image);
	STR_EQ(pg.refs[2].attr, "twitter:image");
	STR_EQ(pg.refs[3].attr, "href");
	html_page_release(&pg);
}

static void
test_scan__sitemap(void)
{
	static const char xml[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
	    "  <url><loc>https://h.example/</loc></url>\n"
	    "  <url><loc>https://h.example/a?x=1&amp;y=2</loc></url>\n"
	    "  <url><loc>https://h.example/unclosed\n";
	struct html_page pg;

	memset(&pg, 0, sizeof(pg));
	sitemap_scan(&pg, xml, sizeof(xml) - 1);
	INT_EQ(pg.nrefs, 2);
	STR_EQ(pg.refs[0].url, "https://h.example/");
	INT_EQ(pg.refs[0].line, 3);
	STR_EQ(pg.refs[0].attr, "loc");
	STR_EQ(pg.refs[1].url, "https://h.example/a?x=1&y=2");
	INT_EQ(pg.refs[1].line, 4);
	html_page_release(&pg);
}

TESTS(T(test_scan__svg), T(test_scan__png), T(test_scan__html),
    T(test_scan__meta), T(test_scan__sitemap))
