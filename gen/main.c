/*
 * main.c - badgegen's entry point: finds the verb and runs it.
 */
#include <stdio.h>
#include <string.h>

#include <git2.h>

#include "cmd.h"

struct cmd {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*usage;
	const char	*summary;
};

static const struct cmd cmds[] = {
	{ "init", cmd_init, INIT_USAGE,
	  "create a new site repository that builds at once" },
	{ "build", cmd_build, BUILD_USAGE,
	  "render the site from a commit of a site repository" },
	{ "check", cmd_check, CHECK_USAGE,
	  "build into a temporary directory and check the result" },
	{ "verify", cmd_verify, VERIFY_USAGE,
	  "verify awards offline against the site's documents" },
	{ "import", cmd_import, IMPORT_USAGE,
	  "import another issuer's badge, verified, for collections" },
	{ "bake", cmd_bake, BAKE_USAGE,
	  "bake an award into a PNG or SVG badge image" },
	{ "unbake", cmd_unbake, UNBAKE_USAGE,
	  "print the award baked into an image" },
	{ "mustache", cmd_mustache, MUSTACHE_USAGE, "render one Mustache template, for theme authors" },
	{ "keygen", cmd_keygen, KEYGEN_USAGE,
	  "create a signing key and the public documents a site publishes" },
	{ "issue", cmd_issue, ISSUE_USAGE,
	  "write signed awards into content/awards/ of a site" },
	{ "notify", cmd_notify, NOTIFY_USAGE,
	  "write award notices for new awards into a Maildir outbox" },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static int
usage(FILE *fp)
{
	size_t i;

	fputs("usage: badgegen <verb> [<options>]\n\n", fp);
	for (i = 0; i < NCMDS; i++)
		fprintf(fp, "   %s\n", cmds[i].usage);
	fputs("\nverbs:\n", fp);
	for (i = 0; i < NCMDS; i++)
		fprintf(fp, "   %-10s %s\n", cmds[i].name, cmds[i].summary);
	fputs("\n'badgegen <verb> -h' describes a verb; see badgegen(1).\n", fp);
	return fp == stdout ? 0 : EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	size_t i;
	int rc;

	if (argc < 2)
		return usage(stderr);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return usage(stdout);
	if (strcmp(argv[1], "--version") == 0) {
		printf("badgegen %s\n", BADGEGEN_VERSION);
		return 0;
	}
	for (i = 0; i < NCMDS; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			break;
	if (i == NCMDS) {
		fprintf(stderr, "badgegen: '%s' is not a verb\n\n", argv[1]);
		return usage(stderr);
	}
	git_libgit2_init();
	rc = cmds[i].fn(argc - 1, argv + 1);
	git_libgit2_shutdown();
	return rc;
}
