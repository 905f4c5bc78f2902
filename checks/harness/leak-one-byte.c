/* Leaks one byte: the checks must name a leak. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *byte = malloc(1);

    if (byte == NULL) {
        fputs("leak-one-byte: out of memory\n", stderr);
        return 1;
    }
    *byte = 'x';
    puts("hello, heap");
    return 0;
}
