/*
 * 03 · Safe realloc: exercise.
 *
 * Usage: join [n]          n: how many numbers to join (default 1000)
 *
 * Joins n numbers from a seeded generator into one line of text,
 * "71244,8130,...", in a string builder whose block grows as the text does.
 * Then it gives the block back all but the bytes the text needs, and prints
 * how the block grew, how it was shrunk, and what the text holds.
 *
 * Three functions of the builder are yours to write, from their head
 * comments: text_append (TODO 1), the growth policy text_grown_capacity
 * (TODO 2) and text_shrink_to_fit (TODO 3). Go in that order, and run
 * `make verify LESSON=03` after each: its first failure says what to do next.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_NUMBERS 1000      /* n when none is given */
#define MAX_NUMBERS 10000000      /* the largest n: at most 60 MB of text */
#define SEED 20240503u            /* the generator's first state */

#define TEXT_FIRST_CAPACITY 16                 /* the block of a new builder, in bytes */
#define TEXT_LINEAR_STEP ((size_t)64 * 1024)   /* doubling stops here; then steps of this */
#define TEXT_MAX_CAPACITY ((size_t)1 << 30)    /* no block is ever larger: 1 GiB */

/* A string builder: a NUL-terminated text in a block it owns. */
struct text {
    char *bytes;          /* the text, then '\0'; never NULL */
    size_t length;        /* bytes of text, not counting the '\0' */
    size_t capacity;      /* bytes the block holds; always > length */
    size_t reallocations; /* successful calls to realloc so far */
};

/*
 * The growth policy: the capacity, in bytes, that a block of `capacity`
 * bytes must grow to so that it holds `needed` bytes. It returns
 *   - `capacity` itself when needed <= capacity: no growth is needed;
 *   - 0 when needed > TEXT_MAX_CAPACITY: the block may not grow that far;
 *   - else the first value >= needed of a sequence that starts at
 *     `capacity` (at TEXT_FIRST_CAPACITY when capacity is 0), doubles while
 *     it is below TEXT_LINEAR_STEP, then adds TEXT_LINEAR_STEP at a time;
 *     but never more than TEXT_MAX_CAPACITY.
 * From 0: 16, 32, ..., 65536, 131072, 196608, ... Nothing in it may wrap
 * around, whatever the arguments.
 */
static size_t text_grown_capacity(size_t capacity, size_t needed)
{
    /*
     * TODO 2: this stub grows to exactly what is needed, so every append
     * reallocates. Make it keep the policy above: every promise, in every
     * case, with no sum or product that can wrap around.
     */
    (void)capacity;
    return needed;
}

/*
 * Creates an empty text ("") in the first block the growth policy gives.
 * Returns it (the caller frees it with text_free), or NULL.
 */
static struct text *text_new(void)
{
    struct text *t = malloc(sizeof *t);

    if (!t)
        return NULL;
    t->capacity = text_grown_capacity(0, 1);
    t->bytes = malloc(t->capacity);
    if (!t->bytes)
        goto out_free_text;
    t->bytes[0] = '\0';
    t->length = 0;
    t->reallocations = 0;
    return t;

out_free_text:
    free(t);
    return NULL;
}

/* Frees t and its block. Takes ownership of t; NULL does nothing. */
static void text_free(struct text *t)
{
    if (!t)
        return;
    free(t->bytes);
    free(t);
}

/*
 * Appends the `len` bytes at s to t's text, which stays NUL-terminated.
 * When the block lacks room for them and the '\0', it grows first, to the
 * capacity text_grown_capacity gives. Returns 0. Returns -1 if the length
 * would overflow a size_t, if the policy refuses, or if realloc fails; t is
 * then exactly as it was: same block, same length, same capacity, same text.
 */
static int text_append(struct text *t, const char *s, size_t len)
{
    /*
     * TODO 1: this copies without asking whether the block has room. Make
     * room first, as the head comment says; on every way out with -1, t must
     * be untouched (the caller reads it, then text_free frees its block).
     */
    memcpy(t->bytes + t->length, s, len);
    t->length += len;
    t->bytes[t->length] = '\0';
    return 0;
}

