/*
 * t_verify.c - award verification: the vectors of tests/data/vectors
 * (its README lists each file's source and expected verdict), each
 * verified in a model built as a site repository would hold it, the
 * attacks each check exists for (built here, so that removing a check
 * fails a test), and verify_recipient.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <zlib.h>

#include "b64.h"
#include "date.h"
#include "hash.h"
#include "jws.h"
#include "key.h"
#include "model.h"
#include "proof.h"
#include "sign.h"
#include "verify.h"
#include "harness.h"
#include "vsite.h"

/*
 * One vector: the award file, the site's base_url, the other documents
 * (site_file specs) and the expected verdict.
 */
struct vector {
	const char	*award;
	const char	*base;
	const char	*docs[12];
	const char	*expect;
	const char	*method;	/* expected report method, or NULL */
};

#define OB20_DOCS(badge, issuer) \
	ASSETS badge, ASSETS issuer

static const struct vector vectors[] = {
	/* Open Badges 2.0, signed (DCPV ob20, assets at https://example.org/) */
	{ DCPV20 "simple.jwt", "https://example.org/",
	    { OB20_DOCS("robotics-badge.json", "organization.json"),
	    ASSETS "key1.json" },
	    "context:pass recipient:pass signature:pass key:pass dates:pass "
	    "status:pass => valid authentic", "RS256" },
	{ DCPV20 "simple-not-revoked.jwt", "https://example.org/",
	    { OB20_DOCS("badge-from-organization-with-empty-revocation-list"
	    ".json", "organization-with-empty-revocation-list.json"),
	    ASSETS "key2.json", ASSETS "empty-revocation-list.json" },
	    "context:pass recipient:pass signature:pass key:pass dates:pass "
	    "status:pass => valid authentic", "RS256" },
	{ DCPV20 "simple-revoked.jwt", "https://example.org/",
	    { OB20_DOCS("badge-from-organization-with-revocation-list.json",
	    "organization-with-revocation-list.json"),
	    ASSETS "key3.json", ASSETS "revocation-list.json" },
	    "context:pass recipient:pass signature:pass key:pass dates:pass "
	    "status:fail => invalid authentic revoked", "RS256" },
	{ DCPV20 "simple-revoked.jwt", "https://example.org/",
	    { OB20_DOCS("badge-from-organization-with-revocation-list.json",
	    "organization-with-revocation-list.json"),
	    ASSETS "key3.json" },
	    "context:pass recipient:pass signature:pass key:pass dates:pass "
	    "status:unknown => invalid authentic", "RS256" },
	{ "derived/ob20-simple-jwt-payload-tampered.jwt", "https://example.org/",
	    { OB20_DOCS("robotics-badge.json", "organization.json"),
	    ASSETS "key1.json" },
	    "context:pass recipient:pass signature:fail key:pass dates:pass "
	    "status:pass => invalid not-authentic", NULL },
	{ DCPV20 "simple.jwt", "https://example.org/",
	    { OB20_DOCS("robotics-badge.json", "organization.json") },
	    "context:pass recipient:pass signature:unknown key:unknown "
	    "dates:pass status:pass => invalid not-authentic", NULL },
	/* Open Badges 2.0, hosted */
	{ DCPV20 "basic-assertion.json", "https://example.org/",
	    { OB20_DOCS("robotics-badge.json", "organization.json") },
	    "context:pass recipient:pass signature:pass dates:pass "
	    "status:pass => valid authentic", "hosted" },
	{ DCPV20 "basic-assertion.json", "https://badges.example.net/",
	    { OB20_DOCS("robotics-badge.json", "organization.json") },
	    "context:pass recipient:pass signature:fail dates:pass "
	    "status:pass => invalid not-authentic", NULL },
	{ DCPV20 "basic-assertion-no-public-key.json", "https://example.org/",
	    { OB20_DOCS("basic-badge-no-public-key.json",
	    "organization-no-public-key.json") },
	    "context:pass recipient:pass signature:pass dates:pass "
	    "status:pass => valid authentic", "hosted" },
	{ DCPV20 "basic-assertion-invalid-context.json", "https://example.org/",
	    { OB20_DOCS("robotics-badge.json", "organization.json") },
	    "context:fail recipient:pass signature:pass dates:pass "
	    "status:pass => invalid authentic", "hosted" },
	{ DCPV20 "basic-assertion-expired.json", "https://example.org/",
	    { OB20_DOCS("robotics-badge.json", "organization.json") },
	    "context:pass recipient:pass signature:pass dates:fail "
	    "status:pass => invalid authentic expired", "hosted" },
	{ DCPV20 "basic-assertion-in-future.json", "https://example.org/",
	    { OB20_DOCS("robotics-badge.json", "organization.json") },
	    "context:pass recipient:pass signature:pass dates:fail "
	    "status:pass => invalid authentic not-yet-valid", "hosted" },
	{ DCPV20 "basic-assertion-expired-before-issued.json",
	    "https://example.org/",
	    { OB20_DOCS("robotics-badge.json", "organization.json") },
	    "context:pass recipient:pass signature:pass dates:fail "
	    "status:pass => invalid authentic expired", "hosted" },
	{ DCPV20 "basic-assertion-with-allowed-origins.json",
	    "https://example.org/",
	    { ASSETS "badgeclass-with-verification.json as "
	    "https://example.org/badgeclass-with-verification.json",
	    ASSETS "issuer-with-allowed-origins.json as "
	    "http://example.org/issuer-with-allowed-origins.json" },
	    "context:pass recipient:pass signature:pass dates:pass "
	    "status:pass => valid authentic", "hosted" },
	{ DCPV20 "basic-assertion-with-allowed-origins-valid-starts-with.json",
	    "https://example.org/",
	    { ASSETS "badgeclass-with-verification-valid-starts-with.json as "
	    "https://example.org/badgeclass-with-verification-valid-starts-"
	    "with.json",
	    ASSETS "issuer-with-allowed-origins-valid-starts-with.json as "
	    "http://example.org/issuer-with-allowed-origins-valid-starts-"
	    "with.json" },
	    "context:pass recipient:pass signature:pass dates:pass "
	    "status:pass => valid authentic", "hosted" },
	{ DCPV20 "basic-assertion-with-allowed-origins-valid-multiple-starts-"
	    "with.json", "https://example.org/",
	    { ASSETS "badgeclass-with-verification-valid-multiple-starts-with"
	    ".json as https://example.org/badgeclass-with-verification-valid-"
	    "multiple-starts-with.json",
	    ASSETS "issuer-with-allowed-origins-valid-multiple-starts-with.json"
	    " as http://example.org/issuer-with-allowed-origins-valid-multiple"
	    "-starts-with.json" },
	    "context:pass recipient:pass signature:pass dates:pass "
	    "status:pass => valid authentic", "hosted" },
	{ DCPV20 "basic-assertion-with-allowed-origins-invalid-starts-with.json",
	    "https://example.org/",
	    { ASSETS "badgeclass-with-verification-invalid-starts-with.json as "
	    "https://example.org/badgeclass-with-verification-invalid-starts-"
	    "with.json",
	    ASSETS "issuer-with-allowed-origins-invalid-starts-with.json as "
	    "http://example.org/issuer-with-allowed-origins-invalid-starts-"
	    "with.json" },
	    "context:pass recipient:pass signature:fail dates:pass "
	    "status:pass => invalid not-authentic", NULL },
	{ DCPV20 "basic-assertion-with-allowed-origins-invalid-multiple-starts-"
	    "with.json", "https://example.org/",
	    { ASSETS "badgeclass-with-verification-invalid-multiple-starts-with"
	    ".json as https://example.org/badgeclass-with-verification-invalid"
	    "-multiple-starts-with.json",
	    ASSETS "issuer-with-allowed-origins-invalid-multiple-starts-with"
	    ".json as http://example.org/issuer-with-allowed-origins-invalid-"
	    "multiple-starts-with.json" },
	    "context:pass recipient:pass signature:fail dates:pass "
	    "status:pass => invalid not-authentic", NULL },

	/* Open Badges 3.0, embedded proofs, 1EdTech (keys named by URL) */
	{ "1edtech-spec/ob3-ldp-test-vector/credential-signed.json",
	    "https://example.edu/", { NULL },
	    "context:pass recipient:pass signature:unknown key:unknown "
	    "dates:pass status:pass => invalid not-authentic", NULL },
	{ "1edtech-spec/ob3-ldp-test-vector/credential-signed.json",
	    "https://example.edu/", { "made/example-edu-issuer.json" },
	    "context:pass recipient:pass signature:pass key:pass dates:pass "
	    "status:pass => valid authentic", "eddsa-rdfc-2022" },
	{ "derived/ob30-eddsa-rdfc-2022-spec-vector-name-tampered.json",
	    "https://example.edu/", { "made/example-edu-issuer.json" },
	    "context:pass recipient:pass signature:fail key:pass dates:pass "
	    "status:pass => invalid not-authentic", NULL },
	{ "derived/ob30-eddsa-rdfc-2022-spec-vector-wrong-key.json",
	    "https://example.edu/", { NULL },
	    "context:pass recipient:pass signature:fail key:pass dates:pass "
	    "status:pass => invalid not-authentic", NULL },
	{ DCPV30 "simple.json", "https://example.com/", { NULL },
	    "context:pass recipient:pass signature:unknown key:unknown "
	    "dates:pass status:pass => invalid not-authentic", NULL },
	{ DCPV30 "simple.json", "https://example.com/",
	    { "made/example-com-issuer.json" },
	    "context:pass recipient:pass signature:pass key:pass dates:pass "
	    "status:pass => valid authentic", "eddsa-rdfc-2022" },
	{ DCPV30 "simple-multiple-proofs.json", "https://example.com/",
	    { "made/example-com-issuer.json" },
	    "context:pass recipient:pass signature:warn key:pass dates:pass "
	    "status:pass => valid authentic", "eddsa-rdfc-2022" },
	{ DCPV30 "simple_v1.json", "https://example.com/",
	    { "made/example-com-issuer.json" },
	    "context:warn recipient:pass signature:pass key:pass dates:pass "
	    "status:pass => valid authentic", "Ed25519Signature2020" },
	{ DCPV30 "simple-context-version.json", "https://example.com/",
	    { "made/example-com-issuer.json" },
	    "context:warn recipient:pass signature:pass key:pass dates:pass "
	    "status:pass => valid authentic", "eddsa-rdfc-2022" },
	{ DCPV30 "simple-did-key-method.json", "https://example.com/", { NULL },
	    "context:pass recipient:pass signature:pass key:fail dates:pass "
	    "status:pass => invalid not-authentic", "eddsa-rdfc-2022" },
	{ DCPV30 "simple-err-proof-value.json", "https://example.com/",
	    { "made/example-com-issuer.json" },
	    "context:pass recipient:pass signature:fail key:pass dates:pass "
	    "status:pass => invalid not-authentic", NULL },
	{ DCPV30 "simple-err-proof-method-no-scheme.json",
	    "https://example.com/", { "made/example-com-issuer.json" },
	    "context:pass recipient:pass signature:fail key:fail dates:pass "
	    "status:pass => invalid not-authentic", NULL },
	{ DCPV30 "simple-err-proof-method-unknown-did-method.json",
	    "https://example.com/", { "made/example-com-issuer.json" },
	    "context:pass recipient:pass signature:unknown key:unknown "
	    "dates:pass status:pass => invalid not-authentic", NULL },
	{ DCPV30 "simple-err-expired.json", "https://example.com/",
	    { "made/example-com-issuer.json" },
	    "context:pass recipient:pass signature:pass key:pass dates:fail "
	    "status:pass => invalid authentic expired", "eddsa-rdfc-2022" },
	{ DCPV30 "bit-string-list/credential-status-revoked.json", BASE_BSL,
	    { "made/1edtech-edu-issuer.json",
	    "static:testlist=" DCPV30 "bit-string-list/testlist" },
	    "context:pass recipient:pass signature:pass key:pass dates:pass "
	    "status:fail => invalid authentic revoked", "eddsa-rdfc-2022" },
	{ DCPV30 "bit-string-list/credential-status-revoked.json", BASE_BSL,
	    { "made/1edtech-edu-issuer.json" },
	    "context:pass recipient:pass signature:pass key:pass dates:pass "
	    "status:unknown => invalid authentic", "eddsa-rdfc-2022" },
	{ DCPV30 "credential-status-revoked.json", "https://example.com/",
	    { "made/1edtech-revocation-list.json" },
	    "context:warn recipient:pass signature:unknown key:unknown "
	    "dates:pass status:fail => invalid not-authentic revoked", NULL },

	/* Open Badges 3.0, VC-JWT (1EdTech, key in the header jwk) */
	{ "derived/extracted-from-1edtech-ob30-simple-jwt.png.jws",
	    "https://1edtech.edu/",
	    { "static:.well-known/jwks.json=made/1edtech-edu-jwks.json" },
	    "context:pass recipient:pass signature:pass key:pass claims:warn "
	    "dates:pass status:pass => valid authentic", "RS256" },
	{ "derived/extracted-from-1edtech-ob30-simple-jwt.png.jws",
	    "https://1edtech.edu/", { NULL },
	    "context:pass recipient:pass signature:pass key:unknown "
	    "claims:warn dates:pass status:pass => invalid not-authentic",
	    "RS256" },
	{ "derived/extracted-from-1edtech-ob30-simple-jwt.png.jws",
	    "https://1edtech.edu/",
	    { "static:.well-known/jwks.json=made/1edtech-edu-jwks-other.json" },
	    "context:pass recipient:pass signature:pass key:fail "
	    "claims:warn dates:pass status:pass => invalid not-authentic",
	    "RS256" },
	{ "derived/extracted-from-1edtech-ob30-simple-jwt_v1.png.jws",
	    "https://example.edu/",
	    { "static:.well-known/jwks.json=made/example-edu-jwks.json" },
	    "context:warn recipient:pass signature:pass key:pass claims:warn "
	    "dates:pass status:pass => valid authentic", "RS256" },
	{ "derived/ob30-vcjwt-payload-tampered.jws", "https://1edtech.edu/",
	    { "static:.well-known/jwks.json=made/1edtech-edu-jwks.json" },
	    "context:pass recipient:pass signature:fail key:pass claims:warn "
	    "dates:pass status:pass => invalid not-authentic", NULL },

	/* Open Badges 3.0, DCC (did:key and did:web issuers) */
	{ DCCV "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-"
	    "basicOBv3.json", BASE_DCCF, { NULL },
	    "context:pass recipient:pass signature:pass key:pass dates:pass "
	    "status:pass => valid authentic", "eddsa-rdfc-2022" },
	{ DCCV "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-"
	    "OBSpecExample.json", BASE_DCCF, { NULL },
	    "context:pass recipient:pass signature:pass key:pass dates:pass "
	    "status:pass => valid authentic", "eddsa-rdfc-2022" },
	{ DCCV "v2/ed25519/didKey/legacy-noStatus-noExpiry.json", BASE_DCCF,
	    { NULL },
	    "context:pass recipient:pass signature:pass key:pass dates:pass "
	    "status:pass => valid authentic", "Ed25519Signature2020" },
	{ DCCV "v2/ed25519/didKey/legacy-noStatus-noExpiry-tampered.json",
	    BASE_DCCF, { NULL },
	    "context:pass recipient:pass signature:fail key:pass dates:pass "
	    "status:pass => invalid not-authentic", NULL },
	{ DCCV "v2/ed25519/didKey/legacy-noStatus-expired.json", BASE_DCCF,
	    { NULL },
	    "context:pass recipient:pass signature:pass key:pass dates:fail "
	    "status:pass => invalid authentic expired",
	    "Ed25519Signature2020" },
	{ DCCV "v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-"
	    "notYetValid.json", BASE_DCCF, { NULL },
	    "context:pass recipient:warn signature:pass key:pass dates:fail "
	    "status:pass => invalid authentic not-yet-valid",
	    "eddsa-rdfc-2022" },
	{ DCCV "v2/dataIntegrityProof/didKey/noRegsitry-revokedStatus-"
	    "notExpired.json", BASE_DCCV,
	    { "static:status/e5WK8CbZ1GjycuPombrj=dcc-verifier-core/status/"
	    "e5WK8CbZ1GjycuPombrj" },
	    "context:pass recipient:warn signature:pass key:pass dates:pass "
	    "status:fail => invalid authentic revoked", "eddsa-rdfc-2022" },
	{ DCCV "v2/ed25519/didKey/noRegistry-revokedStatus-notExpired.json",
	    BASE_DCCV,
	    { "static:status/e5WK8CbZ1GjycuPombrj=dcc-verifier-core/status/"
	    "e5WK8CbZ1GjycuPombrj" },
	    "context:pass recipient:warn signature:pass key:pass dates:pass "
	    "status:fail => invalid authentic revoked",
	    "Ed25519Signature2020" },
	{ "dcc-verifier-core/verifiableCredentials/v2/v2Revoked.json",
	    BASE_DCCV,
	    { "static:status/e5WK8CbZ1GjycuPombrj=dcc-verifier-core/status/"
	    "e5WK8CbZ1GjycuPombrj" },
	    "context:pass recipient:warn signature:pass key:pass dates:pass "
	    "status:fail => invalid authentic revoked",
	    "Ed25519Signature2020" },
	{ "dcc-verifier-core/verifiableCredentials/v2/v2WithValidStatus.json",
	    BASE_DCCV,
	    { "static:status/e5WK8CbZ1GjycuPombrj=dcc-verifier-core/status/"
	    "e5WK8CbZ1GjycuPombrj" },
	    "context:pass recipient:warn signature:pass key:pass dates:pass "
	    "status:warn => valid authentic", "Ed25519Signature2020" },
	{ "dcc-verifier-core/verifiableCredentials/v2/v2OBv3SpecExample.json",
	    BASE_DCCV, { NULL },
	    "context:pass recipient:pass signature:pass key:pass dates:pass "
	    "status:pass => valid authentic", "eddsa-rdfc-2022" },
	{ "dcc-verifier-core/derived-per-upstream-test-recipe/v2Tampered.json",
	    BASE_DCCV, { NULL },
	    "context:pass recipient:pass signature:fail key:pass dates:pass "
	    "status:pass => invalid not-authentic", NULL },
	{ DCCV "v1/dataIntegrityProof/didKey/mixedRegistry-validStatus-"
	    "noExpiry.json", BASE_DCCF,
	    { "static:statusLists/didkey-ed25519Signature2020/"
	    "e5WK8CbZ1GjycuPombrj=" DCC_LISTS "e5WK8CbZ1GjycuPombrj" },
	    "context:warn recipient:warn signature:pass key:pass dates:pass "
	    "status:warn => valid authentic", "eddsa-rdfc-2022" },
	{ DCCV "v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry.json",
	    BASE_DCCF, { NULL },
	    "context:warn recipient:warn signature:pass key:pass dates:pass "
	    "status:pass => valid authentic", "eddsa-rdfc-2022" },
	{ DCCV "v2/dataIntegrityProof/didweb/oidf-noStatus-notExpired.json",
	    BASE_DCCF, { "static:dids/oidf/did.json=" DCCF "dids/oidf/did.json" },
	    "context:pass recipient:warn signature:pass key:warn dates:pass "
	    "status:pass => valid authentic", "eddsa-rdfc-2022" },
	{ DCCV "v2/dataIntegrityProof/didweb/oidf-noStatus-notExpired.json",
	    BASE_DCCF, { NULL },
	    "context:pass recipient:warn signature:unknown key:unknown "
	    "dates:pass status:pass => invalid not-authentic", NULL },
	{ DCCV "v1/ed25519/didWeb/legacy-validStatus-noExpiry.json", BASE_DCCF,
	    { "static:dids/legacy/did.json=" DCCF "dids/legacy/did.json",
	    "static:statusLists/didkey-ed25519Signature2020/"
	    "e5WK8CbZ1GjycuPombrj=" DCC_LISTS "e5WK8CbZ1GjycuPombrj" },
	    "context:warn recipient:warn signature:pass key:pass dates:pass "
	    "status:warn => valid authentic", "Ed25519Signature2020" },
	{ DCCV "v1/ed25519/didWeb/legacy-revokedStatus-noExpiry.json",
	    BASE_DCCF,
	    { "static:dids/legacy/did.json=" DCCF "dids/legacy/did.json",
	    "static:statusLists/didkey-ed25519Signature2020/"
	    "e5WK8CbZ1GjycuPombrj=" DCC_LISTS "e5WK8CbZ1GjycuPombrj" },
	    "context:warn recipient:warn signature:pass key:pass dates:pass "
	    "status:fail => invalid authentic revoked",
	    "Ed25519Signature2020" },
	/* did:web not under base_url: the DID document pinned by its id */
	{ DCCV "v2/bothSignatureTypes/didweb/legacy-revokedStatus-noExpiry.json",
	    BASE_DCCV,
	    { DCCF "dids/legacy/did.json",
	    "static:status/e5WK8CbZ1GjycuPombrj=dcc-verifier-core/status/"
	    "e5WK8CbZ1GjycuPombrj" },
	    "context:pass recipient:warn signature:pass key:pass dates:pass "
	    "status:fail => invalid authentic revoked", "eddsa-rdfc-2022" },
	{ DCCV "v2/ed25519/didWeb/badDidWeb.json", BASE_DCCF, { NULL },
	    "context:pass recipient:warn signature:unknown key:unknown "
	    "dates:pass status:pass => invalid not-authentic", NULL },
};

