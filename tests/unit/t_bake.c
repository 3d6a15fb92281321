/* t_bake.c - baking into and out of PNG and SVG, with third-party images. */
#include <stdio.h>

#include "bake.h"
#include "harness.h"

/* Third-party vectors other tests use too, in tests/data/vectors/ (paths
 * relative to tests/data/bake/). */
#define OB30	"../vectors/1edtech-dcpv/ob30/"
#define DERIVED	"../vectors/derived/"
#define OB20	"../vectors/1edtech-dcpv/ob20/"

static int
slurp(struct buf *out, const char *name)
{
	char path[512];
	char chunk[4096];
	size_t n;
	FILE *fp;

	snprintf(path, sizeof(path), "tests/data/bake/%s", name);
	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(out, chunk, n);
	fclose(fp);
	return 0;
}

/* Unbakes a file; returns the text or NULL (message in msg). */
static char *
unbake_file(const char *name, struct buf *msg)
{
	struct buf img = BUF_INIT, txt = BUF_INIT;
	struct diag d = DIAG_INIT;
	char *s = NULL;

	d.quiet = true;
	d.capture = msg;
	buf_reset(msg);
	if (slurp(&img, name) < 0) {
		buf_printf(msg, "cannot read %s", name);
		return NULL;
	}
	if (unbake(&txt, img.data, img.len, name, &d) == 0)
		s = buf_detach(&txt, NULL);
	buf_release(&img);
	buf_release(&txt);
	return s;
}

static void
test_bake__third_party_png_and_svg(void)
{
	struct buf msg = BUF_INIT, want = BUF_INIT;
	char *s;

	s = unbake_file(OB30 "simple-jwt.png", &msg);
	OK(s != NULL);
	slurp(&want, DERIVED "extracted-from-1edtech-ob30-simple-jwt.png.jws");
	while (want.len > 0 && want.data[want.len - 1] == '\n')
		buf_truncate(&want, want.len - 1);
	if (s != NULL)
		STR_EQ(s, want.data);
	free(s);
	buf_reset(&want);
	s = unbake_file(OB30 "simple-json.png", &msg);
	slurp(&want, DERIVED "extracted-from-1edtech-ob30-simple-json.png.json");
	OK(s != NULL && strncmp(s, want.data, 40) == 0);
	free(s);
	s = unbake_file(OB30 "simple-jwt.svg", &msg);
	OK(s != NULL && strncmp(s, "eyJ", 3) == 0);
	free(s);
	s = unbake_file(OB30 "simple-json.svg", &msg);
	OK(s != NULL && s[0] == '{');
	free(s);
	s = unbake_file(OB20 "simple-badge.png", &msg);
	OK(s != NULL && strstr(s, "\"Assertion\"") != NULL);
	free(s);
	s = unbake_file("moz-bakery-baked.svg", &msg);
	OK(s != NULL && strstr(s, "http://example.org") != NULL);
	free(s);
	s = unbake_file("moz-backpack-valid-baked.png", &msg);
	STR_EQ(s, "https://example.org/assertion");
	free(s);
	s = unbake_file("badgr-baked_image.png", &msg);
	OK(s != NULL && strstr(s, "123abc") != NULL);
	free(s);
	buf_release(&msg);
	buf_release(&want);
}

static void
test_bake__unbaked_images_are_refused(void)
{
	struct buf msg = BUF_INIT;

	OK(unbake_file("moz-bakery-unbaked.png", &msg) == NULL);
	OK(strstr(msg.data, "no baked badge") != NULL);
	OK(unbake_file("moz-bakery-unbaked.svg", &msg) == NULL);
	OK(strstr(msg.data, "no baked badge") != NULL);
	buf_release(&msg);
}

static void
round_trip(const char *file, const char *text, bool ob3)
{
	struct buf img = BUF_INIT, once = BUF_INIT, twice = BUF_INIT,
	    out = BUF_INIT;
	struct diag d = DIAG_INIT;

	OK(slurp(&img, file) == 0);
	OK(bake(&once, img.data, img.len, "first", 5, ob3, file, &d) == 0);
	/* Baking again replaces the badge: exactly one remains. */
	OK(bake(&twice, once.data, once.len, text, strlen(text), ob3, file,
	    &d) == 0);
	OK(unbake(&out, twice.data, twice.len, file, &d) == 0);
	STR_EQ(out.data, text);
	INT_EQ(d.errors, 0);
	buf_release(&img);
	buf_release(&once);
	buf_release(&twice);
	buf_release(&out);
}

static void
test_bake__round_trips(void)
{
	round_trip("moz-bakery-unbaked.png", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
	    false);
	round_trip("moz-bakery-unbaked.png", "{\"a\":\"<&>\"}", true);
	round_trip("moz-bakery-unbaked.svg", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
	    false);
	round_trip("moz-bakery-unbaked.svg", "{\"a\":\"<&>\"}", true);
	/* Rebaking a third-party baked image keeps one badge. */
	round_trip(OB30 "simple-jwt.png", "{\"x\":1}", true);
	round_trip("moz-bakery-baked.svg", "{\"x\":1}", false);
}

