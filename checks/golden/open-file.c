#include <stdio.h>
/* A file opened and never closed. */
int main(void)
{
    FILE *f = fopen("golden-open.txt", "w");
    if (!f)
        return 1;
    fputs("left open\n", f);
    fflush(f);
    return 0;
}
