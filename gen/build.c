/*
 * build.c - runs the pipeline: source -> model -> render -> write.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "build.h"
#include "cmd.h"
#include "collect.h"
#include "conf.h"
#include "date.h"
#include "hash.h"
#include "model.h"
#include "progress.h"
#include "render.h"
#include "source.h"
#include "vcache.h"
#include "verify.h"
#include "write.h"

struct walk {
	struct model	*m;
	struct collections *cols;
	struct diag	*d;
	struct progress	*prog;
	size_t		 nread;		/* files read so far */
	bool		 strict;
};

static int
add_content(void *arg, const char *path, const char *oid, const char *data,
    size_t len)
{
	struct walk *wk = arg;

	progress_update(wk->prog, ++wk->nread);
	if (model_add_file(wk->m, path, oid, data, len, wk->d) < 0 &&
	    wk->strict)
		return -1;
	return 0;
}

static int
add_recipient(void *arg, const char *path, const char *oid,
    const char *data, size_t len)
{
	struct walk *wk = arg;

	(void)oid;
	if (collect_add_file(wk->cols, path, data, len, wk->d) < 0 &&
	    wk->strict)
		return -1;
	return 0;
}

/* Awards to verify, shared by the threads of the verify stage. */
struct vjob {
	struct model	*m;
	struct award	**pending;
	size_t		 n;
	size_t		 next;		/* the next award to take */
	int64_t		 now;
	int		 rc;		/* -1 if any verification failed */
	struct progress	*prog;		/* updated under lock */
	pthread_mutex_t	 lock;
};

static void *
verify_worker(void *arg)
{
	struct vjob *j = arg;
	struct award *aw;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&j->lock);
		i = j->next++;
		if (i < j->n)
			progress_update(j->prog, i);
		pthread_mutex_unlock(&j->lock);
		if (i >= j->n)
			return NULL;
		aw = j->pending[i];
		if (verify_award(aw->report, j->m, aw, j->now) < 0) {
			pthread_mutex_lock(&j->lock);
			j->rc = -1;
			pthread_mutex_unlock(&j->lock);
			aw->report->nchecks = 0;
		}
	}
}

/*
 * Verifies the pending awards on jobs threads (the model is only read).
 * Reports land with their awards, so the order of work changes nothing.
 */
static void
verify_parallel(struct model *m, struct award **pending, size_t n,
    int64_t now, unsigned jobs, struct progress *prog)
{
	struct vjob j;
	pthread_t *t;
	unsigned k, started = 0;

	memset(&j, 0, sizeof(j));
	j.m = m;
	j.pending = pending;
	j.n = n;
	j.now = now;
	j.prog = prog;
	pthread_mutex_init(&j.lock, NULL);
	if (jobs > n)
		jobs = (unsigned)n;
	t = xcalloc(jobs + 1, sizeof(*t));
	for (k = 1; k < jobs; k++)
		if (pthread_create(&t[k], NULL, verify_worker, &j) == 0)
			started = k;
		else
			break;
	verify_worker(&j);
	for (k = 1; k <= started; k++)
		pthread_join(t[k], NULL);
	free(t);
	pthread_mutex_destroy(&j.lock);
}

/*
 * The verify stage: every award is verified against the repository; one
 * that fails is reported and taken out of the site.  Reports stay with
 * the awards for the pages.
 */
static void
verify_awards(struct model *m, int64_t now, struct vcache *vc,
    unsigned jobs, struct progress *prog, struct diag *d)
{
	struct award **all, **pending;
	const struct check *c;
	size_t i, n = m->nawards + m->nimported, npending = 0;

	all = xcalloc(n + 1, sizeof(*all));
	pending = xcalloc(n + 1, sizeof(*pending));
	memcpy(all, m->awards, m->nawards * sizeof(*all));
	/* Imported awards are verified alike, for the collections. */
	if (m->nimported > 0)
		memcpy(all + m->nawards, m->imported,
		    m->nimported * sizeof(*all));
	/* Kept results first; the rest is verified on the threads. */
	for (i = 0; i < n; i++) {
		struct award *aw = all[i];

		if (aw->private_)
			continue;
		aw->report = xcalloc(1, sizeof(*aw->report));
		if (!vcache_get(vc, m, aw, now, aw->report))
			pending[npending++] = aw;
	}
	progress_stage(prog, "verifying", npending);
	if (npending > 0)
		verify_parallel(m, pending, npending, now, jobs, prog);
	progress_update(prog, npending);
	for (i = 0; i < npending; i++)
		if (pending[i]->report->nchecks > 0)
			vcache_put(vc, pending[i], now, pending[i]->report);
	for (i = 0; i < n; i++) {
		struct award *aw = all[i];

		if (aw->private_)
			continue;
		if (aw->report->nchecks == 0) {
			diag_err(d, "%s: could not be verified", aw->file);
			c = NULL;
		} else if ((c = verify_blocking(aw->report)) == NULL)
			continue;
		if (c != NULL)
			diag_err(d, "%s: not published: %s %s: %s", aw->file,
			    c->name, check_result_name(c->result),
			    c->message ? c->message : "");
		model_drop_award(m, aw);
		m->failed++;
	}
	free(pending);
	free(all);
}

