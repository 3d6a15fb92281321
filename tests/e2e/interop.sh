#!/bin/sh
# interop.sh - badgegen's awards verified by third-party code, offline
# (tests/interop/verify.mjs): jose for OB 2.0 JWS and OB 3.0 VC-JWTs,
# @digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite and DCC's
# @digitalcredentials/verifier-core for Data Integrity proofs, every
# document read from the built site.  The example site's signed awards,
# and for each algorithm a new site (badgegen init, keygen --install,
# issue in every format the key signs, build).
#
# Needs node and npm (tools/deps.sh installs them for make check) and
# the npm packages of tests/interop/package.json, which this script
# installs into $BUILD/interop.  When they cannot be had every case
# says "skip" and why.
. "$(dirname "$0")/lib/lib.sh"
BUILD=${BUILD:-build}
OUT=$TOP/$BUILD/interop
CTX=$TOP/contexts/openbadges-v2.json
NOW=2026-11-01T00:00:00Z
# The clock of init and issue: 2026-10-14T...Z, before $NOW.
SOURCE_DATE_EPOCH=1792000000
export SOURCE_DATE_EPOCH

# Installs the pinned packages once; sets NOPE to why it cannot.
NOPE=
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	NOPE="no node or npm (as root: apt-get install nodejs npm)"
elif [ ! -d "$OUT/node_modules/@digitalcredentials/verifier-core" ] ||
    ! cmp -s "$TOP/tests/interop/package.json" "$OUT/package.json"; then
	rm -rf "$OUT/node_modules"
	mkdir -p "$OUT"
	cp "$TOP/tests/interop/package.json" "$OUT/"
	# A registry that cannot be reached is a skip within minutes, not
	# npm's default of five minutes per request, retried.
	(cd "$OUT" && npm install --no-audit --no-fund --loglevel=error \
	    --fetch-timeout=60000 --fetch-retries=1 \
	    >"$ROOT/npm.log" 2>&1) ||
	    NOPE="npm could not install the verifiers from the npm registry: $(tail -n 1 "$ROOT/npm.log")"
fi
[ -n "$NOPE" ] || cp "$TOP/tests/interop/verify.mjs" "$OUT/"

# third_party <site dir> <base_url> <award>...: the verifiers, offline;
# $REVOKED holds "--revoked <award>" for each award expected revoked.
REVOKED=
third_party() {
	[ -z "$NOPE" ] || skip "$NOPE"
	dir=$1
	base=$2
	shift 2
	# shellcheck disable=SC2086
	node "$OUT/verify.mjs" --now "$NOW" $REVOKED "$dir" "$base" "$CTX" "$@" \
	    >"$TMP/interop.out" 2>&1
	rc=$?
	cat "$TMP/interop.out"
	[ "$rc" -eq 0 ] || die "a third-party verifier refused an award"
}

