/*
 * cmd_init.c - badgegen init: a new site repository that builds at once.
 *
 * The new site has a commented site.conf, an issuer, one badge class
 * with a generated PNG image, a signing key (the private half under
 * keys/, which .gitignore keeps out of git; the public CryptographicKey
 * under content/keys/, listed in the issuer's publicKey), one signed
 * award made as badgegen issue makes them, a README.txt, and a first
 * commit.
 */
#include <errno.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>
#include <sodium.h>
#include <zlib.h>

#include "cmd.h"
#include "fs.h"
#include "issue.h"
#include "json.h"
#include "key.h"
#include "pngchunk.h"

const char cmd_init_help[] =
"Creates a new site repository in <dir> (which must be empty or not\n"
"exist): site.conf, an issuer, a badge class with its image, a signing\n"
"key (private half in keys/, kept out of git by .gitignore), one signed\n"
"example award, README.txt, and a first git commit.  'badgegen build'\n"
"in <dir> then builds the site into public/.\n"
"\n"
"Exit status: 0 created, 2 usage error or a non-empty <dir>, 3 I/O\n"
"error.\n";

const struct opt cmd_init_opts[] = {
	OPT_END
};

int
cmd_init_check(const struct args *a, struct diag *d)
{
	if (a->argv[0][0] == '\0')
		return diag_err(d, "init needs a directory, not \"\"");
	return 0;
}

#define INIT_BASE	"https://badges.example.ac.jp/"
#define INIT_ISSUER	INIT_BASE "issuers/univ.json"
#define INIT_BADGE	INIT_BASE "badges/sample.json"
#define INIT_KEY_ID	INIT_BASE "keys/univ-2026.json"
#define INIT_KEY_FILE	"keys/univ-2026.pem"
#define INIT_IMAGE_SIZE	256

static const char site_conf[] =
"# site.conf - the site's settings (see site.conf(5)).\n"
"# Every key is \"name = value\"; lines starting with \"#\" are comments.\n"
"\n"
"# The site's name, shown in every page's title and header.\n"
"title = 架空大学 オープンバッジ\n"
"# One sentence about the site, for the home page and search engines.\n"
"description = 架空大学が発行したオープンバッジの公開ページです。\n"
"# The URL the site is published at.  Every id in content/ starts with\n"
"# it: change both together before the first real award.\n"
"base_url = " INIT_BASE "\n"
"# The language of the pages: ja or en.\n"
"lang = ja\n"
"# Dates are shown, and dates without a zone are read, in this zone.\n"
"timezone = Asia/Tokyo\n"
"# Where badgegen build writes the site (relative to this directory).\n"
"output = public\n"
"# Awards issued within this many days are marked NEW.\n"
"new_days = 30\n"
"# The footer's text.\n"
"copyright = © 2026 架空大学\n"
"\n"
"# The award notices of badgegen notify.\n"
"[mail]\n"
"# The sender of the notices: change this example address (badgegen\n"
"# notify refuses to write notices from it).\n"
"from = " INIT_MAIL_FROM "\n"
"# Where replies go: the office that answers questions about badges.\n"
"reply_to = gakumu@example.ac.jp\n";

static const char gitignore[] =
"# Private signing keys never go into git.\n"
"/keys/\n"
"# The built site, and its preview (build --worktree).\n"
"/public/\n"
"/public.preview/\n"
"# What builds keep beside the output: its lock, the kept verification\n"
"# results, and what an interrupted build leaves (journal, staging and\n"
"# old directories, temporary files), which the next build removes.\n"
"/public.lock\n"
"/public.preview.lock\n"
"/.public.*\n";

