/*
 * site.c - opening a site for a verb (site.h): the source, site.conf,
 * the date, the output directory and the model, with one message per
 * failure that says what to do.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "site.h"

/* The base of the empty model of verify without a site. */
#define NO_SITE_BASE	"https://site.invalid/"

char *
site_output_dir(const char *dir, const char *out, const char *output,
    bool preview)
{
	struct buf b = BUF_INIT;
	size_t n;

	if (out != NULL)
		return xstrdup(out);
	if (output[0] != '/' && dir != NULL)
		buf_printf(&b, "%s/", strcmp(dir, "/") == 0 ? "" : dir);
	buf_puts(&b, output);
	if (preview) {
		for (n = b.len; n > 1 && b.data[n - 1] == '/'; n--)
			continue;
		buf_truncate(&b, n);
		BUF_PUTSL(&b, ".preview");
	}
	return buf_detach(&b, NULL);
}

/* Whether dir/name is a regular file on disk. */
static bool
on_disk(const char *dir, const char *name)
{
	struct buf p = BUF_INIT;
	struct stat st;
	bool r;

	buf_printf(&p, "%s/%s", dir, name);
	r = stat(p.data, &st) == 0 && S_ISREG(st.st_mode);
	buf_release(&p);
	return r;
}

/*
 * Opens the source: the commit (or the files on disk) of the site in
 * s->dir.  Outside any git repository the message says how to name a
 * site or make one.
 */
static int
open_source(struct site *s, const struct site_opts *o, bool worktree,
    struct diag *d)
{
	struct stat st;
	const char *where = o->repo != NULL ? o->repo :
	    "the current directory";

	if (o->repo != NULL && stat(o->repo, &st) < 0)
		return diag_err(d, "--repo %s: %s", o->repo, strerror(errno));
	if (!worktree && !source_in_repository(o->repo)) {
		if (on_disk(s->dir, "site.conf"))
			return diag_err(d, "%s is not in a git repository: "
			    "badgegen reads a site from a commit; commit it "
			    "(git init, git add, git commit), or read the files "
			    "on disk with --worktree", where);
		return diag_err(d, "%s is not in a git repository: name the "
		    "site repository with --repo <dir>, or make a new one "
		    "with badgegen init <dir>", where);
	}
	return source_open(&s->src, o->repo, o->rev, worktree, d);
}

/*
 * Reads site.conf into s->conf_text.  Returns 0; 1 when there is none
 * (reported through missing, which may be quiet); -1 after reporting.
 */
static int
read_conf(struct site *s, struct diag *missing, struct diag *d)
{
	struct buf what = BUF_INIT;
	int r;

	r = source_read(s->src, "site.conf", &s->conf_text, NULL, d);
	if (r != 1)
		return r;
	source_describe(s->src, &what);
	if (source_commit(s->src) == NULL)
		diag_err(missing, "site.conf: not found in %s; --repo names the "
		    "site: the directory that holds site.conf and content/ "
		    "(badgegen init makes one)", s->dir);
	else if (on_disk(s->dir, "site.conf"))
		diag_err(missing, "site.conf: not found in %s of %s, only in "
		    "the work tree: commit it, or read the files on disk with "
		    "--worktree", what.data, s->dir);
	else
		diag_err(missing, "site.conf: not found in %s of %s; a site "
		    "repository has site.conf and content/ at its root "
		    "(badgegen init makes one)", what.data, s->dir);
	buf_release(&what);
	return 1;
}

struct tree_walk {
	struct model	*m;
	struct diag	*files;
};

static int
add_tree_file(void *arg, const char *path, const char *oid,
    const char *data, size_t len)
{
	struct tree_walk *tw = arg;

	model_add_file(tw->m, path, oid, data, len, tw->files);
	return 0;
}

static void
skip_tree_file(void *arg, const char *path, const char *why)
{
	struct tree_walk *tw = arg;

	model_add_skipped(tw->m, path, why);
}

