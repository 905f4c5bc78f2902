#include <stdio.h>
/* A struct with padding written whole: its padding was never set. */
struct record { char tag; int value; };
static int save(FILE *f)
{
    struct record r;
    r.tag = 'a';
    r.value = 42;
    return fwrite(&r, sizeof r, 1, f) == 1 ? 0 : -1;
}
int main(void)
{
    FILE *f = fopen("golden-record.dat", "wb");
    if (!f)
        return 1;
    int rc = save(f);
    if (fclose(f) != 0)
        rc = -1;
    return rc ? 1 : 0;
}
