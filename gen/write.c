/*
 * write.c - staging directory, lock and atomic swap of the output.
 *
 * Paths written in a build go into a hash set (open addressing, one
 * mutex), so a duplicate is found in O(1) however large the site; the
 * directories made in staging go into a second set, so each is created
 * and checked once.  The file itself is opened and written outside the
 * mutex.  Where the kernel has openat2(2), files are opened with
 * RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, so no link anywhere in the path
 * is followed; elsewhere each directory is checked with fstatat when it
 * is first made and the file is opened with O_NOFOLLOW | O_EXCL.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(__linux__) && defined(__has_include)
#if __has_include(<linux/openat2.h>) && defined(SYS_openat2)
#include <linux/openat2.h>
#define HAVE_OPENAT2 1
#endif
#endif

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

#include "fs.h"
#include "hash.h"
#include "json.h"
#include "relpath.h"
#include "source.h"
#include "write.h"

#define LEFTOVER_STAGING	1
#define LEFTOVER_OLD		2
#define LEFTOVER_TMP		3

#define SLOT_KEYED	1		/* key is set */
#define SLOT_KEPT	2		/* kept from the previous build */

struct slot {
	const char	*s;		/* NULL: empty */
	size_t		 len;
	uint64_t	 hash;
	struct okey	 key;		/* files: what the file is made from */
	unsigned	 flags;		/* files: SLOT_* */
};

struct set {
	struct slot	*slot;
	size_t		 cap;		/* a power of two, or 0 */
	size_t		 n;
};

struct writer {
	pthread_mutex_t	 mu;		/* guards files, dirs, made, arena */
	struct set	 files;		/* paths written or kept */
	struct set	 dirs;		/* directories of those paths */
	struct set	 made;		/* directories made in staging */
	struct arena	 arena;		/* the strings of the sets */
	struct set	 old;		/* the previous build's manifest */
	struct set	 dirs_old;	/* directories of the files that go */
	char		*oldtext;	/* its text, which old points into */
	bool		 update;	/* apply by files (old manifest read) */
	bool		 manifest;	/* write one */
	char		*stamp;		/* for the new manifest, or NULL */
	char		*oldstamp;	/* the previous manifest's, or NULL */
	bool		 have_old;	/* there is a previous manifest */
	bool		 loaded;	/* ... and it is in old (or damaged) */
	unsigned	 nput, nkept, ndeleted;
	char		*out;		/* the output directory, absolute */
	char		*parent;	/* its parent directory */
	char		*name;		/* its last component */
	char		*lockpath;
	char		*staging;	/* NULL once renamed or removed */
	int		 lockfd;
	int		 stagefd;
	bool		 locked;	/* lockfd holds the lock */
	bool		 incremental;	/* keep files, apply by journal */
	bool		 dry_run;	/* check and count, write nothing */
	bool		 no_exchange;
	bool		 openat2;	/* openat2(2) with RESOLVE_* works */
	bool		 chmod;		/* the umask strips bits of 0644/0755 */
};

static uint64_t
hash_str(const char *s, size_t n)
{
	uint64_t h = hash_bytes(s, n);

	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 32;
	return h;
}

/* The slot holding s, or the empty slot where it would go. */
static struct slot *
set_slot(const struct set *t, const char *s, size_t n, uint64_t h)
{
	struct slot *e;
	size_t i, mask = t->cap - 1;

	for (i = (size_t)h & mask;; i = (i + 1) & mask) {
		e = &t->slot[i];
		if (e->s == NULL || (e->hash == h && e->len == n &&
		    memcmp(e->s, s, n) == 0))
			return e;
	}
}

static bool
set_has(const struct set *t, const char *s, size_t n)
{
	if (t->cap == 0)
		return false;
	return set_slot(t, s, n, hash_str(s, n))->s != NULL;
}

/*
 * Adds s (copied into a, or borrowed when a is NULL); returns its slot,
 * or NULL if it was there already.
 */
static struct slot *
set_add(struct set *t, struct arena *a, const char *s, size_t n)
{
	struct slot *old = t->slot, *e;
	size_t i, oldcap = t->cap;
	uint64_t h = hash_str(s, n);

	if ((t->n + 1) * 4 > t->cap * 3) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->slot = xcalloc(t->cap, sizeof(*t->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i].s != NULL)
				*set_slot(t, old[i].s, old[i].len,
				    old[i].hash) = old[i];
		free(old);
	}
	e = set_slot(t, s, n, h);
	if (e->s != NULL)
		return NULL;
	e->s = a != NULL ? arena_strndup(a, s, n) : s;
	e->len = n;
	e->hash = h;
	t->n++;
	return e;
}

/* The slot of s, or NULL. */
static const struct slot *
set_get(const struct set *t, const char *s, size_t n)
{
	const struct slot *e;

	if (t->cap == 0)
		return NULL;
	e = set_slot(t, s, n, hash_str(s, n));
	return e->s != NULL ? e : NULL;
}

/* s with control characters and backslashes escaped, for messages. */
static const char *
quote(struct buf *b, const char *s)
{
	buf_reset(b);
	return buf_put_quoted(b, s);
}

/*
 * Whether name is ".<out>.staging-XXXXXX" or ".<out>.old-XXXXXX" (six
 * characters of mkdtemp), or a temporary file of a build beside the
 * output, ".<out>.<anything>.tmp" or ".<out>.journal-tmp" (the
 * verification results being saved, the journal being written): returns
 * LEFTOVER_STAGING, LEFTOVER_OLD, LEFTOVER_TMP or 0.
 */
static int
leftover(const char *name, const char *out)
{
	size_t n = strlen(out), i, len;
	const char *rest;
	int kind;

	if (name[0] != '.' || strncmp(name + 1, out, n) != 0)
		return 0;
	rest = name + 1 + n;
	len = strlen(rest);
	if (strcmp(rest, ".journal-tmp") == 0 || (len > 5 && rest[0] == '.' &&
	    strcmp(rest + len - 4, ".tmp") == 0 && rest[len - 5] != '.'))
		return LEFTOVER_TMP;
	if (strncmp(rest, ".staging-", 9) == 0) {
		kind = LEFTOVER_STAGING;
		rest += 9;
	} else if (strncmp(rest, ".old-", 5) == 0) {
		kind = LEFTOVER_OLD;
		rest += 5;
	} else
		return 0;
	for (i = 0; i < 6; i++)
		if (!((rest[i] >= 'a' && rest[i] <= 'z') ||
		    (rest[i] >= 'A' && rest[i] <= 'Z') ||
		    (rest[i] >= '0' && rest[i] <= '9')))
			return 0;
	return rest[6] == '\0' ? kind : 0;
}

/*
 * Removes name (relative to dirfd) and everything below it, following
 * no symbolic link and going on after errors.  Returns 0, or -1 with
 * errno set to the first error.
 */
