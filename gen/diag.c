/*
 * diag.c - error and warning messages.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

static void
emit(struct diag *d, const char *prefix, const char *fmt, va_list ap)
{
	FILE *fp = d != NULL && d->fp != NULL ? d->fp : stderr;
	va_list cp;

	if (d != NULL && d->capture != NULL) {
		va_copy(cp, ap);
		buf_puts(d->capture, prefix);
		buf_vprintf(d->capture, fmt, cp);
		buf_putc(d->capture, '\n');
		va_end(cp);
	}
	if (d != NULL && d->quiet)
		return;
	if (d != NULL && d->interrupt != NULL)
		d->interrupt(d->interrupt_arg);
	fputs(prefix, fp);
	vfprintf(fp, fmt, ap);
	fputc('\n', fp);
}

int
diag_err(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	if (d != NULL)
		d->errors++;
	va_start(ap, fmt);
	emit(d, "error: ", fmt, ap);
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
	emit(d, "warning: ", fmt, ap);
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
	emit(d, "", fmt, ap);
	va_end(ap);
}
