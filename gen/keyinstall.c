/*
 * keyinstall.c - a new signing key and its public documents, installed
 * into a site repository in one step (keyinstall.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "fs.h"
#include "issue.h"
#include "json.h"
#include "jsonedit.h"
#include "keyinstall.h"
#include "model.h"
#include "sign.h"
#include "sitepath.h"

#define CTX_OB2		"https://w3id.org/openbadges/v2"
#define KEY_FILE_DIR	"keys"

/* What one plan works with. */
struct plan {
	struct keyinstall *ki;
	struct site	*s;
	struct model	*m;
	const struct keyinstall_opts *o;
	struct issuer	*issuer;
	const char	*name;		/* the key's name: file names, fragment */
	struct privkey	*priv;
	struct key	*pub;
	struct buf	 mb;		/* Multikey */
	struct json	*jwk;
	struct jsonedit	 profile;	/* the issuer profile, being edited */
	bool		 profile_open;
};

void
keyinstall_did_document(struct buf *out, const char *did, const char *vmid,
    const char *mb)
{
	static const char *const rels[] = { "authentication",
	    "assertionMethod", "capabilityInvocation", "capabilityDelegation" };
	struct arena a = ARENA_INIT;
	const char *const *c;
	struct json *doc, *ctx, *vms, *vm, *arr;
	size_t i;

	doc = json_new(&a, JSON_OBJECT);
	ctx = json_add_arr(&a, doc, "@context");
	for (c = key_controller_contexts("Multikey"); *c != NULL; c++)
		json_add(&a, ctx, NULL, json_new_str(&a, *c));
	json_add_str(&a, doc, "id", did);
	vms = json_add_arr(&a, doc, "verificationMethod");
	vm = json_add_obj(&a, vms, NULL);
	json_add_str(&a, vm, "id", vmid);
	json_add_str(&a, vm, "type", "Multikey");
	json_add_str(&a, vm, "controller", did);
	json_add_str(&a, vm, "publicKeyMultibase", mb);
	for (i = 0; i < sizeof(rels) / sizeof(rels[0]); i++) {
		arr = json_add_arr(&a, doc, rels[i]);
		json_add(&a, arr, NULL, json_new_str(&a, vmid));
	}
	json_write(out, doc, JSON_WRITE_PRETTY);
	buf_putc(out, '\n');
	arena_release(&a);
}

/* Adds a file to the plan; returns it. */
static struct keyinstall_file *
add_file(struct keyinstall *ki, const char *path, bool created, int mode,
    const char *what)
{
	struct keyinstall_file *f = &ki->files[ki->nfiles++];

	f->path = xstrdup(path);
	f->data = (struct buf)BUF_INIT;
	f->created = created;
	f->mode = mode;
	f->what = what;
	return f;
}

/* Whether the site file rel (under the site directory) exists. */
static bool
site_has(const struct plan *p, const char *rel)
{
	struct buf b = BUF_INIT;
	struct stat st;
	bool r;

	buf_printf(&b, "%s/%s", p->s->dir, rel);
	r = lstat(b.data, &st) == 0;
	buf_release(&b);
	return r;
}

/* Reads the site file rel into out.  Returns 0 or -1 (reported). */
static int
read_site_file(const struct plan *p, const char *rel, struct buf *out,
    struct diag *d)
{
	struct buf b = BUF_INIT;
	int r;

	buf_printf(&b, "%s/%s", p->s->dir, rel);
	r = fs_read_file(out, b.data, JSON_MAX_BYTES, false, d);
	buf_release(&b);
	return r;
}

/* Opens the site file rel (lent: it must outlive e) for editing. */
static int
edit_open(const struct plan *p, const char *rel, struct jsonedit *e,
    struct diag *d)
{
	struct buf text = BUF_INIT;
	int rc = -1;

	if (read_site_file(p, rel, &text, d) == 0)
		rc = jsonedit_open(e, rel, text.data, text.len, d);
	buf_release(&text);
	return rc;
}

/* Adds the edited text of e to the plan as the changed file rel. */
static void
add_changed(struct keyinstall *ki, const char *rel, const struct jsonedit *e,
    const char *what)
{
	struct keyinstall_file *f = add_file(ki, rel, false, 0644, what);

	buf_put(&f->data, e->text.data, e->text.len);
}

