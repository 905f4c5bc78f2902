# units.bash: make check's units (sourced by workbook). A unit runs one
# program's checks (or a lesson text's, or the engine's golden tests) and
# writes its counts to build/results/UNIT.result and its JUnit test cases
# beside them; summary adds them up.

# The fewest code lines a solution adds to its exercise (DESIGN.md).
EXERCISE_MIN_LINES=10

# The golden tests of the diagnosis engine: each stored Valgrind log
# checks/golden/NAME.log (captured from NAME.c) must give the records of
# NAME.log.expected, and each stored sanitizer report NAME.asan those of
# NAME.asan.expected. No Valgrind runs: the logs are the test data.
GOLDEN=checks/golden

# The JUnit test cases of the unit being run (see junit_case).
junit_cases=

cmd_shipped() {
    local l=$1 out=$2 tmp
    tmp=$out.tmp
    mkdir -p "$(dirname "$out")"
    if ! git show "HEAD:lessons/$l/exercise.c" >"$tmp" 2>/dev/null; then
        echo "workbook: lessons/$l/exercise.c is not committed: checking the working copy as shipped." >&2
        cp "lessons/$l/exercise.c" "$tmp"
    elif ! cmp -s "$tmp" "lessons/$l/exercise.c"; then
        echo "note: lessons/$l/exercise.c differs from the committed one; make check checks the committed one."
    fi
    replace_if_changed "$tmp" "$out"
}

# mutant MUTANT FILE: writes the mutant's source, its base with its patch
# applied, to FILE (only when it changed). A patch that no longer applies
# becomes a source that does not compile, saying so.
cmd_mutant() {
    local m=$1 out=$2 patchfile=checks/mutants/$1.patch base tmp
    base=$(mutant_field "$m" "mutant of")
    tmp=$out.tmp
    mkdir -p "$(dirname "$out")"
    if [[ ! -f $base ]] || ! patch -s -f --fuzz=0 --no-backup-if-mismatch -r - -o "$tmp" "$base" "$patchfile" >/dev/null 2>&1; then
        printf '#error "%s no longer applies to %s: remake it against the current file"\n' \
            "$patchfile" "${base:-its base (no mutant of: line)}" >"$tmp"
    fi
    replace_if_changed "$tmp" "$out"
}

# remake MUTANT: for a maintainer whose base file changed: applies the
# mutant's patch with fuzz to a copy of its base, shows what did not apply,
# and, when all of it did, rewrites the patch against the base as it is now,
# keeping its header.
cmd_remake() {
    local m=${1:-} patchfile base tmp label rc
    [[ -n $m ]] || die "say which mutant, e.g. MUTANT=03-realloc-loses-block"
    patchfile=checks/mutants/$m.patch
    [[ -f $patchfile ]] || die "no mutant $patchfile"
    base=$(mutant_field "$m" "mutant of")
    [[ -f $base ]] || die "$patchfile names no base file that exists ('mutant of: $base')"
    tmp=$(mktemp -d)
    cp "$base" "$tmp/new.c"
    if ! patch -f --fuzz=3 --no-backup-if-mismatch -r "$tmp/rejects" "$tmp/new.c" "$patchfile" >"$tmp/out" 2>&1; then
        sed 's/^/    /' "$tmp/out"
        [[ -s $tmp/rejects ]] && { echo "What did not apply:"; sed 's/^/    /' "$tmp/rejects"; }
        rm -rf "$tmp"
        die "$patchfile does not apply to $base even with fuzz: edit a copy of $base by hand, then diff -u"
    fi
    label=$(sed -n 's/^+++ \([^ \t]*\).*/\1/p' "$patchfile" | head -n 1)
    {
        sed -n '/^--- /q; p' "$patchfile"
        diff -u --label "$base" --label "${label:-$m.c}" "$base" "$tmp/new.c"
        rc=$?
    } >"$tmp/patch"
    mv "$tmp/patch" "$patchfile"
    rm -rf "$tmp"
    echo "remade $patchfile against $base; check it with: make check LESSON=${m%%-*}"
}

