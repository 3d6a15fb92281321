# browser.sh - what the browser tests need (sourced after cd "$TOP"):
# chromium, node and npm (Debian's chromium, nodejs and npm, which
# tools/deps.sh installs for make check) and the npm package
# playwright-core, which browser_setup installs from the npm registry
# into $BUILD/browser.  When one cannot be had the test says "skip" and
# why.  Sets OUT ($BUILD/browser) and TMP (removed on exit).
BUILD=${BUILD:-build}
OUT=$TOP/$BUILD/browser
TMP=$(mktemp -d "${TMPDIR:-/tmp}/badgegen-browser.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# skip <what> <reason>: the whole test is skipped.
browser_skip() {
	echo "skip - $1: $2"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
}

# browser_setup <what>: chromium, node and playwright-core, or a skip.
browser_setup() {
	missing=""
	command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
	[ -z "$missing" ] ||
	    browser_skip "$1" "no$missing (as root: apt-get install$missing)"
	# Debian 12's node is 18: playwright-core is pinned to a release
	# that runs on it (package.json).
	if [ ! -d "$OUT/node_modules/playwright-core" ] ||
	    ! cmp -s tests/browser/package.json "$OUT/package.json"; then
		rm -rf "$OUT/node_modules"
		mkdir -p "$OUT"
		cp tests/browser/package.json "$OUT/"
		(cd "$OUT" && npm install --no-audit --no-fund \
		    --fetch-timeout=60000 --fetch-retries=1 \
		    --loglevel=error >"$TMP/npm.log" 2>&1) ||
		    browser_skip "$1" "npm could not install playwright-core from the npm registry: $(tail -n 1 "$TMP/npm.log")"
	fi
}
