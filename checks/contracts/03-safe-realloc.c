/*
 * Contract tests of lesson 03: text_grown_capacity, text_append and
 * text_shrink_to_fit, called directly, each promise of their head comments
 * in turn (the policy first: the other two rely on it). Built with the
 * learner's exercise.c (see checks/lib/contract.h); run under Valgrind and
 * the failure sweep, so the promises about failure are tested at every
 * allocation too: under the sweep any growth or shrink may fail, and then
 * the promise tested is that it left the text as it was.
 *
 * A wrong bound typically does not return a wrong answer: it loops for ever
 * or copies SIZE_MAX bytes. So a call that crashes or spins is reported as
 * the promise it was testing broken (see CALL).
 */
#define _POSIX_C_SOURCE 200809L
#include "contract.h"
#include LESSON_SOURCE
#undef main

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Under the failure sweep, any allocation may fail. */
/* asked each time: a run of the sweep forked from a normal run is swept
   only from its failed call on */
#define sweeping contract_swept()

/* --- the state of a text, to see that a call left it exactly as it was --- */

struct snapshot {
    const char *bytes;
    size_t length;
    size_t capacity;
    char text[128];
};

static void take(struct snapshot *s, const struct text *t)
{
    s->bytes = t->bytes;
    s->length = t->length;
    s->capacity = t->capacity;
    memcpy(s->text, t->bytes, t->length + 1 <= sizeof s->text ? t->length + 1 : sizeof s->text);
}

static int same(const struct snapshot *s, const struct text *t)
{
    return t->bytes == s->bytes && t->length == s->length && t->capacity == s->capacity &&
           t->length < sizeof s->text && memcmp(t->bytes, s->text, t->length + 1) == 0;
}

/* --- text_grown_capacity ------------------------------------------------- */

#define G_SAME "it returns capacity itself when needed <= capacity: no growth is needed"
#define G_REFUSE "it returns 0 when needed > TEXT_MAX_CAPACITY: the block may not grow that far"
#define G_FROM_0 "from 0: 16, 32, ..., 65536, 131072, 196608, ..."
#define G_DOUBLE "the first value >= needed of a sequence that starts at capacity, " \
    "doubles while it is below TEXT_LINEAR_STEP, ..."
#define G_STEP "the first value >= needed of a sequence that ... doubles while it is below " \
    "TEXT_LINEAR_STEP, then adds TEXT_LINEAR_STEP at a time"
#define G_CAP "but never more than TEXT_MAX_CAPACITY"
#define G_WRAP "nothing in it may wrap around, whatever the arguments: needed > TEXT_MAX_CAPACITY returns 0"

#define MAX TEXT_MAX_CAPACITY
#define STEP TEXT_LINEAR_STEP

static const struct {
    size_t capacity, needed, want;
    const char *promise;
} policy[] = {
    { 16, 16, 16, G_SAME },
    { 100, 7, 100, G_SAME },
    { 0, 1, 16, G_FROM_0 },
    { 0, 17, 32, G_FROM_0 },
    { 0, STEP, STEP, G_FROM_0 },
    { 0, STEP + 1, 2 * STEP, G_FROM_0 },
    { 0, 2 * STEP + 1, 3 * STEP, G_FROM_0 },
    { 3, 4, 6, G_DOUBLE },                      /* odd capacities double too */
    { 3, 13, 24, G_DOUBLE },
    { 100, 101, 200, G_DOUBLE },
    { 40000, 40001, 80000, G_DOUBLE },          /* below the step: doubles past it */
    { STEP - 1, STEP, 2 * STEP - 2, G_DOUBLE },
    { 40000, 80001, 80000 + STEP, G_STEP },     /* then steps */
    { STEP, STEP + 1, 2 * STEP, G_STEP },
    { 100000, 100001, 100000 + STEP, G_STEP },
    { 100000, 300000, 100000 + 4 * STEP, G_STEP },
    { 0, MAX, MAX, G_CAP },
    { MAX - 1, MAX, MAX, G_CAP },               /* one step would pass 1 GiB */
    { 1000000, MAX, MAX, G_CAP },
    { 0, MAX + 1, 0, G_REFUSE },
    { MAX, MAX + 1, 0, G_REFUSE },
    { 16, SIZE_MAX, 0, G_WRAP },
    { MAX - 1, SIZE_MAX, 0, G_WRAP },
    { SIZE_MAX / 2 + 1, SIZE_MAX, 0, G_WRAP },  /* doubling it wraps to 0 */
    { SIZE_MAX - STEP, SIZE_MAX, 0, G_WRAP },   /* one step wraps */
    { SIZE_MAX - 1, SIZE_MAX, 0, G_WRAP },
};

