/*
 * share.h - the links that share an award's public page: Facebook, X,
 * the LinkedIn feed and LinkedIn's "add to profile" form.
 */
#ifndef BADGEGEN_SHARE_H
#define BADGEGEN_SHARE_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "date.h"

/* What the links say of an award. */
struct share_award {
	const char	*url;		/* the public page */
	const char	*name;		/* the badge's name */
	const char	*organization;	/* the issuer's name */
	const char	*cert_id;	/* the award's id */
	int64_t		 issued;
	bool		 has_expires;
	int64_t		 expires;
};

struct share_links {
	const char	*facebook;
	const char	*x;
	const char	*linkedin;		/* the feed */
	const char	*linkedin_profile;	/* add to profile */
};

/*
 * Fills out with the four links of aw, every query value
 * percent-encoded.  LinkedIn's issueYear/issueMonth (and the expiry's,
 * only when it expires) are the civil date in tz, months counted from 1.
 * The strings are allocated in a.
 */
void	 share_links(struct share_links *out, struct arena *a,
	    const struct share_award *aw, const struct tz *tz);

#endif
