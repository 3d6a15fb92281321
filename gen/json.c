/*
 * json.c - strict JSON: jsmn finds the tokens, a second pass checks the
 * grammar between them, decodes strings and builds the tree.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Parent links: without them jsmn finds the object a ',' after a member
 * belongs to by walking back over every token before it, which makes
 * objects of many members quadratic; with them a ']' walks up at most
 * the depth, which too_deep_at bounds.
 */
#define JSMN_PARENT_LINKS
#define JSMN_STRICT
#include <jsmn.h>

#include "hash.h"
#include "htab.h"
#include "json.h"
#include "utf8.h"

struct parser {
	struct arena	*a;
	struct diag	*d;
	const char	*name;
	const char	*src;
	size_t		 len;
	jsmntok_t	*tok;
	int		 ntok;
	int		 next;		/* next token to consume */
	size_t		 pos;		/* cursor in src */
	struct utf8_pos	 at;		/* line and column last located */
	struct buf	 scratch;
	/*
	 * The nodes and the strings of the tree, allocated once for the
	 * whole input (sized from the tokens) and handed out in order, so
	 * that no node or string is rounded up to the arena's alignment.
	 */
	struct json	*nodes;
	size_t		 nnodes, capnodes;
	char		*strs;
	size_t		 nstrs, capstrs;
	struct json_strtab *tab;	/* shared strings, or NULL */
};

/*
 * Strings shared by the trees of many parses: each distinct string is
 * kept once.  Open addressing on the strings themselves (a string
 * holding a NUL is never shared, so strlen gives the length back).
 */
struct json_strtab {
	struct arena	*a;		/* where the strings live */
	struct htab	 tab;
	char		*blk;		/* strings are cut from blocks */
	size_t		 left;		/* bytes left in blk */
};

#define STRTAB_BLOCK	(8u * 1024)

static uint64_t
str_hash(const void *s)
{
	return hash_bytes(s, strlen(s));
}

struct json_strtab *
json_strtab_new(struct arena *a)
{
	struct json_strtab *t = xcalloc(1, sizeof(*t));
	struct htab init = HTAB_INIT(75);

	t->a = a;
	t->tab = init;
	return t;
}

void
json_strtab_free(struct json_strtab *t)
{
	if (t == NULL)
		return;
	htab_release(&t->tab);
	free(t);
}

/* The shared copy of s[0..n), made on first use. */
static const char *
strtab_get(struct json_strtab *t, const char *s, size_t n)
{
	struct htab_iter it;
	const char *e;
	char *o;

	for (e = htab_first(&t->tab, hash_bytes(s, n), &it); e != NULL;
	    e = htab_next(&t->tab, &it))
		if (strncmp(e, s, n) == 0 && e[n] == '\0')
			return e;
	if (n + 1 > t->left) {
		if (n + 1 > STRTAB_BLOCK / 4) {
			o = arena_strndup(t->a, s, n);
			htab_insert(&t->tab, &it, o, str_hash);
			return o;
		}
		t->blk = arena_alloc(t->a, STRTAB_BLOCK);
		t->left = STRTAB_BLOCK;
	}
	o = t->blk;
	memcpy(o, s, n);
	o[n] = '\0';
	t->blk += n + 1;
	t->left -= n + 1;
	htab_insert(&t->tab, &it, o, str_hash);
	return o;
}

static int
perr(struct parser *p, size_t off, const struct json *parent,
    const char *key, const char *fmt, const char *arg)
{
	struct buf path = BUF_INIT;
	int rc;

	utf8_locate(&p->at, p->src, p->len, off);
	if (parent != NULL)
		json_path(parent, &path);
	else
		BUF_PUTSL(&path, "$");
	if (key != NULL) {
		buf_putc(&path, '.');
		buf_puts(&path, key);
	}
	buf_reset(&p->scratch);
	buf_printf(&p->scratch, fmt, arg);
	rc = diag_err(p->d, "%s:%u:%u: %s: %s", p->name, p->at.line, p->at.col,
	    path.data, p->scratch.data);
	buf_release(&path);
	return rc;
}

