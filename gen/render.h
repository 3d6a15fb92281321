/*
 * render.h - the pages, documents and files of the site.
 *
 * Fills the data contract of docs/THEME.md for every page, renders it
 * with the theme's Mustache templates (the site's templates/ over the
 * ones compiled in) and hands every output file to the writer.
 */
#ifndef BADGEGEN_RENDER_H
#define BADGEGEN_RENDER_H

#include <stdint.h>

#include "collect.h"
#include "conf.h"
#include "date.h"
#include "diag.h"
#include "model.h"
#include "progress.h"
#include "source.h"
#include "write.h"

struct render_stats {
	unsigned	 pages;		/* HTML pages written */
	unsigned	 files;		/* files written in all */
	unsigned	 awards;	/* public award pages */
	unsigned	 private_;	/* private awards left out */
};

struct theme;

/*
 * Loads the theme: the compiled-in default templates with the files of
 * the site's templates/ (read through src; src may be NULL) over them.
 * Returns 0, or -1 after reporting.  Free with theme_free.
 */
int	 theme_load(struct theme **out, struct source *src, struct diag *d);
void	 theme_free(struct theme *th);

/*
 * Looks up a theme file by its path under templates/ ("award.mustache",
 * "i18n/ja.json").  Returns 0 and sets *data and *len (borrowed from th), or
 * -1 when there is none.
 */
int	 theme_file(const struct theme *th, const char *path,
	    const char **data, size_t *len);

/*
 * Renders the whole site of model m (linked) and its recipient
 * collections cols (matched; NULL: none) with configuration conf and
 * theme th, dates relative to now, into w: every page once in each of
 * conf->languages, the first at the site root and the others under
 * "<lang>/"; documents and files once.  Returns 0, or -1 if anything
 * failed (reported through d).  stats may be NULL.  prog, when not
 * NULL, is advanced through the stages "rendering" (pages) and
 * "writing" (documents and files).
 */
int	 render_site(struct model *m, const struct collections *cols,
	    const struct site_conf *conf, const struct theme *th,
	    int64_t now, struct writer *w, struct render_stats *stats,
	    struct progress *prog, struct diag *d);

#endif
