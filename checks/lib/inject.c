/*
 * inject.c: the allocation-failure injector linked into every test build.
 *
 * The test build links each program with
 *     -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=fopen,--wrap=main
 * so that every call the program's own code makes to one of those functions
 * lands here first (calls made inside the C library are not redirected, so
 * they are neither counted nor failed). Each call is counted; when the
 * environment says INJECT_FAIL_AT=N, call number N returns NULL with errno
 * set to ENOMEM, exactly as a real out-of-memory failure would. With
 * INJECT_FAIL_FROM=N instead, call N and every later call fail: a heap that
 * is exhausted for good, which tests error paths that allocate again.
 *
 * The failure sweep in one process: with INJECT_SWEEP=PREFIX, the program
 * runs normally, but at each call N it forks twice first. In the first
 * child call N fails, as under INJECT_FAIL_AT=N; in the second, call N and
 * every later one, as under INJECT_FAIL_FROM=N. Each child has its own
 * folder, PREFIX-N or PREFIX-from-N, as its working directory, with its
 * stdout, stderr and report there, and runs on to its own exit; the parent
 * waits for it, writes its status and pid there, and carries on (see
 * fork_run). Under Valgrind started with --log-file=...%p..., each child has
 * its own log and its own leak check at exit. With INJECT_SWEEP_PASS=S, the
 * sweep forks no more after a child that exits with a status other than S.
 * INJECT_TIMEOUT bounds a child's seconds (10 unless told).
 *
 * Many command lines in one process: with INJECT_ARGS, the wrapped main
 * runs the program's main once per line of a file, each in a child (see
 * __wrap_main).
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
 * off when the function made no call), inject_failing() to learn whether
 * it runs in the sweep, and inject_failed() whether the sweep's failed call
 * has come yet.
 *
 * The injector itself allocates nothing and uses no stdio: it must not
 * disturb the program it is testing. It does not even flush the program's
 * buffered output before a fork: the child writes what its copy of the
 * buffers holds into its own stdout (or into a file whose size the parent
 * puts back), and the parent writes it when it would have, so that both
 * write, and Valgrind judges, exactly what a run of their own would.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/valgrind.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *ptr, size_t size);
char *__real_strdup(const char *s);
FILE *__real_fopen(const char *path, const char *mode);

void inject_fail_next(void);
void inject_fail_cancel(void);
int inject_failing(void);
int inject_failed(void);
int __real_main(int argc, char **argv, char **envp);
int __wrap_main(int argc, char **argv, char **envp);
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
static char report[4096];       /* the INJECT_REPORT file ("": none) */
static char sweep[4000];        /* INJECT_SWEEP: fork at each call ("": do not) */
static char sweep_run[4096];    /* INJECT_SWEEP_RUN: with INJECT_ARGS, the run swept */
static unsigned timeout = 10;   /* INJECT_TIMEOUT: a child's seconds */
static int pass_status = -1;    /* INJECT_SWEEP_PASS: the status of a child that passed */

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

/* Copies the environment variable `name` into `buf` ("" when unset or too long). */
static void inject_text(const char *name, char *buf, size_t size)
{
    const char *text = getenv(name);

    buf[0] = '\0';
    if (text != NULL && strlen(text) < size)
        memcpy(buf, text, strlen(text) + 1);
}

/* Reads the environment once: INJECT_FAIL_AT or INJECT_FAIL_FROM (a process
   that fails calls never sweeps), INJECT_SWEEP, INJECT_REPORT, INJECT_TIMEOUT. */
static void inject_configure(void)
{
    configured = 1;
    inject_text("INJECT_REPORT", report, sizeof report);
    if (inject_number("INJECT_TIMEOUT") != 0)
        timeout = (unsigned)inject_number("INJECT_TIMEOUT");
    fail_at = inject_number("INJECT_FAIL_AT");
    if (fail_at == 0) {
        fail_at = inject_number("INJECT_FAIL_FROM");
        fail_on = 1;
    }
    if (fail_at == 0)
        inject_text("INJECT_SWEEP", sweep, sizeof sweep);
    inject_text("INJECT_SWEEP_RUN", sweep_run, sizeof sweep_run);
    if (getenv("INJECT_SWEEP_PASS") != NULL && *getenv("INJECT_SWEEP_PASS") != '\0')
        pass_status = (int)inject_number("INJECT_SWEEP_PASS");
}

