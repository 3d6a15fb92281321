#!/bin/sh
# site.sh - opening a site and reading a command line: the messages say
# what to do (outside a repository, a commit without site.conf, a time
# zone abbreviation, a file that is not UTF-8, a document only in the
# work tree), the exit statuses are the documented ones, and every verb
# reports usage errors the same way.
. "$(dirname "$0")/lib/lib.sh"
MIN=$TOP/tests/e2e/build/minimal/site
NOW=2026-11-01T00:00:00Z

# site <dir>: a repository holding the minimal site, committed.
site() {
	rm -rf "$1"
	new_repo "$1" "$MIN"
}

# stderr_has <file> <phrase>: the phrase is in the messages.
stderr_has() {
	grep -qF -- "$2" "$1" || { cat "$1"; die "no \"$2\" in the messages"; }
}

outside_repository() {
	mkdir -p "$TMP/nogit" && cd "$TMP/nogit"
	expect_status 2 bg build --out x 2>"$TMP/err"
	stderr_has "$TMP/err" "error: the current directory is not in a git repository: name the site repository with --repo <dir>, or make a new one with badgegen init <dir>"
	expect_status 2 bg check 2>"$TMP/err"
	stderr_has "$TMP/err" "with --repo <dir>, or make a new one with badgegen init <dir>"
	expect_status 2 bg notify --since HEAD --outbox o 2>"$TMP/err"
	stderr_has "$TMP/err" "not in a git repository"
	# A site on disk that was never committed: --worktree reads it.
	cp "$MIN/site.conf" .
	expect_status 2 bg build --out x 2>"$TMP/err"
	stderr_has "$TMP/err" "is not in a git repository: badgegen reads a site from a commit; commit it (git init, git add, git commit), or read the files on disk with --worktree"
	expect_status 2 bg build --repo "$TMP/nosuch" 2>"$TMP/err"
	stderr_has "$TMP/err" "error: --repo $TMP/nosuch: No such file or directory"
	[ ! -e x ] || die "wrote a site"
}
t "outside a repository the message names --repo, badgegen init and --worktree" outside_repository

no_site_conf() {
	site "$TMP/nc"
	cd "$TMP/nc"
	git rm -q site.conf && git commit -qm "no site.conf"
	short=$(git rev-parse --short=7 HEAD)
	expect_status 2 bg build --out "$TMP/nc.out" 2>"$TMP/err"
	stderr_has "$TMP/err" "error: site.conf: not found in the commit $short (branch main) of .; a site repository has site.conf and content/ at its root (badgegen init makes one)"
	git tag v1
	expect_status 2 bg check --rev v1 2>"$TMP/err"
	stderr_has "$TMP/err" "site.conf: not found in the commit $short (tag v1) of ."
	# Only in the work tree: commit it, or --worktree.
	cp "$MIN/site.conf" .
	expect_status 2 bg build --out "$TMP/nc.out" 2>"$TMP/err"
	stderr_has "$TMP/err" "site.conf: not found in the commit $short (branch main) of ., only in the work tree: commit it, or read the files on disk with --worktree"
	bg build --worktree --now "$NOW" --out "$TMP/nc.out" --quiet ||
	    die "the work tree does not build"
	# issue reads the work tree: its message names --repo.
	expect_status 2 bg issue --repo "$TMP" --badge x --key y \
	    --recipient a@example.org --name A 2>"$TMP/err"
	stderr_has "$TMP/err" "site.conf: not found in $TMP; --repo names the site"
}
t "a commit without site.conf is named by its short id and branch" no_site_conf

timezone_abbreviation() {
	site "$TMP/tz"
	cd "$TMP/tz"
	sed 's|^timezone = .*|timezone = JST|' site.conf >x && mv x site.conf
	commit_all . "JST"
	expect_status 2 bg build --now "$NOW" --out "$TMP/tz.out" 2>"$TMP/err"
	stderr_has "$TMP/err" "site.conf:5: timezone: unknown time zone \"JST\": an abbreviation is not a zone; write the IANA name, Asia/Tokyo"
	[ ! -e "$TMP/tz.out" ] || die "wrote a site"
}
t "timezone = JST suggests Asia/Tokyo" timezone_abbreviation

