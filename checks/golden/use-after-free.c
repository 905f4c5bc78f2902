/* golden-sanitize */
#include <stdlib.h>
/* A read of a block after it was freed. */
int main(void)
{
    int *p = malloc(4 * sizeof *p);
    if (!p)
        return 1;
    p[1] = 7;
    free(p);
    return p[1] == 7;
}
