/* t_report.c - check reports: build messages as findings, formats. */
#include <string.h>

#include "harness.h"
#include "report.h"

static void
test_report__build_messages(void)
{
	struct check_report r = CHECK_REPORT_INIT;
	const char text[] =
	    "error: content/awards/x.json:4:9: $: duplicate member \"id\"\n"
	    "note: built x\n"
	    "warning: content/issuers/i.json: no image\n"
	    "error: something without a file\n";

	check_add_build_messages(&r, text, sizeof(text) - 1);
	check_sort(&r);
	INT_EQ(r.nunits, 3);
	INT_EQ(r.errors, 2);
	INT_EQ(r.warnings, 1);
	STR_EQ(r.units[0].file, "build");
	STR_EQ(r.units[1].file, "content/awards/x.json");
	INT_EQ(r.units[1].findings[0].line, 4);
	STR_EQ(r.units[1].findings[0].message, "$: duplicate member \"id\"");
	INT_EQ(r.units[2].findings[0].level, CHECK_LEVEL_WARN);
	check_report_release(&r);
}

static void
test_report__formats(void)
{
	struct check_report r = CHECK_REPORT_INIT;
	struct buf out = BUF_INIT;
	enum check_format f;

	OK(check_format_parse(&f, "junit") == 0);
	INT_EQ(f, CHECK_FORMAT_JUNIT);
	OK(check_format_parse(&f, "xml") < 0);
	check_write(&out, &r, CHECK_FORMAT_JSON);
	STR_EQ(out.data, "[]\n");
	buf_reset(&out);
	check_write(&out, &r, CHECK_FORMAT_TAP);
	STR_EQ(out.data, "1..0\n");
	buf_reset(&out);
	check_add(&r, "a<&>\"'\x01.html", CHECK_KIND_LINK, CHECK_LEVEL_ERROR, 0,
	    "x & y");
	check_write(&out, &r, CHECK_FORMAT_JUNIT);
	OK(strstr(out.data, "name=\"a&lt;&amp;&gt;&quot;&apos;?.html\"") != NULL);
	OK(strstr(out.data, "message=\"x &amp; y\"") != NULL);
	buf_release(&out);
	check_report_release(&r);
}

TESTS(T(test_report__build_messages), T(test_report__formats))
