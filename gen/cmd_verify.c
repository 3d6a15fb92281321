/*
 * cmd_verify.c - badgegen verify: awards checked offline against the
 * documents of the site repository, the way build checks them.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bake.h"
#include "cmd.h"
#include "conf.h"
#include "date.h"
#include "fs.h"
#include "model.h"
#include "source.h"
#include "verify.h"

static const char verify_help[] =
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
"Exit status: 0 every file is valid, 1 any is not, 2 usage error.\n";

struct vopts {
	const char	*repo;
	const char	*rev;
	bool		 worktree;
	const char	*now;
	const char	*recipient;
	bool		 json;
};

/*
 * Loads the site's documents.  Without a site (no repository, no
 * site.conf) the model is empty and only self-contained awards verify.
 */
static int
load_site(struct model *m, const struct vopts *o, struct diag *d)
{
	struct source *src = NULL;
	struct site_conf conf;
	struct buf text = BUF_INIT;
	struct diag quiet = DIAG_INIT;
	int rc = -1;

	memset(&conf, 0, sizeof(conf));
	quiet.quiet = true;
	if (source_open(&src, o->repo, o->rev, o->worktree,
	    o->repo != NULL ? d : &quiet) < 0 ||
	    source_read(src, "site.conf", &text, NULL, &quiet) != 0) {
		if (o->repo != NULL) {
			if (src != NULL)
				diag_err(d, "%s: no site.conf: not a site "
				    "repository", o->repo);
			goto out;
		}
		model_init(m, "https://site.invalid/");
		m->replace = true;
		rc = 0;
		goto out;
	}
	if (site_conf_parse(&conf, "site.conf", text.data, text.len, d) < 0)
		goto out;
	model_init(m, conf.base_url);
	m->replace = true;
	/* The site's own errors are build's business. */
	if (model_add_tree(m, src, &quiet, d) < 0) {
		model_release(m);
		goto out;
	}
	rc = 0;
out:
	site_conf_release(&conf);
	buf_release(&text);
	source_free(src);
	return rc;
}

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

	printf("%s: %s (%s%s%s)\n", file, r->valid ? "valid" : "NOT valid",
	    form_text[aw->form], r->method ? ", " : "",
	    r->method ? r->method : "");
	for (i = 0; i < r->nchecks; i++)
		printf("  %-7s %-10s %s\n", check_result_name(r->checks[i].result),
		    r->checks[i].name, r->checks[i].message ?
		    r->checks[i].message : "");
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

/* Verifies one file; returns 0 valid, 1 not valid. */
static int
verify_one(struct model *m, const char *file, const struct vopts *o,
    int64_t now, struct buf *json, bool first, struct diag *d)
{
	struct buf data = BUF_INIT, text = BUF_INIT;
	struct verify_report rep;
	struct award *aw = NULL;
	const char *name, *ext;
	size_t i;
	bool match = false;
	int recipient = -1, rc = 1;

	if (fs_read_file(&data, file, CMD_FILE_MAX, false, d) < 0)
		goto out;
	/* Baked images hold the award; the name keeps the right form. */
	if (bake_is_png(data.data, data.len) || bake_is_svg(data.data,
	    data.len)) {
		if (unbake(&text, data.data, data.len, file, d) < 0)
			goto out;
		buf_reset(&data);
		buf_put(&data, text.data, text.len);
	}
	/* The model tells JSON from JWS by the name's extension. */
	ext = strrchr(file, '.');
	for (i = 0; i < data.len && strchr(" \t\r\n", data.data[i]); i++)
		continue;
	if (ext != NULL && (strcmp(ext, ".json") == 0 ||
	    strcmp(ext, ".jsonld") == 0 || strcmp(ext, ".jws") == 0 ||
	    strcmp(ext, ".jwt") == 0) && text.len == 0)
		name = file;
	else
		name = arena_printf(&m->arena, "%s.%s", file,
		    i < data.len && data.data[i] == '{' ? "json" : "jws");
	if (i < data.len && data.data[i] != '{' && (data.len - i < 8 ||
	    strncmp(data.data + i, "http", 4) == 0)) {
		diag_err(d, "%s: holds the URL %.*s of a hosted badge, not an "
		    "award: verify the assertion served there instead", file,
		    (int)(data.len - i > 200 ? 200 : data.len - i), data.data + i);
		goto out;
	}
	if (model_add_file(m, name, NULL, data.data, data.len, d) < 0)
		goto out;
	if (model_link(m, d) < 0) {
		/* Only this award's own failures matter here. */
	}
	for (i = 0; i < m->nawards; i++)
		if (strcmp(m->awards[i]->file, name) == 0)
			aw = m->awards[i];
	if (aw == NULL) {
		diag_err(d, "%s: not verified: its badge or issuer could not "
		    "be resolved (see above)", file);
		goto out;
	}
	if (verify_award(&rep, m, aw, now) < 0)
		goto out;
	if (o->recipient != NULL) {
		if (verify_recipient(aw, o->recipient, &match) < 0)
			match = false;
		recipient = match;
	}
	if (json != NULL)
		print_json(json, file, aw, &rep, recipient, first);
	else
		print_human(file, aw, &rep, recipient);
	rc = rep.valid && recipient != 0 ? 0 : 1;
	verify_report_release(&rep);
out:
	buf_release(&data);
	buf_release(&text);
	return rc;
}

