/*
 * keyinstall.h - a new signing key and its public documents, installed
 * into a site repository in one step (badgegen keygen --install).
 *
 * keyinstall_plan chooses the issuer (the site's only issuer profile,
 * or the one named), generates the key and makes, in memory, every
 * file the step writes: the private key (outside content/, mode 0600),
 * and the public documents that let badgegen issue find the key by
 * itself and let any verifier bind it to the issuer:
 *
 *	https issuer, RS256 or ES256, OB 2.0 profile
 *		content/keys/<name>.json, the OB 2.0 CryptographicKey
 *		(owner: the issuer), listed in the profile's publicKey;
 *	https issuer, every algorithm
 *		its JWK in the JWK set https://<issuer host>/.well-known/
 *		jwks.json (or <base_url>.well-known/jwks.json on the same
 *		host), the file the site serves there or a new
 *		content/static/.well-known/jwks.json;
 *	https issuer, EdDSA
 *		content/keys/<name>.json, a Multikey verification method
 *		document of its own (controller: the issuer), listed under
 *		the profile's assertionMethod; the profile's @context gains
 *		the DID and Multikey contexts that define those terms;
 *	did:web issuer, every algorithm
 *		a Multikey method "<did>#<name>" in the DID document the
 *		site serves at the DID's URL (made when missing), listed
 *		under its assertionMethod.
 *
 * A verification method of an https issuer is a document of its own,
 * not a fragment of the profile: verifiers fetch a verification method
 * by its URL, and a web server does not serve a fragment of a file.
 * Changed documents keep the rest of their text (jsonedit.h).
 * keyinstall_write then writes the files: the private key first, never
 * over a file.
 */
#ifndef BADGEGEN_KEYINSTALL_H
#define BADGEGEN_KEYINSTALL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "key.h"
#include "site.h"

/* What keygen --install is asked to do. */
struct keyinstall_opts {
	enum sig_alg	 alg;		/* RS256, ES256 or EdDSA */
	const char	*issuer;	/* the profile's id or content file, or
					   NULL: the site's only issuer */
	const char	*out;		/* the private key's path without .pem,
					   or NULL: keys/<name> of the site */
	const char	*id;		/* the CryptographicKey's URL, or NULL:
					   <base_url>keys/<name>.json */
};

#define KEYINSTALL_MAX_FILES	8

/* One file the step writes. */
struct keyinstall_file {
	char		*path;		/* under the site ("content/keys/a.json",
					   ".gitignore"); files[0]: the private
					   key's path as given */
	struct buf	 data;
	bool		 created;	/* false: a file that is there changes */
	int		 mode;
	const char	*what;		/* what it holds, for the summary */
};

struct keyinstall {
	struct keyinstall_file files[KEYINSTALL_MAX_FILES];
	size_t		 nfiles;	/* files[0] is the private key */
	struct arena	 arena;		/* the strings below */
	const char	*dir;		/* the site directory; lent */
	const char	*issuer;	/* the issuer's id */
	const char	*name;		/* the key's name */
	const char	*key_type;	/* "RSA", "P-256", "Ed25519" */
	const char	*ob2_id;	/* the key id issue finds for ob2, */
	const char	*jwt_id;	/* ob3-jwt */
	const char	*di_id;		/* and ob3-di, or NULL */
	bool		 ignored_by_git; /* the private key's directory is in
					   .gitignore (a changed one is among
					   the files) */
};

/*
 * Plans the installation into the site s (opened with SITE_MODEL and
 * SITE_WORKTREE; lent, it must outlive ki): see above.  Refuses a
 * private key under content/ or the output directory, or one that
 * exists, a document the site has already, an issuer that is a did:key
 * or not in content/.  Returns 0 with ki filled (release it with
 * keyinstall_release), or -1 after reporting, with ki released.
 */
int	 keyinstall_plan(struct keyinstall *ki, struct site *s,
	    const struct keyinstall_opts *o, struct diag *d);

/*
 * Writes the files of the plan: the private key first (its directory
 * made with mode 0700 when missing), then the documents.  Returns 0,
 * FS_EXISTS after reporting a file that appeared meanwhile, or -1
 * after reporting an I/O error (the files of the plan written before
 * it are named).
 */
int	 keyinstall_write(struct keyinstall *ki, struct diag *d);

/* Frees what ki holds, wiping the private key; accepts a zeroed one. */
void	 keyinstall_release(struct keyinstall *ki);

/*
 * Appends the DID document (pretty JSON and a newline) of did with one
 * Multikey verification method vmid (controlled by did, key mb) listed
 * under authentication, assertionMethod, capabilityInvocation and
 * capabilityDelegation.
 */
void	 keyinstall_did_document(struct buf *out, const char *did,
	    const char *vmid, const char *mb);

#endif
