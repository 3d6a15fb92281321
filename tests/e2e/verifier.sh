#!/bin/sh
# verifier.sh - "Verify in this browser" and the verify page in headless
# Chromium against badgegen verify (tests/browser/verify-test.mjs: the
# example site, the vectors of tests/browser/vectors.json, tampering).
#
# Needs what lib/browser.sh sets up.  The test runs badgegen some sixty
# times (a site per vector); it does so without $VALGRIND, which the
# other end-to-end tests already put in front of the same commands.
set -u
cd "$TOP" || exit 1
. "$TOP/tests/e2e/lib/browser.sh"
browser_setup "the verifier in headless Chromium"
cp tests/browser/verify-test.mjs "$OUT/"
node "$OUT/verify-test.mjs" "$TOP" "$BADGEGEN" "$TMP/work"
