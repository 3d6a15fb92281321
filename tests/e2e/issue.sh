#!/bin/sh
# issue.sh - badgegen keygen and issue end to end: keys for RS256, ES256
# and EdDSA, their public documents put into a real site repository,
# awards in every format (one by one and from CSV files, UTF-8 and
# Shift_JIS), then a build that gives each award its page.  Signatures
# are checked by a third party too: openssl verifies the RS256, ES256 and
# EdDSA JWS signatures over "header.payload".  A case that needs keys or
# awards makes them first by running the cases before it (keygen_all,
# issue_*), in its own $TMP.
. "$(dirname "$0")/lib/lib.sh"
DATA=$TOP/tests/data/issue
SITE=$TMP/site
KEYS=$TMP/keys
BASE=https://badges.test.example/
BADGE=${BASE}badges/data.json
ISSUER=${BASE}issuers/uni.json
RSA_ID=${BASE}keys/rsa.json
JWKS=${BASE}.well-known/jwks.json
AWARDS=$SITE/content/awards
# The clock of every run: 2026-05-28T20:26:40Z.
SOURCE_DATE_EPOCH=1780000000
export SOURCE_DATE_EPOCH

# jws_part <file> <n>: the n-th segment of a compact JWS, decoded.
jws_part() {
	cut -d. -f"$2" "$1" | b64url_decode
}

# kid_of <jwk file>: its "kid".
kid_of() {
	tr -d ' \n' <"$1" | sed 's/.*"kid":"\([^"]*\)".*/\1/'
}

# award_of <stdout of issue> <n>: the path of the n-th award written.
award_of() {
	sed -n "${2}p" "$1" | cut -f1
}

# openssl_verify <jws> <public pem> <alg>: a third party checks it.
openssl_verify() {
	printf '%s' "$(cut -d. -f1-2 "$1")" >"$TMP/msg"
	jws_part "$1" 3 >"$TMP/sig"
	case $3 in
	RS256)
		openssl dgst -sha256 -verify "$2" -signature "$TMP/sig" \
		    "$TMP/msg" ;;
	ES256)
		# JWS has raw R||S; openssl wants DER.
		hex=$(od -An -tx1 -v "$TMP/sig" | tr -d ' \n')
		[ ${#hex} -eq 128 ] || die "ES256 signature of ${#hex} hex digits"
		printf 'asn1=SEQUENCE:sig\n[sig]\nr=INTEGER:0x%s\ns=INTEGER:0x%s\n' \
		    "$(printf %s "$hex" | cut -c1-64)" \
		    "$(printf %s "$hex" | cut -c65-128)" >"$TMP/sig.cnf"
		openssl asn1parse -genconf "$TMP/sig.cnf" -out "$TMP/sig.der" \
		    -noout || die "cannot make the DER signature"
		openssl dgst -sha256 -verify "$2" -signature "$TMP/sig.der" \
		    "$TMP/msg" ;;
	EdDSA)
		openssl pkeyutl -verify -pubin -inkey "$2" -rawin \
		    -in "$TMP/msg" -sigfile "$TMP/sig" ;;
	esac
}

