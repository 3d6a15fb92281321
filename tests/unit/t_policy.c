/*
 * t_policy.c - the verdict policy for credentials as issuers really
 * send them (docs/VERIFICATION.md): a subject without id or identifier
 * is a warning; an issuer given by its DID alone is bound by that DID;
 * an Open Badges 3.0 Profile needs no name; every proof of a supported
 * suite must verify, others are warnings; a controller document must
 * define, in JSON-LD, the terms of the key it lists; endorsements are
 * verified like awards and listed with what they endorse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonld.h"
#include "harness.h"
#include "vsite.h"

/* The "proof" member of the JSON text signed, as JSON text, into out. */
static void
proof_of(struct buf *out, const char *signed_text)
{
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	struct json *j;

	d.quiet = true;
	buf_reset(out);
	if (json_parse(&j, &a, "signed", signed_text, strlen(signed_text),
	    &d) < 0 || json_get(j, "proof") == NULL)
		FAIL_AT("no proof");
	else
		json_write(out, json_get(j, "proof"), 0);
	arena_release(&a);
}

/* "did:key:<A>" and "did:key:<A>#<A>" for the key with seed. */
static void
did_and_vm(struct buf *did, struct buf *vm, const unsigned char seed[32])
{
	did_key_of(did, seed);
	buf_reset(vm);
	buf_printf(vm, "%s#%s", did->data, did->data + 8);
}

/* Verifies the award file of a site made of the one credential text. */
static int
verify_text(struct verify_report *r, struct site *s, const char *base,
    const char *text)
{
	site_init(s, base);
	site_text(s, "content/awards/a.json", text, strlen(text));
	return verify_in(r, s, "content/awards/a.json");
}

/*
 * A subject with neither id nor identifier: a warning, and the award
 * is valid; there is no recipient to compare an address with.
 */
static void
test_policy__subject_without_id(void)
{
	struct buf did = BUF_INIT, vm = BUF_INIT, text = BUF_INIT,
	    issuer = BUF_INIT, cred = BUF_INIT;
	struct verify_report r;
	struct site s;
	bool match = true;

	did_and_vm(&did, &vm, seed_a);
	buf_printf(&issuer, "\"%s\"", did.data);
	credential_text(&text, issuer.data, "");
	if (replace(&text, "\"id\": \"did:example:recipient\", ", "") < 0)
		FAIL_AT("no subject id");
	sign_text(&cred, text.data, vm.data, seed_a);
	if (verify_text(&r, &s, "https://example.org/", cred.data) == 0) {
		STR_EQ(r.checks[1].name, "recipient");
		INT_EQ(r.checks[1].result, CHECK_WARN);
		CONTAINS(r.checks[1].message, "neither an id nor an identifier");
		OK(r.valid && r.authentic);
		verify_report_release(&r);
		INT_EQ(verify_recipient_count(s.m.awards[0]), 0);
		OK(verify_recipient(s.m.awards[0], "a@example.org",
		    &match) == 0 && !match);
	}
	site_release(&s);
	buf_release(&did);
	buf_release(&vm);
	buf_release(&text);
	buf_release(&issuer);
	buf_release(&cred);
}

/*
 * An issuer given as a DID string, or as a Profile object with a DID
 * id and no name, with no profile in the repository: the DID binds the
 * proof, the issuer is named by the Profile's name, else by its DID.
 * Awards under one DID share one issuer.  A proof by another key fails.
 */
