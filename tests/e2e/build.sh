#!/bin/sh
# build.sh - badgegen build end to end: real git repositories, real sites.
#
# Golden cases: tests/e2e/build/<case>/site is committed to a fresh
# repository, built with a pinned clock, and the output tree must equal
# tests/e2e/build/<case>/expected (UPDATE=1 rewrites it).  "example" is
# the project's own example site (site.conf and content/ at the top).
# Cases that read a built site build it first (built_example,
# built_minimal).
. "$(dirname "$0")/lib/lib.sh"
E2E=$TOP/tests/e2e/build
NOW=2026-11-01T00:00:00Z

# example_src: the example site's files in $TMP/example-src.
example_src() {
	mkdir -p "$TMP/example-src"
	cp -R "$TOP/site.conf" "$TOP/content" "$TMP/example-src/"
}

# built_example: the example site built into $TMP/example.out.
built_example() {
	example_src
	new_repo "$TMP/example" "$TMP/example-src"
	(cd "$TMP/example" && bg build --now "$NOW" --out "$TMP/example.out" \
	    --quiet) || die "the example site does not build"
}

# built_minimal: the minimal site in $TMP/priv, built into $TMP/priv.out.
built_minimal() {
	new_repo "$TMP/priv" "$E2E/minimal/site"
	(cd "$TMP/priv" && bg build --now "$NOW" --out "$TMP/priv.out" \
	    --quiet) || die "the minimal site does not build"
}

golden() {
	name=$1 site=$2
	repo=$TMP/$name
	new_repo "$repo" "$site"
	(cd "$repo" && bg build --now "$NOW" --out "$TMP/$name.out") \
	    >"$TMP/$name.stderr" 2>&1
	status=$?
	[ "$status" -eq 0 ] || { cat "$TMP/$name.stderr"; die "exit status $status"; }
	same_tree "$E2E/$name/expected" "$TMP/$name.out"
}

example_site() {
	example_src
	golden example "$TMP/example-src"
}

t "golden: minimal site" golden minimal "$E2E/minimal/site"
t "golden: the example site" example_site
t "golden: the site of the authoring guide" golden authoring "$E2E/authoring/site"
t "golden: an Open Badges 3.0 award with results, in ja and en" \
    golden ob3 "$E2E/ob3/site"

# Open Badges 3.0 fields: the achievement's facts and result
# descriptions, the award's results, in the words of each language;
# schema.org terms in the JSON-LD; no empty block for an OB 2.0 badge.
ob3_fields() {
	new_repo "$TMP/ob3" "$E2E/ob3/site"
	(cd "$TMP/ob3" && bg build --now "$NOW" --out "$TMP/ob3.out" \
	    --quiet) || die "the ob3 site does not build"
	ja=$TMP/ob3.out/awards/2026/ds-course-0001/index.html
	en=$TMP/ob3.out/en/awards/2026/ds-course-0001/index.html
	for f in "$ja" "$en" "$TMP/ob3.out/badges/ds-course/index.html" \
	    "$TMP/ob3.out/en/badges/ds-course/index.html"; do
		[ -f "$f" ] || die "no page $f"
		grep -q '<dd>DS-201</dd>' "$f" || die "$f: no humanCode"
		grep -q '<dd>データサイエンス</dd>' "$f" || die "$f: no fieldOfStudy"
		grep -q '<dd>統計的機械学習</dd>' "$f" || die "$f: no specialization"
		grep -q '<th scope="row">標準 <span class="pill">' "$f" ||
		    die "$f: the required rubric level is not marked"
	done
	grep -q '<dt>単位数</dt>' "$ja" || die "ja: no credits label"
	grep -q '<dd>授業科目</dd>' "$ja" || die "ja: achievementType not in Japanese"
	grep -q '<dt>Credits</dt>' "$en" || die "en: no credits label"
	grep -q '<dd>Course</dd>' "$en" || die "en: achievementType not in English"
	grep -q '<h2 id="h-results">Results</h2>' "$en" || die "en: no results block"
	grep -q '<strong>86</strong> / 100' "$en" || die "en: the score and its maximum"
	grep -q '<strong>優秀</strong> (Points: 3)' "$en" ||
	    die "en: the achieved level by its name"
	grep -q '<strong>Completed</strong>' "$en" || die "en: the status in English"
	grep -q '<strong>修了</strong>' "$ja" || die "ja: the status in Japanese"
	grep -q 'Aligned to: <span class="result-skill"><a href="https://www.ob3.example/skills/explaining">' \
	    "$en" || die "en: the alignment of a result"
	grep -q '<dt>Credits earned</dt>' "$en" || die "en: creditsEarned"
	grep -q '"credentialCategory":{"@type":"DefinedTerm","name":"Course","termCode":"Course"}' \
	    "$en" || die "JSON-LD: credentialCategory"
	grep -q '{"@type":"PropertyValue","propertyID":"humanCode","value":"DS-201"}' \
	    "$en" || die "JSON-LD: humanCode"
	grep -q '"about":{"@type":"Thing","name":"データサイエンス"}' "$en" ||
	    die "JSON-LD: fieldOfStudy"
	# What the achievement does not describe is shown as written: a
	# result of another description, a level of no rubric, an ext: status.
	two=$TMP/ob3.out/en/awards/2026/ds-course-0002/index.html
	grep -q '<dt>Result</dt>' "$two" || die "a result of no description is not named Result"
	grep -q '<strong>urn:uuid:2f0f0f8e-7a43-4d0a-9a55-2b1f5a6c0b99</strong>' "$two" ||
	    die "an unknown level is not shown as written"
	grep -q '<strong>Audited</strong>' "$two" || die "an ext: status is not shown without ext:"
	! grep -q 'Credits earned' "$two" || die "credits earned shown without creditsEarned"
	# The badge page shows no results of an award, only what they measure.
	! grep -q 'h-results' "$TMP/ob3.out/badges/ds-course/index.html" ||
	    die "the badge page shows an award's results"
	built_example
	p=$TMP/example.out/awards/2026/ai-basics-0001/index.html
	for id in h-achievement h-result-descriptions h-results; do
		! grep -q "$id" "$p" || die "an OB 2.0 award shows an empty $id block"
	done
	grep -q '"credentialCategory":"badge"' "$p" ||
	    die "JSON-LD: a badge without achievementType is not a badge"
}
t "Open Badges 3.0 fields on the award and badge pages" ob3_fields

