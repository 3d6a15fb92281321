/*
 * t_proof.c - Data Integrity proofs: every credential of the vector
 * collection copied into tests/data/vectors (see its README for sources and
 * verdicts), the spec vectors' intermediate values, signing, and attacks.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "jcs.h"
#include "jsonld.h"
#include "proof.h"
#include "sign.h"
#include "harness.h"

#define DI	"tests/data/vectors/"

static int
slurp(struct buf *out, const char *path)
{
	FILE *fp;
	char tmp[8192];
	size_t n;

	buf_reset(out);
	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
		buf_put(out, tmp, n);
	fclose(fp);
	return 0;
}

static struct json *
load(struct arena *a, struct buf *text, const char *path)
{
	struct diag d = DIAG_INIT;
	struct json *v;

	d.quiet = true;
	if (slurp(text, path) < 0 ||
	    json_parse(&v, a, path, text->data, text->len, &d) < 0)
		return NULL;
	return v;
}

static int
hex2bin(unsigned char *out, size_t n, const char *hex)
{
	size_t len;

	return sodium_hex2bin(out, n, hex, strlen(hex), NULL, &len, NULL) ==
	    0 && len == n ? 0 : -1;
}

/* The text of a file without its final newline, for hex files. */
static const char *
trimmed(struct buf *b, const char *path)
{
	if (slurp(b, path) < 0)
		return "";
	while (b->len > 0 && (b->data[b->len - 1] == '\n' ||
	    b->data[b->len - 1] == '\r'))
		buf_truncate(b, b->len - 1);
	return b->data;
}

/*
 * The test's key resolver.  did:key is decoded; the two did:web DIDs of
 * the DCC fixtures resolve to their archived did.json; for the 1EdTech
 * vectors' "https://...#z6Mk..." (and their did:web at dc.1edtech.org)
 * the key is taken from the URL fragment, as the 1EdTech validator does.
 * That shortcut is for these tests only: anyone can mint such a URL.
 */
static int
resolve_key(unsigned char pub[32], const char *vm)
{
	static const struct {
		const char	*did;
		const char	*file;
	} web[] = {
		{ "did:web:digitalcredentials.github.io:vc-test-fixtures:"
		    "dids:legacy", DI "dcc-vc-test-fixtures/dids/legacy/"
		    "did.json" },
		{ "did:web:digitalcredentials.github.io:vc-test-fixtures:"
		    "dids:oidf", DI "dcc-vc-test-fixtures/dids/oidf/did.json" },
	};
	struct arena a = ARENA_INIT;
	struct buf text = BUF_INIT;
	struct diag d = DIAG_INIT;
	const struct json *doc, *m;
	const char *hash;
	size_t i, n;
	int rc = -1;

	d.quiet = true;
	if (vm == NULL)
		return -1;
	if (strncmp(vm, "did:key:", 8) == 0)
		return di_did_key_public(pub, vm, &d);
	hash = strchr(vm, '#');
	for (i = 0; i < sizeof(web) / sizeof(web[0]); i++) {
		n = strlen(web[i].did);
		if (strncmp(vm, web[i].did, n) != 0 || vm[n] != '#')
			continue;
		if ((doc = load(&a, &text, web[i].file)) == NULL)
			goto out;
		/* A key authorized for assertionMethod, given in full. */
		m = json_get(doc, "assertionMethod");
		for (m = m != NULL ? m->child : NULL; m != NULL; m = m->next)
			if (json_str_eq(json_get(m, "id"), vm))
				rc = di_multikey_decode(pub,
				    json_get_str(m, "publicKeyMultibase"), &d);
		goto out;
	}
	if (hash != NULL && (strncmp(vm, "https://", 8) == 0 ||
	    strncmp(vm, "did:web:dc.1edtech.org:", 23) == 0))
		rc = di_multikey_decode(pub, hash + 1, &d);
out:
	buf_release(&text);
	arena_release(&a);
	return rc;
}

/* The verdict for one proof: OK SIGFAIL CANON KEY UNSUPPORTED OTHER. */
static const char *
verdict(const struct json *doc, const struct json *proof, struct buf *msg)
{
	struct diag d = DIAG_INIT;
	unsigned char h[64], pub[32];
	enum di_suite s;

	d.quiet = true;
	d.capture = msg;
	buf_reset(msg);
	if (di_suite_of(&s, proof, &d) < 0)
		return "UNSUPPORTED";
	if (di_hash_data(h, doc, proof, &d) < 0)
		return "CANON";
	if (resolve_key(pub, json_get_str(proof, "verificationMethod")) < 0)
		return "KEY";
	if (di_verify(doc, proof, pub, &d) == 0)
		return "OK";
	if (strstr(msg->data, "signature does not match") != NULL)
		return "SIGFAIL";
	return "OTHER";
}

