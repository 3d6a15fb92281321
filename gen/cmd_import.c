/*
 * cmd_import.c - badgegen import: another issuer's award, verified
 * offline against that issuer's documents, kept in the site's work tree
 * for the recipient's collection page.
 *
 * The documents go to content/trust/<issuer host>/, named after their
 * ids; the award to content/imported/<issuer host>/<name>.json or .jws
 * (a baked image gives the award baked into it).  The model resolves
 * through them but publishes neither (model.h).
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bake.h"
#include "cmd.h"
#include "conf.h"
#include "date.h"
#include "fs.h"
#include "issue.h"
#include "model.h"
#include "source.h"
#include "verify.h"

const char cmd_import_help[] =
"Imports a badge that another issuer awarded (a baked PNG or SVG image,\n"
"a JWS or a JSON award) into the site's work tree, for the collection\n"
"page of its recipient.  It is verified offline, the way build verifies\n"
"awards, against the issuer's published documents, which you download\n"
"and give with --with: issuer profile, badge class, key, DID document,\n"
"revocation or status list.  A badge whose documents are missing is\n"
"refused with every URL it still needs, all in one run (an OB 2.0\n"
"badge class names its issuer: that URL shows once the badge class is\n"
"given).  The documents are stored\n"
"under content/trust/<issuer host>/ and the award under\n"
"content/imported/<issuer host>/; neither is published, and the award\n"
"gets no page: commit them and build.\n"
"\n"
"    --with <path>         a document of the issuer (JSON with an id), or a\n"
"                          directory of downloaded documents: every .json\n"
"                          file in it that is a document with an id (other\n"
"                          files and awards are passed over); repeatable\n"
"    --repo <dir>          the site (default: the current directory)\n"
"    --now <time>          the date to check expiry against (ISO 8601 or @<seconds>)\n"
"\n"
"Exit status: 0 imported, 1 refused, 2 usage or configuration error,\n"
"3 I/O error (a file that cannot be read or written).\n";

const struct opt cmd_import_opts[] = {
	{ "with", OPT_LIST, ARG(with), "a file", NULL, 0 },
	OPT_SITE_REPO,
	OPT_SITE_NOW,
	OPT_END
};

/* A document given with --with. */
struct trustdoc {
	const char	*file;		/* as given */
	struct buf	 data;
	const char	*id;
	const char	*target;	/* content/trust/<host>/<name> */
};

static bool
name_char(int c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-' || c == '_';
}

/*
 * The host part of an http(s) URL or did:web DID, lower case, a port
 * joined with '_'; "did-key" for did:key.  Returns 0, or -1 when id has
 * no usable host (user info, odd characters).  *rest gets what follows
 * the host.
 */
static int
id_host(struct buf *out, const char *id, const char **rest)
{
	const char *p;
	size_t n, i;

	buf_reset(out);
	if (strncmp(id, "https://", 8) == 0 || strncmp(id, "http://", 7) == 0) {
		p = strstr(id, "://") + 3;
		n = strcspn(p, "/?#");
	} else if (strncmp(id, "did:web:", 8) == 0) {
		p = id + 8;
		n = strcspn(p, ":#");
	} else if (strncmp(id, "did:key:", 8) == 0) {
		BUF_PUTSL(out, "did-key");
		*rest = id;
		return 0;
	} else
		return -1;
	if (n == 0 || !isalnum((unsigned char)p[0]))
		return -1;
	for (i = 0; i < n; i++) {
		if (p[i] == ':')
			buf_putc(out, '_');
		else if (strncmp(p + i, "%3A", 3) == 0 ||
		    strncmp(p + i, "%3a", 3) == 0) {
			buf_putc(out, '_');
			i += 2;
		} else if (name_char(p[i]))
			buf_putc(out, (char)tolower((unsigned char)p[i]));
		else
			return -1;
	}
	*rest = p + n;
	return 0;
}

