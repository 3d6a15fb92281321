/*
 * statuslist.c - Bitstring Status List v1.0 revocation lists of a site:
 * their place, their entries in awards, their bits (see statuslist.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "b64.h"
#include "inflate.h"
#include "statuslist.h"

#define CTX_VC2		"https://www.w3.org/ns/credentials/v2"

void
statuslist_place(struct buf *url, struct buf *file, const char *base_url,
    const struct issuer *is, bool jwt)
{
	const char *f = is->doc != NULL ? is->doc->file : NULL;
	const char *s, *e;
	size_t n;

	if (f != NULL) {
		s = strrchr(f, '/') != NULL ? strrchr(f, '/') + 1 : f;
		e = strrchr(s, '.');
		n = e != NULL && e != s ? (size_t)(e - s) : strlen(s);
	} else {
		s = "issuer";
		n = 6;
	}
	buf_printf(url, "%sstatus/%.*s-%s", base_url, (int)n, s,
	    jwt ? "jwt.jwt" : "di.json");
	buf_printf(file, "%s%.*s-%s", STATUSLIST_DIR, (int)n, s,
	    jwt ? "jwt.jwt" : "di.json");
}

/* A decimal index below STATUSLIST_SIZE, as a string or a number. */
static bool
read_index(const struct json *v, uint32_t *out)
{
	unsigned long n = 0;
	const char *p;

	if (v == NULL)
		return false;
	if (v->type == JSON_NUMBER) {
		if (v->num < 0 || v->num >= STATUSLIST_SIZE ||
		    v->num != (double)(uint32_t)v->num)
			return false;
		*out = (uint32_t)v->num;
		return true;
	}
	if (v->type != JSON_STRING || v->len == 0 || v->len > 7)
		return false;
	for (p = v->str; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p))
			return false;
		n = n * 10 + (unsigned long)(*p - '0');
	}
	if (n >= STATUSLIST_SIZE)
		return false;
	*out = (uint32_t)n;
	return true;
}

bool
statuslist_entry(const struct json *cred, const char **url,
    uint32_t *index)
{
	const struct json *cs = json_get(cred, "credentialStatus"), *st;

	if (cs == NULL)
		return false;
	for (st = cs->type == JSON_ARRAY ? cs->child : cs; st != NULL;
	    st = cs->type == JSON_ARRAY ? st->next : NULL) {
		if (!json_str_eq(json_get(st, "type"),
		    "BitstringStatusListEntry") ||
		    !json_str_eq(json_get(st, "statusPurpose"), "revocation"))
			continue;
		if ((*url = json_get_str(st, "statusListCredential")) == NULL ||
		    !read_index(json_get(st, "statusListIndex"), index))
			return false;
		return true;
	}
	return false;
}

void
statuslist_add_entry(struct arena *a, struct json *cred, const char *url,
    uint32_t index)
{
	struct json *st = json_add_obj(a, cred, "credentialStatus");
	char n[16];

	snprintf(n, sizeof(n), "%u", (unsigned)index);
	json_add_str(a, st, "id", arena_printf(a, "%s#%s", url, n));
	json_add_str(a, st, "type", "BitstringStatusListEntry");
	json_add_str(a, st, "statusPurpose", "revocation");
	json_add_str(a, st, "statusListIndex", n);
	json_add_str(a, st, "statusListCredential", url);
}

int
statuslist_bits(struct buf *bits, const struct json *list, const char *file,
    struct diag *d)
{
	const struct json *subj = json_get(list, "credentialSubject");
	const char *enc = json_get_str(subj, "encodedList");
	struct buf raw = BUF_INIT;
	size_t start = bits->len;
	int rc = -1;

	if (!json_type_is(list, "BitstringStatusListCredential") ||
	    !json_str_eq(json_get(subj, "statusPurpose"), "revocation") ||
	    enc == NULL) {
		diag_err(d, "%s: not a BitstringStatusListCredential of "
		    "statusPurpose revocation with an encodedList", file);
		goto out;
	}
	if (enc[0] != 'u' || multibase_decode(&raw, enc, strlen(enc),
	    "encodedList", d) < 0) {
		diag_err(d, "%s: encodedList is not multibase base64url "
		    "('u' + base64url)", file);
		goto out;
	}
	if (inflate_bounded(bits, raw.data, raw.len, STATUSLIST_BYTES,
	    INFLATE_GZIP) < 0 || bits->len - start != STATUSLIST_BYTES) {
		diag_err(d, "%s: encodedList is not GZIP data of %u bytes "
		    "(%u entries)", file, STATUSLIST_BYTES, STATUSLIST_SIZE);
		goto out;
	}
	rc = 0;
out:
	buf_release(&raw);
	return rc;
}

