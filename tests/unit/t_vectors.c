/*
 * t_vectors.c - every DCC fixture and 1EdTech vector of
 * tests/data/vectors/ whose source asserts a verdict, verified as a site
 * repository would hold it, against that verdict.
 *
 * tests/data/vectors/verdicts.tsv has a line per vector: the file, the
 * site's base_url, the documents the site holds besides it, the verdict
 * its source asserts, badgegen's verdict, and the source.  A line
 * where badgegen does not agree with its source names the section of
 * docs/VERIFICATION.md ("differs:D<n>") that says why; the test checks
 * that the section exists.  The count of agreeing verdicts is printed.
 *
 * Verdicts: ACCEPT (valid, warnings allowed), REVOKED, EXPIRED,
 * REVOKED+EXPIRED, NOTYETVALID, STATUS_ERROR (authentic, but the status
 * could not be established), INVALID, UNVERIFIABLE (no key or document
 * to check with), NOT_AN_AWARD (not an award or endorsement badgegen
 * takes).  A source's INVALID or UNVERIFIABLE is agreed with by any of
 * badgegen's refusals; the other verdicts must be the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bake.h"
#include "harness.h"
#include "vsite.h"

#define MANIFEST	VD "verdicts.tsv"
#define VERIFICATION	"docs/VERIFICATION.md"

/* Short names of the base URLs the vectors' documents live under. */
static const struct {
	const char	*name;
	const char	*url;
} bases[] = {
	{ "DCCF", BASE_DCCF },
	{ "DCCV", BASE_DCCV },
	{ "BSL", BASE_BSL },
	{ "EXORG", "https://example.org/" },
	{ "EXORGHTTP", "http://example.org/" },
	{ "EXCOM", "https://example.com/" },
	{ "EXEDU", "https://example.edu/" },
	{ "1EDTECH", "https://1edtech.edu/" },
	{ "SITE", "https://badges.example.net/" },
};

/* Document sets: "@DCCF" and "@DCCV" in the documents column. */
static const char *const dccf_docs[] = {
	"static:dids/legacy/did.json=" DCCF "dids/legacy/did.json",
	"static:dids/oidf/did.json=" DCCF "dids/oidf/did.json",
	"static:statusLists/didkey-ed25519Signature2020/e5WK8CbZ1GjycuPombrj="
	    DCC_LISTS "e5WK8CbZ1GjycuPombrj",
	"static:statusLists/didkey-ed25519Signature2020/expired="
	    DCC_LISTS "expired",
	"static:statusLists/didkey-ed25519Signature2020/missingBitStringType="
	    DCC_LISTS "missingBitStringType",
	"static:statusLists/didkey-ed25519Signature2020/notYetValid="
	    DCC_LISTS "notYetValid",
	"static:statusLists/didkey-ed25519Signature2020/tampered="
	    DCC_LISTS "tampered",
	NULL
};
static const char *const dccv_docs[] = {
	"doc:legacy-did.json=" DCCF "dids/legacy/did.json",
	"doc:oidf-did.json=" DCCF "dids/oidf/did.json",
	"static:status/e5WK8CbZ1GjycuPombrj=dcc-verifier-core/status/"
	    "e5WK8CbZ1GjycuPombrj",
	NULL
};

static const char *
base_url(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++)
		if (strcmp(bases[i].name, name) == 0)
			return bases[i].url;
	return name;
}

/* badgegen's verdict on the report r. */
static const char *
verdict_of(const struct verify_report *r)
{
	size_t i;
	bool status_bad = false, key_unknown = false, sig_fail = false;

	for (i = 0; i < r->nchecks; i++) {
		if (strcmp(r->checks[i].name, "status") == 0 &&
		    (r->checks[i].result == CHECK_FAIL ||
		    r->checks[i].result == CHECK_UNKNOWN))
			status_bad = true;
		if ((strcmp(r->checks[i].name, "signature") == 0 ||
		    strcmp(r->checks[i].name, "key") == 0) &&
		    r->checks[i].result == CHECK_UNKNOWN)
			key_unknown = true;
		if ((strcmp(r->checks[i].name, "signature") == 0 ||
		    strcmp(r->checks[i].name, "key") == 0) &&
		    r->checks[i].result == CHECK_FAIL)
			sig_fail = true;
	}
	if (!r->authentic)
		return key_unknown && !sig_fail ? "UNVERIFIABLE" : "INVALID";
	if (r->revoked)
		return r->expired ? "REVOKED+EXPIRED" : "REVOKED";
	if (r->expired)
		return "EXPIRED";
	if (r->not_yet_valid)
		return "NOTYETVALID";
	if (r->valid)
		return "ACCEPT";
	return status_bad ? "STATUS_ERROR" : "INVALID";
}

