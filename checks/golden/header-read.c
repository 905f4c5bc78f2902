#include <stdlib.h>
#include <string.h>
/* A tracking allocator's header read before a block it did not make. */
struct header { size_t size; };
static size_t tracked_size(void *p)
{
    struct header *h = (struct header *)p - 1;
    return h->size;
}
int main(void)
{
    char *name = strdup("ada");
    if (!name)
        return 1;
    size_t n = tracked_size(name);
    free(name);
    return n == 0;
}
