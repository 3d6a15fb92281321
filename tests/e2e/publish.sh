#!/bin/sh
# publish.sh - contrib/post-receive and contrib/pre-receive end to end:
# a bare repository with the hooks, a web root, and a clone that
# publishes with plain git push.  Every case starts from the minimal site
# published once (published).
. "$(dirname "$0")/lib/lib.sh"
E2E=$TOP/tests/e2e/build
SOURCE_DATE_EPOCH=1793491200	# 2026-11-01: the awards' dates hold
export SOURCE_DATE_EPOCH

BARE=$TMP/site.git
WWW=$TMP/www
LOG=$TMP/publish.log
WORK=$TMP/work

# setup: the bare repository $BARE with the hook, configured to publish
# into $WWW, and a clone $WORK holding the minimal site, not committed.
setup() {
	git init -q --bare "$BARE" || die "git init"
	cp "$TOP/contrib/post-receive" "$BARE/hooks/post-receive"
	chmod +x "$BARE/hooks/post-receive"
	# a badgegen that takes its time, so that pushes overlap
	printf '#!/bin/sh\nsleep "${BG_DELAY:-0}"\nexec %s "$BADGEGEN" "$@"\n' \
	    "${VALGRIND:-}" > "$TMP/slow-badgegen"
	chmod +x "$TMP/slow-badgegen"
	git -C "$BARE" config badgegen.webroot "$WWW"
	git -C "$BARE" config badgegen.log "$LOG"
	git -C "$BARE" config badgegen.bin "$TMP/slow-badgegen"
	git clone -q "$BARE" "$WORK" 2>/dev/null || die "clone"
	cp -R "$E2E/minimal/site"/. "$WORK"/
}

# push: git push from the clone; the output, without the padding git
# puts after remote lines, is in $TMP/push.out.
push() {
	git -C "$WORK" push -q origin HEAD:main >"$TMP/push.raw" 2>&1 ||
	    { cat "$TMP/push.raw"; die "push failed"; }
	sed 's/[[:space:]]*$//' "$TMP/push.raw" > "$TMP/push.out"
	cat "$TMP/push.out"
}

short() {
	git -C "$WORK" rev-parse --short HEAD
}

# published: setup, then the site committed and pushed once.
published() {
	setup
	commit_all "$WORK" "first"
	push
}

first_push() {
	published
	grep -q "^remote: badgegen: published $(short)\$" "$TMP/push.out" ||
	    die "no published line"
	[ -f "$WWW/index.html" ] || die "no site"
	[ -f "$WWW/awards/2026/alice/index.html" ] || die "no award page"
	grep -q "^=== 20[0-9-]*T[0-9:]*Z build $(git -C "$WORK" rev-parse HEAD) " \
	    "$LOG" || die "no timestamp line in the log"
	grep -q '^=== .* exit 0$' "$LOG" || die "no exit status in the log"
}
t "a push publishes the site" first_push

other_branch() {
	published
	git -C "$WORK" checkout -q -b draft
	echo "x" > "$WORK/content/notes.txt"
	commit_all "$WORK" "draft"
	git -C "$WORK" push -q origin draft >"$TMP/push.out" 2>&1 || die "push"
	grep -q '^remote: badgegen: draft is not published: this repository publishes main' \
	    "$TMP/push.out" || die "the pusher is not told: $(cat "$TMP/push.out")"
	! grep -q 'badgegen: published' "$TMP/push.out" || die "another branch was published"
}
t "a push to another branch publishes nothing, and says so" other_branch

# break_site <dir>: a broken award, and a change that would show, in
# the work tree of the clone.
break_site() {
	printf '{ "type": "Assertion", \n' > "$WORK/content/awards/2026/broken.json"
	sed 's/Data Literacy/Data Literacy II/' "$WORK/content/badges/data.json" \
	    > "$TMP/x" && mv "$TMP/x" "$WORK/content/badges/data.json"
}

bad_award() {
	published
	cp -R "$WWW" "$TMP/www.before"
	break_site
	commit_all "$WORK" "a broken award"
	push
	grep -q "^remote: badgegen: NOT published: $(short) has errors; the web root keeps the previous site:\$" \
	    "$TMP/push.out" || die "no word that nothing was published"
	grep -q '^remote: badgegen:   error: content/awards/2026/broken.json' "$TMP/push.out" ||
	    die "the pusher is not shown the error"
	grep -q 'content/awards/2026/broken.json' "$LOG" || die "the log does not name the award"
	diff -r "$TMP/www.before" "$WWW" || die "the web root changed"
	# fixed, it is published
	rm "$WORK/content/awards/2026/broken.json"
	commit_all "$WORK" "fixed"
	push
	grep -q "^remote: badgegen: published $(short)\$" "$TMP/push.out" || die "not published after the fix"
	grep -q 'Data Literacy II' "$WWW/badges/data/index.html" || die "site not updated"
}
t "build exit 1: NOT published, the web root keeps the previous site" bad_award

