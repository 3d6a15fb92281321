/*
 * place.c - where every file of a site goes; see place.h.
 */
#include <stdlib.h>
#include <string.h>

#include "htab.h"
#include "place.h"
#include "sitepath.h"

/* A path of the table: a file or a folder, and who took it. */
struct claim {
	const char	*path;
	const char	*what;		/* who, for messages */
	struct doc	*doc;		/* a document's file, else NULL */
	bool		 dir;		/* a folder of other files */
	bool		 page;		/* a page's place or a file beside it */
};

struct place {
	struct htab	 t;		/* path -> claim */
	struct arena	 a;
};

static uint64_t
claim_hash(const void *c)
{
	const char *p = ((const struct claim *)c)->path;

	return hash_bytes(p, strlen(p));
}

static struct claim *
find(const struct place *pl, const char *path, size_t n,
    struct htab_iter *it)
{
	struct claim *c;

	for (c = htab_first(&pl->t, hash_bytes(path, n), it); c != NULL;
	    c = htab_next(&pl->t, it))
		if (strlen(c->path) == n && memcmp(c->path, path, n) == 0)
			return c;
	return NULL;
}

static struct place *
table(struct model *m)
{
	if (m->place == NULL)
		m->place = xcalloc(1, sizeof(*m->place));
	return m->place;
}

void
place_release(struct model *m)
{
	if (m->place == NULL)
		return;
	htab_release(&m->place->t);
	arena_release(&m->place->a);
	free(m->place);
	m->place = NULL;
}

/*
 * What is in the way of a file at path: the claim of path itself (a
 * file or a folder) or of a folder above it that is a file; NULL when
 * the path is free.
 */
static struct claim *
in_way(const struct place *pl, const char *path)
{
	struct htab_iter it;
	struct claim *c;
	const char *s;

	if (pl == NULL)
		return NULL;
	if ((c = find(pl, path, strlen(path), &it)) != NULL)
		return c;
	for (s = strchr(path, '/'); s != NULL; s = strchr(s + 1, '/'))
		if ((c = find(pl, path, (size_t)(s - path), &it)) != NULL &&
		    !c->dir)
			return c;
	return NULL;
}

/* Takes path as a file and the folders above it.  It must be free. */
static struct claim *
take(struct place *pl, const char *path, const char *what, struct doc *doc,
    bool page)
{
	struct htab_iter it;
	struct claim *c;
	const char *s;
	size_t n;

	for (s = strchr(path, '/'); s != NULL; s = strchr(s + 1, '/')) {
		n = (size_t)(s - path);
		if (find(pl, path, n, &it) != NULL)
			continue;
		c = arena_alloc(&pl->a, sizeof(*c));
		c->path = arena_strndup(&pl->a, path, n);
		c->what = what;
		c->doc = doc;
		c->dir = true;
		c->page = page;
		htab_insert(&pl->t, &it, c, claim_hash);
	}
	if (find(pl, path, strlen(path), &it) != NULL)
		return NULL;
	c = arena_alloc(&pl->a, sizeof(*c));
	c->path = arena_strdup(&pl->a, path);
	c->what = what;
	c->doc = doc;
	c->page = page;
	htab_insert(&pl->t, &it, c, claim_hash);
	return c;
}

bool
place_is_free(const struct model *m, const char *path)
{
	return in_way(m->place, path) == NULL;
}

/* "https://h/badges/ai" for a site path, for messages. */
static const char *
url_of(struct model *m, const char *path)
{
	return arena_printf(&m->arena, "%s%s", m->base_url, path);
}

/* Says what a claim in the way of path is, for messages. */
static const char *
blocker(struct model *m, const struct claim *c, const char *path)
{
	if (c->page && c->dir)
		return arena_printf(&m->arena, "%s is a folder of %s",
		    url_of(m, c->path), c->what);
	if (c->page)
		return arena_printf(&m->arena, "%s is %s%s", url_of(m,
		    c->path), c->what, strcmp(c->path, path) == 0 ? "" :
		    ", not a folder");
	if (c->dir)
		return arena_printf(&m->arena, "%s is a folder where %s is "
		    "published", url_of(m, c->path), c->what);
	return arena_printf(&m->arena, "%s is where %s is published%s",
	    url_of(m, c->path), c->what, strcmp(c->path, path) == 0 ? "" :
	    ", not a folder");
}

