#include <stdlib.h>
int main(int argc, char **argv)
{
    (void)argv;
    long n = -argc;
    char *p = malloc((size_t)n);
    free(p);
    return 0;
}
