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
#include "theme.h"
#include "verify.h"

const char cmd_verify_help[] =
"Verifies awards: Open Badges 2.0 assertions (JSON, JWS), Open Badges 3.0\n"
"credentials (JSON with a Data Integrity proof, VC-JWT) and baked PNG or\n"
"SVG images, and endorsements.  Issuers, badge classes, keys, revocation\n"
"and status lists are resolved through the site repository exactly as\n"
"build resolves them; nothing is fetched from the network.  Each file\n"
"gets the list of checks with pass, warn, fail or unknown (could not be\n"
"checked).  The text is in Japanese when LC_ALL, LC_MESSAGES or LANG\n"
"(the first set) is ja..., with dates in the site's time zone.\n"
"\n"
"    --repo <dir>          the site repository (default: the current directory)\n"
"    --rev <rev>           the commit whose documents are used (default: HEAD)\n"
"    --worktree            use the files on disk instead of a commit\n"
"    --now <time>          the date to check expiry against (ISO 8601 or @<seconds>)\n"
"    --recipient <email>   check that each award was issued to this address\n"
"                          (unknown, exit 1, when it names no e-mail address)\n"
"    --format <format>     human (default) or json (English, and message_ja)\n"
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

/*
 * The reader's language for human output: Japanese when the locale of
 * messages (LC_ALL, else LC_MESSAGES, else LANG) is Japanese ("ja",
 * "ja_JP.UTF-8"), else English.
 */
static bool
reader_is_ja(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return strncmp(v, "ja", 2) == 0 && (v[2] == '\0' ||
			    v[2] == '_' || v[2] == '-' || v[2] == '.');
	return false;
}

/* How human output is written: language, words, time zone. */
struct human {
	bool		 ja;
	const struct json *t;	/* the theme's catalog in Japanese */
	const struct tz	*tz;	/* the site's time zone */
};

/* A label of the theme's Japanese catalog, or en. */
static const char *
word(const struct human *h, const char *key, const char *en)
{
	const char *s = h->ja ? json_get_str(h->t, key) : NULL;

	return s != NULL ? s : en;
}

/* One check line: result, name, message with local dates. */
static void
print_check(const struct human *h, enum check_result res, const char *name,
    const char *msg, const char *msg_ja)
{
	struct buf b = BUF_INIT;
	char key[64];

	vmsg_local_dates(&b, h->ja && msg_ja != NULL ? msg_ja : msg != NULL ?
	    msg : "", h->tz, h->ja ? "ja" : "en", false);
	if (h->ja) {
		snprintf(key, sizeof(key), "check_%s", check_result_name(res));
		printf("  [%s] ", word(h, key, check_result_name(res)));
		snprintf(key, sizeof(key), "checkname_%s", name);
		diag_print(stdout, "%s: %s\n", word(h, key, name), b.data);
	} else
		diag_print(stdout, "  %-7s %-10s %s\n",
		    check_result_name(res), name, b.data);
	buf_release(&b);
}

static void
print_human(const struct human *h, const char *file, const struct award *aw,
    const struct verify_report *r, const struct recipient_check *rc)
{
	static const char *const form_key[] = {
		[FORM_OB2_HOSTED] = "format_ob2_hosted",
		[FORM_OB2_SIGNED] = "format_ob2_signed",
		[FORM_OB3_JSON] = "format_ob3_json",
		[FORM_OB3_JWT] = "format_ob3_jwt",
	};
	size_t i;

	if (h->ja)
		diag_print(stdout, "%s: %s（%s%s%s%s%s）\n", file,
		    vmsg_ja(r->valid ? "valid" : "NOT valid"),
		    word(h, form_key[aw->form], form_text[aw->form]),
		    aw->endorsement ? "、" : "", aw->endorsement ?
		    vmsg_ja("endorsement") : "", r->method ? "、" : "",
		    r->method ? r->method : "");
	else
		diag_print(stdout, "%s: %s (%s%s%s%s)\n", file, r->valid ?
		    "valid" : "NOT valid", form_text[aw->form],
		    aw->endorsement ? ", endorsement" : "", r->method ?
		    ", " : "", r->method ? r->method : "");
	for (i = 0; i < r->nchecks; i++)
		print_check(h, r->checks[i].result, r->checks[i].name,
		    r->checks[i].message, r->checks[i].message_ja);
	if (rc->asked)
		print_check(h, rc->result, "recipient", rc->message,
		    vmsg_ja(rc->message));
}

