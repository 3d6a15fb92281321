#!/bin/sh
# batch.sh - badgegen issue --csv as a registrar's office uses it: CSV
# files as Excel saves them in Japan (Shift_JIS, Japanese headers, era
# dates, a badge column naming the badge of each row), full-width
# headers, bad rows that are reported by line and change nothing, and
# --skip-existing re-running a corrected file.  Every case starts from
# setup: a real site repository with two badge classes of one issuer
# and a key installed by badgegen keygen --install.
. "$(dirname "$0")/lib/lib.sh"
DATA=$TOP/tests/data/issue
SITE=$TMP/site
KEY=$SITE/keys/uni-rs256.pem
BASE=https://badges.test.example/
# The clock of every run: 2026-05-28T20:26:40Z.
SOURCE_DATE_EPOCH=1780000000
export SOURCE_DATE_EPOCH

# payload <jws>: the JWS payload, decoded.
payload() {
	cut -d. -f2 "$1" | b64url_decode
}

# award_for <stdout of issue> <email>: the award written for email.
award_for() {
	awk -F '\t' -v e="$2" '$2 == e { print $1 }' "$1"
}

# awards: every award file of the site, sorted.
awards() {
	(cd "$SITE" && find content/awards -type f | sort)
}

setup() {
	new_repo "$SITE" "$TOP/tests/e2e/build/minimal/site"
	sed 's|badges/data\.json|badges/stats.json|; s|"Data Literacy"|"Statistics"|' \
	    "$SITE/content/badges/data.json" >"$SITE/content/badges/stats.json"
	(cd "$SITE" && bg keygen --alg RS256 --install >/dev/null) ||
	    die "keygen --install"
	commit_all "$SITE" "a second badge class, the key"
	cd "$SITE"
}

sjis_ja() {
	setup
	bg issue --key "$KEY" --csv "$DATA/ja.csv" >"$TMP/out" 2>"$TMP/err" ||
	    { cat "$TMP/err"; die "ja.csv failed"; }
	grep -q 'ja.csv: read as Shift_JIS (CP932)' "$TMP/err" || die "encoding"
	grep -qF 'ja.csv: 4 issued, 0 skipped, 0 failed' "$TMP/err" ||
	    { cat "$TMP/err"; die "no summary"; }
	# The badge of each row: a slug, a file name, an id, a content path.
	case $(award_for "$TMP/out" taro@example.jp) in
	content/awards/2026/data-*.jws) ;; *) die "taro: not data" ;; esac
	case $(award_for "$TMP/out" hanako@example.jp) in
	content/awards/2026/stats-*.jws) ;; *) die "hanako: not stats" ;; esac
	case $(award_for "$TMP/out" jiro@example.jp) in
	content/awards/2026/data-*.jws) ;; *) die "jiro: not data" ;; esac
	# 令和元年5月1日 is in 2019.
	f=$(award_for "$TMP/out" saburo@example.jp)
	case $f in
	content/awards/2019/stats-*.jws) ;; *) die "saburo: $f" ;; esac
	payload "$f" | grep -qF '"badge":"https://badges.test.example/badges/stats.json"' ||
	    die "saburo's badge"
	payload "$f" | grep -qF '"issuedOn":"2019-04-30T15:00:00Z"' ||
	    die "令和元年5月1日 is not midnight in Tokyo"
	payload "$f" | grep -qF '"expires":"2028-03-31T14:59:59Z"' ||
	    die "R10/3/31 is not the end of that day in Tokyo"
	f=$(award_for "$TMP/out" taro@example.jp)
	payload "$f" | grep -qF '"name":"山田 太郎"' || die "name"
	payload "$f" | grep -qF '"issuedOn":"2026-03-24T15:00:00Z"' ||
	    die "令和8年3月25日"
	payload "$f" | grep -qF '"expires":"2027-03-31T14:59:59Z"' ||
	    die "令和9年3月31日"
	f=$(award_for "$TMP/out" hanako@example.jp)
	payload "$f" | grep -qF '"issuedOn":"2026-03-24T15:00:00Z"' ||
	    die "R8.3.25"
	! payload "$f" | grep -q '"expires"' || die "an expiry from nothing"
	# Every award verifies, its expiry too.
	commit_all . "awards"
	for e in taro hanako jiro saburo; do
		bg verify --repo . "$(award_for "$TMP/out" "$e@example.jp")" \
		    >"$TMP/v.log" 2>&1 || { cat "$TMP/v.log"; die "verify $e"; }
	done
}
t "issue --csv: Shift_JIS, Japanese headers, era dates, a badge per row" sjis_ja

