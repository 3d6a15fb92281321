/*
 * cmd_notify.c - badgegen notify: award notices for the awards a range
 * of commits added, as message files in a Maildir-style outbox.
 *
 * The awards are those under content/awards/ of --rev that --since does
 * not have (compared by path through the source module); without
 * --since, every award of --rev.  Each is
 * loaded and verified as build does, at the commit's time; its sidecar
 * gives the address.  The outbox's .notified file lists the ids of
 * every award a notice was written for, so no award is mailed twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bake.h"
#include "cmd.h"
#include "conf.h"
#include "fs.h"
#include "issue.h"
#include "mail.h"
#include "model.h"
#include "mustache.h"
#include "render.h"
#include "source.h"
#include "verify.h"

const char cmd_notify_help[] =
"Writes a notice for every award under content/awards/ of --rev that\n"
"<outbox>/.notified does not list yet (with --since, only those the\n"
"commits after --since added): one message file per recipient in\n"
"<outbox>/new/ (a Maildir).  notify only writes the messages; sending\n"
"them is contrib/send-outbox's job (or any mail tool's).  A message\n"
"is bilingual (Japanese, then English), text and HTML, from the\n"
"templates email/award.*.mustache (a site's templates/ overrides them),\n"
"From and Reply-To site.conf's [mail] from and reply_to, To the address\n"
"in the award's sidecar (email = ...).\n"
"\n"
"    --since <rev>    the last commit already notified (default: none;\n"
"                     .notified alone keeps awards from being notified\n"
"                     twice)\n"
"    --rev <rev>      the commit to notify up to (default HEAD)\n"
"    --outbox <dir>   the Maildir to write into (created when missing)\n"
"    --repo <dir>     the site directory (default: the current one)\n"
"\n"
"Awards without an address, revoked awards and awards that fail\n"
"verification get no message.  <outbox>/.notified lists the ids of the\n"
"awards notified; they are never notified again.  Prints one line per\n"
"award (\"written\", \"skipped\" or \"failed\"; without --since, awards\n"
"notified before are only counted).  Refuses to write while site.conf's\n"
"[mail] from is still the example address badgegen init wrote.\n"
"\n"
"Exit status: 0 done, 1 some awards failed, 2 usage or configuration\n"
"error, 3 I/O error (content/ of --rev cannot be read, the outbox cannot\n"
"be written).\n";

const struct opt cmd_notify_opts[] = {
	{ "since", OPT_VALUE, ARG(since), "a revision", NULL, 0 },
	OPT_SITE_REV,
	{ "outbox", OPT_VALUE, ARG(outbox), "a directory", NULL, OPT_REQUIRED },
	OPT_SITE_REPO,
	OPT_END
};

#define NOTIFIED_MAX	(64 * 1024 * 1024)

static int
collect_path(void *arg, const char *path, const char *oid, const char *data,
    size_t len)
{
	struct strlist *paths = arg;

	(void)oid;
	(void)data;
	(void)len;
	strlist_add(paths, path, strlen(path));
	return 0;
}

/* Reads <outbox>/.notified into set.  Returns 0 or -1 (reported). */
static int
read_notified(struct strlist *set, const char *path, struct diag *d)
{
	struct buf text = BUF_INIT;
	const char *p, *e;
	int r;

	if ((r = fs_read_file(&text, path, NOTIFIED_MAX, true, d)) != 0) {
		buf_release(&text);
		return r == FS_MISSING ? 0 : -1;
	}
	for (p = text.data; p != NULL && p < text.data + text.len; p = e + 1) {
		e = memchr(p, '\n', (size_t)(text.data + text.len - p));
		if (e == NULL)
			e = text.data + text.len;
		if (e > p)
			strlist_add(set, p, (size_t)(e - p));
	}
	strlist_sort(set);
	buf_release(&text);
	return 0;
}

