/*
 * jsonld_iri.c - JSON-LD keywords, IRIs relative to @base (RFC 3986
 * 5.2, as jsonld.js url.js) and the small predicates the processor's
 * files share.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonld_int.h"

const char *const jld_keywords[NKEYWORDS] = {
	"@base", "@container", "@context", "@default", "@direction",
	"@embed", "@explicit", "@graph", "@id", "@included", "@index",
	"@json", "@language", "@list", "@nest", "@none", "@omitDefault",
	"@prefix", "@preserve", "@protected", "@requireAll", "@reverse",
	"@set", "@type", "@value", "@version", "@vocab"
};

/* The keyword's index in jld_keywords[], or -1. */
int
jld_keyword_index(const char *s)
{
	size_t i;

	if (s == NULL || s[0] != '@')
		return -1;
	for (i = 0; i < NKEYWORDS; i++)
		if (jld_keywords[i][1] == s[1] &&
		    strcmp(s, jld_keywords[i]) == 0)
			return (int)i;
	return -1;
}

bool
jld_is_keyword(const char *s)
{
	return jld_keyword_index(s) >= 0;
}

bool
jld_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* /^@[a-zA-Z]+$/ */
bool
jld_keyword_like(const char *s)
{
	size_t i;

	if (s == NULL || s[0] != '@' || s[1] == '\0')
		return false;
	for (i = 1; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z')))
			return false;
	return true;
}

/* Length of the JavaScript \s character at s, or 0. */
size_t
jld_js_space(const unsigned char *s)
{
	if ((s[0] >= 0x09 && s[0] <= 0x0d) || s[0] == 0x20)
		return 1;
	if (s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	if (s[0] == 0xe1 && s[1] == 0x9a && s[2] == 0x80)
		return 3;
	if (s[0] == 0xe2 && s[1] == 0x80 && ((s[2] >= 0x80 && s[2] <= 0x8a) ||
	    s[2] == 0xa8 || s[2] == 0xa9 || s[2] == 0xaf))
		return 3;
	if (s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f)
		return 3;
	if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	if (s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		return 3;
	return 0;
}

/* jsonld.js url.isAbsolute: /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/ */
bool
jld_is_absolute(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	if (s == NULL)
		return false;
	if (u[0] == '_' && u[1] == ':')
		i = 2;
	else {
		if (!((u[0] >= 'a' && u[0] <= 'z') ||
		    (u[0] >= 'A' && u[0] <= 'Z')))
			return false;
		for (i = 1; (u[i] >= 'a' && u[i] <= 'z') ||
		    (u[i] >= 'A' && u[i] <= 'Z') ||
		    (u[i] >= '0' && u[i] <= '9') ||
		    (u[i] >= '+' && u[i] <= '.'); i++)
			;
		if (u[i] != ':')
			return false;
		i++;
	}
	/* No JavaScript white space: ASCII 0x09-0x0d and space, and a few
	 * characters of two or three UTF-8 bytes. */
	for (; u[i] != '\0'; i++)
		if ((u[i] <= 0x20 || u[i] >= 0xc2) && jld_js_space(u + i) != 0)
			return false;
	return true;
}

bool
jld_is_bnode_id(const char *s)
{
	return s != NULL && s[0] == '_' && s[1] == ':';
}

/* /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/ */
bool
jld_bcp47(const char *s)
{
	size_t n = 0;
	bool first = true;

	for (;; s++) {
		if (*s == '\0' || *s == '-') {
			if (n < 1 || n > 8)
				return false;
			if (*s == '\0')
				return true;
			n = 0;
			first = false;
			continue;
		}
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (!first && *s >= '0' && *s <= '9')))
			return false;
		n++;
	}
}

char *
jld_lower(struct arena *a, const char *s)
{
	char *r = arena_strdup(a, s);
	char *p;

	for (p = r; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return r;
}

char *
jld_concat(struct arena *a, const char *x, const char *y)
{
	size_t n = strlen(x), m = strlen(y);
	char *r = arena_alloc(a, n + m + 1);

	memcpy(r, x, n);
	memcpy(r + n, y, m);
	return r;
}

/* A string the member names as a C string (or NULL if it holds NUL). */
const char *
jld_cstr(const struct json *v)
{
	if (v == NULL || v->type != JSON_STRING || strlen(v->str) != v->len)
		return NULL;
	return v->str;
}

/* ---------------------------------------------------------------- */
/* IRIs relative to @base (RFC 3986 5.2, as jsonld.js url.js)        */

struct uri {
	const char	*scheme;	/* NULL or text before ':' */
	size_t		 schemelen;
	const char	*auth;		/* NULL when no "//" */
	size_t		 authlen;
	const char	*path;
	size_t		 pathlen;
	const char	*query;		/* NULL when no '?' */
	size_t		 querylen;
	const char	*frag;		/* NULL when no '#' */
};

/*
 * Splits s as jsonld.js's "full" URL regular expression does:
 *	^(([a-zA-Z][a-zA-Z0-9+-.]*):)?(?:\/\/((?:(([^:@]*)(?::([^:@]*))?)?@)?
 *	([^:\/?#]*)(?::(\d*))?))?(?:(((?:[^?#\/]*\/)*)([^?#]*))(?:\?([^#]*))?
 *	(?:#(.*))?)
 * (note that its user information may hold '/'), then drops a default
 * port as it does.
 */
static void
uri_parse(struct uri *u, const char *s)
{
	const char *p = s, *q;

	memset(u, 0, sizeof(*u));
	if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || (*p >= '+' && *p <= '.'))
			p++;
		if (*p == ':') {
			u->scheme = s;
			u->schemelen = (size_t)(p - s);
			s = p + 1;
		}
	}
	p = s;
	if (p[0] == '/' && p[1] == '/') {
		u->auth = p += 2;
		/* [^:@]*(:[^:@]*)?@ */
		for (q = p; *q != '\0' && *q != ':' && *q != '@'; q++)
			;
		if (*q == ':')
			for (q++; *q != '\0' && *q != ':' && *q != '@'; q++)
				;
		if (*q == '@')
			p = q + 1;
		while (*p != '\0' && *p != ':' && *p != '/' && *p != '?' &&
		    *p != '#')
			p++;
		if (*p == ':')
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
		u->authlen = (size_t)(p - u->auth);
		if (u->scheme != NULL && u->schemelen == 5 &&
		    strncmp(u->scheme, "https", 5) == 0 && u->authlen > 4 &&
		    strncmp(p - 4, ":443", 4) == 0)
			u->authlen -= 4;
		else if (u->scheme != NULL && u->schemelen == 4 &&
		    strncmp(u->scheme, "http", 4) == 0 && u->authlen > 3 &&
		    strncmp(p - 3, ":80", 3) == 0)
			u->authlen -= 3;
	}
	u->path = p;
	while (*p != '\0' && *p != '?' && *p != '#')
		p++;
	u->pathlen = (size_t)(p - u->path);
	if (*p == '?') {
		u->query = ++p;
		while (*p != '\0' && *p != '#')
			p++;
		u->querylen = (size_t)(p - u->query);
	}
	if (*p == '#')
		u->frag = p + 1;
}

