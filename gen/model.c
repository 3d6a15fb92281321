/*
 * model.c - documents of a site repository into one model of issuers,
 * achievements and awards, with the id index that resolves references.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "date.h"
#include "jws.h"
#include "escape.h"
#include "hash.h"
#include "htab.h"
#include "model.h"
#include "place.h"
#include "sitepath.h"

/* An entry of an index: a string and the document it names. */
struct map_ent {
	const char	*key;
	struct doc	*val;
};

struct model_index {
	struct htab	 ids;		/* id -> doc */
	struct htab	 paths;		/* site path -> doc */
};

static uint64_t
hash_str(const char *s)
{
	return hash_bytes(s, strlen(s));
}

static uint64_t
ent_hash(const void *e)
{
	return hash_str(((const struct map_ent *)e)->key);
}

/* The entry of key, or NULL with it at the place for it. */
static struct map_ent *
map_find(const struct htab *t, const char *key, struct htab_iter *it)
{
	struct map_ent *e;

	for (e = htab_first(t, hash_str(key), it); e != NULL;
	    e = htab_next(t, it))
		if (strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

static struct doc *
map_get(const struct htab *t, const char *key)
{
	struct htab_iter it;
	struct map_ent *e = map_find(t, key, &it);

	return e != NULL ? e->val : NULL;
}

/* Adds key -> v (key is kept); returns the document already there, or NULL. */
static struct doc *
map_put(struct model *m, struct htab *t, const char *key, struct doc *v)
{
	struct htab_iter it;
	struct map_ent *e;

	if ((e = map_find(t, key, &it)) != NULL)
		return e->val;
	e = arena_alloc(&m->arena, sizeof(*e));
	e->key = key;
	e->val = v;
	htab_insert(t, &it, e, ent_hash);
	return NULL;
}

void
model_init(struct model *m, const char *base_url)
{
	memset(m, 0, sizeof(*m));
	m->base_url = arena_strdup(&m->arena, base_url);
	m->index = xcalloc(1, sizeof(*m->index));
	m->strs = json_strtab_new(&m->arena);
}

void
model_set_languages(struct model *m, char *const *langs, size_t n)
{
	m->langs = langs;
	m->nlangs = n;
}

void
model_release(struct model *m)
{
	if (m == NULL)
		return;
	place_release(m);
	if (m->index != NULL) {
		htab_release(&m->index->ids);
		htab_release(&m->index->paths);
		free(m->index);
	}
	free(m->docs);
	free(m->issuers);
	free(m->badges);
	free(m->awards);
	free(m->imported);
	free(m->endorsements);
	free(m->sidecars);
	json_strtab_free(m->strs);
	arena_release(&m->trees);
	arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

void
model_forget_trees(struct model *m)
{
	struct award *aw;
	struct doc *doc;
	size_t i;

	for (i = 0; i < m->ndocs; i++) {
		doc = m->docs[i];
		doc->json = NULL;
		if (doc->jws != NULL) {
			doc->jws->hdr = NULL;
			doc->jws->body = NULL;
			doc->jws->jwk = NULL;
		}
		if (doc->kind == DOC_AWARD && (aw = doc->obj) != NULL) {
			aw->json = NULL;
			aw->recipient = NULL;
		}
	}
	for (i = 0; i < m->nendorsements; i++) {
		aw = m->endorsements[i];
		aw->json = NULL;
		aw->doc->json = NULL;
		if (aw->doc->jws != NULL) {
			aw->doc->jws->hdr = NULL;
			aw->doc->jws->body = NULL;
			aw->doc->jws->jwk = NULL;
		}
	}
	arena_release(&m->trees);
}

struct doc *
model_lookup(const struct model *m, const char *id)
{
	struct doc *doc;

	if (id == NULL)
		return NULL;
	doc = map_get(&m->index->ids, id);
	if (doc == NULL)
		model_missed(m, id);
	return doc;
}

void
model_missed(const struct model *m, const char *id)
{
	if (m->miss != NULL)
		m->miss(m->miss_arg, id);
}

bool
model_is_foreign(const char *file)
{
	return file != NULL && (strncmp(file, MODEL_TRUST_DIR,
	    strlen(MODEL_TRUST_DIR)) == 0 || strncmp(file,
	    MODEL_IMPORTED_DIR, strlen(MODEL_IMPORTED_DIR)) == 0);
}

struct doc *
model_at_path(const struct model *m, const char *path)
{
	return map_get(&m->index->paths, path);
}

struct doc *
model_served(const struct model *m, const char *url)
{
	struct buf b = BUF_INIT, f = BUF_INIT;
	struct doc *doc = NULL;
	const char *why;

	if (sitepath_of_url(&b, m->base_url, url, &why) > 0) {
		sitepath_doc_file(&f, b.data);
		doc = map_get(&m->index->paths, f.data);
	}
	buf_release(&b);
	buf_release(&f);
	return doc;
}

void
model_publish(struct model *m, struct doc *doc, const char *path)
{
	map_put(m, &m->index->paths, path, doc);
}

const char *
model_site_path(struct model *m, const char *url)
{
	struct buf b = BUF_INIT;
	const char *why, *p = NULL;

	if (sitepath_of_url(&b, m->base_url, url, &why) > 0)
		p = arena_strndup(&m->arena, b.data, b.len);
	buf_release(&b);
	return p;
}

bool
model_under_base(const struct model *m, const char *url)
{
	size_t n = strlen(m->base_url);

	return url != NULL && strncmp(url, m->base_url, n) == 0 &&
	    strpbrk(url + n, "?#") == NULL;
}

bool
json_type_is(const struct json *doc, const char *type)
{
	return json_has_str(json_get(doc, "type"), type);
}

/* The path of a content file relative to content/, or the path itself. */
static const char *
content_rel(const char *file)
{
	return strncmp(file, "content/", 8) == 0 ? file + 8 : file;
}

static const char *
extension(const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	if (dot == NULL || (slash != NULL && dot < slash))
		return "";
	return dot + 1;
}

/*
 * "content/badges/ai.json" -> "badges/ai/": the folder of its page (a
 * document of content/static/ has its path there).
 */
static const char *
page_path_of_file(struct model *m, const char *file)
{
	return model_page_path(m, file);
}

const char *
model_page_path(struct model *m, const char *file)
{
	const char *rel = content_rel(file), *ext;
	size_t n;

	if (strncmp(rel, "static/", 7) == 0)
		rel += 7;
	ext = extension(rel);
	n = strlen(rel);
	if (*ext != '\0')
		n -= strlen(ext) + 1;
	return arena_printf(&m->arena, "%.*s/", (int)n, rel);
}

/* A page path for a document known only by id: under base_url, or hashed. */
static const char *
page_path_of_id(struct model *m, const char *dir, const char *id)
{
	unsigned char h[SHA256_LEN];
	const char *p = model_site_path(m, id), *ext;
	char hex[2 * sizeof(h) + 1];

	if (p != NULL && *p != '\0' && p[strlen(p) - 1] != '/') {
		ext = extension(p);
		return arena_printf(&m->arena, "%.*s/",
		    (int)(strlen(p) - (*ext ? strlen(ext) + 1 : 0)), p);
	}
	sha256(h, id, strlen(id));
	hex_encode(hex, h, sizeof(h));
	return arena_printf(&m->arena, "%s/%.12s/", dir, hex);
}

static struct doc *
new_doc(struct model *m, enum doc_kind kind, const char *file,
    const char *oid)
{
	struct doc *doc = arena_alloc(&m->arena, sizeof(*doc));

	doc->kind = kind;
	doc->file = file;
	doc->oid = oid;
	if (file != NULL) {
		if (m->ndocs == m->capdocs) {
			m->capdocs = m->capdocs ? m->capdocs * 2 : 64;
			m->docs = xreallocarray(m->docs, m->capdocs,
			    sizeof(*m->docs));
		}
		m->docs[m->ndocs++] = doc;
	}
	return doc;
}

static int
index_id(struct model *m, struct doc *doc, struct diag *d)
{
	struct htab_iter it;
	struct doc *old;

	if (doc->id == NULL)
		return 0;
	if ((old = map_put(m, &m->index->ids, doc->id, doc)) == NULL ||
	    old == doc)
		return 0;
	if (m->replace && old->kind == DOC_AWARD && doc->kind == DOC_AWARD) {
		/* The award given to verify stands for the site's copy. */
		model_drop_award(m, old->obj);
		old->obj = NULL;
		old->id = NULL;
		old->publish = NULL;
		map_find(&m->index->ids, doc->id, &it)->val = doc;
		return 0;
	}
	return diag_err(d, "%s: id %s is the id of %s too", doc->file,
	    doc->id, old->file ? old->file : "an embedded document");
}

/* Reports a problem at a JSON value of a file. */
static int
json_err(struct diag *d, const char *file, const struct json *v,
    const char *what)
{
	struct buf path = BUF_INIT;
	int rc;

	json_path(v, &path);
	rc = diag_err(d, "%s:%u:%u: %s: %s", file, v->line, v->col,
	    path.data, what);
	buf_release(&path);
	return rc;
}

/* A required string member; reports where it is missing or not a string. */
static const char *
need_str(struct model *m, const char *file, const struct json *obj,
    const char *key, struct diag *d)
{
	const struct json *v = json_get(obj, key);
	char what[128];

	if (v != NULL && v->type == JSON_STRING && v->len > 0)
		return v->str;
	if (v == NULL)
		snprintf(what, sizeof(what), "missing member \"%s\"", key);
	else
		snprintf(what, sizeof(what), "\"%s\": expected a non-empty "
		    "string, not %s", key, json_type_name(v->type));
	json_err(d, file, v != NULL ? v : obj, what);
	(void)m;
	return NULL;
}

/* An optional string; a value of another type is reported. */
static const char *
opt_str(const char *file, const struct json *obj, const char *key,
    struct diag *d, bool *bad)
{
	const struct json *v = json_get(obj, key);
	char what[128];

	if (v == NULL || v->type == JSON_NULL)
		return NULL;
	if (v->type == JSON_STRING)
		return v->len > 0 ? v->str : NULL;
	snprintf(what, sizeof(what), "\"%s\": expected a string, not %s",
	    key, json_type_name(v->type));
	json_err(d, file, v, what);
	*bad = true;
	return NULL;
}

/* A link of a document when it is safe (escape.h), as a URI. */
static const char *
safe_url(struct model *m, const char *url)
{
	struct buf b = BUF_INIT;
	const char *s;

	if (!url_is_safe(url))
		return NULL;
	uri_from_iri(&b, url);
	s = strcmp(b.data, url) == 0 ? url : arena_strndup(&m->arena, b.data,
	    b.len);
	buf_release(&b);
	return s;
}

/* An image reference: an IRI string or an Image object. */
static void
read_image(struct model *m, struct image *img, const struct json *v)
{
	const char *url = json_id(v);

	img->caption = v != NULL && v->type == JSON_OBJECT ?
	    json_get_str(v, "caption") : NULL;
	img->url = url;
	/* Only an image of the site is shown (not external, not data:). */
	img->path = url != NULL ? model_site_path(m, url) : NULL;
}

static bool
is_ob2(const struct json *doc)
{
	const struct json *c = json_get(doc, "@context");

	return json_has_str(c, "https://w3id.org/openbadges/v2") ||
	    json_has_str(c, "https://w3id.org/openbadges/v1") ||
	    json_has_str(c, "https://openbadgespec.org/v2/context.json") ||
	    json_has_str(c, "https://openbadgespec.org/v1/context.json");
}

/*
 * Reads an OB 2.0 or OB 3.0 Profile (standalone or embedded) into is.
 * Returns whether it is usable; what is wrong is reported.
 */
static bool
issuer_read(struct model *m, struct issuer *is, struct doc *doc,
    const struct json *j, struct diag *d)
{
	const char *file = doc->file ? doc->file : doc->id;
	bool bad = false;

	is->doc = doc;
	is->id = doc->id;
	is->ob3 = !is_ob2(j);
	/*
	 * Open Badges 3.0 makes a Profile's name optional; OB 2.0 requires
	 * an issuer's.  Without one, the page names the issuer by its id.
	 */
	if (is->ob3) {
		is->name = opt_str(file, j, "name", d, &bad);
		if (is->name == NULL && is->id == NULL)
			bad = json_err(d, file, j, "an issuer Profile needs an "
			    "id or a name") < 0;
		else if (is->name == NULL)
			is->name = is->id;
	} else if ((is->name = need_str(m, file, j, "name", d)) == NULL)
		bad = true;
	is->website = safe_url(m, opt_str(file, j, "url", d, &bad));
	is->email = opt_str(file, j, "email", d, &bad);
	is->description = opt_str(file, j, "description", d, &bad);
	read_image(m, &is->image, json_get(j, "image"));
	return !bad;
}

/* Issuer from an OB 2.0 or OB 3.0 Profile (standalone or embedded). */
static struct issuer *
issuer_from(struct model *m, struct doc *doc, const struct json *j,
    struct diag *d)
{
	struct issuer *is = arena_alloc(&m->arena, sizeof(*is));

	if (!issuer_read(m, is, doc, j, d))
		return NULL;
	doc->obj = is;
	return is;
}

/* Whether one of the n skills is named name. */
static bool
is_skill(const struct skill *skills, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(skills[i].name, name) == 0)
			return true;
	return false;
}

/*
 * The skills of an "alignment" member (an object or an array of them),
 * each name once, into *out and *np.
 */
static void
read_alignments(struct model *m, const struct json *al, struct skill **out,
    size_t *np)
{
	const struct json *e;
	struct skill *s;
	size_t n = 0;

	if (al != NULL && al->type == JSON_OBJECT)
		n = 1;
	else if (al != NULL && al->type == JSON_ARRAY)
		n = al->len;
	*out = arena_alloc(&m->arena, (n + 1) * sizeof(**out));
	*np = 0;
	for (e = al != NULL && al->type == JSON_ARRAY ? al->child : al;
	    e != NULL && n > 0; e = al->type == JSON_ARRAY ? e->next : NULL) {
		s = &(*out)[*np];
		if ((s->name = json_get_str(e, "targetName")) == NULL ||
		    is_skill(*out, *np, s->name))
			continue;
		s->url = safe_url(m, json_get_str(e, "targetUrl"));
		s->framework = json_get_str(e, "targetFramework");
		s->code = json_get_str(e, "targetCode");
		(*np)++;
	}
}

/*
 * The skills (alignments, each name once) and the tags (each once, and
 * none that is the name of a skill) of an achievement.
 */
static void
read_skills(struct model *m, struct achievement *a, const struct json *j)
{
	const struct json *e, *tags;
	size_t i;

	read_alignments(m, json_get(j, "alignment"), &a->skills, &a->nskills);
	tags = json_get(j, a->ob3 ? "tag" : "tags");
	if (tags == NULL)
		tags = json_get(j, a->ob3 ? "tags" : "tag");
	if (tags == NULL || tags->type != JSON_ARRAY)
		return;
	a->tags = arena_alloc(&m->arena, (tags->len + 1) * sizeof(*a->tags));
	for (e = tags->child; e != NULL; e = e->next) {
		if (e->type != JSON_STRING || e->len == 0 ||
		    is_skill(a->skills, a->nskills, e->str))
			continue;
		for (i = 0; i < a->ntags; i++)
			if (strcmp(a->tags[i], e->str) == 0)
				break;
		if (i == a->ntags)
			a->tags[a->ntags++] = e->str;
	}
}

/*
 * A value shown as text: a non-empty string, or a number as written
 * (copied: a number's literal does not outlive the tree).  NULL for
 * anything else.
 */
static const char *
text_of(struct model *m, const struct json *v)
{
	if (v == NULL)
		return NULL;
	if (v->type == JSON_STRING)
		return v->len > 0 ? v->str : NULL;
	if (v->type == JSON_NUMBER)
		return arena_strndup(&m->arena, v->str, v->len);
	return NULL;
}

/* The elements of an array member (or a lone object) and their count. */
static const struct json *
elements(const struct json *v, size_t *np)
{
	if (v == NULL || (v->type != JSON_ARRAY && v->type != JSON_OBJECT)) {
		*np = 0;
		return NULL;
	}
	*np = v->type == JSON_ARRAY ? v->len : 1;
	return v->type == JSON_ARRAY ? v->child : v;
}

/* The next element after e of the array (or lone object) v. */
static const struct json *
next_element(const struct json *v, const struct json *e)
{
	return v->type == JSON_ARRAY ? e->next : NULL;
}

/*
 * The Open Badges 3.0 ResultDescriptions of an achievement, with their
 * rubric levels.  Entries that are not objects are passed over, and so
 * are members of the wrong type: they are only shown.
 */
static void
read_result_descs(struct model *m, struct achievement *a,
    const struct json *j)
{
	const struct json *v = json_get(j, "resultDescription"), *e, *x, *l;
	struct result_desc *rd;
	struct result_level *lv;
	size_t n, k;

	e = elements(v, &n);
	a->results = arena_alloc(&m->arena, (n + 1) * sizeof(*a->results));
	for (; e != NULL; e = next_element(v, e)) {
		if (e->type != JSON_OBJECT)
			continue;
		rd = &a->results[a->nresults++];
		rd->id = json_get_str(e, "id");
		rd->name = text_of(m, json_get(e, "name"));
		rd->result_type = text_of(m, json_get(e, "resultType"));
		rd->required_level = json_get_str(e, "requiredLevel");
		rd->required_value = text_of(m, json_get(e, "requiredValue"));
		rd->value_min = text_of(m, json_get(e, "valueMin"));
		rd->value_max = text_of(m, json_get(e, "valueMax"));
		x = elements(json_get(e, "allowedValue"), &k);
		rd->allowed = arena_alloc(&m->arena, (k + 1) *
		    sizeof(*rd->allowed));
		for (; x != NULL; x = next_element(json_get(e,
		    "allowedValue"), x))
			if ((rd->allowed[rd->nallowed] = text_of(m, x)) != NULL)
				rd->nallowed++;
		l = json_get(e, "rubricCriterionLevel");
		x = elements(l, &k);
		rd->levels = arena_alloc(&m->arena, (k + 1) *
		    sizeof(*rd->levels));
		for (; x != NULL; x = next_element(l, x)) {
			if (x->type != JSON_OBJECT)
				continue;
			lv = &rd->levels[rd->nlevels++];
			lv->id = json_get_str(x, "id");
			lv->name = text_of(m, json_get(x, "name"));
			lv->description = text_of(m, json_get(x,
			    "description"));
			lv->level = text_of(m, json_get(x, "level"));
			lv->points = text_of(m, json_get(x, "points"));
		}
		read_alignments(m, json_get(e, "alignment"), &rd->skills,
		    &rd->nskills);
	}
}

/* The Open Badges 3.0 results of an award (credentialSubject.result). */
static void
read_results(struct model *m, struct award *aw, const struct json *subj)
{
	const struct json *v = json_get(subj, "result"), *e;
	struct result *res;
	size_t n;

	aw->credits_earned = text_of(m, json_get(subj, "creditsEarned"));
	e = elements(v, &n);
	aw->results = arena_alloc(&m->arena, (n + 1) * sizeof(*aw->results));
	for (; e != NULL; e = next_element(v, e)) {
		if (e->type != JSON_OBJECT)
			continue;
		res = &aw->results[aw->nresults];
		res->description = json_get_str(e, "resultDescription");
		res->value = text_of(m, json_get(e, "value"));
		res->achieved_level = json_get_str(e, "achievedLevel");
		res->status = text_of(m, json_get(e, "status"));
		read_alignments(m, json_get(e, "alignment"), &res->skills,
		    &res->nskills);
		if (res->value != NULL || res->achieved_level != NULL ||
		    res->status != NULL || res->nskills > 0)
			aw->nresults++;
	}
}

/* Achievement from an OB 2.0 BadgeClass or OB 3.0 Achievement. */
static struct achievement *
achievement_from(struct model *m, struct doc *doc, const struct json *j,
    bool ob3, struct diag *d)
{
	struct achievement *a = arena_alloc(&m->arena, sizeof(*a));
	const char *file = doc->file ? doc->file : doc->id;
	const struct json *cr;
	bool bad = false;

	a->doc = doc;
	a->id = doc->id;
	a->ob3 = ob3;
	if ((a->name = need_str(m, file, j, "name", d)) == NULL)
		bad = true;
	if ((a->description = need_str(m, file, j, "description", d)) == NULL)
		bad = true;
	cr = json_get(j, "criteria");
	if (cr == NULL) {
		json_err(d, file, j, "missing member \"criteria\"");
		bad = true;
	} else if (cr->type == JSON_STRING) {
		a->criteria_url = safe_url(m, cr->str);
	} else if (cr->type == JSON_OBJECT) {
		a->criteria_md = opt_str(file, cr, "narrative", d, &bad);
		a->criteria_url = safe_url(m, json_get_str(cr, "id"));
	} else {
		json_err(d, file, cr, "\"criteria\": expected a URL or an "
		    "object with a narrative");
		bad = true;
	}
	a->achievement_type = opt_str(file, j, "achievementType", d, &bad);
	a->credits_available = text_of(m, json_get(j, "creditsAvailable"));
	a->field_of_study = text_of(m, json_get(j, "fieldOfStudy"));
	a->human_code = text_of(m, json_get(j, "humanCode"));
	a->specialization = text_of(m, json_get(j, "specialization"));
	read_result_descs(m, a, j);
	read_image(m, &a->image, json_get(j, "image"));
	read_skills(m, a, j);
	if (bad)
		return NULL;
	doc->obj = a;
	return a;
}

/* Reads a date member into *out; reports a bad one. */
static int
read_date(int64_t *out, bool *present, const char *file,
    const struct json *obj, const char *key, bool required, struct diag *d)
{
	const struct json *v = json_get(obj, key);
	bool zone;
	char what[160];

	if (present != NULL)
		*present = false;
	if (v == NULL) {
		if (!required)
			return 0;
		snprintf(what, sizeof(what), "missing member \"%s\"", key);
		return json_err(d, file, obj, what);
	}
	if (v->type != JSON_STRING || date_parse(out, &zone, v->str) < 0) {
		snprintf(what, sizeof(what), "\"%s\": expected an ISO 8601 "
		    "date and time such as 2026-04-01T09:00:00+09:00", key);
		return json_err(d, file, v, what);
	}
	if (!zone)
		diag_warn(d, "%s:%u:%u: \"%s\": no time zone, taken as UTC",
		    file, v->line, v->col, key);
	if (present != NULL)
		*present = true;
	return 0;
}

static void
read_evidence(struct model *m, struct award *aw, const struct json *ev)
{
	const struct json *e;
	size_t n;

	if (ev == NULL)
		return;
	n = ev->type == JSON_ARRAY ? ev->len : 1;
	aw->evidence = arena_alloc(&m->arena, (n + 1) * sizeof(*aw->evidence));
	for (e = ev->type == JSON_ARRAY ? ev->child : ev; e != NULL;
	    e = ev->type == JSON_ARRAY ? e->next : NULL) {
		struct evidence *x = &aw->evidence[aw->nevidence];

		if (e->type == JSON_STRING) {
			x->url = safe_url(m, e->str);
		} else if (e->type == JSON_OBJECT) {
			x->url = safe_url(m, json_get_str(e, "id"));
			x->name = json_get_str(e, "name");
			x->description = json_get_str(e, "description");
			x->narrative = json_get_str(e, "narrative");
		}
		if (x->url || x->name || x->description || x->narrative)
			aw->nevidence++;
	}
}

/* The recipient's display name, never an identity. */
static const char *
recipient_name(const struct json *j, bool ob3)
{
	const struct json *subj, *ids, *e;

	if (!ob3)
		return json_get_str(json_get(j, "extensions:recipientProfile"),
		    "name");
	subj = json_get(j, "credentialSubject");
	ids = json_get(subj, "identifier");
	for (e = ids != NULL && ids->type == JSON_ARRAY ? ids->child : NULL;
	    e != NULL; e = e->next)
		if (json_str_eq(json_get(e, "identityType"), "name") &&
		    json_get(e, "hashed") != NULL &&
		    json_get(e, "hashed")->type == JSON_FALSE)
			return json_get_str(e, "identityHash");
	return NULL;
}

/*
 * The credential inside an OB 3.0 VC-JWT payload: the "vc" claim, or
 * the payload itself.
 */
static const struct json *
vc_of(const struct json *payload)
{
	const struct json *vc = json_get(payload, "vc");

	return vc != NULL && vc->type == JSON_OBJECT ? vc : payload;
}

static bool
is_credential(const struct json *j)
{
	return json_type_is(j, "VerifiableCredential") &&
	    (json_type_is(j, "OpenBadgeCredential") ||
	    json_type_is(j, "AchievementCredential"));
}

/* The first embedded proof of j (the object or an array's first), or NULL. */
static const struct json *
first_proof(const struct json *j)
{
	const struct json *p = json_get(j, "proof");

	return p != NULL && p->type == JSON_ARRAY ? p->child : p;
}

/*
 * The issue date and expiry of an award or endorsement: OB 2.0
 * issuedOn and expires; OB 3.0 awardedDate (else validFrom, or VCDM
 * 1.1's issuanceDate, else the created date of its first proof) and
 * validUntil (expirationDate).  Returns 0, or -1 after reporting.
 */
static int
read_validity(struct award *aw, const char *file, const struct json *j,
    bool ob3, struct diag *d)
{
	int rc = 0;

	if (!ob3)
		rc = read_date(&aw->issued, NULL, file, j, "issuedOn", true, d);
	else if (json_get(j, "awardedDate") != NULL)
		rc = read_date(&aw->issued, NULL, file, j, "awardedDate", true,
		    d);
	else if (json_get(j, "validFrom") == NULL &&
	    json_get(j, "issuanceDate") == NULL &&
	    json_get(first_proof(j), "created") != NULL)
		/* VCDM 2.0 makes validFrom optional: when it was signed. */
		rc = read_date(&aw->issued, NULL, file, first_proof(j),
		    "created", true, d);
	else
		rc = read_date(&aw->issued, NULL, file, j,
		    json_get(j, "validFrom") || !json_get(j, "issuanceDate") ?
		    "validFrom" : "issuanceDate", true, d);
	if (read_date(&aw->expires, &aw->has_expires, file, j, !ob3 ?
	    "expires" : json_get(j, "validUntil") || !json_get(j,
	    "expirationDate") ? "validUntil" : "expirationDate", false,
	    d) < 0)
		rc = -1;
	return rc;
}

/* Whether j is an OB 3.0 EndorsementCredential. */
static bool
is_endorsement(const struct json *j)
{
	return json_type_is(j, "VerifiableCredential") &&
	    json_type_is(j, "EndorsementCredential");
}

/*
 * An endorsement (see model.h) of doc, in form: what it endorses, its
 * comment, its dates.  file names it in messages.  Returns 0, or -1
 * after reporting why it is unusable.
 */
static int
endorsement_from(struct model *m, struct doc *doc, const char *file,
    const struct json *j, enum award_form form, struct diag *d)
{
	struct award *aw = arena_alloc(&m->arena, sizeof(*aw));
	bool ob3 = form == FORM_OB3_JSON || form == FORM_OB3_JWT, bad = false;
	const struct json *claim = json_get(j, ob3 ? "credentialSubject" :
	    "claim");

	aw->doc = doc;
	aw->form = form;
	aw->file = file;
	aw->json = j;
	aw->id = doc->id;
	aw->endorsement = true;
	aw->path = doc->file != NULL ? page_path_of_file(m, doc->file) : NULL;
	if (!ob3 && aw->id == NULL)
		bad = json_err(d, file, j, "missing member \"id\"") < 0;
	if (claim == NULL || claim->type != JSON_OBJECT ||
	    (aw->endorses = json_get_str(claim, "id")) == NULL)
		bad = json_err(d, file, claim != NULL ? claim : j, ob3 ?
		    "\"credentialSubject\": expected an object whose id is "
		    "what is endorsed" : "\"claim\": expected an object whose "
		    "id is what is endorsed") < 0;
	else
		aw->comment = opt_str(file, claim, "endorsementComment", d,
		    &bad);
	if (json_get(j, "issuer") == NULL)
		bad = json_err(d, file, j, "missing member \"issuer\"") < 0;
	if (read_validity(aw, file, j, ob3, d) < 0)
		bad = true;
	doc->obj = aw;
	if (bad)
		return -1;
	if (m->nendorsements % 16 == 0)
		m->endorsements = xreallocarray(m->endorsements,
		    m->nendorsements + 16, sizeof(*m->endorsements));
	m->endorsements[m->nendorsements++] = aw;
	return 0;
}

/*
 * What was captured in q (messages about an endorsement) passed on to d
 * as warnings: an endorsement never keeps what it endorses off the
 * site, it is only left out of the list.
 */
static void
endorsement_warnings(struct diag *d, struct diag *q)
{
	const char *p = q->capture->data, *nl;
	size_t n;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (strncmp(p, "error: ", 7) == 0)
			diag_warn(d, "%.*s; the endorsement is not listed",
			    (int)(n - 7), p + 7);
		else if (strncmp(p, "warning: ", 9) == 0)
			diag_warn(d, "%.*s", (int)(n - 9), p + 9);
		p += n;
		if (*p == '\n')
			p++;
	}
	buf_reset(q->capture);
}

/* A diag that captures into b, for endorsement_warnings. */
static void
quiet_diag(struct diag *q, struct buf *b)
{
	struct diag init = DIAG_INIT;

	*q = init;
	q->quiet = true;
	q->capture = b;
}

/*
 * An endorsement that is a file of its own: what is wrong with it is a
 * warning (it is left out of the lists), never an error of the site.
 */
static int
standalone_endorsement(struct model *m, struct doc *doc,
    const struct json *j, enum award_form form, struct diag *d)
{
	struct buf cap = BUF_INIT;
	struct diag q;

	quiet_diag(&q, &cap);
	endorsement_from(m, doc, doc->file, j, form, &q);
	endorsement_warnings(d, &q);
	buf_release(&cap);
	return 0;
}

static int
award_from(struct model *m, struct doc *doc, const struct json *j,
    enum award_form form, struct diag *d)
{
	struct award *aw = arena_alloc(&m->arena, sizeof(*aw));
	const char *file = doc->file;
	const struct json *subj;
	bool ob3 = form == FORM_OB3_JSON || form == FORM_OB3_JWT, bad = false;
	const char *vtype;

	aw->doc = doc;
	aw->form = form;
	aw->file = file;
	aw->json = j;
	aw->id = doc->id;
	aw->path = page_path_of_file(m, file);
	if (aw->id == NULL)
		bad = json_err(d, file, j, "missing member \"id\"") < 0;
	if (!ob3) {
		if (json_get(j, "recipient") == NULL)
			bad = json_err(d, file, j,
			    "missing member \"recipient\"") < 0;
		aw->recipient = json_get(j, "recipient");
		if (json_get(j, "badge") == NULL)
			bad = json_err(d, file, j, "missing member \"badge\"") < 0;
		if (read_validity(aw, file, j, false, d) < 0)
			bad = true;
		aw->narrative = opt_str(file, j, "narrative", d, &bad);
		read_evidence(m, aw, json_get(j, "evidence"));
		if (form == FORM_OB2_HOSTED) {
			vtype = json_get_str(json_get(j, "verification"),
			    "type");
			if (vtype == NULL)
				vtype = json_get_str(json_get(j, "verify"),
				    "type");
			if (vtype != NULL && (strcasecmp(vtype, "signed") == 0 ||
			    strcmp(vtype, "SignedBadge") == 0))
				bad = json_err(d, file, j, "a signed assertion "
				    "must be given as its JWS (a .jws file), "
				    "not as JSON") < 0;
		}
	} else {
		subj = json_get(j, "credentialSubject");
		aw->recipient = subj;
		if (subj == NULL || subj->type != JSON_OBJECT)
			bad = json_err(d, file, j, "\"credentialSubject\": "
			    "expected an object") < 0;
		else if (json_get(subj, "achievement") == NULL)
			bad = json_err(d, file, subj,
			    "missing member \"achievement\"") < 0;
		if (json_get(j, "issuer") == NULL)
			bad = json_err(d, file, j, "missing member \"issuer\"") < 0;
		if (read_validity(aw, file, j, true, d) < 0)
			bad = true;
		aw->narrative = opt_str(file, subj, "narrative", d, &bad);
		read_evidence(m, aw, json_get(j, "evidence"));
		read_results(m, aw, subj);
	}
	aw->recipient_name = recipient_name(j, ob3);
	doc->obj = aw;
	if (bad) {
		m->failed++;
		return -1;
	}
	if (m->nawards % 64 == 0)
		m->awards = xreallocarray(m->awards, m->nawards + 64,
		    sizeof(*m->awards));
	m->awards[m->nawards++] = aw;
	return 0;
}

/*
 * What kind of document the JSON object j is: DOC_AWARD (a credential
 * or an Assertion), ..., or DOC_FILE when none.
 */
static enum doc_kind
classify(const struct json *j)
{
	const struct json *ctx = json_get(j, "@context");
	const char *id = json_get_str(j, "id");

	if (is_credential(j) || is_endorsement(j) ||
	    json_type_is(j, "Endorsement") || json_type_is(j, "Assertion"))
		return DOC_AWARD;
	if (json_type_is(j, "BadgeClass") || json_type_is(j, "Achievement"))
		return DOC_ACHIEVEMENT;
	if (json_type_is(j, "Issuer") || json_type_is(j, "Profile"))
		return DOC_ISSUER;
	if (json_type_is(j, "CryptographicKey") ||
	    json_type_is(j, "Multikey") || json_type_is(j, "JsonWebKey") ||
	    json_type_is(j, "JsonWebKey2020") ||
	    json_type_is(j, "Ed25519VerificationKey2020") ||
	    json_get(j, "kty") != NULL)
		return DOC_KEY;
	if (json_type_is(j, "RevocationList"))
		return DOC_REVOCATION_LIST;
	if (json_type_is(j, "1EdTechRevocationList") ||
	    json_type_is(j, "BitstringStatusListCredential") ||
	    json_type_is(j, "StatusList2021Credential"))
		return DOC_STATUS_LIST;
	if (json_get(j, "keys") != NULL &&
	    json_get(j, "keys")->type == JSON_ARRAY)
		return DOC_JWKS;
	if (json_has_str(ctx, "https://www.w3.org/ns/did/v1") ||
	    json_has_str(ctx, "https://www.w3.org/ns/cid/v1") ||
	    json_get(j, "verificationMethod") != NULL ||
	    json_get(j, "assertionMethod") != NULL ||
	    (id != NULL && strncmp(id, "did:", 4) == 0))
		return DOC_DID;
	return DOC_FILE;
}

/* Classifies a parsed JSON document and creates its model object. */
static int
add_json(struct model *m, struct doc *doc, const struct json *j,
    struct diag *d)
{
	bool ob3;

	if (j->type != JSON_OBJECT)
		return diag_err(d, "%s: expected a JSON object, not %s",
		    doc->file, json_type_name(j->type));
	doc->json = j;
	doc->id = json_get_str(j, "id");
	doc->kind = classify(j);
	if (doc->kind == DOC_AWARD && is_credential(j)) {
		if (index_id(m, doc, d) < 0)
			return -1;
		return award_from(m, doc, j, FORM_OB3_JSON, d);
	}
	if (doc->kind == DOC_AWARD &&
	    (is_endorsement(j) || json_type_is(j, "Endorsement"))) {
		if (index_id(m, doc, d) < 0)
			return -1;
		return standalone_endorsement(m, doc, j, is_endorsement(j) ?
		    FORM_OB3_JSON : FORM_OB2_HOSTED, d);
	}
	if (doc->kind == DOC_AWARD) {
		if (index_id(m, doc, d) < 0)
			return -1;
		return award_from(m, doc, j, FORM_OB2_HOSTED, d);
	}
	if (doc->kind == DOC_ACHIEVEMENT) {
		if (doc->id == NULL)
			return json_err(d, doc->file, j, "missing member \"id\"");
		if (index_id(m, doc, d) < 0)
			return -1;
		/* A BadgeClass is OB 2.0 whatever its @context. */
		ob3 = !json_type_is(j, "BadgeClass") &&
		    (!is_ob2(j) || json_type_is(j, "Achievement"));
		return achievement_from(m, doc, j, ob3, d) ? 0 : -1;
	}
	if (doc->kind == DOC_ISSUER) {
		if (doc->id == NULL)
			return json_err(d, doc->file, j, "missing member \"id\"");
		if (index_id(m, doc, d) < 0)
			return -1;
		return issuer_from(m, doc, j, d) ? 0 : -1;
	}
	if (doc->kind == DOC_FILE) {
		/* Not published: an award-like document without an award. */
		doc->kind = DOC_AWARD;
		return diag_err(d, "%s: not an Open Badges document: its "
		    "\"type\" names none of Assertion, BadgeClass, Issuer, "
		    "Profile, CryptographicKey, RevocationList, Endorsement, "
		    "OpenBadgeCredential, Achievement, EndorsementCredential",
		    doc->file);
	}
	return index_id(m, doc, d);
}

/* A compact JWS: an OB 2.0 signed assertion or an OB 3.0 VC-JWT. */
static int
add_jws(struct model *m, struct doc *doc, struct diag *d)
{
	const struct json *vc;
	struct award *aw;
	int rc;

	/* In the model's arena, pointing into doc->raw: no second copy. */
	doc->jws = arena_alloc(&m->arena, sizeof(*doc->jws));
	if (jws_parse_in(doc->jws, &m->trees, m->strs, doc->file, doc->raw,
	    doc->rawlen, d) < 0) {
		doc->jws = NULL;
		m->failed++;
		return -1;
	}
	vc = vc_of(doc->jws->body);
	if (json_type_is(vc, "BitstringStatusListCredential")) {
		/* A status list as a VC-JWT: published at its id. */
		doc->kind = DOC_STATUS_LIST;
		doc->json = vc;
		doc->id = json_get_str(vc, "id");
		return index_id(m, doc, d);
	}
	doc->kind = DOC_AWARD;
	doc->json = vc;
	doc->id = json_get_str(vc, "id");
	if (doc->id == NULL && vc != doc->jws->body)
		doc->id = json_get_str(doc->jws->body, "jti");
	/* An id under base_url serves the payload (place_award). */
	if (doc->id != NULL && strncmp(doc->id, m->base_url,
	    strlen(m->base_url)) == 0)
		jws_keep_payload(doc->jws, &m->arena);
	if (index_id(m, doc, d) < 0) {
		m->failed++;
		return -1;
	}
	if (is_credential(vc))
		rc = award_from(m, doc, vc, FORM_OB3_JWT, d);
	else if (json_type_is(vc, "Assertion") ||
	    json_get(vc, "recipient") != NULL)
		rc = award_from(m, doc, vc, FORM_OB2_SIGNED, d);
	else if (is_endorsement(vc) || json_type_is(vc, "Endorsement"))
		rc = standalone_endorsement(m, doc, vc, is_endorsement(vc) ?
		    FORM_OB3_JWT : FORM_OB2_SIGNED, d);
	else {
		m->failed++;
		return diag_err(d, "%s: the JWS payload is neither an Open "
		    "Badges 2.0 Assertion nor an OpenBadgeCredential",
		    doc->file);
	}
	if (rc < 0)
		return -1;
	aw = doc->obj;
	aw->jws = doc->jws;
	return 0;
}

/* A new entry of m->sidecars for the file (in the arena). */
static struct sidecar *
new_sidecar(struct model *m, const char *file)
{
	struct sidecar *sc;

	if (m->nsidecars == m->capsidecars) {
		m->capsidecars = m->capsidecars ? 2 * m->capsidecars : 16;
		m->sidecars = xreallocarray(m->sidecars, m->capsidecars,
		    sizeof(*m->sidecars));
	}
	sc = &m->sidecars[m->nsidecars++];
	memset(sc, 0, sizeof(*sc));
	sc->file = file;
	return sc;
}

void
model_add_skipped(struct model *m, const char *file, const char *why)
{
	const char *rel = content_rel(file);

	if (strcmp(extension(file), "conf") != 0 ||
	    strncmp(rel, "static/", 7) == 0 ||
	    strncmp(rel, "recipients/", 11) == 0)
		return;
	new_sidecar(m, arena_strdup(&m->arena, file))->unreadable =
	    arena_strdup(&m->arena, why);
}

static bool
is_image_ext(const char *ext)
{
	static const char *const exts[] = { "png", "svg", "jpg", "jpeg",
	    "gif", "webp", "avif" };
	size_t i;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcasecmp(ext, exts[i]) == 0)
			return true;
	return false;
}

