/*
 * Contract tests of lesson 06: npool_alloc and npool_reset, which the learner
 * writes, and the NULL promises of npool_free and npool_destroy, called
 * directly, each promise of their head comments in turn. Built with the
 * learner's exercise.c (see checks/lib/contract.h); run under Valgrind and
 * the failure sweep.
 *
 * The test keeps the pool's Valgrind annotations true: it touches a block
 * only while the pool has it handed out, and asks Valgrind what it knows of
 * a block (VALGRIND_GET_VBITS, which reports no error) instead of reading a
 * block it does not hold. Those questions are asked only under Valgrind.
 */
#include "contract.h"
#include LESSON_SOURCE
#undef main

#include <string.h>

/* The pool's record is what it was: same slabs, counts, free list. */
static int same_pool(const struct npool *pool, const struct npool *before)
{
    return pool->slabs == before->slabs && pool->free_list == before->free_list &&
           pool->slab_count == before->slab_count && pool->block_count == before->block_count &&
           pool->used == before->used && pool->live == before->live &&
           pool->next_count == before->next_count;
}

/* Under Valgrind, the n bytes at p are addressable (2) or not one of them is (0). */
enum { NOACCESS = 0, ADDRESSABLE = 2 };
static int access_is(const void *p, size_t n, int want)
{
    const unsigned char *b = p;
    unsigned char vbits;

    if (!RUNNING_ON_VALGRIND)
        return 1;
    for (size_t i = 0; i < n; i++)
        if ((VALGRIND_GET_VBITS(b + i, &vbits, 1) == 3) != (want == NOACCESS))
            return 0;
    return 1;
}

/* The caller may use the size bytes of block p (under Valgrind: they are addressable). */
static int usable(const struct npool *pool, const unsigned char *p)
{
    return p && access_is(p, pool->size, ADDRESSABLE);
}

/* Under Valgrind, block p is handed out as malloc's are: size bytes, all undefined, not one more. */
static int handed_out(const struct npool *pool, const unsigned char *p)
{
    unsigned char vbits;

    if (!usable(pool, p))
        return 0;
    for (size_t i = 0; RUNNING_ON_VALGRIND && i < pool->size; i++)
        if (VALGRIND_GET_VBITS(p + i, &vbits, 1) != 1 || vbits != 0xff)
            return 0;
    return pool->size == pool->stride || access_is(p + pool->size, 1, NOACCESS);
}

/* The failure inject_fail_next() asked for is spent, if the function called made no allocation. */
static void inject_spent(void)
{
    free(malloc(1));
}

int main(void)
{
    struct npool *pool, before;
    struct npool_slab *first, *newest;
    unsigned char *a, *b, *p;
    size_t next_count;

    PROMISE_NO_CRASH(npool_destroy, "NULL does nothing", (npool_destroy(NULL), 1));
    PROMISE_NO_CRASH(npool_reset, "NULL does nothing", (npool_reset(NULL), 1));

    pool = npool_create(20, 2, 4);      /* blocks of 20 bytes, 32 apart; slabs of 2 then 4 */
    if (!pool)
        return contract_end();          /* the failure sweep made it fail */
    before = *pool;
    PROMISE_NO_CRASH(npool_free, "NULL does nothing", (npool_free(pool, NULL), 1));
    PROMISE(npool_free, "NULL does nothing", same_pool(pool, &before));

    first = pool->slabs;
    a = npool_alloc(pool);
    PROMISE(npool_alloc, "the next block never cut from the newest slab (its first, in a new pool)",
            a == first->blocks && pool->used == 1);
    PROMISE(npool_alloc, "Valgrind then sees it as handed out, like a block from malloc: pool->size bytes, uninitialised",
            handed_out(pool, a));
    PROMISE(npool_alloc, "keeps live true: the block handed out counts", pool->live == 1);
    b = npool_alloc(pool);
    PROMISE(npool_alloc, "the next block never cut from the newest slab (its second)",
            b == first->blocks + pool->stride && pool->used == 2 && pool->live == 2);
    if (!usable(pool, a) || !usable(pool, b))
        return contract_end();          /* broken above: the test cannot touch them */
    memset(a, 'a', pool->size);         /* the caller may use every byte */
    memset(b, 'b', pool->size);

    npool_free(pool, a);
    npool_free(pool, b);
    p = npool_alloc(pool);
    PROMISE(npool_alloc, "the block given back last, if the free list has one", p == b);
    PROMISE(npool_alloc, "a block from the free list is handed out as malloc's are: pool->size bytes, uninitialised",
            handed_out(pool, p));
    p = npool_alloc(pool);
    PROMISE(npool_alloc, "the block given back last, if the free list has one (the one before)",
            p == a && pool->free_list == NULL && pool->live == 2);

    before = *pool;                     /* the slab is full, the free list empty */
    inject_fail_next();
    p = npool_alloc(pool);
    inject_spent();
    PROMISE(npool_alloc, "Returns NULL if a new slab was needed and malloc failed; the pool is then unchanged",
            p == NULL && same_pool(pool, &before));

    next_count = pool->next_count;
    p = npool_alloc(pool);
    if (!p) {                           /* the failure sweep made the new slab fail */
        PROMISE(npool_alloc, "if malloc failed, the pool is then unchanged", same_pool(pool, &before));
        npool_reset(pool);
        npool_destroy(pool);
        return contract_end();
    }
    newest = pool->slabs;
    PROMISE(npool_alloc, "else the first block of a new slab (npool_grow)",
            newest != first && newest->next == first && p == newest->blocks && newest->count == next_count &&
            pool->slab_count == 2 && pool->used == 1 && pool->live == 3);
    PROMISE(npool_alloc, "a block of a new slab is handed out as malloc's are: pool->size bytes, uninitialised",
            handed_out(pool, p));
    npool_free(pool, p);                /* the free list holds one block now */
    a = npool_alloc(pool);              /* the same block, handed out at the reset */
    b = npool_alloc(pool);              /* one never cut, on the free list at the reset */
    npool_free(pool, b);

    next_count = pool->next_count;
    npool_reset(pool);
    PROMISE(npool_reset, "takes back every block at once, handed out or free: afterwards live is 0", pool->live == 0);
    PROMISE(npool_reset, "afterwards the free list is empty", pool->free_list == NULL);
    PROMISE(npool_reset, "keeps only its newest slab (the largest)", pool->slabs == newest && newest->next == NULL);
    PROMISE(npool_reset, "frees every other one", access_is(first, sizeof *first, NOACCESS));
    PROMISE(npool_reset, "slab_count and block_count count the kept slab alone",
            pool->slab_count == 1 && pool->block_count == 4);
    PROMISE(npool_reset, "next_count is unchanged", pool->next_count == next_count);
    PROMISE(npool_reset, "the kept slab is then as if just obtained: none of its blocks cut", pool->used == 0);
    if (pool->slabs == newest) {
        PROMISE(npool_reset, "every byte of the kept slab's blocks no-access for Valgrind; every pointer still held dangles",
                access_is(newest->blocks, 4 * pool->stride, NOACCESS) && access_is(a, 1, NOACCESS));
        p = npool_alloc(pool);
        PROMISE(npool_reset, "the free list is empty and none of its blocks cut: the next block is the kept slab's first",
                p == newest->blocks);
        PROMISE(npool_reset, "the pool starts over: a block handed out again is handed out as malloc's are",
                handed_out(pool, p));
        npool_free(pool, p);
    }
    npool_reset(pool);
    npool_destroy(pool);
    return contract_end();
}
