#!/bin/sh
# Check that a built binary carries the hardening cmake/Hardening.cmake
# asks for, with readelf (binutils):
#   pie     ELF type DYN (a position-independent executable)
#   now     BIND_NOW, or NOW in FLAGS / FLAGS_1, in the dynamic section
#   relro   a GNU_RELRO program header
#   canary  __stack_chk_fail or a fortified __*_chk function imported
#           (checked when built with optimisation, the default; pass
#           OPTIMISED=0 for an -O0 build, where it is only reported)
# usage: tests/hardening.sh BINARY [OPTIMISED]
# Ends with "hardening: N passed, M failed"; exit status 1 if M > 0.
set -u
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 BINARY [OPTIMISED]" >&2
	exit 2
fi
bin=$1 opt=${2:-1}
if ! command -v readelf >/dev/null 2>&1; then
	echo "$0: readelf not found (apt-get install binutils)" >&2
	exit 2
fi
if [ ! -f "$bin" ]; then
	echo "$0: $bin: no such file" >&2
	exit 2
fi
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

header=$(LC_ALL=C readelf -h "$bin" 2>/dev/null)
dynamic=$(LC_ALL=C readelf -d "$bin" 2>/dev/null)
segments=$(LC_ALL=C readelf -lW "$bin" 2>/dev/null)
symbols=$(LC_ALL=C readelf --dyn-syms -W "$bin" 2>/dev/null)
if [ -z "$header" ]; then
	echo "$0: $bin: not an ELF file" >&2
	exit 2
fi

if printf '%s\n' "$header" | grep -Eq '^[[:space:]]*Type:[[:space:]]+DYN'; then
	ok "pie: ELF type DYN"
else
	bad "pie: ELF type is $(printf '%s\n' "$header" | sed -n 's/^[[:space:]]*Type:[[:space:]]*//p'), not DYN"
fi

if printf '%s\n' "$dynamic" | grep -Eq '\(BIND_NOW\)|\(FLAGS(_1)?\).*[[:space:]]NOW'; then
	ok "now: immediate binding (BIND_NOW / FLAGS NOW)"
else
	bad "now: no BIND_NOW or FLAGS NOW in the dynamic section (link with -Wl,-z,now)"
fi

if printf '%s\n' "$segments" | grep -q 'GNU_RELRO'; then
	ok "relro: GNU_RELRO segment"
else
	bad "relro: no GNU_RELRO segment (link with -Wl,-z,relro)"
fi

found=$(printf '%s\n' "$symbols" | awk '{ print $8 }' | sed 's/@.*//' |
	grep -E '^(__stack_chk_fail|__[A-Za-z0-9_]+_chk)$' | sort -u | tr '\n' ' ')
if [ -n "$found" ]; then
	ok "canary/fortify: ${found% }"
elif [ "$opt" = 0 ]; then
	echo "note canary/fortify: none imported (not an optimised build: not counted)"
else
	bad "canary/fortify: neither __stack_chk_fail nor any __*_chk imported (compile with -fstack-protector-strong and -O2 -D_FORTIFY_SOURCE=2)"
fi

echo "hardening: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