/*
 * The file name a document with this id gets under the trust folder of
 * host: the id's path with '/', ':' and '#' as '-', prefixed with its
 * own host and '_' when that is another one (a DID: "did-" and the rest
 * of the DID), ending in .json.  Returns 0, or
 * -1 when the id would make an unsafe or unclear name (a query, '%',
 * "..", a leading dot).
 */
static int
trust_name(struct buf *out, const char *id, const char *host)
{
	struct buf h = BUF_INIT;
	const char *rest, *p;
	int rc = -1;

	buf_reset(out);
	if (id_host(&h, id, &rest) < 0)
		goto out;
	if (strncmp(id, "did:", 4) == 0) {
		/* "did:web:example.org" -> "did-web-example.org.json" */
		BUF_PUTSL(out, "did-");
		rest = id + 4;
	} else if (strcmp(h.data, host) != 0) {
		buf_puts(out, h.data);
		buf_putc(out, '_');
	}
	while (*rest == '/' || *rest == ':')
		rest++;
	for (p = rest; *p != '\0'; p++) {
		if (*p == '/' || *p == ':' || *p == '#')
			buf_putc(out, '-');
		else if (name_char(*p))
			buf_putc(out, *p);
		else
			goto out;
	}
	if (*rest == '\0')
		BUF_PUTSL(out, "index");
	if (out->len < 5 || strcmp(out->data + out->len - 5, ".json") != 0)
		BUF_PUTSL(out, ".json");
	if (out->data[0] == '.' || out->data[0] == '-' ||
	    strstr(out->data, "..") != NULL || out->len > 200)
		goto out;
	rc = 0;
out:
	buf_release(&h);
	return rc;
}

/* The award's name in content/imported/<host>/: the file's, made safe. */
static const char *
award_name(struct arena *a, const char *file, bool json)
{
	const char *base = strrchr(file, '/'), *dot;
	struct buf b = BUF_INIT;
	const char *s, *name;

	base = base != NULL ? base + 1 : file;
	dot = strrchr(base, '.');
	for (s = base; *s != '\0' && s != dot && b.len < 100; s++)
		buf_putc(&b, name_char(*s) && !(b.len == 0 && *s == '.') ?
		    *s : '-');
	if (b.len == 0)
		BUF_PUTSL(&b, "award");
	buf_puts(&b, json ? ".json" : ".jws");
	name = arena_strdup(a, b.data);
	buf_release(&b);
	return name;
}

struct walk {
	struct model	*m;
	const char	**skip;		/* paths about to be replaced */
	size_t		 nskip;
};

static int
add_content(void *arg, const char *path, const char *oid, const char *data,
    size_t len)
{
	struct walk *wk = arg;
	struct diag quiet = DIAG_INIT;
	size_t i;

	quiet.quiet = true;
	for (i = 0; i < wk->nskip; i++)
		if (strcmp(path, wk->skip[i]) == 0)
			return 0;
	model_add_file(wk->m, path, oid, data, len, &quiet);
	return 0;
}

static const char *const form_text[] = {
	[FORM_OB2_HOSTED] = "Open Badges 2.0, hosted",
	[FORM_OB2_SIGNED] = "Open Badges 2.0, signed",
	[FORM_OB3_JSON] = "Open Badges 3.0, embedded proof",
	[FORM_OB3_JWT] = "Open Badges 3.0, VC-JWT",
};

static void
print_checks(FILE *fp, const char *file, const struct award *aw,
    const struct verify_report *r)
{
	size_t i;

	diag_print(fp, "%s: %s (%s%s%s)\n", file, r->valid ? "valid" :
	    "NOT valid", form_text[aw->form], r->method ? ", " : "",
	    r->method ? r->method : "");
	for (i = 0; i < r->nchecks; i++)
		diag_print(fp, "  %-7s %-10s %s\n",
		    check_result_name(r->checks[i].result),
		    r->checks[i].name, r->checks[i].message ?
		    r->checks[i].message : "");
}

