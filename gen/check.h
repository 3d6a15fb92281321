/*
 * check.h - checks a built site tree: internal links and fragments,
 * references of the published JSON documents, images, and leaks of
 * recipients' addresses.  Nothing is fetched: links outside base_url
 * are only listed.  The findings go into a check report (report.h).
 */
#ifndef BADGEGEN_CHECK_H
#define BADGEGEN_CHECK_H

#include <stddef.h>

#include "diag.h"
#include "report.h"

/* What check_tree needs to know about the site. */
struct check_site {
	const char	*base_url;	/* absolute, ends with '/' */
	char *const	*skip;		/* external prefixes not to list */
	size_t		 nskip;
	char *const	*emails;	/* recipients' addresses */
	size_t		 nemails;
};

/*
 * Checks the site tree in dir (as build writes it).  Adds a unit for
 * every file and kind checked and a finding for every problem; lists
 * the external links.  Returns 0, or -1 after reporting an I/O error
 * through d.
 */
int	 check_tree(struct check_report *r, const char *dir,
	    const struct check_site *site, struct diag *d);

#endif
