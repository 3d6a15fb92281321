/*
 * build.c - runs the pipeline: source -> model -> render -> write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "cmd.h"
#include "conf.h"
#include "date.h"
#include "model.h"
#include "render.h"
#include "source.h"
#include "write.h"

struct walk {
	struct model	*m;
	struct diag	*d;
	bool		 strict;
};

static int
add_content(void *arg, const char *path, const char *oid, const char *data,
    size_t len)
{
	struct walk *wk = arg;

	if (model_add_file(wk->m, path, oid, data, len, wk->d) < 0 &&
	    wk->strict)
		return -1;
	return 0;
}

/* The output directory: --out, else site.conf's, under the site dir. */
static char *
output_dir(const struct build_opts *o, const char *override,
    const struct site_conf *conf)
{
	struct buf b = BUF_INIT;

	if (override != NULL)
		return xstrdup(override);
	if (o->out != NULL)
		return xstrdup(o->out);
	if (conf->output[0] == '/' || o->repo == NULL)
		return xstrdup(conf->output);
	buf_printf(&b, "%s/%s", o->repo, conf->output);
	return buf_detach(&b, NULL);
}

int
build_run(const struct build_opts *o, const char *out_override,
    struct build_result *res)
{
	struct diag d = DIAG_INIT;
	struct source *src = NULL;
	struct site_conf conf;
	struct theme *th = NULL;
	struct writer *w = NULL;
	struct model m;
	struct walk wk;
	struct render_stats st;
	struct buf text = BUF_INIT;
	char *out = NULL;
	int64_t now;
	int rc = EXIT_USAGE, r;
	bool have_conf = false, have_model = false;

	memset(res, 0, sizeof(*res));
	memset(&conf, 0, sizeof(conf));
	memset(&st, 0, sizeof(st));
	d.quiet_warnings = o->quiet;

	if (source_open(&src, o->repo, o->rev, o->worktree, &d) < 0)
		goto out;
	if (!o->worktree)
		source_warn_dirty(src, &d);
	r = source_read(src, "site.conf", &text, NULL, &d);
	if (r == 1)
		diag_err(&d, "site.conf: not found in %s; a site repository "
		    "has site.conf and content/ at its root (badgegen init "
		    "makes one)", o->worktree ? "the work tree" :
		    source_commit(src));
	if (r != 0)
		goto out;
	if (site_conf_parse(&conf, "site.conf", text.data, text.len, &d) < 0)
		goto out;
	have_conf = true;
	if (clock_now(&now, o->now, &d) < 0)
		goto out;
	if (theme_load(&th, src, &d) < 0)
		goto out;

	model_init(&m, conf.base_url);
	have_model = true;
	wk.m = &m;
	wk.d = &d;
	wk.strict = o->strict;
	rc = EXIT_CHECKS;
	if (source_walk(src, "content/", add_content, &wk, &d) < 0 &&
	    o->strict)
		goto failed;
	if (model_link(&m, &d) < 0 && o->strict)
		goto failed;

	out = output_dir(o, out_override, &conf);
	if (writer_open(&w, out, &d) < 0) {
		rc = EXIT_IO;
		goto out;
	}
	if (render_site(&m, &conf, th, now, w, &st, &d) < 0) {
		writer_abort(w);
		w = NULL;
		goto failed;
	}
	if (writer_commit(w, &d) < 0) {
		w = NULL;
		rc = EXIT_IO;
		goto out;
	}
	w = NULL;
	rc = m.failed > 0 || d.errors > 0 ? EXIT_CHECKS : 0;
	if (!o->quiet)
		diag_note(&d, "built %s: %u pages, %u awards, %u private, "
		    "%u left out because of errors", out, st.pages,
		    st.awards, st.private_, m.failed);
	goto out;
failed:
	diag_note(&d, "build failed; %s is unchanged", out != NULL ? out :
	    "the output");
out:
	res->awards = st.awards;
	res->private_ = st.private_;
	res->pages = st.pages;
	res->files = st.files;
	res->failed = have_model ? m.failed : 0;
	res->errors = d.errors;
	res->warnings = d.warnings;
	writer_abort(w);
	if (have_model)
		model_release(&m);
	if (have_conf)
		site_conf_release(&conf);
	theme_free(th);
	source_free(src);
	buf_release(&text);
	free(out);
	return rc;
}
