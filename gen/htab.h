/*
 * htab.h - one open-addressing hash table for the modules' indexes.
 *
 * A table holds pointers to the caller's items in a power-of-two array
 * of slots, probed linearly from the item's hash (hash_bytes of its key,
 * buf.h); it grows by doubling before it is more than max_load percent
 * full (0: 50).  The table never looks at an item: a lookup walks the
 * items that may match and the caller compares their keys, and
 * growing asks the caller for each item's hash again.  So one table
 * serves keys of any kind, and the caller decides what equal means.
 *
 *	struct htab_iter it;
 *	struct ent *e;
 *
 *	for (e = htab_first(t, h, &it); e != NULL; e = htab_next(t, &it))
 *		if (strcmp(e->key, key) == 0)
 *			return e;
 *	htab_insert(t, &it, new_ent, ent_hash);
 *
 * Items are never removed one by one.  Not thread-safe: callers that
 * share a table lock around it.
 */
#ifndef BADGEGEN_HTAB_H
#define BADGEGEN_HTAB_H

#include <stddef.h>
#include <stdint.h>

struct htab {
	void		**slot;		/* cap slots; NULL: empty */
	size_t		 cap;		/* 0 or a power of two */
	size_t		 n;		/* items */
	unsigned	 max_load;	/* percent; 0: 50 */
};

/* An empty table that grows at max_load percent (0: 50). */
#define HTAB_INIT(max_load)	{ NULL, 0, 0, (max_load) }

/* Where a lookup is: the hash looked up and the slot reached. */
struct htab_iter {
	uint64_t	 h;
	size_t		 i;
};

/* The hash of an item, as it was given when the item was inserted. */
typedef uint64_t htab_hash_fn(const void *item);

/*
 * Starts a lookup of hash h: returns the first item that may have it,
 * or NULL when there is none (it then holds the slot where an item of
 * hash h goes).  Inline, with htab_next: lookups are the hot path of
 * the JSON string table and the model's index.
 */
static inline void *
htab_first(const struct htab *t, uint64_t h, struct htab_iter *it)
{
	it->h = h;
	if (t->cap == 0) {
		it->i = 0;
		return NULL;
	}
	it->i = (size_t)h & (t->cap - 1);
	return t->slot[it->i];
}

/* The next item the lookup meets, or NULL as htab_first. */
static inline void *
htab_next(const struct htab *t, struct htab_iter *it)
{
	it->i = (it->i + 1) & (t->cap - 1);
	return t->slot[it->i];
}

/*
 * Adds item (not NULL) where the lookup it ended with NULL: the item's
 * key must not be in the table.  When the table is full enough it
 * grows first, calling hash for every item it holds.  it is spent.
 */
void	 htab_insert(struct htab *t, struct htab_iter *it, void *item,
	    htab_hash_fn *hash);

/* Puts item in the place of the item the lookup it stopped at. */
void	 htab_replace(struct htab *t, const struct htab_iter *it, void *item);

/* Frees the slots (not the items); t is empty after, max_load kept. */
void	 htab_release(struct htab *t);

#endif
