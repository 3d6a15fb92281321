/*
 * t_date.c - date-time parsing, time zones, formatting and the clock.
 *
 * The zone tests read the system's tzdata (/usr/share/zoneinfo, installed
 * by tools/deps.sh).  Expected instants were computed independently with
 * Python's zoneinfo.
 */
#include <stdint.h>
#include <time.h>

#include "date.h"
#include "harness.h"

/* Loads a zone from tzdata; fails the test with a clear message if absent. */
static struct tz *
zone(const char *name)
{
	struct diag d = DIAG_INIT;
	struct buf m = BUF_INIT;
	struct tz *tz = NULL;

	d.quiet = true;
	d.capture = &m;
	if (tz_load(&tz, name, &d) < 0)
		FAIL_AT("cannot load time zone %s; is the tzdata package "
		    "installed (tools/deps.sh check)?\n    %s", name, m.data);
	buf_release(&m);
	return tz;
}

static int64_t
parse(const char *s)
{
	int64_t t = INT64_MIN;

	if (date_parse(&t, NULL, s) < 0)
		FAIL_AT("date_parse(\"%s\") failed", s);
	return t;
}

static void
test_date__parse_forms(void)
{
	int64_t t;
	bool z = false;

	INT_EQ(parse("2026-04-01T00:00:00Z"), 1775001600);
	INT_EQ(parse("2026-04-01T09:00:00+09:00"), 1775001600);
	INT_EQ(parse("2026-04-01T09:00:00+0900"), 1775001600);
	INT_EQ(parse("2026-03-31T19:00:00-05:00"), 1775001600);
	INT_EQ(parse("2026-03-31T19:00:00-0500"), 1775001600);
	INT_EQ(parse("2026-04-01t00:00:00z"), 1775001600);
	INT_EQ(parse("2026-04-01T00:00:00.999Z"), 1775001600);
	INT_EQ(parse("2026-04-01T00:00:00.5+00:00"), 1775001600);
	INT_EQ(parse("2026-04-01T00:00:00-00:00"), 1775001600);
	INT_EQ(parse("1970-01-01T00:00:00Z"), 0);
	INT_EQ(parse("1969-12-31T23:59:59Z"), -1);
	INT_EQ(parse("1969-12-31T23:59:59.9Z"), -1);
	INT_EQ(parse("0000-01-01T00:00:00Z"), DATE_MIN);
	INT_EQ(parse("9999-12-31T23:59:59Z"), DATE_MAX);
	/* Without seconds (ISO 8601 hh:mm; DCPV's OB 2.0 endorsements). */
	INT_EQ(parse("2017-10-01T00:00Z"), 1506816000);
	INT_EQ(parse("2026-04-01T09:00+09:00"), 1775001600);
	/* A leap second reads as the second before it. */
	INT_EQ(parse("2016-12-31T23:59:60Z"), 1483228799);
	INT_EQ(parse("2017-01-01T08:59:60+09:00"), 1483228799);

	OK(date_parse(&t, &z, "2026-04-01T09:00:00+09:00") == 0);
	OK(z);
	OK(date_parse(&t, &z, "2026-04-01T00:00:00Z") == 0);
	OK(z);
	OK(date_parse(&t, &z, "2026-04-01T00:00:00") == 0);
	OK(!z);
	INT_EQ(t, 1775001600);
	z = true;
	OK(date_parse(&t, &z, "2026-04-01") == 0);
	OK(!z);
	INT_EQ(t, 1775001600);
}

static void
test_date__parse_rejects(void)
{
	static const char *const bad[] = {
		"", "2026", "2026-04", "2026-4-01", "2026-04-1", "26-04-01",
		"+2026-04-01", "20260401", "2026-04-01T", "2026-04-01 00:00:00Z",
		"2026-04-01T0:00:00Z", "2026-04-01T00:00:0Z", "2026-04-01T00:00:",
		"2026-04-01T00:00.5Z", "2026-04-01T00Z",
		"2026-04-01T24:00:00Z", "2026-04-01T23:60:00Z",
		"2026-04-01T23:59:61Z", "2026-04-01T12:00:60Z",
		"2026-04-01T23:59:60+09:00", "2026-13-01", "2026-00-01",
		"2026-04-00", "2026-04-31", "2026-01-32", "2023-02-29",
		"1900-02-29", "2100-02-29", "2026-04-01T00:00:00.Z",
		"2026-04-01T00:00:00+9:00", "2026-04-01T00:00:00+09",
		"2026-04-01T00:00:00+09:0", "2026-04-01T00:00:00+24:00",
		"2026-04-01T00:00:00+09:60", "2026-04-01T00:00:00ZZ",
		"2026-04-01T00:00:00Z ", " 2026-04-01", "2026-04-01x",
		"2026-04-01T00:00:00UTC", "2026-04-01T00:00:00+09:00:00",
		("2026\xef\xbc\x8d" "04-01"), /* U+FF0D */ "1262304000",
	};
	size_t i;
	int64_t t;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (date_parse(&t, NULL, bad[i]) == 0)
			FAIL_AT("accepted \"%s\"", bad[i]);
	OK(date_parse(&t, NULL, NULL) < 0);
}

static void
test_date__leap_years(void)
{
	INT_EQ(parse("2000-02-29"), 951782400);
	INT_EQ(parse("2024-02-29T12:00:00Z"), 1709208000);
	INT_EQ(parse("2024-03-01"), 1709251200);
	INT_EQ(parse("2023-03-01") - parse("2023-02-28"), 86400);
	INT_EQ(parse("2024-03-01") - parse("2024-02-28"), 2 * 86400);
	INT_EQ(parse("2100-03-01") - parse("2100-02-28"), 86400);
	INT_EQ(parse("2400-03-01") - parse("2400-02-28"), 2 * 86400);
	INT_EQ(date_days(1970, 1, 1), 0);
	INT_EQ(date_days(2026, 4, 1), 1775001600 / 86400);
	INT_EQ(date_days(2026, 3, 32), date_days(2026, 4, 1));
}

