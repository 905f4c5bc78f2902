/*
 * Contract tests of lesson 02: zs_alloc_array and zs_run, called directly,
 * each promise of their head comments in turn. Built with the learner's
 * exercise.c (see checks/lib/contract.h); run under Valgrind and the failure
 * sweep. Valgrind judges what zs_run leaves behind: the test holds no block
 * and no file when it exits, so a leak or an open file there is zs_run's.
 * The test makes its input files in the current directory (the check's
 * scratch directory) with open() and write(), which the injector does not
 * fail, and removes them.
 */
#define _POSIX_C_SOURCE 200809L
#include "contract.h"
#include LESSON_SOURCE
#undef main

#include <fcntl.h>
#include <unistd.h>

/* under the failure sweep, any allocation may fail (asked each time: a run of
   the sweep forked from a normal run is swept only from its failed call on) */
#define swept contract_swept()

/*
 * zs_alloc_array(count, size) with the next allocation made to fail, so
 * that no huge block is really asked for: stores its result in *got, and
 * returns 1 when it called malloc, 0 when it did not, -1 when the sweep
 * leaves that unknown. A probe malloc after it fails if and only if the
 * failure is still pending, that is, if zs_alloc_array did not call malloc.
 */
static int calls_malloc(size_t count, size_t size, void **got)
{
    void *probe;

    inject_fail_next();
    *got = zs_alloc_array(count, size);
    probe = malloc(1);
    free(probe);
    return swept ? -1 : probe != NULL;
}

/* zs_alloc_array(count, size) returns NULL without calling malloc. */
static int refused(size_t count, size_t size)
{
    void *got;
    int called = calls_malloc(count, size, &got);

    free(got);
    return got == NULL && called != 1;
}

/* Writes text into the file at path. */
static void put(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    if (fd >= 0) {
        if (write(fd, text, strlen(text)) < 0)
            perror(path);
        close(fd);
    }
}

/* Whether the file at path holds exactly text. */
static int holds(const char *path, const char *text)
{
    char buf[256];
    ssize_t len = -1;
    int fd = open(path, O_RDONLY);

    if (fd >= 0) {
        len = read(fd, buf, sizeof buf - 1);
        close(fd);
    }
    if (len < 0)
        return 0;
    buf[len] = '\0';
    return strcmp(buf, text) == 0;
}

/* zs_run(in_path, out_path), its stderr caught: returns what zs_run returned,
 * and stores in *lines the number of lines it wrote to stderr. */
static int run(const char *in_path, const char *out_path, int *lines)
{
    int saved = dup(2), fd = open("stderr.txt", O_RDWR | O_CREAT | O_TRUNC, 0600), rc;
    char c;

    dup2(fd, 2);
    rc = zs_run(in_path, out_path);
    dup2(saved, 2);
    close(saved);
    *lines = 0;
    lseek(fd, 0, SEEK_SET);
    while (read(fd, &c, 1) == 1)
        *lines += c == '\n';
    close(fd);
    unlink("stderr.txt");
    return rc;
}

/* zs_run on an input file holding text returns -1 after one line on stderr. */
static int fails_in_one_line(const char *text, const char *out_path)
{
    int rc, lines;

    put("in.txt", text);
    rc = run("in.txt", out_path, &lines);
    return rc == -1 && lines == 1;
}

