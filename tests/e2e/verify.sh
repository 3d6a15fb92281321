#!/bin/sh
# verify.sh - the verdict policy from the command line and on the pages
# (docs/VERIFICATION.md): credentials as issuers send them (no subject
# id, a DID issuer), --recipient when the award names no address,
# endorsements listed with what they endorse, reports in the reader's
# language with dates in the site's time zone, and every message of
# verification in the catalog of both languages.
. "$(dirname "$0")/lib/lib.sh"
MIN=$TOP/tests/e2e/build/minimal/site
V=$TOP/tests/data/vectors
DCC=$V/dcc-vc-test-fixtures/verifiableCredentials
NOW=2026-11-24T00:00:00Z
# A did:key issuer given as a string; the subject has no id.
STRING_ISSUER=$DCC/v1/ed25519/didKey/legacy-noStatus-noExpiry-stringIssuerId.json
# An OB 3.0 EndorsementCredential of a did:key issuer.
ENDORSEMENT=$DCC/v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement.json

site() {
	rm -rf "$1"
	new_repo "$1" "$MIN"
}

# stdout_has <file> <phrase>
has() {
	grep -qF -- "$2" "$1" || { cat "$1"; die "no \"$2\" in $1"; }
}

# Every format the checks use (the format argument of acc_add and
# rprintf, the literals they choose between, the messages assigned to
# message variables) has its Japanese in gen/vmsg.c.
catalog_complete() {
	need python3 python3
	python3 - "$TOP/gen/vmsg.c" "$TOP"/gen/verify.c "$TOP"/gen/keyres.c \
	    "$TOP"/gen/status.c "$TOP"/gen/cmd_verify.c <<'EOF'
import re, sys

def literal(src, i):
    """The C string literals (concatenated) at i, and the end."""
    out = []
    while True:
        m = re.compile(r'\s*"').match(src, i)
        if not m:
            break
        i = m.end()
        s = ''
        while src[i] != '"':
            if src[i] == '\\':
                s += src[i:i + 2]
                i += 2
            else:
                s += src[i]
                i += 1
        i += 1
        out.append(s)
    return (''.join(out) if out else None), i

def args(src, i):
    """The top-level arguments of the call whose '(' is at i-1."""
    depth, start, out, k = 1, i, [], i
    while depth:
        c = src[k]
        if c == '"':
            _, k = literal(src, k)
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
        if (c == ',' and depth == 1) or depth == 0:
            out.append(src[start:k])
            start = k + 1
        k += 1
    return out

def chosen(expr):
    """Literals an argument expression evaluates to (plain or ?:)."""
    lits, depth, k = [], 0, 0
    while k < len(expr):
        c = expr[k]
        if c == '"' and depth == 0:
            s, k = literal(expr, k)
            lits.append(s)
            continue
        if c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
        k += 1
    return lits

cat = open(sys.argv[1]).read()
known = set()
for m in re.finditer(r'\{ ("(?:[^"\\]|\\.)*"(?:\s*"(?:[^"\\]|\\.)*")*),', cat):
    s, _ = literal(m.group(1), 0)
    known.add(s)
want = {}
for f in sys.argv[2:]:
    src = re.sub(r'/\*.*?\*/', '', open(f).read(), flags=re.S)
    for m in re.finditer(r'\b(acc_add|rprintf)\(', src):
        a = args(src, m.end())
        first = 2 if m.group(1) == 'acc_add' else 1
        for e in a[first:]:
            for s in chosen(e):
                if s and ('%' in s or e is a[first]):
                    want.setdefault(s, f)
                elif s and re.search('[a-z] [a-z]', s):
                    want.setdefault(s, f)
    for m in re.finditer(r'(?:_msg|why|message)\s*=\s*', src):
        for s in chosen(src[m.end():src.index(';', m.end())]):
            want.setdefault(s, f)
    for m in re.finditer(r'vmsg_ja\(\s*(?=")', src):
        s, _ = literal(src, m.end())
        want.setdefault(s, f)
missing = sorted(s for s in want if s not in known and s != '')
for s in missing:
    print('%s: "%s" has no Japanese in gen/vmsg.c' % (want[s], s))
sys.exit(1 if missing else 0)
EOF
}
t "messages: every message of the checks has its Japanese" catalog_complete

