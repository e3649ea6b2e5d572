#!/bin/sh
# Install what building and testing smtpcode needs on Debian or Ubuntu,
# skipping what is already there. Run as root (or with sudo available).
set -eu
need=""
have() { command -v "$1" >/dev/null 2>&1; }
have cc || need="$need gcc"
have cmake || need="$need cmake"
have make || need="$need make"
have pkg-config || need="$need pkg-config"
have python3 || need="$need python3"
pkg-config --exists cmocka 2>/dev/null || need="$need libcmocka-dev"
# The man page test lints with both groff and mandoc; the Debian package
# test needs dpkg-deb and dpkg-shlibdeps.
have groff || need="$need groff-base"
have mandoc || need="$need mandoc"
have dpkg-shlibdeps || need="$need dpkg-dev"
for extra in "$@"; do
	case $extra in
	clang) have clang || need="$need clang" ;;
	sanitizers)
		# clang's sanitizer runtimes come in their own package.
		t=$(mktemp -d)
		printf 'int main(void){return 0;}\n' >"$t/t.c"
		clang -fsanitize=address,undefined "$t/t.c" -o "$t/t" 2>/dev/null ||
			need="$need libclang-rt-dev"
		rm -rf "$t" ;;
	*) dpkg -s "$extra" >/dev/null 2>&1 || need="$need $extra" ;;
	esac
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif have sudo; then
	sudo="sudo"
else
	echo "smtpcode setup: these Debian packages are missing:$need" >&2
	echo "install them as root: apt-get install$need" >&2
	exit 1
fi
echo "smtpcode setup: installing$need" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $need >/dev/null
