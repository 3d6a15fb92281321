/*
 * key.c - public keys: reading and writing their forms (PEM, JWK,
 * Multikey, did:key, verification methods) and checking signatures
 * (see key.h).  The key material and the arithmetic are sig.c's; the
 * DER forms of Ed25519 are fixed prefixes, handled here.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "key.h"

/* The SPKI prefix of an Ed25519 public key (RFC 8410). */
static const unsigned char ed25519_spki[12] = {
	0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
};
static const unsigned char oid_ed25519[] = { 0x06, 0x03, 0x2b, 0x65, 0x70 };
static const unsigned char oid_x25519[] = { 0x06, 0x03, 0x2b, 0x65, 0x6e };
static const unsigned char oid_ed448[] = { 0x06, 0x03, 0x2b, 0x65, 0x71 };

/* Multicodec prefixes (unsigned varints) of Multikey values. */
#define MC_ED25519	0xed
#define MC_P256		0x1200
#define MC_P384		0x1201
#define MC_RSA		0x1205

static const struct {
	const char	*name;
	enum sig_alg	 alg;
} alg_names[] = {
	{ "RS256", SIG_RS256 }, { "RS384", SIG_RS384 }, { "RS512", SIG_RS512 },
	{ "PS256", SIG_PS256 }, { "PS384", SIG_PS384 }, { "PS512", SIG_PS512 },
	{ "ES256", SIG_ES256 }, { "ES384", SIG_ES384 }, { "EdDSA", SIG_EDDSA },
};

const char *
key_type_name(enum key_type t)
{
	switch (t) {
	case KEY_RSA:
		return "RSA";
	case KEY_EC_P256:
		return "P-256";
	case KEY_EC_P384:
		return "P-384";
	case KEY_ED25519:
		return "Ed25519";
	}
	return "unknown";
}

const char *
sig_alg_name(enum sig_alg a)
{
	size_t i;

	for (i = 0; i < sizeof(alg_names) / sizeof(alg_names[0]); i++)
		if (alg_names[i].alg == a)
			return alg_names[i].name;
	return "none";
}

enum sig_alg
sig_alg_from_name(const char *s)
{
	size_t i;

	if (s == NULL)
		return SIG_NONE;
	for (i = 0; i < sizeof(alg_names) / sizeof(alg_names[0]); i++)
		if (strcmp(alg_names[i].name, s) == 0)
			return alg_names[i].alg;
	return SIG_NONE;
}

enum key_type
sig_alg_key_type(enum sig_alg a)
{
	switch (a) {
	case SIG_ES256:
		return KEY_EC_P256;
	case SIG_ES384:
		return KEY_EC_P384;
	case SIG_EDDSA:
		return KEY_ED25519;
	default:
		return KEY_RSA;
	}
}

static struct key *
key_new(enum key_type type)
{
	struct key *k = xcalloc(1, sizeof(*k));

	k->type = type;
	return k;
}

/* Verification method types and the contexts that define them. */
static const struct method_context {
	const char	*type;
	const char	*const ctx[3];
} method_contexts[] = {
	{ "Multikey", { KEY_CONTEXT_DID, KEY_CONTEXT_MULTIKEY, NULL } },
	{ "JsonWebKey", { KEY_CONTEXT_DID, KEY_CONTEXT_JWK, NULL } },
	{ "Ed25519VerificationKey2020", { KEY_CONTEXT_DID,
	    KEY_CONTEXT_ED25519_2020, NULL } },
};

const char *const *
key_controller_contexts(const char *type)
{
	size_t i;

	if (type == NULL)
		type = "Multikey";
	for (i = 0; i < sizeof(method_contexts) / sizeof(method_contexts[0]);
	    i++)
		if (strcmp(type, method_contexts[i].type) == 0)
			return method_contexts[i].ctx;
	return NULL;
}

const char *
key_method_context(const char *type)
{
	const char *const *c = type != NULL ? key_controller_contexts(type) :
	    NULL;

	return c != NULL ? c[1] : NULL;
}

void
key_free(struct key *k)
{
	if (k == NULL)
		return;
	sig_pub_free(k->pub);
	free(k->kid);
	free(k);
}