/* The URL of the award's baked badge, or NULL. */
static const char *
download_url(struct model *m, const struct award *aw)
{
	const struct doc *img;
	const char *ext;

	if (aw->path == NULL || aw->badge->image.path == NULL ||
	    (img = model_at_path(m, aw->badge->image.path)) == NULL ||
	    img->kind != DOC_FILE)
		return NULL;
	if (bake_is_png(img->raw, img->rawlen))
		ext = "png";
	else if (bake_is_svg(img->raw, img->rawlen))
		ext = "svg";
	else
		return NULL;
	return arena_printf(&m->arena, "%s%.*s.%s", m->base_url,
	    (int)strlen(aw->path) - 1, aw->path, ext);
}

/*
 * For a private award, which has no page: its baked badge, to attach.
 * Sets *name and *type and appends the image to out.  Returns 0, or -1
 * when the badge image cannot carry the award (no message).
 */
static int
baked_badge(struct buf *out, const char **name, const char **type,
    struct model *m, const struct award *aw)
{
	const struct doc *img;
	struct diag q = DIAG_INIT;
	const char *base, *p;
	size_t textlen;
	bool ob3, png;

	if (aw->badge->image.path == NULL ||
	    (img = model_at_path(m, aw->badge->image.path)) == NULL ||
	    img->kind != DOC_FILE)
		return -1;
	png = bake_is_png(img->raw, img->rawlen);
	if (!png && !bake_is_svg(img->raw, img->rawlen))
		return -1;
	textlen = aw->doc->rawlen;
	while (textlen > 0 && strchr(" \t\r\n", aw->doc->raw[textlen - 1]))
		textlen--;
	ob3 = aw->form == FORM_OB3_JSON || aw->form == FORM_OB3_JWT;
	q.quiet = true;
	if (bake(out, img->raw, img->rawlen, aw->doc->raw, textlen, ob3,
	    aw->file, &q) < 0)
		return -1;
	base = strrchr(aw->file, '/') != NULL ? strrchr(aw->file, '/') + 1 :
	    aw->file;
	for (p = base; *p != '\0' && *p != '.'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			break;
	if (*p != '.' || p == base)
		*name = png ? "badge.png" : "badge.svg";
	else
		*name = arena_printf(&m->arena, "%.*s.%s", (int)(p - base),
		    base, png ? "png" : "svg");
	*type = png ? "image/png" : "image/svg+xml";
	return 0;
}

/* The data of the e-mail templates for one award. */
static struct json *
mail_data(struct arena *a, struct model *m, const struct site_conf *conf,
    const struct award *aw, const char *email, int64_t when)
{
	struct json *o, *x;
	struct buf b = BUF_INIT;
	const char *url;

	o = json_new(a, JSON_OBJECT);
	x = json_add_obj(a, o, "recipient");
	json_add_str(a, x, "name", aw->recipient_name != NULL ?
	    aw->recipient_name : email);
	json_add_str(a, x, "email", email);
	x = json_add_obj(a, o, "badge");
	json_add_str(a, x, "name", aw->badge->name != NULL ?
	    aw->badge->name : "");
	json_add_str(a, x, "description", aw->badge->description != NULL ?
	    aw->badge->description : "");
	if (aw->badge->image.path != NULL)
		json_add_str(a, x, "image", arena_printf(a, "%s%s",
		    m->base_url, aw->badge->image.path));
	x = json_add_obj(a, o, "issuer");
	json_add_str(a, x, "name", aw->issuer->name != NULL ?
	    aw->issuer->name : "");
	if (aw->issuer->website != NULL)
		json_add_str(a, x, "url", aw->issuer->website);
	if (aw->issuer->email != NULL)
		json_add_str(a, x, "email", aw->issuer->email);
	x = json_add_obj(a, o, "site");
	json_add_str(a, x, "title", conf->title);
	json_add_str(a, x, "base_url", conf->base_url);
	if (conf->mail_reply_to != NULL)
		json_add_str(a, o, "reply_to", conf->mail_reply_to);
	x = json_add_obj(a, o, "date");
	date_format(&b, aw->issued != 0 ? aw->issued : when, conf->tz, "ja",
	    DATE_LONG);
	json_add_str(a, x, "ja", arena_strdup(a, b.data));
	buf_reset(&b);
	date_format(&b, aw->issued != 0 ? aw->issued : when, conf->tz, "en",
	    DATE_LONG);
	json_add_str(a, x, "en", arena_strdup(a, b.data));
	buf_release(&b);
	json_add_bool(a, o, "private", aw->private_);
	if (!aw->private_ && aw->path != NULL) {
		json_add_str(a, o, "url", arena_printf(a, "%s%s", m->base_url,
		    aw->path));
		if ((url = download_url(m, aw)) != NULL)
			json_add_str(a, o, "download", url);
	}
	return o;
}

/*
 * Plain text from a text template: the templates write values as
 * {{x}}, HTML-escaped like every template of the theme; the five
 * escapes mustache makes are undone.
 */
static void
unescape(struct buf *out, const char *s)
{
	static const struct { const char *e; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&#39;", '\'' }
	};
	size_t i, n;
	bool done;

	while (*s != '\0') {
		done = false;
		for (i = 0; *s == '&' && i < sizeof(ents) / sizeof(ents[0]);
		    i++) {
			n = strlen(ents[i].e);
			if (strncmp(s, ents[i].e, n) == 0) {
				buf_putc(out, ents[i].c);
				s += n;
				done = true;
				break;
			}
		}
		if (!done)
			buf_putc(out, *s++);
	}
}

/* The subject: the template's text on one line, blanks collapsed. */
static void
one_line(struct buf *out, const char *s)
{
	bool blank = false;

	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t' || *s == ' ') {
			blank = out->len > 0;
			continue;
		}
		if (blank)
			buf_putc(out, ' ');
		blank = false;
		buf_putc(out, *s);
	}
}

