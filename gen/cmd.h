/*
 * cmd.h - the verbs of the command line: their usage strings, their
 * options, and the one parser that reads every command line.
 *
 * Each usage string is written once, here, in git's notation, and feeds
 * the verb's -h output, the top-level usage and (checked by a test) the
 * SYNOPSIS of badgegen.1.
 *
 * main() finds the verb in its table (struct cmd: git's command table),
 * parses the command line with cmd_parse into one struct args (as curl
 * fills one OperationConfig), opens what the table says the verb needs
 * (site.h: nothing, the site, or the site and its model) and calls the
 * verb.  A verb returns the exit status: 0 success, 1 checks failed,
 * 2 usage or configuration error, 3 I/O or internal error.
 */
#ifndef BADGEGEN_CMD_H
#define BADGEGEN_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "diag.h"
#include "site.h"

#define EXIT_CHECKS	1
#define EXIT_USAGE	2
#define EXIT_IO		3

/* The largest file a verb reads from the command line (an image, an award). */
#define CMD_FILE_MAX	(64u * 1024 * 1024)

/* The most values a repeatable option takes. */
#define CMD_LIST_MAX	64

#define BUILD_USAGE \
	"badgegen build [--repo <dir>] [--rev <rev>] [--worktree] [--out <dir>] [--jobs <n>] [--now <time>] [--full] [--strict] [--dry-run] [--quiet]"
#define CHECK_USAGE \
	"badgegen check [--repo <dir>] [--rev <rev>] [--worktree] [--jobs <n>] [--now <time>] [--strict] [--quiet] [--format (human|tap|junit|json)]"
#define MUSTACHE_USAGE \
	"badgegen mustache <template> [<data.json>] [--partials <dir>]"
#define KEYGEN_USAGE \
	"badgegen keygen --alg (RS256|ES256|EdDSA) (--out <prefix> [--id <url>] [--issuer <id>] | --install [--issuer <id>] [--out <prefix>] [--id <url>] [--repo <dir>])"
#define ISSUE_USAGE \
	"badgegen issue [--badge <badge>] --key <pem> (--recipient <email> --name <name> | --csv <file>) [--format (ob2|ob3-jwt|ob3-di)] [--key-id <id>] [--date <time>] [--repo <dir>] [--force | --skip-existing]"

#define BAKE_USAGE \
	"badgegen bake <image> <award> [--out <file>]"
#define UNBAKE_USAGE \
	"badgegen unbake <image>"

#define INIT_USAGE \
	"badgegen init <dir>"
#define RECOVER_USAGE \
	"badgegen recover <dir>"
#define NOTIFY_USAGE \
	"badgegen notify [--since <rev>] [--rev <rev>] --outbox <dir> [--repo <dir>]"

/* The sender init's site.conf gives as an example; notify refuses it. */
#define INIT_MAIL_FROM	"badges@example.ac.jp"

#define IMPORT_USAGE \
	"badgegen import <file> [--with <path>...] [--repo <dir>] [--now <time>]"

#define SERVE_USAGE \
	"badgegen serve [--repo <dir>] [--port <n>] [--bind <address>] [--now <time>] [--jobs <n>] [--quiet]"

#define VERIFY_USAGE \
	"badgegen verify [--repo <dir>] [--rev <rev>] [--worktree] [--now <time>] [--recipient <email>] [--format (human|json)] <file>..."

/* The values of a repeatable option, in the order given. */
struct arg_list {
	const char	*v[CMD_LIST_MAX];
	size_t		 n;
};

/*
 * Everything a command line can say.  Each verb's option table names
 * the fields it fills; the others stay zero.
 */
