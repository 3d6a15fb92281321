/*
 * t_write.c - staging, atomic replacement, locking and path checks of the
 * output writer.  Each test works in a fresh temporary directory.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "write.h"
#include "harness.h"

static int
sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
sh(const char *fmt, ...)
{
	struct buf cmd = BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	rc = system(cmd.data);
	if (rc != 0)
		fprintf(stderr, "  command failed (%d): %s\n", rc, cmd.data);
	buf_release(&cmd);
	return rc;
}

/* Replaces out with the whole output of a shell command. */
static void
run(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
run(struct buf *out, const char *fmt, ...)
{
	struct buf cmd = BUF_INIT;
	char chunk[4096];
	va_list ap;
	size_t n;
	FILE *fp;

	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	buf_reset(out);
	if ((fp = popen(cmd.data, "r")) != NULL) {
		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_put(out, chunk, n);
		pclose(fp);
	}
	buf_release(&cmd);
}

/* Every path, mode and content below dir, for byte-for-byte comparisons. */
static void
snapshot(struct buf *out, const char *dir)
{
	run(out, "cd '%s' && find . -printf '%%p %%y %%m\\n' | LC_ALL=C sort && "
	    "find . -type f | LC_ALL=C sort | xargs -r cat", dir);
}

static char *
setup(void)
{
	const char *t = getenv("TMPDIR");
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/t_write-XXXXXX", t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(b.data) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	return buf_detach(&b, NULL);
}

static void
teardown(char *dir)
{
	sh("chmod -R u+w '%s' 2>/dev/null; rm -rf '%s'", dir, dir);
	free(dir);
}

static void
quiet(struct diag *d, struct buf *m)
{
	struct diag z = DIAG_INIT;

	*d = z;
	buf_reset(m);
	d->quiet = true;
	d->capture = m;
}

static char *
path_of(const char *a, const char *b)
{
	struct buf p = BUF_INIT;

	buf_printf(&p, "%s/%s", a, b);
	return buf_detach(&p, NULL);
}

static int
put_str(struct writer *w, const char *path, const char *s, struct diag *d)
{
	return writer_put(w, path, s, strlen(s), d);
}

/* Builds out with the given "path=content" pairs; returns the status. */
static int
build(const char *out, bool no_exchange, const char *const *files,
    struct diag *d)
{
	struct writer_opts o = { 0, no_exchange, false, false, false };
	struct writer *w;
	const char *eq;
	char *p;
	size_t i;
	int rc = 0;

	if (writer_open_opts(&w, out, &o, d) < 0)
		return -1;
	for (i = 0; files[i] != NULL; i++) {
		eq = strchr(files[i], '=');
		p = strndup(files[i], (size_t)(eq - files[i]));
		if (put_str(w, p, eq + 1, d) < 0)
			rc = -1;
		free(p);
	}
	if (rc < 0) {
		writer_abort(w);
		return -1;
	}
	return writer_commit(w, d);
}

static void
test_write__creates_tree(void)
{
	static const char *const files[] = {
		"index.html=<h1>hi</h1>\n", "a/b/c.html=deep\n", "empty=",
		"a/x.json={}", NULL,
	};
	char *tmp = setup(), *out = path_of(tmp, "site/public");
	struct buf m = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
	struct diag d;
	mode_t old;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		quiet(&d, &m);
		/* A strict umask must not change the modes of the site. */
		old = umask(pass == 0 ? 022 : 077);
		INT_EQ(build(out, false, files, &d), 0);
		umask(old);
		STR_EQ(m.data, "");
		snapshot(&got, out);
		STR_EQ(got.data,
		    ". d 755\n./a d 755\n./a/b d 755\n./a/b/c.html f 644\n"
		    "./a/x.json f 644\n./empty f 644\n./index.html f 644\n"
		    "deep\n{}<h1>hi</h1>\n");
		run(&got, "ls -A '%s/site'", tmp);
		STR_EQ(got.data, "public\npublic.lock\n");
	}
	buf_release(&m);
	buf_release(&got);
	buf_release(&want);
	free(out);
	teardown(tmp);
}

static void
test_write__second_build_replaces(void)
{
	static const char *const one[] = {
		"index.html=one\n", "old/gone.html=old\n", "keep/k.html=k1\n",
		NULL,
	};
	static const char *const two[] = {
		"index.html=two\n", "keep/k.html=k2\n", "new/n.html=n\n", NULL,
	};
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, got = BUF_INIT;
	struct diag d;
	int pass;

	/* pass 0 swaps with RENAME_EXCHANGE where it can; pass 1 renames twice. */
	for (pass = 0; pass < 2; pass++) {
		quiet(&d, &m);
		INT_EQ(build(out, pass == 1, one, &d), 0);
		snapshot(&got, out);
		OK(strstr(got.data, "./old/gone.html f 644\n") != NULL);
		INT_EQ(build(out, pass == 1, two, &d), 0);
		snapshot(&got, out);
		STR_EQ(got.data,
		    ". d 755\n./index.html f 644\n./keep d 755\n"
		    "./keep/k.html f 644\n./new d 755\n./new/n.html f 644\n"
		    "two\nk2\nn\n");
		run(&got, "ls -A '%s'", tmp);
		STR_EQ(got.data, "public\npublic.lock\n");
		STR_EQ(m.data, "");
		sh("rm -rf '%s'", out);
	}
	buf_release(&m);
	buf_release(&got);
	free(out);
	teardown(tmp);
}

