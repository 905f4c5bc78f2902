/*
 * mutant of: solutions/08-refcount-and-views.c
 * role: exercise
 * expect: use-after-free
 * bug: main does not set signal to NULL after its early buf_release(), so the
 *      cleanup releases the signal a second time, after the last view has
 *      freed it: one release too many.
 */
/*
 * Lesson 08, exercise: cut a signal into overlapping frames that share it.
 *
 * The signal is 12 samples in a reference-counted buffer. The frames are
 * views of 4 samples, one every 3 samples: they point into the signal's
 * buffer instead of copying it. The producer (main) lets go of the signal as
 * soon as the frames are made, so each frame must hold a reference of its
 * own. Then main keeps a copy of the frame with the highest mean and destroys
 * the frames: the copy alone keeps the signal alive, and destroying it frees
 * the signal.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define SIGNAL_LEN 12       /* samples in the signal */
#define SIGNAL_SEED 7u      /* seed of the signal's generator, never 0 */
#define FRAME_LEN 4         /* samples in a frame */
#define FRAME_HOP 3         /* distance between the starts of two frames */
#define FRAME_MAX 4         /* frames main has room for */

/* A buffer of doubles that frees itself when its last reference goes. */
struct buf {
    size_t refs;        /* references held; the release that takes it to 0 frees */
    size_t len;         /* number of doubles in data, at least 1 */
    double *data;       /* the len doubles, owned by this buffer */
};

/* A window into a buffer: len elements starting at offset. */
struct view {
    struct buf *buf;    /* the buffer seen through the view; the view owns a reference */
    size_t offset;      /* index in buf of the view's first element */
    size_t len;         /* number of elements the view covers */
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
        fprintf(stderr, "frames: cannot make a buffer of %zu doubles\n", len);
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
    for (size_t i = 0; i < len; i++)
        b->data[i] = rng_next(&seed);
    return b;

out_free_buf:
    free(b);
out_report:
    fprintf(stderr, "frames: out of memory (%zu bytes)\n", bytes);
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
 * pointer to b afterwards. When it was the last reference, b's doubles and b
 * itself are freed. buf_release(NULL) does nothing.
 */
static void buf_release(struct buf *b)
{
    if (!b)
        return;
    b->refs--;
    if (b->refs > 0)
        return;             /* other owners still hold b */
    free(b->data);
    free(b);
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
        fprintf(stderr, "frames: a view of %zu from %zu does not fit in %zu doubles\n",
                len, offset, b->len);
        return NULL;
    }
    v = malloc(sizeof *v);
    if (!v) {
        fprintf(stderr, "frames: out of memory (%zu bytes)\n", sizeof *v);
        return NULL;
    }
    v->buf = buf_retain(b);     /* the view owns a reference to b */
    v->offset = offset;
    v->len = len;
    return v;
}

/*
 * view_copy: a second view of the same elements as v, with a reference of its
 * own to v's buffer; v is only read. The caller owns the copy and must give
 * it to view_destroy(). Returns NULL, after one line on stderr, if memory
 * runs out.
 */
static struct view *view_copy(const struct view *v)
{
    struct view *c;

    c = malloc(sizeof *c);
    if (!c) {
        fprintf(stderr, "frames: out of memory (%zu bytes)\n", sizeof *c);
        return NULL;
    }
    c->buf = buf_retain(v->buf);
    c->offset = v->offset;
    c->len = v->len;
    return c;
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

/* view_mean: the mean of the elements v sees (v->len at least 1). */
static double view_mean(const struct view *v)
{
    double sum = 0.0;

    for (size_t i = 0; i < v->len; i++)
        sum += view_at(v, i);
    return sum / (double)v->len;
}

/* frame_print: print label, the samples frame v sees and their mean. Borrows v. */
static void frame_print(const char *label, size_t n, const struct view *v)
{
    printf("%s %zu:", label, n);
    for (size_t i = 0; i < v->len; i++)
        printf(" %.2f", view_at(v, i));
    printf("  mean %.3f\n", view_mean(v));
}

/* frames_best: the index of the frame with the highest mean of count (at least 1). */
static size_t frames_best(struct view *const frames[], size_t count)
{
    size_t best = 0;

    for (size_t i = 1; i < count; i++)
        if (view_mean(frames[i]) > view_mean(frames[best]))
            best = i;
    return best;
}

int main(void)
{
    struct view *frames[FRAME_MAX] = { NULL };
    struct view *kept = NULL;
    struct buf *signal;
    size_t count = 0;
    size_t best;
    int status = 1;

    signal = buf_create(SIGNAL_LEN, SIGNAL_SEED);
    if (!signal)
        return 1;
    printf("signal of %zu samples: refs %zu\n", signal->len, buf_refs(signal));
    for (size_t offset = 0; count < FRAME_MAX; offset += FRAME_HOP) {
        if (!view_fits(signal, offset, FRAME_LEN)) {
            printf("frame %zu from %zu: refused, it would run past the end of %zu\n", count,
                   offset, signal->len);
            break;
        }
        frames[count] = view_create(signal, offset, FRAME_LEN);
        if (!frames[count])
            goto out_destroy_views;
        printf("frame %zu from %zu: refs %zu\n", count, offset, buf_refs(signal));
        count++;
    }
    buf_release(signal);        /* the producer is done: the frames keep the signal */
    printf("producer released the signal\n");
    for (size_t i = 0; i < count; i++)
        frame_print("frame", i, frames[i]);
    best = frames_best(frames, count);
    kept = view_copy(frames[best]);
    if (!kept)
        goto out_destroy_views;
    printf("frame %zu has the highest mean: kept as a copy, refs %zu\n", best,
           buf_refs(kept->buf));
    for (size_t i = 0; i < count; i++) {
        view_destroy(frames[i]);
        frames[i] = NULL;
    }
    printf("frames destroyed: the copy alone holds the signal, refs %zu\n",
           buf_refs(kept->buf));
    frame_print("copy of frame", best, kept);
    status = 0;

out_destroy_views:
    view_destroy(kept);
    for (size_t i = FRAME_MAX; i-- > 0;)
        view_destroy(frames[i]);
    buf_release(signal);
    return status;
}
