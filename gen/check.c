/*
 * check.c - checks a built site tree; see check.h.  The pages are read
 * with scan.h's scanners and the findings go into a check report
 * (report.h).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "check.h"
#include "fs.h"
#include "hash.h"
#include "json.h"
#include "jws.h"
#include "scan.h"
#include "sitepath.h"

#define CHECK_MAX_FILE	(64u * 1024 * 1024)

/* An HTML page of the tree: what it holds, once it was scanned. */
struct page {
	struct html_page h;
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

static bool
is_sitemap(const char *path)
{
	const char *base = strrchr(path, '/');

	return strcmp(base != NULL ? base + 1 : path, "sitemap.xml") == 0;
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

/*
 * The file a site path is served from, or -1: a folder x/ by
 * x/index.html, else by x/index.json (a document whose id is x/).
 */
static ssize_t
served(const struct tree *t, const char *path, struct buf *tmp)
{
	ssize_t i;
	size_t n = strlen(path);

	buf_reset(tmp);
	if (n == 0 || path[n - 1] == '/') {
		buf_printf(tmp, "%sindex.html", path);
		if ((i = find_file(t, tmp->data)) >= 0)
			return i;
		buf_reset(tmp);
		buf_printf(tmp, "%sindex.json", path);
		if ((i = find_file(t, tmp->data)) >= 0)
			return i;
		buf_reset(tmp);
		buf_printf(tmp, "%sindex.html", path);
		return -1;
	}
	if ((i = find_file(t, path)) >= 0)
		return i;
	buf_printf(tmp, "%s/index.html", path);
	return find_file(t, tmp->data);
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
	html_scan(&pg->h, data->data, data->len);
	return 0;
}

/*
 * Checks the references of the page (or sitemap, html false) i: each
 * a valid URI, and each internal one served by the site.
 */
static int
check_html_links(struct tree *t, size_t i, struct buf *data, bool html,
    struct diag *d)
{
	const char *file = t->files[i], *why;
	struct page *pg = &t->pages[i];
	struct buf path = BUF_INIT, frag = BUF_INIT, tmp = BUF_INIT;
	enum check_kind kind;
	enum target tg;
	bool outside;
	ssize_t j;
	size_t k;
	int rc = -1;

	check_unit_append(t->r, file, CHECK_KIND_LINK);
	if (html) {
		check_unit_append(t->r, file, CHECK_KIND_FRAGMENT);
		check_unit_append(t->r, file, CHECK_KIND_IMAGE);
	}
	for (k = 0; k < pg->h.nrefs; k++) {
		const struct html_ref *rf = &pg->h.refs[k];

		kind = rf->image ? CHECK_KIND_IMAGE : CHECK_KIND_LINK;
		if ((why = uri_problem(rf->url)) != NULL)
			check_add(t->r, file, kind, CHECK_LEVEL_ERROR, rf->line,
			    "%s %s is not a valid URI: it has %s (write it "
			    "percent-encoded)", rf->attr, rf->url, why);
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
		if (!html_has_id(&t->pages[j].h, frag.data))
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
	check_unit_append(t->r, file, CHECK_KIND_REFERENCE);
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

	check_unit_append(t->r, file, CHECK_KIND_IMAGE);
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

	check_unit_append(t->r, file, CHECK_KIND_LEAK);
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
	size_t i, n;
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
			if (check_html_links(&t, i, &data, true, d) < 0)
				goto out;
		} else if (is_sitemap(f)) {
			t.pages[i].scanned = true;
			sitemap_scan(&t.pages[i].h, data.data, data.len);
			if (check_html_links(&t, i, &data, false, d) < 0)
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
		if (t.pages != NULL)
			html_page_release(&t.pages[i].h);
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