# Share-ready pages: the share card as og:image, the QR code, the copy
# block and the copy script; issue and expiry months in the site's zone.
share_ready() {
	built_example
	built_minimal
	out=$TMP/example.out
	p=$out/awards/2026/ai-basics-0001/index.html
	[ -f "$p" ] || die "no example award page"
	grep -q '<meta property="og:image" content="https://badges.example.ac.jp/badges/ai-basics.card.png">' "$p" ||
	    die "og:image is not the absolute URL of the card"
	grep -q '<meta property="og:image:width" content="1200">' "$p" || die "og:image:width"
	grep -q '<meta property="og:image:height" content="630">' "$p" || die "og:image:height"
	grep -q '<meta property="og:image:alt" content="AI・データサイエンス基礎 バッジ">' "$p" ||
	    die "og:image:alt"
	grep -q '<meta name="twitter:card" content="summary_large_image">' "$p" ||
	    die "twitter:card is not summary_large_image"
	# The card: a PNG whose IHDR says 1200 x 630.
	c=$out/badges/ai-basics.card.png
	[ -f "$c" ] || die "no card file"
	[ "$(od -An -tx1 -j0 -N8 "$c" | tr -d ' \n')" = 89504e470d0a1a0a ] || die "the card is not a PNG"
	[ "$(od -An -tx1 -j16 -N8 "$c" | tr -d ' \n')" = 000004b000000276 ] ||
	    die "the card is not 1200x630"
	grep -q '<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 41 41" role="img" aria-label="このページの URL の QR コード" shape-rendering="crispEdges"><rect width="41" height="41" fill="#fff"/><path fill="#000" d="M4 4h7v1h-7z' "$p" ||
	    die "no QR code svg"
	# One path a code: the share section's and the certificate's.
	[ "$(grep -o '<path ' "$p" | wc -l)" -eq 2 ] || die "not one path a QR code"
	[ "$(grep -o 'class="qr"' "$p" | wc -l)" -eq 2 ] || die "not two QR codes"
	for f in 'cp-name" class="copy-input" type="text" readonly value="AI・データサイエンス基礎"' \
	    'cp-org" class="copy-input" type="text" readonly value="架空大学 学務部"' \
	    'cp-issued" class="copy-input" type="text" readonly value="2026年4月"' \
	    'cp-expires" class="copy-input" type="text" readonly value="有効期限なし"' \
	    'cp-id" class="copy-input" type="text" readonly value="https://badges.example.ac.jp/awards/2026/ai-basics-0001.json"' \
	    'cp-url" class="copy-input" type="text" readonly value="https://badges.example.ac.jp/awards/2026/ai-basics-0001/"' \
	    'share-url" class="copy-input" type="text" readonly value="https://badges.example.ac.jp/awards/2026/ai-basics-0001/"'; do
		grep -qF "<input id=\"$f>" "$p" || die "copy block: no $f"
	done
	[ "$(grep -c 'class="button copy" data-copy="[a-z-]*"[^>]* hidden>' "$p")" -eq 8 ] ||
	    die "not eight copy buttons, hidden until the script runs"
	grep -qF '<textarea id="cp-embed" class="copy-input" rows="3" readonly aria-describedby="embed-help">&lt;a href=&quot;https://badges.example.ac.jp/awards/2026/ai-basics-0001/&quot;&gt;&lt;img src=&quot;https://badges.example.ac.jp/badges/ai-basics.png&quot; alt=&quot;AI・データサイエンス基礎 バッジ&quot; width=&quot;160&quot;&gt;&lt;/a&gt;</textarea>' "$p" ||
	    die "no embed snippet"
	grep -q 'id="copy-status" class="copy-status" role="status" aria-live="polite" data-copied="コピーしました"' "$p" ||
	    die "no live region"
	grep -qF '<script src="../../../assets/badgegen.js" defer></script>' "$p" || die "no script tag"
	grep -qF '<script src="../../../assets/verify.js" defer></script>' "$p" ||
	    die "no verifier script tag"
	[ "$(grep -c '<script' "$p")" -eq 3 ] ||
	    die "a script other than JSON-LD, badgegen.js and verify.js"
	! grep -qE '<[a-z][^>]* on[a-z]+=' "$p" || die "an inline event handler"
	cmp "$out/assets/badgegen.js" "$TOP/templates/static/assets/badgegen.js" ||
	    die "badgegen.js not published"
	grep -q 'readonly value="2027年5月"' "$out/awards/2026/infosec-intro-0001/index.html" ||
	    die "no expiry month"
	# 2026-03-31T15:30Z is April in Tokyo, and so is the expiry.
	a=$TMP/priv.out/awards/2026/alice/index.html
	grep -qF 'id="cp-issued" class="copy-input" type="text" readonly value="April 2026"' "$a" ||
	    die "alice: issue month not in the site's zone"
	grep -qF 'id="cp-expires" class="copy-input" type="text" readonly value="April 2027"' "$a" ||
	    die "alice: expiry month"
	grep -qF 'readonly value="Test University &lt;Registry &amp; Records&gt;"' "$a" ||
	    die "alice: organisation not escaped"
	[ -f "$TMP/priv.out/badges/data.card.png" ] || die "alice: no card"
}

