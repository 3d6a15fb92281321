#!/bin/sh
# browser.sh - the example site in headless Chromium (tests/browser/).
#
# Needs chromium, node, npm and poppler's pdfinfo and pdftotext (Debian's
# chromium, nodejs, npm and poppler-utils, which tools/deps.sh installs
# for make check, with fonts-noto-cjk for the Japanese of the PDFs) and the npm package
# playwright-core, which this script installs from the npm registry into
# $BUILD/browser.  When one cannot be had the test says "skip" and why.
# Screenshots go to $BUILD/screenshots/.
set -u
cd "$TOP" || exit 1
BUILD=${BUILD:-build}
OUT=$TOP/$BUILD/browser
SHOTS=$TOP/$BUILD/screenshots
TMP=$(mktemp -d "${TMPDIR:-/tmp}/badgegen-browser.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

skip() {
	echo "skip - the example site in headless Chromium: $*"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
}

have() { command -v "$1" >/dev/null 2>&1; }

missing=""
have chromium || missing="$missing chromium"
have node || missing="$missing nodejs"
have npm || missing="$missing npm"
have pdftotext && have pdfinfo || missing="$missing poppler-utils"
[ -z "$missing" ] || skip "no$missing (as root: apt-get install$missing)"
# Debian 12's node is 18: playwright-core is pinned to a release that
# runs on it (package.json).
if [ ! -d "$OUT/node_modules/playwright-core" ] ||
    ! cmp -s tests/browser/package.json "$OUT/package.json"; then
	rm -rf "$OUT/node_modules"
	mkdir -p "$OUT"
	cp tests/browser/package.json "$OUT/"
	(cd "$OUT" && npm install --no-audit --no-fund --loglevel=error \
	    >"$TMP/npm.log" 2>&1) ||
	    skip "npm could not install playwright-core from the npm registry: $(tail -n 1 "$TMP/npm.log")"
fi
cp tests/browser/site-test.mjs "$OUT/"

# The example site, as make site builds it, at a pinned date.
mkdir -p "$TMP/repo"
cp -R site.conf content "$TMP/repo/"
(cd "$TMP/repo" && git init -q && git add -A &&
    git -c user.name=t -c user.email=t@example.com commit -qm site) ||
    { echo "not ok - example site repository"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
${VALGRIND:-} "$BADGEGEN" build --repo "$TMP/repo" --now 2026-11-01T00:00:00Z \
    --out "$TMP/site" --quiet ||
    { echo "not ok - example site build"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
rm -rf "$SHOTS"
mkdir -p "$SHOTS"
node "$OUT/site-test.mjs" "$TMP/site" "$SHOTS"
