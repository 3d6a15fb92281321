#!/bin/sh
# layers.sh - the include rule of docs/ARCHITECTURE.md: every module of
# gen/ has a line there, and no module includes a header of a later
# stage, nor a private header it does not share.
. "$(dirname "$0")/lib/lib.sh"
DOC=$TOP/docs/ARCHITECTURE.md

# layers <doc> <dir>: prints each breach of the rule by the files of
# <dir> ("file: what is wrong"); fails when there is one.
layers() {
	awk '
	function trim(s) { gsub(/^[ \t`]+|[ \t`]+$/, "", s); return s }
	# The stage of module m ("cmd_*" rows match by prefix), or "".
	function stage_of(m,    p) {
		if (m in mstage)
			return mstage[m]
		for (p in mpat)
			if (index(m, p) == 1)
				return mpat[p]
		return ""
	}
	FNR == 1 { file = FILENAME; sub(/.*\//, "", file) }
	FILENAME == ARGV[1] {
		if (/^## /) { section = $0; next }
		if ($0 !~ /^\| / || $0 ~ /^\|---/) next
		n = split($0, col, "|")
		a = trim(col[2]); b = trim(col[3])
		if (a == "Stage" || a == "Module" || a == "Header") next
		if (section ~ /^## Stages/)
			rank[a] = ++nstages
		else if (section ~ /^## Modules/) {
			if (!(b in rank)) {
				printf "%s: module %s: unknown stage %s\n", \
				    ARGV[1], a, b
				bad = 1
			}
			if (a ~ /\*$/) { sub(/\*$/, "", a); mpat[a] = b }
			else mstage[a] = b
		} else if (section ~ /^## Private/) {
			priv[a] = " " b " "
		}
		next
	}
	FNR == 1 {
		mod = file; sub(/\.[ch]$/, "", mod)
		own = (mod in priv) ? "" : stage_of(mod)
		if (!(mod in priv) && own == "") {
			printf "%s: no line in docs/ARCHITECTURE.md\n", file
			bad = 1
		}
	}
	/^#include "/ {
		inc = $2; gsub(/"/, "", inc); sub(/\.h$/, "", inc)
		if (inc == mod)
			next
		if (inc in priv) {
			if (index(priv[inc], " " mod " ") == 0) {
				printf "%s: includes %s.h, private to%s\n", \
				    file, inc, priv[inc]
				bad = 1
			}
			next
		}
		st = stage_of(inc)
		if (st == "") {
			printf "%s: includes %s.h, which has no line in " \
			    "docs/ARCHITECTURE.md\n", file, inc
			bad = 1
		} else if (own != "" && rank[st] > rank[own]) {
			printf "%s (%s) includes %s.h of a later stage (%s)\n", \
			    file, own, inc, st
			bad = 1
		}
	}
	END { exit bad }
	' "$1" "$2"/*.c "$2"/*.h
}

layers_hold() {
	layers "$DOC" "$TOP/gen"
}
t "layers: gen/ keeps the include rule of docs/ARCHITECTURE.md" layers_hold

# A copy of gen/ to break on purpose: the check must notice.
copy_gen() {
	rm -rf "$TMP/gen"
	cp -R "$TOP/gen" "$TMP/gen"
}

layers_later_stage() {
	copy_gen
	printf '#include "render.h"\n' >>"$TMP/gen/json.c"
	layers "$DOC" "$TMP/gen" >"$TMP/out" && die "a later stage passed"
	grep -q '^json.c (parse) includes render.h of a later stage (render)$' \
	    "$TMP/out" || { cat "$TMP/out"; die "no message for json.c"; }
}
t "layers: a parse module including render.h is refused" layers_later_stage

layers_unlisted() {
	copy_gen
	printf '#include "buf.h"\n' >"$TMP/gen/newthing.c"
	layers "$DOC" "$TMP/gen" >"$TMP/out" && die "an unlisted module passed"
	grep -q '^newthing.c: no line in docs/ARCHITECTURE.md$' "$TMP/out" ||
	    { cat "$TMP/out"; die "no message for newthing.c"; }
}
t "layers: a module without a line in the document is refused" \
    layers_unlisted

layers_private() {
	copy_gen
	printf '#include "verify_int.h"\n' >>"$TMP/gen/render.c"
	layers "$DOC" "$TMP/gen" >"$TMP/out" && die "a private header passed"
	grep -q '^render.c: includes verify_int.h, private to verify keyres status $' \
	    "$TMP/out" || { cat "$TMP/out"; die "no message for render.c"; }
}
t "layers: a private header included from outside is refused" \
    layers_private

layers_same_or_earlier() {
	copy_gen
	printf '#include "json.h"\n#include "model.h"\n' >>"$TMP/gen/verify.c"
	layers "$DOC" "$TMP/gen" >"$TMP/out" ||
	    { cat "$TMP/out"; die "earlier stages refused"; }
}
t "layers: headers of earlier stages are allowed" layers_same_or_earlier

finish