/*
 * Appends the GZIP form (zlib level 9, no name, no time: the bytes
 * alone decide it) of the list's bits to out.  Returns 0, or -1.
 */
static int
gzip_bits(struct buf *out, const unsigned char *bits)
{
	z_stream zs;
	uLong bound;

	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	bound = deflateBound(&zs, STATUSLIST_BYTES);
	buf_grow(out, (size_t)bound);
	zs.next_in = (Bytef *)(uintptr_t)bits;
	zs.avail_in = STATUSLIST_BYTES;
	zs.next_out = (Bytef *)out->data + out->len;
	zs.avail_out = (uInt)bound;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&zs);
		return -1;
	}
	out->len += zs.total_out;
	out->data[out->len] = '\0';
	deflateEnd(&zs);
	return 0;
}

struct json *
statuslist_credential(struct arena *a, const char *url, const char *issuer,
    const unsigned char *bits, struct diag *d)
{
	struct buf gz = BUF_INIT, enc = BUF_INIT;
	struct json *vc = NULL, *arr, *subj;

	if (gzip_bits(&gz, bits) < 0) {
		diag_err(d, "%s: zlib cannot compress the status list", url);
		goto out;
	}
	multibase_encode(&enc, 'u', gz.data, gz.len);
	vc = json_new(a, JSON_OBJECT);
	arr = json_add_arr(a, vc, "@context");
	json_add(a, arr, NULL, json_new_str(a, CTX_VC2));
	json_add_str(a, vc, "id", url);
	arr = json_add_arr(a, vc, "type");
	json_add(a, arr, NULL, json_new_str(a, "VerifiableCredential"));
	json_add(a, arr, NULL, json_new_str(a,
	    "BitstringStatusListCredential"));
	json_add_str(a, vc, "issuer", issuer);
	subj = json_add_obj(a, vc, "credentialSubject");
	json_add_str(a, subj, "id", arena_printf(a, "%s#list", url));
	json_add_str(a, subj, "type", "BitstringStatusList");
	json_add_str(a, subj, "statusPurpose", "revocation");
	json_add_str(a, subj, "encodedList", enc.data);
out:
	buf_release(&gz);
	buf_release(&enc);
	return vc;
}

void
statuslist_used(const struct model *m, const char *url, unsigned char *used)
{
	const char *u;
	uint32_t i;
	size_t k;

	for (k = 0; k < m->nawards; k++)
		if (m->awards[k]->json != NULL &&
		    statuslist_entry(m->awards[k]->json, &u, &i) &&
		    strcmp(u, url) == 0)
			used[i / 8] |= (unsigned char)(0x80u >> (i % 8));
}

struct held {
	const char	*url;
	uint32_t	 index;
	const char	*file;
};

static int
cmp_held(const void *a, const void *b)
{
	const struct held *x = a, *y = b;
	int c = strcmp(x->url, y->url);

	if (c != 0)
		return c;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return strcmp(x->file, y->file);
}

unsigned
statuslist_duplicates(const struct model *m, struct diag *d)
{
	struct held *h;
	size_t n = 0, k;
	unsigned dups = 0;

	h = xcalloc(m->nawards + 1, sizeof(*h));
	for (k = 0; k < m->nawards; k++)
		if (m->awards[k]->json != NULL &&
		    statuslist_entry(m->awards[k]->json, &h[n].url,
		    &h[n].index)) {
			h[n].file = m->awards[k]->file;
			n++;
		}
	if (n > 1)
		qsort(h, n, sizeof(*h), cmp_held);
	for (k = 1; k < n; k++)
		if (h[k].index == h[k - 1].index &&
		    strcmp(h[k].url, h[k - 1].url) == 0) {
			diag_err(d, "%s: statusListIndex %u of %s is the "
			    "index of %s too: revoking one would revoke both "
			    "(badgegen reissue gives one of them a new index)",
			    h[k].file, (unsigned)h[k].index, h[k].url,
			    h[k - 1].file);
			dups++;
		}
	free(h);
	return dups;
}
