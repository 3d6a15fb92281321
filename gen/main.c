/*
 * main.c - badgegen's entry point: finds the verb in the command table,
 * parses its command line, opens what the table says it needs and runs
 * it.
 */
#include <stdio.h>
#include <string.h>

#include <git2.h>

#include "cmd.h"

/*
 * The verbs.  need says what main opens before the verb runs (site.h):
 * nothing (0), the site (SITE_OPEN), or the site and its model
 * (SITE_MODEL); SITE_WORKTREE and SITE_OPTIONAL adjust how; need_of
 * says it for a verb whose options decide.  msgs says
 * how the verb's messages go (cmd.h).
 */
static const struct cmd cmds[] = {
	{ .name = "init", .fn = cmd_init,
	  .opts = cmd_init_opts,
	  .min_args = 1, .max_args = 1, .operands = "<dir>",
	  .check = cmd_init_check,
	  .usage = INIT_USAGE, .help = cmd_init_help,
	  .summary = "create a new site repository that builds at once" },
	{ .name = "build", .fn = cmd_build,
	  .need = SITE_OPEN,
	  .opts = cmd_build_opts,
	  .usage = BUILD_USAGE, .help = cmd_build_help,
	  .summary = "render the site from a commit of a site repository" },
	{ .name = "recover", .fn = cmd_recover,
	  .opts = cmd_recover_opts,
	  .min_args = 1, .max_args = 1, .operands = "<dir>",
	  .usage = RECOVER_USAGE, .help = cmd_recover_help,
	  .summary = "complete what an interrupted build left in an output directory" },
	{ .name = "check", .fn = cmd_check,
	  .need = SITE_OPEN,
	  .msgs = CMD_MSGS_KEEP,
	  .opts = cmd_check_opts,
	  .usage = CHECK_USAGE, .help = cmd_check_help,
	  .summary = "build into a temporary directory and check the result" },
	{ .name = "serve", .fn = cmd_serve,
	  .need = SITE_OPEN | SITE_WORKTREE,
	  .opts = cmd_serve_opts,
	  .check = cmd_serve_check,
	  .usage = SERVE_USAGE, .help = cmd_serve_help,
	  .summary = "preview the work tree on localhost, rebuilt on every change" },
	{ .name = "verify", .fn = cmd_verify,
	  .need = SITE_MODEL | SITE_OPTIONAL,
	  .opts = cmd_verify_opts,
	  .min_args = 1, .max_args = CMD_ANY, .operands = "<file>",
	  .usage = VERIFY_USAGE, .help = cmd_verify_help,
	  .summary = "verify awards offline against the site's documents" },
	{ .name = "import", .fn = cmd_import,
	  .need = SITE_OPEN | SITE_WORKTREE,
	  .opts = cmd_import_opts,
	  .min_args = 1, .max_args = 1, .operands = "<file>",
	  .usage = IMPORT_USAGE, .help = cmd_import_help,
	  .summary = "import another issuer's badge, verified, for collections" },
	{ .name = "bake", .fn = cmd_bake,
	  .opts = cmd_bake_opts,
	  .min_args = 2, .max_args = 2, .operands = "<image> <award>",
	  .usage = BAKE_USAGE, .help = cmd_bake_help,
	  .summary = "bake an award into a PNG or SVG badge image" },
	{ .name = "unbake", .fn = cmd_unbake,
	  .opts = cmd_unbake_opts,
	  .min_args = 1, .max_args = 1, .operands = "<image>",
	  .usage = UNBAKE_USAGE, .help = cmd_unbake_help,
	  .summary = "print the award baked into an image" },
	{ .name = "mustache", .fn = cmd_mustache,
	  .opts = cmd_mustache_opts,
	  .min_args = 1, .max_args = 2, .operands = "<template> <data.json>",
	  .usage = MUSTACHE_USAGE, .help = cmd_mustache_help,
	  .summary = "render one Mustache template, for theme authors" },
	{ .name = "keygen", .fn = cmd_keygen,
	  .need_of = cmd_keygen_need,
	  .opts = cmd_keygen_opts,
	  .check = cmd_keygen_check,
	  .usage = KEYGEN_USAGE, .help = cmd_keygen_help,
	  .summary = "create a signing key and the public documents a site publishes" },
	{ .name = "issue", .fn = cmd_issue,
	  .need = SITE_MODEL | SITE_WORKTREE,
	  .opts = cmd_issue_opts,
	  .check = cmd_issue_check,
	  .usage = ISSUE_USAGE, .help = cmd_issue_help,
	  .summary = "write signed awards into content/awards/ of a site" },
	{ .name = "notify", .fn = cmd_notify,
	  .need = SITE_MODEL,
	  .msgs = CMD_MSGS_ERRORS,
	  .opts = cmd_notify_opts,
	  .usage = NOTIFY_USAGE, .help = cmd_notify_help,
	  .summary = "write award notices for new awards into a Maildir outbox" },
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

/*
 * Runs verb c: its command line, then what it needs opened, then the
 * verb itself.  Returns the exit status.
 */
static int
run(const struct cmd *c, int argc, char **argv)
{
	struct diag d = DIAG_INIT;
	struct buf msgs = BUF_INIT;
	struct args a;
	struct site site, *s = NULL;
	unsigned need;
	int rc;

	if (cmd_parse(&a, c, argc, argv, &d, &rc) < 0)
		return rc;
	d.quiet_warnings = a.site.quiet || (c->msgs & CMD_MSGS_ERRORS);
	if (c->msgs & CMD_MSGS_KEEP) {
		d.capture = &msgs;
		d.quiet = true;
	}
	need = c->need_of != NULL ? c->need_of(&a) : c->need;
	if (need != 0) {
		if ((rc = site_open(&site, &a.site, need, &d)) < 0) {
			fwrite(msgs.data, 1, msgs.len, stderr);
			rc = rc == SITE_EIO ? EXIT_IO : EXIT_USAGE;
			goto out;
		}
		s = &site;
	}
	rc = c->fn(&a, s, &d);
out:
	site_release(s);
	buf_release(&msgs);
	return rc;
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
		diag_err(NULL, "'%s' is not a verb", argv[1]);
		fputc('\n', stderr);
		return usage(stderr);
	}
	git_libgit2_init();
	rc = run(&cmds[i], argc - 1, argv + 1);
	git_libgit2_shutdown();
	return rc;
}