static void
skip_ws(struct parser *p)
{
	while (p->pos < p->len && (p->src[p->pos] == ' ' ||
	    p->src[p->pos] == '\t' || p->src[p->pos] == '\n' ||
	    p->src[p->pos] == '\r'))
		p->pos++;
}

static int
hex4(const char *s, uint32_t *out)
{
	int i, v;

	*out = 0;
	for (i = 0; i < 4; i++) {
		if ((v = hex_value((unsigned char)s[i])) < 0)
			return -1;
		*out = (*out << 4) | (uint32_t)v;
	}
	return 0;
}

/* A copy of s[0..n) and a NUL, from the parse's string block. */
static const char *
pstrndup(struct parser *p, const char *s, size_t n)
{
	char *o;

	/* Shared strings outlive the trees (model_forget_trees). */
	if (p->tab != NULL)
		return memchr(s, '\0', n) == NULL ? strtab_get(p->tab, s, n) :
		    arena_strndup(p->tab->a, s, n);
	if (p->strs == NULL || n + 1 > p->capstrs - p->nstrs)
		return arena_strndup(p->a, s, n);
	o = p->strs + p->nstrs;
	p->nstrs += n + 1;
	memcpy(o, s, n);
	o[n] = '\0';
	return o;
}

/*
 * Decodes the string whose body is src[start, end) into the arena.
 * The fast path copies a body that has no escapes.
 */
static int
decode_string(struct parser *p, size_t start, size_t end,
    const struct json *parent, const char *key, const char **out,
    uint32_t *outlen)
{
	const char *s = p->src;
	size_t i;
	uint32_t cp, lo;

	for (i = start; i < end; i++) {
		if ((unsigned char)s[i] < 0x20)
			return perr(p, i, parent, key,
			    "control character in string%s", "");
		if (s[i] == '\\')
			break;
	}
	if (i == end) {
		*out = pstrndup(p, s + start, end - start);
		*outlen = (uint32_t)(end - start);
		return 0;
	}
	buf_reset(&p->scratch);
	buf_put(&p->scratch, s + start, i - start);
	for (; i < end; i++) {
		if ((unsigned char)s[i] < 0x20)
			return perr(p, i, parent, key,
			    "control character in string%s", "");
		if (s[i] != '\\') {
			buf_putc(&p->scratch, s[i]);
			continue;
		}
		if (++i >= end)
			return perr(p, i, parent, key, "bad escape%s", "");
		switch (s[i]) {
		case '"': buf_putc(&p->scratch, '"'); break;
		case '\\': buf_putc(&p->scratch, '\\'); break;
		case '/': buf_putc(&p->scratch, '/'); break;
		case 'b': buf_putc(&p->scratch, '\b'); break;
		case 'f': buf_putc(&p->scratch, '\f'); break;
		case 'n': buf_putc(&p->scratch, '\n'); break;
		case 'r': buf_putc(&p->scratch, '\r'); break;
		case 't': buf_putc(&p->scratch, '\t'); break;
		case 'u':
			if (end - i < 5 || hex4(s + i + 1, &cp) < 0)
				return perr(p, i - 1, parent, key,
				    "bad \\u escape%s", "");
			i += 4;
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return perr(p, i - 5, parent, key,
				    "lone low surrogate in \\u escape%s", "");
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (end - i < 7 || s[i + 1] != '\\' ||
				    s[i + 2] != 'u' || hex4(s + i + 3, &lo) < 0 ||
				    lo < 0xdc00 || lo > 0xdfff)
					return perr(p, i - 5, parent, key,
					    "lone high surrogate in \\u escape%s",
					    "");
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				i += 6;
			}
			utf8_put(&p->scratch, cp);
			break;
		default:
			return perr(p, i - 1, parent, key, "bad escape%s", "");
		}
	}
	*out = pstrndup(p, p->scratch.data, p->scratch.len);
	*outlen = (uint32_t)p->scratch.len;
	return 0;
}

