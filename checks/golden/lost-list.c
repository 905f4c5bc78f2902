/* golden-sanitize */
#include <stdlib.h>
/* A list head lost with its node: one block definitely lost, one indirectly. */
struct node { struct node *next; long value; };
int main(void)
{
    struct node *head = malloc(sizeof *head);
    if (!head)
        return 1;
    head->next = malloc(sizeof *head->next);
    head = NULL;
    return 0;
}
