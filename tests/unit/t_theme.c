/* t_theme.c - the default theme: its files, templates and catalogs. */
#include <string.h>

#include "harness.h"
#include "theme.h"

/* Without a site, the theme is the compiled-in templates/, sorted. */
static void
test_theme__default_files(void)
{
	struct theme *th = NULL;
	const char *data;
	size_t len, i;

	OK(theme_load(&th, NULL, NULL) == 0);
	if (th == NULL)
		return;
	OK(th->nfiles > 5);
	for (i = 1; i < th->nfiles; i++)
		OK(strcmp(th->files[i - 1].path, th->files[i].path) < 0);
	OK(theme_file(th, "award.mustache", &data, &len) == 0);
	OK(len > 0 && memchr(data, '{', len) != NULL);
	OK(theme_file(th, "i18n/ja.json", &data, &len) == 0);
	OK(theme_file(th, "nothing.mustache", &data, &len) < 0);
	OK(theme_file(th, "award", &data, &len) < 0);
	theme_free(th);
	theme_free(NULL);
}

/* Template "x" is the file "x.mustache". */
static void
test_theme__template_loader(void)
{
	struct theme *th = NULL;
	const char *src, *data;
	size_t len, dlen;

	OK(theme_load(&th, NULL, NULL) == 0);
	if (th == NULL)
		return;
	OK(theme_template(th, "award", &src, &len) == 0);
	OK(theme_file(th, "award.mustache", &data, &dlen) == 0);
	OK(src == data && len == dlen);
	OK(theme_template(th, "award.mustache", &src, &len) < 0);
	OK(theme_template(th, "no-such-template", &src, &len) < 0);
	theme_free(th);
}

static void
test_theme__catalogs(void)
{
	struct arena a = ARENA_INIT;
	struct buf m = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct theme *th = NULL;
	struct json *cat = NULL;

	d.quiet = true;
	d.capture = &m;
	OK(theme_load(&th, NULL, &d) == 0);
	if (th == NULL)
		return;
	OK(theme_catalog(&cat, th, "ja", &a, &d) == 0);
	OK(cat != NULL && cat->type == JSON_OBJECT && cat->len > 0);
	OK(theme_catalog(&cat, th, "en", &a, &d) == 0);
	OK(theme_catalog(&cat, th, "xx", &a, &d) < 0);
	OK(strstr(m.data, "templates/i18n/xx.json: no message catalog for "
	    "language \"xx\"") != NULL);
	theme_free(th);
	buf_release(&m);
	arena_release(&a);
}

TESTS(T(test_theme__default_files), T(test_theme__template_loader),
    T(test_theme__catalogs))
