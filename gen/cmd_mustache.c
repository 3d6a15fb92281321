/*
 * cmd_mustache.c - badgegen mustache: renders one template, for theme
 * authors.
 *
 *	badgegen mustache <template> [<data.json>] [--partials <dir>]
 *
 * Writes exactly the rendering to standard output.  Exit status: 0
 * rendered, 1 template or JSON error, 2 usage, 3 I/O error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "fs.h"
#include "json.h"
#include "mustache.h"

const char cmd_mustache_help[] =
"Renders <template> with the JSON data in <data.json> (by default\n"
"an empty object) and writes exactly the result to standard output.\n"
"The partial or parent named x is read from <dir>/x.mustache, where\n"
"<dir> is the template's own directory unless --partials names one.\n"
"A missing partial renders as nothing; a missing parent is an\n"
"error.\n"
"\n"
"    --partials <dir>  read partials and parents from <dir>\n"
"    -h, --help        show this help\n"
"\n"
"Exit status: 0 rendered, 1 template or JSON error, 2 usage,\n"
"3 I/O error.\n";

const struct opt cmd_mustache_opts[] = {
	{ "partials", OPT_VALUE, ARG(partials), "a directory", NULL, 0 },
	OPT_END
};

#define EXIT_TEMPLATE	1	/* a template or the data is wrong */

struct loader {
	const char	*dir;
	struct arena	 texts;		/* partials read, kept with the set */
	struct diag	*d;
	bool		 ioerr;		/* a partial could not be read */
};

/* Loads partial name from <dir>/<name>.mustache. */
static int
load_partial(void *arg, const char *name, const char **src, size_t *len)
{
	struct loader *l = arg;
	struct buf path = BUF_INIT, text = BUF_INIT;
	int r, rc = -1;

	buf_printf(&path, "%s/%s.mustache", l->dir, name);
	/* A missing partial renders as nothing. */
	if ((r = fs_read_file(&text, path.data, CMD_FILE_MAX, true, l->d)) != 0) {
		if (r < 0)
			l->ioerr = true;
		goto out;
	}
	*src = arena_strndup(&l->texts, text.data, text.len);
	*len = text.len;
	rc = 0;
out:
	buf_release(&path);
	buf_release(&text);
	return rc;
}

int
cmd_mustache(const struct args *args, struct site *s, struct diag *d)
{
	const char *tpl = args->argv[0], *slash;
	const char *data = args->argc > 1 ? args->argv[1] : NULL;
	struct loader l;
	struct buf text = BUF_INIT, json = BUF_INIT, out = BUF_INIT;
	struct buf dir = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct json *v = NULL;
	struct mustache *m = NULL;
	int rc = EXIT_IO;

	(void)s;
	memset(&l, 0, sizeof(l));
	l.d = d;
	l.dir = args->partials;
	if (l.dir == NULL) {
		if ((slash = strrchr(tpl, '/')) == NULL)
			BUF_PUTSL(&dir, ".");
		else
			buf_put(&dir, tpl,
			    slash == tpl ? 1 : (size_t)(slash - tpl));
		l.dir = dir.data;
	}

	if (fs_read_file(&text, tpl, CMD_FILE_MAX, false, d) < 0)
		goto out;
	if (data == NULL)
		v = json_new(&a, JSON_OBJECT);
	else if (fs_read_file(&json, data, CMD_FILE_MAX, false, d) < 0)
		goto out;
	else if (json_parse(&v, &a, data, json.data, json.len, d) < 0) {
		rc = EXIT_TEMPLATE;
		goto out;
	}
	m = mustache_new(load_partial, &l);
	if (mustache_render_src(m, tpl, text.data, text.len, v, &out,
	    d) < 0) {
		rc = l.ioerr ? EXIT_IO : EXIT_TEMPLATE;
		goto out;
	}
	if (l.ioerr)
		goto out;
	if (fwrite(out.data, 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		diag_err(d, "standard output: cannot write: %s",
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	mustache_free(m);
	arena_release(&l.texts);
	arena_release(&a);
	buf_release(&text);
	buf_release(&json);
	buf_release(&out);
	buf_release(&dir);
	return rc;
}
