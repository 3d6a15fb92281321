/*
 * utf8.h - UTF-8: validating, decoding and encoding code points, and
 * the line and column of a place in UTF-8 text.
 *
 * Every module that looks inside UTF-8 text goes through these
 * functions, so that one set of rules decides what is well formed (RFC
 * 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
#ifndef BADGEGEN_UTF8_H
#define BADGEGEN_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * Checks that len bytes of s are well-formed UTF-8.  Returns the offset
 * of the first bad byte, or len when all is well.
 */
size_t	 utf8_check(const char *s, size_t len);

/* Appends code point cp (at most U+10FFFF) as UTF-8. */
void	 utf8_put(struct buf *b, uint32_t cp);

/*
 * The length of the sequence that lead byte c starts: 2, 3 or 4 for a
 * lead byte, 1 for ASCII and for a byte that cannot start a sequence
 * (a continuation byte, 0xf8 and above), so that a walk over text that
 * is not well formed still moves on.
 */
size_t	 utf8_seq_len(unsigned char c);

/* Whether c continues a sequence (10xxxxxx) rather than starting one. */
bool	 utf8_is_cont(unsigned char c);

/*
 * Decodes the code point at s[*i] of len bytes of well-formed UTF-8 and
 * moves *i past it.  A sequence cut short by len yields the bits read.
 */
uint32_t utf8_next(const char *s, size_t len, size_t *i);

/*
 * Whether cp acts rather than shows: a C0 control, DEL, a C1 control, or
 * a bidi embedding, override or isolate (U+202A..U+202E, U+2066..U+2069)
 * that reorders the text around it.
 */
bool	 utf8_is_control_or_bidi(uint32_t cp);

/*
 * The largest k <= n at which a character of s starts (s holds more
 * than n bytes, or n is its length): where to cut s to at most n bytes
 * without splitting a character.
 */
size_t	 utf8_floor(const char *s, size_t n);

/*
 * Appends len bytes of UTF-8 text s to out with full-width forms made
 * narrow: U+FF01..U+FF5E (full-width ASCII: "Ｅｍａｉｌ", "２０２６")
 * become U+0021..U+007E and the ideographic space U+3000 a space; the
 * rest is copied as it is.
 */
void	 utf8_fold_width(struct buf *out, const char *s, size_t len);

/*
 * A place in a text: line and column (1-based, the column counted in
 * characters) of byte offset off.  utf8_locate moves it to another
 * offset, counting on from where it is (or from the start when the new
 * offset is before it), so that a parser locating its tokens in order
 * reads the text once.
 */
struct utf8_pos {
	size_t		 off;
	unsigned	 line, col;
};

#define UTF8_POS_INIT	{ 0, 1, 1 }

/* Moves p to offset off of src (len bytes; off past len stops at len). */
void	 utf8_locate(struct utf8_pos *p, const char *src, size_t len,
	    size_t off);

#endif
