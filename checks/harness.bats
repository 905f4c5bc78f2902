#!/usr/bin/env bats
# The checks' own tests: small programs in checks/harness/, each with one
# known problem, must fail the check that looks for it, with the right kind
# of problem named; a clean program must pass. Run by `make check`.

load lib/common
# assert_output and its kin: only these tests use them (a lesson's checks
# do not pay for loading them)
bats_load_library bats-support
bats_load_library bats-assert

expected_harness() {
    echo "hello, heap"
}

# Points the check functions at the harness program NAME.
use() {
    SRC=checks/harness/$1.c
    BIN=build/harness/$1
    BIN_PATH=$ROOT/$BIN
    LOG_PATH=$ROOT/build/harness/logs/$1
    rm -rf "$LOG_PATH"
    mkdir -p "$LOG_PATH"
}

# The first kind of problem a failed check named.
first_kind() {
    grep -m 1 -o '^\[[a-z-]*\]' <<<"$output"
}

@test "a clean program passes every check" {
    use clean
    run check_builds
    assert_success
    run check_valgrind
    assert_success
    run check_output
    assert_success
    run check_failure_sweep
    assert_success
    assert_equal "$(cat "$LOG_PATH/failure-points")" 1
}

@test "a program that leaks one byte fails with a leak of 1 byte named at its line" {
    use leak-one-byte
    run check_valgrind
    assert_failure
    assert_equal "$(first_kind)" "[leak]"
    assert_output --partial "1 byte in 1 block were never freed"
    assert_output --partial "allocated at checks/harness/leak-one-byte.c:7, in main()"
}

@test "a program that reads freed memory fails with a use after free named" {
    use use-after-free
    run check_valgrind
    assert_failure
    assert_equal "$(first_kind)" "[use-after-free]"
    assert_output --partial "a read of 4 bytes from a block that was already freed"
    assert_output --partial "at checks/harness/use-after-free.c:15, in main()"
    assert_output --partial "freed at checks/harness/use-after-free.c:14"
}

@test "a program that leaves a file open fails with the file named" {
    use open-file
    run check_valgrind
    assert_failure
    assert_equal "$(first_kind)" "[fd-leak]"
    assert_output --partial "a file was left open: left-open.txt"
    assert_output --partial "opened at checks/harness/open-file.c:6, in main()"
}

@test "a program that dies of a segfault fails with the signal named" {
    use segfault
    run check_valgrind
    assert_failure
    assert_equal "$(first_kind)" "[invalid-access]"
    assert_output --partial "signal 11 (SIGSEGV)"
    run check_output
    assert_failure
    assert_equal "$(first_kind)" "[crash]"
    assert_output --partial "killed by signal 11"
}

@test "a program that loops forever is stopped and named within the time bound" {
    use loop-forever
    local started=$SECONDS
    CHECK_TIMEOUT=2 run check_valgrind
    assert_failure
    assert_equal "$(first_kind)" "[timeout]"
    # 2 s of run, 5 s of grace before the kill: far less than 60 s.
    assert [ $((SECONDS - started)) -lt 60 ]
    CHECK_TIMEOUT=2 run check_output
    assert_failure
    assert_equal "$(first_kind)" "[timeout]"
}

@test "a program with the wrong output fails with the difference shown" {
    use wrong-output
    run check_output
    assert_failure
    assert_equal "$(first_kind)" "[wrong-output]"
    assert_output --partial "-hello, heap"
    assert_output --partial "+hello, stack"
}

@test "a program that ignores a failed allocation fails the sweep with a null dereference" {
    use ignores-failure
    run check_valgrind
    assert_success
    run check_failure_sweep
    assert_failure
    assert_output --partial "When call 1, malloc(12) (at checks/harness/ignores-failure.c:8, in main()) was made to fail:"
    assert_equal "$(first_kind)" "[null-deref]"
    assert_output --partial "INJECT_FAIL_AT=1 valgrind"
}

@test "a leak on an error path passes a normal run and fails the sweep" {
    use error-path-leak
    run check_valgrind
    assert_success
    run check_failure_sweep
    assert_failure
    assert_output --partial "When call 2, malloc(6) (at checks/harness/error-path-leak.c:16"
    assert_equal "$(first_kind)" "[leak]"
    assert_output --partial "allocated at checks/harness/error-path-leak.c:9"
}

@test "a decision on uninitialised memory is named with the allocation it came from" {
    use uninitialised
    run check_valgrind
    assert_failure
    assert_equal "$(first_kind)" "[uninitialised]"
    assert_output --partial "at checks/harness/uninitialised.c:13"
    assert_output --partial "the memory was allocated at checks/harness/uninitialised.c:7"
}

@test "a double free is named with both frees" {
    use double-free
    run check_valgrind
    assert_failure
    assert_equal "$(first_kind)" "[double-free]"
    assert_output --partial "second free at checks/harness/double-free.c:15"
    assert_output --partial "first free at checks/harness/double-free.c:14"
}

@test "a write one past the end of a block is named out of bounds" {
    use off-by-one
    run check_valgrind
    assert_failure
    assert_equal "$(first_kind)" "[out-of-bounds]"
    assert_output --partial "a write of 8 bytes, just past the end of a block of 32 bytes"
    assert_output --partial "at checks/harness/off-by-one.c:15"
}