# A revoked award has none of the share parts, and no card file.
revoked_not_share_ready() {
	built_minimal
	p=$TMP/priv.out/awards/2026/carl/index.html
	[ -f "$p" ] || die "no page for the revoked award"
	for x in 'og:image' 'summary_large_image' 'card.png' 'class="qr"' \
	    '<svg' 'cp-' 'copy-status' 'badgegen.js' 'data-copy' 'profile/add'; do
		! grep -qF "$x" "$p" || die "revoked award page has $x"
	done
	for x in 'has-certificate' 'class="certificate"' 'data-print'; do
		! grep -qF "$x" "$p" || die "revoked award page has $x"
	done
	grep -q '<meta name="twitter:card" content="summary">' "$p" || die "no plain twitter card"
	[ ! -e "$TMP/priv.out/awards/2026/carl.card.png" ] || die "a card for the revoked award"
}

# The printable certificate: a print control (hidden until the script
# runs), the body class the print style keys on, and the certificate's
# facts, Japanese first, with the criteria as one line of plain text.
certificate() {
	built_example
	p=$TMP/example.out/awards/2026/ai-basics-0001/index.html
	grep -qF '<body class="kind-award has-certificate">' "$p" ||
	    die "no has-certificate body class"
	grep -qF '<button type="button" class="button" data-print hidden>印刷 / Print</button>' "$p" ||
	    die "no print control"
	for f in '<h2 id="h-certificate" class="cert-title">修了証 <span class="cert-sub">Certificate</span></h2>' \
	    '<dt>氏名 <span class="cert-sub">Name</span></dt>' \
	    '<dd class="cert-recipient">山田 太郎</dd>' \
	    '<dd class="cert-badge">AI・データサイエンス基礎</dd>' \
	    '<dd>架空大学 学務部</dd>' \
	    '<dd><time datetime="2026-04-01T09:00:00+09:00">2026年4月1日</time></dd>' \
	    '<dd class="cert-criteria">次の要件をすべて満たした方に授与します。 1. 全学共通科目「データサイエンス入門」（2単位）を修得していること 2. ' \
	    '<span class="break">https://badges.example.ac.jp/awards/2026/ai-basics-0001/</span></p>'; do
		grep -qF "$f" "$p" || die "certificate: no $f"
	done
	# The criteria are cut at 300 bytes, at a character.
	c=$(sed -n 's/.*<dd class="cert-criteria">\(.*\)<\/dd>.*/\1/p' "$p")
	[ "$(printf '%s' "$c" | wc -c)" -le 303 ] || die "criteria longer than 300 bytes"
	case "$c" in *…) ;; *) die "long criteria not cut with …" ;; esac
	printf '%s' "$c" | iconv -f UTF-8 -t UTF-8 >/dev/null || die "criteria cut inside a character"
	# The English page: the same Japanese-first labels, English dates.
	e=$TMP/example.out/en/awards/2026/ai-basics-0001/index.html
	grep -qF '<dt>授与日 <span class="cert-sub">Date awarded</span></dt>' "$e" ||
	    die "English page: no Japanese-first label"
	grep -qF '<dd><time datetime="2026-04-01T09:00:00+09:00">1 April 2026</time></dd>' "$e" ||
	    die "English page: no English date"
	grep -qF '@page certificate {' "$TMP/example.out/assets/badgegen.css" ||
	    die "no certificate page in the stylesheet"
}
t "printable certificate on award pages" certificate

# An SVG badge cannot be rasterised: no card, no og:image, a plain
# summary card; the QR code and the copy block are still there.
svg_badge_no_card() {
	new_repo "$TMP/svg" "$E2E/minimal/site"
	cd "$TMP/svg"
	git rm -q content/badges/data.png
	cp "$TOP/tests/data/bake/moz-bakery-unbaked.svg" content/badges/data.svg
	sed 's/data\.png/data.svg/' content/badges/data.json > x && mv x content/badges/data.json
	commit_all . "svg badge"
	bg build --now "$NOW" --out "$TMP/svg.out" --quiet || die "build failed"
	p=$TMP/svg.out/awards/2026/alice/index.html
	[ -f "$TMP/svg.out/awards/2026/alice.svg" ] || die "no baked SVG"
	! ls "$TMP/svg.out/awards/2026" | grep -q 'card' || die "a card for an SVG badge"
	! grep -q 'og:image' "$p" || die "og:image for an SVG badge"
	grep -q '<meta name="twitter:card" content="summary">' "$p" || die "not a summary card"
	grep -q 'class="qr"' "$p" || die "no QR code"
	grep -q 'id="cp-embed"' "$p" || die "no embed snippet"
}
t "an SVG badge gets no share card and no og:image" svg_badge_no_card
# The example's collections: their addresses (the sidecars hold them) and
# the awards' identity hashes are nowhere in the site's pages.
example_collections() {
	built_example
	o=$TMP/example.out
	for r in taro-yamada sakura-ito; do
		[ -f "$o/recipients/$r/index.html" ] || die "no page for $r"
		[ -f "$o/en/recipients/$r/index.html" ] || die "no English page for $r"
		for e in $(sed -n 's/^identities *= *//p' "$TOP/content/recipients/$r.conf"); do
			! grep -rlF "$e" "$o" || die "$e above"
		done
	done
	grep -q 'href="../../awards/2026/ds-pbl-6f8650cc60/"' \
	    "$o/recipients/sakura-ito/index.html" || die "the OB 3.0 identifier did not match"
	! grep -rlE -e 'sha256\$' -e 'ab8ed13875fd255c' -e 'fc535508d1387e85' "$o" --include='*.html' ||
	    die "an identity hash in HTML above"
}
t "example collections: no address, no hash in pages" example_collections

