/*
 * cmd_issue.c - badgegen issue: signed awards into content/awards/ of a
 * site, one from the command line or a batch from a CSV file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "csv.h"
#include "fs.h"
#include "issue.h"

const char cmd_issue_help[] =
"Writes signed awards of one badge class into content/awards/<year>/ of\n"
"the site (read from the work tree: commit the new awards afterwards).\n"
"Each award is <badge file>-<10 hex digits>.<jws|jwt|json>, named after\n"
"the badge and the address, with a sidecar .conf holding the address:\n"
"the award itself holds only its salted hash.\n"
"\n"
"    --badge <id>         the badge class's id (or its file under content/)\n"
"    --key <pem>          the private key (badgegen keygen makes one)\n"
"    --recipient <email>  the recipient's e-mail address\n"
"    --name <name>        the recipient's name, shown on the award\n"
"    --csv <file>         a batch: columns email, name and optionally date;\n"
"                         UTF-8 (with or without BOM) or Shift_JIS\n"
"    --format <format>    ob2 (default): OB 2.0 assertion, compact JWS;\n"
"                         ob3-jwt: OB 3.0 credential as VC-JWT;\n"
"                         ob3-di: OB 3.0 credential, eddsa-rdfc-2022 proof\n"
"    --key-id <id>        the key's id: ob2 a CryptographicKey the issuer\n"
"                         lists in publicKey; ob3 a key the site publishes\n"
"                         or a did:key.  Default: the one key the site\n"
"                         publishes for the issuer that matches --key\n"
"                         (badgegen keygen --install publishes one)\n"
"    --date <time>        the issue date (ISO 8601, a date, @<seconds>);\n"
"                         default: SOURCE_DATE_EPOCH, else the clock\n"
"    --repo <dir>         the site directory (default: the current one)\n"
"    --force              replace an award that exists\n"
"\n"
"Prints one line per award written.  A bad row of a CSV file is reported\n"
"with its line and does not stop the others.  Each award is verified as\n"
"badgegen verify does, against the site's documents as they will be\n"
"published, before it is written: one that would not pass is not written,\n"
"the checks that fail are reported and the run stops.\n"
"\n"
"Exit status: 0 all written, 1 some awards refused, 2 usage or\n"
"configuration error (badge, key, key id), 3 I/O error.\n";

const struct opt cmd_issue_opts[] = {
	{ "badge", OPT_VALUE, ARG(badge), "a badge class id", NULL,
	  OPT_REQUIRED },
	{ "key", OPT_VALUE, ARG(key), "a PEM file", NULL, OPT_REQUIRED },
	{ "recipient", OPT_VALUE, ARG(recipient), "an address", NULL, 0 },
	{ "name", OPT_VALUE, ARG(name), "a name", NULL, 0 },
	{ "csv", OPT_VALUE, ARG(csv), "a file", NULL, 0 },
	{ "format", OPT_VALUE, ARG(format), "a format", "ob2|ob3-jwt|ob3-di",
	  0 },
	{ "key-id", OPT_VALUE, ARG(key_id), "a key id", NULL, 0 },
	{ "date", OPT_VALUE, ARG(date), "a time", NULL, 0 },
	OPT_SITE_REPO,
	{ "force", OPT_FLAG, ARG(force), NULL, NULL, 0 },
	OPT_END
};

int
cmd_issue_check(const struct args *a, struct diag *d)
{
	if (a->csv != NULL && (a->recipient != NULL || a->name != NULL))
		return diag_err(d, "--csv and --recipient/--name exclude each "
		    "other");
	if (a->csv == NULL && (a->recipient == NULL || a->name == NULL))
		return diag_err(d, "issue needs --recipient and --name, or "
		    "--csv");
	return 0;
}

static enum issue_format
format_of(const char *s)
{
	if (s != NULL && strcmp(s, "ob3-jwt") == 0)
		return ISSUE_OB3_JWT;
	if (s != NULL && strcmp(s, "ob3-di") == 0)
		return ISSUE_OB3_DI;
	return ISSUE_OB2;
}

/* Reads the CSV file and finds its columns.  Returns 0 or -1. */
static int
load_csv(struct csv *c, int col[3], const char *file, struct diag *d)
{
	static const char *const known[] = { "email", "name", "date" };
	struct buf text = BUF_INIT;
	size_t i, k;
	int rc = -1;

	memset(c, 0, sizeof(*c));
	if (fs_read_file(&text, file, CSV_MAX_BYTES, false, d) < 0)
		goto out;
	if (csv_parse(c, file, text.data, text.len, d) < 0)
		goto out;
	if (strcmp(c->encoding, "UTF-8") != 0)
		diag_note(d, "%s: read as Shift_JIS (%s)", file, c->encoding);
	for (i = 0; i < 3; i++)
		col[i] = csv_column(c, known[i]);
	if (col[0] < 0 || col[1] < 0) {
		diag_err(d, "%s:%u: no \"%s\" column; the header row names the "
		    "columns email and name (and may add date)", file,
		    c->header_line, col[0] < 0 ? "email" : "name");
		csv_release(c);
		goto out;
	}
	for (i = 0; i < c->ncols; i++) {
		for (k = 0; k < 3; k++)
			if (col[k] == (int)i)
				break;
		if (k == 3 && c->header[i][0] != '\0')
			diag_warn(d, "%s:%u: column \"%s\" is not used (only "
			    "email, name and date are)", file, c->header_line,
			    c->header[i]);
	}
	rc = 0;
out:
	buf_release(&text);
	return rc;
}

