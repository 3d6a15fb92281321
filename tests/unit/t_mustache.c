/*
 * t_mustache.c - the Mustache engine: every test of the specification's
 * suites in tests/data/mustache-spec/ (one counted case each, named
 * "spec/<suite>/<test>"), then our own cases: escaping, numbers,
 * truthiness, errors and their places, recursion limits, caching,
 * inheritance beyond the specification and threads.
 *
 *	t_mustache [<part of a test name>]
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "mustache.h"
#include "harness.h"

/* Tests in the suites (comments, delimiters, interpolation, inverted,
 * partials, sections, ~inheritance), so none can go missing unseen. */
#define SPEC_TESTS	163

static const char *const spec_suites[] = {
	"comments", "delimiters", "interpolation", "inverted", "partials",
	"sections", "~inheritance",
};

/* Loads partials from a JSON object of name -> text. */
static int
load_obj(void *arg, const char *name, const char **src, size_t *len)
{
	const struct json *v = json_get(arg, name);

	if (v == NULL || v->type != JSON_STRING)
		return -1;
	*src = v->str;
	*len = v->len;
	return 0;
}

/* Loads partials from a NULL-terminated list of name, text, .... */
static int
load_list(void *arg, const char *name, const char **src, size_t *len)
{
	const char *const *p;

	for (p = arg; p != NULL && p[0] != NULL; p += 2)
		if (strcmp(p[0], name) == 0) {
			*src = p[1];
			*len = strlen(p[1]);
			return 0;
		}
	return -1;
}

/*
 * Renders tpl, named t.mustache, with data (JSON text or NULL) and the
 * partials (name, text, ..., NULL) into out; messages go to msg.
 */
static int
run(const char *const *partials, const char *tpl, const char *data,
    struct buf *out, struct buf *msg)
{
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	struct json *v = NULL;
	struct mustache *m;
	int rc;

	d.quiet = true;
	d.capture = msg;
	buf_reset(out);
	buf_reset(msg);
	if (data != NULL &&
	    json_parse(&v, &a, "data", data, strlen(data), &d) < 0) {
		arena_release(&a);
		return -2;
	}
	m = mustache_new(load_list, (void *)(uintptr_t)partials);
	rc = mustache_render_src(m, "t.mustache", tpl, strlen(tpl), v, out,
	    &d);
	mustache_free(m);
	arena_release(&a);
	return rc;
}

/* Checks that tpl renders to want. */
#define RENDERS(P_, T_, D_, W_) do { \
	struct buf o_ = BUF_INIT, m_ = BUF_INIT; \
	int rc_ = run((P_), (T_), (D_), &o_, &m_); \
	if (rc_ != 0) \
		FAIL_AT("%s: failed: %s", #T_, m_.data); \
	else if (strcmp(o_.data, (W_)) != 0) \
		FAIL_AT("%s: got \"%s\", expected \"%s\"", #T_, o_.data, \
		    (W_)); \
	buf_release(&o_); \
	buf_release(&m_); \
} while (0)

/* Checks that tpl fails with a message holding want. */
#define FAILS(P_, T_, D_, W_) do { \
	struct buf o_ = BUF_INIT, m_ = BUF_INIT; \
	int rc_ = run((P_), (T_), (D_), &o_, &m_); \
	if (rc_ != -1) \
		FAIL_AT("%s: rendered \"%s\", expected an error", #T_, \
		    o_.data); \
	else if (strstr(m_.data, (W_)) == NULL) \
		FAIL_AT("%s: message \"%s\" lacks \"%s\"", #T_, m_.data, \
		    (W_)); \
	buf_release(&o_); \
	buf_release(&m_); \
} while (0)

