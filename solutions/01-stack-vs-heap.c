/*
 * Lesson 01 solution: a thermometer's log, its readings on the heap.
 *
 * Usage: exercise [COUNT]
 * Logs COUNT readings (12 if no COUNT is given) of a simulated thermometer,
 * in tenths of a degree, prints the first few and the frost statistics.
 *
 * What lives where:
 *   main's frame  the struct logbook (a count and a pointer) and the struct
 *                 frost_stats (a few numbers, returned by value)
 *   the heap      the COUNT readings, from logbook_init() to logbook_release()
 *
 * logbook_init(), logbook_release() and logbook_stats() are not static: they
 * are the logbook's interface, and tests call them directly.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define LOG_DEFAULT_COUNT 12 /* readings taken when no COUNT is given */
#define LOG_SHOWN 12         /* the most readings main() prints */
#define LOG_SEED 20240117u   /* the sensor's seed: the same log every run */
#define LOG_COLDEST (-400)   /* no reading is below -40.0 degrees */
#define LOG_WARMEST 400      /* no reading is above +40.0 degrees */

static const char prog_name[] = "thermo";

/* A simulated thermometer: each reading drifts from the one before. */
struct sensor {
    uint32_t state; /* a linear congruential generator's state */
    int tenths;     /* the last reading, in tenths of a degree */
};

/* A log of readings: small, so it lives in its owner's frame. */
struct logbook {
    size_t count; /* how many readings tenths points to; 0 when empty */
    int *tenths;  /* the readings, on the heap, or NULL when empty */
};

/* What logbook_stats() finds: a few numbers, so returned by value. */
struct frost_stats {
    int coldest;          /* the lowest reading, in tenths */
    int warmest;          /* the highest reading, in tenths */
    size_t below_zero;    /* how many readings are below 0 */
    size_t longest_frost; /* the most readings below 0 in a row */
    int commonest;        /* the most frequent reading (the lowest of a tie) */
};

/*
 * Advances *s and returns its next reading: the last one, pulled a little
 * towards 0, plus a step from -2.0 to +2.0 degrees. The pull keeps every
 * reading from LOG_COLDEST to LOG_WARMEST.
 */
static int sensor_next(struct sensor *s)
{
    s->state = s->state * 1103515245u + 12345u;
    s->tenths += (int)((s->state >> 16) % 41) - 20 - s->tenths / 16;
    return s->tenths;
}

/*
 * Fills *log with count readings from a sensor seeded with seed, starting
 * from 1.5 degrees. Returns 0; the caller owns the readings and gives them
 * back with logbook_release(). Returns -1 if count is 0, if count ints do not
 * fit in a size_t, or if malloc() fails: *log is then empty (count 0, tenths
 * NULL) and nothing is allocated.
 */
int logbook_init(struct logbook *log, size_t count, uint32_t seed)
{
    struct sensor s = { seed, 15 };

    log->count = 0;
    log->tenths = NULL;
    if (count == 0 || count > SIZE_MAX / sizeof *log->tenths)
        return -1;
    log->tenths = malloc(count * sizeof *log->tenths);
    if (!log->tenths)
        return -1;
    for (size_t i = 0; i < count; i++)
        log->tenths[i] = sensor_next(&s);
    log->count = count;
    return 0;
}

/*
 * Frees the readings of *log and leaves it empty (count 0, tenths NULL), so
 * that releasing it again does nothing. logbook_release(NULL) does nothing.
 */
void logbook_release(struct logbook *log)
{
    if (!log)
        return;
    free(log->tenths);
    log->tenths = NULL;
    log->count = 0;
}

/*
 * Returns the frost statistics of log's readings; log->count > 0. It only
 * reads the readings: the caller still owns them, and the result is a copy
 * that needs no free.
 */
struct frost_stats logbook_stats(const struct logbook *log)
{
    size_t tally[LOG_WARMEST - LOG_COLDEST + 1] = { 0 }; /* by reading */
    struct frost_stats st = { log->tenths[0], log->tenths[0], 0, 0, LOG_COLDEST };
    size_t run = 0;

    for (size_t i = 0; i < log->count; i++) {
        int t = log->tenths[i];

        if (t < st.coldest)
            st.coldest = t;
        if (t > st.warmest)
            st.warmest = t;
        run = t < 0 ? run + 1 : 0;
        if (t < 0)
            st.below_zero++;
        if (run > st.longest_frost)
            st.longest_frost = run;
        tally[t - LOG_COLDEST]++;
    }
    for (int t = LOG_COLDEST; t <= LOG_WARMEST; t++)
        if (tally[t - LOG_COLDEST] > tally[st.commonest - LOG_COLDEST])
            st.commonest = t;
    return st;
}

/*
 * Parses arg, decimal digits only, as a count from 1 to max into *count.
 * Returns 0, or -1 (leaving *count alone) if arg is anything else.
 */
static int parse_count(const char *arg, size_t max, size_t *count)
{
    unsigned long long value;
    char *end;

    if (*arg < '0' || *arg > '9')
        return -1;
    errno = 0;
    value = strtoull(arg, &end, 10);
    if (errno != 0 || *end != '\0' || value == 0 || value > max)
        return -1;
    *count = (size_t)value;
    return 0;
}

/*
 * Logs COUNT readings, prints the first ones and the frost statistics.
 * Exits 0, 1 if out of memory, 2 on bad arguments.
 */
int main(int argc, char **argv)
{
    size_t count = LOG_DEFAULT_COUNT;
    struct logbook log;
    struct frost_stats st;
    const size_t max_count = SIZE_MAX / sizeof *log.tenths;

    if (argc > 2 || (argc == 2 && parse_count(argv[1], max_count, &count))) {
        fprintf(stderr, "usage: %s [COUNT]   (COUNT from 1 to %zu)\n",
                prog_name, max_count);
        return 2;
    }

    /*
     * main owns the readings from logbook_init() on, and gives them back
     * with logbook_release(); st is a copy in this frame, with nothing to
     * free. A failed logbook_init() leaves nothing to give back.
     */
    if (logbook_init(&log, count, LOG_SEED) != 0) {
        fprintf(stderr, "%s: out of memory (%zu bytes)\n",
                prog_name, count * sizeof *log.tenths);
        return 1;
    }
    printf("%zu readings (%zu bytes), owned by main\n",
           log.count, log.count * sizeof *log.tenths);
    for (size_t i = 0; i < log.count && i < LOG_SHOWN; i++)
        printf("  reading %2zu: %5.1f\n", i, log.tenths[i] / 10.0);
    st = logbook_stats(&log);
    logbook_release(&log);

    printf("coldest %.1f, warmest %.1f\n", st.coldest / 10.0, st.warmest / 10.0);
    printf("readings below zero: %zu, at most %zu in a row\n",
           st.below_zero, st.longest_frost);
    printf("most often %.1f\n", st.commonest / 10.0);
    return 0;
}
