/*
 * main_wasm.c - the entry points of the WebAssembly verifier
 * (assets/verifier.wasm): badgegen's own verification, run in a
 * visitor's browser on the documents a site publishes.  Compiled for
 * wasm32 only, with sig_wasm.c in place of sig.c.
 *
 * One run of a verification is a session: the award (the file of an
 * award page, or a file dropped on the verify page), the documents the
 * page's script fetched from the site, and the checks at an instant.
 * The run tells what it lacked: the ids the model and the resolver
 * looked for and did not find (model.h's miss), which the script
 * fetches when they are under base_url, and the signatures it asked the
 * script to check (sig_wasm.c).  The script runs again until nothing is
 * lacking that it can get; the report of that last run is the answer
 * (assets/verify-worker.js).
 *
 * A fetched document is what the site serves at its URL: a JSON
 * document whose id is that URL is a document of the site's content,
 * anything else a static file at that path, as in badgegen's model.
 *
 * Strings cross as NUL-terminated UTF-8 in the module's memory, which
 * the script allocates with bv_alloc and frees with bv_free; results
 * are JSON the script frees.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bake.h"
#include "cmd.h"
#include "json.h"
#include "model.h"
#include "rdfc.h"
#include "verify.h"

#define EXPORT(name)	__attribute__((export_name(name)))

struct session {
	struct model	 m;
	struct diag	 d;		/* quiet; messages go to log */
	struct buf	 log;
	struct cmd_misses ms;		/* what the run looked for in vain */
	struct buf	 award;		/* the award's file name in the model */
	bool		 readable;	/* the award file was taken */
};

/* The exports, for the page's script (no header: nothing includes them). */
void	*bv_alloc(size_t n);
void	 bv_free(void *p);
struct session *bv_open(const char *base_url);
void	 bv_close(struct session *s);
int	 bv_add_doc(struct session *s, const char *url, const char *data,
	    size_t len);
int	 bv_add_award(struct session *s, const char *file, const char *data,
	    size_t len);
char	*bv_verify(struct session *s, double now, const char *email);
char	*bv_rdfc(const char *nq, size_t len, int sha384, int work_factor,
	    double max_work);

EXPORT("bv_alloc") void *
bv_alloc(size_t n)
{
	return xmalloc(n);
}

EXPORT("bv_free") void
bv_free(void *p)
{
	free(p);
}

/* A new session for a site at base_url (ends with '/'). */
EXPORT("bv_open") struct session *
bv_open(const char *base_url)
{
	struct session *s = xcalloc(1, sizeof(*s));
	struct diag d = DIAG_INIT;

	model_init(&s->m, base_url);
	/* The award given stands for the site's copy of it (verify). */
	s->m.replace = true;
	s->m.miss = cmd_misses_record;
	s->m.miss_arg = &s->ms;
	s->ms.on = true;
	s->log = (struct buf)BUF_INIT;
	s->award = (struct buf)BUF_INIT;
	s->d = d;
	s->d.quiet = true;
	s->d.quiet_warnings = true;
	s->d.capture = &s->log;
	return s;
}

EXPORT("bv_close") void
bv_close(struct session *s)
{
	if (s == NULL)
		return;
	model_release(&s->m);
	buf_release(&s->log);
	buf_release(&s->award);
	strlist_release(&s->ms.ids);
	free(s);
}

/* Whether the JSON text is an object whose id is url. */
static bool
has_id(const char *data, size_t len, const char *url)
{
	struct arena a = ARENA_INIT;
	struct diag q = DIAG_INIT;
	struct json *j;
	bool r;

	q.quiet = true;
	q.quiet_warnings = true;
	r = json_parse(&j, &a, url, data, len, &q) == 0 &&
	    json_str_eq(json_get(j, "id"), url);
	arena_release(&a);
	return r;
}

static bool
json_ext(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	return dot != NULL && (slash == NULL || dot > slash) &&
	    (strcmp(dot, ".json") == 0 || strcmp(dot, ".jsonld") == 0);
}

