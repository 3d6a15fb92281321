# lib.sh - helpers for the end-to-end tests (sourced).
#
# Each test is a case:  t "title" <command>...  runs the command in a
# subshell and counts it; the script ends with `finish`, which prints
# "N passed, N failed, N skipped".  $BADGEGEN is the binary under test
# (`bg` puts $VALGRIND, if set, in front of it).
#
# Cases share nothing: each starts with an empty $TMP (the directory is
# emptied before every case), so a case makes what it needs itself,
# usually by calling the script's set-up functions.  With CASE=<text> in
# the environment only the cases whose title contains <text> run, so any
# single case can be run alone:
#
#	ONLY=build CASE="share-ready" make check
#
# A case that cannot run calls `skip <reason>` (or `need <command>
# <package>`): it is counted as skipped and the reason is printed.

set -u
PASS=0
FAIL=0
SKIP=0
ROOT=$(mktemp -d "${TMPDIR:-/tmp}/badgegen-e2e.XXXXXX")
TMP=$ROOT/case
trap 'chmod -R u+rwx "$ROOT" 2>/dev/null; rm -rf "$ROOT"' EXIT
export GIT_AUTHOR_NAME=Test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.com
export GIT_AUTHOR_DATE="2026-04-01T09:00:00+09:00"
export GIT_COMMITTER_DATE="2026-04-01T09:00:00+09:00"
export GIT_CONFIG_NOSYSTEM=1 HOME="$ROOT/home"
mkdir -p "$HOME" "$TMP"
git config --global init.defaultBranch main
git config --global advice.detachedHead false

bg() {
	if [ -z "${VALGRIND:-}" ]; then
		"$BADGEGEN" "$@"
		return
	fi
	# valgrind's notes on syscalls it does not know (openat2: badgegen
	# falls back) are not badgegen's messages.
	$VALGRIND "$BADGEGEN" "$@" 2>"$ROOT/valgrind.err"
	bg_rc=$?
	grep -v '^--[0-9]*-- ' "$ROOT/valgrind.err" >&2
	return $bg_rc
}

# t <title> <command>...: runs one case in a subshell, in a fresh $TMP.
t() {
	title=$1
	shift
	case "$title" in *"${CASE:-}"*) ;; *) return 0 ;; esac
	chmod -R u+rwx "$TMP" 2>/dev/null
	rm -rf "$TMP" "$ROOT/skip"
	mkdir "$TMP"
	( "$@" ) >"$ROOT/out.log" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		echo "ok - $title"
		PASS=$((PASS + 1))
	elif [ "$rc" -eq 77 ] && [ -s "$ROOT/skip" ]; then
		echo "skip - $title: $(cat "$ROOT/skip")"
		SKIP=$((SKIP + 1))
	else
		echo "not ok - $title"
		sed 's/^/    /' "$ROOT/out.log" | tail -n 30
		FAIL=$((FAIL + 1))
	fi
}

finish() {
	echo "$PASS passed, $FAIL failed, $SKIP skipped"
	[ "$FAIL" -eq 0 ]
}

# die <message>: fails the current case.
die() {
	echo "$*" >&2
	exit 1
}

# skip <reason>: ends the current case as skipped, for that reason.
skip() {
	echo "$*" >"$ROOT/skip"
	exit 77
}

# need <command> <package>: skips the case unless the command is there.
need() {
	command -v "$1" >/dev/null 2>&1 ||
	    skip "no $1 (as root: apt-get install $2)"
}

# expect_status <n> <command>...: runs it, fails unless it exits n.
expect_status() {
	want=$1
	shift
	"$@"
	got=$?
	[ "$got" -eq "$want" ] || die "exit status $got, expected $want: $*"
}

# b64url_decode: base64url (no padding) on stdin to bytes on stdout.
b64url_decode() {
	s=$(tr -d '\n' | tr '_-' '/+')
	case $((${#s} % 4)) in
	2) s="$s==" ;;
	3) s="$s=" ;;
	esac
	printf '%s' "$s" | base64 -d
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
