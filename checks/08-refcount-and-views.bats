#!/usr/bin/env bats
# Checks for lesson 08-refcount-and-views: reference-counted buffers, views that share them,
# and (in the exercise) a tree whose back pointers own nothing.
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
text of 100 bytes: refs 1
tree of 7 nodes: text refs 8
producer released the text: text refs 7
docs
  src
    tutorial
      memory_allocation.rst
      cdef_classes.rst
    userguide
      memoryviews.rst
kept docs/src/tutorial: refs 2
root released: tutorial refs 1, path tutorial, text refs 3
stem of memory_allocation.rst: memory_allocation, text refs 4
stem of cdef_classes.rst: cdef_classes, text refs 5
tutorial released: the stems alone hold the text
stems: memory_allocation cdef_classes, text refs 2
EOF_EXERCISE
}

# Bad command lines: an argument, two.
BAD_ARGS=("extra" "1 2")

# The runs under Valgrind of the checks below, made in one start (see setup_file).
plan() {
    plan_normal
    plan_swept
    is_example || plan_bad_args "${BAD_ARGS[@]}"
}

@test "it builds with gcc and clang without a warning" { check_builds; }
@test "it runs clean under valgrind" { check_valgrind; }
@test "it prints what it must" { check_output; }
@test "it survives every allocation failure" { check_failure_sweep; }
@test "it refuses arguments with a usage line" {
    if is_example; then
        skip "example.c takes no arguments and does not check them"
    fi
    check_bad_args "${BAD_ARGS[@]}"
}

@test "each function keeps every promise of its head comment" {
    has_contracts || skip "the contract tests call the exercise's functions"
    check_contracts
}