/* The size of a coordinate of the curve of t. */
static size_t
ec_coord_len(enum key_type t)
{
	return t == KEY_EC_P384 ? 48 : 32;
}

/*
 * Sets k to the Ed25519 key p[0..32), which must be a canonical point of
 * the main subgroup (libsodium would refuse any signature otherwise).
 */
static int
key_set_ed25519(struct key *k, const void *p, const char *name,
    struct diag *d)
{
	if (!sig_ed25519_valid(p))
		return diag_err(d, "%s: invalid Ed25519 public key (not a "
		    "valid curve point)", name);
	k->type = KEY_ED25519;
	memcpy(k->ed25519, p, KEY_ED25519_LEN);
	return 0;
}

const char *
key_rfc8410_alg(const unsigned char *der, size_t n)
{
	size_t i;

	for (i = 0; i + 5 <= n && i < 12; i++) {
		if (memcmp(der + i, oid_ed25519, 5) == 0)
			return "Ed25519";
		if (memcmp(der + i, oid_x25519, 5) == 0)
			return "X25519";
		if (memcmp(der + i, oid_ed448, 5) == 0)
			return "Ed448";
	}
	return NULL;
}

/* Sets k from a SubjectPublicKeyInfo. */
static int
key_from_spki(struct key *k, const unsigned char *der, size_t n,
    const char *name, struct diag *d)
{
	const char *alg;

	if ((alg = key_rfc8410_alg(der, n)) != NULL) {
		if (strcmp(alg, "Ed25519") != 0)
			return diag_err(d, "%s: %s keys are not supported "
			    "(signing keys: RSA, P-256, P-384, Ed25519)", name,
			    alg);
		if (n != sizeof(ed25519_spki) + KEY_ED25519_LEN ||
		    memcmp(der, ed25519_spki, sizeof(ed25519_spki)) != 0)
			return diag_err(d, "%s: malformed Ed25519 public key",
			    name);
		return key_set_ed25519(k, der + sizeof(ed25519_spki), name,
		    d);
	}
	return sig_pub_spki(&k->pub, &k->type, der, n, name, d);
}

int
key_from_pem(struct key **out, const char *pem, size_t len, const char *name,
    struct diag *d)
{
	struct buf der = BUF_INIT;
	struct key *k = NULL;
	char label[48];
	int rc = -1;

	*out = NULL;
	if (sig_init(name, d) < 0 ||
	    pem_read(&der, label, sizeof(label), pem, len, name, d) < 0)
		goto out;
	k = key_new(KEY_RSA);
	if (strcmp(label, "PUBLIC KEY") == 0)
		rc = key_from_spki(k, (unsigned char *)der.data, der.len, name,
		    d);
	else if (strcmp(label, "RSA PUBLIC KEY") == 0)
		rc = sig_pub_pkcs1(&k->pub, (unsigned char *)der.data, der.len,
		    name, d);
	else if (strstr(label, "PRIVATE KEY") != NULL)
		rc = diag_err(d, "%s: a private key where a public key is "
		    "expected (publish only the public key)", name);
	else if (strcmp(label, "CERTIFICATE") == 0)
		rc = diag_err(d, "%s: a certificate where a public key is "
		    "expected", name);
	else
		rc = diag_err(d, "%s: unsupported PEM block \"%s\" (expected "
		    "\"PUBLIC KEY\" or \"RSA PUBLIC KEY\")", name, label);
out:
	if (der.cap != 0)
		sig_wipe(der.data, der.cap);
	buf_release(&der);
	if (rc == 0) {
		*out = k;
		k = NULL;
	}
	key_free(k);
	return rc;
}

/* Decodes the base64url string member m of a JWK into b. */
static int
jwk_bytes(struct buf *b, const struct json *jwk, const char *m,
    const char *name, struct diag *d)
{
	const struct json *v = json_get(jwk, m);
	struct buf what = BUF_INIT;
	int rc;

	if (v == NULL)
		return diag_err(d, "%s: JWK: missing \"%s\"", name, m);
	if (v->type != JSON_STRING)
		return diag_err(d, "%s: JWK: \"%s\": expected string, found %s",
		    name, m, json_type_name(v->type));
	buf_printf(&what, "%s: JWK \"%s\"", name, m);
	rc = b64url_decode(b, v->str, v->len, what.data, d);
	buf_release(&what);
	return rc;
}