/* The verdicts of all proofs of the file, space-separated. */
static void
file_verdicts(struct buf *out, const char *path)
{
	struct arena a = ARENA_INIT;
	struct buf text = BUF_INIT, msg = BUF_INIT;
	const struct json *doc, *proof, *p;

	buf_reset(out);
	if ((doc = load(&a, &text, path)) == NULL) {
		buf_puts(out, "PARSE");
		goto out;
	}
	if ((proof = json_get(doc, "proof")) == NULL) {
		buf_puts(out, "NOPROOF");
		goto out;
	}
	for (p = proof->type == JSON_ARRAY ? proof->child : proof; p != NULL;
	    p = proof->type == JSON_ARRAY ? p->next : NULL) {
		if (out->len > 0)
			buf_putc(out, ' ');
		buf_puts(out, verdict(doc, p, &msg));
	}
out:
	buf_release(&text);
	buf_release(&msg);
	arena_release(&a);
}

/*
 * Every Data Integrity credential of tests/data/vectors and the verdict of each of its
 * top-level proofs, in order (README lists the same).  OK verified;
 * SIGFAIL canonicalized but the signature does not match; CANON
 * canonicalization refused (safe mode, unknown context); KEY no key for
 * the verification method; UNSUPPORTED proof type or cryptosuite;
 * NOPROOF; PARSE not JSON.
 */
