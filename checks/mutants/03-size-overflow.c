/*
 * mutant of: lessons/03-safe-realloc/example.c
 * role: example
 * expect: out-of-bounds
 * bug: size_mul multiplies without checking first: n = 2305843009213693953
 *      doubles wraps around to 8 bytes, passes the argument check, and the
 *      reserved block of 8 bytes is then written as if it held n doubles.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_APPENDS 1000000     /* n when none is given */
#define PLUS_ONE_MAX 10000          /* the +1 policy stops at this n */
#define MAX_BYTES ((size_t)1 << 30) /* the largest n doubles take 1 GiB */

/* The largest capacity whose size in bytes fits in a size_t. */
#define VEC_MAX_CAPACITY (SIZE_MAX / sizeof(double))

/* How a full vector grows. */
enum vec_growth {
    VEC_GROW_BY_ONE, /* to capacity + 1: simple, and quadratic in total */
    VEC_GROW_DOUBLE, /* to capacity * 2, capped at VEC_MAX_CAPACITY */
};

/* A growable array of doubles; it owns its block. */
struct vec {
    double *data;           /* the elements; NULL while capacity is 0 */
    size_t length;          /* elements in use, at data[0 .. length-1] */
    size_t capacity;        /* elements the block has room for */
    enum vec_growth growth; /* the policy used when the block is full */
    size_t reallocations;   /* successful calls to realloc so far */
    size_t copied;          /* elements a moving realloc had to copy */
};

/*
 * Stores count * size in *bytes and returns 0; or returns -1, without
 * multiplying, when the product would not fit in a size_t. This is the
 * test that musl's and OpenBSD's reallocarray make before they multiply.
 */
static int size_mul(size_t count, size_t size, size_t *bytes)
{
    *bytes = count * size;
    return 0;
}

/*
 * Creates an empty vector that grows by `growth`. It owns no block yet:
 * the first append asks realloc(NULL, ...), which is malloc. Returns the
 * vector (the caller frees it with vec_free), or NULL.
 */
static struct vec *vec_new(enum vec_growth growth)
{
    struct vec *v = malloc(sizeof *v);

    if (!v)
        return NULL;
    v->data = NULL;
    v->length = 0;
    v->capacity = 0;
    v->growth = growth;
    v->reallocations = 0;
    v->copied = 0;
    return v;
}

/* Frees v and its block. Takes ownership of v; NULL does nothing. */
static void vec_free(struct vec *v)
{
    if (!v)
        return;
    free(v->data);
    free(v);
}

/*
 * Gives v a block of exactly `count` doubles (count >= v->length), keeping
 * its elements. Returns 0 on success. Returns -1 if count is 0 (it never
 * calls realloc(p, 0), which C23 makes undefined), if count * size would
 * overflow, or if realloc fails; v is then exactly as it was: same block,
 * same elements, still owned by v and freed by vec_free.
 */
static int vec_resize(struct vec *v, size_t count)
{
    double *data;
    size_t bytes;

    if (count == 0 || size_mul(count, sizeof *data, &bytes) != 0)
        return -1;
    data = realloc(v->data, bytes);
    if (!data)
        return -1;
    v->data = data;
    v->capacity = count;
    v->reallocations++;
    v->copied += v->length;
    return 0;
}

/*
 * The growth policy, by name: the capacity a full vector of `capacity`
 * elements grows to. The first block holds 1. Doubling is capped: above
 * VEC_MAX_CAPACITY / 2 the next capacity is VEC_MAX_CAPACITY itself, never
 * a product that wrapped around. Returns 0 when the vector cannot grow.
 */
static size_t vec_next_capacity(size_t capacity, enum vec_growth growth)
{
    if (capacity >= VEC_MAX_CAPACITY)
        return 0;
    if (capacity == 0 || growth == VEC_GROW_BY_ONE)
        return capacity + 1;
    if (capacity > VEC_MAX_CAPACITY / 2)
        return VEC_MAX_CAPACITY;
    return capacity * 2;
}

/*
 * Makes room for `count` elements in all, in one reallocation. Returns 0,
 * or -1 (v unchanged) as vec_resize does.
 */
