/*
 * conf.c - the configuration format, checked against a schema per kind
 * of file (site.conf, award sidecars, recipient files).
 *
 * The parser reads a line at a time, reports every problem it finds and
 * keeps going; values are checked by their key's type and stored in an
 * arena owned by the struct conf.  The kind-specific functions at the
 * end copy the checked values into their own structs.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "fs.h"
#include "json.h"
#include "utf8.h"

static const struct conf_key site_keys[] = {
	{ NULL, "title", CONF_STRING, CONF_REQUIRED, NULL, 0, 0, NULL },
	{ NULL, "description", CONF_STRING, 0, NULL, 0, 0, NULL },
	{ NULL, "base_url", CONF_URL, CONF_REQUIRED | CONF_BASE,
	  NULL, 0, 0, NULL },
	{ NULL, "lang", CONF_ENUM, 0, "ja|en", 0, 0, "ja" },
	{ NULL, "languages", CONF_ENUM, CONF_LIST, "ja|en", 0, 0, NULL },
	{ NULL, "output", CONF_STRING, 0, NULL, 0, 0, "public" },
	{ NULL, "timezone", CONF_TIMEZONE, 0, NULL, 0, 0, "UTC" },
	{ NULL, "new_days", CONF_INT, 0, NULL, 0, 3650, "30" },
	{ NULL, "copyright", CONF_STRING, 0, NULL, 0, 0, NULL },
	{ "mail", "from", CONF_EMAIL, 0, NULL, 0, 0, NULL },
	{ "mail", "reply_to", CONF_EMAIL, 0, NULL, 0, 0, NULL },
	{ "check", "skip_prefixes", CONF_URL, CONF_LIST, NULL, 0, 0, NULL },
	{ NULL, "index_pages", CONF_ENUM, CONF_LIST,
	  "home|issuers|badges|awards|collections|none", 0, 0,
	  "home issuers badges" },
};

static const struct conf_key award_keys[] = {
	{ NULL, "visibility", CONF_ENUM, CONF_NOCASE,
	  "public|private|公開|非公開", 0, 0, "public" },
	{ NULL, "email", CONF_EMAIL, 0, NULL, 0, 0, NULL },
	{ NULL, "index", CONF_BOOL, 0, NULL, 0, 0, NULL },
};

static const struct conf_key recipient_keys[] = {
	{ NULL, "name", CONF_STRING, CONF_REQUIRED, NULL, 0, 0, NULL },
	{ NULL, "identities", CONF_EMAIL, CONF_REQUIRED | CONF_LIST,
	  NULL, 0, 0, NULL },
	{ NULL, "public", CONF_BOOL, 0, NULL, 0, 0, "yes" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const struct conf_schema conf_site_schema = { site_keys, NELEM(site_keys) };
const struct conf_schema conf_award_schema = { award_keys, NELEM(award_keys) };
const struct conf_schema conf_recipient_schema =
    { recipient_keys, NELEM(recipient_keys) };

/* The checked value of one key. */
struct conf_val {
	unsigned	 line;		/* where set; 0: default or unset */
	bool		 has;		/* set, or defaulted */
	char		*text;		/* normalised; lists joined by ' ' */
	char	       **items;		/* CONF_LIST: NULL-terminated */
	size_t		 nitems;
	long		 num;		/* CONF_INT */
	bool		 yes;		/* CONF_BOOL */
	struct tz	*tz;		/* CONF_TIMEZONE, until taken */
};

struct conf {
	const struct conf_schema *schema;
	struct arena	 arena;
	struct conf_val	*vals;		/* one per schema key */
};

struct parser {
	struct conf	*c;
	const char	*name;
	struct diag	*d;
	unsigned	 errors;
	struct buf	 msg;		/* the message being built */
	struct buf	 q;		/* a quoted excerpt for it */
	bool		 cut;		/* the value was cut at a " #" */
};

