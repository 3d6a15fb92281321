#!/bin/sh
# deps.sh - installs the Debian packages badgegen needs, when missing.
#
#   tools/deps.sh build     what compiling badgegen needs
#   tools/deps.sh check     that, plus what the test suite runs
#   tools/deps.sh <pkg>...  any further packages (valgrind, mandoc, ...)
#
# As root it runs apt-get; otherwise it prints the command to run and
# exits 1.  On a system without dpkg it assumes the packages are there.
set -eu

build="make gcc pkg-config libc6-dev libgit2-dev libcmark-dev libmbedtls-dev
libjsmn-dev libsodium-dev zlib1g-dev libpng-dev libqrencode-dev tzdata"
check="$build git ca-certificates"

want=""
for arg in "$@"; do
	case "$arg" in
	build) want="$want $build" ;;
	check) want="$want $check" ;;
	*) want="$want $arg" ;;
	esac
done

command -v dpkg-query >/dev/null 2>&1 || exit 0

missing=""
for p in $want; do
	case " $missing " in *" $p "*) continue ;; esac
	s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$s" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "badgegen needs these Debian packages:$missing" >&2
	echo "run as root:  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
