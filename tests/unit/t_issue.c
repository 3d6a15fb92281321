/*
 * t_issue.c - building, signing and writing awards: the pieces (address
 * and name rules, dates, names of files, identity hashes, documents),
 * signatures checked with the verifiers of jws.h and proof.h, and whole
 * runs against a site written into a temporary directory.  The keys are
 * the test keys of tests/data/jws.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "hash.h"
#include "issue.h"
#include "jws.h"
#include "key.h"
#include "proof.h"
#include "harness.h"

#define KEYS	"tests/data/jws/"
/* The mozilla test keys, in tests/data/vectors/ (relative to KEYS). */
#define MOZ	"../vectors/mozilla-openbadges-validator/"
#define BADGE	"https://badges.test.example/badges/data.json"
#define ISSUER	"https://badges.test.example/issuers/uni.json"
#define KEYID	"https://badges.test.example/keys/k1.json"
#define EDKEY	"https://badges.test.example/keys/ed.json"

static int
sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
sh(const char *fmt, ...)
{
	struct buf cmd = BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	rc = system(cmd.data);
	if (rc != 0)
		fprintf(stderr, "  command failed (%d): %s\n", rc, cmd.data);
	buf_release(&cmd);
	return rc;
}

static char *
slurp(const char *path)
{
	struct buf b = BUF_INIT;
	FILE *fp = fopen(path, "rb");
	char tmp[4096];
	size_t n;

	if (fp == NULL)
		return NULL;
	while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
		buf_put(&b, tmp, n);
	fclose(fp);
	return buf_detach(&b, NULL);
}

static void
spit(const char *dir, const char *rel, const char *text)
{
	struct buf p = BUF_INIT;
	FILE *fp;

	buf_printf(&p, "%s/%s", dir, rel);
	sh("mkdir -p \"$(dirname '%s')\"", p.data);
	if ((fp = fopen(p.data, "wb")) == NULL)
		FAIL_AT("cannot write %s", p.data);
	else {
		fputs(text, fp);
		fclose(fp);
	}
	buf_release(&p);
}

/* A CryptographicKey document holding the PEM of pubfile. */
static void
key_doc(const char *dir, const char *rel, const char *id, const char *owner,
    const char *pubfile)
{
	struct buf b = BUF_INIT;
	char *pem = slurp(pubfile);

	buf_printf(&b, "{\"@context\":\"https://w3id.org/openbadges/v2\","
	    "\"type\":\"CryptographicKey\",\"id\":\"%s\",\"owner\":\"%s\","
	    "\"publicKeyPem\":", id, owner);
	json_write_str(&b, pem ? pem : "", pem ? strlen(pem) : 0, 0);
	buf_puts(&b, "}\n");
	spit(dir, rel, b.data);
	free(pem);
	buf_release(&b);
}

static struct key *
pub_of(const char *pemfile)
{
	struct key *k = NULL;
	char *pem = slurp(pemfile);

	if (pem == NULL || key_from_pem(&k, pem, strlen(pem), pemfile,
	    NULL) < 0)
		FAIL_AT("cannot load %s", pemfile);
	free(pem);
	return k;
}

/*
 * A site: one issuer listing KEYID (held by rsa-public.pem), the badge
 * class and an award of it; keys: k1 (the RSA key), k2 (owned by someone else), k3
 * (listed, another public key), a JWK set with the P-256 key.
 */
