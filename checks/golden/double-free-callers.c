/* golden-sanitize */
#include <stdlib.h>
struct box { int *data; };
static void box_destroy(struct box *b)
{
    free(b->data);
    free(b);
}
static void release_all(struct box *b)
{
    box_destroy(b);
}
int main(void)
{
    struct box *b = malloc(sizeof *b);
    struct box *c = malloc(sizeof *c);
    if (!b || !c)
        return 1;
    b->data = malloc(4);
    c->data = b->data;
    free(c);
    release_all(b);
    box_destroy(b);
    return 0;
}
