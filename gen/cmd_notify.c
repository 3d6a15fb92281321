/*
 * cmd_notify.c - badgegen notify (placeholder while mail.c grows).
 */
#include <string.h>

#include "cmd.h"

int
cmd_notify(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0))
		return cmd_usage(NOTIFY_USAGE, NULL, true);
	return cmd_usage(NOTIFY_USAGE, NULL, false);
}