/*
 * The pre-claims of a page (place.h, 2): its other place S.html and
 * the files made beside it (suffixes, NULL-terminated).  Returns 0, or
 * -1 after an error naming file when any is taken.
 */
static int
claim_page(struct model *m, const char *path, const char *file,
    const char *const *beside, struct diag *d)
{
	struct place *pl = table(m);
	struct claim *c;
	const char *what, *why, *p;
	size_t stem = sitepath_stem_len(path), i;

	if (path[0] == '\0' || path[strlen(path) - 1] != '/' ||
	    sitepath_problem(path, strlen(path)) != NULL)
		return diag_err(d, "%s: left out: its page's place %s is not "
		    "a folder of the site", file, url_of(m, path));
	what = arena_printf(&m->arena, "the page of %s", file);
	for (i = 0; i == 0 || beside[i - 1] != NULL; i++) {
		p = arena_printf(&m->arena, "%.*s%s", (int)stem, path,
		    i == 0 ? ".html" : beside[i - 1]);
		if ((why = sitepath_reserved(p, m->langs, m->nlangs)) != NULL)
			return diag_err(d, "%s: left out: its page's place %s "
			    "is badgegen's, for %s; move or rename the file",
			    file, url_of(m, path), why);
		if ((c = in_way(pl, p)) != NULL)
			return diag_err(d, "%s: left out: its page's place %s "
			    "is taken: %s; rename one of them", file,
			    url_of(m, path), blocker(m, c, p));
		if (i > 0)
			what = arena_printf(&m->arena, "the %s of %s",
			    strcmp(beside[i - 1], ".card.png") == 0 ?
			    "share card" : "baked badge", file);
		take(pl, p, what, NULL, true);
	}
	return 0;
}

/*
 * Step 4: the page at path ("S/") goes to S/index.html when nothing is
 * at S, S/index.json or S/index.html, else to S.html, which is its own.
 * Returns the page path.
 */
static const char *
put_page(struct model *m, const char *path, const char *file)
{
	struct place *pl = table(m);
	struct htab_iter it;
	struct buf b = BUF_INIT;
	size_t stem = sitepath_stem_len(path);
	const char *r;

	buf_printf(&b, "%sindex.json", path);
	if (find(pl, b.data, b.len, &it) == NULL) {
		buf_reset(&b);
		buf_printf(&b, "%sindex.html", path);
		if (in_way(pl, b.data) == NULL) {
			take(pl, b.data, arena_printf(&m->arena, "the page of "
			    "%s", file), NULL, true);
			buf_release(&b);
			return path;
		}
	}
	buf_release(&b);
	r = arena_printf(&m->arena, "%.*s.html", (int)stem, path);
	return r;
}

const char *
place_page(struct model *m, const char *path, const char *what,
    struct diag *d)
{
	static const char *const none[] = { NULL };

	if (claim_page(m, path, what, none, d) < 0)
		return NULL;
	return put_page(m, path, what);
}

/* A document's claim (place.h, 3), or why it has none. */
struct want {
	const char	*path;		/* the file it takes */
	const char	*url;		/* where it is served, for messages */
};

/*
 * Takes the paths of one document; on a collision it is left out, and
 * so is another document in the way.  Returns 0, or -1 after an error.
 */
static int
claim_doc(struct model *m, struct doc *doc, const struct want *w, size_t n,
    bool theme_ok, struct diag *d)
{
	struct place *pl = table(m);
	struct claim *c;
	const char *why;
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < i; k++)
			if (strcmp(w[k].path, w[i].path) == 0)
				return diag_err(d, "%s: not published: its id %s "
				    "is the path of its own signed file",
				    doc->file, w[i].url);
		why = sitepath_reserved(w[i].path, m->langs, m->nlangs);
		if (why != NULL && !(theme_ok &&
		    strncmp(w[i].path, "assets/", 7) == 0))
			return diag_err(d, "%s: not published: %s is "
			    "badgegen's, for %s", doc->file, w[i].url, why);
		if ((c = in_way(pl, w[i].path)) == NULL)
			continue;
		if (c->page)
			return diag_err(d, "%s: not published: %s", doc->file,
			    blocker(m, c, w[i].path));
		/* Two documents on one path: neither is published. */
		diag_err(d, "%s: not published: %s; %s is left out too",
		    doc->file, blocker(m, c, w[i].path), c->doc->file);
		c->doc->left_out = true;
		return -1;
	}
	for (i = 0; i < n; i++)
		take(pl, w[i].path, doc->file, doc, false);
	doc->publish = w[0].path;
	return 0;
}

