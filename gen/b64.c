/*
 * b64.c - base64, base64url, base58btc and multibase (see b64.h).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "sig.h"

static const char b64url_enc[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static const char b64_enc[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b58_enc[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/* Decoding tables: the value of each character, or -1. */
static const signed char b64url_dec[256] = {
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1,
	52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
	-1,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
	15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, 63,
	-1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
	41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
	/* 0x80-0xff: all -1 */
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

static const signed char b64_dec[256] = {
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1, -1, 63,
	52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
	-1,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
	15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, -1,
	-1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
	41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
	/* 0x80-0xff: all -1 */
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

static const signed char b58_dec[256] = {
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1,  0,  1,  2,  3,  4,  5,  6,  7,  8, -1, -1, -1, -1, -1, -1,
	-1,  9, 10, 11, 12, 13, 14, 15, 16, -1, 17, 18, 19, 20, 21, -1,
	22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, -1, -1, -1, -1, -1,
	-1, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, -1, 44, 45, 46,
	47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, -1, -1, -1, -1, -1,
	/* 0x80-0xff: all -1 */
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

static void
encode(struct buf *out, const void *p, size_t n, const char *alpha, bool pad)
{
	const unsigned char *s = p;
	char *o;
	size_t i;
	uint32_t v;

	buf_grow(out, (n + 2) / 3 * 4 + 1);
	o = out->data + out->len;
	for (i = 0; i + 3 <= n; i += 3) {
		v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
		*o++ = alpha[v >> 18];
		*o++ = alpha[v >> 12 & 63];
		*o++ = alpha[v >> 6 & 63];
		*o++ = alpha[v & 63];
	}
	if (n - i == 1) {
		v = (uint32_t)s[i] << 16;
		*o++ = alpha[v >> 18];
		*o++ = alpha[v >> 12 & 63];
		if (pad) {
			*o++ = '=';
			*o++ = '=';
		}
	} else if (n - i == 2) {
		v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8;
		*o++ = alpha[v >> 18];
		*o++ = alpha[v >> 12 & 63];
		*o++ = alpha[v >> 6 & 63];
		if (pad)
			*o++ = '=';
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
}

void
b64url_encode(struct buf *out, const void *p, size_t n)
{
	encode(out, p, n, b64url_enc, false);
}

void
b64_encode(struct buf *out, const void *p, size_t n)
{
	encode(out, p, n, b64_enc, true);
}

size_t
b64url_decoded_len(size_t len)
{
	return len / 4 * 3 + (len % 4 == 0 ? 0 : len % 4 - 1);
}

/* Reports the character at s[i] that the alphabet refused. */
static int
bad_char(const char *s, size_t i, bool url, const char *what,
    struct diag *d)
{
	const char *kind = url ? "base64url" : "base64";
	unsigned char c = (unsigned char)s[i];

	if (url && c == '=')
		return diag_err(d, "%s: invalid %s: padding '=' at offset %zu "
		    "(base64url here is unpadded)", what, kind, i);
	if (url && (c == '+' || c == '/'))
		return diag_err(d, "%s: invalid %s: '%c' at offset %zu "
		    "(base64url uses '-' and '_')", what, kind, c, i);
	if (!url && (c == '-' || c == '_'))
		return diag_err(d, "%s: invalid %s: '%c' at offset %zu "
		    "(base64 uses '+' and '/')", what, kind, c, i);
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v')
		return diag_err(d, "%s: invalid %s: whitespace at offset %zu",
		    what, kind, i);
	if (c == '=')
		return diag_err(d, "%s: invalid %s: misplaced padding '=' at "
		    "offset %zu", what, kind, i);
	if (c >= 0x21 && c < 0x7f)
		return diag_err(d, "%s: invalid %s: '%c' at offset %zu", what,
		    kind, c, i);
	return diag_err(d, "%s: invalid %s: byte 0x%02x at offset %zu", what,
	    kind, c, i);
}

/*
 * Decodes n characters (no padding) with table t into out, which has
 * room.  Returns the number of bytes written, or -1 after reporting.
 */
static long
decode(unsigned char *out, const char *s, size_t n, const signed char *t,
    bool url, const char *what, struct diag *d)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char *o = out;
	int a, b, c, e;
	size_t i, j;

	if (n % 4 == 1) {
		for (j = 0; j < n; j++)
			if (t[u[j]] < 0)
				return bad_char(s, j, url, what, d);
		return diag_err(d, "%s: invalid %s: impossible length %zu",
		    what, url ? "base64url" : "base64", n);
	}
	for (i = 0; i + 4 <= n; i += 4) {
		a = t[u[i]];
		b = t[u[i + 1]];
		c = t[u[i + 2]];
		e = t[u[i + 3]];
		if ((a | b | c | e) < 0)
			goto bad;
		*o++ = (unsigned char)(a << 2 | b >> 4);
		*o++ = (unsigned char)(b << 4 | c >> 2);
		*o++ = (unsigned char)(c << 6 | e);
	}
	if (n - i >= 2) {
		a = t[u[i]];
		b = t[u[i + 1]];
		c = n - i == 3 ? t[u[i + 2]] : 0;
		if ((a | b | c) < 0)
			goto bad;
		*o++ = (unsigned char)(a << 2 | b >> 4);
		if (n - i == 3) {
			*o++ = (unsigned char)(b << 4 | c >> 2);
			if (c & 3)
				goto trail;
		} else if (b & 15)
			goto trail;
	}
	return (long)(o - out);
bad:
	for (j = i; t[u[j]] >= 0; j++)
		continue;
	return bad_char(s, j, url, what, d);
trail:
	return diag_err(d, "%s: invalid %s: non-zero bits after the last byte",
	    what, url ? "base64url" : "base64");
}

long
b64url_decode_to(unsigned char *out, const char *s, size_t len,
    const char *what, struct diag *d)
{
	if (len > B64_MAX_INPUT)
		return diag_err(d, "%s: base64url text too long (%zu bytes)",
		    what, len);
	return decode(out, s, len, b64url_dec, true, what, d);
}

int
b64url_decode(struct buf *out, const char *s, size_t len, const char *what,
    struct diag *d)
{
	long n;

	if (len > B64_MAX_INPUT)
		return diag_err(d, "%s: base64url text too long (%zu bytes)",
		    what, len);
	buf_grow(out, b64url_decoded_len(len) + 1);
	n = decode((unsigned char *)out->data + out->len, s, len, b64url_dec,
	    true, what, d);
	if (n < 0) {
		out->data[out->len] = '\0';
		return -1;
	}
	out->len += (size_t)n;
	out->data[out->len] = '\0';
	return 0;
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

int
b64_decode(struct buf *out, const char *s, size_t len, int flags,
    const char *what, struct diag *d)
{
	struct buf tight = BUF_INIT;
	size_t i, pad;
	long n;
	int rc = -1;

	if (len > B64_MAX_INPUT)
		return diag_err(d, "%s: base64 text too long (%zu bytes)",
		    what, len);
	if (flags & B64_WS) {
		/* Offsets in messages then count the kept characters. */
		buf_grow(&tight, len + 1);
		for (i = 0; i < len; i++)
			if (!is_ws(s[i]))
				tight.data[tight.len++] = s[i];
		tight.data[tight.len] = '\0';
		s = tight.data;
		len = tight.len;
	}
	if (len % 4 != 0) {
		for (i = 0; i < len; i++)
			if (b64_dec[(unsigned char)s[i]] < 0 && s[i] != '=') {
				bad_char(s, i, false, what, d);
				goto out;
			}
		diag_err(d, "%s: invalid base64: length %zu is not a multiple "
		    "of 4", what, len);
		goto out;
	}
	pad = 0;
	if (len > 0 && s[len - 1] == '=')
		pad = len > 1 && s[len - 2] == '=' ? 2 : 1;
	buf_grow(out, len / 4 * 3 + 1);
	n = decode((unsigned char *)out->data + out->len, s, len - pad,
	    b64_dec, false, what, d);
	if (n < 0) {
		out->data[out->len] = '\0';
		goto out;
	}
	out->len += (size_t)n;
	out->data[out->len] = '\0';
	rc = 0;
out:
	/* The text may be a private key's: wipe the copy. */
	if (tight.cap != 0)
		sig_wipe(tight.data, tight.cap);
	buf_release(&tight);
	return rc;
}

void
b58_encode(struct buf *out, const void *p, size_t n)
{
	const unsigned char *s = p;
	unsigned char *dig;
	size_t zeros, i, j, size, used;
	unsigned carry;

	for (zeros = 0; zeros < n && s[zeros] == 0; zeros++)
		continue;
	/* log(256) / log(58) < 1.38 */
	size = (n - zeros) * 138 / 100 + 1;
	dig = xcalloc(size, 1);
	used = 0;
	for (i = zeros; i < n; i++) {
		carry = s[i];
		for (j = 0; j < used || carry != 0; j++) {
			carry += (unsigned)dig[j] << 8;
			dig[j] = (unsigned char)(carry % 58);
			carry /= 58;
		}
		used = j;
	}
	buf_grow(out, zeros + used + 1);
	for (i = 0; i < zeros; i++)
		out->data[out->len++] = '1';
	for (i = used; i > 0; i--)
		out->data[out->len++] = b58_enc[dig[i - 1]];
	out->data[out->len] = '\0';
	free(dig);
}

int
b58_decode(struct buf *out, const char *s, size_t len, const char *what,
    struct diag *d)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char *num;
	size_t zeros, i, j, size, used;
	unsigned carry;
	int v;

	if (len > B58_MAX_INPUT)
		return diag_err(d, "%s: base58btc text too long (%zu "
		    "characters, limit %u)", what, len, B58_MAX_INPUT);
	for (i = 0; i < len; i++)
		if (b58_dec[u[i]] < 0) {
			if (u[i] >= 0x21 && u[i] < 0x7f)
				return diag_err(d, "%s: invalid base58btc: "
				    "'%c' at offset %zu", what, u[i], i);
			return diag_err(d, "%s: invalid base58btc: byte "
			    "0x%02x at offset %zu", what, u[i], i);
		}
	for (zeros = 0; zeros < len && s[zeros] == '1'; zeros++)
		continue;
	/* log(58) / log(256) < 0.733 */
	size = (len - zeros) * 733 / 1000 + 1;
	num = xcalloc(size, 1);
	used = 0;
	for (i = zeros; i < len; i++) {
		v = b58_dec[u[i]];
		carry = (unsigned)v;
		for (j = 0; j < used || carry != 0; j++) {
			carry += (unsigned)num[j] * 58;
			num[j] = (unsigned char)(carry & 0xff);
			carry >>= 8;
		}
		used = j;
	}
	buf_grow(out, zeros + used + 1);
	memset(out->data + out->len, 0, zeros);
	out->len += zeros;
	for (i = used; i > 0; i--)
		out->data[out->len++] = (char)num[i - 1];
	out->data[out->len] = '\0';
	free(num);
	return 0;
}

int
multibase_decode(struct buf *out, const char *s, size_t len, const char *what,
    struct diag *d)
{
	if (len == 0)
		return diag_err(d, "%s: empty multibase value", what);
	switch (s[0]) {
	case 'z':
		return b58_decode(out, s + 1, len - 1, what, d);
	case 'u':
		return b64url_decode(out, s + 1, len - 1, what, d);
	default:
		if ((unsigned char)s[0] >= 0x21 && (unsigned char)s[0] < 0x7f)
			return diag_err(d, "%s: unsupported multibase prefix "
			    "'%c' (expected 'z' for base58btc or 'u' for "
			    "base64url)", what, s[0]);
		return diag_err(d, "%s: unsupported multibase prefix byte "
		    "0x%02x", what, (unsigned char)s[0]);
	}
}

void
multibase_encode(struct buf *out, char base, const void *p, size_t n)
{
	buf_putc(out, base == 'u' ? 'u' : 'z');
	if (base == 'u')
		b64url_encode(out, p, n);
	else
		b58_encode(out, p, n);
}

/* Finds needle in hay[0..n); returns its offset or n. */
static size_t
find(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle), i;

	for (i = 0; i + m <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
			return i;
	return n;
}

/* White space around a PEM block (no \f or \v, unlike base64's). */
static bool
pem_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int
pem_read(struct buf *der, char *label, size_t labelsz, const char *pem,
    size_t len, const char *name, struct diag *d)
{
	struct buf what = BUF_INIT, endl = BUF_INIT;
	size_t i, l0, body, end;
	int rc = -1;

	if (len > PEM_MAX)
		return diag_err(d, "%s: PEM text too long (%zu bytes)", name,
		    len);
	for (i = 0; i < len && pem_space(pem[i]); i++)
		continue;
	if (len - i < 11 || memcmp(pem + i, "-----BEGIN ", 11) != 0)
		return diag_err(d, "%s: not a PEM block (expected "
		    "\"-----BEGIN ...\")", name);
	l0 = i + 11;
	for (i = l0; i < len && pem[i] != '-' && pem[i] != '\n'; i++)
		if (!((pem[i] >= 'A' && pem[i] <= 'Z') || pem[i] == ' ' ||
		    (pem[i] >= '0' && pem[i] <= '9')))
			return diag_err(d, "%s: malformed PEM header line",
			    name);
	if (i - l0 == 0 || i - l0 >= labelsz || len - i < 5 ||
	    memcmp(pem + i, "-----", 5) != 0)
		return diag_err(d, "%s: malformed PEM header line", name);
	memcpy(label, pem + l0, i - l0);
	label[i - l0] = '\0';
	body = i + 5;
	buf_printf(&endl, "-----END %s-----", label);
	end = body + find(pem + body, len - body, endl.data);
	if (end == len) {
		diag_err(d, "%s: PEM block has no \"%s\" line", name,
		    endl.data);
		goto out;
	}
	for (i = end + endl.len; i < len; i++)
		if (!pem_space(pem[i])) {
			diag_err(d, "%s: unexpected text after the PEM block "
			    "(one key per PEM text)", name);
			goto out;
		}
	if (find(pem + body, end - body, ":") != end - body) {
		diag_err(d, "%s: PEM headers are not supported (an encrypted "
		    "key?)", name);
		goto out;
	}
	buf_printf(&what, "%s: PEM body", name);
	rc = b64_decode(der, pem + body, end - body, B64_WS, what.data, d);
	if (rc == 0 && der->len == 0)
		rc = diag_err(d, "%s: empty PEM body", name);
out:
	buf_release(&what);
	buf_release(&endl);
	return rc;
}

void
pem_write(struct buf *out, const char *label, const unsigned char *der,
    size_t n)
{
	struct buf b64 = BUF_INIT;
	size_t i;

	b64_encode(&b64, der, n);
	buf_grow(out, b64.len + b64.len / 64 + 2 * strlen(label) + 40);
	buf_printf(out, "-----BEGIN %s-----\n", label);
	for (i = 0; i < b64.len; i += 64) {
		buf_put(out, b64.data + i, b64.len - i < 64 ? b64.len - i : 64);
		buf_putc(out, '\n');
	}
	buf_printf(out, "-----END %s-----\n", label);
	sig_wipe(b64.data, b64.len);
	buf_release(&b64);
}
