/*
 * fuzz_check.c - the site checker on any input: the SVG and PNG checks,
 * the parser of the build's messages, and a one-page site tree (HTML
 * links, ids, leaks) written to a temporary directory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "scan.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *why = NULL;
	char dir[] = "/tmp/fuzz_check.XXXXXX";
	char path[64];
	char *emails[] = { "bob@example.org", "a.b+c@x.example" };
	struct check_site site = { "https://site.example/sub/", NULL, 0,
	    emails, 2 };
	struct check_report r = CHECK_REPORT_INIT;
	struct buf msg = BUF_INIT, out = BUF_INIT;
	struct diag d = DIAG_INIT;
	FILE *fp;
	int f;

	d.quiet = true;
	(void)check_svg(s, size, &why);
	(void)check_png(s, size, &msg);
	check_add_build_messages(&r, s, size);
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof(path), "%s/index.html", dir);
	if ((fp = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, fp);
	fclose(fp);
	if (check_tree(&r, dir, &site, &d) < 0)
		abort();
	check_sort(&r);
	for (f = CHECK_FORMAT_HUMAN; f <= CHECK_FORMAT_JSON; f++) {
		buf_reset(&out);
		check_write(&out, &r, (enum check_format)f);
	}
	unlink(path);
	rmdir(dir);
	check_report_release(&r);
	buf_release(&msg);
	buf_release(&out);
	return 0;
}
