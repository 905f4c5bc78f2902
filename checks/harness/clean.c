/* A correct program: the checks must pass it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *text = malloc(sizeof "hello, heap");

    if (text == NULL) {
        fputs("clean: out of memory\n", stderr);
        return 1;
    }
    strcpy(text, "hello, heap");
    puts(text);
    free(text);
    return 0;
}