/* Whether the model holds id as a file of its own (not embedded). */
static bool
has_file(const struct model *m, const char *id)
{
	const struct doc *doc = model_lookup(m, id);

	return doc != NULL && doc->file != NULL;
}

/*
 * Adds ref to refs when it names a document that is not there: not a
 * file of the model (the document of the URL before '#' neither), not
 * under the site, not a did:key.  Returns whether it was missing.
 */
static bool
add_missing(struct strlist *refs, struct model *m, const char *ref)
{
	size_t n;

	if (ref == NULL || strncmp(ref, "did:key:", 8) == 0 ||
	    has_file(m, ref) || model_site_path(m, ref) != NULL)
		return false;
	n = strcspn(ref, "#");
	if (ref[n] == '#') {
		ref = arena_strndup(&m->arena, ref, n);
		if (has_file(m, ref))
			return false;
	}
	strlist_add_once(refs, ref, strlen(ref));
	return true;
}

/*
 * Adds the documents the award at file names itself and lacks: its
 * badge class and key (OB 2.0), its issuer, achievement, key and status
 * list (OB 3.0), then those that the documents it has name (a badge
 * class's issuer, a key's owner or controller).  Returns whether the
 * badge class of an OB 2.0 award is missing, and with it its issuer's
 * id.
 */
static bool
award_refs(struct strlist *refs, struct model *m, const char *file)
{
	const struct json *j = NULL, *e;
	const struct doc *doc = NULL, *b;
	const char *r;
	bool no_badge = false;
	size_t i;

	for (i = 0; i < m->ndocs && doc == NULL; i++)
		if (m->docs[i]->file != NULL &&
		    strcmp(m->docs[i]->file, file) == 0)
			doc = m->docs[i];
	if (doc == NULL || (j = doc->json) == NULL)
		return false;
	if ((r = json_get_str(j, "badge")) != NULL) {
		no_badge = add_missing(refs, m, r);
		if (!no_badge && (b = model_lookup(m, r)) != NULL)
			add_missing(refs, m, json_id(json_get(b->json,
			    "issuer")));
	}
	add_missing(refs, m, json_get_str(json_get(j, "verification"),
	    "creator"));
	add_missing(refs, m, json_id(json_get(j, "issuer")));
	e = json_get(json_get(j, "credentialSubject"), "achievement");
	if (e != NULL && e->type == JSON_STRING)
		add_missing(refs, m, e->str);
	add_missing(refs, m, json_get_str(json_get(j, "proof"),
	    "verificationMethod"));
	if (doc->jws != NULL)
		add_missing(refs, m, json_get_str(doc->jws->hdr, "kid"));
	add_missing(refs, m, json_get_str(json_get(j, "credentialStatus"),
	    "statusListCredential"));
	/* What the key documents given name. */
	r = json_get_str(json_get(j, "verification"), "creator");
	if (r != NULL && (b = model_lookup(m, r)) != NULL && b->json != NULL) {
		add_missing(refs, m, json_get_str(b->json, "owner"));
		add_missing(refs, m, json_get_str(b->json, "controller"));
	}
	return no_badge;
}

/*
 * Appends every document the award still needs, one a line, to out:
 * those the verification looked up and lacked, and those the award and
 * its documents name and that are not there; returns how many.
 */
static size_t
needed(struct buf *out, struct model *m, const struct cmd_misses *ms,
    const char *file)
{
	struct strlist refs;
	size_t i, n = 0;
	bool no_badge;

	memset(&refs, 0, sizeof(refs));
	for (i = 0; i < ms->ids.n; i++)
		add_missing(&refs, m, ms->ids.v[i]);
	no_badge = award_refs(&refs, m, file);
	strlist_sort(&refs);
	for (i = 0; i < refs.n; i++) {
		buf_printf(out, "\n  %s", refs.v[i]);
		n++;
	}
	if (no_badge && n > 0)
		buf_puts(out, "\n  and the issuer profile that the badge class "
		    "names in \"issuer\" (its URL is in the badge class)");
	strlist_release(&refs);
	return n;
}

