/*
 * revoke.c - awards named on the command line, and the OB 2.0
 * revocation lists of a site (see revoke.h).
 */
#include <stdio.h>
#include <string.h>

#include "fs.h"
#include "issue.h"
#include "jsonedit.h"
#include "revoke.h"
#include "statuslist.h"

#define CTX_OB2		"https://w3id.org/openbadges/v2"

struct award *
revoke_find(struct model *m, const char *name, struct diag *d)
{
	const struct doc *doc;
	const char *p = name;
	size_t i;

	while (strncmp(p, "./", 2) == 0)
		p += 2;
	for (i = 0; i < m->nawards; i++)
		if (strcmp(m->awards[i]->file, p) == 0)
			return m->awards[i];
	for (i = 0; i < m->nimported; i++)
		if (strcmp(m->imported[i]->file, p) == 0)
			return m->imported[i];
	doc = model_lookup(m, name);
	if (doc != NULL && doc->kind == DOC_AWARD && doc->obj != NULL &&
	    !((struct award *)doc->obj)->endorsement)
		return doc->obj;
	diag_err(d, "%s: no award of the site has this content path (as "
	    "badgegen issue prints it: content/awards/<year>/<file>) or this "
	    "id", name);
	return NULL;
}

bool
revoke_shared_index(const struct model *m, const struct award *aw,
    struct diag *d)
{
	const char *url, *u;
	uint32_t i, k;
	size_t n;
	bool shared = false;

	if (aw->json == NULL || !statuslist_entry(aw->json, &url, &i))
		return false;
	for (n = 0; n < m->nawards; n++)
		if (m->awards[n] != aw && m->awards[n]->json != NULL &&
		    statuslist_entry(m->awards[n]->json, &u, &k) && k == i &&
		    strcmp(u, url) == 0) {
			diag_err(d, "%s: statusListIndex %u of %s is the index "
			    "of %s too: revoking one would revoke both "
			    "(badgegen issue --force for one of them draws a "
			    "new index)", aw->file, (unsigned)i, url,
			    m->awards[n]->file);
			shared = true;
		}
	return shared;
}

/* Whether the list entry e names the award aw. */
static bool
names_award(const struct json *e, const struct award *aw)
{
	const char *eid = e->type == JSON_STRING ? e->str : json_get_str(e,
	    "id");
	const char *uid = json_get_str(aw->json, "uid");

	return (eid != NULL && aw->id != NULL && strcmp(eid, aw->id) == 0) ||
	    (uid != NULL && (json_str_eq(json_get(e, "uid"), uid) ||
	    (eid != NULL && strcmp(eid, uid) == 0)));
}

/* The stem of a content file's name: "content/issuers/uni.json" "uni". */
static void
file_stem(struct buf *out, const char *file)
{
	const char *s = strrchr(file, '/') != NULL ? strrchr(file, '/') + 1 :
	    file;
	const char *e = strrchr(s, '.');

	buf_put(out, s, e != NULL && e != s ? (size_t)(e - s) : strlen(s));
}

/* Reads the site file rel into out.  Returns 0 or -1 (reported). */
static int
read_rel(const struct site *s, const char *rel, struct buf *out,
    struct diag *d)
{
	struct buf path = BUF_INIT;
	int r;

	buf_printf(&path, "%s/%s", s->dir, rel);
	r = fs_read_file(out, path.data, JSON_MAX_BYTES, false, d);
	buf_release(&path);
	return r;
}

/* Writes the site file rel.  Returns 0, or ISSUE_EIO (reported). */
static int
write_rel(const struct site *s, const char *rel, const struct buf *b,
    struct diag *d)
{
	struct buf path = BUF_INIT;
	int r;

	buf_printf(&path, "%s/%s", s->dir, rel);
	r = fs_write_file(path.data, b->data, b->len, 0644,
	    FS_REPLACE | FS_MKDIRS, d);
	buf_release(&path);
	return r == 0 ? 0 : ISSUE_EIO;
}

/*
 * The text of list without the entries of revokedAssertions that name
 * aw, pretty, appended to out.
 */
static void
list_without(struct buf *out, const struct json *list, const struct award *aw)
{
	struct arena a = ARENA_INIT;
	struct json *nl = json_new(&a, JSON_OBJECT), *arr;
	const struct json *m, *e;

	for (m = list->child; m != NULL; m = m->next) {
		if (strcmp(m->key, "revokedAssertions") != 0 ||
		    m->type != JSON_ARRAY) {
			json_add_copy(&a, nl, m, NULL);
			continue;
		}
		arr = json_add_arr(&a, nl, "revokedAssertions");
		for (e = m->child; e != NULL; e = e->next)
			if (!names_award(e, aw))
				json_add_copy(&a, arr, e, NULL);
	}
	json_write(out, nl, JSON_WRITE_PRETTY);
	buf_putc(out, '\n');
	arena_release(&a);
}

