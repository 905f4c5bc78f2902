/*
 * Contract tests of lesson 04: canvas_new, canvas_resize and canvas_destroy,
 * called directly, each promise of their head comments in turn. Built with
 * the learner's exercise.c (see checks/lib/contract.h); run under Valgrind
 * and the failure sweep, so the promises about failure are tested at every
 * allocation too.
 */
#include "contract.h"
#include LESSON_SOURCE
#undef main

#include <stdint.h>
#include <string.h>

/* Every pixel of rows [from, to) of c is blank. */
static int rows_blank(const struct canvas *c, size_t from, size_t to)
{
    for (size_t i = from * c->width; i < to * c->width; i++)
        if (c->pixels[i] != 0)
            return 0;
    return 1;
}

int main(void)
{
    char name[] = "test";
    struct canvas *c;
    unsigned char *block;
    size_t i;

    canvas_destroy(NULL);
    PROMISE(canvas_destroy, "canvas_destroy(NULL) does nothing", 1);

    PROMISE(canvas_new, "returns NULL if an argument is refused (a width of 0)", canvas_new("w", 0, 3) == NULL);
    PROMISE(canvas_new, "returns NULL if an argument is refused (a height of 0)", canvas_new("h", 3, 0) == NULL);
    PROMISE(canvas_new, "returns NULL if width * height does not fit in a size_t",
            canvas_new("big", SIZE_MAX / 2, 3) == NULL);
    inject_fail_next();
    PROMISE(canvas_new, "returns NULL if memory runs out, and then nothing is left allocated",
            canvas_new("oom", 2, 2) == NULL);

    c = canvas_new(name, 4, 3);
    if (!c)
        return contract_end();      /* the failure sweep made it fail: tested above */
    name[0] = 'b';
    PROMISE(canvas_new, "keeps its own copy of name", c->name != name && strcmp(c->name, "test") == 0);
    PROMISE(canvas_new, "a canvas of width x height blank pixels (all 0)",
            c->width == 4 && c->height == 3 && rows_blank(c, 0, 3));

    for (i = 0; i < 12; i++)
        c->pixels[i] = (unsigned char)(i % 2);
    block = c->pixels;
    PROMISE(canvas_resize, "returns -1 if height is 0, and then c is unchanged",
            canvas_resize(c, 0) == -1 && c->height == 3 && c->pixels == block);
    PROMISE(canvas_resize, "returns -1 if width * height bytes do not fit in a size_t, and then c is unchanged",
            canvas_resize(c, SIZE_MAX / 2) == -1 && c->height == 3 && c->pixels == block);
    inject_fail_next();
    if (canvas_resize(c, 6) == -1) {
        int same = c->height == 3 && c->pixels == block;

        for (i = 0; same && i < 12; i++)
            same = c->pixels[i] == i % 2;
        PROMISE(canvas_resize, "if memory runs out, c is unchanged: same height, same block, same pixels", same);
    } else {
        PROMISE(canvas_resize, "returns -1 if memory runs out", 0);
    }
    if (canvas_resize(c, 6) == 0) {
        int kept = c->height == 6 && c->width == 4;

        for (i = 0; kept && i < 12; i++)
            kept = c->pixels[i] == i % 2;
        PROMISE(canvas_resize, "the rows c keeps keep their pixels", kept);
        PROMISE(canvas_resize, "rows added at the bottom are blank (all 0)", rows_blank(c, 3, 6));
        if (canvas_resize(c, 2) == 0)
            PROMISE(canvas_resize, "a smaller height keeps the first rows' pixels",
                    c->height == 2 && c->pixels[1] == 1 && c->pixels[7] == 1);
    }
    canvas_destroy(c);
    return contract_end();
}
