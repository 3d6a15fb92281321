/*
 * verify.h - offline verification of one award of the model, reported
 * as an ordered list of named checks in the manner of the 1EdTech
 * validator (OPEN-BADGES.md 3.1).
 *
 * Nothing is fetched.  Every document a verification needs (issuer,
 * keys, DID and controller documents, JWK sets, revocation and status
 * lists) is a document of the repository, found through the model:
 *	- a URL under base_url resolves to what the site serves at that
 *	  path (model_at_path): a document published at its id, or a file
 *	  under content/static/ (parsed as JSON);
 *	- any other URL or DID resolves to the repository document whose
 *	  id it is (model_lookup), never to a document embedded in another
 *	  one (an award cannot vouch for itself).
 * A verification method's key is never taken from the URL that names
 * it: "https://issuer.example#z6Mk..." needs the controller document
 * https://issuer.example in the repository, else the key is unknown.
 *
 * The checks, in order (a check that does not apply is left out):
 *	context		OB 2.0: @context https://w3id.org/openbadges/v2
 *			(v1: warn).  OB 3.0: [0] VCDM 2.0 (VCDM 1.1: warn),
 *			[1] the OB 3.0.3 context (3.0.0 to 3.0.2: warn).
 *	recipient	identity hashes well formed; a plaintext e-mail
 *			address or telephone number fails (the site would
 *			publish it); OB 3.0: a credentialSubject with
 *			neither an id nor an identifier is a warning.
 *	signature	hosted (OB 2.0): the assertion is published at its
 *			id under base_url, within the issuer's verification
 *			policy (allowedOrigins / startsWith; default: the
 *			issuer id's host).  Signed (OB 2.0 JWS, VC-JWT): the
 *			JWS verifies with the issuer's key.  Embedded proofs
 *			(OB 3.0): every proof of a supported suite verifies
 *			and is bound to the issuer, and there is one; a
 *			proof of another type or cryptosuite is a warning.
 *	key		not for hosted: the key belongs to the issuer.  OB
 *			2.0: the CryptographicKey is listed in the issuer's
 *			publicKey and its owner is the issuer.  OB 3.0: the
 *			verification method is listed under assertionMethod
 *			of its controller document, whose id is the issuer
 *			id (did:key: the DID is the issuer id); a VC-JWT
 *			header jwk must be a key of the issuer's JWK set
 *			(https://<issuer host>/.well-known/jwks.json) or DID
 *			document; a kid JWK set must be on the issuer's host.
 *	claims		VC-JWT only: iss is the issuer id, jti the
 *			credential id, nbf validFrom, exp validUntil, sub
 *			credentialSubject.id.  Policy: a JWT without "sub"
 *			is a warning, not a failure, and "aud" is not
 *			checked (the 1EdTech JWT vectors carry "aud" in
 *			place of "sub", and the 1EdTech validator accepts
 *			them).
 *	dates		issue date (issuedOn, validFrom, issuanceDate) not
 *			after now; expiry (expires, validUntil,
 *			expirationDate) not before issue nor before now.
 *	status		OB 2.0: the issuer's RevocationList, "revoked".  OB
 *			3.0: 1EdTechRevocationList, BitstringStatusListEntry
 *			(the list credential's own proof verified, GZIP
 *			list inflated up to VERIFY_STATUS_LIST_MAX bytes).
 *
 * Results: a document that is in the repository but wrong fails; a
 * document the check needs that is not in the repository makes the
 * result unknown, which is never shown as a pass.
 *
 * verify_award reads the model and never changes it, so any number of
 * threads may verify awards of one model at once (after model_link).
 */
#ifndef BADGEGEN_VERIFY_H
#define BADGEGEN_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "model.h"
#include "vmsg.h"

/* The largest decompressed bitstring status list accepted. */
#define VERIFY_STATUS_LIST_MAX	(16u * 1024 * 1024)
/* BSL: a list shorter than this many entries is a warning. */
#define VERIFY_STATUS_LIST_MIN	131072u

enum check_result {
	CHECK_PASS,
	CHECK_WARN,
	CHECK_FAIL,
	CHECK_UNKNOWN		/* could not check: never shown as a pass */
};

