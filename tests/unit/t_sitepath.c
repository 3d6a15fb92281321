/* t_sitepath.c - site paths of URLs, URLs of site paths, reserved names. */
#include "harness.h"
#include "sitepath.h"

#define BASE "https://h.example/"

/* The site path of url, or "BAD: <why>", or "OUTSIDE". */
static const char *
of(const char *url)
{
	static char res[256];
	struct buf b = BUF_INIT;
	const char *why;
	int r;

	r = sitepath_of_url(&b, BASE, url, &why);
	if (r == 0)
		snprintf(res, sizeof(res), "OUTSIDE");
	else if (r < 0)
		snprintf(res, sizeof(res), "BAD: %s", why);
	else
		snprintf(res, sizeof(res), "%s", b.data);
	buf_release(&b);
	return res;
}

static void
test_sitepath__of_url_shapes(void)
{
	STR_EQ(of(BASE "badges/ai.json"), "badges/ai.json");
	/* Extensionless, a folder, the root. */
	STR_EQ(of(BASE "badges/ai-basics"), "badges/ai-basics");
	STR_EQ(of(BASE "badges/ai-basics/"), "badges/ai-basics/");
	STR_EQ(of(BASE), "");
	/* Percent-encoded and raw UTF-8 are the same file. */
	STR_EQ(of(BASE "badges/%E3%81%82.json"), "badges/\xe3\x81\x82.json");
	STR_EQ(of(BASE "badges/%e3%81%82.json"), "badges/\xe3\x81\x82.json");
	STR_EQ(of(BASE "badges/\xe3\x81\x82.json"), "badges/\xe3\x81\x82.json");
	STR_EQ(of(BASE "a%20b/c%25d.json"), "a b/c%d.json");
	STR_EQ(of(BASE "a b.json"), "a b.json");
	STR_EQ(of(BASE "q%3Fx%23y.json"), "q?x#y.json");
	STR_EQ(of(BASE ".well-known/did.json"), ".well-known/did.json");
}

static void
test_sitepath__of_url_outside(void)
{
	STR_EQ(of("https://other.example/badges/ai.json"), "OUTSIDE");
	STR_EQ(of("https://h.example"), "OUTSIDE");
	STR_EQ(of(BASE "issuers/x.json#key-1"), "OUTSIDE");
	STR_EQ(of(BASE "x.json?v=2"), "OUTSIDE");
	STR_EQ(of("did:web:h.example"), "OUTSIDE");
}

static void
test_sitepath__of_url_refused(void)
{
	STR_EQ(of(BASE "a%2Fb.json"), "BAD: an encoded '/' (%2F), which "
	    "servers do not map to a folder");
	STR_EQ(of(BASE "a%2fb.json"), "BAD: an encoded '/' (%2F), which "
	    "servers do not map to a folder");
	STR_EQ(of(BASE "a%00.json"), "BAD: a NUL byte (%00)");
	STR_EQ(of(BASE "a/%2E%2E/b.json"), "BAD: a \".\" or \"..\" segment");
	STR_EQ(of(BASE "a/../b.json"), "BAD: a \".\" or \"..\" segment");
	STR_EQ(of(BASE "./b.json"), "BAD: a \".\" or \"..\" segment");
	STR_EQ(of(BASE "a//b.json"), "BAD: an empty segment (\"//\")");
	STR_EQ(of(BASE "/b.json"), "BAD: an empty segment (\"//\")");
	STR_EQ(of(BASE "a%0Ab.json"), "BAD: a control character");
	STR_EQ(of(BASE "a%1Bb.json"), "BAD: a control character");
	STR_EQ(of(BASE "a%7Fb.json"), "BAD: a control character");
	/* U+0085, a C1 control, in UTF-8. */
	STR_EQ(of(BASE "a%C2%85b.json"), "BAD: a control character");
	STR_EQ(of(BASE "a%5Cb.json"), "BAD: a backslash");
	STR_EQ(of(BASE "a%FFb.json"), "BAD: bytes that are not UTF-8");
	STR_EQ(of(BASE "a%E3%81.json"), "BAD: bytes that are not UTF-8");
	STR_EQ(of(BASE "a%zz.json"), "BAD: a '%' that is not followed by "
	    "two hex digits");
	STR_EQ(of(BASE "a%4"), "BAD: a '%' that is not followed by two "
	    "hex digits");
}

