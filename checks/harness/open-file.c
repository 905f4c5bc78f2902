/* Leaves a file open: the checks must name it. */
#include <stdio.h>

int main(void)
{
    FILE *out = fopen("left-open.txt", "w");

    if (out == NULL) {
        fputs("open-file: cannot open left-open.txt\n", stderr);
        return 1;
    }
    fputs("hello\n", out);
    fflush(out);
    puts("hello, heap");
    return 0;
}
