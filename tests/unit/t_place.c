/* t_place.c - where documents, files and pages of a site go (place.h). */
#include "harness.h"
#include "model.h"
#include "place.h"

#define BASE "https://h.example/"

static void
add(struct model *m, const char *file, const char *text)
{
	struct diag d = DIAG_INIT;

	d.quiet = true;
	model_add_file(m, file, NULL, text, strlen(text), &d);
}

static void
issuer(struct model *m, const char *file, const char *id)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "{\"@context\": \"https://w3id.org/openbadges/v2\", "
	    "\"type\": \"Issuer\", \"id\": \"%s\", \"name\": \"U\"}", id);
	add(m, file, b.data);
	buf_release(&b);
}

static void
badge(struct model *m, const char *file, const char *id, const char *iss)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "{\"@context\": \"https://w3id.org/openbadges/v2\", "
	    "\"type\": \"BadgeClass\", \"id\": \"%s\", \"name\": \"B\", "
	    "\"description\": \"D\", \"criteria\": {\"narrative\": \"C\"}, "
	    "\"issuer\": \"%s\"}", id, iss);
	add(m, file, b.data);
	buf_release(&b);
}

static void
award(struct model *m, const char *file, const char *id, const char *bdg)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "{\"@context\": \"https://w3id.org/openbadges/v2\", "
	    "\"type\": \"Assertion\", \"id\": \"%s\", \"recipient\": "
	    "{\"type\": \"email\", \"hashed\": false, \"identity\": "
	    "\"a@b.example\"}, \"badge\": \"%s\", \"verification\": "
	    "{\"type\": \"hosted\"}, \"issuedOn\": \"2026-04-01T00:00:00Z\"}",
	    id, bdg);
	add(m, file, b.data);
	buf_release(&b);
}

static void
key(struct model *m, const char *file, const char *id)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "{\"@context\": \"https://w3id.org/openbadges/v2\", "
	    "\"type\": \"CryptographicKey\", \"id\": \"%s\"}", id);
	add(m, file, b.data);
	buf_release(&b);
}

/* The document whose file is file. */
static const struct doc *
doc_of(const struct model *m, const char *file)
{
	size_t i;

	for (i = 0; i < m->ndocs; i++)
		if (strcmp(m->docs[i]->file, file) == 0)
			return m->docs[i];
	return NULL;
}

static int
link(struct model *m)
{
	struct diag d = DIAG_INIT;

	d.quiet = true;
	model_link(m, &d);
	return (int)d.errors;
}

static void
test_place__shapes(void)
{
	struct model m;
	const struct doc *dc;
	const struct achievement *a;

	model_init(&m, BASE);
	issuer(&m, "content/issuers/u.json", BASE "issuers/u");
	badge(&m, "content/badges/a.json", BASE "badges/a/", BASE "issuers/u");
	badge(&m, "content/badges/b.json", BASE "badges/b.json",
	    BASE "issuers/u");
	award(&m, "content/awards/x.json", BASE "awards/%E3%81%82.json",
	    BASE "badges/b.json");
	INT_EQ(link(&m), 0);
	dc = doc_of(&m, "content/issuers/u.json");
	STR_EQ(dc->publish, "issuers/u");
	STR_EQ(((struct issuer *)dc->obj)->path, "issuers/u.html");
	dc = doc_of(&m, "content/badges/a.json");
	STR_EQ(dc->publish, "badges/a/index.json");
	a = dc->obj;
	STR_EQ(a->path, "badges/a.html");
	dc = doc_of(&m, "content/badges/b.json");
	STR_EQ(dc->publish, "badges/b.json");
	STR_EQ(((struct achievement *)dc->obj)->path, "badges/b/");
	INT_EQ(m.nawards, 1);
	STR_EQ(m.awards[0]->path, "awards/x/");
	STR_EQ(m.awards[0]->json_path, "awards/\xe3\x81\x82.json");
	OK(model_served(&m, BASE "awards/%E3%81%82.json") ==
	    m.awards[0]->doc);
	OK(model_served(&m, BASE "awards/\xe3\x81\x82.json") ==
	    m.awards[0]->doc);
	OK(model_served(&m, BASE "badges/a/") == doc_of(&m,
	    "content/badges/a.json"));
	OK(model_served(&m, BASE "badges/a") == NULL);
	model_release(&m);
}

