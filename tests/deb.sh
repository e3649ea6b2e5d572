#!/bin/sh
# Build the Debian package with cpack and check its metadata and contents
# with dpkg-deb. usage: deb.sh BUILD_DIR
set -u
build=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL: $*"; fail=$((fail + 1)); }
command -v dpkg-deb >/dev/null || { echo "deb: dpkg-deb missing"; exit 1; }

(cd "$build" && cpack -G DEB -B "$tmp" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; no "cpack -G DEB"; }
deb=$(ls "$tmp"/*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { no "no .deb made"; echo "deb: $pass passed, $fail failed"; exit 1; }
info=$(dpkg-deb -I "$deb")
contents=$(dpkg-deb -c "$deb")
printf '%s\n' "$info" | grep -q '^ Package: smtpcode$' && ok || no "Package"
printf '%s\n' "$info" | grep -q '^ Section: mail$' && ok || no "Section: mail"
printf '%s\n' "$info" | grep -q '^ Depends: .*libc6' && ok || no "Depends computed (libc6)"
printf '%s\n' "$info" | grep -q '^ Description: explain SMTP reply codes' && ok || no "Description"
for f in ./usr/bin/smtpcode ./usr/share/man/man1/smtpcode.1.gz \
    ./usr/share/bash-completion/completions/smtpcode \
    ./usr/share/zsh/vendor-completions/_smtpcode \
    ./usr/share/fish/vendor_completions.d/smtpcode.fish \
    ./usr/include/smtpcode.h; do
	printf '%s\n' "$contents" | grep -q " $f\$" && ok || no "$f not in the package"
done
printf '%s\n' "$contents" | grep -q 'libsmtpcode\.so\.0' && ok || no "shared library not in the package"
# Unpacked as dpkg would install it, the command runs and its man page reads.
dpkg-deb -x "$deb" "$tmp/root" || no "dpkg-deb -x"
LD_LIBRARY_PATH=$tmp/root/usr/lib "$tmp/root/usr/bin/smtpcode" 455 | grep -q '^Class: 4xx' && ok || no "the packaged smtpcode does not run"
zcat "$tmp/root/usr/share/man/man1/smtpcode.1.gz" | grep -q '^\.SH "\{0,1\}EXIT STATUS' && ok || no "the packaged man page"
echo "deb: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
