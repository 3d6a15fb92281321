/* t_conf.c - the configuration format, its schemas and the three kinds. */
#include "conf.h"
#include "harness.h"

/* A string literal and its length, for the parse functions. */
#define SL(s) (s), strlen(s)

/* Parses src as site.conf; the messages land in msg. */
static int
site(struct site_conf *c, const char *src, struct buf *msg)
{
	struct diag d = DIAG_INIT;

	buf_reset(msg);
	d.quiet = true;
	d.capture = msg;
	return site_conf_parse(c, "site.conf", src, strlen(src), &d);
}

/* Checks that src fails as site.conf with exactly the messages want. */
#define SITE_ERR(src, want) do { \
	struct site_conf c_; \
	struct buf m_ = BUF_INIT; \
	if (site(&c_, (src), &m_) == 0) { \
		FAIL_AT("accepted: %s", (src)); \
		site_conf_release(&c_); \
	} else { \
		STR_EQ(m_.data, (want)); \
		OK(c_.title == NULL && c_.tz == NULL); \
	} \
	buf_release(&m_); \
} while (0)

#define MIN "title = T\nbase_url = https://badges.example.ac.jp/\n"

static void
test_conf__site_defaults(void)
{
	struct site_conf c;
	struct buf m = BUF_INIT;

	OK(site(&c, MIN, &m) == 0);
	STR_EQ(m.data, "");
	STR_EQ(c.title, "T");
	OK(c.description == NULL);
	STR_EQ(c.base_url, "https://badges.example.ac.jp/");
	STR_EQ(c.lang, "ja");
	INT_EQ(c.nlanguages, 1);
	STR_EQ(c.languages[0], "ja");
	OK(c.languages[1] == NULL);
	STR_EQ(c.output, "public");
	STR_EQ(c.timezone, "UTC");
	OK(c.tz != NULL);
	STR_EQ(tz_name(c.tz), "UTC");
	INT_EQ(c.new_days, 30);
	OK(c.copyright == NULL);
	OK(c.mail_from == NULL);
	OK(c.mail_reply_to == NULL);
	INT_EQ(c.ncheck_skip_prefixes, 0);
	OK(c.check_skip_prefixes != NULL && c.check_skip_prefixes[0] == NULL);
	site_conf_release(&c);
	OK(c.title == NULL && c.tz == NULL && c.languages == NULL);
	site_conf_release(&c);		/* twice is harmless */
	site_conf_release(NULL);
	buf_release(&m);
}

/* The example of site.conf(5). */
static const char example[] =
    "# site.conf for the badges of Example University\n"
    "title = 例大学 オープンバッジ\n"
    "description = 例大学が発行したオープンバッジの一覧と検証\n"
    "base_url = https://badges.example.ac.jp/\n"
    "lang = ja\n"
    "languages = ja en\n"
    "timezone = Asia/Tokyo\n"
    "output = public\n"
    "new_days = 14\n"
    "copyright = \"© 2026 Example University\"\n"
    "\n"
    "[mail]\n"
    "from = badges@example.ac.jp\n"
    "reply_to = gakumu@example.ac.jp\n"
    "\n"
    "[check]\n"
    "skip_prefixes = https://badges.example.ac.jp/legacy/ "
    "https://www.example.ac.jp/\n";

static void
test_conf__site_every_key(void)
{
	struct site_conf c;
	struct buf m = BUF_INIT;

	OK(site(&c, example, &m) == 0);
	STR_EQ(m.data, "");
	STR_EQ(c.title, "例大学 オープンバッジ");
	STR_EQ(c.description, "例大学が発行したオープンバッジの一覧と検証");
	STR_EQ(c.base_url, "https://badges.example.ac.jp/");
	STR_EQ(c.lang, "ja");
	INT_EQ(c.nlanguages, 2);
	STR_EQ(c.languages[0], "ja");
	STR_EQ(c.languages[1], "en");
	OK(c.languages[2] == NULL);
	STR_EQ(c.timezone, "Asia/Tokyo");
	OK(c.tz != NULL);
	if (c.tz != NULL)
		INT_EQ(tz_offset(c.tz, 0), 9 * 3600);
	STR_EQ(c.output, "public");
	INT_EQ(c.new_days, 14);
	STR_EQ(c.copyright, "© 2026 Example University");
	STR_EQ(c.mail_from, "badges@example.ac.jp");
	STR_EQ(c.mail_reply_to, "gakumu@example.ac.jp");
	INT_EQ(c.ncheck_skip_prefixes, 2);
	STR_EQ(c.check_skip_prefixes[0], "https://badges.example.ac.jp/legacy/");
	STR_EQ(c.check_skip_prefixes[1], "https://www.example.ac.jp/");
	OK(c.check_skip_prefixes[2] == NULL);
	site_conf_release(&c);

	OK(site(&c, MIN "output = /srv/www/badges\nnew_days = 0\n", &m) == 0);
	STR_EQ(c.output, "/srv/www/badges");
	INT_EQ(c.new_days, 0);
	site_conf_release(&c);
	OK(site(&c, MIN "new_days = 3650\n", &m) == 0);
	INT_EQ(c.new_days, 3650);
	site_conf_release(&c);
	buf_release(&m);
}

static void
test_conf__site_languages(void)
{
	struct site_conf c;
	struct buf m = BUF_INIT;

	/* lang alone. */
	OK(site(&c, MIN "lang = en\n", &m) == 0);
	STR_EQ(c.lang, "en");
	INT_EQ(c.nlanguages, 1);
	STR_EQ(c.languages[0], "en");
	site_conf_release(&c);
	/* languages alone: lang is the first. */
	OK(site(&c, MIN "languages = en ja\n", &m) == 0);
	STR_EQ(c.lang, "en");
	INT_EQ(c.nlanguages, 2);
	STR_EQ(c.languages[0], "en");
	STR_EQ(c.languages[1], "ja");
	site_conf_release(&c);
	/* Both: lang is moved first. */
	OK(site(&c, MIN "languages = en\tja\nlang = ja\n", &m) == 0);
	STR_EQ(c.lang, "ja");
	STR_EQ(c.languages[0], "ja");
	STR_EQ(c.languages[1], "en");
	site_conf_release(&c);
	SITE_ERR(MIN "lang = ja\nlanguages = en\n",
	    "error: site.conf:4: languages: expected a list that includes "
	    "lang (ja), not \"en\"\n");
	SITE_ERR(MIN "languages = ja ja\n",
	    "error: site.conf:3: languages: \"ja\" is listed twice\n");
	SITE_ERR(MIN "languages = ja,en\n",
	    "error: site.conf:3: languages: expected ja or en, not \"ja,en\"\n");
	SITE_ERR(MIN "languages = ja, en\n",
	    "error: site.conf:3: languages: expected ja or en, not \"ja,\" "
	    "(separate values with spaces)\n");
	SITE_ERR(MIN "languages =\n",
	    "error: site.conf:3: languages: expected a list of one or more "
	    "values separated by spaces, not an empty value\n");
	SITE_ERR(MIN "languages = \"  \"\n",
	    "error: site.conf:3: languages: expected a list of one or more "
	    "values separated by spaces, not an empty value\n");
	SITE_ERR(MIN "lang = JA\n",
	    "error: site.conf:3: lang: expected ja or en, not \"JA\"\n");
	buf_release(&m);
}

