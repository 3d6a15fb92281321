/*
 * verify_int.h - what the modules of verification share, and nothing
 * else includes: verify.c (the checks, verify_award, and the helpers
 * below that build checks), keyres.c (documents and keys by URL, and
 * the keys' binding to issuers) and status.c (revocation and status
 * lists).  Everything here works on one verification (struct vctx):
 * strings go to its report's arena, which lives until the report is
 * packed.
 */
#ifndef BADGEGEN_VERIFY_INT_H
#define BADGEGEN_VERIFY_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "json.h"
#include "key.h"
#include "model.h"
#include "verify.h"

#define MAX_PROOFS	16	/* proofs of one document looked at */

/* What one verification works with. */
struct vctx {
	struct verify_report *r;
	const struct model *m;
	const struct award *aw;
	int64_t		 now;
};

/* A check being built: the worst result so far and its notes. */
struct acc {
	enum check_result res;
	struct buf	 msg;
	struct buf	 msg_ja;	/* the notes in Japanese */
	struct verify_report *r;	/* the report it is for */
};

/* A diag that captures the messages of lower modules. */
struct cap {
	struct diag	 d;
	struct buf	 b;
};

/* A key found for a verification method, and its binding to the issuer. */
struct keyres {
	struct key	*key;		/* set when found == CHECK_PASS */
	enum check_result found;	/* PASS, FAIL (bad), UNKNOWN (absent) */
	const char	*why;		/* when found is not PASS */
	enum check_result bound;	/* PASS, FAIL or UNKNOWN */
	const char	*bind_msg;
};

/* verify.c: building checks. */

/* Whether r counts as passed: PASS or WARN. */
bool	 result_passed(enum check_result r);
/*
 * A message in the report's arena, formatted (fmt: an English format of
 * the catalog, vmsg.h), with its Japanese registered for the messages
 * it becomes part of.
 */
const char *rprintf(struct verify_report *r, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Starts a check of report r: PASS, no notes. */
void	 acc_init(struct acc *a, struct verify_report *r);
/*
 * Adds a note (fmt as for rprintf); the check's result becomes the worse
 * of the two.
 */
void	 acc_add(struct acc *a, enum check_result res, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Adds the notes of from, and its result, to a. */
void	 acc_merge(struct acc *a, const struct acc *from);
/* The notes of a as a message of the report (in both languages). */
const char *acc_text(struct acc *a);
/* Frees what a holds. */
void	 acc_release(struct acc *a);
/* Adds the check built in a, named name, to r; releases a. */
enum check_result acc_emit(struct verify_report *r, const char *name,
	    struct acc *a);
/* A quiet diag capturing into c; cap_release frees it. */
void	 cap_init(struct cap *c);
/*
 * The captured messages, without their "error: " or "warning: "
 * prefixes, joined by "; ", in the report's arena; the capture is
 * emptied.
 */
const char *cap_text(struct verify_report *r, struct cap *c);
void	 cap_release(struct cap *c);
/* t as an ISO 8601 UTC date and time, in the report's arena. */
const char *fmt_date(struct verify_report *r, int64_t t);
/* The elements of v: an array's first element, or v itself; then on. */
const struct json *first_of(const struct json *v);
const struct json *next_of(const struct json *v, const struct json *e);
/* The credential's issuer id (OB 3.0). */
const char *cred_issuer(const struct json *cred);
/* Whether the string s is among v (a string or an array of strings). */
bool	 str_among(const struct json *v, const char *s, bool nocase,
	    bool prefix);
/* An optional date member: 1 read, 0 absent, -1 malformed (noted in a). */
int	 get_date(struct acc *a, const struct json *obj, const char *name,
	    int64_t *out);
/* The credential's validFrom / validUntil member names (or VCDM 1.1's). */
const char *from_name(const struct json *cred);
const char *until_name(const struct json *cred);
/*
 * Verifies the compact JWS j of a VC-JWT (an award's, or a status
 * list's) issued by issuer: its JOSE header, the key its kid (or jwk)
 * names and that key's binding to issuer, its signature.  Fills the
 * signature and key checks being built.
 */
void	 check_jwt_signature(struct vctx *v, const struct jws *j,
	    const char *issuer, struct acc *sig, struct acc *key);
/*
 * Verifies the embedded proofs of doc: every proof of a supported suite
 * must verify and be bound to the issuer, and there must be one; other
 * proofs are warnings.  Fills the signature and key checks being built
 * and sets *method to the first proof's suite when all verify.
 */
void	 check_proofs(struct vctx *v, const struct json *doc,
	    const char *issuer, struct acc *sig, struct acc *key,
	    const char **method);

/* keyres.c: documents and keys. */

/* The site path of url under base_url (a pointer into url), or NULL. */
const char *under_base(const struct model *m, const char *url);
/* The authority (host and port) of an http(s) URL, or NULL. */
const char *host_of(struct verify_report *r, const char *url);
/*
 * The repository document at url (its fragment ignored), see verify.h.
 * Returns its JSON, or NULL: *err is then NULL when there is no such
 * document, or says why what is there is not a JSON document.
 */
const struct json *fetch_doc(struct vctx *v, const char *url,
	    const char **err);
/*
 * Finds the key a verification method id (or JWS kid) names and how it
 * is bound to the issuer; see verify.h.  The caller frees kr->key.
 */
void	 resolve_key(struct vctx *v, const char *vmid, const char *issuer,
	    struct keyres *kr);
/*
 * Whether the key k (from a VC-JWT header jwk) is one the issuer
 * publishes: its JWK set at https://<issuer host>/.well-known/jwks.json,
 * its DID document, or its controller document (the issuer profile).
 * Adds the finding to the key check being built.
 */
void	 jwk_published(struct vctx *v, const struct key *k,
	    const char *issuer, struct acc *key);

/* status.c */

/* check: status (OB 2.0 revocation list; OB 3.0 credentialStatus). */
void	 check_status(struct vctx *v, bool ob3);

#endif
