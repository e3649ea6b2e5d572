#!/bin/sh
# The shared library exports exactly the functions the public header
# declares with SMTPCODE_API: nothing internal, nothing missing.
# usage: symbols.sh LIBSMTPCODE_SO SMTPCODE_H
set -u
so=$1 header=$2
command -v nm >/dev/null 2>&1 || { echo "symbols: nm is missing (binutils): skipped"; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# Defined dynamic symbols of the library (T: functions; D, R, B: data).
nm -D --defined-only "$so" | awk '{ print $3 }' | grep -v '^_' | sort >"$tmp/exported"
# The header's SMTPCODE_API declarations: the name before the first '('
# of each declaration, which may span lines.
awk '/^SMTPCODE_API/ { decl = "" } /^SMTPCODE_API/, /;/ { decl = decl " " $0; if ($0 ~ /;/) { print decl; decl = "" } }' "$header" |
	sed -n 's/.*[ *]\(smtpcode_[a-z_]*\)(.*/\1/p' | sort >"$tmp/declared"
fail=0
if ! cmp -s "$tmp/exported" "$tmp/declared"; then
	echo "FAIL: exported symbols differ from the header's SMTPCODE_API functions:"
	diff "$tmp/declared" "$tmp/exported" | sed 's/^</  declared only:/; s/^>/  exported only:/' | grep only
	fail=1
fi
n=$(wc -l <"$tmp/exported")
[ "$n" -gt 10 ] || { echo "FAIL: only $n symbols exported"; fail=1; }
if grep -qv '^smtpcode_' "$tmp/exported"; then
	echo "FAIL: exported without the smtpcode_ prefix:"
	grep -v '^smtpcode_' "$tmp/exported" | sed 's/^/  /'
	fail=1
fi
echo "symbols: $n exported, all smtpcode_ and declared in the header"
exit $fail
