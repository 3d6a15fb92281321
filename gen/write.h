/*
 * write.h - the last stage: the output directory, replaced atomically.
 *
 * Every file of a build has a key (okey.h: struct okey), the digest of
 * what it is made from.  The output keeps a manifest of its files and
 * their keys, ".badgegen/manifest".  A build writes the files it makes
 * into a fresh staging directory next to the output directory (same file
 * system); a file whose key is what the manifest of the previous build
 * says is kept where it is instead (writer_keep), and is not made again.
 *
 * writer_commit then puts the new site in place in one of two ways.
 * Without a manifest of the previous build (a first build, or
 * writer_opts.incremental off), the whole staging directory is swapped
 * with the output directory: with renameat2(RENAME_EXCHANGE) where the
 * kernel and the file system have it, else with two renames (output
 * aside, staging into place), and the previous site is removed after the
 * swap; if a crash falls between the two renames, the next writer_open
 * puts the previous site back.  With a manifest, only what changed moves:
 * a journal ".<name>.journal" beside the output lists the staged files to
 * rename into place and the files to remove, in the order they are
 * applied: new files, then changed ones (pages after the files they link
 * to within each), then the removals, then the new files that needed a
 * removed one out of their way, the manifest last.  It is applied file
 * by file (each rename atomic) and then removed.  A journal left by an
 * interrupted build is completed by the next writer_open, before
 * anything else.  So an interrupted or failed build leaves the previous
 * site complete and a finished one leaves the new site complete; while a
 * journal is applied, a reader may see some pages new and some old, each
 * one whole, and no page links to a file that is already removed.
 *
 * writer_open also removes, under the lock, what any earlier build left
 * beside the output: staging and old directories, and temporary files
 * ".<name>.<anything>.tmp" (a build's other files beside the output, such
 * as its verification results, are saved that way, under the lock).
 *
 * Builds of one output directory are serialised by flock(2) on
 * "<out_dir>.lock" beside it, held from writer_open until writer_commit
 * or writer_abort.
 *
 * writer_put, writer_has and writer_paths may be called from several
 * threads at once (each with its own struct diag); writer_open,
 * writer_commit and writer_abort may not overlap with them.
 */
#ifndef BADGEGEN_WRITE_H
#define BADGEGEN_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "okey.h"

/* The manifest of the files of a build, inside the output directory. */
#define MANIFEST_DIR	".badgegen"
#define MANIFEST_PATH	".badgegen/manifest"

struct writer;

/* How long writer_open waits for another build to release the lock. */
#define WRITER_WAIT_MS	(10u * 60u * 1000u)

struct writer_opts {
	unsigned	 wait_ms;	/* lock wait; 0: fail at once when held */
	bool		 no_exchange;	/* always swap with two renames */
	bool		 manifest;	/* write a manifest */
	bool		 incremental;	/* read the previous manifest: keep
					   files, apply by journal (and
					   write a manifest) */
	bool		 dry_run;	/* take no lock, touch nothing beside
					   or in the output: writer_put and
					   writer_keep check and count,
					   writer_commit refuses */
};

/* What a build did to the files of the output. */
struct writer_stats {
	unsigned	 put;		/* files written */
	unsigned	 kept;		/* files kept from the previous build */
	unsigned	 deleted;	/* files of the previous build removed */
	bool		 update;	/* applied by journal, not swapped */
};

/*
 * Prepares to write the site into out_dir: creates missing parent
 * directories, takes the lock (saying "waiting for the lock on ..." when
 * another build holds it, failing after WRITER_WAIT_MS), and creates the
 * staging directory "<parent>/.<name>.staging-XXXXXX".  A symbolic link
 * out_dir is followed: its target is replaced.  Refuses an out_dir that
 * exists and is not a directory, that is "/", the current directory or
 * one of its parents, or that is a mount point (which cannot be renamed).
 * Returns 0 and sets *out (finish with writer_commit or writer_abort),
 * or -1 after reporting an error.
 */