/* Refuses the award for the documents in list, which are missing. */
static int
refuse_missing(const char *file, const struct buf *list, struct diag *d)
{
	diag_err(d, "%s: not imported: the issuer's documents it needs are "
	    "missing; download them and give each with --with <file>:", file);
	diag_note(d, "%s", list->data + (list->len > 0));	/* one a line */
	return -1;
}

/* The site's file path on disk. */
static const char *
on_disk(struct arena *a, const struct site *s, const char *path)
{
	return strcmp(s->dir, ".") != 0 ? arena_printf(a, "%s/%s", s->dir,
	    path) : path;
}

/*
 * Reads the award (unbaking an image) into *text and names its form:
 * *json is true for JSON, false for a compact JWS.  Returns 0, or the
 * exit status after reporting.
 */
static int
read_award(struct buf *text, bool *json, const char *file, struct diag *d)
{
	struct buf data = BUF_INIT;
	size_t i;
	int rc = EXIT_IO;

	if (fs_read_file(&data, file, CMD_FILE_MAX, false, d) < 0)
		goto out;
	rc = EXIT_CHECKS;
	if (bake_is_png(data.data, data.len) || bake_is_svg(data.data,
	    data.len)) {
		if (unbake(text, data.data, data.len, file, d) < 0)
			goto out;
	} else
		buf_put(text, data.data, data.len);
	for (i = 0; i < text->len && strchr(" \t\r\n", text->data[i]); i++)
		continue;
	if (i == text->len || (text->data[i] != '{' && (text->len - i < 8 ||
	    strncmp(text->data + i, "http", 4) == 0))) {
		diag_err(d, "%s: holds no award (a hosted badge's URL is not "
		    "one: download the assertion served there)", file);
		goto out;
	}
	*json = text->data[i] == '{';
	rc = 0;
out:
	buf_release(&data);
	return rc;
}

/* Whether j is an award rather than an issuer's document. */
static bool
is_award(const struct json *j)
{
	return json_type_is(j, "Assertion") ||
	    json_type_is(j, "VerifiableCredential") ||
	    json_type_is(j, "OpenBadgeCredential") ||
	    json_type_is(j, "AchievementCredential");
}

/*
 * Reads a --with document: a JSON object with an id.  Returns 0, or the
 * exit status after reporting.
 */
static int
read_trust(struct trustdoc *t, struct model *scratch, const char *file,
    struct diag *d)
{
	struct json *j;
	const char *id;

	t->file = file;
	if (fs_read_file(&t->data, file, JSON_MAX_BYTES, false, d) < 0)
		return EXIT_IO;
	if (json_parse(&j, &scratch->arena, file, t->data.data, t->data.len,
	    d) < 0)
		return EXIT_CHECKS;
	if (j->type != JSON_OBJECT || (id = json_get_str(j, "id")) == NULL) {
		diag_err(d, "%s: not a document with an \"id\": its file name "
		    "comes from its id", file);
		return EXIT_CHECKS;
	}
	if (is_award(j)) {
		diag_err(d, "%s: an award, not an issuer's document", file);
		return EXIT_CHECKS;
	}
	if (model_site_path(scratch, id) != NULL) {
		diag_err(d, "%s: id %s is under this site's base_url: not "
		    "another issuer's document", file, id);
		return EXIT_CHECKS;
	}
	t->id = arena_strdup(&scratch->arena, id);
	return 0;
}

/*
 * The issuer host the files go under: the award's issuer, found with
 * the award and the given documents alone; else the host of the award
 * id, else "unknown" (the award will be refused anyway).
 */
