/*
 * t_mail.c - award notices: RFC 2047 encoded words, base64 and
 * quoted-printable bodies, Message-ID, Maildir names and delivery.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "b64.h"
#include "harness.h"
#include "hash.h"
#include "json.h"
#include "utf8.h"
#include "mail.h"

#define LONG_SUBJECT "架空大学 大学院情報学研究科 学務部からオープンバッジ" \
	"授与のお知らせ / Your Open Badge from 架空大学 大学院情報学研究科 学務部"

/* Every line of s[0..n) (without its newline) is at most max long. */
static bool
lines_within(const char *s, size_t n, size_t max)
{
	size_t col = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n') {
			col = 0;
			continue;
		}
		if (++col > max)
			return false;
	}
	return true;
}

/*
 * Decodes the encoded words of a header value (after "Name: "), checks
 * each is at most 75 characters, and appends the text to out.
 */
static int
decode_words(struct buf *out, const char *v)
{
	const char *p = v, *q;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		if (strncmp(p, "=?UTF-8?B?", 10) != 0)
			return -1;
		q = strstr(p + 10, "?=");
		if (q == NULL || (size_t)(q + 2 - p) > MAIL_WORD_MAX)
			return -1;
		if (b64_decode(out, p + 10, (size_t)(q - p - 10), 0, "word",
		    NULL) < 0)
			return -1;
		p = q + 2;
	}
	return 0;
}

static void
test_mail__subject_folding(void)
{
	struct buf h = BUF_INIT, dec = BUF_INIT;

	mail_header(&h, "Subject", LONG_SUBJECT);
	OK(strncmp(h.data, "Subject: =?UTF-8?B?", 19) == 0);
	OK(h.data[h.len - 1] == '\n');
	OK(lines_within(h.data, h.len, MAIL_LINE_MAX));
	OK(strstr(h.data, "\n ") != NULL);	/* folded */
	h.data[h.len - 1] = '\0';
	INT_EQ(decode_words(&dec, h.data + 9), 0);
	STR_EQ(dec.data, LONG_SUBJECT);
	buf_release(&h);
	buf_release(&dec);
}

static void
test_mail__subject_ascii(void)
{
	struct buf h = BUF_INIT;

	mail_header(&h, "Subject", "Your Open Badge");
	STR_EQ(h.data, "Subject: Your Open Badge\n");
	buf_release(&h);
}

static void
test_mail__words_never_split_characters(void)
{
	struct buf h = BUF_INIT, one = BUF_INIT;
	const char *p, *q;
	int i;

	/* Four-byte characters: each word must decode to whole ones. */
	for (i = 0; i < 40; i++)
		BUF_PUTSL(&one, "\xf0\x9f\x8e\x93");
	mail_header(&h, "X-Long-Header-Name", one.data);
	OK(lines_within(h.data, h.len, MAIL_LINE_MAX));
	for (p = strstr(h.data, "=?UTF-8?B?"); p != NULL;
	    p = strstr(q, "=?UTF-8?B?")) {
		struct buf w = BUF_INIT;

		q = strstr(p + 10, "?=");
		OK(q != NULL);
		OK(q + 2 - p <= MAIL_WORD_MAX);
		INT_EQ(b64_decode(&w, p + 10, (size_t)(q - p - 10), 0, "w",
		    NULL), 0);
		INT_EQ((int)(w.len % 4), 0);
		OK(utf8_check(w.data, w.len) == w.len);
		buf_release(&w);
	}
	buf_release(&h);
	buf_release(&one);
}

static void
test_mail__address(void)
{
	struct buf h = BUF_INIT, dec = BUF_INIT;
	char *lt;

	mail_address(&h, "To", "Alice \"A\" Doe", "alice@example.ac.jp");
	STR_EQ(h.data, "To: \"Alice \\\"A\\\" Doe\" <alice@example.ac.jp>\n");
	buf_reset(&h);
	mail_address(&h, "To", NULL, "bob@example.ac.jp");
	STR_EQ(h.data, "To: <bob@example.ac.jp>\n");
	buf_reset(&h);
	mail_address(&h, "From", "架空大学 学務部", "badges@example.ac.jp");
	OK(lines_within(h.data, h.len, MAIL_LINE_MAX));
	lt = strstr(h.data, " <badges@example.ac.jp>\n");
	OK(lt != NULL);
	*lt = '\0';
	INT_EQ(decode_words(&dec, h.data + 6), 0);
	STR_EQ(dec.data, "架空大学 学務部");
	buf_release(&h);
	buf_release(&dec);
}