/* jsonld.js removeDotSegments. */
static void
remove_dots(struct buf *out, const char *path, size_t n)
{
	const char *seg[512];
	size_t seglen[512], ns = 0, i, k, start;
	bool done, absolute = n > 0 && path[0] == '/';

	if (n == 0)
		return;
	for (start = 0, i = 0; i <= n; i++) {
		if (i < n && path[i] != '/')
			continue;
		done = i >= n;
		k = i - start;
		if (k == 1 && path[start] == '.') {
			if (done && ns < 512) {
				seg[ns] = "";
				seglen[ns++] = 0;
			}
		} else if (k == 2 && path[start] == '.' &&
		    path[start + 1] == '.') {
			if (ns > 0)
				ns--;
			if (done && ns < 512) {
				seg[ns] = "";
				seglen[ns++] = 0;
			}
		} else if (ns < 512) {
			seg[ns] = path + start;
			seglen[ns++] = k;
		}
		start = i + 1;
	}
	if (absolute && ns > 0 && seglen[0] != 0)
		buf_putc(out, '/');
	if (ns == 1 && seglen[0] == 0) {
		buf_putc(out, '/');
		return;
	}
	for (i = 0; i < ns; i++) {
		if (i > 0)
			buf_putc(out, '/');
		buf_put(out, seg[i], seglen[i]);
	}
}

/* jsonld.js prependBase(base, iri); base NULL: iri unchanged. */
const char *
jld_resolve(struct arena *a, const char *base, const char *iri)
{
	struct uri b, r;
	struct buf path = BUF_INIT, out = BUF_INIT;
	const char *res, *slash;

	if (base == NULL || jld_is_absolute(iri))
		return iri;
	uri_parse(&b, base);
	uri_parse(&r, iri);
	if (b.scheme != NULL) {
		buf_put(&out, b.scheme, b.schemelen);
		buf_putc(&out, ':');
	}
	if (r.auth != NULL) {
		BUF_PUTSL(&out, "//");
		buf_put(&out, r.auth, r.authlen);
		remove_dots(&out, r.path, r.pathlen);
		if (r.query != NULL) {
			buf_putc(&out, '?');
			buf_put(&out, r.query, r.querylen);
		}
	} else {
		if (b.auth != NULL) {
			BUF_PUTSL(&out, "//");
			buf_put(&out, b.auth, b.authlen);
		}
		if (r.pathlen == 0) {
			buf_put(&out, b.path, b.pathlen);
			if (r.query != NULL) {
				buf_putc(&out, '?');
				buf_put(&out, r.query, r.querylen);
			} else if (b.query != NULL) {
				buf_putc(&out, '?');
				buf_put(&out, b.query, b.querylen);
			}
		} else {
			if (r.path[0] == '/')
				buf_put(&path, r.path, r.pathlen);
			else {
				slash = NULL;
				for (res = b.path; res < b.path + b.pathlen;
				    res++)
					if (*res == '/')
						slash = res;
				if (slash != NULL)
					buf_put(&path, b.path,
					    (size_t)(slash - b.path) + 1);
				if ((path.len > 0 || b.auth != NULL) &&
				    (path.len == 0 ||
				    path.data[path.len - 1] != '/'))
					buf_putc(&path, '/');
				buf_put(&path, r.path, r.pathlen);
			}
			remove_dots(&out, path.data, path.len);
			if (r.query != NULL) {
				buf_putc(&out, '?');
				buf_put(&out, r.query, r.querylen);
			}
		}
	}
	if (r.frag != NULL) {
		buf_putc(&out, '#');
		buf_puts(&out, r.frag);
	}
	if (out.len == 0)
		BUF_PUTSL(&out, "./");
	res = arena_strndup(a, out.data, out.len);
	buf_release(&path);
	buf_release(&out);
	return res;
}
