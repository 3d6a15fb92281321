/*
 * csv.c - CSV files as spreadsheets write them: RFC 4180 quoting, UTF-8
 * or Shift_JIS (CP932), one message per malformed record.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "json.h"
#include "utf8.h"

/* The line (1-based) of byte off of s: every LF, CRLF or lone CR ends one. */
static unsigned
line_at(const char *s, size_t off)
{
	unsigned line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off ||
		    s[i + 1] != '\n')))
			line++;
	return line;
}

/* Converts CP932 to UTF-8; reports the line of the first bad byte. */
static int
from_cp932(struct buf *out, const char *name, const char *src, size_t len,
    struct diag *d)
{
	iconv_t cd;
	char *in = (char *)src, *o;
	size_t inleft = len, oleft, r, start = out->len;
	int rc = -1;

	if ((cd = iconv_open("UTF-8", "CP932")) == (iconv_t)-1)
		return diag_err(d, "%s: is not UTF-8, and this system cannot "
		    "convert Shift_JIS (CP932): %s; save the file as "
		    "\"CSV UTF-8\"", name, strerror(errno));
	while (inleft > 0) {
		buf_grow(out, inleft * 3 / 2 + 16);
		o = out->data + out->len;
		oleft = out->cap - out->len - 1;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len = (size_t)(o - out->data);
		out->data[out->len] = '\0';
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		buf_truncate(out, start);
		diag_err(d, "%s:%u: neither UTF-8 nor Shift_JIS (CP932): "
		    "byte 0x%02x at offset %zu; save the file as \"CSV "
		    "UTF-8\"", name, line_at(src, (size_t)(in - src)),
		    (unsigned char)*in, (size_t)(in - src));
		goto out;
	}
	rc = 0;
out:
	iconv_close(cd);
	return rc;
}

int
csv_to_utf8(struct buf *out, const char **encoding, const char *name,
    const char *src, size_t len, struct diag *d)
{
	const unsigned char *u = (const unsigned char *)src;

	*encoding = "UTF-8";
	if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
	    (u[0] == 0xfe && u[1] == 0xff)))
		return diag_err(d, "%s: is UTF-16 (Excel's \"Unicode text\"); "
		    "save it as \"CSV UTF-8\" or \"CSV\"", name);
	if (memchr(src, '\0', len) != NULL)
		return diag_err(d, "%s:%u: holds a NUL byte; a CSV file is "
		    "text (save it as \"CSV UTF-8\")", name,
		    line_at(src, (size_t)((const char *)memchr(src, '\0',
		    len) - src)));
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		src += 3;
		len -= 3;
	}
	if (utf8_check(src, len) == len) {
		buf_put(out, src, len);
		return 0;
	}
	*encoding = "CP932";
	return from_cp932(out, name, src, len, d);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Whether every field is empty or blanks. */
static bool
blank_record(char **f, size_t n)
{
	size_t i;
	const char *p;

	for (i = 0; i < n; i++)
		for (p = f[i]; *p != '\0'; p++)
			if (!is_space(*p))
				return false;
	return true;
}

