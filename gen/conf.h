/*
 * conf.h - site.conf, award sidecars and recipient files (see site.conf(5)).
 *
 * One small INI-like format serves three kinds of file:
 *
 *	# a comment
 *	title = Kobe University Open Badges
 *	base_url = https://badges.example.ac.jp/
 *	[mail]
 *	from = badges@example.ac.jp
 *
 * A line is blank, a comment ('#' first), a "[section]" header or
 * "key = value".  The value is the rest of the line, trimmed; a '#'
 * after white space starts a comment.  A value in double quotes keeps
 * leading and trailing spaces and '#'; inside the quotes \" is a quote
 * and \\ a backslash.  The file is UTF-8 (a byte order mark is skipped);
 * CRLF line ends are accepted.  Lists are values separated by spaces.
 *
 * Each kind of file is a table of keys (struct conf_key): a schema.
 * conf_parse checks a file against a schema and reports every problem,
 * one message per problem, as
 *	site.conf:4: base_url: expected an absolute https URL, not "example.org"
 * Unknown sections and keys, duplicate keys, malformed lines and bad
 * values are all errors: a typo never passes silently.  The typed
 * accessors then read the checked values; site_conf_parse,
 * award_conf_parse and recipient_conf_parse do that for the three kinds.
 */
#ifndef BADGEGEN_CONF_H
#define BADGEGEN_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "diag.h"

#define CONF_MAX_BYTES	(1024 * 1024)	/* larger files are refused */
#define CONF_MAX_ERRORS	100		/* messages before giving up */
#define CONF_MAX_ITEMS	1000		/* values in one list */

enum conf_type {
	CONF_STRING,	/* text without control characters */
	CONF_URL,	/* absolute http or https URL, no fragment */
	CONF_ENUM,	/* one of the words in choices */
	CONF_INT,	/* decimal integer from min to max */
	CONF_BOOL,	/* yes or no (true, false also read) */
	CONF_TIMEZONE,	/* an IANA zone name that tz_load loads */
	CONF_EMAIL	/* an address, local@domain.example (ASCII) */
};

#define CONF_REQUIRED	0x01	/* the file must set the key */
#define CONF_LIST	0x02	/* one or more values of the type, separated
				   by spaces, none twice */
#define CONF_BASE	0x04	/* CONF_URL: https (http only for localhost,
				   127.0.0.1 and [::1]), no query, ends with
				   '/' (added when missing) */
#define CONF_NOCASE	0x08	/* CONF_ENUM: ASCII letters match in any
				   case; the value reads as the choice */

/* One key of a schema. */
struct conf_key {
	const char	*section;	/* NULL: before any [section] */
	const char	*name;
	enum conf_type	 type;
	unsigned	 flags;		/* CONF_REQUIRED | CONF_LIST | ... */
	const char	*choices;	/* CONF_ENUM: "ja|en" */
	long		 min, max;	/* CONF_INT */
	const char	*def;		/* the default, as the file would write
					   it, or NULL */
};

/* A kind of file: its keys.  The sections are those its keys name. */
struct conf_schema {
	const struct conf_key *keys;
	size_t		 nkeys;
};

/* The schemas of the three kinds of file (site.conf(5) documents them). */
extern const struct conf_schema conf_site_schema;
extern const struct conf_schema conf_award_schema;
extern const struct conf_schema conf_recipient_schema;

struct conf;

/*
 * Checks len bytes of src, named name in messages, against schema and
 * reports every problem through d.  Returns 0 and sets *out (free it
 * with conf_free), or returns -1 with *out NULL.
 */
int	 conf_parse(struct conf **out, const struct conf_schema *schema,
	    const char *name, const char *src, size_t len, struct diag *d);

/* Frees a parsed file and everything the accessors lent; accepts NULL. */
void	 conf_free(struct conf *c);

/*
 * Accessors.  section is NULL for the top of the file.  A key the file
 * does not set reads as its default; one without a default as NULL, 0
 * or false.  Strings are lent and live as long as c.
 */
/* The line that set the key, or 0 (not set; a default may apply). */
unsigned conf_line(const struct conf *c, const char *section,
	    const char *key);
/* The value as text (URLs normalised; lists joined by one space), or NULL. */
const char *conf_str(const struct conf *c, const char *section,
	    const char *key);
/* A CONF_INT value. */
long	 conf_int(const struct conf *c, const char *section, const char *key);
/* A CONF_BOOL value. */
bool	 conf_bool(const struct conf *c, const char *section, const char *key);
/* A CONF_LIST value: sets *n and returns the items (NULL-terminated). */
const char *const *conf_list(const struct conf *c, const char *section,
	    const char *key, size_t *n);
/*
 * A CONF_TIMEZONE value's zone, loaded during the check.  The caller
 * owns it (tz_free); a second call returns NULL.
 */
struct tz *conf_take_tz(struct conf *c, const char *section,
	    const char *key);

