/*
 * check.c - checks a built site tree; see check.h.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <png.h>

#include "bake.h"
#include "check.h"
#include "fs.h"
#include "json.h"
#include "jws.h"

#define CHECK_MAX_FILE	(64u * 1024 * 1024)
#define PNG_MAX_PIXELS	(64u * 1024 * 1024)
#define SVG_MAX_DEPTH	256

static const char *const kind_names[CHECK_NKINDS] = {
	"award", "link", "fragment", "reference", "image", "leak"
};

const char *
check_kind_name(enum check_kind k)
{
	return (unsigned)k < CHECK_NKINDS ? kind_names[k] : "?";
}

const char *
check_level_name(enum check_level l)
{
	return l == CHECK_LEVEL_WARN ? "warn" : "error";
}

int
check_format_parse(enum check_format *out, const char *s)
{
	static const char *const names[] = { "human", "tap", "junit", "json" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum check_format)i;
			return 0;
		}
	return -1;
}

/* Adds the unit (file, kind) without looking for it first. */
static struct check_unit *
unit_append(struct check_report *r, const char *file, enum check_kind kind)
{
	struct check_unit *u;

	if (r->nunits == r->capunits) {
		r->capunits = r->capunits ? r->capunits * 2 : 64;
		r->units = xreallocarray(r->units, r->capunits,
		    sizeof(*r->units));
	}
	u = &r->units[r->nunits++];
	memset(u, 0, sizeof(*u));
	u->file = xstrdup(file);
	u->kind = kind;
	return u;
}

/*
 * The search goes backwards: the checks of one file add their units
 * together and their findings right after, so it ends at once.
 */
struct check_unit *
check_unit(struct check_report *r, const char *file, enum check_kind kind)
{
	size_t i;

	for (i = r->nunits; i-- > 0; )
		if (r->units[i].kind == kind &&
		    strcmp(r->units[i].file, file) == 0)
			return &r->units[i];
	return unit_append(r, file, kind);
}

void
check_add(struct check_report *r, const char *file, enum check_kind kind,
    enum check_level level, unsigned line, const char *fmt, ...)
{
	struct check_unit *u = check_unit(r, file, kind);
	struct check_finding *f;
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (u->nfindings == u->capfindings) {
		u->capfindings = u->capfindings ? u->capfindings * 2 : 4;
		u->findings = xreallocarray(u->findings, u->capfindings,
		    sizeof(*u->findings));
	}
	f = &u->findings[u->nfindings++];
	f->level = level;
	f->line = line;
	f->message = buf_detach(&b, NULL);
	if (level == CHECK_LEVEL_ERROR)
		r->errors++;
	else
		r->warnings++;
}

void
check_add_build_messages(struct check_report *r, const char *text,
    size_t len)
{
	const char *p = text, *end = text + len, *nl, *msg, *colon, *q;
	enum check_level level;
	unsigned line;
	char *file;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((size_t)(nl - p) > 7 && memcmp(p, "error: ", 7) == 0) {
			level = CHECK_LEVEL_ERROR;
			msg = p + 7;
		} else if ((size_t)(nl - p) > 9 &&
		    memcmp(p, "warning: ", 9) == 0) {
			level = CHECK_LEVEL_WARN;
			msg = p + 9;
		} else
			continue;
		colon = memchr(msg, ':', (size_t)(nl - msg));
		if (colon != NULL && memchr(msg, ' ', (size_t)(colon - msg)) ==
		    NULL && colon > msg) {
			file = xstrndup(msg, (size_t)(colon - msg));
			msg = colon + 1;
			while (msg < nl && *msg == ' ')
				msg++;
		} else
			file = xstrdup("build");
		/* "12:7: ..." after the file is its place */
		line = 0;
		for (q = msg; q < nl && *q >= '0' && *q <= '9' && line < 1000000;
		    q++)
			line = line * 10 + (unsigned)(*q - '0');
		if (q > msg && q < nl && *q == ':') {
			while (q < nl && (*q == ':' || (*q >= '0' && *q <= '9')))
				q++;
			while (q < nl && *q == ' ')
				q++;
			msg = q;
		} else
			line = 0;
		check_add(r, file, CHECK_KIND_AWARD, level, line, "%.*s",
		    (int)(nl - msg), msg);
		free(file);
	}
}

static int
cmp_unit(const void *a, const void *b)
{
	const struct check_unit *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c != 0)
		return c;
	return (int)x->kind - (int)y->kind;
}

void
check_sort(struct check_report *r)
{
	if (r->nunits > 1)
		qsort(r->units, r->nunits, sizeof(*r->units), cmp_unit);
}

void
check_report_release(struct check_report *r)
{
	size_t i, j;

	if (r == NULL)
		return;
	for (i = 0; i < r->nunits; i++) {
		for (j = 0; j < r->units[i].nfindings; j++)
			free(r->units[i].findings[j].message);
		free(r->units[i].findings);
		free(r->units[i].file);
	}
	free(r->units);
	for (i = 0; i < r->nexternal; i++)
		free(r->external[i]);
	free(r->external);
	memset(r, 0, sizeof(*r));
}

/* --- images ------------------------------------------------------- */

bool
check_png(const char *data, size_t len, struct buf *why)
{
	png_image img;
	void *px;
	bool ok;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, data, len)) {
		buf_puts(why, img.message);
		png_image_free(&img);
		return false;
	}
	img.format = PNG_FORMAT_RGBA;
	if ((size_t)img.width * img.height > PNG_MAX_PIXELS) {
		buf_printf(why, "%ux%u pixels is too large", img.width,
		    img.height);
		png_image_free(&img);
		return false;
	}
	px = xmalloc(PNG_IMAGE_SIZE(img) + 1);
	ok = png_image_finish_read(&img, NULL, px, 0, NULL) != 0;
	if (!ok)
		buf_puts(why, img.message);
	png_image_free(&img);
	free(px);
	return ok;
}