/* The issuer the key is for: named by id or file, or the only one. */
static int
find_issuer(struct plan *p, struct diag *d)
{
	struct model *m = p->m;
	struct buf list = BUF_INIT, alt = BUF_INIT;
	struct doc *doc = NULL, *one = NULL;
	const char *want = p->o->issuer;
	size_t i, n = 0;

	for (i = 0; i < m->ndocs; i++) {
		if (m->docs[i]->kind != DOC_ISSUER || m->docs[i]->obj == NULL ||
		    model_is_foreign(m->docs[i]->file))
			continue;
		n++;
		one = m->docs[i];
		buf_printf(&list, "\n    %s (%s)", m->docs[i]->id,
		    m->docs[i]->file);
	}
	if (want != NULL) {
		buf_printf(&alt, "content/%s", want);
		for (i = 0; i < m->ndocs && doc == NULL; i++)
			if (m->docs[i]->kind == DOC_ISSUER &&
			    m->docs[i]->obj != NULL &&
			    !model_is_foreign(m->docs[i]->file) &&
			    (json_str_eq(json_get(m->docs[i]->json, "id"),
			    want) || strcmp(m->docs[i]->file, want) == 0 ||
			    strcmp(m->docs[i]->file, alt.data) == 0))
				doc = m->docs[i];
	} else if (n == 1)
		doc = one;
	if (doc == NULL) {
		if (want != NULL)
			diag_err(d, "--issuer %s: no issuer profile of the "
			    "site has this id or file%s%s", want, n > 0 ?
			    "; the site's issuers:" : " (content/ holds none)",
			    list.data);
		else if (n == 0)
			diag_err(d, "%s: content/ holds no issuer profile: add "
			    "one (an Issuer or Profile document) first",
			    p->s->dir);
		else
			diag_err(d, "the site has %zu issuers: name the one "
			    "the key is for with --issuer:%s", n, list.data);
	} else
		p->issuer = doc->obj;
	buf_release(&list);
	buf_release(&alt);
	return doc != NULL ? 0 : -1;
}

/* Whether name is safe in a file name and in a URL fragment. */
static bool
name_ok(const char *name)
{
	const char *c;

	if (*name == '\0' || *name == '.')
		return false;
	for (c = name; *c != '\0'; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' ||
		    *c == '.'))
			return false;
	return true;
}

/* The key's name and the private key's path and place. */
static int
plan_private(struct plan *p, struct diag *d)
{
	struct keyinstall *ki = p->ki;
	struct buf path = BUF_INIT, why = BUF_INIT, alg = BUF_INIT;
	const char *slash, *file = p->issuer->doc->file, *dot;
	int r, rc = -1;
	size_t i;

	if (p->o->out != NULL) {
		slash = strrchr(p->o->out, '/');
		p->name = slash != NULL ? slash + 1 : p->o->out;
		buf_printf(&path, "%s.pem", p->o->out);
	} else {
		for (i = 0; sig_alg_name(p->o->alg)[i] != '\0'; i++)
			buf_putc(&alg, sig_alg_name(p->o->alg)[i] | 0x20);
		slash = strrchr(file, '/');
		file = slash != NULL ? slash + 1 : file;
		dot = strrchr(file, '.');
		p->name = arena_printf(&ki->arena, "%.*s-%s", dot != NULL ?
		    (int)(dot - file) : (int)strlen(file), file, alg.data);
		if (strcmp(p->s->dir, ".") != 0)
			buf_printf(&path, "%s/", p->s->dir);
		buf_printf(&path, KEY_FILE_DIR "/%s.pem", p->name);
	}
	if (!name_ok(p->name)) {
		diag_err(d, "--out %s: the key's name \"%s\" names its files "
		    "and URLs: use letters, digits, '-', '_' and '.'",
		    p->o->out, p->name);
		goto out;
	}
	add_file(ki, path.data, true, 0600, "the private key");
	r = issue_key_place(&why, path.data, d);
	if (r < 0)
		goto out;
	if (r == ISSUE_PLACE_PUBLISHED) {
		diag_err(d, "refusing to write a private key there: %s",
		    why.data);
		goto out;
	}
	if (access(path.data, F_OK) == 0) {
		diag_err(d, "%s exists; keygen never overwrites a key file "
		    "(choose another name with --out)", path.data);
		goto out;
	}
	if (r == ISSUE_PLACE_GIT && p->o->out != NULL)
		diag_warn(d, "%s", why.data);
	rc = 0;
out:
	buf_release(&path);
	buf_release(&why);
	buf_release(&alg);
	return rc;
}

