/* wipe.c — erase secrets; OPENSSL_cleanse cannot be optimised away. */
#include "wipe.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

void wipe(void *p, size_t len)
{
    if (p && len)
        OPENSSL_cleanse(p, len);
}

void wipe_free_str(char *s)
{
    if (!s)
        return;
    wipe(s, strlen(s));
    free(s);
}
