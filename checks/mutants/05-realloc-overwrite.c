/*
 * mutant of: solutions/05-allocator-families.c
 * role: exercise
 * expect: leak
 * bug: text_reserve() assigns track_realloc()'s result straight to t->data; when
 *      the reallocation fails, the only pointer to the old block is overwritten
 *      with NULL and the block leaks (seen only when the sweep fails it).
 */
/*
 * Lesson 05, exercise (solved): a receipt that mixes three allocator families.
 *
 * The receipt's text lives in a tracked buffer, a copy of its last line
 * comes from strdup, and the saved file is a FILE from fopen:
 *
 *   track_malloc, track_realloc  ->  track_free
 *   strdup                       ->  free
 *   fopen                        ->  fclose
 *
 * The program builds the receipt, prints it, saves it to receipt.txt, reads
 * the file back to check its last line, releases everything with the
 * matching function, and prints what the tracker still holds at exit.
 */
#define _POSIX_C_SOURCE 200809L

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECEIPT_PATH "receipt.txt"
#define TEXT_START_CAP 64
#define LINE_CAP 64

/*
 * The tracker. Its interface is track_malloc, track_realloc, track_free and
 * track_report (not static: in a bigger program they would live in track.c,
 * declared in track.h); everything else about it is private (static).
 */

/* The tracker's running totals: what the program holds right now. */
struct track_stats {
    size_t live_bytes;   /* bytes asked for in blocks not yet given back */
    size_t live_blocks;  /* blocks handed out and not yet given back */
    size_t peak_bytes;   /* the most live_bytes has ever been */
};

/*
 * Hidden in front of every tracked block. _Alignas rounds the header up to
 * the strictest alignment of the platform (16 bytes on x86-64), so the
 * caller's part, right after it, is aligned for any type, as malloc's are.
 */
struct track_header {
    _Alignas(max_align_t) size_t size;  /* bytes the caller asked for */
};

/* The totals: static, so they start at zero and only this file sees them. */
static struct track_stats track_totals;

/* track_count: add size live bytes to the totals and raise the peak. */
static void track_count(size_t size)
{
    track_totals.live_bytes += size;
    if (track_totals.live_bytes > track_totals.peak_bytes)
        track_totals.peak_bytes = track_totals.live_bytes;
}

/* track_header_of: the header in front of p, a block of this tracker. */
static struct track_header *track_header_of(void *p)
{
    struct track_header *h = p;     /* p is one header past the start */

    return h - 1;
}

/*
 * track_malloc: like malloc(size), and counted. Returns a block the caller
 * must give back with track_free (never free), or NULL if there is no memory.
 */
void *track_malloc(size_t size)
{
    struct track_header *h;

    if (size > SIZE_MAX - sizeof *h)
        return NULL;
    h = malloc(sizeof *h + size);
    if (!h)
        return NULL;
    h->size = size;
    track_totals.live_blocks++;
    track_count(size);
    return h + 1;
}

/*
 * track_realloc: like realloc(p, size) for a block of this tracker (p may be
 * NULL). Returns the new block, and p must not be used again; or NULL, and
 * then p is untouched, still counted, and still the caller's to track_free.
 */
void *track_realloc(void *p, size_t size)
{
    struct track_header *old, *h;
    size_t old_size;

    if (!p)
        return track_malloc(size);
    if (size > SIZE_MAX - sizeof *h)
        return NULL;
    old = track_header_of(p);
    old_size = old->size;       /* read it now: realloc may free old */
    h = realloc(old, sizeof *h + size);
    if (!h)
        return NULL;
    h->size = size;
    track_totals.live_bytes -= old_size;
    track_count(size);
    return h + 1;
}

/* track_free: give back a block of this tracker. NULL does nothing. */
void track_free(void *p)
{
    struct track_header *h;

    if (!p)
        return;
    h = track_header_of(p);
    track_totals.live_bytes -= h->size;
    track_totals.live_blocks--;
    free(h);
}

/* track_report: print the tracker's totals, saying when they were taken. */
void track_report(const char *when)
{
    printf("tracker (%s): live: %zu bytes in %zu blocks, peak: %zu bytes\n",
           when, track_totals.live_bytes, track_totals.live_blocks,
           track_totals.peak_bytes);
}

/* A growing string in one tracked buffer. */
struct text {
    char *data;  /* tracked (track_free), '\0'-terminated; NULL while empty */
    size_t len;  /* characters in data, not counting the '\0' */
    size_t cap;  /* bytes data has room for */
};

/* One bought thing. */
struct item {
    const char *name;  /* what it is */
    unsigned qty;      /* how many were bought */
    unsigned cents;    /* the price of one, in cents */
};

