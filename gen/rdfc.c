/*
 * rdfc.c - RDF datasets, N-Quads, and RDFC-1.0 canonicalization.
 *
 * The canonicalization follows https://www.w3.org/TR/rdf-canon/ section
 * 4 step by step; comments cite its step numbers.  Ties the spec leaves
 * to the implementation (the order of blank nodes with equal hashes, the
 * order permutations are visited in) are broken as the reference
 * implementation, rdf-canonize, breaks them, so that the issued
 * identifiers match the test suite's maps too.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "json.h"
#include "rdfc.h"
#include "sig.h"
#include "utf8.h"

void
rdf_add(struct rdf_dataset *ds, const struct rdf_quad *q)
{
	if (ds->len == ds->cap) {
		ds->cap = ds->cap ? ds->cap + ds->cap / 2 : 64;
		ds->quads = xreallocarray(ds->quads, ds->cap,
		    sizeof(*ds->quads));
	}
	ds->quads[ds->len++] = *q;
}

void
rdf_dataset_release(struct rdf_dataset *ds)
{
	if (ds == NULL)
		return;
	free(ds->quads);
	ds->quads = NULL;
	ds->len = ds->cap = 0;
}

/* ---- N-Quads output (canonical form, RDFC-1.0 section 4.3) ---- */

static const char hexdig[] = "0123456789ABCDEF";

static void
put_uchar(struct buf *b, unsigned c)
{
	BUF_PUTSL(b, "\\u00");
	buf_putc(b, hexdig[c >> 4]);
	buf_putc(b, hexdig[c & 15]);
}

/* Bytes escaped in IRIs (1) and in strings (2). */
static const unsigned char esc[256] = {
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 1, 0,
	1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 2,
};

/* IRIs: U+0000-U+0020 and <>"{}|^`\ as \u00XX. */
static void
put_iri(struct buf *b, const char *s, size_t n)
{
	size_t i, run = 0;
	unsigned char c;

	buf_putc(b, '<');
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (!(esc[c] & 1))
			continue;
		buf_put(b, s + run, i - run);
		run = i + 1;
		put_uchar(b, c);
	}
	buf_put(b, s + run, n - run);
	buf_putc(b, '>');
}

/* Strings: \b \t \n \f \r \" \\, other controls and DEL as \u00XX. */
static void
put_string(struct buf *b, const char *s, size_t n)
{
	size_t i, run = 0;
	unsigned char c;

	buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (!(esc[c] & 2))
			continue;
		buf_put(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '\b':
			BUF_PUTSL(b, "\\b");
			break;
		case '\t':
			BUF_PUTSL(b, "\\t");
			break;
		case '\n':
			BUF_PUTSL(b, "\\n");
			break;
		case '\f':
			BUF_PUTSL(b, "\\f");
			break;
		case '\r':
			BUF_PUTSL(b, "\\r");
			break;
		case '"':
			BUF_PUTSL(b, "\\\"");
			break;
		case '\\':
			BUF_PUTSL(b, "\\\\");
			break;
		default:
			put_uchar(b, c);
			break;
		}
	}
	buf_put(b, s + run, n - run);
	buf_putc(b, '"');
}

/* The datatype a literal shows: NULL for plain and language strings. */
static const char *
shown_datatype(const struct rdf_term *t)
{
	if (t->lang != NULL || t->datatype == NULL ||
	    strcmp(t->datatype, XSD_STRING) == 0)
		return NULL;
	return t->datatype;
}

/* Appends t; a blank node is written with label (lablen bytes). */
static void
put_term(struct buf *b, const struct rdf_term *t, const char *label,
    size_t lablen)
{
	const char *dt;

	switch (t->kind) {
	case RDF_NONE:
		break;
	case RDF_IRI:
		put_iri(b, t->value, t->len);
		break;
	case RDF_BNODE:
		BUF_PUTSL(b, "_:");
		buf_put(b, label, lablen);
		break;
	case RDF_LITERAL:
		put_string(b, t->value, t->len);
		if (t->lang != NULL) {
			buf_putc(b, '@');
			buf_puts(b, t->lang);
		} else if ((dt = shown_datatype(t)) != NULL) {
			BUF_PUTSL(b, "^^");
			put_iri(b, dt, strlen(dt));
		}
		break;
	}
}

/* Writes prefix and the decimal n into out (room for 32 bytes);
 * returns the length.  (snprintf is slow on this path.) */
static size_t
label(char *out, const char *prefix, unsigned long n)
{
	char tmp[24];
	size_t k = 0, len = strlen(prefix);

	memcpy(out, prefix, len);
	do
		tmp[k++] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	while (k > 0)
		out[len++] = tmp[--k];
	out[len] = '\0';
	return len;
}

/* Appends q; blank nodes in s, o, g get labels lab[0..2]. */
static void
put_quad(struct buf *b, const struct rdf_quad *q, const char *const lab[3],
    const size_t lablen[3])
{
	put_term(b, &q->s, lab[0], lablen[0]);
	buf_putc(b, ' ');
	put_term(b, &q->p, q->p.value, q->p.len);
	buf_putc(b, ' ');
	put_term(b, &q->o, lab[1], lablen[1]);
	if (q->g.kind != RDF_NONE) {
		buf_putc(b, ' ');
		put_term(b, &q->g, lab[2], lablen[2]);
	}
	BUF_PUTSL(b, " .\n");
}