static bool
same_section(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

static bool
is_ws(int c)
{
	return c == ' ' || c == '\t';
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alnum(int c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool
is_hex(int c)
{
	return is_digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether the n bytes at s equal lit, ignoring ASCII case. */
static bool
ascii_caseeq(const char *s, const char *lit, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || lower(s[i]) != lower(lit[i]))
			return false;
	return true;
}

static bool
name_char(int c)
{
	return is_alnum(c) || c == '_' || c == '-' || c == '.';
}

/*
 * Reports one problem as "name:line: label: message" (no line when 0,
 * no label when NULL).  After CONF_MAX_ERRORS, reports that it stops.
 */
static void
perr(struct parser *p, unsigned line, const char *section, const char *key,
    const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void
perr(struct parser *p, unsigned line, const char *section, const char *key,
    const char *fmt, ...)
{
	va_list ap;

	if (++p->errors > CONF_MAX_ERRORS)
		return;
	buf_reset(&p->msg);
	buf_puts(&p->msg, p->name);
	if (line > 0)
		buf_printf(&p->msg, ":%u", line);
	BUF_PUTSL(&p->msg, ": ");
	if (section != NULL && key != NULL)
		buf_printf(&p->msg, "[%s] %s: ", section, key);
	else if (key != NULL)
		buf_printf(&p->msg, "%s: ", key);
	va_start(ap, fmt);
	buf_vprintf(&p->msg, fmt, ap);
	va_end(ap);
	diag_err(p->d, "%s", p->msg.data);
	if (p->errors == CONF_MAX_ERRORS)
		diag_err(p->d, "%s: too many errors; stopping", p->name);
}

/*
 * s (n bytes) in double quotes for a message, with " and \ escaped and
 * at most 60 bytes shown.  Lives until the next call.
 */
static const char *
quote(struct parser *p, const char *s, size_t n)
{
	size_t i, max = n;

	if (max > 60)
		max = utf8_floor(s, 60);
	buf_reset(&p->q);
	buf_putc(&p->q, '"');
	for (i = 0; i < max; i++) {
		if (s[i] == '"' || s[i] == '\\')
			buf_putc(&p->q, '\\');
		buf_putc(&p->q, s[i]);
	}
	if (max < n)
		BUF_PUTSL(&p->q, "...");
	buf_putc(&p->q, '"');
	return p->q.data;
}

/* The edit distance of a and b, or SIZE_MAX for long names. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[33], i, j, prev, tmp, v;

	if (la > 32 || lb > 32)
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			v = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < v)
				v = row[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			prev = tmp;
		}
	}
	return row[lb];
}

/* The schema's section name equal to s, or NULL. */
static const char *
find_section(const struct conf_schema *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nkeys; i++)
		if (s->keys[i].section != NULL &&
		    strcmp(s->keys[i].section, name) == 0)
			return s->keys[i].section;
	return NULL;
}

static const struct conf_key *
find_key(const struct conf_schema *s, const char *section, const char *name,
    size_t *idx)
{
	size_t i;

	for (i = 0; i < s->nkeys; i++)
		if (same_section(s->keys[i].section, section) &&
		    strcmp(s->keys[i].name, name) == 0) {
			if (idx != NULL)
				*idx = i;
			return &s->keys[i];
		}
	return NULL;
}

static void
unknown_section(struct parser *p, unsigned line, const char *name)
{
	const struct conf_schema *s = p->c->schema;
	const char *best = NULL, *prev = NULL;
	struct buf known = BUF_INIT;
	size_t i, dist, bestd = 3;

	for (i = 0; i < s->nkeys; i++) {
		if (s->keys[i].section == NULL ||
		    same_section(s->keys[i].section, prev))
			continue;
		prev = s->keys[i].section;
		if (find_section(s, prev) != prev)
			continue;	/* listed already */
		buf_printf(&known, "%s[%s]", known.len ? ", " : "", prev);
		dist = distance(name, prev);
		if (dist < bestd && dist < strlen(prev)) {
			bestd = dist;
			best = prev;
		}
	}
	if (best != NULL)
		perr(p, line, NULL, NULL, "[%s]: unknown section (did you "
		    "mean [%s]?)", name, best);
	else if (known.len == 0)
		perr(p, line, NULL, NULL, "[%s]: unknown section (this file "
		    "has no sections)", name);
	else
		perr(p, line, NULL, NULL, "[%s]: unknown section (known: %s)",
		    name, known.data);
	buf_release(&known);
}

static void
unknown_key(struct parser *p, unsigned line, const char *section,
    const char *name)
{
	const struct conf_schema *s = p->c->schema;
	const char *best = NULL;
	struct buf known = BUF_INIT;
	size_t i, dist, bestd = 3;

	for (i = 0; i < s->nkeys; i++) {
		if (!same_section(s->keys[i].section, section))
			continue;
		buf_printf(&known, "%s%s", known.len ? ", " : "",
		    s->keys[i].name);
		dist = distance(name, s->keys[i].name);
		if (dist < bestd && dist < strlen(s->keys[i].name)) {
			bestd = dist;
			best = s->keys[i].name;
		}
	}
	if (best != NULL)
		perr(p, line, section, name, "unknown key (did you mean %s?)",
		    best);
	else if (known.len == 0)
		perr(p, line, section, name, "unknown key (this section has "
		    "no keys)");
	else
		perr(p, line, section, name, "unknown key (known: %s)",
		    known.data);
	buf_release(&known);
}

/* Value checks. */

static bool
host_ok(const char *h, size_t n)
{
	size_t i, label = 0;

	if (n == 0 || n > 253)
		return false;
	for (i = 0; i < n; i++) {
		if (h[i] == '.') {
			if (label == 0 || h[i - 1] == '-')
				return false;
			label = 0;
			continue;
		}
		if (!is_alnum(h[i]) && h[i] != '-')
			return false;
		if (h[i] == '-' && label == 0)
			return false;
		if (++label > 63)
			return false;
	}
	return label > 0 && h[n - 1] != '-';
}

static bool
url_char(int c)
{
	return is_alnum(c) || strchr("-._~!$&'()*+,;=:@/", c) != NULL;
}

/*
 * Checks an absolute http(s) URL.  Returns NULL and sets *norm (scheme
 * and host in lower case; for CONF_BASE a final '/'), or returns what
 * was expected.
 */
static const char *
check_url(struct arena *a, const char *s, unsigned flags, char **norm)
{
	const bool base = (flags & CONF_BASE) != 0;
	const char *expect = base ? "an absolute https URL" :
	    "an absolute http or https URL";
	const char *auth, *aend, *host, *hend, *path, *p, *seg;
	struct buf b = BUF_INIT;
	bool https, local, query = false;
	long port;
	size_t n;

	if (ascii_caseeq(s, "https://", 8))
		https = true;
	else if (ascii_caseeq(s, "http://", 7))
		https = false;
	else
		return expect;
	auth = s + (https ? 8 : 7);
	aend = auth + strcspn(auth, "/?#");
	if (memchr(auth, '@', (size_t)(aend - auth)) != NULL)
		return "a URL without a user name or password";
	host = auth;
	if (*host == '[') {
		for (hend = host + 1; hend < aend && (is_hex(*hend) ||
		    *hend == ':' || *hend == '.'); hend++)
			continue;
		if (hend == aend || *hend != ']' ||
		    memchr(host, ':', (size_t)(hend - host)) == NULL)
			return "a URL with a valid host";
		hend++;
	} else {
		for (hend = host; hend < aend && *hend != ':'; hend++)
			continue;
		if (hend == host)
			return expect;
		if (!host_ok(host, (size_t)(hend - host)))
			return "a URL with a valid host";
	}
	if (hend < aend) {
		if (*hend != ':' || hend + 1 == aend || aend - hend > 6)
			return "a URL with a valid port";
		port = 0;
		for (p = hend + 1; p < aend; p++) {
			if (!is_digit(*p))
				return "a URL with a valid port";
			port = port * 10 + (*p - '0');
		}
		if (port < 1 || port > 65535)
			return "a URL with a valid port";
	}
	n = (size_t)(hend - host);
	local = (n == 9 && ascii_caseeq(host, "localhost", 9)) ||
	    (n == 9 && memcmp(host, "127.0.0.1", 9) == 0) ||
	    (n == 5 && memcmp(host, "[::1]", 5) == 0);
	if (base && !https && !local)
		return "an absolute https URL (http only for localhost, "
		    "127.0.0.1 or [::1])";
	path = aend;
	for (p = path; *p != '\0'; p++) {
		if (*p == '#' || (base && *p == '?'))
			return base ? "a URL without a query or fragment" :
			    "a URL without a fragment";
		if (*p == '?')
			query = true;
		if (*p == '%') {
			if (!is_hex(p[1]) || !is_hex(p[2]))
				return "a URL with '%' followed by two hex "
				    "digits";
			p += 2;
			continue;
		}
		if (!url_char(*p) && !(query && *p == '?'))
			return "a URL with spaces, quotes and non-ASCII "
			    "characters percent-encoded";
	}
	/* "." and ".." segments make two spellings of one URL. */
	for (seg = path; *seg == '/'; ) {
		p = seg + 1 + strcspn(seg + 1, "/?");
		if ((p - seg == 2 && seg[1] == '.') ||
		    (p - seg == 3 && seg[1] == '.' && seg[2] == '.'))
			return "a URL without \".\" or \"..\" path segments";
		seg = p;
	}
	buf_puts(&b, https ? "https://" : "http://");
	for (p = auth; p < aend; p++)
		buf_putc(&b, lower(*p));
	buf_puts(&b, aend);
	if (base && (b.len == 0 || b.data[b.len - 1] != '/'))
		buf_putc(&b, '/');
	*norm = arena_strndup(a, b.data, b.len);
	buf_release(&b);
	return NULL;
}

/* An address local@domain: a dot-atom, then a host name with a dot. */
static bool
email_ok(const char *s)
{
	const char *at = strrchr(s, '@'), *p;

	if (at == NULL || at == s || at - s > 64 || strlen(s) > 254)
		return false;
	if (s[0] == '.' || at[-1] == '.')
		return false;
	for (p = s; p < at; p++) {
		if (*p == '.' && p[1] == '.')
			return false;
		if (!is_alnum(*p) && strchr(".!#$%&'*+-/=?^_`{|}~", *p) == NULL)
			return false;
	}
	p = at + 1;
	return strchr(p, '.') != NULL && host_ok(p, strlen(p)) &&
	    !is_digit(p[strlen(p) - 1]);
}

/*
 * The one of the '|'-separated words of choices that s is (ASCII letters
 * in any case when nocase is set), or NULL; its length goes to *wlen.
 */
static const char *
choice_find(const char *choices, const char *s, bool nocase, size_t *wlen)
{
	size_t n = strlen(s), w;
	const char *p = choices;

	for (;;) {
		w = strcspn(p, "|");
		if (w == n && (nocase ? ascii_caseeq(s, p, n) :
		    memcmp(p, s, n) == 0)) {
			*wlen = w;
			return p;
		}
		if (p[w] == '\0')
			return NULL;
		p += w + 1;
	}
}

/* "ja or en", "one of a, b or c". */
static void
choices_text(struct buf *out, const char *choices)
{
	size_t n = 1, i, w;
	const char *p;

	for (p = choices; *p != '\0'; p++)
		n += *p == '|';
	if (n > 2)
		BUF_PUTSL(out, "one of ");
	for (p = choices, i = 0; i < n; i++) {
		w = strcspn(p, "|");
		if (i > 0)
			buf_puts(out, i == n - 1 ? " or " : ", ");
		buf_put(out, p, w);
		p += w + 1;
	}
}

/*
 * Checks one value (a whole scalar value or one item of a list) of
 * key k, set on line.  Returns true and fills the normalised text (and
 * number, boolean or zone), or reports and returns false.
 */
static bool
check_item(struct parser *p, unsigned line, const struct conf_key *k,
    const char *s, struct conf_val *v, char **text)
{
	struct buf what = BUF_INIT, cap = BUF_INIT;
	struct diag d = DIAG_INIT;
	const char *expect = NULL, *why = NULL, *q;
	size_t w;
	long n;
	bool ok = true;

	*text = NULL;
	switch (k->type) {
	case CONF_STRING:
		BUF_PUTSL(&what, "text");
		ok = *s != '\0';
		break;
	case CONF_URL:
		expect = k->flags & CONF_BASE ? "an absolute https URL" :
		    "an absolute http or https URL";
		if (*s != '\0' && (why = check_url(&p->c->arena, s, k->flags,
		    text)) != NULL)
			expect = why;
		buf_puts(&what, expect);
		ok = *s != '\0' && why == NULL;
		break;
	case CONF_ENUM:
		choices_text(&what, k->choices);
		q = choice_find(k->choices, s, (k->flags & CONF_NOCASE) != 0,
		    &w);
		if ((ok = q != NULL))
			*text = arena_strndup(&p->c->arena, q, w);
		break;
	case CONF_INT:
		buf_printf(&what, "an integer from %ld to %ld", k->min,
		    k->max);
		q = s;
		if (*q == '-' && k->min < 0)
			q++;
		ok = is_digit(*q);
		for (n = 0; ok && *q != '\0'; q++) {
			if (!is_digit(*q) || n > (LONG_MAX - 9) / 10)
				ok = false;
			else
				n = n * 10 + (*q - '0');
		}
		if (ok) {
			v->num = s[0] == '-' ? -n : n;
			ok = v->num >= k->min && v->num <= k->max;
		}
		break;
	case CONF_BOOL:
		BUF_PUTSL(&what, "yes or no");
		ok = strcmp(s, "yes") == 0 || strcmp(s, "true") == 0 ||
		    strcmp(s, "no") == 0 || strcmp(s, "false") == 0;
		v->yes = strcmp(s, "yes") == 0 || strcmp(s, "true") == 0;
		if (ok)
			*text = arena_strdup(&p->c->arena,
			    v->yes ? "yes" : "no");
		break;
	case CONF_TIMEZONE:
		BUF_PUTSL(&what, "an IANA time zone name such as Asia/Tokyo");
		ok = tz_name_ok(s);
		if (ok) {
			tz_free(v->tz);
			d.quiet = true;
			d.capture = &cap;
			if (tz_load(&v->tz, s, &d) < 0) {
				/* "error: unknown time zone ...\n" */
				if (cap.len > 7 &&
				    cap.data[cap.len - 1] == '\n')
					cap.data[--cap.len] = '\0';
				perr(p, line, k->section, k->name, "%s",
				    cap.len > 7 ? cap.data + 7 : cap.data);
				buf_release(&cap);
				buf_release(&what);
				return false;
			}
		}
		break;
	case CONF_EMAIL:
		BUF_PUTSL(&what, "an e-mail address such as name@example.org");
		ok = email_ok(s);
		break;
	}
	if (!ok) {
		if (*s == '\0')
			perr(p, line, k->section, k->name, "expected %s, not "
			    "an empty value%s", what.data, p->cut ? " (a '#' "
			    "after a space starts a comment; put the value in "
			    "double quotes)" : "");
		else
			perr(p, line, k->section, k->name, "expected %s, not "
			    "%s%s", what.data, quote(p, s, strlen(s)),
			    k->flags & CONF_LIST && s[strlen(s) - 1] == ',' ?
			    " (separate values with spaces)" : "");
	} else if (*text == NULL)
		*text = arena_strdup(&p->c->arena, s);
	buf_release(&what);
	buf_release(&cap);
	return ok;
}

/* Checks value s of key k and stores it in v. */
static bool
check_value(struct parser *p, unsigned line, const struct conf_key *k,
    const char *s, struct conf_val *v)
{
	struct buf joined = BUF_INIT;
	char *item, *text, **items = NULL;
	size_t n = 0, i, w, cap = 0, seen = 0;
	bool ok = true;

	if (!(k->flags & CONF_LIST)) {
		if (!check_item(p, line, k, s, v, &text))
			return false;
		v->text = text;
		v->has = true;
		return true;
	}
	for (;;) {
		while (is_ws(*s))
			s++;
		if (*s == '\0')
			break;
		for (w = 0; s[w] != '\0' && !is_ws(s[w]); w++)
			continue;
		if (seen++ == CONF_MAX_ITEMS) {
			perr(p, line, k->section, k->name,
			    "more than %d values", CONF_MAX_ITEMS);
			ok = false;
			break;
		}
		item = arena_strndup(&p->c->arena, s, w);
		s += w;
		if (!check_item(p, line, k, item, v, &text)) {
			ok = false;
			continue;
		}
		for (i = 0; i < n; i++)
			if (strcmp(items[i], text) == 0)
				break;
		if (i < n) {
			perr(p, line, k->section, k->name, "%s is listed twice",
			    quote(p, item, strlen(item)));
			ok = false;
			continue;
		}
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 8;
			items = xreallocarray(items, cap, sizeof(*items));
		}
		items[n++] = text;
		buf_printf(&joined, "%s%s", joined.len ? " " : "", text);
	}
	if (ok && n == 0) {
		perr(p, line, k->section, k->name, "expected a list of one or "
		    "more values separated by spaces, not an empty value");
		ok = false;
	}
	if (ok) {
		v->items = arena_alloc(&p->c->arena,
		    (n + 1) * sizeof(*v->items));
		memcpy(v->items, items, n * sizeof(*items));
		v->nitems = n;
		v->text = arena_strndup(&p->c->arena, joined.data, joined.len);
		v->has = true;
	}
	free(items);
	buf_release(&joined);
	return ok;
}

/*
 * Reads the value that starts at s (white space skipped) and ends at
 * end into out: a quoted string, or plain text up to a " #" comment.
 * Returns false after reporting a malformed one.
 */
static bool
read_value(struct parser *p, unsigned line, const char *section,
    const char *key, const char *s, const char *end, struct buf *out)
{
	const char *e;

	buf_reset(out);
	p->cut = false;
	if (s < end && *s == '"') {
		for (s++; s < end && *s != '"'; s++) {
			if (*s == '\\') {
				if (s + 1 == end || (s[1] != '"' &&
				    s[1] != '\\')) {
					perr(p, line, section, key, "unknown "
					    "escape in quotes (only \\\" and "
					    "\\\\ are known)");
					return false;
				}
				s++;
			}
			buf_putc(out, *s);
		}
		if (s == end) {
			perr(p, line, section, key, "missing closing quote");
			return false;
		}
		for (s++; s < end && is_ws(*s); s++)
			continue;
		if (s < end && *s != '#') {
			perr(p, line, section, key, "text after the closing "
			    "quote (use \\\" for a quote inside quotes)");
			return false;
		}
		return true;
	}
	for (e = s; e < end && !(*e == '#' && (e == s || is_ws(e[-1]))); e++)
		continue;
	p->cut = e < end;
	while (e > s && is_ws(e[-1]))
		e--;
	buf_put(out, s, (size_t)(e - s));
	return true;
}

/* Parses one line (len bytes, no line end); *section tracks headers. */
static void
parse_line(struct parser *p, unsigned line, const char *s, size_t len,
    const char **section, bool *known, struct buf *val)
{
	const char *end = s + len, *k, *ke, *q;
	const struct conf_key *key;
	char name[64];
	size_t i, bad, idx;

	if ((bad = utf8_check(s, len)) != len) {
		perr(p, line, NULL, NULL, "invalid UTF-8 (byte %zu of the "
		    "line)", bad + 1);
		return;
	}
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    s[i] == 0x7f) {
			perr(p, line, NULL, NULL, "control character 0x%02x "
			    "(byte %zu of the line)", (unsigned char)s[i],
			    i + 1);
			return;
		}
	while (s < end && is_ws(*s))
		s++;
	if (s == end || *s == '#')
		return;
	if (*s == '[') {
		for (k = s + 1; k < end && is_ws(*k); k++)
			continue;
		for (ke = k; ke < end && name_char(*ke); ke++)
			continue;
		for (q = ke; q < end && is_ws(*q); q++)
			continue;
		if (ke == k || q == end || *q != ']' ||
		    (size_t)(ke - k) >= sizeof(name))
			goto malformed;
		for (q++; q < end && is_ws(*q); q++)
			continue;
		if (q < end && *q != '#')
			goto malformed;
		memcpy(name, k, (size_t)(ke - k));
		name[ke - k] = '\0';
		*section = find_section(p->c->schema, name);
		*known = *section != NULL;
		if (!*known)
			unknown_section(p, line, name);
		return;
	}
	for (ke = s; ke < end && name_char(*ke); ke++)
		continue;
	for (q = ke; q < end && is_ws(*q); q++)
		continue;
	if (ke == s || q == end || *q != '=' ||
	    (size_t)(ke - s) >= sizeof(name))
		goto malformed;
	memcpy(name, s, (size_t)(ke - s));
	name[ke - s] = '\0';
	for (q++; q < end && is_ws(*q); q++)
		continue;
	if (!*known)
		return;		/* reported with the section */
	if (!read_value(p, line, *section, name, q, end, val))
		return;
	if ((key = find_key(p->c->schema, *section, name, &idx)) == NULL) {
		unknown_key(p, line, *section, name);
		return;
	}
	if (p->c->vals[idx].line != 0) {
		perr(p, line, key->section, key->name, "set twice (first on "
		    "line %u)", p->c->vals[idx].line);
		return;
	}
	/* Set, even if badly: no "missing" message, and twice is caught. */
	p->c->vals[idx].line = line;
	(void)check_value(p, line, key, val->data, &p->c->vals[idx]);
	return;
malformed:
	while (end > s && is_ws(end[-1]))
		end--;
	perr(p, line, NULL, NULL, "expected \"key = value\", a [section] or "
	    "a # comment, not %s", quote(p, s, (size_t)(end - s)));
}

int
conf_parse(struct conf **out, const struct conf_schema *schema,
    const char *name, const char *src, size_t len, struct diag *d)
{
	struct parser p;
	struct buf val = BUF_INIT;
	const char *s = src, *end = src + len, *nl, *section = NULL;
	const struct conf_key *k;
	struct conf *c;
	unsigned line = 0;
	size_t i, n;
	bool known = true;

	*out = NULL;
	c = xcalloc(1, sizeof(*c));
	c->schema = schema;
	c->vals = xcalloc(schema->nkeys, sizeof(*c->vals));
	memset(&p, 0, sizeof(p));
	p.c = c;
	p.name = name;
	p.d = d;
	buf_init(&p.msg, 0);
	buf_init(&p.q, 0);
	if (len > CONF_MAX_BYTES) {
		perr(&p, 0, NULL, NULL, "file too large (over %d bytes)",
		    CONF_MAX_BYTES);
		goto out;
	}
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end && p.errors < CONF_MAX_ERRORS) {
		line++;
		nl = memchr(s, '\n', (size_t)(end - s));
		n = (size_t)((nl != NULL ? nl : end) - s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		parse_line(&p, line, s, n, &section, &known, &val);
		s = nl != NULL ? nl + 1 : end;
	}
	for (i = 0; i < schema->nkeys && p.errors < CONF_MAX_ERRORS; i++) {
		k = &schema->keys[i];
		if (c->vals[i].line != 0)
			continue;
		if (k->flags & CONF_REQUIRED) {
			perr(&p, 0, k->section, k->name, "required but "
			    "missing");
			continue;
		}
		/* A default that does not check is a bug in the schema. */
		p.cut = false;
		if (k->def != NULL)
			(void)check_value(&p, 0, k, k->def, &c->vals[i]);
	}
out:
	buf_release(&val);
	buf_release(&p.msg);
	buf_release(&p.q);
	if (p.errors > 0) {
		conf_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

void
conf_free(struct conf *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->schema->nkeys; i++)
		tz_free(c->vals[i].tz);
	free(c->vals);
	arena_release(&c->arena);
	free(c);
}

static const struct conf_val *
find_val(const struct conf *c, const char *section, const char *key)
{
	size_t idx;

	if (c == NULL || find_key(c->schema, section, key, &idx) == NULL)
		return NULL;
	return &c->vals[idx];
}

unsigned
conf_line(const struct conf *c, const char *section, const char *key)
{
	const struct conf_val *v = find_val(c, section, key);

	return v != NULL ? v->line : 0;
}

const char *
conf_str(const struct conf *c, const char *section, const char *key)
{
	const struct conf_val *v = find_val(c, section, key);

	return v != NULL && v->has ? v->text : NULL;
}

long
conf_int(const struct conf *c, const char *section, const char *key)
{
	const struct conf_val *v = find_val(c, section, key);

	return v != NULL && v->has ? v->num : 0;
}

bool
conf_bool(const struct conf *c, const char *section, const char *key)
{
	const struct conf_val *v = find_val(c, section, key);

	return v != NULL && v->has && v->yes;
}

const char *const *
conf_list(const struct conf *c, const char *section, const char *key,
    size_t *n)
{
	static const char *const none[1] = { NULL };
	const struct conf_val *v = find_val(c, section, key);

	if (v == NULL || !v->has || v->items == NULL) {
		*n = 0;
		return none;
	}
	*n = v->nitems;
	return (const char *const *)v->items;
}

struct tz *
conf_take_tz(struct conf *c, const char *section, const char *key)
{
	struct conf_val *v = (struct conf_val *)find_val(c, section, key);
	struct tz *tz;

	if (v == NULL)
		return NULL;
	tz = v->tz;
	v->tz = NULL;	/* now the caller's */
	return tz;
}

/* The three kinds of file. */

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* A NULL-terminated copy of n strings. */
static char **
dup_list(const char *const *items, size_t n)
{
	char **v = xcalloc(n + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = xstrdup(items[i]);
	return v;
}

/* index_pages as INDEX_* bits; "none" stands alone. */
static int
index_pages(unsigned *out, const struct conf *c, const char *name,
    struct diag *d)
{
	static const char *const words[] = { "home", "issuers", "badges",
	    "awards", "collections" };
	const char *const *v;
	size_t n, i, k;

	*out = 0;
	v = conf_list(c, NULL, "index_pages", &n);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i], "none") == 0) {
			if (n > 1)
				return diag_err(d, "%s:%u: index_pages: expected "
				    "none alone, or page kinds, not \"%s\"",
				    name, conf_line(c, NULL, "index_pages"),
				    conf_str(c, NULL, "index_pages"));
			continue;
		}
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if (strcmp(v[i], words[k]) == 0)
				*out |= 1u << k;
	}
	return 0;
}

