#!/bin/sh
# check.sh - badgegen check end to end: the example site is clean in
# every format; broken sites fail with the right kind and file; the
# real output directory is never touched.
. "$(dirname "$0")/lib/lib.sh"
E2E=$TOP/tests/e2e/build
NOW=2026-11-01T00:00:00Z

# junit_ok <file>: the JUnit elements (xmllint checks the XML itself in
# "JUnit reports are well-formed XML").
junit_ok() {
	head -n 1 "$1" | grep -q '^<?xml version="1.0" encoding="UTF-8"?>$' ||
	    die "no XML declaration"
	grep -q '^<testsuites ' "$1" || die "no testsuites"
	grep -q '^  <testsuite name="link" ' "$1" || die "no link testsuite"
	tail -n 1 "$1" | grep -q '^</testsuites>$' || die "testsuites not closed"
	[ "$(grep -c '<testsuite ' "$1")" -eq "$(grep -c '</testsuite>' "$1")" ] ||
	    die "unbalanced testsuite elements"
}

example() {
	mkdir -p "$TMP/example"
	cp -R "$TOP/site.conf" "$TOP/content" "$TMP/example/"
	new_repo "$TMP/ex" "$TMP/example"
	cd "$TMP/ex"
	mkdir public && echo keep > public/marker
	bg check --now "$NOW" >"$TMP/ex.human" 2>"$TMP/ex.err" ||
	    { cat "$TMP/ex.human" "$TMP/ex.err"; die "human: not clean"; }
	grep -q ' 0 failed: 0 errors' "$TMP/ex.human" || die "no clean summary"
	grep -q '^external links (not fetched): ' "$TMP/ex.human" ||
	    die "external links not listed"
	[ ! -s "$TMP/ex.err" ] || { cat "$TMP/ex.err"; die "messages on stderr"; }
	bg check --now "$NOW" --format tap >"$TMP/ex.tap" || die "tap: not clean"
	grep -q '^1\.\.[1-9][0-9]*$' "$TMP/ex.tap" || die "no TAP plan"
	! grep -q '^not ok' "$TMP/ex.tap" || die "TAP: not ok"
	n=$(grep -c '^ok ' "$TMP/ex.tap")
	grep -q "^1\.\.$n\$" "$TMP/ex.tap" || die "TAP plan is not the count"
	bg check --now "$NOW" --format junit >"$TMP/ex.xml" || die "junit: not clean"
	junit_ok "$TMP/ex.xml"
	grep -q "<testsuites name=\"badgegen check\" tests=\"$n\" failures=\"0\"" \
	    "$TMP/ex.xml" || die "JUnit totals"
	! grep -q '<failure' "$TMP/ex.xml" || die "JUnit failure"
	bg check --now "$NOW" --format=json >"$TMP/ex.json" || die "json: not clean"
	[ "$(cat "$TMP/ex.json")" = "[]" ] || die "JSON is not an empty array"
	# the real output directory is untouched
	[ "$(ls -A public)" = marker ] || die "public/ was written"
	[ "$(cat public/marker)" = keep ] || die "public/marker changed"
	# and the temporary build is removed
	mkdir "$TMP/tmpdir"
	TMPDIR=$TMP/tmpdir bg check --now "$NOW" >/dev/null || die "not clean"
	[ -z "$(ls -A "$TMP/tmpdir")" ] || die "temporary files left behind"
}
t "the example site is clean in every format; public/ untouched" example

no_output_created() {
	new_repo "$TMP/min" "$E2E/minimal/site"
	cd "$TMP/min"
	bg check --now "$NOW" --quiet >"$TMP/min.out" || die "minimal site not clean"
	[ ! -s "$TMP/min.out" ] || die "--quiet printed a clean report"
	[ ! -e public ] || die "check created public/"
	[ ! -e public.lock ] || die "check left a lock"
}
t "check writes no output directory" no_output_created

# broken <name>: a copy of the minimal site, changed by the caller.
broken() {
	rm -rf "$TMP/$1"
	new_repo "$TMP/$1" "$E2E/minimal/site"
	cd "$TMP/$1"
	mkdir -p templates
	cp "$TOP/templates/index.mustache" templates/index.mustache
}

# expect_finding <kind> <file> [<format>]: check fails, naming both.
expect_finding() {
	expect_status 1 bg check --now "$NOW" --format json >"$TMP/f.json" 2>"$TMP/f.err"
	cat "$TMP/f.json"
	grep -q "{\"file\": \"$2\", \"kind\": \"$1\", \"level\": \"error\"" \
	    "$TMP/f.json" || die "no $1 error for $2"
	expect_status 1 bg check --now "$NOW" >"$TMP/f.human"
	grep -q "^$2:[0-9:]* $1: " "$TMP/f.human" || die "human: no $1 line for $2"
	expect_status 1 bg check --now "$NOW" --format tap >"$TMP/f.tap"
	grep -q "^not ok [0-9]* - $1 $2\$" "$TMP/f.tap" || die "TAP: no not ok"
	expect_status 1 bg check --now "$NOW" --format junit >"$TMP/f.xml"
	junit_ok "$TMP/f.xml"
	grep -q "<testcase classname=\"$1\" name=\"$2\">" "$TMP/f.xml" ||
	    die "JUnit: no testcase"
	grep -q "<failure type=\"$1\" message=" "$TMP/f.xml" || die "JUnit: no failure"
}