static const struct {
	const char	*file;
	const char	*verdicts;
} vectors[] = {
	{ "1edtech-dcpv/ob30/bit-string-list/credential-status-revoked-blank-nodes.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/bit-string-list/credential-status-revoked.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/bit-string-list/testlist",
	    "OK" },
	{ "1edtech-dcpv/ob30/complete.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/complete_v1.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/credential-status-revoked.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/endorsement-err-schema-status-refresh.json",
	    "SIGFAIL" },
	{ "1edtech-dcpv/ob30/endorsement-valid.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/sd/derivedcredential.json",
	    "UNSUPPORTED" },
	{ "1edtech-dcpv/ob30/simple-context-alias.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/simple-context-version.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/simple-did-key-method.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/simple-did-web-method.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/simple-eddsa-2022.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/simple-err-context.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/simple-err-credential-subject-achievement-result-description-type.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/simple-err-credential-subject-identifier-type.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/simple-err-credential-subject-profile-type.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/simple-err-credential-subject-result-type.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/simple-err-credential-subject-type.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/simple-err-evidence-type.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/simple-err-expired.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/simple-err-issued.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/simple-err-issuer-otheridentifier-type.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/simple-err-issuer-parentorg-type.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/simple-err-issuer-type.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/simple-err-issuer.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/simple-err-proof-method-no-scheme.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/simple-err-proof-method-unknown-did-method.json",
	    "KEY" },
	{ "1edtech-dcpv/ob30/simple-err-proof-method-unknown-scheme.json",
	    "KEY" },
	{ "1edtech-dcpv/ob30/simple-err-proof-method.json",
	    "KEY" },
	{ "1edtech-dcpv/ob30/simple-err-proof-value.json",
	    "SIGFAIL" },
	{ "1edtech-dcpv/ob30/simple-err-type.json",
	    "CANON" },
	{ "1edtech-dcpv/ob30/simple-multiple-proofs.json",
	    "UNSUPPORTED OK" },
	{ "1edtech-dcpv/ob30/simple-noproof.json",
	    "NOPROOF" },
	{ "1edtech-dcpv/ob30/simple.json",
	    "OK" },
	{ "1edtech-dcpv/ob30/simple_v1.json",
	    "OK" },
	{ "1edtech-spec/ob3-ldp-test-vector/credential-signed.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/statusLists/didkey-ed25519Signature2020/e5WK8CbZ1GjycuPombrj",
	    "OK" },
	{ "dcc-vc-test-fixtures/statusLists/didkey-ed25519Signature2020/expired",
	    "OK" },
	{ "dcc-vc-test-fixtures/statusLists/didkey-ed25519Signature2020/missingBitStringType",
	    "OK" },
	{ "dcc-vc-test-fixtures/statusLists/didkey-ed25519Signature2020/notYetValid",
	    "OK" },
	{ "dcc-vc-test-fixtures/statusLists/didkey-ed25519Signature2020/tampered",
	    "SIGFAIL" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didKey/fourRegistry-noStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry-basicOBv3.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didKey/mixedRegistry-validStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didKey/noRegistry-noStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didKey/oidf-noStatus-expired.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didKey/oidf-noStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didKey/oidf-revokedStatus-expired.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didWeb/legacy-noStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didWeb/legacy-revokedStaus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didWeb/legacy-validStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didWeb/oidf-noStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didWeb/oidf-revokedStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didWeb/oidf-validStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/fourRegistry-noStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/legacy-noStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-oldDCCExample.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/mixedRegistry-validStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/noRegistry-noStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/oidf-noStatus-expired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/oidf-noStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/oidf-revokedStatus-expired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didWeb/legacy-noStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didWeb/legacy-revokedStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didWeb/legacy-validStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didWeb/oidf-noStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didWeb/oidf-revokedStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didWeb/oidf-validStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/fourRegistry-noStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/legacy-noStatus-expired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/legacy-noStatus-noExpiry-stringIssuerId.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/legacy-noStatus-noExpiry.json",
	    "PARSE" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/legacyRegistry-noStatus-noExpiry-issuerImageId.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/mixedRegistry-validStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/noRegistry-noStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/oidf-noStatus-expired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/oidf-noStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/oidf-revokedStatus-expired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didWeb/legacy-noStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didWeb/legacy-revokedStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didWeb/legacy-validStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didWeb/oidf-noStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didWeb/oidf-revokedStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didWeb/oidf-validStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry-nonOBWithOBContext.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement-withSchema.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didkey/noRegistry-revokedStatus-expired.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didkey/noRegistry-revokedStatus-notExpired.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didkey/oidf-revokedStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didweb/legacy-revokedStatus-expired.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didweb/legacy-revokedStatus-noExpiry.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didweb/oidf-noStatus-notExpired.json",
	    "OK OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-achievementTypeExample.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-basicOBv3.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-credName.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-credSubjName.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-identityHash.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-minimal.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-notExpired-withSchema.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/noRegistry-revokedStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/noRegsitry-revokedStatus-notExpired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-complexIssuer.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-notYetValid.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/oidf-revokedStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/twoOIDF-revoked-notExpired-badSchema.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/twoOIDF-validStatus-expired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didweb/legacy-revokedStatus-expired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didweb/legacy-revokedStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didweb/oidf-noStatus-notExpired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-expiredStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-missingTypeStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-noStatus-expired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-noStatus-noExpiry-lcwExperience.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-noStatus-noExpiry-stringIssuerId.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-noStatus-noExpiry-tampered.json",
	    "SIGFAIL" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-noStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-notYetValidStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-tamperedStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/noRegistry-revokedStatus-expired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/noRegistry-revokedStatus-notExpired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/oidf-revokedStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didWeb/badDidWeb.json",
	    "KEY" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didWeb/legacy-revokedStatus-expired.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didWeb/legacy-revokedStatus-noExpiry.json",
	    "OK" },
	{ "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didWeb/oidf-noStatus-notExpired.json",
	    "OK" },
	{ "dcc-verifier-core/derived-per-upstream-test-recipe/v1ExpiredAndTampered.json",
	    "SIGFAIL" },
	{ "dcc-verifier-core/derived-per-upstream-test-recipe/v1Tampered.json",
	    "SIGFAIL" },
	{ "dcc-verifier-core/derived-per-upstream-test-recipe/v2ExpiredAndTampered.json",
	    "SIGFAIL" },
	{ "dcc-verifier-core/derived-per-upstream-test-recipe/v2NoProof.json",
	    "NOPROOF" },
	{ "dcc-verifier-core/derived-per-upstream-test-recipe/v2NonURIId.json",
	    "CANON" },
	{ "dcc-verifier-core/derived-per-upstream-test-recipe/v2Tampered.json",
	    "SIGFAIL" },
	{ "dcc-verifier-core/derived-per-upstream-test-recipe/v2WithoutContext.json",
	    "CANON" },
	{ "dcc-verifier-core/derived-per-upstream-test-recipe/v2WithoutVCContext.json",
	    "CANON" },
	{ "dcc-verifier-core/status/e5WK8CbZ1GjycuPombrj",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/eddsa/v2/safeModeBreaker.json",
	    "CANON" },
	{ "dcc-verifier-core/verifiableCredentials/eddsa/v2/v2EddsaWithValidStatus.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/eddsaAndEd25519/v2/v2DoubleSigWithBadStatusUrl.json",
	    "OK OK" },
	{ "dcc-verifier-core/verifiableCredentials/eddsaAndEd25519/v2/v2DoubleSigWithValidStatus.json",
	    "OK OK" },
	{ "dcc-verifier-core/verifiableCredentials/v1/testVC.json",
	    "SIGFAIL SIGFAIL" },
	{ "dcc-verifier-core/verifiableCredentials/v1/v1Expired.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v1/v1ExpiredWithValidStatus.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v1/v1NoStatus.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v1/v1OBv3SpecExample.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v1/v1Revoked.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v1/v1RevokedAndExpired.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v1/v1SimpleIssuerId.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v1/v1WithValidStatus.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v2/didWeb/v2WithBadDidWeb.json",
	    "KEY" },
	{ "dcc-verifier-core/verifiableCredentials/v2/didWeb/v2didWebMultikeyWithValidStatus.json",
	    "KEY" },
	{ "dcc-verifier-core/verifiableCredentials/v2/didWeb/v2didWebWithValidStatus.json",
	    "KEY" },
	{ "dcc-verifier-core/verifiableCredentials/v2/v2Expired.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v2/v2ExpiredWithValidStatus.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v2/v2NoStatus.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v2/v2OBv3SpecExample.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v2/v2Revoked.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v2/v2RevokedAndExpired.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v2/v2SimpleIssuerId.json",
	    "OK" },
	{ "dcc-verifier-core/verifiableCredentials/v2/v2WithValidStatus.json",
	    "OK" },
	{ "derived/extracted-from-1edtech-ob30-simple-json.png.json",
	    "OK" },
	{ "derived/ob30-eddsa-rdfc-2022-spec-vector-name-tampered.json",
	    "SIGFAIL" },
	{ "derived/ob30-eddsa-rdfc-2022-spec-vector-wrong-key.json",
	    "SIGFAIL" },
	{ "w3c-vc-di-eddsa/TestVectors/Ed25519Signature2020/signedEdSig.json",
	    "OK" },
	{ "w3c-vc-di-eddsa/TestVectors/eddsa-jcs-2022/signedJCS.json",
	    "OK" },
	{ "w3c-vc-di-eddsa/TestVectors/eddsa-rdfc-2022/employ/signedDataInt.json",
	    "CANON" },
	{ "w3c-vc-di-eddsa/TestVectors/eddsa-rdfc-2022/signedDataInt.json",
	    "OK" },
	{ "w3c-vc-di-eddsa/TestVectors/proof-set-chain/signedProofChain1.json",
	    "OK OK OK" },
	{ "w3c-vc-di-eddsa/TestVectors/proof-set-chain/signedProofChain2.json",
	    "OK OK OK OK" },
	{ "w3c-vc-di-eddsa/TestVectors/proof-set-chain/signedProofSet1.json",
	    "OK" },
	{ "w3c-vc-di-eddsa/TestVectors/proof-set-chain/signedProofSet2.json",
	    "OK OK" },
};

