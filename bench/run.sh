#!/bin/sh
# run.sh - the benchmarks (make bench).  Not part of make check: speed is
# measured here, never by timed tests.
#
#   bench_verify   JWS verifications per second: RS256, ES256, EdDSA,
#                  against the bare mbedTLS / libsodium calls
#   bench_di       eddsa-rdfc-2022 Data Integrity verification per award
#   site.sh        whole sites of N awards ($BENCH_SIZES, default
#                  "1000 10000"): cold, no-change and one-change builds,
#                  and the same pages by Hugo (see bench/RESULTS.md)
#   browser.mjs    verifying one award of the example site in headless
#                  Chromium (needs build/browser from make check)
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
make -s "$BUILD/bench_verify" "$BUILD/bench_di"
echo "machine: $(nproc) cores, $(uname -m), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo
echo "== JWS verification (bench/bench_verify.c)"
"$BUILD/bench_verify"
echo
echo "== Data Integrity eddsa-rdfc-2022 (bench/bench_di.c)"
"$BUILD/bench_di"
echo
echo "== Whole sites (bench/site.sh; BENCH_SIZES=\"${BENCH_SIZES:-1000 10000}\")"
sh bench/site.sh
echo
echo "== Verifying in the browser (bench/browser.mjs)"
if [ -d "$BUILD/browser/node_modules/playwright-core" ] &&
    command -v chromium >/dev/null 2>&1; then
	tmp=$(mktemp -d)
	mkdir "$tmp/repo"
	cp -R site.conf content "$tmp/repo/"
	(cd "$tmp/repo" && git init -q && git add -A &&
	    git -c user.name=b -c user.email=b@example.com commit -qm site)
	"$BUILD/badgegen" build --repo "$tmp/repo" --out "$tmp/site" --quiet
	node bench/browser.mjs "$tmp/site" 5
	rm -rf "$tmp"
else
	echo "skipped: run make check first (it installs playwright-core), and install chromium"
fi
