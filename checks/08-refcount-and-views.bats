#!/usr/bin/env bats
# Checks for lesson 08-refcount-and-views: a reference-counted buffer of doubles and views that share it.
# Run with `make verify LESSON=08` (your exercise) or `make check LESSON=08`
# (example, solution, shipped exercise, mutants).

load lib/common

# What the program must print on stdout, by role: example.c, or the exercise (and its solution).
expected_example() {
    cat <<'EOF_EXAMPLE'
buffer of 8 doubles: refs 1
view low from 0, 4 long: refs 2
view high from 4, 4 long: refs 3
view past from 6, 4 long: refused, it does not fit in 8
view huge from 2, 18446744073709551615 long: refused, it does not fit in 8
creator released its reference
low   0.52 0.80 0.49 0.82
high  0.24 0.16 0.40 0.31
chain a -> b: a refs 1, b refs 2
view mid of b from 1 is at 5 in the chain: b refs 3
mid   0.50 0.11
a released: b refs 2, b now starts the chain at 0
EOF_EXAMPLE
}

expected_exercise() {
    cat <<'EOF_EXERCISE'
signal of 12 samples: refs 1
frame 0 from 0: refs 2
frame 1 from 3: refs 3
frame 2 from 6: refs 4
frame 3 from 9: refused, it would run past the end of 12
producer released the signal
frame 0: 0.83 0.55 0.07 0.45  mean 0.475
frame 1: 0.45 0.67 0.56 0.62  mean 0.575
frame 2: 0.62 0.87 0.43 0.26  mean 0.545
frame 1 has the highest mean: kept as a copy, refs 4
frames destroyed: the copy alone holds the signal, refs 1
copy of frame 1: 0.45 0.67 0.56 0.62  mean 0.575
EOF_EXERCISE
}

@test "it builds with gcc and clang without a warning" { check_builds; }
@test "it runs clean under valgrind" { check_valgrind; }
@test "it prints what it must" { check_output; }
@test "it survives every allocation failure" { check_failure_sweep; }
