/*
 * date.c - date-times, IANA time zones (TZif, RFC 8536) and the clock.
 *
 * A zone is its table of transitions and local time types, taken from
 * the 64-bit data of a TZif file (or the 32-bit data of a version 1
 * file), plus the POSIX TZ string of the file's footer, which gives the
 * rule for instants after the last transition.  Nothing here touches the
 * C library's notion of a time zone.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "utf8.h"

#define TZ_MAX_FILE	(1024 * 1024)	/* real zone files are < 10 KB */
#define TZ_MAX_TIMES	65536
#define TZ_MAX_NAME	255
#define TZ_MAX_OFFSET	(26 * 3600)	/* largest |UT offset| accepted */

struct ttype {
	int32_t		 utoff;		/* seconds east of UTC */
	bool		 isdst;
};

/* The day a POSIX TZ rule switches, and the local time it does so. */
struct rule_date {
	char		 kind;		/* 'J' Jn, 'N' n, 'M' Mm.w.d */
	int		 n;		/* J: 1-365, N: 0-365 */
	int		 m, w, d;	/* M: month, week 1-5, weekday 0-6 */
	int32_t		 time;		/* seconds after local midnight */
};

/* A POSIX TZ string: "CET-1CEST,M3.5.0,M10.5.0/3". */
struct posix {
	bool		 present;	/* false: no footer, or an empty one */
	bool		 has_dst;
	int32_t		 std_off;	/* seconds east of UTC */
	int32_t		 dst_off;
	struct rule_date start;		/* in local standard time */
	struct rule_date end;		/* in local daylight time */
};

struct tz {
	char		*name;
	size_t		 ntrans;
	int64_t		*trans;		/* ascending instants */
	unsigned char	*idx;		/* the type in effect from trans[i] */
	size_t		 ntypes;
	struct ttype	*types;
	struct posix	 rule;
};