/* Whether badgegen's verdict ours agrees with the source's. */
static bool
agrees(const char *upstream, const char *ours)
{
	if (strcmp(upstream, "VALID") == 0 || strcmp(upstream, "WARNING") == 0)
		return strcmp(ours, "ACCEPT") == 0;
	if (strcmp(upstream, "INVALID") == 0 ||
	    strcmp(upstream, "UNVERIFIABLE") == 0)
		return strcmp(ours, "ACCEPT") != 0 &&
		    strcmp(ours, "REVOKED") != 0 &&
		    strcmp(ours, "NOTYETVALID") != 0;
	return strcmp(upstream, ours) == 0;
}

/*
 * The award text of a vector file and the name the model gets for it:
 * a baked image's award (a .json or .jws name by its first byte).
 */
static int
vector_text(struct buf *text, struct buf *name, const char *file)
{
	struct diag d = DIAG_INIT;
	struct buf raw = BUF_INIT, path = BUF_INIT;
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	const char *ext = strrchr(base, '.');
	int rc = -1;

	d.quiet = true;
	buf_printf(&path, VD "%s", file);
	if (slurp(&raw, path.data) < 0)
		goto out;
	buf_reset(text);
	buf_reset(name);
	if (bake_is_png(raw.data, raw.len) || bake_is_svg(raw.data, raw.len)) {
		if (unbake(text, raw.data, raw.len, file, &d) < 0)
			goto out;
		buf_printf(name, "content/awards/%s.%s", base,
		    text->len > 0 && text->data[0] == '{' ? "json" : "jws");
	} else {
		buf_put(text, raw.data, raw.len);
		if (ext != NULL && (strcmp(ext, ".json") == 0 ||
		    strcmp(ext, ".jws") == 0 || strcmp(ext, ".jwt") == 0))
			buf_printf(name, "content/awards/%s", base);
		else
			buf_printf(name, "content/awards/%s.%s", base,
			    raw.len > 0 && raw.data[0] == '{' ? "json" : "jws");
	}
	rc = 0;
out:
	buf_release(&raw);
	buf_release(&path);
	return rc;
}

/* Adds the documents of column docs ("-", or specs separated by ","). */
static void
add_docs(struct site *s, char *docs)
{
	const char *const *set;
	char *spec, *next;

	if (strcmp(docs, "-") == 0)
		return;
	for (spec = docs; spec != NULL; spec = next) {
		if ((next = strchr(spec, ',')) != NULL)
			*next++ = '\0';
		set = strcmp(spec, "@DCCF") == 0 ? dccf_docs :
		    strcmp(spec, "@DCCV") == 0 ? dccv_docs : NULL;
		if (set == NULL) {
			site_file(s, spec);
			continue;
		}
		for (; *set != NULL; set++)
			site_file(s, *set);
	}
}

/* The award or endorsement of content file file, or NULL. */
static const struct award *
find_award(struct site *s, const char *file)
{
	size_t i;

	model_link(&s->m, &s->d);
	s->linked = true;
	for (i = 0; i < s->m.ndocs; i++)
		if (s->m.docs[i]->kind == DOC_AWARD &&
		    s->m.docs[i]->obj != NULL &&
		    strcmp(s->m.docs[i]->file, file) == 0 &&
		    (!((const struct award *)s->m.docs[i]->obj)->left_out ||
		    ((const struct award *)s->m.docs[i]->obj)->endorsement))
			return s->m.docs[i]->obj;
	for (i = 0; i < s->m.nendorsements; i++)
		if (strcmp(s->m.endorsements[i]->file, file) == 0)
			return s->m.endorsements[i];
	return NULL;
}

