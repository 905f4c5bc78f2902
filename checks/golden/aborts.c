#include <stdlib.h>
/* A program that aborts. */
static void fail(void)
{
    abort();
}
int main(void)
{
    fail();
    return 0;
}