/* "content/badges/ai.json" -> "badges/ai.json"; static files at their path. */
static const char *
content_path(const char *file)
{
	if (strncmp(file, "content/", 8) == 0)
		file += 8;
	return strncmp(file, "static/", 7) == 0 ? file + 7 : file;
}

/*
 * The place of a document at its id: 1 with *w filled, 0 when its id
 * is not under base_url, -1 after an error (left out).
 */
static int
at_id(struct model *m, struct doc *doc, struct want *w, struct diag *d)
{
	struct buf b = BUF_INIT;
	const char *why;
	int r;

	if ((r = sitepath_of_url(&b, m->base_url, doc->id, &why)) <= 0) {
		buf_release(&b);
		if (r < 0)
			return diag_err(d, "%s: not published: its id %s has %s",
			    doc->file, doc->id, why);
		return 0;
	}
	if (b.len == 0) {
		buf_release(&b);
		return diag_err(d, "%s: not published: its id %s is base_url, "
		    "the home page", doc->file, doc->id);
	}
	if (sitepath_is_html(b.data)) {
		buf_release(&b);
		return diag_err(d, "%s: not published: its id %s ends with "
		    ".html, which only the site's pages do", doc->file,
		    doc->id);
	}
	w->url = doc->id;
	if (b.data[b.len - 1] == '/')
		BUF_PUTSL(&b, "index.json");
	w->path = arena_strndup(&m->arena, b.data, b.len);
	buf_release(&b);
	return 1;
}

/*
 * Whether an award's file is outside content/: one given to badgegen
 * verify, which has no page and no file of its own, only its id.
 */
static bool
given(const struct award *aw)
{
	return strncmp(aw->file, "content/", 8) != 0;
}

/* The places of a public award's files: 0, or -1 (left out). */
static int
place_award(struct model *m, struct award *aw, struct diag *d)
{
	struct want w[2];
	size_t n = 0;
	int r;

	if (given(aw)) {
		r = aw->id != NULL ? at_id(m, aw->doc, &w[0], d) : 0;
		if (r <= 0 || claim_doc(m, aw->doc, w, 1, false, d) < 0)
			return r;
		aw->json_path = w[0].path;
		return 0;
	}
	if (aw->jws != NULL) {
		w[n].path = content_path(aw->file);
		w[n].url = url_of(m, w[n].path);
		n++;
	}
	if ((r = aw->id != NULL ? at_id(m, aw->doc, &w[n], d) : 0) < 0)
		return -1;
	if (r == 0 && aw->jws == NULL) {
		w[n].path = content_path(aw->file);
		w[n].url = url_of(m, w[n].path);
	}
	if (r > 0 || aw->jws == NULL)
		n++;
	if (claim_doc(m, aw->doc, w, n, false, d) < 0)
		return -1;
	aw->jws_path = aw->jws != NULL ? w[0].path : NULL;
	aw->json_path = aw->jws == NULL || r > 0 ? w[n - 1].path : NULL;
	return 0;
}

/* Step 3 for one document or file of content/. */
static void
place_doc(struct model *m, struct doc *doc, struct diag *d)
{
	struct award *aw;
	struct want w;
	bool is_static = strncmp(doc->file, "content/static/", 15) == 0;
	int r;

	if (doc->kind == DOC_AWARD) {
		aw = doc->obj;
		/* Endorsements: those listed (model.h), from a file. */
		if (aw == NULL || aw->doc != doc || aw->private_ ||
		    aw->imported || aw->left_out ||
		    (aw->endorsement && doc->file == NULL))
			return;
		if (place_award(m, aw, d) < 0)
			doc->left_out = true;
		return;
	}
	if (doc->kind == DOC_FILE || is_static) {
		w.path = content_path(doc->file);
		w.url = url_of(m, w.path);
		if (claim_doc(m, doc, &w, 1, is_static, d) < 0)
			doc->left_out = true;
		return;
	}
	if (doc->id == NULL)
		return;
	if (model_is_foreign(doc->file)) {
		if (model_under_base(m, doc->id))
			diag_err(d, "%s: id %s is under base_url: a trust "
			    "document belongs to another site", doc->file,
			    doc->id);
		return;
	}
	if ((r = at_id(m, doc, &w, d)) == 0)
		return;
	if (r < 0 || claim_doc(m, doc, &w, 1, false, d) < 0)
		doc->left_out = true;
}