static void
test_policy__did_issuer(void)
{
	struct buf did = BUF_INIT, vm = BUF_INIT, text = BUF_INIT,
	    issuer = BUF_INIT, c1 = BUF_INIT, c2 = BUF_INIT, c3 = BUF_INIT;
	struct verify_report r;
	struct site s;

	did_and_vm(&did, &vm, seed_a);
	/* A string. */
	buf_printf(&issuer, "\"%s\"", did.data);
	credential_text(&text, issuer.data, "");
	sign_text(&c1, text.data, vm.data, seed_a);
	/* An object without a name, under another credential id. */
	buf_reset(&issuer);
	buf_reset(&text);
	buf_printf(&issuer, "{\"id\": \"%s\", \"type\": [\"Profile\"]}",
	    did.data);
	credential_text(&text, issuer.data, "");
	replace(&text, "urn:uuid:2f4e1a4c", "urn:uuid:00000002");
	sign_text(&c2, text.data, vm.data, seed_a);
	/* With a name. */
	buf_reset(&issuer);
	buf_reset(&text);
	buf_printf(&issuer, "{\"id\": \"%s\", \"type\": [\"Profile\"], "
	    "\"name\": \"Named by the credential\"}", did.data);
	credential_text(&text, issuer.data, "");
	replace(&text, "urn:uuid:2f4e1a4c", "urn:uuid:00000003");
	sign_text(&c3, text.data, vm.data, seed_a);

	if (verify_text(&r, &s, "https://example.org/", c1.data) == 0) {
		OK(r.valid && r.authentic);
		CONTAINS(message(&r, "key"), "the issuer's own DID");
		verify_report_release(&r);
		STR_EQ(s.m.awards[0]->issuer->name, did.data);
		INT_EQ(s.m.nissuers, 1);
		OK(strncmp(s.m.issuers[0]->path, "issuers/", 8) == 0);
	}
	site_release(&s);
	if (verify_text(&r, &s, "https://example.org/", c2.data) == 0) {
		OK(r.valid && r.authentic);
		verify_report_release(&r);
		STR_EQ(s.m.awards[0]->issuer->name, did.data);
	}
	site_release(&s);
	/* Three awards, one issuer: the one that names it gives the name. */
	site_init(&s, "https://example.org/");
	site_text(&s, "content/awards/1.json", c1.data, c1.len);
	site_text(&s, "content/awards/2.json", c2.data, c2.len);
	site_text(&s, "content/awards/3.json", c3.data, c3.len);
	if (verify_in(&r, &s, "content/awards/3.json") == 0) {
		OK(r.valid && r.authentic);
		verify_report_release(&r);
		INT_EQ(s.m.nawards, 3);
		INT_EQ(s.m.nissuers, 1);
		OK(s.m.awards[0]->issuer == s.m.awards[2]->issuer);
		STR_EQ(s.m.issuers[0]->name, "Named by the credential");
	}
	site_release(&s);
	/* Signed by key B for issuer A. */
	buf_reset(&issuer);
	buf_reset(&text);
	buf_reset(&c1);
	buf_printf(&issuer, "\"%s\"", did.data);
	credential_text(&text, issuer.data, "");
	did_and_vm(&did, &vm, seed_b);
	sign_text(&c1, text.data, vm.data, seed_b);
	if (verify_text(&r, &s, "https://example.org/", c1.data) == 0) {
		INT_EQ(r.checks[2].result, CHECK_PASS);
		INT_EQ(r.checks[3].result, CHECK_FAIL);
		CONTAINS(r.checks[3].message, "which is not the issuer did:key:");
		OK(!r.authentic);
		verify_report_release(&r);
	}
	site_release(&s);
	buf_release(&did);
	buf_release(&vm);
	buf_release(&text);
	buf_release(&issuer);
	buf_release(&c1);
	buf_release(&c2);
	buf_release(&c3);
}

/*
 * An Open Badges 3.0 Profile without a name is an issuer (named by its
 * id); an Open Badges 2.0 Issuer without one is an error.
 */
static void
test_policy__profile_name(void)
{
	static const char ob3[] = "{\"@context\": [\"https://www.w3.org/ns/"
	    "credentials/v2\", \"https://purl.imsglobal.org/spec/ob/v3p0/"
	    "context-3.0.3.json\"], \"id\": \"https://example.org/issuers/"
	    "3.json\", \"type\": [\"Profile\"]}";
	static const char ob2[] = "{\"@context\": \"https://w3id.org/"
	    "openbadges/v2\", \"id\": \"https://example.org/issuers/2.json\", "
	    "\"type\": \"Issuer\"}";
	struct site s;

	site_init(&s, "https://example.org/");
	site_text(&s, "content/issuers/3.json", ob3, strlen(ob3));
	OK(model_link(&s.m, &s.d) == 0);
	if (s.m.nissuers == 1)
		STR_EQ(s.m.issuers[0]->name, "https://example.org/issuers/"
		    "3.json");
	else
		FAIL_AT("%zu issuers: %s", s.m.nissuers, s.log.data);
	site_release(&s);
	site_init(&s, "https://example.org/");
	OK(model_add_file(&s.m, "content/issuers/2.json", NULL, ob2,
	    strlen(ob2), &s.d) < 0);
	CONTAINS(s.log.data, "content/issuers/2.json:1:1: $: missing member "
	    "\"name\"");
	site_release(&s);
}