int
cmd_verify(int argc, char **argv)
{
	enum { O_REPO = 256, O_REV, O_WORKTREE, O_NOW, O_RECIPIENT, O_FORMAT,
	    O_HELP };
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, O_REPO },
		{ "rev", required_argument, NULL, O_REV },
		{ "worktree", no_argument, NULL, O_WORKTREE },
		{ "now", required_argument, NULL, O_NOW },
		{ "recipient", required_argument, NULL, O_RECIPIENT },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 }
	};
	struct diag d = DIAG_INIT;
	struct vopts o;
	struct buf json = BUF_INIT;
	int64_t now;
	int c, i, rc = 0;

	memset(&o, 0, sizeof(o));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case O_REPO: o.repo = optarg; break;
		case O_REV: o.rev = optarg; break;
		case O_WORKTREE: o.worktree = true; break;
		case O_NOW: o.now = optarg; break;
		case O_RECIPIENT: o.recipient = optarg; break;
		case O_FORMAT:
			if (strcmp(optarg, "json") == 0)
				o.json = true;
			else if (strcmp(optarg, "human") != 0) {
				fprintf(stderr, "badgegen: --format is human "
				    "or json, not %s\n", optarg);
				return cmd_usage(VERIFY_USAGE, NULL, false);
			}
			break;
		case 'h':
		case O_HELP:
			return cmd_usage(VERIFY_USAGE, verify_help, true);
		default:
			fprintf(stderr, "badgegen: unknown option or missing "
			    "value: %s\n", argv[optind - 1]);
			return cmd_usage(VERIFY_USAGE, NULL, false);
		}
	}
	if (optind >= argc) {
		fputs("badgegen: no file to verify\n", stderr);
		return cmd_usage(VERIFY_USAGE, NULL, false);
	}
	if (clock_now(&now, o.now, &d) < 0)
		return EXIT_USAGE;
	if (o.json)
		BUF_PUTSL(&json, "[");
	for (i = optind; i < argc; i++) {
		struct model m;

		/* Each file gets the site as it is, without the others. */
		if (load_site(&m, &o, &d) < 0) {
			buf_release(&json);
			return EXIT_USAGE;
		}
		if (verify_one(&m, argv[i], &o, now, o.json ? &json : NULL,
		    i == optind, &d) != 0)
			rc = EXIT_CHECKS;
		model_release(&m);
	}
	if (o.json) {
		BUF_PUTSL(&json, "\n]\n");
		fputs(json.data, stdout);
	}
	buf_release(&json);
	return rc;
}