int
site_conf_parse(struct site_conf *out, const char *name, const char *src,
    size_t len, struct diag *d)
{
	struct conf *c = NULL;
	const char *const *langs, *const *skip;
	const char *lang;
	size_t n, nskip, i, j;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (conf_parse(&c, &conf_site_schema, name, src, len, d) < 0)
		return -1;
	langs = conf_list(c, NULL, "languages", &n);
	lang = conf_str(c, NULL, "lang");
	if (n > 0 && conf_line(c, NULL, "lang") == 0)
		lang = langs[0];
	for (i = 0; i < n && strcmp(langs[i], lang) != 0; i++)
		continue;
	if (n > 0 && i == n) {
		diag_err(d, "%s:%u: languages: expected a list that includes "
		    "lang (%s), not \"%s\"", name,
		    conf_line(c, NULL, "languages"), lang,
		    conf_str(c, NULL, "languages"));
		goto out;
	}
	out->title = xstrdup(conf_str(c, NULL, "title"));
	out->description = dup_or_null(conf_str(c, NULL, "description"));
	out->base_url = xstrdup(conf_str(c, NULL, "base_url"));
	out->lang = xstrdup(lang);
	out->languages = xcalloc(n + 2, sizeof(*out->languages));
	out->languages[0] = xstrdup(lang);
	for (i = 0, j = 1; i < n; i++)
		if (strcmp(langs[i], lang) != 0)
			out->languages[j++] = xstrdup(langs[i]);
	out->nlanguages = j;
	out->output = xstrdup(conf_str(c, NULL, "output"));
	out->timezone = xstrdup(conf_str(c, NULL, "timezone"));
	out->tz = conf_take_tz(c, NULL, "timezone");
	out->new_days = (unsigned)conf_int(c, NULL, "new_days");
	out->copyright = dup_or_null(conf_str(c, NULL, "copyright"));
	out->mail_from = dup_or_null(conf_str(c, "mail", "from"));
	out->mail_reply_to = dup_or_null(conf_str(c, "mail", "reply_to"));
	skip = conf_list(c, "check", "skip_prefixes", &nskip);
	out->check_skip_prefixes = dup_list(skip, nskip);
	out->ncheck_skip_prefixes = nskip;
	if (index_pages(&out->index_pages, c, name, d) < 0) {
		site_conf_release(out);
		goto out;
	}
	rc = 0;
out:
	conf_free(c);
	return rc;
}

