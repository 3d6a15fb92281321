/*
 * t_vmsg.c - the messages of verification in English and Japanese: the
 * catalog is sorted and each Japanese format takes the arguments its
 * English one gives; formatting in both languages, positional
 * arguments, registered strings, lower modules' messages by pattern,
 * and instants in the reader's time zone.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "vmsg.h"
#include "harness.h"

/* The conversions of fmt, as one letter each (s, p for %.*s, d, u, z, l). */
static void
kinds(char *out, size_t max, const char *fmt, int *pos)
{
	const char *p = fmt;
	size_t n = 0;

	while ((p = strchr(p, '%')) != NULL && n + 1 < max) {
		p++;
		pos[n] = -1;
		if (*p == '%') {
			p++;
			continue;
		}
		if (p[0] >= '1' && p[0] <= '9' && p[1] == '$') {
			pos[n] = p[0] - '1';
			p += 2;
		}
		if (*p == 's')
			out[n++] = 's';
		else if (strncmp(p, ".*s", 3) == 0)
			out[n++] = 'p';
		else if (*p == 'd')
			out[n++] = 'd';
		else if (*p == 'u')
			out[n++] = 'u';
		else if (strncmp(p, "zu", 2) == 0)
			out[n++] = 'z';
		else if (strncmp(p, "llu", 3) == 0)
			out[n++] = 'l';
		else
			out[n++] = '?';
	}
	out[n] = '\0';
}

static void
test_vmsg__catalog(void)
{
	const struct vmsg_entry *c;
	char ek[16], jk[16];
	int ep[16], jp[16];
	size_t n, i, k;
	bool positional, seen[16];

	c = vmsg_catalog(&n);
	OK(n > 150);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(c[i - 1].en, c[i].en) >= 0)
			FAIL_AT("not sorted: \"%s\" before \"%s\"", c[i - 1].en,
			    c[i].en);
		kinds(ek, sizeof(ek), c[i].en, ep);
		kinds(jk, sizeof(jk), c[i].ja, jp);
		if (strchr(ek, '?') != NULL)
			FAIL_AT("unsupported conversion in \"%s\"", c[i].en);
		positional = strlen(jk) > 0 && jp[0] >= 0;
		if (!positional) {
			if (strcmp(ek, jk) != 0)
				FAIL_AT("\"%s\" (%s) and \"%s\" (%s) differ",
				    c[i].en, ek, c[i].ja, jk);
			continue;
		}
		memset(seen, 0, sizeof(seen));
		for (k = 0; k < strlen(jk); k++) {
			if (jp[k] < 0 || (size_t)jp[k] >= strlen(ek) ||
			    ek[jp[k]] != jk[k])
				FAIL_AT("\"%s\": argument %zu does not fit \"%s\"",
				    c[i].ja, k, c[i].en);
			else
				seen[jp[k]] = true;
		}
		for (k = 0; k < strlen(ek); k++)
			if (!seen[k])
				FAIL_AT("\"%s\" leaves out argument %zu", c[i].ja,
				    k + 1);
	}
	c = vmsg_patterns(&n);
	for (i = 0; i < n; i++) {
		kinds(ek, sizeof(ek), c[i].en, ep);
		kinds(jk, sizeof(jk), c[i].ja, jp);
		if (strspn(ek, "s") != strlen(ek) || strcmp(ek, jk) != 0)
			FAIL_AT("pattern \"%s\": only %%s, in order", c[i].en);
	}
}

/* Formats fmt both ways into en and ja (cleared). */
static void
both(struct buf *en, struct buf *ja, const struct vmsg_reg *reg,
    const char *fmt, ...)
{
	va_list ap;

	buf_reset(en);
	buf_reset(ja);
	va_start(ap, fmt);
	vmsg_vformat(en, ja, reg, fmt, ap);
	va_end(ap);
}

