/*
 * cmd.c - helpers shared by the verbs.
 */
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