int
revoke_ob2(struct site *s, const struct award *aw, const char *reason,
    bool undo, struct diag *d)
{
	struct model *m = &s->model;
	const struct issuer *is = aw->issuer;
	const struct doc *ldoc = NULL;
	const struct json *ra, *e;
	struct jsonedit list, prof;
	struct buf text = BUF_INIT, rel = BUF_INIT, url = BUF_INIT;
	struct buf out = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct json *entry;
	const char *lurl, *lfile;
	bool found = false;
	int rc = -1;

	memset(&list, 0, sizeof(list));
	memset(&prof, 0, sizeof(prof));
	if (is == NULL || is->doc == NULL || is->doc->file == NULL ||
	    is->doc->json == NULL || aw->id == NULL) {
		diag_err(d, "%s: its issuer %s has no profile in content/ to "
		    "link a revocation list from", aw->file, is != NULL &&
		    is->id != NULL ? is->id : "(unknown)");
		goto out;
	}
	lurl = json_id(json_get(is->doc->json, "revocationList"));
	if (lurl != NULL) {
		ldoc = model_lookup(m, lurl);
		if (ldoc == NULL || ldoc->file == NULL ||
		    ldoc->kind != DOC_REVOCATION_LIST) {
			diag_err(d, "%s: the revocationList %s of the issuer "
			    "is not a RevocationList document of the site",
			    is->doc->file, lurl);
			goto out;
		}
		lfile = ldoc->file;
	} else {
		buf_puts(&rel, "content/revocations/");
		file_stem(&rel, is->doc->file);
		buf_puts(&rel, ".json");
		buf_printf(&url, "%s%s", m->base_url, rel.data + 8);
		if (model_lookup(m, url.data) != NULL) {
			diag_err(d, "%s: the issuer names no revocationList, "
			    "and the id %s of its new list is taken",
			    is->doc->file, url.data);
			goto out;
		}
		lurl = url.data;
		lfile = rel.data;
	}

	if (ldoc != NULL) {
		if (read_rel(s, lfile, &text, d) < 0 ||
		    jsonedit_open(&list, lfile, text.data, text.len, d) < 0)
			goto out;
	} else {
		buf_printf(&text, "{\n  \"@context\": \"%s\",\n  \"id\": ",
		    CTX_OB2);
		json_write_str(&text, lurl, strlen(lurl), 0);
		BUF_PUTSL(&text, ",\n  \"type\": \"RevocationList\",\n"
		    "  \"issuer\": ");
		json_write_str(&text, is->id, strlen(is->id), 0);
		BUF_PUTSL(&text, ",\n  \"revokedAssertions\": []\n}\n");
		if (jsonedit_open(&list, lfile, text.data, text.len, d) < 0)
			goto out;
	}
	ra = json_get(list.root, "revokedAssertions");
	if (ra != NULL && ra->type != JSON_ARRAY) {
		diag_err(d, "%s: revokedAssertions is not an array", lfile);
		goto out;
	}
	for (e = ra != NULL ? ra->child : NULL; e != NULL; e = e->next)
		if (names_award(e, aw) && !(json_get(e, "revoked") != NULL &&
		    json_get(e, "revoked")->type == JSON_FALSE))
			found = true;
	if (found != undo) {
		diag_err(d, undo ? "%s: not revoked in %s: nothing to undo" :
		    "%s: revoked already in %s", aw->file, lfile);
		rc = ISSUE_ESAME;
		goto out;
	}
	if (undo)
		list_without(&out, list.root, aw);
	else {
		entry = json_new(&a, JSON_OBJECT);
		json_add_str(&a, entry, "id", aw->id);
		json_add_str(&a, entry, "revocationReason", reason);
		if (ra != NULL)
			rc = jsonedit_append(&list, ra, entry, d);
		else {
			ra = json_new(&a, JSON_ARRAY);
			json_add(&a, (struct json *)ra, NULL, entry);
			rc = jsonedit_set(&list, list.root,
			    "revokedAssertions", ra, d);
		}
		if (rc < 0)
			goto out;
		rc = -1;
		buf_put(&out, list.text.data, list.text.len);
	}
	/* The list first: the profile never links a list not written. */
	if ((rc = write_rel(s, lfile, &out, d)) < 0)
		goto out;
	if (ldoc == NULL) {
		rc = -1;
		buf_reset(&text);
		if (read_rel(s, is->doc->file, &text, d) < 0 ||
		    jsonedit_open(&prof, is->doc->file, text.data, text.len,
		    d) < 0 || jsonedit_set(&prof, prof.root, "revocationList",
		    json_new_str(&a, lurl), d) < 0)
			goto out;
		buf_reset(&out);
		buf_put(&out, prof.text.data, prof.text.len);
		if ((rc = write_rel(s, is->doc->file, &out, d)) < 0)
			goto out;
		diag_note(d, "%s: the issuer's revocation list, new, linked "
		    "from %s: commit both", lfile, is->doc->file);
	}
	rc = 0;
out:
	jsonedit_release(&list);
	jsonedit_release(&prof);
	buf_release(&text);
	buf_release(&rel);
	buf_release(&url);
	buf_release(&out);
	arena_release(&a);
	return rc;
}
