/*
 * theme.c - the theme: the compiled-in default templates with the
 * site's templates/ over them (see theme.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embed.h"
#include "theme.h"

static int
cmp_theme_file(const void *a, const void *b)
{
	return strcmp(((const struct theme_file *)a)->path,
	    ((const struct theme_file *)b)->path);
}

struct theme_load {
	struct theme	*th;
	size_t		 cap;
};

/* Adds a file of the site's templates/ (a source_walk callback). */
static int
theme_add(void *arg, const char *path, const char *oid, const char *data,
    size_t len)
{
	struct theme_load *tl = arg;
	struct theme_file *f;

	(void)oid;
	if (tl->th->nfiles == tl->cap) {
		tl->cap = tl->cap ? 2 * tl->cap : 64;
		tl->th->files = xreallocarray(tl->th->files, tl->cap,
		    sizeof(*tl->th->files));
	}
	f = &tl->th->files[tl->th->nfiles++];
	f->path = arena_strdup(&tl->th->arena, path + strlen("templates/"));
	f->data = arena_strndup(&tl->th->arena, data, len);
	f->len = len;
	return 0;
}

int
theme_load(struct theme **out, struct source *src, struct diag *d)
{
	struct theme_load tl;
	struct theme *th = xcalloc(1, sizeof(*th));
	const struct embedded_file *e;
	struct theme_file key, *f;
	size_t nsite;

	*out = NULL;
	tl.th = th;
	tl.cap = 0;
	if (src != NULL && source_walk(src, "templates/", theme_add, &tl,
	    d) < 0) {
		theme_free(th);
		return -1;
	}
	nsite = th->nfiles;
	if (nsite > 1)
		qsort(th->files, nsite, sizeof(*th->files), cmp_theme_file);
	for (e = embedded_files; e->path != NULL; e++) {
		key.path = e->path;
		if (nsite > 0 && bsearch(&key, th->files, nsite,
		    sizeof(*th->files), cmp_theme_file) != NULL)
			continue;
		if (th->nfiles == tl.cap) {
			tl.cap = tl.cap ? 2 * tl.cap : 64;
			th->files = xreallocarray(th->files, tl.cap,
			    sizeof(*th->files));
		}
		f = &th->files[th->nfiles++];
		f->path = e->path;
		f->data = (const char *)e->data;
		f->len = e->len;
	}
	qsort(th->files, th->nfiles, sizeof(*th->files), cmp_theme_file);
	*out = th;
	return 0;
}

void
theme_free(struct theme *th)
{
	if (th == NULL)
		return;
	free(th->files);
	arena_release(&th->arena);
	free(th);
}

int
theme_file(const struct theme *th, const char *path, const char **data,
    size_t *len)
{
	struct theme_file key, *f;

	key.path = path;
	f = bsearch(&key, th->files, th->nfiles, sizeof(*th->files),
	    cmp_theme_file);
	if (f == NULL)
		return -1;
	*data = f->data;
	*len = f->len;
	return 0;
}

int
theme_template(void *arg, const char *name, const char **src, size_t *len)
{
	const struct theme *th = arg;
	char path[512];

	if (snprintf(path, sizeof(path), "%s.mustache", name) >=
	    (int)sizeof(path))
		return -1;
	return theme_file(th, path, src, len);
}

int
theme_catalog(struct json **out, const struct theme *th, const char *lang,
    struct arena *a, struct diag *d)
{
	const char *data;
	char path[64];
	size_t len;

	snprintf(path, sizeof(path), "i18n/%s.json", lang);
	if (theme_file(th, path, &data, &len) < 0)
		return diag_err(d, "templates/%s: no message catalog for "
		    "language \"%s\"", path, lang);
	if (json_parse(out, a, path, data, len, d) < 0)
		return -1;
	if ((*out)->type != JSON_OBJECT)
		return diag_err(d, "templates/%s: expected an object of "
		    "labels", path);
	return 0;
}
