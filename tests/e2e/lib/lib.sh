# lib.sh - helpers for the end-to-end tests (sourced).
#
# Each test is a function call:  t "title" <command>...  runs the command
# in a subshell and counts it; the script ends with `finish`, which prints
# "N passed, N failed".  $BADGEGEN is the binary under test ($VALGRIND, if
# set, is put in front of it).

set -u
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/badgegen-e2e.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export GIT_AUTHOR_NAME=Test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.com
export GIT_AUTHOR_DATE="2026-04-01T09:00:00+09:00"
export GIT_COMMITTER_DATE="2026-04-01T09:00:00+09:00"
export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP"
git config --global init.defaultBranch main
git config --global advice.detachedHead false

bg() {
	if [ -z "${VALGRIND:-}" ]; then
		"$BADGEGEN" "$@"
		return
	fi
	# valgrind's notes on syscalls it does not know (openat2: badgegen
	# falls back) are not badgegen's messages.
	$VALGRIND "$BADGEGEN" "$@" 2>"$TMP/valgrind.err"
	bg_rc=$?
	grep -v '^--[0-9]*-- ' "$TMP/valgrind.err" >&2
	return $bg_rc
}

t() {
	title=$1
	shift
	if ( "$@" ) >"$TMP/out.log" 2>&1; then
		echo "ok - $title"
		PASS=$((PASS + 1))
	else
		echo "not ok - $title"
		sed 's/^/    /' "$TMP/out.log" | tail -n 30
		FAIL=$((FAIL + 1))
	fi
}

finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}

# die <message>: fails the current test.
die() {
	echo "$*" >&2
	exit 1
}

# expect_status <n> <command>...: runs it, fails unless it exits n.
expect_status() {
	want=$1
	shift
	"$@"
	got=$?
	[ "$got" -eq "$want" ] || die "exit status $got, expected $want: $*"
}

# commit_all <dir> <message>: commits everything in a repository.
commit_all() {
	git -C "$1" add -A >/dev/null && git -C "$1" commit -qm "$2" >/dev/null
}

# new_repo <dir> <site-dir>: a repository holding a copy of a site.
new_repo() {
	mkdir -p "$1"
	cp -R "$2"/. "$1"/
	git -C "$1" init -q
	commit_all "$1" "site"
}