/* Whether each pointer of v[0..n) is not x. */
static bool
absent(void *const *v, size_t n, const void *x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return false;
	return true;
}

/*
 * The site's issuers: those of its content and those its badges embed,
 * each once, in the order of the content, then of the badges.
 */
static struct issuer **
site_issuers(struct model *m, size_t *np)
{
	struct issuer **v, *is;
	size_t i, n = 0;

	v = xcalloc(m->ndocs + m->nbadges + 1, sizeof(*v));
	for (i = 0; i < m->ndocs; i++)
		if (m->docs[i]->kind == DOC_ISSUER && m->docs[i]->obj &&
		    !model_is_foreign(m->docs[i]->file))
			v[n++] = m->docs[i]->obj;
	for (i = 0; i < m->nbadges; i++)
		if ((is = m->badges[i]->issuer) != NULL &&
		    is->doc->file == NULL && absent((void *const *)v, n, is))
			v[n++] = is;
	*np = n;
	return v;
}

/* What names an object's page in messages: its file, else its id. */
static const char *
source_of(const struct doc *doc, const char *id, const char *name)
{
	return doc->file != NULL ? doc->file : id != NULL ? id : name;
}

/* Takes award i out of m->awards (and out[]) as left out: a note. */
static void
drop_award(struct model *m, bool *out, size_t i, struct diag *d)
{
	struct award *aw = m->awards[i];

	diag_note(d, "%s: left out of the site", aw->file);
	m->failed++;
	memmove(out + i, out + i + 1, (m->nawards - i - 1) * sizeof(*out));
	model_drop_award(m, aw);
}

/*
 * What depends on what is left out goes too: the badge classes of a
 * left-out issuer, the awards of a left-out badge class or issuer.
 */
static int
cascade(struct model *m, bool *out, struct diag *d)
{
	struct achievement *a;
	struct award *aw;
	size_t i, k;
	int rc = 0;

	for (i = k = 0; i < m->nbadges; i++) {
		a = m->badges[i];
		if (!a->left_out && a->issuer != NULL && a->issuer->left_out) {
			a->left_out = true;
			diag_err(d, "%s: left out: its issuer %s is left out of "
			    "the site (see above)", source_of(a->doc, a->id,
			    a->name), source_of(a->issuer->doc, a->issuer->id,
			    a->issuer->name));
		}
		if (a->left_out) {
			if (a->doc->file != NULL)
				a->doc->left_out = true;
			rc = -1;
		} else
			m->badges[k++] = a;
	}
	m->nbadges = k;
	i = 0;
	while (i < m->nawards) {
		aw = m->awards[i];
		if (out[i])
			;
		else if (aw->badge->left_out)
			diag_err(d, "%s: not published: its badge class %s is "
			    "left out of the site (see above)", aw->file,
			    source_of(aw->badge->doc, aw->badge->id,
			    aw->badge->name));
		else if (aw->issuer->left_out)
			diag_err(d, "%s: not published: its issuer %s is left "
			    "out of the site (see above)", aw->file,
			    source_of(aw->issuer->doc, aw->issuer->id,
			    aw->issuer->name));
		else {
			i++;
			continue;
		}
		drop_award(m, out, i, d);
		rc = -1;
	}
	return rc;
}

