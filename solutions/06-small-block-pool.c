/*
 * Lesson 06, exercise (solved): the largest readings of each hour, in a tree
 * whose nodes come from a pool that can be reset.
 *
 * A station receives a burst of readings (0 to 9999) every hour, and keeps
 * the largest distinct ones of the hour in a binary search tree: a new
 * reading gets a node, and when the tree holds more nodes than the hour
 * keeps, its smallest node is dropped. At the end of the hour the station
 * prints a summary and throws the whole tree away with one call,
 * npool_reset, without walking it.
 *
 * The nodes come from a node pool (npool_): slabs obtained from malloc, each
 * twice as large as the one before up to a cap, cut into blocks on demand; a
 * block given back with npool_free is the first to be handed out again; and
 * npool_reset takes every block back at once, keeping only the largest slab
 * for the next hour.
 *
 *   npool_create, npool_alloc, npool_free, npool_reset, npool_destroy
 *
 * The pool describes itself to Valgrind (valgrind/memcheck.h), so that a
 * block used after npool_free or npool_reset, or given back twice, is
 * reported as it would be for malloc and free. A block never given back is
 * reported by npool_destroy itself, on stderr.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <valgrind/memcheck.h>

#define STATION_SEED 2606
#define STATION_RANGE 10000     /* readings are 0 to STATION_RANGE - 1 */
#define STATION_FIRST_SLAB 16   /* nodes in the pool's first slab */
#define STATION_MAX_SLAB 256    /* nodes in its largest slabs */

/*
 * The node pool. Its interface is npool_create, npool_alloc, npool_free,
 * npool_reset and npool_destroy; npool_grow is private to it (static).
 */

/* A free block: while a block waits on the free list, its first bytes hold this. */
struct npool_link {
    struct npool_link *next;    /* the next free block, or NULL */
};

/* A slab: one piece of memory from malloc, cut into count blocks. */
struct npool_slab {
    struct npool_slab *next;                        /* the slab obtained before this one, or NULL */
    size_t count;                                   /* blocks in this slab */
    alignas(max_align_t) unsigned char blocks[];    /* the blocks, stride bytes apart */
};

/* A pool of blocks that all have the same size, in slabs of growing size. */
struct npool {
    size_t size;                    /* bytes the caller may use in each block */
    size_t stride;                  /* bytes from one block to the next: size, rounded up */
    size_t next_count;              /* blocks in the next slab: doubles, up to max_count */
    size_t max_count;               /* blocks in the largest slab the pool will get */
    size_t slab_count;              /* slabs the pool holds now */
    size_t block_count;             /* blocks in all those slabs */
    size_t live;                    /* blocks handed out and not given back yet */
    size_t used;                    /* blocks of the newest slab cut so far: the next is blocks[used] */
    struct npool_slab *slabs;       /* every slab, the newest (the largest) first */
    struct npool_link *free_list;   /* blocks given back, the last given back first */
};

struct npool *npool_create(size_t size, size_t first_count, size_t max_count);
void *npool_alloc(struct npool *pool);
void npool_free(struct npool *pool, void *p);
void npool_reset(struct npool *pool);
void npool_destroy(struct npool *pool);

/*
 * npool_grow: get a slab of pool->next_count blocks from malloc and make it
 * the newest, with none of its blocks cut yet (used is 0); its blocks are
 * no-access for Valgrind until npool_alloc cuts them. The slab after it will
 * be twice as large, up to max_count. Returns 0, or -1 if malloc fails (the
 * pool is then unchanged).
 */
static int npool_grow(struct npool *pool)
{
    size_t count = pool->next_count;
    struct npool_slab *slab;

    slab = malloc(sizeof *slab + count * pool->stride);    /* npool_create checked the size */
    if (!slab)
        return -1;
    slab->count = count;
    VALGRIND_MAKE_MEM_NOACCESS(slab->blocks, count * pool->stride);
    slab->next = pool->slabs;
    pool->slabs = slab;
    pool->slab_count++;
    pool->block_count += count;
    pool->used = 0;
    pool->next_count = count > pool->max_count / 2 ? pool->max_count : 2 * count;
    return 0;
}

/*
 * npool_create: a pool of blocks of size bytes each. Its first slab, of
 * first_count blocks, is obtained now; each later slab holds twice as many
 * blocks as the one before, up to max_count. Returns the pool, which the
 * caller must release with npool_destroy; or NULL if malloc fails, a number
 * is 0, first_count > max_count, or a slab would be too large.
 */