# Two builds of one commit are byte-identical, wherever they run.
deterministic() {
	new_repo "$TMP/det" "$E2E/minimal/site"
	cd "$TMP/det"
	bg build --now "$NOW" --out "$TMP/det1" --quiet || die "first build"
	SOURCE_DATE_EPOCH=1793491200 bg build --out "$TMP/det2" --quiet ||
	    die "second build"
	diff -r "$TMP/det1" "$TMP/det2"
	# The number of threads changes nothing.
	for j in 1 3; do
		bg build --now "$NOW" --jobs $j --out "$TMP/det-j$j" --quiet ||
		    die "build --jobs $j"
		diff -r "$TMP/det1" "$TMP/det-j$j" || die "--jobs $j differs"
	done
	expect_status 2 bg build --jobs 0 --out "$TMP/x" 2>/dev/null
}
t "two builds of one commit are byte-identical" deterministic

# Verification results are kept between builds, and time is re-evaluated:
# a build after alice's expiry reuses nothing stale.
verify_cache() {
	new_repo "$TMP/vc" "$E2E/minimal/site"
	cd "$TMP/vc"
	bg build --now "$NOW" --out "$TMP/vc.out" 2>"$TMP/vc1.err" || die "first build"
	grep -q '(2 verified, 0 unchanged' "$TMP/vc1.err" || die "first build: $(cat "$TMP/vc1.err")"
	[ -f "$TMP/.vc.out.verify-cache" ] || die "no cache beside the output"
	cp "$TMP/.vc.out.verify-cache" "$TMP/vc1.cache"
	bg build --now "$NOW" --full --out "$TMP/vc.out" 2>"$TMP/vc2.err" || die "second build"
	grep -q '(0 verified, 2 unchanged' "$TMP/vc2.err" || die "second build: $(cat "$TMP/vc2.err")"
	# The results are written as they come, to a file renamed at the end.
	cmp "$TMP/vc1.cache" "$TMP/.vc.out.verify-cache" || die "the cache changed"
	[ "$(head -n 1 "$TMP/vc1.cache" | cut -d' ' -f1)" = badgegen-verify-cache ] ||
	    die "no magic line"
	[ "$(wc -l <"$TMP/vc1.cache")" -eq 3 ] || die "not one line a result"
	for f in "$TMP"/.vc.out.verify-cache.*; do
		[ ! -e "$f" ] || die "temporary file left: $f"
	done
	bg build --now "$NOW" --out "$TMP/vc.first" --quiet || die "another first build"
	diff -r "$TMP/vc.out" "$TMP/vc.first"
	bg build --now 2027-06-01T00:00:00Z --out "$TMP/vc.out" 2>"$TMP/vc3.err" ||
	    die "build after the expiry"
	grep -q '(1 verified, 1 unchanged' "$TMP/vc3.err" || die "after expiry: $(cat "$TMP/vc3.err")"
	grep -q 'notice-warn' "$TMP/vc.out/awards/2026/alice/index.html" ||
	    die "alice is not shown as expired"
	rm -f "$TMP/.vc.out.verify-cache"
	bg build --now 2027-06-01T00:00:00Z --out "$TMP/vc.fresh" --quiet || die "fresh build"
	diff -r "$TMP/vc.fresh" "$TMP/vc.out"
	echo 'garbage	line' >> "$TMP/.vc.out.verify-cache"
	bg build --now 2027-06-01T00:00:00Z --out "$TMP/vc.out" --quiet || die "damaged cache"
	diff -r "$TMP/vc.fresh" "$TMP/vc.out"
}
t "verification results are reused until anything or the date changes" verify_cache

# The private award: no page, no JSON, no name, no address anywhere.
private_leaves_no_trace() {
	built_minimal
	[ -f "$TMP/priv.out/awards/2026/alice/index.html" ] || die "no alice page"
	[ ! -e "$TMP/priv.out/awards/2026/bob" ] || die "bob has a page"
	[ ! -e "$TMP/priv.out/awards/2026/bob.json" ] || die "bob's JSON is published"
	! grep -rl -e "Bob Private" -e "bob.private" -e "bob.json" \
	    -e "36deaf96" "$TMP/priv.out" || die "a trace of bob above"
	! grep -rl -e "sha256\\$" "$TMP/priv.out" --include='*.html' ||
	    die "an identity hash in HTML above"
}
t "a private award leaves no trace" private_leaves_no_trace

