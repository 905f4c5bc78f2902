#include <stdlib.h>
typedef int (*fn_t)(void);
int main(void)
{
    fn_t *table = calloc(1, sizeof *table);
    int r = table[0]();
    free(table);
    return r;
}
