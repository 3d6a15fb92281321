#!/bin/sh
# wasm.sh - the WebAssembly verifier outside the browser: the W3C
# RDFC-1.0 suite through it in node (tests/wasm/rdf-canon.mjs), what it
# imports, that every site gets the very bytes make built, and that
# compiling it again gives those bytes.
. "$(dirname "$0")/lib/lib.sh"
WASM=$TOP/$BUILD/verifier.wasm
WORKER=$TOP/templates/static/assets/verify-worker.js

rdf_canon() {
	need node nodejs
	node "$TOP/tests/wasm/rdf-canon.mjs" "$WASM" "$WORKER" \
	    "$TOP/tests/data/rdf-canon" >"$TMP/out" 2>&1 ||
	    { grep -v '^ok' "$TMP/out"; die "the suite fails through verifier.wasm"; }
	tail -n 1 "$TMP/out" | grep -q '^93 passed, 0 failed' ||
	    { tail -n 1 "$TMP/out"; die "not every test ran"; }
}
t "wasm: the W3C RDFC-1.0 suite through verifier.wasm in node" rdf_canon

# Only the host's signature checks and the C library's start-up (WASI
# calls that the page's script answers "no such file"): no other import.
imports() {
	need node nodejs
	node -e '
	const m = new WebAssembly.Module(require("fs").readFileSync(process.argv[1]));
	for (const i of WebAssembly.Module.imports(m)) console.log(i.module + "." + i.name);
	' "$WASM" | sort >"$TMP/imports"
	cat >"$TMP/want" <<-EOT
	badgegen.verify
	wasi_snapshot_preview1.fd_close
	wasi_snapshot_preview1.fd_fdstat_get
	wasi_snapshot_preview1.fd_filestat_get
	wasi_snapshot_preview1.fd_prestat_dir_name
	wasi_snapshot_preview1.fd_prestat_get
	wasi_snapshot_preview1.fd_read
	wasi_snapshot_preview1.fd_seek
	wasi_snapshot_preview1.fd_write
	wasi_snapshot_preview1.path_filestat_get
	wasi_snapshot_preview1.path_open
	wasi_snapshot_preview1.proc_exit
	EOT
	diff -u "$TMP/want" "$TMP/imports" ||
	    die "verifier.wasm imports more than the worker provides"
	for f in $(sed -n 's/^wasi_snapshot_preview1\.//p' "$TMP/want"); do
		grep -q "$f" "$WORKER" || die "verify-worker.js lacks $f"
	done
}
t "wasm: verifier.wasm imports only what verify-worker.js provides" imports

published() {
	mkdir -p "$TMP/src"
	cp -R "$TOP/site.conf" "$TOP/content" "$TMP/src/"
	new_repo "$TMP/repo" "$TMP/src"
	(cd "$TMP/repo" && bg build --now 2026-11-01T00:00:00Z --out "$TMP/out" \
	    --quiet) || die "the example site does not build"
	cmp "$TMP/out/assets/verifier.wasm" "$WASM" ||
	    die "the site's verifier.wasm is not build/verifier.wasm"
	cmp "$TMP/out/assets/verify-worker.js" "$WORKER" ||
	    die "the site's verify-worker.js is not the theme's"
	for p in "$TMP/out/verify/index.html" "$TMP/out/en/verify/index.html"; do
		[ -f "$p" ] || die "no $p"
	done
	grep -q 'href="../../verify/">バッジを検証する</a>' \
	    "$TMP/out/badges/ai-basics/index.html" ||
	    die "the footer does not link the verify page"
}
t "wasm: every site publishes the verifier make built, and the verify page" published

# Compiled again elsewhere (another build directory, so other paths),
# the module has the same bytes: sites built by two badgegen binaries of
# one source serve one verifier.wasm.
deterministic() {
	need clang-14 clang-14
	(cd "$TOP" && make -s BUILD="$TMP/b" "$TMP/b/verifier.wasm") \
	    >"$TMP/make.out" 2>&1 || { cat "$TMP/make.out"; die "make failed"; }
	cmp "$TMP/b/verifier.wasm" "$WASM" ||
	    die "verifier.wasm differs when compiled again in $TMP/b"
}
t "wasm: compiled again in another directory, verifier.wasm has the same bytes" deterministic

finish