/* Skips to just after the string end; returns NULL when absent. */
static const char *
skip_past(const char *p, const char *e, const char *end)
{
	size_t n = strlen(end);

	for (; (size_t)(e - p) >= n; p++)
		if (memcmp(p, end, n) == 0)
			return p + n;
	return NULL;
}

static bool
name_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' ||
	    c == '.' || (unsigned char)c >= 0x80;
}

bool
check_svg(const char *data, size_t len, const char **why)
{
	const char *p = data, *e = data + len, *name, *q;
	const char *stack[SVG_MAX_DEPTH];
	size_t lens[SVG_MAX_DEPTH], depth = 0, n;
	bool root = false, closing, empty;
	char quote;

	if (utf8_check(data, len) != len) {
		*why = "not UTF-8";
		return false;
	}
	if (!bake_is_svg(data, len)) {
		*why = "no <svg> element";
		return false;
	}
	while (p < e) {
		if (*p != '<') {
			if (depth == 0 && root && *p != ' ' && *p != '\n' &&
			    *p != '\r' && *p != '\t') {
				*why = "text after the root element";
				return false;
			}
			p++;
			continue;
		}
		if ((size_t)(e - p) >= 4 && memcmp(p, "<!--", 4) == 0)
			q = skip_past(p + 4, e, "-->");
		else if ((size_t)(e - p) >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
			q = skip_past(p + 9, e, "]]>");
		else if ((size_t)(e - p) >= 2 && p[1] == '?')
			q = skip_past(p + 2, e, "?>");
		else if ((size_t)(e - p) >= 2 && p[1] == '!')
			q = skip_past(p + 2, e, ">");
		else
			q = p;
		if (q == NULL) {
			*why = "unterminated markup";
			return false;
		}
		if (q != p) {
			p = q;
			continue;
		}
		p++;
		closing = p < e && *p == '/';
		if (closing)
			p++;
		name = p;
		while (p < e && name_char(*p))
			p++;
		n = (size_t)(p - name);
		if (n == 0) {
			*why = "a '<' that starts no tag";
			return false;
		}
		quote = 0;
		empty = false;
		for (; p < e; p++) {
			if (quote != 0) {
				if (*p == quote)
					quote = 0;
			} else if (*p == '"' || *p == '\'')
				quote = *p;
			else if (*p == '>')
				break;
			else if (*p == '<') {
				*why = "a '<' inside a tag";
				return false;
			}
		}
		if (p >= e) {
			*why = "unterminated tag";
			return false;
		}
		empty = p[-1] == '/';
		p++;
		if (closing) {
			if (depth == 0 || lens[depth - 1] != n ||
			    memcmp(stack[depth - 1], name, n) != 0) {
				*why = "mismatched end tag";
				return false;
			}
			depth--;
			continue;
		}
		if (depth == 0) {
			if (root) {
				*why = "more than one root element";
				return false;
			}
			if (n != 3 || memcmp(name, "svg", 3) != 0) {
				*why = "the root element is not <svg>";
				return false;
			}
			root = true;
		}
		if (empty)
			continue;
		if (depth == SVG_MAX_DEPTH) {
			*why = "elements nested too deep";
			return false;
		}
		stack[depth] = name;
		lens[depth++] = n;
	}
	if (!root || depth != 0) {
		*why = root ? "unclosed elements" : "no root element";
		return false;
	}
	return true;
}

/* --- the tree ----------------------------------------------------- */

struct ref {
	char		*url;		/* as written, entities decoded */
	unsigned	 line;
	bool		 image;		/* src / srcset */
};

struct page {
	char		**ids;		/* sorted */
	size_t		 nids, capids;
	struct ref	*refs;
	size_t		 nrefs, caprefs;
	bool		 scanned;
};

struct tree {
	char		**files;	/* relative paths, sorted */
	size_t		 nfiles, capfiles;
	struct page	*pages;		/* parallel to files */
	const char	*dir;
	const struct check_site *site;
	const char	*base_path;	/* base_url's path, "/" or "/x/" */
	struct check_report *r;
	char		**emails;	/* recipients' addresses, lower case,
					   sorted, unique */
	size_t		 nemails;
	char		**domains;	/* their domains, sorted (into emails) */
	size_t		 ndomains;
	size_t		*seen;		/* per address: last file index + 1 */
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static bool
is_html(const char *path)
{
	return has_suffix(path, ".html") || has_suffix(path, ".htm");
}

static int
list_dir(struct tree *t, const char *rel, struct diag *d)
{
	struct buf path = BUF_INIT, sub = BUF_INIT;
	struct dirent *de;
	struct stat st;
	DIR *dp;
	int rc = -1;

	buf_printf(&path, "%s%s%s", t->dir, *rel ? "/" : "", rel);
	if ((dp = opendir(path.data)) == NULL) {
		diag_err(d, "%s: %s", path.data, strerror(errno));
		goto out;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		buf_reset(&path);
		buf_printf(&path, "%s/%s", t->dir, sub.data);
		if (lstat(path.data, &st) < 0) {
			diag_err(d, "%s: %s", path.data, strerror(errno));
			closedir(dp);
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			if (list_dir(t, sub.data, d) < 0) {
				closedir(dp);
				goto out;
			}
		} else if (S_ISREG(st.st_mode)) {
			if (t->nfiles == t->capfiles) {
				t->capfiles = t->capfiles ? t->capfiles * 2 : 64;
				t->files = xreallocarray(t->files, t->capfiles,
				    sizeof(*t->files));
			}
			t->files[t->nfiles++] = xstrdup(sub.data);
		}
	}
	closedir(dp);
	rc = 0;
out:
	buf_release(&path);
	buf_release(&sub);
	return rc;
}

static ssize_t
find_file(const struct tree *t, const char *path)
{
	size_t lo = 0, hi = t->nfiles, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(path, t->files[mid]);
		if (c == 0)
			return (ssize_t)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Reads dir/rel whole into out. */
static int
read_whole(struct buf *out, const char *dir, const char *rel, struct diag *d)
{
	struct buf path = BUF_INIT;
	int rc;

	buf_printf(&path, "%s/%s", dir, rel);
	rc = fs_read_file(out, path.data, CHECK_MAX_FILE, false, d);
	buf_release(&path);
	return rc;
}

/* Appends s[0..n) with HTML character references decoded. */
static void
decode_entities(struct buf *out, const char *s, size_t n)
{
	static const struct { const char *name; char c; } named[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' }
	};
	size_t i, j, k;
	unsigned long cp;
	char *endp;
	char num[16];

	for (i = 0; i < n; i++) {
		if (s[i] != '&') {
			buf_putc(out, s[i]);
			continue;
		}
		for (j = 0; j < sizeof(named) / sizeof(named[0]); j++) {
			k = strlen(named[j].name);
			if (n - i - 1 >= k && memcmp(s + i + 1, named[j].name,
			    k) == 0)
				break;
		}
		if (j < sizeof(named) / sizeof(named[0])) {
			buf_putc(out, named[j].c);
			i += strlen(named[j].name);
			continue;
		}
		if (i + 2 < n && s[i + 1] == '#') {
			k = 0;
			for (j = i + 2; j < n && s[j] != ';' && k < 12; j++)
				num[k++] = s[j];
			num[k] = '\0';
			if (j < n && s[j] == ';' && k > 0) {
				if (num[0] == 'x' || num[0] == 'X')
					cp = strtoul(num + 1, &endp, 16);
				else
					cp = strtoul(num, &endp, 10);
				if (*endp == '\0' && cp > 0 && cp <= 0x10ffff) {
					utf8_put(out, (uint32_t)cp);
					i = j;
					continue;
				}
			}
		}
		buf_putc(out, '&');
	}
}

static void
add_id(struct page *pg, const char *s, size_t n)
{
	if (pg->nids == pg->capids) {
		pg->capids = pg->capids ? pg->capids * 2 : 16;
		pg->ids = xreallocarray(pg->ids, pg->capids, sizeof(*pg->ids));
	}
	pg->ids[pg->nids++] = xstrndup(s, n);
}

static void
add_ref(struct page *pg, const char *s, size_t n, unsigned line, bool image)
{
	struct ref *rf;

	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (pg->nrefs == pg->caprefs) {
		pg->caprefs = pg->caprefs ? pg->caprefs * 2 : 16;
		pg->refs = xreallocarray(pg->refs, pg->caprefs,
		    sizeof(*pg->refs));
	}
	rf = &pg->refs[pg->nrefs++];
	rf->url = xstrndup(s, n);
	rf->line = line;
	rf->image = image;
}

/* The line of p, counting on from *mark (at line *line). */
static unsigned
line_at(const char *p, const char **mark, unsigned *line)
{
	for (; *mark < p; (*mark)++)
		if (**mark == '\n')
			(*line)++;
	return *line;
}

/* Records one attribute of a tag. */
static void
html_attr(struct page *pg, const char *name, size_t nn, const char *v,
    size_t vn, unsigned line)
{
	struct buf val = BUF_INIT;
	const char *p, *e, *c, *w;

	decode_entities(&val, v, vn);
	buf_putc(&val, '\0');
	val.len--;
	if (nn == 2 && strncasecmp(name, "id", 2) == 0)
		add_id(pg, val.data, val.len);
	else if (nn == 4 && strncasecmp(name, "href", 4) == 0)
		add_ref(pg, val.data, val.len, line, false);
	else if (nn == 3 && strncasecmp(name, "src", 3) == 0)
		add_ref(pg, val.data, val.len, line, true);
	else if (nn == 6 && strncasecmp(name, "srcset", 6) == 0) {
		p = val.data;
		e = val.data + val.len;
		while (p < e) {
			while (p < e && (*p == ' ' || *p == '\t' ||
			    *p == '\n' || *p == ','))
				p++;
			w = p;
			while (p < e && *p != ' ' && *p != '\t' && *p != '\n')
				p++;
			c = p;
			if (c > w && c[-1] == ',')
				c--;
			if (c > w)
				add_ref(pg, w, (size_t)(c - w), line, true);
			while (p < e && *p != ',')
				p++;
		}
	}
	buf_release(&val);
}

/* Collects ids and references of an HTML page. */
static void
scan_html(struct page *pg, const char *s, size_t len)
{
	const char *p = s, *e = s + len, *mark = s, *name, *an, *av, *q;
	size_t nn, ann, avn;
	unsigned line = 1;
	char quote;

	while (p < e) {
		if (*p != '<') {
			p++;
			continue;
		}
		if ((size_t)(e - p) >= 4 && memcmp(p, "<!--", 4) == 0) {
			q = skip_past(p + 4, e, "-->");
			p = q != NULL ? q : e;
			continue;
		}
		p++;
		if (p >= e || !((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z')))
			continue;
		name = p;
		while (p < e && name_char(*p))
			p++;
		nn = (size_t)(p - name);
		for (;;) {
			while (p < e && (*p == ' ' || *p == '\t' ||
			    *p == '\n' || *p == '\r' || *p == '/'))
				p++;
			if (p >= e || *p == '>')
				break;
			an = p;
			while (p < e && *p != '=' && *p != '>' && *p != ' ' &&
			    *p != '\t' && *p != '\n' && *p != '\r' && *p != '/')
				p++;
			ann = (size_t)(p - an);
			if (ann == 0) {
				p++;
				continue;
			}
			while (p < e && (*p == ' ' || *p == '\t' ||
			    *p == '\n' || *p == '\r'))
				p++;
			if (p >= e || *p != '=')
				continue;
			p++;
			while (p < e && (*p == ' ' || *p == '\t' ||
			    *p == '\n' || *p == '\r'))
				p++;
			if (p < e && (*p == '"' || *p == '\'')) {
				quote = *p++;
				av = p;
				while (p < e && *p != quote)
					p++;
				avn = (size_t)(p - av);
				if (p < e)
					p++;
			} else {
				av = p;
				while (p < e && *p != ' ' && *p != '\t' &&
				    *p != '\n' && *p != '\r' && *p != '>')
					p++;
				avn = (size_t)(p - av);
			}
			html_attr(pg, an, ann, av, avn,
			    line_at(an, &mark, &line));
		}
		if (p < e)
			p++;
		if ((nn == 6 && strncasecmp(name, "script", 6) == 0) ||
		    (nn == 5 && strncasecmp(name, "style", 5) == 0)) {
			q = skip_past(p, e, nn == 6 ? "</script" : "</style");
			p = q != NULL ? q : e;
		}
	}
	if (pg->nids > 1)
		qsort(pg->ids, pg->nids, sizeof(*pg->ids), cmp_str);
}

enum target {
	TARGET_IGNORE,		/* mailto:, data:, an empty link */
	TARGET_EXTERNAL,
	TARGET_INTERNAL
};

static void
pct_decode(struct buf *out, const char *s, size_t n)
{
	size_t i;
	int h, l;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n) {
			h = hex_value((unsigned char)s[i + 1]);
			l = hex_value((unsigned char)s[i + 2]);
			if (h >= 0 && l >= 0) {
				buf_putc(out, (char)(h * 16 + l));
				i += 2;
				continue;
			}
		}
		buf_putc(out, s[i]);
	}
}

/*
 * Resolves url, found in the site file at page, to a site path (into
 * path, without query or fragment) and a fragment (into frag, without
 * '#', empty when none).  Returns the kind of target; *outside is set
 * for an internal-looking link that leaves the site's root.
 */
static enum target
resolve(const struct tree *t, const char *page, const char *url,
    struct buf *path, struct buf *frag, bool *outside)
{
	const char *base = t->site->base_url, *p, *q, *rest;
	struct buf joined = BUF_INIT;
	size_t blen = strlen(base), n, i;
	const char *seg;
	size_t seglen;
	struct buf norm = BUF_INIT;
	enum target tg = TARGET_INTERNAL;

	buf_reset(path);
	buf_reset(frag);
	*outside = false;
	if (*url == '\0')
		return TARGET_IGNORE;
	for (p = url; *p != '\0' && *p != ':' && *p != '/' && *p != '?' &&
	    *p != '#'; p++)
		;
	if (*p == ':') {
		if (strncasecmp(url, "http:", 5) != 0 &&
		    strncasecmp(url, "https:", 6) != 0)
			return TARGET_IGNORE;
		if (strncasecmp(url, base, blen) == 0)
			rest = url + blen;
		else if (strncasecmp(url, base, blen - 1) == 0 &&
		    (url[blen - 1] == '\0' || url[blen - 1] == '?' ||
		    url[blen - 1] == '#'))
			rest = url + blen - 1;
		else
			return TARGET_EXTERNAL;
		buf_puts(&joined, rest);
	} else if (url[0] == '/' && url[1] == '/') {
		q = strstr(base, "//");
		if (q != NULL && strncasecmp(url, q, strlen(q)) == 0)
			buf_puts(&joined, url + strlen(q));
		else {
			buf_release(&joined);
			return TARGET_EXTERNAL;
		}
	} else if (url[0] == '/') {
		n = strlen(t->base_path);
		if (strncmp(url, t->base_path, n) == 0)
			buf_puts(&joined, url + n);
		else {
			*outside = true;
			buf_puts(&joined, url + 1);
		}
	} else if (url[0] == '#' || url[0] == '?') {
		buf_puts(&joined, page);
		buf_puts(&joined, url);
	} else {
		q = strrchr(page, '/');
		if (q != NULL)
			buf_put(&joined, page, (size_t)(q - page + 1));
		buf_puts(&joined, url);
	}
	buf_putc(&joined, '\0');
	joined.len--;
	/* fragment and query */
	q = strchr(joined.data, '#');
	if (q != NULL) {
		pct_decode(frag, q + 1, strlen(q + 1));
		joined.len = (size_t)(q - joined.data);
	}
	q = memchr(joined.data, '?', joined.len);
	if (q != NULL)
		joined.len = (size_t)(q - joined.data);
	/* normalise the segments */
	p = joined.data;
	n = joined.len;
	i = 0;
	while (i <= n) {
		seg = p + i;
		for (seglen = 0; i + seglen < n && p[i + seglen] != '/'; seglen++)
			;
		if (seglen == 1 && seg[0] == '.')
			;
		else if (seglen == 2 && seg[0] == '.' && seg[1] == '.') {
			if (norm.len == 0)
				*outside = true;
			else {
				while (norm.len > 0 && norm.data[norm.len - 1] != '/')
					norm.len--;
				if (norm.len > 0)
					norm.len--;
				while (norm.len > 0 &&
				    norm.data[norm.len - 1] != '/')
					norm.len--;
			}
		} else if (seglen > 0 || i + seglen >= n) {
			buf_put(&norm, seg, seglen);
			if (i + seglen < n)
				buf_putc(&norm, '/');
		}
		i += seglen + 1;
	}
	pct_decode(path, norm.data != NULL ? norm.data : "", norm.len);
	buf_putc(path, '\0');
	path->len--;
	buf_release(&joined);
	buf_release(&norm);
	return tg;
}

/* The file a site path is served from, or -1. */
static ssize_t
served(const struct tree *t, const char *path, struct buf *tmp)
{
	ssize_t i;
	size_t n = strlen(path);

	buf_reset(tmp);
	if (n == 0 || path[n - 1] == '/') {
		buf_printf(tmp, "%sindex.html", path);
		return find_file(t, tmp->data);
	}
	if ((i = find_file(t, path)) >= 0)
		return i;
	buf_printf(tmp, "%s/index.html", path);
	return find_file(t, tmp->data);
}

static bool
has_id(const struct page *pg, const char *id)
{
	return pg->nids > 0 && bsearch(&id, pg->ids, pg->nids,
	    sizeof(*pg->ids), cmp_str) != NULL;
}

static bool
skipped(const struct check_site *s, const char *url)
{
	size_t i;

	for (i = 0; i < s->nskip; i++)
		if (strncmp(url, s->skip[i], strlen(s->skip[i])) == 0)
			return true;
	return false;
}

static void
add_external(struct check_report *r, const char *url)
{
	if (r->nexternal == r->capexternal) {
		r->capexternal = r->capexternal ? r->capexternal * 2 : 32;
		r->external = xreallocarray(r->external, r->capexternal,
		    sizeof(*r->external));
	}
	r->external[r->nexternal++] = xstrdup(url);
}

static int
scan_page(struct tree *t, size_t i, struct buf *data, struct diag *d)
{
	struct page *pg = &t->pages[i];

	if (pg->scanned)
		return 0;
	pg->scanned = true;
	if (read_whole(data, t->dir, t->files[i], d) < 0)
		return -1;
	scan_html(pg, data->data, data->len);
	return 0;
}

static int
check_html_links(struct tree *t, size_t i, struct buf *data, struct diag *d)
{
	const char *file = t->files[i];
	struct page *pg = &t->pages[i];
	struct buf path = BUF_INIT, frag = BUF_INIT, tmp = BUF_INIT;
	enum check_kind kind;
	enum target tg;
	bool outside;
	ssize_t j;
	size_t k;
	int rc = -1;

	unit_append(t->r, file, CHECK_KIND_LINK);
	unit_append(t->r, file, CHECK_KIND_FRAGMENT);
	unit_append(t->r, file, CHECK_KIND_IMAGE);
	for (k = 0; k < pg->nrefs; k++) {
		const struct ref *rf = &pg->refs[k];

		kind = rf->image ? CHECK_KIND_IMAGE : CHECK_KIND_LINK;
		if (skipped(t->site, rf->url))
			continue;
		tg = resolve(t, file, rf->url, &path, &frag, &outside);
		if (tg == TARGET_IGNORE)
			continue;
		if (tg == TARGET_EXTERNAL) {
			add_external(t->r, rf->url);
			continue;
		}
		if (outside) {
			check_add(t->r, file, kind, CHECK_LEVEL_ERROR, rf->line,
			    "%s leaves the site", rf->url);
			continue;
		}
		if ((j = served(t, path.data, &tmp)) < 0) {
			check_add(t->r, file, kind, CHECK_LEVEL_ERROR, rf->line,
			    "%s: %s is not in the site", rf->url,
			    path.len > 0 && path.data[path.len - 1] != '/' ?
			    path.data : tmp.data);
			continue;
		}
		if (frag.len == 0 || !is_html(t->files[j]))
			continue;
		if (scan_page(t, (size_t)j, data, d) < 0)
			goto out;
		if (!has_id(&t->pages[j], frag.data))
			check_add(t->r, file, CHECK_KIND_FRAGMENT,
			    CHECK_LEVEL_ERROR, rf->line,
			    "%s: no id=\"%s\" in %s", rf->url, frag.data,
			    t->files[j]);
	}
	rc = 0;
out:
	buf_release(&path);
	buf_release(&frag);
	buf_release(&tmp);
	return rc;
}

static bool
ref_key(const char *k, size_t n)
{
	static const char *const keys[] = {
		"badge", "issuer", "image", "publicKey", "revocationList",
		"verificationMethod", "criteria", "creator", "achievement",
		"jwks_uri"
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i]) == n && memcmp(keys[i], k, n) == 0)
			return true;
	return false;
}

/* Checks one IRI found in a published document. */
static void
check_iri(struct tree *t, const char *file, const char *what,
    const char *iri, unsigned line, bool image)
{
	struct buf path = BUF_INIT, frag = BUF_INIT, tmp = BUF_INIT;
	size_t blen = strlen(t->site->base_url);
	bool outside;

	if (strncasecmp(iri, t->site->base_url, blen) != 0 ||
	    skipped(t->site, iri))
		goto out;
	if (resolve(t, file, iri, &path, &frag, &outside) != TARGET_INTERNAL)
		goto out;
	if (outside || served(t, path.data, &tmp) < 0)
		check_add(t->r, file, image ? CHECK_KIND_IMAGE :
		    CHECK_KIND_REFERENCE, CHECK_LEVEL_ERROR, line,
		    "%s %s is not served by the site", what, iri);
out:
	buf_release(&path);
	buf_release(&frag);
	buf_release(&tmp);
}

static void
walk_json(struct tree *t, const char *file, const struct json *v)
{
	const struct json *c, *e;
	char key[64];
	const char *id;

	if (v == NULL || (v->type != JSON_OBJECT && v->type != JSON_ARRAY))
		return;
	for (c = v->child; c != NULL; c = c->next) {
		if (v->type == JSON_OBJECT && ref_key(c->key, c->keylen)) {
			snprintf(key, sizeof(key), "%.*s", (int)c->keylen,
			    c->key);
			if (c->type == JSON_ARRAY) {
				for (e = c->child; e != NULL; e = e->next)
					if ((id = json_id(e)) != NULL)
						check_iri(t, file, key, id,
						    e->line, strcmp(key,
						    "image") == 0);
			} else if ((id = json_id(c)) != NULL)
				check_iri(t, file, key, id, c->line,
				    strcmp(key, "image") == 0);
		}
		walk_json(t, file, c);
	}
}

static void
check_json_refs(struct tree *t, size_t i, const struct buf *data)
{
	const char *file = t->files[i];
	struct arena a = ARENA_INIT;
	struct diag q = DIAG_INIT;
	struct json *root;
	struct jws j;

	q.quiet = true;
	unit_append(t->r, file, CHECK_KIND_REFERENCE);
	memset(&j, 0, sizeof(j));
	if (has_suffix(file, ".json")) {
		if (json_parse(&root, &a, file, data->data, data->len, &q) < 0)
			check_add(t->r, file, CHECK_KIND_REFERENCE,
			    CHECK_LEVEL_ERROR, 0, "not well-formed JSON");
		else
			walk_json(t, file, root);
	} else if (jws_parse(&j, file, data->data, data->len, &q) < 0)
		check_add(t->r, file, CHECK_KIND_REFERENCE, CHECK_LEVEL_ERROR,
		    0, "not a compact JWS");
	else {
		if (j.kid != NULL)
			check_iri(t, file, "kid", j.kid, 0, false);
		walk_json(t, file, j.body);
	}
	jws_release(&j);
	arena_release(&a);
}

static void
check_image_file(struct tree *t, size_t i, const struct buf *data)
{
	const char *file = t->files[i], *why = NULL;
	struct buf msg = BUF_INIT;

	unit_append(t->r, file, CHECK_KIND_IMAGE);
	if (has_suffix(file, ".png")) {
		if (!check_png(data->data, data->len, &msg))
			check_add(t->r, file, CHECK_KIND_IMAGE,
			    CHECK_LEVEL_ERROR, 0, "not a decodable PNG: %s",
			    msg.data != NULL ? msg.data : "");
	} else if (!check_svg(data->data, data->len, &why))
		check_add(t->r, file, CHECK_KIND_IMAGE, CHECK_LEVEL_ERROR, 0,
		    "not a well-formed SVG: %s", why);
	buf_release(&msg);
}

/* The 1-based line of offset off in data. */
static unsigned
line_of(const char *data, size_t off)
{
	unsigned line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

static const char *
find_ci(const char *h, size_t hn, const char *n)
{
	size_t nn = strlen(n), i;

	if (nn == 0 || hn < nn)
		return NULL;
	for (i = 0; i + nn <= hn; i++)
		if (strncasecmp(h + i, n, nn) == 0)
			return h + i;
	return NULL;
}

static bool
local_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' &&
	    strchr(".!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

static bool
domain_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '-';
}

static bool
in_set(char *const *set, size_t n, const char *s)
{
	return n > 0 && bsearch(&s, set, n, sizeof(*set), cmp_str) != NULL;
}

/*
 * The recipient address written around the '@' at data[at], matched
 * without regard to case, or -1: its index in t->emails.
 */
static ssize_t
address_at(const struct tree *t, const char *data, size_t len, size_t at,
    size_t *startp)
{
	char cand[64 + 1 + 255 + 1], dom[256];
	char *const *hit;
	const char *key = cand;
	size_t l0, d1, dl, ll, i;

	for (l0 = at; l0 > 0 && at - l0 < 64 && local_char(data[l0 - 1]); l0--)
		;
	for (d1 = at + 1; d1 < len && d1 - at - 1 < 255 &&
	    domain_char(data[d1]); d1++)
		;
	for (dl = d1 - at - 1; dl > 0; dl--) {
		for (i = 0; i < dl; i++)
			dom[i] = (char)tolower((unsigned char)data[at + 1 + i]);
		dom[dl] = '\0';
		if (!in_set(t->domains, t->ndomains, dom))
			continue;
		for (ll = at - l0; ll > 0; ll--) {
			for (i = 0; i < ll; i++)
				cand[i] = (char)tolower(
				    (unsigned char)data[at - ll + i]);
			cand[ll] = '@';
			memcpy(cand + ll + 1, dom, dl + 1);
			hit = bsearch(&key, t->emails, t->nemails,
			    sizeof(*t->emails), cmp_str);
			if (hit != NULL) {
				*startp = at - ll;
				return hit - t->emails;
			}
		}
	}
	return -1;
}

static void
check_leaks(struct tree *t, size_t i, const struct buf *data)
{
	const char *file = t->files[i], *p, *e = data->data + data->len;
	const char *addr, *dom;
	size_t start;
	ssize_t k;

	unit_append(t->r, file, CHECK_KIND_LEAK);
	for (p = data->data; t->nemails > 0 && p < e &&
	    (p = memchr(p, '@', (size_t)(e - p))) != NULL; p++) {
		k = address_at(t, data->data, data->len,
		    (size_t)(p - data->data), &start);
		if (k < 0 || t->seen[k] == i + 1)
			continue;
		t->seen[k] = i + 1;
		addr = t->emails[k];
		dom = strchr(addr, '@');
		check_add(t->r, file, CHECK_KIND_LEAK, CHECK_LEVEL_ERROR,
		    line_of(data->data, start),
		    "a recipient's e-mail address (%c...%s) is published",
		    addr[0], dom != NULL ? dom : "");
	}
	if (is_html(file) && (p = find_ci(data->data, data->len,
	    "sha256$")) != NULL)
		check_add(t->r, file, CHECK_KIND_LEAK, CHECK_LEVEL_ERROR,
		    line_of(data->data, (size_t)(p - data->data)),
		    "a recipient identity hash (sha256$...) is in the page");
}

/* The recipients' addresses, lower-cased and sorted, and their domains. */
static void
load_emails(struct tree *t)
{
	const char *at;
	size_t i, n;
	char *s;

	t->emails = xcalloc(t->site->nemails + 1, sizeof(*t->emails));
	t->domains = xcalloc(t->site->nemails + 1, sizeof(*t->domains));
	for (i = 0; i < t->site->nemails; i++) {
		at = strchr(t->site->emails[i], '@');
		if (at == NULL || at == t->site->emails[i] || at[1] == '\0')
			continue;
		s = xstrdup(t->site->emails[i]);
		for (n = 0; s[n] != '\0'; n++)
			s[n] = (char)tolower((unsigned char)s[n]);
		t->emails[t->nemails++] = s;
	}
	if (t->nemails > 1)
		qsort(t->emails, t->nemails, sizeof(*t->emails), cmp_str);
	for (i = 0, n = 0; i < t->nemails; i++) {
		if (n > 0 && strcmp(t->emails[n - 1], t->emails[i]) == 0) {
			free(t->emails[i]);
			continue;
		}
		t->emails[n++] = t->emails[i];
	}
	t->nemails = n;
	for (i = 0; i < t->nemails; i++)
		t->domains[t->ndomains++] = strchr(t->emails[i], '@') + 1;
	if (t->ndomains > 1)
		qsort(t->domains, t->ndomains, sizeof(*t->domains), cmp_str);
	t->seen = xcalloc(t->nemails + 1, sizeof(*t->seen));
}

int
check_tree(struct check_report *r, const char *dir,
    const struct check_site *site, struct diag *d)
{
	struct tree t;
	struct buf data = BUF_INIT;
	const char *q;
	size_t i, j, n;
	int rc = -1;

	memset(&t, 0, sizeof(t));
	t.dir = dir;
	t.site = site;
	t.r = r;
	q = strstr(site->base_url, "//");
	q = q != NULL ? strchr(q + 2, '/') : NULL;
	t.base_path = q != NULL ? q : "/";
	load_emails(&t);
	if (list_dir(&t, "", d) < 0)
		goto out;
	if (t.nfiles > 1)
		qsort(t.files, t.nfiles, sizeof(*t.files), cmp_str);
	t.pages = xcalloc(t.nfiles + 1, sizeof(*t.pages));
	for (i = 0; i < t.nfiles; i++) {
		const char *f = t.files[i];

		if (read_whole(&data, dir, f, d) < 0)
			goto out;
		check_leaks(&t, i, &data);
		if (has_suffix(f, ".json") || has_suffix(f, ".jws") ||
		    has_suffix(f, ".jwt"))
			check_json_refs(&t, i, &data);
		else if (has_suffix(f, ".png") || has_suffix(f, ".svg"))
			check_image_file(&t, i, &data);
		if (is_html(f)) {
			if (scan_page(&t, i, &data, d) < 0)
				goto out;
			if (check_html_links(&t, i, &data, d) < 0)
				goto out;
		}
	}
	/* the external links: sorted, unique */
	if (r->nexternal > 1)
		qsort(r->external, r->nexternal, sizeof(*r->external),
		    cmp_str);
	for (i = 0, n = 0; i < r->nexternal; i++) {
		if (n > 0 && strcmp(r->external[n - 1], r->external[i]) == 0) {
			free(r->external[i]);
			continue;
		}
		r->external[n++] = r->external[i];
	}
	r->nexternal = n;
	rc = 0;
out:
	for (i = 0; i < t.nfiles; i++) {
		if (t.pages != NULL) {
			for (j = 0; j < t.pages[i].nids; j++)
				free(t.pages[i].ids[j]);
			for (j = 0; j < t.pages[i].nrefs; j++)
				free(t.pages[i].refs[j].url);
			free(t.pages[i].ids);
			free(t.pages[i].refs);
		}
		free(t.files[i]);
	}
	free(t.pages);
	free(t.files);
	for (i = 0; i < t.nemails; i++)
		free(t.emails[i]);
	free(t.emails);
	free(t.domains);
	free(t.seen);
	buf_release(&data);
	return rc;
}

/* --- output ------------------------------------------------------- */

static void
xml_esc(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': BUF_PUTSL(out, "&amp;"); break;
		case '<': BUF_PUTSL(out, "&lt;"); break;
		case '>': BUF_PUTSL(out, "&gt;"); break;
		case '"': BUF_PUTSL(out, "&quot;"); break;
		case '\'': BUF_PUTSL(out, "&apos;"); break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\t' &&
			    *s != '\n' && *s != '\r')
				buf_putc(out, '?');
			else
				buf_putc(out, *s);
		}
	}
}