struct npool *npool_create(size_t size, size_t first_count, size_t max_count)
{
    const size_t align = alignof(max_align_t);
    struct npool *pool;
    size_t stride;

    if (size == 0 || first_count == 0 || first_count > max_count || size > SIZE_MAX - align)
        return NULL;
    stride = size < sizeof(struct npool_link) ? sizeof(struct npool_link) : size;
    stride = (stride + align - 1) / align * align;     /* every block aligned like malloc's */
    if (stride > (SIZE_MAX - sizeof(struct npool_slab)) / max_count)
        return NULL;
    pool = malloc(sizeof *pool);
    if (!pool)
        return NULL;
    *pool = (struct npool){ .size = size, .stride = stride, .next_count = first_count,
                            .max_count = max_count };
    VALGRIND_CREATE_MEMPOOL(pool, 0, 0);
    if (npool_grow(pool) != 0) {
        npool_destroy(pool);
        return NULL;
    }
    return pool;
}

/*
 * npool_alloc: a block of pool->size bytes, uninitialised. It is the block
 * given back last, if the free list has one; else the next block never cut
 * from the newest slab; else the first block of a new slab (npool_grow).
 * Valgrind then sees it as handed out, like a block from malloc. The caller
 * gives it back with npool_free, or with every other block by npool_reset.
 * Returns NULL if a new slab was needed and malloc failed; the pool is then
 * unchanged.
 */
void *npool_alloc(struct npool *pool)
{
    void *block;

    if (pool->free_list) {
        struct npool_link *link = pool->free_list;

        VALGRIND_MAKE_MEM_DEFINED(link, sizeof *link);  /* the pool reads the link... */
        pool->free_list = link->next;
        block = link;
    } else {
        if (pool->used == pool->slabs->count && npool_grow(pool) != 0)
            return NULL;
        block = pool->slabs->blocks + pool->used * pool->stride;
        pool->used++;
    }
    VALGRIND_MEMPOOL_ALLOC(pool, block, pool->size);    /* ...and the caller gets the block */
    pool->live++;
    return block;
}

/*
 * npool_free: give back a block that npool_alloc returned; it goes on the
 * front of the free list and must not be used again. NULL does nothing.
 */
void npool_free(struct npool *pool, void *p)
{
    struct npool_link *link = p;

    if (!link)
        return;
    VALGRIND_MEMPOOL_FREE(pool, link);
    VALGRIND_MAKE_MEM_UNDEFINED(link, sizeof *link);
    link->next = pool->free_list;
    VALGRIND_MAKE_MEM_NOACCESS(link, sizeof *link);
    pool->free_list = link;
    pool->live--;
}

/*
 * npool_reset: take back every block at once, handed out or free. The pool
 * keeps only its newest slab (the largest) and frees every other one; the
 * kept slab is then as if just obtained: none of its blocks cut, every byte
 * of them no-access for Valgrind. Afterwards live is 0, the free list is
 * empty, slab_count and block_count count the kept slab alone, and
 * next_count is unchanged. Every pointer the caller still holds into the
 * pool dangles: Valgrind reports its use. NULL does nothing.
 */
void npool_reset(struct npool *pool)
{
    struct npool_slab *slab, *next;

    if (!pool)
        return;
    VALGRIND_DESTROY_MEMPOOL(pool);     /* every block handed out becomes no-access... */
    VALGRIND_CREATE_MEMPOOL(pool, 0, 0);    /* ...and the pool starts over, empty */
    for (slab = pool->slabs->next; slab; slab = next) {
        next = slab->next;
        free(slab);
    }
    pool->slabs->next = NULL;
    pool->slab_count = 1;
    pool->block_count = pool->slabs->count;
    pool->used = 0;
    pool->free_list = NULL;
    pool->live = 0;
}

/*
 * npool_destroy: free every slab and the pool itself. A block still handed
 * out would vanish without a trace, so the pool first reports on stderr how
 * many there are (npool_reset first, if you mean to drop them). NULL does
 * nothing.
 */
void npool_destroy(struct npool *pool)
{
    struct npool_slab *slab, *next;

    if (!pool)
        return;
    if (pool->live > 0)
        fprintf(stderr, "npool: %zu block%s still live at destroy\n", pool->live,
                pool->live == 1 ? "" : "s");
    VALGRIND_DESTROY_MEMPOOL(pool);
    for (slab = pool->slabs; slab; slab = next) {
        next = slab->next;
        free(slab);
    }
    free(pool);
}

/*
 * The station.
 */

/* A splitmix64 generator: the same seed gives the same draws everywhere. */
struct station_rng {
    uint64_t state;     /* advanced by a fixed odd constant on every draw */
};

