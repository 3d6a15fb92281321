#!/bin/sh
# browser.sh - the example site in headless Chromium (tests/browser/).
#
# Needs chromium, node and the npm package playwright-core.  As root
# they are installed when missing (Debian's chromium, nodejs and npm;
# playwright-core from the npm registry into $BUILD/browser); when they
# cannot be had the test says "skipped" and why.  Screenshots go to
# $BUILD/screenshots/.
set -u
cd "$TOP" || exit 1
BUILD=${BUILD:-build}
OUT=$TOP/$BUILD/browser
SHOTS=$TOP/$BUILD/screenshots
TMP=$(mktemp -d "${TMPDIR:-/tmp}/badgegen-browser.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

skip() {
	echo "skipped: browser test: $*"
	echo "0 passed, 0 failed"
	exit 0
}

have() { command -v "$1" >/dev/null 2>&1; }

if ! have chromium || ! have node || ! have npm; then
	[ "$(id -u)" = 0 ] && have apt-get ||
	    skip "chromium, node or npm is missing (apt-get install chromium nodejs npm)"
	missing=""
	have chromium || missing="$missing chromium"
	have node || missing="$missing nodejs"
	have npm || missing="$missing npm"
	echo "installing:$missing" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1 ||
	    skip "could not install$missing"
fi
# Debian 12's node is 18: playwright-core is pinned to a release that
# runs on it (package.json).
if [ ! -d "$OUT/node_modules/playwright-core" ] ||
    ! cmp -s tests/browser/package.json "$OUT/package.json"; then
	rm -rf "$OUT/node_modules"
	mkdir -p "$OUT"
	cp tests/browser/package.json "$OUT/"
	(cd "$OUT" && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
	    skip "npm could not install playwright-core"
fi
cp tests/browser/site-test.mjs "$OUT/"

# The example site, as make site builds it, at a pinned date.
mkdir -p "$TMP/repo"
cp -R site.conf content "$TMP/repo/"
(cd "$TMP/repo" && git init -q && git add -A &&
    git -c user.name=t -c user.email=t@example.com commit -qm site) ||
    { echo "not ok - example site repository"; echo "0 passed, 1 failed"; exit 1; }
${VALGRIND:-} "$BADGEGEN" build --repo "$TMP/repo" --now 2026-11-01T00:00:00Z \
    --out "$TMP/site" --quiet ||
    { echo "not ok - example site build"; echo "0 passed, 1 failed"; exit 1; }
rm -rf "$SHOTS"
mkdir -p "$SHOTS"
node "$OUT/site-test.mjs" "$TMP/site" "$SHOTS"
