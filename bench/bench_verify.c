/*
 * bench_verify.c - JWS verifications per second, against the bare
 * library calls they are built on.  Not run by make check.
 *
 *	make build/libbadgegen.a
 *	cc -O2 -std=c11 -D_DEFAULT_SOURCE -Igen -o build/bench_verify \
 *	    bench/bench_verify.c build/libbadgegen.a \
 *	    -lmbedtls -lmbedx509 -lmbedcrypto -lsodium -lpthread
 *	build/bench_verify
 *
 * The token is a 3.5 KB compact JWS (a 2.4 KB JSON payload) signed with
 * freshly generated RSA-2048, P-256 and Ed25519 keys.  Each figure is
 * the median of 3 runs of at least 0.5 s.  "bare" is the library call
 * alone on the already split and decoded token, including the SHA-256
 * of the signing input (RS256, ES256) or Ed25519's own SHA-512;
 * "jws_verify" adds only our checks; "parse+verify" adds splitting,
 * base64url decoding and strict JSON parsing of header and payload.
 * "key_from_jwk" is the cost of loading (and preparing) the key once.
 * The last lines run 2 threads on one shared key.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/ecdsa.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <sodium.h>

#include "hash.h"
#include "jws.h"
#include "sig_mbedtls.h"
#include "sign.h"

struct ctx {
	const struct json	*jwk;	/* the key as a JWK */
	const char		*tok;
	size_t			 len;
	struct jws		 j;
	const struct key	*k;
	mbedtls_pk_context	*pk;	/* a pk_context copy of the key */
	unsigned char		 der[80];	/* ES256 signature as DER */
	size_t			 derlen;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs f until 0.5 s have passed; returns microseconds per call. */
static double
run1(int (*f)(struct ctx *), struct ctx *c)
{
	double t0 = now(), t;
	long n = 0, i, batch = 16;

	for (;;) {
		for (i = 0; i < batch; i++)
			if (f(c) != 0) {
				fprintf(stderr, "verification failed\n");
				exit(1);
			}
		n += batch;
		if ((t = now() - t0) >= 0.5)
			return t * 1e6 / (double)n;
		batch *= 2;
	}
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
bench(const char *what, int (*f)(struct ctx *), struct ctx *c)
{
	double r[3];
	int i;

	for (i = 0; i < 3; i++)
		r[i] = run1(f, c);
	qsort(r, 3, sizeof(r[0]), cmpd);
	printf("%-34s %9.1f us  %9.0f /s\n", what, r[1], 1e6 / r[1]);
}

static int
full(struct ctx *c)
{
	struct jws j;
	int rc;

	if (jws_parse(&j, "bench", c->tok, c->len, NULL) < 0)
		return -1;
	rc = jws_verify(&j, c->k, NULL);
	jws_release(&j);
	return rc;
}

static int
load_jwk(struct ctx *c)
{
	struct key *k;

	if (key_from_jwk(&k, c->jwk, "bench", NULL) < 0)
		return -1;
	key_free(k);
	return 0;
}

static int
verify_only(struct ctx *c)
{
	return jws_verify(&c->j, c->k, NULL);
}

static int
bare_rsa(struct ctx *c)
{
	unsigned char h[32];

	sha256(h, c->j.input, c->j.input_len);
	return mbedtls_rsa_pkcs1_verify(mbedtls_pk_rsa(*sig_mbedtls_pk(c->k->pub)), NULL, NULL,
	    MBEDTLS_RSA_PUBLIC, MBEDTLS_MD_SHA256, 32, h, c->j.sig);
}

static int
bare_pk_verify(struct ctx *c)
{
	unsigned char h[32];

	sha256(h, c->j.input, c->j.input_len);
	return mbedtls_pk_verify(c->pk, MBEDTLS_MD_SHA256, h, 32, c->der,
	    c->derlen);
}

static int
bare_ecdsa(struct ctx *c)
{
	mbedtls_ecp_keypair *ec = mbedtls_pk_ec(*sig_mbedtls_pk(c->k->pub));
	unsigned char h[32];
	mbedtls_mpi r, s;
	int rc;

	sha256(h, c->j.input, c->j.input_len);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	mbedtls_mpi_read_binary(&r, c->j.sig, 32);
	mbedtls_mpi_read_binary(&s, c->j.sig + 32, 32);
	rc = mbedtls_ecdsa_verify(&ec->grp, h, 32, &ec->Q, &r, &s);
	mbedtls_mpi_free(&r);
	mbedtls_mpi_free(&s);
	return rc;
}

static int
bare_ed25519(struct ctx *c)
{
	return crypto_sign_verify_detached(c->j.sig,
	    (const unsigned char *)c->j.input, c->j.input_len,
	    c->k->ed25519);
}

struct tharg {
	int		(*f)(struct ctx *);
	struct ctx	*c;
	long		 n;
};

static void *
thread_loop(void *p)
{
	struct tharg *a = p;
	double t0 = now();

	while (now() - t0 < 1.0) {
		if (a->f(a->c) != 0)
			exit(1);
		a->n++;
	}
	return NULL;
}

/* Verifications per second with 2 threads sharing one key. */
static void
bench2(const char *what, int (*f)(struct ctx *), struct ctx *c)
{
	struct tharg a[2] = { { f, c, 0 }, { f, c, 0 } };
	pthread_t t[2];
	int i;

	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, thread_loop, &a[i]);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	printf("%-34s %9s     %9ld /s\n", what, "", a[0].n + a[1].n);
}