static const char *
issuer_host(struct arena *a, const char *base_url, const struct buf *text,
    bool json, struct trustdoc *t, size_t nt)
{
	struct model m;
	struct diag quiet = DIAG_INIT;
	struct buf h = BUF_INIT;
	const char *rest, *host = "unknown", *id = NULL;
	size_t i;

	quiet.quiet = true;
	model_init(&m, base_url);
	for (i = 0; i < nt; i++)
		model_add_file(&m, arena_printf(&m.arena,
		    MODEL_TRUST_DIR "x/%zu.json", i), NULL, t[i].data.data,
		    t[i].data.len, &quiet);
	model_add_file(&m, json ? MODEL_IMPORTED_DIR "x/a.json" :
	    MODEL_IMPORTED_DIR "x/a.jws", NULL, text->data, text->len,
	    &quiet);
	model_link(&m, &quiet);
	if (m.nimported == 1)
		id = m.imported[0]->issuer->id;
	else if (m.ndocs > 0 && m.docs[m.ndocs - 1]->kind == DOC_AWARD)
		id = m.docs[m.ndocs - 1]->id;
	if (id != NULL && id_host(&h, id, &rest) == 0)
		host = arena_strdup(a, h.data);
	buf_release(&h);
	model_release(&m);
	return host;
}

/* One import: what its steps share. */
struct import {
	struct site	*s;
	const char	*file;		/* the award as given */
	struct buf	 text;		/* the award */
	bool		 json;		/* JSON, else a compact JWS */
	struct trustdoc	 t[CMD_LIST_MAX];	/* the --with documents */
	size_t		 nt;
	struct model	 scratch;	/* reads them; holds the names */
	const char	*skip[CMD_LIST_MAX + 1];	/* the places of the
					   files: the documents', the award's */
	const char	*ipath;		/* the award's place */
	struct model	 m;		/* the site with the files in place */
	struct award	*aw;
	struct cmd_misses ms;
	struct verify_report rep;
	struct diag	*d;
};

/*
 * The steps below return 0 to go on, or the exit status after
 * reporting.
 */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds one document of the award's issuer; returns 0 or the exit status. */
static int
add_trust(struct import *im, const char *file, struct diag *d)
{
	size_t i;
	int rc;

	if (im->nt == CMD_LIST_MAX) {
		diag_err(d, "%s: more than %d documents given with --with",
		    file, CMD_LIST_MAX);
		return EXIT_USAGE;
	}
	if ((rc = read_trust(&im->t[im->nt], &im->scratch, file, d)) != 0)
		return rc;
	for (i = 0; i < im->nt; i++) {
		if (strcmp(im->t[i].id, im->t[im->nt].id) != 0)
			continue;
		if (im->t[i].data.len == im->t[im->nt].data.len &&
		    memcmp(im->t[i].data.data, im->t[im->nt].data.data,
		    im->t[i].data.len) == 0) {
			/* The same document twice: once is enough. */
			buf_reset(&im->t[im->nt].data);
			return 0;
		}
		diag_err(d, "%s and %s both are %s, and they differ: give the "
		    "one the issuer publishes", im->t[i].file, file,
		    im->t[i].id);
		return EXIT_USAGE;
	}
	im->nt++;
	return 0;
}

/*
 * Adds the documents of the directory dir: every .json file that is a
 * JSON document with an id and not an award, in name order; the rest
 * is passed over with a note.  Returns 0 or the exit status.
 */
static int
add_trust_dir(struct import *im, const char *dir)
{
	struct diag q = DIAG_INIT;
	struct buf msgs = BUF_INIT;
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	const char *path, *msg;
	size_t n = 0, i, len, before;
	int rc = 0;

	if ((dp = opendir(dir)) == NULL) {
		diag_err(im->d, "--with %s: cannot list the directory: %s",
		    dir, strerror(errno));
		return EXIT_IO;
	}
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 6 ||
		    strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), cmp_str);
	q.quiet = true;
	q.capture = &msgs;
	for (i = 0; i < n && rc == 0; i++) {
		path = arena_printf(&im->scratch.arena, "%s/%s", dir, names[i]);
		before = im->nt;
		buf_reset(&msgs);
		rc = add_trust(im, path, &q);
		while (msgs.len > 0 && msgs.data[msgs.len - 1] == '\n')
			buf_truncate(&msgs, msgs.len - 1);
		msg = msgs.len > 7 && strncmp(msgs.data, "error: ", 7) == 0 ?
		    msgs.data + 7 : msgs.len > 0 ? msgs.data : "unreadable";
		if (rc == EXIT_CHECKS) {
			diag_note(im->d, "--with %s: passed over: %s", dir,
			    msg);
			im->nt = before;
			rc = 0;
		} else if (rc != 0)
			diag_err(im->d, "--with %s: %s", dir, msg);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_release(&msgs);
	return rc;
}