static void
test_proof__vectors(void)
{
	struct buf got = BUF_INIT, path = BUF_INIT;
	size_t i, ok = 0;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		buf_reset(&path);
		buf_printf(&path, DI "%s", vectors[i].file);
		file_verdicts(&got, path.data);
		if (strcmp(got.data, vectors[i].verdicts) != 0)
			FAIL_AT("%s: %s, expected %s", vectors[i].file,
			    got.data, vectors[i].verdicts);
		else
			ok++;
	}
	printf("  %zu of %zu vector files as expected\n", ok, i);
	buf_release(&got);
	buf_release(&path);
}

/* Decodes base58btc (the tests' private keys). */
static int
b58(unsigned char *out, size_t max, size_t *n, const char *s)
{
	static const char al[] =
	    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
	unsigned char tmp[128];
	const char *p;
	size_t len = 0, i, zeros = 0;
	unsigned c;

	for (; *s == '1'; s++)
		zeros++;
	for (; *s != '\0'; s++) {
		if ((p = strchr(al, *s)) == NULL)
			return -1;
		c = (unsigned)(p - al);
		for (i = 0; i < len; i++) {
			c += tmp[i] * 58u;
			tmp[i] = (unsigned char)c;
			c >>= 8;
		}
		for (; c > 0; c >>= 8)
			tmp[len++] = (unsigned char)c;
	}
	if (zeros + len > max)
		return -1;
	memset(out, 0, zeros);
	for (i = 0; i < len; i++)
		out[zeros + i] = tmp[len - 1 - i];
	*n = zeros + len;
	return 0;
}

/* The seed of a multibase Ed25519 private key (multicodec 0x1300). */
static int
private_seed(unsigned char seed[32], const char *mb)
{
	unsigned char raw[64];
	size_t n;

	if (mb[0] != 'z' || b58(raw, sizeof(raw), &n, mb + 1) < 0 ||
	    n != 34 || raw[0] != 0x80 || raw[1] != 0x26)
		return -1;
	memcpy(seed, raw + 2, 32);
	return 0;
}

static const struct json *
first_proof(const struct json *doc)
{
	const struct json *p = json_get(doc, "proof");

	return p != NULL && p->type == JSON_ARRAY ? p->child : p;
}

