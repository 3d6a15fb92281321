/*
 * htab.c - open addressing with linear probing over item pointers.
 */
#include <stdlib.h>

#include "buf.h"
#include "htab.h"

#define HTAB_FIRST_CAP	64

/* Whether one more item would fill t beyond its load. */
static int
too_full(const struct htab *t)
{
	unsigned load = t->max_load != 0 ? t->max_load : 50;

	return (t->n + 1) * 100 > t->cap * load;
}

void
htab_insert(struct htab *t, struct htab_iter *it, void *item,
    htab_hash_fn *hash)
{
	void **old = t->slot;
	size_t ocap = t->cap, i, j, mask;

	if (too_full(t)) {
		t->cap = t->cap ? 2 * t->cap : HTAB_FIRST_CAP;
		while (too_full(t))
			t->cap *= 2;
		t->slot = xcalloc(t->cap, sizeof(*t->slot));
		mask = t->cap - 1;
		for (i = 0; i < ocap; i++) {
			if (old[i] == NULL)
				continue;
			for (j = (size_t)hash(old[i]) & mask;
			    t->slot[j] != NULL; j = (j + 1) & mask)
				continue;
			t->slot[j] = old[i];
		}
		free(old);
		/* The place the lookup found is another one now. */
		for (it->i = (size_t)it->h & mask; t->slot[it->i] != NULL;
		    it->i = (it->i + 1) & mask)
			continue;
	}
	t->slot[it->i] = item;
	t->n++;
}

void
htab_replace(struct htab *t, const struct htab_iter *it, void *item)
{
	t->slot[it->i] = item;
}

void
htab_release(struct htab *t)
{
	free(t->slot);
	t->slot = NULL;
	t->cap = 0;
	t->n = 0;
}