/* Checks a number literal against RFC 8259's grammar. */
static bool
number_ok(const char *s, size_t n)
{
	size_t i = 0;

	if (i < n && s[i] == '-')
		i++;
	if (i >= n)
		return false;
	if (s[i] == '0')
		i++;
	else if (s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return false;
	if (i < n && s[i] == '.') {
		if (++i >= n || s[i] < '0' || s[i] > '9')
			return false;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return false;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == n;
}

static int	 parse_value(struct parser *, struct json *, const char *,
		    size_t, unsigned, struct json **);

static int
key_cmp(const void *a, const void *b)
{
	const struct json *x = *(const struct json *const *)a;
	const struct json *y = *(const struct json *const *)b;
	size_t n = x->keylen < y->keylen ? x->keylen : y->keylen;
	int c = memcmp(x->key, y->key, n);

	if (c != 0)
		return c;
	return x->keylen < y->keylen ? -1 : x->keylen > y->keylen;
}

/* Refuses two members with one name; sorts when the object is large. */
static int
check_dups(struct parser *p, struct json *obj)
{
	struct json *m, *k, **v;
	size_t i, n = obj->len;

	if (n < 2)
		return 0;
	if (n <= 16) {
		for (m = obj->child->next; m != NULL; m = m->next)
			for (k = obj->child; k != m; k = k->next)
				if (k->keylen == m->keylen &&
				    memcmp(k->key, m->key, m->keylen) == 0)
					return perr(p, m->offset, obj, NULL,
					    "duplicate member \"%s\"", m->key);
		return 0;
	}
	v = xreallocarray(NULL, n, sizeof(*v));
	for (i = 0, m = obj->child; m != NULL; m = m->next)
		v[i++] = m;
	qsort(v, n, sizeof(*v), key_cmp);
	for (i = 1; i < n; i++)
		if (key_cmp(&v[i - 1], &v[i]) == 0) {
			m = v[i - 1]->offset > v[i]->offset ? v[i - 1] : v[i];
			free(v);
			return perr(p, m->offset, obj, NULL,
			    "duplicate member \"%s\"", m->key);
		}
	free(v);
	return 0;
}

static struct json *
new_node(struct parser *p, enum json_type t, size_t off, struct json *parent,
    const char *key, size_t keylen)
{
	struct json *v;

	if (p->nnodes < p->capnodes)
		v = &p->nodes[p->nnodes++];
	else
		v = arena_alloc(p->a, sizeof(*v));
	v->type = t;
	v->key = key;
	v->keylen = (uint32_t)keylen;
	v->offset = (uint32_t)off;
	v->parent = parent;
	utf8_locate(&p->at, p->src, p->len, off);
	v->line = p->at.line;
	v->col = p->at.col;
	return v;
}

static void
link_child(struct json *parent, struct json *v)
{
	if (parent->last != NULL)
		parent->last->next = v;
	else
		parent->child = v;
	parent->last = v;
	parent->len++;
}

static int
expect(struct parser *p, char c, const struct json *parent, const char *what)
{
	skip_ws(p);
	if (p->pos >= p->len)
		return perr(p, p->pos, parent, NULL,
		    "unexpected end of input, expected %s", what);
	if (p->src[p->pos] != c)
		return perr(p, p->pos, parent, NULL, "expected %s", what);
	p->pos++;
	return 0;
}

static int
parse_container(struct parser *p, struct json *v, unsigned depth)
{
	const jsmntok_t *t = &p->tok[p->next++];
	bool obj = v->type == JSON_OBJECT;
	struct json *kid;
	const char *key;
	uint32_t keylen;
	int i;

	p->pos++;			/* '{' or '[' */
	for (i = 0; i < t->size; i++) {
		if (i > 0 && expect(p, ',', v, "','") < 0)
			return -1;
		key = NULL;
		keylen = 0;
		if (obj) {
			skip_ws(p);
			if (p->next >= p->ntok ||
			    p->tok[p->next].type != JSMN_STRING ||
			    p->src[p->pos] != '"' ||
			    (size_t)p->tok[p->next].start != p->pos + 1)
				return perr(p, p->pos, v, NULL,
				    "expected a member name in quotes%s", "");
			if (decode_string(p, p->pos + 1,
			    (size_t)p->tok[p->next].end, v, NULL, &key,
			    &keylen) < 0)
				return -1;
			p->pos = (size_t)p->tok[p->next].end + 1;
			p->next++;
			if (expect(p, ':', v, "':' after member name") < 0)
				return -1;
		}
		if (parse_value(p, v, key, keylen, depth + 1, &kid) < 0)
			return -1;
		link_child(v, kid);
	}
	skip_ws(p);
	if (p->pos < p->len && p->src[p->pos] == ',')
		return perr(p, p->pos, v, NULL, "trailing ',' before '%s'",
		    obj ? "}" : "]");
	if (expect(p, obj ? '}' : ']', v, obj ? "',' or '}'" : "',' or ']'") < 0)
		return -1;
	if (p->pos != (size_t)t->end)
		return perr(p, p->pos, v, NULL, "malformed %s",
		    obj ? "object" : "array");
	return obj ? check_dups(p, v) : 0;
}

static int
parse_value(struct parser *p, struct json *parent, const char *key,
    size_t keylen, unsigned depth, struct json **out)
{
	const jsmntok_t *t;
	struct json *v;
	size_t start, n;
	const char *s;

	skip_ws(p);
	if (depth > JSON_MAX_DEPTH)
		return perr(p, p->pos, parent, key,
		    "nested deeper than %s levels", "100");
	if (p->next >= p->ntok || p->pos >= p->len)
		return perr(p, p->pos, parent, key,
		    "unexpected end of input, expected a value%s", "");
	t = &p->tok[p->next];
	start = (size_t)t->start;
	switch (t->type) {
	case JSMN_OBJECT:
	case JSMN_ARRAY:
		if (start != p->pos)
			return perr(p, p->pos, parent, key,
			    "expected a value%s", "");
		v = new_node(p, t->type == JSMN_OBJECT ? JSON_OBJECT :
		    JSON_ARRAY, start, parent, key, keylen);
		if (parse_container(p, v, depth) < 0)
			return -1;
		break;
	case JSMN_STRING:
		if (p->src[p->pos] != '"' || start != p->pos + 1)
			return perr(p, p->pos, parent, key,
			    "expected a value%s", "");
		v = new_node(p, JSON_STRING, p->pos, parent, key, keylen);
		if (decode_string(p, start, (size_t)t->end, parent, key,
		    &v->str, &v->len) < 0)
			return -1;
		p->pos = (size_t)t->end + 1;
		p->next++;
		break;
	case JSMN_PRIMITIVE:
		if (start != p->pos)
			return perr(p, p->pos, parent, key,
			    "expected a value%s", "");
		s = p->src + start;
		n = (size_t)t->end - start;
		if (n == 4 && memcmp(s, "true", 4) == 0)
			v = new_node(p, JSON_TRUE, start, parent, key, keylen);
		else if (n == 5 && memcmp(s, "false", 5) == 0)
			v = new_node(p, JSON_FALSE, start, parent, key, keylen);
		else if (n == 4 && memcmp(s, "null", 4) == 0)
			v = new_node(p, JSON_NULL, start, parent, key, keylen);
		else if (number_ok(s, n)) {
			v = new_node(p, JSON_NUMBER, start, parent, key, keylen);
			v->str = pstrndup(p, s, n);
			v->len = (uint32_t)n;
			v->num = strtod(v->str, NULL);
		} else
			return perr(p, start, parent, key,
			    "expected a value, not \"%s\"",
			    arena_strndup(p->a, s, n > 20 ? 20 : n));
		p->pos = (size_t)t->end;
		p->next++;
		break;
	default:
		return perr(p, p->pos, parent, key, "expected a value%s", "");
	}
	*out = v;
	return 0;
}

/*
 * Allocates the nodes and the string bytes the tokens need: a value for
 * every token but the member names, at most the raw bytes of each
 * string and number (decoding never makes a string longer) and a NUL.
 */
static void
size_tree(struct parser *p)
{
	size_t nodes = 0, bytes = 0;
	int i;

	for (i = 0; i < p->ntok; i++) {
		const jsmntok_t *t = &p->tok[i];

		nodes++;
		if (t->type == JSMN_OBJECT)
			nodes -= (size_t)t->size;
		if ((t->type == JSMN_STRING || t->type == JSMN_PRIMITIVE) &&
		    t->end >= t->start)
			bytes += (size_t)(t->end - t->start) + 1;
	}
	if (nodes > 0 && nodes <= (size_t)p->ntok) {
		p->nodes = arena_alloc(p->a, nodes * sizeof(*p->nodes));
		p->capnodes = nodes;
	}
	if (bytes > 0 && p->tab == NULL) {
		p->strs = arena_alloc(p->a, bytes);
		p->capstrs = bytes;
	}
}

/* Explains why jsmn gave up at offset at. */
static void
jsmn_failed(struct parser *p, int n, size_t at)
{
	const char *name;
	uint32_t namelen;
	size_t i;
	char c[2];

	if (at < p->len && p->src[at] == '"') {
		for (i = at + 1; i < p->len && p->src[i] != '"'; i++)
			if (p->src[i] == '\\')
				i++;
		if (i >= p->len) {
			perr(p, at, NULL, NULL, "unterminated string%s", "");
			return;
		}
		if (decode_string(p, at + 1, i, NULL, NULL, &name,
		    &namelen) < 0)
			return;
	}
	if (n == JSMN_ERROR_PART || at >= p->len) {
		perr(p, p->len, NULL, NULL, "unexpected end of input%s", "");
		return;
	}
	c[0] = p->src[at];
	c[1] = '\0';
	if ((unsigned char)c[0] > 0x20 && (unsigned char)c[0] < 0x7f)
		perr(p, at, NULL, NULL, "unexpected character '%s'", c);
	else
		perr(p, at, NULL, NULL, "unexpected byte%s", "");
}

int
json_parse(struct json **out, struct arena *a, const char *name,
    const char *src, size_t len, struct diag *d)
{
	return json_parse_shared(out, a, NULL, name, src, len, d);
}

/*
 * The offset of the first '[' or '{' of src nested deeper than any
 * document may be (the tree would fail there anyway), or len: found in
 * one pass, before jsmn, whose time grows with the depth at each ']'.
 */
static size_t
too_deep_at(const char *src, size_t len)
{
	size_t i, depth = 0;

	for (i = 0; i < len; i++)
		switch (src[i]) {
		case '"':
			for (i++; i < len && src[i] != '"'; i++)
				if (src[i] == '\\')
					i++;
			break;
		case '[':
		case '{':
			if (++depth > JSON_MAX_DEPTH + 1)
				return i;
			break;
		case ']':
		case '}':
			if (depth > 0)
				depth--;
			break;
		}
	return len;
}

int
json_parse_shared(struct json **out, struct arena *a,
    struct json_strtab *tab, const char *name, const char *src, size_t len,
    struct diag *d)
{
	struct parser p;
	jsmn_parser jp;
	struct json *root = NULL;
	size_t bad;
	unsigned ntok;
	int n, rc = -1;

	memset(&p, 0, sizeof(p));
	p.a = a;
	p.tab = tab;
	p.d = d;
	p.name = name;
	p.at.line = p.at.col = 1;
	buf_init(&p.scratch, 0);
	*out = NULL;

	if (len > JSON_MAX_BYTES)
		return diag_err(d, "%s: larger than the %u bytes allowed "
		    "for a JSON document", name, JSON_MAX_BYTES);
	if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0) {
		src += 3;	/* a byte order mark: skipped */
		len -= 3;
	}
	p.src = src;
	p.len = len;
	if ((bad = utf8_check(src, len)) != len) {
		perr(&p, bad, NULL, NULL, "invalid UTF-8: JSON is UTF-8 text; "
		    "convert the file, from Shift_JIS with iconv -f CP932 -t "
		    "UTF-8 %s", name);
		goto out;	/* p.scratch holds the message's text */
	}

	if ((bad = too_deep_at(src, len)) != len) {
		perr(&p, bad, NULL, NULL, "nested deeper than %s levels", "100");
		goto out;
	}

	/* An upper bound of tokens for small inputs, a count for others. */
	jsmn_init(&jp);
	if (len <= 64 * 1024)
		ntok = (unsigned)(len / 2 + 2);
	else {
		n = jsmn_parse(&jp, src, len, NULL, 0);
		ntok = n > 0 ? (unsigned)n : 1;
		jsmn_init(&jp);
	}
	p.tok = xreallocarray(NULL, ntok, sizeof(*p.tok));
	skip_ws(&p);
	if (p.pos >= len) {
		perr(&p, len, NULL, NULL, "empty input, expected a value%s", "");
		goto out;
	}
	if (src[p.pos] != '{' && src[p.pos] != '[' && src[p.pos] != '"') {
		/* jsmn wants a delimiter after a primitive: do it here. */
		p.tok[0].type = JSMN_PRIMITIVE;
		p.tok[0].start = (int)p.pos;
		for (n = (int)p.pos; (size_t)n < len && !strchr(" \t\r\n", src[n]);
		    n++)
			continue;
		p.tok[0].end = n;
		p.tok[0].size = 0;
		n = 1;
	} else if ((n = jsmn_parse(&jp, src, len, p.tok, ntok)) < 0) {
		jsmn_failed(&p, n, jp.pos);
		goto out;
	}
	p.ntok = n;
	size_tree(&p);
	if (parse_value(&p, NULL, NULL, 0, 1, &root) < 0)
		goto out;
	skip_ws(&p);
	if (p.pos != len || p.next != p.ntok) {
		perr(&p, p.pos, NULL, NULL,
		    "unexpected data after the JSON value%s", "");
		goto out;
	}
	*out = root;
	rc = 0;
out:
	free(p.tok);
	buf_release(&p.scratch);
	return rc;
}

const struct json *
json_get(const struct json *obj, const char *key)
{
	const struct json *m;
	size_t n;

	if (obj == NULL || obj->type != JSON_OBJECT)
		return NULL;
	n = strlen(key);
	for (m = obj->child; m != NULL; m = m->next)
		if (m->keylen == n && memcmp(m->key, key, n) == 0)
			return m;
	return NULL;
}

const char *
json_id(const struct json *v)
{
	if (v == NULL)
		return NULL;
	if (v->type == JSON_STRING)
		return v->str;
	return json_get_str(v, "id");
}

const char *
json_str(const struct json *v)
{
	return v != NULL && v->type == JSON_STRING ? v->str : NULL;
}

const char *
json_get_str(const struct json *obj, const char *key)
{
	return json_str(json_get(obj, key));
}

bool
json_str_eq(const struct json *v, const char *s)
{
	return v != NULL && v->type == JSON_STRING && strcmp(v->str, s) == 0;
}

bool
json_has_str(const struct json *v, const char *s)
{
	const struct json *e;

	if (json_str_eq(v, s))
		return true;
	if (v == NULL || v->type != JSON_ARRAY)
		return false;
	for (e = v->child; e != NULL; e = e->next)
		if (json_str_eq(e, s))
			return true;
	return false;
}

void
json_add_copy(struct arena *a, struct json *obj, const struct json *m,
    const char *key)
{
	struct json *c = arena_alloc(a, sizeof(*c));

	*c = *m;
	if (key != NULL) {
		c->key = key;
		c->keylen = strlen(key);
	}
	c->parent = obj;
	c->next = NULL;
	if (obj->last != NULL)
		obj->last->next = c;
	else
		obj->child = c;
	obj->last = c;
	obj->len++;
}

bool
json_equal(const struct json *x, const struct json *y)
{
	const struct json *m, *o;

	if (x == y)
		return true;
	if (x == NULL || y == NULL || x->type != y->type)
		return false;
	switch (x->type) {
	case JSON_NULL:
	case JSON_TRUE:
	case JSON_FALSE:
		return true;
	case JSON_NUMBER:
		return x->num == y->num;
	case JSON_STRING:
		return x->len == y->len && memcmp(x->str, y->str, x->len) == 0;
	case JSON_ARRAY:
		if (x->len != y->len)
			return false;
		for (m = x->child, o = y->child; m != NULL; m = m->next,
		    o = o->next)
			if (!json_equal(m, o))
				return false;
		return true;
	case JSON_OBJECT:
		if (x->len != y->len)
			return false;
		for (m = x->child; m != NULL; m = m->next) {
			for (o = y->child; o != NULL; o = o->next)
				if (o->keylen == m->keylen &&
				    memcmp(o->key, m->key, m->keylen) == 0)
					break;
			if (o == NULL || !json_equal(m, o))
				return false;
		}
		return true;
	}
	return false;
}

const struct json *
json_at(const struct json *arr, size_t i)
{
	const struct json *e;

	if (arr == NULL || arr->type != JSON_ARRAY)
		return NULL;
	for (e = arr->child; e != NULL && i > 0; e = e->next)
		i--;
	return e;
}

bool
json_is_true(const struct json *v)
{
	return v != NULL && v->type != JSON_NULL && v->type != JSON_FALSE;
}

const char *
json_type_name(enum json_type t)
{
	switch (t) {
	case JSON_NULL: return "null";
	case JSON_FALSE:
	case JSON_TRUE: return "boolean";
	case JSON_NUMBER: return "number";
	case JSON_STRING: return "string";
	case JSON_ARRAY: return "array";
	case JSON_OBJECT: return "object";
	}
	return "value";
}

void
json_path(const struct json *v, struct buf *out)
{
	const struct json *e;
	size_t i;

	if (v == NULL || v->parent == NULL) {
		BUF_PUTSL(out, "$");
		return;
	}
	json_path(v->parent, out);
	if (v->parent->type == JSON_OBJECT) {
		buf_putc(out, '.');
		buf_put(out, v->key, v->keylen);
	} else {
		for (i = 0, e = v->parent->child; e != NULL && e != v;
		    e = e->next)
			i++;
		buf_printf(out, "[%zu]", i);
	}
}

struct json *
json_new(struct arena *a, enum json_type t)
{
	struct json *v = arena_alloc(a, sizeof(*v));

	v->type = t;
	return v;
}

struct json *
json_new_strn(struct arena *a, const char *s, size_t len)
{
	struct json *v = json_new(a, JSON_STRING);

	v->str = arena_strndup(a, s, len);
	v->len = (uint32_t)len;
	return v;
}

struct json *
json_new_str(struct arena *a, const char *s)
{
	return json_new_strn(a, s, strlen(s));
}

struct json *
json_new_num(struct arena *a, double n)
{
	struct json *v = json_new(a, JSON_NUMBER);
	char tmp[64];

	if (n == (double)(long long)n && n > -1e15 && n < 1e15)
		snprintf(tmp, sizeof(tmp), "%lld", (long long)n);
	else
		snprintf(tmp, sizeof(tmp), "%.17g", n);
	v->str = arena_strdup(a, tmp);
	v->len = (uint32_t)strlen(tmp);
	v->num = n;
	return v;
}

struct json *
json_new_bool(struct arena *a, bool b)
{
	return json_new(a, b ? JSON_TRUE : JSON_FALSE);
}

struct json *
json_add(struct arena *a, struct json *container, const char *key,
    struct json *v)
{
	if (key != NULL) {
		v->keylen = (uint32_t)strlen(key);
		v->key = arena_strndup(a, key, v->keylen);
	}
	v->parent = container;
	v->next = NULL;
	link_child(container, v);
	return v;
}

struct json *
json_add_str(struct arena *a, struct json *obj, const char *key,
    const char *s)
{
	return json_add(a, obj, key, json_new_str(a, s));
}

struct json *
json_add_num(struct arena *a, struct json *obj, const char *key, double n)
{
	return json_add(a, obj, key, json_new_num(a, n));
}

struct json *
json_add_bool(struct arena *a, struct json *obj, const char *key, bool b)
{
	return json_add(a, obj, key, json_new_bool(a, b));
}

struct json *
json_add_obj(struct arena *a, struct json *obj, const char *key)
{
	return json_add(a, obj, key, json_new(a, JSON_OBJECT));
}

struct json *
json_add_arr(struct arena *a, struct json *obj, const char *key)
{
	return json_add(a, obj, key, json_new(a, JSON_ARRAY));
}

void
json_write_str(struct buf *out, const char *s, size_t len, int flags)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i, run = 0, n, k;
	uint32_t cp;

	buf_putc(out, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = u[i];
		const char *esc = NULL;
		char tmp[7];

		if (c == '"')
			esc = "\\\"";
		else if (c == '\\')
			esc = "\\\\";
		else if (c == '\n')
			esc = "\\n";
		else if (c == '\r')
			esc = "\\r";
		else if (c == '\t')
			esc = "\\t";
		else if (c == '\b')
			esc = "\\b";
		else if (c == '\f')
			esc = "\\f";
		else if (c < 0x20 || ((flags & JSON_WRITE_SCRIPT) &&
		    (c == '<' || c == '>' || c == '&' || c == 0x7f))) {
			memcpy(tmp, "\\u00", 4);
			tmp[4] = hex[c >> 4];
			tmp[5] = hex[c & 15];
			tmp[6] = '\0';
			esc = tmp;
		} else if ((flags & JSON_WRITE_SCRIPT) && c >= 0x80 &&
		    (n = utf8_seq_len(c)) > 1 && i + n <= len &&
		    utf8_check(s + i, n) == n) {
			/* U+2028, U+2029, U+FFFE, U+FFFF, C1, bidi */
			k = i;
			cp = utf8_next(s, len, &k);
			if (cp == 0x2028 || cp == 0x2029 || cp == 0xfffe ||
			    cp == 0xffff || utf8_is_control_or_bidi(cp)) {
				buf_put(out, s + i - run, run);
				run = 0;
				buf_printf(out, "\\u%04x", (unsigned)cp);
			} else
				run += n;
			i += n - 1;
			continue;
		}
		if (esc == NULL) {
			run++;
			continue;
		}
		buf_put(out, s + i - run, run);
		run = 0;
		buf_puts(out, esc);
	}
	buf_put(out, s + len - run, run);
	buf_putc(out, '"');
}

