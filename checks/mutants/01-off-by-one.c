/*
 * mutant of: solutions/01-stack-vs-heap.c
 * role: exercise
 * expect: out-of-bounds
 * bug: the fill loop in series_make() runs to i <= count and writes one sample past the block.
 */
/*
 * Lesson 01 solution: give a list of samples a lifetime of its own.
 *
 * series_make() draws six samples into a block on the heap and returns a
 * series that points at it. The block outlives series_make(): main() owns
 * it, prints it, and frees it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define SERIES_COUNT 6 /* how many samples main() asks for */

/* A xorshift32 generator: four bytes of state, cheap to copy. */
struct noise_gen {
    uint32_t state; /* the current state; never 0 */
};

/* A run of samples: a length and a pointer, small enough to pass by value. */
struct series {
    size_t count;   /* how many samples values points to */
    double *values; /* the first sample, or NULL in an empty series */
};

/* Advances *gen and returns its next sample, in [-1, 1). */
static double noise_next(struct noise_gen *gen)
{
    uint32_t x = gen->state;

    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    gen->state = x;
    return x / 2147483648.0 - 1.0;
}

/*
 * Returns a series of count samples drawn from *gen, count > 0. If it cannot,
 * it returns an empty series: count 0 and values NULL.
 * The caller owns the values of the series and must free() them.
 */
static struct series series_make(size_t count, struct noise_gen *gen)
{
    struct series s = { 0, NULL };

    if (count > SIZE_MAX / sizeof *s.values)
        return s;
    s.values = malloc(count * sizeof *s.values);
    if (!s.values)
        return s;
    for (size_t i = 0; i <= count; i++)
        s.values[i] = noise_next(gen);
    s.count = count;
    return s;
}

/*
 * Prints the samples of s, one a line, then their mean; s.count > 0.
 * s comes by value: a copy of the count and of the pointer, not of the
 * samples, so this reads the caller's samples wherever they are.
 */
static void series_print(struct series s)
{
    double total = 0.0;

    for (size_t i = 0; i < s.count; i++) {
        printf("sample %zu: %7.4f\n", i, s.values[i]);
        total += s.values[i];
    }
    printf("mean of %zu: %7.4f\n", s.count, total / s.count);
}

/*
 * Makes a series of SERIES_COUNT samples, prints it and frees it. Exits 0,
 * or 1 with one line on stderr if the series cannot be made.
 */
int main(void)
{
    struct noise_gen gen = { 2024u };
    struct series s = series_make(SERIES_COUNT, &gen);

    if (!s.values) {
        fprintf(stderr, "series: out of memory (%zu bytes)\n",
                SERIES_COUNT * sizeof *s.values);
        return 1;
    }
    series_print(s);
    free(s.values);
    return 0;
}
