/*
 * share.c - share links of an award's public page.
 */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "share.h"

/* base?k1=v1&k2=v2 for the pairs of kv whose value is not NULL. */
static const char *
link(struct arena *a, const char *base, const char *const *kv)
{
	struct buf b = BUF_INIT;
	const char *s;
	bool first = true;

	buf_puts(&b, base);
	for (; kv[0] != NULL; kv += 2) {
		if (kv[1] == NULL)
			continue;
		buf_putc(&b, first ? '?' : '&');
		first = false;
		buf_puts(&b, kv[0]);
		buf_putc(&b, '=');
		esc_query(&b, kv[1]);
	}
	s = arena_strndup(a, b.data, b.len);
	buf_release(&b);
	return s;
}

void
share_links(struct share_links *out, struct arena *a,
    const struct share_award *aw, const struct tz *tz)
{
	char iy[8], im[4], ey[8], em[4];
	struct civil c;
	const char *fb[] = { "u", aw->url, NULL };
	const char *x[] = { "text", aw->name, "url", aw->url, NULL };
	const char *li[] = { "url", aw->url, NULL };
	const char *lp[] = { "startTask", "CERTIFICATION_NAME",
	    "name", aw->name, "organizationName", aw->organization,
	    "issueYear", iy, "issueMonth", im,
	    "expirationYear", aw->has_expires ? ey : NULL,
	    "expirationMonth", aw->has_expires ? em : NULL,
	    "certUrl", aw->url, "certId", aw->cert_id, NULL };

	date_civil(&c, aw->issued, tz);
	snprintf(iy, sizeof(iy), "%d", c.year);
	snprintf(im, sizeof(im), "%d", c.month);
	if (aw->has_expires) {
		date_civil(&c, aw->expires, tz);
		snprintf(ey, sizeof(ey), "%d", c.year);
		snprintf(em, sizeof(em), "%d", c.month);
	}
	out->facebook = link(a, "https://www.facebook.com/sharer/sharer.php",
	    fb);
	out->x = link(a, "https://x.com/intent/post", x);
	out->linkedin = link(a,
	    "https://www.linkedin.com/sharing/share-offsite/", li);
	out->linkedin_profile = link(a,
	    "https://www.linkedin.com/profile/add", lp);
}
