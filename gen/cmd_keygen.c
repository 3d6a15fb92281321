/*
 * cmd_keygen.c - badgegen keygen: a signing key and the public documents
 * a site publishes for it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cmd.h"
#include "fs.h"
#include "issue.h"
#include "json.h"
#include "key.h"
#include "keyinstall.h"

const char cmd_keygen_help[] =
"Creates a signing key for badgegen issue.  No file is ever overwritten.\n"
"\n"
"With --install (one step): makes the key and installs its public\n"
"documents into the site repository (the work tree), ready to commit:\n"
"\n"
"    keys/<name>.pem     the private key (PKCS#8, mode 0600), outside\n"
"                        content/; keys/ goes into .gitignore\n"
"    RS256, ES256        content/keys/<name>.json, the OB 2.0\n"
"                        CryptographicKey, listed in the issuer's publicKey\n"
"    every algorithm     its JWK in the JWK set on the issuer's host\n"
"                        (content/static/.well-known/jwks.json)\n"
"    EdDSA               content/keys/<name>.json, a Multikey verification\n"
"                        method, listed under the issuer's assertionMethod\n"
"                        (whose @context gains the DID and Multikey ones)\n"
"    did:web issuer      the key as a method of its DID document instead\n"
"\n"
"<name> is <issuer file>-<alg> (--out <prefix> chooses the key's path and\n"
"name).  It prints each file, the key ids badgegen issue then finds by\n"
"itself, and the git command that commits them.\n"
"\n"
"Without --install: the key and its public documents beside it, to put\n"
"into a site by hand:\n"
"\n"
"    <prefix>.pem        the private key (PKCS#8, mode 0600); refused under\n"
"                        a site's content/ or output directory\n"
"    <prefix>.pub.pem    the public key (SPKI PEM)\n"
"    <prefix>.jwk.json   the public JWK; \"kid\" is its RFC 7638 thumbprint\n"
"    <prefix>.did.json   EdDSA: the DID document of the key's did:key\n"
"    <prefix>.key.json   with --id and --issuer: the OB 2.0 CryptographicKey\n"
"\n"
"    --alg <alg>     RS256 (RSA-2048), ES256 (P-256) or EdDSA (Ed25519)\n"
"    --install       install the public documents into the site\n"
"    --out <prefix>  the files' path without extension, e.g. ~/keys/issuer\n"
"    --id <url>      the URL the site publishes the CryptographicKey at\n"
"    --issuer <id>   the id of the issuer profile that owns the key (with\n"
"                    --install, its id or file; default: the only one)\n"
"    --repo <dir>    with --install: the site (default: the current one)\n"
"\n"
"Exit status: 0 written, 2 usage or configuration error, an existing\n"
"file or a refused place, 3 I/O error (a directory of <prefix> that is\n"
"missing or cannot be written).\n";

const struct opt cmd_keygen_opts[] = {
	{ "alg", OPT_VALUE, ARG(alg), "an algorithm", "RS256|ES256|EdDSA",
	  OPT_REQUIRED },
	{ "install", OPT_FLAG, ARG(install), NULL, NULL, 0 },
	{ "out", OPT_VALUE, ARG(out), "a path", NULL, 0 },
	{ "id", OPT_VALUE, ARG(id), "a URL", NULL, 0 },
	{ "issuer", OPT_VALUE, ARG(issuer), "an issuer id", NULL, 0 },
	OPT_SITE_REPO,
	OPT_END
};

#define MAX_FILES 5

struct outfile {
	const char	*ext;
	struct buf	 path;
	struct buf	 data;
	int		 mode;
};

/* What one run makes. */
struct keygen {
	const struct args *a;
	enum sig_alg	 alg;
	enum key_type	 type;
	struct outfile	 files[MAX_FILES];
	size_t		 nfiles;
	char		 tp[KEY_THUMBPRINT_LEN + 1];	/* the kid */
	struct buf	 did;		/* EdDSA: the key's did:key */
};

/* Whether s looks like an absolute http(s) URL with a host. */
static bool
url_ok(const char *s)
{
	const char *p;

	if (strncmp(s, "https://", 8) == 0)
		p = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		p = s + 7;
	else
		return false;
	if (*p == '\0' || *p == '/')
		return false;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '\\' ||
		    (unsigned char)*p == 0x7f)
			return false;
	return true;
}

/* Appends v, pretty-printed, and a newline. */
static void
put_json(struct buf *out, const struct json *v)
{
	json_write(out, v, JSON_WRITE_PRETTY);
	buf_putc(out, '\n');
}