/*
 * Adds every file under content/ of src to the model with
 * model_add_file (and what cannot be read with model_add_skipped),
 * going on after a bad file: file problems are reported
 * through files, a failure to read the tree through d.  Returns 0, or
 * -1 if the tree could not be read.
 */
static int
add_content_tree(struct model *m, struct source *src, struct diag *files,
    struct diag *d)
{
	struct tree_walk tw;

	tw.m = m;
	tw.files = files;
	return source_walk_skips(src, "content/", add_tree_file,
	    skip_tree_file, &tw, d);
}

int
site_load_model(struct site *s, struct diag *d)
{
	model_release(&s->model);
	buf_release(&s->log);
	memset(&s->files, 0, sizeof(s->files));
	s->files.quiet = true;
	s->files.capture = &s->log;
	model_init(&s->model, s->found ? s->conf.base_url : NO_SITE_BASE);
	if (s->found && add_content_tree(&s->model, s->src, &s->files, d) < 0)
		return SITE_EIO;
	return 0;
}

int
site_open(struct site *s, const struct site_opts *o, unsigned need,
    struct diag *d)
{
	struct diag quiet = DIAG_INIT, *dd = d;
	bool optional = (need & SITE_OPTIONAL) && o->repo == NULL;
	long ncpu;
	int rc = -1;

	memset(s, 0, sizeof(*s));
	s->conf_text = (struct buf)BUF_INIT;
	s->log = (struct buf)BUF_INIT;
	s->dir = o->repo != NULL ? o->repo : ".";
	s->found = true;
	quiet.quiet = true;
	if (optional)
		dd = &quiet;
	/* The date first: a bad --now is the command line's fault. */
	if (clock_now(&s->now, o->now, d) < 0)
		goto out;
	if (open_source(s, o, o->worktree || (need & SITE_WORKTREE), dd) < 0 ||
	    read_conf(s, dd, dd) != 0) {
		if (!optional)
			goto out;
		/* No site here: verify checks self-contained awards. */
		source_free(s->src);
		s->src = NULL;
		s->found = false;
	} else if (site_conf_parse(&s->conf, "site.conf", s->conf_text.data,
	    s->conf_text.len, d) < 0)
		goto out;
	if (s->found)
		s->out = site_output_dir(o->repo, o->out, s->conf.output,
		    o->worktree);
	s->jobs = o->jobs;
	if (s->jobs == 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		s->jobs = ncpu < 1 ? 1 : ncpu > SITE_JOBS_MAX ? SITE_JOBS_MAX :
		    (unsigned)ncpu;
	}
	if ((need & SITE_MODEL) && (rc = site_load_model(s, d)) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0)
		site_release(s);
	return rc;
}

void
site_release(struct site *s)
{
	if (s == NULL)
		return;
	model_release(&s->model);
	site_conf_release(&s->conf);
	source_free(s->src);
	buf_release(&s->conf_text);
	buf_release(&s->log);
	free(s->out);
	memset(s, 0, sizeof(*s));
}

bool
site_only_on_disk(struct site *s, const char *id, struct buf *why)
{
	struct buf file = BUF_INIT, data = BUF_INIT;
	struct diag quiet = DIAG_INIT;
	const char *path;
	bool r = false;

	quiet.quiet = true;
	if (!s->found || s->src == NULL || source_commit(s->src) == NULL ||
	    (path = model_site_path(&s->model, id)) == NULL)
		return false;
	buf_printf(&file, "content/%.*s", (int)strcspn(path, "#?"), path);
	if (source_read(s->src, file.data, &data, NULL, &quiet) == 1 &&
	    on_disk(s->dir, file.data)) {
		buf_printf(why, "%s is only in the work tree (%s), not in ", id,
		    file.data);
		source_describe(s->src, why);
		r = true;
	}
	buf_release(&file);
	buf_release(&data);
	return r;
}
