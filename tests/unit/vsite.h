/*
 * vsite.h - what the tests of verification share: the third-party
 * vectors of tests/data/vectors/ (see its README), a site repository
 * built in memory from them (a model, as build makes one), reports as
 * one line of verdicts, and credentials signed here with test keys.
 * Include after harness.h.  The functions are inline so that a test
 * that does not use one does not warn.
 */
#ifndef BADGEGEN_VSITE_H
#define BADGEGEN_VSITE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "fs.h"
#include "json.h"
#include "key.h"
#include "model.h"
#include "sign.h"
#include "verify.h"

#define VD	"tests/data/vectors/"
#define NOW	"2026-11-24T00:00:00Z"

#define DCPV20	"1edtech-dcpv/ob20/"
#define ASSETS	"1edtech-dcpv/ob20/assets/"
#define DCPV30	"1edtech-dcpv/ob30/"
#define DCCF	"dcc-vc-test-fixtures/"
#define DCCV	"dcc-vc-test-fixtures/verifiableCredentials/"
#define DCC_LISTS "dcc-vc-test-fixtures/statusLists/didkey-ed25519Signature2020/"

#define BASE_DCCF "https://digitalcredentials.github.io/vc-test-fixtures/"
#define BASE_DCCV "https://raw.githubusercontent.com/digitalcredentials/" \
	"verifier-core/refs/heads/main/src/test-fixtures/"
#define BASE_BSL "https://raw.githubusercontent.com/1EdTech/digital-" \
	"credentials-public-validator/refs/heads/main/inspector-vc/src/test/" \
	"resources/ob30/bit-string-list/"

static inline int64_t
now(void)
{
	int64_t t = 0;

	date_parse(&t, NULL, NOW);
	return t;
}

static inline int
slurp(struct buf *out, const char *path)
{
	struct diag quiet = DIAG_INIT;

	quiet.quiet = true;
	return fs_read_file(out, path, 0, false, &quiet) == 0 ? 0 : -1;
}

/* Sets top-level string member key of the JSON text to value. */
static inline int
edit_member(struct buf *text, const char *key, const char *value)
{
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	const struct json *v;
	struct json *j;
	size_t start, end;
	int rc = -1;

	d.quiet = true;
	if (json_parse(&j, &a, "edit", text->data, text->len, &d) < 0 ||
	    (v = json_get(j, key)) == NULL || v->type != JSON_STRING)
		goto out;
	start = v->offset;
	while (start < text->len && text->data[start] != '"')
		start++;
	for (end = start + 1; end < text->len && text->data[end] != '"';
	    end++)
		if (text->data[end] == '\\')
			end++;
	buf_put(&out, text->data, start);
	json_write_str(&out, value, strlen(value), 0);
	buf_put(&out, text->data + end + 1, text->len - end - 1);
	buf_reset(text);
	buf_put(text, out.data, out.len);
	rc = 0;
out:
	buf_release(&out);
	arena_release(&a);
	return rc;
}

/* Replaces the first occurrence of from in text by to. */
static inline int
replace(struct buf *text, const char *from, const char *to)
{
	struct buf out = BUF_INIT;
	const char *p = strstr(text->data, from);

	if (p == NULL)
		return -1;
	buf_put(&out, text->data, (size_t)(p - text->data));
	buf_puts(&out, to);
	buf_puts(&out, p + strlen(from));
	buf_reset(text);
	buf_put(text, out.data, out.len);
	buf_release(&out);
	return 0;
}

/* A site repository under construction, and the award under test. */
struct site {
	struct model	 m;
	struct diag	 d;
	struct buf	 log;
	bool		 linked;
};

static inline void
site_init(struct site *s, const char *base)
{
	struct diag d = DIAG_INIT;
	struct buf b = BUF_INIT;

	memset(s, 0, sizeof(*s));
	model_init(&s->m, base);
	s->d = d;
	s->log = b;
	s->d.quiet = true;
	s->d.capture = &s->log;
}

static inline void
site_release(struct site *s)
{
	model_release(&s->m);
	buf_release(&s->log);
}

static inline void
site_text(struct site *s, const char *file, const char *text, size_t len)
{
	if (model_add_file(&s->m, file, "0000000000000000000000000000000000"
	    "000000", text, len, &s->d) < 0)
		FAIL_AT("%s: %s", file, s->log.data);
}

