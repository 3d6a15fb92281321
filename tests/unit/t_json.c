/* t_json.c - the strict JSON parser, accessors, builders and writer. */
#include "json.h"
#include "harness.h"

/* Parses s; returns the root or NULL, leaving the message in msg. */
static struct json *
parse(struct arena *a, const char *s, struct buf *msg)
{
	struct diag d = DIAG_INIT;
	struct json *v;

	buf_reset(msg);
	d.quiet = true;
	d.capture = msg;
	if (json_parse(&v, a, "t.json", s, strlen(s), &d) < 0)
		return NULL;
	return v;
}

static void
test_json__accepts_values(void)
{
	struct arena a = ARENA_INIT;
	struct buf m = BUF_INIT;
	struct json *v;

	v = parse(&a, " {\"a\": [1, -0.5e+3, true, false, null, \"x\"]} ", &m);
	OK(v != NULL);
	INT_EQ(v->type, JSON_OBJECT);
	INT_EQ(json_get(v, "a")->len, 6);
	OK(json_at(json_get(v, "a"), 1)->num == -500.0);
	STR_EQ(json_at(json_get(v, "a"), 1)->str, "-0.5e+3");
	STR_EQ(json_str(json_at(json_get(v, "a"), 5)), "x");
	OK(parse(&a, "0", &m) != NULL);
	OK(parse(&a, "\"\"", &m) != NULL);
	OK(parse(&a, "[]", &m) != NULL);
	OK(parse(&a, "{}", &m) != NULL);
	OK(parse(&a, "\xef\xbb\xbf{}", &m) != NULL);
	buf_release(&m);
	arena_release(&a);
}

static void
test_json__decodes_escapes(void)
{
	struct arena a = ARENA_INIT;
	struct buf m = BUF_INIT;
	struct json *v;

	v = parse(&a, "\"a\\n\\t\\\"\\\\\\/\\u00e9\\u3042\\ud83d\\ude00\"", &m);
	OK(v != NULL);
	STR_EQ(v->str, "a\n\t\"\\/\xc3\xa9\xe3\x81\x82\xf0\x9f\x98\x80");
	v = parse(&a, "\"nul\\u0000in\"", &m);
	OK(v != NULL);
	INT_EQ(v->len, 6);
	v = parse(&a, "{\"\\u0041\":1}", &m);
	STR_EQ(v->child->key, "A");
	buf_release(&m);
	arena_release(&a);
}

struct reject {
	const char	*in;
	const char	*msg;	/* a phrase the message must hold */
};

static void
test_json__rejects(void)
{
	static const struct reject r[] = {
		{ "", "empty input" },
		{ "   ", "empty input" },
		{ "{", "end of input" },
		{ "[1,]", "trailing ','" },
		{ "[1 2]", "expected" },
		{ "{\"a\" 1}", "unexpected character '1'" },
		{ "{\"a\":1,}", "trailing ','" },
		{ "{a:1}", "" },
		{ "{1:1}", "" },
		{ "[tru]", "expected a value" },
		{ "[nul]", "expected a value" },
		{ "[01]", "expected a value" },
		{ "[1.]", "expected a value" },
		{ "[.5]", "" },
		{ "[1e]", "expected a value" },
		{ "[+1]", "" },
		{ "[-]", "expected a value" },
		{ "[NaN]", "" },
		{ "1 2", "after the JSON value" },
		{ "{} {}", "after the JSON value" },
		{ "\"a\tb\"", "control character" },
		{ "\"\\x\"", "bad escape" },
		{ "\"\\u12g4\"", "\\u escape" },
		{ "\"\\ud800\"", "lone high surrogate" },
		{ "\"\\udc00\"", "lone low surrogate" },
		{ "\"\\ud800\\u0041\"", "lone high surrogate" },
		{ "\"\xff\"", "invalid UTF-8" },
		{ "\"\xc0\xaf\"", "invalid UTF-8" },
		{ "\"\xed\xa0\x80\"", "invalid UTF-8" },
		{ "\"\xf4\x90\x80\x80\"", "invalid UTF-8" },
		{ "\"\xe3\x81\"", "invalid UTF-8" },
		/* Shift_JIS "日本": the message says how to convert the file. */
		{ "{\"name\": \"\x93\xfa\x96\x7b\"}", "t.json:1:11: $: "
		    "invalid UTF-8: JSON is UTF-8 text; convert the file, from "
		    "Shift_JIS with iconv -f CP932 -t UTF-8 t.json" },
		{ "{\"a\":1,\"a\":2}", "duplicate member \"a\"" },
		{ "{\"b\":{\"x\":1,\"x\":1}}", "$.b: duplicate member \"x\"" },
		{ "'a'", "" },
		{ "[1]]", "" },
	};
	struct arena a = ARENA_INIT;
	struct buf m = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		if (parse(&a, r[i].in, &m) != NULL) {
			FAIL_AT("accepted %s", r[i].in);
			continue;
		}
		if (strstr(m.data, r[i].msg) == NULL)
			FAIL_AT("%s: message %s lacks \"%s\"", r[i].in,
			    m.data, r[i].msg);
		if (strncmp(m.data, "error: t.json:", 14) != 0)
			FAIL_AT("%s: message %s names no place", r[i].in, m.data);
	}
	buf_release(&m);
	arena_release(&a);
}

