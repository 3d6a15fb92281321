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

static const char bake_help[] =
"Bakes an award into a badge image: a PNG gets an iTXt chunk, an SVG an\n"
"<openbadges:assertion> or <openbadges:credential> element (Open Badges\n"
"2.0 or 3.0, as the award says).  The award is a compact JWS or JSON.\n"
"A badge baked into the image before is replaced.  The baked image is\n"
"written to <file>, or to standard output when that is not a terminal.\n"
"\n"
"    --out <file>    where to write the baked image\n";

static const char unbake_help[] =
"Prints the award baked into a PNG or SVG image: a compact JWS, the\n"
"award's JSON or, for badges baked before Open Badges 1.0, a URL.\n"
"'badgegen verify <image>' verifies it.\n";

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
cmd_bake(int argc, char **argv)
{
	struct diag d = DIAG_INIT;
	struct buf img = BUF_INIT, award = BUF_INIT, out = BUF_INIT;
	const char *outfile = NULL, *args[2];
	size_t nargs = 0;
	bool ob3;
	FILE *fp;
	int i, rc = EXIT_CHECKS;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return cmd_usage(BAKE_USAGE, bake_help, true);
		if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			outfile = argv[++i];
		else if (argv[i][0] == '-' || nargs == 2)
			return cmd_usage(BAKE_USAGE, NULL, false);
		else
			args[nargs++] = argv[i];
	}
	if (nargs != 2)
		return cmd_usage(BAKE_USAGE, NULL, false);
	if (outfile == NULL && isatty(STDOUT_FILENO)) {
		fputs("badgegen: not writing an image to a terminal; use "
		    "--out <file>\n", stderr);
		return EXIT_USAGE;
	}
	if (fs_read_file(&img, args[0], CMD_FILE_MAX, false, &d) < 0 ||
	    fs_read_file(&award, args[1], CMD_FILE_MAX, false, &d) < 0) {
		rc = EXIT_IO;
		goto out;
	}
	if (award_is_ob3(&ob3, award.data, award.len, args[1], &d) < 0)
		goto out;
	while (award.len > 0 && strchr(" \t\r\n",
	    award.data[award.len - 1]) != NULL)
		buf_truncate(&award, award.len - 1);
	if (bake(&out, img.data, img.len, award.data, award.len, ob3,
	    args[0], &d) < 0)
		goto out;
	fp = outfile != NULL ? fopen(outfile, "wb") : stdout;
	if (fp == NULL || fwrite(out.data, 1, out.len, fp) != out.len ||
	    (outfile != NULL && fclose(fp) != 0) ||
	    (outfile == NULL && fflush(fp) != 0)) {
		diag_err(&d, "%s: cannot write: %s", outfile ? outfile :
		    "standard output", strerror(errno));
		rc = EXIT_IO;
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
cmd_unbake(int argc, char **argv)
{
	struct diag d = DIAG_INIT;
	struct buf img = BUF_INIT, text = BUF_INIT;
	int rc = EXIT_CHECKS;

	if (argc == 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0))
		return cmd_usage(UNBAKE_USAGE, unbake_help, true);
	if (argc != 2 || argv[1][0] == '-')
		return cmd_usage(UNBAKE_USAGE, NULL, false);
	if (fs_read_file(&img, argv[1], CMD_FILE_MAX, false, &d) < 0) {
		rc = EXIT_IO;
		goto out;
	}
	if (unbake(&text, img.data, img.len, argv[1], &d) < 0)
		goto out;
	fwrite(text.data, 1, text.len, stdout);
	putchar('\n');
	rc = 0;
out:
	buf_release(&img);
	buf_release(&text);
	return rc;
}
