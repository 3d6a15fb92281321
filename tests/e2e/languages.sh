#!/bin/sh
# languages.sh - a site of two languages (site.conf "languages"): the
# default language at the usual URLs, the other under /<lang>/, with
# hreflang links and a language switch on every page; documents once.
. "$(dirname "$0")/lib/lib.sh"
E2E=$TOP/tests/e2e/build
NOW=2026-11-01T00:00:00Z

# built_two: the minimal site (English) with Japanese as a second
# language built into $TMP/two.out, and as it is into $TMP/one.out.
built_two() {
	new_repo "$TMP/two" "$E2E/minimal/site"
	cd "$TMP/two"
	printf 'languages = en ja\n' >> site.conf
	commit_all . "two languages"
	bg build --now "$NOW" --out "$TMP/two.out" --quiet || die "build failed"
	new_repo "$TMP/one" "$E2E/minimal/site"
	(cd "$TMP/one" && bg build --now "$NOW" --out "$TMP/one.out" --quiet) ||
	    die "one-language build failed"
}
t "a site of two languages builds" built_two

other_language_pages() {
	built_two
	o=$TMP/two.out
	for p in index.html 404.html awards/2026/alice/index.html \
	    awards/2026/carl/index.html badges/data/index.html \
	    issuers/uni/index.html recipients/alice/index.html; do
		[ -f "$o/ja/$p" ] || die "no ja/$p"
		grep -q '<html lang="ja">' "$o/ja/$p" || die "ja/$p is not lang=ja"
		grep -q '<html lang="en">' "$o/$p" || die "$p is not lang=en"
	done
	a=$o/ja/awards/2026/alice/index.html
	grep -q '<time datetime="2026-04-01T00:30:00+09:00">2026年4月1日</time>' "$a" ||
	    die "no Japanese date"
	grep -q '発行日' "$a" || die "no Japanese labels"
	grep -q '<time datetime="2026-04-01T00:30:00+09:00">1 April 2026</time>' \
	    "$o/awards/2026/alice/index.html" || die "no English date"
	grep -q 'href="https://badges.test.example/ja/awards/2026/alice/"' "$a" ||
	    die "no canonical URL under /ja/"
	grep -q 'href="../../../../awards/2026/alice.json"' "$a" ||
	    die "the JSON is not linked at its one path"
	grep -q 'src="../../../../badges/data.png"' "$a" || die "badge image path"
	grep -q 'href="../../../../ja/issuers/uni/"' "$a" &&
	    grep -q 'href="../../../ja/awards/2026/alice/"' "$o/ja/badges/data/index.html" ||
	    die "pages link to pages of their language"
	grep -q 'class="site-title" href="../../../../ja/"' "$a" || die "home link"
}
t "/ja/ pages: lang, dates, labels and links" other_language_pages

hreflang() {
	built_two
	o=$TMP/two.out
	for f in "$o/awards/2026/alice/index.html" "$o/ja/awards/2026/alice/index.html"; do
		grep -q '<link rel="alternate" hreflang="en" href="https://badges.test.example/awards/2026/alice/">' "$f" ||
		    die "$f: no hreflang en"
		grep -q '<link rel="alternate" hreflang="ja" href="https://badges.test.example/ja/awards/2026/alice/">' "$f" ||
		    die "$f: no hreflang ja"
		grep -q '<link rel="alternate" hreflang="x-default" href="https://badges.test.example/awards/2026/alice/">' "$f" ||
		    die "$f: no x-default"
	done
	grep -q '<a href="../../../ja/awards/2026/alice/" hreflang="ja" lang="ja">日本語</a>' \
	    "$o/awards/2026/alice/index.html" || die "no switch to Japanese"
	grep -q '<a href="../../../../awards/2026/alice/" hreflang="en" lang="en">English</a>' \
	    "$o/ja/awards/2026/alice/index.html" || die "no switch to English"
	grep -q 'hreflang="en" href="https://badges.test.example/recipients/alice/"' \
	    "$o/ja/recipients/alice/index.html" || die "collection pages have no hreflang"
	! grep -q 'hreflang' "$o/404.html" || die "hreflang on the 404 page"
	! grep -rq 'hreflang' "$TMP/one.out" || die "hreflang on a site of one language"
}
t "hreflang links and the language switch on both" hreflang

default_unchanged() {
	built_two
	o=$TMP/two.out
	(cd "$TMP/one.out" && find . -type f | LC_ALL=C sort) > "$TMP/one.files"
	(cd "$o" && find . -type f ! -path './ja/*' | LC_ALL=C sort) > "$TMP/two.files"
	diff "$TMP/one.files" "$TMP/two.files" || die "the default language's files differ"
	for f in $(grep -v '\.html$' "$TMP/one.files" | grep -v -e sitemap.xml -e '^\./\.badgegen/'); do
		cmp -s "$TMP/one.out/$f" "$o/$f" || die "$f differs"
	done
	# Pages differ only by the hreflang links and the switch.
	for f in $(grep 'index\.html$' "$TMP/one.files"); do
		grep -v -e hreflang -e 'lang-switch' -e '^<ul>$' -e '^</ul>$' -e '^</nav>$' "$o/$f" > "$TMP/a"
		grep -v -e '^<ul>$' -e '^</ul>$' -e '^</nav>$' "$TMP/one.out/$f" > "$TMP/b"
		diff "$TMP/b" "$TMP/a" || die "$f differs"
	done
}
t "the default language's URLs and files are unchanged" default_unchanged

documents_once() {
	built_two
	o=$TMP/two.out
	n=$(cd "$o/ja" && find . -type f ! -name index.html ! -name 404.html | wc -l)
	[ "$n" -eq 0 ] || { (cd "$o/ja" && find . -type f ! -name index.html); die "documents under /ja/"; }
	[ -f "$o/awards/2026/alice.json" ] || die "no JSON"
	[ -f "$o/awards/2026/alice.png" ] || die "no baked badge"
	[ ! -e "$o/ja/assets" ] || die "assets under /ja/"
}
t "documents are published once, not under /ja/" documents_once

sitemap() {
	built_two
	s=$TMP/two.out/sitemap.xml
	for u in "" badges/data/ issuers/uni/ ja/ ja/badges/data/ \
	    ja/issuers/uni/; do
		grep -q "<loc>https://badges.test.example/$u</loc>" "$s" || die "no $u"
	done
	# award pages and collections are not for search engines
	! grep -q 'awards/\|recipients/' "$s" || die "an award or collection in the sitemap"
	! grep -q '404' "$s" || die "404 in the sitemap"
	[ "$(grep -c '<loc>' "$s")" -eq $((2 * $(grep -c '<loc>' "$TMP/one.out/sitemap.xml"))) ] ||
	    die "not every page twice"
}
t "the sitemap lists every language's pages" sitemap

private_in_both() {
	built_two
	o=$TMP/two.out
	[ ! -e "$o/ja/awards/2026/bob" ] || die "bob has a ja page"
	! grep -rl -e "Bob Private" -e "bob.private" -e "bob.json" "$o" || die "a trace of bob"
	! grep -rlF -e alice@test.example -e alice@old.test.example "$o" || die "an address"
}
t "private awards and addresses stay out in every language" private_in_both

finish
