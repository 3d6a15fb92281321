/*
 * date.h - date-times, IANA time zones and the clock.
 *
 * Instants are int64_t seconds since 1970-01-01T00:00:00Z, leap seconds
 * not counted (POSIX time).  Time zones are read from the TZif files of
 * the tzdata package in /usr/share/zoneinfo (RFC 8536, versions 1 to 4)
 * and evaluated here, with no global state: nothing in this module calls
 * tzset, localtime or setenv, so every function is thread-safe.  Only
 * the zone "UTC" is built in and works without tzdata.
 *
 * clock_now is the only function of badgegen that reads the clock.
 */
#ifndef BADGEGEN_DATE_H
#define BADGEGEN_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"

/* The instants this module handles: years 0000 to 9999, UTC. */
#define DATE_MIN	INT64_C(-62167219200)	/* 0000-01-01T00:00:00Z */
#define DATE_MAX	INT64_C(253402300799)	/* 9999-12-31T23:59:59Z */

/* Where tz_load looks for zones. */
#define TZ_DIR		"/usr/share/zoneinfo"

struct tz;

/*
 * Loads the IANA zone name ("Asia/Tokyo") from TZ_DIR.  The name must
 * be made of [A-Za-z0-9/_+-], relative, without empty or ".." parts.
 * "UTC" is built in.  Returns 0 and sets *out (free it with tz_free), or
 * reports why through d, naming the zone, and returns -1.
 */
int	 tz_load(struct tz **out, const char *name, struct diag *d);

/*
 * Builds the zone called name from len bytes of TZif data (the contents
 * of a zoneinfo file).  Returns 0 and sets *out (free it with tz_free),
 * or reports the problem through d and returns -1.
 */
int	 tz_parse(struct tz **out, const char *name, const void *data,
	    size_t len, struct diag *d);

/*
 * Builds a zone from a POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3"
 * (what a TZif footer holds; the zone's name is the string).  Returns 0
 * and sets *out (free it with tz_free), or reports and returns -1.
 */
int	 tz_posix(struct tz **out, const char *spec, struct diag *d);

/* Frees a zone; accepts NULL. */
void	 tz_free(struct tz *tz);

/* The name the zone was loaded by; lent, lives as long as tz. */
const char *tz_name(const struct tz *tz);

/* Whether name has the form tz_load accepts (it may still not exist). */
bool	 tz_name_ok(const char *name);

/*
 * The offset from UTC, in seconds east, at instant t (clamped to
 * DATE_MIN..DATE_MAX).  tz NULL is UTC.
 */
int64_t	 tz_offset(const struct tz *tz, int64_t t);

/* A broken-down local time. */
struct civil {
	int	 year;
	int	 month;		/* 1-12 */
	int	 day;		/* 1-31 */
	int	 hour;		/* 0-23 */
	int	 min;		/* 0-59 */
	int	 sec;		/* 0-59 */
	int	 wday;		/* 0 = Sunday */
	int	 yday;		/* 0-365 */
	int64_t	 offset;	/* seconds east of UTC in effect */
};

/*
 * Converts instant t to the local time of tz (NULL: UTC).  Instants
 * outside DATE_MIN..DATE_MAX are clamped to that range.
 */
void	 date_civil(struct civil *out, int64_t t, const struct tz *tz);

/*
 * Moves *next back to the first instant after now at which the side of
 * instant d that the build date falls on (before, at, after) changes,
 * if that is sooner: d when d > now, d + 1 when d == now.
 */
void	 date_sooner(int64_t *next, int64_t d, int64_t now);

/*
 * Days since 1970-01-01 of the proleptic Gregorian date year-month-day
 * (month 1-12; day may run past the month, counting on).
 */
int64_t	 date_days(int64_t year, int month, int day);