/*
 * Adds the document the site serves at url (under base_url): bytes
 * data[0..len).  Returns 0, or -1 when url is not under base_url or the
 * document is unusable (the run's messages say why).
 */
EXPORT("bv_add_doc") int
bv_add_doc(struct session *s, const char *url, const char *data, size_t len)
{
	const char *path = model_site_path(&s->m, url);
	struct buf name = BUF_INIT;
	int rc;

	if (path == NULL)
		return -1;
	if (has_id(data, len, url))
		buf_printf(&name, "content/%s%s", path, json_ext(path) ? "" :
		    ".json");
	else
		buf_printf(&name, "content/static/%s", path);
	rc = model_add_file(&s->m, name.data, NULL, data, len, &s->d);
	buf_release(&name);
	return rc;
}

/*
 * Adds the award: the file the site publishes at path file (an award
 * page), or a file given by the visitor (its name; a baked image is
 * unbaked).  Returns 0, or -1 after noting why in the run's messages.
 */
EXPORT("bv_add_award") int
bv_add_award(struct session *s, const char *file, const char *data,
    size_t len)
{
	struct buf text = BUF_INIT;

	buf_put(&text, data, len);
	s->readable = unbake_award(&text, &s->award, file, &s->d) == 0 &&
	    model_add_file(&s->m, s->award.data, NULL, text.data, text.len,
	    &s->d) == 0;
	buf_release(&text);
	return s->readable ? 0 : -1;
}

static const char *
form_name(enum award_form f)
{
	switch (f) {
	case FORM_OB2_HOSTED:
		return "ob2_hosted";
	case FORM_OB2_SIGNED:
		return "ob2_signed";
	case FORM_OB3_JSON:
		return "ob3_json";
	default:
		return "ob3_jwt";
	}
}

/* The host of an http(s) URL or a did:web DID, in b; false if neither. */
static bool
host_of(struct buf *b, const char *id)
{
	const char *p;
	size_t n;

	buf_reset(b);
	if (id == NULL)
		return false;
	if (strncmp(id, "did:web:", 8) == 0)
		p = id + 8;
	else if ((p = strstr(id, "://")) != NULL &&
	    (strncmp(id, "https://", 8) == 0 || strncmp(id, "http://", 7) == 0))
		p += 3;
	else
		return false;
	n = strcspn(p, strncmp(id, "did:", 4) == 0 ? ":#" : ":/?#");
	buf_put(b, p, n);
	return n > 0;
}

/*
 * Whether the issuer is this site's: its id is under base_url, or a
 * did:web of base_url's host.  Another issuer's documents are not here.
 */
static bool
issuer_here(const struct model *m, const char *id)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	bool r;

	if (id != NULL && strncmp(id, m->base_url, strlen(m->base_url)) == 0)
		return true;
	r = id != NULL && strncmp(id, "did:web:", 8) == 0 && host_of(&a, id) &&
	    host_of(&b, m->base_url) && strcmp(a.data, b.data) == 0;
	buf_release(&a);
	buf_release(&b);
	return r;
}

static void
put_member(struct buf *out, const char *key, const char *v)
{
	buf_printf(out, ", \"%s\": ", key);
	if (v == NULL)
		BUF_PUTSL(out, "null");
	else
		json_write_str(out, v, strlen(v), 0);
}

/*
 * Runs the checks at instant now (seconds since the epoch, the
 * visitor's clock) and, when email is not NULL, whether the award was
 * issued to that address.  Returns JSON (free it with bv_free):
 *	state		"report", "unresolved" (its badge class or issuer
 *			could not be found) or "unreadable"
 *	missing		the ids looked for and not found
 *	messages	what went wrong on the way, for "unresolved" and
 *			"unreadable"
 *	award		form, id, issuer id and name, whether the issuer is
 *			this site's, badge name
 *	method, valid, revoked, expired, recipient, checks
 *			as badgegen verify --format json writes them
 */