/* The 1EdTech OB 3.0 test vector: N-Quads, hashes, signature. */
static void
test_proof__ob3_spec_vector_intermediate_values(void)
{
	struct arena a = ARENA_INIT;
	struct buf t1 = BUF_INIT, t2 = BUF_INIT, t3 = BUF_INIT, out = BUF_INIT,
	    want = BUF_INIT, iv = BUF_INIT;
	struct diag d = DIAG_INIT;
	const struct json *signed_doc, *unsigned_doc, *config, *again;
	unsigned char hash[64], want_hash[64], pub[32], key[64];
	char hex[129];

	d.quiet = true;
	signed_doc = load(&a, &t1, DI "1edtech-spec/ob3-ldp-test-vector/"
	    "credential-signed.json");
	unsigned_doc = load(&a, &t2, DI "1edtech-spec/ob3-ldp-test-vector/"
	    "credential-unsigned.json");
	config = load(&a, &t3, DI "1edtech-spec/ob3-ldp-test-vector/"
	    "proof-config.json");
	OK(signed_doc != NULL && unsigned_doc != NULL && config != NULL);
	if (signed_doc == NULL || unsigned_doc == NULL || config == NULL)
		goto out;

	/* The canonical N-Quads, byte for byte. */
	OK(jsonld_canonicalize(&out, unsigned_doc, &d) == 0);
	OK(slurp(&want, DI "1edtech-spec/ob3-ldp-test-vector/"
	    "document-canon.nq") == 0);
	OK(out.len == want.len && memcmp(out.data, want.data, out.len) == 0);
	buf_reset(&out);
	OK(jsonld_canonicalize(&out, config, &d) == 0);
	OK(slurp(&want, DI "1edtech-spec/ob3-ldp-test-vector/"
	    "proof-canon.nq") == 0);
	OK(out.len == want.len && memcmp(out.data, want.data, out.len) == 0);

	/* hashData = proof hash d34009ce... || document hash 87f65a76... */
	OK(di_hash_data(hash, signed_doc, first_proof(signed_doc), &d) == 0);
	sodium_bin2hex(hex, sizeof(hex), hash, 64);
	STR_EQ(hex, "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dc"
	    "ea10f5d1987f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f5256"
	    "6bb7f9e0773");
	OK(hex2bin(want_hash, 32, "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b"
	    "853f67ee44698dcea10f5d19") == 0);
	MEM_EQ(hash, want_hash, 32);

	/* The signature verifies with the published key. */
	OK(hex2bin(pub, 32, "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b2"
	    "0b71337ca04cc5a5") == 0);
	INT_EQ(di_verify(signed_doc, first_proof(signed_doc), pub, &d), 0);

	/* Signing the unsigned credential gives the same proofValue. */
	OK(slurp(&iv, DI "1edtech-spec/ob3-ldp-test-vector/"
	    "intermediate-values.txt") == 0);
	OK(hex2bin(key, 64, "6241a409e6707bb640a0140a8a32bc3d193c33a661747284"
	    "d6adfa4ed4180be44bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b2"
	    "0b71337ca04cc5a5") == 0);
	buf_reset(&out);
	OK(di_sign(&out, unsigned_doc, "eddsa-rdfc-2022",
	    json_get_str(first_proof(signed_doc), "verificationMethod"),
	    json_get_str(first_proof(signed_doc), "created"), key, &d) == 0);
	OK(json_parse((struct json **)&again, &a, "signed", out.data, out.len,
	    &d) == 0);
	STR_EQ(json_get_str(first_proof(again), "proofValue"),
	    "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZt"
	    "kMtSbz35HcbgXVEDYHxCzgkCr");
	OK(strstr(iv.data, json_get_str(first_proof(again), "proofValue")) !=
	    NULL);
	INT_EQ(di_verify(again, first_proof(again), pub, &d), 0);
out:
	buf_release(&t1);
	buf_release(&t2);
	buf_release(&t3);
	buf_release(&out);
	buf_release(&want);
	buf_release(&iv);
	arena_release(&a);
}

/* The W3C vc-di-eddsa vectors: canonical forms, hashes, signing. */
static void
test_proof__w3c_eddsa_vectors(void)
{
	static const struct {
		const char	*dir, *suite, *canon_doc, *proof_hash,
				*doc_hash, *sig, *signed_file;
	} v[] = {
		{ "eddsa-rdfc-2022", "eddsa-rdfc-2022", "canonDocDataInt.txt",
		    "proofHashDataInt.txt", "docHashDataInt.txt",
		    "sigBTC58DataInt.txt", "signedDataInt.json" },
		{ "eddsa-jcs-2022", "eddsa-jcs-2022", "canonDocJCS.txt",
		    "proofHashJCS.txt", "docHashJCS.txt", "sigBTC58JCS.txt",
		    "signedJCS.json" },
		{ "Ed25519Signature2020", "Ed25519Signature2020",
		    "canonDocEdSig.txt", "proofHashEdSig.txt",
		    "docHashEdSig.txt", "sigBTC58EdSig.txt",
		    "signedEdSig.json" },
	};
	struct arena a = ARENA_INIT;
	struct buf t1 = BUF_INIT, t2 = BUF_INIT, t3 = BUF_INIT, out = BUF_INIT,
	    want = BUF_INIT, path = BUF_INIT;
	struct diag d = DIAG_INIT;
	const struct json *keys, *unsigned_doc, *signed_doc, *p;
	struct json *again;
	unsigned char seed[32], pub[32], hash[64];
	char hex[129];
	size_t i;

	d.quiet = true;
	keys = load(&a, &t1, DI "w3c-vc-di-eddsa/TestVectors/keyPair.json");
	unsigned_doc = load(&a, &t2, DI "w3c-vc-di-eddsa/TestVectors/"
	    "unsigned.json");
	OK(keys != NULL && unsigned_doc != NULL);
	if (keys == NULL || unsigned_doc == NULL)
		goto out;
	OK(private_seed(seed, json_get_str(keys, "privateKeyMultibase")) == 0);
	OK(di_multikey_decode(pub, json_get_str(keys, "publicKeyMultibase"),
	    &d) == 0);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		buf_reset(&path);
		buf_printf(&path, DI "w3c-vc-di-eddsa/TestVectors/%s/%s",
		    v[i].dir, v[i].signed_file);
		signed_doc = load(&a, &t3, path.data);
		OK(signed_doc != NULL);
		if (signed_doc == NULL)
			continue;
		p = first_proof(signed_doc);

		/* The canonical document. */
		buf_reset(&out);
		if (strcmp(v[i].suite, "eddsa-jcs-2022") == 0)
			OK(jcs_write(&out, unsigned_doc, &d) == 0);
		else
			OK(jsonld_canonicalize(&out, unsigned_doc, &d) == 0);
		buf_reset(&path);
		buf_printf(&path, DI "w3c-vc-di-eddsa/TestVectors/%s/%s",
		    v[i].dir, v[i].canon_doc);
		OK(slurp(&want, path.data) == 0);
		if (want.len > 0 && want.data[want.len - 1] != '\n' &&
		    out.len > 0 && out.data[out.len - 1] == '\n')
			buf_truncate(&out, out.len - 1);
		if (out.len != want.len ||
		    memcmp(out.data, want.data, out.len) != 0)
			FAIL_AT("%s: canonical document differs", v[i].dir);

		/* Both hashes. */
		OK(di_hash_data(hash, signed_doc, p, &d) == 0);
		sodium_bin2hex(hex, sizeof(hex), hash, 32);
		buf_reset(&path);
		buf_printf(&path, DI "w3c-vc-di-eddsa/TestVectors/%s/%s",
		    v[i].dir, v[i].proof_hash);
		STR_EQ(hex, trimmed(&want, path.data));
		sodium_bin2hex(hex, sizeof(hex), hash + 32, 32);
		buf_reset(&path);
		buf_printf(&path, DI "w3c-vc-di-eddsa/TestVectors/%s/%s",
		    v[i].dir, v[i].doc_hash);
		STR_EQ(hex, trimmed(&want, path.data));
		INT_EQ(di_verify(signed_doc, p, pub, &d), 0);

		/* Signing reproduces the signature. */
		buf_reset(&out);
		OK(di_sign(&out, unsigned_doc, v[i].suite,
		    json_get_str(p, "verificationMethod"),
		    json_get_str(p, "created"), seed, &d) == 0);
		if (json_parse(&again, &a, "signed", out.data, out.len,
		    &d) < 0) {
			FAIL_AT("%s: signed output does not parse", v[i].dir);
			continue;
		}
		buf_reset(&path);
		buf_printf(&path, DI "w3c-vc-di-eddsa/TestVectors/%s/%s",
		    v[i].dir, v[i].sig);
		STR_EQ(json_get_str(first_proof(again), "proofValue"),
		    trimmed(&want, path.data));
		STR_EQ(json_get_str(first_proof(again), "proofValue"),
		    json_get_str(p, "proofValue"));
		INT_EQ(di_verify(again, first_proof(again), pub, &d), 0);
	}
