#!/usr/bin/env bats
# The fork sweep against the reference: for each program below, the failure
# sweep is made both ways (CHECK_SWEEP=fork, one Valgrind start whose
# children are the runs; CHECK_SWEEP=process, a fresh Valgrind start per
# run), every point of both modes, and each point's verdict (passed or not,
# the kinds found, their places, the failed call, the run's status) must be
# the same. Any difference fails, naming the point and showing both.
# Run by `make check` over the harness's programs and a sample of mutants;
# CHECK_EQUIVALENCE=all adds every mutant (the process mode costs a
# Valgrind start per point: a few minutes).

load lib/common

# Where the unit's findings go (use() points LOG_PATH at each program's runs).
UNIT_LOGS=$LOG_PATH

# Sweeps with these arguments, by lesson and role (the lessons' own .bats
# files give the same to check_failure_sweep).
sweep_args() {
    case $1:$2 in
        02-*:exercise) printf '%s\n' "$ROOT/lessons/02-malloc-cleanup/readings.txt" ;;
        03-*:*) echo 10 ;;
    esac
}

# A few mutants, of lessons whose contract tests have few failure points
# (the process mode pays a Valgrind start for each): each is swept as a
# program and through its contract tests.
SAMPLE=(01-unchecked-malloc 04-resize-frees-on-failure 06-alloc-counts-failure)

# The verdict of each point of the sweep whose runs are in LOG_PATH, one
# line per point: "at N" or "from N", then pass or fail, the status, and
# each finding's kind, failed call and places, paths made relative.
verdicts() {
    local what=$1 pre calls n mode rc dir
    shift
    pre=${what/program/}
    pre=${pre:+$pre-}
    # a sweep that could not start says why, the same way both ways
    calls=$(cat "$LOG_PATH/${pre}failure-points" 2>/dev/null) ||
        awk -F '\t' '$1 == "kind" || $1 == "what" { printf "%s ", $2 } END { print "" }' "$LOG_PATH/findings"
    for ((n = 1; n <= ${calls:-0}; n++)); do
        for mode in at from; do
            ((n == calls)) && [[ $mode == from ]] && continue
            : >"$LOG_PATH/findings"
            rc=0
            sweep_verdict "$n" "$mode" "$what" "$@" >/dev/null || rc=1
            dir=$LOG_PATH/${pre}sweep-$n
            [[ $mode == from && ! -f $LOG_PATH/${pre}sweep-from-$n/same ]] && dir=$LOG_PATH/${pre}sweep-from-$n
            printf '%s %s: %s, status %s;' "$mode" "$n" "$( ((rc)) && echo fail || echo pass)" "$(cat "$dir/status" 2>/dev/null)"
            awk -F '\t' '$1 == "kind" || $1 == "context" { printf " %s", $2 } $1 == "place" { printf " %s %s", $2, $3 }' "$LOG_PATH/findings" |
                sed "s|$LOG_PATH/||g; s|$ROOT/||g"
            echo
        done
    done
}

# same_both_ways WHAT ARGS...: the sweep (WHAT program or contract) of the
# program set up by use(), both ways, point by point.
same_both_ways() {
    local what=$1 base=$LOG_PATH fork process
    shift
    LOG_PATH=$base/fork
    mkdir -p "$LOG_PATH"
    : >"$LOG_PATH/findings"
    sweep_of "$what" "$@" >/dev/null || true
    fork=$(verdicts "$what" "$@")
    LOG_PATH=$base/process CHECK_SWEEP=process
    mkdir -p "$LOG_PATH"
    : >"$LOG_PATH/findings"
    sweep_of "$what" "$@" >/dev/null || true
    process=$(verdicts "$what" "$@")
    LOG_PATH=$base CHECK_SWEEP=fork
    [[ $fork == "$process" ]] && return 0
    local -a more=()
    local l
    while IFS= read -r l; do more+=(more "$l"); done < <(diff <(echo "$process") <(echo "$fork") |
        sed -n 's/^< /process: /p; s/^> /fork:    /p' | head -n 12)
    LOG_PATH=$UNIT_LOGS finding sweep-mismatch \
        "the fork sweep of $SRC ($what) differs from one process per run, point by point:" "${more[@]}" \
        note "Both ways: ${base#"$ROOT"/}/fork and ${base#"$ROOT"/}/process"
    return 1
}

# use BIN SRC: the program under test is BIN, built from SRC.
use() {
    BIN=$1 SRC=$2
    BIN_PATH=$ROOT/$BIN
    LOG_PATH=$ROOT/build/equivalence/$(basename "$BIN")
    rm -rf "$LOG_PATH"
    mkdir -p "$LOG_PATH"
    export CHECK_SWEEP_ALL=1
}

@test "the harness's programs get the same verdicts at every failure point, both ways" {
    local h
    # not double-free and segfault: they crash when run natively, so the
    # process mode, which counts the calls in a native run, has no sweep to
    # make, where the fork mode (under Valgrind from the start) has one
    for h in clean ignores-failure error-path-leak leak-one-byte use-after-free open-file \
        off-by-one uninitialised lost-list; do
        use "build/harness/$h" "checks/harness/$h.c"
        same_both_ways program || return 1
    done
}

@test "mutants get the same verdicts at every failure point, both ways" {
    local m of role lesson
    local -a mutants=("${SAMPLE[@]}") args
    if [[ ${CHECK_EQUIVALENCE:-} == all ]]; then
        mapfile -t mutants < <(cd checks/mutants && ls -- *.patch | sed 's/\.patch$//')
    fi
    for m in "${mutants[@]}"; do
        of=$(sed -n '/^--- /q; s/^mutant of: *//p' "checks/mutants/$m.patch")
        role=$(sed -n '/^--- /q; s/^role: *//p' "checks/mutants/$m.patch")
        lesson=$(basename "$(dirname "$of")")
        [[ $of == solutions/* ]] && lesson=$(basename "$of" .c)
        LESSON=$lesson
        use "build/mutants/$m" "build/mutants/src/$m.c"
        mapfile -t args < <(sweep_args "$lesson" "$role")
        same_both_ways program "${args[@]}" || return 1
        if [[ -x $BIN_PATH.contract ]]; then
            BIN=$BIN.contract BIN_PATH=$BIN_PATH.contract LOG_PATH=$LOG_PATH/contract-tests
            mkdir -p "$LOG_PATH"
            same_both_ways contract || return 1
        fi
    done
}
