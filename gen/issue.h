/*
 * issue.h - building and signing awards for a site (badgegen issue).
 *
 * issue_open takes the site read from the work tree (site.conf and
 * content/: new awards are not committed yet), finds the badge class by its id,
 * its issuer, and checks that the signing key and the key id fit the
 * chosen format and the keys the site publishes:
 *
 *	ob2	an OB 2.0 Assertion, signed as a compact JWS (.jws).  The
 *		key id is a CryptographicKey document of the site whose
 *		owner is the issuer, which the issuer lists in publicKey,
 *		and whose publicKeyPem is the public half of the key.
 *	ob3-jwt	an OpenBadgeCredential as a VC-JWT (.jwt), header
 *		{"alg", "kid", "typ": "JWT"}.  The kid names a key the site
 *		publishes (JWK set, JWK, DID document, verification method
 *		document, CryptographicKey) or a did:key.
 *	ob3-di	the same credential with an eddsa-rdfc-2022 Data Integrity
 *		proof (.json); Ed25519 keys only.
 *
 * Without a key id, the one the site publishes for the signing key is
 * used: ob2 the CryptographicKey the issuer lists; ob3-jwt the key of
 * the JWK set on the issuer's host, else a method under the issuer's
 * assertionMethod (profile or did:web DID document; a did:key issuer's
 * own key); ob3-di such a method.  None, or several of one kind, is an
 * error that says what to do (badgegen keygen --install publishes a
 * new key).
 *
 * issue_award then writes one award, content/awards/<year>/<stem>.<ext>
 * (the year of its date in the site's time zone),
 * where <stem> is "<badge file stem>-<first 10 hex digits of
 * sha256(badge id + "\n" + address)>", with the sidecar <stem>.conf
 * holding "email = <address>" (the plaintext stays in the content
 * repository; the site gets only its salted hash).  Salts and uuids
 * come from libsodium's randombytes.
 *
 * Addresses are trimmed and lower-cased before hashing, naming and the
 * sidecar, and must be addresses site.conf(5) accepts.
 */
#ifndef BADGEGEN_ISSUE_H
#define BADGEGEN_ISSUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "json.h"
#include "key.h"
#include "model.h"
#include "sign.h"
#include "site.h"

enum issue_format {
	ISSUE_OB2,		/* OB 2.0 signed assertion, .jws */
	ISSUE_OB3_JWT,		/* OB 3.0 VC-JWT, .jwt */
	ISSUE_OB3_DI		/* OB 3.0 with eddsa-rdfc-2022 proof, .json */
};

#define ISSUE_HASH_LEN	71	/* "sha256$" + 64 hex digits */
#define ISSUE_UUID_LEN	36	/* 8-4-4-4-12 hex digits */
#define ISSUE_SALT_LEN	16	/* hex digits */
#define ISSUE_NAME_MAX	512	/* bytes of a recipient's name */
#define ISSUE_EIO	(-3)	/* issue_award: an I/O error */
#define ISSUE_EVERIFY	(-4)	/* issue_award: the award would not verify */
#define ISSUE_ESAME	(-5)	/* issue_status_set: revoked (or not) already */
#define ISSUE_EXISTS	1	/* issue_award: issued before, skipped */

/* What one run of badgegen issue is asked to do. */
struct issue_opts {
	const char	*badge;		/* the badge class (see issue_award), or
					   NULL: each award names its own */
	const char	*key_file;	/* the private key, PEM */
	const char	*key_id;	/* --key-id, or NULL for the default */
	enum issue_format format;
	const char	*date;		/* --date, or NULL: the clock */
	bool		 force;		/* replace an existing award */
	bool		 linked;	/* the site's model is linked already */
	bool		 skip_existing;	/* skip awards issued before */
	const char	*expires;	/* --expires: the expiry of a row that
					   gives none, or NULL */
};

/* One award to write. */
struct issue_input {
	const char	*where;		/* message prefix: "a.csv:4", "--recipient" */
	const char	*email;		/* as given */
	const char	*name;		/* as given */
	const char	*date;		/* as given, or NULL: the run's date */
	const char	*expires;	/* as given, or NULL: none */
	const char	*badge;		/* as given, or NULL: the run's badge */
};

/* The fields of one award, as issue_award fills them in. */
struct issue_fields {
	const char	*id;		/* "urn:uuid:..." */
	const char	*email;		/* normalised address */
	const char	*salt;
	const char	*name;		/* trimmed display name */
	int64_t		 when;		/* issue date */
	bool		 has_expires;
	int64_t		 expires;	/* OB 2.0 expires, OB 3.0 validUntil */
	const char	*badge_id;
	const char	*issuer_id;
	const char	*key_id;
};

struct issue;

/*
 * Prepares a run on the site s (site_open with SITE_MODEL and
 * SITE_WORKTREE: new awards are not committed yet; s is lent and must
 * outlive the run): reads the key, links the model, finds the badge
 * class and its issuer, checks the key id (see above).  Warnings go
 * through d too (a non-RSA key for OB 2.0, an issuer that a did:key
 * does not name).  Returns 0 and sets *out (free it with issue_free),
 * or -1 after reporting, with the fix in the message.
 */
int	 issue_open(struct issue **out, struct site *s,
	    const struct issue_opts *o, struct diag *d);

/* Frees a run, wiping the key; accepts NULL. */
void	 issue_free(struct issue *is);

/* The key id awards of this run name; lent, lives as long as is. */
const char *issue_key_id(const struct issue *is);

/* The site's time zone (dates without a zone are read in it); lent. */
const struct tz *issue_tz(const struct issue *is);