static void
test_write__abort_keeps_previous(void)
{
	static const char *const one[] = {
		"index.html=one\n", "a/b.html=b\n", NULL,
	};
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, before = BUF_INIT, after = BUF_INIT;
	struct writer *w = NULL;
	struct diag d;

	quiet(&d, &m);
	INT_EQ(build(out, false, one, &d), 0);
	snapshot(&before, out);
	INT_EQ(writer_open(&w, out, &d), 0);
	if (w != NULL) {
		INT_EQ(put_str(w, "index.html", "changed\n", &d), 0);
		INT_EQ(put_str(w, "c/d.html", "new\n", &d), 0);
		OK(writer_has(w, "c/d.html"));
		writer_abort(w);
	}
	snapshot(&after, out);
	STR_EQ(after.data, before.data);
	run(&after, "ls -A '%s'", tmp);
	STR_EQ(after.data, "public\npublic.lock\n");

	/* A failed build aborts the same way. */
	INT_EQ(build(out, false, (const char *const[]){ "x=1", "../y=2", NULL },
	    &d), -1);
	snapshot(&after, out);
	STR_EQ(after.data, before.data);
	run(&after, "ls -A '%s'", tmp);
	STR_EQ(after.data, "public\npublic.lock\n");
	writer_abort(NULL);
	buf_release(&m);
	buf_release(&before);
	buf_release(&after);
	free(out);
	teardown(tmp);
}

static void
test_write__refuses_paths(void)
{
	static const struct {
		const char	*path;
		const char	*msg;
	} bad[] = {
		{ "/etc/passwd", "error: /etc/passwd: output path refused: "
		    "absolute path\n" },
		{ "../x.html", "error: ../x.html: output path refused: \"..\" "
		    "component\n" },
		{ "a/../../x", "error: a/../../x: output path refused: \"..\" "
		    "component\n" },
		{ "a/..", "error: a/..: output path refused: \"..\" "
		    "component\n" },
		{ "./x", "error: ./x: output path refused: \".\" component\n" },
		{ "a/./x", "error: a/./x: output path refused: \".\" "
		    "component\n" },
		{ "a//x", "error: a//x: output path refused: empty "
		    "component\n" },
		{ "a/", "error: a/: output path refused: empty component\n" },
		{ "", "error: : output path refused: empty path\n" },
		{ "a\\..\\x", "error: a\\x5c..\\x5cx: output path refused: "
		    "backslash\n" },
		{ "a\nb", "error: a\\x0ab: output path refused: control "
		    "character\n" },
		{ "a\x1b[31m", "error: a\\x1b[31m: output path refused: "
		    "control character\n" },
		{ "del\x7f", "error: del\\x7f: output path refused: control "
		    "character\n" },
	};
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, got = BUF_INIT;
	struct writer *w = NULL;
	struct diag d;
	size_t i, n;
	const char **v;

	quiet(&d, &m);
	INT_EQ(writer_open(&w, out, &d), 0);
	if (w == NULL)
		goto out;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		quiet(&d, &m);
		if (put_str(w, bad[i].path, "x", &d) != -1)
			FAIL_AT("accepted \"%s\"", bad[i].path);
		if (strcmp(m.data, bad[i].msg) != 0)
			FAIL_AT("message %s, expected %s", m.data, bad[i].msg);
		OK(!writer_has(w, bad[i].path));
	}
	v = writer_paths(w, &n);
	INT_EQ(n, 0);
	free(v);
	INT_EQ(writer_commit(w, &d), 0);
	snapshot(&got, out);
	STR_EQ(got.data, ". d 755\n");
	run(&got, "ls -A '%s'", tmp);
	STR_EQ(got.data, "public\npublic.lock\n");
out:
	buf_release(&m);
	buf_release(&got);
	free(out);
	teardown(tmp);
}

static void
test_write__duplicates_and_conflicts(void)
{
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, got = BUF_INIT;
	struct writer *w = NULL;
	struct diag d;
	const char **v;
	size_t n;

	quiet(&d, &m);
	INT_EQ(writer_open(&w, out, &d), 0);
	if (w == NULL)
		goto out;
	OK(!writer_has(w, "b/index.html"));
	INT_EQ(put_str(w, "b/index.html", "first", &d), 0);
	OK(writer_has(w, "b/index.html"));
	OK(!writer_has(w, "b"));
	INT_EQ(put_str(w, "b/index.html", "second", &d), -1);
	STR_EQ(m.data, "error: b/index.html: two sources for one URL (written "
	    "twice)\n");

	/* A file where a directory is needed, and the other way round. */
	quiet(&d, &m);
	INT_EQ(put_str(w, "f", "file", &d), 0);
	INT_EQ(put_str(w, "f/g.html", "below a file", &d), -1);
	STR_EQ(m.data, "error: f/g.html: two sources for one URL: f is also "
	    "written as a file\n");
	quiet(&d, &m);
	INT_EQ(put_str(w, "b", "a file over a directory", &d), -1);
	STR_EQ(m.data, "error: b: two sources for one URL: it is also a "
	    "directory of other output files\n");

	INT_EQ(put_str(w, "a.html", "a", &d), 0);
	INT_EQ(put_str(w, "B/x", "x", &d), 0);
	v = writer_paths(w, &n);
	INT_EQ(n, 4);
	if (n == 4) {
		STR_EQ(v[0], "B/x");
		STR_EQ(v[1], "a.html");
		STR_EQ(v[2], "b/index.html");
		STR_EQ(v[3], "f");
	}
	free(v);
	INT_EQ(writer_commit(w, &d), 0);
	snapshot(&got, out);
	STR_EQ(got.data, ". d 755\n./B d 755\n./B/x f 644\n./a.html f 644\n"
	    "./b d 755\n./b/index.html f 644\n./f f 644\n"
	    "xafirstfile");
out:
	buf_release(&m);
	buf_release(&got);
	free(out);
	teardown(tmp);
}

