#!/bin/sh
# mustache.sh - end-to-end tests of "badgegen mustache": exact output
# bytes, exit statuses and a stable phrase of each error message.  Every
# case writes the templates and data files (fixtures) into its $TMP.
. "$(dirname "$0")/lib/lib.sh"

# fixtures: the templates, partials and data files the cases use.
fixtures() {
	mkdir -p "$TMP/t" "$TMP/parts" "$TMP/bad.mustache"
	printf '<ul>\n  {{>item}}\n</ul>\n{{name}} & {{{name}}}' >"$TMP/t/list.mustache"
	printf '{{#skills}}\n<li>{{.}}</li>\n{{/skills}}\n' >"$TMP/t/item.mustache"
	printf '{"name": "A<b>", "skills": ["C", "Go"], "n": 1.210, "k": 85}' \
	    >"$TMP/data.json"
	printf '{{#skills}}[{{.}}]{{/skills}}' >"$TMP/parts/item.mustache"
	printf '<html>\n  {{$body}}default{{/body}}\n</html>\n' \
	    >"$TMP/parts/layout.mustache"
	printf '{{^x}}none{{/x}}|{{x}}|' >"$TMP/t/empty.mustache"
	printf '{{n}} {{k}}' >"$TMP/t/num.mustache"
	printf '{{<layout}}\n{{$body}}\n<p>{{name}}</p>\n<p>x</p>\n{{/body}}\n{{/layout}}\n' \
	    >"$TMP/t/page.mustache"
	printf 'a\000b{{>nothere}}c' >"$TMP/t/nul.mustache"
	printf 'ok\n  {{#skills}}\n' >"$TMP/t/unclosed.mustache"
	printf '{{#a}}{{/b}}' >"$TMP/t/mismatch.mustache"
	printf 'x {{y' >"$TMP/t/opentag.mustache"
	printf '{\n  "a": 1,\n  "a": 2\n}\n' >"$TMP/dup.json"
	printf '{{<nothere}}{{/nothere}}' >"$TMP/t/orphan.mustache"
	printf 'x{{>loop}}' >"$TMP/t/loop.mustache"
	printf '{{#x}}\n' >"$TMP/parts/broken.mustache"
	printf 'a{{>broken}}' >"$TMP/t/usebroken.mustache"
	printf '{{>bad}}' >"$TMP/t/readdir.mustache"
	: >"$TMP/empty"
}

# m <status> <stdout> <phrase> <arg>...: with the fixtures, runs
# badgegen mustache <arg>... and checks its exit status, that its
# standard output is <stdout> (a printf format) byte for byte unless that
# is "-", and that standard error holds <phrase> unless that is "-".
m() {
	want=$1 expect=$2 phrase=$3
	shift 3
	fixtures
	bg mustache "$@" >"$TMP/stdout" 2>"$TMP/stderr"
	status=$?
	[ "$expect" = - ] || printf "$expect" >"$TMP/want"
	why=
	if [ "$status" -ne "$want" ]; then
		why="exit status $status, expected $want"
	elif [ "$expect" != - ] && ! cmp -s "$TMP/want" "$TMP/stdout"; then
		why="standard output differs from \"$expect\""
	elif [ "$phrase" != - ] && ! grep -qF -- "$phrase" "$TMP/stderr"; then
		why="standard error lacks \"$phrase\""
	fi
	[ -z "$why" ] && return 0
	sed 's/^/stdout: /' "$TMP/stdout" | head -n 10
	[ -z "$(tail -c 1 "$TMP/stdout")" ] || echo
	sed 's/^/stderr: /' "$TMP/stderr" | head -n 10
	die "$why"
}

LIST='<ul>\n  <li>C</li>\n  <li>Go</li>\n</ul>\nA&lt;b&gt; & A<b>'
t "renders with data and an indented partial from its directory" \
    m 0 "$LIST" - "$TMP/t/list.mustache" "$TMP/data.json"
t "--partials names the partials' directory" \
    m 0 '<ul>\n  [C][Go]</ul>\nA&lt;b&gt; & A<b>' - \
    "$TMP/t/list.mustache" "$TMP/data.json" --partials "$TMP/parts"
