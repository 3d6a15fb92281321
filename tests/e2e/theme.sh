#!/bin/sh
# theme.sh - checks the default theme (templates/) and the example site
# (site.conf, content/): message catalogs agree with each other and with
# the templates, only *_html values are output unescaped, nothing loads an
# external resource, every sample in tests/data/theme renders through
# `badgegen mustache` into a complete page, and the example content keeps
# its ids and plaintext addresses where they belong.
. "$(dirname "$0")/lib/lib.sh"
cd "$TOP" || exit 1
T=templates

# keys <catalog>: the label keys of a flat catalog, in file order.
keys() { sed -n 's/^  "\([a-z0-9_]*\)": .*/\1/p' "$1"; }

# none <what> <text>: fails with the text unless it is empty.
none() {
	[ -z "$2" ] || die "$1:
$2"
}

# --- catalogs ---------------------------------------------------------
same_keys() {
	keys $T/i18n/ja.json >"$TMP/ja"
	keys $T/i18n/en.json >"$TMP/en"
	cmp "$TMP/ja" "$TMP/en"
}
t "catalogs: ja and en have the same keys in the same order" same_keys
t "catalogs: no key twice" \
    none "keys twice" "$(keys $T/i18n/ja.json | sort | uniq -d)"

# flat <catalog>: "{", one "key": "text" a line, "}".
flat() {
	n=$(wc -l <"$1")
	k=$(grep -cE '^  "[a-z0-9_]+": "([^"\\]|\\.)*",?$' "$1")
	[ "$(sed -n 1p "$1")" = "{" ] && [ "$(sed -n '$p' "$1")" = "}" ] &&
	    [ $((k + 2)) -eq "$n" ] || die "$n lines, $k labels"
}
for c in $T/i18n/ja.json $T/i18n/en.json; do
	t "$c: a flat object of strings, one a line" flat "$c"
done

# used: the t.<key> names the templates use, sorted.
used() {
	grep -rhoE '\{\{[{&#^]?[ ]*t\.[a-z0-9_]+' $T --include='*.mustache' |
	    sed 's/.*t\.//' | sort -u
}

keys_exist() {
	used >"$TMP/used"
	none missing "$(keys $T/i18n/ja.json | sort | comm -13 - "$TMP/used")"
}
t "catalogs: every t.<key> the templates use exists" keys_exist

# Keys the renderer uses (signature and check labels, image alt text,
# the words for Open Badges 3.0 enumerations: achtype_*, resulttype_*,
# resultstatus_*) or that other pages may use; every other key must be
# used by a template.
renderer="check_fail check_pass check_warn image_alt_badge image_alt_logo
sig_failed sig_hosted sig_unchecked sig_verified visibility_private
format_ob2_hosted format_ob2_signed format_ob3_json format_ob3_jwt
title_recipient_open title_recipient_close sig_revoked sig_expired
check_unknown checkname_context checkname_recipient checkname_signature
checkname_key checkname_claims checkname_dates checkname_status
qr_label lang_name collection_title_pre collection_title_post result"
keys_used() {
	used >"$TMP/used"
	none unused "$(keys $T/i18n/ja.json | sort | comm -23 - "$TMP/used" |
	    grep -vE '^(achtype|resulttype|resultstatus)_' |
	    while read -r k; do
		case " $(echo $renderer) " in *" $k "*) ;; *) echo "$k" ;; esac
	    done)"
}
t "catalogs: every key is used" keys_used

# --- templates --------------------------------------------------------
t "templates: only *_html values are unescaped" none unescaped \
    "$(grep -rnoE '\{\{\{[^}]*\}\}\}|\{\{&[^}]*\}\}' $T --include='*.mustache' |
    grep -vE '\{\{(\{|&) *[a-z0-9_.]*_html *\}' || true)"

# The scripts a page may load are the theme's own: the copy buttons'
# script, the collection filter and the verifier's control (which
# starts verify-worker.js, which loads verifier.wasm).
own_script='<script src="{{page.root}}assets/badgegen.js" defer></script>'
coll_script='<script src="{{page.root}}assets/collection.js" defer></script>'
verify_script='<script src="{{page.root}}assets/verify.js" defer></script>'
t "templates: no external resources, no imports" none "external resources" \
    "$(grep -rnEi '(src|href|action|poster|srcset)="(https?:)?//|@import|url\(|<script[^>]*src|<iframe|<object|<embed' $T \
    --exclude='verify*.js' | grep -vF "$own_script" | grep -vF "$coll_script" |
    grep -vF "$verify_script" || true)"