/* The staging directory of the running build of out (a static buffer). */
static const char *
staging_of(const char *tmp)
{
	static char path[4096];
	struct dirent *de;
	DIR *dp;

	path[0] = '\0';
	if ((dp = opendir(tmp)) == NULL)
		return path;
	while ((de = readdir(dp)) != NULL)
		if (strncmp(de->d_name, ".public.staging-", 16) == 0)
			snprintf(path, sizeof(path), "%s/%s", tmp, de->d_name);
	closedir(dp);
	return path;
}

static void
test_write__symlink_in_staging(void)
{
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, got = BUF_INIT;
	struct writer *w = NULL;
	struct diag d;
	const char *st;

	quiet(&d, &m);
	sh("mkdir '%s/target' && echo precious > '%s/target/file'", tmp, tmp);
	INT_EQ(writer_open(&w, out, &d), 0);
	if (w == NULL)
		goto out;
	st = staging_of(tmp);
	OK(*st != '\0');
	INT_EQ(put_str(w, "d/ok.html", "ok", &d), 0);
	sh("ln -s '%s/target' '%s/evil' && ln -s '%s/target/file' "
	    "'%s/d/link.html' && ln -s '%s/target' '%s/d/sub'", tmp, st, tmp,
	    st, tmp, st);
	INT_EQ(put_str(w, "evil/x.html", "x", &d), -1);
	STR_EQ(m.data, "error: evil/x.html: output path refused: evil is a "
	    "symbolic link\n");
	quiet(&d, &m);
	INT_EQ(put_str(w, "d/link.html", "overwritten", &d), -1);
	STR_EQ(m.data, "error: d/link.html: output path refused: a symbolic "
	    "link is in the way\n");
	quiet(&d, &m);
	INT_EQ(put_str(w, "d/sub/file", "overwritten", &d), -1);
	STR_EQ(m.data, "error: d/sub/file: output path refused: d/sub is a "
	    "symbolic link\n");
	writer_abort(w);
	run(&got, "cd '%s' && ls -A && cat target/file && ls -A target", tmp);
	STR_EQ(got.data, "public.lock\ntarget\nprecious\nfile\n");
out:
	buf_release(&m);
	buf_release(&got);
	free(out);
	teardown(tmp);
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * Forks a process that opens a writer for out, says so through a pipe,
 * then holds it for hold_ms (0: until its other pipe closes).
 */
static pid_t
holder(const char *out, unsigned hold_ms, int *release_fd)
{
	int up[2], down[2];
	struct writer_opts o = { 0, false, false, false, false };
	struct writer *w;
	struct diag d = DIAG_INIT;
	struct timespec ts;
	pid_t pid;
	char c;

	if (pipe(up) < 0 || pipe(down) < 0)
		return -1;
	fflush(NULL);
	if ((pid = fork()) == 0) {
		d.quiet = true;
		close(up[0]);
		close(down[1]);
		if (writer_open_opts(&w, out, &o, &d) < 0)
			_exit(1);
		(void)!write(up[1], "x", 1);
		if (hold_ms == 0)
			(void)!read(down[0], &c, 1);
		else {
			ts.tv_sec = hold_ms / 1000;
			ts.tv_nsec = (long)(hold_ms % 1000) * 1000000L;
			nanosleep(&ts, NULL);
		}
		writer_abort(w);
		_exit(0);
	}
	close(up[1]);
	close(down[0]);
	if (pid < 0 || read(up[0], &c, 1) != 1) {
		close(up[0]);
		close(down[1]);
		return -1;
	}
	close(up[0]);
	*release_fd = down[1];
	return pid;
}

static void
test_write__lock_contention(void)
{
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, want = BUF_INIT, got = BUF_INIT;
	struct writer_opts o = { 300, false, false, false, false };
	struct writer *w = NULL;
	struct timespec t0;
	struct diag d;
	int release = -1, status;
	pid_t pid;

	pid = holder(out, 0, &release);
	OK(pid > 0);
	if (pid <= 0)
		goto out;

	/* Waits, then gives up with a message naming the lock and holder. */
	quiet(&d, &m);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	INT_EQ(writer_open_opts(&w, out, &o, &d), -1);
	OK(w == NULL);
	OK(seconds_since(&t0) >= 0.29);
	OK(seconds_since(&t0) < 5);
	buf_printf(&want, "waiting for the lock on %s.lock (another build, "
	    "process %ld, is writing %s)\nerror: %s.lock: gave up waiting for "
	    "the lock after 0.300 s (process %ld still holds it)\n", out,
	    (long)pid, out, out, (long)pid);
	STR_EQ(m.data, want.data);

	/* No wait at all. */
	quiet(&d, &m);
	o.wait_ms = 0;
	INT_EQ(writer_open_opts(&w, out, &o, &d), -1);
	buf_reset(&want);
	buf_printf(&want, "error: %s.lock: another build (process %ld) holds "
	    "the lock\n", out, (long)pid);
	STR_EQ(m.data, want.data);
	close(release);
	waitpid(pid, &status, 0);
	INT_EQ(status, 0);

	/* A holder that finishes while we wait. */
	pid = holder(out, 300, &release);
	OK(pid > 0);
	quiet(&d, &m);
	o.wait_ms = 10000;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	INT_EQ(writer_open_opts(&w, out, &o, &d), 0);
	OK(seconds_since(&t0) >= 0.1);
	OK(strncmp(m.data, "waiting for the lock on ", 24) == 0);
	if (w != NULL) {
		INT_EQ(put_str(w, "index.html", "mine", &d), 0);
		INT_EQ(writer_commit(w, &d), 0);
	}
	close(release);
	waitpid(pid, &status, 0);

	/* A holder that dies leaves no lock, and its staging is cleaned. */
	pid = holder(out, 0, &release);
	OK(pid > 0);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	close(release);
	o.wait_ms = 0;
	quiet(&d, &m);
	INT_EQ(writer_open_opts(&w, out, &o, &d), 0);
	if (w != NULL) {
		INT_EQ(put_str(w, "index.html", "after", &d), 0);
		INT_EQ(writer_commit(w, &d), 0);
	}
	STR_EQ(m.data, "");
	run(&got, "ls -A '%s' && cat '%s/index.html'", tmp, out);
	STR_EQ(got.data, "public\npublic.lock\nafter");
out:
	buf_release(&m);
	buf_release(&want);
	buf_release(&got);
	free(out);
	teardown(tmp);
}

static void
test_write__cleans_leftovers(void)
{
	static const char *const one[] = { "index.html=one", NULL };
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
	struct diag d;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		quiet(&d, &m);
		/* pass 1: with a previous site in place */
		if (pass == 1)
			INT_EQ(build(out, false, one, &d), 0);
		sh("cd '%s' && mkdir -p .public.staging-abc123/x "
		    ".public.old-XYZ789/g/h .public.staging-keep-me "
		    ".publicx.old-abc123 .public.old-abc1234 other && "
		    "touch .public.staging-abc123/x/f .public.old-XYZ789/g/h/f "
		    ".public.old-Q1w2E3", tmp);
		INT_EQ(build(out, false, one, &d), 0);
		if (pass == 0) {
			/* With no site in place, an old one is put back first. */
			buf_reset(&want);
			buf_printf(&want, "%s: restored the previous site from "
			    ".public.old-XYZ789, left by an interrupted build\n",
			    out);
			STR_EQ(m.data, want.data);
		} else
			STR_EQ(m.data, "");
		run(&got, "ls -A '%s' && cat '%s/index.html'", tmp, out);
		STR_EQ(got.data, ".public.old-abc1234\n.public.staging-keep-me\n"
		    ".publicx.old-abc123\nother\npublic\npublic.lock\none");
		sh("cd '%s' && rm -rf .public* other public", tmp);
	}
	buf_release(&m);
	buf_release(&got);
	buf_release(&want);
	free(out);
	teardown(tmp);
}

