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

# unpublished <stem>: nothing of the award content/awards/2026/<stem>.*
# is in $TMP/out: no page, JSON, signed copy, baked image, sitemap entry
# or listing.
unpublished() {
	[ -d "$TMP/out" ] || die "no site was built"
	! ls "$TMP/out/awards/2026" 2>/dev/null | grep -q "^$1" ||
	    die "files of $1 are published: $(ls "$TMP/out/awards/2026")"
	! grep -rl "awards/2026/$1" "$TMP/out" || die "$1 is listed"
	id=$(sed -n 's/.*"identity": "sha256\$\([0-9a-f]*\)".*/\1/p' \
	    "$TMP/site/content/awards/2026/$1.json")
	[ -n "$id" ] || die "no identity in $1.json"
	! grep -rl "$id" "$TMP/out" || die "the recipient hash of $1 is published"
}

# published <stem>: the award's page is there.
published() {
	[ -f "$TMP/out/awards/2026/$1/index.html" ] || die "$1 is not published"
}

# bad_sidecar <line> <stem.conf> <file content>: the sidecar with that
# problem keeps alice private, named with its line, counted as left out.
bad_sidecar() {
	msg=$1 name=$2
	shift 2
	minimal_repo
	printf "$@" > "$TMP/site/content/awards/2026/$name"
	commit_all "$TMP/site" "a sidecar with a problem"
	build_site 1
	cat "$TMP/err"
	grep -q "^error: content/awards/2026/$name$msg" "$TMP/err" ||
	    die "no error naming $name$msg"
	grep -q 'content/awards/2026/alice.json: kept private' "$TMP/err" ||
	    die "no word that alice is kept private"
	grep -q ', 1 left out because of errors' "$TMP/err" || die "not counted as left out"
	unpublished alice
	published carl
}
t "sidecar with a misspelt key: the award stays private, exit 1" \
    bad_sidecar ':1: visiblity: unknown key' alice.conf \
    'visiblity = private\nemail = alice@test.example\n'
t "sidecar with an unknown visibility: the award stays private, exit 1" \
    bad_sidecar ':2: visibility: expected one of public, private, 公開 or 非公開, not "privat"' \
    alice.conf '# typo\nvisibility = privat\n'
t "sidecar that is not UTF-8: the award stays private, exit 1" \
    bad_sidecar ':1: invalid UTF-8' alice.conf 'visibility = \202\361\214\366\212\112\n'
t "sidecar set twice: the award stays private, exit 1" \
    bad_sidecar ':2: visibility: set twice' alice.conf 'visibility = private\nvisibility = public\n'
t "sidecar named after the award's file: the award stays private, exit 1" \
    bad_sidecar ': no award is named so, and it looks meant for content/awards/2026/alice.json' \
    alice.json.conf 'visibility = private\n'

unreadable_sidecar() {
	minimal_repo
	ln -s ../../../site.conf "$TMP/site/content/awards/2026/alice.conf"
	commit_all "$TMP/site" "a sidecar that is a symbolic link"
	build_site 1
	cat "$TMP/err"
	grep -q '^error: content/awards/2026/alice.conf: an award sidecar that cannot be read (symbolic link)' \
	    "$TMP/err" || die "no error naming the sidecar"
	unpublished alice
	published carl
}
t "sidecar that cannot be read: the award stays private, exit 1" unreadable_sidecar

# visibility in other spellings: any case of private/public, 非公開/公開.
visibility_words() {
	minimal_repo
	A=$TMP/site/content/awards/2026
	printf 'visibility = 非公開\n' > "$A/alice.conf"
	printf 'visibility = PRIVATE\nemail = bob.private@test.example\n' \
	    > "$A/bob.conf"
	commit_all "$TMP/site" "private in Japanese and in capitals"
	build_site 0
	unpublished alice
	unpublished bob
	grep -q '2 private, 0 left out' "$TMP/err" || die "$(cat "$TMP/err")"
	printf 'visibility = 公開\n' > "$A/alice.conf"
	printf '# no visibility: public\nemail = bob.private@test.example\n' \
	    > "$A/bob.conf"
	commit_all "$TMP/site" "public in Japanese, and by default"
	build_site 0
	published alice
	published bob
}
t "visibility: 非公開, PRIVATE, 公開 and no visibility at all" visibility_words