/* Whether a .gitignore line keeps the site's keys/ out of git. */
static bool
ignores_keys(const char *line, size_t n)
{
	static const char *const forms[] = { "keys", "keys/", "/keys",
	    "/keys/" };
	size_t i;

	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\r'))
		n--;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strlen(forms[i]) == n && memcmp(line, forms[i], n) == 0)
			return true;
	return false;
}

/*
 * The site's default key directory keys/ is kept out of git by the
 * site's .gitignore: added there when it is not.
 */
static int
plan_gitignore(struct plan *p, struct diag *d)
{
	struct buf text = BUF_INIT, path = BUF_INIT;
	struct keyinstall_file *f;
	const char *l, *e;
	bool created;
	int r;

	if (p->o->out != NULL)
		return 0;
	buf_printf(&path, "%s/.gitignore", p->s->dir);
	r = fs_read_file(&text, path.data, 1024 * 1024, true, d);
	buf_release(&path);
	if (r < 0) {
		buf_release(&text);
		return -1;
	}
	created = r == FS_MISSING;
	for (l = text.data; !created && *l != '\0'; l = *e ? e + 1 : e) {
		e = l + strcspn(l, "\n");
		if (ignores_keys(l, (size_t)(e - l))) {
			p->ki->ignored_by_git = true;
			buf_release(&text);
			return 0;
		}
	}
	f = add_file(p->ki, ".gitignore", created, 0644,
	    "keeps keys/ (private keys) out of git");
	buf_put(&f->data, text.data, text.len);
	if (f->data.len > 0 && f->data.data[f->data.len - 1] != '\n')
		buf_putc(&f->data, '\n');
	BUF_PUTSL(&f->data, "# Private signing keys never go into git.\n"
	    "/" KEY_FILE_DIR "/\n");
	p->ki->ignored_by_git = true;
	buf_release(&text);
	return 0;
}

/* The key pair, its PEM, JWK and Multikey. */
static int
make_key(struct plan *p, struct diag *d)
{
	enum key_type t = sig_alg_key_type(p->o->alg);
	struct buf jwk = BUF_INIT;
	char tp[KEY_THUMBPRINT_LEN + 1];
	int rc = -1;

	if (privkey_generate(&p->priv, t, 2048, d) < 0 ||
	    privkey_to_pem(&p->ki->files[0].data, p->priv, d) < 0 ||
	    privkey_public(&p->pub, p->priv, d) < 0 ||
	    key_to_multikey(&p->mb, p->pub, d) < 0)
		goto out;
	p->pub->alg = p->o->alg;
	key_thumbprint(tp, p->pub);
	p->pub->kid = xstrdup(tp);
	key_to_jwk(&jwk, p->pub);
	if (json_parse(&p->jwk, &p->ki->arena, "jwk", jwk.data, jwk.len,
	    d) < 0)
		goto out;
	p->ki->key_type = key_type_name(t);
	rc = 0;
out:
	buf_release(&jwk);
	return rc;
}

/* Opens the issuer profile for editing (once). */
static int
open_profile(struct plan *p, struct diag *d)
{
	if (p->profile_open)
		return 0;
	if (edit_open(p, p->issuer->doc->file, &p->profile, d) < 0)
		return -1;
	p->profile_open = true;
	return 0;
}

/*
 * Adds v to the member key of the object at the root of e: a new list
 * [v], or appended to its list (a single value becomes a list).
 */
static int
add_to_list(struct keyinstall *ki, struct jsonedit *e, const char *key,
    struct json *v, struct diag *d)
{
	const struct json *m = json_get(e->root, key);
	struct json *arr;

	if (m != NULL && m->type == JSON_ARRAY)
		return jsonedit_append(e, m, v, d);
	arr = json_new(&ki->arena, JSON_ARRAY);
	if (m != NULL)
		json_add_copy(&ki->arena, arr, m, NULL);
	json_add(&ki->arena, arr, NULL, v);
	return jsonedit_set(e, e->root, key, arr, d);
}

/*
 * Makes the @context of the document in e define verificationMethod,
 * assertionMethod and Multikey: key_controller_contexts() are added
 * after its own, unless a controller document context is there.
 */
static int
add_contexts(struct keyinstall *ki, struct jsonedit *e, struct diag *d)
{
	const struct json *ctx = json_get(e->root, "@context");
	const char *const *c;

	if (json_has_str(ctx, KEY_CONTEXT_CID))
		return 0;
	for (c = key_controller_contexts("Multikey"); *c != NULL; c++) {
		ctx = json_get(e->root, "@context");
		if (!json_has_str(ctx, *c) && add_to_list(ki, e, "@context",
		    json_new_str(&ki->arena, *c), d) < 0)
			return -1;
	}
	return 0;
}