/* Verifies vector x; returns its verdict in out. */
static void
run_vector(const struct vector *x, struct buf *out)
{
	struct verify_report r;
	struct buf file = BUF_INIT, text = BUF_INIT;
	const struct award *aw;
	struct site s;
	size_t i;

	buf_reset(out);
	site_init(&s, x->base);
	for (i = 0; i < sizeof(x->docs) / sizeof(x->docs[0]) &&
	    x->docs[i] != NULL; i++)
		site_file(&s, x->docs[i]);
	buf_printf(&file, "content/awards/%s", strrchr(x->award, '/') + 1);
	buf_printf(out, VD "%s", x->award);
	if (slurp(&text, out->data) < 0)
		FAIL_AT("cannot read %s", out->data);
	else
		site_text(&s, file.data, text.data, text.len);
	buf_reset(out);
	if ((aw = site_award(&s, file.data)) != NULL) {
		if (verify_award(&r, &s.m, aw, now()) < 0)
			FAIL_AT("%s: verify_award failed", x->award);
		verdict(out, &r);
		/* DUMP=1 in the environment prints every report. */
		if (strcmp(out->data, x->expect) != 0 || getenv("DUMP")) {
			fprintf(stderr, "== %s\n", x->award);
			dump(&r);
		}
		if (x->method != NULL && (r.method == NULL ||
		    strcmp(r.method, x->method) != 0))
			FAIL_AT("%s: method %s, expected %s", x->award,
			    r.method ? r.method : "(null)", x->method);
		if (x->method == NULL && r.authentic && r.method == NULL)
			FAIL_AT("%s: authentic without a method", x->award);
		verify_report_release(&r);
	}
	buf_release(&file);
	buf_release(&text);
	site_release(&s);
}

