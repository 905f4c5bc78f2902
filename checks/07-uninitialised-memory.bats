#!/usr/bin/env bats
# Checks for lesson 07-uninitialised-memory: counters that start at zero, from calloc and after realloc.
# Run with `make verify LESSON=07` (your exercise) or `make check LESSON=07`
# (example, solution, shipped exercise, mutants).
#
# Neither program takes arguments. The shipped exercise reads counters that
# nothing wrote (a malloc, then a realloc's new tail); the Valgrind check
# finds the first decision taken on them, and --track-origins names the
# allocation. The last check runs natively with MALLOC_PERTURB_ set, so
# glibc fills each block malloc returns with junk: output that depends on
# uninitialised memory then changes even without Valgrind.

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
     1    104  ########################################
     2     76  ##############################
     3     65  #########################
     4     61  ########################
     5     41  ################
     6     46  ##################
     7     38  ###############
     8     26  ##########
     9     19  ########
    10     16  #######
    11     26  ##########
    12     13  #####
    13      4  ##
    14     10  ####
    15      6  ###
    16      8  ####
    17      3  ##
    18      7  ###
    19      8  ####
    20      4  ##
    21      4  ##
    22      1  #
    23      3  ##
    24      1  #
    25      4  ##
    26      2  #
    31      1  #
    34      1  #
    38      1  #
    39      1  #
the longest wait for a six took 39 throws
EOF_EXERCISE
}

@test "it builds with gcc and clang without a warning" { check_builds; }
@test "it runs clean under valgrind" { check_valgrind; }
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
        echo "[uninitialised] run with MALLOC_PERTURB_=165, which fills each block malloc returns with"
        echo "    junk, it exited with status $status and printed something else: it reads memory it never"
        echo "    wrote (- what it must print, + what it printed):"
        diff -u --label expected --label printed "$want" "$got" | tail -n +3 | head -n 20 | sed 's/^/    /'
        echo "Run it yourself:      MALLOC_PERTURB_=165 $BIN"
        return 1
    fi
}
