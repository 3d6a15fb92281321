#!/bin/sh
# import.sh - badgegen import end to end: real third-party badges (an
# Open Badges 2.0 signed JWS and an Open Badges 3.0 baked PNG) imported
# into a site repository with their issuers' documents, refused without
# them, tampered or with unsafe documents; then committed and built: the
# recipient's collection lists them marked imported, nothing else of the
# site changes, and badgegen check stays clean.
. "$(dirname "$0")/lib/lib.sh"
SITE=$TMP/site
DATA=$TOP/tests/data/import
VEC=$TOP/tests/data/vectors
OB20=$VEC/1edtech-dcpv/ob20
DIDKEY=$VEC/dcc-vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry.json
NOW=2026-11-25T00:00:00Z
OB2_WITH="--with $OB20/assets/robotics-badge.json --with $OB20/assets/organization.json --with $OB20/assets/key1.json"

# setup: the minimal site in $SITE with a recipient who opts in, built
# into $TMP/before.
setup() {
	new_repo "$SITE" "$TOP/tests/e2e/build/minimal/site"
	printf 'name = Nobody\nidentities = nobody@example.org\npublic = yes\n' \
	    >"$SITE/content/recipients/nobody.conf"
	commit_all "$SITE" "nobody opts in"
	bg build --repo "$SITE" --out "$TMP/before" --now "$NOW" --quiet ||
	    die "build before"
}

# import_both: setup, then an OB 2.0 JWS and an OB 3.0 baked PNG imported
# with their issuers' documents (what import printed in $TMP/ob2.out and
# $TMP/ob3.out) and committed.
import_both() {
	setup
	bg import "$OB20/simple.jwt" --repo "$SITE" --now "$NOW" $OB2_WITH \
	    >"$TMP/ob2.out" || die "OB 2.0 import refused"
	bg import "$VEC/1edtech-dcpv/ob30/simple-json.png" --repo "$SITE" --now "$NOW" \
	    --with "$DATA/issuer-876543.json" >"$TMP/ob3.out" ||
	    die "OB 3.0 baked import refused"
	commit_all "$SITE" "imported"
}

# own_json: in $TMP/own.json, an organization whose id is under this
# site's base_url.
own_json() {
	sed 's|"https://example.org/organization.json"|"https://badges.test.example/issuers/x.json"|' \
	    "$OB20/assets/organization.json" >"$TMP/own.json"
}

# Without the issuer's documents: refused, naming every URL it needs in
# one run.
refused_without() {
	setup
	expect_status 1 bg import "$OB20/simple.jwt" --repo "$SITE" \
	    --now "$NOW" 2>"$TMP/err"
	# The badge class and the key at once; the issuer, which only the
	# badge class names, is said to be needed too.
	grep -A3 'download them and give each with --with' "$TMP/err" |
	    tail -n 3 >"$TMP/list"
	printf '%s\n' '  http://example.org/key1.json' \
	    '  https://example.org/robotics-badge.json' \
	    '  and the issuer profile that the badge class names in "issuer" (its URL is in the badge class)' |
	    cmp -s - "$TMP/list" || die "not listed at once: $(cat "$TMP/err")"
	# With the badge class: the issuer and the key at once.
	expect_status 1 bg import "$OB20/simple.jwt" --repo "$SITE" \
	    --now "$NOW" --with "$OB20/assets/robotics-badge.json" 2>"$TMP/err"
	grep -A2 'download them and give each with --with' "$TMP/err" |
	    tail -n 2 >"$TMP/list"
	printf '%s\n' '  http://example.org/key1.json' \
	    '  https://example.org/organization.json' |
	    cmp -s - "$TMP/list" || die "not listed at once: $(cat "$TMP/err")"
	expect_status 1 bg import "$OB20/simple.jwt" --repo "$SITE" \
	    --now "$NOW" --with "$OB20/assets/robotics-badge.json" \
	    --with "$OB20/assets/organization.json" 2>"$TMP/err"
	grep -qF 'http://example.org/key1.json' "$TMP/err" ||
	    die "the key URL is not listed: $(cat "$TMP/err")"
	grep -q '^  unknown signature' "$TMP/err" || die "no checks shown"
	expect_status 1 bg import "$VEC/1edtech-dcpv/ob30/simple-json.png" --repo "$SITE" \
	    --now "$NOW" 2>"$TMP/err"
	grep -qF '  https://example.com/issuers/876543' "$TMP/err" ||
	    die "the controller document URL is not listed: $(cat "$TMP/err")"
	[ ! -e "$SITE/content/trust" ] && [ ! -e "$SITE/content/imported" ] ||
	    die "a refused import wrote files"
}

