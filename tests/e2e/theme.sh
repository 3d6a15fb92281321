#!/bin/sh
# theme.sh - checks the default theme (templates/) and the example site
# (site.conf, content/): message catalogs agree with each other and with
# the templates, only *_html values are output unescaped, nothing loads an
# external resource, every sample in tests/data/theme renders through
# `badgegen mustache` into a complete page, and the example content keeps
# its ids and plaintext addresses where they belong.
#
# Environment: TOP (repository root), BADGEGEN (the binary).
set -u
cd "${TOP:-$(dirname "$0")/../..}"
BADGEGEN=${BADGEGEN:-build/badgegen}
T=templates
pass=0 fail=0 skip=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); echo "ok - $1"; }
no() { fail=$((fail + 1)); echo "not ok - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /'; return 0; }
check() { # check <name> <command>...: passes when the command succeeds
	n=$1; shift
	if out=$("$@" 2>&1); then ok "$n"; else no "$n" "$out"; fi
}

# The label keys of a flat catalog, in file order.
keys() { sed -n 's/^  "\([a-z0-9_]*\)": .*/\1/p' "$1"; }

# --- catalogs ---------------------------------------------------------
keys $T/i18n/ja.json > "$tmp/ja"
keys $T/i18n/en.json > "$tmp/en"
check "catalogs: ja and en have the same keys in the same order" \
    cmp "$tmp/ja" "$tmp/en"
check "catalogs: no key twice" \
    sh -c "[ -z \"\$(sort '$tmp/ja' | uniq -d)\" ]"
for c in $T/i18n/ja.json $T/i18n/en.json; do
	# A flat object: "{", one "key": "text" a line, "}".
	n=$(wc -l < $c)
	k=$(grep -cE '^  "[a-z0-9_]+": "([^"\\]|\\.)*",?$' $c)
	if [ "$(sed -n 1p $c)" = "{" ] && [ "$(sed -n '$p' $c)" = "}" ] && [ $((k + 2)) -eq "$n" ]; then
		ok "$c: a flat object of strings, one a line"
	else
		no "$c: a flat object of strings, one a line" "$n lines, $k labels"
	fi
done

grep -rhoE '\{\{[{&#^]?[ ]*t\.[a-z0-9_]+' $T --include='*.mustache' |
    sed 's/.*t\.//' | sort -u > "$tmp/used"
missing=$(sort "$tmp/ja" | comm -13 - "$tmp/used")
if [ -z "$missing" ]; then ok "catalogs: every t.<key> the templates use exists"
else no "catalogs: every t.<key> the templates use exists" "missing: $missing"; fi

# Keys the renderer uses (signature and check labels, image alt text) or
# that other pages may use; every other key must be used by a template.
renderer="check_fail check_pass check_warn image_alt_badge image_alt_logo
sig_failed sig_hosted sig_unchecked sig_verified visibility_private
format_ob2_hosted format_ob2_signed format_ob3_json format_ob3_jwt
title_recipient_open title_recipient_close sig_revoked
check_unknown checkname_context checkname_recipient checkname_signature
checkname_key checkname_claims checkname_dates checkname_status
qr_label lang_name collection_title_pre collection_title_post"
unused=$(sort "$tmp/ja" | comm -23 - "$tmp/used" | while read -r k; do
	case " $(echo $renderer) " in *" $k "*) ;; *) echo "$k" ;; esac
done)
if [ -z "$unused" ]; then ok "catalogs: every key is used"
else no "catalogs: every key is used" "unused: $unused"; fi

# --- templates --------------------------------------------------------
bad=$(grep -rnoE '\{\{\{[^}]*\}\}\}|\{\{&[^}]*\}\}' $T --include='*.mustache' |
    grep -vE '\{\{(\{|&) *[a-z0-9_.]*_html *\}' || true)
if [ -z "$bad" ]; then ok "templates: only *_html values are unescaped"
else no "templates: only *_html values are unescaped" "$bad"; fi

# The scripts a page may load are the theme's own: the copy buttons'
# script and the collection filter.
own_script='<script src="{{page.root}}assets/badgegen.js" defer></script>'
coll_script='<script src="{{page.root}}assets/collection.js" defer></script>'
bad=$(grep -rnEi '(src|href|action|poster|srcset)="(https?:)?//|@import|url\(|<script[^>]*src|<iframe|<object|<embed' $T |
    grep -vF "$own_script" | grep -vF "$coll_script" || true)
if [ -z "$bad" ]; then ok "templates: no external resources, no imports"
else no "templates: no external resources, no imports" "$bad"; fi

