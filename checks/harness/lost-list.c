/* Loses the only pointer to a node that owns another block: the checks must
 * name the node as definitely lost first, then what it held. */
#include <stdio.h>
#include <stdlib.h>

struct node {
    char *name;     /* owned: 16 bytes */
};

int main(void)
{
    struct node *node = malloc(sizeof *node);

    if (node == NULL) {
        fputs("lost-list: out of memory\n", stderr);
        return 1;
    }
    node->name = malloc(16);
    if (node->name == NULL) {
        free(node);
        fputs("lost-list: out of memory\n", stderr);
        return 1;
    }
    puts("hello, heap");
    node = NULL;
    return 0;
}