# A field of a mutant's patch, from the lines before the diff: "NAME: value".
mutant_field() {
    sed -n "/^--- /q; s/^$2: *//p" "checks/mutants/$1.patch" | head -n 1
}

# read_mutant MUTANT: sets mutant_src (its generated source), mutant_role,
# mutant_expect and mutant_lesson, from its patch.
read_mutant() {
    local of
    of=$(mutant_field "$1" "mutant of")
    mutant_src=$BUILD/mutants/src/$1.c
    mutant_role=$(mutant_field "$1" role)
    mutant_expect=$(mutant_field "$1" expect)
    mutant_lesson=$(basename "${of%.c}")
    [[ $of == lessons/* ]] && mutant_lesson=$(basename "$(dirname "$of")")
}

# unit UNIT RESULT: runs one unit of the self-test, prints one line (and
# the reason, when it fails), and writes "passed N failed N" to RESULT.
cmd_unit() {
    local started=$SECONDS result=$1 kv
    shift
    local -A f=()
    for kv in "$@"; do
        f[${kv%%=*}]=${kv#*=}
    done
    local l=${f[lesson]:-} role=${f[role]:-} src=${f[src]:-} bin=${f[bin]:-} logs=${f[logs]:-}
    local expect=${f[expect]:-} sanitize=${f[sanitize]:-} bats label keep=
    case ${f[check]:-} in
        analyze) analyze_unit "$l" "${f[name]}" "$src" "$result"; return ;;
        text) text_unit "$l" "$result"; return ;;
        golden) golden_unit "$result"; return ;;
        readme) readme_unit "$result"; return ;;
        program)
            bats=checks/$l.bats
            label="$l ${f[name]}"
            [[ ${f[name]} == shipped ]] && label="$l exercise as shipped"
            [[ -n $sanitize ]] && label+=", sanitizer build"
            ;;
        harness)
            l=harness role=harness src=checks/harness bin=$BUILD/harness logs=$BUILD/harness/logs
            bats=checks/harness.bats expect=pass label="the checks' own tests" keep=1
            ;;
        equivalence)
            l=equivalence role=harness src=checks/equivalence.bats bin=$BUILD/equivalence logs=$BUILD/equivalence
            bats=checks/equivalence.bats expect=pass label="the fork sweep against one process per run" keep=1
            ;;
        mutant)
            local m=${f[mutant]}
            read_mutant "$m"
            role=$mutant_role expect=$mutant_expect l=$mutant_lesson bats=checks/$l.bats
            label="mutant $m (expect [$expect])"
            if [[ -z $expect || -z $role || ! -f $bats ]]; then
                report "$result" 0 1 "FAIL $label: its patch needs 'mutant of:', 'role:' and 'expect:' lines naming a lesson"
                return
            fi
            expect=fail:$expect
            # a mutant is to fail: its contract tests start in their turn,
            # not beside its other runs (see start_planned in common.bash)
            export CHECK_JOBS=1
            ;;
        *) die "unit: no check=${f[check]:-} (the Makefile's unit rules give it)" ;;
    esac
    local tap rc ok notok runs points kind kinds diag first_place
    tap=$(mktemp)
    run_suite "$bats" "$l" "$role" "$src" "$bin" "$logs" "$keep" "$sanitize" >"$tap"
    rc=$?
    ok=$(grep -v " # skip" "$tap" | grep -c "^ok " || true)
    notok=$(grep -c '^not ok ' "$tap")
    runs=$(cat "$logs"/valgrind-runs "$logs"/*/valgrind-runs 2>/dev/null | wc -l)
    points=$(cat "$logs/failure-points" 2>/dev/null || echo 0)
    diag=$(show_results "$tap" "$logs/findings" | sed -n '/^  FAIL/,$p')
    kinds=$(kinds_found "$logs/findings")
    kind=${kinds%% *}
    # the first place in the exercise that the first finding names
    first_place=$(awk 'BEGIN { RS = ""; FS = "\n" } NR == 1 {
        for (i = 1; i <= NF; i++) if ($i ~ /^place\t/ && match($i, /exercise\.c:[0-9]+/)) { print substr($i, RSTART, RLENGTH); exit } }' \
        "$logs/findings" 2>/dev/null)
    case $expect in
        pass)
            junit_cases_of_tap "$tap"
            if ((notok == 0)) && ! ((rc == 0 && ok > 0)); then
                junit_case "the checks ran to the end" "$(show_results "$tap" "$logs/findings")"
            fi
            if ((rc == 0 && notok == 0 && ok > 0)) && [[ ${f[check]} == harness || ${f[check]} == equivalence ]]; then
                report "$result" "$ok" 0 "ok   $label: $ok checks"
            elif ((rc == 0 && notok == 0 && ok > 0)); then
                report "$result" "$ok" 0 "ok   $label: $ok checks, $(points_swept "$logs"), $(if [[ -n $sanitize ]]; then echo "run natively"; else plural "$runs" "Valgrind start"; fi)"
            else
                ((notok == 0)) && notok=1
                report "$result" "$ok" "$notok" "FAIL $label:" "$(show_results "$tap" "$logs/findings" | grep -v '^  ok ')"
            fi
            ;;
        fail)
            local quoted
            # what a learner's verify prints: the same, from their build and its logs
            quoted=$(quoted_verify_diff "$l" "$(verify_text "$l" "$tap" "$logs/findings" "$rc" 0 |
                sed "s|$BUILD/$l/logs/shipped/|$BUILD/$l/logs/exercise/|g; s|$BUILD/$l/shipped |$BUILD/$l/exercise |g; s|$BUILD/$l/shipped\$|$BUILD/$l/exercise|")")
            if [[ -n $quoted ]]; then
                report "$result" 0 1 "FAIL $label: the lesson text quotes what verify does not print:" "$quoted"
            elif ((rc != 0 && notok > 0)) && [[ -n $first_place ]]; then
                report "$result" 1 0 "ok   $label fails its check, as it must: [$kind] at $first_place"
            elif ((rc != 0 && notok > 0)); then
                report "$result" 0 1 "FAIL $label fails, but its first finding names no line of exercise.c:" "$diag"
            else
                report "$result" 0 1 "FAIL $label passes its check: an exercise must fail until its TODOs are done" \
                    "$(show_results "$tap" "$logs/findings")"
            fi
            ;;
        fail:*)
            if ((rc != 0 && notok > 0)) && [[ " $kinds " == *" ${expect#fail:} "* ]]; then
                report "$result" 1 0 "ok   $label: caught ($kinds)"
            elif ((rc != 0 && notok > 0)); then
                report "$result" 0 1 "FAIL $label: caught, but only as ${kinds:-no finding}:" "$diag"
            else
                report "$result" 0 1 "FAIL $label: slipped through every check" "$(show_results "$tap" "$logs/findings")"
            fi
            ;;
    esac
    rm -f "$tap"
}

