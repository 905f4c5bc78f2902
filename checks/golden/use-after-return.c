#include <stdio.h>
/* A pointer to a local array used after its function returned. */
static int *make(void)
{
    int values[512];
    for (int i = 0; i < 512; i++)
        values[i] = i;
    int *p = values;
    return p;
}
int main(void)
{
    int *v = make();
    printf("%d\n", v[3]);
    return 0;
}