/*
 * Builds, signs and writes one award and its sidecar.  Problems of the
 * award (address, name, date, an award that exists already without
 * --force, the same recipient twice in one run) are reported with
 * in->where first.  Returns 0 and appends the content path written
 * ("content/awards/2026/data-1a2b3c4d5e.jws") to path_out; -1 when the
 * award was refused (reported); ISSUE_EIO after reporting an I/O error.
 * Before writing, the award is verified against the site as it will be
 * published (the work tree, with the awards written before it): when
 * badgegen verify would not pass it, nothing is written and the result
 * is ISSUE_EVERIFY, after reporting the checks that would not pass; a
 * run stops there, as every award of it is signed the same way.
 */
int	 issue_award(struct issue *is, const struct issue_input *in,
	    struct buf *path_out, struct diag *d);

/*
 * Sets (revoked) or clears the revocation bit of the OB 3.0 award aw in
 * the issuer's status list (statuslist.h) and signs the list again with
 * the run's key, in the run's format, dated now; the run is opened for
 * aw's badge class in aw's format.  Returns 0; ISSUE_ESAME after
 * reporting that the bit is so already; ISSUE_EIO after an I/O error;
 * -1 after reporting anything else (no status entry, another list).
 */
int	 issue_status_set(struct issue *is, const struct award *aw,
	    bool revoked, struct diag *d);

/* The content path of the run's status list, or NULL before one is used. */
const char *issue_status_file(const struct issue *is);

/*
 * The pieces, for tests and for other verbs.
 */

/*
 * Appends the normalised address (trimmed of blanks, ASCII lower-cased)
 * to out.  Returns 0, or -1 after reporting "<where>: ..." when it is
 * not an address an award sidecar accepts.
 */
int	 issue_email_normalize(struct buf *out, const char *email,
	    const char *where, struct diag *d);

/*
 * Appends the trimmed name to out.  Returns 0, or -1 after reporting an
 * empty name, one that is not UTF-8, holds control characters or is
 * longer than ISSUE_NAME_MAX bytes.
 */
int	 issue_name_normalize(struct buf *out, const char *name,
	    const char *where, struct diag *d);

/*
 * Parses an issue date: what date_parse accepts, "@<unix seconds>", or
 * a date as spreadsheets and people write it (date_parse_written:
 * "2026/4/1", "2026年4月1日", "令和8年4月1日", "R8.4.1").  A date or
 * a date and time without a zone is read in tz (NULL: UTC).  Returns 0,
 * or -1 (no message).
 */
int	 issue_parse_date(int64_t *out, const char *s, const struct tz *tz);

/*
 * Writes the identity hash "sha256$" + hex(sha256(email + salt)) to out
 * (email as given: normalise it first).
 */
void	 issue_identity_hash(char out[ISSUE_HASH_LEN + 1], const char *email,
	    const char *salt);

/*
 * Appends "<badge_stem>-<10 hex digits>" to out: the digits begin
 * sha256(badge_id + "\n" + email), email normalised.
 */
void	 issue_file_stem(struct buf *out, const char *badge_stem,
	    const char *badge_id, const char *email);

/* Writes a random (version 4) UUID, lower case, and a NUL to out. */
void	 issue_uuid(char out[ISSUE_UUID_LEN + 1]);
/* Writes ISSUE_SALT_LEN random hex digits and a NUL to out. */
void	 issue_salt(char out[ISSUE_SALT_LEN + 1]);

/*
 * Builds the OB 2.0 Assertion of f (verification SignedBadge, creator
 * f->key_id) in arena a.  Returns it; it lives as long as a.
 */
struct json *issue_ob2_assertion(struct arena *a,
	    const struct issue_fields *f);

/*
 * Builds the OpenBadgeCredential of f in arena a: issuer {id, type,
 * name} from issuer, the achievement from badge (id, name, description,
 * criteria, image, alignment).  Returns it; it lives as long as a.
 */
struct json *issue_ob3_credential(struct arena *a,
	    const struct issue_fields *f, const struct achievement *badge,
	    const struct issuer *issuer);

/*
 * Signs doc, built for format fmt, with k and appends the file's bytes
 * to out: a compact JWS (ob2: header {"alg"}; ob3-jwt: {"alg", "kid":
 * f->key_id, "typ": "JWT"}, payload doc plus iss, jti, nbf) or the
 * credential with its proof (ob3-di, verificationMethod f->key_id),
 * ending with a newline.  Returns 0, or -1 after reporting.
 */
int	 issue_sign(struct buf *out, enum issue_format fmt,
	    const struct json *doc, const struct issue_fields *f,
	    const struct privkey *k, struct diag *d);

enum issue_place {
	ISSUE_PLACE_OK,		/* outside any site and git work tree */
	ISSUE_PLACE_GIT,	/* inside a git work tree (why names it) */
	ISSUE_PLACE_PUBLISHED	/* under a site's content/ or output */
};

/*
 * Where a private key file at path would live (neither it nor its
 * directory need exist; symbolic links of the part that exists are
 * resolved): under content/ of a site (a directory holding site.conf,
 * or the root of a git work tree), under a site's output directory,
 * only inside a git work tree, or elsewhere.  Appends an explanation to
 * why unless the place is ISSUE_PLACE_OK.  Returns the place, or -1
 * after reporting a directory that cannot be resolved.
 */
int	 issue_key_place(struct buf *why, const char *path, struct diag *d);

/*
 * The authority ("host:port") of an http(s) URL, allocated in a, or
 * NULL for another URL.
 */
const char *issue_authority(struct arena *a, const char *url);

/*
 * Appends the OB 2.0 CryptographicKey document (pretty JSON and a
 * newline) of the public key pem, published at id and owned by the
 * issuer profile owner.
 */
void	 issue_key_document(struct buf *out, const char *id,
	    const char *owner, const char *pem);

#endif
