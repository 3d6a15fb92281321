/*
 * t_jsonld.c - JSON-LD expansion to RDF.  The expected N-Quads of the
 * feature cases are jsonld.js 9's output (canonize, RDFC-1.0, safe mode,
 * the compiled-in contexts as its document loader); for the cases
 * jsonld.js refuses in safe mode, the message badgegen gives.  The one
 * exception, "list", needs a little Hash N-Degree Quads work that
 * jsonld.js's default limit (work factor 1) refuses; its N-Quads are
 * rdf-canonize's with work factor 3, badgegen's default.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "jsonld.h"
#include "harness.h"

/* Canonical N-Quads of the JSON text, or "!" and the error message. */
static void
canon(struct buf *out, const char *text)
{
	struct arena a = ARENA_INIT;
	struct buf msg = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct json *v;

	buf_reset(out);
	d.quiet = true;
	d.capture = &msg;
	if (json_parse(&v, &a, "t.json", text, strlen(text), &d) < 0 ||
	    jsonld_canonicalize(out, v, &d) < 0) {
		buf_reset(out);
		buf_putc(out, '!');
		buf_puts(out, strncmp(msg.data, "error: ", 7) == 0 ?
		    msg.data + 7 : msg.data);
		if (out->len > 0 && out->data[out->len - 1] == '\n')
			buf_truncate(out, out->len - 1);
	}
	buf_release(&msg);
	arena_release(&a);
}

