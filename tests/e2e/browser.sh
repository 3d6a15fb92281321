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
# The printed certificates are read with poppler's pdfinfo and pdftotext
# (Debian's poppler-utils; fonts-noto-cjk draws their Japanese).
command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 ||
    browser_skip "the example site in headless Chromium" \
    "no pdfinfo and pdftotext for the printed certificates (as root: apt-get install poppler-utils)"
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
