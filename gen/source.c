/*
 * source.c - a site's files from a git commit (libgit2) or the work tree.
 *
 * Commit mode walks trees entry by entry (git_tree_entry_byindex), keeps
 * one path buffer that grows and shrinks with the recursion, and reads
 * each blob with git_blob_lookup, freeing it right after the callback:
 * libgit2 does not cache blobs, so memory stays flat over 100,000 files.
 *
 * Git sorts tree entries by name, comparing a subtree's name as if it
 * ended in '/'.  That is exactly byte-wise order of the full paths below
 * the tree, so a well-formed tree is walked in its own order; a tree
 * that is not sorted (only a hand-made object can be) is sorted first.
 * Worktree mode reads directories with the same comparison.
 *
 * Worktree mode opens every directory and file relative to its parent
 * with O_NOFOLLOW, so a symbolic link anywhere is reported, not followed.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "relpath.h"
#include "source.h"

#define MAX_DEPTH	64	/* directories below the site root */

struct source {
	git_repository	*repo;		/* NULL in worktree mode */
	git_commit	*commit;	/* NULL in worktree mode */
	git_tree	*tree;		/* the site root's tree */
	char		*dir;		/* the site directory as given */
	char		*rev;		/* the revision as given; NULL: HEAD */
	char		*sub;		/* the site root in the work tree: "" or "a/b/" */
	int		 dirfd;		/* worktree mode: the site directory */
	bool		 worktree;
	bool		 warned;	/* source_warn_dirty has run */
	char		 commit_id[GIT_OID_HEXSZ + 1];
	int64_t		 commit_time;
};

/* State of one source_walk. */
struct walk {
	struct source	*s;
	source_fn	 fn;
	source_skip_fn	 skip;		/* or NULL */
	bool		 unread;	/* a file could not be read (skip) */
	void		*arg;
	struct diag	*d;
	struct buf	 path;		/* the current path, relative to the site */
	struct buf	 data;		/* worktree mode: the current file */
	struct buf	 quoted;	/* a path made printable for a message */
	unsigned	 depth;
};

/* A directory entry on disk. */
struct dent {
	char		*name;
	size_t		 len;
	unsigned char	 type;		/* DT_DIR, DT_REG, DT_LNK, ... */
};

static const char *
git_msg(void)
{
	const git_error *e = git_error_last();

	return e != NULL && e->message != NULL ? e->message : "unknown error";
}

/* s with control characters and backslashes escaped, for messages. */
static const char *
quote(struct buf *b, const char *s)
{
	buf_reset(b);
	return buf_put_quoted(b, s);
}

/* Whether a name is ".git", which worktree mode skips. */
static bool
is_dotgit(const char *name, size_t len)
{
	return len == 4 && memcmp(name, ".git", 4) == 0;
}

/* Whether a component of path is ".git". */
static bool
has_dotgit(const char *path)
{
	const char *p, *slash;

	for (p = path;; p = slash + 1) {
		slash = strchr(p, '/');
		if (is_dotgit(p, slash != NULL ? (size_t)(slash - p) :
		    strlen(p)))
			return true;
		if (slash == NULL)
			return false;
	}
}

/*
 * Git's order of tree entries: by name, a directory's name compared as
 * if it ended in '/'.
 */
static int
name_cmp(const char *a, size_t alen, bool adir, const char *b, size_t blen,
    bool bdir)
{
	size_t n = alen < blen ? alen : blen;
	unsigned ca, cb;
	int c;

	if ((c = memcmp(a, b, n)) != 0)
		return c;
	ca = alen > n ? (unsigned char)a[n] : adir ? '/' : 0;
	cb = blen > n ? (unsigned char)b[n] : bdir ? '/' : 0;
	return (int)ca - (int)cb;
}

static int
entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *na = git_tree_entry_name(a), *nb = git_tree_entry_name(b);

	return name_cmp(na, strlen(na),
	    git_tree_entry_filemode(a) == GIT_FILEMODE_TREE, nb, strlen(nb),
	    git_tree_entry_filemode(b) == GIT_FILEMODE_TREE);
}

static int
entry_qcmp(const void *a, const void *b)
{
	const git_tree_entry *const *x = a, *const *y = b;

	return entry_cmp(*x, *y);
}