keygen_all() {
	new_repo "$SITE" "$TOP/tests/e2e/build/minimal/site"
	mkdir -p "$KEYS"
	bg keygen --alg RS256 --out "$KEYS/rsa" --id "$RSA_ID" \
	    --issuer "$ISSUER" >"$TMP/kg-rsa" || die "keygen RS256"
	bg keygen --alg ES256 --out "$KEYS/p256" >"$TMP/kg-p256" ||
	    die "keygen ES256"
	bg keygen --alg EdDSA --out "$KEYS/ed" >"$TMP/kg-ed" || die "keygen EdDSA"
	for f in rsa.pem rsa.pub.pem rsa.jwk.json rsa.key.json p256.pem \
	    p256.pub.pem p256.jwk.json ed.pem ed.pub.pem ed.jwk.json \
	    ed.did.json; do
		[ -s "$KEYS/$f" ] || die "no $f"
	done
	[ ! -e "$KEYS/p256.did.json" ] && [ ! -e "$KEYS/ed.key.json" ] ||
	    die "documents the key does not need"
	for k in rsa p256 ed; do
		[ "$(stat -c %a "$KEYS/$k.pem")" = 600 ] || die "$k.pem not 0600"
		grep -q 'BEGIN PRIVATE KEY' "$KEYS/$k.pem" || die "$k.pem not PKCS#8"
		grep -q 'BEGIN PUBLIC KEY' "$KEYS/$k.pub.pem" || die "$k.pub.pem"
		grep -q "\"kid\": \"$(kid_of "$KEYS/$k.jwk.json")\"" \
		    "$KEYS/$k.jwk.json" || die "no kid in $k.jwk.json"
		! grep -q '"d"' "$KEYS/$k.jwk.json" || die "private JWK"
	done
	grep -q '"alg": "RS256"' "$KEYS/rsa.jwk.json" || die "alg RS256"
	grep -q '"alg": "ES256"' "$KEYS/p256.jwk.json" || die "alg ES256"
	grep -q '"alg": "EdDSA"' "$KEYS/ed.jwk.json" || die "alg EdDSA"
	grep -q '"type": "CryptographicKey"' "$KEYS/rsa.key.json" || die "type"
	grep -q "\"owner\": \"$ISSUER\"" "$KEYS/rsa.key.json" || die "owner"
	grep -q "\"id\": \"$RSA_ID\"" "$KEYS/rsa.key.json" || die "id"
	did=$(sed -n 's/^key DID: //p' "$TMP/kg-ed")
	case $did in did:key:z6Mk*) ;; *) die "no did:key printed" ;; esac
	grep -q "\"id\": \"$did\"" "$KEYS/ed.did.json" || die "DID id"
	grep -A2 '"assertionMethod"' "$KEYS/ed.did.json" |
	    grep -q "\"$did#${did#did:key:}\"" || die "no assertionMethod"
	grep -q 'publicKey.*rsa.json' "$TMP/kg-rsa" || die "no next steps"
	# The public documents go into the site; the issuer lists the key.
	mkdir -p "$SITE/content/keys" "$SITE/content/static/.well-known"
	cp "$KEYS/rsa.key.json" "$SITE/content/keys/rsa.json"
	cp "$KEYS/ed.did.json" "$SITE/content/keys/ed.did.json"
	{ printf '{"keys": [\n'; cat "$KEYS/rsa.jwk.json"; printf ',\n'
	  cat "$KEYS/p256.jwk.json"; printf ']}\n'; } \
	    >"$SITE/content/static/.well-known/jwks.json"
	sed -i "s|^\(  \"id\": \"$ISSUER\",\)\$|\1\n  \"publicKey\": [\"$RSA_ID\"],|" \
	    "$SITE/content/issuers/uni.json"
	grep -q publicKey "$SITE/content/issuers/uni.json" || die "sed failed"
	# The Ed25519 key as a verification method of the issuer's profile,
	# which binds it to the issuer (a did:key alone would not).
	mb=$(sed -n 's/.*"publicKeyMultibase": "\(z[^"]*\)".*/\1/p' "$KEYS/ed.did.json" | head -n 1)
	[ -n "$mb" ] || die "no publicKeyMultibase in ed.did.json"
	vm="{\"id\": \"$ISSUER#ed\", \"type\": \"Multikey\", \"controller\": \"$ISSUER\", \"publicKeyMultibase\": \"$mb\"}"
	sed -i "s|^\(  \"id\": \"$ISSUER\",\)\$|\1\n  \"verificationMethod\": [$vm],\n  \"assertionMethod\": [\"$ISSUER#ed\"],|" \
	    "$SITE/content/issuers/uni.json"
	grep -q assertionMethod "$SITE/content/issuers/uni.json" || die "sed failed"
	# The contexts that define those terms for JSON-LD verifiers.
	sed -i 's|^  "@context": "https://w3id.org/openbadges/v2",$|  "@context": ["https://w3id.org/openbadges/v2", "https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],|' \
	    "$SITE/content/issuers/uni.json"
	grep -q did/v1 "$SITE/content/issuers/uni.json" || die "sed failed"
	commit_all "$SITE" "keys"
}
t "keygen: RS256, ES256 and EdDSA keys and their public documents" keygen_all

