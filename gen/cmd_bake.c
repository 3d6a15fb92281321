/*
 * cmd_bake.c - badgegen bake and badgegen unbake.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bake.h"
#include "cmd.h"
#include "fs.h"
#include "json.h"
#include "jws.h"

const char cmd_bake_help[] =
"Bakes an award into a badge image: a PNG gets an iTXt chunk, an SVG an\n"
"<openbadges:assertion> or <openbadges:credential> element (Open Badges\n"
"2.0 or 3.0, as the award says).  The award is a compact JWS or JSON.\n"
"A badge baked into the image before is replaced.  The baked image is\n"
"written to <file>, or to standard output when that is not a terminal.\n"
"\n"
"    --out <file>    where to write the baked image\n";

const char cmd_unbake_help[] =
"Prints the award baked into a PNG or SVG image: a compact JWS, the\n"
"award's JSON or, for badges baked before Open Badges 1.0, a URL.\n"
"'badgegen verify <image>' verifies it.\n";

const struct opt cmd_bake_opts[] = {
	{ "out", OPT_VALUE, ARG(out), "a file", NULL, 0 },
	OPT_END
};

const struct opt cmd_unbake_opts[] = {
	OPT_END
};

/* Whether an award (JSON or JWS text) is an Open Badges 3.0 credential. */
static int
award_is_ob3(bool *ob3, const char *text, size_t len, const char *name,
    struct diag *d)
{
	struct arena a = ARENA_INIT;
	struct json *j;
	const struct json *body;
	struct jws jws;
	int rc = -1;

	memset(&jws, 0, sizeof(jws));
	while (len > 0 && strchr(" \t\r\n", text[len - 1]) != NULL)
		len--;
	if (len > 0 && text[0] == '{') {
		if (json_parse(&j, &a, name, text, len, d) < 0)
			goto out;
		body = j;
	} else {
		if (jws_parse(&jws, name, text, len, d) < 0)
			goto out;
		body = json_get(jws.body, "vc") ? json_get(jws.body, "vc") :
		    jws.body;
	}
	*ob3 = json_has_str(json_get(body, "type"), "VerifiableCredential");
	rc = 0;
out:
	jws_release(&jws);
	arena_release(&a);
	return rc;
}

int
cmd_bake(const struct args *a, struct site *s, struct diag *d)
{
	struct buf img = BUF_INIT, award = BUF_INIT, out = BUF_INIT;
	const char *image = a->argv[0], *file = a->argv[1];
	bool ob3;
	int rc = EXIT_CHECKS;

	(void)s;
	if (a->out == NULL && isatty(STDOUT_FILENO)) {
		diag_err(d, "not writing an image to a terminal; use --out "
		    "<file>");
		return EXIT_USAGE;
	}
	if (fs_read_file(&img, image, CMD_FILE_MAX, false, d) < 0 ||
	    fs_read_file(&award, file, CMD_FILE_MAX, false, d) < 0) {
		rc = EXIT_IO;
		goto out;
	}
	if (award_is_ob3(&ob3, award.data, award.len, file, d) < 0)
		goto out;
	while (award.len > 0 && strchr(" \t\r\n",
	    award.data[award.len - 1]) != NULL)
		buf_truncate(&award, award.len - 1);
	if (bake(&out, img.data, img.len, award.data, award.len, ob3,
	    image, d) < 0)
		goto out;
	rc = EXIT_IO;
	if (a->out != NULL) {
		if (fs_write_file(a->out, out.data, out.len, 0644, FS_REPLACE,
		    d) < 0)
			goto out;
	} else if (fwrite(out.data, 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		diag_err(d, "standard output: cannot write: %s",
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	buf_release(&img);
	buf_release(&award);
	buf_release(&out);
	return rc;
}

int
cmd_unbake(const struct args *a, struct site *s, struct diag *d)
{
	struct buf img = BUF_INIT, text = BUF_INIT;
	int rc = EXIT_CHECKS;

	(void)s;
	if (fs_read_file(&img, a->argv[0], CMD_FILE_MAX, false, d) < 0) {
		rc = EXIT_IO;
		goto out;
	}
	if (unbake(&text, img.data, img.len, a->argv[0], d) < 0)
		goto out;
	fwrite(text.data, 1, text.len, stdout);
	putchar('\n');
	rc = 0;
out:
	buf_release(&img);
	buf_release(&text);
	return rc;
}