/* `n` in decimal into `out`, which has room for 24 characters; its length. */
static size_t inject_digits(unsigned long n, char *out)
{
    char digits[24];
    size_t d = 0, len = 0;

    do {
        digits[d++] = (char)('0' + n % 10);
        n /= 10;
    } while (n != 0);
    while (d > 0)
        out[len++] = digits[--d];
    out[len] = '\0';
    return len;
}

/* Writes `text` to the file `dir`/`name`, in full (the file is replaced). */
static void inject_write_file(const char *dir, const char *name, const char *text)
{
    char path[4200];
    size_t d = strlen(dir), n = strlen(name);
    int fd;

    if (d + n + 2 > sizeof path)
        return;
    memcpy(path, dir, d);
    path[d] = '/';
    memcpy(path + d + 1, name, n + 1);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return;
    if (write(fd, text, strlen(text)) < 0)
        errno = 0;
    close(fd);
}

/* Writes "<word> <number>[ <name>]\n" to the report file, if any. */
static void inject_report(const char *word, unsigned long number, const char *name)
{
    char line[96];
    size_t len = 0;
    int fd;

    if (report[0] == '\0')
        return;
    len = strlen(word);
    memcpy(line, word, len);
    line[len++] = ' ';
    len += inject_digits(number, line + len);
    if (name != NULL) {
        line[len++] = ' ';
        memcpy(line + len, name, strlen(name));
        len += strlen(name);
    }
    line[len++] = '\n';
    fd = open(report, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0)
        return;
    if (write(fd, line, len) < 0)
        errno = 0;
    close(fd);
}

/* --- one process, many runs: fork ---------------------------------------
 *
 * A child starts where its parent is, with the parent's memory and open
 * files, and runs on to its own end while the parent waits. What the two
 * must not share is where an open file is read or written, since a file's
 * offset belongs to both: the parent notes the offset and size of each file
 * the program has open before the fork and puts them back when the child is
 * gone, as if the child had never run. A pipe cannot be put back: a child
 * that reads a pipe made before the fork to its end waits for ever (its
 * parent, waiting too, holds the other end) and ends as a timeout, so a
 * program or a contract test under the sweep catches output in a file.
 */
enum { FORK_FDS = 64 };
static off_t fork_offset[FORK_FDS], fork_size[FORK_FDS];
static dev_t start_dev[FORK_FDS];
static ino_t start_ino[FORK_FDS];
static int started;
static int stopped;             /* a child failed: no more children */
static int unbounded;           /* the child being waited for has no time limit */

/* Notes the files open when the program starts (stdin and stdout aside):
   they are not the program's, whatever they are (Valgrind's log is one). */
static void fork_note_start(void)
{
    struct stat st;
    int fd;

    started = 1;
    for (fd = 1; fd < FORK_FDS; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 && fstat(fd, &st) == 0) {
            start_dev[fd] = st.st_dev;
            start_ino[fd] = st.st_ino;
        }
    }
}

/* Notes the offset and size of each regular file the program has open
   (its stdin too, but not the stdout and stderr it started with, which a
   child replaces). */