static bool
unit_failed(const struct check_unit *u)
{
	size_t i;

	for (i = 0; i < u->nfindings; i++)
		if (u->findings[i].level == CHECK_LEVEL_ERROR)
			return true;
	return false;
}

static void
finding_text(struct buf *out, const struct check_finding *f)
{
	if (f->line > 0)
		buf_printf(out, "line %u: ", f->line);
	buf_puts(out, f->message);
}

static void
write_human(struct buf *out, const struct check_report *r)
{
	size_t i, j, failed = 0;

	for (i = 0; i < r->nunits; i++) {
		const struct check_unit *u = &r->units[i];

		for (j = 0; j < u->nfindings; j++) {
			const struct check_finding *f = &u->findings[j];

			buf_puts(out, u->file);
			if (f->line > 0)
				buf_printf(out, ":%u", f->line);
			buf_printf(out, ": %s%s: %s\n",
			    f->level == CHECK_LEVEL_WARN ? "warning: " : "",
			    check_kind_name(u->kind), f->message);
		}
		if (unit_failed(u))
			failed++;
	}
	if (r->nexternal > 0) {
		buf_printf(out, "external links (not fetched): %zu\n",
		    r->nexternal);
		for (i = 0; i < r->nexternal; i++)
			buf_printf(out, "  %s\n", r->external[i]);
	}
	buf_printf(out, "%zu checks, %zu failed: %u errors, %u warnings\n",
	    r->nunits, failed, r->errors, r->warnings);
}

