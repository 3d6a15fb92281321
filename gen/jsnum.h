/*
 * jsnum.h - numbers written as ECMAScript writes them.
 *
 * JSON canonicalization (RFC 8785), the JSON-LD conversion to RDF and
 * the Mustache engine all write numbers the way JavaScript does, so
 * that what they make matches what jsonld.js, the Mustache spec and
 * other verifiers make from the same value.
 */
#ifndef BADGEGEN_JSNUM_H
#define BADGEGEN_JSNUM_H

#include "buf.h"

/*
 * Appends x as Number::toString(x) writes it: the fewest digits that
 * read back as x (the closest such when several), in fixed notation
 * from 1e-7 to 1e21 and exponential beyond: "0" for both zeros,
 * "1e+21", "1.5e-7", "0.000001", "123.456", "NaN", "-Infinity".
 */
void	 jsnum_string(struct buf *out, double x);

/*
 * Appends x as Number.prototype.toExponential(digits) writes it, digits
 * from 0 to 100: one digit, a point and the digits after it (no point
 * when digits is 0), "e", the sign and the exponent, the last digit
 * rounded half up from the exact value: "1.500e+0", "-3e-7",
 * "0.000e+0", "NaN", "Infinity".
 */
void	 jsnum_exponential(struct buf *out, double x, int digits);

/*
 * Appends x as Number.prototype.toFixed(0) writes it for |x| < 1e21:
 * the nearest integer, halves away from zero ("3", "-3", "-0" for
 * -0.25).
 */
void	 jsnum_fixed0(struct buf *out, double x);

#endif
