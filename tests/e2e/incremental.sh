#!/bin/sh
# incremental.sh - a build that keeps the files of the previous one must
# make the site a full build makes, byte for byte: over a sequence of
# random commits to the example site (awards added, removed, edited,
# broken and made private; badges, images, templates, site.conf and
# recipient files changed; the clock moved across NEW windows and an
# expiry date), the incremental output equals a --full build and a build
# from nothing, manifest included.  INCR_SEED picks another sequence,
# INCR_STEPS its length.
. "$(dirname "$0")/lib/lib.sh"

SEED=${INCR_SEED:-20261207}
STEPS=${INCR_STEPS:-16}
REPO=$TMP/site
A=$TMP/incr.out		# incremental, one output all along
B=$TMP/full.out		# --full every time
AW=content/awards/2026

setup() {
	rm -rf "$REPO" "$A" "$B" "$TMP/fresh.out" "$TMP"/.incr.out.* \
	    "$TMP"/.full.out.* "$TMP"/.fresh.out.*
	mkdir -p "$REPO"
	cp "$TOP/site.conf" "$REPO/"
	cp -R "$TOP/content" "$REPO/"
	git -C "$REPO" init -q
	commit_all "$REPO" "the example site"
	git -C "$REPO" tag first
}

# restore <path>...: the paths as the first commit had them.
restore() {
	git -C "$REPO" checkout -q first -- "$@"
}

# The mutations: each one changes the work tree (and may undo itself).
m_title() {
	sed -i "s/^title = .*/title = 架空大学 オープンバッジ $1/" "$REPO/site.conf"
}
m_languages() {
	if grep -q '^languages = ja en$' "$REPO/site.conf"; then
		sed -i 's/^languages = ja en$/languages = ja/' "$REPO/site.conf"
	else
		sed -i 's/^languages = ja$/languages = ja en/' "$REPO/site.conf"
	fi
}
m_private() {
	f=$REPO/$AW/ai-basics-0001.conf
	if grep -q '^visibility' "$f"; then
		restore "$AW/ai-basics-0001.conf"
	else
		echo 'visibility = private' >> "$f"
	fi
}
m_remove() {
	if [ -f "$REPO/$AW/ds-pbl-6f8650cc60.json" ]; then
		rm "$REPO/$AW/ds-pbl-6f8650cc60.json" "$REPO/$AW/ds-pbl-6f8650cc60.conf"
	else
		restore "$AW/ds-pbl-6f8650cc60.json" "$AW/ds-pbl-6f8650cc60.conf"
	fi
}
m_issued() {
	f=$REPO/$AW/ai-basics-0002.json
	if grep -q '"issuedOn": "2026-04-01T09:00:00+09:00"' "$f"; then
		sed -i 's/"issuedOn": "2026-04-01T09:00:00+09:00"/"issuedOn": "2026-04-20T09:00:00+09:00"/' "$f"
	else
		restore "$AW/ai-basics-0002.json"
	fi
}
m_break() {
	f=$REPO/$AW/infosec-intro-ebfa24bc02.jws
	if cmp -s "$f" "$TOP/$AW/infosec-intro-ebfa24bc02.jws"; then
		# a different signature: the award is left out
		sed -i 's/\.\([A-Za-z0-9_-]\)\([A-Za-z0-9_-]*\)$/.A\2/' "$f"
		cmp -s "$f" "$TOP/$AW/infosec-intro-ebfa24bc02.jws" &&
		    sed -i 's/\.\([A-Za-z0-9_-]\)\([A-Za-z0-9_-]*\)$/.B\2/' "$f"
	else
		restore "$AW/infosec-intro-ebfa24bc02.jws"
	fi
}
m_badge() {
	f=$REPO/content/badges/ds-pbl.json
	if grep -q 'さらに詳しく' "$f"; then
		restore content/badges/ds-pbl.json
	else
		sed -i 's/"description": "/"description": "さらに詳しく。/' "$f"
	fi
}
m_image() {
	if cmp -s "$REPO/content/badges/ai-basics.png" "$TOP/content/badges/ai-basics.png"; then
		cp "$TOP/content/badges/ds-pbl.png" "$REPO/content/badges/ai-basics.png"
	else
		restore content/badges/ai-basics.png
	fi
}
m_template() {
	if [ -d "$REPO/templates" ]; then
		rm -r "$REPO/templates"
	else
		mkdir -p "$REPO/templates"
		{ cat "$TOP/templates/404.mustache"; echo '<!-- site 404 -->'; } \
		    > "$REPO/templates/404.mustache"
		# every field of the award page's badge, so that a key that
		# misses one shows
		{ cat "$TOP/templates/award.mustache"
		  echo '<!-- {{award.badge.name}} {{award.badge.award_count}} {{#award.badge.skills}}{{name}}{{/award.badge.skills}} -->'; } \
		    > "$REPO/templates/award.mustache"
	fi
}
m_recipient() {
	if [ -f "$REPO/content/recipients/sakura-ito.conf" ]; then
		rm "$REPO/content/recipients/sakura-ito.conf"
	else
		restore content/recipients/sakura-ito.conf
	fi
}
m_nothing() {
	:
}

