/*
 * model.h - Open Badges 2.0 and 3.0 documents mapped into one model.
 *
 * Every document under content/ is recognised by its type, not by its
 * folder, and indexed by its id.  That index is the offline resolver: a
 * reference (badge, issuer, image, key) resolves to a document or a file
 * of the repository, or fails with a message.  Its rule: what it returns
 * for a URL under base_url is exactly what the published site serves at
 * that URL, so verification and publishing cannot disagree.
 *
 * Open Badges 2.0 Assertion / BadgeClass / Profile and Open Badges 3.0
 * OpenBadgeCredential / Achievement / Profile become awards,
 * achievements and issuers.  Endorsements (OB 2.0 Endorsement, OB 3.0
 * EndorsementCredential), as files of their own or embedded in what
 * they endorse ("endorsement", "endorsementJwt"), are verified like
 * awards and attached to the award, achievement or issuer whose id
 * their claim names.  Everything lives in the model's arena.
 */
#ifndef BADGEGEN_MODEL_H
#define BADGEGEN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "json.h"
#include "jws.h"

enum doc_kind {
	DOC_AWARD,		/* OB 2.0 Assertion, OB 3.0 credential */
	DOC_ACHIEVEMENT,	/* OB 2.0 BadgeClass, OB 3.0 Achievement */
	DOC_ISSUER,		/* OB 2.0 Issuer/Profile, OB 3.0 Profile */
	DOC_KEY,		/* OB 2.0 CryptographicKey, JWK, Multikey */
	DOC_REVOCATION_LIST,	/* OB 2.0 RevocationList */
	DOC_STATUS_LIST,	/* OB 3.0 1EdTechRevocationList, status list VC */
	DOC_DID,		/* DID or controller document */
	DOC_JWKS,		/* JSON Web Key Set */
	DOC_FILE		/* any other published file (image, static) */
};

enum award_form {
	FORM_OB2_HOSTED,	/* OB 2.0 Assertion, verification "hosted" */
	FORM_OB2_SIGNED,	/* OB 2.0 Assertion in a compact JWS */
	FORM_OB3_JSON,		/* OB 3.0 credential with embedded proof */
	FORM_OB3_JWT		/* OB 3.0 credential as VC-JWT */
};

/* A document or file of the repository, as the resolver knows it. */
struct doc {
	enum doc_kind	 kind;
	const char	*id;		/* the id IRI, or NULL */
	const char	*file;		/* content path, e.g. "content/badges/a.json";
					   NULL for an embedded document */
	const char	*oid;		/* blob id of file (40 hex), or NULL */
	const struct json *json;	/* the document, or NULL for a file */
	const char	*raw;		/* the file's bytes (what is published) */
	size_t		 rawlen;
	const char	*publish;	/* site path it is published at, or NULL */
	bool		 left_out;	/* its place is taken (place.h): not
					   published, resolves nothing */
	void		*obj;		/* the issuer / achievement / award; for a
				   DID document, the issuer embedded in
				   awards under that DID, if any */
	struct jws	*jws;		/* a compact JWS file, parsed */
	bool		 scanned;	/* its embedded endorsements found */
};

struct skill {
	const char	*name;
	const char	*url;		/* safe http(s) URL, or NULL */
	const char	*framework;
	const char	*code;
};

/*
 * An Open Badges 3.0 RubricCriterionLevel: one level of a result
 * description's rubric.
 */
struct result_level {
	const char	*id;
	const char	*name;
	const char	*description;
	const char	*level;
	const char	*points;	/* as written: "3", "2.5" */
};

/*
 * An Open Badges 3.0 ResultDescription of an achievement: what a result
 * of the achievement measures and what it must reach.  Numbers are kept
 * as written in the document.
 */
struct result_desc {
	const char	*id;
	const char	*name;
	const char	*result_type;	/* ResultType enum, "ext:..." or NULL */
	const char	**allowed;	/* allowedValue, in order */
	size_t		 nallowed;
	const char	*required_level; /* id of one of levels, or NULL */
	const char	*required_value;
	const char	*value_min;
	const char	*value_max;
	struct result_level *levels;	/* rubricCriterionLevel */
	size_t		 nlevels;
	struct skill	*skills;	/* its alignments */
	size_t		 nskills;
};

