#!/bin/sh
# serve.sh - badgegen serve end to end: a real HTTP client (curl) asks
# the preview on 127.0.0.1 for pages, files and paths out of it; edits
# of the work tree show up after a rebuild; Ctrl-C removes the preview.
. "$(dirname "$0")/lib/lib.sh"
NOW=2026-11-01T00:00:00Z
# How long a case waits for the preview to answer or to show an edit
# (valgrind makes builds slow).
WAIT=${SERVE_WAIT:-90}

# example: the example site in a repository at $TMP/ex, static files of
# every type the preview names added.
example() {
	mkdir -p "$TMP/example"
	cp -R "$TOP/site.conf" "$TOP/content" "$TMP/example/"
	mkdir -p "$TMP/example/content/static/misc"
	printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' \
	    >"$TMP/example/content/static/misc/dot.svg"
	printf '\000asm\001\000\000\000' >"$TMP/example/content/static/misc/empty.wasm"
	: >"$TMP/example/content/static/misc/empty.html"
	new_repo "$TMP/ex" "$TMP/example"
}

# start [<option>...]: badgegen serve on any free port in $TMP/ex, its
# temporary directory under $TMP/tmpdir; sets PID and URL.
start() {
	need curl curl
	mkdir -p "$TMP/tmpdir"
	cd "$TMP/ex" || die "no site"
	(
		TMPDIR=$TMP/tmpdir
		export TMPDIR
		# shellcheck disable=SC2086
		exec ${VALGRIND:-} "$BADGEGEN" serve --port 0 --now "$NOW" "$@" \
		    >"$TMP/serve.out" 2>"$TMP/serve.err"
	) &
	PID=$!
	# a case that fails stops its server too
	trap 'kill -INT "$PID" 2>/dev/null; wait "$PID" 2>/dev/null' EXIT
	n=0
	URL=
	while [ -z "$URL" ]; do
		URL=$(sed -n 's/^serving .* at \(http:[^ ]*\) .*/\1/p' "$TMP/serve.out")
		[ -n "$URL" ] && break
		kill -0 "$PID" 2>/dev/null || { cat "$TMP/serve.err"; die "serve exited"; }
		n=$((n + 1))
		[ "$n" -lt $((WAIT * 10)) ] || die "serve did not start"
		sleep 0.1
	done
	case "$URL" in http://127.0.0.1:[1-9]*/) ;; *) die "URL $URL" ;; esac
}

# stop: Ctrl-C; serve exits 0 and leaves nothing in $TMP/tmpdir.
stop() {
	kill -INT "$PID"
	wait "$PID"
	rc=$?
	trap - EXIT
	[ "$rc" -eq 0 ] || { cat "$TMP/serve.err"; die "serve exited $rc"; }
	[ -z "$(ls -A "$TMP/tmpdir")" ] || die "the preview was left behind"
}

# get <path>: the body of $URL<path> on stdout; "<code> <type>" in
# $TMP/meta.
get() {
	curl -s --path-as-is -o "$TMP/body" -w '%{http_code} %{content_type}' \
	    "$URL$1" >"$TMP/meta" || die "curl $1 failed"
	cat "$TMP/body"
}

# expect <path> <code> <type>: the status and content type of a path.
expect() {
	get "$1" >/dev/null
	[ "$(cat "$TMP/meta")" = "$2 $3" ] ||
	    die "$1: $(cat "$TMP/meta"), expected $2 $3"
}

# until_shows <path> <text>: polls until the page holds the text.
until_shows() {
	n=0
	until get "$1" | grep -q "$2"; do
		n=$((n + 1))
		[ "$n" -lt $((WAIT * 5)) ] || { cat "$TMP/serve.err"; die "$1 never showed $2"; }
		sleep 0.2
	done
}