static void
test_conf__base_url(void)
{
	static const struct {
		const char	*in, *out;
	} good[] = {
		{ "https://badges.example.ac.jp/", "https://badges.example.ac.jp/" },
		{ "https://badges.example.ac.jp", "https://badges.example.ac.jp/" },
		{ "HTTPS://Badges.Example.AC.JP/Open/", "https://badges.example.ac.jp/Open/" },
		{ "https://example.org/a/b", "https://example.org/a/b/" },
		{ "https://example.org:8443/x%20y/", "https://example.org:8443/x%20y/" },
		{ "https://xn--eckwd4c7c.example/", "https://xn--eckwd4c7c.example/" },
		{ "https://192.0.2.7/", "https://192.0.2.7/" },
		{ "https://[2001:db8::1]:443/", "https://[2001:db8::1]:443/" },
		{ "http://localhost:8000/", "http://localhost:8000/" },
		{ "http://LOCALHOST", "http://localhost/" },
		{ "http://127.0.0.1:8080/site/", "http://127.0.0.1:8080/site/" },
		{ "http://[::1]/", "http://[::1]/" },
		{ "https://intranet/", "https://intranet/" },
		{ "https://example.org/~user/a;b=c,d@e:f/", "https://example.org/~user/a;b=c,d@e:f/" },
	};
	static const struct {
		const char	*in, *expect;
	} bad[] = {
		{ "example.org", "an absolute https URL" },
		{ "/badges/", "an absolute https URL" },
		{ "ftp://example.org/", "an absolute https URL" },
		{ "https:example.org", "an absolute https URL" },
		{ "https://", "an absolute https URL" },
		{ "https:///x", "an absolute https URL" },
		{ "https://:443/", "an absolute https URL" },
		{ "http://example.org/", "an absolute https URL (http only for "
		  "localhost, 127.0.0.1 or [::1])" },
		{ "http://127.0.0.2/", "an absolute https URL (http only for "
		  "localhost, 127.0.0.1 or [::1])" },
		{ "https://example.org/?a=b", "a URL without a query or fragment" },
		{ "https://example.org/#top", "a URL without a query or fragment" },
		{ "https://example.org?x", "a URL without a query or fragment" },
		{ "https://user:pw@example.org/", "a URL without a user name or "
		  "password" },
		{ "https://exa_mple.org/", "a URL with a valid host" },
		{ "https://-example.org/", "a URL with a valid host" },
		{ "https://example-.org/", "a URL with a valid host" },
		{ "https://example..org/", "a URL with a valid host" },
		{ "https://example.org./", "a URL with a valid host" },
		{ "https://例え.jp/", "a URL with a valid host" },
		{ "https://[::1/", "a URL with a valid host" },
		{ "https://[1.2.3.4]/", "a URL with a valid host" },
		{ "https://example.org:/", "a URL with a valid port" },
		{ "https://example.org:0/", "a URL with a valid port" },
		{ "https://example.org:65536/", "a URL with a valid port" },
		{ "https://example.org:8o/", "a URL with a valid port" },
		{ "https://example.org:1234567/", "a URL with a valid port" },
		{ "https://example.org/a b/", "a URL with spaces, quotes and "
		  "non-ASCII characters percent-encoded" },
		{ "https://example.org/バッジ/", "a URL with spaces, quotes and "
		  "non-ASCII characters percent-encoded" },
		{ "https://example.org/%2/", "a URL with '%' followed by two hex "
		  "digits" },
		{ "https://example.org/%zz/", "a URL with '%' followed by two hex "
		  "digits" },
		{ "https://example.org/a/../b/", "a URL without \".\" or \"..\" "
		  "path segments" },
		{ "https://example.org/./", "a URL without \".\" or \"..\" path "
		  "segments" },
		{ "https://example.org/a/..", "a URL without \".\" or \"..\" path "
		  "segments" },
	};
	struct site_conf c;
	struct buf m = BUF_INIT, src = BUF_INIT, want = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		buf_reset(&src);
		buf_printf(&src, "title = T\nbase_url = %s\n", good[i].in);
		if (site(&c, src.data, &m) < 0) {
			FAIL_AT("refused %s: %s", good[i].in, m.data);
			continue;
		}
		STR_EQ(c.base_url, good[i].out);
		site_conf_release(&c);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&src);
		buf_printf(&src, "title = T\nbase_url = \"%s\"\n", bad[i].in);
		buf_reset(&want);
		buf_printf(&want, "error: site.conf:2: base_url: expected %s, "
		    "not \"%s\"\n", bad[i].expect, bad[i].in);
		SITE_ERR(src.data, want.data);
	}
	SITE_ERR("title = T\nbase_url = https://example.org/a\\\"b\n",
	    "error: site.conf:2: base_url: expected a URL with spaces, "
	    "quotes and non-ASCII characters percent-encoded, not "
	    "\"https://example.org/a\\\\\\\"b\"\n");
	SITE_ERR("title = T\nbase_url =\n",
	    "error: site.conf:2: base_url: expected an absolute https URL, "
	    "not an empty value\n");
	/* The brief's example message. */
	SITE_ERR("title = T\n\n# where\nbase_url = example.org\n",
	    "error: site.conf:4: base_url: expected an absolute https URL, "
	    "not \"example.org\"\n");
	buf_release(&m);
	buf_release(&src);
	buf_release(&want);
}

static void
test_conf__skip_prefixes(void)
{
	struct site_conf c;
	struct buf m = BUF_INIT;

	OK(site(&c, MIN "[check]\nskip_prefixes = http://Example.org/a?q= "
	    "https://x.example/\n", &m) == 0);
	INT_EQ(c.ncheck_skip_prefixes, 2);
	STR_EQ(c.check_skip_prefixes[0], "http://example.org/a?q=");
	STR_EQ(c.check_skip_prefixes[1], "https://x.example/");
	site_conf_release(&c);
	SITE_ERR(MIN "[check]\nskip_prefixes = https://a.example/#x\n",
	    "error: site.conf:4: [check] skip_prefixes: expected a URL "
	    "without a fragment, not \"https://a.example/#x\"\n");
	SITE_ERR(MIN "[check]\nskip_prefixes = https://a.example/ "
	    "HTTPS://A.example/ mailto:x@y.org\n",
	    "error: site.conf:4: [check] skip_prefixes: \"HTTPS://A.example/\" "
	    "is listed twice\n"
	    "error: site.conf:4: [check] skip_prefixes: expected an absolute "
	    "http or https URL, not \"mailto:x@y.org\"\n");
	buf_release(&m);
}

