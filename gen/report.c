/*
 * report.c - the report of a check: its units and findings, and the
 * four formats it is written in (human, TAP, JUnit XML, JSON); see
 * report.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "report.h"

static const char *const kind_names[CHECK_NKINDS] = {
	"award", "link", "fragment", "reference", "image", "leak"
};

const char *
check_kind_name(enum check_kind k)
{
	return (unsigned)k < CHECK_NKINDS ? kind_names[k] : "?";
}

const char *
check_level_name(enum check_level l)
{
	return l == CHECK_LEVEL_WARN ? "warn" : "error";
}

int
check_format_parse(enum check_format *out, const char *s)
{
	static const char *const names[] = { "human", "tap", "junit", "json" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum check_format)i;
			return 0;
		}
	return -1;
}

struct check_unit *
check_unit_append(struct check_report *r, const char *file, enum check_kind kind)
{
	struct check_unit *u;

	if (r->nunits == r->capunits) {
		r->capunits = r->capunits ? r->capunits * 2 : 64;
		r->units = xreallocarray(r->units, r->capunits,
		    sizeof(*r->units));
	}
	u = &r->units[r->nunits++];
	memset(u, 0, sizeof(*u));
	u->file = xstrdup(file);
	u->kind = kind;
	return u;
}

/*
 * The search goes backwards: the checks of one file add their units
 * together and their findings right after, so it ends at once.
 */
struct check_unit *
check_unit(struct check_report *r, const char *file, enum check_kind kind)
{
	size_t i;

	for (i = r->nunits; i-- > 0; )
		if (r->units[i].kind == kind &&
		    strcmp(r->units[i].file, file) == 0)
			return &r->units[i];
	return check_unit_append(r, file, kind);
}

void
check_add(struct check_report *r, const char *file, enum check_kind kind,
    enum check_level level, unsigned line, const char *fmt, ...)
{
	struct check_unit *u = check_unit(r, file, kind);
	struct check_finding *f;
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (u->nfindings == u->capfindings) {
		u->capfindings = u->capfindings ? u->capfindings * 2 : 4;
		u->findings = xreallocarray(u->findings, u->capfindings,
		    sizeof(*u->findings));
	}
	f = &u->findings[u->nfindings++];
	f->level = level;
	f->line = line;
	f->message = buf_detach(&b, NULL);
	if (level == CHECK_LEVEL_ERROR)
		r->errors++;
	else
		r->warnings++;
}

void
check_add_build_messages(struct check_report *r, const char *text,
    size_t len)
{
	const char *p = text, *end = text + len, *nl, *msg, *colon, *q;
	enum check_level level;
	unsigned line;
	char *file;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((size_t)(nl - p) > 7 && memcmp(p, "error: ", 7) == 0) {
			level = CHECK_LEVEL_ERROR;
			msg = p + 7;
		} else if ((size_t)(nl - p) > 9 &&
		    memcmp(p, "warning: ", 9) == 0) {
			level = CHECK_LEVEL_WARN;
			msg = p + 9;
		} else
			continue;
		colon = memchr(msg, ':', (size_t)(nl - msg));
		if (colon != NULL && memchr(msg, ' ', (size_t)(colon - msg)) ==
		    NULL && colon > msg) {
			file = xstrndup(msg, (size_t)(colon - msg));
			msg = colon + 1;
			while (msg < nl && *msg == ' ')
				msg++;
		} else
			file = xstrdup("build");
		/* "12:7: ..." after the file is its place */
		line = 0;
		for (q = msg; q < nl && *q >= '0' && *q <= '9' && line < 1000000;
		    q++)
			line = line * 10 + (unsigned)(*q - '0');
		if (q > msg && q < nl && *q == ':') {
			while (q < nl && (*q == ':' || (*q >= '0' && *q <= '9')))
				q++;
			while (q < nl && *q == ' ')
				q++;
			msg = q;
		} else
			line = 0;
		check_add(r, file, CHECK_KIND_AWARD, level, line, "%.*s",
		    (int)(nl - msg), msg);
		free(file);
	}
}