void
nquads_write_quad(struct buf *out, const struct rdf_quad *q)
{
	const char *lab[3] = { q->s.value, q->o.value, q->g.value };
	const size_t len[3] = { q->s.len, q->o.len, q->g.len };

	put_quad(out, q, lab, len);
}

/* ---- N-Quads input ---- */

struct nqp {
	const char	*s, *end, *name;
	unsigned	 line;
	struct arena	*a;
	struct diag	*d;
	struct buf	 tmp;
};

static int
nq_err(struct nqp *p, const char *what)
{
	return diag_err(p->d, "%s:%u: %s", p->name, p->line, what);
}

static void
nq_ws(struct nqp *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t'))
		p->s++;
}

/* Decodes \uXXXX or \UXXXXXXXX at p->s (after the backslash). */
static int
nq_uchar(struct nqp *p)
{
	unsigned long cp = 0;
	int n, i, h;

	n = *p->s == 'u' ? 4 : 8;
	if (p->end - p->s < n + 1)
		return nq_err(p, "truncated \\u escape");
	for (i = 1; i <= n; i++) {
		if ((h = hex_value((unsigned char)p->s[i])) < 0)
			return nq_err(p, "bad \\u escape");
		cp = cp << 4 | (unsigned long)h;
	}
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return nq_err(p, "\\u escape is not a Unicode scalar value");
	utf8_put(&p->tmp, cp);
	p->s += n + 1;
	return 0;
}

/* IRIREF at p->s ('<'); NUL-terminated copy in *out. */
static int
nq_iri(struct nqp *p, const char **out, size_t *outlen)
{
	unsigned char c;

	buf_reset(&p->tmp);
	p->s++;
	for (;;) {
		if (p->s >= p->end)
			return nq_err(p, "unterminated IRI");
		c = (unsigned char)*p->s;
		if (c == '>')
			break;
		if (c == '\\') {
			p->s++;
			if (p->s >= p->end || (*p->s != 'u' && *p->s != 'U'))
				return nq_err(p, "bad escape in IRI");
			if (nq_uchar(p) < 0)
				return -1;
			continue;
		}
		if (c <= 0x20 || c == '<' || c == '"' || c == '{' ||
		    c == '}' || c == '|' || c == '^' || c == '`')
			return nq_err(p, "character not allowed in IRI");
		buf_putc(&p->tmp, c);
		p->s++;
	}
	p->s++;
	if (memchr(p->tmp.data, '\0', p->tmp.len) != NULL)
		return nq_err(p, "NUL in IRI");
	*out = arena_strndup(p->a, p->tmp.data, p->tmp.len);
	*outlen = p->tmp.len;
	return 0;
}

static bool
label_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
	    c >= 0x80;
}

/* BLANK_NODE_LABEL at p->s ("_:"). */
static int
nq_bnode(struct rdf_term *t, struct nqp *p)
{
	const char *start;

	if (p->end - p->s < 3 || p->s[1] != ':')
		return nq_err(p, "bad blank node");
	p->s += 2;
	start = p->s;
	if (*p->s == '-' || *p->s == '.')
		return nq_err(p, "bad blank node label");
	while (p->s < p->end && label_char((unsigned char)*p->s))
		p->s++;
	while (p->s > start && p->s[-1] == '.')
		p->s--;
	if (p->s == start)
		return nq_err(p, "empty blank node label");
	t->kind = RDF_BNODE;
	t->value = arena_strndup(p->a, start, (size_t)(p->s - start));
	t->len = (size_t)(p->s - start);
	return 0;
}

static int
nq_literal(struct rdf_term *t, struct nqp *p)
{
	const char *start;
	size_t dtlen;
	int c;

	buf_reset(&p->tmp);
	p->s++;
	for (;;) {
		if (p->s >= p->end || *p->s == '\n' || *p->s == '\r')
			return nq_err(p, "unterminated string");
		c = (unsigned char)*p->s;
		if (c == '"')
			break;
		if (c != '\\') {
			buf_putc(&p->tmp, c);
			p->s++;
			continue;
		}
		if (++p->s >= p->end)
			return nq_err(p, "unterminated string");
		switch (*p->s) {
		case 'u':
		case 'U':
			if (nq_uchar(p) < 0)
				return -1;
			continue;
		case 't':
			c = '\t';
			break;
		case 'b':
			c = '\b';
			break;
		case 'n':
			c = '\n';
			break;
		case 'r':
			c = '\r';
			break;
		case 'f':
			c = '\f';
			break;
		case '"':
		case '\'':
		case '\\':
			c = *p->s;
			break;
		default:
			return nq_err(p, "bad escape in string");
		}
		buf_putc(&p->tmp, c);
		p->s++;
	}
	p->s++;
	t->kind = RDF_LITERAL;
	t->value = arena_strndup(p->a, p->tmp.data, p->tmp.len);
	t->len = p->tmp.len;
	if (p->s < p->end && *p->s == '@') {
		start = ++p->s;
		while (p->s < p->end && ((*p->s >= 'a' && *p->s <= 'z') ||
		    (*p->s >= 'A' && *p->s <= 'Z') ||
		    (p->s > start && ((*p->s >= '0' && *p->s <= '9') ||
		    *p->s == '-'))))
			p->s++;
		if (p->s == start || p->s[-1] == '-')
			return nq_err(p, "bad language tag");
		t->lang = arena_strndup(p->a, start, (size_t)(p->s - start));
		t->datatype = RDF_LANGSTRING;
	} else if (p->end - p->s >= 3 && p->s[0] == '^' && p->s[1] == '^' &&
	    p->s[2] == '<') {
		p->s += 2;
		if (nq_iri(p, &t->datatype, &dtlen) < 0)
			return -1;
		if (strcmp(t->datatype, XSD_STRING) == 0)
			t->datatype = NULL;
	}
	return 0;
}

