#!/bin/sh
# paths.sh - where documents and pages go, whatever the shape of the ids:
# extensionless, ending with a slash, percent-encoded, Japanese, with
# spaces; collisions with badgegen's own files and with each other; the
# URLs written into pages; static documents; missing files; a base_url
# that no document is under.
#
# Golden cases, as in build.sh: tests/e2e/build/<case>/site is committed
# and built with a pinned clock; the tree must equal .../expected and
# the build's messages .../expected.messages (UPDATE=1 rewrites both).
. "$(dirname "$0")/lib/lib.sh"
E2E=$TOP/tests/e2e/build
NOW=2026-11-01T00:00:00Z
BASE=https://badges.test.example/

# golden <case> <exit status>: builds the case and compares.
golden() {
	name=$1 want=$2
	new_repo "$TMP/$name" "$E2E/$name/site"
	(cd "$TMP/$name" && bg build --quiet --now "$NOW" --out "$TMP/$name.out") \
	    2>"$TMP/$name.messages"
	status=$?
	[ "$status" -eq "$want" ] || { cat "$TMP/$name.messages"; \
	    die "exit status $status, expected $want"; }
	[ "${UPDATE:-}" != 1 ] ||
		cp "$TMP/$name.messages" "$E2E/$name/expected.messages"
	diff -u "$E2E/$name/expected.messages" "$TMP/$name.messages" ||
	    die "the messages differ"
	same_tree "$E2E/$name/expected" "$TMP/$name.out" ||
	    die "the site differs"
}

# top_id <file>: the document's own "id" (the member at the top).
top_id() {
	sed -n 's/^  "id": "\(.*\)",*$/\1/p' "$1" | head -n 1
}

# served_at_ids <case>: every public document of the case is the file
# its id names (decoded, x/ as x/index.json), byte for byte.
served_at_ids() {
	find "$TMP/$1/content" -name '*.json' ! -name 'bob.json' | while read -r f; do
		id=$(top_id "$f")
		case "$id" in "$BASE"*) ;; *) continue ;; esac
		p=$(printf '%s' "${id#"$BASE"}" | python3 -c \
		    'import sys, urllib.parse; print(urllib.parse.unquote(sys.stdin.read()), end="")')
		case "$p" in */) p=${p}index.json ;; esac
		cmp "$f" "$TMP/$1.out/$p" || die "$f is not served at $id"
	done
}

# clean_check <case>: badgegen check finds nothing.
clean_check() {
	(cd "$TMP/$1" && bg check --now "$NOW" >"$TMP/$1.check") ||
	    { cat "$TMP/$1.check"; die "check: not clean"; }
}

# Ids without an extension: each document at its id, each page at
# <id>.html, the baked badges and the share card beside them.
extensionless() {
	golden extensionless 0
	served_at_ids extensionless
	o=$TMP/extensionless.out
	for f in badges/data issuers/uni issuers/uni-revocations \
	    awards/2026/alice awards/2026/carl badges/data.html \
	    issuers/uni.html awards/2026/alice.html awards/2026/carl.html \
	    awards/2026/alice.png badges/data.card.png; do
		[ -f "$o/$f" ] || die "no file $f"
	done
	[ ! -e "$o/badges/data/index.html" ] || die "a page in the way"
	grep -q 'href="../awards/2026/alice.html"' "$o/badges/data.html" ||
	    die "the badge page does not link to the award's page"
	grep -q '<loc>https://badges.test.example/badges/data.html</loc>' \
	    "$o/sitemap.xml" || die "the sitemap does not list data.html"
	! grep -q 'alice' "$o/sitemap.xml" ||
	    die "the sitemap lists an award page (noindex by default)"
	clean_check extensionless
}
t "extensionless ids: documents at their ids, pages beside them" extensionless

trailing_slash() {
	golden trailing-slash 0
	served_at_ids trailing-slash
	o=$TMP/trailing-slash.out
	for f in badges/data/index.json issuers/uni/index.json \
	    awards/2026/alice/index.json badges/data.html issuers/uni.html \
	    awards/2026/alice.html; do
		[ -f "$o/$f" ] || die "no file $f"
	done
	for f in badges/data issuers/uni awards/2026/alice; do
		[ ! -e "$o/$f/index.html" ] || die "$f/ serves a page"
	done
	clean_check trailing-slash
}
t "ids ending with a slash: documents as <id>index.json" trailing_slash