answers() {
	example
	start
	expect "" 200 "text/html; charset=utf-8"
	expect "en/" 200 "text/html; charset=utf-8"
	[ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "${URL}badges")" = \
	    "301 ${URL}badges/" ] || die "a directory without / is not redirected"
	# never to another host
	[ "$(curl -s --path-as-is -o /dev/null -w '%{http_code} %{redirect_url}' "${URL}/badges")" = \
	    "301 ${URL}badges/" ] || die "//badges is not redirected to /badges/"
	expect "assets/badgegen.css" 200 "text/css; charset=utf-8"
	expect "sitemap.xml" 200 "application/xml"
	expect "badges/ai-basics.png" 200 "image/png"
	expect "badges/ai-basics.json" 200 "application/json"
	expect "misc/dot.svg" 200 "image/svg+xml"
	expect "misc/empty.wasm" 200 "application/wasm"
	jws=$(cd "$TMP/tmpdir"/badgegen-serve.*/site && find awards -name '*.jws' | head -n 1)
	jwt=$(cd "$TMP/tmpdir"/badgegen-serve.*/site && find awards -name '*.jwt' | head -n 1)
	[ -n "$jws" ] && [ -n "$jwt" ] || die "no JWS or JWT award built"
	expect "$jws" 200 "text/plain; charset=utf-8"
	expect "$jwt" 200 "text/plain; charset=utf-8"
	get "$jws" | cmp -s - "$TMP/tmpdir"/badgegen-serve.*/site/"$jws" ||
	    die "the JWS served is not the file"
	expect "__badgegen/reload.js" 200 "text/javascript; charset=utf-8"
	get "__badgegen/status" | grep -q '^{"build":1,"ok":true,' ||
	    die "status: $(cat "$TMP/body")"
	# the script is in the served page, before </body>, not in the file
	get "" | grep -q '<script src="/__badgegen/reload.js" data-build="1"></script>' ||
	    die "no reload script in the served page"
	get "" | tr -d '\n' | grep -q 'reload.js" data-build="1"></script></body>' ||
	    die "the script is not just before </body>"
	# a page without </body> gets the script at its end
	expect "misc/empty.html" 200 "text/html; charset=utf-8"
	[ "$(cat "$TMP/body")" = '<script src="/__badgegen/reload.js" data-build="1"></script>' ] ||
	    die "empty page: $(cat "$TMP/body")"
	! grep -rq '__badgegen' "$TMP/tmpdir"/badgegen-serve.*/site ||
	    die "the built files hold the preview script"
	# a missing file: 404 with the site's 404.html (and the script)
	expect "no/such/page.html" 404 "text/html; charset=utf-8"
	cmp -s "$TMP/body" "$TMP/tmpdir"/badgegen-serve.*/site/404.html &&
	    die "404 page without the script"
	grep -q '<script src="/__badgegen/reload.js"' "$TMP/body" ||
	    die "404 page without the script"
	# HEAD; other methods refused
	[ "$(curl -s -I -o /dev/null -w '%{http_code}' "$URL")" = 200 ] ||
	    die "HEAD refused"
	[ "$(curl -s -X POST -o /dev/null -w '%{http_code}' "$URL")" = 405 ] ||
	    die "POST not refused"
	# the configured output is never written
	[ ! -e public ] || die "serve wrote public/"
	stop
}
t "serve answers on 127.0.0.1 with the right content types; the reload script only in served pages" answers

refuses() {
	example
	start
	site=$(echo "$TMP/tmpdir"/badgegen-serve.*/site)
	echo secret >"$TMP/secret.txt"
	ln -s "$TMP" "$site/out"
	ln -s "$TMP/secret.txt" "$site/secret-link.txt"
	for p in ../secret.txt ../../../secret.txt %2e%2e/secret.txt \
	    %2E%2E/secret.txt .%2e/secret.txt badges/../../secret.txt \
	    badges/%2e%2e/%2e%2e/secret.txt %2e%2e%2fsecret.txt \
	    out/secret.txt secret-link.txt ./index.html; do
		get "$p" >/dev/null
		code=$(cut -d' ' -f1 "$TMP/meta")
		[ "$code" = 403 ] || die "$p: $code, expected 403"
		! grep -q secret "$TMP/body" || die "$p: the file outside was served"
	done
	# the tree itself is served through links that stay inside
	ln -s index.html "$site/home.html"
	expect "home.html" 200 "text/html; charset=utf-8"
	stop
}
t "serve refuses .. (percent-encoded too) and symbolic links out of the preview" refuses