static void
test_write__recovers_interrupted_swap(void)
{
	static const char *const one[] = {
		"index.html=one", "a/b.html=b", NULL,
	};
	static const char *const two[] = { "index.html=two", NULL };
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, before = BUF_INIT, got = BUF_INIT;
	struct writer *w = NULL;
	struct diag d;

	quiet(&d, &m);
	INT_EQ(build(out, false, one, &d), 0);
	snapshot(&before, out);
	/* A crash between "output aside" and "staging into place". */
	sh("cd '%s' && mv public .public.old-Ab12Cd && "
	    "mkdir .public.staging-Ef34Gh && echo half > "
	    ".public.staging-Ef34Gh/index.html", tmp);
	INT_EQ(writer_open(&w, out, &d), 0);
	buf_reset(&got);
	buf_printf(&got, "%s: restored the previous site from "
	    ".public.old-Ab12Cd, left by an interrupted build\n", out);
	STR_EQ(m.data, got.data);
	writer_abort(w);
	snapshot(&got, out);
	STR_EQ(got.data, before.data);

	INT_EQ(build(out, true, two, &d), 0);
	run(&got, "ls -A '%s' && cat '%s/index.html'", tmp, out);
	STR_EQ(got.data, "public\npublic.lock\ntwo");
	buf_release(&m);
	buf_release(&before);
	buf_release(&got);
	free(out);
	teardown(tmp);
}