static void
test_mail__base64_lines(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT, back = BUF_INIT;
	int i;

	for (i = 0; i < 500; i++)
		buf_putc(&in, (char)(i * 7));
	mail_base64(&out, in.data, in.len);
	OK(lines_within(out.data, out.len, MAIL_LINE_MAX));
	OK(strchr(out.data, '\n') - out.data == MAIL_LINE_MAX);
	INT_EQ(b64_decode(&back, out.data, out.len, B64_WS, "b", NULL), 0);
	INT_EQ((int)back.len, 500);
	MEM_EQ(back.data, in.data, 500);
	buf_release(&in);
	buf_release(&out);
	buf_release(&back);
}

/* Decodes quoted-printable (LF lines) for the test. */
static void
qp_decode(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '=' && i + 1 < n && s[i + 1] == '\n') {
			i++;
			continue;
		}
		if (s[i] == '=' && i + 2 < n) {
			buf_putc(out, (char)(hex_value(s[i + 1]) * 16 +
			    hex_value(s[i + 2])));
			i += 2;
			continue;
		}
		buf_putc(out, s[i]);
	}
}

static void
test_mail__qp_lines(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT, back = BUF_INIT;
	int i;

	for (i = 0; i < 30; i++)
		BUF_PUTSL(&in, "オープンバッジ a=b ");
	BUF_PUTSL(&in, "\nshort line \t\n");
	for (i = 0; i < 200; i++)
		buf_putc(&in, 'x');
	BUF_PUTSL(&in, "\n");
	mail_qp(&out, in.data, in.len);
	OK(lines_within(out.data, out.len, MAIL_LINE_MAX));
	OK(strstr(out.data, " \n") == NULL);	/* trailing blanks encoded */
	OK(strstr(out.data, "\t\n") == NULL);
	OK(strstr(out.data, "=3D") != NULL);
	qp_decode(&back, out.data, out.len);
	INT_EQ((int)back.len, (int)in.len);
	MEM_EQ(back.data, in.data, in.len);
	buf_release(&in);
	buf_release(&out);
	buf_release(&back);
}

static void
test_mail__message_id(void)
{
	struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;

	mail_message_id(&a, "urn:uuid:1", "alice@example.ac.jp",
	    "https://badges.example.ac.jp/");
	mail_message_id(&b, "urn:uuid:1", "alice@example.ac.jp",
	    "https://badges.example.ac.jp/");
	STR_EQ(a.data, b.data);
	OK(a.data[0] == '<');
	OK(strstr(a.data, "@badges.example.ac.jp>") != NULL);
	INT_EQ((int)(strchr(a.data, '@') - a.data), 1 + MAIL_KEY_LEN);
	mail_message_id(&c, "urn:uuid:1", "bob@example.ac.jp",
	    "https://badges.example.ac.jp/");
	OK(strcmp(a.data, c.data) != 0);
	buf_reset(&c);
	mail_message_id(&c, "urn:uuid:1", "alice@example.ac.jp",
	    "http://localhost:8080/badges/");
	OK(strstr(c.data, "@localhost>") != NULL);
	buf_release(&a);
	buf_release(&b);
	buf_release(&c);
}

static void
test_mail__maildir_name(void)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	mail_maildir_name(&a, 1775001600, "urn:uuid:1", "alice@example.ac.jp");
	mail_maildir_name(&b, 1775001600, "urn:uuid:1", "alice@example.ac.jp");
	STR_EQ(a.data, b.data);
	OK(strncmp(a.data, "1775001600.", 11) == 0);
	OK(strcmp(a.data + a.len - 9, ".badgegen") == 0);
	OK(strchr(a.data, '/') == NULL && strchr(a.data, ':') == NULL);
	INT_EQ((int)a.len, 11 + MAIL_KEY_LEN + 9);
	buf_reset(&b);
	mail_maildir_name(&b, 1775001600, "urn:uuid:2", "alice@example.ac.jp");
	OK(strcmp(a.data, b.data) != 0);
	buf_release(&a);
	buf_release(&b);
}

