/*
 * mustache.c - the Mustache engine: a compiler from template text to a
 * flat list of nodes, a cache of compiled templates, and a renderer.
 *
 * Compiling takes two passes.  The first cuts the text into tags (set
 * delimiter tags take effect as they are met) and pairs every section,
 * parent and block with its closing tag, so that syntax errors are found
 * with their place before anything is built.  The second walks the text
 * line by line and decides which tags stand alone on their line (such a
 * line leaves no trace in the output), where lines start (indentation
 * points, where the indentation of a standalone partial, parent or block
 * is written) and how blocks are re-indented.  It emits the nodes.
 *
 * Nodes are kept in one array per template; a node with children is
 * followed by them, and its `end` is the index after the last one.
 * Text nodes hold whole runs of lines: every newline inside a text
 * node, except a final one, is followed by an indentation point.
 *
 * Indentation, after the specification and its inheritance module:
 *   - A standalone partial or parent tag ("  {{>p}}" alone on its line,
 *     or "  {{<p}}...{{/p}}" with nothing but blanks after the closing
 *     tag) writes its leading blanks before every line of the template
 *     it includes.  Indentations add up through nested inclusions.
 *     Other partials and parents are included with no indentation.
 *   - A block in a parent template (a parameter) that stands alone the
 *     same way has an indentation: that of the line after it when the
 *     opening tag ends its line ("intrinsic" indentation), else its own
 *     leading blanks.  The lines of a block lose its indentation where
 *     it is written and get the parameter's where it is expanded.
 *   - A block given to a parent (an argument) whose opening tag ends its
 *     line takes the indentation of its first line the same way.
 *   - The line of a standalone parameter block ends with its content:
 *     the newline after the closing tag is written only when the content
 *     does not end with a newline itself; content of blanks only is
 *     dropped with the line.
 */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "htab.h"
#include "jsnum.h"
#include "mustache.h"
#include "utf8.h"

#define MAX_DELIM	16		/* bytes in a delimiter */

enum ntype {
	N_TEXT,		/* s/len: text */
	N_INDENT,	/* an indentation point not followed by text */
	N_VAR,		/* {{name}}: escaped */
	N_RAW,		/* {{{name}}}, {{&name}} */
	N_SECTION,	/* {{#name}}: children */
	N_INVERTED,	/* {{^name}}: children */
	N_PARTIAL,	/* {{>name}}: target */
	N_PARENT,	/* {{<name}}: target; block children are arguments */
	N_BLOCK		/* {{$name}}: children are the default or argument */
};

#define NF_LEAD		0x01	/* N_TEXT: an indentation point before it */
#define NF_STANDALONE	0x02	/* N_PARTIAL, N_PARENT, N_BLOCK */

struct part {
	const char	*s;
	size_t		 len;
};

struct tpl;

struct node {
	unsigned char	 type;		/* enum ntype */
	unsigned char	 flags;		/* NF_* */
	unsigned	 nparts;	/* parts of a name; 0 for "." */
	unsigned	 line, col;	/* place of the tag */
	size_t		 end;		/* index after the node's children */
	const char	*s;		/* N_TEXT: text; else the name */
	size_t		 len;
	const struct part *parts;	/* N_VAR ... N_INVERTED: dotted name */
	const char	*indent;	/* N_PARTIAL, N_PARENT, N_BLOCK */
	size_t		 indentlen;
	const char	*tail;		/* N_BLOCK: end of the line after it */
	size_t		 taillen;
	const struct tpl *target;	/* N_PARTIAL (NULL: none), N_PARENT */
};

struct tpl {
	const char	*name;
	const char	*src;
	size_t		 len;
	struct node	*nodes;
	size_t		 n;
};

/* A cache entry: a template by name, or NULL when the loader has none. */
struct entry {
	const char	*name;
	size_t		 namelen;
	uint64_t	 hash;
	const struct tpl *tpl;
};

struct mustache {
	pthread_mutex_t	 lock;
	mustache_load_fn load;
	void		*arg;
	struct arena	 arena;		/* names, sources, templates, entries */
	struct entry	**ent;		/* in the order they were added */
	size_t		 nent, capent;
	struct htab	 index;		/* the entries by name */
};

/*
 * The cache.
 */

static uint64_t
hash_name(const char *s, size_t len)
{
	return hash_bytes(s, len);
}

static uint64_t
entry_hash(const void *e)
{
	return ((const struct entry *)e)->hash;
}

static struct entry *
cache_find(struct mustache *m, const char *name, size_t len)
{
	uint64_t h = hash_name(name, len);
	struct htab_iter it;
	struct entry *e;

	for (e = htab_first(&m->index, h, &it); e != NULL;
	    e = htab_next(&m->index, &it))
		if (e->hash == h && e->namelen == len &&
		    memcmp(e->name, name, len) == 0)
			return e;
	return NULL;
}

/* Indexes the entry e (its name is not in the cache). */
static void
cache_index(struct mustache *m, struct entry *e)
{
	struct htab_iter it;
	void *o;

	for (o = htab_first(&m->index, e->hash, &it); o != NULL;
	    o = htab_next(&m->index, &it))
		continue;
	htab_insert(&m->index, &it, e, entry_hash);
}