/* One term: which is "spo" position 0, 1, 2 or 3 (graph). */
static int
nq_term(struct rdf_term *t, struct nqp *p, int which)
{
	memset(t, 0, sizeof(*t));
	if (p->s >= p->end)
		return nq_err(p, "unexpected end of line");
	if (*p->s == '<')
		return (t->kind = RDF_IRI), nq_iri(p, &t->value, &t->len);
	if (*p->s == '_' && which != 1)
		return nq_bnode(t, p);
	if (*p->s == '"' && which == 2)
		return nq_literal(t, p);
	return nq_err(p, which == 1 ? "expected an IRI as predicate" :
	    "expected an IRI, blank node or literal");
}

static void drop_duplicates(struct rdf_dataset *, size_t);

int
nquads_parse(struct rdf_dataset *out, struct arena *a, const char *name,
    const char *src, size_t len, struct diag *d)
{
	struct nqp p;
	struct rdf_quad q;
	size_t first;
	int rc = -1;

	first = out->len;
	memset(&p, 0, sizeof(p));
	p.s = src;
	p.end = src + len;
	p.name = name;
	p.line = 1;
	p.a = a;
	p.d = d;
	p.tmp = (struct buf)BUF_INIT;
	while (p.s < p.end) {
		nq_ws(&p);
		if (p.s < p.end && (*p.s == '#' || *p.s == '\n' ||
		    *p.s == '\r')) {
			while (p.s < p.end && *p.s != '\n' && *p.s != '\r')
				p.s++;
			if (p.s < p.end && *p.s == '\r')
				p.s++;
			if (p.s < p.end && *p.s == '\n')
				p.s++;
			p.line++;
			continue;
		}
		if (p.s >= p.end)
			break;
		memset(&q, 0, sizeof(q));
		if (nq_term(&q.s, &p, 0) < 0)
			goto out;
		nq_ws(&p);
		if (nq_term(&q.p, &p, 1) < 0)
			goto out;
		nq_ws(&p);
		if (nq_term(&q.o, &p, 2) < 0)
			goto out;
		nq_ws(&p);
		if (p.s < p.end && *p.s != '.') {
			if (nq_term(&q.g, &p, 3) < 0)
				goto out;
			nq_ws(&p);
		}
		if (p.s >= p.end || *p.s != '.') {
			nq_err(&p, "expected '.'");
			goto out;
		}
		p.s++;
		nq_ws(&p);
		if (p.s < p.end && *p.s == '#')
			while (p.s < p.end && *p.s != '\n' && *p.s != '\r')
				p.s++;
		if (p.s < p.end && *p.s != '\n' && *p.s != '\r') {
			nq_err(&p, "junk after '.'");
			goto out;
		}
		rdf_add(out, &q);
	}
	drop_duplicates(out, first);
	rc = 0;
out:
	buf_release(&p.tmp);
	return rc;
}

/* ---- hashing ---- */

struct md {
	struct sig_hash	 h;
};

#define MAXHEX	96	/* SHA-384 in hex */

static void
md_init(struct md *m, enum rdfc_hash alg)
{
	sig_hash_init(&m->h, alg == RDFC_SHA384 ? SIG_HASH_SHA384 :
	    SIG_HASH_SHA256);
}

static void
md_update(struct md *m, const void *p, size_t n)
{
	sig_hash_update(&m->h, p, n);
}

/* Finishes m and writes the digest in lower-case hex, NUL-terminated. */
static void
md_hex(struct md *m, char *hex)
{
	static const char lower[] = "0123456789abcdef";
	unsigned char dig[SHA384_LEN];
	size_t n, i;

	n = sig_hash_final(&m->h, dig);
	for (i = 0; i < n; i++) {
		hex[2 * i] = lower[dig[i] >> 4];
		hex[2 * i + 1] = lower[dig[i] & 15];
	}
	hex[2 * n] = '\0';
}

/* ---- canonicalization state ---- */

struct bnode {
	const char	*label;		/* input label */
	size_t		 len;
	size_t		 first, n;	/* its quads: qlist[first .. first+n) */
	char		 hash[MAXHEX + 1];	/* first-degree hash */
	long		 canon;		/* canonical number, or -1 */
};

struct issuer {
	size_t		*order;		/* blank nodes in issue order */
	size_t		 n, cap;
};

