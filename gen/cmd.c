/*
 * cmd.c - helpers shared by the verbs.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

int
cmd_usage(const char *usage, const char *help, bool ok)
{
	FILE *fp = ok ? stdout : stderr;

	fprintf(fp, "usage: %s\n", usage);
	if (ok && help != NULL)
		fprintf(fp, "\n%s", help);
	return ok ? 0 : EXIT_USAGE;
}

int
cmd_read_file(struct buf *out, const char *path, size_t max, struct diag *d)
{
	char chunk[65536];
	size_t n;
	FILE *fp;

	out->max = max;
	if ((fp = fopen(path, "rb")) == NULL)
		return diag_err(d, "%s: cannot open: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(out, chunk, n);
	if (ferror(fp) || out->over) {
		fclose(fp);
		return out->over ? diag_err(d, "%s: larger than %zu bytes", path,
		    max) : diag_err(d, "%s: read error", path);
	}
	fclose(fp);
	return 0;
}