static const char readme[] =
"This is a badgegen site repository: Open Badges issued by a university,\n"
"published as a static web site.\n"
"\n"
"Layout\n"
"\n"
"  site.conf                  the site's settings (title, base_url, mail)\n"
"  content/issuers/univ.json  the issuer profile (OB 2.0 Issuer)\n"
"  content/badges/sample.*    a badge class and its image\n"
"  content/keys/univ-2026.json  the public signing key (CryptographicKey),\n"
"                             listed in the issuer's \"publicKey\"\n"
"  content/awards/<year>/     the awards; each <award>.conf sidecar holds\n"
"                             the recipient's address (email = ...) and\n"
"                             may say visibility = private\n"
"  keys/univ-2026.pem         the PRIVATE signing key: not in git (see\n"
"                             .gitignore); keep a copy somewhere safe\n"
"  templates/                 (optional) your overrides of the theme\n"
"  public/                    the built site (badgegen build)\n"
"\n"
"Everything under content/ is published at base_url: content/x/y.json\n"
"is served at " INIT_BASE "x/y.json.\n"
"\n"
"How to write each document (issuer, badge class, award, sidecar,\n"
"recipient file, static files), which field is shown on which page,\n"
"skills and tags, Markdown: the authoring guide, docs/AUTHORING.md\n"
"(English) and docs/AUTHORING.ja.md (日本語) in badgegen's sources,\n"
"installed by make install into share/doc/badgegen/.\n"
"\n"
"Everyday work\n"
"\n"
"  badgegen serve             preview while you edit: http://127.0.0.1:8000/\n"
"  badgegen issue --badge " INIT_BADGE " \\\n"
"      --key " INIT_KEY_FILE " --recipient someone@example.ac.jp \\\n"
"      --name \"名前\"          (or --csv list.csv for a batch)\n"
"  git add content && git commit -m \"awards\"\n"
"  badgegen build\n"
"  badgegen notify --outbox ~/badge-outbox   (after changing [mail] from\n"
"      in site.conf: notify refuses the example address)\n"
"\n"
"Overriding the default theme\n"
"\n"
"The theme is compiled into badgegen.  A file under templates/ with the\n"
"same path replaces the default one; every other file stays the\n"
"default.  The override points:\n"
"\n"
"  templates/layout.mustache          the frame of every page\n"
"  templates/award.mustache           an award's page\n"
"  templates/badge.mustache           a badge class's page\n"
"  templates/issuer.mustache          an issuer's page\n"
"  templates/index.mustache           the home page\n"
"  templates/404.mustache             the not-found page\n"
"  templates/partials/*.mustache      pieces the pages share\n"
"  templates/i18n/ja.json, en.json   the pages' words\n"
"  templates/static/assets/badgegen.css  the style sheet\n"
"  templates/email/award.txt.mustache, award.html.mustache\n"
"                                     the notices of badgegen notify\n"
"\n"
"'badgegen mustache' renders one template for testing.  See\n"
"badgegen(1) and site.conf(5).\n";

static const char issuer_json[] =
"{\n"
"  \"@context\": \"https://w3id.org/openbadges/v2\",\n"
"  \"type\": \"Issuer\",\n"
"  \"id\": \"" INIT_ISSUER "\",\n"
"  \"name\": \"架空大学 学務部\",\n"
"  \"url\": \"https://www.example.ac.jp/\",\n"
"  \"email\": \"gakumu@example.ac.jp\",\n"
"  \"description\": \"架空大学の教育プログラムの修了を証明するオープンバッジを発行しています。\",\n"
"  \"publicKey\": [\"" INIT_KEY_ID "\"]\n"
"}\n";

static const char badge_json[] =
"{\n"
"  \"@context\": \"https://w3id.org/openbadges/v2\",\n"
"  \"type\": \"BadgeClass\",\n"
"  \"id\": \"" INIT_BADGE "\",\n"
"  \"name\": \"サンプルバッジ\",\n"
"  \"description\": \"badgegen init が作成した見本のバッジです。\",\n"
"  \"image\": \"" INIT_BASE "badges/sample.png\",\n"
"  \"criteria\": {\n"
"    \"narrative\": \"見本の授業を修了すること。\"\n"
"  },\n"
"  \"issuer\": \"" INIT_ISSUER "\",\n"
"  \"tags\": [\"sample\"]\n"
"}\n";

/*
 * Appends the badge image: a PNG, INIT_IMAGE_SIZE square, RGBA, a
 * navy disc with a white ring on a transparent ground.  The same bytes
 * every time.  Returns 0, or -1 after reporting.
 */
static int
badge_png(struct buf *out, struct diag *d)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	const int n = INIT_IMAGE_SIZE;
	unsigned char ihdr[13];
	unsigned char *raw, *px, *z;
	uLongf zlen;
	size_t rawlen = (size_t)n * (size_t)(n * 4 + 1);
	long dx, dy, r2, c = n / 2, rout = n / 2 - 4, rring = n / 2 - 20;
	int x, y, rc = -1;

	raw = xcalloc(rawlen, 1);
	for (y = 0; y < n; y++) {
		raw[(size_t)y * (size_t)(n * 4 + 1)] = 0;	/* filter none */
		for (x = 0; x < n; x++) {
			px = raw + (size_t)y * (size_t)(n * 4 + 1) + 1 +
			    (size_t)x * 4;
			dx = 2 * x + 1 - 2 * c;
			dy = 2 * y + 1 - 2 * c;
			r2 = dx * dx + dy * dy;	/* (2r)^2 */
			if (r2 > 4 * rout * rout)
				continue;
			if (r2 > 4 * (rring - 6) * (rring - 6) &&
			    r2 <= 4 * rring * rring) {
				px[0] = px[1] = px[2] = 0xff;
			} else {
				px[0] = 0x1f;
				px[1] = 0x3a;
				px[2] = 0x93;
			}
			px[3] = 0xff;
		}
	}
	zlen = compressBound((uLong)rawlen);
	z = xmalloc(zlen);
	if (compress2(z, &zlen, raw, (uLong)rawlen, 9) != Z_OK) {
		diag_err(d, "cannot compress the badge image");
		goto out;
	}
	memset(ihdr, 0, sizeof(ihdr));
	ihdr[2] = (unsigned char)(n >> 8);
	ihdr[3] = (unsigned char)n;
	ihdr[6] = (unsigned char)(n >> 8);
	ihdr[7] = (unsigned char)n;
	ihdr[8] = 8;	/* bit depth */
	ihdr[9] = 6;	/* RGBA */
	buf_put(out, sig, sizeof(sig));
	pngchunk_put(out, "IHDR", ihdr, sizeof(ihdr));
	pngchunk_put(out, "IDAT", z, zlen);
	pngchunk_put(out, "IEND", NULL, 0);
	rc = 0;
