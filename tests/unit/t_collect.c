/*
 * t_collect.c - recipient collections: file names, keys, matching.
 */
#include <stdbool.h>
#include <string.h>

#include "collect.h"
#include "harness.h"
#include "hash.h"
#include "model.h"

#define OID	"0000000000000000000000000000000000000000"

static const char issuer_json[] =
    "{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Issuer\","
    " \"id\": \"https://b.test.example/issuers/u.json\","
    " \"name\": \"U\","
    " \"url\": \"https://www.test.example/\"}";
static const char badge_json[] =
    "{\"@context\": \"https://w3id.org/openbadges/v2\","
    " \"type\": \"BadgeClass\","
    " \"id\": \"https://b.test.example/badges/d.json\", \"name\": \"D\","
    " \"description\": \"x\", \"criteria\": {\"narrative\": \"y\"},"
    " \"issuer\": \"https://b.test.example/issuers/u.json\"}";

/* An assertion for an address, hashed with salt, issued at date. */
static void
add_award(struct model *m, const char *name, const char *email,
    const char *salt, const char *date, struct diag *d)
{
	unsigned char h[SHA256_LEN];
	char hex[2 * SHA256_LEN + 1], file[128];
	struct buf in = BUF_INIT, doc = BUF_INIT;
	size_t i;

	buf_printf(&in, "%s%s", email, salt);
	sha256(h, in.data, in.len);
	for (i = 0; i < SHA256_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	buf_printf(&doc, "{\"@context\": \"https://w3id.org/openbadges/v2\","
	    " \"type\": \"Assertion\","
	    " \"id\": \"https://b.test.example/awards/%s.json\","
	    " \"recipient\": {\"type\": \"email\", \"hashed\": true,"
	    " \"salt\": \"%s\", \"identity\": \"sha256$%s\"},"
	    " \"badge\": \"https://b.test.example/badges/d.json\","
	    " \"verification\": {\"type\": \"hosted\"},"
	    " \"issuedOn\": \"%s\"}", name, salt, hex, date);
	snprintf(file, sizeof(file), "content/awards/%s.json", name);
	OK(model_add_file(m, file, OID, doc.data, doc.len, d) == 0);
	buf_release(&in);
	buf_release(&doc);
}

/* A model of the test site: an issuer and a badge class, no award yet. */
static void
site_model(struct model *m, struct diag *d)
{
	model_init(m, "https://b.test.example/");
	OK(model_add_file(m, "content/issuers/u.json", OID, issuer_json,
	    strlen(issuer_json), d) == 0);
	OK(model_add_file(m, "content/badges/d.json", OID, badge_json,
	    strlen(badge_json), d) == 0);
}

static void
test_collect__slug(void)
{
	OK(collect_slug_ok("hanako-sato", 11));
	OK(collect_slug_ok("a1", 2));
	OK(!collect_slug_ok("", 0));
	OK(!collect_slug_ok("-a", 2));
	OK(!collect_slug_ok("Hanako", 6));
	OK(!collect_slug_ok("a_b", 3));
	OK(!collect_slug_ok("a.b", 3));
	OK(!collect_slug_ok("a/b", 3));
	OK(!collect_slug_ok("日本", strlen("日本")));
}

static void
test_collect__files(void)
{
	struct collections c = COLLECTIONS_INIT;
	struct buf log = BUF_INIT;
	struct diag d = DIAG_INIT;
	const char ok[] = "name = Hanako\nidentities = h@x.example "
	    "hanako@y.example\n";
	const char hidden[] = "name = H\nidentities = h@x.example\n"
	    "public = no\n";
	const char bad[] = "name = H\nidentities = nope\n";

	d.quiet = true;
	d.capture = &log;
	OK(collect_add_file(&c, "content/recipients/hanako.conf", ok,
	    strlen(ok), &d) == 0);
	OK(collect_add_file(&c, "content/recipients/hidden.conf", hidden,
	    strlen(hidden), &d) == 0);
	OK(collect_add_file(&c, "content/recipients/Bad.conf", ok,
	    strlen(ok), &d) < 0);
	OK(collect_add_file(&c, "content/recipients/x.json", ok,
	    strlen(ok), &d) < 0);
	OK(collect_add_file(&c, "content/recipients/.conf", ok,
	    strlen(ok), &d) < 0);
	OK(collect_add_file(&c, "content/recipients/bad.conf", bad,
	    strlen(bad), &d) < 0);
	OK(strstr(log.data, "content/recipients/Bad.conf") != NULL);
	OK(strstr(log.data, "content/recipients/bad.conf:2") != NULL);
	INT_EQ(c.n, 1);
	STR_EQ(c.items[0].slug, "hanako");
	STR_EQ(c.items[0].name, "Hanako");
	STR_EQ(c.items[0].path, "recipients/hanako/");
	INT_EQ(c.items[0].nemails, 2);
	collect_release(&c);
	INT_EQ(c.n, 0);
	buf_release(&log);
}

static void
test_collect__match(void)
{
	struct collections c = COLLECTIONS_INIT;
	struct buf log = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct model m;
	const char conf[] = "name = Hanako\nidentities = hanako@x.example "
	    "h.sato@y.example\n";
	const char other[] = "name = Zed\nidentities = zed@x.example\n";
	const char priv[] = "visibility = private\n";
	size_t i;

	d.quiet = true;
	d.capture = &log;
	site_model(&m, &d);
	add_award(&m, "a1", "hanako@x.example", "s1", "2026-01-01T00:00:00Z",
	    &d);
	add_award(&m, "a2", "h.sato@y.example", "s2", "2026-03-01T00:00:00Z",
	    &d);
	/* Without a salt. */
	add_award(&m, "a3", "hanako@x.example", "", "2026-02-01T00:00:00Z",
	    &d);
	add_award(&m, "a4", "hanako@x.example", "s4", "2026-04-01T00:00:00Z",
	    &d);
	add_award(&m, "a5", "someone@x.example", "s5", "2026-05-01T00:00:00Z",
	    &d);
	OK(model_add_file(&m, "content/awards/a4.conf", OID, priv,
	    strlen(priv), &d) == 0);
	OK(model_link(&m, &d) == 0);
	OK(collect_add_file(&c, "content/recipients/zed.conf", other,
	    strlen(other), &d) == 0);
	OK(collect_add_file(&c, "content/recipients/hanako.conf", conf,
	    strlen(conf), &d) == 0);
	collect_match(&c, &m);
	INT_EQ(c.n, 2);
	STR_EQ(c.items[0].slug, "hanako");	/* sorted by slug */
	INT_EQ(c.items[0].nawards, 3);		/* a4 is private */
	if (c.items[0].nawards == 3) {
		STR_EQ(c.items[0].awards[0]->file, "content/awards/a2.json");
		STR_EQ(c.items[0].awards[1]->file, "content/awards/a3.json");
		STR_EQ(c.items[0].awards[2]->file, "content/awards/a1.json");
	}
	INT_EQ(c.items[1].nawards, 0);
	for (i = 0; i < c.n; i++) {
		OK(c.items[i].emails == NULL);	/* forgotten */
		INT_EQ(c.items[i].nemails, 0);
	}
	if (log.len > 0)
		FAIL_AT("%s", log.data);
	collect_release(&c);
	model_release(&m);
	buf_release(&log);
}

/*
 * Awards whose sidecar names the recipient's address are matched by that
 * address, in any case; others (no address, or one that is not the
 * recipient's) against every address: the same collections either way.
 */
static void
test_collect__match_by_sidecar(void)
{
	struct collections c = COLLECTIONS_INIT;
	struct buf log = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct model m;
	const char hanako[] = "name = Hanako\nidentities = hanako@x.example "
	    "h.sato@y.example\n";
	const char both[] = "name = Both\nidentities = HANAKO@x.example "
	    "someone@x.example hanako@X.example\n";
	const char a1[] = "email = Hanako@X.example\n";
	const char a2[] = "email = wrong@x.example\n";
	const char a5[] = "email = someone@x.example\n";

	d.quiet = true;
	d.capture = &log;
	site_model(&m, &d);
	add_award(&m, "a1", "hanako@x.example", "s1", "2026-01-01T00:00:00Z",
	    &d);
	add_award(&m, "a2", "h.sato@y.example", "s2", "2026-03-01T00:00:00Z",
	    &d);
	add_award(&m, "a5", "someone@x.example", "s5", "2026-05-01T00:00:00Z",
	    &d);
	OK(model_add_file(&m, "content/awards/a1.conf", OID, a1, strlen(a1),
	    &d) == 0);
	OK(model_add_file(&m, "content/awards/a2.conf", OID, a2, strlen(a2),
	    &d) == 0);
	OK(model_add_file(&m, "content/awards/a5.conf", OID, a5, strlen(a5),
	    &d) == 0);
	OK(model_link(&m, &d) == 0);
	OK(collect_add_file(&c, "content/recipients/hanako.conf", hanako,
	    strlen(hanako), &d) == 0);
	OK(collect_add_file(&c, "content/recipients/both.conf", both,
	    strlen(both), &d) == 0);
	collect_match(&c, &m);
	INT_EQ(c.n, 2);
	STR_EQ(c.items[0].slug, "both");
	INT_EQ(c.items[0].nawards, 2);		/* a1 once, a5 */
	if (c.items[0].nawards == 2) {
		STR_EQ(c.items[0].awards[0]->file, "content/awards/a5.json");
		STR_EQ(c.items[0].awards[1]->file, "content/awards/a1.json");
	}
	STR_EQ(c.items[1].slug, "hanako");
	INT_EQ(c.items[1].nawards, 2);		/* a2 by its identity */
	if (c.items[1].nawards == 2) {
		STR_EQ(c.items[1].awards[0]->file, "content/awards/a2.json");
		STR_EQ(c.items[1].awards[1]->file, "content/awards/a1.json");
	}
	if (log.len > 0)
		FAIL_AT("%s", log.data);
	collect_release(&c);
	model_release(&m);
	buf_release(&log);
}

/*
 * Documents under content/trust/ and an award under content/imported/:
 * they resolve, but make no issuer, badge or award of the site and
 * publish nothing; the collection lists the award, imported.
 */
static void
test_collect__imported(void)
{
	static const char oissuer[] =
	    "{\"@context\": \"https://w3id.org/openbadges/v2\","
	    " \"type\": \"Issuer\", \"id\": \"https://o.test/i.json\","
	    " \"name\": \"O\"}";
	static const char obadge[] =
	    "{\"@context\": \"https://w3id.org/openbadges/v2\","
	    " \"type\": \"BadgeClass\", \"id\": \"https://o.test/b.json\","
	    " \"name\": \"OB\", \"description\": \"x\","
	    " \"criteria\": {\"narrative\": \"y\"},"
	    " \"issuer\": \"https://o.test/i.json\"}";
	static const char oaward[] =
	    "{\"@context\": \"https://w3id.org/openbadges/v2\","
	    " \"type\": \"Assertion\", \"id\": \"https://o.test/a.json\","
	    " \"recipient\": {\"type\": \"email\", \"hashed\": false,"
	    " \"identity\": \"hanako@x.example\"},"
	    " \"badge\": \"https://o.test/b.json\","
	    " \"verification\": {\"type\": \"hosted\"},"
	    " \"issuedOn\": \"2026-04-01T00:00:00Z\"}";
	struct collections c = COLLECTIONS_INIT;
	struct diag d = DIAG_INIT;
	struct model m;
	const char conf[] = "name = Hanako\nidentities = hanako@x.example\n"
	    "public = yes\n";
	size_t i;

	d.quiet = true;
	model_init(&m, "https://b.test.example/");
	OK(model_add_file(&m, "content/trust/o.test/i.json", OID, oissuer,
	    strlen(oissuer), &d) == 0);
	OK(model_add_file(&m, "content/trust/o.test/b.json", OID, obadge,
	    strlen(obadge), &d) == 0);
	OK(model_add_file(&m, "content/imported/o.test/a.json", OID, oaward,
	    strlen(oaward), &d) == 0);
	OK(model_link(&m, &d) == 0);
	INT_EQ(m.nawards, 0);
	INT_EQ(m.nbadges, 0);
	INT_EQ(m.nissuers, 0);
	INT_EQ(m.nimported, 1);
	OK(m.imported[0]->imported);
	STR_EQ(m.imported[0]->issuer->name, "O");
	for (i = 0; i < m.ndocs; i++)
		OK(m.docs[i]->publish == NULL);
	OK(model_is_foreign("content/trust/x.json"));
	OK(!model_is_foreign("content/awards/x.json"));
	OK(collect_add_file(&c, "content/recipients/hanako.conf", conf,
	    strlen(conf), &d) == 0);
	collect_match(&c, &m);
	INT_EQ(c.items[0].nawards, 1);
	OK(c.items[0].awards[0] == m.imported[0]);
	collect_release(&c);
	model_release(&m);
}

/*
 * Award sidecars: "<award minus extension>.conf" beside its award,
 * also for an award whose name has more dots; a sidecar without an
 * award is reported.
 */
static void
test_collect__sidecars(void)
{
	struct diag d = DIAG_INIT;
	struct buf log = BUF_INIT;
	struct model m;
	const char priv[] = "visibility = private\n";
	size_t i;

	d.quiet = true;
	d.capture = &log;
	site_model(&m, &d);
	OK(model_add_file(&m, "content/awards/b.conf", OID, priv,
	    strlen(priv), &d) == 0);
	OK(model_add_file(&m, "content/awards/c.conf", OID, priv,
	    strlen(priv), &d) == 0);
	OK(model_add_file(&m, "content/awards/zz.conf", OID, priv,
	    strlen(priv), &d) == 0);
	add_award(&m, "a", "a@x.example", "s1", "2026-01-01T00:00:00Z", &d);
	add_award(&m, "b", "b@x.example", "s2", "2026-01-01T00:00:00Z", &d);
	add_award(&m, "c.v2", "c@x.example", "s3", "2026-01-01T00:00:00Z",
	    &d);
	OK(model_link(&m, &d) == 0);
	for (i = 0; i < m.nawards; i++)
		INT_EQ(m.awards[i]->private_,
		    strcmp(m.awards[i]->file, "content/awards/a.json") != 0);
	OK(strstr(log.data, "warning: content/awards/zz.conf: no award "
	    "content/awards/zz.json or .jws beside it") != NULL);
	OK(strstr(log.data, "b.conf") == NULL);
	OK(strstr(log.data, "c.conf") == NULL);
	model_release(&m);
	buf_release(&log);
}

TESTS(T(test_collect__sidecars), T(test_collect__slug), T(test_collect__files),
    T(test_collect__match), T(test_collect__match_by_sidecar),
    T(test_collect__imported))