# points_swept LOGS: "N failure points swept" (and the persistent mode's runs).
points_swept() {
    local at from c
    at=$(cat "$1/failure-points" 2>/dev/null || echo 0)
    from=$(cat "$1/persistent-points" 2>/dev/null || echo 0)
    printf '%s swept (%s + %s runs, transient + persistent)' "$(plural "$at" "failure point")" "$at" "$from"
    if [[ -f $1/contract-failure-points ]]; then
        c=$(<"$1/contract-failure-points")
        printf ', contract tests at %s' "$(plural "$c" "failure point")"
    fi
    echo
}

# one_rule NAME OUTPUT: a rule of a unit holds when OUTPUT (what breaks
# it) is empty. Counts into the caller's passed and failed, adds OUTPUT to
# its detail, and makes the rule a JUnit test case.
one_rule() {
    if [[ -z $2 ]]; then
        passed=$((passed + 1))
        junit_case "$1"
    else
        failed=$((failed + 1))
        detail+="$1:"$'\n'"$(sed 's/^/  /' <<<"$2")"$'\n'
        junit_case "$1" "$2"
    fi
}

# text_unit LESSON RESULT: the lesson's text and exercise against the
# rules of an exercise (DESIGN.md): every line reference in README.md
# points inside the function it names (exercise.c as committed); no hints in
# the text, which only make hint shows; the exercise is a task, not a
# dictation (checks/lib/exercise.awk).
text_unit() {
    local l=$1 result=$2 readme=lessons/$1/README.md hintsfile=lessons/$1/hints.md out failed=0 passed=0 detail=
    local shipped=$BUILD/$l/shipped-src/exercise.c measured
    out=$(awk -f "$LIB/refs.awk" -v text="$readme" \
        -v map="example.c=lessons/$l/example.c exercise.c=$shipped $l.c=solutions/$l.c bench.c=lessons/$l/bench.c inject.c=$LIB/inject.c" \
        "$readme")
    one_rule "every line reference in $readme lies in the function it names" "$out"
    out=$(grep -n '^## Hints' "$readme"; grep -niE 'capture|text extraction' "$readme")
    one_rule "$readme has no hints section and speaks of the page, not of copies of it" "$out"
    out=
    if (($(hint_count "$l") < 2)); then
        out="$hintsfile needs at least two hints, from a question to a precise description"
    elif ! hints "$l" | tr '\0' '\n' | tail -n 3 | grep -q "solutions/$l.c"; then
        out="the last hint of $hintsfile must name solutions/$l.c"
    fi
    one_rule "$hintsfile leads from a question to the fix, and last names the solution" "$out"
    out=$(awk -f "$LIB/exercise.awk" -v min="$EXERCISE_MIN_LINES" "$shipped" "solutions/$l.c" \
        "lessons/$l/example.c" "$hintsfile" \
        <(diff --unchanged-line-format= --old-line-format= --new-line-format='%dn:%L' "$shipped" "solutions/$l.c") 2>&1)
    measured=$(tail -n 1 <<<"$out")
    one_rule "the exercise is a task: its solution writes real code that no TODO, hint or example function gives away" \
        "$(sed '$d' <<<"$out")"
    if ((failed == 0)); then
        report "$result" "$passed" 0 "ok   $l text and exercise: line references, hints and task hold ($measured)"
    else
        report "$result" "$passed" "$failed" "FAIL $l text and exercise:" "$detail"
    fi
}