out:
	free(raw);
	free(z);
	return rc;
}

/* Whether dir exists and holds anything; -1 after reporting. */
static int
dir_state(const char *dir, struct diag *d)
{
	DIR *dp;
	struct dirent *de;
	int full = 0;

	if ((dp = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return 0;
		return diag_err(d, "%s: cannot open: %s", dir,
		    strerror(errno));
	}
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			full = 1;
			break;
		}
	closedir(dp);
	return full;
}

/*
 * Creates dir/keys, where the private key goes, readable by its owner
 * only.  Returns 0 or -1 (reported).
 */
static int
make_key_dir(const char *dir, struct diag *d)
{
	struct buf kd = BUF_INIT;
	int rc = -1;

	buf_printf(&kd, "%s/keys", dir);
	if (fs_mkdir_p(kd.data, 0700, d) < 0)
		goto out;
	if (chmod(kd.data, 0700) < 0) {
		diag_err(d, "%s: cannot restrict: %s", kd.data,
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	buf_release(&kd);
	return rc;
}

/*
 * Writes dir/rel, and the directories it needs; refuses to overwrite.
 * Returns 0 or -1 (reported).
 */
static int
put(const char *dir, const char *rel, const void *data, size_t len,
    int mode, struct diag *d)
{
	struct buf p = BUF_INIT;
	int r;

	buf_printf(&p, "%s/%s", dir, rel);
	r = fs_write_file(p.data, data, len, mode, FS_MKDIRS, d);
	if (r == FS_EXISTS)
		diag_err(d, "%s exists", p.data);
	buf_release(&p);
	return r == 0 ? 0 : -1;
}

/* The key pair: keys/univ-2026.pem and content/keys/univ-2026.json. */
static int
make_key(const char *dir, struct diag *d)
{
	struct privkey *priv = NULL;
	struct key *pub = NULL;
	struct buf pem = BUF_INIT, pubpem = BUF_INIT, doc = BUF_INIT;
	int rc = -1;

	if (privkey_generate(&priv, KEY_RSA, 2048, d) < 0 ||
	    privkey_to_pem(&pem, priv, d) < 0 ||
	    privkey_public(&pub, priv, d) < 0 ||
	    key_to_pem(&pubpem, pub, d) < 0)
		goto out;
	issue_key_document(&doc, INIT_KEY_ID, INIT_ISSUER, pubpem.data);
	if (put(dir, INIT_KEY_FILE, pem.data, pem.len, 0600, d) < 0 ||
	    put(dir, "content/keys/univ-2026.json", doc.data, doc.len, 0644,
	    d) < 0)
		goto out;
	rc = 0;
out:
	if (pem.len > 0)
		sodium_memzero(pem.data, pem.len);
	buf_release(&pem);
	buf_release(&pubpem);
	buf_release(&doc);
	privkey_free(priv);
	key_free(pub);
	return rc;
}

/* The example award, as badgegen issue writes it. */
static int
make_award(const char *dir, struct diag *d)
{
	struct site_opts so;
	struct site site;
	struct issue_opts o;
	struct issue_input in;
	struct issue *is = NULL;
	struct buf key = BUF_INIT, path = BUF_INIT;
	struct diag q = DIAG_INIT;
	int rc = -1;

	memset(&so, 0, sizeof(so));
	memset(&site, 0, sizeof(site));
	memset(&o, 0, sizeof(o));
	buf_printf(&key, "%s/%s", dir, INIT_KEY_FILE);
	so.repo = dir;
	o.badge = INIT_BADGE;
	o.key_file = key.data;
	o.key_id = INIT_KEY_ID;
	o.format = ISSUE_OB2;
	/* The key lives in keys/ of a git work tree on purpose. */
	q.quiet_warnings = true;
	if (site_open(&site, &so, SITE_MODEL | SITE_WORKTREE, &q) < 0 ||
	    issue_open(&is, &site, &o, &q) < 0) {
		diag_err(d, "cannot prepare the example award");
		goto out;
	}
	memset(&in, 0, sizeof(in));
	in.where = "example award";
	in.email = "taro.yamada@example.ac.jp";
	in.name = "山田 太郎";
	in.date = NULL;
	if (issue_award(is, &in, &path, d) != 0)
		goto out;
	rc = 0;
out:
	issue_free(is);
	site_release(&site);
	buf_release(&key);
	buf_release(&path);
	return rc;
}

/* Reports the last libgit2 error after what. */
static int
git_fail(const char *dir, const char *what, struct diag *d)
{
	const git_error *e = git_error_last();

	return diag_err(d, "%s: %s: %s", dir, what,
	    e != NULL && e->message != NULL ? e->message : "unknown error");
}

/* git init, add everything .gitignore allows, the first commit. */
static int
make_commit(const char *dir, struct diag *d)
{
	git_repository *repo = NULL;
	git_index *idx = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_oid tree_id, commit_id;
	git_repository_init_options io;
	int64_t now;
	int rc = -1;

	/* main, whatever git's default: the branch the hooks publish. */
	if (git_repository_init_options_init(&io,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION) < 0)
		return git_fail(dir, "git init", d);
	io.flags = GIT_REPOSITORY_INIT_MKPATH;
	io.initial_head = "main";
	if (git_repository_init_ext(&repo, dir, &io) < 0)
		return git_fail(dir, "git init", d);
	if (git_repository_index(&idx, repo) < 0 ||
	    git_index_add_all(idx, NULL, GIT_INDEX_ADD_DEFAULT, NULL,
	    NULL) < 0 || git_index_write(idx) < 0 ||
	    git_index_write_tree(&tree_id, idx) < 0) {
		git_fail(dir, "git add", d);
		goto out;
	}
	if (git_signature_default(&sig, repo) < 0) {
		if (clock_now(&now, NULL, d) < 0)
			goto out;
		if (git_signature_new(&sig, "badgegen init",
		    "badgegen-init@example.invalid", (git_time_t)now, 0) < 0) {
			git_fail(dir, "git commit", d);
			goto out;
		}
	}
	if (git_tree_lookup(&tree, repo, &tree_id) < 0 ||
	    git_commit_create_v(&commit_id, repo, "HEAD", sig, sig, NULL,
	    "New badgegen site\n", tree, 0) < 0) {
		git_fail(dir, "git commit", d);
		goto out;
	}
	rc = 0;
out:
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(idx);
	git_repository_free(repo);
	return rc;
}

int
cmd_init(const struct args *a, struct site *s, struct diag *d)
{
	struct buf png = BUF_INIT;
	const char *dir = a->argv[0];
	int r, rc = EXIT_USAGE;

	(void)s;
	if ((r = dir_state(dir, d)) < 0)
		return EXIT_IO;
	if (r > 0) {
		diag_err(d, "%s: not empty; init makes a new site in an empty "
		    "or new directory", dir);
		return EXIT_USAGE;
	}

	rc = EXIT_IO;
	if (fs_mkdir_p(dir, 0755, d) < 0 || make_key_dir(dir, d) < 0)
		goto out;
	if (badge_png(&png, d) < 0)
		goto out;
	if (put(dir, "site.conf", site_conf, sizeof(site_conf) - 1, 0644,
	    d) < 0 ||
	    put(dir, ".gitignore", gitignore, sizeof(gitignore) - 1, 0644,
	    d) < 0 ||
	    put(dir, "README.txt", readme, sizeof(readme) - 1, 0644, d) < 0 ||
	    put(dir, "content/issuers/univ.json", issuer_json,
	    sizeof(issuer_json) - 1, 0644, d) < 0 ||
	    put(dir, "content/badges/sample.json", badge_json,
	    sizeof(badge_json) - 1, 0644, d) < 0 ||
	    put(dir, "content/badges/sample.png", png.data, png.len, 0644,
	    d) < 0)
		goto out;
	if (make_key(dir, d) < 0 || make_award(dir, d) < 0 ||
	    make_commit(dir, d) < 0)
		goto out;
	printf("created the site %s with a first commit\n"
	    "  the private signing key is %s/%s (not in git: keep a copy "
	    "somewhere safe)\n"
	    "  next: cd %s && badgegen build; see README.txt\n", dir, dir,
	    INIT_KEY_FILE, dir);
	rc = 0;
out:
	buf_release(&png);
	return rc;
}
