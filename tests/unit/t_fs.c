/*
 * t_fs.c - mkdir -p, whole-file reads with a limit and atomic writes.
 * Each test works in a fresh temporary directory.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs.h"
#include "harness.h"

/* A fresh directory under /tmp; free() it after rm_dir. */
static char *
new_dir(void)
{
	char tmpl[] = "/tmp/t_fs.XXXXXX";

	if (mkdtemp(tmpl) == NULL) {
		FAIL_AT("mkdtemp: %s", strerror(errno));
		return xstrdup("/nonexistent");
	}
	return xstrdup(tmpl);
}

static void
rm_dir(char *dir)
{
	struct buf cmd = BUF_INIT;

	buf_printf(&cmd, "chmod -R u+w '%s' && rm -rf '%s'", dir, dir);
	if (system(cmd.data) != 0)
		FAIL_AT("cannot remove %s", dir);
	buf_release(&cmd);
	free(dir);
}

/* A diag that keeps its messages in msgs and prints nothing. */
static struct diag
quiet_diag(struct buf *msgs)
{
	struct diag d = DIAG_INIT;

	d.quiet = true;
	d.capture = msgs;
	return d;
}

static bool
is_dir(const char *path, mode_t *mode)
{
	struct stat st;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return false;
	if (mode != NULL)
		*mode = st.st_mode & 0777;
	return true;
}