encoded() {
	golden encoded 0
	served_at_ids encoded
	o=$TMP/encoded.out
	for f in "badges/データ.json" "badges/データ/index.html" \
	    "issuers/大学.json" "awards/2026/花子 さん.json" \
	    "awards/2026/花子 さん/index.html" "awards/2026/taro yamada.json" \
	    "awards/2026/taro yamada/index.html"; do
		[ -f "$o/$f" ] || die "no file $f"
	done
	# Every URL badgegen wrote is percent-encoded.
	LC_ALL=C grep -rhoE '(href|src)="[^"]*"|property="og:(url|image)" content="[^"]*"|<loc>[^<]*</loc>' \
	    --include='*.html' --include='*.xml' "$o" >"$TMP/urls"
	grep -q '<loc>' "$TMP/urls" || die "no sitemap URLs"
	grep -q 'og:url' "$TMP/urls" || die "no og:url"
	! LC_ALL=C grep -E '[^ -~]|="[^"]* |<loc>[^<]* ' "$TMP/urls" ||
	    die "a raw non-ASCII character or space in a URL above"
	grep -q 'href="../../../awards/2026/%E8%8A%B1%E5%AD%90%20%E3%81%95%E3%82%93.json"' \
	    "$o/awards/2026/花子 さん/index.html" || die "no encoded link to the JSON"
	grep -q '"identifier":"https://badges.test.example/awards/2026/taro%20yamada.json"' \
	    "$o/awards/2026/taro yamada/index.html" || die "JSON-LD identifier not a URI"
	clean_check encoded
}
t "percent-encoded, Japanese and spaced ids: decoded files, encoded links" encoded

collisions() {
	golden collisions 1
	o=$TMP/collisions.out
	# The rest of the site is built.
	for f in awards/2026/alice/index.html awards/2026/alice.json \
	    badges/data/index.html issuers/uni/index.html index.html \
	    sitemap.xml robots.txt recipients/alice.html recipients/alice; do
		[ -f "$o/$f" ] || die "no file $f"
	done
	# Both sides of a collision are left out, and what depends on them.
	for f in keys/a.json keys/ai keys/ai/v2.json awards/2026/carl.json \
	    awards/2026/carl badges/data2.json badges/other.json \
	    awards/2026/dora.json awards/2026/dora; do
		[ ! -e "$o/$f" ] || die "$f is published"
	done
	grep -q '<title>mine</title>' "$o/index.html" && die "index.html replaced"
	cmp -s "$o/badges/data.card.png" "$TMP/collisions/content/badges/data.png" &&
	    die "the card replaced"
	true
}
t "collisions: the documents in the way are left out, the site is built" collisions

# A JSON document of content/static/ whose id is the URL it is served at
# is a document: the awards of a badge class kept there resolve.  One
# whose id is another URL is a plain file, with a warning.
static_documents() {
	new_repo "$TMP/st" "$E2E/minimal/site"
	cd "$TMP/st"
	mkdir -p content/static/badges
	git mv content/badges/data.json content/static/badges/data.json
	printf '{"type": "Issuer", "id": "%selsewhere.json", "name": "X"}\n' \
	    "$BASE" >content/static/misplaced.json
	commit_all . "static documents"
	bg build --now "$NOW" --out "$TMP/st.out" 2>"$TMP/st.err" ||
	    { cat "$TMP/st.err"; die "build failed"; }
	grep -qF "warning: content/static/misplaced.json: published as a plain file: its id ${BASE}elsewhere.json is not the URL it is served at, ${BASE}misplaced.json" \
	    "$TMP/st.err" || { cat "$TMP/st.err"; die "no warning"; }
	[ "$(grep -c '^warning' "$TMP/st.err")" -eq 1 ] || die "other warnings"
	for f in awards/2026/alice/index.html badges/data/index.html \
	    badges/data.card.png awards/2026/alice.png; do
		[ -f "$TMP/st.out/$f" ] || die "no $f"
	done
	cmp content/static/badges/data.json "$TMP/st.out/badges/data.json" ||
	    die "the static badge class is not served as it is"
	cmp content/static/misplaced.json "$TMP/st.out/misplaced.json" ||
	    die "the plain file is not served"
	[ ! -e "$TMP/st.out/elsewhere.json" ] || die "served at its id"
	bg verify --now "$NOW" content/awards/2026/alice.json >/dev/null ||
	    die "verify does not resolve the static badge class"
}
t "content/static/ documents resolve; one with another id is a plain file" \
    static_documents

