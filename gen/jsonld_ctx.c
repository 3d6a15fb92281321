/*
 * jsonld_ctx.c - JSON-LD contexts: the compiled-in ones, active contexts
 * and their term tables, context processing (jsonld.js context.js), and
 * the state and errors of one conversion.
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
#include "jsonld_int.h"

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
	{ "https://w3id.org/security/jwk/v1", "jwk-v1.jsonld" },
	{ "https://w3id.org/security/suites/ed25519-2020/v1",
	    "ed25519-signature-2020-v1.jsonld" },
	{ "https://w3id.org/security/suites/ed25519-2018/v1",
	    "suites-ed25519-2018.jsonld" },
	{ "https://w3id.org/security/suites/x25519-2020/v1",
	    "x25519-key-agreement-2020-v1.json" },
	{ "https://w3id.org/security/v1", "security-v1.jsonld" },
	{ "https://w3id.org/security/v2", "security-v2.jsonld" },
	{ "https://www.w3.org/ns/did/v1", "did-v1.jsonld" },
	{ "https://www.w3.org/ns/cid/v1", "cid-v1.jsonld" },
	{ "https://www.w3.org/ns/credentials/status/v1",
	    "vc-bitstring-status-list-v1.jsonld" },
	{ "https://w3id.org/dcc/v1", "dcc-v1.json" },
};
#define NKNOWN	(sizeof(known) / sizeof(known[0]))

/* Marks a deleted slot. */
static const struct term tombstone;
#define TOMB	((struct term *)(uintptr_t)&tombstone)

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
uint64_t
jld_quick_hash(const char *s, size_t n)
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
	return (uint32_t)jld_quick_hash(s, n);
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

const struct term *
jld_ctx_term(const struct actx *c, const char *name)
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

int
jld_jerr(struct jst *st, const struct json *where, const char *fmt, ...)
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

