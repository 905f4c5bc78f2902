#!/usr/bin/env bats
# Checks for lesson 02-malloc-cleanup: one exit that releases every resource, on every path.
# Run with `make verify LESSON=02` (your exercise) or `make check LESSON=02`
# (example, solution, shipped exercise, mutants).

load lib/common

# The input file the exercise reads in its normal run (the example takes none).
READINGS=$ROOT/lessons/$LESSON/readings.txt

# The arguments of a normal run, by role.
normal_args() {
    is_example || printf '%s\n' "$READINGS"
}

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
  1    12.500  -0.090
  2    14.000   0.722
  3     9.750  -1.580
  4    15.250   1.399
  5    11.000  -0.903
  6    13.500   0.451
mean 12.667  sd 1.847
wrote 6 scores to scores.txt
EOF_EXERCISE
}

# Bad arguments, by role. The example's: not a number, negative, zero,
# trailing junk, too large to allocate (8 TB), a byte size that wraps to 0,
# beyond unsigned long long, one argument too many. The exercise's: no input
# file, one argument too many. And the arguments of a run that writes to
# /dev/full.
if is_example; then
    BAD_ARGS=("abc" "-1" "0" "12x" "1000000000000" "2305843009213693952" "18446744073709551616" "3 out.txt extra")
    DISK_FULL_ARGS=(3 /dev/full)
else
    BAD_ARGS=("" "$READINGS out.txt extra")
    DISK_FULL_ARGS=("$READINGS" /dev/full)
fi

# Bad input files, as SLUG WHAT TEXT WANT: a file SLUG.txt holding TEXT
# (none at all when TEXT is "-"), a file that WHAT, must be refused with the
# line WANT (FILE standing for the file's name) on stderr.
BAD_FILES=(missing "does not exist" - "zscore: cannot open FILE for reading"
    no-count "does not start with a count" "six\n1\n" "zscore: FILE must start with a count from 1 up"
    not-a-number "holds a word among its values" "3\n1.5\nlots\n2\n"
    "zscore: FILE: value 2 of 3 is missing or not a number"
    too-short "holds fewer values than its count" "4\n1.5\n2.5\n"
    "zscore: FILE: value 3 of 4 is missing or not a number")
# 2305843009213693953 values of 8 bytes are 2^64 + 8 bytes: a product that wraps to 8
OVERFLOW_FILE=(overflow "claims 2305843009213693953 values" "2305843009213693953\n1.5\n2.5\n3.5\n"
    "zscore: no room for 2305843009213693953 values")

# The runs under Valgrind of the checks below, made in one start (see setup_file).
plan() {
    local -a args
    mapfile -t args < <(normal_args)
    plan_normal "${args[@]}"
    plan_swept "${args[@]}"
    plan_bad_args "${BAD_ARGS[@]}"
    is_example || plan_bad_inputs "${BAD_FILES[@]}" "${OVERFLOW_FILE[@]}"
    plan_run "$LOG_PATH/disk-full" "${DISK_FULL_ARGS[@]}"
}

# input_file SLUG TEXT: the file SLUG.txt, holding TEXT (none at all when TEXT is "-").
input_file() {
    local file=$LOG_PATH/inputs/$1.txt
    mkdir -p "$LOG_PATH/inputs"
    [[ $2 == - ]] || [[ -f $file ]] || printf '%b' "$2" >"$file"
    printf '%s\n' "$file"
}

# plan_bad_inputs SLUG WHAT TEXT WANT...: plans a run on each file.
plan_bad_inputs() {
    local -a cases=("$@")
    local i
    for ((i = 0; i < ${#cases[@]}; i += 4)); do
        plan_run "$LOG_PATH/input-${cases[i]}" "$(input_file "${cases[i]}" "${cases[i + 2]}")"
    done
}

# bad_inputs SLUG WHAT TEXT WANT [SLUG WHAT TEXT WANT]...: runs the exercise
# under Valgrind on each file SLUG.txt holding TEXT. Each run must exit with
# status 1, print WANT as its one line on stderr, and leave nothing behind.
bad_inputs() {
    local -a cases=("$@")
    local i file
    plan_bad_inputs "$@"
    start_plan
    for ((i = 0; i < ${#cases[@]}; i += 4)); do
        file=$(input_file "${cases[i]}" "${cases[i + 2]}")
        valgrind_verdict "$LOG_PATH/input-${cases[i]}" "Reading a file that ${cases[i + 1]}, under Valgrind:" "" "$file" &&
            expect_run_said "$LOG_PATH/input-${cases[i]}" 1 "${cases[i + 3]//FILE/$file}" \
                "reading a file that ${cases[i + 1]}" || return 1
    done
}

@test "it builds with gcc and clang without a warning" { check_builds; }
@test "it runs clean under valgrind" { mapfile -t args < <(normal_args); check_valgrind "${args[@]}"; }
@test "it prints what it must" { mapfile -t args < <(normal_args); check_output "${args[@]}"; }
@test "it survives every allocation failure" {
    mapfile -t args < <(normal_args)
    check_failure_sweep "${args[@]}"
}

@test "it rejects bad arguments" {
    check_bad_args "${BAD_ARGS[@]}"
}

@test "it writes to the file named on its command line" {
    local file=$BATS_TEST_TMPDIR/three.txt
    if is_example; then
        run_prog 3 "$file"
        expect_status 0 "with \`3 FILE\`" &&
            expect_line "min -1.7830  median 0.6276  max 1.1438" "with \`3 FILE\`, the summary is wrong" &&
            expect_line "wrote 3 values to $file" "with \`3 FILE\`, it must say it wrote FILE" &&
            expect_equal "with \`3 FILE\`, FILE does not hold the 3 values" "$(<"$file")" \
                "$(printf '%s\n' 1.143769 0.627566 -1.783045)"
    else
        printf '3\n1\n2\n6\n' >"$BATS_TEST_TMPDIR/in.txt"
        run_prog "$BATS_TEST_TMPDIR/in.txt" "$file"
        expect_status 0 "with \`IN OUT\`" &&
            expect_line "mean 3.000  sd 2.160" "with \`IN OUT\`, the summary is wrong" &&
            expect_line "wrote 3 scores to $file" "with \`IN OUT\`, it must say it wrote OUT" &&
            expect_equal "with \`IN OUT\`, OUT does not hold the 3 scores" "$(<"$file")" \
                "$(printf '%s\n' -0.925820 -0.462910 1.388730)"
    fi
}

@test "a bad input file is refused in one line, with everything released" {
    is_example && skip "the example reads no file"
    bad_inputs "${BAD_FILES[@]}"
}

@test "a count whose byte size overflows is refused in one line, with everything released" {
    is_example && skip "the example reads no file"
    bad_inputs "${OVERFLOW_FILE[@]}"
}

@test "a full disk is reported in one line, with every file closed and every block freed" {
    local dir=$LOG_PATH/disk-full name=zscore
    is_example && name=noise
    plan_run "$dir" "${DISK_FULL_ARGS[@]}"
    start_plan
    valgrind_verdict "$dir" "When writing to /dev/full (a device that is always full), under Valgrind:" \
        "" "${DISK_FULL_ARGS[@]}" &&
        expect_run_said "$dir" 1 "$name: cannot write /dev/full" "writing to /dev/full"
}

@test "each function keeps every promise of its head comment" {
    has_contracts || skip "the contract tests call the exercise's functions"
    check_contracts
}
