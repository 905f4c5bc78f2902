#include <stdlib.h>
#include <valgrind/memcheck.h>
/* A client request that finds bytes no one may touch: a report the
   workbook has no words of its own for. */
int main(void)
{
    char *p = malloc(8);
    if (!p)
        return 1;
    VALGRIND_CHECK_MEM_IS_ADDRESSABLE(p, 16);
    free(p);
    return 0;
}
