#!/bin/sh
# run.sh - the benchmarks (make bench).  Not part of make check: speed is
# measured here, never by timed tests.
#
#   bench_verify   JWS verifications per second: RS256, ES256, EdDSA,
#                  against the bare mbedTLS / libsodium calls
#   bench_di       eddsa-rdfc-2022 Data Integrity verification per award
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
