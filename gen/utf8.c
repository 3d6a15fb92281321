/*
 * utf8.c - UTF-8 validation, decoding, encoding and places in text.
 */
#include "utf8.h"

size_t
utf8_check(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, k;
	uint32_t cp, min;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((p[i] & 0xe0) == 0xc0) {
			n = 1;
			cp = p[i] & 0x1f;
			min = 0x80;
		} else if ((p[i] & 0xf0) == 0xe0) {
			n = 2;
			cp = p[i] & 0x0f;
			min = 0x800;
		} else if ((p[i] & 0xf8) == 0xf0) {
			n = 3;
			cp = p[i] & 0x07;
			min = 0x10000;
		} else
			return i;
		if (n > len - i - 1)
			return i;
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

void
utf8_put(struct buf *b, uint32_t cp)
{
	char u[4];

	if (cp < 0x80) {
		buf_putc(b, (int)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_put(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_put(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_put(b, u, 4);
	}
}

size_t
utf8_seq_len(unsigned char c)
{
	if (c >= 0xf0 && c < 0xf8)
		return 4;
	if (c >= 0xe0)
		return c < 0xf0 ? 3 : 1;
	if (c >= 0xc0)
		return 2;
	return 1;
}

bool
utf8_is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

uint32_t
utf8_next(const char *s, size_t len, size_t *i)
{
	static const unsigned char lead_mask[5] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	const unsigned char *u = (const unsigned char *)s;
	size_t n = utf8_seq_len(u[*i]), k;
	uint32_t cp = u[*i] & lead_mask[n];

	(*i)++;
	for (k = 1; k < n && *i < len; k++, (*i)++)
		cp = (cp << 6) | (u[*i] & 0x3f);
	return cp;
}

size_t
utf8_floor(const char *s, size_t n)
{
	while (n > 0 && utf8_is_cont((unsigned char)s[n]))
		n--;
	return n;
}

void
utf8_fold_width(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, at;
	uint32_t cp;

	while (i < len) {
		at = i;
		cp = utf8_next(s, len, &i);
		if (cp >= 0xff01 && cp <= 0xff5e)
			buf_putc(out, (char)(cp - 0xff01 + 0x21));
		else if (cp == 0x3000)
			buf_putc(out, ' ');
		else
			buf_put(out, s + at, i - at);
	}
}

void
utf8_locate(struct utf8_pos *p, const char *src, size_t len, size_t off)
{
	unsigned char c;

	if (off < p->off) {
		p->off = 0;
		p->line = p->col = 1;
	}
	for (; p->off < off && p->off < len; p->off++) {
		c = (unsigned char)src[p->off];
		if (c == '\n') {
			p->line++;
			p->col = 1;
		} else if (!utf8_is_cont(c))
			p->col++;
	}
}

bool
utf8_is_control_or_bidi(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}
