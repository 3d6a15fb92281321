/*
 * t_jsonedit.c - edits of JSON text that keep the rest of it: members
 * and elements added in the style of their siblings, values replaced,
 * empty containers, one-line documents, a byte order mark.
 */
#include <string.h>

#include "jsonedit.h"
#include "harness.h"

static struct json *
str(struct arena *a, const char *s)
{
	return json_new_str(a, s);
}

/* A pretty document: its indentation and its other bytes kept. */
static void
test_jsonedit__pretty(void)
{
	static const char in[] =
	    "{\n"
	    "    \"@context\": \"https://w3id.org/openbadges/v2\",\n"
	    "    \"id\": \"https://x.example/i.json\",\n"
	    "    \"n\": 1.50,\n"
	    "    \"esc\": \"\\u00e9\",\n"
	    "    \"publicKey\": [\n"
	    "        \"https://x.example/k1.json\"\n"
	    "    ]\n"
	    "}\n";
	static const char want[] =
	    "{\n"
	    "    \"@context\": [\n"
	    "      \"https://w3id.org/openbadges/v2\",\n"
	    "      \"https://www.w3.org/ns/did/v1\"\n"
	    "    ],\n"
	    "    \"id\": \"https://x.example/i.json\",\n"
	    "    \"n\": 1.50,\n"
	    "    \"esc\": \"\\u00e9\",\n"
	    "    \"publicKey\": [\n"
	    "        \"https://x.example/k1.json\",\n"
	    "        \"https://x.example/k2.json\"\n"
	    "    ],\n"
	    "    \"assertionMethod\": [\n"
	    "      \"https://x.example/m.json\"\n"
	    "    ]\n"
	    "}\n";
	struct jsonedit e;
	struct arena a = ARENA_INIT;
	struct json *ctx, *am;

	INT_EQ(jsonedit_open(&e, "i.json", in, sizeof(in) - 1, NULL), 0);
	INT_EQ(jsonedit_append(&e, json_get(e.root, "publicKey"),
	    str(&a, "https://x.example/k2.json"), NULL), 0);
	ctx = json_new(&a, JSON_ARRAY);
	json_add(&a, ctx, NULL, str(&a, "https://w3id.org/openbadges/v2"));
	json_add(&a, ctx, NULL, str(&a, "https://www.w3.org/ns/did/v1"));
	INT_EQ(jsonedit_set(&e, e.root, "@context", ctx, NULL), 0);
	am = json_new(&a, JSON_ARRAY);
	json_add(&a, am, NULL, str(&a, "https://x.example/m.json"));
	INT_EQ(jsonedit_set(&e, e.root, "assertionMethod", am, NULL), 0);
	STR_EQ(e.text.data, want);
	/* The tree follows the text. */
	INT_EQ(json_get(e.root, "publicKey")->len, 2);
	jsonedit_release(&e);
	arena_release(&a);
}

/* One line stays one line; an empty array; a byte order mark. */
static void
test_jsonedit__compact(void)
{
	static const char in[] = "\xef\xbb\xbf{\"keys\": [], \"x\": {\"a\": 1}}";
	struct jsonedit e;
	struct arena a = ARENA_INIT;
	struct json *k;

	INT_EQ(jsonedit_open(&e, "k.json", in, sizeof(in) - 1, NULL), 0);
	k = json_new(&a, JSON_OBJECT);
	json_add_str(&a, k, "kty", "OKP");
	INT_EQ(jsonedit_append(&e, json_get(e.root, "keys"), k, NULL), 0);
	STR_EQ(e.text.data, "\xef\xbb\xbf{\"keys\": [{\"kty\":\"OKP\"}], "
	    "\"x\": {\"a\": 1}}");
	INT_EQ(jsonedit_set(&e, json_get(e.root, "x"), "b", str(&a, "]}"),
	    NULL), 0);
	STR_EQ(e.text.data, "\xef\xbb\xbf{\"keys\": [{\"kty\":\"OKP\"}], "
	    "\"x\": {\"a\": 1, \"b\": \"]}\"}}");
	INT_EQ(jsonedit_set(&e, json_get(e.root, "x"), "a", str(&a, "z"),
	    NULL), 0);
	STR_EQ(e.text.data, "\xef\xbb\xbf{\"keys\": [{\"kty\":\"OKP\"}], "
	    "\"x\": {\"a\": \"z\", \"b\": \"]}\"}}");
	jsonedit_release(&e);
	arena_release(&a);
}

/* An empty array of a pretty document gets one element per line. */
static void
test_jsonedit__empty_pretty(void)
{
	static const char in[] = "{\n  \"keys\": []\n}\n";
	struct jsonedit e;
	struct arena a = ARENA_INIT;

	INT_EQ(jsonedit_open(&e, "k.json", in, sizeof(in) - 1, NULL), 0);
	INT_EQ(jsonedit_append(&e, json_get(e.root, "keys"), str(&a, "k"),
	    NULL), 0);
	STR_EQ(e.text.data, "{\n  \"keys\": [\n    \"k\"\n  ]\n}\n");
	jsonedit_release(&e);
	arena_release(&a);
}

/* What is not JSON, or not the container asked for, is refused. */
static void
test_jsonedit__refusals(void)
{
	struct jsonedit e;
	struct arena a = ARENA_INIT;
	struct diag q = DIAG_INIT;

	q.quiet = true;
	INT_EQ(jsonedit_open(&e, "bad.json", "{\"a\":", 5, &q), -1);
	INT_EQ(jsonedit_open(&e, "a.json", "{\"a\": 1}", 8, NULL), 0);
	INT_EQ(jsonedit_append(&e, json_get(e.root, "a"), str(&a, "x"), &q),
	    -1);
	INT_EQ(jsonedit_set(&e, json_get(e.root, "a"), "b", str(&a, "x"), &q),
	    -1);
	STR_EQ(e.text.data, "{\"a\": 1}");
	jsonedit_release(&e);
	arena_release(&a);
}

TESTS(T(test_jsonedit__pretty), T(test_jsonedit__compact),
    T(test_jsonedit__empty_pretty), T(test_jsonedit__refusals))