static void
test_date__parse_unix(void)
{
	int64_t t;

	OK(date_parse_unix(&t, "1262304000") == 0);
	INT_EQ(t, 1262304000);
	OK(date_parse_unix(&t, "0") == 0);
	INT_EQ(t, 0);
	OK(date_parse_unix(&t, "-86400") == 0);
	INT_EQ(t, -86400);
	OK(date_parse_unix(&t, "253402300799") == 0);
	OK(date_parse_unix(&t, "253402300800") < 0);
	OK(date_parse_unix(&t, "-62167219201") < 0);
	OK(date_parse_unix(&t, "99999999999999999999999") < 0);
	OK(date_parse_unix(&t, "") < 0);
	OK(date_parse_unix(&t, "-") < 0);
	OK(date_parse_unix(&t, "+5") < 0);
	OK(date_parse_unix(&t, "1.5") < 0);
	OK(date_parse_unix(&t, "1e9") < 0);
	OK(date_parse_unix(&t, " 1") < 0);
	OK(date_parse_unix(&t, "1 ") < 0);
	OK(date_parse_unix(&t, NULL) < 0);
}

/* Checks the local time of t in tz, and its offset. */
#define CIVIL_EQ(tz, t, y, mo, d, h, mi, s, off) do { \
	struct civil c_; \
	date_civil(&c_, (t), (tz)); \
	if (c_.year != (y) || c_.month != (mo) || c_.day != (d) || \
	    c_.hour != (h) || c_.min != (mi) || c_.sec != (s) || \
	    c_.offset != (off)) \
		FAIL_AT("%lld is %04d-%02d-%02d %02d:%02d:%02d %+lld, " \
		    "expected %04d-%02d-%02d %02d:%02d:%02d %+d", \
		    (long long)(t), c_.year, c_.month, c_.day, c_.hour, \
		    c_.min, c_.sec, (long long)c_.offset, (y), (mo), (d), \
		    (h), (mi), (s), (off)); \
} while (0)

static void
test_date__utc(void)
{
	struct tz *tz = zone("UTC");
	struct civil c;

	OK(tz != NULL);
	STR_EQ(tz_name(tz), "UTC");
	CIVIL_EQ(NULL, 0, 1970, 1, 1, 0, 0, 0, 0);
	CIVIL_EQ(tz, 1775001600, 2026, 4, 1, 0, 0, 0, 0);
	CIVIL_EQ(NULL, -1, 1969, 12, 31, 23, 59, 59, 0);
	CIVIL_EQ(NULL, DATE_MIN, 0, 1, 1, 0, 0, 0, 0);
	CIVIL_EQ(NULL, DATE_MAX, 9999, 12, 31, 23, 59, 59, 0);
	/* Out of range instants are clamped. */
	CIVIL_EQ(NULL, INT64_MAX, 9999, 12, 31, 23, 59, 59, 0);
	CIVIL_EQ(NULL, INT64_MIN, 0, 1, 1, 0, 0, 0, 0);
	date_civil(&c, 1775001600, NULL);
	INT_EQ(c.wday, 3);	/* Wednesday */
	INT_EQ(c.yday, 31 + 28 + 31);
	date_civil(&c, 0, NULL);
	INT_EQ(c.wday, 4);	/* Thursday */
	date_civil(&c, -86400, NULL);
	INT_EQ(c.wday, 3);
	INT_EQ(tz_offset(NULL, 0), 0);
	tz_free(tz);
}

static void
test_date__tokyo_month_boundary(void)
{
	struct tz *tz = zone("Asia/Tokyo");

	if (tz == NULL)
		return;
	STR_EQ(tz_name(tz), "Asia/Tokyo");
	CIVIL_EQ(tz, 1774969200, 2026, 4, 1, 0, 0, 0, 32400);
	CIVIL_EQ(tz, 1774969199, 2026, 3, 31, 23, 59, 59, 32400);
	CIVIL_EQ(tz, parse("2025-12-31T15:00:00Z"), 2026, 1, 1, 0, 0, 0,
	    32400);
	CIVIL_EQ(tz, parse("2024-02-28T15:00:00Z"), 2024, 2, 29, 0, 0, 0,
	    32400);
	CIVIL_EQ(tz, parse("2100-06-30T15:00:00Z"), 2100, 7, 1, 0, 0, 0,
	    32400);
	/* Japan's daylight time of 1948-1951. */
	INT_EQ(tz_offset(tz, parse("1949-07-01T00:00:00Z")), 36000);
	/* Local mean time before 1888. */
	INT_EQ(tz_offset(tz, parse("1880-01-01T00:00:00Z")), 33539);
	tz_free(tz);
}

