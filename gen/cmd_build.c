/*
 * cmd_build.c - badgegen build: a commit of a site repository into a
 * static site, written atomically.
 */
#include <string.h>

#include "build.h"
#include "cmd.h"

const char cmd_build_help[] =
"Reads site.conf, content/ and templates/ from a commit of the site\n"
"repository (HEAD unless --rev), resolves every badge, issuer and award,\n"
"and writes the site into the output directory (site.conf's output,\n"
"default public/): a failed build leaves the previous site as it was.\n"
"An award with errors is left out, and its published pages removed: the\n"
"summary names every published page a build removes, and why.\n"
"A build makes only the files whose inputs changed since the previous one\n"
"(the manifest .badgegen/manifest in the output says what each file was\n"
"made from), keeps the others where they are, and moves the new ones into\n"
"place one rename each; a first build or --full renames the whole site\n"
"into place at once.\n"
"\n"
"    --repo <dir>    the site repository (default: the current directory)\n"
"    --rev <rev>     the commit to build (default: HEAD); bare repositories too\n"
"    --worktree      read the files on disk instead of a commit, for a\n"
"                    preview: into <output>.preview unless --out says\n"
"    --out <dir>     the output directory (default: site.conf's output)\n"
"    --now <time>    the build date (ISO 8601, or @<unix seconds>);\n"
"                    default: SOURCE_DATE_EPOCH, else the clock\n"
"    --jobs <n>      threads that verify awards and render their pages,\n"
"                    1 to 256 (default: one per core, at most 256; the\n"
"                    output is the same for every n)\n"
"    --full          make every file and replace the whole site, whatever\n"
"                    the previous build made\n"
"    --strict        change nothing unless the build is clean: with any\n"
"                    error or award left out the output stays as it was\n"
"                    (every error is reported)\n"
"    --dry-run       everything but writing: what the build would write,\n"
"                    keep and remove, and its errors; no lock is taken and\n"
"                    nothing in or beside the output changes\n"
"    --quiet         print errors only (and no progress line, which\n"
"                    is only shown when stderr is a terminal)\n"
"\n"
"Exit status: 0 built, 1 built without the awards that had errors (or,\n"
"with --strict, not built), 2 usage or configuration error, 3 I/O error.\n";

const struct opt cmd_build_opts[] = {
	OPT_SITE_REPO,
	OPT_SITE_REV,
	OPT_SITE_WORKTREE,
	{ "out", OPT_VALUE, ARG(site.out), "a directory", NULL, 0 },
	OPT_SITE_JOBS,
	OPT_SITE_NOW,
	{ "full", OPT_FLAG, ARG(full), NULL, NULL, 0 },
	{ "strict", OPT_FLAG, ARG(strict), NULL, NULL, 0 },
	{ "dry-run", OPT_FLAG, ARG(dry_run), NULL, NULL, 0 },
	OPT_SITE_QUIET,
	OPT_END
};

int
cmd_build(const struct args *a, struct site *s, struct diag *d)
{
	struct build_opts o;
	struct build_result res;

	memset(&o, 0, sizeof(o));
	o.strict = a->strict;
	o.dry_run = a->dry_run;
	o.full = a->full;
	o.quiet = a->site.quiet;
	return build_run(s, &o, d, &res);
}