static int
rm_tree(int at, const char *name)
{
	struct dirent *de;
	DIR *dp;
	int fd, rc = 0, first = 0;

	if (unlinkat(at, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0)
		return -1;
	if ((dp = fdopendir(fd)) == NULL) {
		first = errno;
		close(fd);
		errno = first;
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (rm_tree(dirfd(dp), de->d_name) < 0 && first == 0)
			first = errno;
	}
	closedir(dp);
	if (unlinkat(at, name, AT_REMOVEDIR) < 0 && first == 0)
		first = errno;
	if (first != 0) {
		errno = first;
		rc = -1;
	}
	return rc;
}

/* Whether inner is dir or below it (both absolute and resolved). */
static bool
is_within(const char *inner, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return true;
	return strncmp(inner, dir, n) == 0 &&
	    (inner[n] == '\0' || inner[n] == '/');
}

/*
 * Sets w->out, w->parent and w->name from out_dir, making the missing
 * directories above it when mkdirs is set.
 */
static int
resolve(struct writer *w, const char *out_dir, bool mkdirs, struct diag *d)
{
	struct stat st, pst;
	char *copy, *slash, *par = NULL, *cwd = NULL, *real = NULL;
	const char *name, *parent;
	struct buf b = BUF_INIT;
	size_t n;
	int rc = -1;

	if (out_dir == NULL || *out_dir == '\0')
		return diag_err(d, "the output directory is an empty path");
	copy = xstrdup(out_dir);
	n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	if (lstat(copy, &st) == 0) {
		if (S_ISLNK(st.st_mode) && stat(copy, &st) < 0) {
			diag_err(d, "%s: symbolic link to nowhere: %s", out_dir,
			    strerror(errno));
			goto out;
		}
		if (!S_ISDIR(st.st_mode)) {
			diag_err(d, "%s: exists and is not a directory; "
			    "refusing to replace it", out_dir);
			goto out;
		}
		if ((real = realpath(copy, NULL)) == NULL) {
			diag_err(d, "%s: %s", out_dir, strerror(errno));
			goto out;
		}
	} else if (errno != ENOENT) {
		diag_err(d, "%s: %s", out_dir, strerror(errno));
		goto out;
	} else {
		slash = strrchr(copy, '/');
		name = slash != NULL ? slash + 1 : copy;
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
			diag_err(d, "%s: %s", out_dir, strerror(ENOENT));
			goto out;
		}
		if (slash == copy)
			parent = "/";
		else if (slash != NULL) {
			*slash = '\0';
			parent = copy;
		} else
			parent = ".";
		if (mkdirs && fs_mkdir_p(parent, 0755, d) < 0)
			goto out;
		if ((par = realpath(parent, NULL)) == NULL) {
			if (mkdirs) {
				diag_err(d, "%s: cannot resolve the directory "
				    "%s: %s", out_dir, parent, strerror(errno));
				goto out;
			}
			par = xstrdup(parent);	/* a dry run: as given */
		}
		buf_printf(&b, "%s/%s", strcmp(par, "/") == 0 ? "" : par, name);
		real = buf_detach(&b, NULL);
	}
	if (strcmp(real, "/") == 0) {
		diag_err(d, "%s: refusing to replace the root directory",
		    out_dir);
		goto out;
	}
	if ((cwd = getcwd(NULL, 0)) != NULL && is_within(cwd, real)) {
		diag_err(d, "%s: refusing to replace the current directory or "
		    "one of its parents", out_dir);
		goto out;
	}
	slash = strrchr(real, '/');
	w->out = real;
	w->name = xstrdup(slash + 1);
	w->parent = slash == real ? xstrdup("/") :
	    xstrndup(real, (size_t)(slash - real));
	real = NULL;
	if (stat(w->out, &st) == 0 && stat(w->parent, &pst) == 0 &&
	    st.st_dev != pst.st_dev) {
		diag_err(d, "%s: is a mount point, which cannot be replaced; "
		    "use a directory inside it", out_dir);
		goto out;
	}
	rc = 0;
out:
	free(copy);
	free(par);
	free(cwd);
	free(real);
	buf_release(&b);
	return rc;
}

/* Sleeps ms milliseconds. */
static void
nap(unsigned ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		continue;
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Reads the process id that the holder of the lock wrote into the file. */
static void
holder(int fd, char *pid, size_t size)
{
	ssize_t n;
	size_t i;

	n = pread(fd, pid, size - 1, 0);
	pid[n > 0 ? n : 0] = '\0';
	for (i = 0; pid[i] >= '0' && pid[i] <= '9'; i++)
		continue;
	pid[i] = '\0';
}

/* Takes the lock "<out>.lock", waiting up to wait_ms. */
static int
take_lock(struct writer *w, unsigned wait_ms, struct diag *d)
{
	struct buf b = BUF_INIT;
	char pid[32];
	uint64_t start;
	int fd;

	buf_printf(&b, "%s.lock", w->out);
	w->lockpath = buf_detach(&b, NULL);
	fd = open(w->lockpath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return diag_err(d, "%s: cannot open the lock file: %s",
		    w->lockpath, strerror(errno));
	w->lockfd = fd;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		goto locked;
	if (errno != EWOULDBLOCK)
		return diag_err(d, "%s: cannot lock: %s", w->lockpath,
		    strerror(errno));
	holder(fd, pid, sizeof(pid));
	if (wait_ms == 0)
		return diag_err(d, "%s: another build (process %s) holds the "
		    "lock", w->lockpath, *pid != '\0' ? pid : "unknown");
	diag_note(d, "waiting for the lock on %s (another build, process %s, "
	    "is writing %s)", w->lockpath, *pid != '\0' ? pid : "unknown",
	    w->out);
	start = now_ms();
	for (;;) {
		nap(wait_ms < 100 ? wait_ms : 100);
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			goto locked;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return diag_err(d, "%s: cannot lock: %s", w->lockpath,
			    strerror(errno));
		if (now_ms() - start >= wait_ms) {
			holder(fd, pid, sizeof(pid));
			return diag_err(d, "%s: gave up waiting for the lock "
			    "after %u.%03u s (process %s still holds it)",
			    w->lockpath, wait_ms / 1000, wait_ms % 1000,
			    *pid != '\0' ? pid : "unknown");
		}
	}
locked:
	w->locked = true;
	snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, strlen(pid), 0) < 0)
		diag_warn(d, "%s: cannot write the process id: %s",
		    w->lockpath, strerror(errno));
	return 0;
}