NOINDEX='<meta name="robots" content="noindex">'

# noindex <page>: the page keeps search engines off; indexed <page>: not.
noindex() {
	[ -f "$TMP/out/$1" ] || die "no $1"
	grep -qF "$NOINDEX" "$TMP/out/$1" || die "$1 is indexable"
}
indexed() {
	[ -f "$TMP/out/$1" ] || die "no $1"
	! grep -q 'name="robots"' "$TMP/out/$1" || die "$1 says noindex"
}
# in_sitemap <path> / not_in_sitemap <path>
in_sitemap() {
	grep -q "<loc>https://badges.test.example/$1</loc>" "$TMP/out/sitemap.xml" ||
	    die "$1 is not in the sitemap"
}
not_in_sitemap() {
	! grep -q "<loc>https://badges.test.example/$1</loc>" "$TMP/out/sitemap.xml" ||
	    die "$1 is in the sitemap"
}

# By default badge classes, issuers and the top page are for search
# engines; award pages and collections (students' names) are not.
search_default() {
	minimal_repo
	commit_all "$TMP/site" "the minimal site"
	build_site 0
	indexed index.html
	indexed badges/data/index.html
	indexed issuers/uni/index.html
	noindex awards/2026/alice/index.html
	noindex awards/2026/carl/index.html
	noindex recipients/alice/index.html
	in_sitemap ""
	in_sitemap badges/data/
	in_sitemap issuers/uni/
	not_in_sitemap awards/2026/alice/
	not_in_sitemap recipients/alice/
	! grep -q 'awards/\|recipients/' "$TMP/out/sitemap.xml" || die "sitemap: $(cat "$TMP/out/sitemap.xml")"
	# robots.txt: valid, and it names the sitemap
	[ "$(cat "$TMP/out/robots.txt")" = "$(printf 'User-agent: *\nAllow: /\n\nSitemap: https://badges.test.example/sitemap.xml')" ] ||
	    die "robots.txt: $(cat "$TMP/out/robots.txt")"
}
t "search engines: award pages and collections are noindex and not in the sitemap" search_default

# A site opts in to award pages; one award opts out; with the default,
# one award opts in.
search_opt_in() {
	minimal_repo
	A=$TMP/site/content/awards/2026
	printf 'index_pages = home issuers badges awards collections\n' >> "$TMP/site/site.conf"
	printf 'index = no\n' > "$A/carl.conf"
	commit_all "$TMP/site" "awards indexed, but not carl's"
	build_site 0
	indexed awards/2026/alice/index.html
	in_sitemap awards/2026/alice/
	noindex awards/2026/carl/index.html
	not_in_sitemap awards/2026/carl/
	indexed recipients/alice/index.html
	in_sitemap recipients/alice/
	# the default again, and carl opts in
	sed -i '/^index_pages/d' "$TMP/site/site.conf"
	printf '# carl wants to be found\nindex = yes\n' > "$A/carl.conf"
	commit_all "$TMP/site" "only carl indexed"
	build_site 0
	noindex awards/2026/alice/index.html
	not_in_sitemap awards/2026/alice/
	indexed awards/2026/carl/index.html
	in_sitemap awards/2026/carl/
	noindex recipients/alice/index.html
	# none at all
	printf 'index_pages = none\n' >> "$TMP/site/site.conf"
	printf 'visibility = public\n' > "$A/carl.conf"
	commit_all "$TMP/site" "nothing indexed"
	build_site 0
	noindex index.html
	noindex badges/data/index.html
	noindex issuers/uni/index.html
	! grep -q '<url>' "$TMP/out/sitemap.xml" || die "sitemap: $(cat "$TMP/out/sitemap.xml")"
}
t "search engines: index_pages in site.conf, index in a sidecar" search_opt_in

