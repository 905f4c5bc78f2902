#include <stdio.h>
#include <stdlib.h>
/* A decision on bytes malloc handed out and nobody wrote. */
int main(void)
{
    int *counts = malloc(8 * sizeof *counts);
    if (!counts)
        return 1;
    if (counts[2] > 0)
        puts("positive");
    free(counts);
    return 0;
}
