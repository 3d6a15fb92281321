/*
 * okey.c - output keys on libsodium's BLAKE2b (see okey.h).
 */
#include <string.h>

#include "okey.h"

static void
okey_raw(struct okey_state *k, const void *p, size_t n)
{
	(void)crypto_generichash_update(&k->st, p, n);
}

void
okey_u64(struct okey_state *k, uint64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	okey_raw(k, b, sizeof(b));
}

void
okey_init(struct okey_state *k, const char *purpose)
{
	(void)crypto_generichash_init(&k->st, NULL, 0, OKEY_LEN);
	okey_str(k, purpose);
}

void
okey_add(struct okey_state *k, const void *p, size_t n)
{
	okey_u64(k, (uint64_t)n);
	okey_raw(k, p, n);
}

void
okey_str(struct okey_state *k, const char *s)
{
	if (s == NULL)
		okey_u64(k, UINT64_MAX);
	else
		okey_add(k, s, strlen(s));
}

void
okey_key(struct okey_state *k, const struct okey *o)
{
	okey_add(k, o->b, OKEY_LEN);
}

void
okey_final(struct okey_state *k, struct okey *out)
{
	(void)crypto_generichash_final(&k->st, out->b, OKEY_LEN);
}