static int
dent_qcmp(const void *a, const void *b)
{
	const struct dent *x = a, *y = b;

	return name_cmp(x->name, x->len, x->type == DT_DIR, y->name, y->len,
	    y->type == DT_DIR);
}

/*
 * Finds the directory of dir within the work tree ("" or "a/b/") into
 * s->sub.  A bare repository, or a dir inside the git directory, is the
 * root of the tree.
 */
static int
find_sub(struct source *s, const char *dir, struct diag *d)
{
	char *real = NULL, *top = NULL, *gitdir = NULL;
	const char *wd;
	size_t n;
	int rc = -1;

	s->sub = xstrdup("");
	wd = git_repository_workdir(s->repo);
	if (git_repository_is_bare(s->repo) || wd == NULL)
		return 0;
	if ((real = realpath(dir, NULL)) == NULL ||
	    (top = realpath(wd, NULL)) == NULL ||
	    (gitdir = realpath(git_repository_path(s->repo), NULL)) == NULL) {
		diag_err(d, "%s: cannot resolve the path: %s", dir,
		    strerror(errno));
		goto out;
	}
	rc = 0;
	n = strlen(gitdir);
	if (strncmp(real, gitdir, n) == 0 &&
	    (real[n] == '\0' || real[n] == '/'))
		goto out;
	n = strlen(top);
	if (strcmp(top, "/") == 0)
		n = 0;
	if (strncmp(real, top, n) != 0 || real[n] != '/' || real[n + 1] == '\0')
		goto out;
	free(s->sub);
	s->sub = xmalloc(strlen(real + n + 1) + 2);
	memcpy(s->sub, real + n + 1, strlen(real + n + 1));
	memcpy(s->sub + strlen(real + n + 1), "/", 2);
out:
	free(real);
	free(top);
	free(gitdir);
	return rc;
}

/*
 * In a pre-receive hook, the objects of the push wait in git's
 * quarantine directory (GIT_QUARANTINE_PATH), not yet in the
 * repository: they are read from there too, so that a hook can build
 * the pushed commit before it lands.
 */
static int
add_quarantine(git_repository *repo, const char *dir, struct diag *d)
{
	const char *q = getenv("GIT_QUARANTINE_PATH");
	git_odb *odb = NULL;
	int rc = 0;

	if (q == NULL || *q == '\0')
		return 0;
	if (git_repository_odb(&odb, repo) < 0 ||
	    git_odb_add_disk_alternate(odb, q) < 0)
		rc = diag_err(d, "%s: cannot read the objects of the push in "
		    "%s (GIT_QUARANTINE_PATH): %s", dir, q, git_msg());
	git_odb_free(odb);
	return rc;
}

/* Opens the repository of s->dir and the tree of the site at rev. */
static int
open_commit(struct source *s, const char *rev, struct diag *d)
{
	git_object *obj = NULL, *peeled = NULL;
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	const char *dir = s->dir;
	size_t n;
	int rc = -1;

	/*
	 * Pack files are mapped in windows, by default up to 1 GB each and
	 * 8 GB in all, and every page read stays resident until its window
	 * is unmapped: a site's pack would count in full against the
	 * build's memory (50 MB at 100,000 awards).  Each blob is read
	 * once, so small windows and a small total cost little.  These
	 * are options of the library for the whole process; only
	 * source_open reads repositories.
	 */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)SOURCE_MWINDOW_SIZE);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT,
	    (size_t)SOURCE_MWINDOW_LIMIT);
	if (git_repository_open_ext(&s->repo, dir, 0, NULL) < 0) {
		diag_err(d, "%s: cannot open the git repository: %s", dir,
		    git_msg());
		goto out;
	}
	if (add_quarantine(s->repo, dir, d) < 0)
		goto out;
	if (find_sub(s, dir, d) < 0)
		goto out;
	if (git_revparse_single(&obj, s->repo, rev) < 0) {
		diag_err(d, "%s: unknown revision \"%s\": %s", dir, rev,
		    git_msg());
		goto out;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		diag_err(d, "%s: revision \"%s\" is not a commit: %s", dir, rev,
		    git_msg());
		goto out;
	}
	s->commit = (git_commit *)peeled;
	peeled = NULL;
	git_oid_tostr(s->commit_id, sizeof(s->commit_id),
	    git_commit_id(s->commit));
	s->commit_time = git_commit_time(s->commit);
	if (git_commit_tree(&root, s->commit) < 0) {
		diag_err(d, "%s: revision \"%s\": cannot read the tree: %s",
		    dir, rev, git_msg());
		goto out;
	}
	if ((n = strlen(s->sub)) == 0) {
		s->tree = root;
		root = NULL;
		rc = 0;
		goto out;
	}
	s->sub[n - 1] = '\0';
	if (git_tree_entry_bypath(&e, root, s->sub) < 0 ||
	    git_tree_entry_filemode(e) != GIT_FILEMODE_TREE)
		diag_err(d, "%s: the directory %s is not in the commit %.7s "
		    "(revision \"%s\")", dir, s->sub, s->commit_id, rev);
	else if (git_tree_lookup(&s->tree, s->repo, git_tree_entry_id(e)) < 0)
		diag_err(d, "%s: revision \"%s\": cannot read the tree of %s: "
		    "%s", dir, rev, s->sub, git_msg());
	else
		rc = 0;
	s->sub[n - 1] = '/';