static int
cmp_unit(const void *a, const void *b)
{
	const struct check_unit *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c != 0)
		return c;
	return (int)x->kind - (int)y->kind;
}

void
check_sort(struct check_report *r)
{
	if (r->nunits > 1)
		qsort(r->units, r->nunits, sizeof(*r->units), cmp_unit);
}

void
check_report_release(struct check_report *r)
{
	size_t i, j;

	if (r == NULL)
		return;
	for (i = 0; i < r->nunits; i++) {
		for (j = 0; j < r->units[i].nfindings; j++)
			free(r->units[i].findings[j].message);
		free(r->units[i].findings);
		free(r->units[i].file);
	}
	free(r->units);
	for (i = 0; i < r->nexternal; i++)
		free(r->external[i]);
	free(r->external);
	memset(r, 0, sizeof(*r));
}

/* The four formats. */

static void
xml_esc(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': BUF_PUTSL(out, "&amp;"); break;
		case '<': BUF_PUTSL(out, "&lt;"); break;
		case '>': BUF_PUTSL(out, "&gt;"); break;
		case '"': BUF_PUTSL(out, "&quot;"); break;
		case '\'': BUF_PUTSL(out, "&apos;"); break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\t' &&
			    *s != '\n' && *s != '\r')
				buf_putc(out, '?');
			else
				buf_putc(out, *s);
		}
	}
}

static bool
unit_failed(const struct check_unit *u)
{
	size_t i;

	for (i = 0; i < u->nfindings; i++)
		if (u->findings[i].level == CHECK_LEVEL_ERROR)
			return true;
	return false;
}

static void
finding_text(struct buf *out, const struct check_finding *f)
{
	if (f->line > 0)
		buf_printf(out, "line %u: ", f->line);
	buf_puts(out, f->message);
}

static void
write_human(struct buf *out, const struct check_report *r)
{
	size_t i, j, failed = 0;

	for (i = 0; i < r->nunits; i++) {
		const struct check_unit *u = &r->units[i];

		for (j = 0; j < u->nfindings; j++) {
			const struct check_finding *f = &u->findings[j];

			buf_puts(out, u->file);
			if (f->line > 0)
				buf_printf(out, ":%u", f->line);
			buf_printf(out, ": %s%s: %s\n",
			    f->level == CHECK_LEVEL_WARN ? "warning: " : "",
			    check_kind_name(u->kind), f->message);
		}
		if (unit_failed(u))
			failed++;
	}
	if (r->nexternal > 0) {
		buf_printf(out, "external links (not fetched): %zu\n",
		    r->nexternal);
		for (i = 0; i < r->nexternal; i++)
			buf_printf(out, "  %s\n", r->external[i]);
	}
	buf_printf(out, "%zu checks, %zu failed: %u errors, %u warnings\n",
	    r->nunits, failed, r->errors, r->warnings);
}

static void
write_tap(struct buf *out, const struct check_report *r)
{
	size_t i, j;

	buf_printf(out, "1..%zu\n", r->nunits);
	for (i = 0; i < r->nunits; i++) {
		const struct check_unit *u = &r->units[i];

		buf_printf(out, "%sok %zu - %s %s\n", unit_failed(u) ?
		    "not " : "", i + 1, check_kind_name(u->kind), u->file);
		for (j = 0; j < u->nfindings; j++) {
			buf_printf(out, "  # %s: ",
			    check_level_name(u->findings[j].level));
			finding_text(out, &u->findings[j]);
			buf_putc(out, '\n');
		}
	}
	for (i = 0; i < r->nexternal; i++)
		buf_printf(out, "# external (not fetched): %s\n",
		    r->external[i]);
}