/*
 * Gives t's block back all but the length + 1 bytes that its text and '\0'
 * need. Returns 0; when the block already has that size it calls nothing.
 * Returns -1 if realloc fails; t is then exactly as it was: same block,
 * same length, same capacity, same text.
 */
static int text_shrink_to_fit(struct text *t)
{
    /*
     * TODO 3: this stub keeps the whole grown block. Write the shrink: the
     * same promise as text_append's growth, and a block that can never be
     * too small for the text and its '\0'.
     */
    (void)t;
    return 0;
}

/*
 * Returns the FNV-1a hash (32 bits) of t's text: a fingerprint that changes
 * when any byte of it does.
 */
static uint32_t text_checksum(const struct text *t)
{
    uint32_t hash = 2166136261u;
    size_t i;

    for (i = 0; i < t->length; i++) {
        hash ^= (unsigned char)t->bytes[i];
        hash *= 16777619u;
    }
    return hash;
}

/*
 * Returns the next number, from 0 to 99999, of a fixed sequence: the
 * "minimal standard" generator of Park and Miller, whose state is *state.
 */
static unsigned long next_number(uint32_t *state)
{
    *state = (uint32_t)((uint64_t)*state * 48271u % 2147483647u);
    return *state % 100000u;
}

/*
 * Reads n from argv into *n: DEFAULT_NUMBERS when there is no argument,
 * else a whole number from 1 to MAX_NUMBERS. Returns 0, or -1 after
 * printing the reason on stderr.
 */
static int parse_count(int argc, char **argv, size_t *n)
{
    unsigned long long value;
    char *end;

    if (argc == 1) {
        *n = DEFAULT_NUMBERS;
        return 0;
    }
    if (argc > 2) {
        fprintf(stderr, "join: too many arguments\n");
        return -1;
    }
    errno = 0;
    value = strtoull(argv[1], &end, 10);
    if (!isdigit((unsigned char)argv[1][0]) || *end != '\0') {
        fprintf(stderr, "join: n must be a whole number, not \"%s\"\n", argv[1]);
        return -1;
    }
    if (errno == ERANGE || value == 0 || value > MAX_NUMBERS) {
        fprintf(stderr, "join: n must be from 1 to %d, not %s\n", MAX_NUMBERS, argv[1]);
        return -1;
    }
    *n = (size_t)value;
    return 0;
}

int main(int argc, char **argv)
{
    struct text *t;
    uint32_t state = SEED;
    size_t grown_to;
    size_t growths;
    size_t n;
    size_t i;
    int status = 1;

    if (parse_count(argc, argv, &n) != 0) {
        fprintf(stderr, "usage: join [n]\n");
        return 2;
    }
    t = text_new();
    if (!t) {
        fprintf(stderr, "join: out of memory (a new text)\n");
        return 1;
    }
    for (i = 0; i < n; i++) {
        char piece[16];
        int len = snprintf(piece, sizeof piece, "%s%lu", i == 0 ? "" : ",", next_number(&state));

        if (text_append(t, piece, (size_t)len) != 0) {
            fprintf(stderr, "join: out of memory after %zu numbers; the text kept its %zu bytes "
                    "(checksum %08lx) and its block of %zu\n", i, t->length,
                    (unsigned long)text_checksum(t), t->capacity);
            goto out_free_text;
        }
    }
    grown_to = t->capacity;
    growths = t->reallocations;
    if (text_shrink_to_fit(t) != 0) {
        fprintf(stderr, "join: out of memory shrinking the block; the text kept its %zu bytes "
                "(checksum %08lx) and its block of %zu\n", t->length,
                (unsigned long)text_checksum(t), t->capacity);
        goto out_free_text;
    }
    printf("numbers joined: %zu\n", n);
    printf("text length:    %zu bytes\n", t->length);
    printf("grown to:       %zu bytes, in %zu reallocations\n", grown_to, growths);
    printf("shrunk to:      %zu bytes\n", t->capacity);
    printf("text begins:    %.30s\n", t->bytes);
    printf("text ends:      %s\n", t->bytes + (t->length > 30 ? t->length - 30 : 0));
    printf("checksum:       %08lx\n", (unsigned long)text_checksum(t));
    status = 0;
out_free_text:
    text_free(t);
    return status;
}
