/*
 * Lesson 05, exercise: a locker plan that mixes four allocator families.
 *
 * The program writes a locker plan to lockers.txt, reads it back and prints
 * it. On the way it holds blocks and handles of four families, and each one
 * must go back to the release function of its own family, on every path:
 *
 *   malloc (the plan itself)           ->  free
 *   getline's line buffer              ->  free     (getline uses malloc)
 *   strdup (the room's name)           ->  free
 *   fopen                              ->  fclose
 *   track_malloc, track_strdup,
 *   track_realloc_array (the lockers)  ->  track_free
 *
 * The tracker here is a stricter cousin of example.c's: every block it hands
 * out carries a tag, and track_free stops the program when it is given a
 * pointer without one, as CPython's debug allocator does.
 *
 * Four TODOs; do them in order, and run `make verify LESSON=05` after each.
 * You are done when `make verify LESSON=05` passes.
 */
#define _POSIX_C_SOURCE 200809L

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define LOCKERS_PATH "lockers.txt"
#define LOCKER_MAX 999
#define TRACK_TAG 0x5452414bu  /* "TRAK": the mark of a live tracked block */

/*
 * The tracker. Its interface is track_malloc, track_strdup,
 * track_realloc_array, track_free and track_report (not static: in a bigger
 * program they would live in track.c, declared in track.h); everything else
 * about it is private (static).
 */

/* The tracker's running totals: what the program holds right now. */
struct track_stats {
    size_t live_bytes;   /* bytes asked for in blocks not yet given back */
    size_t live_blocks;  /* blocks handed out and not yet given back */
    size_t peak_bytes;   /* the most live_bytes has ever been */
};

/*
 * Hidden in front of every tracked block, 16 bytes on x86-64: _Alignas keeps
 * the caller's part, right after it, aligned for any type.
 */
struct track_header {
    _Alignas(max_align_t) size_t size;  /* bytes the caller asked for */
    unsigned tag;                       /* TRACK_TAG while the block is live */
};

/* The totals: static, so they start at zero and only this file sees them. */
static struct track_stats track_totals;

/*
 * track_adopt: make h, a block from malloc or realloc with room for a header
 * and size bytes, a live tracked block: tag it, count it, and return the
 * caller's part, just past the header.
 */
static void *track_adopt(struct track_header *h, size_t size)
{
    h->size = size;
    h->tag = TRACK_TAG;
    track_totals.live_blocks++;
    track_totals.live_bytes += size;
    if (track_totals.live_bytes > track_totals.peak_bytes)
        track_totals.peak_bytes = track_totals.live_bytes;
    return h + 1;
}

/* track_forget: take a block of size bytes out of the totals. */
static void track_forget(size_t size)
{
    track_totals.live_blocks--;
    track_totals.live_bytes -= size;
}

/*
 * track_header_of: the header of p, which must be a live tracked block.
 * Anything else (a block of another family, one already given back) has no
 * tag there: it prints a line on stderr and aborts the program.
 */
static struct track_header *track_header_of(void *p)
{
    struct track_header *h = (struct track_header *)p - 1;

    if (h->tag != TRACK_TAG) {
        fprintf(stderr, "track: given a pointer that is not a live tracked block\n");
        abort();
    }
    return h;
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
    return h ? track_adopt(h, size) : NULL;
}

/*
 * track_strdup: a tracked copy of the string s, its '\0' included. Returns
 * it, counted at strlen(s) + 1 bytes, for the caller to give back with
 * track_free (never free); or NULL if there is no memory.
 */
char *track_strdup(const char *s)
{
    size_t size = strlen(s) + 1;
    char *copy = track_malloc(size);

    if (!copy)
        return NULL;
    memcpy(copy, s, size);
    return copy;
}

/*
 * track_realloc_array: resize the tracked block p (NULL: make a new one) to
 * count elements of size bytes each. When the block grows, the bytes past
 * its old size are zeroed, so new pointers in it are NULL. Returns the block,
 * counted at its new size, and p must not be used again; or NULL when
 * count * size plus the header would not fit in a size_t, or there is no
 * memory, and then p is untouched, still counted at its old size, and still
 * the caller's to track_free.
 */
void *track_realloc_array(void *p, size_t count, size_t size)
{
    struct track_header *old = NULL, *h;
    size_t bytes, old_size = 0;

    if (size != 0 && count > (SIZE_MAX - sizeof *h) / size)
        return NULL;
    bytes = count * size;
    if (p) {
        old = track_header_of(p);
        old_size = old->size;       /* read it now: realloc may free old */
    }
    h = realloc(old, sizeof *h + bytes);
    if (!h)
        return NULL;
    if (bytes > old_size)
        memset((char *)(h + 1) + old_size, 0, bytes - old_size);
    if (old)
        track_forget(old_size);
    return track_adopt(h, bytes);
}

/* track_free: give back a block of this tracker. NULL does nothing. */
void track_free(void *p)
{
    struct track_header *h;

    if (!p)
        return;
    h = track_header_of(p);
    h->tag = 0;                     /* a second track_free of p is caught */
    track_forget(h->size);
    free(h);
}

/*
 * track_report: one line on stdout, "tracker, WHEN: ...", with the live
 * bytes and blocks and the peak.
 */
