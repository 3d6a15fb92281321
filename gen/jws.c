/*
 * jws.c - compact JWS parsing, verification and signing (see jws.h).
 */
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "jws.h"

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The longest base64url text that decodes to at most n bytes. */
static size_t
enc_limit(size_t n)
{
	return n / 3 * 4 + (n % 3 ? n % 3 + 1 : 0);
}

/* Checks the header members that decide whether we may go on. */
static int
check_header(struct jws *j, const struct json *h, struct diag *d)
{
	const struct json *v, *e;
	const char *alg;

	if ((v = json_get(h, "alg")) == NULL)
		return diag_err(d, "%s: header: missing \"alg\"", j->name);
	if (v->type != JSON_STRING)
		return diag_err(d, "%s: header: \"alg\": expected string, "
		    "found %s", j->name, json_type_name(v->type));
	alg = v->str;
	if (strcmp(alg, "none") == 0 || strcmp(alg, "None") == 0 ||
	    strcmp(alg, "NONE") == 0)
		return diag_err(d, "%s: header: alg \"%s\" (an unsigned JWS) "
		    "is refused", j->name, alg);
	if (strncmp(alg, "HS", 2) == 0)
		return diag_err(d, "%s: header: alg \"%.20s\" (HMAC with a "
		    "shared secret) is refused: issuers sign with a private "
		    "key", j->name, alg);
	if ((j->alg = sig_alg_from_name(alg)) == SIG_NONE)
		return diag_err(d, "%s: header: unsupported alg \"%.20s\" "
		    "(RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, "
		    "EdDSA)", j->name, alg);
	if ((v = json_get(h, "crit")) != NULL) {
		if (v->type != JSON_ARRAY || v->len == 0)
			return diag_err(d, "%s: header: \"crit\" must be a "
			    "non-empty array", j->name);
		for (e = v->child; e != NULL; e = e->next)
			if (e->type != JSON_STRING)
				return diag_err(d, "%s: header: \"crit\" must "
				    "hold strings", j->name);
		return diag_err(d, "%s: header: \"crit\" names extensions "
		    "this verifier does not implement (\"%.40s\"...): refused",
		    j->name, v->child->str);
	}
	if ((v = json_get(h, "b64")) != NULL) {
		if (v->type == JSON_FALSE)
			return diag_err(d, "%s: header: \"b64\": false "
			    "(unencoded payload, RFC 7797) is refused",
			    j->name);
		if (v->type != JSON_TRUE)
			return diag_err(d, "%s: header: \"b64\": expected "
			    "boolean", j->name);
	}
	if ((v = json_get(h, "kid")) != NULL) {
		if (v->type != JSON_STRING)
			return diag_err(d, "%s: header: \"kid\": expected "
			    "string", j->name);
		j->kid = v->str;
	}
	if ((v = json_get(h, "typ")) != NULL) {
		if (v->type != JSON_STRING)
			return diag_err(d, "%s: header: \"typ\": expected "
			    "string", j->name);
		j->typ = v->str;
	}
	if ((v = json_get(h, "jwk")) != NULL) {
		if (v->type != JSON_OBJECT)
			return diag_err(d, "%s: header: \"jwk\": expected "
			    "object", j->name);
		j->jwk = v;
	}
	return 0;
}

/*
 * Parses into out, allocating in a.  borrow: name and s outlive the
 * result, which points into them instead of copying them, and the
 * decoded header and payload texts are not kept (only their trees).
 */
