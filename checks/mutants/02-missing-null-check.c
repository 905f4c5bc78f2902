/*
 * mutant of: lessons/02-malloc-cleanup/example.c
 * role: example
 * expect: null-deref
 * bug: noise_new() fills the block without checking that malloc returned one.
 */
/*
 * example.c, lesson 02: C's try/finally.
 *
 *     noise [COUNT [FILE]]
 *
 * Draws COUNT values (default 8) from the standard normal distribution with a
 * seeded generator, writes them to FILE (default noise.txt), and prints them
 * with their smallest, median and largest value.
 *
 * noise_report() holds three resources at once: the block of values, a sorted
 * copy of it, and the open file. It releases them on every path through one
 * exit: labels named for what they undo, in reverse order of acquisition.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOISE_DEFAULT_COUNT 8
#define NOISE_DEFAULT_PATH "noise.txt"
#define NOISE_MAX_BYTES ((size_t)1 << 30)         /* refuse blocks over 1 GiB */
#define NOISE_MAX_COUNT (NOISE_MAX_BYTES / sizeof(double))
#define NOISE_SEED 2024
#define NOISE_TWO_PI 6.283185307179586
#define NOISE_USAGE "usage: noise [COUNT [FILE]]\n"

/* A splitmix64 generator: the same seed gives the same values everywhere. */
struct noise_rng {
    uint64_t state;     /* advanced by a fixed odd constant on every draw */
};

/* noise_next: advance rng and return its next 64 well-mixed bits. */
static uint64_t noise_next(struct noise_rng *rng)
{
    uint64_t z;

    rng->state += UINT64_C(0x9e3779b97f4a7c15);
    z = rng->state;
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* noise_uniform: a value in [0, 1) made of the top 53 bits of a draw. */
static double noise_uniform(struct noise_rng *rng)
{
    return (double)(noise_next(rng) >> 11) / 9007199254740992.0;   /* 2^53 */
}

/*
 * noise_normal: a value from the normal distribution with mean 0 and
 * standard deviation 1, made from two uniform values (Box-Muller).
 */
static double noise_normal(struct noise_rng *rng)
{
    double u1 = 1.0 - noise_uniform(rng);       /* in (0, 1]: log(0) is -inf */
    double u2 = noise_uniform(rng);

    return sqrt(-2.0 * log(u1)) * cos(NOISE_TWO_PI * u2);
}

/*
 * noise_count_fits: true when a block of count doubles is no larger than
 * NOISE_MAX_BYTES. It divides instead of multiplying, so the test itself
 * cannot overflow; once it is true, count * sizeof(double) cannot wrap.
 */
static bool noise_count_fits(size_t count)
{
    return count <= NOISE_MAX_BYTES / sizeof(double);
}

/*
 * noise_new: allocate a block of count doubles and fill it from rng.
 * Returns the block, which the caller must free(); or prints one line on
 * stderr and returns NULL when count is too large or memory runs out.
 */
static double *noise_new(size_t count, struct noise_rng *rng)
{
    double *samples;

    if (!noise_count_fits(count)) {
        fprintf(stderr, "noise: %zu values are too many\n", count);
        return NULL;
    }
    samples = malloc(count * sizeof *samples);
    for (size_t i = 0; i < count; i++)
        samples[i] = noise_normal(rng);
    return samples;
}

/* noise_compare: the order qsort() needs for doubles, smallest first. */
static int noise_compare(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;

    return (x > y) - (x < y);
}

/*
 * noise_write: write count values to out, one a line, and flush them.
 * Returns 0, or -1 after one line on stderr naming path. Does not close out:
 * whoever opened the file closes it.
 */
static int noise_write(FILE *out, const char *path, const double *samples, size_t count)
{
    for (size_t i = 0; i < count; i++)
        fprintf(out, "%.6f\n", samples[i]);
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "noise: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

/* noise_print: print the values as drawn, then the extremes and the median. */
static void noise_print(const double *samples, const double *sorted, size_t count)
{
    double median = sorted[count / 2];

    if (count % 2 == 0)
        median = (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    for (size_t i = 0; i < count; i++)
        printf("%3zu %8.4f\n", i + 1, samples[i]);
    printf("min %.4f  median %.4f  max %.4f\n", sorted[0], median, sorted[count - 1]);
}

/*
 * noise_report: draw count values (count > 0), write them to the file at
 * path, and print them with their extremes and median. Everything it
 * acquires it releases before it returns. Returns 0, or -1 after one line
 * on stderr.
 */
static int noise_report(size_t count, const char *path)
{
    struct noise_rng rng = { NOISE_SEED };
    double *samples;
    double *sorted;
    FILE *out;
    int rc = -1;

    samples = noise_new(count, &rng);
    if (samples == NULL)
        return -1;                      /* nothing to undo yet */
    sorted = malloc(count * sizeof *sorted);    /* same count as samples: fits */
    if (sorted == NULL) {
        fprintf(stderr, "noise: out of memory (%zu bytes)\n", count * sizeof *sorted);
        goto out_free_samples;
    }
    memcpy(sorted, samples, count * sizeof *sorted);
    qsort(sorted, count, sizeof *sorted, noise_compare);
    out = fopen(path, "w");
    if (out == NULL) {
        fprintf(stderr, "noise: cannot open %s for writing\n", path);
        goto out_free_sorted;
    }
    if (noise_write(out, path, samples, count) != 0)
        goto out_close_file;
    noise_print(samples, sorted, count);
    printf("wrote %zu values to %s\n", count, path);
    rc = 0;

out_close_file:
    fclose(out);
out_free_sorted:
    free(sorted);
out_free_samples:
    free(samples);
    return rc;
}

/*
 * noise_parse_count: read a count from text into *count. Returns 0, or -1
 * when text is not a plain decimal number, is 0, or asks for a block that
 * noise_count_fits() refuses.
 */
static int noise_parse_count(const char *text, size_t *count)
{
    unsigned long long value;
    char *end;

    if (text[0] < '0' || text[0] > '9')     /* strtoull accepts "-1" and " 1" */
        return -1;
    errno = 0;
    value = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    if (value == 0 || value > SIZE_MAX || !noise_count_fits((size_t)value))
        return -1;
    *count = (size_t)value;
    return 0;
}

int main(int argc, char *argv[])
{
    size_t count = NOISE_DEFAULT_COUNT;
    const char *path = NOISE_DEFAULT_PATH;

    if (argc > 3) {
        fprintf(stderr, "noise: too many arguments\n" NOISE_USAGE);
        return 2;
    }
    if (argc > 1 && noise_parse_count(argv[1], &count) != 0) {
        fprintf(stderr, "noise: COUNT must be a whole number from 1 to %zu\n" NOISE_USAGE,
                NOISE_MAX_COUNT);
        return 2;
    }
    if (argc > 2)
        path = argv[2];
    return noise_report(count, path) == 0 ? 0 : 1;
}
