/*
 * keyres.c - the documents and keys a verification needs: a URL or DID
 * resolved to the repository document the site serves for it, a
 * verification method or JWS kid resolved to its key, and that key's
 * binding to the issuer (controller documents, assertionMethod, JWK
 * sets on the issuer's host, did:key and did:web).  See verify.h for
 * the rules.
 */
#include <string.h>
#include <strings.h>

#include "jsonld.h"
#include "verify_int.h"

#define SEC	"https://w3id.org/security#"

/* A copy of url without its fragment, in the report's arena. */
static const char *
no_fragment(struct verify_report *r, const char *url)
{
	const char *h = strchr(url, '#');

	return h == NULL ? url : arena_strndup(&r->arena, url,
	    (size_t)(h - url));
}

/* The site path of url under base_url (a pointer into url), or NULL. */
const char *
under_base(const struct model *m, const char *url)
{
	size_t n = strlen(m->base_url);

	if (url == NULL || strncmp(url, m->base_url, n) != 0 ||
	    strchr(url + n, '?') != NULL || strchr(url + n, '#') != NULL)
		return NULL;
	return url + n;
}

static bool
is_http(const char *url)
{
	return url != NULL && (strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "http://", 7) == 0);
}

/* The authority (host and port) of an http(s) URL, or NULL. */
const char *
host_of(struct verify_report *r, const char *url)
{
	const char *p, *e;

	if (!is_http(url))
		return NULL;
	p = strstr(url, "://") + 3;
	e = p + strcspn(p, "/?#");
	if (memchr(p, '@', (size_t)(e - p)) != NULL)
		p = (const char *)memchr(p, '@', (size_t)(e - p)) + 1;
	if (e == p)
		return NULL;
	return arena_strndup(&r->arena, p, (size_t)(e - p));
}

static bool
same_host(struct verify_report *r, const char *a, const char *b)
{
	const char *ha = host_of(r, a), *hb = host_of(r, b);

	return ha != NULL && hb != NULL && strcasecmp(ha, hb) == 0;
}

/*
 * The repository document at url (its fragment ignored), see verify.h.
 * Returns its JSON, or NULL: *err is then NULL when there is no such
 * document, or says why what is there is not a JSON document.
 */
const struct json *
fetch_doc(struct vctx *v, const char *url, const char **err)
{
	const struct doc *doc;
	const char *u, *path;
	struct json *j;
	struct cap c;

	*err = NULL;
	if (url == NULL)
		return NULL;
	u = no_fragment(v->r, url);
	if ((path = under_base(v->m, u)) != NULL) {
		if ((doc = model_at_path(v->m, path)) == NULL)
			model_missed(v->m, u);	/* the site serves nothing */
		if (doc == NULL || doc->kind == DOC_AWARD)
			return NULL;
		if (doc->json != NULL)
			return doc->json;
		cap_init(&c);
		if (json_parse(&j, &v->r->arena, doc->file, doc->raw,
		    doc->rawlen, &c.d) < 0) {
			*err = cap_text(v->r, &c);
			j = NULL;
		}
		cap_release(&c);
		return j;
	}
	/* Neither a document embedded in another one nor an award. */
	doc = model_lookup(v->m, u);
	if (doc != NULL && doc->file == NULL)
		model_missed(v->m, u);	/* only embedded: not a document */
	if (doc == NULL || doc->file == NULL || doc->kind == DOC_AWARD)
		return NULL;
	return doc->json;
}

/* The https URL of a did:web DID, in the report's arena, or NULL. */
static const char *
did_web_url(struct verify_report *r, const char *did)
{
	struct buf b = BUF_INIT;
	const char *s = NULL;

	if (key_did_web_url(&b, did) == 0)
		s = arena_strdup(&r->arena, b.data);
	buf_release(&b);
	return s;
}

/*
 * The DID document of did:web DID did: what the site serves at its
 * URL when that is under base_url, else the repository document whose
 * id is the DID.  Its id must be the DID.  Returns it, or NULL with
 * *res UNKNOWN (absent) or FAIL (wrong) and *why set.
 */
