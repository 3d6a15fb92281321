/*
 * issue.c - one signed award for a site: the site read from the work
 * tree, the badge class and issuer found through the model, the key id
 * checked against what the site publishes, the award built, signed and
 * written with its sidecar.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sodium.h>

#include "b64.h"
#include "conf.h"
#include "date.h"
#include "fs.h"
#include "hash.h"
#include "issue.h"
#include "jws.h"
#include "proof.h"
#include "site.h"
#include "source.h"
#include "utf8.h"
#include "verify.h"

#define CTX_OB2		"https://w3id.org/openbadges/v2"
#define CTX_VC2		"https://www.w3.org/ns/credentials/v2"
#define CTX_OB3		"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
#define CTX_RECIPIENT	\
	"https://openbadgespec.org/extensions/recipientProfile/context.json"

#define KEY_FILE_MAX	(1024 * 1024)

struct issue {
	struct arena	 arena;
	struct site	*site;		/* lent by the caller */
	struct model	*model;		/* the site's */
	const struct site_conf *conf;	/* the site's */
	const char	*root;		/* the site directory */
	struct achievement *badge;
	struct issuer	*issuer;
	const char	*stem;		/* the badge file's name without extension */
	const char	*key_file;	/* --key, for messages */
	struct privkey	*key;
	struct key	*pub;
	enum issue_format format;
	const char	*key_id;
	int64_t		 now;
	int64_t		 date;		/* the run's date */
	bool		 force;
	bool		 skip_existing;
	const char	*key_id_opt;	/* --key-id, or NULL */
	const char	*run_badge;	/* --badge, or NULL */
	struct badge_use *uses;		/* badge classes named so far */
	size_t		 nuses;
	struct buf	*log;		/* messages about the site, kept back */
	struct done	*done;		/* awards written in this run, hashed */
	size_t		 ndone, capdone;
};

/*
 * A badge class named by --badge or a row, as it was written, with what
 * issuing it takes (its issuer's key id); bad when it cannot be issued.
 */
struct badge_use {
	const char	*want;
	const char	*where;		/* where it was first named */
	bool		 bad;
	struct achievement *badge;
	struct issuer	*issuer;
	const char	*stem;
	const char	*key_id;
};

/* An award written in this run: its file stem, its row. */
struct done {
	const char	*rel;
	const char	*where;
};

static const char *const award_exts[] = { "json", "jsonld", "jws", "jwt",
    "conf" };
#define NAWARD_EXTS (sizeof(award_exts) / sizeof(award_exts[0]))

static const char *
format_ext(enum issue_format f)
{
	switch (f) {
	case ISSUE_OB2: return "jws";
	case ISSUE_OB3_JWT: return "jwt";
	case ISSUE_OB3_DI: return "json";
	}
	return "json";
}

/* The JWA algorithm a key signs with. */
static enum sig_alg
alg_of(const struct privkey *k)
{
	switch (k->type) {
	case KEY_RSA: return SIG_RS256;
	case KEY_EC_P256: return SIG_ES256;
	case KEY_EC_P384: return SIG_ES384;
	case KEY_ED25519: return SIG_EDDSA;
	}
	return SIG_NONE;
}

