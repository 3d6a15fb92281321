/*
 * fs.h - the file system outside the output directory: directories made
 * with their parents, whole files read with a limit, files written
 * atomically.
 *
 * The verbs (issue, keygen, init, import, notify, bake, verify,
 * mustache) and the modules they call use these, and only these, to
 * read the files they are given and to write files into a site, a key
 * directory or an outbox.  The output directory of a build is write.c's
 * own: it works relative to directory descriptors under its lock and
 * journal.
 *
 * A file written here is never seen half-written: its bytes go into a
 * temporary file in the same directory ("<path>.tmpXXXXXX", mode set
 * before anything is written), which is flushed to the disk (fsync) and
 * then renamed over the old file, or linked to the new name when no file
 * may be replaced.  The directory itself is not synced: a crash may lose
 * the new name, never the content of a file that has it.
 */
#ifndef BADGEGEN_FS_H
#define BADGEGEN_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

/* fs_read_file: the file does not exist (no message). */
#define FS_MISSING	1
/* fs_write_file: the file exists and FS_REPLACE was not given. */
#define FS_EXISTS	1

/* Flags of fs_write_file. */
#define FS_REPLACE	0x1	/* replace a file that exists */
#define FS_MKDIRS	0x2	/* create missing directories (0755) first */

/*
 * Creates the directory dir and its missing parents with mode (the
 * umask applies), like mkdir -p; directories that exist are fine.
 * Returns 0, or -1 after reporting through d the part that could not be
 * created ("a/b: cannot create: Permission denied", "a/b: exists and is
 * not a directory").
 */
int	 fs_mkdir_p(const char *dir, int mode, struct diag *d);

/*
 * Reads the file at path into out (reset first, its limit set to max:
 * 0 is no limit).  Returns 0; FS_MISSING, without a message, when
 * missing_ok is true and the file or a directory on its way does not
 * exist; else -1 after reporting "<path>: cannot read: <reason>" or
 * "<path>: larger than <max> bytes".
 */
int	 fs_read_file(struct buf *out, const char *path, size_t max,
	    bool missing_ok, struct diag *d);

/*
 * Writes len bytes of data to a new temporary file "<prefix>XXXXXX"
 * with the given mode, flushed to the disk, and appends its name to
 * tmp_out: the caller renames it into place (a Maildir moves tmp/ to
 * new/ so).  Returns 0, or -1 after reporting (nothing is left behind).
 */
int	 fs_write_temp(struct buf *tmp_out, const char *prefix,
	    const void *data, size_t len, int mode, struct diag *d);

/*
 * Writes len bytes of data to path with the given mode, atomically (see
 * above).  flags: FS_REPLACE replaces a file that exists, else such a
 * file is never touched and FS_EXISTS is returned without a message;
 * FS_MKDIRS creates the missing directories of path first.  Returns 0,
 * FS_EXISTS, or -1 after reporting an I/O error.
 */
int	 fs_write_file(const char *path, const void *data, size_t len,
	    int mode, unsigned flags, struct diag *d);

/*
 * Creates a new private directory "$TMPDIR/<name>.XXXXXX" (TMPDIR
 * unset or empty: /tmp) and appends its path to out.  Returns 0, or -1
 * after reporting (out then unchanged).
 */
int	 fs_mkdtemp(struct buf *out, const char *name, struct diag *d);

/*
 * Removes dir and everything under it, depth first, never following a
 * symbolic link (the link itself is removed).  What cannot be removed
 * is left; nothing is reported.
 */
void	 fs_remove_tree(const char *dir);

#endif
