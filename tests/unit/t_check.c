/* t_check.c - the site checker: links, fragments, references, images
 * and leaks of a built tree, as the four report formats show them. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <png.h>

#include "check.h"
#include "harness.h"

static void
put(const char *dir, const char *rel, const char *data, size_t len)
{
	struct buf p = BUF_INIT;
	char *slash;
	FILE *fp;

	buf_printf(&p, "%s/%s", dir, rel);
	for (slash = strchr(p.data + strlen(dir) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(p.data, 0755);
		*slash = '/';
	}
	fp = fopen(p.data, "wb");
	OK(fp != NULL);
	if (fp != NULL) {
		fwrite(data, 1, len, fp);
		fclose(fp);
	}
	buf_release(&p);
}

static void
puts_file(const char *dir, const char *rel, const char *s)
{
	put(dir, rel, s, strlen(s));
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

/* A 2x2 PNG, written by libpng. */
static void
make_png(struct buf *out)
{
	png_image img;
	unsigned char px[16];
	png_alloc_size_t n = 0;

	memset(&img, 0, sizeof(img));
	memset(px, 0x80, sizeof(px));
	img.version = PNG_IMAGE_VERSION;
	img.width = 2;
	img.height = 2;
	img.format = PNG_FORMAT_RGBA;
	OK(png_image_write_to_memory(&img, NULL, &n, 0, px, 0, NULL));
	buf_reset(out);
	buf_put(out, "", 0);
	{
		char *mem = xmalloc(n);

		OK(png_image_write_to_memory(&img, mem, &n, 0, px, 0, NULL));
		buf_put(out, mem, n);
		free(mem);
	}
}

static const struct check_unit *
unit(const struct check_report *r, const char *file, enum check_kind k)
{
	size_t i;

	for (i = 0; i < r->nunits; i++)
		if (r->units[i].kind == k && strcmp(r->units[i].file, file) == 0)
			return &r->units[i];
	return NULL;
}

static size_t
errors_of(const struct check_report *r, const char *file, enum check_kind k)
{
	const struct check_unit *u = unit(r, file, k);

	return u != NULL ? u->nfindings : (size_t)-1;
}

