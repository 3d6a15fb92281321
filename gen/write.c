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

#include "source.h"
#include "write.h"

#define LEFTOVER_STAGING	1
#define LEFTOVER_OLD		2

struct slot {
	const char	*s;		/* NULL: empty */
	size_t		 len;
	uint64_t	 hash;
};

struct set {
	struct slot	*slot;
	size_t		 cap;		/* a power of two, or 0 */
	size_t		 n;
};

struct writer {
	pthread_mutex_t	 mu;		/* guards files, dirs and arena */
	struct set	 files;		/* paths written */
	struct set	 dirs;		/* directories made in staging */
	struct arena	 arena;		/* the strings of both sets */
	char		*out;		/* the output directory, absolute */
	char		*parent;	/* its parent directory */
	char		*name;		/* its last component */
	char		*lockpath;
	char		*staging;	/* NULL once renamed or removed */
	int		 lockfd;
	int		 stagefd;
	bool		 locked;	/* lockfd holds the lock */
	bool		 no_exchange;
	bool		 openat2;	/* openat2(2) with RESOLVE_* works */
	bool		 chmod;		/* the umask strips bits of 0644/0755 */
};

static uint64_t
hash_str(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
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

/* Adds s; returns false if it was there already. */
static bool
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
		return false;
	e->s = arena_strndup(a, s, n);
	e->len = n;
	e->hash = h;
	t->n++;
	return true;
}

/* Returns s with control characters and backslashes escaped, for messages. */
static const char *
quote(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;

	buf_reset(b);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, 'x');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		} else
			buf_putc(b, *p);
	}
	return b->data;
}

/*
 * Whether name is ".<out>.staging-XXXXXX" or ".<out>.old-XXXXXX" (six
 * characters of mkdtemp): returns LEFTOVER_STAGING, LEFTOVER_OLD or 0.
 */
static int
leftover(const char *name, const char *out)
{
	size_t n = strlen(out), i;
	const char *rest;
	int kind;

	if (name[0] != '.' || strncmp(name + 1, out, n) != 0)
		return 0;
	rest = name + 1 + n;
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

/* Creates path and its missing parents (0755, like mkdir -p). */
static int
mkdir_p(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = strchr(p + 1, '/');; s = strchr(s + 1, '/')) {
		if (s != NULL)
			*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		if (s == NULL)
			break;
		*s = '/';
	}
	free(p);
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

/* Sets w->out, w->parent and w->name from out_dir. */
static int
resolve(struct writer *w, const char *out_dir, struct diag *d)
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
		if (mkdir_p(parent) < 0 || (par = realpath(parent, NULL)) ==
		    NULL) {
			diag_err(d, "%s: cannot create the directory %s: %s",
			    out_dir, parent, strerror(errno));
			goto out;
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

int
writer_open(struct writer **out, const char *out_dir, struct diag *d)
{
	return writer_open_opts(out, out_dir, NULL, d);
}

int
writer_open_opts(struct writer **out, const char *out_dir,
    const struct writer_opts *o, struct diag *d)
{
	struct writer *w;
	struct buf b = BUF_INIT;
	int rc = -1;

	*out = NULL;
	w = xcalloc(1, sizeof(*w));
	pthread_mutex_init(&w->mu, NULL);
	w->lockfd = w->stagefd = -1;
	w->no_exchange = o != NULL && o->no_exchange;
	if (resolve(w, out_dir, d) < 0 ||
	    take_lock(w, o != NULL ? o->wait_ms : WRITER_WAIT_MS, d) < 0)
		goto out;
	recover(w, d);
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

	if (set_has(&w->dirs, path, n))
		return 0;
	if (set_has(&w->files, path, n))
		return diag_err(d, "%s: two sources for one URL: %.*s is also "
		    "written as a file", path, (int)n, path);
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
	set_add(&w->dirs, &w->arena, path, n);
	rc = 0;
out:
	free(dir);
	return rc;
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

int
writer_put(struct writer *w, const char *path, const void *data, size_t len,
    struct diag *d)
{
	struct buf q = BUF_INIT;
	struct stat st;
	const char *why, *slash;
	size_t n;
	int fd = -1, rc = -1, err;

	if ((why = source_path_problem(path)) != NULL) {
		diag_err(d, "%s: output path refused: %s",
		    quote(&q, path != NULL ? path : ""), why);
		goto out;
	}
	n = strlen(path);
	pthread_mutex_lock(&w->mu);
	if (set_has(&w->dirs, path, n)) {
		pthread_mutex_unlock(&w->mu);
		diag_err(d, "%s: two sources for one URL: it is also a "
		    "directory of other output files", quote(&q, path));
		goto out;
	}
	if (set_has(&w->files, path, n)) {
		pthread_mutex_unlock(&w->mu);
		diag_err(d, "%s: two sources for one URL (written twice)",
		    quote(&q, path));
		goto out;
	}
	for (slash = strchr(path, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/'))
		if (make_dir(w, path, (size_t)(slash - path), d) < 0) {
			pthread_mutex_unlock(&w->mu);
			goto out;
		}
	set_add(&w->files, &w->arena, path, n);
	pthread_mutex_unlock(&w->mu);

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

int
writer_commit(struct writer *w, struct diag *d)
{
	struct buf old = BUF_INIT;
	int rc;

	close(w->stagefd);
	w->stagefd = -1;
	if ((rc = swap(w, &old, d)) == 0) {
		free(w->staging);
		w->staging = NULL;
		if (old.len > 0 && rm_tree(AT_FDCWD, old.data) < 0)
			diag_warn(d, "%s: cannot remove the previous site: %s",
			    old.data, strerror(errno));
		clean(w, d);
	}
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
	arena_release(&w->arena);
	free(w->out);
	free(w->parent);
	free(w->name);
	free(w->lockpath);
	free(w->staging);
	free(w);
}
