#include <stdlib.h>
#include <valgrind/memcheck.h>
/* A block given back to a pool Valgrind was never told about. */
int main(void)
{
    char *slab = malloc(64);
    if (!slab)
        return 1;
    VALGRIND_MEMPOOL_FREE(slab + 1, slab);
    free(slab);
    return 0;
}