/* Whether c starts a blank: ASCII space, tab, CR, LF, NBSP, U+3000. */
static size_t
blank_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 1 && (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' ||
	    u[0] == '\n'))
		return 1;
	if (n >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (n >= 3 && u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	return 0;
}

/* The length of a blank ending at s + n, or 0. */
static size_t
blank_len_end(const char *s, size_t n)
{
	if (n >= 3 && blank_len(s + n - 3, 3) == 3)
		return 3;
	if (n >= 2 && blank_len(s + n - 2, 2) == 2)
		return 2;
	if (n >= 1 && blank_len(s + n - 1, 1) == 1)
		return 1;
	return 0;
}

/* Sets *start and *len to s without leading and trailing blanks. */
static void
trim(const char **start, size_t *len, const char *s)
{
	size_t n = strlen(s), k;

	while ((k = blank_len(s, n)) > 0) {
		s += k;
		n -= k;
	}
	while ((k = blank_len_end(s, n)) > 0)
		n -= k;
	*start = s;
	*len = n;
}

int
issue_email_normalize(struct buf *out, const char *email, const char *where,
    struct diag *d)
{
	struct buf conf = BUF_INIT, addr = BUF_INIT;
	struct award_conf ac;
	struct diag q = DIAG_INIT;
	const char *s;
	size_t n, i;
	int rc = -1;

	trim(&s, &n, email);
	if (n == 0)
		return diag_err(d, "%s: no e-mail address", where);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c >= 0x7f || c == '"' || c == '#' ||
		    c == '\\') {
			if (c < ' ' || c == 0x7f)
				diag_err(d, "%s: the e-mail address holds a "
				    "control character", where);
			else
				diag_err(d, "%s: \"%.*s\" is not an e-mail "
				    "address such as name@example.org (ASCII, "
				    "without spaces)", where, (int)n, s);
			goto out;
		}
		buf_putc(&addr, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	/* The sidecar must take it: check it as the model will read it. */
	buf_printf(&conf, "email = %s\n", addr.data);
	q.quiet = true;
	if (award_conf_parse(&ac, where, conf.data, conf.len, &q) < 0) {
		diag_err(d, "%s: \"%s\" is not an e-mail address such as "
		    "name@example.org", where, addr.data);
		goto out;
	}
	if (ac.email == NULL || strcmp(ac.email, addr.data) != 0) {
		award_conf_release(&ac);
		diag_err(d, "%s: \"%s\" does not survive an award sidecar",
		    where, addr.data);
		goto out;
	}
	award_conf_release(&ac);
	buf_put(out, addr.data, addr.len);
	rc = 0;
out:
	buf_release(&conf);
	buf_release(&addr);
	return rc;
}

int
issue_name_normalize(struct buf *out, const char *name, const char *where,
    struct diag *d)
{
	const unsigned char *u;
	const char *s;
	size_t n, i;

	if (utf8_check(name, strlen(name)) != strlen(name))
		return diag_err(d, "%s: the name is not UTF-8", where);
	trim(&s, &n, name);
	if (n == 0)
		return diag_err(d, "%s: the name is empty", where);
	if (n > ISSUE_NAME_MAX)
		return diag_err(d, "%s: the name is longer than %d bytes",
		    where, ISSUE_NAME_MAX);
	u = (const unsigned char *)s;
	for (i = 0; i < n; i++)
		if (u[i] < 0x20 || u[i] == 0x7f || (u[i] == 0xc2 &&
		    i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f))
			return diag_err(d, "%s: the name holds a control "
			    "character (a line break?)", where);
	buf_put(out, s, n);
	return 0;
}

/* The instant at which the local time t (written as if UTC) falls in tz. */
static int64_t
local_to_utc(int64_t t, const struct tz *tz)
{
	int64_t off = tz_offset(tz, t), u = t - off, off2;

	off2 = tz_offset(tz, u);
	if (off2 != off)
		u = t - off2;
	return u;
}

int
issue_parse_date(int64_t *out, const char *s, const struct tz *tz)
{
	struct civil c;
	int64_t t;
	bool zone, timed;

	if (s[0] == '@')
		return date_parse_unix(out, s + 1);
	if (date_parse(&t, &zone, s) == 0) {
		*out = zone ? t : local_to_utc(t, tz);
		return 0;
	}
	/* As spreadsheets and people write it: 2026/4/1, 令和8年4月1日. */
	if (date_parse_written(&c, &timed, s) < 0)
		return -1;
	t = date_days(c.year, c.month, c.day) * 86400 + c.hour * 3600 +
	    c.min * 60 + c.sec;
	*out = local_to_utc(t, tz);
	return 0;
}

void
issue_identity_hash(char out[ISSUE_HASH_LEN + 1], const char *email,
    const char *salt)
{
	struct buf b = BUF_INIT;
	unsigned char h[SHA256_LEN];

	buf_puts(&b, email);
	buf_puts(&b, salt != NULL ? salt : "");
	sha256(h, b.data, b.len);
	memcpy(out, "sha256$", 7);
	hex_encode(out + 7, h, sizeof(h));
	buf_release(&b);
}

void
issue_file_stem(struct buf *out, const char *badge_stem, const char *badge_id,
    const char *email)
{
	struct buf b = BUF_INIT;
	unsigned char h[SHA256_LEN];
	char x[2 * SHA256_LEN + 1];

	buf_printf(&b, "%s\n%s", badge_id, email);
	sha256(h, b.data, b.len);
	hex_encode(x, h, sizeof(h));
	buf_printf(out, "%s-%.10s", badge_stem, x);
	buf_release(&b);
}

void
issue_uuid(char out[ISSUE_UUID_LEN + 1])
{
	unsigned char r[16];
	char x[33];

	randombytes_buf(r, sizeof(r));
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	hex_encode(x, r, sizeof(r));
	snprintf(out, ISSUE_UUID_LEN + 1, "%.8s-%.4s-%.4s-%.4s-%.12s", x,
	    x + 8, x + 12, x + 16, x + 20);
}

void
issue_salt(char out[ISSUE_SALT_LEN + 1])
{
	unsigned char r[ISSUE_SALT_LEN / 2];

	randombytes_buf(r, sizeof(r));
	hex_encode(out, r, sizeof(r));
}

static const char *
iso_utc(struct arena *a, int64_t t)
{
	struct buf b = BUF_INIT;
	const char *s;

	date_format(&b, t, NULL, NULL, DATE_ISO_UTC);
	s = arena_strdup(a, b.data);
	buf_release(&b);
	return s;
}

static void
add_strs(struct arena *a, struct json *obj, const char *key, const char *s1,
    const char *s2)
{
	struct json *arr = json_add_arr(a, obj, key);

	json_add(a, arr, NULL, json_new_str(a, s1));
	if (s2 != NULL)
		json_add(a, arr, NULL, json_new_str(a, s2));
}

struct json *
issue_ob2_assertion(struct arena *a, const struct issue_fields *f)
{
	struct json *as, *r, *p, *v;
	char hash[ISSUE_HASH_LEN + 1];

	issue_identity_hash(hash, f->email, f->salt);
	as = json_new(a, JSON_OBJECT);
	json_add_str(a, as, "@context", CTX_OB2);
	json_add_str(a, as, "type", "Assertion");
	json_add_str(a, as, "id", f->id);
	r = json_add_obj(a, as, "recipient");
	json_add_str(a, r, "type", "email");
	json_add_bool(a, r, "hashed", true);
	json_add_str(a, r, "salt", f->salt);
	json_add_str(a, r, "identity", hash);
	p = json_add_obj(a, as, "extensions:recipientProfile");
	json_add_str(a, p, "@context", CTX_RECIPIENT);
	add_strs(a, p, "type", "Extension", "extensions:RecipientProfile");
	json_add_str(a, p, "name", f->name);
	json_add_str(a, as, "badge", f->badge_id);
	v = json_add_obj(a, as, "verification");
	json_add_str(a, v, "type", "SignedBadge");
	json_add_str(a, v, "creator", f->key_id);
	json_add_str(a, as, "issuedOn", iso_utc(a, f->when));
	if (f->has_expires)
		json_add_str(a, as, "expires", iso_utc(a, f->expires));
	return as;
}

static void
add_alignment(struct arena *a, struct json *ach, const struct json *al)
{
	static const char *const opt[] = { "targetDescription",
	    "targetFramework", "targetCode" };
	const struct json *e;
	struct json *arr = NULL, *o;
	size_t i;

	if (al == NULL || (al->type != JSON_ARRAY && al->type != JSON_OBJECT))
		return;
	for (e = al->type == JSON_ARRAY ? al->child : al; e != NULL;
	    e = al->type == JSON_ARRAY ? e->next : NULL) {
		if (json_get_str(e, "targetName") == NULL ||
		    json_get_str(e, "targetUrl") == NULL)
			continue;
		if (arr == NULL)
			arr = json_add_arr(a, ach, "alignment");
		o = json_add_obj(a, arr, NULL);
		add_strs(a, o, "type", "Alignment", NULL);
		json_add_str(a, o, "targetName", json_get_str(e, "targetName"));
		json_add_str(a, o, "targetUrl", json_get_str(e, "targetUrl"));
		for (i = 0; i < sizeof(opt) / sizeof(opt[0]); i++)
			if (json_get_str(e, opt[i]) != NULL)
				json_add_str(a, o, opt[i],
				    json_get_str(e, opt[i]));
	}
}

struct json *
issue_ob3_credential(struct arena *a, const struct issue_fields *f,
    const struct achievement *badge, const struct issuer *issuer)
{
	const struct json *bj = badge->doc->json, *cr, *img;
	struct json *vc, *ctx, *is, *subj, *ids, *e, *ach, *c, *im;
	char hash[ISSUE_HASH_LEN + 1];
	const char *url;

	issue_identity_hash(hash, f->email, f->salt);
	vc = json_new(a, JSON_OBJECT);
	ctx = json_add_arr(a, vc, "@context");
	json_add(a, ctx, NULL, json_new_str(a, CTX_VC2));
	json_add(a, ctx, NULL, json_new_str(a, CTX_OB3));
	json_add_str(a, vc, "id", f->id);
	add_strs(a, vc, "type", "VerifiableCredential", "OpenBadgeCredential");
	is = json_add_obj(a, vc, "issuer");
	json_add_str(a, is, "id", issuer->id);
	add_strs(a, is, "type", "Profile", NULL);
	json_add_str(a, is, "name", issuer->name);
	json_add_str(a, vc, "validFrom", iso_utc(a, f->when));
	if (f->has_expires)
		json_add_str(a, vc, "validUntil", iso_utc(a, f->expires));
	json_add_str(a, vc, "name", badge->name);

	subj = json_add_obj(a, vc, "credentialSubject");
	add_strs(a, subj, "type", "AchievementSubject", NULL);
	ids = json_add_arr(a, subj, "identifier");
	e = json_add_obj(a, ids, NULL);
	json_add_str(a, e, "type", "IdentityObject");
	json_add_str(a, e, "identityHash", hash);
	json_add_str(a, e, "identityType", "emailAddress");
	json_add_bool(a, e, "hashed", true);
	json_add_str(a, e, "salt", f->salt);
	e = json_add_obj(a, ids, NULL);
	json_add_str(a, e, "type", "IdentityObject");
	json_add_str(a, e, "identityHash", f->name);
	json_add_str(a, e, "identityType", "name");
	json_add_bool(a, e, "hashed", false);

	ach = json_add_obj(a, subj, "achievement");
	json_add_str(a, ach, "id", badge->id);
	add_strs(a, ach, "type", "Achievement", NULL);
	if (badge->achievement_type != NULL)
		json_add_str(a, ach, "achievementType",
		    badge->achievement_type);
	json_add_str(a, ach, "name", badge->name);
	json_add_str(a, ach, "description", badge->description);
	c = json_add_obj(a, ach, "criteria");
	cr = json_get(bj, "criteria");
	if (cr != NULL && cr->type == JSON_STRING)
		json_add_str(a, c, "id", cr->str);
	else if (cr != NULL && cr->type == JSON_OBJECT) {
		if (json_get_str(cr, "id") != NULL)
			json_add_str(a, c, "id", json_get_str(cr, "id"));
		if (json_get_str(cr, "narrative") != NULL)
			json_add_str(a, c, "narrative",
			    json_get_str(cr, "narrative"));
	}
	img = json_get(bj, "image");
	if ((url = json_id(img)) != NULL) {
		im = json_add_obj(a, ach, "image");
		json_add_str(a, im, "id", url);
		json_add_str(a, im, "type", "Image");
		if (img->type == JSON_OBJECT &&
		    json_get_str(img, "caption") != NULL)
			json_add_str(a, im, "caption",
			    json_get_str(img, "caption"));
	}
	add_alignment(a, ach, json_get(bj, "alignment"));
	return vc;
}

int
issue_sign(struct buf *out, enum issue_format fmt, const struct json *doc,
    const struct issue_fields *f, const struct privkey *k, struct diag *d)
{
	struct buf payload = BUF_INIT, hdr = BUF_INIT;
	int rc = -1;

	switch (fmt) {
	case ISSUE_OB2:
		json_write(&payload, doc, 0);
		if (jws_sign(out, NULL, payload.data, payload.len, k, d) < 0)
			goto out;
		break;
	case ISSUE_OB3_JWT:
		json_write(&payload, doc, 0);
		if (payload.len < 2 || payload.data[payload.len - 1] != '}') {
			diag_err(d, "the credential is not an object");
			goto out;
		}
		buf_truncate(&payload, payload.len - 1);
		BUF_PUTSL(&payload, ",\"iss\":");
		json_write_str(&payload, f->issuer_id, strlen(f->issuer_id), 0);
		BUF_PUTSL(&payload, ",\"jti\":");
		json_write_str(&payload, f->id, strlen(f->id), 0);
		buf_printf(&payload, ",\"nbf\":%lld}", (long long)f->when);
		buf_printf(&hdr, "{\"alg\":\"%s\",\"kid\":",
		    sig_alg_name(alg_of(k)));
		json_write_str(&hdr, f->key_id, strlen(f->key_id), 0);
		BUF_PUTSL(&hdr, ",\"typ\":\"JWT\"}");
		if (jws_sign(out, hdr.data, payload.data, payload.len, k,
		    d) < 0)
			goto out;
		break;
	case ISSUE_OB3_DI:
		if (k->type != KEY_ED25519) {
			diag_err(d, "a Data Integrity proof (eddsa-rdfc-2022) "
			    "needs an Ed25519 key, not %s",
			    key_type_name(k->type));
			goto out;
		}
		/* The proof is made when the award is dated. */
		date_format(&hdr, f->when, NULL, NULL, DATE_ISO_UTC);
		if (di_sign(out, doc, "eddsa-rdfc-2022", f->key_id, hdr.data,
		    k->ed25519, d) < 0)
			goto out;
		rc = 0;	/* di_sign ends the document with a newline */
		goto out;
	}
	buf_putc(out, '\n');
	rc = 0;
out:
	buf_release(&payload);
	buf_release(&hdr);
	return rc;
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* Whether path is dir/sub or below it. */
static bool
under(const char *path, const char *dir, const char *sub)
{
	struct buf b = BUF_INIT;
	bool r;

	buf_puts(&b, dir);
	if (sub != NULL) {
		if (b.len == 0 || b.data[b.len - 1] != '/')
			buf_putc(&b, '/');
		buf_puts(&b, sub);
	}
	while (b.len > 1 && b.data[b.len - 1] == '/')
		buf_truncate(&b, b.len - 1);
	r = strncmp(path, b.data, b.len) == 0 && (path[b.len] == '\0' ||
	    path[b.len] == '/' || strcmp(b.data, "/") == 0);
	buf_release(&b);
	return r;
}

/*
 * The output directory of the site at root (absolute), resolved when
 * it exists: site.conf's output, or public/ when site.conf cannot be
 * read.  The caller frees it.
 */
static char *
site_output(const char *root)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	struct site_conf conf;
	struct diag q = DIAG_INIT;
	char real[PATH_MAX], *out;

	memset(&conf, 0, sizeof(conf));
	q.quiet = true;
	buf_printf(&path, "%s/site.conf", root);
	/* A bad site.conf leaves conf empty. */
	if (fs_read_file(&text, path.data, CONF_MAX_BYTES, false, &q) == 0)
		(void)site_conf_parse(&conf, path.data, text.data, text.len,
		    &q);
	out = site_output_dir(root, NULL, conf.output != NULL ? conf.output :
	    "public", false);
	if (realpath(out, real) != NULL) {
		free(out);
		out = xstrdup(real);
	}
	site_conf_release(&conf);
	buf_release(&text);
	buf_release(&path);
	return out;
}

/*
 * Appends the absolute form of dir to out: the deepest directory of it
 * that exists, resolved by realpath(3), and the rest of it as written
 * ("." dropped, ".." going up).  Returns 0, or -1 with errno set.
 */
static int
absolute_dir(struct buf *out, const char *dir)
{
	char real[PATH_MAX], cwd[PATH_MAX], *cut, *part, *slash;
	struct buf p = BUF_INIT;
	size_t restoff;
	int rc = -1;

	if (dir[0] != '/') {
		if (getcwd(cwd, sizeof(cwd)) == NULL)
			goto out;
		buf_printf(&p, "%s/", cwd);
	}
	buf_puts(&p, dir);
	/* p[0..restoff) is the part tried; the rest does not exist. */
	restoff = p.len;
	while (realpath(p.data, real) == NULL) {
		if (errno != ENOENT && errno != ENOTDIR)
			goto out;
		cut = strrchr(p.data, '/');
		if (cut == p.data) {
			/* Only "/" exists: all of p is the rest. */
			if (restoff < p.len)
				p.data[restoff] = '/';
			restoff = 0;
			snprintf(real, sizeof(real), "/");
			break;
		}
		if (restoff < p.len)
			p.data[restoff] = '/';
		restoff = (size_t)(cut - p.data);
		*cut = '\0';
	}
	if (restoff < p.len)
		p.data[restoff] = '/';
	buf_puts(out, real);
	for (part = p.data + (restoff < p.len ? restoff : p.len);
	    *part != '\0'; part = slash) {
		while (*part == '/')
			part++;
		if (*part == '\0')
			break;
		slash = part + strcspn(part, "/");
		if (slash - part == 1 && part[0] == '.')
			continue;
		if (slash - part == 2 && part[0] == '.' && part[1] == '.') {
			cut = strrchr(out->data, '/');
			buf_truncate(out, cut == out->data ? 1 :
			    (size_t)(cut - out->data));
			continue;
		}
		if (out->len > 1)
			buf_putc(out, '/');
		buf_put(out, part, (size_t)(slash - part));
	}
	rc = 0;
out:
	buf_release(&p);
	return rc;
}

int
issue_key_place(struct buf *why, const char *path, struct diag *d)
{
	char *dir, *slash, *out_dir;
	struct buf real = BUF_INIT, cur = BUF_INIT, f = BUF_INIT;
	char *git = NULL;
	int place = ISSUE_PLACE_OK;
	bool site, repo;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (absolute_dir(&real, dir) < 0) {
		place = diag_err(d, "%s: cannot resolve the directory %s: %s",
		    path, dir, strerror(errno));
		goto out;
	}
	buf_puts(&cur, real.data);
	for (;;) {
		buf_reset(&f);
		buf_printf(&f, "%s/site.conf", strcmp(cur.data, "/") == 0 ?
		    "" : cur.data);
		site = exists(f.data);
		buf_reset(&f);
		buf_printf(&f, "%s/.git", strcmp(cur.data, "/") == 0 ? "" :
		    cur.data);
		repo = exists(f.data);
		if ((site || repo) && under(real.data, cur.data, "content")) {
			buf_printf(why, "%s is under %s/content/: private keys "
			    "never live under content/ (it goes into the "
			    "content repository, and content/static/ onto the "
			    "site); keep the key outside the site, e.g. in "
			    "~/.badgegen/keys/", path, cur.data);
			place = ISSUE_PLACE_PUBLISHED;
			goto out;
		}
		if (site) {
			out_dir = site_output(cur.data);
			if (under(real.data, out_dir, NULL)) {
				buf_printf(why, "%s is inside %s, the output "
				    "directory of the site %s, which is "
				    "published; keep the key outside the site",
				    path, out_dir, cur.data);
				free(out_dir);
				place = ISSUE_PLACE_PUBLISHED;
				goto out;
			}
			free(out_dir);
		}
		if (repo && git == NULL)
			git = xstrdup(cur.data);
		if (strcmp(cur.data, "/") == 0)
			break;
		slash = strrchr(cur.data, '/');
		buf_truncate(&cur, slash == cur.data ? 1 :
		    (size_t)(slash - cur.data));
	}
	if (git != NULL) {
		buf_printf(why, "%s is inside the git work tree %s: keep "
		    "private keys out of every repository (at least list it in "
		    ".gitignore)", path, git);
		place = ISSUE_PLACE_GIT;
	}
out:
	free(git);
	free(dir);
	buf_release(&real);
	buf_release(&cur);
	buf_release(&f);
	return place;
}

/* Prints, once, what reading content/ reported (it was kept back). */
static void
show_log(struct issue *is, struct diag *d)
{
	if (is->log->len == 0)
		return;
	while (is->log->len > 0 && is->log->data[is->log->len - 1] == '\n')
		buf_truncate(is->log, is->log->len - 1);
	diag_note(d, "reading content/ reported:\n%s", is->log->data);
	buf_reset(is->log);
}

/* Whether a publicKey value (IRI, object or array of them) names id. */
static bool
lists_key(const struct json *pk, const char *id)
{
	const struct json *e;

	if (pk != NULL && pk->type == JSON_ARRAY) {
		for (e = pk->child; e != NULL; e = e->next)
			if (json_str_eq(e, id) || json_str_eq(json_get(e, "id"),
			    id))
				return true;
		return false;
	}
	return json_str_eq(pk, id) || json_str_eq(json_get(pk, "id"), id);
}

/* The file that holds an issuer, for messages. */
static const char *
issuer_file(const struct issuer *i)
{
	return i->doc->file != NULL ? i->doc->file : i->id;
}

/* The public key of a CryptographicKey (or other key) document, or NULL. */
static struct key *
doc_key(const struct doc *doc, struct diag *d)
{
	struct key *k = NULL;

	if (doc->json == NULL || key_from_method(&k, doc->json,
	    doc->file != NULL ? doc->file : doc->id, d) < 0)
		return NULL;
	return k;
}

/* The OB 2.0 key: a CryptographicKey the issuer owns and lists. */
static int
ob2_key(struct issue *is, const char *key_file, const char *key_id,
    struct diag *d)
{
	const struct json *pk = json_get(is->issuer->doc->json, "publicKey");
	const struct json *e;
	const char *owner;
	struct diag q = DIAG_INIT;
	struct doc *doc;
	struct key *k = NULL;
	int rc = -1;

	if (key_id == NULL) {
		/* The listed key that matches --key. */
		q.quiet = true;
		for (e = pk != NULL && pk->type == JSON_ARRAY ? pk->child : pk;
		    e != NULL && key_id == NULL;
		    e = pk->type == JSON_ARRAY ? e->next : NULL) {
			const char *id = e->type == JSON_STRING ? e->str :
			    json_get_str(e, "id");

			if (id == NULL || (doc = model_lookup(is->model,
			    id)) == NULL || doc->kind != DOC_KEY)
				continue;
			if ((k = doc_key(doc, &q)) != NULL &&
			    key_equal(k, is->pub))
				key_id = id;
			key_free(k);
			k = NULL;
		}
		if (key_id == NULL)
			return diag_err(d, "--key %s: the issuer %s lists no "
			    "CryptographicKey with this public key in "
			    "\"publicKey\" (%s); put the key document that "
			    "`badgegen keygen --id <url> --issuer %s` wrote "
			    "(<prefix>.key.json) under content/ where the site "
			    "publishes <url>, and add <url> to \"publicKey\" "
			    "of %s, or name the key with --key-id", key_file,
			    is->issuer->id, issuer_file(is->issuer),
			    is->issuer->id, issuer_file(is->issuer));
	}
	if ((doc = model_lookup(is->model, key_id)) == NULL) {
		show_log(is, d);
		return diag_err(d, "--key-id %s: no document of the site has "
		    "this id; put the CryptographicKey document (`badgegen "
		    "keygen --id %s --issuer %s` writes one, <prefix>.key.json) "
		    "under content/ where the site publishes that URL",
		    key_id, key_id, is->issuer->id);
	}
	if (doc->kind != DOC_KEY)
		return diag_err(d, "--key-id %s: %s is not a CryptographicKey "
		    "document", key_id, doc->file != NULL ? doc->file : key_id);
	owner = json_get_str(doc->json, "owner");
	if (owner == NULL || strcmp(owner, is->issuer->id) != 0)
		return diag_err(d, "--key-id %s: %s says its owner is %s, not "
		    "the badge's issuer %s; set \"owner\": \"%s\" in it",
		    key_id, doc->file, owner != NULL ? owner : "nobody",
		    is->issuer->id, is->issuer->id);
	if (!lists_key(pk, key_id))
		return diag_err(d, "--key-id %s: the issuer %s does not list "
		    "this key; add \"publicKey\": [\"%s\"] to %s (verifiers "
		    "accept only keys the issuer lists)", key_id,
		    is->issuer->id, key_id, issuer_file(is->issuer));
	if ((k = doc_key(doc, d)) == NULL)
		goto out;
	if (!key_equal(k, is->pub)) {
		diag_err(d, "--key %s is not the key of %s: %s holds another "
		    "public key; sign with the private key that belongs to it",
		    key_file, key_id, doc->file);
		goto out;
	}
	if (model_site_path(is->model, key_id) == NULL)
		diag_warn(d, "--key-id %s is not under base_url %s: verifiers "
		    "fetch the key there, and this site does not publish it",
		    key_id, is->model->base_url);
	if (is->key->type != KEY_RSA)
		diag_warn(d, "--key %s is %s: OB 2.0 verifiers other than "
		    "badgegen (badgecheck, the 1EdTech validator) check RS256 "
		    "signatures only; an RSA key (badgegen keygen --alg RS256) "
		    "makes awards they accept", key_file,
		    key_type_name(is->key->type));
	is->key_id = arena_strdup(&is->arena, key_id);
	rc = 0;
out:
	key_free(k);
	return rc;
}

const char *
issue_authority(struct arena *a, const char *url)
{
	const char *p;

	if (strncmp(url, "https://", 8) == 0)
		p = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		p = url + 7;
	else
		return NULL;
	return arena_strndup(a, p, strcspn(p, "/?#"));
}

/* Whether a list of verification relationships names vm (or "#frag"). */
static bool
lists_method(const struct json *list, const char *vm, const char *frag)
{
	const struct json *e;
	const char *id;

	if (list == NULL || list->type != JSON_ARRAY)
		return false;
	for (e = list->child; e != NULL; e = e->next) {
		id = e->type == JSON_STRING ? e->str : json_get_str(e, "id");
		if (id != NULL && (strcmp(id, vm) == 0 || (frag != NULL &&
		    id[0] == '#' && strcmp(id + 1, frag) == 0)))
			return true;
	}
	return false;
}

/*
 * The JSON document at url (its fragment ignored): what the site serves
 * there when url is under base_url (a document published at its id, or
 * a file under content/static/, parsed) or, for a did:web DID, at the
 * DID's URL; else the repository document whose id it is.  Sets *out
 * and *name (its file) to NULL when there is none.  Returns 0, or -1
 * after reporting a file that is not JSON.
 */
static int
site_doc(struct issue *is, const char *url, const struct json **out,
    const char **name, struct diag *d)
{
	const char *hash = strchr(url, '#'), *base, *path;
	struct buf did = BUF_INIT;
	struct doc *doc = NULL;
	struct json *j;

	*out = NULL;
	*name = NULL;
	base = arena_strndup(&is->arena, url, hash != NULL ?
	    (size_t)(hash - url) : strlen(url));
	/* A did:web DID: the DID document the site serves at its URL. */
	if (strncmp(base, "did:web:", 8) == 0 &&
	    key_did_web_url(&did, base) == 0)
		path = model_site_path(is->model, did.data);
	else
		path = model_site_path(is->model, base);
	buf_release(&did);
	if (path != NULL)
		doc = model_at_path(is->model, path);
	if (doc == NULL && (doc = model_lookup(is->model, base)) != NULL &&
	    doc->file == NULL)
		doc = NULL;	/* embedded in another document */
	if (doc == NULL || doc->kind == DOC_AWARD)
		return 0;
	*name = doc->file != NULL ? doc->file : base;
	if (doc->json == NULL && doc->raw != NULL) {
		if (json_parse(&j, &is->arena, *name, doc->raw, doc->rawlen,
		    d) < 0)
			return -1;
		*out = j;
		return 0;
	}
	*out = doc->json;
	return 0;
}

/* Key ids found for the signing key: a few, in the run's arena. */
struct idlist {
	const char	*v[8];
	size_t		 n;
};

static void
idlist_add(struct issue *is, struct idlist *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], id) == 0)
			return;
	if (l->n < sizeof(l->v) / sizeof(l->v[0]))
		l->v[l->n++] = arena_strdup(&is->arena, id);
}

