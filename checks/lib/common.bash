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
# A check that fails says why in findings: records of the kinds in
# kinds.tsv (see diagnose.awk for their fields), appended to
# LOG_DIR/findings with the check's name, and printed in plain words
# ("[kind] what went wrong", located at a line of SRC where one is known).
# Everything downstream (make verify's text, make check's units, make
# compare) reads the records, never the words. Checks run in file order and
# stop at the first failure.

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
# How the failure sweep and the bad command lines are run: fork (one start
# each) or process (a start per run, the reference); see check_failure_sweep.
CHECK_SWEEP=${CHECK_SWEEP:-fork}

# Sanitizer builds (SANITIZE=1) report with status 98, never 1, which means
# "an allocation failed" here; a failed malloc returns NULL, as in C.
if [[ -n ${SANITIZE:-} ]]; then
    export ASAN_OPTIONS="exitcode=98:detect_leaks=1:detect_stack_use_after_return=1:allocator_may_return_null=1"
    export UBSAN_OPTIONS="exitcode=98:print_stacktrace=1"
fi


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
    start_planned || true
}

# start_planned: the runs a lesson's function plan plans (when its .bats
# file has one, and the program was built), in one start; the contract
# tests' start beside it when CHECK_JOBS allows two at once (otherwise
# check_contracts makes it, in its turn).
start_planned() {
    [[ -x $BIN_PATH ]] && declare -F plan >/dev/null || return 0
    plan
    if ((CHECK_JOBS > 1)) && has_contracts && [[ -x $BIN_PATH.contract ]]; then
        BIN_PATH=$BIN_PATH.contract start_contract &
        start_plan
        wait
    else
        start_plan
    fi
}