/* Checks the members of a JWK that do not carry key material. */
static int
jwk_check(struct key *k, const struct json *jwk, const char *name,
    struct diag *d)
{
	static const char *const private[] = {
		"d", "p", "q", "dp", "dq", "qi", "oth", "k"
	};
	const struct json *v, *e;
	size_t i;

	for (i = 0; i < sizeof(private) / sizeof(private[0]); i++)
		if (json_get(jwk, private[i]) != NULL)
			return diag_err(d, "%s: JWK holds private key material "
			    "(\"%s\"): refusing it; publish only the public "
			    "key", name, private[i]);
	if ((v = json_get(jwk, "use")) != NULL && !json_str_eq(v, "sig"))
		return diag_err(d, "%s: JWK: \"use\" is not \"sig\": not a "
		    "signature key", name);
	if ((v = json_get(jwk, "key_ops")) != NULL) {
		if (v->type != JSON_ARRAY)
			return diag_err(d, "%s: JWK: \"key_ops\": expected "
			    "array", name);
		for (e = v->child; e != NULL; e = e->next)
			if (json_str_eq(e, "verify"))
				break;
		if (e == NULL)
			return diag_err(d, "%s: JWK: \"key_ops\" does not "
			    "allow \"verify\"", name);
	}
	if ((v = json_get(jwk, "kid")) != NULL) {
		if (v->type != JSON_STRING)
			return diag_err(d, "%s: JWK: \"kid\": expected string",
			    name);
		k->kid = xstrdup(v->str);
	}
	if ((v = json_get(jwk, "alg")) != NULL) {
		if (v->type != JSON_STRING)
			return diag_err(d, "%s: JWK: \"alg\": expected string",
			    name);
		if ((k->alg = sig_alg_from_name(v->str)) == SIG_NONE)
			return diag_err(d, "%s: JWK: unsupported \"alg\" "
			    "\"%.40s\"", name, v->str);
	}
	return 0;
}

int
key_from_jwk(struct key **out, const struct json *jwk, const char *name,
    struct diag *d)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct key *k = NULL;
	const char *kty, *crv;
	enum key_type t;
	size_t n;
	int rc = -1;

	*out = NULL;
	if (sig_init(name, d) < 0)
		return -1;
	if (jwk == NULL || jwk->type != JSON_OBJECT)
		return diag_err(d, "%s: JWK: expected an object", name);
	if ((kty = json_get_str(jwk, "kty")) == NULL)
		return diag_err(d, "%s: JWK: missing \"kty\"", name);
	k = key_new(KEY_RSA);
	if (strcmp(kty, "oct") == 0) {
		diag_err(d, "%s: JWK: symmetric (\"oct\") keys are refused",
		    name);
		goto out;
	}
	if (jwk_check(k, jwk, name, d) < 0)
		goto out;
	if (strcmp(kty, "RSA") == 0) {
		if (jwk_bytes(&a, jwk, "n", name, d) < 0 ||
		    jwk_bytes(&b, jwk, "e", name, d) < 0)
			goto out;
		if (b.len > 32) {
			diag_err(d, "%s: JWK: RSA exponent too large", name);
			goto out;
		}
		k->type = KEY_RSA;
		rc = sig_pub_rsa(&k->pub, (unsigned char *)a.data, a.len,
		    (unsigned char *)b.data, b.len, name, d);
	} else if (strcmp(kty, "EC") == 0) {
		if ((crv = json_get_str(jwk, "crv")) == NULL) {
			diag_err(d, "%s: JWK: missing \"crv\"", name);
			goto out;
		}
		if (strcmp(crv, "P-256") == 0)
			t = KEY_EC_P256;
		else if (strcmp(crv, "P-384") == 0)
			t = KEY_EC_P384;
		else {
			diag_err(d, "%s: JWK: unsupported curve \"%.20s\" "
			    "(P-256, P-384)", name, crv);
			goto out;
		}
		n = ec_coord_len(t);
		buf_putc(&a, 0x04);
		if (jwk_bytes(&a, jwk, "x", name, d) < 0 ||
		    jwk_bytes(&b, jwk, "y", name, d) < 0)
			goto out;
		if (a.len != n + 1 || b.len != n) {
			diag_err(d, "%s: JWK: %s coordinates must be %zu bytes",
			    name, crv, n);
			goto out;
		}
		buf_put(&a, b.data, b.len);
		k->type = t;
		rc = sig_pub_ec(&k->pub, t, (unsigned char *)a.data, a.len,
		    name, d);
	} else if (strcmp(kty, "OKP") == 0) {
		if ((crv = json_get_str(jwk, "crv")) == NULL) {
			diag_err(d, "%s: JWK: missing \"crv\"", name);
			goto out;
		}
		if (strcmp(crv, "Ed25519") != 0) {
			diag_err(d, "%s: JWK: unsupported OKP curve \"%.20s\" "
			    "(Ed25519)", name, crv);
			goto out;
		}
		if (jwk_bytes(&a, jwk, "x", name, d) < 0)
			goto out;
		if (a.len != KEY_ED25519_LEN) {
			diag_err(d, "%s: JWK: Ed25519 \"x\" must be 32 bytes",
			    name);
			goto out;
		}
		rc = key_set_ed25519(k, a.data, name, d);
	} else
		diag_err(d, "%s: JWK: unsupported \"kty\" \"%.20s\" (RSA, EC, "
		    "OKP)", name, kty);
	if (rc == 0 && k->alg != SIG_NONE &&
	    sig_alg_key_type(k->alg) != k->type)
		rc = diag_err(d, "%s: JWK: \"alg\" %s does not fit the %s key",
		    name, sig_alg_name(k->alg), key_type_name(k->type));
