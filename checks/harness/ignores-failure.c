/* Uses malloc's result without a check: the failure sweep must catch it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *text = malloc(sizeof "hello, heap");

    strcpy(text, "hello, heap");
    puts(text);
    free(text);
    return 0;
}
