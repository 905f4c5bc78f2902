/*
 * 07 · Uninitialised memory: exercise.
 *
 * How long do you wait for a six? Throws a seeded die until it shows six,
 * 600 times over, and tallies the waits: how often it took 1 throw, 2
 * throws, and so on. Nobody knows the longest wait in advance, so the tally
 * grows when a longer one turns up. Prints one line per wait that occurred,
 * with a bar scaled to the most frequent one.
 *
 * Every counter must start at zero, and as shipped none is set: the first
 * block comes from malloc and each new tail from realloc, and both hand you
 * whatever bytes happen to be there. Run it: some counts may look right,
 * some wild, depending on what the allocator left behind. Valgrind sees
 * the bug either way. Do TODO 1 (in tally_new) and TODO 2 (in tally_grow),
 * and run `make verify LESSON=07` after each.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS 600          /* waits for a six to tally */
#define SEED 20240607u      /* the generator's first state; never 0 */
#define TALLY_START_LEN 8   /* counters in a new tally; it grows on demand */

/* A xorshift32 generator: the same seed gives the same throws everywhere. */
struct rng {
    uint32_t state; /* never 0, or every draw would be 0 */
};

/* A tally of waits: how many times each number of throws came up. */
struct tally {
    size_t *counts; /* counts[w]: waits of w throws; every counter defined */
    size_t len;     /* number of counters in counts */
    size_t peak;    /* the largest counter; bars are scaled to it */
};

/* Returns the generator's next 32 bits. */
static uint32_t rng_next(struct rng *r)
{
    uint32_t x = r->state;

    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    r->state = x;
    return x;
}

/*
 * Returns a fair throw of a die, 1 to 6. The few draws at the very top of
 * the range, which would favour low faces, are thrown away.
 */
static unsigned rng_die(struct rng *r)
{
    const uint32_t limit = UINT32_MAX - UINT32_MAX % 6;
    uint32_t x;

    do {
        x = rng_next(r);
    } while (x >= limit);
    return 1 + x % 6;
}

/* Throws the die until it shows six; returns how many throws that took. */
static size_t wait_for_six(struct rng *r)
{
    size_t throws = 1;

    while (rng_die(r) != 6)
        throws++;
    return throws;
}

/*
 * Creates a tally of len counters (len > 0), which must all be zero.
 * Returns the tally (the caller frees it with tally_free), or NULL.
 *
 * TODO 1: malloc leaves the counters uninitialised. Replace the malloc
 *         marked TODO 1 by calloc(len, sizeof *t->counts), which returns
 *         them all zero. calloc also refuses by itself a len * size that
 *         would overflow, so delete the size check at the top of this
 *         function too (the four lines from "if (len >" to its closing
 *         brace). `make verify LESSON=07` then points at the next problem:
 *         counters that came from realloc, in tally_grow.
 */
static struct tally *tally_new(size_t len)
{
    struct tally *t;

    if (len > SIZE_MAX / sizeof *t->counts) {
        fprintf(stderr, "sixes: tally too large\n");
        return NULL;
    }
    t = malloc(sizeof *t);
    if (!t)
        goto out_nomem;
    t->counts = malloc(len * sizeof *t->counts);    /* TODO 1 */
    if (!t->counts)
        goto out_free_tally;
    t->len = len;
    t->peak = 0;
    return t;

out_free_tally:
    free(t);
out_nomem:
    fprintf(stderr, "sixes: out of memory (%zu counters)\n", len);
    return NULL;
}

/* Frees a tally and its counters. NULL does nothing. */
static void tally_free(struct tally *t)
{
    if (!t)
        return;
    free(t->counts);
    free(t);
}

/*
 * Makes room for counter number `need` by doubling t->len until it fits.
 * Returns 0, or -1 with t unchanged.
 *
 * TODO 2: realloc copies the t->len old counters into the new block, but
 *         the new_len - t->len counters after them are uninitialised. On
 *         the line marked TODO 2, set them to zero with one memset: it
 *         starts at tmp + t->len and covers (new_len - t->len) counters
 *         of sizeof *tmp bytes each. `make verify LESSON=07` then passes
 *         all its checks.
 */
static int tally_grow(struct tally *t, size_t need)
{
    size_t new_len = t->len;
    size_t *tmp;

    while (new_len <= need) {
        if (new_len > SIZE_MAX / 2 / sizeof *tmp) {
            fprintf(stderr, "sixes: tally too large\n");
            return -1;
        }
        new_len *= 2;
    }
    tmp = realloc(t->counts, new_len * sizeof *tmp);
    if (!tmp) {
        fprintf(stderr, "sixes: out of memory (%zu counters)\n", new_len);
        return -1;
    }
    /* TODO 2: zero the new counters here */
    t->counts = tmp;
    t->len = new_len;
    return 0;
}

/* Counts one wait of w throws, growing the tally if needed. 0 or -1. */
static int tally_add(struct tally *t, size_t w)
{
    if (w >= t->len && tally_grow(t, w) != 0)
        return -1;
    t->counts[w]++;
    if (t->counts[w] > t->peak)
        t->peak = t->counts[w];
    return 0;
}

/*
 * Prints a line per wait that occurred (throws, times, a bar scaled to the
 * peak), then the longest wait. "%.*s" prints at most `bar` characters of
 * the bar string, and never more than the string holds.
 */
static void tally_print(const struct tally *t)
{
    static const char full_bar[] = "########################################";
    const size_t width = sizeof full_bar - 1;
    size_t longest = 0;

    printf("throws  times\n");
    for (size_t w = 0; w < t->len; w++) {
        size_t bar;

        if (t->counts[w] == 0)
            continue;
        /* counts[w] <= ROUNDS, so the product cannot overflow */
        bar = (t->counts[w] * width + t->peak - 1) / t->peak;
        printf("%6zu  %5zu  %.*s\n", w, t->counts[w], (int)bar, full_bar);
        longest = w;
    }
    printf("the longest wait for a six took %zu throws\n", longest);
}

int main(void)
{
    struct rng rng = { SEED };
    struct tally *tally;
    int status = 1;

    tally = tally_new(TALLY_START_LEN);
    if (!tally)
        goto out;
    for (int i = 0; i < ROUNDS; i++) {
        if (tally_add(tally, wait_for_six(&rng)) != 0)
            goto out_free_tally;
    }
    tally_print(tally);
    status = 0;

out_free_tally:
    tally_free(tally);
out:
    return status;
}