/* Whether the verification method or JWK v holds the signing key. */
static bool
holds_key(const struct issue *is, const struct json *v, bool jwk)
{
	struct diag q = DIAG_INIT;
	struct key *k = NULL;
	bool same;

	q.quiet = true;
	q.quiet_warnings = true;
	same = (jwk ? key_from_jwk(&k, v, "jwk", &q) :
	    key_from_method(&k, v, "method", &q)) == 0 &&
	    key_equal(k, is->pub);
	key_free(k);
	return same;
}

/*
 * Adds the methods listed under assertionMethod of controller document
 * doc (id cid) that hold the signing key: given in full there, listed
 * in its verificationMethod, or documents of their own that name cid as
 * their controller.
 */
static void
methods_holding(struct issue *is, const struct json *doc, const char *cid,
    struct idlist *out)
{
	const struct json *l = json_get(doc, "assertionMethod"), *e, *vms, *m;
	const struct json *vm, *own;
	const char *id, *name, *mid;
	struct buf full = BUF_INIT;
	struct diag q = DIAG_INIT;

	q.quiet = true;
	vms = json_get(doc, "verificationMethod");
	for (e = l != NULL && l->type == JSON_ARRAY ? l->child : l; e != NULL;
	    e = l->type == JSON_ARRAY ? e->next : NULL) {
		vm = e->type == JSON_OBJECT ? e : NULL;
		if ((id = e->type == JSON_STRING ? e->str :
		    json_get_str(e, "id")) == NULL)
			continue;
		buf_reset(&full);
		if (id[0] == '#')
			buf_puts(&full, cid);
		buf_puts(&full, id);
		for (m = vms != NULL && vms->type == JSON_ARRAY ? vms->child :
		    NULL; vm == NULL && m != NULL; m = m->next)
			if ((mid = json_get_str(m, "id")) != NULL &&
			    (strcmp(mid, full.data) == 0 ||
			    strcmp(mid, id) == 0))
				vm = m;
		if (vm == NULL && strchr(full.data, '#') == NULL &&
		    site_doc(is, full.data, &own, &name, &q) == 0 &&
		    own != NULL &&
		    json_str_eq(json_get(own, "id"), full.data) &&
		    json_str_eq(json_get(own, "controller"), cid))
			vm = own;
		if (vm != NULL && holds_key(is, vm, false))
			idlist_add(is, out, full.data);
	}
	buf_release(&full);
}

