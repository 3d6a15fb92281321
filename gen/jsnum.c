/*
 * jsnum.c - ECMAScript's ways of writing a number (Number::toString,
 * toExponential, toFixed), on top of printf's exact decimal digits.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsnum.h"

/*
 * Parses the output of printf's %e into its digits (no point) and the
 * exponent n such that the value is 0.d1d2... x 10^n.
 */
static void
split_e(const char *s, char *digits, int *k, int *n)
{
	int m = 0;

	for (; *s != 'e'; s++)
		if (*s >= '0' && *s <= '9')
			digits[m++] = *s;
	digits[m] = '\0';
	*k = m;
	*n = (int)strtol(s + 1, NULL, 10) + 1;
}

/* Adds delta (+1 or -1) to the last digit of the k digits; returns
 * false when the result would need a different number of digits. */
static int
bump(char *digits, int k, int delta)
{
	int i;

	for (i = k - 1; i >= 0; i--) {
		if (delta > 0 && digits[i] < '9') {
			digits[i]++;
			return 1;
		}
		if (delta < 0 && digits[i] > '0') {
			digits[i]--;
			return i > 0 || digits[0] != '0';
		}
		digits[i] = delta > 0 ? '0' : '9';
	}
	return 0;
}

/* Writes digits d (k of them) with exponent n as a C number literal. */
static double
candidate(const char *d, int k, int n, char *buf, size_t size)
{
	snprintf(buf, size, "%c.%.*se%d", d[0], k - 1, d + 1, n - 1);
	return strtod(buf, NULL);
}

/*
 * The shortest digit string that reads back as x (finite, > 0), the
 * closest to x among those of that length (ties to even, as printf
 * rounds).  Sets digits (no trailing zeros), *kp and *np as split_e.
 */
static void
shortest(double x, char *digits, int *kp, int *np)
{
	char tmp[64], up[24], down[24], cbuf[64];
	long double du, dd;
	int p, k, n, okup, okdown;

	for (p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*e", p - 1, x);
		split_e(tmp, digits, &k, &n);
		if (strtod(tmp, NULL) == x)
			goto found;
		/* Near a power of two the interval that reads back as x is
		 * lopsided: a neighbour of the nearest candidate may fit. */
		memcpy(up, digits, (size_t)k + 1);
		memcpy(down, digits, (size_t)k + 1);
		okup = bump(up, k, 1) && candidate(up, k, n, cbuf,
		    sizeof(cbuf)) == x;
		du = okup ? fabsl(strtold(cbuf, NULL) - (long double)x) : 0;
		okdown = bump(down, k, -1) && candidate(down, k, n, cbuf,
		    sizeof(cbuf)) == x;
		dd = okdown ? fabsl(strtold(cbuf, NULL) - (long double)x) : 0;
		if (okup && (!okdown || du <= dd)) {
			memcpy(digits, up, (size_t)k + 1);
			goto found;
		}
		if (okdown) {
			memcpy(digits, down, (size_t)k + 1);
			goto found;
		}
	}
	/* %.16e always reads back; not reached. */
found:
	while (k > 1 && digits[k - 1] == '0')
		digits[--k] = '\0';
	*kp = k;
	*np = n;
}

/* Writes NaN, Infinity or -Infinity and returns true, or returns false. */
static bool
put_nonfinite(struct buf *out, double x)
{
	if (isnan(x))
		BUF_PUTSL(out, "NaN");
	else if (isinf(x))
		buf_puts(out, x < 0 ? "-Infinity" : "Infinity");
	else
		return false;
	return true;
}

void
jsnum_string(struct buf *out, double x)
{
	char digits[24];
	int k, n, i;

	if (put_nonfinite(out, x))
		return;
	if (x == 0) {
		buf_putc(out, '0');
		return;
	}
	if (x < 0) {
		buf_putc(out, '-');
		x = -x;
	}
	shortest(x, digits, &k, &n);
	if (k <= n && n <= 21) {
		buf_put(out, digits, (size_t)k);
		for (i = k; i < n; i++)
			buf_putc(out, '0');
	} else if (0 < n && n <= 21) {
		buf_put(out, digits, (size_t)n);
		buf_putc(out, '.');
		buf_put(out, digits + n, (size_t)(k - n));
	} else if (-6 < n && n <= 0) {
		BUF_PUTSL(out, "0.");
		for (i = 0; i < -n; i++)
			buf_putc(out, '0');
		buf_put(out, digits, (size_t)k);
	} else {
		buf_putc(out, digits[0]);
		if (k > 1) {
			buf_putc(out, '.');
			buf_put(out, digits + 1, (size_t)(k - 1));
		}
		buf_printf(out, "e%c%d", n - 1 >= 0 ? '+' : '-',
		    n - 1 >= 0 ? n - 1 : 1 - n);
	}
}


void
jsnum_exponential(struct buf *out, double x, int digits)
{
	char tmp[820], dig[102];
	int e, i;

	if (put_nonfinite(out, x))
		return;
	if (digits < 0)
		digits = 0;
	if (digits > 100)
		digits = 100;
	if (x == 0)
		x = 0;		/* -0 is written as 0, as JavaScript does */
	else if (x < 0) {
		buf_putc(out, '-');
		x = -x;
	}
	/* Every significant digit (printf is exact), then round half up
	 * to 1 + digits digits as toExponential does. */
	snprintf(tmp, sizeof(tmp), "%.780e", x);
	dig[0] = tmp[0];
	memcpy(dig + 1, tmp + 2, (size_t)digits);
	e = (int)strtol(strchr(tmp, 'e') + 1, NULL, 10);
	if (tmp[digits + 2] >= '5') {
		for (i = digits; i >= 0 && dig[i] == '9'; i--)
			dig[i] = '0';
		if (i >= 0)
			dig[i]++;
		else {
			dig[0] = '1';
			e++;
		}
	}
	buf_putc(out, dig[0]);
	if (digits > 0) {
		buf_putc(out, '.');
		buf_put(out, dig + 1, (size_t)digits);
	}
	buf_printf(out, "e%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
}

void
jsnum_fixed0(struct buf *out, double x)
{
	double r;

	if (x == 0) {
		buf_putc(out, '0');
		return;
	}
	if (x < 0) {
		buf_putc(out, '-');
		x = -x;
	}
	r = floor(x);
	if (x - r >= 0.5)
		r += 1;
	buf_printf(out, "%.0f", r);
}
