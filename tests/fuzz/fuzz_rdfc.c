/*
 * fuzz_rdfc.c - the N-Quads parser and RDFC-1.0 on any input.  Must
 * never crash; canonical output must parse and canonicalize to itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rdfc.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	struct rdf_dataset ds = RDF_DATASET_INIT, again = RDF_DATASET_INIT;
	struct buf out = BUF_INIT, out2 = BUF_INIT;
	struct rdfc_opts o = RDFC_OPTS_INIT;

	d.quiet = true;
	o.max_work = 20000;	/* keep each input quick */
	if (nquads_parse(&ds, &a, "fuzz", (const char *)data, size, &d) == 0 &&
	    rdfc_canonicalize(&out, &ds, &o, &d) == 0) {
		if (nquads_parse(&again, &a, "canonical", out.data, out.len,
		    &d) < 0)
			abort();
		if (rdfc_canonicalize(&out2, &again, &o, &d) == 0 &&
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
