#!/usr/bin/env bats
# Checks for lesson 02-malloc-cleanup: one exit that releases two blocks and a file, on every path.
# Run with `make verify LESSON=02` (your exercise) or `make check LESSON=02`
# (example, solution, shipped exercise, mutants).

load lib/common

# What the program must print on stdout, by role: example.c, or the exercise (and its solution).
expected_example() {
    cat <<'EOF_EXAMPLE'
  1   1.1438
  2   0.6276
  3  -1.7830
  4  -0.4460
  5  -0.5451
  6   0.5783
  7  -1.0179
  8  -0.2105
min -1.7830  median -0.3282  max 1.1438
wrote 8 values to noise.txt
EOF_EXAMPLE
}

expected_exercise() {
    cat <<'EOF_EXERCISE'
  1   0.9885   0.9885
  2  -1.8643  -0.8758
  3   0.0039  -0.8719
  4  -0.5293  -1.4011
  5  -0.4590  -1.8601
  6   0.4528  -1.4073
  7   1.5447   0.1374
  8  -1.9063  -1.7690
  9  -0.9498  -2.7188
 10   0.0639  -2.6549
final -2.6549  farthest -2.7188 after step 9
wrote 10 positions to walk.txt
EOF_EXERCISE
}

@test "it builds with gcc and clang without a warning" { check_builds; }
@test "it runs clean under valgrind" { check_valgrind; }
@test "it prints what it must" { check_output; }
@test "it survives every allocation failure" { check_failure_sweep; }

@test "it rejects bad arguments" {
    # not a number, negative, zero, trailing junk, too large to allocate (8 TB),
    # a byte size that wraps to 0, beyond unsigned long long, one argument too many
    check_bad_args "abc" "-1" "0" "12x" "1000000000000" "2305843009213693952" \
        "18446744073709551616" "3 out.txt extra"
}

@test "it writes to the file named on its command line" {
    local file=$BATS_TEST_TMPDIR/three.txt
    run_prog 3 "$file"
    assert_equal "$status" 0
    if is_example; then
        assert_line "min -1.7830  median 0.6276  max 1.1438"
        assert_line "wrote 3 values to $file"
        assert_equal "$(<"$file")" "$(printf '%s\n' 1.143769 0.627566 -1.783045)"
    else
        assert_line "final -0.8719  farthest 0.9885 after step 1"
        assert_line "wrote 3 positions to $file"
        assert_equal "$(<"$file")" "$(printf '%s\n' 0.988474 -0.875781 -0.871861)"
    fi
}

@test "a full disk is reported in one line, with the file closed and both blocks freed" {
    local dir=$LOG_PATH/disk-full name=walk
    is_example && name=noise
    rm -rf "$dir"
    valgrind_run "$dir" 3 /dev/full
    valgrind_verdict "$dir" "When writing to /dev/full (a device that is always full), under Valgrind:" \
        "" 3 /dev/full
    assert_equal "$(<"$dir/status")" 1
    assert_equal "$(<"$dir/stderr")" "$name: cannot write /dev/full"
}