int main(void)
{
    static volatile size_t zero = 0;    /* not a constant the compiler could fold */
    unsigned char *block;
    int rc, lines;


    /* zs_alloc_array */
    block = zs_alloc_array(6, sizeof(double));
    if (block != NULL || !swept) {
        PROMISE(zs_alloc_array, "allocates one block with room for count objects of size bytes each",
                block != NULL);
        if (block != NULL)
            memset(block, 0xA5, 6 * sizeof(double));    /* Valgrind sees a block too small */
        free(block);                                    /* "the caller must free() it" */
    }
    /* a run of the sweep whose call failed ends at each contract_step(): see contract.h */
    contract_step();
    inject_fail_next();
    PROMISE(zs_alloc_array, "returns NULL when malloc fails", zs_alloc_array(6, sizeof(double)) == NULL);
    contract_step();
    PROMISE(zs_alloc_array, "returns NULL without calling malloc when count is 0", refused(0, sizeof(double)));
    contract_step();
    PROMISE(zs_alloc_array, "returns NULL without calling malloc when count * size does not fit in a size_t"
            " (2^61 + 1 objects of 8 bytes: the product wraps to 8)", refused(((size_t)1 << 61) + 1, 8));
    contract_step();
    PROMISE(zs_alloc_array, "returns NULL without calling malloc when count * size does not fit in a size_t"
            " (SIZE_MAX / 2 + 1 objects of 2 bytes: the product wraps to 0)", refused(SIZE_MAX / 2 + 1, 2));
    contract_step();
    PROMISE(zs_alloc_array, "returns NULL without calling malloc when count * size does not fit in a size_t"
            " (SIZE_MAX objects of SIZE_MAX bytes)", refused(SIZE_MAX, SIZE_MAX));
    contract_step();
    {
        void *got;
        int called = calls_malloc(SIZE_MAX / 8, 8, &got);

        free(got);
        PROMISE(zs_alloc_array, "asks malloc for count * size bytes whenever they fit in a size_t"
                " (SIZE_MAX / 8 objects of 8 bytes)", called != 0);
        contract_step();
        called = calls_malloc(1, SIZE_MAX, &got);
        free(got);
        PROMISE(zs_alloc_array, "asks malloc for count * size bytes whenever they fit in a size_t"
                " (1 object of SIZE_MAX bytes)", called != 0);
    }
    contract_step();
    PROMISE_NO_CRASH(zs_alloc_array, "returns NULL without calling malloc when size is 0", refused(6, zero));
    contract_step();

    /* zs_run: its good path, then each failure it names */
    put("in.txt", "3\n1\n2\n6\n");
    rc = run("in.txt", "out.txt", &lines);
    if (rc == 0 || !swept)
        PROMISE(zs_run, "returns 0 after it read the values in in_path and wrote their scores to out_path",
                rc == 0 && holds("out.txt", "-0.925820\n-0.462910\n1.388730\n"));
    else
        PROMISE(zs_run, "returns -1 after one line on stderr when memory runs out", rc == -1 && lines == 1);
    unlink("in.txt");
    contract_step();
    rc = run("in.txt", "out.txt", &lines);
    PROMISE(zs_run, "returns -1 after one line on stderr when a file cannot be opened (in_path does not exist)",
            rc == -1 && lines == 1);
    contract_step();
    PROMISE(zs_run, "returns -1 after one line on stderr when a file cannot be opened (out_path's folder does not exist)",
            fails_in_one_line("2\n1\n2\n", "no-such-folder/out.txt"));
    contract_step();
    PROMISE(zs_run, "returns -1 after one line on stderr when a file cannot be written (out_path is /dev/full)",
            fails_in_one_line("2\n1\n2\n", "/dev/full"));
    contract_step();
    PROMISE(zs_run, "returns -1 after one line on stderr when the count is too large (2^61 + 1 values of 8 bytes)",
            fails_in_one_line("2305843009213693953\n1\n2\n", "out.txt"));
    contract_step();
    PROMISE(zs_run, "returns -1 after one line on stderr when a line is missing (the count)",
            fails_in_one_line("", "out.txt"));
    contract_step();
    PROMISE(zs_run, "returns -1 after one line on stderr when a line is missing (a value)",
            fails_in_one_line("4\n1.5\n2.5\n", "out.txt"));
    contract_step();
    PROMISE(zs_run, "returns -1 after one line on stderr when a line is not a number",
            fails_in_one_line("3\n1.5\nlots\n2\n", "out.txt"));
    unlink("in.txt");
    unlink("out.txt");
    return contract_end();
}