static const struct {
	const char	*name;
	const char	*doc;
	const char	*want;		/* N-Quads, or "!" + error */
} cases[] = {
	{ "aliases",
	    "{\"@context\": {\"id\": \"@id\", \"type\": \"@type\", \"ex\""
	    ": \"http://e/\", \"name\": \"ex:name\", \"Thing\": \"ex:Thin"
	    "g\"}, \"id\": \"ex:s\", \"type\": [\"Thing\", \"ex:Other\"],"
	    " \"name\": \"n\", \"ex:direct\": \"d\"}",
	    "<http://e/s> <http://e/direct> \"d\" .\n"
	    "<http://e/s> <http://e/name> \"n\" .\n"
	    "<http://e/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#typ"
	    "e> <http://e/Other> .\n"
	    "<http://e/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#typ"
	    "e> <http://e/Thing> .\n" },
	{ "base",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"@base\": \"http"
	    "://b.example/dir/doc\", \"r\": {\"@id\": \"http://e/r\", \"@"
	    "type\": \"@id\"}}, \"@id\": \"../x\", \"r\": [\"y\", \"#f\","
	    " \"?q\", \"//h/p\", \"./z/../w\", \"\"]}",
	    "<http://b.example/x> <http://e/r> <http://b.example/dir/doc#"
	    "f> .\n"
	    "<http://b.example/x> <http://e/r> <http://b.example/dir/doc>"
	    " .\n"
	    "<http://b.example/x> <http://e/r> <http://b.example/dir/doc?"
	    "q> .\n"
	    "<http://b.example/x> <http://e/r> <http://b.example/dir/w> ."
	    "\n"
	    "<http://b.example/x> <http://e/r> <http://b.example/dir/y> ."
	    "\n"
	    "<http://b.example/x> <http://e/r> <http://h/p> .\n" },
	{ "bnodes",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"_:x\""
	    ", \"p\": {\"@id\": \"_:y\", \"q\": {\"@id\": \"_:x\"}}, \"@t"
	    "ype\": \"_:T\"}",
	    "_:c14n0 <http://e/p> _:c14n1 .\n"
	    "_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> _:"
	    "c14n2 .\n"
	    "_:c14n1 <http://e/q> _:c14n0 .\n" },
	{ "compact",
	    "{\"@context\": {\"ex\": \"http://e/\", \"exo\": {\"@id\": \""
	    "http://e/\", \"@prefix\": true}, \"nopfx\": {\"@id\": \"http"
	    "://e/n#\"}}, \"@id\": \"http://e/s\", \"ex:a\": \"1\", \"exo"
	    ":b\": \"2\", \"http://e/c\": \"3\"}",
	    "<http://e/s> <http://e/a> \"1\" .\n"
	    "<http://e/s> <http://e/b> \"2\" .\n"
	    "<http://e/s> <http://e/c> \"3\" .\n" },
	{ "direction",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"p\": {\"@value\": \"x\", \"@direction\": \"rtl\"}"
	    "}",
	    "!jsonld: $.p: @direction has no RDF form here (rdfDirection "
	    "not set)" },
	{ "dup_merge",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"p\": [{\"@id\": \"http://e/o\", \"q\": \"1\"}, {"
	    "\"@id\": \"http://e/o\", \"q\": \"1\"}], \"r\": \"x\", \"htt"
	    "p://e/r\": \"x\"}",
	    "<http://e/o> <http://e/q> \"1\" .\n"
	    "<http://e/s> <http://e/p> <http://e/o> .\n"
	    "<http://e/s> <http://e/r> \"x\" .\n" },
	{ "embedded_ctx",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"o\": {\"@context\": {\"@vocab\": \"http://other/"
	    "\"}, \"p\": \"1\"}}",
	    "<http://e/s> <http://e/o> _:c14n0 .\n"
	    "_:c14n0 <http://other/p> \"1\" .\n" },
	{ "emptyarray_value",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"p\": {\"@value\": []}}",
	    "<http://e/s> <http://e/p> _:c14n0 .\n" },
	{ "emptyobj_prop",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"p\": {}}",
	    "<http://e/s> <http://e/p> _:c14n0 .\n" },
	{ "escapes",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"p\": \"tab\\there\\nline\\\"q\\\\ \\u0001 \x7f"" "
	    "\xc3""\xa9"" \xf0""\x9f""\x98""\x80""\"}",
	    "<http://e/s> <http://e/p> \"tab\\there\\nline\\\"q\\\\ \\u00"
	    "01 \\u007F \xc3""\xa9"" \xf0""\x9f""\x98""\x80""\" .\n" },
	{ "freefloat",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@graph\": [\"x"
	    "\", {\"@id\": \"http://e/s\", \"p\": \"1\"}]}",
	    "!jsonld: $.@graph[0]: free-floating value would be dropped" },
	{ "graph",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"g\": {\"@id\": "
	    "\"http://e/g\", \"@container\": \"@graph\"}}, \"@id\": \"htt"
	    "p://e/s\", \"g\": [{\"@id\": \"http://e/a\", \"p\": \"1\"}, "
	    "{\"p\": \"2\"}]}",
	    "<http://e/a> <http://e/p> \"1\" _:c14n0 .\n"
	    "<http://e/s> <http://e/g> _:c14n0 .\n"
	    "<http://e/s> <http://e/g> _:c14n2 .\n"
	    "_:c14n1 <http://e/p> \"2\" _:c14n2 .\n" },
	{ "graph2",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/G\", \"@graph\": [{\"@id\": \"http://e/a\", \"p\": \"1\""
	    "}, {\"@id\": \"http://e/b\", \"q\": {\"r\": \"s\"}}]}",
	    "<http://e/a> <http://e/p> \"1\" <http://e/G> .\n"
	    "<http://e/b> <http://e/q> _:c14n0 <http://e/G> .\n"
	    "_:c14n0 <http://e/r> \"s\" <http://e/G> .\n" },
	{ "graph3",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@graph\": [{\""
	    "@id\": \"http://e/a\", \"p\": \"1\"}, {\"@id\": \"http://e/b"
	    "\", \"q\": \"2\"}]}",
	    "<http://e/a> <http://e/p> \"1\" .\n"
	    "<http://e/b> <http://e/q> \"2\" .\n" },
	{ "graph_container_empty",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"g\": {\"@id\": "
	    "\"http://e/g\", \"@container\": \"@graph\"}}, \"@id\": \"htt"
	    "p://e/s\", \"g\": {}}",
	    "!jsonld: $.g: empty object would be dropped" },
	{ "idmap",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"m\": {\"@id\": "
	    "\"http://e/m\", \"@container\": \"@id\"}}, \"@id\": \"http:/"
	    "/e/s\", \"m\": {\"http://e/a\": {\"p\": \"1\"}, \"http://e/b"
	    "\": {\"@id\": \"http://e/c\", \"p\": \"2\"}}}",
	    "<http://e/a> <http://e/p> \"1\" .\n"
	    "<http://e/c> <http://e/p> \"2\" .\n"
	    "<http://e/s> <http://e/m> <http://e/a> .\n"
	    "<http://e/s> <http://e/m> <http://e/c> .\n" },
	{ "import",
	    "{\"@context\": {\"@import\": \"https://www.w3.org/ns/credent"
	    "ials/examples/v2\", \"x\": \"http://e/x\"}, \"@id\": \"http:"
	    "//e/s\", \"x\": \"1\", \"y\": \"2\"}",
	    "!jsonld: $.y: term \"y\" is not defined by the active contex"
	    "t (it would be dropped)" },
	{ "included",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"p\": \"1\", \"@included\": [{\"@id\": \"http://e/"
	    "i\", \"q\": \"2\"}]}",
	    "<http://e/i> <http://e/q> \"2\" .\n"
	    "<http://e/s> <http://e/p> \"1\" .\n" },
	{ "indexmap",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"m\": {\"@id\": "
	    "\"http://e/m\", \"@container\": \"@index\"}}, \"@id\": \"htt"
	    "p://e/s\", \"m\": {\"k1\": {\"p\": \"1\"}, \"k2\": [\"v\", {"
	    "\"@value\": \"w\"}]}}",
	    "<http://e/s> <http://e/m> \"v\" .\n"
	    "<http://e/s> <http://e/m> \"w\" .\n"
	    "<http://e/s> <http://e/m> _:c14n0 .\n"
	    "_:c14n0 <http://e/p> \"1\" .\n" },
	{ "json",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"j\": {\"@id\": "
	    "\"http://e/j\", \"@type\": \"@json\"}}, \"@id\": \"http://e/"
	    "s\", \"j\": {\"b\": [1, 2.5, {\"z\": null, \"a\": \"\xc3"""
	    "\xa9""\"}], \"a\": true}}",
	    "<http://e/s> <http://e/j> \"{\\\"a\\\":true,\\\"b\\\":[1,2.5"
	    ",{\\\"a\\\":\\\"\xc3""\xa9""\\\",\\\"z\\\":null}]}\"^^<http:"
	    "//www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .\n" },
	{ "json2",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"j\": {\"@id\": "
	    "\"http://e/j\", \"@type\": \"@json\"}}, \"@id\": \"http://e/"
	    "s\", \"j\": [1, \"x\"], \"k\": {\"@value\": {\"q\": 1}, \"@t"
	    "ype\": \"@json\"}}",
	    "<http://e/s> <http://e/j> \"[1,\\\"x\\\"]\"^^<http://www.w3."
	    "org/1999/02/22-rdf-syntax-ns#JSON> .\n"
	    "<http://e/s> <http://e/k> \"{\\\"q\\\":1}\"^^<http://www.w3."
	    "org/1999/02/22-rdf-syntax-ns#JSON> .\n" },
	{ "keywordlike",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"@foo\": \"x\"}",
	    "!jsonld: $.@foo: term \"@foo\" is not defined by the active "
	    "context (it would be dropped)" },
	{ "lang",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"@language\": \""
	    "EN-us\", \"nl\": {\"@id\": \"http://e/nl\", \"@language\": n"
	    "ull}, \"fr\": {\"@id\": \"http://e/fr\", \"@language\": \"fr"
	    "\"}}, \"@id\": \"http://e/s\", \"a\": \"x\", \"nl\": \"y\", "
	    "\"fr\": \"z\", \"v\": {\"@value\": \"w\", \"@language\": \"D"
	    "E\"}}",
	    "<http://e/s> <http://e/a> \"x\"@en-us .\n"
	    "<http://e/s> <http://e/fr> \"z\"@fr .\n"
	    "<http://e/s> <http://e/nl> \"y\" .\n"
	    "<http://e/s> <http://e/v> \"w\"@de .\n" },
	{ "langmap",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"m\": {\"@id\": "
	    "\"http://e/m\", \"@container\": \"@language\"}}, \"@id\": \""
	    "http://e/s\", \"m\": {\"en\": \"hi\", \"DE\": [\"hallo\", \""
	    "moin\"], \"@none\": \"x\"}}",
	    "<http://e/s> <http://e/m> \"hallo\"@de .\n"
	    "<http://e/s> <http://e/m> \"hi\"@en .\n"
	    "<http://e/s> <http://e/m> \"moin\"@de .\n"
	    "<http://e/s> <http://e/m> \"x\" .\n" },
	{ "list",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"l\": {\"@id\": "
	    "\"http://e/l\", \"@container\": \"@list\"}}, \"@id\": \"http"
	    "://e/s\", \"l\": [1, {\"@id\": \"http://e/o\"}, {\"p\": \"q"
	    "\"}, [2, 3], []], \"e\": {\"@list\": []}, \"x\": {\"@list\":"
	    " [\"a\", {\"@list\": [\"b\"]}]}}",
	    "<http://e/s> <http://e/e> <http://www.w3.org/1999/02/22-rdf-"
	    "syntax-ns#nil> .\n"
	    "<http://e/s> <http://e/l> _:c14n6 .\n"
	    "<http://e/s> <http://e/x> _:c14n1 .\n"
	    "_:c14n0 <http://e/p> \"q\" .\n"
	    "_:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "
	    "\"a\" .\n"
	    "_:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:"
	    "c14n4 .\n"
	    "_:c14n10 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "
	    "_:c14n0 .\n"
	    "_:c14n10 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _"
	    ":c14n9 .\n"
	    "_:c14n2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <"
	    "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
	    "_:c14n2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <h"
	    "ttp://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
	    "_:c14n3 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <"
	    "http://e/o> .\n"
	    "_:c14n3 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:"
	    "c14n10 .\n"
	    "_:c14n4 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> _"
	    ":c14n7 .\n"
	    "_:c14n4 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <h"
	    "ttp://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
	    "_:c14n5 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "
	    "\"3\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
	    "_:c14n5 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <h"
	    "ttp://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
	    "_:c14n6 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "
	    "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
	    "_:c14n6 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:"
	    "c14n3 .\n"
	    "_:c14n7 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "
	    "\"b\" .\n"
	    "_:c14n7 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <h"
	    "ttp://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
	    "_:c14n8 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "
	    "\"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
	    "_:c14n8 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:"
	    "c14n5 .\n"
	    "_:c14n9 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> _"
	    ":c14n8 .\n"
	    "_:c14n9 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:"
	    "c14n2 .\n" },
	{ "list_in_set",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"l\": {\"@id\": "
	    "\"http://e/l\", \"@container\": \"@list\"}}, \"@id\": \"http"
	    "://e/s\", \"l\": {\"@list\": [1]}, \"m\": [{\"@list\": [2]},"
	    " {\"@list\": [3]}]}",
	    "<http://e/s> <http://e/l> _:c14n1 .\n"
	    "<http://e/s> <http://e/m> _:c14n0 .\n"
	    "<http://e/s> <http://e/m> _:c14n2 .\n"
	    "_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "
	    "\"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
	    "_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <h"
	    "ttp://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
	    "_:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "
	    "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
	    "_:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <h"
	    "ttp://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
	    "_:c14n2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "
	    "\"3\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
	    "_:c14n2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <h"
	    "ttp://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n" },
	{ "nest",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"n\": \"@nest\","
	    " \"a\": {\"@id\": \"http://e/a\", \"@nest\": \"n\"}}, \"@id"
	    "\": \"http://e/s\", \"n\": {\"a\": \"1\", \"b\": \"2\"}}",
	    "<http://e/s> <http://e/a> \"1\" .\n"
	    "<http://e/s> <http://e/b> \"2\" .\n" },
	{ "nullctx_bad",
	    "{\"@context\": [{\"@protected\": true, \"p\": \"http://e/p\""
	    "}, null], \"@id\": \"http://e/s\"}",
	    "!jsonld: $.@context[1]: cannot nullify a context with protec"
	    "ted terms" },
	{ "nullprop",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"p\": null, \"q\": [null, \"x\"], \"r\": []}",
	    "<http://e/s> <http://e/q> \"x\" .\n" },
	{ "nullterm",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"n\": null}, \"@"
	    "id\": \"http://e/s\", \"n\": \"x\"}",
	    "!jsonld: $.n: term \"n\" is not defined by the active contex"
	    "t (it would be dropped)" },
	{ "nullvalue",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"p\": {\"@value\": null}}",
	    "!jsonld: $.p: null @value would be dropped" },
	{ "numbers",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"i\": 5, \"neg\": -3, \"big\": 1234567890123456789"
	    "0, \"d\": 5.5, \"tiny\": 1e-07, \"tiny2\": 1.5e-07, \"huge\""
	    ": 1e+21, \"huge2\": 1e+22, \"z\": -0.0, \"f\": 0.1, \"t\": t"
	    "rue, \"fa\": false, \"one\": 1.0, \"m\": -1e-07}",
	    "<http://e/s> <http://e/big> \"12345678901234567168\"^^<http:"
	    "//www.w3.org/2001/XMLSchema#integer> .\n"
	    "<http://e/s> <http://e/d> \"5.5E0\"^^<http://www.w3.org/2001"
	    "/XMLSchema#double> .\n"
	    "<http://e/s> <http://e/f> \"1.0E-1\"^^<http://www.w3.org/200"
	    "1/XMLSchema#double> .\n"
	    "<http://e/s> <http://e/fa> \"false\"^^<http://www.w3.org/200"
	    "1/XMLSchema#boolean> .\n"
	    "<http://e/s> <http://e/huge2> \"1.0E22\"^^<http://www.w3.org"
	    "/2001/XMLSchema#double> .\n"
	    "<http://e/s> <http://e/huge> \"1.0E21\"^^<http://www.w3.org/"
	    "2001/XMLSchema#double> .\n"
	    "<http://e/s> <http://e/i> \"5\"^^<http://www.w3.org/2001/XML"
	    "Schema#integer> .\n"
	    "<http://e/s> <http://e/m> \"-0\"^^<http://www.w3.org/2001/XM"
	    "LSchema#integer> .\n"
	    "<http://e/s> <http://e/neg> \"-3\"^^<http://www.w3.org/2001/"
	    "XMLSchema#integer> .\n"
	    "<http://e/s> <http://e/one> \"1\"^^<http://www.w3.org/2001/X"
	    "MLSchema#integer> .\n"
	    "<http://e/s> <http://e/t> \"true\"^^<http://www.w3.org/2001/"
	    "XMLSchema#boolean> .\n"
	    "<http://e/s> <http://e/tiny2> \"1.5E-7\"^^<http://www.w3.org"
	    "/2001/XMLSchema#double> .\n"
	    "<http://e/s> <http://e/tiny> \"0\"^^<http://www.w3.org/2001/"
	    "XMLSchema#integer> .\n"
	    "<http://e/s> <http://e/z> \"0\"^^<http://www.w3.org/2001/XML"
	    "Schema#integer> .\n" },
	{ "onlyid",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@graph\": [{\""
	    "@id\": \"http://e/s\"}, {\"@id\": \"http://e/t\", \"p\": \"1"
	    "\"}]}",
	    "!jsonld: $.@graph[0]: object with only @id would be dropped" },
	{ "propagate",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"T\": {\"@id\": "
	    "\"http://e/T\", \"@context\": {\"@propagate\": true, \"p\": "
	    "\"http://t/p\"}}}, \"@id\": \"http://e/s\", \"@type\": \"T\""
	    ", \"child\": {\"p\": \"2\"}}",
	    "<http://e/s> <http://e/child> _:c14n0 .\n"
	    "<http://e/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#typ"
	    "e> <http://e/T> .\n"
	    "_:c14n0 <http://t/p> \"2\" .\n" },
	{ "propindex",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"m\": {\"@id\": "
	    "\"http://e/m\", \"@container\": \"@index\", \"@index\": \"ht"
	    "tp://e/idx\"}}, \"@id\": \"http://e/s\", \"m\": {\"k1\": {\""
	    "p\": \"1\"}, \"@none\": {\"p\": \"2\"}}}",
	    "<http://e/s> <http://e/m> _:c14n0 .\n"
	    "<http://e/s> <http://e/m> _:c14n1 .\n"
	    "_:c14n0 <http://e/p> \"2\" .\n"
	    "_:c14n1 <http://e/idx> \"k1\" .\n"
	    "_:c14n1 <http://e/p> \"1\" .\n" },
	{ "protected_bad",
	    "{\"@context\": [{\"@protected\": true, \"p\": \"http://e/p\""
	    "}, {\"p\": \"http://e/other\"}], \"@id\": \"http://e/s\", \""
	    "p\": \"1\"}",
	    "!jsonld: $.@context[1].p: protected term \"p\" cannot be red"
	    "efined" },
	{ "protected_ok",
	    "{\"@context\": [{\"@protected\": true, \"p\": \"http://e/p\""
	    "}, {\"p\": \"http://e/p\"}], \"@id\": \"http://e/s\", \"p\":"
	    " \"1\"}",
	    "<http://e/s> <http://e/p> \"1\" .\n" },
	{ "protected_override",
	    "{\"@context\": [{\"@protected\": true, \"p\": \"http://e/p\""
	    ", \"q\": {\"@id\": \"http://e/q\", \"@context\": {\"p\": \"h"
	    "ttp://e/pp\"}}}], \"@id\": \"http://e/s\", \"q\": {\"p\": \""
	    "1\"}}",
	    "<http://e/s> <http://e/q> _:c14n0 .\n"
	    "_:c14n0 <http://e/pp> \"1\" .\n" },
	{ "relative_id",
	    "{\"@context\": {\"a\": \"http://e/a\"}, \"@id\": \"rel\", \""
	    "a\": \"1\"}",
	    "!jsonld: $.@id: relative @id reference \"rel\"" },
	{ "relative_obj",
	    "{\"@context\": {\"a\": {\"@id\": \"http://e/a\", \"@type\": "
	    "\"@id\"}}, \"@id\": \"http://e/s\", \"a\": \"rel\"}",
	    "!jsonld: $.a: relative object reference \"rel\"" },
	{ "relative_type",
	    "{\"@context\": {\"a\": \"http://e/a\"}, \"@id\": \"http://e/"
	    "s\", \"@type\": \"Foo\", \"a\": \"1\"}",
	    "!jsonld: $.@type: relative @type reference \"Foo\" (no conte"
	    "xt defines it)" },
	{ "reverse",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"rp\": {\"@rever"
	    "se\": \"http://e/p\"}}, \"@id\": \"http://e/s\", \"rp\": {\""
	    "@id\": \"http://e/o\", \"n\": \"1\"}, \"@reverse\": {\"http:"
	    "//e/q\": [{\"@id\": \"http://e/o2\"}, {\"n\": \"2\"}]}}",
	    "<http://e/o2> <http://e/q> <http://e/s> .\n"
	    "<http://e/o> <http://e/n> \"1\" .\n"
	    "<http://e/o> <http://e/p> <http://e/s> .\n"
	    "_:c14n0 <http://e/n> \"2\" .\n"
	    "_:c14n0 <http://e/q> <http://e/s> .\n" },
	{ "scoped",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"T\": {\"@id\": "
	    "\"http://e/T\", \"@context\": {\"p\": \"http://t/p\"}}, \"q"
	    "\": {\"@id\": \"http://e/q\", \"@context\": {\"r\": \"http:/"
	    "/q/r\"}}}, \"@id\": \"http://e/s\", \"@type\": \"T\", \"p\":"
	    " \"1\", \"child\": {\"p\": \"2\"}, \"q\": {\"r\": \"3\", \"i"
	    "nner\": {\"r\": \"4\"}}}",
	    "<http://e/s> <http://e/child> _:c14n2 .\n"
	    "<http://e/s> <http://e/q> _:c14n0 .\n"
	    "<http://e/s> <http://t/p> \"1\" .\n"
	    "<http://e/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#typ"
	    "e> <http://e/T> .\n"
	    "_:c14n0 <http://e/inner> _:c14n1 .\n"
	    "_:c14n0 <http://q/r> \"3\" .\n"
	    "_:c14n1 <http://q/r> \"4\" .\n"
	    "_:c14n2 <http://e/p> \"2\" .\n" },
	{ "setobj",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"p\": {\"@set\": [\"a\", \"b\"]}}",
	    "<http://e/s> <http://e/p> \"a\" .\n"
	    "<http://e/s> <http://e/p> \"b\" .\n" },
	{ "type_scoped_value",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"T\": {\"@id\": "
	    "\"http://e/T\", \"@context\": {\"v\": {\"@id\": \"http://e/v"
	    "\", \"@type\": \"http://e/dt\"}}}}, \"@id\": \"http://e/s\","
	    " \"@type\": \"T\", \"v\": \"1\", \"o\": {\"v\": \"2\"}}",
	    "<http://e/s> <http://e/o> _:c14n0 .\n"
	    "<http://e/s> <http://e/v> \"1\"^^<http://e/dt> .\n"
	    "<http://e/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#typ"
	    "e> <http://e/T> .\n"
	    "_:c14n0 <http://e/v> \"2\" .\n" },
	{ "typed",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"xsd\": \"http:/"
	    "/www.w3.org/2001/XMLSchema#\", \"fl\": {\"@id\": \"http://e/"
	    "fl\", \"@type\": \"xsd:float\"}, \"db\": {\"@id\": \"http://"
	    "e/db\", \"@type\": \"xsd:double\"}, \"dt\": {\"@id\": \"http"
	    "://e/dt\", \"@type\": \"xsd:dateTime\"}}, \"@id\": \"http://"
	    "e/s\", \"fl\": [5, 5.5, \"7\"], \"db\": [\"3\", \"abc\", \" "
	    "12.5e3x\", 2, true], \"dt\": \"2020-01-01T00:00:00Z\"}",
	    "<http://e/s> <http://e/db> \"1.25E4\"^^<http://www.w3.org/20"
	    "01/XMLSchema#double> .\n"
	    "<http://e/s> <http://e/db> \"2.0E0\"^^<http://www.w3.org/200"
	    "1/XMLSchema#double> .\n"
	    "<http://e/s> <http://e/db> \"3.0E0\"^^<http://www.w3.org/200"
	    "1/XMLSchema#double> .\n"
	    "<http://e/s> <http://e/db> \"NaN\"^^<http://www.w3.org/2001/"
	    "XMLSchema#double> .\n"
	    "<http://e/s> <http://e/db> \"true\"^^<http://www.w3.org/2001"
	    "/XMLSchema#double> .\n"
	    "<http://e/s> <http://e/dt> \"2020-01-01T00:00:00Z\"^^<http:/"
	    "/www.w3.org/2001/XMLSchema#dateTime> .\n"
	    "<http://e/s> <http://e/fl> \"5\"^^<http://www.w3.org/2001/XM"
	    "LSchema#float> .\n"
	    "<http://e/s> <http://e/fl> \"5.5E0\"^^<http://www.w3.org/200"
	    "1/XMLSchema#float> .\n"
	    "<http://e/s> <http://e/fl> \"7\"^^<http://www.w3.org/2001/XM"
	    "LSchema#float> .\n" },
	{ "typemap",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"m\": {\"@id\": "
	    "\"http://e/m\", \"@container\": \"@type\"}}, \"@id\": \"http"
	    "://e/s\", \"m\": {\"http://e/T1\": {\"@id\": \"http://e/a\"}"
	    ", \"T2\": {\"p\": \"x\"}}}",
	    "<http://e/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#typ"
	    "e> <http://e/T1> .\n"
	    "<http://e/s> <http://e/m> <http://e/a> .\n"
	    "<http://e/s> <http://e/m> _:c14n0 .\n"
	    "_:c14n0 <http://e/p> \"x\" .\n"
	    "_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <h"
	    "ttp://e/T2> .\n" },
	{ "types_order",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"A\": {\"@id\": "
	    "\"http://e/A\", \"@context\": {\"p\": \"http://a/p\"}}, \"B"
	    "\": {\"@id\": \"http://e/B\", \"@context\": {\"p\": \"http:/"
	    "/b/p\"}}}, \"@id\": \"http://e/s\", \"@type\": [\"B\", \"A\""
	    "], \"p\": \"1\"}",
	    "<http://e/s> <http://b/p> \"1\" .\n"
	    "<http://e/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#typ"
	    "e> <http://e/A> .\n"
	    "<http://e/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#typ"
	    "e> <http://e/B> .\n" },
	{ "undefined_term",
	    "{\"@context\": {\"a\": \"http://e/a\"}, \"@id\": \"http://e/"
	    "s\", \"a\": \"1\", \"b\": \"2\"}",
	    "!jsonld: $.b: term \"b\" is not defined by the active contex"
	    "t (it would be dropped)" },
	{ "value_types",
	    "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@id\": \"http:"
	    "//e/s\", \"p\": [{\"@value\": \"x\", \"@type\": \"http://e/T"
	    "\"}, {\"@value\": 5, \"@type\": \"http://e/N\"}, {\"@value\""
	    ": true, \"@type\": \"http://e/B\"}]}",
	    "<http://e/s> <http://e/p> \"5\"^^<http://e/N> .\n"
	    "<http://e/s> <http://e/p> \"true\"^^<http://e/B> .\n"
	    "<http://e/s> <http://e/p> \"x\"^^<http://e/T> .\n" },
	{ "vc",
	    "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], "
	    "\"id\": \"urn:x\", \"type\": [\"VerifiableCredential\"], \"i"
	    "ssuer\": \"did:example:1\", \"validFrom\": \"2020-01-01T00:0"
	    "0:00Z\", \"credentialSubject\": {\"id\": \"did:example:2\", "
	    "\"name\": \"n\"}}",
	    "<did:example:2> <https://schema.org/name> \"n\" .\n"
	    "<urn:x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <h"
	    "ttps://www.w3.org/2018/credentials#VerifiableCredential> .\n"
	    "<urn:x> <https://www.w3.org/2018/credentials#credentialSubje"
	    "ct> <did:example:2> .\n"
	    "<urn:x> <https://www.w3.org/2018/credentials#issuer> <did:ex"
	    "ample:1> .\n"
	    "<urn:x> <https://www.w3.org/2018/credentials#validFrom> \"20"
	    "20-01-01T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#date"
	    "Time> .\n" },
	{ "vc_proof_graph",
	    "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], "
	    "\"id\": \"urn:x\", \"type\": [\"VerifiableCredential\"], \"i"
	    "ssuer\": \"did:example:1\", \"credentialSubject\": {\"id\": "
	    "\"did:example:2\"}, \"proof\": {\"type\": \"DataIntegrityPro"
	    "of\", \"cryptosuite\": \"eddsa-rdfc-2022\", \"proofPurpose\""
	    ": \"assertionMethod\", \"verificationMethod\": \"did:example"
	    ":1#k\", \"created\": \"2020-01-01T00:00:00Z\", \"proofValue"
	    "\": \"zabc\"}}",
	    "<urn:x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <h"
	    "ttps://www.w3.org/2018/credentials#VerifiableCredential> .\n"
	    "<urn:x> <https://w3id.org/security#proof> _:c14n1 .\n"
	    "<urn:x> <https://www.w3.org/2018/credentials#credentialSubje"
	    "ct> <did:example:2> .\n"
	    "<urn:x> <https://www.w3.org/2018/credentials#issuer> <did:ex"
	    "ample:1> .\n"
	    "_:c14n0 <http://purl.org/dc/terms/created> \"2020-01-01T00:0"
	    "0:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime> _:c14n1"
	    " .\n"
	    "_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <h"
	    "ttps://w3id.org/security#DataIntegrityProof> _:c14n1 .\n"
	    "_:c14n0 <https://w3id.org/security#cryptosuite> \"eddsa-rdfc"
	    "-2022\"^^<https://w3id.org/security#cryptosuiteString> _:c14"
	    "n1 .\n"
	    "_:c14n0 <https://w3id.org/security#proofPurpose> <https://w3"
	    "id.org/security#assertionMethod> _:c14n1 .\n"
	    "_:c14n0 <https://w3id.org/security#proofValue> \"zabc\"^^<ht"
	    "tps://w3id.org/security#multibase> _:c14n1 .\n"
	    "_:c14n0 <https://w3id.org/security#verificationMethod> <did:"
	    "example:1#k> _:c14n1 .\n" },
	{ "vc_unknownctx",
	    "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\", \""
	    "https://example.com/nope.json\"], \"id\": \"urn:x\"}",
	    "!jsonld: $.@context[1]: context https://example.com/nope.jso"
	    "n is not compiled into badgegen (contexts are never fetched)" },
	{ "version",
	    "{\"@context\": {\"@version\": 1.1, \"@vocab\": \"http://e/\""
	    "}, \"@id\": \"http://e/s\", \"p\": \"1\"}",
	    "<http://e/s> <http://e/p> \"1\" .\n" },
	{ "vocab_type",
	    "{\"@context\": {\"@vocab\": \"http://e/\", \"kind\": {\"@id"
	    "\": \"http://e/kind\", \"@type\": \"@vocab\"}, \"Foo\": \"ht"
	    "tp://e/FooClass\"}, \"@id\": \"http://e/s\", \"kind\": [\"Fo"
	    "o\", \"Bar\", \"http://x/Y\"]}",
	    "<http://e/s> <http://e/kind> <http://e/Bar> .\n"
	    "<http://e/s> <http://e/kind> <http://e/FooClass> .\n"
	    "<http://e/s> <http://e/kind> <http://x/Y> .\n" },
};

