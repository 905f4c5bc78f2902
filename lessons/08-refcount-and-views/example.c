/*
 * Lesson 08, example: a buffer of doubles shared by reference counting.
 *
 * A struct buf counts the owners that hold it. Whoever creates it holds the
 * first reference; everyone who keeps a pointer to it for later calls
 * buf_retain() and, when done, buf_release(). The release that brings the
 * count to zero frees the buffer, whoever makes it.
 *
 * A struct view is a window (offset, length) into a buffer, like one of the
 * page's typed memory views. Each view holds a reference of its own, so the
 * buffer outlives every view of it, even after its creator has let go.
 *
 * The second half links two buffers into a chain: the front one owns the
 * back one, and the back one points at the front one without owning it. If
 * both pointers owned, the two would hold each other forever: a cycle.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define EXAMPLE_SEED 8u

/* A buffer of doubles that frees itself when its last reference goes. */
struct buf {
    size_t refs;        /* references held; the release that takes it to 0 frees */
    size_t len;         /* number of doubles in data, at least 1 */
    double *data;       /* the len doubles, owned by this buffer */
    struct buf *next;   /* the chunk after this one, or NULL; owns a reference */
    struct buf *prev;   /* the chunk before this one, or NULL; owns nothing */
};

/* A window into a buffer: len elements starting at offset. */
struct view {
    struct buf *buf;    /* the buffer seen through the view; the view owns a reference */
    size_t offset;      /* index in buf of the view's first element */
    size_t len;         /* number of elements the view covers */
};

/* A view that demo_views() asks for, by name. */
struct request {
    const char *name;   /* what the output calls the view */
    size_t offset;      /* first element asked for */
    size_t len;         /* number of elements asked for */
};

/* rng_next: advance the xorshift32 state *state (never 0); a value in [0, 1), step 0.01. */
static double rng_next(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return (double)(*state % 100u) / 100.0;
}

/*
 * buf_create: a new buffer of len doubles (len at least 1) filled from a
 * generator seeded with seed. It holds one reference, which the caller now
 * owns and must give back with buf_release(). Returns NULL, after one line on
 * stderr, if len is 0 or too large, or memory runs out; nothing is then left
 * allocated.
 */
static struct buf *buf_create(size_t len, uint32_t seed)
{
    struct buf *b;
    size_t bytes;

    if (len == 0 || len > SIZE_MAX / sizeof *b->data) {
        fprintf(stderr, "refcount: cannot make a buffer of %zu doubles\n", len);
        return NULL;
    }
    bytes = sizeof *b;
    b = malloc(bytes);
    if (!b)
        goto out_report;
    bytes = len * sizeof *b->data;
    b->data = malloc(bytes);
    if (!b->data)
        goto out_free_buf;
    b->refs = 1;
    b->len = len;
    b->next = NULL;
    b->prev = NULL;
    for (size_t i = 0; i < len; i++)
        b->data[i] = rng_next(&seed);
    return b;

out_free_buf:
    free(b);
out_report:
    fprintf(stderr, "refcount: out of memory (%zu bytes)\n", bytes);
    return NULL;
}

/*
 * buf_retain: add one reference to b, for a new owner, and return b. The new
 * owner must give it back with one buf_release().
 */
static struct buf *buf_retain(struct buf *b)
{
    b->refs++;
    return b;
}

/* buf_refs: how many references to b are held. b must still be alive. */
static size_t buf_refs(const struct buf *b)
{
    return b->refs;
}

/*
 * buf_release: give back one reference to b. The caller must not use its
 * pointer to b afterwards. When it was the last reference, b is freed: its
 * doubles, its reference to the next chunk (which is released in turn), and
 * b itself. The next chunk's back pointer is cleared first, since it must
 * not point at freed memory. buf_release(NULL) does nothing.
 */
static void buf_release(struct buf *b)
{
    if (!b)
        return;
    b->refs--;
    if (b->refs > 0)
        return;             /* other owners still hold b */
    if (b->next) {
        b->next->prev = NULL;
        buf_release(b->next);
    }
    free(b->data);
    free(b);
}

/*
 * buf_link: make back the chunk after front. front takes a reference to back
 * (front->next owns it); back only points at front (back->prev owns nothing),
 * so that no two buffers hold each other. front must have no next and back no
 * prev. The caller keeps its own references to both.
 */
static void buf_link(struct buf *front, struct buf *back)
{
    front->next = buf_retain(back);
    back->prev = front;
}

/*
 * buf_start: the index of b's first element in its chain: the lengths of the
 * chunks before it, found by following the back pointers.
 */
static size_t buf_start(const struct buf *b)
{
    size_t start = 0;

    for (const struct buf *p = b->prev; p; p = p->prev)
        start += p->len;
    return start;
}

/*
 * view_fits: true when len elements from offset lie inside b. It never
 * computes offset + len: that sum can wrap around past SIZE_MAX to a small
 * number and let a huge view through.
 */