out:
	buf_release(&a);
	buf_release(&b);
	if (rc == 0) {
		*out = k;
		k = NULL;
	}
	key_free(k);
	return rc;
}

int
key_from_jwks(struct key **out, const struct json *jwks, const char *kid,
    const char *name, struct diag *d)
{
	const struct json *keys, *e, *found = NULL, *f;
	struct buf where = BUF_INIT;
	const char *id;
	size_t i;
	int rc;

	*out = NULL;
	if (jwks == NULL || jwks->type != JSON_OBJECT ||
	    (keys = json_get(jwks, "keys")) == NULL ||
	    keys->type != JSON_ARRAY)
		return diag_err(d, "%s: JWK set: expected an object with a "
		    "\"keys\" array", name);
	if (keys->len > KEY_JWKS_MAX)
		return diag_err(d, "%s: JWK set holds %zu keys (limit %d)",
		    name, (size_t)keys->len, KEY_JWKS_MAX);
	for (e = keys->child; e != NULL; e = e->next) {
		id = json_get_str(e, "kid");
		if (id != NULL)
			for (f = e->next; f != NULL; f = f->next)
				if (json_str_eq(json_get(f, "kid"), id))
					return diag_err(d, "%s: JWK set: "
					    "duplicate kid \"%.80s\"", name,
					    id);
		if (kid == NULL || (id != NULL && strcmp(id, kid) == 0))
			found = found == NULL ? e : found;
	}
	if (kid == NULL && keys->len != 1)
		return diag_err(d, "%s: JWK set holds %zu keys and no kid "
		    "selects one", name, (size_t)keys->len);
	if (found == NULL)
		return diag_err(d, "%s: JWK set has no key with kid \"%.80s\"",
		    name, kid);
	for (i = 0, e = keys->child; e != found; e = e->next)
		i++;
	buf_printf(&where, "%s: keys[%zu]", name, i);
	rc = key_from_jwk(out, found, where.data, d);
	buf_release(&where);
	return rc;
}

/* Reads an unsigned varint (at most 3 bytes) from *p; -1 if malformed. */
static long
varint(const unsigned char **p, const unsigned char *end)
{
	unsigned long v = 0;
	int i;

	for (i = 0; i < 3 && *p < end; i++) {
		v |= (unsigned long)(**p & 0x7f) << (7 * i);
		if ((*(*p)++ & 0x80) == 0)
			return (long)v;
	}
	return -1;
}

