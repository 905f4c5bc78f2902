#include <stdlib.h>
int main(void)
{
    char *a = malloc(16);
    char *b = malloc(16);
    for (int i = 16; i < 96; i++)
        a[i] = (char)i;
    free(a);
    free(b);
    for (int k = 0; k < 40; k++)
        free(malloc(1 << 20));
    return 0;
}