static void
test_mail__maildir_put(void)
{
	char dir[] = "/tmp/t_mail.XXXXXX";
	struct buf p = BUF_INIT;
	struct diag q = DIAG_INIT;
	struct stat st;
	DIR *dp;
	struct dirent *de;
	int n = 0;

	q.quiet = true;
	OK(mkdtemp(dir) != NULL);
	buf_printf(&p, "%s/out", dir);
	INT_EQ(mail_maildir_put(p.data, "1.a.badgegen", "one\n", 4, &q), 0);
	INT_EQ(mail_maildir_put(p.data, "1.a.badgegen", "two\n", 4, &q), 0);
	buf_printf(&p, "/new/1.a.badgegen");
	INT_EQ(stat(p.data, &st), 0);
	INT_EQ((int)st.st_size, 4);
	unlink(p.data);
	buf_reset(&p);
	buf_printf(&p, "%s/out/tmp", dir);
	OK((dp = opendir(p.data)) != NULL);
	while ((de = readdir(dp)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(dp);
	INT_EQ(n, 0);
	rmdir(p.data);
	buf_reset(&p);
	buf_printf(&p, "%s/out/new", dir);
	rmdir(p.data);
	buf_reset(&p);
	buf_printf(&p, "%s/out/cur", dir);
	OK(rmdir(p.data) == 0);
	buf_reset(&p);
	buf_printf(&p, "%s/out", dir);
	OK(rmdir(p.data) == 0);
	OK(rmdir(dir) == 0);
	buf_release(&p);
}

static void
test_mail__compose(void)
{
	struct mail_msg m;
	struct buf out = BUF_INIT, id = BUF_INIT;
	const char *body;

	memset(&m, 0, sizeof(m));
	mail_message_id(&id, "urn:uuid:1", "alice@example.ac.jp",
	    "https://badges.example.ac.jp/");
	m.from = "badges@example.ac.jp";
	m.from_name = "架空大学 学務部";
	m.reply_to = "gakumu@example.ac.jp";
	m.to = "alice@example.ac.jp";
	m.to_name = "山田 花子";
	m.subject = LONG_SUBJECT;
	m.date = 1775001600;	/* 2026-04-01T00:00:00Z */
	m.message_id = id.data;
	m.text = "本文\nbody\n";
	m.html = "<p>本文</p>\n";
	mail_compose(&out, &m);
	OK(strncmp(out.data, "Date: Wed, 01 Apr 2026 00:00:00 +0000\n", 38) == 0);
	OK(strstr(out.data, "\nReply-To: <gakumu@example.ac.jp>\n") != NULL);
	OK(strstr(out.data, "\nMIME-Version: 1.0\n") != NULL);
	OK(strstr(out.data, "\nMessage-ID: <") != NULL);
	OK(strstr(out.data, "Content-Type: multipart/alternative;") != NULL);
	OK(strstr(out.data, "Content-Type: text/plain; charset=UTF-8") != NULL);
	OK(strstr(out.data, "Content-Type: text/html; charset=UTF-8") != NULL);
	body = strstr(out.data, "\n\n");
	OK(body != NULL);
	OK(lines_within(out.data, out.len, MAIL_LINE_MAX));
	OK(strstr(out.data, "--\n") != NULL);
	OK(strstr(out.data, "multipart/mixed") == NULL);
	buf_reset(&out);
	m.file_name = "badge.png";
	m.file_type = "image/png";
	m.file_data = "\x89PNG\r\n\x1a\n and more bytes than one line holds, "
	    "so that the base64 takes two lines at least";
	m.file_len = strlen(m.file_data);
	mail_compose(&out, &m);
	OK(strstr(out.data, "Content-Type: multipart/mixed;") != NULL);
	OK(strstr(out.data, "\nContent-Type: image/png; name=\"badge.png\"\n"
	    "Content-Disposition: attachment; filename=\"badge.png\"\n") != NULL);
	OK(lines_within(out.data, out.len, MAIL_LINE_MAX));
	OK(strcmp(out.data + out.len - 3, "--\n") == 0);
	buf_release(&out);
	buf_release(&id);
}

TESTS(
	T(test_mail__subject_folding),
	T(test_mail__subject_ascii),
	T(test_mail__words_never_split_characters),
	T(test_mail__address),
	T(test_mail__base64_lines),
	T(test_mail__qp_lines),
	T(test_mail__message_id),
	T(test_mail__maildir_name),
	T(test_mail__maildir_put),
	T(test_mail__compose)
)
