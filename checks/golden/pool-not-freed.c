#include <stdlib.h>
#include <valgrind/memcheck.h>
/* A pool whose free function forgets to tell Valgrind it took the block back. */
struct pool { char *slab; void *free_block; };
static void *pool_alloc(struct pool *p)
{
    void *b = p->free_block ? p->free_block : p->slab;
    p->free_block = NULL;
    VALGRIND_MEMPOOL_ALLOC(p, b, 16);
    return b;
}
static void pool_free(struct pool *p, void *b)
{
    p->free_block = b;      /* no VALGRIND_MEMPOOL_FREE */
}
int main(void)
{
    struct pool p = { malloc(64), NULL };
    if (!p.slab)
        return 1;
    VALGRIND_CREATE_MEMPOOL(&p, 0, 0);
    VALGRIND_MAKE_MEM_NOACCESS(p.slab, 64);
    void *a = pool_alloc(&p);
    pool_free(&p, a);
    void *b = pool_alloc(&p);
    pool_free(&p, b);
    VALGRIND_DESTROY_MEMPOOL(&p);
    free(p.slab);
    return 0;
}
