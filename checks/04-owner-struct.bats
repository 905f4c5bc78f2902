#!/usr/bin/env bats
# Checks for lesson 04-owner-struct: a block whose lifetime is tied to an owner struct.
# The example owns a block of doubles; the exercise, a canvas that owns its
# name and its pixels (canvas_new / canvas_resize / canvas_destroy).
# Run with `make verify LESSON=04` (your exercise) or `make check LESSON=04`
# (example, solution, shipped exercise, mutants).

load lib/common

# What the program must print on stdout, by role: example.c, or the exercise (and its solution).
expected_example() {
    cat <<'EOF_EXAMPLE'
created   0.350 0.077 0.480 0.973  (4 doubles)
grown     0.350 0.077 0.480 0.973 0.000 0.000 0.000  (7 doubles)
filled    0.350 0.077 0.480 0.973 0.575 0.933 0.082  (7 doubles)
too many  refused, still 7 doubles
shrunk    0.350 0.077 0.480  (3 doubles)
snapshot  0.350 0.077 0.480 0.973  (4 doubles)
EOF_EXAMPLE
}

expected_exercise() {
    cat <<'EOF_EXERCISE'
stairs 8x3, new:
##......
####....
######..
stairs 8x6, grown to reach row 5:
##......
####....
######..
........
........
########
too many rows: refused, still 8x6
stairs 8x4, cropped:
##......
####....
######..
........
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

@test "each function keeps every promise of its head comment" {
    has_contracts || skip "the contract tests call the exercise's functions"
    check_contracts
}