t "--partials=<dir> and options before arguments" \
    m 0 '<ul>\n  [C][Go]</ul>\nA&lt;b&gt; & A<b>' - \
    --partials="$TMP/parts" "$TMP/t/list.mustache" "$TMP/data.json"
t "no data file renders with an empty object" \
    m 0 'none||' - "$TMP/t/empty.mustache"
t "numbers print as the specification wants" \
    m 0 '1.21 85' - "$TMP/t/num.mustache" "$TMP/data.json"
t "a parent from --partials with a re-indented block" \
    m 0 '<html>\n  <p>A&lt;b&gt;</p>\n  <p>x</p>\n</html>\n' - \
    "$TMP/t/page.mustache" "$TMP/data.json" --partials "$TMP/parts"
t "output is exact: NUL bytes kept, missing partial empty, no newline added" \
    m 0 'a\000bc' - "$TMP/t/nul.mustache"

in_current_directory() {
	fixtures
	cd "$TMP/t" || exit 1
	m 0 "$LIST" - list.mustache ../data.json
}
t "a template in the current directory finds its partials there" \
    in_current_directory

t "-h exits 0" m 0 - - -h
help_on_stdout() {
	m 0 - - -h
	grep -qxF 'usage: badgegen mustache <template> [<data.json>] [--partials <dir>]' \
	    "$TMP/stdout" || die "no usage line"
	grep -q 'partials' "$TMP/stdout" || die "--partials not described"
	[ ! -s "$TMP/stderr" ] || die "standard error: $(cat "$TMP/stderr")"
}
t "-h writes to standard output" help_on_stdout
t "--help exits 0" m 0 - - --help
t "no template is a usage error" m 2 '' "usage: badgegen mustache"
t "an unknown option is a usage error" \
    m 2 '' "unknown option --frob" --frob "$TMP/t/empty.mustache"
t "--partials without a directory is a usage error" \
    m 2 '' "--partials needs a directory" "$TMP/t/empty.mustache" --partials
t "a third argument is a usage error" \
    m 2 '' "unexpected argument" "$TMP/t/empty.mustache" "$TMP/data.json" extra

t "a syntax error names the file, line and column" \
    m 1 '' "$TMP/t/unclosed.mustache:2:3: unclosed section \"skills\"" \
    "$TMP/t/unclosed.mustache" "$TMP/data.json"
t "a mismatched closing tag is an error" \
    m 1 '' "mismatch.mustache:1:7: closing tag \"b\" does not match" \
    "$TMP/t/mismatch.mustache"
t "an unclosed tag is an error" \
    m 1 '' "opentag.mustache:1:3: unclosed tag" "$TMP/t/opentag.mustache"
t "bad JSON names the file and place" \
    m 1 '' "$TMP/dup.json:3:" "$TMP/t/empty.mustache" "$TMP/dup.json"
t "a missing parent is an error" \
    m 1 '' "orphan.mustache:1:1: no template \"nothere\"" \
    "$TMP/t/orphan.mustache"
t "endless recursion through partials is an error" \
    m 1 '' "partial \"loop\" nested more than 100 deep" "$TMP/t/loop.mustache"
t "a syntax error in a partial names the partial" \
    m 1 '' "broken:1:1: unclosed section \"x\"" \
    "$TMP/t/usebroken.mustache" --partials "$TMP/parts"

t "a missing template is an I/O error" \
    m 3 '' "$TMP/t/none.mustache: cannot read: No such file or directory" \
    "$TMP/t/none.mustache"
t "a missing data file is an I/O error" \
    m 3 '' "$TMP/none.json: cannot read: No such file or directory" \
    "$TMP/t/empty.mustache" "$TMP/none.json"
t "an unreadable partial is an I/O error" \
    m 3 '' "$TMP/bad.mustache: cannot read: Is a directory" \
    "$TMP/t/readdir.mustache" --partials "$TMP"

full_stdout() {
	[ -w /dev/full ] || skip "no writable /dev/full on this system"
	fixtures
	bg mustache "$TMP/t/empty.mustache" >/dev/full 2>"$TMP/stderr"
	status=$?
	[ "$status" -eq 3 ] || die "exit status $status, expected 3"
	grep -qF "standard output: cannot write" "$TMP/stderr" ||
	    die "standard error: $(cat "$TMP/stderr")"
}
t "a full standard output is an I/O error" full_stdout

finish
