/* A write through a pointer made from a number. */
int main(void)
{
    volatile int *p = (int *)0x12345678;
    *p = 1;
    return 0;
}