static void
indent(struct buf *out, unsigned depth)
{
	buf_putc(out, '\n');
	while (depth-- > 0)
		BUF_PUTSL(out, "  ");
}

static void
write_value(struct buf *out, const struct json *v, int flags, unsigned depth)
{
	const struct json *e;
	bool pretty = flags & JSON_WRITE_PRETTY;

	switch (v->type) {
	case JSON_NULL: BUF_PUTSL(out, "null"); return;
	case JSON_TRUE: BUF_PUTSL(out, "true"); return;
	case JSON_FALSE: BUF_PUTSL(out, "false"); return;
	case JSON_NUMBER: buf_put(out, v->str, v->len); return;
	case JSON_STRING: json_write_str(out, v->str, v->len, flags); return;
	case JSON_ARRAY:
	case JSON_OBJECT:
		break;
	}
	buf_putc(out, v->type == JSON_OBJECT ? '{' : '[');
	for (e = v->child; e != NULL; e = e->next) {
		if (pretty)
			indent(out, depth + 1);
		if (v->type == JSON_OBJECT) {
			json_write_str(out, e->key, e->keylen, flags);
			buf_puts(out, pretty ? ": " : ":");
		}
		write_value(out, e, flags, depth + 1);
		if (e->next != NULL)
			buf_putc(out, ',');
	}
	if (pretty && v->child != NULL)
		indent(out, depth);
	buf_putc(out, v->type == JSON_OBJECT ? '}' : ']');
}

void
json_write(struct buf *out, const struct json *v, int flags)
{
	write_value(out, v, flags, 0);
}