static void
test_json__duplicate_in_large_object(void)
{
	struct arena a = ARENA_INIT;
	struct buf s = BUF_INIT, m = BUF_INIT;
	int i;

	buf_putc(&s, '{');
	for (i = 0; i < 1000; i++)
		buf_printf(&s, "\"k%d\":%d,", i, i);
	BUF_PUTSL(&s, "\"k500\":0}");
	OK(parse(&a, s.data, &m) == NULL);
	OK(strstr(m.data, "duplicate member \"k500\"") != NULL);
	buf_release(&s);
	buf_release(&m);
	arena_release(&a);
}

static void
test_json__place_and_path(void)
{
	struct arena a = ARENA_INIT;
	struct buf m = BUF_INIT, p = BUF_INIT;
	struct json *v;

	OK(parse(&a, "{\n  \"x\": [1,\n   2,\n   ]\n}", &m) == NULL);
	OK(strstr(m.data, "t.json:3:5: $.x: trailing ',' before ']'") != NULL);
	v = parse(&a, "{\"a\":[{\"b\":\"\xe3\x81\x82\"},{\"c\":\n  7}]}", &m);
	OK(v != NULL);
	json_path(json_get(json_at(json_get(v, "a"), 1), "c"), &p);
	STR_EQ(p.data, "$.a[1].c");
	INT_EQ(json_get(json_at(json_get(v, "a"), 1), "c")->line, 2);
	INT_EQ(json_get(json_at(json_get(v, "a"), 1), "c")->col, 3);
	buf_release(&m);
	buf_release(&p);
	arena_release(&a);
}

static void
test_json__depth_limit(void)
{
	struct arena a = ARENA_INIT;
	struct buf s = BUF_INIT, m = BUF_INIT;
	int i;

	for (i = 0; i < JSON_MAX_DEPTH; i++)
		buf_putc(&s, '[');
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		buf_putc(&s, ']');
	OK(parse(&a, s.data, &m) != NULL);
	buf_reset(&s);
	for (i = 0; i < JSON_MAX_DEPTH + 1; i++)
		buf_putc(&s, '[');
	for (i = 0; i < JSON_MAX_DEPTH + 1; i++)
		buf_putc(&s, ']');
	OK(parse(&a, s.data, &m) == NULL);
	OK(strstr(m.data, "nested deeper") != NULL);
	/*
	 * Far deeper, with brackets inside strings that do not count: the
	 * first '[' too deep is named before jsmn spends time on the rest.
	 */
	buf_reset(&s);
	BUF_PUTSL(&s, "{\"a\":\"[[\\\"[\",\"b\":");
	for (i = 0; i < 200000; i++)
		buf_putc(&s, '[');
	for (i = 0; i < 200000; i++)
		buf_putc(&s, ']');
	buf_putc(&s, '}');
	OK(parse(&a, s.data, &m) == NULL);
	OK(strstr(m.data, "t.json:1:118: $: nested deeper than 100 levels") != NULL);
	buf_release(&s);
	buf_release(&m);
	arena_release(&a);
}

static void
test_json__build_and_write(void)
{
	struct arena a = ARENA_INIT;
	struct buf out = BUF_INIT;
	struct json *o, *arr;

	o = json_new(&a, JSON_OBJECT);
	json_add_str(&a, o, "name", "</script>\xe2\x80\xa8\"");
	arr = json_add_arr(&a, o, "n");
	json_add(&a, arr, NULL, json_new_num(&a, 3));
	json_add(&a, arr, NULL, json_new_num(&a, 0.5));
	json_add_bool(&a, o, "t", true);
	json_write(&out, o, 0);
	STR_EQ(out.data, "{\"name\":\"</script>\xe2\x80\xa8\\\"\",\"n\":[3,0.5],\"t\":true}");
	buf_reset(&out);
	json_write(&out, o, JSON_WRITE_SCRIPT);
	STR_EQ(out.data, "{\"name\":\"\\u003c/script\\u003e\\u2028\\\"\",\"n\":[3,0.5],\"t\":true}");
	buf_reset(&out);
	json_write(&out, json_get(o, "n"), JSON_WRITE_PRETTY);
	STR_EQ(out.data, "[\n  3,\n  0.5\n]");
	OK(json_has_str(json_get(o, "name"), "</script>\xe2\x80\xa8\""));
	/* C1 controls and bidi overrides too; other characters stay. */
	buf_reset(&out);
	json_write_str(&out, "\x7f\xc2\x9b\xe2\x80\xae\xe2\x81\xa9\xef\xbf\xbf"
	    "\xe2\x80\x8f\xe5\x90\x8d\xc2", 19, JSON_WRITE_SCRIPT);
	STR_EQ(out.data, "\"\\u007f\\u009b\\u202e\\u2069\\uffff"
	    "\xe2\x80\x8f\xe5\x90\x8d\xc2\"");
	buf_release(&out);
	arena_release(&a);
}