/* Frees the reports verify_awards left with the awards. */
static void
free_reports(struct model *m)
{
	size_t i;

	for (i = 0; i < m->ndocs; i++) {
		struct award *aw = m->docs[i]->kind == DOC_AWARD ?
		    m->docs[i]->obj : NULL;

		if (aw != NULL && aw->report != NULL) {
			verify_report_release(aw->report);
			free(aw->report);
			aw->report = NULL;
		}
	}
}

/*
 * The key of what every output file depends on outside the repository's
 * content and theme: badgegen itself (the bytes of the running program,
 * so that any other build of it makes every file again) and site.conf.
 */
static void
base_key(struct okey *out, const struct buf *site_conf)
{
	struct okey_state ks;
	char chunk[65536];
	ssize_t n;
	int fd;

	okey_init(&ks, "badgegen " BADGEGEN_VERSION);
	if ((fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)) >= 0) {
		while ((n = read(fd, chunk, sizeof(chunk))) > 0)
			okey_add(&ks, chunk, (size_t)n);
		okey_u64(&ks, n < 0);
		close(fd);
	}
	okey_add(&ks, site_conf->data, site_conf->len);
	okey_final(&ks, out);
}

/* The first instant after now that is on another day in zone tz. */
static int64_t
next_day(int64_t now, const struct tz *tz)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	int64_t lo = now, hi = now + 2 * 86400, mid;

	date_format(&a, now, tz, NULL, DATE_YMD);
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		buf_reset(&b);
		date_format(&b, mid, tz, NULL, DATE_YMD);
		if (strcmp(a.data, b.data) == 0)
			lo = mid;
		else
			hi = mid;
	}
	buf_release(&a);
	buf_release(&b);
	return hi;
}

/*
 * Until when the site built at now stays what a build would make from
 * the same inputs: the next instant at which a verification result, an
 * expiry, a NEW marker or the verification day shown on award pages may
 * change.
 */
static int64_t
stable_until(const struct model *m, const struct vcache *vc,
    const struct site_conf *conf, int64_t now)
{
	int64_t next = vcache_next_change(vc, m, now);
	int64_t window = (int64_t)conf->new_days * 86400;
	const struct award *aw;
	size_t i;

	for (i = 0; i < m->nawards + m->nimported; i++) {
		aw = i < m->nawards ? m->awards[i] : m->imported[i - m->nawards];
		if (aw->has_expires)
			date_sooner(&next, aw->expires, now);
		date_sooner(&next, aw->issued, now);
		date_sooner(&next, aw->issued + window, now);
	}
	date_sooner(&next, next_day(now, conf->tz), now);
	return next;
}

/*
 * The key of a build's inputs: base (badgegen, site.conf) and the tree
 * of the commit, which holds site.conf, content/ and templates/.
 * Returns false in worktree mode, which has no tree ids.
 */
static bool
inputs_key(struct source *src, const struct okey *base, char hex[33])
{
	struct okey_state ks;
	struct okey k;
	char tree[41];

	if (source_tree_id(src, "", tree) != 0)
		return false;
	okey_init(&ks, "inputs");
	okey_key(&ks, base);
	okey_str(&ks, tree);
	okey_final(&ks, &k);
	hex_encode(hex, k.b, OKEY_LEN);
	return true;
}

/*
 * Whether the previous build's stamp says that it made this site from
 * the same inputs, with no error or warning, at a date from which now
 * changes nothing; then its counts go to st.
 */
static bool
unchanged(const struct writer *w, const char *key, int64_t now,
    struct render_stats *st)
{
	const char *stamp = writer_stamp(w);
	char k[33];
	long long then, until;

	if (stamp == NULL || sscanf(stamp, "%32s %lld %lld %u %u %u %u", k,
	    &then, &until, &st->pages, &st->awards, &st->private_,
	    &st->files) != 7)
		return false;
	return strcmp(k, key) == 0 && then <= now && now < until;
}