# One award that now fails must not take its published pages away: the
# whole push waits (shared links stay), and the pusher is told.
award_now_fails() {
	published
	cp -R "$WWW" "$TMP/www.before"
	sed -i 's/"salt": "s1"/"salt": "s1", "identity": 1/' \
	    "$WORK/content/awards/2026/alice.json"
	commit_all "$WORK" "alice's award broken"
	push
	grep -q 'NOT published' "$TMP/push.out" || die "published"
	[ -f "$WWW/awards/2026/alice/index.html" ] || die "alice's page is gone"
	[ -f "$WWW/awards/2026/alice.png" ] || die "alice's baked badge is gone"
	diff -r "$TMP/www.before" "$WWW" || die "the web root changed"
}
t "an award that now fails: its published pages stay, nothing is published" award_now_fails

pre_receive() {
	published
	cp "$TOP/contrib/pre-receive" "$BARE/hooks/pre-receive"
	chmod +x "$BARE/hooks/pre-receive"
	before=$(git -C "$BARE" rev-parse main)
	cp -R "$WWW" "$TMP/www.before"
	break_site
	commit_all "$WORK" "a broken award"
	! git -C "$WORK" push -q origin HEAD:main >"$TMP/push.raw" 2>&1 ||
	    { cat "$TMP/push.raw"; die "the push was accepted"; }
	sed 's/[[:space:]]*$//' "$TMP/push.raw" > "$TMP/push.out"
	cat "$TMP/push.out"
	grep -q "^remote: badgegen: push refused: $(short) would not publish cleanly" \
	    "$TMP/push.out" || die "no refusal"
	grep -q '^remote: badgegen:   error: content/awards/2026/broken.json' "$TMP/push.out" ||
	    die "the pusher is not shown the error"
	grep -q 'pre-receive hook declined' "$TMP/push.out" || die "git did not decline"
	[ "$(git -C "$BARE" rev-parse main)" = "$before" ] || die "the branch moved"
	! git -C "$BARE" cat-file -e "$(git -C "$WORK" rev-parse HEAD)" 2>/dev/null ||
	    die "the refused commit is in the repository"
	diff -r "$TMP/www.before" "$WWW" || die "the web root changed"
	ls -a "$TMP" | grep -v '^\.\.\?$' | grep '^\.www\.' | grep -v '^\.www\.verify-cache$' &&
	    die "the dry run left files beside the web root"
	# fixed: let through, published
	rm "$WORK/content/awards/2026/broken.json"
	commit_all "$WORK" "fixed"
	push
	grep -q "^remote: badgegen: published $(short)\$" "$TMP/push.out" || die "not published"
	grep -q 'Data Literacy II' "$WWW/badges/data/index.html" || die "site not updated"
}
t "pre-receive refuses a push that would not publish, before it lands" pre_receive

# An update of the web root that a build left half applied is completed
# before anything else, even when the pushed commit does not build.
pending_journal() {
	published
	mkdir "$TMP/.www.staging-Ab3dE9"
	echo "the completed update" > "$TMP/.www.staging-Ab3dE9/index.html"
	printf 'badgegen-journal 1\nstaging .www.staging-Ab3dE9\nput index.html\nend\n' \
	    > "$TMP/.www.journal"
	echo "colour = blue" >> "$WORK/site.conf"
	commit_all "$WORK" "a site.conf error"
	push
	grep -q "NOT published" "$TMP/push.out" || die "published"
	[ "$(cat "$WWW/index.html")" = "the completed update" ] ||
	    die "the pending update was not completed"
	[ ! -e "$TMP/.www.journal" ] || die "the journal stays"
	[ ! -e "$TMP/.www.staging-Ab3dE9" ] || die "the staging directory stays"
}
t "a half-applied update of the web root is completed first" pending_journal

