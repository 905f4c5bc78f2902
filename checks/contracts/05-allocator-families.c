/*
 * Contract tests of lesson 05: track_strdup, track_realloc_array, plan_free
 * and plan_load, called directly, each promise of their head comments in
 * turn. Built with the learner's exercise.c (see checks/lib/contract.h); run
 * under Valgrind and the failure sweep, so the promises about failure are
 * tested at every allocation too. The tracker's totals (track_totals) say
 * what is counted; Valgrind sees what is released, and by which function.
 */
#define _POSIX_C_SOURCE 200809L     /* getline and dup, as in the exercise */

#include "contract.h"
#include LESSON_SOURCE
#undef main

#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <valgrind/memcheck.h>

/* The tracker counts just `blocks` blocks and `bytes` bytes more than *before. */
static int counted(const struct track_stats *before, size_t blocks, size_t bytes)
{
    return track_totals.live_blocks == before->live_blocks + blocks &&
           track_totals.live_bytes == before->live_bytes + bytes;
}

/*
 * Under Valgrind, what the test must not read blindly: held, the n bytes at
 * p are still a live block's (not freed); written, someone wrote them. Each
 * is true when the program runs without Valgrind.
 */
static int held(const void *p, size_t n)
{
    return VALGRIND_CHECK_MEM_IS_ADDRESSABLE(p, n) == 0;
}

static int written(const void *p, size_t n)
{
    return VALGRIND_CHECK_MEM_IS_DEFINED(p, n) == 0;
}

/* The n bytes at p were written, and all with 0. */
static int zeroed(const unsigned char *p, size_t n)
{
    if (!written(p, n))
        return 0;
    while (n > 0)
        if (p[--n] != 0)
            return 0;
    return 1;
}

/* The lowest file descriptor not in use: a file left open moves it up. */
static int free_fd(void)
{
    int fd = dup(0);

    if (fd >= 0)
        close(fd);
    return fd;
}

/*
 * Bytes that Valgrind finds no pointer to any more, not even into their
 * middle (0 without Valgrind). Tracked blocks, pointed to only past their
 * header, are "possibly lost" to Valgrind: not counted here.
 */
static unsigned long lost(void)
{
    unsigned long leaked = 0, dubious = 0, reachable = 0, suppressed = 0;

    VALGRIND_DO_QUICK_LEAK_CHECK;
    VALGRIND_COUNT_LEAKS(leaked, dubious, reachable, suppressed);
    (void)dubious;
    (void)reachable;
    (void)suppressed;
    return leaked;
}

/* plan_load(plan, path), and its promise about the file and the buffer. */
static int load(struct plan *plan, const char *path)
{
    unsigned long was_lost = lost();
    int fd = free_fd(), rc = plan_load(plan, path);

    PROMISE(plan_load, "the file and getline's buffer are given back on every path (the file was left open)",
            free_fd() == fd);
    PROMISE(plan_load, "the file and getline's buffer are given back on every path (a block was lost)",
            lost() == was_lost);
    return rc;
}

static int test_track_strdup(void)
{
    struct track_stats before = track_totals;
    char s[] = "grace";
    char *copy;

    inject_fail_next();
    PROMISE(track_strdup, "returns NULL if there is no memory", track_strdup(s) == NULL);
    PROMISE(track_strdup, "counted ... or NULL if there is no memory (a failed copy is not counted)",
            counted(&before, 0, 0));

    copy = track_strdup(s);
    if (!copy)
        return -1;                  /* the failure sweep made it fail: tested above */
    PROMISE(track_strdup, "a tracked copy of the string s, its '\\0' included",
            copy != s && memcmp(copy, "grace", 6) == 0);
    PROMISE(track_strdup, "counted at strlen(s) + 1 bytes", counted(&before, 1, 6));
    if (!counted(&before, 1, 6))
        return -1;                  /* not the tracker's: track_free would stop the test */
    PROMISE_NO_CRASH(track_strdup, "for the caller to give back with track_free", (track_free(copy), 1));
    return 0;
}