keygen_refusals() {
	keygen_all
	before=$(cat "$KEYS/rsa.pem")
	expect_status 2 bg keygen --alg RS256 --out "$KEYS/rsa" 2>"$TMP/err"
	grep -q 'rsa.pem exists; keygen never overwrites' "$TMP/err" ||
	    die "no message for an existing key"
	[ "$(cat "$KEYS/rsa.pem")" = "$before" ] || die "the key was overwritten"
	expect_status 2 bg keygen --alg EdDSA --out "$SITE/content/keys/k" \
	    2>"$TMP/err"
	grep -q 'private keys never live under content/' "$TMP/err" ||
	    die "no refusal under content/"
	[ ! -e "$SITE/content/keys/k.pem" ] || die "a key under content/"
	(cd "$SITE/content" && expect_status 2 bg keygen --alg EdDSA \
	    --out new/k) 2>"$TMP/err" || exit 1
	grep -q 'private keys never live under content/' "$TMP/err" ||
	    die "no refusal under content/ (relative)"
	expect_status 2 bg keygen --alg EdDSA --out "$SITE/public/k" 2>"$TMP/err"
	grep -q 'the output directory' "$TMP/err" || die "no refusal in public/"
	bg keygen --alg EdDSA --out "$SITE/k" >/dev/null 2>"$TMP/err" ||
	    die "a key beside content/ refused"
	grep -q 'inside the git work tree' "$TMP/err" || die "no git warning"
	rm -f "$SITE"/k.*
	expect_status 2 bg keygen --alg RS256 --out "$TMP/x" --id "$RSA_ID" \
	    2>/dev/null
	expect_status 2 bg keygen --alg HS256 --out "$TMP/x" 2>/dev/null
	expect_status 2 bg keygen --alg RS256 --out "$TMP/x" --id ftp://x \
	    --issuer "$ISSUER" 2>/dev/null
	[ ! -e "$TMP/x.pem" ] || die "a key despite a usage error"
}
t "keygen: never overwrites, never under content/ or the output" keygen_refusals