t "templates: no JavaScript but the theme's own scripts" none scripts \
    "$(grep -rn '<script' $T --include='*.mustache' | grep -v 'application/ld+json' |
    grep -vF "$own_script" | grep -vF "$coll_script" | grep -vF "$verify_script" || true)"
t "templates: the collection page loads only assets/collection.js" none scripts \
    "$(grep -n '<script' $T/collection.mustache | grep -vF "$coll_script" || true)"
t "templates: no inline event handlers" none handlers \
    "$(grep -rnEi '<[a-z][^>]* on[a-z]+=|javascript:' $T --include='*.mustache' || true)"
t "badgegen.js: loads, sends and stores nothing" none "network or storage" \
    "$(grep -nEi 'https?:|//[a-z0-9.-]+\.[a-z]|fetch\(|XMLHttpRequest|sendBeacon|WebSocket|import\(|cookie|localStorage|eval\(|innerHTML' \
    $T/static/assets/badgegen.js || true)"
t "verify.js: loads only the worker, sends and stores nothing" none \
    "network or storage" \
    "$(grep -nEi 'https?:|//[a-z0-9.-]+\.[a-z]|fetch\(|XMLHttpRequest|sendBeacon|WebSocket|import\(|importScripts|cookie|localStorage|eval\(|innerHTML' \
    $T/static/assets/verify.js || true)"
# The worker fetches the site's files (fetchSite, which refuses any URL
# outside the site's root) and verifier.wasm beside itself: two fetches.
t "verify-worker.js: fetches the site's own files only" none \
    "network or storage" \
    "$(grep -nEi 'https?:|//[a-z0-9.-]+\.[a-z]|XMLHttpRequest|sendBeacon|WebSocket|import\(|importScripts|cookie|localStorage|eval\(|innerHTML' \
    $T/static/assets/verify-worker.js || true)"
worker_fetches() {
	[ "$(grep -c 'fetch(' $T/static/assets/verify-worker.js)" -eq 2 ] ||
	    die "verify-worker.js: $(grep -n 'fetch(' $T/static/assets/verify-worker.js)"
	grep -q 'target.origin !== site.origin' $T/static/assets/verify-worker.js ||
	    die "verify-worker.js: no same-origin check"
}
t "verify-worker.js: two fetches, the site's files checked same-origin" worker_fetches
t "collection.js: the form starts hidden" \
    grep -q '<form class="filter" id="collection-filter" method="get" action="" hidden>' $T/collection.mustache
t "collection.js: no network, no eval, no markup" none "network, eval or markup" \
    "$(grep -nE 'https?:|import|fetch|XMLHttpRequest|eval|innerHTML|document\.write' \
    $T/static/assets/collection.js || true)"

# extends_layout <page>: the page's template is a child of layout.
extends_layout() {
	[ -f $T/$1.mustache ] || die "no $T/$1.mustache"
	head -n 1 $T/$1.mustache | grep -q '^{{<layout}}$' || die "first line"
	tail -n 1 $T/$1.mustache | grep -q '^{{/layout}}$' || die "last line"
}
for p in award badge issuer index collection 404 verify; do
	t "templates: $p.mustache extends layout" extends_layout $p
done