/* Forgets the entries added after the first n. */
static void
cache_truncate(struct mustache *m, size_t n)
{
	size_t i;

	m->nent = n;
	htab_release(&m->index);
	for (i = 0; i < m->nent; i++)
		cache_index(m, m->ent[i]);
}

/* Adds an entry (the name must not be in the cache); name is kept. */
static struct entry *
cache_add(struct mustache *m, const char *name, size_t len,
    const struct tpl *t)
{
	struct entry *e = arena_alloc(&m->arena, sizeof(*e));

	if (m->nent == m->capent) {
		m->capent = m->capent ? m->capent * 2 : 16;
		m->ent = xreallocarray(m->ent, m->capent, sizeof(*m->ent));
	}
	m->ent[m->nent++] = e;
	e->name = name;
	e->namelen = len;
	e->hash = hash_name(name, len);
	e->tpl = t;
	cache_index(m, e);
	return e;
}

/*
 * The parser.
 */

struct tok {
	size_t		 start, end;	/* the tag, delimiters included */
	const char	*name;		/* content, blanks trimmed */
	size_t		 namelen;
	size_t		 match;		/* the closing or opening tag */
	unsigned	 line, col;
	char		 kind;		/* 'v', '{', or # ^ / ! > < $ & = */
};

struct scope {
	size_t		 node;
	const char	*indent;	/* '$': removed from the lines inside */
	size_t		 indentlen;
	char		 kind;		/* '#', '^', '$' or '<' */
	bool		 arg;		/* '$': an argument of a parent */
	bool		 standalone;	/* '<', '$': the pair stands alone */
};

struct parser {
	struct arena	*arena;
	const char	*name;
	const char	*src;
	size_t		 len;
	struct diag	*d;
	struct utf8_pos	 at;		/* line and column last located */
	struct tok	*tok;
	size_t		 ntok, captok;
	struct node	*node;
	size_t		 nnode, capnode;
	struct scope	 scope[MUSTACHE_MAX_NEST];
	size_t		 depth;
	struct buf	 text;		/* text not yet in a node */
	bool		 text_lead;	/* it starts at an indentation point */
	bool		 want_ind;	/* an indentation point is due */
};

static bool
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f';
}

static bool
all_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_blank((unsigned char)s[i]))
			return false;
	return true;
}

/* Whether only blanks follow offset off up to the end of its line. */
static bool
blank_to_eol(const struct parser *p, size_t off)
{
	for (; off < p->len && p->src[off] != '\n'; off++)
		if (!is_blank((unsigned char)p->src[off]))
			return false;
	return true;
}

/* The first place of the n bytes of needle in the len bytes of s, or NULL. */
static const char *
find(const char *s, size_t len, const char *needle, size_t n)
{
	const char *e = s + len, *c;

	while ((size_t)(e - s) >= n &&
	    (c = memchr(s, needle[0], (size_t)(e - s) - n + 1)) != NULL) {
		if (memcmp(c, needle, n) == 0)
			return c;
		s = c + 1;
	}
	return NULL;
}

