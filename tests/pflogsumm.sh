#!/bin/sh
# The totals of --report agree with pflogsumm's on the same Postfix logs:
# the hand-labelled fixture and a generated log of a busy relay. Where
# they differ by design, the difference is computed from the log and
# shown: smtpcode counts smtpd's "milter-reject" as a rejection (pflogsumm
# 1.1.5's pattern misses it), and counts expiries (pflogsumm has none).
# usage: pflogsumm.sh SMTPCODE SOURCE_DIR
set -u
bin=$1 src=$2
command -v pflogsumm >/dev/null 2>&1 || {
	echo "pflogsumm is missing (sh tools/setup-debian.sh test): skipped"
	exit 77
}
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# The bench's log of a relay, its Postfix lines (pflogsumm reads no other).
python3 "$src/bench/genlog.py" 4 | grep ' postfix/' >"$tmp/relay.log" || exit 2
fail=0
for log in "$src/tests/corpus/records/postfix.log" "$tmp/relay.log"; do
	pflogsumm --detail 0 "$log" >"$tmp/pf" 2>/dev/null || { echo "FAIL: pflogsumm on $log"; exit 1; }
	"$bin" --report --format=tsv "$log" >"$tmp/sc" || { echo "FAIL: smtpcode --report on $log"; exit 1; }
	pf() { awk -v w="$1" '$2 == w { print $1; exit }' "$tmp/pf"; }
	sc() { awk -F'\t' -v w="$1" '$1 == "total" && $2 == w { print $3; exit }' "$tmp/sc"; }
	milter=$(grep -c 'postfix/smtpd\[[0-9]*\]: [A-Za-z0-9]*: milter-reject: ' "$log")
	for pair in "delivered sent 0" "deferred deferred 0" "bounced bounced 0" "rejected rejected $milter"; do
		set -- $pair
		want=$(( $(pf "$1") + $3 ))
		got=$(sc "$2")
		if [ "$want" = "$got" ]; then
			echo "ok: $(basename "$log"): $2 $got (pflogsumm $1 $(pf "$1")${3:+ + $3 milter-reject})"
		else
			echo "FAIL: $(basename "$log"): $2 $got, pflogsumm $1 $(pf "$1") + $3"
			fail=1
		fi
	done
	echo "   $(basename "$log"): expired $(sc expired) (pflogsumm counts none)"
done
exit $fail
