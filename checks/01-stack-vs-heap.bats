#!/usr/bin/env bats
# Checks for lesson 01-stack-vs-heap: a list that outlives its function lives on the heap.
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
sample 0: -0.7549
sample 1:  0.2430
sample 2: -0.4504
sample 3:  0.1035
sample 4: -0.6464
sample 5: -0.2254
mean of 6: -0.2884
EOF_EXERCISE
}

@test "it builds with gcc and clang without a warning" { check_builds; }
@test "it runs clean under valgrind" { check_valgrind; }
@test "it prints what it must" { check_output; }
@test "it survives every allocation failure" { check_failure_sweep; }

@test "it says in one line how many bytes it could not get" {
    INJECT_FAIL_AT=1 run_prog
    assert_equal "$status" 1
    if is_example; then
        assert_equal "$stderr" "stack-vs-heap: out of memory (40 bytes)"
    else
        assert_equal "$stderr" "series: out of memory (48 bytes)"
    fi
}

@test "the example sizes its list from COUNT and refuses a bad COUNT" {
    is_example || skip "the exercise takes no arguments"
    check_bad_args "abc" "-1" "0" "5x" "18446744073709551615" \
        "2305843009213693952" "1 2"
    run_prog 3
    assert_equal "$status" 0
    assert_line "list of 3 samples on the heap (24 bytes), owned by main:"
    assert_line "  list[2] =  0.6449"
    refute_line --partial "list[3]"
    assert_line "samples drawn, counted in static storage: 7"
}
