#include <stdlib.h>
#include <unistd.h>
int main(void)
{
    char *p = calloc(8, 1);
    if (!p)
        return 1;
    if (write(1, p + 4, 8) < 0)
        return 1;
    free(p);
    return 0;
}
