#!/bin/sh
# Every code in the tables explains with status 0 and every field filled:
# basic codes as they are, enhanced entries in each class (X.1.1 -> 2.1.1,
# 4.1.1, 5.1.1).
# usage: every-code.sh SMTPCODE
set -u
bin=$1
pass=0 fail=0
list=$(mktemp) || exit 2
check() { # check CODE
	out=$("$bin" "$1" 2>&1)
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL $1: exit $rc"; fail=$((fail + 1)); return
	fi
	labels="Class Category Standard Retry Description"
	case $1 in *.*) labels="$labels Basic" ;; *) labels="$labels Seen" ;; esac
	for l in $labels "Who acts" "When you see it" "How to fix"; do
		line=$(printf '%s\n' "$out" | grep "^$l[a-z ]*: ." | head -n 1)
		if [ -z "$line" ]; then
			echo "FAIL $1: no filled '$l' line"; fail=$((fail + 1)); return
		fi
	done
	pass=$((pass + 1))
}
# Basic codes as they are; each enhanced entry in every class, 2, 4 and 5.
{
	"$bin" --list basic | cut -d' ' -f1
	for c in 2 4 5; do
		"$bin" --list enhanced | cut -d' ' -f1 | sed "s/^X/$c/"
	done
} >"$list" || { echo "FAIL: --list"; exit 1; }
while read -r c; do check "$c"; done <"$list"
rm -f "$list"
echo "every-code: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 100 ]
