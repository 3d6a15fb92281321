/*
 * jcs.h - the JSON Canonicalization Scheme (RFC 8785).
 *
 * The canonical form of a JSON value: no white space, object members
 * sorted by their names compared as UTF-16 code units, strings with the
 * minimal escaping of RFC 8785 section 3.2.2.2, and numbers written as
 * ECMAScript's Number.prototype.toString writes them (jsnum.h).  Used
 * for eddsa-jcs-2022 proofs and for rdf:JSON literals in JSON-LD.
 */
#ifndef BADGEGEN_JCS_H
#define BADGEGEN_JCS_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "json.h"

/*
 * Appends the canonical form of v to out.  Returns 0, or -1 after
 * reporting through d when v holds something JSON cannot express (a
 * number that is not finite, only possible in built trees).
 */
int	 jcs_write(struct buf *out, const struct json *v, struct diag *d);

/*
 * Compares the UTF-8 strings a and b (alen and blen bytes, well formed)
 * as sequences of UTF-16 code units, as JavaScript sorts strings.
 * Returns a negative, zero or positive number.
 */
int	 jcs_utf16_cmp(const char *a, size_t alen, const char *b,
	    size_t blen);

#endif
