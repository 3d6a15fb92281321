/*
 * cmd_build.c - badgegen build.
 */
#include "cmd.h"

int
cmd_build(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_usage(BUILD_USAGE, NULL, false);
}
