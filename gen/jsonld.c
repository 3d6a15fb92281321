/*
 * jsonld.c - JSON-LD 1.1 expansion and conversion to RDF (safe mode):
 * the node map and the RDF of an expanded document (jsonld.js
 * nodeMap.js and toRdf.js), and the entry points of jsonld.h.
 *
 * The code follows jsonld.js closely enough that comments can name its
 * steps; where jsonld.js raises a "safe mode" event, an error is
 * reported.  The processor's files and what they share: jsonld_int.h.
 */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jcs.h"
#include "jsnum.h"
#include "jsonld_int.h"

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
	uint64_t h = jld_quick_hash(em->key.data, em->key.len);
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

	if (jld_kwis(x->vtype, K_JSON))
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
	if (jld_is_bnode_id(id)) {
		/* Labels from the document ("d...") and generated ones
		 * ("g<n>") never meet. */
		t->kind = RDF_BNODE;
		t->value = jld_concat(em->st->a, "d", id + 2);
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
	if (t->kind == RDF_IRI && !jld_is_absolute(t->value))
		return jld_jerr(em->st, where, "relative %s reference \"%s\"",
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
	if (jld_is_bnode_id(p))
		return jld_jerr(em->st, where,
		    "blank node predicate \"%s\"", p);
	if (!jld_is_absolute(p))
		return jld_jerr(em->st, where, "relative predicate reference "
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

	while (*s != '\0' && (w = jld_js_space((const unsigned char *)s)) != 0)
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
	if (jld_kwis(dt, K_JSON)) {
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
	    jld_streq(dt, XSD_DOUBLE)) {
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
		return jld_jerr(em->st, o->src,
		    "@direction has no RDF form here "
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
			return jld_jerr(em->st, x->src, "unexpected value in a "
			    "list");
		if (jld_x_is_value(x)) {
			if (value_term(em, x, &obj) < 0)
				return -1;
		} else if (jld_x_is_list(x)) {
			if (list_term(em, x, g, &obj) < 0)
				return -1;
		} else {
			if (jld_x_is_bnode(x))
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
		if (jld_x_is_value(x)) {
			if (seen_value(em, g, s, prop, x))
				continue;
			if (value_term(em, x, &t) < 0 ||
			    emit_quad(em, s, prop, &t, g, x->src) < 0)
				return -1;
		} else if (jld_x_is_list(x)) {
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

	if (jld_spend(em->st, o->src) < 0)
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

	if (x->raw || jld_x_is_value(x) || jld_x_is_list(x))
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
	if (jld_expand(&r, &st, jld_initial(), NULL, doc, false, false,
	    NULL) < 0)
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