int
key_from_multikey(struct key **out, const char *mb, size_t len,
    const char *name, struct diag *d)
{
	struct buf raw = BUF_INIT;
	struct key *k = NULL;
	unsigned char pt[1 + 2 * 48];
	const unsigned char *p, *end;
	enum key_type t;
	long codec;
	int rc = -1;

	*out = NULL;
	if (sig_init(name, d) < 0 ||
	    multibase_decode(&raw, mb, len, name, d) < 0)
		goto out;
	p = (const unsigned char *)raw.data;
	end = p + raw.len;
	codec = varint(&p, end);
	k = key_new(KEY_RSA);
	switch (codec) {
	case MC_ED25519:
		if (end - p != KEY_ED25519_LEN) {
			diag_err(d, "%s: Ed25519 Multikey holds %zu bytes, not "
			    "32", name, (size_t)(end - p));
			goto out;
		}
		rc = key_set_ed25519(k, p, name, d);
		break;
	case MC_P256:
	case MC_P384:
		t = codec == MC_P256 ? KEY_EC_P256 : KEY_EC_P384;
		if (sig_ec_decompress(pt, t, p, (size_t)(end - p), name, d) <
		    0)
			goto out;
		k->type = t;
		rc = sig_pub_ec(&k->pub, t, pt, 1 + 2 * ec_coord_len(t), name,
		    d);
		break;
	case MC_RSA:
		rc = sig_pub_pkcs1(&k->pub, p, (size_t)(end - p), name, d);
		break;
	default:
		if (codec < 0)
			diag_err(d, "%s: Multikey: malformed multicodec prefix",
			    name);
		else
			diag_err(d, "%s: Multikey: unsupported multicodec "
			    "0x%lx (Ed25519 0xed, P-256 0x1200, P-384 0x1201, "
			    "RSA 0x1205)", name, (unsigned long)codec);
	}
out:
	buf_release(&raw);
	if (rc == 0) {
		*out = k;
		k = NULL;
	}
	key_free(k);
	return rc;
}

int
key_from_did_key(struct key **out, const char *did, const char *name,
    struct diag *d)
{
	const char *mb, *hash;
	size_t len;

	*out = NULL;
	if (strncmp(did, "did:key:", 8) != 0)
		return diag_err(d, "%s: \"%.80s\" is not a did:key", name, did);
	mb = did + 8;
	hash = strchr(mb, '#');
	len = hash != NULL ? (size_t)(hash - mb) : strlen(mb);
	if (hash != NULL && (strlen(hash + 1) != len ||
	    memcmp(hash + 1, mb, len) != 0))
		return diag_err(d, "%s: did:key fragment does not repeat the "
		    "key (\"%.80s\")", name, did);
	if (len == 0 || mb[0] != 'z')
		return diag_err(d, "%s: did:key must hold a base58btc "
		    "('z') Multikey", name);
	return key_from_multikey(out, mb, len, name, d);
}

int
key_from_method(struct key **out, const struct json *vm, const char *name,
    struct diag *d)
{
	static const char *const members[] = {
		"publicKeyMultibase", "publicKeyJwk", "publicKeyPem",
		"publicKeyBase58"
	};
	static const char *const private[] = {
		"privateKeyMultibase", "privateKeyJwk", "privateKeyPem",
		"privateKeyBase58"
	};
	struct buf where = BUF_INIT, raw = BUF_INIT;
	const struct json *v = NULL, *m;
	const char *which = NULL, *type;
	unsigned char pt[1 + 2 * 32];
	struct key *k;
	size_t i;
	int rc = -1;