/*
 * An Open Badges 3.0 Result of an award (credentialSubject.result):
 * description is the id of one of its achievement's result
 * descriptions, achieved_level the id of one of that description's
 * levels.
 */
struct result {
	const char	*description;
	const char	*value;
	const char	*achieved_level;
	const char	*status;	/* ResultStatusType enum, or NULL */
	struct skill	*skills;	/* its alignments */
	size_t		 nskills;
};

struct image {
	const char	*path;		/* site path of the image, or NULL */
	const char	*url;		/* the image's IRI, or NULL */
	const char	*caption;
};

struct issuer {
	struct doc	*doc;
	const char	*id;
	const char	*name;
	const char	*website;	/* safe URL or NULL */
	const char	*email;
	const char	*description;	/* Markdown, or NULL */
	struct image	 image;
	const char	*path;		/* page path, "issuers/kakuu/" or
					   "issuers/kakuu.html" (place.h) */
	bool		 ob3;
	bool		 left_out;	/* no page: place.h */
	struct achievement **badges;	/* sorted by path */
	size_t		 nbadges;
	struct award	**endorsements;	/* of the issuer, oldest first */
	size_t		 nendorsements;
};

struct achievement {
	struct doc	*doc;
	const char	*id;
	const char	*name;
	const char	*description;	/* Markdown */
	const char	*criteria_md;	/* Markdown, or NULL */
	const char	*criteria_url;	/* safe URL, or NULL */
	const char	*achievement_type;
	/* Open Badges 3.0 fields, NULL when absent; numbers as written. */
	const char	*credits_available;
	const char	*field_of_study;
	const char	*human_code;
	const char	*specialization;
	struct result_desc *results;	/* resultDescription, in order */
	size_t		 nresults;
	struct image	 image;
	struct skill	*skills;	/* alignments, each name once */
	size_t		 nskills;
	const char	**tags;		/* each once, none a skill's name */
	size_t		 ntags;
	struct issuer	*issuer;
	const char	*path;		/* page path, "badges/ai-basics/" or
					   "badges/ai-basics.html" */
	bool		 ob3;
	bool		 left_out;	/* no page: place.h */
	struct award	**awards;	/* public ones, newest first */
	size_t		 nawards;
	struct award	**endorsements;	/* of the badge, oldest first */
	size_t		 nendorsements;
};

struct evidence {
	const char	*name;
	const char	*description;
	const char	*url;		/* safe URL or NULL */
	const char	*narrative;	/* Markdown or NULL */
};

struct award {
	struct doc	*doc;
	enum award_form	 form;
	const char	*id;
	const char	*file;		/* content path of the source */
	const char	*path;		/* page path, "awards/2026/x/" or
					   "awards/2026/x.html" */
	const struct json *json;	/* the assertion or credential */
	const struct jws *jws;		/* FORM_OB2_SIGNED, FORM_OB3_JWT */
	const char	*jws_path;	/* where the JWS is published, or NULL */
	const char	*json_path;	/* where the JSON is published, or NULL */
	struct achievement *badge;
	struct issuer	*issuer;
	const char	*recipient_name;
	const struct json *recipient;	/* OB2 recipient / OB3 subject */
	int64_t		 issued;
	bool		 has_expires;
	int64_t		 expires;
	const char	*narrative;	/* Markdown or NULL */
	struct evidence	*evidence;
	size_t		 nevidence;
	struct result	*results;	/* OB 3.0 credentialSubject.result */
	size_t		 nresults;
	const char	*credits_earned; /* OB 3.0, as written, or NULL */
	bool		 private_;	/* visibility = private in its sidecar,
					   or a sidecar with a problem */
	bool		 bad_sidecar;	/* private because its sidecar could
					   not be read or has errors: counted
					   as left out, in m->failed */
	int		 index;		/* index = in its sidecar: 1 yes, -1
					   no, 0 not set (site.conf decides) */
	const char	*email;		/* email = in its sidecar, or NULL:
					   for notices and collections, never
					   published */
	bool		 left_out;	/* taken out by model_drop_award */
	bool		 imported;	/* under content/imported/: another
					   issuer's award, in m->imported */
	struct verify_report *report;	/* set by the verify stage */
	/*
	 * An endorsement (OB 2.0 Endorsement, OB 3.0
	 * EndorsementCredential) is verified like an award, in
	 * m->endorsements, and listed on the page of what it endorses:
	 * endorses is the id of its claim (OB 2.0) or credentialSubject
	 * (OB 3.0), comment its endorsementComment (Markdown); issuer is
	 * the endorser; badge is NULL.
	 */
	bool		 endorsement;
	const char	*endorses;
	const char	*comment;
	struct award	**endorsements;	/* of this award, oldest first */
	size_t		 nendorsements;
};

