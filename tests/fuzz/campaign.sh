#!/bin/sh
# campaign.sh - fuzzing (make fuzz): each libFuzzer target in
# $BUILD/libfuzzer/ runs for FUZZ_SECONDS seconds, one after another,
# starting from its corpus tests/fuzz/corpus/<name>/ (never changed) and
# the inputs earlier campaigns added, kept in $BUILD/corpus/<name>/.
# An input that crashes, leaks, trips a sanitizer or takes too long is
# saved in $BUILD/findings/<name>/ (emptied when the target starts) and
# libFuzzer's report in $BUILD/findings/<name>.log; the findings are
# listed at the end and make the exit status 1.  Copy a finding, once fixed, into the target's
# corpus so that make check replays it.
#
# Environment: BUILD (build-fuzz), FUZZ_SECONDS (600), ONLY (only the
# targets whose name contains it).
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-600}
ONLY=${ONLY:-}
TZ=UTC LC_ALL=C
TOP=$(pwd)
export TZ LC_ALL TOP

case "$SECONDS_EACH" in
''|*[!0-9]*) echo "campaign.sh: FUZZ_SECONDS=$SECONDS_EACH is not a number of seconds" >&2
	exit 2 ;;
esac

ran=0
for f in "$BUILD"/libfuzzer/fuzz_*; do
	[ -x "$f" ] || continue
	n=${f##*/fuzz_}
	case "$n" in *"$ONLY"*) ;; *) continue ;; esac
	[ -d "tests/fuzz/corpus/$n" ] || {
		echo "campaign.sh: no corpus tests/fuzz/corpus/$n for $f" >&2
		exit 2
	}
	log=$BUILD/findings/$n.log
	rm -rf "$BUILD/findings/$n" "$log"
	mkdir -p "$BUILD/corpus/$n" "$BUILD/findings/$n"
	before=$(find "$BUILD/corpus/$n" -type f | wc -l)
	echo "fuzz_$n: $SECONDS_EACH s ..."
	"$f" -max_total_time="$SECONDS_EACH" -timeout=25 -print_final_stats=1 \
	    -artifact_prefix="$BUILD/findings/$n/" \
	    "$BUILD/corpus/$n" "tests/fuzz/corpus/$n" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov=$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)' "$log" | tail -n 1 |
	    sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	after=$(find "$BUILD/corpus/$n" -type f | wc -l)
	echo "fuzz_$n: ${runs:-?} inputs (${secs:-?}/s), coverage ${cov:-?}," \
	    "$((after - before)) new in $BUILD/corpus/$n, exit $rc"
	if [ "$rc" -ne 0 ] && [ -z "$(ls -A "$BUILD/findings/$n")" ]; then
		# libFuzzer stopped without saving an input: show why.
		tail -n 20 "$log" | sed 's/^/    /'
		echo "fuzz_$n: stopped, exit $rc, with no input saved" \
		    >"$BUILD/findings/$n/stopped-exit-$rc"
	fi
	ran=$((ran + 1))
done
[ "$ran" -gt 0 ] || { echo "campaign.sh: no fuzz target in $BUILD/libfuzzer" >&2; exit 2; }

found=$(find "$BUILD/findings" -mindepth 2 -type f | LC_ALL=C sort)
if [ -z "$found" ]; then
	echo "$ran targets, $SECONDS_EACH s each: no findings"
	exit 0
fi
echo "$ran targets, $SECONDS_EACH s each: findings (libFuzzer's reports in $BUILD/findings/<target>.log):"
echo "$found" | sed 's/^/    /'
exit 1
