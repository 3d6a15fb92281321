/*
 * cmd_check.c - badgegen check: builds the site into a temporary
 * directory and checks what was built.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "check.h"
#include "cmd.h"
#include "conf.h"
#include "fs.h"
#include "model.h"

const char cmd_check_help[] =
"Builds the site as build does, but into a temporary directory (the\n"
"output directory is never touched), so every award is verified, then\n"
"checks the built tree: internal links, src and srcset resolve to files\n"
"and #fragments to an id in the page; the IRIs under base_url in the\n"
"published JSON documents (badge, issuer, image, publicKey,\n"
"revocationList, verificationMethod, kid, criteria) are served by the\n"
"site; images decode (PNG) or are well-formed (SVG); no file holds a\n"
"recipient's address from content/ nor, in HTML, an identity hash.\n"
"Links outside base_url are listed, never fetched; site.conf's\n"
"[check] skip_prefixes leaves some out of the list.\n"
"\n"
"    --repo <dir>      the site repository (default: the current directory)\n"
"    --rev <rev>       the commit to check (default: HEAD)\n"
"    --worktree        check the files on disk instead of a commit\n"
"    --jobs <n>        threads that verify awards, 1 to 256 (default: one\n"
"                      per core, at most 256)\n"
"    --now <time>      the build date (ISO 8601, or @<unix seconds>)\n"
"    --strict          a build error or an award left out leaves the\n"
"                      temporary site unwritten, and nothing to check\n"
"    --quiet           print the findings only (human format)\n"
"    --format <f>      human (default), tap, junit or json\n"
"\n"
"Findings have a kind (award, link, fragment, reference, image, leak)\n"
"and a level (error or warn); the report goes to stdout.\n"
"\n"
"Exit status: 0 no errors, 1 errors found, 2 usage or configuration\n"
"error, 3 I/O error.\n";

const struct opt cmd_check_opts[] = {
	OPT_SITE_REPO,
	OPT_SITE_REV,
	OPT_SITE_WORKTREE,
	OPT_SITE_JOBS,
	OPT_SITE_NOW,
	{ "strict", OPT_FLAG, ARG(strict), NULL, NULL, 0 },
	OPT_SITE_QUIET,
	{ "format", OPT_VALUE, ARG(format), "a format", "human|tap|junit|json",
	  0 },
	{ "out", OPT_REFUSED, 0, "check never writes an output directory; "
	  "--out is build's", NULL, 0 },
	{ "full", OPT_REFUSED, 0, "check always builds the whole site; --full "
	  "is build's", NULL, 0 },
	OPT_END
};

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The build's callback: the identities of each file of content/recipients/. */
static void
read_recipient(void *arg, const char *path, const char *data, size_t len)
{
	struct strlist *e = arg;
	struct diag q = DIAG_INIT;
	struct recipient_conf rc;
	size_t i;

	q.quiet = true;
	if (!ends_with(path, ".conf") ||
	    recipient_conf_parse(&rc, path, data, len, &q) < 0)
		return;
	for (i = 0; i < rc.nemails; i++)
		strlist_add_once(e, rc.emails[i], strlen(rc.emails[i]));
	recipient_conf_release(&rc);
}

/*
 * What check takes from the build's model: a unit for every award file
 * (broken ones too) and the addresses of the award sidecars, which go
 * before the recipients' in emails.
 */
static void
read_model(struct check_report *r, struct strlist *emails,
    const struct strlist *recipients, const struct model *m)
{
	struct diag q = DIAG_INIT;
	struct award_conf ac;
	const char *f;
	size_t i;

	q.quiet = true;
	for (i = 0; i < m->ndocs; i++) {
		f = m->docs[i]->file;
		if (strncmp(f, "content/awards/", 15) == 0 &&
		    (ends_with(f, ".json") || ends_with(f, ".jws") ||
		    ends_with(f, ".jwt")))
			check_unit(r, f, CHECK_KIND_AWARD);
	}
	for (i = 0; i < m->nsidecars; i++) {
		f = m->sidecars[i].file;
		if (strncmp(f, "content/awards/", 15) != 0 ||
		    award_conf_parse(&ac, f, m->sidecars[i].text,
		    m->sidecars[i].len, &q) < 0)
			continue;
		if (ac.email != NULL)
			strlist_add_once(emails, ac.email, strlen(ac.email));
		award_conf_release(&ac);
	}
	for (i = 0; i < recipients->n; i++)
		strlist_add_once(emails, recipients->v[i],
		    strlen(recipients->v[i]));
}

/* Checks the built tree and writes the report to stdout. */
static int
report(struct check_report *r, const char *site_dir, const struct site *s,
    const struct strlist *emails, const struct args *a, struct diag *e)
{
	struct check_site site;
	struct buf out = BUF_INIT;
	enum check_format fmt = CHECK_FORMAT_HUMAN;
	int rc = EXIT_IO;

	if (a->format != NULL)
		check_format_parse(&fmt, a->format);
	site.base_url = s->conf.base_url;
	site.skip = s->conf.check_skip_prefixes;
	site.nskip = s->conf.ncheck_skip_prefixes;
	site.emails = emails->v;
	site.nemails = emails->n;
	if (access(site_dir, F_OK) == 0 &&
	    check_tree(r, site_dir, &site, e) < 0)
		goto out;
	check_sort(r);
	check_write(&out, r, fmt);
	if (a->site.quiet && fmt == CHECK_FORMAT_HUMAN &&
	    r->errors + r->warnings == 0)
		buf_reset(&out);
	fwrite(out.data, 1, out.len, stdout);
	if (fflush(stdout) != 0) {
		diag_err(e, "stdout: %s", strerror(errno));
		goto out;
	}
	rc = r->errors > 0 ? EXIT_CHECKS : 0;
out:
	buf_release(&out);
	return rc;
}

/*
 * d keeps the messages of the site's opening and of the build
 * (CMD_MSGS_KEEP): they become findings of the report.
 */
int
cmd_check(const struct args *a, struct site *s, struct diag *d)
{
	struct build_opts o;
	struct build_result res;
	struct check_report r = CHECK_REPORT_INIT;
	struct strlist emails, recipients;
	struct model m;
	struct diag e = DIAG_INIT;
	struct buf tmp = BUF_INIT, site_dir = BUF_INIT;
	int rc = EXIT_IO;

	memset(&emails, 0, sizeof(emails));
	memset(&recipients, 0, sizeof(recipients));
	memset(&m, 0, sizeof(m));
	if (fs_mkdtemp(&tmp, "badgegen-check", &e) < 0)
		goto out;
	buf_printf(&site_dir, "%s/site", tmp.data);

	memset(&o, 0, sizeof(o));
	o.out = site_dir.data;
	o.strict = a->strict;
	o.quiet = a->site.quiet;
	o.keep = &m;
	o.recipient = read_recipient;
	o.recipient_arg = &recipients;
	rc = build_run(s, &o, d, &res);
	if (rc >= EXIT_USAGE) {
		fwrite(d->capture->data, 1, d->capture->len, stderr);
		goto out;
	}
	check_add_build_messages(&r, d->capture->data, d->capture->len);
	read_model(&r, &emails, &recipients, &m);
	rc = report(&r, site_dir.data, s, &emails, a, &e);
out:
	if (tmp.len > 0)
		fs_remove_tree(tmp.data);
	strlist_release(&emails);
	strlist_release(&recipients);
	model_release(&m);
	check_report_release(&r);
	buf_release(&tmp);
	buf_release(&site_dir);
	return rc;
}