out:
	buf_release(&t1);
	buf_release(&t2);
	buf_release(&t3);
	buf_release(&out);
	buf_release(&want);
	buf_release(&path);
	arena_release(&a);
}

/*
 * Verifies the spec vector after replacing `from' by `to' in its text;
 * returns di_verify's result and leaves the message in msg.
 */
static int
verify_edited(struct buf *msg, const char *from, const char *to)
{
	struct arena a = ARENA_INIT;
	struct buf text = BUF_INIT, edited = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct json *doc;
	unsigned char pub[32];
	const char *at;
	int rc = -1;

	buf_reset(msg);
	d.quiet = true;
	d.capture = msg;
	OK(slurp(&text, DI "1edtech-spec/ob3-ldp-test-vector/"
	    "credential-signed.json") == 0);
	if ((at = strstr(text.data, from)) == NULL) {
		FAIL_AT("\"%s\" not in the vector", from);
		goto out;
	}
	buf_put(&edited, text.data, (size_t)(at - text.data));
	buf_puts(&edited, to);
	buf_puts(&edited, at + strlen(from));
	if (json_parse(&doc, &a, "edited", edited.data, edited.len, &d) < 0)
		goto out;
	OK(hex2bin(pub, 32, "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b2"
	    "0b71337ca04cc5a5") == 0);
	rc = di_verify(doc, first_proof(doc), pub, &d);
out:
	buf_release(&text);
	buf_release(&edited);
	arena_release(&a);
	return rc;
}

