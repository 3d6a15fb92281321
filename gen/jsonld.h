/*
 * jsonld.h - JSON-LD 1.1 expansion and conversion to RDF, for the
 * documents Verifiable Credentials and Open Badges use.
 *
 * jsonld_to_rdf follows the JSON-LD 1.1 Processing Algorithms as
 * jsonld.js implements them (context processing with @protected,
 * type- and property-scoped contexts, @propagate, @import, @vocab,
 * @base, keyword aliases, compact IRIs; expansion with @id/@vocab/@json
 * and typed-literal coercion, @container @set/@list/@graph/@language/
 * @index/@id/@type, @nest, @reverse, @included; the node map; RDF
 * literals in jsonld.js's canonical forms for numbers and booleans,
 * rdf:JSON literals in JCS form).
 *
 * It runs in "safe mode" as jsonld.js does for Data Integrity: whatever
 * would be silently dropped from the RDF (a term no context defines, a
 * relative IRI, @type values that are not absolute IRIs, empty or
 * free-floating values, ...) is an error naming the term and the JSON
 * path, so that no unsigned data can ride along with signed data.
 *
 * Context URLs resolve only to the documents compiled into badgegen
 * (contexts/); any other URL is refused, nothing is ever fetched.
 * Contexts are parsed once per process, and the active contexts derived
 * from them are cached process-wide (under a mutex), so documents that
 * use the same contexts share that work.
 */
#ifndef BADGEGEN_JSONLD_H
#define BADGEGEN_JSONLD_H

#include <stdbool.h>

#include "buf.h"
#include "diag.h"
#include "json.h"
#include "rdfc.h"

/*
 * Expands doc and appends its RDF quads to out; new strings (literal
 * forms, blank node labels) are allocated in a.  Returns 0, or -1 after
 * reporting through d, e.g.
 *	"jsonld: $.credentialSubject.foo: term \"foo\" is not defined by
 *	the active context"
 * out's quads may point into doc, a and the compiled-in contexts.
 */
int	 jsonld_to_rdf(struct rdf_dataset *out, struct arena *a,
	    const struct json *doc, struct diag *d);

/*
 * Expands doc to RDF and canonicalizes it (RDFC-1.0, default limits),
 * appending the canonical N-Quads to out.  Returns 0 or -1 as above.
 */
int	 jsonld_canonicalize(struct buf *out, const struct json *doc,
	    struct diag *d);

/* Whether url is a context compiled into badgegen. */
bool	 jsonld_context_known(const char *url);

/*
 * Parses the compiled-in contexts, once per process (later calls return
 * at once); jsonld_to_rdf calls it.  Returns 0, or -1 when a compiled-in
 * context does not parse (a build defect).
 */
int	 jsonld_init(struct diag *d);

#endif
