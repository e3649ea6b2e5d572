#!/bin/sh
# Benchmark smtpcode from a clean clone: sh bench/run.sh [SIZE_MB]
#
# Builds a Release binary, writes three inputs and measures, side by side
# in one run of hyperfine per input:
#   - a realistic mail log of SIZE_MB (default 1024, bench/genlog.py);
#   - a code-dense mail log of SIZE_MB/4, only the lines that hold a reply
#     (genlog.py --dense);
#   - a code-dense file of SIZE_MB/8 made of the project's real labelled
#     lines: logs, transcripts, application logs (bench/gendense.py);
# on each: smtpcode --scan --count next to grep -cE, and smtpcode --scan
# (text) and --scan --format=tsv (with a diagnosis per reply) next to
# grep -E printing the matching lines, the last two also with one thread
# (SMTPCODE_THREADS=1; files of 4 MiB or more are read by two where the
# machine has two processors); the ratios are printed. Then the
# peak memory of --scan on 10 MB and on the full log (flat memory), and
# the start-up cost of 'smtpcode 455' next to /bin/true: wall time
# (hyperfine), instructions (callgrind, repeatable whatever the machine's
# load) and the relocations the loader applies (readelf).
# Then --report next to pflogsumm on the full log (speed and peak
# memory), and on a Maildir of bounces next to Sisimai (bench/sisimai.sh).
# Needs: cmake, a C compiler, python3, hyperfine, GNU time, valgrind,
# readelf; pflogsumm and Sisimai for the comparisons (Debian packages: sh
# tools/setup-debian.sh hyperfine time valgrind binutils pflogsumm
# libsisimai-perl).
set -eu
cd "$(dirname "$0")/.."
size=${1:-1024}
work=${BENCH_DIR:-/tmp/smtpcode-bench}
mkdir -p "$work"
for t in hyperfine python3 valgrind readelf; do
	command -v "$t" >/dev/null || { echo "bench: $t is missing (sh tools/setup-debian.sh hyperfine time valgrind binutils)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: GNU time is missing (sh tools/setup-debian.sh time)" >&2; exit 2; }

cmake -S . -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$work/build" >/dev/null
bin=$work/build/smtpcode
log=$work/mail-$size.log
dense=$work/dense-$((size / 4)).log
real=$work/real-$((size / 8)).log
small=$work/mail-10.log
[ -s "$log" ] || python3 bench/genlog.py "$size" >"$log"
[ -s "$dense" ] || python3 bench/genlog.py --dense $((size / 4)) >"$dense"
[ -s "$real" ] || python3 bench/gendense.py $((size / 8)) >"$real"
[ -s "$small" ] || python3 bench/genlog.py 10 >"$small"
regex='(^|[ (:;=])[2-5][0-5][0-9][ -][245]\.[0-9]{1,3}\.[0-9]{1,3}'
export LC_ALL=C

echo "== $(nproc) cores; every output through a pipe; LC_ALL=C"
for f in "$log" "$dense" "$real"; do
	bytes=$(wc -c <"$f")
	echo "== $f: $bytes bytes, $(wc -l <"$f") lines; replies found: smtpcode" \
	    "$("$bin" --scan --count "$f" | awk '{s += $1} END {print s}'), grep -cE" \
	    "$(grep -cE "$regex" "$f") lines"
	cat "$f" >/dev/null   # warm the page cache
	# --output=pipe: GNU grep stops at the first match when its output is
	# /dev/null, which would make it look faster than it is.
	hyperfine --output=pipe --warmup 1 --runs 7 --export-json "$work/scan.json" \
		-n "smtpcode --scan --count" "$bin --scan --count $f" \
		-n "grep -cE" "grep -cE '$regex' $f" \
		-n "smtpcode --scan" "$bin --scan $f" \
		-n "smtpcode --scan --format=tsv" "$bin --scan --format=tsv $f" \
		-n "grep -E" "grep -E '$regex' $f" \
		-n "smtpcode --scan, one thread" "env SMTPCODE_THREADS=1 $bin --scan $f" \
		-n "smtpcode --scan --format=tsv, one thread" \
		"env SMTPCODE_THREADS=1 $bin --scan --format=tsv $f" >/dev/null
	python3 - "$work/scan.json" "$bytes" <<'PY'
import json, sys
data, size = json.load(open(sys.argv[1])), int(sys.argv[2])
t = {r["command"]: r for r in data["results"]}
for name, r in t.items():
    print(f"   {name:<41} {r['mean']:7.3f} s ± {r['stddev']:.3f} (median {r['median']:.3f})  {size / r['mean'] / 1e6:6.0f} MB/s")
