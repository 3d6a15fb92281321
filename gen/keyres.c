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

#include "verify_int.h"

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
	const char *u;
	struct json *j;
	struct cap c;

	*err = NULL;
	if (url == NULL)
		return NULL;
	u = no_fragment(v->r, url);
	if (under_base(v->m, u) != NULL) {
		if ((doc = model_served(v->m, u)) == NULL ||
		    doc->kind == DOC_AWARD)
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
	} else
		bind_controller(v, doc, cid, vmid, issuer, kr);
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
				acc_add(key, CHECK_PASS, "the jwk is the "
				    "issuer's key %s", eid);
				return;
			}
		}
		l = json_get(doc, "assertionMethod");
		for (e = first_of(l); e != NULL; e = next_of(l, e)) {
			if (e->type != JSON_OBJECT)
				continue;
			if (method_holds(e, issuer, k)) {
				acc_add(key, CHECK_PASS, "the jwk is a key "
				    "under assertionMethod of %s", issuer);
				return;
			}
		}
		acc_add(key, CHECK_FAIL, "the jwk is not a key the issuer "
		    "publishes (DID document %s)", issuer);
		return;
	}
	if ((host = host_of(v->r, issuer)) != NULL) {
		url = rprintf(v->r, "https://%s/.well-known/jwks.json", host);
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
				acc_add(key, CHECK_PASS, "the jwk is a key "
				    "under assertionMethod of %s", issuer);
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
