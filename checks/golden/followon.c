#include <stdio.h>
#include <stdlib.h>
int main(void)
{
    int *a = malloc(4 * sizeof *a);
    int i;
    for (i = 0; i <= 4; i++)
        a[i] = i;
    int *b = malloc(4 * sizeof *b);
    if (b[1] > 2)
        printf("big\n");
    free(a);
    free(b);
    return 0;
}