setup() {
    # Bats runs a DEBUG trap before each command of a test, to name the line
    # a failure came from: the findings name it better, and the trap cost a
    # sweep's verdicts more time than their Valgrind runs.
    trap - DEBUG
    if [[ -e $BATS_FILE_TMPDIR/failed && -z ${CHECK_KEEP_GOING:-} ]]; then
        skip "not run: an earlier check failed"
    fi
    if [[ -z ${SANITIZE:-} ]] && ! command -v valgrind >/dev/null 2>&1; then
        finding tool "valgrind is not installed: $(install_command valgrind) (or run make, which can)"
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

# The arguments as the learner would type them from the top of the
# workbook, for messages.
shown_args() {
    if (($# == 0)); then
        printf 'no arguments'
    else
        printf '`%s`' "$(relative "$*")"
    fi
}

# relative TEXT: TEXT with the workbook's own absolute path left out.
relative() {
    printf '%s' "${1//"$ROOT"\//}"
}

# --- findings ----------------------------------------------------------------

KINDS=$CHECKS_LIB/kinds.tsv

# render: records on stdin, in plain words on stdout.
render() {
    awk -f "$CHECKS_LIB/render.awk" "$KINDS" -
}

# record_of KIND WHAT [KEY VALUE]...: one record on stdout. A KEY is a field
# of diagnose.awk's records (more, place, note, advice, context, log, rerun);
# a place's VALUE is "LABEL<TAB>LOCATION".
record_of() {
    local kind=$1 what=$2
    shift 2
    printf 'kind\t%s\nwhat\t%s\n' "$kind" "$what"
    while (($# >= 2)); do
        printf '%s\t%s\n' "$1" "$2"
        shift 2
    done
    printf 'source\tchecks\n\n'
}

# report_records: records on stdin, given the name of this check and kept
# in LOG_PATH/findings; then printed in words.
report_records() {
    local recs
    recs=$(awk -v check="${BATS_TEST_DESCRIPTION:-}" '
        /^kind\t/ { print; print "check\t" check; next }
        { print }
    ')
    mkdir -p "$LOG_PATH"
    printf '%s\n\n' "$recs" >>"$LOG_PATH/findings"
    printf '%s\n\n' "$recs" | render
}

# finding KIND WHAT [KEY VALUE]...: a check's own finding (not Valgrind's),
# kept and printed. KIND must be in kinds.tsv.
finding() {
    record_of "$@" | report_records
}

# The place of a line of SRC in a finding: place_at LABEL LINE [FUNC].
place_at() {
    printf '%s\t%s:%s%s' "$1" "$SRC" "$2" "${3:+, in $3()}"
}

# expect_equal WHAT GOT WANT [KIND]: a lesson's own assertion. When GOT is
# not WANT, a finding of KIND (wrong-output) says WHAT, with both values.
expect_equal() {
    local what=$1 got=$2 want=$3 kind=${4:-wrong-output}
    [[ $got == "$want" ]] && return 0
    finding "$kind" "$what" more "it must be:  $want" more "it is:       $got"
    return 1
}

# expect_status WANT WHAT: the last run_prog's status must be WANT; the
# finding (wrong-status) says WHAT run it was and what it said on stderr.
expect_status() {
    local l
    local -a more=()
    ((status == $1)) && return 0
    for l in "${stderr_lines[@]:0:4}"; do more+=(more "stderr: $l"); done
    finding wrong-status "$2, it exited with status $status, where it must exit with $1" "${more[@]}"
    return 1
}

# expect_run_said DIR STATUS LINE WHAT: the run in DIR (valgrind_run's)
# must have exited with STATUS and printed exactly LINE on stderr.
expect_run_said() {
    local dir=$1 st l kind=wrong-output
    local -a more=(more "and printed on stderr:")
    st=$(<"$dir/status")
    [[ $st == "$2" && $(<"$dir/stderr") == "$3" ]] && return 0
    [[ $st == "$2" ]] || kind=wrong-status
    while IFS= read -r l; do more+=(more "    $l"); done < <(head -n 3 "$dir/stderr")
    finding "$kind" "$4, it exited with status $st" "${more[@]}" \
        more "It must exit with status $2 and print one line on stderr:" more "    $3"
    return 1
}

# expect_line LINE WHAT: a line the last run_prog must have printed on stdout.
expect_line() {
    local want=$1 l
    local -a more=(more "it must print the line:  $want" more "it printed:")
    for l in "${lines[@]}"; do
        [[ $l == "$want" ]] && return 0
    done
    for l in "${lines[@]:0:12}"; do more+=(more "    $l"); done
    finding wrong-output "$2" "${more[@]}"
    return 1
}

# expect_no_line_with TEXT WHAT: no line the last run_prog printed contains TEXT.
expect_no_line_with() {
    local l
    for l in "${lines[@]}"; do
        if [[ $l == *"$1"* ]]; then
            finding wrong-output "$2" more "it printed:  $l"
            return 1
        fi
    done
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
    DIAGNOSED_LOG=
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

# --- the plan: the runs of a start ---------------------------------------------
#
# A run is a folder of LOG_PATH and a command line. Planned runs are made in
# one start of the program (start_plan): the injector runs main once per
# run, each in a child of its own, in its folder (see __wrap_main in
# inject.c); the run planned with plan_sweep is the normal run of the
# failure sweep, whose children are the sweep's runs. A run already made
# (its folder holds the run of the same command line, see same_run) is not
# planned again. So a lesson's .bats file may plan, in its function plan,
# the runs of all its checks: setup_file makes them in one start (and the
# contract tests' start beside it), and each check judges its runs without
# starting anything. A check whose runs were not planned makes them itself,
# the same way. In a run's folder: stdout, stderr, status, valgrind.log,
# report (the injector's) and args (its command line, for same_run).

PLAN=()         # the planned runs: folder, then each argument, tab-separated
PLAN_SWEEP=     # the folder of the planned run that is swept

# plan_run DIR ARGS...: plans the run of ARGS in DIR.
plan_run() {
    same_run "$@" && return 0
    PLAN+=("$(run_line "$@")")
}

# run_line DIR ARGS...: the run as a line of the plan.
run_line() {
    local IFS=$'\t'
    printf '%s' "$*"
}

# plan_normal ARGS...: plans the normal run check_valgrind judges.
plan_normal() {
    plan_run "$LOG_PATH/valgrind" "$@"
}

# plan_swept ARGS...: plans the sweep check_failure_sweep judges: of the
# planned normal run, when it is of the same command line.
plan_swept() {
    local run
    for run in "${PLAN[@]}"; do
        if [[ $run == "$(run_line "$LOG_PATH/valgrind" "$@")" ]]; then
            PLAN_SWEEP=$LOG_PATH/valgrind
            return 0
        fi
    done
    plan_sweep "$LOG_PATH/sweep-count" "$@"
}

# plan_sweep DIR ARGS...: plans the run of ARGS in DIR, swept (its calls
# made to fail one by one, in children of LOG_PATH/sweep-*).
plan_sweep() {
    local dir=$1
    shift
    same_run "$dir" "$@" && [[ -f $dir/swept ]] && return 0
    rm -rf "$dir"
    plan_run "$dir" "$@"
    PLAN_SWEEP=$dir
}

# same_run DIR ARGS...: true when DIR holds a run of ARGS.
same_run() {
    local dir=$1
    shift
    [[ -f $dir/args && $(<"$dir/args") == "$(printf '%q ' "$@")" ]]
}

# start_plan [contract]: makes the planned runs, in one start of the
# program (none when none is planned), or, with contract, of its contract
# tests (BIN_PATH is then their build; the sweep's runs, contract-sweep-*,
# pass with status 0); with CHECK_SWEEP=process, one start each (the
# sweep's runs are then sweep_of's to make).
start_plan() {
    local run dir pre= pass=1
    local -a words dirs=()
    [[ ${1:-} == contract ]] && pre=contract- pass=0
    ((${#PLAN[@]})) || return 0
    for run in "${PLAN[@]}"; do
        dir=${run%%$'\t'*}
        rm -rf "$dir"
        dirs+=("$dir")
    done
    if [[ $CHECK_SWEEP == process ]]; then
        for run in "${PLAN[@]}"; do
            IFS=$'\t' read -r -a words <<<"$run"
            INJECT_REPORT=${words[0]}/report in_parallel valgrind_run "${words[@]}"
        done
        wait
        DIAGNOSED_LOG=
    else
        local -a sweep=()
        if [[ -n $PLAN_SWEEP ]]; then
            rm -rf "$LOG_PATH/${pre}sweep"-*
            sweep=(INJECT_SWEEP_RUN="$PLAN_SWEEP" INJECT_SWEEP="$LOG_PATH/${pre}sweep"
                INJECT_SWEEP_PASS="$(sweep_pass "$pass")")
        fi
        printf '%s\n' "${PLAN[@]}" >"$LOG_PATH/${pre}start.tsv"
        valgrind_start "$LOG_PATH/${pre}start" "$BIN_PATH" "$LOG_PATH/${pre}sweep" \
            INJECT_ARGS="$LOG_PATH/${pre}start.tsv" "${sweep[@]}" -- "${dirs[@]}"
        [[ -n $PLAN_SWEEP ]] && : >"$PLAN_SWEEP/swept"
    fi
    for run in "${PLAN[@]}"; do
        IFS=$'\t' read -r -a words <<<"$run"
        printf '%q ' "${words[@]:1}" >"${words[0]}/args"
    done
    PLAN=() PLAN_SWEEP=
}

# sweep_pass STATUS: INJECT_SWEEP_PASS for a sweep whose runs pass with
# STATUS: after the first run that does not, no more are made; with
# CHECK_SWEEP_ALL set, all are (none: "").
sweep_pass() {
    [[ -n ${CHECK_SWEEP_ALL:-} ]] || echo "$1"
}

# start_contract: the contract tests' run (BIN_PATH is their build) in
# LOG_PATH/contract, swept, in a start of their own; nothing when it is
# made already. A plan of its own: the program's, if one is pending (in
# setup_file, beside this), is not this start's.
start_contract() {
    local PLAN=() PLAN_SWEEP=
    same_run "$LOG_PATH/contract" && return 0
    plan_sweep "$LOG_PATH/contract"
    start_plan contract
}

# valgrind_start DIR BIN SWEEP [VAR=VALUE...] -- RUN...: one start of BIN
# (under Valgrind, or natively for a sanitizer build) with the injector's
# variables given, in DIR (its working directory is DIR/cwd), whose runs
# are the folders RUN and SWEEP-*. Each process leaves its own report;
# afterwards each run's (found by the pid the injector wrote in its
# folder) is moved into its folder, and a run that has none (the start
# failed) gets the start's status and an empty one. A child has
# CHECK_TIMEOUT seconds (INJECT_TIMEOUT); each process as many seconds of
# CPU time, and the start ten times as many in all. Valgrind's checks of
# its own state (--sanity-level, for debugging Valgrind) are off: each
# child pays for them at its exit (about 5 % of a sweep's CPU time), and
# they find nothing in the program.
valgrind_start() {
    local dir=$1 bin=$2 sweep=$3 st=0 pid run f
    shift 3
    DIAGNOSED_LOG=
    local -a env=()
    while (($#)) && [[ $1 != -- ]]; do env+=("$1"); shift; done
    shift
    rm -rf "$dir"
    mkdir -p "$dir/cwd"
    if [[ -n ${SANITIZE:-} ]]; then
        { (cd "$dir/cwd" && ulimit -t "$CHECK_TIMEOUT" && ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$dir/sanitizer" \
            exec env "${env[@]}" INJECT_TIMEOUT="$CHECK_TIMEOUT" timeout -k 5 "$((CHECK_TIMEOUT * 10))" \
            "$bin" </dev/null >"$dir/stdout" 2>"$dir/stderr"); } 2>/dev/null || st=$?
    else
        { (cd "$dir/cwd" && ulimit -t "$CHECK_TIMEOUT" && exec env "${env[@]}" INJECT_TIMEOUT="$CHECK_TIMEOUT" \
            timeout -k 5 "$((CHECK_TIMEOUT * 10))" valgrind "${VALGRIND_OPTIONS[@]}" --sanity-level=0 \
            --log-file="$dir/valgrind.%p.log" "$bin" </dev/null \
            >"$dir/stdout" 2>"$dir/stderr"); } 2>/dev/null || st=$?
        echo run >>"$LOG_PATH/valgrind-runs"
    fi
    echo "$st" >"$dir/status"
    mkdir -p "$@"
    for run in "$@" "$sweep"-*; do
        [[ -d $run ]] || continue
        if [[ -f $run/pid ]]; then
            pid=$(<"$run/pid")
            rm -f "$run/pid"
            [[ -e $dir/valgrind.$pid.log ]] && mv "$dir/valgrind.$pid.log" "$run/valgrind.log"
            [[ -e $dir/sanitizer.$pid ]] && mv "$dir/sanitizer.$pid" "$run/"
        fi
        [[ -f $run/same || -f $run/status ]] || echo "$st" >"$run/status"
        [[ -f $run/same ]] || for f in stdout stderr valgrind.log; do [[ -e $run/$f ]] || : >"$run/$f"; done
    done
    # what is left is the start's own log; and, when it was killed while a
    # run was going on, that run's, whose header names the start as its parent
    local -a left=("$dir"/valgrind.[0-9]*.log)
    for f in "${left[@]}"; do
        [[ -e $f ]] || continue
        pid=$(sed -n 's/^==[0-9]*== Parent PID: \([0-9]*\)$/\1/p;/Parent PID/q' "$f")
        if ((${#left[@]} == 1)) || [[ ! -e $dir/valgrind.$pid.log ]]; then
            mv "$f" "$dir/valgrind.log"
        fi
    done
    [[ -e $dir/valgrind.log ]] || : >"$dir/valgrind.log"
}

# The findings of a sanitizer build's reports in DIR, as records (empty
# when none): the kind (from kinds.tsv's sanitizer column), the sanitizer's
# own words, and the first line in SRC.
sanitizer_diagnose() {
    local report
    report=$(find "$1" -maxdepth 1 -name "sanitizer.*" 2>/dev/null | sort | head -n 1)
    # UBSan, built in with ASan, writes to stderr whatever log_path says.
    [[ -n $report ]] || ! grep -qE "runtime error:|ERROR: [A-Za-z]+Sanitizer" "$1/stderr" || report=$1/stderr
    [[ -n $report ]] || return 0
    awk -v src="$(basename "$SRC")" -v path="$SRC" -v report="${report#"$ROOT"/}" \
        -f "$CHECKS_LIB/sanitizer.awk" "$KINDS" "$report"
}

# Runs "$@" in the background, keeping at most CHECK_JOBS such jobs at once.
in_parallel() {
    while (($(jobs -rp | wc -l) >= CHECK_JOBS)); do
        wait -n || true
    done
    "$@" &
}

# diagnose LOG [CALL]: the findings of a Valgrind log, as records (empty
# when it is clean); CALL, the call the run was made to fail.
diagnose() {
    awk -v src="$(basename "$SRC")" -v path="$SRC" -v max=3 -v root="$ROOT/" -v failed_call="${2:-}" \
        -f "$CHECKS_LIB/diagnose.awk" "$KINDS" "$1"
}

# diagnosed LOG [CALL]: DIAGNOSED_RECORDS is diagnose's records of LOG,
# worked out once per log (a sweep's verdict asks twice); every run forgets it.
DIAGNOSED_LOG=
DIAGNOSED_RECORDS=
diagnosed() {
    [[ $DIAGNOSED_LOG == "$1" ]] && return 0
    DIAGNOSED_RECORDS=$(diagnose "$@")
    DIAGNOSED_LOG=$1
}

# first_field KEY RECORDS: the value of the first KEY line of RECORDS.
first_field() {
    local line
    while IFS= read -r line; do
        if [[ $line == "$1"$'\t'* ]]; then
            printf '%s\n' "${line#*$'\t'}"
            return 0
        fi
    done <<<"$2"
}

# The fields that say how to see the whole report and run it again, as
# KEY VALUE words for record_of: run_fields DIR [ENV] [ARGS...].
run_fields() {
    local dir=$1 env=$2
    shift 2
    local args
    args=$(relative "$*")
    if [[ -n ${SANITIZE:-} ]]; then
        printf '%s\n' rerun "${env:+$env }$BIN${args:+ $args}"
        return
    fi
    printf '%s\n' log "${dir#"$ROOT"/}/valgrind.log" \
        rerun "${env:+$env }valgrind --leak-check=full --show-leak-kinds=all --track-origins=yes --track-fds=yes $BIN${args:+ $args}"
}

# run_finding DIR CONTEXT ENV ARGS -- KIND WHAT [KEY VALUE]...: a finding
# about one run, with its context and how to see it again.
run_finding() {
    local dir=$1 context=$2 env=$3
    shift 3
    local -a args=()
    while (($#)) && [[ $1 != -- ]]; do args+=("$1"); shift; done
    shift
    local -a fields
    mapfile -t fields < <(run_fields "$dir" "$env" "${args[@]}")
    finding "$@" context "$context" "${fields[@]}"
}

# Judges one Valgrind run in DIR; reports its findings and returns 1 when it
# timed out, crashed or showed a memory problem. CONTEXT says what run it was.
valgrind_verdict() {
    local dir=$1 context=$2 env=$3
    shift 3
    local st recs ctx
    st=$(<"$dir/status")
    if ((st == 126 || st == 127)); then
        finding tool "the run could not start (status $st): is valgrind installed, and was the program built?" \
            context "$context"
        return 1
    fi
    if ((st == 124 || st == 137 || st == 152)); then
        run_finding "$dir" "$context" "$env" "$@" -- timeout \
            "it was still running after ${CHECK_TIMEOUT}s under Valgrind and was stopped" \
            more "an endless loop, or a wait for input that never comes"
        return 1
    fi
    if [[ -n ${SANITIZE:-} ]]; then
        recs=$(sanitizer_diagnose "$dir")
    else
        diagnosed "$dir/valgrind.log"
        recs=$DIAGNOSED_RECORDS
    fi
    if [[ $'\n'$recs == *$'\nkind\t'* ]]; then
        # the caller's context says what run this was (the sweep's names the
        # failed call, from the injector's); the injector's is for a caller
        # that has none
        ctx=$(first_field context "$recs")
        local -a fields
        mapfile -t fields < <(run_fields "$dir" "$env" "$@")
        awk -v context="${context:-$ctx}" -v logfile="${fields[1]:-}" -v rerun="${fields[3]:-${fields[1]}}" -v san="${SANITIZE:-}" '
            /^context\t/ { next }
            /^kind\t/ { print; print "context\t" context; if (!san) print "log\t" logfile; print "rerun\t" rerun; next }
            { print }
        ' <<<"$recs" | report_records
        return 1
    fi
    if ((st > 128)); then
        run_finding "$dir" "$context" "$env" "$@" -- crash "it was killed by signal $((st - 128))"
        return 1
    fi
    if ((st == 99 || st == 98)); then
        run_finding "$dir" "$context" "$env" "$@" -- memory-error "Valgrind found errors; the full report says which"
        return 1
    fi
}

# Compiling: the program was built by make (gcc, and clang when installed);
# it must have built, without a single warning.
check_builds() {
    local log=$BIN.gcc.log clog=$BIN.clang.log
    if [[ ! -f $BIN || ! -x $BIN ]]; then
        compiler_finding build "$SRC does not compile" "$log"
        return 1
    fi
    if [[ -s $log ]]; then
        compiler_finding warning "gcc warns about $SRC (a warning is a failure here)" "$log"
        return 1
    fi
    if command -v "${CLANG:-clang}" >/dev/null 2>&1; then
        if [[ ! -e $clog ]]; then
            finding build "there is no clang build of $SRC ($clog): run make first"
            return 1
        fi
        if [[ -s $clog ]]; then
            compiler_finding warning "clang warns about $SRC (a warning is a failure here)" "$clog"
            return 1
        fi
    fi
}

# compiler_finding KIND WHAT LOG: the compiler's first errors or warnings,
# each with the note: lines that explain it, and where the whole output is.
compiler_finding() {
    local -a more=()
    local l
    while IFS= read -r l; do
        more+=(more "$l")
    done < <(grep -E '(error|warning|note):' "$3" 2>/dev/null | sed "s|^$ROOT/||" | head -n 12)
    finding "$1" "$2" "${more[@]}" note "Compiler output: $3"
}

# A normal run under Valgrind: no memory error, no leak of any kind, no file
# left open, no crash, no hang. It is the run the failure sweep forks from,
# when the sweep is of the same command line.
check_valgrind() {
    local dir=$LOG_PATH/valgrind
    if ! same_run "$dir" "$@"; then
        # swept too: a sweep of the same command line needs no start of its own
        plan_sweep "$dir" "$@"
        start_plan
    fi
    valgrind_verdict "$dir" "In a normal run ($(shown_args "$@")), under Valgrind:" "" "$@"
}

# A normal run prints exactly expected_<role>'s text, nothing on stderr, and
# exits with status 0.
check_output() {
    local want="$BATS_TEST_TMPDIR/expected" got="$BATS_TEST_TMPDIR/got" how l
    local -a more=()
    how="with $(shown_args "$@")"
    run_prog "$@"
    if ((status == 124 || status == 137)); then
        finding timeout "$how, it was still running after ${CHECK_TIMEOUT}s and was stopped"
        return 1
    fi
    if ((status > 128)); then
        finding crash "$how, it was killed by signal $((status - 128)) (run under Valgrind to see where)"
        return 1
    fi
    if ((status != 0)); then
        for l in "${stderr_lines[@]:0:5}"; do more+=(more "stderr: $l"); done
        finding wrong-status "$how, it exited with status $status; a normal run must exit with 0" "${more[@]}"
        return 1
    fi
    if [[ -n $stderr ]]; then
        for l in "${stderr_lines[@]:0:5}"; do more+=(more "$l"); done
        finding wrong-output "$how, it printed on stderr, where a normal run prints nothing:" "${more[@]}"
        return 1
    fi
    "expected_$ROLE" >"$want"
    printf '%s\n' "$output" >"$got"
    if ! diff -q "$want" "$got" >/dev/null; then
        while IFS= read -r l; do more+=(more "$l"); done < <(diff -u --label expected --label printed "$want" "$got" | tail -n +3 | head -n 30)
        finding wrong-output "$how, its output differs from what it must print (- what it must print, + what it printed):" "${more[@]}"
        return 1
    fi
}

# The failure sweep, in two modes. Transient: for every N from 1 to the
# number of allocations a normal run makes, a run in which only the Nth
# fails. Persistent (SQLite's out-of-memory mode): a run in which the Nth and
# every later one fail, as on a heap that is truly exhausted, for every N
# but the last (whose run is the transient one). Each run must exit with
# status 1, say so in one line on stderr, and be clean under Valgrind. Runs
# are judged in order (N transient, then N persistent, then N + 1), so the
# first failure reported is always the same.
#
# How the runs are made, CHECK_SWEEP says. fork (the default): in one
# Valgrind start, the injector forks at each call, and each child is one run
# (see inject.c); after the first run that fails, no more are made. process
# (the reference): a fresh process for each run, all of them made.
check_failure_sweep() {
    sweep_of program "$@"
}

# sweep_of WHAT ARGS...: the sweep of the program under test (WHAT program),
# or of its contract tests (WHAT contract: BIN is then their build, and a
# run passes when it is clean and breaks no promise).
sweep_of() {
    local what=$1
    shift
    local pre=${what/program/} calls n st count_dir
    pre=${pre:+$pre-}
    count_dir=$LOG_PATH/${pre}sweep-count
    if [[ $CHECK_SWEEP == process ]]; then
        sweep_by_process "$count_dir" "$pre" "$@"
    elif [[ $what == contract ]]; then
        count_dir=$LOG_PATH/contract
        start_contract
    elif same_run "$LOG_PATH/valgrind" "$@" && [[ -f $LOG_PATH/valgrind/swept ]]; then
        # the normal run, when it was of the same command line, swept
        count_dir=$LOG_PATH/valgrind
    else
        plan_sweep "$count_dir" "$@"
        start_plan
    fi
    st=$(<"$count_dir/status")
    calls=$(awk '$1 == "calls" { print $2 }' "$count_dir/report" 2>/dev/null)
    if [[ -z $calls ]]; then
        finding crash "with $(shown_args "$@"), a normal run did not finish (status $st), so there is nothing to sweep"
        return 1
    fi
    if ((calls == 0)); then
        finding sweep "with $(shown_args "$@"), the program made no call to malloc, calloc, realloc, strdup" \
            more "or fopen that the injector could see, so no failure could be tried"
        return 1
    fi
    echo "$calls" >"$LOG_PATH/${pre}failure-points"
    echo "$((calls - 1))" >"$LOG_PATH/${pre}persistent-points"
    for ((n = 1; n <= calls; n++)); do
        sweep_verdict "$n" at "$what" "$@" || return 1
        if ((n < calls)); then
            sweep_verdict "$n" from "$what" "$@" || return 1
        fi
    done
}

# sweep_by_process DIR PREFIX ARGS...: the sweep's runs as fresh processes:
# a native run in DIR counts the calls; then one run per failure point.
sweep_by_process() {
    local count_dir=$1 pre=$2 calls n st=0
    shift 2
    rm -rf "$count_dir"
    mkdir -p "$count_dir"
    { (cd "$count_dir" && INJECT_REPORT="$count_dir/report" exec timeout -k 2 "$CHECK_TIMEOUT" \
        "$BIN_PATH" "$@" </dev/null >"$count_dir/stdout" 2>"$count_dir/stderr"); } 2>/dev/null || st=$?
    echo "$st" >"$count_dir/status"
    calls=$(awk '$1 == "calls" { print $2 }' "$count_dir/report" 2>/dev/null)
    for ((n = 1; n <= ${calls:-0}; n++)); do
        rm -rf "$LOG_PATH/${pre}sweep-$n" "$LOG_PATH/${pre}sweep-from-$n"
        mkdir -p "$LOG_PATH/${pre}sweep-$n"
        INJECT_FAIL_AT=$n INJECT_REPORT=$LOG_PATH/${pre}sweep-$n/report \
            in_parallel valgrind_run "$LOG_PATH/${pre}sweep-$n" "$@"
        if ((n < calls)); then
            mkdir -p "$LOG_PATH/${pre}sweep-from-$n"
            INJECT_FAIL_FROM=$n INJECT_REPORT=$LOG_PATH/${pre}sweep-from-$n/report \
                in_parallel valgrind_run "$LOG_PATH/${pre}sweep-from-$n" "$@"
        fi
    done
    wait
    DIAGNOSED_LOG=
}

# sweep_verdict N MODE WHAT ARGS...: judges the sweep's run N, MODE "at"
# (only call N failed) or "from" (call N and every later one failed), of
# WHAT (program or contract; see sweep_of).
sweep_verdict() {
    local n=$1 mode=$2 of=$3
    shift 3
    local pre=${of/program/}
    pre=${pre:+$pre-}
    local dir=$LOG_PATH/${pre}sweep-$n env="INJECT_FAIL_AT=$n" what context st nerr l
    local -a more=()
    if [[ $mode == from ]]; then
        dir=$LOG_PATH/${pre}sweep-from-$n env="INJECT_FAIL_FROM=$n"
        # the fork sweep did not make a run that would have been the transient one
        [[ -f $dir/same ]] && dir=$LOG_PATH/${pre}sweep-$n
    fi
    # read here, with no process started: a sweep has many points
    local word num name ended=
    if [[ -f $dir/report ]]; then
        while read -r word num name; do
            [[ $word == failed && $num == "$n" && -z $what ]] && what=$name
            [[ $word == calls ]] && ended=1
        done <"$dir/report"
    fi
    diagnosed "$dir/valgrind.log" "$n"
    context=$(first_field context "$DIAGNOSED_RECORDS")
    [[ -n $context ]] || context="When allocation $n${what:+ ($what)} was made to fail:"
    if [[ $mode == from ]]; then
        context=${context/ was made to fail:/ and every call after it failed:}
    fi
    if [[ -z $what && -z $ended ]]; then
        valgrind_verdict "$dir" "$context" "$env" "$@" &&
            run_finding "$dir" "$context" "$env" "$@" -- crash \
                "the run ended before the injector could report (status $(<"$dir/status"))"
        return 1
    fi
    if [[ -z $what ]]; then
        finding sweep "run $n made fewer than $n allocations, though a normal run makes more:" \
            more "the program does not allocate the same way each time it runs" context "$context"
        return 1
    fi
    if [[ $of == contract ]]; then
        context="Calling your functions directly (the contract tests), ${context,}"
        contract_verdict "$dir" "$context" "$env" && valgrind_verdict "$dir" "$context" "$env"
        return
    fi
    valgrind_verdict "$dir" "$context" "$env" "$@" || return 1
    st=$(<"$dir/status")
    if ((st != 1)); then
        run_finding "$dir" "$context" "$env" "$@" -- wrong-status "it exited with status $st" \
            more "when an allocation fails, the program must release what it holds, say so in one line" \
            more "on stderr, and exit with status 1"
        return 1
    fi
    local -a errs
    mapfile -t errs <"$dir/stderr"
    nerr=${#errs[@]}
    if ((nerr != 1)) || [[ -z ${errs[0]//[[:space:]]/} ]]; then
        while IFS= read -r l; do more+=(more "stderr: $l"); done < <(head -n 5 "$dir/stderr")
        run_finding "$dir" "$context" "$env" "$@" -- wrong-output \
            "it printed $nerr lines on stderr; it must print exactly one, saying what failed" "${more[@]}"
        return 1
    fi
}

# --- contract tests ----------------------------------------------------------

# The line of SRC where function FUNC is defined (empty when none is).
function_line() {
    awk -v fn="$1" '
        $0 ~ ("(^|[^A-Za-z0-9_])" fn "\\(") && /^[A-Za-z_]/ && !/;[ \t]*$/ { print NR; exit }
    ' "$ROOT/$SRC"
}

# contract_verdict DIR CONTEXT ENV: the promises a contract test run in DIR
# found broken (its "broken<TAB>FUNCTION<TAB>PROMISE" lines on stderr),
# each a [contract] finding at the function's line in SRC; and a test that
# did not end as a test ends (status 0, or 3 with a broken promise) fails.
contract_verdict() {
    local dir=$1 context=$2 env=$3 st fn words line broken=0
    st=$(<"$dir/status")
    while IFS=$'\t' read -r _ fn words; do
        broken=1
        line=$(function_line "$fn")
        run_finding "$dir" "$context" "$env" -- contract "$fn() breaks a promise of its head comment:" \
            more "\"$words\"" \
            place "$(place_at "the function is at" "${line:-?}" "$fn")"
    done < <(while IFS= read -r line; do [[ $line == broken$'\t'* ]] && printf '%s\n' "$line"; done <"$dir/stderr")
    ((broken)) && return 1
    # Valgrind's and the sanitizers' own findings (status 99, 98) and crashes
    # are valgrind_verdict's to name
    if ((st != 0 && st != 99 && st != 98 && st <= 128)); then
        run_finding "$dir" "$context" "$env" -- contract \
            "the contract tests stopped with status $st before they were done" \
            more "a function they called crashed or exited the program: read the full report"
        return 1
    fi
}

# The contract tests of the lesson (checks/contracts/LESSON.c) call each
# function the learner writes directly, one promise of its head comment at
# a time: under Valgrind, then under the failure sweep in both modes. Each
# run must be clean and break no promise.
check_contracts() {
    local BIN=$BIN.contract BIN_PATH=$BIN_PATH.contract dir=$LOG_PATH/contract
    if [[ ! -x $BIN_PATH ]]; then
        compiler_finding build "the contract tests (checks/contracts/$LESSON.c) do not compile with $SRC" "$BIN.log"
        return 1
    fi
    start_contract
    # a broken promise first: it says more than what Valgrind sees after it
    contract_verdict "$dir" "Calling your functions directly (the contract tests):" "" || return 1
    valgrind_verdict "$dir" "Calling your functions directly (the contract tests), under Valgrind:" "" || return 1
    sweep_of contract
}

# has_contracts: true when the lesson has contract tests for this program.
has_contracts() {
    [[ -f $ROOT/checks/contracts/$LESSON.c ]] && ! is_example
}

# plan_bad_args CASE...: plans the runs check_bad_args judges, each CASE a
# command line (split on spaces), in LOG_PATH/args-1, args-2...
plan_bad_args() {
    local i=0 case
    local -a words
    for case in "$@"; do
        i=$((i + 1))
        read -r -a words <<<"$case"
        plan_run "$LOG_PATH/args-$i" "${words[@]}"
    done
}

# Each argument is one bad command line (split on spaces). Each must be
# refused with a line starting "usage: " on stderr and status 2, cleanly
# under Valgrind.
check_bad_args() {
    local i=0 case dir st l
    local -a words more
    plan_bad_args "$@"
    start_plan
    i=0
    for case in "$@"; do
        i=$((i + 1))
        read -r -a words <<<"$case"
        dir=$LOG_PATH/args-$i
        valgrind_verdict "$dir" "Given the bad arguments \`$case\`:" "" "${words[@]}" || return 1
        st=$(<"$dir/status")
        if ((st != 2)) || ! grep -q '^usage: ' "$dir/stderr"; then
            more=()
            while IFS= read -r l; do more+=(more "    $l"); done < <(head -n 3 "$dir/stderr")
            finding bad-args "given the bad arguments \`$case\`, it exited with status $st" \
                more "and printed on stderr:" "${more[@]}" \
                advice "Bad arguments must get a line starting \"usage: \" on stderr, and status 2."
            return 1
        fi
    done
}