static char *
make_site(void)
{
	char tmpl[] = "/tmp/t_issue.XXXXXX", *dir;
	char *p256;
	struct buf b = BUF_INIT, mb = BUF_INIT;
	struct key *ed;

	/* The clock of every run: 2026-05-28T20:26:40Z. */
	setenv("SOURCE_DATE_EPOCH", "1780000000", 1);
	if ((dir = mkdtemp(tmpl)) == NULL) {
		FAIL_AT("mkdtemp");
		return NULL;
	}
	dir = strdup(dir);
	spit(dir, "site.conf", "title = T\nbase_url = https://badges.test."
	    "example/\nlang = en\ntimezone = Asia/Tokyo\n");
	spit(dir, "content/issuers/uni.json", "{\"@context\":[\"https://w3id."
	    "org/openbadges/v2\",\"https://www.w3.org/ns/did/v1\","
	    "\"https://w3id.org/security/multikey/v1\"],\"type\":\"Issuer\","
	    "\"id\":\"" ISSUER "\","
	    "\"name\":\"Uni\",\"url\":\"https://www.test.example/\","
	    "\"publicKey\":[\"" KEYID "\",\"https://badges.test.example/keys/"
	    "k3.json\"],\"assertionMethod\":[\"" EDKEY "\"]}\n");
	/* The Ed25519 key: a verification method the issuer lists. */
	ed = pub_of(KEYS "ed25519-public.pem");
	if (ed == NULL || key_to_multikey(&mb, ed, NULL) < 0)
		FAIL_AT("the Ed25519 test key");
	buf_printf(&b, "{\"@context\":\"https://w3id.org/security/multikey/"
	    "v1\",\"id\":\"" EDKEY "\",\"type\":\"Multikey\",\"controller"
	    "\":\"" ISSUER "\",\"publicKeyMultibase\":\"%s\"}\n", mb.data);
	spit(dir, "content/keys/ed.json", b.data);
	buf_reset(&b);
	key_free(ed);
	buf_release(&mb);
	spit(dir, "content/badges/data.json", "{\"@context\":\"https://w3id."
	    "org/openbadges/v2\",\"type\":\"BadgeClass\",\"id\":\"" BADGE "\","
	    "\"name\":\"Data\",\"description\":\"Reading data.\","
	    "\"image\":\"https://badges.test.example/badges/data.png\","
	    "\"criteria\":{\"narrative\":\"Pass *the* exam.\"},"
	    "\"issuer\":\"" ISSUER "\",\"alignment\":[{\"targetName\":\"Stats\","
	    "\"targetUrl\":\"https://skills.test.example/stats\","
	    "\"targetCode\":\"S1\"}]}\n");
	spit(dir, "content/awards/2025/old.json", "{\"@context\":\"https://"
	    "w3id.org/openbadges/v2\",\"type\":\"Assertion\",\"id\":\"https://"
	    "badges.test.example/awards/2025/old.json\",\"recipient\":{"
	    "\"type\":\"email\",\"hashed\":false,\"identity\":\"o@example."
	    "org\"},\"badge\":\"" BADGE "\",\"verification\":{\"type\":"
	    "\"hosted\"},\"issuedOn\":\"2025-04-01T00:00:00Z\"}\n");
	key_doc(dir, "content/keys/k1.json", KEYID, ISSUER,
	    KEYS MOZ "rsa-public.pem");
	key_doc(dir, "content/keys/k2.json",
	    "https://badges.test.example/keys/k2.json",
	    "https://elsewhere.example/issuer", KEYS MOZ "rsa-public.pem");
	key_doc(dir, "content/keys/k3.json",
	    "https://badges.test.example/keys/k3.json", ISSUER,
	    KEYS MOZ "rsa-wrong-public.pem");
	p256 = slurp(KEYS "p256-public.jwk");
	buf_printf(&b, "{\"keys\":[%s]}\n", p256 ? p256 : "");
	spit(dir, "content/static/.well-known/jwks.json", b.data);
	free(p256);
	buf_release(&b);
	return dir;
}

static void
remove_site(char *dir)
{
	if (dir != NULL)
		sh("rm -rf '%s'", dir);
	free(dir);
}

/* The site of the run open_run opens (tests run one at a time). */
static const char *run_dir;
static struct site run_site;

static struct issue_opts
opts(const char *dir, const char *key, enum issue_format f,
    const char *key_id)
{
	struct issue_opts o;

	memset(&o, 0, sizeof(o));
	run_dir = dir;
	o.badge = BADGE;
	o.key_file = key;
	o.key_id = key_id;
	o.format = f;
	o.date = "2026-04-01T09:00:00+09:00";
	return o;
}

/*
 * Opens the site of the last opts() as badgegen issue does, then
 * issue_open, with messages captured; returns its result.  close_run
 * frees both.
 */
static int
open_run(struct issue **is, const struct issue_opts *o, struct buf *msgs)
{
	struct diag d = DIAG_INIT;
	struct site_opts so;

	d.quiet = true;
	d.capture = msgs;
	*is = NULL;
	memset(&so, 0, sizeof(so));
	so.repo = run_dir;
	if (site_open(&run_site, &so, SITE_MODEL | SITE_WORKTREE, &d) < 0)
		return -1;
	if (issue_open(is, &run_site, o, &d) < 0) {
		site_release(&run_site);
		return -1;
	}
	return 0;
}

static void
close_run(struct issue *is)
{
	issue_free(is);
	site_release(&run_site);
}

static int
award(struct issue *is, const char *email, const char *name,
    const char *date, struct buf *path, struct buf *msgs)
{
	struct diag d = DIAG_INIT;
	struct issue_input in;

	d.quiet = true;
	d.capture = msgs;
	memset(&in, 0, sizeof(in));
	in.where = "t";
	in.email = email;
	in.name = name;
	in.date = date;
	buf_reset(path);
	return issue_award(is, &in, path, &d);
}

static struct privkey *
priv_of(const char *pemfile)
{
	struct privkey *k = NULL;
	char *pem = slurp(pemfile);

	if (pem == NULL || privkey_from_pem(&k, pem, strlen(pem), pemfile,
	    NULL) < 0)
		FAIL_AT("cannot load %s", pemfile);
	free(pem);
	return k;
}