static void
test_proof__attacks_and_refusals(void)
{
	struct buf msg = BUF_INIT;

	/* Unchanged: valid (the helper works). */
	INT_EQ(verify_edited(&msg, "\"proof\"", "\"proof\""), 0);
	/* Member order and white space do not matter to RDFC. */
	INT_EQ(verify_edited(&msg, "\"type\": [\n    \"VerifiableCredential\","
	    "\n    \"OpenBadgeCredential\"\n  ]", "\"type\":[\"OpenBadge"
	    "Credential\",\"VerifiableCredential\"]"), 0);
	/* A swapped verificationMethod changes the signed proof options. */
	INT_EQ(verify_edited(&msg, "\"verificationMethod\": \"https://example."
	    "edu/issuers/565049#", "\"verificationMethod\": \"https://evil."
	    "example/issuers/1#"), -1);
	OK(strstr(msg.data, "proof: signature does not match") != NULL);
	/* Tampered data: the name, the created time. */
	INT_EQ(verify_edited(&msg, "\"name\": \"Teamwork Badge\"",
	    "\"name\": \"Teamwork Badge!\""), -1);
	OK(strstr(msg.data, "signature does not match") != NULL);
	INT_EQ(verify_edited(&msg, "\"created\": \"2010-01-01T19:23:24Z\"",
	    "\"created\": \"2010-01-01T19:23:25Z\""), -1);
	OK(strstr(msg.data, "signature does not match") != NULL);
	/* A context that is not compiled in is refused by name. */
	INT_EQ(verify_edited(&msg, "\"@context\": [",
	    "\"@context\": [\"https://example.com/my-context.json\","), -1);
	OK(strstr(msg.data, "proof: canonicalization of the proof options "
	    "failed: jsonld: $.@context[0]: context https://example.com/my-"
	    "context.json is not compiled into badgegen") != NULL);
	/* A term that no context defines: safe mode names it. */
	INT_EQ(verify_edited(&msg, "\"credentialSubject\": {",
	    "\"credentialSubject\": {\"nickname\": \"x\","), -1);
	OK(strstr(msg.data, "proof: canonicalization of the document failed: "
	    "jsonld: $.credentialSubject.nickname: term \"nickname\" is not "
	    "defined by the active context") != NULL);
	/* An undefined type. */
	INT_EQ(verify_edited(&msg, "\"OpenBadgeCredential\"",
	    "\"OpenBadgeCredential\", \"Evil\""), -1);
	OK(strstr(msg.data, "relative @type reference \"Evil\"") != NULL);
	/* Proof options that are not acceptable. */
	INT_EQ(verify_edited(&msg, "\"assertionMethod\"", "\"authentication\""),
	    -1);
	OK(strstr(msg.data, "proof: proofPurpose must be assertionMethod") !=
	    NULL);
	INT_EQ(verify_edited(&msg, "\"eddsa-rdfc-2022\"", "\"ecdsa-rdfc-2019\""),
	    -1);
	STR_EQ(msg.data, "error: proof: unsupported cryptosuite "
	    "\"ecdsa-rdfc-2019\"\n");
	INT_EQ(verify_edited(&msg, "\"DataIntegrityProof\"",
	    "\"RsaSignature2018\""), -1);
	STR_EQ(msg.data, "error: proof: unsupported proof type "
	    "\"RsaSignature2018\"\n");
	INT_EQ(verify_edited(&msg, "\"proofValue\": \"z", "\"proofValue\": \"u"),
	    -1);
	OK(strstr(msg.data, "proofValue is not \"z\" + base58btc") != NULL);
	INT_EQ(verify_edited(&msg, "\"proofValue\": \"z5x9", "\"proofValue\": "
	    "\"z"), -1);
	OK(strstr(msg.data, "64-byte signature") != NULL);
	/* The legacy name of the cryptosuite is the same algorithm, but
	 * the name is signed. */
	INT_EQ(verify_edited(&msg, "\"eddsa-rdfc-2022\"", "\"eddsa-2022\""),
	    -1);
	OK(strstr(msg.data, "signature does not match") != NULL);
	buf_release(&msg);
}

/* eddsa-jcs-2022: a proof @context must open the document's. */
static void
test_proof__jcs_context_prefix(void)
{
	struct arena a = ARENA_INIT;
	struct buf text = BUF_INIT, msg = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct json *doc;
	unsigned char h[64];
	const char *bad = "{\"@context\": [\"https://www.w3.org/ns/"
	    "credentials/v2\"], \"name\": \"x\", \"proof\": {\"type\": "
	    "\"DataIntegrityProof\", \"cryptosuite\": \"eddsa-jcs-2022\", "
	    "\"@context\": [\"https://www.w3.org/2018/credentials/v1\"]}}";

	d.quiet = true;
	d.capture = &msg;
	OK(json_parse(&doc, &a, "t", bad, strlen(bad), &d) == 0);
	INT_EQ(di_hash_data(h, doc, json_get(doc, "proof"), &d), -1);
	OK(strstr(msg.data, "does not start with the proof's") != NULL);
	buf_release(&text);
	buf_release(&msg);
	arena_release(&a);
}

