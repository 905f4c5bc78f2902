/*
 * mutant of: lessons/01-stack-vs-heap/example.c
 * role: example
 * expect: bad-args
 * bug: main bounds COUNT by SIZE_MAX, not SIZE_MAX / sizeof *list: a COUNT too big to allocate exits 1, not 2.
 */
/*
 * Lesson 01 example: what lives on the stack, what lives on the heap, and
 * what lives as long as the program.
 *
 * Usage: example [COUNT]
 * Draws COUNT samples of noise (5 if no COUNT is given) into a list on the
 * heap, prints them and a summary. On the way it passes a small struct by
 * value (the callee gets a copy) and by pointer (the callee changes ours).
 *
 * The three storage durations in this file:
 *   static     prog_name, noise_drawn: one object each, from start to exit
 *   automatic  every parameter and local variable: lives in its function's
 *              stack frame and dies when that function returns
 *   allocated  the list from noise_new(): lives from malloc() to free()
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NOISE_DEFAULT_COUNT 5 /* samples drawn when no COUNT is given */

/* The name in messages: static storage, read-only. */
static const char prog_name[] = "stack-vs-heap";

/* Samples drawn by every generator so far: static storage, one for all. */
static unsigned long noise_drawn;

/* A xorshift32 generator: four bytes of state, cheap to copy. */
struct noise_gen {
    uint32_t state; /* the current state; never 0 */
};

/* What noise_summarize() finds in a list; small, so returned by value. */
struct noise_summary {
    double min;  /* the smallest sample */
    double max;  /* the largest sample */
    double mean; /* the arithmetic mean */
};

/* Advances *gen and returns its next sample, in [-1, 1). */
static double noise_next(struct noise_gen *gen)
{
    uint32_t x = gen->state;

    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    gen->state = x;
    noise_drawn++;
    return x / 2147483648.0 - 1.0;
}

/*
 * Returns the sample that comes after gen, without moving the caller's
 * generator: gen is passed by value, so this advances a copy, and the copy
 * dies when the function returns.
 */
static double noise_peek(struct noise_gen gen)
{
    return noise_next(&gen);
}

/*
 * Returns a new list of count samples drawn from *gen, or NULL if count is 0,
 * if count doubles do not fit in a size_t, or if malloc() fails.
 * The caller owns the list and must free() it.
 */
static double *noise_new(size_t count, struct noise_gen *gen)
{
    double *list;

    if (count == 0 || count > SIZE_MAX / sizeof *list)
        return NULL;
    list = malloc(count * sizeof *list);
    if (!list)
        return NULL;
    for (size_t i = 0; i < count; i++)
        list[i] = noise_next(gen);
    return list;
}

/*
 * Returns the smallest, the largest and the mean of list[0..count), count > 0.
 * It only reads the list: the caller still owns it.
 */
static struct noise_summary noise_summarize(const double *list, size_t count)
{
    struct noise_summary sum = { list[0], list[0], 0.0 };
    double total = 0.0;

    for (size_t i = 0; i < count; i++) {
        if (list[i] < sum.min)
            sum.min = list[i];
        if (list[i] > sum.max)
            sum.max = list[i];
        total += list[i];
    }
    sum.mean = total / count;
    return sum;
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
 * Shows a struct passed by value and by pointer, then makes, prints and
 * frees a list of COUNT samples. Exits 0, 1 if out of memory, 2 on bad
 * arguments.
 */
int main(int argc, char **argv)
{
    struct noise_gen gen = { 2463534242u };
    size_t count = NOISE_DEFAULT_COUNT;
    struct noise_summary sum;
    double *list;
    const size_t max_count = SIZE_MAX / sizeof *list;

    if (argc > 2 || (argc == 2 && parse_count(argv[1], SIZE_MAX, &count))) {
        fprintf(stderr, "usage: %s [COUNT]   (COUNT from 1 to %zu)\n",
                prog_name, max_count);
        return 2;
    }

    printf("gen lives in main's frame, state %" PRIu32 "\n", gen.state);
    printf("noise_peek(gen)  -> %7.4f  works on a copy of gen\n",
           noise_peek(gen));
    printf("noise_peek(gen)  -> %7.4f  the same: our gen did not move\n",
           noise_peek(gen));
    printf("noise_next(&gen) -> %7.4f  works on our gen itself\n",
           noise_next(&gen));
    printf("noise_next(&gen) -> %7.4f  our gen moved on\n", noise_next(&gen));

    list = noise_new(count, &gen);
    if (!list) {
        fprintf(stderr, "%s: out of memory (%zu bytes)\n",
                prog_name, count * sizeof *list);
        return 1;
    }
    printf("list of %zu samples on the heap (%zu bytes), owned by main:\n",
           count, count * sizeof *list);
    for (size_t i = 0; i < count; i++)
        printf("  list[%zu] = %7.4f\n", i, list[i]);
    sum = noise_summarize(list, count);
    free(list);

    printf("summary, a copy that outlives the list: "
           "min %.4f, max %.4f, mean %.4f\n", sum.min, sum.max, sum.mean);
    printf("samples drawn, counted in static storage: %lu\n", noise_drawn);
    return 0;
}
