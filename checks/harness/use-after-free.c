/* Reads a block after freeing it: the checks must name a use after free. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *number = malloc(sizeof *number);

    if (number == NULL) {
        fputs("use-after-free: out of memory\n", stderr);
        return 1;
    }
    *number = 42;
    free(number);
    printf("hello, heap %d\n", *number);
    return 0;
}