/* A document of the file at content path file, with a copy of its bytes. */
static struct doc *
new_file_doc(struct model *m, enum doc_kind kind, const char *file,
    const char *oid, const char *data, size_t len)
{
	struct doc *doc = new_doc(m, kind, file, oid != NULL ?
	    arena_strdup(&m->arena, oid) : NULL);

	doc->raw = arena_strndup(&m->arena, data, len);
	doc->rawlen = len;
	return doc;
}

/*
 * A JSON file of content/static/, served at site path path: a document
 * of the site (not an award) when its id is the URL it is served at;
 * else a plain file, with a warning when its id is another http(s) URL.
 */
static int
add_static_json(struct model *m, struct doc *doc, const char *path,
    struct diag *d)
{
	struct diag quiet = DIAG_INIT;
	struct buf b = BUF_INIT, f = BUF_INIT;
	struct json *j;
	const char *id, *why;
	enum doc_kind kind;
	int r;

	quiet.quiet = true;
	if (json_parse_shared(&j, &m->trees, m->strs, doc->file, doc->raw,
	    doc->rawlen, &quiet) < 0 || j->type != JSON_OBJECT ||
	    (id = json_get_str(j, "id")) == NULL ||
	    (strncmp(id, "https://", 8) != 0 && strncmp(id, "http://", 7) != 0))
		return 0;
	r = sitepath_of_url(&b, m->base_url, id, &why);
	if (r > 0)
		sitepath_doc_file(&f, b.data);
	buf_release(&b);
	kind = classify(j);
	if (r <= 0 || strcmp(f.data, path) != 0)
		diag_warn(d, "%s: published as a plain file: its id %s is not "
		    "the URL it is served at, %s%s; give it that id, or move "
		    "it out of content/static/ to be published at its id",
		    doc->file, id, m->base_url, path);
	else if (kind == DOC_AWARD)
		diag_warn(d, "%s: published as a plain file: an award goes "
		    "under content/awards/, which gives it its page",
		    doc->file);
	else if (kind != DOC_FILE) {
		buf_release(&f);
		return add_json(m, doc, j, d);
	}
	buf_release(&f);
	return 0;
}

