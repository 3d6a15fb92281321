/*
 * cmd_check.c - badgegen check: builds the site into a temporary
 * directory and checks what was built.
 */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "check.h"
#include "cmd.h"
#include "conf.h"
#include "source.h"

static const char check_help[] =
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
"    --jobs <n>        threads that verify awards (default: one per core)\n"
"    --now <time>      the build date (ISO 8601, or @<unix seconds>)\n"
"    --strict          build stops at the first error\n"
"    --quiet           print the findings only (human format)\n"
"    --format <f>      human (default), tap, junit or json\n"
"\n"
"Findings have a kind (award, link, fragment, reference, image, leak)\n"
"and a level (error or warn); the report goes to stdout.\n"
"\n"
"Exit status: 0 no errors, 1 errors found, 2 usage or configuration\n"
"error, 3 I/O error.\n";

/* What check needs from the site repository besides the build. */
struct content {
	struct check_report *r;
	char		**emails;
	size_t		 nemails, capemails;
};

static void
add_email(struct content *c, const char *e)
{
	size_t i;

	for (i = 0; i < c->nemails; i++)
		if (strcmp(c->emails[i], e) == 0)
			return;
	if (c->nemails == c->capemails) {
		c->capemails = c->capemails ? c->capemails * 2 : 16;
		c->emails = xreallocarray(c->emails, c->capemails,
		    sizeof(*c->emails));
	}
	c->emails[c->nemails++] = xstrdup(e);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int
read_content(void *arg, const char *path, const char *oid, const char *data,
    size_t len)
{
	struct content *c = arg;
	struct diag q = DIAG_INIT;
	struct award_conf ac;
	struct recipient_conf rc;
	size_t i;

	(void)oid;
	q.quiet = true;
	if (strncmp(path, "content/awards/", 15) == 0) {
		if (ends_with(path, ".json") || ends_with(path, ".jws") ||
		    ends_with(path, ".jwt"))
			check_unit(c->r, path, CHECK_KIND_AWARD);
		else if (ends_with(path, ".conf") &&
		    award_conf_parse(&ac, path, data, len, &q) == 0) {
			if (ac.email != NULL)
				add_email(c, ac.email);
			award_conf_release(&ac);
		}
	} else if (strncmp(path, "content/recipients/", 19) == 0 &&
	    ends_with(path, ".conf") &&
	    recipient_conf_parse(&rc, path, data, len, &q) == 0) {
		for (i = 0; i < rc.nemails; i++)
			add_email(c, rc.emails[i]);
		recipient_conf_release(&rc);
	}
	return 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/*
 * Splits --format out of argv (build_options knows the rest).  Returns
 * 0, or -1 after a usage message.
 */
static int
take_format(enum check_format *fmt, int *argcp, char **argv)
{
	int i, j = 1;
	const char *v;

	*fmt = CHECK_FORMAT_HUMAN;
	for (i = 1; i < *argcp; i++) {
		v = NULL;
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argcp)
				argv[j++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--format") == 0) {
			if (i + 1 >= *argcp) {
				fputs("badgegen: --format needs a value\n",
				    stderr);
				return -1;
			}
			v = argv[++i];
		} else if (strncmp(argv[i], "--format=", 9) == 0)
			v = argv[i] + 9;
		else {
			argv[j++] = argv[i];
			continue;
		}
		if (check_format_parse(fmt, v) < 0) {
			fprintf(stderr, "badgegen: unknown format: %s\n", v);
			return -1;
		}
	}
	argv[j] = NULL;
	*argcp = j;
	return 0;
}

int
cmd_check(int argc, char **argv)
{
	struct build_opts o;
	struct build_result res;
	struct check_report r = CHECK_REPORT_INIT;
	struct check_site site;
	struct content c;
	struct site_conf conf;
	struct source *src = NULL;
	struct diag d = DIAG_INIT;
	struct buf msgs = BUF_INIT, text = BUF_INIT, out = BUF_INIT;
	char tmpl[4096], site_dir[4096 + 8];
	const char *tmpdir;
	enum check_format fmt;
	bool have_conf = false, have_tmp = false;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	memset(&conf, 0, sizeof(conf));
	c.r = &r;
	if (take_format(&fmt, &argc, argv) < 0)
		return cmd_usage(CHECK_USAGE, NULL, false);
	if (build_options(&o, argc, argv, CHECK_USAGE, check_help, &rc) < 0)
		return rc;
	if (o.out != NULL) {
		fputs("badgegen: check never writes an output directory; "
		    "--out is build's\n", stderr);
		return cmd_usage(CHECK_USAGE, NULL, false);
	}
	if (o.full) {
		fputs("badgegen: check always builds the whole site; --full "
		    "is build's\n", stderr);
		return cmd_usage(CHECK_USAGE, NULL, false);
	}

	tmpdir = getenv("TMPDIR");
	if (tmpdir == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	snprintf(tmpl, sizeof(tmpl), "%s/badgegen-check.XXXXXX", tmpdir);
	if (mkdtemp(tmpl) == NULL) {
		diag_err(&d, "%s: %s", tmpl, strerror(errno));
		rc = EXIT_IO;
		goto out;
	}
	have_tmp = true;
	snprintf(site_dir, sizeof(site_dir), "%s/site", tmpl);

	o.capture = &msgs;
	rc = build_run(&o, site_dir, &res);
	if (rc >= EXIT_USAGE) {
		fwrite(msgs.data != NULL ? msgs.data : "", 1, msgs.len,
		    stderr);
		goto out;
	}
	check_add_build_messages(&r, msgs.data != NULL ? msgs.data : "",
	    msgs.len);

	if (source_open(&src, o.repo, o.rev, o.worktree, &d) < 0 ||
	    source_read(src, "site.conf", &text, NULL, &d) != 0 ||
	    site_conf_parse(&conf, "site.conf", text.data, text.len, &d) < 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	have_conf = true;
	if (source_walk(src, "content/", read_content, &c, &d) < 0) {
		rc = EXIT_IO;
		goto out;
	}
	site.base_url = conf.base_url;
	site.skip = conf.check_skip_prefixes;
	site.nskip = conf.ncheck_skip_prefixes;
	site.emails = c.emails;
	site.nemails = c.nemails;
	if (access(site_dir, F_OK) == 0 &&
	    check_tree(&r, site_dir, &site, &d) < 0) {
		rc = EXIT_IO;
		goto out;
	}
	check_sort(&r);
	check_write(&out, &r, fmt);
	if (o.quiet && fmt == CHECK_FORMAT_HUMAN && r.errors + r.warnings == 0)
		buf_reset(&out);
	fwrite(out.data != NULL ? out.data : "", 1, out.len, stdout);
	if (fflush(stdout) != 0) {
		diag_err(&d, "stdout: %s", strerror(errno));
		rc = EXIT_IO;
		goto out;
	}
	rc = r.errors > 0 ? EXIT_CHECKS : 0;
out:
	if (have_tmp)
		nftw(tmpl, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	for (i = 0; i < c.nemails; i++)
		free(c.emails[i]);
	free(c.emails);
	if (have_conf)
		site_conf_release(&conf);
	source_free(src);
	check_report_release(&r);
	buf_release(&msgs);
	buf_release(&text);
	buf_release(&out);
	return rc;
}
