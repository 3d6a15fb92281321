/* t_buf.c - buffers and arenas. */
#include "buf.h"
#include "harness.h"

static void
test_buf__init_is_empty_string(void)
{
	struct buf b = BUF_INIT;

	OK(b.data != NULL);
	STR_EQ(b.data, "");
	INT_EQ(b.len, 0);
	buf_release(&b);
}

static void
test_buf__append_and_grow(void)
{
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; i < 1000; i++)
		BUF_PUTSL(&b, "abc");
	INT_EQ(b.len, 3000);
	OK(b.cap > b.len);
	INT_EQ(b.data[3000], '\0');
	buf_printf(&b, "%d-%s", 42, "x");
	STR_EQ(b.data + 3000, "42-x");
	buf_truncate(&b, 2);
	STR_EQ(b.data, "ab");
	buf_release(&b);
	STR_EQ(b.data, "");
}

static void
test_buf__max_is_sticky(void)
{
	struct buf b;

	buf_init(&b, 5);
	BUF_PUTSL(&b, "abc");
	BUF_PUTSL(&b, "def");
	OK(b.over);
	STR_EQ(b.data, "abc");
	buf_putc(&b, 'x');
	STR_EQ(b.data, "abc");
	buf_release(&b);
}

static void
test_buf__detach(void)
{
	struct buf b = BUF_INIT;
	size_t n;
	char *s;

	s = buf_detach(&b, &n);
	STR_EQ(s, "");
	free(s);
	buf_puts(&b, "hello");
	s = buf_detach(&b, &n);
	INT_EQ(n, 5);
	STR_EQ(s, "hello");
	STR_EQ(b.data, "");
	free(s);
}

static void
test_buf__arena(void)
{
	struct arena a = ARENA_INIT;
	char *big, *s;
	int i;

	for (i = 0; i < 10000; i++) {
		s = arena_printf(&a, "n%d", i);
		OK(s[0] == 'n');
	}
	big = arena_alloc(&a, 1 << 20);
	OK(big[0] == 0 && big[(1 << 20) - 1] == 0);
	s = arena_strndup(&a, "abcdef", 3);
	STR_EQ(s, "abc");
	arena_release(&a);
	arena_release(&a);
}

TESTS(T(test_buf__init_is_empty_string), T(test_buf__append_and_grow),
    T(test_buf__max_is_sticky), T(test_buf__detach), T(test_buf__arena))
