#!/bin/sh
# The example programs of a document compile, run and print what the
# document says they print.
# usage: example.sh DOC BUILD_DIR
#   DOC        a Markdown file: each ```c block whose next fenced block is
#              a ```text block is a program, and that block its expected
#              output (a ```c block followed by anything else is a
#              fragment, not compiled); there must be at least one
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

# Each program and its output, numbered: example-N.c and want-N. A fence
# opens with ```LANG and closes with ``` alone on its line.
awk -v dir="$tmp" '
	function flush() {
		if (have_c && have_text) {
			n++
			printf "%s", c > (dir "/example-" n ".c")
			printf "%s", text > (dir "/want-" n)
			close(dir "/example-" n ".c")
			close(dir "/want-" n)
		}
		have_c = have_text = 0
		c = text = ""
	}
	in_block && /^```[ \t]*$/ { in_block = 0; next }
	in_block == 1 { c = c $0 "\n"; next }
	in_block == 2 { text = text $0 "\n"; next }
	in_block == 3 { next }
	/^```c[ \t]*$/ { flush(); in_block = 1; have_c = 1; next }
	/^```text[ \t]*$/ {
		in_block = have_c ? 2 : 3
		have_text = have_c
		if (have_c) { text = ""; }
		next
	}
	/^```/ { flush(); in_block = 3; next }
	in_block == 0 && have_c && have_text { flush() }
	END { flush(); print n + 0 > (dir "/count") }
' "$doc"
count=$(cat "$tmp/count" 2>/dev/null || echo 0)
if [ "$count" -eq 0 ]; then
	echo "FAIL: $doc has no \`\`\`c block followed by a \`\`\`text block"
	exit 1
fi

i=1
while [ "$i" -le "$count" ]; do
	prog=$tmp/example-$i.c want=$tmp/want-$i
	# shellcheck disable=SC2086
	if ! "$cc" $cflags -std=c11 -Wall -Wextra -Werror \
	    -I"$repo/include" -I"$build/include" \
	    -o "$tmp/example" "$prog" "$lib" >"$tmp/cc.log" 2>&1; then
		echo "FAIL: example $i of $doc does not compile:"
		sed 's/^/  /' "$tmp/cc.log"
		exit 1
	fi
	"$tmp/example" >"$tmp/got" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: example $i of $doc exits with status $rc"
		sed 's/^/  /' "$tmp/err"
		exit 1
	fi
	if ! cmp -s "$want" "$tmp/got"; then
		echo "FAIL: example $i of $doc does not print its text block:"
		diff -u "$want" "$tmp/got" | sed 's/^/  /'
		exit 1
	fi
	i=$((i + 1))
done
echo "example: $doc: $count programs build, run and print their documented output"
exit 0