/* How many names dir holds besides . and .. (no temporary is left). */
static int
count_dir(const char *dir)
{
	struct dirent *de;
	DIR *dp;
	int n = 0;

	if ((dp = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(dp);
	return n;
}

static void
test_fs__mkdir_p(void)
{
	char *dir = new_dir();
	struct buf p = BUF_INIT, msgs = BUF_INIT;
	struct diag d = quiet_diag(&msgs);
	mode_t mode = 0;
	FILE *fp;

	buf_printf(&p, "%s/a/b//c/", dir);
	INT_EQ(fs_mkdir_p(p.data, 0700, &d), 0);
	buf_reset(&p);
	buf_printf(&p, "%s/a/b/c", dir);
	OK(is_dir(p.data, &mode));
	INT_EQ(mode, 0700);
	/* Again: every part exists already. */
	INT_EQ(fs_mkdir_p(p.data, 0755, &d), 0);
	INT_EQ(d.errors, 0);

	/* A file on the way, and a file where the directory goes. */
	buf_reset(&p);
	buf_printf(&p, "%s/file", dir);
	if ((fp = fopen(p.data, "w")) != NULL)
		fclose(fp);
	INT_EQ(fs_mkdir_p(p.data, 0755, &d), -1);
	OK(strstr(msgs.data, "/file: exists and is not a directory") != NULL);
	buf_reset(&msgs);
	buf_puts(&p, "/sub");
	INT_EQ(fs_mkdir_p(p.data, 0755, &d), -1);
	OK(strstr(msgs.data, "/file/sub: cannot create: Not a directory") !=
	    NULL);
	buf_reset(&msgs);
	INT_EQ(fs_mkdir_p("", 0755, &d), -1);
	INT_EQ(d.errors, 3);

	/* Relative paths, from the current directory. */
	OK(chdir(dir) == 0);
	INT_EQ(fs_mkdir_p("rel/x", 0755, &d), 0);
	OK(is_dir("rel/x", NULL));
	OK(chdir("/") == 0);
	buf_release(&p);
	buf_release(&msgs);
	rm_dir(dir);
}

static void
test_fs__mkdir_p_denied(void)
{
	char *dir = new_dir();
	struct buf p = BUF_INIT, msgs = BUF_INIT;
	struct diag d = quiet_diag(&msgs);

	if (geteuid() == 0) {
		/* root creates directories anywhere: only the message is checked
		   with a path under a file instead. */
		buf_printf(&p, "%s/f", dir);
		INT_EQ(fs_write_file(p.data, "x", 1, 0644, 0, &d), 0);
		buf_puts(&p, "/g/h");
	} else {
		buf_printf(&p, "%s/ro", dir);
		OK(mkdir(p.data, 0555) == 0);
		buf_puts(&p, "/g/h");
	}
	INT_EQ(fs_mkdir_p(p.data, 0755, &d), -1);
	OK(strstr(msgs.data, "/g: cannot create: ") != NULL);
	buf_release(&p);
	buf_release(&msgs);
	rm_dir(dir);
}

static void
test_fs__read_file(void)
{
	char *dir = new_dir();
	struct buf p = BUF_INIT, msgs = BUF_INIT, out = BUF_INIT;
	struct diag d = quiet_diag(&msgs);
	char big[100000];

	buf_printf(&p, "%s/f", dir);
	INT_EQ(fs_write_file(p.data, "hello\0world", 11, 0644, 0, &d), 0);
	INT_EQ(fs_read_file(&out, p.data, 0, false, &d), 0);
	INT_EQ(out.len, 11);
	MEM_EQ(out.data, "hello\0world", 12);
	/* Exactly at the limit, and over it. */
	INT_EQ(fs_read_file(&out, p.data, 11, false, &d), 0);
	INT_EQ(out.len, 11);
	INT_EQ(fs_read_file(&out, p.data, 10, false, &d), -1);
	OK(strstr(msgs.data, "/f: larger than 10 bytes") != NULL);
	INT_EQ(out.len, 0);
	STR_EQ(out.data, "");

	/* Larger than one read. */
	memset(big, 'x', sizeof(big));
	INT_EQ(fs_write_file(p.data, big, sizeof(big), 0644, FS_REPLACE, &d),
	    0);
	INT_EQ(fs_read_file(&out, p.data, sizeof(big), false, &d), 0);
	INT_EQ(out.len, sizeof(big));
	INT_EQ(out.data[out.len], '\0');

	/* Missing: an error, or FS_MISSING without a message. */
	buf_reset(&msgs);
	buf_reset(&p);
	buf_printf(&p, "%s/none", dir);
	INT_EQ(fs_read_file(&out, p.data, 0, false, &d), -1);
	OK(strstr(msgs.data, "/none: cannot read: No such file or directory") !=
	    NULL);
	buf_reset(&msgs);
	INT_EQ(fs_read_file(&out, p.data, 0, true, &d), FS_MISSING);
	buf_puts(&p, "/below");
	INT_EQ(fs_read_file(&out, p.data, 0, true, &d), FS_MISSING);
	INT_EQ(msgs.len, 0);

	/* A directory cannot be read, even when missing files may be. */
	INT_EQ(fs_read_file(&out, dir, 0, true, &d), -1);
	OK(strstr(msgs.data, "cannot read: Is a directory") != NULL);
	buf_release(&p);
	buf_release(&msgs);
	buf_release(&out);
	rm_dir(dir);
}

static void
test_fs__write_file(void)
{
	char *dir = new_dir();
	struct buf p = BUF_INIT, msgs = BUF_INIT, out = BUF_INIT;
	struct diag d = quiet_diag(&msgs);
	struct stat st;

	buf_printf(&p, "%s/k", dir);
	INT_EQ(fs_write_file(p.data, "one", 3, 0600, 0, &d), 0);
	INT_EQ(stat(p.data, &st), 0);
	INT_EQ(st.st_mode & 0777, 0600);
	/* Never replaced without FS_REPLACE, and nothing left behind. */
	INT_EQ(fs_write_file(p.data, "two", 3, 0644, 0, &d), FS_EXISTS);
	INT_EQ(fs_read_file(&out, p.data, 0, false, &d), 0);
	STR_EQ(out.data, "one");
	INT_EQ(count_dir(dir), 1);
	/* Replaced, with the new mode. */
	INT_EQ(fs_write_file(p.data, "three", 5, 0644, FS_REPLACE, &d), 0);
	INT_EQ(fs_read_file(&out, p.data, 0, false, &d), 0);
	STR_EQ(out.data, "three");
	INT_EQ(stat(p.data, &st), 0);
	INT_EQ(st.st_mode & 0777, 0644);
	INT_EQ(count_dir(dir), 1);

	/* A symbolic link is a file that exists: not followed. */
	buf_reset(&p);
	buf_printf(&p, "%s/link", dir);
	OK(symlink("nowhere", p.data) == 0);
	INT_EQ(fs_write_file(p.data, "x", 1, 0644, 0, &d), FS_EXISTS);
	OK(access(p.data, F_OK) < 0);

	/* Missing directories: an error, or made with FS_MKDIRS. */
	buf_reset(&p);
	buf_printf(&p, "%s/a/b/c.json", dir);
	INT_EQ(fs_write_file(p.data, "{}", 2, 0644, 0, &d), -1);
	OK(strstr(msgs.data, "/a/b/c.json.tmp") != NULL);
	INT_EQ(fs_write_file(p.data, "{}", 2, 0644, FS_MKDIRS, &d), 0);
	INT_EQ(fs_read_file(&out, p.data, 0, false, &d), 0);
	STR_EQ(out.data, "{}");
	buf_release(&p);
	buf_release(&msgs);
	buf_release(&out);
	rm_dir(dir);
}

static void
test_fs__write_temp(void)
{
	char *dir = new_dir();
	struct buf p = BUF_INIT, tmp = BUF_INIT, msgs = BUF_INIT;
	struct buf out = BUF_INIT;
	struct diag d = quiet_diag(&msgs);
	struct stat st;

	buf_printf(&p, "%s/msg.", dir);
	INT_EQ(fs_write_temp(&tmp, p.data, "body", 4, 0600, &d), 0);
	INT_EQ(tmp.len, p.len + 6);
	OK(strncmp(tmp.data, p.data, p.len) == 0);
	INT_EQ(stat(tmp.data, &st), 0);
	INT_EQ(st.st_mode & 0777, 0600);
	INT_EQ(fs_read_file(&out, tmp.data, 0, false, &d), 0);
	STR_EQ(out.data, "body");
	/* A directory that does not exist. */
	buf_reset(&p);
	buf_printf(&p, "%s/none/x.", dir);
	buf_reset(&tmp);
	INT_EQ(fs_write_temp(&tmp, p.data, "body", 4, 0600, &d), -1);
	INT_EQ(tmp.len, 0);
	OK(strstr(msgs.data, "/none/x.XXXXXX: cannot create: ") != NULL);
	buf_release(&p);
	buf_release(&tmp);
	buf_release(&msgs);
	buf_release(&out);
	rm_dir(dir);
}

TESTS(
	T(test_fs__mkdir_p),
	T(test_fs__mkdir_p_denied),
	T(test_fs__read_file),
	T(test_fs__write_file),
	T(test_fs__write_temp)
)
