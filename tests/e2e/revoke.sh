#!/bin/sh
# revoke.sh - badgegen revoke end to end, in real git repositories: an
# OB 2.0 award revoked in the issuer's RevocationList (made and linked
# from the profile), an OB 3.0 award revoked in the issuer's signed
# Bitstring Status List; the page, verify and build see it revoked;
# --undo takes it back; bad input changes nothing.  Third-party
# verifiers see the same revocations in interop.sh.
. "$(dirname "$0")/lib/lib.sh"
SITE=$TMP/s
NOW=2026-11-01T00:00:00Z
# The clock of init, issue and revoke: 2026-10-14T17:46:40Z.
SOURCE_DATE_EPOCH=1792000000
export SOURCE_DATE_EPOCH

# site_with <alg> <format>: a new site with a key of alg and one award in
# format, committed; $AWARD is its file.
site_with() {
	bg init "$SITE" >/dev/null || die "init"
	cd "$SITE" || die "no site"
	bg keygen --install --alg "$1" >/dev/null || die "keygen $1"
	commit_all . key || die "commit the key"
	KEY=keys/univ-$(echo "$1" | tr A-Z a-z).pem
	bg issue --badge content/badges/sample.json --key "$KEY" --format "$2" \
	    --recipient a@example.org --name "A" --date 2026-10-01 \
	    >"$TMP/issued" || die "issue $2"
	AWARD=$(cut -f1 "$TMP/issued")
	commit_all . award || die "commit the award"
}

# unchanged: the work tree is as committed.
unchanged() {
	[ -z "$(git status --porcelain)" ] ||
	    { git status --porcelain; die "files changed"; }
}

page_of() {
	echo "$TMP/out/awards/$(echo "$AWARD" | sed 's|^content/awards/||; s|\.[a-z]*$||')/index.html"
}

ob2_revoke() {
	site_with RS256 ob2
	bg revoke "$AWARD" --reason "誤って発行しました" >"$TMP/out.txt" 2>"$TMP/err" ||
	    { cat "$TMP/err"; die "revoke"; }
	grep -q "^$AWARD	revoked$" "$TMP/out.txt" || die "no line for the award"
	grep -q '"revocationList": "https://badges.example.ac.jp/revocations/univ.json"' \
	    content/issuers/univ.json || die "the profile does not link the list"
	git diff content/issuers/univ.json | grep '^[-+] ' | grep -v revocationList |
	    grep -v '"publicKey"' && die "the profile changed elsewhere"
	id=$(grep -o '"id": *"urn:uuid:[^"]*"' content/revocations/univ.json |
	    sed 's/.*"\(urn:uuid:[^"]*\)"/\1/')
	[ -n "$id" ] || die "no entry in the list"
	grep -q '"type": "RevocationList"' content/revocations/univ.json ||
	    die "not a RevocationList"
	commit_all . revoke
	expect_status 1 bg verify --now "$NOW" "$AWARD" >"$TMP/v" 2>&1
	grep -q "fail    status     revoked in the revocation list https://badges.example.ac.jp/revocations/univ.json: 誤って発行しました" \
	    "$TMP/v" || { cat "$TMP/v"; die "verify does not say revoked"; }
	bg build --now "$NOW" --out "$TMP/out" >"$TMP/b" 2>&1 || die "build"
	grep -q "^$AWARD: revoked: 誤って発行しました; its page says so" "$TMP/b" ||
	    { cat "$TMP/b"; die "build does not say revoked"; }
	grep -q "取り消し済み" "$(page_of)" || die "the page does not say 取り消し済み"
	grep -q "誤って発行しました" "$(page_of)" || die "the page lacks the reason"
	[ -f "$TMP/out/revocations/univ.json" ] || die "the list is not published"
	# Twice: refused, nothing changed.
	expect_status 1 bg revoke "$AWARD" --reason again 2>"$TMP/err"
	grep -q "revoked already in content/revocations/univ.json" "$TMP/err" ||
	    { cat "$TMP/err"; die "no message for twice"; }
	unchanged
	# Undone: valid again; undone twice: refused.
	bg revoke --undo "$AWARD" >"$TMP/out.txt" || die "revoke --undo"
	grep -q "revocation undone" "$TMP/out.txt" || die "no line for the undo"
	grep -q "$id" content/revocations/univ.json && die "the entry is still there"
	commit_all . undo
	bg verify --now "$NOW" "$AWARD" >"$TMP/v" || { cat "$TMP/v"; die "not valid after --undo"; }
	expect_status 1 bg revoke --undo "$AWARD" 2>"$TMP/err"
	grep -q "not revoked in content/revocations/univ.json: nothing to undo" "$TMP/err" ||
	    die "no message for undoing twice"
	unchanged
}
t "OB 2.0: revoke makes and links the RevocationList; page, verify, build; twice; --undo" ob2_revoke