bad=$(grep -rn '<script' $T --include='*.mustache' | grep -v 'application/ld+json' |
    grep -vF "$own_script" | grep -vF "$coll_script" || true)
if [ -z "$bad" ]; then ok "templates: no JavaScript but the theme's own scripts"
else no "templates: no JavaScript but the theme's own scripts" "$bad"; fi
bad=$(grep -n '<script' $T/collection.mustache |
    grep -vF "$coll_script" || true)
if [ -z "$bad" ]; then ok "templates: the collection page loads only assets/collection.js"
else no "templates: the collection page loads only assets/collection.js" "$bad"; fi

bad=$(grep -rnEi '<[a-z][^>]* on[a-z]+=|javascript:' $T --include='*.mustache' || true)
if [ -z "$bad" ]; then ok "templates: no inline event handlers"
else no "templates: no inline event handlers" "$bad"; fi

bad=$(grep -nEi 'https?:|//[a-z0-9.-]+\.[a-z]|fetch\(|XMLHttpRequest|sendBeacon|WebSocket|import\(|cookie|localStorage|eval\(|innerHTML' \
    $T/static/assets/badgegen.js || true)
if [ -z "$bad" ]; then ok "badgegen.js: loads, sends and stores nothing"
else no "badgegen.js: loads, sends and stores nothing" "$bad"; fi
check "collection.js: the form starts hidden" \
    grep -q '<form class="filter" id="collection-filter" method="get" action="" hidden>' $T/collection.mustache
bad=$(grep -nE 'https?:|import|fetch|XMLHttpRequest|eval|innerHTML|document\.write' \
    $T/static/assets/collection.js || true)
if [ -z "$bad" ]; then ok "collection.js: no network, no eval, no markup"
else no "collection.js: no network, no eval, no markup" "$bad"; fi

for p in award badge issuer index collection 404; do
	if [ -f $T/$p.mustache ] && head -n 1 $T/$p.mustache | grep -q '^{{<layout}}$' &&
	    tail -n 1 $T/$p.mustache | grep -q '^{{/layout}}$'; then
		ok "templates: $p.mustache extends layout"
	else
		no "templates: $p.mustache extends layout"
	fi
done