# Recipient collections: alice opts in with two addresses (her award and
# the revoked one hashed with the second), bob's only award is private,
# dora is not public.  No address, and no hash, reaches a page.
collections() {
	built_minimal
	o=$TMP/priv.out
	a=$o/recipients/alice/index.html
	[ -f "$a" ] || die "no page for alice"
	[ -f "$o/recipients/bob/index.html" ] || die "no page for bob"
	[ ! -e "$o/recipients/dora" ] || die "dora is not public"
	# Collections are kept from search engines by default.
	! grep -q 'recipients/' "$o/sitemap.xml" || die "a collection in the sitemap"
	grep -q '<meta name="robots" content="noindex">' "$a" || die "alice's page is indexable"
	[ "$(grep -c 'data-filter=' "$a")" -eq 2 ] || die "alice has not two awards"
	grep -q 'href="../../awards/2026/carl/"' "$a" || die "the second address did not match"
	! grep -q 'data-filter=' "$o/recipients/bob/index.html" || die "bob's private award listed"
	! grep -q 'awards/2026/bob' "$o/recipients/bob/index.html" || die "bob's private award linked"
	tr -d '\n' < "$a" | grep -q '<dt>Revoked</dt><dd>1</dd>' || die "revoked count"
	tr -d '\n' < "$a" | grep -q '<dt>Badges</dt><dd>2</dd>' || die "badge count"
	grep -q '<form class="filter" id="collection-filter" method="get" action="" hidden>' "$a" ||
	    die "the filter form is not hidden without JavaScript"
	grep -q '<option value="year-2026">2026</option>' "$a" || die "no year filter"
	grep -q '<option value="issuer-1">' "$a" || die "no issuer filter"
	grep -q 'data-filter="issuer-1 skill-1 skill-2 year-2026"' "$a" || die "no filter tokens"
	grep -q 'src="../../assets/collection.js"' "$a" || die "no filter script"
	[ -f "$o/assets/collection.js" ] || die "collection.js not published"
	! grep -q 'marker-new' "$a" || die "NEW seven months later"
	! grep -rlF -e alice@test.example -e alice@old.test.example \
	    -e bob.private@test.example -e dora.hidden@test.example -e "Dora Hidden" "$o" ||
	    die "a recipient address above"
	! grep -rlE -e 'sha256\$' -e '60cbf8c10c5f4111' -e 'becfa4d50eeda45b' -e '36deaf96d8c09471' \
	    "$o" --include='*.html' || die "an identity hash in HTML above"
}
t "recipient collections" collections

# NEW marks awards issued within new_days (30) of the build date.
collection_new() {
	built_minimal
	cd "$TMP/priv"
	bg build --now 2026-04-10T00:00:00Z --out "$TMP/new.out" --quiet ||
	    die "build failed"
	grep -q '<p class="marker marker-new">NEW</p>' \
	    "$TMP/new.out/recipients/alice/index.html" || die "no NEW marker"
}
t "NEW marker within new_days of the build date" collection_new

# A recipient file with a bad slug is an error that names it.
collection_bad_slug() {
	new_repo "$TMP/slug" "$E2E/minimal/site"
	cd "$TMP/slug"
	cp content/recipients/alice.conf content/recipients/Alice_B.conf
	printf 'name = X\nidentities = not-an-address\n' > content/recipients/x.conf
	commit_all . "bad recipients"
	expect_status 1 bg build --now "$NOW" --out "$TMP/slug.out" 2>"$TMP/slug.err"
	cat "$TMP/slug.err"
	grep -q 'content/recipients/Alice_B.conf: .*slug' "$TMP/slug.err" || die "bad slug not named"
	grep -q 'content/recipients/x.conf:2: identities' "$TMP/slug.err" || die "bad address not named"
	[ -f "$TMP/slug.out/recipients/alice/index.html" ] || die "alice not built"
	[ ! -e "$TMP/slug.out/recipients/Alice_B" ] || die "bad slug built"
}
t "recipient files: bad slugs and addresses are reported" collection_bad_slug

# Share links: months count from 1 in the site's time zone (Asia/Tokyo):
# issued 2026-03-31T15:30Z is April in Tokyo, and so is the expiry.
share_links() {
	built_minimal
	p=$TMP/priv.out/awards/2026/alice/index.html
	grep -q 'profile/add?startTask=CERTIFICATION_NAME&amp;name=Data%20Literacy&amp;organizationName=Test%20University%20%3CRegistry%20%26%20Records%3E&amp;issueYear=2026&amp;issueMonth=4&amp;expirationYear=2027&amp;expirationMonth=4&amp;certUrl=https%3A%2F%2Fbadges.test.example%2Fawards%2F2026%2Falice%2F&amp;certId=https%3A%2F%2Fbadges.test.example%2Fawards%2F2026%2Falice.json' "$p" ||
	    die "LinkedIn add-to-profile link"
	grep -q 'sharer.php?u=https%3A%2F%2Fbadges.test.example%2Fawards%2F2026%2Falice%2F"' "$p" ||
	    die "Facebook link"
	grep -q '"@type":"EducationalOccupationalCredential"' "$p" || die "JSON-LD"
	grep -q '"name":"Alice \\u003cExample\\u003e"' "$p" && die "recipient in JSON-LD"
	! grep -q '</script>.*</script>' "$p" || die "script closed early"
}
t "share links and JSON-LD" share_links