struct canon {
	const struct rdfc_opts	*o;
	struct diag		*d;
	const struct rdf_quad	**q;	/* distinct quads, input order */
	size_t			 nq;
	long			(*qb)[3];	/* blank node of s, o, g, or -1 */
	struct bnode		*bn;	/* in order of first appearance */
	size_t			 nb;
	size_t			*qlist;
	size_t			*canon_order;	/* canonical issue order */
	size_t			 ncanon;
	long			 deep_left;	/* -1: no limit */
	unsigned long		 work_left;	/* 0 with limit: exhausted */
	bool			 work_limit;
	bool			 failed;
	struct buf		 line;
};

/* A quick hash for tables (not for security): eight bytes a step. */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *u = p;
	uint64_t w;

	for (; n >= 8; n -= 8, u += 8) {
		memcpy(&w, u, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	while (n-- > 0)
		h = (h ^ *u++) * 0x100000001b3ULL;
	return h ^ (h >> 32);
}

static uint64_t
term_hash(uint64_t h, const struct rdf_term *t)
{
	const char *dt;
	unsigned char k = (unsigned char)t->kind;

	h = fnv(h, &k, 1);
	h = fnv(h, t->value, t->len);
	if (t->kind == RDF_LITERAL) {
		if ((dt = shown_datatype(t)) != NULL)
			h = fnv(h, dt, strlen(dt) + 1);
		if (t->lang != NULL)
			h = fnv(h, t->lang, strlen(t->lang) + 1);
	}
	return h;
}

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
term_eq(const struct rdf_term *a, const struct rdf_term *b)
{
	if (a->kind != b->kind || a->len != b->len ||
	    (a->len > 0 && memcmp(a->value, b->value, a->len) != 0))
		return false;
	if (a->kind != RDF_LITERAL)
		return true;
	return str_eq(shown_datatype(a), shown_datatype(b)) &&
	    str_eq(a->lang, b->lang);
}

static bool
quad_eq(const struct rdf_quad *a, const struct rdf_quad *b)
{
	return term_eq(&a->s, &b->s) && term_eq(&a->p, &b->p) &&
	    term_eq(&a->o, &b->o) && term_eq(&a->g, &b->g);
}

static size_t
pow2_at_least(size_t n)
{
	size_t m = 16;

	while (m < n * 2)
		m *= 2;
	return m;
}

/* The quads of ds; keep_dups false keeps the first of equal quads. */
static void
dedupe(struct canon *c, const struct rdf_dataset *ds, bool keep_dups)
{
	size_t size, mask, i, j;
	size_t *tab;
	uint64_t h;
	const struct rdf_quad *q;

	c->q = xreallocarray(NULL, ds->len + 1, sizeof(*c->q));
	size = pow2_at_least(ds->len);
	mask = size - 1;
	tab = xcalloc(size, sizeof(*tab));	/* 0: empty, else index+1 */
	for (i = 0; i < ds->len; i++) {
		q = &ds->quads[i];
		if (keep_dups) {
			c->q[c->nq++] = q;
			continue;
		}
		h = 0xcbf29ce484222325ULL;
		h = term_hash(h, &q->s);
		h = term_hash(h, &q->p);
		h = term_hash(h, &q->o);
		h = term_hash(h, &q->g);
		for (j = (size_t)h & mask; tab[j] != 0; j = (j + 1) & mask)
			if (quad_eq(&ds->quads[tab[j] - 1], q))
				break;
		if (tab[j] != 0)
			continue;
		tab[j] = i + 1;
		c->q[c->nq++] = q;
	}
	free(tab);
}

/*
 * Removes from ds the quads from index first on that equal an earlier
 * one (from first on), keeping the order: a dataset is a set, and
 * rdf-canonize's N-Quads parser drops duplicates the same way.
 */
static void
drop_duplicates(struct rdf_dataset *ds, size_t first)
{
	struct rdf_dataset part;
	struct canon c;
	size_t i;

	if (ds->len - first < 2)
		return;
	memset(&c, 0, sizeof(c));
	part.quads = ds->quads + first;
	part.len = part.cap = ds->len - first;
	dedupe(&c, &part, false);
	for (i = 0; i < c.nq; i++)
		ds->quads[first + i] = *c.q[i];
	ds->len = first + c.nq;
	free(c.q);
}

/* Step 2: the blank node to quads map, nodes in order of appearance. */
static void
map_blank_nodes(struct canon *c)
{
	size_t size, mask, i, j, k, n, cap = 16;
	long *tab, b;
	const struct rdf_term *t;
	uint64_t h;

	c->qb = xreallocarray(NULL, c->nq + 1, sizeof(*c->qb));
	c->bn = xreallocarray(NULL, cap, sizeof(*c->bn));
	size = pow2_at_least(c->nq * 3 + 1);
	mask = size - 1;
	tab = xreallocarray(NULL, size, sizeof(*tab));
	for (i = 0; i < size; i++)
		tab[i] = -1;
	n = 0;
	for (i = 0; i < c->nq; i++) {
		for (k = 0; k < 3; k++) {
			t = k == 0 ? &c->q[i]->s : k == 1 ? &c->q[i]->o :
			    &c->q[i]->g;
			c->qb[i][k] = -1;
			if (t->kind != RDF_BNODE)
				continue;
			h = fnv(0xcbf29ce484222325ULL, t->value, t->len);
			for (j = (size_t)h & mask; (b = tab[j]) >= 0;
			    j = (j + 1) & mask)
				if (c->bn[b].len == t->len &&
				    memcmp(c->bn[b].label, t->value,
				    t->len) == 0)
					break;
			if (b < 0) {
				if (c->nb == cap) {
					cap *= 2;
					c->bn = xreallocarray(c->bn, cap,
					    sizeof(*c->bn));
				}
				b = (long)c->nb++;
				memset(&c->bn[b], 0, sizeof(c->bn[b]));
				c->bn[b].label = t->value;
				c->bn[b].len = t->len;
				c->bn[b].canon = -1;
				tab[j] = b;
			}
			c->qb[i][k] = b;
			/* A quad is listed once per blank node. */
			if ((k >= 1 && c->qb[i][0] == b) ||
			    (k == 2 && c->qb[i][1] == b))
				continue;
			c->bn[b].n++;
			n++;
		}
	}
	free(tab);
	c->qlist = xreallocarray(NULL, n + 1, sizeof(*c->qlist));
	for (b = 0, j = 0; b < (long)c->nb; b++) {
		c->bn[b].first = j;
		j += c->bn[b].n;
		c->bn[b].n = 0;
	}
	for (i = 0; i < c->nq; i++)
		for (k = 0; k < 3; k++) {
			if ((b = c->qb[i][k]) < 0)
				continue;
			if ((k >= 1 && c->qb[i][0] == b) ||
			    (k == 2 && c->qb[i][1] == b))
				continue;
			c->qlist[c->bn[b].first + c->bn[b].n++] = i;
		}
}

struct line {
	const char	*p;
	size_t		 n;
};

static int
line_cmp(const void *pa, const void *pb)
{
	const struct line *a = pa, *b = pb;
	int r;

	r = memcmp(a->p, b->p, a->n < b->n ? a->n : b->n);
	if (r != 0)
		return r;
	return a->n < b->n ? -1 : a->n > b->n;
}

/*
 * Sorts the "\n"-terminated lines in b (count of them); returns the
 * array of lines (free it), pointing into b.
 */
static struct line *
sort_lines(struct buf *b, size_t count)
{
	struct line *l;
	size_t i, off = 0;
	const char *nl;

	l = xreallocarray(NULL, count + 1, sizeof(*l));
	for (i = 0; i < count; i++) {
		nl = memchr(b->data + off, '\n', b->len - off);
		l[i].p = b->data + off;
		l[i].n = (size_t)(nl - (b->data + off)) + 1;
		off += l[i].n;
	}
	qsort(l, count, sizeof(*l), line_cmp);
	return l;
}

/* 4.6 Hash First Degree Quads. */
static void
hash_first_degree(struct canon *c, size_t b)
{
	struct bnode *bn = &c->bn[b];
	const char *lab[3];
	size_t lablen[3] = { 1, 1, 1 }, i, k, qi;
	struct line *l;
	struct md m;

	buf_reset(&c->line);
	for (i = 0; i < bn->n; i++) {
		qi = c->qlist[bn->first + i];
		for (k = 0; k < 3; k++)
			lab[k] = c->qb[qi][k] == (long)b ? "a" : "z";
		put_quad(&c->line, c->q[qi], lab, lablen);
	}
	l = sort_lines(&c->line, bn->n);
	md_init(&m, c->o->hash);
	for (i = 0; i < bn->n; i++)
		md_update(&m, l[i].p, l[i].n);
	md_hex(&m, bn->hash);
	free(l);
}

static struct issuer *
issuer_new(void)
{
	struct issuer *is;

	is = xmalloc(sizeof(*is));
	is->cap = 8;
	is->order = xreallocarray(NULL, is->cap, sizeof(*is->order));
	is->n = 0;
	return is;
}

static struct issuer *
issuer_copy(const struct issuer *from)
{
	struct issuer *is;

	is = xmalloc(sizeof(*is));
	is->cap = from->n + 8;
	is->order = xreallocarray(NULL, is->cap, sizeof(*is->order));
	memcpy(is->order, from->order, from->n * sizeof(*is->order));
	is->n = from->n;
	return is;
}

static void
issuer_free(struct issuer *is)
{
	if (is == NULL)
		return;
	free(is->order);
	free(is);
}

/* The number issued for b, or -1.  Issuers in Hash N-Degree Quads hold
 * few nodes, so a scan is cheaper than copying a map of all of them. */
static long
issued(const struct issuer *is, size_t b)
{
	size_t i;

	for (i = 0; i < is->n; i++)
		if (is->order[i] == b)
			return (long)i;
	return -1;
}

/* 4.5 Issue Identifier. */
static long
issue(struct issuer *is, size_t b)
{
	long i;

	if ((i = issued(is, b)) >= 0)
		return i;
	if (is->n == is->cap) {
		is->cap *= 2;
		is->order = xreallocarray(is->order, is->cap,
		    sizeof(*is->order));
	}
	is->order[is->n] = b;
	return (long)is->n++;
}

static void
issue_canonical(struct canon *c, size_t b)
{
	if (c->bn[b].canon < 0) {
		c->bn[b].canon = (long)c->ncanon;
		c->canon_order[c->ncanon++] = b;
	}
}

/* Label order, as rdf-canonize compares blank node identifiers. */
static int
label_cmp(const struct canon *c, size_t a, size_t b)
{
	const struct bnode *x = &c->bn[a], *y = &c->bn[b];
	int r;

	r = memcmp(x->label, y->label, x->len < y->len ? x->len : y->len);
	if (r != 0)
		return r;
	return x->len < y->len ? -1 : x->len > y->len;
}

/*
 * The permutations of list, in the order of the Steinhaus-Johnson-
 * Trotter algorithm started from the sorted list (as rdf-canonize).
 */
struct permuter {
	size_t	*cur;
	bool	*left;		/* direction, per blank node */
	size_t	 n;
	bool	 done;
};

static void
permuter_init(struct permuter *pm, const struct canon *c, const size_t *list,
    size_t n)
{
	size_t i, j, t;

	pm->cur = xreallocarray(NULL, n + 1, sizeof(*pm->cur));
	memcpy(pm->cur, list, n * sizeof(*list));
	/* Insertion sort by label: the lists are short. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && label_cmp(c, pm->cur[j - 1],
		    pm->cur[j]) > 0; j--) {
			t = pm->cur[j];
			pm->cur[j] = pm->cur[j - 1];
			pm->cur[j - 1] = t;
		}
	pm->left = xcalloc(c->nb + 1, sizeof(*pm->left));
	for (i = 0; i < n; i++)
		pm->left[pm->cur[i]] = true;
	pm->n = n;
	pm->done = false;
}

/* Copies the current permutation to out and advances. */
static void
permuter_next(struct permuter *pm, const struct canon *c, size_t *out)
{
	size_t i, pos = 0, sw, k = 0, e;
	bool found = false;

	memcpy(out, pm->cur, pm->n * sizeof(*out));
	for (i = 0; i < pm->n; i++) {
		e = pm->cur[i];
		if ((!found || label_cmp(c, e, k) > 0) &&
		    ((pm->left[e] && i > 0 &&
		    label_cmp(c, e, pm->cur[i - 1]) > 0) ||
		    (!pm->left[e] && i + 1 < pm->n &&
		    label_cmp(c, e, pm->cur[i + 1]) > 0))) {
			k = e;
			pos = i;
			found = true;
		}
	}
	if (!found) {
		pm->done = true;
		return;
	}
	sw = pm->left[k] ? pos - 1 : pos + 1;
	pm->cur[pos] = pm->cur[sw];
	pm->cur[sw] = k;
	for (i = 0; i < pm->n; i++)
		if (label_cmp(c, pm->cur[i], k) > 0)
			pm->left[pm->cur[i]] = !pm->left[pm->cur[i]];
}

static void
permuter_free(struct permuter *pm)
{
	if (pm == NULL)
		return;
	free(pm->cur);
	free(pm->left);
}

/* Counts one step of Hash N-Degree Quads work against the limit. */
static int
spend(struct canon *c)
{
	if (!c->work_limit)
		return 0;
	if (c->work_left == 0)
		return diag_err(c->d, "rdfc: too much work to canonicalize "
		    "(over %lu steps of Hash N-Degree Quads)", c->o->max_work);
	c->work_left--;
	return 0;
}

/* Lexicographic comparison of a path with the chosen path. */
static int
path_cmp(const struct buf *a, const struct buf *b)
{
	int r;

	r = memcmp(a->data, b->data, a->len < b->len ? a->len : b->len);
	if (r != 0)
		return r;
	return a->len < b->len ? -1 : a->len > b->len;
}

struct related {
	char	 hash[MAXHEX + 1];
	size_t	 b;
	size_t	 seq;
};

static int
related_cmp(const void *pa, const void *pb)
{
	const struct related *a = pa, *b = pb;
	int r;

	if ((r = strcmp(a->hash, b->hash)) != 0)
		return r;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* 4.7 Hash Related Blank Node. */
static void
hash_related(struct canon *c, size_t related, const struct rdf_quad *q,
    const struct issuer *is, char pos, char *hex)
{
	struct md m;
	char num[32];
	long id;
	int n;

	md_init(&m, c->o->hash);
	md_update(&m, &pos, 1);
	if (pos != 'g') {
		md_update(&m, "<", 1);
		md_update(&m, q->p.value, q->p.len);
		md_update(&m, ">", 1);
	}
	if (c->bn[related].canon >= 0) {
		n = (int)label(num, "_:c14n",
		    (unsigned long)c->bn[related].canon);
		md_update(&m, num, (size_t)n);
	} else if ((id = issued(is, related)) >= 0) {
		n = (int)label(num, "_:b", (unsigned long)id);
		md_update(&m, num, (size_t)n);
	} else
		md_update(&m, c->bn[related].hash, strlen(c->bn[related].hash));
	md_hex(&m, hex);
}

/*
 * 4.8 Hash N-Degree Quads for blank node b with issuer `is' (not
 * changed).  Writes the hash to hex and sets *out to the resulting
 * issuer (owned by the caller).  Returns 0, or -1 when over the limits.
 */
static int
hash_ndegree(struct canon *c, size_t b, const struct issuer *is, char *hex,
    struct issuer **out)
{
	struct related *rel = NULL;
	struct issuer *cur = NULL, *copy = NULL, *chosen = NULL, *res = NULL;
	struct permuter pm = { NULL, NULL, 0, true };
	struct buf path = BUF_INIT, chosen_path = BUF_INIT;
	struct md m;
	size_t nrel = 0, cap = 0, i, k, g, ge, qi, *list = NULL, *perm = NULL;
	size_t *recur = NULL, nrecur, r;
	char rhash[MAXHEX + 1], num[32];
	const char pos[3] = { 's', 'o', 'g' };
	bool skip;
	long o;
	int n, rc = -1;

	*out = NULL;
	if (c->deep_left == 0) {
		c->failed = true;
		diag_err(c->d, "rdfc: too much work to canonicalize "
		    "(Hash N-Degree Quads called more often than allowed)");
		return -1;
	}
	if (c->deep_left > 0)
		c->deep_left--;
	md_init(&m, c->o->hash);	/* the fail path finishes it */

	/* Steps 1-3: hashes of related blank nodes. */
	for (i = 0; i < c->bn[b].n; i++) {
		qi = c->qlist[c->bn[b].first + i];
		for (k = 0; k < 3; k++) {
			o = c->qb[qi][k];
			if (o < 0 || o == (long)b)
				continue;
			if (spend(c) < 0)
				goto fail;
			if (nrel == cap) {
				cap = cap ? cap * 2 : 16;
				rel = xreallocarray(rel, cap, sizeof(*rel));
			}
			hash_related(c, (size_t)o, c->q[qi], is, pos[k],
			    rel[nrel].hash);
			rel[nrel].b = (size_t)o;
			rel[nrel].seq = nrel;
			nrel++;
		}
	}
	if (nrel > 1)
		qsort(rel, nrel, sizeof(*rel), related_cmp);
	list = xreallocarray(NULL, nrel + 1, sizeof(*list));
	perm = xreallocarray(NULL, nrel + 1, sizeof(*perm));
	recur = xreallocarray(NULL, nrel + 1, sizeof(*recur));

	cur = issuer_copy(is);
	/* Step 5: for each related hash, in order. */
	for (g = 0; g < nrel; g = ge) {
		for (ge = g; ge < nrel && strcmp(rel[ge].hash, rel[g].hash) == 0;
		    ge++)
			list[ge - g] = rel[ge].b;
		md_update(&m, rel[g].hash, strlen(rel[g].hash));
		buf_reset(&chosen_path);
		issuer_free(chosen);
		chosen = NULL;
		permuter_init(&pm, c, list, ge - g);
		while (!pm.done) {
			permuter_next(&pm, c, perm);
			if (spend(c) < 0)
				goto fail;
			copy = issuer_copy(cur);
			buf_reset(&path);
			nrecur = 0;
			skip = false;
			/* 5.4.4 */
			for (k = 0; k < ge - g; k++) {
				r = perm[k];
				if (c->bn[r].canon >= 0)
					n = snprintf(num, sizeof(num),
					    "_:c14n%ld", c->bn[r].canon);
				else {
					if (issued(copy, r) < 0)
						recur[nrecur++] = r;
					n = snprintf(num, sizeof(num), "_:b%ld",
					    issue(copy, r));
				}
				buf_put(&path, num, (size_t)n);
				if (chosen_path.len != 0 &&
				    path_cmp(&path, &chosen_path) > 0) {
					skip = true;
					break;
				}
			}
			/* 5.4.5 */
			for (k = 0; !skip && k < nrecur; k++) {
				if (hash_ndegree(c, recur[k], copy, rhash,
				    &res) < 0)
					goto fail;
				n = snprintf(num, sizeof(num), "_:b%ld",
				    issue(copy, recur[k]));
				buf_put(&path, num, (size_t)n);
				buf_putc(&path, '<');
				buf_puts(&path, rhash);
				buf_putc(&path, '>');
				issuer_free(copy);
				copy = res;
				res = NULL;
				if (chosen_path.len != 0 &&
				    path_cmp(&path, &chosen_path) > 0)
					skip = true;
			}
			/* 5.4.6 */
			if (!skip && (chosen_path.len == 0 ||
			    path_cmp(&path, &chosen_path) < 0)) {
				buf_reset(&chosen_path);
				buf_put(&chosen_path, path.data, path.len);
				issuer_free(chosen);
				chosen = copy;
			} else
				issuer_free(copy);
			copy = NULL;
		}
		permuter_free(&pm);
		pm.cur = NULL;
		pm.left = NULL;
		/* 5.5, 5.6 */
		md_update(&m, chosen_path.data, chosen_path.len);
		issuer_free(cur);
		cur = chosen;
		chosen = NULL;
	}
	md_hex(&m, hex);
	*out = cur;
	cur = NULL;
	rc = 0;
	goto out;
fail:
	c->failed = true;
	md_hex(&m, rhash);
out:
	permuter_free(&pm);
	issuer_free(cur);
	issuer_free(copy);
	issuer_free(chosen);
	issuer_free(res);
	buf_release(&path);
	buf_release(&chosen_path);
	free(rel);
	free(list);
	free(perm);
	free(recur);
	return rc;
}

static int
hash_cmp(const void *pa, const void *pb)
{
	const struct bnode *a = *(const struct bnode *const *)pa;
	const struct bnode *b = *(const struct bnode *const *)pb;
	int r;

	if ((r = strcmp(a->hash, b->hash)) != 0)
		return r;
	/* Equal hashes keep the order of appearance. */
	return a < b ? -1 : a > b;
}

struct ndres {
	char		 hash[MAXHEX + 1];
	struct issuer	*is;
	size_t		 seq;
};

static int
ndres_cmp(const void *pa, const void *pb)
{
	const struct ndres *a = pa, *b = pb;
	int r;

	if ((r = strcmp(a->hash, b->hash)) != 0)
		return r;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void
ulong_pow(long *out, size_t base, int exp)
{
	long r = 1;
	int i;

	for (i = 0; i < exp; i++) {
		if (base != 0 && r > 1000000000L / (long)base) {
			*out = -1;	/* no practical limit */
			return;
		}
		r *= (long)base;
	}
	*out = r;
}

static void
write_issued(struct canon *c)
{
	size_t i, b;

	buf_putc(c->o->issued, '{');
	for (i = 0; i < c->ncanon; i++) {
		b = c->canon_order[i];
		if (i > 0)
			buf_putc(c->o->issued, ',');
		buf_putc(c->o->issued, '"');
		buf_put(c->o->issued, c->bn[b].label, c->bn[b].len);
		buf_printf(c->o->issued, "\":\"c14n%zu\"", i);
	}
	buf_putc(c->o->issued, '}');
}

int
rdfc_canonicalize(struct buf *out, const struct rdf_dataset *ds,
    const struct rdfc_opts *opts, struct diag *d)
{
	static const struct rdfc_opts defaults = RDFC_OPTS_INIT;
	struct canon c;
	struct bnode **sorted = NULL;
	struct ndres *res = NULL;
	struct issuer *tmp = NULL;
	struct line *l = NULL;
	char labels[3][32];
	const char *lab[3];
	size_t lablen[3], i, j, g, ge, nres, nonunique, k;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	c.o = opts != NULL ? opts : &defaults;
	c.d = d;
	c.line = (struct buf)BUF_INIT;
	dedupe(&c, ds, true);
	map_blank_nodes(&c);
	c.canon_order = xreallocarray(NULL, c.nb + 1, sizeof(size_t));

	/* Steps 3-5: first-degree hashes; unique ones are issued. */
	sorted = xreallocarray(NULL, c.nb + 1, sizeof(*sorted));
	for (i = 0; i < c.nb; i++) {
		hash_first_degree(&c, i);
		sorted[i] = &c.bn[i];
	}
	qsort(sorted, c.nb, sizeof(*sorted), hash_cmp);
	nonunique = 0;
	for (g = 0; g < c.nb; g = ge) {
		for (ge = g + 1; ge < c.nb &&
		    strcmp(sorted[ge]->hash, sorted[g]->hash) == 0; ge++)
			;
		if (ge - g == 1)
			issue_canonical(&c, (size_t)(sorted[g] - c.bn));
		else
			nonunique += ge - g;
	}

	/* The work limits, as rdf-canonize's maxWorkFactor. */
	if (c.o->work_factor < 0)
		c.deep_left = -1;
	else if (c.o->work_factor == 0)
		c.deep_left = 0;
	else
		ulong_pow(&c.deep_left, nonunique, c.o->work_factor);
	c.work_limit = c.o->max_work != 0;
	c.work_left = c.o->max_work;

	/* Step 6: the shared hashes, in hash order. */
	res = xreallocarray(NULL, c.nb + 1, sizeof(*res));
	for (g = 0; g < c.nb; g = ge) {
		for (ge = g + 1; ge < c.nb &&
		    strcmp(sorted[ge]->hash, sorted[g]->hash) == 0; ge++)
			;
		if (ge - g == 1)
			continue;
		nres = 0;
		for (i = g; i < ge; i++) {
			k = (size_t)(sorted[i] - c.bn);
			if (c.bn[k].canon >= 0)
				continue;
			tmp = issuer_new();
			issue(tmp, k);
			res[nres].seq = nres;
			if (hash_ndegree(&c, k, tmp, res[nres].hash,
			    &res[nres].is) < 0) {
				for (j = 0; j < nres; j++)
					issuer_free(res[j].is);
				goto out;
			}
			issuer_free(tmp);
			tmp = NULL;
			nres++;
		}
		qsort(res, nres, sizeof(*res), ndres_cmp);
		for (i = 0; i < nres; i++) {
			for (j = 0; j < res[i].is->n; j++)
				issue_canonical(&c, res[i].is->order[j]);
			issuer_free(res[i].is);
		}
	}

	/* Step 7: relabel, serialize, sort. */
	buf_reset(&c.line);
	for (i = 0; i < c.nq; i++) {
		for (k = 0; k < 3; k++) {
			lab[k] = labels[k];
			lablen[k] = 0;
			if (c.qb[i][k] >= 0)
				lablen[k] = label(labels[k], "c14n",
				    (unsigned long)c.bn[c.qb[i][k]].canon);
		}
		put_quad(&c.line, c.q[i], lab, lablen);
	}
	l = sort_lines(&c.line, c.nq);
	for (i = 0; i < c.nq; i++)
		buf_put(out, l[i].p, l[i].n);
	if (c.o->issued != NULL)
		write_issued(&c);
	rc = 0;
out:
	issuer_free(tmp);
	free(l);
	free(res);
	free(sorted);
	free(c.q);
	free(c.qb);
	free(c.bn);
	free(c.qlist);
	free(c.canon_order);
	buf_release(&c.line);
	return rc;
}
