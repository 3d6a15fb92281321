#!/bin/sh
# expiry.sh - badgegen issue --expires end to end: a date or +N years /
# +N months after the issue date, in the award (OB 2.0 expires, OB 3.0
# validUntil), on its page and the LinkedIn link; crossing the expiry
# with --now; malformed values refused with nothing written.
. "$(dirname "$0")/lib/lib.sh"
SITE=$TMP/s
# The clock of init and issue: 2026-10-14T17:46:40Z.
SOURCE_DATE_EPOCH=1792000000
export SOURCE_DATE_EPOCH

new_site() {
	bg init "$SITE" >/dev/null || die "init"
	cd "$SITE" || die "no site"
	bg keygen --install --alg EdDSA >/dev/null || die "keygen"
	commit_all . key || die "commit the key"
}

# issue_one <format> <date> <expires>: one award; $AWARD is its file.
issue_one() {
	bg issue --badge content/badges/sample.json --key keys/univ-eddsa.pem \
	    --format "$1" --recipient "r$(date +%N)@example.org" --name R \
	    --date "$2" --expires "$3" >"$TMP/issued" || die "issue --expires $3"
	AWARD=$(cut -f1 "$TMP/issued")
}

page_of() {
	echo "$TMP/out/awards/$(echo "$AWARD" | sed 's|^content/awards/||; s|\.[a-z]*$||')/index.html"
}

relative() {
	new_site
	# 2026-10-01 in Asia/Tokyo is 2026-09-30T15:00:00Z.
	issue_one ob3-di 2026-10-01 "+1 years"
	grep -q '"validUntil": "2027-09-30T15:00:00Z"' "$AWARD" ||
	    { cat "$AWARD"; die "+1 years is not a year after the issue date"; }
	issue_one ob3-di 2026-01-31 "+13 months"
	grep -q '"validUntil": "2027-02-27T15:00:00Z"' "$AWARD" ||
	    die "+13 months from 31 January is not the end of February"
	issue_one ob3-di 2026-10-01 2027/3/31
	grep -q '"validUntil": "2027-03-31T14:59:59Z"' "$AWARD" ||
	    die "a date is not valid through that day"
}
t "--expires: +N years, +N months (end of a shorter month), a date" relative

crossing() {
	new_site
	issue_one ob3-di 2026-10-01 "+6 months"
	commit_all . award
	bg verify --now 2027-03-01T00:00:00Z "$AWARD" >/dev/null ||
	    die "not valid before its expiry"
	expect_status 1 bg verify --now 2027-04-02T00:00:00Z "$AWARD" >"$TMP/v"
	grep -q "fail    dates" "$TMP/v" || { cat "$TMP/v"; die "not expired after"; }
	bg build --now 2027-03-01T00:00:00Z --out "$TMP/out" --quiet || die "build before"
	grep -q "2027年4月1日" "$(page_of)" || die "the page does not show the expiry"
	grep -q "期限切れ" "$(page_of)" && die "expired before its expiry"
	grep -q "expirationYear=2027&amp;expirationMonth=4" "$(page_of)" ||
	    die "the LinkedIn link lacks the expiry"
	bg build --now 2027-04-02T00:00:00Z --out "$TMP/out" --quiet || die "build after"
	grep -q "期限切れ" "$(page_of)" || die "the page does not say 期限切れ"
}
t "expiry crossed with --now: verify, the page, LinkedIn" crossing

malformed() {
	new_site
	for e in "+0 years" "+1 weeks" "soon" "2026-02-30" "+101 months"; do
		expect_status 1 bg issue --badge content/badges/sample.json \
		    --key keys/univ-eddsa.pem --format ob3-di \
		    --recipient a@example.org --name A --expires "$e" \
		    2>"$TMP/err" >/dev/null
		grep -q "expires \"$e\": expected a date" "$TMP/err" ||
		    { cat "$TMP/err"; die "no message for --expires $e"; }
	done
	expect_status 1 bg issue --badge content/badges/sample.json \
	    --key keys/univ-eddsa.pem --format ob3-di --date 2026-10-01 \
	    --recipient a@example.org --name A --expires 2026-09-01 \
	    2>"$TMP/err" >/dev/null
	grep -q "is not after the issue date" "$TMP/err" || die "an expiry before the issue date"
	[ -z "$(git status --porcelain)" ] || die "a refused award wrote files"
}
t "malformed --expires values are refused and write nothing" malformed

finish
