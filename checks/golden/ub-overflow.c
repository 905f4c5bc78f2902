/* golden-sanitize */
#include <limits.h>
#include <stdio.h>
/* A signed overflow: undefined behaviour, which Valgrind does not see. */
int main(int argc, char **argv)
{
    int big = INT_MAX - 1 + argc;
    (void)argv;
    printf("%d\n", big + 1);
    return 0;
}