static void
test_verify__vectors(void)
{
	struct buf got = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		run_vector(&vectors[i], &got);
		if (strcmp(got.data, vectors[i].expect) != 0)
			FAIL_AT("%s (base %s):\n      got      %s\n      "
			    "expected %s", vectors[i].award, vectors[i].base,
			    got.data, vectors[i].expect);
	}
	buf_release(&got);
}

/* OB 2.0: the creator key is not listed by the issuer. */
static void
test_verify__ob2_key_not_listed(void)
{
	struct verify_report r;
	struct site s;

	site_init(&s, "https://example.org/");
	site_file(&s, ASSETS "robotics-badge.json");
	site_edit(&s, "content/docs/organization.json", ASSETS
	    "organization.json", "publicKey", "http://example.org/key2.json",
	    NULL, NULL);
	site_file(&s, ASSETS "key1.json");
	site_file(&s, DCPV20 "simple.jwt");
	if (verify_in(&r, &s, "content/docs/simple.jwt") == 0) {
		INT_EQ(r.checks[2].result, CHECK_PASS);	/* signature */
		STR_EQ(r.checks[3].name, "key");
		INT_EQ(r.checks[3].result, CHECK_FAIL);
		CONTAINS(r.checks[3].message, "other than those authorized");
		OK(!r.authentic && !r.valid);
		verify_report_release(&r);
	}
	site_release(&s);
}

/* OB 2.0: the creator key is owned by another issuer. */
static void
test_verify__ob2_key_owned_by_another(void)
{
	struct verify_report r;
	struct site s;

	site_init(&s, "https://example.org/");
	site_file(&s, ASSETS "robotics-badge.json");
	site_file(&s, ASSETS "organization.json");
	site_edit(&s, "content/docs/key1.json", ASSETS "key1.json", "owner",
	    "https://example.org/organization-with-revocation-list.json",
	    NULL, NULL);
	site_file(&s, DCPV20 "simple.jwt");
	if (verify_in(&r, &s, "content/docs/simple.jwt") == 0) {
		INT_EQ(r.checks[2].result, CHECK_PASS);
		INT_EQ(r.checks[3].result, CHECK_FAIL);
		CONTAINS(r.checks[3].message, "is owned by "
		    "https://example.org/organization-with-revocation-list.json");
		OK(!r.authentic && !r.valid);
		verify_report_release(&r);
	}
	site_release(&s);
}

/* OB 2.0 hosted: a plaintext e-mail address fails the recipient check. */
static void
test_verify__ob2_plaintext_email(void)
{
	static const char assertion[] =
	    "{\"@context\": \"https://w3id.org/openbadges/v2\", "
	    "\"type\": \"Assertion\", "
	    "\"id\": \"https://example.org/beths-robotics-badge.json\", "
	    "\"recipient\": {\"type\": \"email\", \"hashed\": false, "
	    "\"identity\": \"nobody@example.org\"}, "
	    "\"issuedOn\": \"2016-12-31T23:59:59Z\", "
	    "\"badge\": \"https://example.org/robotics-badge.json\", "
	    "\"verification\": {\"type\": \"hosted\"}}";
	struct verify_report r;
	struct site s;

	site_init(&s, "https://example.org/");
	site_file(&s, ASSETS "robotics-badge.json");
	site_file(&s, ASSETS "organization.json");
	site_text(&s, "content/awards/a.json", assertion, strlen(assertion));
	if (verify_in(&r, &s, "content/awards/a.json") == 0) {
		STR_EQ(r.checks[1].name, "recipient");
		INT_EQ(r.checks[1].result, CHECK_FAIL);
		STR_EQ(r.checks[1].message, "the recipient's address is not "
		    "hashed and would be published");
		OK(r.authentic && !r.valid);
		verify_report_release(&r);
	}
	site_release(&s);
}

/* An Ed25519 signing key from a 32-byte seed (PKCS#8 built here). */
/* A credential signed by did:key A naming another issuer. */
static void
test_verify__did_key_not_the_issuer(void)
{
	struct buf cred = BUF_INIT, did = BUF_INIT, vm = BUF_INIT;
	struct verify_report r;
	struct site s;

	did_key_of(&did, seed_a);
	buf_printf(&vm, "%s#%s", did.data, did.data + 8);
	/* Issuer: an https id. */
	signed_credential(&cred, "https://example.org/issuers/1", "",
	    vm.data, seed_a);
	site_init(&s, "https://example.org/");
	site_text(&s, "content/awards/a.json", cred.data, cred.len);
	if (verify_in(&r, &s, "content/awards/a.json") == 0) {
		INT_EQ(r.checks[2].result, CHECK_PASS);
		INT_EQ(r.checks[3].result, CHECK_FAIL);
		CONTAINS(r.checks[3].message, "signed by did:key:z6Mk");
		CONTAINS(r.checks[3].message, "which is not the issuer");
		OK(!r.authentic);
		verify_report_release(&r);
	}
	site_release(&s);
	/* Issuer: another did:key. */
	did_key_of(&did, seed_b);
	buf_reset(&cred);
	signed_credential(&cred, did.data, "", vm.data, seed_a);
	site_init(&s, "https://example.org/");
	site_text(&s, "content/awards/a.json", cred.data, cred.len);
	if (verify_in(&r, &s, "content/awards/a.json") == 0) {
		INT_EQ(r.checks[2].result, CHECK_PASS);
		INT_EQ(r.checks[3].result, CHECK_FAIL);
		OK(!r.authentic);
		verify_report_release(&r);
	}
	site_release(&s);
	/* The control: issuer = signer. */
	did_key_of(&did, seed_a);
	buf_reset(&cred);
	signed_credential(&cred, did.data, "", vm.data, seed_a);
	site_init(&s, "https://example.org/");
	site_text(&s, "content/awards/a.json", cred.data, cred.len);
	if (verify_in(&r, &s, "content/awards/a.json") == 0) {
		OK(r.authentic && r.valid);
		verify_report_release(&r);
	}
	site_release(&s);
	buf_release(&cred);
	buf_release(&did);
	buf_release(&vm);
}