MUTATIONS="title languages private remove issued break badge image template recipient nothing"
# Build dates: before and inside NEW windows, before and after expiry.
DATES="2026-04-15T12:00:00+09:00 2026-05-20T00:00:00+09:00
2026-07-10T08:00:00+09:00 2026-12-01T00:00:00+09:00
2026-12-01T23:00:00+09:00 2027-05-14T23:59:59+09:00
2027-05-15T00:00:00+09:00"

# The sequence: "<mutation> <date>" per step, from the seed.
plan() {
	awk -v seed="$SEED" -v steps="$STEPS" -v muts="$MUTATIONS" \
	    -v dates="$(echo $DATES)" 'BEGIN {
		srand(seed)
		nm = split(muts, m, " ")
		nd = split(dates, d, " ")
		for (i = 1; i <= steps; i++)
			print m[int(rand() * nm) + 1], d[int(rand() * nd) + 1]
	}'
}

# build <out> <now> [option]: exit 0 or 1 (awards left out) is a build.
build() {
	(cd "$REPO" && bg build --quiet --now "$2" --out "$1" ${3:-}) \
	    2>>"$TMP/build.log"
	s=$?
	[ "$s" -le 1 ] || { cat "$TMP/build.log"; die "build of $1 exited $s"; }
	return 0
}

same() {
	diff -r "$1" "$2" >"$TMP/diff.out" 2>&1 ||
	    { head -n 40 "$TMP/diff.out"; die "step ${step:-} (${what:-}): $3"; }
}

sequence() {
	setup
	plan > "$TMP/plan"
	step=0
	while read -r what now; do
		step=$((step + 1))
		"m_$what" "$step"
		commit_all "$REPO" "step $step: $what" ||
		    git -C "$REPO" commit -q --allow-empty -m "step $step"
		build "$A" "$now"
		build "$B" "$now" --full
		rm -rf "$TMP/fresh.out" "$TMP/.fresh.out.verify-cache"
		build "$TMP/fresh.out" "$now"
		same "$A" "$B" "the incremental build differs from --full"
		same "$A" "$TMP/fresh.out" "the incremental build differs from a first build"
	done < "$TMP/plan"
	[ "$step" -eq "$STEPS" ] || die "ran $step steps of $STEPS"
}
t "incremental builds equal full builds over $STEPS random commits (seed $SEED)" sequence