/*
 * content/<file> of a URL under base_url (a folder URL x/ is the file
 * x/index.json, where the site publishes it), or NULL.
 */
static const char *
content_file(struct plan *p, const char *url)
{
	const char *path = model_site_path(p->m, url), *file = NULL;
	struct buf b = BUF_INIT;

	if (path == NULL || *path == '\0')
		return NULL;
	sitepath_doc_file(&b, path);
	file = arena_printf(&p->ki->arena, "content/%s", b.data);
	buf_release(&b);
	return file;
}

/* A new document of the site at url: its file must not exist. */
static int
new_document(struct plan *p, const char *url, const char *what,
    const char **file, struct diag *d)
{
	if ((*file = content_file(p, url)) == NULL)
		return diag_err(d, "%s %s is not under base_url %s: the site "
		    "cannot publish it", what, url, p->m->base_url);
	if (model_lookup(p->m, url) != NULL || site_has(p, *file))
		return diag_err(d, "%s %s: the site has %s already (choose "
		    "another name with --out)", what, url, *file);
	return 0;
}

/* OB 2.0: the CryptographicKey and the issuer's publicKey. */
static int
plan_cryptokey(struct plan *p, struct diag *d)
{
	struct keyinstall_file *f;
	struct buf pem = BUF_INIT;
	const char *id = p->o->id, *file;
	int rc = -1;

	if (id == NULL)
		id = arena_printf(&p->ki->arena, "%s" KEY_FILE_DIR "/%s.json",
		    p->m->base_url, p->name);
	if (new_document(p, id, "the CryptographicKey", &file, d) < 0 ||
	    key_to_pem(&pem, p->pub, d) < 0)
		goto out;
	f = add_file(p->ki, file, true, 0644,
	    "the OB 2.0 CryptographicKey (owner: the issuer)");
	issue_key_document(&f->data, id, p->issuer->id, pem.data);
	if (open_profile(p, d) < 0 || add_to_list(p->ki, &p->profile,
	    "publicKey", json_new_str(&p->ki->arena, id), d) < 0)
		goto out;
	p->ki->ob2_id = id;
	rc = 0;
out:
	buf_release(&pem);
	return rc;
}

/*
 * The JWK in the JWK set on the issuer's host: the file the site serves
 * at https://<host>/.well-known/jwks.json (or at <base_url>.well-known/
 * jwks.json on that host), or a new one.  Leaves it out, with a note,
 * when the site publishes neither.
 */
static int
plan_jwks(struct plan *p, struct diag *d)
{
	struct arena *a = &p->ki->arena;
	const char *host = issue_authority(a, p->issuer->id), *url, *path;
	struct keyinstall_file *f;
	struct jsonedit e;
	struct json *set, *keys;
	struct doc *doc;
	int rc = -1;

	memset(&e, 0, sizeof(e));
	url = arena_printf(a, "https://%s/.well-known/jwks.json",
	    host);
	if ((path = model_site_path(p->m, url)) == NULL) {
		url = arena_printf(a, "%s.well-known/jwks.json",
		    p->m->base_url);
		path = model_site_path(p->m, url);
		if (strcmp(issue_authority(a, url), host) != 0) {
			diag_note(d, "no JWK set: the site (%s) is not on the "
			    "host of the issuer %s, where verifiers look for "
			    "it", p->m->base_url, p->issuer->id);
			return 0;
		}
	}
	p->ki->jwt_id = arena_printf(a, "%s#%s", url,
	    p->pub->kid);
	if ((doc = model_at_path(p->m, path)) == NULL) {
		f = add_file(p->ki, arena_printf(a,
		    "content/static/%s", path), true, 0644,
		    "the JWK set, with the key's JWK");
		set = json_new(a, JSON_OBJECT);
		keys = json_add_arr(a, set, "keys");
		json_add(a, keys, NULL, p->jwk);
		json_write(&f->data, set, JSON_WRITE_PRETTY);
		buf_putc(&f->data, '\n');
		return 0;
	}
	if (doc->file == NULL || edit_open(p, doc->file, &e, d) < 0)
		goto out;
	if (json_get(e.root, "keys") == NULL ||
	    json_get(e.root, "keys")->type != JSON_ARRAY) {
		diag_err(d, "%s: the site serves it at %s, and it is not a "
		    "JWK set ({\"keys\": [...]})", doc->file, url);
		goto out;
	}
	if (jsonedit_append(&e, json_get(e.root, "keys"), p->jwk, d) < 0)
		goto out;
	add_changed(p->ki, doc->file, &e, "the key's JWK added");
	rc = 0;
out:
	jsonedit_release(&e);
	return rc;
}

