/*
 * bench.c, lesson 06: what one allocation and one free cost, pool or malloc.
 *
 *     bench pool N      N pairs of pool_alloc and pool_free
 *     bench malloc N    N pairs of malloc and free
 *
 * Every block is BENCH_BLOCK_SIZE bytes, and BENCH_LIVE blocks are alive at
 * every moment: a ring of pointers where each step frees the oldest block and
 * allocates a new one in its place, as a program that keeps a working set of
 * small objects does. It prints a checksum of what it wrote in the blocks, so
 * that the compiler cannot leave any of the work out.
 *
 * Count the instructions with callgrind, once with N = 0 and once with a
 * large N: the difference divided by N is the cost of one pair.
 *
 *     valgrind --tool=callgrind --callgrind-out-file=/dev/null ./bench pool 0
 *     valgrind --tool=callgrind --callgrind-out-file=/dev/null ./bench pool 1000000
 *
 * The pool is the one of example.c, built as a release would be: NVALGRIND
 * turns its Valgrind requests into nothing, so they cost no instruction.
 */
#define NVALGRIND 1

#include <errno.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/memcheck.h>

#define BENCH_BLOCK_SIZE 32
#define BENCH_LIVE 64           /* blocks alive at every moment */
#define BENCH_SLAB_BLOCKS 64
#define BENCH_MAX_PAIRS 1000000000000ULL
#define BENCH_USAGE "usage: bench pool|malloc N    (N from 0 to 1000000000000)\n"

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
 * The benchmark: the same ring, once with the pool and once with malloc.
 * Each fills a ring of BENCH_LIVE blocks, then, pairs times, frees the
 * oldest block and allocates a new one in its place, writing in it. Each
 * frees every block before it returns, and returns 0 with the sum of what it
 * read back in *checksum, or -1 with one line on stderr if an allocation
 * fails.
 */

/* bench_pool: the ring, with blocks from pool. */
static int bench_pool(struct pool *pool, unsigned long long pairs, uint64_t *checksum)
{
    unsigned char *ring[BENCH_LIVE] = { NULL };
    size_t oldest = 0;
    uint64_t sum = 0;
    int rc = -1;

    for (size_t i = 0; i < BENCH_LIVE; i++) {
        ring[i] = pool_alloc(pool);
        if (!ring[i])
            goto out_free_ring;
        ring[i][0] = (unsigned char)i;
    }
    for (unsigned long long n = 0; n < pairs; n++) {
        sum += ring[oldest][0];
        pool_free(pool, ring[oldest]);
        ring[oldest] = pool_alloc(pool);
        if (!ring[oldest])
            goto out_free_ring;
        ring[oldest][0] = (unsigned char)n;
        oldest = (oldest + 1) % BENCH_LIVE;
    }
    *checksum = sum;
    rc = 0;

out_free_ring:
    if (rc != 0)
        fprintf(stderr, "bench: out of memory (a slab of the pool)\n");
    for (size_t i = 0; i < BENCH_LIVE; i++)
        pool_free(pool, ring[i]);
    return rc;
}

/* bench_malloc: the ring, with blocks from malloc. */
static int bench_malloc(unsigned long long pairs, uint64_t *checksum)
{
    unsigned char *ring[BENCH_LIVE] = { NULL };
    size_t oldest = 0;
    uint64_t sum = 0;
    int rc = -1;

    for (size_t i = 0; i < BENCH_LIVE; i++) {
        ring[i] = malloc(BENCH_BLOCK_SIZE);
        if (!ring[i])
            goto out_free_ring;
        ring[i][0] = (unsigned char)i;
    }
    for (unsigned long long n = 0; n < pairs; n++) {
        sum += ring[oldest][0];
        free(ring[oldest]);
        ring[oldest] = malloc(BENCH_BLOCK_SIZE);
        if (!ring[oldest])
            goto out_free_ring;
        ring[oldest][0] = (unsigned char)n;
        oldest = (oldest + 1) % BENCH_LIVE;
    }
    *checksum = sum;
    rc = 0;

out_free_ring:
    if (rc != 0)
        fprintf(stderr, "bench: out of memory (%d bytes)\n", BENCH_BLOCK_SIZE);
    for (size_t i = 0; i < BENCH_LIVE; i++)
        free(ring[i]);
    return rc;
}

/*
 * bench_parse_pairs: read a count of pairs from text into *pairs. Returns 0,
 * or -1 when text is not a plain decimal number from 0 to BENCH_MAX_PAIRS.
 */
static int bench_parse_pairs(const char *text, unsigned long long *pairs)
{
    unsigned long long value;
    char *end;

    if (text[0] < '0' || text[0] > '9')     /* strtoull accepts "-1" and " 1" */
        return -1;
    errno = 0;
    value = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || value > BENCH_MAX_PAIRS)
        return -1;
    *pairs = value;
    return 0;
}

int main(int argc, char *argv[])
{
    unsigned long long pairs;
    uint64_t checksum = 0;
    int use_pool;
    int rc;

    if (argc != 3 || bench_parse_pairs(argv[2], &pairs) != 0
        || (strcmp(argv[1], "pool") != 0 && strcmp(argv[1], "malloc") != 0)) {
        fprintf(stderr, "bench: bad arguments\n" BENCH_USAGE);
        return 2;
    }
    use_pool = strcmp(argv[1], "pool") == 0;
    if (use_pool) {
        struct pool *pool = pool_create(BENCH_BLOCK_SIZE, BENCH_SLAB_BLOCKS);

        if (!pool) {
            fprintf(stderr, "bench: out of memory (a pool)\n");
            return 1;
        }
        rc = bench_pool(pool, pairs, &checksum);
        pool_destroy(pool);
    } else {
        rc = bench_malloc(pairs, &checksum);
    }
    if (rc != 0)
        return 1;
    printf("%s: %llu pairs of %d-byte blocks, %d live, checksum %llu\n", argv[1], pairs,
           BENCH_BLOCK_SIZE, BENCH_LIVE, (unsigned long long)checksum);
    return 0;
}
