/*
 * proof.c - Data Integrity proofs: eddsa-rdfc-2022, eddsa-jcs-2022,
 * Ed25519Signature2020.
 */
#include <string.h>

#include "jcs.h"
#include "jsonld.h"
#include "proof.h"
#include "sig.h"


static const char b58[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/*
 * Decodes base58btc text s into out (at most max bytes); *n is the
 * length.  Returns 0, or -1 on a bad character or an overflow.
 */
static int
b58_decode(unsigned char *out, size_t *n, size_t max, const char *s)
{
	unsigned char tmp[128];
	const char *p;
	size_t len = 0, zeros = 0, i;
	unsigned carry;

	if (max > sizeof(tmp))
		max = sizeof(tmp);
	for (; *s == '1'; s++)
		zeros++;
	for (; *s != '\0'; s++) {
		if ((p = strchr(b58, *s)) == NULL)
			return -1;
		carry = (unsigned)(p - b58);
		for (i = 0; i < len; i++) {
			carry += (unsigned)tmp[i] * 58;
			tmp[i] = (unsigned char)(carry & 0xff);
			carry >>= 8;
		}
		while (carry > 0) {
			if (len >= max)
				return -1;
			tmp[len++] = (unsigned char)(carry & 0xff);
			carry >>= 8;
		}
	}
	if (zeros + len > max)
		return -1;
	memset(out, 0, zeros);
	for (i = 0; i < len; i++)
		out[zeros + i] = tmp[len - 1 - i];
	*n = zeros + len;
	return 0;
}

int
di_multikey_decode(unsigned char out[32], const char *mk, struct diag *d)
{
	unsigned char raw[64];
	size_t n;

	if (mk == NULL || mk[0] != 'z')
		return diag_err(d, "proof: key \"%s\" is not a base58btc "
		    "Multikey (\"z...\")", mk != NULL ? mk : "");
	if (b58_decode(raw, &n, sizeof(raw), mk + 1) < 0 || n != 34 ||
	    raw[0] != 0xed || raw[1] != 0x01)
		return diag_err(d, "proof: key \"%s\" is not an Ed25519 "
		    "Multikey", mk);
	memcpy(out, raw + 2, 32);
	return 0;
}

int
di_did_key_public(unsigned char out[32], const char *vm, struct diag *d)
{
	char mb[128];
	const char *hash;
	size_t n;

	if (vm == NULL || strncmp(vm, "did:key:", 8) != 0)
		return diag_err(d, "proof: \"%s\" is not a did:key",
		    vm != NULL ? vm : "");
	hash = strchr(vm + 8, '#');
	n = hash != NULL ? (size_t)(hash - (vm + 8)) : strlen(vm + 8);
	if (n == 0 || n >= sizeof(mb))
		return diag_err(d, "proof: bad did:key \"%s\"", vm);
	memcpy(mb, vm + 8, n);
	mb[n] = '\0';
	if (hash != NULL && strcmp(hash + 1, mb) != 0)
		return diag_err(d, "proof: did:key fragment does not repeat "
		    "the key: \"%s\"", vm);
	return di_multikey_decode(out, mb, d);
}

int
di_suite_of(enum di_suite *out, const struct json *proof, struct diag *d)
{
	const char *type, *cs;

	if (proof == NULL || proof->type != JSON_OBJECT)
		return diag_err(d, "proof: not an object");
	if ((type = json_get_str(proof, "type")) == NULL)
		return diag_err(d, "proof: no type");
	if (strcmp(type, "Ed25519Signature2020") == 0) {
		*out = DI_ED25519_SIGNATURE_2020;
		return 0;
	}
	if (strcmp(type, "DataIntegrityProof") != 0)
		return diag_err(d, "proof: unsupported proof type \"%s\"",
		    type);
	if ((cs = json_get_str(proof, "cryptosuite")) == NULL)
		return diag_err(d, "proof: DataIntegrityProof without a "
		    "cryptosuite");
	if (strcmp(cs, "eddsa-rdfc-2022") == 0 ||
	    strcmp(cs, "eddsa-2022") == 0)
		*out = DI_EDDSA_RDFC_2022;
	else if (strcmp(cs, "eddsa-jcs-2022") == 0)
		*out = DI_EDDSA_JCS_2022;
	else
		return diag_err(d, "proof: unsupported cryptosuite \"%s\"",
		    cs);
	return 0;
}

static bool
skipped(const struct json *m, const char *const *skip)
{
	for (; *skip != NULL; skip++)
		if (m->keylen == strlen(*skip) &&
		    memcmp(m->key, *skip, m->keylen) == 0)
			return true;
	return false;
}

/* Whether context list doc (a value or an array) starts with the
 * entries of prefix (a value or an array), in order. */
static bool
context_starts_with(const struct json *doc, const struct json *prefix)
{
	const struct json *p, *q;

	p = prefix->type == JSON_ARRAY ? prefix->child : prefix;
	q = doc->type == JSON_ARRAY ? doc->child : doc;
	for (; p != NULL; p = prefix->type == JSON_ARRAY ? p->next : NULL) {
		if (q == NULL || !json_equal(p, q))
			return false;
		q = doc->type == JSON_ARRAY ? q->next : NULL;
	}
	return true;
}

/*
 * Adds to unsecured the proofs that proof names in previousProof (a
 * proof chain, VC Data Integrity 4.5): "proof": [the matching proofs].
 */
static int
add_previous(struct arena *a, struct json *unsecured, const struct json *doc,
    const struct json *proof, struct diag *d)
{
	const struct json *prev, *id, *all, *p;
	struct json *list;
	const char *want;

	if ((prev = json_get(proof, "previousProof")) == NULL)
		return 0;
	all = json_get(doc, "proof");
	list = json_new(a, JSON_ARRAY);
	for (id = prev->type == JSON_ARRAY ? prev->child : prev; id != NULL;
	    id = prev->type == JSON_ARRAY ? id->next : NULL) {
		if ((want = json_str(id)) == NULL)
			return diag_err(d, "proof: previousProof must be a "
			    "string or an array of strings");
		for (p = all != NULL && all->type == JSON_ARRAY ? all->child :
		    all; p != NULL; p = all->type == JSON_ARRAY ? p->next :
		    NULL)
			if (p != proof && json_str_eq(json_get(p, "id"), want))
				break;
		if (p == NULL)
			return diag_err(d, "proof: previousProof \"%s\" is "
			    "not among the document's proofs", want);
		json_add_copy(a, list, p, NULL);
		list->last->key = NULL;		/* an element now */
		list->last->keylen = 0;
	}
	json_add(a, unsecured, "proof", list);
	return 0;
}

/* Canonicalizes v for suite s and hashes the result into out. */
static int
canon_hash(unsigned char out[32], const struct json *v, enum di_suite s,
    const char *what, struct diag *d)
{
	struct buf c = BUF_INIT, msg = BUF_INIT;
	struct diag sub = DIAG_INIT;
	int rc;

	sub.quiet = true;
	sub.capture = &msg;
	if (s == DI_EDDSA_JCS_2022)
		rc = jcs_write(&c, v, &sub);
	else
		rc = jsonld_canonicalize(&c, v, &sub);
	if (rc < 0) {
		if (msg.len > 0 && msg.data[msg.len - 1] == '\n')
			buf_truncate(&msg, msg.len - 1);
		diag_err(d, "proof: canonicalization of the %s failed: %s",
		    what, strncmp(msg.data, "error: ", 7) == 0 ?
		    msg.data + 7 : msg.data);
	} else
		sha256(out, c.data, c.len);
	buf_release(&c);
	buf_release(&msg);
	return rc;
}

int
di_hash_data(unsigned char out[64], const struct json *doc,
    const struct json *proof, struct diag *d)
{
	static const char *const doc_skip[] = { "proof", NULL };
	static const char *const di_skip[] = { "proofValue", "@context",
	    NULL };
	static const char *const ed_skip[] = { "proofValue", "jws",
	    "signatureValue", NULL };
	struct arena a = ARENA_INIT;
	struct json *unsecured, *config;
	const struct json *ctx, *pctx, *m;
	enum di_suite s;
	int rc = -1;

	if (di_suite_of(&s, proof, d) < 0)
		return -1;
	if (doc == NULL || doc->type != JSON_OBJECT)
		return diag_err(d, "proof: the document is not an object");
	ctx = json_get(doc, "@context");
	if (ctx == NULL && s != DI_EDDSA_JCS_2022)
		return diag_err(d, "proof: the document has no @context");

	unsecured = json_new(&a, JSON_OBJECT);
	config = json_new(&a, JSON_OBJECT);
	if (s == DI_ED25519_SIGNATURE_2020) {
		/* jsonld-signatures: {"@context": doc's, ...proof}. */
		if (json_get(proof, "@context") == NULL)
			json_add_copy(&a, config, ctx, NULL);
		for (m = proof->child; m != NULL; m = m->next)
			if (!skipped(m, ed_skip))
				json_add_copy(&a, config, m, NULL);
		for (m = doc->child; m != NULL; m = m->next)
			if (!skipped(m, doc_skip))
				json_add_copy(&a, unsecured, m, NULL);
	} else {
		/* VC-DI-EDDSA: a proof @context must open the document's
		 * and then stands for it. */
		if ((pctx = json_get(proof, "@context")) != NULL) {
			if (ctx == NULL || !context_starts_with(ctx, pctx)) {
				diag_err(d, "proof: the document's @context "
				    "does not start with the proof's");
				goto out;
			}
			ctx = pctx;
		}
		if (ctx != NULL) {
			json_add_copy(&a, config, ctx, "@context");
			json_add_copy(&a, unsecured, ctx, "@context");
		}
		for (m = proof->child; m != NULL; m = m->next)
			if (!skipped(m, di_skip))
				json_add_copy(&a, config, m, NULL);
		for (m = doc->child; m != NULL; m = m->next)
			if (!skipped(m, doc_skip) &&
			    strcmp(m->key, "@context") != 0)
				json_add_copy(&a, unsecured, m, NULL);
	}
	if (add_previous(&a, unsecured, doc, proof, d) < 0)
		goto out;
	if (canon_hash(out, config, s, "proof options", d) < 0 ||
	    canon_hash(out + 32, unsecured, s, "document", d) < 0)
		goto out;
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int
di_verify(const struct json *doc, const struct json *proof,
    const unsigned char pub[32], struct diag *d)
{
	unsigned char hash[64], sig[64];
	const char *purpose, *pv, *vm;
	enum di_suite s;
	size_t n;
	int rc;

	if (sig_init("proof", d) < 0)
		return -1;
	if (di_suite_of(&s, proof, d) < 0)
		return -1;
	purpose = json_get_str(proof, "proofPurpose");
	if (purpose == NULL || strcmp(purpose, "assertionMethod") != 0)
		return diag_err(d, "proof: proofPurpose must be "
		    "assertionMethod, not \"%s\"", purpose != NULL ? purpose :
		    "(none)");
	vm = json_get_str(proof, "verificationMethod");
	if (vm == NULL || vm[0] == '\0')
		return diag_err(d, "proof: no verificationMethod");
	pv = json_get_str(proof, "proofValue");
	if (pv == NULL)
		return diag_err(d, "proof: no proofValue");
	if (pv[0] != 'z' || b58_decode(sig, &n, sizeof(sig), pv + 1) < 0 ||
	    n != 64)
		return diag_err(d, "proof: proofValue is not \"z\" + base58btc "
		    "of a 64-byte signature");
	if (di_hash_data(hash, doc, proof, d) < 0)
		return -1;
	if ((rc = sig_verify_ed25519(pub, hash, sizeof(hash), sig)) ==
	    KEY_EUNSUP) {
		diag_err(d, "proof: Ed25519 signatures cannot be checked here");
		return KEY_EUNSUP;
	}
	if (rc != 0)
		return diag_err(d, "proof: signature does not match");
	return 0;
}