int
jld_spend(struct jst *st, const struct json *where)
{
	if (st->work == 0)
		return jld_jerr(st, where, "document too complex to expand");
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

const struct actx *
jld_initial(void)
{
	return &G.initial;
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

static int create_term(struct cproc *, size_t);

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
	return jld_streq(x->iri, y->iri) && x->has_type == y->has_type &&
	    jld_streq(x->type, y->type) && x->has_ctx == y->has_ctx &&
	    (!x->has_ctx || json_equal(x->ctx, y->ctx)) &&
	    x->has_language == y->has_language &&
	    jld_streq(x->language, y->language) &&
	    x->has_direction == y->has_direction &&
	    jld_streq(x->direction, y->direction) &&
	    jld_streq(x->index, y->index) &&
	    jld_streq(x->nest, y->nest) &&
	    x->has_container == y->has_container &&
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
		return jld_jerr(st, v, "invalid @container");
	for (c = v->type == JSON_ARRAY ? v->child : v; c != NULL;
	    c = v->type == JSON_ARRAY ? c->next : NULL) {
		if ((s = jld_cstr(c)) == NULL)
			return jld_jerr(st, c, "invalid @container");
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
			return jld_jerr(st, c,
			    "invalid @container value \"%s\"",
			    s);
		mask |= bit;
		n++;
	}
	if (mask & CT_LIST) {
		if (n != 1)
			return jld_jerr(st, v,
			    "@container with @list must have "
			    "no other values");
	} else if (mask & CT_GRAPH) {
		if (mask & ~(CT_GRAPH | CT_ID | CT_INDEX | CT_SET))
			return jld_jerr(st, v, "@container with @graph allows "
			    "only @id, @index and @set besides");
	} else
		valid = n <= ((mask & CT_SET) ? 2u : 1u);
	if (mask & CT_TYPE) {
		if (!t->has_type) {
			t->has_type = true;
			t->type = "@id";
		}
		if (!jld_streq(t->type, "@id") && !jld_streq(t->type, "@vocab"))
			return jld_jerr(st, v, "@container @type needs @type "
			    "@id or @vocab");
	}
	if (!valid)
		return jld_jerr(st, v, "invalid @container");
	if (t->reverse && (mask & ~(CT_INDEX | CT_SET)))
		return jld_jerr(st, v, "@container of a @reverse term must be "
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

/* Whether term may be defined at all (jsonld.js createTermDefinition). */
static int
term_name_ok(struct jst *st, const struct json *m, const char *term)
{
	const struct json *k;

	if (strcmp(term, "@type") == 0 && m->type == JSON_OBJECT &&
	    (json_get(m, "@container") == NULL ||
	    json_str_eq(json_get(m, "@container"), "@set"))) {
		if (m->len == 0)
			return jld_jerr(st, m, "keywords cannot be overridden");
		for (k = m->child; k != NULL; k = k->next)
			if (strcmp(k->key, "@container") != 0 &&
			    strcmp(k->key, "@id") != 0 &&
			    strcmp(k->key, "@protected") != 0)
				return jld_jerr(st, m, "keywords cannot be "
				    "overridden");
	} else if (jld_is_keyword(term))
		return jld_jerr(st, m, "keyword %s cannot be redefined", term);
	else if (jld_keyword_like(term))
		return jld_jerr(st, m, "term \"%s\" looks like a keyword "
		    "(reserved)", term);
	else if (term[0] == '\0')
		return jld_jerr(st, m, "a term cannot be empty");
	return 0;
}

/*
 * The form of the definition m: a string or null (*simple, its @id is
 * m itself) or an object of known members (*idv its @id, if any).
 */
static int
term_shape(struct jst *st, const struct json *m, bool *simple,
    const struct json **idv)
{
	static const char *const members[] = {
		"@container", "@id", "@language", "@reverse", "@type",
		"@context", "@direction", "@index", "@nest", "@prefix",
		"@protected"
	};
	const struct json *k;
	size_t j;

	*simple = false;
	*idv = NULL;
	if (m->type == JSON_STRING || m->type == JSON_NULL) {
		*simple = true;
		*idv = m;
		return 0;
	}
	if (m->type != JSON_OBJECT)
		return jld_jerr(st, m, "term definition must be a string or an "
		    "object");
	for (k = m->child; k != NULL; k = k->next) {
		for (j = 0; j < sizeof(members) / sizeof(members[0]); j++)
			if (strcmp(k->key, members[j]) == 0)
				break;
		if (j == sizeof(members) / sizeof(members[0]))
			return jld_jerr(st, k,
			    "a term definition must not "
			    "contain %s", k->key);
	}
	*idv = json_get(m, "@id");
	return 0;
}

/* The IRI of a @reverse term: its @reverse value, v. */
static int
term_reverse(struct cproc *cp, const struct json *m, const struct json *v,
    const struct json *idv, struct term *t)
{
	struct jst *st = cp->st;
	const char *s, *id;

	if (idv != NULL)
		return jld_jerr(st, m,
		    "a @reverse term must not contain "
		    "@id");
	if (json_get(m, "@nest") != NULL)
		return jld_jerr(st, m,
		    "a @reverse term must not contain "
		    "@nest");
	if ((s = jld_cstr(v)) == NULL)
		return jld_jerr(st, v,
		    "@reverse value must be a string");
	if (jld_keyword_like(s))
		return jld_jerr(st, v,
		    "@reverse value \"%s\" is reserved",
		    s);
	if (jld_expand_iri(&id, cp, cp->a, cp->rval, s, true,
	    false) < 0)
		return -1;
	if (!jld_is_absolute(id))
		return jld_jerr(st, v,
		    "@reverse value must be an absolute "
		    "IRI or a blank node identifier");
	t->iri = id;
	t->reverse = true;
	return 0;
}

/*
 * The IRI of term i from its @id idv.  Returns 1 when the term is
 * mapped, 0 when its @id is the term itself (the IRI comes from the
 * term: term_default_iri), -1 after reporting.
 */
static int
term_id(struct cproc *cp, size_t i, const struct json *m,
    const struct json *idv, bool simple, struct term *t)
{
	struct jst *st = cp->st;
	const char *term = t->name, *s, *id, *tid;

	if (idv->type == JSON_NULL) {
		t->iri = NULL;
		return 1;
	}
	if (idv->type != JSON_STRING)
		return jld_jerr(st, idv,
		    "@id of a term must be a string");
	if ((s = jld_cstr(idv)) == NULL)
		return jld_jerr(st, idv, "IRI holds a NUL character");
	if (!jld_is_keyword(s) && jld_keyword_like(s))
		return jld_jerr(st, idv,
		    "@id value \"%s\" is reserved", s);
	if (strcmp(s, term) == 0)
		return 0;
	if (jld_expand_iri(&id, cp, cp->a, cp->rval, s, true,
	    false) < 0)
		return -1;
	if (!jld_is_absolute(id) && !jld_is_keyword(id))
		return jld_jerr(st, idv,
		    "@id of term \"%s\" must "
		    "expand to an absolute IRI, a blank node "
		    "or a keyword", term);
	/* A term that looks like an IRI must expand to its @id. */
	if (looks_like_iri(term)) {
		cp->defined[i] = 2;
		if (jld_expand_iri(&tid, cp, cp->a, cp->rval,
		    term,
		    true, false) < 0)
			return -1;
		cp->defined[i] = 1;
		if (!jld_streq(tid, id))
			return jld_jerr(st, m,
			    "term \"%s\" has "
			    "the form of an IRI and must "
			    "expand to its @id", term);
	}
	t->iri = id;
	t->prefix_set = true;
	t->prefix = simple && !t->has_colon &&
	    ends_gen_delim(id);
	return 1;
}

/*
 * The IRI of a term without an @id of its own: a compact IRI through its
 * prefix, @type, or the term appended to @vocab.
 */
static int
term_default_iri(struct cproc *cp, const struct json *m, struct term *t)
{
	struct jst *st = cp->st;
	const char *term = t->name, *colon = strchr(term, ':');
	const struct term *pt;
	char *prefix;
	long pi;

	if (t->has_colon) {
		prefix = arena_strndup(cp->a, term, (size_t)(colon - term));
		if ((pi = member_index(cp, prefix)) >= 0 &&
		    create_term(cp, (size_t)pi) < 0)
			return -1;
		if ((pt = jld_ctx_term(cp->rval, prefix)) != NULL) {
			if (pt->iri == NULL)
				return jld_jerr(st, m,
				    "prefix \"%s\" is mapped "
				    "to null", prefix);
			t->iri = jld_concat(cp->a, pt->iri, colon + 1);
		} else
			t->iri = term;
	} else if (strcmp(term, "@type") == 0)
		t->iri = "@type";
	else {
		if (cp->rval->vocab == NULL)
			return jld_jerr(st, m, "term \"%s\" must define an @id "
			    "(no @vocab)", term);
		t->iri = jld_concat(cp->a, cp->rval->vocab, term);
	}
	return 0;
}

/* Whether the term is protected: its @protected, or the context's. */
static void
term_protection(struct cproc *cp, const struct json *m, bool simple,
    struct term *t)
{
	const struct json *v = simple ? NULL : json_get(m, "@protected");

	if (v != NULL && v->type == JSON_TRUE)
		t->prot = true;
	else if (cp->protected_default && (v == NULL || v->type != JSON_FALSE))
		t->prot = true;
	if (t->prot)
		cp->rval->protected_any = true;
}

/* The term's @type: a keyword of the few allowed, or an absolute IRI. */
static int
term_type(struct cproc *cp, const struct json *v, struct term *t)
{
	struct jst *st = cp->st;
	const char *s;

	if ((s = jld_cstr(v)) == NULL)
		return jld_jerr(st, v,
		    "@type of a term must be a string");
	if (strcmp(s, "@json") != 0 && strcmp(s, "@none") != 0 &&
	    strcmp(s, "@id") != 0 && strcmp(s, "@vocab") != 0) {
		if (jld_expand_iri(&s, cp, cp->a, cp->rval, s, true,
		    false) < 0)
			return -1;
		if (!jld_is_absolute(s))
			return jld_jerr(st, v,
			    "@type of term \"%s\" must "
			    "be an absolute IRI", t->name);
		if (jld_is_bnode_id(s))
			return jld_jerr(st, v,
			    "@type of term \"%s\" must "
			    "not be a blank node", t->name);
	}
	t->has_type = true;
	t->type = s;
	return 0;
}

/* The term's @language: null or a BCP47 tag, lower-cased. */
static int
term_language(struct cproc *cp, const struct json *v, struct term *t)
{
	struct jst *st = cp->st;
	const char *s = NULL;

	if (v->type != JSON_NULL && (s = jld_cstr(v)) == NULL)
		return jld_jerr(st, v, "@language must be a string or "
		    "null");
	/* jsonld.js does not check this one; a bad tag would make
	 * the N-Quads invalid. */
	if (v->type != JSON_NULL && !jld_bcp47(s))
		return jld_jerr(st, v, "@language value \"%s\" is not "
		    "BCP47", s);
	t->has_language = true;
	t->language = v->type == JSON_NULL ? NULL : jld_lower(cp->a, s);
	return 0;
}

/* The term's @prefix: true or false, on a term that can be a prefix. */
static int
term_prefix(struct cproc *cp, const struct json *v, struct term *t)
{
	struct jst *st = cp->st;

	if (strchr(t->name, ':') != NULL || strchr(t->name, '/') != NULL)
		return jld_jerr(st, v, "@prefix used on a compact IRI "
		    "term");
	if (jld_is_keyword(t->iri))
		return jld_jerr(st, v, "keywords may not be used as "
		    "prefixes");
	if (v->type != JSON_TRUE && v->type != JSON_FALSE)
		return jld_jerr(st, v, "@prefix must be true or false");
	t->prefix_set = true;
	t->prefix = v->type == JSON_TRUE;
	return 0;
}

/*
 * The other members of an expanded term definition m: @type,
 * @container, @index, @context, @language, @prefix, @direction, @nest.
 */
static int
term_options(struct cproc *cp, const struct json *m, struct term *t)
{
	struct jst *st = cp->st;
	const struct json *v;
	const char *s;

	if ((v = json_get(m, "@type")) != NULL && term_type(cp, v, t) < 0)
		return -1;
	if ((v = json_get(m, "@container")) != NULL &&
	    parse_container(t, cp, v) < 0)
		return -1;
	if ((v = json_get(m, "@index")) != NULL) {
		if (!(t->container & CT_INDEX))
			return jld_jerr(st, v, "@index without @index in "
			    "@container");
		if ((s = jld_cstr(v)) == NULL || s[0] == '@')
			return jld_jerr(st, v, "@index must expand to an IRI");
		t->index = s;
	}
	if ((v = json_get(m, "@context")) != NULL) {
		t->has_ctx = true;
		t->ctx = v;
		t->ctx_global = cp->global;
	}
	if ((v = json_get(m, "@language")) != NULL &&
	    json_get(m, "@type") == NULL && term_language(cp, v, t) < 0)
		return -1;
	if ((v = json_get(m, "@prefix")) != NULL && term_prefix(cp, v, t) < 0)
		return -1;
	if ((v = json_get(m, "@direction")) != NULL) {
		s = jld_cstr(v);
		if (v->type != JSON_NULL && !jld_streq(s, "ltr") &&
		    !jld_streq(s, "rtl"))
			return jld_jerr(st, v,
			    "@direction must be null, \"ltr\" "
			    "or \"rtl\"");
		t->has_direction = true;
		t->direction = v->type == JSON_NULL ? NULL : s;
	}
	if ((v = json_get(m, "@nest")) != NULL) {
		if ((s = jld_cstr(v)) == NULL || (strcmp(s, "@nest") != 0 &&
		    s[0] == '@'))
			return jld_jerr(st, v, "invalid @nest value");
		t->nest = s;
	}
	return 0;
}

/* Adds t to the context: not an alias of @context or @preserve, and
 * not redefining a protected term prev otherwise. */
static int
term_store(struct cproc *cp, const struct json *m, const struct term *prev,
    struct term *t)
{
	struct jst *st = cp->st;

	if (jld_streq(t->iri, "@context") || jld_streq(t->iri, "@preserve"))
		return jld_jerr(st, m,
		    "@context and @preserve cannot be aliased");
	if (prev != NULL && prev->prot && !cp->override) {
		t->prot = true;
		cp->rval->protected_any = true;
		if (!term_equal(prev, t))
			return jld_jerr(st, m,
			    "protected term \"%s\" cannot be "
			    "redefined", t->name);
	}
	ctx_put(cp->rval, cp->a, t);
	return 0;
}

/* jsonld.js createTermDefinition for member i of the local context. */
static int
create_term(struct cproc *cp, size_t i)
{
	struct jst *st = cp->st;
	const struct json *m = cp->members[i], *idv, *v;
	const struct term *prev;
	const char *term = m->key, *colon;
	struct term *t;
	bool simple;
	int rc;

	if (cp->defined[i] == 2)
		return 0;
	if (cp->defined[i] == 1)
		return jld_jerr(st, m,
		    "cyclic IRI mapping for term \"%s\"", term);
	cp->defined[i] = 1;
	if (strlen(term) != m->keylen)
		return jld_jerr(st, m, "term holds a NUL character");
	if (term_name_ok(st, m, term) < 0)
		return -1;
	prev = ctx_get(cp->rval, term, m->keylen);
	ctx_del(cp->rval, term, m->keylen);
	if (term_shape(st, m, &simple, &idv) < 0)
		return -1;

	t = arena_alloc(cp->a, sizeof(*t));
	t->name = term;
	t->namelen = m->keylen;
	t->hash = hash_str(term, m->keylen);
	colon = strchr(term, ':');
	t->has_colon = colon != NULL && colon != term;
	if (!simple && (v = json_get(m, "@reverse")) != NULL)
		rc = term_reverse(cp, m, v, idv, t);
	else if (idv == NULL || (rc = term_id(cp, i, m, idv, simple, t)) == 0)
		rc = term_default_iri(cp, m, t);
	if (rc < 0)
		return -1;
	term_protection(cp, m, simple, t);
	cp->defined[i] = 2;
	if (!simple && term_options(cp, m, t) < 0)
		return -1;
	return term_store(cp, m, prev, t);
}

/*
 * jsonld.js _expandIri.  When cp is set (context processing), terms of
 * the local context that value depends on are defined first.  Strings
 * built on the way are allocated in a.  *out is NULL when value expands
 * to nothing (a term mapped to null, a reserved "@name").
 */
int
jld_expand_iri(const char **out, struct cproc *cp, struct arena *a,
    const struct actx *c, const char *value, bool vocab, bool base)
{
	const struct term *t;
	const char *colon, *suffix;
	char *prefix;
	long i;
	size_t n;

	*out = value;
	if (value == NULL || jld_is_keyword(value))
		return 0;
	if (jld_keyword_like(value)) {
		*out = NULL;
		return 0;
	}
	if (cp != NULL && (i = member_index(cp, value)) >= 0 &&
	    cp->defined[i] != 2 && create_term(cp, (size_t)i) < 0)
		return -1;
	if (vocab && (t = jld_ctx_term(c, value)) != NULL) {
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
			*out = jld_concat(a, t->iri, suffix);
			return 0;
		}
		if (jld_is_absolute(value))
			return 0;
	}
	if (vocab && c->vocab != NULL) {
		*out = jld_concat(a, c->vocab, value);
		return 0;
	}
	if (base && c->has_base && c->base != NULL)
		*out = jld_resolve(a, c->base, value);
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
		return jld_jerr(st, v, "unsupported JSON-LD version");
	if ((v = json_get(obj, "@base")) != NULL) {
		if (v->type == JSON_NULL) {
			cp.rval->has_base = true;
			cp.rval->base = NULL;
		} else if ((s = jld_cstr(v)) != NULL) {
			cp.rval->base = jld_is_absolute(s) ? s : jld_resolve(a,
			    cp.rval->has_base ? cp.rval->base : "", s);
			cp.rval->has_base = true;
		} else
			return jld_jerr(st, v, "invalid @base");
	}
	if ((v = json_get(obj, "@vocab")) != NULL) {
		if (v->type == JSON_NULL)
			cp.rval->vocab = NULL;
		else if ((s = jld_cstr(v)) == NULL)
			return jld_jerr(st, v,
			    "@vocab must be a string or null");
		else {
			if (jld_expand_iri(&vocab, NULL, a, cp.rval, s, true,
			    true) < 0)
				return -1;
			if (vocab == NULL || !jld_is_absolute(vocab))
				return jld_jerr(st, v,
				    "relative @vocab reference "
				    "\"%s\"", s);
			if (vocab != s && vocab != cp.rval->vocab)
				vocab = arena_strdup(a, vocab);
			cp.rval->vocab = vocab;
		}
	}
	if ((v = json_get(obj, "@language")) != NULL) {
		if (v->type == JSON_NULL)
			cp.rval->language = NULL;
		else if ((s = jld_cstr(v)) == NULL)
			return jld_jerr(st, v, "@language must be a string or "
			    "null");
		else {
			if (!jld_bcp47(s))
				return jld_jerr(st, v,
				    "@language value \"%s\" is "
				    "not BCP47", s);
			cp.rval->language = jld_lower(a, s);
		}
	}
	if ((v = json_get(obj, "@direction")) != NULL) {
		s = jld_cstr(v);
		if (v->type == JSON_NULL)
			cp.rval->direction = NULL;
		else if (jld_streq(s, "ltr") || jld_streq(s, "rtl"))
			cp.rval->direction = s;
		else
			return jld_jerr(st, v,
			    "@direction must be null, \"ltr\" "
			    "or \"rtl\"");
	}
	if ((v = json_get(obj, "@propagate")) != NULL &&
	    v->type != JSON_TRUE && v->type != JSON_FALSE)
		return jld_jerr(st, v, "@propagate must be true or false");
	if ((v = json_get(obj, "@import")) != NULL) {
		if ((s = jld_cstr(v)) == NULL)
			return jld_jerr(st, v, "@import must be a string");
		if ((imp = known_context(s)) == NULL)
			return jld_jerr(st, v,
			    "context %s is not compiled into "
			    "badgegen (contexts are never fetched)", s);
		if (imp->type != JSON_OBJECT)
			return jld_jerr(st, v,
			    "@import must reference a single "
			    "context");
		if (json_get(imp, "@import") != NULL)
			return jld_jerr(st, v, "an imported context must not "
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
			return jld_jerr(st, v, "cyclic IRI mapping (@protected "
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
				return jld_jerr(st, k,
				    "scoped contexts nested too "
				    "deeply");
			if (jld_ctx_process(&scratch, st, cp.rval, k, false,
			    true,
			    true, depth + 1) < 0)
				return jld_jerr(st, k,
				    "invalid scoped context of "
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
		return jld_jerr(st, elem, "too many contexts to process");
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
			if ((url = jld_cstr(e)) == NULL)
				return jld_jerr(st, e, "bad context URL");
			for (i = 0; i < *nurls; i++)
				if (strcmp(urls[i], url) == 0)
					return jld_jerr(st, e,
					    "cyclical @context "
					    "URLs (%s)", url);
			if (*nurls >= MAX_CONTEXT_URLS)
				return jld_jerr(st, e,
				    "too many nested @context "
				    "URLs");
			if ((doc = known_context(url)) == NULL)
				return jld_jerr(st, e, "context %s is not "
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
			return jld_jerr(st, e, "@context must be an object");
		if (*n >= max)
			return jld_jerr(st, e, "too many contexts");
		out[*n].v = e;
		out[*n].global = global;
		(*n)++;
	}
	return 0;
}

/* jsonld.js context.process(activeCtx, localCtx, propagate, override). */
int
jld_ctx_process(const struct actx **out, struct jst *st,
    const struct actx *active, const struct json *local, bool global,
    bool propagate, bool override, int depth)
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
				return jld_jerr(st, e,
				    "cannot nullify a context "
				    "with protected terms");
			cur = &G.initial;
			continue;
		}
		if ((p = json_get(e, "@context")) != NULL) {
			if (p->type != JSON_OBJECT)
				return jld_jerr(st, p, "@context must be an "
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