static void fork_save_files(void)
{
    struct stat st;
    int fd;

    for (fd = 0; fd < FORK_FDS; fd++) {
        fork_offset[fd] = -1;
        if (fcntl(fd, F_GETFD) < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (fd > 0 && start_ino[fd] == st.st_ino && start_dev[fd] == st.st_dev && st.st_ino != 0)
            continue;
        fork_offset[fd] = lseek(fd, 0, SEEK_CUR);
        fork_size[fd] = st.st_size;
    }
}

static void fork_restore_files(void)
{
    struct stat st;
    int fd;

    for (fd = 0; fd < FORK_FDS; fd++) {
        if (fork_offset[fd] < 0)
            continue;
        if (fstat(fd, &st) == 0 && st.st_size > fork_size[fd] && ftruncate(fd, fork_size[fd]) != 0)
            errno = 0;
        lseek(fd, fork_offset[fd], SEEK_SET);
    }
}

/* Copies each regular file of the working directory into `dir`: a child
   works in a copy of what its parent has made so far, so that it finds the
   files the program wrote before the fork, and what it writes itself
   disturbs nothing the parent reads later. */
static void fork_copy_folder(const char *dir)
{
    char path[4500], buf[8192];
    size_t d = strlen(dir), n;
    struct dirent *e;
    struct stat st;
    ssize_t got;
    DIR *here = opendir(".");
    int in, out;

    if (here == NULL)
        return;
    while ((e = readdir(here)) != NULL) {
        n = strlen(e->d_name);
        if (d + n + 2 > sizeof path || stat(e->d_name, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        memcpy(path, dir, d);
        path[d] = '/';
        memcpy(path + d + 1, e->d_name, n + 1);
        in = open(e->d_name, O_RDONLY);
        out = in < 0 ? -1 : open(path, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 0777);
        while (out >= 0 && (got = read(in, buf, sizeof buf)) > 0)
            if (write(out, buf, (size_t)got) != got)
                break;
        if (in >= 0)
            close(in);
        if (out >= 0)
            close(out);
    }
    closedir(here);
    errno = 0;
}

/* Copies what the program wrote to the file of descriptor `from` so far
   (its stdout or stderr, as written before the fork) to `to`: a child's output
   is the whole of a run's, as if it had run from the start on its own. */
static void fork_copy_output(int from, int to)
{
    char buf[8192], path[40] = "/proc/self/fd/";
    ssize_t got;
    int in;

    inject_digits((unsigned long)from, path + strlen(path));
    in = open(path, O_RDONLY);  /* `from` itself is open for writing only */
    if (in < 0)
        return;
    while ((got = read(in, buf, sizeof buf)) > 0)
        if (write(to, buf, (size_t)got) != got)
            break;
    close(in);
}

/* In a new child: `dir` is its working directory, what the program writes
   to its stdout and stderr (and wrote before the fork) goes to dir/stdout
   and dir/stderr, and it has
   `timeout` seconds to end. Each descriptor of the stdout or stderr the
   program started with is replaced, whatever its number: a program (or a
   contract test) may have moved them, say to catch its own stderr. */
static void fork_child_setup(const char *dir)
{
    static const char *const names[2] = { "stdout", "stderr" };
    char path[4200];
    size_t d = strlen(dir);
    struct stat st;
    int i, fd, to[2], copied[2] = { 0, 0 };

    fork_copy_folder(dir);
    for (i = 0; i < 2; i++) {
        memcpy(path, dir, d);
        path[d] = '/';
        memcpy(path + d + 1, names[i], strlen(names[i]) + 1);
        to[i] = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    }
    for (fd = 0; fd < FORK_FDS; fd++) {
        if (fd == to[0] || fd == to[1] || fstat(fd, &st) != 0)
            continue;
        for (i = 0; i < 2; i++) {
            if (to[i] >= 0 && start_ino[i + 1] == st.st_ino && start_dev[i + 1] == st.st_dev) {
                if (!copied[i] && S_ISREG(st.st_mode))
                    fork_copy_output(fd, to[i]);
                copied[i] = 1;
                dup2(to[i], fd);
                break;
            }
        }
    }
    for (i = 0; i < 2; i++)
        if (to[i] >= 0)
            close(to[i]);
    if (chdir(dir) != 0)
        errno = 0;
    alarm(timeout);
}

/* Writes "<number>\n" to dir/name. */
static void fork_write_number(const char *dir, const char *name, unsigned long n)
{
    char text[32];
    size_t len = inject_digits(n, text);

    memcpy(text + len, "\n", 2);
    inject_write_file(dir, name, text);
}

/* Waits for child `pid` to end; its status as a shell gives it: its exit
   status, 128 + the signal that killed it, or 124 when it ran out of time
   (as timeout(1) says). A child still running `timeout` + 5 s after it
   started (one that blocks SIGALRM) is killed, unless it is the normal run
   of a sweep (`unbounded`, see __wrap_main). The child is left a zombie
   (WNOWAIT) until the parent ends, so that no later child of the same start
   can get its pid, which names its Valgrind log. The wait polls, every
   0.5 ms at first and every 4 ms at most. */
static int fork_wait(pid_t pid)
{
    struct timespec pause = { 0, 500000 }, start, now;
    siginfo_t info;

    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        memset(&info, 0, sizeof info);
        if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid)
            break;
        if (errno == ECHILD)
            return 126;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (!unbounded && now.tv_sec - start.tv_sec > (time_t)timeout + 5)
            kill(pid, SIGKILL);
        nanosleep(&pause, NULL);
        if (pause.tv_nsec < 4000000)
            pause.tv_nsec *= 2;
    }
    if (info.si_code == CLD_EXITED)
        return info.si_status;
    if (info.si_status == SIGALRM || info.si_status == SIGKILL)
        return 124;
    return 128 + info.si_status;
}

/* fork_run DIR: forks a child that is to run in DIR (made here). Returns 1
   in the child, set up; 0 in the parent, once the child is gone and its
   status and pid are in DIR/status and DIR/pid. A status other than
   INJECT_SWEEP_PASS's (when set) stops the sweep. */
static int fork_run(const char *dir)
{
    struct itimerval cpu;
    int saved_errno = errno, st, hold;
    pid_t pid;

    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        errno = saved_errno;
        return 0;
    }
    if (!started)
        fork_note_start();
    fork_save_files();
    getitimer(ITIMER_VIRTUAL, &cpu);
    /* Valgrind opens a child's log as the child starts, at the lowest free
       descriptor: this one, held over the fork, keeps that descriptor free
       for the child, as it would be in a run of its own */
    hold = open("/dev/null", O_RDONLY);
    pid = fork();
    if (hold >= 0)
        close(hold);
    if (pid == 0) {
        setitimer(ITIMER_VIRTUAL, &cpu, NULL);
        fork_child_setup(dir);
        errno = saved_errno;
        return 1;
    }
    if (pid < 0) {
        inject_write_file(dir, "status", "126\n");
    } else {
        st = fork_wait(pid);
        fork_write_number(dir, "status", (unsigned long)st);
        fork_write_number(dir, "pid", (unsigned long)pid);
        if (pass_status >= 0 && st != pass_status)
            stopped = 1;
    }
    fork_restore_files();
    errno = saved_errno;
    return 0;
}

