#!/bin/sh
# authoring.sh - the authoring guide (docs/AUTHORING.md, .ja.md) and its
# example site (tests/e2e/build/authoring/site, a golden case of
# build.sh): the guide's examples are the site's files, the site builds,
# and its pages show what the guide says: Markdown tables,
# strikethrough and autolinks, no raw HTML, issuer descriptions as
# Markdown, each skill and each tag once.
. "$(dirname "$0")/lib/lib.sh"
SITE=$TOP/tests/e2e/build/authoring/site
NOW=2026-11-01T00:00:00Z

# blocks <guide> <dir>: writes each fenced block of the guide whose info
# string names a file ("```json content/badges/x.json") to <dir>/<file>.
blocks() {
	awk -v dir="$2" '
	/^```[a-z]+ [^ ]+$/ && !out {
		out = dir "/" $2
		if (sub(/\/[^\/]*$/, "", $2))
			system("mkdir -p \"" dir "/" $2 "\"")
		printf "" >out
		next
	}
	/^```$/ && out { close(out); out = ""; next }
	out { print >>out }
	' "$1"
}

same_files() {
	for g in AUTHORING.md AUTHORING.ja.md; do
		[ -f "$TOP/docs/$g" ] || die "no docs/$g"
		rm -rf "$TMP/$g"
		mkdir -p "$TMP/$g"
		blocks "$TOP/docs/$g" "$TMP/$g"
		[ -n "$(ls -A "$TMP/$g")" ] || die "$g: no example files"
		# every example is the site's file, byte for byte
		(cd "$TMP/$g" && find . -type f) | while read -r f; do
			cmp -s "$TMP/$g/$f" "$SITE/$f" ||
			    die "$g: the example $f differs from $SITE/$f"
		done || exit 1
		# every text file of the site is in the guide
		(cd "$SITE" && find . -type f ! -name '*.png') | while read -r f; do
			[ -f "$TMP/$g/$f" ] || die "$g: $f of the site is not shown"
		done || exit 1
	done
}
t "the guide's examples, English and Japanese, are the files of its site" same_files

# built: the guide's site built into $TMP/out.
built() {
	new_repo "$TMP/site" "$SITE"
	(cd "$TMP/site" && bg build --now "$NOW" --out "$TMP/out") \
	    >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; die "the guide's site does not build"; }
	! grep -q '^error\|^warning' "$TMP/build.log" ||
	    { cat "$TMP/build.log"; die "the guide's site builds with messages"; }
}

markdown() {
	built
	b=$TMP/out/badges/python-intro/index.html
	grep -q '^<table>$' "$b" || die "no table"
	grep -q '^<th align="right">単位</th>$' "$b" || die "no aligned header cell"
	grep -q '^<td>プログラミング基礎</td>$' "$b" || die "no table cell"
	grep -q '<del>2025年度までの旧科目</del>' "$b" || die "no strikethrough in criteria"
	grep -q '<del>小テスト</del>' "$b" || die "no strikethrough in the description"
	grep -q '<a href="http://www.mihon.example/python">www.mihon.example/python</a>' "$b" ||
	    die "no autolink"
	! grep -q '<script>alert' "$b" || die "raw HTML passed through"
	! grep -q '| 科目 |' "$b" || die "the table is literal"
	i=$TMP/out/issuers/office/index.html
	grep -q '<strong>オープンバッジ</strong>' "$i" || die "issuer description not Markdown"
	grep -q '<li>内容の訂正: <a href="mailto:badges@mihon.example">badges@mihon.example</a></li>' "$i" ||
	    die "no list or no e-mail autolink in the issuer description"
	grep -q '<a href="https://www.mihon.example/badges/policy">' "$i" ||
	    die "no URL autolink in the issuer description"
}
t "criteria and descriptions: GFM tables, strikethrough, autolinks; no raw HTML" markdown

# section <file> <id>: the lines of the page's section h-<id>.
section() {
	sed -n "/aria-labelledby=\"h-$2\"/,/<\/section>/p" "$1"
}

once() {
	built
	for p in badges/python-intro/index.html awards/2026/python-intro-0001/index.html; do
		f=$TMP/out/$p
		section "$f" skills >"$TMP/skills"
		section "$f" tags >"$TMP/tags"
		[ "$(grep -c '<li>' "$TMP/skills")" -eq 1 ] || die "$p: skills: $(cat "$TMP/skills")"
		grep -q '>Python</a>' "$TMP/skills" || die "$p: the skill Python is missing"
		[ "$(grep -c '<li>' "$TMP/tags")" -eq 2 ] || die "$p: tags: $(cat "$TMP/tags")"
		grep -q '<li>プログラミング</li>' "$TMP/tags" || die "$p: tag missing"
		grep -q '<li>入門</li>' "$TMP/tags" || die "$p: tag missing"
		! grep -q 'Python' "$TMP/tags" || die "$p: the skill repeated as a tag"
		! grep -q 'プログラミング\|入門' "$TMP/skills" ||
		    die "$p: a tag listed as a skill"
	done
	# the card lists both, each once
	card=$(sed -n '/^<li class="card">$/,/^<\/li>$/p' "$TMP/out/index.html" |
	    grep -c '^<li>\(Python\|プログラミング\|入門\)</li>$')
	[ "$card" -eq 3 ] || die "the badge card lists $card skills and tags"
}
t "each skill once and each tag once; a tag that is a skill's name is the skill" once

init_links() {
	bg init "$TMP/new" >/dev/null 2>&1 || die "init failed"
	grep -q 'docs/AUTHORING.md' "$TMP/new/README.txt" || die "README.txt does not link the guide"
	grep -q 'docs/AUTHORING.ja.md' "$TMP/new/README.txt" || die "README.txt does not link the Japanese guide"
	grep -q '(docs/AUTHORING.md)' "$TOP/README.md" || die "README.md does not link the guide"
}
t "the guide is linked from README.md and init's README.txt" init_links

finish