/* The proof's verificationMethod swapped to another did:key. */
static void
test_verify__method_swapped(void)
{
	struct buf text = BUF_INIT, did = BUF_INIT, vm = BUF_INIT;
	struct verify_report r;
	struct site s;

	if (slurp(&text, VD DCCV "v2/ed25519/didKey/legacy-noStatus-noExpiry"
	    ".json") < 0)
		FAIL_AT("cannot read");
	did_key_of(&did, seed_b);
	buf_printf(&vm, "%s#%s", did.data, did.data + 8);
	/* Both the proof's method and the issuer now name key B. */
	while (replace(&text, "did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQ"
	    "TGWVVvR5Q#z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q",
	    vm.data) == 0)
		continue;
	while (replace(&text, "did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQ"
	    "TGWVVvR5Q", did.data) == 0)
		continue;
	site_init(&s, BASE_DCCF);
	site_text(&s, "content/awards/a.json", text.data, text.len);
	if (verify_in(&r, &s, "content/awards/a.json") == 0) {
		INT_EQ(r.checks[2].result, CHECK_FAIL);
		CONTAINS(r.checks[2].message, "signature does not match");
		INT_EQ(r.checks[3].result, CHECK_PASS);
		OK(!r.authentic && !r.valid);
		verify_report_release(&r);
	}
	site_release(&s);
	buf_release(&text);
	buf_release(&did);
	buf_release(&vm);
}

/*
 * A method "https://issuer#z6Mk..." whose controller document is not in
 * the repository is unknown, even though the signature would verify with
 * the key spelt in the fragment.
 */
static void
test_verify__fragment_key_never_trusted(void)
{
	struct buf cred = BUF_INIT, did = BUF_INIT, vm = BUF_INIT;
	struct verify_report r;
	struct site s;

	did_key_of(&did, seed_a);
	buf_printf(&vm, "https://example.org/issuers/1#%s", did.data + 8);
	signed_credential(&cred, "https://example.org/issuers/1", "",
	    vm.data, seed_a);
	site_init(&s, "https://example.org/");
	site_text(&s, "content/awards/a.json", cred.data, cred.len);
	if (verify_in(&r, &s, "content/awards/a.json") == 0) {
		INT_EQ(r.checks[2].result, CHECK_UNKNOWN);
		CONTAINS(r.checks[2].message, "is not in the repository");
		INT_EQ(r.checks[3].result, CHECK_UNKNOWN);
		OK(!r.authentic && !r.valid);
		OK(r.method == NULL);
		verify_report_release(&r);
	}
	site_release(&s);
	/* An issuer profile that does not list the key: fail. */
	site_init(&s, "https://example.org/");
	site_file(&s, "made/example-edu-issuer.json as "
	    "https://example.org/issuers/1");
	site_text(&s, "content/awards/a.json", cred.data, cred.len);
	if (verify_in(&r, &s, "content/awards/a.json") == 0) {
		INT_EQ(r.checks[2].result, CHECK_FAIL);
		CONTAINS(r.checks[2].message, "does not list the verification "
		    "method");
		OK(!r.authentic);
		verify_report_release(&r);
	}
	site_release(&s);
	/*
	 * The award's own issuer object listing the key is no controller
	 * document: an award cannot vouch for itself.  (Were it used, the
	 * key would be found and the changed credential would fail.)
	 */
	{
		struct buf am = BUF_INIT;

		buf_printf(&am, "\"name\": \"Test Issuer\", "
		    "\"assertionMethod\": [{\"id\": \"%s\", \"type\": "
		    "\"Multikey\", \"controller\": \"https://example.org/"
		    "issuers/1\", \"publicKeyMultibase\": \"%s\"}]",
		    vm.data, did.data + 8);
		if (replace(&cred, "\"name\": \"Test Issuer\"", am.data) < 0)
			FAIL_AT("no issuer name");
		buf_release(&am);
	}
	/* A base_url that does not hold the issuer: resolved by id. */
	site_init(&s, "https://badges.example.net/");
	site_text(&s, "content/awards/a.json", cred.data, cred.len);
	if (verify_in(&r, &s, "content/awards/a.json") == 0) {
		INT_EQ(r.checks[2].result, CHECK_UNKNOWN);
		INT_EQ(r.checks[3].result, CHECK_UNKNOWN);
		verify_report_release(&r);
	}
	site_release(&s);
	buf_release(&cred);
	buf_release(&did);
	buf_release(&vm);
}

/* A JWS signed by the key with seed, header as given, payload as given. */
static void
sign_jws(struct buf *out, const char *header, const char *payload,
    const unsigned char seed[32])
{
	struct privkey *k = ed_privkey(seed);

	buf_reset(out);
	if (k == NULL || jws_sign(out, header, payload, strlen(payload), k,
	    NULL) < 0)
		FAIL_AT("cannot sign a JWS");
	privkey_free(k);
}

/* The VC-JWT payload of a test credential issued by issuer. */
static void
jwt_payload(struct buf *out, const char *issuer, const char *claims)
{
	buf_reset(out);
	buf_printf(out, "{\"@context\": [\"https://www.w3.org/ns/"
	    "credentials/v2\", \"https://purl.imsglobal.org/spec/ob/v3p0/"
	    "context-3.0.3.json\"], \"id\": \"urn:uuid:1\", "
	    "\"type\": [\"VerifiableCredential\", \"OpenBadgeCredential\"], "
	    "\"issuer\": {\"id\": \"%s\", \"type\": [\"Profile\"], "
	    "\"name\": \"Test Issuer\"}, "
	    "\"validFrom\": \"2024-01-01T00:00:00Z\", \"name\": \"Test\", "
	    "\"credentialSubject\": {\"id\": \"did:example:recipient\", "
	    "\"type\": [\"AchievementSubject\"], \"achievement\": {"
	    "\"id\": \"https://example.org/achievements/a\", "
	    "\"type\": [\"Achievement\"], \"name\": \"A\", "
	    "\"description\": \"D\", \"criteria\": {\"narrative\": \"N\"}}}, "
	    "\"iss\": \"%s\", \"jti\": \"urn:uuid:1\", \"nbf\": 1704067200, "
	    "\"sub\": \"did:example:recipient\"%s}", issuer, issuer, claims);
}

/* Verifies a VC-JWT in a site at https://example.org/. */
static int
verify_jwt(struct verify_report *r, const char *jws, const char *extra)
{
	struct site s;
	int rc;

	site_init(&s, "https://example.org/");
	if (extra != NULL)
		site_file(&s, extra);
	site_text(&s, "content/awards/a.jws", jws, strlen(jws));
	rc = verify_in(r, &s, "content/awards/a.jws");
	site_release(&s);
	return rc;
}

static void
test_verify__jwt_kid_did_key(void)
{
	struct buf did = BUF_INIT, hdr = BUF_INIT, pl = BUF_INIT;
	struct buf jws = BUF_INIT;
	struct verify_report r;

	did_key_of(&did, seed_a);
	buf_printf(&hdr, "{\"alg\":\"EdDSA\",\"typ\":\"JWT\",\"kid\":\"%s#%s\"}",
	    did.data, did.data + 8);
	jwt_payload(&pl, did.data, "");
	sign_jws(&jws, hdr.data, pl.data, seed_a);
	if (verify_jwt(&r, jws.data, NULL) == 0) {
		OK(r.valid && r.authentic);
		STR_EQ(r.method, "EdDSA");
		STR_EQ(r.checks[4].name, "claims");
		INT_EQ(r.checks[4].result, CHECK_PASS);
		if (!r.valid)
			dump(&r);
		verify_report_release(&r);
	}
	/* Another issuer: the kid's key is not bound to it. */
	jwt_payload(&pl, "https://example.org/issuers/1", "");
	sign_jws(&jws, hdr.data, pl.data, seed_a);
	if (verify_jwt(&r, jws.data, NULL) == 0) {
		INT_EQ(r.checks[2].result, CHECK_PASS);
		INT_EQ(r.checks[3].result, CHECK_FAIL);
		OK(!r.authentic);
		verify_report_release(&r);
	}
	/* A header jwk that is not the key the kid names. */
	{
		struct privkey *kb = ed_privkey(seed_b);
		struct buf h2 = BUF_INIT, xb = BUF_INIT;

		b64url_encode(&xb, kb->ed25519 + 32, 32);
		buf_printf(&h2, "{\"alg\":\"EdDSA\",\"kid\":\"%s\",\"jwk\":"
		    "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"%s\"}}",
		    did.data, xb.data);
		jwt_payload(&pl, did.data, "");
		sign_jws(&jws, h2.data, pl.data, seed_a);
		if (verify_jwt(&r, jws.data, NULL) == 0) {
			INT_EQ(r.checks[2].result, CHECK_FAIL);
			CONTAINS(r.checks[2].message, "the header jwk is not "
			    "the key");
			verify_report_release(&r);
		}
		privkey_free(kb);
		buf_release(&h2);
		buf_release(&xb);
	}
	/* Claims that disagree with the credential. */
	jwt_payload(&pl, did.data, ", \"exp\": 1900000000");
	replace(&pl, "\"nbf\": 1704067200", "\"nbf\": 1704067201");
	replace(&pl, "\"iss\": \"did:", "\"iss\": \"xdid:");
	sign_jws(&jws, hdr.data, pl.data, seed_a);
	if (verify_jwt(&r, jws.data, NULL) == 0) {
		INT_EQ(r.checks[4].result, CHECK_FAIL);
		CONTAINS(r.checks[4].message, "iss xdid:key:");
		CONTAINS(r.checks[4].message, "nbf 2024-01-01T00:00:01Z is not "
		    "validFrom");
		CONTAINS(r.checks[4].message, "exp 2030-03-17T17:46:40Z but no "
		    "validUntil");
		OK(r.authentic && !r.valid);
		verify_report_release(&r);
	}
	buf_release(&did);
	buf_release(&hdr);
	buf_release(&pl);
	buf_release(&jws);
}

