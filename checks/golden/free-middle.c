#include <stdlib.h>
/* free() of a pointer into the middle of a block. */
int main(void)
{
    char *p = malloc(16);
    if (!p)
        return 1;
    free(p + 4);
    free(p);
    return 0;
}
