/* Leaks the first block when the second allocation fails: only the
 * failure sweep can see it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *first = malloc(6);
    char *second;

    if (first == NULL) {
        fputs("error-path-leak: out of memory\n", stderr);
        return 1;
    }
    second = malloc(6);
    if (second == NULL) {
        fputs("error-path-leak: out of memory\n", stderr);
        return 1;
    }
    strcpy(first, "hello");
    strcpy(second, "heap");
    printf("%s, %s\n", first, second);
    free(second);
    free(first);
    return 0;
}
