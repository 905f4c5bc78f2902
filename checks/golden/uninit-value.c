#include <stdio.h>
/* An uninitialised local used as an index. */
int main(void)
{
    int table[4] = { 1, 2, 3, 4 };
    int i;
    volatile int *t = table;
    return t[i & 3] == 9;
}
