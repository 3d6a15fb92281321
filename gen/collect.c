/*
 * collect.c - recipient collections (see collect.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "collect.h"
#include "conf.h"
#include "place.h"
#include "verify.h"

#define RECIPIENTS_DIR	"content/recipients/"

bool
collect_slug_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || s[0] == '-')
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

int
collect_add_file(struct collections *c, const char *file, const char *data,
    size_t len, struct diag *d)
{
	struct recipient_conf rc;
	struct collection *col;
	const char *slug;
	size_t n, i;

	if (strncmp(file, RECIPIENTS_DIR, strlen(RECIPIENTS_DIR)) != 0)
		return diag_err(d, "%s: not a recipient file", file);
	slug = file + strlen(RECIPIENTS_DIR);
	n = strlen(slug);
	if (n < 6 || strcmp(slug + n - 5, ".conf") != 0 ||
	    !collect_slug_ok(slug, n - 5))
		return diag_err(d, "%s: a recipient file is named "
		    "<slug>.conf, the slug of lower-case letters, digits and "
		    "'-'", file);
	n -= 5;
	if (recipient_conf_parse(&rc, file, data, len, d) < 0)
		return -1;
	if (!rc.public_) {
		recipient_conf_release(&rc);
		return 0;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->items = xreallocarray(c->items, c->cap, sizeof(*c->items));
	}
	col = &c->items[c->n++];
	memset(col, 0, sizeof(*col));
	col->file = arena_strdup(&c->arena, file);
	col->slug = arena_strndup(&c->arena, slug, n);
	col->name = arena_strdup(&c->arena, rc.name);
	col->path = arena_printf(&c->arena, "recipients/%s/", col->slug);
	col->emails = xcalloc(rc.nemails + 1, sizeof(*col->emails));
	for (i = 0; i < rc.nemails; i++)
		col->emails[i] = xstrdup(rc.emails[i]);
	col->nemails = rc.nemails;
	recipient_conf_release(&rc);
	return 0;
}

static void
forget_emails(struct collection *col)
{
	size_t i;

	for (i = 0; i < col->nemails; i++) {
		memset(col->emails[i], 0, strlen(col->emails[i]));
		free(col->emails[i]);
	}
	free(col->emails);
	col->emails = NULL;
	col->nemails = 0;
}

/* Newest first; the same instant by path. */
static int
cmp_award_newest(const void *a, const void *b)
{
	const struct award *x = *(struct award *const *)a;
	const struct award *y = *(struct award *const *)b;

	if (x->issued != y->issued)
		return x->issued > y->issued ? -1 : 1;
	return strcmp(x->path, y->path);
}

static int
cmp_slug(const void *a, const void *b)
{
	return strcmp(((const struct collection *)a)->slug,
	    ((const struct collection *)b)->slug);
}

/* An address of a collection, for finding collections by address. */
struct addr {
	const char	*email;
	size_t		 col;
};

static int
cmp_addr(const void *a, const void *b)
{
	const struct addr *x = a, *y = b;
	int c = strcasecmp(x->email, y->email);

	if (c != 0)
		return c;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* Adds aw to col, once. */
static void
add_award(struct collection *col, struct award *aw)
{
	if (col->nawards > 0 && col->awards[col->nawards - 1] == aw)
		return;
	if (col->nawards == col->capawards) {
		col->capawards = col->capawards ? 2 * col->capawards : 8;
		col->awards = xreallocarray(col->awards, col->capawards,
		    sizeof(*col->awards));
	}
	col->awards[col->nawards++] = aw;
}

/* Adds aw to col if one of col's addresses is its recipient. */
static void
match_all(struct collection *col, struct award *aw)
{
	size_t e;
	bool match;

	for (e = 0; e < col->nemails; e++)
		if (verify_recipient(aw, col->emails[e], &match) == 0 &&
		    match) {
			add_award(col, aw);
			return;
		}
}

/*
 * Every award is compared with the addresses of every collection,
 * unless its sidecar names its one recipient's address: then only the
 * collections that list that address (in any case) can match, as a
 * hashed identity matches an address only as given or lower-cased, and
 * those are found by binary search.  So the work grows with the awards
 * and the addresses, not with their product.
 */
void
collect_match(struct collections *c, const struct model *m)
{
	struct addr *v, key;
	struct award *aw;
	size_t i, k, e, n = 0, lo, hi, mid;
	bool match;

	if (c->n > 1)
		qsort(c->items, c->n, sizeof(*c->items), cmp_slug);
	for (i = 0; i < c->n; i++)
		n += c->items[i].nemails;
	v = xcalloc(n + 1, sizeof(*v));
	for (i = n = 0; i < c->n; i++)
		for (e = 0; e < c->items[i].nemails; e++) {
			v[n].email = c->items[i].emails[e];
			v[n++].col = i;
		}
	qsort(v, n, sizeof(*v), cmp_addr);
	/* The site's awards, then those imported from others. */
	for (k = 0; k < m->nawards + m->nimported && c->n > 0; k++) {
		aw = k < m->nawards ? m->awards[k] : m->imported[k - m->nawards];
		if (aw->private_ || aw->left_out)
			continue;
		if (aw->email == NULL || verify_recipient_count(aw) != 1 ||
		    verify_recipient(aw, aw->email, &match) < 0 || !match) {
			for (i = 0; i < c->n; i++)
				match_all(&c->items[i], aw);
			continue;
		}
		key.email = aw->email;
		key.col = 0;
		for (lo = 0, hi = n; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if (cmp_addr(&v[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < n && strcasecmp(v[lo].email, aw->email) == 0; lo++)
			if (verify_recipient(aw, v[lo].email, &match) == 0 &&
			    match)
				add_award(&c->items[v[lo].col], aw);
	}
	free(v);
	for (i = 0; i < c->n; i++) {
		if (c->items[i].nawards > 1)
			qsort(c->items[i].awards, c->items[i].nawards,
			    sizeof(*c->items[i].awards), cmp_award_newest);
		forget_emails(&c->items[i]);
	}
}

int
collect_place(struct collections *c, struct model *m, struct diag *d)
{
	const char *p;
	size_t i, k;
	int rc = 0;

	for (i = k = 0; i < c->n; i++) {
		p = place_page(m, c->items[i].path, c->items[i].file, d);
		if (p == NULL) {
			forget_emails(&c->items[i]);
			free(c->items[i].awards);
			rc = -1;
			continue;
		}
		c->items[i].path = p;
		c->items[k++] = c->items[i];
	}
	c->n = k;
	return rc;
}

void
collect_release(struct collections *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		forget_emails(&c->items[i]);
		free(c->items[i].awards);
	}
	free(c->items);
	arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}
