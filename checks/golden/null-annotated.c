#include <stddef.h>
#include <valgrind/memcheck.h>
/* A pool that marks a block defined before it checks it: the block is NULL,
   so Memcheck was told the NULL page is addressable, and only the kernel's
   signal says what happened. */
struct block { struct block *next; };
static struct block *take(struct block *free_list)
{
    VALGRIND_MAKE_MEM_DEFINED(free_list, sizeof *free_list);
    return free_list->next;
}
int main(void)
{
    return take(NULL) != NULL;
}
