/* strslab.c — record strings from aligned slabs (see strslab.h). */
#include "strslab.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugepage.h"
#include "xalloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define STRSLAB_PLAIN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STRSLAB_PLAIN 1
#endif
#endif

/* A slab is SLAB_SIZE bytes at an address that is a multiple of SLAB_SIZE,
 * so a string's slab is its address rounded down. A string longer than
 * SLAB_SHARED_MAX gets a slab of its own, as many SLAB_SIZEs as it needs;
 * it starts right after the header, inside the first SLAB_SIZE. */
#define SLAB_SIZE ((size_t)2 << 20)
#define SLAB_SHARED_MAX (SLAB_SIZE / 8)

struct slab {
    atomic_size_t live; /* strings not yet freed, plus one while it is a thread's current slab */
    size_t used;        /* bytes handed out, the header included */
};

#define SLAB_HEADER ((sizeof(struct slab) + 15) & ~(size_t)15)

#ifndef STRSLAB_PLAIN
static _Thread_local struct slab *current;

static struct slab *slab_new(size_t size)
{
    struct slab *s = xaligned_alloc(SLAB_SIZE, size);
    advise_huge_pages(s, size);
    atomic_init(&s->live, 1);
    s->used = SLAB_HEADER;
    return s;
}

static void slab_unref(struct slab *s)
{
    if (atomic_fetch_sub_explicit(&s->live, 1, memory_order_acq_rel) == 1)
        free(s);
}
#endif

char *strslab_dupn(const char *src, size_t n)
{
    char *p;
#ifdef STRSLAB_PLAIN
    p = xmalloc(n + 1);
#else
    size_t need = n + 1;
    if (need > SLAB_SHARED_MAX) {
        size_t size = (SLAB_HEADER + need + SLAB_SIZE - 1) & ~(SLAB_SIZE - 1);
        p = (char *)slab_new(size) + SLAB_HEADER; /* its one reference is this string */
    } else {
        if (!current || SLAB_SIZE - current->used < need) {
            if (current)
                slab_unref(current);
            current = slab_new(SLAB_SIZE);
        }
        p = (char *)current + current->used;
        current->used += need;
        atomic_fetch_add_explicit(&current->live, 1, memory_order_relaxed);
    }
#endif
    if (n)
        memcpy(p, src, n);
    p[n] = '\0';
    return p;
}

char *strslab_dup(const char *s)
{
    return strslab_dupn(s, strlen(s));
}

void strslab_free(char *s)
{
    if (!s)
        return;
#ifdef STRSLAB_PLAIN
    free(s);
#else
    slab_unref((struct slab *)((uintptr_t)s & ~(uintptr_t)(SLAB_SIZE - 1)));
#endif
}

void strslab_thread_done(void)
{
#ifndef STRSLAB_PLAIN
    if (current)
        slab_unref(current);
    current = NULL;
#endif
}
