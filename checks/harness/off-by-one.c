/* Writes one element past the end of a block: the checks must name it. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    size_t n = 4;
    double *values = malloc(n * sizeof *values);

    if (values == NULL) {
        fputs("off-by-one: out of memory\n", stderr);
        return 1;
    }
    for (size_t i = 0; i <= n; i++)
        values[i] = (double)i;
    puts("hello, heap");
    free(values);
    return 0;
}