static void
test_issue__identity_hash(void)
{
	char h[ISSUE_HASH_LEN + 1];

	/* OPEN-BADGES.md 1.2, checked against the DCPV vectors. */
	issue_identity_hash(h, "nobody@example.org", "deadsea");
	STR_EQ(h, "sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e4"
	    "3f6a1d29891942");
	INT_EQ(identity_hash_match(h, "nobody@example.org", "deadsea", NULL),
	    1);
}

static void
test_issue__email_rules(void)
{
	struct buf out = BUF_INIT, m = BUF_INIT;
	struct diag d = DIAG_INIT;
	static const char *const bad[] = { "", "   ", "not-an-address",
	    "a b@example.org", "a@localhost", "\"a\"@example.org",
	    "a@example.org\nvisibility = private", "a@ex ample.org",
	    "山田@example.jp", "a@example.org#x", "@example.org" };
	size_t i;

	d.quiet = true;
	d.capture = &m;
	INT_EQ(issue_email_normalize(&out, "  Alice.Smith+tag@Example.ORG\t",
	    "x", &d), 0);
	STR_EQ(out.data, "alice.smith+tag@example.org");
	buf_reset(&out);
	/* Full-width and no-break spaces around it, as spreadsheets keep. */
	INT_EQ(issue_email_normalize(&out, "\xe3\x80\x80" "b@example.jp"
	    "\xc2\xa0", "x", &d), 0);
	STR_EQ(out.data, "b@example.jp");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&out);
		buf_reset(&m);
		if (issue_email_normalize(&out, bad[i], "a.csv:7", &d) != -1)
			FAIL_AT("accepted \"%s\"", bad[i]);
		OK(strncmp(m.data, "error: a.csv:7: ", 16) == 0);
		INT_EQ(out.len, 0);
	}
	buf_release(&out);
	buf_release(&m);
}

static void
test_issue__name_rules(void)
{
	struct buf out = BUF_INIT, m = BUF_INIT, big = BUF_INIT;
	struct diag d = DIAG_INIT;
	int i;

	d.quiet = true;
	d.capture = &m;
	INT_EQ(issue_name_normalize(&out, "\xe3\x80\x80山田 太郎 ", "x", &d),
	    0);
	STR_EQ(out.data, "山田 太郎");
	buf_reset(&out);
	INT_EQ(issue_name_normalize(&out, " \t ", "l:3", &d), -1);
	OK(strstr(m.data, "l:3: the name is empty") != NULL);
	INT_EQ(issue_name_normalize(&out, "a\nb", "l", &d), -1);
	INT_EQ(issue_name_normalize(&out, "a\xc2\x85" "b", "l", &d), -1);
	INT_EQ(issue_name_normalize(&out, "\xff", "l", &d), -1);
	for (i = 0; i <= ISSUE_NAME_MAX; i++)
		buf_putc(&big, 'x');
	INT_EQ(issue_name_normalize(&out, big.data, "l", &d), -1);
	INT_EQ(out.len, 0);
	buf_release(&out);
	buf_release(&m);
	buf_release(&big);
}

static void
test_issue__dates(void)
{
	struct tz *tokyo = NULL;
	int64_t t;

	INT_EQ(tz_load(&tokyo, "Asia/Tokyo", NULL), 0);
	INT_EQ(issue_parse_date(&t, "2026-04-01T09:00:00+09:00", tokyo), 0);
	INT_EQ(t, 1775001600);
	INT_EQ(issue_parse_date(&t, "2026-04-01T00:00:00Z", tokyo), 0);
	INT_EQ(t, 1775001600);
	/* No zone: the site's. */
	INT_EQ(issue_parse_date(&t, "2026-04-01T09:00:00", tokyo), 0);
	INT_EQ(t, 1775001600);
	INT_EQ(issue_parse_date(&t, "2026-04-01", tokyo), 0);
	INT_EQ(t, 1775001600 - 9 * 3600);
	INT_EQ(issue_parse_date(&t, "2026-04-01", NULL), 0);
	INT_EQ(t, 1775001600);
	/* As Excel writes dates in Japan. */
	INT_EQ(issue_parse_date(&t, "2026/4/1", tokyo), 0);
	INT_EQ(t, 1775001600 - 9 * 3600);
	INT_EQ(issue_parse_date(&t, "2026/4/1 9:00", tokyo), 0);
	INT_EQ(t, 1775001600);
	INT_EQ(issue_parse_date(&t, "2026-4-1 9:00:30", tokyo), 0);
	INT_EQ(t, 1775001630);
	INT_EQ(issue_parse_date(&t, "@1775001600", tokyo), 0);
	INT_EQ(t, 1775001600);
	INT_EQ(issue_parse_date(&t, "令和8年4月1日 9:00", tokyo), 0);
	INT_EQ(t, 1775001600);
	INT_EQ(issue_parse_date(&t, "R8.4.1", NULL), 0);
	INT_EQ(t, 1775001600);
	INT_EQ(issue_parse_date(&t, "2024/2/29", NULL), 0);
	INT_EQ(issue_parse_date(&t, "2026/2/29", NULL), -1);
	INT_EQ(issue_parse_date(&t, "2026/13/1", NULL), -1);
	INT_EQ(issue_parse_date(&t, "2026/4/1 24:00", NULL), -1);
	INT_EQ(issue_parse_date(&t, "2026/4/1x", NULL), -1);
	INT_EQ(issue_parse_date(&t, "yesterday", NULL), -1);
	INT_EQ(issue_parse_date(&t, "", NULL), -1);
	tz_free(tokyo);
}

