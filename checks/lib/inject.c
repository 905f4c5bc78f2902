/*
 * inject.c: the allocation-failure injector linked into every test build.
 *
 * The test build links each program with
 *     -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=fopen
 * so that every call the program's own code makes to one of those functions
 * lands here first (calls made inside the C library are not redirected, so
 * they are neither counted nor failed). Each call is counted; when the
 * environment says INJECT_FAIL_AT=N, call number N returns NULL with errno
 * set to ENOMEM, exactly as a real out-of-memory failure would. With
 * INJECT_FAIL_FROM=N instead, call N and every later call fail: a heap that
 * is exhausted for good, which tests error paths that allocate again.
 *
 * When INJECT_REPORT names a file, the injector writes to it:
 *     "failed N <function>"  at the moment it fails call N, and
 *     "calls K"               when the program exits normally,
 * which is how the failure sweep learns how many calls there are to fail and
 * whether a run really had one failed. Under Valgrind the first injected
 * failure also prints a stack trace into the Valgrind log, naming the call as
 * the program made it (malloc(80), fopen("walk.txt", "w")), so a diagnosis
 * can say which line's allocation was made to fail.
 *
 * A contract test (checks/contracts/) calls inject_fail_next() to make the
 * next call fail, whatever the environment says, to see what a function
 * leaves behind when its allocation fails (inject_fail_cancel() calls that
 * off when the function made no call).
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

void inject_fail_next(void);
void inject_fail_cancel(void);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *ptr, size_t size);
char *__wrap_strdup(const char *s);
FILE *__wrap_fopen(const char *path, const char *mode);

static unsigned long calls;     /* wrapped calls made so far */
static unsigned long fail_at;   /* the first call to fail; 0: fail none */
static int fail_on;             /* and every call after it, too */
static int fail_next;           /* a contract test asked for the next call to fail */
static int configured;          /* the environment has been read */

/* A positive number from the environment variable `name`, or 0. */
static unsigned long inject_number(const char *name)
{
    const char *text = getenv(name);
    char *end = NULL;
    unsigned long n;

    if (text == NULL || *text == '\0')
        return 0;
    errno = 0;
    n = strtoul(text, &end, 10);
    return errno == 0 && end != NULL && *end == '\0' ? n : 0;
}

/* Reads INJECT_FAIL_AT or INJECT_FAIL_FROM once; anything else fails nothing. */
static void inject_configure(void)
{
    configured = 1;
    fail_at = inject_number("INJECT_FAIL_AT");
    if (fail_at == 0) {
        fail_at = inject_number("INJECT_FAIL_FROM");
        fail_on = 1;
    }
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

/*
 * Counts one call to `name`: 0 when it is to succeed; INJECT_FIRST when it
 * is the first to fail, which the caller then names in the Valgrind log;
 * INJECT_AGAIN for a later failure of INJECT_FAIL_FROM. Each failure is
 * reported as "failed N name".
 */
enum { INJECT_FIRST = 1, INJECT_AGAIN = 2 };

static int inject_should_fail(const char *name)
{
    if (!configured)
        inject_configure();
    calls++;
    if (fail_next) {
        fail_next = 0;
        inject_report("failed", calls, name);
        errno = ENOMEM;
        return INJECT_FIRST;
    }
    if (fail_at == 0 || calls < fail_at || (calls > fail_at && !fail_on))
        return 0;
    inject_report("failed", calls, name);
    errno = ENOMEM;
    return calls == fail_at ? INJECT_FIRST : INJECT_AGAIN;
}

/* The next counted call fails (for contract tests). */
void inject_fail_next(void)
{
    fail_next = 1;
}

/* The failure inject_fail_next() asked for, if no call took it yet, is off. */
void inject_fail_cancel(void)
{
    fail_next = 0;
}

/* Reports the number of calls when the program exits normally. */
__attribute__((destructor)) static void inject_finish(void)
{
    inject_report("calls", calls, NULL);
}

#define INJECT_SAID " made to fail\n"

void *__wrap_malloc(size_t size)
{
    int failed = inject_should_fail("malloc");

    if (!failed)
        return __real_malloc(size);
    if (failed == INJECT_FIRST)
        VALGRIND_PRINTF_BACKTRACE("inject: call %lu, malloc(%lu)," INJECT_SAID, calls, (unsigned long)size);
    return NULL;
}

void *__wrap_calloc(size_t count, size_t size)
{
    int failed = inject_should_fail("calloc");

    if (!failed)
        return __real_calloc(count, size);
    if (failed == INJECT_FIRST)
        VALGRIND_PRINTF_BACKTRACE("inject: call %lu, calloc(%lu, %lu)," INJECT_SAID, calls,
                  (unsigned long)count, (unsigned long)size);
    return NULL;
}

void *__wrap_realloc(void *ptr, size_t size)
{
    int failed = inject_should_fail("realloc");

    if (!failed)
        return __real_realloc(ptr, size);
    if (failed == INJECT_FIRST)
        VALGRIND_PRINTF_BACKTRACE("inject: call %lu, realloc(%s, %lu)," INJECT_SAID, calls,
                  ptr ? "ptr" : "NULL", (unsigned long)size);
    return NULL;
}

char *__wrap_strdup(const char *s)
{
    int failed = inject_should_fail("strdup");

    if (!failed)
        return __real_strdup(s);
    if (failed == INJECT_FIRST)
        VALGRIND_PRINTF_BACKTRACE("inject: call %lu, strdup(\"%.40s\")," INJECT_SAID, calls, s);
    return NULL;
}

FILE *__wrap_fopen(const char *path, const char *mode)
{
    int failed = inject_should_fail("fopen");

    if (!failed)
        return __real_fopen(path, mode);
    if (failed == INJECT_FIRST)
        VALGRIND_PRINTF_BACKTRACE("inject: call %lu, fopen(\"%.60s\", \"%s\")," INJECT_SAID, calls, path, mode);
    return NULL;
}
