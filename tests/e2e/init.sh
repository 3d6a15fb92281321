#!/bin/sh
# init.sh - badgegen init makes a site repository that builds at once:
# a first commit without the private key, a signed award, a page for it.
. "$(dirname "$0")/lib/lib.sh"
SITE=$TMP/new/site

init_builds() {
	bg init "$SITE" >"$TMP/init.out" || die "init failed"
	[ -f "$SITE/site.conf" ] || die "no site.conf"
	[ -f "$SITE/README.txt" ] || die "no README.txt"
	grep -q '^/keys/$' "$SITE/.gitignore" || die ".gitignore lacks keys/"
	grep -q '^/public/$' "$SITE/.gitignore" || die ".gitignore lacks public/"
	[ -f "$SITE/keys/univ-2026.pem" ] || die "no private key"
	[ "$(stat -c %a "$SITE/keys/univ-2026.pem")" = 600 ] ||
	    die "private key not mode 0600"
	git -C "$SITE" ls-files >"$TMP/files"
	grep -q '^keys/' "$TMP/files" && die "the private key is in git"
	grep -q '^content/keys/univ-2026.json$' "$TMP/files" ||
	    die "the public key is not in git"
	grep -q '^content/badges/sample.png$' "$TMP/files" || die "no image"
	grep -q '^content/awards/2026/sample-.*\.jws$' "$TMP/files" ||
	    die "no award in the commit"
	grep -q '^content/awards/2026/sample-.*\.conf$' "$TMP/files" ||
	    die "no sidecar in the commit"
	[ -z "$(git -C "$SITE" status --porcelain)" ] || die "work tree dirty"
	head -c 8 "$SITE/content/badges/sample.png" | od -An -tx1 |
	    tr -d ' \n' | grep -q '^89504e470d0a1a0a$' || die "not a PNG"
	grep -q '"publicKey"' "$SITE/content/issuers/univ.json" ||
	    die "issuer lists no publicKey"
	(cd "$SITE" && bg build --quiet) || die "build failed"
	ls "$SITE"/public/awards/2026/sample-*/index.html >/dev/null 2>&1 ||
	    die "no award page"
	(cd "$SITE" && bg check --format tap >"$TMP/init.tap") ||
	    { cat "$TMP/init.tap"; die "check of the new site failed"; }
	(cd "$SITE" && bg verify content/awards/2026/sample-*.jws >/dev/null) ||
	    die "the award of the new site does not verify"
}
t "init: a repository that builds, checks and verifies at once" init_builds

init_image_same() {
	bg init "$TMP/a" >/dev/null && bg init "$TMP/b" >/dev/null ||
	    die "init failed"
	cmp "$TMP/a/content/badges/sample.png" \
	    "$TMP/b/content/badges/sample.png" || die "image differs"
}
t "init: the badge image is the same every time" init_image_same

init_refuses() {
	mkdir -p "$TMP/full"
	echo x >"$TMP/full/x"
	expect_status 2 bg init "$TMP/full"
	[ "$(ls "$TMP/full")" = x ] || die "touched a non-empty directory"
	expect_status 2 bg init
	expect_status 2 bg init a b
}
t "init: refuses a non-empty directory and bad usage" init_refuses

init_author() {
	bg init "$TMP/c" >/dev/null || die "init failed"
	git -C "$TMP/c" log -1 --format='%an <%ae>' >"$TMP/an"
	grep -qx 'badgegen init <.*>' "$TMP/an" || die "author: $(cat "$TMP/an")"
	mkdir -p "$TMP/home2"
	HOME=$TMP/home2 git config --global user.name "Gakumu Bu"
	HOME=$TMP/home2 git config --global user.email gakumu@example.ac.jp
	HOME=$TMP/home2 bg init "$TMP/d" >/dev/null || die "init failed"
	git -C "$TMP/d" log -1 --format=%an >"$TMP/an"
	grep -qx 'Gakumu Bu' "$TMP/an" || die "author: $(cat "$TMP/an")"
}
t "init: the commit's author is git's, else badgegen init" init_author

# --base-url: every id of the new site is under it, the award's too, so
# the site publishes its documents and checks clean at once.
init_base_url() {
	bg init --base-url HTTPS://Badges.Univ.Example/open-badges "$SITE" \
	    >/dev/null || die "init failed"
	grep -qx 'base_url = https://badges.univ.example/open-badges/' \
	    "$SITE/site.conf" || die "site.conf: $(grep base_url "$SITE/site.conf")"
	grep -rhoE '"(id|issuer|badge|image|owner)": "[^"]*"|"publicKey": \["[^"]*"' \
	    "$SITE/content" >"$TMP/ids"
	[ "$(wc -l <"$TMP/ids")" -ge 6 ] || die "too few ids: $(cat "$TMP/ids")"
	! grep -v 'https://badges.univ.example/open-badges/' "$TMP/ids" ||
	    die "ids under another URL above"
	# The signed award's payload.
	cut -d. -f2 "$SITE"/content/awards/2026/sample-*.jws | tr '_-' '/+' |
	    base64 -d 2>/dev/null >"$TMP/payload"
	grep -q '"badge":"https://badges.univ.example/open-badges/badges/sample.json"' \
	    "$TMP/payload" || die "award badge: $(cat "$TMP/payload")"
	grep -q '"creator":"https://badges.univ.example/open-badges/keys/univ-2026.json"' \
	    "$TMP/payload" || die "award key: $(cat "$TMP/payload")"
	(cd "$SITE" && bg build 2>"$TMP/err") || { cat "$TMP/err"; die "build failed"; }
	! grep -q warning "$TMP/err" || { cat "$TMP/err"; die "a warning"; }
	for f in issuers/univ.json badges/sample.json keys/univ-2026.json; do
		[ -f "$SITE/public/$f" ] || die "$f not published"
	done
	(cd "$SITE" && bg check --format tap >"$TMP/init.tap") ||
	    { cat "$TMP/init.tap"; die "check failed"; }
	expect_status 2 bg init --base-url http://badges.univ.example/ "$TMP/x" \
	    2>"$TMP/err"
	grep -qF 'error: --base-url http://badges.univ.example/: expected an absolute https URL' \
	    "$TMP/err" || die "message: $(cat "$TMP/err")"
	[ ! -e "$TMP/x" ] || die "made a site with a bad --base-url"
}
t "init --base-url: every id of the new site under it" init_base_url

finish