static void
test_issue__names_and_randoms(void)
{
	struct buf b = BUF_INIT;
	char u1[ISSUE_UUID_LEN + 1], u2[ISSUE_UUID_LEN + 1];
	char s[ISSUE_SALT_LEN + 1];
	size_t i;

	issue_file_stem(&b, "data", BADGE, "carol@example.org");
	STR_EQ(b.data, "data-293a3a2f5d");
	issue_uuid(u1);
	issue_uuid(u2);
	INT_EQ(strlen(u1), 36);
	OK(strcmp(u1, u2) != 0);
	for (i = 0; i < 36; i++)
		OK(i == 8 || i == 13 || i == 18 || i == 23 ? u1[i] == '-' :
		    strchr("0123456789abcdef", u1[i]) != NULL);
	OK(u1[14] == '4');
	OK(strchr("89ab", u1[19]) != NULL);
	issue_salt(s);
	INT_EQ(strlen(s), 16);
	OK(strspn(s, "0123456789abcdef") == 16);
	buf_release(&b);
}

/* Fields for documents built without a site. */
static struct issue_fields
fields(const char *key_id)
{
	struct issue_fields f;

	memset(&f, 0, sizeof(f));
	f.id = "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66";
	f.email = "carol@example.org";
	f.salt = "0123456789abcdef";
	f.name = "Carol Q";
	f.when = 1775001600;
	f.badge_id = BADGE;
	f.issuer_id = ISSUER;
	f.key_id = key_id;
	return f;
}

static void
test_issue__ob2_signed(void)
{
	struct arena a = ARENA_INIT;
	struct issue_fields f = fields(KEYID);
	struct privkey *k = priv_of(KEYS MOZ "rsa-private.pem");
	struct key *pub = pub_of(KEYS MOZ "rsa-public.pem");
	struct key *wrong = pub_of(KEYS MOZ "rsa-wrong-public.pem");
	struct buf out = BUF_INIT;
	struct jws j;
	const struct json *b;
	char h[ISSUE_HASH_LEN + 1];

	memset(&j, 0, sizeof(j));
	INT_EQ(issue_sign(&out, ISSUE_OB2, issue_ob2_assertion(&a, &f), &f, k,
	    NULL), 0);
	OK(out.len > 0 && out.data[out.len - 1] == '\n');
	INT_EQ(jws_parse(&j, "ob2", out.data, out.len, NULL), 0);
	INT_EQ(j.header_len, 15);
	OK(memcmp(j.header, "{\"alg\":\"RS256\"}", 15) == 0);
	INT_EQ(jws_verify(&j, pub, NULL), 0);
	{
		struct diag q = DIAG_INIT;

		q.quiet = true;
		INT_EQ(jws_verify(&j, wrong, &q), KEY_EBADSIG);
	}
	b = j.body;
	STR_EQ(json_get_str(b, "@context"), "https://w3id.org/openbadges/v2");
	STR_EQ(json_get_str(b, "type"), "Assertion");
	STR_EQ(json_get_str(b, "id"), f.id);
	STR_EQ(json_get_str(json_get(b, "recipient"), "type"), "email");
	OK(json_get(json_get(b, "recipient"), "hashed")->type == JSON_TRUE);
	STR_EQ(json_get_str(json_get(b, "recipient"), "salt"), f.salt);
	issue_identity_hash(h, "carol@example.org", f.salt);
	STR_EQ(json_get_str(json_get(b, "recipient"), "identity"), h);
	STR_EQ(json_get_str(json_get(b, "extensions:recipientProfile"),
	    "name"), "Carol Q");
	OK(json_has_str(json_get(json_get(b, "extensions:recipientProfile"),
	    "type"), "extensions:RecipientProfile"));
	STR_EQ(json_get_str(b, "badge"), BADGE);
	STR_EQ(json_get_str(json_get(b, "verification"), "type"),
	    "SignedBadge");
	STR_EQ(json_get_str(json_get(b, "verification"), "creator"), KEYID);
	STR_EQ(json_get_str(b, "issuedOn"), "2026-04-01T00:00:00Z");
	jws_release(&j);
	privkey_free(k);
	key_free(pub);
	key_free(wrong);
	buf_release(&out);
	arena_release(&a);
}

