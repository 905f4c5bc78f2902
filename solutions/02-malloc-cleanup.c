/*
 * exercise.c, lesson 02: C's try/finally.
 *
 *     zscore IN [OUT]
 *
 * Reads a list of values from the file IN, writes the z-score of each one
 * (how many standard deviations it lies from the mean) to OUT (default
 * scores.txt), and prints the values, their scores, the mean and the
 * standard deviation. IN holds a count on its first line, then that many
 * values, one a line: lessons/02-malloc-cleanup/readings.txt is one.
 *
 * zs_run() holds four resources at once: the input file, a line buffer, the
 * array of values and the output file. It releases them on every path
 * through one exit: labels named for what they undo, in reverse order.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZS_DEFAULT_OUT "scores.txt"
#define ZS_LINE_MAX 64                  /* bytes in the line buffer, '\0' included */
#define ZS_USAGE "usage: zscore IN [OUT]\n"

/* What zs_score() needs to know about the whole list. */
struct zs_stats {
    double mean;        /* the arithmetic mean of the values */
    double sd;          /* their standard deviation; 0 when all are equal */
};

/*
 * zs_alloc_array: allocate one block with room for count objects of size
 * bytes each; the caller must free() it. Its bytes are not initialised.
 * Returns NULL without calling malloc when count or size is 0, or when
 * count * size does not fit in a size_t; returns NULL when malloc fails.
 */
static void *zs_alloc_array(size_t count, size_t size)
{
    if (count == 0 || size == 0)
        return NULL;
    if (count > SIZE_MAX / size)
        return NULL;
    return malloc(count * size);
}

/*
 * zs_read_line: read the next line of in into line (ZS_LINE_MAX bytes) and
 * drop its newline. Returns 0, or -1 at the end of the file, on a read
 * error, or when the line does not fit in the buffer.
 */
static int zs_read_line(FILE *in, char *line)
{
    size_t len;

    if (fgets(line, ZS_LINE_MAX, in) == NULL)
        return -1;
    len = strlen(line);
    if (len > 0 && line[len - 1] == '\n')
        line[len - 1] = '\0';
    else if (!feof(in))
        return -1;                      /* longer than the buffer */
    return 0;
}

/*
 * zs_parse_count: read a count from text into *count. Returns 0, or -1 when
 * text is not a plain decimal number from 1 to SIZE_MAX.
 */
static int zs_parse_count(const char *text, size_t *count)
{
    unsigned long long value;
    char *end;

    if (text[0] < '0' || text[0] > '9')     /* strtoull accepts "-1" and " 1" */
        return -1;
    errno = 0;
    value = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || value == 0 || value > SIZE_MAX)
        return -1;
    *count = (size_t)value;
    return 0;
}

/*
 * zs_parse_value: read a finite number from text into *value. Returns 0,
 * or -1 when text is anything else.
 */
static int zs_parse_value(const char *text, double *value)
{
    double v;
    char *end;

    errno = 0;
    v = strtod(text, &end);
    if (end == text || *end != '\0' || errno != 0 || !isfinite(v))
        return -1;
    *value = v;
    return 0;
}

/* zs_stats_of: the mean and the standard deviation of count > 0 values. */
static struct zs_stats zs_stats_of(const double *values, size_t count)
{
    struct zs_stats stats;
    double sum = 0.0;

    for (size_t i = 0; i < count; i++)
        sum += values[i];
    stats.mean = sum / (double)count;
    sum = 0.0;
    for (size_t i = 0; i < count; i++)
        sum += (values[i] - stats.mean) * (values[i] - stats.mean);
    stats.sd = sqrt(sum / (double)count);
    return stats;
}

/* zs_score: how many standard deviations value lies from the mean. */
static double zs_score(double value, struct zs_stats stats)
{
    return stats.sd > 0.0 ? (value - stats.mean) / stats.sd : 0.0;
}

/*
 * zs_write: write the score of each of count values to out, one a line, and
 * flush them. Returns 0, or -1 after one line on stderr naming path. Does
 * not close out: whoever opened the file closes it.
 */
static int zs_write(FILE *out, const char *path, const double *values, size_t count,
                    struct zs_stats stats)
{
    for (size_t i = 0; i < count; i++)
        fprintf(out, "%.6f\n", zs_score(values[i], stats));
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "zscore: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

/* zs_print: print each value with its score, then the mean and deviation. */
static void zs_print(const double *values, size_t count, struct zs_stats stats)
{
    for (size_t i = 0; i < count; i++)
        printf("%3zu %9.3f %7.3f\n", i + 1, values[i], zs_score(values[i], stats));
    printf("mean %.3f  sd %.3f\n", stats.mean, stats.sd);
}

/*
 * zs_run: read the values in the file at in_path, write their scores to the
 * file at out_path, and print them. Returns 0, or -1 after one line on
 * stderr: when a file cannot be opened or written, when memory runs out,
 * when the count is too large, when a line is missing or not a number.
 * Whatever path it takes, it has closed every file it opened and freed
 * every block it allocated before it returns.
 */
static int zs_run(const char *in_path, const char *out_path)
{
    FILE *in;
    char *line;
    double *values;
    FILE *out;
    size_t count;
    struct zs_stats stats;
    int rc = -1;

    in = fopen(in_path, "r");
    if (in == NULL) {
        fprintf(stderr, "zscore: cannot open %s for reading\n", in_path);
        return -1;
    }
    line = malloc(ZS_LINE_MAX * sizeof *line);
    if (line == NULL) {
        fprintf(stderr, "zscore: out of memory (%d bytes)\n", ZS_LINE_MAX);
        goto out_close_input;
    }
    if (zs_read_line(in, line) != 0 || zs_parse_count(line, &count) != 0) {
        fprintf(stderr, "zscore: %s must start with a count from 1 up\n", in_path);
        goto out_free_line;
    }
    values = zs_alloc_array(count, sizeof *values);
    if (values == NULL) {
        fprintf(stderr, "zscore: no room for %zu values\n", count);
        goto out_free_line;
    }
    for (size_t i = 0; i < count; i++) {
        if (zs_read_line(in, line) != 0 || zs_parse_value(line, &values[i]) != 0) {
            fprintf(stderr, "zscore: %s: value %zu of %zu is missing or not a number\n",
                    in_path, i + 1, count);
            goto out_free_values;
        }
    }
    out = fopen(out_path, "w");
    if (out == NULL) {
        fprintf(stderr, "zscore: cannot open %s for writing\n", out_path);
        goto out_free_values;
    }
    stats = zs_stats_of(values, count);
    if (zs_write(out, out_path, values, count, stats) != 0)
        goto out_close_output;
    zs_print(values, count, stats);
    printf("wrote %zu scores to %s\n", count, out_path);
    rc = 0;

out_close_output:
    fclose(out);
out_free_values:
    free(values);
out_free_line:
    free(line);
out_close_input:
    fclose(in);
    return rc;
}

/*
 * main: zscore IN [OUT]. Exits with 0, with 1 after a failure that
 * zs_run() reported, or with 2 and a usage line for bad arguments.
 */
int main(int argc, char *argv[])
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "zscore: %s\n" ZS_USAGE, argc < 2 ? "no input file" : "too many arguments");
        return 2;
    }
    return zs_run(argv[1], argc > 2 ? argv[2] : ZS_DEFAULT_OUT) == 0 ? 0 : 1;
}
