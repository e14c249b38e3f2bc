# bash completion for jvirsh: command names, their options, and option values (domain names
# from the connection the command line names with -c/--connect and -r). jvirsh answers itself,
# through its internal command `complete`, so completion always knows the commands it runs.
# Installed by `bin/jvirsh --install` (see docs/jvirsh.md); or: source bin/jvirsh-completion.bash

_jvirsh_complete()
{
    # The line up to the cursor, split on blanks only: bash's own word breaks would cut a URI
    # such as test:///default at its colons.
    local line=${COMP_LINE:0:COMP_POINT}
    local -a words
    read -r -a words <<< "$line"
    if [[ -z $line || $line == *[[:space:]] ]]; then
        words+=("")
    fi
    local cur=${words[${#words[@]}-1]}

    # jvirsh's own options come before the command; remember the connection they name
    local -a conn=()
    local i=1
    while (( i < ${#words[@]} - 1 )); do
        case ${words[i]} in
            -c|--connect|-l|--log|-e|--escape|-k|--keepalive-interval|-K|--keepalive-count)
                [[ ${words[i]} == -c || ${words[i]} == --connect ]] && conn+=(-c "${words[i+1]}")
                i=$((i + 2)) ;;
            --connect=*) conn+=(-c "${words[i]#--connect=}"); i=$((i + 1)) ;;
            -r|--readonly) conn+=(-r); i=$((i + 1)) ;;
            --) i=$((i + 1)); break ;;
            -*) i=$((i + 1)) ;;
            *) break ;;
        esac
    done
    if (( i == ${#words[@]} - 1 )) && [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "-c --connect -d --debug -e --escape -h --help -k --keepalive-interval
            -K --keepalive-count -l --log -q --quiet -r --readonly -t --timing -v -V --version" -- "$cur"))
        return 0
    fi
    if [[ ${words[i-1]} == -c || ${words[i-1]} == --connect ]] && (( i == ${#words[@]} )); then
        return 0
    fi

    local IFS=$'\n'
    local -a found
    found=($("$1" "${conn[@]}" -q complete -- "${words[@]:i}" 2>/dev/null))
    COMPREPLY=($(compgen -W "${found[*]}" -- "$cur"))
    return 0
} &&
complete -o default -F _jvirsh_complete jvirsh
