#include <stdlib.h>
/* Only a pointer into the middle of the block survives. */
static char *middle;
int main(void)
{
    char *p = malloc(64);
    if (!p)
        return 1;
    middle = p + 16;
    p = NULL;
    return 0;
}
