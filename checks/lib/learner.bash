# learner.bash: what a learner runs (sourced by workbook): the table of
# lessons, verify and its words, hints, reset, watch, and explain for any
# program of the learner's own.

# run_suite BATS_FILE LESSON ROLE SRC BIN LOG_DIR [KEEP_GOING [SANITIZE]]:
# runs the checks, TAP on stdout. They stop at the first failure unless
# KEEP_GOING; SANITIZE says BIN is a sanitizer build, to run without Valgrind.
run_suite() {
    local file=$1
    LESSON=$2 ROLE=$3 SRC=$4 BIN=$5 LOG_DIR=$6 CHECK_KEEP_GOING=${7:-} SANITIZE=${8:-} \
        bats --tap "$file" 2>&1 </dev/null
}

# show_results TAP FINDINGS: each check's verdict, and under each failed
# check its findings in plain words (rendered from their records). A check
# that failed without a finding (a bug in a lesson's own test) shows what
# it printed, Bats' own trace lines left out.
show_results() {
    local tap=$1 findings=$2 line name recs
    while IFS= read -r line; do
        case $line in
            "1.."*) ;;
            "ok "*" # skip"*)
                name=${line#ok * }
                name=${name%% # skip*}
                local why=${line#* # skip}
                why=${why# }
                printf '  --    %s (%s)\n' "$name" "${why:-skipped}"
                ;;
            "ok "*) printf '  ok    %s\n' "${line#ok * }" ;;
            "not ok "*)
                name=${line#not ok * }
                printf '  FAIL  %s\n\n' "$name"
                recs=$(records_of_check "$name" 2>/dev/null <"$findings")
                if [[ -n $recs ]]; then
                    render_records <<<"$recs" | sed 's/^./        &/'
                else
                    echo "        [check] this check failed without saying why; what it printed:"
                    awk -v name="$name" '
                        /^(not )?ok [0-9]+ / { t = $0; sub(/^(not )?ok [0-9]+ /, "", t); on = ($0 ~ /^not ok/ && t == name); next }
                        on && /^#/ && !/^# \((in test file|from function) / && !/^#   `.*'"'"' failed( with status [0-9]+)?$/ {
                            sub(/^# ?/, ""); print "            " $0
                        }
                    ' <"$tap"
                fi
                ;;
            "#"*) ;;
            *) printf '  %s\n' "$line" ;;
        esac
    done <"$tap"
}

# records_of_check NAME: the records, on stdin, of the check called NAME.
records_of_check() {
    awk -v name="$1" 'BEGIN { RS = ""; ORS = "\n\n" } index($0, "\ncheck\t" name "\n") || $0 ~ ("\ncheck\t" name "$") { print }'
}

render_records() {
    awk -f "$LIB/render.awk" "$LIB/kinds.tsv" -
}

# kinds_found FINDINGS [SOURCE]: the kinds the records name, first found
# first, each once; only those from SOURCE (valgrind, sanitizer) if given.
kinds_found() {
    awk -v want="${2:-}" '
        BEGIN { RS = ""; FS = "\n" }
        {
            k = ""; src = ""
            for (i = 1; i <= NF; i++) {
                if ($i ~ /^kind\t/) k = substr($i, 6)
                if ($i ~ /^source\t/) src = substr($i, 8)
            }
            if (k != "" && (want == "" || src == want) && !seen[k]++) out = out (out == "" ? "" : " ") k
        }
        END { print out }
    ' "$1" 2>/dev/null
}

stamp_of() {
    cat "lessons/$1/exercise.c" "checks/$1.bats" 2>/dev/null | cksum
}

# A lesson is done when its exercise, as it is now, is a version that once
# passed verify: build/NN/passed keeps the stamp of every version that did.
is_done() {
    grep -qxF "$(stamp_of "$1")" "$BUILD/$1/passed" 2>/dev/null
}

# verify_one LESSON: 0 when the exercise passes every check.
verify_one() {
    local l=$1 tap rc
    tap=$(mktemp)
    run_suite "checks/$l.bats" "$l" exercise "lessons/$l/exercise.c" "$BUILD/$l/exercise" \
        "$BUILD/$l/logs/exercise" >"$tap"
    rc=$?
    verify_text "$l" "$tap" "$BUILD/$l/logs/exercise/findings" "$rc" "$(hints_shown "$l")"
    rc=$?
    rm -f "$tap"
    if ((rc == 0)); then
        mkdir -p "$BUILD/$l"
        is_done "$l" || stamp_of "$l" >>"$BUILD/$l/passed"
    fi
    return "$rc"
}

