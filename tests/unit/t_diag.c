/* t_diag.c - messages: counting, capture and the escaping of content. */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "harness.h"

/* s escaped by diag_put_safe, in a static buffer. */
static const char *
safe(const char *s, size_t n, bool newlines)
{
	static char out[512];
	struct buf b = BUF_INIT;

	diag_put_safe(&b, s, n, newlines);
	snprintf(out, sizeof(out), "%s", b.data);
	buf_release(&b);
	return out;
}

static void
test_diag__controls_escaped(void)
{
	STR_EQ(safe("a\x1b[31mred", 9, false), "a\\x1b[31mred");
	STR_EQ(safe("cr\rlf\n", 6, false), "cr\\x0dlf\\x0a");
	STR_EQ(safe("cr\rlf\n", 6, true), "cr\\x0dlf\n");
	STR_EQ(safe("tab\tdel\x7f", 8, false), "tab\tdel\\x7f");
	/* A NUL inside the text is shown, not an end. */
	STR_EQ(safe("a\0b", 3, false), "a\\x00b");
}

static void
test_diag__c1_and_bidi_escaped(void)
{
	/* U+0085 NEL, U+009B CSI */
	STR_EQ(safe("\xc2\x85x\xc2\x9b", 5, false), "\\u0085x\\u009b");
	/* U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LRI, U+200F RLM, U+061C */
	STR_EQ(safe("evil\xe2\x80\xaegpj.exe", 14, false),
	    "evil\\u202egpj.exe");
	STR_EQ(safe("\xe2\x81\xa6\xe2\x80\x8f\xd8\x9c", 8, false),
	    "\\u2066\\u200f\\u061c");
	/* U+2028 LINE SEPARATOR */
	STR_EQ(safe("a\xe2\x80\xa8" "b", 5, true), "a\\u2028b");
}

static void
test_diag__text_kept(void)
{
	/* Japanese, accents, emoji and backslashes pass as they are. */
	const char *text = "山田 花子 é 🎓 C:\\x";

	STR_EQ(safe(text, strlen(text), false), text);
	/* U+00A0 and U+2030 are not controls. */
	STR_EQ(safe("\xc2\xa0\xe2\x80\xb0", 5, false), "\xc2\xa0\xe2\x80\xb0");
}

static void
test_diag__bad_utf8_escaped(void)
{
	STR_EQ(safe("\xff" "a\x80", 3, false), "\\xffa\\x80");
	/* An overlong ESC, a cut sequence, a surrogate. */
	STR_EQ(safe("\xc0\x9b", 2, false), "\\xc0\\x9b");
	STR_EQ(safe("a\xe3\x81", 3, false), "a\\xe3\\x81");
	STR_EQ(safe("\xed\xa0\x80", 3, false), "\\xed\\xa0\\x80");
}

static void
test_diag__idempotent(void)
{
	const char *in = "\x1b]0;title\x07 \xe2\x80\xae \xff";
	struct buf once = BUF_INIT, twice = BUF_INIT;

	diag_put_safe(&once, in, strlen(in), false);
	diag_put_safe(&twice, once.data, once.len, false);
	STR_EQ(twice.data, once.data);
	buf_release(&once);
	buf_release(&twice);
}

static void
test_diag__messages_printed_escaped(void)
{
	struct diag d = DIAG_INIT;
	struct buf cap = BUF_INIT;
	char out[512];
	FILE *fp;
	size_t n;

	if ((fp = tmpfile()) == NULL)
		SKIP("no temporary file");
	d.fp = fp;
	d.capture = &cap;
	INT_EQ(diag_err(&d, "%s: $.name: bad", "content/x\x1b[2J.json"), -1);
	diag_warn(&d, "name %s", "a\xe2\x80\xae" "b\nc");
	diag_note(&d, "two\nlines\x1b");
	INT_EQ(d.errors, 1);
	INT_EQ(d.warnings, 1);
	rewind(fp);
	n = fread(out, 1, sizeof(out) - 1, fp);
	out[n] = '\0';
	fclose(fp);
	STR_EQ(out, "error: content/x\\x1b[2J.json: $.name: bad\n"
	    "warning: name a\\u202eb\\x0ac\n"
	    "two\nlines\\x1b\n");
	STR_EQ(cap.data, out);
	buf_release(&cap);
}

static void
test_diag__print(void)
{
	char out[128];
	FILE *fp;
	size_t n;

	if ((fp = tmpfile()) == NULL)
		SKIP("no temporary file");
	INT_EQ(diag_print(fp, "%s\tok\n", "a\x1b" "b"), 0);
	rewind(fp);
	n = fread(out, 1, sizeof(out) - 1, fp);
	out[n] = '\0';
	fclose(fp);
	STR_EQ(out, "a\\x1bb\tok\n");
}

TESTS(T(test_diag__controls_escaped), T(test_diag__c1_and_bidi_escaped),
    T(test_diag__text_kept), T(test_diag__bad_utf8_escaped),
    T(test_diag__idempotent), T(test_diag__messages_printed_escaped),
    T(test_diag__print))
