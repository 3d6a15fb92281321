/*
 * mail.c - award notices as Internet messages in a Maildir outbox.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "b64.h"
#include "fs.h"
#include "hash.h"
#include "mail.h"
#include "utf8.h"

#define WORD_HEAD	"=?UTF-8?B?"
#define WORD_OVERHEAD	12	/* "=?UTF-8?B?" and "?=" */

static const char hexdigits[] = "0123456789abcdef";
#define HEXUP	"0123456789ABCDEF"

/* Whether s is printable ASCII (space included) only. */
static bool
plain_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

/*
 * Appends s as encoded words, the first starting at column col; folds
 * with newline and a space before a word that would pass the line
 * limit.  Returns the column after the last word.
 */
static size_t
encode_words(struct buf *out, size_t col, const char *s)
{
	size_t len = strlen(s), i = 0, n, k, avail, max;

	while (i < len) {
		/* Room on this line for base64 characters. */
		avail = col + WORD_OVERHEAD < MAIL_LINE_MAX ?
		    MAIL_LINE_MAX - col - WORD_OVERHEAD : 0;
		if (avail > MAIL_WORD_MAX - WORD_OVERHEAD)
			avail = MAIL_WORD_MAX - WORD_OVERHEAD;
		max = avail / 4 * 3;
		/* Whole characters that fit. */
		n = 0;
		while (i + n < len) {
			k = utf8_seq_len((unsigned char)s[i + n]);
			if (i + n + k > len)
				k = len - i - n;
			if (n + k > max)
				break;
			n += k;
		}
		if (n == 0) {
			if (col <= 1)	/* cannot happen: a line holds 4 bytes */
				n = utf8_seq_len((unsigned char)s[i]);
			else {
				BUF_PUTSL(out, "\n ");
				col = 1;
				continue;
			}
		}
		BUF_PUTSL(out, WORD_HEAD);
		k = out->len;
		b64_encode(out, s + i, n);
		col += WORD_OVERHEAD + (out->len - k);
		BUF_PUTSL(out, "?=");
		i += n;
		if (i < len) {
			BUF_PUTSL(out, "\n ");
			col = 1;
		}
	}
	return col;
}

void
mail_header(struct buf *out, const char *name, const char *value)
{
	buf_printf(out, "%s: ", name);
	if (plain_ascii(value))
		buf_puts(out, value);
	else
		encode_words(out, strlen(name) + 2, value);
	buf_putc(out, '\n');
}

void
mail_address(struct buf *out, const char *name, const char *display,
    const char *addr)
{
	size_t col;
	const char *p;

	buf_printf(out, "%s: ", name);
	col = strlen(name) + 2;
	if (display != NULL && *display != '\0') {
		if (plain_ascii(display)) {
			buf_putc(out, '"');
			for (p = display; *p != '\0'; p++) {
				if (*p == '"' || *p == '\\')
					buf_putc(out, '\\');
				buf_putc(out, *p);
			}
			buf_putc(out, '"');
			col += strlen(display) + 2;
		} else
			col = encode_words(out, col, display);
		if (col + strlen(addr) + 3 > MAIL_LINE_MAX)
			BUF_PUTSL(out, "\n");
		buf_putc(out, ' ');
	}
	buf_printf(out, "<%s>\n", addr);
}

void
mail_base64(struct buf *out, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i, chunk = MAIL_LINE_MAX / 4 * 3;

	for (i = 0; i < n; i += chunk) {
		b64_encode(out, s + i, n - i < chunk ? n - i : chunk);
		buf_putc(out, '\n');
	}
}

void
mail_qp(struct buf *out, const char *s, size_t n)
{
	size_t i, col = 0, w, end;
	unsigned char c;
	char enc[4];

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '\n' || (c == '\r' && i + 1 < n && s[i + 1] == '\n')) {
			if (c == '\r')
				i++;
			buf_putc(out, '\n');
			col = 0;
			continue;
		}
		/* The end of this line of s. */
		end = i + 1;
		if ((c == ' ' || c == '\t') && (end == n || s[end] == '\n' ||
		    s[end] == '\r'))
			goto encode;
		if (c >= 33 && c <= 126 && c != '=') {
			enc[0] = (char)c;
			w = 1;
		} else if (c == ' ' || c == '\t') {
			enc[0] = (char)c;
			w = 1;
		} else {
encode:
			enc[0] = '=';
			enc[1] = HEXUP[c >> 4];
			enc[2] = HEXUP[c & 15];
			w = 3;
		}
		/* Leave room for a soft break "=" unless the line ends. */
		if (col + w > MAIL_LINE_MAX - 1 &&
		    !(col + w <= MAIL_LINE_MAX && (end == n || s[end] == '\n'))) {
			BUF_PUTSL(out, "=\n");
			col = 0;
		}
		buf_put(out, enc, w);
		col += w;
	}
	if (col > 0)
		buf_putc(out, '\n');
}