static void
test_place__collections(void)
{
	struct model m;
	struct diag d = DIAG_INIT;

	model_init(&m, BASE);
	issuer(&m, "content/issuers/u.json", BASE "issuers/u.json");
	key(&m, "content/keys/k.json", BASE "recipients/bob");
	INT_EQ(link(&m), 0);
	d.quiet = true;
	STR_EQ(place_page(&m, "recipients/alice/", "content/recipients/"
	    "alice.conf", &d), "recipients/alice/");
	STR_EQ(place_page(&m, "recipients/bob/", "content/recipients/"
	    "bob.conf", &d), "recipients/bob.html");
	/* Its S.html is the page of content/issuers/u.json. */
	OK(place_page(&m, "issuers/u/", "content/recipients/u.conf",
	    &d) == NULL);
	INT_EQ(d.errors, 1);
	OK(!place_is_free(&m, "recipients/bob"));
	OK(!place_is_free(&m, "recipients/alice/index.html"));
	OK(!place_is_free(&m, "issuers/u.json/x"));
	OK(place_is_free(&m, "assets/badgegen.css"));
	model_release(&m);
}

static void
test_place__collisions(void)
{
	static char *const langs[] = { "en" };
	struct model m;

	model_init(&m, BASE);
	model_set_languages(&m, langs, 1);
	issuer(&m, "content/issuers/u.json", BASE "issuers/u.json");
	badge(&m, "content/badges/a.json", BASE "badges/a.json",
	    BASE "issuers/u.json");
	award(&m, "content/awards/x.json", BASE "awards/x.json",
	    BASE "badges/a.json");
	key(&m, "content/keys/1.json", BASE "keys/k.json");
	key(&m, "content/keys/2.json", BASE "keys/%6B.json");
	key(&m, "content/keys/3.json", BASE "keys/d");
	key(&m, "content/keys/4.json", BASE "keys/d/e.json");
	key(&m, "content/keys/5.json", BASE "en/k.json");
	key(&m, "content/keys/6.json", BASE "sitemap.xml");
	key(&m, "content/keys/7.json", BASE "badges/a.card.png");
	key(&m, "content/keys/8.json", BASE "awards/x.svg");
	key(&m, "content/keys/9.json", BASE "awards");
	key(&m, "content/keys/10.json", BASE "k.html");
	key(&m, "content/keys/11.json", BASE "keys/ok.json");
	INT_EQ(link(&m), 8);
	OK(doc_of(&m, "content/keys/1.json")->left_out);
	OK(doc_of(&m, "content/keys/2.json")->left_out);
	OK(doc_of(&m, "content/keys/3.json")->left_out);
	OK(doc_of(&m, "content/keys/4.json")->left_out);
	OK(doc_of(&m, "content/keys/5.json")->left_out);
	OK(doc_of(&m, "content/keys/6.json")->left_out);
	OK(doc_of(&m, "content/keys/7.json")->left_out);
	OK(doc_of(&m, "content/keys/8.json")->left_out);
	OK(doc_of(&m, "content/keys/9.json")->left_out);
	OK(doc_of(&m, "content/keys/10.json")->left_out);
	OK(doc_of(&m, "content/keys/1.json")->publish == NULL);
	STR_EQ(doc_of(&m, "content/keys/11.json")->publish, "keys/ok.json");
	OK(model_served(&m, BASE "keys/k.json") == NULL);
	/* The rest of the site is placed. */
	INT_EQ(m.nawards, 1);
	STR_EQ(m.awards[0]->path, "awards/x/");
	INT_EQ(m.nbadges, 1);
	INT_EQ(m.nissuers, 1);
	model_release(&m);
}

/* A left-out issuer takes its badge classes and their awards along. */
static void
test_place__cascade(void)
{
	struct model m;

	model_init(&m, BASE);
	issuer(&m, "content/issuers/u.json", BASE "robots.txt");
	badge(&m, "content/badges/a.json", BASE "badges/a.json",
	    BASE "robots.txt");
	award(&m, "content/awards/x.json", BASE "awards/x.json",
	    BASE "badges/a.json");
	OK(link(&m) >= 3);
	INT_EQ(m.nawards, 0);
	INT_EQ(m.nbadges, 0);
	INT_EQ(m.nissuers, 0);
	INT_EQ(m.failed, 1);
	OK(doc_of(&m, "content/badges/a.json")->left_out);
	OK(doc_of(&m, "content/badges/a.json")->publish == NULL);
	model_release(&m);
}

/* Two pages with one place: the later one is left out. */
static void
test_place__pages(void)
{
	struct model m;

	model_init(&m, BASE);
	issuer(&m, "content/issuers/u.json", BASE "issuers/u.json");
	badge(&m, "content/badges/a.json", BASE "badges/a.json",
	    BASE "issuers/u.json");
	badge(&m, "content/badges/a.jsonld", BASE "badges/a2.json",
	    BASE "issuers/u.json");
	INT_EQ(link(&m), 1);
	INT_EQ(m.nbadges, 1);
	STR_EQ(m.badges[0]->id, BASE "badges/a.json");
	STR_EQ(m.badges[0]->path, "badges/a/");
	OK(doc_of(&m, "content/badges/a.jsonld")->left_out);
	model_release(&m);
}

TESTS(
	T(test_place__shapes),
	T(test_place__collections),
	T(test_place__collisions),
	T(test_place__cascade),
	T(test_place__pages)
)
