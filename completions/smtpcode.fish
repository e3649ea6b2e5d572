# fish completion for smtpcode(1)
# Install as ~/.config/fish/completions/smtpcode.fish or in
# /usr/share/fish/vendor_completions.d/. The codes offered as operands come
# from `smtpcode --list` at completion time, so they follow the installed
# table.

# Reply codes with their names; an enhanced registry entry X.s.d is offered
# in its transient and permanent forms, 4.s.d and 5.s.d.
function __smtpcode_codes
    set -l bin (commandline -opc)[1]
    command -q -- $bin; or set bin smtpcode
    for line in (command $bin --list 2>/dev/null)
        set -l m (string match -r '^(\S+)\s+(.*)$' -- $line); or continue
        switch $m[2]
            case 'X.*'
                set -l rest (string sub -s 3 -- $m[2])
                printf '%s\t%s\n' 4.$rest $m[3] 5.$rest $m[3]
            case '*'
                printf '%s\t%s\n' $m[2] $m[3]
        end
    end
end

# --scan and --report (or --report=hard) make the operands files and
# directories.
function __smtpcode_wants_files
    __fish_seen_argument -l scan -l report
    or string match -q -- '--report=*' (commandline -opc)
end

# Operands are codes unless --scan or --report (files), --list (a filter)
# or --search (free words) says otherwise.
function __smtpcode_wants_code
    not __smtpcode_wants_files
    and not __fish_seen_argument -l list -s l -l search -s s
end

complete -c smtpcode -f

complete -c smtpcode -s f -l format -x -a 'text json tsv html' -d 'Output format'
complete -c smtpcode -s l -l list -d 'List the codes, optionally filtered'
complete -c smtpcode -s s -l search -d 'List the codes whose texts contain every word'
complete -c smtpcode -l scan -d 'Find and explain reply codes in logs and bounces'
complete -c smtpcode -l count -d 'With --scan: a table of codes by frequency'
complete -c smtpcode -l records -d 'With --scan: one line per delivery record'
complete -c smtpcode -l report -a hard -d 'What happened to the mail; =hard: the hard bounces'
complete -c smtpcode -s L -l lang -x -a 'ar de en es fr hi id ja ko pt ru tr vi zh' -d 'Language of text headings and labels'
complete -c smtpcode -s q -l quiet -d 'Print nothing; only the exit status tells'
complete -c smtpcode -l color -x -a 'auto always never' -d 'Colour and bold labels'
complete -c smtpcode -s h -l help -d 'Show the help and exit'
complete -c smtpcode -s V -l version -d 'Show the version and the data sources and exit'

# --list FILTER
complete -c smtpcode -n '__fish_seen_argument -l list -s l' -a 'basic enhanced 2 4 5 2xx 4xx 5xx x.1 x.2 x.3 x.4 x.5 x.6 x.7' -d 'List filter'
# --scan FILE..., --report [FILE|DIR]...
complete -c smtpcode -n __smtpcode_wants_files -F
# CODE...
complete -c smtpcode -n __smtpcode_wants_code -a '(__smtpcode_codes)'
