/*
 * jcs.c - the JSON Canonicalization Scheme (RFC 8785).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jcs.h"
#include "jsnum.h"
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
		jsnum_string(out, v->num);
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