# A file a document refers to that the site does not serve is an error
# naming the document and the missing path: a badge image, an issuer's
# image, key and revocation list.
missing_files() {
	new_repo "$TMP/mf" "$E2E/minimal/site"
	cd "$TMP/mf"
	git rm -q content/badges/data.png content/issuers/uni-revocations.json
	commit_all . "files removed"
	expect_status 1 bg build --now "$NOW" --out "$TMP/mf.out" 2>"$TMP/mf.err"
	grep -qF "error: content/badges/data.json: image ${BASE}badges/data.png is missing: nothing of content/ is published at badges/data.png" \
	    "$TMP/mf.err" || { cat "$TMP/mf.err"; die "no error for the image"; }
	grep -qF "error: content/issuers/uni.json: revocationList ${BASE}issuers/uni-revocations.json is missing" \
	    "$TMP/mf.err" || { cat "$TMP/mf.err"; die "no error for the list"; }
	mkdir -p "$TMP/ex"
	cp -R "$TOP/site.conf" "$TOP/content" "$TMP/ex/"
	new_repo "$TMP/exr" "$TMP/ex"
	cd "$TMP/exr"
	git rm -q content/issuers/kakuu.png content/keys/kakuu-2026.json
	commit_all . "files removed"
	expect_status 1 bg build --now "$NOW" --out "$TMP/ex.out" 2>"$TMP/ex.err"
	grep -qF "error: content/issuers/kakuu.json: image https://badges.example.ac.jp/issuers/kakuu.png is missing" \
	    "$TMP/ex.err" || { cat "$TMP/ex.err"; die "no error for the logo"; }
	grep -qF "error: content/issuers/kakuu.json: publicKey https://badges.example.ac.jp/keys/kakuu-2026.json is missing" \
	    "$TMP/ex.err" || { cat "$TMP/ex.err"; die "no error for the key"; }
}
t "a missing image, key or revocation list is an error naming its referrer" \
    missing_files

# base_url changed after init: build warns and check fails, both with
# the fix; nothing is left unpublished in silence.
moved_base() {
	bg init "$TMP/site" >/dev/null || die "init failed"
	cd "$TMP/site"
	sed -i 's|^base_url = .*|base_url = https://badges.new.example/|' site.conf
	commit_all . "moved"
	bg build 2>"$TMP/err" || { cat "$TMP/err"; die "build failed"; }
	msg="site.conf: base_url is https://badges.new.example/, but no issuer, badge class or key of content/ has an id under it: their ids are under https://badges.example.ac.jp/ (3 of them"
	grep -qF "warning: $msg" "$TMP/err" || { cat "$TMP/err"; die "no warning"; }
	grep -qF "else set base_url = https://badges.example.ac.jp/" "$TMP/err" ||
	    die "no fix in the warning"
	expect_status 1 bg check --format json >"$TMP/check.json"
	grep -qF '"file": "site.conf", "kind": "award", "level": "error"' \
	    "$TMP/check.json" || { cat "$TMP/check.json"; die "check: no error"; }
}
t "a base_url no document is under: build warns, check fails" moved_base

# A document that changes shape moves its page; an incremental build
# makes the same site as a full one, both ways.
shape_change() {
	new_repo "$TMP/sc" "$E2E/minimal/site"
	cd "$TMP/sc"
	bg build --now "$NOW" --out "$TMP/sc.out" --quiet || die "first build"
	for to in extensionless trailing-slash minimal; do
		rm -rf content
		cp -R "$E2E/$to/site/content" .
		commit_all . "$to"
		bg build --now "$NOW" --out "$TMP/sc.out" --quiet ||
		    die "incremental build to $to"
		rm -rf "$TMP/full.out"
		bg build --now "$NOW" --out "$TMP/full.out" --full --quiet ||
		    die "full build of $to"
		diff -r -x .badgegen "$TMP/full.out" "$TMP/sc.out" ||
		    die "$to: incremental and full builds differ"
	done
	diff -r -x .badgegen -x verifier.wasm "$E2E/minimal/expected" \
	    "$TMP/sc.out" || die "not the minimal site again"
}
t "ids that change shape: incremental builds equal full ones" shape_change