	*out = NULL;
	if (sig_init(name, d) < 0)
		return -1;
	if (vm == NULL || vm->type != JSON_OBJECT)
		return diag_err(d, "%s: verification method: expected an "
		    "object", name);
	for (i = 0; i < sizeof(private) / sizeof(private[0]); i++)
		if (json_get(vm, private[i]) != NULL)
			return diag_err(d, "%s: verification method holds "
			    "private key material (\"%s\"): refusing it",
			    name, private[i]);
	for (i = 0; i < sizeof(members) / sizeof(members[0]); i++)
		if ((m = json_get(vm, members[i])) != NULL) {
			if (v != NULL)
				return diag_err(d, "%s: verification method "
				    "has both \"%s\" and \"%s\"", name, which,
				    members[i]);
			v = m;
			which = members[i];
		}
	if (v == NULL)
		return diag_err(d, "%s: verification method has no public key "
		    "(publicKeyMultibase, publicKeyJwk, publicKeyPem)", name);
	buf_printf(&where, "%s: %s", name, which);
	if (strcmp(which, "publicKeyJwk") == 0) {
		rc = key_from_jwk(out, v, where.data, d);
		goto out;
	}
	if (v->type != JSON_STRING) {
		diag_err(d, "%s: expected string, found %s", where.data,
		    json_type_name(v->type));
		goto out;
	}
	if (strcmp(which, "publicKeyMultibase") == 0)
		rc = key_from_multikey(out, v->str, v->len, where.data, d);
	else if (strcmp(which, "publicKeyPem") == 0)
		rc = key_from_pem(out, v->str, v->len, where.data, d);
	else {
		/*
		 * Raw keys in base58btc: Ed25519VerificationKey2018 (32
		 * bytes), P256Key2021 (a compressed point).
		 */
		type = json_get_str(vm, "type");
		if (b58_decode(&raw, v->str, v->len, where.data, d) < 0)
			goto out;
		if (type != NULL && strcmp(type, "P256Key2021") == 0) {
			if (sig_ec_decompress(pt, KEY_EC_P256,
			    (unsigned char *)raw.data, raw.len, where.data, d)
			    < 0)
				goto out;
			k = key_new(KEY_EC_P256);
			if (sig_pub_ec(&k->pub, KEY_EC_P256, pt, sizeof(pt),
			    where.data, d) < 0) {
				key_free(k);
				goto out;
			}
		} else if (type == NULL ||
		    strcmp(type, "Ed25519VerificationKey2018") == 0) {
			if (raw.len != KEY_ED25519_LEN) {
				diag_err(d, "%s: expected a 32-byte Ed25519 "
				    "key", where.data);
				goto out;
			}
			k = key_new(KEY_ED25519);
			if (key_set_ed25519(k, raw.data, where.data, d) < 0) {
				key_free(k);
				goto out;
			}
		} else {
			diag_err(d, "%s: unsupported key type \"%.40s\" for "
			    "publicKeyBase58", where.data, type);
			goto out;
		}
		*out = k;
		rc = 0;
	}
out:
	buf_release(&where);
	buf_release(&raw);
	return rc;
}

int
key_from_numbers(struct key **out, enum key_type t, const unsigned char *a,
    size_t alen, const unsigned char *b, size_t blen, const char *name,
    struct diag *d)
{
	struct key *k = key_new(t);
	int rc;

	*out = NULL;
	if (t == KEY_ED25519)
		rc = alen == KEY_ED25519_LEN ? key_set_ed25519(k, a, name, d) :
		    diag_err(d, "%s: expected a 32-byte Ed25519 key", name);
	else if (t == KEY_RSA)
		rc = sig_pub_rsa(&k->pub, a, alen, b, blen, name, d);
	else
		rc = sig_pub_ec(&k->pub, t, a, alen, name, d);
	if (rc == 0)
		*out = k;
	else
		key_free(k);
	return rc;
}

bool
key_equal(const struct key *a, const struct key *b)
{
	if (a == NULL || b == NULL || a->type != b->type)
		return false;
	if (a->type == KEY_ED25519)
		return memcmp(a->ed25519, b->ed25519, KEY_ED25519_LEN) == 0;
	return sig_pub_equal(a->pub, b->pub);
}

bool
key_alg_fits(const struct key *k, enum sig_alg alg)
{
	if (alg == SIG_NONE || sig_alg_key_type(alg) != k->type)
		return false;
	return k->alg == SIG_NONE || k->alg == alg;
}

size_t
key_bits(const struct key *k)
{
	return k->type == KEY_ED25519 ? 256 : sig_pub_bits(k->pub);
}

/* Appends "name":"<base64url of n bytes at p>". */
static void
jwk_bytes_member(struct buf *out, const char *name, const void *p, size_t n)
{
	buf_printf(out, "\"%s\":\"", name);
	b64url_encode(out, p, n);
	buf_putc(out, '"');
}

