/* Decides on memory nothing wrote: the checks must name it. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *flags = malloc(4 * sizeof *flags);

    if (flags == NULL) {
        fputs("uninitialised: out of memory\n", stderr);
        return 1;
    }
    if (flags[2] == 7)
        puts("seven");
    puts("hello, heap");
    free(flags);
    return 0;
}