out:
	git_tree_entry_free(e);
	git_tree_free(root);
	git_object_free(peeled);
	git_object_free(obj);
	return rc;
}

int
source_open(struct source **out, const char *dir, const char *rev,
    bool worktree, struct diag *d)
{
	struct source *s;
	int rc = 0;

	*out = NULL;
	s = xcalloc(1, sizeof(*s));
	s->dirfd = -1;
	s->dir = xstrdup(dir != NULL ? dir : ".");
	s->rev = rev != NULL ? xstrdup(rev) : NULL;
	s->worktree = worktree;
	git_libgit2_init();
	if (!worktree)
		rc = open_commit(s, rev != NULL ? rev : "HEAD", d);
	else if ((s->dirfd = open(s->dir, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) < 0)
		rc = diag_err(d, "%s: cannot open the site directory: %s",
		    s->dir, strerror(errno));
	if (rc < 0) {
		source_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

void
source_free(struct source *s)
{
	if (s == NULL)
		return;
	git_tree_free(s->tree);
	git_commit_free(s->commit);
	git_repository_free(s->repo);
	if (s->dirfd >= 0)
		close(s->dirfd);
	free(s->dir);
	free(s->rev);
	free(s->sub);
	free(s);
	git_libgit2_shutdown();
}

bool
source_in_repository(const char *dir)
{
	bool found;

	git_libgit2_init();
	found = git_repository_open_ext(NULL, dir != NULL ? dir : ".", 0,
	    NULL) == 0;
	git_libgit2_shutdown();
	return found;
}

/* The branch (or tag) the revision read names, as "branch main". */
static void
put_ref(struct buf *out, git_reference *ref)
{
	const char *name;

	if (git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC)
		name = git_reference_symbolic_target(ref);
	else
		name = git_reference_name(ref);
	if (name == NULL)
		return;
	if (strncmp(name, "refs/heads/", 11) == 0)
		buf_printf(out, " (branch %s)", name + 11);
	else if (strncmp(name, "refs/remotes/", 13) == 0)
		buf_printf(out, " (branch %s)", name + 13);
	else if (strncmp(name, "refs/tags/", 10) == 0)
		buf_printf(out, " (tag %s)", name + 10);
}

void
source_describe(const struct source *s, struct buf *out)
{
	git_object *obj = NULL;
	git_reference *ref = NULL;

	if (s->worktree) {
		buf_printf(out, "the work tree %s", s->dir);
		return;
	}
	buf_printf(out, "the commit %.7s", s->commit_id);
	if (git_revparse_ext(&obj, &ref, s->repo, s->rev != NULL ? s->rev :
	    "HEAD") == 0 && ref != NULL)
		put_ref(out, ref);
	git_reference_free(ref);
	git_object_free(obj);
}

const char *
source_commit(const struct source *s)
{
	return s->worktree ? NULL : s->commit_id;
}

int64_t
source_commit_time(const struct source *s)
{
	return s->worktree ? 0 : s->commit_time;
}

/*
 * Reads the whole of fd into out (reset first).  Returns 0, or -1 with
 * errno set; a limit in out->max sets out->over and stops.
 */
static int
read_fd(int fd, struct buf *out)
{
	struct stat st;
	ssize_t n;
	size_t room;

	buf_reset(out);
	if (fstat(fd, &st) == 0 && st.st_size > 0 &&
	    (out->max == 0 || (uint64_t)st.st_size <= out->max))
		buf_grow(out, (size_t)st.st_size + 1);
	for (;;) {
		if (out->cap - out->len < 4096)
			buf_grow(out, 65536);
		room = out->cap - out->len - 1;
		n = read(fd, out->data + out->len, room);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (out->max != 0 && out->len > out->max) {
			out->over = true;
			buf_truncate(out, out->max);
			break;
		}
	}
	return 0;
}

static void
hash_blob(char *oid, const void *data, size_t len)
{
	git_oid id;

	if (git_odb_hash(&id, data, len, GIT_OBJECT_BLOB) < 0)
		memset(&id, 0, sizeof(id));
	git_oid_tostr(oid, GIT_OID_HEXSZ + 1, &id);
}

/* Reports a tree entry or file that is not a regular file. */
static void
warn_skip(struct walk *w, const char *why)
{
	diag_warn(w->d, "%s: %s, skipped", quote(&w->quoted, w->path.data),
	    why);
	if (w->skip != NULL)
		w->skip(w->arg, w->path.data, why);
}

/*
 * A file that could not be read, reported already: the walk stops
 * (-1), or, with a skip function, tells it and goes on (0).
 */
static int
read_failed(struct walk *w, const char *why)
{
	if (w->skip == NULL)
		return -1;
	w->skip(w->arg, w->path.data, why);
	w->unread = true;
	return 0;
}

static int
walk_blob(struct walk *w, const git_tree_entry *e)
{
	char oid[GIT_OID_HEXSZ + 1];
	git_blob *blob;
	int rc;

	git_oid_tostr(oid, sizeof(oid), git_tree_entry_id(e));
	if (git_blob_lookup(&blob, w->s->repo, git_tree_entry_id(e)) < 0) {
		diag_err(w->d, "%s: cannot read blob %s: %s",
		    quote(&w->quoted, w->path.data), oid, git_msg());
		return read_failed(w, "cannot be read");
	}
	rc = w->fn(w->arg, w->path.data, oid, git_blob_rawcontent(blob),
	    (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return rc < 0 ? -1 : 0;
}

static int
walk_tree(struct walk *w, const git_tree *tree)
{
	const git_tree_entry **sorted = NULL;
	const git_tree_entry *e, *prev = NULL;
	git_tree *sub;
	size_t i, n = git_tree_entrycount(tree), base = w->path.len;
	const char *name, *why;
	int rc = 0;

	for (i = 1; i < n; i++)
		if (entry_cmp(git_tree_entry_byindex(tree, i - 1),
		    git_tree_entry_byindex(tree, i)) >= 0)
			break;
	if (i < n) {
		sorted = xreallocarray(NULL, n, sizeof(*sorted));
		for (i = 0; i < n; i++)
			sorted[i] = git_tree_entry_byindex(tree, i);
		qsort(sorted, n, sizeof(*sorted), entry_qcmp);
	}
	for (i = 0; i < n; i++, prev = e) {
		e = sorted != NULL ? sorted[i] : git_tree_entry_byindex(tree, i);
		name = git_tree_entry_name(e);
		buf_truncate(&w->path, base);
		buf_puts(&w->path, name);
		if (prev != NULL && strcmp(git_tree_entry_name(prev), name) == 0) {
			warn_skip(w, "duplicate tree entry");
			continue;
		}
		if ((why = relpath_name_problem(name, strlen(name))) != NULL) {
			warn_skip(w, why);
			continue;
		}
		if (is_dotgit(name, strlen(name))) {
			warn_skip(w, "reserved name");
			continue;
		}
		switch (git_tree_entry_filemode(e)) {
		case GIT_FILEMODE_BLOB:
		case GIT_FILEMODE_BLOB_EXECUTABLE:
			rc = walk_blob(w, e);
			break;
		case GIT_FILEMODE_TREE:
			if (w->depth >= MAX_DEPTH) {
				warn_skip(w, "directory nested too deeply");
				break;
			}
			if (git_tree_lookup(&sub, w->s->repo,
			    git_tree_entry_id(e)) < 0) {
				rc = diag_err(w->d, "%s: cannot read tree: %s",
				    quote(&w->quoted, w->path.data), git_msg());
				break;
			}
			buf_putc(&w->path, '/');
			w->depth++;
			rc = walk_tree(w, sub);
			w->depth--;
			git_tree_free(sub);
			break;
		case GIT_FILEMODE_LINK:
			warn_skip(w, "symbolic link");
			break;
		case GIT_FILEMODE_COMMIT:
			warn_skip(w, "submodule");
			break;
		default:
			warn_skip(w, "not a regular file");
			break;
		}
		if (rc < 0)
			break;
	}
	buf_truncate(&w->path, base);
	free(sorted);
	return rc;
}

static int
walk_file(struct walk *w, int dirfd, const char *name)
{
	char oid[GIT_OID_HEXSZ + 1];
	struct stat st;
	int fd, rc;

	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP) {
			warn_skip(w, "symbolic link");
			return 0;
		}
		diag_err(w->d, "%s/%s: cannot open: %s", w->s->dir,
		    quote(&w->quoted, w->path.data), strerror(errno));
		return read_failed(w, "cannot be read");
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		warn_skip(w, "not a regular file");
		return 0;
	}
	if (read_fd(fd, &w->data) < 0) {
		rc = errno;
		close(fd);
		diag_err(w->d, "%s/%s: cannot read: %s", w->s->dir,
		    quote(&w->quoted, w->path.data), strerror(rc));
		return read_failed(w, "cannot be read");
	}
	close(fd);
	hash_blob(oid, w->data.data, w->data.len);
	return w->fn(w->arg, w->path.data, oid, w->data.data, w->data.len) < 0 ?
	    -1 : 0;
}

/* Walks the directory open at fd, which it closes. */
static int
walk_dir(struct walk *w, int fd)
{
	struct dent *ents = NULL;
	struct dirent *de;
	struct stat st;
	DIR *dp;
	size_t i, n = 0, cap = 0, base = w->path.len;
	const char *why;
	int sub, rc = 0;

	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return diag_err(w->d, "%s/%s: cannot read the directory: %s",
		    w->s->dir, quote(&w->quoted, w->path.data), strerror(errno));
	}
	for (;;) {
		errno = 0;
		if ((de = readdir(dp)) == NULL) {
			if (errno != 0) {
				rc = diag_err(w->d, "%s/%s: cannot read the "
				    "directory: %s", w->s->dir,
				    quote(&w->quoted, w->path.data),
				    strerror(errno));
				goto out;
			}
			break;
		}
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    is_dotgit(de->d_name, strlen(de->d_name)))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			ents = xreallocarray(ents, cap, sizeof(*ents));
		}
		ents[n].len = strlen(de->d_name);
		ents[n].name = xstrndup(de->d_name, ents[n].len);
		ents[n].type = de->d_type;
		if (ents[n].type == DT_UNKNOWN) {
			if (fstatat(dirfd(dp), de->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) < 0)
				ents[n].type = DT_UNKNOWN;
			else if (S_ISDIR(st.st_mode))
				ents[n].type = DT_DIR;
			else if (S_ISREG(st.st_mode))
				ents[n].type = DT_REG;
			else if (S_ISLNK(st.st_mode))
				ents[n].type = DT_LNK;
		}
		n++;
	}
	if (n > 1)
		qsort(ents, n, sizeof(*ents), dent_qcmp);
	for (i = 0; i < n && rc == 0; i++) {
		buf_truncate(&w->path, base);
		buf_put(&w->path, ents[i].name, ents[i].len);
		if ((why = relpath_name_problem(ents[i].name, ents[i].len)) != NULL) {
			warn_skip(w, why);
			continue;
		}
		switch (ents[i].type) {
		case DT_REG:
			rc = walk_file(w, dirfd(dp), ents[i].name);
			break;
		case DT_DIR:
			if (w->depth >= MAX_DEPTH) {
				warn_skip(w, "directory nested too deeply");
				break;
			}
			sub = openat(dirfd(dp), ents[i].name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0) {
				rc = diag_err(w->d, "%s/%s: cannot open: %s",
				    w->s->dir, quote(&w->quoted, w->path.data),
				    strerror(errno));
				break;
			}
			buf_putc(&w->path, '/');
			w->depth++;
			rc = walk_dir(w, sub);
			w->depth--;
			break;
		case DT_LNK:
			warn_skip(w, "symbolic link");
			break;
		default:
			warn_skip(w, "not a regular file");
			break;
		}
	}
out:
	buf_truncate(&w->path, base);
	for (i = 0; i < n; i++)
		free(ents[i].name);
	free(ents);
	closedir(dp);
	return rc;
}

