/*
 * Lesson 06, exercise (solved): a set of numbers whose nodes come from a pool.
 *
 * The set is a sorted linked list. The program toggles 2000 numbers drawn
 * from 0 to 199 with a seeded generator: a number not in the set is added, a
 * number in it is removed. Every node is one block of the pool, and a node
 * removed goes back to the pool's free list, where the next node added finds
 * it: the pool needs only a few slabs for thousands of toggles.
 *
 *   pool_create, pool_alloc, pool_free, pool_destroy
 *
 * The pool describes itself to Valgrind (valgrind/memcheck.h), so that a
 * block used after pool_free or given back twice is reported as it would be
 * for malloc and free. A block never given back is reported by pool_destroy
 * itself, on stderr. Outside Valgrind, those requests do nothing.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <valgrind/memcheck.h>

#define SET_SEED 606
#define SET_SLAB_BLOCKS 32      /* nodes per slab */
#define SET_RANGE 200           /* numbers are drawn from 0 to SET_RANGE - 1 */
#define SET_TOGGLES 2000
#define SET_REPORT_EVERY 500    /* toggles between two progress lines */
#define SET_SHOW 10             /* members printed at the end */

/*
 * The pool. Its interface is pool_create, pool_alloc, pool_free and
 * pool_destroy (not static: in a bigger program they would live in pool.c,
 * declared in pool.h); pool_grow is private to it (static).
 */

/* A free block: while a block waits on the free list, its first bytes hold this. */
struct pool_link {
    struct pool_link *next;     /* the next free block, or NULL */
};

/* A slab: one piece of memory from malloc, cut into the pool's blocks. */
struct pool_slab {
    struct pool_slab *next;                         /* the slab obtained before this one, or NULL */
    alignas(max_align_t) unsigned char blocks[];    /* the blocks, stride bytes apart */
};

/* A pool of blocks that all have the same size. */
struct pool {
    size_t size;                    /* bytes the caller may use in each block */
    size_t stride;                  /* bytes from one block to the next: size, rounded up */
    size_t blocks_per_slab;         /* blocks cut from each slab */
    size_t slab_count;              /* slabs obtained so far */
    size_t live;                    /* blocks handed out and not given back yet */
    struct pool_slab *slabs;        /* every slab, the newest first */
    struct pool_link *free_list;    /* blocks ready to hand out, the last given back first */
};

struct pool *pool_create(size_t size, size_t blocks_per_slab);
void *pool_alloc(struct pool *pool);
void pool_free(struct pool *pool, void *p);
void pool_destroy(struct pool *pool);

/*
 * pool_grow: get one more slab from malloc and put all its blocks on the free
 * list, marked no-access for Valgrind until pool_alloc hands them out.
 * Returns 0, or -1 if malloc fails (the pool is then unchanged).
 */
static int pool_grow(struct pool *pool)
{
    struct pool_slab *slab;

    slab = malloc(sizeof *slab + pool->blocks_per_slab * pool->stride);
    if (!slab)
        return -1;
    for (size_t i = 0; i < pool->blocks_per_slab; i++) {
        void *p = slab->blocks + i * pool->stride;
        struct pool_link *block = p;

        block->next = pool->free_list;
        pool->free_list = block;
    }
    VALGRIND_MAKE_MEM_NOACCESS(slab->blocks, pool->blocks_per_slab * pool->stride);
    slab->next = pool->slabs;
    pool->slabs = slab;
    pool->slab_count++;
    return 0;
}

/*
 * pool_create: a pool of blocks of size bytes each, cut blocks_per_slab at a
 * time from slabs obtained with malloc; its first slab is obtained now.
 * Returns the pool, which the caller must release with pool_destroy; or NULL
 * if malloc fails or a size is 0 or too large.
 */
struct pool *pool_create(size_t size, size_t blocks_per_slab)
{
    const size_t align = alignof(max_align_t);
    struct pool *pool;
    size_t stride;

    if (size == 0 || blocks_per_slab == 0 || size > SIZE_MAX - align)
        return NULL;
    stride = size < sizeof(struct pool_link) ? sizeof(struct pool_link) : size;
    stride = (stride + align - 1) / align * align;     /* every block aligned like malloc's */
    if (stride > (SIZE_MAX - sizeof(struct pool_slab)) / blocks_per_slab)
        return NULL;
    pool = malloc(sizeof *pool);
    if (!pool)
        return NULL;
    *pool = (struct pool){ .size = size, .stride = stride, .blocks_per_slab = blocks_per_slab };
    VALGRIND_CREATE_MEMPOOL(pool, 0, 0);
    if (pool_grow(pool) != 0) {
        pool_destroy(pool);
        return NULL;
    }
    return pool;
}

/*
 * pool_alloc: a block of pool->size bytes, uninitialised, taken from the free
 * list (a new slab is obtained when the list is empty). The caller must give
 * it back with pool_free, before pool_destroy. NULL if malloc fails.
 */