static void
test_date__new_york_dst(void)
{
	struct tz *tz = zone("America/New_York");

	if (tz == NULL)
		return;
	/* 2024-03-10 02:00 EST -> 03:00 EDT at 07:00Z. */
	CIVIL_EQ(tz, 1710054000 - 1, 2024, 3, 10, 1, 59, 59, -18000);
	CIVIL_EQ(tz, 1710054000, 2024, 3, 10, 3, 0, 0, -14400);
	/* 2024-11-03 02:00 EDT -> 01:00 EST at 06:00Z: 01:xx twice. */
	CIVIL_EQ(tz, 1730613600 - 1, 2024, 11, 3, 1, 59, 59, -14400);
	CIVIL_EQ(tz, 1730613600, 2024, 11, 3, 1, 0, 0, -18000);
	/* Year 2100 is past the last transition: the footer's rule. */
	CIVIL_EQ(tz, 4108690800 - 1, 2100, 3, 14, 1, 59, 59, -18000);
	CIVIL_EQ(tz, 4108690800, 2100, 3, 14, 3, 0, 0, -14400);
	CIVIL_EQ(tz, 4129250400 - 1, 2100, 11, 7, 1, 59, 59, -14400);
	CIVIL_EQ(tz, 4129250400, 2100, 11, 7, 1, 0, 0, -18000);
	CIVIL_EQ(tz, parse("2100-01-01T04:59:59Z"), 2099, 12, 31, 23, 59,
	    59, -18000);
	/* Local mean time before 1883-11-18 17:00 LMT. */
	INT_EQ(tz_offset(tz, parse("1883-01-01T00:00:00Z")), -17762);
	tz_free(tz);
}

static void
test_date__berlin_dst(void)
{
	struct tz *tz = zone("Europe/Berlin");

	if (tz == NULL)
		return;
	CIVIL_EQ(tz, 1711846800 - 1, 2024, 3, 31, 1, 59, 59, 3600);
	CIVIL_EQ(tz, 1711846800, 2024, 3, 31, 3, 0, 0, 7200);
	CIVIL_EQ(tz, 1729990800 - 1, 2024, 10, 27, 2, 59, 59, 7200);
	CIVIL_EQ(tz, 1729990800, 2024, 10, 27, 2, 0, 0, 3600);
	CIVIL_EQ(tz, 4109878800 - 1, 2100, 3, 28, 1, 59, 59, 3600);
	CIVIL_EQ(tz, 4109878800, 2100, 3, 28, 3, 0, 0, 7200);
	CIVIL_EQ(tz, 4128627600 - 1, 2100, 10, 31, 2, 59, 59, 7200);
	CIVIL_EQ(tz, 4128627600, 2100, 10, 31, 2, 0, 0, 3600);
	/* Double summer time of 1945 (+03:00). */
	INT_EQ(tz_offset(tz, parse("1945-06-01T00:00:00Z")), 10800);
	tz_free(tz);
}

static void
test_date__sydney_southern(void)
{
	struct tz *tz = zone("Australia/Sydney");

	if (tz == NULL)
		return;
	INT_EQ(tz_offset(tz, 4110451200 - 1), 39600);
	INT_EQ(tz_offset(tz, 4110451200), 36000);
	INT_EQ(tz_offset(tz, 4126176000 - 1), 36000);
	INT_EQ(tz_offset(tz, 4126176000), 39600);
	CIVIL_EQ(tz, parse("2099-12-31T13:00:00Z"), 2100, 1, 1, 0, 0, 0,
	    39600);
	tz_free(tz);
}

/* The same answers as the C library's own zone code, 1900 to 2200. */
static void
test_date__matches_libc(void)
{
	static const char *const names[] = {
		"America/New_York", "Europe/Berlin", "Asia/Tokyo",
		"Australia/Lord_Howe", "America/Sao_Paulo", "Africa/Casablanca",
		"Europe/Dublin", "Pacific/Chatham", "America/St_Johns",
		"Asia/Kolkata",
	};
	struct tm tm;
	struct tz *tz;
	time_t tt;
	int64_t t;
	size_t i, bad;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if ((tz = zone(names[i])) == NULL)
			continue;
		/* Test code only: badgegen itself never touches TZ. */
		setenv("TZ", names[i], 1);
		tzset();
		bad = 0;
		for (t = -2208988800; t < 7258118400; t += 86400 / 3 + 61) {
			tt = (time_t)t;
			localtime_r(&tt, &tm);
			if (tm.tm_gmtoff != tz_offset(tz, t) && bad++ < 3)
				FAIL_AT("%s at %lld: libc says %ld, we %lld",
				    names[i], (long long)t, tm.tm_gmtoff,
				    (long long)tz_offset(tz, t));
		}
		tz_free(tz);
	}
	setenv("TZ", "UTC", 1);
	tzset();
}