# badgegen init names its branch main, whatever git's default: the first
# push publishes.
init_branch() {
	git config --global init.defaultBranch master
	git init -q --bare "$BARE" || die "git init"
	cp "$TOP/contrib/post-receive" "$BARE/hooks/post-receive"
	git -C "$BARE" config badgegen.webroot "$WWW"
	git -C "$BARE" config badgegen.log "$LOG"
	git -C "$BARE" config badgegen.bin "$BADGEGEN"
	bg init "$WORK" >/dev/null || die "init"
	[ "$(git -C "$WORK" symbolic-ref HEAD)" = refs/heads/main ] ||
	    die "init's branch is $(git -C "$WORK" symbolic-ref HEAD)"
	git -C "$WORK" remote add origin "$BARE"
	git -C "$WORK" push -q origin main >"$TMP/push.out" 2>&1 || die "push"
	cat "$TMP/push.out"
	grep -q 'badgegen: published' "$TMP/push.out" || die "not published"
	[ -f "$WWW/index.html" ] || die "no site"
}
t "init names its branch main: the first push publishes" init_branch

config_error() {
	published
	cp -R "$WWW" "$TMP/www.before"
	echo "colour = blue" >> "$WORK/site.conf"
	echo "changed" > "$WORK/content/badges/new.txt"
	commit_all "$WORK" "a site.conf error"
	push
	grep -q "^remote: badgegen: NOT published: see $LOG\$" "$TMP/push.out" ||
	    die "no NOT published"
	grep -q 'site.conf:.*colour' "$LOG" || die "the log lacks the error"
	grep -q '^=== .* exit 2$' "$LOG" || die "no exit 2 in the log"
	diff -r "$TMP/www.before" "$WWW" || die "the old site changed"
	git -C "$BARE" rev-parse -q --verify refs/heads/main >/dev/null ||
	    die "the push was refused"
	[ "$(git -C "$BARE" rev-parse main)" = "$(git -C "$WORK" rev-parse HEAD)" ] ||
	    die "the push did not land"
	# repaired, it is published again
	sed '/^colour = blue$/d' "$WORK/site.conf" > "$TMP/x" && mv "$TMP/x" "$WORK/site.conf"
	commit_all "$WORK" "fixed"
	push
	grep -q "published $(short)" "$TMP/push.out" || die "not published after the fix"
}
t "build exit 2: NOT published, the old site untouched, the push lands" config_error

overlapping_pushes() {
	published
	sed 's/^title = .*/title = First Title/' "$WORK/site.conf" > "$TMP/x" &&
	    mv "$TMP/x" "$WORK/site.conf"
	commit_all "$WORK" "first title"
	BG_DELAY=2 git -C "$WORK" push -q origin HEAD:main >"$TMP/p1.out" 2>&1 &
	p1=$!
	sleep 1
	sed 's/^title = .*/title = Second Title/' "$WORK/site.conf" > "$TMP/x" &&
	    mv "$TMP/x" "$WORK/site.conf"
	commit_all "$WORK" "second title"
	git -C "$WORK" push -q origin HEAD:main >"$TMP/p2.out" 2>&1 ||
	    { cat "$TMP/p2.out"; die "second push"; }
	wait "$p1" || { cat "$TMP/p1.out"; die "first push"; }
	sed -i 's/[[:space:]]*$//' "$TMP/p1.out" "$TMP/p2.out"
	cat "$TMP/p1.out" "$TMP/p2.out"
	grep -q 'badgegen: published' "$TMP/p1.out" || die "first push not published"
	grep -q "badgegen: published $(short)\( \|\$\)" "$TMP/p2.out" || die "second push not published"
	grep -q 'Second Title' "$WWW/index.html" || die "the newer commit is not published"
	[ ! -d "$BARE/badgegen.lock" ] || die "the lock is left behind"
}
t "two pushes in quick succession: the newer commit is published" overlapping_pushes

no_webroot() {
	published
	git -C "$BARE" config --unset badgegen.webroot
	echo "y" >> "$WORK/content/badges/new.txt"
	commit_all "$WORK" "no webroot"
	push
	grep -q 'NOT published: git config badgegen.webroot is not set' \
	    "$TMP/push.out" || die "no word of the missing setting"
}
t "no web root configured: NOT published, the push lands" no_webroot