/* A signature as DER (for mbedtls_pk_verify). */
static size_t
raw_to_der(unsigned char *out, const unsigned char *sig)
{
	unsigned char *p = out + 2;
	int i, n;

	for (i = 0; i < 2; i++) {
		const unsigned char *x = sig + 32 * i;

		for (n = 32; n > 1 && *x == 0; n--)
			x++;
		*p++ = 0x02;
		if (*x & 0x80) {
			*p++ = (unsigned char)(n + 1);
			*p++ = 0;
		} else
			*p++ = (unsigned char)n;
		memcpy(p, x, (size_t)n);
		p += n;
	}
	out[0] = 0x30;
	out[1] = (unsigned char)(p - out - 2);
	return (size_t)(p - out);
}

int
main(void)
{
	static const enum key_type types[] = { KEY_RSA, KEY_EC_P256,
	    KEY_ED25519 };
	struct buf payload = BUF_INIT, tok = BUF_INIT, der = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct privkey *sk;
	struct key *pk;
	struct ctx c;
	size_t t;
	int i;

	/* A 2.4 KB credential-like payload. */
	buf_puts(&payload, "{\"@context\":[\"https://www.w3.org/ns/"
	    "credentials/v2\",\"https://purl.imsglobal.org/spec/ob/v3p0/"
	    "context-3.0.3.json\"],\"type\":[\"VerifiableCredential\","
	    "\"OpenBadgeCredential\"],\"id\":\"urn:uuid:a63a60be-f4af-491c-87fc"
	    "-2c8fd3007a58\",\"issuer\":{\"id\":\"https://example.edu/issuers/"
	    "565049\",\"type\":[\"Profile\"],\"name\":\"Example University\"},"
	    "\"validFrom\":\"2010-01-01T00:00:00Z\",\"credentialSubject\":{"
	    "\"id\":\"did:example:ebfeb1f712ebc6f1c276e12ec21\",\"type\":["
	    "\"AchievementSubject\"],\"achievement\":{\"id\":\"https://example"
	    ".com/achievements/21st-century-skills/teamwork\",\"type\":["
	    "\"Achievement\"],\"criteria\":{\"narrative\":\"Team members are "
	    "nominated for this badge by their peers and recognized upon "
	    "review by Example Corp management.\"},\"description\":\"This "
	    "badge recognizes the development of the capacity to collaborate "
	    "within a group environment.\",\"name\":\"Teamwork\"}},"
	    "\"evidence\":[");
	for (i = 0; payload.len < 2230; i++)
		buf_printf(&payload, "%s{\"id\":\"https://example.org/evidence/"
		    "%d\",\"type\":[\"Evidence\"],\"name\":\"Item %d\"}",
		    i ? "," : "", i, i);
	buf_puts(&payload, "],\"iss\":\"https://example.edu/issuers/565049\","
	    "\"jti\":\"urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58\","
	    "\"nbf\":1262304000}");

	printf("mbedTLS 2.28 / libsodium %s; payload %zu bytes\n",
	    sodium_version_string(), payload.len);
	for (t = 0; t < 3; t++) {
		memset(&c, 0, sizeof(c));
		if (privkey_generate(&sk, types[t], 2048, NULL) < 0 ||
		    privkey_public(&pk, sk, NULL) < 0)
			return 1;
		buf_reset(&tok);
		if (jws_sign(&tok, NULL, payload.data, payload.len, sk, NULL)
		    < 0)
			return 1;
		c.tok = tok.data;
		c.len = tok.len;
		c.k = pk;
		if (jws_parse(&c.j, "bench", c.tok, c.len, NULL) < 0)
			return 1;
		printf("\n%s, token %zu bytes\n", sig_alg_name(c.j.alg),
		    tok.len);
		switch (types[t]) {
		case KEY_RSA:
			bench("bare mbedtls_rsa_pkcs1_verify", bare_rsa, &c);
			break;
		case KEY_EC_P256:
			/* mbedtls_pk_verify on a pk_context, DER signature. */
			buf_reset(&der);
			if (key_to_pem(&der, pk, NULL) < 0)
				return 1;
			c.pk = malloc(sizeof(*c.pk));
			mbedtls_pk_init(c.pk);
			if (mbedtls_pk_parse_public_key(c.pk,
			    (unsigned char *)der.data, der.len + 1) != 0)
				return 1;
			c.derlen = raw_to_der(c.der, c.j.sig);
			bench("bare mbedtls_pk_verify", bare_pk_verify, &c);
			bench("bare mbedtls_ecdsa_verify", bare_ecdsa, &c);
			break;
		default:
			bench("bare crypto_sign_verify_detached", bare_ed25519,
			    &c);
			break;
		}
		buf_reset(&der);
		key_to_jwk(&der, pk);
		if (json_parse((struct json **)&c.jwk, &a, "jwk", der.data,
		    der.len, NULL) < 0)
			return 1;
		bench("key_from_jwk (load + prepare)", load_jwk, &c);
		bench("jws_verify", verify_only, &c);
		bench("jws_parse + jws_verify", full, &c);
		if (types[t] == KEY_RSA)
			bench2("2 threads, mbedtls_rsa_pkcs1_verify",
			    bare_rsa, &c);
		bench2("2 threads, jws_verify", verify_only, &c);
		bench2("2 threads, jws_parse + jws_verify", full, &c);
		if (c.pk != NULL) {
			mbedtls_pk_free(c.pk);
			free(c.pk);
		}
		jws_release(&c.j);
		key_free(pk);
		privkey_free(sk);
	}
	arena_release(&a);
	buf_release(&payload);
	buf_release(&tok);
	buf_release(&der);
	return 0;
}