issue_ob2() {
	[ -d "$KEYS" ] || keygen_all
	cd "$SITE"
	bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" --key-id "$RSA_ID" \
	    --recipient ' Carol@Example.org ' --name 'Carol キャロル' \
	    --date 2026-04-01T09:00:00+09:00 >"$TMP/out" || die "issue failed"
	[ "$(wc -l <"$TMP/out")" -eq 1 ] || die "not one line"
	grep -q "^content/awards/2026/data-293a3a2f5d.jws	carol@example.org\$" \
	    "$TMP/out" || die "unexpected output: $(cat "$TMP/out")"
	f=content/awards/2026/data-293a3a2f5d
	[ "$(cat $f.conf)" = "email = carol@example.org" ] || die "sidecar"
	[ "$(jws_part $f.jws 1)" = '{"alg":"RS256"}' ] || die "header"
	jws_part $f.jws 2 >"$TMP/payload"
	for s in '"@context":"https://w3id.org/openbadges/v2"' \
	    '"type":"Assertion"' '"id":"urn:uuid:' '"hashed":true' \
	    '"identity":"sha256$' '"name":"Carol キャロル"' \
	    "\"badge\":\"$BADGE\"" \
	    "\"verification\":{\"type\":\"SignedBadge\",\"creator\":\"$RSA_ID\"}" \
	    '"issuedOn":"2026-04-01T00:00:00Z"'; do
		grep -qF "$s" "$TMP/payload" || die "payload lacks $s"
	done
	! grep -q 'carol@' "$TMP/payload" || die "the address is in the award"
	# The identity is sha256(address + salt), as verifiers compute it.
	salt=$(sed 's/.*"salt":"\([0-9a-f]*\)".*/\1/' "$TMP/payload")
	[ ${#salt} -eq 16 ] || die "salt $salt"
	want=$(printf '%s' "carol@example.org$salt" | sha256sum | cut -c1-64)
	grep -qF "\"identity\":\"sha256\$$want\"" "$TMP/payload" ||
	    die "identity hash"
}
t "issue ob2: a signed assertion third parties verify" issue_ob2

# A correction with --force keeps what the sidecar says besides the
# address: every key of an award sidecar, and its comments.
issue_force_keeps_sidecar() {
	issue_ob2
	f=content/awards/2026/data-293a3a2f5d
	printf '%s\n' '# Carol asked to stay off the site (ticket 42).' \
	    'visibility = private   # until she graduates' \
	    'email = carol@example.org' 'index = no' > $f.conf
	cp $f.conf "$TMP/before.conf"
	bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" --key-id "$RSA_ID" \
	    --recipient carol@example.org --name 'Carol キャロル 直し' --force \
	    >"$TMP/out" 2>"$TMP/err" || { cat "$TMP/err"; die "--force failed"; }
	diff "$TMP/before.conf" $f.conf || die "the sidecar changed"
	jws_part $f.jws 2 | grep -qF '"name":"Carol キャロル 直し"' ||
	    die "the award was not replaced"
	# A sidecar without the address gets it, the rest kept.
	printf 'visibility = 非公開\n' > $f.conf
	bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" --key-id "$RSA_ID" \
	    --recipient carol@example.org --name 'Carol' --force \
	    >"$TMP/out" 2>"$TMP/err" || { cat "$TMP/err"; die "--force failed"; }
	[ "$(cat $f.conf)" = "$(printf 'visibility = 非公開\nemail = carol@example.org')" ] ||
	    die "sidecar: $(cat $f.conf)"
	# One with a typo keeps it (the build keeps the award private) and
	# says so.
	printf 'visiblity = private\n' > $f.conf
	bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" --key-id "$RSA_ID" \
	    --recipient carol@example.org --name 'Carol' --force \
	    >"$TMP/out" 2>"$TMP/err" || { cat "$TMP/err"; die "--force failed"; }
	cat "$TMP/err"
	grep -q '^visiblity = private$' $f.conf || die "the typo line is gone"
	grep -q 'visiblity: unknown key.*the build keeps the award private' \
	    "$TMP/err" || die "no warning about the sidecar"
}
t "issue --force keeps every other line of the sidecar (visibility, index, comments)" \
    issue_force_keeps_sidecar

issue_ob3_jwt() {
	[ -d "$KEYS" ] || keygen_all
	cd "$SITE"
	kid=$(kid_of "$KEYS/p256.jwk.json")
	bg issue --badge content/badges/data.json --key "$KEYS/p256.pem" \
	    --format ob3-jwt --key-id "$JWKS#$kid" --recipient dave@example.org \
	    --name Dave >"$TMP/out" || die "issue ES256 failed"
	f=$(award_of "$TMP/out" 1)
	case $f in content/awards/2026/data-*.jwt) ;; *) die "path $f" ;; esac
	[ "$(jws_part "$f" 1)" = "{\"alg\":\"ES256\",\"kid\":\"$JWKS#$kid\",\"typ\":\"JWT\"}" ] ||
	    die "header $(jws_part "$f" 1)"
	jws_part "$f" 2 >"$TMP/payload"
	for s in '"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]' \
	    '"type":["VerifiableCredential","OpenBadgeCredential"]' \
	    "\"issuer\":{\"id\":\"$ISSUER\",\"type\":[\"Profile\"]" \
	    '"validFrom":"2026-05-28T20:26:40Z"' \
	    '"identityType":"emailAddress","hashed":true' \
	    '"identityHash":"Dave","identityType":"name","hashed":false' \
	    "\"achievement\":{\"id\":\"$BADGE\",\"type\":[\"Achievement\"]" \
	    '"image":{"id":"https://badges.test.example/badges/data.png","type":"Image"}' \
	    '"alignment":[{"type":["Alignment"],"targetName":"Statistics"' \
	    "\"iss\":\"$ISSUER\"" '"jti":"urn:uuid:' '"nbf":1780000000}'; do
		grep -qF "$s" "$TMP/payload" || die "payload lacks $s"
	done
	echo "$f" >"$TMP/es256.path"
	# EdDSA signed with its did:key, which is not the issuer: refused,
	# nothing written (badgegen verify would fail it).
	did=$(sed -n 's/^key DID: //p' "$TMP/kg-ed")
	ls -R "$AWARDS" >"$TMP/before"
	expect_status 1 bg issue --badge "$BADGE" --key "$KEYS/ed.pem" --format ob3-jwt \
	    --key-id "$did#${did#did:key:}" --recipient nobody@example.org \
	    --name Nobody --date 2026-01-01 >"$TMP/out0" 2>"$TMP/err"
	grep -q 'bind an award signed with a did:key' "$TMP/err" ||
	    die "no warning about the issuer id"
	grep -q 'not written: badgegen verify would not pass it' "$TMP/err" ||
	    die "no refusal"
	grep -q "fail key: signed by $did which is not the issuer" "$TMP/err" ||
	    die "the refusal does not say which check fails"
	[ ! -s "$TMP/out0" ] || die "an award was written"
	ls -R "$AWARDS" | cmp -s - "$TMP/before" || die "files were written"
	# Without --key-id: the issuer's own verification method, found.
	bg issue --badge "$BADGE" --key "$KEYS/ed.pem" --format ob3-jwt \
	    --recipient erin@example.org --name Erin \
	    >"$TMP/out" 2>"$TMP/err" || die "issue EdDSA failed"
	f=$(award_of "$TMP/out" 1)
	jws_part "$f" 1 | grep -q "\"alg\":\"EdDSA\",\"kid\":\"$ISSUER#ed\"" ||
	    die "EdDSA header"
	echo "$f" >"$TMP/eddsa.path"
}
t "issue ob3-jwt: VC-JWTs (ES256 by JWK set, EdDSA by the issuer's method)" issue_ob3_jwt

