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
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static const char import_help[] =
"Imports a badge that another issuer awarded (a baked PNG or SVG image,\n"
"a JWS or a JSON award) into the site's work tree, for the collection\n"
"page of its recipient.  It is verified offline, the way build verifies\n"
"awards, against the issuer's published documents, which you download\n"
"and give with --with: issuer profile, badge class, key, JWK set, DID\n"
"document, revocation or status list.  A badge whose documents are\n"
"missing is refused with the URLs it needs.  The documents are stored\n"
"under content/trust/<issuer host>/ and the award under\n"
"content/imported/<issuer host>/; neither is published, and the award\n"
"gets no page: commit them and build.\n"
"\n"
"    --with <file>         a document of the issuer (JSON with an id), repeatable\n"
"    --repo <dir>          the site (default: the current directory)\n"
"    --now <time>          the date to check expiry against (ISO 8601 or @<seconds>)\n"
"\n"
"Exit status: 0 imported, 1 refused, 2 usage error, 3 I/O error.\n";

#define MAX_WITH	64

struct iopts {
	const char	*repo;
	const char	*now;
	const char	*with[MAX_WITH];
	size_t		 nwith;
};

/* A document given with --with. */
struct trustdoc {
	const char	*file;		/* as given */
	struct buf	 data;
	const char	*id;
	const char	*target;	/* content/trust/<host>/<name> */
};

/* Ids the resolver looked for and did not find (fragments cut off). */
struct misses {
	char		**ids;
	size_t		 n;
	bool		 on;
};

static void
record_miss(void *arg, const char *id)
{
	struct misses *ms = arg;
	size_t i, n = strcspn(id, "#");

	if (!ms->on || n == 0)
		return;
	for (i = 0; i < ms->n; i++)
		if (strlen(ms->ids[i]) == n && strncmp(ms->ids[i], id, n) == 0)
			return;
	ms->ids = xreallocarray(ms->ids, ms->n + 1, sizeof(*ms->ids));
	ms->ids[ms->n] = xmalloc(n + 1);
	memcpy(ms->ids[ms->n], id, n);
	ms->ids[ms->n++][n] = '\0';
}

static void
misses_release(struct misses *ms)
{
	size_t i;

	if (ms == NULL)
		return;
	for (i = 0; i < ms->n; i++)
		free(ms->ids[i]);
	free(ms->ids);
	memset(ms, 0, sizeof(*ms));
}

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

	fprintf(fp, "%s: %s (%s%s%s)\n", file, r->valid ? "valid" :
	    "NOT valid", form_text[aw->form], r->method ? ", " : "",
	    r->method ? r->method : "");
	for (i = 0; i < r->nchecks; i++)
		fprintf(fp, "  %-7s %-10s %s\n",
		    check_result_name(r->checks[i].result),
		    r->checks[i].name, r->checks[i].message ?
		    r->checks[i].message : "");
}

/* Prints the documents the verification lacked; returns how many. */
static size_t
print_needed(struct model *m, const struct misses *ms)
{
	size_t i, n = 0;

	for (i = 0; i < ms->n; i++) {
		if (model_site_path(m, ms->ids[i]) != NULL)
			continue;
		if (n++ == 0)
			fputs("badgegen: the issuer's documents it needs are "
			    "missing; download them and give each with "
			    "--with <file>:\n", stderr);
		fprintf(stderr, "  %s\n", ms->ids[i]);
	}
	return n;
}

/* The site's file path on disk. */
static const char *
on_disk(struct arena *a, const struct iopts *o, const char *path)
{
	return o->repo != NULL ? arena_printf(a, "%s/%s", o->repo, path) :
	    path;
}

/*
 * Reads the award (unbaking an image) into *text and names its form:
 * *json is true for JSON, false for a compact JWS.
 */
