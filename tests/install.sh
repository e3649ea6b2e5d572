#!/bin/sh
# Install into a temporary prefix, then build a program outside the project
# against the installed library twice: with pkg-config and with CMake's
# find_package(smtpcode). Also checks the man page and completions land in
# their places. usage: install.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 src=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL: $*"; fail=$((fail + 1)); }

prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; no "cmake --install"; }
libdir=$(cd "$prefix" && ls -d lib* | head -n 1)
for f in bin/smtpcode include/smtpcode.h share/man/man1/smtpcode.1.gz \
    share/bash-completion/completions/smtpcode \
    share/zsh/vendor-completions/_smtpcode \
    share/fish/vendor_completions.d/smtpcode.fish; do
	[ -e "$prefix/$f" ] && ok || no "$f not installed"
done
for f in "$libdir/libsmtpcode.a" "$libdir/libsmtpcode.so" \
    "$libdir/pkgconfig/smtpcode.pc" "$libdir/cmake/smtpcode/smtpcode-config.cmake"; do
	[ -e "$prefix/$f" ] && ok || no "$f not installed"
done
"$prefix/bin/smtpcode" 455 >/dev/null && ok || no "installed smtpcode 455"
zcat "$prefix/share/man/man1/smtpcode.1.gz" | grep -q '^\.TH' && ok || no "man page is not roff"
# what 'man smtpcode' finds and shows, with the prefix on the man path
if command -v man >/dev/null; then
	MANPATH=$prefix/share/man man -w smtpcode | grep -q "$prefix" && ok || no "man -w smtpcode does not find the page"
	MANPATH=$prefix/share/man MANPAGER=cat man smtpcode 2>/dev/null | grep -q 'EXIT STATUS' && ok || no "man smtpcode does not render"
fi

expected="550 5.1.1: Bad destination mailbox address"
# The consumer is built the way the library was (a sanitizer build's
# library needs the sanitizer runtime in the program too).
cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
cflags=$(sed -n 's/^CMAKE_C_FLAGS:[A-Z]*=//p' "$build/CMakeCache.txt")
[ -n "$cc" ] || cc=cc
# pkg-config, linked against the shared library
flags=$(PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig pkg-config --cflags --libs smtpcode) || no "pkg-config smtpcode"
# shellcheck disable=SC2086
if $cc $cflags -o "$tmp/pc" "$src/tests/consumer/consumer.c" $flags; then
	out=$(LD_LIBRARY_PATH=$prefix/$libdir "$tmp/pc")
	[ "$out" = "$expected" ] && ok || no "pkg-config consumer printed '$out'"
else
	no "pkg-config consumer does not build"
fi
# the static library, through pkg-config's flags
# shellcheck disable=SC2086
if $cc $cflags -o "$tmp/static" "$src/tests/consumer/consumer.c" -I"$prefix/include" "$prefix/$libdir/libsmtpcode.a"; then
	[ "$("$tmp/static")" = "$expected" ] && ok || no "static consumer output"
else
	no "static consumer does not build"
fi
# find_package(smtpcode)
if CC=$cc cmake -S "$src/tests/consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_FLAGS="$cflags" >"$tmp/cm.log" 2>&1 &&
    cmake --build "$tmp/cm" >>"$tmp/cm.log" 2>&1; then
	out=$(LD_LIBRARY_PATH=$prefix/$libdir "$tmp/cm/consumer")
	[ "$out" = "$expected" ] && ok || no "find_package consumer printed '$out'"
else
	cat "$tmp/cm.log"
	no "find_package consumer does not build"
fi
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
