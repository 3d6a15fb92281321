/* t_okey.c - output keys: item bounds, NULL and "", purpose, nesting. */
#include <string.h>

#include "harness.h"
#include "okey.h"

/* The key of a list of strings (NULL an item of its own). */
static struct okey
key_of_strs(const char *const *v, size_t n)
{
	struct okey_state ks;
	struct okey k;
	size_t i;

	okey_init(&ks, "test");
	for (i = 0; i < n; i++)
		okey_str(&ks, v[i]);
	okey_final(&ks, &k);
	return k;
}

static void
test_okey__depends_on_items(void)
{
	static const char *const ab_c[] = { "ab", "c" }, *const a_bc[] = {
	    "a", "bc" }, *const empty[] = { "" }, *const none[] = { NULL };
	struct okey k1, k2, k3;
	struct okey_state ks;

	OK(sodium_init() >= 0);
	k1 = key_of_strs(ab_c, 2);
	k2 = key_of_strs(ab_c, 2);
	MEM_EQ(k1.b, k2.b, OKEY_LEN);
	/* Items keep their bounds: "ab" "c" is not "a" "bc". */
	k2 = key_of_strs(a_bc, 2);
	OK(memcmp(k1.b, k2.b, OKEY_LEN) != 0);
	k1 = key_of_strs(empty, 1);
	k2 = key_of_strs(none, 1);
	OK(memcmp(k1.b, k2.b, OKEY_LEN) != 0);
	/* The purpose is part of the key. */
	okey_init(&ks, "other");
	okey_str(&ks, "");
	okey_final(&ks, &k3);
	OK(memcmp(k1.b, k3.b, OKEY_LEN) != 0);
	/* A key of keys. */
	okey_init(&ks, "test");
	okey_key(&ks, &k1);
	okey_u64(&ks, 1);
	okey_final(&ks, &k2);
	okey_init(&ks, "test");
	okey_key(&ks, &k1);
	okey_u64(&ks, 2);
	okey_final(&ks, &k3);
	OK(memcmp(k2.b, k3.b, OKEY_LEN) != 0);
}

TESTS(T(test_okey__depends_on_items))
