/*
 * source.h - the first stage: a site's files, read from a git commit or
 * from the work tree.
 *
 * A site is a directory holding site.conf, content/ and templates/.  By
 * default its files are read from a commit (HEAD, or any revision that
 * peels to a commit) of the git repository that contains the directory,
 * bare repositories included, so a post-receive hook builds without a
 * checkout.  In worktree mode they are read from the disk instead, for
 * previews.  Either way every file comes with its git blob id, which is
 * the cache key of later stages: the same content has the same id in
 * both modes (worktree mode hashes the bytes on disk, without filters).
 *
 * Paths are relative to the site root, '/'-separated, and never contain
 * empty, "." or ".." components, backslashes or control characters:
 * entries with such names are skipped with a warning.  Symbolic links,
 * submodules and special files are skipped with a warning too.  Nothing
 * named ".git" is part of a site: on disk it is skipped silently, in a
 * commit (where git itself never puts one) with a warning, and reading a
 * path through it finds nothing.  Walks report files in byte-wise sorted
 * path order.
 *
 * A struct source is used by one thread at a time.
 */
#ifndef BADGEGEN_SOURCE_H
#define BADGEGEN_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"

struct source;

/* Pack windows mapped when reading a commit: each, and all together. */
#define SOURCE_MWINDOW_SIZE	(1024u * 1024)
#define SOURCE_MWINDOW_LIMIT	(8u * 1024 * 1024)

/*
 * Opens the site at dir (NULL: the current directory).  In commit mode
 * the git repository is found from dir upward; the site root is dir
 * itself, which may be a subdirectory of the work tree.  For a bare
 * repository dir is the repository (or a directory in it) and the site
 * is the root of the commit's tree.  rev: NULL for HEAD, or any revision
 * that peels to a commit.  worktree: read the files under dir on disk
 * instead (no repository needed).  Returns 0 and sets *out (free it with
 * source_free), or -1 after reporting an error that names dir and rev.
 */
int	 source_open(struct source **out, const char *dir, const char *rev,
	    bool worktree, struct diag *d);

/* Frees a source.  Accepts NULL. */
void	 source_free(struct source *s);

/*
 * Whether dir (NULL: the current directory) is in a git repository, a
 * work tree or a bare one, found from dir upward as source_open finds
 * it.
 */
bool	 source_in_repository(const char *dir);

/*
 * Appends what s reads, for messages: "the commit 1a2b3c4 (branch
 * main)" (the branch or tag when the revision is one, HEAD's branch
 * for HEAD), or "the work tree <dir>".
 */
void	 source_describe(const struct source *s, struct buf *out);

/*
 * Called by source_walk for each file: path relative to the site root,
 * oid the blob id as 40 hex digits, data and len its content (data is
 * not NUL-terminated and is valid only during the call).  Returns 0 to
 * go on or -1 to stop.
 */
typedef int (*source_fn)(void *arg, const char *path, const char *oid,
    const char *data, size_t len);

/*
 * Calls fn for every regular file below prefix ("content/", "templates"
 * or "" for the whole site), in byte-wise sorted path order.  A missing
 * prefix has no files.  Entries that are not regular files or have
 * unsafe names are reported as warnings and skipped.  Returns 0, or -1
 * when fn returned -1 or after reporting a read error.
 */
int	 source_walk(struct source *s, const char *prefix, source_fn fn,
	    void *arg, struct diag *d);

/*
 * What source_walk_skips says of a file it found below the prefix but
 * does not pass to fn: its path and why ("symbolic link", "cannot be
 * read", ...), after the warning or error about it.
 */
typedef void (*source_skip_fn)(void *arg, const char *path,
    const char *why);

/*
 * source_walk that also calls skip (when not NULL) for every entry it
 * skips, and goes on after a file that cannot be read (reported as an
 * error), so that a reader can keep what such a file would have said
 * from failing open: a sidecar that cannot be read still makes its award
 * private.  Returns 0, or -1 when fn returned -1, a directory could not
 * be read or, at the end of the walk, when a file could not be.
 */
int	 source_walk_skips(struct source *s, const char *prefix,
	    source_fn fn, source_skip_fn skip, void *arg, struct diag *d);

/*
 * Reads the file at path into out (reset first; a limit set in out->max
 * is an error when exceeded) and, when oid is not NULL, its blob id into
 * oid (41 bytes, NUL-terminated).  Returns 0, 1 if the file does not
 * exist (no message), or -1 after reporting an error (an unsafe path, a
 * directory, a symbolic link, a read error).
 */
int	 source_read(struct source *s, const char *path, struct buf *out,
	    char *oid, struct diag *d);

/*
 * Writes the id of the tree at path ("" for the site root) as 40 hex
 * digits and a NUL into oid_out (41 bytes), for comparing subtrees with
 * an earlier build.  Returns 0; 1 when there is no tree there, or in
 * worktree mode, which has no tree ids; -1 for an unsafe path or a
 * repository error.
 */
int	 source_tree_id(struct source *s, const char *path, char *oid_out);

/* The id of the commit being read (40 hex digits), or NULL in worktree mode. */
const char *source_commit(const struct source *s);

/* The commit time of that commit (seconds since the epoch), 0 in worktree mode. */
int64_t	 source_commit_time(const struct source *s);

/*
 * When the commit being read is HEAD of a repository with a work tree,
 * warns once if site.conf, content/ or templates/ differ from it in the
 * index or the work tree (untracked files included), naming the first
 * such path: "content/a.json has uncommitted changes; building the
 * commit 1a2b3c4 without them (--worktree builds the files on disk)".
 * Does nothing in worktree mode, for bare repositories and for commits
 * other than HEAD.
 */
void	 source_warn_dirty(struct source *s, struct diag *d);


#endif