/* Adds "<url>#<kid>" for each JWK of the set at url holding the key. */
static void
jwks_holding(struct issue *is, const char *url, struct idlist *out)
{
	const struct json *doc, *keys, *e;
	const char *name, *kid;
	struct diag q = DIAG_INIT;

	q.quiet = true;
	if (site_doc(is, url, &doc, &name, &q) < 0 || doc == NULL ||
	    (keys = json_get(doc, "keys")) == NULL || keys->type != JSON_ARRAY)
		return;
	for (e = keys->child; e != NULL; e = e->next)
		if ((kid = json_get_str(e, "kid")) != NULL &&
		    holds_key(is, e, true))
			idlist_add(is, out, arena_printf(&is->arena, "%s#%s",
			    url, kid));
}

/*
 * The key id an OB 3.0 award names when --key-id is not given: the one
 * published key of the issuer that is the signing key.  A did:key
 * issuer: its own key.  A did:web issuer: a method of its DID document.
 * An https issuer: for a VC-JWT a key of the JWK set on its host, else
 * (and for Data Integrity) a method its profile lists under
 * assertionMethod.  Returns 0 and sets *out, or -1 after reporting none
 * or several.
 */
static int
default_ob3_key_id(struct issue *is, const char **out, struct diag *d)
{
	const char *iss = is->issuer->id, *name, *host;
	const struct json *doc = NULL;
	struct idlist jw, vm, *pick;
	struct buf url = BUF_INIT, list = BUF_INIT;
	struct diag q = DIAG_INIT;
	struct key *k = NULL;
	size_t i;
	int rc = -1;

	memset(&jw, 0, sizeof(jw));
	memset(&vm, 0, sizeof(vm));
	q.quiet = true;
	if (strncmp(iss, "did:key:", 8) == 0) {
		if (key_from_did_key(&k, iss, iss, &q) == 0 &&
		    key_equal(k, is->pub))
			idlist_add(is, &vm, arena_printf(&is->arena, "%s#%s",
			    iss, iss + 8));
	} else if (strncmp(iss, "did:web:", 8) == 0) {
		if (site_doc(is, iss, &doc, &name, &q) == 0 && doc != NULL &&
		    json_str_eq(json_get(doc, "id"), iss))
			methods_holding(is, doc, iss, &vm);
	} else if ((host = issue_authority(&is->arena, iss)) != NULL) {
		if (is->format == ISSUE_OB3_JWT) {
			buf_printf(&url, "https://%s/.well-known/jwks.json",
			    host);
			jwks_holding(is, url.data, &jw);
			buf_reset(&url);
			buf_printf(&url, "%s.well-known/jwks.json",
			    is->model->base_url);
			if (strcmp(issue_authority(&is->arena, url.data),
			    host) == 0)
				jwks_holding(is, url.data, &jw);
		}
		methods_holding(is, is->issuer->doc->json, iss, &vm);
	}
	pick = jw.n > 0 ? &jw : &vm;
	for (i = 0; i < pick->n; i++)
		buf_printf(&list, "\n    %s", pick->v[i]);
	if (pick->n == 1) {
		*out = pick->v[0];
		rc = 0;
	} else if (pick->n > 1)
		diag_err(d, "--key %s: the site publishes this key for the "
		    "issuer %s under several ids; name one with --key-id:%s",
		    is->key_file, iss, list.data);
	else {
		show_log(is, d);
		diag_err(d, "--key %s: the site publishes no key of the issuer "
		    "%s that is this %s key (%s); `badgegen keygen --install "
		    "--alg %s` makes a key and installs its public documents, "
		    "or name the key with --key-id", is->key_file, iss,
		    key_type_name(is->key->type), is->format == ISSUE_OB3_JWT ?
		    "looked in its JWK set, DID document and assertionMethod" :
		    "looked under assertionMethod of its profile or DID "
		    "document", sig_alg_name(alg_of(is->key)));
	}
	key_free(k);
	buf_release(&url);
	buf_release(&list);
	return rc;
}