/* Verifies one vector; its verdict goes to out. */
static void
run(const char *file, const char *base, char *docs, struct buf *out)
{
	struct buf text = BUF_INIT, name = BUF_INIT;
	struct verify_report r;
	const struct award *aw;
	struct site s;

	buf_reset(out);
	if (vector_text(&text, &name, file) < 0) {
		buf_puts(out, "NOT_AN_AWARD");
		goto out;
	}
	site_init(&s, base_url(base));
	add_docs(&s, docs);
	if (model_add_file(&s.m, name.data, NULL, text.data, text.len,
	    &s.d) < 0 || (aw = find_award(&s, name.data)) == NULL ||
	    (aw->issuer == NULL && (aw->form == FORM_OB2_HOSTED ||
	    aw->form == FORM_OB2_SIGNED)))
		buf_puts(out, "NOT_AN_AWARD");
	else if (verify_award(&r, &s.m, aw, now()) < 0)
		buf_puts(out, "NOT_AN_AWARD");
	else {
		buf_puts(out, verdict_of(&r));
		if (getenv("DUMP") != NULL) {
			fprintf(stderr, "== %s: %s\n", file, out->data);
			dump(&r);
		}
		verify_report_release(&r);
	}
	if (getenv("DUMP") != NULL && s.log.len > 0)
		fprintf(stderr, "   %s", s.log.data);
	site_release(&s);
out:
	buf_release(&text);
	buf_release(&name);
}

/* Whether docs/VERIFICATION.md has the heading of difference id. */
static bool
documented(const struct buf *doc, const char *id)
{
	char want[32];

	snprintf(want, sizeof(want), "### %s ", id);
	return strstr(doc->data, want) != NULL;
}

static void
test_vectors__upstream_verdicts(void)
{
	struct buf man = BUF_INIT, doc = BUF_INIT, got = BUF_INIT;
	char *line, *next, *f[7], *p;
	unsigned rows = 0, agree = 0, differ = 0, lineno = 0;
	int k;

	if (slurp(&man, MANIFEST) < 0 || slurp(&doc, VERIFICATION) < 0) {
		FAIL_AT("cannot read %s or %s", MANIFEST, VERIFICATION);
		goto out;
	}
	for (line = man.data; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		lineno++;
		if (*line == '#' || *line == '\0')
			continue;
		for (k = 0, p = line; k < 7; k++) {
			f[k] = p;
			if ((p = strchr(p, '\t')) == NULL)
				break;
			*p++ = '\0';
		}
		if (k < 5) {
			FAIL_AT(MANIFEST ":%u: expected 6 fields", lineno);
			continue;
		}
		/* file base docs upstream ours source [differs:Dn] */
		rows++;
		run(f[0], f[1], f[2], &got);
		if (strcmp(got.data, f[4]) != 0)
			FAIL_AT(MANIFEST ":%u: %s: badgegen says %s, the "
			    "manifest %s", lineno, f[0], got.data, f[4]);
		if (agrees(f[3], got.data)) {
			agree++;
			if (k == 6)
				FAIL_AT(MANIFEST ":%u: %s agrees with its source "
				    "but is marked %s", lineno, f[0], f[6]);
			continue;
		}
		differ++;
		if (k < 6 || strncmp(f[6], "differs:", 8) != 0)
			FAIL_AT(MANIFEST ":%u: %s: %s where its source says %s, "
			    "and no differs:<id> says why", lineno, f[0],
			    got.data, f[3]);
		else if (!documented(&doc, f[6] + 8))
			FAIL_AT(MANIFEST ":%u: %s names %s, which %s does not "
			    "have (### %s ...)", lineno, f[0], f[6] + 8,
			    VERIFICATION, f[6] + 8);
	}
	printf("# %u vectors: %u verdicts agree with their source, %u "
	    "deliberately different (docs/VERIFICATION.md)\n", rows, agree,
	    differ);
	OK(rows > 200);
out:
	buf_release(&man);
	buf_release(&doc);
	buf_release(&got);
}

TESTS(T(test_vectors__upstream_verdicts))