# A revoked award keeps its page, says so with the reason, and has no
# share links; a verified one lists its checks.
revoked_and_verified() {
	built_minimal
	p=$TMP/priv.out/awards/2026/carl/index.html
	[ -f "$p" ] || die "no page for the revoked award"
	grep -q 'notice-error' "$p" || die "no revoked notice"
	grep -q 'Issued in error' "$p" || die "no reason"
	! grep -q 'sharer.php' "$p" || die "share links on a revoked award"
	grep -q 'status-revoked' "$p" || die "status is not revoked"
	a=$TMP/priv.out/awards/2026/alice/index.html
	grep -q 'status-hosted' "$a" || die "alice is not hosted-verified"
	grep -q 'check-pass' "$a" || die "no checks listed"
	grep -q 'Verified on' "$a" || die "no verification date"
}
t "revoked and verified award pages" revoked_and_verified
t "share-ready award pages: card, QR code, copy block, script" share_ready
t "a revoked award has no share card, QR code or copy block" revoked_not_share_ready

# bad_site: the minimal site in $TMP/bad with three bad awards; cd there.
bad_site() {
	new_repo "$TMP/bad" "$E2E/minimal/site"
	cd "$TMP/bad"
	printf '{\n  "type": "Assertion",\n  "id": "x",\n  "id": "y"\n}\n' \
	    > content/awards/2026/dup.json
	sed 's/badges\/data.json"/badges\/missing.json"/; s/alice/carol/g' \
	    content/awards/2026/alice.json > content/awards/2026/carol.json
	sed 's|https://badges.test.example/awards/2026/alice.json|https://elsewhere.example/dave.json|' \
	    content/awards/2026/alice.json > content/awards/2026/dave.json
	commit_all . "bad awards"
}

# One bad award is reported with its place and left out; the rest builds.
bad_awards() {
	bad_site
	expect_status 1 bg build --now "$NOW" --out "$TMP/bad.out" 2>"$TMP/bad.err"
	cat "$TMP/bad.err"
	grep -q 'content/awards/2026/dup.json:4:9: \$: duplicate member "id"' \
	    "$TMP/bad.err" || die "no place for the duplicate member"
	grep -q 'content/awards/2026/carol.json:.*badge class https://badges.test.example/badges/missing.json is not in the repository' \
	    "$TMP/bad.err" || die "no message for the missing badge class"
	[ -f "$TMP/bad.out/awards/2026/alice/index.html" ] || die "alice not built"
	[ ! -e "$TMP/bad.out/awards/2026/carol" ] || die "carol built"
	grep -q 'content/awards/2026/dave.json: not published: signature fail: .*must be published at its id' \
	    "$TMP/bad.err" || die "no message for the award that fails verification"
	[ ! -e "$TMP/bad.out/awards/2026/dave" ] || die "dave built"
	[ ! -e "$TMP/bad.out/awards/2026/dave.json" ] || die "dave's JSON published"
}
t "bad awards are reported and left out, exit 1" bad_awards

strict_writes_nothing() {
	bad_site
	expect_status 1 bg build --strict --now "$NOW" --out "$TMP/strict.out" \
	    2>"$TMP/strict.err"
	cat "$TMP/strict.err"
	[ ! -e "$TMP/strict.out" ] || die "--strict wrote a site"
	# every error is reported, not only the first
	for f in dup carol dave; do
		grep -q "^error: content/awards/2026/$f.json" "$TMP/strict.err" ||
		    die "$f.json is not reported"
	done
	grep -q '^not built (--strict): 3 awards left out because of errors, [0-9]* errors; .*strict.out is unchanged$' \
	    "$TMP/strict.err" || die "no word that nothing was written"
	# over a site built before: not a byte changes
	new_repo "$TMP/good" "$E2E/minimal/site"
	(cd "$TMP/good" && bg build --now "$NOW" --out "$TMP/strict.out" --quiet) ||
	    die "the good site does not build"
	cp -R "$TMP/strict.out" "$TMP/strict.before"
	expect_status 1 bg build --strict --now "$NOW" --out "$TMP/strict.out" 2>/dev/null
	diff -r "$TMP/strict.before" "$TMP/strict.out" || die "--strict changed the site"
	ls -a "$TMP" | grep 'staging\|\.tmp$' && die "leftovers"
	# a dry run writes nothing either, beside the output neither
	ls -la --time-style=+%s%N "$TMP" "$TMP/strict.out" | grep 'strict\.out' \
	    > "$TMP/ls.before"
	expect_status 1 bg build --dry-run --now "$NOW" --out "$TMP/strict.out" \
	    2>"$TMP/dry.err"
	ls -la --time-style=+%s%N "$TMP" "$TMP/strict.out" | grep 'strict\.out' \
	    > "$TMP/ls.after"
	diff "$TMP/ls.before" "$TMP/ls.after" || die "the dry run changed files"
	grep -q '^dry run, nothing written to .*: .* files: [0-9]* to write, [0-9]* kept, [0-9]* to remove$' \
	    "$TMP/dry.err" || die "no dry-run summary: $(cat "$TMP/dry.err")"
}
t "--strict reports every error and changes nothing; --dry-run writes nothing" strict_writes_nothing

