#!/bin/sh
# Text output on a terminal: through a pseudo-terminal (script(1), from
# util-linux), --color=auto gives bold labels and rows that fit COLUMNS;
# through a pipe, no escape at all.
# usage: pty.sh SMTPCODE
set -u
bin=${1:?usage: pty.sh SMTPCODE}
pass=0 fail=0
esc=$(printf '\033')
cr=$(printf '\r')
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# A fixed English environment; NO_COLOR unset unless a check sets it.
# script(1) runs the command through sh -c: $bin is quoted for it.
qbin="'$(printf '%s' "$bin" | sed "s/'/'\\\\''/g")'"
in_pty() { # in_pty OUTFILE ARGS...: run the command on a pseudo-terminal
	out=$1; shift
	env -u NO_COLOR -u LANGUAGE -u LC_MESSAGES LC_ALL=C LANG=C COLUMNS=60 \
	    script -qec "$qbin $*" /dev/null </dev/null >"$out" 2>&1
}

# The widest row, in characters (UTF-8 continuation bytes are not
# counted), after escape sequences and carriage returns are taken out.
widest() {
	sed "s/$esc\[[0-9;?]*[A-Za-z]//g" "$1" | tr -d "$cr" |
	    LC_ALL=C tr -d '\200-\277' |
	    LC_ALL=C awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }'
}

if ! command -v script >/dev/null 2>&1; then
	echo "pty: script(1) not found (util-linux); skipped"
	echo "pty: 0 passed, 0 failed"
	exit 77
fi

# A run that worked: status 0 and the title there.
explained() { # explained STATUS FILE
	[ "$1" -eq 0 ] && grep -q "SMTP 455 Server Unable to Accommodate" "$2"
}

# 1. --color=auto on a terminal: the run succeeds, labels are bold.
in_pty "$tmp/tty" --color=auto 455
rc=$?
if explained $rc "$tmp/tty"; then ok; else bad "--color=auto 455 on a pty: exit $rc, or no title"; fi
if grep -q "$esc\[1m" "$tmp/tty"; then
	ok
else
	bad "--color=auto 455 on a pty: no ESC[1m in:"; sed 's/^/  | /' "$tmp/tty" | cat -v | head -20
fi

# 2. ... and every row fits COLUMNS=60, escapes not counted. The output
# must also be long enough to need wrapping, or nothing was tested.
# 3. On every row with an escape, the last one is a reset.
if explained $rc "$tmp/tty"; then
	w=$(widest "$tmp/tty")
	if [ "$w" -le 60 ]; then
		ok
	else
		bad "--color=auto 455 on a pty: a row is $w columns wide, more than 60"
	fi
	if [ "$(LC_ALL=C grep -c . "$tmp/tty")" -gt 11 ]; then
		ok
	else
		bad "--color=auto 455 on a pty: no row was wrapped (11 lines or fewer)"
	fi
	if sed "s/$cr\$//" "$tmp/tty" | grep "$esc" | sed "s/.*$esc/$esc/" |
	    grep -v "^$esc\[0m" >/dev/null; then
		bad "--color=auto 455 on a pty: a row ends with a colour still on"
	else
		ok
	fi
else
	bad "--color=auto 455 on a pty: no output to measure (widths, wrapping, resets)"
	fail=$((fail + 2))
fi

# 4. Through a pipe: no escape, with NO_COLOR unset.
env -u NO_COLOR LC_ALL=C LANG=C COLUMNS=60 "$bin" --color=auto 455 </dev/null 2>&1 | cat >"$tmp/pipe"
if grep -q "^SMTP 455 Server Unable to Accommodate\$" "$tmp/pipe" &&
    ! grep -q "$esc" "$tmp/pipe"; then
	ok
else
	bad "--color=auto 455 | cat: empty, or escapes in the output"
fi

# 5. NO_COLOR (any non-empty value) and --color=never: none on a terminal.
env -u LANGUAGE -u LC_MESSAGES LC_ALL=C LANG=C COLUMNS=60 NO_COLOR=1 \
    script -qec "$qbin --color=auto 455" /dev/null </dev/null >"$tmp/nocolor" 2>&1
rc=$?
if explained $rc "$tmp/nocolor" && ! grep -q "$esc" "$tmp/nocolor"; then
	ok
else
	bad "NO_COLOR=1, --color=auto 455 on a pty: empty, or escapes in the output"
fi
in_pty "$tmp/never" --color=never 455
rc=$?
if explained $rc "$tmp/never" && ! grep -q "$esc" "$tmp/never"; then
	ok
else
	bad "--color=never 455 on a pty: empty, or escapes in the output"
fi

# 6. --color=always through a pipe: bold labels.
env -u NO_COLOR LC_ALL=C LANG=C COLUMNS=60 "$bin" --color=always 455 </dev/null 2>&1 | cat >"$tmp/always"
if grep -q "$esc\[1m" "$tmp/always"; then ok; else bad "--color=always 455 | cat: no ESC[1m"; fi

echo "pty: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
