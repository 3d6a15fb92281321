/*
 * diag.c - error and warning messages.
 *
 * Every message passes through diag_put_safe on its way out, so content
 * quoted in it (a name, an id, a path) cannot reach a terminal or a log
 * as a live escape sequence or reorder the text around it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "utf8.h"

/*
 * Whether code point cp is shown escaped: C0 controls (tab, and newline
 * when newlines is set, excepted), DEL, C1 controls, the line and
 * paragraph separators and the bidirectional formatting characters.
 */
static bool
unsafe(uint32_t cp, bool newlines)
{
	if (cp == '\t' || (cp == '\n' && newlines))
		return false;
	return utf8_is_control_or_bidi(cp) || cp == 0x061c || cp == 0x200e ||
	    cp == 0x200f || cp == 0x2028 || cp == 0x2029;
}

void
diag_put_safe(struct buf *out, const char *s, size_t n, bool newlines)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start, k, len;
	uint32_t cp;

	while (i < n) {
		start = i;
		len = utf8_seq_len(u[i]);
		/* A byte that is not part of a well-formed character. */
		if ((len > 1 || u[i] >= 0x80) && (start + len > n ||
		    utf8_check(s + start, len) != len)) {
			buf_printf(out, "\\x%c%c", hex[u[i] >> 4],
			    hex[u[i] & 15]);
			i++;
			continue;
		}
		cp = utf8_next(s, n, &i);
		if (!unsafe(cp, newlines)) {
			buf_put(out, s + start, i - start);
			continue;
		}
		if (cp < 0x80)
			buf_printf(out, "\\x%c%c", hex[cp >> 4], hex[cp & 15]);
		else {
			BUF_PUTSL(out, "\\u");
			for (k = 4; k-- > 0;)
				buf_putc(out, hex[(cp >> (4 * k)) & 15]);
		}
	}
}

static void
emit(struct diag *d, const char *prefix, bool newlines, const char *fmt,
    va_list ap)
{
	FILE *fp = d != NULL && d->fp != NULL ? d->fp : stderr;
	struct buf raw = BUF_INIT, safe = BUF_INIT;

	buf_vprintf(&raw, fmt, ap);
	buf_puts(&safe, prefix);
	diag_put_safe(&safe, raw.data, raw.len, newlines);
	buf_putc(&safe, '\n');
	if (d != NULL && d->capture != NULL)
		buf_put(d->capture, safe.data, safe.len);
	if (d == NULL || !d->quiet) {
		if (d != NULL && d->interrupt != NULL)
			d->interrupt(d->interrupt_arg);
		fwrite(safe.data, 1, safe.len, fp);
	}
	buf_release(&raw);
	buf_release(&safe);
}

int
diag_err(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	if (d != NULL)
		d->errors++;
	va_start(ap, fmt);
	emit(d, "error: ", false, fmt, ap);
	va_end(ap);
	return -1;
}

void
diag_warn(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	if (d != NULL)
		d->warnings++;
	if (d != NULL && d->quiet_warnings && d->capture == NULL)
		return;
	va_start(ap, fmt);
	emit(d, "warning: ", false, fmt, ap);
	va_end(ap);
}

void
diag_replay(struct diag *d, const struct diag *from, const struct buf *text)
{
	const char *p, *nl, *end;

	if (d == NULL)
		return;
	d->errors += from->errors;
	d->warnings += from->warnings;
	if (text->len == 0)
		return;
	end = text->data + text->len;
	for (p = text->data; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (strncmp(p, "warning: ", 9) == 0 && d->quiet_warnings &&
		    d->capture == NULL)
			continue;
		diag_note(d, "%.*s", (int)(nl - p), p);
	}
}

void
diag_note(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(d, "", true, fmt, ap);
	va_end(ap);
}

int
diag_print(FILE *fp, const char *fmt, ...)
{
	struct buf raw = BUF_INIT, safe = BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	diag_put_safe(&safe, raw.data, raw.len, true);
	rc = fwrite(safe.data, 1, safe.len, fp) == safe.len ? 0 : -1;
	buf_release(&raw);
	buf_release(&safe);
	return rc;
}