/*
 * Issues one award; counts it.  Returns 0 to go on, -1 to stop after an
 * I/O error, 1 to stop after an award that would not verify (every
 * award of the run is signed the same way).
 */
static int
one(struct issue *is, const struct issue_input *in, unsigned *written,
    unsigned *failed, struct diag *d)
{
	struct buf path = BUF_INIT, email = BUF_INIT;
	struct diag q = DIAG_INIT;
	int r;

	r = issue_award(is, in, &path, d);
	if (r == 0) {
		/* The address as the award has it (it passed already). */
		q.quiet = true;
		issue_email_normalize(&email, in->email, in->where, &q);
		printf("%s\t%s\n", path.data, email.data);
		fflush(stdout);
		(*written)++;
	} else
		(*failed)++;
	buf_release(&path);
	buf_release(&email);
	return r == ISSUE_EIO ? -1 : r == ISSUE_EVERIFY ? 1 : 0;
}

/*
 * Issues the awards of the CSV rows.  Returns 0, or what one() returned
 * to stop.
 */
static int
issue_rows(struct issue *is, const struct csv *csv, const int col[3],
    const char *file, unsigned *written, unsigned *failed, struct diag *d)
{
	struct issue_input in;
	struct buf where = BUF_INIT;
	const struct csv_row *row;
	size_t i;
	int rc;

	for (i = 0; i < csv->nrows; i++) {
		row = &csv->rows[i];
		if (row->bad) {
			(*failed)++;
			continue;
		}
		buf_reset(&where);
		buf_printf(&where, "%s:%u", file, row->line);
		in.where = where.data;
		in.email = row->fields[col[0]];
		in.name = row->fields[col[1]];
		in.date = col[2] >= 0 ? row->fields[col[2]] : NULL;
		if ((rc = one(is, &in, written, failed, d)) != 0)
			goto out;
	}
	if (csv->nrows == 0) {
		diag_err(d, "%s: no awards: only a header row", file);
		(*failed)++;
	}
	diag_note(d, "%u award%s written, %u row%s failed", *written,
	    *written == 1 ? "" : "s", *failed, *failed == 1 ? "" : "s");
	rc = 0;
out:
	buf_release(&where);
	return rc;
}

int
cmd_issue(const struct args *a, struct site *s, struct diag *d)
{
	struct issue_opts o;
	struct issue_input in;
	struct issue *is = NULL;
	struct csv csv;
	unsigned written = 0, failed = 0;
	int col[3] = { -1, -1, -1 }, rc = EXIT_USAGE, r;

	memset(&o, 0, sizeof(o));
	memset(&csv, 0, sizeof(csv));
	o.badge = a->badge;
	o.key_file = a->key;
	o.key_id = a->key_id;
	o.format = format_of(a->format);
	o.date = a->date;
	o.force = a->force;
	if (a->csv != NULL && load_csv(&csv, col, a->csv, d) < 0)
		goto out;
	if (issue_open(&is, s, &o, d) < 0)
		goto out;

	if (a->csv == NULL) {
		in.where = "--recipient";
		in.email = a->recipient;
		in.name = a->name;
		in.date = NULL;
		r = one(is, &in, &written, &failed, d);
	} else
		r = issue_rows(is, &csv, col, a->csv, &written, &failed, d);
	if (r < 0)
		rc = EXIT_IO;
	else if (r > 0) {
		diag_note(d, "stopped: %u award%s written before", written,
		    written == 1 ? "" : "s");
		rc = EXIT_CHECKS;
	} else
		rc = failed > 0 ? EXIT_CHECKS : 0;
out:
	issue_free(is);
	csv_release(&csv);
	return rc;
}