# A tampered badge fails its signature: refused with its checks.
tampered() {
	setup
	expect_status 1 bg import "$VEC/derived/ob20-simple-jwt-payload-tampered.jwt" \
	    --repo "$SITE" --now "$NOW" $OB2_WITH 2>"$TMP/err"
	grep -q '^  fail    signature' "$TMP/err" ||
	    die "no failing signature: $(cat "$TMP/err")"
	grep -q 'not imported' "$TMP/err" || die "no refusal"
	[ ! -e "$SITE/content/imported" ] || die "a tampered badge was written"
}

# Documents of this site, or with ids that make no safe name: refused.
unsafe_documents() {
	setup
	own_json
	expect_status 1 bg import "$OB20/simple.jwt" --repo "$SITE" \
	    --now "$NOW" --with "$TMP/own.json" 2>"$TMP/err"
	grep -q "under this site's base_url" "$TMP/err" || die "$(cat "$TMP/err")"
	sed 's|"id": "http://example.org/key1.json"|"id": "https://example.org/%2e%2e/key1.json"|' \
	    "$OB20/assets/key1.json" >"$TMP/dots.json"
	expect_status 1 bg import "$OB20/simple.jwt" --repo "$SITE" \
	    --now "$NOW" --with "$OB20/assets/robotics-badge.json" \
	    --with "$OB20/assets/organization.json" --with "$TMP/dots.json" \
	    2>"$TMP/err"
	grep -q "makes no safe file name" "$TMP/err" || die "$(cat "$TMP/err")"
	[ ! -e "$SITE/content/trust" ] || die "wrote a trust document"
}

imports() {
	import_both
	for f in trust/example.org/robotics-badge.json \
	    trust/example.org/organization.json trust/example.org/key1.json \
	    imported/example.org/simple.jws; do
		[ -f "$SITE/content/$f" ] || die "no content/$f"
		grep -qx "content/$f" "$TMP/ob2.out" || die "content/$f not printed"
	done
	cmp -s "$OB20/assets/key1.json" "$SITE/content/trust/example.org/key1.json" ||
	    die "key1.json changed on the way"
	[ -f "$SITE/content/trust/example.com/issuers-876543.json" ] ||
	    die "no controller document"
	grep -q '"OpenBadgeCredential"' \
	    "$SITE/content/imported/example.com/simple-json.json" ||
	    die "the baked credential was not stored as JSON"
	# Later badges of the same issuer need no --with.
	expect_status 0 bg import "$OB20/simple.jwt" --repo "$SITE" \
	    --now "$NOW" >/dev/null
}

built() {
	import_both
	bg build --repo "$SITE" --out "$TMP/after" --now "$NOW" --quiet ||
	    die "build after import"
	page=$TMP/after/recipients/nobody/index.html
	grep -q 'Awesome Robotics Badge' "$page" || die "not on the collection"
	grep -q 'marker-imported">Imported<' "$page" || die "not marked imported"
	grep -q 'An Example Badge Issuer' "$page" || die "issuer not shown"
	grep -q 'href="[^"]*imported' "$page" && die "links to an imported page"
	for f in index.html sitemap.xml issuers badges awards keys; do
		[ -e "$TMP/before/$f" ] || continue
		diff -r "$TMP/before/$f" "$TMP/after/$f" >/dev/null ||
		    die "$f changed"
	done
	[ ! -e "$TMP/after/imported" ] && [ ! -e "$TMP/after/trust" ] ||
	    die "published an imported file"
	# (verifier.wasm holds the JSON-LD contexts, whose examples name
	# example.org.)
	grep -rlq 'example.org\|Example Corp' "$TMP/after" --exclude-dir=recipients \
	    --exclude=verifier.wasm &&
	    die "another issuer's documents reached the site"
	bg check --repo "$SITE" --now "$NOW" --quiet || die "check"
}

# The Japanese catalog labels it インポート.
japanese() {
	import_both
	grep -q '"imported": "インポート"' "$TOP/templates/i18n/ja.json" ||
	    die "no Japanese label"
	sed -i 's/^languages = .*//; s/^lang = .*/lang = ja/' "$SITE/site.conf"
	grep -q '^lang = ja' "$SITE/site.conf" ||
	    printf 'lang = ja\n' >>"$SITE/site.conf"
	bg build --repo "$SITE" --worktree --out "$TMP/ja" --now "$NOW" \
	    --quiet || die "build ja"
	grep -q 'marker-imported">インポート<' "$TMP/ja/recipients/nobody/index.html" ||
	    die "not marked インポート"
}