static void
test_date__posix_rules(void)
{
	struct tz *tz;
	struct diag d = DIAG_INIT;
	struct buf m = BUF_INIT;
	static const char *const bad[] = {
		"", "J", "JS-9", "JST", "JST-", "JST-25", "JST-9x",
		"CET-1CEST,M3.5.0", "CET-1CEST,M3.5.0,", "CET-1CEST,M13.5.0,M10.5.0",
		"CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,M3.5.7,M10.5.0",
		"CET-1CEST,J0,J100", "CET-1CEST,366,J100",
		"CET-1CEST,M3.5.0/168,M10.5.0", "<AB>-1", "<ABC-1",
		"CET-1CEST,M3.5.0,M10.5.0/3x", "CET-1:60",
	};
	size_t i;

	d.quiet = true;
	d.capture = &m;
	OK(tz_posix(&tz, "JST-9", &d) == 0);
	INT_EQ(tz_offset(tz, 0), 32400);
	INT_EQ(tz_offset(tz, DATE_MAX), 32400);
	STR_EQ(tz_name(tz), "JST-9");
	tz_free(tz);

	OK(tz_posix(&tz, "<+0530>-5:30", &d) == 0);
	INT_EQ(tz_offset(tz, 0), 19800);
	tz_free(tz);

	OK(tz_posix(&tz, "CET-1CEST,M3.5.0,M10.5.0/3", &d) == 0);
	INT_EQ(tz_offset(tz, 1711846800 - 1), 3600);
	INT_EQ(tz_offset(tz, 1711846800), 7200);
	INT_EQ(tz_offset(tz, 1729990800 - 1), 7200);
	INT_EQ(tz_offset(tz, 1729990800), 3600);
	tz_free(tz);

	OK(tz_posix(&tz, "EST5EDT,M3.2.0,M11.1.0", &d) == 0);
	INT_EQ(tz_offset(tz, 1710054000 - 1), -18000);
	INT_EQ(tz_offset(tz, 1710054000), -14400);
	INT_EQ(tz_offset(tz, 1730613600 - 1), -14400);
	INT_EQ(tz_offset(tz, 1730613600), -18000);
	tz_free(tz);

	/* No rule: the US one. */
	OK(tz_posix(&tz, "EST5EDT", &d) == 0);
	INT_EQ(tz_offset(tz, 1710054000), -14400);
	tz_free(tz);

	/* Southern hemisphere: daylight time spans the new year. */
	OK(tz_posix(&tz, "AEST-10AEDT,M10.1.0,M4.1.0/3", &d) == 0);
	INT_EQ(tz_offset(tz, parse("2026-01-01T00:00:00Z")), 39600);
	INT_EQ(tz_offset(tz, parse("2026-07-01T00:00:00Z")), 36000);
	INT_EQ(tz_offset(tz, 4110451200), 36000);
	INT_EQ(tz_offset(tz, 4110451200 - 1), 39600);
	tz_free(tz);

	/* Permanent daylight time (RFC 8536 section 3.3.1). */
	OK(tz_posix(&tz, "EST5EDT4,0/0,J365/25", &d) == 0);
	INT_EQ(tz_offset(tz, parse("2026-01-01T04:30:00Z")), -14400);
	INT_EQ(tz_offset(tz, parse("2026-07-01T00:00:00Z")), -14400);
	INT_EQ(tz_offset(tz, parse("2026-12-31T23:00:00Z")), -14400);
	tz_free(tz);

	/* Julian days: J60 is 1 March even in leap years; 59 is 29 Feb. */
	OK(tz_posix(&tz, "AAA0BBB,J60/0,J300/0", &d) == 0);
	INT_EQ(tz_offset(tz, parse("2024-02-29T23:59:59Z")), 0);
	INT_EQ(tz_offset(tz, parse("2024-03-01T00:00:00Z")), 3600);
	tz_free(tz);
	OK(tz_posix(&tz, "AAA0BBB,59/0,300/0", &d) == 0);
	INT_EQ(tz_offset(tz, parse("2024-02-29T00:00:00Z")), 3600);
	INT_EQ(tz_offset(tz, parse("2023-03-01T00:00:00Z")), 3600);
	INT_EQ(tz_offset(tz, parse("2023-02-28T23:59:59Z")), 0);
	tz_free(tz);

	/* Negative and over-24-hour rule times (TZif version 3). */
	OK(tz_posix(&tz, "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", &d) == 0);
	tz_free(tz);
	OK(tz_posix(&tz, "IST-2IDT,M3.4.4/26,M10.5.0", &d) == 0);
	INT_EQ(tz_offset(tz, parse("2026-03-27T00:00:00Z")), 10800);
	INT_EQ(tz_offset(tz, parse("2026-03-26T23:59:59Z")), 7200);
	tz_free(tz);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&m);
		if (tz_posix(&tz, bad[i], &d) == 0) {
			FAIL_AT("accepted \"%s\"", bad[i]);
			tz_free(tz);
		}
		OK(tz == NULL);
		OK(strstr(m.data, "expected a POSIX TZ string") != NULL);
	}
	buf_release(&m);
}

static void
test_date__zone_names(void)
{
	static const char *const bad[] = {
		"", "/etc/passwd", "../etc/passwd", "Asia/../../etc/passwd",
		"Asia//Tokyo", "Asia/", "Asia/Tokyo ", "Asia/Tōkyō", "Asia\\Tokyo",
		"Asia/.Tokyo", "a;b", "$HOME", "~root",
	};
	static const char *const good[] = {
		"UTC", "Asia/Tokyo", "America/Argentina/Buenos_Aires",
		"Etc/GMT+9", "Etc/GMT-14", "EST5EDT",
	};
	struct diag d = DIAG_INIT;
	struct buf m = BUF_INIT;
	struct tz *tz;
	size_t i;

	d.quiet = true;
	d.capture = &m;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		OK(!tz_name_ok(bad[i]));
		buf_reset(&m);
		if (tz_load(&tz, bad[i], &d) == 0) {
			FAIL_AT("loaded \"%s\"", bad[i]);
			tz_free(tz);
		}
		OK(strstr(m.data, "expected an IANA name") != NULL);
	}
	OK(!tz_name_ok(NULL));
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		OK(tz_name_ok(good[i]));
		if ((tz = zone(good[i])) != NULL)
			STR_EQ(tz_name(tz), good[i]);
		tz_free(tz);
	}
	buf_reset(&m);
	OK(tz_load(&tz, "Asia/Tokio", &d) < 0);
	OK(tz == NULL);
	STR_EQ(m.data, "error: unknown time zone \"Asia/Tokio\" "
	    "(no /usr/share/zoneinfo/Asia/Tokio)\n");
	buf_reset(&m);
	OK(tz_load(&tz, "Asia", &d) < 0);
	OK(strstr(m.data, "is not a zone file") != NULL);
	/* Abbreviations that name no zone file get the IANA name. */
	buf_reset(&m);
	OK(tz_load(&tz, "JST", &d) < 0);
	STR_EQ(m.data, "error: unknown time zone \"JST\": an abbreviation is "
	    "not a zone; write the IANA name, Asia/Tokyo\n");
	buf_reset(&m);
	OK(tz_load(&tz, "jst-9", &d) < 0);
	OK(strstr(m.data, "write the IANA name, Asia/Tokyo") != NULL);
	buf_reset(&m);
	OK(tz_load(&tz, "PDT", &d) < 0);
	OK(strstr(m.data, "America/Los_Angeles") != NULL);
	buf_reset(&m);
	OK(tz_load(&tz, "JSTX", &d) < 0);
	OK(strstr(m.data, "(no /usr/share/zoneinfo/JSTX)") != NULL);
	INT_EQ(tz_offset(NULL, 12345), 0);
	tz_free(NULL);
	buf_release(&m);
}

