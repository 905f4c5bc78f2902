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
wrote lockers.txt
Room B, second floor:
  locker 1: grace
  locker 2: -
  locker 3: barbara
  locker 4: -
  locker 5: -
  locker 6: edsger
  locker 7: -
  locker 8: -
  locker 9: linus
tracker, plan loaded: 107 bytes in 5 blocks live, peak 111 bytes
tracker, at exit: 0 bytes in 0 blocks live, peak 111 bytes
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

# The file the program wrote in run_prog's scratch directory (one run per test).
saved_file() {
    local files=("$BATS_TEST_TMPDIR"/run.*/"$1")
    [[ -f ${files[0]} ]] || return 1
    cat "${files[0]}"
}

@test "the file it saves holds the list or the locker plan" {
    local name=lockers.txt want
    want=$(printf '%s\n' "Room B, second floor" "3 ada" "1 grace" "9 linus" "6 edsger" "3 barbara")
    if is_example; then
        name=list.txt
        want=$(printf '%s\n' apples bread cheese dates eggs flour)
    fi
    run_prog
    expect_status 0 "in a normal run" || return 1
    if ! saved=$(saved_file "$name"); then
        finding wrong-output "a normal run left no $name behind"
        return 1
    fi
    expect_equal "the $name it saved is not what it must hold" "$saved" "$want"
}

# After any failed allocation, everything tracked has been given back: the
# tracker's last line must say so. A failed track_realloc_array that already
# changed the totals, or a block given back outside the tracker, shows here.
@test "the tracker ends at zero after every allocation failure" {
    local calls n last
    calls=$(cat "$LOG_PATH/failure-points" 2>/dev/null) || skip "the failure sweep did not run"
    for ((n = 1; n <= calls; n++)); do
        INJECT_FAIL_AT=$n run_prog
        last=$(grep -E "^tracker(, | \()at exit" <<<"$output") || continue    # it stopped before tracking
        if [[ $last != *": 0 bytes in 0 blocks"* && $last != *"live: 0 bytes in 0 blocks"* ]]; then
            finding wrong-output "when allocation $n was made to fail (INJECT_FAIL_AT=$n), the tracker ended with" \
                more "    $last" \
                more "Everything was given back by then, so it must say \"0 bytes in 0 blocks\":" \
                more "a tracked block was released outside the tracker, or a failed call changed its totals." \
                rerun "INJECT_FAIL_AT=$n $BIN"
            return 1
        fi
    done
}

@test "each function keeps every promise of its head comment" {
    has_contracts || skip "the contract tests call the exercise's functions"
    check_contracts
}