# openssl: the keys are what they say, the signatures verify.
third_party() {
	need openssl openssl
	issue_ob2
	issue_ob3_jwt
	openssl pkey -in "$KEYS/rsa.pem" -noout -text | grep -q '2048 bit' ||
	    die "not RSA-2048"
	openssl pkey -in "$KEYS/p256.pem" -noout -text |
	    grep -q 'prime256v1' || die "not P-256"
	openssl pkey -in "$KEYS/ed.pem" -noout -text |
	    grep -q 'ED25519' || die "not Ed25519"
	openssl_verify content/awards/2026/data-293a3a2f5d.jws \
	    "$KEYS/rsa.pub.pem" RS256 ||
	    die "openssl does not verify the RS256 JWS"
	openssl_verify "$(cat "$TMP/es256.path")" "$KEYS/p256.pub.pem" ES256 ||
	    die "openssl does not verify the ES256 VC-JWT"
	openssl_verify "$(cat "$TMP/eddsa.path")" "$KEYS/ed.pub.pem" EdDSA ||
	    die "openssl does not verify the EdDSA VC-JWT"
}
t "openssl: the keys' types; the RS256, ES256 and EdDSA signatures verify" \
    third_party

issue_ob3_di() {
	[ -d "$KEYS" ] || keygen_all
	cd "$SITE"
	bg issue --badge "$BADGE" --key "$KEYS/ed.pem" --format ob3-di \
	    --key-id "$ISSUER#ed" --recipient fay@example.org --name Fay \
	    >"$TMP/out" 2>/dev/null || die "issue failed"
	f=$(award_of "$TMP/out" 1)
	case $f in content/awards/2026/data-*.json) ;; *) die "path $f" ;; esac
	grep -q '"cryptosuite": "eddsa-rdfc-2022"' "$f" || die "cryptosuite"
	grep -q "\"verificationMethod\": \"$ISSUER#ed\"" "$f" ||
	    die "verificationMethod"
	grep -q '"proofPurpose": "assertionMethod"' "$f" || die "purpose"
	grep -q '"proofValue": "z' "$f" || die "proofValue"
	expect_status 2 bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" \
	    --format ob3-di --recipient x@example.org --name X 2>"$TMP/err"
	grep -q 'ob3-di signs with Ed25519' "$TMP/err" || die "RSA accepted"
}
t "issue ob3-di: a credential with an eddsa-rdfc-2022 proof" issue_ob3_di