/*
 * VCDM 2.0 makes validFrom optional: a credential without it is dated
 * by its proof's created date, and the dates check warns.
 */
static void
test_policy__no_valid_from(void)
{
	struct buf did = BUF_INIT, vm = BUF_INIT, text = BUF_INIT,
	    issuer = BUF_INIT, cred = BUF_INIT;
	struct verify_report r;
	struct site s;
	int64_t t = 0;

	did_and_vm(&did, &vm, seed_a);
	buf_printf(&issuer, "\"%s\"", did.data);
	credential_text(&text, issuer.data, "");
	if (replace(&text, "\"validFrom\": \"2024-01-01T00:00:00Z\", ", "") <
	    0)
		FAIL_AT("no validFrom");
	sign_text(&cred, text.data, vm.data, seed_a);
	if (verify_text(&r, &s, "https://example.org/", cred.data) == 0) {
		date_parse(&t, NULL, "2024-01-01T00:00:00Z");
		INT_EQ(s.m.awards[0]->issued, t);
		STR_EQ(r.checks[4].name, "dates");
		INT_EQ(r.checks[4].result, CHECK_WARN);
		CONTAINS(r.checks[4].message, "no validFrom");
		OK(r.valid && r.authentic);
		verify_report_release(&r);
	}
	site_release(&s);
	buf_release(&did);
	buf_release(&vm);
	buf_release(&text);
	buf_release(&issuer);
	buf_release(&cred);
}

/*
 * Proof sets: every proof of a supported suite must verify and be
 * bound to the issuer; a proof of an unknown suite is a warning; with
 * none that badgegen can check, the signature is unknown.
 */
