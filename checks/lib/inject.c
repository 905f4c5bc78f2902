/*
 * inject.c: the allocation-failure injector linked into every test build.
 *
 * The test build links each program with
 *     -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=fopen
 * so that every call the program's own code makes to one of those functions
 * lands here first (calls made inside the C library are not redirected, so
 * they are neither counted nor failed). Each call is counted; when the
 * environment says INJECT_FAIL_AT=N, call number N returns NULL with errno
 * set to ENOMEM, exactly as a real out-of-memory failure would.
 *
 * When INJECT_REPORT names a file, the injector writes to it:
 *     "failed N <function>"  at the moment it fails call N, and
 *     "calls K"               when the program exits normally,
 * which is how the failure sweep learns how many calls there are to fail and
 * whether a run really had one failed. Under Valgrind the injected failure
 * also prints a stack trace into the Valgrind log, so a diagnosis can say
 * which line's allocation was made to fail.
 *
 * The injector itself allocates nothing and uses no stdio: it must not
 * disturb the program it is testing.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <valgrind/valgrind.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *ptr, size_t size);
char *__real_strdup(const char *s);
FILE *__real_fopen(const char *path, const char *mode);

void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *ptr, size_t size);
char *__wrap_strdup(const char *s);
FILE *__wrap_fopen(const char *path, const char *mode);

static unsigned long calls;     /* wrapped calls made so far */
static unsigned long fail_at;   /* the call to fail; 0: fail none */
static int configured;          /* the environment has been read */

/* Reads INJECT_FAIL_AT once; anything but a positive number fails nothing. */
static void inject_configure(void)
{
    const char *text = getenv("INJECT_FAIL_AT");
    char *end = NULL;
    unsigned long n;

    configured = 1;
    if (text == NULL || *text == '\0')
        return;
    errno = 0;
    n = strtoul(text, &end, 10);
    if (errno == 0 && end != NULL && *end == '\0')
        fail_at = n;
}

/* Writes "<word> <number>[ <name>]\n" to the INJECT_REPORT file, if any. */
static void inject_report(const char *word, unsigned long number, const char *name)
{
    const char *path = getenv("INJECT_REPORT");
    char line[96];
    char digits[24];
    size_t len = 0;
    size_t d = 0;
    int fd;

    if (path == NULL || *path == '\0')
        return;
    do {
        digits[d++] = (char)('0' + number % 10);
        number /= 10;
    } while (number != 0);
    len = strlen(word);
    memcpy(line, word, len);
    line[len++] = ' ';
    while (d > 0)
        line[len++] = digits[--d];
    if (name != NULL) {
        line[len++] = ' ';
        memcpy(line + len, name, strlen(name));
        len += strlen(name);
    }
    line[len++] = '\n';
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0)
        return;
    if (write(fd, line, len) < 0)
        errno = 0;
    close(fd);
}

/* Counts one call to `name`; true when this call is the one to fail. */
static int inject_should_fail(const char *name, size_t bytes)
{
    if (!configured)
        inject_configure();
    calls++;
    if (fail_at == 0 || calls != fail_at)
        return 0;
    inject_report("failed", calls, name);
    VALGRIND_PRINTF_BACKTRACE("inject: call %lu, %s of %lu bytes, made to fail\n",
                  calls, name, (unsigned long)bytes);
    errno = ENOMEM;
    return 1;
}

/* Reports the number of calls when the program exits normally. */
__attribute__((destructor)) static void inject_finish(void)
{
    inject_report("calls", calls, NULL);
}

void *__wrap_malloc(size_t size)
{
    return inject_should_fail("malloc", size) ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t count, size_t size)
{
    size_t bytes = count != 0 && size > SIZE_MAX / count ? SIZE_MAX : count * size;

    return inject_should_fail("calloc", bytes) ? NULL : __real_calloc(count, size);
}

void *__wrap_realloc(void *ptr, size_t size)
{
    return inject_should_fail("realloc", size) ? NULL : __real_realloc(ptr, size);
}

char *__wrap_strdup(const char *s)
{
    return inject_should_fail("strdup", strlen(s) + 1) ? NULL : __real_strdup(s);
}

FILE *__wrap_fopen(const char *path, const char *mode)
{
    return inject_should_fail("fopen", 0) ? NULL : __real_fopen(path, mode);
}
