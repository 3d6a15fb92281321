/*
 * verify.c - offline verification of one award: named checks in order
 * (see verify.h for the rules and OPEN-BADGES.md for their sources), and
 * what the modules of verification share to build them (verify_int.h).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "hash.h"
#include "jws.h"
#include "proof.h"
#include "verify_int.h"
#include "vmsg.h"

#define MAX_CHECKS	8

#define OB2_CONTEXT	"https://w3id.org/openbadges/v2"
#define VC2_CONTEXT	"https://www.w3.org/ns/credentials/v2"
#define VC1_CONTEXT	"https://www.w3.org/2018/credentials/v1"
#define OB3_CONTEXT	"https://purl.imsglobal.org/spec/ob/v3p0/"

/* The outcome of one embedded proof. */
struct proofres {
	bool		 unsupported;	/* of a type or cryptosuite not known */
	enum check_result sig;
	const char	*sig_msg;
	enum check_result bind;
	const char	*bind_msg;
	const char	*method;
};

const char *
check_result_name(enum check_result r)
{
	switch (r) {
	case CHECK_PASS:
		return "pass";
	case CHECK_WARN:
		return "warn";
	case CHECK_FAIL:
		return "fail";
	case CHECK_UNKNOWN:
		return "unknown";
	}
	return "unknown";
}

/* Orders results from best to worst: pass, warn, unknown, fail. */
static int
rank(enum check_result r)
{
	switch (r) {
	case CHECK_PASS:
		return 0;
	case CHECK_WARN:
		return 1;
	case CHECK_UNKNOWN:
		return 2;
	case CHECK_FAIL:
		return 3;
	}
	return 3;
}

bool
result_passed(enum check_result r)
{
	return r == CHECK_PASS || r == CHECK_WARN;
}

/* Registers en and ja, copied into r's arena; returns the English copy. */
static const char *
bilingual(struct verify_report *r, const char *en, size_t enlen,
    const char *ja, size_t jalen)
{
	const char *e = arena_strndup(&r->arena, en, enlen);

	if (r->reg.a == NULL)
		vmsg_reg_init(&r->reg, &r->arena);
	vmsg_reg_add(&r->reg, e, arena_strndup(&r->arena, ja, jalen));
	return e;
}

const char *
rprintf(struct verify_report *r, const char *fmt, ...)
{
	struct buf en = BUF_INIT, ja = BUF_INIT;
	const char *s;
	va_list ap;

	va_start(ap, fmt);
	vmsg_vformat(&en, &ja, &r->reg, fmt, ap);
	va_end(ap);
	s = bilingual(r, en.data, en.len, ja.data, ja.len);
	buf_release(&en);
	buf_release(&ja);
	return s;
}

void
acc_init(struct acc *a, struct verify_report *r)
{
	struct buf init = BUF_INIT;

	a->res = CHECK_PASS;
	a->msg = init;
	a->msg_ja = init;
	a->r = r;
}

/* Adds one note in both languages to a. */
static void
acc_note(struct acc *a, enum check_result res, const char *en, size_t enlen,
    const char *ja, size_t jalen)
{
	if (rank(res) > rank(a->res))
		a->res = res;
	if (enlen == 0)
		return;
	if (a->msg.len > 0) {
		BUF_PUTSL(&a->msg, "; ");
		BUF_PUTSL(&a->msg_ja, "\xef\xbc\x9b");	/* full-width ; */
	}
	buf_put(&a->msg, en, enlen);
	buf_put(&a->msg_ja, ja, jalen);
}

void
acc_add(struct acc *a, enum check_result res, const char *fmt, ...)
{
	struct buf en = BUF_INIT, ja = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	vmsg_vformat(&en, &ja, &a->r->reg, fmt, ap);
	va_end(ap);
	acc_note(a, res, en.data, en.len, ja.data, ja.len);
	buf_release(&en);
	buf_release(&ja);
}

void
acc_merge(struct acc *a, const struct acc *from)
{
	acc_note(a, from->res, from->msg.data, from->msg.len,
	    from->msg_ja.data, from->msg_ja.len);
}

const char *
acc_text(struct acc *a)
{
	return bilingual(a->r, a->msg.len ? a->msg.data : "", a->msg.len,
	    a->msg_ja.len ? a->msg_ja.data : "", a->msg_ja.len);
}

void
acc_release(struct acc *a)
{
	buf_release(&a->msg);
	buf_release(&a->msg_ja);
}

static void
add_check(struct verify_report *r, const char *name, enum check_result res,
    const char *msg, const char *msg_ja)
{
	struct check *c;

	if (r->nchecks == MAX_CHECKS)
		return;
	c = &r->checks[r->nchecks++];
	c->name = name;
	c->result = res;
	c->message = arena_strdup(&r->arena, msg);
	c->message_ja = arena_strdup(&r->arena, msg_ja);
}

enum check_result
acc_emit(struct verify_report *r, const char *name, struct acc *a)
{
	enum check_result res = a->res;

	add_check(r, name, res, a->msg.len ? a->msg.data : "",
	    a->msg_ja.len ? a->msg_ja.data : "");
	acc_release(a);
	return res;
}

void
cap_init(struct cap *c)
{
	struct diag init = DIAG_INIT;
	struct buf binit = BUF_INIT;

	c->d = init;
	c->b = binit;
	c->d.quiet = true;
	c->d.capture = &c->b;
}

/*
 * The captured messages, without their "error: " or "warning: "
 * prefixes, joined by "; ", in the report's arena, with their Japanese
 * (vmsg_translate); the capture is emptied.
 */
