/*
 * json.h - strict JSON (RFC 8259) on top of jsmn, and a value tree.
 *
 * json_parse accepts exactly RFC 8259 JSON: one value, UTF-8 validated,
 * string escapes decoded (surrogate pairs joined, lone surrogates
 * refused), no duplicate member names, numbers checked against the
 * grammar, nesting and size limited.  A leading UTF-8 byte order mark is
 * skipped.  Errors name the input, the line and column and the JSON path:
 *	content/badges/ai.json:12:7: $.criteria: duplicate member "narrative"
 *
 * The same tree is the data model of the Mustache engine, so values are
 * also built in code (json_new_*, json_add).  Every node lives in an
 * arena: nothing is freed one by one.
 */
#ifndef BADGEGEN_JSON_H
#define BADGEGEN_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"

enum json_type {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT
};

/*
 * A value: 72 bytes, since every document of a site stays parsed for the
 * whole build.  Sizes fit in 32 bits because an input is at most
 * JSON_MAX_BYTES; a number has no children and a container no value, so
 * num and last share their place.
 */
struct json {
	enum json_type	 type;
	uint32_t	 line, col;	/* 1-based place in the source; 0 if built */
	uint32_t	 offset;	/* byte offset of the value in the source */
	const char	*key;		/* member name (decoded) if in an object */
	const char	*str;		/* STRING: decoded UTF-8, NUL-terminated;
					   NUMBER: the literal as written */
	uint32_t	 keylen;
	uint32_t	 len;		/* STRING, NUMBER: bytes of str;
					   ARRAY, OBJECT: number of children */
	union {
		double	 num;		/* NUMBER: its value */
		struct json *last;	/* ARRAY, OBJECT: last element or
					   member */
	};
	struct json	*parent;
	struct json	*child;		/* first element or member */
	struct json	*next;		/* next sibling */
};

#define JSON_MAX_DEPTH	100
#define JSON_MAX_BYTES	(16u * 1024 * 1024)

/*
 * Parses len bytes of src, named name in messages, into a tree allocated
 * in a.  Returns 0 and sets *out, or reports the first error through d
 * and returns -1.  The tree is owned by the arena.
 */
int	 json_parse(struct json **out, struct arena *a, const char *name,
	    const char *src, size_t len, struct diag *d);

/*
 * A table of shared strings: trees parsed with it share every string
 * (member names and values) equal to one of an earlier tree, where
 * documents repeat the same contexts, types, URLs and texts.  The
 * strings live in the arena given here, which must outlive the table
 * and the trees; the table itself is freed with json_strtab_free
 * (accepts NULL).  Not thread-safe.
 */
struct json_strtab;
struct json_strtab *json_strtab_new(struct arena *a);
void	 json_strtab_free(struct json_strtab *t);

/*
 * json_parse, with the tree's strings taken from and added to tab (when
 * not NULL).  The nodes are allocated in a, like json_parse.
 */
int	 json_parse_shared(struct json **out, struct arena *a,
	    struct json_strtab *tab, const char *name, const char *src,
	    size_t len, struct diag *d);

/* The member named key of obj, or NULL (also when obj is not an object). */
const struct json *json_get(const struct json *obj, const char *key);
/*
 * The id of a reference: v itself when it is a string (an IRI), else
 * the "id" member of the object v; NULL when there is none.
 */
const char *json_id(const struct json *v);
/* The string value of v, or NULL when v is NULL or not a string. */
const char *json_str(const struct json *v);
/* json_str(json_get(obj, key)). */
const char *json_get_str(const struct json *obj, const char *key);
/* Whether v is a string equal to s. */
bool	 json_str_eq(const struct json *v, const char *s);
/* Whether v is the string s or an array holding the string s. */
bool	 json_has_str(const struct json *v, const char *s);
/*
 * Whether x and y are the same JSON value: of one type, numbers of one
 * value, strings of the same bytes, arrays of equal elements in order,
 * objects of the same member names with equal values, in any order.
 * Two NULLs are equal; NULL and a value are not.
 */
bool	 json_equal(const struct json *x, const struct json *y);
/* The element at index i of an array, or NULL. */
const struct json *json_at(const struct json *arr, size_t i);
/* Whether v is truthy as JSON: not null, false, and present. */
bool	 json_is_true(const struct json *v);
/* "string", "object", ... for messages. */
const char *json_type_name(enum json_type t);
/* Appends the JSON path of v, "$.alignment[2].targetName", to out. */
void	 json_path(const struct json *v, struct buf *out);

/* Builders: values allocated in a; keys and strings are copied. */
struct json *json_new(struct arena *a, enum json_type t);
struct json *json_new_str(struct arena *a, const char *s);
struct json *json_new_strn(struct arena *a, const char *s, size_t len);
struct json *json_new_num(struct arena *a, double n);
struct json *json_new_bool(struct arena *a, bool b);
/* Appends v to container (an array, or an object when key != NULL). */
struct json *json_add(struct arena *a, struct json *container,
	    const char *key, struct json *v);
/* Shorthands for json_add of a new string / number / bool / object / array. */
struct json *json_add_str(struct arena *a, struct json *obj,
	    const char *key, const char *s);
struct json *json_add_num(struct arena *a, struct json *obj,
	    const char *key, double n);
struct json *json_add_bool(struct arena *a, struct json *obj,
	    const char *key, bool b);
struct json *json_add_obj(struct arena *a, struct json *obj,
	    const char *key);
struct json *json_add_arr(struct arena *a, struct json *obj,
	    const char *key);
/*
 * Appends a shallow copy of member or element m to the container obj,
 * renamed key when key is set (else under m's own key, if any); the
 * copy shares m's children, which must not be changed after.
 */
void	 json_add_copy(struct arena *a, struct json *obj,
	    const struct json *m, const char *key);

#define JSON_WRITE_PRETTY	0x01	/* two-space indentation, newlines */
#define JSON_WRITE_SCRIPT	0x02	/* escape < > & U+2028 U+2029 U+FFFE
				   U+FFFF, DEL, C1 and bidi overrides
				   (utf8_is_control_or_bidi) for <script> */

/* Serialises v to out (member order kept). */
void	 json_write(struct buf *out, const struct json *v, int flags);
/* Appends s as a JSON string literal, quotes included. */
void	 json_write_str(struct buf *out, const char *s, size_t len, int flags);

#endif