# A trust document whose id is under base_url fails the build.
own_trust_document() {
	import_both
	own_json
	cp "$TMP/own.json" "$SITE/content/trust/example.org/own.json"
	expect_status 1 bg build --repo "$SITE" --worktree --out "$TMP/own" \
	    --now "$NOW" 2>"$TMP/err"
	grep -q 'trust document belongs to another site' "$TMP/err" ||
	    die "$(cat "$TMP/err")"
	rm "$SITE/content/trust/example.org/own.json"
}

# A did:key issuer needs no documents; its files go under did-key/.
did_key() {
	new_repo "$TMP/site2" "$TOP/tests/e2e/build/minimal/site"
	bg import "$DIDKEY" --repo "$TMP/site2" \
	    --now "$NOW" >"$TMP/out" || die "did:key import refused"
	grep -qx 'content/imported/did-key/legacy-noStatus-noExpiry.json' \
	    "$TMP/out" || die "$(cat "$TMP/out")"
	cmp -s "$DIDKEY" \
	    "$TMP/site2/content/imported/did-key/legacy-noStatus-noExpiry.json" ||
	    die "stored award differs"
	# The same award under another name is refused: one id, one file.
	cp "$DIDKEY" "$TMP/again.json"
	expect_status 1 bg import "$TMP/again.json" --repo "$TMP/site2" \
	    --now "$NOW" 2>"$TMP/err"
	grep -q 'is the id of content/imported/did-key/' "$TMP/err" ||
	    die "$(cat "$TMP/err")"
}

# A directory of downloaded documents: the issuer's documents in it are
# taken, the rest passed over with a note.
with_directory() {
	setup
	mkdir "$TMP/dl"
	cp "$OB20/assets/robotics-badge.json" "$OB20/assets/organization.json" \
	    "$OB20/assets/key1.json" "$OB20/simple.jwt" "$TMP/dl/"
	cp "$OB20/assets/key1.json" "$TMP/dl/key1 (1).json"
	cp "$SITE/content/awards/2026/alice.json" "$TMP/dl/award.json"
	printf '{"note": "no id"}\n' >"$TMP/dl/notes.json"
	printf 'not JSON' >"$TMP/dl/readme.txt"
	bg import "$TMP/dl/simple.jwt" --repo "$SITE" --now "$NOW" \
	    --with "$TMP/dl" >"$TMP/out" 2>"$TMP/err" ||
	    die "refused: $(cat "$TMP/err")"
	for f in trust/example.org/robotics-badge.json \
	    trust/example.org/organization.json trust/example.org/key1.json \
	    imported/example.org/simple.jws; do
		grep -qx "content/$f" "$TMP/out" || die "content/$f not written"
	done
	[ "$(wc -l <"$TMP/out")" -eq 4 ] || die "$(cat "$TMP/out")"
	grep -qF "passed over: $TMP/dl/award.json: an award, not an issuer's document" \
	    "$TMP/err" || die "award: $(cat "$TMP/err")"
	grep -qF "passed over: $TMP/dl/notes.json: not a document with an \"id\"" \
	    "$TMP/err" || die "notes: $(cat "$TMP/err")"
	! grep -q 'readme.txt\|key1 (1)' "$TMP/err" || die "$(cat "$TMP/err")"
	# Two different documents with one id: refused, nothing written.
	rm -r "$SITE/content/trust" "$SITE/content/imported"
	sed 's/"type": "CryptographicKey"/&, "name": "Changed"/' \
	    "$OB20/assets/key1.json" >"$TMP/dl/key1 (1).json"
	cmp -s "$OB20/assets/key1.json" "$TMP/dl/key1 (1).json" && die "sed"
	expect_status 2 bg import "$TMP/dl/simple.jwt" --repo "$SITE" \
	    --now "$NOW" --with "$TMP/dl" >"$TMP/out" 2>"$TMP/err"
	grep -qF "both are http://example.org/key1.json, and they differ" \
	    "$TMP/err" || die "$(cat "$TMP/err")"
	[ ! -e "$SITE/content/trust" ] && [ ! -e "$SITE/content/imported" ] ||
	    die "a refused import wrote files"
}

t "setup: a site with a recipient who opts in builds" setup
t "without the issuer's documents: refused, the URLs listed" refused_without
t "a tampered badge is refused with its checks" tampered
t "documents of this site or with unsafe names are refused" unsafe_documents
t "imported with --with: OB 2.0 JWS and OB 3.0 baked PNG" imports
t "built: on the collection, marked, nowhere else; check clean" built
t "the Japanese label" japanese
t "a trust document under base_url fails the build" own_trust_document
t "a did:key issuer's badge needs no documents" did_key
t "--with a directory of downloaded documents" with_directory
finish
