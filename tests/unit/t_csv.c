/*
 * t_csv.c - the CSV reader: RFC 4180 quoting, line ends, byte order
 * marks, Shift_JIS (CP932) files, bad records with their line numbers.
 * Sample files: tests/data/issue/ (see its README).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "harness.h"

#define DATA "tests/data/issue/"

/* Parses s, capturing messages into msgs (may be NULL). */
static int
parse(struct csv *c, const char *s, size_t len, struct buf *msgs)
{
	struct diag d = DIAG_INIT;

	d.quiet = true;
	d.capture = msgs;
	return csv_parse(c, "t.csv", s, len, &d);
}

#define PARSE(c, lit, msgs) parse((c), (lit), sizeof(lit) - 1, (msgs))

static int
parse_file(struct csv *c, const char *file, struct buf *msgs)
{
	struct buf b = BUF_INIT;
	struct diag d = DIAG_INIT;
	FILE *fp = fopen(file, "rb");
	char tmp[4096];
	size_t n;
	int rc;

	if (fp == NULL) {
		FAIL_AT("cannot open %s", file);
		return -1;
	}
	while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
		buf_put(&b, tmp, n);
	fclose(fp);
	d.quiet = true;
	d.capture = msgs;
	rc = csv_parse(c, file, b.data, b.len, &d);
	buf_release(&b);
	return rc;
}

static void
test_csv__basic(void)
{
	struct csv c;

	INT_EQ(PARSE(&c, "email,name\r\na@x.org,A\r\nb@x.org,B\r\n", NULL), 0);
	STR_EQ(c.encoding, "UTF-8");
	INT_EQ(c.ncols, 2);
	STR_EQ(c.header[0], "email");
	STR_EQ(c.header[1], "name");
	INT_EQ(c.header_line, 1);
	INT_EQ(c.nrows, 2);
	INT_EQ(c.rows[0].line, 2);
	INT_EQ(c.rows[1].line, 3);
	STR_EQ(c.rows[1].fields[0], "b@x.org");
	STR_EQ(c.rows[1].fields[1], "B");
	OK(!c.rows[0].bad && !c.rows[1].bad);
	csv_release(&c);
}

static void
test_csv__quoting(void)
{
	struct csv c;

	INT_EQ(PARSE(&c, "a,b,c\n"
	    "\"x, y\",\"say \"\"hi\"\"\",\"\"\n"
	    "\"two\nlines\",\"three\r\nmore\nlines\",z\n"
	    "p,q\"r,s\n", NULL), 0);
	INT_EQ(c.nrows, 3);
	STR_EQ(c.rows[0].fields[0], "x, y");
	STR_EQ(c.rows[0].fields[1], "say \"hi\"");
	STR_EQ(c.rows[0].fields[2], "");
	STR_EQ(c.rows[1].fields[0], "two\nlines");
	STR_EQ(c.rows[1].fields[1], "three\nmore\nlines");
	INT_EQ(c.rows[1].line, 3);
	/* Line ends inside quotes count: the next record is on line 7. */
	INT_EQ(c.rows[2].line, 7);
	/* A quote inside an unquoted field is kept. */
	STR_EQ(c.rows[2].fields[1], "q\"r");
	csv_release(&c);
}

static void
test_csv__line_ends(void)
{
	struct csv c;

	/* Lone CR (old Mac), no final line end, a trailing empty field. */
	INT_EQ(PARSE(&c, "a,b\rx,\ry,z", NULL), 0);
	INT_EQ(c.nrows, 2);
	INT_EQ(c.rows[0].nfields, 2);
	STR_EQ(c.rows[0].fields[1], "");
	INT_EQ(c.rows[1].line, 3);
	STR_EQ(c.rows[1].fields[1], "z");
	csv_release(&c);
}

static void
test_csv__blank_records_skipped(void)
{
	struct csv c;

	INT_EQ(PARSE(&c, "\n\na,b\n\n , \n,\nx,y\n\n", NULL), 0);
	INT_EQ(c.header_line, 3);
	INT_EQ(c.nrows, 1);
	INT_EQ(c.rows[0].line, 7);
	csv_release(&c);
}

static void
test_csv__header_trim_and_lookup(void)
{
	struct csv c;

	INT_EQ(PARSE(&c, " Email ,NAME,date\n", NULL), 0);
	STR_EQ(c.header[0], "Email");
	INT_EQ(csv_column(&c, "email"), 0);
	INT_EQ(csv_column(&c, "name"), 1);
	INT_EQ(csv_column(&c, "DATE"), 2);
	INT_EQ(csv_column(&c, "other"), -1);
	INT_EQ(c.nrows, 0);
	csv_release(&c);
}

static void
test_csv__bom_crlf_file(void)
{
	struct csv c;
	struct buf m = BUF_INIT;

	INT_EQ(parse_file(&c, DATA "bom-crlf.csv", &m), 0);
	STR_EQ(m.data, "");
	STR_EQ(c.encoding, "UTF-8");
	STR_EQ(c.header[0], "Email");	/* the BOM is gone */
	INT_EQ(c.nrows, 4);
	STR_EQ(c.rows[0].fields[1], "Example, Alice");
	STR_EQ(c.rows[1].fields[1], "Bob \"the Builder\"");
	STR_EQ(c.rows[2].fields[1], "Carol\nSecond Line");
	STR_EQ(c.rows[2].fields[2], "2026/4/2");
	INT_EQ(c.rows[2].line, 4);
	/* ",," and an empty line are skipped; no final line end. */
	INT_EQ(c.rows[3].line, 8);
	STR_EQ(c.rows[3].fields[0], "dave@example.org");
	STR_EQ(c.rows[3].fields[2], "");
	csv_release(&c);
	buf_release(&m);
}