/* TZif data built here: a header and the data block for ts-byte times. */
struct zdef {
	size_t		 ntimes;
	int64_t		 times[4];
	unsigned char	 idx[4];
	size_t		 ntypes;
	int32_t		 off[3];
	unsigned char	 dst[3];
};

static void
put32(struct buf *b, uint32_t v)
{
	buf_putc(b, (int)(v >> 24 & 0xff));
	buf_putc(b, (int)(v >> 16 & 0xff));
	buf_putc(b, (int)(v >> 8 & 0xff));
	buf_putc(b, (int)(v & 0xff));
}

static void
zblock(struct buf *b, int version, const struct zdef *z, int ts)
{
	size_t i;

	BUF_PUTSL(b, "TZif");
	buf_putc(b, version == 1 ? 0 : '0' + version);
	buf_put(b, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 15);
	put32(b, 0);			/* isutcnt */
	put32(b, 0);			/* isstdcnt */
	put32(b, 0);			/* leapcnt */
	put32(b, (uint32_t)z->ntimes);
	put32(b, (uint32_t)z->ntypes);
	put32(b, 4);			/* charcnt: "ABC\0" */
	for (i = 0; i < z->ntimes; i++) {
		if (ts == 8)
			put32(b, (uint32_t)((uint64_t)z->times[i] >> 32));
		put32(b, (uint32_t)z->times[i]);
	}
	for (i = 0; i < z->ntimes; i++)
		buf_putc(b, z->idx[i]);
	for (i = 0; i < z->ntypes; i++) {
		put32(b, (uint32_t)z->off[i]);
		buf_putc(b, z->dst[i]);
		buf_putc(b, 0);
	}
	buf_put(b, "ABC", 4);
}

static int
zparse(struct tz **out, const struct buf *b, struct buf *m)
{
	struct diag d = DIAG_INIT;

	d.quiet = true;
	d.capture = m;
	buf_reset(m);
	return tz_parse(out, "test", b->data, b->len, &d);
}

static void
test_date__tzif(void)
{
	struct zdef z = {
		2, { 0, 1000000 }, { 1, 0 }, 2, { 3600, 7200 }, { 0, 1 }
	};
	struct buf b = BUF_INIT, m = BUF_INIT;
	struct tz *tz;
	size_t i;

	/* Version 1: 32-bit times, no footer. */
	zblock(&b, 1, &z, 4);
	OK(zparse(&tz, &b, &m) == 0);
	INT_EQ(tz_offset(tz, -1), 3600);	/* before: type 0 */
	INT_EQ(tz_offset(tz, 0), 7200);
	INT_EQ(tz_offset(tz, 999999), 7200);
	INT_EQ(tz_offset(tz, 1000000), 3600);	/* after: the last type */
	INT_EQ(tz_offset(tz, DATE_MAX), 3600);
	tz_free(tz);

	/* Version 2: the 64-bit block and the footer's rule are used. */
	for (i = 2; i <= 4; i++) {
		buf_reset(&b);
		zblock(&b, (int)i, &z, 4);
		z.times[1] = 5000000000;
		zblock(&b, (int)i, &z, 8);
		BUF_PUTSL(&b, "\nJST-9\n");
		z.times[1] = 1000000;
		OK(zparse(&tz, &b, &m) == 0);
		INT_EQ(tz_offset(tz, 4999999999), 7200);
		INT_EQ(tz_offset(tz, 5000000000), 32400);
		tz_free(tz);
	}

	/* An empty footer: the last type stays in effect. */
	buf_reset(&b);
	zblock(&b, 2, &z, 4);
	zblock(&b, 2, &z, 8);
	BUF_PUTSL(&b, "\n\n");
	OK(zparse(&tz, &b, &m) == 0);
	INT_EQ(tz_offset(tz, DATE_MAX), 3600);
	tz_free(tz);

	/* No transitions: the footer applies throughout. */
	buf_reset(&b);
	z.ntimes = 0;
	zblock(&b, 2, &z, 4);
	zblock(&b, 2, &z, 8);
	BUF_PUTSL(&b, "\nEST5EDT,M3.2.0,M11.1.0\n");
	OK(zparse(&tz, &b, &m) == 0);
	INT_EQ(tz_offset(tz, 1710054000), -14400);
	INT_EQ(tz_offset(tz, 0), -18000);
	tz_free(tz);
	z.ntimes = 2;

	buf_release(&b);
	buf_release(&m);
}