static void
test_vmsg__format(void)
{
	struct buf en = BUF_INIT, ja = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct vmsg_reg reg;
	const char *inner;
	char copy[64];

	vmsg_reg_init(&reg, &a);
	both(&en, &ja, &reg, "issued %s", "2026-03-19T15:00:00Z");
	STR_EQ(en.data, "issued 2026-03-19T15:00:00Z");
	STR_EQ(ja.data, "発行 2026-03-19T15:00:00Z");
	/* Positional: the order of the Japanese sentence. */
	both(&en, &ja, &reg, "%s proof by %s verifies", "eddsa-rdfc-2022",
	    "did:key:z6Mk#z6Mk");
	STR_EQ(en.data, "eddsa-rdfc-2022 proof by did:key:z6Mk#z6Mk verifies");
	STR_EQ(ja.data, "did:key:z6Mk#z6Mk による eddsa-rdfc-2022 の証明を確認"
	    "しました");
	both(&en, &ja, &reg, "%s (index %llu of the status list %s)", "revoked",
	    23ULL, "https://x/l");
	STR_EQ(en.data, "revoked (index 23 of the status list https://x/l)");
	STR_EQ(ja.data, "取り消し済み（ステータスリスト https://x/l の 23 番）");
	/* A registered message inside another one. */
	inner = "the key K is not in the repository";
	vmsg_reg_add(&reg, inner, "鍵 K がリポジトリにありません");
	both(&en, &ja, &reg, "no key the issuer lists verifies the signature: %s",
	    inner);
	STR_EQ(ja.data, "発行者が記載するどの鍵でも署名を確認できません：鍵 K が"
	    "リポジトリにありません");
	/* A copy of the same text is not the registered string. */
	snprintf(copy, sizeof(copy), "%s", inner);
	both(&en, &ja, &reg, "no key the issuer lists verifies the signature: %s",
	    copy);
	STR_EQ(ja.data, "発行者が記載するどの鍵でも署名を確認できません：the key K "
	    "is not in the repository");
	/* %.*s, %zu, %u; a format not in the catalog stays as it is. */
	both(&en, &ja, &reg, "identifier[%zu]: %s hashed with %.*s", (size_t)1,
	    "emailAddress", 6, "sha256$abc");
	STR_EQ(ja.data, "identifier[1]：emailAddress（sha256 でハッシュ化）");
	both(&en, &ja, &reg, "not in the catalog %u", 7u);
	STR_EQ(en.data, "not in the catalog 7");
	STR_EQ(ja.data, "not in the catalog 7");
	STR_EQ(vmsg_ja("no expiry"), "有効期限なし");
	OK(vmsg_ja("issued %s") == NULL);
	buf_release(&en);
	buf_release(&ja);
	arena_release(&a);
}

static void
test_vmsg__translate(void)
{
	struct buf b = BUF_INIT;

	vmsg_translate(&b, "proof: signature does not match");
	STR_EQ(b.data, "証明：署名が一致しません");
	buf_reset(&b);
	vmsg_translate(&b, "proof: canonicalization of the document failed: "
	    "jsonld: $.a: term \"a\" is not defined by the active context (it "
	    "would be dropped)");
	STR_EQ(b.data, "証明：document の正規化に失敗しました：jsonld：$.a：用語 "
	    "\"a\" がコンテキストで定義されていません（失われます）");
	buf_reset(&b);
	vmsg_translate(&b, "something else entirely");
	STR_EQ(b.data, "something else entirely");
	buf_release(&b);
}

static void
test_vmsg__local_dates(void)
{
	struct buf b = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct tz *tk = NULL;

	d.quiet = true;
	if (tz_load(&tk, "Asia/Tokyo", &d) < 0) {
		FAIL_AT("no Asia/Tokyo");
		return;
	}
	vmsg_local_dates(&b, "発行 2026-03-19T15:00:00Z；期限 2027-03-31T14:59:59Z",
	    tk, "ja", false);
	STR_EQ(b.data, "発行 2026年3月20日 0:00；期限 2027年3月31日 23:59");
	buf_reset(&b);
	vmsg_local_dates(&b, "issued 2026-03-19T15:00:00Z <&>", tk, "en", true);
	STR_EQ(b.data, "issued <time datetime=\"2026-03-19T15:00:00Z\">20 March "
	    "2026, 00:00</time> &lt;&amp;&gt;");
	buf_reset(&b);
	/* Not an instant: left as it is. */
	vmsg_local_dates(&b, "2026-03-19T15:00:00+09:00 and 2026-13-01T00:00:00Z",
	    tk, "ja", false);
	STR_EQ(b.data, "2026-03-19T15:00:00+09:00 and 2026-13-01T00:00:00Z");
	buf_release(&b);
	tz_free(tk);
}

TESTS(T(test_vmsg__catalog), T(test_vmsg__format), T(test_vmsg__translate),
    T(test_vmsg__local_dates))
