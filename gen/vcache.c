/*
 * vcache.c - verification results kept between builds.
 *
 * The file holds one result a line, fields separated by tabs (tabs,
 * newlines and backslashes in them escaped; a string field is "=text",
 * or empty for none):
 *	key now flags method reason nchecks {name result message message_ja}...
 * and a first line "badgegen-verify-cache 2 <version>" (2: the format).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "fs.h"
#include "hash.h"
#include "vcache.h"

#define VCACHE_MAGIC	"badgegen-verify-cache 2 " BADGEGEN_VERSION

struct entry {
	const char	*key;		/* 64 hex */
	char		*line;		/* the rest of the line, after key\t */
};

struct vcache {
	char		*path;
	char		 digest[2 * SHA256_LEN + 1];
	struct entry	*old;		/* sorted by key */
	size_t		 nold;
	char		*text;		/* the old file, owned */
	/*
	 * The new file, written as results come rather than kept: a
	 * temporary file beside the cache, renamed over it by vcache_save.
	 */
	char		*tmp;
	FILE		*fp;		/* NULL until the first result */
	int		 err;		/* errno of the first write error */
	struct buf	 line;		/* the line being written */
	int64_t		*lists;		/* validity dates of status lists */
	size_t		 nlists;
	unsigned	 hits, misses;
};

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key,
	    ((const struct entry *)b)->key);
}

/* The validity dates of a credential or assertion that time is compared with. */
static size_t
dates_of(const struct json *j, int64_t *out, size_t max)
{
	static const char *const keys[] = { "issuedOn", "expires",
	    "validFrom", "validUntil", "issuanceDate", "expirationDate",
	    "awardedDate", "nbf", "exp", "iat" };
	const struct json *v;
	size_t i, n = 0;
	bool zone;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]) && n < max; i++) {
		if ((v = json_get(j, keys[i])) == NULL)
			continue;
		if (v->type == JSON_STRING && date_parse(&out[n], &zone,
		    v->str) == 0)
			n++;
		else if (v->type == JSON_NUMBER)
			out[n++] = (int64_t)v->num;
	}
	return n;
}

struct vcache *
vcache_open(const char *out_dir, const struct model *m)
{
	struct vcache *c = xcalloc(1, sizeof(*c));
	struct buf b = BUF_INIT, text = BUF_INIT;
	unsigned char h[SHA256_LEN];
	const char *slash, *base;
	struct diag quiet = DIAG_INIT;
	char *p, *nl, *tab;
	size_t i, cap = 0;

	slash = strrchr(out_dir, '/');
	base = slash != NULL ? slash + 1 : out_dir;
	buf_printf(&b, "%.*s.%s.verify-cache", slash != NULL ?
	    (int)(slash - out_dir + 1) : 0, out_dir, *base ? base : "site");
	c->path = buf_detach(&b, NULL);

	/* Every document but the awards, by path and blob id. */
	for (i = 0; i < m->ndocs; i++) {
		const struct doc *doc = m->docs[i];

		if (doc->kind == DOC_AWARD || doc->file == NULL)
			continue;
		buf_printf(&b, "%s\t%s\n", doc->file, doc->oid ? doc->oid : "");
		if (doc->kind == DOC_STATUS_LIST && doc->json != NULL) {
			if (c->nlists + 8 > cap) {
				cap = cap ? 2 * cap : 64;
				c->lists = xreallocarray(c->lists, cap,
				    sizeof(*c->lists));
			}
			c->nlists += dates_of(doc->json, c->lists + c->nlists, 8);
		}
	}
	sha256(h, b.data, b.len);
	hex_encode(c->digest, h, sizeof(h));
	buf_release(&b);
	buf_printf(&b, "%s.%ld.tmp", c->path, (long)getpid());
	c->tmp = buf_detach(&b, NULL);

	/* No cache, or one that cannot be read: every award is verified. */
	quiet.quiet = true;
	if (fs_read_file(&text, c->path, 0, true, &quiet) != 0) {
		buf_release(&text);
		return c;
	}
	c->text = buf_detach(&text, NULL);
	nl = strchr(c->text, '\n');
	if (nl == NULL || (size_t)(nl - c->text) != strlen(VCACHE_MAGIC) ||
	    strncmp(c->text, VCACHE_MAGIC, strlen(VCACHE_MAGIC)) != 0)
		return c;	/* another version: start afresh */
	cap = 0;
	for (p = nl + 1; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
		if ((tab = strchr(p, '\t')) == NULL || tab - p != 64)
			continue;
		*tab = '\0';
		if (c->nold == cap) {
			cap = cap ? 2 * cap : 256;
			c->old = xreallocarray(c->old, cap, sizeof(*c->old));
		}
		c->old[c->nold].key = p;
		c->old[c->nold].line = tab + 1;
		c->nold++;
	}
	if (c->nold > 1)
		qsort(c->old, c->nold, sizeof(*c->old), cmp_entry);
	return c;
}

