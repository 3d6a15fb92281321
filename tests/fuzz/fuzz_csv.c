/*
 * fuzz_csv.c - the CSV reader, and the checks badgegen issue runs on
 * its fields (address, name, date), on any input.  What is read must
 * hold what csv.h and issue.h promise: UTF-8 fields, records in line
 * order, good records as wide as the header, normalised addresses.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "issue.h"
#include "json.h"
#include "utf8.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_field(const char *f)
{
	struct buf out = BUF_INIT;
	struct diag d = DIAG_INIT;
	const char *p;
	int64_t t;

	d.quiet = true;
	if (utf8_check(f, strlen(f)) != strlen(f))
		abort();
	if (issue_email_normalize(&out, f, "f", &d) == 0) {
		if (strchr(out.data, '@') == NULL)
			abort();
		for (p = out.data; *p != '\0'; p++)
			if (*p <= ' ' || (*p >= 'A' && *p <= 'Z') ||
			    (unsigned char)*p >= 0x7f)
				abort();
	}
	buf_reset(&out);
	if (issue_name_normalize(&out, f, "f", &d) == 0 &&
	    (out.len == 0 || out.len > ISSUE_NAME_MAX ||
	    strchr(out.data, '\n') != NULL))
		abort();
	if (issue_parse_date(&t, f, NULL) == 0 &&
	    (t < DATE_MIN - 86400 || t > DATE_MAX + 86400))
		abort();
	buf_release(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct csv c;
	size_t i, k;
	unsigned last;

	d.quiet = true;
	if (csv_parse(&c, "fuzz.csv", (const char *)data, size, &d) < 0) {
		csv_release(&c);
		return 0;
	}
	for (i = 0; i < c.ncols; i++)
		check_field(c.header[i]);
	last = c.header_line;
	for (i = 0; i < c.nrows; i++) {
		if (c.rows[i].line <= last)
			abort();
		last = c.rows[i].line;
		if (!c.rows[i].bad && c.rows[i].nfields != c.ncols)
			abort();
		for (k = 0; k < c.rows[i].nfields; k++)
			check_field(c.rows[i].fields[k]);
	}
	csv_release(&c);
	return 0;
}
