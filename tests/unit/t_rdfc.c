/*
 * t_rdfc.c - N-Quads and RDFC-1.0, with the W3C rdf-canon test suite
 * (tests/data/rdf-canon, see its README).
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "rdfc.h"
#include "harness.h"

#define SUITE	"tests/data/rdf-canon/"

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

/* Canonicalizes N-Quads text; returns 0 or -1.  Messages go to msg. */
static int
canon_text(struct buf *out, const char *nq, size_t len,
    const struct rdfc_opts *o, struct buf *msg)
{
	struct arena a = ARENA_INIT;
	struct rdf_dataset ds = RDF_DATASET_INIT;
	struct diag d = DIAG_INIT;
	int rc;

	d.quiet = true;
	d.capture = msg;
	rc = nquads_parse(&ds, &a, "t.nq", nq, len, &d);
	if (rc == 0)
		rc = rdfc_canonicalize(out, &ds, o, &d);
	rdf_dataset_release(&ds);
	arena_release(&a);
	return rc;
}

/* Sets the options an entry of the manifest asks for. */
static void
entry_opts(struct rdfc_opts *o, const struct json *e)
{
	const char *cx = json_get_str(e, "computationalComplexity");

	o->hash = json_str_eq(json_get(e, "hashAlgorithm"), "SHA384") ?
	    RDFC_SHA384 : RDFC_SHA256;
	o->work_factor = 0;
	if (cx != NULL && strcmp(cx, "medium") == 0)
		o->work_factor = 2;
	if (cx != NULL && strcmp(cx, "high") == 0)
		o->work_factor = 3;
	o->max_work = RDFC_MAX_WORK;
}

/* Whether the two JSON objects hold the same members (any order). */
static bool
same_map(const struct json *a, const struct json *b)
{
	const struct json *m, *o;

	if (a->type != JSON_OBJECT || b->type != JSON_OBJECT ||
	    a->len != b->len)
		return false;
	for (m = a->child; m != NULL; m = m->next) {
		for (o = b->child; o != NULL; o = o->next)
			if (o->keylen == m->keylen &&
			    memcmp(o->key, m->key, m->keylen) == 0)
				break;
		if (o == NULL || !json_str_eq(o, m->str))
			return false;
	}
	return true;
}

/* Runs every manifest entry of the given type; returns how many ran. */
static int
run_suite(const char *type)
{
	struct arena a = ARENA_INIT;
	struct buf man = BUF_INIT, in = BUF_INIT, want = BUF_INIT,
	    got = BUF_INIT, msg = BUF_INIT, issued = BUF_INIT, path = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct rdfc_opts o = RDFC_OPTS_INIT;
	struct json *m, *e, *w, *g;
	const char *id;
	int ran = 0, rc;

	if (slurp(&man, SUITE "manifest.jsonld") < 0 ||
	    json_parse(&m, &a, "manifest.jsonld", man.data, man.len, &d) < 0) {
		FAIL_AT("cannot read " SUITE "manifest.jsonld");
		goto out;
	}
	for (e = json_get(m, "entries")->child; e != NULL; e = e->next) {
		if (!json_str_eq(json_get(e, "type"), type))
			continue;
		id = json_get_str(e, "id");
		entry_opts(&o, e);
		buf_reset(&path);
		buf_printf(&path, SUITE "%s", json_get_str(e, "action"));
		if (slurp(&in, path.data) < 0) {
			FAIL_AT("%s: cannot read %s", id, path.data);
			continue;
		}
		buf_reset(&got);
		buf_reset(&msg);
		buf_reset(&issued);
		o.issued = &issued;
		rc = canon_text(&got, in.data, in.len, &o, &msg);
		ran++;
		if (strcmp(type, "rdfc:RDFC10NegativeEvalTest") == 0) {
			if (rc == 0)
				FAIL_AT("%s: accepted, expected refusal", id);
			else if (strstr(msg.data, "too much work") == NULL)
				FAIL_AT("%s: wrong error: %s", id, msg.data);
			continue;
		}
		if (rc < 0) {
			FAIL_AT("%s: %s", id, msg.data);
			continue;
		}
		buf_reset(&path);
		buf_printf(&path, SUITE "%s", json_get_str(e, "result"));
		if (slurp(&want, path.data) < 0) {
			FAIL_AT("%s: cannot read %s", id, path.data);
			continue;
		}
		if (strcmp(type, "rdfc:RDFC10EvalTest") == 0) {
			if (got.len != want.len ||
			    memcmp(got.data, want.data, got.len) != 0)
				FAIL_AT("%s: got\n%s\nexpected\n%s", id,
				    got.data, want.data);
			continue;
		}
		if (json_parse(&w, &a, path.data, want.data, want.len,
		    &d) < 0 || json_parse(&g, &a, "issued", issued.data,
		    issued.len, &d) < 0 || !same_map(w, g))
			FAIL_AT("%s: issued %s, expected %s", id, issued.data,
			    want.data);
	}
out:
	buf_release(&man);
	buf_release(&in);
	buf_release(&want);
	buf_release(&got);
	buf_release(&msg);
	buf_release(&issued);
	buf_release(&path);
	arena_release(&a);
	return ran;
}