# What an incremental build writes: nothing when nothing changed; the
# award's files and the pages that list it when one award changed.
writes_only_changes() {
	setup
	now=2026-12-01T00:00:00+09:00
	(cd "$REPO" && bg build --now $now --out "$A") 2>"$TMP/1.err" || die "build 1"
	grep -q ' 0 kept, 0 removed$' "$TMP/1.err" || die "first build: $(cat "$TMP/1.err")"
	(cd "$REPO" && bg build --now $now --out "$A") 2>"$TMP/2.err" || die "build 2"
	grep -q '; files: 0 written, [1-9][0-9]* kept, 0 removed$' "$TMP/2.err" ||
	    die "no-change build: $(cat "$TMP/2.err")"
	grep -q 'nothing changed since the last build' "$TMP/2.err" ||
	    die "the same tree built again: $(cat "$TMP/2.err")"
	# the next day: the award pages show another verification day
	(cd "$REPO" && bg build --now 2026-12-02T00:00:00+09:00 --out "$A") \
	    2>"$TMP/2b.err" || die "build 2b"
	grep -q '; files: 18 written, 67 kept, 0 removed$' "$TMP/2b.err" ||
	    die "next day: $(cat "$TMP/2b.err")"
	touch -d 2000-01-01 "$A/badges/ds-pbl/index.html"
	now=2026-12-02T00:00:00+09:00
	m_issued
	commit_all "$REPO" "one award changed"
	(cd "$REPO" && bg build --now $now --out "$A") 2>"$TMP/3.err" || die "build 3"
	written=$(sed -n 's/.*; files: \([0-9]*\) written, .*/\1/p' "$TMP/3.err")
	grep -q '; award pages: 1 made, 8 kept;' "$TMP/3.err" ||
	    die "not one award page made: $(cat "$TMP/3.err")"
	# two award pages, the baked badge, two badge pages, two issuer
	# pages, two index pages, two 404 pages, the collection pages, the
	# sitemap, the hosted JSON
	[ "$written" -ge 5 ] && [ "$written" -le 20 ] ||
	    die "one changed award wrote $written files: $(cat "$TMP/3.err")"
	# a page that does not list the award stays as it was
	[ "$(stat -c %Y "$A/badges/ds-pbl/index.html")" = "$(date -d 2000-01-01 +%s)" ] ||
	    die "an unrelated page was written again"
	m_remove
	commit_all "$REPO" "an award removed"
	(cd "$REPO" && bg build --now $now --out "$A") 2>"$TMP/4.err" || die "build 4"
	grep -q ' [1-9][0-9]* removed$' "$TMP/4.err" || die "nothing removed: $(cat "$TMP/4.err")"
	[ ! -e "$A/awards/2026/ds-pbl-6f8650cc60" ] || die "the removed award's folder stays"
	[ ! -e "$A/awards/2026/ds-pbl-6f8650cc60.json" ] || die "the removed award's JSON stays"
}
t "a build writes what changed and removes what is gone" writes_only_changes

# A journal left by an interrupted build is completed by the next one.
journal_completed() {
	setup
	now=2026-12-01T00:00:00+09:00
	build "$A" $now
	m_remove
	commit_all "$REPO" "an award removed"
	# The update, stopped after its journal was written: staged files
	# and a journal, nothing applied yet.
	stage=$TMP/.incr.out.staging-abc123
	mkdir -p "$stage/.badgegen"
	sed 's/^[0-9a-f]* index\.html$/- index.html/' "$A/.badgegen/manifest" \
	    > "$stage/.badgegen/manifest"
	echo "new index" > "$stage/index.html"
	printf 'badgegen-journal 1\nstaging .incr.out.staging-abc123\ndel awards/2026/ds-pbl-6f8650cc60.json\nput index.html\nput .badgegen/manifest\nend\n' \
	    > "$TMP/.incr.out.journal"
	(cd "$REPO" && bg build --now $now --out "$A") 2>"$TMP/j.err" ||
	    { cat "$TMP/j.err"; die "build after the interruption"; }
	grep -q 'completed the update of the site that an interrupted build left' \
	    "$TMP/j.err" || die "no note: $(cat "$TMP/j.err")"
	[ ! -e "$TMP/.incr.out.journal" ] || die "the journal stays"
	[ ! -e "$stage" ] || die "the staging directory stays"
	# the journal's manifest lists index.html without a key: made again
	grep -q 'new index' "$A/index.html" && die "the journal's index.html stayed"
	rm -rf "$TMP/fresh.out"
	build "$TMP/fresh.out" $now
	same "$A" "$TMP/fresh.out" "the completed site differs from a first build"
}
t "an interrupted update is completed by the next build" journal_completed

# --full replaces the site whatever its manifest says; a damaged
# manifest only costs time.
full_and_damaged() {
	setup
	now=2026-12-01T00:00:00+09:00
	build "$A" $now
	echo "stray" > "$A/awards/2026/ai-basics-0001/index.html"
	(cd "$REPO" && bg build --now $now --out "$A" --full) 2>"$TMP/f.err" || die "full"
	grep -q 'stray' "$A/awards/2026/ai-basics-0001/index.html" && die "--full kept a file"
	grep -q ' 0 kept, 0 removed$' "$TMP/f.err" || die "--full kept files: $(cat "$TMP/f.err")"
	printf 'badgegen-manifest 1\nnot a line\n' > "$A/.badgegen/manifest"
	(cd "$REPO" && bg build --now $now --out "$A") 2>"$TMP/d.err" || die "damaged"
	grep -q 'manifest:2: damaged line; making every file' "$TMP/d.err" ||
	    die "no warning: $(cat "$TMP/d.err")"
	# (a build with a warning keeps no stamp for the next to skip by)
	build "$A" $now
	rm -rf "$TMP/fresh.out"
	build "$TMP/fresh.out" $now
	same "$A" "$TMP/fresh.out" "the site after a damaged manifest differs"
}
t "--full makes every file; a damaged manifest is a warning" full_and_damaged