# A credential of a did:key issuer (a string), its subject without id:
# valid with a warning; --recipient cannot check it (exit 1).
subject_without_id() {
	site "$TMP/s"
	cd "$TMP/s"
	bg verify --now "$NOW" "$STRING_ISSUER" >"$TMP/out" ||
	    { cat "$TMP/out"; die "not valid"; }
	has "$TMP/out" ": valid (Open Badges 3.0, embedded proof, Ed25519Signature2020)"
	has "$TMP/out" "  warn    recipient  credentialSubject has neither an id nor an identifier"
	has "$TMP/out" "  pass    key        the key is the issuer's own DID did:key:z6Mkn"
	expect_status 1 bg verify --now "$NOW" --recipient a@example.org \
	    "$STRING_ISSUER" >"$TMP/out"
	has "$TMP/out" "  unknown recipient  the award identifies its recipient by no e-mail address: the recipient cannot be checked"
	expect_status 1 bg verify --now "$NOW" --recipient a@example.org \
	    --format json "$STRING_ISSUER" >"$TMP/json"
	has "$TMP/json" '"valid": true, "revoked": false, "expired": false, "recipient": false, "recipient_result": "unknown"'
	# An award that names the address still matches.
	bg verify --now "$NOW" --recipient alice@test.example \
	    content/awards/2026/alice.json >"$TMP/out" ||
	    { cat "$TMP/out"; die "alice does not match"; }
	has "$TMP/out" "  pass    recipient  issued to the given address"
}
t "verify: no subject id is a warning; --recipient says it cannot be checked" \
    subject_without_id

# LANG=ja_JP: Japanese, with the site's time zone (Asia/Tokyo in the
# minimal site); LC_ALL wins over LANG; JSON stays English with
# message_ja.
reader_language() {
	site "$TMP/s"
	cd "$TMP/s"
	grep -q '^timezone = Asia/Tokyo' site.conf || die "not Tokyo"
	LC_ALL= LC_MESSAGES= LANG=ja_JP.UTF-8 bg verify --now "$NOW" \
	    "$STRING_ISSUER" >"$TMP/ja" || die "not valid"
	has "$TMP/ja" ": 有効（Open Badges 3.0（Data Integrity 証明付き）、Ed25519Signature2020）"
	has "$TMP/ja" "  [警告] 文書の形式: VCDM 1.1（@context[0] https://www.w3.org/2018/credentials/v1）"
	has "$TMP/ja" "  [警告] 受領者: credentialSubject に Open Badges 3.0 が求める id も identifier もありません"
	has "$TMP/ja" "  [成功] 日付: 発行 2025年1月10日 0:06；有効期限なし"
	LC_ALL= LANG=en_US.UTF-8 LC_MESSAGES=ja_JP bg verify --now "$NOW" \
	    "$STRING_ISSUER" >"$TMP/ja2"
	cmp "$TMP/ja" "$TMP/ja2" || die "LC_MESSAGES=ja_JP is not Japanese"
	LC_ALL=C LANG=ja_JP.UTF-8 bg verify --now "$NOW" "$STRING_ISSUER" \
	    >"$TMP/en"
	has "$TMP/en" "  pass    dates      issued 10 January 2025, 00:06; no expiry"
	LANG=ja_JP.UTF-8 LC_ALL= bg verify --now "$NOW" --format json \
	    "$STRING_ISSUER" >"$TMP/json"
	has "$TMP/json" '"name": "dates", "result": "pass", "message": "issued 2025-01-09T15:06:31Z; no expiry", "message_ja": "発行 2025-01-09T15:06:31Z；有効期限なし"'
}
t "verify: LANG/LC_MESSAGES ja_JP gives Japanese with the site's dates; json stays English" \
    reader_language