/*
 * Opens the directory at path below the site root in worktree mode,
 * following no symbolic link.  Returns 0 with *fdp set, 1 when there is
 * no such directory (a symbolic link or a file there is warned about
 * when warn is set), -1 on error.
 */
static int
open_dir_at(struct walk *w, const char *path, bool warn, int *fdp)
{
	struct stat st;
	const char *p, *slash;
	char *name;
	int fd, next, err;

	*fdp = -1;
	if ((fd = dup(w->s->dirfd)) < 0)
		return diag_err(w->d, "%s: %s", w->s->dir, strerror(errno));
	for (p = path; *p != '\0'; p = slash != NULL ? slash + 1 : "") {
		slash = strchr(p, '/');
		name = slash != NULL ? xstrndup(p, (size_t)(slash - p)) :
		    xstrdup(p);
		next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		/* Linux says ENOTDIR for a link with O_DIRECTORY: look. */
		if (next < 0 && errno == ENOTDIR &&
		    fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(st.st_mode))
			errno = ELOOP;
		free(name);
		if (next < 0) {
			err = errno;
			close(fd);
			if (err == ENOENT)
				return 1;
			if (err == ELOOP || err == ENOTDIR) {
				if (warn)
					diag_warn(w->d, "%s: %s, skipped",
					    quote(&w->quoted, path),
					    err == ELOOP ? "symbolic link" :
					    "not a directory");
				return 1;
			}
			errno = err;
			return diag_err(w->d, "%s/%s: cannot open: %s",
			    w->s->dir, quote(&w->quoted, path),
			    strerror(errno));
		}
		close(fd);
		fd = next;
	}
	*fdp = fd;
	return 0;
}