static void
test_issue__ob3_vc_jwt(void)
{
	struct privkey *k = priv_of(KEYS "p256-private-pkcs8.pem");
	struct key *pub = pub_of(KEYS "p256-public.pem");
	static const char badge_json[] = "{\"criteria\":\"https://badges."
	    "test.example/criteria\",\"image\":{\"id\":\"https://badges.test."
	    "example/d.png\",\"caption\":\"D\"}}";
	struct issue_fields f = fields("https://badges.test.example/"
	    ".well-known/jwks.json#p256");
	struct issuer is;
	struct achievement ach;
	struct doc doc;
	struct arena a = ARENA_INIT;
	struct json *bj;
	struct buf out = BUF_INIT;
	struct jws j;
	const struct json *b, *subj, *ids, *an;

	memset(&j, 0, sizeof(j));
	memset(&is, 0, sizeof(is));
	memset(&ach, 0, sizeof(ach));
	memset(&doc, 0, sizeof(doc));
	is.id = ISSUER;
	is.name = "Uni";
	INT_EQ(json_parse(&bj, &a, "badge", badge_json, strlen(badge_json),
	    NULL), 0);
	doc.json = bj;
	ach.doc = &doc;
	ach.id = BADGE;
	ach.name = "Data";
	ach.description = "Reading data.";
	INT_EQ(issue_sign(&out, ISSUE_OB3_JWT, issue_ob3_credential(&a, &f,
	    &ach, &is), &f, k, NULL), 0);
	INT_EQ(jws_parse(&j, "jwt", out.data, out.len, NULL), 0);
	INT_EQ(j.alg, SIG_ES256);
	STR_EQ(j.kid, f.key_id);
	STR_EQ(j.typ, "JWT");
	INT_EQ(jws_verify(&j, pub, NULL), 0);
	b = j.body;
	OK(json_str_eq(json_at(json_get(b, "@context"), 0),
	    "https://www.w3.org/ns/credentials/v2"));
	OK(json_str_eq(json_at(json_get(b, "@context"), 1),
	    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
	OK(json_has_str(json_get(b, "type"), "OpenBadgeCredential"));
	STR_EQ(json_get_str(json_get(b, "issuer"), "id"), ISSUER);
	STR_EQ(json_get_str(json_get(b, "issuer"), "name"), "Uni");
	STR_EQ(json_get_str(b, "validFrom"), "2026-04-01T00:00:00Z");
	STR_EQ(json_get_str(b, "iss"), ISSUER);
	STR_EQ(json_get_str(b, "jti"), f.id);
	STR_EQ(json_get(b, "nbf")->str, "1775001600");
	subj = json_get(b, "credentialSubject");
	ids = json_get(subj, "identifier");
	INT_EQ(ids->len, 2);
	STR_EQ(json_get_str(json_at(ids, 0), "identityType"), "emailAddress");
	INT_EQ(identity_hash_match(json_get_str(json_at(ids, 0),
	    "identityHash"), "carol@example.org", f.salt, NULL), 1);
	STR_EQ(json_get_str(json_at(ids, 1), "identityType"), "name");
	STR_EQ(json_get_str(json_at(ids, 1), "identityHash"), "Carol Q");
	OK(json_get(json_at(ids, 1), "hashed")->type == JSON_FALSE);
	an = json_get(subj, "achievement");
	STR_EQ(json_get_str(an, "id"), BADGE);
	STR_EQ(json_get_str(json_get(an, "criteria"), "id"),
	    "https://badges.test.example/criteria");
	STR_EQ(json_get_str(json_get(an, "image"), "type"), "Image");
	STR_EQ(json_get_str(json_get(an, "image"), "caption"), "D");
	OK(json_get(an, "alignment") == NULL);
	jws_release(&j);
	privkey_free(k);
	key_free(pub);
	buf_release(&out);
	arena_release(&a);
}

/* A whole run, format ob3-di: the proof verifies with proof.h. */
static void
test_issue__ob3_data_integrity(void)
{
	char *dir = make_site();
	struct issue_opts o = opts(dir, KEYS "ed25519-private.pem",
	    ISSUE_OB3_DI, NULL);
	struct issue *is = NULL;
	struct buf m = BUF_INIT, path = BUF_INIT, file = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct json *doc;
	const struct json *proof, *an;
	unsigned char pub[32];
	struct key *ed = NULL;
	struct buf did = BUF_INIT, mb = BUF_INIT;
	char *text;

	INT_EQ(open_run(&is, &o, &m), 0);
	/* No --key-id: the method the issuer lists for this key. */
	OK(strstr(m.data, "did:key") == NULL);
	STR_EQ(issue_key_id(is), EDKEY);
	INT_EQ(award(is, "Dave@Example.org", "Dave", NULL, &path, &m), 0);
	OK(strncmp(path.data, "content/awards/2026/data-", 25) == 0);
	OK(strstr(path.data, ".json") != NULL);
	buf_printf(&file, "%s/%s", dir, path.data);
	text = slurp(file.data);
	OK(text != NULL);
	INT_EQ(json_parse(&doc, &a, "di", text, strlen(text), NULL), 0);
	proof = json_get(doc, "proof");
	STR_EQ(json_get_str(proof, "cryptosuite"), "eddsa-rdfc-2022");
	STR_EQ(json_get_str(proof, "verificationMethod"), EDKEY);
	STR_EQ(json_get_str(proof, "created"), "2026-04-01T00:00:00Z");
	ed = pub_of(KEYS "ed25519-public.pem");
	OK(ed != NULL);
	memcpy(pub, ed->ed25519, sizeof(pub));
	INT_EQ(di_verify(doc, proof, pub, NULL), 0);
	an = json_get(json_get(doc, "credentialSubject"), "achievement");
	STR_EQ(json_get_str(json_get(an, "criteria"), "narrative"),
	    "Pass *the* exam.");
	STR_EQ(json_get_str(json_at(json_get(an, "alignment"), 0),
	    "targetCode"), "S1");
	/* Change the name: the proof no longer holds. */
	{
		struct json *ids = (struct json *)json_get(json_get(doc,
		    "credentialSubject"), "identifier");
		struct diag q = DIAG_INIT;

		((struct json *)json_get(json_at(ids, 1),
		    "identityHash"))->str = "Mallory";
		q.quiet = true;
		INT_EQ(di_verify(doc, proof, pub, &q), -1);
	}
	free(text);
	close_run(is);
	is = NULL;

	/*
	 * Its did:key is not the issuer: verify would fail the award, so
	 * it is not written, and the run stops.
	 */
	INT_EQ(key_to_multikey(&mb, ed, NULL), 0);
	buf_printf(&did, "did:key:%s#%s", mb.data, mb.data);
	o = opts(dir, KEYS "ed25519-private.pem", ISSUE_OB3_DI, did.data);
	buf_reset(&m);
	INT_EQ(open_run(&is, &o, &m), 0);
	OK(strstr(m.data, "warning: the issuer's id is " ISSUER ", not "
	    "did:key:z6Mk") != NULL);
	buf_reset(&path);
	INT_EQ(award(is, "erin@example.org", "Erin", NULL, &path, &m),
	    ISSUE_EVERIFY);
	OK(strstr(m.data, "error: t: not written: badgegen verify would not "
	    "pass it") != NULL);
	OK(strstr(m.data, "fail key: signed by did:key:z6Mk") != NULL);
	INT_EQ(path.len, 0);
	buf_reset(&file);
	buf_printf(&file, "%s/content/awards/2026", dir);
	OK(sh("ls '%s' | grep -q '^data-.*json$'", file.data) == 0);
	OK(sh("test $(ls '%s' | wc -l) -eq 2", file.data) == 0);
	close_run(is);
	key_free(ed);
	buf_release(&did);
	buf_release(&mb);
	buf_release(&m);
	buf_release(&path);
	buf_release(&file);
	arena_release(&a);
	remove_site(dir);
}

/* A whole run, format ob2: files, sidecar, refusals, --force. */
static void
test_issue__ob2_run(void)
{
	char *dir = make_site();
	struct issue_opts o = opts(dir, KEYS MOZ "rsa-private.pem", ISSUE_OB2,
	    NULL);
	struct issue *is = NULL;
	struct buf m = BUF_INIT, path = BUF_INIT, file = BUF_INIT;
	struct award_conf ac;
	struct key *pub = pub_of(KEYS MOZ "rsa-public.pem");
	struct jws j;
	char *text;

	memset(&j, 0, sizeof(j));
	/* No --key-id: the listed key that matches the private key. */
	INT_EQ(open_run(&is, &o, &m), 0);
	OK(strstr(m.data, "error") == NULL);
	STR_EQ(issue_key_id(is), KEYID);
	INT_EQ(award(is, " Carol@Example.org ", "Carol", NULL, &path, &m), 0);
	STR_EQ(path.data, "content/awards/2026/data-293a3a2f5d.jws");
	buf_printf(&file, "%s/%s", dir, path.data);
	text = slurp(file.data);
	INT_EQ(jws_parse(&j, "a", text, strlen(text), NULL), 0);
	INT_EQ(jws_verify(&j, pub, NULL), 0);
	STR_EQ(json_get_str(j.body, "issuedOn"), "2026-04-01T00:00:00Z");
	jws_release(&j);
	free(text);

	/* The sidecar holds the address and parses as an award sidecar. */
	buf_reset(&file);
	buf_printf(&file, "%s/content/awards/2026/data-293a3a2f5d.conf", dir);
	text = slurp(file.data);
	STR_EQ(text, "email = carol@example.org\n");
	INT_EQ(award_conf_parse(&ac, "c", text, strlen(text), NULL), 0);
	STR_EQ(ac.email, "carol@example.org");
	award_conf_release(&ac);
	free(text);

	/* Twice in one run: refused. */
	buf_reset(&m);
	INT_EQ(award(is, "carol@example.org", "Carol", NULL, &path, &m), -1);
	OK(strstr(m.data, "error: t: carol@example.org has this badge already "
	    "in this run (t)") != NULL);
	/* Bad rows report with where. */
	buf_reset(&m);
	INT_EQ(award(is, "x", "X", NULL, &path, &m), -1);
	OK(strstr(m.data, "error: t: \"x\" is not an e-mail address") != NULL);
	INT_EQ(award(is, "e@example.org", "E", "2026/2/30", &path, &m), -1);
	OK(strstr(m.data, "error: t: date \"2026/2/30\"") != NULL);
	INT_EQ(award(is, "e@example.org", "E", "2999-01-01", &path, &m), -1);
	OK(strstr(m.data, "is in the future") != NULL);
	/* A row's own date decides the year. */
	INT_EQ(award(is, "e@example.org", "E", "2025/12/31", &path, &m), 0);
	OK(strncmp(path.data, "content/awards/2025/", 20) == 0);
	close_run(is);
	is = NULL;

	/* In a later run: the award exists. */
	buf_reset(&m);
	INT_EQ(open_run(&is, &o, &m), 0);
	INT_EQ(award(is, "carol@example.org", "Carol", NULL, &path, &m), -1);
	OK(strstr(m.data, "error: t: carol@example.org has this badge "
	    "already: content/awards/2026/data-293a3a2f5d.jws "
	    "(--skip-existing skips it, --force replaces it)") != NULL);
	close_run(is);
	is = NULL;

	/* --skip-existing: the award it has, and nothing written. */
	buf_reset(&m);
	o.skip_existing = true;
	INT_EQ(open_run(&is, &o, &m), 0);
	INT_EQ(award(is, "Carol@Example.org ", "Carol", NULL, &path, &m),
	    ISSUE_EXISTS);
	STR_EQ(path.data, "content/awards/2026/data-293a3a2f5d.jws");
	close_run(is);
	is = NULL;
	o.skip_existing = false;

	/* --force in another format replaces the award and its sidecar. */
	o = opts(dir, KEYS "ed25519-private.pem", ISSUE_OB3_JWT, NULL);
	o.force = true;
	buf_reset(&m);
	INT_EQ(open_run(&is, &o, &m), 0);
	INT_EQ(award(is, "carol@example.org", "Carol", NULL, &path, &m), 0);
	STR_EQ(path.data, "content/awards/2026/data-293a3a2f5d.jwt");
	buf_reset(&file);
	buf_printf(&file, "%s/content/awards/2026/data-293a3a2f5d.jws", dir);
	OK(access(file.data, F_OK) != 0);
	INT_EQ(award(is, "carol@example.org", "Carol", NULL, &path, &m), -1);
	OK(strstr(m.data, "has this badge already in this run (t)") != NULL);
	close_run(is);
	key_free(pub);
	buf_release(&m);
	buf_release(&path);
	buf_release(&file);
	remove_site(dir);
}

/* issue_open refuses what would not verify, saying how to fix it. */
static void
test_issue__key_checks(void)
{
	static const struct {
		const char	*key;
		enum issue_format fmt;
		const char	*key_id;
		const char	*badge;
		const char	*want;
	} cases[] = {
		{ MOZ "rsa-private.pem", ISSUE_OB2,
		  "https://badges.test.example/keys/k2.json", NULL,
		  "says its owner is https://elsewhere.example/issuer, not the "
		  "badge's issuer " ISSUER "; set \"owner\"" },
		{ MOZ "rsa-private.pem", ISSUE_OB2,
		  "https://badges.test.example/keys/k3.json", NULL,
		  "is not the key of https://badges.test.example/keys/k3.json" },
		{ MOZ "rsa-private.pem", ISSUE_OB2,
		  "https://badges.test.example/keys/none.json", NULL,
		  "no document of the site has this id" },
		{ MOZ "rsa-private.pem", ISSUE_OB2, BADGE, NULL,
		  "is not a CryptographicKey document" },
		{ "p256-private-pkcs8.pem", ISSUE_OB2, NULL, NULL,
		  "lists no CryptographicKey with this public key" },
		{ MOZ "rsa-private.pem", ISSUE_OB3_DI, NULL, NULL,
		  "--format ob3-di signs with Ed25519" },
		{ MOZ "rsa-private.pem", ISSUE_OB3_JWT, NULL, NULL,
		  "the site publishes no key of the issuer " ISSUER " that is "
		  "this RSA key" },
		{ MOZ "rsa-private.pem", ISSUE_OB3_JWT,
		  "https://badges.test.example/.well-known/jwks.json", NULL,
		  "is not the key that --key-id" },
		{ MOZ "rsa-private.pem", ISSUE_OB3_JWT,
		  "https://badges.test.example/nothing.json#x", NULL,
		  "the site has no document at" },
		{ "ed25519-private.pem", ISSUE_OB3_JWT,
		  "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", NULL,
		  "is not the did:key of --key" },
		{ MOZ "rsa-private.pem", ISSUE_OB2, NULL,
		  "https://badges.test.example/badges/none.json",
		  "no badge class of the site has this id, file or name; the "
		  "site's badge "
		  "classes:\n    " BADGE " (content/badges/data.json)" },
		{ MOZ "rsa-private.pem", ISSUE_OB2, NULL, ISSUER,
		  "is not a badge class" },
	};
	char *dir = make_site();
	struct issue *is = NULL;
	struct issue_opts o;
	struct buf m = BUF_INIT, key = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&key);
		buf_printf(&key, KEYS "%s", cases[i].key);
		o = opts(dir, key.data, cases[i].fmt, cases[i].key_id);
		if (cases[i].badge != NULL)
			o.badge = cases[i].badge;
		buf_reset(&m);
		if (open_run(&is, &o, &m) != -1 || is != NULL)
			FAIL_AT("case %zu accepted", i);
		if (strstr(m.data, cases[i].want) == NULL)
			FAIL_AT("case %zu: \"%s\" not in:\n%s", i,
			    cases[i].want, m.data);
		close_run(is);
		is = NULL;
	}
	/* The P-256 key of the JWK set is found by its kid and accepted. */
	o = opts(dir, KEYS "p256-private-pkcs8.pem", ISSUE_OB3_JWT,
	    "https://badges.test.example/.well-known/jwks.json");
	buf_reset(&m);
	INT_EQ(open_run(&is, &o, &m), 0);
	close_run(is);
	/* Not listed by the issuer: the CryptographicKey is not enough. */
	spit(dir, "content/issuers/uni.json", "{\"@context\":\"https://w3id."
	    "org/openbadges/v2\",\"type\":\"Issuer\",\"id\":\"" ISSUER "\","
	    "\"name\":\"Uni\"}\n");
	o = opts(dir, KEYS MOZ "rsa-private.pem", ISSUE_OB2, KEYID);
	buf_reset(&m);
	is = NULL;
	INT_EQ(open_run(&is, &o, &m), -1);
	OK(strstr(m.data, "does not list this key; add \"publicKey\": [\""
	    KEYID "\"] to content/issuers/uni.json") != NULL);
	buf_release(&m);
	buf_release(&key);
	remove_site(dir);
}