# A site template that shows every field of an award page's badge: the
# pages of the other awards of a badge must come out as a full build
# makes them when an award of that badge comes, goes or turns private.
badge_fields() {
	setup
	now=2026-12-01T00:00:00+09:00
	m_template
	commit_all "$REPO" "templates"
	build "$A" $now
	for what in remove private remove private; do
		step=$what
		"m_$what"
		commit_all "$REPO" "$what"
		build "$A" $now
		rm -rf "$TMP/fresh.out" "$TMP/.fresh.out.verify-cache"
		build "$TMP/fresh.out" $now
		same "$A" "$TMP/fresh.out" "the site differs from a first build"
	done
}
t "award pages show their badge as a full build does" badge_fields

# A build of the same tree later the same day skips all work only until
# a date the site depends on is crossed: an expiry, the end of a NEW
# window.  One second before and at each, the site equals a first build.
time_crossings() {
	setup
	for pair in "2027-05-14T23:59:58+09:00 2027-05-14T23:59:59+09:00" \
	    "2026-11-19T09:59:59+09:00 2026-11-19T10:00:00+09:00"; do
		set -- $pair
		build "$A" "$1"
		(cd "$REPO" && bg build --now "$2" --out "$A") 2>"$TMP/t.err"
		[ $? -le 1 ] || die "build at $2: $(cat "$TMP/t.err")"
		grep -q 'nothing changed since the last build' "$TMP/t.err" &&
		    die "at $2 the build skipped its work: $(cat "$TMP/t.err")"
		rm -rf "$TMP/fresh.out" "$TMP/.fresh.out.verify-cache"
		build "$TMP/fresh.out" "$2"
		step=$2
		same "$A" "$TMP/fresh.out" "the site differs from a first build"
	done
}
t "crossing an expiry or the end of a NEW window rebuilds what it changes" time_crossings

# Award pages are made on --jobs threads, each taking a run of awards:
# the files and the messages are the same for every number of threads.
many_awards() {
	setup
	i=100
	while [ $i -lt 260 ]; do
		sed "s/ai-basics-0001/gen-$i/" "$REPO/$AW/ai-basics-0001.json" \
		    > "$REPO/$AW/gen-$i.json"
		i=$((i + 1))
	done
	# two broken awards, in different runs: reported in file order
	sed -i 's/"hosted"/"signed"/' "$REPO/$AW/gen-120.json"
	sed -i 's/"issuedOn": "[^"]*"/"issuedOn": "yesterday"/' "$REPO/$AW/gen-250.json"
	# an image that cannot be baked: a message from every award of it
	head -c 200 "$TOP/content/badges/ai-basics.png" > "$REPO/content/badges/ai-basics.png"
	commit_all "$REPO" "160 awards"
	for j in 1 2 3; do
		(cd "$REPO" && bg build --now 2026-12-01T00:00:00+09:00 --jobs $j \
		    --out "$TMP/j$j.out") 2>"$TMP/j$j.err"
		[ $? -eq 1 ] || die "--jobs $j: expected exit status 1"
		sed -i "s|$TMP/j$j.out|OUT|" "$TMP/j$j.err"
	done
	[ "$(grep -c 'gen-1[0-9][0-9].json: no baked badge' "$TMP/j1.err")" -ge 90 ] ||
	    die "no message for each award: $(head "$TMP/j1.err")"
	grep -q 'gen-120' "$TMP/j1.err" && grep -q 'gen-250' "$TMP/j1.err" ||
	    die "the broken awards are not reported: $(cat "$TMP/j1.err")"
	for j in 2 3; do
		same "$TMP/j1.out" "$TMP/j$j.out" "--jobs $j makes other files"
		cmp "$TMP/j1.err" "$TMP/j$j.err" || die "--jobs $j reports otherwise"
	done
}
t "the same files and messages for every --jobs" many_awards

finish
