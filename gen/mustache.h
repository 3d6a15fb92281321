/*
 * mustache.h - logic-less Mustache templates with template inheritance.
 *
 * The engine follows the Mustache specification (interpolation, sections,
 * inverted sections, comments, partials, set delimiters) and its optional
 * inheritance module ({{<parent}} ... {{$block}}...{{/block}} ...
 * {{/parent}}), including the indentation of standalone partials,
 * parents and blocks.  Lambdas and dynamic names are not supported.
 *
 * Data is a struct json tree (json.h):
 *   - A name is looked up in the context stack, innermost first; a dotted
 *     name a.b.c finds a like any name, then b inside a, then c inside b.
 *     {{.}} is the current context.
 *   - Falsy: a missing name, null, false, an empty array and an empty
 *     string.  Anything else (0 and {} included) is truthy.  A section
 *     over an array renders once per element; over another truthy value
 *     it renders once with that value pushed on the context stack.
 *   - {{x}} writes strings HTML-escaped (& < > " ' become &amp; &lt; &gt;
 *     &quot; &#39;); {{{x}}} and {{&x}} write them as they are.  Numbers
 *     are written as their JSON literal when that is an integer literal
 *     (85), else in the shortest form that reads back as the same double
 *     (1.210 -> 1.21, as JavaScript writes it).  true and false are
 *     written as such; null, arrays and objects as nothing.
 *
 * Partials and parents are taken from the same namespace as the page
 * templates, through the set's load function.  A missing partial renders
 * as nothing (as the specification says); a missing parent is an error.
 * A partial sees the block overrides of the parents around it, like a
 * parent that overrides nothing.
 *
 * Templates are compiled once into a list of nodes and cached by name in
 * the set.  Compiling a template also compiles every partial and parent
 * it names, so a syntax error anywhere is reported before anything is
 * rendered.  Rendering allocates nothing but the output.  A set may be
 * used by several threads at once: the cache is behind a mutex, and
 * compiled templates are never changed.
 */
#ifndef BADGEGEN_MUSTACHE_H
#define BADGEGEN_MUSTACHE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "json.h"

/* Sections, parents and blocks nested in one template, at most. */
#define MUSTACHE_MAX_NEST	100
/* Partials and parents nested while rendering (recursion), at most. */
#define MUSTACHE_MAX_INCLUDE	100
/* Sections, blocks, partials and parents nested while rendering. */
#define MUSTACHE_MAX_DEPTH	1000
/* Nodes, contexts and members visited by one render, at most: stops
 * runaway templates (sections nested over lists grow exponentially). */
#define MUSTACHE_MAX_STEPS	100000000UL

/*
 * Finds the source of template `name` (a partial or parent name, or a
 * page template).  Returns 0 and sets *src and *len (borrowed: the text
 * must live as long as the set), or -1 if there is none (not an error
 * for partials: the specification says a missing partial renders empty).
 * It is called with the set's mutex held, so it never runs twice at once
 * for one set; it must not call back into the set.
 */
typedef int (*mustache_load_fn)(void *arg, const char *name,
	    const char **src, size_t *len);

/* A set of compiled templates, cached by name. */
struct mustache;

/*
 * Creates an empty set that loads templates through load(arg, ...).
 * Returns the set; the caller frees it with mustache_free.
 */
struct mustache *mustache_new(mustache_load_fn load, void *arg);

/* Frees the set and every compiled template.  Accepts NULL. */
void	 mustache_free(struct mustache *m);

/*
 * Renders the template `name` (loaded through the set's load function
 * and compiled on first use) with data (NULL: no data), appending to
 * out.  Returns 0, or -1 after reporting the problem through d as
 * "<name>:<line>:<col>: <problem>", for example
 *	award.mustache:12:5: unclosed section "skills"
 *	award.mustache:1:1: no template "layout"
 * On error out is left as it was.  When out->max is set, output beyond
 * it is an error too.
 */
int	 mustache_render(struct mustache *m, const char *name,
	    const struct json *data, struct buf *out, struct diag *d);

/*
 * The same for a template given as len bytes of src, which are copied.
 * The compiled template is cached under name: a later call with the
 * same name and text reuses it, one with other text compiles and caches
 * the new text (templates compiled before keep the version they saw).
 */
int	 mustache_render_src(struct mustache *m, const char *name,
	    const char *src, size_t len, const struct json *data,
	    struct buf *out, struct diag *d);

#endif
