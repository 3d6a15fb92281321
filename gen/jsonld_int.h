/*
 * jsonld_int.h - what the files of the JSON-LD processor share, and
 * nothing else includes (other modules use jsonld.h):
 *	jsonld_iri.c	keywords, IRIs relative to @base, small predicates
 *	jsonld_ctx.c	the compiled-in contexts, active contexts and their
 *			term tables, context processing, the memo of
 *			derived contexts, and the state of one conversion
 *	jsonld_expand.c	the expanded form and expansion
 *	jsonld.c	the node map and RDF, and the entry points
 * Their sections follow jsonld.js (lib/context.js, expand.js,
 * nodeMap.js, toRdf.js), whose steps their comments name.
 */
#ifndef BADGEGEN_JSONLD_INT_H
#define BADGEGEN_JSONLD_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "htab.h"
#include "json.h"
#include "jsonld.h"

#define MAX_CONTEXT_URLS	10	/* nested remote contexts, as jsonld.js */
#define GLOBAL_MEMO_MAX		1024	/* cached derived contexts */
#define DOC_DERIVE_MAX		10000	/* contexts built for one document */
#define DOC_WORK_MAX		4000000UL	/* expansion steps per document */

/* ---------------------------------------------------------------- */
/* Term definitions and active contexts                              */

enum {
	CT_LIST = 0x01, CT_SET = 0x02, CT_GRAPH = 0x04, CT_ID = 0x08,
	CT_INDEX = 0x10, CT_LANGUAGE = 0x20, CT_TYPE = 0x40
};

struct term {
	const char		*name;
	size_t			 namelen;
	uint32_t		 hash;
	const char		*iri;		/* NULL: mapped to null */
	const char		*type;		/* NULL, "@id", "@vocab",
	    "@json",
						   "@none" or an IRI */
	const struct json	*ctx;		/* scoped context (has_ctx) */
	const char		*language;	/* has_language; NULL is null */
	const char		*direction;	/* has_direction */
	const char		*index;		/* @index, or NULL */
	const char		*nest;		/* @nest, or NULL */
	unsigned		 container;	/* CT_*, when has_container */
	bool			 has_ctx, ctx_global, has_language,
				 has_direction, has_container, has_type;
	bool			 reverse, prefix, prefix_set, prot;
	bool			 has_colon;
};

struct actx {
	struct term		**slot;		/* open addressing */
	uint32_t		 size;		/* power of two, or 0 */
	uint32_t		 used;		/* live and deleted slots */
	const char		*vocab;		/* NULL: none */
	const char		*base;		/* when has_base; NULL is null */
	const char		*language;	/* default language, or NULL */
	const char		*direction;	/* default direction, or NULL */
	const struct actx	*previous;	/* before type-scoped contexts */
	bool			 has_base;
	bool			 global;	/* lives in the process arena */
	bool			 protected_any;	/* a term was ever protected */
};

/* A derived context: parent with the local context local, and flags. */
struct memo_ent {
	uint64_t		 hash;
	const struct actx	*parent;
	const void		*local;
	unsigned		 flags;
	const struct actx	*child;
};

/* The derived contexts by (parent, local, flags), entries in an arena. */
struct memo {
	struct htab		 tab;
};

/* ---------------------------------------------------------------- */
/* Small helpers                                                     */

/* Indexes into jld_keywords[]. */
enum {
	K_BASE,
	K_CONTAINER,
	K_CONTEXT,
	K_DEFAULT,
	K_DIRECTION,
	K_EMBED,
	K_EXPLICIT,
	K_GRAPH,
	K_ID,
	K_INCLUDED,
	K_INDEX,
	K_JSON,
	K_LANGUAGE,
	K_LIST,
	K_NEST,
	K_NONE,
	K_OMITDEFAULT,
	K_PREFIX,
	K_PRESERVE,
	K_PROTECTED,
	K_REQUIREALL,
	K_REVERSE,
	K_SET,
	K_TYPE,
	K_VALUE,
	K_VERSION,
	K_VOCAB,
	NKEYWORDS
};

/* ---------------------------------------------------------------- */
/* State of one conversion                                          */

struct jst {
	struct arena	*a;		/* the document's arena */
	struct diag	*d;
	struct memo	 memo;		/* derivations of document contexts */
	size_t		 derived;	/* contexts built for this document */
	unsigned long	 work;		/* expansion steps left */
	bool		 locked;	/* holding G.lock */
};

/* ---------------------------------------------------------------- */
/* The expanded form                                                 */

/* Bit of struct xobj's kw for a keyword entry. */
#define KW(k)	(1u << (k))

struct xobj;

struct xlist {
	struct xobj	*head, *tail;
	size_t		 n;
};

struct xstr {
	const char	*s;
	struct xstr	*next;
};

