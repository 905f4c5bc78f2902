#include <stdlib.h>
#include <valgrind/memcheck.h>
/* A pool of four 16-byte blocks that hands one out without telling Valgrind. */
struct pool { char *slab; int next; };
static void *pool_alloc(struct pool *p)
{
    void *b = p->slab + 16 * p->next++;
    return b;       /* no VALGRIND_MEMPOOL_ALLOC */
}
int main(void)
{
    struct pool p = { malloc(64), 0 };
    if (!p.slab)
        return 1;
    VALGRIND_CREATE_MEMPOOL(&p, 0, 0);
    VALGRIND_MAKE_MEM_NOACCESS(p.slab, 64);
    long *x = pool_alloc(&p);
    *x = 7;
    VALGRIND_DESTROY_MEMPOOL(&p);
    free(p.slab);
    return 0;
}