static void
test_write__refuses_out_dirs(void)
{
	char *tmp = setup(), *file = path_of(tmp, "file"), *sub;
	struct buf m = BUF_INIT, got = BUF_INIT;
	struct writer *w = NULL;
	struct diag d;
	char *cwd = getcwd(NULL, 0);

	sub = path_of(tmp, "a/b");
	sh("echo data > '%s' && mkdir -p '%s'", file, sub);
	quiet(&d, &m);
	INT_EQ(writer_open(&w, file, &d), -1);
	buf_printf(&got, "error: %s: exists and is not a directory; refusing "
	    "to replace it\n", file);
	STR_EQ(m.data, got.data);
	run(&got, "cat '%s'", file);
	STR_EQ(got.data, "data\n");

	quiet(&d, &m);
	INT_EQ(writer_open(&w, "/", &d), -1);
	STR_EQ(m.data, "error: /: refusing to replace the root directory\n");
	quiet(&d, &m);
	INT_EQ(writer_open(&w, "//", &d), -1);
	OK(strstr(m.data, "refusing to replace the root directory") != NULL);
	quiet(&d, &m);
	INT_EQ(writer_open(&w, "", &d), -1);
	STR_EQ(m.data, "error: the output directory is an empty path\n");

	/* The current directory and its parents, however they are spelled. */
	OK(chdir(sub) == 0);
	quiet(&d, &m);
	INT_EQ(writer_open(&w, ".", &d), -1);
	STR_EQ(m.data, "error: .: refusing to replace the current directory "
	    "or one of its parents\n");
	INT_EQ(writer_open(&w, "..", &d), -1);
	INT_EQ(writer_open(&w, "../", &d), -1);
	INT_EQ(writer_open(&w, sub, &d), -1);
	INT_EQ(writer_open(&w, tmp, &d), -1);
	INT_EQ(writer_open(&w, "../../a/./b/", &d), -1);
	INT_EQ(d.errors, 6);
	/* A directory below the current one is fine. */
	INT_EQ(writer_open(&w, "public", &d), 0);
	if (w != NULL)
		STR_EQ(writer_dir(w) + strlen(writer_dir(w)) - 11, "/a/b/public");
	writer_abort(w);
	if (cwd != NULL)
		OK(chdir(cwd) == 0);
	run(&got, "ls -A '%s' && ls -A '%s'", tmp, sub);
	STR_EQ(got.data, "a\nfile\npublic.lock\n");
	free(cwd);
	free(sub);
	free(file);
	buf_release(&m);
	buf_release(&got);
	teardown(tmp);
}

static void
test_write__follows_symlinked_out_dir(void)
{
	static const char *const one[] = { "index.html=one", NULL };
	static const char *const two[] = { "two.html=two", NULL };
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, got = BUF_INIT;
	struct diag d;

	sh("mkdir -p '%s/srv/site' && ln -s srv/site '%s'", tmp, out);
	quiet(&d, &m);
	INT_EQ(build(out, false, one, &d), 0);
	INT_EQ(build(out, false, two, &d), 0);
	STR_EQ(m.data, "");
	run(&got, "cd '%s' && readlink public && ls -A public srv", tmp);
	STR_EQ(got.data, "srv/site\npublic:\ntwo.html\n\nsrv:\nsite\n"
	    "site.lock\n");
	buf_release(&m);
	buf_release(&got);
	free(out);
	teardown(tmp);
}

#define PER_THREAD	600

struct job {
	struct writer	*w;
	int		 id;
	int		 ok, failed;
};

static void *
worker(void *arg)
{
	struct job *j = arg;
	struct diag d = DIAG_INIT;
	char path[64], body[64];
	int i;

	d.quiet = true;
	for (i = 0; i < PER_THREAD; i++) {
		snprintf(path, sizeof(path), "t%d/%d/%d.html", j->id, i % 10, i);
		snprintf(body, sizeof(body), "%d-%d", j->id, i);
		if (writer_put(j->w, path, body, strlen(body), &d) == 0)
			j->ok++;
		else
			j->failed++;
		if (i < 100) {
			snprintf(path, sizeof(path), "shared/%d.html", i);
			if (writer_put(j->w, path, "s", 1, &d) == 0)
				j->ok++;
			else
				j->failed++;
		}
	}
	return NULL;
}

static void
test_write__threads(void)
{
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, got = BUF_INIT;
	struct job jobs[4];
	pthread_t th[4];
	struct writer *w = NULL;
	struct diag d;
	const char **v;
	size_t n, i;
	int k, ok = 0, failed = 0;

	quiet(&d, &m);
	INT_EQ(writer_open(&w, out, &d), 0);
	if (w == NULL)
		goto out;
	for (k = 0; k < 4; k++) {
		jobs[k].w = w;
		jobs[k].id = k;
		jobs[k].ok = jobs[k].failed = 0;
		pthread_create(&th[k], NULL, worker, &jobs[k]);
	}
	for (k = 0; k < 4; k++) {
		pthread_join(th[k], NULL);
		ok += jobs[k].ok;
		failed += jobs[k].failed;
	}
	INT_EQ(ok, 4 * PER_THREAD + 100);
	INT_EQ(failed, 3 * 100);
	v = writer_paths(w, &n);
	INT_EQ(n, 4 * PER_THREAD + 100);
	for (i = 1; i < n; i++)
		if (strcmp(v[i - 1], v[i]) >= 0)
			FAIL_AT("not sorted at %zu: %s, %s", i, v[i - 1], v[i]);
	free(v);
	OK(writer_has(w, "t3/9/599.html"));
	OK(writer_has(w, "shared/99.html"));
	OK(!writer_has(w, "shared/100.html"));
	INT_EQ(writer_commit(w, &d), 0);
	run(&got, "cd '%s' && find . -type f | wc -l && cat t2/7/297.html",
	    out);
	STR_EQ(got.data, "2500\n2-297");
out:
	buf_release(&m);
	buf_release(&got);
	free(out);
	teardown(tmp);
}

/* A key made of one byte, for the tests. */
static struct okey
key_of(unsigned char c)
{
	struct okey k;

	memset(k.b, c, sizeof(k.b));
	return k;
}

/*
 * One incremental build: files "path=content" are written with key 1,
 * "path~content" with key 2, "path" alone kept with key 1 (must be kept);
 * puts the counts in st.
 */