void
site_conf_release(struct site_conf *c)
{
	if (c == NULL)
		return;
	free(c->title);
	free(c->description);
	free(c->base_url);
	free(c->lang);
	free_list(c->languages, c->nlanguages);
	free(c->output);
	free(c->timezone);
	tz_free(c->tz);
	free(c->copyright);
	free(c->mail_from);
	free(c->mail_reply_to);
	free_list(c->check_skip_prefixes, c->ncheck_skip_prefixes);
	memset(c, 0, sizeof(*c));
}

int
award_conf_parse(struct award_conf *out, const char *name, const char *src,
    size_t len, struct diag *d)
{
	const char *vis;
	struct conf *c;

	memset(out, 0, sizeof(*out));
	if (conf_parse(&c, &conf_award_schema, name, src, len, d) < 0)
		return -1;
	vis = conf_str(c, NULL, "visibility");
	out->private_ = strcmp(vis, "private") == 0 ||
	    strcmp(vis, "非公開") == 0;
	out->email = dup_or_null(conf_str(c, NULL, "email"));
	out->index = conf_line(c, NULL, "index") == 0 ? 0 :
	    conf_bool(c, NULL, "index") ? 1 : -1;
	conf_free(c);
	return 0;
}

void
award_conf_release(struct award_conf *c)
{
	if (c == NULL)
		return;
	free(c->email);
	memset(c, 0, sizeof(*c));
}