struct run {
	struct model	*m;
	const struct award **linked;	/* m->awards, sorted by address */
	const struct site_conf *conf;
	struct mustache	*mst;
	const char	*outbox;
	int64_t		 when;		/* the commit's time */
	struct strlist	 notified;	/* from .notified, sorted */
	struct strlist	 sent;		/* ids notified by this run */
	bool		 quiet_known;	/* awards notified before: counted,
					   not listed */
	unsigned	 nsent, nskipped, nknown, nfailed;
	struct diag	*d;
};

static int
cmp_ptr(const void *a, const void *b)
{
	const void *x = *(const void *const *)a, *y = *(const void *const *)b;

	return x < y ? -1 : x > y;
}

/* Sorts what linked searches. */
static void
index_model(struct run *r)
{
	r->linked = xcalloc(r->m->nawards + 1, sizeof(*r->linked));
	memcpy(r->linked, r->m->awards, r->m->nawards * sizeof(*r->linked));
	qsort(r->linked, r->m->nawards, sizeof(*r->linked), cmp_ptr);
}

/* Whether aw made it through model_link. */
static bool
linked(const struct run *r, const struct award *aw)
{
	return r->m->nawards > 0 && bsearch(&aw, r->linked, r->m->nawards,
	    sizeof(*r->linked), cmp_ptr) != NULL;
}

/* The line of site.conf (text) that sets [mail] from, or 0. */
static unsigned
from_line(const struct buf *text)
{
	struct conf *c = NULL;
	struct diag q = DIAG_INIT;
	unsigned line = 0;

	q.quiet = true;
	q.quiet_warnings = true;
	if (conf_parse(&c, &conf_site_schema, "site.conf", text->data,
	    text->len, &q) == 0)
		line = conf_line(c, "mail", "from");
	conf_free(c);
	return line;
}

