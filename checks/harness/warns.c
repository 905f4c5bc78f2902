#include <stdlib.h>
/* A use after free that gcc sees: a warning, with a note on the free. */
int main(void)
{
    char *p = malloc(4);
    if (!p)
        return 1;
    p[0] = 0;
    free(p);
    return p[0];
}
