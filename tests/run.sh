#!/bin/sh
# run.sh - runs every test: unit tests, fuzz corpus replays, end-to-end
# scripts.  Each program prints "ok - ", "not ok - " or "skip - <name>:
# <reason>" per test and "N passed, N failed, N skipped" last; this
# script shows the skips with their reasons, the output of what failed,
# and adds the counts up into the same line.  A program without that
# line, one that exits non-zero with no failed test, or one that skips
# without a reason fails.  It never stops at the first failure.
#
# Environment: BUILD (build directory), VALGRIND (a command prefix),
# UPDATE=1 (end-to-end tests rewrite their expected files), ONLY (run
# only test programs whose file name contains this string), CASE (run
# only the tests whose name or title contains this string).
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

passed=0 failed=0 skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# count <name> <command>...: runs a test program, adds its counts.
count() {
	name=$1
	shift
	case "$name" in *"$ONLY"*) ;; *) return ;; esac
	"$@" >"$log" 2>&1
	rc=$?
	why=
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" |
	    tail -n 1)
	if [ -z "$line" ]; then
		p=0 f=1 s=0
		why="no summary line"
	else
		p=${line%% passed*}
		f=${line#*passed, }
		f=${f%% failed*}
		s=${line#*failed, }
		s=${s%% skipped*}
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			f=1
			why="no test failed"
		fi
		n=$(grep -c '^skip - .*: .' "$log")
		if [ "$n" -ne "$s" ]; then
			f=$((f + 1))
			why="$s skipped, $n with a reason"
		fi
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	if [ "$f" -ne 0 ]; then
		echo "FAIL $name (exit $rc${why:+; $why})"
		grep -v '^ok - ' "$log" | tail -n 40 | sed 's/^/    /'
	else
		if [ "$s" -eq 0 ]; then
			echo "ok   $name: $p passed"
		else
			echo "ok   $name: $p passed, $s skipped"
		fi
		grep '^skip - ' "$log" | sed 's/^/     /'
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

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