static void
test_mustache__escapes_html(void)
{
	const char *data = "{\"x\": \"a&b<c>d\\\"e'f\"}";

	RENDERS(NULL, "{{x}}", data, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	RENDERS(NULL, "{{{x}}}|{{&x}}", data, "a&b<c>d\"e'f|a&b<c>d\"e'f");
	RENDERS(NULL, "{{=<% %>=}}<%x%><%{x}%>", data,
	    "a&amp;b&lt;c&gt;d&quot;e&#39;fa&b<c>d\"e'f");
	RENDERS(NULL, "{{#l}}{{.}}{{/l}}", "{\"l\": [\"'\", \"&\"]}",
	    "&#39;&amp;");
	RENDERS(NULL, "no tags: & < '", NULL, "no tags: & < '");
}

static void
test_mustache__numbers(void)
{
	RENDERS(NULL, "{{a}} {{b}} {{c}} {{d}} {{e}}",
	    "{\"a\": 85, \"b\": 1.210, \"c\": -0.5, \"d\": 1e3, \"e\": 0.1}",
	    "85 1.21 -0.5 1000 0.1");
	RENDERS(NULL, "{{a}} {{b}} {{c}} {{d}} {{e}}",
	    "{\"a\": 12345678901234567890, \"b\": -0, \"c\": 1e21,"
	    " \"d\": 1e-7, \"e\": 0.000001}",
	    "12345678901234567890 -0 1e+21 1e-7 0.000001");
	RENDERS(NULL, "{{a}} {{b}} {{c}} {{d}}",
	    "{\"a\": 1.5e300, \"b\": 123456789012345678901.5,"
	    " \"c\": 2.50, \"d\": 100.0}",
	    "1.5e+300 123456789012345680000 2.5 100");
	RENDERS(NULL, "{{a}} {{b}} {{c}} {{d}} {{e}}|{{{a}}}",
	    "{\"a\": 3.14159, \"b\": true, \"c\": false, \"d\": null,"
	    " \"e\": [1]}",
	    "3.14159 true false  |3.14159");
}

static void
test_mustache__built_numbers(void)
{
	struct arena a = ARENA_INIT;
	struct buf out = BUF_INIT;
	struct json *root = json_new(&a, JSON_OBJECT);
	struct mustache *m = mustache_new(load_list, NULL);
	const char *t = "{{x}} {{y}} {{z}}";

	json_add_num(&a, root, "x", 0.1);
	json_add_num(&a, root, "y", 42);
	json_add_num(&a, root, "z", 1.0 / 3);
	INT_EQ(mustache_render_src(m, "n", t, strlen(t), root, &out, NULL), 0);
	STR_EQ(out.data, "0.1 42 0.3333333333333333");
	mustache_free(m);
	buf_release(&out);
	arena_release(&a);
}

static void
test_mustache__truthiness(void)
{
	const char *t = "{{#v}}T{{/v}}{{^v}}F{{/v}}";

	RENDERS(NULL, t, "{\"v\": \"\"}", "F");
	RENDERS(NULL, t, "{\"v\": \"x\"}", "T");
	RENDERS(NULL, t, "{\"v\": 0}", "T");
	RENDERS(NULL, t, "{\"v\": {}}", "T");
	RENDERS(NULL, t, "{\"v\": []}", "F");
	RENDERS(NULL, t, "{\"v\": null}", "F");
	RENDERS(NULL, t, "{}", "F");
	RENDERS(NULL, t, NULL, "F");
	RENDERS(NULL, "{{#v}}{{.}}{{/v}}", "{\"v\": \"x\"}", "x");
	/* A present null hides the same name further out. */
	RENDERS(NULL, "{{#a}}[{{b}}]{{/a}}", "{\"a\": {\"b\": null}, \"b\": 1}",
	    "[]");
	RENDERS(NULL, "{{.}}|{{#.}}{{.}}{{/.}}", "\"s\"", "s|s");
}

static void
test_mustache__syntax_errors(void)
{
	FAILS(NULL, "a\n  {{#skills}}x", NULL,
	    "t.mustache:2:3: unclosed section \"skills\"");
	FAILS(NULL, "{{^a}}", NULL,
	    "t.mustache:1:1: unclosed inverted section \"a\"");
	FAILS(NULL, "{{$a}}", NULL, "t.mustache:1:1: unclosed block \"a\"");
	FAILS(NULL, "x\n{{<a}}", NULL, "t.mustache:2:1: unclosed parent \"a\"");
	FAILS(NULL, "{{#a}}\n {{/b}}", NULL,
	    "t.mustache:2:2: closing tag \"b\" does not match section \"a\" opened at 1:1");
	FAILS(NULL, "x{{/a}}", NULL,
	    "t.mustache:1:2: closing tag \"a\" has no opening tag");
	FAILS(NULL, "x {{y", NULL, "t.mustache:1:3: unclosed tag");
	FAILS(NULL, "x {{y\n}}", NULL, "t.mustache:1:3: unclosed tag");
	FAILS(NULL, "{{{y}}", NULL, "t.mustache:1:1: unclosed tag");
	FAILS(NULL, "{{!never closed", NULL, "t.mustache:1:1: unclosed tag");
	FAILS(NULL, "{{= | =}}", NULL, "t.mustache:1:1: bad set delimiter tag");
	FAILS(NULL, "{{=| |}}", NULL, "t.mustache:1:1: bad set delimiter tag");
	FAILS(NULL, "{{=a= b=}}", NULL, "bad set delimiter tag");
	FAILS(NULL, "{{=<% %>=}}\n<%x", NULL, "t.mustache:2:1: unclosed tag");
	FAILS(NULL, "{{}}", NULL, "t.mustache:1:1: empty tag");
	FAILS(NULL, "{{# }}", NULL, "empty tag");
	FAILS(NULL, "{{a b}}", NULL, "blank in tag name \"a b\"");
	FAILS(NULL, "{{a..b}}", NULL, "bad name \"a..b\": empty part");
	FAILS(NULL, "{{#.a}}{{/.a}}", NULL, "bad name \".a\"");
	/* Columns count characters, not bytes. */
	FAILS(NULL, "\xc3\xa9t\xc3\xa9 {{#a}}", NULL,
	    "t.mustache:1:5: unclosed section \"a\"");
}

static void
test_mustache__nesting_limit(void)
{
	struct buf t = BUF_INIT, o = BUF_INIT, m = BUF_INIT;
	int i;

	for (i = 0; i < MUSTACHE_MAX_NEST; i++)
		BUF_PUTSL(&t, "{{#a}}");
	BUF_PUTSL(&t, "x");
	for (i = 0; i < MUSTACHE_MAX_NEST; i++)
		BUF_PUTSL(&t, "{{/a}}");
	INT_EQ(run(NULL, t.data, "{\"a\": true}", &o, &m), 0);
	STR_EQ(o.data, "x");
	buf_reset(&t);
	for (i = 0; i < 10000; i++)
		BUF_PUTSL(&t, "{{#a}}");
	for (i = 0; i < 10000; i++)
		BUF_PUTSL(&t, "{{/a}}");
	INT_EQ(run(NULL, t.data, NULL, &o, &m), -1);
	OK(strstr(m.data,
	    "t.mustache:1:601: sections nested more than 100 deep") != NULL);
	buf_release(&t);
	buf_release(&o);
	buf_release(&m);
}

static void
test_mustache__missing_templates(void)
{
	static const char *const p[] = { "p", "[{{$a}}A{{/a}}]", NULL };
	static const char *const bad[] = { "bad", "ok\n{{#x}}", NULL };
	struct mustache *m;
	struct buf out = BUF_INIT, msg = BUF_INIT;
	struct diag d = DIAG_INIT;

	RENDERS(p, "<{{>nothere}}>", NULL, "<>");
	RENDERS(p, "<{{>p}}>", NULL, "<[A]>");
	FAILS(p, "x\n {{<layout}}{{/layout}}", NULL,
	    "t.mustache:2:2: no template \"layout\"");
	/* Errors in partials name the partial. */
	FAILS(bad, "{{#no}}{{>bad}}{{/no}}", NULL,
	    "bad:2:1: unclosed section \"x\"");
	d.quiet = true;
	d.capture = &msg;
	m = mustache_new(load_list, (void *)(uintptr_t)p);
	INT_EQ(mustache_render(m, "nothere", NULL, &out, &d), -1);
	OK(strstr(msg.data, "no template \"nothere\"") != NULL);
	/* A failed render leaves out as it was. */
	BUF_PUTSL(&out, "keep");
	buf_reset(&msg);
	INT_EQ(mustache_render_src(m, "e", "a{{>q}}{{<r}}{{/r}}", 19, NULL,
	    &out, &d), -1);
	STR_EQ(out.data, "keep");
	OK(strstr(msg.data, "e:1:8: no template \"r\"") != NULL);
	buf_reset(&out);
	INT_EQ(mustache_render(m, "p", NULL, &out, &d), 0);
	STR_EQ(out.data, "[A]");
	mustache_free(m);
	buf_release(&out);
	buf_release(&msg);
}

static void
test_mustache__recursion_limits(void)
{
	static const char *const self[] = { "r", "x{{>r}}", NULL };
	static const char *const parent[] = { "p", "{{<p}}{{/p}}", NULL };
	static const char *const tree[] = {
		"node", "{{n}}{{#kids}}({{>node}}){{/kids}}", NULL
	};
	static const char *const block[] = { "p", "{{$a}}{{/a}}", NULL };
	struct buf data = BUF_INIT, want = BUF_INIT, o = BUF_INIT, m = BUF_INIT;
	int i;

	FAILS(self, "{{>r}}", NULL,
	    "r:1:2: partial \"r\" nested more than 100 deep");
	FAILS(parent, "{{<p}}{{/p}}", NULL,
	    "p:1:1: parent \"p\" nested more than 100 deep");
	/* A block that contains itself. */
	FAILS(block, "{{<p}}{{$a}}x{{$a}}y{{/a}}{{/a}}{{/p}}", NULL,
	    "nested more than");
	/* Sections over lists nest into exponential work: it is cut off. */
	buf_reset(&data);
	for (i = 0; i < 40; i++)
		BUF_PUTSL(&data, "{{#a}}");
	for (i = 0; i < 40; i++)
		BUF_PUTSL(&data, "{{/a}}");
	INT_EQ(run(NULL, data.data, "{\"a\": {\"a\": [true, false]}}", &o,
	    &m), -1);
	OK(strstr(m.data, "rendering stopped after 100000000 steps") != NULL);
	buf_reset(&data);
	/* Recursion driven by data stops where the data does. */
	for (i = 0; i < 45; i++) {
		buf_printf(&data, "{\"n\": %d, \"kids\": [", i);
		buf_printf(&want, "%d(", i);
	}
	BUF_PUTSL(&data, "{\"n\": 45, \"kids\": []}");
	BUF_PUTSL(&want, "45");
	for (i = 0; i < 45; i++) {
		BUF_PUTSL(&data, "]}");
		BUF_PUTSL(&want, ")");
	}
	INT_EQ(run(tree, "{{>node}}", data.data, &o, &m), 0);
	STR_EQ(o.data, want.data);
	buf_release(&data);
	buf_release(&want);
	buf_release(&o);
	buf_release(&m);
}

static void
test_mustache__output_limit(void)
{
	struct mustache *m = mustache_new(load_list, NULL);
	struct buf out = BUF_INIT, msg = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct arena a = ARENA_INIT;
	struct json *v;
	const char *t = "{{#l}}0123456789{{/l}}";

	d.quiet = true;
	d.capture = &msg;
	OK(json_parse(&v, &a, "d", "{\"l\": [1,2,3,4,5]}", 18, &d) == 0);
	buf_init(&out, 25);
	INT_EQ(mustache_render_src(m, "big", t, strlen(t), v, &out, &d), -1);
	OK(strstr(msg.data, "output is larger than 25 bytes") != NULL);
	INT_EQ(out.len, 0);
	OK(!out.over);
	out.max = 50;
	INT_EQ(mustache_render_src(m, "big", t, strlen(t), v, &out, &d), 0);
	INT_EQ(out.len, 50);
	buf_release(&out);
	buf_release(&msg);
	arena_release(&a);
	mustache_free(m);
}

static void
test_mustache__cache(void)
{
	static const char *const p[] = {
		"page", "{{>head}}:{{x}}", "head", "H", NULL
	};
	struct mustache *m = mustache_new(load_list, (void *)(uintptr_t)p);
	struct buf out = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct json *v;
	int i;

	OK(json_parse(&v, &a, "d", "{\"x\": 1}", 8, NULL) == 0);
	for (i = 0; i < 3; i++) {
		buf_reset(&out);
		INT_EQ(mustache_render(m, "page", v, &out, NULL), 0);
		STR_EQ(out.data, "H:1");
	}
	/* Text under a name replaces it; a partial by that name too. */
	buf_reset(&out);
	INT_EQ(mustache_render_src(m, "page", "P{{x}}", 6, v, &out, NULL), 0);
	STR_EQ(out.data, "P1");
	buf_reset(&out);
	INT_EQ(mustache_render(m, "page", v, &out, NULL), 0);
	STR_EQ(out.data, "P1");
	buf_reset(&out);
	INT_EQ(mustache_render_src(m, "other", "{{>page}}", 9, v, &out, NULL),
	    0);
	STR_EQ(out.data, "P1");
	mustache_free(m);
	mustache_free(NULL);
	buf_release(&out);
	arena_release(&a);
}

static void
test_mustache__inheritance(void)
{
	static const char *const p[] = {
		"layout",
		"<html>\n"
		"  <head>\n"
		"    {{>head}}\n"
		"  </head>\n"
		"  <body>\n"
		"    {{$body}}\n"
		"    <p>nothing</p>\n"
		"    {{/body}}\n"
		"    <footer>{{$foot}}&copy;{{/foot}}</footer>\n"
		"  </body>\n"
		"</html>\n",
		"head", "<title>{{$title}}Badges{{/title}}</title>\n",
		"line", "stop:\n  {{$n}}collaborate{{/n}}\n",
		"page", "<html>\n  {{$body}}default{{/body}}\n</html>\n",
		NULL
	};

	/* Defaults keep the indentation of their line. */
	RENDERS(p, "{{>line}}", NULL, "stop:\n  collaborate\n");
	RENDERS(p, "{{<line}}{{$n}}hammer\ntime{{/n}}{{/line}}", NULL,
	    "stop:\n  hammer\n  time\n");
	RENDERS(p, "{{<layout}}{{/layout}}", NULL,
	    "<html>\n  <head>\n    <title>Badges</title>\n  </head>\n"
	    "  <body>\n    <p>nothing</p>\n    <footer>&copy;</footer>\n"
	    "  </body>\n</html>\n");
	/* A partial of the parent sees the overrides; blocks re-indent. */
	RENDERS(p,
	    "{{<layout}}\n"
	    "{{$title}}{{name}} - Badges{{/title}}\n"
	    "{{$body}}\n"
	    "<h1>{{name}}</h1>\n"
	    "{{#skills}}\n"
	    "<li>{{.}}</li>\n"
	    "{{/skills}}\n"
	    "{{/body}}\n"
	    "{{/layout}}\n",
	    "{\"name\": \"Ann & Co\", \"skills\": [\"C\", \"Go\"]}",
	    "<html>\n  <head>\n    <title>Ann &amp; Co - Badges</title>\n"
	    "  </head>\n  <body>\n    <h1>Ann &amp; Co</h1>\n"
	    "    <li>C</li>\n    <li>Go</li>\n    <footer>&copy;</footer>\n"
	    "  </body>\n</html>\n");
	/* A standalone block's line ends with its content. */
	RENDERS(p, "{{>page}}", NULL, "<html>\n  default\n</html>\n");
	RENDERS(p, "{{<page}}{{$body}}x{{/body}}{{/page}}", NULL,
	    "<html>\n  x\n</html>\n");
	RENDERS(p, "{{<page}}\n{{$body}}\n<p>a</p>\n<p>b</p>\n{{/body}}\n"
	    "{{/page}}\n", NULL, "<html>\n  <p>a</p>\n  <p>b</p>\n</html>\n");
	RENDERS(p, "{{<page}}{{$body}}{{#no}}x{{/no}}{{/body}}{{/page}}", NULL,
	    "<html>\n</html>\n");
	/* An argument for an inline block is not indented. */
	RENDERS(p, "{{<layout}}{{$foot}}a\nb{{/foot}}{{/layout}}", NULL,
	    "<html>\n  <head>\n    <title>Badges</title>\n  </head>\n"
	    "  <body>\n    <p>nothing</p>\n    <footer>a\nb</footer>\n"
	    "  </body>\n</html>\n");
}

static void
test_mustache__line_endings(void)
{
	static const char *const p[] = {
		"p", "a\r\nb\r\n", "outer", "<div>\n  {{>p}}\n</div>\n", NULL
	};

	RENDERS(NULL, "x\r\n{{#a}}\r\ny\r\n{{/a}}\r\nz", "{\"a\": 1}",
	    "x\r\ny\r\nz");
	RENDERS(p, "x\r\n  {{>p}}\r\nz", NULL, "x\r\n  a\r\n  b\r\nz");
	RENDERS(NULL, "a\n{{! a\nmulti-line\ncomment }}\nb", NULL, "a\nb");
	/* Indentation adds up through nested standalone partials. */
	RENDERS(p, "x\n  {{>outer}}\n", NULL,
	    "x\n  <div>\n    a\r\n    b\r\n  </div>\n");
}

#define THREADS	4
#define ROUNDS	500

struct job {
	struct mustache	*m;
	const struct json *data;
	int		 bad;
};

static void *
worker(void *arg)
{
	struct job *j = arg;
	struct buf out = BUF_INIT;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		buf_reset(&out);
		if (mustache_render(j->m, i % 2 ? "a" : "b", j->data, &out,
		    NULL) != 0 || strcmp(out.data,
		    i % 2 ? "  <1>\n  <2>\n" : "[ <1>\n<2>\n]") != 0)
			j->bad++;
	}
	buf_release(&out);
	return NULL;
}

