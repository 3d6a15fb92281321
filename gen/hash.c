/*
 * hash.c - identity hashes and hex (see hash.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "hash.h"

int
identity_hash_match(const char *hash, const char *plaintext,
    const char *salt, struct diag *d)
{
	struct buf in = BUF_INIT;
	unsigned char dig[SHA256_LEN];
	const char *hex;
	size_t dlen, i;
	int hi, lo, match;

	if (hash == NULL || plaintext == NULL)
		return diag_err(d, "identity hash: missing value");
	if (strncasecmp(hash, "sha256$", 7) == 0) {
		hex = hash + 7;
		dlen = SHA256_LEN;
	} else if (strncasecmp(hash, "md5$", 4) == 0) {
		hex = hash + 4;
		dlen = MD5_LEN;
	} else
		return diag_err(d, "identity hash \"%.80s\": expected "
		    "\"sha256$<hex>\" or \"md5$<hex>\"", hash);
	if (strlen(hex) != 2 * dlen)
		return diag_err(d, "identity hash \"%.80s\": expected %zu hex "
		    "digits, found %zu", hash, 2 * dlen, strlen(hex));
	for (i = 0; i < 2 * dlen; i++)
		if (hex_value(hex[i]) < 0)
			return diag_err(d, "identity hash \"%.80s\": '%c' is "
			    "not a hex digit", hash, hex[i]);
	buf_puts(&in, plaintext);
	if (salt != NULL)
		buf_puts(&in, salt);
	if (dlen == SHA256_LEN)
		sha256(dig, in.data, in.len);
	else
		md5(dig, in.data, in.len);
	buf_release(&in);
	match = 1;
	for (i = 0; i < dlen; i++) {
		hi = hex_value(hex[2 * i]);
		lo = hex_value(hex[2 * i + 1]);
		if (dig[i] != (unsigned char)(hi << 4 | lo))
			match = 0;
	}
	return match;
}

int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void
hex_encode(char *out, const void *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}
