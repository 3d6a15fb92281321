/*
 * theme.h - the theme: Mustache templates and partials, message
 * catalogs (i18n/<lang>.json), e-mail templates and static files.  The
 * templates compiled into badgegen (templates/) are the default theme;
 * a file of the site's templates/ replaces the default file of the same
 * path.  Pages (render.h) and notification e-mails (cmd_notify) are
 * made from one loaded theme.
 */
#ifndef BADGEGEN_THEME_H
#define BADGEGEN_THEME_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "json.h"
#include "source.h"

struct theme_file {
	const char	*path;		/* under templates/: "award.mustache" */
	const char	*data;
	size_t		 len;
};

struct theme {
	struct theme_file *files;	/* sorted by path, site over default */
	size_t		 nfiles;
	struct arena	 arena;
};

/*
 * Loads the theme: the compiled-in default templates with the files of
 * the site's templates/ (read through src; src may be NULL) over them.
 * Returns 0, or -1 after reporting.  Free with theme_free.
 */
int	 theme_load(struct theme **out, struct source *src, struct diag *d);
/* Frees a theme; accepts NULL. */
void	 theme_free(struct theme *th);

/*
 * Looks up a theme file by its path under templates/ ("award.mustache",
 * "i18n/ja.json").  Returns 0 and sets *data and *len (borrowed from th), or
 * -1 when there is none.
 */
int	 theme_file(const struct theme *th, const char *path,
	    const char **data, size_t *len);

/*
 * The Mustache loader of a theme (a mustache_load_fn, arg the struct
 * theme): template "x" is the theme file "x.mustache".  Returns 0 and
 * sets *src and *len, or -1 when there is none.
 */
int	 theme_template(void *arg, const char *name, const char **src,
	    size_t *len);

/*
 * Parses the message catalog of lang, i18n/<lang>.json, into *out
 * (allocated in a).  Returns 0, or -1 after reporting that the theme
 * has none or that it is not a JSON object.
 */
int	 theme_catalog(struct json **out, const struct theme *th,
	    const char *lang, struct arena *a, struct diag *d);

#endif
