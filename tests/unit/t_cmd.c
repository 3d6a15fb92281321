/*
 * t_cmd.c - the one command-line parser (cmd_parse) and the string
 * lists of the verbs.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "harness.h"

static const struct opt test_opts[] = {
	OPT_SITE_REPO,
	OPT_SITE_REV,
	OPT_SITE_WORKTREE,
	OPT_SITE_JOBS,
	{ "format", OPT_VALUE, ARG(format), "a format", "human|json", 0 },
	{ "with", OPT_LIST, ARG(with), "a file", NULL, 0 },
	{ "since", OPT_VALUE, ARG(since), "a revision", NULL, OPT_REQUIRED },
	{ "out", OPT_REFUSED, 0, "--out is build's", NULL, 0 },
	OPT_END
};

static int
no_x(const struct args *a, struct diag *d)
{
	if (a->argc > 0 && strcmp(a->argv[0], "x") == 0)
		return diag_err(d, "not x");
	return 0;
}

static const struct cmd test_cmd = {
	.name = "test",
	.opts = test_opts,
	.min_args = 1,
	.max_args = 2,
	.operands = "<file> <other>",
	.check = no_x,
	.usage = "badgegen test [--repo <dir>] <file> [<other>]",
	.help = "help text\n",
};

/*
 * Parses the arguments (a NULL-terminated list after the verb) into a;
 * returns what cmd_parse returns, the exit status in *rc and the
 * messages in msgs.
 */
static int
parse(struct args *a, int *rc, struct buf *msgs, char **argv)
{
	struct diag d = DIAG_INIT;
	int argc = 0;

	while (argv[argc] != NULL)
		argc++;
	d.quiet = true;
	d.capture = msgs;
	buf_reset(msgs);
	return cmd_parse(a, &test_cmd, argc, argv, &d, rc);
}

#define ARGV(...) ((char *[]){ "test", __VA_ARGS__, NULL })

static void
test_cmd__options(void)
{
	/* At the function's scope: a.argv points into them. */
	char **v1 = ARGV("--repo", "r", "f1", "--since=abc", "--worktree",
	    "--jobs", "4", "--format", "json", "--with", "w1", "f2",
	    "--with=w2");
	char **v2 = ARGV("--wor", "--si", "a", "--since", "b", "--",
	    "--repo");
	char **v3 = ARGV("--since", "a", "-");
	struct args a;
	struct buf m = BUF_INIT;
	int rc;

	INT_EQ(parse(&a, &rc, &m, v1), 0);
	STR_EQ(a.site.repo, "r");
	STR_EQ(a.since, "abc");
	OK(a.site.worktree);
	INT_EQ(a.site.jobs, 4);
	STR_EQ(a.format, "json");
	INT_EQ(a.with.n, 2);
	STR_EQ(a.with.v[0], "w1");
	STR_EQ(a.with.v[1], "w2");
	INT_EQ(a.argc, 2);
	STR_EQ(a.argv[0], "f1");
	STR_EQ(a.argv[1], "f2");
	INT_EQ(m.len, 0);
	/* Unique abbreviations; -- ends the options; the last value counts. */
	INT_EQ(parse(&a, &rc, &m, v2), 0);
	OK(a.site.worktree);
	STR_EQ(a.since, "b");
	INT_EQ(a.argc, 1);
	STR_EQ(a.argv[0], "--repo");
	/* A lone "-" is an operand. */
	INT_EQ(parse(&a, &rc, &m, v3), 0);
	STR_EQ(a.argv[0], "-");
	buf_release(&m);
}