# keygen --install with a folder id writes the key where the site
# publishes it (<id>index.json), and issue signs with it.
key_folder_id() {
	new_repo "$TMP/kf" "$E2E/minimal/site"
	cd "$TMP/kf"
	bg keygen --install --alg ES256 --id "${BASE}keys/es/" >"$TMP/kf.log" ||
	    { cat "$TMP/kf.log"; die "keygen --install failed"; }
	grep -q 'new      content/keys/es/index.json' "$TMP/kf.log" ||
	    { cat "$TMP/kf.log"; die "not written as keys/es/index.json"; }
	commit_all . "key"
	bg issue --badge content/badges/data.json --key keys/uni-es256.pem \
	    --recipient k@example.org --name K >/dev/null 2>"$TMP/kf.err" ||
	    { cat "$TMP/kf.err"; die "issue failed"; }
	commit_all . "award"
	bg build --out "$TMP/kf.out" --quiet || die "build failed"
	cmp content/keys/es/index.json "$TMP/kf.out/keys/es/index.json" ||
	    die "the key is not served at its id"
	[ "$(ls "$TMP"/kf.out/awards/2026/data-*/index.html | wc -l)" -eq 1 ] ||
	    die "no page for the award signed with it"
}
t "keygen --install: a folder id is <id>index.json, and issue signs with it" \
    key_folder_id

# An endorsement is published like an award: when another document
# takes its place, both are left out and no page lists it.
endorsement_place() {
	mkdir -p "$TMP/ex"
	cp -R "$TOP/site.conf" "$TOP/content" "$TMP/ex/"
	new_repo "$TMP/en" "$TMP/ex"
	cd "$TMP/en"
	bg build --out "$TMP/en0.out" --quiet || die "the example does not build"
	grep -q 'Applied Machine Learning' "$TMP/en0.out/badges/ai-basics/index.html" ||
	    die "the endorsement is not listed to begin with"
	printf '{"@context": "https://w3id.org/openbadges/v2", "type": "CryptographicKey", "id": "https://badges.example.ac.jp/endorsements/%%65it-ce-ai-basics.json", "owner": "https://badges.example.ac.jp/issuers/kakuu.json", "publicKeyPem": "x"}\n' \
	    >content/keys/zz.json
	commit_all . "a key on the endorsement's place"
	expect_status 1 bg build --out "$TMP/en.out" 2>"$TMP/en.err"
	grep -qF "error: content/keys/zz.json: not published: https://badges.example.ac.jp/endorsements/eit-ce-ai-basics.json is where content/endorsements/eit-ce-ai-basics.json is published; content/endorsements/eit-ce-ai-basics.json is left out too" \
	    "$TMP/en.err" || { cat "$TMP/en.err"; die "no error"; }
	[ ! -e "$TMP/en.out/endorsements/eit-ce-ai-basics.json" ] ||
	    die "the endorsement is published"
	! grep -q 'Applied Machine Learning' "$TMP/en.out/badges/ai-basics/index.html" ||
	    die "the badge's page lists the endorsement left out"
	[ -f "$TMP/en.out/awards/2026/ai-basics-0001/index.html" ] ||
	    die "the rest of the site is not built"
}
t "an endorsement whose place is taken is left out, listed nowhere" \
    endorsement_place

# check refuses a URL written raw: a space or a non-ASCII character in
# an href, a src, an og:* URL.
raw_urls() {
	new_repo "$TMP/raw" "$E2E/minimal/site"
	cd "$TMP/raw"
	mkdir -p content/static
	cat >content/static/raw.html <<-EOF
	<!doctype html><title>raw</title>
	<meta property="og:image" content="${BASE}badges/da ta.png">
	<a href="badges/データ/">x</a>
	<img src="badges/data.png?x y" alt="">
	EOF
	commit_all . "raw"
	expect_status 1 bg check --now "$NOW" --format json >"$TMP/raw.json"
	for w in 'og:image https://badges.test.example/badges/da ta.png is not a valid URI: it has a space' \
	    'href badges/データ/ is not a valid URI: it has a non-ASCII character' \
	    'src badges/data.png?x y is not a valid URI: it has a space'; do
		grep -qF "$w" "$TMP/raw.json" || { cat "$TMP/raw.json"; die "no: $w"; }
	done
}
t "check fails on a raw space or non-ASCII character in a URL" raw_urls

