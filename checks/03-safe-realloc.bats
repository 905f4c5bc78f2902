#!/usr/bin/env bats
# Checks for lesson 03-safe-realloc: grow a block with realloc without losing it, and grow it geometrically.
# Run with `make verify LESSON=03` (your exercise) or `make check LESSON=03`
# (example, solution, shipped exercise, mutants).
#
# Order: the failure sweep runs before the output check here. The shipped
# exercise has two faults: `p = realloc(p, n)` (a leak that only a failed
# realloc shows) and +1 growth (visible in the output). The sweep goes first
# so that the first failure a learner sees is the leak, located at a line of
# exercise.c; after TODO 1 the output check then shows the +1 growth.
# Sizes: every allocation is one Valgrind run in the sweep, and +1 growth
# makes one allocation per element, so the sweep uses n = 10 (19 failure
# points for the example, 4 for the solution). The example's normal run under
# Valgrind uses n = 1000: its default, a million appends, takes about 3 s
# there. Its figures are checked natively, at the default n and at others.

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
readings stored: 1000
block capacity:  1024
reallocations:   8
largest: 99.98 (index 785)
mean:    50.35
EOF_EXERCISE
}

@test "it builds with gcc and clang without a warning" { check_builds; }

@test "it runs clean under valgrind" {
    if is_example; then check_valgrind 1000; else check_valgrind; fi
}

@test "it survives every allocation failure" { check_failure_sweep 10; }

@test "it prints what it must" { check_output; }

@test "it rejects bad arguments" {
    check_bad_args "abc" "-1" "0" "12x" "18446744073709551615" "2305843009213693953" \
        "134217729" "1 2"
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
        echo "[wrong-output] the table has no row \"$1\"; it printed:"
        sed 's/^/    /' <<<"$output"
        return 1
    fi
}

# example_figures [N]: runs the example with N appends (none: its default,
# 1000000) and checks each row against what its policy must cost.
example_figures() {
    local n=${1:-1000000} n1 limit
    run_prog "$@"
    assert_equal "$status" 0
    row reserve
    if [[ "$appends $reallocs $copied" != "$n 1 0" ]]; then
        echo "[wrong-output] reserve: $appends appends took $reallocs reallocations and copied $copied"
        echo "    elements; room for all $n made first must take 1 and copy 0."
        return 1
    fi
    row doubling
    limit=$(($(ceil_log2 "$n") + 1))
    if ((appends != n || reallocs > limit || copied >= 2 * n)); then
        echo "[wrong-output] doubling: $appends appends took $reallocs reallocations and copied $copied"
        echo "    elements; $n appends must take at most ceil(log2 n) + 1 = $limit and copy fewer"
        echo "    than 2n = $((2 * n))."
        return 1
    fi
    row +1
    n1=$((n < 10000 ? n : 10000))
    if ((appends != n1 || reallocs != n1 || copied != n1 * (n1 - 1) / 2)); then
        echo "[wrong-output] +1: $appends appends took $reallocs reallocations and copied $copied elements;"
        echo "    min(n, 10000) = $n1 appends must take $n1 and copy 0 + 1 + ... + (n-1) = $((n1 * (n1 - 1) / 2))."
        return 1
    fi
}

# The example counts, for each reallocation, the elements already stored
# (what a moving realloc copies): +1 growth then copies exactly n(n-1)/2.
# The exercise prints its reallocations; doubling from 4 must take
# ceil(log2(n / 4)) of them.
@test "each growth policy costs what it promises" {
    if is_example; then
        example_figures
        example_figures 1048577
        example_figures 1000
        example_figures 1
        return
    fi
    local n=100000 want
    want=$(ceil_log2 $((n / 4)))
    run_prog "$n"
    assert_equal "$status" 0
    assert_line "readings stored: $n"
    if ! grep -qx "reallocations:   $want" <<<"$output" ||
        ! grep -qx "block capacity:  $((4 << want))" <<<"$output"; then
        echo "[wrong-output] $n readings must take $want reallocations, to a block of $((4 << want)),"
        echo "    when the capacity doubles from 4; it printed:"
        sed 's/^/    /' <<<"$output"
        return 1
    fi
}