/* "content/keys/k1.json" for "https://host/keys/k1.json". */
static void
content_path_of(struct buf *out, const char *url)
{
	const char *p = strstr(url, "://");

	p = p != NULL ? p + 3 : url;
	p += strcspn(p, "/");
	if (*p == '/')
		p++;
	buf_printf(out, "content/%.*s", (int)strcspn(p, "?#"), p);
}

static void
next_steps(const char *prefix, enum sig_alg alg, const char *tp,
    const char *did, const char *id, const char *issuer)
{
	struct buf cp = BUF_INIT;

	puts("");
	puts("next steps:");
	puts("  OB 2.0 signed awards (--format ob2):");
	if (id != NULL) {
		content_path_of(&cp, id);
		printf("    put %s.key.json where the site publishes %s\n"
		    "      (%s when base_url is the host's root),\n",
		    prefix, id, cp.data);
		printf("    list it in the issuer profile %s:\n"
		    "      \"publicKey\": [\"%s\"]\n", issuer, id);
		printf("    badgegen issue --format ob2 --key %s.pem --key-id "
		    "%s ...\n", prefix, id);
		if (alg != SIG_RS256)
			printf("    (OB 2.0 verifiers other than badgegen check "
			    "RS256 only: prefer --alg RS256)\n");
	} else
		printf("    need a CryptographicKey document: run keygen with "
		    "--id <url> --issuer <id> for a new key\n");
	puts("  OB 3.0 VC-JWT (--format ob3-jwt):");
	if (did != NULL)
		printf("    badgegen issue --format ob3-jwt --key %s.pem ... "
		    "(key id %s#%s), or\n", prefix, did, did + 8);
	printf("    add the JWK in %s.jwk.json to the JWK set "
	    "content/static/.well-known/jwks.json\n"
	    "      ({\"keys\": [ <the JWK> ]}) and sign with\n"
	    "    badgegen issue --format ob3-jwt --key %s.pem --key-id "
	    "<base_url>.well-known/jwks.json#%s ...\n", prefix, prefix, tp);
	if (did != NULL) {
		puts("  OB 3.0 Data Integrity (--format ob3-di):");
		printf("    badgegen issue --format ob3-di --key %s.pem ... "
		    "(verificationMethod %s#%s)\n", prefix, did, did + 8);
		printf("    an award signed with a did:key is bound to its "
		    "issuer when the issuer's id is %s;\n"
		    "    %s.did.json is its DID document (it may go to "
		    "content/keys/)\n", did, prefix);
	}
	printf("  keep %s.pem out of content/ and out of git\n", prefix);
	buf_release(&cp);
}

unsigned
cmd_keygen_need(const struct args *a)
{
	return a->install ? SITE_MODEL | SITE_WORKTREE : 0;
}

int
cmd_keygen_check(const struct args *a, struct diag *d)
{
	if (a->install) {
		if (a->id != NULL && !url_ok(a->id))
			return diag_err(d, "--id %s: expected the https URL the "
			    "site publishes the key document at", a->id);
		if (a->out != NULL && (a->out[0] == '\0' ||
		    a->out[strlen(a->out) - 1] == '/'))
			return diag_err(d, "--out %s: expected a path without "
			    "extension, such as keys/issuer", a->out);
		return 0;
	}
	if (a->out == NULL)
		return diag_err(d, "keygen needs --out, or --install");
	if (a->site.repo != NULL)
		return diag_err(d, "--repo goes with --install: without it "
		    "keygen writes no file into a site");
	if ((a->id == NULL) != (a->issuer == NULL))
		return diag_err(d, "--id and --issuer go together: the "
		    "CryptographicKey document needs both");
	if (a->id != NULL && !url_ok(a->id))
		return diag_err(d, "--id %s: expected the https URL the site "
		    "publishes the key document at", a->id);
	if (a->issuer != NULL && !url_ok(a->issuer))
		return diag_err(d, "--issuer %s: expected the issuer profile's "
		    "id, an https URL", a->issuer);
	if (a->out[strlen(a->out) - 1] == '/')
		return diag_err(d, "--out %s: expected a path without "
		    "extension, such as keys/issuer, not a directory", a->out);
	return 0;
}

