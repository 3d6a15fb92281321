/*
 * jcs.c - the JSON Canonicalization Scheme (RFC 8785).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jcs.h"
#include "utf8.h"

int
jcs_utf16_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	uint32_t ca, cb, ua, ub;

	while (i < alen && j < blen) {
		if ((unsigned char)a[i] < 0x80 && (unsigned char)b[j] < 0x80) {
			if (a[i] != b[j])
				return (unsigned char)a[i] -
				    (unsigned char)b[j];
			i++;
			j++;
			continue;
		}
		ca = utf8_next(a, alen, &i);
		cb = utf8_next(b, blen, &j);
		if (ca == cb)
			continue;
		/* The first UTF-16 code unit decides; surrogates sort
		 * above U+D7FF but below U+E000. */
		ua = ca < 0x10000 ? ca : 0xd800 + ((ca - 0x10000) >> 10);
		ub = cb < 0x10000 ? cb : 0xd800 + ((cb - 0x10000) >> 10);
		if (ua != ub)
			return ua < ub ? -1 : 1;
		return ca < cb ? -1 : 1;
	}
	if (i < alen)
		return 1;
	if (j < blen)
		return -1;
	return 0;
}

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

void
jcs_number(struct buf *out, double x)
{
	char digits[24];
	int k, n, i;

	if (isnan(x)) {
		BUF_PUTSL(out, "NaN");
		return;
	}
	if (x == 0) {
		buf_putc(out, '0');
		return;
	}
	if (x < 0) {
		buf_putc(out, '-');
		x = -x;
	}
	if (isinf(x)) {
		BUF_PUTSL(out, "Infinity");
		return;
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

/* RFC 8785 3.2.2.2: the fewest escapes JSON allows. */
static void
write_str(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;
	unsigned char c;

	buf_putc(out, '"');
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_put(out, s + run, i - run);
		run = i + 1;
		buf_putc(out, '\\');
		switch (c) {
		case '"':
		case '\\':
			buf_putc(out, c);
			break;
		case '\b':
			buf_putc(out, 'b');
			break;
		case '\f':
			buf_putc(out, 'f');
			break;
		case '\n':
			buf_putc(out, 'n');
			break;
		case '\r':
			buf_putc(out, 'r');
			break;
		case '\t':
			buf_putc(out, 't');
			break;
		default:
			BUF_PUTSL(out, "u00");
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 15]);
			break;
		}
	}
	buf_put(out, s + run, len - run);
	buf_putc(out, '"');
}

static int
member_cmp(const void *pa, const void *pb)
{
	const struct json *a = *(const struct json *const *)pa;
	const struct json *b = *(const struct json *const *)pb;

	return jcs_utf16_cmp(a->key, a->keylen, b->key, b->keylen);
}

int
jcs_write(struct buf *out, const struct json *v, struct diag *d)
{
	const struct json *small[16], **m = small, *c;
	size_t n, i;
	int rc = 0;

	switch (v->type) {
	case JSON_NULL:
		BUF_PUTSL(out, "null");
		return 0;
	case JSON_FALSE:
		BUF_PUTSL(out, "false");
		return 0;
	case JSON_TRUE:
		BUF_PUTSL(out, "true");
		return 0;
	case JSON_NUMBER:
		if (!isfinite(v->num))
			return diag_err(d, "jcs: number is not finite");
		jcs_number(out, v->num);
		return 0;
	case JSON_STRING:
		write_str(out, v->str, v->len);
		return 0;
	case JSON_ARRAY:
		buf_putc(out, '[');
		for (c = v->child; c != NULL; c = c->next) {
			if (c != v->child)
				buf_putc(out, ',');
			if (jcs_write(out, c, d) < 0)
				return -1;
		}
		buf_putc(out, ']');
		return 0;
	case JSON_OBJECT:
		break;
	}
	for (n = 0, c = v->child; c != NULL; c = c->next)
		n++;
	if (n > sizeof(small) / sizeof(small[0]))
		m = xreallocarray(NULL, n, sizeof(*m));
	for (i = 0, c = v->child; c != NULL; c = c->next)
		m[i++] = c;
	qsort(m, n, sizeof(*m), member_cmp);
	buf_putc(out, '{');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(out, ',');
		write_str(out, m[i]->key, m[i]->keylen);
		buf_putc(out, ':');
		if (jcs_write(out, m[i], d) < 0) {
			rc = -1;
			goto out;
		}
	}
	buf_putc(out, '}');
out:
	if (m != small)
		free(m);
	return rc;
}