void *pool_alloc(struct pool *pool)
{
    struct pool_link *block;

    if (!pool->free_list && pool_grow(pool) != 0)
        return NULL;
    block = pool->free_list;
    VALGRIND_MAKE_MEM_DEFINED(block, sizeof *block);    /* read the link... */
    pool->free_list = block->next;
    VALGRIND_MEMPOOL_ALLOC(pool, block, pool->size);    /* ...then hand out the block */
    pool->live++;
    return block;
}

/*
 * pool_free: give back a block that pool_alloc returned; it goes on the front
 * of the free list and must not be used again. NULL does nothing.
 */
void pool_free(struct pool *pool, void *p)
{
    struct pool_link *block = p;

    if (!block)
        return;
    VALGRIND_MEMPOOL_FREE(pool, block);                 /* the block is gone... */
    VALGRIND_MAKE_MEM_UNDEFINED(block, sizeof *block);  /* ...but the pool may write its link */
    block->next = pool->free_list;
    VALGRIND_MAKE_MEM_NOACCESS(block, sizeof *block);
    pool->free_list = block;
    pool->live--;
}

/*
 * pool_destroy: free every slab and the pool itself. A block still handed out
 * would vanish without a trace, so the pool first reports on stderr how many
 * there are. NULL does nothing.
 */
void pool_destroy(struct pool *pool)
{
    struct pool_slab *slab, *next;

    if (!pool)
        return;
    if (pool->live > 0)
        fprintf(stderr, "pool: %zu block%s still live at destroy\n", pool->live,
                pool->live == 1 ? "" : "s");
    VALGRIND_DESTROY_MEMPOOL(pool);
    for (slab = pool->slabs; slab; slab = next) {
        next = slab->next;
        free(slab);
    }
    free(pool);
}

/*
 * The set.
 */

/* A splitmix64 generator: the same seed gives the same draws everywhere. */
struct set_rng {
    uint64_t state;     /* advanced by a fixed odd constant on every draw */
};

/* A member of the set: one block of the pool. */
struct set_node {
    struct set_node *next;  /* the next larger member, or NULL */
    int value;              /* the member itself */
};

/* A set of numbers, as a list sorted smallest first. It borrows its pool. */
struct set {
    struct pool *pool;      /* where the nodes come from and go back to */
    struct set_node *head;  /* the smallest member; NULL when the set is empty */
    size_t size;            /* members */
};

/* set_draw: advance rng and return a number from 0 to n - 1 (n > 0). */
static int set_draw(struct set_rng *rng, int n)
{
    uint64_t z = rng->state += UINT64_C(0x9e3779b97f4a7c15);

    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return (int)((z ^ (z >> 31)) % (uint64_t)n);
}

/*
 * set_toggle: remove value from set if it is a member, add it if it is not.
 * Returns 0, or -1 if the pool cannot grow (set is then unchanged).
 */
static int set_toggle(struct set *set, int value)
{
    struct set_node **link = &set->head;    /* the pointer to change */
    struct set_node *node;

    while (*link && (*link)->value < value)
        link = &(*link)->next;
    node = *link;
    if (node && node->value == value) {
        *link = node->next;
        pool_free(set->pool, node);
        set->size--;
        return 0;
    }
    node = pool_alloc(set->pool);
    if (!node)
        return -1;
    node->value = value;
    node->next = *link;
    *link = node;
    set->size++;
    return 0;
}

/* set_clear: give every node of set back to the pool and leave set empty. */
static void set_clear(struct set *set)
{
    struct set_node *node, *next;

    for (node = set->head; node; node = next) {
        next = node->next;
        pool_free(set->pool, node);
    }
    set->head = NULL;
    set->size = 0;
}

/* set_print: print the SET_SHOW smallest members of set, and the sum of all. */
static void set_print(const struct set *set)
{
    const struct set_node *node;
    long sum = 0;
    int shown = 0;

    printf("smallest:");
    for (node = set->head; node; node = node->next) {
        if (shown < SET_SHOW) {
            printf(" %d", node->value);
            shown++;
        }
        sum += node->value;
    }
    printf("\nsum of the %zu members: %ld\n", set->size, sum);
}

int main(void)
{
    struct set_rng rng = { SET_SEED };
    struct set set = { NULL, NULL, 0 };
    int status = 1;

    set.pool = pool_create(sizeof(struct set_node), SET_SLAB_BLOCKS);
    if (!set.pool) {
        fprintf(stderr, "set: out of memory (a pool of %d nodes)\n", SET_SLAB_BLOCKS);
        return 1;
    }
    for (int i = 1; i <= SET_TOGGLES; i++) {
        if (set_toggle(&set, set_draw(&rng, SET_RANGE)) != 0) {
            fprintf(stderr, "set: out of memory (toggle %d)\n", i);
            goto out_clear_set;
        }
        if (i % SET_REPORT_EVERY == 0)
            printf("toggle %d: %zu members, %zu blocks live in %zu slabs of %d\n", i,
                   set.size, set.pool->live, set.pool->slab_count, SET_SLAB_BLOCKS);
    }
    set_print(&set);
    status = 0;

out_clear_set:
    set_clear(&set);
    pool_destroy(set.pool);
    return status;
}