/* A copy of s in the arena without leading and trailing blanks. */
static char *
trimmed(struct arena *a, const char *s)
{
	size_t n;

	while (is_space(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

struct reader {
	struct csv	*c;
	const char	*name;
	struct diag	*d;
	const char	*s;
	size_t		 n, i;
	unsigned	 line;
	struct buf	 field;
	char		**f;		/* fields of the current record */
	size_t		 nf, capf;
};

static void
add_field(struct reader *r)
{
	if (r->nf == r->capf) {
		r->capf = r->capf ? 2 * r->capf : 16;
		r->f = xreallocarray(r->f, r->capf, sizeof(*r->f));
	}
	r->f[r->nf++] = arena_strndup(&r->c->arena, r->field.data,
	    r->field.len);
}

/* Consumes a line end at r->i, if there is one. */
static void
eat_eol(struct reader *r)
{
	if (r->i < r->n && r->s[r->i] == '\r') {
		r->i++;
		if (r->i < r->n && r->s[r->i] == '\n')
			r->i++;
		r->line++;
	} else if (r->i < r->n && r->s[r->i] == '\n') {
		r->i++;
		r->line++;
	}
}

/*
 * Reads one quoted field (r->i at the opening quote) into r->field, line
 * ends inside it as LF.  Returns 0, or -1 after reporting a field that
 * is not closed or is followed by text.
 */
static int
quoted_field(struct reader *r)
{
	unsigned qline = r->line;
	char ch;

	r->i++;
	for (;;) {
		if (r->i >= r->n)
			return diag_err(r->d, "%s:%u: a quoted field is not "
			    "closed (a quote is missing)", r->name, qline);
		ch = r->s[r->i];
		if (ch == '"') {
			if (r->i + 1 < r->n && r->s[r->i + 1] == '"') {
				buf_putc(&r->field, '"');
				r->i += 2;
				continue;
			}
			r->i++;
			break;
		}
		if (ch == '\r' || ch == '\n') {
			eat_eol(r);
			buf_putc(&r->field, '\n');
			continue;
		}
		buf_putc(&r->field, ch);
		r->i++;
	}
	if (r->i < r->n && r->s[r->i] != ',' && r->s[r->i] != '\r' &&
	    r->s[r->i] != '\n') {
		diag_err(r->d, "%s:%u: text after a closing quote (a quote "
		    "inside a quoted field is written twice: \"\")", r->name,
		    r->line);
		while (r->i < r->n && r->s[r->i] != '\r' && r->s[r->i] != '\n')
			r->i++;
		return -1;
	}
	return 0;
}

/* Reads one record into r->f; returns false when it is malformed. */
static bool
read_record(struct reader *r)
{
	r->nf = 0;
	for (;;) {
		buf_reset(&r->field);
		if (r->i < r->n && r->s[r->i] == '"') {
			if (quoted_field(r) < 0) {
				eat_eol(r);
				return false;
			}
		} else {
			while (r->i < r->n && r->s[r->i] != ',' &&
			    r->s[r->i] != '\r' && r->s[r->i] != '\n')
				buf_putc(&r->field, r->s[r->i++]);
		}
		add_field(r);
		if (r->i < r->n && r->s[r->i] == ',') {
			r->i++;
			continue;
		}
		eat_eol(r);
		return true;
	}
}

int
csv_parse(struct csv *out, const char *name, const char *src, size_t len,
    struct diag *d)
{
	struct buf text = BUF_INIT;
	struct reader r;
	struct csv_row *row;
	size_t caprows = 0, k, j;
	unsigned start;
	bool ok, have_header = false;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	if (len > CSV_MAX_BYTES)
		return diag_err(d, "%s: larger than %u bytes", name,
		    CSV_MAX_BYTES);
	if (csv_to_utf8(&text, &out->encoding, name, src, len, d) < 0)
		goto out;
	r.c = out;
	r.name = name;
	r.d = d;
	r.s = text.data;
	r.n = text.len;
	r.line = 1;
	r.field = (struct buf)BUF_INIT;
	while (r.i < r.n) {
		start = r.line;
		ok = read_record(&r);
		if (ok && blank_record(r.f, r.nf))
			continue;
		if (!have_header) {
			if (!ok) {
				diag_err(d, "%s:%u: the header row is "
				    "malformed", name, start);
				goto out;
			}
			out->header = arena_alloc(&out->arena,
			    (r.nf + 1) * sizeof(*out->header));
			for (k = 0; k < r.nf; k++) {
				out->header[k] = trimmed(&out->arena, r.f[k]);
				for (j = 0; j < k; j++)
					if (out->header[k][0] != '\0' &&
					    strcasecmp(out->header[j],
					    out->header[k]) == 0) {
						diag_err(d, "%s:%u: column "
						    "\"%s\" appears twice in "
						    "the header", name, start,
						    out->header[k]);
						goto out;
					}
			}
			out->ncols = r.nf;
			out->header_line = start;
			have_header = true;
			continue;
		}
		if (out->nrows == caprows) {
			caprows = caprows ? 2 * caprows : 64;
			row = arena_alloc(&out->arena, caprows * sizeof(*row));
			if (out->nrows > 0)
				memcpy(row, out->rows,
				    out->nrows * sizeof(*row));
			out->rows = row;
		}
		row = &out->rows[out->nrows++];
		row->line = start;
		row->bad = !ok;
		if (ok && r.nf != out->ncols) {
			diag_err(d, "%s:%u: %zu field%s, but the header has "
			    "%zu", name, start, r.nf, r.nf == 1 ? "" : "s",
			    out->ncols);
			row->bad = true;
		}
		row->nfields = r.nf;
		row->fields = arena_alloc(&out->arena,
		    (r.nf + 1) * sizeof(*row->fields));
		if (r.nf > 0)
			memcpy(row->fields, r.f, r.nf * sizeof(*r.f));
	}
	if (!have_header) {
		diag_err(d, "%s: empty; the first row must name the columns",
		    name);
		goto out;
	}
	rc = 0;
out:
	free(r.f);
	buf_release(&r.field);
	buf_release(&text);
	if (rc < 0)
		csv_release(out);
	return rc;
}

int
csv_column(const struct csv *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->ncols; i++)
		if (strcasecmp(c->header[i], name) == 0)
			return (int)i;
	return -1;
}

void
csv_release(struct csv *c)
{
	if (c == NULL)
		return;
	arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}