static void
test_rdfc__w3c_eval_tests(void)
{
	INT_EQ(run_suite("rdfc:RDFC10EvalTest"), 64);
}

static void
test_rdfc__w3c_map_tests(void)
{
	INT_EQ(run_suite("rdfc:RDFC10MapTest"), 21);
}

static void
test_rdfc__w3c_negative_tests(void)
{
	INT_EQ(run_suite("rdfc:RDFC10NegativeEvalTest"), 1);
}

/* The W3C poison graphs also stop under the default limits. */
static void
test_rdfc__default_limits_stop_the_clique(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT, msg = BUF_INIT;

	OK(slurp(&in, SUITE "rdfc10/test074-in.nq") == 0);
	OK(canon_text(&out, in.data, in.len, NULL, &msg) < 0);
	OK(strstr(msg.data, "rdfc: too much work") != NULL);
	buf_release(&in);
	buf_release(&out);
	buf_release(&msg);
}

static void
test_rdfc__default_limits_allow_small_symmetry(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT, msg = BUF_INIT;
	static const char *ok[] = { "test021", "test023", "test044",
	    "test045", "test046" };
	char path[128];
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		snprintf(path, sizeof(path), SUITE "rdfc10/%s-in.nq", ok[i]);
		OK(slurp(&in, path) == 0);
		buf_reset(&out);
		buf_reset(&msg);
		if (canon_text(&out, in.data, in.len, NULL, &msg) < 0)
			FAIL_AT("%s: %s", ok[i], msg.data);
	}
	buf_release(&in);
	buf_release(&out);
	buf_release(&msg);
}

static void
test_rdfc__parse_errors(void)
{
	static const char *bad[] = {
		"<a> <b> <c>\n",
		"<a> <b> .\n",
		"\"s\" <b> <c> .\n",
		"<a> _:b <c> .\n",
		"<a> <b> \"unterminated .\n",
		"<a> <b> \"x\"@ .\n",
		"<a b> <b> <c> .\n",
		"<a> <b> <c> . junk\n",
		"<a> <b> \"\\q\" .\n",
		"<a> <b> \"\\ud800\" .\n",
		"<a\\u0000> <b> <c> .\n",
		"_: <b> <c> .\n",
	};
	struct buf out = BUF_INIT, msg = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&msg);
		if (canon_text(&out, bad[i], strlen(bad[i]), NULL, &msg) == 0)
			FAIL_AT("accepted: %s", bad[i]);
		else if (strncmp(msg.data, "error: t.nq:1: ", 15) != 0)
			FAIL_AT("message: %s", msg.data);
	}
	buf_release(&out);
	buf_release(&msg);
}

static void
test_rdfc__comments_blank_lines_and_dedupe(void)
{
	static const char in[] =
	    "# comment\n"
	    "\n"
	    "  _:x <http://e/p> \"v\"^^<http://www.w3.org/2001/XMLSchema#string> .  # c\r\n"
	    "_:x\t<http://e/p>\t\"v\" .\r"
	    "_:y <http://e/q> _:x <http://e/g> .\n";
	struct buf out = BUF_INIT, msg = BUF_INIT;

	OK(canon_text(&out, in, strlen(in), NULL, &msg) == 0);
	STR_EQ(out.data,
	    "_:c14n0 <http://e/q> _:c14n1 <http://e/g> .\n"
	    "_:c14n1 <http://e/p> \"v\" .\n");
	buf_release(&out);
	buf_release(&msg);
}

static void
test_rdfc__empty_dataset(void)
{
	struct buf out = BUF_INIT, msg = BUF_INIT;

	OK(canon_text(&out, "", 0, NULL, &msg) == 0);
	INT_EQ(out.len, 0);
	buf_release(&out);
	buf_release(&msg);
}

TESTS(T(test_rdfc__w3c_eval_tests), T(test_rdfc__w3c_map_tests),
    T(test_rdfc__w3c_negative_tests),
    T(test_rdfc__default_limits_stop_the_clique),
    T(test_rdfc__default_limits_allow_small_symmetry),
    T(test_rdfc__parse_errors),
    T(test_rdfc__comments_blank_lines_and_dedupe),
    T(test_rdfc__empty_dataset))
