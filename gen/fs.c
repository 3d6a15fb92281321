/*
 * fs.c - directories made with their parents, whole files read with a
 * limit, files written atomically (fs.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs.h"

int
fs_mkdir_p(const char *dir, int mode, struct diag *d)
{
	struct buf p = BUF_INIT;
	struct stat st;
	size_t i;
	int rc = -1;

	buf_puts(&p, dir);
	while (p.len > 1 && p.data[p.len - 1] == '/')
		buf_truncate(&p, p.len - 1);
	if (p.len == 0) {
		diag_err(d, "\"\": cannot create a directory without a name");
		goto out;
	}
	/* Each prefix that ends before a '/' (not a run of them), then all. */
	for (i = 1; i <= p.len; i++) {
		if (i < p.len && (p.data[i] != '/' || p.data[i - 1] == '/'))
			continue;
		p.data[i] = '\0';
		if (mkdir(p.data, (mode_t)mode) < 0 && errno != EEXIST) {
			diag_err(d, "%s: cannot create: %s", p.data,
			    strerror(errno));
			goto out;
		}
		if (i < p.len)
			p.data[i] = '/';
	}
	if (stat(p.data, &st) < 0) {
		diag_err(d, "%s: cannot create: %s", p.data, strerror(errno));
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_err(d, "%s: exists and is not a directory", p.data);
		goto out;
	}
	rc = 0;
out:
	buf_release(&p);
	return rc;
}

int
fs_read_file(struct buf *out, const char *path, size_t max, bool missing_ok,
    struct diag *d)
{
	struct stat st;
	char chunk[65536];
	ssize_t n;
	int fd, rc = -1;

	buf_reset(out);
	out->max = max;
	out->over = false;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (missing_ok && (errno == ENOENT || errno == ENOTDIR))
			return FS_MISSING;
		return diag_err(d, "%s: cannot read: %s", path,
		    strerror(errno));
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (max == 0 || (unsigned long long)st.st_size <= max))
		buf_grow(out, (size_t)st.st_size + 1);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_err(d, "%s: cannot read: %s", path,
			    strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		buf_put(out, chunk, (size_t)n);
		if (out->over) {
			diag_err(d, "%s: larger than %zu bytes", path, max);
			goto out;
		}
	}
	rc = 0;
out:
	close(fd);
	if (rc < 0)
		buf_reset(out);
	return rc;
}

/* Writes all of p[0..len) to fd; -1 with errno set on failure. */
static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
fs_write_temp(struct buf *tmp_out, const char *prefix, const void *data,
    size_t len, int mode, struct diag *d)
{
	struct buf tmp = BUF_INIT;
	const char *what = "cannot write";
	int fd, rc = -1;

	buf_printf(&tmp, "%sXXXXXX", prefix);
	if ((fd = mkstemp(tmp.data)) < 0) {
		diag_err(d, "%sXXXXXX: cannot create: %s", prefix,
		    strerror(errno));
		goto done;
	}
	if (fchmod(fd, (mode_t)mode) < 0) {
		what = "cannot set its mode";
		goto fail;
	}
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	buf_put(tmp_out, tmp.data, tmp.len);
	rc = 0;
	goto done;
fail:
	diag_err(d, "%s: %s: %s", tmp.data, what, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp.data);
done:
	buf_release(&tmp);
	return rc;
}

/*
 * Gives the written temporary file tmp the name path unless a file has
 * it: link(2), or where the file system has no hard links, an empty
 * file created exclusively and replaced.  Returns 0, FS_EXISTS or -1
 * (errno set).
 */
static int
link_new(const char *tmp, const char *path)
{
	int fd, err;

	if (link(tmp, path) == 0)
		return 0;
	if (errno == EEXIST)
		return FS_EXISTS;
	if (errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0)
		return errno == EEXIST ? FS_EXISTS : -1;
	close(fd);
	if (rename(tmp, path) == 0)
		return 0;
	err = errno;
	unlink(path);
	errno = err;
	return -1;
}

int
fs_write_file(const char *path, const void *data, size_t len, int mode,
    unsigned flags, struct diag *d)
{
	struct buf tmp = BUF_INIT, dir = BUF_INIT, prefix = BUF_INIT;
	const char *slash;
	struct stat st;
	int r, rc = -1;

	if ((flags & FS_MKDIRS) && (slash = strrchr(path, '/')) != NULL &&
	    slash != path) {
		buf_put(&dir, path, (size_t)(slash - path));
		if (fs_mkdir_p(dir.data, 0755, d) < 0)
			goto out;
	}
	if (!(flags & FS_REPLACE) && lstat(path, &st) == 0) {
		rc = FS_EXISTS;
		goto out;
	}
	buf_printf(&prefix, "%s.tmp", path);
	if (fs_write_temp(&tmp, prefix.data, data, len, mode, d) < 0)
		goto out;
	if (flags & FS_REPLACE)
		r = rename(tmp.data, path);
	else if ((r = link_new(tmp.data, path)) >= 0)
		unlink(tmp.data);
	if (r < 0) {
		diag_err(d, "%s: cannot rename %s into place: %s", path,
		    tmp.data, strerror(errno));
		unlink(tmp.data);
		goto out;
	}
	rc = r;
out:
	buf_release(&tmp);
	buf_release(&dir);
	buf_release(&prefix);
	return rc;
}

int
fs_mkdtemp(struct buf *out, const char *name, struct diag *d)
{
	const char *tmpdir = getenv("TMPDIR");
	size_t len = out->len;

	if (tmpdir == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	buf_printf(out, "%s/%s.XXXXXX", tmpdir, name);
	if (mkdtemp(out->data + len) == NULL) {
		diag_err(d, "%s: cannot create: %s", out->data + len,
		    strerror(errno));
		buf_truncate(out, len);
		return -1;
	}
	return 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void
fs_remove_tree(const char *dir)
{
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