# The site of a case, published by nginx with contrib/nginx.conf (its
# HTTPS server block, on plain HTTP at 127.0.0.1).
nginx_serves() {
	need nginx nginx-light
	need curl curl
	golden extensionless 0
	golden trailing-slash 0
	golden encoded 0
	mkdir -p "$TMP/www" "$TMP/ngx"
	cp -R "$TMP/extensionless.out/." "$TMP/www/"
	cp -R "$TMP/trailing-slash.out/awards/2026/alice" "$TMP/www/slash"
	cp -R "$TMP/encoded.out/badges" "$TMP/encoded.out/awards" "$TMP/www/"
	port=$((20000 + $$ % 20000))
	{
		echo "daemon off; master_process off; pid $TMP/ngx/pid;"
		echo "error_log $TMP/ngx/error.log;"
		echo "events { worker_connections 64; }"
		echo "http { include /etc/nginx/mime.types; access_log off;"
		echo "client_body_temp_path $TMP/ngx;"
		awk -v port="$port" -v root="$TMP/www" '
		    /^server \{/ { n++ }
		    n < 2 { next }
		    /listen \[::\]/ || /http2 on/ || /ssl_certificate/ { next }
		    /listen 443 ssl;/ { print "\tlisten 127.0.0.1:" port ";"; next }
		    /^\troot / { print "\troot " root ";"; next }
		    { print }' "$TOP/contrib/nginx.conf"
		echo "}"
	} >"$TMP/ngx/nginx.conf"
	nginx -t -p "$TMP/ngx" -c "$TMP/ngx/nginx.conf" 2>"$TMP/ngx/t.log" ||
	    { cat "$TMP/ngx/t.log"; die "nginx refuses the configuration"; }
	nginx -p "$TMP/ngx" -c "$TMP/ngx/nginx.conf" &
	pid=$!
	trap 'kill $pid 2>/dev/null' EXIT
	u=http://127.0.0.1:$port
	for i in 1 2 3 4 5 6 7 8 9 10; do
		curl -s -o /dev/null "$u/" && break
		sleep 0.2
	done
	# get <path> <file>: the response must be the file, with its type.
	get() {
		curl -s -D "$TMP/h" -o "$TMP/b" "$u$1" || die "GET $1 failed"
		head -n 1 "$TMP/h" | grep -q ' 200' || { cat "$TMP/h"; die "GET $1: not 200"; }
		cmp -s "$TMP/b" "$TMP/www/$2" || die "GET $1: not $2"
		grep -qi "^content-type: $3" "$TMP/h" || { cat "$TMP/h"; die "GET $1: not $3"; }
	}
	get /badges/data badges/data application/json
	grep -qi '^access-control-allow-origin: \*' "$TMP/h" || die "no CORS header"
	get /badges/data.html badges/data.html text/html
	get /awards/2026/alice awards/2026/alice application/json
	get /slash/ slash/index.json application/json
	get /badges/%E3%83%87%E3%83%BC%E3%82%BF.json "badges/データ.json" application/json
	get "/badges/%E3%83%87%E3%83%BC%E3%82%BF/" "badges/データ/index.html" text/html
	get "/awards/2026/taro%20yamada.json" "awards/2026/taro yamada.json" application/json
	get "/awards/2026/%E8%8A%B1%E5%AD%90%20%E3%81%95%E3%82%93/" \
	    "awards/2026/花子 さん/index.html" text/html
	get /recipients/alice/ recipients/alice/index.html text/html
	# A folder named without its slash is redirected to it, as before,
	# so that the page's relative links resolve.
	for p in /recipients/alice /badges/%E3%83%87%E3%83%BC%E3%82%BF; do
		curl -s -D "$TMP/h" -o /dev/null "$u$p" || die "GET $p failed"
		head -n 1 "$TMP/h" | grep -q ' 301' ||
		    { cat "$TMP/h"; die "GET $p: not redirected"; }
		grep -qi "^location: .*$p/" "$TMP/h" ||
		    { cat "$TMP/h"; die "GET $p: not redirected to $p/"; }
	done
	kill $pid
	wait $pid 2>/dev/null
	true
}
t "nginx with contrib/nginx.conf serves each document at its id" nginx_serves
finish
