/*
 * statuslist.h - the revocation status lists a site publishes for its
 * Open Badges 3.0 awards (W3C Bitstring Status List v1.0).
 *
 * Each issuer has one list per format family: content/status/
 * <issuer file stem>-di.json, a BitstringStatusListCredential with an
 * eddsa-rdfc-2022 proof, for Data Integrity awards, and content/status/
 * <issuer file stem>-jwt.jwt, the same credential as a VC-JWT, for
 * VC-JWT awards.  A list is published at its id, base_url + "status/"
 * + the file's name, holds STATUSLIST_SIZE entries of one bit (purpose
 * revocation) and is signed by the issuer's key, as its awards are.
 *
 * Indices are drawn at random from the whole list, as the
 * specification advises for group privacy, and recorded in the award
 * itself (its credentialStatus): no other file changes when an award is
 * issued, so two branches that issue awards merge without a conflict.
 * issue never draws an index an award of the work tree holds; two
 * awards of merged branches that drew the same one are found by
 * statuslist_duplicates (build, check and revoke refuse them).
 */
#ifndef BADGEGEN_STATUSLIST_H
#define BADGEGEN_STATUSLIST_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "json.h"
#include "model.h"

#define STATUSLIST_SIZE		131072u	/* entries of a list */
#define STATUSLIST_BYTES	(STATUSLIST_SIZE / 8)
#define STATUSLIST_DIR		"content/status/"

/*
 * Appends the URL (base_url + "status/<name>") and the content path
 * (STATUSLIST_DIR + "<name>") of the revocation list of issuer is for
 * VC-JWT awards (jwt) or Data Integrity ones; <name> is the stem of the
 * issuer's file, then "-jwt.jwt" or "-di.json".
 */
void	 statuslist_place(struct buf *url, struct buf *file,
	    const char *base_url, const struct issuer *is, bool jwt);

/*
 * The revocation entry of a credential: the first credentialStatus of
 * type BitstringStatusListEntry with statusPurpose "revocation".  Sets
 * *url and *index and returns true, or returns false when it has none
 * (or one whose index is not an integer below STATUSLIST_SIZE).
 */
bool	 statuslist_entry(const struct json *cred, const char **url,
	    uint32_t *index);

/*
 * Adds the credentialStatus entry for index of the list at url to the
 * credential cred (built in a).
 */
void	 statuslist_add_entry(struct arena *a, struct json *cred,
	    const char *url, uint32_t index);

/*
 * Appends the bits of the list document list (its encodedList, the
 * credential or a VC-JWT's payload) to bits: exactly STATUSLIST_BYTES.
 * Returns 0, or -1 after reporting, naming file.
 */
int	 statuslist_bits(struct buf *bits, const struct json *list,
	    const char *file, struct diag *d);

/*
 * Builds the unsigned BitstringStatusListCredential at url of issuer,
 * holding bits[0..STATUSLIST_BYTES) (GZIP, multibase base64url).  It
 * has no validFrom: a list tells the status of now, and an award
 * verified as of an earlier date (--now) is checked against it too.
 * Returns it, allocated in a, or NULL after reporting.
 */
struct json *statuslist_credential(struct arena *a, const char *url,
	    const char *issuer, const unsigned char *bits, struct diag *d);

/*
 * Marks in used (STATUSLIST_BYTES, zeroed by the caller) the indices of
 * the list at url that the awards of m hold.
 */
void	 statuslist_used(const struct model *m, const char *url,
	    unsigned char *used);

/*
 * Reports (as errors) every two awards of m that hold the same index
 * of the same list: revoking one would revoke the other.  Returns the
 * number of such pairs.
 */
unsigned statuslist_duplicates(const struct model *m, struct diag *d);

#endif
