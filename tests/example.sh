#!/bin/sh
# The example program of a document compiles, runs and prints what the
# document says it prints.
# usage: example.sh DOC BUILD_DIR
#   DOC        a Markdown file: its first ```c block is the program, and
#              the first ```text block after it is the expected output
#   BUILD_DIR  a build of this project: BUILD_DIR/libsmtpcode.a and the
#              generated BUILD_DIR/include/smtpcode_version.h
# The repository is the parent of DOC's directory (doc/library.md ->
# .), for include/smtpcode.h. The program is compiled with
#   CC -std=c11 -Wall -Wextra -Werror -I<repo>/include -I<BUILD_DIR>/include
# against BUILD_DIR/libsmtpcode.a, where CC and the C flags are the build's
# own (from BUILD_DIR/CMakeCache.txt, so that a sanitizer build's library
# gets its runtime), else cc. Exit status: 0 pass, 1 fail, 2 usage,
# 77 no C compiler (skipped).
set -u
if [ $# -ne 2 ]; then
	echo "usage: example.sh DOC BUILD_DIR" >&2
	exit 2
fi
doc=$1 build=$2
if [ ! -r "$doc" ]; then
	echo "example: cannot read $doc" >&2
	exit 2
fi
repo=$(cd "$(dirname "$doc")/.." && pwd) || exit 2
build=$(cd "$build" && pwd) || exit 2
lib=$build/libsmtpcode.a
if [ ! -r "$lib" ]; then
	echo "example: no $lib: build the project first" >&2
	exit 2
fi

cc="" cflags=""
if [ -r "$build/CMakeCache.txt" ]; then
	cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
	cflags=$(sed -n 's/^CMAKE_C_FLAGS:[A-Z]*=//p' "$build/CMakeCache.txt")
fi
if [ -z "$cc" ] || ! command -v "$cc" >/dev/null 2>&1; then
	cc=cc
fi
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "example: no C compiler ($cc): skipped"
	exit 77
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# The first ```c block, then the first ```text block after it. A fence
# closes with ``` alone on its line.
awk -v prog="$tmp/example.c" -v want="$tmp/want" '
	state == 0 && /^```c[ \t]*$/ { state = 1; next }
	state == 1 && /^```[ \t]*$/ { state = 2; next }
	state == 1 { print > prog; next }
	state == 2 && /^```text[ \t]*$/ { state = 3; next }
	state == 3 && /^```[ \t]*$/ { state = 4; exit }
	state == 3 { print > want; next }
	END { exit state == 4 ? 0 : 1 }
' "$doc"
case $? in
0) ;;
*)
	echo "FAIL: $doc has no complete \`\`\`c block followed by a \`\`\`text block"
	exit 1 ;;
esac
[ -f "$tmp/example.c" ] || : >"$tmp/example.c"
[ -f "$tmp/want" ] || : >"$tmp/want"

# shellcheck disable=SC2086
if ! "$cc" $cflags -std=c11 -Wall -Wextra -Werror \
    -I"$repo/include" -I"$build/include" \
    -o "$tmp/example" "$tmp/example.c" "$lib" >"$tmp/cc.log" 2>&1; then
	echo "FAIL: the example of $doc does not compile:"
	sed 's/^/  /' "$tmp/cc.log"
	exit 1
fi
"$tmp/example" >"$tmp/got" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ]; then
	echo "FAIL: the example of $doc exits with status $rc"
	sed 's/^/  /' "$tmp/err"
	exit 1
fi
if ! cmp -s "$tmp/want" "$tmp/got"; then
	echo "FAIL: the example of $doc does not print its text block:"
	diff -u "$tmp/want" "$tmp/got" | sed 's/^/  /'
	exit 1
fi
echo "example: $doc: the program builds, runs and prints its documented output"
exit 0
