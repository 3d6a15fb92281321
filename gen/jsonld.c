/*
 * jsonld.c - JSON-LD 1.1 expansion and conversion to RDF (safe mode).
 *
 * The code follows jsonld.js (lib/context.js, expand.js, nodeMap.js,
 * toRdf.js), whose output the Data Integrity signatures in circulation
 * were made with, closely enough that comments can name its steps.
 * Where jsonld.js raises a "safe mode" event, this file reports an error.
 *
 * Active contexts are immutable once built.  A context derived from a
 * compiled-in context by applying another compiled-in one (a scoped
 * context, or the next entry of an @context array) is built once per
 * process in a global arena and found again through a memo table keyed
 * by (parent context, local context, flags); both are guarded by one
 * mutex.  Contexts that involve a document's own inline contexts live in
 * the document's arena and a per-call memo.
 */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embed.h"
#include "htab.h"
#include "jcs.h"
#include "jsnum.h"
#include "jsonld.h"

/* ---------------------------------------------------------------- */
/* The compiled-in contexts                                          */

static const struct known_ctx {
	const char	*url;
	const char	*file;
} known[] = {
	{ "https://www.w3.org/ns/credentials/v2", "credentials-v2.jsonld" },
	{ "https://www.w3.org/2018/credentials/v1", "credentials-v1.jsonld" },
	{ "https://www.w3.org/ns/credentials/examples/v2",
	    "credentials-examples-v2.jsonld" },
	{ "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
	    "ob-v3p0-context-3.0.0.json" },
	{ "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.0.json",
	    "ob-v3p0-context-3.0.0.json" },
	{ "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
	    "ob-v3p0-context-3.0.1.json" },
	{ "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
	    "ob-v3p0-context-3.0.2.json" },
	{ "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
	    "ob-v3p0-context-3.0.3.json" },
	{ "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
	    "ob-v3p0-extensions.json" },
	{ "https://w3id.org/openbadges/v2", "openbadges-v2.json" },
	{ "https://openbadgespec.org/v2/context.json", "openbadges-v2.json" },
	{ "https://w3id.org/openbadges/v1", "openbadges-v1.json" },
	{ "https://w3id.org/security/data-integrity/v1",
	    "data-integrity-v1.jsonld" },
	{ "https://w3id.org/security/data-integrity/v2",
	    "data-integrity-v2.jsonld" },
	{ "https://w3id.org/security/multikey/v1", "multikey-v1.jsonld" },
	{ "https://w3id.org/security/suites/ed25519-2020/v1",
	    "ed25519-signature-2020-v1.jsonld" },
	{ "https://w3id.org/security/suites/ed25519-2018/v1",
	    "suites-ed25519-2018.jsonld" },
	{ "https://w3id.org/security/suites/x25519-2020/v1",
	    "x25519-key-agreement-2020-v1.json" },
	{ "https://w3id.org/security/v1", "security-v1.jsonld" },
	{ "https://w3id.org/security/v2", "security-v2.jsonld" },
	{ "https://www.w3.org/ns/did/v1", "did-v1.jsonld" },
	{ "https://www.w3.org/ns/credentials/status/v1",
	    "vc-bitstring-status-list-v1.jsonld" },
	{ "https://w3id.org/dcc/v1", "dcc-v1.json" },
};
#define NKNOWN	(sizeof(known) / sizeof(known[0]))

#define MAX_CONTEXT_URLS	10	/* nested remote contexts, as jsonld.js */
#define GLOBAL_MEMO_MAX		1024	/* cached derived contexts */
#define DOC_DERIVE_MAX		10000	/* contexts built for one document */
#define DOC_WORK_MAX		4000000UL	/* expansion steps per document */

/* ---------------------------------------------------------------- */
/* Term definitions and active contexts                              */

enum {
	CT_LIST = 0x01, CT_SET = 0x02, CT_GRAPH = 0x04, CT_ID = 0x08,
	CT_INDEX = 0x10, CT_LANGUAGE = 0x20, CT_TYPE = 0x40
};

struct term {
	const char		*name;
	size_t			 namelen;
	uint32_t		 hash;
	const char		*iri;		/* NULL: mapped to null */
	const char		*type;		/* NULL, "@id", "@vocab", "@json",
						   "@none" or an IRI */
	const struct json	*ctx;		/* scoped context (has_ctx) */
	const char		*language;	/* has_language; NULL is null */
	const char		*direction;	/* has_direction */
	const char		*index;		/* @index, or NULL */
	const char		*nest;		/* @nest, or NULL */
	unsigned		 container;	/* CT_*, when has_container */
	bool			 has_ctx, ctx_global, has_language,
				 has_direction, has_container, has_type;
	bool			 reverse, prefix, prefix_set, prot;
	bool			 has_colon;
};

struct actx {
	struct term		**slot;		/* open addressing */
	uint32_t		 size;		/* power of two, or 0 */
	uint32_t		 used;		/* live and deleted slots */
	const char		*vocab;		/* NULL: none */
	const char		*base;		/* when has_base; NULL is null */
	const char		*language;	/* default language, or NULL */
	const char		*direction;	/* default direction, or NULL */
	const struct actx	*previous;	/* before type-scoped contexts */
	bool			 has_base;
	bool			 global;	/* lives in the process arena */
	bool			 protected_any;	/* a term was ever protected */
};

/* Marks a deleted slot. */
static const struct term tombstone;
#define TOMB	((struct term *)(uintptr_t)&tombstone)

/* A derived context: parent with the local context local, and flags. */
struct memo_ent {
	uint64_t		 hash;
	const struct actx	*parent;
	const void		*local;
	unsigned		 flags;
	const struct actx	*child;
};

/* The derived contexts by (parent, local, flags), entries in an arena. */
struct memo {
	struct htab		 tab;
};

/* The process-wide state: parsed contexts and derived contexts. */
static struct {
	pthread_once_t		 once;
	pthread_mutex_t		 lock;
	int			 status;
	const char		*bad;		/* file that did not parse */
	struct arena		 arena;
	const struct json	*doc[NKNOWN];	/* each file's "@context" */
	struct memo		 memo;
	struct actx		 initial;
} G = {
	.once = PTHREAD_ONCE_INIT,
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.initial = { NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, false, true,
	    false },
};

/*
 * A quick hash, eight bytes at a time, of term names and keys (for the
 * tables, not for security).
 */
static uint64_t
quick_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL, w;

	for (; n >= 8; n -= 8, s += 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	return h ^ (h >> 32);
}

static uint32_t
hash_str(const char *s, size_t n)
{
	return (uint32_t)quick_hash(s, n);
}

static const struct term *
ctx_get(const struct actx *c, const char *name, size_t len)
{
	uint32_t h, i, mask;
	const struct term *t;

	if (c->size == 0 || name == NULL)
		return NULL;
	h = hash_str(name, len);
	mask = c->size - 1;
	for (i = h & mask; (t = c->slot[i]) != NULL; i = (i + 1) & mask)
		if (t != TOMB && t->hash == h && t->namelen == len &&
		    memcmp(t->name, name, len) == 0)
			return t;
	return NULL;
}

static const struct term *
ctx_term(const struct actx *c, const char *name)
{
	return name == NULL ? NULL : ctx_get(c, name, strlen(name));
}

static void
ctx_rehash(struct actx *c, struct arena *a, uint32_t size)
{
	struct term **old = c->slot;
	uint32_t oldsize = c->size, i, j;

	c->slot = arena_alloc(a, size * sizeof(*c->slot));
	c->size = size;
	c->used = 0;
	for (i = 0; i < oldsize; i++) {
		if (old[i] == NULL || old[i] == TOMB)
			continue;
		for (j = old[i]->hash & (size - 1); c->slot[j] != NULL;
		    j = (j + 1) & (size - 1))
			;
		c->slot[j] = old[i];
		c->used++;
	}
}

/* A copy of parent that can be changed (its slot array is private). */
static struct actx *
ctx_clone(struct arena *a, const struct actx *parent)
{
	struct actx *c = arena_alloc(a, sizeof(*c));

	*c = *parent;
	c->slot = NULL;
	c->size = 0;
	c->used = 0;
	if (parent->size == 0) {
		c->size = 64;
		c->slot = arena_alloc(a, c->size * sizeof(*c->slot));
		return c;
	}
	c->size = parent->size;
	c->slot = arena_alloc(a, c->size * sizeof(*c->slot));
	memcpy(c->slot, parent->slot, c->size * sizeof(*c->slot));
	c->used = parent->used;
	if (c->used * 2 >= c->size)
		ctx_rehash(c, a, c->size * 2);
	return c;
}

static void
ctx_del(struct actx *c, const char *name, size_t len)
{
	uint32_t h, i, mask;
	struct term *t;

	if (c->size == 0)
		return;
	h = hash_str(name, len);
	mask = c->size - 1;
	for (i = h & mask; (t = c->slot[i]) != NULL; i = (i + 1) & mask)
		if (t != TOMB && t->hash == h && t->namelen == len &&
		    memcmp(t->name, name, len) == 0) {
			c->slot[i] = TOMB;
			return;
		}
}

static void
ctx_put(struct actx *c, struct arena *a, struct term *t)
{
	uint32_t i, mask, tomb = UINT32_MAX;
	struct term *s;

	if ((c->used + 1) * 2 >= c->size)
		ctx_rehash(c, a, c->size * 2);
	mask = c->size - 1;
	for (i = t->hash & mask; (s = c->slot[i]) != NULL;
	    i = (i + 1) & mask) {
		if (s == TOMB) {
			if (tomb == UINT32_MAX)
				tomb = i;
			continue;
		}
		if (s->hash == t->hash && s->namelen == t->namelen &&
		    memcmp(s->name, t->name, t->namelen) == 0) {
			c->slot[i] = t;
			return;
		}
	}
	if (tomb != UINT32_MAX)
		i = tomb;
	else
		c->used++;
	c->slot[i] = t;
}

/* ---------------------------------------------------------------- */
/* Small helpers                                                     */

/* Indexes into keywords[]. */
enum {
	K_BASE,
	K_CONTAINER,
	K_CONTEXT,
	K_DEFAULT,
	K_DIRECTION,
	K_EMBED,
	K_EXPLICIT,
	K_GRAPH,
	K_ID,
	K_INCLUDED,
	K_INDEX,
	K_JSON,
	K_LANGUAGE,
	K_LIST,
	K_NEST,
	K_NONE,
	K_OMITDEFAULT,
	K_PREFIX,
	K_PRESERVE,
	K_PROTECTED,
	K_REQUIREALL,
	K_REVERSE,
	K_SET,
	K_TYPE,
	K_VALUE,
	K_VERSION,
	K_VOCAB,
	NKEYWORDS
};

static const char *const keywords[NKEYWORDS] = {
	"@base", "@container", "@context", "@default", "@direction",
	"@embed", "@explicit", "@graph", "@id", "@included", "@index",
	"@json", "@language", "@list", "@nest", "@none", "@omitDefault",
	"@prefix", "@preserve", "@protected", "@requireAll", "@reverse",
	"@set", "@type", "@value", "@version", "@vocab"
};

/* The keyword's index in keywords[], or -1. */
static int
keyword_index(const char *s)
{
	size_t i;

	if (s == NULL || s[0] != '@')
		return -1;
	for (i = 0; i < NKEYWORDS; i++)
		if (keywords[i][1] == s[1] && strcmp(s, keywords[i]) == 0)
			return (int)i;
	return -1;
}

static bool
is_keyword(const char *s)
{
	return keyword_index(s) >= 0;
}