# signed_awards <site dir>: the awards a verifier checks by signature.
signed_awards() {
	(cd "$1" && ls awards/*/*.jws awards/*/*.jwt 2>/dev/null
	 grep -l '"proof"' awards/*/*.json 2>/dev/null) | sort
}

example_site() {
	[ -z "$NOPE" ] || skip "$NOPE"
	mkdir -p "$TMP/repo"
	cp -R "$TOP/site.conf" "$TOP/content" "$TMP/repo/"
	(cd "$TMP/repo" && git init -q && git add -A &&
	    git commit -qm site) || die "example repository"
	bg build --repo "$TMP/repo" --now "$NOW" --out "$TMP/site" --quiet ||
	    die "example site build"
	awards=$(signed_awards "$TMP/site")
	for form in '\.jws$' '\.jwt$' '\.json$'; do
		echo "$awards" | grep -q "$form" || die "no award $form"
	done
	# shellcheck disable=SC2086
	third_party "$TMP/site" https://badges.example.ac.jp/ $awards
	grep -q '^ok - .*\.json: @digitalbazaar/vc' "$TMP/interop.out" ||
	    die "no Data Integrity award verified by @digitalbazaar/vc"
	grep -q '^ok - .*\.json: verifier-core: steps valid_signature=true' \
	    "$TMP/interop.out" || die "no award verified by verifier-core"
}
t "the example site's signed awards: jose, @digitalbazaar/vc, verifier-core" \
    example_site

# new_site <alg> <format>...: badgegen init, keygen --install, an award
# in each format, build; badgegen and the third parties verify them.
new_site() {
	[ -z "$NOPE" ] || skip "$NOPE"
	alg=$1
	shift
	bg init "$TMP/s" >/dev/null || die "init"
	cd "$TMP/s" || die "no site"
	bg keygen --install --alg "$alg" >"$TMP/kg" || die "keygen --install"
	cat "$TMP/kg"
	git add -A && git commit -qm "key" || die "commit the key"
	[ -z "$(git status --porcelain)" ] || die "keygen left files out of git"
	git ls-files | grep -q '\.pem$' && die "a private key is in git"
	n=0
	for f in "$@"; do
		n=$((n + 1))
		bg issue --badge content/badges/sample.json \
		    --key "keys/univ-$(echo "$alg" | tr A-Z a-z).pem" \
		    --format "$f" --recipient "r$n@example.org" --name "R $n" \
		    --date 2026-10-01 >>"$TMP/issued" ||
		    die "issue --format $f with $alg (no --key-id)"
	done
	git add -A && git commit -qm awards || die "commit the awards"
	bg verify --now "$NOW" $(cut -f1 "$TMP/issued") >"$TMP/verify" ||
	    { cat "$TMP/verify"; die "badgegen verify"; }
	bg build --now "$NOW" --out "$TMP/site" --quiet || die "build"
	awards=$(cut -f1 "$TMP/issued" | sed 's|^content/||')
	# shellcheck disable=SC2086
	third_party "$TMP/site" https://badges.example.ac.jp/ $awards
	[ "$(grep -c '^ok - ' "$TMP/interop.out")" -ge "$#" ] ||
	    die "fewer verdicts than awards"
}
t "new site, keygen --install RS256: ob2 and ob3-jwt verified by jose" \
    new_site RS256 ob2 ob3-jwt
t "new site, keygen --install ES256: ob2 and ob3-jwt verified by jose" \
    new_site ES256 ob2 ob3-jwt
t "new site, keygen --install EdDSA: ob3-jwt (jose), ob3-di (vc, verifier-core)" \
    new_site EdDSA ob3-jwt ob3-di

# did_web: an Open Badges 3.0 issuer whose id is did:web:<host>, with
# an EdDSA key installed into its DID document.
did_web() {
	[ -z "$NOPE" ] || skip "$NOPE"
	d=$TMP/dw
	mkdir -p "$d/content/issuers" "$d/content/badges"
	cd "$d" || die "no site"
	ctx='"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]'
	printf 'title = T\nbase_url = https://badges.example.ac.jp/\nlang = en\ntimezone = Asia/Tokyo\n' >site.conf
	printf '{%s, "id": "did:web:badges.example.ac.jp", "type": ["Profile"], "name": "Office"}\n' \
	    "$ctx" >content/issuers/office.json
	printf '{%s, "id": "https://badges.example.ac.jp/badges/b.json", "type": ["Achievement"], "name": "B", "description": "A badge.", "criteria": {"narrative": "Do it."}, "creator": "did:web:badges.example.ac.jp"}\n' \
	    "$ctx" >content/badges/b.json
	git init -q && git add -A && git commit -qm site || die "repository"
	bg keygen --install --alg EdDSA >"$TMP/kg" || die "keygen --install"
	cat "$TMP/kg"
	grep -q '"id": "did:web:badges.example.ac.jp#office-eddsa"' \
	    content/static/.well-known/did.json || die "no method in the DID document"
	git add -A && git commit -qm key || die "commit the key"
	for f in ob3-di ob3-jwt; do
		bg issue --badge content/badges/b.json --key keys/office-eddsa.pem \
		    --format "$f" --recipient "$f@example.org" --name R \
		    --date 2026-10-01 >>"$TMP/issued" || die "issue --format $f"
	done
	git add -A && git commit -qm awards || die "commit the awards"
	bg verify --now "$NOW" $(cut -f1 "$TMP/issued") || die "badgegen verify"
	bg build --now "$NOW" --out "$TMP/site" --quiet || die "build"
	# shellcheck disable=SC2086
	third_party "$TMP/site" https://badges.example.ac.jp/ \
	    $(cut -f1 "$TMP/issued" | sed 's|^content/||')
	grep -q 'verifier-core: steps valid_signature=true' "$TMP/interop.out" ||
	    die "verifier-core did not verify the did:web award"
}
t "did:web issuer, keygen --install EdDSA: ob3-di (vc, verifier-core), ob3-jwt (jose)" \
    did_web

# revoked: an OB 2.0 award revoked in the issuer's RevocationList, an
# OB 3.0 Data Integrity award and an OB 3.0 VC-JWT revoked in the
# issuer's signed status lists (one per format family); a second award
# of each list is not revoked.
revoked() {
	[ -z "$NOPE" ] || skip "$NOPE"
	bg init "$TMP/s" >/dev/null || die "init"
	cd "$TMP/s" || die "no site"
	bg keygen --install --alg RS256 >/dev/null || die "keygen RS256"
	bg keygen --install --alg EdDSA >/dev/null || die "keygen EdDSA"
	git add -A && git commit -qm keys || die "commit the keys"
	for f in ob2:rs256 ob3-di:eddsa ob3-di:eddsa ob3-jwt:eddsa ob3-jwt:eddsa; do
		n=$((${n:-0} + 1))
		bg issue --badge content/badges/sample.json \
		    --key "keys/univ-${f#*:}.pem" --format "${f%:*}" \
		    --recipient "r$n@example.org" --name "R $n" \
		    --date 2026-10-01 >>"$TMP/issued" || die "issue $f"
	done
	git add -A && git commit -qm awards || die "commit the awards"
	ob2=$(sed -n 1p "$TMP/issued" | cut -f1)
	di=$(sed -n 2p "$TMP/issued" | cut -f1)
	kept=$(sed -n 3p "$TMP/issued" | cut -f1)
	jwt=$(sed -n 4p "$TMP/issued" | cut -f1)
	jkept=$(sed -n 5p "$TMP/issued" | cut -f1)
	bg revoke "$ob2" --reason "issued by mistake" >/dev/null || die "revoke ob2"
	bg revoke "$di" --reason "issued by mistake" --key keys/univ-eddsa.pem \
	    >/dev/null || die "revoke ob3-di"
	bg revoke "$jwt" --reason "issued by mistake" --key keys/univ-eddsa.pem \
	    >/dev/null || die "revoke ob3-jwt"
	git add -A && git commit -qm revoke || die "commit the revocations"
	bg build --now "$NOW" --out "$TMP/site" --quiet || die "build"
	REVOKED="--revoked ${ob2#content/} --revoked ${di#content/} --revoked ${jwt#content/}"
	third_party "$TMP/site" https://badges.example.ac.jp/ \
	    "${ob2#content/}" "${di#content/}" "${kept#content/}" \
	    "${jwt#content/}" "${jkept#content/}"
	REVOKED=
	grep -q "^ok - ${di#content/}: @digitalbazaar/vc: .*: revoked" \
	    "$TMP/interop.out" || die "@digitalbazaar/vc did not see it revoked"
	grep -q "^ok - ${kept#content/}: @digitalbazaar/vc: .*: not revoked" \
	    "$TMP/interop.out" || die "@digitalbazaar/vc did not check the status"
	grep -q "^ok - ${kept#content/}: verifier-core: .*revocation_status=true" \
	    "$TMP/interop.out" || die "verifier-core did not check the status"
	grep -q "^ok - ${di#content/}: verifier-core: .*revocation_status=false" \
	    "$TMP/interop.out" || die "verifier-core did not see it revoked"
	grep -q "^ok - ${jwt#content/}: jose: .*status list VC-JWT .*: revoked" \
	    "$TMP/interop.out" || die "the VC-JWT status list did not say revoked"
	grep -q "^ok - ${jkept#content/}: jose: .*status list VC-JWT .*: not revoked" \
	    "$TMP/interop.out" || die "the VC-JWT status list was not read"
}
t "revoked: OB 2.0 RevocationList (jose + badgecheck's rule), OB 3.0 status lists (vc, verifier-core; jose)" \
    revoked

finish
