/* Never ends: the checks must stop it and say so, within their time bound. */
#include <stdio.h>

int main(void)
{
    volatile unsigned long spins = 0;

    puts("hello, heap");
    for (;;)
        spins++;
}
