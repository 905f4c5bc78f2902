#include <stdlib.h>
int main(void)
{
    int *a = malloc(100 * sizeof *a);
    int *p = a - 8;
    a[0] = p[0];
    free(a);
    return 0;
}
