/*
 * cmd_issue.c - badgegen issue: signed awards into content/awards/ of a
 * site, one from the command line or a batch from a CSV file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "csv.h"
#include "fs.h"
#include "issue.h"
#include "utf8.h"

const char cmd_issue_help[] =
"Writes signed awards into content/awards/<year>/ of the site (read from\n"
"the work tree: commit the new awards afterwards).  Each award is\n"
"<badge file>-<10 hex digits>.<jws|jwt|json>, named after the badge and\n"
"the address, with a sidecar .conf holding the address: the award itself\n"
"holds only its salted hash.\n"
"\n"
"    --badge <badge>      the badge class: its id, its file under content/,\n"
"                         or its file name with or without extension;\n"
"                         optional when the CSV file has a badge column\n"
"    --key <pem>          the private key (badgegen keygen makes one)\n"
"    --recipient <email>  the recipient's e-mail address\n"
"    --name <name>        the recipient's name, shown on the award\n"
"    --csv <file>         a batch, as Excel saves it: UTF-8 (with or without\n"
"                         BOM) or Shift_JIS; the header row names the\n"
"                         columns, in English or Japanese, case and width\n"
"                         ignored:\n"
"                           email    メール, メールアドレス  (required)\n"
"                           name     氏名, 名前              (required)\n"
"                           date     授与日     the issue date\n"
"                           expires  有効期限   the expiry date\n"
"                           badge    バッジ     the row's badge class\n"
"                         dates as 2026-03-25, 2026/3/25, 2026年3月25日,\n"
"                         令和8年3月25日, R8.3.25 (H, S, T, M; 元年 too)\n"
"    --skip-existing      skip a recipient who has the badge already: an\n"
"                         award of the repository of the same badge class\n"
"                         whose sidecar email or recipient identity (hashed\n"
"                         or not) is the address; re-runs a corrected CSV\n"
"    --format <format>    ob2 (default): OB 2.0 assertion, compact JWS;\n"
"                         ob3-jwt: OB 3.0 credential as VC-JWT;\n"
"                         ob3-di: OB 3.0 credential, eddsa-rdfc-2022 proof\n"
"    --key-id <id>        the key's id: ob2 a CryptographicKey the issuer\n"
"                         lists in publicKey; ob3 a key the site publishes\n"
"                         or a did:key.  Default: the one key the site\n"
"                         publishes for the issuer that matches --key\n"
"                         (badgegen keygen --install publishes one)\n"
"    --date <time>        the issue date (ISO 8601, a date as above,\n"
"                         @<seconds>); default: SOURCE_DATE_EPOCH, else\n"
"                         the clock\n"
"    --repo <dir>         the site directory (default: the current one)\n"
"    --force              replace an award that exists\n"
"\n"
"Prints one line per award written.  A bad row of a CSV file (an unknown\n"
"badge, a malformed date, an address or name that is not one) is reported\n"
"with its line, writes nothing, and does not stop the others; a recipient\n"
"who has the badge already is an error unless --skip-existing.  A CSV run\n"
"ends with a summary: how many awards were issued, skipped and failed,\n"
"with the lines.  Each award is verified as badgegen verify does, against\n"
"the site's documents as they will be published, before it is written:\n"
"one that would not pass is not written, the checks that fail are\n"
"reported and the run stops.\n"
"\n"
"Exit status: 0 all written or skipped, 1 some awards refused, 2 usage or\n"
"configuration error (badge, key, key id, CSV header), 3 I/O error.\n";

const struct opt cmd_issue_opts[] = {
	{ "badge", OPT_VALUE, ARG(badge), "a badge class", NULL, 0 },
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
	{ "skip-existing", OPT_FLAG, ARG(skip_existing), NULL, NULL, 0 },
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
	if (a->csv == NULL && (a->badge == NULL || a->badge[0] == '\0'))
		return diag_err(d, "issue needs --badge (a CSV file may name "
		    "the badge of each row in a badge column instead)");
	if (a->badge != NULL && a->badge[0] == '\0')
		return diag_err(d, "--badge: expected a badge class, not an "
		    "empty value");
	if (a->force && a->skip_existing)
		return diag_err(d, "--force and --skip-existing exclude each "
		    "other");
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

/* The columns of a CSV file an award reads. */
enum col { COL_EMAIL, COL_NAME, COL_DATE, COL_EXPIRES, COL_BADGE, NCOL };

/* The names of each column, English first; case and width are ignored. */
static const char *const col_names[NCOL][4] = {
	[COL_EMAIL] = { "email", "メール", "メールアドレス", NULL },
	[COL_NAME] = { "name", "氏名", "名前", NULL },
	[COL_DATE] = { "date", "授与日", NULL, NULL },
	[COL_EXPIRES] = { "expires", "有効期限", NULL, NULL },
	[COL_BADGE] = { "badge", "バッジ", NULL, NULL },
};

