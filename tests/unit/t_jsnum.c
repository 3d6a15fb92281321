/*
 * t_jsnum.c - numbers as ECMAScript writes them: Number::toString (with
 * the IEEE 754 table of RFC 8785 appendix B), toExponential, toFixed(0).
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "jsnum.h"

static const char *
num(struct buf *out, uint64_t bits)
{
	double x;

	memcpy(&x, &bits, sizeof(x));
	buf_reset(out);
	jsnum_string(out, x);
	return out->data;
}

/* RFC 8785 appendix B: IEEE 754 bit patterns and their JSON text. */
static void
test_jsnum__rfc8785_appendix_b(void)
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
test_jsnum__string_forms(void)
{
	struct buf b = BUF_INIT;

	buf_reset(&b);
	jsnum_string(&b, 1e21);
	STR_EQ(b.data, "1e+21");
	buf_reset(&b);
	jsnum_string(&b, 1e20);
	STR_EQ(b.data, "100000000000000000000");
	buf_reset(&b);
	jsnum_string(&b, 1e-7);
	STR_EQ(b.data, "1e-7");
	buf_reset(&b);
	jsnum_string(&b, 1.5e-7);
	STR_EQ(b.data, "1.5e-7");
	buf_reset(&b);
	jsnum_string(&b, 0.1);
	STR_EQ(b.data, "0.1");
	buf_reset(&b);
	jsnum_string(&b, 123.456);
	STR_EQ(b.data, "123.456");
	buf_reset(&b);
	jsnum_string(&b, 5e-324 * 2);
	STR_EQ(b.data, "1e-323");
	buf_reset(&b);
	jsnum_string(&b, 2.2250738585072014e-308);
	STR_EQ(b.data, "2.2250738585072014e-308");
	buf_reset(&b);
	jsnum_string(&b, 9007199254740993.0);
	STR_EQ(b.data, "9007199254740992");
	buf_reset(&b);
	jsnum_string(&b, 1e23);
	STR_EQ(b.data, "1e+23");
	buf_reset(&b);
	jsnum_string(&b, -0.0);
	STR_EQ(b.data, "0");
	buf_release(&b);
}

static const char *
expo(struct buf *out, double x, int digits)
{
	buf_reset(out);
	jsnum_exponential(out, x, digits);
	return out->data;
}

/* What (x).toExponential(digits) gives in JavaScript. */
static void
test_jsnum__exponential(void)
{
	struct buf b = BUF_INIT;

	STR_EQ(expo(&b, 1.5, 3), "1.500e+0");
	STR_EQ(expo(&b, 0, 2), "0.00e+0");
	STR_EQ(expo(&b, -0.0, 2), "0.00e+0");
	STR_EQ(expo(&b, -3e-7, 0), "-3e-7");
	STR_EQ(expo(&b, 123456, 2), "1.23e+5");
	/* A tie (1.25 is exact) rounds up; 1.35 is above 1.35 in binary. */
	STR_EQ(expo(&b, 1.25, 1), "1.3e+0");
	STR_EQ(expo(&b, 1.35, 1), "1.4e+0");
	STR_EQ(expo(&b, 9.99, 1), "1.0e+1");
	STR_EQ(expo(&b, 0.1, 15), "1.000000000000000e-1");
	STR_EQ(expo(&b, 5e-324, 15), "4.940656458412465e-324");
	STR_EQ(expo(&b, 1.7976931348623157e308, 15), "1.797693134862316e+308");
	STR_EQ(expo(&b, NAN, 3), "NaN");
	STR_EQ(expo(&b, -INFINITY, 3), "-Infinity");
	buf_release(&b);
}

static const char *
fixed0(struct buf *out, double x)
{
	buf_reset(out);
	jsnum_fixed0(out, x);
	return out->data;
}

/* What (x).toFixed(0) gives in JavaScript. */
static void
test_jsnum__fixed0(void)
{
	struct buf b = BUF_INIT;

	STR_EQ(fixed0(&b, 0), "0");
	STR_EQ(fixed0(&b, 2.5), "3");
	STR_EQ(fixed0(&b, -2.5), "-3");
	STR_EQ(fixed0(&b, 2.4999), "2");
	STR_EQ(fixed0(&b, 0.49999999999999994), "0");
	STR_EQ(fixed0(&b, -0.25), "-0");
	STR_EQ(fixed0(&b, 1e20), "100000000000000000000");
	buf_release(&b);
}

TESTS(T(test_jsnum__rfc8785_appendix_b), T(test_jsnum__string_forms),
    T(test_jsnum__exponential), T(test_jsnum__fixed0))
