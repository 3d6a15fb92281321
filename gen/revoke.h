/*
 * revoke.h - revoking awards of a site and undoing a revocation
 * (badgegen revoke).
 *
 * An award is named by its content path, as badgegen issue prints it
 * ("content/awards/2026/x.json"), or by its id.
 *
 * Open Badges 2.0: the issuer's RevocationList, the document its
 * profile's revocationList names; when the profile names none, a new
 * list content/revocations/<issuer file stem>.json, published at
 * base_url + "revocations/<stem>.json", is written and the profile
 * links it (its other lines kept as written).  Revoking appends
 * {"id": <award id>, "revocationReason": <reason>} to revokedAssertions;
 * undoing takes the award's entries out.  The list is not signed (OB
 * 2.0 hosts it), so no key is needed.
 *
 * Open Badges 3.0: the bit of the award's credentialStatus in the
 * issuer's status list (statuslist.h), which issue_status_set flips and
 * signs again with the issuer's key.
 */
#ifndef BADGEGEN_REVOKE_H
#define BADGEGEN_REVOKE_H

#include <stdbool.h>

#include "diag.h"
#include "model.h"
#include "site.h"

/*
 * The award of the linked model m named by name: its content path
 * (a leading "./" ignored) or its id.  Returns it, or NULL after
 * reporting that the site has no such award.
 */
struct award *revoke_find(struct model *m, const char *name, struct diag *d);

/*
 * Whether another award of m holds the status list index of aw: then
 * reports both (revoking one would revoke the other) and returns true.
 */
bool	 revoke_shared_index(const struct model *m, const struct award *aw,
	    struct diag *d);

/*
 * Revokes the OB 2.0 award aw of the site s (the work tree) for reason,
 * or with undo takes its revocation back, in the issuer's
 * RevocationList (see above).  Returns 0; ISSUE_ESAME (issue.h) after
 * reporting an award revoked already (or, with undo, not revoked); -1
 * after reporting anything else; ISSUE_EIO after an I/O error.
 */
int	 revoke_ob2(struct site *s, const struct award *aw, const char *reason,
	    bool undo, struct diag *d);

#endif
