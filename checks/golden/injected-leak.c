#include <stdio.h>
#include <stdlib.h>
/* The second malloc fails and the first leaks. golden-env: INJECT_FAIL_AT=2 */
int main(void)
{
    char *a = malloc(80);
    if (!a)
        return 1;
    char *b = malloc(160);
    if (!b) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    free(b);
    free(a);
    return 0;
}