/*
 * Adds a test data file to the site.  spec is "<data file>", stored as
 * content/docs/<its base name>; "static:<site path>=<data file>", stored
 * under content/static/; "doc:<name>=<data file>", stored as
 * content/docs/<name>; or any of them followed by " as <id>", which gives
 * the document that id (the 1EdTech validator fetches its assets by URL
 * and ignores their ids; the model indexes documents by id).
 */
static inline void
site_file(struct site *s, const char *spec)
{
	struct buf text = BUF_INIT, path = BUF_INIT, file = BUF_INIT;
	const char *as = strstr(spec, " as "), *eq, *slash;
	size_t n = as != NULL ? (size_t)(as - spec) : strlen(spec);

	if (strncmp(spec, "static:", 7) == 0) {
		eq = memchr(spec, '=', n);
		buf_printf(&file, "content/static/%.*s", (int)(eq - spec - 7),
		    spec + 7);
		buf_printf(&path, VD "%.*s", (int)(spec + n - eq - 1), eq + 1);
	} else if (strncmp(spec, "doc:", 4) == 0) {
		eq = memchr(spec, '=', n);
		buf_printf(&file, "content/docs/%.*s", (int)(eq - spec - 4),
		    spec + 4);
		buf_printf(&path, VD "%.*s", (int)(spec + n - eq - 1), eq + 1);
	} else {
		buf_printf(&path, VD "%.*s", (int)n, spec);
		slash = strrchr(path.data, '/');
		buf_printf(&file, "content/docs/%s", slash + 1);
	}
	if (slurp(&text, path.data) < 0)
		FAIL_AT("cannot read %s", path.data);
	else if (as != NULL && edit_member(&text, "id", as + 4) < 0)
		FAIL_AT("%s: no id to set", path.data);
	else
		site_text(s, file.data, text.data, text.len);
	buf_release(&text);
	buf_release(&path);
	buf_release(&file);
}

/* Links the model (once) and returns the award from content file file. */
static inline const struct award *
site_award(struct site *s, const char *file)
{
	size_t i;

	if (!s->linked) {
		model_link(&s->m, &s->d);
		s->linked = true;
	}
	for (i = 0; i < s->m.nawards; i++)
		if (strcmp(s->m.awards[i]->file, file) == 0)
			return s->m.awards[i];
	FAIL_AT("%s is not an award of the model: %s", file, s->log.data);
	return NULL;
}

/* "context:pass ... => valid authentic revoked expired not-yet-valid" */
static inline void
verdict(struct buf *out, const struct verify_report *r)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < r->nchecks; i++)
		buf_printf(out, "%s%s:%s", i ? " " : "", r->checks[i].name,
		    check_result_name(r->checks[i].result));
	buf_printf(out, " => %s %s", r->valid ? "valid" : "invalid",
	    r->authentic ? "authentic" : "not-authentic");
	if (r->revoked)
		BUF_PUTSL(out, " revoked");
	if (r->expired)
		BUF_PUTSL(out, " expired");
	if (r->not_yet_valid)
		BUF_PUTSL(out, " not-yet-valid");
}

static inline void
dump(const struct verify_report *r)
{
	size_t i;

	for (i = 0; i < r->nchecks; i++)
		fprintf(stderr, "    %s: %s: %s\n", r->checks[i].name,
		    check_result_name(r->checks[i].result),
		    r->checks[i].message);
}

/* The message of check name in r, or "". */
static inline const char *
message(const struct verify_report *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nchecks; i++)
		if (strcmp(r->checks[i].name, name) == 0)
			return r->checks[i].message;
	return "";
}

#define CONTAINS(hay, needle) do { \
	const char *h_ = (hay), *n_ = (needle); \
	if (strstr(h_, n_) == NULL) \
		FAIL_AT("\"%s\" does not contain \"%s\"", h_, n_); \
} while (0)

/* Verifies the award of content file `award' in site s. */
static inline int
verify_in(struct verify_report *r, struct site *s, const char *award)
{
	const struct award *aw = site_award(s, award);

	if (aw == NULL)
		return -1;
	if (verify_award(r, &s->m, aw, now()) < 0) {
		FAIL_AT("verify_award failed");
		return -1;
	}
	return 0;
}

/* Adds data file `data', with up to two top-level strings set, as file. */
static inline void
site_edit(struct site *s, const char *file, const char *data,
    const char *k1, const char *v1, const char *k2, const char *v2)
{
	struct buf text = BUF_INIT, path = BUF_INIT;

	buf_printf(&path, VD "%s", data);
	if (slurp(&text, path.data) < 0 ||
	    (k1 != NULL && edit_member(&text, k1, v1) < 0) ||
	    (k2 != NULL && edit_member(&text, k2, v2) < 0))
		FAIL_AT("cannot edit %s", data);
	else
		site_text(s, file, text.data, text.len);
	buf_release(&text);
	buf_release(&path);
}