static bool
streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* /^@[a-zA-Z]+$/ */
static bool
keyword_like(const char *s)
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
static size_t
js_space(const unsigned char *s)
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
static bool
is_absolute(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	if (s == NULL)
		return false;
	if (u[0] == '_' && u[1] == ':')
		i = 2;
	else {
		if (!((u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z')))
			return false;
		for (i = 1; (u[i] >= 'a' && u[i] <= 'z') ||
		    (u[i] >= 'A' && u[i] <= 'Z') || (u[i] >= '0' && u[i] <= '9') ||
		    (u[i] >= '+' && u[i] <= '.'); i++)
			;
		if (u[i] != ':')
			return false;
		i++;
	}
	/* No JavaScript white space: ASCII 0x09-0x0d and space, and a few
	 * characters of two or three UTF-8 bytes. */
	for (; u[i] != '\0'; i++)
		if ((u[i] <= 0x20 || u[i] >= 0xc2) && js_space(u + i) != 0)
			return false;
	return true;
}

static bool
is_bnode_id(const char *s)
{
	return s != NULL && s[0] == '_' && s[1] == ':';
}

/* /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/ */
static bool
bcp47(const char *s)
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

static char *
lower(struct arena *a, const char *s)
{
	char *r = arena_strdup(a, s);
	char *p;

	for (p = r; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return r;
}

static char *
concat(struct arena *a, const char *x, const char *y)
{
	size_t n = strlen(x), m = strlen(y);
	char *r = arena_alloc(a, n + m + 1);

	memcpy(r, x, n);
	memcpy(r + n, y, m);
	return r;
}

/* A string the member names as a C string (or NULL if it holds NUL). */
static const char *
cstr(const struct json *v)
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
static const char *
resolve(struct arena *a, const char *base, const char *iri)
{
	struct uri b, r;
	struct buf path = BUF_INIT, out = BUF_INIT;
	const char *res, *slash;

	if (base == NULL || is_absolute(iri))
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

/* ---------------------------------------------------------------- */
/* State of one conversion                                          */

struct jst {
	struct arena	*a;		/* the document's arena */
	struct diag	*d;
	struct memo	 memo;		/* derivations of document contexts */
	size_t		 derived;	/* contexts built for this document */
	unsigned long	 work;		/* expansion steps left */
	bool		 locked;	/* holding G.lock */
};

/* Reports "jsonld: <path>: <message>" and returns -1. */
static int
jerr(struct jst *st, const struct json *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
jerr(struct jst *st, const struct json *where, const char *fmt, ...)
{
	struct buf path = BUF_INIT, msg = BUF_INIT;
	va_list ap;

	const struct json *root;
	size_t i;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	/* In a compiled-in context: say which. */
	for (root = where; root != NULL && root->parent != NULL;
	    root = root->parent)
		;
	for (i = 0; root != NULL && i < NKNOWN; i++)
		if (G.doc[i] != NULL && G.doc[i]->parent == root) {
			buf_printf(&path, "context %s: ", known[i].url);
			break;
		}
	if (where != NULL)
		json_path(where, &path);
	else
		buf_putc(&path, '$');
	diag_err(st->d, "jsonld: %s: %s", path.data, msg.data);
	buf_release(&path);
	buf_release(&msg);
	return -1;
}

static int
spend(struct jst *st, const struct json *where)
{
	if (st->work == 0)
		return jerr(st, where, "document too complex to expand");
	st->work--;
	return 0;
}

/* The compiled-in context for url: its "@context" value, or NULL. */
static const struct json *
known_context(const char *url)
{
	size_t i;

	for (i = 0; i < NKNOWN; i++)
		if (strcmp(known[i].url, url) == 0)
			return G.doc[i];
	return NULL;
}

bool
jsonld_context_known(const char *url)
{
	size_t i;

	for (i = 0; i < NKNOWN; i++)
		if (strcmp(known[i].url, url) == 0)
			return true;
	return false;
}

static void
init_once(void)
{
	const struct embedded_file *f;
	struct diag d = DIAG_INIT;
	struct json *v;
	size_t i;

	d.quiet = true;
	for (i = 0; i < NKNOWN; i++) {
		for (f = embedded_contexts; f->path != NULL; f++)
			if (strcmp(f->path, known[i].file) == 0)
				break;
		if (f->path == NULL || json_parse(&v, &G.arena, f->path,
		    (const char *)f->data, f->len, &d) < 0 ||
		    json_get(v, "@context") == NULL) {
			G.status = -1;
			G.bad = known[i].file;
			return;
		}
		G.doc[i] = json_get(v, "@context");
	}
}

int
jsonld_init(struct diag *d)
{
	pthread_once(&G.once, init_once);
	if (G.status < 0)
		return diag_err(d, "jsonld: compiled-in context %s does not "
		    "parse", G.bad);
	return 0;
}

/* ---------------------------------------------------------------- */
/* Memo of derived contexts                                          */

static uint64_t
memo_hash(const struct actx *parent, const void *local, unsigned flags)
{
	uint64_t h;

	h = ((uintptr_t)parent * 31u) ^ ((uintptr_t)local * 17u) ^ flags;
	return h ^ (h >> 17);
}

static uint64_t
memo_ent_hash(const void *e)
{
	return ((const struct memo_ent *)e)->hash;
}

static const struct actx *
memo_get(const struct memo *m, const struct actx *parent, const void *local,
    unsigned flags)
{
	struct htab_iter it;
	const struct memo_ent *e;

	for (e = htab_first(&m->tab, memo_hash(parent, local, flags), &it);
	    e != NULL; e = htab_next(&m->tab, &it))
		if (e->parent == parent && e->local == local &&
		    e->flags == flags)
			return e->child;
	return NULL;
}

/* Records child (parent, local and flags are not in m yet), in a. */
static void
memo_put(struct memo *m, struct arena *a, const struct actx *parent,
    const void *local, unsigned flags, const struct actx *child)
{
	struct memo_ent *e = arena_alloc(a, sizeof(*e));
	struct htab_iter it;
	const void *o;

	e->hash = memo_hash(parent, local, flags);
	e->parent = parent;
	e->local = local;
	e->flags = flags;
	e->child = child;
	for (o = htab_first(&m->tab, e->hash, &it); o != NULL;
	    o = htab_next(&m->tab, &it))
		continue;
	htab_insert(&m->tab, &it, e, memo_ent_hash);
}

/* ---------------------------------------------------------------- */
/* Context processing                                                */

struct cproc {
	struct jst		*st;
	struct arena		*a;		/* where the context is built */
	struct actx		*rval;
	const struct json	*local;		/* the local context object */
	const struct json	**members;
	unsigned char		*defined;	/* 0 no, 1 defining, 2 done */
	size_t			 nmembers;
	bool			 global;	/* local is compiled-in */
	bool			 override;
	bool			 protected_default;
};

static int ctx_process(const struct actx **, struct jst *,
    const struct actx *, const struct json *, bool, bool, bool, int);
static int expand_iri(const char **, struct cproc *, struct arena *,
    const struct actx *, const char *, bool, bool);

static long
member_index(const struct cproc *cp, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < cp->nmembers; i++)
		if (cp->members[i]->keylen == n &&
		    memcmp(cp->members[i]->key, name, n) == 0)
			return (long)i;
	return -1;
}

static bool
is_keyword_defined(const char *k)
{
	/* Handled before the terms (jsonld.js marks them defined). */
	return strcmp(k, "@version") == 0 || strcmp(k, "@base") == 0 ||
	    strcmp(k, "@vocab") == 0 || strcmp(k, "@language") == 0 ||
	    strcmp(k, "@direction") == 0 || strcmp(k, "@propagate") == 0 ||
	    strcmp(k, "@import") == 0;
}

static bool
term_equal(const struct term *x, const struct term *y)
{
	return streq(x->iri, y->iri) && x->has_type == y->has_type &&
	    streq(x->type, y->type) && x->has_ctx == y->has_ctx &&
	    (!x->has_ctx || json_equal(x->ctx, y->ctx)) &&
	    x->has_language == y->has_language &&
	    streq(x->language, y->language) &&
	    x->has_direction == y->has_direction &&
	    streq(x->direction, y->direction) && streq(x->index, y->index) &&
	    streq(x->nest, y->nest) && x->has_container == y->has_container &&
	    x->container == y->container && x->reverse == y->reverse &&
	    x->prefix_set == y->prefix_set && x->prefix == y->prefix &&
	    x->prot == y->prot;
}

static bool
ends_gen_delim(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && strchr(":/?#[]@", s[n - 1]) != NULL;
}

static int
parse_container(struct term *t, struct cproc *cp, const struct json *v)
{
	struct jst *st = cp->st;
	const struct json *c;
	unsigned bit, mask = 0, n = 0;
	bool valid = true;
	const char *s;

	if (v->type == JSON_NULL)
		goto done;
	if (v->type != JSON_STRING && v->type != JSON_ARRAY)
		return jerr(st, v, "invalid @container");
	for (c = v->type == JSON_ARRAY ? v->child : v; c != NULL;
	    c = v->type == JSON_ARRAY ? c->next : NULL) {
		if ((s = cstr(c)) == NULL)
			return jerr(st, c, "invalid @container");
		if (strcmp(s, "@list") == 0)
			bit = CT_LIST;
		else if (strcmp(s, "@set") == 0)
			bit = CT_SET;
		else if (strcmp(s, "@graph") == 0)
			bit = CT_GRAPH;
		else if (strcmp(s, "@id") == 0)
			bit = CT_ID;
		else if (strcmp(s, "@index") == 0)
			bit = CT_INDEX;
		else if (strcmp(s, "@language") == 0)
			bit = CT_LANGUAGE;
		else if (strcmp(s, "@type") == 0)
			bit = CT_TYPE;
		else
			return jerr(st, c, "invalid @container value \"%s\"",
			    s);
		mask |= bit;
		n++;
	}
	if (mask & CT_LIST) {
		if (n != 1)
			return jerr(st, v, "@container with @list must have "
			    "no other values");
	} else if (mask & CT_GRAPH) {
		if (mask & ~(CT_GRAPH | CT_ID | CT_INDEX | CT_SET))
			return jerr(st, v, "@container with @graph allows "
			    "only @id, @index and @set besides");
	} else
		valid = n <= ((mask & CT_SET) ? 2u : 1u);
	if (mask & CT_TYPE) {
		if (!t->has_type) {
			t->has_type = true;
			t->type = "@id";
		}
		if (!streq(t->type, "@id") && !streq(t->type, "@vocab"))
			return jerr(st, v, "@container @type needs @type "
			    "@id or @vocab");
	}
	if (!valid)
		return jerr(st, v, "invalid @container");
	if (t->reverse && (mask & ~(CT_INDEX | CT_SET)))
		return jerr(st, v, "@container of a @reverse term must be "
		    "@index or @set");
done:
	t->has_container = true;
	t->container = mask;
	return 0;
}

/* jsonld.js: term.match(/(?::[^:])|\//) */
static bool
looks_like_iri(const char *term)
{
	const char *p;

	if (strchr(term, '/') != NULL)
		return true;
	for (p = term; (p = strchr(p, ':')) != NULL; p++)
		if (p[1] != '\0' && p[1] != ':')
			return true;
	return false;
}

/* jsonld.js createTermDefinition for member i of the local context. */
static int
create_term(struct cproc *cp, size_t i)
{
	struct jst *st = cp->st;
	const struct json *m = cp->members[i], *k, *v, *idv = NULL;
	const struct term *prev;
	struct term *t;
	const char *term = m->key, *id, *s, *colon, *tid;
	bool simple = false;
	long pi;

	if (cp->defined[i] == 2)
		return 0;
	if (cp->defined[i] == 1)
		return jerr(st, m, "cyclic IRI mapping for term \"%s\"", term);
	cp->defined[i] = 1;
	if (strlen(term) != m->keylen)
		return jerr(st, m, "term holds a NUL character");

	if (strcmp(term, "@type") == 0 && m->type == JSON_OBJECT &&
	    (json_get(m, "@container") == NULL ||
	    json_str_eq(json_get(m, "@container"), "@set"))) {
		if (m->len == 0)
			return jerr(st, m, "keywords cannot be overridden");
		for (k = m->child; k != NULL; k = k->next)
			if (strcmp(k->key, "@container") != 0 &&
			    strcmp(k->key, "@id") != 0 &&
			    strcmp(k->key, "@protected") != 0)
				return jerr(st, m, "keywords cannot be "
				    "overridden");
	} else if (is_keyword(term))
		return jerr(st, m, "keyword %s cannot be redefined", term);
	else if (keyword_like(term))
		return jerr(st, m, "term \"%s\" looks like a keyword "
		    "(reserved)", term);
	else if (term[0] == '\0')
		return jerr(st, m, "a term cannot be empty");

	prev = ctx_get(cp->rval, term, m->keylen);
	ctx_del(cp->rval, term, m->keylen);

	if (m->type == JSON_STRING || m->type == JSON_NULL) {
		simple = true;
		idv = m;
	} else if (m->type == JSON_OBJECT) {
		for (k = m->child; k != NULL; k = k->next)
			if (strcmp(k->key, "@container") != 0 &&
			    strcmp(k->key, "@id") != 0 &&
			    strcmp(k->key, "@language") != 0 &&
			    strcmp(k->key, "@reverse") != 0 &&
			    strcmp(k->key, "@type") != 0 &&
			    strcmp(k->key, "@context") != 0 &&
			    strcmp(k->key, "@direction") != 0 &&
			    strcmp(k->key, "@index") != 0 &&
			    strcmp(k->key, "@nest") != 0 &&
			    strcmp(k->key, "@prefix") != 0 &&
			    strcmp(k->key, "@protected") != 0)
				return jerr(st, k, "a term definition must not "
				    "contain %s", k->key);
		idv = json_get(m, "@id");
	} else
		return jerr(st, m, "term definition must be a string or an "
		    "object");

	t = arena_alloc(cp->a, sizeof(*t));
	t->name = term;
	t->namelen = m->keylen;
	t->hash = hash_str(term, m->keylen);
	colon = strchr(term, ':');
	t->has_colon = colon != NULL && colon != term;

	if (!simple && (v = json_get(m, "@reverse")) != NULL) {
		if (idv != NULL)
			return jerr(st, m, "a @reverse term must not contain "
			    "@id");
		if (json_get(m, "@nest") != NULL)
			return jerr(st, m, "a @reverse term must not contain "
			    "@nest");
		if ((s = cstr(v)) == NULL)
			return jerr(st, v, "@reverse value must be a string");
		if (keyword_like(s))
			return jerr(st, v, "@reverse value \"%s\" is reserved",
			    s);
		if (expand_iri(&id, cp, cp->a, cp->rval, s, true, false) < 0)
			return -1;
		if (!is_absolute(id))
			return jerr(st, v, "@reverse value must be an absolute "
			    "IRI or a blank node identifier");
		t->iri = id;
		t->reverse = true;
		goto have_id;
	}
	if (idv != NULL) {
		if (idv->type == JSON_NULL) {
			t->iri = NULL;
			goto have_id;
		}
		if (idv->type != JSON_STRING)
			return jerr(st, idv, "@id of a term must be a string");
		if ((s = cstr(idv)) == NULL)
			return jerr(st, idv, "IRI holds a NUL character");
		if (!is_keyword(s) && keyword_like(s))
			return jerr(st, idv, "@id value \"%s\" is reserved", s);
		if (strcmp(s, term) != 0) {
			if (expand_iri(&id, cp, cp->a, cp->rval, s, true,
			    false) < 0)
				return -1;
			if (!is_absolute(id) && !is_keyword(id))
				return jerr(st, idv, "@id of term \"%s\" must "
				    "expand to an absolute IRI, a blank node "
				    "or a keyword", term);
			/* A term that looks like an IRI must expand to its
			 * @id. */
			if (looks_like_iri(term)) {
				cp->defined[i] = 2;
				if (expand_iri(&tid, cp, cp->a, cp->rval, term,
				    true, false) < 0)
					return -1;
				cp->defined[i] = 1;
				if (!streq(tid, id))
					return jerr(st, m, "term \"%s\" has "
					    "the form of an IRI and must "
					    "expand to its @id", term);
			}
			t->iri = id;
			t->prefix_set = true;
			t->prefix = simple && !t->has_colon &&
			    ends_gen_delim(id);
			goto have_id;
		}
	}
	if (t->has_colon) {
		char *prefix = arena_strndup(cp->a, term,
		    (size_t)(colon - term));
		const struct term *pt;

		if ((pi = member_index(cp, prefix)) >= 0 &&
		    create_term(cp, (size_t)pi) < 0)
			return -1;
		if ((pt = ctx_term(cp->rval, prefix)) != NULL) {
			if (pt->iri == NULL)
				return jerr(st, m, "prefix \"%s\" is mapped "
				    "to null", prefix);
			t->iri = concat(cp->a, pt->iri, colon + 1);
		} else
			t->iri = term;
	} else if (strcmp(term, "@type") == 0)
		t->iri = "@type";
	else {
		if (cp->rval->vocab == NULL)
			return jerr(st, m, "term \"%s\" must define an @id "
			    "(no @vocab)", term);
		t->iri = concat(cp->a, cp->rval->vocab, term);
	}
have_id:
	v = simple ? NULL : json_get(m, "@protected");
	if (v != NULL && v->type == JSON_TRUE)
		t->prot = true;
	else if (cp->protected_default && (v == NULL || v->type != JSON_FALSE))
		t->prot = true;
	if (t->prot)
		cp->rval->protected_any = true;
	cp->defined[i] = 2;
	if (simple)
		goto check;

	if ((v = json_get(m, "@type")) != NULL) {
		if ((s = cstr(v)) == NULL)
			return jerr(st, v, "@type of a term must be a string");
		if (strcmp(s, "@json") != 0 && strcmp(s, "@none") != 0 &&
		    strcmp(s, "@id") != 0 && strcmp(s, "@vocab") != 0) {
			if (expand_iri(&s, cp, cp->a, cp->rval, s, true,
			    false) < 0)
				return -1;
			if (!is_absolute(s))
				return jerr(st, v, "@type of term \"%s\" must "
				    "be an absolute IRI", term);
			if (is_bnode_id(s))
				return jerr(st, v, "@type of term \"%s\" must "
				    "not be a blank node", term);
		}
		t->has_type = true;
		t->type = s;
	}
	if ((v = json_get(m, "@container")) != NULL &&
	    parse_container(t, cp, v) < 0)
		return -1;
	if ((v = json_get(m, "@index")) != NULL) {
		if (!(t->container & CT_INDEX))
			return jerr(st, v, "@index without @index in "
			    "@container");
		if ((s = cstr(v)) == NULL || s[0] == '@')
			return jerr(st, v, "@index must expand to an IRI");
		t->index = s;
	}
	if ((v = json_get(m, "@context")) != NULL) {
		t->has_ctx = true;
		t->ctx = v;
		t->ctx_global = cp->global;
	}
	if ((v = json_get(m, "@language")) != NULL &&
	    json_get(m, "@type") == NULL) {
		if (v->type != JSON_NULL && (s = cstr(v)) == NULL)
			return jerr(st, v, "@language must be a string or "
			    "null");
		/* jsonld.js does not check this one; a bad tag would make
		 * the N-Quads invalid. */
		if (v->type != JSON_NULL && !bcp47(s))
			return jerr(st, v, "@language value \"%s\" is not "
			    "BCP47", s);
		t->has_language = true;
		t->language = v->type == JSON_NULL ? NULL : lower(cp->a, s);
	}
	if ((v = json_get(m, "@prefix")) != NULL) {
		if (strchr(term, ':') != NULL || strchr(term, '/') != NULL)
			return jerr(st, v, "@prefix used on a compact IRI "
			    "term");
		if (is_keyword(t->iri))
			return jerr(st, v, "keywords may not be used as "
			    "prefixes");
		if (v->type != JSON_TRUE && v->type != JSON_FALSE)
			return jerr(st, v, "@prefix must be true or false");
		t->prefix_set = true;
		t->prefix = v->type == JSON_TRUE;
	}
	if ((v = json_get(m, "@direction")) != NULL) {
		s = cstr(v);
		if (v->type != JSON_NULL && !streq(s, "ltr") &&
		    !streq(s, "rtl"))
			return jerr(st, v, "@direction must be null, \"ltr\" "
			    "or \"rtl\"");
		t->has_direction = true;
		t->direction = v->type == JSON_NULL ? NULL : s;
	}
	if ((v = json_get(m, "@nest")) != NULL) {
		if ((s = cstr(v)) == NULL || (strcmp(s, "@nest") != 0 &&
		    s[0] == '@'))
			return jerr(st, v, "invalid @nest value");
		t->nest = s;
	}
check:
	if (streq(t->iri, "@context") || streq(t->iri, "@preserve"))
		return jerr(st, m, "@context and @preserve cannot be aliased");
	if (prev != NULL && prev->prot && !cp->override) {
		t->prot = true;
		cp->rval->protected_any = true;
		if (!term_equal(prev, t))
			return jerr(st, m, "protected term \"%s\" cannot be "
			    "redefined", term);
	}
	ctx_put(cp->rval, cp->a, t);
	return 0;
}

/*
 * jsonld.js _expandIri.  When cp is set (context processing), terms of
 * the local context that value depends on are defined first.  Strings
 * built on the way are allocated in a.  *out is NULL when value expands
 * to nothing (a term mapped to null, a reserved "@name").
 */
static int
expand_iri(const char **out, struct cproc *cp, struct arena *a,
    const struct actx *c, const char *value, bool vocab, bool base)
{
	const struct term *t;
	const char *colon, *suffix;
	char *prefix;
	long i;
	size_t n;

	*out = value;
	if (value == NULL || is_keyword(value))
		return 0;
	if (keyword_like(value)) {
		*out = NULL;
		return 0;
	}
	if (cp != NULL && (i = member_index(cp, value)) >= 0 &&
	    cp->defined[i] != 2 && create_term(cp, (size_t)i) < 0)
		return -1;
	if (vocab && (t = ctx_term(c, value)) != NULL) {
		*out = t->iri;
		return 0;
	}
	if ((colon = strchr(value, ':')) != NULL && colon != value) {
		suffix = colon + 1;
		if ((colon - value == 1 && value[0] == '_') ||
		    (suffix[0] == '/' && suffix[1] == '/'))
			return 0;
		n = (size_t)(colon - value);
		if (cp != NULL) {
			prefix = arena_strndup(a, value, n);
			if ((i = member_index(cp, prefix)) >= 0 &&
			    create_term(cp, (size_t)i) < 0)
				return -1;
		}
		t = ctx_get(c, value, n);
		if (t != NULL && t->prefix && t->iri != NULL) {
			*out = concat(a, t->iri, suffix);
			return 0;
		}
		if (is_absolute(value))
			return 0;
	}
	if (vocab && c->vocab != NULL) {
		*out = concat(a, c->vocab, value);
		return 0;
	}
	if (base && c->has_base && c->base != NULL)
		*out = resolve(a, c->base, value);
	return 0;
}

/* Processes one local context object onto parent; jsonld.js process(). */
static int
ctx_process_obj(const struct actx **out, struct jst *st,
    const struct actx *parent, const struct json *obj, bool global,
    bool propagate, bool override, struct arena *a, bool out_global, int depth)
{
	struct cproc cp;
	const struct json *v, *imp, *m, *k;
	struct json *merged = NULL, *copy;
	const char *s, *vocab;
	size_t i;
	int rc = -1;

	memset(&cp, 0, sizeof(cp));
	cp.st = st;
	cp.a = a;
	cp.global = global;
	cp.override = override;
	cp.rval = ctx_clone(a, parent);
	cp.rval->global = out_global;
	cp.rval->previous = parent->previous != NULL ? parent->previous :
	    propagate ? NULL : parent;
	cp.local = obj;

	if ((v = json_get(obj, "@version")) != NULL &&
	    (v->type != JSON_NUMBER || v->num != 1.1))
		return jerr(st, v, "unsupported JSON-LD version");
	if ((v = json_get(obj, "@base")) != NULL) {
		if (v->type == JSON_NULL) {
			cp.rval->has_base = true;
			cp.rval->base = NULL;
		} else if ((s = cstr(v)) != NULL) {
			cp.rval->base = is_absolute(s) ? s : resolve(a,
			    cp.rval->has_base ? cp.rval->base : "", s);
			cp.rval->has_base = true;
		} else
			return jerr(st, v, "invalid @base");
	}
	if ((v = json_get(obj, "@vocab")) != NULL) {
		if (v->type == JSON_NULL)
			cp.rval->vocab = NULL;
		else if ((s = cstr(v)) == NULL)
			return jerr(st, v, "@vocab must be a string or null");
		else {
			if (expand_iri(&vocab, NULL, a, cp.rval, s, true,
			    true) < 0)
				return -1;
			if (vocab == NULL || !is_absolute(vocab))
				return jerr(st, v, "relative @vocab reference "
				    "\"%s\"", s);
			if (vocab != s && vocab != cp.rval->vocab)
				vocab = arena_strdup(a, vocab);
			cp.rval->vocab = vocab;
		}
	}
	if ((v = json_get(obj, "@language")) != NULL) {
		if (v->type == JSON_NULL)
			cp.rval->language = NULL;
		else if ((s = cstr(v)) == NULL)
			return jerr(st, v, "@language must be a string or "
			    "null");
		else {
			if (!bcp47(s))
				return jerr(st, v, "@language value \"%s\" is "
				    "not BCP47", s);
			cp.rval->language = lower(a, s);
		}
	}
	if ((v = json_get(obj, "@direction")) != NULL) {
		s = cstr(v);
		if (v->type == JSON_NULL)
			cp.rval->direction = NULL;
		else if (streq(s, "ltr") || streq(s, "rtl"))
			cp.rval->direction = s;
		else
			return jerr(st, v, "@direction must be null, \"ltr\" "
			    "or \"rtl\"");
	}
	if ((v = json_get(obj, "@propagate")) != NULL &&
	    v->type != JSON_TRUE && v->type != JSON_FALSE)
		return jerr(st, v, "@propagate must be true or false");
	if ((v = json_get(obj, "@import")) != NULL) {
		if ((s = cstr(v)) == NULL)
			return jerr(st, v, "@import must be a string");
		if ((imp = known_context(s)) == NULL)
			return jerr(st, v, "context %s is not compiled into "
			    "badgegen (contexts are never fetched)", s);
		if (imp->type != JSON_OBJECT)
			return jerr(st, v, "@import must reference a single "
			    "context");
		if (json_get(imp, "@import") != NULL)
			return jerr(st, v, "an imported context must not "
			    "include @import");
		/* The imported terms, overridden by the local ones. */
		merged = json_new(a, JSON_OBJECT);
		for (i = 0; i < 2; i++)
			for (m = i == 0 ? obj->child : imp->child; m != NULL;
			    m = m->next) {
				if (i == 1 && json_get(obj, m->key) != NULL)
					continue;
				copy = arena_alloc(a, sizeof(*copy));
				*copy = *m;
				copy->next = NULL;
				if (merged->last != NULL)
					merged->last->next = copy;
				else
					merged->child = copy;
				merged->last = copy;
				merged->len++;
			}
		obj = merged;
		cp.local = obj;
	}
	if ((v = json_get(obj, "@protected")) != NULL) {
		if (v->type == JSON_NULL || v->type == JSON_FALSE ||
		    (v->type == JSON_NUMBER && v->num == 0) ||
		    (v->type == JSON_STRING && v->len == 0))
			return jerr(st, v, "cyclic IRI mapping (@protected "
			    "false)");
		cp.protected_default = v->type == JSON_TRUE;
	}

	cp.nmembers = obj->len;
	cp.members = arena_alloc(a, (obj->len + 1) * sizeof(*cp.members));
	cp.defined = arena_alloc(a, obj->len + 1);
	for (i = 0, m = obj->child; m != NULL; m = m->next, i++) {
		cp.members[i] = m;
		if (is_keyword_defined(m->key) || strcmp(m->key,
		    "@protected") == 0)
			cp.defined[i] = 2;
	}
	for (i = 0; i < cp.nmembers; i++)
		if (create_term(&cp, i) < 0)
			goto out;

	/* A document's scoped contexts are checked now, as jsonld.js does;
	 * the compiled-in ones are known to be good. */
	if (!global) {
		for (m = obj->child; m != NULL; m = m->next) {
			const struct actx *scratch;

			if (m->type != JSON_OBJECT ||
			    (k = json_get(m, "@context")) == NULL)
				continue;
			if (depth > 32)
				return jerr(st, k, "scoped contexts nested too "
				    "deeply");
			if (ctx_process(&scratch, st, cp.rval, k, false, true,
			    true, depth + 1) < 0)
				return jerr(st, k, "invalid scoped context of "
				    "term \"%s\"", m->key);
		}
	}
	*out = cp.rval;
	rc = 0;
out:
	return rc;
}

/* The memo's mark for a derivation that failed. */
static const struct actx failed;

/*
 * Applies the single context element elem (an object) to parent,
 * through the memo tables.
 */
static int
ctx_derive(const struct actx **out, struct jst *st, const struct actx *parent,
    const struct json *elem, bool global, bool propagate, bool override,
    int depth)
{
	const struct actx *child;
	unsigned flags = (propagate ? 1u : 0u) | (override ? 2u : 0u);
	bool use_global = parent->global && global && !st->locked;
	int rc;

	if (use_global) {
		pthread_mutex_lock(&G.lock);
		child = memo_get(&G.memo, parent, elem, flags);
		if (child == NULL && G.memo.tab.n < GLOBAL_MEMO_MAX) {
			st->locked = true;
			rc = ctx_process_obj(&child, st, parent, elem, true,
			    propagate, override, &G.arena, true, depth);
			st->locked = false;
			/* A failure is remembered too, so that documents
			 * repeating it do not grow the process arena. */
			memo_put(&G.memo, &G.arena, parent, elem, flags,
			    rc == 0 ? child : &failed);
			pthread_mutex_unlock(&G.lock);
			if (rc < 0)
				return -1;
			*out = child;
			return 0;
		}
		pthread_mutex_unlock(&G.lock);
		if (child != NULL && child != &failed) {
			*out = child;
			return 0;
		}
		/* Failed before (rebuilt in the document's arena for the
		 * message), or the cache is full. */
	}
	if ((child = memo_get(&st->memo, parent, elem, flags)) != NULL) {
		*out = child;
		return 0;
	}
	if (++st->derived > DOC_DERIVE_MAX)
		return jerr(st, elem, "too many contexts to process");
	if (ctx_process_obj(&child, st, parent, elem, global, propagate,
	    override, st->a, false, depth) < 0)
		return -1;
	memo_put(&st->memo, st->a, parent, elem, flags, child);
	*out = child;
	return 0;
}

struct celem {
	const struct json	*v;
	bool			 global;
};

/* Flattens a local context into its elements, resolving URLs. */
static int
ctx_resolve(struct celem *out, size_t *n, size_t max, struct jst *st,
    const struct json *local, bool global, const char **urls, size_t *nurls)
{
	const struct json *e, *doc, *inner;
	const char *url;
	size_t i;

	if (local->type == JSON_OBJECT && (inner = json_get(local,
	    "@context")) != NULL && inner->type != JSON_NULL &&
	    !(inner->type == JSON_FALSE) &&
	    !(inner->type == JSON_STRING && inner->len == 0))
		local = inner;
	for (e = local->type == JSON_ARRAY ? local->child : local; e != NULL;
	    e = local->type == JSON_ARRAY ? e->next : NULL) {
		if (e->type == JSON_STRING) {
			if ((url = cstr(e)) == NULL)
				return jerr(st, e, "bad context URL");
			for (i = 0; i < *nurls; i++)
				if (strcmp(urls[i], url) == 0)
					return jerr(st, e, "cyclical @context "
					    "URLs (%s)", url);
			if (*nurls >= MAX_CONTEXT_URLS)
				return jerr(st, e, "too many nested @context "
				    "URLs");
			if ((doc = known_context(url)) == NULL)
				return jerr(st, e, "context %s is not "
				    "compiled into badgegen (contexts are "
				    "never fetched)", url);
			urls[(*nurls)++] = url;
			if (ctx_resolve(out, n, max, st, doc, true, urls,
			    nurls) < 0)
				return -1;
			(*nurls)--;
			continue;
		}
		if (e->type != JSON_NULL && e->type != JSON_OBJECT)
			return jerr(st, e, "@context must be an object");
		if (*n >= max)
			return jerr(st, e, "too many contexts");
		out[*n].v = e;
		out[*n].global = global;
		(*n)++;
	}
	return 0;
}

/* jsonld.js context.process(activeCtx, localCtx, propagate, override). */
static int
ctx_process(const struct actx **out, struct jst *st, const struct actx *active,
    const struct json *local, bool global, bool propagate, bool override,
    int depth)
{
	struct celem el[64];
	const char *urls[MAX_CONTEXT_URLS + 1];
	const struct actx *cur = active;
	const struct json *e, *p;
	size_t n = 0, nurls = 0, i;

	if (local->type == JSON_OBJECT && (e = json_get(local, "@context")) !=
	    NULL && e->type == JSON_ARRAY)
		local = e;
	if (local->type == JSON_ARRAY && local->len == 0) {
		*out = active;
		return 0;
	}
	if (ctx_resolve(el, &n, sizeof(el) / sizeof(el[0]), st, local, global,
	    urls, &nurls) < 0)
		return -1;
	if (n > 0 && el[0].v->type == JSON_OBJECT &&
	    (p = json_get(el[0].v, "@propagate")) != NULL &&
	    (p->type == JSON_TRUE || p->type == JSON_FALSE))
		propagate = p->type == JSON_TRUE;
	for (i = 0; i < n; i++) {
		e = el[i].v;
		if (e->type == JSON_NULL) {
			if (!override && cur->protected_any)
				return jerr(st, e, "cannot nullify a context "
				    "with protected terms");
			cur = &G.initial;
			continue;
		}
		if ((p = json_get(e, "@context")) != NULL) {
			if (p->type != JSON_OBJECT)
				return jerr(st, p, "@context must be an "
				    "object");
			e = p;
		}
		if (ctx_derive(&cur, st, cur, e, el[i].global,
		    i == 0 ? propagate : true, override, depth) < 0)
			return -1;
	}
	*out = cur;
	return 0;
}

/* Whether s is the keyword keywords[k]. */
static inline bool
kwis(const char *s, int k)
{
	return s != NULL && s[0] == '@' && strcmp(s, keywords[k]) == 0;
}

/* ---------------------------------------------------------------- */
/* The expanded form                                                 */

/* Bit of struct xobj's kw for a keyword entry. */
#define KW(k)	(1u << (k))

struct xobj;

struct xlist {
	struct xobj	*head, *tail;
	size_t		 n;
};

struct xstr {
	const char	*s;
	struct xstr	*next;
};

struct xprop {
	const char	*iri;
	struct xlist	 vals;
	struct xprop	*next;
};

/*
 * An expanded element as jsonld.js builds it: a map from keywords and
 * property IRIs to values, later read as a node, value, list, set or
 * graph object.  A raw element is a scalar jsonld.js keeps unexpanded
 * (the value of a keyword it ignores); it yields no RDF.
 */
struct xobj {
	struct xobj		*next;		/* in its list */
	const struct json	*src;		/* for messages */
	uint32_t		 kw;		/* keyword entries present */
	const char		*id;		/* @id; NULL is null */
	struct xstr		*types, *types_tail;
	size_t			 ntypes;
	const struct json	*value;		/* @value */
	const char		*vtype;		/* datatype of a value */
	const char		*lang, *dir;
	const char		*index;		/* @index, or NULL */
	struct xprop		*props;
	size_t			 nprops;
	struct xprop		*rev;		/* the @reverse map */
	struct xlist		 graph, list, set, included;
	bool			 raw;
};

enum { XR_NULL, XR_ONE, XR_ARRAY };

/* What expand() returns: null, one element, or an array of them. */
struct xres {
	int		 kind;
	struct xlist	 l;
};

static void
xl_add(struct xlist *l, struct xobj *o)
{
	o->next = NULL;
	if (l->tail != NULL)
		l->tail->next = o;
	else
		l->head = o;
	l->tail = o;
	l->n++;
}

static void
xl_cat(struct xlist *l, struct xlist *m)
{
	if (m->head == NULL)
		return;
	if (l->tail != NULL)
		l->tail->next = m->head;
	else
		l->head = m->head;
	l->tail = m->tail;
	l->n += m->n;
	m->head = m->tail = NULL;
	m->n = 0;
}

static void
xl_prepend(struct xlist *l, struct xobj *o)
{
	o->next = l->head;
	l->head = o;
	if (l->tail == NULL)
		l->tail = o;
	l->n++;
}

static struct xobj *
xnew(struct jst *st, const struct json *src)
{
	struct xobj *o = arena_alloc(st->a, sizeof(*o));

	o->src = src;
	return o;
}

static void
xres_one(struct xres *r, struct xobj *o)
{
	r->kind = XR_ONE;
	memset(&r->l, 0, sizeof(r->l));
	xl_add(&r->l, o);
}

/* Object.keys(expanded).length */
static size_t
xcount(const struct xobj *o)
{
	return (size_t)__builtin_popcount(o->kw) + o->nprops;
}

static bool
x_is_value(const struct xobj *o)
{
	return (o->kw & KW(K_VALUE)) != 0;
}

static bool
x_is_list(const struct xobj *o)
{
	return (o->kw & KW(K_LIST)) != 0;
}

static bool
x_is_graph(const struct xobj *o)
{
	return (o->kw & KW(K_GRAPH)) != 0 && o->nprops == 0 &&
	    (o->kw & ~(KW(K_GRAPH) | KW(K_ID) | KW(K_INDEX))) == 0;
}

static bool
x_is_subject(const struct xobj *o)
{
	if (o->raw || (o->kw & (KW(K_VALUE) | KW(K_SET) | KW(K_LIST))))
		return false;
	return xcount(o) > 1 || !(o->kw & KW(K_ID));
}

static bool
x_is_bnode(const struct xobj *o)
{
	if (o->kw & KW(K_ID))
		return o->id == NULL || is_bnode_id(o->id);
	return xcount(o) == 0 ||
	    !(o->kw & (KW(K_VALUE) | KW(K_SET) | KW(K_LIST)));
}

static struct xprop *
xprop_get(struct jst *st, struct xprop **list, size_t *n, const char *iri)
{
	struct xprop *p, *last = NULL;

	for (p = *list; p != NULL; last = p, p = p->next)
		if (strcmp(p->iri, iri) == 0)
			return p;
	p = arena_alloc(st->a, sizeof(*p));
	p->iri = iri;
	if (last != NULL)
		last->next = p;
	else
		*list = p;
	if (n != NULL)
		(*n)++;
	return p;
}

static void
xadd_type(struct jst *st, struct xobj *o, const char *type, bool front)
{
	struct xstr *s = arena_alloc(st->a, sizeof(*s));

	s->s = type;
	if (front) {
		s->next = o->types;
		o->types = s;
		if (o->types_tail == NULL)
			o->types_tail = s;
	} else {
		if (o->types_tail != NULL)
			o->types_tail->next = s;
		else
			o->types = s;
		o->types_tail = s;
	}
	o->ntypes++;
	o->kw |= KW(K_TYPE);
}

/* ---------------------------------------------------------------- */
/* Expansion (jsonld.js expand.js)                                   */

static int expand(struct xres *, struct jst *, const struct actx *,
    const char *, const struct json *, bool, bool, const struct actx *);
static int expand_object(struct jst *, const struct actx *, const char *,
    const char *, const struct json *, struct xobj *, bool, const char *,
    const struct actx *);

static unsigned
container_of(const struct actx *c, const char *prop)
{
	const struct term *t = ctx_term(c, prop);

	return t != NULL && t->has_container ? t->container : 0;
}

/* expandIri for the document (cannot fail: no local context). */
static const char *
xiri(struct jst *st, const struct actx *c, const char *v, bool vocab,
    bool base)
{
	const char *r;

	(void)expand_iri(&r, NULL, st->a, c, v, vocab, base);
	return r;
}

/* jsonld.js _expandValue: a scalar v under active property aprop. */
static int
expand_value(struct xres *res, struct jst *st, const struct actx *c,
    const char *aprop, const struct json *v)
{
	const struct term *t;
	const char *ep, *s, *type;
	struct xobj *o;

	res->kind = XR_NULL;
	memset(&res->l, 0, sizeof(res->l));
	if (v->type == JSON_NULL)
		return 0;
	ep = xiri(st, c, aprop, true, false);
	o = xnew(st, v);
	xres_one(res, o);
	if (kwis(ep, K_ID) || kwis(ep, K_TYPE)) {
		o->raw = true;
		return 0;
	}
	t = ctx_term(c, aprop);
	type = t != NULL && t->has_type ? t->type : NULL;
	if ((kwis(type, K_ID) || kwis(ep, K_GRAPH)) &&
	    v->type == JSON_STRING) {
		if ((s = cstr(v)) == NULL)
			return jerr(st, v, "IRI holds a NUL character");
		o->kw |= KW(K_ID);
		o->id = xiri(st, c, s, false, true);
		if (o->id == NULL)
			return jerr(st, v, "reserved @id value \"%s\"", s);
		if (o->id[0] == '\0')
			return jerr(st, v, "empty IRI would be dropped");
		return 0;
	}
	if (kwis(type, K_VOCAB) && v->type == JSON_STRING) {
		if ((s = cstr(v)) == NULL)
			return jerr(st, v, "IRI holds a NUL character");
		o->kw |= KW(K_ID);
		o->id = xiri(st, c, s, true, true);
		if (o->id == NULL || o->id[0] == '\0')
			return jerr(st, v, "\"%s\" does not expand to an IRI "
			    "(it would be dropped)", s);
		return 0;
	}
	if (is_keyword(ep)) {
		o->raw = true;
		return 0;
	}
	o->kw |= KW(K_VALUE);
	o->value = v;
	if (type != NULL && !kwis(type, K_ID) && !kwis(type, K_VOCAB) &&
	    !kwis(type, K_NONE)) {
		o->kw |= KW(K_TYPE);
		o->vtype = type;
	} else if (v->type == JSON_STRING) {
		o->lang = t != NULL && t->has_language ? t->language :
		    c->language;
		if (o->lang != NULL)
			o->kw |= KW(K_LANGUAGE);
		o->dir = t != NULL && t->has_direction ? t->direction :
		    c->direction;
		if (o->dir != NULL)
			o->kw |= KW(K_DIRECTION);
	}
	return 0;
}

/* jsonld.js _dropUnsafeObject: in safe mode an error, not a drop. */
static int
check_unsafe(struct jst *st, const struct xobj *o)
{
	size_t n = xcount(o);

	if (o->raw)
		return 0;
	if (n == 0)
		return jerr(st, o->src, "empty object would be dropped");
	if (x_is_value(o))
		return jerr(st, o->src, "free-floating value would be "
		    "dropped");
	if (x_is_list(o))
		return jerr(st, o->src, "free-floating list would be "
		    "dropped");
	if (n == 1 && (o->kw & KW(K_ID)))
		return jerr(st, o->src, "object with only @id would be "
		    "dropped");
	return 0;
}

/* jsonld.js _expandLanguageMap. */
static int
expand_language_map(struct xres *res, struct jst *st, const struct actx *c,
    const struct json *map, const char *direction)
{
	const struct json *k, *item;
	const char *ek;
	struct xobj *o;

	res->kind = XR_ARRAY;
	memset(&res->l, 0, sizeof(res->l));
	for (k = map->child; k != NULL; k = k->next) {
		ek = xiri(st, c, k->key, true, false);
		for (item = k->type == JSON_ARRAY ? k->child : k; item != NULL;
		    item = k->type == JSON_ARRAY ? item->next : NULL) {
			if (item->type == JSON_NULL)
				continue;
			if (item->type != JSON_STRING)
				return jerr(st, item, "language map values "
				    "must be strings");
			o = xnew(st, item);
			o->kw |= KW(K_VALUE);
			o->value = item;
			if (!kwis(ek, K_NONE)) {
				if (!bcp47(k->key))
					return jerr(st, k, "language \"%s\" is "
					    "not BCP47", k->key);
				o->lang = lower(st->a, k->key);
				o->kw |= KW(K_LANGUAGE);
			}
			if (direction != NULL) {
				o->dir = direction;
				o->kw |= KW(K_DIRECTION);
			}
			xl_add(&res->l, o);
		}
	}
	return 0;
}

/* The members of obj sorted as JavaScript sorts Object.keys(). */
static const struct json **
sorted_members(struct jst *st, const struct json *obj)
{
	const struct json **m, *k, *t;
	size_t i, j, n = obj->len;

	m = arena_alloc(st->a, (n + 1) * sizeof(*m));
	for (i = 0, k = obj->child; k != NULL; k = k->next)
		m[i++] = k;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && jcs_utf16_cmp(m[j - 1]->key,
		    m[j - 1]->keylen, m[j]->key, m[j]->keylen) > 0; j--) {
			t = m[j];
			m[j] = m[j - 1];
			m[j - 1] = t;
		}
	return m;
}

/* jsonld.js _expandIndexMap (@index, @id and @type maps). */
static int
expand_index_map(struct xres *res, struct jst *st, const struct actx *c,
    const char *aprop, const struct json *map, bool as_graph,
    const char *index_key, const char *prop_index)
{
	const struct json **keys, *k;
	const struct term *t;
	struct xres vr, kr;
	struct xobj *item, *next, *g;
	struct xprop *p;
	const char *key, *ekey;
	bool type_index = kwis(index_key, K_TYPE);
	size_t i;

	res->kind = XR_ARRAY;
	memset(&res->l, 0, sizeof(res->l));
	keys = sorted_members(st, map);
	for (i = 0; i < map->len; i++) {
		k = keys[i];
		key = k->key;
		if (strlen(key) != k->keylen)
			return jerr(st, k, "member name holds a NUL "
			    "character");
		if (type_index && (t = ctx_term(c, key)) != NULL &&
		    t->has_ctx && ctx_process(&c, st, c, t->ctx,
		    t->ctx_global, false, false, 0) < 0)
			return -1;
		if (expand(&vr, st, c, aprop, k, false, true, NULL) < 0)
			return -1;
		memset(&kr, 0, sizeof(kr));
		ekey = NULL;
		if (prop_index != NULL) {
			if (kwis(key, K_NONE))
				ekey = "@none";
			else {
				struct json *ks = json_new_str(st->a, key);

				ks->parent = k->parent;
				if (expand_value(&kr, st, c, index_key, ks) < 0)
					return -1;
			}
		} else
			ekey = xiri(st, c, key, true, false);
		if (kwis(index_key, K_ID))
			key = xiri(st, c, key, false, true);
		else if (type_index)
			key = ekey;
		for (item = vr.l.head; item != NULL; item = next) {
			next = item->next;
			if (as_graph && !x_is_graph(item)) {
				g = xnew(st, item->src);
				g->kw |= KW(K_GRAPH);
				xl_add(&g->graph, item);
				item = g;
			}
			if (type_index) {
				if (!kwis(ekey, K_NONE)) {
					if (x_is_value(item) || item->raw)
						return jerr(st, k, "@type map "
						    "entries must be nodes");
					if (key == NULL || !is_absolute(key))
						return jerr(st, k, "relative "
						    "@type reference \"%s\"",
						    k->key);
					xadd_type(st, item, key, true);
				}
			} else if (x_is_value(item) &&
			    !kwis(index_key, K_LANGUAGE) &&
			    !kwis(index_key, K_INDEX))
				return jerr(st, k, "cannot add %s to a value "
				    "object", index_key);
			else if (prop_index != NULL) {
				if (kr.l.head != NULL) {
					struct xobj *kv = xnew(st, k);

					*kv = *kr.l.head;
					p = xprop_get(st, &item->props,
					    &item->nprops, prop_index);
					xl_prepend(&p->vals, kv);
				}
			} else if (!kwis(ekey, K_NONE)) {
				if (kwis(index_key, K_INDEX)) {
					if (!(item->kw & KW(K_INDEX)))
						item->index = k->key;
					item->kw |= KW(K_INDEX);
				}
				else if (!(item->kw & KW(K_ID))) {
					item->kw |= KW(K_ID);
					item->id = key;
				}
			}
			xl_add(&res->l, item);
		}
	}
	return 0;
}

/* Adds expanded values r to o's @list, @set or @graph entry, or to the
 * keyword entries jsonld.js keeps without meaning. */
static void
add_keyword_entry(struct xobj *o, int ki, const char *ep, struct xres *r)
{
	o->kw |= 1u << ki;
	if (kwis(ep, K_LIST))
		xl_cat(&o->list, &r->l);
	else if (kwis(ep, K_SET))
		xl_cat(&o->set, &r->l);
	else if (kwis(ep, K_GRAPH))
		xl_cat(&o->graph, &r->l);
}

/* One member k of an element whose key is a property or a keyword the
 * generic path of jsonld.js _expandObject handles. */
static int
expand_member(struct jst *st, const struct actx *c, const char *aprop,
    const char *eaprop, const struct json *k, const char *ep, struct xobj *o)
{
	const struct term *t, *tt;
	const struct actx *tc = c;
	const char *ik, *pi;
	struct xres r;
	struct xobj *x, *next, *g;
	struct xlist wrapped = { NULL, NULL, 0 };
	unsigned cont;
	int ki;

	t = ctx_term(c, k->key);
	if (t != NULL && t->has_ctx && ctx_process(&tc, st, c, t->ctx,
	    t->ctx_global, true, true, 0) < 0)
		return -1;
	cont = t != NULL && t->has_container ? t->container : 0;
	tt = ctx_term(tc, k->key);
	if ((cont & CT_LANGUAGE) && k->type == JSON_OBJECT) {
		if (expand_language_map(&r, st, tc, k, tt != NULL &&
		    tt->has_direction ? tt->direction : tc->direction) < 0)
			return -1;
	} else if ((cont & CT_INDEX) && k->type == JSON_OBJECT) {
		ik = tt != NULL && tt->index != NULL ? tt->index : "@index";
		pi = !kwis(ik, K_INDEX) ? xiri(st, c, ik, true, false) :
		    NULL;
		if (expand_index_map(&r, st, tc, k->key, k,
		    (cont & CT_GRAPH) != 0, ik, pi) < 0)
			return -1;
	} else if ((cont & CT_ID) && k->type == JSON_OBJECT) {
		if (expand_index_map(&r, st, tc, k->key, k,
		    (cont & CT_GRAPH) != 0, "@id", NULL) < 0)
			return -1;
	} else if ((cont & CT_TYPE) && k->type == JSON_OBJECT) {
		if (expand_index_map(&r, st, tc->previous != NULL ?
		    tc->previous : tc, k->key, k, false, "@type", NULL) < 0)
			return -1;
	} else if (kwis(ep, K_LIST) || kwis(ep, K_SET)) {
		if (expand(&r, st, tc, kwis(ep, K_LIST) &&
		    kwis(eaprop, K_GRAPH) ? NULL : aprop, k,
		    kwis(ep, K_LIST), false, NULL) < 0)
			return -1;
	} else if (t != NULL && t->has_type && kwis(t->type, K_JSON)) {
		x = xnew(st, k);
		x->kw |= KW(K_VALUE) | KW(K_TYPE);
		x->vtype = "@json";
		x->value = k;
		xres_one(&r, x);
	} else if (expand(&r, st, tc, k->key, k, false, false, NULL) < 0)
		return -1;

	if (r.kind == XR_NULL)
		return 0;
	if (!kwis(ep, K_LIST) && (cont & CT_LIST) &&
	    !(r.kind == XR_ONE && x_is_list(r.l.head))) {
		x = xnew(st, k);
		x->kw |= KW(K_LIST);
		xl_cat(&x->list, &r.l);
		xres_one(&r, x);
	}
	if ((cont & CT_GRAPH) && !(cont & (CT_ID | CT_INDEX))) {
		for (x = r.l.head; x != NULL; x = next) {
			next = x->next;
			if (check_unsafe(st, x) < 0)
				return -1;
			g = xnew(st, x->src);
			g->kw |= KW(K_GRAPH);
			xl_add(&g->graph, x);
			xl_add(&wrapped, g);
		}
		if (wrapped.n == 0)
			return 0;
		r.kind = XR_ARRAY;
		r.l = wrapped;
	}
	if (tt != NULL && tt->reverse) {
		struct xprop *p;

		for (x = r.l.head; x != NULL; x = x->next)
			if (x_is_value(x) || x_is_list(x))
				return jerr(st, k, "@reverse value must not be "
				    "a @value or a @list");
		o->kw |= KW(K_REVERSE);
		p = xprop_get(st, &o->rev, NULL, ep);
		xl_cat(&p->vals, &r.l);
		return 0;
	}
	if ((ki = keyword_index(ep)) >= 0) {
		add_keyword_entry(o, ki, ep, &r);
		return 0;
	}
	xl_cat(&xprop_get(st, &o->props, &o->nprops, ep)->vals, &r.l);
	return 0;
}

/* The @reverse member of an element. */
static int
expand_reverse(struct jst *st, const struct actx *c, const struct json *k,
    struct xobj *o)
{
	struct xres r;
	struct xprop *q, *p;
	struct xobj *x;

	if (k->type != JSON_OBJECT)
		return jerr(st, k, "@reverse value must be an object");
	if (expand(&r, st, c, "@reverse", k, false, false, NULL) < 0)
		return -1;
	if (r.kind != XR_ONE)
		return 0;
	/* Reversed twice: forward properties. */
	for (q = r.l.head->rev; q != NULL; q = q->next) {
		p = xprop_get(st, &o->props, &o->nprops, q->iri);
		xl_cat(&p->vals, &q->vals);
	}
	for (q = r.l.head->props; q != NULL; q = q->next) {
		for (x = q->vals.head; x != NULL; x = x->next)
			if (x_is_value(x) || x_is_list(x))
				return jerr(st, k, "@reverse value must not be "
				    "a @value or a @list");
		o->kw |= KW(K_REVERSE);
		p = xprop_get(st, &o->rev, NULL, q->iri);
		xl_cat(&p->vals, &q->vals);
	}
	return 0;
}

/*
 * jsonld.js _expandObject: expands the members of el into o.  c is the
 * active context with any type-scoped contexts applied, tsc the context
 * before them (it expands @type values).
 */
static int
expand_object(struct jst *st, const struct actx *c, const char *aprop,
    const char *eaprop, const struct json *el, struct xobj *o,
    bool inside_list, const char *type_key, const struct actx *tsc)
{
	const struct json *k, *tv, *nv, *nk, *unexpanded = NULL, **keys;
	const struct json *nests[16];
	const char *ep, *s;
	struct xres r;
	struct xobj *x;
	size_t i, nnests = 0, j;
	bool is_json = false;
	int ki;

	if (type_key != NULL && (tv = json_get(el, type_key)) != NULL) {
		if (tv->type == JSON_ARRAY)
			tv = tv->child;
		if (tv != NULL && (s = cstr(tv)) != NULL &&
		    kwis(xiri(st, c, s, true, false), K_JSON))
			is_json = true;
	}

	/* Members in sorted order, as jsonld.js: the order decides which
	 * of two colliding entries is an error. */
	keys = sorted_members(st, el);
	for (i = 0; i < el->len; i++) {
		k = keys[i];
		if (spend(st, k) < 0)
			return -1;
		if (kwis(k->key, K_CONTEXT))
			continue;
		if (strlen(k->key) != k->keylen)
			return jerr(st, k, "member name holds a NUL character");
		ep = xiri(st, c, k->key, true, false);
		if (ep == NULL || (!is_absolute(ep) && !is_keyword(ep)))
			return jerr(st, k, "term \"%s\" is not defined by the "
			    "active context (it would be dropped)", k->key);
		if ((ki = keyword_index(ep)) >= 0) {
			if (kwis(eaprop, K_REVERSE))
				return jerr(st, k, "a keyword cannot be used "
				    "as a @reverse property");
			if ((o->kw & (1u << ki)) &&
			    !kwis(ep, K_INCLUDED) &&
			    !kwis(ep, K_TYPE))
				return jerr(st, k, "colliding keywords (%s)",
				    ep);
		}

		if (kwis(ep, K_ID)) {
			if (k->type != JSON_STRING)
				return jerr(st, k, "@id value must be a "
				    "string");
			if ((s = cstr(k)) == NULL)
				return jerr(st, k, "IRI holds a NUL character");
			o->kw |= KW(K_ID);
			o->id = xiri(st, c, s, false, true);
			if (o->id == NULL)
				return jerr(st, k, "reserved @id value \"%s\"",
				    s);
			if (!is_absolute(o->id))
				return jerr(st, k, "relative @id reference "
				    "\"%s\"", s);
			continue;
		}
		if (kwis(ep, K_TYPE)) {
			for (tv = k->type == JSON_ARRAY ? k->child : k;
			    tv != NULL; tv = k->type == JSON_ARRAY ?
			    tv->next : NULL)
				if (tv->type != JSON_STRING)
					return jerr(st, tv, "@type value must "
					    "be a string or an array of "
					    "strings");
			for (tv = k->type == JSON_ARRAY ? k->child : k;
			    tv != NULL; tv = k->type == JSON_ARRAY ?
			    tv->next : NULL) {
				if ((s = cstr(tv)) == NULL)
					return jerr(st, tv, "IRI holds a NUL "
					    "character");
				s = xiri(st, tsc, s, true, true);
				if (!kwis(s, K_JSON) && !is_absolute(s))
					return jerr(st, tv, "relative @type "
					    "reference \"%s\" (no context "
					    "defines it)", tv->str);
				xadd_type(st, o, s, false);
			}
			continue;
		}
		if (kwis(ep, K_INCLUDED)) {
			if (expand(&r, st, c, aprop, k, false, false,
			    NULL) < 0)
				return -1;
			for (x = r.l.head; x != NULL; x = x->next)
				if (!x_is_subject(x))
					return jerr(st, k, "values of "
					    "@included must be node objects");
			o->kw |= KW(K_INCLUDED);
			xl_cat(&o->included, &r.l);
			continue;
		}
		if (kwis(ep, K_GRAPH) && k->type != JSON_OBJECT &&
		    k->type != JSON_ARRAY)
			return jerr(st, k, "@graph value must be an object or "
			    "an array");
		if (kwis(ep, K_VALUE)) {
			unexpanded = k;
			if (is_json || k->type != JSON_ARRAY || k->len > 0) {
				o->kw |= KW(K_VALUE);
				o->value = k;
			}
			continue;
		}
		if (kwis(ep, K_LANGUAGE)) {
			if (k->type == JSON_NULL)
				continue;
			if ((s = cstr(k)) == NULL)
				return jerr(st, k, "@language value must be a "
				    "string");
			if (!bcp47(s))
				return jerr(st, k, "@language value \"%s\" is "
				    "not BCP47", s);
			o->lang = lower(st->a, s);
			o->kw |= KW(K_LANGUAGE);
			continue;
		}
		if (kwis(ep, K_DIRECTION)) {
			s = cstr(k);
			if (!streq(s, "ltr") && !streq(s, "rtl"))
				return jerr(st, k, "@direction must be "
				    "\"ltr\" or \"rtl\"");
			o->dir = s;
			o->kw |= KW(K_DIRECTION);
			continue;
		}
		if (kwis(ep, K_INDEX)) {
			if (k->type != JSON_STRING)
				return jerr(st, k, "@index value must be a "
				    "string");
			o->kw |= KW(K_INDEX);
			o->index = k->str;
			continue;
		}
		if (kwis(ep, K_REVERSE)) {
			if (expand_reverse(st, c, k, o) < 0)
				return -1;
			continue;
		}
		if (kwis(ep, K_NEST)) {
			if (nnests == sizeof(nests) / sizeof(nests[0]))
				return jerr(st, k, "too many @nest members");
			nests[nnests++] = k;
			continue;
		}
		if (expand_member(st, c, aprop, eaprop, k, ep, o) < 0)
			return -1;
	}

	if ((o->kw & KW(K_VALUE)) && !(o->ntypes == 1 &&
	    kwis(o->types->s, K_JSON)) && unexpanded != NULL &&
	    (unexpanded->type == JSON_OBJECT || unexpanded->type == JSON_ARRAY))
		return jerr(st, unexpanded, "@value must not be an object or "
		    "an array");

	/* The @nest members last, as jsonld.js. */
	for (j = 0; j < nnests; j++) {
		k = nests[j];
		for (nv = k->type == JSON_ARRAY ? k->child : k; nv != NULL;
		    nv = k->type == JSON_ARRAY ? nv->next : NULL) {
			if (nv->type != JSON_OBJECT)
				return jerr(st, nv, "nested value must be a "
				    "node object");
			for (nk = nv->child; nk != NULL; nk = nk->next)
				if (kwis(xiri(st, c, nk->key, true, false), K_VALUE))
					return jerr(st, nv, "nested value must "
					    "be a node object");
			if (expand_object(st, c, aprop, eaprop, nv, o,
			    inside_list, type_key, tsc) < 0)
				return -1;
		}
	}
	return 0;
}

/* Applies the type-scoped contexts of el's @type values to *c. */
static int
apply_type_contexts(const struct actx **c, const char **type_key,
    struct jst *st, const struct json *el, const struct actx *tsc)
{
	const struct json **keys, *k, **tl, *tv;
	const struct term *t;
	const char *s;
	size_t i, n = 0, nt, j, jj;

	for (k = el->child; k != NULL; k = k->next)
		if (kwis(xiri(st, *c, k->key, true, false), K_TYPE))
			n++;
	if (n == 0)
		return 0;
	keys = sorted_members(st, el);
	for (i = 0; i < el->len; i++) {
		k = keys[i];
		if (!kwis(xiri(st, *c, k->key, true, false), K_TYPE))
			continue;
		if (*type_key == NULL)
			*type_key = k->key;
		nt = k->type == JSON_ARRAY ? k->len : 1;
		tl = arena_alloc(st->a, (nt + 1) * sizeof(*tl));
		for (j = 0, tv = k->type == JSON_ARRAY ? k->child : k;
		    tv != NULL; tv = k->type == JSON_ARRAY ? tv->next : NULL)
			tl[j++] = tv;
		/* value.slice().sort(): by UTF-16 code units. */
		for (j = 1; j < nt; j++)
			for (jj = j; jj > 0 && tl[jj - 1]->type == JSON_STRING &&
			    tl[jj]->type == JSON_STRING &&
			    jcs_utf16_cmp(tl[jj - 1]->str, tl[jj - 1]->len,
			    tl[jj]->str, tl[jj]->len) > 0; jj--) {
				tv = tl[jj];
				tl[jj] = tl[jj - 1];
				tl[jj - 1] = tv;
			}
		for (j = 0; j < nt; j++) {
			if ((s = cstr(tl[j])) == NULL)
				continue;
			t = ctx_term(tsc, s);
			if (t != NULL && t->has_ctx && ctx_process(c, st, *c,
			    t->ctx, t->ctx_global, false, false, 0) < 0)
				return -1;
		}
	}
	return 0;
}

/* Checks an expanded value object (the end of jsonld.js expand()). */
static int
check_value_object(struct jst *st, const struct json *el, struct xobj *o)
{
	size_t n = xcount(o), allowed = 1;
	const char *vt = o->ntypes > 0 ? o->types->s : NULL;

	if ((o->kw & KW(K_TYPE)) && (o->kw & (KW(K_LANGUAGE) |
	    KW(K_DIRECTION))))
		return jerr(st, el, "a value object may not have both @type "
		    "and @language or @direction");
	allowed += !!(o->kw & KW(K_TYPE)) + !!(o->kw & KW(K_INDEX)) +
	    !!(o->kw & KW(K_LANGUAGE)) + !!(o->kw & KW(K_DIRECTION));
	if (n != allowed)
		return jerr(st, el, "a value object may only have @index, "
		    "@type, @language and @direction");
	if (o->ntypes > 1)
		return jerr(st, el, "a value object has one @type");
	if (kwis(vt, K_JSON)) {
		o->vtype = "@json";
		return 0;
	}
	if (o->value->type == JSON_NULL)
		return jerr(st, el, "null @value would be dropped");
	if ((o->kw & KW(K_LANGUAGE)) && o->value->type != JSON_STRING)
		return jerr(st, el, "only strings may be language-tagged");
	if (vt != NULL && (!is_absolute(vt) || is_bnode_id(vt)))
		return jerr(st, el, "@type of a value must be an absolute "
		    "IRI");
	if (o->value->type == JSON_ARRAY || o->value->type == JSON_OBJECT)
		return jerr(st, el, "@value must not be an object or an "
		    "array");
	o->vtype = vt;
	return 0;
}

/* jsonld.js expand(): the expansion of element el. */
static int
expand(struct xres *res, struct jst *st, const struct actx *c,
    const char *aprop, const struct json *el, bool inside_list,
    bool inside_index, const struct actx *tsc)
{
	const struct json *e, *k;
	const struct term *t;
	const struct actx *ptsc, *type_ctx;
	const char *eaprop, *type_key = NULL, *ep;
	struct xres sub;
	struct xobj *o, *x;
	size_t n;

	res->kind = XR_NULL;
	memset(&res->l, 0, sizeof(res->l));
	if (spend(st, el) < 0)
		return -1;

	if (el->type != JSON_ARRAY && el->type != JSON_OBJECT) {
		if (el->type == JSON_NULL)
			return 0;
		if (!inside_list && (aprop == NULL ||
		    kwis(xiri(st, c, aprop, true, false), K_GRAPH)))
			return jerr(st, el, "free-floating value would be "
			    "dropped");
		return expand_value(res, st, c, aprop, el);
	}

	if (el->type == JSON_ARRAY) {
		inside_list = inside_list || (container_of(c, aprop) & CT_LIST);
		res->kind = XR_ARRAY;
		for (e = el->child; e != NULL; e = e->next) {
			if (expand(&sub, st, c, aprop, e, false, inside_index,
			    tsc) < 0)
				return -1;
			if (inside_list && sub.kind == XR_ARRAY) {
				x = xnew(st, e);
				x->kw |= KW(K_LIST);
				xl_cat(&x->list, &sub.l);
				xl_add(&res->l, x);
				continue;
			}
			xl_cat(&res->l, &sub.l);
		}
		return 0;
	}

	/* An object: first the contexts that apply to it. */
	eaprop = xiri(st, c, aprop, true, false);
	t = ctx_term(c, aprop);
	ptsc = tsc != NULL ? tsc : c->previous != NULL ? c : NULL;
	if (!inside_index && ptsc != NULL && el->len <= 2 &&
	    json_get(el, "@context") == NULL) {
		bool revert = true;

		for (k = el->child; k != NULL; k = k->next) {
			ep = xiri(st, ptsc, k->key, true, false);
			if (kwis(ep, K_VALUE)) {
				revert = false;
				c = ptsc;
				break;
			}
			if (kwis(ep, K_ID) && el->len == 1) {
				revert = false;
				break;
			}
		}
		if (revert && c->previous != NULL)
			c = c->previous;
	} else if (!inside_index && c->previous != NULL)
		c = c->previous;
	if (t != NULL && t->has_ctx && ctx_process(&c, st, c, t->ctx,
	    t->ctx_global, true, true, 0) < 0)
		return -1;
	if ((k = json_get(el, "@context")) != NULL &&
	    ctx_process(&c, st, c, k, false, true, false, 0) < 0)
		return -1;
	type_ctx = c;
	if (apply_type_contexts(&c, &type_key, st, el, type_ctx) < 0)
		return -1;

	o = xnew(st, el);
	if (expand_object(st, c, aprop, eaprop, el, o, inside_list, type_key,
	    type_ctx) < 0)
		return -1;

	n = xcount(o);
	if (o->kw & KW(K_VALUE)) {
		if (check_value_object(st, el, o) < 0)
			return -1;
	} else if (o->kw & (KW(K_SET) | KW(K_LIST))) {
		if (n > 1 && !(n == 2 && (o->kw & KW(K_INDEX))))
			return jerr(st, el, "an object with @set or @list may "
			    "only also have @index");
		if (o->kw & KW(K_SET)) {
			res->kind = XR_ARRAY;
			xl_cat(&res->l, &o->set);
			return 0;
		}
	} else if (n == 1 && (o->kw & KW(K_LANGUAGE)))
		return jerr(st, el, "object with only @language would be "
		    "dropped");

	if (!inside_list && (aprop == NULL || kwis(eaprop, K_GRAPH) ||
	    (container_of(c, aprop) & CT_GRAPH)) && check_unsafe(st, o) < 0)
		return -1;
	xres_one(res, o);
	return 0;
}

/* ---------------------------------------------------------------- */
/* Node map and RDF (jsonld.js nodeMap.js and toRdf.js)              */

/* A value given to a subject: its key (see seen_before). */
struct seen {
	uint64_t		 hash;
	const char		*key;
	size_t			 len;
};

struct emit {
	struct jst		*st;
	struct rdf_dataset	*out;
	unsigned long		 next;		/* generated blank nodes */
	struct htab		 seen;		/* values given to a subject */
	struct buf		 key;
};

static void
key_term(struct buf *k, const struct rdf_term *t)
{
	buf_putc(k, '0' + (int)t->kind);
	buf_put(k, t->value, t->len);
	buf_putc(k, '\0');
}

static void
key_opt(struct buf *k, const char *s)
{
	if (s == NULL)
		buf_putc(k, '-');
	else {
		buf_putc(k, '+');
		buf_puts(k, s);
		buf_putc(k, '\0');
	}
}

static uint64_t
seen_hash(const void *e)
{
	return ((const struct seen *)e)->hash;
}

/*
 * Whether subject s already has value v (the key em->key holds after
 * the prefix) for property p in graph g; records it if not.  jsonld.js
 * merges a node's values with util.compareValues: equal @value (as
 * JavaScript's ===), @type, @language and @index, or equal @id.
 */
static bool
seen_before(struct emit *em)
{
	uint64_t h = quick_hash(em->key.data, em->key.len);
	struct htab_iter it;
	struct seen *e;

	for (e = htab_first(&em->seen, h, &it); e != NULL;
	    e = htab_next(&em->seen, &it))
		if (e->hash == h && e->len == em->key.len &&
		    memcmp(e->key, em->key.data, em->key.len) == 0)
			return true;
	e = arena_alloc(em->st->a, sizeof(*e));
	e->hash = h;
	e->key = arena_strndup(em->st->a, em->key.data, em->key.len);
	e->len = em->key.len;
	htab_insert(&em->seen, &it, e, seen_hash);
	return false;
}

/* Starts the key of a (graph, subject, property) entry. */
static void
key_start(struct emit *em, const struct rdf_term *g, const struct rdf_term *s,
    const char *p)
{
	buf_reset(&em->key);
	key_term(&em->key, g);
	key_term(&em->key, s);
	buf_puts(&em->key, p);
	buf_putc(&em->key, '\0');
}

/* The key of a node value (or a type). */
static bool
seen_node(struct emit *em, const struct rdf_term *g, const struct rdf_term *s,
    const char *p, const struct rdf_term *o)
{
	key_start(em, g, s, p);
	buf_putc(&em->key, 'I');
	key_term(&em->key, o);
	return seen_before(em);
}

/* The key of a value object; @json values are never equal (=== on
 * objects). */
static bool
seen_value(struct emit *em, const struct rdf_term *g, const struct rdf_term *s,
    const char *p, const struct xobj *x)
{
	const struct json *v = x->value;
	double num;

	if (kwis(x->vtype, K_JSON))
		return false;
	key_start(em, g, s, p);
	buf_putc(&em->key, 'V');
	switch (v->type) {
	case JSON_STRING:
		buf_putc(&em->key, 's');
		buf_put(&em->key, v->str, v->len);
		break;
	case JSON_NUMBER:
		num = v->num == 0 ? 0 : v->num;
		buf_putc(&em->key, 'n');
		buf_put(&em->key, &num, sizeof(num));
		break;
	default:
		buf_putc(&em->key, v->type == JSON_TRUE ? 't' : 'f');
		break;
	}
	buf_putc(&em->key, '\0');
	key_opt(&em->key, x->vtype);
	key_opt(&em->key, x->lang);
	key_opt(&em->key, (x->kw & KW(K_INDEX)) ? (x->index != NULL ?
	    x->index : "") : NULL);
	return seen_before(em);
}

/* The RDF term for a node name: an IRI, or "_:label". */
static void
name_term(struct emit *em, struct rdf_term *t, const char *id)
{
	memset(t, 0, sizeof(*t));
	if (is_bnode_id(id)) {
		/* Labels from the document ("d...") and generated ones
		 * ("g<n>") never meet. */
		t->kind = RDF_BNODE;
		t->value = concat(em->st->a, "d", id + 2);
	} else {
		t->kind = RDF_IRI;
		t->value = id;
	}
	t->len = strlen(t->value);
}

static void
fresh_bnode(struct emit *em, struct rdf_term *t)
{
	char tmp[24], *p;
	unsigned long v = em->next++;
	size_t k = 0, i;

	memset(t, 0, sizeof(*t));
	do
		tmp[k++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	p = arena_alloc(em->st->a, k + 2);
	p[0] = 'g';
	for (i = 0; i < k; i++)
		p[i + 1] = tmp[k - 1 - i];
	t->kind = RDF_BNODE;
	t->value = p;
	t->len = k + 1;
}

/* The name of node o: its @id, or a new blank node. */
static void
node_name(struct emit *em, const struct xobj *o, struct rdf_term *t)
{
	if ((o->kw & KW(K_ID)) && o->id != NULL)
		name_term(em, t, o->id);
	else
		fresh_bnode(em, t);
}

static int
check_iri(struct emit *em, const struct rdf_term *t, const char *what,
    const struct json *where)
{
	if (t->kind == RDF_IRI && !is_absolute(t->value))
		return jerr(em->st, where, "relative %s reference \"%s\"",
		    what, t->value);
	return 0;
}

static int
emit_quad(struct emit *em, const struct rdf_term *s, const char *p,
    const struct rdf_term *o, const struct rdf_term *g,
    const struct json *where)
{
	struct rdf_quad q;

	if (check_iri(em, s, "subject", where) < 0)
		return -1;
	if (is_bnode_id(p))
		return jerr(em->st, where, "blank node predicate \"%s\"", p);
	if (!is_absolute(p))
		return jerr(em->st, where, "relative predicate reference "
		    "\"%s\"", p);
	if (check_iri(em, o, "object", where) < 0)
		return -1;
	q.s = *s;
	memset(&q.p, 0, sizeof(q.p));
	q.p.kind = RDF_IRI;
	q.p.value = p;
	q.p.len = strlen(p);
	q.o = *o;
	q.g = *g;
	rdf_add(em->out, &q);
	return 0;
}

/* parseFloat(s), for xsd:double strings; false when it is NaN. */
static bool
js_parse_float(const char *s, double *out)
{
	const char *p, *q, *start;
	char *tmp;
	bool digits = false;
	size_t w;

	while (*s != '\0' && (w = js_space((const unsigned char *)s)) != 0)
		s += w;
	start = p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (strncmp(p, "Infinity", 8) == 0) {
		*out = *s == '-' ? -INFINITY : INFINITY;
		return true;
	}
	for (; *p >= '0' && *p <= '9'; p++)
		digits = true;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits = true;
	if (!digits)
		return false;
	if (*p == 'e' || *p == 'E') {
		q = p + 1;
		if (*q == '+' || *q == '-')
			q++;
		if (*q >= '0' && *q <= '9') {
			while (*q >= '0' && *q <= '9')
				q++;
			p = q;
		}
	}
	tmp = xstrndup(start, (size_t)(p - start));
	*out = strtod(tmp, NULL);
	free(tmp);
	return true;
}

/* value.toExponential(15).replace(/(\d)0*e\+?/, '$1E') */
static void
canonical_double(struct buf *out, double x)
{
	struct buf b = BUF_INIT;
	const char *e;
	size_t k;

	jsnum_exponential(&b, x, 15);
	if ((e = strchr(b.data, 'e')) == NULL) {	/* NaN, Infinity */
		buf_put(out, b.data, b.len);
		buf_release(&b);
		return;
	}
	/* The zeros that end the fraction, but for its first digit. */
	for (k = (size_t)(e - b.data); b.data[k - 1] == '0' &&
	    b.data[k - 2] != '.'; k--)
		continue;
	buf_put(out, b.data, k);
	buf_putc(out, 'E');
	buf_puts(out, e[1] == '+' ? e + 2 : e + 1);
	buf_release(&b);
}

/* jsonld.js types.isDouble: String(v) has a '.', or |v| >= 1e21. */
static bool
js_is_double(double x)
{
	struct buf b = BUF_INIT;
	bool r;

	if (fabs(x) >= 1e21)
		return true;
	if (x == floor(x))
		return false;
	jsnum_string(&b, x);
	r = strchr(b.data, '.') != NULL;
	buf_release(&b);
	return r;
}

static void
set_lexical(struct emit *em, struct rdf_term *t, struct buf *b)
{
	t->value = arena_strndup(em->st->a, b->data, b->len);
	t->len = b->len;
	buf_release(b);
}

/* jsonld.js _objectToRDF for a value object. */
static int
value_term(struct emit *em, const struct xobj *o, struct rdf_term *t)
{
	struct buf b = BUF_INIT;
	const struct json *v = o->value;
	const char *dt = o->vtype;
	double x;

	memset(t, 0, sizeof(*t));
	t->kind = RDF_LITERAL;
	if (kwis(dt, K_JSON)) {
		if (jcs_write(&b, v, em->st->d) < 0) {
			buf_release(&b);
			return -1;
		}
		set_lexical(em, t, &b);
		t->datatype = RDF_JSON;
		return 0;
	}
	if (v->type == JSON_TRUE || v->type == JSON_FALSE) {
		t->value = v->type == JSON_TRUE ? "true" : "false";
		t->len = strlen(t->value);
		t->datatype = dt != NULL ? dt : XSD_BOOLEAN;
		return 0;
	}
	if ((v->type == JSON_NUMBER && js_is_double(v->num)) ||
	    streq(dt, XSD_DOUBLE)) {
		if (v->type == JSON_NUMBER)
			x = v->num;
		else if (!js_parse_float(v->str, &x))
			x = NAN;
		canonical_double(&b, x);
		set_lexical(em, t, &b);
		t->datatype = dt != NULL ? dt : XSD_DOUBLE;
		return 0;
	}
	if (v->type == JSON_NUMBER) {
		jsnum_fixed0(&b, v->num);
		set_lexical(em, t, &b);
		t->datatype = dt != NULL ? dt : XSD_INTEGER;
		return 0;
	}
	if (o->dir != NULL)
		return jerr(em->st, o->src, "@direction has no RDF form here "
		    "(rdfDirection not set)");
	t->value = v->str;
	t->len = v->len;
	if (o->lang != NULL) {
		t->lang = o->lang;
		t->datatype = RDF_LANGSTRING;
	} else
		t->datatype = dt;
	return 0;
}

static int nm_node(struct emit *, struct xobj *, const struct rdf_term *,
    const struct rdf_term *);
static int nm_top(struct emit *, struct xobj *, const struct rdf_term *);

/* jsonld.js _listToRDF; *head receives the list's head. */
static int
list_term(struct emit *em, struct xobj *l, const struct rdf_term *g,
    struct rdf_term *head)
{
	struct rdf_term cur, next, obj;
	struct xobj *x;

	memset(head, 0, sizeof(*head));
	if (l->list.head == NULL) {
		head->kind = RDF_IRI;
		head->value = RDF_NIL;
		head->len = strlen(RDF_NIL);
		return 0;
	}
	fresh_bnode(em, head);
	cur = *head;
	for (x = l->list.head; x != NULL; x = x->next) {
		if (x->raw)
			return jerr(em->st, x->src, "unexpected value in a "
			    "list");
		if (x_is_value(x)) {
			if (value_term(em, x, &obj) < 0)
				return -1;
		} else if (x_is_list(x)) {
			if (list_term(em, x, g, &obj) < 0)
				return -1;
		} else {
			if (x_is_bnode(x))
				node_name(em, x, &obj);
			else
				name_term(em, &obj, x->id);
			if (nm_node(em, x, g, &obj) < 0)
				return -1;
		}
		if (x->next != NULL)
			fresh_bnode(em, &next);
		else {
			memset(&next, 0, sizeof(next));
			next.kind = RDF_IRI;
			next.value = RDF_NIL;
			next.len = strlen(RDF_NIL);
		}
		if (emit_quad(em, &cur, RDF_FIRST, &obj, g, x->src) < 0 ||
		    emit_quad(em, &cur, RDF_REST, &next, g, x->src) < 0)
			return -1;
		cur = next;
	}
	return 0;
}

/* The values of property prop of subject s. */
static int
nm_values(struct emit *em, const struct rdf_term *s, const char *prop,
    struct xlist *vals, const struct rdf_term *g)
{
	struct xobj *x;
	struct rdf_term t;

	for (x = vals->head; x != NULL; x = x->next) {
		if (x->raw)
			continue;
		if (x_is_value(x)) {
			if (seen_value(em, g, s, prop, x))
				continue;
			if (value_term(em, x, &t) < 0 ||
			    emit_quad(em, s, prop, &t, g, x->src) < 0)
				return -1;
		} else if (x_is_list(x)) {
			if (list_term(em, x, g, &t) < 0 ||
			    emit_quad(em, s, prop, &t, g, x->src) < 0)
				return -1;
		} else {
			/* A node or a reference; a null or empty @id
			 * is skipped by jsonld.js (and refused earlier). */
			if ((x->kw & KW(K_ID)) && (x->id == NULL ||
			    x->id[0] == '\0'))
				continue;
			node_name(em, x, &t);
			if (!seen_node(em, g, s, prop, &t) &&
			    emit_quad(em, s, prop, &t, g, x->src) < 0)
				return -1;
			if (nm_node(em, x, g, &t) < 0)
				return -1;
		}
	}
	return 0;
}

/* jsonld.js createNodeMap for node o named name in graph g; the quads
 * go out directly (duplicates are removed by the canonicalization). */
static int
nm_node(struct emit *em, struct xobj *o, const struct rdf_term *g,
    const struct rdf_term *name)
{
	struct rdf_term t, in;
	struct xstr *ty;
	struct xprop *p;
	struct xobj *x;

	if (spend(em->st, o->src) < 0)
		return -1;
	for (ty = o->types; ty != NULL; ty = ty->next) {
		name_term(em, &t, ty->s);
		if (!seen_node(em, g, name, RDF_TYPE, &t) &&
		    emit_quad(em, name, RDF_TYPE, &t, g, o->src) < 0)
			return -1;
	}
	for (p = o->props; p != NULL; p = p->next)
		if (nm_values(em, name, p->iri, &p->vals, g) < 0)
			return -1;
	for (p = o->rev; p != NULL; p = p->next)
		for (x = p->vals.head; x != NULL; x = x->next) {
			node_name(em, x, &in);
			if (nm_node(em, x, g, &in) < 0)
				return -1;
			if (!seen_node(em, g, &in, p->iri, name) &&
			    emit_quad(em, &in, p->iri, name, g, x->src) < 0)
				return -1;
		}
	if (o->kw & KW(K_GRAPH)) {
		if (check_iri(em, name, "graph", o->src) < 0)
			return -1;
		for (x = o->graph.head; x != NULL; x = x->next)
			if (nm_top(em, x, name) < 0)
				return -1;
	}
	for (x = o->included.head; x != NULL; x = x->next)
		if (nm_top(em, x, g) < 0)
			return -1;
	return 0;
}

/* An element at the top of graph g. */
static int
nm_top(struct emit *em, struct xobj *x, const struct rdf_term *g)
{
	struct rdf_term name;

	if (x->raw || x_is_value(x) || x_is_list(x))
		return 0;
	node_name(em, x, &name);
	return nm_node(em, x, g, &name);
}

int
jsonld_to_rdf(struct rdf_dataset *out, struct arena *a,
    const struct json *doc, struct diag *d)
{
	struct jst st;
	struct emit em;
	struct xres r;
	struct xobj *x;
	struct rdf_term dflt;
	int rc = -1;

	if (jsonld_init(d) < 0)
		return -1;
	memset(&st, 0, sizeof(st));
	st.a = a;
	st.d = d;
	st.work = DOC_WORK_MAX;
	memset(&em, 0, sizeof(em));
	em.st = &st;
	em.out = out;
	em.key = (struct buf)BUF_INIT;
	memset(&dflt, 0, sizeof(dflt));
	if (expand(&r, &st, &G.initial, NULL, doc, false, false, NULL) < 0)
		goto out;
	/* A top-level object with only @graph stands for its graph. */
	if (r.kind == XR_ONE && r.l.head->kw == KW(K_GRAPH) &&
	    r.l.head->nprops == 0)
		r.l = r.l.head->graph;
	for (x = r.l.head; x != NULL; x = x->next)
		if (nm_top(&em, x, &dflt) < 0)
			goto out;
	rc = 0;
out:
	htab_release(&st.memo.tab);
	htab_release(&em.seen);
	buf_release(&em.key);
	return rc;
}

int
jsonld_canonicalize(struct buf *out, const struct json *doc, struct diag *d)
{
	struct arena a = ARENA_INIT;
	struct rdf_dataset ds = RDF_DATASET_INIT;
	int rc;

	rc = jsonld_to_rdf(&ds, &a, doc, d);
	if (rc == 0)
		rc = rdfc_canonicalize(out, &ds, NULL, d);
	rdf_dataset_release(&ds);
	arena_release(&a);
	return rc;
}