not_utf8() {
	site "$TMP/sj"
	cd "$TMP/sj"
	# The badge class saved as Shift_JIS: "データ" in CP932.
	sed 's|"Data Literacy"|"\x83\x66\x81\x5b\x83\x5e"|' \
	    content/badges/data.json >x && mv x content/badges/data.json
	commit_all . "Shift_JIS"
	expect_status 1 bg build --now "$NOW" --out "$TMP/sj.out" 2>"$TMP/err"
	stderr_has "$TMP/err" "error: content/badges/data.json:5:12: \$: invalid UTF-8: JSON is UTF-8 text; convert the file, from Shift_JIS with iconv -f CP932 -t UTF-8 content/badges/data.json"
}
t "a JSON file that is not UTF-8 says how to convert it" not_utf8

only_in_work_tree() {
	site "$TMP/wt"
	cd "$TMP/wt"
	# A new badge class, not committed, and an award of it.
	sed 's|badges/data.json|badges/new.json|; s|Data Literacy|New|' \
	    content/badges/data.json >content/badges/new.json
	sed 's|badges/data.json|badges/new.json|; s|2026/alice.json|2026/new.json|' \
	    content/awards/2026/alice.json >"$TMP/new.json"
	short=$(git rev-parse --short=7 HEAD)
	expect_status 1 bg verify --now "$NOW" "$TMP/new.json" >"$TMP/out" \
	    2>"$TMP/err"
	stderr_has "$TMP/err" "error: $TMP/new.json: not verified: https://badges.test.example/badges/new.json is only in the work tree (content/badges/new.json), not in the commit $short (branch main); commit it, or verify with --worktree"
	bg verify --worktree --now "$NOW" "$TMP/new.json" >"$TMP/out" ||
	    die "--worktree does not verify it"
	grep -q ': valid ' "$TMP/out" || die "not valid with --worktree"
	commit_all . "new badge"
	bg verify --now "$NOW" "$TMP/new.json" >/dev/null || die "not valid once committed"
	# A badge class that is nowhere is no work tree's matter.
	sed 's|badges/new.json|badges/none.json|' "$TMP/new.json" >"$TMP/none.json"
	expect_status 1 bg verify --now "$NOW" "$TMP/none.json" 2>"$TMP/err"
	stderr_has "$TMP/err" "its badge or issuer could not be resolved"
	! grep -q 'work tree' "$TMP/err" || die "a work tree hint for nothing"
}
t "verify names a document that is only in the work tree and suggests --worktree or a commit" only_in_work_tree

exit_statuses() {
	site "$TMP/ex"
	cd "$TMP/ex"
	# A file that cannot be read is an I/O error.
	expect_status 3 bg verify --now "$NOW" "$TMP/nosuch.json" 2>"$TMP/err"
	stderr_has "$TMP/err" "$TMP/nosuch.json: cannot read: No such file or directory"
	expect_status 3 bg import "$TMP/nosuch.png" 2>"$TMP/err"
	stderr_has "$TMP/err" "$TMP/nosuch.png: cannot read"
	expect_status 3 bg unbake "$TMP/nosuch.png" 2>/dev/null
	# keygen into a directory that does not exist: an I/O error.
	expect_status 3 bg keygen --alg EdDSA --out "$TMP/nodir/k" 2>"$TMP/err"
	stderr_has "$TMP/err" "--out $TMP/nodir/k: cannot write into the directory $TMP/nodir/: No such file or directory"
	[ ! -e "$TMP/nodir" ] || die "keygen made the directory"
}
t "files and directories that are not there are I/O errors (3)" exit_statuses

