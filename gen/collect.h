/*
 * collect.h - recipient collections: content/recipients/<slug>.conf.
 *
 * A recipient file opts a recipient in to a page recipients/<slug>/
 * that lists their public awards.  The file names the recipient and
 * lists their e-mail addresses (identities); an award belongs to the
 * collection when its recipient identity (OB 2.0 recipient.identity,
 * OB 3.0 credentialSubject.identifier of type emailAddress, hashed
 * with their salt or not) matches one of them (verify_recipient).
 *
 * The addresses serve the matching only: collect_match forgets them,
 * and nothing of a collection that reaches a page holds them.  A file
 * with public = no makes no collection.  Slugs are lower-case ASCII
 * letters, digits and '-'.
 */
#ifndef BADGEGEN_COLLECT_H
#define BADGEGEN_COLLECT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "model.h"

struct collection {
	const char	*file;		/* content/recipients/hanako.conf */
	const char	*slug;		/* "hanako" */
	const char	*name;		/* the name shown */
	const char	*path;		/* "recipients/hanako/" */
	char	       **emails;	/* until collect_match, then NULL */
	size_t		 nemails;
	struct award	**awards;	/* public awards, newest first */
	size_t		 nawards, capawards;
};

struct collections {
	struct collection *items;	/* public ones, sorted by slug */
	size_t		 n, cap;
	struct arena	 arena;
};

/* An empty set of collections: memset to zero is the same. */
#define COLLECTIONS_INIT	{ NULL, 0, 0, ARENA_INIT }

/* Whether s is a valid slug: [a-z0-9-]+, not starting with '-'. */
bool	 collect_slug_ok(const char *s, size_t len);

/*
 * Adds the recipient file at content path file (bytes data, len):
 * checks its name (content/recipients/<slug>.conf) and keys, and keeps
 * it when it says public = yes.  Returns 0 (kept or not), or -1 after
 * reporting the problem through d.  The bytes are copied.
 */
int	 collect_add_file(struct collections *c, const char *file,
	    const char *data, size_t len, struct diag *d);

/*
 * Fills every collection's awards from the public awards of m (after
 * the verify stage: m->awards holds the awards that will be
 * published) and its imported awards (m->imported), newest first, and
 * forgets the addresses.
 */
void	 collect_match(struct collections *c, const struct model *m);

/*
 * Places each collection's page (place.h): its path becomes the one it
 * has on the site; a collection whose page has no place is dropped,
 * after an error.  Returns 0, or -1 when any was dropped.
 */
int	 collect_place(struct collections *c, struct model *m,
	    struct diag *d);

/* Frees what c holds and empties it; accepts NULL and an empty set. */
void	 collect_release(struct collections *c);

#endif