static void
write_junit(struct buf *out, const struct check_report *r)
{
	struct buf msg = BUF_INIT;
	size_t i, j, tests, failures, total = 0, totalf = 0;
	int k;

	for (i = 0; i < r->nunits; i++) {
		total++;
		if (unit_failed(&r->units[i]))
			totalf++;
	}
	BUF_PUTSL(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_printf(out, "<testsuites name=\"badgegen check\" tests=\"%zu\" "
	    "failures=\"%zu\" errors=\"0\">\n", total, totalf);
	for (k = 0; k < CHECK_NKINDS; k++) {
		tests = failures = 0;
		for (i = 0; i < r->nunits; i++)
			if ((int)r->units[i].kind == k) {
				tests++;
				if (unit_failed(&r->units[i]))
					failures++;
			}
		if (tests == 0 && !(k == CHECK_KIND_LINK && r->nexternal > 0))
			continue;
		buf_printf(out, "  <testsuite name=\"%s\" tests=\"%zu\" "
		    "failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
		    check_kind_name((enum check_kind)k), tests, failures);
		for (i = 0; i < r->nunits; i++) {
			const struct check_unit *u = &r->units[i];

			if ((int)u->kind != k)
				continue;
			buf_printf(out, "    <testcase classname=\"%s\" "
			    "name=\"", check_kind_name(u->kind));
			xml_esc(out, u->file);
			if (u->nfindings == 0) {
				BUF_PUTSL(out, "\"/>\n");
				continue;
			}
			BUF_PUTSL(out, "\">\n");
			for (j = 0; j < u->nfindings; j++) {
				const struct check_finding *f = &u->findings[j];

				buf_reset(&msg);
				finding_text(&msg, f);
				buf_putc(&msg, '\0');
				if (f->level == CHECK_LEVEL_WARN) {
					BUF_PUTSL(out, "      <system-out>"
					    "warning: ");
					xml_esc(out, msg.data);
					BUF_PUTSL(out, "</system-out>\n");
					continue;
				}
				buf_printf(out, "      <failure type=\"%s\" "
				    "message=\"", check_kind_name(u->kind));
				xml_esc(out, msg.data);
				BUF_PUTSL(out, "\">");
				xml_esc(out, u->file);
				BUF_PUTSL(out, ": ");
				xml_esc(out, msg.data);
				BUF_PUTSL(out, "</failure>\n");
			}
			BUF_PUTSL(out, "    </testcase>\n");
		}
		if (k == CHECK_KIND_LINK && r->nexternal > 0) {
			BUF_PUTSL(out, "    <system-out>external links (not "
			    "fetched):\n");
			for (i = 0; i < r->nexternal; i++) {
				xml_esc(out, r->external[i]);
				buf_putc(out, '\n');
			}
			BUF_PUTSL(out, "</system-out>\n");
		}
		BUF_PUTSL(out, "  </testsuite>\n");
	}
	BUF_PUTSL(out, "</testsuites>\n");
	buf_release(&msg);
}

static void
write_json(struct buf *out, const struct check_report *r)
{
	size_t i, j;
	bool first = true;

	buf_putc(out, '[');
	for (i = 0; i < r->nunits; i++) {
		const struct check_unit *u = &r->units[i];

		for (j = 0; j < u->nfindings; j++) {
			const struct check_finding *f = &u->findings[j];

			buf_puts(out, first ? "\n  {\"file\": " :
			    ",\n  {\"file\": ");
			first = false;
			json_write_str(out, u->file, strlen(u->file), 0);
			buf_printf(out, ", \"kind\": \"%s\", \"level\": \"%s\", ",
			    check_kind_name(u->kind),
			    check_level_name(f->level));
			if (f->line > 0)
				buf_printf(out, "\"line\": %u, ", f->line);
			BUF_PUTSL(out, "\"message\": ");
			json_write_str(out, f->message, strlen(f->message), 0);
			buf_putc(out, '}');
		}
	}
	buf_puts(out, first ? "]\n" : "\n]\n");
}

void
check_write(struct buf *out, const struct check_report *r,
    enum check_format f)
{
	switch (f) {
	case CHECK_FORMAT_HUMAN: write_human(out, r); break;
	case CHECK_FORMAT_TAP: write_tap(out, r); break;
	case CHECK_FORMAT_JUNIT: write_junit(out, r); break;
	case CHECK_FORMAT_JSON: write_json(out, r); break;
	}
}