static void
test_conf__email(void)
{
	static const char *const good[] = {
		"a@example.org", "badges@example.ac.jp", "first.last@example.org",
		"x+tag@mail.example.org", "o'brien@example.ie",
		"a!#$%&'*+-/=?^_`{|}~@example.org", "a@b-c.example",
		"a@192-0-2-1.example",
	};
	static const char *const bad[] = {
		"nobody", "@example.org", "a@", "a@localhost", "a@example",
		"a@@example.org", "a@b@example.org", ".a@example.org",
		"a.@example.org", "a..b@example.org", "a b@example.org",
		"\\\"a\\\"@example.org", "a@-example.org", "a@example.org.",
		"a@exa_mple.org", "a@192.0.2.1", "a@[192.0.2.1]",
		"あ@example.jp", "Name <a@example.org>", "a@example.org,",
		"a(b)@example.org",
		/* a local part of 65 octets, one more than RFC 5321 allows */
		("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaa@example.org"),
	};
	struct site_conf c;
	struct buf m = BUF_INIT, src = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		buf_reset(&src);
		buf_printf(&src, MIN "[mail]\nfrom = %s\n", good[i]);
		if (site(&c, src.data, &m) < 0) {
			FAIL_AT("refused %s: %s", good[i], m.data);
			continue;
		}
		STR_EQ(c.mail_from, good[i]);
		site_conf_release(&c);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&src);
		buf_printf(&src, MIN "[mail]\nreply_to = \"%s\"\n", bad[i]);
		if (site(&c, src.data, &m) == 0) {
			FAIL_AT("accepted %s", bad[i]);
			site_conf_release(&c);
			continue;
		}
		OK(strstr(m.data, "error: site.conf:4: [mail] reply_to: "
		    "expected an e-mail address such as name@example.org, "
		    "not \"") == m.data);
	}
	buf_release(&m);
	buf_release(&src);
}

static void
test_conf__values(void)
{
	struct site_conf c;
	struct buf m = BUF_INIT;

	SITE_ERR(MIN "new_days = 3651\n",
	    "error: site.conf:3: new_days: expected an integer from 0 to 3650, "
	    "not \"3651\"\n");
	SITE_ERR(MIN "new_days = -1\n",
	    "error: site.conf:3: new_days: expected an integer from 0 to 3650, "
	    "not \"-1\"\n");
	SITE_ERR(MIN "new_days = 30 days\n",
	    "error: site.conf:3: new_days: expected an integer from 0 to 3650, "
	    "not \"30 days\"\n");
	SITE_ERR(MIN "new_days = +5\n",
	    "error: site.conf:3: new_days: expected an integer from 0 to 3650, "
	    "not \"+5\"\n");
	SITE_ERR(MIN "new_days = 99999999999999999999999999\n",
	    "error: site.conf:3: new_days: expected an integer from 0 to 3650, "
	    "not \"99999999999999999999999999\"\n");
	SITE_ERR(MIN "timezone = Asia/Tokio\n",
	    "error: site.conf:3: timezone: unknown time zone \"Asia/Tokio\" "
	    "(no /usr/share/zoneinfo/Asia/Tokio)\n");
	SITE_ERR(MIN "timezone = ../../etc/passwd\n",
	    "error: site.conf:3: timezone: expected an IANA time zone name "
	    "such as Asia/Tokyo, not \"../../etc/passwd\"\n");
	SITE_ERR(MIN "timezone = JST-9\n",
	    "error: site.conf:3: timezone: unknown time zone \"JST-9\": an "
	    "abbreviation is not a zone; write the IANA name, Asia/Tokyo\n");
	SITE_ERR(MIN "timezone = Asia\n",
	    "error: site.conf:3: timezone: unknown time zone \"Asia\" "
	    "(/usr/share/zoneinfo/Asia is not a zone file)\n");
	SITE_ERR("title =\nbase_url = https://x.example/\n",
	    "error: site.conf:1: title: expected text, not an empty value\n");
	SITE_ERR("title = \"\"\nbase_url = https://x.example/\n",
	    "error: site.conf:1: title: expected text, not an empty value\n");
	SITE_ERR(MIN "copyright = #1 in badges\n",
	    "error: site.conf:3: copyright: expected text, not an empty value "
	    "(a '#' after a space starts a comment; put the value in double "
	    "quotes)\n");
	OK(site(&c, MIN "timezone = America/Argentina/Buenos_Aires\n", &m) == 0);
	STR_EQ(tz_name(c.tz), "America/Argentina/Buenos_Aires");
	site_conf_release(&c);
	buf_release(&m);
}

static void
test_conf__quoting_and_comments(void)
{
	struct site_conf c;
	struct buf m = BUF_INIT;

	OK(site(&c,
	    "# comment\n"
	    "   # indented comment\n"
	    "\t\n"
	    "title = \"  A \\\"quoted\\\" # title \\\\ \"   # a comment\n"
	    "description = C# and F# club   # trailing comment\n"
	    "copyright = say \"hi\"\n"
	    "base_url=https://x.example/\n"
	    "  output\t=\tout dir  \n", &m) == 0);
	STR_EQ(m.data, "");
	STR_EQ(c.title, "  A \"quoted\" # title \\ ");
	STR_EQ(c.description, "C# and F# club");
	STR_EQ(c.copyright, "say \"hi\"");
	STR_EQ(c.base_url, "https://x.example/");
	STR_EQ(c.output, "out dir");
	site_conf_release(&c);

	OK(site(&c, MIN "description = \"#\"#x\n", &m) == 0);
	STR_EQ(c.description, "#");
	site_conf_release(&c);

	SITE_ERR(MIN "description = \"abc\n",
	    "error: site.conf:3: description: missing closing quote\n");
	SITE_ERR(MIN "description = \"abc\\\"\n",
	    "error: site.conf:3: description: missing closing quote\n");
	SITE_ERR(MIN "description = \"a\\nb\"\n",
	    "error: site.conf:3: description: unknown escape in quotes "
	    "(only \\\" and \\\\ are known)\n");
	SITE_ERR(MIN "description = \"a\" b\n",
	    "error: site.conf:3: description: text after the closing quote "
	    "(use \\\" for a quote inside quotes)\n");
	SITE_ERR(MIN "description = \"a\\\n",
	    "error: site.conf:3: description: unknown escape in quotes "
	    "(only \\\" and \\\\ are known)\n");
	buf_release(&m);
}

