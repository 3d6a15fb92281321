/*
 * status.c - the status check: OB 2.0 revocation lists, 1EdTech
 * revocation lists and W3C bitstring status lists (the list's own proof
 * verified, its GZIP bits inflated up to VERIFY_STATUS_LIST_MAX bytes).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "inflate.h"
#include "verify_int.h"

/*
 * The list at url, a document of type type (what names it in
 * messages: "revocation list"), or NULL after adding why not to a.
 */
static const struct json *
status_list(struct vctx *v, const char *url, const char *what,
    const char *type, struct acc *a)
{
	const struct json *list;
	const char *err;

	if ((list = fetch_doc(v, url, &err)) == NULL) {
		if (err != NULL)
			acc_add(a, CHECK_FAIL, "the %s %s: %s", what, url, err);
		else
			acc_add(a, CHECK_UNKNOWN, "the %s %s is not in the "
			    "repository", what, url);
		return NULL;
	}
	if (!json_type_is(list, type)) {
		acc_add(a, CHECK_FAIL, "%s is not a %s", url, type);
		return NULL;
	}
	return list;
}

/* Notes that the revocation list at url revokes the award, for why. */
static void
revoked_in(struct acc *a, const char *url, const char *why)
{
	if (why != NULL)
		acc_add(a, CHECK_FAIL, "revoked in the revocation list %s: %s",
		    url, why);
	else
		acc_add(a, CHECK_FAIL, "revoked in the revocation list %s",
		    url);
}

/* check: status, OB 2.0 (OPEN-BADGES.md 1.3, 1.4) */
static void
check_status_ob2(struct vctx *v, struct acc *a)
{
	const struct award *aw = v->aw;
	const struct json *list, *ra, *e;
	const char *url, *uid, *eid, *why;

	if (json_get(aw->json, "revoked") != NULL &&
	    json_get(aw->json, "revoked")->type == JSON_TRUE) {
		v->r->revoked = true;
		v->r->revocation_reason = json_get_str(aw->json,
		    "revocationReason");
		if (v->r->revocation_reason != NULL)
			acc_add(a, CHECK_FAIL, "the assertion is marked "
			    "revoked: %s", v->r->revocation_reason);
		else
			acc_add(a, CHECK_FAIL, "the assertion is marked "
			    "revoked");
	}
	url = aw->issuer != NULL && aw->issuer->doc != NULL ?
	    json_id(json_get(aw->issuer->doc->json, "revocationList")) : NULL;
	if (url == NULL) {
		if (!v->r->revoked)
			acc_add(a, CHECK_PASS, "the issuer publishes no "
			    "revocation list");
		return;
	}
	if ((list = status_list(v, url, "revocation list", "RevocationList", a)) == NULL)
		return;
	ra = json_get(list, "revokedAssertions");
	if (ra != NULL && ra->type != JSON_ARRAY) {
		acc_add(a, CHECK_FAIL, "the revocation list %s: "
		    "revokedAssertions is not an array", url);
		return;
	}
	uid = json_get_str(aw->json, "uid");
	for (e = ra != NULL ? ra->child : NULL; e != NULL; e = e->next) {
		eid = e->type == JSON_STRING ? e->str : json_get_str(e, "id");
		if (!((eid != NULL && aw->id != NULL &&
		    strcmp(eid, aw->id) == 0) || (uid != NULL &&
		    (json_str_eq(json_get(e, "uid"), uid) ||
		    (eid != NULL && strcmp(eid, uid) == 0)))))
			continue;
		if (json_get(e, "revoked") != NULL &&
		    json_get(e, "revoked")->type == JSON_FALSE)
			continue;
		why = json_get_str(e, "revocationReason");
		v->r->revoked = true;
		if (why != NULL)
			v->r->revocation_reason = why;
		revoked_in(a, url, why);
		return;
	}
	if (!v->r->revoked)
		acc_add(a, CHECK_PASS, "not in the revocation list %s", url);
}