static void
test_issue__key_place(void)
{
	char *dir = make_site();
	struct buf why = BUF_INIT, p = BUF_INIT;

	buf_printf(&p, "%s/content/keys/k.pem", dir);
	INT_EQ(issue_key_place(&why, p.data, NULL), ISSUE_PLACE_PUBLISHED);
	OK(strstr(why.data, "private keys never live under content/") != NULL);
	buf_reset(&why);
	buf_reset(&p);
	/* Not yet there, and through "..": still under content/. */
	buf_printf(&p, "%s/x/../content/new/dir/k.pem", dir);
	INT_EQ(issue_key_place(&why, p.data, NULL), ISSUE_PLACE_PUBLISHED);
	buf_reset(&why);
	buf_reset(&p);
	buf_printf(&p, "%s/public/k.pem", dir);
	INT_EQ(issue_key_place(&why, p.data, NULL), ISSUE_PLACE_PUBLISHED);
	OK(strstr(why.data, "the output directory") != NULL);
	buf_reset(&why);
	buf_reset(&p);
	buf_printf(&p, "%s/k.pem", dir);
	INT_EQ(issue_key_place(&why, p.data, NULL), ISSUE_PLACE_OK);
	STR_EQ(why.data, "");
	sh("mkdir '%s/.git'", dir);
	INT_EQ(issue_key_place(&why, p.data, NULL), ISSUE_PLACE_GIT);
	OK(strstr(why.data, "inside the git work tree") != NULL);
	buf_release(&why);
	buf_release(&p);
	remove_site(dir);
}

TESTS(
	T(test_issue__identity_hash),
	T(test_issue__email_rules),
	T(test_issue__name_rules),
	T(test_issue__dates),
	T(test_issue__names_and_randoms),
	T(test_issue__ob2_signed),
	T(test_issue__ob3_vc_jwt),
	T(test_issue__ob3_data_integrity),
	T(test_issue__ob2_run),
	T(test_issue__key_checks),
	T(test_issue__key_place)
)