int
model_add_file(struct model *m, const char *file, const char *oid,
    const char *data, size_t len, struct diag *d)
{
	const char *ext, *rel;
	struct json *j;
	struct doc *doc;
	struct sidecar *sc;

	file = arena_strdup(&m->arena, file);
	ext = extension(file);
	rel = content_rel(file);
	if (strncmp(rel, "static/", 7) == 0) {
		doc = new_file_doc(m, DOC_FILE, file, oid, data, len);
		if (strcmp(ext, "json") == 0 || strcmp(ext, "jsonld") == 0)
			return add_static_json(m, doc, rel + 7, d);
		return 0;
	}
	if (strcmp(ext, "conf") == 0) {
		if (strncmp(rel, "recipients/", 11) == 0)
			return 0;	/* read by the collections stage */
		sc = new_sidecar(m, file);
		sc->text = arena_strndup(&m->arena, data, len);
		sc->len = len;
		return 0;
	}
	if (is_image_ext(ext)) {
		new_file_doc(m, DOC_FILE, file, oid, data, len);
		return 0;
	}
	if (strcmp(ext, "json") != 0 && strcmp(ext, "jsonld") != 0 &&
	    strcmp(ext, "jws") != 0 && strcmp(ext, "jwt") != 0) {
		diag_warn(d, "%s: not a JSON document, JWS or image; left out",
		    file);
		return 0;
	}
	doc = new_file_doc(m, DOC_AWARD, file, oid, data, len);
	if (strcmp(ext, "jws") == 0 || strcmp(ext, "jwt") == 0)
		return add_jws(m, doc, d);
	if (json_parse_shared(&j, &m->trees, m->strs, file, doc->raw, len,
	    d) < 0) {
		m->failed++;
		return -1;
	}
	return add_json(m, doc, j, d);
}