/* The names of the leftovers of kind (0: both) in the parent, sorted. */
static char **
leftovers(const struct writer *w, int kind, size_t *countp)
{
	struct dirent *de;
	char **v = NULL;
	size_t n = 0;
	DIR *dp;
	int k;

	*countp = 0;
	if ((dp = opendir(w->parent)) == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		if ((k = leftover(de->d_name, w->name)) == 0 ||
		    (kind != 0 && k != kind))
			continue;
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	*countp = n;
	return v;
}

static int
str_qcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
slot_qcmp(const void *a, const void *b)
{
	return strcmp((*(const struct slot *const *)a)->s,
	    (*(const struct slot *const *)b)->s);
}

static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * A crash between the two renames of writer_commit leaves no output
 * directory and the previous site in ".<name>.old-XXXXXX": puts it back.
 */
static void
recover(struct writer *w, struct diag *d)
{
	struct buf b = BUF_INIT;
	struct stat st;
	char **v;
	size_t i, n;

	if (lstat(w->out, &st) == 0 || errno != ENOENT)
		return;
	if ((v = leftovers(w, LEFTOVER_OLD, &n)) == NULL)
		return;
	qsort(v, n, sizeof(*v), str_qcmp);
	for (i = 0; i < n; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s/%s", w->parent, v[i]);
		if (lstat(b.data, &st) == 0 && S_ISDIR(st.st_mode) &&
		    rename(b.data, w->out) == 0) {
			diag_note(d, "%s: restored the previous site from %s, "
			    "left by an interrupted build", w->out, v[i]);
			break;
		}
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	buf_release(&b);
}

#ifdef HAVE_OPENAT2
static int
openat2_beneath(int dirfd, const char *path, int flags, mode_t mode)
{
	struct open_how how;

	memset(&how, 0, sizeof(how));
	how.flags = (uint64_t)flags;
	how.mode = mode;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
	return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
}
#endif

/* Finds out what the staging directory's file system and umask allow. */
static void
probe(struct writer *w)
{
	struct stat st;
	int fd;

#ifdef HAVE_OPENAT2
	fd = openat2_beneath(w->stagefd, ".", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC, 0);
	if (fd >= 0) {
		w->openat2 = true;
		close(fd);
	}
#endif
	w->chmod = true;
	fd = openat(w->stagefd, ".probe", O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0644)
		w->chmod = false;
	close(fd);
	unlinkat(w->stagefd, ".probe", 0);
}

static void	 clean(struct writer *, struct diag *);

/* Reads the file at path (relative to at, not through a link) into b. */
static int
read_at(int at, const char *path, struct buf *b)
{
	char chunk[65536];
	ssize_t n;
	int fd;

	fd = openat(at, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = errno;
			close(fd);
			errno = (int)n;
			return -1;
		}
		buf_put(b, chunk, (size_t)n);
	}
	close(fd);
	return 0;
}

/* Writes len bytes to a new file path relative to at (replaced if there). */
static int
write_at(int at, const char *path, const void *data, size_t len, bool chmod_)
{
	int fd, err;

	fd = openat(at, path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) < 0 || (chmod_ && fchmod(fd, 0644) < 0)) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return close(fd);
}

#define MANIFEST_HEAD	"badgegen-manifest 1\n"

/*
 * Reads the head of the manifest of the site in the output directory:
 * whether there is one of this version, and its stamp.  The rest waits
 * for load_old, as a build that finds nothing to do needs only this.
 */
