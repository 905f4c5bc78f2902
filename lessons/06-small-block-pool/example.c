/*
 * example.c, lesson 06: a pool of small blocks.
 *
 * A help desk: tickets arrive, wait in a queue, and are served oldest first.
 * Every ticket is a small record of one fixed size, so the queue does not
 * call malloc and free once per ticket. It takes its tickets from a pool:
 * slabs obtained from malloc, cut into equal blocks, with every block given
 * back kept on a free list for the next ticket.
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

#define DESK_SEED 6
#define DESK_SLAB_BLOCKS 64     /* tickets per slab */
#define DESK_PHASE_STEPS 1000
#define DESK_RUSH_PERCENT 60    /* chance that a ticket arrives at a step */
#define DESK_CALM_PERCENT 45

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
 * The help desk.
 */

/* A splitmix64 generator: the same seed gives the same draws everywhere. */
struct desk_rng {
    uint64_t state;     /* advanced by a fixed odd constant on every draw */
};

/* What a ticket says. */
struct ticket {
    uint32_t id;        /* 1 for the first ticket, then 2, 3, ... */
    uint32_t arrived;   /* the step at which it arrived */
    uint32_t minutes;   /* the work it asks for, 1 to 30 minutes */
};

/* A ticket in the queue: one block of the pool. */
struct queue_node {
    struct queue_node *next;    /* the ticket that arrived after this one, or NULL */
    struct ticket ticket;       /* the ticket itself */
};

/* Tickets waiting, oldest first. The queue borrows its pool; it does not own it. */
struct queue {
    struct pool *pool;          /* where the nodes come from and go back to */
    struct queue_node *head;    /* the oldest ticket, served next; NULL when empty */
    struct queue_node *tail;    /* the newest ticket; NULL when empty */
    size_t length;              /* tickets waiting */
};

/* The desk's state and running totals. */
struct desk {
    struct queue waiting;       /* tickets not served yet */
    struct desk_rng rng;        /* decides arrivals and how much work they ask for */
    uint32_t step;              /* steps run so far */
    uint32_t issued;            /* tickets issued so far */
    uint32_t served;            /* tickets served so far */
    uint64_t waited;            /* steps the served tickets waited, in total */
    uint64_t minutes;           /* minutes of work the served tickets asked for, in total */
};

/* desk_draw: advance rng and return a number from 0 to n - 1 (n > 0). */
static uint32_t desk_draw(struct desk_rng *rng, uint32_t n)
{
    uint64_t z = rng->state += UINT64_C(0x9e3779b97f4a7c15);

    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return (uint32_t)((z ^ (z >> 31)) % n);
}

/*
 * queue_push: add a copy of ticket at the back of q, in a node from q's pool.
 * Returns 0, or -1 if the pool cannot grow (q is then unchanged).
 */
static int queue_push(struct queue *q, struct ticket ticket)
{
    struct queue_node *node = pool_alloc(q->pool);

    if (!node)
        return -1;
    node->next = NULL;
    node->ticket = ticket;
    if (q->tail)
        q->tail->next = node;
    else
        q->head = node;
    q->tail = node;
    q->length++;
    return 0;
}

/*
 * queue_pop: copy the oldest ticket of q into *ticket, and give its node back
 * to the pool. Returns 0, or -1 if q is empty.
 */
static int queue_pop(struct queue *q, struct ticket *ticket)
{
    struct queue_node *node = q->head;

    if (!node)
        return -1;
    *ticket = node->ticket;
    q->head = node->next;
    if (!q->head)
        q->tail = NULL;
    q->length--;
    pool_free(q->pool, node);
    return 0;
}

/* queue_clear: give every node of q back to the pool and leave q empty. */
static void queue_clear(struct queue *q)
{
    struct queue_node *node, *next;

    for (node = q->head; node; node = next) {
        next = node->next;
        pool_free(q->pool, node);
    }
    q->head = NULL;
    q->tail = NULL;
    q->length = 0;
}

/*
 * desk_run: run the desk for DESK_PHASE_STEPS steps. At each step a ticket
 * arrives with a chance of arrive_percent in 100; otherwise the oldest ticket
 * waiting, if there is one, is served. Then prints where things stand.
 * Returns 0, or -1 with one line on stderr if a ticket could not be queued.
 */
static int desk_run(struct desk *desk, const char *phase, uint32_t arrive_percent)
{
    for (uint32_t i = 0; i < DESK_PHASE_STEPS; i++) {
        struct ticket ticket;

        desk->step++;
        if (desk_draw(&desk->rng, 100) < arrive_percent) {
            ticket.id = ++desk->issued;
            ticket.arrived = desk->step;
            ticket.minutes = 1 + desk_draw(&desk->rng, 30);
            if (queue_push(&desk->waiting, ticket) != 0) {
                fprintf(stderr, "desk: out of memory (ticket %u)\n", (unsigned)ticket.id);
                return -1;
            }
        } else if (queue_pop(&desk->waiting, &ticket) == 0) {
            desk->served++;
            desk->waited += desk->step - ticket.arrived;
            desk->minutes += ticket.minutes;
        }
    }
    printf("%s: step %u, %zu tickets waiting, %zu blocks live in %zu slabs of %d\n",
           phase, (unsigned)desk->step, desk->waiting.length, desk->waiting.pool->live,
           desk->waiting.pool->slab_count, DESK_SLAB_BLOCKS);
    return 0;
}

int main(void)
{
    struct desk desk = { .rng = { DESK_SEED } };
    struct pool *pool;
    int status = 1;

    pool = pool_create(sizeof(struct queue_node), DESK_SLAB_BLOCKS);
    if (!pool) {
        fprintf(stderr, "desk: out of memory (a pool of %d tickets)\n", DESK_SLAB_BLOCKS);
        return 1;
    }
    desk.waiting.pool = pool;
    if (desk_run(&desk, "rush", DESK_RUSH_PERCENT) != 0)
        goto out_clear_queue;
    if (desk_run(&desk, "calm", DESK_CALM_PERCENT) != 0)
        goto out_clear_queue;
    if (desk.served > 0)
        printf("served %u tickets, each after %u steps and for %u minutes on average\n",
               (unsigned)desk.served, (unsigned)(desk.waited / desk.served),
               (unsigned)(desk.minutes / desk.served));
    printf("closing: %zu tickets still waiting go back to the pool\n", desk.waiting.length);
    status = 0;

out_clear_queue:
    queue_clear(&desk.waiting);
    pool_destroy(pool);
    return status;
}