struct model_index;
struct place;
struct verify_report;

struct sidecar {
	const char	*file;		/* "content/awards/x.conf" */
	const char	*text;		/* NULL when it could not be read */
	size_t		 len;
	const char	*unreadable;	/* why it could not be, or NULL */
};

struct model {
	struct arena	 arena;
	struct arena	 trees;		/* the documents' parsed trees (JSON
					   and JWS), until model_forget_trees */
	struct json_strtab *strs;	/* the strings of the documents' trees,
					   each distinct one once */
	const char	*base_url;	/* ends with '/' */
	char *const	*langs;		/* the site's further languages, whose
					   folders are the pages' (place.h) */
	size_t		 nlangs;
	struct place	*place;		/* where every file goes (place.h) */
	struct doc	**docs;		/* every document and file, by file */
	size_t		 ndocs, capdocs;
	struct issuer	**issuers;	/* sorted by path */
	size_t		 nissuers;
	struct achievement **badges;	/* sorted by path */
	size_t		 nbadges;
	struct award	**awards;	/* loaded awards, sorted by path */
	size_t		 nawards;
	struct model_index *index;	/* id -> doc, site path -> doc */
	struct sidecar	*sidecars;
	size_t		 nsidecars, capsidecars;
	unsigned	 failed;	/* awards left out because of errors */
	bool		 replace;	/* a later award takes over an earlier
					   one's id (verify) */
	struct award	**imported;	/* awards of other issuers, kept under
					   content/imported/: no page, in no
					   list but collections; by path */
	size_t		 nimported;
	struct award	**endorsements;	/* the endorsements, standalone and
					   embedded: no page of their own;
					   by file */
	size_t		 nendorsements;
	/*
	 * Called by model_lookup with an id it cannot find, when set
	 * (badgegen import lists the documents a verification lacks).
	 * Leave NULL when verifying on several threads.
	 */
	void		(*miss)(void *arg, const char *id);
	void		*miss_arg;
};

/*
 * Documents of other sites: content/trust/ holds the issuer documents
 * (profiles, badge classes, keys, lists) that imported awards under
 * content/imported/ are verified against.  They resolve references like
 * any document but are never published, and get no pages.
 */
#define MODEL_TRUST_DIR		"content/trust/"
#define MODEL_IMPORTED_DIR	"content/imported/"

/* Whether the content file is a trust document or an imported award. */
bool	 model_is_foreign(const char *file);

/* Initialises an empty model for a site published at base_url. */
void	 model_init(struct model *m, const char *base_url);
/*
 * The site's further languages (after the first), whose folders hold
 * pages: no document is published under them.  langs is lent and must
 * outlive m.
 */
void	 model_set_languages(struct model *m, char *const *langs, size_t n);
/*
 * Frees everything the model holds and empties it.  Accepts NULL and a
 * zeroed model on which model_init was never called.
 */
void	 model_release(struct model *m);

/*
 * Adds the file at content path `file' (blob id oid, bytes data) to the
 * model: JSON documents and compact JWS are parsed and classified,
 * images and other files are recorded for publishing, an award's
 * sidecar "<award minus extension>.conf" is kept for model_link.
 * Returns 0, or -1 after reporting why the file is unusable.  The
 * bytes are copied.
 */
int	 model_add_file(struct model *m, const char *file, const char *oid,
	    const char *data, size_t len, struct diag *d);