# verify_text LESSON TAP FINDINGS RC SHOWN: what make verify prints for a
# run of the lesson's checks (TAP, FINDINGS, the suite's status RC), to a
# learner who has seen SHOWN hints; its status is the verdict. The shipped
# unit of make check prints it the same way, to check the lesson text's quote.
verify_text() {
    local l=$1 tap=$2 findings=$3 rc=$4 shown=$5
    echo "Lesson $l: checking lessons/$l/exercise.c"
    echo
    show_results "$tap" "$findings"
    if ! grep -q '^ok ' "$tap" && ! grep -q '^not ok ' "$tap"; then
        rc=1
        echo "  The checks themselves did not run (above): tell the workbook's maintainers."
    fi
    echo
    if ((rc == 0)); then
        echo "Lesson $(number "$l") is done."
        return 0
    fi
    echo "Not done yet. Fix the first failure above, save, and run: make verify LESSON=$(number "$l")"
    hint_footer "$l" "$shown"
    return 1
}

cmd_verify() {
    local l
    if [[ -n ${1:-} ]]; then
        l=$(resolve "$1") || exit 2
        verify_one "$l" || exit 1
        next_step
        return
    fi
    for l in $(lessons); do
        if is_done "$l"; then
            echo "Lesson $l: done (verified; unchanged since)."
            continue
        fi
        verify_one "$l" || exit 1
        echo
    done
    next_step
}

