/*
 * fuzz_card.c - the share card on any input: either a 1200x630 PNG or
 * an error reported once, never a crash or a leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	struct diag d = DIAG_INIT;
	int rc;

	d.quiet = true;
	rc = card_render(&out, (const char *)data, size, &d);
	if (rc == 0 && (d.errors != 0 || out.len < 33 ||
	    memcmp(out.data + 12, "IHDR\0\0\x04\xb0\0\0\x02\x76", 12) != 0))
		abort();
	if (rc != 0 && d.errors != 1)
		abort();
	buf_release(&out);
	return 0;
}
