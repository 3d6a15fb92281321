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
#include "theme.h"
#include "write.h"

struct render_stats {
	unsigned	 pages;		/* HTML pages of the site */
	unsigned	 files;		/* files of the site in all */
	unsigned	 awards;	/* public award pages */
	unsigned	 private_;	/* private awards left out */
	unsigned	 reused;	/* files kept from the previous build */
	unsigned	 pages_reused;	/* of them, HTML pages */
	unsigned	 awards_reused;	/* awards whose pages were all kept
					   in the first language */
};

/*
 * Renders the whole site of model m (linked) and its recipient
 * collections cols (matched; NULL: none) with configuration conf and
 * theme th, dates relative to now, into w: every page once in each of
 * conf->languages, the first at the site root and the others under
 * "<lang>/"; documents and files once.  Returns 0, or -1 if anything
 * failed (reported through d).  stats may be NULL.  prog, when not
 * NULL, is advanced through the stages "rendering" (pages) and
 * "writing" (documents and files).
 *
 * base, when not NULL, is the key of everything outside the model and
 * the theme that the output depends on (badgegen itself, site.conf):
 * then every file gets its key (write.h), from base, the theme, the
 * documents it shows, the verification reports and the build date, and
 * a file whose key the previous build had stays as it is (writer_keep)
 * instead of being made again.
 *
 * The award pages and baked badges are made on up to jobs threads (each
 * with its own messages, passed on in the order of the awards); the
 * files are the same for every jobs.
 */
int	 render_site(struct model *m, const struct collections *cols,
	    const struct site_conf *conf, const struct theme *th,
	    int64_t now, const struct okey *base, unsigned jobs,
	    struct writer *w, struct render_stats *stats,
	    struct progress *prog, struct diag *d);

#endif
