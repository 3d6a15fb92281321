/* t_qr.c - QR codes as inline SVG. */
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "harness.h"
#include "qr.h"

#define URL "https://badges.example.ac.jp/awards/2026/ai-basics-0001/"

static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* The number of dark modules the path draws: the sum of its h runs. */
static long
path_modules(const char *svg, int quiet, int width, int *bad)
{
	const char *p = strstr(svg, " d=\"");
	char *end;
	long x, y, h, n = 0;

	if (p == NULL) {
		*bad = 1;
		return 0;
	}
	for (p += 4; *p == 'M'; p = end) {
		x = strtol(p + 1, &end, 10);
		y = strtol(end + 1, &end, 10);
		if (*end != 'h') {
			*bad = 1;
			break;
		}
		h = strtol(end + 1, &end, 10);
		if (x < quiet || y < quiet || x + h > quiet + width ||
		    y >= quiet + width || h < 1)
			*bad = 1;
		n += h;
		while (*end != '\0' && *end != 'M' && *end != '"')
			end++;
	}
	if (*p != '"')
		*bad = 1;
	return n;
}

static void
test_qr__well_formed(void)
{
	struct buf b = BUF_INIT;
	const char *s;

	qr_svg(&b, URL, "QR code of \"this\" page <1>");
	s = b.data;
	OK(strncmp(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 40) == 0);
	OK(b.len > 6 && strcmp(s + b.len - 6, "</svg>") == 0);
	INT_EQ(count(s, "<svg"), 1);
	INT_EQ(count(s, "</svg>"), 1);
	INT_EQ(count(s, "<path "), 1);
	INT_EQ(count(s, "<rect "), 1);
	INT_EQ(count(s, "/>"), 2);
	INT_EQ(count(s, "<"), 4);
	INT_EQ(count(s, ">"), 4);
	INT_EQ(count(s, "\"") % 2, 0);
	OK(strstr(s, " role=\"img\"") != NULL);
	OK(strstr(s, " aria-label=\"QR code of &quot;this&quot; page "
	    "&lt;1&gt;\"") != NULL);
	OK(strchr(s, '\n') == NULL);
	buf_release(&b);
}

static void
test_qr__modules(void)
{
	struct buf b = BUF_INIT;
	QRcode *qr = QRcode_encodeString(URL, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	char vb[64];
	long dark = 0;
	int i, bad = 0;

	OK(qr != NULL);
	if (qr == NULL)
		return;
	for (i = 0; i < qr->width * qr->width; i++)
		dark += qr->data[i] & 1;
	qr_svg(&b, URL, "QR");
	snprintf(vb, sizeof(vb), "viewBox=\"0 0 %d %d\"", qr->width + 8,
	    qr->width + 8);
	OK(strstr(b.data, vb) != NULL);
	INT_EQ(path_modules(b.data, 4, qr->width, &bad), dark);
	INT_EQ(bad, 0);
	/* Level M, 57 bytes: version 4, 33 modules. */
	INT_EQ(qr->width, 33);
	QRcode_free(qr);
	buf_release(&b);
}

static void
test_qr__deterministic(void)
{
	struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;

	qr_svg(&a, URL, "QR");
	qr_svg(&b, URL, "QR");
	INT_EQ(a.len, b.len);
	OK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	/* Case-sensitive: the upper-case URL is another code. */
	qr_svg(&c, "HTTPS://BADGES.EXAMPLE.AC.JP/AWARDS/2026/AI-BASICS-0001/",
	    "QR");
	OK(c.len > 0);
	OK(c.len != a.len || memcmp(a.data, c.data, a.len) != 0);
	buf_release(&a);
	buf_release(&b);
	buf_release(&c);
}

static void
test_qr__too_long(void)
{
	struct buf b = BUF_INIT;
	char *s = malloc(4001);

	memset(s, 'a', 4000);
	s[4000] = '\0';
	qr_svg(&b, s, "QR");
	INT_EQ(b.len, 0);
	free(s);
	buf_release(&b);
}

TESTS(T(test_qr__well_formed), T(test_qr__modules),
    T(test_qr__deterministic), T(test_qr__too_long))
