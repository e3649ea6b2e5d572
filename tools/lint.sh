#!/bin/sh
# Static analysis of the sources: clang-tidy (checks in .clang-tidy) and
# cppcheck (suppressions, each justified, in tools/cppcheck.supp). Both
# must run clean: exit status 0 only if neither reports anything.
# usage: tools/lint.sh BUILD_DIR
#   BUILD_DIR: a configured build with compile_commands.json
#   (CMAKE_EXPORT_COMPILE_COMMANDS=ON, as the top-level CMakeLists sets).
set -u
if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
build=$1
cd "$(dirname "$0")/.." || exit 2
if [ ! -f "$build/compile_commands.json" ]; then
	echo "$0: no $build/compile_commands.json: configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON" >&2
	exit 2
fi
for tool in clang-tidy cppcheck; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "$0: $tool not found (apt-get install clang-tidy cppcheck)" >&2
		exit 2
	fi
done
jobs=$(nproc 2>/dev/null || echo 2)
fail=0

# Only the files the build compiles (listed in the compilation database):
# clang-tidy needs their flags.
echo "== clang-tidy ($(clang-tidy --version | sed -n 's/.*version \([0-9.]*\).*/\1/p' | head -n 1))"
files=""
for f in src/lib/*.c src/cli/*.c tools/*.c; do
	if grep -q "\"file\": \"[^\"]*/$f\"" "$build/compile_commands.json" ||
	    grep -q "\"file\": \"$f\"" "$build/compile_commands.json"; then
		files="$files $f"
	else
		echo "note: $f is not in the compilation database: not checked by clang-tidy"
	fi
done
# shellcheck disable=SC2086
if ! printf '%s\n' $files | xargs -P "$jobs" -n 1 clang-tidy -p "$build" --quiet 2>/dev/null; then
	fail=1
fi

echo "== cppcheck ($(cppcheck --version))"
if ! cppcheck --enable=warning,style,performance,portability --error-exitcode=1 \
    --inline-suppr --std=c11 --quiet -j "$jobs" \
    --suppressions-list=tools/cppcheck.supp \
    -D_POSIX_C_SOURCE=200809L \
    -I include -I "$build/include" -I data -I src/lib -I src/cli src/ tools/; then
	fail=1
fi

if [ "$fail" = 0 ]; then
	echo "lint: clean"
else
	echo "lint: problems found"
fi
exit $fail
