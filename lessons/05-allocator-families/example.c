/*
 * Lesson 05, example: three allocator families in one program.
 *
 * Every block or handle below comes from one family and goes back to the
 * release function of that same family, never to another one:
 *
 *   track_malloc, track_realloc  ->  track_free   (our tracking allocator)
 *   strdup                       ->  free         (the C library's heap)
 *   fopen                        ->  fclose       (an open file)
 *
 * The program writes a shopping list to list.txt, reads it back into a
 * tracked array of strdup'd lines, prints it, releases everything with the
 * matching function, and prints what the tracker counted on the way.
 */
#define _POSIX_C_SOURCE 200809L

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_PATH "list.txt"
#define LIST_START_CAP 2
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

/* A growable list of strings: two families in one owner. */
struct list {
    char **items;  /* tracked (track_free); each item from strdup (free) */
    size_t count;  /* items in use */
    size_t cap;    /* items the array has room for */
};

/* list_new: an empty list, tracked; list_free it. NULL if out of memory. */
static struct list *list_new(void)
{
    struct list *l = track_malloc(sizeof *l);

    if (!l)
        return NULL;
    l->items = NULL;
    l->count = 0;
    l->cap = 0;
    return l;
}

/*
 * list_free: release l, each thing with the function of its own family:
 * the strings with free, the array and the list with track_free.
 * NULL does nothing.
 */
static void list_free(struct list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    track_free(l->items);
    track_free(l);
}

/*
 * list_grow: double the room of l's array (LIST_START_CAP when it has none).
 * Returns 0, or -1 with a message printed and l untouched.
 */
static int list_grow(struct list *l)
{
    size_t cap;
    char **items;

    if (l->cap > SIZE_MAX / 2 / sizeof *items) {
        fprintf(stderr, "shopping: too many items\n");
        return -1;
    }
    cap = l->cap ? 2 * l->cap : LIST_START_CAP;
    items = track_realloc(l->items, cap * sizeof *items);
    if (!items) {
        fprintf(stderr, "shopping: out of memory (%zu bytes)\n",
                cap * sizeof *items);
        return -1;
    }
    l->items = items;
    l->cap = cap;
    return 0;
}

/*
 * list_push: append a strdup'd copy of s to l; the list owns the copy.
 * Returns 0, or -1 with a message printed and l unchanged.
 */
static int list_push(struct list *l, const char *s)
{
    char *copy;

    if (l->count == l->cap && list_grow(l) != 0)
        return -1;
    copy = strdup(s);
    if (!copy) {
        fprintf(stderr, "shopping: out of memory (copying \"%s\")\n", s);
        return -1;
    }
    l->items[l->count++] = copy;
    return 0;
}

/*
 * save_lines: write the n strings of lines to the file path, one a line.
 * Returns 0, or -1 with a message printed. The file is closed on every path.
 */
static int save_lines(const char *path, const char *const lines[], size_t n)
{
    FILE *f = fopen(path, "w");
    int rc = 0;

    if (!f) {
        fprintf(stderr, "shopping: cannot open %s for writing\n", path);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (fprintf(f, "%s\n", lines[i]) < 0)
            rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    if (rc != 0)
        fprintf(stderr, "shopping: cannot write %s\n", path);
    return rc;
}

/*
 * load_lines: append each line of the file path (without its newline) to l;
 * a line longer than LINE_CAP - 2 characters comes in pieces. Returns 0, or
 * -1 with a message printed; the lines read so far stay in l. The file is
 * closed on every path.
 */
static int load_lines(const char *path, struct list *l)
{
    char line[LINE_CAP];
    FILE *f = fopen(path, "r");
    int rc = 0;

    if (!f) {
        fprintf(stderr, "shopping: cannot open %s for reading\n", path);
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (list_push(l, line) != 0) {
            rc = -1;
            goto out_close_file;
        }
    }
    if (ferror(f)) {
        fprintf(stderr, "shopping: cannot read %s\n", path);
        rc = -1;
    }

out_close_file:
    fclose(f);
    return rc;
}

int main(void)
{
    static const char *const groceries[] = {
        "apples", "bread", "cheese", "dates", "eggs", "flour",
    };
    size_t n = sizeof groceries / sizeof groceries[0];
    struct list *list;
    int status = 1;

    if (save_lines(LIST_PATH, groceries, n) != 0)
        return 1;                       /* nothing to undo yet */
    printf("wrote %zu lines to %s\n", n, LIST_PATH);
    list = list_new();
    if (!list) {
        fprintf(stderr, "shopping: out of memory\n");
        return 1;
    }
    if (load_lines(LIST_PATH, list) != 0)
        goto out_free_list;
    for (size_t i = 0; i < list->count; i++)
        printf("%zu. %s\n", i + 1, list->items[i]);
    track_report("list loaded");
    status = 0;

out_free_list:
    list_free(list);
    track_report("at exit");
    return status;
}
