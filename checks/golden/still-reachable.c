#include <stdlib.h>
/* A block a global still points at when the program ends. */
static char *kept;
static char *make(void)
{
    return malloc(32);
}
int main(void)
{
    kept = make();
    return kept ? 0 : 1;
}