static void
test_check__tree(void)
{
	char dir[] = "/tmp/t_check.XXXXXX";
	char *emails[] = { "bob@example.org" };
	char *skip[] = { "https://site.example/legacy/" };
	struct check_site site = { "https://site.example/sub/", skip, 1,
	    emails, 1 };
	struct check_report r = CHECK_REPORT_INIT;
	struct buf png = BUF_INIT, out = BUF_INIT;
	struct diag d = DIAG_INIT;

	OK(mkdtemp(dir) != NULL);
	make_png(&png);
	put(dir, "b/x.png", png.data, png.len);
	put(dir, "bad.png", png.data, 20);
	puts_file(dir, "b/y.svg", "<svg></svg>");
	puts_file(dir, "index.html",
	    "<!doctype html><html><body id=top>\n"
	    "<a href=\"a/\">ok</a> <a href='a/#sec'>ok</a>\n"
	    "<a href=\"a/#nosec\">bad fragment</a>\n"
	    "<a href=\"#top\">ok</a> <a href=\"a\">ok, a/index.html</a>\n"
	    "<a href=\"/sub/a/index.html?x=1#sec\">ok</a>\n"
	    "<a href=\"https://site.example/sub/b/x.png\">ok</a>\n"
	    "<a href=\"https://site.example/legacy/nope\">skipped</a>\n"
	    "<a href=\"nope.html\">bad link</a>\n"
	    "<a href=\"/other/\">leaves</a> <a href=\"../up\">leaves</a>\n"
	    "<a href=\"mailto:x@y\">ignored</a> <a href=\"\">self</a>\n"
	    "<a href=\"https://elsewhere.example/p?a=1&amp;b=2\">ext</a>\n"
	    "<a href=\"//elsewhere.example/q\">ext</a>\n"
	    "<img src=\"b/x.png\" srcset=\"b/x.png 1x, b/y.svg 2x\">\n"
	    "<img srcset=\"missing.png 2x\">\n"
	    "<script>var s = '<a href=\"nope-in-script\">';</script>\n"
	    "<!-- <a href=\"nope-in-comment\"> -->\n"
	    "<a href=\"b/%78.png\">percent-encoded</a>\n"
	    "</body></html>\n");
	puts_file(dir, "a/index.html",
	    "<h2 id=\"sec\">s</h2><p>BOB@example.org</p>\n"
	    "<p>sha256$abc</p>\n");
	puts_file(dir, "a.json",
	    "{\"id\": \"https://site.example/sub/a.json\",\n"
	    " \"issuer\": {\"id\": \"https://site.example/sub/a/\"},\n"
	    " \"badge\": \"https://site.example/sub/nope.json\",\n"
	    " \"image\": [\"https://site.example/sub/b/x.png\", "
	    "\"https://site.example/sub/gone.png\"],\n"
	    " \"criteria\": {\"id\": \"https://elsewhere.example/c\"},\n"
	    " \"publicKey\": \"https://site.example/sub/a.json#key\"}\n");
	puts_file(dir, "plain.txt", "sha256$ is fine outside HTML\n");

	d.quiet = true;
	INT_EQ(check_tree(&r, dir, &site, &d), 0);
	check_sort(&r);
	INT_EQ(errors_of(&r, "index.html", CHECK_KIND_LINK), 3);
	INT_EQ(errors_of(&r, "index.html", CHECK_KIND_FRAGMENT), 1);
	INT_EQ(errors_of(&r, "index.html", CHECK_KIND_IMAGE), 1);
	INT_EQ(errors_of(&r, "index.html", CHECK_KIND_LEAK), 0);
	INT_EQ(errors_of(&r, "a/index.html", CHECK_KIND_LEAK), 2);
	INT_EQ(errors_of(&r, "a.json", CHECK_KIND_REFERENCE), 1);
	INT_EQ(errors_of(&r, "a.json", CHECK_KIND_IMAGE), 1);
	INT_EQ(errors_of(&r, "bad.png", CHECK_KIND_IMAGE), 1);
	INT_EQ(errors_of(&r, "b/x.png", CHECK_KIND_IMAGE), 0);
	INT_EQ(errors_of(&r, "b/y.svg", CHECK_KIND_IMAGE), 0);
	INT_EQ(errors_of(&r, "plain.txt", CHECK_KIND_LEAK), 0);
	INT_EQ(r.nexternal, 2);
	STR_EQ(r.external[0], "//elsewhere.example/q");
	STR_EQ(r.external[1], "https://elsewhere.example/p?a=1&b=2");
	STR_EQ(unit(&r, "index.html", CHECK_KIND_FRAGMENT)->findings[0].message,
	    "a/#nosec: no id=\"nosec\" in a/index.html");
	INT_EQ(unit(&r, "index.html", CHECK_KIND_FRAGMENT)->findings[0].line, 3);

	check_write(&out, &r, CHECK_FORMAT_HUMAN);
	OK(strstr(out.data, "index.html:3: fragment: a/#nosec: no id=") != NULL);
	OK(strstr(out.data, "bob@") == NULL);
	OK(strstr(out.data, "a/index.html:1: leak: a recipient's e-mail "
	    "address (b...@example.org) is published\n") != NULL);
	buf_reset(&out);
	check_write(&out, &r, CHECK_FORMAT_TAP);
	OK(strncmp(out.data, "1..", 3) == 0);
	OK(strstr(out.data, "\nnot ok ") != NULL);
	OK(strstr(out.data, " - leak a/index.html\n") != NULL);
	buf_reset(&out);
	check_write(&out, &r, CHECK_FORMAT_JSON);
	OK(strstr(out.data, "{\"file\": \"a.json\", \"kind\": \"image\", "
	    "\"level\": \"error\", \"line\": 4, \"message\": \"image "
	    "https://site.example/sub/gone.png is not served by the site\"}")
	    != NULL);
	buf_reset(&out);
	check_write(&out, &r, CHECK_FORMAT_JUNIT);
	OK(strstr(out.data, "<testsuite name=\"fragment\" tests=\"2\" "
	    "failures=\"1\"") != NULL);
	OK(strstr(out.data, "id=&quot;nosec&quot;") != NULL);

	check_report_release(&r);
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	buf_release(&png);
	buf_release(&out);
}

