/* buf.c — a growable byte buffer; secret buffers are wiped when they move. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugepage.h"
#include "wipe.h"
#include "xalloc.h"

/* Moves the data into cap bytes. */
static void grow_to(struct buf *b, size_t cap)
{
    if (b->secret) {
        /* realloc could leave a copy behind: move by hand and wipe. */
        char *n = xmalloc(cap);
        if (b->data) {
            memcpy(n, b->data, b->len + 1);
            wipe(b->data, b->cap);
            free(b->data);
        }
        b->data = n;
    } else {
        b->data = xrealloc(b->data, cap);
    }
    b->cap = cap;
    if (cap >= 2 * HUGE_PAGE_SIZE)
        advise_huge_pages(b->data, cap); /* list answers are megabytes */
}

bool buf_reserve(struct buf *b, size_t extra)
{
    if (b->limit && b->len + extra > b->limit)
        return false;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    grow_to(b, cap);
    return true;
}

bool buf_reserve_exact(struct buf *b, size_t extra)
{
    if (b->limit && b->len + extra > b->limit)
        return false;
    size_t need = b->len + extra + 1;
    if (need > b->cap)
        grow_to(b, need);
    return true;
}

bool buf_append(struct buf *b, const void *data, size_t len)
{
    if (!buf_reserve(b, len))
        return false;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return true;
}

bool buf_append_str(struct buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

bool buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    bool ok = n >= 0 && buf_reserve(b, (size_t)n);
    if (ok) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
    return ok;
}

void buf_reset(struct buf *b)
{
    if (b->data && b->secret)
        wipe(b->data, b->cap);
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
    if (b->data && b->secret)
        wipe(b->data, b->cap);
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *buf_steal(struct buf *b, size_t *len)
{
    if (!b->data) {
        buf_reserve(b, 0);
        b->data[0] = '\0';
    }
    char *d = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}