/*
 * Parses an Open Badges date-time: "YYYY-MM-DDThh:mm[:ss[.frac]]" followed
 * by "Z", "+hh:mm", "-hh:mm" or "+hhmm"/"-hhmm" (RFC 3339 / ISO 8601;
 * "t" and "z" may be lower case), the same without a zone (taken as UTC),
 * or a date alone "YYYY-MM-DD" (OB 1.x; midnight UTC).  Fractions of a
 * second are dropped; ":60" is accepted only for 23:59 UTC and read as
 * ":59".  Sets *out to the instant and, when had_zone is not NULL,
 * *had_zone to whether a zone was written (false for a date alone).
 * Returns 0, or -1 on malformed input (nothing is printed).
 */
int	 date_parse(int64_t *out, bool *had_zone, const char *s);

/*
 * Parses decimal seconds since the epoch, "1262304000" or "-5", as OB 1.x
 * unix timestamps (the literal of a JSON number), SOURCE_DATE_EPOCH and
 * "--now @<seconds>" write them.  Only digits after an optional '-'; the
 * result must lie in DATE_MIN..DATE_MAX.  Returns 0, or -1 (no message).
 */
int	 date_parse_unix(int64_t *out, const char *s);

/*
 * Parses a date as people and spreadsheets write it, into the fields
 * year, month, day, hour, min and sec of out (the rest zeroed):
 *
 *	2026-03-25, 2026-3-25, 2026/3/25, 2026年3月25日
 *	令和8年3月25日, 令和元年5月1日, R8.3.25, R8/3/25, R8-3-25
 *
 * The Japanese eras are 明治 (M, from 1868-01-25), 大正 (T, from
 * 1912-07-30), 昭和 (S, from 1926-12-25), 平成 (H, from 1989-01-08) and
 * 令和 (R, from 2019-05-01); 元 is the first year of an era, and a
 * date outside its era (平成31年5月1日) is refused.  A time may follow
 * after blanks: "9:00" or "9:00:00".  Full-width digits, letters and
 * spaces are read as their narrow forms; blanks around the whole are
 * ignored.  *has_time tells whether a time was written (else 00:00:00).
 * Returns 0, or -1 on anything else, a day the month lacks included
 * (nothing is printed).
 */
int	 date_parse_written(struct civil *out, bool *has_time,
	    const char *s);

enum date_style {
	DATE_LONG,		/* ja "2026年4月1日", en "1 April 2026" */
	DATE_LONG_TIME,		/* ja "2026年4月1日 9:00",
				   en "1 April 2026, 09:00" */
	DATE_YMD,		/* "2026-04-01" (local date) */
	DATE_ISO_LOCAL,		/* "2026-04-01T09:00:00+09:00" */
	DATE_ISO_UTC,		/* "2026-04-01T00:00:00Z" (tz ignored) */
	DATE_RFC5322		/* "Wed, 01 Apr 2026 09:00:00 +0900" */
};

/* Whether lang is Japanese: "ja" or "ja-<region>". */
bool	 date_lang_is_ja(const char *lang);

/*
 * Appends instant t, in the local time of tz (NULL: UTC), to out in the
 * given style.  lang "ja" (or "ja-...") selects Japanese for DATE_LONG;
 * anything else, NULL included, English.  DATE_RFC5322 always uses
 * English names.  When the zone's offset is not whole minutes (local
 * mean time before 1900), DATE_ISO_LOCAL and DATE_RFC5322 write the
 * instant in UTC instead, so the text still names the right instant.
 */
void	 date_format(struct buf *out, int64_t t, const struct tz *tz,
	    const char *lang, enum date_style style);

/*
 * The current time for this run: now_opt (the --now argument, any form
 * date_parse accepts or "@<unix seconds>") when not NULL, else the
 * SOURCE_DATE_EPOCH environment variable (decimal seconds) when set,
 * else the system clock.  Returns 0 and sets *out, or reports a bad
 * --now or SOURCE_DATE_EPOCH through d, naming it, and returns -1.
 */
int	 clock_now(int64_t *out, const char *now_opt, struct diag *d);

#endif