static int
incr(const char *out, const char *const *files, struct writer_stats *st,
    struct diag *d)
{
	struct writer_opts o = { 0, false, true, true, false };
	struct okey k1 = key_of(1), k2 = key_of(2);
	struct writer *w;
	const char *sep;
	char *p;
	size_t i;
	int rc = 0;

	if (writer_open_opts(&w, out, &o, d) < 0)
		return -1;
	for (i = 0; files[i] != NULL; i++) {
		sep = strpbrk(files[i], "=~");
		if (sep == NULL) {
			if (writer_keep(w, files[i], &k1, d) != 1)
				rc = -1;
			continue;
		}
		p = strndup(files[i], (size_t)(sep - files[i]));
		if (writer_put_key(w, p, sep + 1, strlen(sep + 1),
		    *sep == '=' ? &k1 : &k2, d) < 0)
			rc = -1;
		free(p);
	}
	if (rc < 0) {
		writer_abort(w);
		return -1;
	}
	return writer_commit_stats(w, st, d);
}

static void
test_write__keeps_unchanged_files(void)
{
	static const char *const one[] = {
		"index.html=one\n", "a/b.html=b\n", "gone/g.html=g\n",
		"x=file\n", NULL,
	};
	static const char *const two[] = {
		"index.html", "a/b.html~b2\n", "x/y.html=dir now\n",
		"n/m/o.html=new\n", NULL,
	};
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, got = BUF_INIT;
	struct writer_stats st;
	struct writer_opts o = { 0, false, true, true, false };
	struct okey k1 = key_of(1), k2 = key_of(2);
	struct writer *w;
	struct diag d;

	quiet(&d, &m);
	INT_EQ(incr(out, one, &st, &d), 0);
	OK(!st.update);
	INT_EQ(st.put, 4);
	run(&got, "cat '%s/.badgegen/manifest'", out);
	STR_EQ(got.data, "badgegen-manifest 1\n"
	    "01010101010101010101010101010101 a/b.html\n"
	    "01010101010101010101010101010101 gone/g.html\n"
	    "01010101010101010101010101010101 index.html\n"
	    "01010101010101010101010101010101 x\n");
	sh("touch -d 2000-01-01 '%s/index.html'", out);

	INT_EQ(incr(out, two, &st, &d), 0);
	STR_EQ(m.data, "");
	OK(st.update);
	INT_EQ(st.kept, 1);
	INT_EQ(st.put, 3);
	INT_EQ(st.deleted, 2);
	snapshot(&got, out);
	STR_EQ(got.data,
	    ". d 755\n./.badgegen d 755\n./.badgegen/manifest f 644\n"
	    "./a d 755\n./a/b.html f 644\n./index.html f 644\n./n d 755\n"
	    "./n/m d 755\n./n/m/o.html f 644\n./x d 755\n./x/y.html f 644\n"
	    "badgegen-manifest 1\n"
	    "02020202020202020202020202020202 a/b.html\n"
	    "01010101010101010101010101010101 index.html\n"
	    "01010101010101010101010101010101 n/m/o.html\n"
	    "01010101010101010101010101010101 x/y.html\n"
	    "b2\none\nnew\ndir now\n");
	/* The kept file was not touched. */
	run(&got, "stat -c %%Y '%s/index.html'", out);
	STR_EQ(got.data, "946684800\n");
	run(&got, "ls -A '%s'", tmp);
	STR_EQ(got.data, "public\npublic.lock\n");

	/* A key that differs is not kept; a kept path is one source. */
	INT_EQ(writer_open_opts(&w, out, &o, &d), 0);
	if (w != NULL) {
		INT_EQ(writer_keep(w, "index.html", &k2, &d), 0);
		INT_EQ(writer_keep(w, "nothere.html", &k1, &d), 0);
		INT_EQ(writer_keep(w, "index.html", &k1, &d), 1);
		INT_EQ(writer_put_key(w, "index.html", "x", 1, &k1, &d), -1);
		OK(strstr(m.data, "two sources for one URL") != NULL);
		INT_EQ(writer_keep(w, "n/m", &k1, &d), 0);
		INT_EQ(writer_keep(w, "n/m/o.html", &k1, &d), 1);
		INT_EQ(writer_put(w, "n/m", "x", 1, &d), -1);
		INT_EQ(writer_put(w, ".badgegen/manifest", "x", 1, &d), -1);
		OK(strstr(m.data, "reserved for badgegen's build manifest") !=
		    NULL);
		writer_abort(w);
	}
	buf_release(&m);
	buf_release(&got);
	free(out);
	teardown(tmp);
}