/* Each promise of the policy, with the first case that breaks it. */
static void test_policy(void)
{
    const char *reported = NULL;
    char words[256];
    size_t got, i;

    for (i = 0; i < sizeof policy / sizeof policy[0]; i++) {
        if (policy[i].promise == reported)
            continue;
        snprintf(words, sizeof words, "%s (text_grown_capacity(%zu, %zu) must return %zu)",
                 policy[i].promise, policy[i].capacity, policy[i].needed, policy[i].want);
        PROMISE_NO_CRASH(text_grown_capacity, words,
                         ((got = text_grown_capacity(policy[i].capacity, policy[i].needed)), 1));
        if (got == policy[i].want)
            continue;
        snprintf(words, sizeof words, "%s (text_grown_capacity(%zu, %zu) must return %zu, not %zu)",
                 policy[i].promise, policy[i].capacity, policy[i].needed, policy[i].want, got);
        PROMISE(text_grown_capacity, words, 0);
        reported = policy[i].promise;
    }
}

/* --- text_append ---------------------------------------------------------- */

#define A_APPENDS "appends the len bytes at s to t's text, which stays NUL-terminated"
#define A_GROWS "when the block lacks room for them and the '\\0', it grows first, " \
    "to the capacity text_grown_capacity gives (and only then)"
#define A_RETURNS "returns 0 (when no allocation fails)"
#define A_SAME "t is then exactly as it was: same block, same length, same capacity, same text"
#define A_OVERFLOW "returns -1 if the length would overflow a size_t; " A_SAME
#define A_REFUSED "returns -1 if the policy refuses; " A_SAME
#define A_FAILS "returns -1 if realloc fails; " A_SAME

/* text_append(t, s, len), and the promises of what it returned: 0 when it
 * appended and kept them, else -1 (the test then stops). */
static int append(struct text *t, const char *s, size_t len)
{
    struct snapshot before;
    int broken = contract_broken;
    size_t want;
    int r;

    take(&before, t);
    want = before.capacity > before.length + len ? before.capacity
           : text_grown_capacity(before.capacity, before.length + len + 1);
    r = text_append(t, s, len);
    if (r != 0) {
        PROMISE(text_append, A_RETURNS, sweeping);
        PROMISE(text_append, A_FAILS, r == -1 && same(&before, t));
        return r;
    }
    PROMISE(text_append, A_APPENDS, t->length == before.length + len &&
            memcmp(t->bytes, before.text, before.length) == 0 &&
            memcmp(t->bytes + before.length, s, len) == 0 && t->bytes[t->length] == '\0');
    PROMISE(text_append, A_GROWS, t->capacity == want);
    return contract_broken == broken ? 0 : -1;
}

