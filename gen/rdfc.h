/*
 * rdfc.h - RDF datasets, N-Quads, and RDF Dataset Canonicalization
 * (RDFC-1.0, https://www.w3.org/TR/rdf-canon/, formerly URDNA2015).
 *
 * A dataset is an array of quads whose terms point at strings owned by
 * the caller (usually an arena).  rdfc_canonicalize relabels the blank
 * nodes canonically and writes the canonical N-Quads: one quad a line,
 * each ending in "\n", duplicates removed, sorted by code point.
 *
 * Canonicalizing some graphs takes time exponential in their size
 * ("dataset poisoning").  The work the Hash N-Degree Quads algorithm may
 * do is bounded twice: as rdf-canonize bounds it (calls allowed = the
 * number of blank nodes without a unique first-degree hash, raised to a
 * work factor), and by a total of steps (permutations visited plus
 * related blank nodes hashed).  Graphs that need more are refused with an
 * error.  The defaults accept the W3C suite's "evil" poison graphs
 * (fewer than 8,200 steps each) and refuse its 10-node clique.
 */
#ifndef BADGEGEN_RDFC_H
#define BADGEGEN_RDFC_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

enum rdf_kind {
	RDF_NONE,		/* no term: the default graph as graph name */
	RDF_IRI,
	RDF_BNODE,
	RDF_LITERAL
};

struct rdf_term {
	enum rdf_kind	 kind;
	const char	*value;		/* IRI, blank node label without "_:",
					   or the literal's lexical form */
	size_t		 len;		/* bytes of value (literals may hold
					   NUL) */
	const char	*datatype;	/* LITERAL: datatype IRI; NULL is
					   xsd:string (rdf:langString when
					   lang is set) */
	const char	*lang;		/* LITERAL: language tag, or NULL */
};

struct rdf_quad {
	struct rdf_term	 s, p, o, g;	/* g.kind RDF_NONE: default graph */
};

struct rdf_dataset {
	struct rdf_quad	*quads;
	size_t		 len, cap;
};
#define RDF_DATASET_INIT { NULL, 0, 0 }

#define RDF_TYPE	"http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#define RDF_FIRST	"http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
#define RDF_REST	"http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
#define RDF_NIL		"http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
#define RDF_JSON	"http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"
#define RDF_LANGSTRING	"http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#define XSD_STRING	"http://www.w3.org/2001/XMLSchema#string"
#define XSD_BOOLEAN	"http://www.w3.org/2001/XMLSchema#boolean"
#define XSD_INTEGER	"http://www.w3.org/2001/XMLSchema#integer"
#define XSD_DOUBLE	"http://www.w3.org/2001/XMLSchema#double"

/* Appends a copy of *q (the quad, not its strings) to ds. */
void	 rdf_add(struct rdf_dataset *ds, const struct rdf_quad *q);
/* Frees the quad array; ds is RDF_DATASET_INIT after.  Accepts NULL. */
void	 rdf_dataset_release(struct rdf_dataset *ds);

/*
 * Parses N-Quads (https://www.w3.org/TR/n-quads/) from len bytes of src,
 * named name in messages, appending the quads to out; strings are
 * allocated in a.  Escapes are decoded; an explicit ^^xsd:string is
 * dropped.  Returns 0, or -1 after reporting "name:line: ...".
 */
int	 nquads_parse(struct rdf_dataset *out, struct arena *a,
	    const char *name, const char *src, size_t len, struct diag *d);
/* Appends q in canonical N-Quads form, "\n" included. */
void	 nquads_write_quad(struct buf *out, const struct rdf_quad *q);

enum rdfc_hash {
	RDFC_SHA256,
	RDFC_SHA384
};

/* Defaults: see RDFC_OPTS_INIT. */
#define RDFC_WORK_FACTOR	3
#define RDFC_MAX_WORK		100000UL

struct rdfc_opts {
	enum rdfc_hash	 hash;
	int		 work_factor;	/* Hash N-Degree Quads calls allowed:
					   (non-unique blank nodes) ^
					   work_factor; 0 allows none,
					   negative no limit */
	unsigned long	 max_work;	/* steps in all: permutations plus
					   related blank nodes hashed; 0: no
					   limit */
	struct buf	*issued;	/* when set, receives the issued
					   identifiers as a JSON object
					   {"<input label>": "c14n<n>", ...} */
};
#define RDFC_OPTS_INIT { RDFC_SHA256, RDFC_WORK_FACTOR, RDFC_MAX_WORK, \
	NULL }

/*
 * Canonicalizes ds with RDFC-1.0 (opts may be NULL for the defaults)
 * and appends the canonical N-Quads to out.  Duplicate quads count
 * once.  Returns 0, or -1 after reporting "rdfc: ..." when the work
 * limits are exceeded.
 */
int	 rdfc_canonicalize(struct buf *out, const struct rdf_dataset *ds,
	    const struct rdfc_opts *opts, struct diag *d);

#endif