static void
write_tap(struct buf *out, const struct check_report *r)
{
	size_t i, j;

	buf_printf(out, "1..%zu\n", r->nunits);
	for (i = 0; i < r->nunits; i++) {
		const struct check_unit *u = &r->units[i];

		buf_printf(out, "%sok %zu - %s %s\n", unit_failed(u) ?
		    "not " : "", i + 1, check_kind_name(u->kind), u->file);
		for (j = 0; j < u->nfindings; j++) {
			buf_printf(out, "  # %s: ",
			    check_level_name(u->findings[j].level));
			finding_text(out, &u->findings[j]);
			buf_putc(out, '\n');
		}
	}
	for (i = 0; i < r->nexternal; i++)
		buf_printf(out, "# external (not fetched): %s\n",
		    r->external[i]);
}

static void
write_junit(struct buf *out, const struct check_report *r)
{
	struct buf msg = BUF_INIT;
	size_t i, j, tests, failures, total = 0, totalf = 0;
	int k;

	for (i = 0; i < r->nunits; i++) {
		total++;
		if (unit_failed(&r->units[i]))
			totalf++;
	}
	BUF_PUTSL(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_printf(out, "<testsuites name=\"badgegen check\" tests=\"%zu\" "
	    "failures=\"%zu\" errors=\"0\">\n", total, totalf);
	for (k = 0; k < CHECK_NKINDS; k++) {
		tests = failures = 0;
		for (i = 0; i < r->nunits; i++)
			if ((int)r->units[i].kind == k) {
				tests++;
				if (unit_failed(&r->units[i]))
					failures++;
			}
		if (tests == 0 && !(k == CHECK_KIND_LINK && r->nexternal > 0))
			continue;
		buf_printf(out, "  <testsuite name=\"%s\" tests=\"%zu\" "
		    "failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
		    check_kind_name((enum check_kind)k), tests, failures);
		for (i = 0; i < r->nunits; i++) {
			const struct check_unit *u = &r->units[i];

			if ((int)u->kind != k)
				continue;
			buf_printf(out, "    <testcase classname=\"%s\" "
			    "name=\"", check_kind_name(u->kind));
			xml_esc(out, u->file);
			if (u->nfindings == 0) {
				BUF_PUTSL(out, "\"/>\n");
				continue;
			}
			BUF_PUTSL(out, "\">\n");
			for (j = 0; j < u->nfindings; j++) {
				const struct check_finding *f = &u->findings[j];

				buf_reset(&msg);
				finding_text(&msg, f);
				buf_putc(&msg, '\0');
				if (f->level == CHECK_LEVEL_WARN) {
					BUF_PUTSL(out, "      <system-out>"
					    "warning: ");
					xml_esc(out, msg.data);
					BUF_PUTSL(out, "</system-out>\n");
					continue;
				}
				buf_printf(out, "      <failure type=\"%s\" "
				    "message=\"", check_kind_name(u->kind));
				xml_esc(out, msg.data);
				BUF_PUTSL(out, "\">");
				xml_esc(out, u->file);
				BUF_PUTSL(out, ": ");
				xml_esc(out, msg.data);
				BUF_PUTSL(out, "</failure>\n");
			}
			BUF_PUTSL(out, "    </testcase>\n");
		}
		if (k == CHECK_KIND_LINK && r->nexternal > 0) {
			BUF_PUTSL(out, "    <system-out>external links (not "
			    "fetched):\n");
			for (i = 0; i < r->nexternal; i++) {
				xml_esc(out, r->external[i]);
				buf_putc(out, '\n');
			}
			BUF_PUTSL(out, "</system-out>\n");
		}
		BUF_PUTSL(out, "  </testsuite>\n");
	}
	BUF_PUTSL(out, "</testsuites>\n");
	buf_release(&msg);
}

static void
write_json(struct buf *out, const struct check_report *r)
{
	size_t i, j;
	bool first = true;

	buf_putc(out, '[');
	for (i = 0; i < r->nunits; i++) {
		const struct check_unit *u = &r->units[i];

		for (j = 0; j < u->nfindings; j++) {
			const struct check_finding *f = &u->findings[j];

			buf_puts(out, first ? "\n  {\"file\": " :
			    ",\n  {\"file\": ");
			first = false;
			json_write_str(out, u->file, strlen(u->file), 0);
			buf_printf(out, ", \"kind\": \"%s\", \"level\": \"%s\", ",
			    check_kind_name(u->kind),
			    check_level_name(f->level));
			if (f->line > 0)
				buf_printf(out, "\"line\": %u, ", f->line);
			BUF_PUTSL(out, "\"message\": ");
			json_write_str(out, f->message, strlen(f->message), 0);
			buf_putc(out, '}');
		}
	}
	buf_puts(out, first ? "]\n" : "\n]\n");
}

void
check_write(struct buf *out, const struct check_report *r,
    enum check_format f)
{
	switch (f) {
	case CHECK_FORMAT_HUMAN: write_human(out, r); break;
	case CHECK_FORMAT_TAP: write_tap(out, r); break;
	case CHECK_FORMAT_JUNIT: write_junit(out, r); break;
	case CHECK_FORMAT_JSON: write_json(out, r); break;
	}
}