void track_report(const char *when)
{
    const struct track_stats *t = &track_totals;

    printf("tracker, %s: %zu bytes in %zu blocks live, peak %zu bytes\n",
           when, t->live_bytes, t->live_blocks, t->peak_bytes);
}

/* A room's lockers: four things to release, from three families. */
struct plan {
    char *room;     /* strdup (free); NULL until the file's first line is read */
    char **names;   /* tracked (track_free); names[id] tracked too, or NULL */
    size_t slots;   /* elements of names: lockers 1 to slots - 1 (0 unused) */
};

/* plan_new: an empty plan, from malloc: plan_free it. NULL if out of memory. */
static struct plan *plan_new(void)
{
    struct plan *plan = malloc(sizeof *plan);

    if (!plan)
        return NULL;
    plan->room = NULL;
    plan->names = NULL;
    plan->slots = 0;
    return plan;
}

/*
 * plan_free: release plan and everything it holds, each with the function of
 * its own family. NULL does nothing.
 */
static void plan_free(struct plan *plan)
{
    if (!plan)
        return;
    for (size_t id = 0; id < plan->slots; id++)
        track_free(plan->names[id]);
    track_free(plan->names);
    free(plan->room);
    free(plan);
}

/*
 * plan_take: give locker id (1 to LOCKER_MAX) to a tracked copy of name; the
 * name it had before is given back. Returns 0, or -1 with a message printed,
 * and then the lockers hold the same names as before.
 */
static int plan_take(struct plan *plan, unsigned long id, const char *name)
{
    char **names;
    char *copy;

    if (id >= plan->slots) {
        names = track_realloc_array(plan->names, id + 1, sizeof *names);
        if (!names) {
            fprintf(stderr, "lockers: out of memory (room for %lu lockers)\n", id + 1);
            return -1;
        }
        plan->names = names;
        plan->slots = id + 1;
    }
    copy = track_strdup(name);
    if (!copy) {
        fprintf(stderr, "lockers: out of memory (copying \"%s\")\n", name);
        return -1;
    }
    track_free(plan->names[id]);
    plan->names[id] = copy;
    return 0;
}

/*
 * plan_read_line: one line of the file after the first, "NUMBER NAME": the
 * locker NUMBER goes to NAME. Returns 0, or -1 with a message printed.
 */
static int plan_read_line(struct plan *plan, const char *line)
{
    char *end;
    unsigned long id = strtoul(line, &end, 10);

    if (end == line || *end != ' ' || id == 0 || id > LOCKER_MAX) {
        fprintf(stderr, "lockers: not \"NUMBER NAME\": \"%s\"\n", line);
        return -1;
    }
    return plan_take(plan, id, end + 1);
}

/*
 * plan_load: read the file path into plan: its first line is the room's name,
 * each other line gives one locker (plan_read_line). Returns 0, or -1 with a
 * message printed; what was read so far stays in plan, for plan_free. The
 * file and getline's buffer are given back on every path.
 */
static int plan_load(struct plan *plan, const char *path)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;          /* getline's buffer: malloc's, free it */
    size_t cap = 0;
    ssize_t len;
    int rc = -1;

    if (!f) {
        fprintf(stderr, "lockers: cannot open %s for reading\n", path);
        return -1;
    }
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[len - 1] = '\0';
        if (!plan->room) {
            plan->room = strdup(line);
            if (!plan->room) {
                fprintf(stderr, "lockers: out of memory (copying the room)\n");
                goto out_free_line;
            }
        } else if (plan_read_line(plan, line) != 0) {
            goto out_free_line;
        }
    }
    if (ferror(f) || !plan->room) {
        fprintf(stderr, "lockers: cannot read a plan from %s\n", path);
        goto out_free_line;
    }
    rc = 0;

out_free_line:
    free(line);
    fclose(f);
    return rc;
}

/* plan_print: the room, then each locker from 1 up, with its name or "-". */
static void plan_print(const struct plan *plan)
{
    printf("%s:\n", plan->room);
    for (size_t id = 1; id < plan->slots; id++)
        printf("  locker %zu: %s\n", id, plan->names[id] ? plan->names[id] : "-");
}

/*
 * save_text: write the string text to the file path, replacing what it held.
 * Returns 0, or -1 with a message printed. The file is closed on every path.
 */
static int save_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    int rc = 0;

    if (!f) {
        fprintf(stderr, "lockers: cannot open %s for writing\n", path);
        return -1;
    }
    if (fputs(text, f) == EOF)
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    if (rc != 0)
        fprintf(stderr, "lockers: cannot write %s\n", path);
    return rc;
}

int main(void)
{
    static const char plan_text[] =
        "Room B, second floor\n"
        "3 ada\n"
        "1 grace\n"
        "9 linus\n"
        "6 edsger\n"
        "3 barbara\n";
    struct plan *plan;
    int status = 1;

    if (save_text(LOCKERS_PATH, plan_text) != 0)
        return 1;                       /* nothing to undo yet */
    printf("wrote %s\n", LOCKERS_PATH);
    plan = plan_new();
    if (!plan) {
        fprintf(stderr, "lockers: out of memory\n");
        return 1;
    }
    if (plan_load(plan, LOCKERS_PATH) != 0)
        goto out_free_plan;
    plan_print(plan);
    track_report("plan loaded");
    status = 0;

out_free_plan:
    plan_free(plan);
    track_report("at exit");
    return status;
}