# A site's own layout without the noindex line still keeps award pages
# from search engines.
search_own_layout() {
	minimal_repo
	mkdir -p "$TMP/site/templates"
	printf '<!doctype html>\n<html><head><title>{{page.title}}</title></head><body>{{$content}}{{/content}}</body></html>\n' \
	    > "$TMP/site/templates/layout.mustache"
	commit_all "$TMP/site" "a layout of its own"
	build_site 0
	noindex awards/2026/alice/index.html
	grep -q "^<html><head>\$" "$TMP/out/awards/2026/alice/index.html" ||
	    die "the meta element is not right after <head>: $(head -3 "$TMP/out/awards/2026/alice/index.html")"
	indexed badges/data/index.html
}
t "search engines: a layout without the noindex line still gets it" search_own_layout

# A site whose documents carry hostile content in every field (markup,
# script, javascript: URLs, controls, bidi overrides), an id that climbs
# out of the site, documents nested too deep and with very many members,
# and addresses in sidecars (tests/e2e/hostile/make.py): those documents
# only are left out, nothing injected reaches a page unescaped
# (tests/e2e/hostile/check.py), no address reaches any file, and the
# rest of the site is built, in seconds.
hostile_content() {
	need python3 python3
	minimal_repo
	python3 "$TOP/tests/e2e/hostile/make.py" "$TMP/site" || die "make.py"
	commit_all "$TMP/site" "hostile content"
	limit=
	[ -n "${VALGRIND:-}" ] || limit="timeout 60"
	(cd "$TMP/site" && $limit "$BADGEGEN" build --now "$NOW" --out "$TMP/out") \
	    2>"$TMP/err"
	got=$?
	cut -c1-200 "$TMP/err"
	[ "$got" -eq 1 ] || die "build: exit $got, expected 1"
	grep -q '^error: content/awards/2026/deep.json:1:451: \$: nested deeper than 100 levels$' \
	    "$TMP/err" || die "deep.json is not reported"
	grep -q '^error: content/awards/2026/climb.json: publishes .*(".." component); left out$' \
	    "$TMP/err" || die "climb.json is not reported"
	grep -q '^error: content/badges/climb.json: publishes .*(".." component); left out$' \
	    "$TMP/err" || die "the badge class climb.json is not reported"
	grep -q ', 2 left out because of errors' "$TMP/err" || die "not 2 left out"
	[ -z "$(find "$TMP" -name 'climbed*')" ] || die "climbed.json written: $(find "$TMP" -name 'climbed*')"
	for p in index.html awards/2026/alice/index.html awards/2026/carl/index.html \
	    awards/2026/eve/index.html awards/2026/wide/index.html \
	    badges/data/index.html badges/evil/index.html issuers/evil/index.html \
	    issuers/uni/index.html recipients/alice/index.html; do
		[ -f "$TMP/out/$p" ] || die "$p is not built"
	done
	python3 "$TOP/tests/e2e/hostile/check.py" "$TMP/out" || die "injected content above"
	grep -q 'X10' "$TMP/out/badges/evil/index.html" || die "the badge's name is not shown"
	grep -q 'X40' "$TMP/out/recipients/alice/index.html" || die "the collection's name is not shown"
	! grep -rlF -e secret@test.example -e bob.private@test.example \
	    -e dora.hidden@test.example "$TMP/out" || die "an address above"
	! grep -rlE -e 'sha256\$' -e 0f1e2d3c4b5a6978 -e 1f1e2d3c4b5a6978 \
	    "$TMP/out" --include='*.html' || die "an identity hash in a page above"
}
t "hostile content: left out or escaped, no address published, the rest built" \
    hostile_content

finish
