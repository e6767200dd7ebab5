/* strslab.c — record strings from aligned slabs (see strslab.h). */
#include "strslab.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
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

#ifdef STRSLAB_PLAIN
#include <sanitizer/asan_interface.h>
#endif

/* Written at the head of every slab (and of every string in plain mode) and
 * checked by strslab_free: anything else handed to it stops the program. */
#define STRSLAB_MAGIC UINT64_C(0x63642d736c616221) /* "cd-slab!" */

/* A string freed here that did not come from here (a plain heap string put
 * into a record) would corrupt the heap quietly: say so and stop, in every
 * build. */
static _Noreturn void foreign(const void *s, const char *why)
{
    fprintf(stderr, "certdeck: strslab_free(%p): %s; only strings from strslab_dup may be "
            "freed here\n", s, why);
    abort();
}

#ifdef STRSLAB_PLAIN
/* Each string is its own malloc block with the magic in a header before it,
 * so AddressSanitizer keeps seeing every string on its own. */
#define PLAIN_HEADER 16

char *strslab_dupn(const char *src, size_t n)
{
    char *block = xmalloc(PLAIN_HEADER + n + 1);
    uint64_t magic = STRSLAB_MAGIC;
    memcpy(block, &magic, sizeof(magic));
    char *p = block + PLAIN_HEADER;
    if (n)
        memcpy(p, src, n);
    p[n] = '\0';
    return p;
}

void strslab_free(char *s)
{
    if (!s)
        return;
    char *block = s - PLAIN_HEADER;
    /* a foreign block's header would be its red zone: ask before reading */
    if (__asan_region_is_poisoned(block, PLAIN_HEADER))
        foreign(s, "not a record string");
    uint64_t magic;
    memcpy(&magic, block, sizeof(magic));
    if (magic != STRSLAB_MAGIC)
        foreign(s, "not a record string");
    memset(block, 0, sizeof(magic)); /* a second free fails the check too */
    free(block);
}

void strslab_thread_done(void)
{
}

#else

/* A slab is SLAB_SIZE bytes at an address that is a multiple of SLAB_SIZE,
 * so a string's slab is its address rounded down. A string longer than
 * SLAB_SHARED_MAX gets a slab of its own, as many SLAB_SIZEs as it needs;
 * it starts right after the header, inside the first SLAB_SIZE. */
#define SLAB_SHIFT 21
#define SLAB_SIZE ((size_t)1 << SLAB_SHIFT)
#define SLAB_SHARED_MAX (SLAB_SIZE / 8)

struct slab {
    uint64_t magic;     /* STRSLAB_MAGIC while the slab lives */
    atomic_size_t live; /* strings not yet freed, plus one while it is a thread's current slab */
    size_t used;        /* bytes handed out, the header included */
};

#define SLAB_HEADER ((sizeof(struct slab) + 15) & ~(size_t)15)

/* Which SLAB_SIZE units of the address space start a live slab: one bit
 * each over 48-bit addresses (16 MiB of zero pages, touched only where slabs
 * are). strslab_free reads a slab header only after its bit says one is
 * there: a foreign string's rounded-down address may not be mapped at all. */
#define SLAB_ADDR_BITS 48
#define SLAB_UNITS ((size_t)1 << (SLAB_ADDR_BITS - SLAB_SHIFT))
static _Atomic uint64_t slab_known[SLAB_UNITS / 64];

static size_t unit_of(const void *p)
{
    return (size_t)((uintptr_t)p >> SLAB_SHIFT);
}

static bool slab_is_known(const void *p)
{
    size_t u = unit_of(p);
    return u < SLAB_UNITS &&
           (atomic_load_explicit(&slab_known[u / 64], memory_order_acquire) >> (u % 64) & 1);
}

static _Thread_local struct slab *current;

static struct slab *slab_new(size_t size)
{
    struct slab *s = xaligned_alloc(SLAB_SIZE, size);
    size_t u = unit_of(s);
    if (u >= SLAB_UNITS) {
        fprintf(stderr, "certdeck: a string slab at %p lies past the %d-bit addresses it can "
                "track\n", (void *)s, SLAB_ADDR_BITS);
        abort();
    }
    advise_huge_pages(s, size);
    s->magic = STRSLAB_MAGIC;
    atomic_init(&s->live, 1);
    s->used = SLAB_HEADER;
    atomic_fetch_or_explicit(&slab_known[u / 64], UINT64_C(1) << (u % 64), memory_order_release);
    return s;
}

static void slab_unref(struct slab *s)
{
    if (atomic_fetch_sub_explicit(&s->live, 1, memory_order_acq_rel) == 1) {
        size_t u = unit_of(s);
        atomic_fetch_and_explicit(&slab_known[u / 64], ~(UINT64_C(1) << (u % 64)),
                                  memory_order_release);
        s->magic = 0;
        free(s);
    }
}

char *strslab_dupn(const char *src, size_t n)
{
    char *p;
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
    if (n)
        memcpy(p, src, n);
    p[n] = '\0';
    return p;
}

void strslab_free(char *s)
{
    if (!s)
        return;
    struct slab *slab = (struct slab *)((uintptr_t)s & ~(uintptr_t)(SLAB_SIZE - 1));
    if (!slab_is_known(slab))
        foreign(s, "not inside any string slab");
    if (slab->magic != STRSLAB_MAGIC || (char *)s < (char *)slab + SLAB_HEADER)
        foreign(s, "its slab header is not a string slab's");
    slab_unref(slab);
}

void strslab_thread_done(void)
{
    if (current)
        slab_unref(current);
    current = NULL;
}
#endif

char *strslab_dup(const char *s)
{
    return strslab_dupn(s, strlen(s));
}
