#!/bin/sh
# notify.sh - badgegen notify end to end: a real site repository, awards
# made with badgegen issue and committed, notices written into a Maildir
# outbox; headers, both MIME parts, links, the awards that get no
# message, idempotence and the .notified record.  Every case starts with
# setup, which issues the awards and runs notify once.
. "$(dirname "$0")/lib/lib.sh"
SITE=$TMP/site
KEYS=$TMP/keys
OUT=$TMP/outbox
BASE=https://badges.test.example/
BADGE=${BASE}badges/data.json
ISSUER=${BASE}issuers/uni.json
RSA_ID=${BASE}keys/rsa.json
AWARDS=$SITE/content/awards
SOURCE_DATE_EPOCH=1775001600	# 2026-04-01T00:00:00Z
export SOURCE_DATE_EPOCH
SUBJECT='Test University <Registry & Records>からオープンバッジ授与のお知らせ / Your Open Badge from Test University <Registry & Records>'

# issue_one <email> <name>: issues an award; prints its path.
issue_one() {
	bg issue --repo "$SITE" --badge "$BADGE" --key "$KEYS/rsa.pem" \
	    --recipient "$1" --name "$2" | cut -f1
}

# msg_for <email>: the message file addressed to email.
msg_for() {
	grep -l "^To: .*<$1>\$" "$OUT"/new/* 2>/dev/null | head -n 1
}

# part <file> <type>: the decoded body of the MIME part of that type.
part() {
	awk -v t="Content-Type: $2;" '
	    index($0, t) == 1 { on = 1; next }
	    on == 1 && $0 == "" { on = 2; next }
	    on == 2 && ($0 == "" || /^--/) { exit }
	    on == 2 { print }' "$1" | base64 -d
}

# header <file> <name>: the raw header field, continuation lines joined.
header() {
	awk -v n="$2:" '
	    $0 == "" { exit }
	    on && /^ / { printf "\n%s", $0; next }
	    on { exit }
	    index($0, n) == 1 { on = 1; printf "%s", $0 }' "$1"
}

# setup: a site with a key and a sender, five awards issued and
# committed (one private, one without an address, one revoked), and
# notify run once over them into $OUT (its output in $TMP/run1).
setup() {
	new_repo "$SITE" "$TOP/tests/e2e/build/minimal/site"
	mkdir -p "$KEYS" "$SITE/content/keys"
	bg keygen --alg RS256 --out "$KEYS/rsa" --id "$RSA_ID" \
	    --issuer "$ISSUER" >/dev/null || die "keygen"
	cp "$KEYS/rsa.key.json" "$SITE/content/keys/rsa.json"
	sed -i "s|^\(  \"id\": \"$ISSUER\",\)\$|\1\n  \"publicKey\": [\"$RSA_ID\"],|" \
	    "$SITE/content/issuers/uni.json"
	commit_all "$SITE" "key"
	# Without [mail] from there is no sender.
	expect_status 2 bg notify --repo "$SITE" --since HEAD --outbox "$OUT"
	[ ! -e "$OUT" ] || die "wrote an outbox without a sender"
	printf '\n[mail]\nfrom = badges@test.example\nreply_to = office@test.example\n' \
	    >>"$SITE/site.conf"
	commit_all "$SITE" "mail"
	git -C "$SITE" rev-parse HEAD >"$TMP/base"

	a1=$(issue_one yamada@example.ac.jp "山田 太郎") || die "issue 1"
	a2=$(issue_one obrien@example.ac.jp "Pat O'Brien & Co") || die "issue 2"
	a3=$(issue_one private@example.ac.jp "非公開 花子") || die "issue 3"
	a4=$(issue_one noaddr@example.ac.jp "No Address") || die "issue 4"
	a5=$(issue_one revoked@example.ac.jp "Revoked Person") || die "issue 5"
	echo "visibility = private" >>"$SITE/${a3%.*}.conf"
	echo "visibility = public" >"$SITE/${a4%.*}.conf"
	id5=$(cut -d. -f2 "$SITE/$a5" | tr '_-' '/+' | base64 -d 2>/dev/null |
	    sed 's/.*"id": *"\(urn:uuid:[^"]*\)".*/\1/')
	case $id5 in urn:uuid:*) ;; *) die "no id in $a5: $id5" ;; esac
	sed -i "s|\"revokedAssertions\": \[|\"revokedAssertions\": [\n    { \"id\": \"$id5\", \"revocationReason\": \"test\" },|" \
	    "$SITE/content/issuers/uni-revocations.json"
	commit_all "$SITE" "awards"
	echo "$a1 $a2 $a3 $a4 $a5" >"$TMP/awards"
	bg notify --repo "$SITE" --since "$(cat "$TMP/base")" \
	    --outbox "$OUT" >"$TMP/run1" || { cat "$TMP/run1"; die "notify"; }
}
t "notify: writes notices for the awards of a range" setup

