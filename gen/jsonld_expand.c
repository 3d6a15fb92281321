/*
 * jsonld_expand.c - JSON-LD expansion (jsonld.js expand.js) into the
 * expanded form that the node map reads.
 */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jcs.h"
#include "jsonld_int.h"

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

bool
jld_x_is_value(const struct xobj *o)
{
	return (o->kw & KW(K_VALUE)) != 0;
}

bool
jld_x_is_list(const struct xobj *o)
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

bool
jld_x_is_bnode(const struct xobj *o)
{
	if (o->kw & KW(K_ID))
		return o->id == NULL || jld_is_bnode_id(o->id);
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

static int expand_object(struct jst *, const struct actx *, const char *,
    const char *, const struct json *, struct xobj *, bool, const char *,
    const struct actx *);

static unsigned
container_of(const struct actx *c, const char *prop)
{
	const struct term *t = jld_ctx_term(c, prop);

	return t != NULL && t->has_container ? t->container : 0;
}

/* expandIri for the document (cannot fail: no local context). */
static const char *
xiri(struct jst *st, const struct actx *c, const char *v, bool vocab,
    bool base)
{
	const char *r;

	(void)jld_expand_iri(&r, NULL, st->a, c, v, vocab, base);
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
	if (jld_kwis(ep, K_ID) || jld_kwis(ep, K_TYPE)) {
		o->raw = true;
		return 0;
	}
	t = jld_ctx_term(c, aprop);
	type = t != NULL && t->has_type ? t->type : NULL;
	if ((jld_kwis(type, K_ID) || jld_kwis(ep, K_GRAPH)) &&
	    v->type == JSON_STRING) {
		if ((s = jld_cstr(v)) == NULL)
			return jld_jerr(st, v, "IRI holds a NUL character");
		o->kw |= KW(K_ID);
		o->id = xiri(st, c, s, false, true);
		if (o->id == NULL)
			return jld_jerr(st, v, "reserved @id value \"%s\"", s);
		if (o->id[0] == '\0')
			return jld_jerr(st, v, "empty IRI would be dropped");
		return 0;
	}
	if (jld_kwis(type, K_VOCAB) && v->type == JSON_STRING) {
		if ((s = jld_cstr(v)) == NULL)
			return jld_jerr(st, v, "IRI holds a NUL character");
		o->kw |= KW(K_ID);
		o->id = xiri(st, c, s, true, true);
		if (o->id == NULL || o->id[0] == '\0')
			return jld_jerr(st, v,
			    "\"%s\" does not expand to an IRI "
			    "(it would be dropped)", s);
		return 0;
	}
	if (jld_is_keyword(ep)) {
		o->raw = true;
		return 0;
	}
	o->kw |= KW(K_VALUE);
	o->value = v;
	if (type != NULL && !jld_kwis(type, K_ID) && !jld_kwis(type, K_VOCAB) &&
	    !jld_kwis(type, K_NONE)) {
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
		return jld_jerr(st, o->src, "empty object would be dropped");
	if (jld_x_is_value(o))
		return jld_jerr(st, o->src, "free-floating value would be "
		    "dropped");
	if (jld_x_is_list(o))
		return jld_jerr(st, o->src, "free-floating list would be "
		    "dropped");
	if (n == 1 && (o->kw & KW(K_ID)))
		return jld_jerr(st, o->src, "object with only @id would be "
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
				return jld_jerr(st, item, "language map values "
				    "must be strings");
			o = xnew(st, item);
			o->kw |= KW(K_VALUE);
			o->value = item;
			if (!jld_kwis(ek, K_NONE)) {
				if (!jld_bcp47(k->key))
					return jld_jerr(st, k,
					    "language \"%s\" is "
					    "not BCP47", k->key);
				o->lang = jld_lower(st->a, k->key);
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
	bool type_index = jld_kwis(index_key, K_TYPE);
	size_t i;

	res->kind = XR_ARRAY;
	memset(&res->l, 0, sizeof(res->l));
	keys = sorted_members(st, map);
	for (i = 0; i < map->len; i++) {
		k = keys[i];
		key = k->key;
		if (strlen(key) != k->keylen)
			return jld_jerr(st, k, "member name holds a NUL "
			    "character");
		if (type_index && (t = jld_ctx_term(c, key)) != NULL &&
		    t->has_ctx && jld_ctx_process(&c, st, c, t->ctx,
		    t->ctx_global, false, false, 0) < 0)
			return -1;
		if (jld_expand(&vr, st, c, aprop, k, false, true, NULL) < 0)
			return -1;
		memset(&kr, 0, sizeof(kr));
		ekey = NULL;
		if (prop_index != NULL) {
			if (jld_kwis(key, K_NONE))
				ekey = "@none";
			else {
				struct json *ks = json_new_str(st->a, key);

				ks->parent = k->parent;
				if (expand_value(&kr, st, c, index_key, ks) < 0)
					return -1;
			}
		} else
			ekey = xiri(st, c, key, true, false);
		if (jld_kwis(index_key, K_ID))
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
				if (!jld_kwis(ekey, K_NONE)) {
					if (jld_x_is_value(item) || item->raw)
						return jld_jerr(st, k,
						    "@type map "
						    "entries must be nodes");
					if (key == NULL ||
					    !jld_is_absolute(key))
						return jld_jerr(st, k,
						    "relative "
						    "@type reference \"%s\"",
						    k->key);
					xadd_type(st, item, key, true);
				}
			} else if (jld_x_is_value(item) &&
			    !jld_kwis(index_key, K_LANGUAGE) &&
			    !jld_kwis(index_key, K_INDEX))
				return jld_jerr(st, k,
				    "cannot add %s to a value "
				    "object", index_key);
			else if (prop_index != NULL) {
				if (kr.l.head != NULL) {
					struct xobj *kv = xnew(st, k);

					*kv = *kr.l.head;
					p = xprop_get(st, &item->props,
					    &item->nprops, prop_index);
					xl_prepend(&p->vals, kv);
				}
			} else if (!jld_kwis(ekey, K_NONE)) {
				if (jld_kwis(index_key, K_INDEX)) {
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
	if (jld_kwis(ep, K_LIST))
		xl_cat(&o->list, &r->l);
	else if (jld_kwis(ep, K_SET))
		xl_cat(&o->set, &r->l);
	else if (jld_kwis(ep, K_GRAPH))
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

	t = jld_ctx_term(c, k->key);
	if (t != NULL && t->has_ctx && jld_ctx_process(&tc, st, c, t->ctx,
	    t->ctx_global, true, true, 0) < 0)
		return -1;
	cont = t != NULL && t->has_container ? t->container : 0;
	tt = jld_ctx_term(tc, k->key);
	if ((cont & CT_LANGUAGE) && k->type == JSON_OBJECT) {
		if (expand_language_map(&r, st, tc, k, tt != NULL &&
		    tt->has_direction ? tt->direction : tc->direction) < 0)
			return -1;
	} else if ((cont & CT_INDEX) && k->type == JSON_OBJECT) {
		ik = tt != NULL && tt->index != NULL ? tt->index : "@index";
		pi = !jld_kwis(ik, K_INDEX) ? xiri(st, c, ik, true, false) :
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
	} else if (jld_kwis(ep, K_LIST) || jld_kwis(ep, K_SET)) {
		if (jld_expand(&r, st, tc, jld_kwis(ep, K_LIST) &&
		    jld_kwis(eaprop, K_GRAPH) ? NULL : aprop, k,
		    jld_kwis(ep, K_LIST), false, NULL) < 0)
			return -1;
	} else if (t != NULL && t->has_type && jld_kwis(t->type, K_JSON)) {
		x = xnew(st, k);
		x->kw |= KW(K_VALUE) | KW(K_TYPE);
		x->vtype = "@json";
		x->value = k;
		xres_one(&r, x);
	} else if (jld_expand(&r, st, tc, k->key, k, false, false, NULL) < 0)
		return -1;

	if (r.kind == XR_NULL)
		return 0;
	if (!jld_kwis(ep, K_LIST) && (cont & CT_LIST) &&
	    !(r.kind == XR_ONE && jld_x_is_list(r.l.head))) {
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
			if (jld_x_is_value(x) || jld_x_is_list(x))
				return jld_jerr(st, k,
				    "@reverse value must not be "
				    "a @value or a @list");
		o->kw |= KW(K_REVERSE);
		p = xprop_get(st, &o->rev, NULL, ep);
		xl_cat(&p->vals, &r.l);
		return 0;
	}
	if ((ki = jld_keyword_index(ep)) >= 0) {
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
		return jld_jerr(st, k, "@reverse value must be an object");
	if (jld_expand(&r, st, c, "@reverse", k, false, false, NULL) < 0)
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
			if (jld_x_is_value(x) || jld_x_is_list(x))
				return jld_jerr(st, k,
				    "@reverse value must not be "
				    "a @value or a @list");
		o->kw |= KW(K_REVERSE);
		p = xprop_get(st, &o->rev, NULL, q->iri);
		xl_cat(&p->vals, &q->vals);
	}
	return 0;
}

/* Whether el is a JSON literal: its @type (type_key) expands to @json. */
static bool
is_json_literal(struct jst *st, const struct actx *c, const struct json *el,
    const char *type_key)
{
	const struct json *tv;
	const char *s;

	if (type_key == NULL || (tv = json_get(el, type_key)) == NULL)
		return false;
	if (tv->type == JSON_ARRAY)
		tv = tv->child;
	return tv != NULL && (s = jld_cstr(tv)) != NULL &&
	    jld_kwis(xiri(st, c, s, true, false), K_JSON);
}

/*
 * The expanded property of member k of an object expanded into o: an
 * absolute IRI or a keyword (*ki its index, else -1), and never a
 * keyword o has already, nor one under @reverse.
 */
static int
member_property(struct jst *st, const struct actx *c, const char *eaprop,
    const struct json *k, const struct xobj *o, const char **ep, int *ki)
{
	*ep = NULL;
	*ki = -1;
	if (strlen(k->key) != k->keylen)
		return jld_jerr(st, k,
		    "member name holds a NUL character");
	*ep = xiri(st, c, k->key, true, false);
	if (*ep == NULL || (!jld_is_absolute(*ep) && !jld_is_keyword(*ep)))
		return jld_jerr(st, k,
		    "term \"%s\" is not defined by the "
		    "active context (it would be dropped)", k->key);
	if ((*ki = jld_keyword_index(*ep)) >= 0) {
		if (jld_kwis(eaprop, K_REVERSE))
			return jld_jerr(st, k,
			    "a keyword cannot be used "
			    "as a @reverse property");
		if ((o->kw & (1u << *ki)) &&
		    !jld_kwis(*ep, K_INCLUDED) &&
		    !jld_kwis(*ep, K_TYPE))
			return jld_jerr(st, k,
			    "colliding keywords (%s)",
			    *ep);
	}
	return 0;
}

/* @id: an absolute IRI or a blank node identifier. */
static int
entry_id(struct jst *st, const struct actx *c, const struct json *k,
    struct xobj *o)
{
	const char *s;

	if (k->type != JSON_STRING)
		return jld_jerr(st, k, "@id value must be a "
		    "string");
	if ((s = jld_cstr(k)) == NULL)
		return jld_jerr(st, k,
		    "IRI holds a NUL character");
	o->kw |= KW(K_ID);
	o->id = xiri(st, c, s, false, true);
	if (o->id == NULL)
		return jld_jerr(st, k,
		    "reserved @id value \"%s\"",
		    s);
	if (!jld_is_absolute(o->id))
		return jld_jerr(st, k, "relative @id reference "
		    "\"%s\"", s);
	return 0;
}

/* @type: strings, each expanded with tsc to @json or an absolute IRI. */
static int
entry_type(struct jst *st, const struct actx *tsc, const struct json *k,
    struct xobj *o)
{
	const struct json *tv;
	const char *s;

	for (tv = k->type == JSON_ARRAY ? k->child : k;
	    tv != NULL; tv = k->type == JSON_ARRAY ?
	    tv->next : NULL)
		if (tv->type != JSON_STRING)
			return jld_jerr(st, tv,
			    "@type value must "
			    "be a string or an array of "
			    "strings");
	for (tv = k->type == JSON_ARRAY ? k->child : k;
	    tv != NULL; tv = k->type == JSON_ARRAY ?
	    tv->next : NULL) {
		if ((s = jld_cstr(tv)) == NULL)
			return jld_jerr(st, tv,
			    "IRI holds a NUL "
			    "character");
		s = xiri(st, tsc, s, true, true);
		if (!jld_kwis(s, K_JSON) && !jld_is_absolute(s))
			return jld_jerr(st, tv,
			    "relative @type "
			    "reference \"%s\" (no context "
			    "defines it)", tv->str);
		xadd_type(st, o, s, false);
	}
	return 0;
}

/* @included: node objects only. */
static int
entry_included(struct jst *st, const struct actx *c, const char *aprop,
    const struct json *k, struct xobj *o)
{
	struct xres r;
	struct xobj *x;

	if (jld_expand(&r, st, c, aprop, k, false, false,
	    NULL) < 0)
		return -1;
	for (x = r.l.head; x != NULL; x = x->next)
		if (!x_is_subject(x))
			return jld_jerr(st, k, "values of "
			    "@included must be node objects");
	o->kw |= KW(K_INCLUDED);
	xl_cat(&o->included, &r.l);
	return 0;
}

/* @language: null (ignored) or a BCP47 tag, lower-cased. */
static int
entry_language(struct jst *st, const struct json *k, struct xobj *o)
{
	const char *s;

	if (k->type == JSON_NULL)
		return 0;
	if ((s = jld_cstr(k)) == NULL)
		return jld_jerr(st, k,
		    "@language value must be a "
		    "string");
	if (!jld_bcp47(s))
		return jld_jerr(st, k,
		    "@language value \"%s\" is "
		    "not BCP47", s);
	o->lang = jld_lower(st->a, s);
	o->kw |= KW(K_LANGUAGE);
	return 0;
}

/* @direction: "ltr" or "rtl". */
static int
entry_direction(struct jst *st, const struct json *k, struct xobj *o)
{
	const char *s = jld_cstr(k);

	if (!jld_streq(s, "ltr") && !jld_streq(s, "rtl"))
		return jld_jerr(st, k, "@direction must be "
		    "\"ltr\" or \"rtl\"");
	o->dir = s;
	o->kw |= KW(K_DIRECTION);
	return 0;
}

/* @index: a string. */
static int
entry_index(struct jst *st, const struct json *k, struct xobj *o)
{
	if (k->type != JSON_STRING)
		return jld_jerr(st, k, "@index value must be a "
		    "string");
	o->kw |= KW(K_INDEX);
	o->index = k->str;
	return 0;
}

/* The @nest members of an object, expanded after the others. */
struct nests {
	const struct json *v[16];
	size_t		 n;
};

/*
 * Expands the nested values of the @nest members ns (node objects, never
 * value objects) into o, as members of o's own object.
 */
static int
expand_nests(struct jst *st, const struct actx *c, const char *aprop,
    const char *eaprop, const struct nests *ns, struct xobj *o,
    bool inside_list, const char *type_key, const struct actx *tsc)
{
	const struct json *k, *nv, *nk;
	size_t j;

	for (j = 0; j < ns->n; j++) {
		k = ns->v[j];
		for (nv = k->type == JSON_ARRAY ? k->child : k; nv != NULL;
		    nv = k->type == JSON_ARRAY ? nv->next : NULL) {
			if (nv->type != JSON_OBJECT)
				return jld_jerr(st, nv,
				    "nested value must be a "
				    "node object");
			for (nk = nv->child; nk != NULL; nk = nk->next)
				if (jld_kwis(xiri(st, c, nk->key, true, false),
				    K_VALUE))
					return jld_jerr(st, nv,
					    "nested value must "
					    "be a node object");
			if (expand_object(st, c, aprop, eaprop, nv, o,
			    inside_list, type_key, tsc) < 0)
				return -1;
		}
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
	const struct json *k, *unexpanded = NULL, **keys;
	struct nests ns;
	const char *ep;
	bool is_json = is_json_literal(st, c, el, type_key);
	size_t i;
	int ki, rc;

	ns.n = 0;
	/* Members in sorted order, as jsonld.js: the order decides which
	 * of two colliding entries is an error. */
	keys = sorted_members(st, el);
	for (i = 0; i < el->len; i++) {
		k = keys[i];
		if (jld_spend(st, k) < 0)
			return -1;
		if (jld_kwis(k->key, K_CONTEXT))
			continue;
		if (member_property(st, c, eaprop, k, o, &ep, &ki) < 0)
			return -1;
		switch (ki) {
		case K_ID:
			rc = entry_id(st, c, k, o);
			break;
		case K_TYPE:
			rc = entry_type(st, tsc, k, o);
			break;
		case K_INCLUDED:
			rc = entry_included(st, c, aprop, k, o);
			break;
		case K_VALUE:
			unexpanded = k;
			if (is_json || k->type != JSON_ARRAY || k->len > 0) {
				o->kw |= KW(K_VALUE);
				o->value = k;
			}
			rc = 0;
			break;
		case K_LANGUAGE:
			rc = entry_language(st, k, o);
			break;
		case K_DIRECTION:
			rc = entry_direction(st, k, o);
			break;
		case K_INDEX:
			rc = entry_index(st, k, o);
			break;
		case K_REVERSE:
			rc = expand_reverse(st, c, k, o);
			break;
		case K_NEST:
			if (ns.n == sizeof(ns.v) / sizeof(ns.v[0]))
				return jld_jerr(st, k,
				    "too many @nest members");
			ns.v[ns.n++] = k;
			rc = 0;
			break;
		case K_GRAPH:
			if (k->type != JSON_OBJECT && k->type != JSON_ARRAY)
				return jld_jerr(st, k,
				    "@graph value must be an object or "
				    "an array");
			/* FALLTHROUGH */
		default:
			rc = expand_member(st, c, aprop, eaprop, k, ep, o);
			break;
		}
		if (rc < 0)
			return -1;
	}

	if ((o->kw & KW(K_VALUE)) && !(o->ntypes == 1 &&
	    jld_kwis(o->types->s, K_JSON)) && unexpanded != NULL &&
	    (unexpanded->type == JSON_OBJECT || unexpanded->type == JSON_ARRAY))
		return jld_jerr(st, unexpanded,
		    "@value must not be an object or "
		    "an array");
	/* The @nest members last, as jsonld.js. */
	return expand_nests(st, c, aprop, eaprop, &ns, o, inside_list,
	    type_key, tsc);
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
		if (jld_kwis(xiri(st, *c, k->key, true, false), K_TYPE))
			n++;
	if (n == 0)
		return 0;
	keys = sorted_members(st, el);
	for (i = 0; i < el->len; i++) {
		k = keys[i];
		if (!jld_kwis(xiri(st, *c, k->key, true, false), K_TYPE))
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
			for (jj = j; jj > 0 &&
			    tl[jj - 1]->type == JSON_STRING &&
			    tl[jj]->type == JSON_STRING &&
			    jcs_utf16_cmp(tl[jj - 1]->str, tl[jj - 1]->len,
			    tl[jj]->str, tl[jj]->len) > 0; jj--) {
				tv = tl[jj];
				tl[jj] = tl[jj - 1];
				tl[jj - 1] = tv;
			}
		for (j = 0; j < nt; j++) {
			if ((s = jld_cstr(tl[j])) == NULL)
				continue;
			t = jld_ctx_term(tsc, s);
			if (t != NULL && t->has_ctx &&
			    jld_ctx_process(c, st, *c,
			    t->ctx, t->ctx_global, false, false, 0) < 0)
				return -1;
		}
	}
	return 0;
}

/* Checks an expanded value object (the end of jsonld.js jld_expand()). */
static int
check_value_object(struct jst *st, const struct json *el, struct xobj *o)
{
	size_t n = xcount(o), allowed = 1;
	const char *vt = o->ntypes > 0 ? o->types->s : NULL;

	if ((o->kw & KW(K_TYPE)) && (o->kw & (KW(K_LANGUAGE) |
	    KW(K_DIRECTION))))
		return jld_jerr(st, el,
		    "a value object may not have both @type "
		    "and @language or @direction");
	allowed += !!(o->kw & KW(K_TYPE)) + !!(o->kw & KW(K_INDEX)) +
	    !!(o->kw & KW(K_LANGUAGE)) + !!(o->kw & KW(K_DIRECTION));
	if (n != allowed)
		return jld_jerr(st, el, "a value object may only have @index, "
		    "@type, @language and @direction");
	if (o->ntypes > 1)
		return jld_jerr(st, el, "a value object has one @type");
	if (jld_kwis(vt, K_JSON)) {
		o->vtype = "@json";
		return 0;
	}
	if (o->value->type == JSON_NULL)
		return jld_jerr(st, el, "null @value would be dropped");
	if ((o->kw & KW(K_LANGUAGE)) && o->value->type != JSON_STRING)
		return jld_jerr(st, el, "only strings may be language-tagged");
	if (vt != NULL && (!jld_is_absolute(vt) || jld_is_bnode_id(vt)))
		return jld_jerr(st, el, "@type of a value must be an absolute "
		    "IRI");
	if (o->value->type == JSON_ARRAY || o->value->type == JSON_OBJECT)
		return jld_jerr(st, el, "@value must not be an object or an "
		    "array");
	o->vtype = vt;
	return 0;
}

/* jsonld.js jld_expand(): the expansion of element el. */
int
jld_expand(struct xres *res, struct jst *st, const struct actx *c,
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
	if (jld_spend(st, el) < 0)
		return -1;

	if (el->type != JSON_ARRAY && el->type != JSON_OBJECT) {
		if (el->type == JSON_NULL)
			return 0;
		if (!inside_list && (aprop == NULL ||
		    jld_kwis(xiri(st, c, aprop, true, false), K_GRAPH)))
			return jld_jerr(st, el, "free-floating value would be "
			    "dropped");
		return expand_value(res, st, c, aprop, el);
	}

	if (el->type == JSON_ARRAY) {
		inside_list = inside_list || (container_of(c, aprop) & CT_LIST);
		res->kind = XR_ARRAY;
		for (e = el->child; e != NULL; e = e->next) {
			if (jld_expand(&sub, st, c, aprop, e, false,
			    inside_index,
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
	t = jld_ctx_term(c, aprop);
	ptsc = tsc != NULL ? tsc : c->previous != NULL ? c : NULL;
	if (!inside_index && ptsc != NULL && el->len <= 2 &&
	    json_get(el, "@context") == NULL) {
		bool revert = true;

		for (k = el->child; k != NULL; k = k->next) {
			ep = xiri(st, ptsc, k->key, true, false);
			if (jld_kwis(ep, K_VALUE)) {
				revert = false;
				c = ptsc;
				break;
			}
			if (jld_kwis(ep, K_ID) && el->len == 1) {
				revert = false;
				break;
			}
		}
		if (revert && c->previous != NULL)
			c = c->previous;
	} else if (!inside_index && c->previous != NULL)
		c = c->previous;
	if (t != NULL && t->has_ctx && jld_ctx_process(&c, st, c, t->ctx,
	    t->ctx_global, true, true, 0) < 0)
		return -1;
	if ((k = json_get(el, "@context")) != NULL &&
	    jld_ctx_process(&c, st, c, k, false, true, false, 0) < 0)
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
			return jld_jerr(st, el,
			    "an object with @set or @list may "
			    "only also have @index");
		if (o->kw & KW(K_SET)) {
			res->kind = XR_ARRAY;
			xl_cat(&res->l, &o->set);
			return 0;
		}
	} else if (n == 1 && (o->kw & KW(K_LANGUAGE)))
		return jld_jerr(st, el, "object with only @language would be "
		    "dropped");

	if (!inside_list && (aprop == NULL || jld_kwis(eaprop, K_GRAPH) ||
	    (container_of(c, aprop) & CT_GRAPH)) && check_unsafe(st, o) < 0)
		return -1;
	xres_one(res, o);
	return 0;
}
