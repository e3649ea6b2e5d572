#!/bin/sh
# Check the man pages: each lints cleanly under groff and mandoc, and
# smtpcode(1) documents every option that `smtpcode --help` prints.
# usage: man.sh MANDIR SMTPCODE
# Needs groff (Debian: groff-base) and mandoc; a missing one is a failure,
# not a skip, so CI cannot pass without linting.
set -u
if [ $# -ne 2 ]; then
	echo "usage: man.sh MANDIR SMTPCODE" >&2
	exit 2
fi
mandir=$1 bin=$2
page=$mandir/smtpcode.1
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# lint NAME PACKAGE COMMAND...: the command must exit 0 and write nothing
# on standard error.
lint() {
	name=$1 pkg=$2
	shift 2
	if ! command -v "$1" >/dev/null 2>&1; then
		bad "$name: $1 is not installed (Debian package: $pkg)"
		return
	fi
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] || [ -s "$tmp/err" ]; then
		bad "$name: exit $rc"
		sed 's/^/  /' "$tmp/err"
		return
	fi
	ok
}

for p in "$page" "$mandir/smtpcode.3"; do
	if [ ! -r "$p" ]; then
		bad "cannot read $p"
		continue
	fi
	lint "groff $p" groff-base groff -man -ww -z "$p"
	lint "mandoc $p" mandoc mandoc -Tlint -W warning "$p"
	# ASCII only: anything else is written as a groff escape.
	if LC_ALL=C grep -n '[^ -~	]' "$p" >"$tmp/nonascii"; then
		bad "non-ASCII bytes in $p:"
		sed 's/^/  /' "$tmp/nonascii"
	else
		ok
	fi
done

# Every option of --help is in the page. In the source, a hyphen of an
# option is written \-; read the page with \- as -.
if ! "$bin" --help >"$tmp/help" 2>"$tmp/err" || [ -s "$tmp/err" ]; then
	bad "$bin --help: fails or writes on standard error"
elif [ -r "$page" ]; then
	sed 's/\\-/-/g' "$page" >"$tmp/page"
	opts=$(grep -oE -- '--[a-z]+' "$tmp/help" | sort -u)
	if [ -z "$opts" ]; then
		bad "$bin --help: no long option found"
	fi
	for o in $opts; do
		if grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" "$tmp/page"; then
			ok
		else
			bad "$o is in --help but not in $page"
		fi
	done
	# Short options, as --help lists them: "  -f, --format".
	for o in $(grep -oE -- '^ +-[A-Za-z],' "$tmp/help" | tr -d ' ,' | sort -u); do
		if grep -qE -- "(^|[^A-Za-z-])$o([^A-Za-z-]|\$)" "$tmp/page"; then
			ok
		else
			bad "$o is in --help but not in $page"
		fi
	done
fi

echo "man: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
