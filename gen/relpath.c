/*
 * relpath.c - whether a relative path is safe (see relpath.h).
 */
#include <stddef.h>
#include <string.h>

#include "relpath.h"

const char *
relpath_name_problem(const char *name, size_t len)
{
	size_t i;

	if (len == 0)
		return "empty component";
	if (len == 1 && name[0] == '.')
		return "\".\" component";
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return "\"..\" component";
	for (i = 0; i < len; i++) {
		if (name[i] == '\\')
			return "backslash";
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return "control character";
		if (name[i] == '/')
			return "slash in a name";
	}
	return NULL;
}

const char *
relpath_problem(const char *path)
{
	const char *p, *slash;
	const char *why;

	if (path == NULL || *path == '\0')
		return "empty path";
	if (*path == '/')
		return "absolute path";
	for (p = path;; p = slash + 1) {
		slash = strchr(p, '/');
		why = relpath_name_problem(p, slash != NULL ? (size_t)(slash - p) :
		    strlen(p));
		if (why != NULL)
			return why;
		if (slash == NULL)
			return NULL;
	}
}
