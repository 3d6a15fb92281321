/*
 * cmd_verify.c - badgegen verify: awards checked offline against the
 * documents of the site repository, the way build checks them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bake.h"
#include "cmd.h"
#include "conf.h"
#include "fs.h"
#include "model.h"
#include "verify.h"

const char cmd_verify_help[] =
"Verifies awards: Open Badges 2.0 assertions (JSON, JWS), Open Badges 3.0\n"
"credentials (JSON with a Data Integrity proof, VC-JWT) and baked PNG or\n"
"SVG images.  Issuers, badge classes, keys, revocation and status lists\n"
"are resolved through the site repository exactly as build resolves\n"
"them; nothing is fetched from the network.  Each file gets the list of\n"
"checks with pass, warn, fail or unknown (could not be checked).\n"
"\n"
"    --repo <dir>          the site repository (default: the current directory)\n"
"    --rev <rev>           the commit whose documents are used (default: HEAD)\n"
"    --worktree            use the files on disk instead of a commit\n"
"    --now <time>          the date to check expiry against (ISO 8601 or @<seconds>)\n"
"    --recipient <email>   check that each award was issued to this address\n"
"    --format <format>     human (default) or json\n"
"\n"
"When an award is read from a commit and a document it needs is only in\n"
"the work tree (a badge class not committed yet), the message says so.\n"
"\n"
"Exit status: 0 every file is valid, 1 any is not, 2 usage or\n"
"configuration error, 3 a file cannot be read.\n";

const struct opt cmd_verify_opts[] = {
	OPT_SITE_REPO,
	OPT_SITE_REV,
	OPT_SITE_WORKTREE,
	OPT_SITE_NOW,
	{ "recipient", OPT_VALUE, ARG(recipient), "an address", NULL, 0 },
	{ "format", OPT_VALUE, ARG(format), "a format", "human|json", 0 },
	OPT_END
};

static const char *const form_text[] = {
	[FORM_OB2_HOSTED] = "Open Badges 2.0, hosted",
	[FORM_OB2_SIGNED] = "Open Badges 2.0, signed",
	[FORM_OB3_JSON] = "Open Badges 3.0, embedded proof",
	[FORM_OB3_JWT] = "Open Badges 3.0, VC-JWT",
};

static void
print_human(const char *file, const struct award *aw,
    const struct verify_report *r, int recipient)
{
	size_t i;

	diag_print(stdout, "%s: %s (%s%s%s)\n", file, r->valid ? "valid" :
	    "NOT valid", form_text[aw->form], r->method ? ", " : "",
	    r->method ? r->method : "");
	for (i = 0; i < r->nchecks; i++)
		diag_print(stdout, "  %-7s %-10s %s\n",
		    check_result_name(r->checks[i].result), r->checks[i].name,
		    r->checks[i].message ? r->checks[i].message : "");
	if (recipient >= 0)
		printf("  %-7s %-10s %s\n", recipient ? "pass" : "fail",
		    "recipient", recipient ? "issued to the given address" :
		    "not issued to the given address");
}

static void
print_json(struct buf *out, const char *file, const struct award *aw,
    const struct verify_report *r, int recipient, bool first)
{
	size_t i;

	buf_puts(out, first ? "\n  {" : ",\n  {");
	BUF_PUTSL(out, "\"file\": ");
	json_write_str(out, file, strlen(file), 0);
	BUF_PUTSL(out, ", \"id\": ");
	json_write_str(out, aw->id ? aw->id : "", aw->id ? strlen(aw->id) : 0,
	    0);
	buf_printf(out, ", \"valid\": %s, \"revoked\": %s, \"expired\": %s",
	    r->valid ? "true" : "false", r->revoked ? "true" : "false",
	    r->expired ? "true" : "false");
	if (recipient >= 0)
		buf_printf(out, ", \"recipient\": %s",
		    recipient ? "true" : "false");
	BUF_PUTSL(out, ", \"checks\": [");
	for (i = 0; i < r->nchecks; i++) {
		buf_puts(out, i ? ",\n    {" : "\n    {");
		BUF_PUTSL(out, "\"name\": ");
		json_write_str(out, r->checks[i].name,
		    strlen(r->checks[i].name), 0);
		buf_printf(out, ", \"result\": \"%s\"",
		    check_result_name(r->checks[i].result));
		if (r->checks[i].message != NULL) {
			BUF_PUTSL(out, ", \"message\": ");
			json_write_str(out, r->checks[i].message,
			    strlen(r->checks[i].message), 0);
		}
		buf_putc(out, '}');
	}
	BUF_PUTSL(out, "]}");
}

/*
 * Appends to why each document the verification lacked that is only in
 * the site's work tree, not in the commit read.  Returns whether any is.
 */
static bool
only_on_disk(struct site *s, const struct cmd_misses *ms, struct buf *why)
{
	struct buf one = BUF_INIT;
	size_t i;
	bool any = false;

	for (i = 0; i < ms->ids.n; i++) {
		buf_reset(&one);
		if (!site_only_on_disk(s, ms->ids.v[i], &one))
			continue;
		if (any)
			BUF_PUTSL(why, "; ");
		buf_put(why, one.data, one.len);
		any = true;
	}
	buf_release(&one);
	return any;
}

