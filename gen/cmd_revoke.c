/*
 * cmd_revoke.c - badgegen revoke: awards revoked, with a reason, in the
 * issuer's revocation list (OB 2.0) or status list (OB 3.0), or a
 * revocation undone.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "issue.h"
#include "revoke.h"

const char cmd_revoke_help[] =
"Revokes awards of the site (read from the work tree: commit the changed\n"
"lists afterwards), or with --undo takes a mistaken revocation back.  An\n"
"award is named by its file, as badgegen issue prints it\n"
"(content/awards/2026/x.json), or by its id.\n"
"\n"
"    --reason <text>      why: OB 2.0 lists carry it to the award's page\n"
"                         and to verifiers (a status list holds bits only)\n"
"    --undo               take the revocation of the awards back\n"
"    --key <pem>          the issuer's private key: Open Badges 3.0 only\n"
"    --key-id <id>        the key's id, as badgegen issue takes it\n"
"    --repo <dir>         the site directory (default: the current one)\n"
"\n"
"Open Badges 2.0: the award's entry, with the reason, goes into the\n"
"issuer's RevocationList (content/revocations/<issuer>.json is made and\n"
"linked from the issuer's profile when it names none).  Open Badges 3.0:\n"
"the award's bit in the issuer's Bitstring Status List (content/status/,\n"
"which badgegen issue made) is set and the list signed again with --key.\n"
"\n"
"Prints one line per award changed.  An award revoked already (with\n"
"--undo: not revoked), unknown, or sharing its status index with another\n"
"award is refused and left as it is; the others go on.\n"
"\n"
"Exit status: 0 all changed, 1 some refused, 2 usage or configuration\n"
"error, 3 I/O error.\n";

const struct opt cmd_revoke_opts[] = {
	{ "reason", OPT_VALUE, ARG(reason), "a text", NULL, 0 },
	{ "undo", OPT_FLAG, ARG(undo), NULL, NULL, 0 },
	{ "key", OPT_VALUE, ARG(key), "a PEM file", NULL, 0 },
	{ "key-id", OPT_VALUE, ARG(key_id), "a key id", NULL, 0 },
	OPT_SITE_REPO,
	OPT_END
};

int
cmd_revoke_check(const struct args *a, struct diag *d)
{
	if (a->undo && a->reason != NULL)
		return diag_err(d, "--undo takes no --reason");
	if (!a->undo && (a->reason == NULL || a->reason[0] == '\0'))
		return diag_err(d, "revoke needs --reason <text>: the award's "
		    "page and verifiers show it");
	return 0;
}

/* The status list runs of one command: one per issuer and format. */
#define RUNS_MAX	8

struct run {
	const struct issuer *issuer;
	enum award_form	 form;
	struct issue	*is;
};

/* The run for aw's issuer and format, opened for aw's badge when new. */
static struct issue *
run_for(struct run *runs, size_t *n, const struct args *a, struct site *s,
    const struct award *aw, struct diag *d)
{
	struct issue_opts o;
	size_t i;

	for (i = 0; i < *n; i++)
		if (runs[i].issuer == aw->issuer && runs[i].form == aw->form)
			return runs[i].is;
	if (*n == RUNS_MAX) {
		diag_err(d, "%s: more than %d issuers and formats in one run",
		    aw->file, RUNS_MAX);
		return NULL;
	}
	memset(&o, 0, sizeof(o));
	o.badge = aw->badge->id;
	o.key_file = a->key;
	o.key_id = a->key_id;
	o.format = aw->form == FORM_OB3_JWT ? ISSUE_OB3_JWT : ISSUE_OB3_DI;
	o.linked = true;
	if (issue_open(&runs[*n].is, s, &o, d) < 0)
		return NULL;
	runs[*n].issuer = aw->issuer;
	runs[*n].form = aw->form;
	return runs[(*n)++].is;
}

int
cmd_revoke(const struct args *a, struct site *s, struct diag *d)
{
	struct run runs[RUNS_MAX];
	struct award *aw;
	struct issue *is;
	size_t i, nruns = 0;
	unsigned refused = 0;
	int r, rc = EXIT_USAGE;
	bool ob3;

	memset(runs, 0, sizeof(runs));
	model_link(&s->model, &s->files);
	for (i = 0; i < a->argc; i++) {
		if ((aw = revoke_find(&s->model, a->argv[i], d)) == NULL) {
			refused++;
			continue;
		}
		if (aw->imported) {
			diag_err(d, "%s: another issuer's award: only its "
			    "issuer can revoke it", aw->file);
			refused++;
			continue;
		}
		ob3 = aw->form == FORM_OB3_JSON || aw->form == FORM_OB3_JWT;
		if (ob3 && revoke_shared_index(&s->model, aw, d)) {
			refused++;
			continue;
		}
		if (!ob3)
			r = revoke_ob2(s, aw, a->reason, a->undo, d);
		else if (a->key == NULL) {
			diag_err(d, "%s: an Open Badges 3.0 award is revoked in "
			    "its issuer's status list, which is signed again: "
			    "give --key <pem>, the issuer's private key",
			    aw->file);
			goto out;
		} else if ((is = run_for(runs, &nruns, a, s, aw, d)) == NULL)
			goto out;
		else
			r = issue_status_set(is, aw, !a->undo, d);
		if (r == ISSUE_EIO) {
			rc = EXIT_IO;
			goto out;
		}
		if (r < 0) {
			refused++;
			continue;
		}
		printf("%s\t%s\n", aw->file, a->undo ? "revocation undone" :
		    "revoked");
		fflush(stdout);
	}
	rc = refused > 0 ? EXIT_CHECKS : 0;
out:
	for (i = 0; i < nruns; i++)
		issue_free(runs[i].is);
	return rc;
}