unreadable_tree() {
	site "$TMP/ut"
	cd "$TMP/ut"
	printf '\n[mail]\nfrom = badges@test.example\n' >>site.conf
	commit_all . "mail"
	first=$(git rev-parse HEAD)
	sed 's|alice.json|dora.json|' content/awards/2026/alice.json \
	    >content/awards/2026/dora.json
	commit_all . "dora"
	# The blob of the new award is lost: content/ cannot be read.
	blob=$(git rev-parse HEAD:content/awards/2026/dora.json)
	rm -f ".git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)"
	expect_status 3 bg notify --since "$first" --outbox "$TMP/outbox" \
	    2>"$TMP/err"
	stderr_has "$TMP/err" "content/awards/2026/dora.json: cannot read blob"
	[ ! -e "$TMP/outbox/.notified" ] || die "notified anyway"
}
t "notify exits 3 when the tree of --rev cannot be read" unreadable_tree

usage_errors() {
	cd "$TMP"
	for v in init build check verify import bake unbake mustache keygen issue notify; do
		expect_status 2 bg $v --bogus 2>"$TMP/err"
		[ "$(head -n 1 "$TMP/err")" = "error: unknown option --bogus" ] ||
		    die "$v: $(cat "$TMP/err")"
		sed -n 2p "$TMP/err" | grep -q "^usage: badgegen $v" ||
		    die "$v: no usage line"
		expect_status 0 bg $v -h >"$TMP/out"
		head -n 1 "$TMP/out" | grep -q "^usage: badgegen $v" ||
		    die "$v -h: no usage"
	done
	expect_status 2 bg build --jobs 0 2>"$TMP/err"
	stderr_has "$TMP/err" "error: --jobs 0: expected a number from 1 to 256"
	expect_status 2 bg build --jobs=257 2>"$TMP/err"
	stderr_has "$TMP/err" "error: --jobs 257: expected a number from 1 to 256"
	expect_status 2 bg build --re x 2>"$TMP/err"
	stderr_has "$TMP/err" "error: ambiguous option --re: --repo, --rev"
	expect_status 2 bg build --repo 2>"$TMP/err"
	stderr_has "$TMP/err" "error: --repo needs a directory"
	expect_status 2 bg build --full=yes 2>"$TMP/err"
	stderr_has "$TMP/err" "error: --full takes no value"
	expect_status 2 bg check --format yaml 2>"$TMP/err"
	stderr_has "$TMP/err" "error: --format yaml: expected human, tap, junit or json"
	expect_status 2 bg check --out x 2>"$TMP/err"
	stderr_has "$TMP/err" "error: check never writes an output directory; --out is build's"
	expect_status 2 bg verify --worktree --rev HEAD x 2>"$TMP/err"
	stderr_has "$TMP/err" "error: --worktree and --rev exclude each other"
	expect_status 2 bg verify 2>"$TMP/err"
	stderr_has "$TMP/err" "error: missing <file>"
	expect_status 2 bg bake a.png 2>"$TMP/err"
	stderr_has "$TMP/err" "error: missing <award>"
	expect_status 2 bg import a b 2>"$TMP/err"
	stderr_has "$TMP/err" "error: unexpected argument b"
	expect_status 2 bg notify --since HEAD 2>"$TMP/err"
	stderr_has "$TMP/err" "error: notify needs --outbox"
	expect_status 2 bg keygen --alg RS256 2>"$TMP/err"
	stderr_has "$TMP/err" "error: keygen needs --out"
	expect_status 2 bg nosuch 2>"$TMP/err"
	stderr_has "$TMP/err" "error: 'nosuch' is not a verb"
	# An abbreviation that is one option's, and -- before an operand.
	site "$TMP/ab"
	cd "$TMP/ab"
	bg build --wor --now "$NOW" --ou "$TMP/ab.out" --qu || die "abbreviations"
	[ -f "$TMP/ab.out/index.html" ] || die "not built"
	! grep -rq 'badgegen: ' "$TOP/gen" --include='cmd*.c' --include=main.c ||
	    die "a message bypasses diag"
}
t "every verb reports usage errors through diag, the same way" usage_errors

finish
