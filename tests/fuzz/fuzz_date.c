/*
 * fuzz_date.c - the TZif reader, POSIX TZ strings, date_parse and
 * date_parse_written.
 *
 * The input is read as TZif data; its first line (up to 200 bytes) is
 * also given to date_parse, date_parse_written, tz_posix and
 * tz_name_ok.  Whatever loads is
 * evaluated and formatted around the interesting instants.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
exercise(const struct tz *tz)
{
	static const int64_t ts[] = {
		DATE_MIN, -2208988800, -1, 0, 1775001600, 2147483647,
		4108690800, DATE_MAX, INT64_MIN, INT64_MAX,
	};
	struct buf b = BUF_INIT;
	struct civil c;
	size_t i;
	int st;

	for (i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
		date_civil(&c, ts[i], tz);
		if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > 31 ||
		    c.hour > 23 || c.min > 59 || c.sec > 59 || c.wday > 6)
			abort();
		for (st = DATE_LONG; st <= DATE_RFC5322; st++)
			date_format(&b, ts[i], tz, i % 2 ? "ja" : "en",
			    (enum date_style)st);
	}
	buf_release(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct tz *tz;
	struct civil c;
	char line[201];
	size_t n;
	int64_t t;
	bool z;

	d.quiet = true;
	if (tz_parse(&tz, "fuzz", data, size, &d) == 0) {
		exercise(tz);
		tz_free(tz);
	}
	for (n = 0; n < size && n < sizeof(line) - 1 && data[n] != '\n'; n++)
		line[n] = (char)data[n];
	line[n] = '\0';
	if (date_parse(&t, &z, line) == 0 && (t < DATE_MIN - 86400 ||
	    t > DATE_MAX + 86400))
		abort();
	if (date_parse_written(&c, &z, line) == 0 && (c.year < 0 ||
	    c.year > 9999 || c.month < 1 || c.month > 12 || c.day < 1 ||
	    c.day > 31 || c.hour > 23 || c.min > 59 || c.sec > 59))
		abort();
	(void)date_parse_unix(&t, line);
	(void)tz_name_ok(line);
	if (tz_posix(&tz, line, &d) == 0) {
		exercise(tz);
		tz_free(tz);
	}
	return 0;
}
