#!/bin/sh
# browser.sh - the example site in headless Chromium (tests/browser/).
#
# Needs what lib/browser.sh sets up.  Screenshots go to
# $BUILD/screenshots/.
set -u
cd "$TOP" || exit 1
. "$TOP/tests/e2e/lib/browser.sh"
SHOTS=$TOP/$BUILD/screenshots
browser_setup "the example site in headless Chromium"
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
