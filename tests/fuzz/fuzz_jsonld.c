/*
 * fuzz_jsonld.c - JSON-LD expansion to RDF and RDFC-1.0 on any JSON
 * document.  Must never crash; when a document canonicalizes, its
 * canonical N-Quads must canonicalize to themselves.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonld.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	struct rdf_dataset ds = RDF_DATASET_INIT, again = RDF_DATASET_INIT;
	struct buf out = BUF_INIT, out2 = BUF_INIT;
	struct json *v;

	d.quiet = true;
	if (json_parse(&v, &a, "fuzz", (const char *)data, size, &d) == 0 &&
	    jsonld_to_rdf(&ds, &a, v, &d) == 0 &&
	    rdfc_canonicalize(&out, &ds, NULL, &d) == 0) {
		if (nquads_parse(&again, &a, "canonical", out.data, out.len,
		    &d) < 0)
			abort();
		if (rdfc_canonicalize(&out2, &again, NULL, &d) == 0 &&
		    (out.len != out2.len ||
		    memcmp(out.data, out2.data, out.len) != 0))
			abort();
	}
	rdf_dataset_release(&ds);
	rdf_dataset_release(&again);
	buf_release(&out);
	buf_release(&out2);
	arena_release(&a);
	return 0;
}