# Built into a site: the DID issuer gets a page named by its DID, the
# award's checks are in Japanese with Tokyo dates in <time>, and an
# endorsement of the issuer and one of the badge are listed; a broken
# endorsement is a warning and leaves the award alone.
build_pages() {
	site "$TMP/s"
	cd "$TMP/s"
	sed -i 's/^lang = en$/lang = ja\nlanguages = ja en/' site.conf
	cp "$STRING_ISSUER" content/awards/2026/did.json
	cp "$ENDORSEMENT" content/endorsements.json
	# The endorsement names the issuer the site now has.
	sed -i 's|"id": "https://1edtech.edu/issuers/565049"|"id": "did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q"|' \
	    content/endorsements.json
	mkdir -p content/endorsements
	cat >content/endorsements/uni.json <<'EOF'
{
  "@context": "https://w3id.org/openbadges/v2",
  "type": "Endorsement",
  "id": "https://badges.test.example/endorsements/uni.json",
  "claim": {
    "id": "https://badges.test.example/badges/data.json",
    "endorsementComment": "Recognised by the *registry*."
  },
  "issuer": "https://badges.test.example/issuers/uni.json",
  "issuedOn": "2026-03-31T15:30:00Z",
  "verification": { "type": "HostedBadge" }
}
EOF
	printf '{"@context": "https://w3id.org/openbadges/v2", "type": "Endorsement", "id": "https://badges.test.example/endorsements/broken.json", "issuer": "https://badges.test.example/issuers/uni.json", "issuedOn": "2026-04-01T00:00:00Z"}\n' \
	    >content/endorsements/broken.json
	commit_all . "a DID issuer and endorsements"
	bg build --now "$NOW" --out "$TMP/o" 2>"$TMP/err" ||
	    { cat "$TMP/err"; die "build failed"; }
	has "$TMP/err" "warning: content/endorsements/broken.json:1:1: \$: \"claim\": expected an object whose id is what is endorsed; the endorsement is not listed"
	# The DID issuer's page, named by the Profile that the endorsement
	# (signed by the same DID) gives it.
	page=$(ls "$TMP"/o/issuers/*/index.html | grep -v '/uni/') ||
	    die "no page of the DID issuer"
	[ "$(echo "$page" | wc -l)" -eq 1 ] || die "issuer pages: $page"
	has "$page" '<h1>State Department of Education</h1>'
	has "$page" '<h2 id="h-endorsements">推薦</h2>'
	has "$page" '推薦者: State Department of Education'
	has "$page" '<p>1EdTech University is in good standing</p>'
	a=$TMP/o/awards/2026/did/index.html
	[ -f "$a" ] || die "no page of the DID issuer's award"
	has "$a" '<span class="check-name">受領者</span><span class="check-message">credentialSubject に Open Badges 3.0 が求める id も identifier もありません'
	has "$a" '発行 <time datetime="2025-01-09T15:06:31Z">2025年1月10日 0:06</time>'
	has "$TMP/o/en/awards/2026/did/index.html" 'issued <time datetime="2025-01-09T15:06:31Z">10 January 2025, 00:06</time>'
	# The badge's endorsement, hosted and verified.
	b=$TMP/o/badges/data/index.html
	has "$b" '推薦者: <a href="https://www.test.example/">Test University &lt;Registry &amp; Records&gt;</a>'
	has "$b" '<time datetime="2026-04-01T00:30:00+09:00">2026年4月1日</time>'
	has "$b" 'Recognised by the <em>registry</em>.'
	has "$b" 'endorsement-hosted'
	[ -f "$TMP/o/endorsements/uni.json" ] || die "the endorsement is not published"
	# A changed endorsement: listed as failed; the award stays.
	sed -i 's|"issuedOn": "2010-01-01T00:00:00Z"|"issuedOn": "2011-01-01T00:00:00Z"|' \
	    content/endorsements.json
	sed -i 's|"validFrom": "2010-01-01T00:00:00Z"|"validFrom": "2011-01-01T00:00:00Z"|' \
	    content/endorsements.json
	commit_all . "a tampered endorsement"
	bg build --now "$NOW" --out "$TMP/o2" 2>"$TMP/err2" ||
	    { cat "$TMP/err2"; die "a failing endorsement failed the build"; }
	has "$TMP/err2" "content/endorsements.json: the endorsement of did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q does not verify"
	page=$(ls "$TMP"/o2/issuers/*/index.html | grep -v '/uni/') ||
	    die "no page of the DID issuer"
	has "$page" 'endorsement-failed'
	[ -f "$TMP/o2/awards/2026/did/index.html" ] || die "the award is gone"
}
t "build: a DID issuer's page, Japanese checks with Tokyo dates, endorsements listed" \
    build_pages