static void
test_bake__two_badges_refused(void)
{
	struct buf img = BUF_INIT, two = BUF_INIT, msg = BUF_INIT, out = BUF_INIT;
	struct diag d = DIAG_INIT;

	/* An OB 2.0 badge baked into a PNG that keeps its OB 3.0 one. */
	OK(slurp(&img, OB30 "simple-jwt.png") == 0);
	OK(bake(&two, img.data, img.len, "{}", 2, false, "x", &d) == 0);
	/* two now holds only "openbadges"; splice the original chunk back. */
	buf_put(&out, two.data, two.len - 12);	/* without IEND */
	{
		const char *p = img.data + 8;
		size_t len = img.len - 8, pos = 0;

		while (pos + 12 <= len) {
			unsigned long n = (unsigned long)(unsigned char)p[pos] << 24 |
			    (unsigned long)(unsigned char)p[pos + 1] << 16 |
			    (unsigned long)(unsigned char)p[pos + 2] << 8 |
			    (unsigned char)p[pos + 3];
			if (memcmp(p + pos + 4, "iTXt", 4) == 0)
				buf_put(&out, p + pos, n + 12);
			pos += n + 12;
		}
	}
	buf_put(&out, two.data + two.len - 12, 12);
	d.quiet = true;
	d.capture = &msg;
	buf_reset(&img);
	OK(unbake(&img, out.data, out.len, "two.png", &d) < 0);
	OK(strstr(msg.data, "more than one baked badge") != NULL);
	buf_release(&img);
	buf_release(&two);
	buf_release(&msg);
	buf_release(&out);
}

/* bake_text <svg> <text>: bakes text (Open Badges 3.0) into the SVG. */
static int
bake_text(struct buf *out, const char *svg, const char *text,
    struct buf *msg)
{
	struct diag d = DIAG_INIT;

	d.quiet = true;
	d.capture = msg;
	buf_reset(out);
	return bake(out, svg, strlen(svg), text, strlen(text), true, "t.svg",
	    &d);
}

static void
test_bake__svg_old_badges_removed_anywhere(void)
{
	/* Before <svg> (here holding text that looks like one), a
	 * credential before an assertion, and an element that removing
	 * another joins together: all go, the new one is the only one. */
	static const char *const svgs[] = {
		"<openbadges:assertion><![CDATA[{\"old\":1} <svg x>]]>"
		"</openbadges:assertion>\n<svg a=\"1\"><g/></svg>",
		"<svg><openbadges:credential verify=\"c\"/>"
		"<openbadges:assertion verify=\"a\"/></svg>",
		"<svg><openbadges:<openbadges:assertion verify=\"x\"/>"
		"credential verify=\"y\"/></svg>",
	};
	struct buf out = BUF_INIT, txt = BUF_INIT, msg = BUF_INIT;
	struct diag d = DIAG_INIT;
	size_t i;

	for (i = 0; i < sizeof(svgs) / sizeof(svgs[0]); i++) {
		OK(bake_text(&out, svgs[i], "{\"new\":2}", &msg) == 0);
		buf_reset(&txt);
		OK(unbake(&txt, out.data, out.len, "t.svg", &d) == 0);
		STR_EQ(txt.data, "{\"new\":2}");
		OK(strstr(out.data, "old") == NULL);
		OK(strstr(out.data, "verify=") == NULL);
	}
	OK(bake_text(&out, svgs[0], "{\"a\":\"<openbadges:assertion/>\"}",
	    &msg) < 0);
	OK(strstr(msg.data, "t.svg: the award text holds a baked badge's "
	    "element") != NULL);
	OK(bake_text(&out, "<svg><openbadges:credential>", "{}", &msg) < 0);
	OK(strstr(msg.data, "t.svg: unclosed baked element") != NULL);
	buf_release(&out);
	buf_release(&txt);
	buf_release(&msg);
}

static void
test_bake__svg_attribute_text_with_markup(void)
{
	/* A verify attribute ends at its quote, not at a '>' in the text:
	 * the value is escaped so that the start tag ends where it
	 * should. */
	static const char *const texts[] = {
		"a>b",
		"x\">\n<![CDATA[{\"no\":1}]]>",
		"&<>\"'",
	};
	struct buf out = BUF_INIT, txt = BUF_INIT, msg = BUF_INIT;
	struct diag d = DIAG_INIT;
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		OK(bake_text(&out, "<svg><g/></svg>", texts[i], &msg) == 0 ||
		    strstr(texts[i], "]]>") != NULL);
		if (strstr(texts[i], "]]>") != NULL)
			continue;
		buf_reset(&txt);
		OK(unbake(&txt, out.data, out.len, "t.svg", &d) == 0);
		STR_EQ(txt.data, texts[i]);
	}
	buf_release(&out);
	buf_release(&txt);
	buf_release(&msg);
}

TESTS(T(test_bake__third_party_png_and_svg),
    T(test_bake__unbaked_images_are_refused), T(test_bake__round_trips),
    T(test_bake__two_badges_refused),
    T(test_bake__svg_old_badges_removed_anywhere),
    T(test_bake__svg_attribute_text_with_markup))