static bool view_fits(const struct buf *b, size_t offset, size_t len)
{
    return offset <= b->len && len <= b->len - offset;
}

/*
 * view_create: a view of len elements of b from offset. The view takes a
 * reference of its own to b, so b stays alive until the view is destroyed,
 * whatever the other owners do; the caller keeps its own reference. The
 * caller owns the view and must give it to view_destroy(). Returns NULL,
 * after one line on stderr, if the view does not fit in b or memory runs out.
 */
static struct view *view_create(struct buf *b, size_t offset, size_t len)
{
    struct view *v;

    if (!view_fits(b, offset, len)) {
        fprintf(stderr, "refcount: a view of %zu from %zu does not fit in %zu doubles\n",
                len, offset, b->len);
        return NULL;
    }
    v = malloc(sizeof *v);
    if (!v) {
        fprintf(stderr, "refcount: out of memory (%zu bytes)\n", sizeof *v);
        return NULL;
    }
    v->buf = buf_retain(b);     /* the view owns a reference to b */
    v->offset = offset;
    v->len = len;
    return v;
}

/*
 * view_destroy: free v and give back its reference to the buffer, which is
 * freed if that was the last one. view_destroy(NULL) does nothing.
 */
static void view_destroy(struct view *v)
{
    if (!v)
        return;
    buf_release(v->buf);        /* the reference view_create() took */
    free(v);
}

/* view_at: element i of v (i < v->len), read from the shared buffer. */
static double view_at(const struct view *v, size_t i)
{
    return v->buf->data[v->offset + i];
}

/* view_print: print label and the elements v sees, on one line. Borrows v. */
static void view_print(const char *label, const struct view *v)
{
    printf("%-5s", label);
    for (size_t i = 0; i < v->len; i++)
        printf(" %.2f", view_at(v, i));
    putchar('\n');
}

/*
 * demo_views: make a buffer, hand views of it out, release the creator's
 * reference, then read through the views, which keep the buffer alive.
 * Returns 0, or -1 after one line on stderr; frees everything it made.
 */
static int demo_views(void)
{
    static const struct request requests[] = {
        { "low", 0, 4 }, { "high", 4, 4 }, { "past", 6, 4 }, { "huge", 2, SIZE_MAX },
    };
    enum { REQUEST_COUNT = sizeof requests / sizeof requests[0] };
    struct view *views[REQUEST_COUNT] = { NULL };
    struct buf *b;
    int rc = -1;

    b = buf_create(8, EXAMPLE_SEED);
    if (!b)
        return -1;
    printf("buffer of %zu doubles: refs %zu\n", b->len, buf_refs(b));
    for (size_t i = 0; i < REQUEST_COUNT; i++) {
        const struct request *r = &requests[i];

        if (!view_fits(b, r->offset, r->len)) {
            printf("view %s from %zu, %zu long: refused, it does not fit in %zu\n",
                   r->name, r->offset, r->len, b->len);
            continue;
        }
        views[i] = view_create(b, r->offset, r->len);
        if (!views[i])
            goto out_destroy_views;
        printf("view %s from %zu, %zu long: refs %zu\n", r->name, r->offset, r->len,
               buf_refs(b));
    }
    buf_release(b);             /* the creator is done: the views keep b alive */
    b = NULL;
    printf("creator released its reference\n");
    for (size_t i = 0; i < REQUEST_COUNT; i++)
        if (views[i])
            view_print(requests[i].name, views[i]);
    rc = 0;

out_destroy_views:
    for (size_t i = REQUEST_COUNT; i-- > 0;)
        view_destroy(views[i]);
    buf_release(b);
    return rc;
}

/*
 * demo_chain: link two chunks a -> b, view part of b, and find where the
 * view starts in the chain through b's back pointer. Then release a while b
 * lives on. Returns 0, or -1 after one line on stderr; frees everything.
 */
static int demo_chain(void)
{
    struct buf *a;
    struct buf *b;
    struct view *mid;
    int rc = -1;

    a = buf_create(4, EXAMPLE_SEED + 1);
    if (!a)
        return -1;
    b = buf_create(4, EXAMPLE_SEED + 2);
    if (!b)
        goto out_release_a;
    buf_link(a, b);
    printf("chain a -> b: a refs %zu, b refs %zu\n", buf_refs(a), buf_refs(b));
    mid = view_create(b, 1, 2);
    if (!mid)
        goto out_release_b;
    printf("view mid of b from 1 is at %zu in the chain: b refs %zu\n",
           buf_start(b) + mid->offset, buf_refs(b));
    view_print("mid", mid);
    buf_release(a);             /* a's last reference: a goes, and gives back b */
    a = NULL;
    printf("a released: b refs %zu, b now starts the chain at %zu\n", buf_refs(b),
           buf_start(b));
    view_destroy(mid);
    rc = 0;

out_release_b:
    buf_release(b);
out_release_a:
    buf_release(a);
    return rc;
}

int main(void)
{
    if (demo_views() != 0 || demo_chain() != 0)
        return 1;
    return 0;
}