/* Reads the award and the --with documents (files or directories). */
static int
read_inputs(struct import *im, const struct arg_list *with)
{
	struct stat st;
	size_t i;
	int rc;

	if ((rc = read_award(&im->text, &im->json, im->file, im->d)) != 0)
		return rc;
	for (i = 0; i < with->n; i++) {
		if (stat(with->v[i], &st) == 0 && S_ISDIR(st.st_mode))
			rc = add_trust_dir(im, with->v[i]);
		else
			rc = add_trust(im, with->v[i], im->d);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Where everything goes: content/trust/<host>/ and content/imported/. */
static int
place_files(struct import *im)
{
	struct arena *a = &im->scratch.arena;
	struct buf name = BUF_INIT;
	const char *host;
	size_t i;
	int rc = EXIT_CHECKS;

	host = issuer_host(a, im->s->conf.base_url, &im->text, im->json,
	    im->t, im->nt);
	for (i = 0; i < im->nt; i++) {
		if (trust_name(&name, im->t[i].id, host) < 0) {
			diag_err(im->d, "%s: id %s makes no safe file name",
			    im->t[i].file, im->t[i].id);
			goto out;
		}
		im->t[i].target = arena_printf(a, MODEL_TRUST_DIR "%s/%s",
		    host, name.data);
		im->skip[i] = im->t[i].target;
	}
	im->ipath = arena_printf(a, MODEL_IMPORTED_DIR "%s/%s", host,
	    award_name(a, im->file, im->json));
	im->skip[im->nt] = im->ipath;
	rc = 0;
out:
	buf_release(&name);
	return rc;
}

/* The site as it is, with the files in their places. */
static int
load_site(struct import *im)
{
	struct walk wk;
	size_t i;

	model_init(&im->m, im->s->conf.base_url);
	wk.m = &im->m;
	wk.skip = im->skip;
	wk.nskip = im->nt + 1;
	if (source_walk(im->s->src, "content/", add_content, &wk, im->d) < 0)
		return EXIT_IO;
	for (i = 0; i < im->nt; i++) {
		if (model_add_file(&im->m, im->t[i].target, NULL,
		    im->t[i].data.data, im->t[i].data.len, im->d) < 0)
			return EXIT_CHECKS;
		if (im->m.docs[im->m.ndocs - 1]->kind == DOC_AWARD) {
			diag_err(im->d, "%s: an award, not an issuer's document",
			    im->t[i].file);
			return EXIT_CHECKS;
		}
	}
	if (model_add_file(&im->m, im->ipath, NULL, im->text.data,
	    im->text.len, im->d) < 0)
		return EXIT_CHECKS;
	return 0;
}

/* Resolves the award: its badge and issuer, another issuer's. */
static int
resolve(struct import *im)
{
	struct diag quiet = DIAG_INIT;
	struct buf list = BUF_INIT;
	size_t i;

	quiet.quiet = true;
	im->m.miss = cmd_misses_record;
	im->m.miss_arg = &im->ms;
	im->ms.on = true;
	model_link(&im->m, &quiet);
	im->ms.on = false;
	for (i = 0; i < im->m.nimported; i++)
		if (strcmp(im->m.imported[i]->file, im->ipath) == 0)
			im->aw = im->m.imported[i];
	if (im->aw == NULL) {
		if (needed(&list, &im->m, &im->ms, im->ipath) > 0)
			refuse_missing(im->file, &list, im->d);
		else
			diag_err(im->d, "%s: its badge or issuer could not be "
			    "resolved", im->file);
		buf_release(&list);
		return EXIT_CHECKS;
	}
	if (im->aw->issuer->id != NULL &&
	    model_site_path(&im->m, im->aw->issuer->id) != NULL) {
		diag_err(im->d, "%s: issued by this site (%s): nothing to "
		    "import", im->file, im->aw->issuer->id);
		return EXIT_CHECKS;
	}
	return 0;
}

/* Verifies the award as build would; refused unless it passes. */
static int
verify(struct import *im)
{
	struct buf list = BUF_INIT;
	const struct check *c;
	size_t i;

	strlist_release(&im->ms.ids);
	im->ms.on = true;
	if (sodium_init() < 0 || verify_award(&im->rep, &im->m, im->aw,
	    im->s->now) < 0) {
		diag_err(im->d, "%s: could not be verified", im->file);
		return EXIT_CHECKS;
	}
	im->ms.on = false;
	im->m.miss = NULL;
	if (im->rep.nchecks > 0 && (c = verify_blocking(&im->rep)) == NULL)
		return 0;
	print_checks(stderr, im->file, im->aw, &im->rep);
	for (i = 0; i < im->rep.nchecks; i++)
		if (im->rep.checks[i].result == CHECK_UNKNOWN)
			break;
	if (i < im->rep.nchecks && needed(&list, &im->m, &im->ms,
	    im->ipath) > 0)
		refuse_missing(im->file, &list, im->d);
	else
		diag_err(im->d, "%s: not imported: it does not verify as build "
		    "requires (authentic, no failing check)", im->file);
	buf_release(&list);
	return EXIT_CHECKS;
}

/* Verified: the files go into the work tree. */
static int
write_files(struct import *im)
{
	const char *target;
	size_t i;

	for (i = 0; i < im->nt; i++) {
		target = on_disk(&im->scratch.arena, im->s, im->t[i].target);
		if (fs_write_file(target, im->t[i].data.data,
		    im->t[i].data.len, 0644, FS_REPLACE | FS_MKDIRS, im->d) < 0)
			return EXIT_IO;
		diag_print(stdout, "%s\n", im->t[i].target);
	}
	target = on_disk(&im->scratch.arena, im->s, im->ipath);
	if (fs_write_file(target, im->text.data, im->text.len, 0644,
	    FS_REPLACE | FS_MKDIRS, im->d) < 0)
		return EXIT_IO;
	diag_print(stdout, "%s\n", im->ipath);
	diag_note(im->d, "imported %s (%s, from %s): commit content/trust/ and "
	    "content/imported/, then build", im->file, im->rep.valid ?
	    "valid" : "revoked or expired", im->aw->issuer->name);
	return 0;
}

int
cmd_import(const struct args *a, struct site *s, struct diag *d)
{
	struct import im;
	size_t i;
	int rc;

	memset(&im, 0, sizeof(im));
	im.s = s;
	im.file = a->argv[0];
	im.d = d;
	im.text = (struct buf)BUF_INIT;
	for (i = 0; i < CMD_LIST_MAX; i++)
		im.t[i].data = (struct buf)BUF_INIT;
	model_init(&im.scratch, s->conf.base_url);
	if ((rc = read_inputs(&im, &a->with)) == 0 &&
	    (rc = place_files(&im)) == 0 && (rc = load_site(&im)) == 0 &&
	    (rc = resolve(&im)) == 0 && (rc = verify(&im)) == 0)
		rc = write_files(&im);
	verify_report_release(&im.rep);
	model_release(&im.m);
	model_release(&im.scratch);
	strlist_release(&im.ms.ids);
	for (i = 0; i < CMD_LIST_MAX; i++)
		buf_release(&im.t[i].data);
	buf_release(&im.text);
	return rc;
}