static void test_append(void)
{
    static const char x[64] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    struct snapshot before;
    struct text *t = text_new();
    size_t len;

    if (!t)
        return;     /* the failure sweep made it fail */
    if (append(t, "", 0) != 0 || append(t, "abc", 3) != 0 ||
        append(t, "defghijklmno", 12) != 0 ||  /* 15 bytes and the '\0': may fill 16 */
        append(t, "p", 1) != 0)                /* 16 and the '\0' need a growth */
        goto out;

    /* a growth whose realloc fails */
    len = t->capacity - t->length;
    if (len < sizeof x) {
        take(&before, t);
        inject_fail_next();
        PROMISE_NO_CRASH(text_append, A_FAILS, text_append(t, x, len) == -1 && same(&before, t));
        inject_fail_cancel();
        if (!same(&before, t))
            goto out;   /* its block may be gone: nothing more to test on it */
    }

    /* lengths that wrap around: each must be refused before anything is touched */
    take(&before, t);
    PROMISE_NO_CRASH(text_append, A_OVERFLOW " (a len of SIZE_MAX)",
         text_append(t, x, SIZE_MAX) == -1 && same(&before, t));
    PROMISE_NO_CRASH(text_append, A_OVERFLOW " (a len of SIZE_MAX - length: length + len + 1 wraps to 0)",
         text_append(t, x, SIZE_MAX - t->length) == -1 && same(&before, t));
    /* lengths the policy refuses (when it does: its own test says if not) */
    if (text_grown_capacity(t->capacity, MAX + 1) == 0)
        PROMISE_NO_CRASH(text_append, A_REFUSED " (length + len + 1 = TEXT_MAX_CAPACITY + 1)",
             text_append(t, x, MAX - t->length) == -1 && same(&before, t));
    if (text_grown_capacity(t->capacity, SIZE_MAX) == 0)
        PROMISE_NO_CRASH(text_append, A_REFUSED " (length + len + 1 = SIZE_MAX)",
             text_append(t, x, SIZE_MAX - 1 - t->length) == -1 && same(&before, t));

    /* and after all that, it still appends */
    (void)append(t, "q", 1);
out:
    text_free(t);
}

/* --- text_shrink_to_fit --------------------------------------------------- */

#define S_FITS "gives t's block back all but the length + 1 bytes that its text and '\\0' need"
#define S_RETURNS "returns 0 (when realloc does not fail)"
#define S_NOTHING "returns 0; when the block already has that size it calls nothing"
#define S_SAME "t is then exactly as it was: same block, same length, same capacity, same text"
#define S_FAILS "returns -1 if realloc fails; " S_SAME

/* text_shrink_to_fit(t), and the promises of what it returned: 0 when it
 * shrank the block and kept them, else -1 (the test then stops). */
static int shrink(struct text *t)
{
    struct snapshot before;
    int broken = contract_broken;
    int r;

    take(&before, t);
    r = text_shrink_to_fit(t);
    if (r != 0) {
        PROMISE(text_shrink_to_fit, S_RETURNS, sweeping);
        PROMISE(text_shrink_to_fit, S_FAILS, r == -1 && same(&before, t));
        return r;
    }
    PROMISE(text_shrink_to_fit, S_FITS, t->capacity == t->length + 1 &&
            t->length == before.length && memcmp(t->bytes, before.text, t->length + 1) == 0);
    return contract_broken == broken ? 0 : -1;
}

static void test_shrink(void)
{
    struct snapshot before;
    struct text *t = text_new();

    if (!t)
        return;
    if (shrink(t) != 0 ||                       /* "" keeps 1 byte, for its '\0' */
        append(t, "hello, world", 12) != 0)     /* and grows again from there */
        goto out;

    /* a shrink whose realloc fails */
    if (t->capacity > t->length + 1) {
        take(&before, t);
        inject_fail_next();
        PROMISE_NO_CRASH(text_shrink_to_fit, S_FAILS, text_shrink_to_fit(t) == -1 && same(&before, t));
        inject_fail_cancel();
        if (!same(&before, t))
            goto out;
    }
    if (shrink(t) != 0)
        goto out;

    /* a block that already fits: no call, so no call that can fail */
    take(&before, t);
    inject_fail_next();
    PROMISE_NO_CRASH(text_shrink_to_fit, S_NOTHING, text_shrink_to_fit(t) == 0 && same(&before, t));
    inject_fail_cancel();
out:
    text_free(t);
}

int main(void)
{

    test_policy();
    /* a run of the sweep whose call failed ends at each contract_step(): see contract.h */
    contract_step();
    test_append();
    contract_step();
    test_shrink();
    return contract_end();
}