static void
test_sitepath__files_and_stems(void)
{
	struct buf b = BUF_INIT;

	sitepath_doc_file(&b, "badges/ai/");
	STR_EQ(b.data, "badges/ai/index.json");
	buf_reset(&b);
	sitepath_doc_file(&b, "badges/ai");
	STR_EQ(b.data, "badges/ai");
	buf_reset(&b);
	sitepath_page_file(&b, "badges/ai/");
	STR_EQ(b.data, "badges/ai/index.html");
	buf_reset(&b);
	sitepath_page_file(&b, "badges/ai.html");
	STR_EQ(b.data, "badges/ai.html");
	buf_reset(&b);
	sitepath_page_file(&b, "");
	STR_EQ(b.data, "index.html");
	INT_EQ(sitepath_stem_len("badges/ai/"), 9);
	INT_EQ(sitepath_stem_len("badges/ai.html"), 9);
	INT_EQ(sitepath_stem_len("awards/2026/x/"), 13);
	buf_release(&b);
}

static void
test_sitepath__to_url(void)
{
	struct buf b = BUF_INIT;

	sitepath_to_url(&b, "badges/ai-basics/");
	STR_EQ(b.data, "badges/ai-basics/");
	buf_reset(&b);
	sitepath_to_url(&b, "badges/\xe3\x81\x82.json");
	STR_EQ(b.data, "badges/%E3%81%82.json");
	buf_reset(&b);
	/* A '%', '?' or '#' of a file name is not a delimiter. */
	sitepath_to_url(&b, "a b/c%d?e#f.json");
	STR_EQ(b.data, "a%20b/c%25d%3Fe%23f.json");
	buf_reset(&b);
	sitepath_to_url(&b, "x/a+b,c;d=e@f:g~h!i$j&k'l(m)n*o");
	STR_EQ(b.data, "x/a+b,c;d=e@f:g~h!i$j&k'l(m)n*o");
	buf_reset(&b);
	sitepath_to_url(&b, "q\"<>\\^`{|}");
	STR_EQ(b.data, "q%22%3C%3E%5C%5E%60%7B%7C%7D");
	OK(uri_problem(b.data) == NULL);
	buf_release(&b);
}

static void
test_sitepath__uri_from_iri(void)
{
	struct buf b = BUF_INIT;

	uri_from_iri(&b, "https://h.example/badges/\xe3\x81\x82.json");
	STR_EQ(b.data, "https://h.example/badges/%E3%81%82.json");
	buf_reset(&b);
	/* Valid escapes stay; a stray '%' is escaped; delimiters stay. */
	uri_from_iri(&b, "https://h.example/a%20b c%zz?q=\xc3\xa9&x=1#f g");
	STR_EQ(b.data, "https://h.example/a%20b%20c%25zz?q=%C3%A9&x=1#f%20g");
	buf_reset(&b);
	uri_from_iri(&b, "https://h.example/<x>\"{|}\\^`\x7f\t");
	STR_EQ(b.data, "https://h.example/%3Cx%3E%22%7B%7C%7D%5C%5E%60%7F%09");
	buf_reset(&b);
	/* Already a URI: unchanged. */
	uri_from_iri(&b, "https://h.example/x.json?a=b&c=%41#frag");
	STR_EQ(b.data, "https://h.example/x.json?a=b&c=%41#frag");
	OK(uri_problem(b.data) == NULL);
	buf_release(&b);
}