static const struct json *
did_document(struct vctx *v, const char *did, enum check_result *res,
    const char **why)
{
	const struct json *doc;
	const struct doc *d;
	const char *url = did_web_url(v->r, did), *err = NULL, *id;

	if (url == NULL) {
		*res = CHECK_FAIL;
		*why = rprintf(v->r, "%s is not a well-formed did:web DID",
		    did);
		return NULL;
	}
	if (under_base(v->m, url) != NULL)
		doc = fetch_doc(v, url, &err);
	else {
		d = model_lookup(v->m, did);
		if (d != NULL && d->file == NULL)
			model_missed(v->m, did);
		doc = d != NULL && d->file != NULL ? d->json : NULL;
	}
	if (doc == NULL) {
		*res = err != NULL ? CHECK_FAIL : CHECK_UNKNOWN;
		*why = err != NULL ? err : rprintf(v->r, "the DID document of "
		    "%s (%s) is not in the repository", did, url);
		return NULL;
	}
	if ((id = json_get_str(doc, "id")) == NULL || strcmp(id, did) != 0) {
		*res = CHECK_FAIL;
		*why = rprintf(v->r, "the DID document at %s has id %s, not "
		    "%s", url, id != NULL ? id : "(none)", did);
		return NULL;
	}
	return doc;
}

/* Whether method id `id' of controller document cid names `want'. */
static bool
same_id(const char *id, const char *cid, const char *want)
{
	size_t n;

	if (id == NULL || want == NULL)
		return false;
	if (id[0] == '#') {
		n = strlen(cid);
		return strncmp(want, cid, n) == 0 && strcmp(want + n, id) == 0;
	}
	return strcmp(id, want) == 0;
}

/* The verification method want given in full in controller document doc. */
static const struct json *
find_method(const struct json *doc, const char *cid, const char *want)
{
	static const char *const rel[] = {
		"verificationMethod", "assertionMethod", "authentication"
	};
	const struct json *l, *e;
	size_t i;

	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		l = json_get(doc, rel[i]);
		for (e = first_of(l); e != NULL; e = next_of(l, e))
			if (e->type == JSON_OBJECT &&
			    same_id(json_get_str(e, "id"), cid, want))
				return e;
	}
	return NULL;
}

/* Whether doc lists want under assertionMethod (by id or in full). */
static bool
lists_assertion(const struct json *doc, const char *cid, const char *want)
{
	const struct json *l = json_get(doc, "assertionMethod"), *e;

	for (e = first_of(l); e != NULL; e = next_of(l, e))
		if (same_id(e->type == JSON_STRING ? e->str :
		    json_get_str(e, "id"), cid, want))
			return true;
	return false;
}

/* Whether the dataset holds the quad (s, p, o) with o an IRI (or NULL: any). */
static bool
has_quad(const struct rdf_dataset *ds, const char *s, const char *p,
    const char *o)
{
	size_t i;

	for (i = 0; i < ds->len; i++) {
		const struct rdf_quad *q = &ds->quads[i];

		if (q->g.kind == RDF_NONE && q->s.kind == RDF_IRI &&
		    strcmp(q->s.value, s) == 0 && strcmp(q->p.value, p) == 0 &&
		    (o == NULL || (q->o.kind == RDF_IRI &&
		    strcmp(q->o.value, o) == 0)))
			return true;
	}
	return false;
}

