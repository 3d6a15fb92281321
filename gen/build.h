/*
 * build.h - the whole pipeline: source, model, render, write.
 */
#ifndef BADGEGEN_BUILD_H
#define BADGEGEN_BUILD_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"

struct model;
struct site;

/* What build asks of build_run besides the site. */
struct build_opts {
	const char	*out;		/* where to write; NULL: the site's
					   output directory */
	bool		 strict;	/* any error or award left out: the
					   output stays as it is (every error
					   is still reported) */
	bool		 full;		/* make every file, replace the site */
	bool		 dry_run;	/* do everything but change the output
					   or what is beside it: no lock */
	bool		 quiet;		/* no summary, no progress line */
	struct model	*keep;		/* when set, the model of the build
					   ends up here instead of being freed
					   (check reads it) */
	void		(*recipient)(void *arg, const char *path,
			    const char *data, size_t len);
	void		*recipient_arg;	/* when recipient is set, it gets each
					   file of content/recipients/ read */
};

struct build_result {
	unsigned	 awards;	/* award pages written */
	unsigned	 failed;	/* awards left out because of errors */
	unsigned	 private_;	/* private awards (no page) */
	unsigned	 pages;
	unsigned	 files;
	unsigned	 errors;
	unsigned	 warnings;
};

/*
 * Builds the site s (site_open with SITE_OPEN) into its output
 * directory or o->out, reporting through d.  Fills res.  Returns the
 * exit status: 0 built, 1 built with awards left out (or nothing
 * written under --strict or when rendering failed), 2 configuration
 * error, 3 I/O error.  A build that removes published pages says which
 * and why, after its summary.
 */
int	 build_run(struct site *s, const struct build_opts *o, struct diag *d,
	    struct build_result *res);

#endif
