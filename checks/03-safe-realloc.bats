#!/usr/bin/env bats
# Checks for lesson 03-safe-realloc: grow a block with realloc without losing it, by a named policy.
# Run with `make verify LESSON=03` (your exercise) or `make check LESSON=03`
# (example, solution, shipped exercise, mutants).
#
# Order: Valgrind's normal run first: the shipped text_append copies into a
# block it never grew, and that out-of-bounds write is the first thing to fix.
# Then the failure sweep (a text_append or text_shrink_to_fit that writes
# realloc's NULL over its only pointer loses the block only when realloc
# fails), then the output (the stub policy reallocates on every append, the
# stub shrink keeps the whole block), then the promise that a failed growth or
# shrink leaves the text as it was, which needs the right policy to know which
# call fails.
# Sizes: every allocation is one Valgrind run in the sweep, so it uses n = 10
# (19 failure points for the example, 5 for the solution). The example's
# normal run under Valgrind uses n = 1000: its default, a million appends,
# takes about 3 s there. Its figures are checked natively, at the default n
# and at others.

load lib/common

# What the program must print on stdout, by role: example.c, or the exercise (and its solution).
expected_example() {
    cat <<'EOF_EXAMPLE'
growth       appends  reallocations  elements copied  copied per append
reserve      1000000              1                0               0.00
doubling     1000000             21          1048575               1.05
+1             10000          10000         49995000            4999.50
EOF_EXAMPLE
}

expected_exercise() {
    cat <<'EOF_EXERCISE'
numbers joined: 1000
text length:    5878 bytes
grown to:       8192 bytes, in 9 reallocations
shrunk to:      5879 bytes
text begins:    44575,6329,34345,91391,71853,9
text ends:      65,55296,9860,71402,1839,24738
checksum:       d96e99c2
EOF_EXERCISE
}

# The arguments of the normal run under Valgrind, by role, and of the sweep
# (n = 10: see the sizes above).
NORMAL_ARGS=()
is_example && NORMAL_ARGS=(1000)
SWEEP_ARGS=(10)

# Bad arguments, by role: not a number, negative, zero, trailing junk, a
# sign, beyond unsigned long, too many to fit in memory (or past the
# exercise's limit), two arguments.
if is_example; then
    BAD_ARGS=("abc" "-1" "0" "12x" "18446744073709551615" "2305843009213693953" "134217729" "1 2")
else
    BAD_ARGS=("abc" "-1" "0" "12x" "+5" "18446744073709551616" "10000001" "1 2")
fi

# The runs under Valgrind of the checks below, made in one start (see setup_file).
plan() {
    plan_normal "${NORMAL_ARGS[@]}"
    plan_swept "${SWEEP_ARGS[@]}"
    plan_bad_args "${BAD_ARGS[@]}"
}

@test "it builds with gcc and clang without a warning" { check_builds; }

@test "it runs clean under valgrind" { check_valgrind "${NORMAL_ARGS[@]}"; }

@test "it survives every allocation failure" { check_failure_sweep "${SWEEP_ARGS[@]}"; }

@test "it prints what it must" { check_output; }

# fails_as N ARGS...: with allocation N made to fail, a native run must exit
# with status 1 and say, on stderr, what the solution says: the state in
# which the failed call left the container, read back from it.
fails_as() {
    local n=$1 want=$2 what=$3
    shift 3
    status=0
    stderr=$(cd "$BATS_TEST_TMPDIR" && INJECT_FAIL_AT=$n timeout -k 2 "$CHECK_TIMEOUT" \
        "$BIN_PATH" "$@" 2>&1 >/dev/null </dev/null) || status=$?
    if ((status > 128)); then
        finding crash "when allocation $n ($what) fails, with \`$*\`, it was killed by signal $((status - 128))" \
            rerun "INJECT_FAIL_AT=$n $BIN $*"
        return 1
    fi
    if ((status != 1)) || [[ $stderr != "$want" ]]; then
        finding contract "when allocation $n ($what) fails, with \`$*\`, it exited with status $status" \
            more "and said on stderr:" more "    ${stderr:-(nothing)}" \
            more "where a container left exactly as it was before the failed call says:" more "    $want" \
            advice "A failed call must change nothing: not the pointer, not the length, not the capacity, not one byte of the contents." \
            rerun "INJECT_FAIL_AT=$n $BIN $*"
        return 1
    fi
}