struct args {
	struct site_opts site;		/* --repo, --rev, --worktree, --now,
					   --jobs, --quiet; build's --out */
	const char	*out;		/* bake: the image; keygen: the prefix */
	bool		 full;		/* build */
	bool		 strict;	/* build, check */
	bool		 dry_run;	/* build */
	const char	*format;	/* check, verify, issue: a choice */
	const char	*recipient;	/* verify, issue */
	struct arg_list	 with;		/* import */
	const char	*since;		/* notify */
	const char	*outbox;	/* notify */
	const char	*alg;		/* keygen */
	const char	*id;		/* keygen */
	const char	*issuer;	/* keygen */
	bool		 install;	/* keygen */
	const char	*badge;		/* issue */
	const char	*key;		/* issue */
	const char	*name;		/* issue */
	const char	*csv;		/* issue */
	const char	*key_id;	/* issue */
	const char	*date;		/* issue */
	bool		 force;		/* issue */
	bool		 skip_existing;	/* issue */
	const char	*partials;	/* mustache */
	const char	*port;		/* serve */
	const char	*bind;		/* serve */
	char	       **argv;		/* the operands, in order */
	size_t		 argc;
};

enum opt_kind {
	OPT_FLAG,		/* --x: a bool */
	OPT_VALUE,		/* --x <v>: a const char *; the last one counts */
	OPT_LIST,		/* --x <v>, repeatable: a struct arg_list */
	OPT_COUNT,		/* --x <n>: an unsigned, 1 to SITE_JOBS_MAX */
	OPT_REFUSED		/* another verb's: `what' says whose */
};

#define OPT_REQUIRED	0x1	/* OPT_VALUE: the verb needs it, not empty */

/* One option of a verb. */
struct opt {
	const char	*name;		/* without "--" */
	enum opt_kind	 kind;
	size_t		 off;		/* of its field in struct args */
	const char	*what;		/* the value, for messages ("a
					   directory"); OPT_REFUSED: the message */
	const char	*choices;	/* "human|json": the values allowed, or NULL */
	unsigned	 flags;		/* OPT_REQUIRED */
};

#define ARG(field)	offsetof(struct args, field)
#define OPT_END		{ NULL, OPT_FLAG, 0, NULL, NULL, 0 }

/* The options of the site (site.h), for the verbs' tables. */
#define OPT_SITE_REPO \
	{ "repo", OPT_VALUE, ARG(site.repo), "a directory", NULL, 0 }
#define OPT_SITE_REV \
	{ "rev", OPT_VALUE, ARG(site.rev), "a revision", NULL, 0 }
#define OPT_SITE_WORKTREE \
	{ "worktree", OPT_FLAG, ARG(site.worktree), NULL, NULL, 0 }
#define OPT_SITE_NOW \
	{ "now", OPT_VALUE, ARG(site.now), "a time", NULL, 0 }
#define OPT_SITE_JOBS \
	{ "jobs", OPT_COUNT, ARG(site.jobs), "a number", NULL, 0 }
#define OPT_SITE_QUIET \
	{ "quiet", OPT_FLAG, ARG(site.quiet), NULL, NULL, 0 }

/* How main sets up the diag that a verb is given (struct cmd's msgs). */
#define CMD_MSGS_KEEP	0x1	/* kept in d->capture, not printed: the verb
				   reports them (check puts them in its
				   report); printed when opening fails */
#define CMD_MSGS_ERRORS	0x2	/* errors only, whatever --quiet says */

/*
 * A verb: its entry in main's table.  fn gets the parsed command line,
 * the site opened as need says (NULL when need is 0) and the diag for
 * its messages, and returns the exit status.
 */
struct cmd {
	const char	*name;
	int		(*fn)(const struct args *, struct site *, struct diag *);
	unsigned	 need;		/* SITE_* flags: what main opens first */
	unsigned	(*need_of)(const struct args *);
					/* when set: the SITE_* flags for
					   this command line, in place of need */
	unsigned	 msgs;		/* CMD_MSGS_* */
	const struct opt *opts;
	size_t		 min_args;	/* operands */
	size_t		 max_args;
	const char	*operands;	/* their names: "<image> <award>" */
	int		(*check)(const struct args *, struct diag *);
					/* rules between options, or NULL */
	const char	*usage;
	const char	*help;
	const char	*summary;
};