def ratio(a, b):
    return (f"{t[b]['mean'] / t[a]['mean']:.2f}x (median {t[b]['median'] / t[a]['median']:.2f}x)")
print(f"   count:      {ratio('smtpcode --scan --count', 'grep -cE')} grep -cE")
print(f"   print text: {ratio('smtpcode --scan', 'grep -E')} grep -E;"
      f" one thread {ratio('smtpcode --scan, one thread', 'grep -E')}")
print(f"   print tsv:  {ratio('smtpcode --scan --format=tsv', 'grep -E')} grep -E;"
      f" one thread {ratio('smtpcode --scan --format=tsv, one thread', 'grep -E')}"
      " (each row diagnosed)")
PY
done

echo "== peak memory (GNU time, maximum resident set size)"
for f in "$small" "$log"; do
	/usr/bin/time -f "   --scan --format=tsv, $(wc -c <"$f") bytes: %M KB" \
	    "$bin" --scan --format=tsv "$f" >/dev/null
	/usr/bin/time -f "   --scan --format=tsv, one thread, $(wc -c <"$f") bytes: %M KB" \
	    env SMTPCODE_THREADS=1 "$bin" --scan --format=tsv "$f" >/dev/null
	/usr/bin/time -f "   --scan --format=json, $(wc -c <"$f") bytes: %M KB" \
	    "$bin" --scan --format=json "$f" >/dev/null
	/usr/bin/time -f "   --report, $(wc -c <"$f") bytes: %M KB" \
	    "$bin" --report "$f" >/dev/null
done

if command -v pflogsumm >/dev/null 2>&1; then
	echo "== --report next to pflogsumm on $log (pflogsumm once: it is slow)"
	hyperfine --output=pipe --runs 1 --export-json "$work/report.json" \
		-n "pflogsumm" "pflogsumm $log" >/dev/null
	hyperfine --output=pipe --warmup 1 --runs 5 --export-json "$work/report2.json" \
		-n "smtpcode --report" "$bin --report $log" >/dev/null
	/usr/bin/time -f "   pflogsumm peak memory: %M KB" pflogsumm "$log" >/dev/null
	python3 - "$work/report.json" "$work/report2.json" "$(wc -c <"$log")" <<'PY'
import json, sys
t = {}
for p in sys.argv[1:3]:
    for r in json.load(open(p))["results"]:
        t[r["command"]] = r["mean"]
size = int(sys.argv[3])
for k, v in t.items():
    print(f"   {k:<20} {v:7.2f} s  {size / v / 1e6:7.0f} MB/s")
print(f"   smtpcode --report: {t['pflogsumm'] / t['smtpcode --report']:.0f}x pflogsumm")
PY
	echo "== the report of $log"
	"$bin" --report "$log" | sed 's/^/   /'
else
	echo "== pflogsumm is missing (sh tools/setup-debian.sh pflogsumm): no report comparison"
fi

if perl -MSisimai -e 1 2>/dev/null; then
	sh bench/sisimai.sh "$bin" "$work" 100
else
	echo "== Sisimai is missing (sh tools/setup-debian.sh libsisimai-perl): no bounce comparison"
fi

echo "== start-up"
hyperfine -N --warmup 20 --runs 300 -n "smtpcode 455" "$bin 455" -n "/bin/true" "/bin/true"
# Instructions, counted by callgrind: the same for every run of the same
# binary. smtpcode is linked with full RELRO (every libc symbol bound at
# start-up); /bin/true on Debian binds lazily, so it is also counted bound
# the same way (LD_BIND_NOW=1).
instructions() { # instructions BIND_NOW COMMAND...
	now=$1
	shift
	env ${now:+LD_BIND_NOW=1} valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
i_smtp=$(instructions "" "$bin" 455)
i_true=$(instructions "" /bin/true)
i_true_now=$(instructions 1 /bin/true)
echo "   instructions: smtpcode 455 $i_smtp, /bin/true $i_true, /bin/true bound at start-up $i_true_now"
awk -v a="$i_smtp" -v b="$i_true" -v c="$i_true_now" \
	'BEGIN { printf "   ratio: %.2fx /bin/true, %.2fx /bin/true bound at start-up\n", a / b, a / c }'
echo "   relocations (readelf -r): smtpcode $(readelf -rW "$bin" | grep -c R_X86_64_RELATIVE) relative, $(readelf -rW "$bin" | grep -c 'R_X86_64_\(GLOB_DAT\|JUMP_SLO\)') symbol; /bin/true $(readelf -rW /bin/true | grep -c R_X86_64_RELATIVE) relative"