/* Marks what a left-out document stands for as left out. */
static void
leave_out(struct model *m, const struct doc *doc, bool *out)
{
	size_t k;

	if (doc->obj == NULL)
		return;
	if (doc->kind == DOC_ISSUER)
		((struct issuer *)doc->obj)->left_out = true;
	else if (doc->kind == DOC_ACHIEVEMENT)
		((struct achievement *)doc->obj)->left_out = true;
	else if (doc->kind == DOC_AWARD &&
	    ((struct award *)doc->obj)->endorsement)
		((struct award *)doc->obj)->left_out = true;
	else if (doc->kind == DOC_AWARD)
		for (k = 0; k < m->nawards; k++)
			if (m->awards[k] == doc->obj)
				out[k] = true;
}

/* Takes the endorsements left out (leave_out) out of the site's list. */
static void
drop_endorsements(struct model *m)
{
	size_t i, k;

	for (i = k = 0; i < m->nendorsements; i++)
		if (!m->endorsements[i]->left_out)
			m->endorsements[k++] = m->endorsements[i];
	m->nendorsements = k;
}

int
place_site(struct model *m, struct diag *d)
{
	static const char *const award_beside[] = { ".png", ".svg", NULL };
	static const char *const badge_beside[] = { ".card.png", NULL };
	struct issuer **issuers, *is;
	struct achievement *a;
	struct award *aw;
	struct doc *doc;
	bool *out;
	size_t ni, i;
	int rc = 0;

	/* 2: the pages' other places and the files beside them. */
	issuers = site_issuers(m, &ni);
	for (i = 0; i < ni; i++) {
		is = issuers[i];
		if (claim_page(m, is->path, source_of(is->doc, is->id,
		    is->name), badge_beside + 1, d) < 0)
			is->left_out = true;
	}
	for (i = 0; i < m->nbadges; i++) {
		a = m->badges[i];
		if (claim_page(m, a->path, source_of(a->doc, a->id, a->name),
		    badge_beside, d) < 0)
			a->left_out = true;
	}
	out = xcalloc(m->nawards + 1, sizeof(*out));
	for (i = 0; i < m->nawards; i++)
		if (!m->awards[i]->private_ && !given(m->awards[i]) &&
		    claim_page(m, m->awards[i]->path, m->awards[i]->file,
		    award_beside, d) < 0)
			out[i] = true;

	/* 3: the documents and files, in the order of the content. */
	for (i = 0; i < m->ndocs; i++)
		place_doc(m, m->docs[i], d);
	for (i = 0; i < m->ndocs; i++)
		if (m->docs[i]->left_out)
			leave_out(m, m->docs[i], out);
	drop_endorsements(m);
	for (i = 0; i < ni; i++)
		if (issuers[i]->left_out) {
			if (issuers[i]->doc->file != NULL)
				issuers[i]->doc->left_out = true;
			rc = -1;
		}
	i = 0;
	while (i < m->nawards)
		if (out[i]) {
			drop_award(m, out, i, d);
			rc = -1;
		} else
			i++;
	if (cascade(m, out, d) < 0)
		rc = -1;
	free(out);

	/* 4: the pages, and the index of what is published. */
	for (i = 0; i < ni; i++)
		if (!issuers[i]->left_out)
			issuers[i]->path = put_page(m, issuers[i]->path,
			    source_of(issuers[i]->doc, issuers[i]->id,
			    issuers[i]->name));
	free(issuers);
	for (i = 0; i < m->nbadges; i++) {
		a = m->badges[i];
		a->path = put_page(m, a->path, source_of(a->doc, a->id,
		    a->name));
	}
	for (i = 0; i < m->nawards; i++) {
		aw = m->awards[i];
		if (!aw->private_ && !given(aw))
			aw->path = put_page(m, aw->path, aw->file);
	}
	for (i = 0; i < m->ndocs; i++) {
		doc = m->docs[i];
		aw = doc->kind == DOC_AWARD ? doc->obj : NULL;
		if (doc->left_out) {
			doc->publish = NULL;
			if (aw != NULL)
				aw->json_path = aw->jws_path = NULL;
			continue;
		}
		if (doc->publish == NULL)
			continue;
		model_publish(m, doc, doc->publish);
		if (aw != NULL && aw->json_path != NULL &&
		    aw->json_path != doc->publish)
			model_publish(m, doc, aw->json_path);
	}
	model_sort_awards(m->awards, m->nawards);
	model_sort_badges(m->badges, m->nbadges);
	return rc;
}
