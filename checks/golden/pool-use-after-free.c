#include <stdlib.h>
#include <valgrind/memcheck.h>
/* A block used after the pool took it back (VALGRIND_MEMPOOL_FREE). */
struct pool { char *slab; };
int main(void)
{
    struct pool p = { malloc(64) };
    if (!p.slab)
        return 1;
    VALGRIND_CREATE_MEMPOOL(&p, 0, 0);
    VALGRIND_MAKE_MEM_NOACCESS(p.slab, 64);
    long *x = (long *)p.slab;
    VALGRIND_MEMPOOL_ALLOC(&p, x, 16);
    *x = 1;
    VALGRIND_MEMPOOL_FREE(&p, x);
    long v = *x;
    VALGRIND_DESTROY_MEMPOOL(&p);
    free(p.slab);
    return v == 1;
}