static void
test_cmd__errors(void)
{
	const struct {
		char		**argv;
		const char	*msg;
	} cases[] = {
		{ ARGV("--since", "a", "f", "--bogus"),
		  "error: unknown option --bogus\n" },
		{ ARGV("--since", "a", "f", "-x"), "error: unknown option -x\n" },
		{ ARGV("--since", "a", "f", "--re", "x"),
		  "error: ambiguous option --re: --repo, --rev\n" },
		{ ARGV("--since", "a", "f", "--repo"),
		  "error: --repo needs a directory\n" },
		{ ARGV("--since", "a", "f", "--worktree=1"),
		  "error: --worktree takes no value\n" },
		{ ARGV("--since", "a", "f", "--format", "xml"),
		  "error: --format xml: expected human or json\n" },
		{ ARGV("--since", "a", "f", "--jobs", "0"),
		  "error: --jobs 0: expected a number from 1 to 256\n" },
		{ ARGV("--since", "a", "f", "--jobs", "257"),
		  "error: --jobs 257: expected a number from 1 to 256\n" },
		{ ARGV("--since", "a", "f", "--jobs", "4x"),
		  "error: --jobs 4x: expected a number from 1 to 256\n" },
		{ ARGV("--since", "a", "f", "--out", "o"),
		  "error: --out is build's\n" },
		{ ARGV("--since", "a"), "error: missing <file>\n" },
		{ ARGV("--since", "a", "f", "g", "h"),
		  "error: unexpected argument h\n" },
		{ ARGV("f"), "error: test needs --since\n" },
		{ ARGV("--since", "", "f"), "error: test needs --since\n" },
		{ ARGV("--since", "a", "f", "--worktree", "--rev", "r"),
		  "error: --worktree and --rev exclude each other\n" },
		{ ARGV("--since", "a", "x"), "error: not x\n" },
	};
	struct args a;
	struct buf m = BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rc = -1;
		if (parse(&a, &rc, &m, cases[i].argv) != -1)
			FAIL_AT("case %zu accepted", i);
		INT_EQ(rc, EXIT_USAGE);
		if (strcmp(m.data, cases[i].msg) != 0)
			FAIL_AT("case %zu: \"%s\", expected \"%s\"", i, m.data,
			    cases[i].msg);
	}
	buf_release(&m);
}

/* "test --since a f" and n times "--with w" (cmd_parse reorders argv). */
static char **
with_argv(char **argv, int n)
{
	int i, k = 0;

	argv[k++] = "test";
	argv[k++] = "--since";
	argv[k++] = "a";
	argv[k++] = "f";
	for (i = 0; i < n; i++) {
		argv[k++] = "--with";
		argv[k++] = "w";
	}
	argv[k] = NULL;
	return argv;
}

static void
test_cmd__list_limit(void)
{
	char *argv[2 * CMD_LIST_MAX + 8];
	struct args a;
	struct buf m = BUF_INIT;
	int rc;

	INT_EQ(parse(&a, &rc, &m, with_argv(argv, CMD_LIST_MAX + 1)), -1);
	STR_EQ(m.data, "error: --with: at most 64 of them\n");
	INT_EQ(parse(&a, &rc, &m, with_argv(argv, CMD_LIST_MAX)), 0);
	INT_EQ(a.with.n, CMD_LIST_MAX);
	buf_release(&m);
}

static void
test_cmd__strlist(void)
{
	struct strlist l;

	memset(&l, 0, sizeof(l));
	strlist_add(&l, "b", 1);
	strlist_add_once(&l, "a#x", 1);
	strlist_add_once(&l, "b", 1);
	strlist_add(&l, "c", 1);
	strlist_add(&l, "a", 1);
	INT_EQ(l.n, 4);
	STR_EQ(l.v[0], "b");
	STR_EQ(l.v[1], "a");
	strlist_sort(&l);
	INT_EQ(l.n, 3);
	STR_EQ(l.v[0], "a");
	STR_EQ(l.v[2], "c");
	OK(strlist_has(&l, "b"));
	OK(!strlist_has(&l, "d"));
	strlist_release(&l);
	INT_EQ(l.n, 0);
	OK(!strlist_has(&l, "a"));
	strlist_release(&l);
	strlist_release(NULL);
}

TESTS(
	T(test_cmd__options),
	T(test_cmd__errors),
	T(test_cmd__list_limit),
	T(test_cmd__strlist)
)