static void
test_jsonld__features_match_jsonld_js(void)
{
	struct buf got = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		canon(&got, cases[i].doc);
		if (strcmp(got.data, cases[i].want) != 0)
			FAIL_AT("%s: got\n%s\nexpected\n%s", cases[i].name,
			    got.data, cases[i].want);
	}
	buf_release(&got);
}

static void
test_jsonld__known_contexts(void)
{
	OK(jsonld_context_known("https://www.w3.org/ns/credentials/v2"));
	OK(jsonld_context_known("https://purl.imsglobal.org/spec/ob/v3p0/"
	    "context-3.0.3.json"));
	OK(jsonld_context_known("https://w3id.org/security/data-integrity/v2"));
	OK(!jsonld_context_known("https://w3id.org/vc/status-list/2021/v1"));
	OK(!jsonld_context_known("http://www.w3.org/ns/credentials/v2"));
	INT_EQ(jsonld_init(NULL), 0);
}

/* Errors name the term and where it is. */
static void
test_jsonld__safe_mode_messages(void)
{
	struct buf got = BUF_INIT;

	canon(&got, "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"],"
	    " \"type\": \"VerifiableCredential\", \"credentialSubject\": "
	    "{\"id\": \"did:ex:1\", \"degree\": {\"name\": \"x\", \"level\": "
	    "2}}}");
	STR_EQ(got.data, "!jsonld: $.credentialSubject.degree: term \"degree\" "
	    "is not defined by the active context (it would be dropped)");
	canon(&got, "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\","
	    " \"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"], "
	    "\"type\": [\"VerifiableCredential\", \"OpenBadgeCredential\"], "
	    "\"credentialSubject\": {\"type\": [\"AchievementSubject\"], "
	    "\"achievement\": {\"type\": [\"Achievement\"], \"id\": \"urn:a\", "
	    "\"nmae\": \"typo\"}}}");
	STR_EQ(got.data, "!jsonld: $.credentialSubject.achievement.nmae: term "
	    "\"nmae\" is not defined by the active context (it would be "
	    "dropped)");
	canon(&got, "{\"@context\": \"https://w3id.org/vc/status-list/2021/v1\""
	    "}");
	STR_EQ(got.data, "!jsonld: $.@context: context https://w3id.org/vc/"
	    "status-list/2021/v1 is not compiled into badgegen (contexts are "
	    "never fetched)");
	canon(&got, "{\"@context\": {\"p\": \"http://e/p\", \"q\": "
	    "\"http://e/q\"}, \"@id\": \"http://e/s\", \"p\": {\"@id\": "
	    "\"http://e/o\", \"q\": [1, {\"@value\": \"x\", \"@type\": "
	    "\"rel\"}]}}");
	STR_EQ(got.data, "!jsonld: $.p.q[1].@type: relative @type reference "
	    "\"rel\" (no context defines it)");
	canon(&got, "{\"@context\": 5}");
	STR_EQ(got.data, "!jsonld: $.@context: @context must be an object");
	canon(&got, "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\","
	    " {\"id\": \"http://e/id\"}]}");
	STR_EQ(got.data, "!jsonld: $.@context[1].id: protected term \"id\" "
	    "cannot be redefined");
	/* Two compiled-in contexts that clash: the message names the
	 * context, and says the same the second time (the failure is
	 * cached, the message is not lost). */
	canon(&got, "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\","
	    " \"https://www.w3.org/2018/credentials/v1\"], \"id\": \"urn:x\"}");
	STR_EQ(got.data, "!jsonld: context https://www.w3.org/2018/credentials/"
	    "v1: $.@context.VerifiableCredential: protected term \"Verifiable"
	    "Credential\" cannot be redefined");
	canon(&got, "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\","
	    " \"https://www.w3.org/2018/credentials/v1\"], \"id\": \"urn:x\"}");
	OK(strstr(got.data, "protected term \"VerifiableCredential\"") != NULL);
	canon(&got, "[1, 2]");
	STR_EQ(got.data, "!jsonld: $[0]: free-floating value would be "
	    "dropped");
	buf_release(&got);
}

