/*
 * fuzz_json.c - the strict JSON parser and writer on any input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT, again = BUF_INIT;
	struct json *v, *w;

	d.quiet = true;
	if (json_parse(&v, &a, "fuzz", (const char *)data, size, &d) == 0) {
		/* What we write must parse back to the same text. */
		json_write(&out, v, 0);
		if (json_parse(&w, &a, "rewrite", out.data, out.len, &d) != 0)
			abort();
		json_write(&again, w, JSON_WRITE_PRETTY);
		buf_reset(&out);
		json_write(&out, v, JSON_WRITE_PRETTY);
		if (out.len != again.len || memcmp(out.data, again.data, out.len))
			abort();
	}
	buf_release(&out);
	buf_release(&again);
	arena_release(&a);
	return 0;
}
