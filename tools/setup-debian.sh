#!/bin/sh
# Install what building smtpcode needs on Debian or Ubuntu, skipping what
# is already there. Run as root (or with sudo available).
#
#   sh tools/setup-debian.sh            what building needs
#   sh tools/setup-debian.sh test       that, and what the tests need
#   sh tools/setup-debian.sh test PKG.. that, and extra packages (CI adds
#                                       clang, zsh, fish, ...)
#
# Packages are checked with dpkg, not by looking for a command: a fresh
# minimal Debian has no libc6-dev, and a compiler without it links
# nothing.
set -eu
need=""
want() {
	for p in "$@"; do
		dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
	done
}

# Building: a C compiler with the C library's headers, CMake and make.
want gcc libc6-dev cmake make
for extra in "$@"; do
	case $extra in
	test)
		# The tests: cmocka (unit tests), Python (JSON checks), groff
		# and mandoc (man page lint), dpkg-dev and file (the .deb test:
		# dpkg-shlibdeps, and CPack's DEB generator calls file), bash
		# for the completion test, pflogsumm for the report's totals,
		# html5lib to validate the HTML report. (Chromium, for the
		# report's browser test, is big: CI asks for it by name.)
		want pkg-config libcmocka-dev python3 groff-base mandoc dpkg-dev file bash \
		    pflogsumm python3-html5lib ;;
	sanitizers)
		# clang's sanitizer runtimes come in their own package.
		t=$(mktemp -d)
		printf 'int main(void){return 0;}\n' >"$t/t.c"
		clang -fsanitize=address,undefined "$t/t.c" -o "$t/t" 2>/dev/null ||
			need="$need libclang-rt-dev"
		rm -rf "$t" ;;
	*) want "$extra" ;;
	esac
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
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