notify_on_push() {
	published
	mkdir -p "$TMP/mta"
	# an MTA that keeps what it is given
	printf '#!/bin/sh\n[ "$*" = "-t -oi" ] || exit 64\ncat >"%s/mta/$$"\n' \
	    "$TMP" >"$TMP/fake-sendmail"
	chmod +x "$TMP/fake-sendmail"
	git -C "$BARE" config badgegen.notify true
	git -C "$BARE" config badgegen.outbox "$TMP/outbox"
	git -C "$BARE" config badgegen.sendmail "$TMP/fake-sendmail"
	git -C "$BARE" config badgegen.sendoutbox "$TOP/contrib/send-outbox"
	printf '\n[mail]\nfrom = badges@test.example\n' >>"$WORK/site.conf"
	commit_all "$WORK" "a sender"
	push
	# no awards, no outbox yet: nothing written, nothing to send
	grep -q '^remote: badgegen: notices: 0 written$' "$TMP/push.out" ||
	    { cat "$LOG"; die "notices on a push without awards"; }
	grep -q 'sent' "$TMP/push.out" && die "sent without an outbox"
	[ ! -e "$TMP/outbox" ] || die "an outbox without messages"
	id=$(printf '%s' dana@test.example s9 | sha256sum | cut -d' ' -f1)
	sed -e 's|alice\.json|dana.json|' -e 's|"salt": "s1"|"salt": "s9"|' \
	    -e "s|sha256\\\$[0-9a-f]*|sha256\$$id|" -e 's|Alice <Example>|Dana|' \
	    "$WORK/content/awards/2026/alice.json" >"$WORK/content/awards/2026/dana.json"
	echo "email = dana@test.example" >"$WORK/content/awards/2026/dana.conf"
	commit_all "$WORK" "an award for dana"
	push
	grep -q "^remote: badgegen: published $(short)\$" "$TMP/push.out" ||
	    die "not published"
	grep -q '^remote: badgegen: notices: 1 written$' "$TMP/push.out" ||
	    { cat "$LOG"; die "no notice written"; }
	grep -q '^remote: badgegen: notices sent$' "$TMP/push.out" ||
	    { cat "$LOG"; die "not sent"; }
	[ "$(ls "$TMP/mta" | wc -l)" -eq 1 ] || die "the MTA got $(ls "$TMP/mta")"
	grep -q '^To: .*<dana@test.example>$' "$TMP"/mta/* || die "not to dana"
	[ "$(ls "$TMP/outbox/sent" | wc -l)" -eq 1 ] || die "sent/"
	# A push without new awards writes and sends nothing.
	echo "z" >>"$WORK/content/badges/new.txt"
	commit_all "$WORK" "no awards"
	push
	grep -q '^remote: badgegen: notices: 0 written$' "$TMP/push.out" ||
	    die "notices on a push without awards"
	[ "$(ls "$TMP/mta" | wc -l)" -eq 1 ] || die "mailed again"
	# The first push of the published branch notifies nobody.
	git -C "$BARE" config badgegen.branch release
	git -C "$WORK" push -q origin HEAD:release >"$TMP/push.out" 2>&1 || die "push"
	grep -q 'notify skipped for the first push of release' "$TMP/push.out" ||
	    die "$(cat "$TMP/push.out")"
	grep -q '^=== .* notify skipped: first push of release' "$LOG" ||
	    die "no log line"
}
t "badgegen.notify: a push notifies and sends; the first push of a branch does not" notify_on_push

# The awards of a push that was not published are notified with the
# next push that is.
notify_after_refusal() {
	published
	git -C "$BARE" config badgegen.notify true
	git -C "$BARE" config badgegen.outbox "$TMP/outbox"
	printf '\n[mail]\nfrom = badges@test.example\n' >>"$WORK/site.conf"
	commit_all "$WORK" "a sender"
	push
	id=$(printf '%s' dana@test.example s9 | sha256sum | cut -d' ' -f1)
	sed -e 's|alice\.json|dana.json|' -e 's|"salt": "s1"|"salt": "s9"|' \
	    -e "s|sha256\\\$[0-9a-f]*|sha256\$$id|" -e 's|Alice <Example>|Dana|' \
	    "$WORK/content/awards/2026/alice.json" >"$WORK/content/awards/2026/dana.json"
	echo "email = dana@test.example" >"$WORK/content/awards/2026/dana.conf"
	printf '{ "type": "Assertion", \n' > "$WORK/content/awards/2026/broken.json"
	commit_all "$WORK" "dana's award, and a broken one"
	push
	grep -q 'NOT published' "$TMP/push.out" || die "published"
	! grep -q 'notices' "$TMP/push.out" || die "notified without publishing"
	rm "$WORK/content/awards/2026/broken.json"
	commit_all "$WORK" "fixed"
	push
	grep -q "^remote: badgegen: published $(short)\$" "$TMP/push.out" || die "not published"
	grep -q '^remote: badgegen: notices: 1 written$' "$TMP/push.out" ||
	    { cat "$LOG"; die "dana was not notified"; }
	grep -rq 'dana@test.example' "$TMP/outbox/new" || die "not to dana"
}
t "badgegen.notify: the awards of a push not published are notified with the next" \
    notify_after_refusal

finish