int
source_walk(struct source *s, const char *prefix, source_fn fn, void *arg,
    struct diag *d)
{
	return source_walk_skips(s, prefix, fn, NULL, arg, d);
}

int
source_walk_skips(struct source *s, const char *prefix, source_fn fn,
    source_skip_fn skip, void *arg, struct diag *d)
{
	struct walk w;
	git_tree_entry *e = NULL;
	git_tree *tree = NULL;
	const char *why;
	int fd, rc = 0;

	memset(&w, 0, sizeof(w));
	w.s = s;
	w.fn = fn;
	w.skip = skip;
	w.arg = arg;
	w.d = d;
	buf_init(&w.path, 0);
	buf_init(&w.data, 0);
	buf_init(&w.quoted, 0);
	buf_puts(&w.path, prefix != NULL ? prefix : "");
	if (w.path.len > 0 && w.path.data[w.path.len - 1] == '/')
		buf_truncate(&w.path, w.path.len - 1);
	if (w.path.len > 0 &&
	    (why = relpath_problem(w.path.data)) != NULL) {
		rc = diag_err(d, "%s: unsafe path (%s)",
		    quote(&w.quoted, w.path.data), why);
		goto out;
	}
	if (has_dotgit(w.path.data))
		goto out;

	if (s->worktree) {
		if (w.path.len == 0)
			fd = dup(s->dirfd);
		else if ((rc = open_dir_at(&w, w.path.data, true, &fd)) != 0) {
			rc = rc < 0 ? -1 : 0;
			goto out;
		}
		if (fd < 0) {
			rc = diag_err(d, "%s: %s", s->dir, strerror(errno));
			goto out;
		}
		if (w.path.len > 0)
			buf_putc(&w.path, '/');
		rc = walk_dir(&w, fd);
		goto out;
	}

	if (w.path.len == 0)
		rc = walk_tree(&w, s->tree);
	else if (git_tree_entry_bypath(&e, s->tree, w.path.data) < 0)
		rc = 0;
	else if (git_tree_entry_filemode(e) != GIT_FILEMODE_TREE)
		diag_warn(d, "%s: %s, skipped", quote(&w.quoted, w.path.data),
		    git_tree_entry_filemode(e) == GIT_FILEMODE_LINK ?
		    "symbolic link" : "not a directory");
	else if (git_tree_lookup(&tree, s->repo, git_tree_entry_id(e)) < 0)
		rc = diag_err(d, "%s: cannot read tree: %s",
		    quote(&w.quoted, w.path.data), git_msg());
	else {
		buf_putc(&w.path, '/');
		rc = walk_tree(&w, tree);
	}
out:
	git_tree_free(tree);
	git_tree_entry_free(e);
	buf_release(&w.path);
	buf_release(&w.data);
	buf_release(&w.quoted);
	return w.unread ? -1 : rc;
}

