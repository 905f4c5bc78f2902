/*
 * Contract tests of lesson 07: players_new, counts_resize and record_write,
 * called directly, each promise of their head comments in turn. Built with
 * the learner's exercise.c (see checks/lib/contract.h); run under Valgrind
 * and the failure sweep, so the promises about failure are tested at every
 * allocation too.
 *
 * Memory nobody wrote may well read as zero. So under Valgrind a block only
 * counts as zero when memcheck also finds every byte of it defined, and a
 * block only counts as still the caller's when memcheck finds it not freed.
 */
#define _POSIX_C_SOURCE 200809L /* dup, dup2, fileno: to count lines on stderr */
#include "contract.h"
#include LESSON_SOURCE
#undef main

#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <valgrind/memcheck.h>

/* The size bytes at p are all zero, and (under Valgrind) all written. */
static int zero_bytes(const void *p, size_t size)
{
    const unsigned char *b = p;

    if (VALGRIND_CHECK_MEM_IS_DEFINED(p, size) != 0)
        return 0;
    for (size_t i = 0; i < size; i++)
        if (b[i] != 0)
            return 0;
    return 1;
}

/* Counters [from, to) of c are all zero. */
static int counters_zero(const size_t *c, size_t from, size_t to)
{
    return zero_bytes(c + from, (to - from) * sizeof *c);
}

/* c holds len counters (not freed, under Valgrind), the first n of them first + i. */
static int counters_are(const size_t *c, size_t len, size_t n, size_t first)
{
    if (VALGRIND_CHECK_MEM_IS_ADDRESSABLE(c, len * sizeof *c) != 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (c[i] != first + i)
            return 0;
    return 1;
}

/* Sets the len counters of c to first + i. */
static void counters_fill(size_t *c, size_t len, size_t first)
{
    for (size_t i = 0; i < len; i++)
        c[i] = first + i;
}

/* The next wrapped allocation fails: inject_fail_next() is still pending. */
static int next_allocation_fails(void)
{
    void *p = malloc(1);
    int failed = p == NULL;

    free(p);
    return failed;
}

/*
 * stderr_catch() sends stderr to a temporary file; stderr_lines() puts it
 * back and returns how many lines went there (0: nothing at all), or -1
 * when it cannot tell.
 * No PROMISE in between: its words would be counted, not shown.
 */
static FILE *caught;
static int saved_stderr = -1;

static void stderr_catch(void)
{
    fflush(stderr);
    caught = tmpfile();
    saved_stderr = caught ? dup(STDERR_FILENO) : -1;
    if (saved_stderr >= 0 && dup2(fileno(caught), STDERR_FILENO) < 0) {
        close(saved_stderr);
        saved_stderr = -1;
    }
}

static long stderr_lines(void)
{
    long lines = 0;
    int ch, last = '\n';

    fflush(stderr);
    if (saved_stderr >= 0) {
        dup2(saved_stderr, STDERR_FILENO);
        close(saved_stderr);
        saved_stderr = -1;
        rewind(caught);
        while ((ch = getc(caught)) != EOF) {
            lines += ch == '\n';
            last = ch;
        }
        lines += last != '\n';     /* a last line without its newline */
    } else {
        lines = -1;
    }
    if (caught)
        fclose(caught);
    caught = NULL;
    return lines;
}

static void test_players_new(void)
{
    struct player *players;
    long lines;
    int zero = 1;

    stderr_catch();
    inject_fail_next();
    players = players_new(3);
    lines = stderr_lines();
    PROMISE(players_new, "returns NULL when memory runs out", players == NULL);
    PROMISE(players_new, "NULL after one line on stderr (memory ran out)",
            players != NULL || lines == 1 || lines == -1);
    free(players);
    /* a run of the sweep whose call failed ends at each contract_step(),
       where the test holds nothing: see contract.h */
    contract_step();

    stderr_catch();
    players = players_new(SIZE_MAX / sizeof *players + 2); /* n * size wraps to 16 bytes */
    lines = stderr_lines();
    PROMISE(players_new, "returns NULL after one line on stderr when n players do not fit in a size_t",
            players == NULL && (lines == 1 || lines == -1));
    free(players);
    contract_step();

    players = players_new(3);
    if (!players)
        return;                     /* the failure sweep made it fail: tested above */
    for (size_t i = 0; i < 3; i++)
        zero = zero && zero_bytes(&players[i].throws, sizeof players[i].throws) &&
               zero_bytes(&players[i].wins, sizeof players[i].wins) &&
               zero_bytes(&players[i].longest, sizeof players[i].longest);
    PROMISE(players_new, "the table of n players with every total of every player zero", zero);
    free(players);                  /* "the caller frees it with free" */
}

static void test_counts_resize(void)
{
    const size_t huge[] = { SIZE_MAX / sizeof(size_t) + 1, SIZE_MAX / sizeof(size_t) + 2, SIZE_MAX };
    size_t *c, *tmp;
    long lines, printed = 0;
    int untouched = 1;

    stderr_catch();
    c = counts_resize(NULL, 0, 4);
    lines = stderr_lines();
    printed += lines > 0 ? lines : 0;
    if (!c)
        return;                     /* the failure sweep made it fail */
    PROMISE(counts_resize, "counts may be NULL with old_len 0, for a new block all zero",
            counters_zero(c, 0, 4));
    counters_fill(c, 4, 100);

    /* (SIZE_MAX / 8 + 1) * 8 wraps to 0 bytes, which realloc may take as free(counts) */
    for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
        int refused_first;

        stderr_catch();
        inject_fail_next();         /* should it reach realloc, realloc fails: c survives */
        tmp = counts_resize(c, 4, huge[i]);
        refused_first = next_allocation_fails();
        lines = stderr_lines();
        printed += lines > 0 ? lines : 0;
        if (tmp) {
            PROMISE(counts_resize, "returns NULL when new_len counters would not fit in a size_t", 0);
            free(tmp);
            return;
        }
        untouched = untouched && refused_first && counters_are(c, 4, 4, 100);
    }
    PROMISE(counts_resize, "returns NULL, with counts untouched, when new_len counters would not fit "
            "in a size_t (so refused before any realloc: the size would wrap)", untouched);

    stderr_catch();
    inject_fail_next();
    tmp = counts_resize(c, 4, 8);
    lines = stderr_lines();
    printed += lines > 0 ? lines : 0;
    PROMISE(counts_resize, "returns NULL when memory runs out", tmp == NULL);
    if (tmp) {
        free(tmp);
        return;
    }
    PROMISE(counts_resize, "prints nothing (not even when it refuses or fails)", printed == 0);
    untouched = counters_are(c, 4, 4, 100);
    PROMISE(counts_resize, "when memory runs out, returns NULL with counts untouched and still the caller's",
            untouched);
    if (!untouched)
        return;                     /* c may be freed: leave it */

    tmp = counts_resize(c, 4, 8);   /* c is still the caller's: to grow, then free */
    if (!tmp)
        goto out;                   /* the failure sweep made it fail */
    c = tmp;
    PROMISE(counts_resize, "the first min(old_len, new_len) counters keep their values (growing)",
            counters_are(c, 8, 4, 100));
    PROMISE(counts_resize, "every counter after the old ones is zero (growing 4 to 8)", counters_zero(c, 4, 8));

    counters_fill(c, 8, 200);
    PROMISE_NO_CRASH(counts_resize, "shrinking (8 counters to 2) writes nothing past the new end",
                     ((tmp = counts_resize(c, 8, 2)), 1));
    if (!tmp)
        goto out;
    c = tmp;
    PROMISE(counts_resize, "the first min(old_len, new_len) counters keep their values (shrinking)",
            counters_are(c, 2, 2, 200));
    tmp = counts_resize(c, 2, 8);
    if (!tmp)
        goto out;
    c = tmp;
    PROMISE(counts_resize, "every counter after the old ones is zero (shrunk 8 to 2, grown again to 8)",
            counters_are(c, 8, 2, 200) && counters_zero(c, 2, 8));
    tmp = counts_resize(c, 8, 1000);
    if (!tmp)
        goto out;
    c = tmp;
    PROMISE(counts_resize, "every counter after the old ones is zero (growing 8 to 1000)",
            counters_are(c, 1000, 2, 200) && counters_zero(c, 8, 1000));
out:
    free(c);
}

