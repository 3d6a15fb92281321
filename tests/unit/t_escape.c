/* t_escape.c - HTML escaping: entities, controls and bidi overrides. */
#include <string.h>

#include "escape.h"
#include "harness.h"
#include "markdown.h"

static void
html(struct buf *b, const char *s)
{
	buf_reset(b);
	esc_html(b, s, strlen(s));
}

static void
test_escape__html_entities(void)
{
	struct buf b = BUF_INIT;

	html(&b, "<a href=\"x\">'&'</a>");
	STR_EQ(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
	/* Tab, newline, carriage return and any other text stay. */
	html(&b, "a\tb\r\nc \xe5\x90\x8d\xe5\x89\x8d \xe2\x80\x8f");
	STR_EQ(b.data, "a\tb\r\nc \xe5\x90\x8d\xe5\x89\x8d \xe2\x80\x8f");
	buf_release(&b);
}

static void
test_escape__html_controls_and_bidi(void)
{
	struct buf b = BUF_INIT;

	/* ESC, DEL, CSI (U+009B), U+202E, U+2066 and U+2069 become U+FFFD. */
	html(&b, "\x1b[2J\x7f\xc2\x9b" "31m\xe2\x80\xaegnp.exe\xe2\x81\xa6x\xe2\x81\xa9");
	STR_EQ(b.data, "\xef\xbf\xbd[2J\xef\xbf\xbd\xef\xbf\xbd" "31m"
	    "\xef\xbf\xbdgnp.exe\xef\xbf\xbdx\xef\xbf\xbd");
	/* A NUL inside the length given, and U+2028 or U+00A0, which show. */
	buf_reset(&b);
	esc_html(&b, "a\0b\xe2\x80\xa8\xc2\xa0", 8);
	MEM_EQ(b.data, "a\xef\xbf\xbd" "b\xe2\x80\xa8\xc2\xa0", 10);
	INT_EQ(b.len, 10);
	/* Not characters of XML. */
	html(&b, "a\xef\xbf\xbe\xef\xbf\xbf\xef\xbf\xbd");
	STR_EQ(b.data, "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* Bytes that are not UTF-8 pass as they are; a cut sequence too. */
	html(&b, "\xff\xc2");
	STR_EQ(b.data, "\xff\xc2");
	buf_release(&b);
}

static void
test_escape__controls_only(void)
{
	struct buf b = BUF_INIT;
	const char *s = "<p>&amp;\x1b\xe2\x80\xad</p>";

	esc_controls(&b, s, strlen(s));
	STR_EQ(b.data, "<p>&amp;\xef\xbf\xbd\xef\xbf\xbd</p>");
	buf_release(&b);
}

static void
test_escape__markdown(void)
{
	struct buf b = BUF_INIT;

	md_to_html(&b, "*a*\x1b[31m \xe2\x80\xae<script>x</script> "
	    "[l](javascript:alert(1))");
	OK(strstr(b.data, "<em>a</em>\xef\xbf\xbd[31m \xef\xbf\xbd") != NULL);
	OK(strstr(b.data, "<script>") == NULL);
	OK(strstr(b.data, "javascript:") == NULL);
	OK(strchr(b.data, '\x1b') == NULL);
	buf_release(&b);
}

TESTS(T(test_escape__html_entities), T(test_escape__html_controls_and_bidi),
    T(test_escape__controls_only), T(test_escape__markdown))
