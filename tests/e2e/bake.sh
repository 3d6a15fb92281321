#!/bin/sh
# bake.sh - badgegen bake and unbake from the command line.
. "$(dirname "$0")/lib/lib.sh"
D=$TOP/tests/data/bake
DERIVED=$TOP/tests/data/vectors/derived

round_trip() {
	bg bake "$D/moz-bakery-unbaked.png" "$DERIVED/extracted-from-1edtech-ob30-simple-jwt.png.jws" \
	    --out "$TMP/b.png" || die "bake png"
	bg unbake "$TMP/b.png" > "$TMP/b.txt" || die "unbake png"
	cmp "$TMP/b.txt" "$DERIVED/extracted-from-1edtech-ob30-simple-jwt.png.jws"
	bg bake "$D/moz-bakery-unbaked.svg" "$DERIVED/extracted-from-1edtech-ob30-simple-json.png.json" \
	    > "$TMP/b.svg" || die "bake svg to stdout"
	grep -q 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' "$TMP/b.svg" ||
	    die "no OB 3.0 namespace"
	grep -q '<openbadges:credential><!\[CDATA\[{' "$TMP/b.svg" || die "no credential element"
	bg unbake "$TMP/b.svg" | head -c 1 | grep -q '{' || die "unbake svg"
}
t "bake and unbake round trip (PNG, SVG)" round_trip

third_party() {
	bg unbake "$D/moz-backpack-valid-baked.png" | grep -qx 'https://example.org/assertion' ||
	    die "legacy tEXt"
	bg unbake "$TOP/tests/data/vectors/1edtech-dcpv/ob20/simple-badge.png" | grep -q '"Assertion"' || die "OB 2.0 PNG"
}
t "unbake third-party images" third_party

errors() {
	expect_status 1 bg unbake "$D/moz-bakery-unbaked.png" 2>"$TMP/e"
	grep -q 'no baked badge' "$TMP/e" || die "message"
	expect_status 3 bg unbake "$TMP/missing.png" 2>/dev/null
	expect_status 2 bg bake "$D/moz-bakery-unbaked.png" 2>/dev/null
	expect_status 1 bg bake "$D/README" "$DERIVED/extracted-from-1edtech-ob30-simple-jwt.png.jws" \
	    --out "$TMP/x" 2>"$TMP/e"
	grep -q 'neither a PNG nor an SVG' "$TMP/e" || die "not an image"
	bg bake -h | grep -q 'usage: badgegen bake' || die "help"
}
t "bake and unbake errors" errors

finish