/* track_realloc_array on p (24 bytes, holding 1 to 24) with huge arguments. */
static int test_refused(unsigned char **p, size_t count, size_t size, const char *words)
{
    struct track_stats before = track_totals;
    unsigned char *q;
    int same = 1;

    PROMISE_NO_CRASH(track_realloc_array, words, ((q = track_realloc_array(*p, count, size)), 1));

    if (q) {
        PROMISE(track_realloc_array, words, 0);
        *p = q;                     /* p is gone: q is what there is to free */
        return -1;
    }
    same = held(*p, 24);
    for (size_t i = 0; i < 24 && same; i++)
        same = (*p)[i] == i + 1;
    PROMISE(track_realloc_array, words, same && counted(&before, 0, 0));
    return 0;
}

static int test_track_realloc_array(void)
{
    struct track_stats before = track_totals;
    unsigned char *p, *q;
    size_t i;

    inject_fail_next();
    PROMISE(track_realloc_array, "(NULL: make a new one) ... or NULL when there is no memory",
            track_realloc_array(NULL, 3, 8) == NULL && counted(&before, 0, 0));

    p = track_realloc_array(NULL, 3, 8);
    if (!p)
        return -1;
    PROMISE(track_realloc_array, "(NULL: make a new one): returns the block, counted at its new size",
            counted(&before, 1, 24));
    PROMISE(track_realloc_array, "when the block grows, the bytes past its old size are zeroed (a new block is all 0)",
            zeroed(p, 24));
    for (i = 0; i < 24; i++)
        p[i] = (unsigned char)(i + 1);

    if (test_refused(&p, SIZE_MAX / 2 + 2, 2,
                     "NULL when count * size would not fit in a size_t, and then p is untouched, still counted at its old size") != 0 ||
        test_refused(&p, SIZE_MAX / 8, 8,
                     "NULL when count * size plus the header would not fit in a size_t, and then p is untouched, still counted at its old size") != 0) {
        track_free(p);
        return -1;
    }

    inject_fail_next();
    q = track_realloc_array(p, 5, 8);
    if (q) {
        PROMISE(track_realloc_array, "returns NULL when there is no memory", 0);
        p = q;
    } else {
        int same = held(p, 24);

        for (i = 0; i < 24 && same; i++)
            same = p[i] == i + 1;
        PROMISE(track_realloc_array, "when there is no memory, p is untouched, still counted at its old size, and still the caller's",
                same && counted(&before, 1, 24));
        if (!same)
            return -1;              /* p may be gone: the test cannot go on */
        q = track_realloc_array(p, 5, 8);
    }
    if (q) {
        int kept = 1;

        p = q;
        for (i = 0; i < 24 && kept; i++)
            kept = p[i] == i + 1;
        PROMISE(track_realloc_array, "resize the tracked block p: its bytes are kept", kept);
        PROMISE(track_realloc_array, "when the block grows, the bytes past its old size are zeroed", zeroed(p + 24, 16));
        PROMISE(track_realloc_array, "returns the block, counted at its new size", counted(&before, 1, 40));
        q = track_realloc_array(p, 2, 8);
        if (q) {
            p = q;
            PROMISE(track_realloc_array, "a smaller block keeps its first bytes, counted at its new size",
                    p[0] == 1 && p[15] == 16 && counted(&before, 1, 16));
        }
    }
    track_free(p);                  /* "still the caller's to track_free" */
    PROMISE(track_realloc_array, "returns the block, counted at its new size (track_free then counts it out)",
            counted(&before, 0, 0));
    return 0;
}

