/*
 * build.h - the whole pipeline: source, model, render, write.
 */
#ifndef BADGEGEN_BUILD_H
#define BADGEGEN_BUILD_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"

struct build_opts {
	const char	*repo;		/* site directory, NULL: cwd */
	const char	*rev;		/* NULL: HEAD */
	bool		 worktree;
	const char	*out;		/* NULL: site.conf's output */
	const char	*now;		/* --now, or NULL */
	bool		 strict;
	bool		 quiet;
	bool		 full;		/* make every file, replace the site */
	unsigned	 jobs;		/* threads; 0: one per core */
	struct buf	*capture;	/* when set, the build's messages go
					   here instead of stderr */
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
 * Parses the options of build (and of verbs that build).  Returns 0, or
 * -1 when the caller should return *rc at once (help, usage error).
 */
int	 build_options(struct build_opts *o, int argc, char **argv,
	    const char *usage, const char *help, int *rc);

/*
 * Builds the site.  out_override, when not NULL, replaces the output
 * directory (check builds into a temporary one).  Fills res.  Returns
 * the exit status: 0 built, 1 built with awards left out (or nothing
 * written under --strict or when rendering failed), 2 configuration
 * error, 3 I/O error.
 */
int	 build_run(const struct build_opts *o, const char *out_override,
	    struct build_result *res);

#endif
