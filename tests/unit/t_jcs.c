/* t_jcs.c - RFC 8785 JSON canonicalization, with the RFC's examples. */
#include <stdint.h>
#include <string.h>

#include "jcs.h"
#include "harness.h"

/* The canonical form of the JSON text s, or "(error)". */
static const char *
canon(struct buf *out, const char *s)
{
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	struct json *v;

	buf_reset(out);
	d.quiet = true;
	if (json_parse(&v, &a, "t.json", s, strlen(s), &d) < 0 ||
	    jcs_write(out, v, &d) < 0) {
		buf_reset(out);
		BUF_PUTSL(out, "(error)");
	}
	arena_release(&a);
	return out->data;
}

/* RFC 8785 section 3.2.2 (the example of 3.2.4). */
static void
test_jcs__rfc8785_example(void)
{
	struct buf b = BUF_INIT;

	STR_EQ(canon(&b,
	    "{\n"
	    "  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
	    "              2e-3, 0.000000000000000000000000001],\n"
	    "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
	    "  \"literals\": [null, true, false]\n"
	    "}"),
	    "{\"literals\":[null,true,false],"
	    "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
	    "\"string\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
	buf_release(&b);
}

/* RFC 8785 section 3.2.3: member names sorted as UTF-16 code units. */
static void
test_jcs__rfc8785_sorting(void)
{
	struct buf b = BUF_INIT;

	STR_EQ(canon(&b,
	    "{\n"
	    "  \"\\u20ac\": \"Euro Sign\",\n"
	    "  \"\\r\": \"Carriage Return\",\n"
	    "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
	    "  \"1\": \"One\",\n"
	    "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
	    "  \"\\u0080\": \"Control\",\n"
	    "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
	    "}"),
	    "{\"\\r\":\"Carriage Return\",\"1\":\"One\","
	    "\"\xc2\x80\":\"Control\","
	    "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\","
	    "\"\xe2\x82\xac\":\"Euro Sign\","
	    "\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\","
	    "\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}");
	buf_release(&b);
}

static void
test_jcs__nesting_and_escapes(void)
{
	struct buf b = BUF_INIT;

	STR_EQ(canon(&b, " [ {\"b\" : [ ], \"a\" : { } } , \"\\u0000\\u001f\\u007f\\b\\t\" ] "),
	    "[{\"a\":{},\"b\":[]},\"\\u0000\\u001f\x7f\\b\\t\"]");
	STR_EQ(canon(&b, "{\"aa\":1,\"a\":2,\"\":3}"),
	    "{\"\":3,\"a\":2,\"aa\":1}");
	STR_EQ(canon(&b, "\"\xe2\x80\xa8\""), "\"\xe2\x80\xa8\"");
	STR_EQ(canon(&b, "[-0, 1.0, 100, 1e2, 12345678901234567890]"),
	    "[0,1,100,100,12345678901234567000]");
	buf_release(&b);
}

static void
test_jcs__utf16_order(void)
{
	OK(jcs_utf16_cmp("a", 1, "b", 1) < 0);
	OK(jcs_utf16_cmp("a", 1, "ab", 2) < 0);
	OK(jcs_utf16_cmp("ab", 2, "a", 1) > 0);
	OK(jcs_utf16_cmp("x", 1, "x", 1) == 0);
	/* U+1F600 (surrogates D83D DE00) sorts before U+FB33. */
	OK(jcs_utf16_cmp("\xf0\x9f\x98\x80", 4, "\xef\xac\xb3", 3) < 0);
	/* ... but after U+D7FF. */
	OK(jcs_utf16_cmp("\xf0\x9f\x98\x80", 4, "\xed\x9f\xbf", 3) > 0);
	OK(jcs_utf16_cmp("\xf0\x9f\x98\x80", 4, "\xf0\x9f\x98\x81", 4) < 0);
}

TESTS(T(test_jcs__rfc8785_example), T(test_jcs__rfc8785_sorting),
    T(test_jcs__nesting_and_escapes), T(test_jcs__utf16_order))