# quoted_verify_diff LESSON RENDERED: the lines of a quote of `make verify`
# on the shipped exercise (a fenced block that starts with
# "$ make verify LESSON=NN", in the lesson text or the workbook's README)
# that verify does not print; empty when all do.
quoted_verify_diff() {
    awk -v want="$ make verify LESSON=$(number "$1")" '
        FNR == NR { got[++g] = $0; sub(/^[ \t]+/, "", got[g]); sub(/[ \t]+$/, "", got[g]); next }
        FNR == 1 { inblock = 0; fence = 0 }
        /^[ \t]*```/ { if (inblock) inblock = 0; else { fence = 1 }; next }
        fence { fence = 0; line = $0; sub(/^[ \t]+/, "", line); sub(/[ \t]+$/, "", line); if (line == want) { inblock = 1; next } }
        inblock {
            line = $0; sub(/^[ \t]+/, "", line); sub(/[ \t]+$/, "", line)
            if (line == "" || line == "...") next
            found = 0
            for (i = 1; i <= g; i++) if (got[i] == line) { found = 1; break }
            if (!found) printf "%s:%d: verify does not print: %s\n", FILENAME, FNR, line
        }
    ' <(printf '%s\n' "$2") "lessons/$1/README.md" README.md
}

# golden_records FILE: what the engine finds in a stored log or report.
golden_records() {
    local name
    name=$(basename "${1%.*}")
    case $1 in
        *.log) awk -v src="$name.c" -v path="$name.c" -v max=3 -f "$LIB/diagnose.awk" "$LIB/kinds.tsv" "$1" ;;
        *.asan) awk -v src="$name.c" -v path="$name.c" -v report="$name.asan" -f "$LIB/sanitizer.awk" "$LIB/kinds.tsv" "$1" ;;
    esac
}

golden_unit() {
    local result=$1 f passed=0 failed=0 detail= out
    for f in "$GOLDEN"/*.log "$GOLDEN"/*.asan; do
        [[ -f $f ]] || continue
        if [[ ! -f $f.expected ]]; then
            out="no $f.expected: make it with make golden NAME=$(basename "${f%.*}"), then read it"
        else
            out=$(diff -u --label "$f.expected" --label "what the engine finds now" "$f.expected" <(golden_records "$f") 2>&1)
        fi
        one_rule "$f gives the records of $f.expected" "$out"
    done
    if ((failed == 0 && passed > 0)); then
        report "$result" "$passed" 0 "ok   the diagnosis engine's golden tests: $passed stored logs and reports, each as expected"
    else
        ((passed + failed > 0)) || { failed=1; detail="no stored log in $GOLDEN"; }
        report "$result" "$passed" "$failed" "FAIL the diagnosis engine's golden tests:" "$detail"
    fi
}

# readme_unit RESULT: README's tables of kinds and of commands say what
# kinds.tsv and the Makefile's "## USAGE -- WHAT IT DOES" lines say.
readme_unit() {
    local result=$1 passed=0 failed=0 detail= out
    # one_table NAME README-ROWS SOURCE-ROWS SOURCE
    one_table() {
        one_rule "README's $1 is $4's" \
            "$(diff -u --label "README.md's $1" --label "$4" <(printf '%s\n' "$2") <(printf '%s\n' "$3"))"
    }
    one_table "table of kinds" \
        "$(sed -n 's/^| `\([a-z-]*\)` | \(.*\) | \(.*\) |$/\1|\2|\3/p' README.md | sed 's/ *|/|/g; s/| */|/g')" \
        "$(awk -F '\t' '!/^#/ && $1 != "kind" { print $1 "|" $2 "|" ($3 == "-" ? "" : $3) }' "$LIB/kinds.tsv")" \
        "$LIB/kinds.tsv"
    one_table "table of commands" \
        "$(sed -n 's/^| `\(make[^`]*\)` | \(.*\) |$/\1|\2/p' README.md)" \
        "$(sed -n 's/^## \(.*\) -- \(.*\)/\1|\2/p' Makefile)" \
        "Makefile"
    if ((failed == 0)); then
        report "$result" "$passed" 0 "ok   README's tables of kinds and commands agree with kinds.tsv and the Makefile"
    else
        report "$result" "$passed" "$failed" "FAIL README.md's tables:" "$detail"
    fi
}

# golden NAME...: for maintainers: builds checks/golden/NAME.c, runs it under
# Valgrind with the checks' own flags (and the environment its
# "golden-env:" comment names), and stores the log as NAME.log; with a
# "golden-sanitize" comment, also an AddressSanitizer+UBSan build's report
# as NAME.asan. Then writes what the engine finds in them as the expected
# records, to be read and judged before they are committed.
cmd_golden() {
    local name dir env f
    (($#)) || die "say which, e.g. make golden NAME=use-after-free (or NAME=all)"
    if [[ $1 == all ]]; then
        set -- $(cd "$GOLDEN" && ls *.c | sed 's/\.c$//')
    fi
    for name in "$@"; do
        f=$GOLDEN/$name.c
        [[ -f $f ]] || die "no $f"
        dir=$(mktemp -d)
        env=$(sed -n 's/.*golden-env: *\([^*]*[^ *]\) *\*\/.*/\1/p' "$f")
        # shellcheck disable=SC2086 # the Makefile's linker flags, one word each
        "${CC:-gcc}" -std=c11 -O0 -g -o "$dir/$name" "$f" "$BUILD/lib/inject.o" $WRAP_FLAGS 2>/dev/null ||
            die "$f does not compile (run make first, for $BUILD/lib/inject.o)"
        # the programs crash on purpose: bash's own report of that is noise
        { (cd "$dir" && exec env $env valgrind "${VALGRIND_OPTIONS[@]}" --log-file="$dir/$name.log" "./$name" \
            </dev/null >/dev/null 2>&1); } 2>/dev/null
        cp "$dir/$name.log" "$GOLDEN/$name.log"
        golden_records "$GOLDEN/$name.log" >"$GOLDEN/$name.log.expected"
        if grep -q 'golden-sanitize' "$f"; then
            "${CC:-gcc}" -std=c11 -O0 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
                -o "$dir/$name-san" "$f" 2>/dev/null || die "$f does not build with the sanitizers"
            { (cd "$dir" && exec env $env ASAN_OPTIONS="detect_leaks=1:log_path=$dir/asan" UBSAN_OPTIONS=print_stacktrace=1 \
                "./$name-san" </dev/null >/dev/null 2>"$dir/stderr"); } 2>/dev/null
            cat "$dir"/asan.* 2>/dev/null >"$GOLDEN/$name.asan" || true
            [[ -s $GOLDEN/$name.asan ]] || cp "$dir/stderr" "$GOLDEN/$name.asan"
            golden_records "$GOLDEN/$name.asan" >"$GOLDEN/$name.asan.expected"
        fi
        rm -rf "$dir"
        echo "captured $GOLDEN/$name.log; read $GOLDEN/$name.log.expected before you commit it"
    done
}

# analyze_unit LESSON ROLE SRC RESULT: gcc -fanalyzer and cppcheck on the
# lesson's example or solution; any finding fails. A file listed in
# analyzer-skips.tsv (with the reason) skips gcc -fanalyzer.
analyze_unit() {
    local l=$1 role=$2 src=$3 result=$4 out passed=0 failed=0 detail= skipped= why
    why=$(awk -F '\t' -v f="$src" '$1 == f { print $2 }' "$LIB/analyzer-skips.tsv")
    if [[ -n $why ]]; then
        skipped=" (gcc -fanalyzer skipped: $why)"
    elif out=$("${CC:-gcc}" $WARNINGS -O0 -g -fanalyzer -Werror -c "$src" -o /dev/null 2>&1); then
        passed=$((passed + 1))
        junit_case "clean under gcc -fanalyzer"
    else
        failed=$((failed + 1))
        detail+="gcc -fanalyzer finds:"$'\n'"$(head -n 20 <<<"$out")"$'\n'
        junit_case "clean under gcc -fanalyzer" "$out"
    fi
    if out=$(cppcheck --quiet --std=c11 --enable=warning,portability,performance \
        --error-exitcode=1 --inline-suppr --suppress=missingIncludeSystem "$src" 2>&1); then
        passed=$((passed + 1))
        junit_case "clean under cppcheck"
    else
        failed=$((failed + 1))
        detail+="cppcheck finds:"$'\n'"$(head -n 20 <<<"$out")"
        junit_case "clean under cppcheck" "$out"
    fi
    if ((failed == 0)); then
        report "$result" "$passed" 0 "ok   $l $role, static analysis: clean under gcc -fanalyzer and cppcheck$skipped"
    else
        report "$result" "$passed" "$failed" "FAIL $l $role, static analysis:" "$detail"
    fi
}

# xml_escape: stdin as XML text.
xml_escape() {
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' | tr -d '\000-\010\013\014\016-\037'
}

junit_case() {
    local name
    name=$(xml_escape <<<"$1")
    if (($# > 1)); then
        junit_cases+="    <testcase name=\"$name\"><failure message=\"$name\">$(xml_escape <<<"$2")</failure></testcase>"$'\n'
    else
        junit_cases+="    <testcase name=\"$name\"/>"$'\n'
    fi
}

# junit_cases_of_tap TAP: one JUnit test case per check of a Bats run, with
# its diagnosis when it failed and its reason when it was skipped.
junit_cases_of_tap() {
    junit_cases+=$(awk '
        function esc(t) { gsub(/&/, "\\&amp;", t); gsub(/</, "\\&lt;", t); gsub(/>/, "\\&gt;", t); gsub(/"/, "\\&quot;", t); return t }
        function flush() { if (open) printf "%s</failure></testcase>\n", esc(text); open = 0; text = "" }
        /^ok [0-9]+ .* # skip/ {
            flush(); name = $0; sub(/^ok [0-9]+ /, "", name); sub(/ # skip.*/, "", name)
            why = $0; sub(/.* # skip ?/, "", why)
            printf "    <testcase name=\"%s\"><skipped message=\"%s\"/></testcase>\n", esc(name), esc(why); next
        }
        /^ok [0-9]+ / { flush(); name = $0; sub(/^ok [0-9]+ /, "", name); printf "    <testcase name=\"%s\"/>\n", esc(name); next }
        /^not ok [0-9]+ / {
            flush(); name = $0; sub(/^not ok [0-9]+ /, "", name)
            printf "    <testcase name=\"%s\"><failure message=\"%s\">", esc(name), esc(name); open = 1; next
        }
        open && /^#/ { line = $0; sub(/^# ?/, "", line); text = text line "\n" }
        END { flush() }
    ' "$1")$'\n'
}

# report RESULT PASSED FAILED LINE [DETAIL]: prints the unit's verdict at once,
# writes its counts to RESULT and its JUnit test cases to RESULT.xml (the
# cases collected with junit_case, or one case for the whole unit).
report() {
    local result=$1 passed=$2 failed=$3 line=$4 detail=${5:-}
    mkdir -p "$(dirname "$result")"
    echo "passed $passed failed $failed seconds $((SECONDS - ${started:-$SECONDS}))" >"$result"
    if [[ -z $junit_cases ]]; then
        if ((failed > 0)); then junit_case "$line" "$detail"; else junit_case "$line"; fi
    fi
    printf '%s' "$junit_cases" >"$result.xml"
    if [[ -n $detail ]]; then
        printf '%s\n%s\n' "$line" "$(sed 's/^/    /' <<<"$detail")"
    else
        printf '%s\n' "$line"
    fi
}

# summary RESULT...: adds up the units' counts into "N passed, N failed" (the
# last line) and writes their test cases to build/results/junit.xml, one
# test suite per unit, for CI systems.
cmd_summary() {
    local passed=0 failed=0 f p q unit junit=$BUILD/results/junit.xml
    mkdir -p "$(dirname "$junit")"
    {
        echo '<?xml version="1.0" encoding="UTF-8"?>'
        echo '<testsuites name="make check">'
        for f in "$@"; do
            unit=$(basename "$f" .result)
            if [[ -f $f ]]; then
                read -r _ p _ q _ <"$f"
                passed=$((passed + p))
                failed=$((failed + q))
                printf '  <testsuite name="%s" tests="%d" failures="%d">\n' "$unit" "$(grep -c '<testcase' "$f.xml" 2>/dev/null)" "$q"
                cat "$f.xml" 2>/dev/null
            else
                echo "FAIL $f: the unit did not run" >&2
                failed=$((failed + 1))
                printf '  <testsuite name="%s" tests="1" failures="1">\n' "$unit"
                printf '    <testcase name="%s"><failure message="the unit did not run"/></testcase>\n' "$unit"
            fi
            echo '  </testsuite>'
        done
        echo '</testsuites>'
    } >"$junit"
    echo
    echo "JUnit report: $junit"
    echo "$passed passed, $failed failed"
    ((failed == 0))
}
