/*
 * Contract tests of lesson 04: canvas_new, canvas_resize and canvas_destroy,
 * called directly, each promise of their head comments in turn. Built with
 * the learner's exercise.c (see checks/lib/contract.h); run under Valgrind
 * and the failure sweep, so the promises about failure are tested at every
 * allocation too. Valgrind's leak check at exit tests the promises about
 * freeing ("nothing is left allocated", "free everything c owns"): every
 * canvas made here is destroyed, and every refused one too.
 */
#include "contract.h"
#include LESSON_SOURCE
#undef main

#include <stdint.h>
#include <string.h>
#include <valgrind/memcheck.h>

/* The byte at p was written: under Valgrind, none of its bits is undefined. */
static int written(const unsigned char *p)
{
    unsigned char undefined = 0;

    (void)VALGRIND_GET_VBITS(p, &undefined, 1);     /* leaves 0 when not under Valgrind */
    return undefined == 0;
}

/* Every pixel of rows [from, to) of c was written, and is blank (0). */
static int rows_blank(const struct canvas *c, size_t from, size_t to)
{
    for (size_t i = from * c->width; i < to * c->width; i++)
        if (!written(&c->pixels[i]) || c->pixels[i] != 0)
            return 0;
    return 1;
}

/* Every pixel of rows [0, to) of c is ink (1). */
static int rows_ink(const struct canvas *c, size_t to)
{
    for (size_t i = 0; i < to * c->width; i++)
        if (c->pixels[i] != 1)
            return 0;
    return 1;
}

/* canvas_new refused (returned NULL); a canvas it made anyway is destroyed. */
static int refused(struct canvas *c)
{
    if (!c)
        return 1;
    canvas_destroy(c);
    return 0;
}

/* The 12 bytes at p are still allocated: under Valgrind, none was freed. */
static int allocated(const unsigned char *p)
{
    unsigned char vbits[12];

    return VALGRIND_GET_VBITS(p, vbits, 12) != 3;   /* 3: some are not addressable */
}

/* c is as it was: 4 x 3, the same block (not freed), the same pixels as before[]. */
static int unchanged(const struct canvas *c, const unsigned char *block, const unsigned char before[12])
{
    return c->width == 4 && c->height == 3 && c->pixels == block && allocated(block) &&
           memcmp(block, before, 12) == 0;
}

int main(void)
{
    char name[] = "test";
    struct canvas *c;
    unsigned char *block, before[12];
    size_t i;

    PROMISE_NO_CRASH(canvas_destroy, "canvas_destroy(NULL) does nothing", (canvas_destroy(NULL), 1));
    /* a run of the sweep whose call failed ends at each contract_step(): see contract.h */
    contract_step();

    PROMISE(canvas_new, "returns NULL if an argument is refused (a width of 0)", refused(canvas_new("w", 0, 3)));
    contract_step();
    PROMISE(canvas_new, "returns NULL if an argument is refused (a height of 0)", refused(canvas_new("h", 3, 0)));
    contract_step();
    /* (SIZE_MAX / 2 + 2) * 2 wraps around to 2 */
    PROMISE(canvas_new, "returns NULL if width * height does not fit in a size_t",
            refused(canvas_new("big", SIZE_MAX / 2 + 2, 2)));
    contract_step();
    inject_fail_next();
    PROMISE(canvas_new, "returns NULL if memory runs out, and then nothing is left allocated",
            refused(canvas_new("oom", 2, 2)));
    contract_step();

    c = canvas_new(name, 4, 3);
    if (!c)
        return contract_end();      /* the failure sweep made it fail: tested above */
    PROMISE(canvas_new, "the caller's string is only read", strcmp(name, "test") == 0);
    name[0] = 'b';
    PROMISE(canvas_new, "keeps its own copy of name", c->name != name && strcmp(c->name, "test") == 0);
    PROMISE(canvas_new, "a canvas of width x height blank pixels (all 0)",
            c->width == 4 && c->height == 3 && rows_blank(c, 0, 3));

    for (i = 0; i < 12; i++)
        c->pixels[i] = before[i] = (unsigned char)(i % 2);
    block = c->pixels;
    PROMISE(canvas_resize, "returns -1 if height is 0, and then c is unchanged",
            canvas_resize(c, 0) == -1 && unchanged(c, block, before));
    /* (SIZE_MAX / 4 + 2) * 4 wraps around to 4 */
    PROMISE(canvas_resize, "returns -1 if width * height bytes do not fit in a size_t, and then c is unchanged",
            canvas_resize(c, SIZE_MAX / 4 + 2) == -1 && unchanged(c, block, before));
    PROMISE(canvas_resize, "returns -1 if width * height bytes do not fit in a size_t (SIZE_MAX rows)",
            canvas_resize(c, SIZE_MAX) == -1 && unchanged(c, block, before));
    inject_fail_next();
    PROMISE(canvas_resize, "returns -1 if memory runs out", canvas_resize(c, 6) == -1);
    PROMISE(canvas_resize, "if memory runs out, c is unchanged: same height, same block, same pixels",
            unchanged(c, block, before));

    if (canvas_resize(c, 6) != 0) {     /* the failure sweep made it fail */
        PROMISE(canvas_resize, "if memory runs out, c is unchanged: same height, same block, same pixels",
                unchanged(c, block, before));
        canvas_destroy(c);
        return contract_end();
    }
    PROMISE(canvas_resize, "the rows c keeps keep their pixels",
            c->width == 4 && c->height == 6 && memcmp(c->pixels, before, 12) == 0);
    PROMISE(canvas_resize, "rows added at the bottom are blank (all 0)", rows_blank(c, 3, 6));

    memset(c->pixels, 1, 24);
    if (canvas_resize(c, 2) == 0) {
        PROMISE(canvas_resize, "a smaller height: the rows c keeps keep their pixels",
                c->width == 4 && c->height == 2 && rows_ink(c, 2));
        /* after a crop, the old ink of the rows cut off must not come back */
        if (canvas_resize(c, 5) == 0)
            PROMISE(canvas_resize, "rows added at the bottom are blank (all 0), after a crop too",
                    c->height == 5 && rows_ink(c, 2) && rows_blank(c, 2, 5));
    }
    canvas_destroy(c);
    return contract_end();
}
