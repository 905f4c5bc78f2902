# common.bash: what every lesson's checks share. A lesson's .bats file says
# `load lib/common` and then calls the check_* functions below.
#
# The program under test comes from the environment (`make verify` and
# `make check` set it; run by hand, a .bats file checks the lesson's exercise):
#   LESSON  the lesson, e.g. 01-stack-vs-heap
#   ROLE    example or exercise: which expected_<role> output applies
#   SRC     the C file under test, as the learner knows it
#   BIN     its test build (gcc, -O0 -g, linked with the injector)
#   LOG_DIR where Valgrind logs and scratch files go (kept after the run)
# Every check prints, when it fails, a diagnosis whose first line is
# "[kind] what went wrong", located at a line of SRC where Valgrind knows one.
# Checks run in file order and stop at the first failure.

bats_load_library bats-support
bats_load_library bats-assert

CHECKS_LIB=${BATS_TEST_DIRNAME}/lib
[[ -d $CHECKS_LIB ]] || CHECKS_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=setup.bash
source "$CHECKS_LIB/setup.bash"
ROOT=$(cd "$CHECKS_LIB/../.." && pwd)
LESSON=${LESSON:-$(basename "$BATS_TEST_FILENAME" .bats)}
ROLE=${ROLE:-exercise}
SRC=${SRC:-lessons/$LESSON/exercise.c}
BIN=${BIN:-build/$LESSON/exercise}
LOG_DIR=${LOG_DIR:-build/$LESSON/logs/$(basename "$BIN")}
CHECK_TIMEOUT=${CHECK_TIMEOUT:-60}
CHECK_JOBS=${CHECK_JOBS:-$(nproc 2>/dev/null || echo 2)}

# Sanitizer builds (SANITIZE=1) report with status 98, never 1, which means
# "an allocation failed" here; a failed malloc returns NULL, as in C.
if [[ -n ${SANITIZE:-} ]]; then
    export ASAN_OPTIONS="exitcode=98:detect_leaks=1:detect_stack_use_after_return=1:allocator_may_return_null=1"
    export UBSAN_OPTIONS="exitcode=98:print_stacktrace=1"
fi

VALGRIND_OPTIONS=(--leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all
    --track-origins=yes --track-fds=yes --error-exitcode=99)

# Paths are used from scratch directories: make them absolute once.
abs_path() {
    case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$ROOT/$1" ;; esac
}
BIN_PATH=$(abs_path "$BIN")
LOG_PATH=$(abs_path "$LOG_DIR")
cd "$ROOT" || exit 1

setup_file() {
    rm -rf "$LOG_PATH"
    mkdir -p "$LOG_PATH"
}

setup() {
    if [[ -e $BATS_FILE_TMPDIR/failed && -z ${CHECK_KEEP_GOING:-} ]]; then
        skip "not run: an earlier check failed"
    fi
    if [[ -z ${SANITIZE:-} ]] && ! command -v valgrind >/dev/null 2>&1; then
        echo "[tool] valgrind is not installed: $(install_command valgrind) (or run make, which can)"
        return 1
    fi
}

teardown() {
    if [[ ${BATS_TEST_COMPLETED:-} != 1 ]]; then
        touch "$BATS_FILE_TMPDIR/failed"
    fi
}

is_example() {
    [[ $ROLE == example ]]
}

