#!/bin/sh
# Run one CLI case and compare it with its golden files.
# usage: run-case.sh SMTPCODE GOLDEN_DIR NAME STATUS COMMAND
# COMMAND is run by sh with $SMTPCODE set; its stdout and stderr are
# compared with GOLDEN_DIR/NAME.out and NAME.err, its exit status with
# STATUS. With SMTPCODE_REGEN=1 the golden files are written instead.
set -u
SMTPCODE=$1 golden=$2 name=$3 want=$4 cmd=$5
FIXTURES=$(cd "$golden/../fixtures" && pwd)
export SMTPCODE FIXTURES
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# A fixed, English, colourless environment: the output must not depend on
# the machine running the tests.
env -u LANGUAGE -u LC_MESSAGES LC_ALL=C LANG=C NO_COLOR=1 COLUMNS=80 \
    sh -c "$cmd" >"$tmp/out" 2>"$tmp/err" </dev/null
got=$?
# The binary's path is not part of what is compared.
sed "s|$SMTPCODE|smtpcode|g" "$tmp/err" >"$tmp/err.norm"
if [ "${SMTPCODE_REGEN:-0}" = 1 ]; then
	cp "$tmp/out" "$golden/$name.out"
	cp "$tmp/err.norm" "$golden/$name.err"
	echo "$name: golden files written (status $got)"
	[ "$got" = "$want" ] || { echo "$name: status $got, expected $want"; exit 1; }
	exit 0
fi
fail=0
if [ "$got" != "$want" ]; then
	echo "$name: exit status $got, expected $want"
	fail=1
fi
for s in out err; do
	f=$tmp/$s; [ $s = err ] && f=$tmp/err.norm
	if [ ! -f "$golden/$name.$s" ]; then
		echo "$name: no golden file $name.$s"
		fail=1
	elif ! cmp -s "$f" "$golden/$name.$s"; then
		echo "$name: std$s differs from $name.$s:"
		diff -u "$golden/$name.$s" "$f" | head -40
		fail=1
	fi
done
exit $fail
