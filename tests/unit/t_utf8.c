/* t_utf8.c - UTF-8 validation, decoding, encoding and text places. */
#include <string.h>

#include "harness.h"
#include "utf8.h"

static void
test_utf8__check(void)
{
	INT_EQ(utf8_check("abc", 3), 3);
	INT_EQ(utf8_check("a\xe3\x81\x82", 4), 4);
	INT_EQ(utf8_check("ab\x80", 3), 2);
	INT_EQ(utf8_check("\xf0\x9f\x98\x80", 4), 4);
	/* Overlong, surrogate, above U+10FFFF, cut short, bad lead. */
	INT_EQ(utf8_check("\xe0\x80\x80", 3), 0);
	INT_EQ(utf8_check("\xc0\xaf", 2), 0);
	INT_EQ(utf8_check("x\xed\xa0\x80", 4), 1);
	INT_EQ(utf8_check("\xf4\x90\x80\x80", 4), 0);
	INT_EQ(utf8_check("ab\xe3\x81", 4), 2);
	INT_EQ(utf8_check("\xf8\x88\x80\x80\x80", 5), 0);
	INT_EQ(utf8_check("", 0), 0);
}

static void
test_utf8__put_and_next_round_trip(void)
{
	static const uint32_t cps[] = { 0, 0x41, 0x7f, 0x80, 0x7ff, 0x800,
	    0x3042, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x1f600,
	    0x10ffff };
	struct buf b = BUF_INIT;
	size_t i, at = 0;

	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++)
		utf8_put(&b, cps[i]);
	/* 1 + 1 + 1 + 2 + 2 + 3 + 3 + 3 + 3 + 3 + 3 + 4 + 4 + 4 bytes */
	INT_EQ(b.len, 37);
	INT_EQ(utf8_check(b.data, b.len), b.len);
	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++)
		INT_EQ(utf8_next(b.data, b.len, &at), cps[i]);
	INT_EQ(at, b.len);
	buf_reset(&b);
	utf8_put(&b, 0x3042);
	STR_EQ(b.data, "\xe3\x81\x82");
	buf_release(&b);
}

static void
test_utf8__seq_len(void)
{
	INT_EQ(utf8_seq_len('a'), 1);
	INT_EQ(utf8_seq_len(0xc3), 2);
	INT_EQ(utf8_seq_len(0xe3), 3);
	INT_EQ(utf8_seq_len(0xf0), 4);
	/* A continuation byte or a lead byte no sequence has: one byte. */
	INT_EQ(utf8_seq_len(0x80), 1);
	INT_EQ(utf8_seq_len(0xbf), 1);
	INT_EQ(utf8_seq_len(0xf8), 1);
	INT_EQ(utf8_seq_len(0xff), 1);
	OK(utf8_is_cont(0x80));
	OK(utf8_is_cont(0xbf));
	OK(!utf8_is_cont(0xc0));
	OK(!utf8_is_cont('a'));
}

/* A sequence cut short by len yields what was read and stops at len. */
static void
test_utf8__next_stops_at_len(void)
{
	size_t at = 0;

	INT_EQ(utf8_next("\xe3\x81", 2, &at), 0x3 << 6 | 0x01);
	INT_EQ(at, 2);
}

static void
test_utf8__floor(void)
{
	/* "aあい": a at 0, あ at 1..3, い at 4..6 */
	static const char s[] = "a\xe3\x81\x82\xe3\x81\x84";

	INT_EQ(utf8_floor(s, 0), 0);
	INT_EQ(utf8_floor(s, 1), 1);
	INT_EQ(utf8_floor(s, 2), 1);
	INT_EQ(utf8_floor(s, 3), 1);
	INT_EQ(utf8_floor(s, 4), 4);
	INT_EQ(utf8_floor(s, 7), 7);
}

static void
test_utf8__locate(void)
{
	static const char s[] = "ab\n\xe3\x81\x82x\n\ny";
	struct utf8_pos p = UTF8_POS_INIT;

	utf8_locate(&p, s, sizeof(s) - 1, 1);
	INT_EQ(p.line, 1);
	INT_EQ(p.col, 2);
	/* After a character of three bytes the column counts one. */
	utf8_locate(&p, s, sizeof(s) - 1, 6);
	INT_EQ(p.line, 2);
	INT_EQ(p.col, 2);
	utf8_locate(&p, s, sizeof(s) - 1, 9);
	INT_EQ(p.line, 4);
	INT_EQ(p.col, 1);
	/* Back to an earlier place: counted again from the start. */
	utf8_locate(&p, s, sizeof(s) - 1, 2);
	INT_EQ(p.line, 1);
	INT_EQ(p.col, 3);
	/* Past the end: stops at the end. */
	utf8_locate(&p, s, sizeof(s) - 1, 100);
	INT_EQ(p.off, sizeof(s) - 1);
	INT_EQ(p.line, 4);
	INT_EQ(p.col, 2);
}

static void
test_utf8__fold_width(void)
{
	struct buf b = BUF_INIT;
	const char *in = "Ｅｍａｉｌ　ａｄｄｒ\xef\xbc\x81２０２６年～";

	utf8_fold_width(&b, in, strlen(in));
	STR_EQ(b.data, "Email addr!2026年~");
	buf_reset(&b);
	/* U+FF00 and U+FF5F are outside the full-width ASCII block. */
	utf8_fold_width(&b, "\xef\xbc\x80\xef\xbd\x9f", 6);
	STR_EQ(b.data, "\xef\xbc\x80\xef\xbd\x9f");
	buf_reset(&b);
	/* Bytes that are not UTF-8 pass through. */
	utf8_fold_width(&b, "a\xff\x80" "b", 4);
	INT_EQ(b.len, 4);
	OK(memcmp(b.data, "a\xff\x80" "b", 4) == 0);
	buf_release(&b);
}

TESTS(T(test_utf8__check), T(test_utf8__fold_width), T(test_utf8__put_and_next_round_trip),
    T(test_utf8__seq_len), T(test_utf8__next_stops_at_len),
    T(test_utf8__floor), T(test_utf8__locate))
