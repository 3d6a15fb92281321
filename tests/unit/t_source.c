/*
 * t_source.c - reading a site from git commits, bare repositories and the
 * work tree.  Each test builds real repositories with git(1) in a fresh
 * temporary directory and removes it at the end.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "relpath.h"
#include "source.h"
#include "harness.h"

/* Runs a shell command built from fmt; returns its exit status. */
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

/* Runs a shell command and returns its first output line (static storage). */
static const char *
capture(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static const char *
capture(const char *fmt, ...)
{
	static char line[512];
	struct buf cmd = BUF_INIT;
	va_list ap;
	FILE *fp;

	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	line[0] = '\0';
	if ((fp = popen(cmd.data, "r")) != NULL) {
		if (fgets(line, sizeof(line), fp) == NULL)
			line[0] = '\0';
		pclose(fp);
	}
	line[strcspn(line, "\n")] = '\0';
	buf_release(&cmd);
	return line;
}

/* A fresh temporary directory with a git environment that needs no config. */
static char *
setup(void)
{
	const char *t = getenv("TMPDIR");
	struct buf b = BUF_INIT;

	setenv("GIT_AUTHOR_NAME", "Test", 1);
	setenv("GIT_AUTHOR_EMAIL", "test@example.invalid", 1);
	setenv("GIT_COMMITTER_NAME", "Test", 1);
	setenv("GIT_COMMITTER_EMAIL", "test@example.invalid", 1);
	setenv("GIT_AUTHOR_DATE", "2024-01-02T03:04:05Z", 1);
	setenv("GIT_COMMITTER_DATE", "2024-01-02T03:04:05Z", 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	buf_printf(&b, "%s/t_source-XXXXXX", t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(b.data) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	return buf_detach(&b, NULL);
}

static void
teardown(char *dir)
{
	sh("rm -rf '%s'", dir);
	free(dir);
}

/* Writes a file below root, creating its directories. */
static void
put(const char *root, const char *path, const char *content)
{
	struct buf p = BUF_INIT;
	FILE *fp;

	buf_printf(&p, "%s/%s", root, path);
	sh("mkdir -p \"$(dirname '%s')\"", p.data);
	if ((fp = fopen(p.data, "w")) == NULL) {
		perror(p.data);
		exit(1);
	}
	fputs(content, fp);
	fclose(fp);
	buf_release(&p);
}

#define GIT "git -c init.defaultBranch=main -c user.name=Test " \
	"-c user.email=test@example.invalid -c core.autocrlf=false "

/* A repository r below tmp with a small nested site, committed as v1. */
static char *
make_repo(const char *tmp)
{
	struct buf r = BUF_INIT;

	buf_printf(&r, "%s/r", tmp);
	sh(GIT "init -q '%s'", r.data);
	put(r.data, "site.conf", "title = Test\n");
	put(r.data, "content/a.json", "{\"a\":1}\n");
	put(r.data, "content/sub/b.json", "{\"b\":2}\n");
	put(r.data, "content/sub/deep/c.json", "{\"c\":3}\n");
	put(r.data, "content/z.json", "{\"z\":26}\n");
	put(r.data, "templates/page.mustache", "<p>{{x}}</p>\n");
	put(r.data, "README.md", "readme\n");
	sh(GIT "-C '%s' add -A && " GIT "-C '%s' commit -q -m one && "
	    GIT "-C '%s' tag v1", r.data, r.data, r.data);
	return buf_detach(&r, NULL);
}

/* Collects "path oid len content" lines. */
static int
collect(void *arg, const char *path, const char *oid, const char *data,
    size_t len)
{
	struct buf *b = arg;

	buf_printf(b, "%s %s %zu ", path, oid, len);
	buf_put(b, data, len);
	if (len == 0 || data[len - 1] != '\n')
		buf_putc(b, '\n');
	return 0;
}

/* Collects paths only, one a line. */
static int
collect_paths(void *arg, const char *path, const char *oid, const char *data,
    size_t len)
{
	struct buf *b = arg;

	(void)oid;
	(void)data;
	(void)len;
	buf_printf(b, "%s\n", path);
	return 0;
}

static int
stop_at_first(void *arg, const char *path, const char *oid, const char *data,
    size_t len)
{
	int *calls = arg;

	(void)path;
	(void)oid;
	(void)data;
	(void)len;
	(*calls)++;
	return -1;
}

/* A diag that keeps its messages in m. */
static void
quiet(struct diag *d, struct buf *m)
{
	struct diag z = DIAG_INIT;

	*d = z;
	buf_reset(m);
	d->quiet = true;
	d->capture = m;
}

static void
test_source__reads_head_nested(void)
{
	char *tmp = setup(), *r = make_repo(tmp);
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, out = BUF_INIT, want = BUF_INIT;

	quiet(&d, &m);
	INT_EQ(source_open(&s, r, NULL, false, &d), 0);
	OK(s != NULL);
	if (s == NULL)
		goto out;
	STR_EQ(source_commit(s), capture("git -C '%s' rev-parse HEAD", r));
	INT_EQ(source_commit_time(s), 1704164645);
	INT_EQ(source_walk(s, "content/", collect, &out, &d), 0);
	buf_printf(&want, "content/a.json %s 8 {\"a\":1}\n",
	    capture("git -C '%s' rev-parse HEAD:content/a.json", r));
	buf_printf(&want, "content/sub/b.json %s 8 {\"b\":2}\n",
	    capture("git -C '%s' rev-parse HEAD:content/sub/b.json", r));
	buf_printf(&want, "content/sub/deep/c.json %s 8 {\"c\":3}\n",
	    capture("git -C '%s' rev-parse HEAD:content/sub/deep/c.json", r));
	buf_printf(&want, "content/z.json %s 9 {\"z\":26}\n",
	    capture("git -C '%s' rev-parse HEAD:content/z.json", r));
	STR_EQ(out.data, want.data);
	INT_EQ(d.warnings, 0);
	INT_EQ(d.errors, 0);

	/* The same without the trailing slash; the whole site with "". */
	buf_reset(&out);
	INT_EQ(source_walk(s, "content", collect_paths, &out, &d), 0);
	STR_EQ(out.data, "content/a.json\ncontent/sub/b.json\n"
	    "content/sub/deep/c.json\ncontent/z.json\n");
	buf_reset(&out);
	INT_EQ(source_walk(s, "", collect_paths, &out, &d), 0);
	STR_EQ(out.data, "README.md\ncontent/a.json\ncontent/sub/b.json\n"
	    "content/sub/deep/c.json\ncontent/z.json\nsite.conf\n"
	    "templates/page.mustache\n");
	buf_reset(&out);
	INT_EQ(source_walk(s, "content/sub/deep/", collect_paths, &out, &d), 0);
	STR_EQ(out.data, "content/sub/deep/c.json\n");

	/* A missing prefix has no files and no message. */
	buf_reset(&out);
	INT_EQ(source_walk(s, "static/", collect_paths, &out, &d), 0);
	STR_EQ(out.data, "");
	INT_EQ(d.warnings + d.errors, 0);
out:
	source_free(s);
	buf_release(&m);
	buf_release(&out);
	buf_release(&want);
	free(r);
	teardown(tmp);
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_source__sorted_byte_order(void)
{
	static const char *names[] = {
		"content/a.json", "content/a-b.json", "content/a/x.json",
		"content/a/b/c.json", "content/a0.json", "content/B.json",
		"content/ab/x", "content/a b", "content/\xc3\xa9.json",
		"content/~", "content/a.json.d/x",
	};
	char *tmp = setup(), *r = NULL;
	char *sorted[sizeof(names) / sizeof(names[0])];
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, out = BUF_INIT, want = BUF_INIT;
	struct buf rb = BUF_INIT;
	size_t i, n = sizeof(names) / sizeof(names[0]);
	int mode;

	buf_printf(&rb, "%s/r", tmp);
	r = rb.data;
	sh(GIT "init -q '%s'", r);
	for (i = 0; i < n; i++) {
		put(r, names[i], "x\n");
		sorted[i] = (char *)names[i];
	}
	sh(GIT "-C '%s' add -A && " GIT "-C '%s' commit -q -m x", r, r);
	qsort(sorted, n, sizeof(sorted[0]), strp_cmp);
	for (i = 0; i < n; i++)
		buf_printf(&want, "%s\n", sorted[i]);
	for (mode = 0; mode < 2; mode++) {
		quiet(&d, &m);
		buf_reset(&out);
		INT_EQ(source_open(&s, r, NULL, mode == 1, &d), 0);
		if (s == NULL)
			continue;
		INT_EQ(source_walk(s, "content/", collect_paths, &out, &d), 0);
		STR_EQ(out.data, want.data);
		source_free(s);
		s = NULL;
	}
	buf_release(&m);
	buf_release(&out);
	buf_release(&want);
	buf_release(&rb);
	teardown(tmp);
}

static void
test_source__older_revisions(void)
{
	char *tmp = setup(), *r = make_repo(tmp);
	char v1[64], v2[64];
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, out = BUF_INIT;
	static const char *revs[] = { "v1", NULL, "HEAD~1", "main~1", NULL };
	size_t i;

	snprintf(v1, sizeof(v1), "%s", capture("git -C '%s' rev-parse HEAD", r));
	put(r, "content/a.json", "{\"a\":2}\n");
	sh("rm '%s/content/z.json'", r);
	sh(GIT "-C '%s' commit -q -a -m two && " GIT "-C '%s' tag -a -m v2 v2",
	    r, r);
	snprintf(v2, sizeof(v2), "%s", capture("git -C '%s' rev-parse HEAD", r));
	OK(strcmp(v1, v2) != 0);

	revs[1] = v1;
	for (i = 0; i < 4; i++) {
		quiet(&d, &m);
		buf_reset(&out);
		INT_EQ(source_open(&s, r, revs[i], false, &d), 0);
		if (s == NULL)
			continue;
		STR_EQ(source_commit(s), v1);
		INT_EQ(source_walk(s, "content/", collect_paths, &out, &d), 0);
		STR_EQ(out.data, "content/a.json\ncontent/sub/b.json\n"
		    "content/sub/deep/c.json\ncontent/z.json\n");
		INT_EQ(source_read(s, "content/a.json", &out, NULL, &d), 0);
		STR_EQ(out.data, "{\"a\":1}\n");
		source_free(s);
		s = NULL;
	}

	/* An annotated tag peels to its commit; so does an abbreviated id. */
	quiet(&d, &m);
	INT_EQ(source_open(&s, r, "v2", false, &d), 0);
	if (s != NULL) {
		STR_EQ(source_commit(s), v2);
		INT_EQ(source_read(s, "content/a.json", &out, NULL, &d), 0);
		STR_EQ(out.data, "{\"a\":2}\n");
		INT_EQ(source_read(s, "content/z.json", &out, NULL, &d), 1);
	}
	source_free(s);
	s = NULL;
	v1[10] = '\0';
	INT_EQ(source_open(&s, r, v1, false, &d), 0);
	OK(s != NULL && strncmp(source_commit(s), v1, 10) == 0);
	source_free(s);
	buf_release(&m);
	buf_release(&out);
	free(r);
	teardown(tmp);
}

static void
test_source__bare_clone(void)
{
	char *tmp = setup(), *r = make_repo(tmp);
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, want = BUF_INIT, out = BUF_INIT;
	struct buf bare = BUF_INIT, inside = BUF_INIT;
	char tid[41];

	buf_printf(&bare, "%s/r.git", tmp);
	buf_printf(&inside, "%s/r.git/refs", tmp);
	sh("git clone -q --bare '%s' '%s'", r, bare.data);
	quiet(&d, &m);
	INT_EQ(source_open(&s, r, NULL, false, &d), 0);
	if (s != NULL)
		INT_EQ(source_walk(s, "", collect, &want, &d), 0);
	source_free(s);
	s = NULL;

	INT_EQ(source_open(&s, bare.data, NULL, false, &d), 0);
	if (s != NULL) {
		INT_EQ(source_walk(s, "", collect, &out, &d), 0);
		STR_EQ(out.data, want.data);
		STR_EQ(source_commit(s),
		    capture("git -C '%s' rev-parse HEAD", r));
		INT_EQ(source_tree_id(s, "content", tid), 0);
		STR_EQ(tid, capture("git -C '%s' rev-parse HEAD:content", r));
		/* A bare repository has no work tree to differ from. */
		source_warn_dirty(s, &d);
		INT_EQ(d.warnings, 0);
	}
	source_free(s);
	s = NULL;

	/* From a directory inside the bare repository, as a hook may run. */
	buf_reset(&out);
	INT_EQ(source_open(&s, inside.data, "v1", false, &d), 0);
	if (s != NULL) {
		INT_EQ(source_walk(s, "", collect, &out, &d), 0);
		STR_EQ(out.data, want.data);
	}
	source_free(s);
	INT_EQ(d.errors + d.warnings, 0);
	buf_release(&m);
	buf_release(&want);
	buf_release(&out);
	buf_release(&bare);
	buf_release(&inside);
	free(r);
	teardown(tmp);
}

static void
test_source__worktree_same_oids(void)
{
	char *tmp = setup(), *r = make_repo(tmp);
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, want = BUF_INIT, out = BUF_INIT;
	char oid[41], tid[41];

	put(r, "content/empty.json", "");
	sh(GIT "-C '%s' add -A && " GIT "-C '%s' commit -q -m empty", r, r);
	quiet(&d, &m);
	INT_EQ(source_open(&s, r, NULL, false, &d), 0);
	if (s != NULL)
		INT_EQ(source_walk(s, "", collect, &want, &d), 0);
	source_free(s);
	s = NULL;

	INT_EQ(source_open(&s, r, NULL, true, &d), 0);
	if (s == NULL)
		goto out;
	OK(source_commit(s) == NULL);
	INT_EQ(source_commit_time(s), 0);
	/* The whole site, without .git. */
	INT_EQ(source_walk(s, "", collect, &out, &d), 0);
	STR_EQ(out.data, want.data);
	OK(strstr(out.data, "content/empty.json "
	    "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 0") != NULL);
	INT_EQ(source_read(s, "content/sub/b.json", &out, oid, &d), 0);
	STR_EQ(out.data, "{\"b\":2}\n");
	STR_EQ(oid, capture("git -C '%s' rev-parse HEAD:content/sub/b.json", r));
	INT_EQ(source_tree_id(s, "content", tid), 1);

	/* Files on disk that are not committed are read too. */
	put(r, "content/new.json", "{}");
	buf_reset(&out);
	INT_EQ(source_walk(s, "content/sub", collect_paths, &out, &d), 0);
	STR_EQ(out.data, "content/sub/b.json\ncontent/sub/deep/c.json\n");
	buf_reset(&out);
	INT_EQ(source_walk(s, "content/", collect_paths, &out, &d), 0);
	STR_EQ(out.data, "content/a.json\ncontent/empty.json\n"
	    "content/new.json\ncontent/sub/b.json\ncontent/sub/deep/c.json\n"
	    "content/z.json\n");
	/* The warning about uncommitted changes is for commits only. */
	source_warn_dirty(s, &d);
	INT_EQ(d.warnings + d.errors, 0);
	source_free(s);
	s = NULL;

	/* Worktree mode needs no repository. */
	sh("rm -rf '%s/.git'", r);
	INT_EQ(source_open(&s, r, NULL, true, &d), 0);
	if (s != NULL) {
		buf_reset(&out);
		INT_EQ(source_walk(s, "templates/", collect_paths, &out, &d), 0);
		STR_EQ(out.data, "templates/page.mustache\n");
	}
out:
	source_free(s);
	buf_release(&m);
	buf_release(&want);
	buf_release(&out);
	free(r);
	teardown(tmp);
}

static void
test_source__symlinks_skipped(void)
{
	char *tmp = setup(), *r = make_repo(tmp);
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, out = BUF_INIT;
	int mode;

	sh("ln -s a.json '%s/content/link.json' && "
	    "ln -s /etc '%s/content/etc' && ln -s content '%s/static'",
	    r, r, r);
	sh(GIT "-C '%s' add -A && " GIT "-C '%s' commit -q -m links", r, r);
	for (mode = 0; mode < 2; mode++) {
		quiet(&d, &m);
		buf_reset(&out);
		INT_EQ(source_open(&s, r, NULL, mode == 1, &d), 0);
		if (s == NULL)
			continue;
		INT_EQ(source_walk(s, "content/", collect_paths, &out, &d), 0);
		STR_EQ(out.data, "content/a.json\ncontent/sub/b.json\n"
		    "content/sub/deep/c.json\ncontent/z.json\n");
		INT_EQ(d.warnings, 2);
		OK(strstr(m.data, "warning: content/link.json: symbolic link, "
		    "skipped\n") != NULL);
		OK(strstr(m.data, "warning: content/etc: symbolic link, "
		    "skipped\n") != NULL);

		/* A prefix that is a link is not followed. */
		buf_reset(&out);
		INT_EQ(source_walk(s, "static/", collect_paths, &out, &d), 0);
		STR_EQ(out.data, "");
		OK(strstr(m.data, "warning: static: symbolic link, skipped")
		    != NULL);
		buf_reset(&out);
		INT_EQ(source_walk(s, "content/etc/", collect_paths, &out, &d),
		    0);
		STR_EQ(out.data, "");

		/* Reading one is an error. */
		quiet(&d, &m);
		INT_EQ(source_read(s, "content/link.json", &out, NULL, &d), -1);
		OK(strstr(m.data, "content/link.json: is a symbolic link")
		    != NULL);
		/* Nor is a path through a link: the file is not in the site. */
		quiet(&d, &m);
		INT_EQ(source_read(s, "content/etc/passwd", &out, NULL, &d), 1);
		INT_EQ(source_read(s, "static/a.json", &out, NULL, &d), 1);
		STR_EQ(m.data, "");
		source_free(s);
		s = NULL;
	}
	buf_release(&m);
	buf_release(&out);
	free(r);
	teardown(tmp);
}

static void
test_source__submodule_skipped(void)
{
	char *tmp = setup(), *r = make_repo(tmp);
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, out = BUF_INIT;

	sh(GIT "-C '%s' update-index --add --cacheinfo "
	    "160000,%s,content/mod && " GIT "-C '%s' commit -q -m sub", r,
	    capture("git -C '%s' rev-parse HEAD", r), r);
	quiet(&d, &m);
	INT_EQ(source_open(&s, r, NULL, false, &d), 0);
	if (s != NULL) {
		INT_EQ(source_walk(s, "content/", collect_paths, &out, &d), 0);
		STR_EQ(out.data, "content/a.json\ncontent/sub/b.json\n"
		    "content/sub/deep/c.json\ncontent/z.json\n");
		STR_EQ(m.data, "warning: content/mod: submodule, skipped\n");
		INT_EQ(source_read(s, "content/mod", &out, NULL, &d), -1);
	}
	source_free(s);
	buf_release(&m);
	buf_release(&out);
	free(r);
	teardown(tmp);
}

/*
 * Writes a raw tree object whose entries are given as "mode name" in
 * the given order (no sorting, no name checks), each a blob "x\n" or,
 * for mode 40000, the tree sub.  Returns its id.
 */
static void
raw_tree(git_oid *out, git_repository *repo, const git_oid *sub,
    const char *const *ents, size_t n)
{
	struct buf raw = BUF_INIT;
	git_oid blob;
	git_odb *odb;
	size_t i;

	OK(git_repository_odb(&odb, repo) == 0);
	OK(git_odb_write(&blob, odb, "x\n", 2, GIT_OBJECT_BLOB) == 0);
	for (i = 0; i < n; i++) {
		buf_puts(&raw, ents[i]);
		buf_putc(&raw, '\0');
		buf_put(&raw, strncmp(ents[i], "40000 ", 6) == 0 ?
		    sub->id : blob.id, GIT_OID_RAWSZ);
	}
	OK(git_odb_write(out, odb, raw.data, raw.len, GIT_OBJECT_TREE) == 0);
	git_odb_free(odb);
	buf_release(&raw);
}

static void
test_source__hostile_tree(void)
{
	static const char *const inner[] = {
		"100644 z", "100644 y",
	};
	static const char *const top[] = {
		"100644 b", "100644 a", "100644 ..", "100644 .", "40000 d",
		"100644 e/f", "100644 back\\slash", "100644 ctl\001x",
		"100644 a", "40000 .git", "100644 c",
	};
	char *tmp = setup(), *r = make_repo(tmp);
	git_repository *repo = NULL;
	git_oid in, root;
	char hex[41];
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, out = BUF_INIT;

	git_libgit2_init();
	OK(git_repository_open(&repo, r) == 0);
	if (repo == NULL)
		goto out;
	raw_tree(&in, repo, NULL, inner, 2);
	raw_tree(&root, repo, &in, top, sizeof(top) / sizeof(top[0]));
	git_oid_tostr(hex, sizeof(hex), &root);
	sh("cd '%s' && git update-ref refs/heads/odd "
	    "\"$(git commit-tree %s -m odd)\"", r, hex);

	quiet(&d, &m);
	INT_EQ(source_open(&s, r, "odd", false, &d), 0);
	if (s == NULL)
		goto out;
	INT_EQ(source_walk(s, "", collect_paths, &out, &d), 0);
	STR_EQ(out.data, "a\nb\nc\nd/y\nd/z\n");
	OK(strstr(m.data, "warning: ..: \"..\" component, skipped\n") != NULL);
	OK(strstr(m.data, "warning: .: \".\" component, skipped\n") != NULL);
	OK(strstr(m.data, "warning: e/f: slash in a name, skipped\n") != NULL);
	OK(strstr(m.data, "warning: back\\x5cslash: backslash, skipped\n")
	    != NULL);
	OK(strstr(m.data, "warning: ctl\\x01x: control character, skipped\n")
	    != NULL);
	OK(strstr(m.data, "warning: a: duplicate tree entry, skipped\n")
	    != NULL);
	OK(strstr(m.data, "warning: .git: reserved name, skipped\n") != NULL);
	INT_EQ(d.errors, 0);
out:
	source_free(s);
	git_repository_free(repo);
	git_libgit2_shutdown();
	buf_release(&m);
	buf_release(&out);
	free(r);
	teardown(tmp);
}

static void
test_source__paths_outside_refused(void)
{
	static const char *bad[] = {
		"../site.conf", "/etc/passwd", "content/../site.conf",
		"content/./a.json", "content//a.json", "content\\a.json",
		"content/a\n.json", "", "content/",
	};
	char *tmp = setup(), *r = make_repo(tmp);
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, out = BUF_INIT;
	size_t i;
	int mode;

	put(tmp, "secret", "secret\n");
	for (mode = 0; mode < 2; mode++) {
		INT_EQ(source_open(&s, r, NULL, mode == 1, &d), 0);
		if (s == NULL)
			continue;
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			quiet(&d, &m);
			if (source_read(s, bad[i], &out, NULL, &d) != -1)
				FAIL_AT("read %s", bad[i]);
			if (strstr(m.data, "unsafe path") == NULL)
				FAIL_AT("%s: %s", bad[i], m.data);
		}
		quiet(&d, &m);
		INT_EQ(source_read(s, "../secret", &out, NULL, &d), -1);
		STR_EQ(m.data, "error: ../secret: unsafe path (\"..\" "
		    "component)\n");
		INT_EQ(source_walk(s, "../", collect_paths, &out, &d), -1);
		INT_EQ(source_walk(s, "/etc/", collect_paths, &out, &d), -1);
		INT_EQ(source_walk(s, "content/../..", collect_paths, &out, &d),
		    -1);
		INT_EQ(d.errors, 4);
		/* .git is never a part of the site. */
		buf_reset(&out);
		INT_EQ(source_walk(s, ".git/", collect_paths, &out, &d), 0);
		INT_EQ(source_walk(s, ".git/refs", collect_paths, &out, &d), 0);
		STR_EQ(out.data, "");
		INT_EQ(source_read(s, ".git/config", &out, NULL, &d), 1);
		INT_EQ(source_read(s, ".git/HEAD", &out, NULL, &d), 1);
		INT_EQ(d.errors, 4);
		source_free(s);
		s = NULL;
	}
	OK(strcmp(relpath_problem("a/b.json") == NULL ? "" : "x", "") == 0);
	STR_EQ(relpath_problem("a/../b"), "\"..\" component");
	STR_EQ(relpath_problem("/a"), "absolute path");
	STR_EQ(relpath_problem("a/"), "empty component");
	STR_EQ(relpath_problem("a\x7f"), "control character");
	STR_EQ(relpath_problem(""), "empty path");
	buf_release(&m);
	buf_release(&out);
	free(r);
	teardown(tmp);
}

static void
test_source__read_files(void)
{
	char *tmp = setup(), *r = make_repo(tmp);
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, out = BUF_INIT;
	char oid[41];
	int mode;

	for (mode = 0; mode < 2; mode++) {
		quiet(&d, &m);
		INT_EQ(source_open(&s, r, NULL, mode == 1, &d), 0);
		if (s == NULL)
			continue;
		INT_EQ(source_read(s, "site.conf", &out, oid, &d), 0);
		STR_EQ(out.data, "title = Test\n");
		STR_EQ(oid, capture("git -C '%s' rev-parse HEAD:site.conf", r));
		INT_EQ(source_read(s, "content/sub/deep/c.json", &out, NULL,
		    &d), 0);
		STR_EQ(out.data, "{\"c\":3}\n");
		INT_EQ(source_read(s, "content/missing.json", &out, oid, &d), 1);
		INT_EQ(source_read(s, "missing/x.json", &out, oid, &d), 1);
		INT_EQ(source_read(s, "site.conf/x", &out, oid, &d), 1);
		INT_EQ(d.errors + d.warnings, 0);
		STR_EQ(m.data, "");
		INT_EQ(source_read(s, "content/sub", &out, oid, &d), -1);
		OK(strstr(m.data, "error: content/sub: is a directory") != NULL);

		/* A limit on the buffer is an error when exceeded. */
		quiet(&d, &m);
		out.max = 4;
		INT_EQ(source_read(s, "site.conf", &out, oid, &d), -1);
		STR_EQ(m.data, "error: site.conf: larger than 4 bytes\n");
		out.max = 0;
		source_free(s);
		s = NULL;
	}
	buf_release(&m);
	buf_release(&out);
	free(r);
	teardown(tmp);
}

static void
test_source__stop_and_tree_ids(void)
{
	char *tmp = setup(), *r = make_repo(tmp);
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT;
	char tid[41];
	int calls = 0, mode;

	for (mode = 0; mode < 2; mode++) {
		quiet(&d, &m);
		calls = 0;
		INT_EQ(source_open(&s, r, NULL, mode == 1, &d), 0);
		if (s == NULL)
			continue;
		INT_EQ(source_walk(s, "content/", stop_at_first, &calls, &d), -1);
		INT_EQ(calls, 1);
		INT_EQ(d.errors, 0);
		source_free(s);
		s = NULL;
	}
	INT_EQ(source_open(&s, r, NULL, false, &d), 0);
	if (s != NULL) {
		INT_EQ(source_tree_id(s, "", tid), 0);
		STR_EQ(tid, capture("git -C '%s' rev-parse 'HEAD^{tree}'", r));
		INT_EQ(source_tree_id(s, "content/sub/", tid), 0);
		STR_EQ(tid, capture("git -C '%s' rev-parse HEAD:content/sub", r));
		INT_EQ(source_tree_id(s, "content/a.json", tid), 1);
		INT_EQ(source_tree_id(s, "nothing", tid), 1);
		INT_EQ(source_tree_id(s, "../x", tid), -1);
	}
	source_free(s);
	buf_release(&m);
	free(r);
	teardown(tmp);
}

static void
test_source__site_in_subdirectory(void)
{
	char *tmp = setup();
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, out = BUF_INIT, r = BUF_INIT, site = BUF_INIT;
	char tid[41];

	buf_printf(&r, "%s/r", tmp);
	buf_printf(&site, "%s/r/sites/main", tmp);
	sh(GIT "init -q '%s'", r.data);
	put(r.data, "sites/main/site.conf", "x\n");
	put(r.data, "sites/main/content/a.json", "{}\n");
	put(r.data, "content/other.json", "{}\n");
	sh(GIT "-C '%s' add -A && " GIT "-C '%s' commit -q -m x", r.data,
	    r.data);
	quiet(&d, &m);
	INT_EQ(source_open(&s, site.data, NULL, false, &d), 0);
	if (s == NULL)
		goto out;
	INT_EQ(source_walk(s, "", collect_paths, &out, &d), 0);
	STR_EQ(out.data, "content/a.json\nsite.conf\n");
	INT_EQ(source_tree_id(s, "content", tid), 0);
	STR_EQ(tid, capture("git -C '%s' rev-parse HEAD:sites/main/content",
	    r.data));
	source_warn_dirty(s, &d);
	INT_EQ(d.warnings, 0);
	source_free(s);
	s = NULL;

	/* Changes are named relative to the site. */
	put(r.data, "sites/main/content/a.json", "{\"changed\":1}\n");
	put(r.data, "content/other.json", "changed outside the site\n");
	INT_EQ(source_open(&s, site.data, NULL, false, &d), 0);
	if (s != NULL) {
		source_warn_dirty(s, &d);
		INT_EQ(d.warnings, 1);
		OK(strncmp(m.data, "warning: content/a.json has uncommitted "
		    "changes; building the commit ", 63) == 0);
	}
	source_free(s);
	s = NULL;

	/* A site directory that is not in the commit. */
	quiet(&d, &m);
	sh("mkdir -p '%s/r/sites/new'", tmp);
	buf_reset(&site);
	buf_printf(&site, "%s/r/sites/new", tmp);
	INT_EQ(source_open(&s, site.data, NULL, false, &d), -1);
	OK(strstr(m.data, "the directory sites/new is not in the commit")
	    != NULL);
out:
	source_free(s);
	buf_release(&m);
	buf_release(&out);
	buf_release(&r);
	buf_release(&site);
	teardown(tmp);
}

static void
test_source__dirty_warning(void)
{
	char *tmp = setup(), *r = make_repo(tmp);
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, want = BUF_INIT;
	char head[64];

	snprintf(head, sizeof(head), "%s",
	    capture("git -C '%s' rev-parse --short=7 HEAD", r));
	/* A clean tree, and changes outside the site's inputs: no warning. */
	quiet(&d, &m);
	put(r, "README.md", "changed\n");
	put(r, "public/index.html", "output\n");
	INT_EQ(source_open(&s, r, NULL, false, &d), 0);
	if (s != NULL)
		source_warn_dirty(s, &d);
	INT_EQ(d.warnings, 0);
	source_free(s);
	s = NULL;

	/* A modified file. */
	put(r, "content/sub/b.json", "{\"b\":3}\n");
	INT_EQ(source_open(&s, r, NULL, false, &d), 0);
	if (s != NULL) {
		source_warn_dirty(s, &d);
		source_warn_dirty(s, &d);
	}
	INT_EQ(d.warnings, 1);
	buf_printf(&want, "warning: content/sub/b.json has uncommitted "
	    "changes; building the commit %s without them (--worktree builds "
	    "the files on disk)\n", head);
	STR_EQ(m.data, want.data);
	source_free(s);
	s = NULL;

	/* Staged and untracked changes count too. */
	quiet(&d, &m);
	sh(GIT "-C '%s' add content/sub/b.json", r);
	put(r, "templates/new.mustache", "new\n");
	put(r, "site.conf", "title = Changed\n");
	INT_EQ(source_open(&s, r, NULL, false, &d), 0);
	if (s != NULL)
		source_warn_dirty(s, &d);
	INT_EQ(d.warnings, 1);
	buf_reset(&want);
	buf_printf(&want, "warning: content/sub/b.json and 2 other paths have "
	    "uncommitted changes; building the commit %s without them "
	    "(--worktree builds the files on disk)\n", head);
	STR_EQ(m.data, want.data);
	source_free(s);
	s = NULL;

	/* A commit other than HEAD is built on purpose: no warning. */
	quiet(&d, &m);
	sh(GIT "-C '%s' commit -q -m two", r);
	put(r, "content/a.json", "{\"a\":0}\n");
	INT_EQ(source_open(&s, r, "v1", false, &d), 0);
	if (s != NULL)
		source_warn_dirty(s, &d);
	INT_EQ(d.warnings, 0);
	source_free(s);
	s = NULL;
	INT_EQ(source_open(&s, r, "HEAD", false, &d), 0);
	if (s != NULL)
		source_warn_dirty(s, &d);
	INT_EQ(d.warnings, 1);
	OK(strstr(m.data, "content/a.json and 2 other paths have") != NULL);
	source_free(s);
	buf_release(&m);
	buf_release(&want);
	free(r);
	teardown(tmp);
}

static void
test_source__open_errors(void)
{
	char *tmp = setup(), *r = make_repo(tmp);
	struct source *s = NULL;
	struct diag d;
	struct buf m = BUF_INIT, want = BUF_INIT, p = BUF_INIT;

	quiet(&d, &m);
	OK(source_open(&s, r, "no-such-rev", false, &d) == -1);
	OK(s == NULL);
	buf_printf(&want, "error: %s: unknown revision \"no-such-rev\": ", r);
	OK(strncmp(m.data, want.data, want.len) == 0);
	OK(strstr(m.data, "no-such-rev") != NULL);
	INT_EQ(d.errors, 1);

	/* A revision that is not a commit. */
	quiet(&d, &m);
	OK(source_open(&s, r, "HEAD:content", false, &d) == -1);
	OK(strstr(m.data, "revision \"HEAD:content\" is not a commit") != NULL);

	/* Not a repository. */
	quiet(&d, &m);
	buf_printf(&p, "%s/plain", tmp);
	sh("mkdir '%s'", p.data);
	OK(source_open(&s, p.data, NULL, false, &d) == -1);
	OK(strstr(m.data, "cannot open the git repository") != NULL);
	OK(strstr(m.data, p.data) != NULL);

	/* An empty repository has no HEAD commit. */
	quiet(&d, &m);
	sh(GIT "init -q '%s'", p.data);
	OK(source_open(&s, p.data, NULL, false, &d) == -1);
	OK(strstr(m.data, "unknown revision \"HEAD\"") != NULL);

	/* A missing directory, in either mode. */
	quiet(&d, &m);
	buf_puts(&p, "/nothing");
	OK(source_open(&s, p.data, NULL, true, &d) == -1);
	OK(strstr(m.data, "cannot open the site directory") != NULL);
	OK(source_open(&s, p.data, NULL, false, &d) == -1);
	INT_EQ(d.errors, 2);
	source_free(NULL);
	buf_release(&m);
	buf_release(&want);
	buf_release(&p);
	free(r);
	teardown(tmp);
}

TESTS(
	T(test_source__reads_head_nested),
	T(test_source__sorted_byte_order),
	T(test_source__older_revisions),
	T(test_source__bare_clone),
	T(test_source__worktree_same_oids),
	T(test_source__symlinks_skipped),
	T(test_source__submodule_skipped),
	T(test_source__hostile_tree),
	T(test_source__paths_outside_refused),
	T(test_source__read_files),
	T(test_source__stop_and_tree_ids),
	T(test_source__site_in_subdirectory),
	T(test_source__dirty_warning),
	T(test_source__open_errors)
)