/* A child reports to DIR/report, a new file ("": none, when the path is too long). */
static void fork_report_to(const char *dir)
{
    report[0] = '\0';
    if (strlen(dir) + 8 > sizeof report)
        return;
    memcpy(report, dir, strlen(dir));
    memcpy(report + strlen(dir), "/report", 8);
    unlink(report);
}

/* SWEEP-N (mode "") or SWEEP-from-N (mode "from-") into `out`. */
static void sweep_dir(char *out, size_t size, const char *mode, unsigned long n)
{
    size_t s = strlen(sweep), m = strlen(mode);

    out[0] = '\0';
    if (s + m + 26 + 8 > size)
        return;
    memcpy(out, sweep, s);
    out[s] = '-';
    memcpy(out + s + 1, mode, m);
    inject_digits(n, out + s + 1 + m);
}

/* The calls a child that has ended made, from its report ("calls K"); 0
   when it did not end normally. */
static unsigned long child_calls(const char *dir)
{
    char path[4200], text[512];
    size_t d = strlen(dir);
    ssize_t got;
    unsigned long k = 0;
    char *line;
    int fd;

    memcpy(path, dir, d);
    memcpy(path + d, "/report", 8);
    fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    got = read(fd, text, sizeof text - 1);
    close(fd);
    if (got <= 0)
        return 0;
    text[got] = '\0';
    line = strstr(text, "calls ");
    if (line == NULL)
        return 0;
    for (line += 6; *line >= '0' && *line <= '9'; line++)
        k = k * 10 + (unsigned long)(*line - '0');
    return k;
}

/*
 * The sweep, at call n: a child in which call n fails, then one in which it
 * and every later call fail. Each becomes a process that fails calls,
 * reporting to its own folder, and runs to its end; the parent carries on.
 * When the first child made no call after call n, the second would run
 * exactly as the first did: then it is not run, and its folder holds only
 * a file "same" instead.
 */
