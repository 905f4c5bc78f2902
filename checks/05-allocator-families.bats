#!/usr/bin/env bats
# Checks for lesson 05-allocator-families: every block goes back to the free of its own family.
# Run with `make verify LESSON=05` (your exercise) or `make check LESSON=05`
# (example, solution, shipped exercise, mutants).

load lib/common

# What the program must print on stdout, by role: example.c, or the exercise (and its solution).
expected_example() {
    cat <<'EOF_EXAMPLE'
wrote 6 lines to list.txt
1. apples
2. bread
3. cheese
4. dates
5. eggs
6. flour
tracker (list loaded): live: 88 bytes in 2 blocks, peak: 88 bytes
tracker (at exit): live: 0 bytes in 0 blocks, peak: 88 bytes
EOF_EXAMPLE
}

expected_exercise() {
    cat <<'EOF_EXERCISE'
apples     6 x  0.40 =   2.40
bread      1 x  2.10 =   2.10
cheese     2 x  3.25 =   6.50
eggs      12 x  0.25 =   3.00
flour      1 x  1.35 =   1.35
TOTAL                   15.35
saved receipt.txt, 180 bytes; its last line reads "TOTAL                   15.35"
tracker (at exit): live: 0 bytes in 0 blocks, peak: 256 bytes
EOF_EXERCISE
}

@test "it builds with gcc and clang without a warning" { check_builds; }
@test "it runs clean under valgrind" { check_valgrind; }
@test "it prints what it must" { check_output; }
@test "it survives every allocation failure" { check_failure_sweep; }

# The file the program wrote in run_prog's scratch directory (one run per test).
saved_file() {
    local files=("$BATS_TEST_TMPDIR"/run.*/"$1")
    [[ -f ${files[0]} ]] || return 1
    cat "${files[0]}"
}

@test "the file it saves holds the list or the receipt" {
    run_prog
    assert_equal "$status" 0
    if is_example; then
        saved=$(saved_file list.txt) || fail "it left no list.txt behind"
        assert_equal "$saved" "$(printf '%s\n' apples bread cheese dates eggs flour)"
    else
        saved=$(saved_file receipt.txt) || fail "it left no receipt.txt behind"
        assert_equal "$saved" "$(printf '%s\n' "${lines[@]:0:6}")"
    fi
}
