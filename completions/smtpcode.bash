# bash completion for smtpcode(1)
# Install as /usr/share/bash-completion/completions/smtpcode, or source it.
# The codes offered as operands come from `smtpcode --list` at completion
# time, so they follow the installed table.

_smtpcode_codes()
{
	local bin=$1
	command -v -- "$bin" >/dev/null 2>&1 || bin=smtpcode
	# Basic codes as listed; an enhanced registry entry X.s.d in its
	# transient and permanent forms, 4.s.d and 5.s.d.
	"$bin" --list 2>/dev/null | cut -d' ' -f1 | while read -r c; do
		case $c in
		X.*) printf '%s\n' "4.${c#X.}" "5.${c#X.}" ;;
		?*) printf '%s\n' "$c" ;;
		esac
	done
}

_smtpcode()
{
	local cur prev i w scan=0 opts_done=0
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()

	local formats='text json tsv html'
	local langs='ar de en es fr hi id ja ko pt ru tr vi zh'
	local colors='auto always never'
	local filters='basic enhanced 2 4 5 2xx 4xx 5xx x.1 x.2 x.3 x.4 x.5 x.6 x.7'
	local reports='hard'
	local opts='--format --list --search --scan --count --records --report
		--report=hard --lang --quiet --color= --help --version
		-f -l -s -L -q -h -V'

	# With "=" in COMP_WORDBREAKS, --format=js is three words:
	# "--format" "=" "js".
	if [[ $cur == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --?*=* ]]; then
		# "=" not a word break: complete the value with the option as prefix.
		local opt=${cur%%=*} val=${cur#*=} vals=
		case $opt in
		--format) vals=$formats ;;
		--lang) vals=$langs ;;
		--color) vals=$colors ;;
		--report) vals=$reports ;;
		esac
		[[ -n $vals ]] && COMPREPLY=($(compgen -P "$opt=" -W "$vals" -- "$val"))
		return 0
	fi

	case $prev in
	-f | --format)
		COMPREPLY=($(compgen -W "$formats" -- "$cur"))
		return 0 ;;
	-L | --lang)
		COMPREPLY=($(compgen -W "$langs" -- "$cur"))
		return 0 ;;
	--color)
		# Only reached as --color=VALUE (the "=" split off above).
		[[ ${COMP_WORDS[COMP_CWORD]} == = || ${COMP_WORDS[COMP_CWORD - 1]} == = ]] &&
			COMPREPLY=($(compgen -W "$colors" -- "$cur"))
		return 0 ;;
	-l | --list)
		COMPREPLY=($(compgen -W "$filters" -- "$cur"))
		return 0 ;;
	--report)
		# Its value only as --report=hard (the "=" split off above); a
		# bare --report takes none, and files follow.
		if [[ ${COMP_WORDS[COMP_CWORD]} == = || ${COMP_WORDS[COMP_CWORD - 1]} == = ]]; then
			COMPREPLY=($(compgen -W "$reports" -- "$cur"))
			return 0
		fi ;;
	esac

	# What came before: --scan and --report make the operands files (and
	# directories); -- ends options; after --search the operands are free
	# words.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--) opts_done=1; break ;;
		--scan | --report | --report=*) scan=1 ;;
		--search | -s) scan=2 ;;
		esac
	done

	if ((!opts_done)) && [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		# Keep the cursor after "--color=" for its value.
		if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]]; then
			compopt -o nospace 2>/dev/null
		fi
		return 0
	fi

	case $scan in
	1)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		;;
	2) ;;
	*)
		COMPREPLY=($(compgen -W "$(_smtpcode_codes "${COMP_WORDS[0]}")" -- "$cur"))
		;;
	esac
	return 0
}
complete -F _smtpcode smtpcode
