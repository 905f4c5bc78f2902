#!/usr/bin/env bats
# Checks for lesson 07-uninitialised-memory: every byte defined before it is
# read, printed or saved (calloc, a zeroed tail after realloc, no padding).
# Run with `make verify LESSON=07` (your exercise) or `make check LESSON=07`
# (example, solution, shipped exercise, mutants).
#
# The example takes no arguments. The exercise takes an optional FILE (by
# default sixes.dat, in its working directory) and saves 9 bytes per player
# there. As shipped it reads totals from malloc, counters from a realloc's
# tail, and writes a struct with padding: the Valgrind check finds the first
# use, and --track-origins names the allocation. A lesson check compares the
# saved bytes with the layout record_write() promises. One check runs it
# natively with MALLOC_PERTURB_ set, so glibc fills each block malloc returns
# with junk: output that depends on uninitialised memory then changes even
# without Valgrind.

load lib/common

# What the program must print on stdout, by role: example.c, or the exercise (and its solution).
expected_example() {
    cat <<'EOF_EXAMPLE'
length  words
     1      1
     2      3
     3      6
     4      6
     5      5
     6      3
     7      1
     8      1
     9      1
 total     27  (9 different lengths)
EOF_EXAMPLE
}

expected_exercise() {
    cat <<'EOF_EXERCISE'
throws  times
     1     25
     2     20
     3     18
     4     25
     5      9
     6     10
     7     12
     8      9
     9      3
    10      4
    11      6
    12      6
    14      2
    16      3
    18      1
    19      1
    20      1
    21      1
    24      1
    25      3
20 different waits
player  throws  wins  longest
     1     243    10       24
     2     197    16       21
     3     248    13       25
     4     250     1       25
saved 4 players to sixes.dat (36 bytes)
EOF_EXERCISE
}

# A bad command line: a second argument.
BAD_ARGS=("one.dat two.dat")

# The runs under Valgrind of the checks below, made in one start (see setup_file).
plan() {
    plan_normal
    plan_swept
    if ! is_example; then
        plan_bad_args "${BAD_ARGS[@]}"
        plan_run "$LOG_PATH/disk-full" /dev/full
    fi
}

@test "it builds with gcc and clang without a warning" { check_builds; }
@test "it runs clean under valgrind" { check_valgrind; }

# The saved file, as hex bytes, one line of 9 per player record.
file_records() {
    od -An -tx1 -v "$1" | tr -s ' \n' '  ' | sed 's/^ //' |
        awk '{ for (i = 1; i <= NF; i++) printf "%s%s", $i, (i % 9 == 0 || i == NF) ? "\n" : " " }'
}

@test "it saves each player in the file's layout, with no padding" {
    is_example && skip "the example saves no file"
    local file=$BATS_TEST_TMPDIR/players.dat want=$BATS_TEST_TMPDIR/want got=$BATS_TEST_TMPDIR/got
    run_prog "$file"
    printf '%s\n' "01 f3 00 00 00 0a 00 18 00" "02 c5 00 00 00 10 00 15 00" \
        "03 f8 00 00 00 0d 00 19 00" "04 fa 00 00 00 01 00 19 00" >"$want"
    if [[ ! -f $file ]]; then
        finding wrong-output "run as \`$BIN $file\`, it saved no file (status $status)"
        return 1
    fi
    file_records "$file" >"$got"
    if ! diff -q "$want" "$got" >/dev/null; then
        local l
        local -a more=()
        while IFS= read -r l; do more+=(more "    $l"); done < <(diff -u --label expected --label saved "$want" "$got" | tail -n +3 | head -n 20)
        finding wrong-output "the file it saved ($(wc -c <"$file") bytes) is not the 4 records of 9 bytes" \
            more "that record_write() promises (its head comment gives the layout). The bytes," \
            more "one record a line (- what it must save, + what it saved):" "${more[@]}" \
            rerun "$BIN /tmp/sixes.dat && od -An -tx1 /tmp/sixes.dat"
        return 1
    fi
}

@test "it prints what it must" { check_output; }
@test "it survives every allocation failure" { check_failure_sweep; }

# glibc's MALLOC_PERTURB_=N makes every block malloc returns (not calloc)
# arrive filled with the byte N ^ 0xff: a program that reads memory it never
# wrote then prints something else than with fresh, zeroed pages.
@test "its output does not change when malloc hands out junk" {
    local want=$BATS_TEST_TMPDIR/expected got=$BATS_TEST_TMPDIR/got
    MALLOC_PERTURB_=165 run_prog
    "expected_$ROLE" >"$want"
    printf '%s\n' "$output" >"$got"
    if ((status != 0)) || ! diff -q "$want" "$got" >/dev/null; then
        local l
        local -a more=()
        while IFS= read -r l; do more+=(more "    $l"); done < <(diff -u --label expected --label printed "$want" "$got" | tail -n +3 | head -n 20)
        finding uninitialised "run with MALLOC_PERTURB_=165, which fills each block malloc returns with junk," \
            more "it exited with status $status and printed something else: it reads memory it never" \
            more "wrote (- what it must print, + what it printed):" "${more[@]}" \
            rerun "MALLOC_PERTURB_=165 $BIN"
        return 1
    fi
}

@test "it refuses a second argument" {
    is_example && skip "the example takes no arguments"
    check_bad_args "${BAD_ARGS[@]}"
}

@test "a full disk is reported in one line, with the file closed and every block freed" {
    is_example && skip "the example saves no file"
    local dir=$LOG_PATH/disk-full
    plan_run "$dir" /dev/full
    start_plan
    valgrind_verdict "$dir" "When saving to /dev/full (a device that is always full), under Valgrind:" \
        "" /dev/full &&
        expect_run_said "$dir" 1 "sixes: cannot write /dev/full" \
            "saving to /dev/full (a full disk: fclose says so)"
}

@test "each function keeps every promise of its head comment" {
    has_contracts || skip "the contract tests call the exercise's functions"
    check_contracts
}