int
recipient_conf_parse(struct recipient_conf *out, const char *name,
    const char *src, size_t len, struct diag *d)
{
	struct conf *c;
	const char *const *ids;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (conf_parse(&c, &conf_recipient_schema, name, src, len, d) < 0)
		return -1;
	out->name = xstrdup(conf_str(c, NULL, "name"));
	ids = conf_list(c, NULL, "identities", &n);
	out->emails = dup_list(ids, n);
	out->nemails = n;
	out->public_ = conf_bool(c, NULL, "public");
	conf_free(c);
	return 0;
}

void
recipient_conf_release(struct recipient_conf *c)
{
	if (c == NULL)
		return;
	free(c->name);
	free_list(c->emails, c->nemails);
	memset(c, 0, sizeof(*c));
}

/* Editing a file: one key changed, every other byte kept. */

/* Whether value must be written in double quotes to read back as it is. */
static bool
needs_quotes(const char *value)
{
	size_t n = strlen(value), i;

	if (n == 0 || is_ws(value[0]) || is_ws(value[n - 1]) ||
	    value[0] == '"' || value[0] == '#')
		return true;
	for (i = 1; i < n; i++)
		if (value[i] == '#' && is_ws(value[i - 1]))
			return true;
	return false;
}

/* "key = value" with the value quoted when it must be. */
static void
put_setting(struct buf *out, const char *key, const char *value)
{
	const char *p;

	buf_printf(out, "%s = ", key);
	if (!needs_quotes(value)) {
		buf_puts(out, value);
		return;
	}
	buf_putc(out, '"');
	for (p = value; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_putc(out, '\\');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

/*
 * Where the comment after the value that starts at v ends at end begins
 * (the white space before its '#'), or end when there is none.
 */
static const char *
value_comment(const char *v, const char *end)
{
	const char *e;

	if (v < end && *v == '"') {
		for (e = v + 1; e < end && *e != '"'; e++)
			if (*e == '\\' && e + 1 < end)
				e++;
		if (e == end)
			return end;
		v = e + 1;
	}
	for (e = v; e < end; e++)
		if (*e == '#' && e > v && is_ws(e[-1])) {
			while (e > v && is_ws(e[-1]))
				e--;
			return e;
		}
	return end;
}

/*
 * If the line s..end (no line end) sets key, returns where its value
 * starts and sets *indent_end to the start of the key; else NULL.
 */
static const char *
sets_key(const char *s, const char *end, const char *key,
    const char **indent_end)
{
	const char *k, *ke;
	size_t n = strlen(key);

	for (k = s; k < end && is_ws(*k); k++)
		continue;
	for (ke = k; ke < end && name_char(*ke); ke++)
		continue;
	if ((size_t)(ke - k) != n || memcmp(k, key, n) != 0)
		return NULL;
	while (ke < end && is_ws(*ke))
		ke++;
	if (ke == end || *ke != '=')
		return NULL;
	for (ke++; ke < end && is_ws(*ke); ke++)
		continue;
	*indent_end = k;
	return ke;
}

int
conf_edit(struct buf *out, const char *src, size_t len, const char *key,
    const char *value)
{
	const char *s = src, *end = src + len, *nl, *bend, *p, *v, *ind;
	const char *eol = "\n";
	bool top = true, done = false;
	size_t body;

	if (value != NULL && strpbrk(value, "\r\n") != NULL)
		return -1;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		buf_put(out, s, 3);
		s += 3;
	}
	body = out->len;
	if ((nl = memchr(s, '\n', (size_t)(end - s))) != NULL && nl > s &&
	    nl[-1] == '\r')
		eol = "\r\n";
	for (; s < end; s = nl != NULL ? nl + 1 : end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		bend = nl != NULL ? nl : end;
		if (bend > s && bend[-1] == '\r')
			bend--;
		for (p = s; p < bend && is_ws(*p); p++)
			continue;
		if (top && p < bend && *p == '[') {
			top = false;
			if (!done && value != NULL) {
				put_setting(out, key, value);
				buf_puts(out, eol);
				done = true;
			}
		} else if (top && (v = sets_key(s, bend, key, &ind)) != NULL) {
			if (!done && value != NULL) {
				buf_put(out, s, (size_t)(ind - s));
				put_setting(out, key, value);
				p = value_comment(v, bend);
				buf_put(out, p, (size_t)(bend - p));
				buf_put(out, bend, (size_t)((nl != NULL ?
				    nl + 1 : end) - bend));
			}
			done = true;
			continue;
		}
		buf_put(out, s, (size_t)((nl != NULL ? nl + 1 : end) - s));
	}
	if (!done && value != NULL) {
		if (out->len > body && out->data[out->len - 1] != '\n')
			buf_puts(out, eol);
		put_setting(out, key, value);
		buf_puts(out, eol);
	}
	return 0;
}

int
award_conf_write(const char *path, const char *key, const char *value,
    struct buf *old, bool *existed, struct diag *d)
{
	struct buf cur = BUF_INIT, text = BUF_INIT;
	int r, rc = -1;

	if ((r = fs_read_file(&cur, path, CONF_MAX_BYTES, true, d)) < 0)
		goto out;
	if (existed != NULL)
		*existed = r == 0;
	if (conf_edit(&text, cur.data, cur.len, key, value) < 0) {
		diag_err(d, "%s: %s: a value cannot hold a line end", path,
		    key);
		goto out;
	}
	if (fs_write_file(path, text.data, text.len, 0644, FS_REPLACE |
	    FS_MKDIRS, d) < 0)
		goto out;
	if (old != NULL)
		buf_put(old, cur.data, cur.len);
	rc = 0;
out:
	buf_release(&cur);
	buf_release(&text);
	return rc;
}
