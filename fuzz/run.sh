#!/bin/sh
# Run every fuzz target for SECONDS each, on a scratch copy of the seed
# corpus (fuzz/corpus/<target>/ stays as committed), and fail if any of
# them finds a crash, a sanitizer error, a trap or a timeout. Prints the
# executions per target from libFuzzer's final stats.
# usage: fuzz/run.sh BUILD_DIR SECONDS
#   BUILD_DIR: a build configured with CC=clang -DSMTPCODE_FUZZ=ON
# Crashing inputs are kept in BUILD_DIR/fuzz-artifacts/<target>/ and the
# logs in BUILD_DIR/fuzz-logs/<target>.log.
set -u
if [ $# -ne 2 ]; then
	echo "usage: $0 BUILD_DIR SECONDS" >&2
	exit 2
fi
build=$1 secs=$2
case $secs in '' | *[!0-9]*) echo "$0: SECONDS must be a number" >&2; exit 2 ;; esac
src=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$build" && pwd) || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$build/fuzz-logs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

pass=0 fail=0
for t in basic enhanced reply scan records; do
	bin=$build/fuzz/fuzz_$t
	if [ ! -x "$bin" ]; then
		echo "fuzz_$t: not built ($bin): configure with CC=clang -DSMTPCODE_FUZZ=ON"
		fail=$((fail + 1))
		continue
	fi
	max=4096
	[ "$t" = scan ] && max=65536
	corpus=$tmp/$t
	mkdir -p "$corpus" "$build/fuzz-artifacts/$t"
	[ -d "$src/corpus/$t" ] && cp "$src/corpus/$t"/* "$corpus"/ 2>/dev/null
	log=$build/fuzz-logs/$t.log
	"$bin" -max_len=$max -max_total_time="$secs" -timeout=10 \
		-print_final_stats=1 \
		-artifact_prefix="$build/fuzz-artifacts/$t/" \
		"$corpus" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	if [ "$rc" -eq 0 ]; then
		echo "fuzz_$t: ok, ${execs:-?} executions in ${secs}s (${rate:-?}/s, cov ${cov:-?}, corpus $(ls "$corpus" | wc -l))"
		pass=$((pass + 1))
	else
		echo "fuzz_$t: FAILED (exit $rc) after ${execs:-?} executions: see $log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|artifact_prefix|Test unit written)' "$log" | head -n 8 | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
