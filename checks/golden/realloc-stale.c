#include <stdlib.h>
int main(void)
{
    int *a = malloc(4 * sizeof *a);
    int *old = a;
    int *tmp = realloc(a, 4000 * sizeof *a);
    if (!tmp) { free(a); return 1; }
    a = tmp;
    old[0] = 1;
    free(a);
    return 0;
}