/* "Additional JOSE Headers are NOT allowed". */
static void
test_verify__jwt_extra_header(void)
{
	struct buf did = BUF_INIT, hdr = BUF_INIT, pl = BUF_INIT;
	struct buf jws = BUF_INIT;
	struct verify_report r;

	did_key_of(&did, seed_a);
	buf_printf(&hdr, "{\"alg\":\"EdDSA\",\"kid\":\"%s\",\"x5u\":"
	    "\"https://example.org/cert.pem\"}", did.data);
	jwt_payload(&pl, did.data, "");
	sign_jws(&jws, hdr.data, pl.data, seed_a);
	if (verify_jwt(&r, jws.data, NULL) == 0) {
		INT_EQ(r.checks[2].result, CHECK_FAIL);
		CONTAINS(r.checks[2].message, "\"x5u\" is not allowed");
		OK(!r.authentic);
		verify_report_release(&r);
	}
	buf_release(&did);
	buf_release(&hdr);
	buf_release(&pl);
	buf_release(&jws);
}

/* A header jwk that holds the private key is refused. */
static void
test_verify__jwt_jwk_with_d(void)
{
	struct buf did = BUF_INIT, hdr = BUF_INIT, pl = BUF_INIT;
	struct buf jws = BUF_INIT;
	struct buf x = BUF_INIT, dd = BUF_INIT;
	struct privkey *k = ed_privkey(seed_a);
	struct verify_report r;

	did_key_of(&did, seed_a);
	b64url_encode(&x, k->ed25519 + 32, 32);
	b64url_encode(&dd, k->ed25519, 32);
	buf_printf(&hdr, "{\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\","
	    "\"crv\":\"Ed25519\",\"x\":\"%s\",\"d\":\"%s\"}}", x.data, dd.data);
	jwt_payload(&pl, did.data, "");
	sign_jws(&jws, hdr.data, pl.data, seed_a);
	if (verify_jwt(&r, jws.data, NULL) == 0) {
		INT_EQ(r.checks[2].result, CHECK_FAIL);
		CONTAINS(r.checks[2].message, "private key material");
		OK(!r.authentic);
		verify_report_release(&r);
	}
	/* Without d, the jwk is the issuer's did:key: authentic. */
	buf_reset(&hdr);
	buf_printf(&hdr, "{\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\","
	    "\"crv\":\"Ed25519\",\"x\":\"%s\"}}", x.data);
	sign_jws(&jws, hdr.data, pl.data, seed_a);
	if (verify_jwt(&r, jws.data, NULL) == 0) {
		OK(r.authentic && r.valid);
		verify_report_release(&r);
	}
	privkey_free(k);
	buf_release(&did);
	buf_release(&hdr);
	buf_release(&pl);
	buf_release(&jws);
	buf_release(&x);
	buf_release(&dd);
}

/*
 * A header jwk found among the keys of the issuer's profile binds only
 * when the profile defines its terms in JSON-LD (controller contexts).
 */
static void
test_verify__jwt_jwk_controller_contexts(void)
{
	static const char issuer[] = "https://example.org/issuers/i.json";
	static const char *const ctx[] = {
		"\"https://w3id.org/openbadges/v2\"",
		"[\"https://w3id.org/openbadges/v2\", \"https://www.w3.org/"
		    "ns/did/v1\", \"https://w3id.org/security/multikey/v1\"]",
	};
	struct buf did = BUF_INIT, hdr = BUF_INIT, pl = BUF_INIT,
	    jws = BUF_INIT, x = BUF_INIT, prof = BUF_INIT;
	struct privkey *k = ed_privkey(seed_a);
	struct verify_report r;
	struct site s;
	size_t i;

	did_key_of(&did, seed_a);
	b64url_encode(&x, k->ed25519 + 32, 32);
	buf_printf(&hdr, "{\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\","
	    "\"crv\":\"Ed25519\",\"x\":\"%s\"}}", x.data);
	jwt_payload(&pl, issuer, "");
	sign_jws(&jws, hdr.data, pl.data, seed_a);
	for (i = 0; i < 2; i++) {
		buf_reset(&prof);
		buf_printf(&prof, "{\"@context\": %s, \"type\": \"Issuer\", "
		    "\"id\": \"%s\", \"name\": \"I\", \"verificationMethod\": "
		    "[{\"id\": \"%s#k\", \"type\": \"Multikey\", "
		    "\"controller\": \"%s\", \"publicKeyMultibase\": \"%s\"}], "
		    "\"assertionMethod\": [\"%s#k\"]}", ctx[i], issuer,
		    issuer, issuer, did.data + 8, issuer);
		site_init(&s, "https://example.org/");
		site_text(&s, "content/issuers/i.json", prof.data, prof.len);
		site_text(&s, "content/awards/a.jws", jws.data, jws.len);
		if (verify_in(&r, &s, "content/awards/a.jws") == 0) {
			INT_EQ(r.checks[2].result, CHECK_PASS);
			INT_EQ(r.checks[3].result, i == 0 ? CHECK_FAIL :
			    CHECK_PASS);
			CONTAINS(r.checks[3].message, i == 0 ? "lacks the JSON-LD "
			    "context \"https://www.w3.org/ns/did/v1\"" :
			    "the jwk is the issuer's key");
			OK(r.authentic == (i == 1));
			verify_report_release(&r);
		}
		site_release(&s);
	}
	privkey_free(k);
	buf_release(&did);
	buf_release(&hdr);
	buf_release(&pl);
	buf_release(&jws);
	buf_release(&x);
	buf_release(&prof);
}

/* Appends "u" + base64url of the GZIP of the nbytes of bits. */
static void
encoded_list(struct buf *out, const unsigned char *bits, size_t nbytes)
{
	unsigned char *z;
	z_stream zs;
	size_t cap = nbytes + 1024;

	z = xmalloc(cap);
	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		FAIL_AT("deflateInit2");
	zs.next_in = (Bytef *)(uintptr_t)bits;
	zs.avail_in = (uInt)nbytes;
	zs.next_out = z;
	zs.avail_out = (uInt)cap;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
		FAIL_AT("deflate");
	multibase_encode(out, 'u', z, zs.total_out);
	deflateEnd(&zs);
	free(z);
}

/*
 * A BitstringStatusListCredential at url, issued and signed by the
 * did:key of seed_a, of nbytes bytes with the bits at index set[]
 * (-1 ends), for purpose.
 */
static void
status_list(struct buf *out, const char *url, size_t nbytes, const long *set,
    const char *purpose)
{
	struct arena a = ARENA_INIT;
	struct buf text = BUF_INIT, enc = BUF_INIT, did = BUF_INIT;
	struct buf vm = BUF_INIT;
	struct diag d = DIAG_INIT;
	unsigned char *bits = xcalloc(nbytes ? nbytes : 1, 1);
	struct json *j;

	for (; *set >= 0; set++)
		bits[*set / 8] |= (unsigned char)(0x80 >> (*set % 8));
	encoded_list(&enc, bits, nbytes);
	did_key_of(&did, seed_a);
	buf_printf(&vm, "%s#%s", did.data, did.data + 8);
	buf_printf(&text, "{\"@context\": [\"https://www.w3.org/ns/"
	    "credentials/v2\"], \"id\": \"%s\", \"type\": "
	    "[\"VerifiableCredential\", \"BitstringStatusListCredential\"], "
	    "\"issuer\": \"%s\", \"validFrom\": \"2024-01-01T00:00:00Z\", "
	    "\"credentialSubject\": {\"id\": \"%s#list\", \"type\": "
	    "\"BitstringStatusList\", \"statusPurpose\": \"%s\", "
	    "\"encodedList\": \"%s\"}}", url, did.data, url, purpose,
	    enc.data);
	d.quiet = true;
	buf_reset(out);
	if (json_parse(&j, &a, "list", text.data, text.len, &d) < 0 ||
	    di_sign(out, j, "eddsa-rdfc-2022", vm.data,
	    "2024-01-01T00:00:00Z", seed_a, &d) < 0)
		FAIL_AT("cannot sign the status list");
	free(bits);
	arena_release(&a);
	buf_release(&text);
	buf_release(&enc);
	buf_release(&did);
	buf_release(&vm);
}

/*
 * Verifies a credential of did:key A with a BitstringStatusListEntry
 * (purpose, index) for the list at https://example.org/status/1 with
 * content list (NULL: no list); returns the status check.
 */
static enum check_result
status_case(const char *list, const char *purpose, const char *index,
    struct buf *msg, bool *revoked)
{
	struct buf cred = BUF_INIT, did = BUF_INIT, vm = BUF_INIT;
	struct buf st = BUF_INIT;
	struct verify_report r;
	enum check_result res = CHECK_PASS;
	struct site s;

