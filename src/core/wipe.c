/* wipe.c — erase secrets in a way the compiler keeps. */
#include "wipe.h"

#include <malloc.h>
#include <openssl/crypto.h>
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

void wipe_free_block(void *p)
{
    if (p) {
        wipe(p, malloc_usable_size(p));
        free(p);
    }
}

void *wipe_realloc(void *p, size_t size)
{
    if (!p)
        return malloc(size);
    if (!size) {
        wipe_free_block(p);
        return NULL;
    }
    /* realloc may move the block and leave the old one as it was */
    void *moved = malloc(size);
    if (!moved)
        return NULL;
    size_t old = malloc_usable_size(p);
    memcpy(moved, p, old < size ? old : size);
    wipe_free_block(p);
    return moved;
}

static void *ossl_malloc(size_t size, const char *file, int line)
{
    (void)file;
    (void)line;
    return malloc(size);
}

static void *ossl_realloc(void *p, size_t size, const char *file, int line)
{
    (void)file;
    (void)line;
    return wipe_realloc(p, size);
}

static void ossl_free(void *p, const char *file, int line)
{
    (void)file;
    (void)line;
    wipe_free_block(p);
}

void wipe_install_openssl(void)
{
    CRYPTO_set_mem_functions(ossl_malloc, ossl_realloc, ossl_free);
}