/*
 * An issuer known by its DID alone, from the credentials that name it
 * (a DID string, or a Profile object with a DID id) when no issuer
 * profile of the repository has that id: the DID itself binds the
 * proofs (verify.h).  Its page is made from what the credentials say:
 * the name a Profile object gives, else the DID.  Awards naming one DID
 * share one issuer; a Profile object that names it completes one known
 * by its DID only.  other is the repository's DID document of the DID,
 * or the issuer made for it earlier, or NULL.
 */
static struct issuer *
did_issuer(struct model *m, const struct json *ref, const char *id,
    struct doc *other, struct diag *d)
{
	struct issuer *is = other != NULL ? other->obj : NULL, tmp;
	struct doc *doc;

	if (is != NULL) {
		/* Known by its DID only: a Profile object may name it. */
		if (is->name == is->id && ref->type == JSON_OBJECT) {
			memset(&tmp, 0, sizeof(tmp));
			if (issuer_read(m, &tmp, is->doc, ref, d) &&
			    (is->doc->json == NULL || tmp.name != tmp.id)) {
				tmp.path = is->path;
				tmp.badges = is->badges;
				tmp.nbadges = is->nbadges;
				*is = tmp;
				is->doc->json = ref;
			}
		}
		return is;
	}
	doc = new_doc(m, DOC_ISSUER, NULL, NULL);
	doc->id = id;
	if (ref->type == JSON_OBJECT) {
		doc->json = ref;
		if ((is = issuer_from(m, doc, ref, d)) == NULL)
			return NULL;
	} else {
		is = arena_alloc(&m->arena, sizeof(*is));
		is->doc = doc;
		is->id = id;
		is->name = id;
		is->ob3 = true;
		doc->obj = is;
	}
	if (other != NULL)
		other->obj = is;	/* the DID document's issuer */
	else
		map_put(m, &m->index->ids, id, doc);
	return is;
}

