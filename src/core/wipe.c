/* wipe.c — erase secrets in a way the compiler keeps. */
#include "wipe.h"

#include <stdlib.h>
#include <string.h>

void wipe(void *p, size_t len)
{
    /* explicit_bzero is memset that is never optimised away: as fast as
     * memset, which matters for the megabytes of a list answer */
    if (p && len)
        explicit_bzero(p, len);
}

void wipe_free_str(char *s)
{
    if (!s)
        return;
    wipe(s, strlen(s));
    free(s);
}