/* Equal values: member order aside; types, values and lengths count. */
static void
test_json__equal(void)
{
	static const char *const same[][2] = {
		{ "null", "null" },
		{ "1", "1.0" },
		{ "1e2", "100" },
		{ "\"a\\u0000b\"", "\"a\\u0000b\"" },
		{ "[1, [2, {}]]", "[1, [2, {}]]" },
		{ "{\"a\": 1, \"b\": [true]}", "{\"b\": [true], \"a\": 1}" },
	};
	static const char *const differ[][2] = {
		{ "null", "false" },
		{ "true", "false" },
		{ "1", "\"1\"" },
		{ "0.5", "0.25" },
		{ "\"a\\u0000b\"", "\"a\\u0000c\"" },
		{ "\"ab\"", "\"abc\"" },
		{ "[1, 2]", "[2, 1]" },
		{ "[1]", "[1, 1]" },
		{ "{\"a\": 1}", "{\"a\": 2}" },
		{ "{\"a\": 1}", "{\"b\": 1}" },
		{ "{\"a\": 1}", "{\"a\": 1, \"b\": 1}" },
		{ "{\"a\\u0000x\": 1}", "{\"a\\u0000y\": 1}" },
	};
	struct arena a = ARENA_INIT;
	struct buf msg = BUF_INIT;
	struct json *x, *y;
	size_t i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		x = parse(&a, same[i][0], &msg);
		y = parse(&a, same[i][1], &msg);
		OK(x != NULL && y != NULL);
		if (!json_equal(x, y) || !json_equal(y, x))
			FAIL_AT("%s and %s differ", same[i][0], same[i][1]);
	}
	for (i = 0; i < sizeof(differ) / sizeof(differ[0]); i++) {
		x = parse(&a, differ[i][0], &msg);
		y = parse(&a, differ[i][1], &msg);
		OK(x != NULL && y != NULL);
		if (json_equal(x, y) || json_equal(y, x))
			FAIL_AT("%s and %s are equal", differ[i][0],
			    differ[i][1]);
	}
	OK(json_equal(NULL, NULL));
	OK(!json_equal(x, NULL));
	OK(!json_equal(NULL, x));
	buf_release(&msg);
	arena_release(&a);
}

/* Trees parsed with one string table share their equal strings. */
static void
test_json__shared_strings(void)
{
	static const char a_src[] = "{\"type\": \"Assertion\", \"n\": 12,"
	    " \"x\": \"a\\u0000b\", \"id\": \"urn:a\"}";
	static const char b_src[] = "[{\"type\": \"Assertion\"}, \"n\","
	    " \"a\\u0000b\", \"urn:b\", 12]";
	struct arena ar = ARENA_INIT;
	struct json_strtab *t = json_strtab_new(&ar);
	struct json *a, *b;
	const struct json *e;

	INT_EQ(json_parse_shared(&a, &ar, t, "a", a_src, strlen(a_src), NULL),
	    0);
	INT_EQ(json_parse_shared(&b, &ar, t, "b", b_src, strlen(b_src), NULL),
	    0);
	e = json_at(b, 0);
	/* Member names and values, equal strings: one copy. */
	OK(json_get_str(a, "type") == json_get_str(e, "type"));
	OK(json_get(a, "type")->key == json_get(e, "type")->key);
	OK(json_get(a, "n")->key == json_at(b, 1)->str);
	OK(json_get(a, "n")->str == json_at(b, 4)->str);
	STR_EQ(json_get_str(a, "id"), "urn:a");
	STR_EQ(json_at(b, 3)->str, "urn:b");
	/* A string holding a NUL is never shared, and stays whole. */
	INT_EQ(json_get(a, "x")->len, 3);
	OK(memcmp(json_get(a, "x")->str, "a\0b", 4) == 0);
	OK(json_get(a, "x")->str != json_at(b, 2)->str);
	INT_EQ(json_at(b, 2)->len, 3);
	json_strtab_free(t);
	arena_release(&ar);
}

TESTS(T(test_json__accepts_values), T(test_json__decodes_escapes),
    T(test_json__rejects), T(test_json__duplicate_in_large_object),
    T(test_json__place_and_path), T(test_json__depth_limit),
    T(test_json__build_and_write), T(test_json__equal),
    T(test_json__shared_strings))
