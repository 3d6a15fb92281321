/* t_htab.c - the open-addressing hash table under the modules' indexes. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "buf.h"
#include "htab.h"

struct item {
	char		 key[24];
	uint64_t	 hash;
	int		 value;
};

static uint64_t
item_hash(const void *p)
{
	return ((const struct item *)p)->hash;
}

/* The item of key in t, or NULL with it where it would go. */
static struct item *
find(const struct htab *t, const char *key, uint64_t h, struct htab_iter *it)
{
	struct item *e;

	for (e = htab_first(t, h, it); e != NULL; e = htab_next(t, it))
		if (e->hash == h && strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

static void
fill(struct htab *t, struct item *items, size_t n, uint64_t (*h)(size_t))
{
	struct htab_iter it;
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(items[i].key, sizeof(items[i].key), "k%zu", i);
		items[i].hash = h(i);
		items[i].value = (int)i;
		if (find(t, items[i].key, items[i].hash, &it) != NULL)
			FAIL_AT("%s is in the table before it is added",
			    items[i].key);
		htab_insert(t, &it, &items[i], item_hash);
	}
}

static uint64_t
spread(size_t i)
{
	return hash_bytes(&i, sizeof(i));
}

static uint64_t
same(size_t i)
{
	(void)i;
	return 42;
}

/* Thousands of items, through several growths: each found, others not. */
static void
test_htab__grows_and_finds(void)
{
	static struct item items[5000];
	struct htab t = HTAB_INIT(0);
	struct htab_iter it;
	struct item *e;
	size_t i;

	OK(htab_first(&t, 7, &it) == NULL);
	fill(&t, items, 5000, spread);
	INT_EQ(t.n, 5000);
	OK(t.cap >= 2 * 5000);
	OK((t.cap & (t.cap - 1)) == 0);
	for (i = 0; i < 5000; i++) {
		e = find(&t, items[i].key, items[i].hash, &it);
		OK(e == &items[i]);
	}
	i = 5000;
	OK(find(&t, "k5000", hash_bytes(&i, sizeof(i)), &it) == NULL);
	htab_release(&t);
	INT_EQ(t.cap, 0);
	INT_EQ(t.n, 0);
	OK(htab_first(&t, 7, &it) == NULL);
}

/* Every item of one hash: the lookup walks each of them once. */
static void
test_htab__collisions(void)
{
	static struct item items[100];
	struct htab t = HTAB_INIT(0);
	struct htab_iter it;
	struct item *e;
	size_t n = 0;
	int met[100] = { 0 };

	fill(&t, items, 100, same);
	for (e = htab_first(&t, 42, &it); e != NULL; e = htab_next(&t, &it)) {
		OK(e >= items && e < items + 100);
		met[e - items]++;
		n++;
	}
	INT_EQ(n, 100);
	for (n = 0; n < 100; n++)
		INT_EQ(met[n], 1);
	OK(find(&t, "k77", 42, &it) == &items[77]);
	OK(find(&t, "k100", 42, &it) == NULL);
	htab_release(&t);
}

/* max_load: a table of 75 percent grows later than one of 50. */
static void
test_htab__max_load(void)
{
	static struct item items[48];
	struct htab half = HTAB_INIT(0), most = HTAB_INIT(75);

	fill(&half, items, 48, spread);
	fill(&most, items, 48, spread);
	INT_EQ(half.cap, 128);
	INT_EQ(most.cap, 64);
	htab_release(&half);
	htab_release(&most);
}

/* htab_replace puts another item in the place a lookup found. */
static void
test_htab__replace(void)
{
	static struct item items[10], other;
	struct htab t = HTAB_INIT(0);
	struct htab_iter it;

	fill(&t, items, 10, spread);
	other = items[3];
	other.value = 99;
	OK(find(&t, "k3", items[3].hash, &it) == &items[3]);
	htab_replace(&t, &it, &other);
	OK(find(&t, "k3", items[3].hash, &it) == &other);
	INT_EQ(t.n, 10);
	htab_release(&t);
}

TESTS(T(test_htab__grows_and_finds), T(test_htab__collisions),
    T(test_htab__max_load), T(test_htab__replace))
