/*
 * Lesson 04, exercise: an object that owns a series of measurements.
 *
 * A struct somemem owns one heap block of doubles. The program measures 3
 * values, grows the series to 6, prints their mean, keeps the first 2, and
 * then hands the object to release_series(), which reports it and destroys
 * it. Ownership moves once: main owns the object from somemem_create() until
 * it hands it over; after that, main must neither use nor destroy it.
 *
 * Three pieces are missing or wrong. Do them in the order make verify LESSON=04
 * reports them, which is the order of their numbers:
 *   TODO 1 in somemem_destroy(), TODO 2 in somemem_resize(),
 *   TODO 3 in release_series().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define SERIES_SEED 7u

/* A xorshift32 generator: the same seed gives the same values everywhere. */
struct rng {
    uint32_t state;     /* never 0: xorshift would stay at 0 forever */
};

/* An object that owns one block of doubles. */
struct somemem {
    size_t len;         /* number of doubles in data, at least 1 */
    double *data;       /* the owned block of len doubles; only somemem_destroy frees it */
};

/* rng_next: a value in [0, 1) in steps of 0.001, so that it prints exactly. */
static double rng_next(struct rng *r)
{
    r->state ^= r->state << 13;
    r->state ^= r->state >> 17;
    r->state ^= r->state << 5;
    return (double)(r->state % 1000) / 1000.0;
}

/*
 * somemem_create: a new object owning a block of n doubles, all 0.0 (n must be
 * at least 1). Returns NULL if n is 0 or memory runs out, and then nothing is
 * left allocated. The caller owns the result and must give it to
 * somemem_destroy().
 */
static struct somemem *somemem_create(size_t n)
{
    struct somemem *m;

    if (n == 0)
        return NULL;
    m = malloc(sizeof *m);
    if (!m)
        goto out;
    m->data = calloc(n, sizeof *m->data);   /* calloc checks n * size itself */
    if (!m->data)
        goto out_free_object;
    m->len = n;
    return m;

out_free_object:
    free(m);
out:
    return NULL;
}

/*
 * somemem_destroy: free the block m owns, then m itself. Takes ownership of m:
 * afterwards m, and any pointer into its old block, must not be used again.
 * somemem_destroy(NULL) does nothing.
 */
static void somemem_destroy(struct somemem *m)
{
    /*
     * TODO 1: this frees the object but not the block it owns: the block
     * leaks. Free m->data first, then m. Mind NULL: destroying NULL must do
     * nothing, and m->data reads through m, so begin with "if (!m) return;".
     * make verify then stops reporting the leak and shows TODO 2's problem.
     */
    free(m);
}

/*
 * somemem_resize: make m hold n doubles (n at least 1). The first doubles keep
 * their values, new ones are 0.0. Returns 0; or -1 if n is 0, if n doubles do
 * not fit in a size_t, or if memory runs out, and then m is unchanged and still
 * owns its old block. Borrows m. On success the block may have moved: pointers
 * into the old block are dangling.
 */
static int somemem_resize(struct somemem *m, size_t n)
{
    if (n == 0 || n > SIZE_MAX / sizeof *m->data)
        return -1;
    /*
     * TODO 2: as shipped, every resize fails as if memory had run out, and the
     * program stops with "series: out of memory (growing to 6 doubles)".
     * Replace the return -1 below with lesson 03's safe realloc:
     *   1. double *data = realloc(m->data, n * sizeof *data);
     *   2. if data is NULL, return -1: m is unchanged and still owns its block;
     *   3. set data[m->len] up to data[n - 1] to 0.0 (nothing when shrinking);
     *   4. only now store data in m->data and n in m->len, and return 0.
     * Never write m->data = realloc(m->data, ...): on failure it loses the block.
     * make verify then runs the program to its end and shows TODO 3's problem.
     */
    return -1;
}

/* somemem_fill: give data[from] to the end of the block values from r. Borrows m. */
static void somemem_fill(struct somemem *m, size_t from, struct rng *r)
{
    for (size_t i = from; i < m->len; i++)
        m->data[i] = rng_next(r);
}

/* somemem_mean: the mean of m's doubles. Borrows m. */
static double somemem_mean(const struct somemem *m)
{
    double sum = 0.0;

    for (size_t i = 0; i < m->len; i++)
        sum += m->data[i];
    return sum / (double)m->len;
}

/* print_doubles: print label and the n doubles at v on one line. Borrows v. */
static void print_doubles(const char *label, const double *v, size_t n)
{
    printf("%-9s", label);
    for (size_t i = 0; i < n; i++)
        printf(" %.3f", v[i]);
    printf("  (%zu doubles)\n", n);
}

/*
 * release_series: print how many doubles m holds and its last one, then
 * destroy m. Takes ownership of m: the caller must not use or destroy m
 * afterwards.
 */
static void release_series(struct somemem *m)
{
    /*
     * TODO 3: the printf below reads m->len and m->data after
     * somemem_destroy(m) has freed them: a use after free. Read everything you
     * need before you give the object up: move the somemem_destroy(m) line
     * below the printf. make verify then passes every check.
     */
    somemem_destroy(m);
    printf("released  %zu doubles, the last one %.3f\n", m->len, m->data[m->len - 1]);
}

/*
 * main: owns m from somemem_create() until it hands m to release_series();
 * on an error path before that, the label at the end destroys m.
 */
int main(void)
{
    struct rng r = { SERIES_SEED };
    struct somemem *m;
    int status = 1;

    m = somemem_create(3);
    if (!m) {
        fprintf(stderr, "series: out of memory (creating 3 doubles)\n");
        goto out;
    }
    somemem_fill(m, 0, &r);
    print_doubles("measured", m->data, m->len);
    if (somemem_resize(m, 6) != 0) {
        fprintf(stderr, "series: out of memory (growing to 6 doubles)\n");
        goto out_destroy_object;
    }
    somemem_fill(m, 3, &r);
    print_doubles("grown", m->data, m->len);
    printf("mean      %.4f\n", somemem_mean(m));
    if (somemem_resize(m, 2) != 0) {
        fprintf(stderr, "series: out of memory (shrinking to 2 doubles)\n");
        goto out_destroy_object;
    }
    print_doubles("kept", m->data, m->len);
    release_series(m);  /* takes ownership: m is no longer main's to use */
    m = NULL;           /* so the destroy below does nothing */
    status = 0;

out_destroy_object:
    somemem_destroy(m);
out:
    return status;
}