/* The material member of a verification method: publicKeyMultibase, ... */
static const char *
method_material(const struct json *vm)
{
	static const char *const names[] = { "publicKeyMultibase",
	    "publicKeyJwk", "publicKeyPem", "publicKeyBase58" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (json_get(vm, names[i]) != NULL)
			return names[i];
	return NULL;
}

/*
 * The contexts of key_controller_contexts(type) that doc's @context
 * lacks, quoted and joined by "and" in the report's arena; "" when none
 * is.
 */
static const char *
missing_contexts(struct vctx *v, const struct json *doc, const char *type)
{
	const struct json *ctx = json_get(doc, "@context");
	const char *const *c = key_controller_contexts(type);
	const char *s = "";

	if (str_among(ctx, KEY_CONTEXT_CID, false, false) &&
	    (type == NULL || strcmp(type, "Multikey") == 0 ||
	    strcmp(type, "JsonWebKey") == 0))
		return "";
	if (c == NULL) {
		if (!str_among(ctx, KEY_CONTEXT_DID, false, false))
			s = rprintf(v->r, "\"%s\"", KEY_CONTEXT_DID);
		if (type != NULL)
			s = rprintf(v->r, *s != '\0' ? "%s and a context that "
			    "defines %s (no context compiled into badgegen does)" :
			    "%sa context that defines %s (no context compiled "
			    "into badgegen does)", s, type);
		return s;
	}
	for (; *c != NULL; c++) {
		if (str_among(ctx, *c, false, false))
			continue;
		s = *s != '\0' ? rprintf(v->r, "%s and \"%s\"", s, *c) :
		    rprintf(v->r, "\"%s\"", *c);
	}
	return s;
}

/*
 * The JSON that stands for controller document doc when it is read as
 * JSON-LD.  A document whose @context starts with the DID context is a
 * DID document: jsonld-signatures reads it as JSON without framing it
 * (lib/purposes/ControllerProofPurpose.js), so only its relationships
 * and methods are expanded; any other document is framed, in safe mode,
 * whole.
 */
static const struct json *
controller_as_ld(struct vctx *v, const struct json *doc)
{
	static const char *const keep[] = { "@context", "id",
	    "verificationMethod", "assertionMethod" };
	struct json *o;
	size_t i;

	if (!json_str_eq(first_of(json_get(doc, "@context")), KEY_CONTEXT_DID))
		return doc;
	o = json_new(&v->r->arena, JSON_OBJECT);
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (json_get(doc, keep[i]) != NULL)
			json_add_copy(&v->r->arena, o, json_get(doc, keep[i]),
			    NULL);
	return o;
}

/*
 * Whether controller document doc (id cid) says, read as JSON-LD in
 * safe mode as other verifiers read it, what badgegen read from its
 * JSON: vmid is one of its assertionMethod keys, of vm's type, with
 * vm's key material (vm: the method object in doc, or NULL when it is
 * a document of its own; vmid NULL: a method without id).  If not, the
 * binding in
 * kr fails, naming the context the document lacks; for a DID document
 * it is a warning.
 */
static void
controller_ld(struct vctx *v, const struct json *doc, const char *cid,
    const char *vmid, const struct json *vm, struct keyres *kr)
{
	struct rdf_dataset ds = RDF_DATASET_INIT;
	const char *type = json_get_str(vm, "type"), *mat, *need, *what;
	const struct json *ld = controller_as_ld(v, doc);
	struct cap c;

	cap_init(&c);
	need = missing_contexts(v, doc, type);
	if (jsonld_to_rdf(&ds, &v->r->arena, ld, &c.d) < 0)
		what = cap_text(v->r, &c);
	else if (!has_quad(&ds, cid, SEC "assertionMethod", vmid))
		what = "it does not define assertionMethod";
	else if (vmid == NULL)
		what = NULL;	/* a method without id: a blank node */
	else if (type != NULL && !has_quad(&ds, vmid,
	    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", NULL))
		what = rprintf(v->r, "it does not define the type %s", type);
	else if ((mat = method_material(vm)) != NULL && !has_quad(&ds, vmid,
	    arena_printf(&v->r->arena, SEC "%s", mat), NULL))
		what = rprintf(v->r, "it does not define %s", mat);
	else
		what = NULL;
	if (what != NULL && ld != doc) {
		/* A DID document: most verifiers read it as JSON. */
		kr->bound = CHECK_WARN;
		kr->bind_msg = rprintf(v->r, "%s; but the DID document lacks "
		    "the JSON-LD context %s in its @context, so verifiers that "
		    "read it as JSON-LD may not accept the key (%s)",
		    kr->bind_msg, *need != '\0' ? need : "that defines its "
		    "terms", what);
	} else if (what != NULL) {
		kr->bound = CHECK_FAIL;
		kr->bind_msg = *need != '\0' ? rprintf(v->r, "the controller "
		    "document %s lacks the JSON-LD context %s in its @context: "
		    "other verifiers cannot read its key %s (%s)", cid, need,
		    vmid, what) : rprintf(v->r, "the controller document %s "
		    "cannot be read as JSON-LD in safe mode, as other "
		    "verifiers read it: %s", cid, what);
	}
	rdf_dataset_release(&ds);
	cap_release(&c);
}

/* Loads the key of a verification method object into kr. */
static void
method_key(struct vctx *v, const struct json *vm, const char *vmid,
    struct keyres *kr)
{
	struct cap c;

	cap_init(&c);
	if (key_from_method(&kr->key, vm, vmid, &c.d) < 0) {
		kr->found = CHECK_FAIL;
		kr->why = cap_text(v->r, &c);
	} else
		kr->found = CHECK_PASS;
	cap_release(&c);
}

/*
 * The binding of key vmid to the issuer through its controller document
 * doc (id cid): listed there under assertionMethod, and cid is the
 * issuer.
 */
static void
bind_controller(struct vctx *v, const struct json *doc, const char *cid,
    const char *vmid, const char *issuer, struct keyres *kr)
{
	if (!lists_assertion(doc, cid, vmid)) {
		kr->bound = CHECK_FAIL;
		kr->bind_msg = rprintf(v->r, "%s is not listed under "
		    "assertionMethod of %s", vmid, cid);
	} else if (issuer == NULL || strcmp(cid, issuer) != 0) {
		kr->bound = CHECK_FAIL;
		kr->bind_msg = rprintf(v->r, "the key %s is controlled by %s, "
		    "which is not the issuer %s", vmid, cid,
		    issuer != NULL ? issuer : "(none)");
	} else {
		kr->bound = CHECK_PASS;
		kr->bind_msg = rprintf(v->r, "the issuer %s lists the key %s "
		    "under assertionMethod", cid, vmid);
	}
}

/*
 * The key of vmid in controller document doc (id cid) and its binding:
 * listed under assertionMethod, controlled by doc, doc is the issuer.
 */
static void
controller_key(struct vctx *v, const struct json *doc, const char *cid,
    const char *vmid, const char *issuer, struct keyres *kr)
{
	const struct json *vm = find_method(doc, cid, vmid);
	const char *ctl;

	if (vm == NULL) {
		kr->found = CHECK_FAIL;
		kr->why = rprintf(v->r, "the controller document %s does not "
		    "list the verification method %s", cid, vmid);
		return;
	}
	method_key(v, vm, vmid, kr);
	if (kr->found != CHECK_PASS)
		return;
	ctl = json_get_str(vm, "controller");
	if (ctl != NULL && strcmp(ctl, cid) != 0) {
		kr->bound = CHECK_FAIL;
		kr->bind_msg = rprintf(v->r, "the controller of %s is %s, not "
		    "the document %s that lists it", vmid, ctl, cid);
		return;
	}
	bind_controller(v, doc, cid, vmid, issuer, kr);
	if (kr->bound == CHECK_PASS)
		controller_ld(v, doc, cid, vmid, vm, kr);
}

/* The binding of a key from a JWK set or JWK document at url. */
static void
same_host_binding(struct vctx *v, const char *url, const char *issuer,
    struct keyres *kr)
{
	if (same_host(v->r, url, issuer)) {
		kr->bound = CHECK_PASS;
		kr->bind_msg = rprintf(v->r, "the key is published at %s, on "
		    "the issuer's host", url);
	} else {
		kr->bound = CHECK_FAIL;
		kr->bind_msg = rprintf(v->r, "the key is published at %s, "
		    "which is not on the host of the issuer %s", url,
		    issuer != NULL ? issuer : "(none)");
	}
}

/*
 * Finds the key a verification method id (or JWS kid) names and how it
 * is bound to the issuer; see verify.h.  The caller frees kr->key.
 */
void
resolve_key(struct vctx *v, const char *vmid, const char *issuer,
    struct keyres *kr)
{
	const struct json *doc, *keys;
	const char *base, *err, *frag, *ctl, *id;
	enum check_result res;
	struct cap c;

	memset(kr, 0, sizeof(*kr));
	kr->found = CHECK_UNKNOWN;
	kr->bound = CHECK_UNKNOWN;
	if (strncmp(vmid, "did:key:", 8) == 0) {
		cap_init(&c);
		if (key_from_did_key(&kr->key, vmid, vmid, &c.d) < 0) {
			kr->found = CHECK_FAIL;
			kr->why = cap_text(v->r, &c);
			cap_release(&c);
			return;
		}
		cap_release(&c);
		kr->found = CHECK_PASS;
		base = no_fragment(v->r, vmid);
		if (issuer != NULL && strcmp(base, issuer) == 0) {
			kr->bound = CHECK_PASS;
			kr->bind_msg = rprintf(v->r, "the key is the issuer's "
			    "own DID %s", base);
		} else {
			kr->bound = CHECK_FAIL;
			kr->bind_msg = rprintf(v->r, "signed by %s which is "
			    "not the issuer %s", base, issuer != NULL ?
			    issuer : "(none)");
		}
		return;
	}
	if (strncmp(vmid, "did:web:", 8) == 0) {
		base = no_fragment(v->r, vmid);
		if ((doc = did_document(v, base, &res, &kr->why)) == NULL) {
			kr->found = res;
			return;
		}
		controller_key(v, doc, base, vmid, issuer, kr);
		return;
	}
	if (strncmp(vmid, "did:", 4) == 0) {
		kr->why = rprintf(v->r, "the DID method of %s cannot be "
		    "resolved offline (did:key, did:web)", vmid);
		return;
	}
	if (!is_http(vmid)) {
		kr->found = CHECK_FAIL;
		kr->why = rprintf(v->r, "the verification method %s is not a "
		    "did:key, a did:web or an https URL", vmid);
		return;
	}
	base = no_fragment(v->r, vmid);
	frag = strchr(vmid, '#');
	if ((doc = fetch_doc(v, base, &err)) == NULL) {
		kr->found = err != NULL ? CHECK_FAIL : CHECK_UNKNOWN;
		kr->why = err != NULL ? err : rprintf(v->r, "the key %s is not "
		    "in the repository: no document %s (a key is never taken "
		    "from the URL that names it)", vmid, base);
		return;
	}
	if ((keys = json_get(doc, "keys")) != NULL &&
	    keys->type == JSON_ARRAY) {
		/* A JWK set: the key whose kid is the URL or its fragment. */
		cap_init(&c);
		if (key_from_jwks(&kr->key, doc, vmid, base, &c.d) < 0 &&
		    (frag == NULL || key_from_jwks(&kr->key, doc, frag + 1,
		    base, &c.d) < 0)) {
			kr->found = CHECK_FAIL;
			kr->why = cap_text(v->r, &c);
			cap_release(&c);
			return;
		}
		cap_release(&c);
		kr->found = CHECK_PASS;
		same_host_binding(v, base, issuer, kr);
		return;
	}
	if (json_get(doc, "kty") != NULL) {
		cap_init(&c);
		if (key_from_jwk(&kr->key, doc, base, &c.d) < 0) {
			kr->found = CHECK_FAIL;
			kr->why = cap_text(v->r, &c);
		} else {
			kr->found = CHECK_PASS;
			same_host_binding(v, base, issuer, kr);
		}
		cap_release(&c);
		return;
	}
	id = json_get_str(doc, "id");
	if (frag == NULL && id != NULL && strcmp(id, vmid) == 0 &&
	    json_get(doc, "verificationMethod") == NULL &&
	    json_get(doc, "assertionMethod") == NULL) {
		/* The method as a document of its own, with a controller. */
		method_key(v, doc, vmid, kr);
		if (kr->found != CHECK_PASS)
			return;
		if ((ctl = json_get_str(doc, "controller")) == NULL) {
			kr->bound = CHECK_FAIL;
			kr->bind_msg = rprintf(v->r, "the key %s names no "
			    "controller", vmid);
			return;
		}
		if ((doc = fetch_doc(v, ctl, &err)) == NULL) {
			kr->bind_msg = rprintf(v->r, "the controller document "
			    "%s of the key %s is not in the repository", ctl,
			    vmid);
			return;
		}
		bind_controller(v, doc, ctl, vmid, issuer, kr);
		if (kr->bound == CHECK_PASS)
			controller_ld(v, doc, ctl, vmid, NULL, kr);
		return;
	}
	if (id == NULL || strcmp(id, base) != 0) {
		kr->found = CHECK_FAIL;
		kr->why = rprintf(v->r, "the document at %s has id %s", base,
		    id != NULL ? id : "(none)");
		return;
	}
	controller_key(v, doc, base, vmid, issuer, kr);
}

/*
 * Adds to the key check that the header jwk is the method vm (id vmid,
 * or NULL) of controller document doc (id cid): a pass, unless the
 * document does not say so in JSON-LD (controller_ld).
 */
static void
jwk_in_controller(struct vctx *v, const struct json *doc, const char *cid,
    const char *vmid, const struct json *vm, struct acc *key)
{
	struct keyres kr;

	memset(&kr, 0, sizeof(kr));
	kr.bound = CHECK_PASS;
	kr.bind_msg = vmid != NULL ? rprintf(v->r, "the jwk is the issuer's "
	    "key %s", vmid) : rprintf(v->r, "the jwk is a key under "
	    "assertionMethod of %s", cid);
	controller_ld(v, doc, cid, vmid, vm, &kr);
	acc_add(key, kr.bound, "%s", kr.bind_msg);
}

/* Whether the verification method vm (named name) holds the key k. */
static bool
method_holds(const struct json *vm, const char *name, const struct key *k)
{
	struct diag q = DIAG_INIT;
	struct key *pk = NULL;
	bool same;

	q.quiet = true;
	q.quiet_warnings = true;
	same = key_from_method(&pk, vm, name, &q) == 0 && key_equal(pk, k);
	key_free(pk);
	return same;
}

/* Whether the JWK jwk (of the set at url) is the key k. */
static bool
jwk_holds(const struct json *jwk, const char *url, const struct key *k)
{
	struct diag q = DIAG_INIT;
	struct key *pk = NULL;
	bool same;

	q.quiet = true;
	q.quiet_warnings = true;
	same = key_from_jwk(&pk, jwk, url, &q) == 0 && key_equal(pk, k);
	key_free(pk);
	return same;
}

/*
 * Whether the key k (from a VC-JWT header jwk) is one the issuer
 * publishes: its JWK set at https://<issuer host>/.well-known/jwks.json,
 * its DID document, or its controller document (the issuer profile).
 */
void
jwk_published(struct vctx *v, const struct key *k, const char *issuer,
    struct acc *key)
{
	const struct json *doc, *keys, *e, *l;
	const char *url = NULL, *err, *host, *eid;
	struct key *pk = NULL;
	enum check_result res;
	bool any = false;
	struct diag q = DIAG_INIT;

	q.quiet = true;
	q.quiet_warnings = true;
	if (issuer == NULL) {
		acc_add(key, CHECK_FAIL, "the credential names no issuer id");
		return;
	}
	if (strncmp(issuer, "did:key:", 8) == 0) {
		if (key_from_did_key(&pk, issuer, issuer, &q) == 0 &&
		    key_equal(pk, k))
			acc_add(key, CHECK_PASS, "the jwk is the issuer's "
			    "did:key");
		else
			acc_add(key, CHECK_FAIL, "the jwk is not a key the "
			    "issuer publishes (it is not the key of %s)",
			    issuer);
		key_free(pk);
		return;
	}
	if (strncmp(issuer, "did:web:", 8) == 0) {
		if ((doc = did_document(v, issuer, &res, &err)) == NULL) {
			acc_add(key, res, "%s", err);
			return;
		}
		l = json_get(doc, "verificationMethod");
		for (e = first_of(l); e != NULL; e = next_of(l, e)) {
			if ((eid = json_get_str(e, "id")) == NULL ||
			    !lists_assertion(doc, issuer, eid))
				continue;
			if (method_holds(e, eid, k)) {
				jwk_in_controller(v, doc, issuer, eid, e, key);
				return;
			}
		}
		l = json_get(doc, "assertionMethod");
		for (e = first_of(l); e != NULL; e = next_of(l, e)) {
			if (e->type != JSON_OBJECT)
				continue;
			if (method_holds(e, issuer, k)) {
				jwk_in_controller(v, doc, issuer,
				    json_get_str(e, "id"), e, key);
				return;
			}
		}
		acc_add(key, CHECK_FAIL, "the jwk is not a key the issuer "
		    "publishes (DID document %s)", issuer);
		return;
	}
	if ((host = host_of(v->r, issuer)) != NULL) {
		url = arena_printf(&v->r->arena, "https://%s/.well-known/"
		    "jwks.json", host);
		doc = fetch_doc(v, url, &err);
		keys = json_get(doc, "keys");
		if (keys != NULL && keys->type == JSON_ARRAY) {
			any = true;
			for (e = keys->child; e != NULL; e = e->next) {
				if (jwk_holds(e, url, k)) {
					acc_add(key, CHECK_PASS, "the jwk is "
					    "in the issuer's JWK set %s", url);
					return;
				}
			}
		}
		/* The issuer profile as a controller document. */
		doc = fetch_doc(v, issuer, &err);
		l = json_get(doc, "assertionMethod");
		for (e = first_of(l); e != NULL; e = next_of(l, e)) {
			const struct json *vm = e->type == JSON_OBJECT ? e :
			    find_method(doc, issuer, json_str(e));

			any = true;
			if (vm != NULL && method_holds(vm, issuer, k)) {
				jwk_in_controller(v, doc, issuer,
				    json_get_str(vm, "id"), vm, key);
				return;
			}
		}
	}
	if (!any)
		acc_add(key, CHECK_UNKNOWN, "the issuer publishes no JWK set "
		    "in the repository (%s): the header jwk cannot be bound "
		    "to the issuer %s", url != NULL ? url : "no https issuer "
		    "id", issuer);
	else
		acc_add(key, CHECK_FAIL, "the jwk is not a key the issuer "
		    "publishes (%s)", url);
}