static int
parse(struct jws *out, struct arena *a, struct json_strtab *tab,
    bool borrow, const char *name, const char *s, size_t len,
    struct diag *d)
{
	struct jws j;
	struct json *h, *p;
	struct buf what = BUF_INIT;
	const char *seg[3], *d1, *d2;
	size_t seglen[3], i, n, dots;
	char *buf, *hbuf = NULL, *pbuf = NULL;
	unsigned char *sig, *sbuf = NULL;
	long got;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&j, 0, sizeof(j));
	if (name == NULL)
		name = "JWS";
	while (len > 0 && is_ws(*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_ws(s[len - 1]))
		len--;
	if (len == 0)
		return diag_err(d, "%s: empty JWS", name);
	d1 = memchr(s, '.', len);
	d2 = d1 != NULL ? memchr(d1 + 1, '.', len - (size_t)(d1 + 1 - s)) :
	    NULL;
	if (d2 != NULL && memchr(d2 + 1, '.', len - (size_t)(d2 + 1 - s)) ==
	    NULL)
		dots = 2;
	else
		for (i = 0, dots = 0; i < len; i++)
			dots += s[i] == '.';
	if (dots == 4)
		return diag_err(d, "%s: a JWE (5 segments): encrypted tokens "
		    "are not supported", name);
	if (dots != 2)
		return diag_err(d, "%s: not a compact JWS: expected 3 segments "
		    "separated by '.', found %zu", name, dots + 1);
	seg[0] = s;
	seglen[0] = (size_t)(d1 - s);
	seg[1] = d1 + 1;
	seglen[1] = (size_t)(d2 - seg[1]);
	seg[2] = d2 + 1;
	seglen[2] = len - (size_t)(seg[2] - s);
	if (seglen[0] == 0)
		return diag_err(d, "%s: header segment is empty", name);
	if (seglen[2] == 0)
		return diag_err(d, "%s: signature segment is empty (an "
		    "unsigned JWS is refused)", name);
	if (seglen[0] > enc_limit(JWS_MAX_SEGMENT) ||
	    seglen[1] > enc_limit(JWS_MAX_SEGMENT))
		return diag_err(d, "%s: %s segment too large (%zu characters; "
		    "limit %u decoded bytes)", name, seglen[0] >
		    enc_limit(JWS_MAX_SEGMENT) ? "header" : "payload",
		    seglen[0] > enc_limit(JWS_MAX_SEGMENT) ? seglen[0] :
		    seglen[1], JWS_MAX_SEGMENT);
	if (seglen[2] > enc_limit(JWS_MAX_SIG))
		return diag_err(d, "%s: signature segment too large (%zu "
		    "characters; limit %u decoded bytes)", name, seglen[2],
		    JWS_MAX_SIG);

	n = seglen[0] + 1 + seglen[1];
	j.name = borrow ? name : arena_strdup(a, name);
	j.input = borrow ? s : arena_strndup(a, s, n);
	j.input_len = n;

	buf_printf(&what, "%s: header", j.name);
	n = b64url_decoded_len(seglen[0]) + 1;
	buf = borrow ? (hbuf = xmalloc(n)) : arena_alloc(a, n);
	if ((got = b64url_decode_to((unsigned char *)buf, seg[0], seglen[0],
	    what.data, d)) < 0)
		goto fail;
	buf[got] = '\0';
	if (json_parse_shared(&h, a, tab, what.data, buf, (size_t)got,
	    d) < 0)
		goto fail;
	if (!borrow) {
		j.header = buf;
		j.header_len = (size_t)got;
	}
	if (h->type != JSON_OBJECT) {
		diag_err(d, "%s: expected a JSON object, found %s", what.data,
		    json_type_name(h->type));
		goto fail;
	}
	j.hdr = h;
	if (check_header(&j, h, d) < 0)
		goto fail;

	buf_reset(&what);
	buf_printf(&what, "%s: payload", j.name);
	n = b64url_decoded_len(seglen[1]) + 1;
	buf = borrow ? (pbuf = xmalloc(n)) : arena_alloc(a, n);
	if ((got = b64url_decode_to((unsigned char *)buf, seg[1], seglen[1],
	    what.data, d)) < 0)
		goto fail;
	buf[got] = '\0';
	if (json_parse_shared(&p, a, tab, what.data, buf, (size_t)got,
	    d) < 0)
		goto fail;
	if (!borrow) {
		j.payload = buf;
		j.payload_len = (size_t)got;
	}
	if (p->type != JSON_OBJECT) {
		diag_err(d, "%s: expected a JSON object, found %s", what.data,
		    json_type_name(p->type));
		goto fail;
	}
	j.body = p;

	buf_reset(&what);
	buf_printf(&what, "%s: signature", j.name);
	n = b64url_decoded_len(seglen[2]) + 1;
	sig = borrow ? (sbuf = xmalloc(n)) : arena_alloc(a, n);
	if ((got = b64url_decode_to(sig, seg[2], seglen[2], what.data,
	    d)) < 0)
		goto fail;
	j.sig = borrow ? NULL : sig;
	j.sig_len = (size_t)got;
	j.sig64 = seg[2];
	j.sig64_len = seglen[2];
	*out = j;
	rc = 0;
fail:
	free(hbuf);
	free(pbuf);
	free(sbuf);
	buf_release(&what);
	return rc;
}

int
jws_parse(struct jws *out, const char *name, const char *s, size_t len,
    struct diag *d)
{
	struct arena a = ARENA_INIT;

	if (parse(out, &a, NULL, false, name, s, len, d) < 0) {
		arena_release(&a);
		return -1;
	}
	out->arena = a;
	return 0;
}

int
jws_parse_in(struct jws *out, struct arena *a, struct json_strtab *tab,
    const char *name, const char *s, size_t len, struct diag *d)
{
	return parse(out, a, tab, true, name, s, len, d);
}

void
jws_keep_payload(struct jws *j, struct arena *a)
{
	const char *seg = memchr(j->input, '.', j->input_len) + 1;
	size_t n = j->input_len - (size_t)(seg - j->input);
	struct diag q = DIAG_INIT;
	char *buf;
	long got;

	if (j->payload != NULL)
		return;
	q.quiet = true;
	buf = arena_alloc(a, b64url_decoded_len(n) + 1);
	/* jws_parse_in decoded the same segment already. */
	got = b64url_decode_to((unsigned char *)buf, seg, n, j->name, &q);
	j->payload = buf;
	j->payload_len = got > 0 ? (size_t)got : 0;
}

void
jws_release(struct jws *j)
{
	if (j == NULL)
		return;
	arena_release(&j->arena);
	memset(j, 0, sizeof(*j));
}

int
jws_verify(const struct jws *j, const struct key *k, struct diag *d)
{
	unsigned char *tmp = NULL;
	const unsigned char *sig = j->sig;
	int rc;

	if (j->alg == SIG_NONE || (sig == NULL && j->sig64 == NULL))
		return diag_err(d, "%s: not a parsed, signed JWS",
		    j->name != NULL ? j->name : "JWS");
	if (sig == NULL) {
		/* jws_parse_in checked the segment; decoded when needed. */
		tmp = xmalloc(b64url_decoded_len(j->sig64_len) + 1);
		if (b64url_decode_to(tmp, j->sig64, j->sig64_len, j->name,
		    d) < 0) {
			free(tmp);
			return -1;
		}
		sig = tmp;
	}
	rc = key_verify(k, j->alg, j->input, j->input_len, sig, j->sig_len,
	    j->name, d);
	free(tmp);
	return rc;
}