/*
 * The key a URL key id names in the site: a JWK set (the fragment is the
 * kid), a JWK, a DID document or profile with verificationMethod, or a
 * key document.  Warns when the document does not tie the key to the
 * issuer.
 */
static int
site_key(struct key **out, struct issue *is, const char *key_id,
    struct diag *d)
{
	const char *hash = strchr(key_id, '#'), *frag, *name, *id;
	const char *ctrl, *ka, *ia;
	const struct json *j, *vms, *e, *vm = NULL;
	char *base;

	*out = NULL;
	base = arena_strndup(&is->arena, key_id, hash != NULL ?
	    (size_t)(hash - key_id) : strlen(key_id));
	frag = hash != NULL && hash[1] != '\0' ? hash + 1 : NULL;
	if (site_doc(is, base, &j, &name, d) < 0)
		return -1;
	if (name == NULL) {
		show_log(is, d);
		return diag_err(d, "--key-id %s: the site has no document at "
		    "%s; publish the key there: a JWK set (content/static/"
		    ".well-known/jwks.json is served at %s.well-known/"
		    "jwks.json, the kid after '#'), a DID document or a key "
		    "document (badgegen keygen --install does)", key_id, base,
		    is->model->base_url);
	}
	if (j == NULL || j->type != JSON_OBJECT)
		return diag_err(d, "--key-id %s: %s is not a key document",
		    key_id, name);
	ia = issue_authority(&is->arena, is->issuer->id);
	if ((e = json_get(j, "keys")) != NULL && e->type == JSON_ARRAY) {
		if (key_from_jwks(out, j, frag, name, d) < 0)
			return -1;
		ka = issue_authority(&is->arena, base);
		if (ka == NULL || ia == NULL || strcmp(ka, ia) != 0)
			diag_warn(d, "--key-id %s: the JWK set is not on the "
			    "issuer's host (%s): verifiers that look for the "
			    "key at https://<issuer host>/.well-known/jwks.json "
			    "will not find it", key_id, ia ? ia : is->issuer->id);
		return 0;
	}
	if (json_get(j, "kty") != NULL)
		return key_from_jwk(out, j, name, d);
	if ((vms = json_get(j, "verificationMethod")) != NULL) {
		for (e = vms->type == JSON_ARRAY ? vms->child : NULL;
		    e != NULL && vm == NULL; e = e->next) {
			id = json_get_str(e, "id");
			if (id != NULL && (strcmp(id, key_id) == 0 ||
			    (frag != NULL && id[0] == '#' &&
			    strcmp(id + 1, frag) == 0)))
				vm = e;
		}
		if (vm == NULL)
			return diag_err(d, "--key-id %s: %s has no "
			    "verification method with this id", key_id, name);
		if (!lists_method(json_get(j, "assertionMethod"), key_id,
		    frag))
			return diag_err(d, "--key-id %s: %s does not list it "
			    "in \"assertionMethod\"; add it there (verifiers "
			    "accept only assertion methods)", key_id, name);
		ctrl = json_get_str(vm, "controller");
		if (ctrl == NULL)
			ctrl = json_get_str(j, "id");
		if (ctrl == NULL || strcmp(ctrl, is->issuer->id) != 0)
			diag_warn(d, "--key-id %s: its controller is %s, not "
			    "the issuer %s; verifiers bind the award to its "
			    "issuer only through the controller", key_id,
			    ctrl != NULL ? ctrl : "not given", is->issuer->id);
		return key_from_method(out, vm, name, d);
	}
	ctrl = json_get_str(j, "owner");
	if (ctrl == NULL)
		ctrl = json_get_str(j, "controller");
	if (ctrl == NULL || strcmp(ctrl, is->issuer->id) != 0)
		diag_warn(d, "--key-id %s: %s names %s as its owner, not the "
		    "issuer %s", key_id, name, ctrl != NULL ? ctrl : "nobody",
		    is->issuer->id);
	return key_from_method(out, j, name, d);
}

/* The OB 3.0 key id: did:key, or a key the site publishes. */
static int
ob3_key(struct issue *is, const char *key_file, const char *key_id,
    struct diag *d)
{
	struct key *k = NULL;
	size_t n;
	int rc = -1;