static void
test_date__tzif_rejects(void)
{
	struct zdef good = {
		2, { 0, 1000000 }, { 1, 0 }, 2, { 3600, 7200 }, { 0, 1 }
	}, z;
	struct buf b = BUF_INIT, m = BUF_INIT;
	struct tz *tz = NULL;
	size_t i;

#define REJECT(phrase) do { \
	if (zparse(&tz, &b, &m) == 0) { \
		FAIL_AT("accepted bad TZif data"); \
		tz_free(tz); \
	} else if (strstr(m.data, (phrase)) == NULL) \
		FAIL_AT("message \"%s\" lacks \"%s\"", m.data, (phrase)); \
	OK(tz == NULL); \
} while (0)

	BUF_PUTSL(&b, "TZjf");
	REJECT("not a TZif file");
	buf_reset(&b);
	REJECT("not a TZif file");

	z = good;
	buf_reset(&b);
	zblock(&b, 1, &z, 4);
	b.data[4] = '5';
	REJECT("unknown TZif version");

	/* Every truncation of a good file is refused. */
	buf_reset(&b);
	zblock(&b, 2, &z, 4);
	zblock(&b, 2, &z, 8);
	BUF_PUTSL(&b, "\nJST-9\n");
	for (i = b.len - 1; i > 0; i--) {
		struct buf c = BUF_INIT;

		buf_put(&c, b.data, i);
		if (zparse(&tz, &c, &m) == 0) {
			FAIL_AT("accepted %zu of %zu bytes", i, b.len);
			tz_free(tz);
		}
		buf_release(&c);
	}

	z = good;
	z.times[1] = -5;
	buf_reset(&b);
	zblock(&b, 1, &z, 4);
	REJECT("out of order");

	z = good;
	z.idx[0] = 2;
	buf_reset(&b);
	zblock(&b, 1, &z, 4);
	REJECT("type that does not exist");

	z = good;
	z.off[0] = 100 * 3600;
	buf_reset(&b);
	zblock(&b, 1, &z, 4);
	REJECT("offset out of range");

	z = good;
	z.dst[0] = 2;
	buf_reset(&b);
	zblock(&b, 1, &z, 4);
	REJECT("daylight-time flag");

	z = good;
	z.ntypes = 0;
	buf_reset(&b);
	zblock(&b, 1, &z, 4);
	REJECT("bad counts");

	/* Leap second records ("right/" zones). */
	z = good;
	buf_reset(&b);
	zblock(&b, 1, &z, 4);
	b.data[31] = 1;
	REJECT("leap-second");

	z = good;
	buf_reset(&b);
	zblock(&b, 2, &z, 4);
	zblock(&b, 2, &z, 8);
	REJECT("no footer");
	BUF_PUTSL(&b, "JST-9\n");
	REJECT("no footer");
	buf_truncate(&b, b.len - 6);
	BUF_PUTSL(&b, "\nJST-9");
	REJECT("no footer");
	BUF_PUTSL(&b, "x\n");
	REJECT("bad TZ string in the footer");
	buf_truncate(&b, b.len - 8);
	buf_put(&b, "\nJST\0-9\n", 8);
	REJECT("bad TZ string in the footer");
	STR_EQ(m.data, "error: time zone \"test\": bad TZif data: "
	    "bad TZ string in the footer\n");
#undef REJECT
	buf_release(&b);
	buf_release(&m);
}

static const char *
fmt(int64_t t, const struct tz *tz, const char *lang, enum date_style st)
{
	static char out[128];
	struct buf b = BUF_INIT;

	date_format(&b, t, tz, lang, st);
	snprintf(out, sizeof(out), "%s", b.data);
	buf_release(&b);
	return out;
}