static void
read_manifest_head(struct writer *w, struct diag *d)
{
	char head[4096], *nl;
	ssize_t n;
	int outfd, fd;

	outfd = open(w->out, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (outfd < 0)
		return;
	fd = openat(outfd, MANIFEST_PATH, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	close(outfd);
	if (fd < 0) {
		if (errno != ENOENT)
			diag_warn(d, "%s/%s: %s; making every file", w->out,
			    MANIFEST_PATH, strerror(errno));
		return;
	}
	n = pread(fd, head, sizeof(head) - 1, 0);
	close(fd);
	head[n > 0 ? n : 0] = '\0';
	if (strncmp(head, MANIFEST_HEAD, sizeof(MANIFEST_HEAD) - 1) != 0) {
		diag_warn(d, "%s/%s:1: not a manifest of this version of "
		    "badgegen; making every file", w->out, MANIFEST_PATH);
		return;
	}
	w->have_old = true;
	nl = strchr(head + sizeof(MANIFEST_HEAD) - 1, '\n');
	if (strncmp(head + sizeof(MANIFEST_HEAD) - 1, "stamp ", 6) == 0 &&
	    nl != NULL)
		w->oldstamp = xstrndup(head + sizeof(MANIFEST_HEAD) - 1 + 6,
		    (size_t)(nl - head) - (sizeof(MANIFEST_HEAD) - 1 + 6));
}

/*
 * Reads the manifest of the site in the output directory into w->old,
 * once: lines "<32 hex digits> <path>", or "- <path>" for a file
 * without a key.  A damaged one (a warning) leaves w->old empty: the
 * build then makes every file and swaps the whole site.  Called with the
 * mutex held, or before threads.
 */
static void
load_old(struct writer *w, struct diag *d)
{
	struct buf b = BUF_INIT;
	struct slot *e;
	char *p, *nl, *path;
	size_t line = 1, i;
	int outfd, hi, lo;

	if (w->loaded || !w->have_old)
		return;
	w->loaded = true;
	outfd = open(w->out, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (outfd < 0)
		return;
	if (read_at(outfd, MANIFEST_PATH, &b) < 0) {
		diag_warn(d, "%s/%s: %s; making every file", w->out,
		    MANIFEST_PATH, strerror(errno));
		goto out;
	}
	buf_putc(&b, '\0');
	if (strncmp(b.data, MANIFEST_HEAD, sizeof(MANIFEST_HEAD) - 1) != 0)
		goto bad;
	w->oldtext = buf_detach(&b, NULL);
	p = w->oldtext + sizeof(MANIFEST_HEAD) - 1;
	if (strncmp(p, "stamp ", 6) == 0 && (nl = strchr(p, '\n')) != NULL) {
		p = nl + 1;
		line++;
	}
	for (; *p != '\0'; p = nl + 1) {
		line++;
		if ((nl = strchr(p, '\n')) == NULL)
			goto bad;
		*nl = '\0';
		if (p[0] == '-' && p[1] == ' ')
			path = p + 2;
		else if (nl - p > 2 * OKEY_LEN + 1 && p[2 * OKEY_LEN] == ' ')
			path = p + 2 * OKEY_LEN + 1;
		else
			goto bad;
		if (relpath_problem(path) != NULL ||
		    (e = set_add(&w->old, NULL, path, (size_t)(nl - path))) ==
		    NULL)
			goto bad;
		if (*p == '-')
			continue;
		for (i = 0; i < OKEY_LEN; i++) {
			if ((hi = hex_value(p[2 * i])) < 0 ||
			    (lo = hex_value(p[2 * i + 1])) < 0)
				goto bad;
			e->key.b[i] = (unsigned char)(hi << 4 | lo);
		}
		e->flags = SLOT_KEYED;
	}
	w->update = w->incremental;
	goto out;
bad:
	diag_warn(d, "%s/%s:%zu: damaged line; making every file", w->out,
	    MANIFEST_PATH, line);
	free(w->old.slot);
	memset(&w->old, 0, sizeof(w->old));
out:
	close(outfd);
	buf_release(&b);
}

/* The manifest of this build's files, sorted by path. */
static void
format_manifest(struct writer *w, struct buf *b)
{
	const struct slot **v;
	char hex[2 * OKEY_LEN + 1];
	size_t i, n = 0;

	v = xcalloc(w->files.n + 1, sizeof(*v));
	for (i = 0; i < w->files.cap; i++)
		if (w->files.slot[i].s != NULL)
			v[n++] = &w->files.slot[i];
	qsort(v, n, sizeof(*v), slot_qcmp);
	buf_puts(b, MANIFEST_HEAD);
	if (w->stamp != NULL)
		buf_printf(b, "stamp %s\n", w->stamp);
	for (i = 0; i < n; i++) {
		if (v[i]->flags & SLOT_KEYED) {
			hex_encode(hex, v[i]->key.b, OKEY_LEN);
			buf_put(b, hex, 2 * OKEY_LEN);
		} else
			buf_putc(b, '-');
		buf_putc(b, ' ');
		buf_put(b, v[i]->s, v[i]->len);
		buf_putc(b, '\n');
	}
	free(v);
}

/*
 * An open directory below a root, by the directory part of a path: the
 * last one is kept open, as the paths of a journal come sorted.
 */
struct pdir {
	int		 root;
	int		 fd;		/* -1: none open */
	struct buf	 dir;		/* the directory part of fd's path */
	bool		 chmod;		/* make new directories 0755 by hand */
};

static void
pdir_init(struct pdir *c, int root, bool chmod_)
{
	c->root = root;
	c->fd = -1;
	buf_init(&c->dir, 0);
	c->chmod = chmod_;
}

static void
pdir_close(struct pdir *c)
{
	if (c->fd >= 0 && c->fd != c->root)
		close(c->fd);
	c->fd = -1;
}

/*
 * The directory holding path, opened component by component without
 * following a symbolic link, its missing directories made (0755) when
 * create is set; *base is set to the last component.  Returns its
 * descriptor (owned by c), or -1 with errno set.
 */
static int
pdir_open(struct pdir *c, const char *path, bool create, const char **base)
{
	const char *slash = strrchr(path, '/'), *p, *q;
	size_t n = slash != NULL ? (size_t)(slash - path) : 0;
	char *comp;
	int cur, next, err;

	*base = slash != NULL ? slash + 1 : path;
	if (c->fd >= 0 && c->dir.len == n && (n == 0 ||
	    memcmp(c->dir.data, path, n) == 0))
		return c->fd;
	pdir_close(c);
	buf_reset(&c->dir);
	if (n == 0) {
		c->fd = c->root;
		return c->fd;
	}
	cur = c->root;
	for (p = path; p < path + n; p = q + 1) {
		if ((q = memchr(p, '/', (size_t)(path + n - p))) == NULL)
			q = path + n;
		comp = xstrndup(p, (size_t)(q - p));
		next = openat(cur, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (next < 0 && errno == ENOENT && create) {
			if (mkdirat(cur, comp, 0755) == 0 && c->chmod)
				fchmodat(cur, comp, 0755, 0);
			next = openat(cur, comp, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
		}
		err = errno;
		free(comp);
		if (cur != c->root)
			close(cur);
		if (next < 0) {
			errno = err;
			return -1;
		}
		cur = next;
	}
	c->fd = cur;
	buf_put(&c->dir, path, n);
	return c->fd;
}

static void
pdir_release(struct pdir *c)
{
	if (c == NULL)
		return;
	pdir_close(c);
	buf_release(&c->dir);
}

#define JOURNAL_HEAD	"badgegen-journal 1\n"

/* "<parent>/.<name><suffix>", in b. */
static const char *
beside(struct writer *w, struct buf *b, const char *suffix)
{
	buf_reset(b);
	buf_printf(b, "%s/.%s%s", strcmp(w->parent, "/") == 0 ? "" :
	    w->parent, w->name, suffix);
	return b->data;
}

/*
 * The next line of a journal from *pp, NUL-terminated in place (the
 * text is changed), or NULL at the end.
 */
static char *
journal_line(char **pp)
{
	char *p = *pp, *nl;

	if (*p == '\0' || (nl = strchr(p, '\n')) == NULL)
		return NULL;
	*nl = '\0';
	*pp = nl + 1;
	return p;
}

/* One step of a journal. */
struct jop {
	bool		 del;		/* "del", else "put" */
	char		*path;		/* in the journal's text */
};

/*
 * Removes the directories that the removal of files ops[0..n) (all
 * "del") left empty, deepest first.
 */
static void
remove_empty_dirs(struct pdir *oc, struct jop *ops, size_t n)
{
	const char *base;
	size_t i, k;
	int fd;

	for (i = n; i-- > 0;)
		for (k = strlen(ops[i].path); k-- > 0;) {
			if (ops[i].path[k] != '/')
				continue;
			ops[i].path[k] = '\0';
			fd = pdir_open(oc, ops[i].path, false, &base);
			if (fd < 0 || unlinkat(fd, base, AT_REMOVEDIR) < 0) {
				ops[i].path[k] = '/';
				break;
			}
			pdir_close(oc);
			ops[i].path[k] = '/';
		}
	pdir_close(oc);
}

/*
 * Applies a journal (its text, changed in place): "staging <name>",
 * then "put <path>" and "del <path>" lines in the order to apply them,
 * and "end".  It is checked whole first; then, in order, each "put" file
 * is renamed from the staging directory into the output, making its
 * directories, and each "del" file of the output is removed, and after
 * a run of them the directories they leave empty.  Every step may have
 * been done before (a journal is applied again after an interruption):
 * a file already gone or already moved is skipped.  Returns 0, or -1
 * after reporting a damaged journal or the files it could not put in
 * place.
 */
static int
replay(struct writer *w, char *text, struct diag *d)
{
	struct buf b = BUF_INIT, q = BUF_INIT;
	struct pdir oc, sc;
	struct stat st;
	struct jop *ops = NULL;
	char *p, *line, *stage = NULL;
	const char *base, *sbase, *why = NULL;
	size_t nops = 0, i, run;
	int outfd = -1, stagefd = -1, fd, sfd, rc = -1;
	bool end = false;

	if (strncmp(text, JOURNAL_HEAD, sizeof(JOURNAL_HEAD) - 1) != 0) {
		diag_err(d, "%s: not a journal of this version of badgegen",
		    beside(w, &b, ".journal"));
		goto out;
	}
	/* The whole journal first: nothing is done with a damaged one. */
	p = text + sizeof(JOURNAL_HEAD) - 1;
	while (why == NULL && !end && (line = journal_line(&p)) != NULL) {
		if (strncmp(line, "staging ", 8) == 0 && stage == NULL) {
			stage = line + 8;
			if (leftover(stage, w->name) != LEFTOVER_STAGING)
				why = "not a staging directory of this output";
		} else if (stage != NULL && (strncmp(line, "del ", 4) == 0 ||
		    strncmp(line, "put ", 4) == 0)) {
			why = relpath_problem(line + 4);
			ops = xreallocarray(ops, nops + 1, sizeof(*ops));
			ops[nops].del = line[0] == 'd';
			ops[nops++].path = line + 4;
		} else if (strcmp(line, "end") == 0)
			end = true;
		else
			why = "unknown line";
	}
	if (why == NULL && (!end || stage == NULL))
		why = "incomplete";
	if (why != NULL) {
		diag_err(d, "%s: damaged or incomplete journal (%s)",
		    beside(w, &b, ".journal"), why);
		goto out;
	}
	buf_reset(&b);
	buf_printf(&b, "%s/%s", w->parent, stage);
	stagefd = open(b.data, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	outfd = open(w->out, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (outfd < 0) {
		diag_err(d, "%s: %s", w->out, strerror(errno));
		goto out;
	}
	pdir_init(&oc, outfd, w->chmod);
	pdir_init(&sc, stagefd, false);

	rc = 0;
	for (i = 0; i < nops; i++) {
		if (ops[i].del) {
			for (run = i; i < nops && ops[i].del; i++)
				if ((fd = pdir_open(&oc, ops[i].path, false,
				    &base)) >= 0 && unlinkat(fd, base, 0) < 0 &&
				    errno != ENOENT)
					diag_warn(d, "%s/%s: cannot remove: %s",
					    w->out, quote(&q, ops[i].path),
					    strerror(errno));
			pdir_close(&oc);
			remove_empty_dirs(&oc, ops + run, i - run);
			if (i == nops)
				break;
		}
		sfd = stagefd >= 0 ? pdir_open(&sc, ops[i].path, false,
		    &sbase) : -1;
		fd = pdir_open(&oc, ops[i].path, true, &base);
		if (fd >= 0 && sfd >= 0 && renameat(sfd, sbase, fd, base) == 0)
			continue;
		if (fd >= 0 && (sfd < 0 || errno == ENOENT) && fstatat(fd, base,
		    &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
			continue;	/* moved before */
		diag_err(d, "%s/%s: cannot put the new file in place: %s",
		    w->out, quote(&q, ops[i].path), fd < 0 ? "a directory of "
		    "its path is a file or a symbolic link" : errno == EISDIR ||
		    errno == ENOTEMPTY || errno == EEXIST ? "a directory is "
		    "in the way" : strerror(errno));
		rc = -1;
	}
out:
	if (outfd >= 0) {
		pdir_release(&oc);
		pdir_release(&sc);
		close(outfd);
	}
	if (stagefd >= 0)
		close(stagefd);
	free(ops);
	buf_release(&b);
	buf_release(&q);
	return rc;
}

/*
 * Completes the journal an interrupted build left, if any, and removes
 * it.  When it cannot be completed: with fail set, an error; else a
 * warning, and the journal is dropped (the whole site is replaced).
 */
static int
finish_journal(struct writer *w, bool fail, struct diag *d)
{
	struct buf path = BUF_INIT, text = BUF_INIT, tmp = BUF_INIT;
	int rc = 0;

	unlink(beside(w, &tmp, ".journal-tmp"));
	if (read_at(AT_FDCWD, beside(w, &path, ".journal"), &text) < 0) {
		if (errno != ENOENT)
			rc = diag_err(d, "%s: %s", path.data, strerror(errno));
		goto out;
	}
	buf_putc(&text, '\0');
	if (replay(w, text.data, d) == 0) {
		diag_note(d, "%s: completed the update of the site that an "
		    "interrupted build left", w->out);
		unlink(path.data);
		clean(w, d);
	} else if (fail) {
		rc = diag_err(d, "%s: the site is partly updated and the rest "
		    "cannot be applied (above); fix that and build again, or "
		    "build with --full to replace the whole site", w->out);
	} else {
		diag_warn(d, "%s: dropped an update that cannot be applied; "
		    "the whole site is replaced", w->out);
		unlink(path.data);
	}
out:
	buf_release(&path);
	buf_release(&text);
	buf_release(&tmp);
	return rc;
}

int
writer_open(struct writer **out, const char *out_dir, struct diag *d)
{
	return writer_open_opts(out, out_dir, NULL, d);
}

int
writer_open_opts(struct writer **out, const char *out_dir,
    const struct writer_opts *o, struct diag *d)
{
	struct diag quiet = DIAG_INIT;
	struct writer *w;
	struct buf b = BUF_INIT;
	int rc = -1;

	*out = NULL;
	w = xcalloc(1, sizeof(*w));
	pthread_mutex_init(&w->mu, NULL);
	w->lockfd = w->stagefd = -1;
	w->no_exchange = o != NULL && o->no_exchange;
	w->manifest = o != NULL && (o->manifest || o->incremental);
	w->incremental = o != NULL && o->incremental;
	w->dry_run = o != NULL && o->dry_run;
	quiet.quiet = true;
	if (resolve(w, out_dir, !w->dry_run, d) < 0)
		goto out;
	if (w->dry_run) {
		/* Nothing beside the output is touched, and no lock taken. */
		if (w->manifest)
			read_manifest_head(w, w->incremental ? d : &quiet);
		*out = w;
		return 0;
	}
	if (take_lock(w, o != NULL ? o->wait_ms : WRITER_WAIT_MS, d) < 0)
		goto out;
	recover(w, d);
	if (finish_journal(w, w->incremental, d) < 0)
		goto out;
	/* Whatever earlier builds left, whichever process made it. */
	clean(w, d);
	/* A full build reads it too, to say what it removes. */
	if (w->manifest)
		read_manifest_head(w, w->incremental ? d : &quiet);
	buf_printf(&b, "%s/.%s.staging-XXXXXX", strcmp(w->parent, "/") == 0 ?
	    "" : w->parent, w->name);
	if (mkdtemp(b.data) == NULL) {
		diag_err(d, "%s: cannot create the staging directory: %s",
		    b.data, strerror(errno));
		goto out;
	}
	w->staging = buf_detach(&b, NULL);
	if (chmod(w->staging, 0755) < 0 ||
	    (w->stagefd = open(w->staging, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) < 0) {
		diag_err(d, "%s: %s", w->staging, strerror(errno));
		goto out;
	}
	probe(w);
	*out = w;
	rc = 0;
out:
	buf_release(&b);
	if (rc < 0)
		writer_abort(w);
	return rc;
}

int
writer_recover(const char *out_dir, unsigned wait_ms, struct diag *d)
{
	struct writer *w;
	struct stat st;
	int rc = -1;

	w = xcalloc(1, sizeof(*w));
	pthread_mutex_init(&w->mu, NULL);
	w->lockfd = w->stagefd = -1;
	if (resolve(w, out_dir, false, d) < 0)
		goto out;
	rc = 0;
	if (stat(w->parent, &st) < 0 && errno == ENOENT)
		goto out;	/* nothing was ever built there */
	if ((rc = take_lock(w, wait_ms, d)) < 0)
		goto out;
	recover(w, d);
	if ((rc = finish_journal(w, true, d)) == 0)
		clean(w, d);
out:
	writer_abort(w);
	return rc;
}

/*
 * Records path[0..n) as a directory of the site's files, refusing it
 * when it is a file of the site.  Called with the mutex held.
 */
static int
note_dir(struct writer *w, const char *path, size_t n, struct diag *d)
{
	if (set_has(&w->dirs, path, n))
		return 0;
	if (set_has(&w->files, path, n))
		return diag_err(d, "%s: two sources for one URL: %.*s is also "
		    "written as a file", path, (int)n, path);
	set_add(&w->dirs, &w->arena, path, n);
	return 0;
}

/*
 * Makes the directory path[0..n) in staging, once per build.  Called
 * with the mutex held.
 */
static int
make_dir(struct writer *w, const char *path, size_t n, struct diag *d)
{
	struct stat st;
	char *dir;
	int rc = -1;

	if (set_has(&w->made, path, n))
		return 0;
	if (note_dir(w, path, n, d) < 0)
		return -1;
	dir = xstrndup(path, n);
	if (mkdirat(w->stagefd, dir, 0755) == 0) {
		if (w->chmod)
			fchmodat(w->stagefd, dir, 0755, 0);
	} else if (errno != EEXIST) {
		diag_err(d, "%s/%s: cannot create the directory: %s", w->out,
		    dir, strerror(errno));
		goto out;
	} else if (fstatat(w->stagefd, dir, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		diag_err(d, "%s/%s: %s", w->out, dir, strerror(errno));
		goto out;
	} else if (S_ISLNK(st.st_mode)) {
		diag_err(d, "%s: output path refused: %s is a symbolic link",
		    path, dir);
		goto out;
	} else if (!S_ISDIR(st.st_mode)) {
		diag_err(d, "%s: two sources for one URL: %s is also written "
		    "as a file", path, dir);
		goto out;
	}
	set_add(&w->made, &w->arena, path, n);
	rc = 0;
out:
	free(dir);
	return rc;
}

/* Why a site path cannot be written, or NULL. */
static const char *
path_problem(const char *path)
{
	const char *why;
	size_t n = sizeof(MANIFEST_DIR) - 1;

	if ((why = relpath_problem(path)) != NULL)
		return why;
	if (strncmp(path, MANIFEST_DIR, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/'))
		return "reserved for badgegen's build manifest";
	return NULL;
}

/*
 * Registers path as a file of this build, with key (NULL: none) and
 * flags, after the checks every file gets: its directories (made in
 * staging unless kept) and no second source.  Takes the mutex.
 */
static int
add_file(struct writer *w, const char *path, const struct okey *key,
    unsigned flags, struct buf *q, struct diag *d)
{
	struct slot *e;
	const char *slash;
	size_t n = strlen(path), k;
	int rc = -1;

	pthread_mutex_lock(&w->mu);
	if (set_has(&w->dirs, path, n)) {
		diag_err(d, "%s: two sources for one URL: it is also a "
		    "directory of other output files", quote(q, path));
		goto out;
	}
	if (set_has(&w->files, path, n)) {
		diag_err(d, "%s: two sources for one URL (written twice)",
		    quote(q, path));
		goto out;
	}
	for (slash = strchr(path, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		k = (size_t)(slash - path);
		if ((flags & SLOT_KEPT) || w->dry_run ?
		    note_dir(w, path, k, d) < 0 : make_dir(w, path, k, d) < 0)
			goto out;
	}
	e = set_add(&w->files, &w->arena, path, n);
	if (key != NULL) {
		e->key = *key;
		flags |= SLOT_KEYED;
	}
	e->flags = flags;
	if (flags & SLOT_KEPT)
		w->nkept++;
	else
		w->nput++;
	rc = 0;
out:
	pthread_mutex_unlock(&w->mu);
	return rc;
}

int
writer_keep(struct writer *w, const char *path, const struct okey *key,
    struct diag *d)
{
	struct buf q = BUF_INIT;
	const struct slot *e;
	const char *why;
	int rc;

	if (!w->have_old || key == NULL || path == NULL)
		return 0;
	pthread_mutex_lock(&w->mu);
	load_old(w, d);
	pthread_mutex_unlock(&w->mu);
	if (!w->update)
		return 0;
	e = set_get(&w->old, path, strlen(path));
	if (e == NULL || !(e->flags & SLOT_KEYED) ||
	    memcmp(e->key.b, key->b, OKEY_LEN) != 0)
		return 0;
	if ((why = path_problem(path)) != NULL)
		rc = diag_err(d, "%s: output path refused: %s",
		    quote(&q, path), why);
	else
		rc = add_file(w, path, key, SLOT_KEPT, &q, d) < 0 ? -1 : 1;
	buf_release(&q);
	return rc;
}

int
writer_put(struct writer *w, const char *path, const void *data, size_t len,
    struct diag *d)
{
	return writer_put_key(w, path, data, len, NULL, d);
}

int
writer_put_key(struct writer *w, const char *path, const void *data,
    size_t len, const struct okey *key, struct diag *d)
{
	struct buf q = BUF_INIT;
	struct stat st;
	const char *why;
	int fd = -1, rc = -1, err;

	if (path == NULL || (why = path_problem(path)) != NULL) {
		diag_err(d, "%s: output path refused: %s",
		    quote(&q, path != NULL ? path : ""), path != NULL ? why :
		    "empty path");
		goto out;
	}
	if (add_file(w, path, key, 0, &q, d) < 0)
		goto out;
	if (w->dry_run) {
		rc = 0;
		goto out;
	}

#ifdef HAVE_OPENAT2
	if (w->openat2)
		fd = openat2_beneath(w->stagefd, path, O_WRONLY | O_CREAT |
		    O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	else
#endif
		fd = openat(w->stagefd, path, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		err = errno;
		if (err == ELOOP || (err == EEXIST && fstatat(w->stagefd, path,
		    &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)))
			diag_err(d, "%s: output path refused: a symbolic link "
			    "is in the way", quote(&q, path));
		else if (err == EEXIST)
			diag_err(d, "%s: already exists in the output (a path "
			    "that differs only in case?)", quote(&q, path));
		else
			diag_err(d, "%s/%s: cannot create: %s", w->out,
			    quote(&q, path), strerror(err));
		goto out;
	}
	if (write_all(fd, data, len) < 0 ||
	    (w->chmod && fchmod(fd, 0644) < 0)) {
		diag_err(d, "%s/%s: cannot write: %s", w->out, quote(&q, path),
		    strerror(errno));
		goto out;
	}
	err = close(fd);
	fd = -1;
	if (err < 0) {
		diag_err(d, "%s/%s: cannot write: %s", w->out, quote(&q, path),
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	buf_release(&q);
	return rc;
}

bool
writer_has(const struct writer *w, const char *path)
{
	struct writer *mw = (struct writer *)w;	/* for the mutex only */
	bool has;

	pthread_mutex_lock(&mw->mu);
	has = set_has(&w->files, path, strlen(path));
	pthread_mutex_unlock(&mw->mu);
	return has;
}

const char **
writer_paths(const struct writer *w, size_t *countp)
{
	struct writer *mw = (struct writer *)w;	/* for the mutex only */
	const char **v;
	size_t i, n = 0;

	pthread_mutex_lock(&mw->mu);
	v = xreallocarray(NULL, w->files.n + 1, sizeof(*v));
	for (i = 0; i < w->files.cap; i++)
		if (w->files.slot[i].s != NULL)
			v[n++] = w->files.slot[i].s;
	pthread_mutex_unlock(&mw->mu);
	v[n] = NULL;
	qsort(v, n, sizeof(*v), str_qcmp);
	*countp = n;
	return v;
}

const char *
writer_dir(const struct writer *w)
{
	return w->out;
}

/* Swaps a and b in one step, where the kernel and file system can. */
static int
exchange(const char *a, const char *b)
{
#if defined(__linux__) && defined(SYS_renameat2)
	return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b,
	    RENAME_EXCHANGE);
#else
	(void)a;
	(void)b;
	errno = ENOSYS;
	return -1;
#endif
}

/* Removes what interrupted builds left beside the output directory. */
static void
clean(struct writer *w, struct diag *d)
{
	struct buf b = BUF_INIT;
	char **v;
	size_t i, n;

	v = leftovers(w, 0, &n);
	for (i = 0; i < n; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s/%s", w->parent, v[i]);
		if (rm_tree(AT_FDCWD, b.data) < 0)
			diag_warn(d, "%s: cannot remove: %s", b.data,
			    strerror(errno));
		free(v[i]);
	}
	free(v);
	buf_release(&b);
}

/*
 * Puts the staging directory in the place of the output directory.  The
 * previous site, if any, ends up at the path left in old.
 */
static int
swap(struct writer *w, struct buf *old, struct diag *d)
{
	struct stat st;
	int err;

	if (lstat(w->out, &st) < 0) {
		if (errno != ENOENT)
			return diag_err(d, "%s: %s", w->out, strerror(errno));
		if (rename(w->staging, w->out) < 0)
			return diag_err(d, "%s: cannot move the new site into "
			    "place: %s", w->out, strerror(errno));
		return 0;
	}
	if (!w->no_exchange && exchange(w->staging, w->out) == 0) {
		/* The staging path now holds the previous site. */
		buf_puts(old, w->staging);
		return 0;
	}
	buf_printf(old, "%s/.%s.old-XXXXXX", strcmp(w->parent, "/") == 0 ?
	    "" : w->parent, w->name);
	if (mkdtemp(old->data) == NULL)
		return diag_err(d, "%s: cannot create %s: %s", w->out,
		    old->data, strerror(errno));
	if (rename(w->out, old->data) < 0) {
		err = errno;
		rmdir(old->data);
		buf_reset(old);
		return diag_err(d, "%s: cannot move the previous site aside: %s",
		    w->out, strerror(err));
	}
	if (rename(w->staging, w->out) < 0) {
		diag_err(d, "%s: cannot move the new site into place: %s",
		    w->out, strerror(errno));
		if (rename(old->data, w->out) < 0)
			diag_err(d, "%s: cannot put the previous site back from "
			    "%s: %s", w->out, old->data, strerror(errno));
		buf_reset(old);
		return -1;
	}
	return 0;
}

/* Whether path ends in ".html": a page, which links to other files. */
static bool
is_page(const struct slot *e)
{
	return e->len >= 5 && memcmp(e->s + e->len - 5, ".html", 5) == 0;
}

/*
 * The order in which a journal puts a file in place: new files before
 * changed ones (a changed page, such as a listing, may link to a new
 * file), and within each, other files before pages (a page links to
 * images and documents).
 */
static int
put_rank(const struct writer *w, const struct slot *e)
{
	return (set_has(&w->old, e->s, e->len) ? 2 : 0) + is_page(e);
}

/* Sorts puts by rank (apply keeps it in flags >> 8), then path. */
static int
rank_qcmp(const void *a, const void *b)
{
	const struct slot *x = *(const struct slot *const *)a;
	const struct slot *y = *(const struct slot *const *)b;

	if (x->flags >> 8 != y->flags >> 8)
		return x->flags >> 8 < y->flags >> 8 ? -1 : 1;
	return strcmp(x->s, y->s);
}

/*
 * Whether the file path (n bytes) cannot be put in place before the
 * removals: a file of the previous site that goes is one of its
 * directories, or it is a directory of one (files of the previous site
 * go below it).
 */
static bool
blocked(const struct writer *w, const char *path, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (path[k] == '/' && set_has(&w->old, path, k) &&
		    !set_has(&w->files, path, k))
			return true;
	return set_has(&w->dirs_old, path, n);
}

/*
 * Puts the staged files in place by a journal: written beside the
 * output, applied, removed.  The journal's order keeps every page of the
 * live site linking to files that are there: new and changed files
 * first (see put_rank), removals after them, then the few new files that
 * need a removed file or directory out of their way, the manifest last.
 */
static int
apply(struct writer *w, struct diag *d)
{
	struct buf j = BUF_INIT, path = BUF_INIT, tmp = BUF_INIT;
	struct slot *e, **puts, **dels;
	size_t i, k, nput = 0, ndel = 0;
	int rc = -1;

	/* The directories of the files that go, for blocked(). */
	for (i = 0; i < w->old.cap; i++) {
		e = &w->old.slot[i];
		if (e->s == NULL || set_has(&w->files, e->s, e->len))
			continue;
		for (k = 0; k < e->len; k++)
			if (e->s[k] == '/')
				set_add(&w->dirs_old, &w->arena, e->s, k);
	}
	dels = xcalloc(w->old.n + 1, sizeof(*dels));
	for (i = 0; i < w->old.cap; i++)
		if (w->old.slot[i].s != NULL && !set_has(&w->files,
		    w->old.slot[i].s, w->old.slot[i].len))
			dels[ndel++] = &w->old.slot[i];
	qsort(dels, ndel, sizeof(*dels), slot_qcmp);
	w->ndeleted = (unsigned)ndel;
	puts = xcalloc(w->files.n + 1, sizeof(*puts));
	for (i = 0; i < w->files.cap; i++) {
		e = &w->files.slot[i];
		if (e->s == NULL || (e->flags & SLOT_KEPT))
			continue;
		puts[nput++] = e;
	}

	buf_puts(&j, JOURNAL_HEAD);
	buf_printf(&j, "staging %s\n", strrchr(w->staging, '/') + 1);
	/* Sorted by rank (4: after the removals), in a copy of the flags. */
	for (i = 0; i < nput; i++)
		puts[i]->flags = (puts[i]->flags & 0xff) | (unsigned)(blocked(w,
		    puts[i]->s, puts[i]->len) ? 4 : put_rank(w, puts[i])) << 8;
	qsort(puts, nput, sizeof(*puts), rank_qcmp);
	for (i = 0; i < nput && puts[i]->flags >> 8 < 4; i++)
		buf_printf(&j, "put %s\n", puts[i]->s);
	for (k = 0; k < ndel; k++)
		buf_printf(&j, "del %s\n", dels[k]->s);
	for (; i < nput; i++)
		buf_printf(&j, "put %s\n", puts[i]->s);
	for (i = 0; i < nput; i++)
		puts[i]->flags &= 0xff;
	free(puts);
	free(dels);
	buf_puts(&j, "put " MANIFEST_PATH "\nend\n");
	beside(w, &path, ".journal");
	if (write_at(AT_FDCWD, beside(w, &tmp, ".journal-tmp"), j.data, j.len,
	    false) < 0 || rename(tmp.data, path.data) < 0) {
		diag_err(d, "%s: cannot write the journal: %s", path.data,
		    strerror(errno));
		unlink(tmp.data);
		goto out;
	}
	buf_putc(&j, '\0');
	if (replay(w, j.data, d) < 0) {
		diag_err(d, "%s: the site is partly updated; the next build "
		    "completes it from %s", w->out, path.data);
		/* The staging directory stays for the journal. */
		free(w->staging);
		w->staging = NULL;
		goto out;
	}
	unlink(path.data);
	rc = 0;
out:
	buf_release(&j);
	buf_release(&path);
	buf_release(&tmp);
	return rc;
}

/* Writes the manifest of this build into staging. */
static int
stage_manifest(struct writer *w, struct diag *d)
{
	struct buf b = BUF_INIT;
	int rc = 0;

	format_manifest(w, &b);
	if ((mkdirat(w->stagefd, MANIFEST_DIR, 0755) < 0 && errno != EEXIST) ||
	    (w->chmod && fchmodat(w->stagefd, MANIFEST_DIR, 0755, 0) < 0) ||
	    write_at(w->stagefd, MANIFEST_PATH, b.data, b.len, w->chmod) < 0)
		rc = diag_err(d, "%s/%s: cannot write: %s", w->staging,
		    MANIFEST_PATH, strerror(errno));
	buf_release(&b);
	return rc;
}

const char **
writer_removals(struct writer *w, size_t *countp)
{
	struct diag quiet = DIAG_INIT;
	const char **v;
	size_t i, n = 0;

	quiet.quiet = true;
	pthread_mutex_lock(&w->mu);
	load_old(w, &quiet);
	v = xcalloc(w->old.n + 1, sizeof(*v));
	for (i = 0; i < w->old.cap; i++)
		if (w->old.slot[i].s != NULL && !set_has(&w->files,
		    w->old.slot[i].s, w->old.slot[i].len))
			v[n++] = w->old.slot[i].s;
	pthread_mutex_unlock(&w->mu);
	qsort(v, n, sizeof(*v), str_qcmp);
	*countp = n;
	return v;
}

void
writer_set_stamp(struct writer *w, const char *stamp)
{
	free(w->stamp);
	w->stamp = stamp != NULL && strchr(stamp, '\n') == NULL ?
	    xstrdup(stamp) : NULL;
}

const char *
writer_stamp(const struct writer *w)
{
	return w->oldstamp;
}

void
writer_stats(const struct writer *w, struct writer_stats *st)
{
	struct writer *mw = (struct writer *)w;	/* for the mutex only */

	pthread_mutex_lock(&mw->mu);
	st->put = w->nput;
	st->kept = w->nkept;
	st->deleted = w->ndeleted;
	st->update = w->update;
	pthread_mutex_unlock(&mw->mu);
}

int
writer_commit(struct writer *w, struct diag *d)
{
	return writer_commit_stats(w, NULL, d);
}

int
writer_commit_stats(struct writer *w, struct writer_stats *st,
    struct diag *d)
{
	struct buf old = BUF_INIT;
	const char **gone;
	size_t ngone;
	int rc;

	if (w->dry_run) {
		rc = diag_err(d, "%s: a dry run writes nothing", w->out);
		goto out;
	}
	load_old(w, d);
	if (w->manifest && (rc = stage_manifest(w, d)) < 0)
		goto out;
	if (w->update) {
		close(w->stagefd);
		w->stagefd = -1;
		if ((rc = apply(w, d)) == 0)
			clean(w, d);
		goto out;
	}
	close(w->stagefd);
	w->stagefd = -1;
	gone = writer_removals(w, &ngone);
	free(gone);
	if ((rc = swap(w, &old, d)) == 0) {
		w->ndeleted = (unsigned)ngone;
		free(w->staging);
		w->staging = NULL;
		if (old.len > 0 && rm_tree(AT_FDCWD, old.data) < 0)
			diag_warn(d, "%s: cannot remove the previous site: %s",
			    old.data, strerror(errno));
		clean(w, d);
	}
out:
	if (st != NULL)
		writer_stats(w, st);
	buf_release(&old);
	writer_abort(w);
	return rc;
}

void
writer_abort(struct writer *w)
{
	if (w == NULL)
		return;
	if (w->stagefd >= 0)
		close(w->stagefd);
	if (w->staging != NULL)
		rm_tree(AT_FDCWD, w->staging);
	if (w->lockfd >= 0) {
		if (w->locked)
			(void)!ftruncate(w->lockfd, 0);
		close(w->lockfd);
	}
	pthread_mutex_destroy(&w->mu);
	free(w->files.slot);
	free(w->dirs.slot);
	free(w->made.slot);
	free(w->old.slot);
	free(w->dirs_old.slot);
	free(w->oldtext);
	free(w->oldstamp);
	free(w->stamp);
	arena_release(&w->arena);
	free(w->out);
	free(w->parent);
	free(w->name);
	free(w->lockpath);
	free(w->staging);
	free(w);
}