/* A credential whose contexts are all compiled in: the context cache
 * serves it from several threads at once with the same result. */
static const char shared_doc[] =
    "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\", "
    "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json\"], "
    "\"id\": \"urn:uuid:1\", \"type\": [\"VerifiableCredential\", "
    "\"OpenBadgeCredential\"], \"issuer\": {\"id\": \"did:ex:i\", "
    "\"type\": [\"Profile\"], \"name\": \"I\"}, \"validFrom\": "
    "\"2024-01-01T00:00:00Z\", \"credentialSubject\": {\"type\": "
    "[\"AchievementSubject\"], \"achievement\": {\"id\": \"urn:a\", "
    "\"type\": [\"Achievement\"], \"name\": \"A\", \"criteria\": "
    "{\"narrative\": \"n\"}, \"alignment\": [{\"type\": [\"Alignment\"], "
    "\"targetName\": \"t\", \"targetUrl\": \"https://t.example/\"}]}}}";

static void *
worker(void *arg)
{
	struct buf *out = arg;
	int i;

	for (i = 0; i < 50; i++)
		canon(out, shared_doc);
	return NULL;
}

static void
test_jsonld__threads_share_the_cache(void)
{
	pthread_t t[4];
	struct buf out[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT }, one =
	    BUF_INIT;
	size_t i;

	for (i = 0; i < 4; i++)
		OK(pthread_create(&t[i], NULL, worker, &out[i]) == 0);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	canon(&one, shared_doc);
	OK(one.data[0] == '<' || one.data[0] == '_');
	for (i = 0; i < 4; i++) {
		STR_EQ(out[i].data, one.data);
		buf_release(&out[i]);
	}
	buf_release(&one);
}

TESTS(T(test_jsonld__features_match_jsonld_js), T(test_jsonld__known_contexts),
    T(test_jsonld__safe_mode_messages), T(test_jsonld__threads_share_the_cache))
