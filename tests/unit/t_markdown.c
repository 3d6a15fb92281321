/* t_markdown.c - Markdown to HTML and to one line of plain text. */
#include <string.h>

#include "harness.h"
#include "markdown.h"

/* md_to_text of md, appended after prefix. */
static const char *
text_of(struct buf *b, const char *prefix, const char *md)
{
	buf_reset(b);
	buf_puts(b, prefix);
	md_to_text(b, md);
	return b->len > 0 ? b->data : "";
}

static void
test_markdown__text_plain(void)
{
	struct buf b = BUF_INIT;

	STR_EQ(text_of(&b, "", "Pass **the** exam,\nthen `submit`."),
	    "Pass the exam, then submit.");
	STR_EQ(text_of(&b, "", "  \n\n"), "");
	/* Appended: nothing of what came before changes. */
	STR_EQ(text_of(&b, "x: ", "# Title\n\nText  \nmore"),
	    "x: Title Text more");
	buf_release(&b);
}

static void
test_markdown__text_lists_links_html(void)
{
	struct buf b = BUF_INIT;

	STR_EQ(text_of(&b, "", "3. one\n4. two\n\n- a\n- b"),
	    "3. one 4. two a b");
	STR_EQ(text_of(&b, "", "Read [the rules](https://x.example/r) "
	    "or [bad](javascript:alert(1))."), "Read the rules or bad.");
	STR_EQ(text_of(&b, "", "a <b>bold</b> <script>x</script>\n\n"
	    "<div>\nblock\n</div>\n\nend"), "a bold x end");
	buf_release(&b);
}

static void
test_markdown__text_gfm(void)
{
	struct buf b = BUF_INIT;

	STR_EQ(text_of(&b, "", "| 科目 | 単位 |\n| --- | --: |\n"
	    "| 基礎 | 2 |\n\n~~旧科目~~ は対象外"), "科目 単位 基礎 2 は対象外");
	STR_EQ(text_of(&b, "", "see www.example.org now"),
	    "see www.example.org now");
	buf_release(&b);
}

static void
test_markdown__html_safe(void)
{
	struct buf b = BUF_INIT;

	md_to_html(&b, "[x](javascript:alert(1)) <script>y</script>");
	OK(b.len > 0);
	OK(strstr(b.data, "javascript") == NULL);
	OK(strstr(b.data, "<script") == NULL);
	buf_release(&b);
}

TESTS(T(test_markdown__text_plain), T(test_markdown__text_lists_links_html),
    T(test_markdown__text_gfm), T(test_markdown__html_safe))