# explain "PROGRAM [ARGS...]": runs any program of the learner's under
# Valgrind with the checks' own flags, from the top of the workbook, and
# says what it found in plain words, located in the program's own source
# files (the compile units of its debug information). Status 0 when clean,
# 1 when it found a problem, 2 on bad usage.
cmd_explain() {
    local -a words
    local prog dir srcs st recs
    read -r -a words <<<"${1:-}"
    ((${#words[@]})) || die 'say what to run, e.g. make explain RUN="./myprog 10" (a program built with gcc -g -O0)'
    prog=${words[0]}
    [[ $prog == */* ]] || prog=$(command -v "$prog" 2>/dev/null || echo "$prog")
    [[ -f $prog ]] || die "there is no program $prog: build it first, e.g. gcc -g -O0 -o ${words[0]} ${words[0]##*/}.c"
    [[ -x $prog ]] || die "$prog is not a program this machine can run (is it the .c file?): build it with gcc -g -O0 -o NAME NAME.c"
    srcs=$(readelf --debug-dump=info "$prog" 2>/dev/null | awk '
        /DW_TAG_compile_unit/ { cu = 1; next }
        cu && /DW_AT_name/ { n = $NF; sub(/.*\//, "", n); print n; cu = 0 }' | sort -u | paste -sd ' ' -)
    [[ -n $srcs ]] || die "$prog has no debug information, so no line could be named: rebuild it with gcc -g -O0"
    dir=$BUILD/explain/$(date +%Y%m%d-%H%M%S)-$$
    mkdir -p "$dir"
    echo "Running under Valgrind: ${words[*]}"
    echo
    st=0
    valgrind "${VALGRIND_OPTIONS[@]}" --log-file="$dir/valgrind.log" "$prog" "${words[@]:1}" || st=$?
    recs=$(awk -v src="$srcs" -v max=5 -v root="$ROOT/" -f "$LIB/diagnose.awk" "$LIB/kinds.tsv" "$dir/valgrind.log")
    echo
    if grep -q '^kind' <<<"$recs"; then
        awk -v logfile="$dir/valgrind.log" -v rerun="valgrind --leak-check=full --show-leak-kinds=all --track-origins=yes --track-fds=yes ${words[*]}" '
            /^context\t/ { next }
            /^kind\t/ { print; print "log\t" logfile; print "rerun\t" rerun; next }
            { print }' <<<"$recs" | render_records
        return 1
    fi
    if ((st > 128)); then
        echo "[crash] it was killed by signal $((st - 128)); the full report: $dir/valgrind.log"
        return 1
    fi
    echo "Valgrind found no problem: no memory error, no leak, no file left open (status $st)."
    echo "The full report: $dir/valgrind.log"
}

next_lesson() {
    local l
    for l in $(lessons); do
        is_done "$l" || { echo "$l"; return; }
    done
}

next_step() {
    local next
    next=$(next_lesson)
    echo
    if [[ -z $next ]]; then
        echo "Every lesson is done. Well done."
        return
    fi
    echo "Next, the first lesson not done yet, $next:"
    echo "      read lessons/$next/README.md,"
    echo "      do the TODOs in lessons/$next/exercise.c,"
    echo "      then run: make verify LESSON=$(number "$next")"
}

cmd_status() {
    local l state total=0 done=0 next
    next=$(next_lesson)
    for l in $(lessons); do
        total=$((total + 1))
        is_done "$l" && done=$((done + 1))
    done
    echo
    echo "C memory workbook: $done of $total lessons done"
    echo
    for l in $(lessons); do
        if is_done "$l"; then
            state="done"
        elif [[ ! -x $BUILD/$l/exercise ]]; then
            state="to do (exercise.c does not compile)"
        else
            state="to do"
        fi
        [[ $l == "$next" ]] && state="$state   <- next"
        printf '  %s  %-26s %s\n' "$(number "$l")" "${l#*-}" "$state"
    done
    next_step
    echo "(make help lists every command)"
}

# The hints of a lesson: the items of the numbered list in its hints.md
# (kept out of the lesson text, so that only make hint shows them), one per
# record, separated by NUL. An item's later lines are indented by 3 spaces.
hints() {
    [[ -f lessons/$1/hints.md ]] || return 0
    awk '
        function flush() { if (item != "") { sub(/\n+$/, "", item); printf "%s%c", item, 0 } }
        /^[0-9]+\. / { flush(); item = $0; sub(/^[0-9]+\. /, "", item); next }
        item == "" { next }
        /^$/ { item = item "\n"; next }
        { line = $0; sub(/^   /, "", line); item = item "\n" line }
        END { flush() }
    ' "lessons/$1/hints.md"
}

hint_count() {
    hints "$1" | tr -cd '\0' | wc -c
}

hints_shown() {
    cat "$BUILD/$1/hints-shown" 2>/dev/null || echo 0
}

cmd_hint() {
    local l total shown
    l=$(resolve "${1:-}") || exit 2
    total=$(hint_count "$l")
    ((total > 0)) || die "lessons/$l/hints.md has no hints"
    shown=$(hints_shown "$l")
    if ((shown >= total)); then
        echo "There are no more hints for lesson $l: you have seen all $total. The last one was:"
        shown=$total
    else
        shown=$((shown + 1))
        mkdir -p "$BUILD/$l"
        echo "$shown" >"$BUILD/$l/hints-shown"
        echo "Hint $shown of $total for lesson $l:"
    fi
    echo
    hints "$l" | awk -v k="$shown" 'BEGIN { RS = "\0" } NR == k { print }' | sed 's/^./    &/'
    echo
    if ((shown < total)); then
        echo "Run make hint LESSON=$(number "$l") again for a stronger hint."
    else
        echo "That was the last hint. A finished version is in solutions/$l.c: try without it first."
    fi
}

# The footer of a failed verify: where the next hint is, or that none is left.
hint_footer() {
    local l=$1 shown=$2 total
    total=$(hint_count "$l")
    if ((shown < total)); then
        echo "Stuck? make hint LESSON=$(number "$l")   (hint $((shown + 1)) of $total)"
    else
        echo "You have seen every hint ($total of $total); the finished version is solutions/$l.c."
    fi
}

cmd_reset() {
    local l file
    l=$(resolve "${1:-}") || exit 2
    file=lessons/$l/exercise.c
    git rev-parse --is-inside-work-tree >/dev/null 2>&1 || die "reset needs the workbook's git clone"
    git cat-file -e "HEAD:$file" 2>/dev/null || die "$file is not in git's last commit: nothing to reset it to"
    if git diff --quiet HEAD -- "$file"; then
        echo "$file is already as shipped: nothing to discard."
    else
        local keep n=1
        mkdir -p "$BUILD/$l"
        while [[ -e $BUILD/$l/exercise.c.before-reset.$n ]]; do n=$((n + 1)); done
        keep=$BUILD/$l/exercise.c.before-reset.$n
        echo "make reset discards your changes to $file:"
        git diff --stat HEAD -- "$file" | sed 's/^/    /'
        cp "$file" "$keep"
        git checkout HEAD -- "$file"
        echo "Done: $file is back as shipped."
        echo "Your version is kept in $keep (each reset keeps its own copy, until make clean)."
    fi
    rm -f "$BUILD/$l/hints-shown"
}

mtime() {
    stat -c %Y "$1" 2>/dev/null || stat -f %m "$1"
}

cmd_watch() {
    local l file n before
    l=$(resolve "${1:-}") || exit 2
    file=lessons/$l/exercise.c
    n=$(number "$l")
    trap 'echo; echo "Stopped watching $file."; exit 0' INT TERM
    while :; do
        clear 2>/dev/null || true
        # make says "Error 1" when verify fails: the verdict above says it better.
        "${MAKE:-make}" --no-print-directory -s verify LESSON="$n" 2>&1 | grep -v "^make\[[0-9]*\]: \*\*\*"
        echo
        echo "Watching $file: save it to check again. Ctrl-C stops."
        if command -v inotifywait >/dev/null 2>&1; then
            inotifywait -qq -e close_write -e moved_to -e create "lessons/$l/" || true
        else
            before=$(mtime "$file")
            while [[ $(mtime "$file") == "$before" ]]; do
                sleep 1
            done
        fi
    done
}
