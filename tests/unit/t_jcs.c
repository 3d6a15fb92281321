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

static const char *
num(struct buf *out, uint64_t bits)
{
	double x;

	memcpy(&x, &bits, sizeof(x));
	buf_reset(out);
	jcs_number(out, x);
	return out->data;
}

/* RFC 8785 appendix B: IEEE 754 bit patterns and their JSON text. */
static void
test_jcs__rfc8785_appendix_b_numbers(void)
{
	static const struct {
		uint64_t	 bits;
		const char	*text;
	} t[] = {
		{ 0x0000000000000000ULL, "0" },
		{ 0x8000000000000000ULL, "0" },
		{ 0x0000000000000001ULL, "5e-324" },
		{ 0x8000000000000001ULL, "-5e-324" },
		{ 0x7fefffffffffffffULL, "1.7976931348623157e+308" },
		{ 0xffefffffffffffffULL, "-1.7976931348623157e+308" },
		{ 0x4340000000000000ULL, "9007199254740992" },
		{ 0xc340000000000000ULL, "-9007199254740992" },
		{ 0x4430000000000000ULL, "295147905179352830000" },
		{ 0x44b52d02c7e14af5ULL, "9.999999999999997e+22" },
		{ 0x44b52d02c7e14af6ULL, "1e+23" },
		{ 0x44b52d02c7e14af7ULL, "1.0000000000000001e+23" },
		{ 0x444b1ae4d6e2ef4eULL, "999999999999999700000" },
		{ 0x444b1ae4d6e2ef4fULL, "999999999999999900000" },
		{ 0x444b1ae4d6e2ef50ULL, "1e+21" },
		{ 0x3eb0c6f7a0b5ed8cULL, "9.999999999999997e-7" },
		{ 0x3eb0c6f7a0b5ed8dULL, "0.000001" },
		{ 0x41b3de4355555553ULL, "333333333.3333332" },
		{ 0x41b3de4355555554ULL, "333333333.33333325" },
		{ 0x41b3de4355555555ULL, "333333333.3333333" },
		{ 0x41b3de4355555556ULL, "333333333.3333334" },
		{ 0x41b3de4355555557ULL, "333333333.33333343" },
		{ 0xbecbf647612f3696ULL, "-0.0000033333333333333333" },
		{ 0x43143ff3c1cb0959ULL, "1424953923781206.2" },
		{ 0x7ff8000000000000ULL, "NaN" },
		{ 0x7ff0000000000000ULL, "Infinity" },
	};
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		STR_EQ(num(&b, t[i].bits), t[i].text);
	buf_release(&b);
}

static void
test_jcs__es_number_forms(void)
{
	struct buf b = BUF_INIT;

	buf_reset(&b);
	jcs_number(&b, 1e21);
	STR_EQ(b.data, "1e+21");
	buf_reset(&b);
	jcs_number(&b, 1e20);
	STR_EQ(b.data, "100000000000000000000");
	buf_reset(&b);
	jcs_number(&b, 1e-7);
	STR_EQ(b.data, "1e-7");
	buf_reset(&b);
	jcs_number(&b, 1.5e-7);
	STR_EQ(b.data, "1.5e-7");
	buf_reset(&b);
	jcs_number(&b, 0.1);
	STR_EQ(b.data, "0.1");
	buf_reset(&b);
	jcs_number(&b, 123.456);
	STR_EQ(b.data, "123.456");
	buf_reset(&b);
	jcs_number(&b, 5e-324 * 2);
	STR_EQ(b.data, "1e-323");
	buf_reset(&b);
	jcs_number(&b, 2.2250738585072014e-308);
	STR_EQ(b.data, "2.2250738585072014e-308");
	buf_reset(&b);
	jcs_number(&b, 9007199254740993.0);
	STR_EQ(b.data, "9007199254740992");
	buf_reset(&b);
	jcs_number(&b, 1e23);
	STR_EQ(b.data, "1e+23");
	buf_reset(&b);
	jcs_number(&b, -0.0);
	STR_EQ(b.data, "0");
	buf_release(&b);
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

TESTS(T(test_jcs__rfc8785_appendix_b_numbers), T(test_jcs__es_number_forms),
    T(test_jcs__rfc8785_example), T(test_jcs__rfc8785_sorting),
    T(test_jcs__nesting_and_escapes), T(test_jcs__utf16_order))
