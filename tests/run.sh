#!/bin/sh
# run.sh - runs every test: unit tests, fuzz corpus replays, end-to-end
# scripts.  Each program prints "N passed, N failed" last; this script
# adds them up and prints the total the same way.  It never stops at the
# first failure.
#
# Environment: BUILD (build directory), VALGRIND (a command prefix),
# UPDATE=1 (end-to-end tests rewrite their expected files), ONLY (run
# only tests whose file name contains this string).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
VALGRIND=${VALGRIND:-}
ONLY=${ONLY:-}
TZ=UTC LC_ALL=C
export TZ LC_ALL BUILD VALGRIND
BADGEGEN="$(pwd)/$BUILD/badgegen"
export BADGEGEN
TOP=$(pwd)
export TOP

passed=0 failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# count <name> <command>...: runs a test program, adds its counts.
count() {
	name=$1
	shift
	case "$name" in *"$ONLY"*) ;; *) return ;; esac
	"$@" >"$log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		p=0 f=1
	else
		p=${line%% passed*}
		f=${line#*passed, }
		f=${f%% failed*}
		[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	grep '^skipped' "$log" | sed 's/^/     /'
	if [ "$f" -ne 0 ]; then
		echo "FAIL $name (exit $rc)"
		grep -v '^ok - ' "$log" | tail -n 40 | sed 's/^/    /'
	else
		echo "ok   $name: $p passed"
	fi
}

for t in "$BUILD"/tests/t_*; do
	[ -x "$t" ] || continue
	count "unit/$(basename "$t")" $VALGRIND "$t"
done

for f in "$BUILD"/tests/fuzz_*; do
	[ -x "$f" ] || continue
	n=$(basename "$f")
	n=${n#fuzz_}
	[ -d "tests/fuzz/corpus/$n" ] || continue
	count "fuzz/$n" $VALGRIND "$f" "tests/fuzz/corpus/$n"
done

for s in tests/e2e/*.sh; do
	[ -f "$s" ] || continue
	count "e2e/$(basename "$s" .sh)" sh "$s"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
