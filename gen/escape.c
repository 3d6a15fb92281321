/*
 * escape.c - HTML, URL and query escaping.
 */
#include <string.h>
#include <strings.h>

#include "escape.h"
#include "utf8.h"

/* What HTML gives a meaning to, and the entity written for it. */
static const char *const html_escape[256] = {
	['&'] = "&amp;",
	['<'] = "&lt;",
	['>'] = "&gt;",
	['"'] = "&quot;",
	['\''] = "&#39;",
};

/*
 * Appends s, escaped for HTML when html, with every character that
 * utf8_is_control_or_bidi names (but tab, newline and carriage return),
 * U+FFFE and U+FFFF made U+FFFD.  Bytes that are not well-formed UTF-8
 * pass unchanged.
 */
static void
put_safe(struct buf *out, const char *s, size_t len, bool html)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, done = 0, start, n;
	const char *rep;
	uint32_t cp;

	while (i < len) {
		start = i;
		if (html && (rep = html_escape[u[i]]) != NULL) {
			buf_put(out, s + done, i - done);
			buf_puts(out, rep);
			done = ++i;
			continue;
		}
		if ((u[i] >= 0x20 && u[i] < 0x7f) || u[i] == '\t' ||
		    u[i] == '\n' || u[i] == '\r') {
			i++;
			continue;
		}
		n = utf8_seq_len(u[i]);
		if (u[i] >= 0x80 && (start + n > len ||
		    utf8_check(s + start, n) != n)) {
			i++;
			continue;
		}
		cp = utf8_next(s, len, &i);
		/* U+FFFE and U+FFFF: no XML document may hold them */
		if (!utf8_is_control_or_bidi(cp) && cp != 0xfffe &&
		    cp != 0xffff)
			continue;
		buf_put(out, s + done, start - done);
		BUF_PUTSL(out, "\xef\xbf\xbd");
		done = i;
	}
	buf_put(out, s + done, len - done);
}

void
esc_html(struct buf *out, const char *s, size_t len)
{
	put_safe(out, s, len, true);
}

void
esc_controls(struct buf *out, const char *s, size_t len)
{
	put_safe(out, s, len, false);
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
