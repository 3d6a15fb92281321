#!/bin/sh
# deps.sh - the Debian packages badgegen needs: checks, or installs.
#
#   tools/deps.sh [--install] <group or package>...
#
#   build     what compiling badgegen needs (clang 14, lld, wasi-libc and
#             the wasm32 builtins: the WebAssembly verifier it embeds)
#   test      what make check runs besides badgegen (git, mandoc, col,
#             xmllint, openssl, python3, msmtp and aiosmtpd, chromium,
#             node and npm)
#   valgrind  what make valgrind needs
#   fuzz      what make fuzz needs (clang 14 and its libFuzzer)
#   other words are package names
#
# Without --install it only checks: when packages are missing it prints
# the apt-get line to run and exits 1 (make, make install).  With
# --install it installs them as root (make site, make check, make deps);
# as another user it prints the line and exits 1.  On a system without
# dpkg it assumes the packages are there.
set -eu

build="make gcc pkg-config libc6-dev libgit2-dev libcmark-gfm-dev
libcmark-gfm-extensions-dev libmicrohttpd-dev libmbedtls-dev
libjsmn-dev libsodium-dev zlib1g-dev libpng-dev libqrencode-dev tzdata
clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32"
# git and ca-certificates: the end-to-end tests and npm; mandoc and
# bsdextrautils (col): the man page's SYNOPSIS test and make lint;
# libxml2-utils: xmllint; openssl, python3: third-party checks of keys,
# signatures and mail headers; msmtp, python3-aiosmtpd: the SMTP test;
# chromium, nodejs, npm: the browser test; nodejs, npm: the third-party
# verifiers of tests/e2e/interop.sh.
# A "<package>=<command>" is there when the command is (as node and npm
# from another source than Debian).
test="git=git ca-certificates mandoc=mandoc bsdextrautils=col
libxml2-utils=xmllint openssl=openssl python3=python3 msmtp=msmtp
python3-aiosmtpd chromium=chromium nodejs=node npm=npm"
fuzz="clang-14 libclang-rt-14-dev"

install=false
want=""
what=""
for arg in "$@"; do
	case "$arg" in
	--install) install=true; continue ;;
	build) want="$want $build" ;;
	test) want="$want $test" ;;
	fuzz) want="$want $fuzz" ;;
	*) want="$want $arg" ;;
	esac
	what="$what $arg"
done

command -v dpkg-query >/dev/null 2>&1 || exit 0

missing=""
for w in $want; do
	p=${w%%=*}
	case " $missing " in *" $p "*) continue ;; esac
	case "$w" in
	*=*) command -v "${w#*=}" >/dev/null 2>&1 && continue ;;
	esac
	s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$s" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

line="apt-get update && apt-get install -y --no-install-recommends$missing"
if ! $install; then
	echo "deps.sh:$what: missing Debian packages:$missing" >&2
	echo "install them as root:  $line" >&2
	echo "(or run make deps as root)" >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "deps.sh:$what: missing Debian packages:$missing" >&2
	echo "install them as root:  $line" >&2
	exit 1
fi
echo "deps.sh:$what: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