/* Verbs taking any number of operands say so in max_args. */
#define CMD_ANY		((size_t)-1)

/*
 * Parses the command line of verb c (argv[0] is the verb's name) into
 * a: its options (--name value and --name=value, unique abbreviations,
 * -h and --help, -- before operands that start with '-'), then its
 * operands (moved to the front of argv: a->argv points into it).
 * Checks the values against the table, the operands' count, the
 * required options, --worktree against --rev and c->check.  Returns 0;
 * else -1 and sets *rc: 0 after printing the help to stdout, EXIT_USAGE
 * after reporting through d and printing the usage line to stderr.
 */
int	 cmd_parse(struct args *a, const struct cmd *c, int argc, char **argv,
	    struct diag *d, int *rc);

/*
 * Prints the usage line(s) of a verb and, when help is true, its
 * description, to stdout (help) or stderr (error).  Returns the exit
 * status to use: 0 for help, 2 otherwise.
 */
int	 cmd_usage(const char *usage, const char *help, bool ok);

/*
 * A list of strings it owns: in the order added, or sorted without
 * repeats once strlist_sort ran.
 */
struct strlist {
	char		**v;
	size_t		 n, cap;
};

/* Appends a copy of s[0..len). */
void	 strlist_add(struct strlist *l, const char *s, size_t len);
/* Appends a copy of s[0..len) unless the list has it already. */
void	 strlist_add_once(struct strlist *l, const char *s, size_t len);
/* Sorts the list byte-wise and drops repeats. */
void	 strlist_sort(struct strlist *l);
/* Whether the list, sorted by strlist_sort, has s. */
bool	 strlist_has(const struct strlist *l, const char *s);
/* Frees the strings and empties the list; accepts NULL. */
void	 strlist_release(struct strlist *l);

/*
 * The ids the resolver looked for and did not find (model.h's miss),
 * fragments cut off, each once: the documents a verification lacked.
 * Set m->miss to cmd_misses_record and m->miss_arg to the struct, and
 * on to true while the lookups that matter run.
 */
struct cmd_misses {
	struct strlist	 ids;
	bool		 on;
};

void	 cmd_misses_record(void *arg, const char *id);

/* The verbs, their options and their help. */
int	 cmd_init(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_init_opts[];
extern const char cmd_init_help[];
int	 cmd_build(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_build_opts[];
extern const char cmd_build_help[];
int	 cmd_check(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_check_opts[];
extern const char cmd_check_help[];
int	 cmd_verify(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_verify_opts[];
extern const char cmd_verify_help[];
int	 cmd_import(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_import_opts[];
extern const char cmd_import_help[];
int	 cmd_bake(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_bake_opts[];
extern const char cmd_bake_help[];
int	 cmd_unbake(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_unbake_opts[];
extern const char cmd_unbake_help[];
int	 cmd_mustache(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_mustache_opts[];
extern const char cmd_mustache_help[];
int	 cmd_keygen(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_keygen_opts[];
extern const char cmd_keygen_help[];
int	 cmd_issue(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_issue_opts[];
extern const char cmd_issue_help[];
int	 cmd_notify(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_notify_opts[];
extern const char cmd_notify_help[];
int	 cmd_recover(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_recover_opts[];
extern const char cmd_recover_help[];
int	 cmd_serve(const struct args *a, struct site *s, struct diag *d);
extern const struct opt cmd_serve_opts[];
extern const char cmd_serve_help[];

/* Rules between options, checked before anything is opened. */
int	 cmd_init_check(const struct args *a, struct diag *d);
int	 cmd_keygen_check(const struct args *a, struct diag *d);

/* What keygen opens: the site and its model with --install, else nothing. */
unsigned cmd_keygen_need(const struct args *a);
int	 cmd_issue_check(const struct args *a, struct diag *d);
int	 cmd_serve_check(const struct args *a, struct diag *d);

#endif
