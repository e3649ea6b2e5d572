#!/bin/sh
# Check one shell's completion against the built command.
# usage: completions.sh SMTPCODE_DIR COMPLETIONS_DIR bash|zsh|fish
# SMTPCODE_DIR (the directory of the built smtpcode) goes first in PATH, so
# the codes offered come from that binary. A shell that is not installed
# (Debian packages bash, zsh, fish) makes the test a skip (exit 77).
set -u
if [ $# -ne 3 ]; then
	echo "usage: completions.sh SMTPCODE_DIR COMPLETIONS_DIR bash|zsh|fish" >&2
	exit 2
fi
bindir=$(cd "$1" && pwd) || exit 2
dir=$(cd "$2" && pwd) || exit 2
shell=$3
if ! command -v "$shell" >/dev/null 2>&1; then
	echo "completions: $shell is not installed (Debian package $shell): skipped"
	exit 77
fi
PATH=$bindir:$PATH
export PATH
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
if [ ! -x "$bindir/smtpcode" ]; then
	echo "completions: no executable $bindir/smtpcode" >&2
	exit 2
fi

# --- bash ---------------------------------------------------------------
# bcomp WORD...: what _smtpcode offers for the command line WORD..., the
# last word being the one under the cursor; one candidate a line, sorted.
bcomp() {
	bash --norc --noprofile -c '
		source "$1" || exit 3
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		COMPREPLY=()
		_smtpcode smtpcode "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" || exit 4
		printf "%s\n" "${COMPREPLY[@]}"
	' bcomp "$dir/smtpcode.bash" "$@" 2>&1 | sort
}
# bhas NAME WANT WORD...: the candidates include the line WANT.
bhas() {
	name=$1 want=$2
	shift 2
	got=$(bcomp "$@")
	if printf '%s\n' "$got" | grep -qxF -- "$want"; then
		ok
	else
		bad "bash $name: '$*' does not offer '$want'; got: $(echo $got)"
	fi
}
# bis NAME WANT WORD...: the candidates are exactly WANT (sorted, spaces).
bis() {
	name=$1 want=$2
	shift 2
	got=$(bcomp "$@" | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$want" ]; then
		ok
	else
		bad "bash $name: '$*' offers '$got', expected '$want'"
	fi
}

if [ "$shell" != bash ]; then
	:
elif ! command -v bash >/dev/null 2>&1; then
	bad "bash is not installed"
elif ! bash -n "$dir/smtpcode.bash"; then
	bad "bash: $dir/smtpcode.bash does not parse"
else
	ok
	out=$(bash --norc --noprofile -c 'source "$1" && complete -p smtpcode' x "$dir/smtpcode.bash" 2>&1)
	case $out in
	*"-F _smtpcode"*smtpcode) ok ;;
	*) bad "bash: sourcing does not register _smtpcode: $out" ;;
	esac
	bis option "--format" smtpcode --form
	bis format-value "html json text tsv" smtpcode --format ""
	bis format-short "html json text tsv" smtpcode -f ""
	bis format-equals "json" smtpcode --format = j
	bis lang-value "ru" smtpcode --lang r
	bis color-value "always auto never" smtpcode --color = ""
	bhas code 455 smtpcode 45
	bhas code-after-option 455 smtpcode -q 45
	bhas enhanced-transient 4.7.1 smtpcode 4.7.
	bhas enhanced-permanent 5.7.1 smtpcode 5.7.
	bhas list-filter x.7 smtpcode --list x
	bhas list-filter-class 5xx smtpcode --list 5
	f=$(bcomp smtpcode X.)
	if [ -z "$f" ]; then ok; else bad "bash: X.s.d offered as a code: $(echo $f)"; fi
	bhas scan-file "$dir/smtpcode.bash" smtpcode --scan "$dir/smtpcode.b"
fi

# --- zsh ----------------------------------------------------------------
if [ "$shell" = zsh ]; then
	if zsh -n "$dir/_smtpcode"; then ok; else bad "zsh: $dir/_smtpcode does not parse"; fi
	if head -n 1 "$dir/_smtpcode" | grep -qx '#compdef smtpcode'; then
		ok
	else
		bad "zsh: $dir/_smtpcode does not start with #compdef smtpcode"
	fi
	# Autoloaded through compinit, it defines _smtpcode without error.
	out=$(zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit && compinit -u -D &&
		autoload -Uz +X _smtpcode && print -r -- $_comps[smtpcode]' x "$dir" 2>&1)
	if [ "$out" = _smtpcode ]; then ok; else bad "zsh: compinit does not bind _smtpcode: $out"; fi
fi

# --- fish ---------------------------------------------------------------
if [ "$shell" = fish ]; then
	if fish --no-config -n "$dir/smtpcode.fish"; then ok; else bad "fish: $dir/smtpcode.fish does not parse"; fi
	out=$(fish --no-config -c 'source $argv[1]' "$dir/smtpcode.fish" 2>&1)
	if [ -z "$out" ]; then ok; else bad "fish: sourcing prints: $out"; fi
	# fcomp LINE: the candidates fish offers, without descriptions, sorted.
	fcomp() {
		fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
			"$dir/smtpcode.fish" "$1" 2>&1 | cut -f1 | sort
	}
	got=$(fcomp 'smtpcode --format ' | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "html json text tsv" ]; then
		ok
	else
		bad "fish: 'smtpcode --format ' offers '$got', expected 'html json text tsv'"
	fi
	if fcomp 'smtpcode 45' | grep -qx 455; then ok; else bad "fish: 'smtpcode 45' does not offer 455"; fi
	if fcomp 'smtpcode 4.7.' | grep -qx 4.7.1; then ok; else bad "fish: 'smtpcode 4.7.' does not offer 4.7.1"; fi
fi

echo "completions ($shell): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