@test "a failed growth or shrink leaves the container as it was" {
    if is_example; then
        fails_as 8 "growth: out of memory growing a full vector (length 8, sum 28: contents intact)" \
            "vec_resize, from 8 doubles to 16" 10
        return
    fi
    fails_as 3 "join: out of memory after 2 numbers; the text kept its 10 bytes (checksum 9af1964a) and its block of 16" \
        "text_append, growing the block from 16 bytes to 32" 10
    fails_as 4 "join: out of memory after 5 numbers; the text kept its 28 bytes (checksum 9d880b24) and its block of 32" \
        "text_append, growing the block from 32 bytes to 64" 10
    fails_as 5 "join: out of memory shrinking the block; the text kept its 58 bytes (checksum 65463d66) and its block of 64" \
        "text_shrink_to_fit, from 64 bytes to 59" 10
}

@test "it rejects bad arguments" {
    check_bad_args "${BAD_ARGS[@]}"
}

# ceil(log2 n), for n >= 1.
ceil_log2() {
    local n=$1 k=0 p=1
    while ((p < n)); do
        p=$((p * 2))
        k=$((k + 1))
    done
    echo "$k"
}

# row LABEL: sets appends, reallocs and copied from the example's table row LABEL.
row() {
    local fields
    fields=$(awk -v label="$1" '$1 == label { print $2, $3, $4 }' <<<"$output")
    read -r appends reallocs copied <<<"$fields"
    if [[ -z $copied ]]; then
        local l
        local -a more=()
        for l in "${lines[@]:0:10}"; do more+=(more "    $l"); done
        finding wrong-output "the table has no row \"$1\"; it printed:" "${more[@]}"
        return 1
    fi
}

# example_figures [N]: runs the example with N appends (none: its default,
# 1000000) and checks each row against what its policy must cost.
example_figures() {
    local n=${1:-1000000} n1 limit
    run_prog "$@"
    expect_status 0 "with \`$n\`" || return 1
    row reserve || return 1
    if [[ "$appends $reallocs $copied" != "$n 1 0" ]]; then
        finding wrong-output "reserve: $appends appends took $reallocs reallocations and copied $copied elements" \
            more "room for all $n made first must take 1 and copy 0"
        return 1
    fi
    row doubling || return 1
    limit=$(($(ceil_log2 "$n") + 1))
    if ((appends != n || reallocs > limit || copied >= 2 * n)); then
        finding wrong-output "doubling: $appends appends took $reallocs reallocations and copied $copied elements" \
            more "$n appends must take at most ceil(log2 n) + 1 = $limit and copy fewer than 2n = $((2 * n))"
        return 1
    fi
    row +1 || return 1
    n1=$((n < 10000 ? n : 10000))
    if ((appends != n1 || reallocs != n1 || copied != n1 * (n1 - 1) / 2)); then
        finding wrong-output "+1: $appends appends took $reallocs reallocations and copied $copied elements" \
            more "min(n, 10000) = $n1 appends must take $n1 and copy 0 + 1 + ... + (n-1) = $((n1 * (n1 - 1) / 2))"
        return 1
    fi
}

# policy_figures N LENGTH GROWN SHRUNK: the exercise's figures for N numbers.
policy_figures() {
    local n=$1
    run_prog "$n"
    expect_status 0 "with \`$n\`" || return 1
    if ! grep -qx "text length: *$2 bytes" <<<"$output" ||
        ! grep -qx "grown to: *$3" <<<"$output" || ! grep -qx "shrunk to: *$4 bytes" <<<"$output"; then
        local l
        local -a more=()
        for l in "${lines[@]:0:10}"; do more+=(more "    $l"); done
        finding wrong-output "$n numbers make $2 bytes of text: the policy must grow the block to $3" \
            more "(from 16, doubling up to 64 KiB, then 64 KiB at a time), and the shrink must leave" \
            more "$4 bytes; it printed:" "${more[@]}"
        return 1
    fi
}

# The example counts, for each reallocation, the elements already stored
# (what a moving realloc copies): +1 growth then copies exactly n(n-1)/2.
# The exercise prints where its policy took the block: past 64 KiB it must
# step, not double, and a text that fits the first block must not grow.
@test "each growth policy costs what it promises" {
    if is_example; then
        example_figures
        example_figures 1048577
        example_figures 1000
        example_figures 1
        return
    fi
    # From 16 bytes the block doubles to 64 KiB (12 reallocations), then grows
    # by 64 KiB steps: 588940 bytes need 8 of them, to 9 * 64 KiB. One number
    # fits in the first block: no growth, and the shrink gives back 10 of 16.
    policy_figures 100000 588939 "589824 bytes, in 20 reallocations" 588940
    policy_figures 1 5 "16 bytes, in 0 reallocations" 6
}

@test "each function keeps every promise of its head comment" {
    has_contracts || skip "the contract tests call the exercise's functions"
    check_contracts
}