rebuilds() {
	example
	start
	get "" | grep -q PREVIEW-TITLE && die "the title is there already"
	# site.conf
	sed 's/^title = .*/title = PREVIEW-TITLE/' site.conf >site.conf.new
	mv site.conf.new site.conf
	until_shows "" PREVIEW-TITLE
	# a badge class, edited in place
	sed 's/"name": "[^"]*"/"name": "EDITED-BADGE"/' content/badges/ai-basics.json \
	    >"$TMP/b.json"
	cat "$TMP/b.json" >content/badges/ai-basics.json
	until_shows "badges/ai-basics/" EDITED-BADGE
	# a file in a directory made after serve started
	mkdir -p content/static/new/deeper
	sleep 0.5
	echo fresh-file >content/static/new/deeper/note.txt
	until_shows "new/deeper/note.txt" fresh-file
	# templates/ made after serve started
	mkdir -p templates
	sed 's/{{t.back_home}}/CUSTOM-404/' "$TOP/templates/404.mustache" \
	    >templates/404.mustache
	until_shows "no-such-page" CUSTOM-404
	# a build that fails: the status says so and names the file; the
	# last site is still served; a fix clears it
	b=$(get "__badgegen/status" | sed -n 's/^{"build":\([0-9]*\),.*/\1/p')
	echo '{ "broken": ' >content/badges/broken.json
	until_shows "__badgegen/status" '"ok":false'
	grep -q 'content/badges/broken.json' "$TMP/body" ||
	    die "the message does not name the file: $(cat "$TMP/body")"
	grep -q 'error: content/badges/broken.json' "$TMP/serve.err" ||
	    die "the terminal was not told"
	b2=$(sed -n 's/^{"build":\([0-9]*\),.*/\1/p' "$TMP/body")
	[ "$b2" -gt "$b" ] || die "the build counter did not move ($b, $b2)"
	expect "" 200 "text/html; charset=utf-8"
	grep -q PREVIEW-TITLE "$TMP/body" || die "the last site is not served"
	rm content/badges/broken.json
	until_shows "__badgegen/status" '"ok":true,"messages":""'
	stop
}
t "serve rebuilds after edits of site.conf, content/ and templates/, new directories included, and reports failed builds" rebuilds

no_script_in_build() {
	example
	cd "$TMP/ex"
	bg build --worktree --now "$NOW" --quiet || die "build failed"
	! grep -rq '__badgegen' public || die "a normal build holds the preview script"
}
t "a normal build holds no preview script" no_script_in_build

bad_options() {
	example
	cd "$TMP/ex"
	expect_status 2 bg serve --port 70000 2>"$TMP/err"
	grep -q -- '--port 70000: expected a number from 0 to 65535' "$TMP/err" ||
	    die "$(cat "$TMP/err")"
	expect_status 2 bg serve --bind localhost 2>"$TMP/err"
	grep -q -- '--bind localhost: expected an IPv4 or IPv6 address' "$TMP/err" ||
	    die "$(cat "$TMP/err")"
	expect_status 2 bg serve --rev HEAD 2>"$TMP/err"
	mkdir "$TMP/empty"
	expect_status 2 bg serve --repo "$TMP/empty" 2>"$TMP/err"
	grep -q 'badgegen init' "$TMP/err" || die "$(cat "$TMP/err")"
}
t "serve refuses a bad port, address or site" bad_options

finish