/* The files a run writes: their names and modes. */
static void
plan_files(struct keygen *k)
{
	size_t i;

	k->files[k->nfiles++].ext = ".pem";
	k->files[k->nfiles++].ext = ".pub.pem";
	k->files[k->nfiles++].ext = ".jwk.json";
	if (k->type == KEY_ED25519)
		k->files[k->nfiles++].ext = ".did.json";
	if (k->a->id != NULL)
		k->files[k->nfiles++].ext = ".key.json";
	for (i = 0; i < k->nfiles; i++) {
		k->files[i].path = (struct buf)BUF_INIT;
		k->files[i].data = (struct buf)BUF_INIT;
		k->files[i].mode = i == 0 ? 0600 : 0644;
		buf_printf(&k->files[i].path, "%s%s", k->a->out,
		    k->files[i].ext);
	}
}

/*
 * Where: never under content/ or the output of a site, into a directory
 * that exists and can be written, over no file.  Returns 0 or the exit
 * status after reporting.
 */
static int
check_place(struct keygen *k, struct diag *d)
{
	struct buf why = BUF_INIT, dir = BUF_INIT;
	const char *prefix = k->a->out, *slash = strrchr(prefix, '/');
	size_t i;
	int r, rc = EXIT_USAGE;

	r = issue_key_place(&why, k->files[0].path.data, d);
	if (r < 0)
		goto out;
	if (r == ISSUE_PLACE_PUBLISHED) {
		diag_err(d, "refusing to write a private key there: %s",
		    why.data);
		goto out;
	}
	if (r == ISSUE_PLACE_GIT)
		diag_warn(d, "%s", why.data);
	buf_put(&dir, prefix, slash != NULL ? (size_t)(slash - prefix + 1) :
	    0);
	if (dir.len == 0)
		BUF_PUTSL(&dir, ".");
	if (access(dir.data, W_OK) < 0) {
		diag_err(d, "--out %s: cannot write into the directory %s: %s",
		    prefix, dir.data, strerror(errno));
		rc = EXIT_IO;
		goto out;
	}
	for (i = 0; i < k->nfiles; i++)
		if (access(k->files[i].path.data, F_OK) == 0) {
			diag_err(d, "%s exists; keygen never overwrites a key "
			    "file (choose another --out)",
			    k->files[i].path.data);
			goto out;
		}
	rc = 0;
out:
	buf_release(&why);
	buf_release(&dir);
	return rc;
}

/* The key and its public documents, into the files' data. */
static int
make_key(struct keygen *k, struct diag *d)
{
	struct privkey *priv = NULL;
	struct key *pub = NULL;
	struct buf jwk = BUF_INIT, mb = BUF_INIT, vmid = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct json *j;
	size_t i = 3;
	int rc = -1;

	if (privkey_generate(&priv, k->type, 2048, d) < 0 ||
	    privkey_to_pem(&k->files[0].data, priv, d) < 0 ||
	    privkey_public(&pub, priv, d) < 0)
		goto out;
	pub->alg = k->alg;
	key_thumbprint(k->tp, pub);
	pub->kid = xstrdup(k->tp);
	if (key_to_pem(&k->files[1].data, pub, d) < 0)
		goto out;
	key_to_jwk(&jwk, pub);
	if (json_parse(&j, &a, "jwk", jwk.data, jwk.len, d) < 0)
		goto out;
	put_json(&k->files[2].data, j);
	if (k->type == KEY_ED25519) {
		if (key_to_multikey(&mb, pub, d) < 0)
			goto out;
		buf_printf(&k->did, "did:key:%s", mb.data);
		buf_printf(&vmid, "%s#%s", k->did.data, mb.data);
		keyinstall_did_document(&k->files[i++].data, k->did.data,
		    vmid.data, mb.data);
	}
	if (k->a->id != NULL)
		issue_key_document(&k->files[i++].data, k->a->id, k->a->issuer,
		    k->files[1].data.data);
	rc = 0;
out:
	privkey_free(priv);
	key_free(pub);
	buf_release(&jwk);
	buf_release(&mb);
	buf_release(&vmid);
	arena_release(&a);
	return rc;
}

/*
 * Writes the files, the private key first; on failure removes what was
 * written.  Returns 0 or the exit status after reporting.
 */
static int
write_files(struct keygen *k, struct diag *d)
{
	size_t i;
	int r;

	for (i = 0; i < k->nfiles; i++) {
		r = fs_write_file(k->files[i].path.data, k->files[i].data.data,
		    k->files[i].data.len, k->files[i].mode, 0, d);
		if (r == FS_EXISTS)
			diag_err(d, "%s exists; keygen never overwrites a key "
			    "file", k->files[i].path.data);
		if (r != 0) {
			while (i-- > 0)
				unlink(k->files[i].path.data);
			return r == FS_EXISTS ? EXIT_USAGE : EXIT_IO;
		}
	}
	return 0;
}