/* Everything site.conf says; strings and arrays owned by the struct. */
struct site_conf {
	char		*title;		/* required */
	char		*description;	/* or NULL */
	char		*base_url;	/* required; absolute, ends with '/' */
	char		*lang;		/* "ja" or "en"; the default language */
	char	       **languages;	/* the site's languages, lang first */
	size_t		 nlanguages;
	char		*output;	/* output directory; "public" */
	char		*timezone;	/* IANA name; "UTC" */
	struct tz	*tz;		/* that zone, loaded */
	unsigned	 new_days;	/* awards this recent are "new"; 30 */
	char		*copyright;	/* footer text, or NULL */
	char		*mail_from;	/* [mail] from: an address, or NULL */
	char		*mail_reply_to;	/* [mail] reply_to, or NULL */
	char	       **check_skip_prefixes;	/* [check] skip_prefixes */
	size_t		 ncheck_skip_prefixes;
	unsigned	 index_pages;	/* INDEX_*: the pages search engines
					   may index */
};

/* index_pages: the kinds of page search engines may index. */
#define INDEX_HOME		0x01	/* the top page */
#define INDEX_ISSUERS		0x02
#define INDEX_BADGES		0x04
#define INDEX_AWARDS		0x08
#define INDEX_COLLECTIONS	0x10
#define INDEX_DEFAULT		(INDEX_HOME | INDEX_ISSUERS | INDEX_BADGES)

/*
 * Parses and checks a site.conf.  lang defaults to the first of
 * languages when only languages is set, else to "ja"; languages
 * defaults to lang alone and, when set, must include lang, which is
 * moved first.  Returns 0 with *out filled (release it with
 * site_conf_release), or reports every problem through d and returns
 * -1 with *out empty.
 */
int	 site_conf_parse(struct site_conf *out, const char *name,
	    const char *src, size_t len, struct diag *d);
/* Frees what *c holds and empties it; accepts an empty struct. */
void	 site_conf_release(struct site_conf *c);

/* An award's sidecar, content/awards/.../<award>.conf. */
struct award_conf {
	bool		 private_;	/* visibility = private or 非公開 */
	char		*email;		/* the recipient's address, or NULL */
	int		 index;		/* index = yes: 1, no: -1, unset: 0 */
};

/*
 * Parses an award sidecar (keys visibility, email and index).  Returns
 * 0 with *out filled (release it with award_conf_release), or reports
 * and returns -1 with *out empty: a caller that publishes must then
 * treat the award as private.
 */
int	 award_conf_parse(struct award_conf *out, const char *name,
	    const char *src, size_t len, struct diag *d);
/* Frees what *c holds and empties it; accepts an empty struct. */
void	 award_conf_release(struct award_conf *c);

/*
 * Appends to out the text src (len bytes) of a file of this format with
 * key set to value at the top of the file (before any [section]): the
 * first line that sets the key there gets the new value, keeping its
 * indentation, its comment and its line end; further lines that set it
 * are dropped; when no line sets it, "key = value" is added after the
 * last line of the top of the file.  value NULL removes the key.  Every
 * other line (comments, blank lines, other keys, lines with errors,
 * bytes that are not UTF-8) is kept byte for byte.  The value is written
 * in double quotes when it needs them.  Returns 0, or -1 (out unchanged)
 * when value holds a line end, which no value may.
 */
int	 conf_edit(struct buf *out, const char *src, size_t len,
	    const char *key, const char *value);

/*
 * The one way a verb changes an award sidecar: reads the file at path
 * (none is an empty file), sets key to value with conf_edit and writes
 * it back atomically (mode 0644, directories made), so that every key
 * and comment it does not change stays.  When old is not NULL, the
 * previous bytes are appended to it and *existed says whether there was
 * a file, for a caller that must put it back.  Returns 0, or -1 after
 * reporting.
 */
int	 award_conf_write(const char *path, const char *key,
	    const char *value, struct buf *old, bool *existed,
	    struct diag *d);

/*
 * A recipient's file, content/recipients/<slug>.conf: an opt-in
 * collection page.  All the recipient's addresses are on one line:
 *	identities = alice@example.org alice@example.ac.jp
 */
struct recipient_conf {
	char		*name;		/* required: the name shown */
	char	       **emails;	/* identities: one or more addresses */
	size_t		 nemails;
	bool		 public_;	/* public = yes|no (default yes) */
};

/*
 * Parses a recipient file (keys name, identities and public).  Returns
 * 0 with *out filled (release it with recipient_conf_release), or
 * reports and returns -1 with *out empty.
 */
int	 recipient_conf_parse(struct recipient_conf *out, const char *name,
	    const char *src, size_t len, struct diag *d);
/* Frees what *c holds and empties it; accepts an empty struct. */
void	 recipient_conf_release(struct recipient_conf *c);

#endif