# A page that was published and is no longer made is named with why:
# the award now fails (its page must not stay to say it verified), it
# is private now, or its source is gone.
removed_pages_named() {
	new_repo "$TMP/rm" "$E2E/minimal/site"
	cd "$TMP/rm"
	printf 'languages = en ja\n' >> site.conf
	commit_all . "two languages"
	bg build --now "$NOW" --out "$TMP/rm.out" --quiet || die "first build"
	sed -i 's/"salt": "s1"/"salt": "s1", "salt": "s2"/' content/awards/2026/alice.json
	printf 'visibility = private\n' > content/awards/2026/carl.conf
	commit_all . "alice broken, carl private"
	expect_status 1 bg build --now "$NOW" --out "$TMP/rm.out" 2>"$TMP/rm.err"
	cat "$TMP/rm.err"
	for l in en/awards/2026/alice/index.html awards/2026/alice/index.html \
	    ja/awards/2026/alice/index.html; do
		[ ! -e "$TMP/rm.out/$l" ] || die "$l stays"
	done
	grep -q "^removed $TMP/rm.out/awards/2026/alice/index.html: its award is left out because of errors (above)" \
	    "$TMP/rm.err" || die "alice's page is not named"
	grep -q "^removed $TMP/rm.out/ja/awards/2026/alice/index.html: its award is left out" \
	    "$TMP/rm.err" || die "alice's Japanese page is not named"
	grep -q "^removed $TMP/rm.out/awards/2026/carl/index.html: its award is private now" \
	    "$TMP/rm.err" || die "carl's page is not named"
	[ "$(grep -c '^removed ' "$TMP/rm.err")" -eq 4 ] || die "not four pages"
	# --quiet: the removals because of errors only
	git tag broken
	git checkout -q HEAD~1 -- content/awards/2026/alice.json
	git rm -q content/awards/2026/carl.conf
	commit_all . "fixed"
	git tag fixed
	bg build --now "$NOW" --out "$TMP/rm.out" --quiet || die "fixed build"
	# --full says what it removes too
	git rm -q content/awards/2026/carl.json
	commit_all . "carl gone"
	bg build --now "$NOW" --out "$TMP/rm.out" --full 2>"$TMP/rm.err" || die "full build"
	cat "$TMP/rm.err"
	grep -q "^removed $TMP/rm.out/awards/2026/carl/index.html: no longer made" \
	    "$TMP/rm.err" || die "carl's page is not named by --full"
	[ ! -e "$TMP/rm.out/awards/2026/carl" ] || die "carl's page stays"
	git rm -q content/recipients/alice.conf
	git checkout -q broken -- content/awards/2026/alice.json
	commit_all . "alice's collection gone, her award broken"
	expect_status 1 bg build --now "$NOW" --out "$TMP/rm.out" --quiet 2>"$TMP/rm.err"
	cat "$TMP/rm.err"
	grep -q "^removed .*/awards/2026/alice/index.html: its award is left out" \
	    "$TMP/rm.err" || die "--quiet hides a removal because of an error"
	[ ! -e "$TMP/rm.out/recipients/alice" ] || die "the collection stays"
	! grep -q '^removed .*recipients' "$TMP/rm.err" ||
	    die "--quiet shows a removal that is not because of an error"
}
t "a build names every published page it removes, and why" removed_pages_named

# --worktree is for previews: never into the published output unless
# --out names it.
worktree_preview() {
	new_repo "$TMP/wt" "$E2E/minimal/site"
	cd "$TMP/wt"
	bg build --now "$NOW" --quiet || die "build"
	cp -R public "$TMP/public.before"
	sed -i 's/Data Literacy/Data Literacy (draft)/' content/badges/data.json
	bg build --worktree --now "$NOW" 2>"$TMP/wt.err" || die "preview"
	cat "$TMP/wt.err"
	diff -r "$TMP/public.before" public || die "--worktree changed public/"
	grep -q 'Data Literacy (draft)' public.preview/badges/data/index.html ||
	    die "no preview in public.preview/"
	grep -q "^built public.preview: " "$TMP/wt.err" ||
	    die "the summary does not name the preview"
	bg build --worktree --now "$NOW" --out public --quiet || die "--out public"
	grep -q 'Data Literacy (draft)' public/badges/data/index.html ||
	    die "--out public did not write public/"
	# init's .gitignore keeps the preview out of git
	bg init "$TMP/fresh" >/dev/null || die "init"
	cd "$TMP/fresh" && bg build --worktree --quiet ||
	    die "preview of a new site"
	touch .public.preview.verify-cache.1.tmp
	[ -z "$(git status --porcelain)" ] || die "not ignored: $(git status --porcelain)"
}
t "--worktree writes a preview beside the output, never into it" worktree_preview

# Whatever an interrupted build left beside the output is removed by the
# next build, also one that finds nothing to do, whatever process made it.
leftovers_removed() {
	built_minimal
	cd "$TMP/priv"
	mkdir -p "$TMP/.priv.out.staging-Ab12Cd/awards" "$TMP/.priv.out.old-Xy98Zw"
	touch "$TMP/.priv.out.staging-Ab12Cd/awards/x.html" \
	    "$TMP/.priv.out.verify-cache.4242.tmp" "$TMP/.priv.out.journal-tmp"
	bg build --now "$NOW" --out "$TMP/priv.out" 2>"$TMP/err" || die "build"
	grep -q 'nothing changed since the last build' "$TMP/err" || die "$(cat "$TMP/err")"
	[ "$(ls -A "$TMP" | grep '^\.')" = ".priv.out.verify-cache" ] ||
	    die "leftovers: $(ls -A "$TMP")"
}
t "leftovers of interrupted builds are removed, also when nothing changed" leftovers_removed

# A failed build leaves the previous site exactly as it was.
failed_build_keeps_old_site() {
	new_repo "$TMP/atomic" "$E2E/minimal/site"
	cd "$TMP/atomic"
	bg build --now "$NOW" --out "$TMP/atomic.out" --quiet || die "first build"
	cp -R "$TMP/atomic.out" "$TMP/atomic.before"
	mkdir -p templates
	printf '{{#award}}unclosed\n' > templates/award.mustache
	commit_all . "broken template"
	expect_status 1 bg build --now "$NOW" --out "$TMP/atomic.out" 2>"$TMP/atomic.err"
	grep -q 'award:1:1: unclosed section' "$TMP/atomic.err" || die "no message naming the template"
	grep -q 'is unchanged' "$TMP/atomic.err" || die "no word that the site is unchanged"
	diff -r "$TMP/atomic.before" "$TMP/atomic.out"
	! ls -a "$TMP" | grep -q 'staging' || die "staging left behind"
}
t "a failed build leaves the previous site untouched" failed_build_keeps_old_site

