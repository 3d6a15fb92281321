/*
 * buf.h - growable, always NUL-terminated byte buffers and an arena.
 *
 * A struct buf starts as BUF_INIT, whose data points at a shared empty
 * string, so data is never NULL.  Appends grow the storage by 1.5x.
 * Running out of memory exits with status 3 (see xmalloc), so appends
 * return nothing.  A buffer with max != 0 refuses to grow beyond max
 * bytes: buf_put* then set the sticky flag `over' and drop the data,
 * which lets readers check an input limit once at the end.
 */
#ifndef BADGEGEN_BUF_H
#define BADGEGEN_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char	*data;	/* NUL-terminated; never NULL */
	size_t	 len;	/* bytes used, not counting the NUL */
	size_t	 cap;	/* bytes allocated; 0 while data is the shared "" */
	size_t	 max;	/* 0, or the largest len allowed */
	bool	 over;	/* an append was refused because of max */
};

extern char buf__empty[1];
#define BUF_INIT { buf__empty, 0, 0, 0, false }

/* Appends a literal string. */
#define BUF_PUTSL(b, lit) buf_put((b), (lit), sizeof(lit) - 1)

void	 buf_init(struct buf *b, size_t max);
void	 buf_grow(struct buf *b, size_t extra);
void	 buf_put(struct buf *b, const void *p, size_t n);
void	 buf_puts(struct buf *b, const char *s);
void	 buf_putc(struct buf *b, int c);
void	 buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void	 buf_truncate(struct buf *b, size_t len);
void	 buf_reset(struct buf *b);
/* Hands the storage to the caller (free it with free()); b is BUF_INIT after. */
char	*buf_detach(struct buf *b, size_t *lenp);
/*
 * Frees the storage; b is BUF_INIT after.  Accepts NULL, a zeroed and a
 * released buffer.
 */
void	 buf_release(struct buf *b);

/* Allocators that exit with status 3 when memory runs out. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
void	*xreallocarray(void *p, size_t n, size_t size);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);

/*
 * An arena hands out memory that is freed all at once by arena_release.
 * Used for parsed documents and the model, whose pieces all live as long
 * as one build.
 */
struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t		 used;	/* bytes used in head */
	size_t		 size;	/* bytes available in head */
};
#define ARENA_INIT { NULL, 0, 0 }

void	*arena_alloc(struct arena *a, size_t n);	/* zeroed, aligned */
char	*arena_strndup(struct arena *a, const char *s, size_t n);
char	*arena_strdup(struct arena *a, const char *s);
char	*arena_printf(struct arena *a, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Frees every chunk; a is ARENA_INIT after.  Accepts NULL. */
void	 arena_release(struct arena *a);

/*
 * Appends s with control characters and backslashes written as \xHH, for
 * messages that name untrusted paths; returns b's text.
 */
const char *buf_put_quoted(struct buf *b, const char *s);

/* FNV-1a, 64 bits, of p[0..n): for hash tables, not for security. */
uint64_t hash_bytes(const void *p, size_t n);

#endif
