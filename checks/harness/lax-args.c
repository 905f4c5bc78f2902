/* Accepts anything as its count: the bad-arguments check must catch it. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    int count = argc > 1 ? atoi(argv[1]) : 1;

    for (int i = 0; i < count; i++)
        puts("hello, heap");
    return 0;
}