static void
test_mustache__threads(void)
{
	static const char *const p[] = {
		"a", "  {{>item}}\n",
		"b", "[{{<wrap}}{{$x}}{{>item}}{{/x}}{{/wrap}}]",
		"wrap", " {{$x}}{{/x}}",
		"item", "{{#l}}\n<{{.}}>\n{{/l}}\n", NULL
	};
	struct mustache *m = mustache_new(load_list, (void *)(uintptr_t)p);
	struct arena a = ARENA_INIT;
	struct json *v;
	pthread_t th[THREADS];
	struct job jobs[THREADS];
	int i;

	OK(json_parse(&v, &a, "d", "{\"l\": [1, 2]}", 13, NULL) == 0);
	for (i = 0; i < THREADS; i++) {
		jobs[i].m = m;
		jobs[i].data = v;
		jobs[i].bad = 0;
		OK(pthread_create(&th[i], NULL, worker, &jobs[i]) == 0);
	}
	for (i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		INT_EQ(jobs[i].bad, 0);
	}
	mustache_free(m);
	arena_release(&a);
}

/* Reads a file whole into out; returns -1 on failure. */
static int
slurp(const char *path, struct buf *out)
{
	char chunk[8192];
	FILE *fp;
	size_t n;
	int rc = 0;

	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(out, chunk, n);
	if (ferror(fp))
		rc = -1;
	fclose(fp);
	return rc;
}