for f in $T/partials/*.mustache; do
	n=${f#$T/}; n=${n%.mustache}
	if grep -rqF "{{> $n}}" $T --include='*.mustache'; then ok "templates: $n is used"
	else no "templates: $n is used"; fi
done

# --- rendering the samples --------------------------------------------
printf 'x{{a}}' > "$tmp/probe.mustache"
printf '{"a":"y"}' > "$tmp/probe.json"
if [ -x "$BADGEGEN" ] && [ "$("$BADGEGEN" mustache "$tmp/probe.mustache" "$tmp/probe.json" 2>/dev/null)" = "xy" ]; then
	for d in tests/data/theme/*.json; do
		n=$(basename "$d" .json)
		p=${n%%-*}
		o="$tmp/$n.html"
		if ! "$BADGEGEN" mustache $T/$p.mustache "$d" --partials $T > "$o" 2> "$tmp/err"; then
			no "render $n" "$(cat "$tmp/err")"
			continue
		fi
		lang=$(sed -n 's/^    "lang": "\(..\)",*$/\1/p' "$d" | head -n 1)
		problems=$(
			head -n 1 "$o" | grep -qx '<!doctype html>' || echo "no doctype"
			grep -q "<html lang=\"$lang\">" "$o" || echo "no <html lang=\"$lang\">"
			tail -n 1 "$o" | grep -qx '</html>' || echo "does not end with </html>"
			grep -n '{{\|}}' "$o"
			[ "$(grep -c '<h1[ >]' "$o")" -eq 1 ] || echo "not exactly one h1"
			grep -q '<main id="main"' "$o" || echo "no main landmark"
			grep -q 'class="skip-link" href="#main"' "$o" || echo "no skip link"
			grep -q 'assets/badgegen.css"' "$o" || echo "no stylesheet"
			grep -n '<img [^>]*>' "$o" | grep -v ' alt="' | sed 's/^/img without alt: /'
			grep -n 'href=""\|src=""' "$o" | sed 's/^/empty link: /'
		)
		if [ -z "$problems" ]; then ok "render $n"; else no "render $n" "$problems"; fi
	done
	o="$tmp/award.html"
	check "award page: issue date in <time>" \
	    grep -q '<time datetime="2026-04-01T09:00:00+09:00">2026年4月1日</time>' "$o"
	check "award page: badge image has its alt text" \
	    grep -q 'alt="AI・データサイエンス基礎 バッジ"' "$o"
	check "award page: issuer linked to its page" \
	    grep -q '<a href="../../../issuers/kakuu/">架空大学 学務部</a>' "$o"
	check "award page: links the hosted JSON" \
	    grep -q 'href="../../../awards/2026/ai-basics-0002.json"' "$o"
	check "award page: URLs in attributes are escaped" \
	    grep -q 'ai-basics-0002%2F&amp;text=' "$o"
	check "award-en page: expired notice" \
	    grep -q 'This badge has expired.' "$tmp/award-en.html"
	check "award-en page: links the JWS" \
	    grep -q 'href="../../../awards/2025/legacy-0007.jws"' "$tmp/award-en.html"
	o="$tmp/collection.html"
	check "collection page: the filter form is hidden without JavaScript" \
	    grep -q '<form class="filter" id="collection-filter" method="get" action="" hidden>' "$o"
	check "collection page: items carry their filter values" \
	    grep -q '<li class="card" data-filter="issuer-1 skill-[0-9 skill-]*year-2025">' "$o"
	check "collection page: NEW, revoked and expired markers" \
	    sh -c "grep -q 'marker-new\">NEW<' '$o' && grep -q 'marker-revoked\">取り消し済み<' '$o' && grep -q 'marker-expired\">期限切れ<' '$o'"
	check "collection page: hreflang links and the language switch" \
	    sh -c "grep -q '<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://badges.example.ac.jp/recipients/taro-yamada/\">' '$o' && grep -q '<a href=\"../../en/recipients/taro-yamada/\" hreflang=\"en\" lang=\"en\">English</a>' '$o'"
	check "404 page: links the site root" \
	    grep -q '<a href="/">トップページへ戻る</a>' "$tmp/404.html"
else
	skip=$((skip + 1))
	echo "skip - rendering the samples: $BADGEGEN has no working mustache verb"
fi

# --- the example site -------------------------------------------------
base=$(sed -n 's/^base_url *= *//p' site.conf)
check "site.conf: base_url" [ "$base" = "https://badges.example.ac.jp/" ]
for f in $(find content -name '*.json' ! -path 'content/static/*' | LC_ALL=C sort); do
	want="$base${f#content/}"
	got=$(sed -n 's/^  "id": "\(.*\)",$/\1/p' "$f" | head -n 1)
	case $got in urn:*) ok "$f: id is a URN (not published at its id)"; continue ;; esac
	if [ "$got" = "$want" ]; then ok "$f: id is its published URL"
	else no "$f: id is its published URL" "id $got, expected $want"; fi
done
for c in $(find content -name '*.conf' ! -path 'content/recipients/*' | LC_ALL=C sort); do
	e=$(sed -n 's/^email *= *//p' "$c")
	where=$(grep -rlF "$e" content templates tests/data/theme --exclude='*.conf' --exclude=README || true)
	if [ -n "$e" ] && [ -z "$where" ]; then ok "$c: its address appears nowhere else"
	else no "$c: its address appears nowhere else" "${where:-no email}"; fi
	check "$c: matching award" [ -f "${c%.conf}.json" -o -f "${c%.conf}.jws" -o -f "${c%.conf}.jwt" ]
done
for c in $(find content/recipients -name '*.conf' 2>/dev/null | LC_ALL=C sort); do
	s=$(basename "$c" .conf)
	check "$c: the slug is lower-case letters, digits and '-'" \
	    sh -c "printf '%s' '$s' | grep -qxE '[a-z0-9][a-z0-9-]*'"
	for e in $(sed -n 's/^identities *= *//p' "$c"); do
		where=$(grep -rlF "$e" content templates tests/data/theme \
		    --exclude='*.conf' --exclude=README || true)
		if [ -z "$where" ]; then ok "$c: $e appears in no document"
		else no "$c: $e appears in no document" "$where"; fi
		check "$c: $e is the address of an award" \
		    grep -rqxF "email = $e" content/awards
	done
done
bad=$(grep -rhoIE '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]*[A-Za-z]' content site.conf examples |
    grep -vE '@example\.(ac\.jp|com)$' || true)
if [ -z "$bad" ]; then ok "content: addresses only at example.ac.jp / example.com"
else no "content: addresses only at example.ac.jp / example.com" "$bad"; fi
for f in content/badges/*.json; do
	check "$f: image beside it" [ -f "${f%.json}.png" ]
done

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