static void
test_policy__proof_set(void)
{
	struct buf did = BUF_INIT, vm = BUF_INIT, vmb = BUF_INIT, tmp = BUF_INIT,
	    text = BUF_INIT, issuer = BUF_INIT, pa = BUF_INIT, pb = BUF_INIT,
	    set = BUF_INIT, cred = BUF_INIT;
	struct verify_report r;
	struct site s;
	char *bad;

	did_and_vm(&did, &vm, seed_a);
	did_and_vm(&tmp, &vmb, seed_b);
	buf_printf(&issuer, "\"%s\"", did.data);
	credential_text(&text, issuer.data, "");
	sign_text(&cred, text.data, vm.data, seed_a);
	proof_of(&pa, cred.data);
	buf_reset(&cred);
	sign_text(&cred, text.data, vmb.data, seed_b);
	proof_of(&pb, cred.data);

	/* A's proof and one of a cryptosuite badgegen does not know. */
	buf_reset(&set);
	buf_printf(&set, "\"proof\": [%s, %s]", pa.data, pa.data);
	bad = strstr(strstr(set.data, "eddsa-rdfc-2022") + 1,
	    "eddsa-rdfc-2022");
	memcpy(bad, "ecdsa", 5);
	buf_reset(&cred);
	credential_text(&cred, issuer.data, set.data);
	if (verify_text(&r, &s, "https://example.org/", cred.data) == 0) {
		INT_EQ(r.checks[2].result, CHECK_WARN);
		CONTAINS(r.checks[2].message, "proof[1]: not checked: ");
		OK(r.valid && r.authentic);
		STR_EQ(r.method, "eddsa-rdfc-2022");
		verify_report_release(&r);
	}
	site_release(&s);
	/* Only that one: nothing to check. */
	buf_reset(&set);
	buf_printf(&set, "\"proof\": %s", pa.data);
	memcpy(strstr(set.data, "eddsa-rdfc-2022"), "ecdsa", 5);
	buf_reset(&cred);
	credential_text(&cred, issuer.data, set.data);
	if (verify_text(&r, &s, "https://example.org/", cred.data) == 0) {
		INT_EQ(r.checks[2].result, CHECK_UNKNOWN);
		CONTAINS(r.checks[2].message, "no proof is of a suite");
		OK(!r.valid && !r.authentic);
		verify_report_release(&r);
	}
	site_release(&s);
	/* A's proof and B's, which verifies but is not the issuer's. */
	buf_reset(&set);
	buf_printf(&set, "\"proof\": [%s, %s]", pa.data, pb.data);
	buf_reset(&cred);
	credential_text(&cred, issuer.data, set.data);
	if (verify_text(&r, &s, "https://example.org/", cred.data) == 0) {
		INT_EQ(r.checks[2].result, CHECK_PASS);
		INT_EQ(r.checks[3].result, CHECK_FAIL);
		CONTAINS(r.checks[3].message, "proof[1]: signed by did:key:");
		OK(!r.authentic);
		verify_report_release(&r);
	}
	site_release(&s);
	/* A's proof and a copy of it whose signature is wrong. */
	buf_reset(&set);
	buf_printf(&set, "\"proof\": [%s, %s]", pa.data, pa.data);
	bad = strstr(strstr(set.data, "\"proofValue\":\"z") + 1,
	    "\"proofValue\":\"z");
	if (bad == NULL)
		FAIL_AT("no second proofValue in %s", set.data);
	else
		bad[17] = bad[17] == '2' ? '3' : '2';
	buf_reset(&cred);
	credential_text(&cred, issuer.data, set.data);
	if (verify_text(&r, &s, "https://example.org/", cred.data) == 0) {
		INT_EQ(r.checks[2].result, CHECK_FAIL);
		CONTAINS(r.checks[2].message, "proof[0]: eddsa-rdfc-2022 proof "
		    "by did:key:");
		CONTAINS(r.checks[2].message, "proof[1]: ");
		OK(!r.authentic && r.method == NULL);
		verify_report_release(&r);
	}
	site_release(&s);
	buf_release(&did);
	buf_release(&vm);
	buf_release(&vmb);
	buf_release(&tmp);
	buf_release(&text);
	buf_release(&issuer);
	buf_release(&pa);
	buf_release(&pb);
	buf_release(&set);
	buf_release(&cred);
}

/*
 * A controller document (here an OB 2.0 issuer profile, as the example
 * site's) must define, in JSON-LD, the relationship and the key's terms
 * it uses, as jsonld.js in safe mode reads it; the key check names the
 * contexts it lacks.  A DID document that lacks the key's context is a
 * warning: verifiers read DID documents as JSON.
 */
