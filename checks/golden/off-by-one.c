/* golden-sanitize */
#include <stdlib.h>
/* A write one past the end of a block. */
int main(void)
{
    int *a = malloc(4 * sizeof *a);
    if (!a)
        return 1;
    for (int i = 0; i <= 4; i++)
        a[i] = i;
    free(a);
    return 0;
}
