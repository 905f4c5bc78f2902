/*
 * mutant of: solutions/03-safe-realloc.c
 * role: exercise
 * expect: leak
 * bug: vec_grow writes realloc's result straight into v->data; when realloc
 *      fails, the only pointer to the old block is overwritten with NULL and
 *      the block leaks (only the failure sweep makes realloc fail).
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_SAMPLES 1000        /* n when none is given */
#define FIRST_CAPACITY 4            /* the room a new vector starts with */
#define MAX_BYTES ((size_t)1 << 30) /* the largest n readings take 1 GiB */
#define SEED 20240503u              /* the generator's first state */

/* The largest capacity whose size in bytes fits in a size_t. */
#define VEC_MAX_CAPACITY (SIZE_MAX / sizeof(double))

/* A growable array of doubles; it owns its block. */
struct vec {
    double *data;         /* the elements; never NULL */
    size_t length;        /* elements in use, at data[0 .. length-1] */
    size_t capacity;      /* elements the block has room for */
    size_t reallocations; /* successful calls to realloc so far */
};

/*
 * Stores count * size in *bytes and returns 0; or returns -1, without
 * multiplying, when the product would not fit in a size_t.
 */
static int size_mul(size_t count, size_t size, size_t *bytes)
{
    if (size != 0 && count > SIZE_MAX / size)
        return -1;
    *bytes = count * size;
    return 0;
}

/*
 * Creates an empty vector with room for `capacity` elements (capacity > 0).
 * Returns the vector (the caller frees it with vec_free), or NULL.
 */
static struct vec *vec_new(size_t capacity)
{
    struct vec *v;
    size_t bytes;

    if (capacity == 0 || size_mul(capacity, sizeof *v->data, &bytes) != 0)
        return NULL;
    v = malloc(sizeof *v);
    if (!v)
        return NULL;
    v->data = malloc(bytes);
    if (!v->data)
        goto out_free_vec;
    v->length = 0;
    v->capacity = capacity;
    v->reallocations = 0;
    return v;

out_free_vec:
    free(v);
    return NULL;
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
 * Gives a full vector a larger block, keeping its elements. The capacity
 * doubles, and is capped at VEC_MAX_CAPACITY instead of overflowing.
 * Returns 0. Returns -1 if v cannot grow or realloc fails; v is then
 * exactly as it was: same block, same elements, still owned by v.
 */
static int vec_grow(struct vec *v)
{
    size_t capacity;
    size_t bytes;

    if (v->capacity >= VEC_MAX_CAPACITY)
        return -1;
    if (v->capacity > VEC_MAX_CAPACITY / 2)
        capacity = VEC_MAX_CAPACITY;
    else
        capacity = v->capacity * 2;
    if (size_mul(capacity, sizeof *v->data, &bytes) != 0)
        return -1;
    v->data = realloc(v->data, bytes);
    if (!v->data)
        return -1;
    v->capacity = capacity;
    v->reallocations++;
    return 0;
}

/*
 * Appends x, growing the block when it is full. Returns 0, or -1 if the
 * block could not grow: x is then not stored and v is unchanged.
 */
static int vec_append(struct vec *v, double x)
{
    if (v->length == v->capacity && vec_grow(v) != 0)
        return -1;
    v->data[v->length++] = x;
    return 0;
}

/* Returns the mean of v's elements (v is not empty). */
static double vec_mean(const struct vec *v)
{
    double sum = 0.0;
    size_t i;

    for (i = 0; i < v->length; i++)
        sum += v->data[i];
    return sum / (double)v->length;
}

/*
 * Returns the next reading, from 0.00 to 99.99, of a fixed sequence: the
 * "minimal standard" generator of Park and Miller, whose state is *state.
 */
static double next_reading(uint32_t *state)
{
    *state = (uint32_t)((uint64_t)*state * 48271u % 2147483647u);
    return (double)(*state % 10000u) / 100.0;
}

/*
 * Reads n from argv into *n: DEFAULT_SAMPLES when there is no argument,
 * else a whole number from 1 up to what MAX_BYTES holds. Returns 0, or -1
 * after printing the reason on stderr.
 */
static int parse_count(int argc, char **argv, size_t *n)
{
    unsigned long long value;
    size_t bytes;
    char *end;

    if (argc == 1) {
        *n = DEFAULT_SAMPLES;
        return 0;
    }
    if (argc > 2) {
        fprintf(stderr, "samples: too many arguments\n");
        return -1;
    }
    errno = 0;
    value = strtoull(argv[1], &end, 10);
    if (!isdigit((unsigned char)argv[1][0]) || *end != '\0') {
        fprintf(stderr, "samples: n must be a whole number, not \"%s\"\n", argv[1]);
        return -1;
    }
    if (errno == ERANGE || value == 0 || value > SIZE_MAX ||
        size_mul((size_t)value, sizeof(double), &bytes) != 0 || bytes > MAX_BYTES) {
        fprintf(stderr, "samples: n must be from 1 to %zu, not %s\n",
                MAX_BYTES / sizeof(double), argv[1]);
        return -1;
    }
    *n = (size_t)value;
    return 0;
}

int main(int argc, char **argv)
{
    struct vec *v;
    uint32_t state = SEED;
    size_t largest = 0; /* an index: a pointer would go stale if the block moved */
    size_t n;
    size_t i;
    int status = 1;

    if (parse_count(argc, argv, &n) != 0) {
        fprintf(stderr, "usage: samples [n]\n");
        return 2;
    }
    v = vec_new(FIRST_CAPACITY);
    if (!v) {
        fprintf(stderr, "samples: out of memory (a vector of %d doubles)\n",
                FIRST_CAPACITY);
        return 1;
    }
    for (i = 0; i < n; i++) {
        double x = next_reading(&state);

        if (vec_append(v, x) != 0) {
            fprintf(stderr, "samples: out of memory after %zu readings\n", v->length);
            goto out_free_vec;
        }
        if (x > v->data[largest])
            largest = v->length - 1;
    }
    printf("readings stored: %zu\n", v->length);
    printf("block capacity:  %zu\n", v->capacity);
    printf("reallocations:   %zu\n", v->reallocations);
    printf("largest: %.2f (index %zu)\n", v->data[largest], largest);
    printf("mean:    %.2f\n", vec_mean(v));
    status = 0;
out_free_vec:
    vec_free(v);
    return status;
}
