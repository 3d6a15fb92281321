/*
 * fuzz_bake.c - the PNG and SVG readers of baked badges on any input,
 * and baking into whatever they accept.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bake.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf text = BUF_INIT, out = BUF_INIT, back = BUF_INIT;
	struct diag d = DIAG_INIT;

	d.quiet = true;
	if (unbake(&text, (const char *)data, size, "fuzz", &d) == 0 &&
	    text.len > 0 && memchr(text.data, ']', text.len) == NULL &&
	    memchr(text.data, '\0', text.len) == NULL &&
	    strchr(" \t\r\n", text.data[0]) == NULL &&
	    bake(&out, (const char *)data, size, text.data, text.len,
	    size % 2, "fuzz", &d) == 0 &&
	    unbake(&back, out.data, out.len, "rebaked", &d) == 0 &&
	    (back.len != text.len || memcmp(back.data, text.data, text.len)))
		abort();
	buf_release(&text);
	buf_release(&out);
	buf_release(&back);
	return 0;
}
