/*
 * mail.h - award notices as Internet messages (RFC 5322, MIME) in a
 * Maildir-style outbox.
 *
 * A message is UTF-8 throughout: header fields with non-ASCII text use
 * RFC 2047 encoded words ("=?UTF-8?B?...?="), each at most 75
 * characters, folded onto continuation lines so that no header line
 * passes 76 characters; the body is multipart/alternative with a
 * text/plain and a text/html part, each in base64 with 76-character
 * lines.  Lines end with LF, as messages in a Maildir do (a mail
 * transfer agent reading the file converts them to CRLF).
 *
 * Everything is deterministic: the Message-ID, the MIME boundary and
 * the Maildir file name are derived from the award id and the
 * recipient's address, and the Date comes from the caller.
 */
#ifndef BADGEGEN_MAIL_H
#define BADGEGEN_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "date.h"
#include "diag.h"

#define MAIL_LINE_MAX	76	/* body and folded header lines */
#define MAIL_WORD_MAX	75	/* one RFC 2047 encoded word */
#define MAIL_KEY_LEN	32	/* hex digits of mail_key */

/* One message. */
struct mail_msg {
	const char	*from;		/* an address */
	const char	*from_name;	/* display name, or NULL */
	const char	*reply_to;	/* an address, or NULL */
	const char	*to;		/* an address */
	const char	*to_name;	/* display name, or NULL */
	const char	*subject;	/* UTF-8 */
	int64_t		 date;		/* the Date field's instant */
	const struct tz	*tz;		/* its zone (NULL: UTC) */
	const char	*message_id;	/* "<...@host>" */
	const char	*text;		/* the text/plain part, UTF-8 */
	const char	*html;		/* the text/html part, UTF-8 */
	const char	*file_name;	/* an attachment's name (ASCII), or NULL */
	const char	*file_type;	/* its media type, "image/png" */
	const void	*file_data;	/* its bytes */
	size_t		 file_len;
};

/*
 * Appends the header field "name: value" and a newline to out.  A
 * value of printable ASCII is written as it is; any other value as
 * RFC 2047 'B' encoded words of UTF-8, none longer than MAIL_WORD_MAX,
 * never splitting a character, folded so that every line, the first
 * with "name: ", stays within MAIL_LINE_MAX.
 */
void	 mail_header(struct buf *out, const char *name, const char *value);

/*
 * Appends an address field: "name: addr" or, with a display name,
 * "name: <phrase> <addr>" where the phrase is a quoted string (ASCII)
 * or encoded words (folded as mail_header does).
 */
void	 mail_address(struct buf *out, const char *name,
	    const char *display, const char *addr);

/*
 * Appends p[0..n) in base64, MAIL_LINE_MAX characters a line, each
 * line ending with a newline.
 */
void	 mail_base64(struct buf *out, const void *p, size_t n);

/*
 * Appends s[0..n) in quoted-printable (RFC 2045): lines of at most
 * MAIL_LINE_MAX characters, soft breaks "=" where needed, LF or CRLF
 * in s become hard line breaks, trailing blanks of a line encoded.
 */
void	 mail_qp(struct buf *out, const char *s, size_t n);

/*
 * Writes the key of a notice, MAIL_KEY_LEN hex digits and a NUL: the
 * start of sha256(award_id + "\n" + email).
 */
void	 mail_key(char out[MAIL_KEY_LEN + 1], const char *award_id,
	    const char *email);

/*
 * Appends the Message-ID "<key@host>", host being the host of base_url
 * (its port dropped), or "badgegen.invalid" when it has none.
 */
void	 mail_message_id(struct buf *out, const char *award_id,
	    const char *email, const char *base_url);

/*
 * Appends the Maildir file name of a notice: "<date>.<key>.badgegen",
 * date in decimal seconds; no '/' or ':'.
 */
void	 mail_maildir_name(struct buf *out, int64_t date,
	    const char *award_id, const char *email);

/*
 * Appends the whole message m, header and MIME body: multipart/
 * alternative of the text and the HTML, inside multipart/mixed with the
 * attachment (base64) when m has one.
 */
void	 mail_compose(struct buf *out, const struct mail_msg *m);

/*
 * Delivers len bytes of data as <dir>/new/<name>: creates dir (with its
 * parents) and its tmp/, new/ and cur/ when missing, writes a temporary
 * <dir>/tmp/<name>.XXXXXX, syncs it and renames it into new/ (replacing
 * a file of that name).  Returns 0, or -1 after reporting an I/O error.
 */
int	 mail_maildir_put(const char *dir, const char *name, const void *data,
	    size_t len, struct diag *d);

#endif