static void
test_policy__controller_contexts(void)
{
	static const struct {
		const char	*context;
		enum check_result res;
		const char	*says;
	} cases[] = {
		{ "\"https://w3id.org/openbadges/v2\"", CHECK_FAIL,
		    "lacks the JSON-LD context \"https://www.w3.org/ns/did/v1\" "
		    "and \"https://w3id.org/security/multikey/v1\"" },
		{ "[\"https://w3id.org/openbadges/v2\", \"https://www.w3.org/"
		    "ns/did/v1\"]", CHECK_FAIL, "lacks the JSON-LD context "
		    "\"https://w3id.org/security/multikey/v1\" in its @context"
		    ": other verifiers cannot read its key" },
		{ "[\"https://w3id.org/openbadges/v2\", \"https://www.w3.org/"
		    "ns/did/v1\", \"https://w3id.org/security/multikey/v1\"]",
		    CHECK_PASS, "under assertionMethod" },
		{ "[\"https://w3id.org/openbadges/v2\", \"https://www.w3.org/"
		    "ns/cid/v1\"]", CHECK_PASS, "under assertionMethod" },
		/* A DID document: the key's context is missing. */
		{ "[\"https://www.w3.org/ns/did/v1\"]", CHECK_WARN,
		    "but the DID document lacks the JSON-LD context "
		    "\"https://w3id.org/security/multikey/v1\"" },
	};
	static const char issuer[] = "https://example.org/issuers/i.json";
	struct buf did = BUF_INIT, vm = BUF_INIT, cred = BUF_INIT,
	    prof = BUF_INIT;
	struct verify_report r;
	struct site s;
	size_t i;

	did_key_of(&did, seed_a);
	buf_printf(&vm, "%s#k", issuer);
	signed_credential(&cred, issuer, "", vm.data, seed_a);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&prof);
		buf_printf(&prof, "{\"@context\": %s, \"type\": \"Issuer\", "
		    "\"id\": \"%s\", \"name\": \"I\", \"url\": "
		    "\"https://example.org/\", \"email\": \"i@example.org\", "
		    "\"verificationMethod\": [{\"id\": \"%s\", \"type\": "
		    "\"Multikey\", \"controller\": \"%s\", "
		    "\"publicKeyMultibase\": \"%s\"}], \"assertionMethod\": "
		    "[\"%s\"]}", cases[i].context, issuer, vm.data, issuer,
		    did.data + 8, vm.data);
		site_init(&s, "https://example.org/");
		site_text(&s, "content/issuers/i.json", prof.data, prof.len);
		site_text(&s, "content/awards/a.json", cred.data, cred.len);
		if (verify_in(&r, &s, "content/awards/a.json") == 0) {
			INT_EQ(r.checks[2].result, CHECK_PASS);
			INT_EQ(r.checks[3].result, cases[i].res);
			CONTAINS(r.checks[3].message, cases[i].says);
			OK(r.authentic == (cases[i].res != CHECK_FAIL));
			verify_report_release(&r);
		}
		site_release(&s);
	}
	/* Ids relative to the document: safe mode refuses them. */
	buf_reset(&prof);
	buf_printf(&prof, "{\"@context\": [\"%s\", \"%s\"], \"id\": \"%s\", "
	    "\"verificationMethod\": [{\"id\": \"#k\", \"type\": "
	    "\"Multikey\", \"controller\": \"%s\", \"publicKeyMultibase\": "
	    "\"%s\"}], \"assertionMethod\": [\"#k\"]}", KEY_CONTEXT_CID,
	    KEY_CONTEXT_MULTIKEY, issuer, issuer, did.data + 8);
	site_init(&s, "https://example.org/");
	site_text(&s, "content/keys/i.json", prof.data, prof.len);
	site_text(&s, "content/awards/a.json", cred.data, cred.len);
	if (verify_in(&r, &s, "content/awards/a.json") == 0) {
		INT_EQ(r.checks[3].result, CHECK_FAIL);
		CONTAINS(r.checks[3].message, "cannot be read as JSON-LD in safe "
		    "mode");
		OK(!r.authentic);
		verify_report_release(&r);
	}
	site_release(&s);
	buf_release(&did);
	buf_release(&vm);
	buf_release(&cred);
	buf_release(&prof);
}

/*
 * The JSON text of an OB 3.0 EndorsementCredential with this id, issuer
 * (a JSON value) and subject id; appended to out.
 */
static void
endorsement_text(struct buf *out, const char *id, const char *issuer,
    const char *subject)
{
	buf_printf(out, "{\"@context\": [\"https://www.w3.org/ns/"
	    "credentials/v2\", \"https://purl.imsglobal.org/spec/ob/v3p0/"
	    "context-3.0.3.json\"], \"id\": \"%s\", \"type\": "
	    "[\"VerifiableCredential\", \"EndorsementCredential\"], "
	    "\"name\": \"E\", \"issuer\": %s, "
	    "\"validFrom\": \"2025-01-01T00:00:00Z\", "
	    "\"credentialSubject\": {\"id\": \"%s\", \"type\": "
	    "[\"EndorsementSubject\"], \"endorsementComment\": "
	    "\"Good *work*\"}}", id, issuer, subject);
}