/* A non-negative integer given as a JSON number or a decimal string. */
static bool
get_index(const struct json *v, uint64_t *out)
{
	const char *s;
	char *end;

	if (v == NULL)
		return false;
	if (v->type == JSON_NUMBER) {
		if (v->num < 0 || v->num > 1e15 || v->num != (double)(uint64_t)
		    v->num)
			return false;
		*out = (uint64_t)v->num;
		return true;
	}
	if (v->type != JSON_STRING || v->len == 0 || v->len > 15)
		return false;
	for (s = v->str; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	*out = strtoull(v->str, &end, 10);
	return true;
}

/* Inflates the GZIP list at in into out; -1 with *why set. */
static int
gunzip_list(struct buf *out, const unsigned char *in, size_t len,
    const char **why)
{
	switch (inflate_bounded(out, in, len, VERIFY_STATUS_LIST_MAX,
	    INFLATE_GZIP)) {
	case 0:
		return 0;
	case INFLATE_ETRUNC:
		*why = "the GZIP data is truncated";
		return -1;
	case INFLATE_ELIMIT:
		*why = "the list is larger than the limit when decompressed";
		return -1;
	default:
		*why = "the list is not GZIP data";
		return -1;
	}
}

/*
 * Verifies a BitstringStatusListCredential on its own: failures go to
 * a, warnings to w.
 */
static bool
status_list_sound(struct vctx *v, const struct json *list, const char *url,
    struct acc *a, struct acc *w)
{
	struct acc sig, key;
	const char *method;
	int64_t t;
	bool ok = true;
	int rc;

	acc_init(&sig, v->r);
	acc_init(&key, v->r);
	check_proofs(v, list, cred_issuer(list), &sig, &key, &method);
	if (!result_passed(sig.res) || !result_passed(key.res)) {
		acc_add(a, CHECK_FAIL, "the status list %s failed its own "
		    "verification: %s", url, acc_text(result_passed(sig.res) ?
		    &key : &sig));
		ok = false;
	}
	acc_release(&sig);
	acc_release(&key);
	if (!ok)
		return false;
	if ((rc = get_date(a, list, from_name(list), &t)) < 0)
		return false;
	if (rc > 0 && t > v->now) {
		acc_add(a, CHECK_FAIL, "the status list %s is not valid "
		    "before %s", url, fmt_date(v->r, t));
		return false;
	}
	if ((rc = get_date(a, list, until_name(list), &t)) < 0)
		return false;
	if (rc > 0 && t < v->now) {
		acc_add(a, CHECK_FAIL, "the status list %s expired on %s",
		    url, fmt_date(v->r, t));
		return false;
	}
	if (strcmp(cred_issuer(list) ? cred_issuer(list) : "",
	    cred_issuer(v->aw->json) ? cred_issuer(v->aw->json) : "") != 0)
		acc_add(w, CHECK_WARN, "the list is issued by %s, not by the "
		    "credential's issuer", cred_issuer(list) ?
		    cred_issuer(list) : "(none)");
	return true;
}

/* One BitstringStatusListEntry (W3C Bitstring Status List, "Validate"). */
static void
check_bitstring(struct vctx *v, const struct json *st, struct acc *a)
{
	const struct json *list, *subj, *sz;
	const char *url, *err, *purpose, *enc;
	struct buf raw = BUF_INIT, bits = BUF_INIT;
	uint64_t idx, size = 1, n, value = 0, i, b;
	struct acc w;
	struct cap c;

	url = json_get_str(st, "statusListCredential");
	purpose = json_get_str(st, "statusPurpose");
	if (url == NULL || purpose == NULL ||
	    !get_index(json_get(st, "statusListIndex"), &idx)) {
		acc_add(a, CHECK_FAIL, "BitstringStatusListEntry needs "
		    "statusListCredential, statusPurpose and a "
		    "non-negative statusListIndex");
		return;
	}
	if ((sz = json_get(st, "statusSize")) != NULL &&
	    (!get_index(sz, &size) || size == 0 || size > 32)) {
		acc_add(a, CHECK_FAIL, "statusSize must be an integer from 1 "
		    "to 32");
		return;
	}
	if ((list = status_list(v, url, "status list", "BitstringStatusListCredential", a)) == NULL)
		return;
	acc_init(&w, v->r);
	cap_init(&c);
	if (!status_list_sound(v, list, url, a, &w))
		goto out;
	subj = json_get(list, "credentialSubject");
	if (!str_among(json_get(subj, "statusPurpose"), purpose, false,
	    false)) {
		acc_add(a, CHECK_FAIL, "the entry's statusPurpose %s is not "
		    "the purpose of the status list %s", purpose, url);
		goto out;
	}
	if ((enc = json_get_str(subj, "encodedList")) == NULL) {
		acc_add(a, CHECK_FAIL, "the status list %s has no encodedList",
		    url);
		goto out;
	}
	if (enc[0] != 'u' || multibase_decode(&raw, enc, strlen(enc),
	    "encodedList", &c.d) < 0) {
		if (c.b.len > 0)
			acc_add(a, CHECK_FAIL, "the status list %s: encodedList "
			    "is not multibase base64url ('u'): %s", url,
			    cap_text(v->r, &c));
		else
			acc_add(a, CHECK_FAIL, "the status list %s: encodedList "
			    "is not multibase base64url ('u')", url);
		goto out;
	}
	if (gunzip_list(&bits, (const unsigned char *)raw.data, raw.len,
	    &err) < 0) {
		acc_add(a, CHECK_FAIL, "the status list %s: %s (limit %u "
		    "bytes)", url, err, VERIFY_STATUS_LIST_MAX);
		goto out;
	}
	n = (uint64_t)bits.len * 8 / size;
	if (idx >= n) {
		acc_add(a, CHECK_FAIL, "statusListIndex %llu is outside the "
		    "status list %s of %llu entries", (unsigned long long)idx,
		    url, (unsigned long long)n);
		goto out;
	}
	if (n < VERIFY_STATUS_LIST_MIN)
		acc_add(&w, CHECK_WARN, "the list holds %llu entries, fewer "
		    "than the %u the specification requires for privacy",
		    (unsigned long long)n, VERIFY_STATUS_LIST_MIN);
	for (i = 0; i < size; i++) {
		b = idx * size + i;
		value = value << 1 |
		    (((unsigned char)bits.data[b / 8] >> (7 - b % 8)) & 1);
	}
	if (value == 0)
		acc_add(a, CHECK_PASS, "%s: not set (index %llu of the status "
		    "list %s)", purpose, (unsigned long long)idx, url);
	else if (strcmp(purpose, "revocation") == 0 ||
	    strcmp(purpose, "suspension") == 0) {
		v->r->revoked = true;
		v->r->revocation_reason = strcmp(purpose, "suspension") == 0 ?
		    "suspended" : NULL;
		acc_add(a, CHECK_FAIL, "%s (index %llu of the status list "
		    "%s)", strcmp(purpose, "revocation") == 0 ? "revoked" :
		    "suspended", (unsigned long long)idx, url);
	} else
		acc_add(a, CHECK_WARN, "%s status %llu (index %llu of %s)",
		    purpose, (unsigned long long)value,
		    (unsigned long long)idx, url);
out:
	acc_merge(a, &w);
	acc_release(&w);
	cap_release(&c);
	buf_release(&raw);
	buf_release(&bits);
}

/* One 1EdTechRevocationList entry (VCRL 1.0). */
static void
check_1edtech_list(struct vctx *v, const struct json *st, struct acc *a)
{
	const struct json *list, *rc, *e;
	const char *url = json_get_str(st, "id"), *why;
	const char *cid = json_get_str(v->aw->json, "id");

	if (url == NULL) {
		acc_add(a, CHECK_FAIL, "1EdTechRevocationList status without "
		    "an id");
		return;
	}
	if ((list = status_list(v, url, "revocation list", "1EdTechRevocationList", a)) == NULL)
		return;
	rc = json_get(list, "revokedCredential");
	for (e = rc != NULL && rc->type == JSON_ARRAY ? rc->child : NULL;
	    e != NULL; e = e->next) {
		if (cid == NULL || !json_str_eq(json_get(e, "id"), cid))
			continue;
		if (json_get(e, "revoked") != NULL &&
		    json_get(e, "revoked")->type == JSON_FALSE)
			continue;
		why = json_get_str(e, "revocationReason");
		v->r->revoked = true;
		if (why != NULL)
			v->r->revocation_reason = why;
		revoked_in(a, url, why);
		return;
	}
	acc_add(a, CHECK_PASS, "not in the revocation list %s", url);
}

/* check: status */
void
check_status(struct vctx *v, bool ob3)
{
	const struct json *cs, *st;
	const char *type;
	struct acc a;

	acc_init(&a, v->r);
	if (!ob3) {
		check_status_ob2(v, &a);
		acc_emit(v->r, "status", &a);
		return;
	}
	cs = json_get(v->aw->json, "credentialStatus");
	if (cs == NULL)
		acc_add(&a, CHECK_PASS, "no status to check");
	for (st = first_of(cs); st != NULL; st = next_of(cs, st)) {
		type = json_get_str(st, "type");
		if (type != NULL && strcmp(type, "BitstringStatusListEntry") ==
		    0)
			check_bitstring(v, st, &a);
		else if (type != NULL && strcmp(type,
		    "1EdTechRevocationList") == 0)
			check_1edtech_list(v, st, &a);
		else
			acc_add(&a, CHECK_WARN, "status of type %s not "
			    "checked", type != NULL ? type : "(none)");
	}
	acc_emit(v->r, "status", &a);
}