static int
read_worktree(struct source *s, const char *path, struct buf *out, char *oid,
    struct diag *d)
{
	struct walk w;
	struct stat st;
	const char *slash, *name;
	char *dir;
	int dfd = -1, fd = -1, rc = -1;

	memset(&w, 0, sizeof(w));
	w.s = s;
	w.d = d;
	buf_init(&w.quoted, 0);
	slash = strrchr(path, '/');
	if (slash != NULL) {
		dir = xstrndup(path, (size_t)(slash - path));
		rc = open_dir_at(&w, dir, false, &dfd);
		free(dir);
		if (rc != 0)
			goto out;
		rc = -1;
		name = slash + 1;
	} else {
		name = path;
		dfd = s->dirfd;
	}
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			rc = 1;
		else if (errno == ELOOP)
			diag_err(d, "%s: is a symbolic link (not read)",
			    quote(&w.quoted, path));
		else
			diag_err(d, "%s/%s: cannot open: %s", s->dir,
			    quote(&w.quoted, path), strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		diag_err(d, "%s/%s: cannot read: %s", s->dir,
		    quote(&w.quoted, path), strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_err(d, "%s: %s", quote(&w.quoted, path),
		    S_ISDIR(st.st_mode) ? "is a directory" :
		    "not a regular file");
		goto out;
	}
	if (read_fd(fd, out) < 0) {
		diag_err(d, "%s/%s: cannot read: %s", s->dir,
		    quote(&w.quoted, path), strerror(errno));
		goto out;
	}
	if (out->over) {
		diag_err(d, "%s: larger than %zu bytes", quote(&w.quoted, path),
		    out->max);
		goto out;
	}
	if (oid != NULL)
		hash_blob(oid, out->data, out->len);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (dfd >= 0 && dfd != s->dirfd)
		close(dfd);
	buf_release(&w.quoted);
	return rc;
}

int
source_read(struct source *s, const char *path, struct buf *out, char *oid,
    struct diag *d)
{
	struct buf q = BUF_INIT;
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	const char *why;
	int rc = -1;

