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

@test "it builds with gcc and clang without a warning" { check_builds; }
@test "it runs clean under valgrind" { check_valgrind; }
@test "it prints what it must" { check_output; }
@test "it keeps eight million readings, far more than a stack holds" {
    is_example && skip "the example prints every sample it draws"
    check_big_log 8000000
}

@test "it survives every allocation failure" { check_failure_sweep; }

@test "it says in one line how many bytes it could not get" {
    INJECT_FAIL_AT=1 run_prog
    assert_equal "$status" 1
    if is_example; then
        assert_equal "$stderr" "stack-vs-heap: out of memory (40 bytes)"
    else
        assert_equal "$stderr" "thermo: out of memory (48 bytes)"
    fi
}

@test "it sizes its data from COUNT and refuses a bad COUNT" {
    check_bad_args "abc" "-1" "0" "5x" "18446744073709551615" \
        "$(is_example && echo 2305843009213693952 || echo 4611686018427387904)" "1 2"
    run_prog 3
    assert_equal "$status" 0
    if is_example; then
        assert_line "list of 3 samples on the heap (24 bytes), owned by main:"
        assert_line "  list[2] =  0.6449"
        refute_line --partial "list[3]"
        assert_line "samples drawn, counted in static storage: 7"
    else
        assert_line "3 readings (12 bytes), owned by main"
        assert_line "  reading  2:  -0.1"
        refute_line --partial "reading  3"
        assert_line "coldest -0.1, warmest 2.2"
        assert_line "readings below zero: 1, at most 1 in a row"
        assert_line "most often -0.1"
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
        echo "[timeout] with \`$1\`, it was still running after ${CHECK_TIMEOUT}s and was stopped."
        return 1
    fi
    if ((status > 128)); then
        valgrind_run "$dir" "$1"
        at=$(grep -m 1 -oE "[A-Za-z_][A-Za-z0-9_]* \($(basename "$SRC"):[0-9]+\)" "$dir/valgrind.log" |
            sed -E 's/^([A-Za-z0-9_]+) \([^:]*:([0-9]+)\)$/\2, in \1()/')
        echo "[crash] with \`$1\`, it was killed by signal $((status - 128)): the stack overflowed"
        echo "    at ${at:+$SRC:}${at:-a place outside $SRC}"
        echo "    $1 ints do not fit in a stack of 8 MiB, and nothing warns before the crash. Keep"
        echo "    data sized at run time on the heap, where malloc() can say no (MEM05-C)."
        report_footer "$dir" "" "$1"
        return 1
    fi
    assert_equal "$status" 0
    assert_line "$1 readings ($(($1 * 4)) bytes), owned by main"
    assert_line "coldest -16.9, warmest 17.0"
    assert_line "readings below zero: 3962276, at most 284 in a row"
    assert_line "most often -0.1"
}
