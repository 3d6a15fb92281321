/*
 * site.h - opening a site: what every verb that reads a site repository
 * needs before it does its own work.
 *
 * main() opens the site once for the verb, as its command table says
 * (git's RUN_SETUP): the source (a commit of the repository, or the
 * work tree), site.conf, the date of the run and the output directory,
 * and for the verbs that need it the model of content/.  Each failure
 * is reported once, here, with what to do about it: outside a
 * repository the message names --repo and badgegen init; a commit
 * without site.conf is named by its short id and branch.
 */
#ifndef BADGEGEN_SITE_H
#define BADGEGEN_SITE_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "conf.h"
#include "diag.h"
#include "model.h"
#include "source.h"

/* The most threads --jobs asks for, and the most a build uses. */
#define SITE_JOBS_MAX	256

/* The options every verb that reads a site shares (cmd.h parses them). */
struct site_opts {
	const char	*repo;		/* --repo: the site; NULL: the current directory */
	const char	*rev;		/* --rev: the commit; NULL: HEAD */
	bool		 worktree;	/* --worktree: the files on disk */
	const char	*now;		/* --now; NULL: SOURCE_DATE_EPOCH, else the clock */
	unsigned	 jobs;		/* --jobs; 0: one per core */
	bool		 quiet;		/* --quiet: errors only */
	const char	*out;		/* build's --out; NULL: site.conf's output */
};

/* What a verb needs opened (the flags of its entry in main's table). */
#define SITE_OPEN	0x1	/* source, site.conf, date, output directory */
#define SITE_MODEL	0x2	/* and the model of content/ (implies SITE_OPEN) */
#define SITE_WORKTREE	0x4	/* the files on disk whatever the options */
#define SITE_OPTIONAL	0x8	/* without --repo, no site is no error */

/* site_open: an I/O error (exit status 3); -1 is a configuration error. */
#define SITE_EIO	(-3)

struct site {
	const char	*dir;		/* --repo, or "." */
	bool		 found;		/* false: SITE_OPTIONAL and no site here */
	struct source	*src;
	struct site_conf conf;
	struct buf	 conf_text;	/* site.conf as read */
	int64_t		 now;		/* the date of the run */
	char		*out;		/* the output directory */
	unsigned	 jobs;		/* threads to use, 1 to SITE_JOBS_MAX */
	struct model	 model;		/* SITE_MODEL: not linked yet */
	struct diag	 files;		/* the model's file problems, kept back */
	struct buf	 log;		/* their text, "error: ...\n" lines */
};

/*
 * Opens the site o names for a verb that needs what `need' says, with
 * the date of the run from o->now: reports every problem through d and
 * returns 0 with s filled (release it with site_release), -1 for a
 * configuration or usage problem or SITE_EIO for an I/O error, with s
 * released.  With SITE_MODEL every file of content/ is in s->model;
 * what they have wrong is in s->log (and counted in s->files), not
 * printed: verbs show it when it matters (diag_replay).  A site without
 * site.conf (SITE_OPTIONAL, no --repo) is s->found false with an empty
 * model for https://site.invalid/.
 */
int	 site_open(struct site *s, const struct site_opts *o, unsigned need,
	    struct diag *d);

/*
 * Loads s->model afresh from the site's content/ (verify gives each
 * award the site as it is).  Returns 0, or SITE_EIO after reporting a
 * tree that cannot be read.
 */
int	 site_load_model(struct site *s, struct diag *d);

/*
 * Frees what s holds and empties it.  Accepts NULL, a zeroed site and
 * one site_open failed on.
 */
void	 site_release(struct site *s);

/*
 * The output directory of a site in dir (NULL: the current directory):
 * out when given, else output, site.conf's, which is relative to dir
 * unless absolute, with ".preview" added for a preview (--worktree):
 * files that are not committed never reach the published site unless
 * --out names it.  The one rule for build and for keygen's check of
 * where a private key may go.  The caller frees the result.
 */
char	*site_output_dir(const char *dir, const char *out, const char *output,
	    bool preview);

/*
 * When s reads a commit and the document with this id (a URL under
 * base_url) is missing from it but its file is in the work tree
 * (content/ plus the path the id names), appends "<id> is only in the
 * work tree (<file>), not in the commit <short id> (<branch>)" to why
 * and returns true.
 */
bool	 site_only_on_disk(struct site *s, const char *id, struct buf *why);

#endif