static void
test_sitepath__uri_problem(void)
{
	OK(uri_problem("https://h.example/a%20b/") == NULL);
	OK(uri_problem("../../badges/x/") == NULL);
	OK(uri_problem("") == NULL);
	STR_EQ(uri_problem("https://h.example/a b"), "a space");
	STR_EQ(uri_problem("https://h.example/\xe3\x81\x82"),
	    "a non-ASCII character");
	STR_EQ(uri_problem("a\tb"), "a control character");
	STR_EQ(uri_problem("a%zb"), "a '%' that does not start an escape");
	STR_EQ(uri_problem("a%"), "a '%' that does not start an escape");
	STR_EQ(uri_problem("a<b"), "a character URIs never hold as it is");
}

static void
test_sitepath__reserved(void)
{
	static char *const langs[] = { "en", "zh-Hant" };

	STR_EQ(sitepath_reserved("", langs, 2), "the home page");
	STR_EQ(sitepath_reserved("index.html", langs, 2), "the home page");
	STR_EQ(sitepath_reserved("404.html", langs, 2), "the not-found page");
	STR_EQ(sitepath_reserved("sitemap.xml", langs, 2), "the sitemap");
	STR_EQ(sitepath_reserved("robots.txt", langs, 2), "robots.txt");
	STR_EQ(sitepath_reserved("feed.xml", langs, 2), "the site's feed");
	STR_EQ(sitepath_reserved("assets/x.css", langs, 2),
	    "the theme's files (assets/)");
	STR_EQ(sitepath_reserved("assets", langs, 2),
	    "the theme's files (assets/)");
	STR_EQ(sitepath_reserved(".badgegen/manifest", langs, 2),
	    "the build manifest (.badgegen/)");
	STR_EQ(sitepath_reserved("verify/", langs, 2),
	    "the verify page (verify/)");
	STR_EQ(sitepath_reserved("en/badges/x.json", langs, 2),
	    "the pages in another language of the site");
	STR_EQ(sitepath_reserved("zh-Hant", langs, 2),
	    "the pages in another language of the site");
	/* A file named like one is taken as its folder too. */
	STR_EQ(sitepath_reserved("index.html/x.json", langs, 2),
	    "the home page");
	OK(sitepath_reserved("en/x", langs, 0) == NULL);
	OK(sitepath_reserved("badges/index.html", langs, 2) == NULL);
	OK(sitepath_reserved("assetsx/y", langs, 2) == NULL);
	OK(sitepath_reserved("english/x", langs, 2) == NULL);
	OK(sitepath_reserved(".well-known/jwks.json", langs, 2) == NULL);
}

static void
test_sitepath__is_html(void)
{
	OK(sitepath_is_html("badges/x.html"));
	OK(sitepath_is_html("X.HTML"));
	OK(!sitepath_is_html("x.html/y"));
	OK(!sitepath_is_html("x.htm"));
	OK(!sitepath_is_html("html"));
}

static void
test_sitepath__url_authority(void)
{
	const char *u = "https://h.example:8443/x?y", *a;
	size_t n = 0;

	a = url_authority(u, &n);
	OK(a == u + 8);
	INT_EQ((int)n, 14);
	a = url_authority("http://h.example", &n);
	OK(a != NULL);
	INT_EQ((int)n, 9);
	a = url_authority("https://h#f", &n);
	INT_EQ((int)n, 1);
	OK(url_authority("did:web:h.example", &n) == NULL);
	OK(url_authority("ftp://h.example/", &n) == NULL);
}

TESTS(
	T(test_sitepath__of_url_shapes),
	T(test_sitepath__of_url_outside),
	T(test_sitepath__of_url_refused),
	T(test_sitepath__files_and_stems),
	T(test_sitepath__to_url),
	T(test_sitepath__uri_from_iri),
	T(test_sitepath__uri_problem),
	T(test_sitepath__reserved),
	T(test_sitepath__is_html),
	T(test_sitepath__url_authority)
)
