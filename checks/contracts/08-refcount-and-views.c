/*
 * Contract tests of lesson 08: node_release, node_adopt and span_sub, called
 * directly, each promise of their head comments in turn. Built with the
 * learner's exercise.c (see checks/lib/contract.h); run under Valgrind and
 * the failure sweep, so what is freed is checked too, and the promises
 * about failure are tested at every allocation. Each test returns 0 when
 * its own set-up failed (under the sweep), after freeing what it held.
 */
#define _POSIX_C_SOURCE 200809L     /* pipe, dup */

#include <fcntl.h>

#include "contract.h"
#include LESSON_SOURCE
#undef main

#include <stdint.h>
#include <string.h>
#include <unistd.h>

#define TEXT "docs: src/tutorial/memory_allocation.rst"
#define NAME_AT 19                  /* memory_allocation.rst, in TEXT */
#define NAME_LEN 21

/* --- helpers ---------------------------------------------------------------- */

/*
 * Under the failure sweep any allocation may fail, so a call that had to
 * succeed may fail too: the test then stops there. In the test's own run no
 * allocation fails but those it fails itself (inject_fail_next), and such a
 * failure is a broken promise.
 */
/* asked each time: a run of the sweep forked from a normal run is swept
   only from its failed call on */
#define sweeping contract_swept()

/* A call of fn that had to succeed failed: broken unless under the sweep. Returns 0. */
#define FAILED(fn, words) (PROMISE(fn, words, sweeping), 0)

/* node_adopt(parent, child) that must succeed; when it fails, child is released and it returns 0. */
static int adopted(struct node *parent, struct node *child)
{
    if (node_adopt(parent, child) == 0)
        return 1;
    node_release(child);
    return FAILED(node_adopt, "returns 0 (memory did not run out)");
}

static int err_file = -1, err_saved = -1;

/* From now until stderr_lines(), what is written on stderr is kept aside,
   in a file (not a pipe: a run of the fork sweep shares a pipe with its
   parent, and would wait for ever for its end). */