	if (key_id == NULL && default_ob3_key_id(is, &key_id, d) < 0)
		goto out;
	if (strncmp(key_id, "did:key:", 8) == 0) {
		if (key_from_did_key(&k, key_id, "--key-id", d) < 0)
			goto out;
		if (!key_equal(k, is->pub)) {
			diag_err(d, "--key-id %s is not the did:key of --key "
			    "%s", key_id, key_file);
			goto out;
		}
		n = strcspn(key_id, "#");
		if (strlen(is->issuer->id) != n ||
		    strncmp(is->issuer->id, key_id, n) != 0)
			diag_warn(d, "the issuer's id is %s, not %.*s: "
			    "verifiers bind an award signed with a did:key to "
			    "its issuer only when the issuer id is that DID "
			    "(\"id\" in %s)", is->issuer->id, (int)n, key_id,
			    issuer_file(is->issuer));
	} else {
		if (site_key(&k, is, key_id, d) < 0)
			goto out;
		if (!key_equal(k, is->pub)) {
			diag_err(d, "--key %s is not the key that --key-id %s "
			    "names; sign with the private key that belongs to "
			    "it", key_file, key_id);
			goto out;
		}
		if (!key_alg_fits(k, alg_of(is->key))) {
			diag_err(d, "--key-id %s: the published key is for "
			    "\"alg\" %s, not %s", key_id, sig_alg_name(k->alg),
			    sig_alg_name(alg_of(is->key)));
			goto out;
		}
	}
	is->key_id = arena_strdup(&is->arena, key_id);
	rc = 0;
out:
	key_free(k);
	return rc;
}

/* The name of file without directories, and its length without extension. */
static const char *
file_stem(const char *file, size_t *n)
{
	const char *slash = strrchr(file, '/'), *dot;

	slash = slash != NULL ? slash + 1 : file;
	dot = strrchr(slash, '.');
	*n = dot != NULL && dot != slash ? (size_t)(dot - slash) :
	    strlen(slash);
	return slash;
}

/*
 * The badge class want names: its id, its content file ("content/x.json"
 * or "x.json" under content/), its file name or its file name without
 * extension (the slug).  Reports, after label, a name that fits none or
 * several and returns NULL.
 */
static struct doc *
badge_doc(struct issue *is, const char *want, const char *label,
    struct diag *d)
{
	struct buf list = BUF_INIT, alt = BUF_INIT, same = BUF_INIT;
	struct doc *doc, *e, *one = NULL;
	const char *base;
	size_t i, n = 0, nsame = 0, len;

	doc = model_lookup(is->model, want);
	buf_printf(&alt, "content/%s", want);
	for (i = 0; doc == NULL && i < is->model->ndocs; i++) {
		e = is->model->docs[i];
		if (e->file != NULL && (strcmp(e->file, want) == 0 ||
		    strcmp(e->file, alt.data) == 0))
			doc = e;
	}
	buf_release(&alt);
	for (i = 0; doc == NULL && i < is->model->ndocs; i++) {
		e = is->model->docs[i];
		if (e->kind != DOC_ACHIEVEMENT || e->file == NULL)
			continue;
		base = file_stem(e->file, &len);
		if (strcmp(base, want) != 0 && (strlen(want) != len ||
		    strncmp(base, want, len) != 0))
			continue;
		buf_printf(&same, "\n    %s (%s)", e->id, e->file);
		if (nsame++ == 0)
			one = e;
	}
	if (doc == NULL && nsame == 1)
		doc = one;
	else if (doc == NULL && nsame > 1)
		diag_err(d, "%s: %zu badge classes have this file name; name "
		    "one by its id or its file under content/:%s", label,
		    nsame, same.data);
	else if (doc == NULL) {
		for (i = 0; i < is->model->ndocs; i++)
			if (is->model->docs[i]->kind == DOC_ACHIEVEMENT &&
			    is->model->docs[i]->id != NULL && n++ < 20)
				buf_printf(&list, "\n    %s (%s)",
				    is->model->docs[i]->id,
				    is->model->docs[i]->file);
		show_log(is, d);
		diag_err(d, "%s: no badge class of the site has this id, file "
		    "or name%s", label, n > 0 ? "; the site's badge "
		    "classes:" : " (content/ holds none)");
		if (n > 0)	/* one a line, after the error */
			diag_note(d, "%s", list.data + 1);
	}
	buf_release(&list);
	buf_release(&same);
	return doc;
}

/* Finds the badge class want names and its issuer. */
static int
find_badge(struct issue *is, const char *want, const char *label,
    struct diag *d)
{
	struct doc *doc;
	const char *base;
	size_t n;

	if ((doc = badge_doc(is, want, label, d)) == NULL)
		return -1;
	if (doc->kind != DOC_ACHIEVEMENT)
		return diag_err(d, "%s: %s is not a badge class (BadgeClass "
		    "or Achievement)", label, doc->file != NULL ? doc->file :
		    want);
	if (doc->obj == NULL || doc->file == NULL) {
		show_log(is, d);
		return diag_err(d, "%s: %s has errors (above)", label,
		    doc->file != NULL ? doc->file : doc->id);
	}
	is->badge = doc->obj;
	base = file_stem(doc->file, &n);
	is->stem = arena_strndup(&is->arena, base, n);
	if ((is->issuer = is->badge->issuer) == NULL || is->issuer->id == NULL) {
		show_log(is, d);
		return diag_err(d, "%s: %s has no usable issuer (%s)", label,
		    doc->file, is->badge->ob3 ? "\"creator\"" : "\"issuer\"");
	}
	if (is->format == ISSUE_OB2 && is->badge->ob3)
		return diag_err(d, "%s: %s is an Open Badges 3.0 Achievement; "
		    "an OB 2.0 assertion needs a BadgeClass (--format ob3-jwt "
		    "or ob3-di issue this one)", label, doc->file);
	return 0;
}

/*
 * Makes the badge class want, named at where (label in messages), the
 * one the next award is of: finds it and its issuer's key the first
 * time, remembers either.  Returns 0, or -1 after reporting.
 */
static int
use_badge(struct issue *is, const char *want, const char *where,
    const char *label, struct diag *d)
{
	struct badge_use *u;
	size_t i;
	int r;

	for (i = 0; i < is->nuses; i++) {
		u = &is->uses[i];
		if (strcmp(u->want, want) != 0)
			continue;
		if (u->bad)
			return diag_err(d, "%s: cannot be issued (%s, above)",
			    label, u->where);
		is->badge = u->badge;
		is->issuer = u->issuer;
		is->stem = u->stem;
		is->key_id = u->key_id;
		return 0;
	}
	is->uses = xreallocarray(is->uses, is->nuses + 1, sizeof(*is->uses));
	u = &is->uses[is->nuses++];
	memset(u, 0, sizeof(*u));
	u->want = arena_strdup(&is->arena, want);
	u->where = arena_strdup(&is->arena, where);
	is->key_id = NULL;
	if (find_badge(is, want, label, d) < 0) {
		u->bad = true;
		return -1;
	}
	r = is->format == ISSUE_OB2 ?
	    ob2_key(is, is->key_file, is->key_id_opt, d) :
	    ob3_key(is, is->key_file, is->key_id_opt, d);
	if (r < 0) {
		/* The key's messages do not name the row: this one does. */
		if (strcmp(where, "--badge") != 0)
			diag_err(d, "%s: cannot be issued with --key %s: its "
			    "issuer %s does not publish that key (above)",
			    label, is->key_file, is->issuer->id);
		u->bad = true;
		return -1;
	}
	u->badge = is->badge;
	u->issuer = is->issuer;
	u->stem = is->stem;
	u->key_id = is->key_id;
	return 0;
}

/* Reads the signing key and checks that it fits the format. */
static int
read_key(struct issue *is, const struct issue_opts *o, struct diag *d)
{
	struct buf text = BUF_INIT, why = BUF_INIT;
	struct diag q = DIAG_INIT;
	struct stat st;
	int r, rc = -1;

	if (fs_read_file(&text, o->key_file, KEY_FILE_MAX, false, d) < 0)
		goto out;
	r = privkey_from_pem(&is->key, text.data, text.len, o->key_file, d);
	sodium_memzero(text.data, text.len);
	if (r < 0 || privkey_public(&is->pub, is->key, d) < 0)
		goto out;
	q.quiet = true;
	if (issue_key_place(&why, o->key_file, &q) == ISSUE_PLACE_PUBLISHED)
		diag_warn(d, "--key %s", why.data);
	if (stat(o->key_file, &st) == 0 && (st.st_mode & 077) != 0)
		diag_warn(d, "--key %s: others may read it (mode %03o); "
		    "chmod 600 %s", o->key_file, (unsigned)(st.st_mode & 0777),
		    o->key_file);
	if (o->format == ISSUE_OB3_DI && is->key->type != KEY_ED25519) {
		diag_err(d, "--format ob3-di signs with Ed25519 "
		    "(eddsa-rdfc-2022), and --key %s is an %s key (badgegen "
		    "keygen --alg EdDSA makes one)", o->key_file,
		    key_type_name(is->key->type));
		goto out;
	}
	rc = 0;
out:
	buf_release(&text);
	buf_release(&why);
	return rc;
}