issue_csv() {
	[ -d "$KEYS" ] || keygen_all
	cd "$SITE"
	expect_status 1 bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" \
	    --csv "$DATA/bad-rows.csv" >"$TMP/out" 2>"$TMP/err"
	cat "$TMP/err"
	[ "$(wc -l <"$TMP/out")" -eq 2 ] || die "not two awards written"
	grep -q 'ok1@example.org$' "$TMP/out" || die "line 2 not written"
	grep -q 'ok7@example.org$' "$TMP/out" || die "line 8 not written"
	for s in 'bad-rows.csv:3: "not-an-address" is not an e-mail address' \
	    'bad-rows.csv:4: the name is empty' \
	    'bad-rows.csv:5: date "2026-13-01"' \
	    'bad-rows.csv:6: text after a closing quote' \
	    'bad-rows.csv:7: 2 fields, but the header has 3' \
	    'bad-rows.csv: 2 issued, 0 skipped, 5 failed (lines 3, 4, 5, 6, 7)'; do
		grep -qF "$s" "$TMP/err" || die "no message: $s"
	done
	# Shift_JIS as Excel writes it; its dates as Excel writes them.
	bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" --format ob2 \
	    --csv "$DATA/sjis.csv" >"$TMP/out" 2>"$TMP/err" || die "sjis failed"
	grep -q 'sjis.csv: read as Shift_JIS (CP932)' "$TMP/err" || die "note"
	[ "$(wc -l <"$TMP/out")" -eq 3 ] || die "not three awards"
	f=$(award_of "$TMP/out" 2)
	jws_part "$f" 2 | grep -qF '"name":"髙橋 花子, ソフト表示"' ||
	    die "name not converted"
	jws_part "$f" 2 | grep -qF '"issuedOn":"2026-03-31T15:00:00Z"' ||
	    die "2026-04-01 is not midnight in Tokyo"
	[ "$(cat "${f%.jws}.conf")" = "email = hanako@example.jp" ] ||
	    die "sidecar"
	# Again: every award exists now.
	expect_status 1 bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" \
	    --csv "$DATA/sjis.csv" >"$TMP/out" 2>"$TMP/err"
	[ "$(grep -c 'has this badge already: .*(--skip-existing skips it, --force replaces it)' \
	    "$TMP/err")" -eq 3 ] || die "existing awards not refused"
	[ ! -s "$TMP/out" ] || die "something was written"
	# --force replaces them.
	bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" --force \
	    --csv "$DATA/sjis.csv" >"$TMP/out" 2>/dev/null || die "--force"
	[ "$(wc -l <"$TMP/out")" -eq 3 ] || die "not replaced"
}
t "issue --csv: bad rows reported by line, the rest written; Shift_JIS" issue_csv

issue_refusals() {
	keygen_all
	cd "$SITE"
	# A key the issuer does not list: refused, with the fix.
	expect_status 2 bg issue --badge "$BADGE" --key "$KEYS/p256.pem" \
	    --recipient x@example.org --name X 2>"$TMP/err"
	grep -q 'lists no CryptographicKey with this public key' "$TMP/err" ||
	    die "unlisted key accepted"
	expect_status 2 bg issue --badge "${BASE}badges/none.json" \
	    --key "$KEYS/rsa.pem" --recipient x@example.org --name X 2>"$TMP/err"
	grep -qF "the site's badge classes:" "$TMP/err" || die "no badge list"
	expect_status 2 bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" \
	    --recipient x@example.org 2>/dev/null
	expect_status 2 bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" \
	    --csv x.csv --recipient x@example.org --name X 2>/dev/null
	expect_status 2 bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" \
	    --recipient x@example.org --name X --date 2999-01-01 2>"$TMP/err"
	grep -q 'is in the future' "$TMP/err" || die "future date accepted"
	expect_status 1 bg issue --badge "$BADGE" --key "$KEYS/rsa.pem" \
	    --recipient 'x@example' --name X 2>"$TMP/err"
	grep -q 'is not an e-mail address' "$TMP/err" || die "bad address"
}
t "issue: refusals name the problem and the fix" issue_refusals