/*
 * An https issuer's verification method: a Multikey document of its
 * own, listed under the profile's assertionMethod.
 */
static int
plan_method(struct plan *p, struct diag *d)
{
	struct keyinstall_file *f;
	struct arena *a = &p->ki->arena;
	struct json *vm;
	const char *id, *file;

	id = arena_printf(a, "%s" KEY_FILE_DIR "/%s.json", p->m->base_url,
	    p->name);
	if (new_document(p, id, "the verification method", &file, d) < 0)
		return -1;
	vm = json_new(a, JSON_OBJECT);
	json_add_str(a, vm, "@context", KEY_CONTEXT_MULTIKEY);
	json_add_str(a, vm, "id", id);
	json_add_str(a, vm, "type", "Multikey");
	json_add_str(a, vm, "controller", p->issuer->id);
	json_add_str(a, vm, "publicKeyMultibase", p->mb.data);
	f = add_file(p->ki, file, true, 0644,
	    "the verification method (Multikey; controller: the issuer)");
	json_write(&f->data, vm, JSON_WRITE_PRETTY);
	buf_putc(&f->data, '\n');
	if (open_profile(p, d) < 0 || add_contexts(p->ki, &p->profile, d) < 0 ||
	    add_to_list(p->ki, &p->profile, "assertionMethod",
	    json_new_str(a, id), d) < 0)
		return -1;
	p->ki->di_id = id;
	if (p->ki->jwt_id == NULL)
		p->ki->jwt_id = id;
	return 0;
}

/* A did:web issuer: a method of the DID document the site serves. */
static int
plan_did_web(struct plan *p, struct diag *d)
{
	struct arena *a = &p->ki->arena;
	struct keyinstall_file *f;
	struct buf url = BUF_INIT;
	struct jsonedit e;
	struct json *vm;
	const char *did = p->issuer->id, *vmid, *path;
	struct doc *doc;
	int rc = -1;

	memset(&e, 0, sizeof(e));
	vmid = arena_printf(a, "%s#%s", did, p->name);
	if (key_did_web_url(&url, did) < 0) {
		diag_err(d, "the issuer's id %s is not a well-formed did:web "
		    "DID", did);
		goto out;
	}
	if ((path = model_site_path(p->m, url.data)) == NULL) {
		diag_err(d, "the DID document of the issuer %s is served at "
		    "%s, which is not under base_url %s: the site cannot "
		    "publish it", did, url.data, p->m->base_url);
		goto out;
	}
	p->ki->jwt_id = vmid;
	if (p->o->alg == SIG_EDDSA)
		p->ki->di_id = vmid;
	if ((doc = model_at_path(p->m, path)) == NULL) {
		f = add_file(p->ki, arena_printf(a, "content/static/%s", path),
		    true, 0644, "the issuer's DID document, with the key");
		keyinstall_did_document(&f->data, did, vmid, p->mb.data);
		rc = 0;
		goto out;
	}
	if (doc->file == NULL || edit_open(p, doc->file, &e, d) < 0)
		goto out;
	if (!json_str_eq(json_get(e.root, "id"), did)) {
		diag_err(d, "%s: the site serves it at %s as the DID document "
		    "of %s, and its id is not that DID", doc->file, url.data,
		    did);
		goto out;
	}
	vm = json_new(a, JSON_OBJECT);
	json_add_str(a, vm, "id", vmid);
	json_add_str(a, vm, "type", "Multikey");
	json_add_str(a, vm, "controller", did);
	json_add_str(a, vm, "publicKeyMultibase", p->mb.data);
	if (add_contexts(p->ki, &e, d) < 0 ||
	    add_to_list(p->ki, &e, "verificationMethod", vm, d) < 0 ||
	    add_to_list(p->ki, &e, "assertionMethod", json_new_str(a, vmid),
	    d) < 0)
		goto out;
	add_changed(p->ki, doc->file, &e,
	    "the key added as a verification method");
	rc = 0;
out:
	jsonedit_release(&e);
	buf_release(&url);
	return rc;
}

