#!/bin/sh
# privacy.sh - what must never leak: awards whose sidecar has any problem
# stay off the site, search engines are kept from award pages and
# collections, messages never pass content to the terminal as control
# sequences, and hostile documents reach no page unescaped.
. "$(dirname "$0")/lib/lib.sh"
E2E=$TOP/tests/e2e/build
NOW=2026-11-01T00:00:00Z

# minimal_repo: the minimal site, not yet committed, in $TMP/site.
minimal_repo() {
	mkdir -p "$TMP/site"
	cp -R "$E2E/minimal/site"/. "$TMP/site"/
	git -C "$TMP/site" init -q
}

# build_site <status> [option...]: builds $TMP/site into $TMP/out, expects
# the exit status, messages in $TMP/err.
build_site() {
	want=$1
	shift
	(cd "$TMP/site" && bg build --now "$NOW" --out "$TMP/out" "$@") \
	    2>"$TMP/err"
	got=$?
	[ "$got" -eq "$want" ] || { cat "$TMP/err"; die "build: exit $got, expected $want"; }
}

# Content quoted in messages arrives with its control characters,
# C1 controls and bidi overrides escaped.
terminal_safe() {
	minimal_repo
	A=$TMP/site/content/awards/2026
	# a badge class URL with ESC [2J (clear screen), CSI (U+009B) and
	# U+202E RIGHT-TO-LEFT OVERRIDE in it
	sed 's|"badge": "https://badges.test.example/badges/data.json"|"badge": "https://badges.test.example/\\u001b[2J\\u009b31m\\u202egnp.exe"|' \
	    "$A/alice.json" > "$A/zed.json"
	sed -i 's|alice\.json|zed.json|' "$A/zed.json"
	commit_all "$TMP/site" "a hostile badge URL"
	build_site 1
	cat "$TMP/err"
	grep -q 'content/awards/2026/zed.json' "$TMP/err" || die "the award is not named"
	grep -qF '\x1b[2J\u009b31m\u202egnp.exe' "$TMP/err" ||
	    die "the URL is not shown escaped"
	! LC_ALL=C grep -q "$(printf '\033')" "$TMP/err" || die "a raw ESC reached stderr"
	! grep -q "$(printf '\302\233')" "$TMP/err" || die "a raw CSI reached stderr"
	! grep -q "$(printf '\342\200\256')" "$TMP/err" || die "a raw U+202E reached stderr"
	# verify prints its report on stdout the same way
	(cd "$TMP/site" && bg verify --now "$NOW" content/awards/2026/zed.json) \
	    >"$TMP/verify.out" 2>&1
	cat "$TMP/verify.out"
	! LC_ALL=C grep -q "$(printf '\033')" "$TMP/verify.out" || die "a raw ESC reached verify's output"
}
t "messages show control characters and bidi overrides escaped" terminal_safe

finish
