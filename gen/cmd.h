/*
 * cmd.h - the verbs of the command line and their usage strings.
 *
 * Each usage string is written once, here, in git's notation, and feeds
 * the verb's -h output, the top-level usage and (checked by a test) the
 * SYNOPSIS of badgegen.1.  A verb returns the exit status: 0 success,
 * 1 checks failed, 2 usage or configuration error, 3 I/O or internal
 * error.
 */
#ifndef BADGEGEN_CMD_H
#define BADGEGEN_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "diag.h"

#define EXIT_CHECKS	1
#define EXIT_USAGE	2
#define EXIT_IO		3

/* The largest file a verb reads from the command line (an image, an award). */
#define CMD_FILE_MAX	(64u * 1024 * 1024)

#define BUILD_USAGE \
	"badgegen build [--repo <dir>] [--rev <rev>] [--worktree] [--out <dir>] [--jobs <n>] [--now <time>] [--full] [--strict] [--quiet]"
#define CHECK_USAGE \
	"badgegen check [--repo <dir>] [--rev <rev>] [--worktree] [--jobs <n>] [--now <time>] [--strict] [--quiet] [--format (human|tap|junit|json)]"
#define MUSTACHE_USAGE \
	"badgegen mustache <template> [<data.json>] [--partials <dir>]"
#define KEYGEN_USAGE \
	"badgegen keygen --alg (RS256|ES256|EdDSA) --out <prefix> [--id <url>] [--issuer <id>]"
#define ISSUE_USAGE \
	"badgegen issue --badge <id> --key <pem> (--recipient <email> --name <name> | --csv <file>) [--format (ob2|ob3-jwt|ob3-di)] [--key-id <id>] [--date <time>] [--repo <dir>] [--force]"

#define BAKE_USAGE \
	"badgegen bake <image> <award> [--out <file>]"
#define UNBAKE_USAGE \
	"badgegen unbake <image>"

#define INIT_USAGE \
	"badgegen init <dir>"
#define NOTIFY_USAGE \
	"badgegen notify --since <rev> [--rev <rev>] --outbox <dir> [--repo <dir>]"

#define IMPORT_USAGE \
	"badgegen import <file> [--with <file>...] [--repo <dir>] [--now <time>]"

#define VERIFY_USAGE \
	"badgegen verify [--repo <dir>] [--rev <rev>] [--worktree] [--now <time>] [--recipient <email>] [--format (human|json)] <file>..."

int	 cmd_build(int argc, char **argv);
int	 cmd_check(int argc, char **argv);
int	 cmd_verify(int argc, char **argv);
int	 cmd_bake(int argc, char **argv);
int	 cmd_unbake(int argc, char **argv);
int	 cmd_mustache(int argc, char **argv);
int	 cmd_keygen(int argc, char **argv);
int	 cmd_issue(int argc, char **argv);
int	 cmd_init(int argc, char **argv);
int	 cmd_notify(int argc, char **argv);
int	 cmd_import(int argc, char **argv);

/*
 * Prints the usage line(s) of a verb and, when help is true, its
 * description, to stdout (help) or stderr (error).  Returns the exit
 * status to use: 0 for help, 2 otherwise.
 */
int	 cmd_usage(const char *usage, const char *help, bool ok);


#endif