/* The run's date: --date, not after the site's now. */
static int
run_date(struct issue *is, const char *date, struct diag *d)
{
	is->date = is->now;
	if (date == NULL)
		return 0;
	if (issue_parse_date(&is->date, date, is->conf->tz) < 0)
		return diag_err(d, "--date %s: expected an ISO 8601 date and "
		    "time such as 2026-04-01T09:00:00+09:00, a date such as "
		    "2026-04-01, or @<unix seconds>", date);
	if (is->date > is->now)
		return diag_err(d, "--date %s is in the future: verifiers "
		    "refuse an award before its issue date", date);
	return 0;
}

int
issue_open(struct issue **out, struct site *s, const struct issue_opts *o,
    struct diag *d)
{
	struct issue *is;
	const char *label;
	int rc = -1;

	*out = NULL;
	if (sodium_init() < 0)
		return diag_err(d, "libsodium does not initialize");
	is = xcalloc(1, sizeof(*is));
	is->site = s;
	is->model = &s->model;
	is->conf = &s->conf;
	is->root = s->dir;
	is->log = &s->log;
	is->now = s->now;
	is->format = o->format;
	is->force = o->force;
	is->skip_existing = o->skip_existing;
	is->key_file = o->key_file;
	is->key_id_opt = o->key_id;
	if (read_key(is, o, d) < 0 || run_date(is, o->date, d) < 0)
		goto out;
	/* The site's problems are shown when they matter (show_log). */
	model_link(is->model, &s->files);
	if (o->badge != NULL) {
		label = arena_printf(&is->arena, "--badge %s", o->badge);
		if (use_badge(is, o->badge, "--badge", label, d) < 0)
			goto out;
		is->run_badge = is->uses[0].want;
	}
	*out = is;
	is = NULL;
	rc = 0;
out:
	issue_free(is);
	return rc;
}

void
issue_free(struct issue *is)
{
	if (is == NULL)
		return;
	privkey_free(is->key);
	key_free(is->pub);
	free(is->done);
	free(is->uses);
	arena_release(&is->arena);
	free(is);
}

const char *
issue_key_id(const struct issue *is)
{
	return is->key_id;
}

const struct tz *
issue_tz(const struct issue *is)
{
	return is->conf->tz;
}

/*
 * Verifies the award about to be written, the bytes data as the content
 * file `file', against the site as it will be published: the work tree
 * with the awards written before it.  Returns 0 when badgegen verify
 * would pass it; else reports the checks that would not pass and
 * returns -1.
 */
static int
check_award(struct issue *is, const char *file, const struct buf *data,
    const char *where, struct diag *d)
{
	struct verify_report rep;
	struct award *aw;
	struct buf why = BUF_INIT;
	size_t i;
	int rc = -1;

	memset(&rep, 0, sizeof(rep));
	if ((aw = model_add_candidate(is->model, file, data->data, data->len,
	    d)) == NULL) {
		diag_err(d, "%s: not written: the site cannot read the award "
		    "back (above)", where);
		goto out;
	}
	if (verify_award(&rep, is->model, aw, is->now) < 0) {
		diag_err(d, "%s: not written: the award cannot be verified",
		    where);
		goto out;
	}
	if (rep.valid) {
		rc = 0;
		goto out;
	}
	for (i = 0; i < rep.nchecks; i++)
		if (rep.checks[i].result == CHECK_FAIL ||
		    rep.checks[i].result == CHECK_UNKNOWN)
			buf_printf(&why, "\n    %s %s: %s",
			    check_result_name(rep.checks[i].result),
			    rep.checks[i].name, rep.checks[i].message != NULL ?
			    rep.checks[i].message : "");
	diag_err(d, "%s: not written: badgegen verify would not pass it "
	    "against the site's documents (the work tree, as it will be "
	    "published):%s", where, why.data);
out:
	verify_report_release(&rep);
	buf_release(&why);
	return rc;
}

/* FNV-1a of s. */
static size_t
hash_str(const char *s)
{
	return (size_t)hash_bytes(s, strlen(s));
}

/* The award of this run with the file stem rel, or NULL. */
static const struct done *
done_find(const struct issue *is, const char *rel)
{
	size_t i;

	if (is->capdone == 0)
		return NULL;
	for (i = hash_str(rel) & (is->capdone - 1); is->done[i].rel != NULL;
	    i = (i + 1) & (is->capdone - 1))
		if (strcmp(is->done[i].rel, rel) == 0)
			return &is->done[i];
	return NULL;
}

/* Records an award of this run (rel is not there yet). */
static void
done_add(struct issue *is, const char *rel, const char *where)
{
	struct done *old = is->done;
	size_t ocap = is->capdone, i;

	if (2 * (is->ndone + 1) > is->capdone) {
		is->capdone = is->capdone ? 2 * is->capdone : 64;
		is->done = xcalloc(is->capdone, sizeof(*is->done));
		is->ndone = 0;
		for (i = 0; i < ocap; i++)
			if (old[i].rel != NULL)
				done_add(is, old[i].rel, old[i].where);
		free(old);
	}
	for (i = hash_str(rel) & (is->capdone - 1); is->done[i].rel != NULL;
	    i = (i + 1) & (is->capdone - 1))
		continue;
	is->done[i].rel = arena_strdup(&is->arena, rel);
	is->done[i].where = arena_strdup(&is->arena, where);
	is->ndone++;
}

/*
 * Warns when the sidecar --force kept has errors of its own: the build
 * keeps its award private until they are fixed.
 */
static void
sidecar_check(const char *path, const char *where, struct diag *d)
{
	struct buf text = BUF_INIT, cap = BUF_INIT;
	struct diag q = DIAG_INIT;
	struct award_conf ac;

	q.quiet = true;
	q.capture = &cap;
	if (fs_read_file(&text, path, CONF_MAX_BYTES, false, &q) == 0 &&
	    award_conf_parse(&ac, path, text.data, text.len, &q) == 0)
		award_conf_release(&ac);
	else if (cap.len > 0) {
		cap.data[strcspn(cap.data, "\n")] = '\0';
		diag_warn(d, "%s: the sidecar keeps its other lines, and they "
		    "have errors (%s): the build keeps the award private until "
		    "they are fixed", where, cap.data + strlen("error: "));
	}
	buf_release(&text);
	buf_release(&cap);
}

/*
 * An award of the repository of the current badge class whose recipient
 * is email (normalised): by its sidecar's email, or by its recipient
 * identity, hashed or not.  NULL when there is none.
 */
static const struct award *
issued_before(const struct issue *is, const char *email)
{
	const struct award *aw;
	size_t i;
	bool match;

	for (i = 0; i < is->model->nawards; i++) {
		aw = is->model->awards[i];
		if (aw->badge == NULL || (aw->badge != is->badge &&
		    (aw->badge->id == NULL ||
		    strcmp(aw->badge->id, is->badge->id) != 0)))
			continue;
		if (aw->email != NULL && strcasecmp(aw->email, email) == 0)
			return aw;
		if (verify_recipient(aw, email, &match) == 0 && match)
			return aw;
	}
	return NULL;
}

/* Copies s without blanks around it into out; returns out->data. */
static const char *
trimmed_copy(struct buf *out, const char *s)
{
	const char *p;
	size_t n;

	buf_reset(out);
	if (s != NULL) {
		trim(&p, &n, s);
		buf_put(out, p, n);
	}
	return out->data;
}

/*
 * Makes the badge class of row in the current one: its badge, else the
 * run's.  Returns 0, or -1 after reporting.
 */
static int
row_badge(struct issue *is, const struct issue_input *in, struct diag *d)
{
	struct buf want = BUF_INIT, label = BUF_INIT;
	int rc;

	if (trimmed_copy(&want, in->badge)[0] == '\0') {
		buf_release(&want);
		if (is->run_badge == NULL)
			return diag_err(d, "%s: no badge: the badge column is "
			    "empty and --badge is not given", in->where);
		return use_badge(is, is->run_badge, "--badge", "--badge", d);
	}
	buf_printf(&label, "%s: badge \"%s\"", in->where, want.data);
	rc = use_badge(is, want.data, in->where, label.data, d);
	buf_release(&want);
	buf_release(&label);
	return rc;
}

/*
 * Parses an expiry: what issue_parse_date reads, a date alone meaning
 * the end of that day in tz (valid through it).  Returns 0 or -1.
 */
