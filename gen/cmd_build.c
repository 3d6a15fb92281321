/*
 * cmd_build.c - badgegen build: a commit of a site repository into a
 * static site, written atomically.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "cmd.h"

static const char build_help[] =
"Reads site.conf, content/ and templates/ from a commit of the site\n"
"repository (HEAD unless --rev), resolves every badge, issuer and award,\n"
"and writes the site into the output directory (site.conf's output,\n"
"default public/): a failed build leaves the previous site as it was.\n"
"A build makes only the files whose inputs changed since the previous one\n"
"(the manifest .badgegen/manifest in the output says what each file was\n"
"made from), keeps the others where they are, and moves the new ones into\n"
"place one rename each; a first build or --full renames the whole site\n"
"into place at once.\n"
"\n"
"    --repo <dir>    the site repository (default: the current directory)\n"
"    --rev <rev>     the commit to build (default: HEAD); bare repositories too\n"
"    --worktree      read the files on disk instead of a commit\n"
"    --out <dir>     the output directory (default: site.conf's output)\n"
"    --now <time>    the build date (ISO 8601, or @<unix seconds>);\n"
"                    default: SOURCE_DATE_EPOCH, else the clock\n"
"    --jobs <n>      threads that verify awards and render their pages\n"
"                    (default: one per core; the output is the same\n"
"                    for every n)\n"
"    --full          make every file and replace the whole site, whatever\n"
"                    the previous build made\n"
"    --strict        stop at the first error, write nothing\n"
"    --quiet         print errors only (and no progress line, which\n"
"                    is only shown when stderr is a terminal)\n"
"\n"
"Exit status: 0 built, 1 built without the awards that had errors (or,\n"
"with --strict, not built), 2 usage or configuration error, 3 I/O error.\n";

/*
 * Parses the options build and check share.  Returns -1 when the caller
 * should return *rc (help or a usage error), else 0.
 */
int
build_options(struct build_opts *o, int argc, char **argv,
    const char *usage, const char *help, int *rc)
{
	enum { O_REPO = 256, O_REV, O_WORKTREE, O_OUT, O_NOW, O_STRICT,
	    O_QUIET, O_JOBS, O_FULL, O_HELP };
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, O_REPO },
		{ "rev", required_argument, NULL, O_REV },
		{ "worktree", no_argument, NULL, O_WORKTREE },
		{ "out", required_argument, NULL, O_OUT },
		{ "now", required_argument, NULL, O_NOW },
		{ "strict", no_argument, NULL, O_STRICT },
		{ "quiet", no_argument, NULL, O_QUIET },
		{ "jobs", required_argument, NULL, O_JOBS },
		{ "full", no_argument, NULL, O_FULL },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	long n;
	int c;

	memset(o, 0, sizeof(*o));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case O_REPO: o->repo = optarg; break;
		case O_REV: o->rev = optarg; break;
		case O_WORKTREE: o->worktree = true; break;
		case O_OUT: o->out = optarg; break;
		case O_NOW: o->now = optarg; break;
		case O_STRICT: o->strict = true; break;
		case O_QUIET: o->quiet = true; break;
		case O_FULL: o->full = true; break;
		case O_JOBS:
			if ((n = strtol(optarg, &end, 10)) < 1 || n > 256 ||
			    *end != '\0') {
				fprintf(stderr, "badgegen: --jobs takes a number "
				    "from 1 to 256, not %s\n", optarg);
				*rc = cmd_usage(usage, NULL, false);
				return -1;
			}
			o->jobs = (unsigned)n;
			break;
		case 'h':
		case O_HELP:
			*rc = cmd_usage(usage, help, true);
			return -1;
		default:
			fprintf(stderr, "badgegen: unknown option or missing "
			    "value: %s\n", argv[optind - 1]);
			*rc = cmd_usage(usage, NULL, false);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "badgegen: unexpected argument: %s\n",
		    argv[optind]);
		*rc = cmd_usage(usage, NULL, false);
		return -1;
	}
	if (o->worktree && o->rev != NULL) {
		fputs("badgegen: --worktree and --rev exclude each other\n",
		    stderr);
		*rc = cmd_usage(usage, NULL, false);
		return -1;
	}
	return 0;
}

int
cmd_build(int argc, char **argv)
{
	struct build_opts o;
	struct build_result res;
	int rc;

	if (build_options(&o, argc, argv, BUILD_USAGE, build_help, &rc) < 0)
		return rc;
	rc = build_run(&o, NULL, &res);
	return rc;
}