void
mail_key(char out[MAIL_KEY_LEN + 1], const char *award_id,
    const char *email)
{
	struct buf b = BUF_INIT;
	unsigned char h[SHA256_LEN];
	size_t i;

	buf_printf(&b, "%s\n%s", award_id, email);
	sha256(h, b.data, b.len);
	for (i = 0; i < MAIL_KEY_LEN / 2; i++) {
		out[2 * i] = hexdigits[h[i] >> 4];
		out[2 * i + 1] = hexdigits[h[i] & 15];
	}
	out[MAIL_KEY_LEN] = '\0';
	buf_release(&b);
}

void
mail_message_id(struct buf *out, const char *award_id, const char *email,
    const char *base_url)
{
	char key[MAIL_KEY_LEN + 1];
	const char *h = strstr(base_url, "://");
	size_t n;

	mail_key(key, award_id, email);
	h = h != NULL ? h + 3 : base_url;
	if (h[0] == '[')
		n = strcspn(h, "]/?#") + (strchr(h, ']') != NULL);
	else
		n = strcspn(h, ":/?#");
	if (n == 0)
		buf_printf(out, "<%s@badgegen.invalid>", key);
	else
		buf_printf(out, "<%s@%.*s>", key, (int)n, h);
}

void
mail_maildir_name(struct buf *out, int64_t date, const char *award_id,
    const char *email)
{
	char key[MAIL_KEY_LEN + 1];

	mail_key(key, award_id, email);
	buf_printf(out, "%lld.%s.badgegen", (long long)date, key);
}

/* Appends one MIME part: its header and its body in base64. */
static void
put_part(struct buf *out, const char *boundary, const char *type,
    const char *body)
{
	buf_printf(out, "--%s\n", boundary);
	buf_printf(out, "Content-Type: %s; charset=UTF-8\n", type);
	BUF_PUTSL(out, "Content-Transfer-Encoding: base64\n\n");
	mail_base64(out, body, strlen(body));
	buf_putc(out, '\n');
}

void
mail_compose(struct buf *out, const struct mail_msg *m)
{
	struct buf b = BUF_INIT, mixed = BUF_INIT;
	char key[MAIL_KEY_LEN + 1];

	date_format(&b, m->date, m->tz, NULL, DATE_RFC5322);
	mail_header(out, "Date", b.data);
	buf_reset(&b);
	mail_address(out, "From", m->from_name, m->from);
	if (m->reply_to != NULL)
		mail_address(out, "Reply-To", NULL, m->reply_to);
	mail_address(out, "To", m->to_name, m->to);
	mail_header(out, "Subject", m->subject);
	mail_header(out, "Message-ID", m->message_id);
	BUF_PUTSL(out, "MIME-Version: 1.0\n");
	mail_key(key, m->message_id, m->to);
	buf_printf(&b, "=_badgegen_%s", key);
	if (m->file_name != NULL) {
		buf_printf(&mixed, "=_badgegen_mixed_%s", key);
		buf_printf(out, "Content-Type: multipart/mixed;\n"
		    " boundary=\"%s\"\n", mixed.data);
		BUF_PUTSL(out, "\nThis is a message in MIME format.\n\n");
		buf_printf(out, "--%s\n", mixed.data);
	}
	buf_printf(out, "Content-Type: multipart/alternative;\n"
	    " boundary=\"%s\"\n", b.data);
	if (m->file_name == NULL)
		BUF_PUTSL(out, "\nThis is a message in MIME format.\n");
	buf_putc(out, '\n');
	put_part(out, b.data, "text/plain", m->text);
	put_part(out, b.data, "text/html", m->html);
	buf_printf(out, "--%s--\n", b.data);
	if (m->file_name != NULL) {
		buf_printf(out, "\n--%s\n", mixed.data);
		buf_printf(out, "Content-Type: %s; name=\"%s\"\n",
		    m->file_type, m->file_name);
		buf_printf(out, "Content-Disposition: attachment; "
		    "filename=\"%s\"\n", m->file_name);
		BUF_PUTSL(out, "Content-Transfer-Encoding: base64\n\n");
		mail_base64(out, m->file_data, m->file_len);
		buf_printf(out, "\n--%s--\n", mixed.data);
	}
	buf_release(&b);
	buf_release(&mixed);
}

int
mail_maildir_put(const char *dir, const char *name, const void *data,
    size_t len, struct diag *d)
{
	static const char *const subs[] = { "tmp", "new", "cur" };
	struct buf tmp = BUF_INIT, dst = BUF_INIT, sub = BUF_INIT;
	size_t i;
	int rc = -1;

	for (i = 0; i < 3; i++) {
		buf_reset(&sub);
		buf_printf(&sub, "%s/%s", dir, subs[i]);
		if (fs_mkdir_p(sub.data, 0700, d) < 0)
			goto out;
	}
	/* Written under tmp/, then moved to new/ whole. */
	buf_reset(&sub);
	buf_printf(&sub, "%s/tmp/%s.", dir, name);
	if (fs_write_temp(&tmp, sub.data, data, len, 0600, d) < 0)
		goto out;
	buf_printf(&dst, "%s/new/%s", dir, name);
	if (rename(tmp.data, dst.data) < 0) {
		diag_err(d, "%s: cannot rename to %s: %s", tmp.data, dst.data,
		    strerror(errno));
		unlink(tmp.data);
		goto out;
	}
	rc = 0;
out:
	buf_release(&tmp);
	buf_release(&dst);
	buf_release(&sub);
	return rc;
}