static void
test_csv__shift_jis_file(void)
{
	struct csv c, u;
	size_t i, k;

	INT_EQ(parse_file(&c, DATA "sjis.csv", NULL), 0);
	STR_EQ(c.encoding, "CP932");
	INT_EQ(c.nrows, 3);
	STR_EQ(c.rows[0].fields[1], "山田 太郎");
	STR_EQ(c.rows[0].fields[2], "2026/4/1");
	/* CP932 only (U+9AD9), and second bytes 0x5C: no stray backslash. */
	STR_EQ(c.rows[1].fields[1], "髙橋 花子, ソフト表示");
	STR_EQ(c.rows[2].fields[1], "①番 ～テスト～");
	INT_EQ(c.rows[2].line, 4);
	/* The same records as its UTF-8 source. */
	INT_EQ(parse_file(&u, DATA "sjis.utf8.csv", NULL), 0);
	STR_EQ(u.encoding, "UTF-8");
	INT_EQ(u.nrows, c.nrows);
	for (i = 0; i < c.nrows && i < u.nrows; i++) {
		INT_EQ(u.rows[i].line, c.rows[i].line);
		for (k = 0; k < c.ncols; k++)
			STR_EQ(c.rows[i].fields[k], u.rows[i].fields[k]);
	}
	csv_release(&c);
	csv_release(&u);
}

static void
test_csv__bad_records(void)
{
	struct csv c;
	struct buf m = BUF_INIT;
	size_t i;

	INT_EQ(parse_file(&c, DATA "bad-rows.csv", &m), 0);
	INT_EQ(c.nrows, 7);
	/* Lines 6 (text after a quote) and 7 (a field short) are bad. */
	for (i = 0; i < c.nrows; i++)
		INT_EQ(c.rows[i].bad, c.rows[i].line == 6 ||
		    c.rows[i].line == 7);
	OK(strstr(m.data, "bad-rows.csv:6: text after a closing quote") !=
	    NULL);
	OK(strstr(m.data, "bad-rows.csv:7: 2 fields, but the header has 3")
	    != NULL);
	/* The rows after them are read on. */
	INT_EQ(c.rows[6].line, 8);
	STR_EQ(c.rows[6].fields[1], "Seven, ok");
	csv_release(&c);
	buf_release(&m);
}

static void
test_csv__unclosed_quote(void)
{
	struct csv c;
	struct buf m = BUF_INIT;

	INT_EQ(PARSE(&c, "a,b\nx,y\nz,\"open\nmore\n", &m), 0);
	INT_EQ(c.nrows, 2);
	OK(!c.rows[0].bad);
	OK(c.rows[1].bad);
	INT_EQ(c.rows[1].line, 3);
	OK(strstr(m.data, "t.csv:3: a quoted field is not closed") != NULL);
	csv_release(&c);
	buf_release(&m);
}

static void
test_csv__refused_files(void)
{
	struct csv c;
	struct buf m = BUF_INIT;

	INT_EQ(PARSE(&c, "", &m), -1);
	OK(strstr(m.data, "t.csv: empty") != NULL);
	buf_reset(&m);
	INT_EQ(PARSE(&c, "a,b,A\n", &m), -1);
	OK(strstr(m.data, "t.csv:1: column \"A\" appears twice") != NULL);
	buf_reset(&m);
	INT_EQ(PARSE(&c, "\"a,b\n", &m), -1);
	OK(strstr(m.data, "header row is malformed") != NULL);
	buf_reset(&m);
	INT_EQ(PARSE(&c, "\xff\xfe" "a\0,\0b\0", &m), -1);
	OK(strstr(m.data, "UTF-16") != NULL);
	buf_reset(&m);
	INT_EQ(PARSE(&c, "a,b\nx\0,y\n", &m), -1);
	OK(strstr(m.data, "t.csv:2: holds a NUL byte") != NULL);
	buf_reset(&m);
	/* 0xFF is neither UTF-8 nor CP932: named with its line. */
	INT_EQ(PARSE(&c, "a,b\nx,y\r\n\xff,z\n", &m), -1);
	OK(strstr(m.data, "t.csv:3: neither UTF-8 nor Shift_JIS (CP932): "
	    "byte 0xff at offset 9") != NULL);
	csv_release(&c);	/* harmless on a failed parse */
	buf_release(&m);
}

static void
test_csv__to_utf8(void)
{
	struct buf out = BUF_INIT;
	const char *enc;

	INT_EQ(csv_to_utf8(&out, &enc, "x", "\xef\xbb\xbf" "abc", 6, NULL),
	    0);
	STR_EQ(out.data, "abc");
	STR_EQ(enc, "UTF-8");
	buf_reset(&out);
	/* "表" in Shift_JIS: 0x95 0x5C. */
	INT_EQ(csv_to_utf8(&out, &enc, "x", "\x95\x5c", 2, NULL), 0);
	STR_EQ(out.data, "表");
	STR_EQ(enc, "CP932");
	buf_release(&out);
}

TESTS(
	T(test_csv__basic),
	T(test_csv__quoting),
	T(test_csv__line_ends),
	T(test_csv__blank_records_skipped),
	T(test_csv__header_trim_and_lookup),
	T(test_csv__bom_crlf_file),
	T(test_csv__shift_jis_file),
	T(test_csv__bad_records),
	T(test_csv__unclosed_quote),
	T(test_csv__refused_files),
	T(test_csv__to_utf8)
)