@test "bad arguments pass when refused with a usage line and status 2" {
    use args
    run check_bad_args "abc" "-1" "101" "1 2" "18446744073709551616"
    assert_success
}

@test "bad arguments that are accepted fail the check" {
    use lax-args
    run check_bad_args "abc"
    assert_failure
    assert_equal "$(first_kind)" "[bad-args]"
    assert_output --partial "exited with status 0"
}

# Points the check functions at the sanitizer build of harness program NAME.
use_sanitized() {
    use "$1"
    SANITIZE=1
    BIN=build/sanitize/harness/$1
    BIN_PATH=$ROOT/$BIN
}

@test "with SANITIZE=1 a clean program passes a run and the sweep" {
    use_sanitized clean
    run check_valgrind
    assert_success
    run check_failure_sweep
    assert_success
}

@test "with SANITIZE=1 a use after free is named by AddressSanitizer" {
    use_sanitized use-after-free
    run check_valgrind
    assert_failure
    assert_equal "$(first_kind)" "[use-after-free]"
    assert_output --partial "at checks/harness/use-after-free.c:15, in main()"
}

@test "with SANITIZE=1 a one-byte leak is named by LeakSanitizer" {
    use_sanitized leak-one-byte
    run check_valgrind
    assert_failure
    assert_equal "$(first_kind)" "[leak]"
    assert_output --partial "at checks/harness/leak-one-byte.c:7"
}

@test "with SANITIZE=1 an ignored allocation failure is named a null dereference" {
    use_sanitized ignores-failure
    run check_failure_sweep
    assert_failure
    assert_equal "$(first_kind)" "[null-deref]"
}

@test "a lost block is named before the blocks only it pointed to" {
    use lost-list
    run check_valgrind
    assert_failure
    assert_line --index 1 "[leak] 8 bytes in 1 block were never freed (definitely lost: no pointer to them remains);"
    assert_line --index 2 "    the 16 bytes they alone pointed to were lost with them (indirectly lost)"
    assert_line --index 3 "    allocated at checks/harness/lost-list.c:12, in main()"
    assert_output --partial "[leak] 16 bytes in 1 block were never freed (indirectly lost"
}

@test "a compiler warning is shown with the note that explains it" {
    use warns
    run check_builds
    assert_failure
    assert_equal "$(first_kind)" "[warning]"
    # gcc quotes with ‘ ’ under a UTF-8 locale and with ' ' under C: either will do
    assert_output --regexp "warns\.c:10:13: warning: pointer .{1,3}p.{1,3} used after .{1,3}free.{1,3} \[-Wuse-after-free\]"
    assert_output --regexp "warns\.c:9:5: note: call to .{1,3}free.{1,3} here"
}

@test "a lesson's own assertion fails as a finding, with its kind and both values" {
    use clean
    run expect_equal "the total is wrong" "41" "42"
    assert_failure
    assert_line --index 0 "[wrong-output] the total is wrong"
    assert_line --index 1 "    it must be:  42"
    assert_line --index 2 "    it is:       41"
    assert_equal "$(grep -c '^kind	wrong-output$' "$LOG_PATH/findings")" 1
}

@test "a missing valgrind fails the check, naming the package to install" {
    use clean
    # A PATH with every command this machine has, except valgrind.
    local dir f
    mkdir -p "$BATS_TEST_TMPDIR/bin"
    for dir in ${PATH//:/ }; do
        for f in "$dir"/*; do
            # an empty folder leaves the pattern itself; a name seen earlier on PATH wins
            [[ -e $f && $f != */valgrind* && ! -L $BATS_TEST_TMPDIR/bin/${f##*/} ]] || continue
            ln -s "$f" "$BATS_TEST_TMPDIR/bin/"
        done
    done
    PATH=$BATS_TEST_TMPDIR/bin run setup
    assert_failure
    assert_output --partial "[tool] valgrind is not installed: $(install_command valgrind)"
    PATH=$BATS_TEST_TMPDIR/bin run check_valgrind
    assert_failure
    assert_output --partial "[tool] the run could not start (status 127)"
}

@test "a clean run is clean even when an inherited descriptor's path names a kind of bug" {
    use clean
    mkdir -p "$BATS_TEST_TMPDIR/uninitialised-leak-double-free"
    exec 7>"$BATS_TEST_TMPDIR/uninitialised-leak-double-free/open.txt"
    run check_valgrind
    exec 7>&-
    assert_success
}

@test "a run of the sweep is named by the call the sweep made to fail, not one the test failed itself" {
    use clean
    local log=$BATS_TEST_TMPDIR/valgrind.log
    # call 3 made to fail by the sweep, call 2 before it and call 5 after it by
    # the test itself (inject_fail_next), as in a contract test's run
    for n in 2 3 5; do
        printf '**9** inject: call %s, malloc(%s), made to fail\n==9==    at 0x1: VALGRIND_PRINTF_BACKTRACE (valgrind.h:6815)\n==9==    by 0x2: __wrap_malloc (inject.c:149)\n==9==    by 0x3: main (clean.c:%s)\n==9== \n' \
            "$n" "$((n * 8))" "$n"
    done >"$log"
    run diagnose "$log" 3
    assert_output --partial "When call 3, malloc(24) (at checks/harness/clean.c:3, in main()) was made to fail:"
    run diagnose "$log"
    assert_output --partial "When call 2, malloc(16)"
}