ob3_revoke() {
	site_with EdDSA ob3-di
	list=content/status/univ-di.json
	[ -f "$list" ] || die "issue made no status list"
	grep -q '"type": "BitstringStatusListEntry"' "$AWARD" || die "no credentialStatus"
	grep -q '"statusListCredential": "https://badges.example.ac.jp/status/univ-di.json"' \
	    "$AWARD" || die "the entry names another list"
	bg verify --now "$NOW" "$AWARD" >"$TMP/v" || { cat "$TMP/v"; die "verify before"; }
	grep -q "pass    status     revocation: not set" "$TMP/v" || die "status not checked"
	# A second award: another index; the list is not rewritten.
	sum=$(sha256sum "$list")
	bg issue --badge content/badges/sample.json --key "$KEY" --format ob3-di \
	    --recipient b@example.org --name B --date 2026-10-01 >"$TMP/issued2" ||
	    die "issue a second award"
	[ "$(sha256sum "$list")" = "$sum" ] || die "issue rewrote the list"
	i1=$(sed -n 's/.*"statusListIndex": "\([0-9]*\)".*/\1/p' "$AWARD")
	i2=$(sed -n 's/.*"statusListIndex": "\([0-9]*\)".*/\1/p' "$(cut -f1 "$TMP/issued2")")
	[ -n "$i1" ] && [ -n "$i2" ] && [ "$i1" != "$i2" ] || die "indices $i1 and $i2"
	commit_all . second
	# No key: refused before anything changes.
	expect_status 2 bg revoke "$AWARD" --reason x 2>"$TMP/err"
	grep -q "give --key" "$TMP/err" || die "no message for the missing key"
	unchanged
	bg revoke "$AWARD" --reason "誤って発行しました" --key "$KEY" >"$TMP/out.txt" ||
	    die "revoke"
	[ "$(git status --porcelain)" = " M $list" ] || die "changed more than the list"
	commit_all . revoke
	expect_status 1 bg verify --now "$NOW" "$AWARD" >"$TMP/v" 2>&1
	grep -q "fail    status     revoked (index $i1 of the status list" "$TMP/v" ||
	    { cat "$TMP/v"; die "verify does not say revoked"; }
	bg verify --now "$NOW" "$(cut -f1 "$TMP/issued2")" >"$TMP/v" ||
	    { cat "$TMP/v"; die "the other award is revoked too"; }
	bg build --now "$NOW" --out "$TMP/out" --quiet || die "build"
	grep -q "取り消し済み" "$(page_of)" || die "the page does not say 取り消し済み"
	[ -f "$TMP/out/status/univ-di.json" ] || die "the list is not published"
	expect_status 1 bg revoke "$AWARD" --reason x --key "$KEY" 2>"$TMP/err"
	grep -q "revoked already (index $i1 of $list)" "$TMP/err" || die "no message for twice"
	unchanged
	bg revoke --undo "$AWARD" --key "$KEY" >/dev/null || die "--undo"
	commit_all . undo
	bg verify --now "$NOW" "$AWARD" >/dev/null || die "not valid after --undo"
}
t "OB 3.0: issue gives a status entry; revoke flips the bit and signs the list; --undo" ob3_revoke

# The list is signed: a bit flipped by hand breaks its proof.
ob3_signed() {
	site_with EdDSA ob3-di
	list=content/status/univ-di.json
	grep -q '"cryptosuite": "eddsa-rdfc-2022"' "$list" || die "the list has no proof"
	# Another encodedList: every bit set (GZIP of 16384 0xff bytes).
	enc=u$(head -c 16384 /dev/zero | tr '\0' '\377' | gzip -9n | base64 -w0 |
	    tr '+/' '-_' | tr -d '=')
	sed -i "s|\"encodedList\": \"[^\"]*\"|\"encodedList\": \"$enc\"|" "$list"
	commit_all . tampered
	expect_status 1 bg verify --now "$NOW" "$AWARD" >"$TMP/v" 2>&1
	grep -q "fail    status     the status list https://badges.example.ac.jp/status/univ-di.json failed its own verification" \
	    "$TMP/v" || { cat "$TMP/v"; die "a tampered list passes"; }
}
t "OB 3.0: the status list is signed by the issuer's key" ob3_signed

