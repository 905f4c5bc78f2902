/* Writes through a wild pointer and dies of SIGSEGV: the checks must say so. */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    volatile int *wild = (int *)(uintptr_t)0xdead0000u;

    puts("hello, heap");
    fflush(stdout);
    *wild = 1;
    return 0;
}