static void sweep_point(unsigned long n)
{
    char dir[4096], first[4096];
    int persistent;

    for (persistent = 0; persistent <= 1 && !stopped; persistent++) {
        sweep_dir(dir, sizeof dir, persistent ? "from-" : "", n);
        if (dir[0] == '\0')
            return;
        if (persistent && child_calls(first) == n) {
            if (mkdir(dir, 0755) == 0 || errno == EEXIST)
                inject_write_file(dir, "same", "the run of the folder before: no call after the failed one\n");
            continue;
        }
        memcpy(first, dir, strlen(dir) + 1);
        if (!fork_run(dir))
            continue;
        sweep[0] = '\0';
        fail_at = n;
        fail_on = persistent;
        fork_report_to(dir);
        return;
    }
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
    if (sweep[0] != '\0')
        sweep_point(calls);
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

/* True in a process that fails calls (INJECT_FAIL_AT, INJECT_FAIL_FROM, or a
   child of the sweep): a contract test's own allocations may fail there. */
int inject_failing(void)
{
    if (!configured)
        inject_configure();
    return fail_at != 0;
}

/* True once this process has failed the call the environment or the sweep
   asked for (a contract test's contract_step ends such a run there). */
int inject_failed(void)
{
    return fail_at != 0 && calls >= fail_at;
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

/*
 * Many command lines in one process: with INJECT_ARGS=FILE, each line of
 * FILE is a folder, then the arguments of one command line, all separated
 * by tabs. For each line, a child runs the program's own main with those
 * arguments, in that folder, as fork_run sets it up, and reports to
 * FOLDER/report (INJECT_REPORT is not read); the process itself runs nothing
 * else, and exits 0. The run whose folder INJECT_SWEEP_RUN names is the
 * normal run of the sweep (INJECT_SWEEP): it forks at each call, and has
 * no time limit of its own (its children have theirs); no other run sweeps.
 * Without INJECT_ARGS, main is the program's main, untouched.
 */
enum { ARGS_WORDS = 64 };

int __wrap_main(int argc, char **argv, char **envp)
{
    static char text[65536];
    static char *words[ARGS_WORDS + 2];
    const char *file = getenv("INJECT_ARGS");
    size_t len = 0, start, i;
    ssize_t got;
    char *w, *dir;
    int fd, n;

    fork_note_start();
    if (file == NULL || *file == '\0')
        return __real_main(argc, argv, envp);
    if (!configured)
        inject_configure();     /* INJECT_TIMEOUT */
    fd = open(file, O_RDONLY);
    if (fd < 0) {
        static const char bad[] = "inject: INJECT_ARGS names no file that can be read\n";
        if (write(2, bad, sizeof bad - 1) < 0)
            return 2;
        return 2;
    }
    while (len < sizeof text - 1 && (got = read(fd, text + len, sizeof text - 1 - len)) > 0)
        len += (size_t)got;
    close(fd);
    text[len] = '\0';
    for (start = 0; start < len; start = i + 1) {
        for (i = start; i < len && text[i] != '\n'; i++)
            ;
        text[i] = '\0';
        dir = text + start;
        for (w = dir; *w != '\0' && *w != '\t'; w++)
            ;
        words[0] = argv[0];
        n = 1;
        if (*w == '\t') {
            *w++ = '\0';
            words[n++] = w;
            for (; *w != '\0' && n <= ARGS_WORDS; w++) {
                if (*w == '\t') {
                    *w = '\0';
                    words[n++] = w + 1;
                }
            }
        }
        words[n] = NULL;
        if (*dir == '\0')
            continue;
        unbounded = strcmp(dir, sweep_run) == 0;
        if (fork_run(dir)) {
            fork_note_start();  /* its own stdout and stderr are what its children replace */
            if (unbounded)
                alarm(0);
            else
                sweep[0] = '\0';
            unbounded = 0;
            fork_report_to(dir);
            exit(__real_main(n, words, envp));
        }
        stopped = 0;            /* a run's status stops no sweep but its own */
    }
    report[0] = '\0';          /* the runs reported: this process made no call */
    return 0;
}
