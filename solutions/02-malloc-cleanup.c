/*
 * exercise.c, lesson 02: C's try/finally.
 *
 *     walk [COUNT [FILE]]
 *
 * A random walk on a line: takes COUNT steps (default 10), each of a length
 * drawn from the standard normal distribution with a seeded generator, writes
 * the position after each step to FILE (default walk.txt), and prints the
 * walk with its final position and the farthest it got from the start.
 *
 * walk_run() holds three resources at once: the block of steps, the block of
 * positions and the open file. It releases all of them on every path.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define WALK_DEFAULT_COUNT 10
#define WALK_DEFAULT_PATH "walk.txt"
#define WALK_MAX_BYTES ((size_t)1 << 30)          /* refuse blocks over 1 GiB */
#define WALK_MAX_COUNT (WALK_MAX_BYTES / sizeof(double))
#define WALK_SEED 7
#define WALK_TWO_PI 6.283185307179586
#define WALK_USAGE "usage: walk [COUNT [FILE]]\n"

/* A splitmix64 generator: the same seed gives the same walk everywhere. */
struct walk_rng {
    uint64_t state;     /* advanced by a fixed odd constant on every draw */
};

/* walk_next: advance rng and return its next 64 well-mixed bits. */
static uint64_t walk_next(struct walk_rng *rng)
{
    uint64_t z;

    rng->state += UINT64_C(0x9e3779b97f4a7c15);
    z = rng->state;
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* walk_uniform: a value in [0, 1) made of the top 53 bits of a draw. */
static double walk_uniform(struct walk_rng *rng)
{
    return (double)(walk_next(rng) >> 11) / 9007199254740992.0;    /* 2^53 */
}

/* walk_normal: a value with mean 0 and standard deviation 1 (Box-Muller). */
static double walk_normal(struct walk_rng *rng)
{
    double u1 = 1.0 - walk_uniform(rng);        /* in (0, 1]: log(0) is -inf */
    double u2 = walk_uniform(rng);

    return sqrt(-2.0 * log(u1)) * cos(WALK_TWO_PI * u2);
}

/* walk_count_fits: true when count doubles fit in WALK_MAX_BYTES. */
static bool walk_count_fits(size_t count)
{
    return count <= WALK_MAX_BYTES / sizeof(double);
}

/* walk_fill: draw count steps; positions[i] is where step i ends. */
static void walk_fill(double *steps, double *positions, size_t count, struct walk_rng *rng)
{
    double position = 0.0;

    for (size_t i = 0; i < count; i++) {
        steps[i] = walk_normal(rng);
        position += steps[i];
        positions[i] = position;
    }
}

/*
 * walk_write: write count positions to out, one a line, and flush them.
 * Returns 0, or -1 after one line on stderr naming path. Does not close out:
 * whoever opened the file closes it.
 */
static int walk_write(FILE *out, const char *path, const double *positions, size_t count)
{
    for (size_t i = 0; i < count; i++)
        fprintf(out, "%.6f\n", positions[i]);
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "walk: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

/* walk_print: print each step and position, then the final and farthest. */
static void walk_print(const double *steps, const double *positions, size_t count)
{
    size_t far = 0;

    for (size_t i = 0; i < count; i++) {
        printf("%3zu %8.4f %8.4f\n", i + 1, steps[i], positions[i]);
        if (fabs(positions[i]) > fabs(positions[far]))
            far = i;
    }
    printf("final %.4f  farthest %.4f after step %zu\n",
           positions[count - 1], positions[far], far + 1);
}

/*
 * walk_run: take count steps (count > 0), write the positions to the file
 * at path, and print the walk. Everything it acquires it releases before
 * it returns. Returns 0, or -1 after one line on stderr.
 */
static int walk_run(size_t count, const char *path)
{
    struct walk_rng rng = { WALK_SEED };
    double *steps;
    double *positions;
    FILE *out;
    int rc = -1;

    if (!walk_count_fits(count)) {
        fprintf(stderr, "walk: %zu steps are too many\n", count);
        return -1;
    }
    steps = malloc(count * sizeof *steps);
    if (steps == NULL) {
        fprintf(stderr, "walk: out of memory (%zu bytes)\n", count * sizeof *steps);
        return -1;
    }
    positions = malloc(count * sizeof *positions);
    if (positions == NULL) {
        fprintf(stderr, "walk: out of memory (%zu bytes)\n", count * sizeof *positions);
        goto out_free_steps;
    }
    out = fopen(path, "w");
    if (out == NULL) {
        fprintf(stderr, "walk: cannot open %s for writing\n", path);
        goto out_free_positions;
    }
    walk_fill(steps, positions, count, &rng);
    if (walk_write(out, path, positions, count) != 0)
        goto out_close_file;
    walk_print(steps, positions, count);
    printf("wrote %zu positions to %s\n", count, path);
    rc = 0;

out_close_file:
    fclose(out);
out_free_positions:
    free(positions);
out_free_steps:
    free(steps);
    return rc;
}

/*
 * walk_parse_count: read a count from text into *count. Returns 0, or -1
 * when text is not a plain decimal number, is 0, or asks for a block that
 * walk_count_fits() refuses.
 */
static int walk_parse_count(const char *text, size_t *count)
{
    unsigned long long value;
    char *end;

    if (text[0] < '0' || text[0] > '9')     /* strtoull accepts "-1" and " 1" */
        return -1;
    errno = 0;
    value = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    if (value == 0 || value > SIZE_MAX || !walk_count_fits((size_t)value))
        return -1;
    *count = (size_t)value;
    return 0;
}

int main(int argc, char *argv[])
{
    size_t count = WALK_DEFAULT_COUNT;
    const char *path = WALK_DEFAULT_PATH;

    if (argc > 3) {
        fprintf(stderr, "walk: too many arguments\n" WALK_USAGE);
        return 2;
    }
    if (argc > 1 && walk_parse_count(argv[1], &count) != 0) {
        fprintf(stderr, "walk: COUNT must be a whole number from 1 to %zu\n" WALK_USAGE,
                WALK_MAX_COUNT);
        return 2;
    }
    if (argc > 2)
        path = argv[2];
    return walk_run(count, path) == 0 ? 0 : 1;
}
