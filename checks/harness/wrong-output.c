/* Correct memory, wrong words: the output comparison must catch it. */
#include <stdio.h>

int main(void)
{
    puts("hello, stack");
    return 0;
}