/*
 * Resolves a reference to an achievement or issuer: an IRI string (a
 * document of the repository) or an embedded object (used as it is,
 * unless the repository has a document with its id).  An issuer with
 * a DID and no profile in the repository is did_issuer's.
 */
static void *
resolve(struct model *m, const char *file, const struct json *ref,
    enum doc_kind kind, const char *what, struct diag *d)
{
	struct doc *doc, *other;
	struct issuer *is;
	const char *id = json_id(ref);
	char msg[256];

	if (ref == NULL || (ref->type != JSON_STRING &&
	    ref->type != JSON_OBJECT)) {
		snprintf(msg, sizeof(msg), "expected the %s as a URL or an "
		    "object", what);
		json_err(d, file, ref, msg);
		return NULL;
	}
	if (kind == DOC_ISSUER && id != NULL && strncmp(id, "did:", 4) == 0) {
		other = map_get(&m->index->ids, id);
		if (other == NULL || other->kind == DOC_DID ||
		    (other->kind == DOC_ISSUER && other->file == NULL))
			return did_issuer(m, ref, id, other, d);
	}
	/* Only a reference by URL needs the document (m->miss). */
	other = id == NULL ? NULL : ref->type == JSON_STRING ?
	    model_lookup(m, id) : map_get(&m->index->ids, id);
	if (other != NULL && other->kind == DOC_DID && kind == DOC_ISSUER &&
	    ref->type == JSON_OBJECT) {
		/* The issuer's DID document: the embedded profile is used. */
		if (other->obj != NULL)
			return other->obj;
	} else if ((doc = other) != NULL) {
		if (doc->kind != kind || doc->obj == NULL) {
			snprintf(msg, sizeof(msg), "%s %s is not a usable %s "
			    "(see %s)", what, id, what,
			    doc->file ? doc->file : "above");
			json_err(d, file, ref, msg);
			return NULL;
		}
		return doc->obj;
	}
	if (ref->type == JSON_STRING) {
		snprintf(msg, sizeof(msg), "%s %s is not in the repository",
		    what, id);
		json_err(d, file, ref, msg);
		return NULL;
	}
	/*
	 * An embedded document that the repository does not hold, or
	 * holds only as another kind: an issuer whose id is a DID with
	 * its DID document in the repository is kept as that document's
	 * obj, so that every award naming it shares one issuer.
	 */
	doc = new_doc(m, kind, NULL, NULL);
	doc->id = id;
	doc->json = ref;
	if (id != NULL)
		map_put(m, &m->index->ids, id, doc);
	if (kind == DOC_ISSUER) {
		is = issuer_from(m, doc, ref, d);
		if (other != NULL && other->kind == DOC_DID)
			other->obj = is;
		return is;
	}
	return achievement_from(m, doc, ref, !is_ob2(ref) ||
	    json_type_is(ref, "Achievement"), d);
}