static void
test_write__completes_journal(void)
{
	static const char *const one[] = {
		"index.html=one\n", "a/b.html=b\n", "c.html=c\n", NULL,
	};
	static const char *const two[] = {
		"index.html", "a/b.html", "c.html", NULL,
	};
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, got = BUF_INIT;
	struct writer_stats st;
	struct diag d;

	quiet(&d, &m);
	INT_EQ(incr(out, one, &st, &d), 0);
	/*
	 * An update stopped half way: a/b.html already moved into place, the
	 * new d.html not yet, c.html not yet removed.
	 */
	INT_EQ(sh("cd '%s' && mkdir -p .public.staging-Ab12Cd/.badgegen && "
	    "echo new > .public.staging-Ab12Cd/d.html && "
	    "echo b2 > public/a/b.html && "
	    "sed -e '/c.html/d' -e 's/^\\(.*\\) a.b.html$/\\1 d.html/' "
	    "public/.badgegen/manifest > .public.staging-Ab12Cd/.badgegen/manifest && "
	    "echo 01010101010101010101010101010101 a/b.html >> .public.staging-Ab12Cd/.badgegen/manifest && "
	    "printf 'badgegen-journal 1\\nstaging .public.staging-Ab12Cd\\n"
	    "del c.html\\nput a/b.html\\nput d.html\\nput .badgegen/manifest\\n"
	    "end\\n' > .public.journal", tmp), 0);
	INT_EQ(incr(out, two, &st, &d), -1);	/* c.html is gone now */
	OK(strstr(m.data, "completed the update of the site") != NULL);
	snapshot(&got, out);
	OK(strstr(got.data, "./c.html") == NULL);
	OK(strstr(got.data, "./d.html f 644") != NULL);
	run(&got, "cat '%s/a/b.html' '%s/d.html'; ls -A '%s'", out, out, tmp);
	STR_EQ(got.data, "b2\nnew\npublic\npublic.lock\n");

	/* A journal that cannot be applied stops an incremental build. */
	quiet(&d, &m);
	INT_EQ(sh("cd '%s' && printf 'badgegen-journal 1\\nstaging "
	    ".public.staging-Zz99Zz\\nput x.html\\n' > .public.journal", tmp),
	    0);
	INT_EQ(incr(out, one, &st, &d), -1);
	OK(strstr(m.data, "damaged or incomplete journal") != NULL);
	OK(strstr(m.data, "build with --full") != NULL);
	/* A full build drops it and replaces the site. */
	quiet(&d, &m);
	INT_EQ(build(out, false, one, &d), 0);
	OK(strstr(m.data, "dropped an update that cannot be applied") != NULL);
	run(&got, "ls -A '%s'", tmp);
	STR_EQ(got.data, "public\npublic.lock\n");
	buf_release(&m);
	buf_release(&got);
	free(out);
	teardown(tmp);
}


/*
 * The order of a journal: new files (pages last) before changed ones,
 * removals after them, then the new files a removal must make way for,
 * the manifest last.  A put that fails leaves the journal to read.
 */
static void
test_write__journal_order(void)
{
	static const char *const one[] = {
		"index.html=one\n", "a.png=a\n", "gone/g.html=g\n", "x=file\n",
		NULL,
	};
	static const char *const two[] = {
		"index.html~two\n", "a.png", "new/n.html=n\n", "new/n.png=p\n",
		"x/y.html=y\n", "z.html=z\n", NULL,
	};
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, got = BUF_INIT;
	struct writer_stats st;
	struct diag d;

	quiet(&d, &m);
	INT_EQ(incr(out, one, &st, &d), 0);
	/* Something not of badgegen's in the way of z.html. */
	INT_EQ(sh("mkdir -p '%s/z.html/sub'", out), 0);
	INT_EQ(incr(out, two, &st, &d), -1);
	OK(strstr(m.data, "z.html: cannot put the new file in place: a "
	    "directory is in the way") != NULL);
	run(&got, "sed 1,2d '%s/.public.journal'", tmp);
	STR_EQ(got.data, "put new/n.png\nput new/n.html\nput z.html\n"
	    "put index.html\ndel gone/g.html\ndel x\nput x/y.html\n"
	    "put .badgegen/manifest\nend\n");
	/* Everything else is in place: no page links to a file gone. */
	run(&got, "cd '%s' && cat index.html new/n.html new/n.png x/y.html && "
	    "test ! -e gone && echo gone", out);
	STR_EQ(got.data, "two\nn\np\ny\ngone\n");
	/* Out of the way, the next build completes it. */
	INT_EQ(sh("rm -r '%s/z.html'", out), 0);
	quiet(&d, &m);
	INT_EQ(incr(out, two, &st, &d), 0);
	OK(strstr(m.data, "completed the update of the site") != NULL);
	run(&got, "cat '%s/z.html'; ls -A '%s'", out, tmp);
	STR_EQ(got.data, "z\npublic\npublic.lock\n");
	buf_release(&m);
	buf_release(&got);
	free(out);
	teardown(tmp);
}

/*
 * Opening the writer removes every leftover of earlier builds, whichever
 * process made them: temporary files too, and also when the build then
 * finds nothing to do (opens and aborts).
 */
static void
test_write__open_cleans_everything(void)
{
	static const char *const one[] = { "index.html=one\n", NULL };
	struct writer_opts o = { 0, false, true, true, false };
	char *tmp = setup(), *out = path_of(tmp, "public");
	struct buf m = BUF_INIT, got = BUF_INIT;
	struct writer_stats st;
	struct writer *w = NULL;
	struct diag d;

	quiet(&d, &m);
	INT_EQ(incr(out, one, &st, &d), 0);
	INT_EQ(sh("cd '%s' && mkdir -p .public.staging-Ab12Cd/a/b "
	    ".public.old-Qw12Er && touch .public.staging-Ab12Cd/a/b/c "
	    ".public.verify-cache.4242.tmp .public.verify-cache.1.tmp "
	    ".public.journal-tmp .public.verify-cache .public.x.tmp "
	    ".public..tmp .public.tmp .other.verify-cache.1.tmp keep.tmp",
	    tmp), 0);
	INT_EQ(writer_open_opts(&w, out, &o, &d), 0);
	writer_abort(w);
	STR_EQ(m.data, "");
	run(&got, "ls -A '%s'", tmp);
	STR_EQ(got.data, ".other.verify-cache.1.tmp\n.public..tmp\n"
	    ".public.tmp\n.public.verify-cache\nkeep.tmp\npublic\n"
	    "public.lock\n");
	buf_release(&m);
	buf_release(&got);
	free(out);
	teardown(tmp);
}