/*
 * Takes the award out of the bytes of file, in data: an image holds it
 * baked in.  name gets the file name the model should see (the form
 * follows from its extension).  Returns 0, or -1 after reporting.
 */
static int
award_of(struct buf *data, const char **name, struct model *m,
    const char *file, struct diag *d)
{
	struct buf text = BUF_INIT;
	const char *ext;
	size_t i;
	int rc = -1;

	/* Baked images hold the award; the name keeps the right form. */
	if (bake_is_png(data->data, data->len) || bake_is_svg(data->data,
	    data->len)) {
		if (unbake(&text, data->data, data->len, file, d) < 0)
			goto out;
		buf_reset(data);
		buf_put(data, text.data, text.len);
	}
	/* The model tells JSON from JWS by the name's extension. */
	ext = strrchr(file, '.');
	for (i = 0; i < data->len && strchr(" \t\r\n", data->data[i]); i++)
		continue;
	if (ext != NULL && (strcmp(ext, ".json") == 0 ||
	    strcmp(ext, ".jsonld") == 0 || strcmp(ext, ".jws") == 0 ||
	    strcmp(ext, ".jwt") == 0) && text.len == 0)
		*name = file;
	else
		*name = arena_printf(&m->arena, "%s.%s", file,
		    i < data->len && data->data[i] == '{' ? "json" : "jws");
	if (i < data->len && data->data[i] != '{' && (data->len - i < 8 ||
	    strncmp(data->data + i, "http", 4) == 0)) {
		diag_err(d, "%s: holds the URL %.*s of a hosted badge, not an "
		    "award: verify the assertion served there instead", file,
		    (int)(data->len - i > 200 ? 200 : data->len - i),
		    data->data + i);
		goto out;
	}
	rc = 0;
out:
	buf_release(&text);
	return rc;
}

/*
 * Verifies one file against the site's model.  Returns 0 valid,
 * EXIT_CHECKS not valid, EXIT_IO when the file cannot be read.
 */
static int
verify_one(struct site *s, const char *file, const struct args *a,
    struct buf *json, bool first, struct diag *d)
{
	struct model *m = &s->model;
	struct buf data = BUF_INIT, why = BUF_INIT;
	struct cmd_misses ms;
	struct verify_report rep;
	struct award *aw = NULL;
	const char *name;
	size_t i;
	bool match = false;
	int recipient = -1, rc = EXIT_CHECKS;

	memset(&ms, 0, sizeof(ms));
	memset(&rep, 0, sizeof(rep));
	if (fs_read_file(&data, file, CMD_FILE_MAX, false, d) < 0) {
		rc = EXIT_IO;
		goto out;
	}
	if (award_of(&data, &name, m, file, d) < 0 ||
	    model_add_file(m, name, NULL, data.data, data.len, d) < 0)
		goto out;
	/* Only this award's own failures matter here. */
	m->miss = cmd_misses_record;
	m->miss_arg = &ms;
	ms.on = true;
	model_link(m, d);
	for (i = 0; i < m->nawards; i++)
		if (strcmp(m->awards[i]->file, name) == 0)
			aw = m->awards[i];
	if (aw == NULL) {
		if (only_on_disk(s, &ms, &why))
			diag_err(d, "%s: not verified: %s; commit it, or verify "
			    "with --worktree", file, why.data);
		else
			diag_err(d, "%s: not verified: its badge or issuer could "
			    "not be resolved (see above)", file);
		goto out;
	}
	if (verify_award(&rep, m, aw, s->now) < 0)
		goto out;
	ms.on = false;
	if (a->recipient != NULL) {
		if (verify_recipient(aw, a->recipient, &match) < 0)
			match = false;
		recipient = match;
	}
	if (json != NULL)
		print_json(json, file, aw, &rep, recipient, first);
	else
		print_human(file, aw, &rep, recipient);
	if (!rep.valid && only_on_disk(s, &ms, &why))
		diag_warn(d, "%s: %s; commit it, or verify with --worktree",
		    file, why.data);
	rc = rep.valid && recipient != 0 ? 0 : EXIT_CHECKS;
out:
	m->miss = NULL;
	verify_report_release(&rep);
	strlist_release(&ms.ids);
	buf_release(&data);
	buf_release(&why);
	return rc;
}

/*
 * Each file is verified against the site as it is, without the others:
 * the model is loaded again for every file after the first.
 */
int
cmd_verify(const struct args *a, struct site *s, struct diag *d)
{
	struct buf json = BUF_INIT;
	bool as_json = a->format != NULL && strcmp(a->format, "json") == 0;
	size_t i;
	int r, rc = 0;

	if (as_json)
		BUF_PUTSL(&json, "[");
	for (i = 0; i < a->argc; i++) {
		if (i > 0 && site_load_model(s, d) < 0) {
			rc = EXIT_IO;
			break;
		}
		/* The award given stands for the site's copy of it. */
		s->model.replace = true;
		r = verify_one(s, a->argv[i], a, as_json ? &json : NULL, i == 0,
		    d);
		if (r > rc)
			rc = r;
	}
	if (as_json) {
		BUF_PUTSL(&json, "\n]\n");
		fputs(json.data, stdout);
	}
	buf_release(&json);
	return rc;
}
