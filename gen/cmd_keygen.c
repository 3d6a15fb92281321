/*
 * cmd_keygen.c - badgegen keygen: a signing key and the public documents
 * a site publishes for it.
 */
#include <errno.h>
#include <getopt.h>
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

static const char keygen_help[] =
"Creates a signing key for badgegen issue and the public documents a site\n"
"publishes for it.  No file is ever overwritten.\n"
"\n"
"    <prefix>.pem        the private key (PKCS#8, mode 0600); refused under\n"
"                        a site's content/ or output directory\n"
"    <prefix>.pub.pem    the public key (SPKI PEM)\n"
"    <prefix>.jwk.json   the public JWK; \"kid\" is its RFC 7638 thumbprint\n"
"    <prefix>.did.json   EdDSA: the DID document of the key's did:key\n"
"    <prefix>.key.json   with --id and --issuer: the OB 2.0 CryptographicKey\n"
"\n"
"    --alg <alg>     RS256 (RSA-2048), ES256 (P-256) or EdDSA (Ed25519)\n"
"    --out <prefix>  the files' path without extension, e.g. ~/keys/issuer\n"
"    --id <url>      the URL the site publishes the CryptographicKey at\n"
"    --issuer <id>   the id of the issuer profile that owns the key\n"
"\n"
"Exit status: 0 written, 2 usage error, an existing file or a refused\n"
"place, 3 I/O error.\n";

#define MAX_FILES 5