static struct issuer *
issuer_of(struct model *m, const char *file, const struct json *ref,
    struct diag *d)
{
	struct issuer *is = resolve(m, file, ref, DOC_ISSUER, "issuer", d);

	if (is != NULL && is->path == NULL)
		is->path = is->doc->file ? page_path_of_file(m, is->doc->file) :
		    page_path_of_id(m, "issuers", is->id ? is->id : is->name);
	return is;
}

static int
link_achievement(struct model *m, struct achievement *a, struct diag *d)
{
	const char *file = a->doc->file ? a->doc->file : a->id;
	const struct json *ref = json_get(a->doc->json, a->ob3 ? "creator" :
	    "issuer");

	if (a->path == NULL)
		a->path = a->doc->file ? page_path_of_file(m, a->doc->file) :
		    page_path_of_id(m, "badges", a->id ? a->id : a->name);
	if (a->issuer != NULL || (a->ob3 && ref == NULL))
		return 0;
	if (ref == NULL)
		return json_err(d, file, a->doc->json,
		    "missing member \"issuer\"");
	a->issuer = issuer_of(m, file, ref, d);
	return a->issuer != NULL ? 0 : -1;
}

static int
cmp_award_newest(const void *a, const void *b)
{
	const struct award *x = *(const struct award *const *)a;
	const struct award *y = *(const struct award *const *)b;

	if (x->issued != y->issued)
		return x->issued > y->issued ? -1 : 1;
	return strcmp(x->path, y->path);
}

static int
cmp_award_path(const void *a, const void *b)
{
	return strcmp((*(const struct award *const *)a)->path,
	    (*(const struct award *const *)b)->path);
}

static int
cmp_badge_path(const void *a, const void *b)
{
	return strcmp((*(const struct achievement *const *)a)->path,
	    (*(const struct achievement *const *)b)->path);
}

void
model_sort_awards(struct award **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_award_path);
}

void
model_sort_badges(struct achievement **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_badge_path);
}

static int
cmp_issuer_path(const void *a, const void *b)
{
	return strcmp((*(const struct issuer *const *)a)->path,
	    (*(const struct issuer *const *)b)->path);
}

/*
 * Makes room for one more pointer in an arena array of n: the capacity
 * doubles at every power of two from 8 on.
 */
static void *
grow_ptrs(struct model *m, void *arr, size_t n)
{
	void **na;

	if (n != 0 && (n < 8 || (n & (n - 1)) != 0))
		return arr;
	na = arena_alloc(&m->arena, (n < 8 ? 8 : 2 * n) * sizeof(*na));
	if (n != 0)
		memcpy(na, arr, n * sizeof(*na));
	return na;
}

static int
cmp_doc_file(const void *a, const void *b)
{
	return strcmp((*(struct doc *const *)a)->file,
	    (*(struct doc *const *)b)->file);
}

/*
 * The award documents of a sidecar "<dir>/<name>.conf": every
 * "<dir>/<name>.*" with no further folder, looked up in the award
 * documents v[0..n) sorted by file.  Returns how many, the first at
 * *first.
 */
static size_t
sidecar_awards(struct doc **v, size_t n, const char *file, size_t *first)
{
	size_t len = strlen(file) - strlen(".conf"), lo = 0, hi = n, mid, k;

	/* The first document whose file is not below "<dir>/<name>.". */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strncmp(v[mid]->file, file, len + 1) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	for (k = lo; k < n && strncmp(v[k]->file, file, len) == 0 &&
	    v[k]->file[len] == '.'; k++)
		if (strchr(v[k]->file + len + 1, '/') != NULL)
			break;
	return k - lo;
}

/*
 * An award a sidecar that matches none seems meant for: "x.json.conf"
 * for x.json, or a name that differs only in case ("X.conf" for
 * x.json).  Linear, for sidecars that match nothing only.
 */
static struct doc *
near_award(struct doc **v, size_t n, const char *file)
{
	size_t len = strlen(file) - strlen(".conf"), i;
	const char *f, *slash = strrchr(file, '/');
	size_t dir = slash != NULL ? (size_t)(slash - file) + 1 : 0;

	for (i = 0; i < n; i++) {
		f = v[i]->file;
		if (strlen(f) == len && strncmp(f, file, len) == 0)
			return v[i];
		if (strncmp(f, file, dir) == 0 &&
		    strncasecmp(f + dir, file + dir, len - dir) == 0 &&
		    f[len] == '.' && strchr(f + len + 1, '/') == NULL)
			return v[i];
	}
	return NULL;
}

/*
 * What a sidecar says, applied to its award: its visibility, address
 * and index setting; or, when the sidecar could not be read or has
 * errors (bad set), private for this build and counted as left out.
 */
static void
apply_sidecar(struct model *m, struct doc *doc, const struct sidecar *sc,
    const struct award_conf *ac, bool bad, struct diag *d)
{
	struct award *aw = doc->obj;

	if (aw == NULL)
		return;
	if (bad) {
		if (!aw->bad_sidecar) {
			diag_note(d, "%s: kept private, left out of the site, "
			    "because of the problem with its sidecar %s",
			    aw->file, sc->file);
			aw->bad_sidecar = true;
			m->failed++;
		}
		aw->private_ = true;
		aw->email = NULL;
		return;
	}
	aw->private_ = aw->private_ || ac->private_;
	aw->index = ac->index;
	if (ac->email != NULL)
		aw->email = arena_strdup(&m->arena, ac->email);
}

/*
 * Applies the award sidecars: visibility, email and index.  A sidecar
 * with any problem makes its award private for the build (fail closed):
 * a typo must never publish what was meant to stay private.
 */
static int
apply_sidecars(struct model *m, struct diag *d)
{
	struct award_conf ac;
	const struct sidecar *sc;
	struct doc *doc, **v;
	size_t i, k, n = 0, first, count;
	int rc = 0;
	bool bad;

	v = xcalloc(m->ndocs + 1, sizeof(*v));
	for (i = 0; i < m->ndocs; i++)
		if (m->docs[i]->kind == DOC_AWARD && m->docs[i]->file != NULL)
			v[n++] = m->docs[i];
	qsort(v, n, sizeof(*v), cmp_doc_file);
	for (i = 0; i < m->nsidecars; i++) {
		sc = &m->sidecars[i];
		memset(&ac, 0, sizeof(ac));
		bad = false;
		if (sc->unreadable != NULL) {
			rc = diag_err(d, "%s: an award sidecar that cannot be "
			    "read (%s); its award is kept private", sc->file,
			    sc->unreadable);
			bad = true;
		} else if (award_conf_parse(&ac, sc->file, sc->text, sc->len,
		    d) < 0) {
			rc = -1;
			bad = true;
		}
		if ((count = sidecar_awards(v, n, sc->file, &first)) > 0) {
			for (k = first; k < first + count; k++)
				apply_sidecar(m, v[k], sc, &ac, bad, d);
		} else if ((doc = near_award(v, n, sc->file)) != NULL) {
			rc = diag_err(d, "%s: no award is named so, and it "
			    "looks meant for %s: expected %.*s.conf; that "
			    "award is kept private", sc->file, doc->file,
			    (int)(strrchr(doc->file, '.') - doc->file),
			    doc->file);
			apply_sidecar(m, doc, sc, &ac, true, d);
		} else
			diag_warn(d, "%s: no award %.*s.json or .jws beside it",
			    sc->file, (int)(strlen(sc->file) - strlen(".conf")),
			    sc->file);
		award_conf_release(&ac);
	}
	free(v);
	return rc;
}

void
model_drop_award(struct model *m, struct award *aw)
{
	struct achievement *a;
	size_t i, k;

	if (aw == NULL)
		return;
	aw->left_out = true;
	for (i = k = 0; i < m->nawards; i++)
		if (m->awards[i] != aw)
			m->awards[k++] = m->awards[i];
	m->nawards = k;
	for (i = k = 0; i < m->nimported; i++)
		if (m->imported[i] != aw)
			m->imported[k++] = m->imported[i];
	m->nimported = k;
	for (i = k = 0; i < m->nendorsements; i++)
		if (m->endorsements[i] != aw)
			m->endorsements[k++] = m->endorsements[i];
	m->nendorsements = k;
	if ((a = aw->badge) == NULL)
		return;
	for (i = k = 0; i < a->nawards; i++)
		if (a->awards[i] != aw)
			a->awards[k++] = a->awards[i];
	a->nawards = k;
}