static void
test_conf__bom_and_crlf(void)
{
	struct site_conf c;
	struct buf m = BUF_INIT;

	OK(site(&c, "\xef\xbb\xbftitle = T\r\nbase_url = https://x.example/\r\n"
	    "\r\n# c\r\n[mail]\r\nfrom = a@x.example  \r\n", &m) == 0);
	STR_EQ(c.title, "T");
	STR_EQ(c.base_url, "https://x.example/");
	STR_EQ(c.mail_from, "a@x.example");
	site_conf_release(&c);
	/* No final newline. */
	OK(site(&c, "title = T\r\nbase_url = https://x.example/", &m) == 0);
	STR_EQ(c.base_url, "https://x.example/");
	site_conf_release(&c);
	/* Line numbers count CRLF lines; a BOM elsewhere is no BOM. */
	SITE_ERR("\xef\xbb\xbftitle = T\r\nbase_url = https://x.example/\r\n"
	    "lang = de\r\n",
	    "error: site.conf:3: lang: expected ja or en, not \"de\"\n");
	SITE_ERR(MIN "\xef\xbb\xbfoutput = x\n",
	    "error: site.conf:3: expected \"key = value\", a [section] or a "
	    "# comment, not \"\xef\xbb\xbfoutput = x\"\n");
	/* A lone CR is not a line end. */
	SITE_ERR(MIN "output = a\rb\n",
	    "error: site.conf:3: control character 0x0d (byte 11 of the "
	    "line)\n");
	SITE_ERR(MIN "\r\r\n",
	    "error: site.conf:3: control character 0x0d (byte 1 of the "
	    "line)\n");
	buf_release(&m);
}

static void
test_conf__line_errors(void)
{
	struct buf src = BUF_INIT;
	struct site_conf c;
	struct buf m = BUF_INIT;

	SITE_ERR(MIN "foo\n",
	    "error: site.conf:3: expected \"key = value\", a [section] or a "
	    "# comment, not \"foo\"\n");
	SITE_ERR(MIN "  title: x  \n",
	    "error: site.conf:3: expected \"key = value\", a [section] or a "
	    "# comment, not \"title: x\"\n");
	SITE_ERR(MIN "= x\n",
	    "error: site.conf:3: expected \"key = value\", a [section] or a "
	    "# comment, not \"= x\"\n");
	SITE_ERR(MIN "ti tle = x\n",
	    "error: site.conf:3: expected \"key = value\", a [section] or a "
	    "# comment, not \"ti tle = x\"\n");
	SITE_ERR(MIN "[mail\n",
	    "error: site.conf:3: expected \"key = value\", a [section] or a "
	    "# comment, not \"[mail\"\n");
	SITE_ERR(MIN "[]\n",
	    "error: site.conf:3: expected \"key = value\", a [section] or a "
	    "# comment, not \"[]\"\n");
	SITE_ERR(MIN "[mail] from = a@b.example\n",
	    "error: site.conf:3: expected \"key = value\", a [section] or a "
	    "# comment, not \"[mail] from = a@b.example\"\n");
	SITE_ERR(MIN "[ma il]\n",
	    "error: site.conf:3: expected \"key = value\", a [section] or a "
	    "# comment, not \"[ma il]\"\n");
	SITE_ERR(MIN "\xff = 1\n",
	    "error: site.conf:3: invalid UTF-8 (byte 1 of the line)\n");
	SITE_ERR(MIN "title2 = \xe3\x81\n",
	    "error: site.conf:3: invalid UTF-8 (byte 10 of the line)\n");
	SITE_ERR(MIN "output = a\x01" "b\n",
	    "error: site.conf:3: control character 0x01 (byte 11 of the "
	    "line)\n");
	{
		static const char nul[] = MIN "output = a\0b\n";
		struct diag d = DIAG_INIT;

		d.quiet = true;
		d.capture = &m;
		buf_reset(&m);
		OK(site_conf_parse(&c, "site.conf", nul, sizeof(nul) - 1,
		    &d) < 0);
		STR_EQ(m.data, "error: site.conf:3: control character 0x00 "
		    "(byte 11 of the line)\n");
	}
	/* Long lines are shown cut. */
	buf_printf(&src, MIN "%s\n", "0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789");
	SITE_ERR(src.data,
	    "error: site.conf:3: expected \"key = value\", a [section] or a "
	    "# comment, not \"012345678901234567890123456789012345678901234"
	    "567890123456789...\"\n");
	/* ... at a character boundary. */
	buf_reset(&src);
	buf_puts(&src, MIN);
	buf_puts(&src, "あいうえおかきくけこさしすせそたちつてとなにぬねの\n");
	SITE_ERR(src.data,
	    "error: site.conf:3: expected \"key = value\", a [section] or a "
	    "# comment, not \"あいうえおかきくけこさしすせそたちつてと...\"\n");
	buf_release(&src);
	buf_release(&m);
}

static void
test_conf__keys_and_sections(void)
{
	SITE_ERR(MIN "titel = x\n",
	    "error: site.conf:3: titel: unknown key (did you mean title?)\n");
	SITE_ERR(MIN "Title = x\n",
	    "error: site.conf:3: Title: unknown key (did you mean title?)\n");
	SITE_ERR(MIN "baseurl = x\n",
	    "error: site.conf:3: baseurl: unknown key (did you mean "
	    "base_url?)\n");
	SITE_ERR(MIN "theme = dark\n",
	    "error: site.conf:3: theme: unknown key (known: title, "
	    "description, base_url, lang, languages, output, timezone, "
	    "new_days, copyright, index_pages)\n");
	SITE_ERR(MIN "from = a@b.example\n",
	    "error: site.conf:3: from: unknown key (known: title, "
	    "description, base_url, lang, languages, output, timezone, "
	    "new_days, copyright, index_pages)\n");
	SITE_ERR(MIN "[mail]\nfrmo = a@b.example\n",
	    "error: site.conf:4: [mail] frmo: unknown key (did you mean "
	    "from?)\n");
	SITE_ERR(MIN "[mail]\ntitle = x\n",
	    "error: site.conf:4: [mail] title: unknown key (known: from, "
	    "reply_to)\n");
	SITE_ERR(MIN "[mial]\nfrom = a@b.example\nwhatever = 1\n",
	    "error: site.conf:3: [mial]: unknown section (did you mean "
	    "[mail]?)\n");
	SITE_ERR(MIN "[smtp]\nhost = x\n[mail]\nfrmo = x\n",
	    "error: site.conf:3: [smtp]: unknown section (known: [mail], "
	    "[check])\n"
	    "error: site.conf:6: [mail] frmo: unknown key (did you mean "
	    "from?)\n");
	/* Keys after a bad section header stay in the section before. */
	SITE_ERR(MIN "[mail]\n[check\nfrom = x@y.example\nskip_prefixes = "
	    "https://a.example/\n",
	    "error: site.conf:4: expected \"key = value\", a [section] or a "
	    "# comment, not \"[check\"\n"
	    "error: site.conf:6: [mail] skip_prefixes: unknown key (known: "
	    "from, reply_to)\n");
	/* Duplicates, also across a repeated section header. */
	SITE_ERR(MIN "title = U\n",
	    "error: site.conf:3: title: set twice (first on line 1)\n");
	SITE_ERR(MIN "[mail]\nfrom = a@b.example\n[check]\n[mail]\n"
	    "from = c@d.example\n",
	    "error: site.conf:7: [mail] from: set twice (first on line 4)\n");
	SITE_ERR(MIN "new_days = x\nnew_days = 5\n",
	    "error: site.conf:3: new_days: expected an integer from 0 to 3650, "
	    "not \"x\"\n"
	    "error: site.conf:4: new_days: set twice (first on line 3)\n");
	/* The same name in two sections is two keys. */
	{
		struct site_conf c;
		struct buf m = BUF_INIT;

		OK(site(&c, MIN "[mail]\n[ mail ]  # again\n"
		    "from = a@b.example\n", &m) == 0);
		STR_EQ(c.mail_from, "a@b.example");
		site_conf_release(&c);
		buf_release(&m);
	}
}