static void
test_date__format(void)
{
	struct tz *tk = zone("Asia/Tokyo"), *ny = zone("America/New_York");
	int64_t t = 1775001600;		/* 2026-04-01T00:00:00Z */

	STR_EQ(fmt(t, tk, "ja", DATE_LONG), "2026年4月1日");
	STR_EQ(fmt(t, tk, "ja-JP", DATE_LONG), "2026年4月1日");
	STR_EQ(fmt(t, tk, "en", DATE_LONG), "1 April 2026");
	STR_EQ(fmt(t, tk, "fr", DATE_LONG), "1 April 2026");
	STR_EQ(fmt(t, tk, NULL, DATE_LONG), "1 April 2026");
	STR_EQ(fmt(t, tk, "jax", DATE_LONG), "1 April 2026");
	STR_EQ(fmt(t - 1, tk, "ja", DATE_LONG), "2026年4月1日");
	STR_EQ(fmt(t - 1, NULL, "ja", DATE_LONG), "2026年3月31日");
	STR_EQ(fmt(t - 1, ny, "en", DATE_LONG), "31 March 2026");
	/* An instant shown in the zone: 2026-03-19T15:00:00Z in Tokyo. */
	STR_EQ(fmt(t - 12 * 86400 - 9 * 3600, tk, "ja", DATE_LONG_TIME),
	    "2026年3月20日 0:00");
	STR_EQ(fmt(t - 12 * 86400 - 9 * 3600, tk, "en", DATE_LONG_TIME),
	    "20 March 2026, 00:00");
	STR_EQ(fmt(t + 13 * 3600 + 5 * 60, ny, "en", DATE_LONG_TIME),
	    "1 April 2026, 09:05");
	STR_EQ(fmt(t, tk, "ja", DATE_YMD), "2026-04-01");
	STR_EQ(fmt(t - 9 * 3600 - 1, tk, "ja", DATE_YMD), "2026-03-31");
	STR_EQ(fmt(t, tk, "ja", DATE_ISO_LOCAL), "2026-04-01T09:00:00+09:00");
	STR_EQ(fmt(t, ny, "en", DATE_ISO_LOCAL), "2026-03-31T20:00:00-04:00");
	STR_EQ(fmt(t, NULL, "en", DATE_ISO_LOCAL), "2026-04-01T00:00:00+00:00");
	STR_EQ(fmt(t, tk, "ja", DATE_ISO_UTC), "2026-04-01T00:00:00Z");
	STR_EQ(fmt(t, NULL, "ja", DATE_ISO_UTC), "2026-04-01T00:00:00Z");
	STR_EQ(fmt(t, tk, "ja", DATE_RFC5322),
	    "Wed, 01 Apr 2026 09:00:00 +0900");
	STR_EQ(fmt(t, ny, "ja", DATE_RFC5322),
	    "Tue, 31 Mar 2026 20:00:00 -0400");
	STR_EQ(fmt(parse("2026-12-25T23:59:59Z"), NULL, "en", DATE_RFC5322),
	    "Fri, 25 Dec 2026 23:59:59 +0000");
	STR_EQ(fmt(parse("2024-02-29T12:00:00Z"), NULL, "en", DATE_LONG),
	    "29 February 2024");
	STR_EQ(fmt(DATE_MIN, NULL, "en", DATE_ISO_UTC), "0000-01-01T00:00:00Z");
	STR_EQ(fmt(DATE_MAX, NULL, "ja", DATE_LONG), "9999年12月31日");
	/* India: +05:30. */
	{
		struct tz *in = zone("Asia/Kolkata");

		STR_EQ(fmt(t, in, "en", DATE_ISO_LOCAL),
		    "2026-04-01T05:30:00+05:30");
		STR_EQ(fmt(t, in, "en", DATE_RFC5322),
		    "Wed, 01 Apr 2026 05:30:00 +0530");
		tz_free(in);
	}
	/* Local mean time (+09:18:59 in Tokyo) is written in UTC. */
	STR_EQ(fmt(parse("1880-01-01T00:00:00Z"), tk, "en", DATE_ISO_LOCAL),
	    "1880-01-01T00:00:00+00:00");
	STR_EQ(fmt(parse("1880-01-01T00:00:00Z"), tk, "en", DATE_YMD),
	    "1880-01-01");
	/* Appends. */
	{
		struct buf b = BUF_INIT;

		BUF_PUTSL(&b, "on ");
		date_format(&b, t, tk, "en", DATE_YMD);
		STR_EQ(b.data, "on 2026-04-01");
		buf_release(&b);
	}
	tz_free(tk);
	tz_free(ny);
}

/* Formats what date_parse read back: the round trip is exact. */
static void
test_date__round_trip(void)
{
	struct tz *tz = zone("America/New_York");
	struct buf b = BUF_INIT;
	int64_t t, u;

	for (t = parse("1970-01-01") ; t < parse("2200-01-01");
	    t += 86400 * 37 + 3607) {
		buf_reset(&b);
		date_format(&b, t, tz, "en", DATE_ISO_LOCAL);
		if (date_parse(&u, NULL, b.data) < 0 || u != t)
			FAIL_AT("%lld -> %s -> %lld", (long long)t, b.data,
			    (long long)u);
		buf_reset(&b);
		date_format(&b, t, NULL, "en", DATE_ISO_UTC);
		if (date_parse(&u, NULL, b.data) < 0 || u != t)
			FAIL_AT("%lld -> %s -> %lld", (long long)t, b.data,
			    (long long)u);
	}
	buf_release(&b);
	tz_free(tz);
}

static void
test_date__clock(void)
{
	static const char *const bad[] = {
		"", "abc", "1775001600 ", "-1", "+1", "1.5", "1e9",
		"99999999999999999999",
	};
	struct diag d = DIAG_INIT;
	struct buf m = BUF_INIT;
	int64_t t = 0, before;
	size_t i;

	d.quiet = true;
	d.capture = &m;
	unsetenv("SOURCE_DATE_EPOCH");
	before = (int64_t)time(NULL);
	OK(clock_now(&t, NULL, &d) == 0);
	OK(t >= before && t <= before + 5);

	setenv("SOURCE_DATE_EPOCH", "1775001600", 1);
	OK(clock_now(&t, NULL, &d) == 0);
	INT_EQ(t, 1775001600);
	/* --now wins over SOURCE_DATE_EPOCH. */
	OK(clock_now(&t, "2030-01-01T09:00:00+09:00", &d) == 0);
	INT_EQ(t, parse("2030-01-01T00:00:00Z"));
	OK(clock_now(&t, "@86400", &d) == 0);
	INT_EQ(t, 86400);
	OK(clock_now(&t, "@-86400", &d) == 0);
	INT_EQ(t, -86400);
	OK(clock_now(&t, "2030-01-01", &d) == 0);
	INT_EQ(t, parse("2030-01-01T00:00:00Z"));
	INT_EQ(d.warnings, 0);
	OK(clock_now(&t, "2030-01-01T00:00:00", &d) == 0);
	INT_EQ(d.warnings, 1);
	OK(strstr(m.data, "warning: --now: \"2030-01-01T00:00:00\" has no "
	    "time zone; taking it as UTC") != NULL);

	buf_reset(&m);
	t = 42;
	OK(clock_now(&t, "tomorrow", &d) < 0);
	INT_EQ(t, 42);
	STR_EQ(m.data, "error: --now: expected a date-time such as "
	    "2026-04-01T09:00:00+09:00, a date such as 2026-04-01 or "
	    "@<unix seconds>, not \"tomorrow\"\n");
	buf_reset(&m);
	OK(clock_now(&t, "@", &d) < 0);
	OK(clock_now(&t, "@1.5", &d) < 0);
	OK(clock_now(&t, "", &d) < 0);

	/* A bad SOURCE_DATE_EPOCH is an error naming it. */
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("SOURCE_DATE_EPOCH", bad[i], 1);
		buf_reset(&m);
		if (clock_now(&t, NULL, &d) == 0)
			FAIL_AT("accepted SOURCE_DATE_EPOCH=\"%s\"", bad[i]);
		OK(strncmp(m.data, "error: SOURCE_DATE_EPOCH: expected decimal "
		    "seconds", 44) == 0);
	}
	/* ... unless --now is given. */
	OK(clock_now(&t, "@5", &d) == 0);
	INT_EQ(t, 5);
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	OK(clock_now(&t, NULL, &d) == 0);
	INT_EQ(t, 0);
	unsetenv("SOURCE_DATE_EPOCH");
	buf_release(&m);
}