/* The endorsement of content file file in s, or NULL. */
static struct award *
endorsement_in(struct site *s, const char *file)
{
	size_t i;

	for (i = 0; i < s->m.ndocs; i++)
		if (s->m.docs[i]->kind == DOC_AWARD &&
		    strcmp(s->m.docs[i]->file, file) == 0)
			return s->m.docs[i]->obj;
	FAIL_AT("no document %s", file);
	return NULL;
}

/*
 * Endorsements, standalone and embedded, OB 3.0 and OB 2.0: each is
 * listed with the award, achievement or issuer its subject names,
 * verified like an award; one that does not verify is listed as such
 * and leaves what it endorses on the site; one that endorses nothing
 * of the site is not listed.
 */
static void
test_policy__endorsements(void)
{
	static const char ob2_issuer[] = "{\"@context\": \"https://w3id.org/"
	    "openbadges/v2\", \"type\": \"Issuer\", \"id\": "
	    "\"https://example.org/issuers/i.json\", \"name\": \"Partner\", "
	    "\"url\": \"https://partner.example/\", \"email\": "
	    "\"p@example.org\"}";
	static const char ob2_endorsement[] = "{\"@context\": \"https://"
	    "w3id.org/openbadges/v2\", \"type\": \"Endorsement\", \"id\": "
	    "\"https://example.org/endorsements/e.json\", \"claim\": {"
	    "\"id\": \"https://example.org/issuers/i.json\", "
	    "\"endorsementComment\": \"Self\"}, \"issuer\": \"https://"
	    "example.org/issuers/i.json\", \"issuedOn\": "
	    "\"2026-01-01T00:00:00Z\", \"verification\": {\"type\": "
	    "\"HostedBadge\"}}";
	struct buf da = BUF_INIT, vma = BUF_INIT, db = BUF_INIT, vmb = BUF_INIT,
	    ia = BUF_INIT, ib = BUF_INIT, text = BUF_INIT, e = BUF_INIT,
	    emb = BUF_INIT, award = BUF_INIT, bad = BUF_INIT;
	struct verify_report r;
	struct award *aw, *en;
	struct site s;
	size_t i;

	did_and_vm(&da, &vma, seed_a);
	did_and_vm(&db, &vmb, seed_b);
	buf_printf(&ia, "\"%s\"", da.data);
	buf_printf(&ib, "{\"id\": \"%s\", \"type\": [\"Profile\"], "
	    "\"name\": \"Endorser B\", \"url\": \"https://b.example/\"}",
	    db.data);
	/* The award, endorsed inside by B. */
	endorsement_text(&text, "urn:uuid:e2", ib.data,
	    "urn:uuid:2f4e1a4c-5b0e-4d7a-9f55-0c3d6e0c9a11");
	sign_text(&e, text.data, vmb.data, seed_b);
	buf_printf(&emb, "\"endorsement\": [%s]", e.data);
	buf_reset(&text);
	credential_text(&text, ia.data, emb.data);
	sign_text(&award, text.data, vma.data, seed_a);

	site_init(&s, "https://example.org/");
	site_text(&s, "content/awards/a.json", award.data, award.len);
	/* B endorses the achievement, the issuer (A), and something else. */
	buf_reset(&text);
	buf_reset(&e);
	endorsement_text(&text, "urn:uuid:e1", ib.data,
	    "https://example.org/achievements/a");
	sign_text(&e, text.data, vmb.data, seed_b);
	site_text(&s, "content/endorsements/1.json", e.data, e.len);
	buf_reset(&text);
	buf_reset(&e);
	endorsement_text(&text, "urn:uuid:e3", ib.data, da.data);
	sign_text(&e, text.data, vmb.data, seed_b);
	site_text(&s, "content/endorsements/3.json", e.data, e.len);
	/* Its comment changed after signing: it fails. */
	buf_printf(&bad, "%s", e.data);
	replace(&bad, "urn:uuid:e3", "urn:uuid:e4");
	replace(&bad, "Good *work*", "Excellent");
	site_text(&s, "content/endorsements/4.json", bad.data, bad.len);
	buf_reset(&text);
	buf_reset(&e);
	endorsement_text(&text, "urn:uuid:e5", ib.data,
	    "https://elsewhere.example/badge");
	sign_text(&e, text.data, vmb.data, seed_b);
	site_text(&s, "content/endorsements/5.json", e.data, e.len);
	/* OB 2.0, hosted: the partner endorses itself. */
	site_text(&s, "content/issuers/i.json", ob2_issuer,
	    strlen(ob2_issuer));
	site_text(&s, "content/endorsements/ob2.json", ob2_endorsement,
	    strlen(ob2_endorsement));

	if ((aw = (struct award *)site_award(&s, "content/awards/a.json")) ==
	    NULL)
		goto out;
	CONTAINS(s.log.data, "content/endorsements/5.json: endorses "
	    "https://elsewhere.example/badge, which is no award, badge class "
	    "or issuer of the site; the endorsement is not listed");
	INT_EQ(s.m.nendorsements, 5);
	INT_EQ(aw->nendorsements, 1);
	INT_EQ(aw->badge->nendorsements, 1);
	INT_EQ(aw->issuer->nendorsements, 2);
	if (aw->nendorsements == 1) {
		STR_EQ(aw->endorsements[0]->file, "content/awards/a.json: "
		    "endorsement[0]");
		STR_EQ(aw->endorsements[0]->issuer->name, "Endorser B");
		STR_EQ(aw->endorsements[0]->comment, "Good *work*");
	}
	for (i = 0; i < s.m.nendorsements; i++) {
		en = s.m.endorsements[i];
		if (verify_award(&r, &s.m, en, now()) < 0) {
			FAIL_AT("%s: not verified", en->file);
			continue;
		}
		/* No recipient check for an endorsement. */
		OK(strcmp(r.checks[1].name, "recipient") != 0);
		if (strcmp(en->file, "content/endorsements/4.json") == 0)
			OK(!r.authentic);
		else if (!r.valid) {
			FAIL_AT("%s is not valid", en->file);
			dump(&r);
		}
		verify_report_release(&r);
	}
	en = endorsement_in(&s, "content/endorsements/ob2.json");
	if (en != NULL) {
		OK(en->form == FORM_OB2_HOSTED);
		STR_EQ(en->json_path, "endorsements/e.json");
		INT_EQ(verify_recipient_count(en), 0);
	}
	/* The award stays, and verifies. */
	if (verify_in(&r, &s, "content/awards/a.json") == 0) {
		OK(r.valid);
		verify_report_release(&r);
	}
out:
	site_release(&s);
	buf_release(&da);
	buf_release(&vma);
	buf_release(&db);
	buf_release(&vmb);
	buf_release(&ia);
	buf_release(&ib);
	buf_release(&text);
	buf_release(&e);
	buf_release(&emb);
	buf_release(&award);
	buf_release(&bad);
}