/* One hour of the station's day. */
struct station_hour {
    size_t readings;    /* readings received */
    size_t keep;        /* the largest distinct ones kept */
};

/* A reading in the tree: one block of the pool. */
struct top_node {
    struct top_node *left;      /* the smaller readings, or NULL */
    struct top_node *right;     /* the larger readings, or NULL */
    int value;                  /* the reading itself */
};

/* The keep largest distinct readings, as a binary search tree. It borrows its pool. */
struct top_tree {
    struct npool *pool;         /* where the nodes come from */
    struct top_node *root;      /* NULL when the tree is empty */
    size_t size;                /* nodes in the tree, at most keep */
    size_t keep;                /* nodes the tree may hold (at least 1) */
};

/* station_draw: advance rng and return a number from 0 to n - 1 (n > 0). */
static int station_draw(struct station_rng *rng, int n)
{
    uint64_t z = rng->state += UINT64_C(0x9e3779b97f4a7c15);

    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return (int)((z ^ (z >> 31)) % (uint64_t)n);
}

/* top_drop_smallest: remove the smallest node of a tree that is not empty, back to the pool. */
static void top_drop_smallest(struct top_tree *tree)
{
    struct top_node **link = &tree->root;
    struct top_node *node;

    while ((*link)->left)
        link = &(*link)->left;
    node = *link;
    *link = node->right;
    npool_free(tree->pool, node);
    tree->size--;
}

/*
 * top_offer: add value to tree unless it is there already; if the tree then
 * holds more than keep nodes, drop the smallest. Returns 0, or -1 if the
 * pool could not grow (the tree is then unchanged).
 */
static int top_offer(struct top_tree *tree, int value)
{
    struct top_node **link = &tree->root;
    struct top_node *node;

    while (*link && (*link)->value != value)
        link = value < (*link)->value ? &(*link)->left : &(*link)->right;
    if (*link)
        return 0;
    node = npool_alloc(tree->pool);
    if (!node)
        return -1;
    *node = (struct top_node){ .value = value };
    *link = node;
    if (++tree->size > tree->keep)
        top_drop_smallest(tree);
    return 0;
}

/* top_depth: the number of nodes on the longest path from node down; 0 for NULL. */
static size_t top_depth(const struct top_node *node)
{
    size_t left, right;

    if (!node)
        return 0;
    left = top_depth(node->left);
    right = top_depth(node->right);
    return 1 + (left > right ? left : right);
}

/* top_end: the smallest (go_right false) or largest value of a tree that is not empty. */
static int top_end(const struct top_tree *tree, int go_right)
{
    const struct top_node *node = tree->root;

    while (go_right ? node->right : node->left)
        node = go_right ? node->right : node->left;
    return node->value;
}

int main(void)
{
    static const struct station_hour day[] = {
        { 200, 20 }, { 1500, 300 }, { 2000, 250 }, { 3000, 40 },
    };
    struct station_rng rng = { STATION_SEED };
    struct npool *pool;
    int status = 1;

    pool = npool_create(sizeof(struct top_node), STATION_FIRST_SLAB, STATION_MAX_SLAB);
    if (!pool) {
        fprintf(stderr, "station: out of memory (a pool of readings)\n");
        return 1;
    }
    for (size_t h = 0; h < sizeof day / sizeof day[0]; h++) {
        struct top_tree tree = { .pool = pool, .keep = day[h].keep };

        for (size_t i = 0; i < day[h].readings; i++) {
            if (top_offer(&tree, station_draw(&rng, STATION_RANGE)) != 0) {
                fprintf(stderr, "station: out of memory (hour %zu, reading %zu)\n", h + 1, i + 1);
                goto out_destroy_pool;
            }
        }
        printf("hour %zu: the %zu largest of %zu readings, %d to %d, tree depth %zu\n", h + 1,
               tree.size, day[h].readings, top_end(&tree, 0), top_end(&tree, 1),
               top_depth(tree.root));
        printf("  pool: %zu live, %zu blocks in %zu slab%s", pool->live, pool->block_count,
               pool->slab_count, pool->slab_count == 1 ? "" : "s");
        npool_reset(pool);
        printf("; after reset: %zu live, %zu blocks in %zu slab%s\n", pool->live,
               pool->block_count, pool->slab_count, pool->slab_count == 1 ? "" : "s");
    }
    status = 0;

out_destroy_pool:
    npool_reset(pool);      /* the tree of an hour cut short, if any */
    npool_destroy(pool);
    return status;
}