/* text_release: give back t's buffer and leave t empty. NULL does nothing. */
static void text_release(struct text *t)
{
    if (!t)
        return;
    track_free(t->data);
    t->data = NULL;
    t->len = 0;
    t->cap = 0;
}

/*
 * text_reserve: make t's buffer hold at least need bytes, doubling its size
 * (from TEXT_START_CAP; exactly need when doubling would overflow).
 * Returns 0, or -1 with a message printed and t untouched.
 */
static int text_reserve(struct text *t, size_t need)
{
    size_t cap = t->cap ? t->cap : TEXT_START_CAP;

    if (need <= t->cap)
        return 0;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : 2 * cap;
    t->data = track_realloc(t->data, cap);
    if (!t->data) {
        fprintf(stderr, "receipt: out of memory (%zu bytes)\n", cap);
        return -1;
    }
    t->cap = cap;
    return 0;
}

/*
 * text_append: add a copy of the string s at the end of t.
 * Returns 0, or -1 with a message printed and t unchanged.
 */
static int text_append(struct text *t, const char *s)
{
    size_t n = strlen(s);

    if (n > SIZE_MAX - 1 - t->len) {
        fprintf(stderr, "receipt: text too long\n");
        return -1;
    }
    if (text_reserve(t, t->len + n + 1) != 0)
        return -1;
    memcpy(t->data + t->len, s, n + 1);
    t->len += n;
    return 0;
}

/*
 * build_receipt: append one line for each of the n items of items, then the
 * total, to t. Returns 0, or -1 with a message printed.
 */
static int build_receipt(struct text *t, const struct item items[], size_t n)
{
    char line[LINE_CAP];
    unsigned total = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned cost = items[i].qty * items[i].cents;

        snprintf(line, sizeof line, "%-8s %3u x %2u.%02u = %3u.%02u\n",
                 items[i].name, items[i].qty, items[i].cents / 100,
                 items[i].cents % 100, cost / 100, cost % 100);
        if (text_append(t, line) != 0)
            return -1;
        total += cost;
    }
    snprintf(line, sizeof line, "%-22s %3u.%02u\n", "TOTAL", total / 100,
             total % 100);
    return text_append(t, line);
}

/*
 * save_text: write the string s to the file path.
 * Returns 0, or -1 with a message printed. The file is closed on every path.
 */
static int save_text(const char *path, const char *s)
{
    FILE *f = fopen(path, "w");
    int rc = 0;

    if (!f) {
        fprintf(stderr, "receipt: cannot open %s for writing\n", path);
        return -1;
    }
    if (fputs(s, f) == EOF)
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    if (rc != 0)
        fprintf(stderr, "receipt: cannot write %s\n", path);
    return rc;
}

/*
 * last_line: read the file path, whose lines have at most LINE_CAP - 2
 * characters, and return a copy of its last line without the newline (""
 * for an empty file). The copy comes from strdup: the caller must release it
 * with free. NULL, with a message printed, if the file cannot be read or
 * there is no memory. The file is closed on every path.
 */
static char *last_line(const char *path)
{
    char line[LINE_CAP];
    char last[LINE_CAP] = "";
    char *copy = NULL;
    FILE *f = fopen(path, "r");

    if (!f) {
        fprintf(stderr, "receipt: cannot open %s for reading\n", path);
        return NULL;
    }
    while (fgets(line, sizeof line, f))
        strcpy(last, line);
    if (ferror(f)) {
        fprintf(stderr, "receipt: cannot read %s\n", path);
        goto out_close_file;
    }
    last[strcspn(last, "\n")] = '\0';
    copy = strdup(last);
    if (!copy)
        fprintf(stderr, "receipt: out of memory (copying a line)\n");

out_close_file:
    fclose(f);
    return copy;
}

int main(void)
{
    static const struct item items[] = {
        { "apples", 6, 40 },
        { "bread", 1, 210 },
        { "cheese", 2, 325 },
        { "eggs", 12, 25 },
        { "flour", 1, 135 },
    };
    struct text receipt = { NULL, 0, 0 };
    char *last;
    int status = 1;

    if (build_receipt(&receipt, items, sizeof items / sizeof items[0]) != 0)
        goto out_release_receipt;
    fputs(receipt.data, stdout);
    if (save_text(RECEIPT_PATH, receipt.data) != 0)
        goto out_release_receipt;
    last = last_line(RECEIPT_PATH);
    if (!last)
        goto out_release_receipt;
    printf("saved %s, %zu bytes; its last line reads \"%s\"\n", RECEIPT_PATH,
           receipt.len, last);
    free(last);
    status = 0;

out_release_receipt:
    text_release(&receipt);
    track_report("at exit");
    return status;
}
