#!/bin/sh
# crash.sh - builds killed at random points (kill -9): cold, --full,
# incremental and journal-applying builds of a site of a few hundred
# awards, each followed by a recovery build that must leave exactly what
# a clean build of the same commit makes (manifest included) and nothing
# else beside the output: no staging directory, no temporary file.
# CRASH_AWARDS, CRASH_ITERATIONS and CRASH_SEED change the size, the
# number of kills and where they fall.
. "$(dirname "$0")/lib/lib.sh"
E2E=$TOP/tests/e2e/build
NOW=2026-11-01T00:00:00Z
AWARDS=${CRASH_AWARDS:-200}
ITERATIONS=${CRASH_ITERATIONS:-24}
SEED=${CRASH_SEED:-20261208}
SITE=$TMP/site
OUT=$TMP/o/out

# awards <from> <to>: hosted assertions a<from>..a<to> of the badge.
awards() {
	awk -v from="$1" -v to="$2" -v dir="$SITE/content/awards/2026" 'BEGIN {
	for (i = from; i <= to; i++) {
		f = sprintf("%s/a%04d.json", dir, i)
		printf "{\n  \"@context\": \"https://w3id.org/openbadges/v2\",\n" \
		    "  \"type\": \"Assertion\",\n" \
		    "  \"id\": \"https://badges.test.example/awards/2026/a%04d.json\",\n" \
		    "  \"recipient\": { \"type\": \"email\", \"hashed\": true, \"salt\": \"s%d\",\n" \
		    "    \"identity\": \"sha256$60cbf8c10c5f4111bc7dc11f772272efe330f1e79d9ee4007d390e755222fea9\" },\n" \
		    "  \"extensions:recipientProfile\": { \"@context\": \"https://openbadgespec.org/extensions/recipientProfile/context.json\",\n" \
		    "    \"type\": [\"Extension\", \"extensions:RecipientProfile\"], \"name\": \"Student %d\" },\n" \
		    "  \"badge\": \"https://badges.test.example/badges/data.json\",\n" \
		    "  \"verification\": { \"type\": \"hosted\" },\n" \
		    "  \"issuedOn\": \"2026-03-%02dT15:30:00Z\"\n}\n", i, i, i, 1 + i % 28 > f
		close(f)
	}}'
}

# The site at two commits: A with awards 1..N, B with 21..N+20 and the
# badge class renamed (every page that names it changes).
setup() {
	mkdir -p "$SITE" "$TMP/o"
	cp -R "$E2E/minimal/site"/. "$SITE"/
	awards 1 "$AWARDS"
	git -C "$SITE" init -q
	commit_all "$SITE" "A"
	git -C "$SITE" tag A
	rm "$SITE"/content/awards/2026/a00[01][0-9].json "$SITE/content/awards/2026/a0020.json"
	awards $((AWARDS + 1)) $((AWARDS + 20))
	sed -i 's/Data Literacy/Data Literacy II/' "$SITE/content/badges/data.json"
	commit_all "$SITE" "B"
	git -C "$SITE" tag B
	for r in A B; do
		"$BADGEGEN" build --repo "$SITE" --rev "$r" --now "$NOW" \
		    --out "$TMP/clean-$r/out" --quiet || die "clean build of $r"
	done
}

# leftovers: what is beside the output but the output, its lock and the
# kept verification results.
leftovers() {
	ls -A "$TMP/o" | grep -v -x -e out -e out.lock -e .out.verify-cache
}

kills() {
	[ -z "${VALGRIND:-}" ] ||
	    skip "kill points under valgrind test valgrind's timing, not badgegen's"
	setup
	# how long builds take here (a cold one, one that changes most
	# pages): kills fall anywhere in them, or just after
	span=0
	for r in A B; do
		start=$(date +%s%N)
		"$BADGEGEN" build --repo "$SITE" --rev $r --now "$NOW" \
		    --out "$OUT" --quiet || die "build of $r"
		ms=$((($(date +%s%N) - start) / 1000000))
		[ "$ms" -le "$span" ] || span=$ms
	done
	span=$((span * 5 / 4 + 20))
	echo "kills within $span ms"
	i=0
	while [ "$i" -lt "$ITERATIONS" ]; do
		i=$((i + 1))
		case $((i % 2)) in 0) rev=A ;; *) rev=B ;; esac
		# incremental (a journal), --full (a swap), cold (nothing yet)
		case $((i % 4)) in
		0) mode=--full ;;
		3) mode=; rm -rf "$OUT" "$TMP/o/.out.verify-cache" ;;
		*) mode= ;;
		esac
		# anywhere; every other kill in the last part, where the
		# files move into place
		ms=$(awk -v s="$SEED" -v i="$i" -v n="$span" 'BEGIN { srand(s)
		    for (k = 0; k < i; k++) r = rand()
		    if (i % 2 == 0) r = 0.55 + 0.45 * r
		    printf "%d", r * n }')
		"$BADGEGEN" build --repo "$SITE" --rev "$rev" --now "$NOW" \
		    --out "$OUT" $mode --quiet 2>/dev/null &
		pid=$!
		sleep "$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		left=$(leftovers | tr '\n' ' ')
		"$BADGEGEN" build --repo "$SITE" --rev "$rev" --now "$NOW" \
		    --out "$OUT" --quiet ||
		    die "kill $i ($rev $mode at $ms ms, left: $left): the recovery build failed"
		diff -r "$TMP/clean-$rev/out" "$OUT" >"$TMP/diff" 2>&1 ||
		    { head -20 "$TMP/diff"; die "kill $i ($rev $mode at $ms ms, left: $left): the site differs from a clean build"; }
		[ -z "$(leftovers)" ] ||
		    die "kill $i ($rev $mode at $ms ms): left beside the output: $(leftovers | tr '\n' ' ')"
		echo "kill $i: $rev ${mode:-incremental} at $ms ms, left ${left:-nothing}: recovered"
	done
}
t "builds killed at random points: the next build recovers, nothing is left" kills

finish