/* Appends the RFC 7638 members (in its order) of k as a JSON object body. */
static void
jwk_members(struct buf *out, const struct key *k)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	switch (k->type) {
	case KEY_RSA:
		sig_pub_numbers(k->pub, &a, &b);
		jwk_bytes_member(out, "e", b.data, b.len);
		BUF_PUTSL(out, ",\"kty\":\"RSA\",");
		jwk_bytes_member(out, "n", a.data, a.len);
		break;
	case KEY_EC_P256:
	case KEY_EC_P384:
		sig_pub_numbers(k->pub, &a, &b);
		buf_printf(out, "\"crv\":\"%s\",\"kty\":\"EC\",",
		    key_type_name(k->type));
		jwk_bytes_member(out, "x", a.data, a.len);
		buf_putc(out, ',');
		jwk_bytes_member(out, "y", b.data, b.len);
		break;
	case KEY_ED25519:
		BUF_PUTSL(out, "\"crv\":\"Ed25519\",\"kty\":\"OKP\",");
		jwk_bytes_member(out, "x", k->ed25519, KEY_ED25519_LEN);
		break;
	}
	buf_release(&a);
	buf_release(&b);
}

int
key_thumbprint(char out[KEY_THUMBPRINT_LEN + 1], const struct key *k)
{
	struct buf j = BUF_INIT, t = BUF_INIT;
	unsigned char dig[SHA256_LEN];

	buf_putc(&j, '{');
	jwk_members(&j, k);
	buf_putc(&j, '}');
	sha256(dig, j.data, j.len);
	b64url_encode(&t, dig, sizeof(dig));
	memcpy(out, t.data, KEY_THUMBPRINT_LEN);
	out[KEY_THUMBPRINT_LEN] = '\0';
	buf_release(&j);
	buf_release(&t);
	return 0;
}

void
key_to_jwk(struct buf *out, const struct key *k)
{
	buf_putc(out, '{');
	jwk_members(out, k);
	if (k->alg != SIG_NONE)
		buf_printf(out, ",\"alg\":\"%s\"", sig_alg_name(k->alg));
	if (k->kid != NULL) {
		BUF_PUTSL(out, ",\"kid\":");
		json_write_str(out, k->kid, strlen(k->kid), 0);
	}
	buf_putc(out, '}');
}

int
key_to_pem(struct buf *out, const struct key *k, struct diag *d)
{
	struct buf der = BUF_INIT;
	int rc = 0;

	if (k->type == KEY_ED25519) {
		buf_put(&der, ed25519_spki, sizeof(ed25519_spki));
		buf_put(&der, k->ed25519, KEY_ED25519_LEN);
	} else
		rc = sig_pub_der(k->pub, false, &der, d);
	if (rc == 0)
		pem_write(out, "PUBLIC KEY", (unsigned char *)der.data,
		    der.len);
	buf_release(&der);
	return rc;
}

/* Appends the multicodec varint c to b. */
static void
put_varint(struct buf *b, unsigned long c)
{
	while (c >= 0x80) {
		buf_putc(b, (int)(c & 0x7f) | 0x80);
		c >>= 7;
	}
	buf_putc(b, (int)c);
}

int
key_to_multikey(struct buf *out, const struct key *k, struct diag *d)
{
	struct buf raw = BUF_INIT, x = BUF_INIT, y = BUF_INIT;
	int rc = 0;

	switch (k->type) {
	case KEY_ED25519:
		put_varint(&raw, MC_ED25519);
		buf_put(&raw, k->ed25519, KEY_ED25519_LEN);
		break;
	case KEY_EC_P256:
	case KEY_EC_P384:
		/* The compressed point: 02 or 03 (y even or odd) || x. */
		sig_pub_numbers(k->pub, &x, &y);
		put_varint(&raw, k->type == KEY_EC_P256 ? MC_P256 : MC_P384);
		buf_putc(&raw, 0x02 | (y.data[y.len - 1] & 1));
		buf_put(&raw, x.data, x.len);
		break;
	case KEY_RSA:
		put_varint(&raw, MC_RSA);
		rc = sig_pub_der(k->pub, true, &raw, d);
		break;
	}
	if (rc == 0)
		multibase_encode(out, 'z', raw.data, raw.len);
	buf_release(&raw);
	buf_release(&x);
	buf_release(&y);
	return rc;
}