	did_key_of(&did, seed_a);
	buf_printf(&vm, "%s#%s", did.data, did.data + 8);
	buf_printf(&st, "\"credentialStatus\": {\"id\": "
	    "\"https://example.org/status/1#%s\", \"type\": "
	    "\"BitstringStatusListEntry\", \"statusPurpose\": \"%s\", "
	    "\"statusListIndex\": \"%s\", \"statusListCredential\": "
	    "\"https://example.org/status/1\"}", index, purpose, index);
	signed_credential(&cred, did.data, st.data, vm.data, seed_a);
	site_init(&s, "https://example.org/");
	if (list != NULL)
		site_text(&s, "content/lists/1.json", list, strlen(list));
	site_text(&s, "content/awards/a.json", cred.data, cred.len);
	buf_reset(msg);
	*revoked = false;
	if (verify_in(&r, &s, "content/awards/a.json") == 0) {
		STR_EQ(r.checks[r.nchecks - 1].name, "status");
		res = r.checks[r.nchecks - 1].result;
		buf_puts(msg, r.checks[r.nchecks - 1].message);
		*revoked = r.revoked;
		OK(r.authentic);
		verify_report_release(&r);
	}
	site_release(&s);
	buf_release(&cred);
	buf_release(&did);
	buf_release(&vm);
	buf_release(&st);
	return res;
}

static void
test_verify__bitstring_status(void)
{
	static const long none[] = { -1 };
	static const long some[] = { 5, 131071, -1 };
	const char *url = "https://example.org/status/1";
	struct buf list = BUF_INIT, msg = BUF_INIT;
	bool rev;

	status_list(&list, url, 16384, some, "revocation");
	INT_EQ(status_case(list.data, "revocation", "5", &msg, &rev),
	    CHECK_FAIL);
	OK(rev);
	CONTAINS(msg.data, "revoked (index 5 of the status list");
	INT_EQ(status_case(list.data, "revocation", "131071", &msg, &rev),
	    CHECK_FAIL);
	OK(rev);
	INT_EQ(status_case(list.data, "revocation", "6", &msg, &rev),
	    CHECK_PASS);
	OK(!rev);
	INT_EQ(status_case(list.data, "revocation", "131072", &msg, &rev),
	    CHECK_FAIL);
	OK(!rev);
	CONTAINS(msg.data, "outside the status list");
	/* Another purpose than the list's. */
	INT_EQ(status_case(list.data, "suspension", "6", &msg, &rev),
	    CHECK_FAIL);
	CONTAINS(msg.data, "is not the purpose of the status list");
	/* No list in the repository: unknown. */
	INT_EQ(status_case(NULL, "revocation", "6", &msg, &rev),
	    CHECK_UNKNOWN);
	/* The list changed after it was signed. */
	replace(&list, "\"encodedList\": \"uH4sI", "\"encodedList\": \"uH4sJ");
	INT_EQ(status_case(list.data, "revocation", "6", &msg, &rev),
	    CHECK_FAIL);
	CONTAINS(msg.data, "failed its own verification");
	OK(!rev);
	/* A short list: a warning. */
	status_list(&list, url, 1000, none, "revocation");
	INT_EQ(status_case(list.data, "revocation", "6", &msg, &rev),
	    CHECK_WARN);
	CONTAINS(msg.data, "holds 8000 entries, fewer than the 131072");
	/* A list that inflates beyond the limit. */
	status_list(&list, url, VERIFY_STATUS_LIST_MAX + 1, none, "revocation");
	INT_EQ(status_case(list.data, "revocation", "6", &msg, &rev),
	    CHECK_FAIL);
	CONTAINS(msg.data, "larger than the limit");
	/* Exactly the limit is fine. */
	status_list(&list, url, VERIFY_STATUS_LIST_MAX, none, "revocation");
	INT_EQ(status_case(list.data, "revocation", "6", &msg, &rev),
	    CHECK_PASS);
	buf_release(&list);
	buf_release(&msg);
}

/*
 * The DCC status lists that are themselves wrong, each pointed at by a
 * credential signed here: tampered (its proof fails), expired, not yet
 * valid, not a BitstringStatusListCredential.
 */
static void
test_verify__dcc_bad_status_lists(void)
{
	static const struct {
		const char	*list;
		const char	*msg;
	} cases[] = {
		{ "tampered", "failed its own verification" },
		{ "expired", "expired on 2021-01-09T15:20:02Z" },
		{ "notYetValid", "is not valid before 3000-01-09T15:20:02Z" },
		{ "missingBitStringType", "is not a "
		    "BitstringStatusListCredential" },
		{ "e5WK8CbZ1GjycuPombrj", "not set (index 7" },
	};
	struct buf cred = BUF_INIT, did = BUF_INIT, vm = BUF_INIT;
	struct buf st = BUF_INIT;
	struct buf spec = BUF_INIT;
	struct verify_report r;
	struct site s;
	size_t i;

	did_key_of(&did, seed_a);
	buf_printf(&vm, "%s#%s", did.data, did.data + 8);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&st);
		buf_reset(&cred);
		buf_reset(&spec);
		buf_printf(&st, "\"credentialStatus\": {\"id\": \"" BASE_DCCF
		    "statusLists/didkey-ed25519Signature2020/%s#7\", "
		    "\"type\": \"BitstringStatusListEntry\", "
		    "\"statusPurpose\": \"revocation\", "
		    "\"statusListIndex\": \"7\", \"statusListCredential\": \""
		    BASE_DCCF "statusLists/didkey-ed25519Signature2020/%s\"}",
		    cases[i].list, cases[i].list);
		signed_credential(&cred, did.data, st.data, vm.data, seed_a);
		buf_printf(&spec, "static:statusLists/didkey-ed25519Signature2020"
		    "/%s=" DCC_LISTS "%s", cases[i].list, cases[i].list);
		site_init(&s, BASE_DCCF);
		site_file(&s, spec.data);
		site_text(&s, "content/awards/a.json", cred.data, cred.len);
		if (verify_in(&r, &s, "content/awards/a.json") == 0) {
			INT_EQ(r.checks[r.nchecks - 1].result,
			    i == 4 ? CHECK_WARN : CHECK_FAIL);
			CONTAINS(r.checks[r.nchecks - 1].message,
			    cases[i].msg);
			OK(!r.revoked && r.authentic);
			verify_report_release(&r);
		}
		site_release(&s);
	}
	buf_release(&cred);
	buf_release(&did);
	buf_release(&vm);
	buf_release(&st);
	buf_release(&spec);
}

/* OB 3.0: an e-mail identifier that is not hashed fails. */
static void
test_verify__ob3_plaintext_identifier(void)
{
	struct buf cred = BUF_INIT, did = BUF_INIT, vm = BUF_INIT;
	struct verify_report r;
	struct site s;

	did_key_of(&did, seed_a);
	buf_printf(&vm, "%s#%s", did.data, did.data + 8);
	signed_credential(&cred, did.data, "", vm.data, seed_a);
	replace(&cred, "\"id\": \"did:example:recipient\"",
	    "\"identifier\": [{\"type\": \"IdentityObject\", \"hashed\": false, "
	    "\"identityType\": \"emailAddress\", \"identityHash\": "
	    "\"nobody@example.org\"}]");
	site_init(&s, "https://example.org/");
	site_text(&s, "content/awards/a.json", cred.data, cred.len);
	if (verify_in(&r, &s, "content/awards/a.json") == 0) {
		INT_EQ(r.checks[1].result, CHECK_FAIL);
		CONTAINS(r.checks[1].message, "emailAddress is not hashed and "
		    "would be published");
		/* The identifier was changed after signing. */
		INT_EQ(r.checks[2].result, CHECK_FAIL);
		verify_report_release(&r);
	}
	site_release(&s);
	buf_release(&cred);
	buf_release(&did);
	buf_release(&vm);
}

/* OB 2.0 signed without a creator: each key the issuer lists is tried. */
static void
test_verify__ob2_signed_without_creator(void)
{
	static const char payload[] =
	    "{\"@context\": \"https://w3id.org/openbadges/v2\", "
	    "\"type\": \"Assertion\", \"id\": \"urn:uuid:7\", "
	    "\"recipient\": {\"type\": \"email\", \"hashed\": true, "
	    "\"salt\": \"deadsea\", \"identity\": \"sha256$ecf5409f3f4b91ab60"
	    "cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942\"}, "
	    "\"issuedOn\": \"2016-12-31T23:59:59Z\", "
	    "\"badge\": \"https://example.org/robotics-badge.json\", "
	    "\"verification\": {\"type\": \"SignedBadge\"}}";
	struct buf pem = BUF_INIT, pub = BUF_INIT, jws = BUF_INIT;
	struct buf doc = BUF_INIT;
	struct buf org = BUF_INIT;
	struct privkey *k = NULL;
	struct verify_report r;
	struct site s;

	if (slurp(&pem, VD "mozilla-openbadges-validator/rsa-private.pem") < 0 ||
	    slurp(&pub, VD "mozilla-openbadges-validator/rsa-public.pem") < 0 ||
	    privkey_from_pem(&k, pem.data, pem.len, "rsa", NULL) < 0 ||
	    jws_sign(&jws, "{\"alg\":\"RS256\"}", payload, strlen(payload), k,
	    NULL) < 0) {
		FAIL_AT("cannot sign");
		goto out;
	}
	BUF_PUTSL(&doc, "{\"@context\": \"https://w3id.org/openbadges/v2\", "
	    "\"type\": \"CryptographicKey\", \"id\": "
	    "\"https://example.org/keys/rsa.json\", \"owner\": "
	    "\"https://example.org/organization.json\", \"publicKeyPem\": ");
	json_write_str(&doc, pub.data, pub.len, 0);
	BUF_PUTSL(&doc, "}");
	if (slurp(&org, VD ASSETS "organization.json") < 0)
		FAIL_AT("cannot read");
	/* The issuer lists a key that fails first, then the right one. */
	replace(&org, "\"publicKey\": \"http://example.org/key1.json\"",
	    "\"publicKey\": [\"http://example.org/key1.json\", "
	    "\"https://example.org/keys/rsa.json\"]");
	site_init(&s, "https://example.org/");
	site_file(&s, ASSETS "robotics-badge.json");
	site_file(&s, ASSETS "key1.json");
	site_text(&s, "content/docs/organization.json", org.data, org.len);
	site_text(&s, "content/keys/rsa.json", doc.data, doc.len);
	site_text(&s, "content/awards/a.jws", jws.data, jws.len);
	if (verify_in(&r, &s, "content/awards/a.jws") == 0) {
		OK(r.valid && r.authentic);
		CONTAINS(r.checks[2].message, "https://example.org/keys/rsa.json");
		if (!r.valid)
			dump(&r);
		verify_report_release(&r);
	}
	site_release(&s);
out:
	privkey_free(k);
	buf_release(&pem);
	buf_release(&pub);
	buf_release(&jws);
	buf_release(&doc);
	buf_release(&org);
}

