/*
 * cmd_issue.c - badgegen issue: signed awards into content/awards/ of a
 * site, one from the command line or a batch from a CSV file.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "csv.h"
#include "fs.h"
#include "issue.h"

static const char issue_help[] =
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
"                         lists in publicKey (default: the listed key that\n"
"                         matches --key); ob3 a key the site publishes or a\n"
"                         did:key (default for Ed25519: its did:key)\n"
"    --date <time>        the issue date (ISO 8601, a date, @<seconds>);\n"
"                         default: SOURCE_DATE_EPOCH, else the clock\n"
"    --repo <dir>         the site directory (default: the current one)\n"
"    --force              replace an award that exists\n"
"\n"
"Prints one line per award written.  A bad row of a CSV file is reported\n"
"with its line and does not stop the others.\n"
"\n"
"Exit status: 0 all written, 1 some awards refused, 2 usage or\n"
"configuration error (badge, key, key id), 3 I/O error.\n";

static int
parse_format(enum issue_format *out, const char *s)
{
	if (strcmp(s, "ob2") == 0)
		*out = ISSUE_OB2;
	else if (strcmp(s, "ob3-jwt") == 0)
		*out = ISSUE_OB3_JWT;
	else if (strcmp(s, "ob3-di") == 0)
		*out = ISSUE_OB3_DI;
	else
		return -1;
	return 0;
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

/* Issues one award; counts it.  Returns -1 to stop (an I/O error). */
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
	return r == ISSUE_EIO ? -1 : 0;
}

int
cmd_issue(int argc, char **argv)
{
	enum { O_BADGE = 256, O_KEY, O_RECIPIENT, O_NAME, O_CSV, O_FORMAT,
	    O_KEY_ID, O_DATE, O_REPO, O_FORCE, O_HELP };
	static const struct option longopts[] = {
		{ "badge", required_argument, NULL, O_BADGE },
		{ "key", required_argument, NULL, O_KEY },
		{ "recipient", required_argument, NULL, O_RECIPIENT },
		{ "name", required_argument, NULL, O_NAME },
		{ "csv", required_argument, NULL, O_CSV },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "key-id", required_argument, NULL, O_KEY_ID },
		{ "date", required_argument, NULL, O_DATE },
		{ "repo", required_argument, NULL, O_REPO },
		{ "force", no_argument, NULL, O_FORCE },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 }
	};
	struct diag d = DIAG_INIT;
	struct issue_opts o;
	struct issue_input in;
	struct issue *is = NULL;
	struct csv csv;
	struct buf where = BUF_INIT;
	const char *recipient = NULL, *name = NULL, *csv_file = NULL;
	const struct csv_row *row;
	unsigned written = 0, failed = 0;
	int c, col[3], rc = EXIT_USAGE;
	size_t i;
	bool have_csv = false;

	memset(&o, 0, sizeof(o));
	memset(&csv, 0, sizeof(csv));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case O_BADGE: o.badge = optarg; break;
		case O_KEY: o.key_file = optarg; break;
		case O_RECIPIENT: recipient = optarg; break;
		case O_NAME: name = optarg; break;
		case O_CSV: csv_file = optarg; break;
		case O_FORMAT:
			if (parse_format(&o.format, optarg) < 0) {
				fprintf(stderr, "badgegen: --format %s: "
				    "expected ob2, ob3-jwt or ob3-di\n",
				    optarg);
				return cmd_usage(ISSUE_USAGE, NULL, false);
			}
			break;
		case O_KEY_ID: o.key_id = optarg; break;
		case O_DATE: o.date = optarg; break;
		case O_REPO: o.repo = optarg; break;
		case O_FORCE: o.force = true; break;
		case 'h':
		case O_HELP:
			return cmd_usage(ISSUE_USAGE, issue_help, true);
		default:
			fprintf(stderr, "badgegen: unknown option or missing "
			    "value: %s\n", argv[optind - 1]);
			return cmd_usage(ISSUE_USAGE, NULL, false);
		}
	}
	if (optind < argc) {
		fprintf(stderr, "badgegen: unexpected argument: %s\n",
		    argv[optind]);
		return cmd_usage(ISSUE_USAGE, NULL, false);
	}
	if (o.badge == NULL || o.key_file == NULL) {
		fprintf(stderr, "badgegen: issue needs --badge and --key\n");
		return cmd_usage(ISSUE_USAGE, NULL, false);
	}
	if (csv_file != NULL && (recipient != NULL || name != NULL)) {
		fprintf(stderr, "badgegen: --csv and --recipient/--name "
		    "exclude each other\n");
		return cmd_usage(ISSUE_USAGE, NULL, false);
	}
	if (csv_file == NULL && (recipient == NULL || name == NULL)) {
		fprintf(stderr, "badgegen: issue needs --recipient and --name, "
		    "or --csv\n");
		return cmd_usage(ISSUE_USAGE, NULL, false);
	}

	if (csv_file != NULL) {
		if (load_csv(&csv, col, csv_file, &d) < 0)
			goto out;
		have_csv = true;
	}
	if (issue_open(&is, &o, &d) < 0)
		goto out;

	rc = EXIT_IO;
	if (!have_csv) {
		in.where = "--recipient";
		in.email = recipient;
		in.name = name;
		in.date = NULL;
		if (one(is, &in, &written, &failed, &d) < 0)
			goto out;
	} else {
		for (i = 0; i < csv.nrows; i++) {
			row = &csv.rows[i];
			if (row->bad) {
				failed++;
				continue;
			}
			buf_reset(&where);
			buf_printf(&where, "%s:%u", csv_file, row->line);
			in.where = where.data;
			in.email = row->fields[col[0]];
			in.name = row->fields[col[1]];
			in.date = col[2] >= 0 ? row->fields[col[2]] : NULL;
			if (one(is, &in, &written, &failed, &d) < 0)
				goto out;
		}
		if (csv.nrows == 0) {
			diag_err(&d, "%s: no awards: only a header row",
			    csv_file);
			failed++;
		}
		diag_note(&d, "%u award%s written, %u row%s failed", written,
		    written == 1 ? "" : "s", failed, failed == 1 ? "" : "s");
	}
	rc = failed > 0 ? EXIT_CHECKS : 0;
out:
	issue_free(is);
	if (have_csv)
		csv_release(&csv);
	buf_release(&where);
	return rc;
}
