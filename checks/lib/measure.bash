# measure.bash: the measurements (sourced by workbook): make compare, which
# checker catches which mutant, and make bench, lesson 06's pool against
# malloc in instructions.

# compare_row MUTANT: how each checker does on one mutant, as a TSV row:
# expected kind, mutant, Valgrind, sanitizers, gcc warnings, -fanalyzer, cppcheck.
compare_row() {
    local m=$1 src role expect l logs tap kinds_all kinds_v kinds_s gccw fan cpp
    read_mutant "$m"
    src=$mutant_src role=$mutant_role expect=$mutant_expect l=$mutant_lesson
    logs=$BUILD/compare/$m
    tap=$(mktemp)
    run_suite "checks/$l.bats" "$l" "$role" "$src" "$BUILD/mutants/$m" "$logs/valgrind" 1 >"$tap"
    kinds_all=$(kinds_found "$logs/valgrind/findings")
    kinds_v=$(kinds_found "$logs/valgrind/findings" valgrind)
    run_suite "checks/$l.bats" "$l" "$role" "$src" "$SB/mutants/$m" "$logs/sanitize" 1 1 >"$tap"
    kinds_s=$(kinds_found "$logs/sanitize/findings" sanitizer)
    rm -f "$tap"
    gccw=$(grep -o "\[-W[a-z-]*\]" "$BUILD/mutants/$m.gcc.log" 2>/dev/null | tr -d "[]-" | sort -u | paste -sd " " - || true)
    fan=$("${CC:-gcc}" $WARNINGS -O0 -g -fanalyzer -c "$src" -o /dev/null 2>&1 |
        grep -o "\[-Wanalyzer-[a-z-]*\]" | tr -d "[]" | sed "s/^-//" | sort -u | paste -sd " " - || true)
    cpp=$(cppcheck --quiet --std=c11 --enable=warning,portability,performance --inline-suppr \
        --suppress=missingIncludeSystem --template='{id}' "$src" 2>&1 | sort -u | paste -sd ' ' -)
    printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$expect" "$m" "$(verdict "$expect" "$kinds_all")" \
        "$(verdict "$expect" "$kinds_v")" "$(verdict "$expect" "$kinds_s")" \
        "$(static_verdict "$expect" "$gccw")" "$(static_verdict "$expect" "$fan")" \
        "$(static_verdict "$expect" "$cpp")"
}

# The kinds of bug a static checker's warning ids name (ids on stdin), from
# the analysers column of kinds.tsv.
kinds_of_ids() {
    tr ' ' '\n' | awk -F '\t' '
        FNR == NR { if ($0 !~ /^#/ && $1 != "kind") { n = split($6, ids, " "); for (i = 1; i <= n; i++) kind_of[ids[i]] = $1 }; next }
        $0 in kind_of { print kind_of[$0] }
    ' "$LIB/kinds.tsv" - | sort -u | paste -sd ' ' -
}

# static_verdict EXPECTED IDS: "yes (ids)", "no (ids)" or "no".
static_verdict() {
    if [[ -z $2 ]]; then
        echo no
    elif [[ " $(kinds_of_ids <<<"$2") " == *" $1 "* ]]; then
        echo "yes ($2)"
    else
        echo "no (only $2)"
    fi
}

# "yes" when a checker named the expected kind; what it named otherwise.
verdict() {
    if [[ " $2 " == *" $1 "* ]]; then
        echo yes
    elif [[ -n $2 ]]; then
        echo "no (only $2)"
    else
        echo no
    fi
}

# compare MUTANT...: runs every checker on every mutant, in parallel, and
# prints the table by mutant, then by kind of bug.
cmd_compare() {
    local rows
    rows=$(mktemp)
    printf '%s\n' "$@" | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} "$0" compare-row {} >"$rows"
    local head="| workbook checks | Valgrind memcheck | ASan+UBSan | gcc -Wall -Wextra | gcc -fanalyzer | cppcheck |"
    echo "| bug (expected kind) | mutant $head"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
    sort "$rows" | awk -F "\t" '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
    echo
    echo "| kind of bug | mutants $head"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
    sort "$rows" | awk -F '\t' '
        { n[$1]++; for (c = 3; c <= 8; c++) if ($c ~ /^yes/) hit[$1, c]++ }
        END {
            for (k in n) {
                printf "| %s | %d", k, n[k]
                for (c = 3; c <= 8; c++) printf " | %d of %d", hit[k, c], n[k]
                printf " |\n"
            }
        }' | sort
    rm -f "$rows"
}

# bench BIN N: instructions per allocation+free pair, pool against malloc,
# counted by callgrind (repeatable, unlike a stopwatch, on a busy machine):
# (instructions with N pairs - instructions with none) / N, for each.
cmd_bench() {
    local bin=$1 n=$2 kind base full pair
    declare -A per
    echo "Instructions per allocation+free pair (32-byte blocks, 64 live), counted by callgrind:"
    for kind in pool malloc; do
        base=$(callgrind_count "$bin" "$kind" 0) || return 1
        full=$(callgrind_count "$bin" "$kind" "$n") || return 1
        pair=$(awk -v a="$base" -v b="$full" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }')
        per[$kind]=$pair
        printf '  %-7s %6s   (%s instructions for %s pairs, %s for none)\n' "$kind" "$pair" "$full" "$n" "$base"
    done
    awk -v p="${per[pool]}" -v m="${per[malloc]}" 'BEGIN { printf "ratio: %.1f\n", m / p }'
}

# The instructions callgrind counts for one run of BIN KIND N.
callgrind_count() {
    local out
    out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null) || {
        echo "workbook: callgrind failed on $*:" >&2
        tail -n 5 <<<"$out" >&2
        return 1
    }
    sed -n 's/.*Collected : *//p' <<<"$out"
}