config_errors() {
	new_repo "$TMP/conf" "$E2E/minimal/site"
	cd "$TMP/conf"
	sed 's|https://badges.test.example/|badges.test.example|' site.conf > x &&
	    mv x site.conf
	echo "colour = blue" >> site.conf
	commit_all . "bad conf"
	expect_status 2 bg build --now "$NOW" --out "$TMP/conf.out" 2>"$TMP/conf.err"
	cat "$TMP/conf.err"
	grep -q 'site.conf:3: base_url' "$TMP/conf.err" || die "no line for base_url"
	grep -q 'site.conf:6: .*colour' "$TMP/conf.err" || die "unknown key not named"
	[ ! -e "$TMP/conf.out" ] || die "wrote a site"
}
t "configuration errors exit 2 with the line" config_errors

usage_errors() {
	expect_status 2 bg build --bogus 2>/dev/null
	expect_status 0 bg build -h >/dev/null
	bg build --help | grep -q 'usage: badgegen build' || die "no usage in --help"
	cd "$TMP" && mkdir -p norepo && cd norepo
	expect_status 2 bg build --out x 2>"$TMP/norepo.err"
	cat "$TMP/norepo.err"
}
t "usage errors exit 2" usage_errors

# Bare repository, another revision, and the work tree.
revisions() {
	new_repo "$TMP/revs" "$E2E/minimal/site"
	cd "$TMP/revs"
	git tag v1
	rm content/awards/2026/alice.json
	commit_all . "remove alice"
	git clone -q --bare "$TMP/revs" "$TMP/revs.git"
	bg build --repo "$TMP/revs.git" --now "$NOW" --out "$TMP/bare.out" --quiet ||
	    die "bare build"
	[ ! -e "$TMP/bare.out/awards/2026/alice" ] || die "HEAD has no alice"
	bg build --repo "$TMP/revs.git" --rev v1 --now "$NOW" --out "$TMP/v1.out" --quiet ||
	    die "build of v1"
	[ -f "$TMP/v1.out/awards/2026/alice/index.html" ] || die "v1 has alice"
	expect_status 2 bg build --repo "$TMP/revs.git" --rev nosuch --out "$TMP/x.out" \
	    2>"$TMP/rev.err"
	grep -q nosuch "$TMP/rev.err" || die "the bad rev is not named"
	git checkout -q v1 -- content/awards/2026/alice.json
	bg build --now "$NOW" --out "$TMP/head.out" 2>"$TMP/dirty.err" || die "head build"
	grep -q 'uncommitted' "$TMP/dirty.err" || die "no warning about uncommitted changes"
	[ ! -e "$TMP/head.out/awards/2026/alice" ] || die "the commit has no alice"
	bg build --worktree --now "$NOW" --out "$TMP/wt.out" --quiet || die "worktree build"
	[ -f "$TMP/wt.out/awards/2026/alice/index.html" ] || die "the work tree has alice"
}
t "bare repositories, --rev and --worktree" revisions

# The progress line and the time taken are for terminals only: a build
# whose stderr is a file or pipe prints neither '\r' nor the time, so
# logs and these tests see exact text.
progress_not_on_pipes() {
	repo=$TMP/progress
	new_repo "$repo" "$E2E/minimal/site"
	(cd "$repo" && bg build --now "$NOW" --out "$TMP/progress.out") \
	    >"$TMP/progress.stdout" 2>"$TMP/progress.stderr" || die "build failed"
	if tr '\r' '@' <"$TMP/progress.stderr" | grep -q @; then
		die "a carriage return in the piped stderr"
	fi
	grep -q '^built .*because of errors; award pages: [0-9]* made, [0-9]* kept; files: [0-9]* written, [0-9]* kept, [0-9]* removed$' \
	    "$TMP/progress.stderr" ||
	    die "the piped summary is not exact: $(cat "$TMP/progress.stderr")"
}
t "no progress line and no time taken when stderr is not a terminal" \
    progress_not_on_pipes

# On a terminal (a pty made by script(1)) the summary ends with the time
# taken, except with --quiet.  Not under $VALGRIND, whose notes would be
# on the same terminal.
progress_on_tty() {
	need script bsdutils
	repo=$TMP/progress
	new_repo "$repo" "$E2E/minimal/site"
	script -qec "cd '$repo' && '$BADGEGEN' build --now $NOW --out '$TMP/progress.out'" \
	    /dev/null >"$TMP/progress.tty" 2>&1 </dev/null || die "tty build failed"
	grep -q 'removed in [0-9.]* s' "$TMP/progress.tty" ||
	    die "no time in the terminal summary: $(cat "$TMP/progress.tty")"
	script -qec "cd '$repo' && '$BADGEGEN' build --quiet --now $NOW --out '$TMP/progress.out'" \
	    /dev/null >"$TMP/progress.quiet" 2>&1 </dev/null || die "quiet build failed"
	[ ! -s "$TMP/progress.quiet" ] || die "--quiet printed: $(cat "$TMP/progress.quiet")"
}
t "on a terminal the summary ends with the time taken, never with --quiet" \
    progress_on_tty

finish