# issued_all: the site with every award the issue cases write.
issued_all() {
	keygen_all
	issue_ob2
	issue_ob3_jwt
	issue_ob3_di
	issue_csv
}

build_pages() {
	issued_all
	cd "$SITE"
	commit_all . "awards"
	bg build --now 2026-11-01T00:00:00Z --out "$TMP/out.site" \
	    >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; die "build failed"; }
	n=0
	for f in content/awards/*/data-*.jws content/awards/*/data-*.jwt \
	    content/awards/*/data-*.json; do
		[ -e "$f" ] || continue
		p=${f#content/}
		p=${p%.*}
		[ -f "$TMP/out.site/$p/index.html" ] || die "no page for $f"
		n=$((n + 1))
	done
	[ "$n" -eq 9 ] || die "$n awards, expected 9"
	grep -q 'Carol キャロル' "$TMP/out.site/awards/2026/data-293a3a2f5d/index.html" ||
	    die "no name on the page"
	[ -f "$TMP/out.site/keys/rsa.json" ] || die "the key is not published"
	[ -f "$TMP/out.site/.well-known/jwks.json" ] || die "no JWK set"
	! grep -rlE 'carol@example|dave@example|hanako@example|ok1@example' \
	    "$TMP/out.site" || die "an address reached the site"
	! find "$TMP/out.site" -name '*.conf' -o -name '*.pem' | grep . ||
	    die "a sidecar or key reached the site"
}
t "build: every new award has its page, no address reaches the site" build_pages

verify_round_trip() {
	issued_all
	cd "$SITE"
	commit_all . "awards"
	n=0
	for f in content/awards/*/data-*.jws content/awards/*/data-*.jwt \
	    content/awards/*/data-*.json; do
		[ -e "$f" ] || continue
		bg verify --repo . "$f" >"$TMP/v.log" 2>&1 ||
		    { cat "$TMP/v.log"; die "verify rejects $f"; }
		n=$((n + 1))
	done
	[ "$n" -eq 9 ] || die "$n awards verified, expected 9"
}
t "verify: every award issued verifies" verify_round_trip