/* Check order and names, and the messages of a valid OB 2.0 JWS. */
static void
test_verify__report_shape(void)
{
	struct verify_report r;
	struct site s;

	site_init(&s, "https://example.org/");
	site_file(&s, ASSETS "robotics-badge.json");
	site_file(&s, ASSETS "organization.json");
	site_file(&s, ASSETS "key1.json");
	site_file(&s, DCPV20 "simple.jwt");
	if (verify_in(&r, &s, "content/docs/simple.jwt") == 0) {
		INT_EQ(r.nchecks, 6);
		STR_EQ(r.checks[0].name, "context");
		STR_EQ(r.checks[1].name, "recipient");
		STR_EQ(r.checks[2].name, "signature");
		STR_EQ(r.checks[3].name, "key");
		STR_EQ(r.checks[4].name, "dates");
		STR_EQ(r.checks[5].name, "status");
		STR_EQ(message(&r, "signature"), "RS256 signature verifies with "
		    "http://example.org/key1.json");
		STR_EQ(message(&r, "key"), "the issuer "
		    "https://example.org/organization.json lists the key "
		    "http://example.org/key1.json, which it owns");
		STR_EQ(message(&r, "dates"), "issued 2016-12-31T23:59:59Z; no "
		    "expiry");
		verify_report_release(&r);
	}
	site_release(&s);
	STR_EQ(check_result_name(CHECK_PASS), "pass");
	STR_EQ(check_result_name(CHECK_WARN), "warn");
	STR_EQ(check_result_name(CHECK_FAIL), "fail");
	STR_EQ(check_result_name(CHECK_UNKNOWN), "unknown");
	verify_report_release(NULL);
}

static void
test_verify__messages(void)
{
	struct verify_report r;
	struct site s;

	/* Expired: the date in the message. */
	site_init(&s, "https://example.org/");
	site_file(&s, ASSETS "robotics-badge.json");
	site_file(&s, ASSETS "organization.json");
	site_file(&s, DCPV20 "basic-assertion-expired.json");
	if (verify_in(&r, &s, "content/docs/basic-assertion-expired.json") ==
	    0) {
		STR_EQ(message(&r, "dates"), "expired on 2022-11-15T23:59:59Z");
		verify_report_release(&r);
	}
	site_release(&s);
	/* Revoked: the reason kept. */
	site_init(&s, "https://example.org/");
	site_file(&s, ASSETS "badge-from-organization-with-revocation-list.json");
	site_file(&s, ASSETS "organization-with-revocation-list.json");
	site_file(&s, ASSETS "key3.json");
	site_file(&s, ASSETS "revocation-list.json");
	site_file(&s, DCPV20 "simple-revoked.jwt");
	if (verify_in(&r, &s, "content/docs/simple-revoked.jwt") == 0) {
		STR_EQ(r.revocation_reason, "A good reason, for sure");
		STR_EQ(message(&r, "status"), "revoked in the revocation list "
		    "http://example.org/revocation-list.json: A good reason, "
		    "for sure");
		verify_report_release(&r);
	}
	site_release(&s);
	/* The 1EdTech JWT vector: the sub policy. */
	site_init(&s, "https://1edtech.edu/");
	site_file(&s, "static:.well-known/jwks.json=made/1edtech-edu-jwks.json");
	site_file(&s, "derived/extracted-from-1edtech-ob30-simple-jwt.png.jws");
	if (verify_in(&r, &s, "content/docs/extracted-from-1edtech-ob30-"
	    "simple-jwt.png.jws") == 0) {
		STR_EQ(message(&r, "claims"), "no sub claim; aud is not checked");
		STR_EQ(message(&r, "key"), "the jwk is in the issuer's JWK set "
		    "https://1edtech.edu/.well-known/jwks.json");
		verify_report_release(&r);
	}
	site_release(&s);
	/* did:web resolution and the 131,072 minimum. */
	site_init(&s, BASE_DCCF);
	site_file(&s, "static:dids/legacy/did.json=" DCCF "dids/legacy/did.json");
	site_file(&s, "static:statusLists/didkey-ed25519Signature2020/"
	    "e5WK8CbZ1GjycuPombrj=" DCC_LISTS "e5WK8CbZ1GjycuPombrj");
	site_file(&s, DCCV "v1/ed25519/didWeb/legacy-validStatus-noExpiry.json");
	if (verify_in(&r, &s, "content/docs/legacy-validStatus-noExpiry.json")
	    == 0) {
		STR_EQ(message(&r, "key"), "the issuer did:web:digitalcredentials"
		    ".github.io:vc-test-fixtures:dids:legacy lists the key "
		    "did:web:digitalcredentials.github.io:vc-test-fixtures:dids:"
		    "legacy#z6MkjXe1vZvPRqFuc9nRBtZ3e1Y9XKDFSbjFAfzLfW2bD6cZ under "
		    "assertionMethod");
		CONTAINS(message(&r, "status"), "holds 100000 entries");
		CONTAINS(message(&r, "status"), "revocation: not set (index 7");
		verify_report_release(&r);
	}
	site_release(&s);
}

static void
test_verify__recipient(void)
{
	struct buf text = BUF_INIT, id = BUF_INIT;
	unsigned char h[SHA256_LEN], m5[MD5_LEN];
	const struct award *aw;
	struct site s;
	bool match;
	size_t i;

	site_init(&s, "https://example.org/");
	site_file(&s, ASSETS "robotics-badge.json");
	site_file(&s, ASSETS "organization.json");
	site_file(&s, DCPV20 "basic-assertion.json");
	/* md5, no salt, upper-case hex */
	md5(m5, "Mayze@Example.org", 17);
	BUF_PUTSL(&id, "MD5$");
	for (i = 0; i < MD5_LEN; i++)
		buf_printf(&id, "%02X", m5[i]);
	if (slurp(&text, VD DCPV20 "basic-assertion.json") < 0)
		FAIL_AT("read");
	edit_member(&text, "id", "https://example.org/b.json");
	replace(&text, "\"salt\": \"deadsea\",", "");
	replace(&text, "sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8"
	    "e43f6a1d29891942", id.data);
	site_text(&s, "content/awards/b.json", text.data, text.len);
	if ((aw = site_award(&s, "content/docs/basic-assertion.json")) != NULL) {
		INT_EQ(verify_recipient(aw, "nobody@example.org", &match), 0);
		OK(match);
		INT_EQ(verify_recipient(aw, "Nobody@Example.ORG", &match), 0);
		OK(match);
		INT_EQ(verify_recipient(aw, "other@example.org", &match), 0);
		OK(!match);
		INT_EQ(verify_recipient(aw, NULL, &match), -1);
	}
	if ((aw = site_award(&s, "content/awards/b.json")) != NULL) {
		INT_EQ(verify_recipient(aw, "Mayze@Example.org", &match), 0);
		OK(match);
		INT_EQ(verify_recipient(aw, "mayze@example.org", &match), 0);
		OK(!match);	/* hashed as given: case matters */
	}
	site_release(&s);
	INT_EQ(verify_recipient(NULL, "x", &match), -1);
	/* OB 3.0 identifiers: hashed, plaintext, subject mailto. */
	sha256(h, "a@example.comKosher", 19);
	buf_reset(&id);
	BUF_PUTSL(&id, "sha256$");
	for (i = 0; i < SHA256_LEN; i++)
		buf_printf(&id, "%02x", h[i]);
	/* The specification's example (OPEN-BADGES.md 2.1). */
	OK(strncmp(id.data, "sha256$b5809d8a", 15) == 0);
	OK(strcmp(id.data + id.len - 4, "f399") == 0);
	{
		struct buf cred = BUF_INIT, ident = BUF_INIT;

		buf_printf(&ident, "\"identifier\": [{\"type\": "
		    "\"IdentityObject\", \"hashed\": true, \"identityType\": "
		    "\"emailAddress\", \"salt\": \"Kosher\", \"identityHash\": "
		    "\"%s\"}, {\"type\": \"IdentityObject\", \"hashed\": false, "
		    "\"identityType\": \"emailAddress\", \"identityHash\": "
		    "\"b@example.com\"}]", id.data);
		jwt_payload(&cred, "https://example.org/i", "");
		replace(&cred, "\"id\": \"did:example:recipient\"", ident.data);
		site_init(&s, "https://example.org/");
		{
			struct buf jws = BUF_INIT;

			sign_jws(&jws, "{\"alg\":\"EdDSA\"}", cred.data,
			    seed_a);
			site_text(&s, "content/awards/c.jws", jws.data,
			    jws.len);
			buf_release(&jws);
		}
		if ((aw = site_award(&s, "content/awards/c.jws")) != NULL) {
			verify_recipient(aw, "a@example.com", &match);
			OK(match);
			verify_recipient(aw, "A@Example.com", &match);
			OK(match);
			verify_recipient(aw, "B@example.com", &match);
			OK(match);
			verify_recipient(aw, "c@example.com", &match);
			OK(!match);
		}
		site_release(&s);
		buf_release(&cred);
		buf_release(&ident);
	}
	buf_release(&text);
	buf_release(&id);
}

