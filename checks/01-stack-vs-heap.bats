#!/usr/bin/env bats
# Checks for lesson 01-stack-vs-heap: what outlives its function, or is big, lives on the heap;
# small results are returned by value.
# Run with `make verify LESSON=01` (your exercise) or `make check LESSON=01`
# (example, solution, shipped exercise, mutants).

load lib/common

# What the program must print on stdout, by role: example.c, or the exercise (and its solution).
expected_example() {
    cat <<'EOF_EXAMPLE'
gen lives in main's frame, state 2463534242
noise_peek(gen)  -> -0.6631  works on a copy of gen
noise_peek(gen)  -> -0.6631  the same: our gen did not move
noise_next(&gen) -> -0.6631  works on our gen itself
noise_next(&gen) ->  0.1629  our gen moved on
list of 5 samples on the heap (40 bytes), owned by main:
  list[0] = -0.0388
  list[1] = -0.0649
  list[2] =  0.6449
  list[3] = -0.8258
  list[4] = -0.3711
summary, a copy that outlives the list: min -0.8258, max 0.6449, mean -0.1311
samples drawn, counted in static storage: 9
EOF_EXAMPLE
}

expected_exercise() {
    cat <<'EOF_EXERCISE'
12 readings (48 bytes), owned by main
  reading  0:   2.2
  reading  1:   1.1
  reading  2:  -0.1
  reading  3:   0.1
  reading  4:  -1.9
  reading  5:  -3.4
  reading  6:  -1.5
  reading  7:  -2.7
  reading  8:  -2.1
  reading  9:  -3.2
  reading 10:  -1.1
  reading 11:  -2.5
coldest -3.4, warmest 2.2
readings below zero: 9, at most 8 in a row
most often -3.4
EOF_EXERCISE
}

# Bad COUNTs: not a number, negative, zero, trailing junk, beyond unsigned
# long, a byte size that wraps to 0; and one argument too many.
BAD_COUNTS=("abc" "-1" "0" "5x" "18446744073709551615"
    "$(is_example && echo 2305843009213693952 || echo 4611686018427387904)" "1 2")

# The runs under Valgrind of the checks below, made in one start (see setup_file).
plan() {
    plan_normal
    plan_swept
    plan_bad_args "${BAD_COUNTS[@]}"
}

@test "it builds with gcc and clang without a warning" { check_builds; }
@test "it runs clean under valgrind" { check_valgrind; }
@test "it prints what it must" { check_output; }
@test "it keeps eight million readings, far more than a stack holds" {
    is_example && skip "the example prints every sample it draws"
    check_big_log 8000000
}

@test "it survives every allocation failure" { check_failure_sweep; }

@test "it says in one line how many bytes it could not get" {
    local want="thermo: out of memory (48 bytes)"
    is_example && want="stack-vs-heap: out of memory (40 bytes)"
    INJECT_FAIL_AT=1 run_prog
    expect_status 1 "when its first allocation fails (INJECT_FAIL_AT=1)" &&
        expect_equal "when its first allocation fails, the line on stderr is wrong" "$stderr" "$want"
}

@test "it sizes its data from COUNT and refuses a bad COUNT" {
    check_bad_args "${BAD_COUNTS[@]}"
    local what="with \`3\`, it must size its data for 3"
    run_prog 3
    expect_status 0 "with \`3\`" || return 1
    if is_example; then
        expect_line "list of 3 samples on the heap (24 bytes), owned by main:" "$what" &&
            expect_line "  list[2] =  0.6449" "$what" &&
            expect_no_line_with "list[3]" "with \`3\`, it printed a fourth sample" &&
            expect_line "samples drawn, counted in static storage: 7" "$what"
    else
        expect_line "3 readings (12 bytes), owned by main" "$what" &&
            expect_line "  reading  2:  -0.1" "$what" &&
            expect_no_line_with "reading  3" "with \`3\`, it printed a fourth reading" &&
            expect_line "coldest -0.1, warmest 2.2" "$what" &&
            expect_line "readings below zero: 1, at most 1 in a row" "$what" &&
            expect_line "most often -0.1" "$what"
    fi
}

# check_big_log COUNT: with the stack held to 8 MiB, a run with COUNT
# readings (more than fit in it) exits 0 with the right statistics. A crash
# is located under Valgrind: a local array sized by COUNT overflowed the stack.
check_big_log() {
    local dir=$LOG_PATH/big at
    ulimit -S -s 8192 2>/dev/null || true
    run_prog "$1"
    if ((status == 124 || status == 137)); then
        finding timeout "with \`$1\`, it was still running after ${CHECK_TIMEOUT}s and was stopped"
        return 1
    fi
    if ((status > 128)); then
        # located under Valgrind, with the same 8 MiB stack
        valgrind_run "$dir" "$1"
        valgrind_verdict "$dir" "With \`$1\` (the stack held to 8 MiB), under Valgrind:" "" "$1" &&
            finding crash "with \`$1\`, it was killed by signal $((status - 128)), though not under Valgrind"
        return 1
    fi
    local what="with \`$1\`, the statistics of eight million readings are wrong"
    expect_status 0 "with \`$1\`" &&
        expect_line "$1 readings ($(($1 * 4)) bytes), owned by main" "$what" &&
        expect_line "coldest -16.9, warmest 17.0" "$what" &&
        expect_line "readings below zero: 3962276, at most 284 in a row" "$what" &&
        expect_line "most often -0.1" "$what"
}

@test "each function keeps every promise of its head comment" {
    has_contracts || skip "the contract tests call the exercise's functions"
    check_contracts
}
