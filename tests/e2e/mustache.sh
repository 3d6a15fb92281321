#!/bin/sh
# mustache.sh - end-to-end tests of "badgegen mustache": exact output
# bytes, exit statuses and a stable phrase of each error message.
# Run by tests/run.sh, which sets BADGEGEN.
set -u
: "${BADGEGEN:?BADGEGEN is not set (run tests/run.sh)}"

tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
passed=0 failed=0

# check <name> <status> <expected stdout file or -> <stderr phrase or -> <arg>...
# Runs badgegen mustache <arg>... and checks its exit status, that its
# standard output equals the file byte for byte, and that standard error
# holds the phrase.
check() {
	name=$1 want=$2 expect=$3 phrase=$4
	shift 4
	"$BADGEGEN" mustache "$@" >"$tmp/stdout" 2>"$tmp/stderr"
	status=$?
	why=
	if [ "$status" -ne "$want" ]; then
		why="exit status $status, expected $want"
	elif [ "$expect" != - ] && ! cmp -s "$expect" "$tmp/stdout"; then
		why="standard output differs from $expect"
	elif [ "$phrase" != - ] && ! grep -qF -- "$phrase" "$tmp/stderr"; then
		why="standard error lacks \"$phrase\""
	fi
	if [ -z "$why" ]; then
		echo "ok - $name"
		passed=$((passed + 1))
	else
		echo "not ok - $name: $why"
		sed 's/^/    stdout: /' "$tmp/stdout" | head -n 10
		sed 's/^/    stderr: /' "$tmp/stderr" | head -n 10
		failed=$((failed + 1))
	fi
}

# expect <text>: writes the expected output (printf format) to $tmp/want.
expect() {
	printf "$1" >"$tmp/want"
}

mkdir -p "$tmp/t" "$tmp/parts" "$tmp/bad.mustache"
printf '<ul>\n  {{>item}}\n</ul>\n{{name}} & {{{name}}}' >"$tmp/t/list.mustache"
printf '{{#skills}}\n<li>{{.}}</li>\n{{/skills}}\n' >"$tmp/t/item.mustache"
printf '{"name": "A<b>", "skills": ["C", "Go"], "n": 1.210, "k": 85}' \
    >"$tmp/data.json"
printf '{{#skills}}[{{.}}]{{/skills}}' >"$tmp/parts/item.mustache"
printf '<html>\n  {{$body}}default{{/body}}\n</html>\n' \
    >"$tmp/parts/layout.mustache"

expect '<ul>\n  <li>C</li>\n  <li>Go</li>\n</ul>\nA&lt;b&gt; & A<b>'
check "renders with data and an indented partial from its directory" \
    0 "$tmp/want" - "$tmp/t/list.mustache" "$tmp/data.json"

expect '<ul>\n  [C][Go]</ul>\nA&lt;b&gt; & A<b>'
check "--partials names the partials' directory" \
    0 "$tmp/want" - "$tmp/t/list.mustache" "$tmp/data.json" \
    --partials "$tmp/parts"
check "--partials=<dir> and options before arguments" \
    0 "$tmp/want" - --partials="$tmp/parts" "$tmp/t/list.mustache" \
    "$tmp/data.json"

printf '{{^x}}none{{/x}}|{{x}}|' >"$tmp/t/empty.mustache"
expect 'none||'
check "no data file renders with an empty object" \
    0 "$tmp/want" - "$tmp/t/empty.mustache"

printf '{{n}} {{k}}' >"$tmp/t/num.mustache"
expect '1.21 85'
check "numbers print as the specification wants" \
    0 "$tmp/want" - "$tmp/t/num.mustache" "$tmp/data.json"

printf '{{<layout}}\n{{$body}}\n<p>{{name}}</p>\n<p>x</p>\n{{/body}}\n{{/layout}}\n' \
    >"$tmp/t/page.mustache"
expect '<html>\n  <p>A&lt;b&gt;</p>\n  <p>x</p>\n</html>\n'
check "a parent from --partials with a re-indented block" \
    0 "$tmp/want" - "$tmp/t/page.mustache" "$tmp/data.json" \
    --partials "$tmp/parts"

printf 'a\000b{{>nothere}}c' >"$tmp/t/nul.mustache"
printf 'a\000bc' >"$tmp/want"
check "output is exact: NUL bytes kept, missing partial empty, no newline added" \
    0 "$tmp/want" - "$tmp/t/nul.mustache"