/*
 * The model: an issuer embedded under a DID whose DID document the
 * repository holds is one issuer for all its awards, and the DID
 * document stays the DID document (verify resolves keys in it).
 */
static void
test_verify__model_did_issuer(void)
{
	struct verify_report r;
	struct site s;

	site_init(&s, BASE_DCCV);
	site_file(&s, DCCF "dids/legacy/did.json");
	site_file(&s, DCCV "v2/bothSignatureTypes/didweb/legacy-revokedStatus-"
	    "noExpiry.json");
	site_file(&s, DCCV "v1/ed25519/didWeb/legacy-validStatus-noExpiry.json");
	if (site_award(&s, "content/docs/legacy-revokedStatus-noExpiry.json")
	    != NULL) {
		INT_EQ(s.m.nawards, 2);
		INT_EQ(s.m.nissuers, 1);
		OK(s.m.awards[0]->issuer == s.m.awards[1]->issuer);
		OK(model_lookup(&s.m, "did:web:digitalcredentials.github.io:"
		    "vc-test-fixtures:dids:legacy")->kind == DOC_DID);
		if (verify_in(&r, &s, "content/docs/legacy-validStatus-"
		    "noExpiry.json") == 0) {
			OK(r.authentic);
			verify_report_release(&r);
		}
	}
	site_release(&s);
}

/*
 * A did:web DID document that lists the key only under
 * verificationMethod, or names another controller for it, does not
 * bind the key to the issuer.
 */
static void
test_verify__controller_document(void)
{
	static const char *const edits[][2] = {
		{ "\"assertionMethod\"", "\"authentication\"" },
		{ "\"controller\": \"did:web:digitalcredentials.github.io:"
		    "vc-test-fixtures:dids:oidf\",\n            \"public",
		    "\"controller\": \"did:web:example.org\",\n            "
		    "\"public" },
	};
	static const char *const why[] = {
		"is not listed under assertionMethod of",
		"the controller of did:web:digitalcredentials.github.io:"
		    "vc-test-fixtures:dids:oidf#z6MkjXe1",
	};
	struct buf did = BUF_INIT;
	struct verify_report r;
	struct site s;
	size_t i;

	for (i = 0; i < 2; i++) {
		if (slurp(&did, VD DCCF "dids/oidf/did.json") < 0 ||
		    replace(&did, edits[i][0], edits[i][1]) < 0) {
			FAIL_AT("cannot edit the DID document");
			continue;
		}
		if (i == 1)	/* in both lists */
			replace(&did, edits[i][0], edits[i][1]);
		site_init(&s, BASE_DCCF);
		site_text(&s, "content/static/dids/oidf/did.json", did.data,
		    did.len);
		site_file(&s, DCCV "v2/dataIntegrityProof/didweb/oidf-noStatus-"
		    "notExpired.json");
		if (verify_in(&r, &s, "content/docs/oidf-noStatus-notExpired"
		    ".json") == 0) {
			INT_EQ(r.checks[2].result, CHECK_PASS);
			INT_EQ(r.checks[3].result, CHECK_FAIL);
			CONTAINS(r.checks[3].message, why[i]);
			OK(!r.authentic);
			verify_report_release(&r);
		}
		site_release(&s);
	}
	buf_release(&did);
}

/* A controller document that lists the key but is not the issuer. */
static void
test_verify__controller_not_issuer(void)
{
	static const char *const issuers[] = {
		"https://example.org/issuers/1", "https://example.org/keys/k"
	};
	struct buf cred = BUF_INIT, did = BUF_INIT, ctl = BUF_INIT;
	struct verify_report r;
	struct site s;
	size_t i;

	did_key_of(&did, seed_a);
	buf_printf(&ctl, "{\"@context\": [\"%s\", \"%s\"], "
	    "\"id\": \"https://example.org/keys/k\", "
	    "\"verificationMethod\": [{\"id\": "
	    "\"https://example.org/keys/k#key\", \"type\": "
	    "\"Multikey\", \"controller\": \"https://example.org/keys/k\", "
	    "\"publicKeyMultibase\": \"%s\"}], \"assertionMethod\": "
	    "[\"https://example.org/keys/k#key\"]}", KEY_CONTEXT_DID,
	    KEY_CONTEXT_MULTIKEY, did.data + 8);
	for (i = 0; i < 2; i++) {
		buf_reset(&cred);
		signed_credential(&cred, issuers[i], "",
		    "https://example.org/keys/k#key", seed_a);
		site_init(&s, "https://example.org/");
		site_text(&s, "content/keys/k.json", ctl.data, ctl.len);
		site_text(&s, "content/awards/a.json", cred.data, cred.len);
		if (verify_in(&r, &s, "content/awards/a.json") == 0) {
			INT_EQ(r.checks[2].result, CHECK_PASS);
			INT_EQ(r.checks[3].result, i == 0 ? CHECK_FAIL :
			    CHECK_PASS);
			if (i == 0)
				CONTAINS(r.checks[3].message, "is controlled by "
				    "https://example.org/keys/k, which is not "
				    "the issuer https://example.org/issuers/1");
			OK(r.authentic == (i == 1));
			verify_report_release(&r);
		}
		site_release(&s);
	}
	buf_release(&cred);
	buf_release(&did);
	buf_release(&ctl);
}

/* A JWS kid naming a key of a JWK set: on the issuer's host only. */
static void
test_verify__jwt_kid_jwks(void)
{
	static const struct {
		const char	*kid;
		const char	*file;
		const char	*id;
		enum check_result key;
	} cases[] = {
		{ "https://example.org/.well-known/jwks.json#k1",
		    "content/static/.well-known/jwks.json", NULL, CHECK_PASS },
		{ "https://keys.example.net/jwks.json#k1",
		    "content/keys/jwks.json", "https://keys.example.net/jwks.json",
		    CHECK_FAIL },
		{ "https://keys.example.net/jwks.json#k1", NULL, NULL,
		    CHECK_UNKNOWN },
	};
	struct buf hdr = BUF_INIT, pl = BUF_INIT, jws = BUF_INIT;
	struct buf x = BUF_INIT, jwks = BUF_INIT;
	struct privkey *k = ed_privkey(seed_a);
	struct verify_report r;
	struct site s;
	size_t i;

	b64url_encode(&x, k->ed25519 + 32, 32);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&hdr);
		buf_reset(&jwks);
		buf_printf(&hdr, "{\"alg\":\"EdDSA\",\"kid\":\"%s\"}",
		    cases[i].kid);
		buf_printf(&jwks, "{%s%s%s\"keys\": [{\"kty\": \"OKP\", "
		    "\"crv\": \"Ed25519\", \"kid\": \"k1\", \"x\": \"%s\"}]}",
		    cases[i].id ? "\"id\": \"" : "", cases[i].id ?
		    cases[i].id : "", cases[i].id ? "\", " : "", x.data);
		jwt_payload(&pl, "https://example.org/issuers/1", "");
		sign_jws(&jws, hdr.data, pl.data, seed_a);
		site_init(&s, "https://example.org/");
		if (cases[i].file != NULL)
			site_text(&s, cases[i].file, jwks.data, jwks.len);
		site_text(&s, "content/awards/a.jws", jws.data, jws.len);
		if (verify_in(&r, &s, "content/awards/a.jws") == 0) {
			INT_EQ(r.checks[2].result, cases[i].key ==
			    CHECK_UNKNOWN ? CHECK_UNKNOWN : CHECK_PASS);
			INT_EQ(r.checks[3].result, cases[i].key);
			OK(r.authentic == (cases[i].key == CHECK_PASS));
			verify_report_release(&r);
		}
		site_release(&s);
	}
	privkey_free(k);
	buf_release(&hdr);
	buf_release(&pl);
	buf_release(&jws);
	buf_release(&x);
	buf_release(&jwks);
}

TESTS(T(test_verify__vectors), T(test_verify__controller_document),
    T(test_verify__controller_not_issuer), T(test_verify__jwt_kid_jwks), T(test_verify__model_did_issuer),
    T(test_verify__report_shape), T(test_verify__messages),
    T(test_verify__ob2_key_not_listed),
    T(test_verify__ob2_key_owned_by_another),
    T(test_verify__ob2_plaintext_email),
    T(test_verify__ob2_signed_without_creator),
    T(test_verify__did_key_not_the_issuer), T(test_verify__method_swapped),
    T(test_verify__fragment_key_never_trusted), T(test_verify__jwt_kid_did_key),
    T(test_verify__jwt_extra_header), T(test_verify__jwt_jwk_with_d),
    T(test_verify__jwt_jwk_controller_contexts),
    T(test_verify__bitstring_status), T(test_verify__dcc_bad_status_lists),
    T(test_verify__ob3_plaintext_identifier), T(test_verify__recipient))
