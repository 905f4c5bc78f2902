/*
 * contract.h: what a contract test (checks/contracts/NN-topic.c) needs. A
 * contract test includes the learner's file, its main renamed, and calls the
 * functions the learner writes one promise at a time:
 *
 *     #include "contract.h"
 *     #include LESSON_SOURCE
 *     #undef main
 *     int main(void) { ... PROMISE(canvas_destroy, "...", held); ...
 *                      return contract_end(); }
 *
 * make builds it with -DLESSON_SOURCE="..." -Dmain=lesson_main, linked with
 * the injector. Each broken promise is one line on stderr,
 * "broken<TAB>FUNCTION<TAB>PROMISE", which the check turns into a [contract]
 * finding at the function's line in the learner's file. A test that cannot
 * go on (an allocation failed in its own set-up, under the failure sweep)
 * returns contract_end() early: what it tested so far still counts.
 */
#ifndef CONTRACT_H
#define CONTRACT_H

/* POSIX too (getline, sigaction), as the lessons' own files ask for it. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

/* The next call to malloc, calloc, realloc, strdup or fopen fails (inject.c). */
void inject_fail_next(void);
/* ... unless this comes first: the failure asked for is called off. */
void inject_fail_cancel(void);
/* True in a run of the failure sweep (see contract_swept). */
int inject_failing(void);
/* True once this process has failed a call of the sweep's. */
int inject_failed(void);

static int contract_broken;     /* promises broken so far */

/* PROMISE(function, "its promise, in the words of its head comment", held) */
#define PROMISE(fn, words, held) contract_check(#fn, (words), (held) != 0)

static void contract_check(const char *fn, const char *words, int held)
{
    if (held)
        return;
    fprintf(stderr, "broken\t%s\t%s\n", fn, words);
    contract_broken++;
}

/* The exit status: 0 when every promise tested held, 3 when one broke. */
static int contract_end(void)
{
    return contract_broken ? 3 : 0;
}

/*
 * PROMISE_NO_CRASH(function, "its promise", held): PROMISE, for a call that
 * a broken function turns into a crash (a missing NULL check, a block
 * overrun, a division by a size of 0, an abort) or into an endless loop (a
 * sum that wraps): the crash, or 3 s of CPU time spent in the call, breaks that
 * promise, by name, and ends the test, instead of only saying that the
 * tests died or hung.
 */
static const char *contract_crash_fn, *contract_crash_words; /* NULL: no call guarded */

static void contract_crashed(int sig)
{
    static const char why[] = " (the call crashed or never returned)\n";

    if (!contract_crash_fn) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    /* only write(): a signal may come in the middle of stdio */
    if (write(2, "broken\t", 7) < 0 || write(2, contract_crash_fn, strlen(contract_crash_fn)) < 0 ||
        write(2, "\t", 1) < 0 || write(2, contract_crash_words, strlen(contract_crash_words)) < 0 ||
        write(2, why, sizeof why - 1) < 0)
        _exit(4);
    _exit(3);
}

/* Limits the guarded call to `seconds` of CPU time (0: no limit). */
static void contract_timer(int seconds)
{
    struct itimerval timer = { { 0, 0 }, { seconds, 0 } };

    setitimer(ITIMER_VIRTUAL, &timer, NULL);
}

#define PROMISE_NO_CRASH(fn, words, held)                              \
    do {                                                               \
        signal(SIGSEGV, contract_crashed);                             \
        signal(SIGBUS, contract_crashed);                              \
        signal(SIGFPE, contract_crashed);                              \
        signal(SIGABRT, contract_crashed);                             \
        signal(SIGVTALRM, contract_crashed);                           \
        contract_crash_fn = #fn;                                       \
        contract_crash_words = (words);                                \
        contract_timer(3);                                             \
        PROMISE(fn, contract_crash_words, held);                       \
        contract_timer(0);                                             \
        contract_crash_fn = NULL;                                      \
    } while (0)

/*
 * In a run of the failure sweep (a child the sweep forked, or a process
 * started with INJECT_FAIL_AT or INJECT_FAIL_FROM), any allocation may
 * fail, the test's own too: a call that had to succeed then proves nothing,
 * and a test may say so.
 */
static inline int contract_swept(void)
{
    return inject_failing();
}

/*
 * contract_step(): a point between two promises where the test holds
 * nothing. A run of the failure sweep whose call failed before it has shown
 * all it can (what follows runs as in the normal run, or is swept from its
 * own calls) and ends here, through exit, so Valgrind still checks it.
 */
static inline void contract_step(void)
{
    if (inject_failed())
        exit(contract_end());
}

#endif