/* Says what was written and what to do with it. */
static void
print_written(const struct keygen *k)
{
	size_t i;

	printf("wrote %s: the %s private key (mode 0600)\n",
	    k->files[0].path.data, key_type_name(k->type));
	printf("wrote");
	for (i = 1; i < k->nfiles; i++)
		printf(" %s", k->files[i].path.data);
	printf("\nkid (RFC 7638 thumbprint): %s\n", k->tp);
	if (k->did.len > 0)
		printf("key DID: %s\n", k->did.data);
	next_steps(k->a->out, k->alg, k->tp, k->did.len > 0 ? k->did.data :
	    NULL, k->a->id, k->a->issuer);
}

/* Prints what keygen --install wrote and what to do next. */
static void
print_installed(const struct keyinstall *ki, const char *repo)
{
	const struct keyinstall_file *f = &ki->files[0];
	size_t i;

	printf("wrote %s: the %s private key (mode 0600%s)\n", f->path,
	    ki->key_type, ki->ignored_by_git ? "; .gitignore keeps it out of "
	    "git" : "");
	printf("installed into the site %s, for the issuer %s:\n", ki->dir,
	    ki->issuer);
	for (i = 1; i < ki->nfiles; i++)
		printf("  %-7s  %s\n           %s\n", ki->files[i].created ?
		    "new" : "changed", ki->files[i].path, ki->files[i].what);
	puts("badgegen issue finds the key by itself (no --key-id):");
	if (ki->ob2_id != NULL)
		printf("  --format ob2      %s\n", ki->ob2_id);
	if (ki->jwt_id != NULL)
		printf("  --format ob3-jwt  %s\n", ki->jwt_id);
	if (ki->di_id != NULL)
		printf("  --format ob3-di   %s\n", ki->di_id);
	printf("commit them:\n  git%s%s add", repo != NULL ? " -C " : "",
	    repo != NULL ? repo : "");
	for (i = 1; i < ki->nfiles; i++)
		printf(" %s", ki->files[i].path);
	printf(" && git%s%s commit -m \"Publish the signing key %s\"\n",
	    repo != NULL ? " -C " : "", repo != NULL ? repo : "", ki->name);
	printf("keep %s secret: it is never committed; keep a copy somewhere "
	    "safe\n", f->path);
}

/* keygen --install: the key and its documents in the site. */
static int
install(const struct args *a, struct site *s, struct diag *d)
{
	struct keyinstall ki;
	struct keyinstall_opts o;
	int r, rc = EXIT_USAGE;

	memset(&o, 0, sizeof(o));
	o.alg = sig_alg_from_name(a->alg);
	o.issuer = a->issuer;
	o.out = a->out;
	o.id = a->id;
	if (keyinstall_plan(&ki, s, &o, d) < 0)
		return rc;
	if ((r = keyinstall_write(&ki, d)) != 0)
		rc = r == FS_EXISTS ? EXIT_USAGE : EXIT_IO;
	else {
		print_installed(&ki, a->site.repo);
		rc = 0;
	}
	keyinstall_release(&ki);
	return rc;
}

int
cmd_keygen(const struct args *a, struct site *s, struct diag *d)
{
	struct keygen k;
	size_t i;
	int rc;

	if (a->install)
		return install(a, s, d);
	memset(&k, 0, sizeof(k));
	k.a = a;
	k.did = (struct buf)BUF_INIT;
	k.alg = sig_alg_from_name(a->alg);
	k.type = k.alg == SIG_RS256 ? KEY_RSA : k.alg == SIG_ES256 ?
	    KEY_EC_P256 : KEY_ED25519;
	plan_files(&k);
	if ((rc = check_place(&k, d)) != 0)
		goto out;
	rc = EXIT_IO;
	if (make_key(&k, d) < 0 || (rc = write_files(&k, d)) != 0)
		goto out;
	print_written(&k);
out:
	for (i = 0; i < k.nfiles; i++) {
		if (i == 0 && k.files[i].data.len > 0)
			sodium_memzero(k.files[i].data.data,
			    k.files[i].data.len);
		buf_release(&k.files[i].path);
		buf_release(&k.files[i].data);
	}
	buf_release(&k.did);
	return rc;
}