static void test_record_write(void)
{
    const struct player first = { .throws = 0xFEDCBA98ul, .wins = 0xBEEF, .longest = 0x1234 };
    const struct player second = { .throws = 7, .wins = 1, .longest = 3 };
    static const unsigned char want[2 * RECORD_SIZE] = {
        200, 0x98, 0xBA, 0xDC, 0xFE, 0xEF, 0xBE, 0x34, 0x12,
        1, 7, 0, 0, 0, 1, 0, 3, 0,
    };
    unsigned char got[4 * RECORD_SIZE];
    size_t len;
    int st1, st2;
    FILE *f = tmpfile();

    if (f) {
        st1 = record_write(f, &first, 200);
        st2 = record_write(f, &second, 1);
        rewind(f);
        len = fread(got, 1, sizeof got, f);
        fclose(f);
        PROMISE(record_write, "returns 0 when f took the whole record", st1 == 0 && st2 == 0);
        PROMISE(record_write, "appends RECORD_SIZE bytes, with nothing before, between or after the fields",
                len == 2 * RECORD_SIZE);
        PROMISE(record_write, "byte 0 number, bytes 1 to 4 throws, 5 and 6 wins, 7 and 8 longest, "
                "least significant byte first", len == 2 * RECORD_SIZE && memcmp(got, want, len) == 0);
    }
    contract_step();

    f = fopen("/dev/full", "wb");   /* a device that is always full */
    if (f) {
        setvbuf(f, NULL, _IONBF, 0);   /* each write reaches it at once */
        PROMISE(record_write, "returns -1 when f did not take the whole record (a full disk)",
                record_write(f, &first, 1) == -1);
        fclose(f);
    }
}

int main(void)
{
    test_players_new();
    contract_step();
    test_counts_resize();
    contract_step();
    test_record_write();
    return contract_end();
}