static void
print_json(struct buf *out, const char *file, const struct award *aw,
    const struct verify_report *r, const struct recipient_check *rc,
    bool first)
{
	buf_puts(out, first ? "\n  {" : ",\n  {");
	BUF_PUTSL(out, "\"file\": ");
	json_write_str(out, file, strlen(file), 0);
	BUF_PUTSL(out, ", \"id\": ");
	json_write_str(out, aw->id ? aw->id : "", aw->id ? strlen(aw->id) : 0,
	    0);
	BUF_PUTSL(out, ", ");
	verify_report_json(out, r, rc);
	buf_putc(out, '}');
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
 * Verifies one file against the site's model.  Returns 0 valid,
 * EXIT_CHECKS not valid, EXIT_IO when the file cannot be read.
 */
static int
verify_one(struct site *s, const char *file, const struct args *a,
    const struct human *h, struct buf *json, bool first, struct diag *d)
{
	struct model *m = &s->model;
	struct buf data = BUF_INIT, why = BUF_INIT, name = BUF_INIT;
	struct cmd_misses ms;
	struct verify_report rep;
	struct recipient_check reci;
	struct award *aw = NULL;
	int rc = EXIT_CHECKS;

	memset(&ms, 0, sizeof(ms));
	memset(&rep, 0, sizeof(rep));
	if (fs_read_file(&data, file, CMD_FILE_MAX, false, d) < 0) {
		rc = EXIT_IO;
		goto out;
	}
	if (unbake_award(&data, &name, file, d) < 0 ||
	    model_add_file(m, name.data, NULL, data.data, data.len, d) < 0)
		goto out;
	/* Only this award's own failures matter here. */
	m->miss = cmd_misses_record;
	m->miss_arg = &ms;
	ms.on = true;
	model_link(m, d);
	aw = verify_find_award(m, name.data);
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
	verify_recipient_check(&reci, aw, a->recipient);
	if (json != NULL)
		print_json(json, file, aw, &rep, &reci, first);
	else
		print_human(h, file, aw, &rep, &reci);
	if (!rep.valid && only_on_disk(s, &ms, &why))
		diag_warn(d, "%s: %s; commit it, or verify with --worktree",
		    file, why.data);
	rc = rep.valid && (!reci.asked || reci.result == CHECK_PASS) ? 0 :
	    EXIT_CHECKS;
out:
	m->miss = NULL;
	verify_report_release(&rep);
	strlist_release(&ms.ids);
	buf_release(&data);
	buf_release(&why);
	buf_release(&name);
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
	struct arena ar = ARENA_INIT;
	struct theme *th = NULL;
	struct json *cat = NULL;
	struct human h;
	size_t i;
	int r, rc = 0;

	/* Human output: the reader's language, the site's time zone. */
	h.ja = !as_json && reader_is_ja();
	h.tz = s->conf.tz;
	h.t = NULL;
	if (h.ja && theme_load(&th, s->src, d) == 0 &&
	    theme_catalog(&cat, th, "ja", &ar, d) == 0)
		h.t = cat;
	if (as_json)
		BUF_PUTSL(&json, "[");
	for (i = 0; i < a->argc; i++) {
		if (i > 0 && site_load_model(s, d) < 0) {
			rc = EXIT_IO;
			break;
		}
		/* The award given stands for the site's copy of it. */
		s->model.replace = true;
		r = verify_one(s, a->argv[i], a, &h, as_json ? &json : NULL,
		    i == 0, d);
		if (r > rc)
			rc = r;
	}
	if (as_json) {
		BUF_PUTSL(&json, "\n]\n");
		fputs(json.data, stdout);
	}
	buf_release(&json);
	theme_free(th);
	arena_release(&ar);
	return rc;
}