/* " in 1.2 s" on a terminal; "" else, so that piped output stays exact. */
static const char *
elapsed(struct progress *prog, char *buf, size_t size)
{
	buf[0] = '\0';
	if (prog->on && size > 4) {
		memcpy(buf, " in ", 4);
		progress_format_elapsed(buf + 4, size - 4,
		    progress_elapsed(prog));
	}
	return buf;
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
	struct collections cols = COLLECTIONS_INIT;
	struct walk wk;
	struct render_stats st;
	struct buf text = BUF_INIT;
	struct vcache *vc = NULL;
	struct progress prog;
	struct writer_opts wo;
	struct writer_stats ws;
	struct okey base;
	unsigned hits = 0, misses = 0, jobs;
	long ncpu;
	char *out = NULL;
	char took[64], inputs[33], stamp[160];
	int64_t now, until = 0;
	int rc = EXIT_USAGE, r;
	bool have_conf = false, have_model = false, keyed;

	memset(res, 0, sizeof(*res));
	memset(&conf, 0, sizeof(conf));
	memset(&st, 0, sizeof(st));
	d.quiet_warnings = o->quiet;
	d.capture = o->capture;
	d.quiet = o->capture != NULL;
	/* The progress line: only for a person watching a terminal. */
	progress_init(&prog, stderr, !o->quiet && o->capture == NULL &&
	    isatty(STDERR_FILENO));
	d.interrupt = progress_interrupt;
	d.interrupt_arg = &prog;

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
	if (sodium_init() < 0) {
		rc = EXIT_IO;
		diag_err(&d, "libsodium cannot start");
		goto out;
	}

	/* The lock is held from here to the end. */
	out = output_dir(o, out_override, &conf);
	memset(&wo, 0, sizeof(wo));
	wo.wait_ms = WRITER_WAIT_MS;
	wo.manifest = true;
	wo.incremental = !o->full;
	if (writer_open_opts(&w, out, &wo, &d) < 0) {
		rc = EXIT_IO;
		goto out;
	}
	base_key(&base, &text);
	keyed = inputs_key(src, &base, inputs);
	if (keyed && !o->full && d.errors == 0 && d.warnings == 0 &&
	    unchanged(w, inputs, now, &st)) {
		progress_clear(&prog);
		if (!o->quiet)
			diag_note(&d, "built %s: nothing changed since the last "
			    "build (the same commit tree, badgegen and build "
			    "day): %u pages, %u awards, %u private; files: 0 "
			    "written, %u kept, 0 removed%s", out, st.pages,
			    st.awards, st.private_, st.files,
			    elapsed(&prog, took, sizeof(took)));
		rc = 0;
		goto out;
	}

	model_init(&m, conf.base_url);
	have_model = true;
	wk.m = &m;
	wk.cols = &cols;
	wk.d = &d;
	wk.strict = o->strict;
	wk.prog = &prog;
	wk.nread = 0;
	rc = EXIT_CHECKS;
	progress_stage(&prog, "reading", 0);
	if (source_walk(src, "content/", add_content, &wk, &d) < 0 &&
	    o->strict)
		goto failed;
	if (model_link(&m, &d) < 0 && o->strict)
		goto failed;
	vc = vcache_open(out, &m);
	jobs = o->jobs;
	if (jobs == 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = ncpu > 0 && ncpu < 64 ? (unsigned)ncpu : 1;
	}
	verify_awards(&m, now, vc, jobs, &prog, &d);
	if (m.failed > 0 && o->strict)
		goto failed;
	if (source_walk(src, "content/recipients/", add_recipient, &wk,
	    &d) < 0 && o->strict)
		goto failed;
	collect_match(&cols, &m);
	/* The pages need what the model took from the trees, not them. */
	until = keyed ? stable_until(&m, vc, &conf, now) : 0;
	model_forget_trees(&m);

	if (render_site(&m, &cols, &conf, th, now, &base, jobs, w, &st,
	    &prog, &d) < 0)
		goto failed;
	/* A clean build lets the next one of the same inputs skip all work. */
	if (keyed && d.errors == 0 && d.warnings == 0 && m.failed == 0) {
		snprintf(stamp, sizeof(stamp), "%s %lld %lld %u %u %u %u",
		    inputs, (long long)now, (long long)until, st.pages,
		    st.awards, st.private_, st.files);
		writer_set_stamp(w, stamp);
	}
	if (writer_commit_stats(w, &ws, &d) < 0) {
		w = NULL;
		rc = EXIT_IO;
		goto out;
	}
	w = NULL;
	vcache_save(vc, &d);
	vcache_stats(vc, &hits, &misses);
	rc = m.failed > 0 || d.errors > 0 ? EXIT_CHECKS : 0;
	progress_clear(&prog);
	if (!o->quiet)
		diag_note(&d, "built %s: %u pages, %u awards (%u verified, "
		    "%u unchanged since the last build), %u private, %u left "
		    "out because of errors; award pages: %u made, %u kept; "
		    "files: %u written, %u kept, %u removed%s", out, st.pages,
		    st.awards, misses, hits, st.private_, m.failed,
		    st.awards - st.awards_reused, st.awards_reused, ws.put,
		    ws.kept, ws.deleted, elapsed(&prog, took, sizeof(took)));
	goto out;
failed:
	diag_note(&d, "build failed; %s is unchanged", out != NULL ? out :
	    "the output");
out:
	progress_clear(&prog);
	res->awards = st.awards;
	res->private_ = st.private_;
	res->pages = st.pages;
	res->files = st.files;
	res->failed = have_model ? m.failed : 0;
	res->errors = d.errors;
	res->warnings = d.warnings;
	writer_abort(w);
	vcache_free(vc);
	if (have_model) {
		free_reports(&m);
		model_release(&m);
	}
	collect_release(&cols);
	if (have_conf)
		site_conf_release(&conf);
	theme_free(th);
	source_free(src);
	buf_release(&text);
	free(out);
	return rc;
}