/* Notifies one award.  Returns 0, or -1 on an I/O error (reported). */
static int
notify_award(struct run *r, struct award *aw)
{
	struct verify_report rep;
	const struct check *c = NULL;
	struct arena a = ARENA_INIT;
	struct buf subj = BUF_INIT, text = BUF_INIT, html = BUF_INIT;
	struct buf msg = BUF_INIT, id = BUF_INIT, name = BUF_INIT;
	struct buf tmp = BUF_INIT, img = BUF_INIT;
	struct mail_msg mm;
	const char *img_name = NULL, *img_type = NULL;
	struct json *data;
	const char *email;
	bool match = false;
	int rc = 0, vr;

	memset(&rep, 0, sizeof(rep));
	if (!linked(r, aw)) {
		diag_print(stdout, "failed\t%s\tnot loaded (see the messages "
		    "above)\n", aw->file);
		r->nfailed++;
		goto out;
	}
	if (aw->bad_sidecar) {
		diag_print(stdout, "failed\t%s\tits sidecar has errors (see "
		    "the messages above)\n", aw->file);
		r->nfailed++;
		goto out;
	}
	if (aw->id != NULL && strlist_has(&r->notified, aw->id)) {
		if (!r->quiet_known)
			diag_print(stdout, "skipped\t%s\talready notified\n",
			    aw->file);
		r->nknown++;
		goto out;
	}
	if (aw->id == NULL) {
		diag_print(stdout, "skipped\t%s\tno id: .notified could not "
		    "record it\n", aw->file);
		r->nskipped++;
		goto out;
	}
	vr = verify_award(&rep, r->m, aw, r->when);
	if (vr == 0 && rep.revoked) {
		diag_print(stdout, "skipped\t%s\trevoked: no message\n",
		    aw->file);
		r->nskipped++;
		goto out;
	}
	if (vr < 0 || (c = verify_blocking(&rep)) != NULL) {
		diag_print(stdout, "failed\t%s\tnot verified: %s%s%s\n",
		    aw->file, c != NULL ? c->name : "internal error",
		    c != NULL && c->message != NULL ? ": " : "",
		    c != NULL && c->message != NULL ? c->message : "");
		r->nfailed++;
		goto out;
	}
	if ((email = aw->email) == NULL) {
		diag_print(stdout, "skipped\t%s\tno address (no email = in "
		    "its sidecar)\n", aw->file);
		r->nskipped++;
		goto out;
	}
	if (verify_recipient(aw, email, &match) < 0 || !match) {
		diag_print(stdout, "failed\t%s\tthe sidecar's address %s is "
		    "not the award's recipient\n", aw->file, email);
		r->nfailed++;
		goto out;
	}

	data = mail_data(&a, r->m, r->conf, aw, email, r->when);
	if (aw->private_ && baked_badge(&img, &img_name, &img_type, r->m,
	    aw) == 0)
		json_add_str(&a, data, "attachment", img_name);
	if (mustache_render(r->mst, "email/award.subject", data, &tmp,
	    r->d) < 0 ||
	    mustache_render(r->mst, "email/award.txt", data, &text,
	    r->d) < 0 ||
	    mustache_render(r->mst, "email/award.html", data, &html,
	    r->d) < 0) {
		r->nfailed++;
		diag_print(stdout, "failed\t%s\tthe e-mail templates "
		    "failed\n", aw->file);
		goto out;
	}
	unescape(&msg, tmp.data != NULL ? tmp.data : "");
	one_line(&subj, msg.data != NULL ? msg.data : "");
	buf_reset(&msg);
	buf_reset(&tmp);
	unescape(&tmp, text.data != NULL ? text.data : "");
	mail_message_id(&id, aw->id, email, r->m->base_url);
	memset(&mm, 0, sizeof(mm));
	mm.from = r->conf->mail_from;
	mm.from_name = aw->issuer->name;
	mm.reply_to = r->conf->mail_reply_to;
	mm.to = email;
	mm.to_name = aw->recipient_name;
	mm.subject = subj.len > 0 ? subj.data : "";
	mm.date = r->when;
	mm.tz = r->conf->tz;
	mm.message_id = id.data;
	mm.text = tmp.len > 0 ? tmp.data : "";
	mm.html = html.len > 0 ? html.data : "";
	if (img_name != NULL) {
		mm.file_name = img_name;
		mm.file_type = img_type;
		mm.file_data = img.data;
		mm.file_len = img.len;
	}
	mail_compose(&msg, &mm);
	mail_maildir_name(&name, r->when, aw->id, email);
	if (mail_maildir_put(r->outbox, name.data, msg.data, msg.len,
	    r->d) < 0) {
		rc = -1;
		goto out;
	}
	strlist_add(&r->sent, aw->id, strlen(aw->id));
	diag_print(stdout, "written\t%s\t%s\tnew/%s\n", aw->file, email,
	    name.data);
	r->nsent++;
out:
	fflush(stdout);
	verify_report_release(&rep);
	arena_release(&a);
	buf_release(&subj);
	buf_release(&text);
	buf_release(&html);
	buf_release(&msg);
	buf_release(&id);
	buf_release(&name);
	buf_release(&tmp);
	buf_release(&img);
	return rc;
}