static int
read_award(struct buf *text, bool *json, const char *file, struct diag *d)
{
	struct buf data = BUF_INIT;
	size_t i;
	int rc = -1;

	if (fs_read_file(&data, file, CMD_FILE_MAX, false, d) < 0)
		goto out;
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

/* Reads the --with documents: JSON objects with an id. */
static int
read_trust(struct trustdoc *t, struct model *scratch, const char *file,
    struct diag *d)
{
	struct json *j;
	const char *id;

	t->file = file;
	if (fs_read_file(&t->data, file, JSON_MAX_BYTES, false, d) < 0)
		return -1;
	if (json_parse(&j, &scratch->arena, file, t->data.data, t->data.len,
	    d) < 0)
		return -1;
	if (j->type != JSON_OBJECT || (id = json_get_str(j, "id")) == NULL)
		return diag_err(d, "%s: not a document with an \"id\": its "
		    "file name comes from its id", file);
	if (model_site_path(scratch, id) != NULL)
		return diag_err(d, "%s: id %s is under this site's base_url: "
		    "not another issuer's document", file, id);
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

static int
import(const char *file, const struct iopts *o, int64_t now, struct diag *d)
{
	struct source *src = NULL;
	struct site_conf conf;
	struct buf text = BUF_INIT, conftext = BUF_INIT, name = BUF_INIT;
	struct trustdoc t[MAX_WITH];
	struct model m, scratch;
	struct misses ms;
	struct verify_report rep;
	struct walk wk;
	struct diag quiet = DIAG_INIT;
	struct award *aw = NULL;
	const struct check *c;
	const char *host, *target, *skip[MAX_WITH + 1], *ipath;
	bool json = false, have_conf = false, have_model = false;
	size_t i;
	int rc = EXIT_USAGE;

	memset(&conf, 0, sizeof(conf));
	memset(t, 0, sizeof(t));
	memset(&ms, 0, sizeof(ms));
	memset(&rep, 0, sizeof(rep));
	quiet.quiet = true;
	model_init(&scratch, "https://site.invalid/");
	if (source_open(&src, o->repo, NULL, true, d) < 0)
		goto out;
	if (source_read(src, "site.conf", &conftext, NULL, &quiet) != 0) {
		diag_err(d, "%s: no site.conf: not a site (--repo names one)",
		    o->repo != NULL ? o->repo : ".");
		goto out;
	}
	if (site_conf_parse(&conf, "site.conf", conftext.data, conftext.len,
	    d) < 0)
		goto out;
	have_conf = true;
	model_release(&scratch);
	model_init(&scratch, conf.base_url);
	rc = EXIT_CHECKS;
	if (read_award(&text, &json, file, d) < 0)
		goto out;
	for (i = 0; i < o->nwith; i++)
		if (read_trust(&t[i], &scratch, o->with[i], d) < 0)
			goto out;

	/* Where everything goes. */
	host = issuer_host(&scratch.arena, conf.base_url, &text, json, t,
	    o->nwith);
	for (i = 0; i < o->nwith; i++) {
		if (trust_name(&name, t[i].id, host) < 0) {
			diag_err(d, "%s: id %s makes no safe file name",
			    t[i].file, t[i].id);
			goto out;
		}
		t[i].target = arena_printf(&scratch.arena, MODEL_TRUST_DIR
		    "%s/%s", host, name.data);
		skip[i] = t[i].target;
	}
	ipath = arena_printf(&scratch.arena, MODEL_IMPORTED_DIR "%s/%s", host,
	    award_name(&scratch.arena, file, json));
	skip[o->nwith] = ipath;

	/* The site as it is, with these files in their places. */
	model_init(&m, conf.base_url);
	have_model = true;
	wk.m = &m;
	wk.skip = skip;
	wk.nskip = o->nwith + 1;
	if (source_walk(src, "content/", add_content, &wk, d) < 0) {
		rc = EXIT_IO;
		goto out;
	}
	for (i = 0; i < o->nwith; i++) {
		if (model_add_file(&m, t[i].target, NULL, t[i].data.data,
		    t[i].data.len, d) < 0)
			goto out;
		if (m.docs[m.ndocs - 1]->kind == DOC_AWARD) {
			diag_err(d, "%s: an award, not an issuer's document",
			    t[i].file);
			goto out;
		}
	}
	if (model_add_file(&m, ipath, NULL, text.data, text.len, d) < 0)
		goto out;
	m.miss = record_miss;
	m.miss_arg = &ms;
	ms.on = true;
	model_link(&m, &quiet);
	ms.on = false;
	for (i = 0; i < m.nimported; i++)
		if (strcmp(m.imported[i]->file, ipath) == 0)
			aw = m.imported[i];
	if (aw == NULL) {
		if (print_needed(&m, &ms) == 0)
			diag_err(d, "%s: its badge or issuer could not be "
			    "resolved", file);
		else
			diag_err(d, "%s: not imported: the issuer's documents "
			    "above are missing", file);
		goto out;
	}
	if (aw->issuer->id != NULL &&
	    model_site_path(&m, aw->issuer->id) != NULL) {
		diag_err(d, "%s: issued by this site (%s): nothing to import",
		    file, aw->issuer->id);
		goto out;
	}
	misses_release(&ms);
	ms.on = true;
	if (sodium_init() < 0 || verify_award(&rep, &m, aw, now) < 0) {
		diag_err(d, "%s: could not be verified", file);
		goto out;
	}
	ms.on = false;
	m.miss = NULL;
	if (rep.nchecks == 0 || (c = verify_blocking(&rep)) != NULL) {
		print_checks(stderr, file, aw, &rep);
		for (i = 0; i < rep.nchecks; i++)
			if (rep.checks[i].result == CHECK_UNKNOWN)
				break;
		if (i < rep.nchecks && print_needed(&m, &ms) > 0)
			diag_err(d, "%s: not imported: the issuer's documents "
			    "above are missing", file);
		else
			diag_err(d, "%s: not imported: it does not verify as "
			    "build requires (authentic, no failing check)",
			    file);
		goto out;
	}

	/* Verified: the files go into the work tree. */
	rc = EXIT_IO;
	for (i = 0; i < o->nwith; i++) {
		target = on_disk(&scratch.arena, o, t[i].target);
		if (fs_write_file(target, t[i].data.data, t[i].data.len, 0644,
		    FS_REPLACE | FS_MKDIRS, d) < 0)
			goto out;
		printf("%s\n", t[i].target);
	}
	target = on_disk(&scratch.arena, o, ipath);
	if (fs_write_file(target, text.data, text.len, 0644,
	    FS_REPLACE | FS_MKDIRS, d) < 0)
		goto out;
	printf("%s\n", ipath);
	diag_note(d, "imported %s (%s, from %s): commit content/trust/ and "
	    "content/imported/, then build", file, rep.valid ? "valid" :
	    "revoked or expired", aw->issuer->name);
	rc = 0;
out:
	verify_report_release(&rep);
	if (have_model)
		model_release(&m);
	model_release(&scratch);
	misses_release(&ms);
	for (i = 0; i < MAX_WITH; i++)
		buf_release(&t[i].data);
	if (have_conf)
		site_conf_release(&conf);
	source_free(src);
	buf_release(&text);
	buf_release(&conftext);
	buf_release(&name);
	return rc;
}

int
cmd_import(int argc, char **argv)
{
	enum { O_WITH = 256, O_REPO, O_NOW, O_HELP };
	static const struct option longopts[] = {
		{ "with", required_argument, NULL, O_WITH },
		{ "repo", required_argument, NULL, O_REPO },
		{ "now", required_argument, NULL, O_NOW },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 }
	};
	struct diag d = DIAG_INIT;
	struct iopts o;
	int64_t now;
	int c;

	memset(&o, 0, sizeof(o));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case O_WITH:
			if (o.nwith == MAX_WITH) {
				fprintf(stderr, "badgegen: at most %d --with "
				    "documents\n", MAX_WITH);
				return EXIT_USAGE;
			}
			o.with[o.nwith++] = optarg;
			break;
		case O_REPO: o.repo = optarg; break;
		case O_NOW: o.now = optarg; break;
		case 'h':
		case O_HELP:
			return cmd_usage(IMPORT_USAGE, import_help, true);
		default:
			fprintf(stderr, "badgegen: unknown option or missing "
			    "value: %s\n", argv[optind - 1]);
			return cmd_usage(IMPORT_USAGE, NULL, false);
		}
	}
	if (optind != argc - 1) {
		fputs(optind >= argc ? "badgegen: no badge to import\n" :
		    "badgegen: one badge at a time\n", stderr);
		return cmd_usage(IMPORT_USAGE, NULL, false);
	}
	if (clock_now(&now, o.now, &d) < 0)
		return EXIT_USAGE;
	return import(argv[optind], &o, now, &d);
}
