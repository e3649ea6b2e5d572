#!/bin/sh
# Generate the fuzzers' seed corpus, fuzz/corpus/<target>/, from the test
# fixtures: the lines of tests/corpus/*.tsv and the arguments of the CLI
# cases in tests/cli/cases. Deterministic (files are named by the SHA-1 of
# their content, as libFuzzer names them) and small: a few hundred files,
# each under 4 KiB. Rerun it after changing the fixtures and commit the
# result.
# usage: fuzz/make-seeds.sh
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/fuzz/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# put TARGET: store stdin as one seed (empty seeds are dropped).
put() {
	f=$tmp/seed
	cat >"$f"
	[ -s "$f" ] || return 0
	h=$(sha1sum "$f" | cut -c1-40)
	mv "$f" "$tmp/$1/$h"
}
for t in basic enhanced reply scan records; do mkdir -p "$tmp/$t"; done

# Column N of the data rows of a TSV fixture, one value a line.
col() { awk -F'\t' -v c="$2" 'NR > 1 && $c != "" { print $c }' "$1"; }

tsv=$root/tests/corpus

# basic: every distinct code of the fixtures, with a few blank variants.
{
	col "$tsv/replies.tsv" 2
	col "$tsv/loglines.tsv" 2 | tr ' ' '\n' | grep -v '\.'
} | sort -u | grep -E '^[0-9]{3}$' >"$tmp/basic.list" || true
while read -r c; do printf '%s' "$c" | put basic; done <"$tmp/basic.list"
printf ' \t455 ' | put basic
printf '4555' | put basic
printf '+455' | put basic
printf '\357\274\224\357\274\225\357\274\225' | put basic # fullwidth 455

# enhanced: every distinct enhanced code, and the same embedded in text.
{
	col "$tsv/replies.tsv" 3
	for f in loglines bouncelines scan-fixtures; do
		col "$tsv/$f.tsv" 2 | tr ' ' '\n'
	done
} | grep -E '^[245]\.[0-9]+\.[0-9]+$' | sort -u >"$tmp/enh.list" || true
while read -r c; do
	printf '%s' "$c" | put enhanced
	printf '%s text' "$c" | put enhanced
done <"$tmp/enh.list"
for c in 5.07.1 5..1 5.1234.1 6.1.1 5.7 5.7.1.2 '(#5.7.1)'; do
	printf '%s' "$c" | put enhanced
done

# reply: reply lines (every second one: enough shapes, fewer files), and
# some multi-line replies joined from consecutive lines.
col "$tsv/replies.tsv" 1 | awk 'NR % 2 == 1' | while IFS= read -r l; do
	printf '%s' "$l" | put reply
done
col "$tsv/replies.tsv" 1 | grep -E '^[0-9]{3}-' | head -n 20 >"$tmp/cont"
i=0
while IFS= read -r l; do
	i=$((i + 1))
	code=$(printf '%s' "$l" | cut -c1-3)
	printf '%s\r\n%s last line\r\n' "$l" "$code" | put reply
	[ "$i" -le 5 ] && printf '%s\n%s final\n' "$l" "$code" | put reply
done <"$tmp/cont"

# The CLI cases' operands go to basic, enhanced or reply by their shape.
# Each case's command is run with $SMTPCODE standing for a script that
# writes its operands out, one file each (the commands are the project's
# own tests, run in a scratch directory).
mkdir -p "$tmp/args" "$tmp/scratch"
cat >"$tmp/dump" <<'DUMP'
#!/bin/sh
skip=0
for a in "$@"; do
	# Options, and the values of -f, -L, --format and --lang, are not operands.
	if [ "$skip" = 1 ]; then skip=0; continue; fi
	case $a in
	-f | -L | --format | --lang) skip=1; continue ;;
	-*) continue ;;
	esac
	n=$(ls "$ARGS" | wc -l)
	printf '%s' "$a" >"$ARGS/$n"
