/*
 * report.h - the report of a check: a list of units, one per (file,
 * kind) checked, each with its findings; a unit without an error-level
 * finding passed.  It is written as text for people, TAP, JUnit XML or
 * JSON.
 */
#ifndef BADGEGEN_REPORT_H
#define BADGEGEN_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

enum check_kind {
	CHECK_KIND_AWARD,	/* an award the build left out or warned of */
	CHECK_KIND_LINK,	/* href to a file the site lacks */
	CHECK_KIND_FRAGMENT,	/* #fragment with no id="..." in the page */
	CHECK_KIND_REFERENCE,	/* JSON IRI under base_url the site lacks */
	CHECK_KIND_IMAGE,	/* missing or undecodable image */
	CHECK_KIND_LEAK,	/* recipient address or identity hash */
	CHECK_NKINDS
};

enum check_level {
	CHECK_LEVEL_ERROR,
	CHECK_LEVEL_WARN
};

enum check_format {
	CHECK_FORMAT_HUMAN,
	CHECK_FORMAT_TAP,
	CHECK_FORMAT_JUNIT,
	CHECK_FORMAT_JSON
};

struct check_finding {
	enum check_level level;
	unsigned	 line;		/* 1-based, or 0 */
	char		*message;
};

struct check_unit {
	char		*file;		/* site path, or a content path */
	enum check_kind	 kind;
	struct check_finding *findings;
	size_t		 nfindings, capfindings;
};

struct check_report {
	struct check_unit *units;
	size_t		 nunits, capunits;
	char		**external;	/* links outside the site, sorted, unique */
	size_t		 nexternal, capexternal;
	unsigned	 errors, warnings;
};

#define CHECK_REPORT_INIT	{ NULL, 0, 0, NULL, 0, 0, 0, 0 }

/* The name of a kind ("link") or level ("error"). */
const char *check_kind_name(enum check_kind k);
const char *check_level_name(enum check_level l);

/* Parses "human", "tap", "junit" or "json".  Returns 0, or -1. */
int	 check_format_parse(enum check_format *out, const char *s);

/*
 * Declares that (file, kind) was checked: adds the unit if it is new.
 * Returns the unit, owned by the report (valid until the next call).
 */
struct check_unit *check_unit(struct check_report *r, const char *file,
	    enum check_kind kind);
/* Adds the unit (file, kind), which is not there yet, without looking. */
struct check_unit *check_unit_append(struct check_report *r,
	    const char *file, enum check_kind kind);

/* Adds a finding to the unit (file, kind), adding the unit if needed. */
void	 check_add(struct check_report *r, const char *file,
	    enum check_kind kind, enum check_level level, unsigned line,
	    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/*
 * Adds the build's messages captured by a diag ("error: ..." and
 * "warning: ..." lines) as award findings, each under the file its
 * message names ("content/awards/x.json: ...") or "build".
 */
void	 check_add_build_messages(struct check_report *r, const char *text,
	    size_t len);

/* Sorts the units by file, then kind (check_tree's callers do it once). */
void	 check_sort(struct check_report *r);

/* Writes the report in the format to out. */
void	 check_write(struct buf *out, const struct check_report *r,
	    enum check_format f);

/* Frees what the report holds and empties it.  Accepts NULL and an empty one. */
void	 check_report_release(struct check_report *r);

#endif