/* Links the standalone issuers (their page path) and achievements. */
static int
link_standalone(struct model *m, struct diag *d)
{
	struct issuer *is;
	size_t i;
	int rc = 0;

	for (i = 0; i < m->ndocs; i++) {
		if (m->docs[i]->obj == NULL)
			continue;
		if (m->docs[i]->kind == DOC_ISSUER) {
			is = m->docs[i]->obj;
			is->path = page_path_of_file(m, is->doc->file);
		} else if (m->docs[i]->kind == DOC_ACHIEVEMENT) {
			if (link_achievement(m, m->docs[i]->obj, d) < 0)
				rc = -1;
		}
	}
	return rc;
}

/* Finds the achievement and issuer of aw (OB 2.0 or OB 3.0). */
static void
link_award_refs(struct model *m, struct award *aw, struct diag *d)
{
	if (aw->form == FORM_OB2_HOSTED || aw->form == FORM_OB2_SIGNED) {
		aw->badge = resolve(m, aw->file, json_get(aw->json,
		    "badge"), DOC_ACHIEVEMENT, "badge class", d);
		if (aw->badge != NULL && link_achievement(m, aw->badge,
		    d) == 0)
			aw->issuer = aw->badge->issuer;
	} else {
		aw->badge = resolve(m, aw->file,
		    json_get(json_get(aw->json, "credentialSubject"),
		    "achievement"), DOC_ACHIEVEMENT, "achievement", d);
		aw->issuer = issuer_of(m, aw->file,
		    json_get(aw->json, "issuer"), d);
		if (aw->badge != NULL && link_achievement(m,
		    aw->badge, d) == 0 && aw->badge->issuer == NULL)
			aw->badge->issuer = aw->issuer;
	}
}

struct award *
model_add_candidate(struct model *m, const char *file, const char *data,
    size_t len, struct diag *d)
{
	struct award *aw;
	size_t n = m->nawards;

	if (model_add_file(m, file, NULL, data, len, d) < 0)
		return NULL;
	if (m->nawards != n + 1) {
		diag_err(d, "%s: not an award", file);
		return NULL;
	}
	/* In no list: the last award added is this one. */
	aw = m->awards[--m->nawards];
	link_award_refs(m, aw, d);
	return aw->badge != NULL && aw->issuer != NULL ? aw : NULL;
}

int
model_add_document(struct model *m, const char *file, const char *data,
    size_t len, struct diag *d)
{
	struct doc *doc, *old;
	const char *p;
	size_t n = m->ndocs;

	if (model_add_file(m, file, NULL, data, len, d) < 0)
		return -1;
	if (m->ndocs != n + 1 || (doc = m->docs[n])->kind == DOC_AWARD ||
	    doc->kind == DOC_FILE || doc->id == NULL)
		return diag_err(d, "%s: not a document with an id", file);
	if ((p = model_site_path(m, doc->id)) == NULL || *p == '\0')
		return 0;
	if ((old = model_at_path(m, p)) != NULL && old != doc)
		return diag_err(d, "%s: publishes %s%s, which %s publishes "
		    "already", file, m->base_url, p,
		    old->file != NULL ? old->file : old->id);
	doc->publish = p;
	model_publish(m, doc, p);
	return 0;
}

/*
 * Links every award to its achievement and issuer and places it; an
 * award that cannot be is left out, another issuer's award goes to the
 * imported ones.  Both lists end sorted by path.
 */
static int
link_awards(struct model *m, struct diag *d)
{
	struct award *aw;
	size_t i, k;
	int rc = 0;

	for (i = k = 0; i < m->nawards; i++) {
		aw = m->awards[i];
		link_award_refs(m, aw, d);
		aw->imported = model_is_foreign(aw->file);
		if (aw->badge == NULL || aw->issuer == NULL) {
			diag_note(d, "%s: left out of the site", aw->file);
			aw->left_out = true;
			if (!aw->bad_sidecar)
				m->failed++;
			rc = -1;
			continue;
		}
		if (aw->imported) {
			/* Another issuer's award: collections only. */
			m->imported = xreallocarray(m->imported,
			    m->nimported + 1, sizeof(*m->imported));
			m->imported[m->nimported++] = aw;
			continue;
		}
		m->awards[k++] = aw;
	}
	m->nawards = k;
	model_sort_awards(m->awards, m->nawards);
	model_sort_awards(m->imported, m->nimported);
	return rc;
}

/* One endorsement embedded in file, given as a JSON object. */
static void
embedded_json(struct model *m, const struct json *e, const char *where,
    struct diag *d)
{
	const char *id = json_get_str(e, "id");
	struct doc *doc;

	if (e->type != JSON_OBJECT)
		return;		/* an IRI: the repository's document */
	if (id != NULL && map_get(&m->index->ids, id) != NULL)
		return;		/* that document, or already seen */
	if (!is_endorsement(e) && !json_type_is(e, "Endorsement")) {
		diag_err(d, "%s: neither an Endorsement nor an "
		    "EndorsementCredential", where);
		return;
	}
	doc = new_doc(m, DOC_AWARD, NULL, NULL);
	doc->id = id;
	doc->json = e;
	if (id != NULL)
		map_put(m, &m->index->ids, id, doc);
	endorsement_from(m, doc, where, e, is_endorsement(e) ?
	    FORM_OB3_JSON : FORM_OB2_HOSTED, d);
}

/* One endorsement embedded in file as a VC-JWT (endorsementJwt). */
static void
embedded_jwt(struct model *m, const struct json *e, const char *where,
    struct diag *d)
{
	const struct json *vc;
	struct doc *doc;

	if (e->type != JSON_STRING) {
		diag_err(d, "%s: expected a compact JWS", where);
		return;
	}
	doc = new_doc(m, DOC_AWARD, NULL, NULL);
	doc->raw = e->str;
	doc->rawlen = e->len;
	doc->jws = arena_alloc(&m->arena, sizeof(*doc->jws));
	if (jws_parse_in(doc->jws, &m->trees, m->strs, where, doc->raw,
	    doc->rawlen, d) < 0)
		return;
	vc = vc_of(doc->jws->body);
	doc->json = vc;
	doc->id = json_get_str(vc, "id");
	if (!is_endorsement(vc)) {
		diag_err(d, "%s: the JWS payload is not an "
		    "EndorsementCredential", where);
		return;
	}
	if (doc->id != NULL && map_put(m, &m->index->ids, doc->id, doc) !=
	    NULL)
		return;
	if (endorsement_from(m, doc, where, vc, FORM_OB3_JWT, d) == 0)
		((struct award *)doc->obj)->jws = doc->jws;
}

/*
 * The endorsements embedded in the document of holder (named file in
 * messages): OB 2.0 and OB 3.0 "endorsement" (objects; an IRI names a
 * document of the repository) and OB 3.0 "endorsementJwt" (VC-JWTs).
 * Each holder is looked at once.
 */
static void
embedded_endorsements(struct model *m, struct doc *holder, const char *file,
    struct diag *d)
{
	const struct json *l, *e;
	size_t i;

	if (holder == NULL || holder->scanned || holder->json == NULL)
		return;
	holder->scanned = true;
	l = json_get(holder->json, "endorsement");
	for (e = l != NULL && l->type == JSON_ARRAY ? l->child : l, i = 0;
	    e != NULL; e = l->type == JSON_ARRAY ? e->next : NULL, i++)
		embedded_json(m, e, arena_printf(&m->arena, "%s: "
		    "endorsement[%zu]", file, i), d);
	l = json_get(holder->json, "endorsementJwt");
	for (e = l != NULL && l->type == JSON_ARRAY ? l->child : l, i = 0;
	    e != NULL; e = l->type == JSON_ARRAY ? e->next : NULL, i++)
		embedded_jwt(m, e, arena_printf(&m->arena, "%s: "
		    "endorsementJwt[%zu]", file, i), d);
}

/* Puts aw into the list *v of *n endorsements, oldest first. */
static void
list_endorsement(struct model *m, struct award ***v, size_t *n,
    struct award *aw)
{
	size_t i;

	*v = grow_ptrs(m, *v, *n);
	for (i = *n; i > 0 && ((*v)[i - 1]->issued > aw->issued ||
	    ((*v)[i - 1]->issued == aw->issued &&
	    strcmp((*v)[i - 1]->file, aw->file) > 0)); i--)
		(*v)[i] = (*v)[i - 1];
	(*v)[i] = aw;
	(*n)++;
}

/*
 * Gives endorsement aw its endorser and the list of what it endorses:
 * an award, an achievement or an issuer of the site.  Returns whether
 * it is listed; why not is reported through d.
 */
static bool
attach_endorsement(struct model *m, struct award *aw, struct diag *d)
{
	struct doc *t = map_get(&m->index->ids, aw->endorses);
	struct award *ta;
	struct achievement *a;
	struct issuer *is;

	if ((aw->issuer = issuer_of(m, aw->file, json_get(aw->json,
	    "issuer"), d)) == NULL)
		return false;
	if (t != NULL && t->kind == DOC_AWARD && (ta = t->obj) != NULL &&
	    !ta->endorsement) {
		if (ta->private_ || ta->left_out || ta->imported)
			return false;
		list_endorsement(m, &ta->endorsements, &ta->nendorsements,
		    aw);
	} else if (t != NULL && t->kind == DOC_ACHIEVEMENT &&
	    (a = t->obj) != NULL) {
		list_endorsement(m, &a->endorsements, &a->nendorsements, aw);
	} else if (t != NULL && (t->kind == DOC_ISSUER || t->kind == DOC_DID) &&
	    (is = t->obj) != NULL) {
		list_endorsement(m, &is->endorsements, &is->nendorsements,
		    aw);
	} else {
		diag_err(d, "%s: endorses %s, which is no award, badge class "
		    "or issuer of the site", aw->file, aw->endorses);
		return false;
	}
	return true;
}