full_width() {
	setup
	bg issue --key "$KEY" --badge data --csv "$DATA/fullwidth.csv" \
	    >"$TMP/out" 2>"$TMP/err" || { cat "$TMP/err"; die "failed"; }
	f=$(award_for "$TMP/out" wide@example.jp)
	case $f in content/awards/2026/data-*.jws) ;; *) die "no award" ;; esac
	payload "$f" | grep -qF '"issuedOn":"2026-03-24T15:00:00Z"' ||
	    die "２０２６年３月２５日"
	payload "$f" | grep -qF '"name":"全角 太郎"' || die "name"
}
t "issue --csv: full-width headers and dates (Ｅｍａｉｌ, 　Ｎａｍｅ　)" full_width

row_errors() {
	setup
	awards >"$TMP/before"
	expect_status 1 bg issue --key "$KEY" --csv "$DATA/row-errors.csv" \
	    >"$TMP/out" 2>"$TMP/err"
	for s in 'row-errors.csv:3: badge "nosuch": no badge class of the site has this id' \
	    'row-errors.csv:4: date "令和8年13月1日": expected a date' \
	    'row-errors.csv:5: no badge: the badge column is empty and --badge is not given' \
	    'row-errors.csv:6: date "平成31年5月1日"' \
	    'row-errors.csv: 1 issued, 0 skipped, 4 failed (lines 3, 4, 5, 6)'; do
		grep -qF "$s" "$TMP/err" || { cat "$TMP/err"; die "no message: $s"; }
	done
	grep -qF 'https://badges.test.example/badges/stats.json (content/badges/stats.json)' \
	    "$TMP/err" || die "the badge classes are not listed"
	# Only line 2 was written: the others changed nothing.
	[ "$(wc -l <"$TMP/out")" -eq 1 ] || die "not one award written"
	f=$(award_for "$TMP/out" ok@example.jp)
	[ -n "$f" ] || die "line 2 not written"
	awards >"$TMP/after"
	[ "$(comm -13 "$TMP/before" "$TMP/after" | tr '\n' ' ')" = \
	    "${f%.jws}.conf $f " ] || die "other files written"
	# With --badge, the empty cell is --badge's; an unknown one is not.
	expect_status 1 bg issue --key "$KEY" --badge stats \
	    --csv "$DATA/row-errors.csv" >"$TMP/out" 2>"$TMP/err"
	grep -qF 'row-errors.csv:3: badge "nosuch": no badge class' \
	    "$TMP/err" || die "nosuch became --badge"
	case $(award_for "$TMP/out" empty@example.jp) in
	content/awards/2026/stats-*.jws) ;; *) die "empty cell not --badge" ;; esac
	[ -z "$(award_for "$TMP/out" none@example.jp)" ] || die "substituted"
	# A badge of another issuer, which does not publish this key: an
	# error of its rows, each named; the other rows are issued.
	printf '{"@context": "https://w3id.org/openbadges/v2", "type": "Issuer", "id": "%s", "name": "Other", "url": "https://other.test.example/", "email": "o@other.test.example"}\n' \
	    "${BASE}issuers/other.json" >"$SITE/content/issuers/other.json"
	sed 's|badges/data\.json|badges/foreign.json|; s|issuers/uni\.json|issuers/other.json|' \
	    "$SITE/content/badges/data.json" >"$SITE/content/badges/foreign.json"
	commit_all . "another issuer"
	printf 'email,name,badge\nf1@example.jp,F1,foreign\nf2@example.jp,F2,data\nf3@example.jp,F3,foreign\n' \
	    >"$TMP/foreign.csv"
	expect_status 1 bg issue --key "$KEY" --csv "$TMP/foreign.csv" \
	    >"$TMP/out" 2>"$TMP/err"
	grep -qF 'foreign.csv:2: badge "foreign": cannot be issued with --key' \
	    "$TMP/err" || { cat "$TMP/err"; die "row 2 not named"; }
	grep -qF "foreign.csv:4: badge \"foreign\": cannot be issued ($TMP/foreign.csv:2, above)" \
	    "$TMP/err" || { cat "$TMP/err"; die "row 4 not named"; }
	grep -qF 'foreign.csv: 1 issued, 0 skipped, 2 failed (lines 2, 4)' \
	    "$TMP/err" || { cat "$TMP/err"; die "summary"; }
	[ "$(cut -f2 "$TMP/out")" = f2@example.jp ] || die "$(cat "$TMP/out")"
}
t "issue --csv: an unknown badge, a bad date, no badge: errors by line" \
    row_errors

