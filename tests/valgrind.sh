#!/bin/sh
# Run every CLI case of the given case files under valgrind (memcheck):
# $SMTPCODE in each command becomes
#   valgrind --error-exitcode=99 --leak-check=full
#            --errors-for-leak-kinds=definite -q SMTPCODE
# A case fails if its command exits 99 (a memory error or a definite
# leak); its status and output are not compared here (run-case.sh does
# that). Prints "valgrind: N passed, M failed"; exit status 1 if M > 0.
# usage: tests/valgrind.sh SMTPCODE CASES_FILE...
set -u
if [ $# -lt 2 ]; then
	echo "usage: $0 SMTPCODE CASES_FILE..." >&2
	exit 2
fi
if ! command -v valgrind >/dev/null 2>&1; then
	echo "$0: valgrind not found (apt-get install valgrind)" >&2
	exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
FIXTURES=$here/cli/fixtures
SMTPCODE="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite -q $bin"
export SMTPCODE FIXTURES
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
start=$(pwd)
pass=0 fail=0
for cases in "$@"; do
	# NAME STATUS COMMAND, as tests/CMakeLists.txt reads it.
	(cd "$start" && grep -E '^[a-z0-9_.-]+[[:space:]]+[0-9]+[[:space:]]+' "$cases") >"$tmp/list" || {
		echo "$0: $cases: no cases" >&2
		exit 2
	}
	while IFS= read -r line; do
		name=${line%%[ 	]*}
		cmd=$(printf '%s\n' "$line" | sed -E 's/^[^[:space:]]+[[:space:]]+[0-9]+[[:space:]]+//')
		mkdir -p "$tmp/run" && cd "$tmp/run" || exit 2
		env -u LANGUAGE -u LC_MESSAGES LC_ALL=C LANG=C NO_COLOR=1 COLUMNS=80 \
		    sh -c "$cmd" >"$tmp/out" 2>"$tmp/err" </dev/null
		rc=$?
		cd "$tmp" && rm -rf "$tmp/run"
		if [ "$rc" -eq 99 ]; then
			echo "FAIL $name: valgrind reported errors:"
			grep '^==' "$tmp/err" | head -n 30 | sed 's/^/    /'
			fail=$((fail + 1))
		else
			pass=$((pass + 1))
		fi
	done <"$tmp/list"
done
echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
