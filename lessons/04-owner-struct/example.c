/*
 * Lesson 04, example: a block of doubles whose lifetime is tied to an owner.
 *
 * struct somemem is the C shape of the page's SomeMemory: an object that owns
 * one heap block of doubles and records how many there are.
 *
 *   somemem_create   (the page's __cinit__)    makes the object and its block
 *   somemem_resize   (the page's resize)       changes the block's length
 *   somemem_destroy  (the page's __dealloc__)  frees the block, then the object
 *
 * After every call, whether it worked or failed, the object never points at
 * freed memory and its len is the length of its block.
 *
 * struct somemem_snap is the other shape: a frozen copy whose doubles live in
 * the same allocation as its header (a flexible array member). One malloc, one
 * free, but it can never grow.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXAMPLE_SEED 2024u

/* A xorshift32 generator: the same seed gives the same values everywhere. */
struct rng {
    uint32_t state;     /* never 0: xorshift would stay at 0 forever */
};

/* An object that owns one block of doubles. */
struct somemem {
    size_t len;         /* number of doubles in data, at least 1 */
    double *data;       /* the owned block of len doubles; only somemem_destroy frees it */
};

/* A frozen copy of a somemem: header and doubles in a single allocation. */
struct somemem_snap {
    size_t len;         /* number of doubles in data, fixed at creation */
    double data[];      /* flexible array member: the len doubles follow the header */
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
    if (!m)
        return;
    free(m->data);
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
    double *data;

    if (n == 0 || n > SIZE_MAX / sizeof *data)
        return -1;
    data = realloc(m->data, n * sizeof *data);
    if (!data)
        return -1;
    for (size_t i = m->len; i < n; i++)
        data[i] = 0.0;
    m->data = data;
    m->len = n;
    return 0;
}

/* somemem_fill: give data[from] to the end of the block values from r. Borrows m. */
static void somemem_fill(struct somemem *m, size_t from, struct rng *r)
{
    for (size_t i = from; i < m->len; i++)
        m->data[i] = rng_next(r);
}

/*
 * somemem_snapshot: a frozen copy of m's doubles in one allocation, or NULL if
 * it would not fit in a size_t or memory runs out. Borrows m: reads it, keeps
 * no pointer into it. The caller owns the copy and must give it to
 * somemem_snap_destroy().
 */
static struct somemem_snap *somemem_snapshot(const struct somemem *m)
{
    struct somemem_snap *s;

    if (m->len > (SIZE_MAX - sizeof *s) / sizeof s->data[0])
        return NULL;
    s = malloc(sizeof *s + m->len * sizeof s->data[0]);
    if (!s)
        return NULL;
    s->len = m->len;
    memcpy(s->data, m->data, m->len * sizeof s->data[0]);
    return s;
}

/*
 * somemem_snap_destroy: free s, header and doubles at once. Takes ownership
 * of s. somemem_snap_destroy(NULL) does nothing.
 */
static void somemem_snap_destroy(struct somemem_snap *s)
{
    free(s);
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
 * main: owns m from somemem_create() and snap from somemem_snapshot(); the
 * labels at the end destroy them on every path, in reverse order.
 */
int main(void)
{
    struct rng r = { EXAMPLE_SEED };
    struct somemem *m;
    struct somemem_snap *snap;
    int status = 1;

    m = somemem_create(4);
    if (!m) {
        fprintf(stderr, "owner: out of memory (creating 4 doubles)\n");
        goto out;
    }
    somemem_fill(m, 0, &r);
    print_doubles("created", m->data, m->len);
    snap = somemem_snapshot(m);
    if (!snap) {
        fprintf(stderr, "owner: out of memory (copying %zu doubles)\n", m->len);
        goto out_destroy_object;
    }
    if (somemem_resize(m, 7) != 0) {
        fprintf(stderr, "owner: out of memory (growing to 7 doubles)\n");
        goto out_destroy_snap;
    }
    print_doubles("grown", m->data, m->len);
    somemem_fill(m, 4, &r);
    print_doubles("filled", m->data, m->len);
    /* More doubles than a size_t can count the bytes of: n * 8 would wrap to 8. */
    if (somemem_resize(m, SIZE_MAX / sizeof *m->data + 2) == 0) {
        fprintf(stderr, "owner: a block larger than memory was accepted\n");
        goto out_destroy_snap;
    }
    printf("too many  refused, still %zu doubles\n", m->len);
    if (somemem_resize(m, 3) != 0) {
        fprintf(stderr, "owner: out of memory (shrinking to 3 doubles)\n");
        goto out_destroy_snap;
    }
    print_doubles("shrunk", m->data, m->len);
    print_doubles("snapshot", snap->data, snap->len);
    status = 0;

out_destroy_snap:
    somemem_snap_destroy(snap);
out_destroy_object:
    somemem_destroy(m);
out:
    return status;
}