/*
 * URLs written raw (a space, a non-ASCII character) in an href, a src,
 * a URL <meta> or a sitemap's <loc> are errors; a folder URL is served
 * by x/index.json when there is no x/index.html.
 */
static void
test_check__uris(void)
{
	char dir[] = "/tmp/t_check.XXXXXX";
	struct check_site site = { "https://site.example/", NULL, 0, NULL, 0 };
	struct check_report r = CHECK_REPORT_INIT;
	struct diag d = DIAG_INIT;
	const struct check_unit *u;

	OK(mkdtemp(dir) != NULL);
	puts_file(dir, "doc/index.json", "{\"id\": \"https://site.example/doc/\"}");
	puts_file(dir, "a b.html", "<p>x</p>");
	puts_file(dir, "\xe3\x81\x82/index.html", "<p>x</p>");
	puts_file(dir, "index.html",
	    "<meta property=\"og:url\" content=\"https://site.example/a b.html\">\n"
	    "<a href=\"a%20b.html\">ok</a> <a href=\"doc/\">ok</a>\n"
	    "<a href=\"a b.html\">raw space</a>\n"
	    "<a href=\"\xe3\x81\x82/\">raw UTF-8</a> <a href=\"%E3%81%82/\">ok</a>\n"
	    "<img src=\"x%zz.png\" alt=\"\">\n");
	puts_file(dir, "sitemap.xml",
	    "<urlset>\n<url><loc>https://site.example/a%20b.html</loc></url>\n"
	    "<url><loc>https://site.example/\xe3\x81\x82/</loc></url>\n"
	    "<url><loc>https://site.example/gone/</loc></url>\n</urlset>\n");
	d.quiet = true;
	INT_EQ(check_tree(&r, dir, &site, &d), 0);
	check_sort(&r);
	u = unit(&r, "index.html", CHECK_KIND_LINK);
	OK(u != NULL);
	INT_EQ(errors_of(&r, "index.html", CHECK_KIND_LINK), 3);
	if (u != NULL && u->nfindings == 3) {
		STR_EQ(u->findings[0].message, "og:url https://site.example/"
		    "a b.html is not a valid URI: it has a space (write it "
		    "percent-encoded)");
		INT_EQ(u->findings[0].line, 1);
		STR_EQ(u->findings[1].message, "href a b.html is not a valid "
		    "URI: it has a space (write it percent-encoded)");
		STR_EQ(u->findings[2].message, "href \xe3\x81\x82/ is not a "
		    "valid URI: it has a non-ASCII character (write it "
		    "percent-encoded)");
	}
	/* The raw src also names no file. */
	INT_EQ(errors_of(&r, "index.html", CHECK_KIND_IMAGE), 2);
	INT_EQ(errors_of(&r, "sitemap.xml", CHECK_KIND_LINK), 2);
	u = unit(&r, "sitemap.xml", CHECK_KIND_LINK);
	if (u != NULL && u->nfindings == 2) {
		INT_EQ(u->findings[0].line, 3);
		STR_EQ(u->findings[1].message, "https://site.example/gone/: "
		    "gone/index.html is not in the site");
	}
	INT_EQ(errors_of(&r, "doc/index.json", CHECK_KIND_REFERENCE), 0);
	check_report_release(&r);
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

TESTS(T(test_check__tree), T(test_check__uris))