const char *
cap_text(struct verify_report *r, struct cap *c)
{
	struct buf out = BUF_INIT, ja = BUF_INIT;
	const char *p = c->b.data, *nl, *s;
	char *line;
	size_t n;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (strncmp(p, "error: ", 7) == 0) {
			p += 7;
			n -= 7;
		} else if (strncmp(p, "warning: ", 9) == 0) {
			p += 9;
			n -= 9;
		}
		if (n > 0) {
			if (out.len > 0) {
				BUF_PUTSL(&out, "; ");
				BUF_PUTSL(&ja, "\xef\xbc\x9b");
			}
			buf_put(&out, p, n);
			line = xstrndup(p, n);
			vmsg_translate(&ja, line);
			free(line);
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	if (out.len == 0)
		s = rprintf(r, "(no message)");
	else
		s = bilingual(r, out.data, out.len, ja.data, ja.len);
	buf_release(&out);
	buf_release(&ja);
	buf_reset(&c->b);
	return s;
}

void
cap_release(struct cap *c)
{
	if (c != NULL)
		buf_release(&c->b);
}

const char *
fmt_date(struct verify_report *r, int64_t t)
{
	struct buf b = BUF_INIT;
	const char *s;

	date_format(&b, t, NULL, NULL, DATE_ISO_UTC);
	s = arena_strdup(&r->arena, b.data);
	buf_release(&b);
	return s;
}

/* The elements of v: an array's first element, or v itself. */
const struct json *
first_of(const struct json *v)
{
	if (v == NULL)
		return NULL;
	return v->type == JSON_ARRAY ? v->child : v;
}

const struct json *
next_of(const struct json *v, const struct json *e)
{
	return v->type == JSON_ARRAY ? e->next : NULL;
}

/* The credential's issuer id (OB 3.0). */
const char *
cred_issuer(const struct json *cred)
{
	return json_id(json_get(cred, "issuer"));
}

/* Verifies one embedded proof of doc, whose issuer is issuer. */
static void
check_proof(struct vctx *v, const struct json *doc, const struct json *proof,
    const char *issuer, struct proofres *out)
{
	struct keyres kr;
	enum di_suite s;
	const char *vm;
	struct cap c;
	int rc;

	memset(out, 0, sizeof(*out));
	out->bind = CHECK_UNKNOWN;
	out->bind_msg = "the proof was not checked";
	cap_init(&c);
	if (di_suite_of(&s, proof, &c.d) < 0) {
		out->unsupported = true;
		out->sig = CHECK_UNKNOWN;
		out->sig_msg = cap_text(v->r, &c);
		cap_release(&c);
		return;
	}
	out->method = json_get_str(proof, "cryptosuite");
	if (out->method == NULL)
		out->method = json_get_str(proof, "type");
	if ((vm = json_get_str(proof, "verificationMethod")) == NULL ||
	    *vm == '\0') {
		out->sig = CHECK_FAIL;
		out->sig_msg = "the proof has no verificationMethod";
		cap_release(&c);
		return;
	}
	resolve_key(v, vm, issuer, &kr);
	if (kr.found != CHECK_PASS) {
		out->sig = kr.found;
		out->sig_msg = kr.why;
		out->bind = kr.found;
		out->bind_msg = kr.why;
		key_free(kr.key);
		cap_release(&c);
		return;
	}
	out->bind = kr.bound;
	out->bind_msg = kr.bind_msg;
	if (kr.key->type != KEY_ED25519) {
		out->sig = CHECK_FAIL;
		out->sig_msg = rprintf(v->r, "the key %s is %s; %s needs "
		    "Ed25519", vm, key_type_name(kr.key->type), out->method);
	} else if ((rc = di_verify(doc, proof, kr.key->ed25519, &c.d)) < 0) {
		out->sig = rc == KEY_EUNSUP ? CHECK_UNKNOWN : CHECK_FAIL;
		out->sig_msg = cap_text(v->r, &c);
	} else {
		out->sig = CHECK_PASS;
		out->sig_msg = rprintf(v->r, "%s proof by %s verifies",
		    out->method, vm);
	}
	key_free(kr.key);
	cap_release(&c);
}

/*
 * Verifies the embedded proofs of doc (VERIFICATION.md, "Proof sets"):
 * every proof of a suite badgegen supports must verify and be bound to
 * the issuer, and there must be one; a proof of another type or
 * cryptosuite is a warning.  Fills the signature and key checks being
 * built and sets *method to the suite of the first proof when the
 * signatures of all verify.
 */
void
check_proofs(struct vctx *v, const struct json *doc, const char *issuer,
    struct acc *sig, struct acc *key, const char **method)
{
	struct proofres res[MAX_PROOFS];
	const struct json *proof = json_get(doc, "proof"), *p;
	size_t n = 0, i, known = 0;
	bool many, all = true;
	char at[32];

	*method = NULL;
	if (proof == NULL || (proof->type != JSON_OBJECT &&
	    proof->type != JSON_ARRAY) || (proof->type == JSON_ARRAY &&
	    proof->len == 0)) {
		acc_add(sig, CHECK_FAIL, "the credential has no proof");
		acc_add(key, CHECK_UNKNOWN, "no proof names a key");
		return;
	}
	for (p = first_of(proof); p != NULL && n < MAX_PROOFS;
	    p = next_of(proof, p))
		check_proof(v, doc, p, issuer, &res[n++]);
	many = n > 1;
	for (i = 0; i < n; i++) {
		if (many)
			snprintf(at, sizeof(at), "proof[%zu]: ", i);
		else
			at[0] = '\0';
		if (res[i].unsupported) {
			acc_add(sig, CHECK_WARN, "%snot checked: %s", at,
			    res[i].sig_msg);
			continue;
		}
		known++;
		acc_add(sig, res[i].sig, "%s%s", at, res[i].sig_msg);
		acc_add(key, res[i].bind, "%s%s", at, res[i].bind_msg);
		if (res[i].sig != CHECK_PASS)
			all = false;
		else if (*method == NULL)
			*method = res[i].method;
	}
	if (p != NULL) {
		acc_add(sig, CHECK_FAIL, "more than %d proofs: the others are "
		    "not checked", MAX_PROOFS);
		all = false;
	}
	if (known == 0) {
		acc_add(sig, CHECK_UNKNOWN, "no proof is of a suite badgegen "
		    "verifies (eddsa-rdfc-2022, eddsa-jcs-2022, "
		    "Ed25519Signature2020)");
		acc_add(key, CHECK_UNKNOWN, "no proof names a key that could "
		    "be checked");
	}
	if (!all)
		*method = NULL;
}

/* check: context */
static void
check_context(struct vctx *v, bool ob3)
{
	const struct json *ctx = json_get(v->aw->json, "@context"), *c1;
	const char *c0;
	struct acc a;

	acc_init(&a, v->r);
	c0 = json_str(first_of(ctx));
	if (!ob3) {
		if (c0 != NULL && (strcmp(c0, OB2_CONTEXT) == 0 ||
		    strcmp(c0, "https://openbadgespec.org/v2/context.json") ==
		    0))
			acc_add(&a, CHECK_PASS, "Open Badges 2.0 context");
		else if (c0 != NULL && (strcmp(c0,
		    "https://w3id.org/openbadges/v1") == 0 || strcmp(c0,
		    "https://openbadgespec.org/v1/context.json") == 0))
			acc_add(&a, CHECK_WARN, "Open Badges 1.x context %s",
			    c0);
		else
			acc_add(&a, CHECK_FAIL, "@context must be %s, not %s",
			    OB2_CONTEXT, c0 != NULL ? c0 : "(none)");
		acc_emit(v->r, "context", &a);
		return;
	}
	if (ctx == NULL || ctx->type != JSON_ARRAY) {
		acc_add(&a, CHECK_FAIL, "@context must be an array starting "
		    "with %s", VC2_CONTEXT);
		acc_emit(v->r, "context", &a);
		return;
	}
	if (c0 != NULL && strcmp(c0, VC2_CONTEXT) == 0)
		acc_add(&a, CHECK_PASS, "VCDM 2.0");
	else if (c0 != NULL && strcmp(c0, VC1_CONTEXT) == 0)
		acc_add(&a, CHECK_WARN, "VCDM 1.1 (@context[0] %s)", c0);
	else
		acc_add(&a, CHECK_FAIL, "@context[0] must be %s, not %s",
		    VC2_CONTEXT, c0 != NULL ? c0 : "(none)");
	c1 = json_at(ctx, 1);
	if (json_str_eq(c1, OB3_CONTEXT "context-3.0.3.json"))
		acc_add(&a, CHECK_PASS, "Open Badges 3.0.3 context");
	else if (json_str_eq(c1, OB3_CONTEXT "context.json") ||
	    json_str_eq(c1, OB3_CONTEXT "context-3.0.1.json") ||
	    json_str_eq(c1, OB3_CONTEXT "context-3.0.2.json"))
		acc_add(&a, CHECK_WARN, "older context %s", c1->str);
	else
		acc_add(&a, CHECK_FAIL, "@context[1] must be the Open Badges "
		    "3.0 context %scontext-3.0.3.json, not %s", OB3_CONTEXT,
		    json_str(c1) != NULL ? c1->str : "(none)");
	acc_emit(v->r, "context", &a);
}

/* Whether s is "sha256$<64 hex>" or "md5$<32 hex>". */
static bool
hash_well_formed(const char *s)
{
	size_t n, i;

	if (s == NULL)
		return false;
	if (strncasecmp(s, "sha256$", 7) == 0) {
		s += 7;
		n = 64;
	} else if (strncasecmp(s, "md5$", 4) == 0) {
		s += 4;
		n = 32;
	} else
		return false;
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return s[n] == '\0';
}

/* check: recipient, OB 2.0 */
static void
check_recipient_ob2(struct vctx *v, struct acc *a)
{
	const struct json *r = json_get(v->aw->json, "recipient"), *h;
	const char *type, *id;

	if (r == NULL || r->type != JSON_OBJECT) {
		acc_add(a, CHECK_FAIL, "recipient: expected an IdentityObject");
		return;
	}
	type = json_get_str(r, "type");
	id = json_get_str(r, "identity");
	h = json_get(r, "hashed");
	if (type == NULL || (strcmp(type, "email") != 0 &&
	    strcmp(type, "url") != 0 && strcmp(type, "telephone") != 0 &&
	    strcmp(type, "id") != 0))
		acc_add(a, CHECK_FAIL, "recipient.type must be email, url, "
		    "telephone or id, not %s", type != NULL ? type : "(none)");
	if (id == NULL || *id == '\0') {
		acc_add(a, CHECK_FAIL, "recipient.identity is missing");
		return;
	}
	if (h == NULL || (h->type != JSON_TRUE && h->type != JSON_FALSE)) {
		acc_add(a, CHECK_FAIL, "recipient.hashed: expected true or "
		    "false");
		return;
	}
	if (json_get(r, "salt") != NULL && json_get_str(r, "salt") == NULL)
		acc_add(a, CHECK_FAIL, "recipient.salt: expected a string");
	if (h->type == JSON_TRUE) {
		if (!hash_well_formed(id))
			acc_add(a, CHECK_FAIL, "recipient.identity must be "
			    "\"sha256$<64 hex digits>\" or \"md5$<32 hex "
			    "digits>\"");
		else
			acc_add(a, CHECK_PASS, "%s identity hashed with %.*s",
			    type != NULL ? type : "recipient",
			    (int)strcspn(id, "$"), id);
		if (strncasecmp(id, "md5$", 4) == 0)
			acc_add(a, CHECK_WARN, "md5 identity hashes are weak");
		return;
	}
	if (type != NULL && (strcmp(type, "email") == 0 ||
	    strcmp(type, "telephone") == 0))
		acc_add(a, CHECK_FAIL, "the recipient's address is not hashed "
		    "and would be published");
	else
		acc_add(a, CHECK_PASS, "%s identity (public, not hashed)",
		    type != NULL ? type : "recipient");
}

/* check: recipient, OB 3.0 */
static void
check_recipient_ob3(struct vctx *v, struct acc *a)
{
	const struct json *s = json_get(v->aw->json, "credentialSubject");
	const struct json *ids, *e, *h;
	const char *id, *it, *ih;
	size_t i = 0;

	if (s == NULL || s->type != JSON_OBJECT) {
		acc_add(a, CHECK_FAIL, "credentialSubject: expected an object");
		return;
	}
	id = json_get_str(s, "id");
	ids = json_get(s, "identifier");
	if (id == NULL && (ids == NULL || ids->type != JSON_ARRAY ||
	    ids->len == 0)) {
		/* A conformance issue, not a forgery (VERIFICATION.md). */
		acc_add(a, CHECK_WARN, "credentialSubject has neither an id "
		    "nor an identifier, which Open Badges 3.0 requires: the "
		    "recipient cannot be checked");
		return;
	}
	if (id != NULL) {
		if (strncasecmp(id, "mailto:", 7) == 0 ||
		    strncasecmp(id, "tel:", 4) == 0)
			acc_add(a, CHECK_FAIL, "the recipient's address is not "
			    "hashed and would be published "
			    "(credentialSubject.id)");
		else
			acc_add(a, CHECK_PASS, "subject %s", id);
	}
	if (ids != NULL && ids->type != JSON_ARRAY) {
		acc_add(a, CHECK_FAIL, "credentialSubject.identifier: expected "
		    "an array");
		return;
	}
	for (e = ids != NULL ? ids->child : NULL; e != NULL; e = e->next, i++) {
		it = json_get_str(e, "identityType");
		ih = json_get_str(e, "identityHash");
		h = json_get(e, "hashed");
		if (e->type != JSON_OBJECT ||
		    !json_type_is(e, "IdentityObject") ||
		    it == NULL || ih == NULL || h == NULL ||
		    (h->type != JSON_TRUE && h->type != JSON_FALSE) ||
		    (json_get(e, "salt") != NULL &&
		    json_get_str(e, "salt") == NULL)) {
			acc_add(a, CHECK_FAIL, "identifier[%zu]: expected an "
			    "IdentityObject with identityType, identityHash "
			    "and hashed", i);
			continue;
		}
		if (h->type == JSON_TRUE) {
			if (!hash_well_formed(ih))
				acc_add(a, CHECK_FAIL, "identifier[%zu]: "
				    "identityHash must be \"sha256$<64 hex "
				    "digits>\" or \"md5$<32 hex digits>\"", i);
			else
				acc_add(a, CHECK_PASS, "identifier[%zu]: %s "
				    "hashed with %.*s", i, it,
				    (int)strcspn(ih, "$"), ih);
		} else if (strcmp(it, "name") == 0)
			acc_add(a, CHECK_PASS, "identifier[%zu]: name", i);
		else
			acc_add(a, CHECK_FAIL, "identifier[%zu]: the "
			    "recipient's %s is not hashed and would be "
			    "published", i, it);
	}
}

static void
check_recipient(struct vctx *v, bool ob3)
{
	struct acc a;

	acc_init(&a, v->r);
	if (ob3)
		check_recipient_ob3(v, &a);
	else
		check_recipient_ob2(v, &a);
	acc_emit(v->r, "recipient", &a);
}

/* Whether the string s is among v (a string or an array of strings). */
bool
str_among(const struct json *v, const char *s, bool nocase, bool prefix)
{
	const struct json *e;

	for (e = first_of(v); e != NULL; e = next_of(v, e)) {
		if (e->type != JSON_STRING)
			continue;
		if (prefix ? strncmp(s, e->str, e->len) == 0 : nocase ?
		    strcasecmp(s, e->str) == 0 : strcmp(s, e->str) == 0)
			return true;
	}
	return false;
}

/* check: signature, OB 2.0 hosted (OPEN-BADGES.md 1.3) */
static void
check_hosted(struct vctx *v, struct acc *sig)
{
	const struct award *aw = v->aw;
	const struct json *pol, *sw, *ao, *vp;
	const char *path, *iid, *host, *ihost;

	v->r->method = "hosted";
	if (aw->id == NULL || (path = under_base(v->m, aw->id)) == NULL) {
		acc_add(sig, CHECK_FAIL, "a hosted assertion must be published "
		    "at its id: %s is not under %s", aw->id != NULL ? aw->id :
		    "(no id)", v->m->base_url);
		return;
	}
	if (!aw->private_ && model_at_path(v->m, path) != aw->doc) {
		acc_add(sig, CHECK_FAIL, "a hosted assertion must be published "
		    "at its id: the site serves another document at %s",
		    aw->id);
		return;
	}
	acc_add(sig, CHECK_PASS, "hosted at its id %s", aw->id);
	if (aw->issuer == NULL || aw->issuer->doc == NULL) {
		acc_add(sig, CHECK_FAIL, "no issuer profile");
		return;
	}
	iid = aw->issuer->id;
	pol = json_get(aw->issuer->doc->json, "verification");
	if (pol != NULL && pol->type != JSON_OBJECT) {
		acc_add(sig, CHECK_FAIL, "the issuer's verification policy is "
		    "not an object");
		return;
	}
	vp = json_get(pol, "verificationProperty");
	if (vp != NULL && !json_str_eq(vp, "id")) {
		acc_add(sig, CHECK_FAIL, "the issuer's verificationProperty "
		    "is not \"id\" (the only one supported)");
		return;
	}
	sw = json_get(pol, "startsWith");
	ao = json_get(pol, "allowedOrigins");
	host = host_of(v->r, aw->id);
	if (sw != NULL) {
		if (str_among(sw, aw->id, false, true))
			acc_add(sig, CHECK_PASS, "within the issuer's "
			    "startsWith policy");
		else
			acc_add(sig, CHECK_FAIL, "%s is outside the issuer's "
			    "verification policy (startsWith)", aw->id);
	}
	if (ao != NULL) {
		if (host != NULL && str_among(ao, host, true, false))
			acc_add(sig, CHECK_PASS, "%s is among the issuer's "
			    "allowedOrigins", host);
		else
			acc_add(sig, CHECK_FAIL, "the host %s is not among the "
			    "issuer's allowedOrigins", host != NULL ? host :
			    "(none)");
	}
	if (sw != NULL || ao != NULL)
		return;
	/* The default policy: the issuer id's host. */
	if ((ihost = host_of(v->r, iid)) == NULL)
		acc_add(sig, CHECK_WARN, "the issuer id %s is not an HTTP URL: "
		    "the default verification policy cannot apply",
		    iid != NULL ? iid : "(none)");
	else if (host != NULL && strcasecmp(host, ihost) == 0)
		acc_add(sig, CHECK_PASS, "on the issuer's host %s", ihost);
	else
		acc_add(sig, CHECK_FAIL, "%s is outside the issuer's "
		    "verification policy: not on the issuer's host %s",
		    aw->id, ihost);
}

/* Whether key id `id' is in the issuer's publicKey (IRI or objects). */
static bool
issuer_lists_key(const struct json *pk, const char *id)
{
	const struct json *e;

	for (e = first_of(pk); e != NULL; e = next_of(pk, e))
		if (json_str_eq(e, id) || json_str_eq(json_get(e, "id"), id))
			return true;
	return false;
}

/*
 * Tries key kid on the OB 2.0 JWS: 1 verified, 0 wrong signature or
 * unusable key (*msg says why), -1 no key document or a signature that
 * cannot be checked here.
 */
static int
try_ob2_key(struct vctx *v, const char *kid, const struct json **kdoc,
    const char **msg)
{
	const char *err;
	struct key *k = NULL;
	struct cap c;
	int rc;

	if ((*kdoc = fetch_doc(v, kid, &err)) == NULL) {
		*msg = err != NULL ? err : rprintf(v->r, "the key %s is not in "
		    "the repository", kid);
		return err != NULL ? 0 : -1;
	}
	if (!json_type_is(*kdoc, "CryptographicKey") ||
	    json_get_str(*kdoc, "publicKeyPem") == NULL) {
		*msg = rprintf(v->r, "%s is not a CryptographicKey with a "
		    "publicKeyPem", kid);
		return 0;
	}
	cap_init(&c);
	rc = key_from_method(&k, *kdoc, kid, &c.d);
	if (rc == 0)
		rc = jws_verify(v->aw->jws, k, &c.d);
	*msg = rc == 0 ? rprintf(v->r, "%s signature verifies with %s",
	    sig_alg_name(v->aw->jws->alg), kid) : cap_text(v->r, &c);
	cap_release(&c);
	key_free(k);
	return rc == 0 ? 1 : rc == KEY_EUNSUP ? -1 : 0;
}

/* check: signature and key, OB 2.0 signed (OPEN-BADGES.md 1.4) */
static void
check_ob2_signed(struct vctx *v, struct acc *sig, struct acc *key)
{
	const struct award *aw = v->aw;
	const struct json *ver, *pk, *kdoc = NULL, *e;
	const char *creator, *kid = NULL, *msg = NULL, *owner, *iid, *vt;
	int rc = -1;

	if (aw->json != aw->jws->body) {
		acc_add(sig, CHECK_FAIL, "the document shown is not the signed "
		    "payload");
		acc_add(key, CHECK_UNKNOWN, "not checked");
		return;
	}
	ver = json_get(aw->json, "verification");
	if (ver == NULL)
		ver = json_get(aw->json, "verify");
	vt = json_get_str(ver, "type");
	if (vt == NULL || (strcasecmp(vt, "signed") != 0 &&
	    strcmp(vt, "SignedBadge") != 0))
		acc_add(sig, CHECK_WARN, "verification.type is %s, not "
		    "SignedBadge", vt != NULL ? vt : "(none)");
	if (aw->issuer == NULL || aw->issuer->doc == NULL) {
		acc_add(sig, CHECK_UNKNOWN, "no issuer profile");
		acc_add(key, CHECK_UNKNOWN, "no issuer profile");
		return;
	}
	iid = aw->issuer->id;
	pk = json_get(aw->issuer->doc->json, "publicKey");
	creator = json_get_str(ver, "creator");
	v->r->method = sig_alg_name(aw->jws->alg);
	if (creator != NULL) {
		kid = creator;
		rc = try_ob2_key(v, kid, &kdoc, &msg);
		acc_add(sig, rc == 1 ? CHECK_PASS : rc == 0 ? CHECK_FAIL :
		    CHECK_UNKNOWN, "%s", msg);
	} else {
		/* Any key the issuer lists; a wrong signature beats absence. */
		for (e = first_of(pk); e != NULL; e = next_of(pk, e)) {
			const char *k = json_id(e), *km;
			int krc;

			if (k == NULL)
				continue;
			krc = try_ob2_key(v, k, &kdoc, &km);
			if (kid == NULL || krc > rc) {
				kid = k;
				msg = km;
				rc = krc;
			}
			if (rc == 1)
				break;
		}
		if (kid == NULL)
			acc_add(sig, CHECK_UNKNOWN, "the assertion names no "
			    "creator and the issuer %s lists no publicKey",
			    iid != NULL ? iid : "(none)");
		else if (rc == 1)
			acc_add(sig, CHECK_PASS, "%s", msg);
		else
			acc_add(sig, rc == 0 ? CHECK_FAIL : CHECK_UNKNOWN,
			    "no key the issuer lists verifies the signature: "
			    "%s", msg);
		if (rc != 1) {
			acc_add(key, CHECK_UNKNOWN, "no key of the issuer "
			    "verified the signature");
			return;
		}
	}
	if (rc < 0 || kid == NULL) {
		acc_add(key, CHECK_UNKNOWN, "%s", kid != NULL ? msg :
		    "no key to check");
		return;
	}
	kdoc = fetch_doc(v, kid, &msg);
	owner = json_get_str(kdoc, "owner");
	if (!issuer_lists_key(pk, kid))
		acc_add(key, CHECK_FAIL, "assertion signed by a key %s other "
		    "than those authorized by the issuer profile %s", kid,
		    iid != NULL ? iid : "(no id)");
	if (owner == NULL || iid == NULL || strcmp(owner, iid) != 0)
		acc_add(key, CHECK_FAIL, "the key %s is owned by %s, not by "
		    "the issuer %s", kid, owner != NULL ? owner :
		    "(no owner)", iid != NULL ? iid : "(none)");
	if (key->res == CHECK_PASS)
		acc_add(key, CHECK_PASS, "the issuer %s lists the key %s, "
		    "which it owns", iid != NULL ? iid : "", kid);
}

/* check: signature and key, OB 3.0 VC-JWT (OPEN-BADGES.md 2.5) */
static void
check_vc_jwt(struct vctx *v, struct acc *sig, struct acc *key)
{
	static const char *const allowed[] = { "alg", "kid", "jwk", "typ" };
	const struct jws *j = v->aw->jws;
	const struct json *m, *vc;
	const char *issuer = cred_issuer(v->aw->json);
	struct key *hk = NULL;
	struct keyres kr;
	struct cap c;
	size_t i;
	int rc;

	memset(&kr, 0, sizeof(kr));
	vc = json_get(j->body, "vc");
	if (v->aw->json != (vc != NULL && vc->type == JSON_OBJECT ? vc :
	    j->body)) {
		acc_add(sig, CHECK_FAIL, "the document shown is not the signed "
		    "payload");
		acc_add(key, CHECK_UNKNOWN, "not checked");
		return;
	}
	for (m = j->hdr->child; m != NULL; m = m->next) {
		for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
			if (m->keylen == strlen(allowed[i]) &&
			    memcmp(m->key, allowed[i], m->keylen) == 0)
				break;
		if (i == sizeof(allowed) / sizeof(allowed[0])) {
			acc_add(sig, CHECK_FAIL, "the JOSE header member "
			    "\"%.*s\" is not allowed (additional JOSE headers "
			    "are NOT allowed)", (int)(m->keylen > 40 ? 40 :
			    m->keylen), m->key);
			acc_add(key, CHECK_UNKNOWN, "not checked");
			return;
		}
	}
	if (j->typ != NULL && strcmp(j->typ, "JWT") != 0 &&
	    strcmp(j->typ, "vc+ld+json+jwt") != 0 &&
	    strcmp(j->typ, "vc+jwt") != 0)
		acc_add(sig, CHECK_WARN, "typ is \"%s\", not \"JWT\"", j->typ);
	v->r->method = sig_alg_name(j->alg);
	cap_init(&c);
	if (j->jwk != NULL && key_from_jwk(&hk, j->jwk, "header jwk",
	    &c.d) < 0) {
		acc_add(sig, CHECK_FAIL, "%s", cap_text(v->r, &c));
		acc_add(key, CHECK_UNKNOWN, "not checked");
		goto out;
	}
	if (j->kid != NULL) {
		resolve_key(v, j->kid, issuer, &kr);
		if (kr.found != CHECK_PASS) {
			acc_add(sig, kr.found, "%s", kr.why);
			acc_add(key, kr.found, "%s", kr.why);
			goto out;
		}
		if (hk != NULL && !key_equal(hk, kr.key)) {
			acc_add(sig, CHECK_FAIL, "the header jwk is not the "
			    "key %s names", j->kid);
			acc_add(key, CHECK_UNKNOWN, "not checked");
			goto out;
		}
		acc_add(key, kr.bound, "%s", kr.bind_msg);
	} else if (hk != NULL)
		jwk_published(v, hk, issuer, key);
	else {
		acc_add(sig, CHECK_UNKNOWN, "the JOSE header names no key (kid "
		    "or jwk)");
		acc_add(key, CHECK_UNKNOWN, "no key to check");
		goto out;
	}
	rc = jws_verify(j, kr.key != NULL ? kr.key : hk, &c.d);
	if (rc == 0)
		acc_add(sig, CHECK_PASS, "%s signature verifies with the key "
		    "of the %s", sig_alg_name(j->alg), j->kid != NULL ?
		    "kid" : "header jwk");
	else
		acc_add(sig, rc == KEY_EUNSUP ? CHECK_UNKNOWN : CHECK_FAIL,
		    "%s", cap_text(v->r, &c));
out:
	cap_release(&c);
	key_free(kr.key);
	key_free(hk);
}

/* An optional date member: 1 read, 0 absent, -1 malformed (noted). */
int
get_date(struct acc *a, const struct json *obj, const char *name,
    int64_t *out)
{
	const struct json *d = json_get(obj, name);

	if (d == NULL)
		return 0;
	if (d->type != JSON_STRING || date_parse(out, NULL, d->str) < 0) {
		acc_add(a, CHECK_FAIL, "%s is not a date and time", name);
		return -1;
	}
	return 1;
}

/* A NumericDate claim: 1 read, 0 absent, -1 malformed (noted). */
static int
get_numeric_date(struct acc *a, const struct json *obj, const char *name,
    int64_t *out)
{
	const struct json *d = json_get(obj, name);

	if (d == NULL)
		return 0;
	if (d->type != JSON_NUMBER || d->num < (double)DATE_MIN ||
	    d->num > (double)DATE_MAX) {
		acc_add(a, CHECK_FAIL, "the %s claim is not a NumericDate",
		    name);
		return -1;
	}
	*out = (int64_t)d->num;
	return 1;
}

/* The credential's validFrom (or VCDM 1.1 issuanceDate) member name. */
const char *
from_name(const struct json *cred)
{
	return json_get(cred, "validFrom") != NULL ||
	    json_get(cred, "issuanceDate") == NULL ? "validFrom" :
	    "issuanceDate";
}

const char *
until_name(const struct json *cred)
{
	return json_get(cred, "validUntil") != NULL ||
	    json_get(cred, "expirationDate") == NULL ? "validUntil" :
	    "expirationDate";
}

/* check: claims, VC-JWT (OPEN-BADGES.md 2.5) */
static void
check_claims(struct vctx *v)
{
	const struct json *body = v->aw->jws->body, *cred = v->aw->json;
	const char *iss, *jti, *sub, *issuer, *cid, *sid;
	int64_t t, d;
	struct acc a;
	int rc;

	acc_init(&a, v->r);
	iss = json_get_str(body, "iss");
	issuer = cred_issuer(cred);
	if (iss == NULL)
		acc_add(&a, CHECK_FAIL, "no iss claim");
	else if (issuer == NULL || strcmp(iss, issuer) != 0)
		acc_add(&a, CHECK_FAIL, "iss %s is not the issuer id %s", iss,
		    issuer != NULL ? issuer : "(none)");
	jti = json_get_str(body, "jti");
	cid = json_get_str(cred, "id");
	if (jti != NULL && cid != NULL && strcmp(jti, cid) != 0)
		acc_add(&a, CHECK_FAIL, "jti %s is not the credential id %s",
		    jti, cid);
	if ((rc = get_numeric_date(&a, body, "nbf", &t)) == 0)
		acc_add(&a, CHECK_WARN, "no nbf claim");
	else if (rc > 0 && get_date(&a, cred, from_name(cred), &d) > 0 &&
	    d != t)
		acc_add(&a, CHECK_FAIL, "nbf %s is not %s %s",
		    fmt_date(v->r, t), from_name(cred), fmt_date(v->r, d));
	if ((rc = get_numeric_date(&a, body, "exp", &t)) > 0) {
		if ((rc = get_date(&a, cred, until_name(cred), &d)) == 0)
			acc_add(&a, CHECK_FAIL, "exp %s but no %s",
			    fmt_date(v->r, t), until_name(cred));
		else if (rc > 0 && d != t)
			acc_add(&a, CHECK_FAIL, "exp %s is not %s %s",
			    fmt_date(v->r, t), until_name(cred),
			    fmt_date(v->r, d));
	}
	sub = json_get_str(body, "sub");
	sid = json_get_str(json_get(cred, "credentialSubject"), "id");
	if (sub != NULL && (sid == NULL || strcmp(sub, sid) != 0))
		acc_add(&a, CHECK_FAIL, "sub %s is not credentialSubject.id %s",
		    sub, sid != NULL ? sid : "(none)");
	else if (sub == NULL)
		acc_add(&a, CHECK_WARN, json_get(body, "aud") != NULL ?
		    "no sub claim; aud is not checked" : "no sub claim");
	if (a.res == CHECK_PASS)
		acc_add(&a, CHECK_PASS, "iss, jti, nbf, exp and sub agree with "
		    "the credential");
	acc_emit(v->r, "claims", &a);
}

/* check: dates (OPEN-BADGES.md 1.5, 2.2) */
static void
check_dates(struct vctx *v, bool ob3)
{
	const struct json *cred = v->aw->json;
	const char *fn = ob3 ? from_name(cred) : "issuedOn";
	const char *un = ob3 ? until_name(cred) : "expires";
	int64_t from = 0, until = 0;
	int hf, hu;
	struct acc a;

	acc_init(&a, v->r);
	hf = get_date(&a, cred, fn, &from);
	hu = get_date(&a, cred, un, &until);
	if (hf == 0)
		acc_add(&a, ob3 ? CHECK_WARN : CHECK_FAIL, "no %s", fn);
	if (hf > 0 && from > v->now) {
		v->r->not_yet_valid = true;
		acc_add(&a, CHECK_FAIL, "not valid before %s (%s)",
		    fmt_date(v->r, from), fn);
	}
	if (hf > 0 && hu > 0 && until < from)
		acc_add(&a, CHECK_FAIL, "expires (%s) before it is issued (%s)",
		    fmt_date(v->r, until), fmt_date(v->r, from));
	if (hu > 0 && until < v->now) {
		v->r->expired = true;
		acc_add(&a, CHECK_FAIL, "expired on %s", fmt_date(v->r, until));
	}
	if (a.res == CHECK_PASS || a.res == CHECK_WARN) {
		if (hf > 0)
			acc_add(&a, CHECK_PASS, "issued %s",
			    fmt_date(v->r, from));
		if (hu > 0)
			acc_add(&a, CHECK_PASS, "expires %s",
			    fmt_date(v->r, until));
		else
			acc_add(&a, CHECK_PASS, "no expiry");
	}
	acc_emit(v->r, "dates", &a);
}

int
verify_award(struct verify_report *out, const struct model *m,
    const struct award *aw, int64_t now)
{
	struct acc sig, key;
	enum check_result rs, rk = CHECK_PASS;
	struct vctx v;
	bool ob3;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (m == NULL || aw == NULL || aw->json == NULL ||
	    ((aw->form == FORM_OB2_SIGNED || aw->form == FORM_OB3_JWT) &&
	    aw->jws == NULL))
		return -1;
	out->checks = arena_alloc(&out->arena, MAX_CHECKS *
	    sizeof(*out->checks));
	v.r = out;
	v.m = m;
	v.aw = aw;
	v.now = now;
	ob3 = aw->form == FORM_OB3_JSON || aw->form == FORM_OB3_JWT;

	check_context(&v, ob3);
	if (!aw->endorsement)
		check_recipient(&v, ob3);
	acc_init(&sig, out);
	acc_init(&key, out);
	switch (aw->form) {
	case FORM_OB2_HOSTED:
		check_hosted(&v, &sig);
		break;
	case FORM_OB2_SIGNED:
		check_ob2_signed(&v, &sig, &key);
		break;
	case FORM_OB3_JWT:
		check_vc_jwt(&v, &sig, &key);
		break;
	case FORM_OB3_JSON:
		check_proofs(&v, aw->json, cred_issuer(aw->json), &sig, &key,
		    &out->method);
		break;
	}
	rs = acc_emit(out, "signature", &sig);
	if (aw->form != FORM_OB2_HOSTED)
		rk = acc_emit(out, "key", &key);
	else
		acc_release(&key);
	if (!result_passed(rs))
		out->method = NULL;
	if (aw->form == FORM_OB3_JWT)
		check_claims(&v);
	check_dates(&v, ob3);
	check_status(&v, ob3);

	out->authentic = result_passed(rs) && result_passed(rk);
	out->valid = true;
	for (i = 0; i < out->nchecks; i++)
		if (out->checks[i].result == CHECK_FAIL ||
		    out->checks[i].result == CHECK_UNKNOWN)
			out->valid = false;
	verify_report_pack(out);
	return 0;
}

struct award *
verify_find_award(const struct model *m, const char *file)
{
	size_t i;

	for (i = 0; i < m->nawards; i++)
		if (strcmp(m->awards[i]->file, file) == 0)
			return m->awards[i];
	/* An endorsement, listed on the site or not. */
	for (i = 0; i < m->ndocs; i++)
		if (m->docs[i]->kind == DOC_AWARD && m->docs[i]->obj != NULL &&
		    strcmp(m->docs[i]->file, file) == 0 &&
		    ((struct award *)m->docs[i]->obj)->endorsement)
			return m->docs[i]->obj;
	return NULL;
}

void
verify_recipient_check(struct recipient_check *rc, const struct award *aw,
    const char *email)
{
	bool match = false;

	rc->asked = email != NULL;
	rc->result = CHECK_PASS;
	rc->message = NULL;
	if (!rc->asked)
		return;
	if (verify_recipient_count(aw) == 0) {
		rc->result = CHECK_UNKNOWN;
		rc->message = "the award identifies its recipient by no e-mail "
		    "address: the recipient cannot be checked";
	} else if (verify_recipient(aw, email, &match) == 0 && match) {
		rc->result = CHECK_PASS;
		rc->message = "issued to the given address";
	} else {
		rc->result = CHECK_FAIL;
		rc->message = "not issued to the given address";
	}
}

void
verify_report_json(struct buf *out, const struct verify_report *r,
    const struct recipient_check *rc)
{
	size_t i;

	buf_printf(out, "\"valid\": %s, \"revoked\": %s, \"expired\": %s",
	    r->valid ? "true" : "false", r->revoked ? "true" : "false",
	    r->expired ? "true" : "false");
	if (rc != NULL && rc->asked)
		buf_printf(out, ", \"recipient\": %s, \"recipient_result\": "
		    "\"%s\"", rc->result == CHECK_PASS ? "true" : "false",
		    check_result_name(rc->result));
	BUF_PUTSL(out, ", \"checks\": [");
	for (i = 0; i < r->nchecks; i++) {
		buf_puts(out, i ? ",\n    {" : "\n    {");
		BUF_PUTSL(out, "\"name\": ");
		json_write_str(out, r->checks[i].name,
		    strlen(r->checks[i].name), 0);
		buf_printf(out, ", \"result\": \"%s\"",
		    check_result_name(r->checks[i].result));
		if (r->checks[i].message != NULL) {
			BUF_PUTSL(out, ", \"message\": ");
			json_write_str(out, r->checks[i].message,
			    strlen(r->checks[i].message), 0);
		}
		if (r->checks[i].message_ja != NULL) {
			BUF_PUTSL(out, ", \"message_ja\": ");
			json_write_str(out, r->checks[i].message_ja,
			    strlen(r->checks[i].message_ja), 0);
		}
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

/* Copies s (or NULL) to *p and moves *p past it. */
static const char *
pack_str(char **p, const char *s)
{
	char *o = *p;
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	memcpy(o, s, n);
	*p += n;
	return o;
}

void
verify_report_pack(struct verify_report *r)
{
	struct check *checks;
	size_t i, size;
	void *old = r->mem;
	char *p;

	size = r->nchecks * sizeof(*checks);
	if (r->method != NULL)
		size += strlen(r->method) + 1;
	if (r->revocation_reason != NULL)
		size += strlen(r->revocation_reason) + 1;
	for (i = 0; i < r->nchecks; i++) {
		if (r->checks[i].name != NULL)
			size += strlen(r->checks[i].name) + 1;
		if (r->checks[i].message != NULL)
			size += strlen(r->checks[i].message) + 1;
		if (r->checks[i].message_ja != NULL)
			size += strlen(r->checks[i].message_ja) + 1;
	}
	r->mem = xmalloc(size);
	checks = r->mem;
	p = (char *)(checks + r->nchecks);
	for (i = 0; i < r->nchecks; i++) {
		checks[i].result = r->checks[i].result;
		checks[i].name = pack_str(&p, r->checks[i].name);
		checks[i].message = pack_str(&p, r->checks[i].message);
		checks[i].message_ja = pack_str(&p, r->checks[i].message_ja);
	}
	r->checks = checks;
	r->method = pack_str(&p, r->method);
	r->revocation_reason = pack_str(&p, r->revocation_reason);
	free(old);
	arena_release(&r->arena);
	memset(&r->reg, 0, sizeof(r->reg));
}

void
verify_report_release(struct verify_report *r)
{
	if (r == NULL)
		return;
	arena_release(&r->arena);
	free(r->mem);
	memset(r, 0, sizeof(*r));
}

/* Compares one identity (hashed or not) with email and its lower case. */
static bool
identity_matches(const char *identity, bool hashed, const char *salt,
    const char *email)
{
	struct diag q = DIAG_INIT;
	char *lower;
	size_t i;
	bool ok;

	q.quiet = true;
	if (identity == NULL)
		return false;
	if (!hashed)
		return strcasecmp(identity, email) == 0;
	if (identity_hash_match(identity, email, salt, &q) == 1)
		return true;
	lower = xstrdup(email);
	for (i = 0; lower[i] != '\0'; i++)
		lower[i] = (char)tolower((unsigned char)lower[i]);
	ok = strcmp(lower, email) != 0 &&
	    identity_hash_match(identity, lower, salt, &q) == 1;
	free(lower);
	return ok;
}

int
verify_recipient(const struct award *aw, const char *email, bool *match)
{
	const struct json *r, *ids, *e, *h;
	const char *id, *type;

	if (match != NULL)
		*match = false;
	if (aw == NULL || email == NULL || match == NULL || aw->json == NULL)
		return -1;
	if (aw->form == FORM_OB2_HOSTED || aw->form == FORM_OB2_SIGNED) {
		r = json_get(aw->json, "recipient");
		type = json_get_str(r, "type");
		h = json_get(r, "hashed");
		if (type != NULL && strcmp(type, "email") != 0)
			return 0;
		*match = identity_matches(json_get_str(r, "identity"),
		    h == NULL || h->type != JSON_FALSE,
		    json_get_str(r, "salt"), email);
		return 0;
	}
	r = json_get(aw->json, "credentialSubject");
	id = json_get_str(r, "id");
	if (id != NULL && strncasecmp(id, "mailto:", 7) == 0 &&
	    strcasecmp(id + 7, email) == 0) {
		*match = true;
		return 0;
	}
	ids = json_get(r, "identifier");
	for (e = ids != NULL && ids->type == JSON_ARRAY ? ids->child : NULL;
	    e != NULL; e = e->next) {
		if (!json_str_eq(json_get(e, "identityType"), "emailAddress"))
			continue;
		h = json_get(e, "hashed");
		if (identity_matches(json_get_str(e, "identityHash"),
		    h == NULL || h->type != JSON_FALSE,
		    json_get_str(e, "salt"), email)) {
			*match = true;
			return 0;
		}
	}
	return 0;
}

unsigned
verify_recipient_count(const struct award *aw)
{
	const struct json *r, *ids, *e;
	const char *id, *type;
	unsigned n = 0;

	if (aw == NULL || aw->json == NULL || aw->endorsement)
		return 0;
	if (aw->form == FORM_OB2_HOSTED || aw->form == FORM_OB2_SIGNED) {
		type = json_get_str(json_get(aw->json, "recipient"), "type");
		return type == NULL || strcmp(type, "email") == 0;
	}
	r = json_get(aw->json, "credentialSubject");
	id = json_get_str(r, "id");
	if (id != NULL && strncasecmp(id, "mailto:", 7) == 0)
		n++;
	ids = json_get(r, "identifier");
	for (e = ids != NULL && ids->type == JSON_ARRAY ? ids->child : NULL;
	    e != NULL; e = e->next)
		if (json_str_eq(json_get(e, "identityType"), "emailAddress"))
			n++;
	return n;
}

/*
 * Whether a verified award may be published: authentic, and no check
 * failed but for expiry and revocation, which its page shows.
 */
const struct check *
verify_blocking(const struct verify_report *r)
{
	size_t i;

	if (!r->authentic) {
		for (i = 0; i < r->nchecks; i++)
			if (r->checks[i].result == CHECK_FAIL ||
			    r->checks[i].result == CHECK_UNKNOWN)
				return &r->checks[i];
		return r->nchecks > 0 ? &r->checks[0] : NULL;
	}
	for (i = 0; i < r->nchecks; i++) {
		const struct check *c = &r->checks[i];

		if (c->result != CHECK_FAIL)
			continue;
		if (strcmp(c->name, "dates") == 0 && r->expired &&
		    !r->not_yet_valid)
			continue;
		if (strcmp(c->name, "status") == 0 && r->revoked)
			continue;
		return c;
	}
	return NULL;
}
