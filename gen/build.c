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
#include "site.h"
#include "source.h"
#include "vcache.h"
#include "verify.h"
#include "write.h"

/* The state of the walks of content/. */
struct walk {
	struct model	*m;
	struct collections *cols;
	struct diag	*d;
	struct progress	*prog;
	size_t		 nread;		/* files read so far */
	const struct build_opts *o;
};

static int
add_content(void *arg, const char *path, const char *oid, const char *data,
    size_t len)
{
	struct walk *wk = arg;

	progress_update(wk->prog, ++wk->nread);
	(void)model_add_file(wk->m, path, oid, data, len, wk->d);
	return 0;
}

/* A file of content/ that was not read: a sidecar keeps its award private. */
static void
skip_content(void *arg, const char *path, const char *why)
{
	struct walk *wk = arg;

	model_add_skipped(wk->m, path, why);
}

static int
add_recipient(void *arg, const char *path, const char *oid,
    const char *data, size_t len)
{
	struct walk *wk = arg;

	(void)oid;
	if (wk->o->recipient != NULL)
		wk->o->recipient(wk->o->recipient_arg, path, data, len);
	(void)collect_add_file(wk->cols, path, data, len, wk->d);
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
	size_t i, n = m->nawards + m->nimported + m->nendorsements;
	size_t npending = 0;

	all = xcalloc(n + 1, sizeof(*all));
	pending = xcalloc(n + 1, sizeof(*pending));
	if (m->nawards > 0)
		memcpy(all, m->awards, m->nawards * sizeof(*all));
	/* Imported awards are verified alike, for the collections. */
	if (m->nimported > 0)
		memcpy(all + m->nawards, m->imported,
		    m->nimported * sizeof(*all));
	/* Endorsements, for the pages that list them. */
	if (m->nendorsements > 0)
		memcpy(all + m->nawards + m->nimported, m->endorsements,
		    m->nendorsements * sizeof(*all));
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
		if (aw->endorsement) {
			/* Listed with its result, never a reason to leave
			   out what it endorses. */
			if (aw->report->nchecks > 0 && !aw->report->valid &&
			    (c = verify_blocking(aw->report)) != NULL)
				diag_warn(d, "%s: the endorsement of %s does not "
				    "verify (%s %s: %s); it is listed as such",
				    aw->file, aw->endorses, c->name,
				    check_result_name(c->result), c->message ?
				    c->message : "");
			continue;
		}
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

/* Frees the report of aw, if any. */
static void
free_report(struct award *aw)
{
	if (aw != NULL && aw->report != NULL) {
		verify_report_release(aw->report);
		free(aw->report);
		aw->report = NULL;
	}
}

/* Frees the reports verify_awards left with the awards. */
static void
free_reports(struct model *m)
{
	size_t i;

	for (i = 0; i < m->ndocs; i++)
		if (m->docs[i]->kind == DOC_AWARD)
			free_report(m->docs[i]->obj);
	/* Those embedded in other documents. */
	for (i = 0; i < m->nendorsements; i++)
		free_report(m->endorsements[i]);
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
	/* An endorsement's result, shown with what it endorses. */
	for (i = 0; i < m->nendorsements; i++) {
		aw = m->endorsements[i];
		if (aw->has_expires)
			date_sooner(&next, aw->expires, now);
		date_sooner(&next, aw->issued, now);
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

/* One build: what its stages share. */
struct build {
	struct site	*s;
	const struct build_opts *o;
	struct diag	*d;
	const char	*out;		/* the output directory */
	struct theme	*th;
	struct writer	*w;
	struct vcache	*vc;
	struct model	 m;
	struct collections cols;
	struct walk	 wk;
	struct progress	 prog;
	struct render_stats st;
	struct writer_stats ws;
	struct okey	 base;
	char		 inputs[33];	/* the key of the inputs, when keyed */
	bool		 keyed;
	int64_t		 until;		/* the site stays the same until then */
	int		 rc;		/* the exit status if a stage fails */
	struct removal	*removed;	/* the pages the build removes */
	size_t		 nremoved;
	size_t		 nremovals;	/* files it removes, pages or not */
	bool		 stopped;	/* --strict stopped it (and said so) */
};

/*
 * What the stages need besides the site: the theme, libsodium, and the
 * writer of the output directory, whose lock is held from here to the
 * end.  Returns 0, or -1 after reporting (b->rc set).
 */
static int
prepare(struct build *b)
{
	struct writer_opts wo;

	if (theme_load(&b->th, b->s->src, b->d) < 0)
		return -1;
	b->rc = EXIT_IO;
	if (sodium_init() < 0)
		return diag_err(b->d, "libsodium cannot start");
	memset(&wo, 0, sizeof(wo));
	wo.wait_ms = WRITER_WAIT_MS;
	wo.manifest = true;
	wo.incremental = !b->o->full;
	wo.dry_run = b->o->dry_run;
	if (writer_open_opts(&b->w, b->out, &wo, b->d) < 0)
		return -1;
	b->rc = 0;
	return 0;
}

/*
 * Whether the previous build made this site from the same inputs at a
 * date from which now changes nothing: then nothing is to be done, and
 * the summary says so.
 */
static bool
nothing_changed(struct build *b)
{
	char took[64];

	base_key(&b->base, &b->s->conf_text);
	b->keyed = inputs_key(b->s->src, &b->base, b->inputs);
	if (!b->keyed || b->o->full || b->o->keep != NULL ||
	    b->d->errors > 0 || b->d->warnings > 0 ||
	    !unchanged(b->w, b->inputs, b->s->now, &b->st))
		return false;
	progress_clear(&b->prog);
	if (!b->o->quiet)
		diag_note(b->d, "%s %s: nothing changed since the last build "
		    "(the same commit tree, badgegen and build day): %u pages, "
		    "%u awards, %u private; files: 0 written, %u kept, 0 "
		    "removed%s", b->o->dry_run ? "dry run, nothing written to" :
		    "built", b->out, b->st.pages, b->st.awards,
		    b->st.private_, b->st.files, elapsed(&b->prog, took,
		    sizeof(took)));
	return true;
}

/*
 * The reading stage: every file of content/ into the model, which
 * resolves its references.  Returns 0, or -1 when content/ cannot be
 * read under --strict.
 */
static int
read_content(struct build *b)
{
	int r;

	model_init(&b->m, b->s->conf.base_url);
	b->wk.m = &b->m;
	progress_stage(&b->prog, "reading", 0);
	r = source_walk_skips(b->s->src, "content/", add_content,
	    skip_content, &b->wk, b->d);
	if (r < 0 && b->o->strict)
		return -1;
	(void)model_link(&b->m, b->d);
	return 0;
}

/* The verify stage (verify_awards). */
static void
verify_stage(struct build *b)
{
	b->vc = vcache_open(writer_dir(b->w), &b->m);
	verify_awards(&b->m, b->s->now, b->vc, b->s->jobs, &b->prog, b->d);
}

/* The collections: content/recipients/ read and matched. */
static void
collect_stage(struct build *b)
{
	(void)source_walk(b->s->src, "content/recipients/", add_recipient,
	    &b->wk, b->d);
	collect_match(&b->cols, &b->m);
}

/*
 * Under --strict, whether the build has met an error or left an award
 * out: then it stops and the output stays as it is.
 */
static bool
strict_stop(struct build *b)
{
	if (!b->o->strict || (b->m.failed == 0 && b->d->errors == 0))
		return false;
	b->stopped = true;
	progress_clear(&b->prog);
	diag_note(b->d, "%s (--strict): %u awards left out because of errors, "
	    "%u errors; %s is unchanged", b->o->dry_run ? "would not build" :
	    "not built", b->m.failed, b->d->errors, b->out);
	return true;
}

/* A published page a build removes, and why. */
struct removal {
	char		*path;
	const char	*why;
	bool		 error;		/* because of an error of the build */
};

/*
 * An award document by the file of its page, for the reasons of
 * removals; aw is NULL for one that could not be read.
 */
struct page_award {
	const char	*file;
	const struct award *aw;
};

static int
cmp_page_award(const void *a, const void *b)
{
	return strcmp(((const struct page_award *)a)->file,
	    ((const struct page_award *)b)->file);
}

/*
 * Why the page at path (of the default language, a language prefix
 * taken off) is no longer made: its award's errors or privacy, else its
 * source is gone.  Sets *error when it is because of an error.
 */
static const char *
removal_why(struct page_award *pa, size_t n, const char *path, bool *error)
{
	struct page_award key, *e;

	*error = false;
	key.file = path;
	e = n > 0 ? bsearch(&key, pa, n, sizeof(*pa), cmp_page_award) : NULL;
	if (e == NULL)
		return "no longer made: its source is not in this commit, or "
		    "has errors (above)";
	*error = true;
	if (e->aw == NULL)
		return "its award is left out because of errors (above): it "
		    "cannot be read";
	if (e->aw->bad_sidecar)
		return "its award is kept private: its sidecar has a problem "
		    "(above)";
	if (e->aw->private_) {
		*error = false;
		return "its award is private now (its sidecar says so)";
	}
	return "its award is left out because of errors (above): a page "
	    "never stays to say an award verified that does not";
}

/*
 * The published pages (.html) this build removes, each with why, into
 * b->removed: taken before the commit, said after it.
 */
static void
note_removals(struct build *b)
{
	struct arena a = ARENA_INIT;
	struct page_award *pa;
	const struct award *aw;
	const char **v, *p;
	size_t n, i, k, npa = 0, len;

	v = writer_removals(b->w, &n);
	b->nremovals = n;
	pa = xcalloc(b->m.ndocs + 1, sizeof(*pa));
	for (i = 0; i < b->m.ndocs; i++) {
		if (b->m.docs[i]->kind != DOC_AWARD ||
		    b->m.docs[i]->file == NULL)
			continue;
		aw = b->m.docs[i]->obj;
		pa[npa].file = arena_printf(&a, "%sindex.html",
		    aw != NULL && aw->path != NULL ? aw->path :
		    model_page_path(&b->m, b->m.docs[i]->file));
		pa[npa++].aw = aw;
	}
	qsort(pa, npa, sizeof(*pa), cmp_page_award);
	for (i = 0; i < n; i++) {
		len = strlen(v[i]);
		if (len < 5 || strcmp(v[i] + len - 5, ".html") != 0)
			continue;
		p = v[i];
		for (k = 1; k < b->s->conf.nlanguages; k++) {
			len = strlen(b->s->conf.languages[k]);
			if (strncmp(p, b->s->conf.languages[k], len) == 0 &&
			    p[len] == '/') {
				p += len + 1;
				break;
			}
		}
		b->removed = xreallocarray(b->removed, b->nremoved + 1,
		    sizeof(*b->removed));
		b->removed[b->nremoved].path = xstrdup(v[i]);
		b->removed[b->nremoved].why = removal_why(pa, npa, p,
		    &b->removed[b->nremoved].error);
		b->nremoved++;
	}
	free(pa);
	free(v);
	arena_release(&a);
}

/*
 * Renders the pages into the writer and commits it: the output changes
 * here, file by file or in one rename.  Returns 0, or -1 after
 * reporting (b->rc is EXIT_IO when the output could not be changed).
 * A dry run renders and stops there; under --strict a build with an
 * error stops there too.
 */
static int
write_site(struct build *b)
{
	char stamp[160];
	struct writer *w = b->w;

	/* The pages need what the model took from the trees, not them. */
	b->until = b->keyed ? stable_until(&b->m, b->vc, &b->s->conf,
	    b->s->now) : 0;
	model_forget_trees(&b->m);
	if (render_site(&b->m, &b->cols, &b->s->conf, b->th, b->s->now,
	    &b->base, b->s->jobs, w, &b->st, &b->prog, b->d) < 0)
		return -1;
	if (strict_stop(b))
		return -1;
	note_removals(b);
	if (b->o->dry_run) {
		writer_stats(w, &b->ws);
		b->ws.deleted = (unsigned)b->nremovals;
		return 0;
	}
	/* A clean build lets the next one of the same inputs skip all work. */
	if (b->keyed && b->d->errors == 0 && b->d->warnings == 0 &&
	    b->m.failed == 0) {
		snprintf(stamp, sizeof(stamp), "%s %lld %lld %u %u %u %u",
		    b->inputs, (long long)b->s->now, (long long)b->until,
		    b->st.pages, b->st.awards, b->st.private_, b->st.files);
		writer_set_stamp(w, stamp);
	}
	/* Beside the output, under its lock: see write.h. */
	vcache_save(b->vc, b->d);
	b->w = NULL;	/* committed or aborted by writer_commit_stats */
	if (writer_commit_stats(w, &b->ws, b->d) < 0) {
		b->rc = EXIT_IO;
		return -1;
	}
	return 0;
}

/*
 * The summary line of a build that wrote the site (or of a dry run),
 * then the published pages it removed and why: every one, also with
 * --quiet when an error is the reason.
 */
static void
summary(struct build *b)
{
	unsigned hits = 0, misses = 0;
	char took[64];
	size_t i;

	vcache_stats(b->vc, &hits, &misses);
	progress_clear(&b->prog);
	if (!b->o->quiet)
		diag_note(b->d, "%s %s: %u pages, %u awards (%u verified, %u "
		    "unchanged since the last build), %u private, %u left out "
		    "because of errors; award pages: %u made, %u kept; files: "
		    "%u %s, %u kept, %u %s%s", b->o->dry_run ? "dry run, "
		    "nothing written to" : "built", b->out, b->st.pages,
		    b->st.awards, misses, hits, b->st.private_, b->m.failed,
		    b->st.awards - b->st.awards_reused, b->st.awards_reused,
		    b->ws.put, b->o->dry_run ? "to write" : "written",
		    b->ws.kept, b->ws.deleted, b->o->dry_run ? "to remove" :
		    "removed", elapsed(&b->prog, took, sizeof(took)));
	for (i = 0; i < b->nremoved; i++)
		if (!b->o->quiet || b->removed[i].error)
			diag_note(b->d, "%s %s/%s: %s", b->o->dry_run ?
			    "would remove" : "removed", b->out,
			    b->removed[i].path, b->removed[i].why);
}

int
build_run(struct site *s, const struct build_opts *o, struct diag *d,
    struct build_result *res)
{
	void (*interrupt)(void *) = d->interrupt;
	void *interrupt_arg = d->interrupt_arg;
	struct build b;
	size_t i;

	memset(&b, 0, sizeof(b));
	memset(res, 0, sizeof(*res));
	b.s = s;
	b.o = o;
	b.d = d;
	b.out = o->out != NULL ? o->out : s->out;
	b.rc = EXIT_USAGE;
	b.wk.cols = &b.cols;
	b.wk.d = d;
	b.wk.prog = &b.prog;
	b.wk.o = o;
	/* The progress line: only for a person watching a terminal. */
	progress_init(&b.prog, stderr, !o->quiet && d->capture == NULL &&
	    isatty(STDERR_FILENO));
	d->interrupt = progress_interrupt;
	d->interrupt_arg = &b.prog;

	source_warn_dirty(s->src, d);
	if (prepare(&b) < 0 || nothing_changed(&b))
		goto out;
	b.rc = EXIT_CHECKS;
	if (read_content(&b) < 0) {
		diag_note(d, "build failed; %s is unchanged", b.out);
		goto out;
	}
	verify_stage(&b);
	collect_stage(&b);
	if (strict_stop(&b)) {
		if (!o->dry_run)
			vcache_save(b.vc, d);	/* under the lock */
		goto out;
	}
	if (write_site(&b) < 0) {
		if (b.rc == EXIT_CHECKS && !b.stopped)
			diag_note(d, "build failed; %s is unchanged", b.out);
		goto out;
	}
	b.rc = b.m.failed > 0 || d->errors > 0 ? EXIT_CHECKS : 0;
	summary(&b);
out:
	progress_clear(&b.prog);
	d->interrupt = interrupt;
	d->interrupt_arg = interrupt_arg;
	res->awards = b.st.awards;
	res->private_ = b.st.private_;
	res->pages = b.st.pages;
	res->files = b.st.files;
	res->failed = b.m.failed;
	res->errors = d->errors;
	res->warnings = d->warnings;
	writer_abort(b.w);
	vcache_free(b.vc);
	free_reports(&b.m);
	if (o->keep != NULL) {
		*o->keep = b.m;
		memset(&b.m, 0, sizeof(b.m));
	}
	model_release(&b.m);
	collect_release(&b.cols);
	theme_free(b.th);
	for (i = 0; i < b.nremoved; i++)
		free(b.removed[i].path);
	free(b.removed);
	return b.rc;
}