for f in $T/partials/*.mustache; do
	n=${f#$T/}
	n=${n%.mustache}
	t "templates: $n is used" grep -rqF "{{> $n}}" $T --include='*.mustache'
done

# --- rendering the samples --------------------------------------------
# rendered <sample>: tests/data/theme/<sample>.json rendered with its
# page's template into $TMP/<sample>.html.
rendered() {
	p=${1%%-*}
	bg mustache $T/$p.mustache "tests/data/theme/$1.json" --partials $T \
	    >"$TMP/$1.html" || die "$1 does not render"
}

# complete <sample>: it renders into a complete page.
complete() {
	rendered "$1"
	o=$TMP/$1.html
	lang=$(sed -n 's/^    "lang": "\(..\)",*$/\1/p' "tests/data/theme/$1.json" |
	    head -n 1)
	none problems "$(
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
	)"
}
for d in tests/data/theme/*.json; do
	n=$(basename "$d" .json)
	t "render $n" complete "$n"
done

# page_has <sample> <text>...: its rendered page holds each text.
page_has() {
	rendered "$1"
	o=$TMP/$1.html
	shift
	for s in "$@"; do
		grep -qF -- "$s" "$o" || die "no $s"
	done
}
t "award page: issue date in <time>" page_has award \
    '<time datetime="2026-04-01T09:00:00+09:00">2026年4月1日</time>'
t "award page: badge image has its alt text" page_has award \
    'alt="AI・データサイエンス基礎 バッジ"'
t "award page: issuer linked to its page" page_has award \
    '<a href="../../../issuers/kakuu/">架空大学 学務部</a>'
t "award page: links the hosted JSON" page_has award \
    'href="../../../awards/2026/ai-basics-0002.json"'
t "award page: URLs in attributes are escaped" page_has award \
    'ai-basics-0002%2F&amp;text='
t "award-en page: expired notice" page_has award-en 'This badge has expired.'
t "award-en page: links the JWS" page_has award-en \
    'href="../../../awards/2025/legacy-0007.jws"'
t "collection page: the filter form is hidden without JavaScript" \
    page_has collection \
    '<form class="filter" id="collection-filter" method="get" action="" hidden>'
filter_values() {
	rendered collection
	grep -q '<li class="card" data-filter="issuer-1 skill-[0-9 skill-]*year-2025">' \
	    "$TMP/collection.html" || die "no item with filter values"
}
t "collection page: items carry their filter values" filter_values
t "collection page: NEW, revoked and expired markers" page_has collection \
    'marker-new">NEW<' 'marker-revoked">取り消し済み<' 'marker-expired">期限切れ<'
t "collection page: hreflang links and the language switch" page_has collection \
    '<link rel="alternate" hreflang="x-default" href="https://badges.example.ac.jp/recipients/taro-yamada/">' \
    '<a href="../../en/recipients/taro-yamada/" hreflang="en" lang="en">English</a>'
t "404 page: links the site root" page_has 404 \
    '<a href="/">トップページへ戻る</a>'

# --- the example site -------------------------------------------------
base=$(sed -n 's/^base_url *= *//p' site.conf)
t "site.conf: base_url" [ "$base" = "https://badges.example.ac.jp/" ]

# id_is_url <file>: its id is its published URL, or a URN.
id_is_url() {
	got=$(sed -n 's/^  "id": "\(.*\)",$/\1/p' "$1" | head -n 1)
	case $got in urn:*) return 0 ;; esac
	[ "$got" = "$base${1#content/}" ] ||
	    die "id $got, expected $base${1#content/}"
}
for f in $(find content -name '*.json' ! -path 'content/static/*' | LC_ALL=C sort); do
	t "$f: id is its published URL or a URN" id_is_url "$f"
done

# only_here <conf>: its address is nowhere but in it.
only_here() {
	e=$(sed -n 's/^email *= *//p' "$1")
	[ -n "$e" ] || die "no email"
	none "$e appears in" "$(grep -rlF "$e" content templates tests/data/theme \
	    --exclude='*.conf' --exclude=README || true)"
}
for c in $(find content -name '*.conf' ! -path 'content/recipients/*' | LC_ALL=C sort); do
	t "$c: its address appears nowhere else" only_here "$c"
	t "$c: matching award" [ -f "${c%.conf}.json" -o -f "${c%.conf}.jws" -o -f "${c%.conf}.jwt" ]
done

# in_no_document <address>: it appears in no published document.
in_no_document() {
	none "$1 appears in" "$(grep -rlF "$1" content templates tests/data/theme \
	    --exclude='*.conf' --exclude=README || true)"
}
for c in $(find content/recipients -name '*.conf' 2>/dev/null | LC_ALL=C sort); do
	s=$(basename "$c" .conf)
	t "$c: the slug is lower-case letters, digits and '-'" \
	    sh -c "printf '%s' '$s' | grep -qxE '[a-z0-9][a-z0-9-]*'"
	for e in $(sed -n 's/^identities *= *//p' "$c"); do
		t "$c: $e appears in no document" in_no_document "$e"
		t "$c: $e is the address of an award" \
		    grep -rqxF "email = $e" content/awards
	done
done
t "content: addresses only at example.ac.jp / example.com" none addresses \
    "$(grep -rhoIE '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]*[A-Za-z]' content site.conf examples |
    grep -vE '@example\.(ac\.jp|com)$' || true)"
for f in content/badges/*.json; do
	t "$f: image beside it" [ -f "${f%.json}.png" ]
done

finish
