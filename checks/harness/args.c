/* Takes one count from 1 to 100: bad arguments get a usage line and status 2. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    char *end = NULL;
    unsigned long count = 1;

    if (argc > 2)
        goto out_usage;
    if (argc == 2) {
        errno = 0;
        count = strtoul(argv[1], &end, 10);
        if (errno != 0 || *end != '\0' || argv[1][0] == '-' || count < 1 || count > 100)
            goto out_usage;
    }
    for (unsigned long i = 0; i < count; i++)
        puts("hello, heap");
    return 0;

out_usage:
    fputs("usage: args [COUNT]   (COUNT from 1 to 100)\n", stderr);
    return 2;
}
