#include <stdlib.h>
#include <string.h>
int main(void)
{
    char *s = calloc(32, 1);
    if (!s)
        return 1;
    strcpy(s, "abcdefgh");
    strncpy(s + 1, s, 5);
    free(s);
    return 0;
}