static inline struct privkey *
ed_privkey(const unsigned char seed[32])
{
	static const unsigned char prefix[] = {
		0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b,
		0x65, 0x70, 0x04, 0x22, 0x04, 0x20
	};
	struct buf der = BUF_INIT, pem = BUF_INIT;
	struct privkey *k = NULL;

	buf_put(&der, prefix, sizeof(prefix));
	buf_put(&der, seed, 32);
	BUF_PUTSL(&pem, "-----BEGIN PRIVATE KEY-----\n");
	b64_encode(&pem, der.data, der.len);
	BUF_PUTSL(&pem, "\n-----END PRIVATE KEY-----\n");
	if (privkey_from_pem(&k, pem.data, pem.len, "seed", NULL) < 0)
		FAIL_AT("cannot build an Ed25519 key");
	buf_release(&der);
	buf_release(&pem);
	return k;
}

/* "did:key:z6Mk..." of the Ed25519 key with this seed, into out. */
static inline void
did_key_of(struct buf *out, const unsigned char seed[32])
{
	struct privkey *k = ed_privkey(seed);
	struct key *pub = NULL;

	buf_reset(out);
	BUF_PUTSL(out, "did:key:");
	if (k == NULL || privkey_public(&pub, k, NULL) < 0 ||
	    key_to_multikey(out, pub, NULL) < 0)
		FAIL_AT("no did:key");
	key_free(pub);
	privkey_free(k);
}

static const unsigned char seed_a[32] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const unsigned char seed_b[32] = { 9, 9, 9, 9, 9, 9, 9, 9 };

/*
 * Signs the credential given as JSON text (eddsa-rdfc-2022, the key with
 * seed, under verification method vm); appends the result to out.
 */
static inline void
sign_text(struct buf *out, const char *text, const char *vm,
    const unsigned char seed[32])
{
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	struct json *j;

	d.quiet = true;
	if (json_parse(&j, &a, "credential", text, strlen(text), &d) < 0 ||
	    di_sign(out, j, "eddsa-rdfc-2022", vm, "2024-01-01T00:00:00Z",
	    seed, &d) < 0)
		FAIL_AT("cannot sign the test credential");
	arena_release(&a);
}

/*
 * The JSON text of an OB 3.0 credential whose issuer is the JSON value
 * issuer (a string with its quotes, or an object), with an optional
 * status entry (JSON members, or ""); appended to out.
 */
static inline void
credential_text(struct buf *out, const char *issuer, const char *status)
{
	buf_printf(out, "{\"@context\": [\"https://www.w3.org/ns/"
	    "credentials/v2\", \"https://purl.imsglobal.org/spec/ob/v3p0/"
	    "context-3.0.3.json\"], "
	    "\"id\": \"urn:uuid:2f4e1a4c-5b0e-4d7a-9f55-0c3d6e0c9a11\", "
	    "\"type\": [\"VerifiableCredential\", \"OpenBadgeCredential\"], "
	    "\"issuer\": %s, "
	    "\"validFrom\": \"2024-01-01T00:00:00Z\", \"name\": \"Test\", "
	    "\"credentialSubject\": {\"id\": \"did:example:recipient\", "
	    "\"type\": [\"AchievementSubject\"], \"achievement\": {"
	    "\"id\": \"https://example.org/achievements/a\", "
	    "\"type\": [\"Achievement\"], \"name\": \"A\", "
	    "\"description\": \"D\", \"criteria\": {\"narrative\": \"N\"}}}"
	    "%s%s}", issuer, *status ? ", " : "", status);
}

/*
 * An OB 3.0 credential issued by issuer (an id, in a Profile object),
 * with an optional status entry (JSON members, or ""), signed
 * (eddsa-rdfc-2022) by the key with seed under verification method vm;
 * appended to out.
 */
static inline void
signed_credential(struct buf *out, const char *issuer, const char *status,
    const char *vm, const unsigned char seed[32])
{
	struct buf text = BUF_INIT, is = BUF_INIT;

	buf_printf(&is, "{\"id\": \"%s\", \"type\": [\"Profile\"], "
	    "\"name\": \"Test Issuer\"}", issuer);
	credential_text(&text, is.data, status);
	sign_text(out, text.data, vm, seed);
	buf_release(&text);
	buf_release(&is);
}

#endif
