/*
 * escape.c - HTML, URL and query escaping.
 */
#include <string.h>
#include <strings.h>

#include "escape.h"

/* What HTML gives a meaning to, and the entity written for it. */
static const char *const html_escape[256] = {
	['&'] = "&amp;",
	['<'] = "&lt;",
	['>'] = "&gt;",
	['"'] = "&quot;",
	['\''] = "&#39;",
};

void
esc_html(struct buf *out, const char *s, size_t len)
{
	size_t i, done = 0;
	const char *rep;

	for (i = 0; i < len; i++) {
		if ((rep = html_escape[(unsigned char)s[i]]) == NULL)
			continue;
		buf_put(out, s + done, i - done);
		buf_puts(out, rep);
		done = i + 1;
	}
	buf_put(out, s + done, len - done);
}

static bool
has_scheme(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);

	return strncasecmp(url, scheme, n) == 0 && url[n] == ':';
}

bool
url_is_safe(const char *url)
{
	const unsigned char *p;

	if (url == NULL)
		return false;
	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return false;
	if (has_scheme(url, "mailto"))
		return url[7] != '\0';
	if (!has_scheme(url, "http") && !has_scheme(url, "https"))
		return false;
	p = (const unsigned char *)strchr(url, ':') + 1;
	return p[0] == '/' && p[1] == '/' && p[2] != '\0' && p[2] != '/';
}

void
esc_query(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			buf_putc(out, *p);
			continue;
		}
		buf_putc(out, '%');
		buf_putc(out, hex[*p >> 4]);
		buf_putc(out, hex[*p & 15]);
	}
}