void
vcache_free(struct vcache *c)
{
	if (c == NULL)
		return;
	if (c->fp != NULL) {
		/* Not saved: the build failed. */
		fclose(c->fp);
		remove(c->tmp);
	}
	free(c->path);
	free(c->tmp);
	free(c->old);
	free(c->text);
	free(c->lists);
	buf_release(&c->line);
	free(c);
}

/* Writes len bytes of data to the new file, opened (magic line first) on first use. */
static void
out_put(struct vcache *c, const char *data, size_t len)
{
	int fd;

	if (c->err != 0)
		return;
	if (c->fp == NULL) {
		remove(c->tmp);
		if ((fd = open(c->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0666)) < 0 || (c->fp = fdopen(fd, "w")) == NULL) {
			c->err = errno != 0 ? errno : EIO;
			if (fd >= 0) {
				close(fd);
				remove(c->tmp);
			}
			return;
		}
		if (fputs(VCACHE_MAGIC "\n", c->fp) == EOF)
			c->err = errno != 0 ? errno : EIO;
	}
	if (len > 0 && c->err == 0 && fwrite(data, 1, len, c->fp) != len)
		c->err = errno != 0 ? errno : EIO;
}

/* The key of an award's result, or false when it cannot have one. */
static bool
key_of(const struct vcache *c, const struct award *aw, char key[65])
{
	unsigned char h[SHA256_LEN];
	struct buf b = BUF_INIT;

	if (aw->doc == NULL || aw->doc->oid == NULL)
		return false;
	buf_printf(&b, "%s\n%s\n%s\n", BADGEGEN_VERSION, aw->doc->oid,
	    c->digest);
	sha256(h, b.data, b.len);
	hex_encode(key, h, sizeof(h));
	buf_release(&b);
	return true;
}