broken_link() {
	broken link
	printf '<a href="../nosuch/">x</a>\n<a href="badges/nosuch/">y</a>\n' \
	    >> templates/index.mustache
	commit_all . "broken link"
	expect_finding link index.html
	grep -q 'index.html:[0-9]*: link: badges/nosuch/: badges/nosuch/index.html is not in the site' \
	    "$TMP/f.human" || die "message"
	grep -q 'index.html:[0-9]*: link: ../nosuch/ leaves the site' \
	    "$TMP/f.human" || die "no message for the link out of the root"
}
t "a broken internal link" broken_link

missing_fragment() {
	broken frag
	printf '<a href="#nowhere">x</a><a href="badges/data/#main">ok</a>\n' \
	    >> templates/index.mustache
	commit_all . "missing fragment"
	expect_finding fragment index.html
	grep -q 'no id="nowhere" in index.html' "$TMP/f.human" || die "message"
	! grep -q '#main' "$TMP/f.human" || die "a good fragment is reported"
}
t "a missing fragment" missing_fragment

missing_image() {
	broken img
	printf '<img src="nosuch.png" alt="">\n' >> templates/index.mustache
	commit_all . "missing image"
	expect_finding image index.html
}
t "a missing image" missing_image

bad_png() {
	broken png
	printf '\211PNG\r\n\032\nnot really' > content/badges/data.png
	commit_all . "broken png"
	expect_status 1 bg check --now "$NOW" >"$TMP/png.out" 2>/dev/null
	grep -q '^badges/data.png: image: not a decodable PNG' "$TMP/png.out" ||
	    { cat "$TMP/png.out"; die "the PNG is not reported"; }
}
t "an undecodable PNG" bad_png

missing_key() {
	broken key
	sed 's|"revocationList"|"publicKey": "https://badges.test.example/keys/missing.json",\n  "revocationList"|' \
	    content/issuers/uni.json > x && mv x content/issuers/uni.json
	commit_all . "missing key"
	expect_finding reference issuers/uni.json
	grep -q 'publicKey https://badges.test.example/keys/missing.json is not served' \
	    "$TMP/f.human" || die "message"
}
t "a published JSON referencing a missing key" missing_key

leaked_address() {
	broken leak
	printf '<p>mail BOB.private@test.example</p>\n' >> templates/index.mustache
	commit_all . "leak"
	expect_finding leak index.html
	! grep -q 'bob.private' "$TMP/f.human" || die "the report repeats the address"
}
t "a leaked address" leaked_address

leaked_hash() {
	broken hash
	printf '<p>sha256$0f2b4aec</p>\n' >> templates/index.mustache
	commit_all . "hash"
	expect_finding leak index.html
}
t "an identity hash in HTML" leaked_hash

bad_award() {
	broken award
	printf '{\n  "type": "Assertion",\n  "id": "x",\n  "id": "y"\n}\n' \
	    > content/awards/2026/dup.json
	commit_all . "bad award"
	expect_finding award content/awards/2026/dup.json
}
t "an award the build leaves out" bad_award

skip_prefixes() {
	broken skip
	printf '<a href="https://badges.test.example/legacy/x">x</a>\n' \
	    >> templates/index.mustache
	printf '\n[check]\nskip_prefixes = https://badges.test.example/legacy/ https://x.com/\n' \
	    >> site.conf
	commit_all . "skip"
	bg check --now "$NOW" >"$TMP/skip.out" || { cat "$TMP/skip.out"; die "not clean"; }
	! grep -q 'x.com' "$TMP/skip.out" || die "a skipped prefix is listed"
	grep -q 'linkedin' "$TMP/skip.out" || die "other external links not listed"
}
t "skip_prefixes: neither checked nor listed" skip_prefixes

junit_escaping() {
	broken esc
	printf '<a href="a&amp;b&lt;c&quot;d/">x</a>\n' >> templates/index.mustache
	commit_all . "escaping"
	expect_status 1 bg check --now "$NOW" --format junit >"$TMP/esc.xml"
	junit_ok "$TMP/esc.xml"
	grep -q 'a&amp;b&lt;c&quot;d/' "$TMP/esc.xml" || die "not escaped"
}
t "JUnit output escapes what it quotes" junit_escaping

junit_wellformed() {
	need xmllint libxml2-utils
	mkdir -p "$TMP/example"
	cp -R "$TOP/site.conf" "$TOP/content" "$TMP/example/"
	new_repo "$TMP/ex" "$TMP/example"
	(cd "$TMP/ex" && bg check --now "$NOW" --format junit) >"$TMP/ex.xml" ||
	    die "the example site is not clean"
	xmllint --noout "$TMP/ex.xml" || die "a clean report is not well-formed"
	broken esc
	printf '<a href="a&amp;b&lt;c&quot;d/">x</a>\n<img src="no&lt;such.png" alt="">\n' \
	    >> templates/index.mustache
	commit_all . "findings"
	expect_status 1 bg check --now "$NOW" --format junit >"$TMP/esc.xml"
	grep -q '<failure type="image"' "$TMP/esc.xml" || die "no image failure"
	xmllint --noout "$TMP/esc.xml" || die "a report of findings is not well-formed"
}
t "JUnit reports are well-formed XML (xmllint)" junit_wellformed

usage_and_config() {
	expect_status 2 bg check --format yaml 2>/dev/null
	expect_status 2 bg check --out x 2>/dev/null
	expect_status 2 bg check --bogus 2>/dev/null
	bg check -h | grep -q '^usage: badgegen check ' || die "no usage"
	broken conf
	echo "colour = blue" >> site.conf
	commit_all . "bad conf"
	expect_status 2 bg check --now "$NOW" >/dev/null 2>"$TMP/conf.err"
	grep -q 'site.conf:.*colour' "$TMP/conf.err" || die "config error not shown"
}
t "usage and configuration errors exit 2" usage_and_config

finish