int
key_verify(const struct key *k, enum sig_alg alg, const void *msg,
    size_t len, const unsigned char *sig, size_t siglen, const char *name,
    struct diag *d)
{
	size_t n;
	int rc;

	if (alg == SIG_NONE)
		return diag_err(d, "%s: no signature algorithm", name);
	if (sig_alg_key_type(alg) != k->type)
		return diag_err(d, "%s: algorithm %s does not fit the %s key",
		    name, sig_alg_name(alg), key_type_name(k->type));
	if (k->alg != SIG_NONE && k->alg != alg)
		return diag_err(d, "%s: the key is for %s, not %s", name,
		    sig_alg_name(k->alg), sig_alg_name(alg));
	switch (alg) {
	case SIG_EDDSA:
		if (siglen != 64)
			return diag_err(d, "%s: EdDSA signature is %zu bytes, "
			    "not 64", name, siglen);
		rc = sig_verify_ed25519(k->ed25519, msg, len, sig);
		break;
	case SIG_ES256:
	case SIG_ES384:
		n = ec_coord_len(k->type);
		if (siglen != 2 * n)
			return diag_err(d, "%s: %s signature is %zu bytes, not "
			    "%zu (raw R||S)%s", name, sig_alg_name(alg),
			    siglen, 2 * n, siglen > 2 * n && sig[0] == 0x30 ?
			    ": looks DER-encoded, which JWS does not allow" :
			    "");
		rc = sig_verify(k->pub, alg, msg, len, sig, siglen);
		break;
	default:
		n = (key_bits(k) + 7) / 8;
		if (siglen != n)
			return diag_err(d, "%s: %s signature is %zu bytes, the "
			    "%zu-bit key needs %zu", name, sig_alg_name(alg),
			    siglen, key_bits(k), n);
		rc = sig_verify(k->pub, alg, msg, len, sig, siglen);
		if (rc == -1)
			return diag_err(d, "%s: the RSA key is too small for "
			    "%s", name, sig_alg_name(alg));
		break;
	}
	if (rc == KEY_EBADSIG)
		diag_err(d, "%s: %s signature does not verify with the %s key",
		    name, sig_alg_name(alg), key_type_name(k->type));
	else if (rc == KEY_EUNSUP)
		diag_err(d, "%s: %s signatures cannot be checked here",
		    name, sig_alg_name(alg));
	return rc;
}

int
key_did_web_url(struct buf *out, const char *did)
{
	struct buf b = BUF_INIT;
	const char *p, *s;
	int segs = 0, hi, lo, rc = -1;

	if (strncmp(did, "did:web:", 8) != 0)
		goto out;
	p = did + 8;
	BUF_PUTSL(&b, "https://");
	for (;;) {
		size_t n = strcspn(p, ":");

		if (n == 0)
			goto out;
		if (segs++ > 0)
			buf_putc(&b, '/');
		for (s = p; s < p + n; s++) {
			if (*s == '%' && s + 2 < p + n &&
			    isxdigit((unsigned char)s[1]) &&
			    isxdigit((unsigned char)s[2])) {
				hi = isdigit((unsigned char)s[1]) ? s[1] - '0' :
				    (tolower((unsigned char)s[1]) - 'a' + 10);
				lo = isdigit((unsigned char)s[2]) ? s[2] - '0' :
				    (tolower((unsigned char)s[2]) - 'a' + 10);
				buf_putc(&b, hi << 4 | lo);
				s += 2;
			} else if (*s == '/' || *s == '?' || *s == '#' ||
			    (unsigned char)*s <= ' ')
				goto out;
			else
				buf_putc(&b, *s);
		}
		p += n;
		if (*p == '\0')
			break;
		p++;
	}
	buf_puts(&b, segs == 1 ? "/.well-known/did.json" : "/did.json");
	buf_put(out, b.data, b.len);
	rc = 0;
out:
	buf_release(&b);
	return rc;
}