static void
test_conf__required_and_all_errors(void)
{
	struct site_conf c;
	struct buf m = BUF_INIT;
	struct diag d = DIAG_INIT;

	SITE_ERR("", "error: site.conf: title: required but missing\n"
	    "error: site.conf: base_url: required but missing\n");
	SITE_ERR("title = T\n",
	    "error: site.conf: base_url: required but missing\n");
	/* Every problem is reported, in order, then what is missing. */
	SITE_ERR("lang = fr\nnew_days = x\nbogus\n[mail]\nfrom = y\n",
	    "error: site.conf:1: lang: expected ja or en, not \"fr\"\n"
	    "error: site.conf:2: new_days: expected an integer from 0 to "
	    "3650, not \"x\"\n"
	    "error: site.conf:3: expected \"key = value\", a [section] or a "
	    "# comment, not \"bogus\"\n"
	    "error: site.conf:5: [mail] from: expected an e-mail address such "
	    "as name@example.org, not \"y\"\n"
	    "error: site.conf: title: required but missing\n"
	    "error: site.conf: base_url: required but missing\n");
	d.quiet = true;
	d.capture = &m;
	OK(site_conf_parse(&c, "site.conf", SL("x\ny\nz\n"), &d) < 0);
	INT_EQ(d.errors, 5);
	buf_release(&m);
}

static void
test_conf__limits(void)
{
	struct buf src = BUF_INIT, m = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct site_conf c;
	char *big;
	size_t i;

	d.quiet = true;
	d.capture = &m;
	for (i = 0; i < 1000; i++)
		BUF_PUTSL(&src, "junk\n");
	OK(site_conf_parse(&c, "site.conf", src.data, src.len, &d) < 0);
	INT_EQ(d.errors, CONF_MAX_ERRORS + 1);
	OK(strstr(m.data, "error: site.conf:100: expected") != NULL);
	OK(strstr(m.data, "site.conf:101:") == NULL);
	OK(strstr(m.data, "error: site.conf: too many errors; stopping\n") !=
	    NULL);

	/* Long lists are cut off: at most CONF_MAX_ITEMS values. */
	buf_reset(&src);
	buf_reset(&m);
	BUF_PUTSL(&src, MIN "[check]\nskip_prefixes =");
	for (i = 0; i < CONF_MAX_ITEMS; i++)
		buf_printf(&src, " https://a.example/%zu", i);
	OK(site_conf_parse(&c, "site.conf", src.data, src.len, &d) == 0);
	INT_EQ(c.ncheck_skip_prefixes, CONF_MAX_ITEMS);
	site_conf_release(&c);
	BUF_PUTSL(&src, " https://b.example/");
	OK(site_conf_parse(&c, "site.conf", src.data, src.len, &d) < 0);
	STR_EQ(m.data, "error: site.conf:4: [check] skip_prefixes: more than "
	    "1000 values\n");

	big = xcalloc(CONF_MAX_BYTES + 1, 1);
	memset(big, '#', CONF_MAX_BYTES + 1);
	buf_reset(&m);
	OK(site_conf_parse(&c, "site.conf", big, CONF_MAX_BYTES + 1, &d) < 0);
	STR_EQ(m.data, "error: site.conf: file too large (over 1048576 "
	    "bytes)\n");
	free(big);
	buf_release(&src);
	buf_release(&m);
}

static void
test_conf__award(void)
{
	struct award_conf a;
	struct diag d = DIAG_INIT;
	struct buf m = BUF_INIT;
	static const char *const s1 = "visibility = private\n"
	    "email = Taro.Yamada@example.ac.jp\n";

	d.quiet = true;
	d.capture = &m;
	OK(award_conf_parse(&a, "ai.conf", "", 0, &d) == 0);
	OK(!a.private_);
	OK(a.email == NULL);
	award_conf_release(&a);
	OK(award_conf_parse(&a, "ai.conf", s1, strlen(s1), &d) == 0);
	OK(a.private_);
	STR_EQ(a.email, "Taro.Yamada@example.ac.jp");
	award_conf_release(&a);
	OK(a.email == NULL);
	award_conf_release(NULL);
	OK(award_conf_parse(&a, "ai.conf", SL("visibility = public\n"),
	    &d) == 0);
	OK(!a.private_);
	award_conf_release(&a);

	buf_reset(&m);
	OK(award_conf_parse(&a, "content/awards/ai.conf",
	    SL("visibility = hidden\nemail = a@b.example\nemail = c@d.example\n"
	    "[mail]\nfrom = x\n"), &d) < 0);
	STR_EQ(m.data, "error: content/awards/ai.conf:1: visibility: expected "
	    "one of public, private, 公開 or 非公開, not \"hidden\"\n"
	    "error: content/awards/ai.conf:3: email: set twice (first on "
	    "line 2)\n"
	    "error: content/awards/ai.conf:4: [mail]: unknown section (this "
	    "file has no sections)\n");
	OK(a.email == NULL);
	buf_reset(&m);
	OK(award_conf_parse(&a, "ai.conf", SL("emails = a@b.example\n"),
	    &d) < 0);
	STR_EQ(m.data, "error: ai.conf:1: emails: unknown key (did you mean "
	    "email?)\n");
	buf_release(&m);
}