/* Runs one test of the specification; prints why it failed. */
static bool
spec_case(const struct json *t)
{
	const struct json *tpl = json_get(t, "template");
	const struct json *want = json_get(t, "expected");
	struct mustache *m;
	struct buf out = BUF_INIT, msg = BUF_INIT;
	struct diag d = DIAG_INIT;
	bool ok = false;

	d.quiet = true;
	d.capture = &msg;
	if (tpl == NULL || want == NULL || tpl->type != JSON_STRING ||
	    want->type != JSON_STRING) {
		fprintf(stderr, "  malformed test\n");
		return false;
	}
	m = mustache_new(load_obj, (void *)(uintptr_t)json_get(t, "partials"));
	if (mustache_render_src(m, "template", tpl->str, tpl->len,
	    json_get(t, "data"), &out, &d) != 0)
		fprintf(stderr, "  failed: %s", msg.data);
	else if (out.len != want->len || memcmp(out.data, want->str, out.len))
		fprintf(stderr, "  template: \"%s\"\n  got:      \"%s\"\n"
		    "  expected: \"%s\"\n", tpl->str, out.data, want->str);
	else
		ok = true;
	mustache_free(m);
	buf_release(&out);
	buf_release(&msg);
	return ok;
}

static const struct harness_test tests[] = {
	T(test_mustache__escapes_html),
	T(test_mustache__numbers),
	T(test_mustache__built_numbers),
	T(test_mustache__truthiness),
	T(test_mustache__syntax_errors),
	T(test_mustache__nesting_limit),
	T(test_mustache__missing_templates),
	T(test_mustache__recursion_limits),
	T(test_mustache__output_limit),
	T(test_mustache__cache),
	T(test_mustache__inheritance),
	T(test_mustache__line_endings),
	T(test_mustache__threads),
};

