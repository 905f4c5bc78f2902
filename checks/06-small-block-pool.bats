#!/usr/bin/env bats
# Checks for lesson 06-small-block-pool: a pool of equal blocks, with Valgrind told about each one.
# Run with `make verify LESSON=06` (your exercise) or `make check LESSON=06`
# (example, solution, shipped exercise, mutants).

load lib/common

# What the program must print on stdout, by role: example.c, or the exercise (and its solution).
expected_example() {
    cat <<'EOF_EXAMPLE'
rush: step 1000, 195 tickets waiting, 195 blocks live in 4 slabs of 64
calm: step 2000, 79 tickets waiting, 79 blocks live in 4 slabs of 64
served 960 tickets, each after 253 steps and for 15 minutes on average
closing: 79 tickets still waiting go back to the pool
EOF_EXAMPLE
}

expected_exercise() {
    cat <<'EOF_EXERCISE'
toggle 500: 104 members, 104 blocks live in 4 slabs of 32
toggle 1000: 96 members, 96 blocks live in 4 slabs of 32
toggle 1500: 88 members, 88 blocks live in 4 slabs of 32
toggle 2000: 106 members, 106 blocks live in 4 slabs of 32
smallest: 2 3 4 7 9 13 14 18 19 22
sum of the 106 members: 10528
EOF_EXERCISE
}

@test "it builds with gcc and clang without a warning" { check_builds; }
@test "it runs clean under valgrind" { check_valgrind; }
@test "it prints what it must" { check_output; }
@test "it survives every allocation failure" { check_failure_sweep; }

@test "when a new slab cannot be had, it says so in one line and exits with 1" {
    INJECT_FAIL_AT=3 run_prog
    assert_equal "$status" 1
    if is_example; then
        assert_equal "$stderr" "desk: out of memory (ticket 147)"
    else
        assert_equal "$stderr" "set: out of memory (toggle 39)"
    fi
}