static int vec_reserve(struct vec *v, size_t count)
{
    if (count <= v->capacity)
        return 0;
    return vec_resize(v, count);
}

/*
 * Appends x, growing the block by v's policy when it is full. Returns 0,
 * or -1 if the block could not grow: x is then not stored, and v still
 * holds every element it held, ready to be used or freed.
 */
static int vec_append(struct vec *v, double x)
{
    if (v->length == v->capacity) {
        size_t capacity = vec_next_capacity(v->capacity, v->growth);

        if (vec_resize(v, capacity) != 0)
            return -1;
    }
    v->data[v->length++] = x;
    return 0;
}

/* Returns the sum of v's elements. */
static double vec_sum(const struct vec *v)
{
    double sum = 0.0;
    size_t i;

    for (i = 0; i < v->length; i++)
        sum += v->data[i];
    return sum;
}

/*
 * Appends 0, 1, ..., n-1 to a new vector that grows by `growth`, after
 * reserving room for all n if `reserve` is true, then prints the row
 * `label` of the table and frees the vector. Returns 0, or 1 after one
 * line on stderr if an allocation failed.
 */
static int measure(const char *label, enum vec_growth growth, bool reserve, size_t n)
{
    struct vec *v;
    size_t i;
    int status = 1;

    v = vec_new(growth);
    if (!v) {
        fprintf(stderr, "growth: out of memory (%zu bytes)\n", sizeof *v);
        return 1;
    }
    if (reserve && vec_reserve(v, n) != 0) {
        fprintf(stderr, "growth: out of memory (reserving %zu doubles)\n", n);
        goto out_free_vec;
    }
    for (i = 0; i < n; i++) {
        if (vec_append(v, (double)i) != 0) {
            fprintf(stderr, "growth: out of memory growing a full vector "
                    "(length %zu, sum %.0f: contents intact)\n",
                    v->length, vec_sum(v));
            goto out_free_vec;
        }
    }
    printf("%-9s %10zu %14zu %16zu %18.2f\n", label, v->length,
           v->reallocations, v->copied, (double)v->copied / (double)v->length);
    status = 0;
out_free_vec:
    vec_free(v);
    return status;
}

/*
 * Reads n from argv into *n: DEFAULT_APPENDS when there is no argument,
 * else a whole number from 1 up to what MAX_BYTES holds. Returns 0, or -1
 * after printing the reason on stderr.
 */
static int parse_count(int argc, char **argv, size_t *n)
{
    unsigned long long value;
    size_t bytes;
    char *end;

    if (argc == 1) {
        *n = DEFAULT_APPENDS;
        return 0;
    }
    if (argc > 2) {
        fprintf(stderr, "growth: too many arguments\n");
        return -1;
    }
    errno = 0;
    value = strtoull(argv[1], &end, 10);
    if (!isdigit((unsigned char)argv[1][0]) || *end != '\0') {
        fprintf(stderr, "growth: n must be a whole number, not \"%s\"\n", argv[1]);
        return -1;
    }
    if (errno == ERANGE || value == 0 || value > SIZE_MAX ||
        size_mul((size_t)value, sizeof(double), &bytes) != 0 || bytes > MAX_BYTES) {
        fprintf(stderr, "growth: n must be from 1 to %zu, not %s\n",
                MAX_BYTES / sizeof(double), argv[1]);
        return -1;
    }
    *n = (size_t)value;
    return 0;
}

int main(int argc, char **argv)
{
    size_t n;
    size_t n_plus_one;
    int status;

    if (parse_count(argc, argv, &n) != 0) {
        fprintf(stderr, "usage: growth [n]\n");
        return 2;
    }
    n_plus_one = n < PLUS_ONE_MAX ? n : PLUS_ONE_MAX;
    printf("%-9s %10s %14s %16s %18s\n", "growth", "appends",
           "reallocations", "elements copied", "copied per append");
    status = measure("reserve", VEC_GROW_DOUBLE, true, n);
    if (status == 0)
        status = measure("doubling", VEC_GROW_DOUBLE, false, n);
    if (status == 0)
        status = measure("+1", VEC_GROW_BY_ONE, false, n_plus_one);
    return status;
}
