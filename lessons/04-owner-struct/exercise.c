/*
 * Lesson 04, exercise: a canvas that owns its name and its pixels.
 *
 * A struct canvas is a picture of width x height pixels, one byte each, row
 * after row, 0 for blank and 1 for ink. It owns two heap blocks: a copy of
 * its name and its pixels. The program draws a staircase, grows the canvas by
 * drawing below its last row, asks for far too many rows (refused), crops the
 * picture, and prints it at each step.
 *
 *   canvas_new      makes the canvas, its name and its blank pixels
 *   canvas_resize   changes the number of rows; new rows are blank
 *   canvas_destroy  frees everything the canvas owns, then the canvas
 *
 * main owns the canvas from canvas_new() to canvas_destroy(), and its one
 * exit destroys it on every path, even when canvas_new() failed.
 *
 * Three functions do not keep the promises of their head comments yet. Work
 * in the order make verify LESSON=04 meets them, which is their TODO order:
 *   TODO 1 canvas_destroy(), TODO 2 canvas_resize(), TODO 3 canvas_new().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define START_WIDTH 8
#define START_HEIGHT 3

/* A picture that owns its name and its pixels. */
struct canvas {
    char *name;             /* owned copy of the name, NUL-terminated */
    size_t width;           /* pixels per row, at least 1; never changes */
    size_t height;          /* rows, at least 1 */
    unsigned char *pixels;  /* owned block of width * height bytes, row after row */
};

/*
 * canvas_new: a new canvas called name, of width x height blank pixels (all
 * 0). width and height must be at least 1 and width * height must fit in a
 * size_t. The canvas keeps its own copy of name: the caller's string is only
 * read. Returns NULL if an argument is refused or memory runs out, and then
 * nothing is left allocated. The caller owns the result and must give it to
 * canvas_destroy().
 */
static struct canvas *canvas_new(const char *name, size_t width, size_t height)
{
    struct canvas *c;
    size_t name_size;

    /*
     * TODO 3: this body works only when every allocation succeeds. Make it keep
     * the head comment's promises: a refused argument or any failed allocation
     * returns NULL, and then nothing it allocated is left behind.
     */
    c = malloc(sizeof *c);
    name_size = strlen(name) + 1;
    c->name = malloc(name_size);
    memcpy(c->name, name, name_size);
    c->pixels = calloc(width * height, sizeof *c->pixels);
    c->width = width;
    c->height = height;
    return c;
}

/*
 * canvas_destroy: free everything c owns (its name and its pixels), then c.
 * Takes ownership of c: afterwards c, its name and any pointer into its
 * pixels must not be used again. canvas_destroy(NULL) does nothing.
 */
static void canvas_destroy(struct canvas *c)
{
    /*
     * TODO 1: write this body from the head comment above. Done when every
     * block that canvas_new() gave c is freed exactly once, and NULL is harmless.
     */
    (void)c;
}

/*
 * canvas_resize: give c height rows (at least 1) of the same width. The rows
 * c keeps keep their pixels; rows added at the bottom are blank (all 0).
 * Returns 0; or -1 if height is 0, if width * height bytes do not fit in a
 * size_t, or if memory runs out, and then c is unchanged: same height, same
 * block, same pixels. Borrows c. On success the pixels may have moved:
 * pointers into the old block dangle.
 */
static int canvas_resize(struct canvas *c, size_t height)
{
    /*
     * TODO 2: write this body from the head comment above; as shipped it
     * refuses every request. Done when a call that fails leaves c exactly as
     * it was, and every pixel of a row it adds reads 0.
     */
    (void)c;
    (void)height;
    return -1;
}

/*
 * canvas_plot: ink the pixel in column x (below c's width) of row y. If row y
 * is below the last row, grows c to y + 1 rows first. Returns 0; or -1 if
 * growing fails, and then c is unchanged. Borrows c.
 */
static int canvas_plot(struct canvas *c, size_t x, size_t y)
{
    /* y + 1 wraps to 0 only for y == SIZE_MAX, and canvas_resize refuses 0. */
    if (y >= c->height && canvas_resize(c, y + 1) != 0)
        return -1;
    c->pixels[y * c->width + x] = 1;
    return 0;
}

/* canvas_print: print c's name, size and caption, then its rows. Borrows c. */
static void canvas_print(const struct canvas *c, const char *caption)
{
    printf("%s %zux%zu, %s:\n", c->name, c->width, c->height, caption);
    for (size_t y = 0; y < c->height; y++) {
        for (size_t x = 0; x < c->width; x++)
            putchar(c->pixels[y * c->width + x] ? '#' : '.');
        putchar('\n');
    }
}

/*
 * main: owns c from canvas_new() on. Every path, the error paths included,
 * leaves through out, whose canvas_destroy(c) frees the canvas (c is NULL
 * when canvas_new() failed).
 */
int main(void)
{
    struct canvas *c;
    int status = 1;

    c = canvas_new("stairs", START_WIDTH, START_HEIGHT);
    if (!c) {
        fprintf(stderr, "canvas: out of memory (creating %dx%d pixels)\n",
                START_WIDTH, START_HEIGHT);
        goto out;
    }
    for (size_t y = 0; y < START_HEIGHT; y++)
        for (size_t x = 0; x < 2 * y + 2; x++)
            canvas_plot(c, x, y);       /* inside the canvas: cannot fail */
    canvas_print(c, "new");
    for (size_t x = 0; x < START_WIDTH; x++) {
        if (canvas_plot(c, x, 5) != 0) {
            fprintf(stderr, "canvas: out of memory (growing to 6 rows)\n");
            goto out;
        }
    }
    canvas_print(c, "grown to reach row 5");
    /* More rows than a size_t can count the bytes of: the product would wrap. */
    if (canvas_resize(c, SIZE_MAX / c->width + 2) == 0) {
        fprintf(stderr, "canvas: a canvas larger than memory was accepted\n");
        goto out;
    }
    printf("too many rows: refused, still %zux%zu\n", c->width, c->height);
    if (canvas_resize(c, 4) != 0) {
        fprintf(stderr, "canvas: out of memory (cropping to 4 rows)\n");
        goto out;
    }
    canvas_print(c, "cropped");
    status = 0;

out:
    canvas_destroy(c);
    return status;
}