# keygen --install: the documents it changes keep their other lines,
# what it refuses, the private key's place.
keygen_install() {
	new_repo "$SITE" "$TOP/tests/e2e/build/minimal/site"
	cd "$SITE"
	bg keygen --install --alg ES256 >"$TMP/kg" || die "install ES256"
	bg keygen --install --alg EdDSA --issuer content/issuers/uni.json \
	    >>"$TMP/kg" || die "install EdDSA"
	[ "$(stat -c %a keys)" = 700 ] || die "keys/ is not 0700"
	[ "$(stat -c %a keys/uni-es256.pem)" = 600 ] || die "key not 0600"
	grep -qx '/keys/' .gitignore || die "keys/ not in .gitignore"
	git add -A
	git ls-files | grep -q '^keys/' && die "a private key is in git"
	# The profile: its lines kept, the context one made a list.
	git diff --cached content/issuers/uni.json >"$TMP/diff"
	[ "$(grep -c '^-[^-]' "$TMP/diff")" -eq 2 ] || die "lines lost: $(cat "$TMP/diff")"
	grep -q '^-  "@context": "https://w3id.org/openbadges/v2",$' "$TMP/diff" ||
	    die "the context line"
	grep -q '^-  "revocationList": ".*uni-revocations.json"$' "$TMP/diff" ||
	    die "revocationList"
	grep -q '^+  "revocationList": ".*uni-revocations.json",$' "$TMP/diff" ||
	    die "revocationList lost"
	for s in '"https://www.w3.org/ns/did/v1",' \
	    '"https://w3id.org/security/multikey/v1"' \
	    '"publicKey": [' '"https://badges.test.example/keys/uni-es256.json"' \
	    '"assertionMethod": [' '"https://badges.test.example/keys/uni-eddsa.json"'; do
		grep '^+' "$TMP/diff" | grep -qF -- "$s" || die "no $s added"
	done
	grep -q '"controller": "https://badges.test.example/issuers/uni.json"' \
	    content/keys/uni-eddsa.json || die "the method's controller"
	[ "$(grep -c '"kid"' content/static/.well-known/jwks.json)" -eq 2 ] ||
	    die "not two keys in the JWK set"
	grep -q 'git add .*content/keys/uni-eddsa.json' "$TMP/kg" ||
	    die "no git command"
	git commit -qm keys
	# Refusals: an existing key, an unknown issuer, a published place.
	expect_status 2 bg keygen --install --alg ES256 2>"$TMP/err"
	grep -q 'uni-es256.pem exists; keygen never overwrites' "$TMP/err" ||
	    die "overwrote a key"
	expect_status 2 bg keygen --install --alg RS256 --issuer nobody 2>"$TMP/err"
	grep -q -- '--issuer nobody: no issuer profile of the site' "$TMP/err" ||
	    die "unknown issuer"
	expect_status 2 bg keygen --install --alg RS256 --out content/k 2>"$TMP/err"
	grep -q 'refusing to write a private key there' "$TMP/err" ||
	    die "a key under content/"
	expect_status 2 bg keygen --alg RS256 --repo . --out "$TMP/x" 2>"$TMP/err"
	grep -q -- '--repo goes with --install' "$TMP/err" || die "--repo alone"
	[ -z "$(git status --porcelain)" ] || die "a refusal wrote files"
	# issue finds every key by itself.
	bg issue --badge "$BADGE" --key keys/uni-es256.pem --recipient \
	    k1@example.org --name K >/dev/null 2>&1 || die "ob2 ES256"
	bg issue --badge "$BADGE" --key keys/uni-es256.pem --format ob3-jwt \
	    --recipient k2@example.org --name K >/dev/null || die "ob3-jwt ES256"
	bg issue --badge "$BADGE" --key keys/uni-eddsa.pem --format ob3-di \
	    --recipient k3@example.org --name K >/dev/null || die "ob3-di"
}
t "keygen --install: lines kept, refusals, issue finds the keys" keygen_install

# The man page's SYNOPSIS says what the usage strings of every verb say
# (the verbs as badgegen -h lists them).
synopsis() {
	command -v mandoc >/dev/null 2>&1 ||
	    die "no mandoc to read badgegen.1 (as root: apt-get install mandoc)"
	command -v col >/dev/null 2>&1 ||
	    die "no col (as root: apt-get install bsdextrautils)"
	mandoc -Tascii "$TOP/badgegen.1" | col -b |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | tr '\t\n' '  ' | tr -s ' ' >"$TMP/syn"
	[ -s "$TMP/syn" ] || die "no SYNOPSIS in badgegen.1"
	bg -h >"$TMP/help" || die "badgegen -h failed"
	verbs=$(sed -n '/^verbs:$/,/^$/s/^   \([a-z][a-z-]*\) .*/\1/p' "$TMP/help")
	[ "$(echo $verbs | wc -w)" -ge 11 ] ||
	    die "badgegen -h lists too few verbs: $verbs"
	for verb in $verbs; do
		u=$(bg "$verb" -h | sed -n 's/^usage: //p' |
		    sed 's/<\([^>]*\)>/\1/g; s/^badgegen //')
		[ -n "$u" ] || die "badgegen $verb -h prints no usage line"
		grep -qF "$u" "$TMP/syn" || die "SYNOPSIS lacks: $u"
	done
}
t "badgegen.1 SYNOPSIS matches the usage of every verb" synopsis

finish