/* visibility in any case and in Japanese; index yes, no or unset. */
static void
test_conf__award_visibility_and_index(void)
{
	static const struct {
		const char	*src;
		bool		 private_;
		int		 index;
	} ok[] = {
		{ "visibility = Private\n", true, 0 },
		{ "visibility = PRIVATE\n", true, 0 },
		{ "visibility = 非公開\n", true, 0 },
		{ "visibility = Public\nindex = yes\n", false, 1 },
		{ "visibility = 公開\nindex = no\n", false, -1 },
		{ "index = true\n", false, 1 },
		{ "", false, 0 },
	};
	static const char *const bad[] = {
		"visibility = privat\n", "visibility = ＰＲＩＶＡＴＥ\n",
		"visibility = 非公開 です\n", "visiblity = private\n",
		"index = maybe\n", "visibility = private\nindex = no\nindex "
		"= yes\n",
	};
	struct award_conf a;
	struct diag d = DIAG_INIT;
	struct buf m = BUF_INIT;
	size_t i;

	d.quiet = true;
	d.capture = &m;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		if (award_conf_parse(&a, "a.conf", SL(ok[i].src), &d) < 0) {
			FAIL_AT("refused %s: %s", ok[i].src, m.data);
			continue;
		}
		if (a.private_ != ok[i].private_ || a.index != ok[i].index)
			FAIL_AT("%s: private %d index %d", ok[i].src,
			    a.private_, a.index);
		award_conf_release(&a);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&m);
		if (award_conf_parse(&a, "a.conf", SL(bad[i]), &d) == 0) {
			FAIL_AT("accepted %s", bad[i]);
			award_conf_release(&a);
		} else
			OK(strncmp(m.data, "error: a.conf:", 14) == 0);
	}
	buf_release(&m);
}

/* index_pages: the default, a list, none alone. */
static void
test_conf__index_pages(void)
{
	struct site_conf c;
	struct buf m = BUF_INIT;

	OK(site(&c, MIN, &m) == 0);
	INT_EQ(c.index_pages, INDEX_HOME | INDEX_ISSUERS | INDEX_BADGES);
	site_conf_release(&c);
	OK(site(&c, MIN "index_pages = home badges awards collections\n",
	    &m) == 0);
	INT_EQ(c.index_pages, INDEX_HOME | INDEX_BADGES | INDEX_AWARDS |
	    INDEX_COLLECTIONS);
	site_conf_release(&c);
	OK(site(&c, MIN "index_pages = none\n", &m) == 0);
	INT_EQ(c.index_pages, 0);
	site_conf_release(&c);
	SITE_ERR(MIN "index_pages = none awards\n", "error: site.conf:3: "
	    "index_pages: expected none alone, or page kinds, not \"none "
	    "awards\"\n");
	SITE_ERR(MIN "index_pages = everything\n", "error: site.conf:3: "
	    "index_pages: expected one of home, issuers, badges, awards, "
	    "collections or none, not \"everything\"\n");
	buf_release(&m);
}

/* conf_edit of text into a string (static). */
static const char *
edit(const char *src, const char *key, const char *value)
{
	static char out[1024];
	struct buf b = BUF_INIT;

	if (conf_edit(&b, src, strlen(src), key, value) < 0)
		snprintf(out, sizeof(out), "(refused)");
	else
		snprintf(out, sizeof(out), "%s", b.data);
	buf_release(&b);
	return out;
}

static void
test_conf__edit(void)
{
	/* Replaced in place: indentation, comment and line end kept. */
	STR_EQ(edit("# Alice\n  email = a@b.example   # old\r\nvisibility "
	    "= private\n", "email", "c@d.example"), "# Alice\n  email = "
	    "c@d.example   # old\r\nvisibility = private\n");
	/* Added at the end, with the file's line ends. */
	STR_EQ(edit("visibility = private\r\n", "email", "c@d.example"),
	    "visibility = private\r\nemail = c@d.example\r\n");
	STR_EQ(edit("visibility = private", "email", "c@d.example"),
	    "visibility = private\nemail = c@d.example\n");
	STR_EQ(edit("", "email", "c@d.example"), "email = c@d.example\n");
	/* A byte order mark stays first. */
	STR_EQ(edit("\xef\xbb\xbf", "index", "no"), "\xef\xbb\xbfindex = no\n");
	/* Later lines that set it go; the value is quoted when it must be. */
	STR_EQ(edit("a = 1\nb = 2\na = \"3 # x\"  # c\n", "a", " x #y\"\\"),
	    "a = \" x #y\\\"\\\\\"\nb = 2\n");
	/* NULL removes the key; a quoted value's comment is found. */
	STR_EQ(edit("a = \"#\" # c\nb = 2\n", "a", NULL), "b = 2\n");
	/* Lines with errors, other keys and non-UTF-8 bytes stay. */
	STR_EQ(edit("visiblity = private\n\xff\xfe junk\nemail=x@y.example\n",
	    "email", "z@y.example"), "visiblity = private\n\xff\xfe junk\n"
	    "email = z@y.example\n");
	/* A key only matches whole: "emails" is not "email". */
	STR_EQ(edit("emails = a\n", "email", "b@c.example"),
	    "emails = a\nemail = b@c.example\n");
	/* Only the top of the file: a new key goes before a section. */
	STR_EQ(edit("a = 1\n[s]\nb = 2\n", "b", "3"), "a = 1\nb = 3\n[s]\n"
	    "b = 2\n");
	STR_EQ(edit("a = 1\n", "a", "x\ny"), "(refused)");
}

/*
 * Every key of the award sidecar schema, changed in a sidecar that sets
 * them all, with comments: the other keys and every comment stay.
 */