/*
 * The page path a content file has, "content/awards/2026/x.json" ->
 * "awards/2026/x/", also when the document could not be read (in the
 * model's arena).
 */
const char *model_page_path(struct model *m, const char *file);

/*
 * Tells the model of a file under content/ that could not be read or is
 * not a regular file (why says which): a sidecar that is such a file
 * makes its award private, as one with errors does (model_link).
 */
void	 model_add_skipped(struct model *m, const char *file,
	    const char *why);

/*
 * Resolves references and builds the lists: every award gets its
 * achievement and issuer, every achievement its issuer.  An award that
 * cannot be resolved is reported and left out (counted in m->failed).
 * Errors in issuers or achievements are reported too.  Returns 0, or -1
 * when anything was reported.
 */
int	 model_link(struct model *m, struct diag *d);

/*
 * Adds the bytes of one more award, as content file `file', to a model
 * that model_link linked already, and links it to its badge class and
 * issuer: an award about to be written, verified first against the
 * site (badgegen issue).  It stands in none of the model's lists and is
 * not published; its id is indexed.  Returns it (it lives as long as
 * the model), or NULL after reporting why it cannot be read or linked.
 */
struct award *model_add_candidate(struct model *m, const char *file,
	    const char *data, size_t len, struct diag *d);

/*
 * Adds a document that is not an award (a status list about to be
 * written) as content file `file' to a linked model, published at its
 * id when that is under base_url, as model_link publishes documents.
 * Returns 0, or -1 after reporting.
 */
int	 model_add_document(struct model *m, const char *file,
	    const char *data, size_t len, struct diag *d);

/*
 * Takes an award out of the site: out of m->awards and its badge's
 * list.  Its documents are no longer published.
 */
void	 model_drop_award(struct model *m, struct award *aw);

/*
 * Frees the parsed trees of every document once nothing reads them any
 * more (after verification and collect_match): doc->json, award->json,
 * award->recipient and a JWS's header and body become NULL.  What the
 * model took from the trees (names, dates, paths, strings) and the
 * documents' bytes stay; model_lookup still finds documents by id.
 */
void	 model_forget_trees(struct model *m);

/* The document with this id, or NULL (then m->miss hears of it). */
struct doc *model_lookup(const struct model *m, const char *id);
/*
 * Tells m->miss, if set, that a document with this id was wanted and
 * is not in the repository (model_lookup does so itself).
 */
void	 model_missed(const struct model *m, const char *id);
/* The document or file published at this site path, or NULL. */
struct doc *model_at_path(const struct model *m, const char *path);
/*
 * The document or file the site serves at url (under base_url; a
 * folder URL x/ is x/index.json), or NULL.  Thread-safe.
 */
struct doc *model_served(const struct model *m, const char *url);
/* Sorts awards, or badge classes, by their path (content order). */
void	 model_sort_awards(struct award **v, size_t n);
void	 model_sort_badges(struct achievement **v, size_t n);
/* Records that doc is published at site path path (place.c). */
void	 model_publish(struct model *m, struct doc *doc, const char *path);

/*
 * If url is under base_url and names a file of the site, returns its
 * site path (sitepath.h: decoded, allocated in the model's arena,
 * without a leading slash), else NULL.
 */
const char *model_site_path(struct model *m, const char *url);
/* Whether url starts with base_url and has no query or fragment. */
bool	 model_under_base(const struct model *m, const char *url);

/*
 * Reports, as errors naming the document, each file a document of the
 * site refers to under base_url that the site does not serve: an
 * issuer's or badge class's image, an issuer's publicKey and
 * revocationList, an award's status list.  Returns how many.
 */
unsigned model_check_refs(const struct model *m, struct diag *d);

/*
 * When no document of the site (issuer, badge class, key) has an id
 * under base_url and they share one other prefix, as after a change of
 * base_url: returns that prefix (in m's arena) and, in *n, how many
 * documents have it; else NULL.
 */
const char *model_other_base(struct model *m, size_t *n,
	    const struct doc **example);

/* Whether the string names one of the given types (string or array). */
bool	 json_type_is(const struct json *doc, const char *type);

#endif