/* Writes the union of the old and new ids to .notified, sorted. */
static int
write_notified(struct run *r, const char *path)
{
	struct buf b = BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < r->notified.n; i++)
		strlist_add(&r->sent, r->notified.v[i],
		    strlen(r->notified.v[i]));
	strlist_sort(&r->sent);
	for (i = 0; i < r->sent.n; i++)
		buf_printf(&b, "%s\n", r->sent.v[i]);
	rc = fs_write_file(path, b.data, b.len, 0644, FS_REPLACE, r->d);
	buf_release(&b);
	return rc == 0 ? 0 : -1;
}

/* Notifies every award --since does not have.  Returns -1 on I/O errors. */
static int
notify_new(struct run *r, const struct strlist *oldpaths)
{
	struct doc *doc;
	size_t i;

	for (i = 0; i < r->m->ndocs; i++) {
		doc = r->m->docs[i];
		if (doc->kind != DOC_AWARD || doc->file == NULL ||
		    doc->obj == NULL ||
		    strncmp(doc->file, "content/awards/", 15) != 0 ||
		    strlist_has(oldpaths, doc->file))
			continue;
		if (notify_award(r, doc->obj) < 0)
			return -1;
	}
	return 0;
}

int
cmd_notify(const struct args *a, struct site *s, struct diag *d)
{
	struct source *old = NULL;
	struct theme *th = NULL;
	struct strlist oldpaths;
	struct run r;
	struct buf path = BUF_INIT;
	int rc = EXIT_USAGE;

	memset(&r, 0, sizeof(r));
	memset(&oldpaths, 0, sizeof(oldpaths));
	r.d = d;
	r.m = &s->model;
	r.conf = &s->conf;
	r.outbox = a->outbox;
	/* The awards are verified as build would at the commit's time. */
	r.when = source_commit_time(s->src);
	r.quiet_known = a->since == NULL;
	if (a->since != NULL && source_open(&old, a->site.repo, a->since,
	    false, d) < 0)
		goto out;
	if (s->conf.mail_from == NULL) {
		diag_err(d, "site.conf: [mail] from: not set; notify needs "
		    "the sender's address (and reply_to for answers)");
		goto out;
	}
	if (strcmp(s->conf.mail_from, INIT_MAIL_FROM) == 0) {
		diag_err(d, "site.conf:%u: [mail] from = %s is the example "
		    "address badgegen init wrote; change it to the address "
		    "the notices come from (the office's), commit, and run "
		    "notify again: no notice was written",
		    from_line(&s->conf_text), INIT_MAIL_FROM);
		goto out;
	}
	if (theme_load(&th, s->src, d) < 0)
		goto out;
	r.mst = mustache_new(theme_template, th);

	rc = EXIT_IO;
	buf_printf(&path, "%s/.notified", r.outbox);
	if (read_notified(&r.notified, path.data, d) < 0)
		goto out;
	if (old != NULL && source_walk(old, "content/awards/", collect_path,
	    &oldpaths, d) < 0)
		goto out;
	strlist_sort(&oldpaths);
	/* What reading content/ reported, then what linking does. */
	diag_replay(d, &s->files, &s->log);
	model_link(r.m, d);
	index_model(&r);
	if (notify_new(&r, &oldpaths) < 0 ||
	    (r.nsent > 0 && write_notified(&r, path.data) < 0))
		goto out;
	diag_note(d, "%u message%s written to %s/new (not sent yet: "
	    "contrib/send-outbox sends them), %u award%s notified before, "
	    "%u skipped, %u failed", r.nsent, r.nsent == 1 ? "" : "s",
	    r.outbox, r.nknown, r.nknown == 1 ? "" : "s", r.nskipped,
	    r.nfailed);
	rc = r.nfailed > 0 ? EXIT_CHECKS : 0;
out:
	free(r.linked);
	mustache_free(r.mst);
	theme_free(th);
	source_free(old);
	strlist_release(&oldpaths);
	strlist_release(&r.notified);
	strlist_release(&r.sent);
	buf_release(&path);
	return rc;
}