static void
test_conf__edit_every_award_key(void)
{
	const struct conf_schema *s = &conf_award_schema;
	struct buf src = BUF_INIT, out = BUF_INIT, m = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct conf *c;
	const char *v[16], *nv[16], *got;
	size_t i, k;

	d.quiet = true;
	d.capture = &m;
	OK(s->nkeys < 16);
	for (k = 0; k < s->nkeys && k < 16; k++) {
		switch (s->keys[k].type) {
		case CONF_ENUM:
			v[k] = "private";
			nv[k] = "public";
			break;
		case CONF_BOOL:
			v[k] = "no";
			nv[k] = "yes";
			break;
		case CONF_EMAIL:
			v[k] = "old@test.example";
			nv[k] = "new@test.example";
			break;
		default:
			v[k] = "x";
			nv[k] = "y";
			break;
		}
		buf_printf(&src, "# about %s\n%s = %s # kept\n\n",
		    s->keys[k].name, s->keys[k].name, v[k]);
	}
	for (k = 0; k < s->nkeys && k < 16; k++) {
		buf_reset(&out);
		OK(conf_edit(&out, src.data, src.len, s->keys[k].name,
		    nv[k]) == 0);
		buf_reset(&m);
		if (conf_parse(&c, s, "a.conf", out.data, out.len, &d) < 0) {
			FAIL_AT("%s: %s", s->keys[k].name, m.data);
			continue;
		}
		for (i = 0; i < s->nkeys; i++) {
			got = conf_str(c, NULL, s->keys[i].name);
			if (got == NULL || strcmp(got, i == k ? nv[i] :
			    v[i]) != 0)
				FAIL_AT("set %s: %s is %s", s->keys[k].name,
				    s->keys[i].name, got ? got : "(unset)");
			if (!strstr(out.data, s->keys[i].name) ||
			    conf_line(c, NULL, s->keys[i].name) != 3 * i + 2)
				FAIL_AT("set %s: %s moved", s->keys[k].name,
				    s->keys[i].name);
		}
		/* The comments, all of them. */
		for (i = 0; i < s->nkeys; i++) {
			buf_reset(&m);
			buf_printf(&m, "# about %s\n%s = ", s->keys[i].name,
			    s->keys[i].name);
			OK(strstr(out.data, m.data) != NULL);
		}
		OK(strstr(out.data, " # kept\n") != NULL);
		INT_EQ(out.len - src.len, strlen(nv[k]) - strlen(v[k]));
		conf_free(c);
	}
	buf_release(&src);
	buf_release(&out);
	buf_release(&m);
}

static void
test_conf__recipient(void)
{
	struct recipient_conf r;
	struct diag d = DIAG_INIT;
	struct buf m = BUF_INIT;
	static const char *const s1 = "# 山田太郎\nname = 山田 太郎\n"
	    "identities = taro@example.ac.jp  taro.yamada@example.org\n";
	static const char *const s2 = "name = Hanako\n"
	    "identities = h@example.org\npublic = no\n";

	d.quiet = true;
	d.capture = &m;
	OK(recipient_conf_parse(&r, "taro.conf", s1, strlen(s1), &d) == 0);
	STR_EQ(r.name, "山田 太郎");
	INT_EQ(r.nemails, 2);
	STR_EQ(r.emails[0], "taro@example.ac.jp");
	STR_EQ(r.emails[1], "taro.yamada@example.org");
	OK(r.emails[2] == NULL);
	OK(r.public_);
	recipient_conf_release(&r);
	OK(r.name == NULL && r.emails == NULL);
	recipient_conf_release(NULL);

	OK(recipient_conf_parse(&r, "h.conf", s2, strlen(s2), &d) == 0);
	OK(!r.public_);
	INT_EQ(r.nemails, 1);
	recipient_conf_release(&r);
	OK(recipient_conf_parse(&r, "h.conf", SL("name = H\nidentities = "
	    "h@example.org\npublic = true\n"), &d) == 0);
	OK(r.public_);
	recipient_conf_release(&r);

	buf_reset(&m);
	OK(recipient_conf_parse(&r, "content/recipients/x.conf",
	    SL("public = maybe\nemail = a@b.example\n"), &d) < 0);
	STR_EQ(m.data, "error: content/recipients/x.conf:1: public: expected "
	    "yes or no, not \"maybe\"\n"
	    "error: content/recipients/x.conf:2: email: unknown key (known: "
	    "name, identities, public)\n"
	    "error: content/recipients/x.conf: name: required but missing\n"
	    "error: content/recipients/x.conf: identities: required but "
	    "missing\n");
	OK(r.name == NULL);
	buf_reset(&m);
	OK(recipient_conf_parse(&r, "x.conf", SL("name = X\nidentities = "
	    "a@b.example a@b.example nope\n"), &d) < 0);
	STR_EQ(m.data, "error: x.conf:2: identities: \"a@b.example\" is listed "
	    "twice\n"
	    "error: x.conf:2: identities: expected an e-mail address such as "
	    "name@example.org, not \"nope\"\n");
	buf_release(&m);
}

/* A schema of every type, read back through the generic accessors. */
static void
test_conf__generic_schema(void)
{
	static const struct conf_key keys[] = {
		{ NULL, "n", CONF_INT, 0, NULL, -5, 5, "-2" },
		{ NULL, "b", CONF_BOOL, 0, NULL, 0, 0, "false" },
		{ NULL, "e", CONF_ENUM, 0, "a|b|c", 0, 0, NULL },
		{ NULL, "w", CONF_ENUM, CONF_LIST, "x|y|z", 0, 0, "z x" },
		{ "s", "tz", CONF_TIMEZONE, 0, NULL, 0, 0, NULL },
		{ "s", "u", CONF_URL, 0, NULL, 0, 0, NULL },
		{ "t", "m", CONF_EMAIL, CONF_LIST | CONF_REQUIRED, NULL, 0, 0,
		  NULL },
	};
	static const struct conf_schema schema = { keys, 7 };
	static const char src[] = "n = -5\ne = c\n[s]\ntz = Europe/Berlin\n"
	    "u = http://Example.org/x\n[t]\nm = a@b.example c@d.example\n";
	struct conf *c;
	struct diag d = DIAG_INIT;
	struct buf m = BUF_INIT;
	const char *const *v;
	struct tz *tz;
	size_t n;

	d.quiet = true;
	d.capture = &m;
	OK(conf_parse(&c, &schema, "g.conf", src, sizeof(src) - 1, &d) == 0);
	STR_EQ(m.data, "");
	INT_EQ(conf_int(c, NULL, "n"), -5);
	INT_EQ(conf_line(c, NULL, "n"), 1);
	OK(!conf_bool(c, NULL, "b"));
	STR_EQ(conf_str(c, NULL, "b"), "no");
	INT_EQ(conf_line(c, NULL, "b"), 0);
	STR_EQ(conf_str(c, NULL, "e"), "c");
	v = conf_list(c, NULL, "w", &n);
	INT_EQ(n, 2);
	STR_EQ(v[0], "z");
	STR_EQ(v[1], "x");
	OK(v[2] == NULL);
	STR_EQ(conf_str(c, NULL, "w"), "z x");
	STR_EQ(conf_str(c, "s", "tz"), "Europe/Berlin");
	STR_EQ(conf_str(c, "s", "u"), "http://example.org/x");
	INT_EQ(conf_line(c, "s", "u"), 5);
	v = conf_list(c, "t", "m", &n);
	INT_EQ(n, 2);
	STR_EQ(v[1], "c@d.example");
	/* Unknown names read as nothing. */
	OK(conf_str(c, NULL, "nope") == NULL);
	OK(conf_str(c, NULL, "tz") == NULL);
	INT_EQ(conf_int(c, "s", "n"), 0);
	OK(!conf_bool(c, NULL, "nope"));
	v = conf_list(c, NULL, "e", &n);
	INT_EQ(n, 0);
	OK(v != NULL && v[0] == NULL);
	tz = conf_take_tz(c, "s", "tz");
	OK(tz != NULL);
	STR_EQ(tz_name(tz), "Europe/Berlin");
	OK(conf_take_tz(c, "s", "tz") == NULL);
	OK(conf_take_tz(c, NULL, "nope") == NULL);
	tz_free(tz);
	conf_free(c);
	conf_free(NULL);

	OK(conf_parse(&c, &schema, "g.conf", SL("n = 6\nb = yes\n[t]\n"
	    "m = a@b.example\n"), &d) < 0);
	OK(c == NULL);
	STR_EQ(m.data, "error: g.conf:1: n: expected an integer from -5 to 5, "
	    "not \"6\"\n");
	buf_reset(&m);
	OK(conf_parse(&c, &schema, "g.conf", SL("e = d\n"), &d) < 0);
	STR_EQ(m.data, "error: g.conf:1: e: expected one of a, b or c, not "
	    "\"d\"\n"
	    "error: g.conf: [t] m: required but missing\n");
	buf_reset(&m);
	OK(conf_parse(&c, &schema, "g.conf",
	    SL("n = --1\nn2 = 1\n[t]\nm=a@b.example\n"), &d) < 0);
	STR_EQ(m.data, "error: g.conf:1: n: expected an integer from -5 to 5, "
	    "not \"--1\"\n"
	    "error: g.conf:2: n2: unknown key (known: n, b, e, w)\n");
	buf_release(&m);
}

