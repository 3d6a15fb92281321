/*
 * write.h - the last stage: the output directory, replaced atomically.
 *
 * A build writes every file into a fresh staging directory next to the
 * output directory (same file system), then writer_commit swaps it into
 * place: with renameat2(RENAME_EXCHANGE) where the kernel and the file
 * system have it, else with two renames (output aside, staging into
 * place).  The previous site is removed only after the swap.  So an
 * interrupted or failed build leaves the previous site complete and a
 * finished one leaves the new site complete; if a crash falls between
 * the two renames, the next writer_open puts the previous site back.
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

struct writer;

/* How long writer_open waits for another build to release the lock. */
#define WRITER_WAIT_MS	(10u * 60u * 1000u)

struct writer_opts {
	unsigned	 wait_ms;	/* lock wait; 0: fail at once when held */
	bool		 no_exchange;	/* always swap with two renames */
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
 * Writes a file (mode 0644) at the relative path in the staging
 * directory, creating its directories (0755).  Refuses, as an error that
 * names the path: unsafe paths (see source_path_problem), a path written
 * before in this build ("two sources for one URL"), a path whose
 * directory was written as a file or the other way round, and a symbolic
 * link in the way.  Returns 0 or -1.  Thread-safe.
 */
int	 writer_put(struct writer *w, const char *path, const void *data,
	    size_t len, struct diag *d);

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
 * Swaps the staging directory into place, removes the previous site and
 * the leftovers of interrupted builds (".<name>.staging-*",
 * ".<name>.old-*"), releases the lock and frees w.  Returns 0, or -1
 * after reporting an error, in which case the previous site is still in
 * place and the staging directory is removed.  Failing to remove the
 * previous site afterwards is only a warning.
 */
int	 writer_commit(struct writer *w, struct diag *d);

/*
 * Abandons the build: removes the staging directory, leaves the output
 * directory untouched, releases the lock and frees w.  Accepts NULL.
 */
void	 writer_abort(struct writer *w);

#endif
