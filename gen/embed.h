/*
 * embed.h - the default theme (templates/) and the JSON-LD contexts
 * (contexts/), compiled into the binary.
 */
#ifndef BADGEGEN_EMBED_H
#define BADGEGEN_EMBED_H

#include <stddef.h>

struct embedded_file {
	const char		*path;	/* relative to templates/ or contexts/ */
	const unsigned char	*data;	/* NUL-terminated */
	size_t			 len;
};

/* Sorted by path; the last entry has a NULL path. */
extern const struct embedded_file embedded_files[];
/* The same for the .json and .jsonld files of contexts/ (jsonld.c). */
extern const struct embedded_file embedded_contexts[];

#endif
