/*
 * b64.h - base64, base64url, base58btc and multibase.
 *
 * The decoders are plain table decoders: the data they handle (JWS
 * segments, PEM bodies of public keys, multibase keys and signatures) is
 * public, so they are not constant-time, and they are about 20 times
 * faster than mbedtls_base64_decode.  They are strict:
 *
 *	base64url	RFC 4648 section 5 without padding: refuses '=', '+',
 *			'/', whitespace, a length of 4n+1 and non-zero bits
 *			after the last byte.
 *	base64		RFC 4648 section 4 with padding: refuses '-', '_',
 *			a missing or misplaced '=', non-zero trailing bits;
 *			with B64_WS it skips ASCII whitespace (PEM bodies).
 *	base58btc	the Bitcoin alphabet; a leading '1' is a zero byte.
 *
 * Decoders append to a struct buf and report the first problem through
 * diag, naming `what' (e.g. "simple.jwt: payload") and the offset of the
 * bad character.  Encoders append to a struct buf and cannot fail.
 */
#ifndef BADGEGEN_B64_H
#define BADGEGEN_B64_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

#define B64_MAX_INPUT	(256u * 1024 * 1024)	/* longest text decoded */
#define B58_MAX_INPUT	2048u	/* longest base58btc text decoded */

#define B64_WS		0x01	/* b64_decode: skip ASCII whitespace */

/* Appends the base64url form of p[0..n) to out, without padding. */
void	 b64url_encode(struct buf *out, const void *p, size_t n);
/* Appends the base64 form of p[0..n) to out, padded, on one line. */
void	 b64_encode(struct buf *out, const void *p, size_t n);

/* The number of bytes that len base64url characters decode to. */
size_t	 b64url_decoded_len(size_t len);

/*
 * Decodes len characters of unpadded base64url at s and appends the
 * bytes to out.  Returns 0, or reports the problem through d (naming
 * what) and returns -1; out then holds its old contents.
 */
int	 b64url_decode(struct buf *out, const char *s, size_t len,
	    const char *what, struct diag *d);

/*
 * Decodes as b64url_decode, into out, which has room for
 * b64url_decoded_len(len) bytes.  Returns the number of bytes written,
 * or -1 after reporting.
 */
long	 b64url_decode_to(unsigned char *out, const char *s, size_t len,
	    const char *what, struct diag *d);

/*
 * Decodes len characters of padded base64 at s (flags: B64_WS) and
 * appends the bytes to out.  Returns 0 or -1 as b64url_decode.
 */
int	 b64_decode(struct buf *out, const char *s, size_t len, int flags,
	    const char *what, struct diag *d);

/* Appends the base58btc form of p[0..n) to out (quadratic in n: keys only). */
void	 b58_encode(struct buf *out, const void *p, size_t n);

/*
 * Decodes len characters of base58btc at s (at most B58_MAX_INPUT) and
 * appends the bytes to out.  Returns 0 or -1 as b64url_decode.
 */
int	 b58_decode(struct buf *out, const char *s, size_t len,
	    const char *what, struct diag *d);

/*
 * Decodes a multibase string: 'z' + base58btc or 'u' + base64url
 * without padding; any other prefix is refused.  Appends the bytes to
 * out.  Returns 0 or -1 as b64url_decode.
 */
int	 multibase_decode(struct buf *out, const char *s, size_t len,
	    const char *what, struct diag *d);

/* Appends 'z' + base58btc (base 'z') or 'u' + base64url (base 'u'). */
void	 multibase_encode(struct buf *out, char base, const void *p,
	    size_t n);

/* The longest PEM text pem_read accepts. */
#define PEM_MAX		(64u * 1024)

/*
 * Reads the one PEM block in pem[0..len) (whitespace may surround it,
 * no headers): its label goes to label (labelsz bytes with the NUL),
 * its decoded body is appended to der.  Returns 0, or -1 after
 * reporting what is wrong, naming `name'.
 */
int	 pem_read(struct buf *der, char *label, size_t labelsz,
	    const char *pem, size_t len, const char *name, struct diag *d);
/*
 * Appends a PEM block with label around der[0..n) to out, 64 columns;
 * the base64 text made on the way is wiped.
 */
void	 pem_write(struct buf *out, const char *label,
	    const unsigned char *der, size_t n);

#endif
