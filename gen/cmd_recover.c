/*
 * cmd_recover.c - badgegen recover: completes what an interrupted build
 * left in an output directory, and nothing else.
 *
 *	badgegen recover <dir>
 *
 * A publishing hook runs it before anything else, so that a site left
 * half updated by a build that was killed is made whole even when the
 * next commit does not build.
 */
#include "cmd.h"
#include "write.h"

const char cmd_recover_help[] =
"Does what every build of <dir> does first, and only that: under the\n"
"lock on <dir>, puts back a previous site that a crash left aside,\n"
"completes an update (the journal .<dir>.journal) that an interrupted\n"
"build left half applied, and removes what earlier builds left beside\n"
"<dir> (staging directories, temporary files).  It needs no site\n"
"repository.  contrib/post-receive runs it before each build.\n"
"\n"
"Exit status: 0 nothing to do or done, 3 an update that cannot be\n"
"completed (the message says why) or an I/O error.\n";

const struct opt cmd_recover_opts[] = {
	OPT_END
};

int
cmd_recover(const struct args *a, struct site *s, struct diag *d)
{
	(void)s;
	return writer_recover(a->argv[0], WRITER_WAIT_MS, d) < 0 ? EXIT_IO : 0;
}
