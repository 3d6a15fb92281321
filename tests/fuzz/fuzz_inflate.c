/*
 * fuzz_inflate.c - inflate_bounded against zlib's inflate().
 *
 * The input is inflated as zlib data and as GZIP data, with a bound of
 * 64 KB, by both; they must accept the same inputs and make the same
 * bytes of them.  Anything else aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inflate.h"
#include "../unit/zinflate.h"

#define BOUND	65536

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	int k, ra, rb;

	for (k = 0; k < 2; k++) {
		buf_reset(&a);
		buf_reset(&b);
		ra = inflate_bounded(&a, data, size, BOUND, k ? INFLATE_GZIP :
		    INFLATE_ZLIB);
		rb = zlib_inflate(&b, data, size, BOUND, k ? INFLATE_GZIP :
		    INFLATE_ZLIB);
		if ((ra == 0) != (rb == 0) || (ra == 0 && (a.len != b.len ||
		    memcmp(a.data, b.data, a.len) != 0)))
			abort();
	}
	buf_release(&a);
	buf_release(&b);
	return 0;
}