done
DUMP
chmod +x "$tmp/dump"
grep -E '^[a-z0-9_.-]+[[:space:]]+[0-9]+[[:space:]]' "$root/tests/cli/cases" |
	grep -v -e '--scan' -e '--list' -e '-l ' -e '--search' -e '-s ' -e '-qs' -e '-ql' |
	sed -E 's/^[^[:space:]]+[[:space:]]+[0-9]+[[:space:]]+//' >"$tmp/cmds"
while IFS= read -r cmd; do
	(cd "$tmp/scratch" && ARGS=$tmp/args SMTPCODE=$tmp/dump FIXTURES=$root/tests/cli/fixtures \
		sh -c "$cmd" >/dev/null 2>&1 </dev/null) || true
done <"$tmp/cmds"
for f in "$tmp"/args/*; do
	[ -f "$f" ] || continue
	[ "$(wc -c <"$f")" -le 4096 ] || continue
	if grep -qE '^[0-9]{3}[ -]' "$f"; then
		put reply <"$f"
	elif grep -qE '^[0-9]\.' "$f"; then
		put enhanced <"$f"
	else
		put basic <"$f"
	fi
done

# scan: fixture lines in groups of eight, each seed behind a header that
# picks the chunk sizes (see fuzz_scan.c): byte 0 & 3 = sizes - 1, then one
# byte per size (0: the rest, < 128: bytes, >= 128: ((b & 127) + 1) * 257).
n=0
for f in loglines bouncelines scan-fixtures; do
	col "$tsv/$f.tsv" 1
done | awk '{ g = int((NR - 1) / 8); print > (dir "/g" g) }' dir="$tmp/scratch"
for g in "$tmp"/scratch/g*; do
	n=$((n + 1))
	case $((n % 4)) in
	0) hdr='\000\000' ;;              # one chunk
	1) hdr='\001\007\015' ;;          # 7, 13, 7, 13...
	2) hdr='\002\001\100\201' ;;      # 1, 64, 514
	3) hdr='\003\003\377\002\000' ;;  # 3, 32896, 2, rest
	esac
	{ printf "$hdr"; cat "$g"; } | put scan
	# The same with CRLF line ends and no final newline.
	{ printf "$hdr"; sed 's/$/\r/' "$g" | head -c -2; } | put scan
done
{ printf '\000\000'; cat "$root/tests/cli/fixtures/bounce.eml"; } | head -c 4096 | put scan
{ printf '\001\020\000'; cat "$root/tests/cli/fixtures/mail.log"; } | head -c 4096 | put scan
{ printf '\000\000'; printf '250 ok \033[2J\001 \377\n550 5.1.1 x\000y\r\n'; } | put scan
# Bounce emails read as emails, and with records asked for (bit 2 of the
# header): a few of each kind of MIME, and the record logs in 37-byte
# chunks.
for f in 01-exim-two-rcpt 05-amazonses-qp-nested 09-postfix-folded-diag \
    19-amazonworkmail-qp-softbreak-b64 29-barracuda-base64-text; do
	{ printf '\000\000'; cat "$tsv/bounces/$f.eml"; } | head -c 8192 | put scan
	{ printf '\004\000'; cat "$tsv/bounces/$f.eml"; } | head -c 8192 | put scan
done
for f in postfix exim sendmail opensmtpd; do
	{ printf '\004\045'; cat "$tsv/records/$f.log"; } | head -c 8192 | put scan
done

# records: the lines of the record fixtures, one a seed (every one of
# the small logs: each MTA's shapes, records or not).
for f in "$tsv"/records/*.log; do
	while IFS= read -r l; do printf '%s' "$l" | put records; done <"$f"
done

rm -rf "$out"
mkdir -p "$out"
for t in basic enhanced reply scan records; do
	mv "$tmp/$t" "$out/$t"
	echo "fuzz/corpus/$t: $(ls "$out/$t" | wc -l) seeds"
done
