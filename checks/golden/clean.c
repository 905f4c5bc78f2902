#include <stdio.h>
#include <stdlib.h>
/* A clean program: the engine must find nothing. */
int main(void)
{
    char *p = malloc(16);
    if (!p)
        return 1;
    snprintf(p, 16, "clean");
    puts(p);
    free(p);
    return 0;
}
