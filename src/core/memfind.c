/* memfind.c — see memfind.h. */
#include "memfind.h"

#include <string.h>

const char *mem_find(const char *hay, const char *end, const char *needle, size_t n)
{
    for (const char *p = hay; (size_t)(end - p) >= n; p++) {
        p = memchr(p, needle[0], (size_t)(end - p) - n + 1);
        if (!p)
            return NULL;
        if (memcmp(p, needle, n) == 0)
            return p;
    }
    return NULL;
}
