/*
 * relpath.h - whether a relative path is safe to read or write below a
 * directory: the one rule the source reader, the model and the writer
 * share.
 */
#ifndef BADGEGEN_RELPATH_H
#define BADGEGEN_RELPATH_H

#include <stddef.h>

/*
 * Why path is not a safe relative path, or NULL when it is one: an
 * empty path, an absolute one, empty, "." or ".." components,
 * backslashes, control characters.  The answer is a static string such
 * as "\"..\" component".
 */
const char *relpath_problem(const char *path);

/*
 * Why one component of a path (name, len bytes, no '/') is unsafe, or
 * NULL: empty, ".", "..", a backslash, a slash or a control character.
 */
const char *relpath_name_problem(const char *name, size_t len);

#endif