# The contexts a controller document needs: an OB 2.0 profile with a
# verification method and only the Open Badges context fails the key
# check and names the contexts; with them, it passes.
controller_contexts() {
	site "$TMP/s"
	cd "$TMP/s"
	bg keygen --alg EdDSA --out "$TMP/k" >/dev/null || die "keygen"
	did=$(sed -n 's/.*"id": "\(did:key:[^"#]*\)".*/\1/p' "$TMP/k.did.json" | head -n 1)
	mb=${did#did:key:}
	iss=https://badges.test.example/issuers/uni.json
	cp content/issuers/uni.json "$TMP/uni.json"
	sed -i "s|^  \"id\": \"$iss\",\$|  \"id\": \"$iss\",\n  \"verificationMethod\": [{\"id\": \"$iss#k\", \"type\": \"Multikey\", \"controller\": \"$iss\", \"publicKeyMultibase\": \"$mb\"}],\n  \"assertionMethod\": [\"$iss#k\"],|" \
	    "$TMP/uni.json"
	# issue writes only what verify passes: the award is issued while
	# the profile has the contexts, which are then taken away.
	sed 's|^  "@context": "https://w3id.org/openbadges/v2",$|  "@context": ["https://w3id.org/openbadges/v2", "https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],|' \
	    "$TMP/uni.json" >content/issuers/uni.json
	commit_all . "a verification method"
	bg issue --format ob3-di --key "$TMP/k.pem" --key-id "$iss#k" \
	    --badge https://badges.test.example/badges/data.json \
	    --recipient c@example.org --name C --date 2026-05-01 \
	    >"$TMP/issue.out" 2>&1 || true
	f=$(ls content/awards/2026/*.json | grep -v -e alice -e bob -e carl | head -n 1)
	[ -n "$f" ] || { cat "$TMP/issue.out"; die "nothing issued"; }
	bg verify --worktree --now "$NOW" "$f" >"$TMP/out" ||
	    { cat "$TMP/out"; die "not valid with the contexts"; }
	has "$TMP/out" "  pass    key        the issuer $iss lists the key $iss#k under assertionMethod"
	cp "$TMP/uni.json" content/issuers/uni.json
	expect_status 1 bg verify --worktree --now "$NOW" "$f" >"$TMP/out"
	has "$TMP/out" "  fail    key        the controller document $iss lacks the JSON-LD context \"https://www.w3.org/ns/did/v1\" and \"https://w3id.org/security/multikey/v1\" in its @context"
}
t "verify: a controller document must define its key in JSON-LD" controller_contexts

# Proof sets: every proof of a known suite must verify (one changed
# proofValue of two fails the signature); a proof of an unknown type
# beside a verifying one is a warning.
proof_sets() {
	site "$TMP/s"
	cd "$TMP/s"
	both=$DCC/v1/bothSignatureTypes/didKey/noRegistry-noStatus-noExpiry.json
	bg verify --now "$NOW" "$both" >"$TMP/out" ||
	    { cat "$TMP/out"; die "not valid"; }
	has "$TMP/out" "  pass    signature  proof[0]: eddsa-rdfc-2022 proof by did:key:"
	has "$TMP/out" "; proof[1]: Ed25519Signature2020 proof by did:key:"
	# The second proof's value, one character changed.
	python3 - "$both" >"$TMP/changed.json" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
v = d["proof"][1]["proofValue"]
d["proof"][1]["proofValue"] = v[:10] + ("A" if v[10] != "A" else "B") + v[11:]
print(json.dumps(d, indent=2))
EOF2
	expect_status 1 bg verify --now "$NOW" "$TMP/changed.json" >"$TMP/out"
	has "$TMP/out" ": NOT valid (Open Badges 3.0, embedded proof)"
	has "$TMP/out" "; proof[1]: proof: signature does not match"
	# 1EdTech's vector: SomeProofType and an eddsa-rdfc-2022 proof.
	cp "$V/made/example-com-issuer.json" content/issuers/excom.json
	commit_all . "the vector's issuer"
	bg verify --now "$NOW" "$V/1edtech-dcpv/ob30/simple-multiple-proofs.json" \
	    >"$TMP/out" || { cat "$TMP/out"; die "not valid"; }
	has "$TMP/out" "  warn    signature  proof[0]: not checked: proof: unsupported proof type \"SomeProofType\"; proof[1]: eddsa-rdfc-2022 proof by https://example.com/issuers/876543#"
}
t "verify: every proof of a known suite must verify; an unknown one warns" \
    proof_sets

# An Open Badges 3.0 Profile without a name is an issuer named by its
# id; an Open Badges 2.0 Issuer without one is an error.
profile_name() {
	site "$TMP/s"
	cd "$TMP/s"
	cat >content/issuers/ob3.json <<'EOF2'
{
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  "id": "https://badges.test.example/issuers/ob3.json",
  "type": ["Profile"],
  "url": "https://www.test.example/"
}
EOF2
	commit_all . "an OB 3.0 profile without a name"
	bg build --now "$NOW" --out "$TMP/o" 2>"$TMP/err" ||
	    { cat "$TMP/err"; die "build failed"; }
	has "$TMP/o/issuers/ob3/index.html" "<h1>https://badges.test.example/issuers/ob3.json</h1>"
	printf '{"@context": "https://w3id.org/openbadges/v2", "type": "Issuer", "id": "https://badges.test.example/issuers/ob2.json", "url": "https://www.test.example/"}\n' \
	    >content/issuers/ob2.json
	commit_all . "an OB 2.0 issuer without a name"
	expect_status 1 bg build --now "$NOW" --out "$TMP/o2" 2>"$TMP/err"
	has "$TMP/err" "content/issuers/ob2.json:1:1: \$: missing member \"name\""
}
t "build: an OB 3.0 Profile needs no name; an OB 2.0 Issuer does" \
    profile_name

finish
