#!/usr/bin/env bats
# Checks for lesson 06-small-block-pool: a pool of equal blocks, with Valgrind told about each one.
# The example pools a queue's nodes; the exercise pools a tree's, in slabs of growing size, with a reset.
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
hour 1: the 20 largest of 200 readings, 9060 to 9978, tree depth 8
  pool: 20 live, 48 blocks in 2 slabs; after reset: 0 live, 32 blocks in 1 slab
hour 2: the 300 largest of 1500 readings, 7950 to 9999, tree depth 20
  pool: 300 live, 480 blocks in 4 slabs; after reset: 0 live, 256 blocks in 1 slab
hour 3: the 250 largest of 2000 readings, 8560 to 9996, tree depth 16
  pool: 250 live, 256 blocks in 1 slab; after reset: 0 live, 256 blocks in 1 slab
hour 4: the 40 largest of 3000 readings, 9849 to 9990, tree depth 11
  pool: 40 live, 256 blocks in 1 slab; after reset: 0 live, 256 blocks in 1 slab
EOF_EXERCISE
}

# The runs under Valgrind of the checks below, made in one start (see setup_file).
plan() {
    plan_normal
    plan_swept
}

@test "it builds with gcc and clang without a warning" { check_builds; }
@test "it runs clean under valgrind" { check_valgrind; }
@test "it prints what it must" { check_output; }
@test "it survives every allocation failure" { check_failure_sweep; }

@test "when a new slab cannot be had, it says so in one line and exits with 1" {
    local want="station: out of memory (hour 1, reading 17)"
    is_example && want="desk: out of memory (ticket 147)"
    INJECT_FAIL_AT=3 run_prog
    expect_status 1 "when allocation 3 (a new slab) fails" &&
        expect_equal "when allocation 3 (a new slab) fails, the line on stderr is wrong" "$stderr" "$want"
}

@test "each function keeps every promise of its head comment" {
    has_contracts || skip "the contract tests call the exercise's functions"
    check_contracts
}
