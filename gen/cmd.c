/*
 * cmd.c - the one parser of command lines and the usage output (cmd.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

int
cmd_usage(const char *usage, const char *help, bool ok)
{
	FILE *fp = ok ? stdout : stderr;

	fprintf(fp, "usage: %s\n", usage);
	if (ok && help != NULL)
		fprintf(fp, "\n%s", help);
	return ok ? 0 : EXIT_USAGE;
}

/* The field of a that o fills. */
static void *
field(struct args *a, const struct opt *o)
{
	return (char *)a + o->off;
}

/* Whether the OPT_VALUE option o was given a value that is not "". */
static bool
given(const struct args *a, const struct opt *o)
{
	const char *v = *(const char *const *)((const char *)a + o->off);

	return v != NULL && v[0] != '\0';
}

/*
 * Finds the option named by name[0..n): an exact name, else the one
 * option it abbreviates.  Returns it, or NULL after reporting.
 */
static const struct opt *
find_opt(const struct opt *opts, const char *name, size_t n, struct diag *d)
{
	const struct opt *o, *found = NULL;
	struct buf all = BUF_INIT;
	size_t count = 0;

	for (o = opts; o->name != NULL; o++) {
		if (strlen(o->name) == n && strncmp(o->name, name, n) == 0)
			return o;
		if (n > 0 && strncmp(o->name, name, n) == 0) {
			buf_printf(&all, "%s--%s", count > 0 ? ", " : "",
			    o->name);
			found = o;
			count++;
		}
	}
	if (count == 1) {
		buf_release(&all);
		return found;
	}
	if (count == 0)
		diag_err(d, "unknown option --%.*s", (int)n, name);
	else
		diag_err(d, "ambiguous option --%.*s: %s", (int)n, name,
		    all.data);
	buf_release(&all);
	return NULL;
}

/* Whether v is one of the '|'-separated choices. */
static bool
is_choice(const char *choices, const char *v)
{
	const char *p = choices, *bar;
	size_t n = strlen(v);

	for (;;) {
		bar = strchr(p, '|');
		if ((bar != NULL ? (size_t)(bar - p) : strlen(p)) == n &&
		    strncmp(p, v, n) == 0)
			return true;
		if (bar == NULL)
			return false;
		p = bar + 1;
	}
}

/* "human, tap, junit or json" for "human|tap|junit|json". */
static void
put_choices(struct buf *out, const char *choices)
{
	const char *p = choices, *bar;

	while ((bar = strchr(p, '|')) != NULL) {
		buf_put(out, p, (size_t)(bar - p));
		buf_puts(out, strchr(bar + 1, '|') != NULL ? ", " : " or ");
		p = bar + 1;
	}
	buf_puts(out, p);
}

/* Stores the value v of option o.  Returns 0, or -1 after reporting. */
static int
set_value(struct args *a, const struct opt *o, const char *v,
    struct diag *d)
{
	struct buf list = BUF_INIT;
	struct arg_list *l;
	char *end;
	long n;

	if (o->choices != NULL && !is_choice(o->choices, v)) {
		put_choices(&list, o->choices);
		diag_err(d, "--%s %s: expected %s", o->name, v, list.data);
		buf_release(&list);
		return -1;
	}
	switch (o->kind) {
	case OPT_VALUE:
		*(const char **)field(a, o) = v;
		break;
	case OPT_LIST:
		l = field(a, o);
		if (l->n == CMD_LIST_MAX)
			return diag_err(d, "--%s: at most %d of them", o->name,
			    CMD_LIST_MAX);
		l->v[l->n++] = v;
		break;
	case OPT_COUNT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || n < 1 ||
		    n > SITE_JOBS_MAX)
			return diag_err(d, "--%s %s: expected a number from 1 "
			    "to %d", o->name, v, SITE_JOBS_MAX);
		*(unsigned *)field(a, o) = (unsigned)n;
		break;
	case OPT_FLAG:
	case OPT_REFUSED:
		break;
	}
	return 0;
}

/*
 * Parses the option at argv[*i] ("--name" or "--name=value"), taking
 * its value from the next argument when it has none.  Returns 0, or -1
 * after reporting.
 */
