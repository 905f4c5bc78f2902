/*
 * Lesson 01 exercise: give a list of samples a lifetime of its own.
 *
 * series_make() draws six samples into an array in its own stack frame and
 * returns a series that points at that array. The array dies when
 * series_make() returns, so series_print() reads a dead stack frame. Neither
 * gcc nor clang warns about it here; Valgrind sees it at run time.
 *
 * Do TODO 1 and TODO 2, then run `make verify LESSON=01` until it passes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define SERIES_COUNT 6 /* how many samples main() asks for */
#define SERIES_CAP 64  /* the most the array in series_make() can hold */

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
 *
 * TODO 1: values is an automatic array: it lives in this function's stack
 * frame and dies when the function returns, so the series returned points
 * at dead memory. Put the samples on the heap, where they live until free():
 *   - delete the line `double values[SERIES_CAP];` (and SERIES_CAP above);
 *   - change `count > SERIES_CAP` to `count > SIZE_MAX / sizeof *s.values`,
 *     so that the size computed below cannot overflow;
 *   - replace `s.values = values;` by two statements:
 *     `s.values = malloc(count * sizeof *s.values);` and
 *     `if (!s.values) return s;` (s is still the empty series there);
 *   - add a sentence to this comment: "The caller owns the values of the
 *     series and must free() them."
 * `make verify LESSON=01` then reports a leak of 48 bytes allocated at
 * your malloc line: nothing frees the block yet. That is TODO 2.
 */
static struct series series_make(size_t count, struct noise_gen *gen)
{
    double values[SERIES_CAP];
    struct series s = { 0, NULL };

    if (count > SERIES_CAP)
        return s;
    s.values = values;
    for (size_t i = 0; i < count; i++)
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
 * Makes a series of SERIES_COUNT samples and prints it. Exits 0, or 1 with
 * one line on stderr if the series cannot be made.
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
    /*
     * TODO 2: once TODO 1 is done, main owns s.values. Give the block back
     * when you are done with it: add `free(s.values);` here, after the
     * printing and before `return 0;`. `make verify LESSON=01` then passes.
     */
    return 0;
}