struct check {
	const char	*name;		/* "context", "signature", ... */
	enum check_result result;
	const char	*message;	/* lower case, no final full stop */
	const char	*message_ja;	/* the same in Japanese (vmsg.h) */
};

struct verify_report {
	struct check	*checks;	/* in order */
	size_t		 nchecks;
	bool		 valid;		/* no FAIL and no UNKNOWN */
	bool		 authentic;	/* signature (or hosting) and key
					   binding passed: publishable */
	bool		 revoked;
	const char	*revocation_reason;	/* or NULL */
	bool		 expired;
	bool		 not_yet_valid;
	const char	*method;	/* "RS256", "EdDSA", "eddsa-rdfc-2022",
					   "Ed25519Signature2020", "hosted",
					   or NULL when nothing verified */
	struct arena	 arena;		/* while the report is made: its
					   checks, strings and scratch */
	struct vmsg_reg	 reg;		/* while it is made: its strings'
					   Japanese */
	void		*mem;		/* once packed: one block holding
					   the checks and every string */
};

/*
 * Verifies award aw of model m (after model_link) at instant now and
 * fills *out with the checks and the verdict.  Returns 0 when the
 * report was made, whatever its verdict, and -1 on an internal error
 * (no award, no JSON); release *out with verify_report_release in
 * both cases.
 */
int	 verify_award(struct verify_report *out, const struct model *m,
	    const struct award *aw, int64_t now);

/*
 * Moves the checks and the strings of r (method, revocation reason,
 * check names and messages in both languages) into one block just large enough for them,
 * and frees r's arena with whatever else it held, so that a report kept
 * for the pages costs what it says and no more.  verify_award packs the
 * reports it makes; a report built by hand in r->arena is packed with
 * this.  The block is freed by verify_report_release.
 */
void	 verify_report_pack(struct verify_report *r);

/* Frees what a report holds; accepts a zeroed or released report. */
void	 verify_report_release(struct verify_report *r);

/*
 * Whether e-mail address email is the recipient of aw: OB 2.0
 * recipient of type email, OB 3.0 identifier of identityType
 * emailAddress (or a credentialSubject id "mailto:<email>").  Hashed
 * identities ("sha256$..." or "md5$...", salt appended) are compared
 * with email as given and lower-cased; plaintext ones (hashed false)
 * by a comparison ignoring case.  Sets *match.  Returns 0, or -1 when
 * aw or email is NULL.
 */
int	 verify_recipient(const struct award *aw, const char *email,
	    bool *match);

/*
 * How many e-mail identities verify_recipient compares with: one for an
 * OB 2.0 e-mail recipient; for OB 3.0, a mailto: id and each
 * emailAddress identifier.
 */
unsigned verify_recipient_count(const struct award *aw);

/*
 * What a check of the recipient found: the award names the address
 * (pass), names other addresses (fail), or identifies its recipient by
 * no e-mail address at all (unknown: it cannot be checked, never
 * "matches").  asked is false when no address was given.
 */
struct recipient_check {
	bool		 asked;
	enum check_result result;
	const char	*message;	/* English; vmsg_ja gives Japanese */
};

/*
 * The award the model made of the file named file (model_add_file's
 * name): one of its awards, or an endorsement; NULL when there is none.
 */
struct award *verify_find_award(const struct model *m, const char *file);

/* Checks email (NULL: not asked) against the recipient of aw. */
void	 verify_recipient_check(struct recipient_check *rc,
	    const struct award *aw, const char *email);

/*
 * The check that keeps a verified award off the site, or NULL when it
 * may be published: it must be authentic, and no check may fail but
 * for expiry and revocation, which its page shows.  Build and import
 * apply this one rule.
 */
const struct check *verify_blocking(const struct verify_report *r);

/*
 * Appends the verdict and the checks of r as the members of a JSON
 * object, as badgegen verify --format json writes them: "valid",
 * "revoked", "expired", "recipient" and "recipient_result" (when rc is
 * not NULL and rc->asked) and "checks", each with its "name", "result",
 * "message" and "message_ja".
 */
void	 verify_report_json(struct buf *out, const struct verify_report *r,
	    const struct recipient_check *rc);

/* "pass", "warn", "fail", "unknown". */
const char *check_result_name(enum check_result r);

#endif