/* date_parse_written: y-m-d h:m:s of s, or "-" when refused. */
static void
written(struct buf *out, const char *s)
{
	struct civil c;
	bool timed;

	buf_reset(out);
	if (date_parse_written(&c, &timed, s) < 0)
		buf_puts(out, "-");
	else
		buf_printf(out, "%04d-%02d-%02d%s%02d:%02d:%02d", c.year,
		    c.month, c.day, timed ? " " : " (", c.hour, c.min, c.sec);
}

#define WRITTEN(s, want) do { written(&b, s); STR_EQ(b.data, want); } while (0)

static void
test_date__parse_written(void)
{
	static const char *const bad[] = {
		"", "2026", "2026-03", "26/3/25", "20260/3/25", "2026/3/25/1",
		"2026/13/1", "2026/2/29", "2026/4/31", "2026/0/1", "2026/1/0",
		"2026-3/25", "2026年3月25", "2026年3月", "2026年13月1日",
		"令和0年1月1日", "令和8/3/25", "R8年3月25日x", "R", "R.3.25",
		"X8.3.25", "R100.1.1", "平成31年5月1日", "令和元年4月30日",
		"H31.5.1", "S64.1.8", "M1.1.24", "2026/3/25 24:00",
		"2026/3/25 9", "2026/3/25 9:0", "2026/3/25 9:00:60",
		"2026/3/25 9:00 x", "2026/3/25x", "yesterday", "R8.3.25.",
		"令和八年三月二十五日", "2026-03-25T00:00:00Z",
	};
	struct buf b = BUF_INIT;
	size_t i;

	WRITTEN("2026-03-25", "2026-03-25 (00:00:00");
	WRITTEN("2026/3/25", "2026-03-25 (00:00:00");
	WRITTEN("2026-3-5", "2026-03-05 (00:00:00");
	WRITTEN("2026.3.25", "2026-03-25 (00:00:00");
	WRITTEN("2026年3月25日", "2026-03-25 (00:00:00");
	WRITTEN("２０２６年３月２５日", "2026-03-25 (00:00:00");
	WRITTEN("　2026/3/25 ", "2026-03-25 (00:00:00");
	WRITTEN("2026/3/25 9:00", "2026-03-25 09:00:00");
	WRITTEN("2026年3月25日 9:05:07", "2026-03-25 09:05:07");
	WRITTEN("2024/2/29", "2024-02-29 (00:00:00");
	/* Reiwa 8 is 2026, Heisei 1 is 1989. */
	WRITTEN("令和8年3月25日", "2026-03-25 (00:00:00");
	WRITTEN("R8.3.25", "2026-03-25 (00:00:00");
	WRITTEN("r8.3.25", "2026-03-25 (00:00:00");
	WRITTEN("R8/3/25", "2026-03-25 (00:00:00");
	WRITTEN("R08.03.25", "2026-03-25 (00:00:00");
	WRITTEN("Ｒ８．３．２５", "2026-03-25 (00:00:00");
	WRITTEN("令和元年5月1日", "2019-05-01 (00:00:00");
	WRITTEN("R元.5.1", "2019-05-01 (00:00:00");
	WRITTEN("平成31年4月30日", "2019-04-30 (00:00:00");
	WRITTEN("H31.4.30", "2019-04-30 (00:00:00");
	WRITTEN("平成元年1月8日", "1989-01-08 (00:00:00");
	WRITTEN("昭和64年1月7日", "1989-01-07 (00:00:00");
	WRITTEN("S64.1.7", "1989-01-07 (00:00:00");
	WRITTEN("大正15年12月24日", "1926-12-24 (00:00:00");
	WRITTEN("T1.7.30", "1912-07-30 (00:00:00");
	WRITTEN("明治45年7月29日", "1912-07-29 (00:00:00");
	WRITTEN("令和8年3月25日 13:30", "2026-03-25 13:30:00");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		written(&b, bad[i]);
		if (strcmp(b.data, "-") != 0)
			FAIL_AT("date_parse_written(\"%s\") accepted: %s",
			    bad[i], b.data);
	}
	written(&b, NULL);
	STR_EQ(b.data, "-");
	buf_release(&b);
}

TESTS(
	T(test_date__parse_forms),
	T(test_date__parse_written),
	T(test_date__parse_rejects),
	T(test_date__leap_years),
	T(test_date__parse_unix),
	T(test_date__utc),
	T(test_date__tokyo_month_boundary),
	T(test_date__new_york_dst),
	T(test_date__berlin_dst),
	T(test_date__sydney_southern),
	T(test_date__matches_libc),
	T(test_date__posix_rules),
	T(test_date__zone_names),
	T(test_date__tzif),
	T(test_date__tzif_rejects),
	T(test_date__format),
	T(test_date__round_trip),
	T(test_date__clock)
)