static int
sign3(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

/* Whether every date the checks compare with lies the same way. */
static bool
same_side(const struct vcache *c, const struct award *aw, int64_t then,
    int64_t now)
{
	int64_t d[16];
	size_t i, n;

	n = dates_of(aw->json, d, 16);
	if (aw->jws != NULL)
		n += dates_of(aw->jws->body, d + n, 16 - n);
	for (i = 0; i < n; i++)
		if (sign3(d[i], now) != sign3(d[i], then))
			return false;
	for (i = 0; i < c->nlists; i++)
		if (sign3(c->lists[i], now) != sign3(c->lists[i], then))
			return false;
	return true;
}

int64_t
vcache_next_change(const struct vcache *c, const struct model *m,
    int64_t now)
{
	const struct award *aw;
	int64_t d[16], next = INT64_MAX;
	size_t i, k, n;

	for (i = 0; i < m->nawards + m->nimported; i++) {
		aw = i < m->nawards ? m->awards[i] : m->imported[i - m->nawards];
		n = dates_of(aw->json, d, 16);
		if (aw->jws != NULL)
			n += dates_of(aw->jws->body, d + n, 16 - n);
		for (k = 0; k < n; k++)
			date_sooner(&next, d[k], now);
	}
	for (i = 0; i < c->nlists; i++)
		date_sooner(&next, c->lists[i], now);
	return next;
}

/* Appends s with tabs, newlines and backslashes escaped. */
static void
put_field(struct buf *b, const char *s)
{
	buf_putc(b, '\t');
	if (s == NULL)
		return;
	buf_putc(b, '=');
	for (; *s != '\0'; s++)
		switch (*s) {
		case '\t': BUF_PUTSL(b, "\\t"); break;
		case '\n': BUF_PUTSL(b, "\\n"); break;
		case '\\': BUF_PUTSL(b, "\\\\"); break;
		default: buf_putc(b, *s);
		}
}

/* Reads the next field at *p (after a tab); NULL for an empty field. */
static const char *
get_field(struct verify_report *r, char **p, bool *ok)
{
	struct buf b = BUF_INIT;
	const char *s;
	char *q = *p;

	if (*q == '\0') {
		*ok = false;
		return NULL;
	}
	if (*q == '\t')
		q++;
	if (*q == '\t' || *q == '\0') {
		*p = q;
		return NULL;
	}
	if (*q++ != '=') {
		*ok = false;
		return NULL;
	}
	for (; *q != '\t' && *q != '\0'; q++) {
		if (*q == '\\' && q[1] != '\0') {
			q++;
			buf_putc(&b, *q == 't' ? '\t' : *q == 'n' ? '\n' : *q);
		} else
			buf_putc(&b, *q);
	}
	*p = q;
	s = arena_strndup(&r->arena, b.data, b.len);
	buf_release(&b);
	return s;
}

bool
vcache_get(struct vcache *c, const struct model *m, const struct award *aw,
    int64_t now, struct verify_report *out)
{
	struct entry key, *e;
	struct verify_report r;
	char k[65], *p, *end;
	long long then, flags, n, i;
	bool ok = true;

	(void)m;
	if (!key_of(c, aw, k)) {
		c->misses++;
		return false;
	}
	key.key = k;
	e = c->nold > 0 ? bsearch(&key, c->old, c->nold, sizeof(*c->old),
	    cmp_entry) : NULL;
	if (e == NULL)
		goto miss;
	p = e->line;
	then = strtoll(p, &end, 10);
	if (end == p || *end != '\t')
		goto miss;
	if (!same_side(c, aw, (int64_t)then, now))
		goto miss;
	flags = strtoll(end + 1, &p, 10);
	memset(&r, 0, sizeof(r));
	r.valid = flags & 1;
	r.authentic = flags & 2;
	r.revoked = flags & 4;
	r.expired = flags & 8;
	r.not_yet_valid = flags & 16;
	r.method = get_field(&r, &p, &ok);
	r.revocation_reason = get_field(&r, &p, &ok);
	n = *p == '\t' ? strtoll(p + 1, &p, 10) : -1;
	if (!ok || n < 0 || n > 64) {
		verify_report_release(&r);
		goto miss;
	}
	r.checks = arena_alloc(&r.arena, (size_t)(n + 1) * sizeof(*r.checks));
	for (i = 0; i < n && ok; i++) {
		r.checks[i].name = get_field(&r, &p, &ok);
		r.checks[i].result = (enum check_result)strtol(p + 1, &p, 10);
		r.checks[i].message = get_field(&r, &p, &ok);
		r.checks[i].message_ja = get_field(&r, &p, &ok);
		if (r.checks[i].name == NULL || r.checks[i].result > CHECK_UNKNOWN)
			ok = false;
	}
	if (!ok) {
		verify_report_release(&r);
		goto miss;
	}
	r.nchecks = (size_t)n;
	verify_report_pack(&r);
	*out = r;
	c->hits++;
	vcache_put(c, aw, (int64_t)then, out);
	return true;
miss:
	c->misses++;
	return false;
}

void
vcache_put(struct vcache *c, const struct award *aw, int64_t now,
    const struct verify_report *r)
{
	char k[65];
	size_t i;

	if (!key_of(c, aw, k))
		return;
	buf_reset(&c->line);
	buf_printf(&c->line, "%s\t%lld\t%d", k, (long long)now,
	    r->valid | r->authentic << 1 | r->revoked << 2 |
	    r->expired << 3 | r->not_yet_valid << 4);
	put_field(&c->line, r->method);
	put_field(&c->line, r->revocation_reason);
	buf_printf(&c->line, "\t%zu", r->nchecks);
	for (i = 0; i < r->nchecks; i++) {
		put_field(&c->line, r->checks[i].name);
		buf_printf(&c->line, "\t%d", (int)r->checks[i].result);
		put_field(&c->line, r->checks[i].message);
		put_field(&c->line, r->checks[i].message_ja);
	}
	buf_putc(&c->line, '\n');
	out_put(c, c->line.data, c->line.len);
}

int
vcache_save(struct vcache *c, struct diag *d)
{
	out_put(c, "", 0);
	if (c->fp != NULL) {
		if (fclose(c->fp) != 0 && c->err == 0)
			c->err = errno != 0 ? errno : EIO;
		c->fp = NULL;
		if (c->err == 0 && rename(c->tmp, c->path) != 0)
			c->err = errno;
	}
	if (c->err != 0) {
		diag_warn(d, "%s: cannot keep the verification results: %s",
		    c->path, strerror(c->err));
		remove(c->tmp);
		return -1;
	}
	return 0;
}

void
vcache_stats(const struct vcache *c, unsigned *hits, unsigned *misses)
{
	*hits = c->hits;
	*misses = c->misses;
}