	buf_reset(out);
	if ((why = relpath_problem(path)) != NULL) {
		diag_err(d, "%s: unsafe path (%s)", quote(&q, path), why);
		goto out;
	}
	if (has_dotgit(path)) {
		rc = 1;
		goto out;
	}
	if (s->worktree) {
		rc = read_worktree(s, path, out, oid, d);
		goto out;
	}
	if (git_tree_entry_bypath(&e, s->tree, path) < 0) {
		rc = 1;
		goto out;
	}
	switch (git_tree_entry_filemode(e)) {
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		break;
	case GIT_FILEMODE_TREE:
		diag_err(d, "%s: is a directory", quote(&q, path));
		goto out;
	case GIT_FILEMODE_LINK:
		diag_err(d, "%s: is a symbolic link (not read)",
		    quote(&q, path));
		goto out;
	case GIT_FILEMODE_COMMIT:
		diag_err(d, "%s: is a submodule (not read)", quote(&q, path));
		goto out;
	default:
		diag_err(d, "%s: not a regular file", quote(&q, path));
		goto out;
	}
	if (git_blob_lookup(&blob, s->repo, git_tree_entry_id(e)) < 0) {
		diag_err(d, "%s: cannot read blob: %s", quote(&q, path),
		    git_msg());
		goto out;
	}
	buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	if (out->over) {
		diag_err(d, "%s: larger than %zu bytes", quote(&q, path),
		    out->max);
		goto out;
	}
	if (oid != NULL)
		git_oid_tostr(oid, GIT_OID_HEXSZ + 1, git_tree_entry_id(e));
	rc = 0;
out:
	git_blob_free(blob);
	git_tree_entry_free(e);
	buf_release(&q);
	return rc;
}

int
source_tree_id(struct source *s, const char *path, char *oid_out)
{
	git_tree_entry *e = NULL;
	char *p;
	size_t n;
	int rc;

	if (s->worktree)
		return 1;
	if (path == NULL || *path == '\0') {
		git_oid_tostr(oid_out, GIT_OID_HEXSZ + 1, git_tree_id(s->tree));
		return 0;
	}
	n = strlen(path);
	p = xstrndup(path, path[n - 1] == '/' ? n - 1 : n);
	if (relpath_problem(p) != NULL)
		rc = -1;
	else if ((rc = git_tree_entry_bypath(&e, s->tree, p)) < 0)
		rc = rc == GIT_ENOTFOUND ? 1 : -1;
	else if (git_tree_entry_filemode(e) != GIT_FILEMODE_TREE)
		rc = 1;
	else
		git_oid_tostr(oid_out, GIT_OID_HEXSZ + 1, git_tree_entry_id(e));
	git_tree_entry_free(e);
	free(p);
	return rc;
}

/* The path of a status entry, relative to the work tree. */
static const char *
status_path(const git_status_entry *se)
{
	const git_diff_delta *dd;

	dd = se->index_to_workdir != NULL ? se->index_to_workdir :
	    se->head_to_index;
	if (dd == NULL)
		return NULL;
	return dd->new_file.path != NULL ? dd->new_file.path :
	    dd->old_file.path;
}

void
source_warn_dirty(struct source *s, struct diag *d)
{
	git_status_options opts;
	git_status_list *list = NULL;
	git_tree *root = NULL;
	const git_status_entry *se;
	struct buf q = BUF_INIT;
	char *spec[3] = { NULL, NULL, NULL };
	const char *first = NULL, *p;
	git_oid head;
	size_t i, n, dirty = 0, sublen;

	if (s->worktree || s->warned || git_repository_is_bare(s->repo))
		return;
	s->warned = true;
	if (git_reference_name_to_id(&head, s->repo, "HEAD") < 0 ||
	    !git_oid_equal(&head, git_commit_id(s->commit)))
		return;
	if (git_commit_tree(&root, s->commit) < 0) {
		diag_warn(d, "%s: cannot check for uncommitted changes: %s",
		    s->dir, git_msg());
		goto out;
	}
	sublen = strlen(s->sub);
	spec[0] = xmalloc(sublen + sizeof("site.conf"));
	spec[1] = xmalloc(sublen + sizeof("content"));
	spec[2] = xmalloc(sublen + sizeof("templates"));
	memcpy(spec[0], s->sub, sublen);
	memcpy(spec[0] + sublen, "site.conf", sizeof("site.conf"));
	memcpy(spec[1], s->sub, sublen);
	memcpy(spec[1] + sublen, "content", sizeof("content"));
	memcpy(spec[2], s->sub, sublen);
	memcpy(spec[2] + sublen, "templates", sizeof("templates"));

	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_EXCLUDE_SUBMODULES |
	    GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH |
	    GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
	opts.pathspec.strings = spec;
	opts.pathspec.count = 3;
	opts.baseline = root;
	if (git_status_list_new(&list, s->repo, &opts) < 0) {
		diag_warn(d, "%s: cannot check for uncommitted changes: %s",
		    s->dir, git_msg());
		goto out;
	}
	n = git_status_list_entrycount(list);
	for (i = 0; i < n; i++) {
		se = git_status_byindex(list, i);
		if (se == NULL || se->status == GIT_STATUS_CURRENT ||
		    (se->status & GIT_STATUS_IGNORED) != 0)
			continue;
		if ((p = status_path(se)) == NULL)
			continue;
		if (first == NULL)
			first = strncmp(p, s->sub, sublen) == 0 ? p + sublen : p;
		dirty++;
	}
	if (dirty == 1)
		diag_warn(d, "%s has uncommitted changes; building the commit "
		    "%.7s without them (--worktree builds the files on disk)",
		    quote(&q, first), s->commit_id);
	else if (dirty > 1)
		diag_warn(d, "%s and %zu other paths have uncommitted changes; "
		    "building the commit %.7s without them (--worktree builds "
		    "the files on disk)", quote(&q, first), dirty - 1,
		    s->commit_id);
out:
	git_status_list_free(list);
	git_tree_free(root);
	for (i = 0; i < 3; i++)
		free(spec[i]);
	buf_release(&q);
}