static const char *const month_en[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
static const char *const mon_en[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
static const char *const wday_en[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};

/* Calendar arithmetic (proleptic Gregorian, after H. Hinnant). */

static bool
is_leap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int
month_days(int64_t y, int m)
{
	static const int days[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int64_t
date_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Floor division of t by 86400: the day, and the second in it. */
static int64_t
split_day(int64_t t, int64_t *sec)
{
	int64_t days = t / 86400, rem = t % 86400;

	if (rem < 0) {
		rem += 86400;
		days--;
	}
	if (sec != NULL)
		*sec = rem;
	return days;
}

/* POSIX TZ strings. */

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Reads a decimal number from min to max; advances *sp. */
static int
posix_num(const char **sp, int min, int max, int *out)
{
	const char *s = *sp;
	int v = 0;

	if (!is_digit(*s))
		return -1;
	while (is_digit(*s)) {
		v = v * 10 + (*s++ - '0');
		if (v > max)
			return -1;
	}
	if (v < min)
		return -1;
	*sp = s;
	*out = v;
	return 0;
}

/* A zone abbreviation: three or more letters, or <...>. */
static int
posix_name(const char **sp)
{
	const char *s = *sp, *p;

	if (*s == '<') {
		for (p = s + 1; is_alpha(*p) || is_digit(*p) || *p == '+' ||
		    *p == '-'; p++)
			continue;
		if (*p != '>' || p - s - 1 < 3)
			return -1;
		*sp = p + 1;
		return 0;
	}
	for (p = s; is_alpha(*p); p++)
		continue;
	if (p - s < 3)
		return -1;
	*sp = p;
	return 0;
}

/* [+-]hh[:mm[:ss]] with hh up to maxh; sets seconds (signed). */
static int
posix_hms(const char **sp, int maxh, int32_t *out)
{
	const char *s = *sp;
	int sign = 1, h, m = 0, sec = 0;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	if (posix_num(&s, 0, maxh, &h) < 0)
		return -1;
	if (*s == ':') {
		s++;
		if (posix_num(&s, 0, 59, &m) < 0)
			return -1;
		if (*s == ':') {
			s++;
			if (posix_num(&s, 0, 59, &sec) < 0)
				return -1;
		}
	}
	*sp = s;
	*out = sign * (h * 3600 + m * 60 + sec);
	return 0;
}

/* Jn, n or Mm.w.d, then an optional /time (default 02:00:00). */
static int
posix_date(const char **sp, struct rule_date *out)
{
	const char *s = *sp;

	memset(out, 0, sizeof(*out));
	if (*s == 'J') {
		s++;
		out->kind = 'J';
		if (posix_num(&s, 1, 365, &out->n) < 0)
			return -1;
	} else if (*s == 'M') {
		s++;
		out->kind = 'M';
		if (posix_num(&s, 1, 12, &out->m) < 0 || *s++ != '.' ||
		    posix_num(&s, 1, 5, &out->w) < 0 || *s++ != '.' ||
		    posix_num(&s, 0, 6, &out->d) < 0)
			return -1;
	} else {
		out->kind = 'N';
		if (posix_num(&s, 0, 365, &out->n) < 0)
			return -1;
	}
	out->time = 2 * 3600;
	if (*s == '/') {
		s++;
		/* RFC 8536 section 3.3.1 allows -167 to 167 hours. */
		if (posix_hms(&s, 167, &out->time) < 0)
			return -1;
	}
	*sp = s;
	return 0;
}

static int
posix_parse(struct posix *out, const char *s)
{
	int32_t off;

	memset(out, 0, sizeof(*out));
	if (*s == '\0')
		return 0;
	if (posix_name(&s) < 0 || posix_hms(&s, 24, &off) < 0)
		return -1;
	out->present = true;
	out->std_off = -off;
	if (*s == '\0')
		return 0;
	if (posix_name(&s) < 0)
		return -1;
	out->has_dst = true;
	out->dst_off = out->std_off + 3600;
	if (*s != ',' && *s != '\0') {
		if (posix_hms(&s, 24, &off) < 0)
			return -1;
		out->dst_off = -off;
	}
	if (*s == '\0') {
		/* No rule: POSIX leaves it open; tzcode uses the US one. */
		s = ",M3.2.0,M11.1.0";
	}
	if (*s++ != ',' || posix_date(&s, &out->start) < 0 ||
	    *s++ != ',' || posix_date(&s, &out->end) < 0 || *s != '\0')
		return -1;
	return 0;
}

/* The local instant (seconds, no offset applied) rule rd names in year y. */
static int64_t
rule_when(const struct rule_date *rd, int64_t y)
{
	int64_t day, first;
	int wd, md;

	switch (rd->kind) {
	case 'J':
		day = date_days(y, 1, 1) + rd->n - 1;
		if (is_leap(y) && rd->n >= 60)
			day++;
		break;
	case 'N':
		day = date_days(y, 1, 1) + rd->n;
		break;
	default:
		first = date_days(y, rd->m, 1);
		wd = (int)((first % 7 + 7 + 4) % 7);	/* 1970-01-01: Thu */
		md = 1 + (rd->d - wd + 7) % 7 + (rd->w - 1) * 7;
		while (md > month_days(y, rd->m))
			md -= 7;
		day = first + md - 1;
		break;
	}
	return day * 86400 + rd->time;
}

static int64_t
rule_offset(const struct posix *p, int64_t t)
{
	int64_t y, yy, s, e, best;
	int m, d;
	bool dst = false, found = false;

	if (!p->has_dst)
		return p->std_off;
	civil_from_days(split_day(t + p->std_off, NULL), &y, &m, &d);
	best = INT64_MIN;
	/*
	 * The last switch at or before t, among those of the years around
	 * it.  On a tie the start of daylight time wins, so that a rule
	 * ending daylight time the instant it starts it again (permanent
	 * daylight time, "EST5EDT4,0/0,J365/25") stays in daylight time.
	 */
	for (yy = y - 1; yy <= y + 1; yy++) {
		e = rule_when(&p->end, yy) - p->dst_off;
		s = rule_when(&p->start, yy) - p->std_off;
		if (e <= t && e >= best) {
			best = e;
			dst = false;
			found = true;
		}
		if (s <= t && s >= best) {
			best = s;
			dst = true;
			found = true;
		}
	}
	if (!found)
		return p->std_off;
	return dst ? p->dst_off : p->std_off;
}

/* Zones. */

static struct tz *
tz_new(const char *name)
{
	struct tz *tz = xcalloc(1, sizeof(*tz));

	tz->name = xstrdup(name);
	return tz;
}

void
tz_free(struct tz *tz)
{
	if (tz == NULL)
		return;
	free(tz->name);
	free(tz->trans);
	free(tz->idx);
	free(tz->types);
	free(tz);
}

const char *
tz_name(const struct tz *tz)
{
	return tz == NULL ? "UTC" : tz->name;
}

bool
tz_name_ok(const char *name)
{
	const char *p;
	size_t len;

	if (name == NULL || (len = strlen(name)) == 0 || len > TZ_MAX_NAME)
		return false;
	if (name[0] == '/' || name[len - 1] == '/' ||
	    strstr(name, "//") != NULL || strstr(name, "..") != NULL)
		return false;
	for (p = name; *p != '\0'; p++)
		if (!is_alpha(*p) && !is_digit(*p) && *p != '/' &&
		    *p != '_' && *p != '+' && *p != '-')
			return false;
	return true;
}

int
tz_posix(struct tz **out, const char *spec, struct diag *d)
{
	struct tz *tz;

	*out = NULL;
	tz = tz_new(spec);
	if (posix_parse(&tz->rule, spec) < 0 || !tz->rule.present) {
		tz_free(tz);
		return diag_err(d, "\"%s\": expected a POSIX TZ string such as "
		    "CET-1CEST,M3.5.0,M10.5.0/3", spec);
	}
	tz->ntypes = 1;
	tz->types = xcalloc(1, sizeof(*tz->types));
	tz->types[0].utoff = tz->rule.std_off;
	*out = tz;
	return 0;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int64_t
be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzif_hdr {
	int		 version;	/* 1, 2, 3 or 4 */
	uint32_t	 isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
	uint64_t	 size;		/* bytes of the data block after it */
};

/* Reads the 44-byte header at p (len bytes left); ts: 4 or 8. */
static const char *
tzif_hdr(struct tzif_hdr *h, const unsigned char *p, size_t len, int ts)
{
	if (len < 44 || memcmp(p, "TZif", 4) != 0)
		return "not a TZif file";
	switch (p[4]) {
	case 0:
		h->version = 1;
		break;
	case '2':
	case '3':
	case '4':
		h->version = p[4] - '0';
		break;
	default:
		return "unknown TZif version";
	}
	h->isutcnt = be32(p + 20);
	h->isstdcnt = be32(p + 24);
	h->leapcnt = be32(p + 28);
	h->timecnt = be32(p + 32);
	h->typecnt = be32(p + 36);
	h->charcnt = be32(p + 40);
	if (h->typecnt == 0 || h->typecnt > 256 || h->charcnt == 0 ||
	    h->charcnt > 65536 || h->timecnt > TZ_MAX_TIMES ||
	    h->leapcnt > 65536 ||
	    (h->isutcnt != 0 && h->isutcnt != h->typecnt) ||
	    (h->isstdcnt != 0 && h->isstdcnt != h->typecnt))
		return "bad counts in the header";
	if (h->leapcnt != 0)
		return "leap-second zones (\"right/...\") are not supported";
	h->size = (uint64_t)h->timecnt * (uint64_t)ts + h->timecnt +
	    (uint64_t)h->typecnt * 6 + h->charcnt +
	    (uint64_t)h->leapcnt * (uint64_t)(ts + 4) + h->isstdcnt +
	    h->isutcnt;
	if (h->size > len - 44)
		return "truncated";
	return NULL;
}

/* Reads the data block at p described by h into tz. */
static const char *
tzif_data(struct tz *tz, const struct tzif_hdr *h, const unsigned char *p,
    int ts)
{
	const unsigned char *idx, *info, *chars;
	size_t i;

	tz->ntrans = h->timecnt;
	tz->trans = xcalloc(h->timecnt, sizeof(*tz->trans));
	tz->idx = xcalloc(h->timecnt, 1);
	tz->ntypes = h->typecnt;
	tz->types = xcalloc(h->typecnt, sizeof(*tz->types));
	idx = p + (size_t)h->timecnt * ts;
	info = idx + h->timecnt;
	chars = info + (size_t)h->typecnt * 6;
	for (i = 0; i < h->timecnt; i++) {
		tz->trans[i] = ts == 8 ? be64(p + i * 8) :
		    (int64_t)(int32_t)be32(p + i * 4);
		if (i > 0 && tz->trans[i] <= tz->trans[i - 1])
			return "transition times out of order";
		if (idx[i] >= h->typecnt)
			return "transition to a type that does not exist";
		tz->idx[i] = idx[i];
	}
	for (i = 0; i < h->typecnt; i++) {
		int32_t off = (int32_t)be32(info + i * 6);

		if (off < -TZ_MAX_OFFSET || off > TZ_MAX_OFFSET)
			return "UT offset out of range";
		if (info[i * 6 + 4] > 1)
			return "bad daylight-time flag";
		if (info[i * 6 + 5] >= h->charcnt)
			return "abbreviation index out of range";
		tz->types[i].utoff = off;
		tz->types[i].isdst = info[i * 6 + 4] == 1;
	}
	if (chars[h->charcnt - 1] != '\0')
		return "abbreviations not terminated";
	return NULL;
}

int
tz_parse(struct tz **out, const char *name, const void *data, size_t len,
    struct diag *d)
{
	const unsigned char *p = data, *nl, *end = p + len;
	struct tzif_hdr h;
	struct tz *tz;
	const char *why;
	char *footer = NULL;

	*out = NULL;
	tz = tz_new(name);
	if ((why = tzif_hdr(&h, p, len, 4)) != NULL)
		goto bad;
	if (h.version == 1) {
		why = tzif_data(tz, &h, p + 44, 4);
		if (why != NULL)
			goto bad;
		*out = tz;
		return 0;
	}
	/* Version 2 and later: skip the 32-bit data, use the 64-bit. */
	p += 44 + h.size;
	if ((why = tzif_hdr(&h, p, (size_t)(end - p), 8)) != NULL ||
	    (why = tzif_data(tz, &h, p + 44, 8)) != NULL)
		goto bad;
	p += 44 + h.size;
	if (p == end || *p != '\n' ||
	    (nl = memchr(p + 1, '\n', (size_t)(end - p - 1))) == NULL) {
		why = "no footer";
		goto bad;
	}
	footer = xstrndup((const char *)p + 1, (size_t)(nl - p - 1));
	if (strlen(footer) != (size_t)(nl - p - 1) ||
	    posix_parse(&tz->rule, footer) < 0) {
		why = "bad TZ string in the footer";
		goto bad;
	}
	free(footer);
	*out = tz;
	return 0;
bad:
	free(footer);
	tz_free(tz);
	return diag_err(d, "time zone \"%s\": bad TZif data: %s", name, why);
}

/*
 * The IANA zone for a common abbreviation that is not itself the name
 * of a zone (JST, "JST-9"), for the message; NULL for any other name.
 */
static const char *
zone_for_abbreviation(const char *name)
{
	static const struct {
		const char	*abbr;
		const char	*zone;
	} zones[] = {
		{ "JST", "Asia/Tokyo" },
		{ "KST", "Asia/Seoul" },
		{ "HKT", "Asia/Hong_Kong" },
		{ "SGT", "Asia/Singapore" },
		{ "CST", "Asia/Shanghai (China) or America/Chicago (US "
		    "Central)" },
		{ "IST", "Asia/Kolkata (India) or Europe/Dublin (Ireland)" },
		{ "AEST", "Australia/Sydney" },
		{ "AEDT", "Australia/Sydney" },
		{ "ACST", "Australia/Adelaide" },
		{ "AWST", "Australia/Perth" },
		{ "NZST", "Pacific/Auckland" },
		{ "NZDT", "Pacific/Auckland" },
		{ "BST", "Europe/London" },
		{ "CEST", "a city of the zone such as Europe/Berlin" },
		{ "EEST", "a city of the zone such as Europe/Helsinki" },
		{ "PST", "America/Los_Angeles" },
		{ "PDT", "America/Los_Angeles" },
		{ "MDT", "America/Denver" },
		{ "CDT", "America/Chicago" },
		{ "EDT", "America/New_York" },
		{ "AKST", "America/Anchorage" },
	};
	size_t i, n;

	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		n = strlen(zones[i].abbr);
		/* "jst" and "JST-9" too */
		if (strncasecmp(name, zones[i].abbr, n) == 0 &&
		    (name[n] == '\0' || name[n] == '-' || name[n] == '+' ||
		    (name[n] >= '0' && name[n] <= '9')))
			return zones[i].zone;
	}
	return NULL;
}

int
tz_load(struct tz **out, const char *name, struct diag *d)
{
	struct stat st;
	struct buf path = BUF_INIT;
	char *data = NULL;
	size_t got = 0;
	ssize_t n;
	int fd = -1, rc = -1;

	*out = NULL;
	if (!tz_name_ok(name)) {
		return diag_err(d, "time zone \"%s\": expected an IANA name "
		    "such as Asia/Tokyo (letters, digits and / _ + -)",
		    name == NULL ? "" : name);
	}
	if (strcmp(name, "UTC") == 0) {
		*out = tz_new(name);
		(*out)->ntypes = 1;
		(*out)->types = xcalloc(1, sizeof(*(*out)->types));
		return 0;
	}
	buf_printf(&path, "%s/%s", TZ_DIR, name);
	if ((fd = open(path.data, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT && stat(TZ_DIR, &st) < 0)
			diag_err(d, "time zone \"%s\": %s does not exist "
			    "(install the tzdata package)", name, TZ_DIR);
		else if ((errno == ENOENT || errno == ENOTDIR) &&
		    zone_for_abbreviation(name) != NULL)
			diag_err(d, "unknown time zone \"%s\": an abbreviation "
			    "is not a zone; write the IANA name, %s", name,
			    zone_for_abbreviation(name));
		else if (errno == ENOENT || errno == ENOTDIR)
			diag_err(d, "unknown time zone \"%s\" (no %s)", name,
			    path.data);
		else
			diag_err(d, "time zone \"%s\": cannot open %s: %s",
			    name, path.data, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > TZ_MAX_FILE) {
		diag_err(d, "unknown time zone \"%s\" (%s is not a zone file)",
		    name, path.data);
		goto out;
	}
	data = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size + 1) {
		n = read(fd, data + got, (size_t)st.st_size + 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_err(d, "time zone \"%s\": cannot read %s: %s",
			    name, path.data, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	rc = tz_parse(out, name, data, got, d);
out:
	if (fd >= 0)
		close(fd);
	free(data);
	buf_release(&path);
	return rc;
}

static int64_t
clamp(int64_t t)
{
	return t < DATE_MIN ? DATE_MIN : t > DATE_MAX ? DATE_MAX : t;
}

int64_t
tz_offset(const struct tz *tz, int64_t t)
{
	size_t lo, hi, mid;

	if (tz == NULL)
		return 0;
	t = clamp(t);
	if (tz->ntrans == 0 || t >= tz->trans[tz->ntrans - 1]) {
		if (tz->rule.present)
			return rule_offset(&tz->rule, t);
		if (tz->ntrans == 0)
			return tz->types[0].utoff;
		return tz->types[tz->idx[tz->ntrans - 1]].utoff;
	}
	if (t < tz->trans[0])
		return tz->types[0].utoff;
	/* The last transition at or before t: trans[lo] <= t < trans[hi]. */
	lo = 0;
	hi = tz->ntrans - 1;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (tz->trans[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return tz->types[tz->idx[lo]].utoff;
}

/* Civil time. */

void
date_civil(struct civil *out, int64_t t, const struct tz *tz)
{
	int64_t off, days, sec, y;

	t = clamp(t);
	off = tz_offset(tz, t);
	days = split_day(clamp(t + off), &sec);
	civil_from_days(days, &y, &out->month, &out->day);
	out->year = (int)y;
	out->hour = (int)(sec / 3600);
	out->min = (int)(sec / 60 % 60);
	out->sec = (int)(sec % 60);
	out->wday = (int)((days % 7 + 7 + 4) % 7);
	out->yday = (int)(days - date_days(y, 1, 1));
	out->offset = off;
}

/* Exactly n digits; advances *sp. */
static int
fixed(const char **sp, int n, int *out)
{
	const char *s = *sp;
	int v = 0;

	while (n-- > 0) {
		if (!is_digit(*s))
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	*sp = s;
	*out = v;
	return 0;
}

/* The Japanese eras, newest first: names, first day, year 1 - 1. */
static const struct era {
	const char	*kanji;
	char		 letter;
	int		 y, m, d;	/* the first day */
} eras[] = {
	{ "令和", 'R', 2019, 5, 1 },
	{ "平成", 'H', 1989, 1, 8 },
	{ "昭和", 'S', 1926, 12, 25 },
	{ "大正", 'T', 1912, 7, 30 },
	{ "明治", 'M', 1868, 1, 25 },
};
#define NERAS	(sizeof(eras) / sizeof(eras[0]))

/* Reads 1 to maxd digits at *p (at least mind). */
static bool
some_digits(const char **p, int mind, int maxd, int *out)
{
	int n = 0, v = 0;

	while (n < maxd && is_digit(**p)) {
		v = v * 10 + (*(*p)++ - '0');
		n++;
	}
	*out = v;
	return n >= mind && !is_digit(**p);
}

/* Skips the literal lit at *p; returns whether it was there. */
static bool
skip_lit(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return false;
	*p += n;
	return true;
}

/* Skips blanks at *p; returns whether there were any. */
static bool
skip_blanks(const char **p)
{
	const char *s = *p;

	while (**p == ' ' || **p == '\t')
		(*p)++;
	return *p != s;
}

/*
 * Reads the era at *p, if any: kanji followed by a year and 年, or a
 * letter followed by a year.  Sets *e (NULL: none) and *kanji.
 */
static void
era_at(const char **p, const struct era **e, bool *kanji)
{
	size_t i;

	*e = NULL;
	for (i = 0; i < NERAS; i++) {
		if (skip_lit(p, eras[i].kanji)) {
			*e = &eras[i];
			*kanji = true;
			return;
		}
		if ((**p == eras[i].letter || **p == eras[i].letter + 32) &&
		    (is_digit((*p)[1]) || strncmp(*p + 1, "元", 3) == 0)) {
			(*p)++;
			*e = &eras[i];
			*kanji = false;
			return;
		}
	}
}

/* Reads a time "9:00" or "9:00:00" at *p into c. */
static bool
written_time(const char **p, struct civil *c)
{
	if (!some_digits(p, 1, 2, &c->hour) || *(*p)++ != ':' ||
	    !some_digits(p, 2, 2, &c->min))
		return false;
	if (**p == ':' && ((*p)++, !some_digits(p, 2, 2, &c->sec)))
		return false;
	return c->hour <= 23 && c->min <= 59 && c->sec <= 59;
}

int
date_parse_written(struct civil *out, bool *has_time, const char *s)
{
	struct buf b = BUF_INIT;
	const struct era *e, *next;
	const char *p, *ys;
	char sep = 0;
	bool kanji = false;
	int64_t day;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	*has_time = false;
	if (s == NULL)
		return -1;
	utf8_fold_width(&b, s, strlen(s));
	p = b.data;
	skip_blanks(&p);
	era_at(&p, &e, &kanji);
	ys = p;
	if (e != NULL && skip_lit(&p, "元"))
		out->year = 1;
	else if (!some_digits(&p, 1, e != NULL ? 2 : 4, &out->year) ||
	    (e == NULL && p - ys != 4))
		goto out;
	if (skip_lit(&p, "年")) {
		if (!some_digits(&p, 1, 2, &out->month) ||
		    !skip_lit(&p, "月") || !some_digits(&p, 1, 2, &out->day) ||
		    !skip_lit(&p, "日"))
			goto out;
	} else {
		if (kanji || (*p != '-' && *p != '/' && *p != '.'))
			goto out;
		sep = *p++;
		if (!some_digits(&p, 1, 2, &out->month) || *p++ != sep ||
		    !some_digits(&p, 1, 2, &out->day))
			goto out;
	}
	if (e != NULL) {
		if (out->year < 1)
			goto out;
		out->year += e->y - 1;
	}
	if (out->month < 1 || out->month > 12 || out->day < 1 ||
	    out->day > month_days(out->year, out->month))
		goto out;
	if (e != NULL) {
		day = date_days(out->year, out->month, out->day);
		next = e == eras ? NULL : e - 1;
		if (day < date_days(e->y, e->m, e->d) || (next != NULL &&
		    day >= date_days(next->y, next->m, next->d)))
			goto out;
	}
	if (skip_blanks(&p) && *p != '\0') {
		if (!written_time(&p, out))
			goto out;
		*has_time = true;
		skip_blanks(&p);
	}
	if (*p != '\0')
		goto out;
	rc = 0;
out:
	if (rc < 0)
		memset(out, 0, sizeof(*out));
	buf_release(&b);
	return rc;
}

int
date_parse(int64_t *out, bool *had_zone, const char *s)
{
	int y, mo, d, h, mi, sec, oh, om, sign = 0;
	int64_t t, rem;
	bool has_sec;

	if (s == NULL || fixed(&s, 4, &y) < 0 || *s++ != '-' ||
	    fixed(&s, 2, &mo) < 0 || *s++ != '-' || fixed(&s, 2, &d) < 0)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo))
		return -1;
	t = date_days(y, mo, d) * 86400;
	if (*s == '\0') {
		*out = t;
		if (had_zone != NULL)
			*had_zone = false;
		return 0;
	}
	if (*s != 'T' && *s != 't')
		return -1;
	s++;
	/* ISO 8601 allows hh:mm without seconds (OB 2.0 issuers use it). */
	sec = 0;
	if (fixed(&s, 2, &h) < 0 || *s++ != ':' || fixed(&s, 2, &mi) < 0)
		return -1;
	has_sec = *s == ':';
	if (has_sec && (s++, fixed(&s, 2, &sec) < 0))
		return -1;
	if (h > 23 || mi > 59 || sec > 60)
		return -1;
	if (has_sec && *s == '.') {
		if (!is_digit(*++s))
			return -1;
		while (is_digit(*s))
			s++;
	}
	oh = om = 0;
	if (*s == 'Z' || *s == 'z') {
		s++;
		sign = 1;
	} else if (*s == '+' || *s == '-') {
		sign = *s++ == '-' ? -1 : 1;
		if (fixed(&s, 2, &oh) < 0)
			return -1;
		if (*s == ':')
			s++;
		if (fixed(&s, 2, &om) < 0 || oh > 23 || om > 59)
			return -1;
	}
	if (*s != '\0')
		return -1;
	t += h * 3600 + mi * 60 + (sec == 60 ? 59 : sec);
	t -= sign * (oh * 3600 + om * 60);
	/* A leap second is the last second of a UTC day. */
	if (sec == 60) {
		split_day(t, &rem);
		if (rem != 86399)
			return -1;
	}
	*out = t;
	if (had_zone != NULL)
		*had_zone = sign != 0;
	return 0;
}

int
date_parse_unix(int64_t *out, const char *s)
{
	int64_t v = 0;
	bool neg = false;

	if (s == NULL)
		return -1;
	if (*s == '-') {
		neg = true;
		s++;
	}
	if (!is_digit(*s))
		return -1;
	for (; is_digit(*s); s++) {
		v = v * 10 + (*s - '0');
		if (v > DATE_MAX)	/* also > -DATE_MIN */
			return -1;
	}
	if (*s != '\0')
		return -1;
	if (neg)
		v = -v;
	if (v < DATE_MIN || v > DATE_MAX)
		return -1;
	*out = v;
	return 0;
}

/* Formatting. */

bool
date_lang_is_ja(const char *lang)
{
	return lang != NULL && strncmp(lang, "ja", 2) == 0 &&
	    (lang[2] == '\0' || lang[2] == '-');
}

void
date_format(struct buf *out, int64_t t, const struct tz *tz,
    const char *lang, enum date_style style)
{
	struct civil c;
	int64_t off;
	int sign;

	date_civil(&c, t, tz);
	if ((style == DATE_ISO_LOCAL || style == DATE_RFC5322) &&
	    c.offset % 60 != 0)
		date_civil(&c, t, NULL);
	off = c.offset;
	sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	switch (style) {
	case DATE_LONG:
		if (date_lang_is_ja(lang))
			buf_printf(out, "%d\xe5\xb9\xb4%d\xe6\x9c\x88%d"
			    "\xe6\x97\xa5", c.year, c.month, c.day);
		else
			buf_printf(out, "%d %s %d", c.day,
			    month_en[c.month - 1], c.year);
		break;
	case DATE_LONG_TIME:
		if (date_lang_is_ja(lang))
			buf_printf(out, "%d\xe5\xb9\xb4%d\xe6\x9c\x88%d"
			    "\xe6\x97\xa5 %d:%02d", c.year, c.month, c.day,
			    c.hour, c.min);
		else
			buf_printf(out, "%d %s %d, %02d:%02d", c.day,
			    month_en[c.month - 1], c.year, c.hour, c.min);
		break;
	case DATE_YMD:
		buf_printf(out, "%04d-%02d-%02d", c.year, c.month, c.day);
		break;
	case DATE_ISO_LOCAL:
		buf_printf(out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		    c.year, c.month, c.day, c.hour, c.min, c.sec, sign,
		    (int)(off / 3600), (int)(off / 60 % 60));
		break;
	case DATE_ISO_UTC:
		date_civil(&c, t, NULL);
		buf_printf(out, "%04d-%02d-%02dT%02d:%02d:%02dZ",
		    c.year, c.month, c.day, c.hour, c.min, c.sec);
		break;
	case DATE_RFC5322:
		buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
		    wday_en[c.wday], c.day, mon_en[c.month - 1], c.year,
		    c.hour, c.min, c.sec, sign, (int)(off / 3600),
		    (int)(off / 60 % 60));
		break;
	}
}

/* The clock. */

int
clock_now(int64_t *out, const char *now_opt, struct diag *d)
{
	const char *env;
	bool zoned;
	time_t now;

	if (now_opt != NULL) {
		if (now_opt[0] == '@') {
			if (date_parse_unix(out, now_opt + 1) == 0)
				return 0;
		} else if (date_parse(out, &zoned, now_opt) == 0) {
			if (!zoned && strlen(now_opt) > 10)
				diag_warn(d, "--now: \"%s\" has no time zone; "
				    "taking it as UTC", now_opt);
			return 0;
		}
		return diag_err(d, "--now: expected a date-time such as "
		    "2026-04-01T09:00:00+09:00, a date such as 2026-04-01 or "
		    "@<unix seconds>, not \"%s\"", now_opt);
	}
	if ((env = getenv("SOURCE_DATE_EPOCH")) != NULL) {
		if (env[0] != '-' && date_parse_unix(out, env) == 0)
			return 0;
		return diag_err(d, "SOURCE_DATE_EPOCH: expected decimal "
		    "seconds since 1970-01-01T00:00:00Z, not \"%s\"", env);
	}
	if ((now = time(NULL)) == (time_t)-1)
		return diag_err(d, "cannot read the clock: %s",
		    strerror(errno));
	*out = (int64_t)now;
	return 0;
}

void
date_sooner(int64_t *next, int64_t d, int64_t now)
{
	int64_t t = d > now ? d : d == now ? d + 1 : INT64_MAX;

	if (t < *next)
		*next = t;
}
