/*
 * collect.c - recipient collections (see collect.h).
 */
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "conf.h"
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

void
collect_match(struct collections *c, const struct model *m)
{
	struct collection *col;
	struct award *aw, **found;
	size_t i, k, e;
	bool match;

	if (c->n > 1)
		qsort(c->items, c->n, sizeof(*c->items), cmp_slug);
	/*
	 * The matches of one collection are gathered here, then kept in
	 * an array of their number: room for every award in every
	 * collection would take recipients times awards pointers.
	 */
	found = xcalloc(m->nawards + m->nimported + 1, sizeof(*found));
	for (i = 0; i < c->n; i++) {
		col = &c->items[i];
		col->awards = found;
		col->nawards = 0;
		/* The site's awards, then those imported from others. */
		for (k = 0; k < m->nawards + m->nimported; k++) {
			aw = k < m->nawards ? m->awards[k] :
			    m->imported[k - m->nawards];
			if (aw->private_ || aw->left_out)
				continue;
			for (e = 0; e < col->nemails; e++) {
				if (verify_recipient(aw, col->emails[e],
				    &match) == 0 && match) {
					col->awards[col->nawards++] = aw;
					break;
				}
			}
		}
		if (col->nawards > 1)
			qsort(col->awards, col->nawards,
			    sizeof(*col->awards), cmp_award_newest);
		col->awards = arena_alloc(&c->arena, (col->nawards + 1) *
		    sizeof(*col->awards));
		memcpy(col->awards, found, col->nawards * sizeof(*found));
		forget_emails(col);
	}
	free(found);
}

void
collect_release(struct collections *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		forget_emails(&c->items[i]);
	free(c->items);
	arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}
