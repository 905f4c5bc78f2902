/*
 * 07 · Uninitialised memory: worked example.
 *
 * Counts the words of a private note by length and prints the table.
 * It shows the three habits of this lesson:
 *   - counters that must start at zero come from calloc, not malloc;
 *   - when realloc grows a block, the new tail is yours to set;
 *   - a buffer that held something private is wiped before it is freed.
 */
#define _DEFAULT_SOURCE /* explicit_bzero (glibc 2.25 or later) */

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HIST_START_LEN 4 /* counters in a new histogram; it grows on demand */

/* Stands in for a file the program would read: treat it as private. */
static const char private_text[] =
    "My spare key sits under the third flowerpot, the alarm code is "
    "hidden in the cookbook, and nobody must ever find out that I still "
    "cannot whistle.";

/* A histogram of word lengths. */
struct hist {
    size_t *counts; /* counts[n]: words of n letters; every counter defined */
    size_t len;     /* number of counters in counts */
    size_t lengths; /* how many counters are not zero */
};

/*
 * Copies the private text into a new heap block. malloc is right here:
 * memcpy writes every byte at once, so zeroing first would be wasted work.
 * Returns the copy (the caller frees it with note_free), or NULL.
 */
static char *note_new(const char *src)
{
    size_t size = strlen(src) + 1;
    char *text = malloc(size);

    if (!text) {
        fprintf(stderr, "wordlen: out of memory (%zu bytes)\n", size);
        return NULL;
    }
    memcpy(text, src, size);
    return text;
}

/*
 * Wipes a note, then frees it. explicit_bzero is a write the optimiser
 * must keep; a memset just before free may be removed as useless.
 * Takes ownership of text; NULL does nothing.
 */
static void note_free(char *text)
{
    if (!text)
        return;
    explicit_bzero(text, strlen(text));
    free(text);
}

/*
 * Creates a histogram of len counters (len > 0), all zero: calloc zeroes
 * them and refuses a len * size that would overflow. Returns the histogram
 * (the caller frees it with hist_free), or NULL.
 */
static struct hist *hist_new(size_t len)
{
    struct hist *h = malloc(sizeof *h);

    if (!h)
        goto out_nomem;
    h->counts = calloc(len, sizeof *h->counts);
    if (!h->counts)
        goto out_free_hist;
    h->len = len;
    h->lengths = 0;
    return h;

out_free_hist:
    free(h);
out_nomem:
    fprintf(stderr, "wordlen: out of memory (%zu counters)\n", len);
    return NULL;
}

/* Frees a histogram and its counters. NULL does nothing. */
static void hist_free(struct hist *h)
{
    if (!h)
        return;
    free(h->counts);
    free(h);
}

/*
 * Makes room for counter number `need` by doubling h->len until it fits.
 * realloc keeps the old counters but leaves the new ones uninitialised,
 * so they are set to zero here. Returns 0, or -1 with h unchanged.
 */
static int hist_grow(struct hist *h, size_t need)
{
    size_t new_len = h->len;
    size_t *tmp;

    while (new_len <= need) {
        if (new_len > SIZE_MAX / 2 / sizeof *tmp) {
            fprintf(stderr, "wordlen: histogram too large\n");
            return -1;
        }
        new_len *= 2;
    }
    tmp = realloc(h->counts, new_len * sizeof *tmp);
    if (!tmp) {
        fprintf(stderr, "wordlen: out of memory (%zu counters)\n",
            new_len);
        return -1;
    }
    memset(tmp + h->len, 0, (new_len - h->len) * sizeof *tmp);
    h->counts = tmp;
    h->len = new_len;
    return 0;
}

/* Counts one word of n letters, growing the histogram if needed. 0 or -1. */
static int hist_add(struct hist *h, size_t n)
{
    if (n >= h->len && hist_grow(h, n) != 0)
        return -1;
    h->counts[n]++;
    if (h->counts[n] == 1)
        h->lengths++;
    return 0;
}

/* Counts every word (a run of letters) of text into h. Returns 0 or -1. */
static int hist_count_words(struct hist *h, const char *text)
{
    size_t n = 0;

    for (const char *p = text;; p++) {
        if (isalpha((unsigned char)*p)) {
            n++;
        } else if (n > 0) {
            if (hist_add(h, n) != 0)
                return -1;
            n = 0;
        }
        if (*p == '\0')
            return 0;
    }
}

/* Prints one line per word length that occurs, then the totals. */
static void hist_print(const struct hist *h)
{
    size_t total = 0;

    printf("length  words\n");
    for (size_t n = 0; n < h->len; n++) {
        if (h->counts[n] == 0)
            continue;
        printf("%6zu  %5zu\n", n, h->counts[n]);
        total += h->counts[n];
    }
    printf(" total  %5zu  (%zu different lengths)\n", total, h->lengths);
}

int main(void)
{
    int status = 1;
    char *note;
    struct hist *hist;

    note = note_new(private_text);
    if (!note)
        goto out;
    hist = hist_new(HIST_START_LEN);
    if (!hist)
        goto out_free_note;
    if (hist_count_words(hist, note) != 0)
        goto out_free_hist;
    hist_print(hist);
    status = 0;

out_free_hist:
    hist_free(hist);
out_free_note:
    note_free(note);
out:
    return status;
}
