/*
 * sitepath.c - site paths of URLs, URLs of site paths, reserved names;
 * see sitepath.h.
 */
#include <string.h>
#include <strings.h>

#include "hash.h"
#include "sitepath.h"
#include "utf8.h"

static const char hexdigits[] = "0123456789ABCDEF";

static void
put_escape(struct buf *out, unsigned char c)
{
	buf_putc(out, '%');
	buf_putc(out, hexdigits[c >> 4]);
	buf_putc(out, hexdigits[c & 15]);
}

/* Whether s[0..] starts with a percent escape: '%' and two hex digits. */
static bool
is_escape(const char *s)
{
	return s[0] == '%' && hex_value((unsigned char)s[1]) >= 0 &&
	    hex_value((unsigned char)s[2]) >= 0;
}

/* The characters a URI never holds as they are (RFC 3986 2, 3987 3.1). */
static bool
uri_excluded(unsigned char c)
{
	return c <= 0x20 || c >= 0x7f || strchr("\"<>\\^`{|}", c) != NULL;
}

const char *
sitepath_problem(const char *path, size_t len)
{
	size_t i, seg = 0, k;
	uint32_t cp;

	if (utf8_check(path, len) != len)
		return "bytes that are not UTF-8";
	for (i = 0; i <= len; i++) {
		if (i < len && path[i] != '/') {
			if (path[i] == '\0')
				return "a NUL byte";
			if ((unsigned char)path[i] < 0x20 || path[i] == 0x7f)
				return "a control character";
			if (path[i] == '\\')
				return "a backslash";
			continue;
		}
		/* The segment [seg, i): a final '/' ends a folder. */
		if (i == seg && !(i == len && i > 0))
			return i == len ? "an empty path" : "an empty segment "
			    "(\"//\")";
		if ((i - seg == 1 && path[seg] == '.') ||
		    (i - seg == 2 && path[seg] == '.' && path[seg + 1] == '.'))
			return "a \".\" or \"..\" segment";
		seg = i + 1;
	}
	for (k = 0; k < len;) {
		cp = utf8_next(path, len, &k);
		if (cp >= 0x80 && cp <= 0x9f)
			return "a control character";
	}
	return NULL;
}

int
sitepath_of_url(struct buf *out, const char *base_url, const char *url,
    const char **why)
{
	size_t n = strlen(base_url);
	const char *p;
	int c;

	*why = NULL;
	buf_reset(out);
	if (url == NULL || strncmp(url, base_url, n) != 0)
		return 0;
	p = url + n;
	if (strpbrk(p, "?#") != NULL)
		return 0;
	for (; *p != '\0'; p++) {
		if (*p != '%') {
			buf_putc(out, *p);
			continue;
		}
		if (!is_escape(p)) {
			*why = "a '%' that is not followed by two hex digits";
			return -1;
		}
		c = hex_value((unsigned char)p[1]) << 4 |
		    hex_value((unsigned char)p[2]);
		if (c == '/') {
			*why = "an encoded '/' (%2F), which servers do not map "
			    "to a folder";
			return -1;
		}
		if (c == 0) {
			*why = "a NUL byte (%00)";
			return -1;
		}
		buf_putc(out, c);
		p += 2;
	}
	if (out->len == 0)
		return 1;
	if ((*why = sitepath_problem(out->data, out->len)) != NULL)
		return -1;
	return 1;
}

/* p, and index after it when p is a folder ("" or ending with '/'). */
static void
folder_file(struct buf *out, const char *p, const char *index)
{
	size_t n = strlen(p);

	buf_puts(out, p);
	if (n == 0 || p[n - 1] == '/')
		buf_puts(out, index);
}

void
sitepath_doc_file(struct buf *out, const char *p)
{
	folder_file(out, p, "index.json");
}

void
sitepath_page_file(struct buf *out, const char *p)
{
	folder_file(out, p, "index.html");
}

size_t
sitepath_stem_len(const char *p)
{
	size_t n = strlen(p);

	if (n > 0 && p[n - 1] == '/')
		return n - 1;
	if (n >= 5 && strcmp(p + n - 5, ".html") == 0)
		return n - 5;
	return n;
}

void
sitepath_to_url(struct buf *out, const char *p)
{
	const unsigned char *s;

	for (s = (const unsigned char *)p; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') ||
		    strchr("-._~!$&'()*+,;=:@/", *s) != NULL)
			buf_putc(out, *s);
		else
			put_escape(out, *s);
	}
}

void
uri_from_iri(struct buf *out, const char *iri)
{
	const char *s;

	for (s = iri; *s != '\0'; s++) {
		if (*s == '%' && !is_escape(s))
			put_escape(out, '%');
		else if (uri_excluded((unsigned char)*s))
			put_escape(out, (unsigned char)*s);
		else
			buf_putc(out, *s);
	}
}

const char *
uri_problem(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == ' ')
			return "a space";
		if (*p < 0x20 || *p == 0x7f)
			return "a control character";
		if (*p >= 0x80)
			return "a non-ASCII character";
		if (uri_excluded(*p))
			return "a character URIs never hold as it is";
		if (*p == '%' && !is_escape((const char *)p))
			return "a '%' that does not start an escape";
	}
	return NULL;
}

/*
 * badgegen's own files and folders at the site's root, and what they
 * are: a name is taken as a file and as a folder.
 */
static const struct {
	const char	*name;
	const char	*what;
} reserved[] = {
	{ "index.html",	"the home page" },
	{ "404.html",	"the not-found page" },
	{ "sitemap.xml", "the sitemap" },
	{ "robots.txt",	"robots.txt" },
	{ "feed.xml",	"the site's feed" },
	{ "assets",	"the theme's files (assets/)" },
	{ ".badgegen",	"the build manifest (.badgegen/)" },
	{ "verify",	"the verify page (verify/)" },
};

const char *
sitepath_reserved(const char *p, char *const *langs, size_t nlangs)
{
	size_t n = strcspn(p, "/"), i;

	if (*p == '\0')
		return "the home page";
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strlen(reserved[i].name) == n &&
		    memcmp(p, reserved[i].name, n) == 0)
			return reserved[i].what;
	for (i = 0; i < nlangs; i++)
		if (strlen(langs[i]) == n && memcmp(p, langs[i], n) == 0)
			return "the pages in another language of the site";
	return NULL;
}

bool
sitepath_is_html(const char *p)
{
	size_t n = strlen(p);

	return n >= 5 && strcasecmp(p + n - 5, ".html") == 0;
}

const char *
url_authority(const char *url, size_t *len)
{
	const char *p;

	if (strncmp(url, "https://", 8) == 0)
		p = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		p = url + 7;
	else
		return NULL;
	*len = strcspn(p, "/?#");
	return p;
}