static int
parse_opt(struct args *a, const struct opt *opts, int argc, char **argv,
    int *i, struct diag *d)
{
	const char *s = argv[*i] + 2, *eq = strchr(s, '='), *v;
	const struct opt *o;

	if ((o = find_opt(opts, s, eq != NULL ? (size_t)(eq - s) : strlen(s),
	    d)) == NULL)
		return -1;
	if (o->kind == OPT_REFUSED)
		return diag_err(d, "%s", o->what);
	if (o->kind == OPT_FLAG) {
		if (eq != NULL)
			return diag_err(d, "--%s takes no value", o->name);
		*(bool *)field(a, o) = true;
		return 0;
	}
	if (eq != NULL)
		v = eq + 1;
	else if (*i + 1 < argc)
		v = argv[++*i];
	else
		return diag_err(d, "--%s needs %s", o->name, o->what);
	return set_value(a, o, v, d);
}

/* The name of operand k in "<image> <award>"; past the end, the last. */
static void
operand_name(struct buf *out, const char *names, size_t k)
{
	const char *p = names, *sp;

	while (k-- > 0 && (sp = strchr(p, ' ')) != NULL)
		p = sp + 1;
	buf_put(out, p, strcspn(p, " "));
}

/* The rules of the command line as a whole, after every argument. */
static int
check_all(const struct args *a, const struct cmd *c, struct diag *d)
{
	struct buf name = BUF_INIT;
	const struct opt *o;

	if (a->argc < c->min_args) {
		operand_name(&name, c->operands, a->argc);
		diag_err(d, "missing %s", name.data);
		buf_release(&name);
		return -1;
	}
	if (a->argc > c->max_args)
		return diag_err(d, "unexpected argument %s",
		    a->argv[c->max_args]);
	for (o = c->opts; o->name != NULL; o++)
		if ((o->flags & OPT_REQUIRED) && !given(a, o))
			return diag_err(d, "%s needs --%s", c->name, o->name);
	if (a->site.worktree && a->site.rev != NULL)
		return diag_err(d, "--worktree and --rev exclude each other");
	if (c->check != NULL)
		return c->check(a, d);
	return 0;
}

int
cmd_parse(struct args *a, const struct cmd *c, int argc, char **argv,
    struct diag *d, int *rc)
{
	bool options = true;
	int i;

	memset(a, 0, sizeof(*a));
	a->argv = argv + 1;
	*rc = EXIT_USAGE;
	for (i = 1; i < argc; i++) {
		if (options && strcmp(argv[i], "--") == 0) {
			options = false;
			continue;
		}
		if (options && (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)) {
			*rc = cmd_usage(c->usage, c->help, true);
			return -1;
		}
		if (options && argv[i][0] == '-' && argv[i][1] == '-') {
			if (parse_opt(a, c->opts, argc, argv, &i, d) < 0)
				goto usage;
			continue;
		}
		if (options && argv[i][0] == '-' && argv[i][1] != '\0') {
			diag_err(d, "unknown option %s", argv[i]);
			goto usage;
		}
		/* Operands move to the front; i is never behind. */
		a->argv[a->argc++] = argv[i];
	}
	if (check_all(a, c, d) < 0)
		goto usage;
	return 0;
usage:
	cmd_usage(c->usage, NULL, false);
	return -1;
}

void
strlist_add(struct strlist *l, const char *s, size_t len)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = xstrndup(s, len);
}

void
strlist_add_once(struct strlist *l, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == len && memcmp(l->v[i], s, len) == 0)
			return;
	strlist_add(l, s, len);
}

static int
cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strlist_sort(struct strlist *l)
{
	size_t i, k;

	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_strp);
	for (i = k = 0; i < l->n; i++) {
		if (k > 0 && strcmp(l->v[k - 1], l->v[i]) == 0) {
			free(l->v[i]);
			continue;
		}
		l->v[k++] = l->v[i];
	}
	l->n = k;
}

bool
strlist_has(const struct strlist *l, const char *s)
{
	return l->n > 0 && bsearch(&s, l->v, l->n, sizeof(*l->v),
	    cmp_strp) != NULL;
}

void
strlist_release(struct strlist *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void
cmd_misses_record(void *arg, const char *id)
{
	struct cmd_misses *ms = arg;
	size_t n = strcspn(id, "#");

	if (ms->on && n > 0)
		strlist_add_once(&ms->ids, id, n);
}