/*
 * The column a header names (full-width forms read as narrow, blanks
 * around it and ASCII case ignored), -1 for none, NCOL for an empty one.
 */
static int
col_of(const char *header)
{
	struct buf b = BUF_INIT;
	size_t i, k, start = 0;
	int col = -1;

	utf8_fold_width(&b, header, strlen(header));
	while (start < b.len && (b.data[start] == ' ' ||
	    b.data[start] == '\t'))
		start++;
	while (b.len > start && (b.data[b.len - 1] == ' ' ||
	    b.data[b.len - 1] == '\t'))
		buf_truncate(&b, b.len - 1);
	if (b.len == start)
		col = NCOL;
	for (i = 0; col < 0 && i < NCOL; i++)
		for (k = 0; k < 4 && col_names[i][k] != NULL; k++)
			if (strcasecmp(b.data + start, col_names[i][k]) == 0)
				col = (int)i;
	buf_release(&b);
	return col;
}

/* Appends every column's names, for messages. */
static void
col_list(struct buf *out)
{
	size_t i, k;

	for (i = 0; i < NCOL; i++) {
		buf_puts(out, i > 0 ? "; " : "");
		for (k = 0; k < 4 && col_names[i][k] != NULL; k++)
			buf_printf(out, "%s%s", k > 0 ? ", " : "",
			    col_names[i][k]);
	}
}

/*
 * Reads the CSV file and finds its columns (col[] set to a field index
 * or -1).  Returns 0, or -1 after reporting a file that cannot be read
 * or a header that names an unknown column, one twice or lacks email or
 * name, or a badge column when neither it nor --badge is given.
 */
static int
load_csv(struct csv *c, int col[NCOL], const char *file, bool have_badge,
    struct diag *d)
{
	struct buf text = BUF_INIT, names = BUF_INIT;
	size_t i;
	int k, rc = -1;

	memset(c, 0, sizeof(*c));
	for (k = 0; k < NCOL; k++)
		col[k] = -1;
	if (fs_read_file(&text, file, CSV_MAX_BYTES, false, d) < 0)
		goto out;
	if (csv_parse(c, file, text.data, text.len, d) < 0)
		goto out;
	if (strcmp(c->encoding, "UTF-8") != 0)
		diag_note(d, "%s: read as Shift_JIS (%s)", file, c->encoding);
	col_list(&names);
	for (i = 0; i < c->ncols; i++) {
		if ((k = col_of(c->header[i])) == NCOL)
			continue;
		if (k < 0) {
			diag_err(d, "%s:%u: column \"%s\" is not one badgegen "
			    "issue reads; the columns are: %s", file,
			    c->header_line, c->header[i], names.data);
			goto out;
		}
		if (col[k] >= 0) {
			diag_err(d, "%s:%u: columns \"%s\" and \"%s\" both "
			    "name the %s", file, c->header_line,
			    c->header[col[k]], c->header[i], col_names[k][0]);
			goto out;
		}
		col[k] = (int)i;
	}
	for (k = COL_EMAIL; k <= COL_NAME; k++)
		if (col[k] < 0) {
			diag_err(d, "%s:%u: no %s column (%s, %s or %s); the "
			    "header row names the columns: %s", file,
			    c->header_line, col_names[k][0], col_names[k][0],
			    col_names[k][1], col_names[k][2], names.data);
			goto out;
		}
	if (col[COL_BADGE] < 0 && !have_badge) {
		diag_err(d, "%s:%u: no badge column (badge, バッジ), and no "
		    "--badge: name the badge class of every row in one, or "
		    "give --badge", file, c->header_line);
		goto out;
	}
	rc = 0;
out:
	if (rc < 0)
		csv_release(c);
	buf_release(&text);
	buf_release(&names);
	return rc;
}

/* What a run did, for its summary. */
struct tally {
	unsigned	 written, skipped, failed;
	struct buf	 skipped_at;	/* ", 4, 7": the lines skipped */
	struct buf	 failed_at;	/* the lines failed, the same way */
};

/*
 * Issues one award; counts it (line: its CSV line, or 0).  Returns 0 to
 * go on, -1 to stop after an I/O error, 1 to stop after an award that
 * would not verify (every award of the run is signed the same way).
 */
static int
one(struct issue *is, const struct issue_input *in, unsigned line,
    struct tally *t, struct diag *d)
{
	struct buf path = BUF_INIT, email = BUF_INIT;
	struct diag q = DIAG_INIT;
	int r;

