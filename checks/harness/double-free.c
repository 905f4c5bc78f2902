/* Frees one block twice: the checks must name a double free. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *text = malloc(8);

    if (text == NULL) {
        fputs("double-free: out of memory\n", stderr);
        return 1;
    }
    puts("hello, heap");
    free(text);
    free(text);
    return 0;
}