# VC-JWT awards: their own list, a VC-JWT signed by the issuer's key.
ob3_jwt() {
	site_with ES256 ob3-jwt
	list=content/status/univ-jwt.jwt
	[ -f "$list" ] || die "issue made no VC-JWT status list"
	hdr=$(cut -d. -f1 "$list" | tr '_-' '/+')
	case $(printf '%s==' "$hdr" | base64 -d 2>/dev/null) in
	*'"alg":"ES256"'*) ;;
	*) die "the list is not an ES256 JWS" ;;
	esac
	bg revoke "$AWARD" --reason x --key "$KEY" >/dev/null || die "revoke"
	commit_all . revoke
	expect_status 1 bg verify --now "$NOW" "$AWARD" >"$TMP/v" 2>&1
	grep -q "fail    status     revoked (index [0-9]* of the status list https://badges.example.ac.jp/status/univ-jwt.jwt)" \
	    "$TMP/v" || { cat "$TMP/v"; die "verify does not say revoked"; }
	# The payload of a list signed before: the signature no longer fits.
	git show HEAD~1:"$list" | cut -d. -f2 >"$TMP/old"
	awk -F. -v p="$(cat "$TMP/old")" 'BEGIN{OFS="."} {$2=p; print}' "$list" >"$TMP/l"
	cp "$TMP/l" "$list"
	git show HEAD~1:"$list" | cmp -s - "$list" && die "the list is the old one"
	commit_all . tampered
	expect_status 1 bg verify --now "$NOW" "$AWARD" >"$TMP/v" 2>&1
	grep -q "the status list https://badges.example.ac.jp/status/univ-jwt.jwt failed its own verification" \
	    "$TMP/v" || { cat "$TMP/v"; die "a tampered VC-JWT list passes"; }
}
t "OB 3.0 VC-JWT: a status list of its own, a VC-JWT signed by the issuer's key" ob3_jwt

# Two awards with one index (branches merged): build and check report
# it, revoke refuses it and changes nothing.
collision() {
	site_with EdDSA ob3-di
	other=$(echo "$AWARD" | sed 's/\.json$/-copy.json/')
	sed 's/"id": "urn:uuid:[0-9a-f]/"id": "urn:uuid:f/' "$AWARD" >"$other"
	commit_all . copy
	bg build --now "$NOW" --out "$TMP/out" >"$TMP/b" 2>&1
	grep -q "statusListIndex [0-9]* of https://badges.example.ac.jp/status/univ-di.json is the index of" \
	    "$TMP/b" || { cat "$TMP/b"; die "build does not report the shared index"; }
	expect_status 1 bg revoke "$AWARD" --reason x --key "$KEY" 2>"$TMP/err"
	grep -q "revoking one would revoke both" "$TMP/err" ||
	    { cat "$TMP/err"; die "no message for the shared index"; }
	unchanged
}
t "OB 3.0: an index two awards hold is reported and not revoked" collision

bad_input() {
	site_with RS256 ob2
	expect_status 1 bg revoke content/awards/2026/nope.jws --reason x 2>"$TMP/err"
	grep -q "content/awards/2026/nope.jws: no award of the site has this content path" \
	    "$TMP/err" || { cat "$TMP/err"; die "no message for an unknown award"; }
	expect_status 2 bg revoke "$AWARD" 2>"$TMP/err"
	grep -q "revoke needs --reason" "$TMP/err" || die "no message without --reason"
	expect_status 2 bg revoke --undo --reason x "$AWARD" 2>"$TMP/err"
	grep -q "\-\-undo takes no --reason" "$TMP/err" || die "no message for --undo --reason"
	unchanged
	# By id, as issue wrote it.
	id=$(cut -d. -f2 "$AWARD" | tr '_-' '/+' | base64 -d 2>/dev/null |
	    sed 's/.*"id":"\(urn:uuid:[^"]*\)".*/\1/')
	case $id in urn:uuid:*) ;; *) die "no id in the award: $id" ;; esac
	bg revoke "$id" --reason x >"$TMP/out.txt" || die "revoke by id"
	grep -q "^$AWARD	revoked$" "$TMP/out.txt" || die "not the award of the id"
}
t "bad input: unknown award, no --reason, --undo with --reason; an award by its id" bad_input

finish