cd "$tmp/t" || exit 1
expect '<ul>\n  <li>C</li>\n  <li>Go</li>\n</ul>\nA&lt;b&gt; & A<b>'
check "a template in the current directory finds its partials there" \
    0 "$tmp/want" - list.mustache ../data.json
cd - >/dev/null || exit 1

: >"$tmp/empty"
check "-h exits 0" 0 - - -h
mv "$tmp/stdout" "$tmp/help"
if grep -qxF 'usage: badgegen mustache <template> [<data.json>] [--partials <dir>]' \
    "$tmp/help" &&
    grep -q 'partials' "$tmp/help" && ! [ -s "$tmp/stderr" ]; then
	echo "ok - -h writes to standard output"
	passed=$((passed + 1))
else
	echo "not ok - -h writes to standard output"
	failed=$((failed + 1))
fi
check "--help exits 0" 0 - - --help
check "no template is a usage error" 2 "$tmp/empty" "usage: badgegen mustache"
check "an unknown option is a usage error" \
    2 "$tmp/empty" "unknown option --frob" --frob "$tmp/t/empty.mustache"
check "--partials without a directory is a usage error" \
    2 "$tmp/empty" "--partials needs a directory" "$tmp/t/empty.mustache" \
    --partials
check "a third argument is a usage error" \
    2 "$tmp/empty" "unexpected argument" "$tmp/t/empty.mustache" \
    "$tmp/data.json" extra

printf 'ok\n  {{#skills}}\n' >"$tmp/t/unclosed.mustache"
check "a syntax error names the file, line and column" \
    1 "$tmp/empty" "$tmp/t/unclosed.mustache:2:3: unclosed section \"skills\"" \
    "$tmp/t/unclosed.mustache" "$tmp/data.json"
printf '{{#a}}{{/b}}' >"$tmp/t/mismatch.mustache"
check "a mismatched closing tag is an error" \
    1 "$tmp/empty" "mismatch.mustache:1:7: closing tag \"b\" does not match" \
    "$tmp/t/mismatch.mustache"
printf 'x {{y' >"$tmp/t/opentag.mustache"
check "an unclosed tag is an error" \
    1 "$tmp/empty" "opentag.mustache:1:3: unclosed tag" \
    "$tmp/t/opentag.mustache"
printf '{\n  "a": 1,\n  "a": 2\n}\n' >"$tmp/dup.json"
check "bad JSON names the file and place" \
    1 "$tmp/empty" "$tmp/dup.json:3:" "$tmp/t/empty.mustache" "$tmp/dup.json"
printf '{{<nothere}}{{/nothere}}' >"$tmp/t/orphan.mustache"
check "a missing parent is an error" \
    1 "$tmp/empty" "orphan.mustache:1:1: no template \"nothere\"" \
    "$tmp/t/orphan.mustache"
printf 'x{{>loop}}' >"$tmp/t/loop.mustache"
check "endless recursion through partials is an error" \
    1 "$tmp/empty" "partial \"loop\" nested more than 100 deep" \
    "$tmp/t/loop.mustache"
printf '{{#x}}\n' >"$tmp/parts/broken.mustache"
printf 'a{{>broken}}' >"$tmp/t/usebroken.mustache"
check "a syntax error in a partial names the partial" \
    1 "$tmp/empty" "broken:1:1: unclosed section \"x\"" \
    "$tmp/t/usebroken.mustache" --partials "$tmp/parts"

check "a missing template is an I/O error" \
    3 "$tmp/empty" "$tmp/t/none.mustache: cannot read: No such file or directory" \
    "$tmp/t/none.mustache"
check "a missing data file is an I/O error" \
    3 "$tmp/empty" "$tmp/none.json: cannot read: No such file or directory" \
    "$tmp/t/empty.mustache" "$tmp/none.json"
printf '{{>bad}}' >"$tmp/t/readdir.mustache"
check "an unreadable partial is an I/O error" \
    3 "$tmp/empty" "$tmp/bad.mustache: cannot read: Is a directory" \
    "$tmp/t/readdir.mustache" --partials "$tmp"
if [ -w /dev/full ]; then
	"$BADGEGEN" mustache "$tmp/t/empty.mustache" >/dev/full 2>"$tmp/stderr"
	status=$?
	if [ "$status" -eq 3 ] &&
	    grep -qF "standard output: cannot write" "$tmp/stderr"; then
		echo "ok - a full standard output is an I/O error"
		passed=$((passed + 1))
	else
		echo "not ok - a full standard output is an I/O error (exit $status)"
		failed=$((failed + 1))
	fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
