/* golden-sanitize */
#include <stdlib.h>
struct node { struct node *next; int v; };
static int second(struct node *n)
{
    return n->next->v;
}
int main(void)
{
    struct node *n = calloc(1, sizeof *n);
    int v = second(n);
    free(n);
    return v;
}