	r = issue_award(is, in, &path, d);
	if (r == 0 || r == ISSUE_EXISTS) {
		/* The address as the award has it (it passed already). */
		q.quiet = true;
		issue_email_normalize(&email, in->email, in->where, &q);
	}
	if (r == 0) {
		diag_print(stdout, "%s\t%s\n", path.data, email.data);
		fflush(stdout);
		t->written++;
	} else if (r == ISSUE_EXISTS) {
		diag_note(d, "%s: skipped: %s has this badge already (%s)",
		    in->where, email.data, path.data);
		t->skipped++;
		buf_printf(&t->skipped_at, ", %u", line);
	} else {
		t->failed++;
		buf_printf(&t->failed_at, ", %u", line);
	}
	buf_release(&path);
	buf_release(&email);
	return r == ISSUE_EIO ? -1 : r == ISSUE_EVERIFY ? 1 : 0;
}

/* The field of row in column col, or NULL. */
static const char *
field(const struct csv_row *row, const int col[NCOL], enum col k)
{
	return col[k] >= 0 ? row->fields[col[k]] : NULL;
}

/* Prints the summary of a CSV run. */
static void
summary(const char *file, const struct tally *t, bool stopped,
    struct diag *d)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s: %u issued", file, t->written);
	buf_printf(&b, ", %u skipped", t->skipped);
	if (t->skipped > 0)
		buf_printf(&b, " (line%s %s)", t->skipped == 1 ? "" : "s",
		    t->skipped_at.data + 2);
	buf_printf(&b, ", %u failed", t->failed);
	if (t->failed > 0)
		buf_printf(&b, " (line%s %s)", t->failed == 1 ? "" : "s",
		    t->failed_at.data + 2);
	if (stopped)
		buf_puts(&b, "; stopped before the rows after the last one");
	diag_note(d, "%s", b.data);
	buf_release(&b);
}

/*
 * Issues the awards of the CSV rows.  Returns 0, or what one() returned
 * to stop.
 */
static int
issue_rows(struct issue *is, const struct csv *csv, const int col[NCOL],
    const char *file, struct tally *t, struct diag *d)
{
	struct issue_input in;
	struct buf where = BUF_INIT;
	const struct csv_row *row;
	size_t i;
	int rc = 0;

	for (i = 0; i < csv->nrows && rc == 0; i++) {
		row = &csv->rows[i];
		if (row->bad) {
			t->failed++;
			buf_printf(&t->failed_at, ", %u", row->line);
			continue;
		}
		buf_reset(&where);
		buf_printf(&where, "%s:%u", file, row->line);
		in.where = where.data;
		in.email = field(row, col, COL_EMAIL);
		in.name = field(row, col, COL_NAME);
		in.date = field(row, col, COL_DATE);
		in.expires = field(row, col, COL_EXPIRES);
		in.badge = field(row, col, COL_BADGE);
		rc = one(is, &in, row->line, t, d);
	}
	if (csv->nrows == 0) {
		diag_err(d, "%s: no awards: only a header row", file);
		t->failed++;
		buf_printf(&t->failed_at, ", %u", csv->header_line);
	}
	summary(file, t, rc != 0 && i < csv->nrows, d);
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
	struct tally t;
	int col[NCOL], rc = EXIT_USAGE, r;

	memset(&o, 0, sizeof(o));
	memset(&csv, 0, sizeof(csv));
	memset(&t, 0, sizeof(t));
	t.skipped_at = (struct buf)BUF_INIT;
	t.failed_at = (struct buf)BUF_INIT;
	o.badge = a->badge;
	o.key_file = a->key;
	o.key_id = a->key_id;
	o.format = format_of(a->format);
	o.date = a->date;
	o.force = a->force;
	o.skip_existing = a->skip_existing;
	if (a->csv != NULL && load_csv(&csv, col, a->csv, a->badge != NULL,
	    d) < 0)
		goto out;
	if (issue_open(&is, s, &o, d) < 0)
		goto out;

	if (a->csv == NULL) {
		memset(&in, 0, sizeof(in));
		in.where = "--recipient";
		in.email = a->recipient;
		in.name = a->name;
		r = one(is, &in, 0, &t, d);
	} else
		r = issue_rows(is, &csv, col, a->csv, &t, d);
	if (r < 0)
		rc = EXIT_IO;
	else if (r > 0) {
		diag_note(d, "stopped: %u award%s written before", t.written,
		    t.written == 1 ? "" : "s");
		rc = EXIT_CHECKS;
	} else
		rc = t.failed > 0 ? EXIT_CHECKS : 0;
out:
	issue_free(is);
	csv_release(&csv);
	buf_release(&t.skipped_at);
	buf_release(&t.failed_at);
	return rc;
}