/* The public documents, by the kind of issuer and key. */
static int
plan_documents(struct plan *p, struct diag *d)
{
	const char *id = p->issuer->id;

	if (strncmp(id, "did:key:", 8) == 0)
		return diag_err(d, "the issuer %s is a did:key: its one key is "
		    "the DID itself, and no other key can be bound to it", id);
	if (strncmp(id, "did:web:", 8) == 0)
		return plan_did_web(p, d);
	if (issue_authority(&p->ki->arena, id) == NULL)
		return diag_err(d, "the issuer's id %s is neither an https URL "
		    "nor a did:web DID: no key can be published for it", id);
	if (p->o->alg != SIG_EDDSA) {
		if (p->issuer->ob3)
			diag_note(d, "no CryptographicKey: the issuer profile "
			    "%s is Open Badges 3.0; OB 2.0 signed assertions "
			    "need an OB 2.0 issuer", p->issuer->doc->file);
		else if (plan_cryptokey(p, d) < 0)
			return -1;
	} else if (p->o->id != NULL)
		diag_note(d, "--id is not used: an Ed25519 key signs OB 3.0 "
		    "awards only (OB 2.0 verifiers check RS256)");
	if (plan_jwks(p, d) < 0)
		return -1;
	if (p->o->alg == SIG_EDDSA && plan_method(p, d) < 0)
		return -1;
	if (p->profile_open)
		add_changed(p->ki, p->issuer->doc->file, &p->profile,
		    "the issuer profile lists the key");
	return 0;
}

int
keyinstall_plan(struct keyinstall *ki, struct site *s,
    const struct keyinstall_opts *o, struct diag *d)
{
	struct plan p;
	int rc = -1;

	memset(ki, 0, sizeof(*ki));
	memset(&p, 0, sizeof(p));
	ki->dir = s->dir;
	p.ki = ki;
	p.s = s;
	p.m = &s->model;
	p.o = o;
	p.mb = (struct buf)BUF_INIT;
	if (sodium_init() < 0) {
		diag_err(d, "libsodium does not initialize");
		goto out;
	}
	/* The site's own problems are not this verb's. */
	model_link(p.m, &s->files);
	if (find_issuer(&p, d) < 0 || plan_private(&p, d) < 0 ||
	    plan_gitignore(&p, d) < 0 || make_key(&p, d) < 0 ||
	    plan_documents(&p, d) < 0)
		goto out;
	ki->issuer = arena_strdup(&ki->arena, p.issuer->id);
	ki->name = p.name;
	rc = 0;
out:
	privkey_free(p.priv);
	key_free(p.pub);
	buf_release(&p.mb);
	if (p.profile_open)
		jsonedit_release(&p.profile);
	if (rc < 0)
		keyinstall_release(ki);
	return rc;
}

/* The directory part of path ("." for none). */
static void
dir_of(struct buf *out, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		BUF_PUTSL(out, ".");
	else if (slash == path)
		BUF_PUTSL(out, "/");
	else
		buf_put(out, path, (size_t)(slash - path));
}

int
keyinstall_write(struct keyinstall *ki, struct diag *d)
{
	struct keyinstall_file *f;
	struct buf path = BUF_INIT, dir = BUF_INIT;
	size_t i, k;
	int r = 0;

	for (i = 0; i < ki->nfiles; i++) {
		f = &ki->files[i];
		buf_reset(&path);
		if (i == 0) {
			buf_puts(&path, f->path);
			dir_of(&dir, f->path);
			if (access(dir.data, F_OK) < 0 &&
			    fs_mkdir_p(dir.data, 0700, d) < 0) {
				r = -1;
				break;
			}
		} else
			buf_printf(&path, "%s/%s", ki->dir, f->path);
		r = fs_write_file(path.data, f->data.data, f->data.len, f->mode,
		    f->created ? FS_MKDIRS : FS_REPLACE, d);
		if (r == FS_EXISTS)
			diag_err(d, "%s appeared meanwhile; not replaced",
			    path.data);
		if (r != 0)
			break;
	}
	for (k = 0; r != 0 && k < i; k++)
		diag_note(d, "written before the error: %s", ki->files[k].path);
	buf_release(&path);
	buf_release(&dir);
	return r;
}

void
keyinstall_release(struct keyinstall *ki)
{
	size_t i;

	for (i = 0; i < ki->nfiles; i++) {
		if (i == 0 && ki->files[i].data.len > 0)
			sodium_memzero(ki->files[i].data.data,
			    ki->files[i].data.len);
		free(ki->files[i].path);
		buf_release(&ki->files[i].data);
	}
	arena_release(&ki->arena);
	memset(ki, 0, sizeof(*ki));
}