EXPORT("bv_verify") char *
bv_verify(struct session *s, double now, const char *email)
{
	struct verify_report r;
	struct buf out = BUF_INIT;
	struct recipient_check reci;
	const struct award *aw = NULL;
	size_t i;

	memset(&r, 0, sizeof(r));
	if (s->readable) {
		model_link(&s->m, &s->d);
		aw = verify_find_award(&s->m, s->award.data);
	}
	if (aw != NULL && verify_award(&r, &s->m, aw,
	    (int64_t)floor(now)) < 0)
		aw = NULL;
	buf_printf(&out, "{\"state\": \"%s\", \"missing\": [",
	    aw != NULL ? "report" : s->readable ? "unresolved" : "unreadable");
	for (i = 0; i < s->ms.ids.n; i++) {
		if (i > 0)
			BUF_PUTSL(&out, ", ");
		json_write_str(&out, s->ms.ids.v[i], strlen(s->ms.ids.v[i]),
		    0);
	}
	buf_putc(&out, ']');
	put_member(&out, "messages", s->log.data);
	if (aw != NULL) {
		BUF_PUTSL(&out, ", \"award\": {\"form\": ");
		json_write_str(&out, form_name(aw->form),
		    strlen(form_name(aw->form)), 0);
		put_member(&out, "id", aw->id);
		put_member(&out, "issuer", aw->issuer->id);
		put_member(&out, "issuer_name", aw->issuer->name);
		buf_printf(&out, ", \"issuer_here\": %s",
		    issuer_here(&s->m, aw->issuer->id) ? "true" : "false");
		put_member(&out, "badge", aw->badge->name);
		buf_putc(&out, '}');
		put_member(&out, "method", r.method);
		verify_recipient_check(&reci, aw, email != NULL &&
		    *email != '\0' ? email : NULL);
		BUF_PUTSL(&out, ", ");
		verify_report_json(&out, &r, &reci);
	}
	buf_putc(&out, '}');
	verify_report_release(&r);
	return buf_detach(&out, NULL);
}

/*
 * RDFC-1.0 of N-Quads text (for the W3C test suite): hash SHA-384 when
 * sha384, the work limits of rdfc.h.  Returns JSON (free it with
 * bv_free): {"ok": true, "out": <canonical N-Quads>, "issued": <the
 * issued identifiers>} or {"ok": false, "error": <the message>}.
 */
EXPORT("bv_rdfc") char *
bv_rdfc(const char *nq, size_t len, int sha384, int work_factor,
    double max_work)
{
	struct arena a = ARENA_INIT;
	struct rdf_dataset ds = RDF_DATASET_INIT;
	struct rdfc_opts o = RDFC_OPTS_INIT;
	struct buf out = BUF_INIT, canon = BUF_INIT, issued = BUF_INIT,
	    log = BUF_INIT;
	struct diag d = DIAG_INIT;
	int rc;

	d.quiet = true;
	d.capture = &log;
	o.hash = sha384 ? RDFC_SHA384 : RDFC_SHA256;
	o.work_factor = work_factor;
	o.max_work = (unsigned long)max_work;
	o.issued = &issued;
	rc = nquads_parse(&ds, &a, "input.nq", nq, len, &d);
	if (rc == 0)
		rc = rdfc_canonicalize(&canon, &ds, &o, &d);
	if (rc == 0) {
		BUF_PUTSL(&out, "{\"ok\": true, \"out\": ");
		json_write_str(&out, canon.data, canon.len, 0);
		BUF_PUTSL(&out, ", \"issued\": ");
		buf_put(&out, issued.len > 0 ? issued.data : "{}",
		    issued.len > 0 ? issued.len : 2);
	} else {
		BUF_PUTSL(&out, "{\"ok\": false, \"error\": ");
		json_write_str(&out, log.data, log.len, 0);
	}
	buf_putc(&out, '}');
	rdf_dataset_release(&ds);
	arena_release(&a);
	buf_release(&canon);
	buf_release(&issued);
	buf_release(&log);
	return buf_detach(&out, NULL);
}
