/*
 * Contract tests of lesson 01: logbook_init, logbook_release and
 * logbook_stats, called directly, each promise of their head comments in
 * turn. Built with the learner's exercise.c (see checks/lib/contract.h); run
 * under Valgrind and the failure sweep, so the promises about failure are
 * tested at every allocation too.
 */
#include "contract.h"
#include LESSON_SOURCE
#undef main

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A logbook as the caller may hand it over: not empty, pointing at nothing of the heap. */
static int elsewhere;
static const struct logbook stale = { 7, &elsewhere };

static int empty(const struct logbook *log)
{
    return log->count == 0 && log->tenths == NULL;
}

/* log holds count readings of the sensor seeded with seed, starting from 1.5 degrees. */
static int holds_readings(const struct logbook *log, size_t count, uint32_t seed)
{
    struct sensor s = { seed, 15 };

    if (log->count != count || log->tenths == NULL)
        return 0;
    for (size_t i = 0; i < count; i++)
        if (log->tenths[i] != sensor_next(&s))
            return 0;
    return 1;
}

/*
 * STATS(log): logbook_stats(log) as a struct frost_stats. Until TODO 1 is
 * done it returns a pointer (into its dead frame), which is not read here:
 * stats_copied is then 0, and the result all zeros.
 */
static int stats_copied;

static struct frost_stats copied(struct frost_stats st)
{
    stats_copied = 1;
    return st;
}

static struct frost_stats pointed(const volatile void *p)
{
    static const struct frost_stats none;

    (void)p;
    stats_copied = 0;
    return none;
}

#define STATS(log) \
    (_Generic(logbook_stats(log), struct frost_stats: copied, default: pointed)(logbook_stats(log)))

/* A logbook of these readings, on the heap; NULL tenths if malloc() failed. */
static struct logbook readings_of(const int *tenths, size_t count)
{
    struct logbook log = { count, malloc(count * sizeof *tenths) };

    if (log.tenths)
        memcpy(log.tenths, tenths, count * sizeof *tenths);
    return log;
}

/* The statistics of log are these, and log is as it was: same count, block and readings. */
static int stats_are(struct logbook *log, const int *tenths, struct frost_stats want)
{
    int *block = log->tenths;
    size_t count = log->count;
    struct frost_stats st = STATS(log);

    PROMISE(logbook_stats, "it only reads the readings: the caller still owns them (same count, block, readings)",
            log->count == count && log->tenths == block && memcmp(block, tenths, count * sizeof *tenths) == 0);
    return st.coldest == want.coldest && st.warmest == want.warmest && st.below_zero == want.below_zero &&
           st.longest_frost == want.longest_frost && st.commonest == want.commonest;
}

int main(void)
{
    /* two runs of frost (3 and 4 long; 0 is no frost); -1 and +40.0 tie as the commonest */
    static const int mixed[] = { 15, -3, -400, -3, 400, 0, -1, -1, -1, -1, 7, -400, 400, 400, 400 };
    static const int single[] = { 400 };
    struct logbook log = stale, one;
    int rc;

    PROMISE_NO_CRASH(logbook_release, "logbook_release(NULL) does nothing", (logbook_release(NULL), 1));
    /* a run of the sweep whose call failed ends at each contract_step(): see contract.h */
    contract_step();

    PROMISE(logbook_init, "returns -1 if count is 0: *log is then empty (count 0, tenths NULL)",
            logbook_init(&log, 0, 7u) == -1 && empty(&log));
    contract_step();
    log = stale;
    PROMISE(logbook_init, "returns -1 if count ints do not fit in a size_t (count SIZE_MAX): *log is then empty",
            logbook_init(&log, SIZE_MAX, 7u) == -1 && empty(&log));
    contract_step();
    log = stale;
    inject_fail_next();
    PROMISE(logbook_init, "returns -1 if malloc() fails: *log is then empty (count 0, tenths NULL) and nothing is allocated",
            logbook_init(&log, 5, 7u) == -1 && empty(&log));
    inject_fail_cancel();   /* in case logbook_init() made no call to malloc() */
    contract_step();

    /* Valgrind: the readings are one heap block, which logbook_release() frees */
    log = stale;
    errno = 0;
    rc = logbook_init(&log, 5, 7u);
    if (rc == 0) {
        PROMISE(logbook_init, "fills *log with count readings from a sensor seeded with seed, starting from 1.5 degrees",
                holds_readings(&log, 5, 7u));
        logbook_release(&log);
        PROMISE(logbook_release, "frees the readings of *log and leaves it empty (count 0, tenths NULL)", empty(&log));
        if (empty(&log)) {
            logbook_release(&log);
            PROMISE(logbook_release, "releasing it again does nothing", empty(&log));
        }
    } else {
        /* only if the failure sweep made its malloc() fail (errno ENOMEM) */
        PROMISE(logbook_init, "returns 0 (it fails only if count is 0, too big, or malloc() fails)",
                rc == -1 && errno == ENOMEM);
    }
    contract_step();

    log = readings_of(mixed, sizeof mixed / sizeof *mixed);
    one = readings_of(single, 1);
    if (log.tenths && one.tenths) {
        struct frost_stats want = { -400, 400, 8, 4, -1 }, want_one = { 400, 400, 0, 0, 400 };
        int right = stats_are(&log, mixed, want);

        if (stats_copied) {
            PROMISE(logbook_stats, "returns the frost statistics of log's readings (coldest, warmest, below zero, "
                    "longest frost, commonest: the lowest of a tie)", right);
            PROMISE(logbook_stats, "returns the frost statistics of log's readings (of one reading of +40.0)",
                    stats_are(&one, single, want_one));
        } else {
            PROMISE(logbook_stats, "the result is a copy that needs no free (a struct frost_stats, by value)", 0);
        }
    }
    free(log.tenths); /* the caller still owns them: Valgrind sees any second free */
    free(one.tenths);
    contract_step();

    /* last: an init that lets count * sizeof(int) wrap to 0 writes far past its block */
    log = stale;
    PROMISE_NO_CRASH(logbook_init, "returns -1 if count ints do not fit in a size_t (count SIZE_MAX / sizeof(int) + 1)",
                     logbook_init(&log, SIZE_MAX / sizeof(int) + 1, 7u) == -1 && empty(&log));
    return contract_end();
}
