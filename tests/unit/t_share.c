/* t_share.c - share links: encoding, months from 1, the site's zone. */
#include <string.h>

#include "harness.h"
#include "share.h"

static struct share_links
links(struct arena *a, const char *zone, int64_t issued, bool exp,
    int64_t expires)
{
	struct share_award aw;
	struct share_links sl;
	struct tz *tz = NULL;

	memset(&aw, 0, sizeof(aw));
	aw.url = "https://badges.example.ac.jp/awards/2026/x/";
	aw.name = "AI・データ & Python";
	aw.organization = "架空大学 学務部";
	aw.cert_id = "urn:uuid:1234";
	aw.issued = issued;
	aw.has_expires = exp;
	aw.expires = expires;
	if (zone != NULL && tz_load(&tz, zone, NULL) < 0)
		FAIL_AT("no zone %s (tzdata)", zone);
	share_links(&sl, a, &aw, tz);
	tz_free(tz);
	return sl;
}

static void
test_share__encoding(void)
{
	struct arena a = ARENA_INIT;
	struct share_links sl = links(&a, NULL, 1775001600, false, 0);

	STR_EQ(sl.facebook, "https://www.facebook.com/sharer/sharer.php?u="
	    "https%3A%2F%2Fbadges.example.ac.jp%2Fawards%2F2026%2Fx%2F");
	STR_EQ(sl.linkedin, "https://www.linkedin.com/sharing/share-offsite/"
	    "?url=https%3A%2F%2Fbadges.example.ac.jp%2Fawards%2F2026%2Fx%2F");
	STR_EQ(sl.x, "https://x.com/intent/post?text=AI%E3%83%BB%E3%83%87"
	    "%E3%83%BC%E3%82%BF%20%26%20Python&url=https%3A%2F%2Fbadges."
	    "example.ac.jp%2Fawards%2F2026%2Fx%2F");
	OK(strstr(sl.linkedin_profile, "organizationName=%E6%9E%B6%E7%A9%BA"
	    "%E5%A4%A7%E5%AD%A6%20%E5%AD%A6%E5%8B%99%E9%83%A8&") != NULL);
	OK(strstr(sl.linkedin_profile, "&certId=urn%3Auuid%3A1234") != NULL);
	/* No expiry: no expiration fields at all. */
	OK(strstr(sl.linkedin_profile, "expiration") == NULL);
	arena_release(&a);
}

static void
test_share__months_from_one_in_the_site_zone(void)
{
	struct arena a = ARENA_INIT;
	struct share_links sl;

	/* 2026-03-31T15:30:00Z: April 1 in Tokyo, March 31 in UTC. */
	sl = links(&a, "Asia/Tokyo", 1774971000, false, 0);
	OK(strstr(sl.linkedin_profile, "issueYear=2026&issueMonth=4&") != NULL);
	sl = links(&a, "UTC", 1774971000, false, 0);
	OK(strstr(sl.linkedin_profile, "issueYear=2026&issueMonth=3&") != NULL);
	/* 2026-12-31T23:30:00Z: January 2027 in Tokyo, expiry in 2027-12. */
	sl = links(&a, "Asia/Tokyo", 1798759800, true, 1830295800);
	OK(strstr(sl.linkedin_profile, "issueYear=2027&issueMonth=1&"
	    "expirationYear=2028&expirationMonth=1&") != NULL);
	sl = links(&a, "UTC", 1798759800, true, 1830295800);
	OK(strstr(sl.linkedin_profile, "issueYear=2026&issueMonth=12&"
	    "expirationYear=2027&expirationMonth=12&") != NULL);
	/* January is 1, never 0. */
	sl = links(&a, "UTC", 1767225600, false, 0);
	OK(strstr(sl.linkedin_profile, "issueYear=2026&issueMonth=1&") != NULL);
	arena_release(&a);
}

TESTS(T(test_share__encoding), T(test_share__months_from_one_in_the_site_zone))