struct outfile {
	const char	*ext;
	struct buf	 path;
	struct buf	 data;
	int		 mode;
	bool		 written;
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

/* The DID document of a did:key (did-method-key, Multikey). */
static void
did_document(struct buf *out, const char *mb)
{
	static const char *const rels[] = { "authentication",
	    "assertionMethod", "capabilityInvocation", "capabilityDelegation" };
	struct arena a = ARENA_INIT;
	struct json *doc, *ctx, *vms, *vm, *arr;
	char *did = arena_printf(&a, "did:key:%s", mb);
	char *vmid = arena_printf(&a, "%s#%s", did, mb);
	size_t i;

	doc = json_new(&a, JSON_OBJECT);
	ctx = json_add_arr(&a, doc, "@context");
	json_add(&a, ctx, NULL, json_new_str(&a, "https://www.w3.org/ns/did/v1"));
	json_add(&a, ctx, NULL, json_new_str(&a,
	    "https://w3id.org/security/multikey/v1"));
	json_add_str(&a, doc, "id", did);
	vms = json_add_arr(&a, doc, "verificationMethod");
	vm = json_add_obj(&a, vms, NULL);
	json_add_str(&a, vm, "id", vmid);
	json_add_str(&a, vm, "type", "Multikey");
	json_add_str(&a, vm, "controller", did);
	json_add_str(&a, vm, "publicKeyMultibase", mb);
	for (i = 0; i < sizeof(rels) / sizeof(rels[0]); i++) {
		arr = json_add_arr(&a, doc, rels[i]);
		json_add(&a, arr, NULL, json_new_str(&a, vmid));
	}
	put_json(out, doc);
	arena_release(&a);
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

int
cmd_keygen(int argc, char **argv)
{
	enum { O_ALG = 256, O_OUT, O_ID, O_ISSUER, O_HELP };
	static const struct option longopts[] = {
		{ "alg", required_argument, NULL, O_ALG },
		{ "out", required_argument, NULL, O_OUT },
		{ "id", required_argument, NULL, O_ID },
		{ "issuer", required_argument, NULL, O_ISSUER },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 }
	};
	struct diag d = DIAG_INIT;
	struct outfile files[MAX_FILES];
	struct privkey *priv = NULL;
	struct key *pub = NULL;
	struct buf why = BUF_INIT, tmp = BUF_INIT, mb = BUF_INIT;
	struct buf did = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct json *jwk;
	const char *alg_s = NULL, *prefix = NULL, *id = NULL, *issuer = NULL;
	enum sig_alg alg;
	enum key_type type;
	char tp[KEY_THUMBPRINT_LEN + 1];
	size_t nfiles = 0, i;
	int c, r, rc = EXIT_USAGE;

	memset(files, 0, sizeof(files));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case O_ALG: alg_s = optarg; break;
		case O_OUT: prefix = optarg; break;
		case O_ID: id = optarg; break;
		case O_ISSUER: issuer = optarg; break;
		case 'h':
		case O_HELP:
			return cmd_usage(KEYGEN_USAGE, keygen_help, true);
		default:
			fprintf(stderr, "badgegen: unknown option or missing "
			    "value: %s\n", argv[optind - 1]);
			return cmd_usage(KEYGEN_USAGE, NULL, false);
		}
	}
	if (optind < argc) {
		fprintf(stderr, "badgegen: unexpected argument: %s\n",
		    argv[optind]);
		return cmd_usage(KEYGEN_USAGE, NULL, false);
	}
	if (alg_s == NULL || prefix == NULL) {
		fprintf(stderr, "badgegen: keygen needs --alg and --out\n");
		return cmd_usage(KEYGEN_USAGE, NULL, false);
	}
	alg = sig_alg_from_name(alg_s);
	if (alg == SIG_RS256)
		type = KEY_RSA;
	else if (alg == SIG_ES256)
		type = KEY_EC_P256;
	else if (alg == SIG_EDDSA)
		type = KEY_ED25519;
	else {
		fprintf(stderr, "badgegen: --alg %s: expected RS256, ES256 or "
		    "EdDSA\n", alg_s);
		return cmd_usage(KEYGEN_USAGE, NULL, false);
	}
	if ((id == NULL) != (issuer == NULL)) {
		fprintf(stderr, "badgegen: --id and --issuer go together: the "
		    "CryptographicKey document needs both\n");
		return cmd_usage(KEYGEN_USAGE, NULL, false);
	}
	if (id != NULL && !url_ok(id)) {
		diag_err(&d, "--id %s: expected the https URL the site "
		    "publishes the key document at", id);
		return EXIT_USAGE;
	}
	if (issuer != NULL && !url_ok(issuer)) {
		diag_err(&d, "--issuer %s: expected the issuer profile's id, "
		    "an https URL", issuer);
		return EXIT_USAGE;
	}
	if (prefix[0] == '\0' || prefix[strlen(prefix) - 1] == '/') {
		diag_err(&d, "--out %s: expected a path without extension, "
		    "such as keys/issuer, not a directory", prefix);
		return EXIT_USAGE;
	}

	/* Where: never under content/ or the output of a site. */
	files[nfiles++].ext = ".pem";
	files[nfiles++].ext = ".pub.pem";
	files[nfiles++].ext = ".jwk.json";
	if (type == KEY_ED25519)
		files[nfiles++].ext = ".did.json";
	if (id != NULL)
		files[nfiles++].ext = ".key.json";
	for (i = 0; i < nfiles; i++) {
		files[i].path = (struct buf)BUF_INIT;
		files[i].data = (struct buf)BUF_INIT;
		files[i].mode = i == 0 ? 0600 : 0644;
		buf_printf(&files[i].path, "%s%s", prefix, files[i].ext);
	}
	r = issue_key_place(&why, files[0].path.data, &d);
	if (r < 0)
		goto out;
	if (r == ISSUE_PLACE_PUBLISHED) {
		diag_err(&d, "refusing to write a private key there: %s",
		    why.data);
		goto out;
	}
	if (r == ISSUE_PLACE_GIT)
		diag_warn(&d, "%s", why.data);
	buf_reset(&tmp);
	buf_put(&tmp, prefix, (size_t)(strrchr(prefix, '/') != NULL ?
	    strrchr(prefix, '/') - prefix + 1 : 0));
	if (tmp.len == 0)
		BUF_PUTSL(&tmp, ".");
	if (access(tmp.data, W_OK) < 0) {
		diag_err(&d, "--out %s: cannot write into the directory %s: "
		    "%s", prefix, tmp.data, strerror(errno));
		goto out;
	}
	buf_reset(&tmp);
	for (i = 0; i < nfiles; i++)
		if (access(files[i].path.data, F_OK) == 0) {
			diag_err(&d, "%s exists; keygen never overwrites a key "
			    "file (choose another --out)", files[i].path.data);
			goto out;
		}

	/* The key and its documents. */
	rc = EXIT_IO;
	if (privkey_generate(&priv, type, 2048, &d) < 0 ||
	    privkey_to_pem(&files[0].data, priv, &d) < 0 ||
	    privkey_public(&pub, priv, &d) < 0)
		goto out;
	pub->alg = alg;
	key_thumbprint(tp, pub);
	pub->kid = xstrdup(tp);
	if (key_to_pem(&files[1].data, pub, &d) < 0)
		goto out;
	key_to_jwk(&tmp, pub);
	if (json_parse(&jwk, &a, "jwk", tmp.data, tmp.len, &d) < 0)
		goto out;
	put_json(&files[2].data, jwk);
	i = 3;
	if (type == KEY_ED25519) {
		if (key_to_multikey(&mb, pub, &d) < 0)
			goto out;
		buf_printf(&did, "did:key:%s", mb.data);
		did_document(&files[i++].data, mb.data);
	}
	if (id != NULL)
		issue_key_document(&files[i++].data, id, issuer,
		    files[1].data.data);

	/* Write, private key first; on failure remove what was written. */
	for (i = 0; i < nfiles; i++) {
		r = fs_write_file(files[i].path.data, files[i].data.data,
		    files[i].data.len, files[i].mode, 0, &d);
		if (r == FS_EXISTS)
			diag_err(&d, "%s exists; keygen never overwrites a key "
			    "file", files[i].path.data);
		if (r != 0) {
			while (i-- > 0)
				unlink(files[i].path.data);
			rc = r == FS_EXISTS ? EXIT_USAGE : EXIT_IO;
			goto out;
		}
	}
	printf("wrote %s: the %s private key (mode 0600)\n",
	    files[0].path.data, key_type_name(type));
	printf("wrote");
	for (i = 1; i < nfiles; i++)
		printf(" %s", files[i].path.data);
	printf("\nkid (RFC 7638 thumbprint): %s\n", tp);
	if (did.len > 0)
		printf("key DID: %s\n", did.data);
	next_steps(prefix, alg, tp, did.len > 0 ? did.data : NULL, id,
	    issuer);
	rc = 0;
out:
	for (i = 0; i < nfiles; i++) {
		if (i == 0 && files[i].data.len > 0)
			sodium_memzero(files[i].data.data, files[i].data.len);
		buf_release(&files[i].path);
		buf_release(&files[i].data);
	}
	privkey_free(priv);
	key_free(pub);
	buf_release(&why);
	buf_release(&tmp);
	buf_release(&mb);
	buf_release(&did);
	arena_release(&a);
	return rc;
}