# The arguments as the learner would type them, for messages.
shown_args() {
    if (($# == 0)); then
        printf 'no arguments'
    else
        printf '`%s`' "$*"
    fi
}

# Runs the program natively (no Valgrind) in a scratch directory, time-bounded,
# with no input. Sets status, output and lines (stdout), stderr and
# stderr_lines, as bats' run does.
run_prog() {
    local dir
    dir=$(mktemp -d "$BATS_TEST_TMPDIR/run.XXXXXX")
    status=0
    { (cd "$dir" && exec timeout -k 2 "$CHECK_TIMEOUT" "$BIN_PATH" "$@" </dev/null \
        >"$dir/.stdout" 2>"$dir/.stderr"); } 2>/dev/null || status=$?
    output=$(<"$dir/.stdout")
    stderr=$(<"$dir/.stderr")
    mapfile -t lines <"$dir/.stdout"
    mapfile -t stderr_lines <"$dir/.stderr"
}

# valgrind_run DIR [ARGS...]: runs the program under Valgrind with DIR as
# its working directory. Leaves there stdout, stderr, valgrind.log and status.
# With SANITIZE set, the program is a sanitizer build: it runs natively and
# its sanitizer reports go to DIR/sanitizer.*.
valgrind_run() {
    local dir=$1
    shift
    mkdir -p "$dir"
    local st=0
    if [[ -n ${SANITIZE:-} ]]; then
        { (cd "$dir" && ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$dir/sanitizer" \
            exec timeout -k 5 "$CHECK_TIMEOUT" "$BIN_PATH" "$@" </dev/null \
            >"$dir/stdout" 2>"$dir/stderr"); } 2>/dev/null || st=$?
        : >"$dir/valgrind.log"
    else
        { (cd "$dir" && exec timeout -k 5 "$CHECK_TIMEOUT" valgrind "${VALGRIND_OPTIONS[@]}" \
            --log-file="$dir/valgrind.log" "$BIN_PATH" "$@" </dev/null \
            >"$dir/stdout" 2>"$dir/stderr"); } 2>/dev/null || st=$?
        echo run >>"$LOG_PATH/valgrind-runs"
    fi
    echo "$st" >"$dir/status"
}

# The diagnosis of a sanitizer build's reports in DIR (empty when none):
# the kind, the sanitizer's own words, and the first line in SRC.
sanitizer_diagnose() {
    local report
    report=$(find "$1" -maxdepth 1 -name "sanitizer.*" 2>/dev/null | sort | head -n 1)
    # UBSan, built in with ASan, writes to stderr whatever log_path says.
    [[ -n $report ]] || ! grep -qE "runtime error:|ERROR: [A-Za-z]+Sanitizer" "$1/stderr" || report=$1/stderr
    [[ -n $report ]] || return 0
    awk -v src="$(basename "$SRC")" -v path="$SRC" -v report="${report#"$ROOT"/}" '
        what == "" && /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/ {
            what = $0
            sub(/^==[0-9]+==ERROR: /, "", what)
            sub(/ on address 0x[0-9a-f]+.*/, "", what)
            sub(/ on unknown address.*/, " on a bad address", what)
            if ($0 ~ /runtime error:/) {
                loc = $1; sub(/:[0-9]+:$/, "", loc); sub(/.*\//, "", loc)
                where = loc; sub(/^[^:]*:/, "", where)
                if (loc ~ "^" src ":") at = path ":" where
            }
        }
        /^SUMMARY:/ && summary == "" { summary = $0 }
        /Hint: address points to the zero page/ { zero = 1 }
        at == "" && / #[0-9]+ 0x[0-9a-f]+ in / {
            split($NF, parts, ":")
            file = parts[1]; sub(/.*\//, "", file)
            line = parts[2]
            if (file == src) at = path ":" line ", in " $4 "()"
        }
        END {
            if (what == "") exit
            kind = "memory-error"
            if (what ~ /heap-use-after-free/) kind = "use-after-free"
            else if (what ~ /buffer-overflow/) kind = "out-of-bounds"
            else if (what ~ /double-free/) kind = "double-free"
            else if (what ~ /not malloc|alloc-dealloc-mismatch|bad-free/) kind = "invalid-free"
            else if (what ~ /stack-use-after-return/) kind = "use-after-return"
            else if (what ~ /detected memory leaks/) kind = "leak"
            else if (what ~ /null pointer/ || (what ~ /SEGV/ && zero)) kind = "null-deref"
            else if (what ~ /SEGV/) kind = "crash"
            else if (what ~ /runtime error:/) kind = "undefined-behaviour"
            print "[" kind "] " what
            print "    at " (at == "" ? "a place outside " path : at)
            if (summary != "") print "    " summary
            print "    Sanitizer report: " report
        }
    ' "$report"
}

# Runs "$@" in the background, keeping at most CHECK_JOBS such jobs at once.
in_parallel() {
    while (($(jobs -rp | wc -l) >= CHECK_JOBS)); do
        wait -n || true
    done
    "$@" &
}

# The plain-words diagnosis of a Valgrind log (empty when it is clean).
diagnose() {
    awk -v src="$(basename "$SRC")" -v path="$SRC" -v max=3 \
        -f "$CHECKS_LIB/diagnose.awk" "$1"
}

# How to see the whole report, and to run it again: DIR [ENV] [ARGS...]
report_footer() {
    local dir=$1 env=$2
    shift 2
    local rel=${dir#"$ROOT"/}
    echo
    if [[ -n ${SANITIZE:-} ]]; then
        echo "Run it yourself:      ${env:+$env }$BIN${*:+ $*}"
        return
    fi
    echo "Full Valgrind report: $rel/valgrind.log"
    echo "Run it yourself:      ${env:+$env }valgrind --leak-check=full --show-leak-kinds=all --track-origins=yes --track-fds=yes $BIN${*:+ $*}"
}

# Judges one Valgrind run in DIR; prints the diagnosis and returns 1 when it
# timed out, crashed or showed a memory problem. CONTEXT opens the message.
valgrind_verdict() {
    local dir=$1 context=$2 env=$3
    shift 3
    local st diag
    st=$(<"$dir/status")
    if ((st == 126 || st == 127)); then
        echo "$context"
        echo "[tool] the run could not start (status $st): is valgrind installed, and was the program built?"
        return 1
    fi
    if ((st == 124 || st == 137)); then
        echo "$context"
        echo "[timeout] it was still running after ${CHECK_TIMEOUT}s under Valgrind and was stopped:"
        echo "    an endless loop, or a wait for input that never comes."
        report_footer "$dir" "$env" "$@"
        return 1
    fi
    diag=$(diagnose "$dir/valgrind.log" | grep -v "^When " || true)
    [[ -z ${SANITIZE:-} ]] || diag=$(sanitizer_diagnose "$dir")
    if grep -q '^\[' <<<"$diag"; then
        echo "$context"
        echo "$diag"
        report_footer "$dir" "$env" "$@"
        return 1
    fi
    if ((st > 128)); then
        echo "$context"
        echo "[crash] it was killed by signal $((st - 128))."
        report_footer "$dir" "$env" "$@"
        return 1
    fi
    if ((st == 99 || st == 98)); then
        echo "$context"
        echo "[memory-error] Valgrind found errors; the full report says which."
        report_footer "$dir" "$env" "$@"
        return 1
    fi
}

# Compiling: the program was built by make (gcc, and clang when installed);
# it must have built, without a single warning.
check_builds() {
    local log=$BIN.gcc.log clog=$BIN.clang.log
    if [[ ! -f $BIN || ! -x $BIN ]]; then
        echo "[build] $SRC does not compile:"
        grep -E 'error|warning' "$log" 2>/dev/null | head -n 10 | sed 's/^/    /'
        echo
        echo "Compiler output: $log"
        return 1
    fi
    if [[ -s $log ]]; then
        echo "[warning] gcc warns about $SRC (a warning is a failure here):"
        grep -E 'warning|error' "$log" | head -n 10 | sed 's/^/    /'
        echo
        echo "Compiler output: $log"
        return 1
    fi
    if command -v "${CLANG:-clang}" >/dev/null 2>&1; then
        if [[ ! -e $clog ]]; then
            echo "[build] there is no clang build of $SRC ($clog): run make first."
            return 1
        fi
        if [[ -s $clog ]]; then
            echo "[warning] clang warns about $SRC (a warning is a failure here):"
            grep -E 'warning|error' "$clog" | head -n 10 | sed 's/^/    /'
            echo
            echo "Compiler output: $clog"
            return 1
        fi
    fi
}

# A normal run under Valgrind: no memory error, no leak of any kind, no file
# left open, no crash, no hang.
check_valgrind() {
    local dir=$LOG_PATH/valgrind
    valgrind_run "$dir" "$@"
    valgrind_verdict "$dir" "In a normal run ($(shown_args "$@")), under Valgrind:" "" "$@"
}

# A normal run prints exactly expected_<role>'s text, nothing on stderr, and
# exits with status 0.
check_output() {
    local want="$BATS_TEST_TMPDIR/expected" got="$BATS_TEST_TMPDIR/got"
    run_prog "$@"
    if ((status == 124 || status == 137)); then
        echo "[timeout] with $(shown_args "$@"), it was still running after ${CHECK_TIMEOUT}s and was stopped."
        return 1
    fi
    if ((status > 128)); then
        echo "[crash] with $(shown_args "$@"), it was killed by signal $((status - 128)) (run under Valgrind to see where)."
        return 1
    fi
    if ((status != 0)); then
        echo "[wrong-status] with $(shown_args "$@"), it exited with status $status; a normal run must exit with 0."
        [[ -z $stderr ]] || printf 'It said on stderr:\n%s\n' "$stderr" | head -n 6 | sed '2,$s/^/    /'
        return 1
    fi
    if [[ -n $stderr ]]; then
        echo "[wrong-output] with $(shown_args "$@"), it printed on stderr, where a normal run prints nothing:"
        head -n 5 <<<"$stderr" | sed 's/^/    /'
        return 1
    fi
    "expected_$ROLE" >"$want"
    printf '%s\n' "$output" >"$got"
    if ! diff -q "$want" "$got" >/dev/null; then
        echo "[wrong-output] with $(shown_args "$@"), its output differs from what it must print"
        echo "    (- what it must print, + what it printed):"
        diff -u --label expected --label printed "$want" "$got" | tail -n +3 | head -n 30 | sed 's/^/    /'
        return 1
    fi
}

# For every N from 1 to the number of allocations a normal run makes, a run
# in which the Nth allocation fails must exit with status 1, say so in one
# line on stderr, and be clean under Valgrind. Runs are made in parallel.
check_failure_sweep() {
    local count_dir=$LOG_PATH/sweep-count calls n st
    mkdir -p "$count_dir"
    rm -f "$count_dir/report"
    st=0
    { (cd "$count_dir" && INJECT_REPORT="$count_dir/report" exec timeout -k 2 "$CHECK_TIMEOUT" \
        "$BIN_PATH" "$@" </dev/null >"$count_dir/stdout" 2>"$count_dir/stderr"); } 2>/dev/null || st=$?
    calls=$(awk '$1 == "calls" { print $2 }' "$count_dir/report" 2>/dev/null)
    if [[ -z $calls ]]; then
        echo "[crash] with $(shown_args "$@"), a normal run did not finish (status $st), so there is nothing to sweep."
        return 1
    fi
    if ((calls == 0)); then
        echo "[sweep] with $(shown_args "$@"), the program made no call to malloc, calloc, realloc, strdup"
        echo "    or fopen that the injector could see, so no failure could be tried."
        return 1
    fi
    echo "$calls" >"$LOG_PATH/failure-points"
    for ((n = 1; n <= calls; n++)); do
        rm -rf "$LOG_PATH/sweep-$n"
        mkdir -p "$LOG_PATH/sweep-$n"
        INJECT_FAIL_AT=$n INJECT_REPORT=$LOG_PATH/sweep-$n/report \
            in_parallel valgrind_run "$LOG_PATH/sweep-$n" "$@"
    done
    wait
    for ((n = 1; n <= calls; n++)); do
        sweep_verdict "$n" "$@" || return 1
    done
}

# Judges sweep run N: see check_failure_sweep.
sweep_verdict() {
    local n=$1
    shift
    local dir=$LOG_PATH/sweep-$n what context st nerr
    what=$(awk -v n="$n" '$1 == "failed" && $2 == n { print $3 }' "$dir/report" 2>/dev/null)
    context=$(diagnose "$dir/valgrind.log" | grep -m 1 "^When " || true)
    [[ -n $context ]] || context="When allocation $n${what:+ ($what)} was made to fail:"
    if [[ -z $what ]] && ! grep -q "^calls" "$dir/report" 2>/dev/null; then
        valgrind_verdict "$dir" "$context" "INJECT_FAIL_AT=$n" "$@" && {
            echo "$context"
            echo "[crash] the run ended before the injector could report (status $(<"$dir/status"))."
        }
        return 1
    fi
    if [[ -z $what ]]; then
        echo "[sweep] run $n made fewer than $n allocations, though a normal run makes more:"
        echo "    the program does not allocate the same way each time it runs."
        return 1
    fi
    valgrind_verdict "$dir" "$context" "INJECT_FAIL_AT=$n" "$@" || return 1
    st=$(<"$dir/status")
    if ((st != 1)); then
        echo "$context"
        echo "[wrong-status] it exited with status $st; when an allocation fails, the program must"
        echo "    release what it holds, say so in one line on stderr, and exit with status 1."
        report_footer "$dir" "INJECT_FAIL_AT=$n" "$@"
        return 1
    fi
    nerr=$(grep -c "" "$dir/stderr" || true)
    if ((nerr != 1)) || [[ -z $(tr -d '[:space:]' <"$dir/stderr") ]]; then
        echo "$context"
        echo "[wrong-output] it printed $nerr lines on stderr; it must print exactly one, saying what failed:"
        head -n 5 "$dir/stderr" | sed 's/^/    /'
        return 1
    fi
}

# Each argument is one bad command line (split on spaces). Each must be
# refused with a line starting "usage: " on stderr and status 2, cleanly
# under Valgrind.
check_bad_args() {
    local i=0 case dir st
    local -a words
    for case in "$@"; do
        i=$((i + 1))
        read -r -a words <<<"$case"
        rm -rf "$LOG_PATH/args-$i"
        in_parallel valgrind_run "$LOG_PATH/args-$i" "${words[@]}"
    done
    wait
    i=0
    for case in "$@"; do
        i=$((i + 1))
        read -r -a words <<<"$case"
        dir=$LOG_PATH/args-$i
        valgrind_verdict "$dir" "Given the bad arguments \`$case\`:" "" "${words[@]}" || return 1
        st=$(<"$dir/status")
        if ((st != 2)) || ! grep -q '^usage: ' "$dir/stderr"; then
            echo "[bad-args] given the bad arguments \`$case\`, it exited with status $st"
            echo "    and printed on stderr:"
            head -n 3 "$dir/stderr" | sed 's/^/        /'
            echo "    Bad arguments must get a line starting \"usage: \" on stderr, and status 2."
            return 1
        fi
    done
}