int	 writer_open(struct writer **out, const char *out_dir, struct diag *d);

/* writer_open with options; o may be NULL for the defaults. */
int	 writer_open_opts(struct writer **out, const char *out_dir,
	    const struct writer_opts *o, struct diag *d);

/*
 * Only what writer_open does first: under the lock on out_dir (waiting
 * up to wait_ms), puts back a previous site a crash left aside,
 * completes a journal an interrupted build left and removes every
 * leftover of earlier builds.  A directory whose parent does not exist
 * has nothing to recover.  Returns 0, or -1 after reporting (a journal
 * that cannot be applied stays).
 */
int	 writer_recover(const char *out_dir, unsigned wait_ms, struct diag *d);

/*
 * Writes a file (mode 0644) at the relative path in the staging
 * directory, creating its directories (0755).  Refuses, as an error that
 * names the path: unsafe paths (see relpath_problem), paths under
 * MANIFEST_DIR, a path written before in this build ("two sources for
 * one URL"), a path whose directory was written as a file or the other
 * way round, and a symbolic link in the way.  Returns 0 or -1.
 * Thread-safe.  writer_put_key records the file's key (NULL: none; a
 * file without a key is always made again).
 */
int	 writer_put(struct writer *w, const char *path, const void *data,
	    size_t len, struct diag *d);
int	 writer_put_key(struct writer *w, const char *path, const void *data,
	    size_t len, const struct okey *key, struct diag *d);

/*
 * Keeps the file at path from the previous build when the manifest says
 * it was made with this key: it counts as written in this build (with
 * the checks of writer_put) and stays as it is.  Returns 1 when kept, 0
 * when the file must be made (then call writer_put_key), -1 after
 * reporting an error.  Thread-safe.
 */
int	 writer_keep(struct writer *w, const char *path,
	    const struct okey *key, struct diag *d);

/* Whether path was written (or is being written) in this build.  Thread-safe. */
bool	 writer_has(const struct writer *w, const char *path);

/*
 * The paths written so far, sorted byte-wise, for a manifest: an array
 * of *countp strings that the caller frees with free() (the strings
 * belong to the writer and live until writer_commit or writer_abort).
 * Thread-safe.
 */
const char **writer_paths(const struct writer *w, size_t *countp);

/* The output directory, resolved to an absolute path (for messages). */
const char *writer_dir(const struct writer *w);

/*
 * The files of the previous build (its manifest) that this one has not
 * written or kept so far: what writer_commit will remove.  An array of
 * *countp paths, sorted, that the caller frees with free() (the strings
 * live until writer_commit or writer_abort).  Empty without a manifest.
 */
const char **writer_removals(struct writer *w, size_t *countp);

/*
 * A line of text kept in the manifest for the next build, which reads it
 * with writer_stamp (the build's inputs, when it may skip all work).
 * writer_stamp returns the previous build's, or NULL.
 */
void	 writer_set_stamp(struct writer *w, const char *stamp);
const char *writer_stamp(const struct writer *w);

/* The counts so far; deleted is known after writer_commit only. */
void	 writer_stats(const struct writer *w, struct writer_stats *st);

/*
 * Writes the manifest and puts the new site in place (swap or journal,
 * above), removes the previous site and the leftovers of interrupted
 * builds (".<name>.staging-*", ".<name>.old-*"), releases the lock and
 * frees w; st, when not NULL, gets the counts.  Returns 0, or -1 after
 * reporting an error: after a failed swap the previous site is still in
 * place and the staging directory is removed; after a journal that could
 * not be applied to the end, the journal stays for the next build to
 * complete.  Failing to remove the previous site afterwards is only a
 * warning.
 */
int	 writer_commit(struct writer *w, struct diag *d);
int	 writer_commit_stats(struct writer *w, struct writer_stats *st,
	    struct diag *d);

/*
 * Abandons the build: removes the staging directory, leaves the output
 * directory untouched, releases the lock and frees w.  Accepts NULL.
 */
void	 writer_abort(struct writer *w);

#endif