header_errors() {
	setup
	awards >"$TMP/before"
	expect_status 2 bg issue --key "$KEY" --badge data \
	    --csv "$DATA/unknown-header.csv" >"$TMP/out" 2>"$TMP/err"
	grep -qF 'unknown-header.csv:1: column "grade" is not one badgegen issue reads; the columns are: email, メール, メールアドレス; name, 氏名, 名前; date, 授与日; expires, 有効期限; badge, バッジ' \
	    "$TMP/err" || { cat "$TMP/err"; die "no message"; }
	# A badge column is needed when --badge is not given.
	expect_status 2 bg issue --key "$KEY" --csv "$DATA/fullwidth.csv" \
	    >>"$TMP/out" 2>"$TMP/err"
	grep -qF 'fullwidth.csv:1: no badge column (badge, バッジ), and no --badge' \
	    "$TMP/err" || { cat "$TMP/err"; die "no badge column accepted"; }
	printf 'email,name,メール\nx@example.jp,X,y@example.jp\n' >"$TMP/twice.csv"
	expect_status 2 bg issue --key "$KEY" --badge data \
	    --csv "$TMP/twice.csv" >>"$TMP/out" 2>"$TMP/err"
	grep -qF 'twice.csv:1: columns "email" and "メール" both name the email' \
	    "$TMP/err" || { cat "$TMP/err"; die "a column twice"; }
	[ ! -s "$TMP/out" ] || die "something was written"
	awards >"$TMP/after"
	cmp -s "$TMP/before" "$TMP/after" || die "files changed"
}
t "issue --csv: an unknown or doubled header is an error naming it" \
    header_errors

skip_existing() {
	setup
	bg issue --key "$KEY" --csv "$DATA/ja.csv" >"$TMP/first" 2>&1 ||
	    die "first run"
	commit_all . "first run"
	awards >"$TMP/before"
	# Without --skip-existing the rows issued before are errors.
	expect_status 1 bg issue --key "$KEY" --csv "$DATA/rerun.csv" \
	    >"$TMP/out" 2>"$TMP/err"
	grep -qF "rerun.csv:2: taro@example.jp has this badge already: $(award_for "$TMP/first" taro@example.jp) (--skip-existing skips it, --force replaces it)" \
	    "$TMP/err" || { cat "$TMP/err"; die "no message"; }
	git checkout -q -- . && git clean -qfd content || die "reset"
	# The corrected file again: only the missing row is issued.  Alice
	# (line 4) has the badge by the hashed identity of a hand-written
	# award, Bob (line 5) by its sidecar's email.
	bg issue --key "$KEY" --csv "$DATA/rerun.csv" --skip-existing \
	    >"$TMP/out" 2>"$TMP/err" || { cat "$TMP/err"; die "rerun"; }
	for s in 'rerun.csv:2: skipped: taro@example.jp has this badge already' \
	    'rerun.csv:3: skipped: hanako@example.jp has this badge already' \
	    'rerun.csv:4: skipped: alice@test.example has this badge already (content/awards/2026/alice.json)' \
	    'rerun.csv:5: skipped: bob.private@test.example has this badge already (content/awards/2026/bob.json)' \
	    'rerun.csv: 1 issued, 4 skipped (lines 2, 3, 4, 5), 0 failed'; do
		grep -qF "$s" "$TMP/err" || { cat "$TMP/err"; die "no message: $s"; }
	done
	[ "$(cut -f2 "$TMP/out")" = shiro@example.jp ] || die "not only shiro"
	awards >"$TMP/after"
	[ "$(comm -13 "$TMP/before" "$TMP/after" | wc -l)" -eq 2 ] ||
	    die "not one award and its sidecar"
	commit_all . "second run"
	# A third run issues nothing and succeeds.
	bg issue --key "$KEY" --csv "$DATA/rerun.csv" --skip-existing \
	    >"$TMP/out" 2>"$TMP/err" || die "third run"
	grep -qF 'rerun.csv: 0 issued, 5 skipped (lines 2, 3, 4, 5, 6), 0 failed' \
	    "$TMP/err" || { cat "$TMP/err"; die "third summary"; }
	[ ! -s "$TMP/out" ] || die "written again"
	expect_status 2 bg issue --key "$KEY" --csv "$DATA/rerun.csv" \
	    --skip-existing --force 2>/dev/null
}
t "issue --csv --skip-existing: a corrected file issues the missing rows" \
    skip_existing

finish
