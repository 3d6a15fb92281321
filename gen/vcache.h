/*
 * vcache.h - verification results kept from one build to the next.
 *
 * An award is never verified twice when nothing it depends on changed.
 * The key of a result is the award's blob id, a digest of the blob ids
 * of every other document of the repository (any change to an issuer,
 * key, list or file invalidates every result: simple and safe) and
 * badgegen's version.  Time is re-evaluated: a result is reused only
 * when the build date lies on the same side of every date the checks
 * compare it with (the award's and the status lists' validity dates) as
 * the date it was made on, so expiry and validity windows are exactly
 * what a fresh verification would find.
 *
 * The cache is a JSON file beside the output directory
 * (".<output>.verify-cache.json"), written atomically; a missing,
 * stale or damaged cache only costs time.
 */
#ifndef BADGEGEN_VCACHE_H
#define BADGEGEN_VCACHE_H

#include <stdint.h>

#include "model.h"
#include "verify.h"

struct vcache;

/*
 * Opens the cache for output directory out_dir and model m (linked):
 * reads the previous results, computes the digest of m's documents.
 * Never fails: an unreadable cache is an empty one.  Free with
 * vcache_free.
 */
struct vcache *vcache_open(const char *out_dir, const struct model *m);
void	 vcache_free(struct vcache *c);

/*
 * Fills out with the result kept for aw if it still holds at now, and
 * returns true; else returns false and out is untouched.
 */
bool	 vcache_get(struct vcache *c, const struct model *m,
	    const struct award *aw, int64_t now, struct verify_report *out);

/* Keeps the result r of aw, verified at now. */
void	 vcache_put(struct vcache *c, const struct award *aw, int64_t now,
	    const struct verify_report *r);

/*
 * Writes the results kept by vcache_put (only those: results of awards
 * that are gone are dropped) beside the output.  Returns 0, or -1 after
 * a warning (a cache that cannot be written is not an error).
 */
int	 vcache_save(struct vcache *c, struct diag *d);

/*
 * The first instant after now at which a result of an award of m (or of
 * any award, through a status list) may change because the build date
 * crossed one of the dates the checks compare it with; INT64_MAX when
 * none may.
 */
int64_t	 vcache_next_change(const struct vcache *c, const struct model *m,
	    int64_t now);

/* How many results were reused and how many verified afresh. */
void	 vcache_stats(const struct vcache *c, unsigned *hits,
	    unsigned *misses);

#endif