static int
perr(struct parser *p, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
perr(struct parser *p, unsigned line, unsigned col, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	rc = diag_err(p->d, "%s:%u:%u: %s", p->name, line, col, msg.data);
	buf_release(&msg);
	return rc;
}

static const char *
scope_word(char kind)
{
	switch (kind) {
	case '<':
		return "parent";
	case '$':
		return "block";
	case '^':
		return "inverted section";
	default:
		return "section";
	}
}

/* Checks the delimiters of a set delimiter tag and installs them. */
static int
set_delims(struct parser *p, const struct tok *t, const char *s, size_t n,
    char *open, size_t *olen, char *close, size_t *clen)
{
	size_t a, b, c, e;

	if (n == 0 || s[n - 1] != '=')
		goto bad;
	n--;
	for (a = 0; a < n && is_blank((unsigned char)s[a]); a++)
		;
	for (e = n; e > a && is_blank((unsigned char)s[e - 1]); e--)
		;
	for (b = a; b < e && !is_blank((unsigned char)s[b]); b++)
		;
	for (c = b; c < e && is_blank((unsigned char)s[c]); c++)
		;
	if (b == a || c == b || c == e || b - a > MAX_DELIM ||
	    e - c > MAX_DELIM)
		goto bad;
	if (memchr(s + a, '=', b - a) != NULL ||
	    memchr(s + c, '=', e - c) != NULL)
		goto bad;
	for (n = c; n < e; n++)
		if (is_blank((unsigned char)s[n]))
			goto bad;
	memcpy(open, s + a, b - a);
	*olen = b - a;
	memcpy(close, s + c, e - c);
	*clen = e - c;
	return 0;
bad:
	return perr(p, t->line, t->col,
	    "bad set delimiter tag: expected two delimiters with no blank or '=' in them");
}

/* Checks the name of a tag. */
static int
check_name(struct parser *p, const struct tok *t)
{
	size_t i;

	if (t->kind == '!' || t->kind == '=')
		return 0;
	if (t->namelen == 0)
		return perr(p, t->line, t->col, "empty tag");
	for (i = 0; i < t->namelen; i++)
		if (is_blank((unsigned char)t->name[i]))
			return perr(p, t->line, t->col,
			    "blank in tag name \"%.*s\"", (int)t->namelen,
			    t->name);
	if (!strchr("v{&#^", t->kind) ||
	    (t->namelen == 1 && t->name[0] == '.'))
		return 0;
	for (i = 0; i < t->namelen; i++)
		if (t->name[i] == '.' && (i == 0 || i + 1 == t->namelen ||
		    t->name[i + 1] == '.'))
			return perr(p, t->line, t->col,
			    "bad name \"%.*s\": empty part", (int)t->namelen,
			    t->name);
	return 0;
}

/*
 * Pass one: cuts the text into tags and pairs the sections, parents and
 * blocks with their closing tags.
 */
static int
tokenize(struct parser *p)
{
	char open[MAX_DELIM], close[MAX_DELIM + 1];
	size_t olen = 2, clen = 2, i = 0, depth = 0;
	size_t stack[MUSTACHE_MAX_NEST];
	const char *src = p->src, *s, *c;

	memcpy(open, "{{", 2);
	memcpy(close, "}}}", 3);	/* close + 1 is the delimiter */
	while (i < p->len &&
	    (s = find(src + i, p->len - i, open, olen)) != NULL) {
		struct tok t;
		size_t q;

		memset(&t, 0, sizeof(t));
		t.start = (size_t)(s - src);
		utf8_locate(&p->at, p->src, p->len, t.start);
		t.line = p->at.line;
		t.col = p->at.col;
		t.kind = 'v';
		q = t.start + olen;
		if (q < p->len && src[q] == '{') {
			/* {{{name}}}: the closing delimiter follows a '}'. */
			t.kind = '{';
			q++;
			c = find(src + q, p->len - q, close, clen + 1);
			t.end = c ? (size_t)(c - src) + clen + 1 : 0;
		} else {
			if (q < p->len &&
			    memchr("#^/!><$&=", src[q], 9) != NULL)
				t.kind = src[q++];
			c = find(src + q, p->len - q, close + 1, clen);
			t.end = c ? (size_t)(c - src) + clen : 0;
		}
		if (c == NULL || (t.kind != '!' &&
		    memchr(src + q, '\n', (size_t)(c - (src + q))) != NULL))
			return perr(p, t.line, t.col, "unclosed tag");
		t.name = src + q;
		t.namelen = (size_t)(c - t.name);
		if (t.kind == '=') {
			if (set_delims(p, &t, t.name, t.namelen, open, &olen,
			    close + 1, &clen) < 0)
				return -1;
		} else {
			while (t.namelen > 0 &&
			    is_blank((unsigned char)*t.name)) {
				t.name++;
				t.namelen--;
			}
			while (t.namelen > 0 &&
			    is_blank((unsigned char)t.name[t.namelen - 1]))
				t.namelen--;
		}
		if (check_name(p, &t) < 0)
			return -1;
		switch (t.kind) {
		case '#':
		case '^':
		case '$':
		case '<':
			if (depth == MUSTACHE_MAX_NEST)
				return perr(p, t.line, t.col,
				    "sections nested more than %d deep",
				    MUSTACHE_MAX_NEST);
			stack[depth++] = p->ntok;
			break;
		case '/': {
			struct tok *o;

			if (depth == 0)
				return perr(p, t.line, t.col,
				    "closing tag \"%.*s\" has no opening tag",
				    (int)t.namelen, t.name);
			o = &p->tok[stack[depth - 1]];
			if (o->namelen != t.namelen ||
			    memcmp(o->name, t.name, t.namelen) != 0)
				return perr(p, t.line, t.col,
				    "closing tag \"%.*s\" does not match %s \"%.*s\" opened at %u:%u",
				    (int)t.namelen, t.name, scope_word(o->kind),
				    (int)o->namelen, o->name, o->line, o->col);
			o->match = p->ntok;
			t.match = stack[--depth];
			break;
		}
		default:
			break;
		}
		if (p->ntok == p->captok) {
			p->captok = p->captok ? p->captok * 2 : 64;
			p->tok = xreallocarray(p->tok, p->captok,
			    sizeof(*p->tok));
		}
		p->tok[p->ntok++] = t;
		i = t.end;
	}
	if (depth > 0) {
		const struct tok *o = &p->tok[stack[depth - 1]];

		return perr(p, o->line, o->col, "unclosed %s \"%.*s\"",
		    scope_word(o->kind), (int)o->namelen, o->name);
	}
	return 0;
}

/* Skips the indentation of the blocks around, as far as it is there. */
static size_t
dedent(const struct parser *p, size_t pos)
{
	size_t k;

	for (k = 0; k < p->depth; k++) {
		const struct scope *sc = &p->scope[k];

		if (sc->kind != '$' || sc->indentlen == 0)
			continue;
		if (p->len - pos < sc->indentlen ||
		    memcmp(p->src + pos, sc->indent, sc->indentlen) != 0)
			break;
		pos += sc->indentlen;
	}
	return pos;
}

/* The end of the line at pos (after its newline); tags may span lines. */
static size_t
line_end(const struct parser *p, size_t pos, size_t ti)
{
	const char *nl;
	size_t e;

	nl = memchr(p->src + pos, '\n', p->len - pos);
	e = nl ? (size_t)(nl - p->src) : p->len;
	for (; ti < p->ntok && p->tok[ti].start < e; ti++) {
		if (p->tok[ti].end <= e)
			continue;
		nl = memchr(p->src + p->tok[ti].end, '\n',
		    p->len - p->tok[ti].end);
		e = nl ? (size_t)(nl - p->src) : p->len;
	}
	return e < p->len ? e + 1 : p->len;
}

static size_t
push_node(struct parser *p, enum ntype type, const struct tok *t)
{
	struct node *n;

	if (p->nnode == p->capnode) {
		p->capnode = p->capnode ? p->capnode * 2 : 64;
		p->node = xreallocarray(p->node, p->capnode, sizeof(*p->node));
	}
	n = &p->node[p->nnode];
	memset(n, 0, sizeof(*n));
	n->type = (unsigned char)type;
	n->end = p->nnode + 1;
	if (t != NULL) {
		n->line = t->line;
		n->col = t->col;
	}
	return p->nnode++;
}

static void
flush_text(struct parser *p)
{
	struct node *n;
	size_t i;

	if (p->text.len == 0)
		return;
	i = push_node(p, N_TEXT, NULL);
	n = &p->node[i];
	n->s = arena_strndup(p->arena, p->text.data, p->text.len);
	n->len = p->text.len;
	n->flags = p->text_lead ? NF_LEAD : 0;
	buf_reset(&p->text);
	p->text_lead = false;
}

/* Ends the pending text and indentation point, before a tag's node. */
static void
flush(struct parser *p)
{
	flush_text(p);
	if (p->want_ind) {
		push_node(p, N_INDENT, NULL);
		p->want_ind = false;
	}
}

static void
emit_indent(struct parser *p)
{
	p->want_ind = true;
}

static void
emit_text(struct parser *p, const char *s, size_t n)
{
	bool nl = p->text.len > 0 && p->text.data[p->text.len - 1] == '\n';

	if (n == 0)
		return;
	if (p->want_ind) {
		/* An indentation point inside text follows a newline. */
		if (p->text.len > 0 && !nl)
			flush_text(p);
		if (p->text.len == 0)
			p->text_lead = true;
		p->want_ind = false;
	} else if (nl)
		flush_text(p);
	buf_put(&p->text, s, n);
}

/* Emits the node of tag t, with its name. */
static struct node *
tag_node(struct parser *p, enum ntype type, const struct tok *t)
{
	struct node *n;
	struct part *parts;
	size_t i, k, start;

	flush(p);
	i = push_node(p, type, t);
	n = &p->node[i];
	n->s = arena_strndup(p->arena, t->name, t->namelen);
	n->len = t->namelen;
	if (type < N_VAR || type > N_INVERTED ||
	    (t->namelen == 1 && t->name[0] == '.'))
		return n;
	for (i = 0, k = 1; i < n->len; i++)
		k += n->s[i] == '.';
	parts = arena_alloc(p->arena, k * sizeof(*parts));
	for (i = 0, k = 0, start = 0; i <= n->len; i++) {
		if (i < n->len && n->s[i] != '.')
			continue;
		parts[k].s = n->s + start;
		parts[k++].len = i - start;
		start = i + 1;
	}
	n->parts = parts;
	n->nparts = (unsigned)k;
	return n;
}

static struct scope *
open_scope(struct parser *p, enum ntype type, const struct tok *t)
{
	struct scope *sc = &p->scope[p->depth++];

	tag_node(p, type, t);
	memset(sc, 0, sizeof(*sc));
	sc->node = p->nnode - 1;
	sc->kind = t->kind;
	return sc;
}

static void
close_scope(struct parser *p)
{
	struct scope *sc = &p->scope[--p->depth];

	flush(p);
	p->node[sc->node].end = p->nnode;
}

/*
 * Pass two: walks the lines, finds the standalone tags and the
 * indentation, and emits the nodes.
 */
static void
build(struct parser *p)
{
	const char *src = p->src;
	size_t pos = 0, ti = 0;

	while (pos < p->len) {
		size_t ls, eol, prev;
		bool first = true;

		ls = pos = dedent(p, pos);
		eol = line_end(p, pos, ti);
		prev = ls;
		while (ti < p->ntok && p->tok[ti].start < eol) {
			const struct tok *t = &p->tok[ti++];
			const struct scope *top =
			    p->depth ? &p->scope[p->depth - 1] : NULL;
			bool in_parent = top != NULL && top->kind == '<';
			bool param = t->kind == '$' && !in_parent;
			bool arg = t->kind == '$' && in_parent;
			bool pair = t->kind == '<' || param;
			bool alone = false, skip, intrinsic = false;
			const char *ind = NULL;
			size_t indlen = 0, leadlen = t->start - prev;
			struct scope *sc;
			struct node *n;

			/*
			 * A tag other than a variable stands alone when only
			 * blanks are around it on its line; for a parent or a
			 * parameter block, around the pair it opens.
			 */
			if (first && !strchr("v{&", t->kind) &&
			    all_blank(src + prev, leadlen))
				alone = pair ?
				    blank_to_eol(p, p->tok[t->match].end) :
				    all_blank(src + t->end, eol - t->end);
			skip = alone && !pair;
			if ((arg || (param && alone)) &&
			    all_blank(src + t->end, eol - t->end)) {
				size_t q = dedent(p, eol), k = q;

				while (k < p->len &&
				    (src[k] == ' ' || src[k] == '\t'))
					k++;
				ind = src + q;
				indlen = k - q;
				skip = intrinsic = true;
			} else if (alone) {
				ind = src + prev;
				indlen = leadlen;
			}
			if (!alone) {
				/*
				 * The line starts here, except before the
				 * closing tag of an argument at its start.
				 */
				if (first && !(t->start == ls &&
				    t->kind == '/' && top != NULL &&
				    top->kind == '$' && top->arg))
					emit_indent(p);
				emit_text(p, src + prev, leadlen);
			}
			switch (t->kind) {
			case 'v':
				tag_node(p, N_VAR, t);
				break;
			case '{':
			case '&':
				tag_node(p, N_RAW, t);
				break;
			case '#':
				open_scope(p, N_SECTION, t);
				break;
			case '^':
				open_scope(p, N_INVERTED, t);
				break;
			case '$':
				sc = open_scope(p, N_BLOCK, t);
				sc->arg = arg;
				sc->standalone = param && alone;
				sc->indent = ind;
				sc->indentlen = indlen;
				n = &p->node[sc->node];
				if (param && alone) {
					n->flags = NF_STANDALONE;
					n->indent = ind;
					n->indentlen = indlen;
				}
				/* Content on the opening line starts a line. */
				if ((arg && !skip) ||
				    (param && alone && !intrinsic))
					emit_indent(p);
				break;
			case '<':
				sc = open_scope(p, N_PARENT, t);
				sc->standalone = alone;
				n = &p->node[sc->node];
				if (alone) {
					n->flags = NF_STANDALONE;
					n->indent = ind;
					n->indentlen = indlen;
				}
				break;
			case '>':
				n = tag_node(p, N_PARTIAL, t);
				if (alone) {
					n->flags = NF_STANDALONE;
					n->indent = ind;
					n->indentlen = indlen;
				}
				break;
			case '/':
				/*
				 * The end of the line of a standalone block is
				 * its tail, written only when its content does
				 * not end a line.
				 */
				if (top->kind == '$' && top->standalone &&
				    !skip) {
					n = &p->node[top->node];
					n->tail = src + t->end;
					n->taillen = eol - t->end;
					skip = true;
				}
				if (top->kind == '<' && top->standalone)
					skip = true;
				close_scope(p);
				break;
			default:	/* comments, set delimiters */
				break;
			}
			first = false;
			if (skip) {
				prev = eol;
				break;
			}
			prev = t->end;
		}
		if (first && prev < eol)
			emit_indent(p);
		emit_text(p, src + prev, eol - prev);
		pos = eol;
	}
	flush_text(p);
	p->want_ind = false;
}

/* Compiles len bytes of src, which must live as long as the set. */
static int
compile(struct mustache *m, const char *name, const char *src, size_t len,
    struct tpl **out, struct diag *d)
{
	struct parser p;
	struct tpl *t;
	int rc;

	memset(&p, 0, sizeof(p));
	p.arena = &m->arena;
	p.name = name;
	p.src = src;
	p.len = len;
	p.d = d;
	p.at.line = p.at.col = 1;
	buf_init(&p.text, 0);
	*out = NULL;
	if ((rc = tokenize(&p)) == 0) {
		build(&p);
		t = arena_alloc(&m->arena, sizeof(*t));
		t->name = name;
		t->src = src;
		t->len = len;
		t->n = p.nnode;
		t->nodes = arena_alloc(&m->arena,
		    (p.nnode ? p.nnode : 1) * sizeof(*t->nodes));
		if (p.nnode > 0)
			memcpy(t->nodes, p.node, p.nnode * sizeof(*t->nodes));
		*out = t;
	}
	free(p.tok);
	free(p.node);
	buf_release(&p.text);
	return rc;
}

/*
 * Compiling a template with everything it includes.  Runs with the
 * mutex held.  New templates become visible only when all of them
 * compiled; on error the cache is as it was.
 */
static int
resolve_all(struct mustache *m, struct tpl *root, struct diag *d)
{
	struct tpl **queue = NULL;
	size_t nq = 0, cap = 0, qi, i;
	int rc = 0;

	queue = xreallocarray(NULL, cap = 8, sizeof(*queue));
	queue[nq++] = root;
	for (qi = 0; qi < nq && rc == 0; qi++) {
		struct tpl *t = queue[qi];

		for (i = 0; i < t->n; i++) {
			struct node *n = &t->nodes[i];
			const struct entry *e;
			struct tpl *nt = NULL;
			const char *src;
			size_t len;

			if (n->type != N_PARTIAL && n->type != N_PARENT)
				continue;
			if ((e = cache_find(m, n->s, n->len)) == NULL) {
				if (m->load(m->arg, n->s, &src, &len) == 0) {
					rc = compile(m, n->s, src, len, &nt, d);
					if (rc < 0)
						break;
					if (nq == cap)
						queue = xreallocarray(queue,
						    cap *= 2, sizeof(*queue));
					queue[nq++] = nt;
				}
				e = cache_add(m, n->s, n->len, nt);
			}
			if (e->tpl == NULL && n->type == N_PARENT) {
				rc = diag_err(d, "%s:%u:%u: no template \"%s\"",
				    t->name, n->line, n->col, n->s);
				break;
			}
			n->target = e->tpl;
		}
	}
	free(queue);
	return rc;
}

/*
 * Finds or compiles the template name: from src when it is not NULL,
 * else through the loader.  Sets *out.
 */
static int
get_tpl(struct mustache *m, const char *name, const char *src, size_t len,
    const struct tpl **out, struct diag *d)
{
	size_t namelen = strlen(name), nent;
	struct entry *e;
	const struct tpl *old = NULL;
	struct tpl *t;
	char *copy;
	int rc = -1;

	pthread_mutex_lock(&m->lock);
	nent = m->nent;
	e = cache_find(m, name, namelen);
	if (e != NULL && e->tpl != NULL && (src == NULL ||
	    (e->tpl->len == len && memcmp(e->tpl->src, src, len) == 0))) {
		*out = e->tpl;
		rc = 0;
		goto out;
	}
	if (src == NULL) {
		if (e != NULL || m->load(m->arg, name, &src, &len) < 0) {
			rc = diag_err(d, "no template \"%s\"", name);
			goto out;
		}
	} else {
		copy = arena_alloc(&m->arena, len + 1);
		memcpy(copy, src, len);
		src = copy;
	}
	name = e != NULL ? e->name : arena_strndup(&m->arena, name, namelen);
	if (compile(m, name, src, len, &t, d) < 0)
		goto out;
	if (e != NULL) {
		/* New text for a name: replace it. */
		old = e->tpl;
		e->tpl = t;
	} else
		cache_add(m, name, namelen, t);
	if (resolve_all(m, t, d) < 0) {
		/* Forget what this call added. */
		if (e != NULL)
			e->tpl = old;
		cache_truncate(m, nent);
		goto out;
	}
	*out = t;
	rc = 0;
out:
	pthread_mutex_unlock(&m->lock);
	return rc;
}

/*
 * The renderer.
 */

struct ctx {
	const struct json *v;
	const struct ctx *up;
};

struct ind {
	const char	*s;
	size_t		 len;
	const struct ind *up;
};

/* The argument blocks of a parent being rendered. */
struct frame {
	const struct tpl *t;
	size_t		 i;		/* the N_PARENT node */
	const struct frame *up;
};

struct render {
	struct buf	*out;
	struct diag	*d;
	unsigned	 depth;		/* nesting, for MUSTACHE_MAX_DEPTH */
	unsigned	 incl;		/* partials and parents nested */
	unsigned long	 steps;
};

static int
rerr(struct render *r, const struct tpl *t, const struct node *n,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
rerr(struct render *r, const struct tpl *t, const struct node *n,
    const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	rc = diag_err(r->d, "%s:%u:%u: %s", t->name, n->line, n->col,
	    msg.data);
	buf_release(&msg);
	return rc;
}

static void
put_indent(struct buf *out, const struct ind *ind)
{
	if (ind == NULL)
		return;
	put_indent(out, ind->up);
	buf_put(out, ind->s, ind->len);
}

/* Writes text, indenting the lines after its inner newlines. */
static void
put_text(struct buf *out, const struct node *n, const struct ind *ind)
{
	const char *s = n->s, *e = n->s + n->len, *nl;

	if (ind != NULL)
		while ((nl = memchr(s, '\n', (size_t)(e - s))) != NULL &&
		    nl + 1 < e) {
			buf_put(out, s, (size_t)(nl + 1 - s));
			put_indent(out, ind);
			s = nl + 1;
		}
	buf_put(out, s, (size_t)(e - s));
}

static bool
is_int_literal(const char *s, size_t len)
{
	size_t i = 0;

	if (s == NULL)
		return false;
	if (i < len && s[i] == '-')
		i++;
	if (i == len)
		return false;
	for (; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static void
put_value(struct buf *out, const struct json *v, bool escape)
{
	switch (v->type) {
	case JSON_STRING:
		if (escape)
			esc_html(out, v->str, v->len);
		else
			buf_put(out, v->str, v->len);
		break;
	case JSON_NUMBER:
		if (is_int_literal(v->str, v->len))
			buf_put(out, v->str, v->len);
		else
			jsnum_string(out, v->num);
		break;
	case JSON_TRUE:
		BUF_PUTSL(out, "true");
		break;
	case JSON_FALSE:
		BUF_PUTSL(out, "false");
		break;
	default:
		break;
	}
}

/* The member key of obj, or NULL; counts the members looked at. */
static const struct json *
member(struct render *r, const struct json *obj, const char *key,
    size_t len)
{
	const struct json *c;

	if (obj == NULL || obj->type != JSON_OBJECT)
		return NULL;
	for (c = obj->child; c != NULL; c = c->next) {
		r->steps++;
		if (c->keylen == len && memcmp(c->key, key, len) == 0)
			return c;
	}
	return NULL;
}

/* The value of the name of node n, or NULL. */
static const struct json *
resolve(struct render *r, const struct ctx *c, const struct node *n)
{
	const struct json *v = NULL;
	unsigned k;

	if (n->nparts == 0)
		return c != NULL ? c->v : NULL;
	for (; c != NULL; c = c->up) {
		r->steps++;
		v = member(r, c->v, n->parts[0].s, n->parts[0].len);
		if (v != NULL)
			break;
	}
	for (k = 1; v != NULL && k < n->nparts; k++)
		v = member(r, v, n->parts[k].s, n->parts[k].len);
	return v;
}

static bool
falsy(const struct json *v)
{
	if (v == NULL)
		return true;
	switch (v->type) {
	case JSON_NULL:
	case JSON_FALSE:
		return true;
	case JSON_ARRAY:
		return v->child == NULL;
	case JSON_STRING:
		return v->len == 0;
	default:
		return false;
	}
}

/* The indentation ind with that of node n added. */
static const struct ind *
push_ind(struct ind *sub, const struct ind *ind, const struct node *n)
{
	if (n->indentlen == 0)
		return ind;
	sub->s = n->indent;
	sub->len = n->indentlen;
	sub->up = ind;
	return sub;
}

static int	 render(struct render *, const struct tpl *, size_t,
		    size_t, const struct ctx *, const struct ind *,
		    const struct frame *, bool);

static int
enter(struct render *r, const struct tpl *t, const struct node *n)
{
	if (r->out->over)
		return rerr(r, t, n, "output is larger than %zu bytes",
		    r->out->max);
	if (r->depth >= MUSTACHE_MAX_DEPTH)
		return rerr(r, t, n, "templates nested more than %d deep",
		    MUSTACHE_MAX_DEPTH);
	r->depth++;
	return 0;
}

static int
render_section(struct render *r, const struct tpl *t, size_t i,
    const struct ctx *c, const struct ind *ind, const struct frame *fr)
{
	const struct node *n = &t->nodes[i];
	const struct json *v = resolve(r, c, n), *e;
	struct ctx sub;
	int rc = 0;

	if (falsy(v) != (n->type == N_INVERTED))
		return 0;
	if (enter(r, t, n) < 0)
		return -1;
	sub.up = c;
	if (n->type == N_INVERTED)
		rc = render(r, t, i + 1, n->end, c, ind, fr, false);
	else if (v->type == JSON_ARRAY) {
		for (e = v->child; e != NULL && rc == 0; e = e->next) {
			sub.v = e;
			rc = render(r, t, i + 1, n->end, &sub, ind, fr, false);
			if (rc == 0 && e->next != NULL && r->out->over)
				rc = rerr(r, t, n,
				    "output is larger than %zu bytes",
				    r->out->max);
		}
	} else {
		sub.v = v;
		rc = render(r, t, i + 1, n->end, &sub, ind, fr, false);
	}
	r->depth--;
	return rc;
}

static int
render_include(struct render *r, const struct tpl *t, size_t i,
    const struct ctx *c, const struct ind *ind, const struct frame *fr)
{
	const struct node *n = &t->nodes[i];
	struct ind sub;
	struct frame f;
	int rc;

	if (n->target == NULL)
		return 0;
	if (r->incl >= MUSTACHE_MAX_INCLUDE)
		return rerr(r, t, n, "%s \"%s\" nested more than %d deep",
		    n->type == N_PARENT ? "parent" : "partial", n->s,
		    MUSTACHE_MAX_INCLUDE);
	if (enter(r, t, n) < 0)
		return -1;
	if (n->type == N_PARENT) {
		f.t = t;
		f.i = i;
		f.up = fr;
		fr = &f;
	}
	r->incl++;
	rc = render(r, n->target, 0, n->target->n, c,
	    (n->flags & NF_STANDALONE) ? push_ind(&sub, ind, n) : NULL, fr,
	    false);
	r->incl--;
	r->depth--;
	return rc;
}

/*
 * Ends the line of a standalone block whose content was written from
 * offset len0: content of blanks only is dropped with the line; other
 * content gets the newline after the block unless it ends with one.
 */
static void
end_line(struct buf *out, size_t len0, const struct node *n)
{
	size_t i;

	for (i = len0; i < out->len; i++)
		if (out->data[i] != ' ' && out->data[i] != '\t')
			break;
	if (i == out->len)
		buf_truncate(out, len0);
	else if (out->data[out->len - 1] != '\n')
		buf_put(out, n->tail, n->taillen);
}

static int
render_block(struct render *r, const struct tpl *t, size_t i,
    const struct ctx *c, const struct ind *ind, const struct frame *fr)
{
	const struct node *n = &t->nodes[i], *a;
	const struct frame *f, *hit = NULL;
	size_t j, end, at = 0, len0 = r->out->len;
	struct ind sub;
	bool alone = (n->flags & NF_STANDALONE) != 0;
	int rc;

	/* The outermost parent that passes this block wins. */
	for (f = fr; f != NULL; f = f->up) {
		end = f->t->nodes[f->i].end;
		for (j = f->i + 1; j < end; j = f->t->nodes[j].end) {
			a = &f->t->nodes[j];
			if (a->type == N_BLOCK && a->len == n->len &&
			    memcmp(a->s, n->s, n->len) == 0) {
				hit = f;
				at = j;
				break;
			}
		}
	}
	if (enter(r, t, n) < 0)
		return -1;
	if (hit != NULL) {
		/* An argument given inline continues the line. */
		a = &hit->t->nodes[at];
		rc = render(r, hit->t, at + 1, a->end, c,
		    alone ? push_ind(&sub, ind, n) : NULL, fr, !alone);
	} else
		rc = render(r, t, i + 1, n->end, c,
		    alone ? push_ind(&sub, ind, n) : ind, fr, false);
	if (rc == 0 && alone)
		end_line(r->out, len0, n);
	r->depth--;
	return rc;
}

/*
 * Renders the nodes i to end of t.  skip_lead drops an indentation point
 * before the first node.
 */
static int
render(struct render *r, const struct tpl *t, size_t i, size_t end,
    const struct ctx *c, const struct ind *ind, const struct frame *fr,
    bool skip_lead)
{
	const struct node *n;
	const struct json *v;

	for (; i < end; i = n->end, skip_lead = false) {
		n = &t->nodes[i];
		if (++r->steps > MUSTACHE_MAX_STEPS)
			return rerr(r, t, n,
			    "rendering stopped after %lu steps",
			    MUSTACHE_MAX_STEPS);
		switch (n->type) {
		case N_TEXT:
			if ((n->flags & NF_LEAD) && !skip_lead)
				put_indent(r->out, ind);
			put_text(r->out, n, ind);
			break;
		case N_INDENT:
			if (!skip_lead)
				put_indent(r->out, ind);
			break;
		case N_VAR:
		case N_RAW:
			if ((v = resolve(r, c, n)) != NULL)
				put_value(r->out, v, n->type == N_VAR);
			break;
		case N_SECTION:
		case N_INVERTED:
			if (render_section(r, t, i, c, ind, fr) < 0)
				return -1;
			break;
		case N_PARTIAL:
		case N_PARENT:
			if (render_include(r, t, i, c, ind, fr) < 0)
				return -1;
			break;
		case N_BLOCK:
			if (render_block(r, t, i, c, ind, fr) < 0)
				return -1;
			break;
		}
	}
	return 0;
}

static int
render_top(const struct tpl *t, const struct json *data, struct buf *out,
    struct diag *d)
{
	struct render r;
	struct ctx root;
	size_t len0 = out->len;
	bool over0 = out->over;
	int rc;

	memset(&r, 0, sizeof(r));
	r.out = out;
	r.d = d;
	root.v = data;
	root.up = NULL;
	out->over = false;
	rc = render(&r, t, 0, t->n, data != NULL ? &root : NULL, NULL, NULL,
	    false);
	if (rc == 0 && out->over)
		rc = diag_err(d, "%s: output is larger than %zu bytes", t->name,
		    out->max);
	if (rc < 0)
		buf_truncate(out, len0);
	out->over = over0;
	return rc;
}

/*
 * The API.
 */

struct mustache *
mustache_new(mustache_load_fn load, void *arg)
{
	struct mustache *m = xcalloc(1, sizeof(*m));

	pthread_mutex_init(&m->lock, NULL);
	m->load = load;
	m->arg = arg;
	return m;
}

void
mustache_free(struct mustache *m)
{
	if (m == NULL)
		return;
	pthread_mutex_destroy(&m->lock);
	arena_release(&m->arena);
	free(m->ent);
	htab_release(&m->index);
	free(m);
}

int
mustache_render(struct mustache *m, const char *name,
    const struct json *data, struct buf *out, struct diag *d)
{
	const struct tpl *t;

	if (get_tpl(m, name, NULL, 0, &t, d) < 0)
		return -1;
	return render_top(t, data, out, d);
}

int
mustache_render_src(struct mustache *m, const char *name, const char *src,
    size_t len, const struct json *data, struct buf *out, struct diag *d)
{
	const struct tpl *t;

	if (get_tpl(m, name, src != NULL ? src : "", len, &t, d) < 0)
		return -1;
	return render_top(t, data, out, d);
}
