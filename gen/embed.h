/*
 * embed.h - the default theme, compiled into the binary from templates/.
 */
#ifndef BADGEGEN_EMBED_H
#define BADGEGEN_EMBED_H

#include <stddef.h>

struct embedded_file {
	const char		*path;	/* relative to templates/ */
	const unsigned char	*data;	/* NUL-terminated */
	size_t			 len;
};

/* Sorted by path; the last entry has a NULL path. */
extern const struct embedded_file embedded_files[];

#endif