counts() {
	setup
	[ "$(ls "$OUT/new" | wc -l)" -eq 3 ] || die "$(ls "$OUT/new")"
	[ -z "$(ls "$OUT/tmp")" ] || die "tmp/ not empty"
	[ -d "$OUT/cur" ] || die "no cur/"
	[ "$(grep -c '^written	' "$TMP/run1")" -eq 3 ] || die "written lines"
	grep -q '^skipped	.*	no address' "$TMP/run1" || die "no-address line"
	grep -q '^skipped	.*	revoked' "$TMP/run1" || die "revoked line"
	[ -z "$(msg_for noaddr@example.ac.jp)" ] || die "mailed no address"
	[ -z "$(msg_for revoked@example.ac.jp)" ] || die "mailed a revoked award"
	for f in "$OUT"/new/*; do
		case $(basename "$f") in
		1775001600.[0-9a-f]*.badgegen) ;;
		*) die "Maildir name: $f" ;;
		esac
	done
	[ "$(wc -l <"$OUT/.notified")" -eq 3 ] || die ".notified lines"
	sort -c "$OUT/.notified" || die ".notified not sorted"
	grep -qv '^urn:uuid:' "$OUT/.notified" && die ".notified: not ids"
	true
}
t "notify: one message per address; no address, revoked: none" counts

headers() {
	setup
	f=$(msg_for yamada@example.ac.jp)
	[ -n "$f" ] || die "no message to yamada"
	header "$f" Date | grep -qx 'Date: Wed, 01 Apr 2026 09:00:00 +0900' ||
	    die "Date: $(header "$f" Date)"
	header "$f" From | grep -q '^From: =?UTF-8?B?.*?= <badges@test.example>$' ||
	    header "$f" From | grep -q '^From: "Test University <Registry & Records>" <badges@test.example>$' ||
	    die "From: $(header "$f" From)"
	header "$f" Reply-To | grep -qx 'Reply-To: <office@test.example>' ||
	    die "Reply-To"
	header "$f" To | grep -q '<yamada@example.ac.jp>$' || die "To"
	header "$f" Message-ID |
	    grep -qE '^Message-ID: <[0-9a-f]{32}@badges\.test\.example>$' ||
	    die "Message-ID: $(header "$f" Message-ID)"
	grep -q '^MIME-Version: 1.0$' "$f" || die "MIME-Version"
	grep -q '^Content-Type: multipart/alternative;$' "$f" || die "multipart"
	header "$f" Subject >"$TMP/subj"
	head -n 1 "$TMP/subj" | grep -q '^Subject: =?UTF-8?B?' || die "Subject"
	awk 'length($0) > 76 { exit 1 }' "$TMP/subj" || die "long Subject line"
	# Every encoded word at most 75 characters.
	tr ' ' '\n' <"$TMP/subj" | grep '^=?' | awk 'length($0) > 75 { exit 1 }' ||
	    die "encoded word over 75"
	# The encoded form itself (the site's issuer name is fixed).
	printf '%s\n' \
	    'Subject: =?UTF-8?B?VGVzdCBVbml2ZXJzaXR5IDxSZWdpc3RyeSAmIFJlY29yZHM+44GL?=' \
	    ' =?UTF-8?B?44KJ44Kq44O844OX44Oz44OQ44OD44K45o6I5LiO44Gu44GK55+l44KJ44Gb?=' \
	    ' =?UTF-8?B?IC8gWW91ciBPcGVuIEJhZGdlIGZyb20gVGVzdCBVbml2ZXJzaXR5IDxSZWdp?=' \
	    ' =?UTF-8?B?c3RyeSAmIFJlY29yZHM+?=' >"$TMP/subj.want"
	printf '\n' >>"$TMP/subj"
	cmp -s "$TMP/subj.want" "$TMP/subj" || die "Subject: $(cat "$TMP/subj")"
}
t "notify: headers (Date, From, Reply-To, To, Message-ID, Subject)" headers

# A third party (Python's email package) decodes the Subject.
subject_decodes() {
	need python3 python3
	setup
	header "$(msg_for yamada@example.ac.jp)" Subject >"$TMP/subj"
	python3 -c '
import sys
from email.header import decode_header, make_header
raw = open(sys.argv[1], encoding="ascii").read()
v = raw.split(":", 1)[1].replace("\n", "")
print(str(make_header(decode_header(v))))' "$TMP/subj" >"$TMP/subj.dec" ||
	    die "python3 cannot decode"
	printf '%s\n' "$SUBJECT" | cmp -s - "$TMP/subj.dec" ||
	    die "Subject decodes to: $(cat "$TMP/subj.dec")"
}
t "notify: Python's email package decodes the Subject" subject_decodes

lines() {
	setup
	for f in "$OUT"/new/*; do
		awk 'length($0) > 76 { print FILENAME ": " $0; exit 1 }' "$f" ||
		    die "line over 76 characters"
		LC_ALL=C grep -q '[^ -~	]' "$f" && die "8-bit bytes in $f"
	done
	true
}
t "notify: 7-bit messages, no line over 76 characters" lines

parts() {
	setup
	f=$(msg_for yamada@example.ac.jp)
	a1=$(cut -d' ' -f1 "$TMP/awards")
	url="${BASE}$(echo "${a1%.*}" | sed 's|^content/||')/"
	part "$f" text/plain >"$TMP/plain"
	part "$f" text/html >"$TMP/html"
	grep -q '山田 太郎 様' "$TMP/plain" || die "no name in text"
	grep -q "$url" "$TMP/plain" || die "no link in text"
	grep -q 'Dear 山田 太郎' "$TMP/plain" || die "no English part"
	[ "$(grep -n '授与されました' "$TMP/plain" | cut -d: -f1)" -lt \
	    "$(grep -n 'has awarded you' "$TMP/plain" | cut -d: -f1)" ] ||
	    die "Japanese does not come first"
	grep -q 'Data Literacy' "$TMP/plain" || die "no badge in text"
	grep -q "<a href=\"$url\"" "$TMP/html" || die "no button in HTML"
	grep -q "ボタンがクリックできない場合" "$TMP/html" || die "no plain URL note"
	grep -q "Test University &lt;Registry &amp; Records&gt;" "$TMP/html" ||
	    die "issuer not escaped in HTML"
	grep -q "Test University <Registry & Records>" "$TMP/plain" ||
	    die "issuer escaped in text"
	f=$(msg_for obrien@example.ac.jp)
	part "$f" text/plain | grep -q "Pat O'Brien & Co 様" ||
	    die "name in text"
	part "$f" text/html | grep -q "Pat O&#39;Brien &amp; Co" ||
	    die "name in HTML"
}
t "notify: text and HTML parts, Japanese first, the button and the URL" parts

private() {
	setup
	f=$(msg_for private@example.ac.jp)
	[ -n "$f" ] || die "no message for the private award"
	part "$f" text/plain >"$TMP/plain"
	grep -q '非公開' "$TMP/plain" || die "no private note"
	grep -q 'no public page' "$TMP/plain" || die "no English private note"
	grep -q "${BASE}awards/" "$TMP/plain" && die "links a private award"
	grep -q '^Content-Type: multipart/mixed;$' "$f" || die "not mixed"
	grep -q '^Content-Disposition: attachment; filename="data-[0-9a-f]*\.png"$' \
	    "$f" || die "no attachment"
	grep -q 'data-[0-9a-f]*\.png' "$TMP/plain" || die "text names no file"
	a3=$(cut -d' ' -f3 "$TMP/awards")
	part "$f" image/png >"$TMP/baked.png" || die "attachment not base64"
	bg unbake "$TMP/baked.png" >"$TMP/unbaked" || die "unbake"
	[ "$(tr -d '\n' <"$TMP/unbaked")" = "$(tr -d '\n' <"$SITE/$a3")" ] ||
	    die "the attachment does not carry the award"
	f=$(msg_for yamada@example.ac.jp)
	grep -q '^Content-Disposition: attachment' "$f" &&
	    die "a public award's notice has an attachment"
	true
}
t "notify: a private award: a note and its baked badge attached, no page link" private

again() {
	setup
	(cd "$OUT" && find . -type f | sort | xargs sha256sum) >"$TMP/sum1"
	bg notify --repo "$SITE" --since "$(cat "$TMP/base")" \
	    --outbox "$OUT" >"$TMP/run2" || die "second run"
	(cd "$OUT" && find . -type f | sort | xargs sha256sum) >"$TMP/sum2"
	cmp -s "$TMP/sum1" "$TMP/sum2" || die "the outbox changed"
	grep -q '^written' "$TMP/run2" && die "written again"
	[ "$(grep -c 'already notified' "$TMP/run2")" -eq 3 ] ||
	    die "$(cat "$TMP/run2")"
	# A fresh outbox for the same range gets the same files.
	bg notify --repo "$SITE" --since "$(cat "$TMP/base")" \
	    --outbox "$TMP/fresh" >/dev/null || die "fresh run"
	(cd "$TMP/fresh" && find . -type f | sort | xargs sha256sum) |
	    cmp -s "$TMP/sum1" - || die "a fresh run differs"
}
t "notify: idempotent; .notified keeps awards from being mailed twice" again

later() {
	setup
	a6=$(issue_one later@example.ac.jp "Later Person") || die "issue"
	commit_all "$SITE" "one more"
	bg notify --repo "$SITE" --since "$(cat "$TMP/base")" \
	    --outbox "$OUT" >"$TMP/run3" || die "third run"
	[ "$(grep -c '^written' "$TMP/run3")" -eq 1 ] || die "$(cat "$TMP/run3")"
	grep -q "^written	$a6	later@example.ac.jp	new/" "$TMP/run3" ||
	    die "$(cat "$TMP/run3")"
	[ "$(ls "$OUT/new" | wc -l)" -eq 4 ] || die "files"
	[ "$(wc -l <"$OUT/.notified")" -eq 4 ] || die ".notified"
	sort -c "$OUT/.notified" || die "not sorted"
}
t "notify: a later, overlapping range mails only the new award" later

without_since() {
	setup
	a6=$(issue_one later@example.ac.jp "Later Person") || die "issue"
	# The minimal site's bob.json is dated after these commits: it would
	# fail verification, which --since kept out of the range.
	git -C "$SITE" rm -q content/awards/2026/bob.json \
	    content/awards/2026/bob.conf || die "rm"
	commit_all "$SITE" "one more"
	# .notified alone says what is new: only the later award.
	bg notify --repo "$SITE" --outbox "$OUT" >"$TMP/run3" 2>"$TMP/err" ||
	    { cat "$TMP/run3" "$TMP/err"; die "notify"; }
	[ "$(grep -c '^written' "$TMP/run3")" -eq 1 ] || die "$(cat "$TMP/run3")"
	grep -q "^written	$a6	later@example.ac.jp	new/" "$TMP/run3" ||
	    die "$(cat "$TMP/run3")"
	! grep -q 'already notified' "$TMP/run3" || die "known awards listed"
	grep -qF "1 message written to $OUT/new (not sent yet: contrib/send-outbox sends them), 3 awards notified before" \
	    "$TMP/err" || { cat "$TMP/err"; die "summary"; }
	! grep -qi 'sent	\|message sent\|messages sent' "$TMP/run3" "$TMP/err" ||
	    die "says sent"
	[ "$(ls "$OUT/new" | wc -l)" -eq 4 ] || die "files"
	[ "$(wc -l <"$OUT/.notified")" -eq 4 ] || die ".notified"
	# Again: nothing new.
	bg notify --repo "$SITE" --outbox "$OUT" >"$TMP/run4" 2>/dev/null ||
	    die "again"
	! grep -q '^written' "$TMP/run4" || die "written twice"
	# A fresh outbox gets every award with an address.
	bg notify --repo "$SITE" --outbox "$TMP/fresh" >"$TMP/run5" \
	    2>/dev/null || die "fresh"
	[ "$(grep -c '^written' "$TMP/run5")" -eq 4 ] || die "$(cat "$TMP/run5")"
}
t "notify without --since: every award .notified does not list" without_since

placeholder() {
	setup
	a6=$(issue_one later@example.ac.jp "Later Person") || die "issue"
	sed -i 's/^from = badges@test.example$/from = badges@example.ac.jp/' \
	    "$SITE/site.conf"
	commit_all "$SITE" "init's sender"
	line=$(grep -n '^from = ' "$SITE/site.conf" | cut -d: -f1)
	(cd "$OUT" && find . -type f | sort | xargs sha256sum) >"$TMP/sum1"
	expect_status 2 bg notify --repo "$SITE" --outbox "$OUT" \
	    >"$TMP/out" 2>"$TMP/err"
	grep -qF "site.conf:$line: [mail] from = badges@example.ac.jp is the example address badgegen init wrote; change it" \
	    "$TMP/err" || { cat "$TMP/err"; die "no message"; }
	[ ! -s "$TMP/out" ] || die "output"
	(cd "$OUT" && find . -type f | sort | xargs sha256sum) >"$TMP/sum2"
	cmp -s "$TMP/sum1" "$TMP/sum2" || die "the outbox changed"
	# A site made by init is refused the same way.
	bg init "$TMP/new" >/dev/null 2>&1 || die "init"
	expect_status 2 bg notify --repo "$TMP/new" --outbox "$TMP/o2" \
	    2>"$TMP/err"
	grep -qF "site.conf:$(grep -n '^from = ' "$TMP/new/site.conf" | cut -d: -f1): [mail] from = badges@example.ac.jp" \
	    "$TMP/err" || { cat "$TMP/err"; die "init's site"; }
	[ ! -e "$TMP/o2" ] || die "an outbox for init's site"
}
t "notify refuses init's example sender, naming the line" placeholder

usage() {
	setup
	expect_status 2 bg notify --repo "$SITE"
	expect_status 2 bg notify --since HEAD
	expect_status 2 bg notify --repo "$SITE" --since nosuchrev --outbox "$OUT"
	bg notify -h | grep -q '^usage: badgegen notify \[--since <rev>\]' ||
	    die "-h"
}
t "notify: usage errors" usage

finish