/* The contexts keygen and verification agree on. */
static void
test_policy__context_list(void)
{
	const char *const *c = key_controller_contexts(NULL);

	STR_EQ(c[0], KEY_CONTEXT_DID);
	STR_EQ(c[1], KEY_CONTEXT_MULTIKEY);
	OK(c[2] == NULL);
	STR_EQ(key_method_context("JsonWebKey"), KEY_CONTEXT_JWK);
	STR_EQ(key_method_context("Ed25519VerificationKey2020"),
	    KEY_CONTEXT_ED25519_2020);
	OK(key_controller_contexts("RsaVerificationKey2018") == NULL);
	OK(jsonld_context_known(KEY_CONTEXT_DID));
	OK(jsonld_context_known(KEY_CONTEXT_MULTIKEY));
	OK(jsonld_context_known(KEY_CONTEXT_JWK));
	OK(jsonld_context_known(KEY_CONTEXT_ED25519_2020));
	OK(jsonld_context_known(KEY_CONTEXT_CID));
}

TESTS(T(test_policy__subject_without_id), T(test_policy__did_issuer),
    T(test_policy__profile_name), T(test_policy__proof_set),
    T(test_policy__controller_contexts), T(test_policy__context_list),
    T(test_policy__endorsements), T(test_policy__no_valid_from))