static void stderr_capture(void)
{
    fflush(stderr);
    err_file = open("stderr.txt", O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (err_file < 0)
        return;
    err_saved = dup(2);
    dup2(err_file, 2);
}

/* The number of non-empty lines written on stderr since stderr_capture(). */
static int stderr_lines(void)
{
    char buf[512];
    ssize_t got;
    int lines = 0, blank = 1;

    if (err_saved < 0)
        return -1;
    fflush(stderr);
    dup2(err_saved, 2);
    close(err_saved);
    err_saved = -1;
    lseek(err_file, 0, SEEK_SET);
    while ((got = read(err_file, buf, sizeof buf)) > 0)
        for (ssize_t i = 0; i < got; i++) {
            if (buf[i] == '\n' && !blank)
                lines++;
            blank = buf[i] == '\n';
        }
    close(err_file);
    unlink("stderr.txt");
    return blank ? lines : lines + 1;
}

/* --- node_release ---------------------------------------------------------- */

/* node_release(NULL); an earlier release; the last one, of a lone node. */
static int test_release_one(struct text *t)
{
    size_t refs = text_refs(t);
    struct node *n;

    PROMISE_NO_CRASH(node_release, "node_release(NULL) does nothing", (node_release(NULL), 1));

    n = node_new(t, 0, 4);
    if (!n)
        return 0;
    node_retain(n);
    node_release(n);
    PROMISE(node_release, "give back one reference to n: a release that is not the last frees nothing",
            n->refs == 1 && n->name.text == t && text_refs(t) == refs + 1);
    node_release(n);
    PROMISE(node_release, "the last reference frees n with its name's reference to the text",
            text_refs(t) == refs);
    return 1;
}

/*
 * A tree n -> kid, other -> grandkid, and the test holds kid as well. An
 * earlier release of n leaves all as it was; the last frees n, other and
 * grandkid, and kid lives on, detached.
 */
static int test_release_tree(struct text *t)
{
    size_t refs = text_refs(t);
    struct node *n = node_new(t, 0, 4), *kid = node_new(t, 6, 3), *other = node_new(t, 10, 8),
                *grandkid = node_new(t, 19, 21);

    if (!n || !kid || !other || !grandkid) {
        node_release(grandkid);
        node_release(other);
        node_release(kid);
        node_release(n);
        return 0;
    }
    if (!adopted(other, grandkid)) {
        node_release(other);
        node_release(kid);
        node_release(n);
        return 0;
    }
    if (!adopted(n, kid)) {
        node_release(other);
        node_release(n);
        return 0;
    }
    if (!adopted(n, other)) {
        node_release(n);
        return 0;
    }
    node_retain(kid);
    node_retain(n);
    node_release(n);
    PROMISE(node_release, "a release that is not the last leaves n and all it owns as they were",
            n->refs == 1 && n->nkids == 2 && kid->parent == n && kid->refs == 2 && other->refs == 1 &&
            text_refs(t) == refs + 4);
    node_release(n);
    PROMISE(node_release, "the last reference gives back n's reference to each child: a child that "
            "someone else still holds lives on, detached (its parent pointer set to NULL)",
            kid->refs == 1 && kid->parent == NULL);
    PROMISE(node_release, "the last reference frees n with everything it owns: the children no one "
            "else holds, and each name's reference to the text",
            text_refs(t) == refs + 1);
    node_release(kid);
    return 1;
}

/* --- node_adopt ------------------------------------------------------------ */

static int test_adopt(struct text *t)
{
    struct node *p = node_new(t, 0, 4), *a = node_new(t, 6, 3), *b = node_new(t, 10, 8),
                *c = node_new(t, 19, 21);
    struct node **kids;
    size_t refs;
    int lines, let_go, same = 1;

    if (!p || !a || !b || !c) {
        node_release(c);
        node_release(b);
        node_release(a);
        node_release(p);
        return 0;
    }
    if (!adopted(p, a)) {
        node_release(c);
        node_release(b);
        node_release(p);
        return 0;
    }
    PROMISE(node_adopt, "make child the last child of parent", p->nkids == 1 && p->kids[0] == a);
    PROMISE(node_adopt, "child->parent is set to parent", a->parent == p);
    PROMISE(node_adopt, "parent takes over the caller's reference to child (child's count is as it was)",
            a->refs == 1);
    if (!adopted(p, b)) {
        node_release(c);
        node_release(p);
        return 0;
    }
    PROMISE(node_adopt, "make child the last child of parent (a second child)",
            p->nkids == 2 && p->kids[0] == a && p->kids[1] == b && b->parent == p);

    kids = p->kids;             /* full: the third child needs a larger array */
    refs = p->refs;
    inject_fail_next();
    stderr_capture();
    if (node_adopt(p, c) == 0) {
        (void)stderr_lines();
        PROMISE(node_adopt, "returns -1 if memory runs out", 0);
    } else {
        lines = stderr_lines();
        PROMISE(node_adopt, "returns -1 after one line on stderr if memory runs out", lines == 1);
        same = p->kids == kids && p->nkids == 2 && p->kids[0] == a && p->kids[1] == b &&
               p->refs == refs && c->parent == NULL && c->refs == 1;
        PROMISE(node_adopt, "if memory runs out, parent and child are then as they were", same);
        node_release(c);        /* the caller still owns its reference to child */
    }

    node_retain(a);
    node_release(p);
    let_go = a->refs == 1;
    if (same)                   /* else the failure already lost a */
        PROMISE(node_adopt, "after a success, the release of parent's last reference lets go of child too", let_go);
    node_release(a);
    return same && let_go;      /* else a tree would not come down, whatever node_release does */
}

/* --- span_sub -------------------------------------------------------------- */

/* Pieces that do not fit in a parent of NAME_LEN bytes; the last ones wrap around if added. */
static const struct {
    size_t start, len;
    const char *words;
} misfits[] = {
    { 0, NAME_LEN + 1, "returns NULL if the piece does not fit in parent (one byte too long)" },
    { 5, NAME_LEN - 4, "returns NULL if the piece does not fit in parent (it ends one byte past it)" },
    { NAME_LEN + 1, 0, "returns NULL if the piece does not fit in parent (a start past its end)" },
    { SIZE_MAX, 2, "the test that the piece lies inside parent must not wrap around (start SIZE_MAX, len 2)" },
    { 2, SIZE_MAX, "the test that the piece lies inside parent must not wrap around (start 2, len SIZE_MAX)" },
    { SIZE_MAX / 2 + 2, SIZE_MAX / 2 + 1,
      "the test that the piece lies inside parent must not wrap around (start SIZE_MAX/2 + 2, len SIZE_MAX/2 + 1)" },
    { SIZE_MAX, SIZE_MAX, "the test that the piece lies inside parent must not wrap around (start and len SIZE_MAX)" },
};

/*
 * Whether span_sub(parent, start, len), a piece that does not fit, makes an
 * allocation: the next one is set to fail, and the test's own allocation
 * after the call fails only if span_sub made none.
 */
static int sub_allocates(const struct span *parent, size_t start, size_t len)
{
    struct span *s;
    void *probe;
    int allocated;

    inject_fail_next();
    stderr_capture();           /* its line on stderr is tested elsewhere */
    s = span_sub(parent, start, len);
    (void)stderr_lines();
    probe = malloc(1);
    allocated = probe != NULL;
    free(probe);
    span_free(s);
    return allocated;
}

static int test_sub(struct text *t)
{
    const struct span name = { t, NAME_AT, NAME_LEN };     /* borrows the test's reference */
    size_t refs = text_refs(t);
    struct span *s;
    int announced = 1, allocated = 0;
    int lines;

    s = span_sub(&name, 7, 10);
    if (!s)
        return FAILED(span_sub, "a view of len bytes of parent, from start (a piece inside parent)");
    PROMISE(span_sub, "a view of len bytes of parent, from start, where start counts from the first "
            "byte of parent, not of the text",
            s->text == t && s->start == NAME_AT + 7 && s->len == 10 && span_is(s, "allocation", 10));
    PROMISE(span_sub, "the new span takes a reference of its own to the text", text_refs(t) == refs + 1);
    PROMISE(span_sub, "parent is only read", name.text == t && name.start == NAME_AT && name.len == NAME_LEN);
    span_free(s);               /* the caller owns the new span: Valgrind sees that it is all given back */

    s = span_sub(&name, 4, NAME_LEN - 4);
    if (!s)
        return FAILED(span_sub, "a view of len bytes of parent (a piece that ends at parent's last byte lies inside it)");
    PROMISE(span_sub, "a view of len bytes of parent (a piece that ends at parent's last byte)",
            s->start == NAME_AT + 4 && s->len == NAME_LEN - 4);
    span_free(s);

    refs = text_refs(t);
    for (size_t i = 0; i < sizeof misfits / sizeof misfits[0]; i++) {
        stderr_capture();
        s = span_sub(&name, misfits[i].start, misfits[i].len);
        lines = stderr_lines();
        PROMISE(span_sub, misfits[i].words, s == NULL);
        span_free(s);
        if (s)
            continue;
        if (lines != 1)
            announced = 0;
        if (sub_allocates(&name, misfits[i].start, misfits[i].len))
            allocated = 1;
    }
    PROMISE(span_sub, "returns NULL, after one line on stderr, if the piece does not fit in parent", announced);
    PROMISE(span_sub, "if the piece does not fit, nothing is allocated and the text's count is as it was",
            !allocated && text_refs(t) == refs);

    refs = text_refs(t);
    inject_fail_next();
    stderr_capture();
    s = span_sub(&name, 0, 17);
    lines = stderr_lines();
    PROMISE(span_sub, "returns NULL, after one line on stderr, if memory runs out", s == NULL && lines == 1);
    PROMISE(span_sub, "if memory runs out, nothing is allocated and the text's count is as it was",
            text_refs(t) == refs);
    span_free(s);
    return 1;
}

/*
 * A view b of a view a: b keeps the text alive after a and the text's own
 * owner are gone, and freeing b, the last reference, frees the text
 * (Valgrind sees that).
 */
static int test_sub_of_sub(void)
{
    struct text *t = text_new(TEXT);
    struct span whole, *a, *b;

    if (!t)
        return 0;
    whole = (struct span){ t, 0, t->len };
    a = span_sub(&whole, NAME_AT, NAME_LEN);
    b = a ? span_sub(a, 7, 10) : NULL;
    if (!b) {
        span_free(a);
        text_release(t);
        return FAILED(span_sub, "a view of len bytes of parent, from start (a piece inside parent)");
    }
    PROMISE(span_sub, "a view of a view: start counts from the first byte of parent",
            b->start == NAME_AT + 7 && span_is(b, "allocation", 10));
    if (text_refs(t) != 3) {
        PROMISE(span_sub, "the new span takes a reference of its own to the text (a view of a view)", 0);
        return 1;               /* releasing now would free the text under b */
    }
    span_free(a);
    text_release(t);
    PROMISE(span_sub, "the new span takes a reference of its own to the text, so it stays valid after "
            "parent is gone (and the text's owner too)",
            text_refs(b->text) == 1);
    span_free(b);
    return 1;
}

/*
 * test(t) on a text of its own, made here and released after it, so that a
 * run of the sweep whose call failed can end between tests (contract_step).
 * What the test returns; 0 when the text could not be made (under the sweep).
 */
static int on_own_text(int (*test)(struct text *))
{
    struct text *t = text_new(TEXT);
    int done;

    if (!t)
        return 0;
    done = test(t);
    text_release(t);
    return done;
}

int main(void)
{
    /* a run of the sweep whose call failed ends at each contract_step(),
       where the test holds nothing: see contract.h */
    if (on_own_text(test_release_one)) {
        contract_step();
        if (on_own_text(test_adopt)) {
            contract_step();
            on_own_text(test_release_tree);
        }
    }
    contract_step();
    on_own_text(test_sub);
    contract_step();
    test_sub_of_sub();
    return contract_end();
}