int
main(int argc, char **argv)
{
	const char *top = getenv("TOP"), *only = harness_only(argc, argv);
	size_t i, nspec = 0;
	struct harness_counts c = { 0, 0, 0 };
	struct buf path = BUF_INIT, src = BUF_INIT, name = BUF_INIT;

	harness_run(&c, tests, sizeof(tests) / sizeof(tests[0]), only);
	for (i = 0; i < sizeof(spec_suites) / sizeof(spec_suites[0]); i++) {
		struct arena a = ARENA_INIT;
		const struct json *t;
		struct json *doc;

		buf_reset(&path);
		buf_reset(&src);
		buf_printf(&path, "%s/tests/data/mustache-spec/%s.json",
		    top != NULL ? top : ".", spec_suites[i]);
		if (slurp(path.data, &src) < 0 || json_parse(&doc, &a,
		    path.data, src.data, src.len, NULL) < 0) {
			printf("not ok - spec/%s: cannot read %s: %s\n",
			    spec_suites[i], path.data, strerror(errno));
			c.failed++;
			arena_release(&a);
			continue;
		}
		t = json_get(doc, "tests");
		for (t = t != NULL ? t->child : NULL; t != NULL; t = t->next) {
			nspec++;
			buf_reset(&name);
			buf_printf(&name, "spec/%s/%s", spec_suites[i],
			    json_get_str(t, "name") ? json_get_str(t, "name") :
			    "?");
			if (harness_selected(name.data, only))
				harness_report(&c, name.data, !spec_case(t),
				    NULL);
		}
		arena_release(&a);
	}
	if (only == NULL && nspec != SPEC_TESTS) {
		printf("not ok - spec: %zu tests in the suites, expected %d\n",
		    nspec, SPEC_TESTS);
		c.failed++;
	}
	buf_release(&path);
	buf_release(&src);
	buf_release(&name);
	return harness_finish(&c);
}