/* writer_recover: only what writer_open does first. */
static void
test_write__recover(void)
{
	static const char *const one[] = {
		"index.html=one\n", "c.html=c\n", NULL,
	};
	char *tmp = setup(), *out = path_of(tmp, "public");
	char *nowhere = path_of(tmp, "no/such/dir/public");
	struct buf m = BUF_INIT, got = BUF_INIT;
	struct writer_stats st;
	struct diag d;

	quiet(&d, &m);
	INT_EQ(incr(out, one, &st, &d), 0);
	INT_EQ(sh("cd '%s' && mkdir -p .public.staging-Ab12Cd "
	    ".public.staging-Zz99Zz && echo two > .public.staging-Ab12Cd/index.html "
	    "&& touch .public.verify-cache.7.tmp && "
	    "printf 'badgegen-journal 1\\nstaging .public.staging-Ab12Cd\\n"
	    "put index.html\\ndel c.html\\nend\\n' > .public.journal", tmp), 0);
	INT_EQ(writer_recover(out, 0, &d), 0);
	OK(strstr(m.data, "completed the update of the site") != NULL);
	run(&got, "cat '%s/index.html'; ls -A '%s'; ls -A '%s'", out, out,
	    tmp);
	STR_EQ(got.data, "two\n.badgegen\nindex.html\npublic\npublic.lock\n");
	/* Nothing was ever built there: nothing to do, nothing made. */
	quiet(&d, &m);
	INT_EQ(writer_recover(nowhere, 0, &d), 0);
	STR_EQ(m.data, "");
	run(&got, "ls -A '%s'", tmp);
	STR_EQ(got.data, "public\npublic.lock\n");
	/* A journal that cannot be completed is an error, and stays. */
	INT_EQ(sh("cd '%s' && printf 'badgegen-journal 1\\nput x\\n' > "
	    ".public.journal", tmp), 0);
	INT_EQ(writer_recover(out, 0, &d), -1);
	OK(strstr(m.data, "damaged or incomplete journal") != NULL);
	run(&got, "ls -A '%s'", tmp);
	STR_EQ(got.data, ".public.journal\npublic\npublic.lock\n");
	buf_release(&m);
	buf_release(&got);
	free(out);
	free(nowhere);
	teardown(tmp);
}


/* A dry run checks and counts, and touches nothing. */
static void
test_write__dry_run(void)
{
	static const char *const one[] = {
		"index.html=one\n", "c.html=c\n", NULL,
	};
	struct writer_opts o = { 0, false, true, true, true };
	struct okey k1 = key_of(1);
	char *tmp = setup(), *out = path_of(tmp, "public");
	char *nowhere = path_of(tmp, "no/such/public");
	struct buf m = BUF_INIT, before = BUF_INIT, got = BUF_INIT;
	struct writer_stats st;
	struct writer *w = NULL;
	const char **gone;
	size_t n;
	struct diag d;

	quiet(&d, &m);
	INT_EQ(writer_open_opts(&w, nowhere, &o, &d), 0);
	if (w != NULL) {
		INT_EQ(put_str(w, "a/b.html", "x", &d), 0);
		INT_EQ(put_str(w, "a", "x", &d), -1);	/* still checked */
		INT_EQ(writer_commit(w, &d), -1);
	}
	run(&got, "ls -A '%s'", tmp);
	STR_EQ(got.data, "");

	quiet(&d, &m);
	INT_EQ(incr(out, one, &st, &d), 0);
	run(&before, "cd '%s' && ls -lA --time-style=+%%s%%N . public", tmp);
	INT_EQ(writer_open_opts(&w, out, &o, &d), 0);
	if (w != NULL) {
		INT_EQ(writer_keep(w, "index.html", &k1, &d), 1);
		INT_EQ(put_str(w, "new.html", "n", &d), 0);
		gone = writer_removals(w, &n);
		INT_EQ(n, 1);
		if (n == 1)
			STR_EQ(gone[0], "c.html");
		free(gone);
		writer_stats(w, &st);
		INT_EQ(st.put, 1);
		INT_EQ(st.kept, 1);
		writer_abort(w);
	}
	run(&got, "cd '%s' && ls -lA --time-style=+%%s%%N . public", tmp);
	STR_EQ(got.data, before.data);
	buf_release(&m);
	buf_release(&before);
	buf_release(&got);
	free(out);
	free(nowhere);
	teardown(tmp);
}

TESTS(
	T(test_write__creates_tree),
	T(test_write__second_build_replaces),
	T(test_write__abort_keeps_previous),
	T(test_write__refuses_paths),
	T(test_write__duplicates_and_conflicts),
	T(test_write__symlink_in_staging),
	T(test_write__lock_contention),
	T(test_write__cleans_leftovers),
	T(test_write__recovers_interrupted_swap),
	T(test_write__refuses_out_dirs),
	T(test_write__follows_symlinked_out_dir),
	T(test_write__threads),
	T(test_write__keeps_unchanged_files),
	T(test_write__completes_journal),
	T(test_write__journal_order),
	T(test_write__open_cleans_everything),
	T(test_write__recover),
	T(test_write__dry_run)
)