struct xprop {
	const char	*iri;
	struct xlist	 vals;
	struct xprop	*next;
};

/*
 * An expanded element as jsonld.js builds it: a map from keywords and
 * property IRIs to values, later read as a node, value, list, set or
 * graph object.  A raw element is a scalar jsonld.js keeps unexpanded
 * (the value of a keyword it ignores); it yields no RDF.
 */
struct xobj {
	struct xobj		*next;		/* in its list */
	const struct json	*src;		/* for messages */
	uint32_t		 kw;		/* keyword entries present */
	const char		*id;		/* @id; NULL is null */
	struct xstr		*types, *types_tail;
	size_t			 ntypes;
	const struct json	*value;		/* @value */
	const char		*vtype;		/* datatype of a value */
	const char		*lang, *dir;
	const char		*index;		/* @index, or NULL */
	struct xprop		*props;
	size_t			 nprops;
	struct xprop		*rev;		/* the @reverse map */
	struct xlist		 graph, list, set, included;
	bool			 raw;
};

enum { XR_NULL, XR_ONE, XR_ARRAY };

/* What jld_expand returns: null, one element, or an array of them. */
struct xres {
	int		 kind;
	struct xlist	 l;
};

struct cproc;

/* The names of the keywords, by K_* index. */
extern const char *const jld_keywords[NKEYWORDS];

/* Whether s is the keyword jld_keywords[k]. */
static inline bool
jld_kwis(const char *s, int k)
{
	return s != NULL && s[0] == '@' && strcmp(s, jld_keywords[k]) == 0;
}

/* jsonld_iri.c */

/* The keyword's index in jld_keywords[], or -1. */
int	 jld_keyword_index(const char *s);
/* Whether s is a keyword. */
bool	 jld_is_keyword(const char *s);
/* Whether a and b are equal strings, or both NULL. */
bool	 jld_streq(const char *a, const char *b);
/* /^@[a-zA-Z]+$/ */
bool	 jld_keyword_like(const char *s);
/* Length of the JavaScript \s character at s, or 0. */
size_t	 jld_js_space(const unsigned char *s);
/* jsonld.js url.isAbsolute: /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/ */
bool	 jld_is_absolute(const char *s);
/* Whether s is a blank node identifier ("_:..."). */
bool	 jld_is_bnode_id(const char *s);
/* /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/ */
bool	 jld_bcp47(const char *s);
/* s in lower case, and x followed by y, allocated in a. */
char	*jld_lower(struct arena *a, const char *s);
char	*jld_concat(struct arena *a, const char *x, const char *y);
/* A string the member names as a C string (or NULL if it holds NUL). */
const char *jld_cstr(const struct json *v);
/* jsonld.js prependBase(base, iri); base NULL: iri unchanged. */
const char *jld_resolve(struct arena *a, const char *base, const char *iri);

/* jsonld_ctx.c */

/* The initial active context (no terms, no base). */
const struct actx *jld_initial(void);
/*
 * A quick hash, eight bytes at a time, of term names and keys (for the
 * tables, not for security).
 */
uint64_t jld_quick_hash(const char *s, size_t n);
/* The definition of term name in c, or NULL. */
const struct term *jld_ctx_term(const struct actx *c, const char *name);
/* Reports "jsonld: <path>: <message>" through st and returns -1. */
int	 jld_jerr(struct jst *st, const struct json *where, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));
/* Spends one step of the document's work; -1 (reported) when none is left. */
int	 jld_spend(struct jst *st, const struct json *where);
/*
 * jsonld.js _expandIri.  When cp is set (context processing), terms of
 * the local context that value depends on are defined first.  Strings
 * built on the way are allocated in a.  *out is NULL when value expands
 * to nothing (a term mapped to null, a reserved "@name").
 */
int	 jld_expand_iri(const char **out, struct cproc *cp, struct arena *a,
	    const struct actx *c, const char *value, bool vocab, bool base);
/* jsonld.js context.process(activeCtx, localCtx, propagate, override). */
int	 jld_ctx_process(const struct actx **out, struct jst *st,
	    const struct actx *active, const struct json *local, bool global,
	    bool propagate, bool override, int depth);

/* jsonld_expand.c */

/* Whether o is a value object, a list object, a blank node. */
bool	 jld_x_is_value(const struct xobj *o);
bool	 jld_x_is_list(const struct xobj *o);
bool	 jld_x_is_bnode(const struct xobj *o);
/*
 * jsonld.js expand(): the expansion of element el under active context
 * c and active property aprop, into *res.
 */
int	 jld_expand(struct xres *res, struct jst *st, const struct actx *c,
	    const char *aprop, const struct json *el, bool inside_list,
	    bool inside_index, const struct actx *tsc);

#endif