/* Signing with each suite, and adding a second proof (a proof set). */
static void
test_proof__sign_and_verify(void)
{
	static const char *suites[] = { "eddsa-rdfc-2022", "eddsa-jcs-2022",
	    "Ed25519Signature2020" };
	struct arena a = ARENA_INIT;
	struct buf text = BUF_INIT, out = BUF_INIT, out2 = BUF_INIT,
	    msg = BUF_INIT;
	struct diag d = DIAG_INIT;
	const struct json *doc, *p;
	struct json *s1, *s2;
	unsigned char seed[32], seed2[32], pk[32], pk2[32], sk[64];
	char vm[160];
	size_t i;

	d.quiet = true;
	d.capture = &msg;
	memset(seed, 7, sizeof(seed));
	memset(seed2, 9, sizeof(seed2));
	crypto_sign_seed_keypair(pk, sk, seed);
	crypto_sign_seed_keypair(pk2, sk, seed2);
	snprintf(vm, sizeof(vm), "did:example:issuer#key-1");
	doc = load(&a, &text, DI "1edtech-spec/ob3-ldp-test-vector/"
	    "credential-unsigned.json");
	OK(doc != NULL);
	if (doc == NULL)
		goto out;
	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		buf_reset(&out);
		buf_reset(&out2);
		if (strcmp(suites[i], "Ed25519Signature2020") == 0) {
			/* Needs the suite's context: sign a v2 credential
			 * that has it. */
			struct json *d2;
			const char *t = "{\"@context\": [\"https://www.w3.org/ns/"
			    "credentials/v2\", \"https://w3id.org/security/"
			    "suites/ed25519-2020/v1\"], \"type\": "
			    "\"VerifiableCredential\", \"issuer\": "
			    "\"did:example:issuer\", \"credentialSubject\": "
			    "{\"id\": \"did:example:me\"}}";

			OK(json_parse(&d2, &a, "t", t, strlen(t), &d) == 0);
			OK(di_sign(&out, d2, suites[i], vm,
			    "2024-01-01T00:00:00Z", seed, &d) == 0);
		} else
			OK(di_sign(&out, doc, suites[i], vm,
			    "2024-01-01T00:00:00Z", seed, &d) == 0);
		if (json_parse(&s1, &a, "s1", out.data, out.len, &d) < 0) {
			FAIL_AT("%s: %s", suites[i], msg.data);
			continue;
		}
		INT_EQ(di_verify(s1, json_get(s1, "proof"), pk, &d), 0);
		INT_EQ(di_verify(s1, json_get(s1, "proof"), pk2, &d), -1);
		OK(strstr(msg.data, "signature does not match") != NULL);
		buf_reset(&msg);
		/* A second proof, by another key: both verify. */
		OK(di_sign(&out2, s1, suites[i], "did:example:other#k",
		    "2024-01-02T00:00:00Z", seed2, &d) == 0);
		if (json_parse(&s2, &a, "s2", out2.data, out2.len, &d) < 0) {
			FAIL_AT("%s: %s", suites[i], msg.data);
			continue;
		}
		p = json_get(s2, "proof");
		INT_EQ(p->type, JSON_ARRAY);
		INT_EQ(p->len, 2);
		INT_EQ(di_verify(s2, json_at(p, 0), pk, &d), 0);
		INT_EQ(di_verify(s2, json_at(p, 1), pk2, &d), 0);
		if (msg.len > 0)
			FAIL_AT("%s: %s", suites[i], msg.data);
	}
	buf_reset(&out);
	INT_EQ(di_sign(&out, doc, "eddsa-2019", vm, "2024-01-01T00:00:00Z",
	    seed, &d), -1);
	OK(strstr(msg.data, "cannot sign with suite \"eddsa-2019\"") != NULL);
out:
	sodium_memzero(sk, sizeof(sk));
	buf_release(&text);
	buf_release(&out);
	buf_release(&out2);
	buf_release(&msg);
	arena_release(&a);
}

static void
test_proof__did_key_and_multikey(void)
{
	struct buf msg = BUF_INIT;
	struct diag d = DIAG_INIT;
	unsigned char pub[32], want[32];

	d.quiet = true;
	d.capture = &msg;
	OK(hex2bin(want, 32, "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b2"
	    "0b71337ca04cc5a5") == 0);
	INT_EQ(di_multikey_decode(pub, "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92Jm"
	    "QwXbd5hwi", &d), 0);
	MEM_EQ(pub, want, 32);
	INT_EQ(di_did_key_public(pub, "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ"
	    "5jHt92JmQwXbd5hwi", &d), 0);
	MEM_EQ(pub, want, 32);
	INT_EQ(di_did_key_public(pub, "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ"
	    "5jHt92JmQwXbd5hwi#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
	    &d), 0);
	MEM_EQ(pub, want, 32);
	INT_EQ(msg.len, 0);
	/* A fragment naming another key. */
	INT_EQ(di_did_key_public(pub, "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ"
	    "5jHt92JmQwXbd5hwi#z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q",
	    &d), -1);
	/* An X25519 key (multicodec 0xec) is not an Ed25519 key. */
	INT_EQ(di_multikey_decode(pub, "z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQj"
	    "QC23ZCit6F", &d), -1);
	INT_EQ(di_multikey_decode(pub, "z6MkjZRsdasZv3aez3r18pB1RBFJR1kwUVJ5jH"
	    "t92JmQwXbd5hwi", &d), -1);
	INT_EQ(di_multikey_decode(pub, "z0OIl", &d), -1);
	INT_EQ(di_multikey_decode(pub, "u7QE", &d), -1);
	INT_EQ(di_did_key_public(pub, "did:web:example.com", &d), -1);
	INT_EQ(di_did_key_public(pub, "did:key:", &d), -1);
	buf_release(&msg);
}

TESTS(T(test_proof__vectors),
    T(test_proof__ob3_spec_vector_intermediate_values),
    T(test_proof__w3c_eddsa_vectors), T(test_proof__attacks_and_refusals),
    T(test_proof__jcs_context_prefix), T(test_proof__sign_and_verify),
    T(test_proof__did_key_and_multikey))
