#!/bin/sh
# Bounce emails: smtpcode --report next to Sisimai on the same Maildir,
# and how often both name the same reason for a recipient.
# usage: sh bench/sisimai.sh SMTPCODE WORKDIR [COPIES]
# The Maildir holds COPIES (default 100) copies of the 30 real bounces of
# tests/corpus/bounces. Needs hyperfine and Sisimai (Debian package
# libsisimai-perl).
set -eu
bin=$1 work=$2 copies=${3:-100}
src=$(cd "$(dirname "$0")/.." && pwd)/tests/corpus/bounces
perl -MSisimai -e 1 2>/dev/null || { echo "bench: Sisimai is missing (apt-get install libsisimai-perl)" >&2; exit 2; }
dir=$work/bounces-maildir
rm -rf "$dir"
mkdir -p "$dir/cur" "$dir/new" "$dir/tmp"
i=0
while [ $i -lt "$copies" ]; do
	for f in "$src"/*.eml; do
		cp "$f" "$dir/cur/$i-$(basename "$f")"
	done
	i=$((i + 1))
done
n=$(ls "$dir/cur" | wc -l)
echo "== $n bounce emails ($copies copies of the $(ls "$src" | wc -l) of tests/corpus/bounces)"
hyperfine --output=pipe --warmup 1 --runs 5 --export-json "$work/bounces.json" \
	-n "smtpcode --report" "$bin --report $dir" \
	-n "Sisimai->make" "perl -MSisimai -e 'Sisimai->make(\$ARGV[0])' $dir/cur" >/dev/null
python3 - "$work/bounces.json" "$n" <<'PY'
import json, sys
t = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
for k, v in t.items():
    print(f"   {k:<20} {v:7.3f} s  {n / v:9.0f} emails/s")
print(f"   smtpcode: {t['Sisimai->make'] / t['smtpcode --report']:.0f}x Sisimai")
PY
# The reason each names for each recipient, on the 30 emails once.
perl -MSisimai -e 'for my $e (@{Sisimai->make($ARGV[0]) || []}) {
	my $f = $e->origin; $f =~ s{.*/}{};
	print join("\t", $f, lc $e->recipient->address, $e->reason), "\n" }' "$src" >"$work/sisimai.tsv"
"$bin" --scan --records --format=tsv "$src" |
	awk -F'\t' '{ n = split($1, p, "/"); print p[n] "\t" tolower($6) "\t" $11 }' >"$work/smtpcode.tsv"
python3 - "$work/sisimai.tsv" "$work/smtpcode.tsv" <<'PY'
import sys
def load(p):
    return {(f, r): reason for f, r, reason in (l.rstrip("\n").split("\t") for l in open(p))}
s, c = load(sys.argv[1]), load(sys.argv[2])
both = set(s) & set(c)
same = sum(1 for k in both if s[k] == c[k])
print(f"== recipients: Sisimai {len(s)}, smtpcode {len(c)}, both {len(both)}; "
      f"same reason for {same} of {len(both)} ({100 * same / max(len(both), 1):.0f}%)")
for k in sorted(both):
    if s[k] != c[k]:
        print(f"   {k[0]}: Sisimai {s[k]}, smtpcode {c[k]}")
for k in sorted(set(s) - set(c)):
    print(f"   only Sisimai: {k[0]} {k[1]} ({s[k]})")
for k in sorted(set(c) - set(s)):
    print(f"   only smtpcode: {k[0]} {k[1]} ({c[k]})")
PY
