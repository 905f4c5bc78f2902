#include <stdlib.h>
/* free() of a local variable's address. */
int main(void)
{
    int local = 3;
    int *p = &local;
    free(p);
    return 0;
}
