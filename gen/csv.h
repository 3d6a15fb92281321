/*
 * csv.h - comma-separated values (RFC 4180) as spreadsheets write them.
 *
 * A file is a header row and records.  Fields are separated by commas;
 * a field in double quotes may hold commas, line ends and quotes written
 * twice ("").  Records end with CRLF, LF or a lone CR; the last one may
 * lack an end.  A quote inside an unquoted field is kept as it is.
 *
 * The text is UTF-8, with or without a byte order mark, or Shift_JIS as
 * Excel writes it in Japan (Windows code page 932): a file that is not
 * valid UTF-8 is converted from CP932 with iconv(3).  UTF-16 files
 * (Excel's "Unicode text") and files holding NUL bytes are refused.
 *
 * Each record keeps the line it starts on, for messages.  A malformed
 * record (text after a closing quote, a quoted field that is never
 * closed, a number of fields other than the header's) is reported,
 * naming the file and that line, and marked bad; the others are read
 * on.  Blank records (no field with anything in it) are skipped.
 */
#ifndef BADGEGEN_CSV_H
#define BADGEGEN_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

#define CSV_MAX_BYTES	(16u * 1024 * 1024)	/* larger files are refused */

struct csv_row {
	unsigned	 line;		/* 1-based line the record starts on */
	char		**fields;	/* nfields UTF-8 strings, NUL-terminated */
	size_t		 nfields;
	bool		 bad;		/* malformed; already reported */
};

struct csv {
	struct arena	 arena;		/* owns everything below */
	const char	*encoding;	/* "UTF-8" or "CP932": what was read */
	char		**header;	/* column names, trimmed (may be "") */
	size_t		 ncols;
	unsigned	 header_line;
	struct csv_row	*rows;		/* records after the header, in order */
	size_t		 nrows;
};

/*
 * Converts len bytes of src, named name in messages, to UTF-8 without a
 * byte order mark, appended to out, as described above.  Sets *encoding
 * to "UTF-8" or "CP932".  Returns 0, or -1 after reporting a file that
 * is neither (naming the line of the first bad byte).
 */
int	 csv_to_utf8(struct buf *out, const char **encoding, const char *name,
	    const char *src, size_t len, struct diag *d);

/*
 * Reads a CSV file of len bytes at src, named name in messages: converts
 * it to UTF-8, takes the first non-blank record as the header and the
 * rest as rows.  Returns 0 with *out filled (release it with
 * csv_release), or -1 after reporting why the file as a whole cannot be
 * read (encoding, no header row, a column named twice); *out
 * then needs no release, but csv_release on it is harmless.  Bad rows do
 * not make it fail: they are reported and marked.
 */
int	 csv_parse(struct csv *out, const char *name, const char *src,
	    size_t len, struct diag *d);

/*
 * The index of the column whose name is name (ASCII case ignored), or
 * -1 when the header has none.
 */
int	 csv_column(const struct csv *c, const char *name);

/* Frees what c holds and empties it; accepts NULL, a zeroed or failed csv. */
void	 csv_release(struct csv *c);

#endif