/* plan_free of a plan from plan_new, with a room and lockers 1 and 3. */
static int test_plan_free(void)
{
    struct track_stats before = track_totals;
    struct plan *plan;

    PROMISE_NO_CRASH(plan_free, "NULL does nothing", (plan_free(NULL), 1));

    plan = plan_new();
    if (!plan)
        return -1;
    PROMISE_NO_CRASH(plan_free, "release plan and everything it holds (an empty plan, as plan_new made it)",
                     (plan_free(plan), 1));

    plan = plan_new();
    if (!plan)
        return -1;
    plan->room = strdup("Room A");  /* under the sweep, any of these may fail */
    if (plan->room && plan_take(plan, 3, "ada") == 0)
        (void)plan_take(plan, 1, "grace");
    PROMISE_NO_CRASH(plan_free, "release plan and everything it holds, each with the function of its own family",
                     (plan_free(plan), 1));
    PROMISE(plan_free, "release plan and everything it holds, each with the function of its own family (the tracker ends where it began)",
            counted(&before, 0, 0));
    return 0;
}

/* The end of a group of plan_load's tests: the tracker is back where it was at the group's start (*before). */
static void left_nothing(const struct track_stats *before)
{
    PROMISE(plan_load, "what was read so far stays in plan, for plan_free (and nothing else: the tracker ends where it began)",
            counted(before, 0, 0));
}

/*
 * plan_load on each file, in three groups (the empty file and the missing
 * one share a plan). Each group takes its own snapshot of the tracker and
 * checks it at its own end, so that a run of the sweep whose call failed
 * can end between groups (contract_step).
 */
static int test_plan_load(void)
{
    struct track_stats before;
    struct plan *plan;
    int rc;

    if (save_text("contract-good.txt", "Room C\n3 ada\n1 grace\n3 barbara\n") != 0 ||
        save_text("contract-bad.txt", "Room D\n2 ada\nnot a locker\n4 bob\n") != 0 ||
        save_text("contract-empty.txt", "") != 0)
        return -1;

    before = track_totals;
    plan = plan_new();
    if (!plan)
        return -1;
    rc = load(plan, "contract-good.txt");
    if (rc == 0)
        PROMISE(plan_load, "its first line is the room's name, each other line gives one locker",
                plan->room && strcmp(plan->room, "Room C") == 0 && plan->slots == 4 &&
                plan->names[1] && strcmp(plan->names[1], "grace") == 0 && !plan->names[2] &&
                plan->names[3] && strcmp(plan->names[3], "barbara") == 0);
    else
        PROMISE(plan_load, "returns 0 (a good plan, when no allocation fails)", contract_swept());
    plan_free(plan);
    left_nothing(&before);
    contract_step();

    before = track_totals;
    plan = plan_new();
    if (!plan)
        return -1;
    rc = load(plan, "contract-bad.txt");
    PROMISE(plan_load, "returns -1 with a message printed (a line that is not \"NUMBER NAME\")", rc == -1);
    if (!contract_swept())
        PROMISE(plan_load, "what was read so far stays in plan, for plan_free",
                plan->room && strcmp(plan->room, "Room D") == 0 && plan->slots == 3 &&
                plan->names[2] && strcmp(plan->names[2], "ada") == 0);
    plan_free(plan);
    left_nothing(&before);
    contract_step();

    before = track_totals;
    plan = plan_new();
    if (!plan)
        return -1;
    PROMISE(plan_load, "returns -1 with a message printed (an empty file)", load(plan, "contract-empty.txt") == -1);
    PROMISE(plan_load, "returns -1 with a message printed (no such file)", load(plan, "contract-none.txt") == -1);
    plan_free(plan);
    left_nothing(&before);
    return 0;
}

int main(void)
{
    /* in the order of the TODOs; each returns -1 when it cannot go on, and
       0 when it holds nothing: a run of the sweep whose call failed ends at
       each contract_step() (see contract.h) */
    if (test_track_realloc_array() != 0)
        return contract_end();
    contract_step();
    if (test_track_strdup() != 0)
        return contract_end();
    contract_step();
    if (test_plan_free() != 0)
        return contract_end();
    contract_step();
    test_plan_load();
    return contract_end();
}