static int
parse_expiry(int64_t *out, const char *s, const struct tz *tz)
{
	struct civil c;
	bool timed;

	if (issue_parse_date(out, s, tz) < 0)
		return -1;
	if (date_parse_written(&c, &timed, s) == 0 && !timed)
		*out = local_to_utc(date_days(c.year, c.month, c.day + 1) *
		    86400, tz) - 1;
	return 0;
}

/* Reads the row's date and expiry; reports what is wrong. */
static int
row_dates(struct issue *is, const struct issue_input *in,
    struct issue_fields *f, struct diag *d)
{
	struct buf date = BUF_INIT, exp = BUF_INIT;
	int rc = 0;

	f->when = is->date;
	if (trimmed_copy(&date, in->date)[0] != '\0' &&
	    issue_parse_date(&f->when, date.data, is->conf->tz) < 0)
		rc = diag_err(d, "%s: date \"%s\": expected a date such as "
		    "2026-04-01, 2026/4/1, 2026年4月1日, 令和8年4月1日 or "
		    "R8.4.1, or an ISO 8601 date and time such as "
		    "2026-04-01T09:00:00+09:00", in->where, date.data);
	else if (date.len > 0 && f->when > is->now)
		rc = diag_err(d, "%s: date %s is in the future: verifiers "
		    "refuse an award before its issue date", in->where,
		    date.data);
	if (trimmed_copy(&exp, in->expires)[0] == '\0')
		goto out;
	f->has_expires = true;
	if (parse_expiry(&f->expires, exp.data, is->conf->tz) < 0)
		rc = diag_err(d, "%s: expires \"%s\": expected a date such "
		    "as 2027-03-31, 2027/3/31, 2027年3月31日 or 令和9年3月31日",
		    in->where, exp.data);
	else if (rc == 0 && f->expires <= f->when)
		rc = diag_err(d, "%s: expires %s is not after the issue "
		    "date", in->where, exp.data);
out:
	buf_release(&date);
	buf_release(&exp);
	return rc;
}

int
issue_award(struct issue *is, const struct issue_input *in,
    struct buf *path_out, struct diag *d)
{
	struct buf email = BUF_INIT, name = BUF_INIT, stem = BUF_INIT;
	struct buf dir = BUF_INIT, rel = BUF_INIT, file = BUF_INIT;
	struct buf conf = BUF_INIT, signed_ = BUF_INIT, sidecar = BUF_INIT;
	struct buf other = BUF_INIT;
	struct arena a = ARENA_INIT;
	const struct done *prev;
	const struct award *had;
	struct issue_fields f;
	struct civil c;
	const char *ext = format_ext(is->format);
	const char *old[NAWARD_EXTS];
	struct json *doc;
	char uuid[ISSUE_UUID_LEN + 1], salt[ISSUE_SALT_LEN + 1];
	size_t i, nold = 0;
	int r, rc = -1;
	bool bad, had_conf = false;

	memset(&f, 0, sizeof(f));
	/* Report every problem of the row, then give up. */
	bad = issue_email_normalize(&email, in->email, in->where, d) < 0;
	if (issue_name_normalize(&name, in->name, in->where, d) < 0)
		bad = true;
	if (row_dates(is, in, &f, d) < 0)
		bad = true;
	if (row_badge(is, in, d) < 0)
		bad = true;
	if (bad)
		goto out;

	/* content/awards/<year>/<stem>.<ext> */
	date_civil(&c, f.when, is->conf->tz);
	issue_file_stem(&stem, is->stem, is->badge->id, email.data);
	buf_printf(&rel, "content/awards/%04d/%s", c.year, stem.data);
	if ((prev = done_find(is, stem.data)) != NULL) {
		diag_err(d, "%s: %s has this badge already in this run (%s)",
		    in->where, email.data, prev->where);
		goto out;
	}
	if ((had = issued_before(is, email.data)) != NULL) {
		if (is->skip_existing) {
			buf_puts(path_out, had->file);
			rc = ISSUE_EXISTS;
			goto out;
		}
		if (!is->force) {
			diag_err(d, "%s: %s has this badge already: %s "
			    "(--skip-existing skips it, --force replaces it)",
			    in->where, email.data, had->file);
			goto out;
		}
	}
	buf_printf(&dir, "%s/content/awards/%04d", is->root, c.year);
	for (i = 0; i < NAWARD_EXTS; i++) {
		buf_reset(&other);
		buf_printf(&other, "%s/%s.%s", dir.data, stem.data,
		    award_exts[i]);
		if (!exists(other.data))
			continue;
		if (!is->force) {
			diag_err(d, "%s: %s.%s exists: %s has this badge "
			    "already (--force replaces it)", in->where,
			    rel.data, award_exts[i], email.data);
			goto out;
		}
		if (strcmp(award_exts[i], ext) != 0 &&
		    strcmp(award_exts[i], "conf") != 0)
			old[nold++] = award_exts[i];
	}

	/* Build and sign. */
	issue_uuid(uuid);
	issue_salt(salt);
	f.id = arena_printf(&a, "urn:uuid:%s", uuid);
	f.email = email.data;
	f.salt = salt;
	f.name = name.data;
	f.badge_id = is->badge->id;
	f.issuer_id = is->issuer->id;
	f.key_id = is->key_id;
	doc = is->format == ISSUE_OB2 ? issue_ob2_assertion(&a, &f) :
	    issue_ob3_credential(&a, &f, is->badge, is->issuer);
	if (issue_sign(&signed_, is->format, doc, &f, is->key, d) < 0) {
		diag_note(d, "%s: not written", in->where);
		goto out;
	}
	buf_printf(&file, "%s.%s", rel.data, ext);
	if (check_award(is, file.data, &signed_, in->where, d) < 0) {
		rc = ISSUE_EVERIFY;
		goto out;
	}
	buf_reset(&file);

	/*
	 * Write: the sidecar first, so that no award lacks its address.
	 * One that is there (--force) keeps every other line: above all
	 * its visibility.
	 */
	buf_printf(&sidecar, "%s/%s.conf", dir.data, stem.data);
	if (is->force) {
		r = award_conf_write(sidecar.data, "email", email.data, &conf,
		    &had_conf, d);
		if (r == 0 && had_conf)
			sidecar_check(sidecar.data, in->where, d);
	} else {
		buf_printf(&conf, "email = %s\n", email.data);
		r = fs_write_file(sidecar.data, conf.data, conf.len, 0644,
		    FS_MKDIRS, d);
	}
	if (r == FS_EXISTS)
		diag_err(d, "%s: %s.conf appeared meanwhile; not written",
		    in->where, rel.data);
	if (r != 0) {
		rc = r < 0 ? ISSUE_EIO : -1;
		goto out;
	}
	buf_printf(&file, "%s/%s.%s", dir.data, stem.data, ext);
	r = fs_write_file(file.data, signed_.data, signed_.len, 0644,
	    is->force ? FS_REPLACE : 0, d);
	if (r == FS_EXISTS)
		diag_err(d, "%s: %s.%s appeared meanwhile; not written",
		    in->where, rel.data, ext);
	if (r != 0) {
		/* The sidecar as it was. */
		if (had_conf)
			(void)fs_write_file(sidecar.data, conf.data, conf.len,
			    0644, FS_REPLACE, d);
		else
			unlink(sidecar.data);
		rc = r < 0 ? ISSUE_EIO : -1;
		goto out;
	}
	for (i = 0; i < nold; i++) {
		buf_reset(&other);
		buf_printf(&other, "%s/%s.%s", dir.data, stem.data, old[i]);
		if (unlink(other.data) < 0 && errno != ENOENT) {
			diag_err(d, "%s: cannot remove the award it replaces: "
			    "%s", other.data, strerror(errno));
			rc = ISSUE_EIO;
			goto out;
		}
	}
	done_add(is, stem.data, in->where);
	buf_printf(path_out, "%s.%s", rel.data, ext);
	rc = 0;
out:
	buf_release(&email);
	buf_release(&name);
	buf_release(&stem);
	buf_release(&dir);
	buf_release(&rel);
	buf_release(&file);
	buf_release(&conf);
	buf_release(&signed_);
	buf_release(&sidecar);
	buf_release(&other);
	arena_release(&a);
	return rc;
}

void
issue_key_document(struct buf *out, const char *id, const char *owner,
    const char *pem)
{
	struct arena a = ARENA_INIT;
	struct json *doc;

	doc = json_new(&a, JSON_OBJECT);
	json_add_str(&a, doc, "@context", "https://w3id.org/openbadges/v2");
	json_add_str(&a, doc, "type", "CryptographicKey");
	json_add_str(&a, doc, "id", id);
	json_add_str(&a, doc, "owner", owner);
	json_add_str(&a, doc, "publicKeyPem", pem);
	json_write(out, doc, JSON_WRITE_PRETTY);
	buf_putc(out, '\n');
	arena_release(&a);
}