/*
 * The endorsements: those embedded in the site's awards, badge classes
 * and issuers join the standalone ones; each gets its endorser and is
 * listed with what it endorses, oldest first.  A standalone one is
 * published like an award (place.c, which leaves it out when its place
 * is taken).  Problems are warnings: an endorsement is left out of the
 * list, what it endorses stays.
 */
static void
link_endorsements(struct model *m, struct diag *d)
{
	struct buf cap = BUF_INIT;
	struct diag q;
	struct award *aw;
	size_t i, k;

	quiet_diag(&q, &cap);
	for (i = 0; i < m->ndocs; i++)
		if ((m->docs[i]->kind == DOC_ACHIEVEMENT ||
		    m->docs[i]->kind == DOC_ISSUER) &&
		    !model_is_foreign(m->docs[i]->file))
			embedded_endorsements(m, m->docs[i], m->docs[i]->file,
			    &q);
	for (i = 0; i < m->nawards; i++) {
		aw = m->awards[i];
		if (aw->private_)
			continue;
		embedded_endorsements(m, aw->doc, aw->file, &q);
		embedded_endorsements(m, aw->badge->doc, aw->file, &q);
		embedded_endorsements(m, aw->issuer->doc, aw->file, &q);
		if (aw->badge->issuer != NULL)
			embedded_endorsements(m, aw->badge->issuer->doc,
			    aw->file, &q);
	}
	endorsement_warnings(d, &q);
	for (i = k = 0; i < m->nendorsements; i++) {
		aw = m->endorsements[i];
		if (aw->private_ || model_is_foreign(aw->file) ||
		    !attach_endorsement(m, aw, &q)) {
			endorsement_warnings(d, &q);
			aw->left_out = true;
			continue;
		}
		m->endorsements[k++] = aw;
	}
	m->nendorsements = k;
	buf_release(&cap);
}

/*
 * The site's badges, sorted by path: the achievements of its content
 * that have a page, and those its awards embed.
 */
static void
list_badges(struct model *m)
{
	struct achievement *a;
	size_t i, k, n;

	for (i = 0; i < m->ndocs; i++)
		if (m->docs[i]->kind == DOC_ACHIEVEMENT && m->docs[i]->obj &&
		    !model_is_foreign(m->docs[i]->file))
			m->nbadges++;
	for (i = 0; i < m->nawards; i++)
		if (m->awards[i]->badge->doc->file == NULL)
			m->nbadges++;
	m->badges = xcalloc(m->nbadges + 1, sizeof(*m->badges));
	n = 0;
	for (i = 0; i < m->ndocs; i++)
		if (m->docs[i]->kind == DOC_ACHIEVEMENT && m->docs[i]->obj &&
		    !model_is_foreign(m->docs[i]->file) &&
		    ((struct achievement *)m->docs[i]->obj)->path != NULL)
			m->badges[n++] = m->docs[i]->obj;
	for (i = 0; i < m->nawards; i++) {
		a = m->awards[i]->badge;
		for (k = 0; k < n && m->badges[k] != a; k++)
			continue;
		if (k == n)
			m->badges[n++] = a;
	}
	m->nbadges = n;
	model_sort_badges(m->badges, m->nbadges);
}

/*
 * Each badge's public awards, newest first, and each issuer's badges;
 * the site's issuers, sorted by path: those of its content and those
 * its badges embed.
 */
static void
list_issuers(struct model *m)
{
	struct achievement *a;
	struct award *aw;
	struct issuer *is;
	size_t i, k;

	for (i = 0; i < m->nawards; i++) {
		aw = m->awards[i];
		if (aw->private_)
			continue;
		a = aw->badge;
		a->awards = grow_ptrs(m, a->awards, a->nawards);
		a->awards[a->nawards++] = aw;
	}
	m->issuers = xcalloc(m->ndocs + m->nbadges + 1, sizeof(*m->issuers));
	for (i = 0; i < m->nbadges; i++) {
		a = m->badges[i];
		if (a->nawards > 1)
			qsort(a->awards, a->nawards, sizeof(*a->awards),
			    cmp_award_newest);
		if ((is = a->issuer) == NULL)
			continue;
		is->badges = grow_ptrs(m, is->badges, is->nbadges);
		is->badges[is->nbadges++] = a;
	}
	for (i = 0; i < m->ndocs; i++)
		if (m->docs[i]->kind == DOC_ISSUER && m->docs[i]->obj &&
		    !model_is_foreign(m->docs[i]->file) &&
		    !((struct issuer *)m->docs[i]->obj)->left_out)
			m->issuers[m->nissuers++] = m->docs[i]->obj;
	for (i = 0; i < m->nbadges; i++) {
		is = m->badges[i]->issuer;
		if (is == NULL || is->doc->file != NULL || is->left_out)
			continue;
		for (k = 0; k < m->nissuers && m->issuers[k] != is; k++)
			continue;
		if (k == m->nissuers)
			m->issuers[m->nissuers++] = is;
	}
	if (m->nissuers > 1)
		qsort(m->issuers, m->nissuers, sizeof(*m->issuers),
		    cmp_issuer_path);
}

int
model_link(struct model *m, struct diag *d)
{
	int rc = 0;

	if (apply_sidecars(m, d) < 0)
		rc = -1;
	if (link_standalone(m, d) < 0)
		rc = -1;
	if (link_awards(m, d) < 0)
		rc = -1;
	link_endorsements(m, d);
	list_badges(m);
	if (place_site(m, d) < 0)
		rc = -1;
	list_issuers(m);
	return rc;
}

/*
 * Reports the IRI of one reference (key names it) of referrer when it
 * is under base_url and the site serves nothing there.  Returns 1 when
 * reported, else 0.
 */
static unsigned
check_ref(const struct model *m, const char *referrer, const char *key,
    const char *iri, struct diag *d)
{
	struct buf url = BUF_INIT, path = BUF_INIT;
	const char *why;
	unsigned rc = 0;

	if (iri == NULL)
		return 0;
	buf_put(&url, iri, strcspn(iri, "#"));
	if (!model_under_base(m, url.data) || model_served(m, url.data) != NULL)
		goto out;
	if (sitepath_of_url(&path, m->base_url, url.data, &why) > 0)
		diag_err(d, "%s: %s %s is missing: nothing of content/ is "
		    "published at %s", referrer, key, iri, path.data);
	else
		diag_err(d, "%s: %s %s is missing: the site serves nothing "
		    "there", referrer, key, iri);
	rc = 1;
out:
	buf_release(&url);
	buf_release(&path);
	return rc;
}

/* check_ref for each IRI of v: a string, an object's id, or an array. */
static unsigned
check_refs_of(const struct model *m, const char *referrer, const char *key,
    const struct json *v, const char *member, struct diag *d)
{
	const struct json *e;
	unsigned n = 0;

	if (v == NULL)
		return 0;
	if (v->type != JSON_ARRAY)
		return check_ref(m, referrer, key, member != NULL ?
		    json_get_str(v, member) : json_id(v), d);
	for (e = v->child; e != NULL; e = e->next)
		n += check_ref(m, referrer, key, member != NULL ?
		    json_get_str(e, member) : json_id(e), d);
	return n;
}

unsigned
model_check_refs(const struct model *m, struct diag *d)
{
	const struct issuer *is;
	const struct achievement *a;
	const struct award *aw;
	const struct json *j;
	const char *who;
	unsigned n = 0;
	size_t i;

	for (i = 0; i < m->nissuers; i++) {
		is = m->issuers[i];
		j = is->doc->json;
		who = is->doc->file != NULL ? is->doc->file : is->id;
		n += check_ref(m, who, "image", is->image.url, d);
		n += check_refs_of(m, who, "publicKey", json_get(j,
		    "publicKey"), NULL, d);
		n += check_refs_of(m, who, "revocationList", json_get(j,
		    "revocationList"), NULL, d);
	}
	for (i = 0; i < m->nbadges; i++) {
		a = m->badges[i];
		n += check_ref(m, a->doc->file != NULL ? a->doc->file : a->id,
		    "image", a->image.url, d);
	}
	for (i = 0; i < m->nawards; i++) {
		aw = m->awards[i];
		if (aw->private_ || aw->left_out)
			continue;
		n += check_refs_of(m, aw->file, "status list",
		    json_get(aw->json, "credentialStatus"),
		    "statusListCredential", d);
	}
	return n;
}

/* The length of "https://host[:port]/" of an http(s) URL, or 0. */
static size_t
origin_len(const char *url)
{
	size_t n;
	const char *p = url_authority(url, &n);

	return p != NULL && p[n] == '/' ? (size_t)(p - url) + n + 1 : 0;
}

const char *
model_other_base(struct model *m, size_t *np, const struct doc **example)
{
	const char *first = NULL, *id;
	const struct doc *doc;
	size_t i, n = 0, common = 0, k, o;

	*np = 0;
	*example = NULL;
	for (i = 0; i < m->ndocs; i++) {
		doc = m->docs[i];
		id = doc->id;
		if ((doc->kind != DOC_ISSUER && doc->kind != DOC_ACHIEVEMENT &&
		    doc->kind != DOC_KEY) || id == NULL ||
		    model_is_foreign(doc->file) ||
		    (o = origin_len(id)) == 0)
			continue;
		if (strncmp(id, m->base_url, strlen(m->base_url)) == 0)
			return NULL;
		if (first == NULL) {
			first = id;
			common = strlen(id);
			*example = doc;
		} else if (strncmp(first, id, o) != 0)
			return NULL;	/* two other hosts: not a move */
		for (k = 0; k < common && first[k] == id[k]; k++)
			continue;
		common = k;
		n++;
	}
	if (first == NULL)
		return NULL;
	while (common > 0 && first[common - 1] != '/')
		common--;
	if (common < origin_len(first))
		return NULL;
	*np = n;
	return arena_strndup(&m->arena, first, common);
}