/* Every schema's defaults pass its own checks. */
static void
test_conf__schema_defaults(void)
{
	const struct conf_schema *const all[] = {
		&conf_site_schema, &conf_award_schema, &conf_recipient_schema,
	};
	struct buf src = BUF_INIT, m = BUF_INIT;
	struct diag d = DIAG_INIT;
	const char *section;
	struct conf *c;
	size_t i, k;

	d.quiet = true;
	d.capture = &m;
	for (i = 0; i < 3; i++) {
		buf_reset(&src);
		section = NULL;
		/* Write every default out explicitly, plus the required. */
		for (k = 0; k < all[i]->nkeys; k++) {
			const struct conf_key *key = &all[i]->keys[k];
			const char *v = key->def;

			if (v == NULL && !(key->flags & CONF_REQUIRED))
				continue;
			if (v == NULL)
				v = key->type == CONF_URL ?
				    "https://x.example/" :
				    key->type == CONF_EMAIL ? "a@b.example" : "x";
			if (key->section != NULL && (section == NULL ||
			    strcmp(section, key->section) != 0))
				buf_printf(&src, "[%s]\n", key->section);
			section = key->section;
			buf_printf(&src, "%s = %s\n", key->name, v);
		}
		buf_reset(&m);
		if (conf_parse(&c, all[i], "d.conf", src.data, src.len,
		    &d) < 0)
			FAIL_AT("schema %zu: %s", i, m.data);
		conf_free(c);
	}
	buf_release(&src);
	buf_release(&m);
}

/*
 * The examples of site.conf(5) parse as what they show.  The page is
 * read from the top of the source tree, where tests/run.sh runs.
 */
static void
test_conf__man_page_examples(void)
{
	struct buf page = BUF_INIT, block = BUF_INIT, m = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct site_conf sc;
	struct award_conf ac;
	struct recipient_conf rc;
	const char *p, *e;
	char chunk[4096];
	size_t n, blocks = 0;
	FILE *fp;

	if ((fp = fopen("site.conf.5", "r")) == NULL) {
		FAIL_AT("cannot open site.conf.5: run from the top of the "
		    "source tree");
		return;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(&page, chunk, n);
	fclose(fp);
	d.quiet = true;
	d.capture = &m;
	for (p = page.data; (p = strstr(p, "\n.Bd -literal")) != NULL;
	    p = e) {
		p = strchr(p + 1, '\n') + 1;
		if ((e = strstr(p, "\n.Ed\n")) == NULL)
			break;
		buf_reset(&block);
		buf_put(&block, p, (size_t)(e - p) + 1);
		buf_reset(&m);
		blocks++;
		if (strncmp(block.data, "error:", 6) == 0) {
			blocks--;
		} else if (strncmp(block.data, "# site.conf", 11) == 0) {
			OK(site_conf_parse(&sc, "site.conf", block.data,
			    block.len, &d) == 0);
			STR_EQ(m.data, "");
			STR_EQ(sc.base_url, "https://badges.example.ac.jp/");
			STR_EQ(sc.lang, "ja");
			STR_EQ(sc.timezone, "Asia/Tokyo");
			site_conf_release(&sc);
			/* The same as the tests' own copy. */
			STR_EQ(block.data, example);
		} else if (strncmp(block.data, "visibility", 10) == 0) {
			OK(award_conf_parse(&ac, "a.conf", block.data,
			    block.len, &d) == 0);
			OK(ac.private_);
			award_conf_release(&ac);
		} else if (strncmp(block.data, "name =", 6) == 0) {
			OK(recipient_conf_parse(&rc, "r.conf", block.data,
			    block.len, &d) == 0);
			INT_EQ(rc.nemails, 2);
			recipient_conf_release(&rc);
		} else if (strncmp(block.data, "title =", 7) == 0) {
			buf_puts(&block, "base_url = https://x.example/\n");
			OK(site_conf_parse(&sc, "site.conf", block.data,
			    block.len, &d) == 0);
			STR_EQ(sc.title, "  #1 Badge Club  ");
			site_conf_release(&sc);
		} else
			FAIL_AT("an example this test does not know: %s",
			    block.data);
		STR_EQ(m.data, "");
	}
	INT_EQ(blocks, 4);
	buf_release(&page);
	buf_release(&block);
	buf_release(&m);
}

TESTS(
	T(test_conf__site_defaults),
	T(test_conf__site_every_key),
	T(test_conf__site_languages),
	T(test_conf__base_url),
	T(test_conf__skip_prefixes),
	T(test_conf__email),
	T(test_conf__values),
	T(test_conf__quoting_and_comments),
	T(test_conf__bom_and_crlf),
	T(test_conf__line_errors),
	T(test_conf__keys_and_sections),
	T(test_conf__required_and_all_errors),
	T(test_conf__limits),
	T(test_conf__award),
	T(test_conf__award_visibility_and_index),
	T(test_conf__index_pages),
	T(test_conf__edit),
	T(test_conf__edit_every_award_key),
	T(test_conf__recipient),
	T(test_conf__generic_schema),
	T(test_conf__schema_defaults),
	T(test_conf__man_page_examples)
)
