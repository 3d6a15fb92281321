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

#define MUSTACHE_HELP \
	"Renders <template> with the JSON data in <data.json> (by default\n" \
	"an empty object) and writes exactly the result to standard output.\n" \
	"The partial or parent named x is read from <dir>/x.mustache, where\n" \
	"<dir> is the template's own directory unless --partials names one.\n" \
	"A missing partial renders as nothing; a missing parent is an\n" \
	"error.\n" \
	"\n" \
	"    --partials <dir>  read partials and parents from <dir>\n" \
	"    -h, --help        show this help\n" \
	"\n" \
	"Exit status: 0 rendered, 1 template or JSON error, 2 usage,\n" \
	"3 I/O error.\n"

#define EXIT_TEMPLATE	1	/* a template or the data is wrong */
#define MAX_FILE	(64u * 1024 * 1024)

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
	if ((r = fs_read_file(&text, path.data, MAX_FILE, true, l->d)) != 0) {
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

static int
usage_error(struct diag *d, const char *fmt, const char *arg)
{
	diag_err(d, fmt, arg);
	return cmd_usage(MUSTACHE_USAGE, NULL, false);
}

int
cmd_mustache(int argc, char **argv)
{
	const char *tpl = NULL, *data = NULL, *slash;
	struct diag d = DIAG_INIT;
	struct loader l;
	struct buf text = BUF_INIT, json = BUF_INIT, out = BUF_INIT;
	struct buf dir = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct json *v = NULL;
	struct mustache *m = NULL;
	bool opts = true;
	int i, rc = EXIT_IO;

	memset(&l, 0, sizeof(l));
	l.d = &d;
	for (i = 1; i < argc; i++) {
		const char *s = argv[i];

		if (opts && s[0] == '-' && s[1] != '\0') {
			if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0)
				return cmd_usage(MUSTACHE_USAGE, MUSTACHE_HELP,
				    true);
			if (strcmp(s, "--") == 0)
				opts = false;
			else if (strcmp(s, "--partials") == 0) {
				if (++i == argc)
					return usage_error(&d,
					    "%s needs a directory", s);
				l.dir = argv[i];
			} else if (strncmp(s, "--partials=", 11) == 0)
				l.dir = s + 11;
			else
				return usage_error(&d, "unknown option %s", s);
		} else if (tpl == NULL)
			tpl = s;
		else if (data == NULL)
			data = s;
		else
			return usage_error(&d, "unexpected argument %s", s);
	}
	if (tpl == NULL)
		return usage_error(&d, "%s", "no template given");
	if (l.dir == NULL) {
		if ((slash = strrchr(tpl, '/')) == NULL)
			BUF_PUTSL(&dir, ".");
		else
			buf_put(&dir, tpl,
			    slash == tpl ? 1 : (size_t)(slash - tpl));
		l.dir = dir.data;
	}

	if (fs_read_file(&text, tpl, MAX_FILE, false, &d) < 0)
		goto out;
	if (data == NULL)
		v = json_new(&a, JSON_OBJECT);
	else if (fs_read_file(&json, data, MAX_FILE, false, &d) < 0)
		goto out;
	else if (json_parse(&v, &a, data, json.data, json.len, &d) < 0) {
		rc = EXIT_TEMPLATE;
		goto out;
	}
	m = mustache_new(load_partial, &l);
	if (mustache_render_src(m, tpl, text.data, text.len, v, &out,
	    &d) < 0) {
		rc = l.ioerr ? EXIT_IO : EXIT_TEMPLATE;
		goto out;
	}
	if (l.ioerr)
		goto out;
	if (fwrite(out.data, 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		diag_err(&d, "standard output: cannot write: %s",
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
